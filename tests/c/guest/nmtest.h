/*
 * nmtest.h - what the guest test clients share: opening and registering a
 * port, mapping its region, and reporting checks.
 *
 * Every program prints key=value lines; a failed check prints
 *	FAIL: what, expected X got Y
 * and counts against the exit status (nmt_exit_status()). Calls that can
 * fail return 0 or a negative errno, so a check can compare errnos
 * directly and print their names.
 */
#ifndef NMTEST_H
#define NMTEST_H

#include <stddef.h>
#include <stdint.h>

#include <net/netmap.h>
#include <net/netmap_user.h>

/* Defaults of the global allocator (module parameters). */
#define NMT_IF_TOTAL 100
#define NMT_IF_SIZE 1024
#define NMT_RING_TOTAL 200
#define NMT_RING_SIZE 36864
#define NMT_BUF_TOTAL 163840
#define NMT_BUF_SIZE 2048
#define NMT_PIPE_SLOTS 1024
#define NMT_MEM_ID 1

extern unsigned int nmt_failures;

void nmt_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Die: print FAIL and exit 1 right away (for setup steps). */
void nmt_die(const char *fmt, ...)
	__attribute__((format(printf, 1, 2), noreturn));
int nmt_check(const char *what, long long expected, long long got);
/* ret is 0 or -errno; expected is a positive errno or 0. */
int nmt_check_err(const char *what, int expected, int ret);
const char *nmt_errname(int err);
/* 0 if no check failed, else 1; prints failures=N. */
int nmt_exit_status(void);

/* /dev/netmap, or die. */
int nmt_open(void);

void nmt_hdr_init(struct nmreq_header *hdr, const char *name, uint16_t reqtype,
		  void *body);
/* NIOCCTRL: 0 or -errno. */
int nmt_ctrl(int fd, struct nmreq_header *hdr);
void nmt_reg_init(struct nmreq_register *reg, uint32_t mode, uint16_t ringid,
		  uint64_t flags);
int nmt_register(int fd, const char *name, struct nmreq_register *reg);
int nmt_pools_info(int fd, uint16_t mem_id, struct nmreq_pools_info *pi);

/* One registered and mapped file descriptor. */
struct nmt_port {
	int fd;
	char *mem;
	size_t memsize;
	struct nmreq_register reg;
	struct netmap_if *nifp;
	struct netmap_ring *tx; /* first bound tx ring, or NULL */
	struct netmap_ring *rx; /* first bound rx ring, or NULL */
};

/* open + REGISTER(mode, flags) + mmap: 0 or -errno, p->fd -1 on error. */
int nmt_port_open(struct nmt_port *p, const char *name, uint32_t mode,
		  uint64_t flags);
int nmt_port_open_ex(struct nmt_port *p, const char *name,
		     struct nmreq_register *reg);
void nmt_port_close(struct nmt_port *p);
/* Die unless the port opens with ALL_NIC. */
void nmt_port_must_open(struct nmt_port *p, const char *name, uint64_t flags);

/* True if [buf, buf + len) lies in the mapped region. */
int nmt_in_region(const struct nmt_port *p, const void *buf, size_t len);

/* ioctl sync: 0 or -errno. */
int nmt_txsync(int fd);
int nmt_rxsync(int fd);
/* poll one fd for events: revents, 0 on timeout, -errno on error. */
int nmt_poll(int fd, short events, int timeout_ms);

/* Seconds on CLOCK_MONOTONIC. */
double nmt_now(void);

/* Kill this process if its parent dies, so no child outlives a test. */
void nmt_die_with_parent(void);

#endif /* NMTEST_H */
