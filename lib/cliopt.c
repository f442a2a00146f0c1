/*
 * cliopt.c - getopt_long driven by a table of options, and --help and the
 * man page's OPTIONS section printed from the same table.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cliopt.h"

#define CLIOPT_LONG_BASE 256 /* getopt value of long-only option i */

static int opt_val(const struct cliopt_table *t, size_t i)
{
	return t->opts[i].short_name ? t->opts[i].short_name
				     : CLIOPT_LONG_BASE + (int)i;
}

static const struct cliopt *find_by_val(const struct cliopt_table *t, int val)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (opt_val(t, i) == val)
			return &t->opts[i];
	return NULL;
}

/* How messages name an option: "-b" or "--json". */
static const char *opt_name(const struct cliopt *o, char *buf, size_t n)
{
	if (o->short_name)
		snprintf(buf, n, "-%c", o->short_name);
	else
		snprintf(buf, n, "--%s", o->long_name);
	return buf;
}

/* shorts holds 3 * n + 2 characters, longs n + 1 entries. */
static void build_getopt(const struct cliopt_table *t, char *shorts,
			 struct option *longs)
{
	size_t i, k = 0;

	shorts[k++] = ':'; /* report a missing value as ':' */
	for (i = 0; i < t->n; i++) {
		const struct cliopt *o = &t->opts[i];

		if (o->short_name) {
			shorts[k++] = o->short_name;
			if (o->arg)
				shorts[k++] = ':';
		}
		longs[i] = (struct option){
			.name = o->long_name,
			.has_arg = o->arg ? required_argument : no_argument,
			.val = opt_val(t, i),
		};
	}
	shorts[k] = '\0';
	longs[t->n] = (struct option){0};
}

/*
 * getopt_long returned '?' or ':'. A short option is named by optopt:
 * inside a cluster ("-qv") getopt has not moved past the word yet, so
 * argv[optind - 1] is the one before. A long one is named as typed, as
 * optopt may be a valid option's ("--help=2": a flag given a value).
 */
static void bad_option(const struct cliopt_table *t, int val, char **argv,
		       char *err, size_t errlen)
{
	const struct cliopt *o = find_by_val(t, optopt);
	const char *typed = argv[optind - 1];
	char name[40];

	if (val == ':' && o && (t->flags & CLIOPT_TERSE))
		snprintf(err, errlen, "option %s needs a value", typed);
	else if (val == ':' && o)
		snprintf(err, errlen, "option %s needs a value (%s)",
			 opt_name(o, name, sizeof(name)), o->arg);
	else if (optopt && optopt < CLIOPT_LONG_BASE && strncmp(typed, "--", 2))
		snprintf(err, errlen, "unknown option '-%c' (see %s --help)",
			 optopt, t->prog);
	else
		snprintf(err, errlen, "unknown option '%s' (see %s --help)",
			 typed, t->prog);
}

static int set_option(const struct cliopt_table *t, const struct cliopt *o,
		      void *conf, char *err, size_t errlen)
{
	char name[40], why[200];

	if (t->flags & CLIOPT_TERSE)
		return o->set(conf, optarg, err, errlen);
	if (!o->set(conf, optarg, why, sizeof(why)))
		return 0;
	snprintf(err, errlen, "%s %s", opt_name(o, name, sizeof(name)), why);
	return -1;
}

static enum cliopt_result run_getopt(const struct cliopt_table *t, int argc,
				     char **argv, const char *shorts,
				     const struct option *longs, void *conf,
				     char *err, size_t errlen)
{
	const struct cliopt *o;
	int val;

	/* 0, not 1: getopt forgets any earlier parse (the unit test's). */
	optind = 0;
	opterr = 0;
	while ((val = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
		if (val == '?' || val == ':') {
			bad_option(t, val, argv, err, errlen);
			return CLIOPT_ERROR;
		}
		o = find_by_val(t, val);
		if (!strcmp(o->long_name, "help")) {
			t->usage(stdout);
			return CLIOPT_EXIT;
		}
		if (!strcmp(o->long_name, "man")) {
			t->man(stdout);
			return CLIOPT_EXIT;
		}
		if (set_option(t, o, conf, err, errlen))
			return CLIOPT_ERROR;
	}
	if (optind < argc) {
		snprintf(err, errlen,
			 "unexpected argument '%s' (see %s "
			 "--help)",
			 argv[optind], t->prog);
		return CLIOPT_ERROR;
	}
	return CLIOPT_OK;
}

enum cliopt_result cliopt_parse(const struct cliopt_table *t, int argc,
				char **argv, void *conf, char *err,
				size_t errlen)
{
	struct option *longs = calloc(t->n + 1, sizeof(*longs));
	char *shorts = malloc(3 * t->n + 2);
	enum cliopt_result r;

	if (!longs || !shorts) {
		snprintf(err, errlen, "out of memory");
		r = CLIOPT_ERROR;
		goto free_both;
	}
	build_getopt(t, shorts, longs);
	r = run_getopt(t, argc, argv, shorts, longs, conf, err, errlen);
free_both:
	free(shorts);
	free(longs);
	return r;
}

/* "-i, --interface PORT", or "    --json" lined up under the long names. */
static void opt_synopsis(const struct cliopt_table *t, const struct cliopt *o,
			 char *buf, size_t n)
{
	const char *indent = t->flags & CLIOPT_TERSE ? "   " : "    ";
	char sh[8];

	if (o->short_name)
		snprintf(sh, sizeof(sh), "-%c, ", o->short_name);
	snprintf(buf, n, "%s--%s%s%s", o->short_name ? sh : indent,
		 o->long_name, o->arg ? " " : "", o->arg ? o->arg : "");
}

void cliopt_usage_options(FILE *f, const struct cliopt_table *t)
{
	const char *gap = t->flags & CLIOPT_TERSE ? " " : "  ";
	int w = t->help_width;
	char syn[80];
	size_t i;

	for (i = 0; i < t->n; i++) {
		const struct cliopt *o = &t->opts[i];

		if (o->hidden)
			continue;
		opt_synopsis(t, o, syn, sizeof(syn));
		if (strlen(syn) > (size_t)w)
			fprintf(f, "  %s\n  %-*s%s%s\n", syn, w, "", gap,
				o->help);
		else
			fprintf(f, "  %-*s%s%s\n", w, syn, gap, o->help);
	}
}

void cliopt_roff(FILE *f, const char *s)
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

void cliopt_man_options(FILE *f, const struct cliopt_table *t)
{
	size_t i;

	fputs(".SH OPTIONS\n", f);
	for (i = 0; i < t->n; i++) {
		const struct cliopt *o = &t->opts[i];

		if (o->hidden)
			continue;
		fputs(".TP\n", f);
		if (o->short_name)
			fprintf(f, "\\fB\\-%c\\fR, ", o->short_name);
		fprintf(f, "\\fB\\-\\-%s\\fR", o->long_name);
		if (o->arg) {
			fputs(" \\fI", f);
			cliopt_roff(f, o->arg);
			fputs("\\fR", f);
		}
		fputc('\n', f);
		cliopt_roff(f, o->help);
		fputs(".\n", f);
	}
}

int cliopt_number(const char *arg, uint64_t min, uint64_t max, uint64_t *v,
		  const char *what, char *err, size_t errlen)
{
	char *end;

	errno = 0;
	*v = strtoull(arg, &end, 10);
	if (!*arg || *end || errno || arg[0] == '-' || *v < min || *v > max) {
		snprintf(err, errlen,
			 "'%s': expected %s from %" PRIu64 " to %" PRIu64, arg,
			 what, min, max);
		return -1;
	}
	return 0;
}
