// SPDX-License-Identifier: GPL-2.0
/*
 * Binding a file descriptor to a port: choose its rings from the request,
 * give it a netmap_if listing them, and undo all of it at close.
 */
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "mem.h"
#include "generic.h"
#include "pipe.h"
#include "port.h"

DEFINE_MUTEX(nm_lock);
LIST_HEAD(nm_ports);

/* Most extra buffers one registration may take. */
#define NM_EXTRA_BUFS_MAX 65536

/* The adapter that answers names the port's kind, for statistics. */
static int nm_port_lookup(const char *name, struct nm_port **port)
{
	int err = nm_pipe_lookup(name, port);

	if (err != -ENOENT) {
		if (!err)
			(*port)->kind = "pipe";
		return err;
	}
	err = nm_generic_lookup(name, port);
	if (!err)
		(*port)->kind = "generic";
	return err;
}

/* Statistics see a port from its first bound fd to its last. */
static void nm_port_bind_priv(struct nm_port *port, struct nm_priv *priv)
{
	if (!port->users++) {
		INIT_LIST_HEAD(&port->binds);
		list_add_tail(&port->node, &nm_ports);
	}
	list_add_tail(&priv->node, &port->binds);
}

static void nm_port_unbind_priv(struct nm_port *port, struct nm_priv *priv)
{
	list_del(&priv->node);
	if (!--port->users)
		list_del(&port->node);
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

static void nm_bind_rings(struct nm_priv *priv, bool exclusive, int delta)
{
	struct nm_port *port = priv->port;
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

static int nm_if_create(struct nm_priv *priv)
{
	struct nm_port *port = priv->port;
	struct nm_mem *mem = port->mem;
	u32 ntx = port->nrings[NM_TX] + nm_if_host_rings(port, NM_TX);
	u32 nrx = port->nrings[NM_RX] + nm_if_host_rings(port, NM_RX);
	struct netmap_if *nifp;
	int d, i, err;

	if (sizeof(*nifp) + (ntx + nrx) * sizeof(nifp->ring_ofs[0]) >
	    mem->pools[NM_POOL_IF].objsize)
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

/* Extra buffers are linked through their first 4 bytes; 0 ends the list. */
static u32 nm_extra_bufs_alloc(struct nm_priv *priv, u32 want)
{
	struct nm_mem *mem = priv->port->mem;
	u32 *idx, i;

	want = min_t(u32, want, NM_EXTRA_BUFS_MAX);
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
	priv->nifp->ni_bufs_head = idx[0];
	kvfree(idx);
	return want;
}

/* The list is in shared memory: follow it at most as far as it was long
 * and free only valid indices. */
static void nm_extra_bufs_free(struct nm_priv *priv)
{
	struct nm_mem *mem = priv->port->mem;
	u32 idx = READ_ONCE(priv->nifp->ni_bufs_head);
	u32 i;

	for (i = 0; i < priv->extra_bufs && nm_mem_buf_valid(mem, idx); i++) {
		u32 next = READ_ONCE(*(u32 *)nm_mem_buf_addr(mem, idx));

		nm_mem_bufs_free(mem, &idx, 1);
		idx = next;
	}
}

static void nm_priv_fill_reply(const struct nm_priv *priv,
			       struct nmreq_register *req)
{
	const struct nm_port *port = priv->port;

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

int nm_priv_register(struct nm_priv *priv, const char *name,
		     struct nmreq_register *req)
{
	struct nm_mem *mem = &nm_mem_global;
	bool exclusive = req->nr_flags & NR_EXCLUSIVE;
	struct nm_port *port;
	int err;

	if (req->nr_mem_id && req->nr_mem_id != mem->id)
		return -EINVAL;
	mutex_lock(&nm_lock);
	if (priv->port) {
		err = -EBUSY;
		goto out_unlock;
	}
	err = nm_mem_get(mem);
	if (err)
		goto out_unlock;
	err = nm_port_lookup(name, &port);
	if (err)
		goto err_mem_put;
	err = nm_bind_range(port, req, priv->first, priv->last);
	if (!err)
		err = nm_bind_check_exclusive(port, priv->first, priv->last,
					      exclusive);
	if (err)
		goto err_port_put;
	if (!port->users && port->ops->activate) {
		err = port->ops->activate(port);
		if (err)
			goto err_port_put;
	}
	priv->port = port;
	err = nm_if_create(priv);
	if (err)
		goto err_deactivate;
	priv->extra_bufs = nm_extra_bufs_alloc(priv, req->nr_extra_bufs);
	priv->flags = req->nr_flags;
	priv->mode = req->nr_mode;
	priv->ringid = req->nr_ringid;
	priv->pid = task_tgid_nr(current);
	nm_port_bind_priv(port, priv);
	nm_bind_rings(priv, exclusive, 1);
	nm_priv_fill_reply(priv, req);
	priv->port = NULL;
	/* Syncs on this fd read port locklessly: publish it last. */
	smp_store_release(&priv->port, port);
	mutex_unlock(&nm_lock);
	return 0;

err_deactivate:
	priv->port = NULL;
	if (!port->users && port->ops->deactivate)
		port->ops->deactivate(port);
err_port_put:
	port->ops->put(port);
err_mem_put:
	nm_mem_put(mem);
out_unlock:
	mutex_unlock(&nm_lock);
	return err;
}

void nm_priv_unregister(struct nm_priv *priv)
{
	struct nm_port *port;
	struct nm_mem *mem;

	mutex_lock(&nm_lock);
	port = priv->port;
	if (!port)
		goto out_unlock;
	mem = port->mem;
	nm_extra_bufs_free(priv);
	nm_bind_rings(priv, false, -1);
	nm_mem_obj_free(mem, NM_POOL_IF, priv->if_obj);
	nm_port_unbind_priv(port, priv);
	if (!port->users && port->ops->deactivate)
		port->ops->deactivate(port);
	port->ops->put(port);
	nm_mem_put(mem);
	priv->port = NULL;
	priv->nifp = NULL;
out_unlock:
	mutex_unlock(&nm_lock);
}

int nm_port_info(const char *name, struct nmreq_port_info_get *info)
{
	struct nm_mem *mem = &nm_mem_global;
	struct nm_port *port;
	int err;

	if (info->nr_mem_id && info->nr_mem_id != mem->id)
		return -EINVAL;
	mutex_lock(&nm_lock);
	err = nm_mem_get(mem);
	if (err)
		goto out_unlock;
	err = nm_port_lookup(name, &port);
	if (!err) {
		info->nr_memsize = mem->size;
		info->nr_tx_slots = port->nslots[NM_TX];
		info->nr_rx_slots = port->nslots[NM_RX];
		info->nr_tx_rings = port->nrings[NM_TX];
		info->nr_rx_rings = port->nrings[NM_RX];
		info->nr_host_tx_rings = port->nhost[NM_TX];
		info->nr_host_rx_rings = port->nhost[NM_RX];
		info->nr_mem_id = mem->id;
		port->ops->put(port);
	}
	nm_mem_put(mem);
out_unlock:
	mutex_unlock(&nm_lock);
	return err;
}
