/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The native API: how a NIC driver lets netmap drive the NIC's own
 * descriptor rings. While a port is in netmap mode, descriptor i of a
 * hardware ring points at the buffer of slot i of the netmap ring (no
 * offset between the two), txsync writes descriptors and the tail
 * register once per batch, rxsync reads completed descriptors and gives
 * them back, and no skb exists on the data path.
 *
 * What the driver does:
 *
 *   probe, after register_netdev   na = nm_native_attach(...); a failure
 *                                  only means no native mode
 *   remove, first thing            nm_native_detach(na)
 *   ops->reg(na, on), rtnl held    stop the NIC as its own reset does,
 *                                  nm_native_set_on(na, on), start it
 *   its stop path, first thing     nm_native_stop(na)
 *   its ring setup                 for each ring, nm_native_ring(): when
 *                                  it returns a ring, point every
 *                                  descriptor at that ring's buffers
 *                                  (nm_native_dma) and the head and tail
 *                                  registers at its hwcur/hwtail, instead
 *                                  of allocating skbs; then
 *                                  nm_native_start(na)
 *   its interrupt / NAPI poll      nm_native_irq(): true means netmap
 *                                  mode, skip the driver's own cleaning
 *   ops->txsync / rxsync           below; called with the ring's sync
 *                                  lock held, only between start and stop
 *
 * Ring state a sync sees (struct nm_kring): slots [hwcur, rhead) are
 * handed over by user space, already checked as indices; every slot's
 * buf_idx, len and flags are user-writable and must be read once and
 * checked (nm_native_buf_ok) before use. bufs[i] is the kernel's record
 * of slot i's buffer: a descriptor's address changes only when it does.
 */
#ifndef NETMAP_NATIVE_H
#define NETMAP_NATIVE_H

#include <linux/netdevice.h>

#include "dma.h"
#include "kring.h"
#include "mem.h"
#include "port.h"

struct nm_native;

struct nm_native_ops {
	/* Enter (on) or leave netmap mode, as described above; rtnl held. */
	int (*reg)(struct nm_native *na, bool on);
	/* The hardware rings now: count and descriptors per direction
	 * (NM_TX, NM_RX). rtnl held. */
	void (*dims)(struct nm_native *na, u16 rings[2], u32 slots[2]);
	/* tx: [hwcur, rhead) onto the ring, then hwtail from what the NIC
	 * completed; -EINVAL at the first bad slot, with hwcur on it.
	 * rx: what arrived from hwtail on, then [hwcur, rhead) back to the
	 * NIC; -EINVAL at the first bad buffer, with hwcur and rhead on
	 * it. */
	int (*txsync)(struct nm_native *na, struct nm_kring *kring);
	int (*rxsync)(struct nm_native *na, struct nm_kring *kring);
};

/* dma_dev: the device that does the DMA (the PCI function); priv: the
 * driver's own, back from nm_native_priv(). */
struct nm_native *nm_native_attach(struct net_device *dev,
				   struct device *dma_dev,
				   const struct nm_native_ops *ops, void *priv);
void nm_native_detach(struct nm_native *na);
void *nm_native_priv(const struct nm_native *na);

void nm_native_set_on(struct nm_native *na, bool on);
/* In netmap mode: the driver's own rings and skbs are not in use. */
bool nm_native_on(const struct nm_native *na);
/* The netmap ring behind hardware ring q while a port is in (or, in
 * reg(), entering or leaving) netmap mode; else NULL. rtnl held. */
struct nm_kring *nm_native_ring(struct nm_native *na, enum nm_dir d, u16 q);
void nm_native_start(struct nm_native *na);
void nm_native_stop(struct nm_native *na);
/* An interrupt or poll for ring q: in netmap mode, wake its waiters and
 * return true. Any context. */
bool nm_native_irq(struct nm_native *na, enum nm_dir d, u16 q);

static inline dma_addr_t nm_native_dma(const struct nm_kring *kring, u32 idx)
{
	return nm_dma_addr(kring->dma, idx);
}

/* A buffer index and length user space gave: a buffer of the port's
 * region, and a length the buffer holds (not zero). */
static inline bool nm_native_buf_ok(const struct nm_kring *kring, u32 idx,
				    u32 len)
{
	const struct nm_mem *mem = kring->port->mem;

	return nm_mem_buf_valid(mem, idx) && len - 1 < nm_mem_buf_size(mem);
}

#endif /* NETMAP_NATIVE_H */
