"""One measurement each: a shell script for the guest, run in a Session,
and its output parsed into a summary dict with at least packets,
elapsed_s and pps. The receiver of a pair starts first and counts what
arrives; a sender is never told how much arrived."""
import json
import re

from .session import PointError, tool

DRAIN_S = 2  # guest seconds a receiver may lag behind its sender
SETTLE_S = 0.5  # guest seconds between starting a receiver and the sender
# Every point takes well under a guest second; a tool still running after
# this many guest seconds is stuck, and SIGINT makes it print what it has.
TOOL_TIMEOUT_S = 60


def q(args):
    """A guest command line, bounded by TOOL_TIMEOUT_S."""
    return "timeout -s INT -k 5 %d " % TOOL_TIMEOUT_S + \
        " ".join("'%s'" % a for a in args)


def last_summary(text, what):
    for line in reversed(text.splitlines()):
        if line.startswith("{"):
            try:
                obj = json.loads(line)
            except ValueError:
                continue
            if obj.get("type") == "summary":
                return obj
    raise PointError("%s printed no JSON summary: %s" % (what, text[-800:]))


def from_pktgen(obj):
    """pkt-gen's summary in the common shape."""
    return dict(obj, elapsed_s=obj["seconds"])


def pktgen_args(port, function, n, batch=None, threads=1):
    # -w 5: at most 5 s for carrier. Generic mode leaves the link alone
    # (the session brought it up), so pkt-gen starts at once; a NIC
    # entering native mode is reset and gets carrier back a moment later,
    # and a sender that started before would only fill its ring.
    args = ["-i", port, "-f", function, "-n", str(n), "-w", "5", "--json"]
    if batch:
        args += ["-b", str(batch)]
    if threads > 1:
        args += ["-p", str(threads)]
    return [tool("pkt-gen")] + args


def pktgen_tx(s, port, n, batch, threads=1):
    out = s.run(q(pktgen_args(port, "tx", n, batch, threads)))
    return from_pktgen(last_summary(out, "pkt-gen tx"))


def pair(s, rx_argv, tx_argv):
    """Run a receiver and a sender together; return (rx_out, tx_out)."""
    # A receiver told to count n packets waits for all n; when some were
    # dropped on the way it is stopped (SIGINT: it reports what arrived)
    # DRAIN_S guest seconds after the sender is done.
    script = ("%s > /tmp/x.rx 2>&1 & rx=$!; sleep %s; %s > /tmp/x.tx 2>&1; "
              "ts=$?; (sleep %s; kill -INT $rx 2>/dev/null) & k=$!; "
              "wait $rx; rs=$?; kill $k 2>/dev/null; echo ==rx==; "
              "cat /tmp/x.rx; echo ==tx==; cat /tmp/x.tx; "
              "[ $ts = 0 ] && [ $rs = 0 ]"
              % (q(rx_argv), SETTLE_S, q(tx_argv), DRAIN_S))
    out = s.run(script)
    rx, tx = out.split("==rx==\n", 1)[1].split("==tx==\n", 1)
    return rx, tx


def rx_window(rx, tx):
    """A receiver's rate is what arrived over the longer of its own active
    time and its sender's: a receiver that found a full ring and took it
    in one batch has been active for no time at all, but the packets took
    the sender's time to arrive."""
    secs = max(rx["elapsed_s"], tx["elapsed_s"])
    return dict(rx, elapsed_s=secs,
                pps=rx["packets"] / secs if secs else 0.0)


def common(obj):
    return from_pktgen(obj) if "seconds" in obj else obj


def pktgen_pair(s, tx_port, rx_port, n, batch):
    rx, tx = pair(s, pktgen_args(rx_port, "rx", n, batch),
                  pktgen_args(tx_port, "tx", n, batch))
    tx = from_pktgen(last_summary(tx, "pkt-gen tx"))
    return tx, rx_window(from_pktgen(last_summary(rx, "pkt-gen rx")), tx)


def sockgen_args(iface, method, n, batch=None):
    args = [tool("sock-gen"), "-i", iface, "-f", method, "-n", str(n),
            "--json"]
    if batch:
        args += ["-b", str(batch)]
    return args


def sockgen_tx(s, iface, method, n, batch=None):
    out = s.run(q(sockgen_args(iface, method, n, batch)))
    return last_summary(out, "sock-gen " + method)


def rx_pair(s, rx_argv, tx_argv, what):
    """Any receiver against any sender; the receiver's summary."""
    rx, tx = pair(s, rx_argv, tx_argv)
    return rx_window(common(last_summary(rx, what)),
                     common(last_summary(tx, "sender")))


RESULT = re.compile(r"Result: OK: (\d+)\(c\d+\+d\d+\) usec, (\d+) \((\d+)byte")


def kernel_pktgen_tx(s, iface, n, length=60):
    """Debian's pktgen module: one kernel thread transmitting n frames
    straight to the driver (xmit_mode start_xmit, no qdisc)."""
    pg = "/proc/net/pktgen"
    script = "\n".join([
        "set -e",
        "echo rem_device_all > %s/kpktgend_0" % pg,
        "echo 'add_device %s' > %s/kpktgend_0" % (iface, pg),
        "for c in 'count %d' 'pkt_size %d' 'delay 0' 'clone_skb 0' "
        "'dst 10.1.0.1' 'dst_mac ff:ff:ff:ff:ff:ff' 'udp_src_min 1234' "
        "'udp_src_max 1234' 'udp_dst_min 4321' 'udp_dst_max 4321'; do "
        "echo \"$c\" > %s/%s; done" % (n, length, pg, iface),
        "echo start > %s/pgctrl" % pg,
        "cat %s/%s" % (pg, iface),
        "echo rem_device_all > %s/kpktgend_0" % pg])
    out = s.run(script)
    m = RESULT.search(out)
    if not m:
        raise PointError("pktgen gave no result: " + out[-800:])
    usec, packets = int(m.group(1)), int(m.group(2))
    if packets != n:
        raise PointError("pktgen sent %d of %d" % (packets, n))
    secs = usec / 1e6
    return {"packets": packets, "elapsed_s": secs,
            "pps": packets / secs if secs else 0.0,
            "frame_bytes": int(m.group(3))}


LINK_COUNTERS = ("tx_packets", "tx_dropped", "rx_packets", "rx_dropped")


def link_counters(s, ifaces):
    """The kernel's own counters of each interface (sysfs statistics), read
    in one guest command: {iface: {counter: value}}."""
    out = s.run("; ".join("cat %s" % " ".join(
        "/sys/class/net/%s/statistics/%s" % (i, c) for c in LINK_COUNTERS)
        for i in ifaces)).split()
    k = len(LINK_COUNTERS)
    return {i: dict(zip(LINK_COUNTERS, map(int, out[n * k:(n + 1) * k])))
            for n, i in enumerate(ifaces)}


def counted(s, ifaces, job):
    """Run job(); return (its result, {iface: {counter: delta}})."""
    before = link_counters(s, ifaces)
    r = job()
    after = link_counters(s, ifaces)
    return r, {i: {k: after[i][k] - before[i][k] for k in LINK_COUNTERS}
               for i in ifaces}
