/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Frames from the stack's skbs into an rx ring: what the generic adapter
 * receives, and what the stack transmits on a port with host rings.
 */
#ifndef NM_SKB_H
#define NM_SKB_H

#include "kring.h"

struct sk_buff;

/*
 * Copy the frame, from its MAC header, into the next free slot of kring
 * (offloads resolved first: user space sees the bytes a wire would
 * carry), count it or the reason it was dropped, and consume skb. Any
 * context but hard interrupts; producers of one ring serialise on its
 * rx_lock.
 */
void nm_skb_to_ring(struct nm_kring *kring, struct sk_buff *skb);

#endif /* NM_SKB_H */
