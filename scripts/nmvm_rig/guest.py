"""Boot a guest, run commands in it over the agent channel, check its log."""
import dataclasses
import json
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time

from . import kernel
from .errors import RigError
from .image import build_initramfs
from .logcheck import D_STATE_SCAN, find_problems, stuck_tasks
from .paths import RIG_DIR, module_path, native_drivers

NIC_MODELS = {"e1000": "e1000", "e1000e": "e1000e",
              "virtio": "virtio-net-pci",
              "virtio-net": "virtio-net-pci",
              "virtio-net-pci": "virtio-net-pci"}


@dataclasses.dataclass
class NicSpec:
    """One emulated NIC: a qemu device model on a qemu hub (a wire)."""
    model: str
    hub: int

    @classmethod
    def parse(cls, text):
        model, sep, hub = text.partition(":")
        if model not in NIC_MODELS or not sep or not hub.isdigit():
            raise RigError("bad --nic %r: want MODEL:HUB with MODEL one of "
                           "%s and HUB a number" % (text, ", ".join(
                               sorted(NIC_MODELS))))
        return cls(NIC_MODELS[model], int(hub))


@dataclasses.dataclass
class GuestConfig:
    smp: int = None  # 2, or 1 under icount
    mem_mb: int = 2048
    icount_shift: int = None
    nics: list = dataclasses.field(default_factory=list)
    accel: str = "auto"
    boot_timeout: float = None  # 180 s; 900 s for a kernel of our own
    interactive: bool = False
    # Debian's own NIC drivers instead of the replacements built for
    # native mode (kmod/drivers/): interfaces then run in generic mode.
    stock_drivers: bool = False


def _builtin(module):
    """Shell test: module is built into the running kernel."""
    return "{ [ -d /sys/module/%s ] && ! [ -e /sys/module/%s/initstate ]; }" \
        % (module, module)


def _want_kvm(accel):
    if accel == "auto":
        # DESIGN.md: decide from the CPU flags, never by a probe boot.
        with open("/proc/cpuinfo") as f:
            flags = f.read()
        return (" vmx" in flags or " svm" in flags) and \
            os.access("/dev/kvm", os.R_OK | os.W_OK)
    if accel not in ("kvm", "tcg"):
        raise RigError("--accel must be kvm, tcg or auto, not %r" % accel)
    return accel == "kvm"


def vcpus(config):
    """The vCPU count. Under -icount QEMU 7.2 hangs the Debian kernel while
    it brings up a second vCPU (seen with sleep=on and off, -cpu max,
    tsc=reliable), so icount guests have one vCPU: every process then takes
    turns on one clock, which is what the icount measure counts anyway."""
    if config.icount_shift is None:
        return config.smp or 2
    if config.smp not in (None, 1):
        raise RigError("--icount runs one vCPU (QEMU hangs bringing up a "
                       "second one under icount); drop --smp %d" % config.smp)
    return 1


def qemu_command(config, version, initramfs, agent_socket, console):
    qemu = shutil.which("qemu-system-x86_64")
    if not qemu:
        raise RigError("qemu-system-x86_64 missing: install qemu-system-x86")
    mode = "shell" if config.interactive else "agent"
    append = ("console=ttyS0 panic=-1 nmvm.mode=%s nmvm.stage2=%s"
              % (mode, os.path.join(RIG_DIR, "stage2-init.sh")))
    if kernel.kernel_dir():
        # The guest's root is the host's: show it this kernel's modules.
        append += " nmvm.modules=" + kernel.modules_dir(version)
    if not config.interactive:
        append += " quiet"
    cmd = [qemu, "-nodefaults", "-no-user-config", "-no-reboot",
           "-display", "none", "-monitor", "none",
           "-m", str(config.mem_mb), "-smp", str(vcpus(config)),
           "-kernel", kernel.image_path(version), "-initrd", initramfs,
           "-append", append,
           "-virtfs", "local,path=/,mount_tag=hostroot,security_model=none,"
           "readonly=on,multidevs=remap",
           "-device", "virtio-serial-pci",
           "-chardev", "socket,id=agent,path=%s,server=on,wait=off"
           % agent_socket,
           "-device", "virtserialport,chardev=agent,name=nmvm.agent"]
    if _want_kvm(config.accel):
        cmd += ["-accel", "kvm", "-cpu", "host"]
    else:
        cmd += ["-accel", "tcg"]
    if config.icount_shift is not None:
        cmd += ["-icount", "shift=%d,sleep=off" % config.icount_shift]
    cmd += ["-serial", "mon:stdio" if config.interactive
            else "file:" + console]
    for i, nic in enumerate(config.nics):
        cmd += ["-netdev", "hubport,id=nic%d,hubid=%d" % (i, nic.hub),
                "-device", "%s,netdev=nic%d,mac=52:54:00:12:%02x:%02x"
                % (nic.model, i, nic.hub, i)]
    return cmd


class Guest:
    """A running guest. Use as a context manager, or start() and stop()."""

    def __init__(self, config=None):
        self.config = config or GuestConfig()
        self.version = kernel.find_kernel()
        self.workdir = None
        self.proc = None
        self.sock = None
        self.pending = b""
        self.kernel_log = []

    # -- lifecycle -------------------------------------------------------

    def start(self):
        initramfs = build_initramfs(self.version)
        self.workdir = tempfile.mkdtemp(prefix="nmvm-")
        agent_socket = os.path.join(self.workdir, "agent.sock")
        self.console = os.path.join(self.workdir, "console.log")
        cmd = qemu_command(self.config, self.version, initramfs,
                           agent_socket, self.console)
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL,
                                     stderr=open(os.path.join(
                                         self.workdir, "qemu.err"), "w"))
        try:
            self._connect(agent_socket)
            hello = self._receive(self.config.boot_timeout or (
                900.0 if kernel.kernel_dir() else 180.0))
            if "ready" not in hello:
                raise RigError("unexpected first message from the guest: %r"
                               % hello)
        except BaseException:
            self.stop()
            raise
        self.check_log()
        return self

    def interact(self):
        """Boot with the console on this terminal; return qemu's status."""
        initramfs = build_initramfs(self.version)
        self.workdir = tempfile.mkdtemp(prefix="nmvm-")
        cmd = qemu_command(self.config, self.version, initramfs,
                           os.path.join(self.workdir, "agent.sock"), None)
        try:
            return subprocess.call(cmd)
        finally:
            shutil.rmtree(self.workdir, ignore_errors=True)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            if self.sock:
                try:
                    self._send({"shutdown": True})
                    self.proc.wait(timeout=60)
                except (OSError, subprocess.TimeoutExpired):
                    pass
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()
        if self.sock:
            self.sock.close()
            self.sock = None
        if self.workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)
            self.workdir = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # -- commands --------------------------------------------------------

    def run(self, argv, timeout=600, cwd=None, echo=None, env=None):
        """Run argv (a list, or a string for sh -c) in the guest.

        Returns (status, output). `echo`, if given, is called with each
        chunk of output as it arrives."""
        if isinstance(argv, str):
            argv = ["sh", "-c", argv]
        from .paths import PROJECT_DIR
        self._send({"argv": list(argv), "cwd": cwd or PROJECT_DIR,
                    "timeout": timeout, "env": env or {}})
        chunks = []
        while True:
            msg = self._receive(timeout + 60)
            if "out" in msg:
                chunks.append(msg["out"])
                if echo:
                    echo(msg["out"])
            elif "rc" in msg:
                return msg["rc"], "".join(chunks)

    def check(self, argv, timeout=600, cwd=None):
        """Run argv; raise RigError with its output unless it exits 0."""
        status, out = self.run(argv, timeout=timeout, cwd=cwd)
        if status != 0:
            raise RigError("%s failed with status %d:\n%s"
                           % (argv if isinstance(argv, str)
                              else " ".join(argv), status, out))
        return out

    def drivers(self):
        """The replacement NIC drivers this guest uses: (name, path)."""
        return [] if self.config.stock_drivers else native_drivers()

    def load_command(self, params="", path=None, drivers=True):
        """Shell command: load netmap.ko (with params), then (drivers)
        swap the stock NIC drivers for the replacements built for native
        mode, which depend on it. Their interfaces come back down."""
        path = path or module_path()
        cmd = "insmod %s %s" % (path, params)
        for name, ko in self.drivers() if drivers else []:
            # A driver built into the kernel (the debug kernel's are)
            # cannot be replaced: its NICs stay in generic mode.
            cmd += (" && if %s; then echo 'nmvm: %s is built into this "
                    "kernel: no native mode' >&2; else { ! [ -d "
                    "/sys/module/%s ] || rmmod %s; } && insmod %s; fi"
                    % (_builtin(name), name, name, name, ko))
        return cmd

    def unload_command(self):
        """Shell command: unload the replacement drivers, then netmap.ko
        (it refuses while a driver uses it); fails if either refuses."""
        cmd = ""
        for name, _ in reversed(self.drivers()):
            cmd += "{ ! [ -e /sys/module/%s/initstate ] || rmmod %s; } && " \
                % (name, name)
        return cmd + "{ ! [ -d /sys/module/netmap ] || rmmod netmap; }"

    def load_module(self, path=None, params="", drivers=True):
        path = path or module_path()
        if not os.path.exists(path):
            raise RigError("%s not built: run cmake --build build" % path)
        status, out = self.run(self.load_command(params, path, drivers))
        if status != 0:
            raise RigError("loading %s failed: %s" % (path, out.strip()))

    def ensure_module(self):
        """netmap.ko and every replacement driver loaded, whatever a test
        left behind."""
        status, _ = self.run("grep -q '^netmap ' /proc/modules")
        if status != 0:
            self.load_module()
            return
        for name, ko in self.drivers():
            status, out = self.run(
                "grep -q '^%s ' /proc/modules || %s || { { ! [ -d "
                "/sys/module/%s ] || rmmod %s; } && insmod %s; }"
                % (name, _builtin(name), name, name, ko))
            if status != 0:
                raise RigError("loading %s failed: %s" % (ko, out.strip()))

    def unload_module(self):
        status, out = self.run(self.unload_command())
        if status != 0:
            raise RigError("unloading netmap failed: " + out.strip())

    def kmemleak_report(self, module="netmap"):
        """On a kernel with kmemleak (the debug kernel), unload the module,
        scan twice (an object must stay unreferenced over two scans to be
        reported) and return the reports whose backtrace names the module.
        None when the kernel has no kmemleak."""
        status, out = self.run(
            "k=/sys/kernel/debug/kmemleak; [ -e $k ] || exit 3; "
            "%s || exit 4; "
            "echo scan > $k; sleep 5; echo scan > $k; cat $k"
            % self.unload_command(), timeout=900)
        if status == 3:
            return None
        if status != 0:
            raise RigError("kmemleak scan failed (%d): %s" % (status, out))
        reports = re.split(r"(?m)^(?=unreferenced object)", out)
        return [r for r in reports if "[%s]" % module in r]

    def check_log(self):
        """Read (and clear) the guest kernel log since the last call, and
        look for tasks stuck in uninterruptible sleep.

        Returns the lines that report kernel bugs and the stuck tasks; all
        log lines are kept in self.kernel_log."""
        status, out = self.run(["dmesg", "--read-clear"], timeout=60)
        if status != 0:
            raise RigError("reading the guest kernel log failed: " + out)
        self.kernel_log.extend(out.splitlines())
        problems = find_problems(out)
        status, scan = self.run(["bash", "-c", D_STATE_SCAN], timeout=60)
        if status != 0:
            raise RigError("scanning the guest's tasks failed: " + scan)
        return problems + stuck_tasks(scan)

    # -- the agent channel -----------------------------------------------

    def _connect(self, path):
        deadline = time.monotonic() + 30
        while True:
            if self.proc.poll() is not None:
                raise RigError("qemu exited at start (status %d):\n%s"
                               % (self.proc.returncode, self._qemu_errors()))
            try:
                self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                self.sock.connect(path)
                return
            except (FileNotFoundError, ConnectionRefusedError):
                self.sock.close()
                self.sock = None
                if time.monotonic() > deadline:
                    raise RigError("qemu did not open the agent socket")
                time.sleep(0.05)

    def _send(self, obj):
        self.sock.sendall((json.dumps(obj) + "\n").encode())

    def _receive(self, timeout):
        deadline = time.monotonic() + timeout
        while b"\n" not in self.pending:
            left = deadline - time.monotonic()
            if left <= 0:
                raise RigError("the guest did not answer within %ds; console "
                               "tail:\n%s" % (timeout, self.console_tail()))
            self.sock.settimeout(min(left, 1.0))
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout:
                if self.proc.poll() is not None:
                    raise RigError("the guest died (qemu status %d); console "
                                   "tail:\n%s" % (self.proc.returncode,
                                                  self.console_tail()))
                continue
            if not chunk:
                raise RigError("the guest closed the agent channel; console "
                               "tail:\n%s" % self.console_tail())
            self.pending += chunk
        line, self.pending = self.pending.split(b"\n", 1)
        return json.loads(line)

    def _qemu_errors(self):
        try:
            with open(os.path.join(self.workdir, "qemu.err")) as f:
                return f.read().strip()
        except OSError:
            return ""

    def console_tail(self, lines=40):
        text = ""
        try:
            with open(self.console, errors="replace") as f:
                text = f.read()
        except (OSError, TypeError):
            pass
        tail = "\n".join(text.splitlines()[-lines:])
        errors = self._qemu_errors()
        return tail + ("\nqemu: " + errors if errors else "")
