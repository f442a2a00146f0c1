"""Who may use the module, and what stays apart: the device node, the
capability that binding an interface needs, private pipes and regions for
unprivileged users and for each network namespace, per-user limits.

    guest (init netns)                        netns nmsA      netns nmsB
    ┌───────────────────────────────────┐    ┌────────────┐  ┌───────────┐
    │ root (CAP_NET_ADMIN): lo, veths,   │    │ root:      │  │ root:     │
    │   pipes in region 1                │    │ nsp{0 ─┐   │  │ nsp}0     │
    │ uid 65534 / 65533 (no capability): │    │ nsp}0 ◀┘   │  │ (another  │
    │   /dev/netmap 0600: EACCES         │    │ its own    │  │  pipe, its│
    │   widened to 0666: pipes only,     │    │ region     │  │  region)  │
    │   each user in a region of its own │    └────────────┘  └───────────┘
    │ uid 65534 in its own user+net ns   │
    │   (unshare -rn): admin there       │
    └───────────────────────────────────┘

Each step of nm_try prints "STEP NAME: ERRNO fields"; the tests compare
those exactly.
"""
import json
import os
import re

import pytest

from nmvm_rig.paths import build_dir

NOBODY = 65534
OTHER = 65533
TRY = "/tmp/nm_try"


def prog(name):
    return os.path.join(build_dir(), "tests", "c", "guest", name)


def tool(name):
    return os.path.join(build_dir(), "tools", name, name)


@pytest.fixture
def vmtry(vm):
    """The guest, with nm_try where every user can run it."""
    status, out = vm.run("cp %s %s && chmod 755 %s" % (prog("nm_try"), TRY,
                                                         TRY))
    assert status == 0, out
    return vm


@pytest.fixture
def widened(vmtry):
    """/dev/netmap opened to every user, as an admin's udev rule may do;
    0600 root again afterwards."""
    status, out = vmtry.run("chmod 0666 /dev/netmap")
    assert status == 0, out
    yield vmtry
    status, out = vmtry.run("chmod 0600 /dev/netmap")
    assert status == 0, out


@pytest.fixture
def params(vm):
    """Set module parameters for a test; their old values come back."""
    saved = {}

    def set_param(name, value):
        path = "/sys/module/netmap/parameters/" + name
        status, out = vm.run("cat %s" % path)
        assert status == 0, out
        saved.setdefault(name, out.strip())
        status, out = vm.run("echo %s > %s" % (value, path))
        assert status == 0, out

    yield set_param
    for name, value in saved.items():
        vm.run("echo %s > /sys/module/netmap/parameters/%s" % (value, name))


def as_user(uid, command, userns=False):
    """command run as uid with no capability (in a user and network
    namespace of its own with userns)."""
    wrap = "setpriv --reuid=%d --regid=%d --clear-groups " % (uid, uid)
    if userns:
        wrap += "unshare -rn "
    return wrap + command


def parse(out):
    """nm_try lines as (step, errno name, {field: value})."""
    rows = []
    for line in out.splitlines():
        m = re.match(r"^(\w+)(?: (\S+))?: (\S+)(.*)$", line)
        if not m:
            continue
        fields = dict(f.split("=", 1) for f in m.group(4).split()
                      if "=" in f)
        rows.append((m.group(1), m.group(3), fields))
    return rows


def nm_try(vm, steps, uid=None, netns=None, userns=False, timeout=120):
    command = TRY + " " + " ".join("'%s'" % s for s in steps)
    if uid is not None:
        command = as_user(uid, command, userns)
    if netns:
        command = "ip netns exec %s %s" % (netns, command)
    status, out = vm.run(command, timeout=timeout)
    assert status == 0, out
    return parse(out)


def errors(rows):
    return [r[1] for r in rows]


def pools(vm):
    status, out = vm.run("cat /sys/class/misc/netmap/pools")
    assert status == 0, out
    return {f[0]: [int(x) for x in f[1:]]
            for f in (line.split() for line in out.splitlines())}


def assert_nothing_held(vm):
    p = pools(vm)
    assert p["users"] == [0] and p["regions"] == [1], p
    assert p["buf"][1] == p["buf"][0] - 2, p


def test_device_is_root_only(vmtry):
    status, out = vmtry.run("stat -c '%a %U' /dev/netmap")
    assert (status, out.strip()) == (0, "600 root")
    assert errors(nm_try(vmtry, ["open"], uid=NOBODY)) == ["EACCES"]
    assert errors(nm_try(vmtry, ["open"])) == ["0"]


UDP_CHECK = (
    "python3 -c \"import socket; r = socket.socket(socket.AF_INET, "
    "socket.SOCK_DGRAM); r.bind(('127.0.0.1', 0)); r.settimeout(5); "
    "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); "
    "s.sendto(b'nm-probe', r.getsockname()); "
    "print('udp', r.recv(64).decode())\"")


def test_interfaces_need_cap_net_admin(widened):
    """Without CAP_NET_ADMIN nothing of an interface can be had, in any of
    the four ways that once worked, and lo keeps carrying traffic."""
    rows = nm_try(widened, ["reg", "lo", "nic_sw", "legacy", "lo", "nic_sw",
                            "reg", "lo", "null", "legacy", "lo", "all_nic",
                            "reg", "lo", "sw", "info", "lo"], uid=NOBODY)
    assert errors(rows) == ["EPERM"] * 6, rows
    status, out = widened.run(UDP_CHECK, timeout=60)
    assert status == 0 and "udp nm-probe" in out, out
    assert_nothing_held(widened)


def test_null_binding_leaves_the_interface_alone(vmtry):
    """NR_REG_NULL binds no ring, so it must not divert the device: lo
    carries traffic while root holds it that way."""
    status, out = vmtry.run(
        "rm -f /tmp/nh.go; %s reg lo null wait /tmp/nh.go & "
        "sleep 1; %s; touch /tmp/nh.go; wait" % (TRY, UDP_CHECK), timeout=90)
    assert status == 0, out
    assert "reg lo: 0 mem_id=1 extra=0" in out, out
    assert "udp nm-probe" in out, out


def test_unprivileged_pipes_are_private(widened):
    """An unprivileged user's pipes live in a region of its own: root and
    other users opening the same name get another pipe; the same user's
    second process gets the frames."""
    vm = widened
    status, out = vm.run(
        "rm -f /tmp/pp.sent /tmp/pp.done; %s & "
        "i=0; while [ ! -e /tmp/pp.sent ] && [ $i -lt 300 ]; do sleep 0.1; "
        "i=$((i+1)); done; echo ==root; %s; echo ==same; %s; "
        "echo ==other; %s; touch /tmp/pp.done; wait"
        % (as_user(NOBODY, TRY + " reg 'pp{0' all_nic tx 10 "
                   "touch /tmp/pp.sent wait /tmp/pp.done"),
           TRY + " reg 'pp}0' all_nic rx",
           as_user(NOBODY, TRY + " reg 'pp}0' all_nic rx"),
           as_user(OTHER, TRY + " reg 'pp}0' all_nic rx")),
        timeout=120)
    assert status == 0, out
    sender = re.search(r"reg pp\{0: 0 mem_id=(\d+)", out)
    assert sender and "tx 10: 0 queued=10" in out, out
    mem = int(sender.group(1))
    assert mem != 1, out
    parts = dict(re.findall(r"==(\w+)\n(.*?)(?===|\Z)", out, re.S))
    root, same, other = (parse(parts[k]) for k in ("root", "same", "other"))
    assert root[0][2]["mem_id"] == "1" and root[1][2]["frames"] == "0", out
    assert same[0][2]["mem_id"] == str(mem), out
    assert same[1][2]["frames"] == "10", out
    assert other[0][2]["mem_id"] not in ("1", str(mem)), out
    assert other[1][2]["frames"] == "0", out
    assert_nothing_held(vm)


@pytest.fixture
def two_netns(vm):
    vm.run("ip netns del nmsA 2>/dev/null; ip netns del nmsB 2>/dev/null")
    status, out = vm.run(
        "ip netns add nmsA && ip netns add nmsB && "
        "ip link add name nmsa0 type veth peer name nmsa1 && "
        "ip link set nmsa0 netns nmsA && ip link set nmsa1 netns nmsA")
    assert status == 0, out
    yield vm
    vm.run("ip netns del nmsA; ip netns del nmsB")


def test_namespaces_see_neither_pipes_nor_interfaces(two_netns):
    vm = two_netns
    status, out = vm.run(
        "rm -f /tmp/ns.sent /tmp/ns.done; ip netns exec nmsA %s reg nmsa0 "
        "null reg 'nsp{0' all_nic tx 5 touch /tmp/ns.sent wait /tmp/ns.done & "
        "i=0; while [ ! -e /tmp/ns.sent ] && [ $i -lt 300 ]; do sleep 0.1; "
        "i=$((i+1)); done; echo ==b; ip netns exec nmsB %s reg 'nsp}0' "
        "all_nic rx reg nmsa0 all_nic; echo ==stat; ip netns exec nmsB %s; "
        "echo ==a; ip netns exec nmsA %s reg 'nsp}0' all_nic rx; "
        "echo ==init; %s reg 'nsp}0' all_nic rx; "
        "touch /tmp/ns.done; wait" % (TRY, TRY, tool("nmstat"), TRY, TRY),
        timeout=120)
    assert status == 0, out
    parts = dict(re.findall(r"==(\w+)\n(.*?)(?===|\Z)", out, re.S))
    a_mem = re.search(r"reg nsp\{0: 0 mem_id=(\d+)", out).group(1)
    assert a_mem != "1", out
    b = parse(parts["b"])
    assert b[0][2]["mem_id"] not in ("1", a_mem), out
    assert b[1][2]["frames"] == "0", out
    assert b[2][1] == "ENXIO", out          # nmsA's interface: not in nmsB
    stat = json.loads(parts["stat"])
    assert [p["name"] for p in stat["ports"]] == [], stat
    assert [m["id"] for m in stat["mems"]] == [], stat
    a = parse(parts["a"])
    assert a[0][2]["mem_id"] == a_mem and a[1][2]["frames"] == "5", out
    init = parse(parts["init"])
    assert init[0][2]["mem_id"] == "1" and init[1][2]["frames"] == "0", out
    assert_nothing_held(vm)


def test_per_user_limits(widened, params):
    vm = widened
    params("user_fds", 4)
    rows = nm_try(vm, ["reg", "lim{0", "null"] * 5, uid=NOBODY)
    assert errors(rows) == ["0"] * 4 + ["EMFILE"], rows
    # Root holds CAP_SYS_RESOURCE: exempt, as from rlimits.
    rows = nm_try(vm, ["reg", "lim{0", "null"] * 5)
    assert errors(rows) == ["0"] * 5, rows

    params("user_fds", 256)
    params("user_extra_bufs", 1000)
    params("fd_extra_bufs", 600)
    rows = nm_try(vm, ["reg", "lim{1", "null", "500", "reg", "lim{1", "null",
                       "800", "reg", "lim{1", "null", "800"], uid=NOBODY)
    assert [r[2]["extra"] for r in rows] == ["500", "500", "0"], rows
    rows = nm_try(vm, ["reg", "lim{1", "null", "800"])
    assert rows[0][2]["extra"] == "600", rows      # per fd, even for root
    assert_nothing_held(vm)


def test_other_regions_are_smaller(widened):
    """Regions other than the default one are sized by the other_*
    parameters: an unprivileged user can cause only small ones."""
    assert nm_try(widened, ["pools"])[0][2] == {"mem_id": "1",
                                                "bufs": "163840"}
    rows = nm_try(widened, ["pools"], uid=NOBODY)
    assert rows[0][1] == "0" and rows[0][2]["mem_id"] != "1", rows
    assert rows[0][2]["bufs"] == "16384", rows
    assert_nothing_held(widened)


def test_regions_are_limited_in_all(widened, params):
    """max_regions bounds the regions besides the default one, whoever
    asks (root too)."""
    params("max_regions", 1)
    status, out = widened.run(
        "rm -f /tmp/mr.go; %s & sleep 1; %s; touch /tmp/mr.go; wait"
        % (as_user(NOBODY, TRY + " reg 'mr{0' null wait /tmp/mr.go"),
           "unshare -n " + TRY + " reg 'mr{0' null"), timeout=120)
    assert status == 0, out
    assert re.search(r"reg mr\{0: 0 mem_id=\d+", out), out
    assert "reg mr{0: ENOSPC" in out, out
    assert_nothing_held(widened)


def test_regions_per_user_are_limited(widened, params):
    """A user in a user+net namespace of its own administers it, gets its
    region there, and is charged for it."""
    vm = widened
    params("user_regions", 1)
    status, out = vm.run(
        "rm -f /tmp/rg.go; %s & sleep 1; %s; touch /tmp/rg.go; wait"
        % (as_user(NOBODY, TRY + " reg 'rg{0' null wait /tmp/rg.go"),
           as_user(NOBODY, TRY + " reg 'rg{0' null reg lo null",
                   userns=True)), timeout=120)
    assert status == 0, out
    assert re.search(r"reg rg\{0: 0 mem_id=\d+", out), out
    assert "reg rg{0: ENOSPC" in out, out
    params("user_regions", 2)
    rows = nm_try(vm, ["reg", "rg{0", "null", "reg", "lo", "null"],
                  uid=NOBODY, userns=True)
    # Its own namespace's lo: it administers that namespace.
    assert errors(rows) == ["0", "0"], rows
    assert rows[0][2]["mem_id"] == rows[1][2]["mem_id"] != "1", rows
    assert_nothing_held(vm)


def test_interface_moved_to_another_namespace(two_netns):
    """An interface leaving the namespace leaves netmap mode: the fds
    that held it there fail from then on, and the new namespace's
    administrators can take it."""
    vm = two_netns
    status, out = vm.run(
        "rm -f /tmp/mv.ready /tmp/mv.moved; ip netns exec nmsA %s reg nmsa0 "
        "all_nic touch /tmp/mv.ready wait /tmp/mv.moved tx 1 rx & "
        "i=0; while [ ! -e /tmp/mv.ready ] && [ $i -lt 300 ]; do sleep 0.1; "
        "i=$((i+1)); done; ip netns exec nmsA ip link set nmsa0 netns nmsB "
        "&& touch /tmp/mv.moved; wait; echo ==b; ip netns exec nmsB %s reg "
        "nmsa0 all_nic; echo ==a; ip netns exec nmsA %s reg nmsa0 all_nic"
        % (TRY, TRY, TRY), timeout=120)
    assert status == 0, out
    first, rest = out.split("==b\n")
    b, a = rest.split("==a\n")
    assert "reg nmsa0: 0 mem_id=" in first, out
    assert "tx 1: ENXIO" in first and "rx: ENXIO" in first, out
    assert parse(b)[0][1] == "0", out
    assert parse(a)[0][1] == "ENXIO", out
    assert_nothing_held(vm)


def test_non_ethernet_devices_are_refused(vmtry):
    status, out = vmtry.run("modprobe tun && "
                            "ip tuntap add mode tun name nmtun0 && "
                            "ip link set nmtun0 up")
    assert status == 0, out
    try:
        rows = nm_try(vmtry, ["reg", "nmtun0", "all_nic", "info", "nmtun0"])
    finally:
        vmtry.run("ip link del nmtun0")
    assert errors(rows) == ["EOPNOTSUPP", "EOPNOTSUPP"], rows


def test_many_queues_fit_the_netmap_if(vmtry):
    """A 128-queue device gets as many rings as one netmap_if can list
    (59 per direction with the default if_size of 1024), instead of being
    refused."""
    status, out = vmtry.run(
        "ip link add name nmq0 numtxqueues 128 numrxqueues 128 type veth "
        "peer name nmq1 numtxqueues 128 numrxqueues 128")
    assert status == 0, out
    try:
        rows = nm_try(vmtry, ["info", "nmq0", "reg", "nmq0", "all_nic"])
    finally:
        vmtry.run("ip link del nmq0")
    assert rows[0][1:] == ("0", {"mem_id": "1", "tx_rings": "59"}), rows
    assert rows[1][1] == "0", rows
