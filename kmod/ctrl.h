/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Control requests: NIOCCTRL (struct nmreq_header with a body and an
 * option chain) and the legacy NIOCREGIF / NIOCGINFO (struct nmreq),
 * which are translated onto the same paths.
 */
#ifndef NM_CTRL_H
#define NM_CTRL_H

struct nm_priv;

long nm_ctrl_ioctl(struct nm_priv *priv, void __user *uarg);
long nm_legacy_ioctl(struct nm_priv *priv, unsigned int cmd, void __user *uarg);

#endif /* NM_CTRL_H */
