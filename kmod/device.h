/* SPDX-License-Identifier: GPL-2.0 */
/*
 * /dev/netmap: the misc device through which user space opens ports,
 * registers them, maps their memory and syncs their rings.
 */
#ifndef NM_DEVICE_H
#define NM_DEVICE_H

int nm_device_init(void);
void nm_device_exit(void);

#endif /* NM_DEVICE_H */
