"""netmap against the conventional APIs (the paper's headline, issue 4's
table): the same job, 60-byte frames, in one guest (-icount 0) and one
run, through sendto per packet, sendmmsg, a PACKET_MMAP TX_RING with
PACKET_QDISC_BYPASS (all three by sock-gen), Debian's in-kernel pktgen,
and netmap (pkt-gen: generic adapter on veth and e1000, and a pipe).

Every instruction of the guest is counted, the peer's too, so transmit is
measured against two peers. With peer=stack the frames are received by
the peer's own stack, which discards them: what a second host would do,
but its receive work is charged to the sender. With the cheap peer the
sender's path is what is measured: on veth a tc ingress rule (clsact,
matchall, drop) drops each frame as it enters the peer; on e1000 the
peer NIC is down, so frames leave through the emulated wire and qemu
drops them without a guest instruction, as a real NIC's frames leave for
a switch.

Receive is measured on the same media, each receiver (netmap pkt-gen rx
or a socket) fed by one fixed sender, pkt-gen -f tx at full speed (the
cheapest sender here), started after the receiver; a receiver's rate is
what arrived over the longer of its own and the sender's active time, so
frames dropped because the receiver fell behind count against it. The
ratio is to sendto (tx) or recvfrom (rx) on the same medium and peer.
Beside each rate, the interfaces' own counters: peer_rx, what the peer
interface received (on veth frames the peer's backlog could not take are
not received, and lost counts them on the sender: veth's tx_dropped)."""
import os

from . import jobs
from .results import ResultSet, icount_measure
from .session import Session, up_script
from .sweep import finish, mpps, parse_args, run_points

COLUMNS = [("medium", ""), ("direction", "tx or rx"),
           ("peer", "what receives (tx) or sends (rx) the frames"),
           ("api", ""), ("batch", "packets per call"),
           ("count", "packets offered"), ("packets", "packets moved"),
           ("elapsed_s", "guest seconds"), ("mpps", "Mpps"),
           ("ratio", "x the sendto/recvfrom rate"),
           ("peer_rx", "packets the peer interface counted (tx rows)"),
           ("lost", "packets the sending interface dropped (tx_dropped)")]

TX_APIS = [("sendto", 1), ("sendmmsg", 64), ("txring", 512),
           ("pktgen", None), ("netmap", 512)]
RX_APIS = [("recvfrom", 1), ("recvmmsg", 64), ("rxring", 512),
           ("netmap", 512)]
RX_SENDER = ("pkt-gen -f tx", 512)

# The cheap peer of each medium (see the docstring).
CHEAP_PEER = {"veth": "ingress-drop", "e1000": "link-down"}


def peer_script(iface, peer):
    """Shell lines that put the receiving interface into a peer mode."""
    reset = ("tc qdisc del dev %s clsact 2>/dev/null; true\n%s"
             % (iface, up_script([iface])))
    if peer in ("stack", "sender"):
        return reset
    if peer == "ingress-drop":
        return (reset + "\ntc qdisc add dev %s clsact\n"
                "tc filter add dev %s ingress matchall action drop"
                % (iface, iface))
    if peer == "link-down":
        return reset + "\nip link set %s down" % iface
    raise ValueError(peer)


def tx_job(s, iface, api, batch, n):
    if api == "pktgen":
        return jobs.kernel_pktgen_tx(s, iface, n)
    if api == "netmap":
        return jobs.pktgen_tx(s, "netmap:" + iface, n, batch)
    return jobs.sockgen_tx(s, iface, api, n, batch)


def rx_job(s, pair, api, batch, n):
    tx_iface, rx_iface = pair
    sender = jobs.pktgen_args("netmap:" + tx_iface, "tx", n, RX_SENDER[1])
    if api == "netmap":
        rx = jobs.pktgen_args("netmap:" + rx_iface, "rx", n, batch)
    else:
        rx = jobs.sockgen_args(rx_iface, api, n, batch)
    return jobs.rx_pair(s, rx, sender, api)


def plan(media):
    """(medium, direction, peer, api, batch) in the order measured: the
    peer mode changes once per group, never per point."""
    out = []
    for medium in media:
        for peer in ("stack", CHEAP_PEER[medium]):
            out += [(medium, "tx", peer, a, b) for a, b in TX_APIS]
        out += [(medium, "rx", "sender", a, b) for a, b in RX_APIS]
    return out


def main(argv=None):
    args = parse_args(__doc__.split("\n\n")[0], argv)
    n = 3000 if args.quick else 100000
    # The generic adapter on e1000, as the docstring says (results/native/
    # compares native mode with it).
    with Session(icount=0, e1000=not args.quick, admode="generic") as s:
        media = {"veth": s.veth("ava", "avb")}
        if not args.quick:
            media["e1000"] = s.e1000_pair()
        rs = ResultSet(
            os.path.join(args.out, "apis"), COLUMNS, kernel=s.kernel,
            title="netmap against the kernel's packet APIs",
            description=" ".join(__doc__.split()),
            measure=icount_measure(0), clock="icount shift 0",
            count=n, rx_sender="%s -b %d" % RX_SENDER,
            cheap_peer=CHEAP_PEER)
        base = {}
        state = {}

        def one(medium, direction, peer, api, batch):
            pair = media[medium]
            if state.get(medium) != peer:
                s.run(peer_script(pair[1], peer))
                state[medium] = peer
            if direction == "tx":
                r, c = jobs.counted(s, pair, lambda: tx_job(
                    s, pair[0], api, batch, n))
            else:
                r, c = jobs.counted(s, pair, lambda: rx_job(
                    s, pair, api, batch, n))
            row = {"medium": medium, "direction": direction, "peer": peer,
                   "api": api, "batch": batch or "", "count": n,
                   "packets": r["packets"], "elapsed_s": r["elapsed_s"],
                   "mpps": mpps(r), "lost": c[pair[0]]["tx_dropped"]}
            if direction == "tx" and peer != "link-down":
                row["peer_rx"] = c[pair[1]]["rx_packets"]
            key = (medium, direction, peer)
            if api in ("sendto", "recvfrom"):
                base[key] = row["mpps"]
            if base.get(key):
                row["ratio"] = row["mpps"] / base[key]
            return row

        points = [("%s %s %s %s" % (m, d, p, a),
                   lambda m=m, d=d, p=p, a=a, b=b: one(m, d, p, a, b))
                  for m, d, p, a, b in plan(media)]

        def pipe():
            tx, rx = jobs.pktgen_pair(s, "netmap:ap{1", "netmap:ap}1",
                                      n * 10, 512)
            return [{"medium": "pipe", "direction": d, "peer": "pkt-gen",
                     "api": "netmap", "batch": 512, "count": n * 10,
                     "packets": r["packets"], "elapsed_s": r["elapsed_s"],
                     "mpps": mpps(r)}
                    for d, r in (("tx", tx), ("rx", rx))]
        points.append(("pipe tx+rx netmap", pipe))
        run_points("apis", rs, points)
        return finish(rs, "apis")
