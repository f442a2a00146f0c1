/*
 * test_abi.c - pin include/net/netmap.h to netmap API 14 on x86_64.
 *
 * Every size, offset, ioctl number and constant listed in
 * /work/shared/NETMAP-ABI.md is checked at compile time: if the header
 * drifts, this file stops compiling and says which fact broke. The checks
 * sit in functions only so that each one can also be counted; the count is
 * what the program prints. A few run-time checks then drive the helpers of
 * net/netmap_user.h over a small fake region built in heap memory.
 *
 * Build and run:
 *	gcc -std=gnu11 -Wall -Wextra -Werror -Iinclude tests/c/test_abi.c \
 *		-o /tmp/test_abi && /tmp/test_abi
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sys/types.h>

#include <net/netmap.h>
#include <net/netmap_user.h>

static unsigned int checks;
static unsigned int failures;

/* A compile-time fact; counted so the summary line says how many held. */
#define SCHECK(e)                         \
	do {                              \
		_Static_assert((e), #e);  \
		checks++;                 \
	} while (0)

/* Offset and width of one member, both checked. */
#define FIELD(type, member, off, size)                                  \
	do {                                                            \
		SCHECK(offsetof(struct type, member) == (off));         \
		SCHECK(sizeof(((struct type *)0)->member) == (size));   \
	} while (0)

/* True for a signed integer type, false for an unsigned one. */
#define IS_SIGNED(lvalue) ((__typeof__(lvalue))-1 < 0)

#define RCHECK(e)                                                       \
	do {                                                            \
		if (e) {                                                \
			checks++;                                       \
		} else {                                                \
			fprintf(stderr, "test_abi: %s:%d: FAILED: %s\n", \
				__FILE__, __LINE__, #e);                \
			failures++;                                     \
		}                                                       \
	} while (0)

static void check_versions(void)
{
	SCHECK(NETMAP_API == 14);
	SCHECK(NETMAP_MIN_API == 14);
	SCHECK(NETMAP_MAX_API == 15);
}

static void check_ioctls(void)
{
	SCHECK(NIOCGINFO == 0xc03c6991);
	SCHECK(NIOCREGIF == 0xc03c6992);
	SCHECK(NIOCTXSYNC == 0x6994);
	SCHECK(NIOCRXSYNC == 0x6995);
	SCHECK(NIOCCONFIG == 0xc1106996);
	SCHECK(NIOCCTRL == 0xc0586997);
}

static void check_header(void)
{
	SCHECK(sizeof(struct nmreq_header) == 88);
	FIELD(nmreq_header, nr_version, 0, 2);
	FIELD(nmreq_header, nr_reqtype, 2, 2);
	FIELD(nmreq_header, nr_reserved, 4, 4);
	FIELD(nmreq_header, nr_name, 8, 64);
	FIELD(nmreq_header, nr_options, 72, 8);
	FIELD(nmreq_header, nr_body, 80, 8);
	SCHECK(NETMAP_REQ_IFNAMSIZ == 64);
	SCHECK(NM_IFNAMSIZ == 16);
#ifdef IFNAMSIZ
	SCHECK(NM_IFNAMSIZ == IFNAMSIZ);
#endif
	SCHECK(NETMAP_REQ_MAXSIZE == 4096);
}

static void check_reqtypes(void)
{
	SCHECK(NETMAP_REQ_REGISTER == 1);
	SCHECK(NETMAP_REQ_PORT_INFO_GET == 2);
	SCHECK(NETMAP_REQ_VALE_ATTACH == 3);
	SCHECK(NETMAP_REQ_VALE_DETACH == 4);
	SCHECK(NETMAP_REQ_VALE_LIST == 5);
	SCHECK(NETMAP_REQ_PORT_HDR_SET == 6);
	SCHECK(NETMAP_REQ_PORT_HDR_GET == 7);
	SCHECK(NETMAP_REQ_VALE_NEWIF == 8);
	SCHECK(NETMAP_REQ_VALE_DELIF == 9);
	SCHECK(NETMAP_REQ_VALE_POLLING_ENABLE == 10);
	SCHECK(NETMAP_REQ_VALE_POLLING_DISABLE == 11);
	SCHECK(NETMAP_REQ_POOLS_INFO_GET == 12);
	SCHECK(NETMAP_REQ_SYNC_KLOOP_START == 13);
	SCHECK(NETMAP_REQ_SYNC_KLOOP_STOP == 14);
	SCHECK(NETMAP_REQ_CSB_ENABLE == 15);
}

static void check_bodies(void)
{
	SCHECK(sizeof(struct nmreq_port_info_get) == 32);
	SCHECK(sizeof(struct nmreq_vale_attach) == 64);
	FIELD(nmreq_vale_attach, reg, 0, sizeof(struct nmreq_register));
	FIELD(nmreq_vale_attach, port_index, 56, 4);
	SCHECK(sizeof(struct nmreq_vale_detach) == 8);
	SCHECK(sizeof(struct nmreq_vale_list) == 8);
	SCHECK(sizeof(struct nmreq_port_hdr) == 8);
	SCHECK(sizeof(struct nmreq_vale_newif) == 16);
	SCHECK(sizeof(struct nmreq_vale_polling) == 16);
	SCHECK(sizeof(struct nmreq_pools_info) == 64);
}

static void check_register(void)
{
	SCHECK(sizeof(struct nmreq_register) == 56);
	FIELD(nmreq_register, nr_offset, 0, 8);
	FIELD(nmreq_register, nr_memsize, 8, 8);
	FIELD(nmreq_register, nr_tx_slots, 16, 4);
	FIELD(nmreq_register, nr_rx_slots, 20, 4);
	FIELD(nmreq_register, nr_tx_rings, 24, 2);
	FIELD(nmreq_register, nr_rx_rings, 26, 2);
	FIELD(nmreq_register, nr_host_tx_rings, 28, 2);
	FIELD(nmreq_register, nr_host_rx_rings, 30, 2);
	FIELD(nmreq_register, nr_mem_id, 32, 2);
	FIELD(nmreq_register, nr_ringid, 34, 2);
	FIELD(nmreq_register, nr_mode, 36, 4);
	FIELD(nmreq_register, nr_extra_bufs, 40, 4);
	FIELD(nmreq_register, nr_flags, 48, 8);

	SCHECK(NR_REG_DEFAULT == 0);
	SCHECK(NR_REG_ALL_NIC == 1);
	SCHECK(NR_REG_SW == 2);
	SCHECK(NR_REG_NIC_SW == 3);
	SCHECK(NR_REG_ONE_NIC == 4);
	SCHECK(NR_REG_PIPE_MASTER == 5);
	SCHECK(NR_REG_PIPE_SLAVE == 6);
	SCHECK(NR_REG_NULL == 7);
	SCHECK(NR_REG_ONE_SW == 8);

	SCHECK(NR_MONITOR_TX == 0x100);
	SCHECK(NR_MONITOR_RX == 0x200);
	SCHECK(NR_ZCOPY_MON == 0x400);
	SCHECK(NR_EXCLUSIVE == 0x800);
	SCHECK(NR_RX_RINGS_ONLY == 0x2000);
	SCHECK(NR_TX_RINGS_ONLY == 0x4000);
	SCHECK(NR_ACCEPT_VNET_HDR == 0x8000);
	SCHECK(NR_DO_RX_POLL == 0x10000);
	SCHECK(NR_NO_TX_POLL == 0x20000);
}

static void check_options(void)
{
	SCHECK(sizeof(struct nmreq_option) == 24);
	FIELD(nmreq_option, nro_next, 0, 8);
	FIELD(nmreq_option, nro_reqtype, 8, 4);
	FIELD(nmreq_option, nro_status, 12, 4);
	FIELD(nmreq_option, nro_size, 16, 8);

	SCHECK(NETMAP_REQ_OPT_EXTMEM == 1);
	SCHECK(NETMAP_REQ_OPT_SYNC_KLOOP_EVENTFDS == 2);
	SCHECK(NETMAP_REQ_OPT_CSB == 3);
	SCHECK(NETMAP_REQ_OPT_SYNC_KLOOP_MODE == 4);
	SCHECK(NETMAP_REQ_OPT_OFFSETS == 5);

	/* Each option body starts with its header. */
	FIELD(nmreq_opt_extmem, nro_opt, 0, 24);
	FIELD(nmreq_opt_sync_kloop_eventfds, nro_opt, 0, 24);
	FIELD(nmreq_opt_sync_kloop_mode, nro_opt, 0, 24);
	FIELD(nmreq_opt_csb, nro_opt, 0, 24);
	FIELD(nmreq_opt_offsets, nro_opt, 0, 24);
}

static void check_netmap_if(void)
{
	FIELD(netmap_if, ni_name, 0, 16);
	FIELD(netmap_if, ni_version, 16, 4);
	FIELD(netmap_if, ni_flags, 20, 4);
	FIELD(netmap_if, ni_tx_rings, 24, 4);
	FIELD(netmap_if, ni_rx_rings, 28, 4);
	FIELD(netmap_if, ni_bufs_head, 32, 4);
	FIELD(netmap_if, ni_host_tx_rings, 36, 4);
	FIELD(netmap_if, ni_host_rx_rings, 40, 4);
	FIELD(netmap_if, ni_spare1, 44, 12);
	SCHECK(offsetof(struct netmap_if, ring_ofs) == 56);
	SCHECK(sizeof(((struct netmap_if *)0)->ring_ofs[0]) == 8);
	SCHECK(IS_SIGNED(((struct netmap_if *)0)->ring_ofs[0]));
	SCHECK(_Generic(((struct netmap_if *)0)->ring_ofs[0],
			ssize_t: 1, default: 0));
	SCHECK(sizeof(struct netmap_if) == 56);
	SCHECK(NI_PRIV_MEM == 0x1);
}

static void check_netmap_ring(void)
{
	FIELD(netmap_ring, buf_ofs, 0, 8);
	SCHECK(IS_SIGNED(((struct netmap_ring *)0)->buf_ofs));
	FIELD(netmap_ring, num_slots, 8, 4);
	FIELD(netmap_ring, nr_buf_size, 12, 4);
	FIELD(netmap_ring, ringid, 16, 2);
	FIELD(netmap_ring, dir, 18, 2);
	FIELD(netmap_ring, head, 20, 4);
	FIELD(netmap_ring, cur, 24, 4);
	FIELD(netmap_ring, tail, 28, 4);
	FIELD(netmap_ring, flags, 32, 4);
	FIELD(netmap_ring, ts, 40, 16);
	SCHECK(_Generic(((struct netmap_ring *)0)->ts,
			struct timeval: 1, default: 0));
	FIELD(netmap_ring, offset_mask, 56, 8);
	FIELD(netmap_ring, buf_align, 64, 8);
	FIELD(netmap_ring, sem, 128, 128);
	SCHECK(offsetof(struct netmap_ring, slot) == 256);
	SCHECK(sizeof(struct netmap_ring) == 256);
	SCHECK(_Alignof(struct netmap_ring) == 128);

	SCHECK(NR_TIMESTAMP == 0x2);
	SCHECK(NR_FORWARD == 0x4);
}

static void check_netmap_slot(void)
{
	SCHECK(sizeof(struct netmap_slot) == 16);
	FIELD(netmap_slot, buf_idx, 0, 4);
	FIELD(netmap_slot, len, 4, 2);
	FIELD(netmap_slot, flags, 6, 2);
	FIELD(netmap_slot, ptr, 8, 8);

	SCHECK(NS_BUF_CHANGED == 0x1);
	SCHECK(NS_REPORT == 0x2);
	SCHECK(NS_FORWARD == 0x4);
	SCHECK(NS_NO_LEARN == 0x8);
	SCHECK(NS_INDIRECT == 0x10);
	SCHECK(NS_MOREFRAG == 0x20);
	SCHECK(NS_TXMON == 0x40);
	SCHECK(NS_PORT_SHIFT == 8);
	SCHECK(NS_PORT_MASK == 0xff00);
}

static void check_legacy(void)
{
	SCHECK(sizeof(struct nmreq) == 60);
	FIELD(nmreq, nr_name, 0, 16);
	FIELD(nmreq, nr_version, 16, 4);
	FIELD(nmreq, nr_offset, 20, 4);
	FIELD(nmreq, nr_memsize, 24, 4);
	FIELD(nmreq, nr_tx_slots, 28, 4);
	FIELD(nmreq, nr_rx_slots, 32, 4);
	FIELD(nmreq, nr_tx_rings, 36, 2);
	FIELD(nmreq, nr_rx_rings, 38, 2);
	FIELD(nmreq, nr_ringid, 40, 2);
	FIELD(nmreq, nr_cmd, 42, 2);
	FIELD(nmreq, nr_arg1, 44, 2);
	FIELD(nmreq, nr_arg2, 46, 2);
	FIELD(nmreq, nr_arg3, 48, 4);
	FIELD(nmreq, nr_flags, 52, 4);
	FIELD(nmreq, spare2, 56, 4);

	SCHECK(NETMAP_HW_RING == 0x4000);
	SCHECK(NETMAP_SW_RING == 0x2000);
	SCHECK(NETMAP_RING_MASK == 0x0fff);
	SCHECK(NETMAP_NO_TX_POLL == 0x1000);
	SCHECK(NETMAP_DO_RX_POLL == 0x8000);
	SCHECK(NR_REG_MASK == 0xf);

	/* nr_cmd values: from the upstream header, not from the ABI page. */
	SCHECK(NETMAP_BDG_ATTACH == 1);
	SCHECK(NETMAP_BDG_DETACH == 2);
	SCHECK(NETMAP_BDG_REGOPS == 3);
	SCHECK(NETMAP_BDG_LIST == 4);
	SCHECK(NETMAP_BDG_VNET_HDR == 5);
	SCHECK(NETMAP_BDG_NEWIF == 6);
	SCHECK(NETMAP_BDG_DELIF == 7);
	SCHECK(NETMAP_PT_HOST_CREATE == 8);
	SCHECK(NETMAP_PT_HOST_DELETE == 9);
	SCHECK(NETMAP_BDG_POLLING_ON == 10);
	SCHECK(NETMAP_BDG_POLLING_OFF == 11);
	SCHECK(NETMAP_VNET_HDR_GET == 12);
	SCHECK(NETMAP_POOLS_INFO_GET == 13);

	SCHECK(sizeof(struct nm_ifreq) == 272);
	FIELD(nm_ifreq, nifr_name, 0, 16);
	FIELD(nm_ifreq, data, 16, 256);
}

/* Sizes fixed by the upstream header though absent from the ABI page. */
static void check_extras(void)
{
	SCHECK(sizeof(struct nmreq_sync_kloop_start) == 8);
	SCHECK(sizeof(struct nm_csb_atok) == 64);
	SCHECK(sizeof(struct nm_csb_ktoa) == 64);
	SCHECK(sizeof(struct nmreq_opt_extmem) == 24 + 8 + 64);
	SCHECK(sizeof(struct nmreq_opt_csb) == 24 + 16);
	SCHECK(sizeof(struct nmreq_opt_sync_kloop_eventfds) == 24);
	SCHECK(sizeof(struct nmreq_opt_sync_kloop_mode) == 32);
}

/*
 * A fake region: one netmap_if, four rings (hardware tx 0 and 1, host tx,
 * hardware rx 0, host rx) and a buffer pool, laid out as the kernel would.
 * The kernel-owned ring fields are const to user space, so they are set
 * through their byte offsets, which is also what the kernel's view means.
 */
enum {
	FAKE_SLOTS = 8,
	FAKE_BUF_SIZE = 2048,
	FAKE_BUFS = 16,
	FAKE_RING_SIZE = 1024,	/* 256-byte header + 8 slots, rounded up */
	FAKE_IF_SIZE = 1024,
	FAKE_RINGS = 5,
	FAKE_BUF_POOL = FAKE_IF_SIZE + FAKE_RINGS * FAKE_RING_SIZE,
	FAKE_TOTAL = FAKE_BUF_POOL + FAKE_BUFS * FAKE_BUF_SIZE,
};

static void put(char *base, size_t off, const void *val, size_t len)
{
	memcpy(base + off, val, len);
}

static void fake_ring(char *mem, size_t ofs)
{
	int64_t buf_ofs = (int64_t)FAKE_BUF_POOL - (int64_t)ofs;
	uint32_t slots = FAKE_SLOTS, size = FAKE_BUF_SIZE;
	uint64_t mask = 0xff;

	put(mem, ofs + offsetof(struct netmap_ring, buf_ofs), &buf_ofs, 8);
	put(mem, ofs + offsetof(struct netmap_ring, num_slots), &slots, 4);
	put(mem, ofs + offsetof(struct netmap_ring, nr_buf_size), &size, 4);
	put(mem, ofs + offsetof(struct netmap_ring, offset_mask), &mask, 8);
}

static void check_helpers(void)
{
	/* 128-byte alignment so that struct netmap_ring may live here. */
	char *mem = aligned_alloc(NM_CACHE_ALIGN, FAKE_TOTAL);
	struct netmap_if *nifp;
	struct netmap_ring *tx0, *tx1, *host_tx, *rx0, *host_rx;
	struct netmap_slot *slot;
	uint32_t u32;
	ssize_t ofs;
	int i;

	if (!mem) {
		fprintf(stderr, "test_abi: out of memory\n");
		exit(1);
	}
	memset(mem, 0, FAKE_TOTAL);

	u32 = 2;
	put(mem, offsetof(struct netmap_if, ni_tx_rings), &u32, 4);
	u32 = 1;
	put(mem, offsetof(struct netmap_if, ni_rx_rings), &u32, 4);
	put(mem, offsetof(struct netmap_if, ni_host_tx_rings), &u32, 4);
	put(mem, offsetof(struct netmap_if, ni_host_rx_rings), &u32, 4);
	for (i = 0; i < FAKE_RINGS; i++) {
		ofs = FAKE_IF_SIZE + (ssize_t)i * FAKE_RING_SIZE;
		put(mem, offsetof(struct netmap_if, ring_ofs) +
			 (size_t)i * sizeof(ssize_t), &ofs, sizeof(ofs));
		fake_ring(mem, (size_t)ofs);
	}

	nifp = NETMAP_IF(mem, 0);
	RCHECK((char *)nifp == mem);
	tx0 = NETMAP_TXRING(nifp, 0);
	tx1 = NETMAP_TXRING(nifp, 1);
	host_tx = NETMAP_TXRING(nifp, 2);
	rx0 = NETMAP_RXRING(nifp, 0);
	host_rx = NETMAP_RXRING(nifp, 1);
	RCHECK((char *)tx0 == mem + FAKE_IF_SIZE);
	RCHECK((char *)tx1 == mem + FAKE_IF_SIZE + FAKE_RING_SIZE);
	RCHECK((char *)host_tx == mem + FAKE_IF_SIZE + 2 * FAKE_RING_SIZE);
	/* rx rings come after both hardware and host tx rings */
	RCHECK((char *)rx0 == mem + FAKE_IF_SIZE + 3 * FAKE_RING_SIZE);
	RCHECK((char *)host_rx == mem + FAKE_IF_SIZE + 4 * FAKE_RING_SIZE);

	RCHECK(nm_ring_next(tx0, 0) == 1);
	RCHECK(nm_ring_next(tx0, FAKE_SLOTS - 2) == FAKE_SLOTS - 1);
	RCHECK(nm_ring_next(tx0, FAKE_SLOTS - 1) == 0);

	tx0->head = tx0->cur = 2;
	tx0->tail = 6;
	RCHECK(nm_ring_space(tx0) == 4);
	RCHECK(!nm_ring_empty(tx0));
	tx0->head = tx0->cur = 6;
	tx0->tail = 2;
	RCHECK(nm_ring_space(tx0) == 4);
	tx0->cur = 2;
	RCHECK(nm_ring_space(tx0) == 0);
	RCHECK(nm_ring_empty(tx0));

	/* Right after register: tail one behind head, nothing in flight. */
	tx0->head = tx0->cur = 0;
	tx0->tail = FAKE_SLOTS - 1;
	RCHECK(!nm_tx_pending(tx0));
	RCHECK(nm_ring_space(tx0) == FAKE_SLOTS - 1);
	tx0->head = tx0->cur = 3;
	RCHECK(nm_tx_pending(tx0));
	tx0->tail = 2;
	RCHECK(!nm_tx_pending(tx0));

	/* Every ring of the region reaches the same buffer pool. */
	RCHECK(NETMAP_BUF(tx0, 0) == mem + FAKE_BUF_POOL);
	RCHECK(NETMAP_BUF(tx0, 5) == mem + FAKE_BUF_POOL + 5 * FAKE_BUF_SIZE);
	RCHECK(NETMAP_BUF(host_rx, 5) == NETMAP_BUF(tx0, 5));
	RCHECK(NETMAP_BUF_IDX(rx0, NETMAP_BUF(tx1, 7)) == 7);

	slot = &rx0->slot[1];
	RCHECK((char *)slot == (char *)rx0 + 256 + sizeof(*slot));
	slot->buf_idx = 3;
	slot->ptr = 0x12345600;
	NETMAP_WOFFSET(rx0, slot, 0x42);
	RCHECK(slot->ptr == 0x12345642);
	RCHECK(NETMAP_ROFFSET(rx0, slot) == 0x42);
	RCHECK(NETMAP_BUF_OFFSET(rx0, slot) == NETMAP_BUF(rx0, 3) + 0x42);

	free(mem);
}

int main(void)
{
	check_versions();
	check_ioctls();
	check_header();
	check_reqtypes();
	check_bodies();
	check_register();
	check_options();
	check_netmap_if();
	check_netmap_ring();
	check_netmap_slot();
	check_legacy();
	check_extras();
	check_helpers();

	if (failures) {
		fprintf(stderr, "test_abi: %u of %u checks failed\n", failures,
			failures + checks);
		return 1;
	}
	printf("test_abi: %u checks passed\n", checks);
	return 0;
}
