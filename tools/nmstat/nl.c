/*
 * nl.c - read one sample from the "netmap" generic netlink family: a
 * dump of ports (a port may span several messages, see netmap_nl.h) and
 * a dump of memory regions.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>

#include <net/netmap_nl.h>

#include "nmstat.h"

struct ns_nl {
	struct nl_sock *sock;
	int family;
};

struct ns_parse {
	struct ns_sample *s;
	int err; /* -errno; stops the dump */
};

static uint64_t get_u64(struct nlattr **tb, int a)
{
	return tb[a] ? nla_get_u64(tb[a]) : 0;
}

static uint32_t get_u32(struct nlattr **tb, int a)
{
	return tb[a] ? nla_get_u32(tb[a]) : 0;
}

static uint16_t get_u16(struct nlattr **tb, int a)
{
	return tb[a] ? nla_get_u16(tb[a]) : 0;
}

static uint8_t get_u8(struct nlattr **tb, int a)
{
	return tb[a] ? nla_get_u8(tb[a]) : 0;
}

static void get_str(struct nlattr **tb, int a, char *buf, size_t len)
{
	snprintf(buf, len, "%s", tb[a] ? nla_get_string(tb[a]) : "");
}

/* Grow *arr by one zeroed element of size sz; NULL when out of memory. */
static void *append(void *arr_ptr, size_t *n, size_t sz)
{
	void **arr = arr_ptr;
	char *p = realloc(*arr, (*n + 1) * sz);

	if (!p)
		return NULL;
	*arr = p;
	memset(p + *n * sz, 0, sz);
	return p + (*n)++ * sz;
}

static int parse_ring(struct nlattr *nest, struct ns_port *port)
{
	struct nlattr *tb[NETMAP_NL_RING_A_MAX + 1];
	struct ns_ring *r;

	if (nla_parse_nested(tb, NETMAP_NL_RING_A_MAX, nest, NULL))
		return -EINVAL;
	r = append(&port->rings, &port->nrings, sizeof(*r));
	if (!r)
		return -ENOMEM;
	r->dir = get_u8(tb, NETMAP_NL_RING_A_DIR);
	r->host = get_u8(tb, NETMAP_NL_RING_A_HOST);
	r->index = get_u16(tb, NETMAP_NL_RING_A_INDEX);
	r->slots = get_u32(tb, NETMAP_NL_RING_A_SLOTS);
	r->users = get_u32(tb, NETMAP_NL_RING_A_USERS);
	r->head = get_u32(tb, NETMAP_NL_RING_A_HEAD);
	r->cur = get_u32(tb, NETMAP_NL_RING_A_CUR);
	r->tail = get_u32(tb, NETMAP_NL_RING_A_TAIL);
	r->hwcur = get_u32(tb, NETMAP_NL_RING_A_HWCUR);
	r->hwtail = get_u32(tb, NETMAP_NL_RING_A_HWTAIL);
	r->packets = get_u64(tb, NETMAP_NL_RING_A_PACKETS);
	r->bytes = get_u64(tb, NETMAP_NL_RING_A_BYTES);
	r->syncs = get_u64(tb, NETMAP_NL_RING_A_SYNCS);
	r->drops_full = get_u64(tb, NETMAP_NL_RING_A_DROPS_FULL);
	r->drops_oversize = get_u64(tb, NETMAP_NL_RING_A_DROPS_OVERSIZE);
	r->drops_nobuf = get_u64(tb, NETMAP_NL_RING_A_DROPS_NOBUF);
	return 0;
}

static int parse_bind(struct nlattr *nest, struct ns_port *port)
{
	struct nlattr *tb[NETMAP_NL_BIND_A_MAX + 1];
	struct ns_bind *b;

	if (nla_parse_nested(tb, NETMAP_NL_BIND_A_MAX, nest, NULL))
		return -EINVAL;
	b = append(&port->binds, &port->nbinds, sizeof(*b));
	if (!b)
		return -ENOMEM;
	b->pid = get_u32(tb, NETMAP_NL_BIND_A_PID);
	b->mode = get_u32(tb, NETMAP_NL_BIND_A_MODE);
	b->ringid = get_u16(tb, NETMAP_NL_BIND_A_RINGID);
	b->flags = get_u64(tb, NETMAP_NL_BIND_A_FLAGS);
	return 0;
}

static int parse_list(struct nlattr *list, struct ns_port *port,
		      int (*entry)(struct nlattr *, struct ns_port *))
{
	struct nlattr *pos;
	int rem, err;

	if (!list)
		return 0;
	nla_for_each_nested(pos, list, rem)
	{
		err = entry(pos, port);
		if (err)
			return err;
	}
	return 0;
}

/* The first message of a port carries its binds; the ones that continue
 * it (same name, no binds) carry only more rings. */
static struct ns_port *port_for(struct ns_sample *s, struct nlattr **tb)
{
	struct ns_port *p;
	char name[sizeof(p->name)];

	get_str(tb, NETMAP_NL_PORT_A_NAME, name, sizeof(name));
	if (!tb[NETMAP_NL_PORT_A_BINDS] && s->nports &&
	    !strcmp(s->ports[s->nports - 1].name, name))
		return &s->ports[s->nports - 1];
	p = append(&s->ports, &s->nports, sizeof(*p));
	if (!p)
		return NULL;
	snprintf(p->name, sizeof(p->name), "%s", name);
	get_str(tb, NETMAP_NL_PORT_A_KIND, p->kind, sizeof(p->kind));
	p->mem_id = get_u16(tb, NETMAP_NL_PORT_A_MEM_ID);
	p->users = get_u32(tb, NETMAP_NL_PORT_A_USERS);
	p->tx_rings = get_u16(tb, NETMAP_NL_PORT_A_TX_RINGS);
	p->rx_rings = get_u16(tb, NETMAP_NL_PORT_A_RX_RINGS);
	p->host_tx_rings = get_u16(tb, NETMAP_NL_PORT_A_HOST_TX_RINGS);
	p->host_rx_rings = get_u16(tb, NETMAP_NL_PORT_A_HOST_RX_RINGS);
	p->tx_slots = get_u32(tb, NETMAP_NL_PORT_A_TX_SLOTS);
	p->rx_slots = get_u32(tb, NETMAP_NL_PORT_A_RX_SLOTS);
	return p;
}

static int on_port(struct nl_msg *msg, void *arg)
{
	struct ns_parse *ctx = arg;
	struct nlattr *tb[NETMAP_NL_PORT_A_MAX + 1];
	struct ns_port *p;

	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, NETMAP_NL_PORT_A_MAX, NULL)) {
		ctx->err = -EINVAL;
		return NL_STOP;
	}
	p = port_for(ctx->s, tb);
	ctx->err = p ? 0 : -ENOMEM;
	if (!ctx->err)
		ctx->err =
			parse_list(tb[NETMAP_NL_PORT_A_BINDS], p, parse_bind);
	if (!ctx->err)
		ctx->err =
			parse_list(tb[NETMAP_NL_PORT_A_RINGS], p, parse_ring);
	return ctx->err ? NL_STOP : NL_OK;
}

static int parse_pool(struct nlattr *nest, struct ns_mem *m)
{
	struct nlattr *tb[NETMAP_NL_POOL_A_MAX + 1];
	struct ns_pool *p;

	if (m->npools == NS_MAX_POOLS ||
	    nla_parse_nested(tb, NETMAP_NL_POOL_A_MAX, nest, NULL))
		return -EINVAL;
	p = &m->pools[m->npools++];
	get_str(tb, NETMAP_NL_POOL_A_NAME, p->name, sizeof(p->name));
	p->objsize = get_u32(tb, NETMAP_NL_POOL_A_OBJSIZE);
	p->total = get_u32(tb, NETMAP_NL_POOL_A_TOTAL);
	p->free = get_u32(tb, NETMAP_NL_POOL_A_FREE);
	p->in_use = get_u32(tb, NETMAP_NL_POOL_A_IN_USE);
	return 0;
}

static int on_mem(struct nl_msg *msg, void *arg)
{
	struct ns_parse *ctx = arg;
	struct nlattr *tb[NETMAP_NL_MEM_A_MAX + 1], *pos;
	struct ns_mem *m;
	int rem;

	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, NETMAP_NL_MEM_A_MAX, NULL)) {
		ctx->err = -EINVAL;
		return NL_STOP;
	}
	m = append(&ctx->s->mems, &ctx->s->nmems, sizeof(*m));
	if (!m) {
		ctx->err = -ENOMEM;
		return NL_STOP;
	}
	m->id = get_u16(tb, NETMAP_NL_MEM_A_ID);
	m->size = get_u64(tb, NETMAP_NL_MEM_A_SIZE);
	m->users = get_u32(tb, NETMAP_NL_MEM_A_USERS);
	if (tb[NETMAP_NL_MEM_A_POOLS])
		nla_for_each_nested(
			pos, tb[NETMAP_NL_MEM_A_POOLS],
			rem) if ((ctx->err =
					  parse_pool(pos, m))) return NL_STOP;
	return NL_OK;
}

static int dump(struct ns_nl *nl, uint8_t cmd, nl_recvmsg_msg_cb_t cb,
		struct ns_parse *ctx)
{
	struct nl_msg *msg = nlmsg_alloc();
	int err;

	if (!msg)
		return -ENOMEM;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, nl->family, 0,
			 NLM_F_DUMP, cmd, NETMAP_NL_VERSION)) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	nl_socket_modify_cb(nl->sock, NL_CB_VALID, NL_CB_CUSTOM, cb, ctx);
	err = nl_send_auto(nl->sock, msg);
	nlmsg_free(msg);
	if (err < 0)
		return -EIO;
	err = nl_recvmsgs_default(nl->sock);
	if (ctx->err)
		return ctx->err;
	return err < 0 ? -EIO : 0;
}

int ns_nl_sample(struct ns_nl *nl, struct ns_sample *s, char *err,
		 size_t errlen)
{
	struct ns_parse ctx = {.s = s};
	struct timespec now;
	int rc;

	memset(s, 0, sizeof(*s));
	clock_gettime(CLOCK_MONOTONIC, &s->mono);
	clock_gettime(CLOCK_REALTIME, &now);
	s->time = now.tv_sec + now.tv_nsec / 1e9;
	rc = dump(nl, NETMAP_NL_CMD_GET_PORTS, on_port, &ctx);
	if (!rc)
		rc = dump(nl, NETMAP_NL_CMD_GET_MEMS, on_mem, &ctx);
	if (rc)
		snprintf(err, errlen, "reading netmap statistics: %s",
			 strerror(-rc));
	return rc;
}

/* Tell "module not loaded" from "module without the family". */
static void missing(char *err, size_t errlen)
{
	if (access("/sys/module/netmap", F_OK))
		snprintf(err, errlen,
			 "the netmap module is not loaded "
			 "(no generic netlink family \"%s\")",
			 NETMAP_NL_FAMILY);
	else
		snprintf(err, errlen,
			 "the loaded netmap module has no "
			 "generic netlink family \"%s\"",
			 NETMAP_NL_FAMILY);
}

struct ns_nl *ns_nl_open(char *err, size_t errlen)
{
	struct ns_nl *nl = calloc(1, sizeof(*nl));

	if (!nl || !(nl->sock = nl_socket_alloc())) {
		snprintf(err, errlen, "out of memory");
		free(nl);
		return NULL;
	}
	if (genl_connect(nl->sock)) {
		snprintf(err, errlen, "cannot open a generic netlink socket");
		goto err_free;
	}
	/* A port with many rings spans messages bigger than a page. */
	nl_socket_enable_msg_peek(nl->sock);
	nl->family = genl_ctrl_resolve(nl->sock, NETMAP_NL_FAMILY);
	if (nl->family < 0) {
		missing(err, errlen);
		goto err_free;
	}
	return nl;

err_free:
	nl_socket_free(nl->sock);
	free(nl);
	return NULL;
}

void ns_nl_close(struct ns_nl *nl)
{
	if (!nl)
		return;
	nl_socket_free(nl->sock);
	free(nl);
}

void ns_sample_free(struct ns_sample *s)
{
	size_t i;

	for (i = 0; i < s->nports; i++) {
		free(s->ports[i].rings);
		free(s->ports[i].binds);
	}
	free(s->ports);
	free(s->mems);
	memset(s, 0, sizeof(*s));
}

struct ns_port *ns_sample_port(const struct ns_sample *s, const char *name,
			       const char *kind)
{
	size_t i;

	for (i = 0; i < s->nports; i++)
		if (!strcmp(s->ports[i].name, name) &&
		    !strcmp(s->ports[i].kind, kind))
			return &s->ports[i];
	return NULL;
}
