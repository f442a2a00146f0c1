"""pytest wiring: one guest per session, a kernel-log check after each test.

Host tests need only the build; guest tests take the `vm` fixture, which
hands them the session's guest (booted once, netmap.ko loaded) and, after
the test, fails it if the guest kernel log shows an oops, BUG, WARNING or
lockup raised meanwhile.
"""
import os
import subprocess
import sys

import pytest

PROJECT_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(PROJECT_DIR, "scripts"))

from nmvm_rig import Guest, GuestConfig, NicSpec  # noqa: E402
from nmvm_rig.paths import build_dir  # noqa: E402


@pytest.fixture(scope="session")
def build():
    """The build tree; the suite runs against what scripts/run-tests built."""
    path = build_dir()
    if not os.path.exists(os.path.join(path, "CMakeCache.txt")):
        pytest.fail("no build in %s: run scripts/run-tests, or cmake -S . "
                    "-B build && cmake --build build" % path)
    return path


# The session guest's emulated NICs: two e1000 wired together on hub 0,
# two virtio-net wired together on hub 1, a second e1000 wire on hub 2
# (a bridge joins the two e1000 wires) and two e1000e (82574L) on hub 3.
# The rig gives NIC i the MAC 52:54:00:12:HUB:i; SESSION_NICS maps a role
# to that MAC.
SESSION_NIC_SPECS = ["e1000:0", "e1000:0", "virtio:1", "virtio:1",
                     "e1000:2", "e1000:2", "e1000e:3", "e1000e:3"]
SESSION_NICS = {
    "e1000-a": "52:54:00:12:00:00", "e1000-b": "52:54:00:12:00:01",
    "virtio-a": "52:54:00:12:01:02", "virtio-b": "52:54:00:12:01:03",
    "e1000-c": "52:54:00:12:02:04", "e1000-d": "52:54:00:12:02:05",
    "e1000e-a": "52:54:00:12:03:06", "e1000e-b": "52:54:00:12:03:07",
}


def guest_nic(vm, role):
    """The guest interface name of a session NIC role, e.g. 'e1000-a'."""
    mac = SESSION_NICS[role]
    status, out = vm.run("for d in /sys/class/net/*; do "
                         "[ \"$(cat $d/address)\" = %s ] && basename $d; "
                         "done; true" % mac, timeout=60)
    name = out.strip()
    assert status == 0 and name, "no guest interface has MAC %s" % mac
    return name


def nic_up(vm, role):
    """The session NIC of this role, up, with carrier, without IPv6."""
    name = guest_nic(vm, role)
    status, out = vm.run(
        "sysctl -qw net.ipv6.conf.%s.disable_ipv6=1; ip link set %s up; "
        "i=0; while [ \"$(cat /sys/class/net/%s/carrier)\" != 1 ]; do "
        "i=$((i+1)); [ $i -gt 300 ] && exit 1; sleep 0.1; done"
        % (name, name, name), timeout=120)
    assert status == 0, "no carrier on %s: %s" % (name, out)
    return name


@pytest.fixture(scope="session")
def session_guest(build):
    guest = Guest(GuestConfig(
        smp=2, mem_mb=2048,
        nics=[NicSpec.parse(n) for n in SESSION_NIC_SPECS]))
    guest.start()
    try:
        guest.load_module()
        yield guest
        leaks = guest.kmemleak_report()
        if leaks:
            pytest.fail("kmemleak reports %d leak(s) from netmap:\n%s"
                        % (len(leaks), "\n".join(leaks)), pytrace=False)
    finally:
        guest.stop()


@pytest.fixture
def vm(session_guest):
    """The session's guest, with the kernel log checked after the test."""
    session_guest.check_log()
    yield session_guest
    problems = session_guest.check_log()
    if problems:
        pytest.fail("guest kernel log reports a problem:\n  "
                    + "\n  ".join(problems), pytrace=False)


def run_host(argv, **kwargs):
    """Run a host command; return the CompletedProcess with text output."""
    return subprocess.run(argv, capture_output=True, text=True, **kwargs)
