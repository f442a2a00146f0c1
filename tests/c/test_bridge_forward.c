/*
 * test_bridge_forward.c - bridge's forwarding step (tools/bridge/forward.c)
 * on rings built in ordinary memory, laid out as the kernel lays them out:
 * zero-copy swaps buffer indices and marks both slots NS_BUF_CHANGED, copy
 * moves the bytes, an NS_MOREFRAG chain goes across whole or waits, a
 * frame longer than a destination buffer is dropped and counted, a full
 * tx ring stops the move without losing a frame.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bridge.h"

#define NSLOTS 8
#define BUF_SIZE 256
#define NBUFS 64
/* Rings start on a boundary their sem field's alignment allows. */
#define OBJ_ALIGN 128
#define ALIGN_UP(x) (((x) + OBJ_ALIGN - 1) / OBJ_ALIGN * OBJ_ALIGN)

static int failures;

#define CHECK(cond, ...)                                            \
	do {                                                        \
		if (!(cond)) {                                      \
			printf("FAIL %s:%d: ", __func__, __LINE__); \
			printf(__VA_ARGS__);                        \
			putchar('\n');                              \
			failures++;                                 \
		}                                                   \
	} while (0)

/*
 * One port: a netmap_if with one tx and one rx ring, each NSLOTS slots,
 * and a buffer area. Two ports share a region when their rings point at
 * the same buffer area.
 */
struct fake_port {
	struct nmport port;
	char *mem;
	struct netmap_ring *tx, *rx;
};

static char shared_bufs[NBUFS * BUF_SIZE];

static struct netmap_ring *ring_at(char *base, size_t ofs, uint32_t buf_size,
				   char *bufs)
{
	struct netmap_ring *r = (struct netmap_ring *)(void *)(base + ofs);

	*(uint32_t *)&r->num_slots = NSLOTS;
	*(uint32_t *)&r->nr_buf_size = buf_size;
	*(int64_t *)&r->buf_ofs = bufs - (char *)r;
	return r;
}

/* Ring k's slots get buffers first, first + 1, ...; rx starts empty and
 * tx starts with every slot free (tail one behind head). */
static void fake_port_init(struct fake_port *fp, uint32_t buf_size, char *bufs,
			   uint32_t first_buf)
{
	size_t ring_bytes = ALIGN_UP(sizeof(struct netmap_ring) +
				     NSLOTS * sizeof(struct netmap_slot));
	size_t if_bytes =
		ALIGN_UP(sizeof(struct netmap_if) + 4 * sizeof(ssize_t));
	struct netmap_if *nifp;
	uint32_t i;

	fp->mem = aligned_alloc(OBJ_ALIGN, if_bytes + 2 * ring_bytes);
	memset(fp->mem, 0, if_bytes + 2 * ring_bytes);
	nifp = (struct netmap_if *)(void *)fp->mem;
	*(uint32_t *)&nifp->ni_tx_rings = 1;
	*(uint32_t *)&nifp->ni_rx_rings = 1;
	*(uint32_t *)&nifp->ni_host_tx_rings = 1;
	*(uint32_t *)&nifp->ni_host_rx_rings = 1;
	*(ssize_t *)&nifp->ring_ofs[0] = (ssize_t)if_bytes;
	*(ssize_t *)&nifp->ring_ofs[2] = (ssize_t)(if_bytes + ring_bytes);
	fp->tx = ring_at(fp->mem, if_bytes, buf_size, bufs);
	fp->rx = ring_at(fp->mem, if_bytes + ring_bytes, buf_size, bufs);
	for (i = 0; i < NSLOTS; i++) {
		fp->tx->slot[i].buf_idx = first_buf + i;
		fp->rx->slot[i].buf_idx = first_buf + NSLOTS + i;
	}
	fp->tx->head = fp->tx->cur = 0;
	fp->tx->tail = NSLOTS - 1;
	memset(&fp->port, 0, sizeof(fp->port));
	fp->port.nifp = nifp;
	fp->port.first_tx = fp->port.first_rx = 0;
	fp->port.last_tx = fp->port.last_rx = 1;
}

/* Put a frame of len bytes (filled with tag) on rx slot i, as the kernel
 * would, with flags; advances the ring's tail past it. */
static void rx_put(struct fake_port *fp, uint32_t i, uint16_t len, int tag,
		   uint16_t flags)
{
	struct netmap_slot *s = &fp->rx->slot[i];

	memset(NETMAP_BUF(fp->rx, s->buf_idx), tag, len);
	s->len = len;
	s->flags = flags;
	fp->rx->tail = (i + 1) % NSLOTS;
}

static int buf_is(const struct netmap_ring *r, uint32_t idx, uint16_t len,
		  int tag)
{
	const unsigned char *b = (const unsigned char *)NETMAP_BUF(r, idx);
	uint16_t k;

	for (k = 0; k < len; k++)
		if (b[k] != (unsigned char)tag)
			return 0;
	return 1;
}

/* Two ports in one region (zero-copy possible), buffers apart. */
static void shared_pair(struct fake_port *a, struct fake_port *b)
{
	fake_port_init(a, BUF_SIZE, shared_bufs, 2);
	fake_port_init(b, BUF_SIZE, shared_bufs, 2 + 2 * NSLOTS);
}

static void pair_free(struct fake_port *a, struct fake_port *b)
{
	free(a->mem);
	free(b->mem);
}

/* Every count of a batch, exactly. */
#define CHECK_BATCH(bt, p, by, d, o)                                      \
	CHECK((bt).packets == (p) && (bt).bytes == (by) &&                \
		      (bt).dropped == (d) && (bt).oversize == (o),        \
	      "batch packets %llu bytes %llu dropped %llu oversize %llu", \
	      (unsigned long long)(bt).packets,                           \
	      (unsigned long long)(bt).bytes,                             \
	      (unsigned long long)(bt).dropped,                           \
	      (unsigned long long)(bt).oversize)

static void test_zero_copy_swaps_and_marks(void)
{
	struct fake_port a, b;
	struct br_batch bt = {0};
	uint32_t rx_idx[3], tx_idx[3], i;
	enum br_result res;

	shared_pair(&a, &b);
	for (i = 0; i < 3; i++) {
		rx_put(&a, i, (uint16_t)(60 + i), 'a' + (int)i, 0);
		rx_idx[i] = a.rx->slot[i].buf_idx;
		tx_idx[i] = b.tx->slot[i].buf_idx;
	}
	res = br_forward(&a.port, &b.port, 1, 64, &bt);
	CHECK(res == BR_DRAINED, "result %d", res);
	CHECK_BATCH(bt, 3, 60 + 61 + 62, 0, 0);
	for (i = 0; i < 3; i++) {
		struct netmap_slot *ts = &b.tx->slot[i], *rs = &a.rx->slot[i];

		CHECK(ts->buf_idx == rx_idx[i] && rs->buf_idx == tx_idx[i],
		      "slot %u not swapped: tx %u rx %u", i, ts->buf_idx,
		      rs->buf_idx);
		CHECK(ts->flags == NS_BUF_CHANGED &&
			      rs->flags == NS_BUF_CHANGED,
		      "slot %u flags tx %#x rx %#x", i, ts->flags, rs->flags);
		CHECK(ts->len == 60 + i, "slot %u len %u", i, ts->len);
		CHECK(buf_is(b.tx, ts->buf_idx, ts->len, 'a' + (int)i),
		      "slot %u payload", i);
	}
	CHECK(a.rx->head == 3 && b.tx->head == 3 && b.tx->cur == 3,
	      "rx head %u tx head %u cur %u", a.rx->head, b.tx->head,
	      b.tx->cur);
	pair_free(&a, &b);
}

static void test_copy_moves_bytes_keeps_buffers(void)
{
	static char other_bufs[NBUFS * BUF_SIZE];
	struct fake_port a, b;
	struct br_batch bt = {0};
	uint32_t rx0, tx0;

	fake_port_init(&a, BUF_SIZE, shared_bufs, 2);
	fake_port_init(&b, BUF_SIZE, other_bufs, 2);
	rx_put(&a, 0, 100, 'x', 0);
	rx0 = a.rx->slot[0].buf_idx;
	tx0 = b.tx->slot[0].buf_idx;
	br_forward(&a.port, &b.port, 0, 64, &bt);
	CHECK_BATCH(bt, 1, 100, 0, 0);
	CHECK(a.rx->slot[0].buf_idx == rx0 && b.tx->slot[0].buf_idx == tx0,
	      "copy swapped buffers");
	CHECK(!(b.tx->slot[0].flags & NS_BUF_CHANGED), "copy set BUF_CHANGED");
	CHECK(b.tx->slot[0].len == 100 && buf_is(b.tx, tx0, 100, 'x'),
	      "copied payload");
	pair_free(&a, &b);
}

/* A three-slot chain goes across whole and keeps its MOREFRAG marks; a
 * chain whose last slot has not arrived waits, untouched. */
static void test_morefrag_chain_whole_or_waiting(void)
{
	struct fake_port a, b;
	struct br_batch bt = {0};
	enum br_result res;

	shared_pair(&a, &b);
	rx_put(&a, 0, BUF_SIZE, '1', NS_MOREFRAG);
	rx_put(&a, 1, BUF_SIZE, '2', NS_MOREFRAG);
	rx_put(&a, 2, 10, '3', 0);
	rx_put(&a, 3, BUF_SIZE, '4', NS_MOREFRAG); /* rest not in yet */
	res = br_forward(&a.port, &b.port, 1, 64, &bt);
	CHECK(res == BR_DRAINED, "result %d", res);
	CHECK_BATCH(bt, 1, 2 * BUF_SIZE + 10, 0, 0);
	CHECK(buf_is(b.tx, b.tx->slot[2].buf_idx, 10, '3'), "last fragment");
	CHECK(a.rx->head == 3 && b.tx->head == 3,
	      "incomplete chain moved: rx head %u tx head %u", a.rx->head,
	      b.tx->head);
	/* cur at tail: poll() sleeps until the rest of the chain comes */
	CHECK(a.rx->cur == a.rx->tail, "rx cur %u tail %u", a.rx->cur,
	      a.rx->tail);
	rx_put(&a, 4, 20, '5', 0);
	memset(&bt, 0, sizeof(bt));
	br_forward(&a.port, &b.port, 1, 64, &bt);
	CHECK_BATCH(bt, 1, BUF_SIZE + 20, 0, 0);
	CHECK(a.rx->head == 5 && b.tx->head == 5, "rx head %u tx head %u",
	      a.rx->head, b.tx->head);
	pair_free(&a, &b);
}

/* The destination's buffers are smaller: the long frame is dropped and
 * counted as oversize, the frames around it go on. */
static void test_oversize_dropped_and_counted(void)
{
	static char small_bufs[NBUFS * 128];
	struct fake_port a, b;
	struct br_batch bt = {0};

	fake_port_init(&a, BUF_SIZE, shared_bufs, 2);
	fake_port_init(&b, 128, small_bufs, 2);
	rx_put(&a, 0, 60, 'p', 0);
	rx_put(&a, 1, 200, 'q', 0);
	rx_put(&a, 2, 128, 'r', 0);
	br_forward(&a.port, &b.port, 0, 64, &bt);
	CHECK_BATCH(bt, 2, 60 + 128, 1, 1);
	CHECK(b.tx->head == 2 && b.tx->slot[1].len == 128 &&
		      buf_is(b.tx, b.tx->slot[1].buf_idx, 128, 'r'),
	      "the frame after the dropped one");
	CHECK(a.rx->head == 3, "rx head %u", a.rx->head);
	pair_free(&a, &b);
}

/* A slot claiming more than its own buffer holds is broken: dropped, not
 * oversize, and nothing is read past the buffer. */
static void test_broken_slot_dropped(void)
{
	struct fake_port a, b;
	struct br_batch bt = {0};

	shared_pair(&a, &b);
	rx_put(&a, 0, 60, 'z', 0);
	a.rx->slot[0].len = BUF_SIZE + 1;
	br_forward(&a.port, &b.port, 1, 64, &bt);
	CHECK_BATCH(bt, 0, 0, 1, 0);
	CHECK(b.tx->head == 0, "tx head %u", b.tx->head);
	pair_free(&a, &b);
}

/* Two free tx slots, a two-slot chain and a single frame waiting behind a
 * single one: what fits goes, the rest stays on rx for the next round. */
static void test_full_tx_ring_stops_without_loss(void)
{
	struct fake_port a, b;
	struct br_batch bt = {0};
	enum br_result res;

	shared_pair(&a, &b);
	b.tx->tail = 2; /* room for two slots */
	rx_put(&a, 0, 60, 'a', 0);
	rx_put(&a, 1, BUF_SIZE, 'b', NS_MOREFRAG);
	rx_put(&a, 2, 30, 'c', 0);
	res = br_forward(&a.port, &b.port, 1, 64, &bt);
	CHECK(res == BR_WAIT_ROOM, "result %d", res);
	CHECK_BATCH(bt, 1, 60, 0, 0);
	CHECK(a.rx->head == 1 && b.tx->head == 1, "rx head %u tx head %u",
	      a.rx->head, b.tx->head);
	CHECK(b.tx->cur == b.tx->tail, "tx cur %u, tail %u", b.tx->cur,
	      b.tx->tail);
	pair_free(&a, &b);
}

/* The burst bounds the frames moved per call, chains counting as one. */
static void test_burst_bounds_the_batch(void)
{
	struct fake_port a, b;
	struct br_batch bt = {0};
	enum br_result res;
	uint32_t i;

	shared_pair(&a, &b);
	for (i = 0; i < 5; i++)
		rx_put(&a, i, 60, 'k', 0);
	res = br_forward(&a.port, &b.port, 1, 2, &bt);
	CHECK(res == BR_MORE, "result %d", res);
	CHECK_BATCH(bt, 2, 2 * 60, 0, 0);
	CHECK(a.rx->head == 2, "rx head %u", a.rx->head);
	pair_free(&a, &b);
}

int main(void)
{
	test_zero_copy_swaps_and_marks();
	test_copy_moves_bytes_keeps_buffers();
	test_morefrag_chain_whole_or_waiting();
	test_oversize_dropped_and_counted();
	test_broken_slot_dropped();
	test_full_tx_ring_stops_without_loss();
	test_burst_bounds_the_batch();
	if (failures) {
		printf("%d failure(s)\n", failures);
		return 1;
	}
	printf("bridge forward: all passed\n");
	return 0;
}
