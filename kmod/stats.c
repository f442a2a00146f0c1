// SPDX-License-Identifier: GPL-2.0
/*
 * Statistics as netlink attributes. Ports and their rings are read under
 * nm_lock, which keeps them alive; the counters themselves are read
 * without the rings' locks (each is one aligned u64, stored once per sync
 * by its one writer), so a dump never slows a sync down.
 */
#include <linux/moduleparam.h>
#include <linux/pid.h>
#include <net/netlink.h>

#include <net/netmap_nl.h>

#include "kring.h"
#include "mem.h"
#include "port.h"
#include "stats.h"

DEFINE_STATIC_KEY_TRUE(nm_stats_key);
EXPORT_SYMBOL_GPL(nm_stats_key); /* native drivers count in their syncs */

static int nm_stats_param_set(const char *val, const struct kernel_param *kp)
{
	bool on;
	int err = kstrtobool(val, &on);

	if (err)
		return err;
	if (on)
		static_branch_enable(&nm_stats_key);
	else
		static_branch_disable(&nm_stats_key);
	return 0;
}

static int nm_stats_param_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%c\n", nm_stats_on() ? 'Y' : 'N');
}

static const struct kernel_param_ops nm_stats_param_ops = {
	.set = nm_stats_param_set,
	.get = nm_stats_param_get,
};
module_param_cb(stats, &nm_stats_param_ops, NULL, 0644);
MODULE_PARM_DESC(stats, "count per-ring statistics (Y)");

u32 nm_stats_port_rings(const struct nm_port *port)
{
	return nm_port_rings(port, NM_TX) + nm_port_rings(port, NM_RX);
}

static int nm_stats_put_counters(struct sk_buff *skb, struct nm_kring *k)
{
	static const struct {
		int attr;
		size_t off;
	} c[] = {
		{NETMAP_NL_RING_A_PACKETS, offsetof(struct nm_kring, packets)},
		{NETMAP_NL_RING_A_BYTES, offsetof(struct nm_kring, bytes)},
		{NETMAP_NL_RING_A_SYNCS, offsetof(struct nm_kring, syncs)},
		{NETMAP_NL_RING_A_DROPS_FULL,
		 offsetof(struct nm_kring, drops_full)},
		{NETMAP_NL_RING_A_DROPS_OVERSIZE,
		 offsetof(struct nm_kring, drops_oversize)},
		{NETMAP_NL_RING_A_DROPS_NOBUF,
		 offsetof(struct nm_kring, drops_nobuf)},
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(c); i++) {
		u64 v = READ_ONCE(*(u64 *)((char *)k + c[i].off));

		if (nla_put_u64_64bit(skb, c[i].attr, v, NETMAP_NL_RING_A_PAD))
			return -EMSGSIZE;
	}
	return 0;
}

/* Ring occupancy is the kernel's own copy of the indices, never what
 * user space has written since. */
static int nm_stats_put_ring(struct sk_buff *skb, struct nm_kring *k, u16 index)
{
	struct nlattr *nest = nla_nest_start(skb, NETMAP_NL_ENTRY);

	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u8(skb, NETMAP_NL_RING_A_DIR, k->dir) ||
	    nla_put_u16(skb, NETMAP_NL_RING_A_INDEX, index) ||
	    nla_put_u8(skb, NETMAP_NL_RING_A_HOST, k->host) ||
	    nla_put_u32(skb, NETMAP_NL_RING_A_SLOTS, k->nslots) ||
	    nla_put_u32(skb, NETMAP_NL_RING_A_USERS, k->users) ||
	    nla_put_u32(skb, NETMAP_NL_RING_A_HEAD, READ_ONCE(k->rhead)) ||
	    nla_put_u32(skb, NETMAP_NL_RING_A_CUR, READ_ONCE(k->rcur)) ||
	    nla_put_u32(skb, NETMAP_NL_RING_A_TAIL, READ_ONCE(k->rtail)) ||
	    nla_put_u32(skb, NETMAP_NL_RING_A_HWCUR, READ_ONCE(k->hwcur)) ||
	    nla_put_u32(skb, NETMAP_NL_RING_A_HWTAIL, READ_ONCE(k->hwtail)) ||
	    nm_stats_put_counters(skb, k)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int nm_stats_put_bind(struct sk_buff *skb, const struct nm_priv *priv)
{
	struct nlattr *nest = nla_nest_start(skb, NETMAP_NL_ENTRY);

	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(skb, NETMAP_NL_BIND_A_PID, pid_vnr(priv->pid)) ||
	    nla_put_u32(skb, NETMAP_NL_BIND_A_MODE, priv->mode) ||
	    nla_put_u16(skb, NETMAP_NL_BIND_A_RINGID, priv->ringid) ||
	    nla_put_u64_64bit(skb, NETMAP_NL_BIND_A_FLAGS, priv->flags,
			      NETMAP_NL_BIND_A_PAD)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int nm_stats_put_binds(struct sk_buff *skb, struct nm_port *port)
{
	struct nlattr *nest = nla_nest_start(skb, NETMAP_NL_PORT_A_BINDS);
	struct nm_priv *priv;

	if (!nest)
		return -EMSGSIZE;
	list_for_each_entry (priv, &port->binds, node)
		if (nm_stats_put_bind(skb, priv))
			return -EMSGSIZE; /* the caller cancels it all */
	nla_nest_end(skb, nest);
	return 0;
}

static int nm_stats_put_port_head(struct sk_buff *skb, struct nm_port *port)
{
	if (nla_put_string(skb, NETMAP_NL_PORT_A_NAME, port->name) ||
	    nla_put_string(skb, NETMAP_NL_PORT_A_KIND, port->kind) ||
	    nla_put_u16(skb, NETMAP_NL_PORT_A_MEM_ID, port->mem->id) ||
	    nla_put_u32(skb, NETMAP_NL_PORT_A_USERS, port->users) ||
	    nla_put_u16(skb, NETMAP_NL_PORT_A_TX_RINGS, port->nrings[NM_TX]) ||
	    nla_put_u16(skb, NETMAP_NL_PORT_A_RX_RINGS, port->nrings[NM_RX]) ||
	    nla_put_u16(skb, NETMAP_NL_PORT_A_HOST_TX_RINGS,
			port->nhost[NM_TX]) ||
	    nla_put_u16(skb, NETMAP_NL_PORT_A_HOST_RX_RINGS,
			port->nhost[NM_RX]) ||
	    nla_put_u32(skb, NETMAP_NL_PORT_A_TX_SLOTS, port->nslots[NM_TX]) ||
	    nla_put_u32(skb, NETMAP_NL_PORT_A_RX_SLOTS, port->nslots[NM_RX]))
		return -EMSGSIZE;
	return 0;
}

/*
 * The port's attributes and as many of its rings, from *next_ring on, as
 * fit; *next_ring moves past those written. Caller holds nm_lock.
 * Returns -EMSGSIZE when rings are left over (or nothing fit at all: then
 * *next_ring has not moved and the caller drops the message).
 */
int nm_stats_put_port(struct sk_buff *skb, struct nm_port *port, u32 *next_ring)
{
	u32 ntx = nm_port_rings(port, NM_TX), total = nm_stats_port_rings(port);
	struct nlattr *rings;
	u32 i = *next_ring;

	if (nm_stats_put_port_head(skb, port))
		return -EMSGSIZE;
	if (i == 0 && nm_stats_put_binds(skb, port))
		return -EMSGSIZE;
	rings = nla_nest_start(skb, NETMAP_NL_PORT_A_RINGS);
	if (!rings)
		return -EMSGSIZE;
	for (; i < total; i++) {
		enum nm_dir d = i < ntx ? NM_TX : NM_RX;
		u16 index = d == NM_TX ? i : i - ntx;

		if (nm_stats_put_ring(skb, &port->krings[d][index], index))
			break;
	}
	if (i == *next_ring && i < total) {
		nla_nest_cancel(skb, rings);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, rings);
	*next_ring = i;
	return i < total ? -EMSGSIZE : 0;
}

/* Pool counts under the region's lock, so free and in use add up. */
static int nm_stats_put_pools(struct sk_buff *skb, struct nm_mem *mem)
{
	struct nlattr *pools = nla_nest_start(skb, NETMAP_NL_MEM_A_POOLS);
	int i;

	if (!pools)
		return -EMSGSIZE;
	for (i = 0; i < NM_POOL_COUNT; i++) {
		const struct nm_pool *p = &mem->pools[i];
		struct nlattr *nest = nla_nest_start(skb, NETMAP_NL_ENTRY);

		if (!nest ||
		    nla_put_string(skb, NETMAP_NL_POOL_A_NAME, p->name) ||
		    nla_put_u32(skb, NETMAP_NL_POOL_A_OBJSIZE, p->objsize) ||
		    nla_put_u32(skb, NETMAP_NL_POOL_A_TOTAL, p->objtotal) ||
		    nla_put_u32(skb, NETMAP_NL_POOL_A_FREE, p->objfree) ||
		    nla_put_u32(skb, NETMAP_NL_POOL_A_IN_USE,
				p->objtotal - p->objfree))
			return -EMSGSIZE;
		nla_nest_end(skb, nest);
	}
	nla_nest_end(skb, pools);
	return 0;
}

int nm_stats_put_mem(struct sk_buff *skb, struct nm_mem *mem)
{
	int err = -EMSGSIZE;

	mutex_lock(&mem->lock);
	if (!nla_put_u16(skb, NETMAP_NL_MEM_A_ID, mem->id) &&
	    !nla_put_u64_64bit(skb, NETMAP_NL_MEM_A_SIZE, mem->size,
			       NETMAP_NL_MEM_A_PAD) &&
	    !nla_put_u32(skb, NETMAP_NL_MEM_A_USERS, READ_ONCE(mem->refs)))
		err = nm_stats_put_pools(skb, mem);
	mutex_unlock(&mem->lock);
	return err;
}
