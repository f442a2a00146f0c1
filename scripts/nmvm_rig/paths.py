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
