/*
 * tx_ring.c - transmit through a PACKET_MMAP TX_RING (TPACKET_V2) with
 * PACKET_QDISC_BYPASS: the kernel's closest relative of netmap. Frames are
 * filled in a ring shared with the kernel, then one send() transmits the
 * whole batch and, being blocking, returns once every frame of it is free
 * again. A frame the driver refuses (ENOBUFS) stays marked for sending and
 * goes out with the next send().
 */
#include <errno.h>
#include <linux/if_packet.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include "sock-gen.h"

#define RING_FRAMES 1024u /* >= SG_MAX_BATCH: a batch always fits */

struct tx_ring {
	unsigned char *map;
	size_t map_len;
	unsigned int frame_size;
	unsigned int data_off; /* from a frame to its packet data */
};

static struct tpacket2_hdr *frame_at(struct tx_ring *t, unsigned int i)
{
	return (struct tpacket2_hdr *)(t->map + (size_t)i * t->frame_size);
}

static int ring_setup(struct tx_ring *t, int fd, unsigned int len, char *err,
		      size_t errlen)
{
	int version = TPACKET_V2, one = 1;
	struct tpacket_req req;
	unsigned int i;

	/* without PACKET_TX_HAS_OFF the data sits right after the header */
	t->data_off = TPACKET2_HDRLEN - sizeof(struct sockaddr_ll);
	t->frame_size = (t->data_off + len + 2047) & ~2047u;
	memset(&req, 0, sizeof(req));
	req.tp_frame_size = t->frame_size;
	req.tp_block_size = 2 * t->frame_size; /* a multiple of a page */
	req.tp_frame_nr = RING_FRAMES;
	req.tp_block_nr = RING_FRAMES / 2;
	if (setsockopt(fd, SOL_PACKET, PACKET_VERSION, &version,
		       sizeof(version)) < 0 ||
	    setsockopt(fd, SOL_PACKET, PACKET_QDISC_BYPASS, &one, sizeof(one)) <
		    0 ||
	    setsockopt(fd, SOL_PACKET, PACKET_TX_RING, &req, sizeof(req)) < 0)
		return sg_fail(err, errlen, "PACKET_TX_RING setup: %s",
			       strerror(errno));
	t->map_len = (size_t)req.tp_block_size * req.tp_block_nr;
	t->map = mmap(NULL, t->map_len, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
		      0);
	if (t->map == MAP_FAILED)
		return sg_fail(err, errlen, "mmap of the TX_RING: %s",
			       strerror(errno));
	/* the frame never changes: write it into every slot once */
	for (i = 0; i < RING_FRAMES; i++)
		sg_frame_build((unsigned char *)frame_at(t, i) + t->data_off,
			       len);
	return 0;
}

/* Mark up to want frames from *idx for sending; return how many. */
static unsigned int ring_fill(struct tx_ring *t, unsigned int *idx,
			      unsigned int want, unsigned int len)
{
	unsigned int n;

	for (n = 0; n < want; n++) {
		struct tpacket2_hdr *h = frame_at(t, *idx);

		if (__atomic_load_n(&h->tp_status, __ATOMIC_ACQUIRE) !=
		    TP_STATUS_AVAILABLE)
			break;
		h->tp_len = len;
		__atomic_store_n(&h->tp_status, TP_STATUS_SEND_REQUEST,
				 __ATOMIC_RELEASE);
		*idx = (*idx + 1) % RING_FRAMES;
	}
	return n;
}

int sg_tx_ring(const struct sg_conf *c, int ifindex, struct sg_result *r,
	       char *err, size_t errlen)
{
	struct tx_ring t = {.map = MAP_FAILED};
	unsigned int idx = 0, pending = 0, want;
	int fd, ret;

	fd = sg_socket_open(ifindex, 0, err, errlen);
	if (fd < 0)
		return -1;
	ret = ring_setup(&t, fd, c->len, err, errlen);
	if (ret)
		goto out;
	r->qdisc_bypass = 1;
	r->start_ns = sg_now_ns();
	while ((pending || r->packets < c->count) && !sg_stopping()) {
		if (!pending) {
			want = c->batch;
			if (c->count - r->packets < want)
				want = (unsigned int)(c->count - r->packets);
			pending = ring_fill(&t, &idx, want, c->len);
			if (!pending) {
				ret = sg_fail(err, errlen,
					      "TX_RING frame %u "
					      "still owned by the kernel",
					      idx);
				break;
			}
		}
		r->calls++;
		if (send(fd, NULL, 0, 0) >= 0) {
			sg_count(r, pending, (uint64_t)pending * c->len);
			pending = 0;
		} else if (errno == ENOBUFS || errno == EAGAIN ||
			   errno == EINTR) {
			r->retries++;
		} else {
			ret = sg_fail(err, errlen,
				      "send on the TX_RING of %s: "
				      "%s",
				      c->ifname, strerror(errno));
			break;
		}
	}
out:
	if (t.map != MAP_FAILED)
		munmap(t.map, t.map_len);
	close(fd);
	return ret;
}
