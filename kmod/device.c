// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/netmap file operations. Each open file is one potential port
 * binding; the ioctls are dispatched from here to the core.
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>

#include "device.h"

static int nm_dev_open(struct inode *inode, struct file *file)
{
	return 0;
}

static int nm_dev_release(struct inode *inode, struct file *file)
{
	return 0;
}

static long nm_dev_ioctl(struct file *file, unsigned int cmd,
			 unsigned long arg)
{
	/* The core (register, sync) lands with issue 3. */
	return -ENOTTY;
}

static const struct file_operations nm_dev_fops = {
	.owner = THIS_MODULE,
	.open = nm_dev_open,
	.release = nm_dev_release,
	.unlocked_ioctl = nm_dev_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.llseek = noop_llseek,
};

static struct miscdevice nm_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "netmap",
	.fops = &nm_dev_fops,
	.mode = 0666,
};

int nm_device_init(void)
{
	return misc_register(&nm_misc);
}

void nm_device_exit(void)
{
	misc_deregister(&nm_misc);
}
