// SPDX-License-Identifier: GPL-2.0
/*
 * netmap's native mode for e1000 (82540 and kin): one tx and one rx
 * ring of legacy descriptors, descriptor i on slot i.
 *
 *   tx   a slot becomes a descriptor (address written only when the
 *        slot's buffer changed, then length and command); one TDT
 *        write per sync; completion is read from TDH, once per sync.
 *   rx   completed descriptors (DD) become slots; released slots get
 *        their descriptor back (status cleared, address rewritten only
 *        when user space swapped the buffer); one RDT write per sync.
 *
 * The receive buffer size programmed in RCTL is the region's buffer
 * size, so the NIC never writes past a buffer: longer frames span
 * descriptors and reach user space as an NS_MOREFRAG chain.
 */
#include <linux/etherdevice.h>
#include <linux/netdevice.h>

#include "e1000.h"
#include "e1000_netmap.h"
#include "netmap_native.h"

/* RCTL's buffer size bits for buffers of size bytes; false if none. */
static bool e1000_netmap_rctl_size(u32 size, u32 *bits)
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

#define E1000_RCTL_SIZE_MASK (E1000_RCTL_SZ_256 | E1000_RCTL_BSEX)

/* ---- tx ------------------------------------------------------------- */

struct e1000_netmap_tx_run {
	struct e1000_tx_desc *desc; /* the descriptor ring */
	const struct nm_kring *kring;
	u32 *bufs;
	u32 nbufs, buf_size; /* the region's */
	u32 cmd;	     /* EOP | IFCS (| IDE), no RS */
	u64 bytes;
};

/* Where NS_MOREFRAG sits in the slot word, moved onto E1000_TXD_CMD_EOP:
 * a fragment but the last goes without EOP, with no branch. */
#define E1000_NETMAP_MORE_SHIFT 29

static __le32 e1000_netmap_tx_cmd(u64 w, u32 cmd)
{
	BUILD_BUG_ON(IS_ENABLED(CONFIG_CPU_BIG_ENDIAN) ||
		     NM_W_FLAGS(NS_MOREFRAG) >> E1000_NETMAP_MORE_SHIFT !=
			     E1000_TXD_CMD_EOP);
	return cpu_to_le32(
		(NM_W_LEN(w) | cmd) ^
		((u32)(w >> E1000_NETMAP_MORE_SHIFT) & E1000_TXD_CMD_EOP));
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
static u32 e1000_netmap_tx_run(struct e1000_netmap_tx_run *run,
			       struct netmap_slot *slot, u32 i, u32 end)
{
	struct netmap_slot *s = slot + i, *last = slot + end;
	struct e1000_tx_desc *d = run->desc + i;
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
		d->lower.data = e1000_netmap_tx_cmd(w, cmd);
		d->upper.data = 0;
		bytes += len;
	}
	run->bytes += bytes;
	return s - slot;
}

/* Slot i, which e1000_netmap_tx_run() stopped at: false if it is bad;
 * else its descriptor gets the new buffer's address, and NS_BUF_CHANGED
 * (user space's) is taken in. */
static bool e1000_netmap_tx_new_buf(struct e1000_netmap_tx_run *run,
				    struct netmap_slot *slot, u32 i)
{
	u64 w = READ_ONCE(NM_W(&slot[i]));
	u32 idx = NM_W_IDX(w);

	if (!nm_native_buf_ok(run->kring, idx, NM_W_LEN(w)))
		return false;
	run->bufs[i] = idx;
	run->desc[i].buffer_addr = cpu_to_le64(nm_native_dma(run->kring, idx));
	run->desc[i].lower.data = e1000_netmap_tx_cmd(w, run->cmd);
	run->desc[i].upper.data = 0;
	run->bytes += NM_W_LEN(w);
	if (w & NM_W_FLAGS(NS_BUF_CHANGED))
		WRITE_ONCE(NM_W(&slot[i]), w & ~NM_W_FLAGS(NS_BUF_CHANGED));
	return true;
}

/* Slots [i, end), no wrap inside; returns where it stopped: end, or a
 * bad slot. */
static u32 e1000_netmap_tx_slots(struct e1000_netmap_tx_run *run,
				 struct netmap_slot *slot, u32 i, u32 end)
{
	while ((i = e1000_netmap_tx_run(run, slot, i, end)) != end &&
	       e1000_netmap_tx_new_buf(run, slot, i))
		i++;
	return i;
}

/*
 * [hwcur, rhead) onto the descriptor ring, one TDT write; then hwtail
 * from TDH, one read. A completion report (RS: a descriptor write-back
 * and an interrupt) is asked for only when the ring is more than half
 * full after the batch: a sender can sleep in poll() only on a full
 * ring, and the batch that filled it asked for the interrupt that wakes
 * it. A NIC that completes at once (qemu's) then raises none at all.
 */
static int e1000_netmap_txsync(struct nm_native *na, struct nm_kring *kring)
{
	struct e1000_adapter *adapter = nm_native_priv(na);
	struct e1000_tx_ring *txr = &adapter->tx_ring[0];
	struct netmap_slot *slot = kring->ring->slot;
	const struct nm_mem *mem = kring->port->mem;
	struct e1000_netmap_tx_run run = {
		.desc = txr->desc,
		.kring = kring,
		.bufs = kring->bufs,
		.nbufs = mem->pools[NM_POOL_BUF].objtotal,
		.buf_size = nm_mem_buf_size(mem),
		.cmd = adapter->txd_cmd & ~E1000_TXD_CMD_RS,
	};
	u32 n = kring->nslots, head = kring->rhead, i = kring->hwcur;
	u32 done, tdh;
	int err = 0;

	if (head < i) { /* wraps: up to the end, then from slot 0 */
		i = e1000_netmap_tx_slots(&run, slot, i, n);
		if (i != n)
			goto stopped;
		i = 0;
	}
	i = e1000_netmap_tx_slots(&run, slot, i, head);
stopped:
	if (i != head)
		err = -EINVAL;
	done = nm_dist(kring->hwcur, i, n);
	if (done) {
		if (nm_dist(i, kring->hwtail, n) < n / 2)
			run.desc[nm_prev(i, n)].lower.data |=
				cpu_to_le32(E1000_TXD_CMD_RS);
		wmb(); /* descriptors before the tail moves */
		writel(i, adapter->hw.hw_addr + txr->tdt);
		kring->hwcur = i;
		if (nm_stats_on()) {
			kring->packets += done;
			kring->bytes += run.bytes;
		}
	}
	/* Everything before the NIC's head is sent. A value out of range
	 * (a NIC gone wrong) leaves hwtail where it was. */
	tdh = readl(adapter->hw.hw_addr + txr->tdh);
	if (tdh < n)
		kring->hwtail = nm_prev(tdh, n);
	return err;
}

/* ---- rx ------------------------------------------------------------- */

struct e1000_netmap_rx_run {
	struct e1000_rx_desc *desc; /* the descriptor ring */
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
 * store of the slot word per frame. Per packet (objdump): 19
 * instructions.
 */
static u32 e1000_netmap_rx_run(struct e1000_netmap_rx_run *run, u32 i, u32 end)
{
	const u8 whole = E1000_RXD_STAT_DD | E1000_RXD_STAT_EOP;
	struct e1000_rx_desc *d = run->desc + i, *last = run->desc + end;
	struct netmap_slot *s = run->slot + i;
	const u32 *b = run->bufs + i, crc = run->crc;
	u64 bytes = 0;

	for (; d < last; d++, s++, b++) {
		u32 len;

		if ((READ_ONCE(d->status) & whole) != whole)
			break;
		dma_rmb(); /* the rest of the descriptor after DD */
		len = le16_to_cpu(d->length);
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
static u32 e1000_netmap_rx_chain(struct e1000_netmap_rx_run *run, u32 i,
				 u32 stop)
{
	u32 n = run->nslots, j = i, k, len, cut = run->crc;

	for (;;) {
		u8 status = READ_ONCE(run->desc[j].status);

		if (!(status & E1000_RXD_STAT_DD))
			return i;
		if (status & E1000_RXD_STAT_EOP)
			break;
		j = nm_next(j, n);
		if (j == stop)
			return i;
	}
	dma_rmb();
	for (k = i;; k = nm_next(k, n)) {
		len = le16_to_cpu(run->desc[k].length);
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
static void e1000_netmap_receive(struct e1000_netmap_rx_run *run,
				 struct nm_kring *kring)
{
	u32 n = kring->nslots, i = kring->hwtail;
	u32 stop = nm_prev(kring->hwcur, n), next;

	while (i != stop) {
		next = e1000_netmap_rx_run(run, i, stop > i ? stop : n);
		if (next == n) {
			i = 0;
			continue;
		}
		if (next == i) /* not a plain frame: a chain, or not done */
			next = e1000_netmap_rx_chain(run, i, stop);
		if (next == i)
			break;
		i = next;
	}
	smp_store_release(&kring->hwtail, i);
}

/*
 * Released slots back to the NIC, [i, end) (no wrap): their status
 * cleared. Returns where it stopped: end, or a slot whose buffer user
 * space swapped. Per packet (objdump): 9 instructions.
 */
static u32 e1000_netmap_refill_run(struct e1000_netmap_rx_run *run, u32 i,
				   u32 end)
{
	struct e1000_rx_desc *d = run->desc + i, *last = run->desc + end;
	const struct netmap_slot *s = run->slot + i;
	const u32 *b = run->bufs + i;

	for (; d < last; d++, s++, b++) {
		if (READ_ONCE(s->buf_idx) != *b)
			break;
		d->status = 0;
	}
	return d - run->desc;
}

/* A swapped buffer at slot i: false if it is not one of the region's. */
static bool e1000_netmap_rx_new_buf(struct e1000_netmap_rx_run *run,
				    struct nm_kring *kring, u32 i)
{
	u32 idx = READ_ONCE(run->slot[i].buf_idx);

	/* Any length fits: the NIC writes at most a buffer's size. */
	if (!nm_native_buf_ok(kring, idx, 1))
		return false;
	run->bufs[i] = idx;
	run->desc[i].buffer_addr = cpu_to_le64(nm_native_dma(kring, idx));
	run->desc[i].status = 0;
	return true;
}

/* [hwcur, rhead) back to the NIC, then one RDT write. */
static int e1000_netmap_refill(struct e1000_adapter *adapter,
			       struct e1000_netmap_rx_run *run,
			       struct nm_kring *kring)
{
	struct e1000_rx_ring *rxr = &adapter->rx_ring[0];
	u32 n = kring->nslots, head = kring->rhead, i = kring->hwcur;
	int err = 0;

	if (i == head)
		return 0;
	while (i != head) {
		i = e1000_netmap_refill_run(run, i, head > i ? head : n);
		if (i == n) {
			i = 0;
			continue;
		}
		if (i == head)
			break;
		if (!e1000_netmap_rx_new_buf(run, kring, i)) {
			kring->rhead = i; /* keep what came before */
			err = -EINVAL;
			break;
		}
		i = nm_next(i, n);
	}
	smp_store_release(&kring->hwcur, i);
	wmb(); /* descriptors before the tail moves */
	writel(nm_prev(i, n), adapter->hw.hw_addr + rxr->rdt);
	return err;
}

static int e1000_netmap_rxsync(struct nm_native *na, struct nm_kring *kring)
{
	struct e1000_adapter *adapter = nm_native_priv(na);
	struct e1000_netmap_rx_run run = {
		.desc = adapter->rx_ring[0].desc,
		.slot = kring->ring->slot,
		.bufs = kring->bufs,
		.nslots = kring->nslots,
		.crc = adapter->netdev->features & NETIF_F_RXFCS ? 0
								 : ETH_FCS_LEN,
	};

	e1000_netmap_receive(&run, kring);
	if (run.packets && nm_stats_on()) {
		kring->packets += run.packets;
		kring->bytes += run.bytes;
	}
	return e1000_netmap_refill(adapter, &run, kring);
}

/* ---- setup ---------------------------------------------------------- */

static void e1000_netmap_setup_tx(struct e1000_adapter *adapter,
				  struct nm_kring *kring)
{
	struct e1000_tx_ring *txr = &adapter->tx_ring[0];
	struct e1000_hw *hw = &adapter->hw;
	u32 i;

	for (i = 0; i < kring->nslots; i++) {
		struct e1000_tx_desc *desc = E1000_TX_DESC(*txr, i);

		desc->buffer_addr =
			cpu_to_le64(nm_native_dma(kring, kring->bufs[i]));
		desc->lower.data = 0;
		desc->upper.data = 0;
	}
	wmb();
	/* Nothing pending: the NIC resumes where the ring is. */
	writel(kring->hwcur, hw->hw_addr + txr->tdh);
	writel(kring->hwcur, hw->hw_addr + txr->tdt);
	kring->hwtail = nm_prev(kring->hwcur, kring->nslots);
}

/* The free slots [hwtail, hwcur - 1) go to the NIC; RCTL gets the
 * region's buffer size. Receives are off while the head moves. */
static void e1000_netmap_setup_rx(struct e1000_adapter *adapter,
				  struct nm_kring *kring)
{
	struct e1000_rx_ring *rxr = &adapter->rx_ring[0];
	struct e1000_hw *hw = &adapter->hw;
	u32 i, size = 0, rctl = er32(RCTL);

	/* e1000_netmap_reg() checked that the size is one RCTL can say. */
	e1000_netmap_rctl_size(nm_mem_buf_size(kring->port->mem), &size);
	ew32(RCTL, rctl & ~E1000_RCTL_EN);
	for (i = 0; i < kring->nslots; i++) {
		struct e1000_rx_desc *desc = E1000_RX_DESC(*rxr, i);

		desc->buffer_addr =
			cpu_to_le64(nm_native_dma(kring, kring->bufs[i]));
		desc->status = 0;
	}
	wmb();
	writel(kring->hwtail, hw->hw_addr + rxr->rdh);
	writel(nm_prev(kring->hwcur, kring->nslots), hw->hw_addr + rxr->rdt);
	ew32(RCTL, (rctl & ~E1000_RCTL_SIZE_MASK) | size | E1000_RCTL_EN);
}

bool e1000_netmap_configure(struct e1000_adapter *adapter)
{
	struct nm_native *na = adapter->nm;
	struct nm_kring *tx, *rx;

	if (IS_ERR_OR_NULL(na) || !nm_native_on(na))
		return false;
	tx = nm_native_ring(na, NM_TX, 0);
	rx = nm_native_ring(na, NM_RX, 0);
	if (tx && rx) {
		e1000_netmap_setup_tx(adapter, tx);
		e1000_netmap_setup_rx(adapter, rx);
		nm_native_start(na);
	}
	return true;
}

/* ---- entering and leaving netmap mode ----------------------------- */

static void e1000_netmap_dims(struct nm_native *na, u16 rings[2], u32 slots[2])
{
	struct e1000_adapter *adapter = nm_native_priv(na);

	rings[NM_TX] = rings[NM_RX] = 1;
	slots[NM_TX] = adapter->tx_ring[0].count;
	slots[NM_RX] = adapter->rx_ring[0].count;
}

/* As e1000_set_ringparam() resets the NIC: down, switch, up. */
static int e1000_netmap_reg(struct nm_native *na, bool on)
{
	struct e1000_adapter *adapter = nm_native_priv(na);
	struct nm_kring *rx = nm_native_ring(na, NM_RX, 0);
	u32 size;

	/* The NIC must never write past a buffer: RCTL must say its size. */
	if (on && (!rx || !e1000_netmap_rctl_size(
				  nm_mem_buf_size(rx->port->mem), &size)))
		return -EOPNOTSUPP;
	while (test_and_set_bit(__E1000_RESETTING, &adapter->flags))
		msleep(1);
	if (netif_running(adapter->netdev))
		e1000_down(adapter);
	nm_native_set_on(na, on);
	if (netif_running(adapter->netdev))
		e1000_up(adapter);
	else
		e1000_reset(adapter);
	clear_bit(__E1000_RESETTING, &adapter->flags);
	return 0;
}

static const struct nm_native_ops e1000_netmap_ops = {
	.reg = e1000_netmap_reg,
	.dims = e1000_netmap_dims,
	.txsync = e1000_netmap_txsync,
	.rxsync = e1000_netmap_rxsync,
};

void e1000_netmap_attach(struct e1000_adapter *adapter)
{
	adapter->nm = nm_native_attach(adapter->netdev, &adapter->pdev->dev,
				       &e1000_netmap_ops, adapter);
	if (IS_ERR(adapter->nm))
		netdev_warn(adapter->netdev, "no netmap native mode: %ld\n",
			    PTR_ERR(adapter->nm));
}

void e1000_netmap_detach(struct e1000_adapter *adapter)
{
	nm_native_detach(adapter->nm);
	adapter->nm = NULL;
}

void e1000_netmap_stop(struct e1000_adapter *adapter)
{
	if (!IS_ERR_OR_NULL(adapter->nm))
		nm_native_stop(adapter->nm);
}

bool e1000_netmap_irq(struct e1000_adapter *adapter)
{
	struct nm_native *na = adapter->nm;

	if (IS_ERR_OR_NULL(na) || !nm_native_irq(na, NM_RX, 0))
		return false;
	nm_native_irq(na, NM_TX, 0);
	return true;
}

bool e1000_netmap_on(struct e1000_adapter *adapter)
{
	return !IS_ERR_OR_NULL(adapter->nm) && nm_native_on(adapter->nm);
}
