#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Build a busybox-static initramfs (gzip'd newc cpio) that runs one guest
# test script and powers the VM off.
#
# Usage:
#   tools/vm/initramfs.sh --abi ABI --script GUEST_SCRIPT -o OUT.cpio.gz
#                         [--modules DIR_OR_KO]... [--file SRC:DST]...
#
#   --abi ABI        kernel ABI (e.g. 6.1.0-56-amd64), or K61 / K612 (looked
#                    up in $PLX_CACHE/kernels.env)
#   --script FILE    guest shell script (busybox ash), run as /plxvm/test.sh
#   --modules X      a .ko file, or a directory searched (depth 3) for *.ko;
#                    copied to /lib/modules/<abi>/extra/ and `depmod -b`
#                    run on the host, so `modprobe plx9x5x` works in the
#                    guest (dependencies from modules.dep). May repeat.
#   --file SRC:DST   copy SRC to the absolute guest path DST (mode kept).
#                    May repeat. Static binaries only (no libraries copied).
#   -o OUT           output file
#
# The guest's /init: mounts proc, sysfs, devtmpfs, /tmp (tmpfs), debugfs;
# opens /dev/ttyS1 on fd 3 (raw; the host→guest ack line used by
# plxvm-qom-set); prints "PLXVM-START"; runs `sh /plxvm/test.sh` with
# cwd /plxvm; prints "PLXVM-RC=<rc>"; then `poweroff -f`.
# Nothing is loaded by default.
#
# Guest helpers in /bin:
#   plxvm-qom-set PATH PROP VALUE
#       asks the host runner (tools/vm/run.sh) to run HMP
#       `qom-set PATH PROP VALUE` (boards are /machine/peripheral/plx0..N-1)
#       and waits (60 s max) for the host's answer; rc 0 when QEMU accepted
#       it, 1 otherwise. Only works under run.sh.
#   plxvm-bdfs [VENDOR:DEVICE]
#       prints the sysfs names (0000:00:04.0) of PCI functions matching
#       10b5:<DEVICE> (default: any 10b5 function), one per line.
set -euo pipefail

usage() { sed -n '4,/^set -euo/p' "$0" | sed -n 's/^# \{0,1\}//p' | sed '$d' >&2; exit 2; }

PLX_CACHE=${PLX_CACHE:-$HOME/.cache/plx9x5x}
abi= script= out=
mods=() files=()
while [ $# -gt 0 ]; do
	case "$1" in
	--abi) abi=$2; shift 2 ;;
	--script) script=$2; shift 2 ;;
	--modules) mods+=("$2"); shift 2 ;;
	--file) files+=("$2"); shift 2 ;;
	-o) out=$2; shift 2 ;;
	-h|--help) usage ;;
	*) echo "initramfs.sh: unknown argument '$1'" >&2; usage ;;
	esac
done
[ -n "$abi" ] && [ -n "$script" ] && [ -n "$out" ] || usage
case "$abi" in
K61|K612)
	# shellcheck disable=SC1091
	. "$PLX_CACHE/kernels.env"
	abi=${!abi} ;;
esac
[ -f "$script" ] || { echo "initramfs.sh: no script $script" >&2; exit 2; }
BB=/bin/busybox		# busybox-static (the dynamic busybox conflicts with it)
[ -x "$BB" ] || BB=$(command -v busybox || true)
[ -n "$BB" ] && [ -x "$BB" ] || { echo "initramfs.sh: busybox-static missing (tools/deps.sh)" >&2; exit 2; }

root=$(mktemp -d "${TMPDIR:-/tmp}/plxvm-root.XXXXXX")
trap 'rm -rf "$root"' EXIT
mkdir -p "$root"/{bin,sbin,etc,proc,sys,dev,tmp,root,plxvm,lib/modules/"$abi"/extra,usr/bin,usr/sbin,mnt}
cp "$BB" "$root/bin/busybox"
mknod -m 600 "$root/dev/console" c 5 1 2>/dev/null || true
mknod -m 666 "$root/dev/null" c 1 3 2>/dev/null || true
for a in $("$BB" --list); do
	[ "$a" = busybox ] && continue
	ln -sf busybox "$root/bin/$a"
done
for a in modprobe insmod rmmod lsmod depmod modinfo poweroff reboot halt mdev; do
	ln -sf ../bin/busybox "$root/sbin/$a"
done

cat > "$root/init" <<'EOF'
#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
export PATH=/bin:/sbin:/usr/bin:/usr/sbin HOME=/root
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
# no /dev/console node in the archive (built as non-root): reopen it now
[ -t 1 ] || exec </dev/console >/dev/console 2>&1
mount -t tmpfs tmpfs /tmp
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
if [ -c /dev/ttyS1 ]; then
	stty -F /dev/ttyS1 raw -echo 2>/dev/null
	exec 3<>/dev/ttyS1
fi
echo "PLXVM-START $(uname -r)"
cd /plxvm
sh /plxvm/test.sh
rc=$?
echo "PLXVM-RC=$rc"
sync
poweroff -f
EOF
chmod 755 "$root/init"

cat > "$root/bin/plxvm-ask" <<'EOF'
#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# plxvm-ask KIND ARGS...: print "PLXVM-KIND <tag> ARGS" on the console for
# the host runner (tools/vm/run.sh: QOM-SET or HMP) and wait up to 60 s for
# its answer on ttyS1 (fd 3). Every 2 s without an answer it writes a
# newline to ttyS1 (the host discards it): the UART interrupt that this
# raises also drains a received line whose interrupt was missed, the
# suspected way a device_del ack once stayed unread for the whole minute
# (k612-hotplug; the host had answered at once).
[ $# -ge 2 ] || { echo "usage: plxvm-ask KIND ARGS..." >&2; exit 2; }
kind=$1
shift
tag=$$.$(cut -d' ' -f1 /proc/uptime)
echo "PLXVM-$kind $tag $*" > /dev/console
i=0
while [ $i -lt 30 ]; do
	if read -t 2 -r ans t rest <&3; then
		[ "$t" = "$tag" ] || continue
		[ "$ans" = "PLXVM-QOM-OK" ] && exit 0
		echo "plxvm-ask $kind $*: host: $rest" >&2
		exit 1
	fi
	i=$((i + 1))
	echo >&3
done
echo "plxvm-ask $kind $*: no answer from the host in 60 s" >&2
exit 1
EOF
chmod 755 "$root/bin/plxvm-ask"

cat > "$root/bin/plxvm-qom-set" <<'EOF'
#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# plxvm-qom-set PATH PROP VALUE: have the host run HMP qom-set; wait for it.
[ $# -eq 3 ] || { echo "usage: plxvm-qom-set PATH PROP VALUE" >&2; exit 2; }
exec plxvm-ask QOM-SET "$@"
EOF
chmod 755 "$root/bin/plxvm-qom-set"

cat > "$root/bin/plxvm-bdfs" <<'EOF'
#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# plxvm-bdfs [10b5:DEVICE]: sysfs names of matching PCI functions.
want=${1:-10b5:}
for d in /sys/bus/pci/devices/*; do
	v=$(cat "$d/vendor"); p=$(cat "$d/device")
	id="${v#0x}:${p#0x}"
	case "$id" in "$want"*) echo "${d##*/}" ;; esac
done
EOF
chmod 755 "$root/bin/plxvm-bdfs"

cp "$script" "$root/plxvm/test.sh"

kmods=$PLX_CACHE/kernels/$abi/lib/modules/$abi
if [ ${#mods[@]} -gt 0 ]; then
	for m in "${mods[@]}"; do
		if [ -d "$m" ]; then
			find "$m" -maxdepth 3 -name '*.ko' -exec cp {} "$root/lib/modules/$abi/extra/" \;
		elif [ -f "$m" ]; then
			cp "$m" "$root/lib/modules/$abi/extra/"
		else
			echo "initramfs.sh: no modules at $m" >&2; exit 2
		fi
	done
fi
for f in modules.builtin modules.builtin.modinfo modules.order; do
	[ -f "$kmods/$f" ] && cp "$kmods/$f" "$root/lib/modules/$abi/"
done
depmod -b "$root" "$abi" 2>/dev/null || depmod -b "$root" "$abi"

for fs in ${files[@]+"${files[@]}"}; do
	src=${fs%%:*} dst=${fs#*:}
	[ -e "$src" ] && [ "${dst#/}" != "$dst" ] ||
		{ echo "initramfs.sh: bad --file '$fs' (SRC must exist, DST absolute)" >&2; exit 2; }
	mkdir -p "$root$(dirname "$dst")"
	cp -a "$src" "$root$dst"
done

mkdir -p "$(dirname "$out")"
(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0) |
	gzip -1 > "$out.tmp"
mv "$out.tmp" "$out"
