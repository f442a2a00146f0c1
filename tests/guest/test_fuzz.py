"""A short nmfuzz campaign (scripts/fuzz runs long ones): seeded random
sequences of every call over pipes, lo and veth pairs that vanish under
it, by root, an unprivileged user and a user-namespaced one, with the
pools whole after every round and the module unloading at the end.

    guest, module reloaded with small pools (running out is part of it)
    ┌────────────────────────────────────────────────────────────────────┐
    │ nmfuzz: rounds of 3 workers x 3 threads sharing descriptors         │
    │   root ──────────── fz{N fz}N   fz0═fz1   fzq0═fzq1  (veth, chaos)  │
    │   uid 65534 ─────── its own pipes and region                        │
    │   uid 65534 in its own user+net ns ── its lo, its pipes             │
    └────────────────────────────────────────────────────────────────────┘
"""
import os
import re

from nmvm_rig.paths import build_dir

SECONDS = 60
SEED = 20261202
POOLS = "buf_num=8192 ring_num=48 if_num=24"


def test_short_campaign_finds_nothing(vm):
    fuzz = os.path.join(build_dir(), "tests", "fuzz", "nmfuzz")
    try:
        status, out = vm.run(
            "%s && %s && chmod 0666 /dev/netmap && "
            "%s --seed %d --seconds %d --uid 65534 --veth fz0:fz1 "
            "--veth fzq0:fzq1 --chaos; echo status=$?; "
            "chmod 0600 /dev/netmap; %s; echo rmmod=$?; "
            "ip link del fz0; ip link del fzq0"
            % (vm.unload_command(), vm.load_command(POOLS), fuzz, SEED,
               SECONDS, vm.unload_command()), timeout=SECONDS * 10 + 600)
    finally:
        vm.ensure_module()
    assert status == 0, out
    assert "status=0" in out and "rmmod=0" in out, out
    summary = dict(re.findall(r"(\w+)=(\d+)", [
        line for line in out.splitlines() if line.startswith("rounds=")][0]))
    counts = {k: int(v) for k, v in summary.items()}
    assert counts["findings"] == 0, out
    # It really exercised the module: every kind of operation happened.
    assert counts["rounds"] >= 5, out
    for key in ("registered", "syncs", "polls", "maps", "ring_ops",
                "forks", "link_changes"):
        assert counts[key] > 0, (key, out)
