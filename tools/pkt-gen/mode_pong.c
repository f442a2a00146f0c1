/*
 * mode_pong.c - pong: send every received frame back where it came from.
 *
 * The frame is not copied: the rx slot's buffer is swapped into a tx slot
 * (both flagged NS_BUF_CHANGED, the rings share one memory region), then
 * the addresses are turned round in place. Swapping source and
 * destination leaves both checksums valid, so they are not recomputed.
 */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/ioctl.h>

#include "pkt-gen.h"

static void swap_bytes(uint8_t *a, uint8_t *b, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		uint8_t x = a[i];

		a[i] = b[i];
		b[i] = x;
	}
}

static void turn_round(uint8_t *f, unsigned int len)
{
	if (len < PG_ETH_LEN)
		return;
	swap_bytes(f, f + 6, 6);
	if (len < PG_HDR_LEN || pg_get16(f + 12) != 0x0800 ||
	    f[PG_IP_OFF] != 0x45 || f[PG_IP_OFF + 9] != 17)
		return;
	swap_bytes(f + PG_IP_OFF + 12, f + PG_IP_OFF + 16, 4);
	swap_bytes(f + PG_UDP_OFF, f + PG_UDP_OFF + 2, 2);
}

/* Move up to max frames from rx to tx; return how many. */
static unsigned int pong_batch(struct netmap_ring *rx, struct netmap_ring *tx,
			       uint64_t max, uint64_t *bytes)
{
	unsigned int n = nm_ring_space(rx), space = nm_ring_space(tx), i;
	uint32_t rc = rx->cur, tc = tx->cur;

	if (space < n)
		n = space;
	if (max < n)
		n = (unsigned int)max;
	for (i = 0; i < n; i++) {
		struct netmap_slot *rs = &rx->slot[rc], *ts = &tx->slot[tc];
		uint32_t idx = ts->buf_idx;

		ts->buf_idx = rs->buf_idx;
		rs->buf_idx = idx;
		ts->len = rs->len;
		ts->flags = NS_BUF_CHANGED;
		rs->flags = NS_BUF_CHANGED;
		turn_round((uint8_t *)NETMAP_BUF(tx, ts->buf_idx), ts->len);
		*bytes += ts->len;
		rc = nm_ring_next(rx, rc);
		tc = nm_ring_next(tx, tc);
	}
	rx->head = rx->cur = rc;
	tx->head = tx->cur = tc;
	return n;
}

static int pong_run(struct pg_thread *t)
{
	struct netmap_ring *tx = nmport_txring(&t->port, t->port.first_tx);
	struct netmap_ring *rx = nmport_rxring(&t->port, t->port.first_rx);
	uint64_t done = 0, limit = t->quota;
	int ret;

	while (!pg_stopping() && (!limit || done < limit)) {
		uint64_t bytes = 0;
		unsigned int n;
		/* frames waiting but no room to answer: wait for room */
		short ev = !nm_ring_empty(rx) && !nm_ring_space(tx) ? POLLOUT
								    : POLLIN;

		ret = pg_wait_ring(t, ev);
		if (ret < 0)
			return ret;
		n = pong_batch(rx, tx, limit ? limit - done : ~0ULL, &bytes);
		if (n) {
			/* answer now: poll(POLLIN) need not txsync */
			if (ioctl(t->port.fd, NIOCTXSYNC, NULL) < 0)
				return pg_thread_fail(t, -errno, "txsync: %s",
						      strerror(errno));
			pg_thread_count(t, n, bytes);
			done += n;
		}
	}
	/* send the last answers and give back the last rx slots */
	ioctl(t->port.fd, NIOCTXSYNC, NULL);
	ioctl(t->port.fd, NIOCRXSYNC, NULL);
	return 0;
}

const struct pg_mode pg_mode_pong = {
	.name = "pong",
	.help = "send every received frame back, addresses swapped (for ping)",
	.verb = "Received",
	.flags = PG_USES_TX | PG_USES_RX,
	.run = pong_run,
};
