/*
 * pkt-gen.h - what the parts of pkt-gen share: the configuration the
 * options fill in, the per-thread state, and the table of modes.
 */
#ifndef PKTGEN_H
#define PKTGEN_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <time.h>

#include "nmport.h"
#include "packet.h"
#include "latency.h"
#include "seqcheck.h"

#define PG_MAX_THREADS 64
#define PG_POLL_MS 200 /* how often an idle thread looks at pg_stop */
#define PG_ERR_LEN 256

struct pg_mode;

struct pg_conf {
	const char *port;	       /* -i */
	const struct pg_mode *mode;    /* -f */
	uint64_t count;		       /* -n; 0: no limit */
	unsigned int len_min, len_max; /* -l, once or twice */
	unsigned int len_given;
	unsigned int burst; /* -b */
	int burst_given;
	unsigned int threads;		/* -p */
	int cpus;			/* -c; 0: all */
	int first_cpu;			/* -a; -1: no pinning */
	unsigned int report_ms;		/* -T */
	int wait_link;			/* -w seconds; -1: by port kind */
	int forever;			/* -W */
	uint64_t rate;			/* -R pps; 0: no limit */
	struct pg_addr_range src, dst;	/* -s, -d */
	uint8_t src_mac[6], dst_mac[6]; /* -S, -D */
	int random_src, random_dst;	/* -z, -Z */
	int dump;			/* -X */
	const char *pcap;		/* -P */
	int verbose;			/* -v */
	int json;			/* --json */
};

/* Counters one thread writes once per batch and the reporter reads. */
struct pg_counters {
	_Atomic uint64_t packets;
	_Atomic uint64_t bytes;
	_Atomic uint64_t batches;
};

struct pg_thread {
	unsigned int id;
	pthread_t tid;
	const struct pg_conf *conf;
	struct nmport port;
	int own_port; /* a clone, closed with the thread */
	struct pg_pkt pkt;
	uint64_t quota; /* this thread's share of -n; 0: none */
	uint64_t rate;	/* this thread's share of -R */
	/* tx: per slot of each bound tx ring, the buffer holding our frame */
	uint32_t *slot_buf;
	uint64_t next_seq;	      /* txseq, ping */
	struct pg_seqcheck seq;	      /* rxseq, ping */
	struct pg_latency lat;	      /* ping */
	uint64_t replies, unanswered; /* ping */
	struct timespec t_start, t_end;
	int started;
	int error; /* negative errno, errmsg says more */
	char errmsg[PG_ERR_LEN];
	_Alignas(64) struct pg_counters c;
};

/* Mode flags. */
#define PG_USES_TX 0x1	   /* needs tx rings */
#define PG_USES_RX 0x2	   /* needs rx rings */
#define PG_SEQ_PAYLOAD 0x4 /* frames carry sequence number + time */

struct pg_mode {
	const char *name;
	const char *help;
	const char *verb; /* summary: "Sent" or "Received" */
	unsigned int flags;
	int (*run)(struct pg_thread *t);
	/* Mode-specific summary fields over all threads; may be NULL. */
	void (*summary)(struct pg_thread *threads, unsigned int n);
};

extern const struct pg_mode pg_mode_tx, pg_mode_rx, pg_mode_txseq,
	pg_mode_rxseq, pg_mode_ping, pg_mode_pong;
extern const struct pg_mode *const pg_modes[];
const struct pg_mode *pg_mode_find(const char *name);

/* Set by SIGINT (or a failing thread); every loop checks it per batch. */
extern atomic_int pg_stop;

static inline int pg_stopping(void)
{
	return atomic_load_explicit(&pg_stop, memory_order_relaxed);
}

/* The engines the modes are built from (engine.c). */
int pg_tx_loop(struct pg_thread *t);
int pg_rx_loop(struct pg_thread *t,
	       void (*consume)(struct pg_thread *t, const uint8_t *buf,
			       unsigned int len));
/* poll() for events, PG_POLL_MS at most: 1 ready, 0 not yet, <0 error. */
int pg_wait_ring(struct pg_thread *t, short events);
int pg_thread_fail(struct pg_thread *t, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void pg_thread_count(struct pg_thread *t, uint64_t packets, uint64_t bytes);
uint64_t pg_now_ns(void);

#endif /* PKTGEN_H */
