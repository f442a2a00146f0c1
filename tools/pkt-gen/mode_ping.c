/*
 * mode_ping.c - ping: send a batch of timestamped, numbered frames, wait
 * for pong to send them back, and record each round trip.
 *
 * One batch is in flight at a time (-b, default 1); replies that do not
 * come within a second are counted unanswered and the next batch goes.
 */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/ioctl.h>

#include "output.h"
#include "pkt-gen.h"

#define PING_TIMEOUT_NS 1000000000ULL

/* Write n frames into the tx ring, each stamped just before it goes. */
static uint64_t ping_send(struct pg_thread *t, struct netmap_ring *tx,
			  unsigned int n)
{
	uint32_t cur = tx->cur;
	uint64_t bytes = 0;
	unsigned int i;

	for (i = 0; i < n; i++) {
		struct netmap_slot *slot = &tx->slot[cur];
		uint8_t *buf = (uint8_t *)NETMAP_BUF(tx, slot->buf_idx);
		unsigned int len;

		len = pg_pkt_write(&t->pkt, buf,
				   t->slot_buf[cur] != slot->buf_idx,
				   t->next_seq++, pg_now_ns());
		t->slot_buf[cur] = slot->buf_idx;
		slot->len = (uint16_t)len;
		slot->flags = 0;
		bytes += len;
		cur = nm_ring_next(tx, cur);
	}
	tx->head = tx->cur = cur;
	return bytes;
}

/* Take the replies of [first, first + n) off the rx ring; how many came. */
static unsigned int ping_collect(struct pg_thread *t, struct netmap_ring *rx,
				 uint64_t first, unsigned int n)
{
	uint64_t now = pg_now_ns(), seq, sent_ns, dup;
	unsigned int got = 0;

	while (!nm_ring_empty(rx)) {
		struct netmap_slot *slot = &rx->slot[rx->cur];
		const uint8_t *buf = (uint8_t *)NETMAP_BUF(rx, slot->buf_idx);

		rx->head = rx->cur = nm_ring_next(rx, rx->cur);
		if (!pg_pkt_has_seq(buf, slot->len))
			continue;
		pg_pkt_get_seq(buf, &seq, &sent_ns);
		if (seq < first || seq >= first + n || sent_ns > now)
			continue; /* late reply of an earlier batch */
		dup = t->seq.duplicated;
		pg_seqcheck_add(&t->seq, seq);
		if (t->seq.duplicated != dup)
			continue;
		pg_latency_add(&t->lat, now - sent_ns);
		got++;
	}
	return got;
}

static int ping_run(struct pg_thread *t)
{
	struct netmap_ring *tx = nmport_txring(&t->port, t->port.first_tx);
	struct netmap_ring *rx = nmport_rxring(&t->port, t->port.first_rx);
	uint64_t sent = 0, limit = t->quota;
	int ret;

	while (!pg_stopping() && (!limit || sent < limit)) {
		unsigned int n = t->conf->burst, space = nm_ring_space(tx);
		uint64_t first = t->next_seq, deadline, bytes;

		if (limit && limit - sent < n)
			n = (unsigned int)(limit - sent);
		if (space < n) {
			if (!space && (ret = pg_wait_ring(t, POLLOUT)) < 0)
				return ret;
			n = space < n ? space : n;
			if (!n)
				continue;
		}
		bytes = ping_send(t, tx, n);
		/* poll(POLLIN) need not txsync, so push the batch out here */
		if (ioctl(t->port.fd, NIOCTXSYNC, NULL) < 0)
			return pg_thread_fail(t, -errno, "txsync: %s",
					      strerror(errno));
		pg_thread_count(t, n, bytes);
		sent += n;
		deadline = pg_now_ns() + PING_TIMEOUT_NS;
		while (n && !pg_stopping()) {
			ret = pg_wait_ring(t, POLLIN);
			if (ret < 0)
				return ret;
			n -= ping_collect(t, rx, first, n);
			t->replies = t->lat.count;
			if (n && pg_now_ns() > deadline) {
				t->unanswered += n;
				break;
			}
		}
	}
	ioctl(t->port.fd, NIOCRXSYNC, NULL);
	return 0;
}

static void ping_summary(struct pg_thread *threads, unsigned int n)
{
	struct pg_latency all = {0};
	uint64_t unanswered = 0;
	unsigned int i;

	for (i = 0; i < n; i++) {
		pg_latency_merge(&all, &threads[i].lat);
		unanswered += threads[i].unanswered;
	}
	pg_out_u64("replies", "\nReplies: %llu", all.count);
	pg_out_u64("unanswered", " unanswered %llu", unanswered);
	pg_out_text(" round trip:");
	pg_out_obj_begin("latency_ns");
	pg_out_ns("min", " min %s", all.min_ns);
	pg_out_ns("avg", " avg %s", all.count ? all.sum_ns / all.count : 0);
	pg_out_ns("max", " max %s", all.max_ns);
	pg_out_ns("p50", " p50 %s", pg_latency_percentile(&all, 50));
	pg_out_ns("p90", " p90 %s", pg_latency_percentile(&all, 90));
	pg_out_ns("p99", " p99 %s", pg_latency_percentile(&all, 99));
	pg_out_ns("p99_9", " p99.9 %s", pg_latency_percentile(&all, 99.9));
	pg_out_obj_end();
}

const struct pg_mode pg_mode_ping = {
	.name = "ping",
	.help = "send timestamped frames to a pong and report round-trip "
		"latency: min, avg, max, percentiles",
	.verb = "Sent",
	.flags = PG_USES_TX | PG_USES_RX | PG_SEQ_PAYLOAD,
	.run = ping_run,
	.summary = ping_summary,
};
