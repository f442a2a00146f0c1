// SPDX-License-Identifier: GPL-2.0
/*
 * The "netmap" generic netlink family: dumps of ports (with their rings)
 * and of memory regions, for nmstat. Read-only; no request attributes.
 *
 * A dump runs in several passes, each filling one skb; between passes
 * nm_lock is dropped and the registry may change, so a pass resumes by
 * position (ports already sent, next ring of the current port), as
 * netlink dumps do. A port added or removed meanwhile may be missed or
 * seen twice in that one dump; counters are never torn.
 *
 * A caller sees the regions of its own namespace only, and of those the
 * administrators' (as anyone sees /proc/net/dev) and its own; an
 * administrator of the namespace sees every region of it.
 */
#include <linux/capability.h>
#include <linux/module.h>
#include <net/net_namespace.h>
#include <net/genetlink.h>
#include <net/sock.h>

#include <net/netmap_nl.h>

#include "mem.h"
#include "netlink.h"
#include "port.h"
#include "stats.h"

static struct genl_family nm_nl_family;

enum { NM_NL_ARG_PORT, NM_NL_ARG_RING };

static bool nm_nl_visible(struct netlink_callback *cb, const struct nm_mem *mem)
{
	struct net *net = sock_net(cb->skb->sk);

	if (!net_eq(mem->net, net))
		return false;
	/* The reader's uid: whoever created its socket, as a region's owner
	 * is whoever opened /dev/netmap. */
	return !uid_valid(mem->owner) ||
	       uid_eq(mem->owner, sock_i_uid(cb->skb->sk)) ||
	       netlink_ns_capable(cb->skb, net->user_ns, CAP_NET_ADMIN);
}

/* One message of a port: -EMSGSIZE when the skb is full. */
static int nm_nl_port_msg(struct sk_buff *skb, struct netlink_callback *cb,
			  struct nm_port *port, u32 *next_ring)
{
	u32 start = *next_ring;
	void *hdr;
	int err;

	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  &nm_nl_family, NLM_F_MULTI, NETMAP_NL_CMD_GET_PORTS);
	if (!hdr)
		return -EMSGSIZE;
	err = nm_stats_put_port(skb, port, next_ring);
	if (err && *next_ring == start) {
		genlmsg_cancel(skb, hdr);
		return err;
	}
	genlmsg_end(skb, hdr);
	return err;
}

static int nm_nl_ports_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	long skip = cb->args[NM_NL_ARG_PORT], i = 0;
	u32 ring = cb->args[NM_NL_ARG_RING];
	struct nm_port *port;
	int err = 0;

	mutex_lock(&nm_lock);
	list_for_each_entry (port, &nm_ports, node) {
		if (!nm_nl_visible(cb, port->mem) || i++ < skip)
			continue;
		/* A port that shrank can't, but be safe with resumption. */
		if (ring > nm_stats_port_rings(port))
			ring = 0;
		err = nm_nl_port_msg(skb, cb, port, &ring);
		if (err)
			break;
		ring = 0;
		cb->args[NM_NL_ARG_PORT] = i;
	}
	mutex_unlock(&nm_lock);
	cb->args[NM_NL_ARG_RING] = ring;
	/* A full skb ends this pass; an empty one after an error would
	 * loop forever, so then the error ends the dump. */
	if (err && !skb->len)
		return err;
	return skb->len;
}

static int nm_nl_mems_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	long skip = cb->args[0], i = 0;
	struct nm_mem *mem;
	int err = 0;
	void *hdr;

	/* Freed buffers are zeroed by a worker: let it finish first, so the
	 * default region's counts add up. Not under nm_lock, which no
	 * reader may hold for as long as a scrub takes; other regions'
	 * buffers being scrubbed count as in use. */
	nm_mem_flush(&nm_mem_default);
	mutex_lock(&nm_lock);
	nm_mem_for_each(mem)
	{
		if (!nm_nl_visible(cb, mem) || i++ < skip)
			continue;
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &nm_nl_family,
				  NLM_F_MULTI, NETMAP_NL_CMD_GET_MEMS);
		err = hdr ? nm_stats_put_mem(skb, mem) : -EMSGSIZE;
		if (err) {
			if (hdr)
				genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
		cb->args[0] = i;
	}
	mutex_unlock(&nm_lock);
	if (err && !skb->len)
		return err;
	return skb->len;
}

static const struct genl_small_ops nm_nl_ops[] = {
	{
		.cmd = NETMAP_NL_CMD_GET_PORTS,
		.dumpit = nm_nl_ports_dump,
	},
	{
		.cmd = NETMAP_NL_CMD_GET_MEMS,
		.dumpit = nm_nl_mems_dump,
	},
};

static struct genl_family nm_nl_family __ro_after_init = {
	.name = NETMAP_NL_FAMILY,
	.version = NETMAP_NL_VERSION,
	.netnsok = true,
	/* Dumps lock what they read (nm_lock, a region's lock): no need to
	 * serialise them, or to order genl's mutex against ours. */
	.parallel_ops = true,
	.module = THIS_MODULE,
	.small_ops = nm_nl_ops,
	.n_small_ops = ARRAY_SIZE(nm_nl_ops),
};

int nm_netlink_init(void)
{
	return genl_register_family(&nm_nl_family);
}

void nm_netlink_exit(void)
{
	genl_unregister_family(&nm_nl_family);
}
