// SPDX-License-Identifier: GPL-2.0
/*
 * Netmap pipes. Both ends, their four rings and the tx rings' buffers are
 * created together on the first lookup of either end and destroyed when
 * the last user of either end is gone. A pair belongs to the region it
 * was created in (a namespace's administrators', or one user's).
 *
 * Concurrency: each link (A.tx, B.rx) has one producer and one consumer.
 * A's txsync (under A.tx's sync_lock) writes B.rx's slots in [hwtail,
 * A.rhead) and publishes B.rx's hwtail with a release store; B's rxsync
 * (under B.rx's sync_lock) writes back A.tx's slots in [hwcur, B.rhead)
 * and publishes B.rx's hwcur the same way. Each writes only slots the
 * other side does not own until it sees the store; neither takes a lock
 * shared with the other side.
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
 * The two rings of a link stay in step, slot for slot: the rx ring owns
 * no buffers, its slot i shows the buffer of the peer tx ring's slot i.
 *
 *   tx.hwcur == rx.hwtail   what the sender handed over has arrived
 *   tx.hwtail == rx.hwcur-1 a tx slot is free again once released
 *
 * txsync copies each slot handed over (index, length, NS_MOREFRAG) into
 * the same slot of the rx ring and leaves the tx slot's buffer where it
 * is, so a sender that keeps a frame in each buffer never rebuilds it.
 * There is always room: the tx ring only hands out slots the receiver
 * has released. When the receiver releases a slot whose buffer it
 * swapped, the new buffer goes back into the tx slot (NS_BUF_CHANGED).
 * bufs[] of both rings hold the same index for every slot, and change
 * only when a buffer does.
 */

struct nm_pipe_tx_run {
	const u32 *bufs;     /* the tx ring's */
	u32 nbufs, buf_size; /* the region's */
	u64 bytes;
};

/* The sender swapped the slot's buffer, or flagged it: both rings' bufs[]
 * follow, and the flag (the sender's own) is taken in. */
static void nm_pipe_tx_changed(struct nm_kring *tx, u32 i, u64 w)
{
	u32 idx = NM_W_IDX(w);

	tx->bufs[i] = tx->peer->bufs[i] = idx;
	if (w & NM_W_FLAGS(NS_BUF_CHANGED))
		WRITE_ONCE(NM_W(&tx->ring->slot[i]),
			   w & ~NM_W_FLAGS(NS_BUF_CHANGED));
}

/*
 * Slots [i, end) of a tx ring into the same slots of its peer rx ring,
 * no wrap inside. Returns where it stopped: end, or a bad slot. Per
 * packet (x86-64, gcc 12 -O2, objdump): 25 instructions when no buffer
 * changed: one load of the slot word, the range checks, the compare
 * with bufs[], one store of the word, the byte count, the loop. No
 * allocation, no lock, no copy of the payload.
 */
static u32 nm_pipe_tx_run(struct nm_kring *tx, struct nm_pipe_tx_run *run,
			  u32 i, u32 end)
{
	const u64 keep = ~NM_W_FLAGS((u16)~NS_MOREFRAG);
	const u64 changed = NM_W_FLAGS(NS_BUF_CHANGED);
	/* Locals, so that nothing is reloaded after each store. */
	const u32 *bufs = run->bufs, max_idx = run->nbufs - 2;
	const u32 buf_size = run->buf_size;
	struct netmap_slot *ts = tx->ring->slot;
	struct netmap_slot *rs = tx->peer->ring->slot;
	u64 bytes = 0;

	for (; i < end; i++) {
		u64 w = READ_ONCE(NM_W(&ts[i]));
		u32 idx = NM_W_IDX(w), len = NM_W_LEN(w);

		/* idx in [2, nbufs): buffers 0 and 1 are never valid. */
		if (unlikely(idx - 2 >= max_idx || len > buf_size))
			break;
		if (unlikely(idx != bufs[i] || (w & changed)))
			nm_pipe_tx_changed(tx, i, w);
		NM_W(&rs[i]) = w & keep; /* index, length, NS_MOREFRAG */
		bytes += len;
	}
	run->bytes += bytes;
	return i;
}

static int nm_pipe_txsync(struct nm_kring *tx)
{
	struct nm_kring *rx = tx->peer;
	struct nm_mem *mem = tx->port->mem;
	struct nm_pipe_tx_run run = {
		.bufs = tx->bufs,
		.nbufs = mem->pools[NM_POOL_BUF].objtotal,
		.buf_size = nm_mem_buf_size(mem),
	};
	const u32 n = tx->nslots, head = tx->rhead;
	u32 i = tx->hwcur, done;
	int err = 0;

	if (head < i) { /* wraps: up to the end, then from slot 0 */
		i = nm_pipe_tx_run(tx, &run, i, n);
		if (i != n)
			goto stopped; /* at a bad slot */
		i = 0;
	}
	i = nm_pipe_tx_run(tx, &run, i, head);
stopped:
	if (i != head)
		err = -EINVAL;
	done = nm_dist(tx->hwcur, i, n);
	if (done) {
		/* Sender and receiver count the same batch, once: the tx
		 * side is the rx ring's only producer. */
		if (nm_stats_on()) {
			tx->packets += done;
			tx->bytes += run.bytes;
			rx->packets += done;
			rx->bytes += run.bytes;
		}
		tx->hwcur = i;
		/* Pairs with the acquire in the receiver's rxsync. */
		smp_store_release(&rx->hwtail, i);
		if (wq_has_sleeper(&rx->wq))
			wake_up_interruptible(&rx->wq);
	}
	/* Pairs with the release in nm_pipe_rx_release. */
	tx->hwtail = nm_prev(smp_load_acquire(&rx->hwcur), n);
	return err;
}

/* poll with nothing handed over: the slots the receiver gave back. */
static void nm_pipe_tx_tail(struct nm_kring *tx)
{
	tx->hwtail = nm_prev(smp_load_acquire(&tx->peer->hwcur), tx->nslots);
}

/* The receiver swapped slot i's buffer: it goes back into the tx slot,
 * flagged, and into both rings' bufs[]. */
static void nm_pipe_rx_changed(struct nm_kring *rx, u32 i, u32 idx)
{
	struct nm_kring *tx = rx->peer;
	struct netmap_slot *ts = &tx->ring->slot[i];

	rx->bufs[i] = tx->bufs[i] = idx;
	WRITE_ONCE(ts->buf_idx, idx);
	WRITE_ONCE(ts->flags, READ_ONCE(ts->flags) | NS_BUF_CHANGED);
}

/*
 * Released slots [i, end) of an rx ring, no wrap inside: a buffer the
 * receiver swapped in (found by comparing with bufs[], never trusted
 * from its flags) is checked and handed to the tx slot. Returns where it
 * stopped: end, or a bad slot. Per packet (objdump): 8 instructions when
 * no buffer changed: the load, the compare, the loop.
 */
static u32 nm_pipe_rx_run(struct nm_kring *rx, u32 i, u32 end)
{
	const struct netmap_slot *rs = rx->ring->slot;
	const u32 *bufs = rx->bufs;
	struct nm_mem *mem = rx->port->mem;

	for (; i < end; i++) {
		u32 idx = READ_ONCE(rs[i].buf_idx);

		if (likely(idx == bufs[i]))
			continue;
		if (!nm_mem_buf_valid(mem, idx))
			break;
		nm_pipe_rx_changed(rx, i, idx);
	}
	return i;
}

/* Take back [hwcur, rhead) of an rx ring: those tx slots are the
 * sender's again. */
static int nm_pipe_rx_release(struct nm_kring *rx)
{
	struct nm_kring *tx = rx->peer;
	const u32 head = rx->rhead;
	u32 i = rx->hwcur;
	int err = 0;

	if (i == head)
		return 0;
	if (head < i) { /* wraps */
		i = nm_pipe_rx_run(rx, i, rx->nslots);
		if (i != rx->nslots)
			goto stopped; /* at a bad slot */
		i = 0;
	}
	i = nm_pipe_rx_run(rx, i, head);
stopped:
	if (i != head) {
		/* Keep what was released before the bad slot. */
		rx->rhead = i;
		err = -EINVAL;
	}
	/* The tx slots and bufs[] written above are the sender's again
	 * once it sees this: pairs with the acquire in its txsync. */
	smp_store_release(&rx->hwcur, i);
	if (wq_has_sleeper(&tx->wq))
		wake_up_interruptible(&tx->wq);
	return err;
}

/* What arrived is published by the sender's txsync: nothing to pull. */
static int nm_pipe_rxsync(struct nm_kring *rx)
{
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
	.rx_release = nm_pipe_rx_release,
	.tx_tail = nm_pipe_tx_tail,
	.put = nm_pipe_put,
};

static u32 nm_pipe_nslots(const struct nm_mem *mem)
{
	return clamp_t(u32, pipe_slots, 2, nm_mem_max_slots(mem));
}

static void nm_pipe_end_init(struct nm_pipe_pair *pair, int e,
			     struct nm_mem *mem)
{
	struct nm_pipe_end *end = &pair->ends[e];
	struct nm_port *port = &end->port;
	int d;

	end->pair = pair;
	snprintf(port->name, sizeof(port->name), "%s%c%u", pair->parent,
		 e == NM_PIPE_MASTER ? '{' : '}', pair->index);
	port->ops = &nm_pipe_ops;
	port->mem = mem;
	for (d = NM_TX; d <= NM_RX; d++) {
		port->nrings[d] = 1;
		port->nslots[d] = nm_pipe_nslots(mem);
		port->krings[d] = &end->krings[d];
	}
}

/* Both tx rings with buffers of their own, then each rx ring over its
 * peer tx ring's buffers. */
static int nm_pipe_rings_create(struct nm_pipe_pair *pair)
{
	u32 nslots = pair->ends[0].port.nslots[NM_TX];
	int e, err;

	for (e = 0; e < 2; e++) {
		struct nm_pipe_end *end = &pair->ends[e];

		err = nm_kring_create(&end->krings[NM_TX], &end->port, NM_TX, 0,
				      nslots, NULL);
		if (err)
			return err;
	}
	for (e = 0; e < 2; e++) {
		struct nm_pipe_end *end = &pair->ends[e];
		struct nm_kring *peer_tx = &pair->ends[!e].krings[NM_TX];

		err = nm_kring_create(&end->krings[NM_RX], &end->port, NM_RX, 0,
				      nslots, peer_tx->bufs);
		if (err)
			return err;
		end->krings[NM_RX].peer = peer_tx;
		peer_tx->peer = &end->krings[NM_RX];
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
	for (e = 0; e < 2; e++)
		nm_pipe_end_init(pair, e, mem);
	err = nm_pipe_rings_create(pair);
	if (err) {
		nm_pipe_pair_free(pair);
		return ERR_PTR(err);
	}
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
