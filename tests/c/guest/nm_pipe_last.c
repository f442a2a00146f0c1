/*
 * nm_pipe_last - after NIOCTXSYNC returns, every slot handed over is in
 * the peer's rx ring: nothing waits in the tx ring for a later call.
 *
 *	nm_pipe_last -b BATCH -n TOTAL -p NAME
 *
 * One process holds both ends of NAME{0 / NAME}0. It sends TOTAL frames
 * (a sequence number in each) in batches of up to BATCH, one NIOCTXSYNC
 * each, the last batch partial; after every NIOCTXSYNC an NIOCRXSYNC on
 * the other end that releases nothing must show exactly the frames
 * handed over and not yet released, with the right numbers. The receiver
 * releases nothing until the sender finds no room, then the older half
 * of what it holds: the rx ring is full whenever more are sent.
 */
#define _GNU_SOURCE
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nmtest.h"

static void put_seq(struct netmap_ring *tx, unsigned int slot, uint32_t seq)
{
	struct netmap_slot *s = &tx->slot[slot];

	memcpy(NETMAP_BUF(tx, s->buf_idx), &seq, sizeof(seq));
	s->len = 60;
	s->flags = 0;
}

static uint32_t get_seq(struct netmap_ring *rx, unsigned int slot)
{
	uint32_t seq;

	memcpy(&seq, NETMAP_BUF(rx, rx->slot[slot].buf_idx), sizeof(seq));
	return seq;
}

/* Release the older half of what the receiver holds (all of it with
 * all set); returns how many. */
static uint32_t release(struct nmt_port *s, int all)
{
	struct netmap_ring *rx = s->rx;
	uint32_t held = nm_ring_space(rx), k = all ? held : (held + 1) / 2;

	rx->head = rx->cur = (rx->head + k) % rx->num_slots;
	nmt_check_err("rxsync releasing", 0, nmt_rxsync(s->fd));
	return k;
}

int main(int argc, char **argv)
{
	uint32_t batch = 1, total = 1000, sent = 0, released = 0, checks = 0;
	const char *name = "last";
	struct nmt_port m, s;
	char mname[64], sname[64];
	int c;

	while ((c = getopt(argc, argv, "b:n:p:")) != -1) {
		if (c == 'b')
			batch = atoi(optarg);
		else if (c == 'n')
			total = atoi(optarg);
		else if (c == 'p')
			name = optarg;
		else
			nmt_die("usage: nm_pipe_last -b BATCH -n TOTAL -p "
				"NAME");
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	snprintf(mname, sizeof(mname), "%s{0", name);
	snprintf(sname, sizeof(sname), "%s}0", name);
	nmt_port_must_open(&m, mname, 0);
	nmt_port_must_open(&s, sname, 0);
	printf("slots=%u batch=%u total=%u\n", m.tx->num_slots, batch, total);

	while (sent < total) {
		struct netmap_ring *tx = m.tx, *rx = s.rx;
		uint32_t room = nm_ring_space(tx), k, i, held;

		if (!room) {
			/* Full: only the receiver's release makes room. */
			released += release(&s, 0);
			nmt_check_err("txsync for room", 0, nmt_txsync(m.fd));
			if (!nm_ring_space(tx))
				nmt_die("no room after the receiver released "
					"everything (sent %u released %u)",
					sent, released);
			continue;
		}
		k = batch < room ? batch : room;
		if (k > total - sent)
			k = total - sent;
		for (i = 0; i < k; i++)
			put_seq(tx, (tx->cur + i) % tx->num_slots, sent + i);
		tx->head = tx->cur = (tx->cur + k) % tx->num_slots;
		if (!nmt_check_err("txsync", 0, nmt_txsync(m.fd)))
			break;
		sent += k;

		/* Release nothing: only see what is there. */
		if (!nmt_check_err("rxsync", 0, nmt_rxsync(s.fd)))
			break;
		held = nm_ring_space(rx);
		if (!nmt_check("frames in the rx ring right after txsync",
			       sent - released, held))
			break;
		if (held && !nmt_check("number of the last frame", sent - 1,
				       get_seq(rx, (rx->tail + rx->num_slots -
						    1) % rx->num_slots)))
			break;
		if (held && !nmt_check("number of the first frame held",
				       released, get_seq(rx, rx->head)))
			break;
		checks++;
	}
	released += release(&s, 1);
	printf("sent=%u released=%u checks=%u\n", sent, released, checks);
	nmt_check("released in all", total, released);
	nmt_port_close(&m);
	nmt_port_close(&s);
	return nmt_exit_status();
}
