/*
 * packet.h - the Ethernet/IPv4/UDP frame pkt-gen sends.
 *
 * The frame is built once (pg_pkt_init) into a template; a tx buffer gets
 * the whole template only when it does not hold it yet, and afterwards
 * only the fields that vary from packet to packet are rewritten: lengths,
 * addresses and ports, the sequence number and timestamp, and the two
 * checksums, the UDP one from a precomputed sum of the payload. Nothing
 * here allocates or makes a system call per packet.
 */
#ifndef PG_PACKET_H
#define PG_PACKET_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define PG_ETH_LEN 14
#define PG_IP_OFF PG_ETH_LEN
#define PG_UDP_OFF (PG_IP_OFF + 20)
#define PG_HDR_LEN (PG_UDP_OFF + 8) /* 42: first payload byte */
#define PG_SEQ_OFF PG_HDR_LEN	    /* u64 seq, u64 time in ns */
#define PG_SEQ_LEN 16
#define PG_MIN_LEN PG_HDR_LEN
#define PG_MIN_SEQ_LEN (PG_SEQ_OFF + PG_SEQ_LEN) /* 58 */
#define PG_MAX_LEN 65535

/* An inclusive range of IPv4 addresses and ports, host byte order. */
struct pg_addr_range {
	uint32_t ip_lo, ip_hi;
	uint16_t port_lo, port_hi;
};

struct pg_pkt {
	uint8_t *tmpl; /* the frame at len_max */
	unsigned int tmpl_len;
	uint32_t *payload_sum; /* [k]: 16-bit sum of payload[0, k) */
	unsigned int len_min, len_max;
	struct pg_addr_range src, dst;
	uint32_t src_ip, dst_ip; /* sequential cursors */
	uint16_t src_port, dst_port;
	int random_src, random_dst;
	int vary_addr, vary_len, vary_seq;
	int raw; /* -P: sent exactly as read */
	uint64_t rng;
};

struct pg_conf;

/* Build the template; seq: frames carry a sequence number. err on -1. */
int pg_pkt_init(struct pg_pkt *p, const struct pg_conf *conf, int seq,
		unsigned int thread, char *err, size_t errlen);
void pg_pkt_free(struct pg_pkt *p);
void pg_pkt_finish(struct pg_pkt *p, uint8_t *buf, unsigned int len);
int pg_parse_range(const char *arg, struct pg_addr_range *r, char *err,
		   size_t errlen);
int pg_parse_mac(const char *arg, uint8_t mac[6]);
void pg_hexdump(void *file, const uint8_t *buf, unsigned int len);

static inline uint64_t pg_rand(uint64_t *state)
{
	uint64_t x = *state; /* xorshift64* */

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*state = x;
	return x * 0x2545F4914F6CDD1DULL;
}

static inline void pg_put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static inline void pg_put32(uint8_t *p, uint32_t v)
{
	pg_put16(p, (uint16_t)(v >> 16));
	pg_put16(p + 2, (uint16_t)v);
}

static inline uint16_t pg_get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

/* Sequence number and timestamp: native order, they never leave a host. */
static inline void pg_pkt_put_seq(uint8_t *buf, uint64_t seq, uint64_t ns)
{
	memcpy(buf + PG_SEQ_OFF, &seq, 8);
	memcpy(buf + PG_SEQ_OFF + 8, &ns, 8);
}

static inline void pg_pkt_get_seq(const uint8_t *buf, uint64_t *seq,
				  uint64_t *ns)
{
	memcpy(seq, buf + PG_SEQ_OFF, 8);
	memcpy(ns, buf + PG_SEQ_OFF + 8, 8);
}

/* A frame that can carry our sequence field: IPv4/UDP, long enough. */
static inline int pg_pkt_has_seq(const uint8_t *buf, unsigned int len)
{
	return len >= PG_MIN_SEQ_LEN && pg_get16(buf + 12) == 0x0800 &&
	       buf[PG_IP_OFF + 9] == 17;
}

/*
 * Write the next frame into buf and return its length. fresh: buf does
 * not hold the template (a new or swapped buffer), so copy it in first.
 */
/* Every frame is the template as it is: nothing varies per packet. */
static inline int pg_pkt_is_static(const struct pg_pkt *p)
{
	return !p->raw && !p->vary_len && !p->vary_seq && !p->vary_addr &&
	       p->len_min == p->tmpl_len;
}

static inline unsigned int pg_pkt_write(struct pg_pkt *p, uint8_t *buf,
					int fresh, uint64_t seq, uint64_t ns)
{
	unsigned int len = p->len_min;

	if (fresh)
		memcpy(buf, p->tmpl, p->tmpl_len);
	if (p->raw)
		return p->tmpl_len;
	if (p->vary_len)
		len += (unsigned int)(pg_rand(&p->rng) %
				      (p->len_max - p->len_min + 1));
	if (p->vary_seq)
		pg_pkt_put_seq(buf, seq, ns);
	if (p->vary_len || p->vary_addr || p->vary_seq)
		pg_pkt_finish(p, buf, len);
	return len;
}

#endif /* PG_PACKET_H */
