#!/bin/sh
# Stage 2 of the guest: PID 1 on the host's root (read-only 9p under a
# tmpfs overlay). Sets up the minimum a test needs, then runs the agent
# that executes the host's commands, or an interactive shell.
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root LANG=C.UTF-8 TERM=${TERM:-linux}
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
mkdir -p /dev/pts /dev/shm
mount -t devpts devpts /dev/pts
mount -t tmpfs tmpfs /dev/shm
mount -t tmpfs tmpfs /tmp
mount -t tmpfs tmpfs /run
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
hostname nmvm
# A kernel of our own (scripts/debug-kernel): its modules live in the
# project's cache, not under the host's /lib/modules.
modules=$(sed -n 's/.*nmvm.modules=\([^ ]*\).*/\1/p' /proc/cmdline)
if [ -n "$modules" ]; then
	mkdir -p "/lib/modules/$(uname -r)"
	mount --bind "$modules" "/lib/modules/$(uname -r)"
fi
ip link set lo up
# Keep console noise for real problems only: the rig reads dmesg itself.
echo 1 > /proc/sys/kernel/printk
modprobe virtio_console
# Debian's drivers for the NICs --nic may add (harmless when there are
# none); the rig swaps in the native-mode replacements with netmap.ko.
modprobe -a e1000 e1000e virtio_net 2>/dev/null

here=$(dirname "$0")
mode=$(sed -n 's/.*nmvm.mode=\([a-z]*\).*/\1/p' /proc/cmdline)
if [ "$mode" = shell ]; then
	echo "nmvm: interactive guest; 'poweroff -f' or Ctrl-D leaves."
	setsid sh -c 'exec bash -i <>/dev/ttyS0 >&0 2>&1'
else
	/usr/bin/python3 "$here/agent.py"
	echo "nmvm: agent ended with status $?"
fi
sync
echo o > /proc/sysrq-trigger
sleep 30
