/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The generic adapter: netmap mode on any net_device, through the
 * kernel's own receive hook and transmit path. Frames are copied between
 * netmap buffers and skbs; nothing else needs the driver's help.
 */
#ifndef NM_GENERIC_H
#define NM_GENERIC_H

struct nm_port;

/* -ENXIO when no interface has that name in the caller's namespace. */
int nm_generic_lookup(const char *name, struct nm_port **port);
int nm_generic_init(void);
void nm_generic_exit(void);

#endif /* NM_GENERIC_H */
