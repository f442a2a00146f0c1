/*
 * nmstat.h - one sample of the module's statistics: ports with their
 * rings and bindings, memory regions with their pools, and the kernel's
 * own link counters of every interface in netmap mode.
 */
#ifndef NMSTAT_H
#define NMSTAT_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct ns_ring {
	uint8_t dir; /* 0 tx, 1 rx */
	uint8_t host;
	uint16_t index;
	uint32_t slots, users;
	uint32_t head, cur, tail, hwcur, hwtail;
	uint64_t packets, bytes, syncs;
	uint64_t drops_full, drops_oversize, drops_nobuf;
};

struct ns_bind {
	uint32_t pid, mode;
	uint16_t ringid;
	uint64_t flags;
};

/* rtnl link statistics (struct rtnl_link_stats64 fields). */
struct ns_link {
	int present;
	int ifindex;
	uint64_t rx_packets, tx_packets, rx_bytes, tx_bytes;
	uint64_t rx_dropped, tx_dropped, rx_errors, tx_errors;
};

struct ns_port {
	char name[64];
	char kind[16];
	uint16_t mem_id;
	uint32_t users;
	uint16_t tx_rings, rx_rings, host_tx_rings, host_rx_rings;
	uint32_t tx_slots, rx_slots;
	struct ns_bind *binds;
	size_t nbinds;
	struct ns_ring *rings;
	size_t nrings;
	struct ns_link link;
};

#define NS_MAX_POOLS 8

struct ns_pool {
	char name[16];
	uint32_t objsize, total, free, in_use;
};

struct ns_mem {
	uint16_t id;
	uint64_t size;
	uint32_t users;
	struct ns_pool pools[NS_MAX_POOLS];
	size_t npools;
};

struct ns_sample {
	double time;	      /* seconds since the epoch */
	struct timespec mono; /* when taken, for rates */
	struct ns_port *ports;
	size_t nports;
	struct ns_mem *mems;
	size_t nmems;
};

/* nl.c: the "netmap" generic netlink family. */
struct ns_nl;
/* Fills err (one line) and returns NULL when the module or family is
 * missing. */
struct ns_nl *ns_nl_open(char *err, size_t errlen);
int ns_nl_sample(struct ns_nl *nl, struct ns_sample *s, char *err,
		 size_t errlen);
void ns_nl_close(struct ns_nl *nl);

/* link.c: rtnl link statistics through libnl-route-3. */
struct ns_links;
struct ns_links *ns_links_open(char *err, size_t errlen);
/* Fills port->link of every port of kind "generic" or "native". */
int ns_links_fill(struct ns_links *l, struct ns_sample *s, char *err,
		  size_t errlen);
void ns_links_close(struct ns_links *l);

void ns_sample_free(struct ns_sample *s);
struct ns_port *ns_sample_port(const struct ns_sample *s, const char *name,
			       const char *kind);

#endif /* NMSTAT_H */
