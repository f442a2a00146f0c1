/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The shared memory region: three pools (netmap_if objects, rings, packet
 * buffers) laid end to end in one vmalloc area that user space maps whole.
 * Every reference into it is a pool index or an offset, never a pointer.
 *
 * Allocation happens at register time only, under the region's mutex; the
 * per-packet path only turns buffer indices into addresses.
 */
#ifndef NM_MEM_H
#define NM_MEM_H

#include <linux/mutex.h>
#include <linux/types.h>

enum nm_pool_id { NM_POOL_IF, NM_POOL_RING, NM_POOL_BUF, NM_POOL_COUNT };

struct nm_pool {
	const char *name;
	u32 objsize; /* bytes, a multiple of 64 */
	u32 objtotal;
	u32 objfree;
	size_t offset;	       /* of object 0 from the region base */
	unsigned long *in_use; /* bitmap, one bit per object */
	u32 hint;	       /* where the next search starts */
};

struct nm_mem {
	u16 id;
	void *base;  /* vmalloc_user area, NULL until first use */
	size_t size; /* bytes user space maps (page multiple) */
	struct nm_pool pools[NM_POOL_COUNT];
	struct mutex lock;  /* pools and users */
	unsigned int users; /* registered file descriptors */
};

/* The one global region (mem_id 1). */
extern struct nm_mem nm_mem_global;

int nm_mem_init(void);
void nm_mem_exit(void);

int nm_mem_get(struct nm_mem *mem);
int nm_mem_show_pools(struct nm_mem *mem, char *buf);
void nm_mem_put(struct nm_mem *mem);

int nm_mem_obj_alloc(struct nm_mem *mem, enum nm_pool_id pool, u32 *idx);
void nm_mem_obj_free(struct nm_mem *mem, enum nm_pool_id pool, u32 idx);
int nm_mem_bufs_alloc(struct nm_mem *mem, u32 *idx, u32 n);
void nm_mem_bufs_free(struct nm_mem *mem, const u32 *idx, u32 n);

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
