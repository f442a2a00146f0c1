"""The guest rig's own contract, through the scripts/nmvm command line:
exit status carried out of the guest, bad options refused before a boot,
and the kernel-log check proven able to fail.

    host: scripts/nmvm run ── qemu ── guest: COMMAND (+ test-only module)
"""
import os

from conftest import PROJECT_DIR, run_host
from nmvm_rig.paths import build_dir

NMVM = os.path.join(PROJECT_DIR, "scripts", "nmvm")


def test_command_status_and_output_come_back(build):
    result = run_host([NMVM, "run", "--", "sh", "-c",
                       "test -c /dev/netmap && echo netmap-here; exit 7"],
                      timeout=900)
    assert result.returncode == 7, result.stderr
    assert "netmap-here" in result.stdout


def test_kernel_warning_fails_the_run(build):
    warn_ko = os.path.join(build_dir(), "tests", "kmod", "nm_test_warn.ko")
    assert os.path.exists(warn_ko)
    result = run_host([NMVM, "run", "--no-module", "--", "insmod", warn_ko],
                      timeout=900)
    assert result.returncode == 123, result.stdout + result.stderr
    assert "the guest kernel log reports a problem" in result.stderr
    assert "WARNING:" in result.stderr
    assert "nm_test_warn" in result.stderr


def test_bad_nic_is_refused_without_booting():
    result = run_host([NMVM, "run", "--nic", "ne2k:0", "--", "true"],
                      timeout=60)
    assert result.returncode == 2
    assert "bad --nic 'ne2k:0'" in result.stderr


def test_missing_command_is_a_rig_error():
    result = run_host([NMVM, "run", "--no-module"], timeout=60)
    assert result.returncode == 125
    assert "no command given" in result.stderr


def test_wired_nics_and_icount_clock(build):
    """Two e1000 NICs on one qemu hub see each other; -icount boots."""
    script = ("modprobe e1000 && sleep 1 && n=$(ls /sys/class/net | "
              "grep -c '^eth'); echo nics=$n; "
              "cat /sys/class/net/eth*/address")
    result = run_host([NMVM, "run", "--no-module", "--icount", "0",
                       "--nic", "e1000:0", "--nic", "e1000:0", "--", "sh",
                       "-c", script], timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "nics=2" in result.stdout
    assert "52:54:00:12:00:00" in result.stdout
    assert "52:54:00:12:00:01" in result.stdout
