/*
 * options.h - bridge's command line: one table of options drives the
 * parser, --help and the man page (--man).
 */
#ifndef BR_OPTIONS_H
#define BR_OPTIONS_H

#include <stddef.h>
#include <stdio.h>

#include "cliopt.h"
#include "bridge.h"

enum br_parse_result {
	BR_PARSE_OK = CLIOPT_OK,
	BR_PARSE_EXIT = CLIOPT_EXIT,   /* --help or --man printed; exit 0 */
	BR_PARSE_ERROR = CLIOPT_ERROR, /* err says why; exit 1 */
};

enum br_parse_result br_options_parse(int argc, char **argv,
				      struct br_conf *conf, char *err,
				      size_t errlen);
void br_options_usage(FILE *f);
void br_options_man(FILE *f);

#endif /* BR_OPTIONS_H */
