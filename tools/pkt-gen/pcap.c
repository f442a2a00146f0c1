/*
 * pcap.c - the classic pcap file format, just enough to take one packet:
 * a 24-byte file header whose magic gives the byte order (and micro- or
 * nanosecond stamps, which we ignore), then 16-byte record headers.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "pcap.h"

#define PCAP_MAGIC_US 0xa1b2c3d4u
#define PCAP_MAGIC_NS 0xa1b23c4du
#define PCAP_LINK_ETHERNET 1

static uint32_t swap32(uint32_t v)
{
	return (v >> 24) | ((v >> 8) & 0xff00) | ((v << 8) & 0xff0000) |
	       (v << 24);
}

int pg_pcap_read_first(const char *path, uint8_t *buf, size_t cap, size_t *len,
		       char *err, size_t errlen)
{
	uint32_t fh[6], rh[4];
	int swapped, ret = -1;
	FILE *f = fopen(path, "rb");

	if (!f) {
		snprintf(err, errlen, "-P %s: %s", path, strerror(errno));
		return -1;
	}
	if (fread(fh, sizeof(fh), 1, f) != 1) {
		snprintf(err, errlen, "-P %s: too short for a pcap file", path);
		goto out;
	}
	swapped = fh[0] == swap32(PCAP_MAGIC_US) ||
		  fh[0] == swap32(PCAP_MAGIC_NS);
	if (!swapped && fh[0] != PCAP_MAGIC_US && fh[0] != PCAP_MAGIC_NS) {
		snprintf(err, errlen, "-P %s: not a pcap file (magic %08x)",
			 path, fh[0]);
		goto out;
	}
	if ((swapped ? swap32(fh[5]) : fh[5]) != PCAP_LINK_ETHERNET) {
		snprintf(err, errlen, "-P %s: link type is not Ethernet", path);
		goto out;
	}
	if (fread(rh, sizeof(rh), 1, f) != 1) {
		snprintf(err, errlen, "-P %s: holds no packet", path);
		goto out;
	}
	*len = swapped ? swap32(rh[2]) : rh[2]; /* captured length */
	if (*len == 0 || *len > cap) {
		snprintf(err, errlen,
			 "-P %s: first packet has %zu bytes "
			 "(1-%zu usable)",
			 path, *len, cap);
		goto out;
	}
	if (fread(buf, *len, 1, f) != 1) {
		snprintf(err, errlen, "-P %s: first packet is truncated", path);
		goto out;
	}
	ret = 0;
out:
	fclose(f);
	return ret;
}
