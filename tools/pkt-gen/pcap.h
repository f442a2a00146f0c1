/*
 * pcap.h - read the first packet of a pcap file (-P).
 */
#ifndef PG_PCAP_H
#define PG_PCAP_H

#include <stddef.h>
#include <stdint.h>

/* Copy the first packet of path into buf (cap bytes); 0, or -1 and err. */
int pg_pcap_read_first(const char *path, uint8_t *buf, size_t cap, size_t *len,
		       char *err, size_t errlen);

#endif /* PG_PCAP_H */
