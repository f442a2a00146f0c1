"""Netmap pipes: every packet arrives once, in order, intact, zero-copy,
and every slot handed over is in the peer's rx ring when the call returns.

    guest process tree                      netmap.ko, memory region 1
    ------------------                      --------------------------
    nm_pipe_seq (parent) ── NAME{N ─ tx ring ─┐  pipe N: the rings stay in
                                              │  step, slot i of the rx
    nm_pipe_seq (child)  ── NAME}N ─ rx ring ◀┘  ring shows the buffer of
                                                 tx slot i; a tx slot is
                                                 free again once released
    nm_pipe_swap, nm_pipe_last: one process holding both ends.
"""
import os

import pytest

from nmvm_rig.paths import build_dir

# 1,000,000 packets take a few seconds under KVM and minutes under TCG;
# the bound is only there to end a hung run.
MILLION_TIMEOUT = 3600


def prog(name):
    return os.path.join(build_dir(), "tests", "c", "guest", name)


def run(vm, argv, timeout=600):
    status, out = vm.run(argv, timeout=timeout)
    return status, out, out.splitlines()


@pytest.mark.parametrize("batch", [1, 64, 512])
def test_million_packets_in_order(vm, batch):
    status, out, lines = run(
        vm, [prog("nm_pipe_seq"), "-n", "1000000", "-b", str(batch),
             "-p", "seq%d" % batch], timeout=MILLION_TIMEOUT)
    assert status == 0, out
    assert "sent=1000000" in lines, out
    assert "received=1000000 lost=0 dup=0 bad=0" in lines, out


@pytest.mark.parametrize("count,batch", [(1, 1), (1023, 512), (1024, 512),
                                         (2047, 1023), (5000, 1000)])
def test_ring_boundaries(vm, count, batch):
    """Counts around the ring size, with batches up to the whole ring."""
    status, out, lines = run(
        vm, [prog("nm_pipe_seq"), "-n", str(count), "-b", str(batch),
             "-p", "edge", "-i", "7"])
    assert status == 0, out
    assert "received=%d lost=0 dup=0 bad=0" % count in lines, out


def test_pipes_of_one_name_are_independent(vm):
    """Four pipes of one name at once; none sees another's packets."""
    seq = prog("nm_pipe_seq")
    script = " ".join(
        "%s -n 200000 -b 256 -p multi -i %d > /tmp/multi.%d 2>&1 & " % (
            seq, i, i) for i in (0, 1, 2, 63))
    script += ("wait; for i in 0 1 2 63; do echo pipe=$i; "
               "cat /tmp/multi.$i; done")
    status, out, lines = run(vm, script, timeout=MILLION_TIMEOUT)
    assert status == 0, out
    assert lines.count("received=200000 lost=0 dup=0 bad=0") == 4, out
    assert lines.count("failures=0") == 8, out


def test_bench_mode_reports_a_rate(vm):
    status, out, lines = run(
        vm, [prog("nm_pipe_seq"), "-n", "1000000", "-b", "512",
             "-p", "bench", "--bench"], timeout=MILLION_TIMEOUT)
    assert status == 0, out
    assert "received=1000000 lost=0 dup=0 bad=0" in lines, out
    assert "packets=1000000" in lines, out
    values = dict(line.split("=", 1) for line in lines
                  if line.startswith(("pps=", "seconds=")))
    assert float(values["seconds"]) > 0, out
    assert float(values["pps"]) > 0, out


def pipe_slots(vm, slots):
    """Reload the module with pipe_slots=slots (the default, 1024, is
    what every other test expects)."""
    status, out = vm.run("%s; %s" % (vm.unload_command(), vm.load_command(
        "" if slots == 1024 else "pipe_slots=%d" % slots)))
    assert status == 0, out


@pytest.mark.parametrize("slots", [64, 1024])
@pytest.mark.parametrize("batch", [1, 7, 511, 1023])
def test_last_batch_is_delivered_by_its_txsync(vm, slots, batch):
    """No frame waits in the tx ring for a later system call: a sender
    may send its last partial batch with one NIOCTXSYNC and close."""
    total = 3 * slots + batch // 2 + 1
    if slots != 1024:
        pipe_slots(vm, slots)
    try:
        status, out, lines = run(vm, [prog("nm_pipe_last"), "-b",
                                      str(batch), "-n", str(total), "-p",
                                      "last%d" % batch], timeout=900)
    finally:
        if slots != 1024:
            pipe_slots(vm, 1024)
    assert status == 0, out
    assert "slots=%d batch=%d total=%d" % (slots, batch, total) in lines
    assert "failures=0" in lines, out
    m = [line for line in lines if line.startswith("sent=")]
    assert m and m[0].startswith("sent=%d released=%d " % (total, total)), out


def test_zero_copy_swap_and_morefrag(vm):
    status, out, lines = run(vm, [prog("nm_pipe_swap")])
    assert status == 0, out
    assert "swap_checks=done" in lines, out
    assert "failures=0" in lines, out
