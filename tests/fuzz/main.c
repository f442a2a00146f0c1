/*
 * nmfuzz: rounds of workers hammering /dev/netmap (see fuzz.h), each
 * followed by the checks that every process is gone, the pools are whole
 * and the module still answers.
 *
 *	nmfuzz [--seed S] [--seconds T] [--round-seconds R] [--workers N]
 *	       [--threads N] [--uid UID] [--veth A:B]... [--chaos]
 *	       [--keep-going] [--verbose]
 *
 * Prints key=value lines: one "round=" line per round with --verbose, a
 * "finding=" line per problem (with the round and its seed, to replay
 * it), and a summary. Exit status 0 when nothing was found.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <grp.h>
#include <inttypes.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fuzz.h"

#define FZ_MAX_WORKERS 16

static const char *const fz_counter_names[FZ_COUNTERS] = {
	"calls", "registered", "syncs", "polls",
	"maps",	 "ring_ops",   "forks", "link_changes",
};

static unsigned int findings;

static void finding(unsigned int round, uint64_t seed, const char *what)
{
	findings++;
	printf("finding=%u round=%u seed=%" PRIu64 " what=\"%s\"\n", findings,
	       round, seed, what);
	fflush(stdout);
}

static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY), ok;

	if (fd < 0)
		return -1;
	ok = write(fd, text, strlen(text)) == (ssize_t)strlen(text);
	close(fd);
	return ok ? 0 : -1;
}

/* Become who this worker is meant to be; 0 on success. */
static int fz_become(enum fz_identity who, unsigned int uid)
{
	char map[64];

	if (who == FZ_ROOT)
		return 0;
	if (setgroups(0, NULL) || setgid(uid) || setuid(uid))
		return -1;
	if (who == FZ_NOBODY)
		return 0;
	if (unshare(CLONE_NEWUSER | CLONE_NEWNET))
		return -1;
	snprintf(map, sizeof(map), "0 %u 1", uid);
	if (write_file("/proc/self/setgroups", "deny") ||
	    write_file("/proc/self/uid_map", map) ||
	    write_file("/proc/self/gid_map", map))
		return -1;
	return 0;
}

struct fz_thread {
	struct fz_worker *w;
	unsigned int index;
	pthread_t tid;
};

static void *fz_thread_main(void *arg)
{
	struct fz_thread *t = arg;
	struct rng r;

	rng_seed(&r, t->w->seed, t->w->round, t->w->index, t->index);
	while (fz_now() < t->w->deadline)
		fz_op(t->w, &r);
	return NULL;
}

static void fz_worker_main(struct fz_worker *w)
{
	struct fz_thread t[16];
	unsigned int i, n = w->cfg->threads;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	signal(SIGPIPE, SIG_IGN);
	if (fz_become(w->who, w->cfg->uid))
		_exit(3);
	fz_worker_init(w);
	for (i = 0; i < n; i++) {
		t[i].w = w;
		t[i].index = i;
		if (pthread_create(&t[i].tid, NULL, fz_thread_main, &t[i]))
			_exit(4);
	}
	for (i = 0; i < n; i++)
		pthread_join(t[i].tid, NULL);
	fz_worker_close_all(w);
	while (wait(NULL) > 0)
		;
	_exit(0);
}

/* The interfaces under test exist and are up, whatever the last round
 * did to them. */
static void fz_restore_links(const struct fz_config *cfg)
{
	unsigned int i;
	char cmd[256];

	for (i = 0; i + 1 < cfg->nifaces; i += 2) {
		snprintf(
			cmd, sizeof(cmd),
			"ip link show %s >/dev/null 2>&1 || ip link add name "
			"%s type veth peer name %s; ip link set %s up; ip link "
			"set %s up",
			cfg->ifaces[i], cfg->ifaces[i], cfg->ifaces[i + 1],
			cfg->ifaces[i], cfg->ifaces[i + 1]);
		if (system(cmd) != 0)
			fprintf(stderr, "nmfuzz: restoring %s failed\n",
				cfg->ifaces[i]);
	}
}

/* "" when the default region's pools are whole and no other region is
 * left; else what is wrong. */
static const char *fz_pools_whole(char *why, size_t size)
{
	FILE *f = fopen("/sys/class/misc/netmap/pools", "r");
	char name[16];
	long a, b, c;
	int n;

	why[0] = '\0';
	if (!f) {
		snprintf(why, size, "no pools file: %s", strerror(errno));
		return why;
	}
	while ((n = fscanf(f, "%15s %ld %ld %ld", name, &a, &b, &c)) >= 2) {
		if (!strcmp(name, "users") && a != 0)
			snprintf(why, size, "users %ld", a);
		else if (!strcmp(name, "regions") && a != 1)
			snprintf(why, size, "regions %ld", a);
		else if (n == 4 && !strcmp(name, "buf") && b != a - 2)
			snprintf(why, size, "buf %ld of %ld free", b, a);
		else if (n == 4 && strcmp(name, "buf") && b != a)
			snprintf(why, size, "%s %ld of %ld free", name, b, a);
		if (n == 2)
			continue;
	}
	fclose(f);
	return why;
}

static int fz_module_answers(void)
{
	struct nmreq_pools_info pi;
	struct nmreq_header hdr;
	int fd = open("/dev/netmap", O_RDWR), ok;

	if (fd < 0)
		return 0;
	memset(&hdr, 0, sizeof(hdr));
	memset(&pi, 0, sizeof(pi));
	hdr.nr_version = NETMAP_API;
	hdr.nr_reqtype = NETMAP_REQ_POOLS_INFO_GET;
	hdr.nr_body = (uintptr_t)&pi;
	ok = ioctl(fd, NIOCCTRL, &hdr) == 0 && pi.nr_mem_id == 1;
	close(fd);
	return ok;
}

/* Reap every descendant (we are their subreaper) until none is left or
 * the time is up; returns how many are still there. */
static int fz_reap(double until)
{
	for (;;) {
		pid_t pid = waitpid(-1, NULL, WNOHANG);

		if (pid < 0 && errno == ECHILD)
			return 0;
		if (pid > 0)
			continue;
		if (fz_now() > until)
			break;
		usleep(20000);
	}
	return 1;
}

static void fz_round(const struct fz_config *cfg, struct fz_shared *shared,
		     unsigned int round)
{
	pid_t pids[FZ_MAX_WORKERS];
	double start, end, kill_at;
	struct rng r;
	unsigned int i, victim;
	char why[128];

	fz_restore_links(cfg);
	start = fz_now();
	end = start + cfg->round_seconds;
	rng_seed(&r, cfg->seed, round, 0xfeed, 0);
	/* A third of the rounds kill one worker in the middle of it all. */
	victim = rng_one_in(&r, 3) ? rng_below(&r, cfg->workers) : ~0u;
	kill_at = start +
		  cfg->round_seconds * (0.2 + 0.6 * rng_below(&r, 100) / 100.0);
	for (i = 0; i < cfg->workers; i++) {
		struct fz_worker w = {
			.shared = shared,
			.cfg = cfg,
			.who = cfg->uid ? (enum fz_identity)(i % 3) : FZ_ROOT,
			.seed = cfg->seed,
			.round = round,
			.index = i,
			.deadline = end,
		};

		fflush(stdout);
		pids[i] = fork();
		if (pids[i] == 0)
			fz_worker_main(&w);
	}
	if (victim != ~0u) {
		while (fz_now() < kill_at)
			usleep(20000);
		if (pids[victim] > 0)
			kill(pids[victim], SIGKILL);
	}
	/* Workers end at the deadline; one that does not in 60 s more is
	 * stuck in the kernel. */
	if (fz_reap(end + 60)) {
		for (i = 0; i < cfg->workers; i++)
			if (pids[i] > 0)
				kill(pids[i], SIGKILL);
		if (fz_reap(fz_now() + 60)) {
			finding(round, cfg->seed, "a worker did not exit");
			return;
		}
	}
	/* A killed process's files may be released a moment later. */
	for (i = 0; i < 50 && *fz_pools_whole(why, sizeof(why)); i++)
		usleep(100000);
	if (*why) {
		char what[192];

		snprintf(what, sizeof(what), "pools not whole: %s", why);
		finding(round, cfg->seed, what);
	}
	if (!fz_module_answers())
		finding(round, cfg->seed,
			"POOLS_INFO_GET failed after the round");
	if (cfg->verbose)
		printf("round=%u victim=%d calls=%llu\n", round,
		       victim == ~0u ? -1 : (int)victim,
		       (unsigned long long)atomic_load(
			       &shared->count[FZ_CALLS]));
}

static void usage(void)
{
	fprintf(stderr,
		"usage: nmfuzz [--seed S] [--seconds T] [--round-seconds R] "
		"[--workers N] [--threads N] [--uid UID] [--veth A:B]... "
		"[--chaos] [--keep-going] [--verbose]\n");
	exit(2);
}

static void parse(int argc, char **argv, struct fz_config *cfg, int *keep)
{
	static const struct option opts[] = {
		{"seed", required_argument, NULL, 's'},
		{"seconds", required_argument, NULL, 't'},
		{"round-seconds", required_argument, NULL, 'r'},
		{"workers", required_argument, NULL, 'w'},
		{"threads", required_argument, NULL, 'p'},
		{"uid", required_argument, NULL, 'u'},
		{"veth", required_argument, NULL, 'v'},
		{"chaos", no_argument, NULL, 'c'},
		{"keep-going", no_argument, NULL, 'k'},
		{"verbose", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	int c;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 's':
			cfg->seed = strtoull(optarg, NULL, 0);
			break;
		case 't':
			cfg->seconds = atof(optarg);
			break;
		case 'r':
			cfg->round_seconds = atof(optarg);
			break;
		case 'w':
			cfg->workers = atoi(optarg);
			break;
		case 'p':
			cfg->threads = atoi(optarg);
			break;
		case 'u':
			cfg->uid = atoi(optarg);
			break;
		case 'v': {
			char *colon = strchr(optarg, ':');

			if (!colon || cfg->nifaces + 2 > 8)
				usage();
			*colon = '\0';
			cfg->ifaces[cfg->nifaces++] = optarg;
			cfg->ifaces[cfg->nifaces++] = colon + 1;
			break;
		}
		case 'c':
			cfg->chaos = 1;
			break;
		case 'k':
			*keep = 1;
			break;
		case 'V':
			cfg->verbose = 1;
			break;
		default:
			usage();
		}
	}
	if (optind != argc || cfg->workers < 1 ||
	    cfg->workers > FZ_MAX_WORKERS || cfg->threads < 1 ||
	    cfg->threads > 16 || cfg->round_seconds <= 0)
		usage();
}

int main(int argc, char **argv)
{
	struct fz_config cfg = {
		.seed = 1,
		.seconds = 60,
		.round_seconds = 3,
		.workers = 3,
		.threads = 3,
	};
	struct fz_shared *shared;
	unsigned int round = 0, i;
	int keep = 0;
	double end;

	parse(argc, argv, &cfg, &keep);
	setvbuf(stdout, NULL, _IOLBF, 0);
	shared = mmap(NULL, sizeof(*shared), PROT_READ | PROT_WRITE,
		      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (shared == MAP_FAILED)
		return 1;
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	printf("seed=%" PRIu64 " seconds=%g workers=%u threads=%u uid=%u\n",
	       cfg.seed, cfg.seconds, cfg.workers, cfg.threads, cfg.uid);
	end = fz_now() + cfg.seconds;
	while (fz_now() < end && (keep || !findings))
		fz_round(&cfg, shared, round++);
	printf("rounds=%u", round);
	for (i = 0; i < FZ_COUNTERS; i++)
		printf(" %s=%llu", fz_counter_names[i],
		       (unsigned long long)atomic_load(&shared->count[i]));
	printf(" findings=%u\n", findings);
	return findings ? 1 : 0;
}
