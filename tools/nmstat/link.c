/*
 * link.c - the kernel's own counters of each interface in netmap mode
 * (rtnl link statistics), read through libnl-route-3, to set beside the
 * ring counters: what the driver saw against what the rings moved.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/netlink.h>
#include <netlink/route/link.h>

#include "nmstat.h"

struct ns_links {
	struct nl_sock *sock;
	struct nl_cache *cache;
};

struct ns_links *ns_links_open(char *err, size_t errlen)
{
	struct ns_links *l = calloc(1, sizeof(*l));

	if (!l || !(l->sock = nl_socket_alloc())) {
		snprintf(err, errlen, "out of memory");
		free(l);
		return NULL;
	}
	if (nl_connect(l->sock, NETLINK_ROUTE) ||
	    rtnl_link_alloc_cache(l->sock, AF_UNSPEC, &l->cache)) {
		snprintf(err, errlen,
			 "cannot read the interface list over "
			 "rtnetlink");
		ns_links_close(l);
		return NULL;
	}
	return l;
}

static void link_stats(struct rtnl_link *link, struct ns_link *out)
{
	out->present = 1;
	out->ifindex = rtnl_link_get_ifindex(link);
	out->rx_packets = rtnl_link_get_stat(link, RTNL_LINK_RX_PACKETS);
	out->tx_packets = rtnl_link_get_stat(link, RTNL_LINK_TX_PACKETS);
	out->rx_bytes = rtnl_link_get_stat(link, RTNL_LINK_RX_BYTES);
	out->tx_bytes = rtnl_link_get_stat(link, RTNL_LINK_TX_BYTES);
	out->rx_dropped = rtnl_link_get_stat(link, RTNL_LINK_RX_DROPPED);
	out->tx_dropped = rtnl_link_get_stat(link, RTNL_LINK_TX_DROPPED);
	out->rx_errors = rtnl_link_get_stat(link, RTNL_LINK_RX_ERRORS);
	out->tx_errors = rtnl_link_get_stat(link, RTNL_LINK_TX_ERRORS);
}

/* Ports of kind "generic" and "native" are named after their interface.
 * An interface gone (or in another namespace) has no link counters. (A
 * driver in native mode counts no packets of its own: the port's rings
 * do.) */
int ns_links_fill(struct ns_links *l, struct ns_sample *s, char *err,
		  size_t errlen)
{
	size_t i;

	if (nl_cache_refill(l->sock, l->cache)) {
		snprintf(err, errlen,
			 "cannot read the interface list over "
			 "rtnetlink");
		return -1;
	}
	for (i = 0; i < s->nports; i++) {
		struct ns_port *p = &s->ports[i];
		struct rtnl_link *link;

		if (strcmp(p->kind, "generic") && strcmp(p->kind, "native"))
			continue;
		link = rtnl_link_get_by_name(l->cache, p->name);
		if (!link)
			continue;
		link_stats(link, &p->link);
		rtnl_link_put(link);
	}
	return 0;
}

void ns_links_close(struct ns_links *l)
{
	if (!l)
		return;
	if (l->cache)
		nl_cache_free(l->cache);
	nl_socket_free(l->sock);
	free(l);
}
