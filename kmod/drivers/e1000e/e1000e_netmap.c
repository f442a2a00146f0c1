// SPDX-License-Identifier: GPL-2.0
/*
 * netmap's native mode for e1000e (82574L and kin): one tx ring of
 * legacy descriptors and one rx ring of extended descriptors, descriptor
 * i on slot i. The syncs are the e1000 family's (drivers/e1000-family/);
 * this file says how this NIC's descriptors and registers look, and
 * hooks into the driver.
 *
 * Receive uses one buffer per descriptor (never packet split) of the
 * region's size, the CRC stripped by the NIC where it does (SECRC).
 */
#include <linux/etherdevice.h>
#include <linux/netdevice.h>

#include "e1000.h"
#include "e1000e_netmap.h"
#include "netmap_native.h"

/* The extended receive descriptor, for the family's receive code. */
#define NM_E1000_RXD union e1000_rx_desc_extended

static inline u32 nm_e1000_rxd_status(const union e1000_rx_desc_extended *d)
{
	return le32_to_cpu(READ_ONCE(d->wb.upper.status_error));
}

static inline u32 nm_e1000_rxd_len(const union e1000_rx_desc_extended *d)
{
	return le16_to_cpu(d->wb.upper.length);
}

/* Write-back overwrites the address: it is written every time. */
static inline void nm_e1000_rxd_post(union e1000_rx_desc_extended *d,
				     const struct nm_kring *kring, u32 idx,
				     bool new_buf)
{
	d->read.buffer_addr = cpu_to_le64(nm_native_dma(kring, idx));
	d->read.reserved = 0; /* the status word: DD clear */
}

#include "drivers/e1000-family/rx.h"
#include "drivers/e1000-family/tx.h"

static int e1000e_netmap_txsync(struct nm_native *na, struct nm_kring *kring)
{
	struct e1000_adapter *adapter = nm_native_priv(na);
	struct e1000_ring *txr = adapter->tx_ring;

	BUILD_BUG_ON(sizeof(struct e1000_tx_desc) !=
		     sizeof(struct nm_e1000_txd));
	return nm_e1000_txsync(kring, txr->desc, adapter->txd_cmd, txr->tail,
			       txr->head);
}

static int e1000e_netmap_rxsync(struct nm_native *na, struct nm_kring *kring)
{
	struct e1000_adapter *adapter = nm_native_priv(na);
	u32 crc = adapter->flags2 & FLAG2_CRC_STRIPPING ? 0 : ETH_FCS_LEN;

	return nm_e1000_rxsync(kring, adapter->rx_ring->desc, crc,
			       adapter->rx_ring->tail);
}

/* The rings programmed by the driver, in netmap mode: point them at
 * netmap buffers; RCTL gets one buffer of the region's size per
 * descriptor, with receives off while the head moves. */
bool e1000e_netmap_configure(struct e1000_adapter *adapter)
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
	nm_e1000_tx_setup(tx, adapter->tx_ring->desc, adapter->tx_ring->head,
			  adapter->tx_ring->tail);
	/* e1000e_netmap_reg() checked that the size is one RCTL can say. */
	nm_e1000_rctl_size(nm_mem_buf_size(rx->port->mem), &size);
	rctl = er32(RCTL);
	ew32(RCTL, rctl & ~E1000_RCTL_EN);
	e1e_flush();
	nm_e1000_rx_setup(rx, adapter->rx_ring->desc, adapter->rx_ring->head,
			  adapter->rx_ring->tail);
	rctl &= ~(NM_E1000_RCTL_SIZE_MASK | E1000_RCTL_DTYP_PS);
	ew32(RCTL, rctl | size | E1000_RCTL_EN);
	nm_native_start(na);
	return true;
}

/* ---- entering and leaving netmap mode ----------------------------- */

static void e1000e_netmap_dims(struct nm_native *na, u16 rings[2], u32 slots[2])
{
	struct e1000_adapter *adapter = nm_native_priv(na);

	rings[NM_TX] = rings[NM_RX] = 1;
	slots[NM_TX] = adapter->tx_ring->count;
	slots[NM_RX] = adapter->rx_ring->count;
}

/* As e1000_set_ringparam() resets the NIC: down, switch, up. */
static int e1000e_netmap_reg(struct nm_native *na, bool on)
{
	struct e1000_adapter *adapter = nm_native_priv(na);
	struct nm_kring *rx = nm_native_ring(na, NM_RX, 0);
	u32 size;

	/* The NIC must never write past a buffer: RCTL must say its size;
	 * and jumbo frames would want packet split, which netmap does not
	 * use. */
	if (on && (!rx ||
		   !nm_e1000_rctl_size(nm_mem_buf_size(rx->port->mem), &size) ||
		   adapter->rx_ps_pages))
		return -EOPNOTSUPP;
	while (test_and_set_bit(__E1000_RESETTING, &adapter->state))
		usleep_range(1000, 2000);
	if (netif_running(adapter->netdev))
		e1000e_down(adapter, true);
	nm_native_set_on(na, on);
	if (netif_running(adapter->netdev))
		e1000e_up(adapter);
	clear_bit(__E1000_RESETTING, &adapter->state);
	return 0;
}

static const struct nm_native_ops e1000e_netmap_ops = {
	.reg = e1000e_netmap_reg,
	.dims = e1000e_netmap_dims,
	.txsync = e1000e_netmap_txsync,
	.rxsync = e1000e_netmap_rxsync,
};

void e1000e_netmap_attach(struct e1000_adapter *adapter)
{
	/* Parts whose tail writes need a workaround (e1000e_update_tdt_wa)
	 * have no native mode: the family's syncs write the tail plainly. */
	if (adapter->flags2 & FLAG2_PCIM2PCI_ARBITER_WA) {
		adapter->nm = NULL;
		return;
	}
	adapter->nm = nm_native_attach(adapter->netdev, &adapter->pdev->dev,
				       &e1000e_netmap_ops, adapter);
	if (IS_ERR(adapter->nm))
		netdev_warn(adapter->netdev, "no netmap native mode: %ld\n",
			    PTR_ERR(adapter->nm));
}

void e1000e_netmap_detach(struct e1000_adapter *adapter)
{
	nm_native_detach(adapter->nm);
	adapter->nm = NULL;
}

void e1000e_netmap_stop(struct e1000_adapter *adapter)
{
	if (!IS_ERR_OR_NULL(adapter->nm))
		nm_native_stop(adapter->nm);
}

bool e1000e_netmap_irq(struct e1000_adapter *adapter)
{
	struct nm_native *na = adapter->nm;

	if (IS_ERR_OR_NULL(na) || !nm_native_irq(na, NM_RX, 0))
		return false;
	nm_native_irq(na, NM_TX, 0);
	return true;
}

bool e1000e_netmap_tx_irq(struct e1000_adapter *adapter)
{
	return !IS_ERR_OR_NULL(adapter->nm) &&
	       nm_native_irq(adapter->nm, NM_TX, 0);
}

bool e1000e_netmap_on(struct e1000_adapter *adapter)
{
	return !IS_ERR_OR_NULL(adapter->nm) && nm_native_on(adapter->nm);
}
