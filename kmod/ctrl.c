// SPDX-License-Identifier: GPL-2.0
/*
 * NIOCCTRL. The header, the body and every option header are copied in
 * once and checked before anything acts on them; option headers are
 * always copied back so the caller sees which option was refused.
 */
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include <net/netmap.h>

#include "ctrl.h"
#include "port.h"

/* Largest body of any request (vale_attach, pools_info). */
#define NM_BODY_MAX 64
/* Enough option headers to fill NETMAP_REQ_MAXSIZE. */
#define NM_OPTS_MAX (NETMAP_REQ_MAXSIZE / sizeof(struct nmreq_option))

static const u16 nm_body_size[] = {
	[NETMAP_REQ_REGISTER] = sizeof(struct nmreq_register),
	[NETMAP_REQ_PORT_INFO_GET] = sizeof(struct nmreq_port_info_get),
	[NETMAP_REQ_VALE_ATTACH] = sizeof(struct nmreq_vale_attach),
	[NETMAP_REQ_VALE_DETACH] = sizeof(struct nmreq_vale_detach),
	[NETMAP_REQ_VALE_LIST] = sizeof(struct nmreq_vale_list),
	[NETMAP_REQ_PORT_HDR_SET] = sizeof(struct nmreq_port_hdr),
	[NETMAP_REQ_PORT_HDR_GET] = sizeof(struct nmreq_port_hdr),
	[NETMAP_REQ_VALE_NEWIF] = sizeof(struct nmreq_vale_newif),
	[NETMAP_REQ_VALE_DELIF] = 0,
	[NETMAP_REQ_VALE_POLLING_ENABLE] = sizeof(struct nmreq_vale_polling),
	[NETMAP_REQ_VALE_POLLING_DISABLE] = sizeof(struct nmreq_vale_polling),
	[NETMAP_REQ_POOLS_INFO_GET] = sizeof(struct nmreq_pools_info),
	[NETMAP_REQ_SYNC_KLOOP_START] = sizeof(struct nmreq_sync_kloop_start),
	[NETMAP_REQ_SYNC_KLOOP_STOP] = 0,
	[NETMAP_REQ_CSB_ENABLE] = 0,
};

struct nm_opt {
	u64 uaddr;
	struct nmreq_option hdr;
};

struct nm_opts {
	unsigned int count;
	struct nm_opt opt[NM_OPTS_MAX];
};

/*
 * Copy the chain in. The size limit also ends a chain that loops; a
 * second option of one known type is EINVAL.
 */
static int nm_opts_read(u64 uaddr, size_t used, struct nm_opts *opts)
{
	unsigned int i;

	opts->count = 0;
	while (uaddr) {
		struct nm_opt *o;

		if (opts->count == NM_OPTS_MAX)
			return -EMSGSIZE;
		o = &opts->opt[opts->count];
		used += sizeof(o->hdr);
		if (used > NETMAP_REQ_MAXSIZE)
			return -EMSGSIZE;
		if (copy_from_user(&o->hdr, u64_to_user_ptr(uaddr),
				   sizeof(o->hdr)))
			return -EFAULT;
		if (o->hdr.nro_size > NETMAP_REQ_MAXSIZE - used)
			return -EMSGSIZE;
		used += o->hdr.nro_size;
		o->uaddr = uaddr;
		/* No option is handled yet: each stays refused. */
		o->hdr.nro_status = EOPNOTSUPP;
		opts->count++;
		/* Only a known type can be a duplicate (as upstream does). */
		for (i = 0; o->hdr.nro_reqtype < NETMAP_REQ_OPT_MAX &&
			    i + 1 < opts->count;
		     i++)
			if (opts->opt[i].hdr.nro_reqtype == o->hdr.nro_reqtype)
				return -EINVAL;
		uaddr = o->hdr.nro_next;
	}
	return 0;
}

static int nm_opts_write_back(const struct nm_opts *opts)
{
	unsigned int i;

	for (i = 0; i < opts->count; i++)
		if (copy_to_user(u64_to_user_ptr(opts->opt[i].uaddr),
				 &opts->opt[i].hdr, sizeof(opts->opt[i].hdr)))
			return -EFAULT;
	return 0;
}

static int nm_opts_unhandled(const struct nm_opts *opts)
{
	unsigned int i;

	for (i = 0; i < opts->count; i++)
		if (opts->opt[i].hdr.nro_status)
			return -EOPNOTSUPP;
	return 0;
}

static int nm_ctrl_dispatch(struct nm_priv *priv, struct nmreq_header *hdr,
			    void *body)
{
	switch (hdr->nr_reqtype) {
	case NETMAP_REQ_REGISTER:
		return nm_priv_register(priv, hdr->nr_name, body);
	case NETMAP_REQ_PORT_INFO_GET:
		return nm_priv_port_info(priv, hdr->nr_name, body);
	case NETMAP_REQ_POOLS_INFO_GET:
		return nm_priv_pools_info(priv, body);
	case NETMAP_REQ_PORT_HDR_GET:
		/* No port takes a virtio-net header yet. */
		((struct nmreq_port_hdr *)body)->nr_hdr_len = 0;
		return 0;
	case NETMAP_REQ_PORT_HDR_SET:
		return ((struct nmreq_port_hdr *)body)->nr_hdr_len ? -EINVAL
								   : 0;
	default: /* VALE, kloop, CSB: not implemented */
		return -EOPNOTSUPP;
	}
}

long nm_ctrl_ioctl(struct nm_priv *priv, void __user *uarg)
{
	struct nmreq_header hdr;
	struct nm_opts *opts;
	u8 body[NM_BODY_MAX];
	size_t size;
	int err, werr;

	if (copy_from_user(&hdr, uarg, sizeof(hdr)))
		return -EFAULT;
	if (hdr.nr_version < NETMAP_MIN_API ||
	    hdr.nr_version > NETMAP_MAX_API || hdr.nr_reserved ||
	    strnlen(hdr.nr_name, sizeof(hdr.nr_name)) == sizeof(hdr.nr_name) ||
	    hdr.nr_reqtype == 0 || hdr.nr_reqtype >= ARRAY_SIZE(nm_body_size))
		return -EINVAL;
	size = nm_body_size[hdr.nr_reqtype];
	if (!size != !hdr.nr_body)
		return -EINVAL;
	if (size && copy_from_user(body, u64_to_user_ptr(hdr.nr_body), size))
		return -EFAULT;

	opts = kmalloc(sizeof(*opts), GFP_KERNEL);
	if (!opts)
		return -ENOMEM;
	err = nm_opts_read(hdr.nr_options, size, opts);
	if (!err)
		err = nm_opts_unhandled(opts);
	if (!err)
		err = nm_ctrl_dispatch(priv, &hdr, body);
	werr = nm_opts_write_back(opts);
	kfree(opts);
	if (!err && size &&
	    copy_to_user(u64_to_user_ptr(hdr.nr_body), body, size))
		err = -EFAULT;
	return err ? err : werr;
}
