/*
 * options.c - sock-gen's command line: one table drives parsing and
 * --help.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sock-gen.h"

struct sg_option {
	int short_name;
	const char *long_name;
	const char *arg;	/* NULL: a flag */
	const char *help;
	int (*set)(struct sg_conf *c, const char *arg, char *e, size_t n);
};

static int number(const char *arg, uint64_t min, uint64_t max, uint64_t *v,
		  const char *what, char *e, size_t n)
{
	char *end;

	*v = strtoull(arg, &end, 10);
	if (!*arg || *end || *arg == '-' || *v < min || *v > max)
		return sg_fail(e, n, "'%s': expected %s from %" PRIu64 " to %"
			       PRIu64, arg, what, min, max);
	return 0;
}

static int set_ifname(struct sg_conf *c, const char *arg, char *e, size_t n)
{
	(void)e;
	(void)n;
	c->ifname = arg;
	return 0;
}

static int set_method(struct sg_conf *c, const char *arg, char *e, size_t n)
{
	c->method = sg_method_find(arg);
	if (!c->method)
		return sg_fail(e, n, "'%s': unknown method (sendto, sendmmsg, "
			       "txring, recvfrom, recvmmsg, rxring)", arg);
	return 0;
}

static int set_count(struct sg_conf *c, const char *arg, char *e, size_t n)
{
	return number(arg, 0, UINT64_MAX, &c->count, "a packet count", e, n);
}

static int set_len(struct sg_conf *c, const char *arg, char *e, size_t n)
{
	uint64_t v;

	if (number(arg, SG_MIN_LEN, SG_MAX_LEN, &v, "a frame length", e, n))
		return -1;
	c->len = (unsigned int)v;
	return 0;
}

static int set_batch(struct sg_conf *c, const char *arg, char *e, size_t n)
{
	uint64_t v;

	if (number(arg, 1, SG_MAX_BATCH, &v, "a batch size", e, n))
		return -1;
	c->batch = (unsigned int)v;
	return 0;
}

static int set_json(struct sg_conf *c, const char *arg, char *e, size_t n)
{
	(void)arg;
	(void)e;
	(void)n;
	c->json = 1;
	return 0;
}

static const struct sg_option options[] = {
	{ 'i', "interface", "IFNAME", "network interface to use (required)",
	  set_ifname },
	{ 'f', "method", "METHOD", "sendto, sendmmsg, txring (PACKET_MMAP "
	  "TX_RING with PACKET_QDISC_BYPASS), recvfrom, recvmmsg or rxring "
	  "(PACKET_MMAP RX_RING); default sendto", set_method },
	{ 'n', "count", "N", "packets to send (required for transmit) or "
	  "receive (default 0: until 1 s without traffic)", set_count },
	{ 'l', "length", "LEN", "frame length in bytes without CRC, 42-9014 "
	  "(default 60)", set_len },
	{ 'b', "batch", "N", "packets per system call, 1-1024 (default: "
	  "sendmmsg and recvmmsg 64, the rings 512; sendto and recvfrom 1)",
	  set_batch },
	{ 0, "json", NULL, "print the summary as one JSON line (schema: "
	  "tests/schemas/sock-gen.schema.json)", set_json },
	{ 'h', "help", NULL, "print this help and exit", NULL },
};

#define N_OPTIONS (sizeof(options) / sizeof(options[0]))

static void usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: sock-gen -i IFNAME [-f METHOD] [-n N] [-l LEN] "
		"[-b N] [--json]\n\nTransmit or receive frames through the "
		"kernel's packet socket APIs.\n\n");
	for (i = 0; i < N_OPTIONS; i++) {
		const struct sg_option *o = &options[i];
		char name[48];

		snprintf(name, sizeof(name), "%s%c%s--%s%s%s",
			 o->short_name ? "-" : "",
			 o->short_name ? o->short_name : ' ',
			 o->short_name ? ", " : "  ", o->long_name,
			 o->arg ? " " : "", o->arg ? o->arg : "");
		fprintf(f, "  %-22s %s\n", name, o->help);
	}
}

static int check(struct sg_conf *c, char *err, size_t errlen)
{
	if (!c->ifname)
		return sg_fail(err, errlen, "no interface: give one with -i, "
			       "e.g. -i eth0");
	if (c->method->tx && !c->count)
		return sg_fail(err, errlen, "-f %s needs a packet count "
			       "(-n N)", c->method->name);
	if (!c->batch)
		c->batch = c->method->default_batch;
	if (c->batch > 1 && (!strcmp(c->method->name, "sendto") ||
			     !strcmp(c->method->name, "recvfrom")))
		return sg_fail(err, errlen, "-b %u: -f %s moves one packet "
			       "per call", c->batch, c->method->name);
	return 0;
}

/* 0: go on; 1: --help printed, exit 0; -1: err says why, exit 1. */
int sg_options_parse(int argc, char **argv, struct sg_conf *c, char *err,
		     size_t errlen)
{
	struct option longs[N_OPTIONS + 1];
	char shorts[3 * N_OPTIONS + 2] = ":";
	size_t i;
	int ch, idx;

	memset(longs, 0, sizeof(longs));
	for (i = 0; i < N_OPTIONS; i++) {
		const struct sg_option *o = &options[i];

		longs[i].name = o->long_name;
		longs[i].has_arg = o->arg ? required_argument : no_argument;
		longs[i].val = o->short_name ? o->short_name : 256 + (int)i;
		if (o->short_name) {
			size_t l = strlen(shorts);

			shorts[l] = (char)o->short_name;
			if (o->arg)
				shorts[++l] = ':';
			shorts[l + 1] = '\0';
		}
	}
	c->method = sg_method_find("sendto");
	c->len = 60;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, shorts, longs, &idx)) != -1) {
		if (ch == ':')
			return sg_fail(err, errlen, "option %s needs a value",
				       argv[optind - 1]);
		if (ch == '?')
			return sg_fail(err, errlen, "unknown option '%s' (see "
				       "sock-gen --help)", argv[optind - 1]);
		for (i = 0; i < N_OPTIONS; i++)
			if (longs[i].val == ch)
				break;
		if (!options[i].set) {
			usage(stdout);
			return 1;
		}
		if (options[i].set(c, optarg, err, errlen))
			return -1;
	}
	if (optind < argc)
		return sg_fail(err, errlen, "unexpected argument '%s' (see "
			       "sock-gen --help)", argv[optind]);
	return check(c, err, errlen);
}
