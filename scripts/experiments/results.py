"""A sweep's output directory: data.csv grows one row per point as the
points come in (a sweep that fails midway keeps what it has), and meta.json
says what made it. meta.json keys, shared with every results/*/ directory:
title, description, command, measure, kernel, qemu, git_revision, date,
columns [{name, unit}], plus status, failed (points that failed), and
anything sweep-specific."""
import csv
import datetime
import json
import os
import subprocess
import sys

from nmvm_rig.paths import PROJECT_DIR

RESULTS_DIR = os.path.join(PROJECT_DIR, "results")

ICOUNT_MEASURE = (
    "guest clock of qemu -icount shift=%d,sleep=off (TCG, one vCPU): guest "
    "time advances 2^%d ns per guest instruction, so a rate is packets per "
    "%s guest instructions of sender, receiver and kernel together, i.e. "
    "the rate of a %s MHz, 1-instruction-per-cycle CPU")


def icount_measure(shift):
    mhz = 1000.0 / (1 << shift)
    per = "10^9" if shift == 0 else "%g x 10^6" % mhz
    return ICOUNT_MEASURE % (shift, shift, per, "%g" % mhz)


def qemu_version():
    try:
        out = subprocess.run(["qemu-system-x86_64", "--version"],
                             capture_output=True, text=True).stdout
        return out.splitlines()[0].strip()
    except (OSError, IndexError):
        return "unknown"


def git_revision():
    def git(*args):
        return subprocess.run(["git", "-C", PROJECT_DIR] + list(args),
                              capture_output=True, text=True).stdout.strip()
    rev = git("rev-parse", "HEAD") or "unknown"
    if git("status", "--porcelain", "--untracked-files=no"):
        rev += "-dirty"
    return rev


def command_line():
    argv = [os.path.relpath(sys.argv[0], PROJECT_DIR)] + sys.argv[1:]
    return " ".join(argv)


class ResultSet:
    """columns: [(name, unit)]; meta: title, description, measure..."""

    def __init__(self, out_dir, columns, **meta):
        self.dir = out_dir
        self.columns = [c[0] for c in columns]
        os.makedirs(out_dir, exist_ok=True)
        self.meta = {
            "title": meta.pop("title"),
            "description": meta.pop("description"),
            "command": meta.pop("command", None) or command_line(),
            "measure": meta.pop("measure"),
            "kernel": meta.pop("kernel", "unknown"),
            "qemu": qemu_version(),
            "git_revision": git_revision(),
            "date": datetime.datetime.now(datetime.timezone.utc)
            .strftime("%Y-%m-%dT%H:%M:%SZ"),
            "columns": [{"name": n, "unit": u} for n, u in columns],
            "status": "running",
            "failed": [],
        }
        self.meta.update(meta)
        self.csv_path = os.path.join(out_dir, "data.csv")
        with open(self.csv_path, "w", newline="") as f:
            csv.writer(f).writerow(self.columns)
        self.write_meta()

    def add(self, row):
        """Append one point (a dict keyed by column) and flush it."""
        with open(self.csv_path, "a", newline="") as f:
            csv.writer(f).writerow([fmt(row.get(c, "")) for c in
                                    self.columns])

    def fail(self, point, why):
        self.meta["failed"].append({"point": point,
                                    "error": why.strip()[-2000:]})
        self.write_meta()

    def close(self, status=None):
        self.meta["status"] = status or (
            "partial" if self.meta["failed"] else "complete")
        self.write_meta()

    def write_meta(self):
        path = os.path.join(self.dir, "meta.json")
        with open(path + ".tmp", "w") as f:
            json.dump(self.meta, f, indent=2)
            f.write("\n")
        os.replace(path + ".tmp", path)


def fmt(v):
    if isinstance(v, float):
        return "%.6g" % v
    return v
