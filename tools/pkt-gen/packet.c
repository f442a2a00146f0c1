/*
 * packet.c - build the frame template, and rewrite its varying fields.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pcap.h"
#include "pkt-gen.h"

static const char pg_payload_text[] = "netmap pkt-gen payload ";

/* 16-bit one's complement sum of big-endian words, not yet folded. */
static uint64_t sum16(const uint8_t *p, size_t n)
{
	uint64_t s = 0;
	size_t i;

	for (i = 0; i + 1 < n; i += 2)
		s += pg_get16(p + i);
	if (n & 1)
		s += (uint64_t)p[n - 1] << 8;
	return s;
}

static uint16_t fold(uint64_t s)
{
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)s;
}

/* Advance one endpoint: random within the range, or the next in order. */
static void next_endpoint(const struct pg_addr_range *r, int random,
			  uint64_t *rng, uint32_t *ip, uint16_t *port)
{
	if (random) {
		*ip = r->ip_lo + (uint32_t)(pg_rand(rng) % ((uint64_t)r->ip_hi -
							    r->ip_lo + 1));
		*port = (uint16_t)(r->port_lo +
				   pg_rand(rng) %
					   (r->port_hi - r->port_lo + 1u));
		return;
	}
	if (*port < r->port_hi) {
		(*port)++;
		return;
	}
	*port = r->port_lo;
	*ip = *ip < r->ip_hi ? *ip + 1 : r->ip_lo;
}

/*
 * Lengths, addresses and both checksums of a frame of len bytes whose
 * payload (and sequence field, if any) is already in place. Per packet:
 * a fixed amount of work whatever the length.
 */
void pg_pkt_finish(struct pg_pkt *p, uint8_t *buf, unsigned int len)
{
	uint8_t *ip = buf + PG_IP_OFF, *udp = buf + PG_UDP_OFF;
	unsigned int plen = len - PG_HDR_LEN;
	uint16_t udp_len = (uint16_t)(len - PG_UDP_OFF);
	uint64_t s;

	if (p->vary_addr) {
		pg_put32(ip + 12, p->src_ip);
		pg_put32(ip + 16, p->dst_ip);
		pg_put16(udp, p->src_port);
		pg_put16(udp + 2, p->dst_port);
		next_endpoint(&p->src, p->random_src, &p->rng, &p->src_ip,
			      &p->src_port);
		next_endpoint(&p->dst, p->random_dst, &p->rng, &p->dst_ip,
			      &p->dst_port);
	}
	pg_put16(ip + 2, (uint16_t)(len - PG_IP_OFF));
	pg_put16(ip + 10, 0);
	pg_put16(ip + 10, (uint16_t)~fold(sum16(ip, 20)));

	pg_put16(udp + 4, udp_len);
	s = sum16(ip + 12, 8) + 17 + udp_len; /* pseudo-header */
	s += pg_get16(udp) + pg_get16(udp + 2) + udp_len;
	s += p->payload_sum[plen];
	if (p->vary_seq)
		s += sum16(buf + PG_SEQ_OFF, PG_SEQ_LEN);
	s = (uint16_t)~fold(s);
	pg_put16(udp + 6, s ? (uint16_t)s : 0xffff);
}

static void build_headers(struct pg_pkt *p, const struct pg_conf *conf)
{
	uint8_t *f = p->tmpl, *ip = f + PG_IP_OFF;

	memcpy(f, conf->dst_mac, 6);
	memcpy(f + 6, conf->src_mac, 6);
	pg_put16(f + 12, 0x0800);
	ip[0] = 0x45; /* IPv4, 20-byte header */
	ip[1] = 0;
	pg_put16(ip + 4, 0);	  /* id */
	pg_put16(ip + 6, 0x4000); /* don't fragment */
	ip[8] = 64;		  /* ttl */
	ip[9] = 17;		  /* UDP */
	pg_put32(ip + 12, p->src_ip);
	pg_put32(ip + 16, p->dst_ip);
	pg_put16(f + PG_UDP_OFF, p->src_port);
	pg_put16(f + PG_UDP_OFF + 2, p->dst_port);
}

/* payload_sum[k] for every payload length k up to the longest frame. */
static int sum_payload(struct pg_pkt *p)
{
	unsigned int n = p->len_max - PG_HDR_LEN, k;
	const uint8_t *pl = p->tmpl + PG_HDR_LEN;
	uint32_t s = 0;

	p->payload_sum = calloc(n + 1, sizeof(*p->payload_sum));
	if (!p->payload_sum)
		return -1;
	for (k = 0; k < n; k++) {
		/* the sequence field is summed per packet, not here */
		int in_seq = p->vary_seq && k < PG_SEQ_LEN;

		p->payload_sum[k] = s;
		if (!in_seq)
			s += k & 1 ? pl[k] : (uint32_t)pl[k] << 8;
	}
	p->payload_sum[n] = s;
	return 0;
}

static int init_raw(struct pg_pkt *p, const struct pg_conf *conf, char *err,
		    size_t errlen)
{
	size_t len;

	p->tmpl = malloc(PG_MAX_LEN);
	if (!p->tmpl) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (pg_pcap_read_first(conf->pcap, p->tmpl, PG_MAX_LEN, &len, err,
			       errlen))
		return -1;
	p->raw = 1;
	p->tmpl_len = p->len_min = p->len_max = (unsigned int)len;
	return 0;
}

int pg_pkt_init(struct pg_pkt *p, const struct pg_conf *conf, int seq,
		unsigned int thread, char *err, size_t errlen)
{
	unsigned int k;

	memset(p, 0, sizeof(*p));
	p->rng = 0x9E3779B97F4A7C15ULL * (thread + 1);
	if (conf->pcap)
		return init_raw(p, conf, err, errlen);
	p->len_min = conf->len_min;
	p->len_max = conf->len_max;
	p->src = conf->src;
	p->dst = conf->dst;
	p->src_ip = p->src.ip_lo;
	p->src_port = p->src.port_lo;
	p->dst_ip = p->dst.ip_lo;
	p->dst_port = p->dst.port_lo;
	p->random_src = conf->random_src;
	p->random_dst = conf->random_dst;
	p->vary_len = p->len_min != p->len_max;
	p->vary_seq = seq;
	p->vary_addr = p->random_src || p->random_dst ||
		       p->src.ip_lo != p->src.ip_hi ||
		       p->src.port_lo != p->src.port_hi ||
		       p->dst.ip_lo != p->dst.ip_hi ||
		       p->dst.port_lo != p->dst.port_hi;
	p->tmpl_len = p->len_max;
	p->tmpl = calloc(1, p->tmpl_len);
	if (!p->tmpl) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	build_headers(p, conf);
	for (k = PG_HDR_LEN; k < p->tmpl_len; k++)
		p->tmpl[k] =
			(uint8_t)pg_payload_text[(k - PG_HDR_LEN) %
						 (sizeof(pg_payload_text) - 1)];
	if (sum_payload(p)) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	/* The template is a valid frame of len_min bytes by itself. */
	if (seq)
		pg_pkt_put_seq(p->tmpl, 0, 0);
	k = p->vary_addr;
	p->vary_addr = 0;
	pg_pkt_finish(p, p->tmpl, p->len_min);
	p->vary_addr = k;
	return 0;
}

void pg_pkt_free(struct pg_pkt *p)
{
	free(p->tmpl);
	free(p->payload_sum);
	p->tmpl = NULL;
	p->payload_sum = NULL;
}

/* IP[:port] into *ip, *port; 0 or -1. */
static int parse_endpoint(const char *s, size_t n, uint32_t *ip, uint16_t *port,
			  int *has_port)
{
	char buf[64], *colon, *end;
	struct in_addr a;
	unsigned long v;

	if (n == 0 || n >= sizeof(buf))
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	colon = strchr(buf, ':');
	*has_port = colon != NULL;
	if (colon) {
		*colon = '\0';
		if (!isdigit((unsigned char)colon[1]))
			return -1;
		v = strtoul(colon + 1, &end, 10);
		if (*end || v > 65535)
			return -1;
		*port = (uint16_t)v;
	}
	if (inet_pton(AF_INET, buf, &a) != 1)
		return -1;
	*ip = ntohl(a.s_addr);
	return 0;
}

int pg_parse_range(const char *arg, struct pg_addr_range *r, char *err,
		   size_t errlen)
{
	const char *dash = strchr(arg, '-');
	size_t n1 = dash ? (size_t)(dash - arg) : strlen(arg);
	uint16_t port = r->port_lo;
	int has_port;

	if (parse_endpoint(arg, n1, &r->ip_lo, &port, &has_port)) {
		snprintf(err, errlen, "'%s' is not IP[:port][-IP[:port]]", arg);
		return -1;
	}
	r->port_lo = r->port_hi = port;
	r->ip_hi = r->ip_lo;
	if (!dash)
		return 0;
	if (parse_endpoint(dash + 1, strlen(dash + 1), &r->ip_hi, &r->port_hi,
			   &has_port)) {
		snprintf(err, errlen, "'%s' is not IP[:port][-IP[:port]]", arg);
		return -1;
	}
	if (r->ip_hi < r->ip_lo || r->port_hi < r->port_lo) {
		snprintf(err, errlen, "'%s': range ends below its start", arg);
		return -1;
	}
	return 0;
}

int pg_parse_mac(const char *arg, uint8_t mac[6])
{
	unsigned int b[6];
	char tail;
	int i;

	if (sscanf(arg, "%2x:%2x:%2x:%2x:%2x:%2x%c", &b[0], &b[1], &b[2], &b[3],
		   &b[4], &b[5], &tail) != 6)
		return -1;
	for (i = 0; i < 6; i++)
		mac[i] = (uint8_t)b[i];
	return 0;
}

void pg_hexdump(void *file, const uint8_t *buf, unsigned int len)
{
	FILE *f = file;
	unsigned int i, j;

	for (i = 0; i < len; i += 16) {
		fprintf(f, "%04x:", i);
		for (j = i; j < i + 16; j++) {
			if (j < len)
				fprintf(f, " %02x", buf[j]);
			else
				fputs("   ", f);
		}
		fputs("  ", f);
		for (j = i; j < i + 16 && j < len; j++)
			fputc(isprint(buf[j]) ? buf[j] : '.', f);
		fputc('\n', f);
	}
}
