/*
 * seqcheck.c - the sequence classifier of seqcheck.h.
 */
#include "seqcheck.h"

static int test_and_set(struct pg_seqcheck *s, uint64_t seq)
{
	uint64_t bit = seq % PG_SEQ_WINDOW, mask = 1ULL << (bit % 64);
	int was = !!(s->seen[bit / 64] & mask);

	s->seen[bit / 64] |= mask;
	return was;
}

static void clear(struct pg_seqcheck *s, uint64_t seq)
{
	uint64_t bit = seq % PG_SEQ_WINDOW;

	s->seen[bit / 64] &= ~(1ULL << (bit % 64));
}

void pg_seqcheck_add(struct pg_seqcheck *s, uint64_t seq)
{
	uint64_t n;

	s->received++;
	if (seq >= s->next) {
		uint64_t gap = seq - s->next;

		/* forget what the window held for the skipped numbers */
		for (n = gap < PG_SEQ_WINDOW ? s->next
					     : seq - PG_SEQ_WINDOW + 1;
		     n < seq; n++)
			clear(s, n);
		s->lost += gap;
		s->next = seq + 1;
		clear(s, seq);
		test_and_set(s, seq);
		return;
	}
	if (s->next - seq > PG_SEQ_WINDOW) {
		s->reordered++;
		if (s->lost)
			s->lost--;
		return;
	}
	if (test_and_set(s, seq)) {
		s->duplicated++;
		return;
	}
	s->reordered++;
	s->lost--;
}
