"""sock-gen, the conventional-API baseline, on a veth pair: every transmit
method delivers exactly -n frames of -l bytes to the peer, every receive
method counts exactly what was sent, JSON matches its schema, and bad
options and interfaces are refused with one line and status 1.

    guest
    ┌──────────────────────────────────────────────────────────────┐
    │  sock-gen -f sendto|sendmmsg|txring        counters of sgb   │
    │        │                                        ▲            │
    │      sga ═══════════════ veth ══════════════ sgb             │
    │                                                 │            │
    │                         sock-gen -f recvfrom|recvmmsg|rxring │
    └──────────────────────────────────────────────────────────────┘

IPv6 is off on both ends, so the only frames on the wire are ours.
"""
import json
import os

import pytest

from nmvm_rig.paths import PROJECT_DIR, build_dir

SCHEMA = os.path.join(PROJECT_DIR, "tests", "schemas", "sock-gen.schema.json")
# Receive tests send few enough frames that the receiving socket's buffer
# holds them all even if the receiver is slow to run: counts stay exact.
RX_COUNT = 100


def sockgen():
    return os.path.join(build_dir(), "tools", "sock-gen", "sock-gen")


@pytest.fixture
def veth(vm):
    vm.run("ip link del sga 2>/dev/null", timeout=60)
    status, out = vm.run(
        "set -e; ip link add name sga type veth peer name sgb; "
        "for d in sga sgb; do sysctl -qw net.ipv6.conf.$d.disable_ipv6=1; "
        "ip link set $d up; done", timeout=60)
    assert status == 0, out
    yield vm
    vm.run("ip link del sga", timeout=60)


def stat(vm, dev, name):
    status, out = vm.run("cat /sys/class/net/%s/statistics/%s" % (dev, name),
                         timeout=60)
    assert status == 0, out
    return int(out)


def summary(out):
    lines = [ln for ln in out.splitlines() if ln.startswith("{")]
    assert len(lines) == 1, out
    return json.loads(lines[0])


@pytest.mark.parametrize("method,batch", [
    ("sendto", None), ("sendmmsg", 64), ("sendmmsg", 7), ("txring", 512),
    ("txring", 100)])
def test_transmit_delivers_exactly_n(veth, method, batch):
    vm = veth
    n, length = 20000, 60
    before = (stat(vm, "sgb", "rx_packets"), stat(vm, "sgb", "rx_bytes"))
    cmd = "%s -i sga -f %s -n %d -l %d --json" % (sockgen(), method, n,
                                                  length)
    if batch:
        cmd += " -b %d" % batch
    status, out = vm.run(cmd, timeout=600)
    assert status == 0, out
    s = summary(out)
    assert (s["packets"], s["bytes"]) == (n, n * length), s
    assert s["direction"] == "tx" and s["method"] == method, s
    assert s["qdisc_bypass"] == (method == "txring"), s
    assert s["elapsed_s"] > 0 and s["pps"] > 0, s
    if method == "sendto":
        assert s["calls"] == n + s["retries"], s
    after = (stat(vm, "sgb", "rx_packets"), stat(vm, "sgb", "rx_bytes"))
    assert after[0] - before[0] == n, (before, after)
    assert after[1] - before[1] == n * length, (before, after)


@pytest.mark.parametrize("method", ["recvfrom", "recvmmsg", "rxring"])
def test_receive_counts_exactly_what_was_sent(veth, method):
    vm = veth
    status, out = vm.run(
        "%s -i sgb -f %s -n %d --json > /tmp/sg.rx 2>&1 & rx=$!; sleep 0.5; "
        "%s -i sga -f sendto -n %d -l 100 || exit 9; wait $rx; echo rx=$?; "
        "cat /tmp/sg.rx" % (sockgen(), method, RX_COUNT, sockgen(),
                            RX_COUNT), timeout=600)
    assert status == 0 and "rx=0" in out, out
    s = summary(out)
    assert (s["packets"], s["bytes"]) == (RX_COUNT, RX_COUNT * 100), s
    assert s["direction"] == "rx" and not s["interrupted"], s


def test_receiver_ends_when_traffic_stops(veth):
    vm = veth
    status, out = vm.run(
        "%s -i sgb -f rxring --json > /tmp/sg.rx 2>&1 & rx=$!; sleep 0.5; "
        "%s -i sga -f sendmmsg -n 50; wait $rx; echo rx=$?; cat /tmp/sg.rx"
        % (sockgen(), sockgen()), timeout=600)
    assert status == 0 and "rx=0" in out, out
    assert summary(out)["packets"] == 50, out


def test_json_matches_the_schema(veth):
    import jsonschema
    with open(SCHEMA) as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    for method in ("sendto", "sendmmsg", "txring"):
        status, out = veth.run("%s -i sga -f %s -n 10 --json"
                               % (sockgen(), method), timeout=120)
        assert status == 0, out
        jsonschema.validate(summary(out), schema)


def test_text_summary(veth):
    status, out = veth.run("%s -i sga -f sendmmsg -n 128 -b 32 -l 64"
                           % sockgen(), timeout=120)
    assert status == 0, out
    assert out.startswith("sendmmsg sga: sent 128 packets 8192 bytes 4 "
                          "calls in "), out


@pytest.mark.parametrize("args,message", [
    ("-f sendto -n 1", "sock-gen: no interface: give one with -i, e.g. "
     "-i eth0"),
    ("-i nosuchdev0 -n 1", "sock-gen: nosuchdev0: no such interface"),
    ("-i sga", "sock-gen: -f sendto needs a packet count (-n N)"),
    ("-i sga -f bogus -n 1", "sock-gen: 'bogus': unknown method (sendto, "
     "sendmmsg, txring, recvfrom, recvmmsg, rxring)"),
    ("-i sga -n 1 -l 41", "sock-gen: '41': expected a frame length from 42 "
     "to 9014"),
    ("-i sga -f sendmmsg -n 1 -b 0", "sock-gen: '0': expected a batch size "
     "from 1 to 1024"),
    ("-i sga -n 1 -b 2", "sock-gen: -b 2: -f sendto moves one packet per "
     "call"),
    ("-i sga -n 1 --bogus", "sock-gen: unknown option '--bogus' (see "
     "sock-gen --help)"),
])
def test_bad_options_rejected(veth, args, message):
    status, out = veth.run("%s %s" % (sockgen(), args), timeout=60)
    assert status == 1, out
    assert out.strip() == message, out
