/*
 * nm_pipe_seq - every packet sent into a netmap pipe arrives exactly once,
 * in order, with its length and bytes intact.
 *
 *	nm_pipe_seq -n COUNT -b BATCH -p NAME [-i PIPE] [--bench]
 *
 * The child registers the slave end NAME}PIPE and receives; the parent
 * registers the master end NAME{PIPE and sends COUNT packets, BATCH slots
 * per txsync, waiting for room with poll(). Packet s carries s as a
 * 64-bit number in its first 8 bytes, is seq_len(s) bytes long (60..1514)
 * and the rest is a pattern of s. The receiver prints
 *	received=N lost=L dup=D bad=B
 * and, with --bench (fixed 60-byte frames, sequence checks only),
 *	packets=N seconds=S pps=P
 * measured on CLOCK_MONOTONIC from the first packet to the last.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nmtest.h"

/* A receiver that sees nothing for this long gives up. */
#define IDLE_LIMIT_S 60.0

struct opts {
	uint64_t count;
	unsigned int batch;
	const char *name;
	unsigned int pipe;
	int bench;
};

static uint16_t seq_len(uint64_t seq)
{
	return 60 + (uint16_t)((seq * 2654435761u) % (1514 - 60 + 1));
}

static uint64_t seq_word(uint64_t seq, unsigned int i)
{
	return (seq + 1) * 0x9e3779b97f4a7c15ull ^ ((uint64_t)i << 48 | i);
}

/* The payload is written and checked by 8-byte words: no per-byte loop. */
static void pkt_fill(char *buf, uint64_t seq, uint16_t len, int bench)
{
	unsigned int i;

	memcpy(buf, &seq, sizeof(seq));
	if (bench)
		return;
	for (i = 1; i * 8 < len; i++) {
		uint64_t w = seq_word(seq, i);

		memcpy(buf + i * 8, &w, sizeof(w));
	}
}

/* 0 if the bytes [8, len) match the pattern of seq, else 1 + offset. */
static size_t pkt_diff(const char *buf, uint64_t seq, uint16_t len)
{
	unsigned int i;

	for (i = 1; i * 8 < len; i++) {
		uint64_t w = seq_word(seq, i);
		size_t n = len - i * 8 < 8 ? len - i * 8 : 8;

		if (memcmp(buf + i * 8, &w, n))
			return 1 + i * 8;
	}
	return 0;
}

struct rx_stats {
	uint64_t received, lost, dup, bad, next;
	double first, last;
};

static void rx_one(struct nmt_port *p, const struct netmap_slot *s,
		   const struct opts *o, struct rx_stats *st)
{
	struct netmap_ring *rx = p->rx;
	const char *buf = NETMAP_BUF(rx, s->buf_idx);
	uint16_t want;
	uint64_t seq;
	size_t off;

	st->received++;
	if (s->len < 8 || s->len > rx->nr_buf_size ||
	    !nmt_in_region(p, buf, s->len)) {
		if (st->bad++ < 5)
			nmt_fail("packet after seq %llu: buf_idx %u len %u, "
				 "expected a mapped buffer of 8..%u bytes",
				 (unsigned long long)st->next, s->buf_idx,
				 s->len, rx->nr_buf_size);
		return;
	}
	memcpy(&seq, buf, sizeof(seq));
	if (seq < st->next) {
		if (st->dup++ < 5)
			nmt_fail("seq, expected %llu got %llu (duplicate)",
				 (unsigned long long)st->next,
				 (unsigned long long)seq);
		return;
	}
	if (seq > st->next) {
		if (!st->lost)
			nmt_fail("seq, expected %llu got %llu (lost)",
				 (unsigned long long)st->next,
				 (unsigned long long)seq);
		st->lost += seq - st->next;
	}
	st->next = seq + 1;
	want = o->bench ? 60 : seq_len(seq);
	if (s->len != want) {
		if (st->bad++ < 5)
			nmt_fail("len of seq %llu, expected %u got %u",
				 (unsigned long long)seq, want, s->len);
		return;
	}
	if (s->flags & NS_MOREFRAG) {
		if (st->bad++ < 5)
			nmt_fail("flags of seq %llu, expected no NS_MOREFRAG "
				 "got 0x%x",
				 (unsigned long long)seq, s->flags);
		return;
	}
	if (!o->bench && (off = pkt_diff(buf, seq, s->len))) {
		if (st->bad++ < 5)
			nmt_fail("payload of seq %llu, expected the pattern "
				 "got a difference at byte %zu",
				 (unsigned long long)seq, off - 1);
	}
}

static int receiver(const struct opts *o, int ready_fd)
{
	struct rx_stats st = {0};
	struct nmt_port p;
	char name[64];
	double idle_since;

	snprintf(name, sizeof(name), "%s}%u", o->name, o->pipe);
	nmt_port_must_open(&p, name, 0);
	if (write(ready_fd, "R", 1) != 1)
		nmt_die("telling the sender, expected 1 byte written");
	close(ready_fd);

	idle_since = nmt_now();
	while (st.next < o->count) {
		struct netmap_ring *rx = p.rx;
		int ev;

		if (nm_ring_empty(rx)) {
			ev = nmt_poll(p.fd, POLLIN, 1000);
			if (ev < 0 || (ev & POLLERR)) {
				nmt_fail("receiver poll, expected POLLIN got "
					 "%s revents 0x%x",
					 nmt_errname(ev), ev < 0 ? 0 : ev);
				break;
			}
			if (nm_ring_empty(rx)) {
				if (nmt_now() - idle_since > IDLE_LIMIT_S) {
					nmt_fail("packets, expected %llu got "
						 "none for %.0f s after seq "
						 "%llu",
						 (unsigned long long)o->count,
						 IDLE_LIMIT_S,
						 (unsigned long long)st.next);
					break;
				}
				continue;
			}
		}
		idle_since = nmt_now();
		if (!st.received)
			st.first = idle_since;
		while (!nm_ring_empty(rx)) {
			rx_one(&p, &rx->slot[rx->cur], o, &st);
			rx->cur = nm_ring_next(rx, rx->cur);
		}
		rx->head = rx->cur;
	}
	st.last = nmt_now();
	st.lost += o->count > st.next ? o->count - st.next : 0;

	/* Anything after the last packet is a duplicate or garbage. */
	if (nmt_poll(p.fd, POLLIN, 200) > 0)
		while (!nm_ring_empty(p.rx)) {
			rx_one(&p, &p.rx->slot[p.rx->cur], o, &st);
			p.rx->head = p.rx->cur = nm_ring_next(p.rx, p.rx->cur);
		}

	printf("received=%llu lost=%llu dup=%llu bad=%llu\n",
	       (unsigned long long)st.received, (unsigned long long)st.lost,
	       (unsigned long long)st.dup, (unsigned long long)st.bad);
	if (o->bench) {
		double secs = st.last - st.first;

		printf("packets=%llu\nseconds=%.6f\npps=%.0f\n",
		       (unsigned long long)st.received, secs,
		       secs > 0 ? st.received / secs : 0.0);
	}
	nmt_check("received", o->count, st.received);
	nmt_port_close(&p);
	return nmt_exit_status();
}

static unsigned long tx_polls;

/* Wait until the tx ring has at least want free slots. */
static int tx_wait_room(struct nmt_port *p, uint32_t want)
{
	struct netmap_ring *tx = p->tx;
	double start = nmt_now();

	while (nm_ring_space(tx) < want) {
		int ev;

		tx->cur = tx->tail;
		tx_polls++;
		ev = nmt_poll(p->fd, POLLOUT, 1000);
		tx->cur = tx->head;
		if (ev < 0 || (ev & POLLERR)) {
			nmt_fail("sender poll, expected POLLOUT got %s "
				 "revents 0x%x",
				 nmt_errname(ev), ev < 0 ? 0 : ev);
			return -1;
		}
		if (nmt_now() - start > IDLE_LIMIT_S) {
			nmt_fail("tx room, expected %u slots got %u for %.0f s",
				 want, nm_ring_space(tx), IDLE_LIMIT_S);
			return -1;
		}
	}
	return 0;
}

static int sender(const struct opts *o)
{
	struct nmt_port p;
	struct netmap_ring *tx;
	char name[64];
	uint64_t seq = 0;
	int err;

	snprintf(name, sizeof(name), "%s{%u", o->name, o->pipe);
	nmt_port_must_open(&p, name, 0);
	tx = p.tx;
	while (seq < o->count) {
		uint64_t left = o->count - seq;
		uint32_t n = left < o->batch ? (uint32_t)left : o->batch;
		uint32_t i, cur = tx->head;

		if (n > tx->num_slots - 1)
			n = tx->num_slots - 1;
		if (tx_wait_room(&p, n))
			break;
		for (i = 0; i < n; i++, seq++) {
			struct netmap_slot *s = &tx->slot[cur];
			uint16_t len = o->bench ? 60 : seq_len(seq);

			pkt_fill(NETMAP_BUF(tx, s->buf_idx), seq, len,
				 o->bench);
			s->len = len;
			s->flags = 0;
			cur = nm_ring_next(tx, cur);
		}
		tx->head = tx->cur = cur;
		err = nmt_txsync(p.fd);
		if (err) {
			nmt_fail("txsync after seq %llu, expected 0 got %s",
				 (unsigned long long)seq, nmt_errname(err));
			break;
		}
	}
	/* Everything has left once tail is back just behind head. */
	while (nm_tx_pending(tx) && !nmt_failures) {
		if (tx_wait_room(&p, nm_ring_space(tx) + 1))
			break;
	}
	printf("sent=%llu\ntx_polls=%lu\n", (unsigned long long)seq, tx_polls);
	fflush(stdout);
	return p.fd;
}

static void usage(void)
{
	fprintf(stderr, "usage: nm_pipe_seq -n COUNT -b BATCH -p NAME "
			"[-i PIPE] [--bench]\n");
	exit(2);
}

static void parse(int argc, char **argv, struct opts *o)
{
	static const struct option longopts[] = {
		{"bench", no_argument, NULL, 'B'},
		{NULL, 0, NULL, 0},
	};
	int c;

	*o = (struct opts){.count = 1000, .batch = 64, .name = "seq"};
	while ((c = getopt_long(argc, argv, "n:b:p:i:", longopts, NULL)) !=
	       -1) {
		switch (c) {
		case 'n':
			o->count = strtoull(optarg, NULL, 0);
			break;
		case 'b':
			o->batch = strtoul(optarg, NULL, 0);
			break;
		case 'p':
			o->name = optarg;
			break;
		case 'i':
			o->pipe = strtoul(optarg, NULL, 0);
			break;
		case 'B':
			o->bench = 1;
			break;
		default:
			usage();
		}
	}
	if (optind != argc || !o->batch)
		usage();
}

int main(int argc, char **argv)
{
	struct opts o;
	int ready[2], status, fd;
	pid_t child;
	char c;

	parse(argc, argv, &o);
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (pipe(ready))
		nmt_die("pipe, expected 0 got %s", nmt_errname(errno));
	fflush(stdout);
	child = fork();
	if (child < 0)
		nmt_die("fork, expected a pid got %s", nmt_errname(errno));
	if (child == 0) {
		nmt_die_with_parent();
		close(ready[0]);
		exit(receiver(&o, ready[1]));
	}
	close(ready[1]);
	/* Send only once the slave end is registered. */
	if (read(ready[0], &c, 1) != 1) {
		waitpid(child, &status, 0);
		nmt_die("receiver ready, expected a byte got end of file");
	}
	fd = sender(&o);
	if (waitpid(child, &status, 0) != child)
		nmt_die("waitpid, expected the receiver got %s",
			nmt_errname(errno));
	/* The master end stays open until the receiver has everything. */
	close(fd);
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		nmt_fail("receiver exit status, expected 0 got 0x%x", status);
	return nmt_exit_status();
}
