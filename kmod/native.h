/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Native netmap mode, the core's side: the port kind, and which kind a
 * lookup of an interface prefers. Drivers use netmap_native.h.
 */
#ifndef NM_NATIVE_H
#define NM_NATIVE_H

#include "port.h"

enum { NM_ADMODE_BEST, NM_ADMODE_NATIVE, NM_ADMODE_GENERIC };

/* The admode module parameter: best (native where a driver attached,
 * else generic), native (only), generic (only). */
int nm_admode(void);

/* Names an interface whose driver attached (netmap_native.h), in the
 * caller's namespace; -ENOENT otherwise, and in best mode when native
 * mode cannot serve it. -EOPNOTSUPP in native mode for any other
 * interface. */
extern const struct nm_port_kind nm_native_kind;

int nm_native_init(void);
void nm_native_exit(void);

#endif /* NM_NATIVE_H */
