"""pkt-gen's command line, on the host (no guest: all of this happens
before /dev/netmap is opened): --help and the man page come from the one
option table, and bad option values are rejected with one line and exit 1.

    host: build/tools/pkt-gen/pkt-gen --help | --man | bad options
"""
import re

import pytest

import toolcli

SHORT = "ifnlbpcaTwWRdsDSzZXPvh"


def pktgen(*args):
    return toolcli.run("pkt-gen", *args)


def test_help_lists_every_conventional_option(build):
    r = pktgen("--help")
    assert r.returncode == 0, r.stderr
    for c in SHORT:
        assert re.search(r"^  -%s, --" % c, r.stdout, re.M), c
    assert "--json" in r.stdout
    for f in ("tx", "rx", "txseq", "rxseq", "ping", "pong"):
        assert re.search(r"^  %s " % f, r.stdout, re.M), f


def test_man_page_is_generated_from_the_table(build):
    """tools/pkt-gen/pkt-gen.8 is `pkt-gen --man`; regenerate it with
    `cmake --build build --target pkt-gen-man` after changing options."""
    man = toolcli.man_page("pkt-gen")
    for c in SHORT:
        assert "\\fB\\-%s\\fR" % c in man, c


@pytest.mark.parametrize("args,message", [
    ([], "no port: give one with -i"),
    (["-i"], "option -i needs a value (PORT)"),
    (["-i", "netmap:x{1", "-n", "ten"], "-n 'ten': expected a packet count"),
    (["-i", "netmap:x{1", "-n", "-5"], "-n '-5': expected a packet count"),
    (["-i", "netmap:x{1", "-l", "41"], "-l '41': expected a frame length "
                                       "from 42 to 65535"),
    (["-i", "netmap:x{1", "-l", "60", "-l", "70", "-l", "80"],
     "-l given more than twice"),
    (["-i", "netmap:x{1", "-f", "rxseq", "-l", "50"],
     "-l 50: -f rxseq needs frames of at least 58 bytes"),
    (["-i", "netmap:x{1", "-p", "0"], "-p '0': expected a thread count"),
    (["-i", "netmap:x{1", "-p", "65"], "-p '65': expected a thread count "
                                       "from 1 to 64"),
    (["-i", "netmap:x{1", "-T", "0"], "-T '0': expected milliseconds"),
    (["-i", "netmap:x{1", "-d", "10.0.0.300"], "-d '10.0.0.300' is not "
                                               "IP[:port][-IP[:port]]"),
    (["-i", "netmap:x{1", "-s", "10.0.0.5-10.0.0.1"],
     "-s '10.0.0.5-10.0.0.1': range ends below its start"),
    (["-i", "netmap:x{1", "-d", "10.0.0.1:70000"], "is not IP[:port]"),
    (["-i", "netmap:x{1", "-D", "11:22:33"], "-D '11:22:33': expected a "
                                             "MAC address"),
    (["-i", "netmap:x{1", "-f", "rx", "-P", "/nonexistent"],
     "-P works with -f tx only"),
    (["-i", "netmap:x{1", "--bogus"], "unknown option '--bogus'"),
    (["-i", "netmap:x{1", "extra"], "unexpected argument 'extra'"),
    (["-i", "netmap:x{1/q"], "netmap:x{1/q: unknown flag 'q' (flags are "
                             "x z t r R T) at character 12"),
])
def test_bad_options_are_rejected(build, args, message):
    toolcli.check_one_line_error("pkt-gen", pktgen(*args), message)
