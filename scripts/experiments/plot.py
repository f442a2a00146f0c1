"""Render a figure with gnuplot from a script kept in plots/: the script
reads the variables `datafile` and `outfile` and draws on whatever
terminal is set before it runs."""
import os
import shutil
import subprocess

PLOTS_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "plots")

TERMINALS = {
    "png": "set terminal pngcairo size 960,600 font 'sans,11'",
    "svg": "set terminal svg size 960,600 font 'sans,11' dynamic",
}


class PlotError(Exception):
    pass


def render(script, out_dir, data="data.csv", base="plot", extra=None):
    """Draw plots/<script>.gp over out_dir/data into out_dir/base.{png,svg};
    return the paths written. extra: more gnuplot variables (name: value)."""
    gnuplot = shutil.which("gnuplot")
    if not gnuplot:
        raise PlotError("gnuplot missing: install gnuplot-nox")
    gp = os.path.join(PLOTS_DIR, script + ".gp")
    written = []
    for ext, terminal in TERMINALS.items():
        out = os.path.join(out_dir, "%s.%s" % (base, ext))
        setup = ["datafile='%s'" % os.path.join(out_dir, data),
                 "outfile='%s'" % out, terminal, "set output outfile"]
        for key, value in (extra or {}).items():
            setup.append("%s=%s" % (key, value))
        proc = subprocess.run([gnuplot, "-e", "; ".join(setup), gp],
                              capture_output=True, text=True)
        if proc.returncode != 0 or not os.path.getsize(out):
            raise PlotError("gnuplot %s failed: %s"
                            % (gp, proc.stderr.strip()))
        written.append(out)
    return written
