"""bridge's command line, on the host (no guest: all of this happens before
/dev/netmap is opened): --help and the man page come from the one option
table, and bad options are rejected with one line and exit 1.

    host: build/tools/bridge/bridge --help | --man | bad options
"""
import re

import pytest

import toolcli

SHORT = "ibwcpvh"


def bridge(*args):
    return toolcli.run("bridge", *args)


def test_help_lists_every_option(build):
    r = bridge("--help")
    assert r.returncode == 0, r.stderr
    for c in SHORT:
        assert re.search(r"^  -%s, --" % c, r.stdout, re.M), c
    assert re.search(r"^      --json ", r.stdout, re.M), r.stdout
    assert "--man" not in r.stdout


def test_man_page_is_generated_from_the_table(build):
    """tools/bridge/bridge.8 is `bridge --man`; regenerate it with
    `cmake --build build --target bridge-man` after changing options."""
    man = toolcli.man_page("bridge")
    for c in SHORT:
        assert "\\fB\\-%s\\fR" % c in man, c
    assert "\\fB\\-\\-json\\fR" in man


@pytest.mark.parametrize("args,message", [
    ([], "no port: give two with -i, e.g. -i netmap:eth0 -i netmap:eth1"),
    (["-i"], "option -i needs a value (PORT)"),
    (["-i", "netmap:a", "-q"], "unknown option '-q' (see bridge --help)"),
    (["-i", "netmap:a", "--fast"], "unknown option '--fast' (see bridge "
                                   "--help)"),
    (["-i", "netmap:a", "extra"], "unexpected argument 'extra'"),
    (["-i", "netmap:a", "-i", "netmap:b", "-i", "netmap:c"],
     "-i 'netmap:c': a bridge has two ports, -i given a third time"),
    (["-i", "netmap:a", "-b", "0"], "-b '0': expected a batch size from 1 "
                                    "to 65535"),
    (["-i", "netmap:a", "-b", "70000"], "-b '70000': expected a batch size"),
    (["-i", "netmap:a", "-w", "x"], "-w 'x': expected seconds from 0 to "
                                    "3600"),
    (["-i", "bogus", "-i", "netmap:b"], "bogus: expected 'netmap:' or "
                                        "'valeX:' at character 1"),
    (["-i", "netmap:a", "-i", "netmap:eth0-"], "netmap:eth0-: expected a "
                                               "ring number after '-'"),
])
def test_errors_are_one_line_and_exit_1(build, args, message):
    toolcli.check_one_line_error("bridge", bridge(*args), message)
