// SPDX-License-Identifier: GPL-2.0
/*
 * Ring creation and the checks around every sync: user-space head and cur
 * are read once and validated before anything uses them; on a bad value
 * the ring is put back to the kernel's view and the sync fails.
 */
#include <linux/mm.h>
#include <linux/slab.h>

#include "kring.h"
#include "mem.h"
#include "port.h"

static void nm_kring_publish(struct nm_kring *kring)
{
	struct netmap_ring *ring = kring->ring;

	WRITE_ONCE(ring->head, kring->rhead);
	WRITE_ONCE(ring->cur, kring->rcur);
	WRITE_ONCE(ring->tail, kring->rtail);
}

static void nm_kring_retry_fire(struct timer_list *t)
{
	struct nm_kring *kring = from_timer(kring, t, retry);

	wake_up_interruptible(&kring->wq);
}

/* Wake poll() on this ring in a jiffy, to try a stalled transmit again:
 * completions are noticed this way, never by polling each packet. */
void nm_kring_retry_later(struct nm_kring *kring)
{
	if (!timer_pending(&kring->retry))
		mod_timer(&kring->retry, jiffies + 1);
}

int nm_kring_create(struct nm_kring *kring, struct nm_port *port,
		    enum nm_dir dir, u16 ringid, u32 nslots,
		    const u32 *shared_bufs)
{
	struct nm_mem *mem = port->mem;
	struct netmap_ring *ring;
	size_t ring_ofs;
	u32 i;
	int err;

	if (sizeof(*ring) + (size_t)nslots * sizeof(struct netmap_slot) >
	    mem->pools[NM_POOL_RING].objsize)
		return -EINVAL;
	kring->bufs = kvmalloc_array(nslots, sizeof(u32), GFP_KERNEL);
	if (!kring->bufs)
		return -ENOMEM;
	err = nm_mem_obj_alloc(mem, NM_POOL_RING, &kring->ring_obj);
	if (err)
		goto err_free_bufs;
	if (shared_bufs)
		memcpy(kring->bufs, shared_bufs, nslots * sizeof(u32));
	else
		err = nm_mem_bufs_alloc(mem, kring->bufs, nslots);
	if (err)
		goto err_free_ring;
	kring->owns_bufs = !shared_bufs;

	ring = nm_mem_obj_addr(mem, NM_POOL_RING, kring->ring_obj);
	ring_ofs = nm_mem_offset_of(mem, ring);
	ring->buf_ofs = (s64)mem->pools[NM_POOL_BUF].offset - (s64)ring_ofs;
	ring->num_slots = nslots;
	ring->nr_buf_size = nm_mem_buf_size(mem);
	ring->ringid = ringid;
	ring->dir = dir;
	for (i = 0; i < nslots; i++)
		ring->slot[i].buf_idx = kring->bufs[i];

	kring->ring = ring;
	kring->nslots = nslots;
	kring->dir = dir;
	kring->ringid = ringid;
	kring->port = port;
	kring->hwcur = 0;
	/* tx holds one slot back so that full and empty differ */
	kring->hwtail = dir == NM_TX ? nslots - 1 : 0;
	kring->rhead = kring->rcur = 0;
	kring->rtail = kring->hwtail;
	mutex_init(&kring->sync_lock);
	init_waitqueue_head(&kring->wq);
	spin_lock_init(&kring->rx_lock);
	timer_setup(&kring->retry, nm_kring_retry_fire, 0);
	nm_kring_publish(kring);
	return 0;

err_free_ring:
	nm_mem_obj_free(mem, NM_POOL_RING, kring->ring_obj);
err_free_bufs:
	kvfree(kring->bufs);
	kring->bufs = NULL;
	return err;
}

void nm_kring_destroy(struct nm_kring *kring)
{
	struct nm_mem *mem;

	if (!kring->bufs)
		return;
	mem = kring->port->mem;
	del_timer_sync(&kring->retry);
	if (kring->owns_bufs)
		nm_mem_bufs_free(mem, kring->bufs, kring->nslots);
	nm_mem_obj_free(mem, NM_POOL_RING, kring->ring_obj);
	kvfree(kring->bufs);
	kring->bufs = NULL;
	kring->ring = NULL;
}

/*
 * Read head and cur once; both must lie in [rhead, rtail] (cur at or
 * after head). On success they become the kernel's rhead and rcur.
 */
static int nm_kring_take_user_view(struct nm_kring *kring)
{
	u32 n = kring->nslots;
	u32 head = READ_ONCE(kring->ring->head);
	u32 cur = READ_ONCE(kring->ring->cur);
	u32 span = nm_dist(kring->rhead, kring->rtail, n);

	if (head >= n || cur >= n || nm_dist(kring->rhead, head, n) > span ||
	    nm_dist(head, cur, n) > nm_dist(head, kring->rtail, n))
		return -EINVAL;
	kring->rhead = head;
	kring->rcur = cur;
	return 0;
}

/* Put head, cur and tail back to the kernel's view after bad input. */
static void nm_kring_reinit(struct nm_kring *kring)
{
	kring->rcur = kring->rhead;
	nm_kring_publish(kring);
}

/*
 * The syncs proper, with sync_lock held and the user view taken. tx: the
 * port processes [hwcur, rhead); with nothing handed over (poll, mostly)
 * a port that can tell its tail more cheaply (a pipe) only does that.
 */
static int nm_kring_txsync_locked(struct nm_kring *kring, bool count)
{
	const struct nm_port_ops *ops = kring->port->ops;
	int err = 0;

	if (kring->rhead == kring->hwcur && ops->tx_tail)
		ops->tx_tail(kring);
	else
		err = ops->txsync(kring);
	kring->rtail = kring->hwtail;
	if (err) {
		/* The port stopped at a bad slot: give the rest back. */
		kring->rhead = kring->hwcur;
		nm_kring_reinit(kring);
		return err;
	}
	WRITE_ONCE(kring->ring->tail, kring->rtail);
	if (count && nm_stats_on())
		kring->syncs++;
	return 0;
}

/* rx: take back what user space released, then bring in what arrived. */
static int nm_kring_rxsync_locked(struct nm_kring *kring, bool count)
{
	const struct nm_port_ops *ops = kring->port->ops;
	int err;

	err = ops->rx_release ? ops->rx_release(kring)
			      : nm_kring_rx_release(kring);
	if (!err)
		err = ops->rxsync(kring);
	if (err) {
		nm_kring_reinit(kring);
		return err;
	}
	kring->rtail = smp_load_acquire(&kring->hwtail);
	WRITE_ONCE(kring->ring->tail, kring->rtail);
	if (count && nm_stats_on())
		kring->syncs++;
	return 0;
}

/* A sync of either direction; count: whether it is one for statistics
 * (poll's with nothing handed over are not). */
static int nm_kring_sync(struct nm_kring *kring, bool poll)
{
	bool count;
	int err;

	mutex_lock(&kring->sync_lock);
	err = nm_kring_take_user_view(kring);
	if (err) {
		nm_kring_reinit(kring);
		goto out;
	}
	count = !poll || kring->rhead != kring->hwcur;
	err = kring->dir == NM_TX ? nm_kring_txsync_locked(kring, count)
				  : nm_kring_rxsync_locked(kring, count);
out:
	mutex_unlock(&kring->sync_lock);
	return err;
}

int nm_kring_txsync(struct nm_kring *kring)
{
	return nm_kring_sync(kring, false);
}

int nm_kring_rxsync(struct nm_kring *kring)
{
	return nm_kring_sync(kring, false);
}

int nm_kring_poll_sync(struct nm_kring *kring)
{
	return nm_kring_sync(kring, true);
}

/*
 * Take back the slots user space released, [hwcur, rhead). A slot whose
 * buffer index changed (a zero-copy swap) gets the new index after it is
 * checked; every other slot keeps the kernel's own record.
 */
int nm_kring_rx_release(struct nm_kring *kring)
{
	struct nm_mem *mem = kring->port->mem;
	struct netmap_slot *slot = kring->ring->slot;
	u32 i, n = kring->nslots;

	for (i = kring->hwcur; i != kring->rhead; i = nm_next(i, n)) {
		u32 idx = READ_ONCE(slot[i].buf_idx);

		if (idx == kring->bufs[i])
			continue;
		if (!nm_mem_buf_valid(mem, idx)) {
			/* Keep what was released before the bad slot. */
			kring->rhead = i;
			smp_store_release(&kring->hwcur, i);
			return -EINVAL;
		}
		kring->bufs[i] = idx;
	}
	/* Pairs with the acquire in the producer. */
	smp_store_release(&kring->hwcur, kring->rhead);
	return 0;
}

/* poll: is there something for user space (room on tx, packets on rx)? */
bool nm_kring_user_ready(struct nm_kring *kring)
{
	return READ_ONCE(kring->ring->cur) != kring->rtail;
}
