"""poll() on a pipe end sleeps until the other end acts.

    reader:  parent ── wake}0 rx (empty) ◀── wake{0 tx ── child
             poll(POLLIN, 20 s)               sleeps 0.5 s, sends 1
    writer:  parent ── wake{1 tx (full) ──▶ wake}1 rx (full) ── child
             poll(POLLOUT, 20 s)              sleeps 0.5 s, frees 100
"""
import os

from nmvm_rig.paths import build_dir


def test_blocked_reader_and_writer_wake(vm):
    status, out = vm.run([os.path.join(build_dir(), "tests", "c", "guest",
                                       "nm_poll_wake")], timeout=300)
    lines = out.splitlines()
    assert "test=reader done" in lines, out
    assert "test=writer done" in lines, out
    assert "writer_room=100" in lines, out
    assert "failures=0" in lines, out
    assert status == 0, out
