/*
 * rx_socket.c - receive through an AF_PACKET socket: one recvfrom() per
 * packet, or recvmmsg() taking up to a batch per call. A receiver ends
 * after -n packets, on a signal, or one second after traffic stops.
 */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "sock-gen.h"

#define IDLE_NS 1000000000ULL
#define FRAME_MAX 65536

/* A blocking call returns within 100 ms so idleness and signals are seen. */
static int rx_open(int ifindex, char *err, size_t errlen)
{
	struct timeval tv = {.tv_sec = 0, .tv_usec = 100000};
	int fd = sg_socket_open(ifindex, 1, err, errlen);

	if (fd >= 0 &&
	    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) < 0) {
		close(fd);
		return sg_fail(err, errlen, "SO_RCVTIMEO: %s", strerror(errno));
	}
	return fd;
}

static int rx_done(const struct sg_conf *c, const struct sg_result *r)
{
	if (sg_stopping())
		return 1;
	if (c->count && r->packets >= c->count)
		return 1;
	return r->packets && sg_now_ns() - r->end_ns > IDLE_NS;
}

static int rx_error(const struct sg_conf *c, const char *call, char *err,
		    size_t errlen)
{
	if (errno == EAGAIN || errno == EINTR)
		return 0;
	return sg_fail(err, errlen, "%s on %s: %s", call, c->ifname,
		       strerror(errno));
}

int sg_rx_recvfrom(const struct sg_conf *c, int ifindex, struct sg_result *r,
		   char *err, size_t errlen)
{
	static unsigned char buf[FRAME_MAX];
	int fd, ret = 0;
	ssize_t n;

	fd = rx_open(ifindex, err, errlen);
	if (fd < 0)
		return -1;
	while (!rx_done(c, r)) {
		r->calls++;
		n = recvfrom(fd, buf, sizeof(buf), MSG_TRUNC, NULL, NULL);
		if (n >= 0)
			sg_count(r, 1, (uint64_t)n);
		else if ((ret = rx_error(c, "recvfrom", err, errlen)))
			break;
	}
	close(fd);
	return ret;
}

int sg_rx_recvmmsg(const struct sg_conf *c, int ifindex, struct sg_result *r,
		   char *err, size_t errlen)
{
	static unsigned char bufs[SG_MAX_BATCH][2048];
	static struct mmsghdr msgs[SG_MAX_BATCH];
	static struct iovec iovs[SG_MAX_BATCH];
	unsigned int i, want;
	uint64_t bytes;
	int fd, n, ret = 0;

	fd = rx_open(ifindex, err, errlen);
	if (fd < 0)
		return -1;
	for (i = 0; i < c->batch; i++) {
		iovs[i].iov_base = bufs[i];
		iovs[i].iov_len = sizeof(bufs[i]);
		msgs[i].msg_hdr.msg_iov = &iovs[i];
		msgs[i].msg_hdr.msg_iovlen = 1;
	}
	while (!rx_done(c, r)) {
		want = c->batch;
		if (c->count && c->count - r->packets < want)
			want = (unsigned int)(c->count - r->packets);
		r->calls++;
		n = recvmmsg(fd, msgs, want, MSG_WAITFORONE | MSG_TRUNC, NULL);
		if (n > 0) {
			for (bytes = 0, i = 0; i < (unsigned int)n; i++)
				bytes += msgs[i].msg_len;
			sg_count(r, (uint64_t)n, bytes);
		} else if (n < 0 &&
			   (ret = rx_error(c, "recvmmsg", err, errlen))) {
			break;
		}
	}
	close(fd);
	return ret;
}
