"""The kernel-log classifier: real kernel report lines are caught, ordinary
boot and module lines are not."""
from conftest import PROJECT_DIR  # noqa: F401
from nmvm_rig.logcheck import find_problems, stuck_tasks

BAD = [
    "[   12.3] WARNING: CPU: 1 PID: 77 at kmod/ring.c:10 nm_sync+0x1/0x2",
    "[   12.3] BUG: kernel NULL pointer dereference, address: 0000000000000008",
    "[   12.3] kernel BUG at mm/slub.c:379!",
    "[   12.3] Oops: 0002 [#1] PREEMPT SMP NOPTI",
    "[   12.3] general protection fault, probably for non-canonical address",
    "[   12.3] watchdog: BUG: soft lockup - CPU#0 stuck for 22s!",
    "[   12.3] INFO: task pkt-gen:99 blocked for more than 120 seconds.",
    "[   12.3] BUG: KASAN: slab-out-of-bounds in nm_ring_check",
    "[   12.3] UBSAN: array-index-out-of-bounds in kmod/mem.c:5:3",
    "[   12.3] Call Trace:",
    "[   12.3] refcount_t: underflow; use-after-free.",
    "[   12.3] list_del corruption. prev->next should be ffff",
    "[   12.3] unregister_netdevice: waiting for f3v0 to become free. "
    "Usage count = -3",
]
GOOD = [
    "[    0.0] Linux version 6.1.0-56-amd64 (debian-kernel@lists.debian.org)",
    "[    1.2] netmap: API 14, /dev/netmap ready",
    "[    1.3] e1000: Intel(R) PRO/1000 Network Driver",
    "[    1.4] netmap: module verification failed: signature and/or required "
    "key missing - tainting kernel",
    "[    1.5] IPv6: ADDRCONF(NETDEV_CHANGE): veth1: link becomes ready",
]


def test_every_report_kind_is_caught():
    assert find_problems("\n".join(BAD)) == BAD


def test_ordinary_lines_pass():
    assert find_problems("\n".join(GOOD)) == []


def test_problem_among_ordinary_lines_is_found_alone():
    log = "\n".join(GOOD[:2] + [BAD[0]] + GOOD[2:])
    assert find_problems(log) == [BAD[0]]


def test_a_task_in_d_state_in_both_samples_is_stuck():
    scan = "\n".join(["==D1==", "12 kworker/0:1", "40 ip", "==D2==",
                      "40 ip", "77 cat", "==END=="])
    assert stuck_tasks(scan) == ["task 40 ip stuck in D state "
                                 "(uninterruptible)"]


def test_no_task_in_d_state_twice_is_none_stuck():
    scan = "\n".join(["==D1==", "12 kworker/0:1", "==D2==", "==END=="])
    assert stuck_tasks(scan) == []
