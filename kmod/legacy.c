// SPDX-License-Identifier: GPL-2.0
/*
 * The legacy control API: NIOCGINFO and NIOCREGIF with struct nmreq,
 * translated onto PORT_INFO_GET and REGISTER.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include <net/netmap.h>

#include "ctrl.h"
#include "port.h"

#define NM_LEGACY_MODE_MASK 0xf

/* Legacy pipe modes name the pipe in nr_ringid: x{N or x}N. */
static void nm_legacy_name(const struct nmreq *nmr, u32 mode, char *name,
			   size_t size)
{
	u16 id = nmr->nr_ringid & NETMAP_RING_MASK;

	if (mode == NR_REG_PIPE_MASTER || mode == NR_REG_PIPE_SLAVE)
		snprintf(name, size, "%s%c%u", nmr->nr_name,
			 mode == NR_REG_PIPE_MASTER ? '{' : '}', id);
	else
		strscpy(name, nmr->nr_name, size);
}

static void nm_legacy_to_register(const struct nmreq *nmr,
				  struct nmreq_register *req)
{
	u32 mode = nmr->nr_flags & NM_LEGACY_MODE_MASK;
	u16 ringid = nmr->nr_ringid;

	memset(req, 0, sizeof(*req));
	req->nr_tx_slots = nmr->nr_tx_slots;
	req->nr_rx_slots = nmr->nr_rx_slots;
	req->nr_tx_rings = nmr->nr_tx_rings;
	req->nr_rx_rings = nmr->nr_rx_rings;
	req->nr_mem_id = nmr->nr_arg2;
	req->nr_extra_bufs = nmr->nr_arg3;
	req->nr_flags = nmr->nr_flags & ~NM_LEGACY_MODE_MASK;
	if (ringid & NETMAP_NO_TX_POLL)
		req->nr_flags |= NR_NO_TX_POLL;
	if (ringid & NETMAP_DO_RX_POLL)
		req->nr_flags |= NR_DO_RX_POLL;
	req->nr_ringid = ringid & NETMAP_RING_MASK;
	switch (mode) {
	case NR_REG_DEFAULT: /* the mode comes from the ringid bits */
		if (ringid & NETMAP_SW_RING)
			req->nr_mode = NR_REG_SW;
		else if (ringid & NETMAP_HW_RING)
			req->nr_mode = NR_REG_ONE_NIC;
		else
			req->nr_mode = NR_REG_ALL_NIC;
		break;
	case NR_REG_PIPE_MASTER:
	case NR_REG_PIPE_SLAVE:
		req->nr_mode = NR_REG_ALL_NIC;
		req->nr_ringid = 0;
		break;
	default:
		req->nr_mode = mode;
	}
}

long nm_legacy_ioctl(struct nm_priv *priv, unsigned int cmd, void __user *uarg)
{
	char name[NETMAP_REQ_IFNAMSIZ];
	struct nmreq nmr;
	int err;

	if (copy_from_user(&nmr, uarg, sizeof(nmr)))
		return -EFAULT;
	if (nmr.nr_version < NETMAP_MIN_API || nmr.nr_cmd ||
	    strnlen(nmr.nr_name, sizeof(nmr.nr_name)) == sizeof(nmr.nr_name))
		return -EINVAL;
	nm_legacy_name(&nmr, nmr.nr_flags & NM_LEGACY_MODE_MASK, name,
		       sizeof(name));

	if (cmd == NIOCGINFO) {
		struct nmreq_port_info_get info = {.nr_mem_id = nmr.nr_arg2};

		err = nm_priv_port_info(priv, name, &info);
		if (err)
			return err;
		nmr.nr_offset = 0;
		nmr.nr_memsize = info.nr_memsize;
		nmr.nr_tx_slots = info.nr_tx_slots;
		nmr.nr_rx_slots = info.nr_rx_slots;
		nmr.nr_tx_rings = info.nr_tx_rings;
		nmr.nr_rx_rings = info.nr_rx_rings;
		nmr.nr_arg2 = info.nr_mem_id;
	} else {
		struct nmreq_register req;

		nm_legacy_to_register(&nmr, &req);
		err = nm_priv_register(priv, name, &req);
		if (err)
			return err;
		nmr.nr_offset = req.nr_offset;
		nmr.nr_memsize = req.nr_memsize;
		nmr.nr_tx_slots = req.nr_tx_slots;
		nmr.nr_rx_slots = req.nr_rx_slots;
		nmr.nr_tx_rings = req.nr_tx_rings;
		nmr.nr_rx_rings = req.nr_rx_rings;
		nmr.nr_arg2 = req.nr_mem_id;
		nmr.nr_arg3 = req.nr_extra_bufs;
	}
	return copy_to_user(uarg, &nmr, sizeof(nmr)) ? -EFAULT : 0;
}
