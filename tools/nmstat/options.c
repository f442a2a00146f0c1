/*
 * options.c - the option table, and the parser, --help and --man made
 * from it.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"

#define NS_VERSION "0.1"
/* getopt values of options without a short name. */
#define NS_LONG_BASE 256

typedef int (*ns_setter)(struct ns_conf *c, const char *arg, char *err,
			 size_t errlen);

struct ns_option {
	char short_name;	/* 0: long only */
	const char *long_name;
	const char *arg;	/* NULL: a flag */
	const char *help;
	ns_setter set;
	int hidden;		/* left out of --help and the man page */
};

static int set_interval(struct ns_conf *c, const char *arg, char *e, size_t n)
{
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

static int set_count(struct ns_conf *c, const char *arg, char *e, size_t n)
{
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
static int set_port(struct ns_conf *c, const char *arg, char *e, size_t n)
{
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

static int set_pretty(struct ns_conf *c, const char *arg, char *e, size_t n)
{
	(void)arg, (void)e, (void)n;
	c->pretty = 1;
	return 0;
}

static int set_table(struct ns_conf *c, const char *arg, char *e, size_t n)
{
	(void)arg, (void)e, (void)n;
	c->table = 1;
	return 0;
}

static int set_nothing(struct ns_conf *c, const char *arg, char *e, size_t n)
{
	(void)c, (void)arg, (void)e, (void)n;
	return 0;
}

static const struct ns_option ns_options[] = {
	{ 'i', "interval", "SECONDS", "stream one JSON object per interval, "
	  "with deltas and rates (pps, bps, syncs/s, batch)", set_interval, 0 },
	{ 'c', "count", "N", "with -i, stop after N intervals (default: run "
	  "until interrupted)", set_count, 0 },
	{ 'p', "port", "PORT", "show only PORT (netmap:NAME or NAME; "
	  "repeatable)", set_port, 0 },
	{ 0, "pretty", NULL, "indent the JSON for people", set_pretty, 0 },
	{ 't', "table", NULL, "print a compact table instead of JSON",
	  set_table, 0 },
	{ 'h', "help", NULL, "print this help and exit", set_nothing, 0 },
	{ 0, "man", NULL, "print the man page (roff) and exit", set_nothing,
	  1 },
};

#define NS_NOPTS (sizeof(ns_options) / sizeof(ns_options[0]))

static int opt_val(size_t i)
{
	return ns_options[i].short_name ? ns_options[i].short_name :
					  NS_LONG_BASE + (int)i;
}

static const struct ns_option *find_by_val(int val)
{
	size_t i;

	for (i = 0; i < NS_NOPTS; i++)
		if (opt_val(i) == val)
			return &ns_options[i];
	return NULL;
}

static void build_getopt(char *shorts, struct option *longs)
{
	size_t i, k = 0;

	shorts[k++] = ':';
	for (i = 0; i < NS_NOPTS; i++) {
		const struct ns_option *o = &ns_options[i];

		if (o->short_name) {
			shorts[k++] = o->short_name;
			if (o->arg)
				shorts[k++] = ':';
		}
		longs[i] = (struct option){ o->long_name,
					    o->arg ? required_argument :
						     no_argument,
					    NULL, opt_val(i) };
	}
	shorts[k] = '\0';
	longs[NS_NOPTS] = (struct option){ 0 };
}

static const char *opt_name(const struct ns_option *o, char *buf, size_t n)
{
	if (o->short_name)
		snprintf(buf, n, "-%c", o->short_name);
	else
		snprintf(buf, n, "--%s", o->long_name);
	return buf;
}

static int check_conf(const struct ns_conf *c, char *err, size_t errlen)
{
	if (c->count && !c->interval) {
		snprintf(err, errlen, "-c needs -i (a count of intervals)");
		return -1;
	}
	return 0;
}

static enum ns_parse_result bad_option(int val, char **argv, char *err,
				       size_t errlen)
{
	const struct ns_option *o = find_by_val(optopt);
	char name[40];

	if (val == ':' && o)
		snprintf(err, errlen, "option %s needs a value (%s)",
			 opt_name(o, name, sizeof(name)), o->arg);
	else if (optopt && optopt < NS_LONG_BASE)
		snprintf(err, errlen, "unknown option '-%c' (see nmstat "
			 "--help)", optopt);
	else
		snprintf(err, errlen, "unknown option '%s' (see nmstat --help)",
			 argv[optind - 1]);
	return NS_PARSE_ERROR;
}

enum ns_parse_result ns_options_parse(int argc, char **argv,
				      struct ns_conf *conf, char *err,
				      size_t errlen)
{
	char shorts[3 * NS_NOPTS + 2], name[40], why[200];
	struct option longs[NS_NOPTS + 1];
	const struct ns_option *o;
	int val;

	memset(conf, 0, sizeof(*conf));
	build_getopt(shorts, longs);
	opterr = 0;
	while ((val = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
		if (val == '?' || val == ':')
			return bad_option(val, argv, err, errlen);
		o = find_by_val(val);
		if (!strcmp(o->long_name, "help")) {
			ns_options_usage(stdout);
			return NS_PARSE_EXIT;
		}
		if (!strcmp(o->long_name, "man")) {
			ns_options_man(stdout);
			return NS_PARSE_EXIT;
		}
		if (o->set(conf, optarg, why, sizeof(why))) {
			snprintf(err, errlen, "%s %s",
				 opt_name(o, name, sizeof(name)), why);
			return NS_PARSE_ERROR;
		}
	}
	if (optind < argc) {
		snprintf(err, errlen, "unexpected argument '%s' (see nmstat "
			 "--help)", argv[optind]);
		return NS_PARSE_ERROR;
	}
	return check_conf(conf, err, errlen) ? NS_PARSE_ERROR : NS_PARSE_OK;
}

/* "-i, --interval SECONDS" */
static void opt_synopsis(const struct ns_option *o, char *buf, size_t n)
{
	char sh[8] = "    ";

	if (o->short_name)
		snprintf(sh, sizeof(sh), "-%c, ", o->short_name);
	snprintf(buf, n, "%s--%s%s%s", sh, o->long_name, o->arg ? " " : "",
		 o->arg ? o->arg : "");
}

void ns_options_usage(FILE *f)
{
	char syn[80];
	size_t i;

	fprintf(f, "Usage: nmstat [-i SECONDS [-c N]] [-p PORT]... [--pretty | "
		   "-t]\n"
		   "Print the netmap module's port, ring and memory "
		   "statistics as JSON.\n\nOptions:\n");
	for (i = 0; i < NS_NOPTS; i++) {
		if (ns_options[i].hidden)
			continue;
		opt_synopsis(&ns_options[i], syn, sizeof(syn));
		fprintf(f, "  %-26s  %s\n", syn, ns_options[i].help);
	}
	fprintf(f, "\nExample: nmstat -i 1 -p netmap:eth0 -t\n");
}

/* Text for roff: escape a leading '.' or '\'', every '\\' and '-'. */
static void roff(FILE *f, const char *s)
{
	if (*s == '.' || *s == '\'')
		fputs("\\&", f);
	for (; *s; s++) {
		if (*s == '\\')
			fputs("\\e", f);
		else if (*s == '-')
			fputs("\\-", f);
		else
			fputc(*s, f);
	}
}

static void man_options(FILE *f)
{
	size_t i;

	fputs(".SH OPTIONS\n", f);
	for (i = 0; i < NS_NOPTS; i++) {
		const struct ns_option *o = &ns_options[i];

		if (o->hidden)
			continue;
		fputs(".TP\n", f);
		if (o->short_name)
			fprintf(f, "\\fB\\-%c\\fR, ", o->short_name);
		fprintf(f, "\\fB\\-\\-%s\\fR", o->long_name);
		if (o->arg) {
			fputs(" \\fI", f);
			roff(f, o->arg);
			fputs("\\fR", f);
		}
		fputc('\n', f);
		roff(f, o->help);
		fputs(".\n", f);
	}
}

static const char *const man_head =
	".TH NMSTAT 8 \"\" \"netmap " NS_VERSION "\" \"System Manager's Manual\"\n"
	".SH NAME\n"
	"nmstat \\- netmap port, ring and memory statistics\n"
	".SH SYNOPSIS\n"
	".B nmstat\n"
	"[\\fB\\-i\\fR \\fISECONDS\\fR [\\fB\\-c\\fR \\fIN\\fR]] "
	"[\\fB\\-p\\fR \\fIPORT\\fR]... [\\fB\\-\\-pretty\\fR | \\fB\\-t\\fR]\n"
	".SH DESCRIPTION\n"
	".B nmstat\n"
	"reads the statistics of the netmap module over its generic netlink\n"
	"family \\fBnetmap\\fR and prints them as one JSON document: every port\n"
	"with at least one bound file descriptor (its kind, rings, slots and\n"
	"the mode of each binding), each ring's packets, bytes, syncs, average\n"
	"batch per sync, drops by reason (ring full, oversize, no buffer) and\n"
	"head/cur/tail occupancy, and each memory region's objects in use and\n"
	"free per pool. Beside an interface in netmap mode it sets the kernel's\n"
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
	"0 on success or after Ctrl\\-C; 1 when an option is wrong, the netmap\n"
	"module is not loaded, or a port given with \\fB\\-p\\fR does not exist\n"
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
	man_options(f);
	fputs(man_tail, f);
}
