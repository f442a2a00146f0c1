/*
 * netmap_user.h - user-space helpers for walking the shared region.
 *
 * Everything here is address arithmetic over what register returned and
 * the mmap()ed region; none of it makes a system call, so it is safe in a
 * per-packet loop.
 *
 * Typical use, after NETMAP_REQ_REGISTER filled in req and the region was
 * mapped at mem:
 *
 *	struct netmap_if *nifp = NETMAP_IF(mem, req.nr_offset);
 *	struct netmap_ring *rx = NETMAP_RXRING(nifp, 0);
 *
 *	while (!nm_ring_empty(rx)) {
 *		struct netmap_slot *s = &rx->slot[rx->cur];
 *		consume(NETMAP_BUF(rx, s->buf_idx), s->len);
 *		rx->head = rx->cur = nm_ring_next(rx, rx->cur);
 *	}
 */
#ifndef NET_NETMAP_USER_H
#define NET_NETMAP_USER_H

#ifdef __KERNEL__
#error "net/netmap_user.h is for user space only"
#endif

#include <stddef.h>
#include <stdint.h>
#include <net/netmap.h>

/* The netmap_if at offset ofs (nmreq_register.nr_offset) of the region. */
#define NETMAP_IF(base, ofs) \
	((struct netmap_if *)(void *)((char *)(base) + (ofs)))

/*
 * Ring i of a direction. ring_ofs[] lists hardware tx, host tx, hardware
 * rx, host rx, so rx rings start after every tx ring of both kinds; i may
 * name a host ring by counting on past the hardware ones.
 */
#define NETMAP_TXRING(nifp, i) \
	((struct netmap_ring *)(void *)((char *)(nifp) + \
		(nifp)->ring_ofs[(i)]))

#define NETMAP_RXRING(nifp, i) \
	((struct netmap_ring *)(void *)((char *)(nifp) + \
		(nifp)->ring_ofs[(i) + (nifp)->ni_tx_rings + \
				 (nifp)->ni_host_tx_rings]))

/* Start of buffer idx. The buffer pool is shared by every ring of a region. */
#define NETMAP_BUF(ring, idx) \
	((char *)(ring) + (ring)->buf_ofs + \
	 (size_t)(idx) * (ring)->nr_buf_size)

/* Inverse of NETMAP_BUF: the index of the buffer starting at buf. */
#define NETMAP_BUF_IDX(ring, buf) \
	((uint32_t)(((char *)(buf) - ((char *)(ring) + (ring)->buf_ofs)) / \
		    (ring)->nr_buf_size))

/*
 * With NETMAP_REQ_OPT_OFFSETS: read or write the packet's offset within its
 * buffer (the bits of slot->ptr under offset_mask), and the packet's start.
 */
#define NETMAP_ROFFSET(ring, slot) \
	((slot)->ptr & (ring)->offset_mask)

#define NETMAP_WOFFSET(ring, slot, offset)				\
	do {								\
		(slot)->ptr = ((slot)->ptr & ~(ring)->offset_mask) |	\
			      ((uint64_t)(offset) & (ring)->offset_mask); \
	} while (0)

#define NETMAP_BUF_OFFSET(ring, slot) \
	(NETMAP_BUF(ring, (slot)->buf_idx) + NETMAP_ROFFSET(ring, slot))

/* The slot after i, wrapping at num_slots. */
static inline uint32_t nm_ring_next(const struct netmap_ring *ring, uint32_t i)
{
	return i + 1 == ring->num_slots ? 0 : i + 1;
}

/*
 * True when user space has nothing left to look at: on rx no unread packet
 * past cur, on tx no free slot past cur.
 */
static inline int nm_ring_empty(const struct netmap_ring *ring)
{
	return ring->cur == ring->tail;
}

/* Slots from cur up to tail: packets to read on rx, room to fill on tx. */
static inline uint32_t nm_ring_space(const struct netmap_ring *ring)
{
	if (ring->tail >= ring->cur)
		return ring->tail - ring->cur;
	return ring->tail + ring->num_slots - ring->cur;
}

/*
 * Tx only: true while some slot handed to the kernel has not completed.
 * When all have, the kernel has moved tail to just behind head (the one
 * slot it always keeps back).
 */
static inline int nm_tx_pending(const struct netmap_ring *ring)
{
	return nm_ring_next(ring, ring->tail) != ring->head;
}

#endif /* NET_NETMAP_USER_H */
