"""pkt-gen in the guest: every function over netmap pipes (and veth when the
generic adapter registers it), exact counts, sequence checks, latency,
valid checksums, JSON against its schema, and clean errors.

    guest
    ┌──────────────────────────────────────────────────────────────────┐
    │  pkt-gen -f tx|txseq|ping            pkt-gen -f rx|rxseq|pong    │
    │        │                                   ▲                     │
    │   netmap:NAME{N ── tx ring ──▶ pipe N ──▶ rx ring ── netmap:NAME}N │
    │   (master end)  ◀── rx ring ◀───────── tx ring ──   (slave end) │
    │                                                                  │
    │   netmap:pgv0 ── generic adapter ── veth pair ── netmap:pgv1     │
    └──────────────────────────────────────────────────────────────────┘

The receiver always starts first: a sender on a pipe with nobody reading
fills both rings and then waits in poll().
"""
import json
import os
import re

import pytest

from nmvm_rig.paths import PROJECT_DIR, build_dir

SCHEMA = os.path.join(PROJECT_DIR, "tests", "schemas", "pkt-gen.schema.json")
# A million packets over a pipe take about a second of guest time under TCG;
# the bounds only end a hung run.
LONG = 900


def pktgen():
    return os.path.join(build_dir(), "tools", "pkt-gen", "pkt-gen")


def pair(vm, rx_args, tx_args, timeout=LONG, settle=0.5):
    """Start rx_args in the background, then tx_args; return
    (rx_status, rx_out, tx_status, tx_out)."""
    pg = pktgen()
    quote = lambda args: " ".join("'%s'" % a for a in args)  # noqa: E731
    script = ("%s %s > /tmp/pg.rx 2>&1 & rx=$!; sleep %s; "
              "%s %s > /tmp/pg.tx 2>&1; echo tx_status=$?; "
              "wait $rx; echo rx_status=$?; "
              "echo ==rx==; cat /tmp/pg.rx; echo ==tx==; cat /tmp/pg.tx"
              % (pg, quote(rx_args), settle, pg, quote(tx_args)))
    status, out = vm.run(script, timeout=timeout)
    assert status == 0, out
    head, rest = out.split("==rx==\n", 1)
    rx_out, tx_out = rest.split("==tx==\n", 1)
    codes = dict(re.findall(r"(\w+_status)=(\d+)", head))
    return int(codes["rx_status"]), rx_out, int(codes["tx_status"]), tx_out


def summary(out, verb):
    m = re.search(r"^%s (\d+) packets (\d+) bytes (\d+) batches in ([\d.]+) "
                  r"seconds\. Speed: ([\d.]+ [KMGT]?)pps Bandwidth: "
                  r"([\d.]+ [KMGT]?)bps" % verb, out, re.M)
    assert m, out
    return int(m.group(1)), int(m.group(2))


def json_lines(out):
    return [json.loads(line) for line in out.splitlines()
            if line.startswith("{")]


def test_million_packets_over_a_pipe(vm):
    rs, rx, ts, tx = pair(vm, ["-i", "netmap:pg}1", "-f", "rx", "-n", "1000000"],
                          ["-i", "netmap:pg{1", "-f", "tx",
                           "-n", "1000000"])
    assert (rs, ts) == (0, 0), rx + tx
    assert summary(tx, "Sent") == (1000000, 60000000), tx
    assert summary(rx, "Received") == (1000000, 60000000), rx


@pytest.mark.parametrize("batch", [1, 64, 512])
def test_txseq_into_rxseq_loses_nothing(vm, batch):
    n = 1000000 if batch > 1 else 100000
    rs, rx, ts, tx = pair(
        vm, ["-i", "netmap:sq%d}1" % batch, "-f", "rxseq", "-n", str(n)],
        ["-i", "netmap:sq%d{1" % batch, "-f", "txseq", "-n", str(n),
         "-b", str(batch), "-l", "60", "-l", "1514",
         "-s", "10.0.0.1:1000-10.0.0.9:1010", "-d", "10.1.0.1-10.1.0.3"])
    assert (rs, ts) == (0, 0), rx + tx
    assert summary(tx, "Sent")[0] == n, tx
    assert summary(rx, "Received")[0] == n, rx
    assert ("Sequence: received %d lost 0 duplicated 0 reordered 0 "
            "foreign 0" % n) in rx, rx


def test_ping_pong_reports_latency(vm):
    rs, pong, ts, ping = pair(
        vm, ["-i", "netmap:pp}1", "-f", "pong", "-n", "2000"],
        ["-i", "netmap:pp{1", "-f", "ping", "-n", "2000"])
    assert (rs, ts) == (0, 0), pong + ping
    assert summary(ping, "Sent")[0] == 2000, ping
    assert summary(pong, "Received")[0] == 2000, pong
    m = re.search(r"Replies: (\d+) unanswered (\d+) round trip: min (\S+ \S+) "
                  r"avg (\S+ \S+) max (\S+ \S+) p50 (\S+ \S+) p90 (\S+ \S+) "
                  r"p99 (\S+ \S+) p99\.9 (\S+ \S+)", ping)
    assert m, ping
    assert (m.group(1), m.group(2)) == ("2000", "0"), ping


def test_ping_json_latency_is_ordered(vm):
    rs, pong, ts, ping = pair(
        vm, ["-i", "netmap:pj}1", "-f", "pong", "-n", "5000"],
        ["-i", "netmap:pj{1", "-f", "ping", "-n", "5000", "-b", "8",
         "--json"])
    assert (rs, ts) == (0, 0), pong + ping
    final = json_lines(ping)[-1]
    assert final["type"] == "summary", ping
    assert final["replies"] == 5000 and final["unanswered"] == 0, ping
    lat = final["latency_ns"]
    assert 0 < lat["min"] <= lat["p50"] <= lat["p90"] <= lat["p99"] \
        <= lat["p99_9"] <= lat["max"], lat
    assert lat["min"] <= lat["avg"] <= lat["max"], lat


def test_json_output_matches_the_schema(vm):
    import jsonschema
    with open(SCHEMA) as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    rs, rx, ts, tx = pair(
        vm, ["-i", "netmap:js}1", "-f", "rxseq", "-n", "3000000", "--json",
             "-T", "100", "-v"],
        ["-i", "netmap:js{1", "-f", "txseq", "-n", "3000000", "--json",
         "-T", "100", "-v"])
    assert (rs, ts) == (0, 0), rx + tx
    for out in (rx, tx):
        records = json_lines(out)
        assert len(records) == len(out.splitlines()), out
        for rec in records:
            jsonschema.validate(rec, schema)
        kinds = [r["type"] for r in records]
        assert kinds[0] == "start" and kinds[-1] == "summary", kinds
        assert set(kinds[1:-1]) <= {"interval"}, kinds
        assert records[-1]["packets"] == 3000000, out
        assert records[-1]["per_thread"][0]["packets"] == 3000000, out
    assert json_lines(rx)[-1]["seq"]["lost"] == 0, rx


def test_text_and_json_agree(vm):
    """The same run printed both ways gives the same counts."""
    for flag in ([], ["--json"]):
        rs, rx, ts, tx = pair(
            vm, ["-i", "netmap:ag}1", "-f", "rx", "-n", "12345"] + flag,
            ["-i", "netmap:ag{1", "-f", "tx", "-n", "12345", "-l", "100"]
            + flag)
        assert (rs, ts) == (0, 0), rx + tx
        if flag:
            final = json_lines(rx)[-1]
            got = (final["packets"], final["bytes"])
        else:
            got = summary(rx, "Received")
        assert got == (12345, 1234500), rx


def ones_complement(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(int.from_bytes(data[i:i + 2], "big")
            for i in range(0, len(data), 2))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return s


def parse_dump(out):
    """Frames of -X hex dumps: 'thread 0: frame of N bytes' then rows."""
    frames, cur = [], None
    for line in out.splitlines():
        if re.match(r"thread \d+: frame of \d+ bytes", line):
            cur = bytearray()
            frames.append(cur)
        elif cur is not None and re.match(r"[0-9a-f]{4}:", line):
            cur.extend(bytes.fromhex(line[5:5 + 48].replace(" ", "")))
    return [bytes(f) for f in frames]


@pytest.mark.parametrize("function", ["tx", "txseq"])
def test_checksums_are_valid(vm, function):
    rs, rx, ts, tx = pair(
        vm, ["-i", "netmap:ck}1", "-f", "rx", "-n", "40", "-X"],
        ["-i", "netmap:ck{1", "-f", function, "-n", "40", "-l", "60",
         "-l", "999", "-s", "10.0.0.1:5-10.0.0.4:7",
         "-d", "192.168.1.1:53-192.168.1.2:54", "-Z"])
    assert (rs, ts) == (0, 0), rx + tx
    frames = parse_dump(rx)
    assert len(frames) == 40, rx
    lengths = set()
    for f in frames:
        lengths.add(len(f))
        assert f[12:14] == b"\x08\x00", f[:14].hex()
        ip, udp = f[14:34], f[34:]
        assert ones_complement(ip) == 0xffff, ip.hex()
        assert int.from_bytes(ip[2:4], "big") == len(f) - 14
        assert int.from_bytes(udp[4:6], "big") == len(f) - 34
        pseudo = ip[12:20] + b"\0\x11" + udp[4:6]
        assert ones_complement(pseudo + udp) == 0xffff, f.hex()
        # -s walks 10.0.0.1-4 ports 5-7; -Z draws within 192.168.1.1-2:53-54.
        src = int.from_bytes(ip[12:16], "big") - 0x0a000000
        dst = int.from_bytes(ip[16:20], "big") - 0xc0a80100
        sport = int.from_bytes(udp[0:2], "big")
        dport = int.from_bytes(udp[2:4], "big")
        assert (src, dst) in {(s, d) for s in (1, 2, 3, 4) for d in (1, 2)}, \
            f[14:34].hex()
        assert sport in (5, 6, 7) and dport in (53, 54), udp[:4].hex()
    assert len(lengths) > 1, lengths


def run_err(vm, args):
    status, out = vm.run("%s %s 2>&1 >/dev/null" % (
        pktgen(), " ".join("'%s'" % a for a in args)), timeout=120)
    return status, out.strip()


@pytest.mark.parametrize("args,message", [
    (["-i", "netmap:nosuchif0"], "netmap:nosuchif0: register nosuchif0: "
                                 "no such port"),
    (["-i", "netmap:eth0-"], "netmap:eth0-: expected a ring number after "
                             "'-', found end of name at character 13"),
    (["-i", "bogus"], "bogus: expected 'netmap:' or 'valeX:' at character 1"),
    (["-i", "netmap:pe{1", "-p", "2"], "-p 2: netmap:pe{1 has 1 ring, one "
                                       "thread per ring at most"),
    (["-i", "netmap:pe{1", "-l", "3000"], "-l 3000: longer than the "
                                          "2048-byte buffers of netmap:pe{1"),
    (["-i", "netmap:pe{1", "-b", "0"], "-b '0': expected a batch size from "
                                       "1 to 65535"),
    (["-i", "netmap:pe{1", "-f", "bounce"], "-f 'bounce': unknown function"),
    (["-i", "netmap:pe{1", "-q"], "unknown option '-q'"),
])
def test_errors_are_one_line_and_exit_1(vm, args, message):
    status, err = run_err(vm, args)
    assert status == 1, err
    assert len(err.splitlines()) == 1, err
    assert err.startswith("pkt-gen: "), err
    assert message in err, err


def test_sigint_ends_with_the_summary(vm):
    script = ("%s -i 'netmap:si{1' -f tx > /tmp/pg.si 2>&1 & p=$!; sleep 2; "
              "kill -INT $p; wait $p; echo status=$?; cat /tmp/pg.si"
              % pktgen())
    status, out = vm.run(script, timeout=120)
    assert status == 0, out
    assert "status=0" in out, out
    sent, _ = summary(out, "Sent")
    assert sent > 0, out
    assert "(interrupted)" in out, out


def veth_ready(vm):
    """Make the pair pgv0/pgv1 (no IPv6: no stray frames) and check that the
    generic adapter registers it."""
    status, out = vm.run(
        "ip link show pgv0 >/dev/null 2>&1 || { "
        "ip link add name pgv0 type veth peer name pgv1 && "
        "for d in pgv0 pgv1; do "
        "sysctl -qw net.ipv6.conf.$d.disable_ipv6=1; "
        "ip link set $d up; done; }; "
        # veth queues on the sender's backlog (1000 frames by default, 20 ms
        # here): room for a long stall of the softirq's vCPU on a busy host.
        "sysctl -qw net.core.netdev_max_backlog=100000; "
        "%s -i netmap:pgv0 -f tx -n 1 -w 0" % pktgen(), timeout=120)
    assert status == 0, "netmap:pgv0 does not register: %s" % out.strip()


def test_veth_txseq_into_rxseq(vm):
    """Through the generic adapter; rx runs until traffic stops (no -n),
    so a loss shows as a count instead of a hang. veth has no flow
    control: the sender is paced and pinned to vCPU 0, the receiver to
    vCPU 1, so the receiver keeps up."""
    veth_ready(vm)
    n = 100000
    rs, rx, ts, tx = pair(
        vm, ["-i", "netmap:pgv1", "-f", "rxseq", "-w", "0", "-a", "1"],
        ["-i", "netmap:pgv0", "-f", "txseq", "-n", str(n), "-w", "0",
         "-R", "20000", "-a", "0"], settle=1)
    assert (rs, ts) == (0, 0), rx + tx
    assert summary(tx, "Sent")[0] == n, tx
    assert ("Sequence: received %d lost 0 duplicated 0 reordered 0"
            % n) in rx, rx
