"""Recognise kernel log lines that mean a kernel bug, so no test can pass
over an oops, a warning, a lockup or a leaked device reference; and tasks
stuck in uninterruptible sleep, which the kernel reports only after
minutes."""
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
    # A device reference never dropped: the unregister waits for ever.
    r"unregister_netdevice: waiting for",
]
_PROBLEM_RE = re.compile("|".join("(?:%s)" % p for p in PROBLEM_PATTERNS))


def find_problems(log_text):
    """The lines of a kernel log that report a kernel bug, in order."""
    return [line for line in log_text.splitlines() if _PROBLEM_RE.search(line)]


# A bash snippet for the guest: print "TID COMM" of every task in state D
# (uninterruptible sleep), and if there are any, again a second later,
# between marker lines.
D_STATE_SCAN = (
    "scan() { for f in /proc/[0-9]*/task/[0-9]*/stat; do "
    "read -r line < $f 2>/dev/null || continue; rest=${line##*) }; "
    "[ \"${rest%% *}\" = D ] && echo \"${line%% *} ${line#*(}\" | "
    "sed 's/) .*//'; done; }; "
    "first=$(scan); echo ==D1==; echo \"$first\"; echo ==D2==; "
    "[ -n \"$first\" ] && { sleep 1; scan; }; echo ==END==")


def stuck_tasks(scan_output):
    """Tasks found in state D by both samples of D_STATE_SCAN: stuck, not
    merely waiting on a disk or a short lock."""
    first, second, section = set(), set(), None
    for line in scan_output.splitlines():
        if line in ("==D1==", "==D2==", "==END=="):
            section = line
        elif line.strip() and section == "==D1==":
            first.add(line.strip())
        elif line.strip() and section == "==D2==":
            second.add(line.strip())
    return ["task %s stuck in D state (uninterruptible)" % t
            for t in sorted(first & second)]
