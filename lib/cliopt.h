/*
 * cliopt.h - the tools' command lines: a table of options, declared once
 * in each tool, drives getopt_long, the error messages, --help and the
 * OPTIONS section of the man page (after xdp-tools).
 *
 * A tool keeps its setters, defaults, cross-option checks and the text
 * around the options (usage header and footer, man head and tail); the
 * rest is here. Nothing here exits; only --help and --man print.
 */
#ifndef CLIOPT_H
#define CLIOPT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/*
 * Store arg (NULL for a flag) in conf, or write why not to err and
 * return -1. The reason is shown after the option: "-n 'ten': expected
 * a packet count ...".
 */
typedef int (*cliopt_setter)(void *conf, const char *arg, char *err,
			     size_t errlen);

struct cliopt {
	char short_name;       /* 0: long only */
	const char *long_name; /* "help" and "man" print and end parsing */
	const char *arg;       /* NULL: a flag */
	const char *help;
	cliopt_setter set; /* NULL for help and man */
	int hidden;	   /* left out of --help and the man page */
};

/* The --help entry of every table, and --man for tools with a man page. */
#define CLIOPT_HELP                                                    \
	{                                                              \
		'h', "help", NULL, "print this help and exit", NULL, 0 \
	}
#define CLIOPT_MAN                                                            \
	{                                                                     \
		0, "man", NULL, "print the man page (roff) and exit", NULL, 1 \
	}

/*
 * sock-gen's format, kept byte for byte: a missing value is named as
 * typed and without its ARG, a setter's reason stands alone, and --help
 * puts one space before the help text and indents long-only options by
 * three.
 */
#define CLIOPT_TERSE 0x1

struct cliopt_table {
	const char *prog; /* in "(see PROG --help)" */
	const struct cliopt *opts;
	size_t n;
	int help_width;		/* --help: synopses longer than this wrap */
	unsigned int flags;	/* CLIOPT_* */
	void (*usage)(FILE *f); /* the whole --help */
	void (*man)(FILE *f);	/* the whole --man; NULL: no "man" option */
};

enum cliopt_result {
	CLIOPT_OK,
	CLIOPT_EXIT,  /* --help or --man printed; exit 0 */
	CLIOPT_ERROR, /* err says why; exit 1 */
};

/*
 * Run every option of argv through its setter, in order. Positional
 * arguments are errors. Uses getopt_long, so not thread-safe.
 */
enum cliopt_result cliopt_parse(const struct cliopt_table *t, int argc,
				char **argv, void *conf, char *err,
				size_t errlen);

/* The option lines of --help: "  -i, --interface PORT   help". */
void cliopt_usage_options(FILE *f, const struct cliopt_table *t);

/* ".SH OPTIONS" and one ".TP" paragraph per option. */
void cliopt_man_options(FILE *f, const struct cliopt_table *t);

/* Text for roff: a leading '.' or '\'', every '\\' and '-' escaped. */
void cliopt_roff(FILE *f, const char *s);

/*
 * A decimal number in [min, max], or -1 and "'ARG': expected WHAT from
 * MIN to MAX" in err. For setters.
 */
int cliopt_number(const char *arg, uint64_t min, uint64_t max, uint64_t *v,
		  const char *what, char *err, size_t errlen);

#endif /* CLIOPT_H */
