"""The nmvm guest rig: boot Debian's kernel under qemu with the host's root
shared read-only, load netmap.ko, run commands in the guest and check the
guest kernel's log. Used by scripts/nmvm, the experiments and pytest."""
from .errors import RigError
from .guest import Guest, GuestConfig, NicSpec
from .kernel import find_kernel
from .logcheck import find_problems

__all__ = ["Guest", "GuestConfig", "NicSpec", "RigError", "find_kernel",
           "find_problems"]
