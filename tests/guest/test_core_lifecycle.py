"""close() and process exit give back rings, buffers and the module.

    nm_lifecycle:   life{N ── EXCLUSIVE ── close / SIGKILL ── EXCLUSIVE again
                    leakX{N ── 300 x (register + 1000 extra bufs + close)

    rmmod:          nm_lifecycle --hold ── fd on /dev/netmap (life{9)
                    rmmod netmap → "in use"; kill holder; rmmod → ok
"""
import os

import pytest

from nmvm_rig.paths import build_dir


def prog(name):
    return os.path.join(build_dir(), "tests", "c", "guest", name)


def ensure_loaded(vm):
    vm.ensure_module()


def test_close_and_exit_release(vm):
    status, out = vm.run([prog("nm_lifecycle")], timeout=900)
    lines = out.splitlines()
    for check in ("close_releases", "killed_child", "stale_packets",
                  "no_leak"):
        assert "check=%s done" % check in lines, out
    assert "cycles=300" in lines, out
    assert "failures=0" in lines, out
    assert status == 0, out


@pytest.mark.parametrize("hold", ["registered", "open"])
def test_rmmod_refused_while_an_fd_is_open(vm, hold):
    ready = "/tmp/nm_hold.%s" % hold
    # The replacement NIC drivers use netmap.ko too: out first, so that
    # only the descriptor can hold it.
    vm.unload_module()
    vm.load_module(drivers=False)
    script = (
        "rm -f {r}; {p} --hold {r} {x} & pid=$!; i=0; "
        "while [ ! -e {r} ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); "
        "done; rmmod netmap; echo rmmod_open=$?; "
        "kill -9 $pid; wait $pid; "
        "rmmod netmap; echo rmmod_closed=$?").format(
            r=ready, p=prog("nm_lifecycle"),
            x="" if hold == "registered" else "--no-register")
    try:
        status, out = vm.run(script, timeout=300)
        lines = out.splitlines()
        assert "holding=%s" % hold in lines, out
        assert "rmmod_open=0" not in lines, out
        assert "in use" in out, out
        assert "rmmod_closed=0" in lines, out
    finally:
        ensure_loaded(vm)
