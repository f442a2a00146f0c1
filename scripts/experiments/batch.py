"""Batch size (the paper's figure 6 and issue 5): tx and rx rate against
packets per system call, 60-byte frames, pkt-gen tx into pkt-gen rx over a
netmap pipe, a veth pair and the emulated e1000 pair (generic adapter).
Also tx rate against pkt-gen threads on a multi-queue veth pair."""
import os

from . import jobs
from .results import ResultSet, icount_measure
from .session import Session
from .sweep import finish, mpps, parse_args, run_points

BATCHES = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512]
QUICK_BATCHES = [1, 4, 64]
THREADS = [1, 2, 4]

COLUMNS = [("medium", ""), ("batch", "packets per system call"),
           ("count", "packets sent"), ("tx_packets", "packets"),
           ("rx_packets", "packets"), ("tx_mpps", "Mpps"),
           ("rx_mpps", "Mpps")]


def count_for(medium, batch, quick):
    """Enough packets for a few tenths of a guest second per point."""
    if medium == "pipe":
        n = min(1000000, 50000 * max(1, batch // 4))
    else:
        n = 50000
    return n // 20 if quick else n


def point(s, medium, ports, batch, quick):
    n = count_for(medium, batch, quick)
    tx_port, rx_port = ports
    tx, rx = jobs.pktgen_pair(s, tx_port, rx_port, n, batch)
    return {"medium": medium, "batch": batch, "count": n,
            "tx_packets": tx["packets"], "rx_packets": rx["packets"],
            "tx_mpps": mpps(tx), "rx_mpps": mpps(rx)}


def batch_sweep(s, out, quick):
    media = ["pipe"] if quick else ["pipe", "veth", "e1000"]
    batches = QUICK_BATCHES if quick else BATCHES
    rs = ResultSet(
        os.path.join(out, "batch"), COLUMNS, kernel=s.kernel,
        title="Rate against batch size",
        description="pkt-gen -f tx into pkt-gen -f rx (started first), "
        "60-byte frames, one process each, -b BATCH on both, over a netmap "
        "pipe (netmap:bN{1 -> netmap:bN}1), a veth pair (netmap:bva -> "
        "netmap:bvb, generic adapter) and two emulated e1000 NICs wired "
        "together by qemu (generic adapter). tx and rx are counted "
        "separately: rx counts what arrived, over the longer of the "
        "receiver's and the sender's active time.",
        measure=icount_measure(s.icount), clock="icount shift %d" % s.icount,
        batches=batches, media=media)
    ports = {"pipe": None}
    if "veth" in media:
        s.veth("bva", "bvb")
        ports["veth"] = ("netmap:bva", "netmap:bvb")
    if "e1000" in media:
        a, b = s.e1000_pair()
        ports["e1000"] = ("netmap:" + a, "netmap:" + b)
    points = []
    for m in media:
        for b in batches:
            p = ports[m] or ("netmap:b%d{1" % b, "netmap:b%d}1" % b)
            points.append(("%s batch %d" % (m, b),
                           lambda m=m, p=p, b=b: point(s, m, p, b, quick)))
    run_points("batch", rs, points)
    return finish(rs, "batch")


def threads_sweep(s, out, quick):
    threads = THREADS[:2] if quick else THREADS
    rs = ResultSet(
        os.path.join(out, "threads"),
        [("threads", ""), ("count", "packets"), ("tx_packets", "packets"),
         ("tx_mpps", "Mpps"), ("peer_rx", "packets"),
         ("lost", "packets"), ("delivered_mpps", "Mpps")], kernel=s.kernel,
        title="Transmit rate against pkt-gen threads",
        description="pkt-gen -f tx -p THREADS -b 512, 60-byte frames, on "
        "netmap:tva, one end of a veth pair with 4 queues (generic "
        "adapter, one ring per queue, one thread per ring); the peer's "
        "kernel stack receives and discards. Under icount the guest has "
        "one vCPU, so threads take turns: this is the cost per packet "
        "as threads are added, not parallel speedup. peer_rx is what tvb "
        "received, lost what veth dropped because tvb's backlog was full "
        "(tva's tx_dropped: veth has no flow control, and a frame dropped "
        "there costs the peer's stack nothing, so a rate with losses is "
        "not a faster sender); delivered_mpps is peer_rx over the same "
        "time.",
        measure=icount_measure(s.icount), clock="icount shift %d" % s.icount,
        threads=threads)
    s.veth("tva", "tvb", queues=4)
    n = 5000 if quick else 100000

    def one(t):
        tx, c = jobs.counted(s, ("tva", "tvb"), lambda: jobs.pktgen_tx(
            s, "netmap:tva", n, 512, threads=t))
        secs = tx["elapsed_s"]
        return {"threads": t, "count": n, "tx_packets": tx["packets"],
                "tx_mpps": mpps(tx), "peer_rx": c["tvb"]["rx_packets"],
                "lost": c["tva"]["tx_dropped"],
                "delivered_mpps": c["tvb"]["rx_packets"] / secs / 1e6
                if secs else 0.0}
    run_points("threads", rs, [("%d threads" % t, lambda t=t: one(t))
                               for t in threads])
    return finish(rs, "threads")


def main(argv=None):
    args = parse_args(__doc__.split("\n\n")[0], argv)
    # The figure is the generic adapter's on e1000 (results/native/ has
    # the native one).
    with Session(icount=0, e1000=not args.quick, admode="generic") as s:
        status = batch_sweep(s, args.out, args.quick)
        status |= threads_sweep(s, args.out, args.quick)
    return status
