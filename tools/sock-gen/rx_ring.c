/*
 * rx_ring.c - receive through a PACKET_MMAP RX_RING (TPACKET_V2): the
 * kernel copies each frame into a ring shared with us; poll() sleeps until
 * one is there; a frame is handed back by setting its status to
 * TP_STATUS_KERNEL. Frames the kernel found no room for are its drops,
 * not ours to count.
 */
#include <errno.h>
#include <linux/if_packet.h>
#include <poll.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include "sock-gen.h"

#define RING_FRAMES 4096u
#define FRAME_SIZE 2048u
#define IDLE_NS 1000000000ULL

static unsigned char *ring_map(int fd, size_t *len, char *err, size_t errlen)
{
	int version = TPACKET_V2;
	struct tpacket_req req = {
		.tp_block_size = 2 * FRAME_SIZE,
		.tp_block_nr = RING_FRAMES / 2,
		.tp_frame_size = FRAME_SIZE,
		.tp_frame_nr = RING_FRAMES,
	};
	void *map;

	if (setsockopt(fd, SOL_PACKET, PACKET_VERSION, &version,
		       sizeof(version)) < 0 ||
	    setsockopt(fd, SOL_PACKET, PACKET_RX_RING, &req, sizeof(req)) < 0) {
		sg_fail(err, errlen, "PACKET_RX_RING setup: %s",
			strerror(errno));
		return NULL;
	}
	*len = (size_t)req.tp_block_size * req.tp_block_nr;
	map = mmap(NULL, *len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (map == MAP_FAILED) {
		sg_fail(err, errlen, "mmap of the RX_RING: %s",
			strerror(errno));
		return NULL;
	}
	return map;
}

int sg_rx_ring(const struct sg_conf *c, int ifindex, struct sg_result *r,
	       char *err, size_t errlen)
{
	unsigned int idx = 0, n;
	struct pollfd pfd;
	unsigned char *map;
	uint64_t bytes;
	size_t len;
	int fd, ret = 0;

	fd = sg_socket_open(ifindex, 1, err, errlen);
	if (fd < 0)
		return -1;
	map = ring_map(fd, &len, err, errlen);
	if (!map) {
		close(fd);
		return -1;
	}
	pfd.fd = fd;
	pfd.events = POLLIN;
	while (!sg_stopping() && !(c->count && r->packets >= c->count)) {
		for (n = 0, bytes = 0; n < c->batch; n++) {
			struct tpacket2_hdr *h =
				(struct tpacket2_hdr *)(map +
							(size_t)idx *
								FRAME_SIZE);

			if (c->count && r->packets + n >= c->count)
				break;
			if (!(__atomic_load_n(&h->tp_status, __ATOMIC_ACQUIRE) &
			      TP_STATUS_USER))
				break;
			bytes += h->tp_len;
			__atomic_store_n(&h->tp_status, TP_STATUS_KERNEL,
					 __ATOMIC_RELEASE);
			idx = (idx + 1) % RING_FRAMES;
		}
		if (n) {
			sg_count(r, n, bytes);
			continue;
		}
		if (r->packets && sg_now_ns() - r->end_ns > IDLE_NS)
			break;
		r->calls++;
		if (poll(&pfd, 1, 100) < 0 && errno != EINTR) {
			ret = sg_fail(err, errlen, "poll on %s: %s", c->ifname,
				      strerror(errno));
			break;
		}
	}
	munmap(map, len);
	close(fd);
	return ret;
}
