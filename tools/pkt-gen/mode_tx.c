/*
 * mode_tx.c - tx: send frames as fast as the port (or -R) allows.
 */
#include "pkt-gen.h"

static int tx_run(struct pg_thread *t)
{
	return pg_tx_loop(t);
}

const struct pg_mode pg_mode_tx = {
	.name = "tx",
	.help = "send frames (-n of them, or until Ctrl-C)",
	.verb = "Sent",
	.flags = PG_USES_TX,
	.run = tx_run,
};
