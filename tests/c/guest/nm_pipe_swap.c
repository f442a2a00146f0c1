/*
 * nm_pipe_swap - a netmap pipe moves buffers, not bytes.
 *
 * One process holds both ends of pipe swap{0 / swap}0. A packet sent on
 * one end arrives in the other end's rx slot in the very buffer it was
 * written to; the tx slot gets back the buffer the rx slot held, flagged
 * NS_BUF_CHANGED. NS_MOREFRAG travels with its slot, and a buffer user
 * space swapped into a tx slot itself (NS_BUF_CHANGED, from the extra
 * buffers) is what the peer receives. Both directions are checked.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>

#include "nmtest.h"

static void send_and_check(struct nmt_port *from, struct nmt_port *to,
			   const char *dir)
{
	struct netmap_ring *tx = from->tx, *rx = to->rx;
	uint32_t sent[3], rx_before[3], extra, next;
	unsigned int i, t0 = tx->head, r0 = rx->head;
	char what[96];
	int err;

	extra = from->nifp->ni_bufs_head;
	if (extra < 2 || extra >= NMT_BUF_TOTAL) {
		nmt_fail("%s ni_bufs_head, expected an extra buffer got %u",
			 dir, extra);
		return;
	}
	/* Take the extra buffer off the list; the slot's old one goes on. */
	memcpy(&next, NETMAP_BUF(tx, extra), sizeof(next));
	for (i = 0; i < 3; i++) {
		unsigned int ti = (t0 + i) % tx->num_slots;
		struct netmap_slot *s = &tx->slot[ti];

		rx_before[i] = rx->slot[(r0 + i) % rx->num_slots].buf_idx;
		if (i == 2) {
			uint32_t old = s->buf_idx;

			s->buf_idx = extra;
			memcpy(NETMAP_BUF(tx, old), &next, sizeof(next));
			from->nifp->ni_bufs_head = old;
			s->flags = NS_BUF_CHANGED;
		} else {
			s->flags = i == 0 ? NS_MOREFRAG : 0;
		}
		sent[i] = s->buf_idx;
		s->len = 100 + i;
		snprintf(NETMAP_BUF(tx, s->buf_idx), 64, "%s packet %u", dir,
			 i);
	}
	tx->head = tx->cur = (t0 + 3) % tx->num_slots;
	err = nmt_txsync(from->fd);
	snprintf(what, sizeof(what), "%s txsync of 3 slots", dir);
	if (!nmt_check_err(what, 0, err))
		return;
	snprintf(what, sizeof(what), "%s tx tail after the send", dir);
	nmt_check(what, (t0 + 2) % tx->num_slots, tx->tail);

	err = nmt_rxsync(to->fd);
	snprintf(what, sizeof(what), "%s rxsync", dir);
	if (!nmt_check_err(what, 0, err))
		return;
	snprintf(what, sizeof(what), "%s rx tail", dir);
	if (!nmt_check(what, (r0 + 3) % rx->num_slots, rx->tail))
		return;
	for (i = 0; i < 3; i++) {
		struct netmap_slot *rs = &rx->slot[(r0 + i) % rx->num_slots];
		struct netmap_slot *ts = &tx->slot[(t0 + i) % tx->num_slots];
		char want[64];

		snprintf(what, sizeof(what),
			 "%s rx slot %u buf_idx (zero copy)", dir, i);
		nmt_check(what, sent[i], rs->buf_idx);
		snprintf(what, sizeof(what), "%s rx slot %u len", dir, i);
		nmt_check(what, 100 + i, rs->len);
		snprintf(what, sizeof(what), "%s rx slot %u NS_MOREFRAG", dir,
			 i);
		nmt_check(what, i == 0 ? NS_MOREFRAG : 0,
			  rs->flags & NS_MOREFRAG);
		snprintf(want, sizeof(want), "%s packet %u", dir, i);
		if (rs->buf_idx >= 2 && rs->buf_idx < NMT_BUF_TOTAL &&
		    strcmp(NETMAP_BUF(rx, rs->buf_idx), want))
			nmt_fail("%s rx slot %u data, expected \"%s\" got "
				 "\"%.40s\"",
				 dir, i, want, NETMAP_BUF(rx, rs->buf_idx));
		snprintf(what, sizeof(what),
			 "%s tx slot %u buf_idx (the rx slot's old buffer)",
			 dir, i);
		nmt_check(what, rx_before[i], ts->buf_idx);
		snprintf(what, sizeof(what), "%s tx slot %u NS_BUF_CHANGED",
			 dir, i);
		nmt_check(what, NS_BUF_CHANGED, ts->flags & NS_BUF_CHANGED);
	}
	rx->head = rx->cur = rx->tail;
	snprintf(what, sizeof(what), "%s rxsync releasing", dir);
	nmt_check_err(what, 0, nmt_rxsync(to->fd));
}

int main(void)
{
	struct nmreq_register reg;
	struct nmt_port m, s;
	int err;

	setvbuf(stdout, NULL, _IOLBF, 0);
	nmt_reg_init(&reg, NR_REG_ALL_NIC, 0, 0);
	reg.nr_extra_bufs = 2;
	err = nmt_port_open_ex(&m, "swap{0", &reg);
	if (err)
		nmt_die("register swap{0, expected 0 got %s", nmt_errname(err));
	nmt_reg_init(&reg, NR_REG_ALL_NIC, 0, 0);
	reg.nr_extra_bufs = 2;
	err = nmt_port_open_ex(&s, "swap}0", &reg);
	if (err)
		nmt_die("register swap}0, expected 0 got %s", nmt_errname(err));
	if (!m.tx || !m.rx || !s.tx || !s.rx)
		nmt_die("rings of both ends, expected 4 got fewer");
	nmt_check("both ends share nr_mem_id", m.reg.nr_mem_id,
		  s.reg.nr_mem_id);
	nmt_check("the ends have distinct netmap_if", 1,
		  m.reg.nr_offset != s.reg.nr_offset);

	send_and_check(&m, &s, "master->slave");
	send_and_check(&s, &m, "slave->master");
	/* Again, from the middle of the rings. */
	send_and_check(&m, &s, "master->slave again");
	printf("swap_checks=done\n");
	nmt_port_close(&m);
	nmt_port_close(&s);
	return nmt_exit_status();
}
