/*
 * latency.c - the round-trip histogram of latency.h.
 */
#include "latency.h"

/* Values below 16 ns have a bucket each; above, 16 per power of two. */
static unsigned int bucket_of(uint64_t ns)
{
	unsigned int e;

	if (ns < PG_LAT_SUB)
		return (unsigned int)ns;
	e = 63u - (unsigned int)__builtin_clzll(ns); /* e >= 4 */
	return PG_LAT_SUB + (e - 4) * PG_LAT_SUB +
	       (unsigned int)((ns >> (e - 4)) & (PG_LAT_SUB - 1));
}

/* The middle of bucket b. */
static uint64_t bucket_value(unsigned int b)
{
	unsigned int e, sub;
	uint64_t lo;

	if (b < PG_LAT_SUB)
		return b;
	e = (b - PG_LAT_SUB) / PG_LAT_SUB + 4;
	sub = (b - PG_LAT_SUB) % PG_LAT_SUB;
	lo = ((uint64_t)(PG_LAT_SUB + sub)) << (e - 4);
	return lo + (1ULL << (e - 4)) / 2;
}

void pg_latency_add(struct pg_latency *l, uint64_t ns)
{
	if (!l->count || ns < l->min_ns)
		l->min_ns = ns;
	if (ns > l->max_ns)
		l->max_ns = ns;
	l->count++;
	l->sum_ns += ns;
	l->bucket[bucket_of(ns)]++;
}

void pg_latency_merge(struct pg_latency *into, const struct pg_latency *l)
{
	unsigned int b;

	if (!l->count)
		return;
	if (!into->count || l->min_ns < into->min_ns)
		into->min_ns = l->min_ns;
	if (l->max_ns > into->max_ns)
		into->max_ns = l->max_ns;
	into->count += l->count;
	into->sum_ns += l->sum_ns;
	for (b = 0; b < PG_LAT_BUCKETS; b++)
		into->bucket[b] += l->bucket[b];
}

uint64_t pg_latency_percentile(const struct pg_latency *l, double p)
{
	uint64_t want, seen = 0, v;
	unsigned int b;

	if (!l->count)
		return 0;
	want = (uint64_t)(p / 100.0 * (double)l->count + 0.999999);
	if (want < 1)
		want = 1;
	for (b = 0; b < PG_LAT_BUCKETS; b++) {
		seen += l->bucket[b];
		if (seen >= want)
			break;
	}
	v = bucket_value(b < PG_LAT_BUCKETS ? b : PG_LAT_BUCKETS - 1);
	if (v < l->min_ns)
		v = l->min_ns;
	if (v > l->max_ns)
		v = l->max_ns;
	return v;
}
