"""Native mode (issue 14): pkt-gen with the emulated e1000's own
descriptor rings on netmap buffers, against the same NIC in generic mode
and against the kernel's socket APIs, in one -icount 0 guest.

Transmit: 60-byte frames from one e1000 whose peer NIC is down, so every
frame leaves on qemu's wire and is dropped outside the guest: a rate
counts the sender's instructions only (pkt-gen or sock-gen, and the
kernel on its behalf). netmap in native mode and in generic mode (the
admode module parameter, switched between points), sendto, sendmmsg and
a PACKET_MMAP TX_RING (sock-gen). Receive: pkt-gen -f tx in native mode
on one e1000 into pkt-gen -f rx on the other, both in the mode of the
row: the rate counts both ends. Also the transmit rate against batch in
native mode. Both NICs get descriptor rings of 1024 (ethtool -G), so a
batch of 512 fits; instructions_per_packet is 1000 / mpps on this clock.

What qemu's e1000 model costs runs outside the guest's instruction count
(it copies frames on the guest's behalf, with no line rate of its own):
these figures are the driver's and the application's cost per packet,
not a NIC's throughput."""
import os

from . import jobs
from .results import ResultSet, icount_measure
from .session import Session, up_script
from .sweep import finish, mpps, parse_args, run_points

COLUMNS = [("direction", "tx or rx"), ("mode", "native, generic or socket"),
           ("api", ""), ("batch", "packets per call"),
           ("count", "packets offered"), ("packets", "packets moved"),
           ("elapsed_s", "guest seconds"), ("mpps", "Mpps"),
           ("instructions_per_packet", "guest instructions"),
           ("ratio", "x the sendto rate (tx rows)")]

TX = [("native", "netmap", 512), ("generic", "netmap", 512),
      ("socket", "sendto", 1), ("socket", "sendmmsg", 64),
      ("socket", "txring", 512)]
RX = [("native", "netmap", 512), ("generic", "netmap", 512)]
BATCHES = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512]
RING = 1024
ADMODE = "/sys/module/netmap/parameters/admode"


def counts(quick):
    """(netmap tx, socket tx, rx) packets: a few tenths of a guest second."""
    return (20000, 2000, 5000) if quick else (2000000, 100000, 200000)


def setup(s):
    a, b = s.e1000_pair()
    s.run("ethtool -G %s rx %d tx %d\nethtool -G %s rx %d tx %d\n%s"
          % (a, RING, RING, b, RING, RING, up_script([a, b])))
    return a, b


def admode(s, mode):
    s.run("echo %s > %s" % (mode, ADMODE))


def row(direction, mode, api, batch, n, r):
    rate = mpps(r)
    return {"direction": direction, "mode": mode, "api": api,
            "batch": batch, "count": n, "packets": r["packets"],
            "elapsed_s": r["elapsed_s"], "mpps": rate,
            "instructions_per_packet": 1000.0 / rate if rate else ""}


def tx_point(s, nics, mode, api, batch, n):
    a, b = nics
    s.run("ip link set %s down" % b)
    if api == "netmap":
        admode(s, mode)
        r = jobs.pktgen_tx(s, "netmap:" + a, n, batch)
    else:
        r = jobs.sockgen_tx(s, a, api, n, batch)
    return row("tx", mode, api, batch, n, r)


def rx_point(s, nics, mode, n):
    a, b = nics
    s.run(up_script([b]))
    admode(s, mode)
    tx, rx = jobs.pktgen_pair(s, "netmap:" + a, "netmap:" + b, n, 512)
    return row("rx", mode, "netmap", 512, n, rx)


def main(argv=None):
    args = parse_args(__doc__.split("\n\n")[0], argv)
    n_tx, n_sock, n_rx = counts(args.quick)
    with Session(icount=0) as s:
        nics = setup(s)
        rs = ResultSet(
            os.path.join(args.out, "native"), COLUMNS, kernel=s.kernel,
            title="Native mode on e1000 against generic mode and sockets",
            description=" ".join(__doc__.split()),
            measure=icount_measure(0), clock="icount shift 0",
            nic="e1000 (qemu 82540EM), replacement driver of kmod/drivers",
            descriptors=RING)
        base = {}

        def tx(mode, api, batch, n=None):
            n = n or (n_tx if api == "netmap" else n_sock)
            r = tx_point(s, nics, mode, api, batch, n)
            if api == "sendto":
                base["tx"] = r["mpps"]
            if base.get("tx"):
                r["ratio"] = r["mpps"] / base["tx"]
            return r

        points = [("tx %s %s" % (m, a), lambda m=m, a=a, b=b: tx(m, a, b))
                  for m, a, b in sorted(TX, key=lambda t: t[1] != "sendto")]
        points += [("rx %s" % m, lambda m=m: rx_point(s, nics, m, n_rx))
                   for m, _, _ in RX]
        # The paper's batch figure: native tx at every batch but 512
        # (measured above).
        batches = [1, 64] if args.quick else BATCHES[:-1]
        points += [("tx native batch %d" % b,
                    lambda b=b: tx("native", "netmap", b,
                                   n_tx // 4 if b < 64 else n_tx))
                   for b in batches]
        run_points("native", rs, points)
        admode(s, "best")
        return finish(rs, "native")
