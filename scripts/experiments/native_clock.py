"""Rate against clock on a native e1000 (the paper's figure 5, redone on
native mode as the paper's was): pkt-gen tx, 60-byte frames, batch 512,
1024 descriptors, the peer NIC down (frames leave on qemu's wire), at
guest clocks of 1000, 500, 250, 125 and 62.5 MHz (-icount shift 0..4:
2^shift ns per guest instruction), one guest per clock, in native mode
and, for comparison, generic mode on the same NIC. One vCPU: no
multi-core curve is measured, and none is drawn."""
import os

from nmvm_rig import RigError

from . import jobs
from .native import RING, admode, setup
from .results import ResultSet
from .session import Session
from .sweep import finish, mpps, parse_args, run_points

SHIFTS = [0, 1, 2, 3, 4]
QUICK_SHIFTS = [2]
LINE_RATE_MPPS = 14.88
MODES = ["native", "generic"]

COLUMNS = [("mode", "native or generic"), ("shift", "icount shift"),
           ("clock_mhz", "MHz (1 IPC)"), ("count", "packets"),
           ("tx_packets", "packets"), ("tx_mpps", "Mpps"),
           ("instructions_per_packet", "guest instructions")]

MEASURE = ("guest clock of qemu -icount shift=S,sleep=off (TCG, one vCPU) "
           "for S = 0..4: guest time advances 2^S ns per guest instruction, "
           "so a rate is that of a 1000/2^S MHz CPU running one instruction "
           "per cycle")


def measure(s, nics, shift, mode, quick):
    n = (20000 if quick else 2000000) >> shift
    if mode == "generic":
        n //= 10
    a, b = nics
    s.run("ip link set %s down" % b)
    admode(s, mode)
    tx = jobs.pktgen_tx(s, "netmap:" + a, n, 512)
    rate = mpps(tx)
    return {"mode": mode, "shift": shift, "clock_mhz": 1000.0 / (1 << shift),
            "count": n, "tx_packets": tx["packets"], "tx_mpps": rate,
            "instructions_per_packet": 1000.0 / (rate * (1 << shift))
            if rate else ""}


def main(argv=None):
    args = parse_args(__doc__.split("\n\n")[0], argv)
    shifts = QUICK_SHIFTS if args.quick else SHIFTS
    rs = ResultSet(
        os.path.join(args.out, "native-clock"), COLUMNS,
        title="Rate against clock, native e1000",
        description=" ".join(__doc__.split()),
        measure=MEASURE, clock="icount shift %s" % shifts, shifts=shifts,
        line_rate_mpps=LINE_RATE_MPPS, descriptors=RING)
    for shift in shifts:
        try:
            with Session(icount=shift) as s:
                rs.meta["kernel"] = s.kernel
                nics = setup(s)
                run_points("native-clock", rs, [
                    ("%s at %g MHz" % (m, 1000.0 / (1 << shift)),
                     lambda m=m, s=s, sh=shift: measure(s, nics, sh, m,
                                                        args.quick))
                    for m in MODES])
                admode(s, "best")
        except RigError as e:
            rs.fail("shift %d" % shift, "guest: %s" % e)
    return finish(rs, "native-clock")
