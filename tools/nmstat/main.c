/*
 * nmstat - the netmap module's statistics as JSON (or a table): one
 * snapshot, or one object per interval with deltas and rates.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "nmstat.h"
#include "options.h"

static volatile sig_atomic_t ns_stop;

static void on_signal(int sig)
{
	(void)sig;
	ns_stop = 1;
}

static int fail(const char *msg)
{
	fprintf(stderr, "nmstat: %s\n", msg);
	return 1;
}

struct ns_ctx {
	struct ns_conf conf;
	struct ns_nl *nl;
	struct ns_links *links;
	char err[256];
};

static int take(struct ns_ctx *c, struct ns_sample *s)
{
	if (ns_nl_sample(c->nl, s, c->err, sizeof(c->err)))
		return -1;
	if (ns_links_fill(c->links, s, c->err, sizeof(c->err))) {
		ns_sample_free(s);
		return -1;
	}
	return 0;
}

static void emit(const struct ns_ctx *c, cJSON *doc)
{
	char *text;

	if (c->conf.table) {
		ns_table_print(stdout, doc);
	} else {
		text = c->conf.pretty ? cJSON_Print(doc)
				      : cJSON_PrintUnformatted(doc);
		if (text)
			puts(text);
		cJSON_free(text);
	}
	cJSON_Delete(doc);
	fflush(stdout);
}

/* A snapshot of a port that is not there is an error: say so. */
static int check_filter(struct ns_ctx *c, const struct ns_sample *s)
{
	size_t i, j;

	for (i = 0; i < c->conf.filter.n; i++) {
		for (j = 0; j < s->nports; j++)
			if (!strcmp(s->ports[j].name, c->conf.filter.ports[i]))
				break;
		if (j == s->nports) {
			snprintf(c->err, sizeof(c->err),
				 "-p %s: no such "
				 "netmap port (none has it registered)",
				 c->conf.filter.ports[i]);
			return -1;
		}
	}
	return 0;
}

static int run_snapshot(struct ns_ctx *c)
{
	struct ns_sample s;
	int rc;

	if (take(c, &s))
		return -1;
	rc = check_filter(c, &s);
	if (!rc)
		emit(c, ns_json_snapshot(&s, &c->conf.filter));
	ns_sample_free(&s);
	return rc;
}

static void tick_add(struct timespec *t, double secs)
{
	long ns = (long)((secs - (long)secs) * 1e9);

	t->tv_sec += (time_t)secs;
	t->tv_nsec += ns;
	if (t->tv_nsec >= 1000000000L) {
		t->tv_sec++;
		t->tv_nsec -= 1000000000L;
	}
}

/* Rates come from the times the samples were really taken; the ticks
 * only keep the intervals from drifting. */
static int run_stream(struct ns_ctx *c)
{
	struct ns_sample prev, cur;
	struct timespec next;
	uint64_t n;

	if (take(c, &prev))
		return -1;
	next = prev.mono;
	for (n = 0; !c->conf.count || n < c->conf.count; n++) {
		tick_add(&next, c->conf.interval);
		while (!ns_stop &&
		       clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next,
				       NULL) == EINTR)
			;
		if (ns_stop)
			break;
		if (take(c, &cur)) {
			ns_sample_free(&prev);
			return -1;
		}
		emit(c, ns_json_interval(&prev, &cur, &c->conf.filter));
		ns_sample_free(&prev);
		prev = cur;
	}
	ns_sample_free(&prev);
	return 0;
}

int main(int argc, char **argv)
{
	struct sigaction sa = {.sa_handler = on_signal};
	struct ns_ctx c = {0};
	int rc;

	switch (ns_options_parse(argc, argv, &c.conf, c.err, sizeof(c.err))) {
	case NS_PARSE_EXIT:
		return 0;
	case NS_PARSE_ERROR:
		return fail(c.err);
	case NS_PARSE_OK:
		break;
	}
	c.nl = ns_nl_open(c.err, sizeof(c.err));
	if (!c.nl)
		return fail(c.err);
	c.links = ns_links_open(c.err, sizeof(c.err));
	if (!c.links) {
		ns_nl_close(c.nl);
		return fail(c.err);
	}
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	rc = c.conf.interval ? run_stream(&c) : run_snapshot(&c);
	ns_links_close(c.links);
	ns_nl_close(c.nl);
	return rc ? fail(c.err) : 0;
}
