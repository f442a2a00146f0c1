/*
 * report.c - the start record, the interval lines and the summary.
 */
#include "output.h"
#include "report.h"

/* Preamble, start of frame delimiter, inter-frame gap and CRC. */
#define PG_WIRE_OVERHEAD 24

void pg_totals_read(struct pg_thread *threads, unsigned int n,
		    struct pg_totals *sum)
{
	unsigned int i;

	*sum = (struct pg_totals){0};
	for (i = 0; i < n; i++) {
		struct pg_counters *c = &threads[i].c;

		sum->packets +=
			atomic_load_explicit(&c->packets, memory_order_relaxed);
		sum->bytes +=
			atomic_load_explicit(&c->bytes, memory_order_relaxed);
		sum->batches +=
			atomic_load_explicit(&c->batches, memory_order_relaxed);
	}
}

void pg_report_start(const struct pg_conf *conf, const struct nmport *port)
{
	const struct nmreq_register *reg = &port->reg;

	pg_out_begin("start");
	pg_out_str("function", "pkt-gen: %s", conf->mode->name);
	pg_out_str("port", " on %s", conf->port);
	pg_out_u64("threads", ", %llu thread(s)", conf->threads);
	pg_out_u64("tx_rings", ", %llu tx ring(s)", reg->nr_tx_rings);
	pg_out_u64("tx_slots", " of %llu slots", reg->nr_tx_slots);
	pg_out_u64("rx_rings", ", %llu rx ring(s)", reg->nr_rx_rings);
	pg_out_u64("rx_slots", " of %llu slots", reg->nr_rx_slots);
	pg_out_u64("mem_id", ", memory %llu", reg->nr_mem_id);
	pg_out_u64("batch", ", batch %llu", conf->burst);
	pg_out_u64("length_min", ", frames %llu", conf->len_min);
	pg_out_u64("length_max",
		   conf->len_max != conf->len_min ? "-%llu" : NULL,
		   conf->len_max);
	pg_out_text(" bytes");
	pg_out_u64("count", conf->count ? ", count %llu" : NULL, conf->count);
	pg_out_u64("rate_pps", conf->rate ? ", rate %llu pps" : NULL,
		   conf->rate);
	if (conf->verbose) {
		pg_out_u64("memsize", "\n  region %llu bytes", reg->nr_memsize);
		pg_out_str("mode", ", mode %s", nmport_mode_name(reg->nr_mode));
		pg_out_u64("first_tx_ring", ", bound tx rings %llu",
			   port->first_tx);
		pg_out_u64("last_tx_ring", "-%llu", port->last_tx - 1);
		pg_out_u64("first_rx_ring", ", rx rings %llu", port->first_rx);
		pg_out_u64("last_rx_ring", "-%llu", port->last_rx - 1);
	}
	pg_out_end();
}

static double per_second(uint64_t v, uint64_t ns)
{
	return ns ? (double)v * 1e9 / (double)ns : 0.0;
}

void pg_report_interval(const struct pg_conf *conf, uint64_t elapsed_ns,
			uint64_t dt_ns, const struct pg_totals *now,
			const struct pg_totals *prev)
{
	uint64_t packets = now->packets - prev->packets;
	uint64_t batches = now->batches - prev->batches;

	pg_out_begin("interval");
	pg_out_double("elapsed_s", "%9.3f s", (double)elapsed_ns / 1e9);
	pg_out_si("pps", "  %spps", per_second(packets, dt_ns));
	pg_out_si("bps", "  %sbps",
		  per_second((now->bytes - prev->bytes) * 8, dt_ns));
	pg_out_double("avg_batch", "  avg batch %.1f",
		      batches ? (double)packets / (double)batches : 0.0);
	pg_out_u64("packets", "  (%llu pkts", packets);
	pg_out_u64("total_packets", ", %llu total)", now->packets);
	if (conf->count)
		pg_out_double("progress", "  %.1f%%",
			      100.0 * (double)now->packets /
				      (double)conf->count);
	pg_out_end();
}

/* The run's span: first start to last end over the threads that ran. */
static uint64_t run_ns(struct pg_thread *threads, unsigned int n)
{
	uint64_t first = 0, last = 0;
	unsigned int i;

	for (i = 0; i < n; i++) {
		uint64_t s, e;

		if (!threads[i].started)
			continue;
		s = (uint64_t)threads[i].t_start.tv_sec * 1000000000ULL +
		    (uint64_t)threads[i].t_start.tv_nsec;
		e = (uint64_t)threads[i].t_end.tv_sec * 1000000000ULL +
		    (uint64_t)threads[i].t_end.tv_nsec;
		if (!first || s < first)
			first = s;
		if (e > last)
			last = e;
	}
	return last > first ? last - first : 0;
}

static void per_thread(struct pg_thread *threads, unsigned int n)
{
	unsigned int i;

	pg_out_arr_begin("per_thread");
	for (i = 0; i < n; i++) {
		struct pg_counters *c = &threads[i].c;

		pg_out_obj_begin(NULL);
		pg_out_u64("thread", n > 1 ? "\n  thread %llu:" : NULL, i);
		pg_out_u64("packets", n > 1 ? " %llu packets" : NULL,
			   atomic_load(&c->packets));
		pg_out_u64("bytes", n > 1 ? " %llu bytes" : NULL,
			   atomic_load(&c->bytes));
		pg_out_obj_end();
	}
	pg_out_arr_end();
}

void pg_report_summary(const struct pg_conf *conf, struct pg_thread *threads,
		       unsigned int n, int interrupted)
{
	uint64_t ns = run_ns(threads, n);
	struct pg_totals t;

	pg_totals_read(threads, n, &t);
	pg_out_begin("summary");
	pg_out_str("function", NULL, conf->mode->name);
	pg_out_str("port", NULL, conf->port);
	pg_out_u64("threads", NULL, n);
	pg_out_text("%s", conf->mode->verb);
	pg_out_u64("packets", " %llu packets", t.packets);
	pg_out_u64("bytes", " %llu bytes", t.bytes);
	pg_out_u64("batches", " %llu batches", t.batches);
	pg_out_double("seconds", " in %.3f seconds.", (double)ns / 1e9);
	pg_out_si("pps", " Speed: %spps", per_second(t.packets, ns));
	pg_out_si("bps", " Bandwidth: %sbps", per_second(t.bytes * 8, ns));
	pg_out_si("raw_bps", " (raw %sbps)",
		  per_second((t.bytes + PG_WIRE_OVERHEAD * t.packets) * 8, ns));
	pg_out_double("avg_batch", " Average batch: %.1f packets",
		      t.batches ? (double)t.packets / (double)t.batches : 0.0);
	pg_out_bool("interrupted", " (interrupted)", interrupted);
	per_thread(threads, n);
	if (conf->mode->summary)
		conf->mode->summary(threads, n);
	pg_out_end();
}
