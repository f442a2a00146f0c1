/*
 * main.c - bridge: parse the options, open both ports (or a port and its
 * host rings), forward in one thread per ring pair (-p) or one for all,
 * while the main thread waits for signals and reports.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>

#include "bridge.h"
#include "options.h"
#include "report.h"

#define BR_SIGNAL_NAP_NS 100000000L /* main looks at br_stop this often */

atomic_int br_stop;

static int fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* One line on stderr naming the problem; the caller exits 1. */
static int fail(const char *fmt, ...)
{
	va_list ap;

	fputs("bridge: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return -1;
}

static int thread_fail(struct br_thread *t, int err, const char *what)
{
	snprintf(t->errmsg, sizeof(t->errmsg), "%s: %s", what, strerror(err));
	t->error = err;
	atomic_store(&br_stop, 1);
	return -1;
}

/*
 * What to wait for: frames on a port's rx rings, or, while frames of one
 * port wait for room on the other, room on the other's tx rings only (so
 * that they do not wake us again and again).
 */
static int wait_rings(struct br_thread *t, const enum br_result res[2])
{
	struct pollfd pfd[2] = {{.fd = t->port[0].fd}, {.fd = t->port[1].fd}};
	int d, timeout = BR_POLL_MS;

	for (d = 0; d < 2; d++) {
		if (res[d] == BR_WAIT_ROOM)
			pfd[!d].events |= POLLOUT;
		else
			pfd[d].events |= POLLIN;
		if (res[d] == BR_MORE)
			timeout = 0;
	}
	if (poll(pfd, 2, timeout) < 0 && errno != EINTR)
		return thread_fail(t, errno, "poll");
	for (d = 0; d < 2; d++)
		if (pfd[d].revents & (POLLERR | POLLNVAL))
			return thread_fail(t, EIO, t->conf->port[d]);
	return 0;
}

static void *thread_main(void *arg)
{
	struct br_thread *t = arg;
	enum br_result res[2] = {BR_DRAINED, BR_DRAINED};
	int d;

	while (!atomic_load_explicit(&br_stop, memory_order_relaxed)) {
		if (wait_rings(t, res))
			break;
		for (d = 0; d < 2; d++) {
			struct br_batch b = {0};

			res[d] = br_forward(&t->port[d], &t->port[!d],
					    t->zerocopy, t->conf->burst, &b);
			if (b.packets || b.dropped)
				br_counters_add(&t->dir[d], &b);
		}
	}
	/* hand the kernel what the last round put on the tx rings */
	for (d = 0; d < 2; d++)
		ioctl(t->port[d].fd, NIOCTXSYNC, NULL);
	return NULL;
}

/* Open port 0 as named and port 1 as named, or as port 0's host rings. */
static int open_ports(const struct br_conf *c, struct nmport port[2],
		      struct br_names *names)
{
	struct nmport_spec spec[2];
	struct nmport_error e;
	int host = !c->port[1] || !strcmp(c->port[0], c->port[1]);
	int i;

	for (i = 0; i < 2 - host; i++)
		if (nmport_parse(c->port[i], &spec[i], &e))
			return fail("%s: %s", c->port[i], e.msg);
	snprintf(names->name[0], sizeof(names->name[0]), "%s", c->port[0]);
	if (host) {
		if (spec[0].kind != NMPORT_NIC ||
		    spec[0].mode != NR_REG_ALL_NIC)
			return fail("%s: only an interface with all its rings "
				    "(netmap:eth0) can be bridged with its "
				    "host rings",
				    c->port[0]);
		spec[1] = spec[0];
		spec[1].mode = NR_REG_SW;
		snprintf(names->name[1], sizeof(names->name[1]), "%s^",
			 c->port[0]);
	} else {
		snprintf(names->name[1], sizeof(names->name[1]), "%s",
			 c->port[1]);
	}
	for (i = 0; i < 2; i++) {
		if (nmport_open_spec(&spec[i], &port[i], &e)) {
			fail("%s: %s", names->name[i], e.msg);
			goto close;
		}
		if (port[i].first_tx == port[i].last_tx ||
		    port[i].first_rx == port[i].last_rx) {
			fail("%s: a bridge port needs tx and rx rings",
			     names->name[i]);
			nmport_close(&port[i]);
			goto close;
		}
	}
	return 0;
close:
	while (i-- > 0)
		nmport_close(&port[i]);
	return -1;
}

static unsigned int ring_pairs(const struct nmport *p)
{
	unsigned int tx = nmport_tx_rings(p), rx = nmport_rx_rings(p);

	return tx < rx ? tx : rx;
}

/* -p: how many threads, one per ring pair; else 1. */
static int count_threads(const struct br_conf *c, const struct nmport p[2],
			 unsigned int *threads)
{
	unsigned int r0 = ring_pairs(&p[0]), r1 = ring_pairs(&p[1]);

	*threads = 1;
	if (!c->per_ring)
		return 0;
	if (p[0].spec.mode != NR_REG_ALL_NIC ||
	    p[1].spec.mode != NR_REG_ALL_NIC)
		return fail("-p: both ports must be given with all their "
			    "rings, without a ring suffix or host rings");
	if (r0 != r1)
		return fail("-p: %s has %u ring pair%s, %s has %u", c->port[0],
			    r0, r0 == 1 ? "" : "s", c->port[1], r1);
	if (r0 > BR_MAX_THREADS)
		return fail("-p: %u ring pairs, at most %d threads", r0,
			    BR_MAX_THREADS);
	*threads = r0;
	return 0;
}

static int thread_setup(struct br_thread *t, const struct br_conf *c,
			const struct nmport port[2], unsigned int threads,
			unsigned int id, int zerocopy)
{
	struct nmport_error e;
	int d;

	t->id = id;
	t->conf = c;
	t->zerocopy = zerocopy;
	if (threads == 1) {
		t->port[0] = port[0];
		t->port[1] = port[1];
		return 0;
	}
	for (d = 0; d < 2; d++) {
		if (nmport_clone_ring(&port[d], id, &t->port[d], &e)) {
			if (d)
				nmport_close(&t->port[0]);
			return fail("%s ring %u: %s", c->port[d], id, e.msg);
		}
	}
	t->own_ports = 1;
	return 0;
}

static void thread_cleanup(struct br_thread *t)
{
	if (!t->own_ports)
		return;
	nmport_close(&t->port[0]);
	nmport_close(&t->port[1]);
}

static int carrier_up(const char *ifname)
{
	char path[128], v = '0';
	FILE *f;

	snprintf(path, sizeof(path), "/sys/class/net/%s/carrier", ifname);
	f = fopen(path, "r");
	if (!f)
		return 1; /* not an interface we can ask: go on */
	if (fread(&v, 1, 1, f) != 1)
		v = '0';
	fclose(f);
	return v == '1';
}

/* Pipes and VALE ports have no link to wait for. */
static int port_up(const struct nmport *p)
{
	return p->spec.kind != NMPORT_NIC || carrier_up(p->spec.name);
}

/*
 * Wait for a signal for up to ns; returns it, or 0. Signals are blocked in
 * every thread and taken here, so none lands in the middle of a batch.
 */
static int next_signal(const sigset_t *set, long ns)
{
	struct timespec ts = {0, ns};
	int sig = sigtimedwait(set, NULL, &ts);

	return sig > 0 ? sig : 0;
}

/* -w: up to S seconds for the interfaces' carriers; 0 or a signal. */
static int wait_link(const struct br_conf *c, const struct nmport p[2],
		     const sigset_t *set)
{
	long naps = c->wait_link * 10L;
	int sig = 0;

	while (naps-- > 0 && !sig) {
		if (port_up(&p[0]) && port_up(&p[1]))
			return 0;
		sig = next_signal(set, BR_SIGNAL_NAP_NS);
		if (sig == SIGUSR1)
			sig = 0;
	}
	return sig;
}

static void on_signal(int sig)
{
	(void)sig; /* never runs: the signals stay blocked */
}

/* Block the signals main takes with sigtimedwait(), in every thread. */
static void block_signals(sigset_t *set)
{
	struct sigaction sa;

	sigemptyset(set);
	sigaddset(set, SIGINT);
	sigaddset(set, SIGTERM);
	sigaddset(set, SIGUSR1);
	pthread_sigmask(SIG_BLOCK, set, NULL);
	/* A shell starts background jobs with SIGINT ignored; a handler of
	 * our own makes sure it is delivered. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGUSR1, &sa, NULL);
}

struct br_run {
	struct br_conf *conf;
	struct br_names names;
	struct nmport port[2];
	struct br_thread *threads;
	unsigned int nthreads, made, started;
	int zerocopy;
	sigset_t signals;
};

static int start_threads(struct br_run *r)
{
	int err;

	for (r->started = 0; r->started < r->nthreads; r->started++) {
		err = pthread_create(&r->threads[r->started].tid, NULL,
				     thread_main, &r->threads[r->started]);
		if (err) {
			atomic_store(&br_stop, 1);
			return fail("cannot start thread %u: %s", r->started,
				    strerror(err));
		}
	}
	return 0;
}

/* Report on SIGUSR1 until SIGINT, SIGTERM or a failed thread. */
static void serve(struct br_run *r)
{
	while (!atomic_load(&br_stop)) {
		int sig = next_signal(&r->signals, BR_SIGNAL_NAP_NS);

		if (sig == SIGUSR1)
			br_report_counts(r->conf, &r->names, r->threads,
					 r->nthreads, r->zerocopy, "report");
		else if (sig)
			atomic_store(&br_stop, 1);
	}
}

static int forward(struct br_run *r)
{
	unsigned int i;
	int ret = -1;

	r->threads = aligned_alloc(64, sizeof(*r->threads) * r->nthreads);
	if (!r->threads)
		return fail("out of memory");
	memset(r->threads, 0, sizeof(*r->threads) * r->nthreads);
	for (r->made = 0; r->made < r->nthreads; r->made++)
		if (thread_setup(&r->threads[r->made], r->conf, r->port,
				 r->nthreads, r->made, r->zerocopy))
			goto cleanup;
	if (r->conf->verbose)
		br_report_start(r->conf, &r->names, r->port, r->nthreads,
				r->zerocopy);
	if (wait_link(r->conf, r->port, &r->signals)) {
		ret = 0;
		goto summary;
	}
	if (start_threads(r) == 0)
		ret = 0;
	serve(r);
	for (i = 0; i < r->started; i++)
		pthread_join(r->threads[i].tid, NULL);
summary:
	br_report_counts(r->conf, &r->names, r->threads, r->nthreads,
			 r->zerocopy, "summary");
	for (i = 0; i < r->started; i++)
		if (r->threads[i].error)
			ret = fail("thread %u: %s", i, r->threads[i].errmsg);
cleanup:
	for (i = 0; i < r->made; i++)
		thread_cleanup(&r->threads[i]);
	free(r->threads);
	return ret;
}

static int run(struct br_conf *c)
{
	struct br_run r = {.conf = c};
	int ret;

	block_signals(&r.signals);
	if (open_ports(c, r.port, &r.names))
		return -1;
	r.zerocopy =
		!c->copy && r.port[0].reg.nr_mem_id == r.port[1].reg.nr_mem_id;
	ret = count_threads(c, r.port, &r.nthreads);
	if (!ret)
		ret = forward(&r);
	nmport_close(&r.port[0]);
	nmport_close(&r.port[1]);
	return ret;
}

int main(int argc, char **argv)
{
	struct br_conf conf;
	char err[512];

	switch (br_options_parse(argc, argv, &conf, err, sizeof(err))) {
	case BR_PARSE_EXIT:
		return 0;
	case BR_PARSE_ERROR:
		fail("%s", err);
		return 1;
	case BR_PARSE_OK:
		break;
	}
	return run(&conf) ? 1 : 0;
}
