/*
 * bridge.h - what the parts of bridge share: the configuration the options
 * fill in, the per-direction counters and the per-thread state.
 */
#ifndef BRIDGE_H
#define BRIDGE_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>

#include "nmport.h"

#define BR_MAX_THREADS 64
#define BR_POLL_MS 100 /* how often an idle thread looks at br_stop */
#define BR_ERR_LEN 256

struct br_conf {
	const char *port[2]; /* -i, -i; port[1] NULL: host rings */
	unsigned int burst;  /* -b */
	int wait_link;	     /* -w seconds */
	int copy;	     /* -c */
	int verbose;	     /* -v */
	int per_ring;	     /* -p */
	int json;	     /* --json */
};

/*
 * One direction's counts, written by one thread once per batch and read by
 * the reporter: relaxed loads and stores of a single writer suffice.
 */
struct br_counters {
	_Atomic uint64_t packets; /* frames forwarded (a chain is one) */
	_Atomic uint64_t bytes;
	_Atomic uint64_t dropped;  /* every frame not forwarded */
	_Atomic uint64_t oversize; /* of those: longer than a dst buffer */
};

/* A batch's counts, kept on the stack and published at once. */
struct br_batch {
	uint64_t packets, bytes, dropped, oversize;
};

/* One thread: a pair of ports (or of rings of them) and both directions. */
struct br_thread {
	unsigned int id;
	pthread_t tid;
	const struct br_conf *conf;
	struct nmport port[2];
	int own_ports; /* clones, closed with the thread */
	int zerocopy;
	struct br_counters dir[2]; /* [0]: port 0 -> 1, [1]: 1 -> 0 */
	int error;
	char errmsg[BR_ERR_LEN];
} __attribute__((aligned(64)));

extern atomic_int br_stop;

enum br_result {
	BR_DRAINED,   /* every complete frame of src went */
	BR_WAIT_ROOM, /* src holds frames dst had no room for */
	BR_MORE,      /* burst used up, src may hold more */
};

/* Forward up to burst frames from src's rx rings to dst's tx rings. */
enum br_result br_forward(const struct nmport *src, const struct nmport *dst,
			  int zerocopy, unsigned int burst, struct br_batch *b);

void br_counters_add(struct br_counters *c, const struct br_batch *b);

#endif /* BRIDGE_H */
