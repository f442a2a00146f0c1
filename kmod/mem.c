// SPDX-License-Identifier: GPL-2.0
/*
 * Memory regions and their three pools.
 *
 * The default region (the initial namespace's administrators', id 1)
 * lives as long as the module: its area is allocated on the first
 * registration and kept, since allocating and zeroing it is the slow part
 * of a first registration. Every other region is created on first use
 * and freed with its area when its last reference goes.
 *
 * A region's area is never freed while mapped: a mapping holds the file,
 * the file holds its registration, and the registration a reference. When
 * the last reference goes, every pool is reset to empty, so objects lost
 * to user-space mistakes (a buffer index dropped by a bad swap) come
 * back, as upstream does.
 */
#include <linux/bitmap.h>
#include <linux/idr.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sysfs.h>
#include <linux/vmalloc.h>
#include <net/net_namespace.h>

#include <net/netmap.h>

#include "mem.h"
#include "port.h"
#include "user.h"

static unsigned int if_num = 100, if_size = 1024;
static unsigned int ring_num = 200, ring_size = 36864;
static unsigned int buf_num = 163840, buf_size = 2048;
module_param(if_num, uint, 0444);
MODULE_PARM_DESC(if_num, "netmap_if objects per region (100)");
module_param(if_size, uint, 0444);
MODULE_PARM_DESC(if_size, "bytes per netmap_if object (1024)");
module_param(ring_num, uint, 0444);
MODULE_PARM_DESC(ring_num, "rings per region (200)");
module_param(ring_size, uint, 0444);
MODULE_PARM_DESC(ring_size, "bytes per ring object (36864)");
module_param(buf_num, uint, 0444);
MODULE_PARM_DESC(buf_num, "packet buffers per region (163840)");
module_param(buf_size, uint, 0444);
MODULE_PARM_DESC(buf_size, "bytes per packet buffer (2048, at most 65472)");
/* Regions other than the default one are smaller: an unprivileged user
 * or a container may cause them to exist, and each is allocated whole. */
static unsigned int other_if_num = 32, other_ring_num = 64;
static unsigned int other_buf_num = 16384, max_regions = 32;
module_param(other_if_num, uint, 0444);
MODULE_PARM_DESC(other_if_num, "netmap_if objects per other region (32)");
module_param(other_ring_num, uint, 0444);
MODULE_PARM_DESC(other_ring_num, "rings per other region (64)");
module_param(other_buf_num, uint, 0444);
MODULE_PARM_DESC(other_buf_num, "packet buffers per other region (16384)");
module_param(max_regions, uint, 0644);
MODULE_PARM_DESC(max_regions, "regions besides the default one (32)");

#define NM_OBJ_ALIGN 64
/* Keep the region below 4 GiB: offsets travel in 32-bit legacy fields. */
#define NM_MEM_MAX ((size_t)4 << 30)
/* Reserved buffers: index 0 and 1 are never handed out. */
#define NM_BUF_RESERVED 2
/* slot.len is 16 bits: no buffer may be longer than it can say. */
#define NM_BUF_SIZE_MAX (U16_MAX & ~(NM_OBJ_ALIGN - 1))

LIST_HEAD(nm_mems);
static DEFINE_IDA(nm_mem_ids);

struct nm_mem nm_mem_default = {
	.id = 1,
	.net = &init_net,
	.owner = INVALID_UID,
	.lock = __MUTEX_INITIALIZER(nm_mem_default.lock),
};

static int nm_pool_setup(struct nm_pool *p, const char *name, u32 num, u32 size,
			 u32 min_size, u32 max_size, size_t *offset)
{
	size = ALIGN(size, NM_OBJ_ALIGN);
	if (num < 1 || size < min_size || size > max_size) {
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

/*
 * The region's pools are back to empty. Buffers still in use (lost to
 * user-space mistakes) may hold frames: they go through the scrubber.
 */
static void nm_mem_reset(struct nm_mem *mem)
{
	struct nm_pool *b = &mem->pools[NM_POOL_BUF];
	bool dirty;

	mutex_lock(&mem->lock);
	nm_pool_reset(&mem->pools[NM_POOL_IF], 0);
	nm_pool_reset(&mem->pools[NM_POOL_RING], 0);
	bitmap_copy(b->dirty, b->in_use, b->objtotal);
	bitmap_clear(b->dirty, 0, NM_BUF_RESERVED);
	dirty = !bitmap_empty(b->dirty, b->objtotal);
	mutex_unlock(&mem->lock);
	if (dirty)
		schedule_work(&mem->scrub);
}

static void nm_mem_free_pools(struct nm_mem *mem)
{
	int i;

	for (i = 0; i < NM_POOL_COUNT; i++) {
		bitmap_free(mem->pools[i].in_use);
		bitmap_free(mem->pools[i].dirty);
		mem->pools[i].in_use = mem->pools[i].dirty = NULL;
	}
}

static void nm_mem_scrub(struct work_struct *work);

/* The pools of a region, laid out from the module parameters: the
 * default region's, or those of the smaller other regions. */
static int nm_mem_setup(struct nm_mem *mem, bool is_default)
{
	u32 nif = is_default ? if_num : other_if_num;
	u32 nring = is_default ? ring_num : other_ring_num;
	u32 nbuf = is_default ? buf_num : other_buf_num;
	size_t offset = 0;
	int err;

	err = nm_pool_setup(&mem->pools[NM_POOL_IF], "if", nif, if_size,
			    sizeof(struct netmap_if) + 2 * 8, 1u << 20,
			    &offset);
	if (!err)
		err = nm_pool_setup(&mem->pools[NM_POOL_RING], "ring", nring,
				    ring_size,
				    sizeof(struct netmap_ring) + 64 * 16,
				    1u << 20, &offset);
	/* Buffers start on a page: where the size divides a page, no buffer
	 * straddles two, and a device can reach each by one page's DMA
	 * address (dma.c). */
	offset = PAGE_ALIGN(offset);
	if (!err)
		err = nm_pool_setup(&mem->pools[NM_POOL_BUF], "buf", nbuf,
				    buf_size, 64, NM_BUF_SIZE_MAX, &offset);
	if (!err && nbuf <= NM_BUF_RESERVED)
		err = -EINVAL;
	if (!err) {
		mem->pools[NM_POOL_BUF].dirty = bitmap_zalloc(nbuf, GFP_KERNEL);
		if (!mem->pools[NM_POOL_BUF].dirty)
			err = -ENOMEM;
	}
	if (!err && offset > NM_MEM_MAX) {
		pr_err("netmap: region of %zu bytes is over 4 GiB\n", offset);
		err = -EINVAL;
	}
	if (err) {
		nm_mem_free_pools(mem);
		return err;
	}
	mem->size = PAGE_ALIGN(offset);
	nm_pool_reset(&mem->pools[NM_POOL_IF], 0);
	nm_pool_reset(&mem->pools[NM_POOL_RING], 0);
	nm_pool_reset(&mem->pools[NM_POOL_BUF], NM_BUF_RESERVED);
	return 0;
}

int nm_mem_init(void)
{
	struct nm_mem probe = {};
	int err = nm_mem_setup(&nm_mem_default, true);

	if (err)
		return err;
	INIT_WORK(&nm_mem_default.scrub, nm_mem_scrub);
	/* Refuse bad parameters for the other regions now, not at the
	 * first one. The probe is only laid out, never scrubbed: its work
	 * item stays uninitialised (an on-stack work item would need
	 * INIT_WORK_ONSTACK, and object debugging flags it otherwise). */
	err = nm_mem_setup(&probe, false);
	nm_mem_free_pools(&probe);
	if (err) {
		nm_mem_free_pools(&nm_mem_default);
		return err;
	}
	list_add(&nm_mem_default.node, &nm_mems);
	return 0;
}

void nm_mem_exit(void)
{
	cancel_work_sync(&nm_mem_default.scrub);
	list_del(&nm_mem_default.node);
	vfree(nm_mem_default.base);
	nm_mem_default.base = NULL;
	nm_mem_free_pools(&nm_mem_default);
}

static struct nm_mem *nm_mem_create(struct net *net, kuid_t owner,
				    struct nm_user *creator, bool exempt)
{
	unsigned int others = 0;
	struct nm_mem *mem;
	int id, err;

	nm_mem_for_each(mem) others += mem != &nm_mem_default;
	if (others >= READ_ONCE(max_regions))
		return ERR_PTR(-ENOSPC);
	err = nm_user_charge_region(creator, exempt);
	if (err)
		return ERR_PTR(err);
	mem = kzalloc(sizeof(*mem), GFP_KERNEL);
	if (!mem) {
		err = -ENOMEM;
		goto err_uncharge;
	}
	mutex_init(&mem->lock);
	err = nm_mem_setup(mem, false);
	if (err)
		goto err_free;
	INIT_WORK(&mem->scrub, nm_mem_scrub);
	id = ida_alloc_range(&nm_mem_ids, 2, U16_MAX, GFP_KERNEL);
	if (id < 0) {
		err = id;
		goto err_free_pools;
	}
	mem->id = id;
	mem->net = get_net(net);
	mem->owner = owner;
	mem->creator = creator;
	creator->refs++;
	list_add_tail(&mem->node, &nm_mems);
	return mem;

err_free_pools:
	nm_mem_free_pools(mem);
err_free:
	kfree(mem);
err_uncharge:
	nm_user_uncharge_region(creator);
	return ERR_PTR(err);
}

static void nm_mem_destroy(struct nm_mem *mem)
{
	list_del(&mem->node);
	cancel_work_sync(&mem->scrub);
	vfree(mem->base);
	nm_mem_free_pools(mem);
	ida_free(&nm_mem_ids, mem->id);
	put_net(mem->net);
	nm_user_uncharge_region(mem->creator);
	nm_user_put(mem->creator);
	kfree(mem);
}

struct nm_mem *nm_mem_get(struct net *net, kuid_t owner,
			  struct nm_user *creator, bool exempt)
{
	struct nm_mem *mem;

	lockdep_assert_held(&nm_lock);
	nm_mem_for_each(mem) if (net_eq(mem->net, net) &&
				 uid_eq(mem->owner, owner)) goto found;
	mem = nm_mem_create(net, owner, creator, exempt);
	if (IS_ERR(mem))
		return mem;
found:
	mem->refs++;
	return mem;
}

int nm_mem_map(struct nm_mem *mem)
{
	int err = 0;

	mutex_lock(&mem->lock);
	/* vmalloc_user zeroes the area and allows mapping it. */
	if (!mem->base)
		mem->base = vmalloc_user(mem->size);
	if (!mem->base)
		err = -ENOMEM;
	mutex_unlock(&mem->lock);
	return err;
}

void nm_mem_put(struct nm_mem *mem)
{
	lockdep_assert_held(&nm_lock);
	if (--mem->refs)
		return;
	if (mem == &nm_mem_default)
		nm_mem_reset(mem);
	else
		nm_mem_destroy(mem);
}

u32 nm_mem_max_slots(const struct nm_mem *mem)
{
	return (mem->pools[NM_POOL_RING].objsize - sizeof(struct netmap_ring)) /
	       sizeof(struct netmap_slot);
}

u32 nm_mem_max_if_rings(const struct nm_mem *mem)
{
	return (mem->pools[NM_POOL_IF].objsize - sizeof(struct netmap_if)) /
	       sizeof(((struct netmap_if *)NULL)->ring_ofs[0]);
}

/*
 * One line per pool: name, objects in total, objects free, object size;
 * then the references (registered descriptors) of the region and how
 * many regions exist. Read through /sys/class/misc/netmap/pools; tests
 * use it to prove that nothing leaks once every port is closed.
 */
int nm_mem_show_pools(struct nm_mem *mem, char *buf)
{
	unsigned int regions = 0;
	struct nm_mem *m;
	int i, len = 0;

	mutex_lock(&nm_lock);
	nm_mem_for_each(m) regions++;
	mutex_unlock(&nm_lock);
	nm_mem_flush(mem);
	mutex_lock(&mem->lock);
	for (i = 0; i < NM_POOL_COUNT; i++) {
		const struct nm_pool *p = &mem->pools[i];

		len += sysfs_emit_at(buf, len, "%s %u %u %u\n", p->name,
				     p->objtotal, p->objfree, p->objsize);
	}
	len += sysfs_emit_at(buf, len, "users %u\n", READ_ONCE(mem->refs));
	len += sysfs_emit_at(buf, len, "regions %u\n", regions);
	mutex_unlock(&mem->lock);
	return len;
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

/* netmap_if and ring objects are zeroed before anyone can see them; they
 * are small (a few KiB). */
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

int nm_mem_bufs_alloc(struct nm_mem *mem, u32 *idx, u32 n)
{
	struct nm_pool *p = &mem->pools[NM_POOL_BUF];
	u32 i;

	if (READ_ONCE(p->objfree) < n)
		nm_mem_flush(mem);
	mutex_lock(&mem->lock);
	if (p->objfree < n) {
		mutex_unlock(&mem->lock);
		return -ENOMEM;
	}
	for (i = 0; i < n; i++)
		nm_pool_alloc_locked(p, &idx[i]);
	mutex_unlock(&mem->lock);
	return 0;
}

/* A buffer freed twice (user space can make the kernel hold one twice
 * through bad swaps), out of range or reserved is ignored. */
void nm_mem_bufs_free(struct nm_mem *mem, const u32 *idx, u32 n)
{
	struct nm_pool *p = &mem->pools[NM_POOL_BUF];
	bool queued = false;
	u32 i;

	mutex_lock(&mem->lock);
	for (i = 0; i < n; i++) {
		if (idx[i] < NM_BUF_RESERVED || idx[i] >= p->objtotal ||
		    !test_bit(idx[i], p->in_use))
			continue;
		queued |= !__test_and_set_bit(idx[i], p->dirty);
	}
	mutex_unlock(&mem->lock);
	if (queued)
		schedule_work(&mem->scrub);
}

/* Buffers zeroed per hold of the region's lock. */
#define NM_SCRUB_BATCH 64

/*
 * Zero dirty buffers and give them back, a batch at a time. A buffer
 * stays dirty (so in use, and ignored if freed again) until it is clean
 * and free in one step.
 */
static void nm_mem_scrub(struct work_struct *work)
{
	struct nm_mem *mem = container_of(work, struct nm_mem, scrub);
	struct nm_pool *p = &mem->pools[NM_POOL_BUF];
	u32 batch[NM_SCRUB_BATCH], i, n;
	unsigned long next = 0;

	do {
		mutex_lock(&mem->lock);
		for (n = 0; n < NM_SCRUB_BATCH; n++, next++) {
			next = find_next_bit(p->dirty, p->objtotal, next);
			if (next >= p->objtotal)
				break;
			batch[n] = next;
		}
		mutex_unlock(&mem->lock);
		for (i = 0; i < n; i++)
			memset(nm_mem_buf_addr(mem, batch[i]), 0, p->objsize);
		mutex_lock(&mem->lock);
		for (i = 0; i < n; i++) {
			__clear_bit(batch[i], p->dirty);
			__clear_bit(batch[i], p->in_use);
			p->objfree++;
		}
		mutex_unlock(&mem->lock);
		cond_resched();
	} while (n == NM_SCRUB_BATCH);
}

void nm_mem_flush(struct nm_mem *mem)
{
	flush_work(&mem->scrub);
}
