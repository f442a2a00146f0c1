/*
 * nmport_parse.c - port names into struct nmport_spec.
 *
 * A hand-written scanner over one string: each step consumes one part of
 * the grammar in nmport.h and, when the text does not fit, names what it
 * expected and the 1-based character where it stopped.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "nmport.h"

struct scan {
	const char *str; /* the whole name, for positions */
	const char *p;	 /* next character */
	struct nmport_error *err;
};

static int scan_fail(struct scan *s, const char *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int scan_fail(struct scan *s, const char *at, const char *fmt, ...)
{
	char what[NMPORT_ERR_LEN - 32];
	va_list ap;
	int pos = (int)(at - s->str) + 1;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (s->err) {
		s->err->pos = pos;
		snprintf(s->err->msg, sizeof(s->err->msg), "%s at character %d",
			 what, pos);
	}
	return -EINVAL;
}

/* How to show character c in a message. */
static const char *show(char c, char buf[8])
{
	if (c == '\0')
		return "end of name";
	if (isprint((unsigned char)c))
		snprintf(buf, 8, "'%c'", c);
	else
		snprintf(buf, 8, "\\x%02x", (unsigned char)c);
	return buf;
}

/*
 * Interface and VALE names: letters, digits, '_', '.', and '-' when a
 * letter follows it ("veth-a"): a '-' before a digit starts a ring number.
 */
static int name_char(const char *p)
{
	unsigned char c = (unsigned char)*p;

	if (isalnum(c) || c == '_' || c == '.')
		return 1;
	return c == '-' && (isalpha((unsigned char)p[1]) || p[1] == '_');
}

static const char *skip_name(const char *p)
{
	while (name_char(p))
		p++;
	return p;
}

/* A decimal number in [min, max]; what names it in messages. */
static int scan_uint(struct scan *s, unsigned long min, unsigned long max,
		     const char *what, unsigned long *out)
{
	const char *start = s->p;
	unsigned long v = 0;
	char b[8];

	if (!isdigit((unsigned char)*s->p))
		return scan_fail(s, s->p, "expected %s, found %s", what,
				 show(*s->p, b));
	while (isdigit((unsigned char)*s->p)) {
		v = v * 10 + (unsigned long)(*s->p - '0');
		if (v > max)
			break;
		s->p++;
	}
	if (v > max || v < min) {
		while (isdigit((unsigned char)*s->p))
			s->p++;
		return scan_fail(s, start, "%s %.*s out of range %lu-%lu", what,
				 (int)(s->p - start), start, min, max);
	}
	*out = v;
	return 0;
}

/* netmap:NAME or valeX:Y, then an optional pipe suffix {N or }N. */
static int scan_name(struct scan *s, struct nmport_spec *spec)
{
	const char *start, *end;
	unsigned long n;
	char b[8];
	int err;

	if (!strncmp(s->p, "netmap:", 7)) {
		s->p += 7;
		start = s->p;
		spec->kind = NMPORT_NIC;
		s->p = skip_name(s->p);
		if (s->p == start)
			return scan_fail(s, s->p,
					 "expected an interface name "
					 "after 'netmap:', found %s",
					 show(*s->p, b));
	} else if (!strncmp(s->p, "vale", 4)) {
		start = s->p;
		spec->kind = NMPORT_VALE;
		s->p = skip_name(s->p + 4);
		if (*s->p != ':')
			return scan_fail(s, s->p,
					 "expected ':' after the "
					 "switch name, found %s",
					 show(*s->p, b));
		end = ++s->p;
		s->p = skip_name(s->p);
		if (s->p == end)
			return scan_fail(s, s->p,
					 "expected a port name after "
					 "':', found %s",
					 show(*s->p, b));
	} else {
		return scan_fail(s, s->p, "expected 'netmap:' or 'valeX:'");
	}
	if (*s->p == '{' || *s->p == '}') {
		if (spec->kind == NMPORT_NIC)
			spec->kind = *s->p == '{' ? NMPORT_PIPE_MASTER
						  : NMPORT_PIPE_SLAVE;
		s->p++;
		err = scan_uint(s, 0, 65535, "a pipe number", &n);
		if (err)
			return err;
		spec->pipe = (uint32_t)n;
	}
	if ((size_t)(s->p - start) >= sizeof(spec->name))
		return scan_fail(s, start,
				 "name is %d characters long, at "
				 "most %zu fit",
				 (int)(s->p - start), sizeof(spec->name) - 1);
	memcpy(spec->name, start, (size_t)(s->p - start));
	spec->name[s->p - start] = '\0';
	return 0;
}

/* -N, ^, ^N, * or nothing. */
static int scan_rings(struct scan *s, struct nmport_spec *spec)
{
	unsigned long n;
	int err;

	spec->mode = NR_REG_ALL_NIC;
	switch (*s->p) {
	case '-':
		s->p++;
		err = scan_uint(s, 0, NETMAP_RING_MASK,
				"a ring number after '-'", &n);
		if (err)
			return err;
		spec->mode = NR_REG_ONE_NIC;
		spec->ringid = (uint16_t)n;
		break;
	case '^':
		s->p++;
		spec->mode = NR_REG_SW;
		if (isdigit((unsigned char)*s->p)) {
			err = scan_uint(s, 0, NETMAP_RING_MASK,
					"a host ring number", &n);
			if (err)
				return err;
			spec->mode = NR_REG_ONE_SW;
			spec->ringid = (uint16_t)n;
		}
		break;
	case '*':
		s->p++;
		spec->mode = NR_REG_NIC_SW;
		break;
	}
	return 0;
}

static const struct {
	char c;
	uint64_t flag;
} port_flags[] = {
	{'x', NR_EXCLUSIVE},  {'z', NR_ZCOPY_MON},     {'t', NR_MONITOR_TX},
	{'r', NR_MONITOR_RX}, {'R', NR_RX_RINGS_ONLY}, {'T', NR_TX_RINGS_ONLY},
};

/* /FLAGS: one or more of x z t r R T. */
static int scan_flags(struct scan *s, struct nmport_spec *spec)
{
	const char *slash = s->p;
	char b[8];
	size_t i;

	if (*s->p != '/')
		return 0;
	for (s->p++; *s->p && *s->p != '@'; s->p++) {
		for (i = 0; i < sizeof(port_flags) / sizeof(port_flags[0]); i++)
			if (port_flags[i].c == *s->p)
				break;
		if (i == sizeof(port_flags) / sizeof(port_flags[0]))
			return scan_fail(s, s->p,
					 "unknown flag %s (flags are "
					 "x z t r R T)",
					 show(*s->p, b));
		spec->flags |= port_flags[i].flag;
	}
	if (s->p == slash + 1)
		return scan_fail(s, s->p, "expected flags after '/'");
	if ((spec->flags & NR_RX_RINGS_ONLY) &&
	    (spec->flags & NR_TX_RINGS_ONLY))
		return scan_fail(s, slash, "flags R and T exclude each other");
	return 0;
}

/* @conf keys; "rings", "host-rings" and "slots" set both directions. */
static const struct conf_key {
	const char *key;
	size_t field[2]; /* offsets into struct nmport_conf */
	int wide;	 /* uint32_t fields, else uint16_t */
} conf_keys[] = {
#define CONF_F(f) offsetof(struct nmport_conf, f)
	{"rings", {CONF_F(tx_rings), CONF_F(rx_rings)}, 0},
	{"tx-rings", {CONF_F(tx_rings), CONF_F(tx_rings)}, 0},
	{"rx-rings", {CONF_F(rx_rings), CONF_F(rx_rings)}, 0},
	{"host-rings", {CONF_F(host_tx_rings), CONF_F(host_rx_rings)}, 0},
	{"host-tx-rings", {CONF_F(host_tx_rings), CONF_F(host_tx_rings)}, 0},
	{"host-rx-rings", {CONF_F(host_rx_rings), CONF_F(host_rx_rings)}, 0},
	{"slots", {CONF_F(tx_slots), CONF_F(rx_slots)}, 1},
	{"tx-slots", {CONF_F(tx_slots), CONF_F(tx_slots)}, 1},
	{"rx-slots", {CONF_F(rx_slots), CONF_F(rx_slots)}, 1},
#undef CONF_F
};

static const struct conf_key *conf_lookup(const char *key, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(conf_keys) / sizeof(conf_keys[0]); i++)
		if (strlen(conf_keys[i].key) == len &&
		    !strncmp(conf_keys[i].key, key, len))
			return &conf_keys[i];
	return NULL;
}

/* conf:KEY=VAL[,KEY=VAL...], s->p just after "conf:". */
static int scan_conf(struct scan *s, struct nmport_spec *spec)
{
	spec->has_conf = 1;
	do {
		const char *key = s->p;
		const struct conf_key *k;
		unsigned long v;
		size_t len;
		int i, err;

		while (isalpha((unsigned char)*s->p) || *s->p == '-')
			s->p++;
		len = (size_t)(s->p - key);
		if (!len)
			return scan_fail(s, s->p,
					 "expected KEY=VALUE in "
					 "@conf:");
		k = conf_lookup(key, len);
		if (!k)
			return scan_fail(s, key,
					 "unknown @conf key '%.*s' "
					 "(keys: rings, tx-rings, rx-rings, "
					 "host-rings, host-tx-rings, "
					 "host-rx-rings, slots, tx-slots, "
					 "rx-slots)",
					 (int)len, key);
		if (*s->p != '=')
			return scan_fail(s, s->p, "expected '=' after '%.*s'",
					 (int)len, key);
		s->p++;
		err = scan_uint(s, 1, k->wide ? 0xffffffffUL : 0xffffUL,
				"a number", &v);
		if (err)
			return err;
		for (i = 0; i < 2; i++) {
			char *f = (char *)&spec->conf + k->field[i];

			if (k->wide)
				*(uint32_t *)(void *)f = (uint32_t)v;
			else
				*(uint16_t *)(void *)f = (uint16_t)v;
		}
	} while (*s->p == ',' && s->p++);
	return 0;
}

/* @N memory id and @conf:... options, in any order. */
static int scan_options(struct scan *s, struct nmport_spec *spec)
{
	unsigned long n;
	char b[8];
	int err;

	while (*s->p == '@') {
		const char *at = s->p++;

		if (isdigit((unsigned char)*s->p)) {
			if (spec->mem_id)
				return scan_fail(s, at,
						 "memory id given twice");
			err = scan_uint(s, 1, 65535, "memory id", &n);
			if (err)
				return err;
			spec->mem_id = (uint16_t)n;
		} else if (!strncmp(s->p, "conf:", 5)) {
			if (spec->has_conf)
				return scan_fail(s, at, "@conf given twice");
			s->p += 5;
			err = scan_conf(s, spec);
			if (err)
				return err;
		} else {
			const char *w = s->p;

			while (isalnum((unsigned char)*w))
				w++;
			return scan_fail(s, s->p,
					 "unknown option '@%.*s' "
					 "(known: @N memory id, @conf:)",
					 (int)(w - s->p), s->p);
		}
		if (*s->p && *s->p != '@')
			return scan_fail(s, s->p,
					 "unexpected %s after @ "
					 "option",
					 show(*s->p, b));
	}
	return 0;
}

int nmport_parse(const char *str, struct nmport_spec *spec,
		 struct nmport_error *err)
{
	struct scan s = {.str = str, .p = str, .err = err};
	char b[8];
	int ret;

	memset(spec, 0, sizeof(*spec));
	if (err) {
		err->msg[0] = '\0';
		err->pos = 0;
	}
	if (!str || !*str) {
		if (err)
			snprintf(err->msg, sizeof(err->msg), "empty port name");
		return -EINVAL;
	}
	ret = scan_name(&s, spec);
	if (!ret)
		ret = scan_rings(&s, spec);
	if (!ret && *s.p && *s.p != '/' && *s.p != '@')
		ret = scan_fail(&s, s.p, "unexpected %s in the port name",
				show(*s.p, b));
	if (!ret)
		ret = scan_flags(&s, spec);
	if (!ret)
		ret = scan_options(&s, spec);
	return ret;
}

const char *nmport_mode_name(uint32_t mode)
{
	static const char *const names[] = {
		[NR_REG_DEFAULT] = "default",
		[NR_REG_ALL_NIC] = "all-nic",
		[NR_REG_SW] = "host",
		[NR_REG_NIC_SW] = "nic+host",
		[NR_REG_ONE_NIC] = "one-nic",
		[NR_REG_PIPE_MASTER] = "pipe-master",
		[NR_REG_PIPE_SLAVE] = "pipe-slave",
		[NR_REG_NULL] = "null",
		[NR_REG_ONE_SW] = "one-host",
	};

	if (mode < sizeof(names) / sizeof(names[0]) && names[mode])
		return names[mode];
	return "unknown";
}
