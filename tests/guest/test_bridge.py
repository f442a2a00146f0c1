"""bridge in the guest: exact counts through pipes, veth pairs and the
two emulated e1000 wires, both directions at once, one thread per ring pair,
transparent mode carrying ping and TCP between two namespaces, reports on
SIGUSR1 and at exit (JSON against its schema), no netmap buffer left
behind, and clean errors.

    pipes:   pkt-gen tx ─ x{1 ═ x}1 ─┐          ┌─ y}1 ═ y{1 ─ pkt-gen rx
                                     └─ bridge ─┘
    veth:    pkt-gen ─ v0 ══ v1 ─ bridge ─ v2 ══ v3 ─ pkt-gen
    e1000:   pkt-gen ─ e1000-a ══ hub 0 ══ e1000-b ─ bridge ─ e1000-c ══ hub 2
                                                             ══ e1000-d ─ pkt-gen
             (both directions at once)
    transparent:
      netns brA                      netns brB
      10.77.0.1 tA ═══ veth ═══ tB ─ bridge ─ tB^ (host rings) ─ stack
      ping, TCP client                          10.77.0.2 TCP server

Senders through the generic adapter, which drops when a ring is full, go
in rounds: a burst of a few hundred frames at full speed, then a wait until
the receiver has counted them. A host that stalls the guest then delays the
traffic instead of overflowing a ring, so the counts are exact and the
bridge's own drop counters are 0 (a rate limit, pkt-gen -R, catches up
after a stall with a burst as long as the stall). Receivers run under
`timeout -s INT`, so a lost frame shows as a short count, not a hang.
"""
import json
import os
import re

import pytest

from conftest import nic_up
from nmvm_rig.paths import PROJECT_DIR, build_dir

SCHEMA = os.path.join(PROJECT_DIR, "tests", "schemas", "bridge.schema.json")
LONG = 900
# Through the generic adapter: COUNT frames in rounds of BURST (see
# forward()); a round fits every ring and socket backlog on the way.
COUNT, BURST = 10000, 400


def bridge_bin():
    return os.path.join(build_dir(), "tools", "bridge", "bridge")


def pktgen_bin():
    return os.path.join(build_dir(), "tools", "pkt-gen", "pkt-gen")


def q(args):
    return " ".join("'%s'" % a for a in args)


def json_lines(out):
    return [json.loads(line) for line in out.splitlines()
            if line.startswith("{")]


def check_schema(records):
    import jsonschema  # python3-jsonschema, from scripts/install-deps
    with open(SCHEMA) as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    for rec in records:
        jsonschema.validate(rec, schema)


def make_veths(vm, *pairs, queues=1):
    """veth pairs, up, without IPv6 (so no stray frames)."""
    qs = ("numtxqueues %d numrxqueues %d" % (queues, queues)
          if queues > 1 else "")
    cmds = []
    for a, b in pairs:
        cmds.append("ip link del %s 2>/dev/null; ip link add name %s %s "
                    "type veth peer name %s %s" % (a, a, qs, b, qs))
        for d in (a, b):
            cmds.append("sysctl -qw net.ipv6.conf.%s.disable_ipv6=1 && "
                        "ip link set %s up" % (d, d))
    status, out = vm.run(" && ".join(cmds), timeout=120)
    assert status == 0, out


def del_veths(vm, *names):
    vm.run("; ".join("ip link del %s 2>/dev/null" % n for n in names)
           + "; true", timeout=120)


# Shell helpers: what an rx pkt-gen (-T 100) has counted so far, and a
# wait until that reaches a number (60 s at most, then the count shows).
RX_PROGRESS = r"""
rxgot() {
    t=$(sed -n 's/^Received \([0-9]*\) packets.*/\1/p' $1)
    [ -n "$t" ] || t=$(grep -o '[0-9]* total' $1 | tail -1 | cut -d' ' -f1)
    echo ${t:-0}
}
waitrx() {
    i=0
    while [ $(rxgot $1) -lt $2 ] && [ $i -lt 600 ]; do
        i=$((i + 1)); sleep 0.1
    done
}
"""


def forward(vm, bridge_args, receivers, flows, burst=None, settle=1):
    """Start the bridge (--json), then the receivers (pkt-gen rx), then the
    flows (tx_args, count, receiver index); when all are done stop the
    bridge with SIGTERM. Returns (bridge_status, bridge_out, rx_outs).

    With burst, each flow sends in rounds of burst packets at full speed
    (all flows at once) and the next round starts when every receiver has
    counted the last one: a host that stalls the guest then delays the
    traffic instead of overflowing a ring, so the counts stay exact."""
    lines = [RX_PROGRESS, "rm -f /tmp/tx.out",
             "%s %s --json > /tmp/br.out 2> /tmp/br.err & br=$!"
             % (bridge_bin(), q(bridge_args)), "sleep %s" % settle]
    for i, args in enumerate(receivers):
        lines.append("timeout -s INT 900 %s %s -T 100 > /tmp/rx%d.out 2>&1 "
                     "& rx%d=$!" % (pktgen_bin(), q(args), i, i))
    lines.append("sleep %s" % settle)
    done = [0] * len(flows)
    while any(done[i] < f[1] for i, f in enumerate(flows)):
        want = [0] * len(receivers)
        pids = []
        for i, (args, count, r) in enumerate(flows):
            n = min(burst or count, count - done[i])
            if n:
                lines.append("%s %s -n %d -T 100000 >> /tmp/tx.out 2>&1 & "
                             "t%d=$!" % (pktgen_bin(), q(args), n, i))
                pids.append("$t%d" % i)
            done[i] += n
            want[r] += done[i]
        lines.append("for t in %s; do wait $t || echo tx_status=1; done"
                     % " ".join(pids))
        for r, n in enumerate(want):
            lines.append("waitrx /tmp/rx%d.out %d" % (r, n))
    for i in range(len(receivers)):
        lines.append("wait $rx%d; echo rx%d_status=$?" % (i, i))
    lines += ["kill -TERM $br; wait $br; echo br_status=$?",
              "echo ==br==; cat /tmp/br.out /tmp/br.err"]
    for i in range(len(receivers)):
        lines.append("echo ==rx%d==; grep -v '^ ' /tmp/rx%d.out" % (i, i))
    lines.append("echo ==tx==; grep -v '^ ' /tmp/tx.out")
    status, out = vm.run("\n".join(lines), timeout=LONG)
    assert status == 0, out
    codes = dict(re.findall(r"^(\w+)_status=(\d+)$", out, re.M))
    for k, v in codes.items():
        assert k == "br" or v == "0", out
    parts = dict(re.findall(r"^==(\w+)==\n(.*?)(?=^==\w+==\n|\Z)", out,
                            re.M | re.S))
    rx = [parts["rx%d" % i] for i in range(len(receivers))]
    return int(codes["br"]), parts["br"], rx, parts["tx"]


def received(out):
    m = re.search(r"^Received (\d+) packets (\d+) bytes", out, re.M)
    assert m, out
    return int(m.group(1)), int(m.group(2))


def sent(out):
    """Totals of every Sent line (a paced flow is several pkt-gen runs)."""
    runs = re.findall(r"^Sent (\d+) packets (\d+) bytes", out, re.M)
    assert runs, out
    return sum(int(p) for p, _ in runs), sum(int(b) for _, b in runs)


def summary(br_out):
    records = json_lines(br_out)
    assert records and records[-1]["type"] == "summary", br_out
    check_schema(records)
    return records[-1]


def direction(summ, src):
    for d in summ["directions"]:
        if d["from"] == src:
            return d
    raise AssertionError("no direction from %s in %s" % (src, summ))


@pytest.mark.parametrize("copy", [False, True], ids=["zerocopy", "copy"])
def test_pipes_forward_exactly(vm, copy):
    """Pipes share the one memory region: zero-copy unless -c. Pipes push
    back instead of dropping, so the sender runs at full speed."""
    n = 300000
    st, br, rx, tx = forward(
        vm, ["-i", "netmap:bp}1", "-i", "netmap:bq}1"] + (["-c"] if copy
                                                         else []),
        [["-i", "netmap:bq{1", "-f", "rx", "-n", str(n)]],
        [(["-i", "netmap:bp{1", "-f", "tx", "-l", "100"], n, 0)])
    assert st == 0, br
    assert sent(tx) == (n, 100 * n), tx
    assert received(rx[0]) == (n, 100 * n), rx[0]
    s = summary(br)
    assert s["zerocopy"] is (not copy), s
    assert s["threads"] == 1, s
    fwd, back = direction(s, "netmap:bp}1"), direction(s, "netmap:bq}1")
    assert (fwd["to"], back["to"]) == ("netmap:bq}1", "netmap:bp}1"), s
    assert (fwd["packets"], fwd["bytes"], fwd["dropped"]) == (n, 100 * n, 0)
    assert (back["packets"], back["dropped"]) == (0, 0), s
    # Every buffer the swaps moved between the four rings is back.
    p = pools(vm)
    assert p["users"] == [0] and p["buf"][1] == p["buf"][0] - 2, p


def test_veth_one_way_exact(vm):
    make_veths(vm, ("brv0", "brv1"), ("brv2", "brv3"))
    try:
        st, br, rx, tx = forward(
            vm, ["-i", "netmap:brv1", "-i", "netmap:brv2", "-w", "5"],
            [["-i", "netmap:brv3", "-f", "rx", "-n", str(COUNT), "-w", "0"]],
            [(["-i", "netmap:brv0", "-f", "tx", "-w", "0"], COUNT, 0)],
            burst=BURST)
    finally:
        del_veths(vm, "brv0", "brv2")
    assert st == 0, br
    assert sent(tx)[0] == COUNT, tx
    assert received(rx[0]) == (COUNT, 60 * COUNT), rx[0]
    s = summary(br)
    assert s["zerocopy"] is True, s
    d = direction(s, "netmap:brv1")
    assert (d["packets"], d["bytes"], d["dropped"]) == (COUNT, 60 * COUNT, 0)
    assert direction(s, "netmap:brv2")["packets"] == 0, s


def test_veth_both_ways_at_once(vm):
    """Each end sends with one descriptor (tx rings only, /T) and counts
    what comes from the other end with another (rx rings only, /R); both
    flows run at the same time."""
    make_veths(vm, ("bbv0", "bbv1"), ("bbv2", "bbv3"))
    n0, n3 = COUNT, COUNT // 2
    try:
        st, br, rx, tx = forward(
            vm, ["-i", "netmap:bbv1", "-i", "netmap:bbv2", "-w", "5"],
            [["-i", "netmap:bbv3/R", "-f", "rx", "-n", str(n0), "-w", "0"],
             ["-i", "netmap:bbv0/R", "-f", "rx", "-n", str(n3), "-w", "0"]],
            [(["-i", "netmap:bbv0/T", "-f", "tx", "-w", "0"], n0, 0),
             (["-i", "netmap:bbv3/T", "-f", "tx", "-w", "0", "-l", "200"],
              n3, 1)], burst=BURST // 2)
    finally:
        del_veths(vm, "bbv0", "bbv2")
    assert st == 0, br
    assert sent(tx) == (n0 + n3, 60 * n0 + 200 * n3), tx
    assert received(rx[0]) == (n0, 60 * n0), rx[0]
    assert received(rx[1]) == (n3, 200 * n3), rx[1]
    s = summary(br)
    a, b = direction(s, "netmap:bbv1"), direction(s, "netmap:bbv2")
    assert (a["packets"], a["bytes"], a["dropped"]) == (n0, 60 * n0, 0), s
    assert (b["packets"], b["bytes"], b["dropped"]) == (n3, 200 * n3, 0), s


def test_one_thread_per_ring_pair(vm):
    """-p on two-queue veths: two threads, one ring pair each; the totals
    are exact sums."""
    make_veths(vm, ("bpv0", "bpv1"), ("bpv2", "bpv3"), queues=2)
    try:
        st, br, rx, tx = forward(
            vm, ["-i", "netmap:bpv1", "-i", "netmap:bpv2", "-w", "5", "-p",
                 "-v"],
            [["-i", "netmap:bpv3", "-f", "rx", "-n", str(COUNT), "-w", "0"]],
            [(["-i", "netmap:bpv0", "-f", "tx", "-w", "0", "-p", "2"],
              COUNT, 0)], burst=BURST)
    finally:
        del_veths(vm, "bpv0", "bpv2")
    assert st == 0, br
    assert received(rx[0])[0] == COUNT, rx[0]
    start = json_lines(br)[0]
    assert start["type"] == "start", br
    assert [(p["tx_rings"], p["rx_rings"]) for p in start["ports"]] == \
        [(2, 2), (2, 2)], start
    s = summary(br)
    assert s["threads"] == 2, s
    d = direction(s, "netmap:bpv1")
    assert (d["packets"], d["dropped"]) == (COUNT, 0), s


@pytest.mark.parametrize("mode", ["native", "generic"])
def test_two_e1000_wires_both_ways_at_once(vm, mode):
    """The bridge joins two emulated wires, e1000-b (hub 0) and e1000-c
    (hub 2); pkt-gen on e1000-a and on e1000-d send to each other through
    it at the same time, each counting what the other sent. In native
    mode the swaps go all the way to the NICs: each buffer the bridge
    hands over (NS_BUF_CHANGED) becomes a tx descriptor, and each it
    gives back is a receive descriptor again."""
    vm.check("echo %s > /sys/module/netmap/parameters/admode" % mode)
    ea, eb, ec, ed = (nic_up(vm, r) for r in
                      ("e1000-a", "e1000-b", "e1000-c", "e1000-d"))
    na, nd = COUNT // 2, COUNT // 4
    # Native rings are the NICs' own: 1024 descriptors hold the rounds
    # that generic mode's 1024-slot rings do.
    if mode == "native":
        vm.check("; ".join("ethtool -G %s rx 1024 tx 1024" % d
                           for d in (ea, eb, ec, ed)))
    try:
        st, br, rx, tx = forward(
            vm, ["-i", "netmap:" + eb, "-i", "netmap:" + ec, "-w", "10"],
            [["-i", "netmap:%s/R" % ed, "-f", "rx", "-n", str(na), "-w",
              "0"],
             ["-i", "netmap:%s/R" % ea, "-f", "rx", "-n", str(nd), "-w",
              "0"]],
            [(["-i", "netmap:%s/T" % ea, "-f", "tx", "-w", "0"], na, 0),
             (["-i", "netmap:%s/T" % ed, "-f", "tx", "-w", "0", "-l",
               "1000"], nd, 1)],
            burst=BURST // 4 if mode == "generic" else BURST, settle=2)
    finally:
        vm.run("; ".join("ip link set %s down; ethtool -G %s rx 256 tx 256"
                         % (d, d) for d in (ea, eb, ec, ed)) +
               "; echo best > /sys/module/netmap/parameters/admode",
               timeout=60)
    assert st == 0, br
    assert sent(tx) == (na + nd, 60 * na + 1000 * nd), tx
    assert received(rx[0]) == (na, 60 * na), rx[0]
    assert received(rx[1]) == (nd, 1000 * nd), rx[1]
    s = summary(br)
    assert s["zerocopy"] is True, s
    b, c = direction(s, "netmap:" + eb), direction(s, "netmap:" + ec)
    assert (b["packets"], b["bytes"], b["dropped"]) == (na, 60 * na, 0), s
    assert (c["packets"], c["bytes"], c["dropped"]) == (nd, 1000 * nd, 0), s


TCP = r"""
import hashlib, socket, sys
role, host, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
if role == "server":
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((host, port))
    s.listen(1)
    s.settimeout(300)
    c, _ = s.accept()
    h, n = hashlib.sha256(), 0
    while True:
        d = c.recv(65536)
        if not d:
            break
        h.update(d)
        n += len(d)
    print("got", n, h.hexdigest())
else:
    data = bytes((i * 7 + i // 251) & 0xff for i in range(int(sys.argv[4])))
    c = socket.create_connection((host, port), timeout=300)
    c.sendall(data)
    c.close()
    print("sent", len(data), hashlib.sha256(data).hexdigest())
"""


def test_transparent_mode_carries_ping_and_tcp(vm):
    """One port given: the bridge joins tB with its own host rings, so tB's
    stack still talks to brA, every frame passing through the bridge."""
    nbytes = 1000000
    setup = ("ip netns del brA 2>/dev/null; ip netns del brB 2>/dev/null; "
             "ip netns add brA && ip netns add brB && "
             "ip link add name tA type veth peer name tB && "
             "ip link set tA netns brA && ip link set tB netns brB && "
             "ip -n brA addr add 10.77.0.1/24 dev tA && "
             "ip -n brB addr add 10.77.0.2/24 dev tB && "
             "ip -n brA link set tA up && ip -n brB link set tB up && "
             "ip -n brA link set lo up && ip -n brB link set lo up && "
             "cat > /tmp/brtcp.py <<'EOF'\n%s\nEOF\n" % TCP)
    status, out = vm.run(setup, timeout=120)
    assert status == 0, out
    script = "\n".join([
        "ip netns exec brB %s -i netmap:tB -w 5 --json > /tmp/br.out "
        "2>&1 & br=$!" % bridge_bin(),
        "sleep 2",
        "ip netns exec brA busybox ping -c 5 -W 10 10.77.0.2; "
        "echo ping_status=$?",
        "ip netns exec brB python3 /tmp/brtcp.py server 10.77.0.2 5001 "
        "> /tmp/srv.out 2>&1 & srv=$!",
        "sleep 1",
        "ip netns exec brA python3 /tmp/brtcp.py client 10.77.0.2 5001 %d; "
        "echo client_status=$?" % nbytes,
        "wait $srv; echo server_status=$?; cat /tmp/srv.out",
        "kill -TERM $br; wait $br; echo br_status=$?",
        "cat /tmp/br.out"])
    try:
        status, out = vm.run(script, timeout=LONG)
    finally:
        vm.run("ip netns del brA; ip netns del brB", timeout=120)
    assert status == 0, out
    for k in ("ping", "client", "server", "br"):
        assert "%s_status=0" % k in out, out
    assert "5 packets transmitted, 5 packets received, 0% packet loss" in out
    m_sent = re.search(r"^sent (\d+) (\w+)$", out, re.M)
    m_got = re.search(r"^got (\d+) (\w+)$", out, re.M)
    assert m_sent and m_got, out
    assert m_got.groups() == m_sent.groups() == (str(nbytes),
                                                 m_sent.group(2)), out
    s = summary(out)
    up, down = direction(s, "netmap:tB"), direction(s, "netmap:tB^")
    assert up["to"] == "netmap:tB^" and down["to"] == "netmap:tB", s
    # the wire brought the payload and the echo requests to the stack
    assert up["bytes"] > nbytes and up["packets"] >= 5 + nbytes // 1500, s
    assert down["packets"] >= 5, s
    assert up["dropped"] == down["dropped"] == 0, s


def test_sigusr1_reports_text_and_json(vm):
    """SIGUSR1 prints the counts so far; text and JSON say the same."""
    n = 5000
    outs = {}
    for fmt in ("text", "json"):
        extra = ["--json", "-v"] if fmt == "json" else []
        script = "\n".join([
            "%s -i 'netmap:bu%s}1' -i 'netmap:bw%s}1' %s > /tmp/br.out "
            "2>&1 & br=$!" % (bridge_bin(), fmt, fmt, q(extra)),
            "%s -i 'netmap:bw%s{1' -f rx -n %d > /dev/null 2>&1 & rx=$!"
            % (pktgen_bin(), fmt, n),
            "sleep 1",
            "%s -i 'netmap:bu%s{1' -f tx -n %d > /dev/null 2>&1"
            % (pktgen_bin(), fmt, n),
            "wait $rx",
            "kill -USR1 $br; sleep 1; kill -INT $br; wait $br; "
            "echo br_status=$?",
            "cat /tmp/br.out"])
        status, out = vm.run(script, timeout=LONG)
        assert status == 0 and "br_status=0" in out, out
        outs[fmt] = out
    records = json_lines(outs["json"])
    check_schema(records)
    assert [r["type"] for r in records] == ["start", "report", "summary"]
    start = records[0]
    assert start["zerocopy"] is True and start["threads"] == 1, start
    assert [p["name"] for p in start["ports"]] == ["netmap:bujson}1",
                                                   "netmap:bwjson}1"]
    assert all(p["mem_id"] >= 1 and p["buf_size"] == 2048
               for p in start["ports"]), start
    for rec in records[1:]:
        d = direction(rec, "netmap:bujson}1")
        assert (d["packets"], d["bytes"], d["dropped"]) == (n, 60 * n, 0)
    text = re.findall(r"^netmap:butext\}1 -> netmap:bwtext\}1: forwarded "
                      r"(\d+) packets (\d+) bytes, dropped (\d+) \((\d+) "
                      r"oversize\)$", outs["text"], re.M)
    assert text == [(str(n), str(60 * n), "0", "0")] * 2, outs["text"]
    back = re.findall(r"^netmap:bwtext\}1 -> netmap:butext\}1: forwarded "
                      r"0 packets 0 bytes, dropped 0 \(0 oversize\)$",
                      outs["text"], re.M)
    assert len(back) == 2, outs["text"]


def pools(vm):
    status, out = vm.run("cat /sys/class/misc/netmap/pools", timeout=60)
    assert status == 0, out
    return {f[0]: [int(x) for x in f[1:]] for f in
            (line.split() for line in out.splitlines())}


def test_zero_copy_leaves_no_buffer_behind(vm):
    """Swapped buffers change hands between rings of two ports; after the
    bridge exits every buffer is back in the pool. A pipe held open
    meanwhile keeps the region from being reset, which would hide a leak."""
    make_veths(vm, ("blv0", "blv1"), ("blv2", "blv3"))
    users = pools(vm)["users"][0]
    status, out = vm.run(
        "%s -i 'netmap:bhold}1' -f rx -W > /dev/null 2>&1 & "
        "echo $! > /tmp/bhold.pid; for i in $(seq 100); do "
        "[ $(awk '/^users/ {print $2}' /sys/class/misc/netmap/pools) -gt "
        "%d ] && exit 0; sleep 0.1; done; exit 1" % (pktgen_bin(), users),
        timeout=120)
    assert status == 0, out
    try:
        before = pools(vm)
        st, br, rx, tx = forward(
            vm, ["-i", "netmap:blv1", "-i", "netmap:blv2", "-w", "5"],
            [["-i", "netmap:blv3", "-f", "rx", "-n", "3000", "-w", "0"]],
            [(["-i", "netmap:blv0", "-f", "tx", "-w", "0"], 3000, 0)],
            burst=BURST)
        after = pools(vm)
    finally:
        vm.run("kill $(cat /tmp/bhold.pid); sleep 1", timeout=60)
        del_veths(vm, "blv0", "blv2")
    assert st == 0, br
    assert received(rx[0])[0] == 3000, rx[0]
    assert summary(br)["zerocopy"] is True
    assert after == before, (before, after)


@pytest.mark.parametrize("args,message", [
    (["-i", "netmap:nosuchif0", "-i", "netmap:bex}1"],
     "bridge: netmap:nosuchif0: register nosuchif0: no such port"),
    (["-i", "netmap:bex}1", "-i", "netmap:nosuchif0"],
     "bridge: netmap:nosuchif0: register nosuchif0: no such port"),
    (["-i", "netmap:bex}1"], "bridge: netmap:bex}1: only an interface with "
                             "all its rings (netmap:eth0) can be bridged "
                             "with its host rings"),
    (["-i", "netmap:bex}1", "-i", "netmap:bey}1/T"],
     "bridge: netmap:bey}1/T: a bridge port needs tx and rx rings"),
])
def test_port_errors_are_one_line_and_exit_1(vm, args, message):
    status, out = vm.run("%s %s 2>&1 >/dev/null" % (bridge_bin(), q(args)),
                         timeout=120)
    err = out.strip()
    assert status == 1, err
    assert err == message, err
