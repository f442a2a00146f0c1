// SPDX-License-Identifier: GPL-2.0
/*
 * Generic (emulated) netmap mode for any net_device.
 *
 *   NIC rx rings   filled by an rx_handler on the device: each frame is
 *                  copied into the ring of its receive queue and consumed.
 *   NIC tx rings   each slot is copied into an skb kept for that slot and
 *                  handed straight to the driver's queue (no qdisc). The
 *                  skb is reused once the driver lets go of it, so the
 *                  steady state allocates nothing.
 *   host rings     the device's stack, as for every port on a device
 *                  (host.c).
 *
 * Lock order: nm_lock, then rtnl, then nm_generic_lock, then a ring's
 * sync_lock. The netdevice notifier (rtnl held) takes the last two only.
 */
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/if_vlan.h>
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <net/net_namespace.h>
#include <net/rtnetlink.h>

#include "generic.h"
#include "host.h"
#include "mem.h"
#include "port.h"
#include "skb.h"

static unsigned int generic_slots = 1024;
module_param(generic_slots, uint, 0444);
MODULE_PARM_DESC(generic_slots, "slots per ring in generic mode (1024)");
static unsigned int generic_rings = 64;
module_param(generic_rings, uint, 0444);
MODULE_PARM_DESC(
	generic_rings,
	"most rings per direction in generic mode, one per queue (64)");

/*
 * Frames handed to a driver per hold of its queue lock. Bottom halves are
 * off meanwhile, and a veth peer queues every frame on this CPU's backlog
 * (netdev_max_backlog, 1000 by default) until they come back on: a chunk
 * must stay well below that.
 */
#define NM_GENERIC_TX_CHUNK 64

struct nm_generic_port {
	struct nm_port port;
	struct list_head list;
	struct net_device *dev;	   /* NULL once the device is gone */
	struct nm_host host;	   /* while active */
	struct sk_buff ***tx_skbs; /* per NIC tx ring, per slot */
	bool active;
	bool dead; /* set under every tx sync_lock */
	/*
	 * veth hands the peer's skb over with queue_mapping still the
	 * sender's tx queue, never recorded as an rx queue (+1): take it as
	 * is, so that tx queue K of one end feeds rx ring K of the other.
	 */
	bool rx_queue_raw;
	unsigned int refs; /* under nm_lock */
};

static LIST_HEAD(nm_generic_ports);
static DEFINE_MUTEX(nm_generic_lock);

static struct nm_generic_port *nm_gp(struct nm_port *port)
{
	return container_of(port, struct nm_generic_port, port);
}

/* ---- receive: frames into an rx ring ------------------------------- */

static rx_handler_result_t nm_generic_rx_handler(struct sk_buff **pskb)
{
	struct sk_buff *skb = *pskb;
	struct nm_generic_port *gp;
	struct nm_port *port;
	struct nm_kring *kring;
	u16 q = 0;

	if (nm_host_to_stack(skb))
		return RX_HANDLER_PASS;
	gp = container_of(nm_host_of(skb), struct nm_generic_port, host);
	port = &gp->port;
	if (gp->rx_queue_raw)
		q = skb_get_queue_mapping(skb) % port->nrings[NM_RX];
	else if (skb_rx_queue_recorded(skb))
		q = skb_get_rx_queue(skb) % port->nrings[NM_RX];
	kring = &port->krings[NM_RX][q];
	nm_skb_to_ring(kring, skb);
	nm_kring_wake(kring);
	return RX_HANDLER_CONSUMED;
}

/* ---- transmit: slots out through the driver ------------------------ */

/*
 * May this skb carry the next frame? Only when the driver and whoever
 * received it (a veth peer's stack or its sockets) have let go: one user,
 * us, and its data not shared with a clone. Returns 1 reusable, 0 still
 * in flight, -1 to be replaced (someone attached state we cannot undo).
 */
static int nm_generic_skb_state(struct sk_buff *skb, u32 len)
{
	if (refcount_read(&skb->users) > 1)
		return 0;
	if (skb->destructor || skb_dst(skb) || skb->sk || skb_cloned(skb) ||
	    skb_is_nonlinear(skb) || skb_has_extensions(skb) || skb_nfct(skb) ||
	    skb_end_offset(skb) < len + NET_SKB_PAD)
		return -1;
	return 1;
}

/*
 * Back to an empty frame with headroom for the driver, and nothing left
 * that a receiver (a veth peer runs its whole receive path on this very
 * skb) may have written into it.
 */
static void nm_generic_skb_reset(struct sk_buff *skb)
{
	skb->data = skb->head;
	skb_reset_tail_pointer(skb);
	skb->len = 0;
	skb->data_len = 0;
	skb_reserve(skb, NET_SKB_PAD);
	memset(skb->cb, 0, sizeof(skb->cb));
	skb->pkt_type = PACKET_HOST;
	skb->priority = 0;
	skb->mark = 0;
	skb->skb_iif = 0;
	skb->mac_len = 0;
	skb->encapsulation = 0;
	skb->csum_level = 0;
	skb->csum_valid = 0;
	skb_clear_tstamp(skb);
	skb_clear_hash(skb);
	__vlan_hwaccel_clear_tag(skb);
}

static struct sk_buff *nm_generic_tx_skb(struct sk_buff **slot_skb, u32 len,
					 u32 buf_size)
{
	struct sk_buff *skb = *slot_skb;
	int state = skb ? nm_generic_skb_state(skb, len) : -1;

	if (state == 0)
		return ERR_PTR(-EBUSY);
	if (state < 0) {
		kfree_skb(skb);
		*slot_skb = skb = alloc_skb(buf_size + NET_SKB_PAD, GFP_KERNEL);
		if (!skb)
			return ERR_PTR(-ENOMEM);
	}
	nm_generic_skb_reset(skb);
	return skb;
}

/*
 * Copy up to NM_GENERIC_TX_CHUNK slots from hwcur into their skbs.
 * *ready counts the skbs prepared; returns 0, -EINVAL at a bad slot,
 * -EMSGSIZE at a frame longer than the device's MTU allows, or
 * -EBUSY/-ENOMEM when a slot's skb cannot be had yet.
 */
static int nm_generic_tx_prepare(struct nm_kring *kring, u32 *ready)
{
	struct nm_generic_port *gp = nm_gp(kring->port);
	struct nm_mem *mem = kring->port->mem;
	struct sk_buff **skbs = gp->tx_skbs[kring->ringid];
	u32 n = kring->nslots, buf_size = nm_mem_buf_size(mem);
	/* What the device takes: its MTU, an Ethernet header, a VLAN tag. */
	u32 max_len = READ_ONCE(gp->dev->mtu) + ETH_HLEN + VLAN_HLEN;
	u32 i = kring->hwcur;

	for (*ready = 0; i != kring->rhead && *ready < NM_GENERIC_TX_CHUNK;
	     i = nm_next(i, n), (*ready)++) {
		struct netmap_slot *slot = &kring->ring->slot[i];
		u32 idx = READ_ONCE(slot->buf_idx);
		u16 len = READ_ONCE(slot->len);
		struct sk_buff *skb;

		if (!nm_mem_buf_valid(mem, idx) || len > buf_size ||
		    len < ETH_HLEN)
			return -EINVAL;
		kring->bufs[i] = idx; /* a zero-copy swap gave the slot it */
		if (len > max_len)
			return -EMSGSIZE;
		skb = nm_generic_tx_skb(&skbs[i], len, buf_size);
		if (IS_ERR(skb))
			return PTR_ERR(skb);
		skb_put_data(skb, nm_mem_buf_addr(mem, idx), len);
		skb->dev = gp->dev;
		skb_reset_mac_header(skb);
		skb_reset_network_header(skb);
		skb->protocol = eth_hdr(skb)->h_proto;
		skb->ip_summed = CHECKSUM_NONE;
		skb_set_queue_mapping(skb, kring->ringid);
	}
	return 0;
}

/*
 * Hand the ready skbs from hwcur to the driver's own start_xmit, under its
 * queue lock as the qdisc layer would, telling it that more follow so it
 * notifies the device once per chunk. Returns how many it took; fewer
 * than ready when its queue stopped. With the link down, or the queue
 * gone (ethtool -L shrank the device), they are dropped and counted in
 * the device's tx_dropped, as dev_direct_xmit() would.
 *
 * The slot's skb is kept for the next frame (an extra reference while the
 * driver has it), unless the device may not be given shared skbs
 * (IFF_TX_SKB_SHARING clear: wireless, some virtual devices): then it is
 * given away and the next frame of the slot gets a new one.
 */
static u32 nm_generic_tx_push(struct nm_kring *kring, u32 ready)
{
	struct nm_generic_port *gp = nm_gp(kring->port);
	struct sk_buff **skbs = gp->tx_skbs[kring->ringid];
	struct net_device *dev = gp->dev;
	struct netdev_queue *txq = netdev_get_tx_queue(dev, kring->ringid);
	bool lltx = dev->features & NETIF_F_LLTX;
	bool share = dev->priv_flags & IFF_TX_SKB_SHARING;
	u32 n = kring->nslots, i = kring->hwcur, sent;
	u64 bytes = 0;
	int rc;

	local_bh_disable();
	dev_xmit_recursion_inc();
	if (!lltx)
		__netif_tx_lock(txq, smp_processor_id());
	/* Checked with bottom halves off: a shrinking queue count waits for
	 * us (synchronize_net) before the driver lets go of the queue. */
	if (!netif_running(dev) || !netif_carrier_ok(dev) ||
	    kring->ringid >= READ_ONCE(dev->real_num_tx_queues)) {
		for (sent = 0; sent < ready; sent++)
			dev_core_stats_tx_dropped_inc(dev);
		goto out_unlock;
	}
	for (sent = 0; sent < ready; sent++, i = nm_next(i, n)) {
		struct sk_buff *skb = skbs[i];
		u32 len = skb->len;

		if (netif_xmit_frozen_or_drv_stopped(txq))
			break;
		if (share)
			skb_get(skb); /* ours stays: reused for the slot */
		rc = __netdev_start_xmit(gp->host.orig_ops, skb, dev,
					 sent + 1 < ready);
		if (!dev_xmit_complete(rc)) {
			/* BUSY: the driver did not take it; try it again. */
			if (share)
				skb_unref(skb);
			break;
		}
		if (!share)
			skbs[i] = NULL;
		/*
		 * Taken, even if dropped on the way (veth returns
		 * NET_XMIT_DROP when its peer's backlog is full, and
		 * counts it in tx_dropped): never send it again.
		 */
		if (rc == NETDEV_TX_OK)
			txq_trans_cond_update(txq);
		bytes += len;
	}
	if (nm_stats_on()) {
		kring->packets += sent;
		kring->bytes += bytes;
	}
out_unlock:
	if (!lltx)
		__netif_tx_unlock(txq);
	dev_xmit_recursion_dec();
	local_bh_enable();
	return sent;
}

/*
 * Chunk by chunk from hwcur to rhead. When the driver's queue is stopped
 * or a slot's skb is still in flight, the rest waits: the retry timer
 * wakes poll() to try again, so completions are never polled per packet.
 */
static int nm_generic_nic_txsync(struct nm_kring *kring)
{
	struct nm_generic_port *gp = nm_gp(kring->port);
	u32 n = kring->nslots;
	int err = 0;

	if (gp->dead || !gp->active)
		return -ENXIO;
	while (kring->hwcur != kring->rhead) {
		u32 ready, sent;

		err = nm_generic_tx_prepare(kring, &ready);
		sent = nm_generic_tx_push(kring, ready);
		kring->hwcur = (kring->hwcur + sent) % n;
		if (sent < ready || err == -EBUSY || err == -ENOMEM) {
			nm_kring_retry_later(kring);
			err = 0;
			break;
		}
		if (err == -EMSGSIZE) {
			/* Too long for the device: dropped, never cut. */
			kring->drops_oversize++;
			kring->hwcur = nm_next(kring->hwcur, n);
			err = 0;
			continue;
		}
		if (err)
			break;
	}
	kring->hwtail = nm_prev(kring->hwcur, n);
	return err;
}

static int nm_generic_txsync(struct nm_kring *kring)
{
	struct nm_generic_port *gp = nm_gp(kring->port);

	if (!kring->host)
		return nm_generic_nic_txsync(kring);
	if (gp->dead || !gp->active)
		return -ENXIO;
	return nm_host_txsync(kring, gp->dev);
}

/* Frames arrive by themselves (rx_handler, start_xmit): nothing to pull. */
static int nm_generic_rxsync(struct nm_kring *kring)
{
	return nm_gp(kring->port)->dead ? -ENXIO : 0;
}

/* ---- entering and leaving netmap mode ----------------------------- */

static void nm_generic_free_skbs(struct nm_generic_port *gp)
{
	u16 r;
	u32 i;

	if (!gp->tx_skbs)
		return;
	for (r = 0; r < gp->port.nrings[NM_TX]; r++) {
		if (!gp->tx_skbs[r])
			continue;
		for (i = 0; i < gp->port.nslots[NM_TX]; i++)
			kfree_skb(gp->tx_skbs[r][i]);
		kvfree(gp->tx_skbs[r]);
	}
	kfree(gp->tx_skbs);
	gp->tx_skbs = NULL;
}

static int nm_generic_alloc_skbs(struct nm_generic_port *gp)
{
	u16 r, nr = gp->port.nrings[NM_TX];

	gp->tx_skbs = kcalloc(nr, sizeof(*gp->tx_skbs), GFP_KERNEL);
	if (!gp->tx_skbs)
		return -ENOMEM;
	for (r = 0; r < nr; r++) {
		gp->tx_skbs[r] = kvcalloc(gp->port.nslots[NM_TX],
					  sizeof(struct sk_buff *), GFP_KERNEL);
		if (!gp->tx_skbs[r]) {
			nm_generic_free_skbs(gp);
			return -ENOMEM;
		}
	}
	return 0;
}

/* Divert the device to netmap. Called with rtnl held. */
static int nm_generic_attach(struct nm_generic_port *gp)
{
	struct net_device *dev = gp->dev;
	int err;

	err = nm_generic_alloc_skbs(gp);
	if (err)
		return err;
	err = nm_host_attach(&gp->host, dev,
			     &gp->port.krings[NM_RX][gp->port.nrings[NM_RX]],
			     nm_generic_rx_handler);
	if (err) /* EBUSY: enslaved to a bridge, bond, macvlan... */
		goto err_free_skbs;
	gp->active = true;
	return 0;

err_free_skbs:
	nm_generic_free_skbs(gp);
	return err;
}

/*
 * Give the device back to the stack exactly as it was. rtnl held. Syncs
 * test active and dead under their ring's sync_lock, so once every tx
 * ring's lock has been taken and dropped after clearing active, no sync is
 * on the device and none will start. dead: the device is going away, and
 * every later sync fails.
 */
static void nm_generic_detach(struct nm_generic_port *gp, bool dead)
{
	struct nm_port *port = &gp->port;
	bool was_active = gp->active;
	u16 r;

	WRITE_ONCE(gp->active, false);
	if (dead)
		WRITE_ONCE(gp->dead, true);
	if (!was_active)
		return;
	for (r = 0; r < nm_port_rings(port, NM_TX); r++) {
		mutex_lock(&port->krings[NM_TX][r].sync_lock);
		mutex_unlock(&port->krings[NM_TX][r].sync_lock);
	}
	nm_host_detach(&gp->host);
	nm_generic_free_skbs(gp);
}

static int nm_generic_activate(struct nm_port *port)
{
	struct nm_generic_port *gp = nm_gp(port);
	int err = -ENXIO;

	rtnl_lock();
	mutex_lock(&nm_generic_lock);
	/* The notifier marks a port dead when its device leaves; checked
	 * again here, under rtnl, before the device is diverted. */
	if (!gp->dead && gp->dev->reg_state == NETREG_REGISTERED &&
	    net_eq(dev_net(gp->dev), gp->port.mem->net))
		err = nm_generic_attach(gp);
	mutex_unlock(&nm_generic_lock);
	rtnl_unlock();
	return err;
}

static void nm_generic_deactivate(struct nm_port *port)
{
	struct nm_generic_port *gp = nm_gp(port);

	rtnl_lock();
	mutex_lock(&nm_generic_lock);
	nm_generic_detach(gp, false);
	mutex_unlock(&nm_generic_lock);
	rtnl_unlock();
}

/* Rings of a port that was never whole: nm_kring_destroy skips a ring
 * that was not created, and a NULL array holds none. */
static void nm_generic_free(struct nm_generic_port *gp)
{
	int d, r;

	for (d = NM_TX; d <= NM_RX; d++) {
		if (!gp->port.krings[d])
			continue;
		for (r = 0; r < nm_port_rings(&gp->port, d); r++)
			nm_kring_destroy(&gp->port.krings[d][r]);
		kfree(gp->port.krings[d]);
	}
	kfree(gp);
}

static void nm_generic_put(struct nm_port *port)
{
	struct nm_generic_port *gp = nm_gp(port);

	if (--gp->refs)
		return;
	/* Off the list first: the notifier no longer finds it, and it holds
	 * the device reference until then. */
	mutex_lock(&nm_generic_lock);
	list_del(&gp->list);
	if (gp->dev)
		dev_put(gp->dev);
	mutex_unlock(&nm_generic_lock);
	nm_generic_free(gp);
}

static const struct nm_port_ops nm_generic_ops = {
	.txsync = nm_generic_txsync,
	.rxsync = nm_generic_rxsync,
	.activate = nm_generic_activate,
	.deactivate = nm_generic_deactivate,
	.put = nm_generic_put,
};

static int nm_generic_rings_create(struct nm_generic_port *gp)
{
	struct nm_port *port = &gp->port;
	int d, r, err;

	for (d = NM_TX; d <= NM_RX; d++) {
		port->krings[d] = kcalloc(nm_port_rings(port, d),
					  sizeof(struct nm_kring), GFP_KERNEL);
		if (!port->krings[d])
			return -ENOMEM;
		for (r = 0; r < nm_port_rings(port, d); r++) {
			struct nm_kring *k = &port->krings[d][r];

			err = nm_kring_create(k, port, d, r, port->nslots[d],
					      NULL);
			if (err)
				return err;
			k->host = r >= port->nrings[d];
		}
	}
	return 0;
}

/*
 * The shape of a port on dev: one ring per queue each way, up to
 * generic_rings and to what one netmap_if can list (NIC and one host ring
 * per direction); frames of a queue beyond go to ring queue % rings.
 */
static void nm_generic_dims(const struct net_device *dev,
			    const struct nm_mem *mem, struct nm_port *port)
{
	u32 if_rings = nm_mem_max_if_rings(mem);
	u32 max_rings = clamp_t(u32, generic_rings, 1, 256);

	max_rings = min(max_rings, (if_rings - 2) / 2);
	port->nrings[NM_TX] = min(dev->real_num_tx_queues, max_rings);
	port->nrings[NM_RX] = min(dev->real_num_rx_queues, max_rings);
	port->nhost[NM_TX] = port->nhost[NM_RX] = 1;
	port->nslots[NM_TX] = port->nslots[NM_RX] =
		clamp_t(u32, generic_slots, 64, nm_mem_max_slots(mem));
}

/* Whole, on the list, and holding dev's reference; or an error, and dev's
 * reference still the caller's. */
static struct nm_generic_port *nm_generic_create(struct net_device *dev,
						 struct nm_mem *mem)
{
	struct nm_generic_port *gp;
	struct nm_port *port;
	int err;

	gp = kzalloc(sizeof(*gp), GFP_KERNEL);
	if (!gp)
		return ERR_PTR(-ENOMEM);
	port = &gp->port;
	strscpy(port->name, dev->name, sizeof(port->name));
	port->ops = &nm_generic_ops;
	port->mem = mem;
	gp->rx_queue_raw =
		dev->rtnl_link_ops && !strcmp(dev->rtnl_link_ops->kind, "veth");
	nm_generic_dims(dev, mem, port);
	err = nm_generic_rings_create(gp);
	if (err) {
		nm_generic_free(gp);
		return ERR_PTR(err);
	}
	gp->dev = dev;
	gp->refs = 1;
	/*
	 * Under rtnl the device can neither go away nor move to another
	 * namespace unnoticed: either it is still the region's now, or the
	 * notifier (which runs under rtnl) will find the port on the list.
	 */
	rtnl_lock();
	if (dev->reg_state != NETREG_REGISTERED ||
	    !net_eq(dev_net(dev), mem->net)) {
		rtnl_unlock();
		nm_generic_free(gp);
		return ERR_PTR(-ENXIO);
	}
	mutex_lock(&nm_generic_lock);
	list_add(&gp->list, &nm_generic_ports);
	mutex_unlock(&nm_generic_lock);
	rtnl_unlock();
	return gp;
}

/*
 * Netmap mode needs frames that start with an Ethernet header: Ethernet
 * devices and loopback; not L3 devices (tun, wireguard) or others.
 */
static bool nm_generic_dev_ok(const struct net_device *dev)
{
	return (dev->type == ARPHRD_ETHER || dev->type == ARPHRD_LOOPBACK) &&
	       dev->addr_len == ETH_ALEN;
}

/* The device of that name in the region's namespace, referenced, if this
 * caller may put it in netmap mode. */
static struct net_device *nm_generic_dev(const struct nm_lookup *req)
{
	struct net_device *dev = dev_get_by_name(req->mem->net, req->name);

	if (!dev)
		return ERR_PTR(-ENXIO);
	if (!req->admin) {
		dev_put(dev);
		return ERR_PTR(-EPERM);
	}
	if (!nm_generic_dev_ok(dev)) {
		dev_put(dev);
		return ERR_PTR(-EOPNOTSUPP);
	}
	return dev;
}

static struct nm_generic_port *nm_generic_find(const struct net_device *dev,
					       const struct nm_mem *mem)
{
	struct nm_generic_port *gp;

	list_for_each_entry (gp, &nm_generic_ports, list)
		if (gp->dev == dev && gp->port.mem == mem && !gp->dead)
			return gp;
	return NULL;
}

static int nm_generic_lookup(const struct nm_lookup *req, struct nm_port **port)
{
	struct nm_generic_port *gp;
	struct net_device *dev;

	dev = nm_generic_dev(req);
	if (IS_ERR(dev))
		return PTR_ERR(dev);
	/* Ports come and go under nm_lock, which the caller holds. */
	mutex_lock(&nm_generic_lock);
	gp = nm_generic_find(dev, req->mem);
	if (gp)
		gp->refs++;
	mutex_unlock(&nm_generic_lock);
	if (gp) {
		dev_put(dev);
	} else {
		gp = nm_generic_create(dev, req->mem);
		if (IS_ERR(gp)) {
			dev_put(dev);
			return PTR_ERR(gp);
		}
	}
	*port = &gp->port;
	return 0;
}

static int nm_generic_info(const struct nm_lookup *req,
			   struct nmreq_port_info_get *info)
{
	struct nm_generic_port *gp;
	struct nm_port dims = {};
	struct net_device *dev;

	dev = nm_generic_dev(req);
	if (IS_ERR(dev))
		return PTR_ERR(dev);
	/* A port lives while the caller holds nm_lock: read it unlocked. */
	mutex_lock(&nm_generic_lock);
	gp = nm_generic_find(dev, req->mem);
	mutex_unlock(&nm_generic_lock);
	if (gp)
		dims = gp->port;
	else
		nm_generic_dims(dev, req->mem, &dims);
	dev_put(dev);
	info->nr_tx_rings = dims.nrings[NM_TX];
	info->nr_rx_rings = dims.nrings[NM_RX];
	info->nr_host_tx_rings = dims.nhost[NM_TX];
	info->nr_host_rx_rings = dims.nhost[NM_RX];
	info->nr_tx_slots = dims.nslots[NM_TX];
	info->nr_rx_slots = dims.nslots[NM_RX];
	return 0;
}

const struct nm_port_kind nm_generic_kind = {
	.name = "generic",
	.lookup = nm_generic_lookup,
	.info = nm_generic_info,
};

/*
 * The device is going away while ports hold it: leave netmap mode now,
 * drop our reference so the unregister can finish, and let every sync on
 * the port fail from here on. The port itself lives until its last fd
 * closes.
 */
static int nm_generic_netdev_event(struct notifier_block *nb,
				   unsigned long event, void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct nm_generic_port *gp;
	int d, r;

	if (event != NETDEV_UNREGISTER)
		return NOTIFY_DONE;
	mutex_lock(&nm_generic_lock);
	list_for_each_entry (gp, &nm_generic_ports, list) {
		if (gp->dev != dev)
			continue;
		nm_generic_detach(gp, true);
		dev_put(dev);
		gp->dev = NULL;
		for (d = NM_TX; d <= NM_RX; d++)
			for (r = 0; r < nm_port_rings(&gp->port, d); r++)
				wake_up_interruptible(
					&gp->port.krings[d][r].wq);
	}
	mutex_unlock(&nm_generic_lock);
	return NOTIFY_DONE;
}

static struct notifier_block nm_generic_notifier = {
	.notifier_call = nm_generic_netdev_event,
};

int nm_generic_init(void)
{
	return register_netdevice_notifier(&nm_generic_notifier);
}

void nm_generic_exit(void)
{
	unregister_netdevice_notifier(&nm_generic_notifier);
}
