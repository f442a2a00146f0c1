/*
 * options.h - nmstat's command line: one option table drives the parser,
 * --help and the man page (--man).
 */
#ifndef NS_OPTIONS_H
#define NS_OPTIONS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "cliopt.h"
#include "output.h"

struct ns_conf {
	double interval; /* seconds; 0: one snapshot */
	uint64_t count;	 /* intervals; 0: until interrupted */
	struct ns_filter filter;
	int pretty;
	int table;
};

enum ns_parse_result {
	NS_PARSE_OK = CLIOPT_OK,
	NS_PARSE_EXIT = CLIOPT_EXIT,   /* --help or --man printed; exit 0 */
	NS_PARSE_ERROR = CLIOPT_ERROR, /* err says why; exit 1 */
};

enum ns_parse_result ns_options_parse(int argc, char **argv,
				      struct ns_conf *conf, char *err,
				      size_t errlen);
void ns_options_usage(FILE *f);
void ns_options_man(FILE *f);

#endif /* NS_OPTIONS_H */
