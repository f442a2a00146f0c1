/*
 * main.c - pkt-gen: parse the options, open the port (one clone per
 * thread with -p), run the mode's loop in each thread while the main
 * thread reports, then print the summary.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "options.h"
#include "output.h"
#include "pkt-gen.h"
#include "report.h"

#define PG_REPORT_NAP_NS 50000000ULL /* how often main looks for the end */
#define PG_LINK_NAP_NS 10000000ULL   /* how often -w looks at the carrier */

atomic_int pg_stop;
static volatile sig_atomic_t pg_interrupted;
static atomic_uint pg_done;

static void on_signal(int sig)
{
	(void)sig;
	pg_interrupted = 1;
	atomic_store(&pg_stop, 1);
}

/* One line on stderr naming the problem; the caller exits 1. */
static int fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int fail(const char *fmt, ...)
{
	va_list ap;

	fputs("pkt-gen: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return -1;
}

static void *thread_main(void *arg)
{
	struct pg_thread *t = arg;

	/* -n smaller than -p leaves some threads nothing to do */
	if (t->conf->count && !t->quota)
		;
	else if (t->conf->mode->run(t))
		atomic_store(&pg_stop, 1); /* one failed: end them all */
	atomic_fetch_add(&pg_done, 1);
	return NULL;
}

/* Rings the mode needs are bound, and there is one per thread. */
static int check_rings(const struct pg_conf *c, const struct nmport *p)
{
	unsigned int need = c->mode->flags, rings = 0xffff;

	if ((need & PG_USES_TX) && p->first_tx == p->last_tx)
		return fail("%s: no tx rings bound, -f %s needs them", c->port,
			    c->mode->name);
	if ((need & PG_USES_RX) && p->first_rx == p->last_rx)
		return fail("%s: no rx rings bound, -f %s needs them", c->port,
			    c->mode->name);
	if (c->threads == 1)
		return 0;
	if (p->spec.mode != NR_REG_ALL_NIC)
		return fail("-p %u: give the port without a ring suffix, each "
			    "thread binds one ring of it",
			    c->threads);
	if (need & PG_USES_TX)
		rings = nmport_tx_rings(p);
	if ((need & PG_USES_RX) && nmport_rx_rings(p) < rings)
		rings = nmport_rx_rings(p);
	if (rings < c->threads)
		return fail("-p %u: %s has %u ring%s, one thread per ring at "
			    "most",
			    c->threads, c->port, rings, rings == 1 ? "" : "s");
	return 0;
}

static int check_lengths(const struct pg_conf *c, const struct nmport *p)
{
	unsigned int r = p->first_tx < p->last_tx ? p->first_tx : 0;
	unsigned int size =
		p->first_tx < p->last_tx
			? nmport_txring(p, r)->nr_buf_size
			: nmport_rxring(p, p->first_rx)->nr_buf_size;

	if (c->len_max > size)
		return fail("-l %u: longer than the %u-byte buffers of %s",
			    c->len_max, size, c->port);
	return 0;
}

/* -a/-c: the CPUs exist; without -c, pin over all CPUs from -a on. */
static int check_cpus(struct pg_conf *c)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	if (c->first_cpu < 0)
		return 0;
	if (c->first_cpu >= n || c->first_cpu + c->cpus > n)
		return fail("-a %d -c %d: this machine has %ld CPUs (0-%ld)",
			    c->first_cpu, c->cpus ? c->cpus : 1, n, n - 1);
	if (!c->cpus)
		c->cpus = (int)(n - c->first_cpu);
	return 0;
}

/* The thread's port, packet template and per-slot bookkeeping. */
static int thread_setup(struct pg_thread *t, const struct pg_conf *c,
			struct nmport *parent, unsigned int id)
{
	struct nmport_error e;
	char err[PG_ERR_LEN];
	unsigned int slots;

	t->id = id;
	t->conf = c;
	t->quota = c->count / c->threads + (id < c->count % c->threads);
	t->rate = c->rate / c->threads + (id < c->rate % c->threads);
	if (c->threads == 1) {
		t->port = *parent;
	} else {
		if (nmport_clone_ring(parent, id, &t->port, &e))
			return fail("%s ring %u: %s", c->port, id, e.msg);
		t->own_port = 1;
	}
	if (pg_pkt_init(&t->pkt, c, !!(c->mode->flags & PG_SEQ_PAYLOAD), id,
			err, sizeof(err)))
		return fail("%s", err);
	slots = (t->port.last_tx - t->port.first_tx) *
		(t->port.last_tx > t->port.first_tx
			 ? nmport_txring(&t->port, t->port.first_tx)->num_slots
			 : 0);
	t->slot_buf = malloc((slots ? slots : 1) * sizeof(*t->slot_buf));
	if (!t->slot_buf)
		return fail("out of memory");
	memset(t->slot_buf, 0xff, (slots ? slots : 1) * sizeof(*t->slot_buf));
	return 0;
}

static void thread_cleanup(struct pg_thread *t)
{
	pg_pkt_free(&t->pkt);
	free(t->slot_buf);
	if (t->own_port)
		nmport_close(&t->port);
}

static void pin(struct pg_thread *t, const struct pg_conf *c)
{
	cpu_set_t set;

	if (c->first_cpu < 0)
		return;
	CPU_ZERO(&set);
	CPU_SET(c->first_cpu + (int)(t->id % (unsigned int)c->cpus), &set);
	pthread_setaffinity_np(t->tid, sizeof(set), &set);
}

static void install_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal; /* no SA_RESTART: wake up poll() */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

static void nap(uint64_t ns)
{
	struct timespec ts = {(time_t)(ns / 1000000000ULL),
			      (long)(ns % 1000000000ULL)};

	nanosleep(&ts, NULL);
}

/* Whether the interface has carrier: 1 or 0; -1 when this namespace's
 * sysfs cannot tell (then the whole -w is waited). */
static int carrier(const char *ifname)
{
	char path[sizeof("/sys/class/net//carrier") + NETMAP_REQ_IFNAMSIZ];
	FILE *f;
	int c;

	snprintf(path, sizeof(path), "/sys/class/net/%s/carrier", ifname);
	f = fopen(path, "r");
	if (!f)
		return -1;
	c = fgetc(f); /* a read of a down interface fails: no carrier */
	fclose(f);
	return c == '1';
}

/*
 * -w: let a real link come up (a NIC entering native netmap mode is
 * reset, and its link goes down for a moment): wait until it has
 * carrier, at most S seconds. Pipes and VALE ports have no link.
 */
static void wait_link(const struct pg_conf *c, const struct nmport *p)
{
	int s = c->wait_link >= 0	     ? c->wait_link
		: p->spec.kind == NMPORT_NIC ? 2
					     : 0;
	uint64_t end = pg_now_ns() + (uint64_t)s * 1000000000ULL;

	while (!pg_stopping() && pg_now_ns() < end) {
		if (p->spec.kind == NMPORT_NIC && carrier(p->spec.name) == 1)
			return;
		nap(PG_LINK_NAP_NS);
	}
}

/* Print an interval line every -T ms until every thread has ended. */
static void report_loop(const struct pg_conf *c, struct pg_thread *threads)
{
	uint64_t period = (uint64_t)c->report_ms * 1000000ULL;
	uint64_t t0 = pg_now_ns(), prev_ns = t0, next = t0 + period;
	struct pg_totals prev = {0}, now;

	while (atomic_load(&pg_done) < c->threads) {
		uint64_t ns = pg_now_ns();

		if (ns >= next) {
			pg_totals_read(threads, c->threads, &now);
			pg_report_interval(c, ns - t0, ns - prev_ns, &now,
					   &prev);
			prev = now;
			prev_ns = ns;
			next += period;
			if (next <= ns)
				next = ns + period;
			continue;
		}
		nap(next - ns < PG_REPORT_NAP_NS ? next - ns
						 : PG_REPORT_NAP_NS);
	}
}

static int start_threads(struct pg_conf *c, struct pg_thread *threads)
{
	sigset_t all, old;
	unsigned int i;
	int err;

	/* workers leave the signals to the main thread */
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	for (i = 0; i < c->threads; i++) {
		err = pthread_create(&threads[i].tid, NULL, thread_main,
				     &threads[i]);
		if (err) {
			atomic_store(&pg_stop, 1);
			atomic_fetch_add(&pg_done, c->threads - i);
			pthread_sigmask(SIG_SETMASK, &old, NULL);
			c->threads = i;
			return fail("cannot start thread %u: %s", i,
				    strerror(err));
		}
		pin(&threads[i], c);
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return 0;
}

static int run(struct pg_conf *c)
{
	struct pg_thread *threads = NULL;
	struct nmport_error e;
	struct nmport parent;
	unsigned int i, made = 0;
	int ret = -1;

	if (nmport_open(c->port, &parent, &e))
		return fail("%s: %s", c->port, e.msg);
	if (check_rings(c, &parent) || check_lengths(c, &parent) ||
	    check_cpus(c))
		goto close;
	threads = aligned_alloc(64, sizeof(*threads) * c->threads);
	if (!threads) {
		fail("out of memory");
		goto close;
	}
	memset(threads, 0, sizeof(*threads) * c->threads);
	for (made = 0; made < c->threads; made++)
		if (thread_setup(&threads[made], c, &parent, made))
			goto cleanup;
	if (c->dump && (c->mode->flags & PG_USES_TX) && !threads[0].pkt.raw)
		pg_hexdump(pg_out_json() ? stderr : stdout, threads[0].pkt.tmpl,
			   threads[0].pkt.len_min);
	install_signals();
	pg_report_start(c, &parent);
	wait_link(c, &parent);
	if (start_threads(c, threads) == 0)
		ret = 0;
	report_loop(c, threads);
	for (i = 0; i < c->threads; i++)
		pthread_join(threads[i].tid, NULL);
	pg_report_summary(c, threads, c->threads, pg_interrupted);
	for (i = 0; i < c->threads; i++)
		if (threads[i].error)
			ret = fail("thread %u: %s", i, threads[i].errmsg);
cleanup:
	for (i = 0; i < made + (made < c->threads); i++)
		thread_cleanup(&threads[i]);
	free(threads);
close:
	nmport_close(&parent);
	return ret;
}

int main(int argc, char **argv)
{
	struct pg_conf conf;
	char err[512];

	switch (pg_options_parse(argc, argv, &conf, err, sizeof(err))) {
	case PG_PARSE_EXIT:
		return 0;
	case PG_PARSE_ERROR:
		fail("%s", err);
		return 1;
	case PG_PARSE_OK:
		break;
	}
	pg_out_init(conf.json);
	return run(&conf) ? 1 : 0;
}
