"""Native mode on e1000 and e1000e: the NIC's own descriptor rings on
netmap buffers, through the replacement drivers built from Debian's
source (kmod/drivers/). Every test runs once per driver, with
admode=native, so a silent fallback to the generic adapter fails instead
of passing.

    guest                                        netns nvB (stack tests)
    ┌───────────────────────────────────────────┬──────────────────────┐
    │ pkt-gen tx ─ netmap:A ══ qemu hub ════════╪═ netmap:B ─ pkt-gen rx│
    │   (e1000-a on hub 0, e1000e-a on hub 3)   │  (e1000-b, e1000e-b) │
    │ 10.98.0.1 ───────── ping ─────────────────┼─ 10.98.0.2           │
    └───────────────────────────────────────────┴──────────────────────┘

An emulated NIC drops what arrives while its rx ring is full (qemu's
e1000 has no flow control toward the sender; qemu's e1000e holds such
frames back, and its hub can then deliver them out of order), so senders
are rate limited well below what the guest sustains, the receivers run
pinned to the other vCPU, and the rings have 1024 descriptors (a 50 ms
stall of the receiver fits): counts and order must then be exact. Rates
are measured by scripts/bench-native, not here.
"""
import json
import os
import re

import pytest

from conftest import guest_nic, nic_up
from nmvm_rig.paths import build_dir
from test_core_badinput import assert_pools_whole
from test_pktgen import pair, parse_dump, ones_complement, summary

PPS = 20000
RING = 1024
TX_CPU = ["-a", "0"]
RX_CPU = ["-a", "1"]
ADMODE = "/sys/module/netmap/parameters/admode"


def prog(name):
    return os.path.join(build_dir(), "tests", "c", "guest", name)


def tool(name):
    return os.path.join(build_dir(), "tools", name, name)


@pytest.fixture(params=["e1000", "e1000e"])
def driver(request):
    """The driver (and the session NIC pair) a test runs on."""
    return request.param


def ring_size(vm, names, n):
    """n descriptors each way; a resize resets the NIC, so only where the
    size differs (the rings stay so for the session's later tests)."""
    vm.check("; ".join(
        "ethtool -g %s | awk '/^Current/ {c=1} c && /^RX:/ {r=$2} "
        "c && /^TX:/ {t=$2} END {exit !(r == %d && t == %d)}' || "
        "ethtool -G %s rx %d tx %d" % (d, n, n, d, n, n) for d in names))


@pytest.fixture
def native(vm, driver):
    """admode=native for the test; the driver's two NICs (one wire) up,
    with RING descriptors each way; their names."""
    vm.check("echo native > %s" % ADMODE)
    ring_size(vm, (guest_nic(vm, driver + "-a"),
                   guest_nic(vm, driver + "-b")), RING)
    try:
        yield nic_up(vm, driver + "-a"), nic_up(vm, driver + "-b")
    finally:
        vm.run("echo best > %s" % ADMODE)


def steps(out):
    """nm_try's lines as (step, errno name): "reg eth0: 0 mem_id=1" is
    ("reg", "0")."""
    return re.findall(r"^(\w+)(?: [^:\n]*)?: (\S+)", out, re.M)


def port_kinds(vm):
    out = vm.check(tool("nmstat"))
    return {p["name"]: p["kind"] for p in json.loads(out)["ports"]}


def test_lookup_prefers_native_and_admode_forces_either(vm, native):
    a, _ = native
    hold = ("%s %s > /tmp/hold.out & h=$!; "
            "i=0; until grep -q ready /tmp/hold.out || [ $i -gt 600 ]; do "
            "i=$((i+1)); sleep 0.1; done; %s; kill $h; wait $h; true")
    for mode, kind in (("native", "native"), ("best", "native"),
                       ("generic", "generic")):
        vm.check("echo %s > %s" % (mode, ADMODE))
        out = vm.check(hold % (prog("nm_hold"), a, tool("nmstat")))
        doc = [line for line in out.splitlines() if line.startswith("{")]
        assert len(doc) == 1, out
        ports = {p["name"]: p for p in json.loads(doc[0])["ports"]}
        assert ports[a]["kind"] == kind, (mode, ports[a])
        if kind == "native":
            # The NIC's own ring: its descriptors each way.
            assert (ports[a]["tx_rings"], ports[a]["rx_rings"]) == (1, 1)
            assert (ports[a]["tx_slots"], ports[a]["rx_slots"]) == \
                (RING, RING)
    assert_pools_whole(vm)


def test_native_only_refuses_an_interface_without_a_driver(vm):
    vm.check("echo native > %s; "
             "ip link add name nvx0 type veth peer name nvx1" % ADMODE)
    try:
        out = vm.check("%s reg nvx0 all_nic; echo best > %s; "
                       "%s reg nvx0 all_nic" % (prog("nm_try"), ADMODE,
                                                prog("nm_try")))
        assert steps(out) == [("reg", "EOPNOTSUPP"), ("reg", "0")], out
    finally:
        vm.run("ip link del nvx0; echo best > %s" % ADMODE)


def test_txseq_into_rxseq_is_exact(vm, native):
    a, b = native
    n = 100000
    rs, rx, ts, tx = pair(
        vm, ["-i", "netmap:" + b, "-f", "rxseq", "-w", "5"] + RX_CPU,
        ["-i", "netmap:" + a, "-f", "txseq", "-n", str(n), "-w", "5",
         "-R", str(PPS)] + TX_CPU, timeout=1800, settle=2)
    assert (rs, ts) == (0, 0), rx + tx
    assert summary(tx, "Sent") == (n, 60 * n), tx
    assert summary(rx, "Received") == (n, 60 * n), rx
    assert ("Sequence: received %d lost 0 duplicated 0 reordered 0" % n) \
        in rx, rx
    assert_pools_whole(vm)


def test_payload_bytes_and_lengths_cross_unchanged(vm, native):
    """Frames of 60 to 1514 bytes arrive byte for byte, CRC stripped: the
    lengths are exact and every IP and UDP checksum still adds up."""
    a, b = native
    rs, rx, ts, tx = pair(
        vm, ["-i", "netmap:" + b, "-f", "rx", "-n", "40", "-X", "-w", "5"]
        + RX_CPU,
        ["-i", "netmap:" + a, "-f", "tx", "-n", "40", "-l", "60", "-l",
         "1514", "-R", "1000", "-w", "5"] + TX_CPU, timeout=600, settle=2)
    assert (rs, ts) == (0, 0), rx + tx
    frames = parse_dump(rx)
    assert len(frames) == 40, rx
    assert summary(rx, "Received") == summary(tx, "Sent"), rx + tx
    lengths = {len(f) for f in frames}
    assert len(lengths) > 1 and max(lengths) <= 1514, lengths
    for f in frames:
        ip, udp = f[14:34], f[34:]
        assert ones_complement(ip) == 0xffff, ip.hex()
        assert int.from_bytes(ip[2:4], "big") == len(f) - 14
        pseudo = ip[12:20] + b"\0\x11" + udp[4:6]
        assert ones_complement(pseudo + udp) == 0xffff, f.hex()


def in_netns(vm, a, b):
    """B in namespace nvB, 10.98.0.1 on A and 10.98.0.2 on B."""
    vm.check("ip netns del nvB 2>/dev/null; ip netns add nvB && "
             "ip link set %s netns nvB && "
             "ip -n nvB link set lo up && ip -n nvB link set %s up && "
             "ip -n nvB addr add 10.98.0.2/24 dev %s && "
             "ip addr add 10.98.0.1/24 dev %s && "
             "i=0; until ip netns exec nvB cat /sys/class/net/%s/carrier "
             "2>/dev/null | grep -q 1 || [ $i -gt 300 ]; do "
             "i=$((i+1)); sleep 0.1; done" % (b, b, b, a, b), timeout=120)


def out_of_netns(vm, a, b):
    vm.run("ip addr flush dev %s; ip -n nvB link set %s netns 1; "
           "ip netns del nvB" % (a, b), timeout=120)


def ping(vm, a):
    """Three pings from A to B, once A has carrier: leaving netmap mode
    resets the NIC, and its link takes a moment to come back."""
    status, out = vm.run(
        "i=0; until [ \"$(cat /sys/class/net/%s/carrier)\" = 1 ] || "
        "[ $i -gt 300 ]; do i=$((i+1)); sleep 0.1; done; "
        "busybox ping -c 3 -W 5 10.98.0.2" % a, timeout=120)
    return status, out


def test_stack_works_before_and_after_a_netmap_session(vm, native):
    """Out of netmap mode the patched driver is the stock one: ping goes
    across before and after pkt-gen held the NIC natively (and while it
    holds it, the stack's frames go to the host ring, not the wire)."""
    a, b = native
    in_netns(vm, a, b)
    try:
        status, out = ping(vm, a)
        assert status == 0, out
        out = vm.check("%s -i netmap:%s -f tx -n 20000 -R %d -w 5; "
                       "ip -s link show %s" % (tool("pkt-gen"), a, PPS, a),
                       timeout=600)
        assert summary(out, "Sent") == (20000, 1200000), out
        assert port_kinds(vm) == {}, "a port is left behind"
        status, out = ping(vm, a)
        assert status == 0, out
    finally:
        out_of_netns(vm, a, b)
    assert_pools_whole(vm)


def test_register_and_unregister_under_traffic(vm, native):
    """B enters and leaves netmap mode 20 times (a NIC reset each way)
    while A sends at it; afterwards the stack still works over B."""
    a, b = native
    # The sender runs until the cycles are done, then is told to stop.
    script = ("%s -i netmap:%s -f tx -R %d -w 5 > /tmp/tx.out "
              "2>&1 & t=$!; sleep 2; i=0; while [ $i -lt 20 ]; do "
              "%s reg %s all_nic rx || exit 9; i=$((i+1)); done; "
              "kill -INT $t; wait $t; echo tx_status=$?; cat /tmp/tx.out"
              % (tool("pkt-gen"), a, PPS, prog("nm_try"), b))
    out = vm.check(script, timeout=1800)
    assert "tx_status=0" in out and summary(out, "Sent")[0] > 0, out
    assert steps(out).count(("reg", "0")) == 20, out
    in_netns(vm, a, b)
    try:
        status, out = ping(vm, a)
        assert status == 0, out
    finally:
        out_of_netns(vm, a, b)
    assert_pools_whole(vm)


@pytest.mark.parametrize("driver", ["e1000"])
def test_kill_9_while_transmitting(vm, native, driver):
    a, b = native
    out = vm.check("%s -i netmap:%s -f tx -w 5 > /tmp/tx.out 2>&1 & t=$!; "
                   "sleep 4; kill -9 $t; wait $t; echo status=$?"
                   % (tool("pkt-gen"), a), timeout=600)
    assert "status=137" in out, out
    assert port_kinds(vm) == {}
    assert_pools_whole(vm)
    in_netns(vm, a, b)
    try:
        status, out = ping(vm, a)
        assert status == 0, out
    finally:
        out_of_netns(vm, a, b)


def test_link_down_and_up_while_transmitting(vm, native):
    """ip link down/up resets the NIC under a running sender: the port
    stays in netmap mode, the sender waits while the link is down and
    goes on after; what the receiver misses is at most what was on the
    wire at the reset."""
    a, b = native
    n = 60000
    # The receiver runs until told (-W): the sender pauses for longer than
    # the receiver's idle timeout while the link comes back.
    script = (
        "%s -i netmap:%s -f rxseq -W -w 5 %s > /tmp/rx.out 2>&1 & r=$!; "
        "sleep 2; %s -i netmap:%s -f txseq -n %d -R %d -w 5 %s "
        "> /tmp/tx.out 2>&1 & t=$!; sleep 2; ip link set %s down; sleep 1; "
        "ip link set %s up; wait $t; echo tx_status=$?; sleep 2; "
        "kill -INT $r; wait $r; echo rx_status=$?; "
        "cat /tmp/tx.out /tmp/rx.out"
        % (tool("pkt-gen"), b, " ".join(RX_CPU), tool("pkt-gen"), a, n, PPS,
           " ".join(TX_CPU), a, a))
    out = vm.check(script, timeout=1800)
    assert "tx_status=0" in out and "rx_status=0" in out, out
    assert summary(out, "Sent") == (n, 60 * n), out
    m = re.search(r"Sequence: received (\d+) lost (\d+) duplicated (\d+)",
                  out)
    assert m, out
    got, lost, dup = map(int, m.groups())
    assert dup == 0 and got + lost == n and lost <= RING, out
    assert_pools_whole(vm)


def pci_address(vm, name):
    return os.path.basename(vm.check(
        "readlink -f /sys/class/net/%s/device" % name).strip())


def test_unbind_while_registered(vm, native, driver):
    """The driver lets go of the NIC under a registered descriptor: the
    port dies (its next sync fails with ENXIO, no oops), and the NIC,
    bound again, works in the stack and natively."""
    a, _ = native
    pci = pci_address(vm, a)
    script = ("rm -f /tmp/unbound; %s reg %s all_nic tx 10 wait /tmp/unbound "
              "tx 10 rx > /tmp/try.out 2>&1 & t=$!; sleep 3; "
              "echo %s > /sys/bus/pci/drivers/%s/unbind && "
              "touch /tmp/unbound; wait $t; cat /tmp/try.out; "
              "echo %s > /sys/bus/pci/drivers/%s/bind"
              % (prog("nm_try"), a, pci, driver, pci, driver))
    out = vm.check(script, timeout=600)
    assert steps(out) == [("reg", "0"), ("tx", "0"), ("wait", "0"),
                          ("tx", "ENXIO"), ("rx", "ENXIO")], out
    assert_pools_whole(vm)
    a = nic_up(vm, driver + "-a")
    out = vm.check("%s -i netmap:%s -f tx -n 1000 -w 5" % (tool("pkt-gen"),
                                                           a), timeout=600)
    assert summary(out, "Sent") == (1000, 60000), out


def test_module_unload_order(vm, native, driver):
    """netmap.ko cannot go while the driver uses it; the driver can go
    while a port is registered on its NIC (the port dies, ENXIO); then
    both come back."""
    a, _ = native
    ko = [path for name, path in vm.drivers() if name == driver]
    assert ko, "no replacement %s built" % driver
    script = ("rmmod netmap 2>/dev/null; echo rmmod_netmap=$?; "
              "rm -f /tmp/gone; %s reg %s all_nic wait /tmp/gone tx 1 "
              "> /tmp/try.out 2>&1 & t=$!; sleep 3; rmmod %s; "
              "echo rmmod_driver=$?; touch /tmp/gone; wait $t; "
              "cat /tmp/try.out; insmod %s" % (prog("nm_try"), a, driver,
                                               ko[0]))
    out = vm.check(script, timeout=600)
    assert "rmmod_netmap=0" not in out and "rmmod_netmap=" in out, out
    assert "rmmod_driver=0" in out, out
    assert steps(out) == [("reg", "0"), ("wait", "0"), ("tx", "ENXIO")], out
    assert_pools_whole(vm)
    nic_up(vm, driver + "-a")


def test_frames_longer_than_a_buffer_arrive_as_chains(vm, native, driver):
    """With 1024-byte buffers the NIC is told that size (it never writes
    past a buffer): a 1514-byte frame spans two descriptors and arrives as
    a chain, NS_MOREFRAG on its first slot. e1000 hands over the CRC too,
    which comes off the chain's tail: a 1022-byte frame's CRC straddles
    two descriptors and is taken off both. e1000e strips it itself, so
    that frame fits one descriptor."""
    vm.check("%s && %s" % (vm.unload_command(),
                           vm.load_command("buf_size=1024 admode=native")))
    try:
        a, b = nic_up(vm, driver + "-a"), nic_up(vm, driver + "-b")
        script = (
            "rm -f /tmp/sent; %s reg %s all_nic wait /tmp/sent rx slots "
            "> /tmp/try.out 2>&1 & t=$!; sleep 2; i=0; "
            "until [ \"$(cat /sys/class/net/%s/carrier)\" = 1 ] || "
            "[ $i -gt 300 ]; do i=$((i+1)); sleep 0.1; done; "
            "%s -i %s -f sendto -n 1 -l 1514 >/dev/null && "
            "%s -i %s -f sendto -n 1 -l 1022 >/dev/null; sleep 1; "
            "touch /tmp/sent; wait $t; cat /tmp/try.out"
            % (prog("nm_try"), b, b, tool("sock-gen"), a, tool("sock-gen"),
               a))
        out = vm.check(script, timeout=600)
    finally:
        vm.check("%s && %s" % (vm.unload_command(), vm.load_command()))
        vm.ensure_module()
    assert steps(out)[:3] == [("reg", "0"), ("wait", "0"), ("rx", "0")], out
    slots = re.findall(r"^slot: len=(\d+) more=(\d)$", out, re.M)
    want = {"e1000": [("1024", "1"), ("490", "0"), ("1022", "1"),
                      ("0", "0")],
            "e1000e": [("1024", "1"), ("490", "0"), ("1022", "0")]}
    assert slots == want[driver], out
