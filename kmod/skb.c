// SPDX-License-Identifier: GPL-2.0
/*
 * skbs into rx rings. Producer side of the ring: rx_lock orders
 * concurrent producers (one per CPU receiving for this queue); the
 * consumer (rxsync) takes no lock and publishes the slots it frees with a
 * release store of hwcur.
 */
#include <linux/netdevice.h>
#include <linux/skbuff.h>

#include "mem.h"
#include "port.h"
#include "skb.h"

/* Copy one frame, starting at its MAC header, into the next free slot. */
static void nm_skb_put(struct nm_kring *kring, struct sk_buff *skb)
{
	struct nm_mem *mem = kring->port->mem;
	int mac_len = skb->data - skb_mac_header(skb);
	u32 len = skb->len + mac_len, n = kring->nslots, j;

	spin_lock_bh(&kring->rx_lock);
	j = kring->hwtail;
	if (len > nm_mem_buf_size(mem)) {
		kring->drops_oversize++;
	} else if (nm_next(j, n) == smp_load_acquire(&kring->hwcur)) {
		kring->drops_full++;
	} else if (skb_copy_bits(skb, -mac_len,
				 nm_mem_buf_addr(mem, kring->bufs[j]), len)) {
		kring->drops_nobuf++;
	} else {
		struct netmap_slot *slot = &kring->ring->slot[j];

		slot->buf_idx = kring->bufs[j];
		slot->len = len;
		slot->flags = 0;
		/* Frames come one by one here; the ring's own lock is held
		 * anyway, so counting costs two adds, no shared atomic. */
		if (nm_stats_on()) {
			kring->packets++;
			kring->bytes += len;
		}
		smp_store_release(&kring->hwtail, nm_next(j, n));
	}
	spin_unlock_bh(&kring->rx_lock);
}

/*
 * A GSO frame is cut into wire-sized ones and a partial checksum is
 * completed before the frame enters a ring. Consumes skb.
 */
static void nm_skb_offloaded(struct nm_kring *kring, struct sk_buff *skb)
{
	struct sk_buff *segs, *next;
	int mac_len;

	/* Both rewrite the frame: it must be ours alone first. */
	skb = skb_share_check(skb, GFP_ATOMIC);
	if (!skb) {
		kring->drops_nobuf++;
		return;
	}
	if (!skb_is_gso(skb)) {
		if (skb_checksum_help(skb))
			kring->drops_nobuf++;
		else
			nm_skb_put(kring, skb);
		consume_skb(skb);
		return;
	}
	mac_len = skb->data - skb_mac_header(skb);
	__skb_push(skb, mac_len);
	segs = skb_gso_segment(skb, 0);
	if (IS_ERR_OR_NULL(segs)) {
		kring->drops_nobuf++;
		kfree_skb(skb);
		return;
	}
	consume_skb(skb);
	skb_list_walk_safe(segs, skb, next)
	{
		skb_mark_not_on_list(skb);
		skb_reset_mac_header(skb);
		if (skb->ip_summed == CHECKSUM_PARTIAL &&
		    skb_checksum_help(skb))
			kring->drops_nobuf++;
		else
			nm_skb_put(kring, skb);
		consume_skb(skb);
	}
}

/* A plain frame is only read, so a shared skb is copied as it is: no
 * clone, no allocation on this path. */
void nm_skb_to_ring(struct nm_kring *kring, struct sk_buff *skb)
{
	if (skb_is_gso(skb) || skb->ip_summed == CHECKSUM_PARTIAL) {
		nm_skb_offloaded(kring, skb);
		return;
	}
	nm_skb_put(kring, skb);
	consume_skb(skb);
}
