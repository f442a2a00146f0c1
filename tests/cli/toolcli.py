"""What the command-line tests of every tool share: run a built tool on
the host, check its man page against `--man`, check a one-line error."""
import os
import subprocess

from nmvm_rig.paths import PROJECT_DIR, build_dir


def run(tool, *args):
    """Run build/tools/TOOL/TOOL with args; the CompletedProcess."""
    return subprocess.run(
        [os.path.join(build_dir(), "tools", tool, tool)] + list(args),
        capture_output=True, text=True, timeout=30)


def man_page(tool):
    """`TOOL --man`, after checking that tools/TOOL/TOOL.8 is exactly it
    (regenerate with `cmake --build build --target TOOL-man`)."""
    r = run(tool, "--man")
    assert r.returncode == 0, r.stderr
    with open(os.path.join(PROJECT_DIR, "tools", tool, tool + ".8")) as f:
        assert f.read() == r.stdout, "%s.8 is not %s --man" % (tool, tool)
    return r.stdout


def check_one_line_error(tool, r, message):
    """Exit status 1, nothing on stdout, one line on stderr naming the
    tool and containing message."""
    assert r.returncode == 1, r
    assert r.stdout == "", r.stdout
    err = r.stderr.strip()
    assert len(err.splitlines()) == 1, err
    assert err.startswith(tool + ": "), err
    assert message in err, err
