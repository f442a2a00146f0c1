/*
 * The operations a fuzzer thread draws from, over a table of descriptors
 * shared by the worker's threads: open, close (sometimes leaving the
 * mapping behind), dup, NIOCCTRL and legacy requests, mmap and munmap,
 * syncs, poll, ring traffic and corruption, fork, and changes to the
 * interfaces under test.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fuzz.h"

extern char **environ;

double fz_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void fz_count(struct fz_worker *w, enum fz_counter c)
{
	atomic_fetch_add(&w->shared->count[c], 1);
}

void fz_worker_init(struct fz_worker *w)
{
	int i;

	for (i = 0; i < FZ_SLOTS; i++) {
		pthread_mutex_init(&w->slot[i].lock, NULL);
		w->slot[i].fd = -1;
		w->slot[i].mem = NULL;
		w->slot[i].nifp = NULL;
	}
}

/* Caller holds the slot's lock. */
static void fz_unmap(struct fz_slot *s)
{
	if (s->mem)
		munmap(s->mem, s->memsize);
	s->mem = NULL;
	s->nifp = NULL;
}

void fz_worker_close_all(struct fz_worker *w)
{
	int i;

	for (i = 0; i < FZ_SLOTS; i++) {
		fz_unmap(&w->slot[i]);
		if (w->slot[i].fd >= 0)
			close(w->slot[i].fd);
		w->slot[i].fd = -1;
	}
}

/* Map what a registration reported, replacing any older mapping. */
static void fz_map(struct fz_slot *s, uint64_t memsize, uint64_t offset)
{
	char *mem;

	if (!memsize || memsize > ((uint64_t)4 << 30))
		return;
	mem = mmap(NULL, memsize, PROT_READ | PROT_WRITE, MAP_SHARED, s->fd, 0);
	if (mem == MAP_FAILED)
		return;
	pthread_mutex_lock(&s->lock);
	fz_unmap(s);
	s->mem = mem;
	s->memsize = memsize;
	s->nifp = offset + sizeof(struct netmap_if) <= memsize
			  ? (struct netmap_if *)(mem + offset)
			  : NULL;
	pthread_mutex_unlock(&s->lock);
}

static void op_open(struct fz_worker *w, struct fz_slot *s, struct rng *r)
{
	int fd = open("/dev/netmap", O_RDWR | O_CLOEXEC);

	(void)r;
	if (fd < 0)
		return;
	pthread_mutex_lock(&s->lock);
	if (s->fd < 0) {
		s->fd = fd;
		fd = -1;
	}
	pthread_mutex_unlock(&s->lock);
	if (fd >= 0)
		close(fd);
	(void)w;
}

/* Close; a third of the time the mapping stays, keeping the file (and its
 * registration) alive until it is unmapped. */
static void op_close(struct fz_worker *w, struct fz_slot *s, struct rng *r)
{
	int fd;

	(void)w;
	pthread_mutex_lock(&s->lock);
	fd = s->fd;
	s->fd = -1;
	if (!rng_one_in(r, 3))
		fz_unmap(s);
	pthread_mutex_unlock(&s->lock);
	if (fd >= 0)
		close(fd);
}

static void op_dup(struct fz_worker *w, struct fz_slot *s, struct rng *r)
{
	struct fz_slot *to = &w->slot[rng_below(r, FZ_SLOTS)];
	int fd = s->fd >= 0 ? fcntl(s->fd, F_DUPFD_CLOEXEC, 0) : -1;

	if (fd < 0)
		return;
	pthread_mutex_lock(&to->lock);
	if (to->fd < 0) {
		to->fd = fd;
		fd = -1;
	}
	pthread_mutex_unlock(&to->lock);
	if (fd >= 0)
		close(fd);
}

static void op_ctrl(struct fz_worker *w, struct fz_slot *s, struct rng *r)
{
	struct nmreq_register reply;
	int fd = s->fd;

	if (fd < 0)
		return;
	if (!fz_ctrl(fd, r, w->cfg, &reply) && reply.nr_memsize) {
		fz_count(w, FZ_REGISTERED);
		fz_map(s, reply.nr_memsize, reply.nr_offset);
	}
}

static void op_legacy(struct fz_worker *w, struct fz_slot *s, struct rng *r)
{
	struct nmreq reply;
	int fd = s->fd;

	if (fd < 0)
		return;
	if (fz_legacy(fd, r, w->cfg, &reply) == 1) {
		fz_count(w, FZ_REGISTERED);
		fz_map(s, reply.nr_memsize, reply.nr_offset);
	}
}

/* mmap with a random length and offset; kept when it works. */
static void op_mmap(struct fz_worker *w, struct fz_slot *s, struct rng *r)
{
	size_t len = (1 + rng_below(r, 64)) * 4096;
	off_t off = rng_one_in(r, 2) ? 0 : (off_t)rng_below(r, 1 << 20) * 4096;
	int prot = rng_one_in(r, 4) ? PROT_READ : PROT_READ | PROT_WRITE;
	char *mem;

	if (s->fd < 0)
		return;
	if (rng_one_in(r, 8))
		len = rng_next(r);
	mem = mmap(NULL, len, prot, MAP_SHARED, s->fd, off);
	fz_count(w, FZ_MAPS);
	if (mem == MAP_FAILED)
		return;
	if (prot != (PROT_READ | PROT_WRITE) || off) {
		munmap(mem, len);
		return;
	}
	pthread_mutex_lock(&s->lock);
	fz_unmap(s);
	s->mem = mem;
	s->memsize = len; /* no netmap_if known at this offset */
	pthread_mutex_unlock(&s->lock);
}

static void op_munmap(struct fz_worker *w, struct fz_slot *s, struct rng *r)
{
	(void)w;
	(void)r;
	pthread_mutex_lock(&s->lock);
	fz_unmap(s);
	pthread_mutex_unlock(&s->lock);
}

static void op_sync(struct fz_worker *w, struct fz_slot *s, struct rng *r)
{
	if (s->fd < 0)
		return;
	ioctl(s->fd, rng_below(r, 2) ? NIOCTXSYNC : NIOCRXSYNC);
	if (rng_one_in(r, 30)) /* not ours */
		ioctl(s->fd, _IO('i', rng_below(r, 256)), rng_next(r));
	fz_count(w, FZ_SYNCS);
}

static void op_poll(struct fz_worker *w, struct fz_slot *s, struct rng *r)
{
	static const short ev[] = {POLLIN, POLLOUT, POLLIN | POLLOUT, 0};
	struct pollfd pfd[FZ_SLOTS];
	int n = 0, i;

	if (rng_one_in(r, 2)) {
		pfd[n].fd = s->fd;
		pfd[n++].events = ev[rng_below(r, 4)];
	} else {
		for (i = 0; i < FZ_SLOTS; i++) {
			pfd[n].fd = w->slot[i].fd;
			pfd[n++].events = ev[rng_below(r, 4)];
		}
	}
	poll(pfd, n, rng_below(r, 3));
	fz_count(w, FZ_POLLS);
}

static void op_ring(struct fz_worker *w, struct fz_slot *s, struct rng *r)
{
	pthread_mutex_lock(&s->lock);
	if (s->mem && s->nifp) {
		fz_ring_play(s, r);
		fz_count(w, FZ_CORRUPTIONS);
	}
	pthread_mutex_unlock(&s->lock);
}

/*
 * A child that shares the descriptors and mappings for a few operations,
 * then exits (or is killed, if its parent goes first). It is single
 * threaded: it takes none of the slot locks, which another thread may
 * have held at the fork.
 */
static void op_fork(struct fz_worker *w, struct fz_slot *s, struct rng *r)
{
	uint64_t seed = rng_next(r);
	pid_t pid;

	(void)s;
	pid = fork();
	if (pid < 0)
		return;
	if (pid == 0) {
		struct rng cr;
		int i, k;

		prctl(PR_SET_PDEATHSIG, SIGKILL);
		rng_seed(&cr, seed, 0, 0, 0);
		for (k = 0; k < 20; k++) {
			struct fz_slot *cs = &w->slot[rng_below(&cr, FZ_SLOTS)];

			switch (rng_below(&cr, 4)) {
			case 0:
				if (cs->fd >= 0)
					ioctl(cs->fd, rng_below(&cr, 2)
							      ? NIOCTXSYNC
							      : NIOCRXSYNC);
				break;
			case 1:
				if (cs->mem && cs->nifp)
					fz_ring_play(cs, &cr);
				break;
			case 2:
				if (cs->fd >= 0)
					fz_ctrl(cs->fd, &cr, w->cfg, NULL);
				break;
			default:
				if (cs->fd >= 0)
					close(cs->fd);
				cs->fd = -1;
			}
		}
		for (i = 0; i < FZ_SLOTS; i++)
			if (w->slot[i].fd >= 0)
				close(w->slot[i].fd);
		_exit(0);
	}
	fz_count(w, FZ_FORKS);
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
}

static void fz_ip(char *const argv[])
{
	pid_t pid;

	if (!posix_spawnp(&pid, "ip", NULL, NULL, argv, environ))
		waitpid(pid, NULL, 0);
}

/* An interface under test goes down, comes up, or is deleted and made
 * again (as a veth pair of the same names), under the other threads. */
static void op_link(struct fz_worker *w, struct fz_slot *s, struct rng *r)
{
	const struct fz_config *cfg = w->cfg;
	unsigned int pair;
	char *a, *b;

	(void)s;
	/* Rarely: each change costs a process and rtnl. */
	if (!cfg->chaos || cfg->nifaces < 2 || w->who != FZ_ROOT ||
	    !rng_one_in(r, 16))
		return;
	pair = rng_below(r, cfg->nifaces / 2) * 2;
	a = (char *)cfg->ifaces[pair];
	b = (char *)cfg->ifaces[pair + 1];
	switch (rng_below(r, 3)) {
	case 0: {
		char *argv[] = {"ip", "link", "set", a, "down", NULL};

		fz_ip(argv);
		break;
	}
	case 1: {
		char *up_a[] = {"ip", "link", "set", a, "up", NULL};
		char *up_b[] = {"ip", "link", "set", b, "up", NULL};

		fz_ip(up_a);
		fz_ip(up_b);
		break;
	}
	default: {
		char *del[] = {"ip", "link", "del", a, NULL};
		char *add[] = {"ip",   "link", "add",  "name", a,   "type",
			       "veth", "peer", "name", b,      NULL};

		fz_ip(del);
		fz_ip(add);
		break;
	}
	}
	fz_count(w, FZ_LINK_CHANGES);
}

typedef void (*fz_op_fn)(struct fz_worker *, struct fz_slot *, struct rng *);

/* Weighted: requests and ring traffic most, the rest now and then. */
static const struct {
	fz_op_fn fn;
	unsigned int weight;
} fz_ops[] = {
	{op_open, 10},	{op_close, 7}, {op_dup, 1},    {op_ctrl, 14},
	{op_legacy, 3}, {op_mmap, 2},  {op_munmap, 1}, {op_sync, 14},
	{op_poll, 6},	{op_ring, 20}, {op_fork, 1},   {op_link, 1},
};

void fz_op(struct fz_worker *w, struct rng *r)
{
	unsigned int total = 0, pick, i;
	struct fz_slot *s = &w->slot[rng_below(r, FZ_SLOTS)];

	for (i = 0; i < sizeof(fz_ops) / sizeof(fz_ops[0]); i++)
		total += fz_ops[i].weight;
	pick = rng_below(r, total);
	for (i = 0; pick >= fz_ops[i].weight; i++)
		pick -= fz_ops[i].weight;
	fz_ops[i].fn(w, s, r);
	fz_count(w, FZ_CALLS);
}
