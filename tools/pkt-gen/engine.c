/*
 * engine.c - the batch loops the modes are made of.
 *
 * Each loop makes one system call per batch (poll, which also syncs the
 * rings) and touches the rings in between only through the shared
 * memory. Counters are published once per batch.
 */
#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>

#include "pkt-gen.h"

#define PG_IDLE_NS 1000000000ULL  /* rx: traffic has stopped */
#define PG_DRAIN_NS 5000000000ULL /* tx: give up on a stuck ring */

uint64_t pg_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

int pg_thread_fail(struct pg_thread *t, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(t->errmsg, sizeof(t->errmsg), fmt, ap);
	va_end(ap);
	t->error = err;
	return err;
}

void pg_thread_count(struct pg_thread *t, uint64_t packets, uint64_t bytes)
{
	struct pg_counters *c = &t->c;

	if (!t->started) {
		clock_gettime(CLOCK_MONOTONIC, &t->t_start);
		t->started = 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t->t_end);
	/* one writer: relaxed load + store is enough for the reporter */
	atomic_store_explicit(
		&c->packets,
		atomic_load_explicit(&c->packets, memory_order_relaxed) +
			packets,
		memory_order_relaxed);
	atomic_store_explicit(
		&c->bytes,
		atomic_load_explicit(&c->bytes, memory_order_relaxed) + bytes,
		memory_order_relaxed);
	atomic_store_explicit(
		&c->batches,
		atomic_load_explicit(&c->batches, memory_order_relaxed) + 1,
		memory_order_relaxed);
}

int pg_wait_ring(struct pg_thread *t, short events)
{
	struct pollfd pfd = {.fd = t->port.fd, .events = events};
	int ret = poll(&pfd, 1, PG_POLL_MS);

	if (ret < 0) {
		if (errno == EINTR)
			return 0;
		return pg_thread_fail(t, -errno, "poll: %s", strerror(errno));
	}
	if (pfd.revents & (POLLERR | POLLNVAL))
		return pg_thread_fail(t, -EIO, "poll reports an error on %s",
				      t->conf->port);
	return ret > 0;
}

/*
 * -R: how many packets may go now; sleeps a little when none may. A
 * sender that fell behind (descheduled, a full ring) makes up at most one
 * batch at once: the schedule's origin moves forward instead, so a stall
 * never turns into a burst as long as the stall that a receiver would
 * then have to absorb.
 */
static unsigned int rate_budget(struct pg_thread *t, uint64_t *start_ns,
				uint64_t sent, unsigned int want)
{
	uint64_t now = pg_now_ns(), elapsed = now - *start_ns;
	uint64_t due = (uint64_t)((double)t->rate * (double)elapsed / 1e9);
	uint64_t cap = t->conf->burst;
	struct timespec nap;
	uint64_t wait_ns;

	if (due > sent + cap) {
		*start_ns += (uint64_t)((double)(due - sent - cap) * 1e9 /
					(double)t->rate);
		due = sent + cap;
		elapsed = now - *start_ns;
	}
	if (due > sent)
		return due - sent < want ? (unsigned int)(due - sent) : want;
	wait_ns = (uint64_t)((double)(sent + 1) * 1e9 / (double)t->rate) -
		  elapsed;
	if (wait_ns > 100000000ULL)
		wait_ns = 100000000ULL;
	nap.tv_sec = 0;
	nap.tv_nsec = (long)wait_ns;
	nanosleep(&nap, NULL);
	return 0;
}

/*
 * The same frame every time (no -R ranges, sizes or sequence numbers):
 * a buffer that still holds it is left alone, so per packet only the
 * slot is written; one whose index changed (a zero-copy peer swapped it)
 * gets the template.
 */
static unsigned int fill_static(const struct pg_pkt *p,
				struct netmap_ring *ring, uint32_t *mine,
				unsigned int k)
{
	const uint16_t len = (uint16_t)p->len_min;
	const uint32_t n = ring->num_slots;
	uint32_t cur = ring->cur, i;

	for (i = 0; i < k; i++) {
		struct netmap_slot *slot = &ring->slot[cur];
		uint32_t idx = slot->buf_idx;

		if (__builtin_expect(mine[cur] != idx, 0)) {
			memcpy(NETMAP_BUF(ring, idx), p->tmpl, p->tmpl_len);
			mine[cur] = idx;
		}
		slot->len = len;
		slot->flags = 0;
		cur = cur + 1 == n ? 0 : cur + 1;
	}
	return cur;
}

/*
 * Fill up to max free slots of tx ring r. A slot whose buffer is not the
 * one we last wrote our frame into (a zero-copy peer swapped it) gets the
 * whole template; otherwise only the varying fields are rewritten.
 */
static unsigned int fill_ring(struct pg_thread *t, unsigned int r,
			      unsigned int max, uint64_t *bytes)
{
	struct netmap_ring *ring = nmport_txring(&t->port, r);
	uint32_t *mine =
		t->slot_buf + (size_t)(r - t->port.first_tx) * ring->num_slots;
	unsigned int space = nm_ring_space(ring), k, i;
	uint32_t cur = ring->cur;

	k = space < max ? space : max;
	if (pg_pkt_is_static(&t->pkt)) {
		ring->head = ring->cur = fill_static(&t->pkt, ring, mine, k);
		*bytes += (uint64_t)k * t->pkt.len_min;
		t->next_seq += k;
		return k;
	}
	for (i = 0; i < k; i++) {
		struct netmap_slot *slot = &ring->slot[cur];
		uint8_t *buf = (uint8_t *)NETMAP_BUF(ring, slot->buf_idx);
		unsigned int len;

		len = pg_pkt_write(&t->pkt, buf, mine[cur] != slot->buf_idx,
				   t->next_seq++, 0);
		mine[cur] = slot->buf_idx;
		slot->len = (uint16_t)len;
		slot->flags = 0;
		*bytes += len;
		cur = nm_ring_next(ring, cur);
	}
	ring->head = ring->cur = cur;
	return k;
}

static int tx_pending(const struct pg_thread *t)
{
	unsigned int r;

	for (r = t->port.first_tx; r < t->port.last_tx; r++)
		if (nm_tx_pending(nmport_txring(&t->port, r)))
			return 1;
	return 0;
}

/* Push out what is queued and wait until the kernel has sent it all. */
static int tx_drain(struct pg_thread *t)
{
	uint64_t last_progress = pg_now_ns();
	struct timespec nap = {0, 1000000};

	for (;;) {
		uint32_t tail = nmport_txring(&t->port, t->port.first_tx)->tail;

		if (ioctl(t->port.fd, NIOCTXSYNC, NULL) < 0)
			return pg_thread_fail(t, -errno, "txsync: %s",
					      strerror(errno));
		if (!tx_pending(t) || pg_stopping())
			return 0;
		if (nmport_txring(&t->port, t->port.first_tx)->tail != tail)
			last_progress = pg_now_ns();
		else if (pg_now_ns() - last_progress > PG_DRAIN_NS)
			return 0; /* nobody takes them; the count stands */
		nanosleep(&nap, NULL);
	}
}

int pg_tx_loop(struct pg_thread *t)
{
	uint64_t sent = 0, limit = t->quota, start;
	unsigned int r;
	int ret;

	clock_gettime(CLOCK_MONOTONIC, &t->t_start);
	t->started = 1;
	start = pg_now_ns();
	while (!pg_stopping() && (!limit || sent < limit)) {
		unsigned int budget = t->conf->burst, n = 0;
		uint64_t bytes = 0;

		if (limit && limit - sent < budget)
			budget = (unsigned int)(limit - sent);
		if (t->rate) {
			budget = rate_budget(t, &start, sent, budget);
			if (!budget)
				continue;
		}
		ret = pg_wait_ring(t, POLLOUT);
		if (ret < 0)
			return ret;
		for (r = t->port.first_tx; r < t->port.last_tx && n < budget;
		     r++)
			n += fill_ring(t, r, budget - n, &bytes);
		if (n) {
			pg_thread_count(t, n, bytes);
			sent += n;
		}
	}
	ret = tx_drain(t);
	clock_gettime(CLOCK_MONOTONIC, &t->t_end);
	return ret;
}

/* Hand up to max new packets of rx ring r to consume, then release them. */
static unsigned int
drain_ring(struct pg_thread *t, unsigned int r, uint64_t max, uint64_t *bytes,
	   void (*consume)(struct pg_thread *t, const uint8_t *buf,
			   unsigned int len))
{
	struct netmap_ring *ring = nmport_rxring(&t->port, r);
	unsigned int avail = nm_ring_space(ring), k, i;
	uint32_t cur = ring->cur;

	k = avail < max ? avail : (unsigned int)max;
	if (!consume) {
		/* Counting only: one load per slot, its length. */
		const uint32_t n = ring->num_slots;
		uint64_t sum = 0;

		for (i = 0; i < k; i++) {
			sum += ring->slot[cur].len;
			cur = cur + 1 == n ? 0 : cur + 1;
		}
		*bytes += sum;
		ring->head = ring->cur = cur;
		return k;
	}
	for (i = 0; i < k; i++) {
		struct netmap_slot *slot = &ring->slot[cur];

		if (consume)
			consume(t,
				(const uint8_t *)NETMAP_BUF(ring,
							    slot->buf_idx),
				slot->len);
		*bytes += slot->len;
		cur = nm_ring_next(ring, cur);
	}
	ring->head = ring->cur = cur;
	return k;
}

int pg_rx_loop(struct pg_thread *t,
	       void (*consume)(struct pg_thread *t, const uint8_t *buf,
			       unsigned int len))
{
	uint64_t got = 0, limit = t->quota, last = 0;
	int idle_exit = !limit && !t->conf->forever;
	unsigned int r;
	int ret;

	while (!pg_stopping() && (!limit || got < limit)) {
		uint64_t bytes = 0, n = 0;

		ret = pg_wait_ring(t, POLLIN);
		if (ret < 0)
			return ret;
		for (r = t->port.first_rx; r < t->port.last_rx; r++)
			n += drain_ring(t, r, limit ? limit - got - n : ~0ULL,
					&bytes, consume);
		if (n) {
			pg_thread_count(t, n, bytes);
			got += n;
			last = pg_now_ns();
		} else if (idle_exit && got &&
			   pg_now_ns() - last > PG_IDLE_NS) {
			break;
		}
	}
	/* give the last slots back to the kernel */
	if (ioctl(t->port.fd, NIOCRXSYNC, NULL) < 0)
		return pg_thread_fail(t, -errno, "rxsync: %s", strerror(errno));
	return 0;
}
