"""netmap.ko in the guest: the device appears, and the module loads and
unloads repeatedly with a clean kernel log.

    host ── qemu (TCG) ── guest: Debian kernel + netmap.ko ── /dev/netmap
"""
import os

from nmvm_rig.paths import module_path


def test_dev_netmap_is_a_misc_char_device(vm):
    status, out = vm.run("stat -c '%F %t' /dev/netmap")
    assert status == 0, out
    # misc devices have major 10 (0xa)
    assert out.split() == ["character", "special", "file", "a"]


def test_module_reports_its_api_version(vm):
    vm.unload_module()
    seen = len(vm.kernel_log)
    vm.load_module()
    vm.check_log()
    assert "netmap: API 14, /dev/netmap ready" in "\n".join(
        vm.kernel_log[seen:])


def test_load_unload_twenty_times(vm):
    path = module_path()
    script = ("%s && i=0 && while [ $i -lt 20 ]; do "
              "insmod %s || exit 10; test -c /dev/netmap || exit 11; "
              "rmmod netmap || exit 12; test ! -e /dev/netmap || exit 13; "
              "i=$((i+1)); done; echo cycles=$i; %s"
              % (vm.unload_command(), path, vm.load_command()))
    status, out = vm.run(script, timeout=300)
    assert status == 0, out
    assert "cycles=20" in out
    assert os.path.basename(path) == "netmap.ko"
    assert vm.check_log() == []


def test_bad_pool_parameters_are_refused(vm):
    """slot.len is 16 bits: a buffer size it cannot say is refused at load
    (aligned to 64, 65472 is the largest); so are empty other regions."""
    path = module_path()
    script = (vm.unload_command() + "; "
              "for p in buf_size=65473 buf_size=65536 "
              "other_buf_num=2 other_if_num=0; do insmod %s $p 2>/dev/null; "
              "echo \"$p=$?\"; rmmod netmap 2>/dev/null; done; "
              "insmod %s buf_size=65472 buf_num=1024 && echo max=ok && "
              "rmmod netmap; %s" % (path, path, vm.load_command()))
    status, out = vm.run(script, timeout=300)
    assert status == 0, out
    for p in ("buf_size=65473", "buf_size=65536", "other_buf_num=2",
              "other_if_num=0"):
        assert "%s=0" % p not in out and "%s=" % p in out, out
    assert "max=ok" in out, out
    # The refusals are reported as errors, not kernel bugs.
    assert vm.check_log() == []
