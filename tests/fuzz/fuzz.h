/*
 * nmfuzz - a seeded fuzzer of the netmap module's whole user interface.
 *
 * A campaign is rounds; a round is a few worker processes (some root,
 * some an unprivileged user, some root of a user and network namespace of
 * their own), each with a few threads sharing a table of descriptors.
 * Every thread draws operations from its own generator, seeded from
 * (seed, round, worker, thread): the sequences are reproducible, the
 * interleavings are whatever the scheduler makes of them. After each
 * round every descriptor is gone and the pools must be whole again.
 */
#ifndef NMFUZZ_H
#define NMFUZZ_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include <net/netmap.h>

/* ---- the generator: splitmix64 seeding a xorshift64* ----------------- */

struct rng {
	uint64_t s;
};

static inline uint64_t rng_mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ull;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
	return x ^ (x >> 31);
}

static inline void rng_seed(struct rng *r, uint64_t a, uint64_t b, uint64_t c,
			    uint64_t d)
{
	r->s = rng_mix(rng_mix(rng_mix(rng_mix(a) ^ b) ^ c) ^ d) | 1;
}

static inline uint64_t rng_next(struct rng *r)
{
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return r->s * 0x2545f4914f6cdd1dull;
}

/* Uniform in [0, n); n > 0. */
static inline uint32_t rng_below(struct rng *r, uint32_t n)
{
	return (uint32_t)((rng_next(r) >> 32) * n >> 32);
}

/* True with probability 1/n. */
static inline int rng_one_in(struct rng *r, uint32_t n)
{
	return rng_below(r, n) == 0;
}

/* ---- what the threads of one worker share ----------------------------- */

#define FZ_SLOTS 12

/* One descriptor and what the fuzzer knows of it. Its lock guards the
 * mapping against munmap while a thread writes into it; system calls on
 * the fd run without it, so threads meet in the kernel. */
struct fz_slot {
	pthread_mutex_t lock;
	int fd;	   /* -1: empty */
	char *mem; /* the mapping, or NULL */
	size_t memsize;
	struct netmap_if *nifp; /* inside mem, checked, or NULL */
};

/* Counters shared by every process of the campaign (a shared mapping). */
enum fz_counter {
	FZ_CALLS,
	FZ_REGISTERED,
	FZ_SYNCS,
	FZ_POLLS,
	FZ_MAPS,
	FZ_CORRUPTIONS,
	FZ_FORKS,
	FZ_LINK_CHANGES,
	FZ_COUNTERS
};

struct fz_shared {
	atomic_ullong count[FZ_COUNTERS];
};

enum fz_identity {
	FZ_ROOT,   /* root in the initial namespaces */
	FZ_NOBODY, /* an unprivileged user */
	FZ_USERNS, /* an unprivileged user, root of its own user+net ns */
};

struct fz_worker {
	struct fz_slot slot[FZ_SLOTS];
	struct fz_shared *shared;
	const struct fz_config *cfg;
	enum fz_identity who;
	uint64_t seed;
	unsigned int round, index;
	double deadline; /* CLOCK_MONOTONIC */
};

struct fz_config {
	uint64_t seed;
	double seconds;	       /* whole campaign */
	double round_seconds;  /* one round */
	unsigned int workers;  /* per round */
	unsigned int threads;  /* per worker */
	unsigned int uid;      /* for the unprivileged workers; 0: none */
	const char *ifaces[8]; /* interfaces to fuzz (veth pairs) */
	unsigned int nifaces;
	int chaos; /* delete, re-add, down, up the interfaces */
	int verbose;
};

/* ops.c: one random operation of a worker thread. */
void fz_op(struct fz_worker *w, struct rng *r);
void fz_worker_init(struct fz_worker *w);
void fz_worker_close_all(struct fz_worker *w);

/* requests.c: random and mutated control requests. */
void fz_random_name(struct rng *r, const struct fz_config *cfg, char *name,
		    size_t size);
long fz_ctrl(int fd, struct rng *r, const struct fz_config *cfg,
	     struct nmreq_register *reply);
long fz_legacy(int fd, struct rng *r, const struct fz_config *cfg,
	       struct nmreq *reply);

/* rings.c: writing into a mapped region, well and badly. */
void fz_ring_play(struct fz_slot *s, struct rng *r);

double fz_now(void);

#endif /* NMFUZZ_H */
