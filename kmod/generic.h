/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The generic adapter: netmap mode on any net_device, through the
 * kernel's own receive hook and transmit path. Frames are copied between
 * netmap buffers and skbs; nothing else needs the driver's help.
 */
#ifndef NM_GENERIC_H
#define NM_GENERIC_H

#include "port.h"

/* Names an interface of the caller's namespace: -ENXIO when none has
 * that name, -EPERM when the caller does not administer the namespace,
 * -EOPNOTSUPP when it does not carry Ethernet frames. */
extern const struct nm_port_kind nm_generic_kind;

int nm_generic_init(void);
void nm_generic_exit(void);

#endif /* NM_GENERIC_H */
