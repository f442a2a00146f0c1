/*
 * sock-gen.h - the conventional-API baseline: the same transmit and receive
 * jobs as pkt-gen, through the kernel's own packet socket interfaces
 * (AF_PACKET with sendto, sendmmsg, a PACKET_MMAP TX_RING with
 * PACKET_QDISC_BYPASS, recvfrom, recvmmsg, a PACKET_MMAP RX_RING).
 */
#ifndef SG_SOCK_GEN_H
#define SG_SOCK_GEN_H

#include <stddef.h>
#include <stdint.h>

#define SG_MIN_LEN 42 /* Ethernet + IPv4 + UDP headers */
#define SG_MAX_LEN 9014
#define SG_MAX_BATCH 1024

struct sg_conf {
	const char *ifname;
	const struct sg_method *method;
	uint64_t count;	    /* packets to move; rx: 0 = until idle */
	unsigned int len;   /* frame length without CRC */
	unsigned int batch; /* packets per system call */
	int json;
};

struct sg_result {
	uint64_t packets;
	uint64_t bytes;
	uint64_t calls;	  /* system calls made to move them */
	uint64_t retries; /* calls refused for lack of room (ENOBUFS) */
	uint64_t start_ns, end_ns; /* first and last packet moved */
	int qdisc_bypass;
	int interrupted;
};

struct sg_method {
	const char *name;
	int tx;
	unsigned int default_batch;
	/* 0, or -1 with err filled in (one line, no trailing newline) */
	int (*run)(const struct sg_conf *c, int ifindex, struct sg_result *r,
		   char *err, size_t errlen);
};

extern const struct sg_method sg_methods[];
const struct sg_method *sg_method_find(const char *name);

uint64_t sg_now_ns(void);
void sg_count(struct sg_result *r, uint64_t packets, uint64_t bytes);
int sg_stopping(void);
void sg_signals_init(void);
int sg_fail(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The UDP/IPv4 broadcast frame pkt-gen sends by default, len bytes. */
void sg_frame_build(unsigned char *buf, unsigned int len);

/* An AF_PACKET raw socket bound to ifindex (rx: all protocols). */
int sg_socket_open(int ifindex, int rx, char *err, size_t errlen);

int sg_tx_sendto(const struct sg_conf *c, int ifindex, struct sg_result *r,
		 char *err, size_t errlen);
int sg_tx_sendmmsg(const struct sg_conf *c, int ifindex, struct sg_result *r,
		   char *err, size_t errlen);
int sg_tx_ring(const struct sg_conf *c, int ifindex, struct sg_result *r,
	       char *err, size_t errlen);
int sg_rx_recvfrom(const struct sg_conf *c, int ifindex, struct sg_result *r,
		   char *err, size_t errlen);
int sg_rx_recvmmsg(const struct sg_conf *c, int ifindex, struct sg_result *r,
		   char *err, size_t errlen);
int sg_rx_ring(const struct sg_conf *c, int ifindex, struct sg_result *r,
	       char *err, size_t errlen);

int sg_options_parse(int argc, char **argv, struct sg_conf *c, char *err,
		     size_t errlen);
void sg_report(const struct sg_conf *c, const struct sg_result *r);

#endif /* SG_SOCK_GEN_H */
