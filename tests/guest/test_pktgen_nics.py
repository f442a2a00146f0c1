"""pkt-gen through the generic adapter on real interfaces: exact counts over
a veth pair, over the two e1000 NICs the rig wires together, and with four
threads on four rings of a multiqueue veth pair.

    guest
    ┌──────────────────────────────────────────────────────────────────┐
    │  pkt-gen -f tx ─▶ netmap:pnv0 ══ veth ══ netmap:pnv1 ─▶ pkt-gen rx │
    │  pkt-gen -p 4  ─▶ netmap:pmq0 ══ veth, 4 queues ══ netmap:pmq1   │
    │                    rings 0..3                  rings 0..3 ─▶ -p 4 │
    │  pkt-gen -f tx ─▶ netmap:e1000-a ══ qemu hub 0 ══ netmap:e1000-b │
    └──────────────────────────────────────────────────────────────────┘

An emulated NIC, like a real one, drops what arrives faster than its
receiver drains it, so the senders here are rate limited (-R) well below
what the guest sustains, and the receivers run pinned to the second vCPU
while the senders (and the kernel's work on their behalf) run on the
first: the counts must then be exact. The receivers run
without -n and end one second after traffic stops, so a loss shows as a
wrong count, not as a hang. Rates themselves
are measured by the sweeps in scripts/, not here.
"""
import json

from conftest import guest_nic
from test_pktgen import json_lines, pair, summary

MILLION = 1000000
# Under TCG the guest sustains several times these rates; at 20 kpps a
# 1024-slot ring rides out a 50 ms stall of the receiver's vCPU.
VETH_PPS = 20000
E1000_PPS = 20000
# Every thread of a side on one vCPU: senders on 0, receivers on 1.
TX_CPU = ["-a", "0", "-c", "1"]
RX_CPU = ["-a", "1", "-c", "1"]


def quiet_link(vm, *names):
    """No IPv6 (no stray router solicitations), link up; and a backlog
    (where veth queues each frame on the sending vCPU) that rides out a
    long stall of that vCPU's softirq on a busy host."""
    script = "sysctl -qw net.core.netdev_max_backlog=100000; " + "; ".join(
        "sysctl -qw net.ipv6.conf.%s.disable_ipv6=1 && ip link set %s up"
        % (n, n) for n in names)
    status, out = vm.run(script, timeout=60)
    assert status == 0, out


def make_veth(vm, a, b, queues=1):
    status, out = vm.run(
        "ip link del %s 2>/dev/null; ip link add name %s numtxqueues %d "
        "numrxqueues %d type veth peer name %s numtxqueues %d numrxqueues %d"
        % (a, a, queues, queues, b, queues, queues), timeout=60)
    assert status == 0, out
    quiet_link(vm, a, b)


def test_million_over_veth(vm):
    make_veth(vm, "pnv0", "pnv1")
    try:
        rs, rx, ts, tx = pair(
            vm, ["-i", "netmap:pnv1", "-f", "rx", "-w", "0"] + RX_CPU,
            ["-i", "netmap:pnv0", "-f", "tx", "-n", str(MILLION), "-w", "0",
             "-R", str(VETH_PPS)] + TX_CPU, timeout=1800, settle=1)
        assert (rs, ts) == (0, 0), rx + tx
        assert summary(tx, "Sent") == (MILLION, 60 * MILLION), tx
        assert summary(rx, "Received") == (MILLION, 60 * MILLION), rx
    finally:
        vm.run("ip link del pnv0")


def test_million_over_wired_e1000(vm):
    a, b = guest_nic(vm, "e1000-a"), guest_nic(vm, "e1000-b")
    # The largest descriptor rings the e1000 driver allows, so a burst
    # between two NAPI polls finds room.
    status, out = vm.run("ethtool -G %s rx 4096 tx 4096; "
                         "ethtool -G %s rx 4096 tx 4096" % (a, b), timeout=60)
    assert status == 0, out
    quiet_link(vm, a, b)
    try:
        rs, rx, ts, tx = pair(
            vm, ["-i", "netmap:" + b, "-f", "rx", "-w", "5"] + RX_CPU,
            ["-i", "netmap:" + a, "-f", "tx", "-n", str(MILLION), "-w", "5",
             "-R", str(E1000_PPS)] + TX_CPU, timeout=2400, settle=2)
        assert (rs, ts) == (0, 0), rx + tx
        assert summary(tx, "Sent") == (MILLION, 60 * MILLION), tx
        assert summary(rx, "Received") == (MILLION, 60 * MILLION), rx
    finally:
        vm.run("ip link set %s down; ip link set %s down" % (a, b))


def test_four_threads_on_four_rings_add_up(vm):
    """-p 4: one ring per thread on both sides; -n splits exactly, and the
    totals are the sums of the threads."""
    n = 200000
    make_veth(vm, "pmq0", "pmq1", queues=4)
    try:
        rs, rx, ts, tx = pair(
            vm, ["-i", "netmap:pmq1", "-f", "rx", "-p", "4", "-w", "0",
                 "--json"] + RX_CPU,
            ["-i", "netmap:pmq0", "-f", "tx", "-p", "4", "-n", str(n),
             "-w", "0", "-R", str(VETH_PPS), "--json"] + TX_CPU,
            timeout=1800, settle=1)
        assert (rs, ts) == (0, 0), rx + tx
        sent, received = json_lines(tx)[-1], json_lines(rx)[-1]
        assert sent["type"] == received["type"] == "summary", rx + tx
        assert sent["threads"] == received["threads"] == 4
        assert sent["packets"] == received["packets"] == n, \
            json.dumps([sent, received])
        # The sender's -n is split exactly: n/4 per thread.
        assert [t["packets"] for t in sent["per_thread"]] == [n // 4] * 4
        for side in (sent, received):
            threads = side["per_thread"]
            assert sorted(t["thread"] for t in threads) == [0, 1, 2, 3]
            assert sum(t["packets"] for t in threads) == side["packets"]
            assert sum(t["bytes"] for t in threads) == side["bytes"] == 60 * n
    finally:
        vm.run("ip link del pmq0")
