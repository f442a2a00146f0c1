"""Errors the rig reports to its users."""


class RigError(Exception):
    """The rig itself failed: a missing dependency, a boot failure, a hang,
    a module that would not load. Never a verdict about the command run."""
