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

/*
 * [hwcur, rhead) onto the descriptor ring, then hwtail from TDH. Per
 * packet: one load of the slot word, the checks, two 32-bit stores of
 * the descriptor; no lock, no allocation, no register access.
 */
static int e1000_netmap_txsync(struct nm_native *na, struct nm_kring *kring)
{
	struct e1000_adapter *adapter = nm_native_priv(na);
	struct e1000_tx_ring *txr = &adapter->tx_ring[0];
	struct netmap_slot *slot = kring->ring->slot;
	const u32 cmd = adapter->txd_cmd & ~E1000_TXD_CMD_RS;
	u32 n = kring->nslots, head = kring->rhead, i = kring->hwcur;
	u32 *bufs = kring->bufs, done = 0, tdh;
	struct e1000_tx_desc *desc = NULL;
	u64 bytes = 0;
	int err = 0;

	for (; i != head; i = nm_next(i, n), done++) {
		u32 idx = READ_ONCE(slot[i].buf_idx);
		u16 len = READ_ONCE(slot[i].len);
		u16 flags = READ_ONCE(slot[i].flags);

		if (unlikely(!nm_native_buf_ok(kring, idx, len))) {
			err = -EINVAL;
			break;
		}
		desc = E1000_TX_DESC(*txr, i);
		if (unlikely(idx != bufs[i] || (flags & NS_BUF_CHANGED))) {
			bufs[i] = idx;
			desc->buffer_addr =
				cpu_to_le64(nm_native_dma(kring, idx));
			if (flags & NS_BUF_CHANGED)
				WRITE_ONCE(slot[i].flags,
					   flags & ~NS_BUF_CHANGED);
		}
		desc->lower.data = cpu_to_le32(
			len |
			(flags & NS_MOREFRAG ? cmd & ~E1000_TXD_CMD_EOP : cmd));
		desc->upper.data = 0;
		bytes += len;
	}
	if (done) {
		/* One completion report per batch: an interrupt for poll(). */
		desc->lower.data |= cpu_to_le32(E1000_TXD_CMD_RS);
		wmb(); /* descriptors before the tail moves */
		writel(i, adapter->hw.hw_addr + txr->tdt);
		kring->hwcur = i;
		if (nm_stats_on()) {
			kring->packets += done;
			kring->bytes += bytes;
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

/*
 * The frame's last descriptor carries the 4-byte CRC (unless rx-fcs is
 * on): take it off the chain's tail, which may reach into the slot
 * before when the last one holds fewer than 4 bytes.
 */
static void e1000_netmap_strip_crc(struct netmap_slot *slot, u32 i, u32 prev,
				   bool chained)
{
	u16 len = slot[i].len;

	if (len >= ETH_FCS_LEN) {
		slot[i].len = len - ETH_FCS_LEN;
		return;
	}
	slot[i].len = 0;
	if (chained && slot[prev].len >= ETH_FCS_LEN - len)
		slot[prev].len -= ETH_FCS_LEN - len;
}

/* What arrived from hwtail on. Returns the packets (chains) counted. */
static u32 e1000_netmap_receive(struct e1000_adapter *adapter,
				struct nm_kring *kring, u64 *bytes)
{
	struct e1000_rx_ring *rxr = &adapter->rx_ring[0];
	struct netmap_slot *slot = kring->ring->slot;
	bool crc = !(adapter->netdev->features & NETIF_F_RXFCS);
	u32 n = kring->nslots, i = kring->hwtail,
	    stop = nm_prev(kring->hwcur, n);
	u32 prev = i, packets = 0;
	bool chained = false;

	for (; i != stop; prev = i, i = nm_next(i, n)) {
		struct e1000_rx_desc *desc = E1000_RX_DESC(*rxr, i);
		u8 status = READ_ONCE(desc->status);

		if (!(status & E1000_RXD_STAT_DD))
			break;
		dma_rmb(); /* the rest of the descriptor after DD */
		slot[i].buf_idx = kring->bufs[i];
		slot[i].len = le16_to_cpu(desc->length);
		if (status & E1000_RXD_STAT_EOP) {
			slot[i].flags = 0;
			if (crc)
				e1000_netmap_strip_crc(slot, i, prev, chained);
			packets++;
			chained = false;
		} else {
			slot[i].flags = NS_MOREFRAG;
			chained = true;
		}
		*bytes += slot[i].len;
	}
	smp_store_release(&kring->hwtail, i);
	return packets;
}

/* Released slots back to the NIC: [hwcur, rhead). */
static int e1000_netmap_refill(struct e1000_adapter *adapter,
			       struct nm_kring *kring)
{
	struct e1000_rx_ring *rxr = &adapter->rx_ring[0];
	const struct netmap_slot *slot = kring->ring->slot;
	u32 n = kring->nslots, head = kring->rhead, i = kring->hwcur;
	int err = 0;

	if (i == head)
		return 0;
	for (; i != head; i = nm_next(i, n)) {
		struct e1000_rx_desc *desc = E1000_RX_DESC(*rxr, i);
		u32 idx = READ_ONCE(slot[i].buf_idx);

		if (unlikely(idx != kring->bufs[i])) {
			/* A zero-copy swap: any length fits a buffer. */
			if (!nm_native_buf_ok(kring, idx, 1)) {
				kring->rhead = i;
				err = -EINVAL;
				break;
			}
			kring->bufs[i] = idx;
			desc->buffer_addr =
				cpu_to_le64(nm_native_dma(kring, idx));
		}
		desc->status = 0;
	}
	smp_store_release(&kring->hwcur, i);
	wmb(); /* descriptors before the tail moves */
	writel(nm_prev(i, n), adapter->hw.hw_addr + rxr->rdt);
	return err;
}

static int e1000_netmap_rxsync(struct nm_native *na, struct nm_kring *kring)
{
	struct e1000_adapter *adapter = nm_native_priv(na);
	u64 bytes = 0;
	u32 packets = e1000_netmap_receive(adapter, kring, &bytes);

	if (packets && nm_stats_on()) {
		kring->packets += packets;
		kring->bytes += bytes;
	}
	return e1000_netmap_refill(adapter, kring);
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
