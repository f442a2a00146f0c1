/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel's side of a ring. The shared struct netmap_ring is user
 * writable; everything here is not, and the kernel decides only from this.
 *
 * Ownership, modulo nslots:
 *   [rhead, rtail)   user space (what it was last shown)
 *   [hwcur, rhead)   handed over by user space, not yet processed (tx:
 *                    waiting for room in the destination)
 *   [hwtail, hwcur)  rx: free slots the kernel may fill; tx: slots whose
 *                    transmission completed (tx keeps hwtail = hwcur - 1)
 * The kernel reads head and cur once per sync, checks them against rhead
 * and rtail, and never reads a slot it owns back from shared memory: the
 * buffer of each slot is remembered in bufs[].
 */
#ifndef NM_KRING_H
#define NM_KRING_H

#include <asm/byteorder.h>
#include <linux/jump_label.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include <linux/types.h>
#include <linux/wait.h>

#include <net/netmap.h>

struct nm_dma_map;
struct nm_port;

enum nm_dir { NM_TX = 0, NM_RX = 1 };

struct nm_kring {
	struct netmap_ring *ring; /* shared, user-writable */
	u32 ring_obj;		  /* index in the ring pool */
	u32 nslots;
	enum nm_dir dir;
	u16 ringid;
	bool host; /* a host (stack) ring */

	u32 hwcur, hwtail;	/* the kernel's view, see above */
	u32 rhead, rcur, rtail; /* last validated user view */
	u32 *bufs;		/* buffer index per slot */
	bool owns_bufs;		/* false: they are the peer's (pipe rx) */
	/* Native NIC rings while in netmap mode: the region's buffers as
	 * the NIC sees them. Set and cleared with no sync running. */
	const struct nm_dma_map *dma;

	struct nm_port *port;
	struct nm_kring *peer;	/* pipes: the other end's ring */
	struct mutex sync_lock; /* one sync of this ring at a time */
	wait_queue_head_t wq;	/* poll() sleepers */
	unsigned int users;	/* fds bound to this ring */
	bool exclusive;

	/* Producers that are not a sync (an interface's receive path, the
	 * stack's transmit path) fill an rx ring under this per-ring lock. */
	spinlock_t rx_lock;
	/* A stalled transmit (driver queue full) retries from here. */
	struct timer_list retry;

	/*
	 * Statistics, added up in locals and stored once per sync by the
	 * ring's one writer: its sync (under sync_lock), the producer of an
	 * rx ring (under rx_lock, or a pipe's peer txsync). Never a shared
	 * atomic per packet. Read locklessly by the netlink dump.
	 */
	u64 packets, bytes, syncs;
	u64 drops_full, drops_oversize, drops_nobuf;
};

/* Counting can be switched off (module parameter "stats") to measure
 * what it costs; on by default. */
DECLARE_STATIC_KEY_TRUE(nm_stats_key);

static inline bool nm_stats_on(void)
{
	return static_branch_likely(&nm_stats_key);
}

/* shared_bufs: the ring's slots show these buffers, owned by another
 * ring (a pipe's rx ring shows its peer tx ring's); NULL: its own. */
int nm_kring_create(struct nm_kring *kring, struct nm_port *port,
		    enum nm_dir dir, u16 ringid, u32 nslots,
		    const u32 *shared_bufs);
void nm_kring_destroy(struct nm_kring *kring);

int nm_kring_txsync(struct nm_kring *kring);
int nm_kring_rxsync(struct nm_kring *kring);
/* poll's sync: as a sync, but one that finds nothing handed over (head
 * at hwcur) only brings tail up to date, and is not counted. */
int nm_kring_poll_sync(struct nm_kring *kring);
bool nm_kring_user_ready(struct nm_kring *kring);
/* The default release of an rx ring (see nm_port_ops.rx_release), for a
 * port whose own release handles some rings only. sync_lock held. */
int nm_kring_rx_release(struct nm_kring *kring);
void nm_kring_retry_later(struct nm_kring *kring);

/*
 * The first eight bytes of a slot (buf_idx, len, flags) are read and
 * written as one word on the per-packet paths (pipes, native drivers);
 * these say where each field sits in it.
 */
#ifdef __LITTLE_ENDIAN
#define NM_W_IDX(w) ((u32)(w))
#define NM_W_LEN(w) ((u16)((w) >> 32))
#define NM_W_FLAGS(f) ((u64)(f) << 48)
#define NM_W_MAKE(idx, len) ((u64)(idx) | (u64)(len) << 32)
#else
#define NM_W_IDX(w) ((u32)((w) >> 32))
#define NM_W_LEN(w) ((u16)((w) >> 16))
#define NM_W_FLAGS(f) ((u64)(f))
#define NM_W_MAKE(idx, len) ((u64)(idx) << 32 | (u64)(len) << 16)
#endif
#define NM_W(slot) (*(u64 *)(slot))

/* Wake poll() sleepers on the ring, if any: no cost when none waits. */
static inline void nm_kring_wake(struct nm_kring *kring)
{
	if (wq_has_sleeper(&kring->wq))
		wake_up_interruptible(&kring->wq);
}

static inline u32 nm_next(u32 i, u32 n)
{
	return i + 1 == n ? 0 : i + 1;
}

static inline u32 nm_prev(u32 i, u32 n)
{
	return i == 0 ? n - 1 : i - 1;
}

/* Distance from a forward to b, modulo n. */
static inline u32 nm_dist(u32 a, u32 b, u32 n)
{
	return b >= a ? b - a : b + n - a;
}

#endif /* NM_KRING_H */
