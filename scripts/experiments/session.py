"""One guest for a whole sweep: booted once (optionally under -icount),
netmap.ko loaded, the test interfaces set up by shell snippets, and the
kernel log checked after every point so a point that upsets the kernel
fails instead of yielding a figure."""
import os

from nmvm_rig import Guest, GuestConfig, NicSpec, RigError
from nmvm_rig.paths import build_dir

# The e1000 pair of every experiment guest: NIC i gets the MAC
# 52:54:00:12:HUB:i from the rig.
E1000_NICS = ["e1000:0", "e1000:0"]
E1000_MACS = ["52:54:00:12:00:00", "52:54:00:12:00:01"]


class PointError(Exception):
    """One measurement failed; the sweep records it and goes on."""


def tool(name):
    return os.path.join(build_dir(), "tools", name, name)


class Session:
    def __init__(self, icount=0, smp=None, e1000=True, mem_mb=2048,
                 admode=None):
        """admode: the module's admode parameter (best, native, generic);
        figures defined on the generic adapter pin it to generic."""
        nics = [NicSpec.parse(n) for n in E1000_NICS] if e1000 else []
        self.guest = Guest(GuestConfig(smp=smp, mem_mb=mem_mb,
                                       icount_shift=icount, nics=nics))
        self.icount = icount
        self.admode = admode
        self.kernel = None
        self.e1000 = None

    def __enter__(self):
        for name in ("pkt-gen", "sock-gen"):
            if not os.path.exists(tool(name)):
                raise RigError("%s not built: run scripts/build"
                               % tool(name))
        # Under -icount with sleep=off an idle guest's clock jumps to its
        # next timer: a guest waiting on the host (the 9p root, loading a
        # binary for the first time) can see a guest-time timeout expire
        # at once. So boot again once if the boot's own checks time out,
        # and load every binary the points use before the first point.
        for attempt in (1, 2):
            try:
                self._boot()
                return self
            except RigError:
                if attempt == 2:
                    raise
        return self

    def _boot(self):
        try:
            # inside the try: Guest.start() leaves qemu running when its
            # closing log check fails
            self.guest.start()
            self.guest.load_module(params="admode=%s" % self.admode
                                   if self.admode else "")
            self.kernel = self.guest.check("uname -r").strip()
            self.guest.check("modprobe pktgen", timeout=300)
            self.guest.check("%s --help; %s --help; timeout --help; "
                             "sleep 0; cat /dev/null; ip -V; sysctl -h; "
                             "true" % (tool("pkt-gen"), tool("sock-gen")),
                             timeout=300)
        except BaseException:
            self.guest.stop()
            raise

    def __exit__(self, *exc):
        self.guest.stop()

    def run(self, script, timeout=600):
        """Run a shell script; return its output. PointError when it
        fails or when the kernel log shows a problem."""
        status, out = self.guest.run(script, timeout=timeout)
        problems = self.guest.check_log()
        if problems:
            raise PointError("guest kernel log: " + "; ".join(problems))
        if status != 0:
            raise PointError("status %d: %s" % (status, out.strip()[-1500:]))
        return out

    def veth(self, a, b, queues=1):
        """A veth pair a <-> b, up, IPv6 off (no stray frames to count)."""
        q = " numtxqueues %d numrxqueues %d" % (queues, queues)
        self.run("ip link del %s 2>/dev/null; "
                 "ip link add name %s%s type veth peer name %s%s\n%s"
                 % (a, a, q, b, q, up_script([a, b])))
        return a, b

    def e1000_pair(self):
        """The two wired e1000 interfaces, up, with carrier."""
        if not self.e1000:
            names = []
            for mac in E1000_MACS:
                out = self.run("for d in /sys/class/net/*; do [ \"$(cat "
                               "$d/address)\" = %s ] && basename $d; done; "
                               "true" % mac)
                if not out.strip():
                    raise PointError("no e1000 interface with MAC " + mac)
                names.append(out.strip())
            self.run(up_script(names))
            self.e1000 = tuple(names)
        return self.e1000


def up_script(names):
    """Bring interfaces up with IPv6 off and wait (guest time) for carrier."""
    cmds = ["set -e"]
    for n in names:
        cmds.append("sysctl -qw net.ipv6.conf.%s.disable_ipv6=1" % n)
        cmds.append("ip link set %s up" % n)
    for n in names:
        cmds.append("i=0; until [ \"$(cat /sys/class/net/%s/carrier)\" = 1 ];"
                    " do i=$((i+1)); [ $i -gt 100 ] && exit 1; sleep 0.1; "
                    "done" % n)
    return "\n".join(cmds)
