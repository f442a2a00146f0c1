/*
 * tx_socket.c - transmit through an AF_PACKET socket: one sendto() per
 * packet, or sendmmsg() with a batch of packets per call. The frame is
 * built once; every message points at it, as a program that had its data
 * ready would. Packets the qdisc refuses (ENOBUFS) are sent again: the
 * count is of packets the kernel took.
 */
#include <errno.h>
#include <linux/if_packet.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "sock-gen.h"

static int refused(int e)
{
	return e == ENOBUFS || e == EAGAIN;
}

int sg_tx_sendto(const struct sg_conf *c, int ifindex, struct sg_result *r,
		 char *err, size_t errlen)
{
	unsigned char frame[SG_MAX_LEN];
	struct sockaddr_ll to;
	int fd, ret = 0;

	fd = sg_socket_open(ifindex, 0, err, errlen);
	if (fd < 0)
		return -1;
	sg_frame_build(frame, c->len);
	memset(&to, 0, sizeof(to));
	to.sll_family = AF_PACKET;
	to.sll_ifindex = ifindex;
	to.sll_halen = 6;
	memset(to.sll_addr, 0xff, 6);
	r->start_ns = sg_now_ns();
	while (r->packets < c->count && !sg_stopping()) {
		r->calls++;
		if (sendto(fd, frame, c->len, 0, (struct sockaddr *)&to,
			   sizeof(to)) == (ssize_t)c->len) {
			sg_count(r, 1, c->len);
		} else if (refused(errno) || errno == EINTR) {
			r->retries++;
		} else {
			ret = sg_fail(err, errlen, "sendto on %s: %s",
				      c->ifname, strerror(errno));
			break;
		}
	}
	close(fd);
	return ret;
}

int sg_tx_sendmmsg(const struct sg_conf *c, int ifindex, struct sg_result *r,
		   char *err, size_t errlen)
{
	static struct mmsghdr msgs[SG_MAX_BATCH];
	unsigned char frame[SG_MAX_LEN];
	struct iovec iov;
	unsigned int i, want;
	int fd, n, ret = 0;

	fd = sg_socket_open(ifindex, 0, err, errlen);
	if (fd < 0)
		return -1;
	sg_frame_build(frame, c->len);
	iov.iov_base = frame;
	iov.iov_len = c->len;
	memset(msgs, 0, sizeof(msgs));
	for (i = 0; i < c->batch; i++) {
		msgs[i].msg_hdr.msg_iov = &iov;
		msgs[i].msg_hdr.msg_iovlen = 1;
	}
	r->start_ns = sg_now_ns();
	while (r->packets < c->count && !sg_stopping()) {
		want = c->batch;
		if (c->count - r->packets < want)
			want = (unsigned int)(c->count - r->packets);
		r->calls++;
		n = sendmmsg(fd, msgs, want, 0);
		if (n > 0) {
			sg_count(r, (uint64_t)n, (uint64_t)n * c->len);
		} else if (n == 0 || refused(errno) || errno == EINTR) {
			r->retries++;
		} else {
			ret = sg_fail(err, errlen, "sendmmsg on %s: %s",
				      c->ifname, strerror(errno));
			break;
		}
	}
	close(fd);
	return ret;
}
