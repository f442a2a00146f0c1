/*
 * mode_rx.c - rx: count what arrives (and dump it with -X).
 */
#include <stdio.h>

#include "output.h"
#include "pkt-gen.h"

static void rx_dump(struct pg_thread *t, const uint8_t *buf, unsigned int len)
{
	FILE *f = pg_out_json() ? stderr : stdout;

	flockfile(f);
	fprintf(f, "thread %u: frame of %u bytes\n", t->id, len);
	pg_hexdump(f, buf, len);
	funlockfile(f);
}

static int rx_run(struct pg_thread *t)
{
	return pg_rx_loop(t, t->conf->dump ? rx_dump : NULL);
}

const struct pg_mode pg_mode_rx = {
	.name = "rx",
	.help = "count received frames (-n of them, or until traffic stops "
		"for 1 s, or Ctrl-C)",
	.verb = "Received",
	.flags = PG_USES_RX,
	.run = rx_run,
};
