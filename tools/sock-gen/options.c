/*
 * options.c - sock-gen's option table, its setters and checks, and the
 * text around the options in --help; lib/cliopt parses and prints the
 * options from the table.
 */
#include <stdio.h>
#include <string.h>

#include "cliopt.h"
#include "sock-gen.h"

static int set_ifname(void *conf, const char *arg, char *e, size_t n)
{
	struct sg_conf *c = conf;

	(void)e;
	(void)n;
	c->ifname = arg;
	return 0;
}

static int set_method(void *conf, const char *arg, char *e, size_t n)
{
	struct sg_conf *c = conf;

	c->method = sg_method_find(arg);
	if (!c->method)
		return sg_fail(e, n,
			       "'%s': unknown method (sendto, sendmmsg, "
			       "txring, recvfrom, recvmmsg, rxring)",
			       arg);
	return 0;
}

static int set_count(void *conf, const char *arg, char *e, size_t n)
{
	struct sg_conf *c = conf;

	return cliopt_number(arg, 0, UINT64_MAX, &c->count, "a packet count", e,
			     n);
}

static int set_len(void *conf, const char *arg, char *e, size_t n)
{
	struct sg_conf *c = conf;
	uint64_t v;

	if (cliopt_number(arg, SG_MIN_LEN, SG_MAX_LEN, &v, "a frame length", e,
			  n))
		return -1;
	c->len = (unsigned int)v;
	return 0;
}

static int set_batch(void *conf, const char *arg, char *e, size_t n)
{
	struct sg_conf *c = conf;
	uint64_t v;

	if (cliopt_number(arg, 1, SG_MAX_BATCH, &v, "a batch size", e, n))
		return -1;
	c->batch = (unsigned int)v;
	return 0;
}

static int set_json(void *conf, const char *arg, char *e, size_t n)
{
	struct sg_conf *c = conf;

	(void)arg;
	(void)e;
	(void)n;
	c->json = 1;
	return 0;
}

static void usage(FILE *f);

static const struct cliopt sg_options[] = {
	{'i', "interface", "IFNAME", "network interface to use (required)",
	 set_ifname, 0},
	{'f', "method", "METHOD",
	 "sendto, sendmmsg, txring (PACKET_MMAP "
	 "TX_RING with PACKET_QDISC_BYPASS), recvfrom, recvmmsg or rxring "
	 "(PACKET_MMAP RX_RING); default sendto",
	 set_method, 0},
	{'n', "count", "N",
	 "packets to send (required for transmit) or "
	 "receive (default 0: until 1 s without traffic)",
	 set_count, 0},
	{'l', "length", "LEN",
	 "frame length in bytes without CRC, 42-9014 "
	 "(default 60)",
	 set_len, 0},
	{'b', "batch", "N",
	 "packets per system call, 1-1024 (default: "
	 "sendmmsg and recvmmsg 64, the rings 512; sendto and recvfrom 1)",
	 set_batch, 0},
	{0, "json", NULL,
	 "print the summary as one JSON line (schema: "
	 "tests/schemas/sock-gen.schema.json)",
	 set_json, 0},
	CLIOPT_HELP,
};

static const struct cliopt_table sg_table = {
	.prog = "sock-gen",
	.opts = sg_options,
	.n = sizeof(sg_options) / sizeof(sg_options[0]),
	.help_width = 22,
	.flags = CLIOPT_TERSE,
	.usage = usage,
};

static void usage(FILE *f)
{
	fprintf(f, "usage: sock-gen -i IFNAME [-f METHOD] [-n N] [-l LEN] "
		   "[-b N] [--json]\n\nTransmit or receive frames through the "
		   "kernel's packet socket APIs.\n\n");
	cliopt_usage_options(f, &sg_table);
}

static int check(struct sg_conf *c, char *err, size_t errlen)
{
	if (!c->ifname)
		return sg_fail(err, errlen,
			       "no interface: give one with -i, "
			       "e.g. -i eth0");
	if (c->method->tx && !c->count)
		return sg_fail(err, errlen,
			       "-f %s needs a packet count "
			       "(-n N)",
			       c->method->name);
	if (!c->batch)
		c->batch = c->method->default_batch;
	if (c->batch > 1 && (!strcmp(c->method->name, "sendto") ||
			     !strcmp(c->method->name, "recvfrom")))
		return sg_fail(err, errlen,
			       "-b %u: -f %s moves one packet "
			       "per call",
			       c->batch, c->method->name);
	return 0;
}

/* 0: go on; 1: --help printed, exit 0; -1: err says why, exit 1. */
int sg_options_parse(int argc, char **argv, struct sg_conf *c, char *err,
		     size_t errlen)
{
	c->method = sg_method_find("sendto");
	c->len = 60;
	switch (cliopt_parse(&sg_table, argc, argv, c, err, errlen)) {
	case CLIOPT_OK:
		return check(c, err, errlen);
	case CLIOPT_EXIT:
		return 1;
	default:
		return -1;
	}
}
