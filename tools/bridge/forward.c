/*
 * forward.c - move frames from the rx rings of one port to the tx rings of
 * another, by swapping buffer indices (zero-copy) or by copying.
 *
 * Both rings are read and written from head: cur is only our wake-up mark.
 * When a frame cannot go yet (its chain is not all in, or the tx ring has
 * no room for all of it) cur is left at tail, so that poll() sleeps until
 * the kernel adds slots beyond it instead of waking us at once.
 *
 * Per packet: no allocation, no lock, no system call; zero-copy moves no
 * payload byte either.
 */
#include <string.h>

#include "bridge.h"

enum br_stop {
	BR_BUDGET,   /* burst used up */
	BR_RX_EMPTY, /* no complete frame left on the rx ring */
	BR_TX_FULL,  /* the next frame needs more tx room */
};

static uint32_t ring_dist(const struct netmap_ring *r, uint32_t from,
			  uint32_t to)
{
	return to >= from ? to - from : to + r->num_slots - from;
}

/* Slots of the frame at rx slot i, or 0 when its chain is not all in. */
static uint32_t frame_slots(const struct netmap_ring *rx, uint32_t i,
			    uint32_t avail)
{
	uint32_t k;

	for (k = 1; k <= avail; k++) {
		if (!(rx->slot[i].flags & NS_MOREFRAG))
			return k;
		i = nm_ring_next(rx, i);
	}
	return 0;
}

/*
 * Bytes of the k-slot frame at i; 0 if a slot is longer than the source
 * buffer (a broken slot), -1 if longer than a destination buffer.
 */
static int64_t frame_bytes(const struct netmap_ring *rx, uint32_t i, uint32_t k,
			   uint32_t dst_buf_size)
{
	int64_t bytes = 0;

	for (; k; k--, i = nm_ring_next(rx, i)) {
		uint16_t len = rx->slot[i].len;

		if (len > rx->nr_buf_size)
			return 0;
		if (len > dst_buf_size)
			return -1;
		bytes += len;
	}
	return bytes;
}

static void move_slot(struct netmap_ring *rx, struct netmap_slot *rs,
		      struct netmap_ring *tx, struct netmap_slot *ts,
		      int zerocopy)
{
	uint16_t len = rs->len, more = rs->flags & NS_MOREFRAG;

	if (zerocopy) {
		uint32_t idx = ts->buf_idx;

		ts->buf_idx = rs->buf_idx;
		rs->buf_idx = idx;
		rs->flags = NS_BUF_CHANGED;
		ts->flags = NS_BUF_CHANGED | more;
	} else {
		memcpy(NETMAP_BUF(tx, ts->buf_idx), NETMAP_BUF(rx, rs->buf_idx),
		       len);
		ts->flags = more;
	}
	ts->len = len;
}

/* Move whole frames from rx to tx until one of them runs out or budget. */
static enum br_stop move_ring(struct netmap_ring *rx, struct netmap_ring *tx,
			      int zerocopy, unsigned int *budget,
			      struct br_batch *b)
{
	uint32_t i = rx->head, j = tx->head, k;
	uint32_t avail = ring_dist(rx, i, rx->tail);
	uint32_t room = ring_dist(tx, j, tx->tail);
	enum br_stop stop = BR_BUDGET;
	int64_t bytes;

	while (*budget) {
		if (!avail) {
			stop = BR_RX_EMPTY;
			break;
		}
		k = frame_slots(rx, i, avail);
		if (!k && avail < rx->num_slots - 1) {
			stop = BR_RX_EMPTY; /* the rest is on its way */
			break;
		}
		/* A chain that fills the rx ring or can never fit the tx
		 * ring would block the bridge for good: drop it. */
		bytes = k && k < tx->num_slots
				? frame_bytes(rx, i, k, tx->nr_buf_size)
				: 0;
		if (!k)
			k = avail;
		if (bytes > 0 && k > room) {
			stop = BR_TX_FULL;
			break;
		}
		if (bytes <= 0) {
			b->dropped++;
			b->oversize += bytes < 0;
			for (; k; k--, avail--)
				i = nm_ring_next(rx, i);
			continue;
		}
		for (; k; k--, avail--, room--) {
			move_slot(rx, &rx->slot[i], tx, &tx->slot[j], zerocopy);
			i = nm_ring_next(rx, i);
			j = nm_ring_next(tx, j);
		}
		b->packets++;
		b->bytes += (uint64_t)bytes;
		(*budget)--;
	}
	rx->head = i;
	rx->cur = stop == BR_RX_EMPTY ? rx->tail : i;
	tx->head = j;
	tx->cur = stop == BR_TX_FULL ? tx->tail : j;
	return stop;
}

enum br_result br_forward(const struct nmport *src, const struct nmport *dst,
			  int zerocopy, unsigned int burst, struct br_batch *b)
{
	unsigned int si = src->first_rx, di = dst->first_tx;

	while (burst && si < src->last_rx && di < dst->last_tx) {
		switch (move_ring(nmport_rxring(src, si),
				  nmport_txring(dst, di), zerocopy, &burst,
				  b)) {
		case BR_RX_EMPTY:
			si++;
			break;
		case BR_TX_FULL:
			di++;
			break;
		case BR_BUDGET:
			break;
		}
	}
	if (si == src->last_rx)
		return BR_DRAINED;
	return di == dst->last_tx ? BR_WAIT_ROOM : BR_MORE;
}

void br_counters_add(struct br_counters *c, const struct br_batch *b)
{
#define BR_ADD(field)                                                   \
	atomic_store_explicit(                                          \
		&c->field,                                              \
		atomic_load_explicit(&c->field, memory_order_relaxed) + \
			b->field,                                       \
		memory_order_relaxed)
	BR_ADD(packets);
	BR_ADD(bytes);
	BR_ADD(dropped);
	BR_ADD(oversize);
#undef BR_ADD
}
