/*
 * output.c - the text and JSON printer of output.h (cJSON for JSON).
 */
#include <cJSON.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "output.h"

#define OUT_DEPTH 4

static struct {
	int json;
	char text[4096];
	size_t len;
	cJSON *stack[OUT_DEPTH];
	int depth;
} out;

void pg_out_init(int json)
{
	out.json = json;
}

int pg_out_json(void)
{
	return out.json;
}

static void text_vadd(const char *fmt, va_list ap)
{
	int n;

	if (out.len >= sizeof(out.text))
		return;
	n = vsnprintf(out.text + out.len, sizeof(out.text) - out.len, fmt, ap);
	if (n > 0)
		out.len += (size_t)n;
	if (out.len > sizeof(out.text) - 1)
		out.len = sizeof(out.text) - 1;
}

static void text_add(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

static void text_add(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	text_vadd(fmt, ap);
	va_end(ap);
}

static cJSON *top(void)
{
	return out.stack[out.depth - 1];
}

void pg_out_begin(const char *type)
{
	out.len = 0;
	out.text[0] = '\0';
	if (!out.json)
		return;
	out.depth = 1;
	out.stack[0] = cJSON_CreateObject();
	cJSON_AddStringToObject(out.stack[0], "type", type);
}

void pg_out_end(void)
{
	char *s;

	if (!out.json) {
		fputs(out.text, stdout);
		fputc('\n', stdout);
	} else {
		s = cJSON_PrintUnformatted(out.stack[0]);
		if (s)
			puts(s);
		free(s);
		cJSON_Delete(out.stack[0]);
		out.depth = 0;
	}
	fflush(stdout);
}

/* The format's text is printed in text mode only; JSON takes the value. */
#define OUT_VALUE(key, fmt, add_json, ...)          \
	do {                                        \
		if (out.json) {                     \
			if (key)                    \
				add_json;           \
		} else if (fmt) {                   \
			text_add(fmt, __VA_ARGS__); \
		}                                   \
	} while (0)

#pragma GCC diagnostic ignored "-Wformat-nonliteral"

void pg_out_u64(const char *key, const char *fmt, uint64_t v)
{
	OUT_VALUE(key, fmt, cJSON_AddNumberToObject(top(), key, (double)v),
		  (unsigned long long)v);
}

void pg_out_double(const char *key, const char *fmt, double v)
{
	OUT_VALUE(key, fmt, cJSON_AddNumberToObject(top(), key, v), v);
}

void pg_out_si(const char *key, const char *fmt, double v)
{
	static const char prefix[] = " KMGTP";
	double scaled = v;
	char buf[32];
	int i = 0;

	while (scaled >= 1000.0 && prefix[i + 1]) {
		scaled /= 1000.0;
		i++;
	}
	snprintf(buf, sizeof(buf), i ? "%.2f %c" : "%.2f ", scaled, prefix[i]);
	OUT_VALUE(key, fmt, cJSON_AddNumberToObject(top(), key, v), buf);
}

void pg_out_ns(const char *key, const char *fmt, uint64_t ns)
{
	char buf[32];

	if (ns < 1000)
		snprintf(buf, sizeof(buf), "%llu ns", (unsigned long long)ns);
	else if (ns < 1000000)
		snprintf(buf, sizeof(buf), "%.1f us", (double)ns / 1e3);
	else if (ns < 1000000000)
		snprintf(buf, sizeof(buf), "%.2f ms", (double)ns / 1e6);
	else
		snprintf(buf, sizeof(buf), "%.3f s", (double)ns / 1e9);
	OUT_VALUE(key, fmt, cJSON_AddNumberToObject(top(), key, (double)ns),
		  buf);
}

void pg_out_str(const char *key, const char *fmt, const char *s)
{
	OUT_VALUE(key, fmt, cJSON_AddStringToObject(top(), key, s), s);
}

void pg_out_bool(const char *key, const char *fmt, int v)
{
	if (out.json) {
		if (key)
			cJSON_AddBoolToObject(top(), key, v);
	} else if (fmt && v) {
		text_add("%s", fmt);
	}
}

void pg_out_text(const char *fmt, ...)
{
	va_list ap;

	if (out.json)
		return;
	va_start(ap, fmt);
	text_vadd(fmt, ap);
	va_end(ap);
}

static void push(cJSON *item, const char *key)
{
	if (cJSON_IsArray(top()))
		cJSON_AddItemToArray(top(), item);
	else
		cJSON_AddItemToObject(top(), key, item);
	out.stack[out.depth++] = item;
}

void pg_out_obj_begin(const char *key)
{
	if (out.json && out.depth < OUT_DEPTH)
		push(cJSON_CreateObject(), key);
}

void pg_out_arr_begin(const char *key)
{
	if (out.json && out.depth < OUT_DEPTH)
		push(cJSON_CreateArray(), key);
}

void pg_out_obj_end(void)
{
	if (out.json && out.depth > 1)
		out.depth--;
}

void pg_out_arr_end(void)
{
	pg_out_obj_end();
}
