// SPDX-License-Identifier: GPL-2.0
/*
 * DMA maps of a region's buffer pool, one per (region, device) while a
 * native port of that device is in netmap mode.
 */
#include <linux/dma-mapping.h>
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include "dma.h"
#include "mem.h"

static void nm_dma_unmap_pages(struct nm_dma_map *map, u32 n)
{
	u32 i;

	for (i = 0; i < n; i++)
		dma_unmap_page_attrs(map->dev, map->pages[i], PAGE_SIZE,
				     DMA_BIDIRECTIONAL, DMA_ATTR_SKIP_CPU_SYNC);
}

struct nm_dma_map *nm_dma_map(struct nm_mem *mem, struct device *dev)
{
	const struct nm_pool *p = &mem->pools[NM_POOL_BUF];
	u32 size = p->objsize, per_page, npages, i;
	struct nm_dma_map *map;
	int err = 0;

	if (!is_power_of_2(size) || size > PAGE_SIZE ||
	    !PAGE_ALIGNED(p->offset) || !mem->base)
		return ERR_PTR(-EOPNOTSUPP);
	per_page = PAGE_SIZE / size;
	npages = DIV_ROUND_UP(p->objtotal, per_page);
	map = kvzalloc(struct_size(map, pages, npages), GFP_KERNEL);
	if (!map)
		return ERR_PTR(-ENOMEM);
	map->dev = dev;
	map->per_page_shift = ilog2(per_page);
	map->buf_shift = ilog2(size);
	for (i = 0; i < npages; i++) {
		void *va = mem->base + p->offset + (size_t)i * PAGE_SIZE;
		dma_addr_t addr;

		addr = dma_map_page_attrs(dev, vmalloc_to_page(va), 0,
					  PAGE_SIZE, DMA_BIDIRECTIONAL,
					  DMA_ATTR_SKIP_CPU_SYNC);
		if (dma_mapping_error(dev, addr)) {
			err = -ENOMEM;
			break;
		}
		map->pages[i] = addr;
		if (dma_need_sync(dev, addr)) {
			i++;
			err = -EOPNOTSUPP;
			break;
		}
		if (!(i % 1024))
			cond_resched();
	}
	if (err) {
		nm_dma_unmap_pages(map, i);
		kvfree(map);
		return ERR_PTR(err);
	}
	map->npages = npages;
	return map;
}

void nm_dma_unmap(struct nm_dma_map *map)
{
	if (!map)
		return;
	nm_dma_unmap_pages(map, map->npages);
	kvfree(map);
}
