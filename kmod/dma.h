/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A region's packet buffers as one device sees them. The region is
 * vmalloc memory, so each page is mapped on its own; a buffer never
 * straddles a page (the pool starts on one and the buffer size divides
 * it), so a buffer's DMA address is its page's plus an offset: a shift,
 * a mask and one load, on the path where a buffer changes only.
 */
#ifndef NM_DMA_H
#define NM_DMA_H

#include <linux/types.h>

struct device;
struct nm_mem;

struct nm_dma_map {
	struct device *dev;
	u32 npages;
	u8 per_page_shift; /* log2 of buffers per page */
	u8 buf_shift;	   /* log2 of the buffer size */
	dma_addr_t pages[];
};

/*
 * Map every page of mem's buffer pool for dev (the area exists: a
 * registration mapped it). -EOPNOTSUPP when a buffer would not fit in a
 * page (its size is not a power of two up to PAGE_SIZE) or when the
 * device needs bounce buffers or cache maintenance for this memory:
 * that would not be zero copy, and per-packet syncs are a cost native
 * mode does not pay.
 */
struct nm_dma_map *nm_dma_map(struct nm_mem *mem, struct device *dev);
void nm_dma_unmap(struct nm_dma_map *map);

static inline dma_addr_t nm_dma_addr(const struct nm_dma_map *map, u32 idx)
{
	u32 mask = (1u << map->per_page_shift) - 1;

	return map->pages[idx >> map->per_page_shift] +
	       ((dma_addr_t)(idx & mask) << map->buf_shift);
}

#endif /* NM_DMA_H */
