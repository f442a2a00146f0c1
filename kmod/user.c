// SPDX-License-Identifier: GPL-2.0
/*
 * Per-user limits. The table is short (one entry per user holding
 * something) and only touched at register and close, under nm_lock.
 */
#include <linux/minmax.h>
#include <linux/moduleparam.h>
#include <linux/slab.h>

#include "port.h"
#include "user.h"

static unsigned int user_fds = 256;
module_param(user_fds, uint, 0644);
MODULE_PARM_DESC(user_fds, "registered descriptors per user (256)");
static unsigned int user_extra_bufs = 65536;
module_param(user_extra_bufs, uint, 0644);
MODULE_PARM_DESC(user_extra_bufs, "extra buffers held per user (65536)");
static unsigned int user_regions = 2;
module_param(user_regions, uint, 0644);
MODULE_PARM_DESC(user_regions,
		 "memory regions (network namespaces) a user may create (2)");
static unsigned int fd_extra_bufs = 32768;
module_param(fd_extra_bufs, uint, 0644);
MODULE_PARM_DESC(fd_extra_bufs, "extra buffers per registration (32768)");

static LIST_HEAD(nm_users);

struct nm_user *nm_user_get(kuid_t uid)
{
	struct nm_user *user;

	lockdep_assert_held(&nm_lock);
	list_for_each_entry (user, &nm_users, node)
		if (uid_eq(user->uid, uid))
			goto found;
	user = kzalloc(sizeof(*user), GFP_KERNEL);
	if (!user)
		return NULL;
	user->uid = uid;
	list_add(&user->node, &nm_users);
found:
	user->refs++;
	return user;
}

void nm_user_put(struct nm_user *user)
{
	lockdep_assert_held(&nm_lock);
	if (--user->refs)
		return;
	list_del(&user->node);
	kfree(user);
}

int nm_user_charge_fd(struct nm_user *user, bool exempt)
{
	if (!exempt && user->fds >= READ_ONCE(user_fds))
		return -EMFILE;
	user->fds++;
	return 0;
}

void nm_user_uncharge_fd(struct nm_user *user)
{
	user->fds--;
}

u32 nm_user_extra_bufs_allowed(const struct nm_user *user, u32 want,
			       bool exempt)
{
	u32 limit = READ_ONCE(user_extra_bufs);

	want = min(want, READ_ONCE(fd_extra_bufs));
	if (exempt)
		return want;
	return user->extra_bufs >= limit ? 0
					 : min(want, limit - user->extra_bufs);
}

void nm_user_charge_extra_bufs(struct nm_user *user, u32 n)
{
	user->extra_bufs += n;
}

void nm_user_uncharge_extra_bufs(struct nm_user *user, u32 n)
{
	user->extra_bufs -= n;
}

int nm_user_charge_region(struct nm_user *user, bool exempt)
{
	if (!exempt && user->regions >= READ_ONCE(user_regions))
		return -ENOSPC;
	user->regions++;
	return 0;
}

void nm_user_uncharge_region(struct nm_user *user)
{
	user->regions--;
}
