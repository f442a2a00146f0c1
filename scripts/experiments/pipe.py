"""Pipe rate against batch size, for two clients on both ends of a netmap
pipe: our pkt-gen, and nm_ringclient (tests/bench/), a minimal
poll-driven client that drives the rings the way upstream netmap's
pkt-gen does. Reports the receive rate and, on the -icount 0 clock, the
guest instructions per packet (sender, receiver and kernel together)."""
import os

from . import jobs
from .results import ResultSet, icount_measure
from .session import PointError, Session
from .sweep import finish, parse_args, run_points
from nmvm_rig.paths import build_dir

BATCHES = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512]
QUICK_BATCHES = [1, 64, 512]
CLIENTS = ["pkt-gen", "ringclient"]

COLUMNS = [("client", ""), ("batch", "packets per system call"),
           ("count", "packets sent"), ("rx_packets", "packets"),
           ("rx_mpps", "Mpps"), ("instructions_per_packet",
                                 "guest instructions, both ends and the "
                                 "kernel")]


def ringclient():
    return os.path.join(build_dir(), "tests", "bench", "nm_ringclient")


def count_for(batch, quick):
    n = min(2000000, 50000 * max(1, batch // 4))
    return n // 20 if quick else n


def ringclient_summary(text, what):
    for line in reversed(text.splitlines()):
        if line.startswith("packets="):
            f = dict(kv.split("=", 1) for kv in line.split())
            return {"packets": int(f["packets"]),
                    "elapsed_s": float(f["seconds"]),
                    "pps": float(f["pps"])}
    raise PointError("%s printed no summary: %s" % (what, text[-800:]))


def point(s, client, batch, quick):
    n = count_for(batch, quick)
    name = "pb%d%s" % (batch, "r" if client == "ringclient" else "p")
    tx_port, rx_port = "%s{1" % name, "%s}1" % name
    if client == "pkt-gen":
        tx, rx = jobs.pktgen_pair(s, "netmap:" + tx_port,
                                  "netmap:" + rx_port, n, batch)
    else:
        argv = [ringclient(), "-n", str(n), "-b", str(batch), "-i"]
        rx_out, tx_out = jobs.pair(s, argv + [rx_port, "-f", "rx"],
                                   argv + [tx_port, "-f", "tx"])
        tx = ringclient_summary(tx_out, "nm_ringclient tx")
        rx = jobs.rx_window(ringclient_summary(rx_out, "nm_ringclient rx"),
                            tx)
    if rx["packets"] != n:
        raise PointError("%d of %d frames arrived" % (rx["packets"], n))
    rx_mpps = rx["pps"] / 1e6
    return {"client": client, "batch": batch, "count": n,
            "rx_packets": rx["packets"], "rx_mpps": rx_mpps,
            "instructions_per_packet": round(1000.0 / rx_mpps, 1)
            if rx_mpps else 0}


def main(argv=None):
    args = parse_args(__doc__.split("\n\n")[0], argv)
    if not os.path.exists(ringclient()):
        raise SystemExit("%s not built: run scripts/build" % ringclient())
    batches = QUICK_BATCHES if args.quick else BATCHES
    with Session(icount=0, e1000=False) as s:
        rs = ResultSet(
            os.path.join(args.out, "pipe"), COLUMNS, kernel=s.kernel,
            title="Pipe rate against batch, two clients",
            description="60-byte frames over a fresh netmap pipe per "
            "point, receiver started first, -b BATCH on both ends. "
            "pkt-gen: ours (-f tx into -f rx). ringclient: "
            "tests/bench/nm_ringclient.c, written the way upstream "
            "netmap's pkt-gen drives the rings (poll, fill up to the batch "
            "leaving each buffer's frame in place unless NS_BUF_CHANGED, "
            "advance head and cur; rx counts and releases). rx_mpps is "
            "what arrived over the longer of the two ends' active time; "
            "instructions_per_packet is 1000 / rx_mpps on this clock (1 ns "
            "per guest instruction): sender, receiver and kernel "
            "together. Reference (issue 13, the same guest): upstream's "
            "module measured 7.62 Mpps (131 instructions) with our "
            "pkt-gen and 7.15 Mpps (140) with an upstream-style client "
            "at batch 512.",
            measure=icount_measure(0), clock="icount shift 0",
            batches=batches, clients=CLIENTS)
        points = [("%s batch %d" % (c, b),
                   lambda c=c, b=b: point(s, c, b, args.quick))
                  for c in CLIENTS for b in batches]
        run_points("pipe", rs, points)
        return finish(rs, "pipe")
