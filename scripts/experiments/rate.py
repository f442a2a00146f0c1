"""Rate accuracy of pkt-gen -R (issue 5): the rate asked for against the
rate achieved, over a netmap pipe with a receiver, on the guest clock.
Each point sends two guest seconds' worth of 60-byte frames; the whole-run
rate and the worst one-second interval are compared with the target."""
import json
import os

from . import jobs
from .results import ResultSet, icount_measure
from .session import Session
from .sweep import finish, parse_args, run_points

RATES = [10000, 100000, 1000000, 2000000]
QUICK_RATES = [10000, 100000]
SECONDS = 2

COLUMNS = [("target_pps", "pps asked with -R"), ("count", "packets sent"),
           ("achieved_pps", "pps over the whole run"),
           ("error_percent", "(achieved - target) / target, %"),
           ("worst_interval_error_percent",
            "largest |error| of a whole one-second interval, %")]


def tx_intervals(out):
    """pkt-gen's interval records that span a whole -T period (the one
    that reaches 100% of -n is cut short by the end of the run)."""
    lines = [json.loads(line) for line in out.splitlines()
             if line.startswith("{")]
    return [o for o in lines if o.get("type") == "interval"
            and o.get("progress", 0) < 100.0]


def point(s, rate, quick):
    n = rate * (1 if quick else SECONDS)
    port = "netmap:rt%d" % rate
    rx_args = jobs.pktgen_args(port + "}1", "rx", n, 512)
    tx_args = jobs.pktgen_args(port + "{1", "tx", n, 512) + \
        ["-R", str(rate), "-T", "1000"]
    rx_out, tx_out = jobs.pair(s, rx_args, tx_args)
    tx = jobs.last_summary(tx_out, "pkt-gen tx")
    achieved = tx["packets"] / tx["seconds"]
    errors = [abs(o["pps"] - rate) / rate * 100.0
              for o in tx_intervals(tx_out)] or [0.0]
    return {"target_pps": rate, "count": tx["packets"],
            "achieved_pps": round(achieved, 1),
            "error_percent": round((achieved - rate) / rate * 100.0, 4),
            "worst_interval_error_percent": round(max(errors), 4)}


def main(argv=None):
    args = parse_args(__doc__.split("\n\n")[0], argv)
    rates = QUICK_RATES if args.quick else RATES
    with Session(icount=0, e1000=False) as s:
        rs = ResultSet(
            os.path.join(args.out, "rate"), COLUMNS, kernel=s.kernel,
            title="pkt-gen -R: rate asked against rate achieved",
            description="pkt-gen -f tx -R RATE -b 512 -n (2 s worth), "
            "60-byte frames, over a netmap pipe into pkt-gen -f rx. The "
            "whole-run rate is packets over the sender's active time; the "
            "worst interval is the largest deviation among the whole "
            "one-second report intervals (the last, partial one left "
            "out). Issue 5 asks for -R within 1% over a second.",
            measure=icount_measure(s.icount),
            clock="icount shift %d" % s.icount, rates=rates)
        run_points("rate", rs, [("-R %d" % r, lambda r=r: point(s, r,
                                                                args.quick))
                                for r in rates])
        return finish(rs, "rate")
