// SPDX-License-Identifier: GPL-2.0
/*
 * netmap.ko: fast packet I/O through rings shared with user space.
 * Init and exit only; exit undoes init in reverse.
 */
#include <linux/module.h>

#include <net/netmap.h>

#include "device.h"
#include "generic.h"
#include "mem.h"
#include "native.h"
#include "netlink.h"

static int __init nm_init(void)
{
	int err;

	err = nm_mem_init();
	if (err)
		return err;
	err = nm_generic_init();
	if (err)
		goto err_mem_exit;
	err = nm_native_init();
	if (err)
		goto err_generic_exit;
	err = nm_device_init();
	if (err)
		goto err_native_exit;
	err = nm_netlink_init();
	if (err)
		goto err_device_exit;
	pr_info("netmap: API %d, /dev/netmap ready\n", NETMAP_API);
	return 0;

err_device_exit:
	nm_device_exit();
err_native_exit:
	nm_native_exit();
err_generic_exit:
	nm_generic_exit();
err_mem_exit:
	nm_mem_exit();
	return err;
}

static void __exit nm_exit(void)
{
	nm_netlink_exit();
	nm_device_exit();
	nm_native_exit();
	nm_generic_exit();
	nm_mem_exit();
}

module_init(nm_init);
module_exit(nm_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("netmap: fast packet I/O through shared rings");
