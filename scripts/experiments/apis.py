"""netmap against the conventional APIs (the paper's headline, issue 4's
table): the same job, 60-byte frames, in one guest (-icount 0) and one
run, through sendto per packet, sendmmsg, a PACKET_MMAP TX_RING with
PACKET_QDISC_BYPASS (all three by sock-gen), Debian's in-kernel pktgen,
and netmap (pkt-gen: generic adapter on veth and e1000, and a pipe).

Transmit on a veth pair (the peer's stack receives and discards) and on
the wired e1000 pair; receive on the same, each receiver fed by one
fixed sender (sock-gen sendmmsg) and counting what arrives, over
the longer of its own and the sender's active time. The ratio is
to sendto (tx) or recvfrom (rx) on the same medium."""
import os

from . import jobs
from .results import ResultSet, icount_measure
from .session import Session
from .sweep import finish, mpps, parse_args, run_points

COLUMNS = [("medium", ""), ("direction", "tx or rx"), ("api", ""),
           ("batch", "packets per call"), ("count", "packets offered"),
           ("packets", "packets moved"), ("elapsed_s", "guest seconds"),
           ("mpps", "Mpps"), ("ratio", "x the sendto/recvfrom rate")]

TX_APIS = [("sendto", 1), ("sendmmsg", 64), ("txring", 512),
           ("pktgen", None), ("netmap", 512)]
RX_APIS = [("recvfrom", 1), ("recvmmsg", 64), ("rxring", 512),
           ("netmap", 512)]
RX_SENDER = ("sendmmsg", 64)


def tx_job(s, iface, api, batch, n):
    if api == "pktgen":
        return jobs.kernel_pktgen_tx(s, iface, n)
    if api == "netmap":
        return jobs.pktgen_tx(s, "netmap:" + iface, n, batch)
    return jobs.sockgen_tx(s, iface, api, n, batch)


def rx_job(s, pair, api, batch, n):
    tx_iface, rx_iface = pair
    sender = jobs.sockgen_args(tx_iface, RX_SENDER[0], n, RX_SENDER[1])
    if api == "netmap":
        rx = jobs.pktgen_args("netmap:" + rx_iface, "rx", n, batch)
    else:
        rx = jobs.sockgen_args(rx_iface, api, n, batch)
    return jobs.rx_pair(s, rx, sender, api)


def main(argv=None):
    args = parse_args(__doc__.split("\n\n")[0], argv)
    n = 3000 if args.quick else 100000
    with Session(icount=0, e1000=not args.quick) as s:
        media = {"veth": s.veth("ava", "avb")}
        if not args.quick:
            media["e1000"] = s.e1000_pair()
        rs = ResultSet(
            os.path.join(args.out, "apis"), COLUMNS, kernel=s.kernel,
            title="netmap against the kernel's packet APIs",
            description=" ".join(__doc__.split()),
            measure=icount_measure(0), clock="icount shift 0",
            count=n, rx_sender="sock-gen -f %s -b %d" % RX_SENDER)
        base = {}

        def one(medium, direction, api, batch):
            if direction == "tx":
                r = tx_job(s, media[medium][0], api, batch, n)
            else:
                r = rx_job(s, media[medium], api, batch, n)
            row = {"medium": medium, "direction": direction, "api": api,
                   "batch": batch or "", "count": n,
                   "packets": r["packets"], "elapsed_s": r["elapsed_s"],
                   "mpps": mpps(r)}
            key = (medium, direction)
            if api in ("sendto", "recvfrom"):
                base[key] = row["mpps"]
            if base.get(key):
                row["ratio"] = row["mpps"] / base[key]
            return row

        points = []
        for medium in media:
            for direction, apis in (("tx", TX_APIS), ("rx", RX_APIS)):
                for api, batch in apis:
                    points.append(("%s %s %s" % (medium, direction, api),
                                   lambda m=medium, d=direction, a=api,
                                   b=batch: one(m, d, a, b)))

        def pipe():
            tx, rx = jobs.pktgen_pair(s, "netmap:ap{1", "netmap:ap}1",
                                      n * 10, 512)
            return [{"medium": "pipe", "direction": d, "api": "netmap",
                     "batch": 512, "count": n * 10, "packets": r["packets"],
                     "elapsed_s": r["elapsed_s"], "mpps": mpps(r)}
                    for d, r in (("tx", tx), ("rx", rx))]
        points.append(("pipe tx+rx netmap", pipe))
        run_points("apis", rs, points)
        return finish(rs, "apis")
