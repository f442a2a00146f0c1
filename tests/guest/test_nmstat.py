"""nmstat and the module's statistics family in the guest: ring counters
equal exactly what pkt-gen moved, over a pipe and over a veth pair; an rx
ring nobody syncs fills up and counts every frame it had to drop; the
streamed deltas add up to the totals; pools match sysfs; every output is
valid against tests/schemas/nmstat.schema.json; and without the module
nmstat says so in one line.

    guest
    ┌───────────────────────────────────────────────────────────────────┐
    │ nm_hold -n (keeps each port registered after pkt-gen has gone)    │
    │                                                                   │
    │ pkt-gen -f tx ── netmap:NAME{1 ══ pipe ══ netmap:NAME}1 ── -f rx  │
    │                                                                   │
    │ pkt-gen -f tx ── netmap:nsvA ── veth ── netmap:nsvB ── -f rx      │
    │                  (generic)                (generic; or nm_hold,   │
    │                                            never syncing: drops)  │
    │                                                                   │
    │ nmstat ── generic netlink "netmap" ── netmap.ko                   │
    │        └─ rtnetlink link statistics of nsvA, nsvB                 │
    └───────────────────────────────────────────────────────────────────┘
"""
import json
import math
import os
import re

import pytest

from nmvm_rig.paths import PROJECT_DIR, build_dir

SCHEMA = os.path.join(PROJECT_DIR, "tests", "schemas", "nmstat.schema.json")
LONG = 900


def tool(*parts):
    return os.path.join(build_dir(), *parts)


NMSTAT = tool("tools", "nmstat", "nmstat")
PKTGEN = tool("tools", "pkt-gen", "pkt-gen")
HOLD = tool("tests", "c", "guest", "nm_hold")


@pytest.fixture(scope="module")
def schema():
    import jsonschema  # python3-jsonschema, from scripts/install-deps
    with open(SCHEMA) as f:
        s = json.load(f)
    jsonschema.Draft202012Validator.check_schema(s)
    return lambda doc: jsonschema.validate(doc, s)


def sections(out):
    """Split '==name==' marked output into {name: text}."""
    parts = re.split(r"^==(\w+)==$\n?", out, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2]))


def run(vm, script, timeout=LONG):
    status, out = vm.run("set -e\n" + script, timeout=timeout)
    assert status == 0, out
    return sections(out)


def hold(names, null=True):
    """Shell lines starting nm_hold on names in the background ($hold)."""
    return ("%s %s %s > /tmp/ns.hold 2>&1 & hold=$!\n"
            "for i in $(seq 100); do grep -q ready /tmp/ns.hold && break; "
            "sleep 0.1; done; grep -q ready /tmp/ns.hold\n"
            % (HOLD, "-n" if null else "",
               " ".join("'%s'" % n for n in names)))


def unhold():
    """The shell reports the kill after ==end==, out of every section."""
    return "echo ==end==; kill $hold; wait $hold || true\n"


def traffic(rx_port, tx_port, n, length=60):
    """rx in the background, then tx; both must exit 0."""
    return ("%s -i '%s' -f rx -n %d > /tmp/ns.rx 2>&1 & rx=$!\nsleep 0.5\n"
            "%s -i '%s' -f tx -n %d -l %d > /tmp/ns.tx 2>&1\n"
            "wait $rx\n" % (PKTGEN, rx_port, n, PKTGEN, tx_port, n, length))


def snapshot(name, args=""):
    return "echo ==%s==; %s %s\n" % (name, NMSTAT, args)


def port(doc, name):
    found = [p for p in doc["ports"] if p["name"] == name]
    assert len(found) == 1, (name, [p["name"] for p in doc["ports"]])
    return found[0]


def ring(p, direction, index=0):
    found = [r for r in p["rings"]
             if r["dir"] == direction and r["index"] == index]
    assert len(found) == 1, p
    return found[0]


def test_pipe_counters_equal_what_pkt_gen_moved(vm, schema):
    n, length = 123457, 100
    out = run(vm, hold(["nsp{1", "nsp}1"]) + traffic(
        "netmap:nsp}1", "netmap:nsp{1", n, length)
        + snapshot("all") + snapshot("one", "-p 'netmap:nsp{1'")
        + snapshot("table", "-t") + unhold())
    doc = json.loads(out["all"])
    schema(doc)
    master, slave = port(doc, "nsp{1"), port(doc, "nsp}1")
    for p in (master, slave):
        assert p["kind"] == "pipe" and p["link"] is None, p
        assert p["users"] == 1 and len(p["binds"]) == 1, p
        assert p["binds"][0]["mode"] == "NULL", p
        assert (p["tx_rings"], p["rx_rings"]) == (1, 1), p
    tx, rx = ring(master, "tx"), ring(slave, "rx")
    assert (tx["packets"], tx["bytes"]) == (n, n * length), tx
    assert (rx["packets"], rx["bytes"]) == (n, n * length), rx
    assert ring(master, "rx")["packets"] == 0
    assert ring(slave, "tx")["packets"] == 0
    for r in (tx, rx):
        assert r["syncs"] > 0, r
        assert r["batch"] == pytest.approx(r["packets"] / r["syncs"]), r
        assert r["drops"] == {"full": 0, "oversize": 0, "nobuf": 0}, r
    assert master["totals"]["tx"]["packets"] == n
    # The transmitter's ring is drained: user space owns all but one slot.
    assert tx["user_slots"] == tx["slots"] - 1, tx
    one = json.loads(out["one"])
    schema(one)
    assert [p["name"] for p in one["ports"]] == ["nsp{1"]
    assert re.search(r"^nsp\{1\s+tx0\s+%d\s+%d\s" % (n, n * length),
                     out["table"], re.M), out["table"]
    assert re.search(r"^\s+kind  pipe, mem 1, 1 bound$", out["table"],
                     re.M), out["table"]


def veth(vm, a, b):
    """A fresh veth pair without IPv6, so the stack sends nothing on it."""
    vm.check("ip link del %s 2>/dev/null; "
             "ip link add name %s type veth peer name %s && "
             "for d in %s %s; do sysctl -qw net.ipv6.conf.$d.disable_ipv6=1;"
             " ip link set $d up; done" % (a, a, b, a, b), timeout=120)


def pktgen_summary(out, verb):
    m = re.search(r"^%s (\d+) packets (\d+) bytes" % verb, out, re.M)
    assert m, out
    return int(m.group(1)), int(m.group(2))


def link_delta(before, after, name):
    """Link counters of port name, from one snapshot to the next (the
    link may have counted frames before it entered netmap mode)."""
    a, b = port(before, name)["link"], port(after, name)["link"]
    return {k: b[k] - a[k] for k in b if k.startswith(("rx_", "tx_"))}


def test_veth_counters_equal_what_pkt_gen_moved(vm, schema):
    """veth has no flow control: a receiver that falls behind loses frames
    (its ring full, or the kernel's backlog), so the receiver runs until
    the traffic stops (pkt-gen rx without -n) and every frame is
    accounted for exactly."""
    n = 20000
    veth(vm, "nsva", "nsvb")
    try:
        out = run(vm, hold(["nsva", "nsvb"]) + snapshot("before")
                  + "%s -i netmap:nsvb -f rx -w 0 > /tmp/ns.rx 2>&1 & "
                    "rx=$!\nsleep 0.5\n"
                    "%s -i netmap:nsva -f tx -n %d -w 0 > /tmp/ns.tx 2>&1\n"
                    "wait $rx\n"
                    "echo ==rx==; cat /tmp/ns.rx; echo ==tx==; cat /tmp/ns.tx\n"
                    % (PKTGEN, PKTGEN, n)
                  + snapshot("all") + unhold())
    finally:
        vm.run("ip link del nsva", timeout=120)
    assert pktgen_summary(out["tx"], "Sent") == (n, n * 60), out["tx"]
    received, received_bytes = pktgen_summary(out["rx"], "Received")
    doc = json.loads(out["all"])
    schema(doc)
    a, b = port(doc, "nsva"), port(doc, "nsvb")
    assert a["kind"] == b["kind"] == "generic"
    tx, rx = ring(a, "tx"), ring(b, "rx")
    assert (tx["packets"], tx["bytes"]) == (n, n * 60), tx
    assert (rx["packets"], rx["bytes"]) == (received, received_bytes), rx
    assert a["totals"]["tx"]["packets"] == n, a["totals"]
    assert b["totals"]["rx"]["packets"] == received, b["totals"]
    # The kernel's own link counters beside the rings: veth either passes
    # a frame on or counts it dropped; what it passed on reached the ring
    # or was dropped by it.
    before = json.loads(out["before"])
    la, lb = link_delta(before, doc, "nsva"), link_delta(before, doc, "nsvb")
    assert a["link"]["ifindex"] != b["link"]["ifindex"]
    assert la["tx_packets"] + la["tx_dropped"] == n, la
    assert lb["rx_packets"] == la["tx_packets"], (la, lb)
    assert rx["packets"] + sum(rx["drops"].values()) == la["tx_packets"], \
        (rx, la)


def test_rx_ring_nobody_syncs_counts_its_drops(vm, schema):
    """The receiver registers and sleeps: its one rx ring fills (all slots
    but one) and every later frame is counted as dropped, ring full."""
    n = 5000
    veth(vm, "nsda", "nsdb")
    try:
        out = run(vm, hold(["nsda", "nsdb"], null=False)
                  + snapshot("before") + "%s -i netmap:nsda -f tx -n %d -w 0 > /tmp/ns.tx 2>&1\n"
                  % (PKTGEN, n) + snapshot("all") + unhold())
    finally:
        vm.run("ip link del nsda", timeout=120)
    doc = json.loads(out["all"])
    schema(doc)
    a, b = port(doc, "nsda"), port(doc, "nsdb")
    assert a["totals"]["tx"]["packets"] == n
    assert b["rx_rings"] == 1, b
    rx = ring(b, "rx")
    assert rx["syncs"] == 0, rx
    assert rx["packets"] == rx["slots"] - 1, rx
    assert rx["drops"]["full"] > 0, rx
    # Every frame sent is in the ring, dropped by it, or dropped by veth
    # before it (the link's own counters).
    la = link_delta(json.loads(out["before"]), doc, "nsda")
    assert la["tx_packets"] + la["tx_dropped"] == n, la
    assert rx["packets"] + sum(rx["drops"].values()) == la["tx_packets"], \
        (rx, la)
    assert b["totals"]["rx"]["drops"] == sum(rx["drops"].values())


def check_interval(doc):
    """Rates are the deltas over the interval's seconds."""
    secs = doc["seconds"]
    for p in doc["ports"]:
        for r in p["rings"] + list(p["totals"].values()):
            d, rate = r["delta"], r["rate"]
            assert math.isclose(rate["pps"] * secs, d["packets"],
                                rel_tol=1e-6, abs_tol=1e-6), r
            assert math.isclose(rate["bps"] * secs, d["bytes"] * 8,
                                rel_tol=1e-6, abs_tol=1e-6), r
            assert math.isclose(rate["syncs_per_s"] * secs, d["syncs"],
                                rel_tol=1e-6, abs_tol=1e-6), r
            batch = d["packets"] / d["syncs"] if d["syncs"] else 0
            assert math.isclose(rate["batch"], batch, rel_tol=1e-9), r
        for d in ("tx", "rx"):
            total = p["totals"][d]["delta"]
            rings = [r["delta"] for r in p["rings"] if r["dir"] == d]
            for k in ("packets", "bytes", "syncs", "drops"):
                assert total[k] == sum(r[k] for r in rings), (d, k, p)


def test_streamed_deltas_add_up_to_the_counts(vm, schema):
    n, length = 300000, 64
    out = run(vm, hold(["nss{1", "nss}1"])
              + "%s -i 0.3 -p 'nss{1' -p 'netmap:nss}1' > /tmp/ns.stream & "
                "st=$!\nsleep 1\n" % NMSTAT
              + traffic("netmap:nss}1", "netmap:nss{1", n, length)
              + "sleep 1\nkill -INT $st\nwait $st\n"
              + snapshot("after", "-p 'nss{1'")
              + "echo ==stream==; cat /tmp/ns.stream\n" + unhold())
    lines = out["stream"].splitlines()
    assert len(lines) >= 3, out["stream"]
    docs = [json.loads(line) for line in lines]
    sent = received = 0
    for doc in docs:
        schema(doc)
        assert doc["type"] == "interval"
        assert sorted(p["name"] for p in doc["ports"]) == ["nss{1", "nss}1"]
        check_interval(doc)
        sent += ring(port(doc, "nss{1"), "tx")["delta"]["packets"]
        received += ring(port(doc, "nss}1"), "rx")["delta"]["packets"]
    assert sent == received == n, (sent, received)
    # The deltas run from the sample before the first interval to the last.
    first = ring(port(docs[0], "nss{1"), "tx")
    last = ring(port(docs[-1], "nss{1"), "tx")
    assert (last["packets"] - first["packets"] + first["delta"]["packets"]
            == n), (first, last)
    after = json.loads(out["after"])
    schema(after)
    assert ring(port(after, "nss{1"), "tx")["packets"] == n
    assert ring(port(after, "nss{1"), "tx")["bytes"] == n * length


def test_pools_match_sysfs(vm, schema):
    out = run(vm, hold(["nsm{1"]) + snapshot("all")
              + "echo ==sysfs==; cat /sys/class/misc/netmap/pools\n"
              + unhold())
    doc = json.loads(out["all"])
    schema(doc)
    assert len(doc["mems"]) == 1
    mem = doc["mems"][0]
    assert mem["id"] == 1 and mem["users"] >= 1
    sysfs = {}
    for line in out["sysfs"].splitlines():
        f = line.split()
        if f[0] == "users":
            assert int(f[1]) == mem["users"]
        else:
            sysfs[f[0]] = tuple(int(x) for x in f[1:])
    for p in mem["pools"]:
        assert sysfs[p["name"]] == (p["total"], p["free"], p["objsize"]), p
        assert p["in_use"] == p["total"] - p["free"], p
    # A pipe's four rings are in use, each with its slots' buffers.
    pools = {p["name"]: p for p in mem["pools"]}
    assert pools["ring"]["in_use"] >= 4


def test_counting_can_be_switched_off(vm, schema):
    """The module parameter behind the statistics-cost benchmark."""
    param = "/sys/module/netmap/parameters/stats"
    try:
        out = run(vm, "echo N > %s\n" % param + hold(["nso{1", "nso}1"])
                  + traffic("netmap:nso}1", "netmap:nso{1", 1000)
                  + snapshot("off") + "echo Y > %s\n" % param
                  + traffic("netmap:nso}1", "netmap:nso{1", 1000)
                  + snapshot("on") + unhold())
    finally:
        vm.run("echo Y > %s" % param)
    off, on = json.loads(out["off"]), json.loads(out["on"])
    schema(off)
    schema(on)
    tx_off = ring(port(off, "nso{1"), "tx")
    assert (tx_off["packets"], tx_off["syncs"]) == (0, 0), tx_off
    assert ring(port(on, "nso{1"), "tx")["packets"] == 1000


def test_empty_when_nothing_is_registered(vm, schema):
    status, out = vm.run(NMSTAT, timeout=120)
    assert status == 0, out
    doc = json.loads(out)
    schema(doc)
    assert doc["type"] == "snapshot"
    assert doc["ports"] == []


@pytest.mark.parametrize("args,message", [
    ([], "the netmap module is not loaded (no generic netlink family "
         "\"netmap\")"),
    (["-i", "1", "-c", "2"], "the netmap module is not loaded"),
])
def test_module_absent_is_one_line_and_exit_1(vm, args, message):
    vm.unload_module()
    try:
        status, out = vm.run("%s %s 2>&1 >/dev/null" % (NMSTAT, " ".join(args)),
                             timeout=120)
    finally:
        vm.load_module()
    assert status == 1, out
    assert len(out.strip().splitlines()) == 1, out
    assert out.startswith("nmstat: ") and message in out, out


def test_unknown_port_is_an_error(vm):
    status, out = vm.run("%s -p 'netmap:nsnone{7' 2>&1 >/dev/null" % NMSTAT,
                         timeout=120)
    assert status == 1, out
    assert out.strip() == ("nmstat: -p nsnone{7: no such netmap port "
                           "(none has it registered)"), out
