/* SPDX-License-Identifier: GPL-2.0 */
/* NIOCTXSYNC, NIOCRXSYNC and poll() over the rings an fd has bound. */
#ifndef NM_SYNC_H
#define NM_SYNC_H

#include <linux/poll.h>

#include "kring.h"

struct nm_priv;

long nm_sync_ioctl(struct nm_priv *priv, enum nm_dir dir);
__poll_t nm_sync_poll(struct nm_priv *priv, struct file *file,
		      poll_table *wait);

#endif /* NM_SYNC_H */
