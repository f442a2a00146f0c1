#!/bin/sh
# Stage 1 of the guest: runs from the initramfs as PID 1. It loads the
# virtio, 9p and overlay modules copied into the initramfs, mounts the
# host's root file system read-only over 9p under a tmpfs overlay (so the
# guest can write without touching the host) and switches root to it.
# Stage 2 (stage2-init.sh, from the project tree) then runs as PID 1.
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev

fail() {
	echo "nmvm-stage1: $*"
	echo "NMVM-BOOT-FAILED: $*"
	echo o > /proc/sysrq-trigger
	sleep 10
}

# Empty for a kernel that has them built in.
for m in $(cat /modules.order); do
	insmod "/modules/$m.ko" || fail "insmod $m"
done

mkdir -p /lower /upper /root
mount -t 9p -o trans=virtio,version=9p2000.L,ro,msize=512000 hostroot /lower ||
	fail "mount 9p hostroot"
mount -t tmpfs -o mode=0755 tmpfs /upper || fail "mount tmpfs"
mkdir -p /upper/rw /upper/work
mount -t overlay -o lowerdir=/lower,upperdir=/upper/rw,workdir=/upper/work \
	overlay /root || fail "mount overlay"

stage2=$(sed -n 's/.*nmvm.stage2=\([^ ]*\).*/\1/p' /proc/cmdline)
[ -x "/root$stage2" ] || fail "stage 2 $stage2 not found in the host tree"
umount /proc /sys /dev 2>/dev/null
exec switch_root /root "$stage2"
