"""Generic transmit at the edges of what a device takes: frames longer
than its MTU, a queue taken away by ethtool -L while in netmap mode, a
device that must not be given shared skbs (VLAN), and netconsole sending
from netpoll with interrupts off while the device is in netmap mode.

    nm_try ── netmap:ge0 ═══ veth, MTU 1500 ═══ ge1   (counts at ge1)
    nm_try ── netmap:gq0-3 ═══ veth, 4 queues, then 2 ═══ gq1
    nm_try ── netmap:gv0.7 ── VLAN 7 on gv0 ═══ veth ═══ gv1 ── gv1.7
    netconsole ─▶ gn0 (netmap:gn0*, 10.77.0.1) ═══ veth ═══ gn1
"""
import json
import os

import pytest

from nmvm_rig.paths import build_dir

TRY = "/tmp/nm_try"


def prog(name):
    return os.path.join(build_dir(), "tests", "c", "guest", name)


def tool(name):
    return os.path.join(build_dir(), "tools", name, name)


@pytest.fixture
def vmtry(vm):
    status, out = vm.run("cp %s %s" % (prog("nm_try"), TRY))
    assert status == 0, out
    return vm


def counter(vm, dev, name):
    status, out = vm.run("cat /sys/class/net/%s/statistics/%s" % (dev, name))
    assert status == 0, out
    return int(out)


def veth(vm, a, b, queues=1):
    q = " numtxqueues %d numrxqueues %d" % (queues, queues)
    status, out = vm.run(
        "ip link del %s 2>/dev/null; ip link add name %s%s type veth peer "
        "name %s%s && for d in %s %s; do "
        "sysctl -qw net.ipv6.conf.$d.disable_ipv6=1; ip link set $d up; done"
        % (a, a, q, b, q, a, b))
    assert status == 0, out


def held(vm, steps, then):
    """nm_try STEPS, holding its descriptors while `then` runs (once the
    steps reach "touch /tmp/ge.ready", at their end if they do not say);
    returns (nm_try's output, then's output)."""
    if "/tmp/ge.ready" not in steps:
        steps += " touch /tmp/ge.ready"
    status, out = vm.run(
        "rm -f /tmp/ge.ready /tmp/ge.done; %s %s "
        "wait /tmp/ge.done > /tmp/ge.out & i=0; "
        "while [ ! -e /tmp/ge.ready ] && [ $i -lt 300 ]; do sleep 0.1; "
        "i=$((i+1)); done; echo ==then; %s; touch /tmp/ge.done; wait; "
        "echo ==try; cat /tmp/ge.out" % (TRY, steps, then), timeout=180)
    assert status == 0, out
    then_out, try_out = out.split("==then\n", 1)[1].split("==try\n", 1)
    return try_out, then_out


def test_frames_longer_than_the_mtu_are_dropped_and_counted(vmtry):
    vm = vmtry
    veth(vm, "ge0", "ge1")
    try:
        before = counter(vm, "ge1", "rx_packets")
        tried, stat = held(vm, "reg ge0 all_nic tx 5 1600 tx 5 1518 tx 5 "
                           "1519", "%s -p netmap:ge0" % tool("nmstat"))
        after = counter(vm, "ge1", "rx_packets")
    finally:
        vm.run("ip link del ge0")
    assert "tx 5: 0 queued=5" in tried, tried
    doc = json.loads(stat)
    ring = [r for r in doc["ports"][0]["rings"]
            if r["dir"] == "tx" and not r["host"]][0]
    # 1518 = MTU 1500 + an Ethernet header + a VLAN tag: taken; longer: not.
    assert ring["packets"] == 5, ring
    assert ring["drops"]["oversize"] == 10, ring
    assert after - before == 5


def test_queue_shrunk_under_a_registered_port(vmtry):
    vm = vmtry
    veth(vm, "gs0", "gs1", queues=4)
    try:
        tx0 = counter(vm, "gs0", "tx_dropped")
        rx0 = counter(vm, "gs1", "rx_packets")
        tried, out = held(
            vm, "reg gs0 one_nic/3 touch /tmp/ge.ready wait /tmp/ge.shrunk "
            "tx 10",
            "ethtool -L gs0 tx 2 rx 2 && ethtool -L gs1 tx 2 rx 2 && "
            "touch /tmp/ge.shrunk && sleep 1 && echo shrunk")
        tx1 = counter(vm, "gs0", "tx_dropped")
        rx1 = counter(vm, "gs1", "rx_packets")
    finally:
        vm.run("ip link del gs0; rm -f /tmp/ge.shrunk")
    assert "shrunk" in out, out
    assert "tx 10: 0 queued=10" in tried, tried
    # Queue 3 is gone: the ten frames are dropped and counted, not sent
    # into a queue the driver no longer has.
    assert tx1 - tx0 == 10 and rx1 - rx0 == 0, (tx0, tx1, rx0, rx1)


def test_vlan_device_gets_skbs_of_its_own(vmtry):
    """A VLAN device clears IFF_TX_SKB_SHARING (it writes into the skb):
    every frame gets a fresh skb, and every frame arrives tagged."""
    vm = vmtry
    veth(vm, "gv0", "gv1")
    status, out = vm.run(
        "ip link add link gv0 name gv0.7 type vlan id 7 && "
        "ip link add link gv1 name gv1.7 type vlan id 7 && "
        "sysctl -qw net.ipv6.conf.gv0/7.disable_ipv6=1 && "
        "sysctl -qw net.ipv6.conf.gv1/7.disable_ipv6=1 && "
        "ip link set gv0.7 up && ip link set gv1.7 up")
    assert status == 0, out
    try:
        before = counter(vm, "gv1.7", "rx_packets")
        tried, _ = held(vm, "reg gv0.7 all_nic tx 50 tx 50 100", "true")
        after = counter(vm, "gv1.7", "rx_packets")
    finally:
        vm.run("ip link del gv0")
    assert "tx 50: 0 queued=50" in tried, tried
    assert after - before == 100


def test_netconsole_on_a_device_in_netmap_mode(vmtry):
    """netpoll transmits with interrupts off: the module drops those
    frames (counted in tx_dropped) instead of taking a ring lock there."""
    vm = vmtry
    veth(vm, "gn0", "gn1")
    status, out = vm.run(
        "ip addr add 10.77.0.1/24 dev gn0 && ip addr add 10.77.0.2/24 dev "
        "gn1 && modprobe netconsole "
        "netconsole=6665@10.77.0.1/gn0,6666@10.77.0.2/ff:ff:ff:ff:ff:ff")
    assert status == 0, out
    try:
        before = counter(vm, "gn0", "tx_dropped")
        tried, _ = held(vm, "reg gn0 nic_sw",
                        "for i in 1 2 3; do echo '<0>nm-netpoll-probe' > "
                        "/dev/kmsg; done")
        after = counter(vm, "gn0", "tx_dropped")
    finally:
        vm.run("rmmod netconsole; ip link del gn0")
    assert "reg gn0: 0" in tried, tried
    assert after - before >= 3, (before, after)
