/*
 * report.h - what pkt-gen prints: the start record, a line per report
 * interval and the closing summary, all through output.h.
 */
#ifndef PG_REPORT_H
#define PG_REPORT_H

#include "pkt-gen.h"

struct pg_totals {
	uint64_t packets, bytes, batches;
};

void pg_totals_read(struct pg_thread *threads, unsigned int n,
		    struct pg_totals *sum);
void pg_report_start(const struct pg_conf *conf, const struct nmport *port);
void pg_report_interval(const struct pg_conf *conf, uint64_t elapsed_ns,
			uint64_t dt_ns, const struct pg_totals *now,
			const struct pg_totals *prev);
void pg_report_summary(const struct pg_conf *conf, struct pg_thread *threads,
		       unsigned int n, int interrupted);

#endif /* PG_REPORT_H */
