/*
 * frame.c - the test frame: Ethernet broadcast, IPv4 10.0.0.1 -> 10.1.0.1,
 * UDP 1234 -> 4321, zero payload; the same addresses pkt-gen uses by
 * default, so both tools put the same bytes on the wire.
 */
#include <arpa/inet.h>
#include <string.h>

#include "sock-gen.h"

static uint16_t ip_checksum(const unsigned char *p, size_t n)
{
	uint32_t sum = 0;
	size_t i;

	for (i = 0; i + 1 < n; i += 2)
		sum += (uint32_t)(p[i] << 8 | p[i + 1]);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

static void put16(unsigned char *p, uint16_t v)
{
	p[0] = (unsigned char)(v >> 8);
	p[1] = (unsigned char)v;
}

void sg_frame_build(unsigned char *buf, unsigned int len)
{
	static const unsigned char src_mac[6] = {2, 0, 0, 0, 0, 1};
	unsigned char *ip = buf + 14, *udp = ip + 20;
	unsigned int ip_len = len - 14;

	memset(buf, 0, len);
	memset(buf, 0xff, 6);
	memcpy(buf + 6, src_mac, 6);
	put16(buf + 12, 0x0800);
	ip[0] = 0x45;
	put16(ip + 2, (uint16_t)ip_len);
	ip[6] = 0x40; /* don't fragment */
	ip[8] = 64;   /* ttl */
	ip[9] = 17;   /* UDP */
	memcpy(ip + 12, (unsigned char[]){10, 0, 0, 1}, 4);
	memcpy(ip + 16, (unsigned char[]){10, 1, 0, 1}, 4);
	put16(ip + 10, ip_checksum(ip, 20));
	put16(udp, 1234);
	put16(udp + 2, 4321);
	put16(udp + 4, (uint16_t)(ip_len - 20));
	/* UDP checksum 0: none, valid for IPv4 */
}
