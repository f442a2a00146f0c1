/*
 * report.c - the summary line: text, or one JSON object (--json) with the
 * same values, built from one list so the two cannot disagree.
 */
#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>

#include "sock-gen.h"

void sg_report(const struct sg_conf *c, const struct sg_result *r)
{
	double s = r->end_ns > r->start_ns
			   ? (double)(r->end_ns - r->start_ns) / 1e9
			   : 0.0;
	double pps = s > 0 ? (double)r->packets / s : 0.0;
	cJSON *o;
	char *line;

	if (!c->json) {
		printf("%s %s: %s %llu packets %llu bytes %llu calls in %.6f "
		       "seconds. Speed: %.3f Mpps%s%s\n",
		       c->method->name, c->ifname,
		       c->method->tx ? "sent" : "received",
		       (unsigned long long)r->packets,
		       (unsigned long long)r->bytes,
		       (unsigned long long)r->calls, s, pps / 1e6,
		       r->retries ? " (refused calls retried)" : "",
		       r->interrupted ? " (interrupted)" : "");
		return;
	}
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "type", "summary");
	cJSON_AddStringToObject(o, "method", c->method->name);
	cJSON_AddStringToObject(o, "direction", c->method->tx ? "tx" : "rx");
	cJSON_AddStringToObject(o, "interface", c->ifname);
	cJSON_AddNumberToObject(o, "length", c->len);
	cJSON_AddNumberToObject(o, "batch", c->batch);
	cJSON_AddBoolToObject(o, "qdisc_bypass", r->qdisc_bypass);
	cJSON_AddNumberToObject(o, "packets", (double)r->packets);
	cJSON_AddNumberToObject(o, "bytes", (double)r->bytes);
	cJSON_AddNumberToObject(o, "calls", (double)r->calls);
	cJSON_AddNumberToObject(o, "retries", (double)r->retries);
	cJSON_AddNumberToObject(o, "elapsed_s", s);
	cJSON_AddNumberToObject(o, "pps", pps);
	cJSON_AddBoolToObject(o, "interrupted", r->interrupted);
	line = cJSON_PrintUnformatted(o);
	if (line)
		puts(line);
	free(line);
	cJSON_Delete(o);
}
