// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/netmap file operations. Each open file is one nm_priv, bound to at
 * most one port by a register request and unbound at release.
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include <net/netmap.h>

#include "ctrl.h"
#include "device.h"
#include "mem.h"
#include "port.h"
#include "sync.h"

static int nm_dev_open(struct inode *inode, struct file *file)
{
	struct nm_priv *priv = kzalloc(sizeof(*priv), GFP_KERNEL);
	int err;

	if (!priv)
		return -ENOMEM;
	err = nm_priv_init(priv, file);
	if (err) {
		kfree(priv);
		return err;
	}
	file->private_data = priv;
	return 0;
}

static int nm_dev_release(struct inode *inode, struct file *file)
{
	struct nm_priv *priv = file->private_data;

	nm_priv_release(priv);
	kfree(priv);
	return 0;
}

static long nm_dev_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct nm_priv *priv = file->private_data;
	void __user *uarg = (void __user *)arg;

	switch (cmd) {
	case NIOCCTRL:
		return nm_ctrl_ioctl(priv, uarg);
	case NIOCTXSYNC:
		return nm_sync_ioctl(priv, NM_TX);
	case NIOCRXSYNC:
		return nm_sync_ioctl(priv, NM_RX);
	case NIOCREGIF:
	case NIOCGINFO:
		return nm_legacy_ioctl(priv, cmd, uarg);
	default:
		return -ENOTTY;
	}
}

/* The whole region, or any page range of it, once the fd is registered. */
static int nm_dev_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct nm_priv *priv = file->private_data;
	struct nm_port *port = nm_priv_port(priv);
	unsigned long len = vma->vm_end - vma->vm_start;

	if (!port)
		return -ENXIO;
	if (vma->vm_pgoff > port->mem->size >> PAGE_SHIFT ||
	    len > port->mem->size - (vma->vm_pgoff << PAGE_SHIFT))
		return -EINVAL;
	return remap_vmalloc_range(vma, port->mem->base, vma->vm_pgoff);
}

static __poll_t nm_dev_poll(struct file *file, poll_table *wait)
{
	return nm_sync_poll(file->private_data, file, wait);
}

static const struct file_operations nm_dev_fops = {
	.owner = THIS_MODULE,
	.open = nm_dev_open,
	.release = nm_dev_release,
	/* No compat_ioctl: a 32-bit caller's requests have other layouts
	 * (nmreq_register's u64 after a u32), so it gets ENOTTY. */
	.unlocked_ioctl = nm_dev_ioctl,
	.mmap = nm_dev_mmap,
	.poll = nm_dev_poll,
	.llseek = noop_llseek,
};

static ssize_t pools_show(struct device *dev, struct device_attribute *attr,
			  char *buf)
{
	return nm_mem_show_pools(&nm_mem_default, buf);
}
static DEVICE_ATTR_RO(pools);

static struct attribute *nm_dev_attrs[] = {
	&dev_attr_pools.attr,
	NULL,
};
ATTRIBUTE_GROUPS(nm_dev);

static struct miscdevice nm_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "netmap",
	.fops = &nm_dev_fops,
	/* root only, as upstream; udev rules may widen it. Who may do what
	 * once it is open: port.c. */
	.mode = 0600,
	.groups = nm_dev_groups,
};

int nm_device_init(void)
{
	return misc_register(&nm_misc);
}

void nm_device_exit(void)
{
	misc_deregister(&nm_misc);
}
