"""nmstat's command line, on the host (all of this happens before the
netlink family is looked up): --help and the man page come from the one
option table, and bad options are rejected with one line and exit 1.

    host: build/tools/nmstat/nmstat --help | --man | bad options
"""
import re

import pytest

import toolcli

OPTIONS = ["-i, --interval SECONDS", "-c, --count N", "-p, --port PORT",
           "    --pretty", "-t, --table", "-h, --help"]


def nmstat(*args):
    return toolcli.run("nmstat", *args)


def test_help_lists_every_option(build):
    r = nmstat("--help")
    assert r.returncode == 0, r.stderr
    for opt in OPTIONS:
        assert re.search(r"^  %s\s" % re.escape(opt), r.stdout, re.M), opt


def test_man_page_is_generated_from_the_table(build):
    """tools/nmstat/nmstat.8 is `nmstat --man`; regenerate it with
    `cmake --build build --target nmstat-man` after changing options."""
    man = toolcli.man_page("nmstat")
    for opt in ("interval", "count", "port", "pretty", "table", "help"):
        assert "\\fB\\-\\-%s\\fR" % opt in man, opt


@pytest.mark.parametrize("args,message", [
    (["-i"], "option -i needs a value (SECONDS)"),
    (["-i", "0"], "-i '0': expected seconds from 0.001 to 86400"),
    (["-i", "fast"], "-i 'fast': expected seconds from 0.001 to 86400"),
    (["-i", "1", "-c", "0"], "-c '0': expected a count of intervals from 1"),
    (["-c", "3"], "-c needs -i (a count of intervals)"),
    (["-p", "netmap:"], "-p 'netmap:': expected a port name"),
    (["-q"], "unknown option '-q' (see nmstat --help)"),
    (["--bogus"], "unknown option '--bogus' (see nmstat --help)"),
    (["extra"], "unexpected argument 'extra' (see nmstat --help)"),
])
def test_bad_options_are_one_line_and_exit_1(build, args, message):
    r = nmstat(*args)
    toolcli.check_one_line_error("nmstat", r, message)
    assert r.stderr == "nmstat: %s\n" % message
