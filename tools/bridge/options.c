/*
 * options.c - bridge's option table, its setters and checks, and the
 * text around the options in --help and --man; lib/cliopt parses and
 * prints the options from the table.
 */
#include <stdio.h>
#include <string.h>

#include "cliopt.h"
#include "options.h"

#define BR_VERSION "0.1"

static int set_port(void *conf, const char *arg, char *e, size_t n)
{
	struct br_conf *c = conf;

	if (c->port[1]) {
		snprintf(e, n,
			 "'%s': a bridge has two ports, -i given a "
			 "third time",
			 arg);
		return -1;
	}
	c->port[c->port[0] ? 1 : 0] = arg;
	return 0;
}

static int set_burst(void *conf, const char *arg, char *e, size_t n)
{
	struct br_conf *c = conf;
	uint64_t v;

	if (cliopt_number(arg, 1, 65535, &v, "a batch size", e, n))
		return -1;
	c->burst = (unsigned int)v;
	return 0;
}

static int set_wait(void *conf, const char *arg, char *e, size_t n)
{
	struct br_conf *c = conf;
	uint64_t v;

	if (cliopt_number(arg, 0, 3600, &v, "seconds", e, n))
		return -1;
	c->wait_link = (int)v;
	return 0;
}

#define BR_FLAG_SETTER(fn, field)                                     \
	static int fn(void *conf, const char *arg, char *e, size_t n) \
	{                                                             \
		(void)arg;                                            \
		(void)e;                                              \
		(void)n;                                              \
		((struct br_conf *)conf)->field++;                    \
		return 0;                                             \
	}

BR_FLAG_SETTER(set_copy, copy)
BR_FLAG_SETTER(set_verbose, verbose)
BR_FLAG_SETTER(set_per_ring, per_ring)
BR_FLAG_SETTER(set_json, json)

static const struct cliopt br_options[] = {
	{'i', "interface", "PORT",
	 "a port to bridge, given twice: "
	 "netmap:eth0, netmap:x{1, vale0:p; given once (or the same twice) "
	 "the port is bridged with its own host rings",
	 set_port, 0},
	{'b', "batch", "N",
	 "most frames moved per direction per system "
	 "call (default 1024)",
	 set_burst, 0},
	{'w', "wait-link", "S",
	 "wait up to S seconds for the links to come "
	 "up before forwarding (default 2)",
	 set_wait, 0},
	{'c', "copy", NULL,
	 "copy every frame, even where both ports share "
	 "a memory region and could swap buffers",
	 set_copy, 0},
	{'p', "per-ring", NULL,
	 "one thread per ring pair (both ports need "
	 "the same number of rings)",
	 set_per_ring, 0},
	{'v', "verbose", NULL, "say more (ports, rings, memory regions)",
	 set_verbose, 0},
	{0, "json", NULL,
	 "print JSON lines instead of text (schema: "
	 "tests/schemas/bridge.schema.json)",
	 set_json, 0},
	CLIOPT_HELP,
	CLIOPT_MAN,
};

static const struct cliopt_table br_table = {
	.prog = "bridge",
	.opts = br_options,
	.n = sizeof(br_options) / sizeof(br_options[0]),
	.help_width = 24,
	.usage = br_options_usage,
	.man = br_options_man,
};

static void conf_defaults(struct br_conf *c)
{
	memset(c, 0, sizeof(*c));
	c->burst = 1024;
	c->wait_link = 2;
}

enum br_parse_result br_options_parse(int argc, char **argv,
				      struct br_conf *conf, char *err,
				      size_t errlen)
{
	enum cliopt_result r;

	conf_defaults(conf);
	r = cliopt_parse(&br_table, argc, argv, conf, err, errlen);
	if (r != CLIOPT_OK)
		return (enum br_parse_result)r;
	if (!conf->port[0]) {
		snprintf(err, errlen,
			 "no port: give two with -i, e.g. "
			 "-i netmap:eth0 -i netmap:eth1");
		return BR_PARSE_ERROR;
	}
	return BR_PARSE_OK;
}

void br_options_usage(FILE *f)
{
	fprintf(f, "Usage: bridge -i PORT [-i PORT] [OPTION]...\n"
		   "Forward frames both ways between two netmap ports.\n\n"
		   "Options:\n");
	cliopt_usage_options(f, &br_table);
	fprintf(f, "\nSIGINT or SIGTERM ends the bridge with the totals; "
		   "SIGUSR1 prints them now.\n"
		   "Example: bridge -i netmap:eth0 -i netmap:eth1\n");
}

/* Everything the option table cannot say. */
static const char *const man_head =
	".TH BRIDGE 8 \"\" \"netmap " BR_VERSION
	"\" \"System Manager's Manual\"\n"
	".SH NAME\n"
	"bridge \\- forward frames between two netmap ports\n"
	".SH SYNOPSIS\n"
	".B bridge\n"
	"\\fB\\-i\\fR \\fIPORT\\fR [\\fB\\-i\\fR \\fIPORT\\fR] "
	"[\\fIOPTION\\fR]...\n"
	".SH DESCRIPTION\n"
	".B bridge\n"
	"forwards every frame received on one port out of the other, both "
	"ways,\n"
	"a batch of frames per system call. Where both ports share one netmap\n"
	"memory region it swaps the buffer of the received slot with the one "
	"of\n"
	"the transmit slot and marks both \\fBNS_BUF_CHANGED\\fR, so no "
	"payload\n"
	"is copied; otherwise, or with \\fB\\-c\\fR, it copies. A frame "
	"longer\n"
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
	"\\fB\\-\\-json\\fR as one JSON object per line, of type "
	"\\fBstart\\fR\n"
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
	"The netmap paper: L. Rizzo, netmap: a novel framework for fast "
	"packet\n"
	"I/O, USENIX ATC 2012.\n";

void br_options_man(FILE *f)
{
	fputs(man_head, f);
	cliopt_man_options(f, &br_table);
	fputs(man_tail, f);
}
