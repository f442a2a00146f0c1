/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Native-mode transmit for the e1000 family (e1000, e1000e): legacy
 * transmit descriptors, laid out alike on both NICs; descriptor i on
 * slot i.
 *
 * A slot becomes a descriptor: its address is written only when the
 * slot's buffer changed, then its length and command. One tail (TDT)
 * write per sync; completion is read from the head (TDH), once per sync.
 * A completion report (RS: a descriptor write-back and an interrupt) is
 * asked for only when the ring is more than half full after the batch: a
 * sender can sleep in poll() only on a full ring, and the batch that
 * filled it asked for the interrupt that wakes it. A NIC that completes
 * at once (qemu's) then raises none at all.
 */
#ifndef NM_E1000_TX_H
#define NM_E1000_TX_H

#include "netmap_native.h"

struct nm_e1000_txd {
	__le64 addr;
	__le32 lower; /* length, command */
	__le32 upper; /* status (write-back), checksum fields (0) */
};

#define NM_E1000_TXD_EOP 0x01000000u
#define NM_E1000_TXD_RS 0x08000000u
/* Where NS_MOREFRAG sits in the slot word, moved onto the EOP bit: a
 * fragment but the last goes without EOP, with no branch. */
#define NM_E1000_MORE_SHIFT 29

/* One sync's state, in locals of the loop below. */
struct nm_e1000_tx {
	struct nm_e1000_txd *desc; /* the descriptor ring */
	const struct nm_kring *kring;
	u32 *bufs;
	u32 nbufs, buf_size; /* the region's */
	u32 cmd; /* a frame's last descriptor: EOP, IFCS...; no RS */
	u64 bytes;
};

static inline __le32 nm_e1000_tx_cmd(u64 w, u32 cmd)
{
	BUILD_BUG_ON(IS_ENABLED(CONFIG_CPU_BIG_ENDIAN) ||
		     NM_W_FLAGS(NS_MOREFRAG) >> NM_E1000_MORE_SHIFT !=
			     NM_E1000_TXD_EOP);
	return cpu_to_le32(
		(NM_W_LEN(w) | cmd) ^
		((u32)(w >> NM_E1000_MORE_SHIFT) & NM_E1000_TXD_EOP));
}

/*
 * The plain slots from i on: checked, and their buffer the one the
 * descriptor already points at. Returns where it stopped: end, or a slot
 * that is bad or has a new buffer. The loop makes no call, so everything
 * it needs stays in registers (the kernel is built without strict
 * aliasing: a descriptor store would otherwise force each field to be
 * read again). Per packet (x86-64, gcc 12 -O2, objdump): 27
 * instructions: one load of the slot word, its fields, the range checks,
 * the compare with bufs[] and the flag, the command word, two stores of
 * the descriptor, the byte count and the loop. No lock, no allocation,
 * no register access.
 */
static inline u32 nm_e1000_tx_run(struct nm_e1000_tx *run,
				  struct netmap_slot *slot, u32 i, u32 end)
{
	struct netmap_slot *s = slot + i, *last = slot + end;
	struct nm_e1000_txd *d = run->desc + i;
	const u32 *b = run->bufs + i, max_idx = run->nbufs - 2;
	const u32 buf_size = run->buf_size, cmd = run->cmd;
	const u64 changed = NM_W_FLAGS(NS_BUF_CHANGED);
	u64 bytes = 0;

	for (; s < last; s++, d++, b++) {
		u64 w = READ_ONCE(NM_W(s));
		u32 idx = NM_W_IDX(w), len = NM_W_LEN(w);

		/* idx in [2, nbufs), len in [1, buf_size], same buffer */
		if (unlikely(idx - 2 >= max_idx || len - 1 >= buf_size ||
			     idx != *b || (w & changed)))
			break;
		d->lower = nm_e1000_tx_cmd(w, cmd);
		d->upper = 0;
		bytes += len;
	}
	run->bytes += bytes;
	return s - slot;
}

/* Slot i, which nm_e1000_tx_run() stopped at: false if it is bad; else
 * its descriptor gets the new buffer's address, and NS_BUF_CHANGED (user
 * space's) is taken in. */
static inline bool nm_e1000_tx_new_buf(struct nm_e1000_tx *run,
				       struct netmap_slot *slot, u32 i)
{
	u64 w = READ_ONCE(NM_W(&slot[i]));
	u32 idx = NM_W_IDX(w);

	if (!nm_native_buf_ok(run->kring, idx, NM_W_LEN(w)))
		return false;
	run->bufs[i] = idx;
	run->desc[i].addr = cpu_to_le64(nm_native_dma(run->kring, idx));
	run->desc[i].lower = nm_e1000_tx_cmd(w, run->cmd);
	run->desc[i].upper = 0;
	run->bytes += NM_W_LEN(w);
	if (w & NM_W_FLAGS(NS_BUF_CHANGED))
		WRITE_ONCE(NM_W(&slot[i]), w & ~NM_W_FLAGS(NS_BUF_CHANGED));
	return true;
}

/* Slots [i, end), no wrap inside; returns where it stopped: end, or a
 * bad slot. */
static inline u32 nm_e1000_tx_slots(struct nm_e1000_tx *run,
				    struct netmap_slot *slot, u32 i, u32 end)
{
	while ((i = nm_e1000_tx_run(run, slot, i, end)) != end &&
	       nm_e1000_tx_new_buf(run, slot, i))
		i++;
	return i;
}

/*
 * The txsync: [hwcur, rhead) onto the descriptor ring, one tail write;
 * then hwtail from the head register, one read. -EINVAL at the first bad
 * slot, with hwcur on it.
 */
static inline int nm_e1000_txsync(struct nm_kring *kring, void *ring, u32 cmd,
				  void __iomem *tdt, void __iomem *tdh)
{
	struct netmap_slot *slot = kring->ring->slot;
	const struct nm_mem *mem = kring->port->mem;
	struct nm_e1000_tx run = {
		.desc = ring,
		.kring = kring,
		.bufs = kring->bufs,
		.nbufs = mem->pools[NM_POOL_BUF].objtotal,
		.buf_size = nm_mem_buf_size(mem),
		.cmd = cmd & ~NM_E1000_TXD_RS,
	};
	u32 n = kring->nslots, head = kring->rhead, i = kring->hwcur;
	u32 done, hw_head;
	int err = 0;

	if (head < i) { /* wraps: up to the end, then from slot 0 */
		i = nm_e1000_tx_slots(&run, slot, i, n);
		if (i != n)
			goto stopped;
		i = 0;
	}
	i = nm_e1000_tx_slots(&run, slot, i, head);
stopped:
	if (i != head)
		err = -EINVAL;
	done = nm_dist(kring->hwcur, i, n);
	if (done) {
		if (nm_dist(i, kring->hwtail, n) < n / 2)
			run.desc[nm_prev(i, n)].lower |=
				cpu_to_le32(NM_E1000_TXD_RS);
		wmb(); /* descriptors before the tail moves */
		writel(i, tdt);
		kring->hwcur = i;
		if (nm_stats_on()) {
			kring->packets += done;
			kring->bytes += run.bytes;
		}
	}
	/* Everything before the NIC's head is sent. A value out of range
	 * (a NIC gone wrong) leaves hwtail where it was. */
	hw_head = readl(tdh);
	if (hw_head < n)
		kring->hwtail = nm_prev(hw_head, n);
	return err;
}

/* The ring's setup, in netmap mode: every descriptor at its slot's
 * buffer and nothing pending; the NIC resumes where the ring is. */
static inline void nm_e1000_tx_setup(struct nm_kring *kring, void *ring,
				     void __iomem *tdh, void __iomem *tdt)
{
	struct nm_e1000_txd *desc = ring;
	u32 i;

	for (i = 0; i < kring->nslots; i++) {
		desc[i].addr =
			cpu_to_le64(nm_native_dma(kring, kring->bufs[i]));
		desc[i].lower = 0;
		desc[i].upper = 0;
	}
	wmb();
	writel(kring->hwcur, tdh);
	writel(kring->hwcur, tdt);
	kring->hwtail = nm_prev(kring->hwcur, kring->nslots);
}

#endif /* NM_E1000_TX_H */
