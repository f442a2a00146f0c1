/*
 * output.h - every line pkt-gen prints to stdout goes through here.
 *
 * A record (an interval line, the summary) is opened with pg_out_begin(),
 * filled with pg_out_*() calls and emitted by pg_out_end(): as text, each
 * call appends its value through its printf format; as JSON (--json),
 * each adds the same value under its key, and the record is one JSON
 * line. One call per value, so the two forms cannot disagree (after
 * iproute2's print_*()). A NULL key prints text only; a NULL format, JSON
 * only. Called from the main thread only.
 */
#ifndef PG_OUTPUT_H
#define PG_OUTPUT_H

#include <stdint.h>

void pg_out_init(int json);
int pg_out_json(void);
void pg_out_begin(const char *type);
void pg_out_end(void);
void pg_out_u64(const char *key, const char *fmt, uint64_t v);
void pg_out_double(const char *key, const char *fmt, double v);
/* Text: fmt gets "%s" = v scaled with an SI prefix, e.g. "1.23 M". */
void pg_out_si(const char *key, const char *fmt, double v);
/* Text: fmt gets "%s" = a duration in ns, us, ms or s; JSON: ns. */
void pg_out_ns(const char *key, const char *fmt, uint64_t ns);
void pg_out_str(const char *key, const char *fmt, const char *s);
void pg_out_bool(const char *key, const char *fmt, int v);
void pg_out_text(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Nested objects and arrays (JSON only); inside an array key is unused. */
void pg_out_obj_begin(const char *key);
void pg_out_obj_end(void);
void pg_out_arr_begin(const char *key);
void pg_out_arr_end(void);

#endif /* PG_OUTPUT_H */
