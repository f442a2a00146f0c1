/*
 * nmtest.c - shared helpers of the guest test clients; see nmtest.h.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

#include "nmtest.h"

unsigned int nmt_failures;

static void nmt_vfail(const char *fmt, va_list ap)
{
	fputs("FAIL: ", stdout);
	vprintf(fmt, ap);
	fputc('\n', stdout);
	fflush(stdout);
}

void nmt_fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	nmt_vfail(fmt, ap);
	va_end(ap);
	nmt_failures++;
}

void nmt_die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	nmt_vfail(fmt, ap);
	va_end(ap);
	exit(1);
}

int nmt_check(const char *what, long long expected, long long got)
{
	if (expected == got)
		return 1;
	nmt_fail("%s, expected %lld got %lld", what, expected, got);
	return 0;
}

static const struct {
	int err;
	const char *name;
} nmt_errnames[] = {
	{0, "0"},
	{EPERM, "EPERM"},
	{ENOENT, "ENOENT"},
	{EINTR, "EINTR"},
	{EIO, "EIO"},
	{ENXIO, "ENXIO"},
	{E2BIG, "E2BIG"},
	{EBADF, "EBADF"},
	{EAGAIN, "EAGAIN"},
	{ENOMEM, "ENOMEM"},
	{EACCES, "EACCES"},
	{EFAULT, "EFAULT"},
	{EBUSY, "EBUSY"},
	{EEXIST, "EEXIST"},
	{ENODEV, "ENODEV"},
	{EINVAL, "EINVAL"},
	{EMFILE, "EMFILE"},
	{ENOSPC, "ENOSPC"},
	{ENOTTY, "ENOTTY"},
	{ERANGE, "ERANGE"},
	{ENOSYS, "ENOSYS"},
	{EMSGSIZE, "EMSGSIZE"},
	{EOPNOTSUPP, "EOPNOTSUPP"},
	{ENOBUFS, "ENOBUFS"},
};

const char *nmt_errname(int err)
{
	static char other[32];
	size_t i;

	if (err < 0)
		err = -err;
	for (i = 0; i < sizeof(nmt_errnames) / sizeof(nmt_errnames[0]); i++)
		if (nmt_errnames[i].err == err)
			return nmt_errnames[i].name;
	snprintf(other, sizeof(other), "errno %d", err);
	return other;
}

int nmt_check_err(const char *what, int expected, int ret)
{
	int got = ret < 0 ? -ret : 0;

	if (got == expected)
		return 1;
	nmt_fail("%s, expected %s got %s", what, nmt_errname(expected),
		 nmt_errname(got));
	return 0;
}

int nmt_exit_status(void)
{
	printf("failures=%u\n", nmt_failures);
	fflush(stdout);
	return nmt_failures ? 1 : 0;
}

int nmt_open(void)
{
	int fd = open("/dev/netmap", O_RDWR | O_CLOEXEC);

	if (fd < 0)
		nmt_die("open /dev/netmap, expected a fd got %s",
			nmt_errname(errno));
	return fd;
}

void nmt_hdr_init(struct nmreq_header *hdr, const char *name, uint16_t reqtype,
		  void *body)
{
	memset(hdr, 0, sizeof(*hdr));
	hdr->nr_version = NETMAP_API;
	hdr->nr_reqtype = reqtype;
	snprintf(hdr->nr_name, sizeof(hdr->nr_name), "%s", name);
	hdr->nr_body = (uintptr_t)body;
}

int nmt_ctrl(int fd, struct nmreq_header *hdr)
{
	return ioctl(fd, NIOCCTRL, hdr) < 0 ? -errno : 0;
}

void nmt_reg_init(struct nmreq_register *reg, uint32_t mode, uint16_t ringid,
		  uint64_t flags)
{
	memset(reg, 0, sizeof(*reg));
	reg->nr_mode = mode;
	reg->nr_ringid = ringid;
	reg->nr_flags = flags;
}

int nmt_register(int fd, const char *name, struct nmreq_register *reg)
{
	struct nmreq_header hdr;

	nmt_hdr_init(&hdr, name, NETMAP_REQ_REGISTER, reg);
	return nmt_ctrl(fd, &hdr);
}

int nmt_pools_info(int fd, uint16_t mem_id, struct nmreq_pools_info *pi)
{
	struct nmreq_header hdr;

	memset(pi, 0, sizeof(*pi));
	pi->nr_mem_id = mem_id;
	nmt_hdr_init(&hdr, "", NETMAP_REQ_POOLS_INFO_GET, pi);
	return nmt_ctrl(fd, &hdr);
}

int nmt_in_region(const struct nmt_port *p, const void *buf, size_t len)
{
	const char *b = buf;

	return b >= p->mem && len <= p->memsize &&
	       (size_t)(b - p->mem) <= p->memsize - len;
}

/* A ring at ring_ofs[i], if the entry is set and the header is mapped. */
static struct netmap_ring *nmt_ring_at(struct nmt_port *p, unsigned int i)
{
	struct netmap_ring *ring;

	if (!p->nifp->ring_ofs[i])
		return NULL;
	ring = (struct netmap_ring *)((char *)p->nifp + p->nifp->ring_ofs[i]);
	if (!nmt_in_region(p, ring, sizeof(*ring))) {
		nmt_fail("ring_ofs[%u] inside the region, expected < %zu got "
			 "%zd",
			 i, p->memsize, p->nifp->ring_ofs[i]);
		return NULL;
	}
	return ring;
}

int nmt_port_open_ex(struct nmt_port *p, const char *name,
		     struct nmreq_register *reg)
{
	int err;

	memset(p, 0, sizeof(*p));
	p->fd = nmt_open();
	err = nmt_register(p->fd, name, reg);
	p->reg = *reg;
	if (err)
		goto fail_close;
	p->memsize = reg->nr_memsize;
	p->mem = mmap(NULL, p->memsize, PROT_READ | PROT_WRITE, MAP_SHARED,
		      p->fd, 0);
	if (p->mem == MAP_FAILED) {
		err = -errno;
		p->mem = NULL;
		goto fail_close;
	}
	if (reg->nr_offset >= p->memsize) {
		err = -ERANGE;
		goto fail_unmap;
	}
	p->nifp = NETMAP_IF(p->mem, reg->nr_offset);
	if (reg->nr_mode == NR_REG_NULL)
		return 0;
	p->tx = nmt_ring_at(p, 0);
	p->rx = nmt_ring_at(p,
			    p->nifp->ni_tx_rings + p->nifp->ni_host_tx_rings);
	return 0;

fail_unmap:
	munmap(p->mem, p->memsize);
	p->mem = NULL;
fail_close:
	close(p->fd);
	p->fd = -1;
	return err;
}

int nmt_port_open(struct nmt_port *p, const char *name, uint32_t mode,
		  uint64_t flags)
{
	struct nmreq_register reg;

	nmt_reg_init(&reg, mode, 0, flags);
	return nmt_port_open_ex(p, name, &reg);
}

void nmt_port_must_open(struct nmt_port *p, const char *name, uint64_t flags)
{
	int err = nmt_port_open(p, name, NR_REG_ALL_NIC, flags);

	if (err)
		nmt_die("register %s, expected 0 got %s", name,
			nmt_errname(err));
	if (!p->tx || !p->rx)
		nmt_die("register %s, expected a tx and an rx ring got %s%s",
			name, p->tx ? "tx" : "", p->rx ? "rx" : "");
}

void nmt_port_close(struct nmt_port *p)
{
	if (p->mem)
		munmap(p->mem, p->memsize);
	if (p->fd >= 0)
		close(p->fd);
	p->mem = NULL;
	p->fd = -1;
}

int nmt_txsync(int fd)
{
	return ioctl(fd, NIOCTXSYNC, NULL) < 0 ? -errno : 0;
}

int nmt_rxsync(int fd)
{
	return ioctl(fd, NIOCRXSYNC, NULL) < 0 ? -errno : 0;
}

int nmt_poll(int fd, short events, int timeout_ms)
{
	struct pollfd pfd = {.fd = fd, .events = events};
	int n = poll(&pfd, 1, timeout_ms);

	if (n < 0)
		return -errno;
	return n ? pfd.revents : 0;
}

double nmt_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

void nmt_die_with_parent(void)
{
	prctl(PR_SET_PDEATHSIG, SIGKILL);
}
