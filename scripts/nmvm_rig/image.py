"""Build the guest's tiny initramfs: static busybox, the modules needed to
mount the host's root over 9p, and stage1-init.sh as /init."""
import os
import shutil
import subprocess
import tempfile

from . import kernel
from .errors import RigError
from .paths import RIG_DIR, build_dir

# Load order matters: each module's dependencies come before it.
BOOT_MODULES = [
    "virtio_ring", "virtio", "virtio_pci_modern_dev", "virtio_pci_legacy_dev",
    "virtio_pci", "netfs", "fscache", "9pnet", "9pnet_virtio", "9p", "overlay",
]
BUSYBOX_APPLETS = ["sh", "mount", "umount", "insmod", "mkdir", "cat", "sed",
                   "sleep", "switch_root", "echo"]
BUSYBOX = "/bin/busybox"


def _needs_loading(version, name):
    """A kernel of our own (scripts/debug-kernel) has what the boot needs
    built in, and may lack a module altogether (fscache): only a module it
    has as a file is loaded. Debian's kernel must have every one."""
    if not kernel.kernel_dir():
        return True
    found = subprocess.run(["modinfo", "-b", kernel.kernel_dir(), "-k",
                            version, "-n", name],
                           capture_output=True, text=True)
    return found.returncode == 0 and found.stdout.strip() != "(builtin)"


def _module_file(version, name):
    base = ["-b", kernel.kernel_dir()] if kernel.kernel_dir() else []
    try:
        out = subprocess.run(["modinfo"] + base + ["-k", version, "-n", name],
                             capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError) as e:
        raise RigError("module %s not found for kernel %s (is kmod and "
                       "linux-image-%s installed?): %s"
                       % (name, version, version, e)) from None
    path = out.stdout.strip()
    if path.endswith((".xz", ".zst", ".gz")):
        raise RigError("module %s is compressed (%s); busybox insmod in the "
                       "initramfs cannot load it" % (name, path))
    return path


def _check_busybox():
    if not os.path.exists(BUSYBOX):
        raise RigError("%s missing: install busybox-static" % BUSYBOX)
    out = subprocess.run(["file", "-L", BUSYBOX], capture_output=True,
                         text=True).stdout if shutil.which("file") else ""
    if out and "statically linked" not in out:
        raise RigError("%s is not statically linked: install busybox-static"
                       % BUSYBOX)


def _write_cpio_gz(root, f):
    """The tree under root as a gzipped newc cpio archive, into file f."""
    files = subprocess.run(["find", "."], cwd=root, check=True,
                           capture_output=True).stdout
    cpio = subprocess.Popen(["cpio", "-o", "-H", "newc", "--quiet"],
                            cwd=root, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE)
    gz = subprocess.Popen(["gzip", "-1"], stdin=cpio.stdout, stdout=f)
    cpio.stdout.close()
    cpio.communicate(files)
    if gz.wait() or cpio.returncode:
        raise RigError("building the initramfs failed")


def build_initramfs(version):
    """Write the initramfs for kernel `version`; return its path."""
    _check_busybox()
    if not shutil.which("cpio"):
        raise RigError("cpio missing: install cpio")
    out_dir = os.path.join(build_dir(), "nmvm")
    os.makedirs(out_dir, exist_ok=True)
    target = os.path.join(out_dir, "initramfs-%s.cpio.gz" % version)
    with tempfile.TemporaryDirectory(prefix="nmvm-initramfs-") as root:
        for d in ("bin", "modules", "proc", "sys", "dev"):
            os.makedirs(os.path.join(root, d))
        shutil.copy2(BUSYBOX, os.path.join(root, "bin", "busybox"))
        for applet in BUSYBOX_APPLETS:
            os.symlink("busybox", os.path.join(root, "bin", applet))
        loaded = [m for m in BOOT_MODULES if _needs_loading(version, m)]
        for name in loaded:
            shutil.copy2(_module_file(version, name),
                         os.path.join(root, "modules", name + ".ko"))
        with open(os.path.join(root, "modules.order"), "w") as f:
            f.write("".join(m + "\n" for m in loaded))
        shutil.copy2(os.path.join(RIG_DIR, "stage1-init.sh"),
                     os.path.join(root, "init"))
        os.chmod(os.path.join(root, "init"), 0o755)
        # A name of its own: two rigs starting at once (a sweep and a
        # benchmark) each build the image and the last rename wins.
        fd, tmp = tempfile.mkstemp(prefix=os.path.basename(target) + ".",
                                   suffix=".tmp", dir=out_dir)
        try:
            with os.fdopen(fd, "wb") as f:
                _write_cpio_gz(root, f)
            os.replace(tmp, target)
        except BaseException:
            os.unlink(tmp)
            raise
    return target
