// SPDX-License-Identifier: GPL-2.0
/*
 * Native netmap mode: a NIC driver that attached itself (netmap_native.h)
 * lets a port drive its own descriptor rings.
 *
 *   NIC rings     the hardware rings, one netmap ring each, slot i on
 *                 descriptor i; the driver's txsync/rxsync move them.
 *   host rings    the device's stack, as for generic ports (host.c).
 *
 * One port per device at a time (the hardware has one set of rings): it
 * is created on the first lookup, enters netmap mode when the first fd
 * binding a ring registers and leaves it when the last one goes. The
 * region's buffers are DMA-mapped for the device while in netmap mode.
 * A port dies (every later sync fails with ENXIO, the device is back to
 * the stack) when its device is unregistered or moved to another
 * namespace, or when the driver detaches (unbind, rmmod of the driver).
 *
 * Lock order: nm_lock, then rtnl, then nm_native_lock, then a ring's
 * sync_lock. The netdevice notifier and nm_native_detach() take the last
 * three only. The driver's hooks (irq, ring setup) take none.
 */
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>

#include "dma.h"
#include "host.h"
#include "mem.h"
#include "native.h"
#include "netmap_native.h"
#include "port.h"

struct nm_native {
	struct net_device *dev;
	struct device *dma_dev;
	const struct nm_native_ops *ops;
	void *priv;
	struct list_head list; /* nm_natives, under nm_native_lock */
	/* The port on this device: changed under rtnl and nm_native_lock;
	 * the hooks read it without either (see nm_native_irq). */
	struct nm_native_port *port;
	bool on;      /* netmap mode: the driver's own rings are idle */
	bool running; /* the NIC rings are set up: syncs may touch them */
};

struct nm_native_port {
	struct nm_port port;
	struct nm_host host;
	struct nm_native *na;	/* NULL once dead */
	struct nm_dma_map *dma; /* while active */
	bool active;
	bool dead;	   /* set with every ring's sync_lock taken after */
	unsigned int refs; /* under nm_lock */
};

static LIST_HEAD(nm_natives);
static DEFINE_MUTEX(nm_native_lock);

/* ---- admode: which kind a lookup of an interface prefers --------- */

static int admode = NM_ADMODE_BEST;
static const char *const nm_admode_names[] = {
	[NM_ADMODE_BEST] = "best",
	[NM_ADMODE_NATIVE] = "native",
	[NM_ADMODE_GENERIC] = "generic",
};

static int nm_admode_set(const char *val, const struct kernel_param *kp)
{
	int i = sysfs_match_string(nm_admode_names, val);

	if (i < 0)
		return -EINVAL;
	WRITE_ONCE(admode, i);
	return 0;
}

static int nm_admode_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%s\n", nm_admode_names[READ_ONCE(admode)]);
}

static const struct kernel_param_ops nm_admode_ops = {
	.set = nm_admode_set,
	.get = nm_admode_get,
};
module_param_cb(admode, &nm_admode_ops, NULL, 0644);
MODULE_PARM_DESC(admode, "interfaces: best (native where a driver offers "
			 "it, else generic), native or generic");

int nm_admode(void)
{
	return READ_ONCE(admode);
}

/* ---- the driver-facing API ---------------------------------------- */

static struct nm_native *nm_native_find(const struct net_device *dev)
{
	struct nm_native *na;

	list_for_each_entry (na, &nm_natives, list)
		if (na->dev == dev)
			return na;
	return NULL;
}

struct nm_native *nm_native_attach(struct net_device *dev,
				   struct device *dma_dev,
				   const struct nm_native_ops *ops, void *priv)
{
	struct nm_native *na;

	na = kzalloc(sizeof(*na), GFP_KERNEL);
	if (!na)
		return ERR_PTR(-ENOMEM);
	na->dev = dev;
	na->dma_dev = dma_dev;
	na->ops = ops;
	na->priv = priv;
	mutex_lock(&nm_native_lock);
	if (nm_native_find(dev)) {
		mutex_unlock(&nm_native_lock);
		kfree(na);
		return ERR_PTR(-EEXIST);
	}
	list_add(&na->list, &nm_natives);
	mutex_unlock(&nm_native_lock);
	return na;
}
EXPORT_SYMBOL_GPL(nm_native_attach);

static void nm_native_kill(struct nm_native_port *np);

void nm_native_detach(struct nm_native *na)
{
	if (IS_ERR_OR_NULL(na))
		return;
	rtnl_lock();
	mutex_lock(&nm_native_lock);
	if (na->port)
		nm_native_kill(na->port);
	list_del(&na->list);
	mutex_unlock(&nm_native_lock);
	rtnl_unlock();
	kfree(na);
}
EXPORT_SYMBOL_GPL(nm_native_detach);

void *nm_native_priv(const struct nm_native *na)
{
	return na->priv;
}
EXPORT_SYMBOL_GPL(nm_native_priv);

void nm_native_set_on(struct nm_native *na, bool on)
{
	WRITE_ONCE(na->on, on);
}
EXPORT_SYMBOL_GPL(nm_native_set_on);

bool nm_native_on(const struct nm_native *na)
{
	return READ_ONCE(na->on);
}
EXPORT_SYMBOL_GPL(nm_native_on);

/* Called from the driver's ring setup and reg(), under rtnl (which keeps
 * the port). */
struct nm_kring *nm_native_ring(struct nm_native *na, enum nm_dir d, u16 q)
{
	struct nm_native_port *np = na->port;

	if (!np || !np->active || q >= np->port.nrings[d])
		return NULL;
	return &np->port.krings[d][q];
}
EXPORT_SYMBOL_GPL(nm_native_ring);

void nm_native_start(struct nm_native *na)
{
	/* Pairs with the acquire in the syncs: the rings are set up. */
	if (na->on)
		smp_store_release(&na->running, true);
}
EXPORT_SYMBOL_GPL(nm_native_start);

/* The NIC is about to be stopped: wait for syncs on its rings, and let
 * no new one touch them until nm_native_start(). */
void nm_native_stop(struct nm_native *na)
{
	struct nm_native_port *np = READ_ONCE(na->port);
	int d, r;

	if (!READ_ONCE(na->running))
		return;
	WRITE_ONCE(na->running, false);
	if (!np)
		return;
	for (d = NM_TX; d <= NM_RX; d++)
		for (r = 0; r < np->port.nrings[d]; r++) {
			mutex_lock(&np->port.krings[d][r].sync_lock);
			mutex_unlock(&np->port.krings[d][r].sync_lock);
		}
}
EXPORT_SYMBOL_GPL(nm_native_stop);

/*
 * on is true only while the port is active, and an active port is not
 * freed; a port is freed only after a grace period once it is off
 * na->port, so an interrupt that saw on true meets a live port.
 */
bool nm_native_irq(struct nm_native *na, enum nm_dir d, u16 q)
{
	struct nm_native_port *np;

	if (!READ_ONCE(na->on))
		return false;
	rcu_read_lock();
	np = READ_ONCE(na->port);
	if (np && q < np->port.nrings[d])
		nm_kring_wake(&np->port.krings[d][q]);
	rcu_read_unlock();
	return true;
}
EXPORT_SYMBOL_GPL(nm_native_irq);

/* ---- syncs ---------------------------------------------------------- */

static struct nm_native_port *nm_np(struct nm_port *port)
{
	return container_of(port, struct nm_native_port, port);
}

/* Under the ring's sync_lock: dead is settled, and na is valid until it
 * is. With the NIC stopped (link down, a reset), handed-over slots wait
 * and nothing arrives: the sync succeeds and moves nothing. */
static int nm_native_txsync(struct nm_kring *kring)
{
	struct nm_native_port *np = nm_np(kring->port);
	struct nm_native *na;

	if (READ_ONCE(np->dead) || !np->active)
		return -ENXIO;
	na = np->na;
	if (kring->host)
		return nm_host_txsync(kring, na->dev);
	if (!smp_load_acquire(&na->running))
		return 0;
	return na->ops->txsync(na, kring);
}

static int nm_native_rxsync(struct nm_kring *kring)
{
	struct nm_native_port *np = nm_np(kring->port);
	struct nm_native *na;

	if (READ_ONCE(np->dead) || !np->active)
		return -ENXIO;
	na = np->na;
	if (kring->host || !smp_load_acquire(&na->running))
		return 0;
	return na->ops->rxsync(na, kring);
}

/* NIC rings: the driver's rxsync gives released slots back to the NIC
 * itself (it rewrites their descriptors). Host rings: as any ring. */
static int nm_native_rx_release(struct nm_kring *kring)
{
	return kring->host ? nm_kring_rx_release(kring) : 0;
}

/* ---- entering and leaving netmap mode ----------------------------- */

/* While active, frames the device receives never reach the stack but
 * for those the host tx ring injects: let them pass. */
static rx_handler_result_t nm_native_rx_handler(struct sk_buff **pskb)
{
	nm_host_to_stack(*pskb);
	return RX_HANDLER_PASS;
}

static void nm_native_set_dma(struct nm_native_port *np,
			      const struct nm_dma_map *map)
{
	int d, r;

	for (d = NM_TX; d <= NM_RX; d++)
		for (r = 0; r < np->port.nrings[d]; r++)
			np->port.krings[d][r].dma = map;
}

static bool nm_native_dims_match(struct nm_native_port *np)
{
	struct nm_port *port = &np->port;
	u16 rings[2];
	u32 slots[2];
	int d;

	np->na->ops->dims(np->na, rings, slots);
	for (d = NM_TX; d <= NM_RX; d++)
		if (rings[d] != port->nrings[d] || slots[d] != port->nslots[d])
			return false;
	return true;
}

/* rtnl and nm_native_lock held. */
static int nm_native_enter(struct nm_native_port *np)
{
	struct nm_port *port = &np->port;
	struct nm_native *na = np->na;
	struct nm_dma_map *map;
	int err;

	/* ethtool -G may have resized the rings since the port was made. */
	if (!nm_native_dims_match(np))
		return -EBUSY;
	map = nm_dma_map(port->mem, na->dma_dev);
	if (IS_ERR(map))
		return PTR_ERR(map);
	nm_native_set_dma(np, map);
	/* The stack's transmit goes to the host ring before the NIC's rings
	 * become netmap's: the driver's own transmit never meets them. */
	err = nm_host_attach(&np->host, na->dev,
			     &port->krings[NM_RX][port->nrings[NM_RX]],
			     nm_native_rx_handler);
	if (err)
		goto err_unmap;
	np->dma = map;
	np->active = true;
	err = na->ops->reg(na, true);
	if (err)
		goto err_detach;
	return 0;

err_detach:
	np->active = false;
	np->dma = NULL;
	nm_host_detach(&np->host);
err_unmap:
	nm_native_set_dma(np, NULL);
	nm_dma_unmap(map);
	return err;
}

/* rtnl and nm_native_lock held; no sync runs on a NIC ring after reg(). */
static void nm_native_leave(struct nm_native_port *np)
{
	struct nm_native *na = np->na;

	if (!np->active)
		return;
	na->ops->reg(na, false);
	/* The NIC is the stack's again: so is its transmit. */
	nm_host_detach(&np->host);
	nm_native_set_dma(np, NULL);
	nm_dma_unmap(np->dma);
	np->dma = NULL;
	np->active = false;
}

/* The device is going away, moving, or its driver detaching: leave
 * netmap mode now and fail every later sync. The port lives until its
 * last fd closes. rtnl and nm_native_lock held. */
static void nm_native_kill(struct nm_native_port *np)
{
	struct nm_port *port = &np->port;
	int d, r;

	WRITE_ONCE(np->dead, true);
	for (d = NM_TX; d <= NM_RX; d++)
		for (r = 0; r < nm_port_rings(port, d); r++) {
			mutex_lock(&port->krings[d][r].sync_lock);
			mutex_unlock(&port->krings[d][r].sync_lock);
		}
	nm_native_leave(np);
	np->na->port = NULL;
	np->na = NULL;
	for (d = NM_TX; d <= NM_RX; d++)
		for (r = 0; r < nm_port_rings(port, d); r++)
			wake_up_interruptible(&port->krings[d][r].wq);
}

static int nm_native_activate(struct nm_port *port)
{
	struct nm_native_port *np = nm_np(port);
	int err = -ENXIO;

	rtnl_lock();
	mutex_lock(&nm_native_lock);
	if (!np->dead)
		err = nm_native_enter(np);
	mutex_unlock(&nm_native_lock);
	rtnl_unlock();
	return err;
}

static void nm_native_deactivate(struct nm_port *port)
{
	struct nm_native_port *np = nm_np(port);

	rtnl_lock();
	mutex_lock(&nm_native_lock);
	if (!np->dead)
		nm_native_leave(np);
	mutex_unlock(&nm_native_lock);
	rtnl_unlock();
}

/* Rings of a port that was never whole are skipped by nm_kring_destroy. */
static void nm_native_free(struct nm_native_port *np)
{
	int d, r;

	for (d = NM_TX; d <= NM_RX; d++) {
		if (!np->port.krings[d])
			continue;
		for (r = 0; r < nm_port_rings(&np->port, d); r++)
			nm_kring_destroy(&np->port.krings[d][r]);
		kfree(np->port.krings[d]);
	}
	kfree(np);
}

static void nm_native_put(struct nm_port *port)
{
	struct nm_native_port *np = nm_np(port);

	if (--np->refs)
		return;
	rtnl_lock();
	mutex_lock(&nm_native_lock);
	if (np->na)
		np->na->port = NULL;
	mutex_unlock(&nm_native_lock);
	rtnl_unlock();
	synchronize_net(); /* an interrupt hook may still hold the port */
	nm_native_free(np);
}

static const struct nm_port_ops nm_native_port_ops = {
	.txsync = nm_native_txsync,
	.rxsync = nm_native_rxsync,
	.rx_release = nm_native_rx_release,
	.activate = nm_native_activate,
	.deactivate = nm_native_deactivate,
	.put = nm_native_put,
};

/* ---- ports: shape, creation, lookup -------------------------------- */

/*
 * The port's shape from the hardware's: its rings, and one host ring
 * each way. -EOPNOTSUPP when the region cannot serve it natively: rings
 * longer than a ring object holds, more rings than a netmap_if lists,
 * buffers a device cannot reach page by page (dma.h).
 */
static int nm_native_dims(struct nm_native *na, const struct nm_mem *mem,
			  struct nm_port *port)
{
	u32 size = nm_mem_buf_size(mem);
	u16 rings[2];
	u32 slots[2];
	int d;

	if (!is_power_of_2(size) || size > PAGE_SIZE)
		return -EOPNOTSUPP;
	na->ops->dims(na, rings, slots);
	for (d = NM_TX; d <= NM_RX; d++) {
		if (!rings[d] || slots[d] < 2 ||
		    slots[d] > nm_mem_max_slots(mem))
			return -EOPNOTSUPP;
		port->nrings[d] = rings[d];
		port->nhost[d] = 1;
		port->nslots[d] = slots[d];
	}
	if (rings[NM_TX] + rings[NM_RX] + 2 > nm_mem_max_if_rings(mem))
		return -EOPNOTSUPP;
	return 0;
}

static int nm_native_rings_create(struct nm_native_port *np)
{
	struct nm_port *port = &np->port;
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

/* Whole, and on na; or an error. rtnl and nm_native_lock held. */
static struct nm_native_port *nm_native_create(struct nm_native *na,
					       struct nm_mem *mem)
{
	struct nm_native_port *np;
	int err;

	np = kzalloc(sizeof(*np), GFP_KERNEL);
	if (!np)
		return ERR_PTR(-ENOMEM);
	err = nm_native_dims(na, mem, &np->port);
	if (!err) {
		strscpy(np->port.name, na->dev->name, sizeof(np->port.name));
		np->port.ops = &nm_native_port_ops;
		np->port.mem = mem;
		err = nm_native_rings_create(np);
	}
	if (err) {
		nm_native_free(np);
		return ERR_PTR(err);
	}
	np->na = na;
	np->refs = 1;
	na->port = np;
	return np;
}

/*
 * The attached device of that name in the caller's namespace, with rtnl
 * and nm_native_lock held on success. -ENOENT: not ours to answer (no
 * such device, no native driver in best mode, admode generic), so the
 * generic kind answers.
 */
static int nm_native_find_locked(const struct nm_lookup *req,
				 struct nm_native **found)
{
	int mode = nm_admode();
	struct net_device *dev;
	struct nm_native *na;

	if (mode == NM_ADMODE_GENERIC)
		return -ENOENT;
	dev = dev_get_by_name(req->mem->net, req->name);
	if (!dev)
		return -ENOENT;
	rtnl_lock();
	mutex_lock(&nm_native_lock);
	na = nm_native_find(dev);
	if (na && dev->reg_state == NETREG_REGISTERED &&
	    net_eq(dev_net(dev), req->mem->net)) {
		/* Registered under rtnl, so it stays until we unlock; the
		 * driver keeps na until it detaches, which takes rtnl. */
		dev_put(dev);
		*found = na;
		return 0;
	}
	mutex_unlock(&nm_native_lock);
	rtnl_unlock();
	dev_put(dev);
	return mode == NM_ADMODE_NATIVE ? -EOPNOTSUPP : -ENOENT;
}

static void nm_native_unlock(void)
{
	mutex_unlock(&nm_native_lock);
	rtnl_unlock();
}

/* In best mode a device native mode cannot serve falls back to generic. */
static int nm_native_fallback(int err)
{
	return err == -EOPNOTSUPP && nm_admode() == NM_ADMODE_BEST ? -ENOENT
								   : err;
}

static int nm_native_lookup(const struct nm_lookup *req, struct nm_port **port)
{
	struct nm_native_port *np;
	struct nm_native *na;
	int err;

	err = nm_native_find_locked(req, &na);
	if (err)
		return err;
	if (!req->admin) {
		err = -EPERM;
	} else if (na->port) {
		np = na->port;
		if (np->port.mem == req->mem)
			np->refs++;
		else
			err = -EBUSY;
	} else {
		np = nm_native_create(na, req->mem);
		err = nm_native_fallback(PTR_ERR_OR_ZERO(np));
	}
	nm_native_unlock();
	if (!err)
		*port = &np->port;
	return err;
}

static int nm_native_info(const struct nm_lookup *req,
			  struct nmreq_port_info_get *info)
{
	struct nm_port dims = {};
	struct nm_native *na;
	int err;

	err = nm_native_find_locked(req, &na);
	if (err)
		return err;
	if (!req->admin)
		err = -EPERM;
	else if (na->port)
		dims = na->port->port;
	else
		err = nm_native_fallback(nm_native_dims(na, req->mem, &dims));
	nm_native_unlock();
	if (err)
		return err;
	info->nr_tx_rings = dims.nrings[NM_TX];
	info->nr_rx_rings = dims.nrings[NM_RX];
	info->nr_host_tx_rings = dims.nhost[NM_TX];
	info->nr_host_rx_rings = dims.nhost[NM_RX];
	info->nr_tx_slots = dims.nslots[NM_TX];
	info->nr_rx_slots = dims.nslots[NM_RX];
	return 0;
}

const struct nm_port_kind nm_native_kind = {
	.name = "native",
	.lookup = nm_native_lookup,
	.info = nm_native_info,
};

/* Unregistered, or moving to another namespace (which unregisters it
 * from this one first): its port dies. rtnl held. */
static int nm_native_netdev_event(struct notifier_block *nb,
				  unsigned long event, void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct nm_native *na;

	if (event != NETDEV_UNREGISTER)
		return NOTIFY_DONE;
	mutex_lock(&nm_native_lock);
	na = nm_native_find(dev);
	if (na && na->port)
		nm_native_kill(na->port);
	mutex_unlock(&nm_native_lock);
	return NOTIFY_DONE;
}

static struct notifier_block nm_native_notifier = {
	.notifier_call = nm_native_netdev_event,
};

int nm_native_init(void)
{
	return register_netdevice_notifier(&nm_native_notifier);
}

void nm_native_exit(void)
{
	unregister_netdevice_notifier(&nm_native_notifier);
}
