/*
 * test_cliopt.c - lib/cliopt.h on a small table: options short and long,
 * each error message, --help and --man, the --help layout and roff
 * escaping.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cliopt.h"

static int failures;

#define FAIL(...)                             \
	do {                                  \
		printf("FAIL: " __VA_ARGS__); \
		putchar('\n');                \
		failures++;                   \
	} while (0)

struct conf {
	const char *port;
	uint64_t count;
	int json;
};

static int usage_calls, man_calls;

static int set_port(void *conf, const char *arg, char *e, size_t n)
{
	(void)e;
	(void)n;
	((struct conf *)conf)->port = arg;
	return 0;
}

static int set_count(void *conf, const char *arg, char *e, size_t n)
{
	return cliopt_number(arg, 1, 100, &((struct conf *)conf)->count,
			     "a count", e, n);
}

static int set_json(void *conf, const char *arg, char *e, size_t n)
{
	(void)arg;
	(void)e;
	(void)n;
	((struct conf *)conf)->json = 1;
	return 0;
}

/* Stand-ins for the tool's --help and --man: count, print nothing. */
static void usage(FILE *f)
{
	(void)f;
	usage_calls++;
}

static void man(FILE *f)
{
	(void)f;
	man_calls++;
}

static const struct cliopt opts[] = {
	{'i', "interface", "PORT", "the port", set_port, 0},
	{'n', "count", "N", "how many", set_count, 0},
	{0, "json", NULL, "print JSON", set_json, 0},
	{'x', "exclusive-and-rather-long", "NAME.x", "wraps", set_port, 0},
	CLIOPT_HELP,
	CLIOPT_MAN,
};

static const struct cliopt_table table = {
	.prog = "tool",
	.opts = opts,
	.n = sizeof(opts) / sizeof(opts[0]),
	.help_width = 20,
	.usage = usage,
	.man = man,
};

struct parse_case {
	const char *args[6]; /* after argv[0]; NULL-terminated */
	unsigned int flags;
	enum cliopt_result result;
	const char *err; /* CLIOPT_ERROR: the whole message */
};

static const struct parse_case cases[] = {
	{{"-i", "a", "-n", "5", NULL}, 0, CLIOPT_OK, NULL},
	{{"--interface=a", "--count", "5", "--json", NULL}, 0, CLIOPT_OK, NULL},
	{{"-ia", "-n5", NULL}, 0, CLIOPT_OK, NULL},
	{{"-i", NULL}, 0, CLIOPT_ERROR, "option -i needs a value (PORT)"},
	{{"--interface", NULL},
	 0,
	 CLIOPT_ERROR,
	 "option -i needs a value (PORT)"},
	{{"-q", NULL},
	 0,
	 CLIOPT_ERROR,
	 "unknown option '-q' (see tool --help)"},
	{{"-hq", NULL}, 0, CLIOPT_EXIT, NULL},
	{{"-qh", NULL},
	 0,
	 CLIOPT_ERROR,
	 "unknown option '-q' (see tool --help)"},
	{{"--bogus", NULL},
	 0,
	 CLIOPT_ERROR,
	 "unknown option '--bogus' (see tool --help)"},
	{{"--json=1", NULL},
	 0,
	 CLIOPT_ERROR,
	 "unknown option '--json=1' (see tool --help)"},
	{{"--help=1", NULL},
	 0,
	 CLIOPT_ERROR,
	 "unknown option '--help=1' (see tool --help)"},
	{{"-i", "a", "extra", NULL},
	 0,
	 CLIOPT_ERROR,
	 "unexpected argument 'extra' (see tool --help)"},
	{{"--", "-i", NULL},
	 0,
	 CLIOPT_ERROR,
	 "unexpected argument '-i' (see tool --help)"},
	{{"-n", "0", NULL},
	 0,
	 CLIOPT_ERROR,
	 "-n '0': expected a count from 1 to 100"},
	{{"--count", "ten", NULL},
	 0,
	 CLIOPT_ERROR,
	 "-n 'ten': expected a count from 1 to 100"},
	{{"-n", "-5", NULL},
	 0,
	 CLIOPT_ERROR,
	 "-n '-5': expected a count from 1 to 100"},
	{{"-n", "99999999999999999999", NULL},
	 0,
	 CLIOPT_ERROR,
	 "-n '99999999999999999999': expected a count from 1 to 100"},
	{{"--help", NULL}, 0, CLIOPT_EXIT, NULL},
	{{"-i", "a", "-h", "extra", NULL}, 0, CLIOPT_EXIT, NULL},
	{{"--man", NULL}, 0, CLIOPT_EXIT, NULL},
	/* sock-gen's format */
	{{"--interface", NULL},
	 CLIOPT_TERSE,
	 CLIOPT_ERROR,
	 "option --interface needs a value"},
	{{"-n", "0", NULL},
	 CLIOPT_TERSE,
	 CLIOPT_ERROR,
	 "'0': expected a count from 1 to 100"},
	{{"-q", NULL},
	 CLIOPT_TERSE,
	 CLIOPT_ERROR,
	 "unknown option '-q' (see tool --help)"},
};

static void check_parse(const struct parse_case *c)
{
	struct cliopt_table t = table;
	char *argv[8] = {"tool"}, err[256] = "";
	struct conf conf = {0};
	enum cliopt_result r;
	int argc = 1, help = usage_calls + man_calls;

	while (c->args[argc - 1]) {
		argv[argc] = (char *)c->args[argc - 1];
		argc++;
	}
	t.flags = c->flags;
	r = cliopt_parse(&t, argc, argv, &conf, err, sizeof(err));
	if (r != c->result)
		FAIL("%s ...: result %d, expected %d (%s)", c->args[0], r,
		     c->result, err);
	else if (r == CLIOPT_ERROR && strcmp(err, c->err))
		FAIL("%s ...: '%s', expected '%s'", c->args[0], err, c->err);
	else if ((r == CLIOPT_EXIT) != (usage_calls + man_calls > help))
		FAIL("%s ...: help or man printed %s", c->args[0],
		     r == CLIOPT_EXIT ? "never" : "without exit");
	else if (r == CLIOPT_OK &&
		 (!conf.port || strcmp(conf.port, "a") || conf.count != 5))
		FAIL("%s ...: port %s count %llu", c->args[0],
		     conf.port ? conf.port : "(none)",
		     (unsigned long long)conf.count);
}

/* Print with fn into a string; the caller frees it. */
static char *print_to_string(void (*fn)(FILE *, const struct cliopt_table *),
			     unsigned int flags)
{
	struct cliopt_table t = table;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f) {
		perror("open_memstream");
		exit(1);
	}
	t.flags = flags;
	fn(f, &t);
	fclose(f);
	return buf;
}

static void check_text(const char *what, const char *got, const char *want)
{
	if (strcmp(got, want))
		FAIL("%s:\n%s--- expected:\n%s", what, got, want);
}

static void check_output(void)
{
	char *s;

	s = print_to_string(cliopt_usage_options, 0);
	check_text("usage", s,
		   "  -i, --interface PORT  the port\n"
		   "  -n, --count N         how many\n"
		   "      --json            print JSON\n"
		   "  -x, --exclusive-and-rather-long NAME.x\n"
		   "                        wraps\n"
		   "  -h, --help            print this help and exit\n");
	free(s);
	/* sock-gen's: one space before the help, --json one to the left */
	s = print_to_string(cliopt_usage_options, CLIOPT_TERSE);
	if (!strstr(s, "\n  -n, --count N        how many\n"
		       "     --json            print JSON\n"))
		FAIL("usage, terse:\n%s", s);
	free(s);
	s = print_to_string(cliopt_man_options, 0);
	check_text("man", s,
		   ".SH OPTIONS\n"
		   ".TP\n\\fB\\-i\\fR, \\fB\\-\\-interface\\fR \\fIPORT\\fR\n"
		   "the port.\n"
		   ".TP\n\\fB\\-n\\fR, \\fB\\-\\-count\\fR \\fIN\\fR\n"
		   "how many.\n"
		   ".TP\n\\fB\\-\\-json\\fR\nprint JSON.\n"
		   /* long names go out as they are (the .8 files agree) */
		   ".TP\n\\fB\\-x\\fR, "
		   "\\fB\\-\\-exclusive-and-rather-long\\fR "
		   "\\fINAME.x\\fR\nwraps.\n"
		   ".TP\n\\fB\\-h\\fR, \\fB\\-\\-help\\fR\n"
		   "print this help and exit.\n");
	free(s);
}

static void check_roff(void)
{
	static const char *const cases[][2] = {
		{".leading dot", "\\&.leading dot"},
		{"'quote", "\\&'quote"},
		{"a.b 'c'", "a.b 'c'"},
		{"back\\slash", "back\\eslash"},
		{"-n and --json", "\\-n and \\-\\-json"},
		{"", ""},
	};
	size_t i, len;
	char *buf;
	FILE *f;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		buf = NULL;
		f = open_memstream(&buf, &len);
		if (!f) {
			perror("open_memstream");
			exit(1);
		}
		cliopt_roff(f, cases[i][0]);
		fclose(f);
		check_text(cases[i][0], buf, cases[i][1]);
		free(buf);
	}
}

int main(void)
{
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		check_parse(&cases[i]);
	check_output();
	check_roff();
	if (failures) {
		printf("%d failures\n", failures);
		return 1;
	}
	printf("ok: %zu parses, usage, man, roff\n",
	       sizeof(cases) / sizeof(cases[0]));
	return 0;
}
