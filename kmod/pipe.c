// SPDX-License-Identifier: GPL-2.0
/*
 * Netmap pipes. Both ends, their four rings and all their buffers are
 * created together on the first lookup of either end and destroyed when
 * the last user of either end is gone. A pair belongs to the region it
 * was created in (a namespace's administrators', or one user's).
 *
 * Concurrency: each ring has one producer and one consumer. A's txsync
 * (under A.tx's sync_lock) fills B.rx's free slots and publishes B.rx's
 * hwtail with a release store; B's rxsync (under B.rx's sync_lock)
 * releases slots and publishes B.rx's hwcur the same way. Neither takes a
 * lock shared with the other side.
 */
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "mem.h"
#include "pipe.h"
#include "port.h"

static unsigned int pipe_slots = 1024;
module_param(pipe_slots, uint, 0444);
MODULE_PARM_DESC(pipe_slots, "slots per pipe ring (1024)");

enum { NM_PIPE_MASTER, NM_PIPE_SLAVE };

struct nm_pipe_pair;

struct nm_pipe_end {
	struct nm_port port;
	struct nm_kring krings[2]; /* [dir] */
	struct nm_pipe_pair *pair;
};

struct nm_pipe_pair {
	struct list_head list;
	char parent[NETMAP_REQ_IFNAMSIZ];
	u32 index;
	struct nm_mem *mem; /* its region: part of its identity */
	struct nm_pipe_end ends[2];
	unsigned int refs; /* under nm_lock */
};

static LIST_HEAD(nm_pipes); /* whole pairs only, under nm_lock */

/* Split "NAME{N" / "NAME}N". -ENOENT when there is no pipe suffix. */
static int nm_pipe_parse(const char *name, char *parent, u32 *index, int *end)
{
	const char *open = strrchr(name, '{'), *close = strrchr(name, '}');
	const char *sep = open > close ? open : close;
	unsigned int n;

	if (!sep)
		return -ENOENT;
	if (sep == name || !sep[1] || kstrtouint(sep + 1, 10, &n) ||
	    n >= NM_PIPES_PER_NAME)
		return -EINVAL;
	memcpy(parent, name, sep - name);
	parent[sep - name] = '\0';
	*index = n;
	*end = *sep == '{' ? NM_PIPE_MASTER : NM_PIPE_SLAVE;
	return 0;
}

/*
 * Move [hwcur, rhead) of a tx ring into the free slots of the peer's rx
 * ring, swapping buffers: the packet's buffer goes to the rx slot and the
 * rx slot's free buffer comes back to the tx slot. Per packet: no
 * allocation, no lock, no copy of the payload.
 */
static int nm_pipe_txsync(struct nm_kring *tx)
{
	struct nm_kring *rx = tx->peer;
	struct nm_mem *mem = tx->port->mem;
	struct netmap_slot *ts = tx->ring->slot, *rs = rx->ring->slot;
	u32 n = tx->nslots, buf_size = nm_mem_buf_size(mem);
	u32 i = tx->hwcur, j = rx->hwtail;
	/* Pairs with the release in the receiver's rxsync. */
	u32 room = nm_dist(j, nm_prev(smp_load_acquire(&rx->hwcur), n), n);
	u32 todo = min(room, nm_dist(i, tx->rhead, n));
	u64 bytes = 0;
	int err = 0;

	for (; todo; todo--) {
		u32 idx = READ_ONCE(ts[i].buf_idx);
		u16 len = READ_ONCE(ts[i].len);
		u16 flags = READ_ONCE(ts[i].flags);
		u32 free_idx = rx->bufs[j];

		if (unlikely(!nm_mem_buf_valid(mem, idx) || len > buf_size)) {
			err = -EINVAL;
			break;
		}
		rs[j].buf_idx = idx;
		rs[j].len = len;
		rs[j].flags = NS_BUF_CHANGED | (flags & NS_MOREFRAG);
		rx->bufs[j] = idx;
		ts[i].buf_idx = free_idx;
		ts[i].flags = NS_BUF_CHANGED;
		tx->bufs[i] = free_idx;
		bytes += len;
		i = nm_next(i, n);
		j = nm_next(j, n);
	}
	if (j != rx->hwtail) {
		/* Sender and receiver count the same batch, once: we are
		 * the rx ring's only producer, so its counters are ours. */
		if (nm_stats_on()) {
			u32 moved = nm_dist(rx->hwtail, j, n);

			tx->packets += moved;
			tx->bytes += bytes;
			rx->packets += moved;
			rx->bytes += bytes;
		}
		smp_store_release(&rx->hwtail, j);
		wake_up_interruptible(&rx->wq);
	}
	tx->hwcur = i;
	tx->hwtail = nm_prev(i, n);
	return err;
}

/* Released rx slots are room for the peer: wake a writer waiting for it. */
static int nm_pipe_rxsync(struct nm_kring *rx)
{
	wake_up_interruptible(&rx->peer->wq);
	return 0;
}

/* Rings of a pair that was never whole are skipped by nm_kring_destroy. */
static void nm_pipe_pair_free(struct nm_pipe_pair *pair)
{
	int e, d;

	for (e = 0; e < 2; e++)
		for (d = NM_TX; d <= NM_RX; d++)
			nm_kring_destroy(&pair->ends[e].krings[d]);
	kfree(pair);
}

static void nm_pipe_put(struct nm_port *port)
{
	struct nm_pipe_pair *pair =
		container_of(port, struct nm_pipe_end, port)->pair;

	if (--pair->refs == 0) {
		list_del(&pair->list);
		nm_pipe_pair_free(pair);
	}
}

static const struct nm_port_ops nm_pipe_ops = {
	.txsync = nm_pipe_txsync,
	.rxsync = nm_pipe_rxsync,
	.put = nm_pipe_put,
};

static u32 nm_pipe_nslots(const struct nm_mem *mem)
{
	return clamp_t(u32, pipe_slots, 2, nm_mem_max_slots(mem));
}

static int nm_pipe_end_init(struct nm_pipe_pair *pair, int e,
			    struct nm_mem *mem)
{
	struct nm_pipe_end *end = &pair->ends[e];
	struct nm_port *port = &end->port;
	u32 nslots = nm_pipe_nslots(mem);
	int d, err;

	end->pair = pair;
	snprintf(port->name, sizeof(port->name), "%s%c%u", pair->parent,
		 e == NM_PIPE_MASTER ? '{' : '}', pair->index);
	port->ops = &nm_pipe_ops;
	port->mem = mem;
	for (d = NM_TX; d <= NM_RX; d++) {
		port->nrings[d] = 1;
		port->nslots[d] = nslots;
		port->krings[d] = &end->krings[d];
		err = nm_kring_create(&end->krings[d], port, d, 0, nslots);
		if (err)
			return err;
	}
	return 0;
}

static struct nm_pipe_pair *nm_pipe_pair_create(const char *parent, u32 index,
						struct nm_mem *mem)
{
	struct nm_pipe_pair *pair;
	int e, err;

	pair = kzalloc(sizeof(*pair), GFP_KERNEL);
	if (!pair)
		return ERR_PTR(-ENOMEM);
	strscpy(pair->parent, parent, sizeof(pair->parent));
	pair->index = index;
	pair->mem = mem;
	for (e = 0; e < 2; e++) {
		err = nm_pipe_end_init(pair, e, mem);
		if (err) {
			nm_pipe_pair_free(pair);
			return ERR_PTR(err);
		}
	}
	/* What one end sends, the other receives. */
	pair->ends[0].krings[NM_TX].peer = &pair->ends[1].krings[NM_RX];
	pair->ends[1].krings[NM_RX].peer = &pair->ends[0].krings[NM_TX];
	pair->ends[1].krings[NM_TX].peer = &pair->ends[0].krings[NM_RX];
	pair->ends[0].krings[NM_RX].peer = &pair->ends[1].krings[NM_TX];
	list_add(&pair->list, &nm_pipes);
	return pair;
}

/* Pipes are found by name within one region: a namespace's pipes are
 * invisible from any other, and so are one user's from another's. */
static struct nm_pipe_pair *nm_pipe_find(const char *parent, u32 index,
					 const struct nm_mem *mem)
{
	struct nm_pipe_pair *pair;

	list_for_each_entry (pair, &nm_pipes, list)
		if (pair->mem == mem && pair->index == index &&
		    !strcmp(pair->parent, parent))
			return pair;
	return NULL;
}

static int nm_pipe_lookup(const struct nm_lookup *req, struct nm_port **port)
{
	char parent[NETMAP_REQ_IFNAMSIZ];
	struct nm_pipe_pair *pair;
	u32 index;
	int end, err;

	err = nm_pipe_parse(req->name, parent, &index, &end);
	if (err)
		return err;
	pair = nm_pipe_find(parent, index, req->mem);
	if (!pair) {
		pair = nm_pipe_pair_create(parent, index, req->mem);
		if (IS_ERR(pair))
			return PTR_ERR(pair);
	}
	pair->refs++;
	*port = &pair->ends[end].port;
	return 0;
}

static int nm_pipe_info(const struct nm_lookup *req,
			struct nmreq_port_info_get *info)
{
	char parent[NETMAP_REQ_IFNAMSIZ];
	struct nm_pipe_pair *pair;
	u32 index, nslots;
	int end, err;

	err = nm_pipe_parse(req->name, parent, &index, &end);
	if (err)
		return err;
	pair = nm_pipe_find(parent, index, req->mem);
	nslots = pair ? pair->ends[end].port.nslots[NM_TX]
		      : nm_pipe_nslots(req->mem);
	info->nr_tx_slots = info->nr_rx_slots = nslots;
	info->nr_tx_rings = info->nr_rx_rings = 1;
	info->nr_host_tx_rings = info->nr_host_rx_rings = 0;
	return 0;
}

const struct nm_port_kind nm_pipe_kind = {
	.name = "pipe",
	.lookup = nm_pipe_lookup,
	.info = nm_pipe_info,
};
