/*
 * seqcheck.h - classify received sequence numbers as in order, lost,
 * duplicated or reordered, with a fixed window of recent numbers.
 *
 * A number above the next expected one counts the gap as lost; when a
 * number of that gap arrives later it is moved from lost to reordered.
 * A number seen before inside the window is a duplicate; one older than
 * the window cannot be told apart and counts as reordered.
 */
#ifndef PG_SEQCHECK_H
#define PG_SEQCHECK_H

#include <stdint.h>

#define PG_SEQ_WINDOW 65536 /* bits: 8 KiB per thread */

struct pg_seqcheck {
	uint64_t next; /* lowest number not yet expected */
	uint64_t received, lost, duplicated, reordered;
	uint64_t foreign; /* frames without our sequence field */
	uint64_t seen[PG_SEQ_WINDOW / 64]; /* bit n % WINDOW: n seen */
};

void pg_seqcheck_add(struct pg_seqcheck *s, uint64_t seq);

#endif /* PG_SEQCHECK_H */
