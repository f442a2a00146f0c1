/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Ports and the file descriptors bound to them.
 *
 * A port is anything with rings: a pipe end, a network interface in
 * netmap mode. Each kind fills one table of operations and answers name
 * lookups through one entry of nm_port_kinds[]; the core never asks which
 * kind it holds. Rings are indexed per direction, NIC rings first, then
 * host rings.
 *
 * Publication: a port reaches a file descriptor (priv->port), the port
 * list and a kind's own list only when it is whole, and leaves them
 * before anything of it is freed. Syncs, poll and mmap read priv->port
 * without a lock.
 */
#ifndef NM_PORT_H
#define NM_PORT_H

#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/types.h>

#include <net/netmap.h>

#include "kring.h"

struct file;
struct pid;
struct net;
struct nm_port;
struct nm_mem;
struct nm_user;

struct nm_port_ops {
	/* Process [hwcur, rhead), then advance hwcur and hwtail. Returns
	 * -EINVAL at the first bad slot, with hwcur on it. */
	int (*txsync)(struct nm_kring *kring);
	/* Bring in what has arrived: advance hwtail. */
	int (*rxsync)(struct nm_kring *kring);
	/* Optional. Take back [hwcur, rhead) of an rx ring, checking the
	 * buffers user space swapped in, and advance hwcur; default
	 * nm_kring_rx_release(). */
	int (*rx_release)(struct nm_kring *kring);
	/* Optional. Bring a tx ring's hwtail up to date (slots given back)
	 * without processing any slot. */
	void (*tx_tail)(struct nm_kring *kring);
	/* First fd bound to a ring / last such fd unbound. */
	int (*activate)(struct nm_port *port);
	void (*deactivate)(struct nm_port *port);
	/* Drop the reference taken by the lookup. */
	void (*put)(struct nm_port *port);
};

struct nm_port {
	char name[NETMAP_REQ_IFNAMSIZ];
	const struct nm_port_ops *ops;
	struct nm_mem *mem;
	u16 nrings[2]; /* NIC rings per direction (NM_TX, NM_RX) */
	u16 nhost[2];  /* host rings per direction */
	u32 nslots[2];
	struct nm_kring *krings[2]; /* nrings + nhost each */
	/* Under nm_lock: bound fds, and those of them that bind a ring
	 * (only these put the port in netmap mode). */
	unsigned int users, ring_users;
	const char *kind;	/* which adapter: "pipe", "generic" */
	struct list_head node;	/* in nm_ports while users > 0 */
	struct list_head binds; /* nm_priv.node of each bound fd */
};

/* One per open /dev/netmap; bound to at most one port. */
struct nm_priv {
	struct file *file;    /* the opener's credentials decide */
	struct net *net;      /* the opener's namespace (referenced) */
	struct nm_port *port; /* published last, read with acquire */
	struct netmap_if *nifp;
	struct nm_user *user; /* charged while registered */
	u32 if_obj;
	u16 first[2], last[2]; /* bound rings [first, last) per dir */
	u64 flags;	       /* NR_* as registered */
	u32 extra_bufs;
	u32 mode; /* NR_REG_* as registered */
	u16 ringid;
	struct pid *pid;       /* registering process (referenced) */
	struct list_head node; /* in port->binds, under nm_lock */
};

/* What a name lookup is asked: the name, the caller's region (which also
 * says the namespace) and whether the caller administers the namespace. */
struct nm_lookup {
	const char *name;
	struct nm_mem *mem;
	bool admin;
};

struct nm_port_kind {
	const char *name;
	/* -ENOENT: not a name of this kind. Otherwise the port, whole and
	 * with a reference, or an error. Under nm_lock. */
	int (*lookup)(const struct nm_lookup *req, struct nm_port **port);
	/* The port's dimensions, without creating anything. Same errors. */
	int (*info)(const struct nm_lookup *req,
		    struct nmreq_port_info_get *info);
};

/* Serialises registration, port creation and teardown. Never taken on a
 * sync or poll. */
extern struct mutex nm_lock;

/* Every port with at least one bound fd, for statistics; under nm_lock. */
extern struct list_head nm_ports;

static inline u16 nm_port_rings(const struct nm_port *port, enum nm_dir d)
{
	return port->nrings[d] + port->nhost[d];
}

int nm_priv_init(struct nm_priv *priv, struct file *file);
void nm_priv_release(struct nm_priv *priv);
int nm_priv_register(struct nm_priv *priv, const char *name,
		     struct nmreq_register *req);
int nm_priv_port_info(struct nm_priv *priv, const char *name,
		      struct nmreq_port_info_get *info);
int nm_priv_pools_info(struct nm_priv *priv, struct nmreq_pools_info *pi);

static inline struct nm_port *nm_priv_port(struct nm_priv *priv)
{
	return smp_load_acquire(&priv->port);
}

#endif /* NM_PORT_H */
