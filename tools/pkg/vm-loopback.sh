#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# vm-loopback.sh ABI MODDIR: boot Debian kernel ABI on one emulated PLX 9656
# board (tools/vm/run.sh) with the modules found in MODDIR (wdfshim.ko and
# plx9x5x.ko, as installed by DKMS or the .deb: .ko, or .ko.xz/.ko.zst/.ko.gz
# which are decompressed here, the initramfs takes plain .ko), then in the
# guest: "modprobe" the board's PCI modalias (modules.alias from depmod
# resolves it to plx9x5x, modules.dep pulls in wdfshim), check both modules
# are live, and run "plxtest -T loopback" on /dev/plx9x5x0 (plxtest is built
# static from tools/plxtest here; without it, a dd write/read/cmp of the
# board's SRAM through /dev/plx9x5x0 is the fallback).
# Exit 0 when everything passed; the last line is a one-line summary.
#
# vm-loopback.sh ABI MODDIR --sig-enforce: instead, boot with
# module.sig_enforce=1 (what Debian's kernels switch on under Secure Boot,
# CONFIG_IMA_ARCH_POLICY) and check that kmod's insmod and modprobe (the
# host's /bin/kmod and its libraries, copied into the guest) refuse the
# modules with the errors doc/install.md quotes, as happens before DKMS's
# MOK key is enrolled.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
abi=${1:?usage: vm-loopback.sh ABI MODDIR [--sig-enforce]}
moddir=${2:?usage: vm-loopback.sh ABI MODDIR [--sig-enforce]}
mode=${3:-loopback}
say() { echo "vm-loopback: $*"; }

[ -x "$root/tools/vm/run.sh" ] || { say "tools/vm/run.sh missing"; exit 1; }
w=$(mktemp -d /tmp/plx-vmloop.XXXXXX)
trap 'rm -rf "$w"' EXIT
mkdir -p "$w/mods"
for m in wdfshim plx9x5x; do
	f=$(ls "$moddir/$m".ko* 2>/dev/null | head -1)
	[ -n "$f" ] || { say "no $m.ko* in $moddir"; exit 1; }
	case "$f" in
	*.ko) cp "$f" "$w/mods/" ;;
	*.ko.xz) xz -dc "$f" >"$w/mods/$m.ko" ;;
	*.ko.zst) zstd -qdc "$f" >"$w/mods/$m.ko" ;;
	*.ko.gz) gzip -dc "$f" >"$w/mods/$m.ko" ;;
	*) say "unknown module file $f"; exit 1 ;;
	esac
	say "$m: $f ($(modinfo -F vermagic "$w/mods/$m.ko" | cut -d' ' -f1))"
done

files=()
if [ -f "$root/tools/plxtest/Makefile" ] &&
   make -s -C "$root/tools/plxtest" OUT="$w" >"$w/cc.log" 2>&1; then
	files+=(--file "$w/plxtest:/plxvm/plxtest")
else
	say "plxtest not built (falling back to dd):"; cat "$w/cc.log" 2>/dev/null
fi

# The guest side: tools/pkg/guest-loopback.sh (shared with tools/matrix).
{ cat "$root/tools/pkg/guest-loopback.sh"; echo 'plx_loopback'; } >"$w/guest.sh"

extra=()
# PLX_VM_APPEND: extra guest kernel command line (tools/matrix uses it).
[ -n "${PLX_VM_APPEND:-}" ] && extra+=(--append "$PLX_VM_APPEND")
if [ "$mode" = --sig-enforce ]; then
	files=(--file /bin/kmod:/opt/kmod/kmod)
	for l in $(ldd /bin/kmod | grep -o '/[^ ]*'); do
		files+=(--file "$(readlink -f "$l"):$l")
	done
	extra+=(--append module.sig_enforce=1)
	cat >"$w/guest.sh" <<'GUEST'
# SPDX-License-Identifier: GPL-2.0-only
for t in insmod modprobe; do ln -s /opt/kmod/kmod /tmp/$t; done
cd /lib/modules/$(uname -r)/extra
echo "GUEST: sig_enforce=$(cat /sys/module/module/parameters/sig_enforce)"
/tmp/insmod plx9x5x.ko 2>&1 | sed 's/^/GUEST-SAYS: /'
/tmp/modprobe plx9x5x 2>&1 | sed 's/^/GUEST-SAYS: /'
dmesg | grep -i 'Loading of' | sed 's/^/GUEST-DMESG: /'
if [ -d /sys/module/wdfshim ] || [ -d /sys/module/plx9x5x ]; then
	echo "GUEST-RESULT: a module loaded despite sig_enforce"
	exit 1
fi
echo "GUEST-RESULT: refused"
GUEST
fi

"$root/tools/vm/run.sh" --abi "$abi" --script "$w/guest.sh" --boards 1 \
	--modules "$w/mods" ${files[@]+"${files[@]}"} ${extra[@]+"${extra[@]}"} \
	--timeout "${PLX_VM_TIMEOUT:-240}" --log "$w/serial.log" --quiet
rc=$?
if [ "$mode" = --sig-enforce ]; then
	grep -a GUEST "$w/serial.log"
	want1="insmod: ERROR: could not insert module plx9x5x.ko: Key was rejected by service"
	want2="modprobe: ERROR: could not insert 'plx9x5x': Key was rejected by service"
	if [ $rc -eq 0 ] && grep -aqF "GUEST-SAYS: $want1" "$w/serial.log" &&
	   grep -aqF "GUEST-SAYS: $want2" "$w/serial.log" &&
	   grep -aq 'GUEST-DMESG: .*Loading of module with unavailable key is rejected' "$w/serial.log"; then
		echo "$abi with module.sig_enforce=1: \"$want1\", \"$want2\""
		exit 0
	fi
	echo "$abi with module.sig_enforce=1: not refused as documented (run.sh rc=$rc)"
	exit 1
fi
grep -E 'GUEST|^# plxtest\| |passed|plx9x5x|wdfshim' "$w/serial.log" | tail -40
res=$(grep -a 'GUEST-RESULT:' "$w/serial.log" | tail -1 | sed 's/.*GUEST-RESULT: //')
if [ $rc -eq 0 ]; then
	echo "$abi: modprobe by modalias, ${res:-no result}"
else
	echo "$abi: run.sh rc=$rc, ${res:-no result}"
fi
exit $rc
