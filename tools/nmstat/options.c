/*
 * options.c - nmstat's option table, its setters and checks, and the
 * text around the options in --help and --man; lib/cliopt parses and
 * prints the options from the table.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cliopt.h"
#include "options.h"

#define NS_VERSION "0.1"

static int set_interval(void *conf, const char *arg, char *e, size_t n)
{
	struct ns_conf *c = conf;
	char *end;

	errno = 0;
	c->interval = strtod(arg, &end);
	if (!*arg || *end || errno || !isfinite(c->interval) ||
	    c->interval < 0.001 || c->interval > 86400) {
		snprintf(e, n, "'%s': expected seconds from 0.001 to 86400",
			 arg);
		return -1;
	}
	return 0;
}

static int set_count(void *conf, const char *arg, char *e, size_t n)
{
	struct ns_conf *c = conf;
	char *end;

	errno = 0;
	c->count = strtoull(arg, &end, 10);
	if (!*arg || *end || errno || arg[0] == '-' || !c->count) {
		snprintf(e, n, "'%s': expected a count of intervals from 1",
			 arg);
		return -1;
	}
	return 0;
}

/* Port names as the kernel knows them: "netmap:" is only a prefix. */
static int set_port(void *conf, const char *arg, char *e, size_t n)
{
	struct ns_conf *c = conf;
	const char *name = strncmp(arg, "netmap:", 7) ? arg : arg + 7;

	if (c->filter.n == NS_MAX_FILTER) {
		snprintf(e, n, "'%s': at most %d ports", arg, NS_MAX_FILTER);
		return -1;
	}
	if (!*name) {
		snprintf(e, n, "'%s': expected a port name", arg);
		return -1;
	}
	c->filter.ports[c->filter.n++] = name;
	return 0;
}

static int set_pretty(void *conf, const char *arg, char *e, size_t n)
{
	struct ns_conf *c = conf;

	(void)arg, (void)e, (void)n;
	c->pretty = 1;
	return 0;
}

static int set_table(void *conf, const char *arg, char *e, size_t n)
{
	struct ns_conf *c = conf;

	(void)arg, (void)e, (void)n;
	c->table = 1;
	return 0;
}

static const struct cliopt ns_options[] = {
	{'i', "interval", "SECONDS",
	 "stream one JSON object per interval, "
	 "with deltas and rates (pps, bps, syncs/s, batch)",
	 set_interval, 0},
	{'c', "count", "N",
	 "with -i, stop after N intervals (default: run "
	 "until interrupted)",
	 set_count, 0},
	{'p', "port", "PORT",
	 "show only PORT (netmap:NAME or NAME; "
	 "repeatable)",
	 set_port, 0},
	{0, "pretty", NULL, "indent the JSON for people", set_pretty, 0},
	{'t', "table", NULL, "print a compact table instead of JSON", set_table,
	 0},
	CLIOPT_HELP,
	CLIOPT_MAN,
};

static const struct cliopt_table ns_table = {
	.prog = "nmstat",
	.opts = ns_options,
	.n = sizeof(ns_options) / sizeof(ns_options[0]),
	.help_width = 26,
	.usage = ns_options_usage,
	.man = ns_options_man,
};

static int check_conf(const struct ns_conf *c, char *err, size_t errlen)
{
	if (c->count && !c->interval) {
		snprintf(err, errlen, "-c needs -i (a count of intervals)");
		return -1;
	}
	return 0;
}

enum ns_parse_result ns_options_parse(int argc, char **argv,
				      struct ns_conf *conf, char *err,
				      size_t errlen)
{
	enum cliopt_result r;

	memset(conf, 0, sizeof(*conf));
	r = cliopt_parse(&ns_table, argc, argv, conf, err, errlen);
	if (r != CLIOPT_OK)
		return (enum ns_parse_result)r;
	return check_conf(conf, err, errlen) ? NS_PARSE_ERROR : NS_PARSE_OK;
}

void ns_options_usage(FILE *f)
{
	fprintf(f, "Usage: nmstat [-i SECONDS [-c N]] [-p PORT]... [--pretty | "
		   "-t]\n"
		   "Print the netmap module's port, ring and memory "
		   "statistics as JSON.\n\nOptions:\n");
	cliopt_usage_options(f, &ns_table);
	fprintf(f, "\nExample: nmstat -i 1 -p netmap:eth0 -t\n");
}

static const char *const man_head =
	".TH NMSTAT 8 \"\" \"netmap " NS_VERSION
	"\" \"System Manager's Manual\"\n"
	".SH NAME\n"
	"nmstat \\- netmap port, ring and memory statistics\n"
	".SH SYNOPSIS\n"
	".B nmstat\n"
	"[\\fB\\-i\\fR \\fISECONDS\\fR [\\fB\\-c\\fR \\fIN\\fR]] "
	"[\\fB\\-p\\fR \\fIPORT\\fR]... [\\fB\\-\\-pretty\\fR | \\fB\\-t\\fR]\n"
	".SH DESCRIPTION\n"
	".B nmstat\n"
	"reads the statistics of the netmap module over its generic netlink\n"
	"family \\fBnetmap\\fR and prints them as one JSON document: every "
	"port\n"
	"with at least one bound file descriptor (its kind, rings, slots and\n"
	"the mode of each binding), each ring's packets, bytes, syncs, "
	"average\n"
	"batch per sync, drops by reason (ring full, oversize, no buffer) and\n"
	"head/cur/tail occupancy, and each memory region's objects in use and\n"
	"free per pool. Beside an interface in netmap mode it sets the "
	"kernel's\n"
	"own link counters of that interface (rtnetlink statistics).\n"
	".PP\n"
	"The module counts once per sync, never with a shared atomic per\n"
	"packet; the module parameter \\fBstats\\fR turns counting off.\n";

static const char *const man_tail =
	".SH OUTPUT\n"
	"Without \\fB\\-i\\fR: one object of type \\fBsnapshot\\fR with the\n"
	"counters since each port was created. With \\fB\\-i\\fR: one object\n"
	"of type \\fBinterval\\fR per line and interval, each ring, each\n"
	"direction's totals and each link adding a \\fBdelta\\fR since the\n"
	"previous sample and a \\fBrate\\fR over the \\fBseconds\\fR between\n"
	"the two. The schema is tests/schemas/nmstat.schema.json.\n"
	".SH EXIT STATUS\n"
	"0 on success or after Ctrl\\-C; 1 when an option is wrong, the "
	"netmap\n"
	"module is not loaded, or a port given with \\fB\\-p\\fR does not "
	"exist\n"
	"(snapshot only), with one line on standard error.\n"
	".SH EXAMPLES\n"
	".nf\n"
	"nmstat \\-\\-pretty\n"
	"nmstat \\-i 1 \\-p netmap:eth0\n"
	"nmstat \\-i 1 \\-t\n"
	".fi\n"
	".SH SEE ALSO\n"
	".BR pkt\\-gen (8)\n";

void ns_options_man(FILE *f)
{
	fputs(man_head, f);
	cliopt_man_options(f, &ns_table);
	fputs(man_tail, f);
}
