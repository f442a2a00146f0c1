/*
 * modes.c - the table of functions (-f).
 */
#include <string.h>

#include "pkt-gen.h"

const struct pg_mode *const pg_modes[] = {
	&pg_mode_tx,   &pg_mode_rx,   &pg_mode_txseq, &pg_mode_rxseq,
	&pg_mode_ping, &pg_mode_pong, NULL,
};

const struct pg_mode *pg_mode_find(const char *name)
{
	unsigned int i;

	for (i = 0; pg_modes[i]; i++)
		if (!strcmp(pg_modes[i]->name, name))
			return pg_modes[i];
	return NULL;
}
