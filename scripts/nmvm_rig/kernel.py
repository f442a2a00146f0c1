"""Find the guest kernel: an installed Debian kernel image whose headers are
installed too, so the module built against those headers loads in it; or,
with $NMVM_KERNEL_DIR, a kernel built by scripts/debug-kernel (vmlinuz,
release, build/ and lib/modules/RELEASE in that folder)."""
import os
import re

from .errors import RigError


def _version_key(version):
    return [int(p) if p.isdigit() else p for p in re.split(r"[.-]", version)]


def installed_kernels():
    """Versions with both /boot/vmlinuz-V and /lib/modules/V/build."""
    found = []
    for name in os.listdir("/boot"):
        if not name.startswith("vmlinuz-"):
            continue
        version = name[len("vmlinuz-"):]
        if os.path.isdir(os.path.join("/lib/modules", version, "build")):
            found.append(version)
    return sorted(found, key=_version_key)


def kernel_dir():
    """$NMVM_KERNEL_DIR: a kernel of our own instead of an installed one."""
    return os.environ.get("NMVM_KERNEL_DIR") or None


def find_kernel():
    """The release in $NMVM_KERNEL_DIR if set; else $NMVM_KERNEL if set,
    else the newest installed kernel with matching headers."""
    own = kernel_dir()
    if own:
        try:
            with open(os.path.join(own, "release")) as f:
                return f.read().strip()
        except OSError as e:
            raise RigError("NMVM_KERNEL_DIR=%s: no kernel built there (%s); "
                           "run scripts/debug-kernel" % (own, e)) from None
    wanted = os.environ.get("NMVM_KERNEL")
    versions = installed_kernels()
    if wanted:
        if wanted not in versions:
            raise RigError("NMVM_KERNEL=%s: no /boot/vmlinuz-%s with "
                           "/lib/modules/%s/build" % (wanted, wanted, wanted))
        return wanted
    if not versions:
        raise RigError("no guest kernel: install linux-image-amd64 and "
                       "linux-headers-amd64 (scripts/install-deps)")
    return versions[-1]


def image_path(version):
    own = kernel_dir()
    return os.path.join(own, "vmlinuz") if own else "/boot/vmlinuz-" + version


def modules_dir(version):
    """Where the kernel's modules are installed on the host."""
    own = kernel_dir()
    return os.path.join(own or "/", "lib", "modules", version)


def headers_dir(version):
    own = kernel_dir()
    return (os.path.join(own, "build") if own
            else os.path.join("/lib/modules", version, "build"))
