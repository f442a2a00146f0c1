/*
 * Writing into a registered descriptor's mapping: proper traffic (frames
 * handed over on tx, slots released on rx, zero-copy swaps with extra
 * buffers) mixed with corruption of every user-writable field. Every
 * address is checked against the mapping first, since user space can
 * move buf_ofs and num_slots out from under us: the fuzzer must never
 * fault, only the kernel is under test.
 */
#include <string.h>

#include "fuzz.h"

static int fz_inside(const struct fz_slot *s, const void *p, size_t len)
{
	const char *c = p;

	return c >= s->mem && len <= s->memsize &&
	       (size_t)(c - s->mem) <= s->memsize - len;
}

/* A ring this descriptor bound, chosen at random, or NULL; *nslots is
 * its slot count as checked (shared memory may change it meanwhile). */
static struct netmap_ring *fz_pick_ring(struct fz_slot *s, struct rng *r,
					uint32_t *nslots)
{
	struct netmap_if *nifp = s->nifp;
	uint32_t n, i;
	struct netmap_ring *ring;
	ssize_t ofs;

	if (!fz_inside(s, nifp, sizeof(*nifp)))
		return NULL;
	n = nifp->ni_tx_rings + nifp->ni_host_tx_rings + nifp->ni_rx_rings +
	    nifp->ni_host_rx_rings;
	if (!n || n > 1024 ||
	    !fz_inside(s, nifp, sizeof(*nifp) + n * sizeof(ssize_t)))
		return NULL;
	i = rng_below(r, n);
	ofs = nifp->ring_ofs[i];
	if (!ofs)
		return NULL;
	ring = (struct netmap_ring *)((char *)nifp + ofs);
	if (!fz_inside(s, ring, sizeof(*ring)))
		return NULL;
	*nslots = *(volatile uint32_t *)&ring->num_slots;
	if (!*nslots ||
	    !fz_inside(s, ring->slot,
		       (size_t)*nslots * sizeof(struct netmap_slot)))
		return NULL;
	return ring;
}

static char *fz_buf(struct fz_slot *s, struct netmap_ring *ring, uint32_t idx,
		    size_t len)
{
	char *b =
		(char *)ring + ring->buf_ofs + (size_t)idx * ring->nr_buf_size;

	return len <= ring->nr_buf_size && fz_inside(s, b, len) ? b : NULL;
}

static uint32_t fz_next(uint32_t i, uint32_t n)
{
	return i + 1 >= n ? 0 : i + 1;
}

/* Hand frames over on a tx ring, as a sender would. */
static void fz_send(struct fz_slot *s, struct netmap_ring *ring, uint32_t n,
		    struct rng *r)
{
	uint32_t cur = ring->cur, tail = ring->tail, k;
	uint32_t room = tail >= cur ? tail - cur : tail + n - cur;
	uint32_t want = rng_below(r, 70);

	for (k = 0; k < want && k < room && cur < n; k++) {
		struct netmap_slot *slot = &ring->slot[cur];
		uint16_t len = 60 + rng_below(r, 1455);
		char *b = fz_buf(s, ring, slot->buf_idx, len);

		if (b) {
			memset(b, 0xff, 12); /* broadcast, never a real MAC */
			memset(b + 12, 0x88, 2);
			memset(b + 14, (int)k, len - 14);
		}
		slot->len = len;
		slot->flags = rng_one_in(r, 10) ? NS_MOREFRAG : 0;
		cur = fz_next(cur, n);
	}
	ring->head = ring->cur = cur;
}

/* Release what arrived on an rx ring. */
static void fz_receive(struct netmap_ring *ring, struct rng *r)
{
	if (rng_one_in(r, 3))
		ring->cur = ring->tail; /* seen, not yet released */
	else
		ring->head = ring->cur = ring->tail;
}

/* Swap the first extra buffer into a slot: proper zero-copy use. */
static void fz_swap_extra(struct fz_slot *s, struct netmap_ring *ring,
			  uint32_t n, struct rng *r)
{
	uint32_t head = s->nifp->ni_bufs_head, slot_i, *next;
	struct netmap_slot *slot;

	if (!head)
		return;
	next = (uint32_t *)fz_buf(s, ring, head, sizeof(uint32_t));
	if (!next)
		return;
	slot_i = rng_below(r, n);
	slot = &ring->slot[slot_i];
	s->nifp->ni_bufs_head = *next;
	*next = slot->buf_idx;
	slot->buf_idx = head;
	slot->flags |= NS_BUF_CHANGED;
}

static void fz_corrupt(struct fz_slot *s, struct netmap_ring *ring, uint32_t n,
		       struct rng *r)
{
	struct netmap_slot *slot = &ring->slot[rng_below(r, n)];

	switch (rng_below(r, 12)) {
	case 0:
		ring->head = rng_one_in(r, 2) ? rng_next(r) : rng_below(r, n);
		break;
	case 1:
		ring->cur = rng_one_in(r, 2) ? rng_next(r) : rng_below(r, n);
		break;
	case 2:
		ring->tail = rng_next(r);
		break;
	case 3:
		slot->buf_idx = rng_one_in(r, 3) ? rng_below(r, 3)
						 : (uint32_t)rng_next(r);
		break;
	case 4: /* another slot's buffer: one buffer in two slots */
		slot->buf_idx = ring->slot[rng_below(r, n)].buf_idx;
		slot->flags |= NS_BUF_CHANGED;
		break;
	case 5:
		slot->len = rng_next(r);
		break;
	case 6:
		slot->flags = rng_next(r);
		break;
	case 7:
		s->nifp->ni_bufs_head =
			rng_one_in(r, 2) ? rng_next(r) : rng_below(r, 300);
		break;
	/* Fields the kernel owns (const to user space, but writable in
	 * the mapping): it must never read them back. */
	case 8:
		*(uint32_t *)&ring->num_slots = rng_next(r);
		break;
	case 9:
		*(int64_t *)&ring->buf_ofs = rng_next(r);
		break;
	case 10:
		*(uint32_t *)&ring->nr_buf_size = rng_next(r);
		break;
	default: /* head and cur both moved, plausibly */
		ring->head = rng_below(r, n);
		ring->cur = rng_below(r, n);
	}
}

void fz_ring_play(struct fz_slot *s, struct rng *r)
{
	uint32_t n;
	struct netmap_ring *ring = fz_pick_ring(s, r, &n);

	if (!ring)
		return;
	if (rng_one_in(r, 4))
		fz_corrupt(s, ring, n, r);
	else if (rng_one_in(r, 10))
		fz_swap_extra(s, ring, n, r);
	else if (ring->dir == 0)
		fz_send(s, ring, n, r);
	else
		fz_receive(ring, r);
}
