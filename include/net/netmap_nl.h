/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR BSD-2-Clause */
/*
 * The "netmap" generic netlink family: statistics of the module, read by
 * nmstat. Shared by the kernel and user space; not part of the netmap API
 * 14 ABI (upstream netmap has no such family).
 *
 * Both commands are dumps and take no attributes:
 *
 *   NETMAP_NL_CMD_GET_PORTS  one message per registered port, carrying the
 *                            NETMAP_NL_PORT_A_* attributes. A port whose
 *                            rings do not fit one message continues in the
 *                            next ones, which repeat the port's name and
 *                            carry the remaining rings (binds only in the
 *                            first).
 *   NETMAP_NL_CMD_GET_MEMS   one message per memory region,
 *                            NETMAP_NL_MEM_A_* attributes.
 *
 * Lists are nests whose entries all have attribute type 1
 * (NETMAP_NL_ENTRY). Counters are u64 and restart at 0 when a port is
 * created; a ring counts in `packets` what it moved: a tx ring what it
 * sent, an rx ring what was put into it.
 */
#ifndef _NET_NETMAP_NL_H
#define _NET_NETMAP_NL_H

#define NETMAP_NL_FAMILY "netmap"
#define NETMAP_NL_VERSION 1

enum netmap_nl_cmd {
	NETMAP_NL_CMD_UNSPEC,
	NETMAP_NL_CMD_GET_PORTS,
	NETMAP_NL_CMD_GET_MEMS,
	__NETMAP_NL_CMD_MAX,
};
#define NETMAP_NL_CMD_MAX (__NETMAP_NL_CMD_MAX - 1)

/* Type of every entry of a list nest. */
#define NETMAP_NL_ENTRY 1

enum netmap_nl_port_attr {
	NETMAP_NL_PORT_A_UNSPEC,
	NETMAP_NL_PORT_A_PAD,
	NETMAP_NL_PORT_A_NAME,		/* string */
	NETMAP_NL_PORT_A_KIND,		/* string: "pipe", "generic" */
	NETMAP_NL_PORT_A_MEM_ID,	/* u16 */
	NETMAP_NL_PORT_A_USERS,		/* u32: bound file descriptors */
	NETMAP_NL_PORT_A_TX_RINGS,	/* u16: NIC rings */
	NETMAP_NL_PORT_A_RX_RINGS,	/* u16 */
	NETMAP_NL_PORT_A_HOST_TX_RINGS, /* u16 */
	NETMAP_NL_PORT_A_HOST_RX_RINGS, /* u16 */
	NETMAP_NL_PORT_A_TX_SLOTS,	/* u32 */
	NETMAP_NL_PORT_A_RX_SLOTS,	/* u32 */
	NETMAP_NL_PORT_A_BINDS,		/* nest of NETMAP_NL_BIND_A_* */
	NETMAP_NL_PORT_A_RINGS,		/* nest of NETMAP_NL_RING_A_* */
	__NETMAP_NL_PORT_A_MAX,
};
#define NETMAP_NL_PORT_A_MAX (__NETMAP_NL_PORT_A_MAX - 1)

/* One registered file descriptor. */
enum netmap_nl_bind_attr {
	NETMAP_NL_BIND_A_UNSPEC,
	NETMAP_NL_BIND_A_PAD,
	NETMAP_NL_BIND_A_PID,	 /* u32: registering process (tgid) */
	NETMAP_NL_BIND_A_MODE,	 /* u32: NR_REG_* */
	NETMAP_NL_BIND_A_RINGID, /* u16 */
	NETMAP_NL_BIND_A_FLAGS,	 /* u64: NR_* register flags */
	__NETMAP_NL_BIND_A_MAX,
};
#define NETMAP_NL_BIND_A_MAX (__NETMAP_NL_BIND_A_MAX - 1)

/*
 * One ring. head, cur and tail are the kernel's last validated view of
 * the shared ring (what user space had at its last sync), hwcur and
 * hwtail the kernel's own; see kmod/kring.h.
 */
enum netmap_nl_ring_attr {
	NETMAP_NL_RING_A_UNSPEC,
	NETMAP_NL_RING_A_PAD,
	NETMAP_NL_RING_A_DIR,		 /* u8: 0 tx, 1 rx */
	NETMAP_NL_RING_A_INDEX,		 /* u16: NIC rings first, then host */
	NETMAP_NL_RING_A_HOST,		 /* u8: 1 for a host ring */
	NETMAP_NL_RING_A_SLOTS,		 /* u32 */
	NETMAP_NL_RING_A_USERS,		 /* u32: fds bound to this ring */
	NETMAP_NL_RING_A_HEAD,		 /* u32 */
	NETMAP_NL_RING_A_CUR,		 /* u32 */
	NETMAP_NL_RING_A_TAIL,		 /* u32 */
	NETMAP_NL_RING_A_HWCUR,		 /* u32 */
	NETMAP_NL_RING_A_HWTAIL,	 /* u32 */
	NETMAP_NL_RING_A_PACKETS,	 /* u64 */
	NETMAP_NL_RING_A_BYTES,		 /* u64 */
	NETMAP_NL_RING_A_SYNCS,		 /* u64 */
	NETMAP_NL_RING_A_DROPS_FULL,	 /* u64: rx ring had no free slot */
	NETMAP_NL_RING_A_DROPS_OVERSIZE, /* u64: frame longer than a buffer */
	NETMAP_NL_RING_A_DROPS_NOBUF,	 /* u64: no memory for the frame */
	__NETMAP_NL_RING_A_MAX,
};
#define NETMAP_NL_RING_A_MAX (__NETMAP_NL_RING_A_MAX - 1)

enum netmap_nl_mem_attr {
	NETMAP_NL_MEM_A_UNSPEC,
	NETMAP_NL_MEM_A_PAD,
	NETMAP_NL_MEM_A_ID,    /* u16 */
	NETMAP_NL_MEM_A_SIZE,  /* u64: bytes user space maps */
	NETMAP_NL_MEM_A_USERS, /* u32: registered fds */
	NETMAP_NL_MEM_A_POOLS, /* nest of NETMAP_NL_POOL_A_* */
	__NETMAP_NL_MEM_A_MAX,
};
#define NETMAP_NL_MEM_A_MAX (__NETMAP_NL_MEM_A_MAX - 1)

enum netmap_nl_pool_attr {
	NETMAP_NL_POOL_A_UNSPEC,
	NETMAP_NL_POOL_A_NAME,	  /* string: "if", "ring", "buf" */
	NETMAP_NL_POOL_A_OBJSIZE, /* u32: bytes per object */
	NETMAP_NL_POOL_A_TOTAL,	  /* u32: objects */
	NETMAP_NL_POOL_A_FREE,	  /* u32 */
	NETMAP_NL_POOL_A_IN_USE,  /* u32: total - free */
	__NETMAP_NL_POOL_A_MAX,
};
#define NETMAP_NL_POOL_A_MAX (__NETMAP_NL_POOL_A_MAX - 1)

#endif /* _NET_NETMAP_NL_H */
