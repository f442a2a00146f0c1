"""The API 14 facts a netmap program relies on, checked on pipe ports.

    guest: nm_abi_check ── /dev/netmap ── NIOCCTRL / NIOCREGIF / NIOCGINFO
                               │
           abiX{N, abiX}N ─────┘   pipes only; mmap of region 1:
                                   [ 100 if | 200 rings | 163840 bufs ]

Each check of nm_abi_check runs as its own test, on pipes of its own name.
"""
import os

import pytest

from nmvm_rig.paths import build_dir

# Must match the table at the end of tests/c/guest/nm_abi_check.c.
CHECKS = [
    "pools", "register_reply", "second_register", "mmap_before_register",
    "netmap_if", "rings", "extra_bufs", "modes", "null_mode",
    "one_direction", "exclusive", "header", "vale", "port_info", "names",
    "legacy", "options",
]


def abi_check(*names):
    return [os.path.join(build_dir(), "tests", "c", "guest",
                         "nm_abi_check")] + list(names)


@pytest.mark.parametrize("name", CHECKS)
def test_abi(vm, name):
    status, out = vm.run(abi_check(name), timeout=300)
    lines = out.splitlines()
    assert "check=%s ok" % name in lines, out
    assert "failures=0" in lines, out
    assert status == 0, out


def test_check_list_matches_the_program(vm):
    """Every check the program has is one of the tests above."""
    status, out = vm.run(abi_check(), timeout=600)
    ran = [line.split()[0].split("=", 1)[1] for line in out.splitlines()
           if line.startswith("check=")]
    assert ran == CHECKS, out
    assert "checks=%d" % len(CHECKS) in out, out
