/*
 * nm_race - reproduce the races and failing-allocation paths that once
 * crashed the module; each mode prints exact counts, and the harness also
 * fails on any oops in the kernel log.
 *
 *	nm_race ifpool SECONDS
 *		Fill the netmap_if pool, then over and over: a new fd whose
 *		registration of a fresh pipe must fail (ENOMEM) while a
 *		second thread syncs and polls that same fd. The port must
 *		never be seen by the second thread, so every sync fails with
 *		ENXIO and every poll reports POLLERR.
 *
 *	nm_race bufpool IFNAME
 *		Leave the buffer pool a little short of what IFNAME's rings
 *		need, at several levels (so that creation fails at each of
 *		its rings), and register IFNAME at each: ENOMEM, nothing
 *		leaked; PORT_INFO_GET of lo meanwhile works and creates
 *		nothing. Then with room, it registers.
 *
 *	nm_race flap IFNAME SECONDS
 *		Register and close IFNAME over and over while the harness
 *		deletes and re-adds it; prints how each attempt ended.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nmtest.h"

/* ---- ifpool ---------------------------------------------------------- */

struct hammer {
	int fd;
	atomic_int stop;
	unsigned long syncs, sync_enxio, polls, poll_err;
};

static void *hammer_fd(void *arg)
{
	struct hammer *h = arg;

	while (!atomic_load(&h->stop)) {
		struct pollfd pfd = {.fd = h->fd, .events = POLLIN | POLLOUT};
		int err = nmt_rxsync(h->fd);

		h->syncs++;
		h->sync_enxio += err == -ENXIO;
		err = nmt_txsync(h->fd);
		h->syncs++;
		h->sync_enxio += err == -ENXIO;
		if (poll(&pfd, 1, 0) == 1) {
			h->polls++;
			h->poll_err += !!(pfd.revents & POLLERR);
		}
	}
	return NULL;
}

static int run_ifpool(double seconds)
{
	struct nmreq_register reg;
	unsigned long tries = 0, enomem = 0, other = 0;
	unsigned long syncs = 0, enxio = 0, polls = 0, pollerr = 0;
	int fill[1024], nfill = 0, i;
	double end;

	/* NR_REG_NULL binds no ring: each takes one netmap_if only. */
	for (;;) {
		int fd = nmt_open(), err;

		nmt_reg_init(&reg, NR_REG_NULL, 0, 0);
		err = nmt_register(fd, "ifp{0", &reg);
		if (err) {
			close(fd);
			if (!nmt_check_err("filling the if pool", ENOMEM, err))
				return nmt_exit_status();
			break;
		}
		if (nfill == 1024)
			nmt_die("if pool not full after 1024 registrations");
		fill[nfill++] = fd;
	}
	printf("filled=%d\n", nfill);
	end = nmt_now() + seconds;
	while (nmt_now() < end) {
		struct hammer h = {.fd = nmt_open()};
		pthread_t t;
		char name[32];
		int err;

		if (pthread_create(&t, NULL, hammer_fd, &h))
			nmt_die("pthread_create");
		/* A fresh pipe each time: it is freed when the register
		 * fails, under the other thread's feet. */
		snprintf(name, sizeof(name), "race{%lu", tries % 64);
		nmt_reg_init(&reg, NR_REG_ALL_NIC, 0, 0);
		err = nmt_register(h.fd, name, &reg);
		tries++;
		enomem += err == -ENOMEM;
		other += err != -ENOMEM;
		usleep(200);
		atomic_store(&h.stop, 1);
		pthread_join(t, NULL);
		close(h.fd);
		syncs += h.syncs;
		enxio += h.sync_enxio;
		polls += h.polls;
		pollerr += h.poll_err;
	}
	for (i = 0; i < nfill; i++)
		close(fill[i]);
	printf("tries=%lu enomem=%lu other=%lu\n", tries, enomem, other);
	printf("syncs=%lu enxio=%lu polls=%lu pollerr=%lu\n", syncs, enxio,
	       polls, pollerr);
	nmt_check("registrations that did not fail with ENOMEM", 0, other);
	nmt_check("syncs that did not fail with ENXIO", syncs, enxio);
	nmt_check("polls without POLLERR", polls, pollerr);
	return nmt_exit_status();
}

/* ---- bufpool --------------------------------------------------------- */

/* Free buffers of the default region, from sysfs. */
static long bufs_free(void)
{
	FILE *f = fopen("/sys/class/misc/netmap/pools", "r");
	char name[16];
	long total, free_, size;

	if (!f)
		nmt_die("open /sys/class/misc/netmap/pools: %s",
			nmt_errname(errno));
	while (fscanf(f, "%15s %ld %ld %ld", name, &total, &free_, &size) == 4)
		if (!strcmp(name, "buf")) {
			fclose(f);
			return free_;
		}
	fclose(f);
	nmt_die("no buf line in the pools file");
}

/* Take extra buffers on NR_REG_NULL fds until `left` stay free. */
static int take_bufs(int *fds, int max, long left)
{
	int n = 0;

	while (bufs_free() > left) {
		struct nmreq_register reg;
		long want = bufs_free() - left;
		int fd = nmt_open(), err;

		if (n == max)
			nmt_die("more than %d fds to take the buffers", max);
		nmt_reg_init(&reg, NR_REG_NULL, 0, 0);
		reg.nr_extra_bufs = want > 32768 ? 32768 : want;
		err = nmt_register(fd, "bfill{0", &reg);
		if (err || !reg.nr_extra_bufs)
			nmt_die("taking %ld buffers: %s, granted %u", want,
				nmt_errname(err), reg.nr_extra_bufs);
		fds[n++] = fd;
	}
	return n;
}

static int run_bufpool(const char *ifname)
{
	/* A one-queue veth needs 4 rings of 1024: fail at each of them. */
	static const long levels[] = {0, 500, 1500, 2500, 3500};
	struct nmreq_port_info_get info;
	struct nmreq_header hdr;
	struct nmt_port p;
	unsigned int i;
	int fds[64], n, j, err, base;

	/* The filler pipe itself takes buffers: open it first. */
	base = nmt_open();
	{
		struct nmreq_register reg;

		nmt_reg_init(&reg, NR_REG_NULL, 0, 0);
		err = nmt_register(base, "bfill{0", &reg);
		if (err)
			nmt_die("register bfill{0: %s", nmt_errname(err));
	}
	for (i = 0; i < sizeof(levels) / sizeof(levels[0]); i++) {
		char what[96];

		n = take_bufs(fds, 64, levels[i]);
		nmt_check("free buffers before the register", levels[i],
			  bufs_free());
		err = nmt_port_open(&p, ifname, NR_REG_ALL_NIC, 0);
		snprintf(what, sizeof(what),
			 "register %s with %ld buffers free", ifname,
			 levels[i]);
		nmt_check_err(what, ENOMEM, err);
		if (!err)
			nmt_port_close(&p);
		snprintf(what, sizeof(what),
			 "free buffers after the failed register at %ld",
			 levels[i]);
		nmt_check(what, levels[i], bufs_free());

		memset(&info, 0, sizeof(info));
		nmt_hdr_init(&hdr, "lo", NETMAP_REQ_PORT_INFO_GET, &info);
		nmt_check_err("PORT_INFO_GET lo", 0, nmt_ctrl(base, &hdr));
		nmt_check("free buffers after PORT_INFO_GET", levels[i],
			  bufs_free());
		for (j = 0; j < n; j++)
			close(fds[j]);
		printf("level=%ld done\n", levels[i]);
	}
	nmt_check_err("register with room", 0,
		      nmt_port_open(&p, ifname, NR_REG_ALL_NIC, 0));
	nmt_port_close(&p);
	close(base);
	return nmt_exit_status();
}

/* ---- flap ------------------------------------------------------------ */

static int run_flap(const char *ifname, double seconds)
{
	unsigned long ok = 0, enxio = 0, other = 0;
	double end = nmt_now() + seconds;

	while (nmt_now() < end) {
		struct nmt_port p;
		int err = nmt_port_open(&p, ifname, NR_REG_ALL_NIC, 0);

		if (!err) {
			ok++;
			/* Syncs on a port whose device may be gone. */
			nmt_txsync(p.fd);
			nmt_rxsync(p.fd);
			nmt_port_close(&p);
		} else if (err == -ENXIO) {
			enxio++;
		} else {
			if (other++ < 5)
				printf("other error: %s\n", nmt_errname(err));
		}
	}
	printf("ok=%lu enxio=%lu other=%lu\n", ok, enxio, other);
	nmt_check("registrations neither done nor ENXIO", 0, other);
	return nmt_exit_status();
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc == 3 && !strcmp(argv[1], "ifpool"))
		return run_ifpool(atof(argv[2]));
	if (argc == 3 && !strcmp(argv[1], "bufpool"))
		return run_bufpool(argv[2]);
	if (argc == 4 && !strcmp(argv[1], "flap"))
		return run_flap(argv[2], atof(argv[3]));
	fprintf(stderr, "usage: nm_race ifpool SECONDS | bufpool IFNAME | "
			"flap IFNAME SECONDS\n");
	return 2;
}
