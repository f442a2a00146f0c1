// SPDX-License-Identifier: GPL-2.0
/*
 * Binding a file descriptor to a port: decide what the opener may do,
 * choose the fd's rings from the request, give it a netmap_if listing
 * them, and undo all of it at close.
 *
 * Who may do what: every port lives in a memory region of the opener's
 * network namespace. Whoever holds CAP_NET_ADMIN over that namespace (in
 * the user namespace owning it) administers it: it may bind interfaces
 * and their host stacks, and its ports share the namespace's
 * administrators' region. Anyone else who can open /dev/netmap may use
 * pipes only, in a region of its own: its pipes and frames are seen by
 * nobody else. Capabilities are those of the opener (the file's
 * credentials), as for sockets.
 */
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/fs.h>
#include <linux/minmax.h>
#include <linux/nsproxy.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <net/net_namespace.h>

#include "generic.h"
#include "mem.h"
#include "native.h"
#include "pipe.h"
#include "port.h"
#include "user.h"

DEFINE_MUTEX(nm_lock);
LIST_HEAD(nm_ports);

static const struct nm_port_kind *const nm_port_kinds[] = {
	&nm_pipe_kind,
	&nm_native_kind, /* before generic: preferred where it applies */
	&nm_generic_kind,
};

int nm_priv_init(struct nm_priv *priv, struct file *file)
{
	priv->file = file;
	priv->net = get_net(current->nsproxy->net_ns);
	return 0;
}

static bool nm_priv_admin(const struct nm_priv *priv)
{
	return file_ns_capable(priv->file, priv->net->user_ns, CAP_NET_ADMIN);
}

/* Exempt from the per-user limits, as from rlimits. */
static bool nm_priv_exempt(const struct nm_priv *priv)
{
	return file_ns_capable(priv->file, &init_user_ns, CAP_SYS_RESOURCE);
}

/*
 * The user behind this fd and the region its requests work in, both
 * with a reference: the namespace administrators' region, or the
 * opener's own. nm_lock held.
 */
static struct nm_mem *nm_priv_region(struct nm_priv *priv, bool admin,
				     struct nm_user **user)
{
	kuid_t euid = priv->file->f_cred->euid;
	struct nm_mem *mem;

	*user = nm_user_get(euid);
	if (!*user)
		return ERR_PTR(-ENOMEM);
	mem = nm_mem_get(priv->net, admin ? INVALID_UID : euid, *user,
			 nm_priv_exempt(priv));
	if (IS_ERR(mem))
		nm_user_put(*user);
	return mem;
}

static void nm_priv_region_put(struct nm_mem *mem, struct nm_user *user)
{
	nm_mem_put(mem);
	nm_user_put(user);
}

static int nm_port_lookup(const struct nm_lookup *req, struct nm_port **port)
{
	size_t i;
	int err;

	for (i = 0; i < ARRAY_SIZE(nm_port_kinds); i++) {
		err = nm_port_kinds[i]->lookup(req, port);
		if (err == -ENOENT)
			continue;
		if (!err)
			(*port)->kind = nm_port_kinds[i]->name;
		return err;
	}
	return -ENOENT;
}

/* Which rings of each direction the request binds: [first, last). */
static int nm_bind_range(const struct nm_port *port,
			 const struct nmreq_register *req, u16 first[2],
			 u16 last[2])
{
	int d;

	for (d = NM_TX; d <= NM_RX; d++) {
		u16 nic = port->nrings[d], host = port->nhost[d];
		u16 id = req->nr_ringid;

		switch (req->nr_mode) {
		case NR_REG_ALL_NIC:
			first[d] = 0;
			last[d] = nic;
			break;
		case NR_REG_SW:
		case NR_REG_NIC_SW:
			if (!host)
				return -EINVAL;
			first[d] = req->nr_mode == NR_REG_SW ? nic : 0;
			last[d] = nic + host;
			break;
		case NR_REG_ONE_NIC:
			if (id >= nic)
				return -EINVAL;
			first[d] = id;
			last[d] = id + 1;
			break;
		case NR_REG_ONE_SW:
			if (id >= host)
				return -EINVAL;
			first[d] = nic + id;
			last[d] = nic + id + 1;
			break;
		case NR_REG_NULL:
			first[d] = last[d] = 0;
			break;
		default: /* DEFAULT, PIPE_MASTER/SLAVE: not in NIOCCTRL */
			return -EINVAL;
		}
	}
	if ((req->nr_flags & NR_TX_RINGS_ONLY) &&
	    (req->nr_flags & NR_RX_RINGS_ONLY))
		return -EINVAL;
	if (req->nr_flags & NR_TX_RINGS_ONLY)
		first[NM_RX] = last[NM_RX] = 0;
	if (req->nr_flags & NR_RX_RINGS_ONLY)
		first[NM_TX] = last[NM_TX] = 0;
	return 0;
}

static bool nm_bind_has_rings(const u16 first[2], const u16 last[2])
{
	return first[NM_TX] < last[NM_TX] || first[NM_RX] < last[NM_RX];
}

static int nm_bind_check_exclusive(struct nm_port *port, const u16 first[2],
				   const u16 last[2], bool exclusive)
{
	int d, i;

	for (d = NM_TX; d <= NM_RX; d++)
		for (i = first[d]; i < last[d]; i++) {
			struct nm_kring *k = &port->krings[d][i];

			if (k->exclusive || (exclusive && k->users))
				return -EBUSY;
		}
	return 0;
}

static void nm_bind_rings(struct nm_priv *priv, struct nm_port *port,
			  bool exclusive, int delta)
{
	int d, i;

	for (d = NM_TX; d <= NM_RX; d++)
		for (i = priv->first[d]; i < priv->last[d]; i++) {
			struct nm_kring *k = &port->krings[d][i];

			k->users += delta;
			k->exclusive = delta > 0 && exclusive;
		}
}

/* Slots in ring_ofs[]: NIC tx, host tx, NIC rx, host rx; a port without
 * host rings still shows one (empty) host entry per direction. */
static u32 nm_if_host_rings(const struct nm_port *port, enum nm_dir d)
{
	return max_t(u32, port->nhost[d], 1);
}

static u32 nm_if_rings(const struct nm_port *port, enum nm_dir d)
{
	return port->nrings[d] + nm_if_host_rings(port, d);
}

/* The fd's netmap_if, listing the rings it binds. */
static int nm_if_create(struct nm_priv *priv, struct nm_port *port)
{
	struct nm_mem *mem = port->mem;
	u32 ntx = nm_if_rings(port, NM_TX), nrx = nm_if_rings(port, NM_RX);
	struct netmap_if *nifp;
	int d, i, err;

	if (ntx + nrx > nm_mem_max_if_rings(mem))
		return -EINVAL;
	err = nm_mem_obj_alloc(mem, NM_POOL_IF, &priv->if_obj);
	if (err)
		return err;
	nifp = nm_mem_obj_addr(mem, NM_POOL_IF, priv->if_obj);
	strscpy(nifp->ni_name, port->name, sizeof(nifp->ni_name));
	nifp->ni_version = NETMAP_API;
	nifp->ni_tx_rings = port->nrings[NM_TX];
	nifp->ni_rx_rings = port->nrings[NM_RX];
	nifp->ni_host_tx_rings = nm_if_host_rings(port, NM_TX);
	nifp->ni_host_rx_rings = nm_if_host_rings(port, NM_RX);
	for (d = NM_TX; d <= NM_RX; d++) {
		u32 base = d == NM_TX ? 0 : ntx;

		for (i = priv->first[d]; i < priv->last[d]; i++)
			nifp->ring_ofs[base + i] =
				(char *)port->krings[d][i].ring - (char *)nifp;
	}
	priv->nifp = nifp;
	return 0;
}

/* Extra buffers are linked through their first 4 bytes; 0 ends the list.
 * Fewer than asked (possibly none) when the pool or a limit is short. */
static u32 nm_extra_bufs_alloc(struct nm_mem *mem, struct netmap_if *nifp,
			       u32 want)
{
	u32 *idx, i;

	if (!want)
		return 0;
	idx = kvmalloc_array(want, sizeof(*idx), GFP_KERNEL);
	if (!idx)
		return 0;
	if (nm_mem_bufs_alloc(mem, idx, want)) {
		kvfree(idx);
		return 0;
	}
	for (i = 0; i < want; i++)
		*(u32 *)nm_mem_buf_addr(mem, idx[i]) =
			i + 1 < want ? idx[i + 1] : 0;
	nifp->ni_bufs_head = idx[0];
	kvfree(idx);
	return want;
}

/* The list is in shared memory: follow it at most as far as it was long,
 * take only indices of this region, and free them in one go. */
static void nm_extra_bufs_free(struct nm_priv *priv)
{
	struct nm_mem *mem = priv->port->mem;
	u32 idx = READ_ONCE(priv->nifp->ni_bufs_head);
	u32 *list, n;

	if (!priv->extra_bufs)
		return;
	list = kvmalloc_array(priv->extra_bufs, sizeof(*list), GFP_KERNEL);
	for (n = 0; n < priv->extra_bufs && nm_mem_buf_valid(mem, idx); n++) {
		u32 next = READ_ONCE(*(u32 *)nm_mem_buf_addr(mem, idx));

		if (list)
			list[n] = idx;
		else /* no memory for the batch: one at a time */
			nm_mem_bufs_free(mem, &idx, 1);
		idx = next;
	}
	if (list) {
		nm_mem_bufs_free(mem, list, n);
		kvfree(list);
	}
}

static void nm_priv_fill_reply(const struct nm_priv *priv,
			       const struct nm_port *port,
			       struct nmreq_register *req)
{
	req->nr_offset = nm_mem_offset_of(port->mem, priv->nifp);
	req->nr_memsize = port->mem->size;
	req->nr_tx_slots = port->nslots[NM_TX];
	req->nr_rx_slots = port->nslots[NM_RX];
	req->nr_tx_rings = port->nrings[NM_TX];
	req->nr_rx_rings = port->nrings[NM_RX];
	req->nr_host_tx_rings = port->nhost[NM_TX];
	req->nr_host_rx_rings = port->nhost[NM_RX];
	req->nr_mem_id = port->mem->id;
	req->nr_extra_bufs = priv->extra_bufs;
}

/*
 * Bind the fd's chosen rings; the first fd binding a ring puts the port
 * in netmap mode. Nothing is published here: priv->port is still NULL.
 */
static int nm_priv_bind(struct nm_priv *priv, struct nm_port *port,
			const struct nmreq_register *req)
{
	bool exclusive = req->nr_flags & NR_EXCLUSIVE;
	int err;

	err = nm_bind_range(port, req, priv->first, priv->last);
	if (!err)
		err = nm_bind_check_exclusive(port, priv->first, priv->last,
					      exclusive);
	if (!err)
		err = nm_if_create(priv, port);
	if (err)
		return err;
	if (nm_bind_has_rings(priv->first, priv->last) && !port->ring_users &&
	    port->ops->activate) {
		err = port->ops->activate(port);
		if (err) {
			nm_mem_obj_free(port->mem, NM_POOL_IF, priv->if_obj);
			priv->nifp = NULL;
			return err;
		}
	}
	if (!port->users++) {
		INIT_LIST_HEAD(&port->binds);
		list_add_tail(&port->node, &nm_ports);
	}
	if (nm_bind_has_rings(priv->first, priv->last))
		port->ring_users++;
	list_add_tail(&priv->node, &port->binds);
	nm_bind_rings(priv, port, exclusive, 1);
	return 0;
}

static void nm_priv_unbind(struct nm_priv *priv, struct nm_port *port)
{
	nm_bind_rings(priv, port, false, -1);
	list_del(&priv->node);
	if (nm_bind_has_rings(priv->first, priv->last) && !--port->ring_users &&
	    port->ops->deactivate)
		port->ops->deactivate(port);
	if (!--port->users)
		list_del(&port->node);
	nm_mem_obj_free(port->mem, NM_POOL_IF, priv->if_obj);
}

int nm_priv_register(struct nm_priv *priv, const char *name,
		     struct nmreq_register *req)
{
	bool admin = nm_priv_admin(priv), exempt = nm_priv_exempt(priv);
	struct nm_lookup lookup = {.name = name, .admin = admin};
	struct nm_port *port;
	struct nm_user *user;
	struct nm_mem *mem;
	u32 extra;
	int err;

	mutex_lock(&nm_lock);
	if (priv->port) {
		err = -EBUSY;
		goto out_unlock;
	}
	mem = nm_priv_region(priv, admin, &user);
	if (IS_ERR(mem)) {
		err = PTR_ERR(mem);
		goto out_unlock;
	}
	err = nm_user_charge_fd(user, exempt);
	if (err)
		goto err_region_put;
	if (req->nr_mem_id && req->nr_mem_id != mem->id) {
		err = -EINVAL;
		goto err_uncharge_fd;
	}
	/* A first registration allocates and zeroes the region's area: not
	 * under nm_lock. The references keep the region and the user. */
	mutex_unlock(&nm_lock);
	err = nm_mem_map(mem);
	mutex_lock(&nm_lock);
	if (!err && priv->port)
		err = -EBUSY; /* another thread registered this fd meanwhile */
	if (err)
		goto err_uncharge_fd;
	lookup.mem = mem;
	err = nm_port_lookup(&lookup, &port);
	if (err)
		goto err_uncharge_fd;
	err = nm_priv_bind(priv, port, req);
	if (err)
		goto err_port_put;

	extra = nm_user_extra_bufs_allowed(user, req->nr_extra_bufs, exempt);
	priv->extra_bufs = nm_extra_bufs_alloc(mem, priv->nifp, extra);
	nm_user_charge_extra_bufs(user, priv->extra_bufs);
	priv->user = user;
	priv->flags = req->nr_flags;
	priv->mode = req->nr_mode;
	priv->ringid = req->nr_ringid;
	priv->pid = get_pid(task_tgid(current));
	nm_priv_fill_reply(priv, port, req);
	/* Syncs, poll and mmap on this fd read port locklessly: publish it
	 * last, when everything it needs exists. */
	smp_store_release(&priv->port, port);
	mutex_unlock(&nm_lock);
	return 0;

err_port_put:
	port->ops->put(port);
err_uncharge_fd:
	nm_user_uncharge_fd(user);
err_region_put:
	nm_priv_region_put(mem, user);
out_unlock:
	mutex_unlock(&nm_lock);
	return err;
}

/* The file is gone: no sync, poll or mmap of it can run any more. */
void nm_priv_release(struct nm_priv *priv)
{
	struct nm_port *port = priv->port;
	struct nm_mem *mem;

	if (port) {
		mutex_lock(&nm_lock);
		mem = port->mem;
		nm_extra_bufs_free(priv);
		nm_user_uncharge_extra_bufs(priv->user, priv->extra_bufs);
		nm_priv_unbind(priv, port);
		port->ops->put(port);
		nm_user_uncharge_fd(priv->user);
		nm_priv_region_put(mem, priv->user);
		mutex_unlock(&nm_lock);
		put_pid(priv->pid);
	}
	put_net(priv->net);
}

static int nm_port_info_lookup(const struct nm_lookup *req,
			       struct nmreq_port_info_get *info)
{
	size_t i;
	int err;

	for (i = 0; i < ARRAY_SIZE(nm_port_kinds); i++) {
		err = nm_port_kinds[i]->info(req, info);
		if (err != -ENOENT)
			return err;
	}
	return -ENOENT;
}

int nm_priv_port_info(struct nm_priv *priv, const char *name,
		      struct nmreq_port_info_get *info)
{
	struct nm_lookup lookup = {.name = name, .admin = nm_priv_admin(priv)};
	struct nm_user *user;
	struct nm_mem *mem;
	int err;

	mutex_lock(&nm_lock);
	mem = nm_priv_region(priv, lookup.admin, &user);
	err = PTR_ERR_OR_ZERO(mem);
	if (err)
		goto out_unlock;
	lookup.mem = mem;
	if (info->nr_mem_id && info->nr_mem_id != mem->id)
		err = -EINVAL;
	else
		err = nm_port_info_lookup(&lookup, info);
	if (!err) {
		info->nr_memsize = mem->size;
		info->nr_mem_id = mem->id;
	}
	nm_priv_region_put(mem, user);
out_unlock:
	mutex_unlock(&nm_lock);
	return err;
}

static void nm_pools_info_fill(const struct nm_mem *mem,
			       struct nmreq_pools_info *pi)
{
	const struct nm_pool *p = mem->pools;

	pi->nr_memsize = mem->size;
	pi->nr_mem_id = mem->id;
	pi->nr_if_pool_offset = p[NM_POOL_IF].offset;
	pi->nr_if_pool_objtotal = p[NM_POOL_IF].objtotal;
	pi->nr_if_pool_objsize = p[NM_POOL_IF].objsize;
	pi->nr_ring_pool_offset = p[NM_POOL_RING].offset;
	pi->nr_ring_pool_objtotal = p[NM_POOL_RING].objtotal;
	pi->nr_ring_pool_objsize = p[NM_POOL_RING].objsize;
	pi->nr_buf_pool_offset = p[NM_POOL_BUF].offset;
	pi->nr_buf_pool_objtotal = p[NM_POOL_BUF].objtotal;
	pi->nr_buf_pool_objsize = p[NM_POOL_BUF].objsize;
}

int nm_priv_pools_info(struct nm_priv *priv, struct nmreq_pools_info *pi)
{
	struct nm_user *user;
	struct nm_mem *mem;
	int err;

	mutex_lock(&nm_lock);
	mem = nm_priv_region(priv, nm_priv_admin(priv), &user);
	err = PTR_ERR_OR_ZERO(mem);
	if (err)
		goto out_unlock;
	if (pi->nr_mem_id && pi->nr_mem_id != mem->id)
		err = -EINVAL;
	else
		nm_pools_info_fill(mem, pi);
	nm_priv_region_put(mem, user);
out_unlock:
	mutex_unlock(&nm_lock);
	return err;
}
