/*
 * test_port_open.c - the library's error paths that need no module: a
 * malformed name fails before any system call, a missing /dev/netmap is
 * reported with its errno, and closing a port that never opened is safe.
 * (Opening real ports is tested in the guest, by tests/guest/test_pktgen.py.)
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "nmport.h"

static int failures;

#define CHECK(cond, ...)                              \
	do {                                          \
		if (!(cond)) {                        \
			printf("FAIL: " __VA_ARGS__); \
			putchar('\n');                \
			failures++;                   \
		}                                     \
	} while (0)

int main(void)
{
	struct nmport_error err;
	struct nmport port, clone;
	int ret;

	ret = nmport_open("netmap:eth0-", &port, &err);
	CHECK(ret == -EINVAL, "malformed name: ret %d", ret);
	CHECK(port.fd == -1, "malformed name left fd %d", port.fd);
	CHECK(strstr(err.msg, "at character 13"), "message '%s'", err.msg);
	nmport_close(&port);
	nmport_close(&port);

	if (access("/dev/netmap", F_OK) == 0) {
		printf("SKIP: /dev/netmap exists here, missing-device case "
		       "not tested\n");
	} else {
		ret = nmport_open("netmap:x{1", &port, &err);
		CHECK(ret == -ENOENT, "no device: ret %d", ret);
		CHECK(strstr(err.msg, "/dev/netmap"), "message '%s'", err.msg);
		CHECK(port.fd == -1 && !port.mem, "no device: port not clean");
		nmport_close(&port);
	}

	memset(&port, 0, sizeof(port));
	port.fd = -1;
	port.reg.nr_tx_rings = port.reg.nr_rx_rings = 1;
	strcpy(port.spec.name, "x{1");
	ret = nmport_clone_ring(&port, 1, &clone, &err);
	CHECK(ret == -EINVAL, "clone of ring 1 of 1: ret %d", ret);
	CHECK(strstr(err.msg, "x{1 has no ring 1"), "message '%s'", err.msg);
	nmport_close(&clone);

	CHECK(!strcmp(nmport_mode_name(NR_REG_ONE_NIC), "one-nic"),
	      "mode name");
	CHECK(!strcmp(nmport_mode_name(99), "unknown"), "unknown mode name");
	printf("failures=%d\n", failures);
	return failures ? 1 : 0;
}
