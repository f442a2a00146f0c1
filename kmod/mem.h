/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Memory regions. A region is three pools (netmap_if objects, rings,
 * packet buffers) laid end to end in one vmalloc area that user space maps
 * whole. Every reference into it is a pool index or an offset, never a
 * pointer.
 *
 * Whoever maps a region can see every frame in it, so a region never
 * holds the frames of two trust domains: each network namespace has one
 * region for its administrators (CAP_NET_ADMIN over it), and one per
 * other user that opens pipes there. A buffer index is valid when it
 * names a buffer of the port's own region; that is the whole ownership
 * check.
 *
 * Allocation happens at register time only, under nm_lock; the per-packet
 * path only turns buffer indices into addresses.
 */
#ifndef NM_MEM_H
#define NM_MEM_H

#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/types.h>
#include <linux/uidgid.h>
#include <linux/workqueue.h>

struct net;
struct nm_user;

enum nm_pool_id { NM_POOL_IF, NM_POOL_RING, NM_POOL_BUF, NM_POOL_COUNT };

struct nm_pool {
	const char *name;
	u32 objsize; /* bytes, a multiple of 64 */
	u32 objtotal;
	u32 objfree;
	size_t offset;	       /* of object 0 from the region base */
	unsigned long *in_use; /* bitmap, one bit per object */
	u32 hint;	       /* where the next search starts */
	/* Buffers only: freed, still in use until the scrubber has zeroed
	 * them (a subset of in_use). */
	unsigned long *dirty;
};

struct nm_mem {
	u16 id;
	struct net *net;       /* the namespace it belongs to (referenced) */
	kuid_t owner;	       /* INVALID_UID: the namespace's administrators */
	struct list_head node; /* in the region list, under nm_lock */
	/* Registered fds and requests in progress, under nm_lock. */
	unsigned int refs;
	struct nm_user *creator; /* charged for it; NULL: the default one */
	void *base;  /* vmalloc_user area, NULL until first registration;
		      * set under lock, then fixed until the region goes */
	size_t size; /* bytes user space maps (page multiple) */
	struct nm_pool pools[NM_POOL_COUNT];
	struct mutex lock;	  /* pools: every allocation, free and reader */
	struct work_struct scrub; /* zeroes dirty buffers */
};

int nm_mem_init(void);
void nm_mem_exit(void);

/*
 * The region of (net, owner), created on first use, with a reference.
 * creator is charged for a new region other than the default one (the
 * initial namespace's administrators'); -ENOSPC when it may not have one
 * more. nm_lock held.
 */
struct nm_mem *nm_mem_get(struct net *net, kuid_t owner,
			  struct nm_user *creator, bool exempt);
/* The area itself, allocated and zeroed on first call; the caller holds
 * a reference, and should not hold nm_lock (it may take a while). */
int nm_mem_map(struct nm_mem *mem);
/* Drop a reference: at zero the region's pools are whole again and a
 * region other than the default one is freed. nm_lock held. */
void nm_mem_put(struct nm_mem *mem);

/* Every region, for statistics; nm_lock held. */
#define nm_mem_for_each(mem) list_for_each_entry (mem, &nm_mems, node)
extern struct list_head nm_mems;
/* The default region, always there: the initial namespace's (id 1). */
extern struct nm_mem nm_mem_default;

int nm_mem_show_pools(struct nm_mem *mem, char *buf);
/* Wait until every freed buffer is zeroed and back in its pool. */
void nm_mem_flush(struct nm_mem *mem);

/* netmap_if and ring objects: zeroed when allocated (a few KiB). */
int nm_mem_obj_alloc(struct nm_mem *mem, enum nm_pool_id pool, u32 *idx);
void nm_mem_obj_free(struct nm_mem *mem, enum nm_pool_id pool, u32 idx);
/*
 * Buffers: all n or none. A freed buffer is zeroed before it can be
 * handed out again, by a worker and not by the caller, so that closing a
 * port never clears megabytes under nm_lock; an allocation that finds
 * too few clean buffers waits for the worker first.
 */
int nm_mem_bufs_alloc(struct nm_mem *mem, u32 *idx, u32 n);
void nm_mem_bufs_free(struct nm_mem *mem, const u32 *idx, u32 n);

/* Most slots one ring object of the region holds. */
u32 nm_mem_max_slots(const struct nm_mem *mem);
/* Most ring offsets one netmap_if object holds. */
u32 nm_mem_max_if_rings(const struct nm_mem *mem);

static inline void *nm_mem_obj_addr(const struct nm_mem *mem,
				    enum nm_pool_id pool, u32 idx)
{
	const struct nm_pool *p = &mem->pools[pool];

	return mem->base + p->offset + (size_t)idx * p->objsize;
}

/* Callers check idx with nm_mem_buf_valid() first; see kring.c. */
static inline void *nm_mem_buf_addr(const struct nm_mem *mem, u32 idx)
{
	return nm_mem_obj_addr(mem, NM_POOL_BUF, idx);
}

/* Buffers 0 and 1 are reserved and never valid in a slot. */
static inline bool nm_mem_buf_valid(const struct nm_mem *mem, u32 idx)
{
	return idx >= 2 && idx < mem->pools[NM_POOL_BUF].objtotal;
}

static inline u32 nm_mem_buf_size(const struct nm_mem *mem)
{
	return mem->pools[NM_POOL_BUF].objsize;
}

static inline size_t nm_mem_offset_of(const struct nm_mem *mem,
				      const void *addr)
{
	return (const char *)addr - (const char *)mem->base;
}

#endif /* NM_MEM_H */
