/*
 * nm_hold - register ports and keep them, without ever syncing, until
 * killed: a port stays alive (and listed by nmstat) after the programs
 * that moved traffic through it are gone, and an rx ring that nobody
 * syncs fills up and drops.
 *
 *	nm_hold [-n] NAME...	(-n: NR_REG_NULL, bind no rings)
 *
 * Prints "held NAME" for each port, then "ready".
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "nmtest.h"

#define NM_HOLD_MAX 8

int main(int argc, char **argv)
{
	struct nmt_port ports[NM_HOLD_MAX];
	uint32_t mode = NR_REG_ALL_NIC;
	int i = 1, n = 0, err;

	nmt_die_with_parent();
	if (i < argc && !strcmp(argv[i], "-n")) {
		mode = NR_REG_NULL;
		i++;
	}
	if (i == argc || argc - i > NM_HOLD_MAX)
		nmt_die("usage: nm_hold [-n] NAME... (at most %d)",
			NM_HOLD_MAX);
	for (; i < argc; i++, n++) {
		err = nmt_port_open(&ports[n], argv[i], mode, 0);
		if (err)
			nmt_die("register %s: %s", argv[i], nmt_errname(-err));
		printf("held %s\n", argv[i]);
	}
	printf("ready\n");
	fflush(stdout);
	for (;;)
		pause();
}
