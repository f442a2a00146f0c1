/*
 * report.h - what bridge prints on stdout: the ports at start (-v), the
 * counts per direction on SIGUSR1 and at exit; as text or JSON lines.
 */
#ifndef BR_REPORT_H
#define BR_REPORT_H

#include "bridge.h"

/* The names the two ports are reported under. */
struct br_names {
	char name[2][NETMAP_REQ_IFNAMSIZ + 16];
};

void br_report_start(const struct br_conf *c, const struct br_names *n,
		     const struct nmport port[2], unsigned int threads,
		     int zerocopy);
/* type: "report" (SIGUSR1) or "summary" (at exit). */
void br_report_counts(const struct br_conf *c, const struct br_names *n,
		      const struct br_thread *t, unsigned int threads,
		      int zerocopy, const char *type);

#endif /* BR_REPORT_H */
