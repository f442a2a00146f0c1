/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A device's host stack joined to a port's host rings, for every port
 * kind that sits on a net_device (generic, native):
 *
 *   host rx ring   what the stack transmits on the device: its
 *                  ndo_start_xmit is diverted while in netmap mode.
 *   host tx ring   frames injected into the stack as if received.
 *
 * The device's rx_handler is ours while attached (it also keeps bridges,
 * bonds and a second netmap mode off the device), and its
 * rx_handler_data is the port's struct nm_host.
 */
#ifndef NM_HOST_H
#define NM_HOST_H

#include <linux/netdevice.h>

#include "kring.h"

struct nm_host {
	struct net_device *dev; /* while attached */
	const struct net_device_ops *orig_ops;
	struct net_device_ops ops; /* orig_ops with our start_xmit */
	struct nm_kring *rx;	   /* the host rx ring */
};

/* Divert dev to the port: handler receives what the device receives.
 * rtnl held. -EBUSY when the device already has an rx_handler (a
 * bridge, bond, macvlan, or netmap mode of another kind). */
int nm_host_attach(struct nm_host *host, struct net_device *dev,
		   struct nm_kring *rx, rx_handler_func_t *handler);
/* Give the device back exactly as it was, and wait until no call of
 * ours runs on it. rtnl held. */
void nm_host_detach(struct nm_host *host);

/* In an rx_handler: true for a frame the host tx ring injected, which
 * goes on to the stack (its mark is cleared). */
bool nm_host_to_stack(struct sk_buff *skb);

static inline struct nm_host *nm_host_of(const struct sk_buff *skb)
{
	return rcu_dereference(skb->dev->rx_handler_data);
}

/* The host tx ring's sync: [hwcur, rhead) into the stack of dev. */
int nm_host_txsync(struct nm_kring *kring, struct net_device *dev);

#endif /* NM_HOST_H */
