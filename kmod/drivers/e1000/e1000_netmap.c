// SPDX-License-Identifier: GPL-2.0
/*
 * netmap's native mode for e1000 (82540 and kin): one tx and one rx
 * ring, legacy descriptors, descriptor i on slot i. The syncs are the
 * e1000 family's (drivers/e1000-family/); this file says how this NIC's
 * descriptors and registers look, and hooks into the driver.
 */
#include <linux/etherdevice.h>
#include <linux/netdevice.h>

#include "e1000.h"
#include "e1000_netmap.h"
#include "netmap_native.h"

/* The legacy receive descriptor, for the family's receive code. */
#define NM_E1000_RXD struct e1000_rx_desc

static inline u32 nm_e1000_rxd_status(const struct e1000_rx_desc *d)
{
	return READ_ONCE(d->status);
}

static inline u32 nm_e1000_rxd_len(const struct e1000_rx_desc *d)
{
	return le16_to_cpu(d->length);
}

/* Write-back leaves the address alone: rewritten only for a new buffer. */
static inline void nm_e1000_rxd_post(struct e1000_rx_desc *d,
				     const struct nm_kring *kring, u32 idx,
				     bool new_buf)
{
	if (new_buf)
		d->buffer_addr = cpu_to_le64(nm_native_dma(kring, idx));
	d->status = 0;
}

#include "drivers/e1000-family/rx.h"
#include "drivers/e1000-family/tx.h"

static int e1000_netmap_txsync(struct nm_native *na, struct nm_kring *kring)
{
	struct e1000_adapter *adapter = nm_native_priv(na);
	struct e1000_tx_ring *txr = &adapter->tx_ring[0];

	BUILD_BUG_ON(sizeof(struct e1000_tx_desc) !=
		     sizeof(struct nm_e1000_txd));
	return nm_e1000_txsync(kring, txr->desc, adapter->txd_cmd,
			       adapter->hw.hw_addr + txr->tdt,
			       adapter->hw.hw_addr + txr->tdh);
}

static int e1000_netmap_rxsync(struct nm_native *na, struct nm_kring *kring)
{
	struct e1000_adapter *adapter = nm_native_priv(na);
	struct e1000_rx_ring *rxr = &adapter->rx_ring[0];
	u32 crc = adapter->netdev->features & NETIF_F_RXFCS ? 0 : ETH_FCS_LEN;

	return nm_e1000_rxsync(kring, rxr->desc, crc,
			       adapter->hw.hw_addr + rxr->rdt);
}

/* The rings programmed by the driver, in netmap mode: point them at
 * netmap buffers; RCTL gets the region's buffer size, with receives off
 * while the head moves. */
bool e1000_netmap_configure(struct e1000_adapter *adapter)
{
	struct nm_native *na = adapter->nm;
	struct e1000_hw *hw = &adapter->hw;
	struct nm_kring *tx, *rx;
	u32 rctl, size = 0;

	if (IS_ERR_OR_NULL(na) || !nm_native_on(na))
		return false;
	tx = nm_native_ring(na, NM_TX, 0);
	rx = nm_native_ring(na, NM_RX, 0);
	if (!tx || !rx)
		return true;
	nm_e1000_tx_setup(tx, adapter->tx_ring[0].desc,
			  hw->hw_addr + adapter->tx_ring[0].tdh,
			  hw->hw_addr + adapter->tx_ring[0].tdt);
	/* e1000_netmap_reg() checked that the size is one RCTL can say. */
	nm_e1000_rctl_size(nm_mem_buf_size(rx->port->mem), &size);
	rctl = er32(RCTL);
	ew32(RCTL, rctl & ~E1000_RCTL_EN);
	nm_e1000_rx_setup(rx, adapter->rx_ring[0].desc,
			  hw->hw_addr + adapter->rx_ring[0].rdh,
			  hw->hw_addr + adapter->rx_ring[0].rdt);
	ew32(RCTL, (rctl & ~NM_E1000_RCTL_SIZE_MASK) | size | E1000_RCTL_EN);
	nm_native_start(na);
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
	if (on &&
	    (!rx || !nm_e1000_rctl_size(nm_mem_buf_size(rx->port->mem), &size)))
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
