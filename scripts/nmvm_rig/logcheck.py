"""Recognise kernel log lines that mean a kernel bug, so no test can pass
over an oops, a warning or a lockup."""
import re

PROBLEM_PATTERNS = [
    r"\bOops\b",
    r"\bBUG[: ]",
    r"\bWARNING:",
    r"general protection fault",
    r"soft lockup",
    r"hard LOCKUP",
    r"blocked for more than \d+ seconds",
    r"\bKASAN\b",
    r"\bUBSAN\b",
    r"Kernel panic",
    r"\bCall Trace:",
    r"list_(add|del) corruption",
    r"refcount_t: ",
    r"kmemleak: \d+ new suspected",
    r"RCU detected stall|rcu_.*self-detected stall",
]
_PROBLEM_RE = re.compile("|".join("(?:%s)" % p for p in PROBLEM_PATTERNS))


def find_problems(log_text):
    """The lines of a kernel log that report a kernel bug, in order."""
    return [line for line in log_text.splitlines() if _PROBLEM_RE.search(line)]
