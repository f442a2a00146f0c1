/*
 * options.h - pkt-gen's command line: one table of options drives the
 * parser, --help and the man page (--man).
 */
#ifndef PG_OPTIONS_H
#define PG_OPTIONS_H

#include <stddef.h>
#include <stdio.h>

#include "cliopt.h"
#include "pkt-gen.h"

enum pg_parse_result {
	PG_PARSE_OK = CLIOPT_OK,
	PG_PARSE_EXIT = CLIOPT_EXIT,   /* --help or --man printed; exit 0 */
	PG_PARSE_ERROR = CLIOPT_ERROR, /* err says why; exit 1 */
};

enum pg_parse_result pg_options_parse(int argc, char **argv,
				      struct pg_conf *conf, char *err,
				      size_t errlen);
void pg_options_usage(FILE *f);
void pg_options_man(FILE *f);

#endif /* PG_OPTIONS_H */
