/*
 * test_port_parse.c - every port-name form of lib/nmport.h, valid and
 * malformed, against the spec it must produce or the error it must give
 * (message and character position).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "nmport.h"

static int failures;

#define FAIL(...)                             \
	do {                                  \
		printf("FAIL: " __VA_ARGS__); \
		putchar('\n');                \
		failures++;                   \
	} while (0)

struct valid {
	const char *str;
	const char *name;
	enum nmport_kind kind;
	uint32_t pipe, mode;
	uint16_t ringid;
	uint64_t flags;
	uint16_t mem_id;
	int has_conf;
	struct nmport_conf conf;
};

static const struct valid valid[] = {
	{"netmap:eth0", "eth0", NMPORT_NIC, 0, NR_REG_ALL_NIC, 0, 0, 0, 0, {0}},
	{"netmap:veth-a",
	 "veth-a",
	 NMPORT_NIC,
	 0,
	 NR_REG_ALL_NIC,
	 0,
	 0,
	 0,
	 0,
	 {0}},
	{"netmap:enp0s3.100",
	 "enp0s3.100",
	 NMPORT_NIC,
	 0,
	 NR_REG_ALL_NIC,
	 0,
	 0,
	 0,
	 0,
	 {0}},
	{"netmap:eth0-3",
	 "eth0",
	 NMPORT_NIC,
	 0,
	 NR_REG_ONE_NIC,
	 3,
	 0,
	 0,
	 0,
	 {0}},
	{"netmap:eth0-4095",
	 "eth0",
	 NMPORT_NIC,
	 0,
	 NR_REG_ONE_NIC,
	 4095,
	 0,
	 0,
	 0,
	 {0}},
	{"netmap:eth0^", "eth0", NMPORT_NIC, 0, NR_REG_SW, 0, 0, 0, 0, {0}},
	{"netmap:eth0^1",
	 "eth0",
	 NMPORT_NIC,
	 0,
	 NR_REG_ONE_SW,
	 1,
	 0,
	 0,
	 0,
	 {0}},
	{"netmap:eth0*", "eth0", NMPORT_NIC, 0, NR_REG_NIC_SW, 0, 0, 0, 0, {0}},
	{"netmap:eth0/x",
	 "eth0",
	 NMPORT_NIC,
	 0,
	 NR_REG_ALL_NIC,
	 0,
	 NR_EXCLUSIVE,
	 0,
	 0,
	 {0}},
	{"netmap:eth0/z",
	 "eth0",
	 NMPORT_NIC,
	 0,
	 NR_REG_ALL_NIC,
	 0,
	 NR_ZCOPY_MON,
	 0,
	 0,
	 {0}},
	{"netmap:eth0/tr",
	 "eth0",
	 NMPORT_NIC,
	 0,
	 NR_REG_ALL_NIC,
	 0,
	 NR_MONITOR_TX | NR_MONITOR_RX,
	 0,
	 0,
	 {0}},
	{"netmap:eth0/R",
	 "eth0",
	 NMPORT_NIC,
	 0,
	 NR_REG_ALL_NIC,
	 0,
	 NR_RX_RINGS_ONLY,
	 0,
	 0,
	 {0}},
	{"netmap:eth0-1/Tx",
	 "eth0",
	 NMPORT_NIC,
	 0,
	 NR_REG_ONE_NIC,
	 1,
	 NR_TX_RINGS_ONLY | NR_EXCLUSIVE,
	 0,
	 0,
	 {0}},
	{"netmap:eth0@2",
	 "eth0",
	 NMPORT_NIC,
	 0,
	 NR_REG_ALL_NIC,
	 0,
	 0,
	 2,
	 0,
	 {0}},
	{"netmap:eth0*/x@7",
	 "eth0",
	 NMPORT_NIC,
	 0,
	 NR_REG_NIC_SW,
	 0,
	 NR_EXCLUSIVE,
	 7,
	 0,
	 {0}},
	{"netmap:eth0@conf:rings=4,slots=1024",
	 "eth0",
	 NMPORT_NIC,
	 0,
	 NR_REG_ALL_NIC,
	 0,
	 0,
	 0,
	 1,
	 {.tx_rings = 4, .rx_rings = 4, .tx_slots = 1024, .rx_slots = 1024}},
	{"netmap:eth0@conf:tx-rings=2,rx-slots=256,host-rings=1",
	 "eth0",
	 NMPORT_NIC,
	 0,
	 NR_REG_ALL_NIC,
	 0,
	 0,
	 0,
	 1,
	 {.tx_rings = 2,
	  .rx_slots = 256,
	  .host_tx_rings = 1,
	  .host_rx_rings = 1}},
	{"netmap:eth0@3@conf:rx-rings=2",
	 "eth0",
	 NMPORT_NIC,
	 0,
	 NR_REG_ALL_NIC,
	 0,
	 0,
	 3,
	 1,
	 {.rx_rings = 2}},
	{"netmap:eth0@conf:tx-slots=100000@5",
	 "eth0",
	 NMPORT_NIC,
	 0,
	 NR_REG_ALL_NIC,
	 0,
	 0,
	 5,
	 1,
	 {.tx_slots = 100000}},
	{"netmap:x{1",
	 "x{1",
	 NMPORT_PIPE_MASTER,
	 1,
	 NR_REG_ALL_NIC,
	 0,
	 0,
	 0,
	 0,
	 {0}},
	{"netmap:x}1",
	 "x}1",
	 NMPORT_PIPE_SLAVE,
	 1,
	 NR_REG_ALL_NIC,
	 0,
	 0,
	 0,
	 0,
	 {0}},
	{"netmap:pipe_a{63/x",
	 "pipe_a{63",
	 NMPORT_PIPE_MASTER,
	 63,
	 NR_REG_ALL_NIC,
	 0,
	 NR_EXCLUSIVE,
	 0,
	 0,
	 {0}},
	{"netmap:x}0-0",
	 "x}0",
	 NMPORT_PIPE_SLAVE,
	 0,
	 NR_REG_ONE_NIC,
	 0,
	 0,
	 0,
	 0,
	 {0}},
	{"vale0:p", "vale0:p", NMPORT_VALE, 0, NR_REG_ALL_NIC, 0, 0, 0, 0, {0}},
	{"valeA_b:port1",
	 "valeA_b:port1",
	 NMPORT_VALE,
	 0,
	 NR_REG_ALL_NIC,
	 0,
	 0,
	 0,
	 0,
	 {0}},
	{"vale1:v0-2/T@4",
	 "vale1:v0",
	 NMPORT_VALE,
	 0,
	 NR_REG_ONE_NIC,
	 2,
	 NR_TX_RINGS_ONLY,
	 4,
	 0,
	 {0}},
	{"vale0:p{2",
	 "vale0:p{2",
	 NMPORT_VALE,
	 2,
	 NR_REG_ALL_NIC,
	 0,
	 0,
	 0,
	 0,
	 {0}},
};

struct malformed {
	const char *str;
	const char *msg; /* a substring of the error */
	int pos;	 /* 1-based character */
};

static const struct malformed malformed[] = {
	{"", "empty port name", 0},
	{"eth0", "expected 'netmap:' or 'valeX:'", 1},
	{"netmap", "expected 'netmap:' or 'valeX:'", 1},
	{"netmap:", "expected an interface name after 'netmap:'", 8},
	{"netmap:/x", "expected an interface name", 8},
	{"netmap:eth0-", "expected a ring number after '-'", 13},
	{"netmap:eth0--1", "expected a ring number after '-', found '-'", 13},
	{"netmap:eth0-4096", "out of range 0-4095", 13},
	{"netmap:eth0-1x", "unexpected 'x' in the port name", 14},
	{"netmap:eth0^x", "unexpected 'x'", 13},
	{"netmap:eth0^99999", "out of range", 13},
	{"netmap:eth0*1", "unexpected '1'", 13},
	{"netmap:eth0!", "unexpected '!'", 12},
	{"netmap:eth0 ", "unexpected ' '", 12},
	{"netmap:eth0/", "expected flags after '/'", 13},
	{"netmap:eth0/q", "unknown flag 'q'", 13},
	{"netmap:eth0/xq", "unknown flag 'q'", 14},
	{"netmap:eth0/RT", "flags R and T exclude each other", 12},
	{"netmap:eth0@", "unknown option '@'", 13},
	{"netmap:eth0@0", "memory id 0 out of range 1-65535", 13},
	{"netmap:eth0@70000", "out of range", 13},
	{"netmap:eth0@1@2", "memory id given twice", 14},
	{"netmap:eth0@1x", "unexpected 'x' after @ option", 14},
	{"netmap:eth0@extmem:/f", "unknown option '@extmem'", 13},
	{"netmap:eth0@conf:", "expected KEY=VALUE", 18},
	{"netmap:eth0@conf:rings", "expected '=' after 'rings'", 23},
	{"netmap:eth0@conf:rings=", "expected a number", 24},
	{"netmap:eth0@conf:rings=0", "out of range", 24},
	{"netmap:eth0@conf:rings=70000", "out of range 1-65535", 24},
	{"netmap:eth0@conf:bogus=1", "unknown @conf key 'bogus'", 18},
	{"netmap:eth0@conf:rings=1,", "expected KEY=VALUE", 26},
	{"netmap:eth0@conf:rings=1;", "unexpected ';' after @ option", 25},
	{"netmap:eth0@conf:rings=1@conf:slots=2", "@conf given twice", 25},
	{"netmap:x{", "expected a pipe number", 10},
	{"netmap:x}y", "expected a pipe number", 10},
	{"netmap:x{99999", "out of range", 10},
	{"netmap:x{1{2", "unexpected '{'", 11},
	{"vale0", "expected ':' after the switch name", 6},
	{"vale0:", "expected a port name after ':'", 7},
	{"vale0:p:q", "unexpected ':'", 8},
	{"netmap:"
	 "a123456789012345678901234567890123456789012345678901234567890123",
	 "at most 63 fit", 8},
};

static void check_valid(const struct valid *v)
{
	struct nmport_error err;
	struct nmport_spec s;
	int ret = nmport_parse(v->str, &s, &err);

	if (ret) {
		FAIL("'%s': rejected: %s", v->str, err.msg);
		return;
	}
	if (strcmp(s.name, v->name))
		FAIL("'%s': name '%s', expected '%s'", v->str, s.name, v->name);
	if (s.kind != v->kind || s.pipe != v->pipe)
		FAIL("'%s': kind %d pipe %u, expected %d %u", v->str, s.kind,
		     s.pipe, v->kind, v->pipe);
	if (s.mode != v->mode || s.ringid != v->ringid)
		FAIL("'%s': mode %u ring %u, expected %u %u", v->str, s.mode,
		     s.ringid, v->mode, v->ringid);
	if (s.flags != v->flags)
		FAIL("'%s': flags %#llx, expected %#llx", v->str,
		     (unsigned long long)s.flags, (unsigned long long)v->flags);
	if (s.mem_id != v->mem_id)
		FAIL("'%s': mem_id %u, expected %u", v->str, s.mem_id,
		     v->mem_id);
	if (s.has_conf != v->has_conf ||
	    memcmp(&s.conf, &v->conf, sizeof(s.conf)))
		FAIL("'%s': @conf differs (rings %u/%u host %u/%u slots %u/%u)",
		     v->str, s.conf.tx_rings, s.conf.rx_rings,
		     s.conf.host_tx_rings, s.conf.host_rx_rings,
		     s.conf.tx_slots, s.conf.rx_slots);
}

static void check_malformed(const struct malformed *m)
{
	struct nmport_error err;
	struct nmport_spec s;
	int ret = nmport_parse(m->str, &s, &err);

	if (ret != -EINVAL) {
		FAIL("'%s': accepted (ret %d), expected '%s'", m->str, ret,
		     m->msg);
		return;
	}
	if (!strstr(err.msg, m->msg))
		FAIL("'%s': error '%s', expected '%s'", m->str, err.msg,
		     m->msg);
	if (err.pos != m->pos)
		FAIL("'%s': error at %d, expected %d (%s)", m->str, err.pos,
		     m->pos, err.msg);
	if (m->pos && !strstr(err.msg, "at character"))
		FAIL("'%s': error '%s' does not say where", m->str, err.msg);
}

int main(void)
{
	struct nmport_spec s;
	size_t i;

	for (i = 0; i < sizeof(valid) / sizeof(valid[0]); i++)
		check_valid(&valid[i]);
	for (i = 0; i < sizeof(malformed) / sizeof(malformed[0]); i++)
		check_malformed(&malformed[i]);
	if (nmport_parse(NULL, &s, NULL) != -EINVAL)
		FAIL("NULL name accepted");
	if (nmport_parse("netmap:", &s, NULL) != -EINVAL)
		FAIL("NULL error pointer: malformed name accepted");
	printf("valid=%zu malformed=%zu failures=%d\n",
	       sizeof(valid) / sizeof(valid[0]),
	       sizeof(malformed) / sizeof(malformed[0]), failures);
	return failures ? 1 : 0;
}
