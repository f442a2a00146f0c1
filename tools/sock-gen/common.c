/*
 * common.c - the method table, the clock, counting, signals and the
 * packet socket every method starts from.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "sock-gen.h"

const struct sg_method sg_methods[] = {
	{"sendto", 1, 1, sg_tx_sendto},
	{"sendmmsg", 1, 64, sg_tx_sendmmsg},
	{"txring", 1, 512, sg_tx_ring},
	{"recvfrom", 0, 1, sg_rx_recvfrom},
	{"recvmmsg", 0, 64, sg_rx_recvmmsg},
	{"rxring", 0, 512, sg_rx_ring},
	{NULL, 0, 0, NULL},
};

const struct sg_method *sg_method_find(const char *name)
{
	const struct sg_method *m;

	for (m = sg_methods; m->name; m++)
		if (!strcmp(m->name, name))
			return m;
	return NULL;
}

uint64_t sg_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

/* Once per batch, never per packet. */
void sg_count(struct sg_result *r, uint64_t packets, uint64_t bytes)
{
	uint64_t now = sg_now_ns();

	if (!r->start_ns) /* tx methods set it before their first call */
		r->start_ns = now;
	r->end_ns = now;
	r->packets += packets;
	r->bytes += bytes;
}

static volatile sig_atomic_t stopping;

static void on_signal(int sig)
{
	(void)sig;
	stopping = 1;
}

int sg_stopping(void)
{
	return stopping;
}

void sg_signals_init(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal; /* no SA_RESTART: blocked calls return */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

int sg_fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

int sg_socket_open(int ifindex, int rx, char *err, size_t errlen)
{
	/* tx sockets bind protocol 0: they must not receive a copy of the
	 * traffic they send, which would cost the sender for nothing */
	int proto = rx ? htons(ETH_P_ALL) : 0, fd, one = 1;
	struct sockaddr_ll sll;

	fd = socket(AF_PACKET, SOCK_RAW, proto);
	if (fd < 0)
		return sg_fail(err, errlen, "AF_PACKET socket: %s",
			       strerror(errno));
	if (rx && setsockopt(fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one,
			     sizeof(one)) < 0) {
		sg_fail(err, errlen, "PACKET_IGNORE_OUTGOING: %s",
			strerror(errno));
		goto err_close;
	}
	memset(&sll, 0, sizeof(sll));
	sll.sll_family = AF_PACKET;
	sll.sll_protocol = (unsigned short)proto;
	sll.sll_ifindex = ifindex;
	if (bind(fd, (struct sockaddr *)&sll, sizeof(sll)) < 0) {
		sg_fail(err, errlen, "bind to interface %d: %s", ifindex,
			strerror(errno));
		goto err_close;
	}
	return fd;

err_close:
	close(fd);
	return -1;
}
