/*
 * output.h - a sample (or two, for rates) as one JSON document, and the
 * compact table printed from that same document so the two never
 * disagree.
 */
#ifndef NS_OUTPUT_H
#define NS_OUTPUT_H

#include <stdio.h>

#include <cjson/cJSON.h>

#include "nmstat.h"

#define NS_MAX_FILTER 16

/* Ports to show; none given: all. */
struct ns_filter {
	const char *ports[NS_MAX_FILTER];
	size_t n;
};

int ns_filter_match(const struct ns_filter *f, const char *name);

/* {"type": "snapshot", ...}: counters since each port was created. */
cJSON *ns_json_snapshot(const struct ns_sample *s, const struct ns_filter *f);
/* {"type": "interval", ...}: counters, and deltas and rates from prev. */
cJSON *ns_json_interval(const struct ns_sample *prev,
			const struct ns_sample *cur, const struct ns_filter *f);

void ns_table_print(FILE *out, const cJSON *doc);

#endif /* NS_OUTPUT_H */
