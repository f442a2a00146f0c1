/*
 * nm_ringclient - the benchmark's second client: drives a port's rings
 * the way upstream netmap's pkt-gen does, through the raw API and
 * nothing else of ours, so the module is measured against a program
 * written for upstream netmap.
 *
 *	nm_ringclient -i NAME -f tx|rx -n COUNT [-b BATCH] [-l LEN]
 *
 * tx: a frame is built once in every tx buffer; then poll(POLLOUT), fill
 * up to BATCH slots leaving each buffer's frame in place (rebuilt only
 * when the kernel flagged the slot NS_BUF_CHANGED), advance head and cur;
 * until COUNT frames are handed over, then one NIOCTXSYNC. rx: poll
 * (POLLIN), count and release up to BATCH frames of what arrived, until
 * COUNT frames. Prints
 * packets= seconds= pps= (CLOCK_MONOTONIC, from the first frame).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <net/netmap.h>
#include <net/netmap_user.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void die(const char *what)
{
	fprintf(stderr, "nm_ringclient: %s: %s\n", what, strerror(errno));
	exit(1);
}

/* A broadcast frame of an experimental EtherType. */
static void build(char *buf, unsigned int len)
{
	memset(buf, 0xff, 6);
	memcpy(buf + 6, "\x02\x00\x00\x00\x00\x02\x88\xb5", 8);
	memset(buf + 14, 0x5a, len - 14);
}

int main(int argc, char **argv)
{
	const char *name = NULL, *mode = "tx";
	unsigned long count = 1000000, done = 0;
	unsigned int batch = 512, len = 60, i, r;
	struct nmreq_register reg;
	struct nmreq_header hdr;
	struct netmap_if *nifp;
	double start = 0, end;
	int fd, c, tx;
	char *mem;

	while ((c = getopt(argc, argv, "i:f:n:b:l:")) != -1) {
		switch (c) {
		case 'i':
			name = optarg;
			break;
		case 'f':
			mode = optarg;
			break;
		case 'n':
			count = strtoul(optarg, NULL, 0);
			break;
		case 'b':
			batch = atoi(optarg);
			break;
		case 'l':
			len = atoi(optarg);
			break;
		default:
			return 2;
		}
	}
	tx = !strcmp(mode, "tx");
	if (!name || (!tx && strcmp(mode, "rx")) || !batch || len < 60 ||
	    len > 2048) {
		fprintf(stderr,
			"usage: nm_ringclient -i NAME -f tx|rx -n COUNT "
			"[-b BATCH] [-l LEN]\n");
		return 2;
	}
	fd = open("/dev/netmap", O_RDWR);
	if (fd < 0)
		die("open /dev/netmap");
	memset(&hdr, 0, sizeof(hdr));
	memset(&reg, 0, sizeof(reg));
	hdr.nr_version = NETMAP_API;
	hdr.nr_reqtype = NETMAP_REQ_REGISTER;
	snprintf(hdr.nr_name, sizeof(hdr.nr_name), "%s", name);
	hdr.nr_body = (uintptr_t)&reg;
	reg.nr_mode = NR_REG_ALL_NIC;
	if (ioctl(fd, NIOCCTRL, &hdr))
		die("NIOCCTRL REGISTER");
	mem = mmap(NULL, reg.nr_memsize, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
		   0);
	if (mem == MAP_FAILED)
		die("mmap");
	nifp = NETMAP_IF(mem, reg.nr_offset);
	if (tx)
		for (r = 0; r < nifp->ni_tx_rings; r++) {
			struct netmap_ring *ring = NETMAP_TXRING(nifp, r);

			for (i = 0; i < ring->num_slots; i++)
				build(NETMAP_BUF(ring, ring->slot[i].buf_idx),
				      len);
		}

	while (done < count) {
		struct pollfd pfd = {.fd = fd, .events = tx ? POLLOUT : POLLIN};

		if (poll(&pfd, 1, 2000) <= 0) {
			if (!tx && start)
				break; /* the sender is gone */
			continue;
		}
		for (r = 0; r < (tx ? nifp->ni_tx_rings : nifp->ni_rx_rings);
		     r++) {
			struct netmap_ring *ring = tx ? NETMAP_TXRING(nifp, r)
						      : NETMAP_RXRING(nifp, r);
			unsigned int n = nm_ring_space(ring), cur = ring->cur;

			if (!start && (tx || n))
				start = now();
			if (n > batch)
				n = batch;
			if (n > count - done)
				n = count - done;
			if (tx) {
				for (i = 0; i < n; i++) {
					struct netmap_slot *s =
						&ring->slot[cur];

					if (s->flags & NS_BUF_CHANGED) {
						build(NETMAP_BUF(ring,
								 s->buf_idx),
						      len);
						s->flags = 0;
					}
					s->len = len;
					cur = nm_ring_next(ring, cur);
				}
			} else {
				cur = (cur + n) % ring->num_slots;
			}
			ring->head = ring->cur = cur;
			done += n;
		}
	}
	if (tx)
		ioctl(fd, NIOCTXSYNC, NULL);
	else
		ioctl(fd, NIOCRXSYNC, NULL);
	end = now();
	printf("packets=%lu seconds=%.6f pps=%.0f\n", done, end - start,
	       end > start ? done / (end - start) : 0);
	return 0;
}
