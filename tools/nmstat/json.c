/*
 * json.c - samples as JSON (schema: tests/schemas/nmstat.schema.json).
 * An interval adds, to each ring, to each direction's totals and to the
 * link counters, a "delta" since the previous sample and a "rate" over
 * the time between the two.
 */
#include <string.h>

#include <net/netmap.h>

#include "output.h"

struct ns_counts {
	uint64_t packets, bytes, syncs, drops;
};

static void add_u64(cJSON *o, const char *key, uint64_t v)
{
	cJSON_AddNumberToObject(o, key, (double)v);
}

int ns_filter_match(const struct ns_filter *f, const char *name)
{
	size_t i;

	if (!f->n)
		return 1;
	for (i = 0; i < f->n; i++)
		if (!strcmp(f->ports[i], name))
			return 1;
	return 0;
}

static const char *mode_name(uint32_t mode)
{
	static const char *const names[] = {
		[NR_REG_DEFAULT] = "DEFAULT",
		[NR_REG_ALL_NIC] = "ALL_NIC",
		[NR_REG_SW] = "SW",
		[NR_REG_NIC_SW] = "NIC_SW",
		[NR_REG_ONE_NIC] = "ONE_NIC",
		[NR_REG_PIPE_MASTER] = "PIPE_MASTER",
		[NR_REG_PIPE_SLAVE] = "PIPE_SLAVE",
		[NR_REG_NULL] = "NULL",
		[NR_REG_ONE_SW] = "ONE_SW",
	};

	if (mode < sizeof(names) / sizeof(names[0]) && names[mode])
		return names[mode];
	return "UNKNOWN";
}

static double ratio(uint64_t a, uint64_t b)
{
	return b ? (double)a / (double)b : 0.0;
}

static struct ns_counts ring_counts(const struct ns_ring *r)
{
	struct ns_counts c = {
		r->packets,
		r->bytes,
		r->syncs,
		r->drops_full + r->drops_oversize + r->drops_nobuf,
	};
	return c;
}

/* Counters of a port created anew restart at 0: count from there. */
static struct ns_counts counts_delta(struct ns_counts cur,
				     struct ns_counts prev)
{
	struct ns_counts d;

	if (cur.packets < prev.packets || cur.bytes < prev.bytes ||
	    cur.syncs < prev.syncs || cur.drops < prev.drops)
		memset(&prev, 0, sizeof(prev));
	d.packets = cur.packets - prev.packets;
	d.bytes = cur.bytes - prev.bytes;
	d.syncs = cur.syncs - prev.syncs;
	d.drops = cur.drops - prev.drops;
	return d;
}

static void add_delta_rate(cJSON *o, struct ns_counts d, double secs)
{
	cJSON *delta = cJSON_AddObjectToObject(o, "delta");
	cJSON *rate = cJSON_AddObjectToObject(o, "rate");

	add_u64(delta, "packets", d.packets);
	add_u64(delta, "bytes", d.bytes);
	add_u64(delta, "syncs", d.syncs);
	add_u64(delta, "drops", d.drops);
	cJSON_AddNumberToObject(rate, "pps", secs > 0 ? d.packets / secs : 0);
	cJSON_AddNumberToObject(rate, "bps",
				secs > 0 ? d.bytes * 8.0 / secs : 0);
	cJSON_AddNumberToObject(rate, "syncs_per_s",
				secs > 0 ? d.syncs / secs : 0);
	cJSON_AddNumberToObject(rate, "batch", ratio(d.packets, d.syncs));
}

static const struct ns_ring *find_ring(const struct ns_port *p, uint8_t dir,
				       uint16_t index)
{
	size_t i;

	for (i = 0; p && i < p->nrings; i++)
		if (p->rings[i].dir == dir && p->rings[i].index == index)
			return &p->rings[i];
	return NULL;
}

static cJSON *ring_json(const struct ns_ring *r)
{
	cJSON *o = cJSON_CreateObject(), *drops;
	uint32_t held = r->tail >= r->head ? r->tail - r->head
					   : r->tail + r->slots - r->head;

	cJSON_AddStringToObject(o, "dir", r->dir ? "rx" : "tx");
	add_u64(o, "index", r->index);
	cJSON_AddBoolToObject(o, "host", r->host);
	add_u64(o, "slots", r->slots);
	add_u64(o, "users", r->users);
	add_u64(o, "head", r->head);
	add_u64(o, "cur", r->cur);
	add_u64(o, "tail", r->tail);
	add_u64(o, "hwcur", r->hwcur);
	add_u64(o, "hwtail", r->hwtail);
	/* [head, tail): tx slots free to fill, rx packets waiting */
	add_u64(o, "user_slots", held);
	add_u64(o, "packets", r->packets);
	add_u64(o, "bytes", r->bytes);
	add_u64(o, "syncs", r->syncs);
	cJSON_AddNumberToObject(o, "batch", ratio(r->packets, r->syncs));
	drops = cJSON_AddObjectToObject(o, "drops");
	add_u64(drops, "full", r->drops_full);
	add_u64(drops, "oversize", r->drops_oversize);
	add_u64(drops, "nobuf", r->drops_nobuf);
	return o;
}

static cJSON *binds_json(const struct ns_port *p)
{
	cJSON *a = cJSON_CreateArray();
	size_t i;

	for (i = 0; i < p->nbinds; i++) {
		const struct ns_bind *b = &p->binds[i];
		cJSON *o = cJSON_CreateObject();

		add_u64(o, "pid", b->pid);
		cJSON_AddStringToObject(o, "mode", mode_name(b->mode));
		add_u64(o, "ringid", b->ringid);
		add_u64(o, "flags", b->flags);
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

static const char *const link_keys[] = {
	"rx_packets", "tx_packets", "rx_bytes",	 "tx_bytes",
	"rx_dropped", "tx_dropped", "rx_errors", "tx_errors",
};

static void link_values(const struct ns_link *l, uint64_t v[8])
{
	v[0] = l->rx_packets;
	v[1] = l->tx_packets;
	v[2] = l->rx_bytes;
	v[3] = l->tx_bytes;
	v[4] = l->rx_dropped;
	v[5] = l->tx_dropped;
	v[6] = l->rx_errors;
	v[7] = l->tx_errors;
}

static cJSON *link_json(const struct ns_link *l, const struct ns_link *prev,
			double secs)
{
	uint64_t v[8], pv[8] = {0};
	cJSON *o, *delta, *rate;
	int i, reset = 0;

	if (!l->present)
		return cJSON_CreateNull();
	o = cJSON_CreateObject();
	add_u64(o, "ifindex", (uint64_t)l->ifindex);
	link_values(l, v);
	for (i = 0; i < 8; i++)
		add_u64(o, link_keys[i], v[i]);
	if (secs < 0)
		return o;
	if (prev && prev->present && prev->ifindex == l->ifindex)
		link_values(prev, pv);
	for (i = 0; i < 8; i++)
		reset |= v[i] < pv[i];
	if (reset)
		memset(pv, 0, sizeof(pv));
	delta = cJSON_AddObjectToObject(o, "delta");
	for (i = 0; i < 8; i++)
		add_u64(delta, link_keys[i], v[i] - pv[i]);
	rate = cJSON_AddObjectToObject(o, "rate");
	cJSON_AddNumberToObject(rate, "rx_pps",
				secs > 0 ? (v[0] - pv[0]) / secs : 0);
	cJSON_AddNumberToObject(rate, "tx_pps",
				secs > 0 ? (v[1] - pv[1]) / secs : 0);
	cJSON_AddNumberToObject(rate, "rx_bps",
				secs > 0 ? (v[2] - pv[2]) * 8.0 / secs : 0);
	cJSON_AddNumberToObject(rate, "tx_bps",
				secs > 0 ? (v[3] - pv[3]) * 8.0 / secs : 0);
	return o;
}

static void counts_add(struct ns_counts *sum, struct ns_counts c)
{
	sum->packets += c.packets;
	sum->bytes += c.bytes;
	sum->syncs += c.syncs;
	sum->drops += c.drops;
}

/* secs < 0: a snapshot, no deltas. */
static cJSON *port_json(const struct ns_port *p, const struct ns_port *prev,
			double secs)
{
	struct ns_counts tot[2] = {{0}}, dtot[2] = {{0}};
	cJSON *o = cJSON_CreateObject(), *rings, *totals;
	size_t i;
	int d;

	cJSON_AddStringToObject(o, "name", p->name);
	cJSON_AddStringToObject(o, "kind", p->kind);
	add_u64(o, "mem_id", p->mem_id);
	add_u64(o, "users", p->users);
	add_u64(o, "tx_rings", p->tx_rings);
	add_u64(o, "rx_rings", p->rx_rings);
	add_u64(o, "host_tx_rings", p->host_tx_rings);
	add_u64(o, "host_rx_rings", p->host_rx_rings);
	add_u64(o, "tx_slots", p->tx_slots);
	add_u64(o, "rx_slots", p->rx_slots);
	cJSON_AddItemToObject(o, "binds", binds_json(p));
	rings = cJSON_AddArrayToObject(o, "rings");
	for (i = 0; i < p->nrings; i++) {
		const struct ns_ring *r = &p->rings[i], *pr;
		struct ns_counts c = ring_counts(r), z = {0}, dc;
		cJSON *ro = ring_json(r);

		counts_add(&tot[r->dir & 1], c);
		if (secs >= 0) {
			pr = find_ring(prev, r->dir, r->index);
			dc = counts_delta(c, pr ? ring_counts(pr) : z);
			counts_add(&dtot[r->dir & 1], dc);
			add_delta_rate(ro, dc, secs);
		}
		cJSON_AddItemToArray(rings, ro);
	}
	totals = cJSON_AddObjectToObject(o, "totals");
	for (d = 0; d < 2; d++) {
		cJSON *t = cJSON_AddObjectToObject(totals, d ? "rx" : "tx");

		add_u64(t, "packets", tot[d].packets);
		add_u64(t, "bytes", tot[d].bytes);
		add_u64(t, "syncs", tot[d].syncs);
		add_u64(t, "drops", tot[d].drops);
		cJSON_AddNumberToObject(t, "batch",
					ratio(tot[d].packets, tot[d].syncs));
		if (secs >= 0)
			add_delta_rate(t, dtot[d], secs);
	}
	cJSON_AddItemToObject(
		o, "link",
		link_json(&p->link, prev ? &prev->link : NULL, secs));
	return o;
}

static cJSON *mems_json(const struct ns_sample *s)
{
	cJSON *a = cJSON_CreateArray();
	size_t i, j;

	for (i = 0; i < s->nmems; i++) {
		const struct ns_mem *m = &s->mems[i];
		cJSON *o = cJSON_CreateObject();
		cJSON *pools = cJSON_CreateArray();

		add_u64(o, "id", m->id);
		add_u64(o, "size", m->size);
		add_u64(o, "users", m->users);
		for (j = 0; j < m->npools; j++) {
			const struct ns_pool *p = &m->pools[j];
			cJSON *po = cJSON_CreateObject();

			cJSON_AddStringToObject(po, "name", p->name);
			add_u64(po, "objsize", p->objsize);
			add_u64(po, "total", p->total);
			add_u64(po, "free", p->free);
			add_u64(po, "in_use", p->in_use);
			cJSON_AddItemToArray(pools, po);
		}
		cJSON_AddItemToObject(o, "pools", pools);
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

static cJSON *doc_json(const char *type, const struct ns_sample *prev,
		       const struct ns_sample *s, double secs,
		       const struct ns_filter *f)
{
	cJSON *doc = cJSON_CreateObject(), *ports;
	size_t i;

	cJSON_AddStringToObject(doc, "type", type);
	cJSON_AddNumberToObject(doc, "time", s->time);
	if (secs >= 0)
		cJSON_AddNumberToObject(doc, "seconds", secs);
	ports = cJSON_AddArrayToObject(doc, "ports");
	for (i = 0; i < s->nports; i++) {
		const struct ns_port *p = &s->ports[i];

		if (!ns_filter_match(f, p->name))
			continue;
		cJSON_AddItemToArray(
			ports,
			port_json(p,
				  prev ? ns_sample_port(prev, p->name, p->kind)
				       : NULL,
				  secs));
	}
	cJSON_AddItemToObject(doc, "mems", mems_json(s));
	return doc;
}

cJSON *ns_json_snapshot(const struct ns_sample *s, const struct ns_filter *f)
{
	return doc_json("snapshot", NULL, s, -1, f);
}

cJSON *ns_json_interval(const struct ns_sample *prev,
			const struct ns_sample *cur, const struct ns_filter *f)
{
	double secs = (cur->mono.tv_sec - prev->mono.tv_sec) +
		      (cur->mono.tv_nsec - prev->mono.tv_nsec) / 1e9;

	return doc_json("interval", prev, cur, secs, f);
}
