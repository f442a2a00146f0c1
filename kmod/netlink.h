/* SPDX-License-Identifier: GPL-2.0 */
/* The "netmap" generic netlink family (include/net/netmap_nl.h). */
#ifndef NM_NETLINK_H
#define NM_NETLINK_H

int nm_netlink_init(void);
void nm_netlink_exit(void);

#endif /* NM_NETLINK_H */
