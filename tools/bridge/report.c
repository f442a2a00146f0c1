/*
 * report.c - the records of report.h. Each value is printed by one call
 * that knows both its text format and its JSON key (after iproute2's
 * print_*()), so the text and the JSON of a record cannot disagree.
 */
#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>

#include "report.h"

static struct {
	int json;
	cJSON *root, *obj; /* the record, the object being filled */
} out;

static void out_begin(int json, const char *type)
{
	out.json = json;
	if (!json)
		return;
	out.root = out.obj = cJSON_CreateObject();
	cJSON_AddStringToObject(out.root, "type", type);
}

static void out_end(void)
{
	char *s;

	if (out.json) {
		s = cJSON_PrintUnformatted(out.root);
		if (s)
			puts(s);
		free(s);
		cJSON_Delete(out.root);
		out.root = out.obj = NULL;
	}
	fflush(stdout);
}

#pragma GCC diagnostic ignored "-Wformat-nonliteral"

/* A NULL fmt prints JSON only; a NULL key, text only. */
static void out_u64(const char *key, const char *fmt, uint64_t v)
{
	if (out.json && key)
		cJSON_AddNumberToObject(out.obj, key, (double)v);
	else if (!out.json && fmt)
		printf(fmt, (unsigned long long)v);
}

static void out_str(const char *key, const char *fmt, const char *s)
{
	if (out.json && key)
		cJSON_AddStringToObject(out.obj, key, s);
	else if (!out.json && fmt)
		printf(fmt, s);
}

static void out_bool(const char *key, const char *yes, const char *no, int v)
{
	if (out.json && key)
		cJSON_AddBoolToObject(out.obj, key, v);
	else if (!out.json && (v ? yes : no))
		fputs(v ? yes : no, stdout);
}

/* An array under key in the record; items are filled one by one. */
static cJSON *out_array(const char *key)
{
	cJSON *a = NULL;

	if (out.json) {
		a = cJSON_CreateArray();
		cJSON_AddItemToObject(out.root, key, a);
	}
	return a;
}

static void out_item_begin(cJSON *array)
{
	if (out.json) {
		out.obj = cJSON_CreateObject();
		cJSON_AddItemToArray(array, out.obj);
	}
}

static void out_item_end(void)
{
	out.obj = out.root;
	if (!out.json)
		putchar('\n');
}

void br_report_start(const struct br_conf *c, const struct br_names *n,
		     const struct nmport port[2], unsigned int threads,
		     int zerocopy)
{
	cJSON *ports;
	int i;

	out_begin(c->json, "start");
	out_bool("zerocopy", "bridge: zero-copy", "bridge: copying", zerocopy);
	out_u64("threads", ", %llu thread(s)\n", threads);
	ports = out_array("ports");
	for (i = 0; i < 2; i++) {
		const struct nmport *p = &port[i];

		out_item_begin(ports);
		out_str("name", "%s:", n->name[i]);
		out_u64("mem_id", " memory region %llu,", p->reg.nr_mem_id);
		out_u64("tx_rings", " %llu tx", p->last_tx - p->first_tx);
		out_u64("rx_rings", " %llu rx rings,",
			p->last_rx - p->first_rx);
		out_u64("tx_slots", " %llu", p->reg.nr_tx_slots);
		out_u64("rx_slots", "/%llu slots,", p->reg.nr_rx_slots);
		out_u64("buf_size", " %llu-byte buffers",
			nmport_txring(p, p->first_tx)->nr_buf_size);
		out_item_end();
	}
	out_end();
}

static uint64_t load(const _Atomic uint64_t *v)
{
	return atomic_load_explicit(v, memory_order_relaxed);
}

void br_report_counts(const struct br_conf *c, const struct br_names *n,
		      const struct br_thread *t, unsigned int threads,
		      int zerocopy, const char *type)
{
	cJSON *dirs;
	unsigned int i;
	int d;

	out_begin(c->json, type);
	out_bool("zerocopy", NULL, NULL, zerocopy);
	out_u64("threads", NULL, threads);
	dirs = out_array("directions");
	for (d = 0; d < 2; d++) {
		uint64_t packets = 0, bytes = 0, dropped = 0, oversize = 0;

		for (i = 0; i < threads; i++) {
			packets += load(&t[i].dir[d].packets);
			bytes += load(&t[i].dir[d].bytes);
			dropped += load(&t[i].dir[d].dropped);
			oversize += load(&t[i].dir[d].oversize);
		}
		out_item_begin(dirs);
		out_str("from", "%s", n->name[d]);
		out_str("to", " -> %s:", n->name[!d]);
		out_u64("packets", " forwarded %llu packets", packets);
		out_u64("bytes", " %llu bytes,", bytes);
		out_u64("dropped", " dropped %llu", dropped);
		out_u64("oversize", " (%llu oversize)", oversize);
		out_item_end();
	}
	out_end();
}
