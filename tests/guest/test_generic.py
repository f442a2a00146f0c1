"""The generic adapter: netmap mode on veth pairs and on the session's
emulated NICs, with exact counts, and the interface given back afterwards.

    guest
    ┌──────────────────────────────────────────────────────────────────────┐
    │ nm_gen_xfer -t TX -r RX   (one process, lockstep windows of frames)  │
    │                                                                      │
    │  netmap:gv0 ─┐                               ┌─ netmap:gv1           │
    │  sock:gv0  ──┼─ gv0 ════ veth pair ════ gv1 ─┼─ sock:gv1 (AF_PACKET) │
    │  netmap:gv0^ (host rings: the stack of gv0)  │                       │
    │                                                                      │
    │  netmap:mq0-K ══ veth, 4 tx + 4 rx queues ══ netmap:mq1-K  (K=0..3)  │
    │  netmap:<e1000-a> ══ qemu hub 0 ══ netmap:<e1000-b>                  │
    │  netmap:<virtio-a> ══ qemu hub 1 ══ netmap:<virtio-b>                │
    └──────────────────────────────────────────────────────────────────────┘

Counts are exact because nm_gen_xfer keeps at most one window of frames in
flight: no ring, backlog or socket buffer on the way can overflow, however
the guest is scheduled. (Unpaced senders legitimately lose frames when
the receiver is slower; those drops are counted in the rx ring's
drops_full, see test_unpaced_loss_is_all_counted.)
"""
import json
import os
import re

import pytest

from conftest import nic_up
from nmvm_rig.paths import build_dir

TIMEOUT = 900


def prog(name):
    return os.path.join(build_dir(), "tests", "c", "guest", name)


def tool(name):
    return os.path.join(build_dir(), "tools", name, name)


def veth(vm, a, b, queues=1, mtu=None):
    """A fresh veth pair a/b, up, without IPv6 (so no stray frames)."""
    q = " numtxqueues %d numrxqueues %d" % (queues, queues)
    script = ("ip link del %s 2>/dev/null; "
              "ip link add name %s%s type veth peer name %s%s || exit 1; "
              % (a, a, q, b, q))
    for d in (a, b):
        script += "sysctl -qw net.ipv6.conf.%s.disable_ipv6=1; " % d
        if mtu:
            script += "ip link set %s mtu %d || exit 1; " % (d, mtu)
        script += "ip link set %s up || exit 1; " % d
    status, out = vm.run(script, timeout=120)
    assert status == 0, out


def counters(vm, dev):
    names = ("rx_packets", "rx_bytes", "rx_dropped", "tx_packets",
             "tx_bytes", "tx_dropped")
    status, out = vm.run("cd /sys/class/net/%s/statistics && cat %s"
                         % (dev, " ".join(names)), timeout=60)
    assert status == 0, out
    return dict(zip(names, map(int, out.split())))


def delta(before, after):
    return {k: after[k] - before[k] for k in before}


def xfer(vm, tx, rx, n, *args, timeout=TIMEOUT):
    """Run nm_gen_xfer; return (status, counts dict, output)."""
    argv = [prog("nm_gen_xfer"), "-t", tx, "-r", rx, "-n", str(n)]
    status, out = vm.run(argv + [str(a) for a in args], timeout=timeout)
    m = re.search(r"^(sent=.*)$", out, re.M)
    assert m, out
    counts = {k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", m.group(1))}
    return status, counts, out


def frame_bytes(n, lmin, lmax):
    return sum(lmin + s % (lmax - lmin + 1) for s in range(n))


def exact(counts, n, nbytes):
    return (counts["sent"] == n and counts["unique"] == n and
            counts["received"] == n and counts["bytes"] == nbytes and
            counts["dup"] == counts["reordered"] == counts["bad"] == 0)


def sockets_work(vm, a, b, n=200):
    """With netmap gone, plain sockets talk over the pair both ways."""
    for tx, rx in ((a, b), (b, a)):
        status, counts, out = xfer(vm, "sock:" + tx, "sock:" + rx, n)
        assert status == 0 and exact(counts, n, 60 * n), out


def test_netmap_tx_reaches_a_socket_and_the_counters(vm):
    veth(vm, "gv0", "gv1")
    n, nbytes = 5000, frame_bytes(5000, 60, 1514)
    c0, c1 = counters(vm, "gv0"), counters(vm, "gv1")
    status, counts, out = xfer(vm, "netmap:gv0", "sock:gv1", n,
                               "-l", 60, "-L", 1514)
    assert status == 0 and exact(counts, n, nbytes), out
    d0, d1 = delta(c0, counters(vm, "gv0")), delta(c1, counters(vm, "gv1"))
    assert (d0["tx_packets"], d0["tx_bytes"], d0["tx_dropped"]) == \
        (n, nbytes, 0), d0
    assert (d1["rx_packets"], d1["rx_bytes"], d1["rx_dropped"]) == \
        (n, nbytes, 0), d1
    sockets_work(vm, "gv0", "gv1")


def test_socket_tx_reaches_netmap_rx(vm):
    veth(vm, "gv0", "gv1")
    n, nbytes = 5000, frame_bytes(5000, 60, 1514)
    c1 = counters(vm, "gv1")
    status, counts, out = xfer(vm, "sock:gv1", "netmap:gv0", n,
                               "-l", 60, "-L", 1514)
    assert status == 0 and exact(counts, n, nbytes), out
    d1 = delta(c1, counters(vm, "gv1"))
    assert (d1["tx_packets"], d1["tx_bytes"]) == (n, nbytes), d1
    sockets_work(vm, "gv0", "gv1")


def test_netmap_on_both_ends_of_a_veth(vm):
    veth(vm, "gv0", "gv1")
    n = 50000
    for tx, rx in (("gv0", "gv1"), ("gv1", "gv0")):
        status, counts, out = xfer(vm, "netmap:" + tx, "netmap:" + rx, n,
                                   "-l", 60, "-L", 1514, "-w", 256)
        assert status == 0 and exact(counts, n, frame_bytes(n, 60, 1514)), \
            out
    sockets_work(vm, "gv0", "gv1")


@pytest.mark.parametrize("kind,mode", [("e1000", "generic"),
                                       ("e1000", "native"),
                                       ("virtio", "generic")])
def test_netmap_on_both_emulated_nics(vm, kind, mode):
    """Both ways between the two NICs of one wire; e1000 also in native
    mode (its driver's rings), for the same counts."""
    vm.check("echo %s > /sys/module/netmap/parameters/admode" % mode)
    try:
        a, b = nic_up(vm, kind + "-a"), nic_up(vm, kind + "-b")
        n = 20000
        for tx, rx in ((a, b), (b, a)):
            status, counts, out = xfer(vm, "netmap:" + tx, "netmap:" + rx,
                                       n, "-l", 60, "-L", 1514, "-w", 128)
            assert status == 0, out
            # Broadcast on a shared wire: anything else is "foreign".
            assert exact(counts, n, frame_bytes(n, 60, 1514)), out
    finally:
        vm.check("echo best > /sys/module/netmap/parameters/admode")
    # A NIC in native mode (e1000) is reset on entering and leaving it:
    # the stack has carrier again only once its link came back up.
    a, b = nic_up(vm, kind + "-a"), nic_up(vm, kind + "-b")
    sockets_work(vm, a, b)


def test_host_rx_ring_gets_what_the_stack_sends(vm):
    """A socket sending on gv0 ends on gv0's host rx ring, not the wire."""
    veth(vm, "gv0", "gv1")
    n = 3000
    c1 = counters(vm, "gv1")
    status, counts, out = xfer(vm, "sock:gv0", "netmap:gv0^", n,
                               "-l", 60, "-L", 1514)
    assert status == 0 and exact(counts, n, frame_bytes(n, 60, 1514)), out
    assert delta(c1, counters(vm, "gv1"))["rx_packets"] == 0
    sockets_work(vm, "gv0", "gv1")


def test_host_tx_ring_enters_the_stack(vm):
    """A frame on gv0's host tx ring is received by gv0's stack (an
    AF_PACKET socket on gv0 sees it), and never reaches the wire."""
    veth(vm, "gv0", "gv1")
    n = 3000
    c1 = counters(vm, "gv1")
    status, counts, out = xfer(vm, "netmap:gv0^", "sock:gv0", n,
                               "-l", 60, "-L", 1514)
    assert status == 0 and exact(counts, n, frame_bytes(n, 60, 1514)), out
    assert delta(c1, counters(vm, "gv1"))["rx_packets"] == 0
    sockets_work(vm, "gv0", "gv1")


def test_arp_goes_to_the_host_rx_ring(vm):
    """A datagram to a neighbour on gv0 while gv0 is in netmap mode: the
    stack's ARP request comes out of the host rx ring. (Once the port is
    closed, the stack's ARP retries go out on the wire as usual.)"""
    veth(vm, "gv0", "gv1")
    status, out = vm.run(
        "ip addr add 10.77.0.1/24 dev gv0 || exit 1; "
        "timeout 120 %s -i netmap:gv0^ -f rx -n 1 -X -w 0 > /tmp/gv.host "
        "2>&1 & p=$!; sleep 1; python3 -c 'import socket; "
        "socket.socket(2, 2).sendto(b\"x\", (\"10.77.0.2\", 9))'; "
        "wait $p; echo rx_status=$?; "
        "cat /tmp/gv.host; ip addr flush dev gv0" % tool("pkt-gen"),
        timeout=300)
    assert "rx_status=0" in out, out
    m = re.search(r"^0000: ((?:[0-9a-f]{2} ?){16})", out, re.M)
    assert m, out
    head = bytes.fromhex(m.group(1).replace(" ", ""))
    assert head[:6] == b"\xff" * 6 and head[12:14] == b"\x08\x06", out
    sockets_work(vm, "gv0", "gv1")


def test_four_senders_on_four_queues(vm):
    """veth with 4 queues each way: frames sent on tx ring K arrive on the
    peer's rx ring K; every frame of every sender is accounted for."""
    veth(vm, "mq0", "mq1", queues=4)
    status, out = vm.run("ls /sys/class/net/mq0/queues", timeout=60)
    assert sorted(out.split()) == sorted(
        ["rx-%d" % i for i in range(4)] + ["tx-%d" % i for i in range(4)]), \
        out
    n = 10000
    script = "".join(
        "%s -t netmap:mq0-%d -r netmap:mq1-%d -n %d -l 60 -L 1514 -w 64 "
        "> /tmp/mq.%d 2>&1 & p%d=$!; " % (prog("nm_gen_xfer"), k, k, n, k, k)
        for k in range(4))
    script += ("fail=0; for p in $p0 $p1 $p2 $p3; do wait $p || fail=1; "
               "done; "
               "for k in 0 1 2 3; do echo ring=$k; cat /tmp/mq.$k; done; "
               "exit $fail")
    status, out = vm.run(script, timeout=TIMEOUT)
    assert status == 0, out
    per_ring = re.findall(r"^(sent=.*)$", out, re.M)
    assert len(per_ring) == 4, out
    for line in per_ring:
        counts = {k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", line)}
        assert exact(counts, n, frame_bytes(n, 60, 1514)), out
    sockets_work(vm, "mq0", "mq1")


def test_oversize_frame_is_dropped_not_truncated(vm):
    """MTU 9000: every 10th frame a socket sends is 4000 bytes, longer
    than a 2048-byte netmap buffer. Those never arrive (no truncated
    copy either); every other frame does, in order."""
    veth(vm, "gv0", "gv1", mtu=9000)
    n = 1000
    status, counts, out = xfer(vm, "sock:gv1", "netmap:gv0", n,
                               "-l", 60, "-L", 1514, "-J", "4000:10")
    assert status == 0, out
    assert counts["sent"] == n and counts["big"] == 0, out
    assert counts["unique"] == counts["received"] == n - n // 10, out
    sockets_work(vm, "gv0", "gv1")


def nmstat_port(vm, port):
    status, out = vm.run([tool("nmstat"), "-p", port], timeout=60)
    assert status == 0, out
    return json.loads(out)


def test_unpaced_loss_is_all_counted(vm):
    """pkt-gen at full speed may outrun its receiver: whatever rxseq does
    not see is in the rx ring's drops_full or the backlog's drops (never
    lost silently), and nothing arrives twice or out of order. The sender
    is pinned: veth queues each frame on the sending CPU's backlog, so a
    sender that migrates can legitimately reorder frames."""
    veth(vm, "gv0", "gv1")
    pg = tool("pkt-gen")
    n = 100000
    c0, c1 = counters(vm, "gv0"), counters(vm, "gv1")
    status, out = vm.run(
        "%s -n gv1 > /tmp/gv.hold 2>&1 & hold=$!; "
        "%s -i netmap:gv1 -f rxseq -w 0 > /tmp/gv.rx 2>&1 & rx=$!; "
        "sleep 1; %s -i netmap:gv0 -f txseq -n %d -w 0 -a 1 > /tmp/gv.tx "
        "2>&1; wait $rx; sleep 0.5; echo ==stats==; %s -p netmap:gv1; "
        "kill $hold; wait; echo ==out==; cat /tmp/gv.rx /tmp/gv.tx"
        % (prog("nm_hold"), pg, pg, n, tool("nmstat")), timeout=TIMEOUT)
    assert status == 0, out
    parts = dict(zip(*[iter(re.split(r"^==(\w+)==$\n?", out,
                                     flags=re.M)[1:])] * 2))
    m = re.search(r"Sequence: received (\d+) lost (\d+) duplicated 0 "
                  r"reordered 0", parts["out"])
    assert m, out
    received, lost = int(m.group(1)), int(m.group(2))
    stats = json.loads(parts["stats"])
    rx0 = [r for r in stats["ports"][0]["rings"]
           if r["dir"] == "rx" and not r["host"]][0]
    # veth counts a frame the peer's backlog refused in its tx_dropped.
    d0, d1 = delta(c0, counters(vm, "gv0")), delta(c1, counters(vm, "gv1"))
    backlog = d0["tx_dropped"]
    assert rx0["packets"] == received, out
    # rxseq's "lost" counts only gaps before the last frame it saw.
    assert lost <= n - received, out
    assert received + rx0["drops"]["full"] + backlog == n, (d0, out)
    assert d0["tx_packets"] == d1["rx_packets"] == n - backlog, (d0, d1)


def test_deleting_a_held_veth(vm):
    """ip link del while pkt-gen sends on one end and receives on the
    other: both get an error and exit, the log stays clean, the module
    still unloads."""
    veth(vm, "dl0", "dl1")
    pg = tool("pkt-gen")
    status, out = vm.run(
        "%s -i netmap:dl1 -f rx -W -w 0 > /tmp/dl.rx 2>&1 & rx=$!; "
        "%s -i netmap:dl0 -f tx -w 0 -R 20000 > /tmp/dl.tx 2>&1 & tx=$!; "
        "sleep 3; ip link del dl0; echo del=$?; "
        "wait $tx; echo tx_status=$?; wait $rx; echo rx_status=$?; "
        "cat /tmp/dl.tx /tmp/dl.rx; ip link show dl1 2>&1 | head -1"
        % (pg, pg), timeout=300)
    assert "del=0" in out, out
    codes = dict(re.findall(r"(\w+_status)=(\d+)", out))
    assert codes["tx_status"] != "0" and codes["rx_status"] != "0", out
    assert "does not exist" in out, out
    vm.unload_module()
    vm.load_module()


def test_killed_and_downed_holders_give_the_interface_back(vm):
    """SIGKILL with the rings busy, and the link going down and up while
    in netmap mode: afterwards the pair works for plain sockets."""
    veth(vm, "gv0", "gv1")
    pg = tool("pkt-gen")
    status, out = vm.run(
        "%s -i netmap:gv1 -f rx -W -w 0 > /dev/null 2>&1 & rx=$!; "
        "%s -i netmap:gv0 -f tx -w 0 > /dev/null 2>&1 & tx=$!; "
        "sleep 2; ip link set gv0 down; sleep 1; ip link set gv0 up; "
        "sleep 1; kill -9 $tx $rx; wait; "
        "grep -c . /proc/net/dev >/dev/null" % (pg, pg), timeout=300)
    assert status == 0, out
    sockets_work(vm, "gv0", "gv1")
