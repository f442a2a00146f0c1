/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What each user holds, against per-user limits (module parameters), so
 * that one user cannot take every descriptor slot, buffer or region of
 * the machine. A user is the kuid that opened /dev/netmap; callers with
 * CAP_SYS_RESOURCE in the initial user namespace are exempt, as they are
 * from rlimits.
 */
#ifndef NM_USER_H
#define NM_USER_H

#include <linux/list.h>
#include <linux/types.h>
#include <linux/uidgid.h>

struct nm_user {
	struct list_head node; /* in the user list, under nm_lock */
	kuid_t uid;
	unsigned int refs; /* registrations and regions charged to it */
	u32 fds;	   /* registered descriptors */
	u32 extra_bufs;	   /* extra buffers held */
	u32 regions;	   /* regions it created, alive */
};

/* All under nm_lock. NULL when out of memory. */
struct nm_user *nm_user_get(kuid_t uid);
void nm_user_put(struct nm_user *user);

/* -EMFILE over the per-user limit of registered descriptors. */
int nm_user_charge_fd(struct nm_user *user, bool exempt);
void nm_user_uncharge_fd(struct nm_user *user);

/* How many of `want` extra buffers one registration may have: the
 * per-descriptor and the per-user limits. */
u32 nm_user_extra_bufs_allowed(const struct nm_user *user, u32 want,
			       bool exempt);
void nm_user_charge_extra_bufs(struct nm_user *user, u32 n);
void nm_user_uncharge_extra_bufs(struct nm_user *user, u32 n);

/* -ENOSPC over the per-user limit of memory regions. */
int nm_user_charge_region(struct nm_user *user, bool exempt);
void nm_user_uncharge_region(struct nm_user *user);

#endif /* NM_USER_H */
