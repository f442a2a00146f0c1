"""The kernel checks every ring index, buffer index and length user space
writes, and survives anything written into the shared region.

    nm_badinput:            bad{N master ──pipe N──▶ bad}N slave
                            one corruption per fresh pipe, exact errno,
                            ring put back to the kernel's view

    nm_badinput --garbage:  parent: junk{0 ◀──pipe 0──▶ junk}0 :child
                            random head/cur/tail/slots/header fields
                            between syncs and polls; then rmmod, insmod
"""
import os

from nmvm_rig.paths import build_dir

GARBAGE_SECONDS = 30


def prog(name):
    return os.path.join(build_dir(), "tests", "c", "guest", name)


def ensure_loaded(vm):
    vm.ensure_module()


def pools_whole(vm):
    """Read the default region's pools through sysfs: (name, total, free)
    per pool, and its users and the number of regions."""
    status, out = vm.run("cat /sys/class/misc/netmap/pools")
    assert status == 0, out
    pools, counts = {}, {}
    for line in out.splitlines():
        fields = line.split()
        if fields[0] in ("users", "regions"):
            counts[fields[0]] = int(fields[1])
        else:
            pools[fields[0]] = (int(fields[1]), int(fields[2]))
    return pools, counts


def assert_pools_whole(vm):
    pools, counts = pools_whole(vm)
    # Nobody registered, and no region left but the default one.
    assert counts == {"users": 0, "regions": 1}
    assert sorted(pools) == ["buf", "if", "ring"]
    assert pools["if"][1] == pools["if"][0] > 0
    assert pools["ring"][1] == pools["ring"][0] > 0
    # Buffers 0 and 1 stay reserved.
    assert pools["buf"][1] == pools["buf"][0] - 2 > 0


def test_each_corruption_gives_its_errno(vm):
    status, out = vm.run([prog("nm_badinput")], timeout=600)
    lines = out.splitlines()
    assert "failures=0" in lines, out
    assert "pipes_used=18" in lines, out
    assert status == 0, out
    assert_pools_whole(vm)


def test_garbage_is_survived_and_the_module_unloads(vm):
    try:
        status, out = vm.run([prog("nm_badinput"), "--garbage",
                              str(GARBAGE_SECONDS), "--seed", "20240601"],
                             timeout=GARBAGE_SECONDS * 20 + 120)
        lines = out.splitlines()
        assert status == 0, out
        assert "survived=yes" in lines, out
        roles = [line for line in lines if line.startswith("role=")]
        assert sorted(r.split()[0] for r in roles) == ["role=master",
                                                       "role=slave"], out
        # Every object went back to its pool.
        assert_pools_whole(vm)
        status, out = vm.run(vm.unload_command())
        assert status == 0, out
        vm.load_module()
        # The reloaded module works.
        status, out = vm.run([prog("nm_pipe_seq"), "-n", "10000", "-b",
                              "64", "-p", "afterjunk"], timeout=600)
        assert "received=10000 lost=0 dup=0 bad=0" in out.splitlines(), out
    finally:
        ensure_loaded(vm)
