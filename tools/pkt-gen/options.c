/*
 * options.c - pkt-gen's option table, its setters and checks, and the
 * text around the options in --help and --man; lib/cliopt parses and
 * prints the options from the table.
 */
#include <stdio.h>
#include <string.h>

#include "cliopt.h"
#include "options.h"

#define PG_VERSION "0.1"

static int set_port(void *conf, const char *arg, char *e, size_t n)
{
	struct pg_conf *c = conf;

	(void)e;
	(void)n;
	c->port = arg;
	return 0;
}

static int set_function(void *conf, const char *arg, char *e, size_t n)
{
	struct pg_conf *c = conf;

	c->mode = pg_mode_find(arg);
	if (c->mode)
		return 0;
	snprintf(e, n,
		 "'%s': unknown function (tx, rx, txseq, rxseq, ping, "
		 "pong)",
		 arg);
	return -1;
}

static int set_count(void *conf, const char *arg, char *e, size_t n)
{
	struct pg_conf *c = conf;

	return cliopt_number(arg, 0, UINT64_MAX, &c->count, "a packet count", e,
			     n);
}

static int set_length(void *conf, const char *arg, char *e, size_t n)
{
	struct pg_conf *c = conf;
	uint64_t v;

	if (cliopt_number(arg, PG_MIN_LEN, PG_MAX_LEN, &v, "a frame length", e,
			  n))
		return -1;
	if (c->len_given == 2) {
		snprintf(e, n, "'%s': -l given more than twice", arg);
		return -1;
	}
	if (c->len_given++ == 0) {
		c->len_min = c->len_max = (unsigned int)v;
	} else if (v < c->len_min) {
		c->len_min = (unsigned int)v;
	} else {
		c->len_max = (unsigned int)v;
	}
	return 0;
}

static int set_burst(void *conf, const char *arg, char *e, size_t n)
{
	struct pg_conf *c = conf;
	uint64_t v;

	if (cliopt_number(arg, 1, 65535, &v, "a batch size", e, n))
		return -1;
	c->burst = (unsigned int)v;
	c->burst_given = 1;
	return 0;
}

static int set_threads(void *conf, const char *arg, char *e, size_t n)
{
	struct pg_conf *c = conf;
	uint64_t v;

	if (cliopt_number(arg, 1, PG_MAX_THREADS, &v, "a thread count", e, n))
		return -1;
	c->threads = (unsigned int)v;
	return 0;
}

static int set_cpus(void *conf, const char *arg, char *e, size_t n)
{
	struct pg_conf *c = conf;
	uint64_t v;

	if (cliopt_number(arg, 1, 4096, &v, "a CPU count", e, n))
		return -1;
	c->cpus = (int)v;
	return 0;
}

static int set_affinity(void *conf, const char *arg, char *e, size_t n)
{
	struct pg_conf *c = conf;
	uint64_t v;

	if (cliopt_number(arg, 0, 4095, &v, "a CPU number", e, n))
		return -1;
	c->first_cpu = (int)v;
	return 0;
}

static int set_report(void *conf, const char *arg, char *e, size_t n)
{
	struct pg_conf *c = conf;
	uint64_t v;

	if (cliopt_number(arg, 1, 3600000, &v, "milliseconds", e, n))
		return -1;
	c->report_ms = (unsigned int)v;
	return 0;
}

static int set_wait(void *conf, const char *arg, char *e, size_t n)
{
	struct pg_conf *c = conf;
	uint64_t v;

	if (cliopt_number(arg, 0, 3600, &v, "seconds", e, n))
		return -1;
	c->wait_link = (int)v;
	return 0;
}

static int set_rate(void *conf, const char *arg, char *e, size_t n)
{
	struct pg_conf *c = conf;

	return cliopt_number(arg, 0, 1000000000000ULL, &c->rate,
			     "a rate in pps", e, n);
}

static int set_dst(void *conf, const char *arg, char *e, size_t n)
{
	struct pg_conf *c = conf;

	return pg_parse_range(arg, &c->dst, e, n);
}

static int set_src(void *conf, const char *arg, char *e, size_t n)
{
	struct pg_conf *c = conf;

	return pg_parse_range(arg, &c->src, e, n);
}

static int set_mac(uint8_t mac[6], const char *arg, char *e, size_t n)
{
	if (!pg_parse_mac(arg, mac))
		return 0;
	snprintf(e, n, "'%s': expected a MAC address like 02:00:00:00:00:01",
		 arg);
	return -1;
}

static int set_dst_mac(void *conf, const char *arg, char *e, size_t n)
{
	struct pg_conf *c = conf;

	return set_mac(c->dst_mac, arg, e, n);
}

static int set_src_mac(void *conf, const char *arg, char *e, size_t n)
{
	struct pg_conf *c = conf;

	return set_mac(c->src_mac, arg, e, n);
}

#define PG_FLAG_SETTER(fn, field)                                     \
	static int fn(void *conf, const char *arg, char *e, size_t n) \
	{                                                             \
		(void)arg;                                            \
		(void)e;                                              \
		(void)n;                                              \
		((struct pg_conf *)conf)->field = 1;                  \
		return 0;                                             \
	}

PG_FLAG_SETTER(set_forever, forever)
PG_FLAG_SETTER(set_random_src, random_src)
PG_FLAG_SETTER(set_random_dst, random_dst)
PG_FLAG_SETTER(set_dump, dump)
PG_FLAG_SETTER(set_json, json)

static int set_verbose(void *conf, const char *arg, char *e, size_t n)
{
	struct pg_conf *c = conf;

	(void)arg;
	(void)e;
	(void)n;
	c->verbose++;
	return 0;
}

static int set_pcap(void *conf, const char *arg, char *e, size_t n)
{
	struct pg_conf *c = conf;

	(void)e;
	(void)n;
	c->pcap = arg;
	return 0;
}

static const struct cliopt pg_options[] = {
	{'i', "interface", "PORT",
	 "netmap port to use, e.g. netmap:eth0, "
	 "netmap:eth0-1, netmap:x{1, vale0:p (required)",
	 set_port, 0},
	{'f', "function", "FUNCTION",
	 "tx, rx, txseq, rxseq, ping or pong "
	 "(default tx)",
	 set_function, 0},
	{'n', "count", "N",
	 "packets to send or receive, split exactly "
	 "across threads (default 0: no limit)",
	 set_count, 0},
	{'l', "length", "LEN",
	 "frame length in bytes without CRC, 42-65535 "
	 "(default 60); give it twice for a random length in a range",
	 set_length, 0},
	{'b', "batch", "N",
	 "packets per system call (default 512; ping "
	 "default 1)",
	 set_burst, 0},
	{'p', "threads", "N", "threads, one ring each (default 1)", set_threads,
	 0},
	{'c', "cpus", "N",
	 "CPUs to pin threads to, starting at -a "
	 "(default all)",
	 set_cpus, 0},
	{'a', "affinity", "CPU", "pin thread i to CPU CPU+i (modulo -c)",
	 set_affinity, 0},
	{'T', "report-ms", "MS",
	 "report interval in milliseconds "
	 "(default 1000)",
	 set_report, 0},
	{'w', "wait-link", "S",
	 "wait up to S seconds for the interface to have carrier before "
	 "starting (default 2 for interfaces, 0 for pipes and VALE)",
	 set_wait, 0},
	{'W', "forever", NULL,
	 "rx without -n: keep running when traffic "
	 "stops (default: end after 1 s without packets)",
	 set_forever, 0},
	{'R', "rate", "PPS",
	 "send at most PPS packets per second in total; "
	 "time lost to a stall is made up by one batch at most (default 0: "
	 "no limit)",
	 set_rate, 0},
	{'d', "dst", "IP[:PORT][-IP[:PORT]]",
	 "destination address and "
	 "UDP port, or a range (default 10.1.0.1:4321)",
	 set_dst, 0},
	{'s', "src", "IP[:PORT][-IP[:PORT]]",
	 "source address and UDP "
	 "port, or a range (default 10.0.0.1:1234)",
	 set_src, 0},
	{'D', "dst-mac", "MAC",
	 "destination MAC (default "
	 "ff:ff:ff:ff:ff:ff)",
	 set_dst_mac, 0},
	{'S', "src-mac", "MAC", "source MAC (default 02:00:00:00:00:01)",
	 set_src_mac, 0},
	{'z', "random-src", NULL,
	 "random source address and port within "
	 "the -s range",
	 set_random_src, 0},
	{'Z', "random-dst", NULL,
	 "random destination address and port "
	 "within the -d range",
	 set_random_dst, 0},
	{'X', "dump", NULL,
	 "hex dump the frame sent (tx) or every frame "
	 "received (rx)",
	 set_dump, 0},
	{'P', "pcap", "FILE",
	 "send the first packet of FILE as is (tx "
	 "only)",
	 set_pcap, 0},
	{'v', "verbose", NULL, "say more (port and ring details)", set_verbose,
	 0},
	{0, "json", NULL,
	 "print JSON lines instead of text (schema: "
	 "tests/schemas/pkt-gen.schema.json)",
	 set_json, 0},
	CLIOPT_HELP,
	CLIOPT_MAN,
};

static const struct cliopt_table pg_table = {
	.prog = "pkt-gen",
	.opts = pg_options,
	.n = sizeof(pg_options) / sizeof(pg_options[0]),
	.help_width = 28,
	.usage = pg_options_usage,
	.man = pg_options_man,
};

static void conf_defaults(struct pg_conf *c)
{
	static const uint8_t src_mac[6] = {2, 0, 0, 0, 0, 1};

	memset(c, 0, sizeof(*c));
	c->mode = &pg_mode_tx;
	c->len_min = c->len_max = 60;
	c->burst = 512;
	c->threads = 1;
	c->first_cpu = -1;
	c->report_ms = 1000;
	c->wait_link = -1;
	c->src = (struct pg_addr_range){0x0a000001, 0x0a000001, 1234, 1234};
	c->dst = (struct pg_addr_range){0x0a010001, 0x0a010001, 4321, 4321};
	memcpy(c->src_mac, src_mac, 6);
	memset(c->dst_mac, 0xff, 6);
}

/* Option combinations no single setter can judge. */
static int check_conf(struct pg_conf *c, char *err, size_t errlen)
{
	if (!c->port) {
		snprintf(err, errlen,
			 "no port: give one with -i, e.g. "
			 "-i netmap:eth0");
		return -1;
	}
	if ((c->mode->flags & PG_SEQ_PAYLOAD) && c->len_min < PG_MIN_SEQ_LEN) {
		snprintf(err, errlen,
			 "-l %u: -f %s needs frames of at least "
			 "%d bytes",
			 c->len_min, c->mode->name, PG_MIN_SEQ_LEN);
		return -1;
	}
	if (c->pcap && c->mode != &pg_mode_tx) {
		snprintf(err, errlen, "-P works with -f tx only");
		return -1;
	}
	if (c->pcap && c->len_given) {
		snprintf(err, errlen,
			 "-P and -l exclude each other: the "
			 "length is the pcap packet's");
		return -1;
	}
	if (c->cpus && c->first_cpu < 0)
		c->first_cpu = 0;
	if (c->mode == &pg_mode_ping && !c->burst_given)
		c->burst = 1;
	return 0;
}

enum pg_parse_result pg_options_parse(int argc, char **argv,
				      struct pg_conf *conf, char *err,
				      size_t errlen)
{
	enum cliopt_result r;

	conf_defaults(conf);
	r = cliopt_parse(&pg_table, argc, argv, conf, err, errlen);
	if (r != CLIOPT_OK)
		return (enum pg_parse_result)r;
	return check_conf(conf, err, errlen) ? PG_PARSE_ERROR : PG_PARSE_OK;
}

void pg_options_usage(FILE *f)
{
	size_t i;

	fprintf(f, "Usage: pkt-gen -i PORT [-f FUNCTION] [OPTION]...\n"
		   "Send, receive, or bounce packets on a netmap port.\n\n"
		   "Options:\n");
	cliopt_usage_options(f, &pg_table);
	fprintf(f, "\nFunctions:\n");
	for (i = 0; pg_modes[i]; i++)
		fprintf(f, "  %-8s %s\n", pg_modes[i]->name, pg_modes[i]->help);
	fprintf(f, "\nExample: pkt-gen -i netmap:x}1 -f rx & pkt-gen -i "
		   "netmap:x{1 -f tx -n 1000000\n");
}

static void man_functions(FILE *f)
{
	size_t i;

	fputs(".SH FUNCTIONS\n", f);
	for (i = 0; pg_modes[i]; i++) {
		fprintf(f, ".TP\n\\fB%s\\fR\n", pg_modes[i]->name);
		cliopt_roff(f, pg_modes[i]->help);
		fputs(".\n", f);
	}
}

/* Everything the option and mode tables cannot say. */
static const char *const man_head =
	".TH PKT\\-GEN 8 \"\" \"netmap " PG_VERSION
	"\" \"System Manager's Manual\"\n"
	".SH NAME\n"
	"pkt\\-gen \\- netmap traffic generator and sink\n"
	".SH SYNOPSIS\n"
	".B pkt\\-gen\n"
	"\\fB\\-i\\fR \\fIPORT\\fR [\\fB\\-f\\fR \\fIFUNCTION\\fR] "
	"[\\fIOPTION\\fR]...\n"
	".SH DESCRIPTION\n"
	".B pkt\\-gen\n"
	"sends, receives or bounces Ethernet/IPv4/UDP frames on a netmap "
	"port,\n"
	"one system call per batch and no allocation per packet. Frames are\n"
	"built once in each buffer and only the fields that vary are "
	"rewritten;\n"
	"IP and UDP checksums are always correct. With \\fB\\-p\\fR \\fIN\\fR "
	"each\n"
	"of N threads binds one ring of the port; the totals are exact sums.\n"
	".PP\n"
	"Port names: \\fBnetmap:\\fR\\fIIF\\fR (all rings of interface IF),\n"
	"\\fIIF\\fR\\fB\\-\\fR\\fIN\\fR (ring N), \\fIIF\\fR\\fB^\\fR (host "
	"rings),\n"
	"\\fIIF\\fR\\fB*\\fR (both), "
	"\\fBnetmap:\\fR\\fINAME\\fR\\fB{\\fR\\fIN\\fR and\n"
	"\\fBnetmap:\\fR\\fINAME\\fR\\fB}\\fR\\fIN\\fR (the two ends of pipe "
	"N),\n"
	"\\fBvale\\fR\\fIX\\fR\\fB:\\fR\\fIY\\fR (port Y of VALE switch X), "
	"followed by\n"
	"\\fB/\\fR\\fIflags\\fR, \\fB@\\fR\\fImemid\\fR and "
	"\\fB@conf:\\fR\\fIkey\\fR\\fB=\\fR\\fIvalue\\fR,...\n";

static const char *const man_tail =
	".SH OUTPUT\n"
	"One line per report interval (\\fB\\-T\\fR) with the packet and bit\n"
	"rates, the average batch and, with \\fB\\-n\\fR, the progress; then "
	"a\n"
	"summary: \\fBSent\\fR or \\fBReceived\\fR \\fIN\\fR \\fBpackets\\fR\n"
	"\\fIB\\fR \\fBbytes\\fR ... \\fBSpeed:\\fR \\fIX\\fR \\fBpps "
	"Bandwidth:\\fR\n"
	"\\fIY\\fR \\fBbps\\fR. rxseq adds lost, duplicated and reordered "
	"counts;\n"
	"ping adds round\\-trip latency minimum, average, maximum and "
	"percentiles.\n"
	"With \\fB\\-\\-json\\fR the same values are printed as one JSON "
	"object per\n"
	"line, of type \\fBstart\\fR, \\fBinterval\\fR and \\fBsummary\\fR.\n"
	"Ctrl\\-C ends the run with the summary.\n"
	".SH EXIT STATUS\n"
	"0 on success or after Ctrl\\-C; 1 when an option, the port or a\n"
	"thread fails, with one line on standard error naming the problem.\n"
	".SH EXAMPLES\n"
	"Count a million packets through pipe 1 of x:\n"
	".PP\n"
	".nf\n"
	"pkt\\-gen \\-i 'netmap:x}1' \\-f rx \\-n 1000000 &\n"
	"pkt\\-gen \\-i 'netmap:x{1' \\-f tx \\-n 1000000\n"
	".fi\n"
	".PP\n"
	"Fill eth0 with 60\\-byte frames from four threads:\n"
	".PP\n"
	".nf\n"
	"pkt\\-gen \\-i netmap:eth0 \\-f tx \\-l 60 \\-p 4\n"
	".fi\n"
	".SH SEE ALSO\n"
	"The netmap paper: L. Rizzo, netmap: a novel framework for fast "
	"packet\n"
	"I/O, USENIX ATC 2012.\n";

void pg_options_man(FILE *f)
{
	fputs(man_head, f);
	cliopt_man_options(f, &pg_table);
	man_functions(f);
	fputs(man_tail, f);
}
