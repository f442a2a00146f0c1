/*
 * netmap.h - the contract between netmap.ko and the programs that use it.
 *
 * Everything here is shared, byte for byte, with netmap API 14 on x86_64:
 * a program compiled against the upstream netmap headers must run on our
 * module, and a program compiled against this file must run on upstream.
 * So nothing in this file may change size, order or value; tests/c/test_abi.c
 * pins every layout with _Static_assert.
 *
 * The same file is read by the kernel (with __KERNEL__ defined) and by user
 * space (C11). The only differences between the two views are where the
 * basic types come from, the type of netmap_ring.ts, and that fields the
 * kernel alone writes are const for user space.
 *
 * The text and code are ours; only the numbers and names are netmap's.
 */
#ifndef NET_NETMAP_H
#define NET_NETMAP_H

#ifdef __KERNEL__
#include <linux/types.h>	/* uint32_t & co., ssize_t */
#include <linux/ioctl.h>
#include <linux/if.h>		/* IFNAMSIZ, for code that expects it */
#include <linux/time_types.h>	/* struct __kernel_old_timeval */
#else
#include <stdint.h>
#include <sys/types.h>		/* ssize_t */
#include <sys/ioctl.h>
#include <sys/time.h>		/* struct timeval */
#include <net/if.h>		/* IFNAMSIZ, for programs that expect it */
#endif

/*
 * NETMAP_API is what we speak. NIOCCTRL answers nr_version values in
 * [NETMAP_MIN_API, NETMAP_MAX_API] and refuses the rest with EINVAL.
 */
#define NETMAP_API	14
#define NETMAP_MIN_API	14
#define NETMAP_MAX_API	15

/*
 * Fields written only by the kernel are const in the user-space view, so
 * that a stray store is a compile error there; the kernel fills them in.
 */
#ifdef __KERNEL__
#define NM_KERNEL_OWNED
#else
#define NM_KERNEL_OWNED const
#endif

/*
 * Big enough for a cache line on every architecture netmap cares about;
 * keeps the kernel-private sem[] area of a ring off the user's hot fields.
 */
#define NM_CACHE_ALIGN	128

/*
 * Width of the short name fields. It is IFNAMSIZ, spelled out because
 * strict ISO C user builds do not get IFNAMSIZ from <net/if.h>.
 */
#define NM_IFNAMSIZ	16

/* ------------------------------------------------------------------ */
/* Shared memory: slots, rings, interfaces                             */
/* ------------------------------------------------------------------ */

/*
 * The shared region is three pools laid end to end: netmap_if objects,
 * netmap_ring objects, packet buffers. Nothing in it holds a pointer; every
 * reference is an offset or an index, so it means the same at any mapping
 * address and in the kernel.
 */

/*
 * One descriptor in a ring. buf_idx names a buffer in the buffer pool;
 * user space may put another index here (a zero-copy swap) provided it
 * also sets NS_BUF_CHANGED, because the kernel caches per-buffer mapping
 * state and must be told to look again.
 */
struct netmap_slot {
	uint32_t buf_idx;	/* index of the buffer in the buffer pool */
	uint16_t len;		/* bytes of packet data in the buffer */
	uint16_t flags;		/* NS_* below */
	uint64_t ptr;		/* NS_INDIRECT address, or the offset field */
};

/* netmap_slot.flags */
#define NS_BUF_CHANGED	0x0001	/* buf_idx is new since the last sync */
#define NS_REPORT	0x0002	/* tx: ask for a completion report */
#define NS_FORWARD	0x0004	/* rx with NR_FORWARD: pass to the peer ring */
#define NS_NO_LEARN	0x0008	/* VALE: do not learn the source address */
#define NS_INDIRECT	0x0010	/* VALE tx: the data is at ptr, not in buf */
#define NS_MOREFRAG	0x0020	/* another slot of this packet follows */
#define NS_TXMON	0x0040	/* monitor: the copy came from a tx ring */

/* Bits 8..15: VALE destination port on tx; fragment count on VALE rx. */
#define NS_PORT_SHIFT	8
#define NS_PORT_MASK	(0xff << NS_PORT_SHIFT)

/* Longest chain of NS_MOREFRAG slots one packet may span. */
#define NETMAP_MAX_FRAGS	64

/*
 * One ring as user space sees it: a 256-byte header, then num_slots slots.
 *
 * Ownership is split by three indices, all in [0, num_slots):
 *
 *   head  written by user space. Slots [head, tail) belong to user space;
 *         moving head forward hands slots back to the kernel at the next
 *         sync: on tx they are sent, on rx they are released for reuse.
 *   cur   written by user space, in [head, tail]. Where poll() waits: it
 *         reports the ring ready once tail has moved past cur. cur may run
 *         ahead of head to wait for more room without giving slots back.
 *   tail  written by the kernel only. Slots [tail, head) belong to the
 *         kernel, including their buffers; user space must not touch them.
 *
 * All of it is taken modulo num_slots. After register a tx ring has
 * head = cur = 0 and tail = num_slots - 1: one slot is always held back,
 * so a full ring and an empty one never look alike. An rx ring starts with
 * head = cur = tail = 0.
 *
 * txsync sends [old head, new head) and moves tail over the slots whose
 * transmission has completed; everything has gone once tail reaches
 * head - 1. rxsync takes back [old head, new head) and moves tail over
 * newly received slots.
 *
 * The kernel copies head and cur once per sync and checks that both lie in
 * [old head, tail]. If either does not, it reinitialises the ring to its
 * own view (head, cur and tail rewritten), poll() reports POLLERR and the
 * sync ioctl fails with EINVAL.
 */
struct netmap_ring {
	/* Offset of the buffer pool from this header: see NETMAP_BUF(). */
	NM_KERNEL_OWNED int64_t buf_ofs;
	NM_KERNEL_OWNED uint32_t num_slots;
	NM_KERNEL_OWNED uint32_t nr_buf_size;	/* bytes per buffer */
	NM_KERNEL_OWNED uint16_t ringid;	/* index within its direction */
	NM_KERNEL_OWNED uint16_t dir;		/* 0 tx, 1 rx */

	uint32_t head;		/* user: first slot user space holds */
	uint32_t cur;		/* user: wake-up point, head <= cur <= tail */
	uint32_t tail;		/* kernel: first slot the kernel holds */

	uint32_t flags;		/* NR_TIMESTAMP, NR_FORWARD */

	/* kernel: time of the last sync, when NR_TIMESTAMP is set. */
#ifdef __KERNEL__
	/* The kernel has no struct timeval; this is its exact layout. */
	struct __kernel_old_timeval ts;
#else
	struct timeval ts;
#endif

	/*
	 * With the NETMAP_REQ_OPT_OFFSETS option, the low bits of slot.ptr
	 * selected by offset_mask hold where the packet starts within its
	 * buffer; buf_align is the alignment tx offsets must respect.
	 * Both are 0 when the option was not given.
	 */
	NM_KERNEL_OWNED uint64_t offset_mask;
	NM_KERNEL_OWNED uint64_t buf_align;

	/* Opaque to user space; on its own cache line. */
	uint8_t sem[128] __attribute__((__aligned__(NM_CACHE_ALIGN)));

	struct netmap_slot slot[];	/* num_slots entries */
};

/* netmap_ring.flags, set by user space */
#define NR_TIMESTAMP	0x0002	/* fill ts on every sync */
#define NR_FORWARD	0x0004	/* honour NS_FORWARD on this rx ring */

/*
 * One per bound file descriptor, at nr_offset in the shared region. Read
 * only for user space, except ni_bufs_head, which user space may rewrite
 * to hand a (different) list of extra buffers back at close.
 */
struct netmap_if {
	char ni_name[NM_IFNAMSIZ];		/* port name */
	NM_KERNEL_OWNED uint32_t ni_version;	/* NETMAP_API of the kernel */
	NM_KERNEL_OWNED uint32_t ni_flags;	/* NI_* below */
	NM_KERNEL_OWNED uint32_t ni_tx_rings;	/* hardware tx rings */
	NM_KERNEL_OWNED uint32_t ni_rx_rings;	/* hardware rx rings */
	/*
	 * First of the extra buffers granted by nr_extra_bufs, 0 if none.
	 * The list is threaded through the buffers: the first uint32_t of
	 * each is the index of the next, and 0 ends it.
	 */
	uint32_t ni_bufs_head;
	/* At least 1 each, even for ports that have no host rings. */
	NM_KERNEL_OWNED uint32_t ni_host_tx_rings;
	NM_KERNEL_OWNED uint32_t ni_host_rx_rings;
	uint32_t ni_spare1[3];
	/*
	 * Offset of each ring from this netmap_if, in this order: hardware
	 * tx, host tx, hardware rx, host rx. A ring this descriptor did not
	 * bind has 0, so user code finds its rings by skipping zeros.
	 */
	NM_KERNEL_OWNED ssize_t ring_ofs[];
};

/* netmap_if.ni_flags */
#define NI_PRIV_MEM	0x1	/* the port has a memory region of its own */

/* ------------------------------------------------------------------ */
/* Control requests: NIOCCTRL                                          */
/* ------------------------------------------------------------------ */

/* Largest body plus option chain a request may carry. */
#define NETMAP_REQ_MAXSIZE	4096

/*
 * Argument of NIOCCTRL. The kernel reads nr_reqtype to learn the body's
 * size, so the first two fields must never move. nr_body is 0 exactly for
 * the request types that have no body.
 */
#define NETMAP_REQ_IFNAMSIZ	64

struct nmreq_header {
	uint16_t nr_version;	/* NETMAP_API the caller was built for */
	uint16_t nr_reqtype;	/* NETMAP_REQ_* */
	uint32_t nr_reserved;	/* must be 0 */
	char nr_name[NETMAP_REQ_IFNAMSIZ];	/* port, e.g. eth0 or vale0:a */
	uint64_t nr_options;	/* user address of the first nmreq_option */
	uint64_t nr_body;	/* user address of the request body */
};

/* nmreq_header.nr_reqtype, and the body each one takes */
enum {
	NETMAP_REQ_REGISTER = 1,	  /* struct nmreq_register */
	NETMAP_REQ_PORT_INFO_GET = 2,	  /* struct nmreq_port_info_get */
	NETMAP_REQ_VALE_ATTACH = 3,	  /* struct nmreq_vale_attach */
	NETMAP_REQ_VALE_DETACH = 4,	  /* struct nmreq_vale_detach */
	NETMAP_REQ_VALE_LIST = 5,	  /* struct nmreq_vale_list */
	NETMAP_REQ_PORT_HDR_SET = 6,	  /* struct nmreq_port_hdr */
	NETMAP_REQ_PORT_HDR_GET = 7,	  /* struct nmreq_port_hdr */
	NETMAP_REQ_VALE_NEWIF = 8,	  /* struct nmreq_vale_newif */
	NETMAP_REQ_VALE_DELIF = 9,	  /* no body */
	NETMAP_REQ_VALE_POLLING_ENABLE = 10,  /* struct nmreq_vale_polling */
	NETMAP_REQ_VALE_POLLING_DISABLE = 11, /* struct nmreq_vale_polling */
	NETMAP_REQ_POOLS_INFO_GET = 12,	  /* struct nmreq_pools_info */
	NETMAP_REQ_SYNC_KLOOP_START = 13, /* struct nmreq_sync_kloop_start */
	NETMAP_REQ_SYNC_KLOOP_STOP = 14,  /* no body */
	NETMAP_REQ_CSB_ENABLE = 15,	  /* no body */
};

/*
 * Every option starts with this header; options form a singly linked list
 * of user addresses through nro_next. The kernel sets nro_status to
 * EOPNOTSUPP on entry and to 0 when a handler accepts the option, and
 * always copies the headers back, so the caller can see which option was
 * refused. nro_size is the whole option's size for options that end in an
 * array, 0 otherwise.
 */
struct nmreq_option {
	uint64_t nro_next;	/* user address of the next option, or 0 */
	uint32_t nro_reqtype;	/* NETMAP_REQ_OPT_* */
	uint32_t nro_status;	/* out: 0 or a positive errno */
	uint64_t nro_size;
};

/* nmreq_option.nro_reqtype */
enum {
	NETMAP_REQ_OPT_EXTMEM = 1,		/* nmreq_opt_extmem */
	NETMAP_REQ_OPT_SYNC_KLOOP_EVENTFDS = 2,	/* ..._sync_kloop_eventfds */
	NETMAP_REQ_OPT_CSB = 3,			/* nmreq_opt_csb */
	NETMAP_REQ_OPT_SYNC_KLOOP_MODE = 4,	/* nmreq_opt_sync_kloop_mode */
	NETMAP_REQ_OPT_OFFSETS = 5,		/* nmreq_opt_offsets */
	NETMAP_REQ_OPT_MAX = 6,			/* one past the last type */
};

/*
 * NETMAP_REQ_REGISTER: bind this fd to rings of the port named in the
 * header. The ring and slot counts are requests on input and the truth on
 * output. Register hands back nr_mode, nr_ringid and nr_flags unchanged,
 * the extra buffers actually granted, and a nonzero nr_mem_id.
 */
struct nmreq_register {
	uint64_t nr_offset;	/* out: netmap_if offset in the region */
	uint64_t nr_memsize;	/* out: bytes to mmap */
	uint32_t nr_tx_slots;
	uint32_t nr_rx_slots;
	uint16_t nr_tx_rings;
	uint16_t nr_rx_rings;
	uint16_t nr_host_tx_rings;
	uint16_t nr_host_rx_rings;
	uint16_t nr_mem_id;	/* in: wanted region, 0 any; out: the region */
	uint16_t nr_ringid;	/* ring for NR_REG_ONE_NIC / NR_REG_ONE_SW */
	uint32_t nr_mode;	/* NR_REG_* */
	uint32_t nr_extra_bufs;	/* in: wanted; out: granted */
	uint64_t nr_flags;	/* NR_* below; unknown bits come back as is */
};

/* nmreq_register.nr_mode: which rings the fd binds */
enum {
	NR_REG_DEFAULT = 0,	/* legacy only; NIOCCTRL refuses it */
	NR_REG_ALL_NIC = 1,	/* every hardware ring */
	NR_REG_SW = 2,		/* the host rings */
	NR_REG_NIC_SW = 3,	/* both of the above */
	NR_REG_ONE_NIC = 4,	/* hardware ring pair nr_ringid */
	NR_REG_PIPE_MASTER = 5,	/* legacy only: use the name x{N */
	NR_REG_PIPE_SLAVE = 6,	/* legacy only: use the name x}N */
	NR_REG_NULL = 7,	/* no rings, memory only */
	NR_REG_ONE_SW = 8,	/* host ring pair nr_ringid */
};

/* nmreq_register.nr_flags */
#define NR_MONITOR_TX		0x100	/* monitor the tx side */
#define NR_MONITOR_RX		0x200	/* monitor the rx side */
#define NR_ZCOPY_MON		0x400	/* zero-copy monitor */
#define NR_EXCLUSIVE		0x800	/* no other fd may bind these rings */
#define NR_RX_RINGS_ONLY	0x2000	/* bind the rx rings of the mode only */
#define NR_TX_RINGS_ONLY	0x4000	/* bind the tx rings of the mode only */
#define NR_ACCEPT_VNET_HDR	0x8000	/* caller handles a virtio-net header */
#define NR_DO_RX_POLL		0x10000	/* poll() rxsyncs even without POLLIN */
#define NR_NO_TX_POLL		0x20000	/* poll() does not txsync */

/* NETMAP_REQ_PORT_INFO_GET: what register would give, without binding. */
struct nmreq_port_info_get {
	uint64_t nr_memsize;
	uint32_t nr_tx_slots;
	uint32_t nr_rx_slots;
	uint16_t nr_tx_rings;
	uint16_t nr_rx_rings;
	uint16_t nr_host_tx_rings;
	uint16_t nr_host_rx_rings;
	uint16_t nr_mem_id;	/* in/out */
	uint16_t pad[3];
};

/* VALE switch port names start with this prefix: vale0:a, valeX:Y. */
#define NM_BDG_NAME	"vale"

/*
 * NETMAP_REQ_VALE_ATTACH: attach the port named by the header (valeX:ifname)
 * to switch valeX. Attaching may register the port, hence reg.
 */
struct nmreq_vale_attach {
	struct nmreq_register reg;
	uint32_t port_index;	/* out: where the port landed */
	uint32_t pad1;
};

/* NETMAP_REQ_VALE_DETACH */
struct nmreq_vale_detach {
	uint32_t port_index;	/* out: where the port was */
	uint32_t pad1;
};

/*
 * NETMAP_REQ_VALE_LIST: with an empty name, walk all switches and ports
 * one call at a time starting from the two indices; with a name, look
 * that port up.
 */
struct nmreq_vale_list {
	uint16_t nr_bridge_idx;
	uint16_t pad1;
	uint32_t nr_port_idx;
};

/* NETMAP_REQ_PORT_HDR_SET / _GET: length of the per-packet port header. */
struct nmreq_port_hdr {
	uint32_t nr_hdr_len;
	uint32_t pad1;
};

/* NETMAP_REQ_VALE_NEWIF: create a persistent VALE port. */
struct nmreq_vale_newif {
	uint32_t nr_tx_slots;
	uint32_t nr_rx_slots;
	uint16_t nr_tx_rings;
	uint16_t nr_rx_rings;
	uint16_t nr_mem_id;
	uint16_t pad1;
};

/* NETMAP_REQ_VALE_POLLING_ENABLE / _DISABLE */
struct nmreq_vale_polling {
	uint32_t nr_mode;	/* NETMAP_POLLING_MODE_* */
	uint32_t nr_first_cpu_id;
	uint32_t nr_num_polling_cpus;
	uint32_t pad1;
};

#define NETMAP_POLLING_MODE_SINGLE_CPU	1
#define NETMAP_POLLING_MODE_MULTI_CPU	2

/*
 * NETMAP_REQ_POOLS_INFO_GET: geometry of a memory region. Offsets are from
 * the start of the region; objects are objsize bytes each.
 */
struct nmreq_pools_info {
	uint64_t nr_memsize;
	uint16_t nr_mem_id;	/* in/out */
	uint16_t pad1[3];
	uint64_t nr_if_pool_offset;
	uint32_t nr_if_pool_objtotal;
	uint32_t nr_if_pool_objsize;
	uint64_t nr_ring_pool_offset;
	uint32_t nr_ring_pool_objtotal;
	uint32_t nr_ring_pool_objsize;
	uint64_t nr_buf_pool_offset;
	uint32_t nr_buf_pool_objtotal;
	uint32_t nr_buf_pool_objsize;
};

/*
 * NETMAP_REQ_SYNC_KLOOP_START: the calling thread stays in the kernel and
 * syncs the rings of a CSB-mode fd until NETMAP_REQ_SYNC_KLOOP_STOP.
 */
struct nmreq_sync_kloop_start {
	uint32_t sleep_us;	/* idle sleep between passes */
	uint32_t pad1;
};

/*
 * CSB mode: head/cur travel application -> kernel in nm_csb_atok and the
 * kernel's view travels back in nm_csb_ktoa, one of each per ring, instead
 * of through the netmap_ring header. Each is one 64-byte line so the two
 * directions never share a cache line.
 */
struct nm_csb_atok {
	uint32_t head;
	uint32_t cur;
	uint32_t appl_need_kick;	/* application wants a notification */
	uint32_t sync_flags;
	uint32_t pad[12];
};

struct nm_csb_ktoa {
	uint32_t hwcur;
	uint32_t hwtail;
	uint32_t kern_need_kick;	/* kernel wants a notification */
	uint32_t pad[13];
};

/* Option bodies; each begins with its struct nmreq_option. */

/* NETMAP_REQ_OPT_EXTMEM: build the region in memory the caller mapped. */
struct nmreq_opt_extmem {
	struct nmreq_option nro_opt;
	uint64_t nro_usrptr;		/* user address of the memory */
	struct nmreq_pools_info nro_info;	/* in: wanted; out: result */
};

/* NETMAP_REQ_OPT_SYNC_KLOOP_EVENTFDS: one pair per bound ring. */
struct nmreq_opt_sync_kloop_eventfds {
	struct nmreq_option nro_opt;	/* nro_size covers the array */
	struct {
		int32_t ioeventfd;	/* application -> kernel, or -1 */
		int32_t irqfd;		/* kernel -> application, or -1 */
	} eventfds[];
};

/* NETMAP_REQ_OPT_SYNC_KLOOP_MODE */
struct nmreq_opt_sync_kloop_mode {
	struct nmreq_option nro_opt;
	uint32_t mode;			/* NM_OPT_SYNC_KLOOP_* */
};

#define NM_OPT_SYNC_KLOOP_DIRECT_TX	(1 << 0)
#define NM_OPT_SYNC_KLOOP_DIRECT_RX	(1 << 1)

/* NETMAP_REQ_OPT_CSB: user addresses of the two CSB arrays. */
struct nmreq_opt_csb {
	struct nmreq_option nro_opt;
	uint64_t csb_atok;		/* struct nm_csb_atok[rings] */
	uint64_t csb_ktoa;		/* struct nm_csb_ktoa[rings] */
};

/*
 * NETMAP_REQ_OPT_OFFSETS: packets may start at an offset within their
 * buffer, kept in the low nro_offset_bits of slot.ptr (see offset_mask in
 * struct netmap_ring).
 */
struct nmreq_opt_offsets {
	struct nmreq_option nro_opt;
	uint64_t nro_max_offset;	/* in: largest used; out: allowed */
	uint64_t nro_initial_offset;	/* put in every slot at register */
	uint32_t nro_offset_bits;	/* bits of ptr; 0 for all of it */
	uint32_t nro_tx_align;		/* alignment of tx packet starts */
	uint64_t nro_min_gap;		/* reserved, 0 */
};

/*
 * The request ioctl. Only the header's size is encoded in the number; the
 * kernel copies the body and options itself, bounded by
 * NETMAP_REQ_MAXSIZE.
 */
#define NIOCCTRL	_IOWR('i', 151, struct nmreq_header)

/*
 * Sync the rings bound to the fd; no argument, never blocking. They
 * validate head and cur as described above struct netmap_ring.
 */
#define NIOCTXSYNC	_IO('i', 148)
#define NIOCRXSYNC	_IO('i', 149)

/* ------------------------------------------------------------------ */
/* Legacy control: NIOCGINFO, NIOCREGIF, NIOCCONFIG                    */
/* ------------------------------------------------------------------ */

/*
 * The pre-NIOCCTRL request. The kernel turns it into the equivalent
 * nmreq_header request; modes 5 and 6 become pipe suffixes on the name.
 * Any nr_version >= NETMAP_MIN_API is accepted.
 */
struct nmreq {
	char nr_name[NM_IFNAMSIZ];
	uint32_t nr_version;
	uint32_t nr_offset;	/* out: netmap_if offset */
	uint32_t nr_memsize;	/* out: bytes to mmap */
	uint32_t nr_tx_slots;
	uint32_t nr_rx_slots;
	uint16_t nr_tx_rings;
	uint16_t nr_rx_rings;
	uint16_t nr_ringid;	/* ring number and NETMAP_* bits below */
	uint16_t nr_cmd;	/* 0 to register, else NETMAP_BDG_* & co. */
	uint16_t nr_arg1;	/* command-specific */
	uint16_t nr_arg2;	/* memory region id */
	uint32_t nr_arg3;	/* extra buffers */
	uint32_t nr_flags;	/* NR_REG_* in the low bits, NR_* above */
	uint32_t spare2[1];
};

/* nmreq.nr_ringid */
#define NETMAP_HW_RING		0x4000	/* bind one hardware ring pair */
#define NETMAP_SW_RING		0x2000	/* bind the host rings only */
#define NETMAP_RING_MASK	0x0fff	/* ring number */
#define NETMAP_NO_TX_POLL	0x1000	/* as NR_NO_TX_POLL */
#define NETMAP_DO_RX_POLL	0x8000	/* as NR_DO_RX_POLL */

/* nmreq.nr_flags: the mode lives in these bits */
#define NR_REG_MASK		0xf

/* nmreq.nr_cmd */
#define NETMAP_BDG_ATTACH	1
#define NETMAP_BDG_DETACH	2
#define NETMAP_BDG_REGOPS	3
#define NETMAP_BDG_LIST		4
#define NETMAP_BDG_VNET_HDR	5
#define NETMAP_BDG_NEWIF	6
#define NETMAP_BDG_DELIF	7
#define NETMAP_PT_HOST_CREATE	8
#define NETMAP_PT_HOST_DELETE	9
#define NETMAP_BDG_POLLING_ON	10
#define NETMAP_BDG_POLLING_OFF	11
#define NETMAP_VNET_HDR_GET	12
#define NETMAP_POOLS_INFO_GET	13

/* nmreq.nr_arg1 with NETMAP_BDG_ATTACH: attach the host rings as well */
#define NETMAP_BDG_HOST		1

/* Argument of NIOCCONFIG, passed through to a VALE port's owner. */
#define NM_IFRDATA_LEN	256

struct nm_ifreq {
	char nifr_name[NM_IFNAMSIZ];
	char data[NM_IFRDATA_LEN];
};

#define NIOCGINFO	_IOWR('i', 145, struct nmreq)
#define NIOCREGIF	_IOWR('i', 146, struct nmreq)
#define NIOCCONFIG	_IOWR('i', 150, struct nm_ifreq)

#endif /* NET_NETMAP_H */
