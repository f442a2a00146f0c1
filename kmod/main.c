// SPDX-License-Identifier: GPL-2.0
/*
 * netmap.ko: fast packet I/O through rings shared with user space.
 * Init and exit only; exit undoes init in reverse.
 */
#include <linux/module.h>

#include <net/netmap.h>

#include "device.h"

static int __init nm_init(void)
{
	int err;

	err = nm_device_init();
	if (err)
		return err;
	pr_info("netmap: API %d, /dev/netmap ready\n", NETMAP_API);
	return 0;
}

static void __exit nm_exit(void)
{
	nm_device_exit();
}

module_init(nm_init);
module_exit(nm_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("netmap: fast packet I/O through shared rings");
