/*
 * nmport_open.c - register a parsed port, map its region, find its rings.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "nmport.h"

#define NMPORT_DEV "/dev/netmap"

static int set_error(struct nmport_error *err, int ret, const char *fmt,
		     const char *a, const char *b)
	__attribute__((format(printf, 3, 0)));

/* Fill err from fmt with two string arguments; return ret. */
static int set_error(struct nmport_error *err, int ret, const char *fmt,
		     const char *a, const char *b)
{
	if (err) {
		err->pos = 0;
		snprintf(err->msg, sizeof(err->msg), fmt, a, b);
	}
	return ret;
}

/* What a failed REGISTER most likely means, for the message. */
static const char *register_hint(int e)
{
	switch (e) {
	case ENXIO:
	case ENODEV:
	case ENOENT:
		return "no such port";
	case EBUSY:
		return "rings busy (bound exclusively elsewhere)";
	case EINVAL:
		return "request rejected (ring, mode, flags or pipe number)";
	case EOPNOTSUPP:
		return "not supported by the module";
	case ENOMEM:
		return "out of netmap memory";
	default:
		return strerror(e);
	}
}

/* [first, last) of the nonzero ring_ofs[] entries in [from, from + n). */
static void scan_bound(const struct netmap_if *nifp, unsigned int from,
		       unsigned int n, unsigned int *first, unsigned int *last)
{
	unsigned int i;

	*first = *last = 0;
	for (i = 0; i < n; i++) {
		if (!nifp->ring_ofs[from + i])
			continue;
		if (*first == *last)
			*first = i;
		*last = i + 1;
	}
}

static void find_rings(struct nmport *port)
{
	const struct netmap_if *nifp = port->nifp;
	unsigned int ntx = nifp->ni_tx_rings + nifp->ni_host_tx_rings;
	unsigned int nrx = nifp->ni_rx_rings + nifp->ni_host_rx_rings;

	scan_bound(nifp, 0, ntx, &port->first_tx, &port->last_tx);
	scan_bound(nifp, ntx, nrx, &port->first_rx, &port->last_rx);
}

static void fill_register(const struct nmport_spec *spec,
			  struct nmreq_header *hdr, struct nmreq_register *reg)
{
	memset(hdr, 0, sizeof(*hdr));
	memset(reg, 0, sizeof(*reg));
	hdr->nr_version = NETMAP_API;
	hdr->nr_reqtype = NETMAP_REQ_REGISTER;
	memcpy(hdr->nr_name, spec->name, sizeof(hdr->nr_name));
	hdr->nr_body = (uintptr_t)reg;
	reg->nr_mode = spec->mode;
	reg->nr_ringid = spec->ringid;
	reg->nr_flags = spec->flags;
	reg->nr_mem_id = spec->mem_id;
	reg->nr_tx_rings = spec->conf.tx_rings;
	reg->nr_rx_rings = spec->conf.rx_rings;
	reg->nr_host_tx_rings = spec->conf.host_tx_rings;
	reg->nr_host_rx_rings = spec->conf.host_rx_rings;
	reg->nr_tx_slots = spec->conf.tx_slots;
	reg->nr_rx_slots = spec->conf.rx_slots;
}

int nmport_open_spec(const struct nmport_spec *spec, struct nmport *port,
		     struct nmport_error *err)
{
	struct nmreq_header hdr;
	int ret;

	memset(port, 0, sizeof(*port));
	port->fd = -1;
	port->spec = *spec;
	port->fd = open(NMPORT_DEV, O_RDWR | O_CLOEXEC);
	if (port->fd < 0) {
		ret = -errno;
		return set_error(err, ret, "cannot open %s: %s", NMPORT_DEV,
				 strerror(-ret));
	}
	fill_register(spec, &hdr, &port->reg);
	if (ioctl(port->fd, NIOCCTRL, &hdr) < 0) {
		ret = -errno;
		set_error(err, ret, "register %s: %s", spec->name,
			  register_hint(-ret));
		goto close_fd;
	}
	port->memsize = port->reg.nr_memsize;
	port->mem = mmap(NULL, port->memsize, PROT_READ | PROT_WRITE,
			 MAP_SHARED, port->fd, 0);
	if (port->mem == MAP_FAILED) {
		ret = -errno;
		set_error(err, ret, "mmap of %s: %s", spec->name,
			  strerror(-ret));
		goto close_fd;
	}
	port->nifp = NETMAP_IF(port->mem, port->reg.nr_offset);
	find_rings(port);
	return 0;

close_fd:
	close(port->fd);
	port->fd = -1;
	port->mem = NULL;
	return ret;
}

int nmport_open(const char *str, struct nmport *port, struct nmport_error *err)
{
	struct nmport_spec spec;
	int ret;

	memset(port, 0, sizeof(*port));
	port->fd = -1;
	ret = nmport_parse(str, &spec, err);
	if (ret)
		return ret;
	return nmport_open_spec(&spec, port, err);
}

int nmport_clone_ring(const struct nmport *parent, unsigned int ring,
		      struct nmport *child, struct nmport_error *err)
{
	struct nmport_spec spec = parent->spec;
	char num[16];

	if (ring >= nmport_tx_rings(parent) &&
	    ring >= nmport_rx_rings(parent)) {
		snprintf(num, sizeof(num), "%u", ring);
		memset(child, 0, sizeof(*child));
		child->fd = -1;
		return set_error(err, -EINVAL, "%s has no ring %s",
				 parent->spec.name, num);
	}
	spec.mode = NR_REG_ONE_NIC;
	spec.ringid = (uint16_t)ring;
	spec.mem_id = parent->reg.nr_mem_id;
	return nmport_open_spec(&spec, child, err);
}

void nmport_close(struct nmport *port)
{
	if (port->mem && port->mem != MAP_FAILED)
		munmap(port->mem, port->memsize);
	port->mem = NULL;
	port->nifp = NULL;
	if (port->fd >= 0)
		close(port->fd);
	port->fd = -1;
}
