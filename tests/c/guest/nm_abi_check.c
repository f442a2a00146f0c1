/*
 * nm_abi_check - what a program built against netmap API 14 may rely on,
 * checked on pipe ports of the running module.
 *
 *	nm_abi_check [NAME...]	run the named checks (all by default)
 *
 * Each check uses pipes of its own name, opens its own descriptors and
 * closes them, so the checks do not depend on each other. Prints
 * "check=NAME ok" or "check=NAME failed" per check, then checks= and
 * failures=.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "nmtest.h"

#define REGION_SIZE                                 \
	((uint64_t)NMT_IF_TOTAL * NMT_IF_SIZE +     \
	 (uint64_t)NMT_RING_TOTAL * NMT_RING_SIZE + \
	 (uint64_t)NMT_BUF_TOTAL * NMT_BUF_SIZE)

static void check_pools_one(uint16_t mem_id)
{
	struct nmreq_pools_info pi;
	char what[64];
	int fd = nmt_open();

	snprintf(what, sizeof(what), "POOLS_INFO_GET mem_id %u", mem_id);
	if (!nmt_check_err(what, 0, nmt_pools_info(fd, mem_id, &pi)))
		goto out;
	nmt_check("pools nr_mem_id", NMT_MEM_ID, pi.nr_mem_id);
	nmt_check("if pool offset", 0, pi.nr_if_pool_offset);
	nmt_check("if pool objtotal", NMT_IF_TOTAL, pi.nr_if_pool_objtotal);
	nmt_check("if pool objsize", NMT_IF_SIZE, pi.nr_if_pool_objsize);
	nmt_check("ring pool offset", (uint64_t)NMT_IF_TOTAL * NMT_IF_SIZE,
		  pi.nr_ring_pool_offset);
	nmt_check("ring pool objtotal", NMT_RING_TOTAL,
		  pi.nr_ring_pool_objtotal);
	nmt_check("ring pool objsize", NMT_RING_SIZE, pi.nr_ring_pool_objsize);
	nmt_check("buf pool offset",
		  (uint64_t)NMT_IF_TOTAL * NMT_IF_SIZE +
			  (uint64_t)NMT_RING_TOTAL * NMT_RING_SIZE,
		  pi.nr_buf_pool_offset);
	nmt_check("buf pool objtotal", NMT_BUF_TOTAL, pi.nr_buf_pool_objtotal);
	nmt_check("buf pool objsize", NMT_BUF_SIZE, pi.nr_buf_pool_objsize);
	nmt_check("pools nr_memsize", REGION_SIZE, pi.nr_memsize);
out:
	close(fd);
}

static void check_pools(void)
{
	check_pools_one(NMT_MEM_ID);
	check_pools_one(0);
}

static void check_register_reply(void)
{
	struct nmt_port p;
	struct nmreq_register reg;
	int err;

	nmt_reg_init(&reg, NR_REG_ALL_NIC, 0, 0x1000);
	reg.nr_extra_bufs = 10;
	err = nmt_port_open_ex(&p, "abireg{0", &reg);
	if (!nmt_check_err("register abireg{0", 0, err))
		return;
	printf("nr_offset=%llu nr_memsize=%llu nr_host_tx_rings=%u "
	       "nr_host_rx_rings=%u\n",
	       (unsigned long long)reg.nr_offset,
	       (unsigned long long)reg.nr_memsize, reg.nr_host_tx_rings,
	       reg.nr_host_rx_rings);
	nmt_check("nr_mode", NR_REG_ALL_NIC, reg.nr_mode);
	nmt_check("nr_ringid", 0, reg.nr_ringid);
	nmt_check("nr_flags (unknown bit 0x1000 kept)", 0x1000, reg.nr_flags);
	nmt_check("nr_mem_id", NMT_MEM_ID, reg.nr_mem_id);
	nmt_check("nr_tx_rings", 1, reg.nr_tx_rings);
	nmt_check("nr_rx_rings", 1, reg.nr_rx_rings);
	nmt_check("nr_tx_slots", NMT_PIPE_SLOTS, reg.nr_tx_slots);
	nmt_check("nr_rx_slots", NMT_PIPE_SLOTS, reg.nr_rx_slots);
	nmt_check("nr_memsize (whole region)", REGION_SIZE, reg.nr_memsize);
	nmt_check("nr_extra_bufs", 10, reg.nr_extra_bufs);
	/* The netmap_if lives in the if pool, on an object boundary. */
	nmt_check("nr_offset in the if pool", 1,
		  reg.nr_offset < (uint64_t)NMT_IF_TOTAL * NMT_IF_SIZE);
	nmt_check("nr_offset % if objsize", 0, reg.nr_offset % NMT_IF_SIZE);
	nmt_port_close(&p);
}

static void check_second_register(void)
{
	struct nmreq_register reg;
	int fd = nmt_open();

	nmt_reg_init(&reg, NR_REG_ALL_NIC, 0, 0);
	if (nmt_check_err("first register", 0,
			  nmt_register(fd, "abitwice{0", &reg))) {
		nmt_reg_init(&reg, NR_REG_ALL_NIC, 0, 0);
		nmt_check_err("second register on one fd (same port)", EBUSY,
			      nmt_register(fd, "abitwice{0", &reg));
		nmt_reg_init(&reg, NR_REG_ALL_NIC, 0, 0);
		nmt_check_err("second register on one fd (other port)", EBUSY,
			      nmt_register(fd, "abitwice}0", &reg));
	}
	close(fd);
}

static void check_mmap_before_register(void)
{
	int fd = nmt_open();
	void *m = mmap(NULL, REGION_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED,
		       fd, 0);

	if (m != MAP_FAILED) {
		nmt_fail("mmap before register, expected ENXIO got a mapping");
		munmap(m, REGION_SIZE);
	} else {
		nmt_check_err("mmap before register", ENXIO, -errno);
	}
	close(fd);
}

static int ring_in_pool(struct nmt_port *p, struct netmap_ring *r)
{
	size_t off = (char *)r - p->mem;
	size_t lo = (size_t)NMT_IF_TOTAL * NMT_IF_SIZE;
	size_t hi = lo + (size_t)NMT_RING_TOTAL * NMT_RING_SIZE;

	return off >= lo &&
	       off + sizeof(*r) + r->num_slots * sizeof(struct netmap_slot) <=
		       hi &&
	       (off - lo) % NMT_RING_SIZE == 0;
}

static void check_netmap_if(void)
{
	struct nmt_port p;
	struct netmap_if *ni;

	if (!nmt_check_err("register abiif{0", 0,
			   nmt_port_open(&p, "abiif{0", NR_REG_ALL_NIC, 0)))
		return;
	ni = p.nifp;
	printf("ni_name=%.16s ni_flags=0x%x\n", ni->ni_name, ni->ni_flags);
	nmt_check("ni_version", NETMAP_API, ni->ni_version);
	nmt_check("ni_tx_rings", 1, ni->ni_tx_rings);
	nmt_check("ni_rx_rings", 1, ni->ni_rx_rings);
	nmt_check("ni_host_tx_rings", 1, ni->ni_host_tx_rings);
	nmt_check("ni_host_rx_rings", 1, ni->ni_host_rx_rings);
	nmt_check("ni_bufs_head without extra buffers", 0, ni->ni_bufs_head);
	nmt_check("ring_ofs[0] (NIC tx) set", 1, ni->ring_ofs[0] != 0);
	nmt_check("ring_ofs[1] (host tx)", 0, ni->ring_ofs[1]);
	nmt_check("ring_ofs[2] (NIC rx) set", 1, ni->ring_ofs[2] != 0);
	nmt_check("ring_ofs[3] (host rx)", 0, ni->ring_ofs[3]);
	if (p.tx && p.rx) {
		nmt_check("NETMAP_TXRING(nifp, 0) is ring_ofs[0]", 1,
			  NETMAP_TXRING(ni, 0) == p.tx);
		nmt_check("NETMAP_RXRING(nifp, 0) is ring_ofs[2]", 1,
			  NETMAP_RXRING(ni, 0) == p.rx);
		nmt_check("tx ring in the ring pool", 1,
			  ring_in_pool(&p, p.tx));
		nmt_check("rx ring in the ring pool", 1,
			  ring_in_pool(&p, p.rx));
		nmt_check("tx and rx rings differ", 1, p.tx != p.rx);
	} else {
		nmt_fail("bound rings, expected tx and rx got %s%s",
			 p.tx ? "tx" : "", p.rx ? "rx" : "");
	}
	nmt_port_close(&p);
}

static void check_ring_header(struct netmap_ring *r, const char *what,
			      uint16_t dir, uint32_t tail)
{
	char buf[96];

#define RCHECK(field, want)                                          \
	do {                                                         \
		snprintf(buf, sizeof(buf), "%s ring " #field, what); \
		nmt_check(buf, want, r->field);                      \
	} while (0)
	RCHECK(num_slots, NMT_PIPE_SLOTS);
	RCHECK(nr_buf_size, NMT_BUF_SIZE);
	RCHECK(ringid, 0);
	RCHECK(dir, dir);
	RCHECK(head, 0);
	RCHECK(cur, 0);
	RCHECK(tail, tail);
	RCHECK(flags, 0);
	RCHECK(offset_mask, 0);
#undef RCHECK
}

/* Every slot's buffer is a real one, not 0 or 1, distinct, zeroed. */
static void check_slots(struct nmt_port *p, struct netmap_ring *r,
			const char *what, uint8_t *seen)
{
	static const char zero[NMT_BUF_SIZE];
	unsigned int i, bad_idx = 0, dups = 0, dirty = 0;

	for (i = 0; i < r->num_slots && i < NMT_PIPE_SLOTS; i++) {
		uint32_t idx = r->slot[i].buf_idx;
		char *b;

		if (idx < 2 || idx >= NMT_BUF_TOTAL) {
			if (bad_idx++ < 3)
				nmt_fail("%s slot %u buf_idx, expected 2..%u "
					 "got %u",
					 what, i, NMT_BUF_TOTAL - 1, idx);
			continue;
		}
		if (seen[idx] && dups++ < 3)
			nmt_fail("%s slot %u buf_idx %u, expected a buffer "
				 "of its own got one already in use",
				 what, i, idx);
		seen[idx] = 1;
		b = NETMAP_BUF(r, idx);
		if (!nmt_in_region(p, b, NMT_BUF_SIZE)) {
			nmt_fail("%s slot %u buffer, expected inside the "
				 "region got offset %td",
				 what, i, b - p->mem);
			continue;
		}
		if (memcmp(b, zero, NMT_BUF_SIZE) && dirty++ < 3)
			nmt_fail("%s slot %u buffer %u, expected zeroed got "
				 "nonzero bytes",
				 what, i, idx);
		if (r->slot[i].len > NMT_BUF_SIZE)
			nmt_fail("%s slot %u len, expected <= %u got %u", what,
				 i, NMT_BUF_SIZE, r->slot[i].len);
	}
	nmt_check("slots with buf_idx outside 2..objtotal-1", 0, bad_idx);
}

static void check_rings(void)
{
	struct nmt_port p;
	uint8_t *seen;
	char *pool;

	if (!nmt_check_err("register abiring{1", 0,
			   nmt_port_open(&p, "abiring{1", NR_REG_ALL_NIC, 0)))
		return;
	if (!p.tx || !p.rx) {
		nmt_fail("bound rings, expected tx and rx got %s%s",
			 p.tx ? "tx" : "", p.rx ? "rx" : "");
		goto out;
	}
	check_ring_header(p.tx, "tx", 0, NMT_PIPE_SLOTS - 1);
	check_ring_header(p.rx, "rx", 1, 0);
	/* buf_ofs is per ring, but every ring points at the one pool. */
	pool = p.mem + (size_t)NMT_IF_TOTAL * NMT_IF_SIZE +
	       (size_t)NMT_RING_TOTAL * NMT_RING_SIZE;
	nmt_check("tx NETMAP_BUF(ring, 0) at the buf pool offset", 0,
		  NETMAP_BUF(p.tx, 0) - pool);
	nmt_check("rx NETMAP_BUF(ring, 0) at the buf pool offset", 0,
		  NETMAP_BUF(p.rx, 0) - pool);
	seen = calloc(NMT_BUF_TOTAL, 1);
	if (!seen)
		nmt_die("calloc, expected memory got none");
	check_slots(&p, p.tx, "tx", seen);
	check_slots(&p, p.rx, "rx", seen);
	free(seen);
	/* A tx buffer is user space's to write. */
	if (p.tx->slot[0].buf_idx >= 2 &&
	    p.tx->slot[0].buf_idx < NMT_BUF_TOTAL) {
		char *b = NETMAP_BUF(p.tx, p.tx->slot[0].buf_idx);

		memset(b, 0xa5, NMT_BUF_SIZE);
		nmt_check("tx buffer written and read back", 0xa5,
			  (uint8_t)b[NMT_BUF_SIZE - 1]);
	}
out:
	nmt_port_close(&p);
}

static void check_extra_bufs(void)
{
	struct nmreq_register reg;
	struct nmt_port p;
	uint8_t *seen;
	uint32_t idx, n = 0;
	unsigned int i;

	nmt_reg_init(&reg, NR_REG_ALL_NIC, 0, 0);
	reg.nr_extra_bufs = 10;
	if (!nmt_check_err("register abixbuf{0 with 10 extra buffers", 0,
			   nmt_port_open_ex(&p, "abixbuf{0", &reg)))
		return;
	nmt_check("nr_extra_bufs granted", 10, p.reg.nr_extra_bufs);
	seen = calloc(NMT_BUF_TOTAL, 1);
	if (!seen)
		nmt_die("calloc, expected memory got none");
	for (i = 0; p.tx && i < p.tx->num_slots && i < NMT_PIPE_SLOTS; i++)
		if (p.tx->slot[i].buf_idx < NMT_BUF_TOTAL)
			seen[p.tx->slot[i].buf_idx] = 1;
	for (i = 0; p.rx && i < p.rx->num_slots && i < NMT_PIPE_SLOTS; i++)
		if (p.rx->slot[i].buf_idx < NMT_BUF_TOTAL)
			seen[p.rx->slot[i].buf_idx] = 2;
	/* Bounded walk: a list that loops must not hang the check. */
	for (idx = p.nifp->ni_bufs_head; idx && n <= 20; n++) {
		if (idx < 2 || idx >= NMT_BUF_TOTAL) {
			nmt_fail("extra buffer %u, expected an index in 2..%u "
				 "got %u",
				 n, NMT_BUF_TOTAL - 1, idx);
			break;
		}
		if (seen[idx]) {
			nmt_fail("extra buffer %u (%u), expected a buffer of "
				 "its own got one %s",
				 n, idx,
				 seen[idx] == 3 ? "already in the list"
						: "also in a ring");
			break;
		}
		seen[idx] = 3;
		if (!nmt_in_region(&p, NETMAP_BUF(p.tx, idx), NMT_BUF_SIZE)) {
			nmt_fail("extra buffer %u, expected inside the region",
				 idx);
			break;
		}
		memcpy(&idx, NETMAP_BUF(p.tx, idx), sizeof(idx));
	}
	nmt_check("extra buffers on the ni_bufs_head list", 10, n);
	free(seen);
	nmt_port_close(&p);
}

static int reg_err(const char *name, uint32_t mode, uint16_t ringid,
		   uint64_t flags)
{
	struct nmreq_register reg;
	int fd = nmt_open(), err;

	nmt_reg_init(&reg, mode, ringid, flags);
	err = nmt_register(fd, name, &reg);
	close(fd);
	return err;
}

static void check_modes(void)
{
	static const struct {
		uint32_t mode;
		uint16_t ringid;
		int err;
		const char *what;
	} cases[] = {
		{NR_REG_ALL_NIC, 0, 0, "ALL_NIC"},
		{NR_REG_ONE_NIC, 0, 0, "ONE_NIC ring 0"},
		{NR_REG_ONE_NIC, 1, EINVAL, "ONE_NIC ring 1 of 1"},
		{NR_REG_ONE_NIC, 0xfff, EINVAL, "ONE_NIC ring 4095"},
		{NR_REG_NULL, 0, 0, "NULL"},
		{NR_REG_DEFAULT, 0, EINVAL, "DEFAULT"},
		{NR_REG_PIPE_MASTER, 0, EINVAL, "PIPE_MASTER"},
		{NR_REG_PIPE_SLAVE, 0, EINVAL, "PIPE_SLAVE"},
		{NR_REG_SW, 0, EINVAL, "SW on a pipe"},
		{NR_REG_ONE_SW, 0, EINVAL, "ONE_SW on a pipe"},
		{NR_REG_NIC_SW, 0, EINVAL, "NIC_SW on a pipe"},
		{9, 0, EINVAL, "unknown mode 9"},
	};
	char what[80];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(what, sizeof(what), "register abimode{0 %s",
			 cases[i].what);
		nmt_check_err(what, cases[i].err,
			      reg_err("abimode{0", cases[i].mode,
				      cases[i].ringid, 0));
	}
}

static void check_null_mode(void)
{
	struct nmt_port p;
	unsigned int i;

	if (!nmt_check_err("register abinull{0 NULL", 0,
			   nmt_port_open(&p, "abinull{0", NR_REG_NULL, 0)))
		return;
	nmt_check("NULL nr_mode", NR_REG_NULL, p.reg.nr_mode);
	nmt_check("NULL nr_mem_id", NMT_MEM_ID, p.reg.nr_mem_id);
	for (i = 0; i < 4; i++)
		if (p.nifp->ring_ofs[i])
			nmt_fail("NULL ring_ofs[%u], expected 0 got %zd", i,
				 p.nifp->ring_ofs[i]);
	nmt_port_close(&p);
}

static void check_one_direction(void)
{
	struct nmt_port p;

	if (nmt_check_err("register abidir{0 TX_RINGS_ONLY", 0,
			  nmt_port_open(&p, "abidir{0", NR_REG_ALL_NIC,
					NR_TX_RINGS_ONLY))) {
		nmt_check("TX_RINGS_ONLY nr_flags", NR_TX_RINGS_ONLY,
			  p.reg.nr_flags);
		nmt_check("TX_RINGS_ONLY ring_ofs[0] set", 1,
			  p.nifp->ring_ofs[0] != 0);
		nmt_check("TX_RINGS_ONLY ring_ofs[2]", 0, p.nifp->ring_ofs[2]);
		nmt_port_close(&p);
	}
	if (nmt_check_err("register abidir{0 RX_RINGS_ONLY", 0,
			  nmt_port_open(&p, "abidir{0", NR_REG_ALL_NIC,
					NR_RX_RINGS_ONLY))) {
		nmt_check("RX_RINGS_ONLY ring_ofs[0]", 0, p.nifp->ring_ofs[0]);
		nmt_check("RX_RINGS_ONLY ring_ofs[2] set", 1,
			  p.nifp->ring_ofs[2] != 0);
		nmt_port_close(&p);
	}
}

static void check_exclusive(void)
{
	struct nmreq_register reg;
	int a = nmt_open(), b = nmt_open(), c, d;

	nmt_reg_init(&reg, NR_REG_ALL_NIC, 0, NR_EXCLUSIVE);
	if (!nmt_check_err("register abiex{0 EXCLUSIVE", 0,
			   nmt_register(a, "abiex{0", &reg)))
		goto out;
	nmt_check("EXCLUSIVE nr_flags", NR_EXCLUSIVE, reg.nr_flags);
	nmt_check_err("register abiex{0 while held exclusively", EBUSY,
		      reg_err("abiex{0", NR_REG_ALL_NIC, 0, 0));
	nmt_check_err("register abiex{0 EXCLUSIVE while held exclusively",
		      EBUSY,
		      reg_err("abiex{0", NR_REG_ALL_NIC, 0, NR_EXCLUSIVE));
	nmt_check_err("register abiex{0 ONE_NIC 0 while held exclusively",
		      EBUSY, reg_err("abiex{0", NR_REG_ONE_NIC, 0, 0));
	/* The other end has rings of its own. */
	nmt_check_err("register abiex}0 while abiex{0 is exclusive", 0,
		      reg_err("abiex}0", NR_REG_ALL_NIC, 0, NR_EXCLUSIVE));

	/* Shared first, then an exclusive request: EBUSY. */
	nmt_reg_init(&reg, NR_REG_ALL_NIC, 0, 0);
	if (nmt_check_err("register abiex{1", 0,
			  nmt_register(b, "abiex{1", &reg))) {
		nmt_check_err("register abiex{1 again, shared", 0,
			      reg_err("abiex{1", NR_REG_ALL_NIC, 0, 0));
		nmt_check_err(
			"register abiex{1 EXCLUSIVE while bound", EBUSY,
			reg_err("abiex{1", NR_REG_ALL_NIC, 0, NR_EXCLUSIVE));
	}

	/* Exclusivity is per ring: tx and rx of one end are separate. */
	c = nmt_open();
	d = nmt_open();
	nmt_reg_init(&reg, NR_REG_ALL_NIC, 0, NR_EXCLUSIVE | NR_TX_RINGS_ONLY);
	nmt_check_err("register abiex{2 EXCLUSIVE tx only", 0,
		      nmt_register(c, "abiex{2", &reg));
	nmt_reg_init(&reg, NR_REG_ALL_NIC, 0, NR_EXCLUSIVE | NR_RX_RINGS_ONLY);
	nmt_check_err("register abiex{2 EXCLUSIVE rx only", 0,
		      nmt_register(d, "abiex{2", &reg));
	nmt_check_err("register abiex{2 both directions", EBUSY,
		      reg_err("abiex{2", NR_REG_ALL_NIC, 0, 0));
	close(c);
	close(d);
out:
	close(a);
	close(b);
}

static void check_header(void)
{
	struct nmreq_port_info_get info;
	struct nmreq_register reg;
	struct nmreq_header hdr;
	int fd = nmt_open();
	unsigned int v;

	for (v = 0; v < 20; v++) {
		char what[64];

		memset(&info, 0, sizeof(info));
		nmt_hdr_init(&hdr, "abihdr{0", NETMAP_REQ_PORT_INFO_GET, &info);
		hdr.nr_version = v;
		snprintf(what, sizeof(what), "PORT_INFO_GET nr_version %u", v);
		nmt_check_err(what, v == 14 || v == 15 ? 0 : EINVAL,
			      nmt_ctrl(fd, &hdr));
	}
	nmt_hdr_init(&hdr, "abihdr{0", NETMAP_REQ_PORT_INFO_GET, &info);
	hdr.nr_version = 0xffff;
	nmt_check_err("nr_version 65535", EINVAL, nmt_ctrl(fd, &hdr));

	nmt_hdr_init(&hdr, "abihdr{0", NETMAP_REQ_PORT_INFO_GET, &info);
	hdr.nr_reserved = 1;
	nmt_check_err("nr_reserved 1", EINVAL, nmt_ctrl(fd, &hdr));
	hdr.nr_reserved = 0x80000000u;
	nmt_check_err("nr_reserved 0x80000000", EINVAL, nmt_ctrl(fd, &hdr));

	nmt_reg_init(&reg, NR_REG_ALL_NIC, 0, 0);
	nmt_hdr_init(&hdr, "", NETMAP_REQ_REGISTER, &reg);
	memset(hdr.nr_name, 'a', sizeof(hdr.nr_name));
	nmt_check_err("register, nr_name without NUL", EINVAL,
		      nmt_ctrl(fd, &hdr));
	nmt_hdr_init(&hdr, "", NETMAP_REQ_PORT_INFO_GET, &info);
	memset(hdr.nr_name, 'a', sizeof(hdr.nr_name));
	nmt_check_err("PORT_INFO_GET, nr_name without NUL", EINVAL,
		      nmt_ctrl(fd, &hdr));

	nmt_hdr_init(&hdr, "abihdr{0", NETMAP_REQ_REGISTER, NULL);
	nmt_check_err("register, nr_body NULL", EINVAL, nmt_ctrl(fd, &hdr));
	nmt_hdr_init(&hdr, "abihdr{0", NETMAP_REQ_PORT_INFO_GET, NULL);
	nmt_check_err("PORT_INFO_GET, nr_body NULL", EINVAL,
		      nmt_ctrl(fd, &hdr));
	nmt_hdr_init(&hdr, "", NETMAP_REQ_POOLS_INFO_GET, NULL);
	nmt_check_err("POOLS_INFO_GET, nr_body NULL", EINVAL,
		      nmt_ctrl(fd, &hdr));

	for (v = 0; v < 4; v++) {
		static const uint16_t bad[] = {0, 16, 100, 0xffff};
		char what[64];

		nmt_hdr_init(&hdr, "abihdr{0", bad[v], &reg);
		snprintf(what, sizeof(what), "nr_reqtype %u", bad[v]);
		nmt_check_err(what, EINVAL, nmt_ctrl(fd, &hdr));
	}
	/* None of these left the fd registered. */
	nmt_reg_init(&reg, NR_REG_ALL_NIC, 0, 0);
	nmt_check_err("register after refused requests", 0,
		      nmt_register(fd, "abihdr{0", &reg));
	close(fd);
}

static void check_vale(void)
{
	static const struct {
		uint16_t type;
		size_t size;
		const char *what;
	} cases[] = {
		{NETMAP_REQ_VALE_ATTACH, sizeof(struct nmreq_vale_attach),
		 "VALE_ATTACH"},
		{NETMAP_REQ_VALE_DETACH, sizeof(struct nmreq_vale_detach),
		 "VALE_DETACH"},
		{NETMAP_REQ_VALE_LIST, sizeof(struct nmreq_vale_list),
		 "VALE_LIST"},
		{NETMAP_REQ_VALE_NEWIF, sizeof(struct nmreq_vale_newif),
		 "VALE_NEWIF"},
		{NETMAP_REQ_VALE_DELIF, 0, "VALE_DELIF"},
		{NETMAP_REQ_VALE_POLLING_ENABLE,
		 sizeof(struct nmreq_vale_polling), "VALE_POLLING_ENABLE"},
		{NETMAP_REQ_VALE_POLLING_DISABLE,
		 sizeof(struct nmreq_vale_polling), "VALE_POLLING_DISABLE"},
	};
	union {
		struct nmreq_vale_attach attach;
		struct nmreq_vale_detach detach;
		struct nmreq_vale_list list;
		struct nmreq_vale_newif newif;
		struct nmreq_vale_polling polling;
	} body;
	struct nmreq_header hdr;
	int fd = nmt_open();
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(&body, 0, sizeof(body));
		nmt_hdr_init(&hdr, "vale0:abi", cases[i].type,
			     cases[i].size ? &body : NULL);
		nmt_check_err(cases[i].what, EOPNOTSUPP, nmt_ctrl(fd, &hdr));
	}
	close(fd);
}

static void check_port_info(void)
{
	struct nmreq_port_info_get info;
	struct nmreq_header hdr;
	int fd = nmt_open();

	memset(&info, 0, sizeof(info));
	nmt_hdr_init(&hdr, "abiinfo{3", NETMAP_REQ_PORT_INFO_GET, &info);
	if (nmt_check_err("PORT_INFO_GET abiinfo{3", 0, nmt_ctrl(fd, &hdr))) {
		nmt_check("info nr_memsize", REGION_SIZE, info.nr_memsize);
		nmt_check("info nr_tx_slots", NMT_PIPE_SLOTS, info.nr_tx_slots);
		nmt_check("info nr_rx_slots", NMT_PIPE_SLOTS, info.nr_rx_slots);
		nmt_check("info nr_tx_rings", 1, info.nr_tx_rings);
		nmt_check("info nr_rx_rings", 1, info.nr_rx_rings);
		nmt_check("info nr_mem_id", NMT_MEM_ID, info.nr_mem_id);
	}
	memset(&info, 0, sizeof(info));
	nmt_hdr_init(&hdr, "abiinfo}63", NETMAP_REQ_PORT_INFO_GET, &info);
	nmt_check_err("PORT_INFO_GET abiinfo}63", 0, nmt_ctrl(fd, &hdr));
	nmt_hdr_init(&hdr, "nosuchif0", NETMAP_REQ_PORT_INFO_GET, &info);
	nmt_check_err("PORT_INFO_GET nosuchif0", ENXIO, nmt_ctrl(fd, &hdr));
	/* Asking did not register the fd; mmap still refuses. */
	nmt_check("mmap after PORT_INFO_GET only fails", 1,
		  mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0) == MAP_FAILED);
	close(fd);
}

static void check_names(void)
{
	static const struct {
		const char *name;
		int err;
	} cases[] = {
		{"nosuchif0", ENXIO},	{"abiname{0", 0},
		{"abiname}0", 0},	{"abiname{63", 0},
		{"abiname}63", 0},	{"abiname{64", EINVAL},
		{"abiname}64", EINVAL}, {"abiname{999999", EINVAL},
		{"abiname{x", EINVAL},	{"abiname{", EINVAL},
		{"abiname}", EINVAL},	{"abiname{-1", EINVAL},
		{"abiname{1x", EINVAL}, {"lo{0", 0},
	};
	char what[80];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(what, sizeof(what), "register %s", cases[i].name);
		nmt_check_err(what, cases[i].err,
			      reg_err(cases[i].name, NR_REG_ALL_NIC, 0, 0));
	}
}

static int legacy(int fd, unsigned long cmd, const char *name,
		  struct nmreq *nmr)
{
	memset(nmr, 0, sizeof(*nmr));
	snprintf(nmr->nr_name, sizeof(nmr->nr_name), "%s", name);
	nmr->nr_version = NETMAP_API;
	nmr->nr_flags = NR_REG_ALL_NIC;
	return ioctl(fd, cmd, nmr) < 0 ? -errno : 0;
}

static void check_legacy_fields(const struct nmreq *nmr, const char *what)
{
	char buf[80];

#define LCHECK(field, want)                                     \
	do {                                                    \
		snprintf(buf, sizeof(buf), "%s " #field, what); \
		nmt_check(buf, want, nmr->field);               \
	} while (0)
	LCHECK(nr_memsize, REGION_SIZE);
	LCHECK(nr_tx_slots, NMT_PIPE_SLOTS);
	LCHECK(nr_rx_slots, NMT_PIPE_SLOTS);
	LCHECK(nr_tx_rings, 1);
	LCHECK(nr_rx_rings, 1);
	LCHECK(nr_arg2, NMT_MEM_ID);
#undef LCHECK
}

static void check_legacy(void)
{
	struct nmreq nmr;
	void *m;
	int fd = nmt_open();

	if (nmt_check_err("NIOCGINFO abileg{0", 0,
			  legacy(fd, NIOCGINFO, "abileg{0", &nmr)))
		check_legacy_fields(&nmr, "NIOCGINFO");
	m = mmap(NULL, REGION_SIZE, PROT_READ, MAP_SHARED, fd, 0);
	nmt_check("mmap after NIOCGINFO only fails", 1, m == MAP_FAILED);
	if (m != MAP_FAILED)
		munmap(m, REGION_SIZE);
	nmt_check_err("NIOCGINFO nosuchif0", ENXIO,
		      legacy(fd, NIOCGINFO, "nosuchif0", &nmr));

	if (!nmt_check_err("NIOCREGIF abileg{0", 0,
			   legacy(fd, NIOCREGIF, "abileg{0", &nmr)))
		goto out;
	check_legacy_fields(&nmr, "NIOCREGIF");
	nmt_check("NIOCREGIF nr_offset in the if pool", 1,
		  nmr.nr_offset < NMT_IF_TOTAL * NMT_IF_SIZE);
	m = mmap(NULL, nmr.nr_memsize, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
		 0);
	if (m == MAP_FAILED) {
		nmt_fail("mmap after NIOCREGIF, expected a mapping got %s",
			 nmt_errname(errno));
	} else {
		struct netmap_if *ni = NETMAP_IF(m, nmr.nr_offset);

		nmt_check("NIOCREGIF ni_tx_rings", 1, ni->ni_tx_rings);
		nmt_check("NIOCREGIF ni_rx_rings", 1, ni->ni_rx_rings);
		nmt_check("NIOCREGIF ring_ofs[0] set", 1, ni->ring_ofs[0] != 0);
		nmt_check("NIOCREGIF ring_ofs[2] set", 1, ni->ring_ofs[2] != 0);
		munmap(m, nmr.nr_memsize);
	}
	nmt_check_err("NIOCREGIF twice", EBUSY,
		      legacy(fd, NIOCREGIF, "abileg}0", &nmr));
out:
	close(fd);
}

/* A register request with the given option chain; the fd is closed. */
static int reg_with_options(const char *name, struct nmreq_option *first)
{
	struct nmreq_register reg;
	struct nmreq_header hdr;
	int fd = nmt_open(), err;

	nmt_reg_init(&reg, NR_REG_ALL_NIC, 0, 0);
	nmt_hdr_init(&hdr, name, NETMAP_REQ_REGISTER, &reg);
	hdr.nr_options = (uintptr_t)first;
	err = nmt_ctrl(fd, &hdr);
	if (err) {
		/* A refused request must leave the fd unregistered. */
		nmt_reg_init(&reg, NR_REG_ALL_NIC, 0, 0);
		hdr.nr_options = 0;
		nmt_check_err("register without options after a refusal", 0,
			      nmt_ctrl(fd, &hdr));
	}
	close(fd);
	return err;
}

static void check_options(void)
{
	struct nmreq_opt_offsets offs;
	struct nmreq_opt_sync_kloop_mode kmode;
	struct nmreq_option o1, o2, *chain;
	void *hole;
	size_t i;

	memset(&offs, 0, sizeof(offs));
	offs.nro_opt.nro_reqtype = NETMAP_REQ_OPT_OFFSETS;
	offs.nro_opt.nro_status = 12345;
	nmt_check_err("register with an OFFSETS option", EOPNOTSUPP,
		      reg_with_options("abiopt{0", &offs.nro_opt));
	nmt_check("OFFSETS nro_status", EOPNOTSUPP, offs.nro_opt.nro_status);

	memset(&o1, 0, sizeof(o1));
	o1.nro_reqtype = 1234;
	nmt_check_err("register with an unknown option type", EOPNOTSUPP,
		      reg_with_options("abiopt{0", &o1));
	nmt_check("unknown option nro_status", EOPNOTSUPP, o1.nro_status);

	memset(&kmode, 0, sizeof(kmode));
	kmode.nro_opt.nro_reqtype = NETMAP_REQ_OPT_SYNC_KLOOP_MODE;
	offs.nro_opt.nro_status = 0;
	offs.nro_opt.nro_next = (uintptr_t)&kmode;
	nmt_check_err("register with two options", EOPNOTSUPP,
		      reg_with_options("abiopt{0", &offs.nro_opt));
	nmt_check("first of two nro_status", EOPNOTSUPP,
		  offs.nro_opt.nro_status);
	nmt_check("second of two nro_status", EOPNOTSUPP,
		  kmode.nro_opt.nro_status);

	memset(&o1, 0, sizeof(o1));
	memset(&o2, 0, sizeof(o2));
	o1.nro_reqtype = o2.nro_reqtype = NETMAP_REQ_OPT_CSB;
	o1.nro_next = (uintptr_t)&o2;
	nmt_check_err("register with a duplicate option", EINVAL,
		      reg_with_options("abiopt{0", &o1));

	/* An unknown type, so the loop is not also a duplicate. */
	memset(&o1, 0, sizeof(o1));
	o1.nro_reqtype = 1234;
	o1.nro_next = (uintptr_t)&o1;
	nmt_check_err("register with an option pointing to itself", EMSGSIZE,
		      reg_with_options("abiopt{0", &o1));

	chain = calloc(200, sizeof(*chain));
	if (!chain)
		nmt_die("calloc, expected memory got none");
	for (i = 0; i < 200; i++) {
		chain[i].nro_reqtype = 1000 + i;
		chain[i].nro_next = i + 1 < 200 ? (uintptr_t)&chain[i + 1] : 0;
	}
	nmt_check_err("register with 200 options (4800 bytes)", EMSGSIZE,
		      reg_with_options("abiopt{0", chain));
	free(chain);

	memset(&o1, 0, sizeof(o1));
	o1.nro_reqtype = 1234;
	o1.nro_size = NETMAP_REQ_MAXSIZE;
	nmt_check_err("register with an option of nro_size 4096", EMSGSIZE,
		      reg_with_options("abiopt{0", &o1));

	/* Options are refused the same way on a request that binds nothing. */
	{
		struct nmreq_port_info_get info;
		struct nmreq_header hdr;
		int fd = nmt_open();

		memset(&info, 0, sizeof(info));
		memset(&o1, 0, sizeof(o1));
		o1.nro_reqtype = NETMAP_REQ_OPT_OFFSETS;
		nmt_hdr_init(&hdr, "abiopt{1", NETMAP_REQ_PORT_INFO_GET, &info);
		hdr.nr_options = (uintptr_t)&o1;
		nmt_check_err("PORT_INFO_GET with an option", EOPNOTSUPP,
			      nmt_ctrl(fd, &hdr));
		nmt_check("PORT_INFO_GET option nro_status", EOPNOTSUPP,
			  o1.nro_status);
		close(fd);
	}

	hole = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (hole == MAP_FAILED)
		nmt_die("mmap of a hole, expected a mapping got %s",
			nmt_errname(errno));
	munmap(hole, 4096);
	nmt_check_err("register with an option at an unmapped address", EFAULT,
		      reg_with_options("abiopt{0", hole));
	memset(&o1, 0, sizeof(o1));
	o1.nro_reqtype = 1234;
	o1.nro_next = (uintptr_t)hole;
	nmt_check_err("register with an option chained to unmapped memory",
		      EFAULT, reg_with_options("abiopt{0", &o1));
}

static const struct {
	const char *name;
	void (*run)(void);
} checks[] = {
	{"pools", check_pools},
	{"register_reply", check_register_reply},
	{"second_register", check_second_register},
	{"mmap_before_register", check_mmap_before_register},
	{"netmap_if", check_netmap_if},
	{"rings", check_rings},
	{"extra_bufs", check_extra_bufs},
	{"modes", check_modes},
	{"null_mode", check_null_mode},
	{"one_direction", check_one_direction},
	{"exclusive", check_exclusive},
	{"header", check_header},
	{"vale", check_vale},
	{"port_info", check_port_info},
	{"names", check_names},
	{"legacy", check_legacy},
	{"options", check_options},
};

#define NCHECKS (sizeof(checks) / sizeof(checks[0]))

static int wanted(int argc, char **argv, const char *name)
{
	int i;

	if (argc < 2)
		return 1;
	for (i = 1; i < argc; i++)
		if (!strcmp(argv[i], name))
			return 1;
	return 0;
}

int main(int argc, char **argv)
{
	unsigned int ran = 0, failed = 0;
	size_t i;

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (i = 0; i < NCHECKS; i++) {
		unsigned int before = nmt_failures;

		if (!wanted(argc, argv, checks[i].name))
			continue;
		checks[i].run();
		ran++;
		if (nmt_failures != before)
			failed++;
		printf("check=%s %s\n", checks[i].name,
		       nmt_failures != before ? "failed" : "ok");
	}
	if (!ran)
		nmt_die("checks to run, expected a known name got none");
	printf("checks=%u failed=%u\n", ran, failed);
	return nmt_exit_status();
}
