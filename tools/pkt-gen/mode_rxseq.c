/*
 * mode_rxseq.c - rxseq: receive txseq's frames and check their sequence
 * numbers: lost, duplicated, reordered (see seqcheck.h).
 */
#include "output.h"
#include "pkt-gen.h"

static void rxseq_consume(struct pg_thread *t, const uint8_t *buf,
			  unsigned int len)
{
	uint64_t seq, ns;

	if (!pg_pkt_has_seq(buf, len)) {
		t->seq.foreign++;
		return;
	}
	pg_pkt_get_seq(buf, &seq, &ns);
	pg_seqcheck_add(&t->seq, seq);
}

static int rxseq_run(struct pg_thread *t)
{
	return pg_rx_loop(t, rxseq_consume);
}

static void rxseq_summary(struct pg_thread *threads, unsigned int n)
{
	uint64_t received = 0, lost = 0, dup = 0, reord = 0, foreign = 0;
	unsigned int i;

	for (i = 0; i < n; i++) {
		received += threads[i].seq.received;
		lost += threads[i].seq.lost;
		dup += threads[i].seq.duplicated;
		reord += threads[i].seq.reordered;
		foreign += threads[i].seq.foreign;
	}
	pg_out_text("\nSequence:");
	pg_out_obj_begin("seq");
	pg_out_u64("received", " received %llu", received);
	pg_out_u64("lost", " lost %llu", lost);
	pg_out_u64("duplicated", " duplicated %llu", dup);
	pg_out_u64("reordered", " reordered %llu", reord);
	pg_out_u64("foreign", " foreign %llu", foreign);
	pg_out_obj_end();
}

const struct pg_mode pg_mode_rxseq = {
	.name = "rxseq",
	.help = "receive txseq frames, report lost, duplicated and reordered",
	.verb = "Received",
	.flags = PG_USES_RX | PG_SEQ_PAYLOAD,
	.run = rxseq_run,
	.summary = rxseq_summary,
};
