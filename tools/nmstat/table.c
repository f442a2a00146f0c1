/*
 * table.c - the compact table for terminals, read back from the JSON
 * document itself: one line per ring, the link counters under each
 * interface, one line per memory region.
 */
#include <string.h>

#include "output.h"

static double num(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsNumber(v) ? v->valuedouble : 0;
}

static const char *str(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(v) ? v->valuestring : "";
}

static const cJSON *obj(const cJSON *o, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(o, key);
}

/* 1234567 -> "1.23M", as pkt-gen prints rates. */
static const char *si(double v, char *buf, size_t len)
{
	static const char unit[] = " KMGT";
	int i = 0;

	while (v >= 1000 && i < 4) {
		v /= 1000;
		i++;
	}
	if (i)
		snprintf(buf, len, "%.2f%c", v, unit[i]);
	else
		snprintf(buf, len, "%.0f", v);
	return buf;
}

static void ring_label(const cJSON *r, char *buf, size_t len)
{
	snprintf(buf, len, "%s%.0f%s", str(r, "dir"), num(r, "index"),
		 cJSON_IsTrue(obj(r, "host")) ? "^" : "");
}

static void print_ring(FILE *out, const char *port, const cJSON *r,
		       int interval)
{
	char label[16], a[16], b[16], c[16];
	const cJSON *drops = obj(r, "drops");

	ring_label(r, label, sizeof(label));
	if (interval) {
		const cJSON *rate = obj(r, "rate");

		fprintf(out, "%-16s %-5s %9s %9s %9s %7.1f %9.0f\n", port,
			label, si(num(rate, "pps"), a, sizeof(a)),
			si(num(rate, "bps"), b, sizeof(b)),
			si(num(rate, "syncs_per_s"), c, sizeof(c)),
			num(rate, "batch"), num(obj(r, "delta"), "drops"));
		return;
	}
	fprintf(out,
		"%-16s %-5s %12.0f %14.0f %10.0f %7.1f %9.0f %5.0f %5.0f "
		"%5.0f\n",
		port, label, num(r, "packets"), num(r, "bytes"),
		num(r, "syncs"), num(r, "batch"),
		num(drops, "full") + num(drops, "oversize") +
			num(drops, "nobuf"),
		num(r, "head"), num(r, "cur"), num(r, "tail"));
}

static void print_link(FILE *out, const cJSON *link, int interval)
{
	const cJSON *v = interval ? obj(link, "delta") : link;

	if (!cJSON_IsObject(link))
		return;
	fprintf(out,
		"%-16s link  rx %.0f packets %.0f bytes %.0f dropped, "
		"tx %.0f packets %.0f bytes %.0f dropped%s\n",
		"", num(v, "rx_packets"), num(v, "rx_bytes"),
		num(v, "rx_dropped"), num(v, "tx_packets"), num(v, "tx_bytes"),
		num(v, "tx_dropped"), interval ? " (this interval)" : "");
}

/* Which adapter moves the port's frames (pipe, native, generic). */
static void print_kind(FILE *out, const cJSON *port)
{
	fprintf(out, "%-16s kind  %s, mem %.0f, %.0f bound\n", "",
		str(port, "kind"), num(port, "mem_id"), num(port, "users"));
}

static void print_mems(FILE *out, const cJSON *mems)
{
	const cJSON *m, *p;

	cJSON_ArrayForEach(m, mems)
	{
		fprintf(out, "mem %.0f: %.0f users", num(m, "id"),
			num(m, "users"));
		cJSON_ArrayForEach(p, obj(m, "pools"))
			fprintf(out, ", %s %.0f/%.0f in use", str(p, "name"),
				num(p, "in_use"), num(p, "total"));
		fputc('\n', out);
	}
}

void ns_table_print(FILE *out, const cJSON *doc)
{
	int interval = !strcmp(str(doc, "type"), "interval");
	const cJSON *port, *ring;

	if (interval)
		fprintf(out, "%-16s %-5s %9s %9s %9s %7s %9s\n", "PORT", "RING",
			"PPS", "BPS", "SYNCS/S", "BATCH", "DROPS");
	else
		fprintf(out, "%-16s %-5s %12s %14s %10s %7s %9s %5s %5s %5s\n",
			"PORT", "RING", "PACKETS", "BYTES", "SYNCS", "BATCH",
			"DROPS", "HEAD", "CUR", "TAIL");
	cJSON_ArrayForEach(port, obj(doc, "ports"))
	{
		cJSON_ArrayForEach(ring, obj(port, "rings"))
			print_ring(out, str(port, "name"), ring, interval);
		print_kind(out, port);
		print_link(out, obj(port, "link"), interval);
	}
	print_mems(out, obj(doc, "mems"));
	if (interval)
		fputc('\n', out);
}
