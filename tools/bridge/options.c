/*
 * options.c - the option table, and the parser, --help and --man that are
 * all generated from it.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"

#define BR_VERSION "0.1"

typedef int (*br_setter)(struct br_conf *c, const char *arg, char *err,
			 size_t errlen);

struct br_option {
	char short_name;	/* 0: long only */
	const char *long_name;
	const char *arg;	/* NULL: a flag */
	const char *help;
	br_setter set;
	int hidden;		/* left out of --help and the man page */
};

static int number(const char *arg, uint64_t min, uint64_t max, uint64_t *v,
		  const char *what, char *err, size_t errlen)
{
	char *end;

	errno = 0;
	*v = strtoull(arg, &end, 10);
	if (!*arg || *end || errno || arg[0] == '-' || *v < min || *v > max) {
		snprintf(err, errlen, "'%s': expected %s from %" PRIu64
			 " to %" PRIu64, arg, what, min, max);
		return -1;
	}
	return 0;
}

static int set_port(struct br_conf *c, const char *arg, char *e, size_t n)
{
	if (c->port[1]) {
		snprintf(e, n, "'%s': a bridge has two ports, -i given a "
			 "third time", arg);
		return -1;
	}
	c->port[c->port[0] ? 1 : 0] = arg;
	return 0;
}

static int set_burst(struct br_conf *c, const char *arg, char *e, size_t n)
{
	uint64_t v;

	if (number(arg, 1, 65535, &v, "a batch size", e, n))
		return -1;
	c->burst = (unsigned int)v;
	return 0;
}

static int set_wait(struct br_conf *c, const char *arg, char *e, size_t n)
{
	uint64_t v;

	if (number(arg, 0, 3600, &v, "seconds", e, n))
		return -1;
	c->wait_link = (int)v;
	return 0;
}

#define BR_FLAG_SETTER(fn, field)                                          \
	static int fn(struct br_conf *c, const char *arg, char *e, size_t n) \
	{                                                                  \
		(void)arg;                                                 \
		(void)e;                                                   \
		(void)n;                                                   \
		c->field++;                                                \
		return 0;                                                  \
	}

BR_FLAG_SETTER(set_copy, copy)
BR_FLAG_SETTER(set_verbose, verbose)
BR_FLAG_SETTER(set_per_ring, per_ring)
BR_FLAG_SETTER(set_json, json)

/* --help and --man are handled by the parser itself. */
static int set_nothing(struct br_conf *c, const char *arg, char *e, size_t n)
{
	(void)c;
	(void)arg;
	(void)e;
	(void)n;
	return 0;
}

static const struct br_option br_options[] = {
	{ 'i', "interface", "PORT", "a port to bridge, given twice: "
	  "netmap:eth0, netmap:x{1, vale0:p; given once (or the same twice) "
	  "the port is bridged with its own host rings", set_port, 0 },
	{ 'b', "batch", "N", "most frames moved per direction per system "
	  "call (default 1024)", set_burst, 0 },
	{ 'w', "wait-link", "S", "wait up to S seconds for the links to come "
	  "up before forwarding (default 2)", set_wait, 0 },
	{ 'c', "copy", NULL, "copy every frame, even where both ports share "
	  "a memory region and could swap buffers", set_copy, 0 },
	{ 'p', "per-ring", NULL, "one thread per ring pair (both ports need "
	  "the same number of rings)", set_per_ring, 0 },
	{ 'v', "verbose", NULL, "say more (ports, rings, memory regions)",
	  set_verbose, 0 },
	{ 0, "json", NULL, "print JSON lines instead of text (schema: "
	  "tests/schemas/bridge.schema.json)", set_json, 0 },
	{ 'h', "help", NULL, "print this help and exit", set_nothing, 0 },
	{ 0, "man", NULL, "print the man page (roff) and exit", set_nothing,
	  1 },
};

#define BR_NOPTS (sizeof(br_options) / sizeof(br_options[0]))
#define BR_LONG_BASE 256	/* getopt value of long-only option i */

static void conf_defaults(struct br_conf *c)
{
	memset(c, 0, sizeof(*c));
	c->burst = 1024;
	c->wait_link = 2;
}

static const char *opt_name(const struct br_option *o, char buf[40])
{
	if (o->short_name)
		snprintf(buf, 40, "-%c", o->short_name);
	else
		snprintf(buf, 40, "--%s", o->long_name);
	return buf;
}

static void build_getopt(char *shorts, struct option *longs)
{
	size_t i, s = 0;

	shorts[s++] = ':';	/* report a missing argument as ':' */
	for (i = 0; i < BR_NOPTS; i++) {
		const struct br_option *o = &br_options[i];

		if (o->short_name) {
			shorts[s++] = o->short_name;
			if (o->arg)
				shorts[s++] = ':';
		}
		longs[i] = (struct option){
			.name = o->long_name,
			.has_arg = o->arg ? required_argument : no_argument,
			.val = o->short_name ? o->short_name :
					       (int)(BR_LONG_BASE + i),
		};
	}
	shorts[s] = '\0';
	longs[BR_NOPTS] = (struct option){ 0 };
}

static const struct br_option *find_by_val(int val)
{
	size_t i;

	if (val >= BR_LONG_BASE && (size_t)(val - BR_LONG_BASE) < BR_NOPTS)
		return &br_options[val - BR_LONG_BASE];
	for (i = 0; i < BR_NOPTS; i++)
		if (br_options[i].short_name == val)
			return &br_options[i];
	return NULL;
}

static void bad_option(int val, char **argv, char *err, size_t errlen)
{
	const struct br_option *o = find_by_val(optopt);
	char name[40];

	if (val == ':' && o)
		snprintf(err, errlen, "option %s needs a value (%s)",
			 opt_name(o, name), o->arg);
	else if (optopt && optopt < BR_LONG_BASE)
		snprintf(err, errlen, "unknown option '-%c' (see bridge "
			 "--help)", optopt);
	else
		snprintf(err, errlen, "unknown option '%s' (see bridge "
			 "--help)", argv[optind - 1]);
}

enum br_parse_result br_options_parse(int argc, char **argv,
				      struct br_conf *conf, char *err,
				      size_t errlen)
{
	char shorts[3 * BR_NOPTS + 2], name[40], why[200];
	struct option longs[BR_NOPTS + 1];
	const struct br_option *o;
	int val;

	conf_defaults(conf);
	build_getopt(shorts, longs);
	opterr = 0;
	while ((val = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
		if (val == '?' || val == ':') {
			bad_option(val, argv, err, errlen);
			return BR_PARSE_ERROR;
		}
		o = find_by_val(val);
		if (!strcmp(o->long_name, "help")) {
			br_options_usage(stdout);
			return BR_PARSE_EXIT;
		}
		if (!strcmp(o->long_name, "man")) {
			br_options_man(stdout);
			return BR_PARSE_EXIT;
		}
		if (o->set(conf, optarg, why, sizeof(why))) {
			snprintf(err, errlen, "%s %s", opt_name(o, name), why);
			return BR_PARSE_ERROR;
		}
	}
	if (optind < argc) {
		snprintf(err, errlen, "unexpected argument '%s' (see bridge "
			 "--help)", argv[optind]);
		return BR_PARSE_ERROR;
	}
	if (!conf->port[0]) {
		snprintf(err, errlen, "no port: give two with -i, e.g. "
			 "-i netmap:eth0 -i netmap:eth1");
		return BR_PARSE_ERROR;
	}
	return BR_PARSE_OK;
}

static void opt_synopsis(const struct br_option *o, char *buf, size_t n)
{
	if (o->short_name)
		snprintf(buf, n, "-%c, --%s%s%s", o->short_name, o->long_name,
			 o->arg ? " " : "", o->arg ? o->arg : "");
	else
		snprintf(buf, n, "    --%s%s%s", o->long_name,
			 o->arg ? " " : "", o->arg ? o->arg : "");
}

void br_options_usage(FILE *f)
{
	char syn[80];
	size_t i;

	fprintf(f, "Usage: bridge -i PORT [-i PORT] [OPTION]...\n"
		   "Forward frames both ways between two netmap ports.\n\n"
		   "Options:\n");
	for (i = 0; i < BR_NOPTS; i++) {
		if (br_options[i].hidden)
			continue;
		opt_synopsis(&br_options[i], syn, sizeof(syn));
		if (strlen(syn) > 24)
			fprintf(f, "  %s\n  %-24s  %s\n", syn, "",
				br_options[i].help);
		else
			fprintf(f, "  %-24s  %s\n", syn, br_options[i].help);
	}
	fprintf(f, "\nSIGINT or SIGTERM ends the bridge with the totals; "
		   "SIGUSR1 prints them now.\n"
		   "Example: bridge -i netmap:eth0 -i netmap:eth1\n");
}

/* Text for roff: a leading '.' or '\'' and every '\\' must be escaped. */
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
	for (i = 0; i < BR_NOPTS; i++) {
		const struct br_option *o = &br_options[i];

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

/* Everything the option table cannot say. */
static const char *const man_head =
	".TH BRIDGE 8 \"\" \"netmap " BR_VERSION "\" \"System Manager's Manual\"\n"
	".SH NAME\n"
	"bridge \\- forward frames between two netmap ports\n"
	".SH SYNOPSIS\n"
	".B bridge\n"
	"\\fB\\-i\\fR \\fIPORT\\fR [\\fB\\-i\\fR \\fIPORT\\fR] [\\fIOPTION\\fR]...\n"
	".SH DESCRIPTION\n"
	".B bridge\n"
	"forwards every frame received on one port out of the other, both ways,\n"
	"a batch of frames per system call. Where both ports share one netmap\n"
	"memory region it swaps the buffer of the received slot with the one of\n"
	"the transmit slot and marks both \\fBNS_BUF_CHANGED\\fR, so no payload\n"
	"is copied; otherwise, or with \\fB\\-c\\fR, it copies. A frame longer\n"
	"than the destination's buffers is dropped and counted. A frame in\n"
	"several slots (\\fBNS_MOREFRAG\\fR) goes across whole or not at all.\n"
	".PP\n"
	"Given one port, or the same port twice, \\fBbridge\\fR connects an\n"
	"interface with its own host rings (\\fBnetmap:eth0\\fR with\n"
	"\\fBnetmap:eth0^\\fR): traffic between the wire and the host stack\n"
	"passes through it unchanged (transparent mode).\n";

static const char *const man_tail =
	".SH OUTPUT\n"
	"For each direction: the frames and bytes forwarded and the frames\n"
	"dropped (of those, how many were too long for the destination).\n"
	"Printed at exit (SIGINT, SIGTERM) and whenever SIGUSR1 arrives; with\n"
	"\\fB\\-\\-json\\fR as one JSON object per line, of type \\fBstart\\fR\n"
	"(with \\fB\\-v\\fR), \\fBreport\\fR and \\fBsummary\\fR.\n"
	".SH EXIT STATUS\n"
	"0 after SIGINT or SIGTERM; 1 when an option, a port or a thread\n"
	"fails, with one line on standard error naming the problem.\n"
	".SH EXAMPLES\n"
	"Bridge two interfaces:\n"
	".PP\n"
	".nf\n"
	"bridge \\-i netmap:eth0 \\-i netmap:eth1\n"
	".fi\n"
	".PP\n"
	"Put eth0 in netmap mode and still let the host stack use it:\n"
	".PP\n"
	".nf\n"
	"bridge \\-i netmap:eth0\n"
	".fi\n"
	".SH SEE ALSO\n"
	".BR pkt\\-gen (8).\n"
	"The netmap paper: L. Rizzo, netmap: a novel framework for fast packet\n"
	"I/O, USENIX ATC 2012.\n";

void br_options_man(FILE *f)
{
	fputs(man_head, f);
	man_options(f);
	fputs(man_tail, f);
}
