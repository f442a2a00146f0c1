/*
 * nm_badinput - the kernel checks what user space writes into a ring.
 *
 *	nm_badinput			each corruption once, exact errnos
 *	nm_badinput --garbage SECONDS [--seed N]
 *
 * The first form breaks one thing at a time on a fresh pipe bad{N/bad}N
 * (head or cur outside [old head, tail], a buffer index 0, 1 or past the
 * pool in a slot being sent, a length past the buffer, syncs, poll and
 * mmap on an unregistered fd) and checks the errno, that the ring was put
 * back to the kernel's view, that nothing reached the peer, and that the
 * pipe still carries a good packet afterwards.
 *
 * The second form forks; the two processes hold the two ends of junk{0
 * and, for SECONDS, write random values over head, cur, tail, slots and
 * the kernel's own header fields between syncs and polls, mixed with
 * honest traffic. It only has to survive: it prints what it did and exits
 * 0. The kernel log is checked by the caller.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "nmtest.h"

struct pair {
	struct nmt_port m, s;
};

static unsigned int pair_next;

static void pair_open(struct pair *pr)
{
	char name[32];

	snprintf(name, sizeof(name), "bad{%u", pair_next);
	nmt_port_must_open(&pr->m, name, 0);
	snprintf(name, sizeof(name), "bad}%u", pair_next);
	nmt_port_must_open(&pr->s, name, 0);
	pair_next++;
}

static void pair_close(struct pair *pr)
{
	nmt_port_close(&pr->m);
	nmt_port_close(&pr->s);
}

struct view {
	uint32_t head, cur, tail;
};

static struct view view_of(const struct netmap_ring *r)
{
	return (struct view){r->head, r->cur, r->tail};
}

static void check_view(const char *what, const struct netmap_ring *r,
		       struct view want)
{
	if (r->head == want.head && r->cur == want.cur && r->tail == want.tail)
		return;
	nmt_fail("%s: ring reinitialised, expected head/cur/tail %u/%u/%u "
		 "got %u/%u/%u",
		 what, want.head, want.cur, want.tail, r->head, r->cur,
		 r->tail);
}

/* Send n packets of len 60 from p's tx ring; the txsync result. */
static int send_n(struct nmt_port *p, uint32_t n, uint16_t len)
{
	struct netmap_ring *tx = p->tx;
	uint32_t i, cur = tx->head;

	for (i = 0; i < n; i++) {
		tx->slot[cur].len = len;
		tx->slot[cur].flags = 0;
		memset(NETMAP_BUF(tx, tx->slot[cur].buf_idx), 0x5a, 16);
		cur = nm_ring_next(tx, cur);
	}
	tx->head = tx->cur = cur;
	return nmt_txsync(p->fd);
}

/* The pipe still works: one packet from the master arrives. */
static void check_still_works(struct pair *pr, const char *what)
{
	struct netmap_ring *rx = pr->s.rx;
	char buf[128];
	int err;

	snprintf(buf, sizeof(buf), "%s: rxsync to drain", what);
	rx->head = rx->cur = rx->tail;
	nmt_check_err(buf, 0, nmt_rxsync(pr->s.fd));
	rx->head = rx->cur = rx->tail;
	nmt_check_err(buf, 0, nmt_rxsync(pr->s.fd));
	if (nm_ring_space(pr->m.tx) == 0)
		return;
	snprintf(buf, sizeof(buf), "%s: a good send afterwards", what);
	err = send_n(&pr->m, 1, 60);
	if (!nmt_check_err(buf, 0, err))
		return;
	snprintf(buf, sizeof(buf), "%s: rxsync afterwards", what);
	nmt_check_err(buf, 0, nmt_rxsync(pr->s.fd));
	snprintf(buf, sizeof(buf), "%s: packets received afterwards", what);
	nmt_check(buf, 1, nm_ring_space(rx));
}

/* head/cur of an rx ring outside [old head, tail] on a fresh pipe. */
static void case_rx_index(const char *what, int set_head, uint32_t val)
{
	struct pair pr;
	struct netmap_ring *rx;
	struct view v;
	int ev;

	pair_open(&pr);
	rx = pr.s.rx;
	v = view_of(rx);
	if (set_head)
		rx->head = val;
	else
		rx->cur = val;
	nmt_check_err(what, EINVAL, nmt_rxsync(pr.s.fd));
	check_view(what, rx, v);
	/* And poll says so. */
	if (set_head)
		rx->head = val;
	else
		rx->cur = val;
	ev = nmt_poll(pr.s.fd, POLLIN, 0);
	if (ev < 0 || !(ev & POLLERR))
		nmt_fail("%s: poll, expected POLLERR got %s revents 0x%x", what,
			 nmt_errname(ev), ev < 0 ? 0 : ev);
	check_view(what, rx, v);
	check_still_works(&pr, what);
	pair_close(&pr);
}

/*
 * Fill the peer's rx ring and then the tx ring, so that tail == head and
 * [old head, tail] is a single slot.
 */
static int tx_fill(struct pair *pr, const char *what)
{
	struct netmap_ring *tx = pr->m.tx;
	int round, err;

	for (round = 0; round < 4 && nm_ring_space(tx); round++) {
		err = send_n(&pr->m, nm_ring_space(tx), 60);
		if (!nmt_check_err(what, 0, err))
			return -1;
	}
	if (nm_ring_space(tx)) {
		nmt_fail("%s: filling the tx ring, expected no room got %u",
			 what, nm_ring_space(tx));
		return -1;
	}
	return 0;
}

static void case_tx_index(const char *what, int set_head, uint32_t delta,
			  int filled)
{
	struct pair pr;
	struct netmap_ring *tx;
	struct view v;
	uint32_t val;
	int ev;

	pair_open(&pr);
	tx = pr.m.tx;
	if (filled && tx_fill(&pr, what))
		goto out;
	v = view_of(tx);
	val = filled ? (tx->tail + delta) % tx->num_slots : delta;
	if (set_head)
		tx->head = val;
	else
		tx->cur = val;
	nmt_check_err(what, EINVAL, nmt_txsync(pr.m.fd));
	check_view(what, tx, v);
	if (set_head)
		tx->head = val;
	else
		tx->cur = val;
	ev = nmt_poll(pr.m.fd, POLLOUT, 0);
	if (ev < 0 || !(ev & POLLERR))
		nmt_fail("%s: poll, expected POLLERR got %s revents 0x%x", what,
			 nmt_errname(ev), ev < 0 ? 0 : ev);
	check_view(what, tx, v);
	check_still_works(&pr, what);
out:
	pair_close(&pr);
}

/* One slot with a bad buf_idx or len is sent; nothing may go through. */
#define KEEP_IDX (-1LL)

static void case_tx_slot(const char *what, long long buf_idx, uint16_t len,
			 uint16_t flags, int want_err)
{
	struct pair pr;
	struct netmap_ring *tx, *rx;
	struct netmap_slot *s, saved;
	struct view v, rv;
	char buf[128];
	int err;

	pair_open(&pr);
	tx = pr.m.tx;
	rx = pr.s.rx;
	v = view_of(tx);
	rv = view_of(rx);
	s = &tx->slot[tx->head];
	saved = *s;
	if (buf_idx != KEEP_IDX)
		s->buf_idx = (uint32_t)buf_idx;
	s->len = len;
	s->flags = flags;
	tx->head = tx->cur = nm_ring_next(tx, tx->head);
	err = nmt_txsync(pr.m.fd);
	nmt_check_err(what, want_err, err);
	snprintf(buf, sizeof(buf), "%s: rxsync on the peer", what);
	nmt_check_err(buf, 0, nmt_rxsync(pr.s.fd));
	if (want_err) {
		check_view(what, tx, v);
		snprintf(buf, sizeof(buf), "%s: peer rx", what);
		check_view(buf, rx, rv);
		*s = saved;
	} else {
		snprintf(buf, sizeof(buf), "%s: packets at the peer", what);
		if (nmt_check(buf, 1, nm_ring_space(rx))) {
			snprintf(buf, sizeof(buf), "%s: len at the peer", what);
			nmt_check(buf, len, rx->slot[rx->cur].len);
		}
	}
	check_still_works(&pr, what);
	pair_close(&pr);
}

static void case_unregistered(void)
{
	int fd = nmt_open(), ev;
	void *m;

	nmt_check_err("NIOCTXSYNC on an unregistered fd", ENXIO,
		      nmt_txsync(fd));
	nmt_check_err("NIOCRXSYNC on an unregistered fd", ENXIO,
		      nmt_rxsync(fd));
	ev = nmt_poll(fd, POLLIN | POLLOUT, 0);
	if (ev < 0 || !(ev & POLLERR))
		nmt_fail("poll on an unregistered fd, expected POLLERR got %s "
			 "revents 0x%x",
			 nmt_errname(ev), ev < 0 ? 0 : ev);
	m = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (m == MAP_FAILED) {
		nmt_check_err("mmap on an unregistered fd", ENXIO, -errno);
	} else {
		nmt_fail("mmap on an unregistered fd, expected ENXIO got a "
			 "mapping");
		munmap(m, 1 << 20);
	}
	close(fd);
}

static int run_cases(void)
{
	case_unregistered();
	case_rx_index("rx head past tail", 1, 5);
	case_rx_index("rx head = num_slots", 1, NMT_PIPE_SLOTS);
	case_rx_index("rx head = 0xffffffff", 1, 0xffffffffu);
	case_rx_index("rx cur past tail", 0, 3);
	case_rx_index("rx cur = 0x80000000", 0, 0x80000000u);
	case_tx_index("tx head = num_slots", 1, NMT_PIPE_SLOTS, 0);
	case_tx_index("tx head = 0xffffffff", 1, 0xffffffffu, 0);
	case_tx_index("tx cur = num_slots + 1", 0, NMT_PIPE_SLOTS + 1, 0);
	case_tx_index("tx head past tail (full ring)", 1, 5, 1);
	case_tx_index("tx cur past tail (full ring)", 0, 3, 1);
	case_tx_slot("tx buf_idx 0", 0, 60, 0, EINVAL);
	case_tx_slot("tx buf_idx 1", 1, 60, 0, EINVAL);
	case_tx_slot("tx buf_idx 0 with NS_BUF_CHANGED", 0, 60, NS_BUF_CHANGED,
		     EINVAL);
	case_tx_slot("tx buf_idx = pool objtotal", NMT_BUF_TOTAL, 60,
		     NS_BUF_CHANGED, EINVAL);
	case_tx_slot("tx buf_idx 0xffffffff", 0xffffffffu, 60, NS_BUF_CHANGED,
		     EINVAL);
	case_tx_slot("tx len 65535", KEEP_IDX, 65535, 0, EINVAL);
	case_tx_slot("tx len 2049", KEEP_IDX, 2049, 0, EINVAL);
	case_tx_slot("tx len 2048 (the buffer size)", KEEP_IDX, 2048, 0, 0);
	printf("pipes_used=%u\n", pair_next);
	return nmt_exit_status();
}

/* ---- --garbage: random writes between syncs; survive, count errors. */

struct junk_stats {
	unsigned long ops, syncs, ok, einval, enxio, other, pollerr, sent,
		received;
};

static uint64_t rng_state;

static uint32_t rnd(void)
{
	/* xorshift64*: fast, and reproducible from --seed. */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 0x2545f4914f6cdd1dull) >> 32);
}

/* A value for an index field: mostly near the ring, sometimes wild. */
static uint32_t junk_index(uint32_t n, uint32_t near)
{
	switch (rnd() % 6) {
	case 0:
		return rnd();
	case 1:
		return rnd() % (2 * n);
	case 2:
		return (near + n - 1 - rnd() % 3) % n;
	case 3:
		return (near + rnd() % 3) % n;
	default:
		return rnd() % n;
	}
}

static uint32_t junk_buf_idx(void)
{
	switch (rnd() % 5) {
	case 0:
		return rnd() % 2;
	case 1:
		return NMT_BUF_TOTAL + rnd() % 4;
	case 2:
		return rnd();
	default:
		return rnd() % NMT_BUF_TOTAL;
	}
}

static void junk_count(struct junk_stats *st, int err)
{
	st->syncs++;
	if (!err)
		st->ok++;
	else if (err == -EINVAL)
		st->einval++;
	else if (err == -ENXIO)
		st->enxio++;
	else
		st->other++;
}

static void junk_sync(struct nmt_port *p, struct junk_stats *st)
{
	int ev;

	switch (rnd() % 3) {
	case 0:
		junk_count(st, nmt_txsync(p->fd));
		break;
	case 1:
		junk_count(st, nmt_rxsync(p->fd));
		break;
	default:
		ev = nmt_poll(p->fd,
			      (rnd() & 1 ? POLLIN : 0) |
				      (rnd() & 1 ? POLLOUT : 0),
			      0);
		if (ev > 0 && (ev & POLLERR))
			st->pollerr++;
	}
}

/*
 * A buffer to repair a slot that still holds a wild index from an earlier
 * step, taken from the extra buffers granted at register; 0 when none
 * are left.
 */
static uint32_t junk_spare(struct nmt_port *p)
{
	uint32_t idx = p->nifp->ni_bufs_head, next;

	if (idx < 2 || idx >= NMT_BUF_TOTAL)
		return 0;
	memcpy(&next, NETMAP_BUF(p->tx, idx), sizeof(next));
	p->nifp->ni_bufs_head = next;
	return idx;
}

/*
 * Honest traffic. A sync first puts the ring back to the kernel's view
 * if an earlier step left garbage in it.
 */
static void junk_send(struct nmt_port *p, struct junk_stats *st, uint32_t n)
{
	struct netmap_ring *tx = p->tx;
	uint32_t i, cur, room;
	int err;

	junk_count(st, nmt_txsync(p->fd));
	if (tx->head >= n || tx->tail >= n)
		return;
	cur = tx->cur = tx->head;
	room = nm_ring_space(tx);
	room = room < 64 ? room : 1 + rnd() % 64;
	for (i = 0; i < room; i++) {
		struct netmap_slot *s = &tx->slot[cur];

		s->flags = rnd() % 8 ? 0 : NS_MOREFRAG;
		if (s->buf_idx < 2 || s->buf_idx >= NMT_BUF_TOTAL) {
			s->buf_idx = junk_spare(p);
			s->flags |= NS_BUF_CHANGED;
			if (!s->buf_idx)
				break;
		}
		s->len = 60 + rnd() % 1400;
		cur = nm_ring_next(tx, cur);
	}
	tx->head = tx->cur = cur;
	err = nmt_txsync(p->fd);
	junk_count(st, err);
	if (!err)
		st->sent += i;
}

static void junk_receive(struct nmt_port *p, struct junk_stats *st, uint32_t n)
{
	struct netmap_ring *rx = p->rx;
	int err;

	err = nmt_rxsync(p->fd);
	junk_count(st, err);
	if (err || rx->head >= n || rx->tail >= n)
		return;
	rx->cur = rx->head;
	st->received += nm_ring_space(rx);
	rx->head = rx->cur = rx->tail;
	junk_count(st, nmt_rxsync(p->fd));
}

/* Overwrite what the kernel alone should write; put it back after. */
static void junk_kernel_fields(struct nmt_port *p, struct junk_stats *st)
{
	struct netmap_ring *r = rnd() & 1 ? p->tx : p->rx;
	struct netmap_ring saved;
	uint32_t bufs_head = p->nifp->ni_bufs_head;

	memcpy(&saved, r, sizeof(saved));
	*(int64_t *)&r->buf_ofs = (int64_t)rnd() << (rnd() % 32);
	*(uint32_t *)&r->num_slots = rnd() % 3 ? rnd() : 0;
	*(uint32_t *)&r->nr_buf_size = rnd();
	*(uint16_t *)&r->ringid = rnd();
	*(uint16_t *)&r->dir = rnd();
	*(uint64_t *)&r->offset_mask = rnd();
	r->flags = rnd();
	memset(r->sem, rnd(), sizeof(r->sem));
	p->nifp->ni_bufs_head = junk_buf_idx();
	junk_sync(p, st);
	junk_sync(p, st);
	memcpy(r, &saved, sizeof(saved));
	p->nifp->ni_bufs_head = bufs_head;
}

/*
 * A random control request on a fresh fd: random header fields, a body
 * and option chain carved out of a random buffer, or wild pointers.
 */
static void junk_ctrl(struct junk_stats *st)
{
	static uint64_t scratch[4096 / 8 + 8];
	static const char *const names[] = {"junk{5",	 "junk}6",  "junk{64",
					    "nosuchif0", "vale0:j", ""};
	struct nmreq_header hdr;
	struct nmreq nmr;
	uint64_t wild = (uint64_t)rnd() << 32 | rnd();
	size_t i;
	int fd, err;

	for (i = 0; i < sizeof(scratch) / sizeof(scratch[0]); i++)
		scratch[i] = rnd() % 4 ? ((uint64_t)rnd() << 32 | rnd())
				       : rnd() % 64;
	/* Some option headers chained through the scratch buffer. */
	for (i = 0; i < 8; i++) {
		struct nmreq_option *o =
			(struct nmreq_option *)&scratch[rnd() % 480];

		o->nro_reqtype = rnd() % 8;
		o->nro_size = rnd() % 3 ? rnd() % 64 : rnd();
		o->nro_next = rnd() % 3	  ? (uintptr_t)&scratch[rnd() % 480]
			      : rnd() % 2 ? 0
					  : wild;
	}
	fd = nmt_open();
	memset(&hdr, 0, sizeof(hdr));
	hdr.nr_version = rnd() % 4 ? NETMAP_API : rnd();
	hdr.nr_reqtype = rnd() % 4 ? NETMAP_REQ_REGISTER : rnd() % 20;
	hdr.nr_reserved = rnd() % 8 ? 0 : rnd();
	snprintf(hdr.nr_name, sizeof(hdr.nr_name), "%s",
		 names[rnd() % (sizeof(names) / sizeof(names[0]))]);
	if (rnd() % 16 == 0)
		memset(hdr.nr_name, 'j', sizeof(hdr.nr_name));
	hdr.nr_body = rnd() % 6	  ? (uintptr_t)&scratch[rnd() % 500]
		      : rnd() % 2 ? 0
				  : wild;
	hdr.nr_options = rnd() % 2   ? 0
			 : rnd() % 4 ? (uintptr_t)&scratch[rnd() % 480]
				     : wild;
	if (rnd() % 4 == 0) {
		/* A register body that asks for plausible things. */
		struct nmreq_register *reg = (void *)&scratch[500];

		hdr.nr_body = (uintptr_t)reg;
		reg->nr_mode = rnd() % 10;
		reg->nr_ringid = rnd() % 3;
		reg->nr_extra_bufs = rnd() % 3 ? rnd() % 4096 : rnd();
	}
	err = nmt_ctrl(fd, &hdr);
	junk_count(st, err);
	memcpy(&nmr, &scratch[rnd() % 500], sizeof(nmr));
	snprintf(nmr.nr_name, sizeof(nmr.nr_name), "%s",
		 names[rnd() % (sizeof(names) / sizeof(names[0]))]);
	if (rnd() % 2)
		nmr.nr_version = NETMAP_API;
	nmr.nr_arg3 %= 8192;
	junk_count(st, ioctl(fd, rnd() % 2 ? NIOCREGIF : NIOCGINFO, &nmr) < 0
			       ? -errno
			       : 0);
	close(fd);
}

static void junk_step(struct nmt_port *p, struct junk_stats *st, uint32_t n)
{
	struct netmap_ring *r = rnd() & 1 ? p->tx : p->rx;
	struct netmap_slot saved;
	uint32_t i;

	st->ops++;
	switch (rnd() % 10) {
	case 0:
	case 1:
	case 2:
		junk_send(p, st, n);
		break;
	case 3:
	case 4:
		junk_receive(p, st, n);
		break;
	case 5:
		r->head = junk_index(n, r->tail);
		r->cur = rnd() & 1 ? r->head : junk_index(n, r->tail);
		if (rnd() & 1)
			r->tail = junk_index(n, r->tail);
		junk_sync(p, st);
		break;
	case 6:
		/* A random slot, sent if head is where it should be. */
		i = rnd() % n;
		saved = r->slot[i];
		r->slot[i].buf_idx = junk_buf_idx();
		r->slot[i].len = rnd();
		r->slot[i].flags = rnd();
		r->slot[i].ptr = ((uint64_t)rnd() << 32) | rnd();
		if (r->head < n)
			r->head = r->cur = (r->head + rnd() % 8) % n;
		junk_sync(p, st);
		/* Usually undo it, so honest traffic keeps flowing. */
		if (rnd() % 8)
			r->slot[i] = saved;
		break;
	case 7:
		junk_kernel_fields(p, st);
		break;
	case 8:
		if (rnd() % 16 == 0)
			junk_ctrl(st);
		else
			junk_sync(p, st);
		break;
	default:
		junk_sync(p, st);
	}
}

static int junk_run(const char *role, const char *name, double seconds,
		    uint64_t seed)
{
	struct junk_stats st = {0};
	struct nmt_port p;
	struct nmreq_register reg;
	double end;
	uint32_t n;
	int err;

	rng_state = seed ? seed : 1;
	nmt_reg_init(&reg, NR_REG_ALL_NIC, 0, 0);
	reg.nr_extra_bufs = 256;
	err = nmt_port_open_ex(&p, name, &reg);
	if (err || !p.tx || !p.rx)
		nmt_die("register %s, expected 0 got %s", name,
			nmt_errname(err));
	n = p.tx->num_slots;
	end = nmt_now() + seconds;
	while (nmt_now() < end) {
		unsigned int k;

		for (k = 0; k < 64; k++)
			junk_step(&p, &st, n);
	}
	printf("role=%s ops=%lu syncs=%lu ok=%lu einval=%lu enxio=%lu "
	       "other=%lu pollerr=%lu honest_sent=%lu rx_slots_seen=%lu\n",
	       role, st.ops, st.syncs, st.ok, st.einval, st.enxio, st.other,
	       st.pollerr, st.sent, st.received);
	/*
	 * Close with whatever garbage is in the rings now, and sometimes a
	 * wild or looping extra-buffer list for the kernel to give back.
	 */
	switch (rnd() % 3) {
	case 0:
		p.nifp->ni_bufs_head = junk_buf_idx();
		break;
	case 1: {
		uint32_t idx = junk_spare(&p);

		if (idx) {
			memcpy(NETMAP_BUF(p.tx, idx), &idx, sizeof(idx));
			p.nifp->ni_bufs_head = idx;
		}
		break;
	}
	}
	nmt_port_close(&p);
	return 0;
}

static int run_garbage(double seconds, uint64_t seed)
{
	int status;
	pid_t child;

	printf("seed=%llu\n", (unsigned long long)seed);
	fflush(stdout);
	child = fork();
	if (child < 0)
		nmt_die("fork, expected a pid got %s", nmt_errname(errno));
	if (child == 0) {
		nmt_die_with_parent();
		exit(junk_run("slave", "junk}0", seconds, seed * 31 + 7));
	}
	junk_run("master", "junk{0", seconds, seed);
	if (waitpid(child, &status, 0) != child)
		nmt_die("waitpid, expected the child got %s",
			nmt_errname(errno));
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		nmt_fail("slave exit status, expected 0 got 0x%x", status);
	printf("survived=%s\n", nmt_failures ? "no" : "yes");
	return nmt_exit_status();
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"garbage", required_argument, NULL, 'g'},
		{"seed", required_argument, NULL, 's'},
		{NULL, 0, NULL, 0},
	};
	double seconds = -1;
	uint64_t seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
	int c;

	setvbuf(stdout, NULL, _IOLBF, 0);
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'g':
			seconds = strtod(optarg, NULL);
			break;
		case 's':
			seed = strtoull(optarg, NULL, 0);
			break;
		default:
			fprintf(stderr, "usage: nm_badinput [--garbage SECONDS "
					"[--seed N]]\n");
			return 2;
		}
	}
	if (seconds >= 0)
		return run_garbage(seconds, seed);
	return run_cases();
}
