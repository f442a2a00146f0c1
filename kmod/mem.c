// SPDX-License-Identifier: GPL-2.0
/*
 * The global memory region and its three pools.
 *
 * The area is allocated on the first registration and kept until the
 * module unloads: user mappings of it may outlive every registration (a
 * program can keep its mmap after closing nothing but the port), and a
 * mapped file pins the module. When the last registered descriptor goes,
 * every pool is reset to empty, so objects lost to user-space mistakes
 * (a buffer index dropped by a bad swap) come back, as upstream does.
 */
#include <linux/bitmap.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sysfs.h>
#include <linux/vmalloc.h>

#include <net/netmap.h>

#include "mem.h"

static unsigned int if_num = 100, if_size = 1024;
static unsigned int ring_num = 200, ring_size = 36864;
static unsigned int buf_num = 163840, buf_size = 2048;
module_param(if_num, uint, 0444);
MODULE_PARM_DESC(if_num, "netmap_if objects in the global region (100)");
module_param(if_size, uint, 0444);
MODULE_PARM_DESC(if_size, "bytes per netmap_if object (1024)");
module_param(ring_num, uint, 0444);
MODULE_PARM_DESC(ring_num, "rings in the global region (200)");
module_param(ring_size, uint, 0444);
MODULE_PARM_DESC(ring_size, "bytes per ring object (36864)");
module_param(buf_num, uint, 0444);
MODULE_PARM_DESC(buf_num, "packet buffers in the global region (163840)");
module_param(buf_size, uint, 0444);
MODULE_PARM_DESC(buf_size, "bytes per packet buffer (2048)");

#define NM_OBJ_ALIGN 64
/* Keep the region below 4 GiB: offsets travel in 32-bit legacy fields. */
#define NM_MEM_MAX ((size_t)4 << 30)
/* Reserved buffers: index 0 and 1 are never handed out. */
#define NM_BUF_RESERVED 2

struct nm_mem nm_mem_global = {
	.id = 1,
	.lock = __MUTEX_INITIALIZER(nm_mem_global.lock),
};

static int nm_pool_setup(struct nm_pool *p, const char *name, u32 num, u32 size,
			 u32 min_size, size_t *offset)
{
	size = ALIGN(size, NM_OBJ_ALIGN);
	if (num < 1 || size < min_size || size > (1u << 20)) {
		pr_err("netmap: bad %s pool: %u objects of %u bytes\n", name,
		       num, size);
		return -EINVAL;
	}
	p->name = name;
	p->objsize = size;
	p->objtotal = num;
	p->offset = *offset;
	*offset += (size_t)num * size;
	p->in_use = bitmap_zalloc(num, GFP_KERNEL);
	return p->in_use ? 0 : -ENOMEM;
}

static void nm_pool_reset(struct nm_pool *p, u32 reserved)
{
	bitmap_zero(p->in_use, p->objtotal);
	bitmap_set(p->in_use, 0, reserved);
	p->objfree = p->objtotal - reserved;
	p->hint = reserved;
}

static void nm_mem_reset(struct nm_mem *mem)
{
	nm_pool_reset(&mem->pools[NM_POOL_IF], 0);
	nm_pool_reset(&mem->pools[NM_POOL_RING], 0);
	nm_pool_reset(&mem->pools[NM_POOL_BUF], NM_BUF_RESERVED);
}

int nm_mem_init(void)
{
	struct nm_mem *mem = &nm_mem_global;
	size_t offset = 0;
	int i, err;

	err = nm_pool_setup(&mem->pools[NM_POOL_IF], "if", if_num, if_size,
			    sizeof(struct netmap_if) + 2 * 8, &offset);
	if (!err)
		err = nm_pool_setup(
			&mem->pools[NM_POOL_RING], "ring", ring_num, ring_size,
			sizeof(struct netmap_ring) + 64 * 16, &offset);
	if (!err)
		err = nm_pool_setup(&mem->pools[NM_POOL_BUF], "buf", buf_num,
				    buf_size, 64, &offset);
	if (!err && buf_num <= NM_BUF_RESERVED)
		err = -EINVAL;
	if (!err && offset > NM_MEM_MAX) {
		pr_err("netmap: region of %zu bytes is over 4 GiB\n", offset);
		err = -EINVAL;
	}
	if (err)
		goto err_free_bitmaps;
	mem->size = PAGE_ALIGN(offset);
	nm_mem_reset(mem);
	return 0;

err_free_bitmaps:
	for (i = 0; i < NM_POOL_COUNT; i++)
		bitmap_free(mem->pools[i].in_use);
	return err;
}

void nm_mem_exit(void)
{
	struct nm_mem *mem = &nm_mem_global;
	int i;

	vfree(mem->base);
	mem->base = NULL;
	for (i = 0; i < NM_POOL_COUNT; i++)
		bitmap_free(mem->pools[i].in_use);
}

/* A registration starts: make sure the area exists. */
int nm_mem_get(struct nm_mem *mem)
{
	int err = 0;

	mutex_lock(&mem->lock);
	if (!mem->base) {
		/* vmalloc_user zeroes the area and allows mapping it. */
		mem->base = vmalloc_user(mem->size);
		if (!mem->base)
			err = -ENOMEM;
	}
	if (!err)
		mem->users++;
	mutex_unlock(&mem->lock);
	return err;
}

/*
 * One line per pool: name, objects in total, objects free, object size.
 * Read through /sys/class/misc/netmap/pools; tests use it to prove that
 * nothing leaks once every port is closed.
 */
int nm_mem_show_pools(struct nm_mem *mem, char *buf)
{
	int i, len = 0;

	mutex_lock(&mem->lock);
	for (i = 0; i < NM_POOL_COUNT; i++) {
		const struct nm_pool *p = &mem->pools[i];

		len += sysfs_emit_at(buf, len, "%s %u %u %u\n", p->name,
				     p->objtotal, p->objfree, p->objsize);
	}
	len += sysfs_emit_at(buf, len, "users %u\n", mem->users);
	mutex_unlock(&mem->lock);
	return len;
}

void nm_mem_put(struct nm_mem *mem)
{
	mutex_lock(&mem->lock);
	if (--mem->users == 0)
		nm_mem_reset(mem);
	mutex_unlock(&mem->lock);
}

static int nm_pool_alloc_locked(struct nm_pool *p, u32 *idx)
{
	unsigned long i;

	if (!p->objfree)
		return -ENOMEM;
	i = find_next_zero_bit(p->in_use, p->objtotal, p->hint);
	if (i >= p->objtotal)
		i = find_first_zero_bit(p->in_use, p->objtotal);
	if (WARN_ON_ONCE(i >= p->objtotal))
		return -ENOMEM;
	__set_bit(i, p->in_use);
	p->objfree--;
	p->hint = i + 1 < p->objtotal ? i + 1 : 0;
	*idx = i;
	return 0;
}

/* Freeing an index twice, or one out of range, is ignored: user space
 * can make the kernel hold a buffer twice through bad swaps. */
static void nm_pool_free_locked(struct nm_pool *p, u32 idx)
{
	if (idx < p->objtotal && __test_and_clear_bit(idx, p->in_use))
		p->objfree++;
}

/* Objects are zeroed before anyone can see them. */
int nm_mem_obj_alloc(struct nm_mem *mem, enum nm_pool_id pool, u32 *idx)
{
	int err;

	mutex_lock(&mem->lock);
	err = nm_pool_alloc_locked(&mem->pools[pool], idx);
	mutex_unlock(&mem->lock);
	if (!err)
		memset(nm_mem_obj_addr(mem, pool, *idx), 0,
		       mem->pools[pool].objsize);
	return err;
}

void nm_mem_obj_free(struct nm_mem *mem, enum nm_pool_id pool, u32 idx)
{
	mutex_lock(&mem->lock);
	nm_pool_free_locked(&mem->pools[pool], idx);
	mutex_unlock(&mem->lock);
}

/* All n or none. */
int nm_mem_bufs_alloc(struct nm_mem *mem, u32 *idx, u32 n)
{
	struct nm_pool *p = &mem->pools[NM_POOL_BUF];
	u32 i;

	mutex_lock(&mem->lock);
	if (p->objfree < n) {
		mutex_unlock(&mem->lock);
		return -ENOMEM;
	}
	for (i = 0; i < n; i++)
		nm_pool_alloc_locked(p, &idx[i]);
	mutex_unlock(&mem->lock);
	for (i = 0; i < n; i++)
		memset(nm_mem_buf_addr(mem, idx[i]), 0, p->objsize);
	return 0;
}

void nm_mem_bufs_free(struct nm_mem *mem, const u32 *idx, u32 n)
{
	u32 i;

	mutex_lock(&mem->lock);
	for (i = 0; i < n; i++)
		if (idx[i] >= NM_BUF_RESERVED)
			nm_pool_free_locked(&mem->pools[NM_POOL_BUF], idx[i]);
	mutex_unlock(&mem->lock);
}
