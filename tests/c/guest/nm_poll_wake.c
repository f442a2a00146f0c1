/*
 * nm_poll_wake - poll() sleeps until the other end of a pipe acts.
 *
 * reader: the parent polls the empty rx ring of wake}0 for POLLIN with a
 *	long timeout; the child, on wake{0, sleeps 0.5 s and sends one
 *	packet. poll must return POLLIN, after the send, with the packet.
 * writer: the parent fills wake{1 until its tx ring has no room (the
 *	child's rx ring on wake}1 is full and nobody reads) and polls for
 *	POLLOUT; the child sleeps 0.5 s, then reads and releases 100 slots.
 *	poll must return POLLOUT, after the release, with room in the ring.
 *
 * A flag in shared memory, set by the child just before its sync, tells
 * whether poll returned early. Prints reader_wait_ms= and
 * writer_wait_ms= for information.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "nmtest.h"

#define LONG_POLL_MS 20000
#define RELEASED 100

static volatile int *acted; /* shared: the child has synced */

static void sleep_ms(unsigned int ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};

	nanosleep(&ts, NULL);
}

/*
 * The child runs fn with one end of a socketpair; the parent keeps the
 * other. Each side says "ready" with one byte.
 */
static pid_t spawn(int (*fn)(int), int *parent_end)
{
	int sv[2];
	pid_t pid;

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv))
		nmt_die("socketpair, expected 0 got %s", nmt_errname(errno));
	fflush(stdout);
	pid = fork();
	if (pid < 0)
		nmt_die("fork, expected a pid got %s", nmt_errname(errno));
	if (pid == 0) {
		nmt_die_with_parent();
		close(sv[0]);
		exit(fn(sv[1]));
	}
	close(sv[1]);
	*parent_end = sv[0];
	return pid;
}

static void reap(pid_t pid, int fd, const char *what)
{
	int status;

	close(fd);
	if (waitpid(pid, &status, 0) != pid)
		nmt_die("waitpid, expected the %s got %s", what,
			nmt_errname(errno));
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		nmt_fail("%s exit status, expected 0 got 0x%x", what, status);
}

static int wait_ready(int fd)
{
	char c;

	return read(fd, &c, 1) == 1 ? 0 : -1;
}

static void tell(int fd)
{
	if (write(fd, "R", 1) != 1)
		nmt_die("telling the other process, expected 1 byte written");
}

/* Child of the reader test: send one packet after a pause. */
static int late_sender(int sock)
{
	struct nmt_port p;
	struct netmap_slot *s;
	int err;

	nmt_port_must_open(&p, "wake{0", 0);
	tell(sock);
	sleep_ms(500);
	s = &p.tx->slot[p.tx->head];
	strcpy(NETMAP_BUF(p.tx, s->buf_idx), "wake up");
	s->len = 60;
	p.tx->head = p.tx->cur = nm_ring_next(p.tx, p.tx->head);
	*acted = 1;
	err = nmt_txsync(p.fd);
	nmt_check_err("late sender txsync", 0, err);
	/* Keep the end open until the parent has read the packet. */
	wait_ready(sock);
	nmt_port_close(&p);
	return nmt_failures ? 1 : 0;
}

static void test_reader(void)
{
	struct nmt_port p;
	double t0, waited;
	pid_t child;
	int sock, ev;

	nmt_port_must_open(&p, "wake}0", 0);
	*acted = 0;
	child = spawn(late_sender, &sock);
	if (wait_ready(sock))
		goto out;
	ev = nmt_poll(p.fd, POLLIN, 0);
	nmt_check("reader poll on an empty ring, timeout 0", 0, ev);
	t0 = nmt_now();
	ev = nmt_poll(p.fd, POLLIN, LONG_POLL_MS);
	waited = nmt_now() - t0;
	printf("reader_wait_ms=%.0f\n", waited * 1000);
	if (ev <= 0 || !(ev & POLLIN))
		nmt_fail("reader poll, expected POLLIN got %s revents 0x%x",
			 nmt_errname(ev < 0 ? ev : 0), ev < 0 ? 0 : ev);
	nmt_check("reader woke after the send", 1, *acted);
	if (nmt_check("reader rx packets", 1, nm_ring_space(p.rx))) {
		struct netmap_slot *s = &p.rx->slot[p.rx->cur];

		if (strcmp(NETMAP_BUF(p.rx, s->buf_idx), "wake up"))
			nmt_fail("reader packet, expected \"wake up\" got "
				 "\"%.16s\"",
				 NETMAP_BUF(p.rx, s->buf_idx));
	}
	tell(sock);
out:
	reap(child, sock, "late sender");
	nmt_port_close(&p);
}

/* Child of the writer test: read nothing for a while, then free slots. */
static int late_reader(int sock)
{
	struct nmt_port p;
	struct netmap_ring *rx;
	int err;

	nmt_port_must_open(&p, "wake}1", 0);
	rx = p.rx;
	tell(sock);
	/* The parent fills the ring meanwhile, then says so. */
	if (wait_ready(sock))
		return 1;
	sleep_ms(500);
	err = nmt_rxsync(p.fd);
	nmt_check_err("late reader rxsync", 0, err);
	if (nm_ring_space(rx) < RELEASED) {
		nmt_fail("late reader packets, expected >= %u got %u", RELEASED,
			 nm_ring_space(rx));
		return 1;
	}
	rx->head = rx->cur = (rx->head + RELEASED) % rx->num_slots;
	*acted = 1;
	err = nmt_rxsync(p.fd);
	nmt_check_err("late reader rxsync releasing", 0, err);
	wait_ready(sock);
	nmt_port_close(&p);
	return nmt_failures ? 1 : 0;
}

static int fill(struct nmt_port *p)
{
	struct netmap_ring *tx = p->tx;
	int round, err;

	for (round = 0; round < 4 && nm_ring_space(tx); round++) {
		uint32_t i, n = nm_ring_space(tx), cur = tx->head;

		for (i = 0; i < n; i++) {
			tx->slot[cur].len = 60;
			tx->slot[cur].flags = 0;
			cur = nm_ring_next(tx, cur);
		}
		tx->head = tx->cur = cur;
		err = nmt_txsync(p->fd);
		if (!nmt_check_err("writer txsync while filling", 0, err))
			return -1;
	}
	return nmt_check("writer tx room after filling", 0, nm_ring_space(tx))
		       ? 0
		       : -1;
}

static void test_writer(void)
{
	struct nmt_port p;
	double t0, waited;
	pid_t child;
	int sock, ev;

	*acted = 0;
	child = spawn(late_reader, &sock);
	if (wait_ready(sock))
		goto out_reap;
	nmt_port_must_open(&p, "wake{1", 0);
	if (fill(&p))
		goto out;
	ev = nmt_poll(p.fd, POLLOUT, 0);
	nmt_check("writer poll on a full ring, timeout 0", 0, ev);
	tell(sock);
	t0 = nmt_now();
	ev = nmt_poll(p.fd, POLLOUT, LONG_POLL_MS);
	waited = nmt_now() - t0;
	printf("writer_wait_ms=%.0f\n", waited * 1000);
	if (ev <= 0 || !(ev & POLLOUT))
		nmt_fail("writer poll, expected POLLOUT got %s revents 0x%x",
			 nmt_errname(ev < 0 ? ev : 0), ev < 0 ? 0 : ev);
	nmt_check("writer woke after the release", 1, *acted);
	if (nm_ring_space(p.tx) == 0)
		nmt_fail("writer tx room after waking, expected > 0 got 0");
	printf("writer_room=%u\n", nm_ring_space(p.tx));
out:
	tell(sock);
	nmt_port_close(&p);
out_reap:
	reap(child, sock, "late reader");
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	acted = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (acted == MAP_FAILED)
		nmt_die("mmap of a shared page, expected a mapping got %s",
			nmt_errname(errno));
	test_reader();
	printf("test=reader done\n");
	test_writer();
	printf("test=writer done\n");
	return nmt_exit_status();
}
