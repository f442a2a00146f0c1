"""Where the rig finds the project and its build."""
import os

RIG_DIR = os.path.dirname(os.path.abspath(__file__))
PROJECT_DIR = os.path.dirname(os.path.dirname(RIG_DIR))


def build_dir():
    """The CMake build tree: $NMVM_BUILD, else build/ in the project."""
    return os.path.abspath(os.environ.get("NMVM_BUILD")
                           or os.path.join(PROJECT_DIR, "build"))


def module_path():
    return os.path.join(build_dir(), "kmod", "netmap.ko")


def native_drivers():
    """The replacement NIC drivers for native mode that the build made
    (kmod/drivers/NAME/NAME.ko), as (name, path), in name order."""
    top = os.path.join(build_dir(), "kmod", "drivers")
    found = []
    if os.path.isdir(top):
        for name in sorted(os.listdir(top)):
            path = os.path.join(top, name, name + ".ko")
            if os.path.exists(path):
                found.append((name, path))
    return found
