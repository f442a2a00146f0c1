"""Rate against clock (the paper's figure 5): tx rate at guest clocks of
1000, 500, 250, 125 and 62.5 MHz (-icount shift 0..4: 2^shift ns per
guest instruction), one guest per clock, 60-byte frames, batch 512, on a
netmap pipe (pkt-gen tx into pkt-gen rx) and a veth pair (pkt-gen tx on
the generic adapter; the peer's stack discards).

Under icount the guest has one vCPU, so 2 and 4 cores cannot be measured
running in parallel. The 2- and 4-core curves are a model, written as
such in data.csv (kind=model) and on the plot: N times the measured
one-core rate at that clock, i.e. perfect scaling of the measured
per-core cost, capped by nothing. They are not measurements."""
import os

from nmvm_rig import RigError

from . import jobs
from .results import ResultSet
from .session import Session
from .sweep import finish, mpps, parse_args, run_points

SHIFTS = [0, 1, 2, 3, 4]
QUICK_SHIFTS = [1, 3]
MODEL_CORES = [2, 4]
LINE_RATE_MPPS = 14.88

COLUMNS = [("kind", "measured or model"), ("medium", ""),
           ("shift", "icount shift"), ("clock_mhz", "MHz (1 IPC)"),
           ("cores", ""), ("count", "packets"), ("tx_packets", "packets"),
           ("rx_packets", "packets"), ("tx_mpps", "Mpps")]

MEASURE = ("guest clock of qemu -icount shift=S,sleep=off (TCG, one vCPU) "
           "for S = 0..4: guest time advances 2^S ns per guest instruction, "
           "so a rate is that of a 1000/2^S MHz CPU running one instruction "
           "per cycle. Rows with kind=model are computed, not measured.")


def measure(s, shift, medium, quick):
    n = (20000 if quick else 1000000) >> shift
    if medium == "pipe":
        port = "netmap:c%d{1" % shift
        tx, rx = jobs.pktgen_pair(s, port, "netmap:c%d}1" % shift, n, 512)
        rxp = rx["packets"]
    else:
        n = max(n // 10, 1000)
        tx = jobs.pktgen_tx(s, "netmap:cva", n, 512)
        rxp = ""
    row = {"kind": "measured", "medium": medium, "shift": shift,
           "clock_mhz": 1000.0 / (1 << shift), "cores": 1, "count": n,
           "tx_packets": tx["packets"], "rx_packets": rxp,
           "tx_mpps": mpps(tx)}
    models = [dict(row, kind="model", cores=c, count="", tx_packets="",
                   rx_packets="", tx_mpps=c * row["tx_mpps"])
              for c in MODEL_CORES]
    return [row] + models


def main(argv=None):
    args = parse_args(__doc__.split("\n\n")[0], argv)
    shifts = QUICK_SHIFTS if args.quick else SHIFTS
    media = ["pipe"] if args.quick else ["pipe", "veth"]
    rs = ResultSet(
        os.path.join(args.out, "clock"), COLUMNS,
        title="Rate against clock",
        description=" ".join(__doc__.split()),
        measure=MEASURE, clock="icount shift %s" % shifts,
        shifts=shifts, media=media, line_rate_mpps=LINE_RATE_MPPS)
    for shift in shifts:
        try:
            with Session(icount=shift, e1000=False) as s:
                rs.meta["kernel"] = s.kernel
                if "veth" in media:
                    s.veth("cva", "cvb")
                run_points("clock", rs, [
                    ("%s at %g MHz" % (m, 1000.0 / (1 << shift)),
                     lambda m=m, s=s, sh=shift: measure(s, sh, m,
                                                        args.quick))
                    for m in media])
        except RigError as e:
            rs.fail("shift %d" % shift, "guest: %s" % e)
    return finish(rs, "clock")
