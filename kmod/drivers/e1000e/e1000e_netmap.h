/* SPDX-License-Identifier: GPL-2.0 */
/*
 * netmap's native mode for e1000e: the hooks the patched netdev.c and
 * ethtool.c call (e1000e_netmap.c). Out of netmap mode each is a test of
 * one flag and the driver runs exactly as the stock one.
 */
#ifndef E1000E_NETMAP_H
#define E1000E_NETMAP_H

#include <linux/types.h>

struct e1000_adapter;

/* probe, once registered / remove, first */
void e1000e_netmap_attach(struct e1000_adapter *adapter);
void e1000e_netmap_detach(struct e1000_adapter *adapter);
/* e1000_configure, after the rings are programmed: in netmap mode, point
 * them at netmap buffers and return true (no skbs to allocate). */
bool e1000e_netmap_configure(struct e1000_adapter *adapter);
/* e1000e_down, first */
void e1000e_netmap_stop(struct e1000_adapter *adapter);
/* NAPI poll: in netmap mode, wake the rings' waiters, return true. */
bool e1000e_netmap_irq(struct e1000_adapter *adapter);
/* The tx interrupt (MSI-X): the same, for the tx ring only. */
bool e1000e_netmap_tx_irq(struct e1000_adapter *adapter);
/* In netmap mode (ring sizes and MTU may not change). */
bool e1000e_netmap_on(struct e1000_adapter *adapter);

#endif /* E1000E_NETMAP_H */
