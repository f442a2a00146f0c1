/*
 * nm_pipe_swap - a netmap pipe moves buffers, not bytes, and its two
 * rings stay in step slot for slot.
 *
 * One process holds both ends of pipe swap{0 / swap}0. A packet sent on
 * one end arrives in the same slot of the other end's rx ring, in the
 * very buffer it was written to, and the tx slot keeps that buffer (no
 * NS_BUF_CHANGED): a sender's prebuilt frame stays where it is. The tx
 * slots come back (tail moves) only when the receiver releases them. A
 * buffer the receiver swaps into a released rx slot (from its extra
 * buffers) comes back to the tx slot, flagged NS_BUF_CHANGED; a buffer
 * the sender swaps into a tx slot is what the peer receives; NS_MOREFRAG
 * travels with its slot. Both directions are checked.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>

#include "nmtest.h"

/* Take the first extra buffer of a port off its list. */
static uint32_t take_extra(struct nmt_port *p, struct netmap_ring *ring,
			   const char *dir)
{
	uint32_t extra = p->nifp->ni_bufs_head, next;

	if (extra < 2 || extra >= NMT_BUF_TOTAL) {
		nmt_fail("%s ni_bufs_head, expected an extra buffer got %u",
			 dir, extra);
		return 0;
	}
	memcpy(&next, NETMAP_BUF(ring, extra), sizeof(next));
	p->nifp->ni_bufs_head = next;
	return extra;
}

/* Put a buffer back on a port's extra list. */
static void give_extra(struct nmt_port *p, struct netmap_ring *ring,
		       uint32_t idx)
{
	uint32_t next = p->nifp->ni_bufs_head;

	memcpy(NETMAP_BUF(ring, idx), &next, sizeof(next));
	p->nifp->ni_bufs_head = idx;
}

static void check_arrival(struct netmap_ring *tx, struct netmap_ring *rx,
			  unsigned int t0, const uint32_t *sent,
			  const char *dir)
{
	char what[96], want[64];
	unsigned int i;

	for (i = 0; i < 3; i++) {
		unsigned int k = (t0 + i) % tx->num_slots;
		struct netmap_slot *rs = &rx->slot[k], *ts = &tx->slot[k];

		snprintf(what, sizeof(what),
			 "%s rx slot %u buf_idx (the same slot, zero copy)",
			 dir, k);
		nmt_check(what, sent[i], rs->buf_idx);
		snprintf(what, sizeof(what), "%s rx slot %u len", dir, k);
		nmt_check(what, 100 + i, rs->len);
		snprintf(what, sizeof(what), "%s rx slot %u NS_MOREFRAG", dir,
			 k);
		nmt_check(what, i == 0 ? NS_MOREFRAG : 0,
			  rs->flags & NS_MOREFRAG);
		snprintf(want, sizeof(want), "%s packet %u", dir, i);
		if (rs->buf_idx >= 2 && rs->buf_idx < NMT_BUF_TOTAL &&
		    strcmp(NETMAP_BUF(rx, rs->buf_idx), want))
			nmt_fail("%s rx slot %u data, expected \"%s\" got "
				 "\"%.40s\"",
				 dir, k, want, NETMAP_BUF(rx, rs->buf_idx));
		snprintf(what, sizeof(what), "%s tx slot %u keeps its buffer",
			 dir, k);
		nmt_check(what, sent[i], ts->buf_idx);
	}
}

static void send_and_check(struct nmt_port *from, struct nmt_port *to,
			   const char *dir)
{
	struct netmap_ring *tx = from->tx, *rx = to->rx;
	unsigned int n = tx->num_slots, t0 = tx->head, i;
	uint32_t sent[3], extra, theirs, swapped_in;
	char what[96];

	nmt_check("rx ring head in step with the tx ring", t0, rx->head);
	/* Slot 2 goes out in a buffer swapped in from the extra list. */
	extra = take_extra(from, tx, dir);
	if (!extra)
		return;
	for (i = 0; i < 3; i++) {
		struct netmap_slot *s = &tx->slot[(t0 + i) % n];

		if (i == 2) {
			give_extra(from, tx, s->buf_idx);
			s->buf_idx = extra;
			s->flags = NS_BUF_CHANGED;
		} else {
			s->flags = i == 0 ? NS_MOREFRAG : 0;
		}
		sent[i] = s->buf_idx;
		s->len = 100 + i;
		snprintf(NETMAP_BUF(tx, s->buf_idx), 64, "%s packet %u", dir,
			 i);
	}
	tx->head = tx->cur = (t0 + 3) % n;
	snprintf(what, sizeof(what), "%s txsync of 3 slots", dir);
	if (!nmt_check_err(what, 0, nmt_txsync(from->fd)))
		return;
	/* Nothing released yet: the tx ring has not got them back. */
	snprintf(what, sizeof(what), "%s tx tail before the receiver", dir);
	nmt_check(what, (t0 + n - 1) % n, tx->tail);

	snprintf(what, sizeof(what), "%s rxsync", dir);
	if (!nmt_check_err(what, 0, nmt_rxsync(to->fd)))
		return;
	snprintf(what, sizeof(what), "%s rx tail", dir);
	if (!nmt_check(what, (t0 + 3) % n, rx->tail))
		return;
	check_arrival(tx, rx, t0, sent, dir);

	/* The receiver keeps the frame of slot 1 and puts one of its extra
	 * buffers in its place, then releases all three. */
	theirs = take_extra(to, rx, dir);
	if (!theirs)
		return;
	swapped_in = theirs;
	give_extra(to, rx, rx->slot[(t0 + 1) % n].buf_idx);
	rx->slot[(t0 + 1) % n].buf_idx = swapped_in;
	rx->slot[(t0 + 1) % n].flags |= NS_BUF_CHANGED;
	rx->head = rx->cur = rx->tail;
	snprintf(what, sizeof(what), "%s rxsync releasing", dir);
	nmt_check_err(what, 0, nmt_rxsync(to->fd));

	snprintf(what, sizeof(what), "%s txsync after the release", dir);
	nmt_check_err(what, 0, nmt_txsync(from->fd));
	snprintf(what, sizeof(what), "%s tx tail after the release", dir);
	nmt_check(what, (t0 + 2) % n, tx->tail);
	for (i = 0; i < 3; i++) {
		struct netmap_slot *ts = &tx->slot[(t0 + i) % n];

		snprintf(what, sizeof(what), "%s tx slot %u after the release",
			 dir, i);
		nmt_check(what, i == 1 ? swapped_in : sent[i], ts->buf_idx);
		snprintf(what, sizeof(what),
			 "%s tx slot %u NS_BUF_CHANGED after the release", dir,
			 i);
		nmt_check(what, i == 1 ? NS_BUF_CHANGED : 0,
			  ts->flags & NS_BUF_CHANGED);
		ts->flags = 0;
	}
}

int main(void)
{
	struct nmreq_register reg;
	struct nmt_port m, s;
	int err;

	setvbuf(stdout, NULL, _IOLBF, 0);
	nmt_reg_init(&reg, NR_REG_ALL_NIC, 0, 0);
	reg.nr_extra_bufs = 4;
	err = nmt_port_open_ex(&m, "swap{0", &reg);
	if (err)
		nmt_die("register swap{0, expected 0 got %s", nmt_errname(err));
	nmt_reg_init(&reg, NR_REG_ALL_NIC, 0, 0);
	reg.nr_extra_bufs = 4;
	err = nmt_port_open_ex(&s, "swap}0", &reg);
	if (err)
		nmt_die("register swap}0, expected 0 got %s", nmt_errname(err));
	if (!m.tx || !m.rx || !s.tx || !s.rx)
		nmt_die("rings of both ends, expected 4 got fewer");
	nmt_check("both ends share nr_mem_id", m.reg.nr_mem_id,
		  s.reg.nr_mem_id);
	nmt_check("the ends have distinct netmap_if", 1,
		  m.reg.nr_offset != s.reg.nr_offset);
	nmt_check("the rx ring shows the peer tx ring's buffers",
		  m.tx->slot[5].buf_idx, s.rx->slot[5].buf_idx);

	send_and_check(&m, &s, "master->slave");
	send_and_check(&s, &m, "slave->master");
	/* Again, from the middle of the rings. */
	send_and_check(&m, &s, "master->slave again");
	printf("swap_checks=done\n");
	nmt_port_close(&m);
	nmt_port_close(&s);
	return nmt_exit_status();
}
