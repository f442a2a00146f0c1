"""Find the guest kernel: an installed Debian kernel image whose headers are
installed too, so the module built against those headers loads in it."""
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


def find_kernel():
    """$NMVM_KERNEL if set, else the newest kernel with matching headers."""
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
    return "/boot/vmlinuz-" + version


def headers_dir(version):
    return os.path.join("/lib/modules", version, "build")
