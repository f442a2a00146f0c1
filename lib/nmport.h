/*
 * nmport.h - the port library: parse a netmap port name, open, register,
 * map and close it, and clone an open port for one of its rings.
 *
 * Port names (see NETMAP-ABI.md, "Port names"):
 *
 *	netmap:NAME[{N|}N][-N|^|^N|*][/FLAGS][@MEMID][@conf:KEY=VAL,...]
 *	valeX:Y[...same suffixes...]
 *
 * Every function reports failure as a negative errno and fills a
 * struct nmport_error with one line saying what went wrong (and, for a
 * malformed name, at which character). Nothing here exits or prints.
 */
#ifndef NMPORT_H
#define NMPORT_H

#include <stddef.h>
#include <stdint.h>
#include <net/netmap.h>
#include <net/netmap_user.h>

#define NMPORT_ERR_LEN 256

struct nmport_error {
	char msg[NMPORT_ERR_LEN];
	int pos; /* 1-based character of a parse error, else 0 */
};

enum nmport_kind {
	NMPORT_NIC,	    /* netmap:NAME */
	NMPORT_PIPE_MASTER, /* netmap:NAME{N */
	NMPORT_PIPE_SLAVE,  /* netmap:NAME}N */
	NMPORT_VALE,	    /* valeX:Y */
};

/* @conf:KEY=VAL values; 0 means "not given, let the kernel choose". */
struct nmport_conf {
	uint16_t tx_rings, rx_rings;
	uint16_t host_tx_rings, host_rx_rings;
	uint32_t tx_slots, rx_slots;
};

/* What a port name says, ready to go into struct nmreq_register. */
struct nmport_spec {
	char name[NETMAP_REQ_IFNAMSIZ]; /* nr_name: "eth0", "x{1", "vale0:p" */
	enum nmport_kind kind;
	uint32_t pipe;	 /* N of NAME{N / NAME}N */
	uint32_t mode;	 /* NR_REG_* */
	uint16_t ringid; /* for NR_REG_ONE_NIC / NR_REG_ONE_SW */
	uint64_t flags;	 /* NR_EXCLUSIVE, NR_MONITOR_TX, ... */
	uint16_t mem_id; /* @N; 0 = default region */
	int has_conf;	 /* an @conf: option was given */
	struct nmport_conf conf;
};

/* An open, registered, mapped port. */
struct nmport {
	struct nmport_spec spec;
	int fd;
	void *mem;
	size_t memsize;
	struct netmap_if *nifp;
	struct nmreq_register reg; /* as the kernel returned it */
	/*
	 * Bound rings, [first, last) in NETMAP_TXRING / NETMAP_RXRING
	 * numbering (host rings count on past the hardware ones); found by
	 * scanning ring_ofs[] for nonzero entries.
	 */
	unsigned int first_tx, last_tx, first_rx, last_rx;
};

/* Parse a port name. Returns 0, or -EINVAL with err filled in. */
int nmport_parse(const char *str, struct nmport_spec *spec,
		 struct nmport_error *err);

/*
 * Open /dev/netmap, register spec (NIOCCTRL, API 14), map the region and
 * find the bound rings. On failure port is left closed (fd -1).
 */
int nmport_open_spec(const struct nmport_spec *spec, struct nmport *port,
		     struct nmport_error *err);

/* nmport_parse() then nmport_open_spec(). */
int nmport_open(const char *str, struct nmport *port, struct nmport_error *err);

/*
 * Open another descriptor of parent's port bound to hardware ring pair
 * ring only (NR_REG_ONE_NIC), in the same memory region, mapped on its
 * own, so either can be closed first.
 */
int nmport_clone_ring(const struct nmport *parent, unsigned int ring,
		      struct nmport *child, struct nmport_error *err);

/* Unmap and close; safe on a port that failed to open or is closed. */
void nmport_close(struct nmport *port);

/* Hardware rings of the port (bound or not), from the registration. */
static inline unsigned int nmport_tx_rings(const struct nmport *p)
{
	return p->reg.nr_tx_rings;
}

static inline unsigned int nmport_rx_rings(const struct nmport *p)
{
	return p->reg.nr_rx_rings;
}

static inline struct netmap_ring *nmport_txring(const struct nmport *p,
						unsigned int i)
{
	return NETMAP_TXRING(p->nifp, i);
}

static inline struct netmap_ring *nmport_rxring(const struct nmport *p,
						unsigned int i)
{
	return NETMAP_RXRING(p->nifp, i);
}

/* Name of an NR_REG_* mode, for messages. */
const char *nmport_mode_name(uint32_t mode);

#endif /* NMPORT_H */
