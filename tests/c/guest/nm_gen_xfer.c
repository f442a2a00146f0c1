/*
 * nm_gen_xfer - send COUNT numbered frames from one endpoint to another
 * and account for every one of them, in lockstep windows.
 *
 *	nm_gen_xfer -t TX -r RX [-n COUNT] [-w WINDOW] [-l MIN] [-L MAX]
 *		    [-J BIG:EVERY] [-s SECONDS]
 *
 * TX and RX are netmap port names (netmap:veth0, netmap:eth0^,
 * netmap:mq0-2) or sock:IFNAME, an AF_PACKET socket on that interface.
 * Frames are broadcast, of ethertype 0x88b5 (local experimental), and
 * carry a per-run tag, their sequence number and a pattern of it; frame s
 * is MIN + s % (MAX - MIN + 1) bytes long. With -J, every EVERY-th frame
 * (s % EVERY == EVERY - 1) is BIG bytes instead and must NOT arrive (it
 * is longer than a netmap buffer: dropped, never truncated).
 *
 * Lockstep: at most WINDOW frames are in flight; the next window leaves
 * only when the receiver has all of the previous one, or after SECONDS
 * without progress (then the counts show what is missing). So no queue
 * on the way (rx ring, backlog, NIC ring, socket buffer) can overflow,
 * whatever the scheduler does, and the counts must be exact.
 *
 * Prints one line:
 *	sent=N bytes_sent=B received=N bytes=B unique=N dup=D reordered=R
 *	bad=X big=G foreign=F
 * and exits 0 when everything expected arrived once, in order, intact.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "nmport.h"
#include "nmtest.h"

#define XFER_ETHERTYPE 0x88b5
#define XFER_MAGIC 0x6e6d7866u /* "nmxf" */
#define XFER_HDR 26	       /* ethernet 14, magic, tag, seq */
#define XFER_MAX_FRAME 9216

struct endpoint {
	int is_sock;
	int fd; /* socket, or the netmap port's fd */
	int ifindex;
	struct nmport port;
};

struct xfer {
	uint64_t count, window;
	unsigned int min_len, max_len, big_len, big_every;
	double stall_s;
	uint32_t tag;
	struct endpoint tx, rx;
	uint64_t sent, bytes_sent, received, bytes, unique, dup, reordered;
	uint64_t bad, big, foreign, max_seen;
	uint8_t *seen;
};

static int is_big(const struct xfer *x, uint64_t s)
{
	return x->big_every && s % x->big_every == x->big_every - 1;
}

static unsigned int frame_len(const struct xfer *x, uint64_t s)
{
	if (is_big(x, s))
		return x->big_len;
	return x->min_len + (unsigned int)(s % (x->max_len - x->min_len + 1));
}

static void frame_write(const struct xfer *x, uint8_t *buf, uint64_t s,
			unsigned int len)
{
	uint32_t magic = htonl(XFER_MAGIC), tag = htonl(x->tag);
	uint32_t seq = htonl((uint32_t)s);
	unsigned int i;

	memset(buf, 0xff, 6);
	memcpy(buf + 6, "\x02\x00\x00\x6e\x6d\x01", 6);
	buf[12] = XFER_ETHERTYPE >> 8;
	buf[13] = XFER_ETHERTYPE & 0xff;
	memcpy(buf + 14, &magic, 4);
	memcpy(buf + 18, &tag, 4);
	memcpy(buf + 22, &seq, 4);
	for (i = XFER_HDR; i < len; i++)
		buf[i] = (uint8_t)(s + i);
}

/* Account for one received frame. */
static void frame_check(struct xfer *x, const uint8_t *buf, unsigned int len)
{
	uint32_t magic, tag, seq;
	unsigned int i;

	if (len < XFER_HDR || buf[12] != XFER_ETHERTYPE >> 8 ||
	    buf[13] != (XFER_ETHERTYPE & 0xff)) {
		x->foreign++;
		return;
	}
	memcpy(&magic, buf + 14, 4);
	memcpy(&tag, buf + 18, 4);
	memcpy(&seq, buf + 22, 4);
	if (ntohl(magic) != XFER_MAGIC || ntohl(tag) != x->tag) {
		x->foreign++;
		return;
	}
	seq = ntohl(seq);
	x->received++;
	x->bytes += len;
	if (seq >= x->count) {
		x->bad++;
		return;
	}
	if (is_big(x, seq)) {
		x->big++;
		return;
	}
	if (len != frame_len(x, seq)) {
		x->bad++;
		return;
	}
	for (i = XFER_HDR; i < len; i++)
		if (buf[i] != (uint8_t)(seq + i)) {
			x->bad++;
			return;
		}
	if (x->seen[seq]) {
		x->dup++;
		return;
	}
	x->seen[seq] = 1;
	if (x->unique && seq < x->max_seen)
		x->reordered++;
	if (seq > x->max_seen)
		x->max_seen = seq;
	x->unique++;
}

static void endpoint_open(struct endpoint *e, const char *name, int rx)
{
	struct nmport_error err;
	struct sockaddr_ll sll = {.sll_family = AF_PACKET};
	int one = 1, size = 32 << 20;

	if (strncmp(name, "sock:", 5)) {
		if (nmport_open(name, &e->port, &err))
			nmt_die("%s: %s", name, err.msg);
		e->fd = e->port.fd;
		return;
	}
	e->is_sock = 1;
	e->ifindex = (int)if_nametoindex(name + 5);
	if (!e->ifindex)
		nmt_die("%s: no such interface", name);
	e->fd = socket(AF_PACKET, SOCK_RAW, htons(XFER_ETHERTYPE));
	if (e->fd < 0)
		nmt_die("socket: %s", strerror(errno));
	sll.sll_protocol = htons(XFER_ETHERTYPE);
	sll.sll_ifindex = e->ifindex;
	if (!rx)
		sll.sll_protocol = 0; /* a sender receives nothing */
	if (bind(e->fd, (struct sockaddr *)&sll, sizeof(sll)))
		nmt_die("bind %s: %s", name, strerror(errno));
	if (rx) {
		setsockopt(e->fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one,
			   sizeof(one));
		setsockopt(e->fd, SOL_SOCKET, SO_RCVBUFFORCE, &size,
			   sizeof(size));
	}
}

static void sock_send(struct xfer *x, uint64_t s)
{
	static uint8_t buf[XFER_MAX_FRAME];
	unsigned int len = frame_len(x, s);

	frame_write(x, buf, s, len);
	while (send(x->tx.fd, buf, len, 0) < 0) {
		if (errno != ENOBUFS && errno != EAGAIN && errno != EINTR)
			nmt_die("send: %s", strerror(errno));
		usleep(1000);
	}
	x->sent++;
	x->bytes_sent += len;
}

/* Put frames s.. on the bound tx rings; returns how many fit. */
static uint64_t netmap_put(struct xfer *x, uint64_t s, uint64_t n)
{
	struct nmport *p = &x->tx.port;
	uint64_t done = 0;
	unsigned int r;

	for (r = p->first_tx; r < p->last_tx && done < n; r++) {
		struct netmap_ring *ring = nmport_txring(p, r);

		while (done < n && !nm_ring_empty(ring)) {
			struct netmap_slot *slot = &ring->slot[ring->cur];
			unsigned int len = frame_len(x, s + done);

			if (len > ring->nr_buf_size)
				nmt_die("frame of %u bytes: longer than a "
					"buffer",
					len);
			frame_write(x,
				    (uint8_t *)NETMAP_BUF(ring, slot->buf_idx),
				    s + done, len);
			slot->len = (uint16_t)len;
			slot->flags = 0;
			ring->head = ring->cur = nm_ring_next(ring, ring->cur);
			x->bytes_sent += len;
			done++;
		}
	}
	x->sent += done;
	return done;
}

static void netmap_send(struct xfer *x, uint64_t s, uint64_t n)
{
	while (n) {
		uint64_t k = netmap_put(x, s, n);

		s += k;
		n -= k;
		if (ioctl(x->tx.fd, NIOCTXSYNC, NULL))
			nmt_die("txsync: %s", strerror(errno));
		if (n && nmt_poll(x->tx.fd, POLLOUT, 1000) < 0)
			nmt_die("poll: %s", strerror(errno));
	}
}

static void drain_rx(struct xfer *x)
{
	static uint8_t buf[XFER_MAX_FRAME];
	struct nmport *p = &x->rx.port;
	unsigned int r;

	if (x->rx.is_sock) {
		ssize_t len;

		while ((len = recv(x->rx.fd, buf, sizeof(buf),
				   MSG_DONTWAIT | MSG_TRUNC)) >= 0)
			frame_check(x, buf, (unsigned int)len);
		return;
	}
	if (ioctl(x->rx.fd, NIOCRXSYNC, NULL))
		nmt_die("rxsync: %s", strerror(errno));
	for (r = p->first_rx; r < p->last_rx; r++) {
		struct netmap_ring *ring = nmport_rxring(p, r);

		while (!nm_ring_empty(ring)) {
			struct netmap_slot *slot = &ring->slot[ring->cur];

			frame_check(x,
				    (uint8_t *)NETMAP_BUF(ring, slot->buf_idx),
				    slot->len);
			ring->head = ring->cur = nm_ring_next(ring, ring->cur);
		}
	}
}

/* Wait until `want` frames of this run are in; 0, or -1 on a stall. */
static int wait_for(struct xfer *x, uint64_t want)
{
	double last = nmt_now();
	uint64_t had = x->unique;

	for (;;) {
		drain_rx(x);
		if (x->unique + x->dup + x->bad + x->big >= want)
			return 0;
		if (x->unique != had) {
			had = x->unique;
			last = nmt_now();
		} else if (nmt_now() - last > x->stall_s) {
			return -1;
		}
		/* A tx stalled on a busy driver queue moves on here. */
		if (!x->tx.is_sock && ioctl(x->tx.fd, NIOCTXSYNC, NULL))
			nmt_die("txsync: %s", strerror(errno));
		nmt_poll(x->rx.fd, POLLIN, 10);
	}
}

static int run(struct xfer *x)
{
	uint64_t s = 0, expected = 0;

	while (s < x->count) {
		uint64_t n =
			x->count - s < x->window ? x->count - s : x->window;
		uint64_t i;

		for (i = 0; i < n; i++)
			expected += !is_big(x, s + i);
		if (x->tx.is_sock)
			for (i = 0; i < n; i++)
				sock_send(x, s + i);
		else
			netmap_send(x, s, n);
		s += n;
		if (wait_for(x, expected)) {
			printf("stalled: after frame %llu, %llu of %llu "
			       "expected\n",
			       (unsigned long long)s,
			       (unsigned long long)x->unique,
			       (unsigned long long)expected);
			break;
		}
	}
	/* Anything late or duplicated still shows up in the counts. */
	usleep(200000);
	drain_rx(x);
	printf("sent=%llu bytes_sent=%llu received=%llu bytes=%llu "
	       "unique=%llu dup=%llu reordered=%llu bad=%llu big=%llu "
	       "foreign=%llu\n",
	       (unsigned long long)x->sent, (unsigned long long)x->bytes_sent,
	       (unsigned long long)x->received, (unsigned long long)x->bytes,
	       (unsigned long long)x->unique, (unsigned long long)x->dup,
	       (unsigned long long)x->reordered, (unsigned long long)x->bad,
	       (unsigned long long)x->big, (unsigned long long)x->foreign);
	nmt_check("unique", (long long)expected, (long long)x->unique);
	nmt_check("dup", 0, (long long)x->dup);
	nmt_check("reordered", 0, (long long)x->reordered);
	nmt_check("bad", 0, (long long)x->bad);
	nmt_check("big", 0, (long long)x->big);
	return nmt_exit_status();
}

static void usage(void)
{
	fprintf(stderr, "usage: nm_gen_xfer -t TX -r RX [-n COUNT] "
			"[-w WINDOW] [-l MIN] [-L MAX] [-J BIG:EVERY] "
			"[-s SECONDS]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	struct xfer x = {.count = 1000,
			 .window = 64,
			 .min_len = 60,
			 .max_len = 0,
			 .stall_s = 10};
	const char *tx = NULL, *rx = NULL;
	int c;

	while ((c = getopt(argc, argv, "t:r:n:w:l:L:J:s:")) != -1) {
		switch (c) {
		case 't':
			tx = optarg;
			break;
		case 'r':
			rx = optarg;
			break;
		case 'n':
			x.count = strtoull(optarg, NULL, 0);
			break;
		case 'w':
			x.window = strtoull(optarg, NULL, 0);
			break;
		case 'l':
			x.min_len = (unsigned int)atoi(optarg);
			break;
		case 'L':
			x.max_len = (unsigned int)atoi(optarg);
			break;
		case 's':
			x.stall_s = atof(optarg);
			break;
		case 'J':
			if (sscanf(optarg, "%u:%u", &x.big_len, &x.big_every) !=
				    2 ||
			    x.big_every < 1)
				usage();
			break;
		default:
			usage();
		}
	}
	if (!x.max_len)
		x.max_len = x.min_len;
	if (!tx || !rx || !x.window || x.min_len < 60 ||
	    x.max_len < x.min_len || x.max_len > XFER_MAX_FRAME ||
	    x.big_len > XFER_MAX_FRAME || x.count > (1ull << 31))
		usage();
	x.seen = calloc(x.count ? x.count : 1, 1);
	if (!x.seen)
		nmt_die("out of memory");
	x.tag = (uint32_t)getpid() * 2654435761u ^ (uint32_t)time(NULL);
	nmt_die_with_parent();
	/* The receiver first: nothing sent may find it not yet listening. */
	endpoint_open(&x.rx, rx, 1);
	endpoint_open(&x.tx, tx, 0);
	return run(&x);
}
