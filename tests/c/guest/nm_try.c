/*
 * nm_try - run control requests one after another and print each result,
 * so that a test can check what a given user in a given namespace may do.
 *
 *	nm_try STEP...
 *
 * Steps (each prints "STEP: ERRNAME [fields]", ERRNAME 0 on success;
 * registered descriptors stay open until the program ends):
 *	reg NAME MODE [EXTRA]	NIOCCTRL REGISTER; MODE is all_nic, nic_sw,
 *				sw, null, or one_nic/K (ring K); prints
 *				mem_id= extra=
 *	legacy NAME MODE	NIOCREGIF with the same modes
 *	info NAME		PORT_INFO_GET; prints mem_id= tx_rings=
 *	pools			POOLS_INFO_GET; prints mem_id= bufs=
 *	open			open /dev/netmap alone; prints its errno
 *	tx N [LEN]		send N frames of LEN bytes (60) on the last
 *				registered fd's first tx ring (one
 *				NIOCTXSYNC)
 *	rx			NIOCRXSYNC on the last registered fd; prints
 *				frames= (slots waiting in its first rx ring)
 *	slots			after rx: one line per waiting slot of that
 *				ring, "slot: len=L more=0|1" (NS_MOREFRAG)
 *	wait PATH		wait (up to 60 s) until PATH exists
 *	touch PATH		create PATH
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "nmtest.h"

#define MAX_FDS 512

static struct nmt_port ports[MAX_FDS];
static int nports;

static int mode_of(const char *s, uint32_t *mode, uint16_t *ringid)
{
	static const struct {
		const char *name;
		uint32_t mode;
	} modes[] = {
		{"all_nic", NR_REG_ALL_NIC}, {"nic_sw", NR_REG_NIC_SW},
		{"sw", NR_REG_SW},	     {"one_nic", NR_REG_ONE_NIC},
		{"null", NR_REG_NULL},
	};
	size_t i;

	*ringid = 0;
	if (!strncmp(s, "one_nic/", 8)) {
		*mode = NR_REG_ONE_NIC;
		*ringid = atoi(s + 8);
		return 0;
	}
	for (i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
		if (!strcmp(s, modes[i].name)) {
			*mode = modes[i].mode;
			return 0;
		}
	return -1;
}

static int open_dev(void)
{
	return open("/dev/netmap", O_RDWR | O_CLOEXEC);
}

/* Register and map a new fd; keep it on success. */
static void step_reg(const char *name, uint32_t mode, uint16_t ringid,
		     uint32_t extra)
{
	struct nmt_port *p = &ports[nports];
	struct nmreq_register reg;
	int fd = open_dev(), err;

	if (fd < 0) {
		printf("reg %s: %s (open)\n", name, nmt_errname(errno));
		return;
	}
	nmt_reg_init(&reg, mode, ringid, 0);
	reg.nr_extra_bufs = extra;
	err = nmt_register(fd, name, &reg);
	if (err) {
		printf("reg %s: %s\n", name, nmt_errname(err));
		close(fd);
		return;
	}
	memset(p, 0, sizeof(*p));
	p->fd = fd;
	p->reg = reg;
	p->memsize = reg.nr_memsize;
	p->mem = mmap(NULL, p->memsize, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
		      0);
	if (p->mem == MAP_FAILED)
		nmt_die("mmap after register %s: %s", name, nmt_errname(errno));
	p->nifp = NETMAP_IF(p->mem, reg.nr_offset);
	if (mode != NR_REG_NULL) {
		uint16_t t = mode == NR_REG_ONE_NIC ? ringid : 0;

		p->tx = NETMAP_TXRING(p->nifp, t);
		p->rx = NETMAP_RXRING(p->nifp, t);
	}
	nports++;
	printf("reg %s: 0 mem_id=%u extra=%u\n", name, reg.nr_mem_id,
	       reg.nr_extra_bufs);
}

static void step_legacy(const char *name, uint32_t mode, uint16_t ringid)
{
	struct nmreq nmr;
	int fd = open_dev();

	if (fd < 0) {
		printf("legacy %s: %s (open)\n", name, nmt_errname(errno));
		return;
	}
	memset(&nmr, 0, sizeof(nmr));
	snprintf(nmr.nr_name, sizeof(nmr.nr_name), "%s", name);
	nmr.nr_version = NETMAP_API;
	nmr.nr_flags = mode;
	nmr.nr_ringid = ringid;
	if (ioctl(fd, NIOCREGIF, &nmr) < 0) {
		printf("legacy %s: %s\n", name, nmt_errname(errno));
		close(fd);
		return;
	}
	printf("legacy %s: 0 mem_id=%u\n", name, nmr.nr_arg2);
	/* Held until exit, like the registered fds. */
}

static void step_info(const char *name)
{
	struct nmreq_port_info_get info;
	struct nmreq_header hdr;
	int fd = open_dev(), err;

	if (fd < 0) {
		printf("info %s: %s (open)\n", name, nmt_errname(errno));
		return;
	}
	memset(&info, 0, sizeof(info));
	nmt_hdr_init(&hdr, name, NETMAP_REQ_PORT_INFO_GET, &info);
	err = nmt_ctrl(fd, &hdr);
	if (err)
		printf("info %s: %s\n", name, nmt_errname(err));
	else
		printf("info %s: 0 mem_id=%u tx_rings=%u\n", name,
		       info.nr_mem_id, info.nr_tx_rings);
	close(fd);
}

static void step_pools(void)
{
	struct nmreq_pools_info pi;
	int fd = open_dev(), err;

	if (fd < 0) {
		printf("pools: %s (open)\n", nmt_errname(errno));
		return;
	}
	err = nmt_pools_info(fd, 0, &pi);
	if (err)
		printf("pools: %s\n", nmt_errname(err));
	else
		printf("pools: 0 mem_id=%u bufs=%u\n", pi.nr_mem_id,
		       pi.nr_buf_pool_objtotal);
	close(fd);
}

static struct nmt_port *last_port(const char *step)
{
	if (!nports || !ports[nports - 1].tx)
		nmt_die("%s, expected a registered fd with rings before it",
			step);
	return &ports[nports - 1];
}

/* Broadcast frames of an experimental EtherType, payload 0xa5. */
static void step_tx(unsigned int n, unsigned int len)
{
	struct netmap_ring *ring = last_port("tx")->tx;
	unsigned int i, room = nm_ring_space(ring);

	if (len < 60 || len > ring->nr_buf_size)
		nmt_die("tx length %u outside 60..%u", len, ring->nr_buf_size);
	for (i = 0; i < n && i < room; i++) {
		struct netmap_slot *slot = &ring->slot[ring->cur];
		char *b = NETMAP_BUF(ring, slot->buf_idx);

		memset(b, 0xff, 6);
		memcpy(b + 6, "\x02\x00\x00\x00\x00\x01\x88\xb5", 8);
		memset(b + 14, 0xa5, len - 14);
		slot->len = len;
		ring->head = ring->cur = nm_ring_next(ring, ring->cur);
	}
	printf("tx %u: %s queued=%u\n", n,
	       nmt_errname(nmt_txsync(ports[nports - 1].fd)), i);
}

static int is_number(const char *s)
{
	return s && *s && strspn(s, "0123456789") == strlen(s);
}

static void step_rx(void)
{
	struct nmt_port *p = last_port("rx");
	int err = nmt_rxsync(p->fd);

	printf("rx: %s frames=%u\n", nmt_errname(err), nm_ring_space(p->rx));
}

static void step_slots(void)
{
	struct netmap_ring *ring = last_port("slots")->rx;
	uint32_t i;

	for (i = ring->head; i != ring->tail; i = nm_ring_next(ring, i))
		printf("slot: len=%u more=%d\n", ring->slot[i].len,
		       !!(ring->slot[i].flags & NS_MOREFRAG));
}

static void step_wait(const char *path)
{
	int i;

	for (i = 0; i < 600 && access(path, F_OK); i++)
		usleep(100000);
	printf("wait %s: %s\n", path, access(path, F_OK) ? "ETIMEDOUT" : "0");
}

static void step_touch(const char *path)
{
	int fd = open(path, O_CREAT | O_WRONLY, 0644);

	printf("touch %s: %s\n", path, nmt_errname(fd < 0 ? errno : 0));
	if (fd >= 0)
		close(fd);
}

static const char *arg(char **argv, int argc, int i)
{
	if (i >= argc)
		nmt_die("missing argument after %s", argv[i - 1]);
	return argv[i];
}

int main(int argc, char **argv)
{
	int i;

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (i = 1; i < argc; i++) {
		const char *s = argv[i];
		uint16_t ringid;
		uint32_t mode;

		if (nports == MAX_FDS)
			nmt_die("more than %d registrations", MAX_FDS);
		if (!strcmp(s, "reg") || !strcmp(s, "legacy")) {
			const char *name = arg(argv, argc, ++i);

			if (mode_of(arg(argv, argc, ++i), &mode, &ringid))
				nmt_die("unknown mode %s", argv[i]);
			if (!strcmp(s, "legacy"))
				step_legacy(name, mode, ringid);
			else if (i + 1 < argc && is_number(argv[i + 1]))
				step_reg(name, mode, ringid, atoi(argv[++i]));
			else
				step_reg(name, mode, ringid, 0);
		} else if (!strcmp(s, "info")) {
			step_info(arg(argv, argc, ++i));
		} else if (!strcmp(s, "pools")) {
			step_pools();
		} else if (!strcmp(s, "open")) {
			int fd = open_dev();

			printf("open: %s\n", nmt_errname(fd < 0 ? errno : 0));
			if (fd >= 0)
				close(fd);
		} else if (!strcmp(s, "tx")) {
			unsigned int n = atoi(arg(argv, argc, ++i));

			step_tx(n, i + 1 < argc && is_number(argv[i + 1])
					   ? (unsigned int)atoi(argv[++i])
					   : 60);
		} else if (!strcmp(s, "rx")) {
			step_rx();
		} else if (!strcmp(s, "slots")) {
			step_slots();
		} else if (!strcmp(s, "wait")) {
			step_wait(arg(argv, argc, ++i));
		} else if (!strcmp(s, "touch")) {
			step_touch(arg(argv, argc, ++i));
		} else {
			nmt_die("unknown step %s", s);
		}
	}
	return 0;
}
