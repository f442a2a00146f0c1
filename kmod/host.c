// SPDX-License-Identifier: GPL-2.0
/*
 * The host stack of a device in netmap mode. What the stack transmits
 * lands on the host rx ring through a copy of the driver's
 * net_device_ops whose ndo_start_xmit is ours; what user space puts on
 * the host tx ring enters the stack through netif_rx(), marked so that
 * the port's own rx_handler lets it pass.
 */
#include <linux/etherdevice.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/skbuff.h>

#include "host.h"
#include "mem.h"
#include "port.h"
#include "skb.h"

/* skb->priority mark of host tx frames. */
#define NM_PRIO_TO_STACK 0x7e6e6d02

static netdev_tx_t nm_host_start_xmit(struct sk_buff *skb,
				      struct net_device *dev)
{
	struct nm_host *host;

	/*
	 * Not dev->netdev_ops: leaving netmap mode puts the driver's back
	 * while a call through ours may still run. rx_handler_data is
	 * cleared after that, and the port freed only after a grace period.
	 */
	host = rcu_dereference_bh(dev->rx_handler_data);
	/*
	 * netpoll (netconsole) transmits with interrupts off, possibly from
	 * an interrupt: the ring's producer lock is not for that context.
	 * Its frames are dropped while the device is in netmap mode.
	 */
	if (unlikely(!host || irqs_disabled())) {
		dev_core_stats_tx_dropped_inc(dev);
		dev_kfree_skb_any(skb);
		return NETDEV_TX_OK;
	}
	skb_reset_mac_header(skb);
	nm_skb_to_ring(host->rx, skb);
	nm_kring_wake(host->rx);
	return NETDEV_TX_OK;
}

int nm_host_attach(struct nm_host *host, struct net_device *dev,
		   struct nm_kring *rx, rx_handler_func_t *handler)
{
	int err;

	ASSERT_RTNL();
	host->rx = rx;
	err = netdev_rx_handler_register(dev, handler, host);
	if (err)
		return err;
	host->dev = dev;
	host->orig_ops = dev->netdev_ops;
	host->ops = *dev->netdev_ops;
	host->ops.ndo_start_xmit = nm_host_start_xmit;
	WRITE_ONCE(dev->netdev_ops, &host->ops);
	return 0;
}

void nm_host_detach(struct nm_host *host)
{
	ASSERT_RTNL();
	if (!host->dev)
		return;
	WRITE_ONCE(host->dev->netdev_ops, host->orig_ops);
	netdev_rx_handler_unregister(host->dev); /* waits for readers */
	synchronize_net(); /* no start_xmit still in our copy */
	host->dev = NULL;
}

bool nm_host_to_stack(struct sk_buff *skb)
{
	if (skb->priority != NM_PRIO_TO_STACK)
		return false;
	skb->priority = 0;
	return true;
}

/* The stack keeps each skb, so here one is allocated per frame. */
int nm_host_txsync(struct nm_kring *kring, struct net_device *dev)
{
	struct nm_mem *mem = kring->port->mem;
	u32 n = kring->nslots, i = kring->hwcur;
	u64 packets = 0, bytes = 0;
	int err = 0;

	for (; i != kring->rhead; i = nm_next(i, n)) {
		struct netmap_slot *slot = &kring->ring->slot[i];
		u32 idx = READ_ONCE(slot->buf_idx);
		u16 len = READ_ONCE(slot->len);
		struct sk_buff *skb;

		if (!nm_mem_buf_valid(mem, idx) || len > nm_mem_buf_size(mem) ||
		    len < ETH_HLEN) {
			err = -EINVAL;
			break;
		}
		kring->bufs[i] = idx; /* a zero-copy swap gave the slot it */
		skb = netdev_alloc_skb(dev, len);
		if (!skb) {
			kring->drops_nobuf++;
			continue;
		}
		skb_put_data(skb, nm_mem_buf_addr(mem, idx), len);
		skb->protocol = eth_type_trans(skb, dev);
		skb->priority = NM_PRIO_TO_STACK;
		netif_rx(skb);
		packets++;
		bytes += len;
	}
	if (nm_stats_on()) {
		kring->packets += packets;
		kring->bytes += bytes;
	}
	kring->hwcur = i;
	kring->hwtail = nm_prev(i, n);
	return err;
}
