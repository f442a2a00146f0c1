/*
 * latency.h - round-trip times: exact min, mean and max, and percentiles
 * from a log-linear histogram (16 buckets per power of two, so a
 * percentile is within 1/32 of the true value). Fixed size, filled
 * without allocation on the per-packet path.
 */
#ifndef PG_LATENCY_H
#define PG_LATENCY_H

#include <stdint.h>

#define PG_LAT_SUB 16
#define PG_LAT_BUCKETS (PG_LAT_SUB + 60 * PG_LAT_SUB)

struct pg_latency {
	uint64_t count, sum_ns, min_ns, max_ns;
	uint64_t bucket[PG_LAT_BUCKETS];
};

void pg_latency_add(struct pg_latency *l, uint64_t ns);
void pg_latency_merge(struct pg_latency *into, const struct pg_latency *l);
/* The p-th percentile (0 < p <= 100) in ns; 0 when empty. */
uint64_t pg_latency_percentile(const struct pg_latency *l, double p);

#endif /* PG_LATENCY_H */
