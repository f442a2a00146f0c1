/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Native-mode receive for the e1000 family, over the receive descriptor
 * each driver uses (e1000: legacy; e1000e: extended). Descriptor i on
 * slot i; completed descriptors (DD) become slots, a frame spanning
 * several is published only once whole, as an NS_MOREFRAG chain;
 * released slots get their descriptor back; one tail (RDT) write per
 * sync.
 *
 * The including file defines, before including this:
 *
 *   NM_E1000_RXD              the descriptor type
 *   nm_e1000_rxd_status(d)    its DD (1) and EOP (2) bits, as the NIC
 *                             wrote them back
 *   nm_e1000_rxd_len(d)       the length it wrote back
 *   nm_e1000_rxd_post(d, kring, idx, new_buf)
 *                             give it back to the NIC with buffer idx
 *                             (new_buf: not the one it had)
 *
 * and the RCTL bits E1000_RCTL_SZ_* and E1000_RCTL_BSEX, alike on both.
 */
#ifndef NM_E1000_RX_H
#define NM_E1000_RX_H

#include "netmap_native.h"

#define NM_E1000_RXD_DD 0x1u
#define NM_E1000_RXD_EOP 0x2u
#define NM_E1000_RCTL_SIZE_MASK (E1000_RCTL_SZ_256 | E1000_RCTL_BSEX)

/* RCTL's buffer size bits for buffers of size bytes; false if none. The
 * NIC is given the region's buffer size, so it never writes past one. */
static inline bool nm_e1000_rctl_size(u32 size, u32 *bits)
{
	switch (size) {
	case 256:
		*bits = E1000_RCTL_SZ_256;
		return true;
	case 512:
		*bits = E1000_RCTL_SZ_512;
		return true;
	case 1024:
		*bits = E1000_RCTL_SZ_1024;
		return true;
	case 2048:
		*bits = E1000_RCTL_SZ_2048;
		return true;
	case 4096:
		*bits = E1000_RCTL_SZ_4096 | E1000_RCTL_BSEX;
		return true;
	}
	return false;
}

/* One sync's state. */
struct nm_e1000_rx {
	NM_E1000_RXD *desc; /* the descriptor ring */
	struct nm_kring *kring;
	struct netmap_slot *slot;
	u32 *bufs;
	u32 nslots;
	u32 crc; /* bytes at a frame's end that are its CRC: 4, or 0 */
	u32 packets;
	u64 bytes;
};

/*
 * Whole frames of one descriptor each, from i up to end (no wrap);
 * returns where it stopped: end, a descriptor not done, or one that is
 * not a whole frame by itself (a chain, or shorter than its CRC). One
 * store of the slot word per frame. Per packet (objdump, e1000): 19
 * instructions.
 */
static inline u32 nm_e1000_rx_run(struct nm_e1000_rx *run, u32 i, u32 end)
{
	const u32 whole = NM_E1000_RXD_DD | NM_E1000_RXD_EOP;
	NM_E1000_RXD *d = run->desc + i, *last = run->desc + end;
	struct netmap_slot *s = run->slot + i;
	const u32 *b = run->bufs + i, crc = run->crc;
	u64 bytes = 0;

	for (; d < last; d++, s++, b++) {
		u32 len;

		if ((nm_e1000_rxd_status(d) & whole) != whole)
			break;
		dma_rmb(); /* the rest of the descriptor after DD */
		len = nm_e1000_rxd_len(d);
		if (unlikely(len < crc))
			break;
		len -= crc;
		NM_W(s) = NM_W_MAKE(*b, len); /* no flags */
		bytes += len;
	}
	run->packets += d - (run->desc + i);
	run->bytes += bytes;
	return d - run->desc;
}

/*
 * The frame starting at descriptor i spans descriptors up to its EOP (or
 * is shorter than its CRC): published only once it is all there, its
 * slots flagged NS_MOREFRAG but the last, the CRC taken off the tail
 * (reaching into the slot before when the last holds less than the
 * CRC). Returns the descriptor after it, or i when it is not all there
 * (or would reach stop).
 */
static inline u32 nm_e1000_rx_chain(struct nm_e1000_rx *run, u32 i, u32 stop)
{
	u32 n = run->nslots, j = i, k, len, cut = run->crc;

	for (;;) {
		u32 status = nm_e1000_rxd_status(&run->desc[j]);

		if (!(status & NM_E1000_RXD_DD))
			return i;
		if (status & NM_E1000_RXD_EOP)
			break;
		j = nm_next(j, n);
		if (j == stop)
			return i;
	}
	dma_rmb();
	for (k = i;; k = nm_next(k, n)) {
		len = nm_e1000_rxd_len(&run->desc[k]);
		run->slot[k].buf_idx = run->bufs[k];
		run->slot[k].len = len;
		run->slot[k].flags = k == j ? 0 : NS_MOREFRAG;
		run->bytes += len;
		if (k == j)
			break;
	}
	/* The CRC off the tail, from the last slot back. */
	for (k = j; cut; k = nm_prev(k, n)) {
		u32 take = min_t(u32, cut, run->slot[k].len);

		run->slot[k].len -= take;
		run->bytes -= take;
		cut -= take;
		if (k == i)
			break;
	}
	run->packets++;
	return nm_next(j, n);
}

/* What arrived, from hwtail up to the slot before hwcur. */
static inline void nm_e1000_receive(struct nm_e1000_rx *run)
{
	struct nm_kring *kring = run->kring;
	u32 n = kring->nslots, i = kring->hwtail;
	u32 stop = nm_prev(kring->hwcur, n), next;

	while (i != stop) {
		next = nm_e1000_rx_run(run, i, stop > i ? stop : n);
		if (next == n) {
			i = 0;
			continue;
		}
		if (next == i) /* not a plain frame: a chain, or not done */
			next = nm_e1000_rx_chain(run, i, stop);
		if (next == i)
			break;
		i = next;
	}
	smp_store_release(&kring->hwtail, i);
}

/*
 * Released slots back to the NIC, [i, end) (no wrap). Returns where it
 * stopped: end, or a slot whose buffer user space swapped. Per packet
 * (objdump, e1000): 9 instructions.
 */
static inline u32 nm_e1000_refill_run(struct nm_e1000_rx *run, u32 i, u32 end)
{
	NM_E1000_RXD *d = run->desc + i, *last = run->desc + end;
	const struct netmap_slot *s = run->slot + i;
	const u32 *b = run->bufs + i;

	for (; d < last; d++, s++, b++) {
		if (READ_ONCE(s->buf_idx) != *b)
			break;
		nm_e1000_rxd_post(d, run->kring, *b, false);
	}
	return d - run->desc;
}

/* A swapped buffer at slot i: false if it is not one of the region's. */
static inline bool nm_e1000_rx_new_buf(struct nm_e1000_rx *run, u32 i)
{
	u32 idx = READ_ONCE(run->slot[i].buf_idx);

	/* Any length fits: the NIC writes at most a buffer's size. */
	if (!nm_native_buf_ok(run->kring, idx, 1))
		return false;
	run->bufs[i] = idx;
	nm_e1000_rxd_post(&run->desc[i], run->kring, idx, true);
	return true;
}

/* [hwcur, rhead) back to the NIC, then one tail write. -EINVAL at the
 * first bad buffer, with hwcur and rhead on it. */
static inline int nm_e1000_refill(struct nm_e1000_rx *run, void __iomem *rdt)
{
	struct nm_kring *kring = run->kring;
	u32 n = kring->nslots, head = kring->rhead, i = kring->hwcur;
	int err = 0;

	if (i == head)
		return 0;
	while (i != head) {
		i = nm_e1000_refill_run(run, i, head > i ? head : n);
		if (i == n) {
			i = 0;
			continue;
		}
		if (i == head)
			break;
		if (!nm_e1000_rx_new_buf(run, i)) {
			kring->rhead = i; /* keep what came before */
			err = -EINVAL;
			break;
		}
		i = nm_next(i, n);
	}
	smp_store_release(&kring->hwcur, i);
	wmb(); /* descriptors before the tail moves */
	writel(nm_prev(i, n), rdt);
	return err;
}

/* The rxsync: what arrived, counted, then the released slots back. */
static inline int nm_e1000_rxsync(struct nm_kring *kring, void *ring, u32 crc,
				  void __iomem *rdt)
{
	struct nm_e1000_rx run = {
		.desc = ring,
		.kring = kring,
		.slot = kring->ring->slot,
		.bufs = kring->bufs,
		.nslots = kring->nslots,
		.crc = crc,
	};

	nm_e1000_receive(&run);
	if (run.packets && nm_stats_on()) {
		kring->packets += run.packets;
		kring->bytes += run.bytes;
	}
	return nm_e1000_refill(&run, rdt);
}

/* The ring's setup, in netmap mode (receives off): the free slots
 * [hwtail, hwcur - 1) go to the NIC, every descriptor at its slot's
 * buffer. */
static inline void nm_e1000_rx_setup(struct nm_kring *kring, void *ring,
				     void __iomem *rdh, void __iomem *rdt)
{
	NM_E1000_RXD *desc = ring;
	u32 i;

	for (i = 0; i < kring->nslots; i++)
		nm_e1000_rxd_post(&desc[i], kring, kring->bufs[i], true);
	wmb();
	writel(kring->hwtail, rdh);
	writel(nm_prev(kring->hwcur, kring->nslots), rdt);
}

#endif /* NM_E1000_RX_H */
