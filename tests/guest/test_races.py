"""Races and failing allocations that once crashed the module; each test
reproduces its trigger, and the session's kernel-log check (oops, BUG,
list corruption, a device reference never dropped, a task stuck in D
state) fails it if the kernel did not survive.

    ifpool:   netmap_if pool full ── fd: REGISTER race{k (fails, ENOMEM)
                                     └─ thread 2: rxsync, txsync, poll
    bufpool:  buffer pool nearly empty ── REGISTER nmrb0 fails at each of
              its rings ── PORT_INFO_GET lo ── ip link del nmrb0
    flap:     REGISTER + close nmrf0 ──┐ at once
              ip link del/add nmrf0 ───┘
"""
import os
import re

from nmvm_rig.paths import build_dir


def prog(name):
    return os.path.join(build_dir(), "tests", "c", "guest", name)


def counts(out):
    return {k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", out)}


def test_failed_register_is_never_seen_by_another_thread(vm):
    status, out = vm.run([prog("nm_race"), "ifpool", "10"], timeout=600)
    assert status == 0, out
    c = counts(out)
    assert c["filled"] == 100, out        # the default if_num
    assert c["tries"] > 100 and c["enomem"] == c["tries"], out
    assert c["syncs"] > 0 and c["enxio"] == c["syncs"], out
    assert c["polls"] > 0 and c["pollerr"] == c["polls"], out


def test_creation_failing_at_any_ring_releases_everything(vm):
    status, out = vm.run(
        "ip link del nmrb0 2>/dev/null; "
        "ip link add name nmrb0 type veth peer name nmrb1 || exit 1; "
        "%s bufpool nmrb0; rc=$?; "
        "timeout 30 ip link del nmrb0; echo del=$?; exit $rc"
        % prog("nm_race"), timeout=600)
    lines = out.splitlines()
    assert status == 0, out
    for level in (0, 500, 1500, 2500, 3500):
        assert "level=%d done" % level in lines, out
    assert "failures=0" in lines, out
    # The device was given back: its deletion did not wait for a
    # reference the failed creation kept or dropped twice.
    assert "del=0" in lines, out


def test_interface_deleted_and_readded_during_registration(vm):
    status, out = vm.run(
        "ip link del nmrf0 2>/dev/null; "
        "ip link add name nmrf0 type veth peer name nmrf1 || exit 1; "
        "( end=$(( $(date +%%s) + 10 )); while [ $(date +%%s) -lt $end ]; "
        "do ip link del nmrf0; ip link add name nmrf0 type veth peer name "
        "nmrf1; done ) & %s flap nmrf0 10; rc=$?; wait; "
        "ip link del nmrf0 2>/dev/null; exit $rc" % prog("nm_race"),
        timeout=600)
    assert status == 0, out
    c = counts(out)
    assert c["other"] == 0, out
    # Both outcomes happened: the race was really run.
    assert c["ok"] > 0 and c["enxio"] > 0, out
