/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Statistics of ports, rings and memory regions, written as the
 * attributes of include/net/netmap_nl.h into a netlink message.
 */
#ifndef NM_STATS_H
#define NM_STATS_H

#include <linux/skbuff.h>
#include <linux/types.h>

struct nm_port;
struct nm_mem;

/* Rings of a port counted flat: tx rings, then rx rings. */
u32 nm_stats_port_rings(const struct nm_port *port);

int nm_stats_put_port(struct sk_buff *skb, struct nm_port *port,
		      u32 *next_ring);
int nm_stats_put_mem(struct sk_buff *skb, struct nm_mem *mem);

#endif /* NM_STATS_H */
