/*
 * Control requests for the fuzzer: mostly well formed, so that they reach
 * deep into the module, and then bent: wrong versions, types and sizes,
 * bodies and option chains at bad or half-mapped addresses, loops.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz.h"

/* A page whose last bytes run into an inaccessible one: a body or an
 * option placed there is copied in part, then faults. */
static char *fz_edge(void)
{
	static __thread char *page;
	long sz = sysconf(_SC_PAGESIZE);

	if (!page) {
		page = mmap(NULL, 2 * sz, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (page == MAP_FAILED) {
			page = NULL;
			return NULL;
		}
		mprotect(page + sz, sz, PROT_NONE);
	}
	return page + sz;
}

void fz_random_name(struct rng *r, const struct fz_config *cfg, char *name,
		    size_t size)
{
	unsigned int i, n;

	switch (rng_below(r, 10)) {
	case 0:
	case 1:
	case 2:
	case 3: /* a pipe end, a few names shared by every thread */
		snprintf(name, size, "fz%c%u", rng_below(r, 2) ? '{' : '}',
			 rng_below(r, 4));
		return;
	case 4:
	case 5: /* an interface */
		if (cfg->nifaces) {
			snprintf(name, size, "%s",
				 cfg->ifaces[rng_below(r, cfg->nifaces)]);
			return;
		}
		/* fall through */
	case 6: /* loopback: the own namespace's, for namespaced workers */
		snprintf(name, size, "lo");
		return;
	case 7: { /* odd pipe names */
		static const char *const odd[] = {
			"fz{",	     "{0",
			"fz}64",     "fz{4294967296",
			"fz{-1",     "fz}0x1",
			"a{1}2",     "fz{00000000000000001",
			"",	     "vale0:fz",
			"netmap:fz", "fz{ 1",
		};
		snprintf(name, size, "%s", odd[rng_below(r, 12)]);
		return;
	}
	default: /* bytes */
		n = rng_below(r, size);
		for (i = 0; i < n; i++)
			name[i] = (char)(rng_below(r, 255) + 1);
		name[n] = '\0';
		if (rng_one_in(r, 4)) /* no terminator at all */
			memset(name, 'x', size);
	}
}

static uint64_t fz_flags(struct rng *r)
{
	static const uint64_t known[] = {
		NR_MONITOR_TX,	    NR_MONITOR_RX,    NR_ZCOPY_MON,
		NR_EXCLUSIVE,	    NR_RX_RINGS_ONLY, NR_TX_RINGS_ONLY,
		NR_ACCEPT_VNET_HDR, NR_DO_RX_POLL,    NR_NO_TX_POLL,
	};
	uint64_t f = 0;
	unsigned int i;

	if (rng_one_in(r, 20))
		return rng_next(r);
	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (rng_one_in(r, 6))
			f |= known[i];
	return f;
}

static uint32_t fz_mode(struct rng *r)
{
	static const uint32_t modes[] = {
		NR_REG_ALL_NIC, NR_REG_ALL_NIC, NR_REG_ALL_NIC, NR_REG_SW,
		NR_REG_NIC_SW,	NR_REG_ONE_NIC, NR_REG_NULL,	NR_REG_ONE_SW,
	};

	if (rng_one_in(r, 15))
		return rng_below(r, 20);
	return modes[rng_below(r, 8)];
}

static void fz_register_body(struct rng *r, struct nmreq_register *reg)
{
	memset(reg, 0, sizeof(*reg));
	reg->nr_mode = fz_mode(r);
	reg->nr_ringid =
		rng_one_in(r, 10) ? rng_below(r, 65536) : rng_below(r, 5);
	reg->nr_flags = fz_flags(r);
	if (rng_one_in(r, 4))
		reg->nr_extra_bufs = rng_one_in(r, 4) ? rng_below(r, 200000)
						      : rng_below(r, 64);
	if (rng_one_in(r, 8))
		reg->nr_mem_id = rng_below(r, 6);
	if (rng_one_in(r, 8)) {
		reg->nr_tx_slots = rng_next(r);
		reg->nr_rx_rings = rng_next(r);
		reg->nr_offset = rng_next(r);
	}
}

/* An option chain in buf: well linked, or looping, or pointing away. */
static uint64_t fz_options(struct rng *r, struct nmreq_option *buf,
			   unsigned int max)
{
	unsigned int n = 1 + rng_below(r, max), i;

	for (i = 0; i < n; i++) {
		struct nmreq_option *o = &buf[i];

		memset(o, 0, sizeof(*o));
		o->nro_reqtype = rng_one_in(r, 5) ? (uint32_t)rng_next(r)
						  : rng_below(r, 8);
		o->nro_size = rng_one_in(r, 4) ? rng_next(r) : rng_below(r, 64);
		o->nro_next = i + 1 < n ? (uintptr_t)&buf[i + 1] : 0;
		if (rng_one_in(r, 10))
			o->nro_next = (uintptr_t)&buf[rng_below(r, n)];
		if (rng_one_in(r, 15))
			o->nro_next = rng_next(r);
	}
	return (uintptr_t)buf;
}

/* A user address: the real one, NULL, wild, or across a page edge. */
static uint64_t fz_where(struct rng *r, void *good, size_t size)
{
	char *edge;

	switch (rng_below(r, 24)) {
	case 0:
		return 0;
	case 1:
		return rng_next(r);
	case 2:
		return 1;
	case 3:
		edge = fz_edge();
		if (!edge)
			return (uintptr_t)good;
		memcpy(edge - size / 2, good, size / 2);
		return (uintptr_t)(edge - size / 2);
	default:
		return (uintptr_t)good;
	}
}

long fz_ctrl(int fd, struct rng *r, const struct fz_config *cfg,
	     struct nmreq_register *reply)
{
	static const uint16_t types[] = {
		NETMAP_REQ_REGISTER,	     NETMAP_REQ_REGISTER,
		NETMAP_REQ_REGISTER,	     NETMAP_REQ_REGISTER,
		NETMAP_REQ_PORT_INFO_GET,    NETMAP_REQ_POOLS_INFO_GET,
		NETMAP_REQ_PORT_HDR_GET,     NETMAP_REQ_PORT_HDR_SET,
		NETMAP_REQ_VALE_ATTACH,	     NETMAP_REQ_VALE_LIST,
		NETMAP_REQ_SYNC_KLOOP_START, NETMAP_REQ_CSB_ENABLE,
	};
	union {
		struct nmreq_register reg;
		struct nmreq_port_info_get info;
		struct nmreq_pools_info pools;
		struct nmreq_port_hdr hdr;
		char raw[256];
	} body;
	struct nmreq_option opts[6];
	struct nmreq_header hdr;
	long ret;

	memset(&hdr, 0, sizeof(hdr));
	memset(&body, 0, sizeof(body));
	hdr.nr_version = rng_one_in(r, 25) ? rng_below(r, 65536) : NETMAP_API;
	hdr.nr_reqtype = rng_one_in(r, 25) ? rng_below(r, 65536)
					   : types[rng_below(r, 12)];
	hdr.nr_reserved = rng_one_in(r, 30) ? rng_next(r) : 0;
	fz_random_name(r, cfg, hdr.nr_name, sizeof(hdr.nr_name));
	if (hdr.nr_reqtype == NETMAP_REQ_REGISTER)
		fz_register_body(r, &body.reg);
	else if (rng_one_in(r, 3))
		for (size_t i = 0; i < sizeof(body.raw); i++)
			body.raw[i] = rng_below(r, 4) ? 0 : rng_next(r);
	hdr.nr_body = fz_where(r, &body, sizeof(body));
	if (rng_one_in(r, 8))
		hdr.nr_options =
			fz_where(r, opts, sizeof(opts)) == (uintptr_t)opts
				? fz_options(r, opts, 6)
				: rng_next(r);
	ret = ioctl(fd, NIOCCTRL, &hdr) < 0 ? -errno : 0;
	if (!ret && hdr.nr_reqtype == NETMAP_REQ_REGISTER &&
	    hdr.nr_body == (uintptr_t)&body && reply)
		*reply = body.reg;
	else if (reply)
		reply->nr_memsize = 0;
	return ret;
}

long fz_legacy(int fd, struct rng *r, const struct fz_config *cfg,
	       struct nmreq *reply)
{
	struct nmreq nmr;
	unsigned long cmd = rng_below(r, 3) ? NIOCREGIF : NIOCGINFO;
	long ret;

	memset(&nmr, 0, sizeof(nmr));
	fz_random_name(r, cfg, nmr.nr_name, sizeof(nmr.nr_name));
	nmr.nr_version = rng_one_in(r, 20) ? rng_next(r) : NETMAP_API;
	nmr.nr_flags = fz_mode(r) | (rng_one_in(r, 5) ? fz_flags(r) : 0);
	nmr.nr_ringid = rng_one_in(r, 4) ? rng_below(r, 65536) : 0;
	nmr.nr_cmd = rng_one_in(r, 20) ? rng_below(r, 16) : 0;
	nmr.nr_arg2 = rng_one_in(r, 10) ? rng_below(r, 5) : 0;
	nmr.nr_arg3 = rng_one_in(r, 6) ? rng_below(r, 100) : 0;
	ret = ioctl(fd, cmd, &nmr) < 0 ? -errno : 0;
	if (reply)
		*reply = nmr;
	if (!ret && cmd == NIOCREGIF)
		return 1; /* registered */
	return ret;
}
