/*
 * sock-gen: the conventional-API baseline for pkt-gen. Moves -n frames of
 * -l bytes through one of the kernel's packet socket interfaces and
 * reports packets, seconds and packets per second, as text or JSON.
 */
#include <net/if.h>
#include <stdio.h>
#include <string.h>

#include "sock-gen.h"

int main(int argc, char **argv)
{
	struct sg_result r;
	struct sg_conf c;
	char err[256];
	unsigned int ifindex;
	int ret;

	memset(&c, 0, sizeof(c));
	memset(&r, 0, sizeof(r));
	ret = sg_options_parse(argc, argv, &c, err, sizeof(err));
	if (ret)
		goto out;
	ifindex = if_nametoindex(c.ifname);
	if (!ifindex) {
		ret = sg_fail(err, sizeof(err), "%s: no such interface",
			      c.ifname);
		goto out;
	}
	sg_signals_init();
	ret = c.method->run(&c, (int)ifindex, &r, err, sizeof(err));
	r.interrupted = sg_stopping();
	if (!ret)
		sg_report(&c, &r);
out:
	if (ret < 0)
		fprintf(stderr, "sock-gen: %s\n", err);
	return ret < 0 ? 1 : 0;
}
