"""What every sweep shares: the command line, and running its points one
by one with a progress line, recording each row as it comes and each
failure without stopping (a dead guest ends the sweep, keeping the rows)."""
import argparse
import os
import sys

from nmvm_rig import RigError

from . import plot
from .progress import Progress
from .results import RESULTS_DIR
from .session import PointError


def parse_args(description, argv=None):
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--out", default=RESULTS_DIR, metavar="DIR",
                   help="write DIR/<figure>/ (default: results/)")
    p.add_argument("--quick", action="store_true",
                   help="a few small points: checks the harness end to end")
    return p.parse_args(argv)


def run_points(name, rs, points):
    """points: [(label, fn)], fn() returns a row dict or a list of them.
    Returns the rows measured."""
    prog = Progress(name, len(points))
    rows = []
    for label, fn in points:
        prog.start(label)
        try:
            got = fn()
        except PointError as e:
            prog.fail(str(e))
            rs.fail(label, str(e))
            continue
        except RigError as e:
            prog.fail(str(e))
            rs.fail(label, "guest lost: " + str(e))
            rs.close("failed")
            raise
        for row in got if isinstance(got, list) else [got]:
            rs.add(row)
            rows.append(row)
        prog.finish(summary(got))
    return rows


def summary(got):
    rows = got if isinstance(got, list) else [got]
    return ", ".join("%s %.3f Mpps" % (k, r[k]) for r in rows
                     for k in sorted(r) if k.endswith("mpps")
                     and isinstance(r[k], float))


def finish(rs, script, extra=None):
    """Close the result set and draw its figure; returns the exit status."""
    try:
        plot.render(script, rs.dir, extra=extra)
    except plot.PlotError as e:
        rs.fail("plot", str(e))
        sys.stderr.write("%s\n" % e)
    rs.close()
    status = rs.meta["status"]
    sys.stderr.write("%s: %s, %d failed point(s)\n"
                     % (os.path.relpath(rs.dir), status,
                        len(rs.meta["failed"])))
    return 0 if status == "complete" else 1


def mpps(summary_obj):
    return summary_obj["pps"] / 1e6
