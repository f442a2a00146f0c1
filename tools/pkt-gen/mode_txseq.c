/*
 * mode_txseq.c - txseq: tx with a sequence number in every frame, 0, 1,
 * 2, ... per thread, for rxseq at the other end to check.
 */
#include "pkt-gen.h"

static int txseq_run(struct pg_thread *t)
{
	t->next_seq = 0;
	return pg_tx_loop(t);
}

const struct pg_mode pg_mode_txseq = {
	.name = "txseq",
	.help = "send frames carrying sequence numbers (for rxseq)",
	.verb = "Sent",
	.flags = PG_USES_TX | PG_SEQ_PAYLOAD,
	.run = txseq_run,
};
