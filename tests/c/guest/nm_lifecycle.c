/*
 * nm_lifecycle - closing a descriptor, or dying, gives everything back.
 *
 *	nm_lifecycle		run the checks below
 *	nm_lifecycle --hold FILE [--no-register]
 *				register life{9 (or only open /dev/netmap),
 *				map it, create FILE, sleep until killed
 *
 * Checks: an exclusive registration ends at close (munmap + close, and
 * close with the mapping still alive followed by munmap); a child holding
 * a pipe exclusively and killed with SIGKILL leaves it free; packets left
 * in a pipe whose ends all closed are gone when it is registered again;
 * and 300 register/close cycles, each taking 1000 extra buffers, neither
 * run the pools dry nor leak (300000 buffers would not fit).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nmtest.h"

#define CYCLES 300
#define CYCLE_EXTRA 1000

static void check_close_releases(void)
{
	struct nmt_port p;
	int err;

	err = nmt_port_open(&p, "life{0", NR_REG_ALL_NIC, NR_EXCLUSIVE);
	if (!nmt_check_err("register life{0 EXCLUSIVE", 0, err))
		return;
	nmt_port_close(&p);
	err = nmt_port_open(&p, "life{0", NR_REG_ALL_NIC, NR_EXCLUSIVE);
	nmt_check_err("register life{0 EXCLUSIVE after munmap + close", 0, err);
	if (err)
		return;

	/* The mapping outlives the fd; the binding ends with the mapping. */
	close(p.fd);
	p.fd = -1;
	p.tx->slot[p.tx->head].len = 60;
	nmt_port_close(&p);
	err = nmt_port_open(&p, "life{0", NR_REG_ALL_NIC, NR_EXCLUSIVE);
	nmt_check_err("register life{0 EXCLUSIVE after close + munmap", 0, err);
	if (!err)
		nmt_port_close(&p);
}

static void check_killed_child(void)
{
	struct nmt_port p;
	int sv[2], status, err;
	pid_t child;
	char c;

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv))
		nmt_die("socketpair, expected 0 got %s", nmt_errname(errno));
	fflush(stdout);
	child = fork();
	if (child < 0)
		nmt_die("fork, expected a pid got %s", nmt_errname(errno));
	if (child == 0) {
		nmt_die_with_parent();
		close(sv[0]);
		nmt_port_must_open(&p, "life{1", NR_EXCLUSIVE);
		if (write(sv[1], "R", 1) != 1)
			_exit(1);
		for (;;)
			pause();
	}
	close(sv[1]);
	if (read(sv[0], &c, 1) != 1) {
		nmt_fail("child register life{1, expected ready got its exit");
		waitpid(child, &status, 0);
		close(sv[0]);
		return;
	}
	nmt_check_err(
		"register life{1 EXCLUSIVE while the child holds it", EBUSY,
		nmt_port_open(&p, "life{1", NR_REG_ALL_NIC, NR_EXCLUSIVE));
	kill(child, SIGKILL);
	waitpid(child, &status, 0);
	close(sv[0]);
	nmt_check("child killed by SIGKILL", SIGKILL,
		  WIFSIGNALED(status) ? WTERMSIG(status) : 0);
	err = nmt_port_open(&p, "life{1", NR_REG_ALL_NIC, NR_EXCLUSIVE);
	nmt_check_err("register life{1 EXCLUSIVE after the child died", 0, err);
	if (!err)
		nmt_port_close(&p);
}

static unsigned int dirty_slots(struct netmap_ring *r)
{
	static const char zero[NMT_BUF_SIZE];
	unsigned int i, dirty = 0;

	for (i = 0; i < NMT_PIPE_SLOTS; i++)
		if (memcmp(NETMAP_BUF(r, r->slot[i].buf_idx), zero,
			   NMT_BUF_SIZE))
			dirty++;
	return dirty;
}

static void check_stale_packets(void)
{
	struct nmt_port m, s;
	struct netmap_ring *tx;
	uint32_t i;

	nmt_port_must_open(&m, "life{2", 0);
	nmt_port_must_open(&s, "life}2", 0);
	tx = m.tx;
	for (i = 0; i < 10; i++) {
		struct netmap_slot *sl = &tx->slot[i];

		memset(NETMAP_BUF(tx, sl->buf_idx), 0xee, 60);
		sl->len = 60;
	}
	tx->head = tx->cur = 10;
	nmt_check_err("txsync of 10 packets", 0, nmt_txsync(m.fd));
	nmt_port_close(&m);
	nmt_port_close(&s);

	nmt_port_must_open(&s, "life}2", 0);
	nmt_port_must_open(&m, "life{2", 0);
	nmt_check("fresh rx head", 0, s.rx->head);
	nmt_check("fresh rx tail", 0, s.rx->tail);
	nmt_check_err("rxsync on the fresh pipe", 0, nmt_rxsync(s.fd));
	nmt_check("packets left from the closed pipe", 0, s.rx->tail);
	nmt_check("fresh tx head", 0, m.tx->head);
	nmt_check("fresh tx tail", NMT_PIPE_SLOTS - 1, m.tx->tail);
	/* The 0xee written before the close must not show through. */
	nmt_check("dirty buffers in the fresh tx ring", 0, dirty_slots(m.tx));
	nmt_check("dirty buffers in the fresh rx ring", 0, dirty_slots(s.rx));
	nmt_port_close(&m);
	nmt_port_close(&s);
}

static void check_no_leak(void)
{
	unsigned int i;

	for (i = 0; i < CYCLES; i++) {
		struct nmreq_register reg;
		struct nmt_port p;
		char name[32];
		int err;

		/* Both ends, so the pipe's rings are made and freed. */
		snprintf(name, sizeof(name), "leak%c%u", i & 1 ? '}' : '{',
			 i % 64);
		nmt_reg_init(&reg, NR_REG_ALL_NIC, 0, 0);
		reg.nr_extra_bufs = CYCLE_EXTRA;
		err = nmt_port_open_ex(&p, name, &reg);
		if (!err && p.reg.nr_extra_bufs == CYCLE_EXTRA) {
			nmt_port_close(&p);
			continue;
		}
		if (err)
			nmt_fail("register %s in cycle %u, expected 0 got %s",
				 name, i, nmt_errname(err));
		else
			nmt_fail("extra buffers in cycle %u, expected %u got "
				 "%u",
				 i, CYCLE_EXTRA, p.reg.nr_extra_bufs);
		nmt_port_close(&p);
		break;
	}
	printf("cycles=%u\n", i);
}

static int hold(const char *file, int do_register)
{
	struct nmt_port p;
	int fd;

	if (do_register) {
		nmt_port_must_open(&p, "life{9", 0);
		printf("holding=registered\n");
	} else {
		nmt_open();
		printf("holding=open\n");
	}
	fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		nmt_die("create %s, expected 0 got %s", file,
			nmt_errname(errno));
	close(fd);
	for (;;)
		pause();
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc >= 3 && !strcmp(argv[1], "--hold"))
		return hold(argv[2],
			    !(argc >= 4 && !strcmp(argv[3], "--no-register")));
	if (argc != 1) {
		fprintf(stderr, "usage: nm_lifecycle [--hold FILE "
				"[--no-register]]\n");
		return 2;
	}
	check_close_releases();
	printf("check=close_releases done\n");
	check_killed_child();
	printf("check=killed_child done\n");
	check_stale_packets();
	printf("check=stale_packets done\n");
	check_no_leak();
	printf("check=no_leak done\n");
	return nmt_exit_status();
}
