#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# matrix: the driver RUNNING on the kernel of every Debian release that ships
# one, built the way a user of that release builds it. For each release
#   deb12      Debian 12 (bookworm), 6.1
#   deb12-bpo  Debian 12 with bookworm-backports, 6.12
#   deb13      Debian 13 (trixie), 6.12
#   sid        Debian unstable, 7.x (Valid-Until not checked, sid only)
# it takes a minimal chroot of that release (chroot.sh: mmdebstrap, cached
# under $PLX_CACHE/matrix, with the release's own dkms and linux-headers-amd64
# and its kernel's boot files), unpacks a throw-away copy, installs the
# project's .debs there with `apt-get install ./plx9x5x-dkms_*.deb
# ./plx9x5x-utils_*.deb` (the release's own DKMS builds the modules for its
# own headers, with its own compiler and libc), checks the modules DKMS
# installed (vermagic = that ABI), then boots that release's kernel in the
# project's QEMU (tools/vm/run.sh) with exactly those modules, ONCE, and
# runs in that one guest, one test point each:
#   - the loopback (tools/pkg/guest-loopback.sh, as vm-loopback.sh): modprobe
#     by the board's PCI modalias, plxtest loopback, modprobe -r;
#   - then the vmtest basics (tools/vmtest/guest/basic.sh with guest-lib.sh):
#     insmod, the node, the whole plxtest, rmmod, autoload, unbind/rebind;
# each with a clean kernel log (any WARNING, BUG, oops, call trace, lockdep
# or DMAR report, tools/vm/bad-log.patterns, fails the part it came in).
# The serial log: $PLX_LOGDIR/matrix-NAME-boot.log.
# The .debs come from `make deb-build` (tools/pkg/deb.sh, run first; it
# reuses build/deb/ when that was built from the same source, e.g. by an
# earlier suite, and the first test point says which happened).
#
#   tools/matrix/matrix.sh [--only NAME[,NAME...]] [--debs DIR] [--list]
#
# --debs DIR: test the plx9x5x-dkms/plx9x5x-utils .debs found in DIR instead
# of building them (e.g. a release candidate, or a second run in parallel).
#
# Prints each release's and the whole run's time. PLX_MATRIX_TIMEOUT (default
# 900) is each boot's wall-clock limit. Needs root (chroot,
# mount namespaces). Mounts (proc, dev) live in a private mount namespace
# (unshare -m) and vanish with it. Output: TAP (tools/pkg/lib.sh).
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
. "$ROOT/tools/pkg/lib.sh"
LOGDIR=${PLX_LOGDIR:-$ROOT/build/logs}
VER=$PKG_VER

only="" list=0 debs=""
while [ $# -gt 0 ]; do
	case "$1" in
	--only) only=$2; shift 2 ;;
	--only=*) only=${1#--only=}; shift ;;
	--list) list=1; shift ;;
	--debs) debs=$2; shift 2 ;;
	-h|--help) sed -n '4,/^set -uo/p' "$0" | sed -n 's/^# \{0,1\}//p'; exit 0 ;;
	*) echo "matrix: unknown argument '$1'" >&2; exit 2 ;;
	esac
done
names=$("$HERE/chroot.sh" --list)
if [ $list = 1 ]; then printf '%s\n' $names; exit 0; fi
sel=()
for n in $names; do
	[ -z "$only" ] || [[ ",$only," == *",$n,"* ]] && sel+=("$n")
done
[ ${#sel[@]} -gt 0 ] || { echo "matrix: no release matches '$only'" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || { fail "matrix needs root (chroot, unshare -m)"; summary matrix; exit 1; }

T0=$(date +%s)
work=$(mktemp -d /tmp/plx-matrix.XXXXXX)
cleanup() { rm -rf "$work"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
mkdir -p "$LOGDIR"

# --- the project's packages and plxtest ----------------------------------
t0=$(date +%s)
if [ -n "$debs" ]; then
	echo "matrix: testing the .debs in $debs"
elif PLX_DEB_BUILD_ONLY=1 "$ROOT/tools/pkg/deb.sh" >"$LOGDIR/matrix-deb-build.log" 2>&1; then
	# deb.sh's first point says whether dpkg-buildpackage ran or build/deb
	# was reused (built from the same source earlier)
	how=$(grep -m1 -aE '^ok [0-9]+ - dpkg-buildpackage' "$LOGDIR/matrix-deb-build.log" |
		sed -E 's/^ok [0-9]+ - //')
	pass "make deb-build ($(( $(date +%s) - t0 ))s; ${how:-?}): $(tail -1 "$LOGDIR/matrix-deb-build.log")"
else
	fail "make deb-build: $(tail -1 "$LOGDIR/matrix-deb-build.log")"
	tail_log "$LOGDIR/matrix-deb-build.log" 15
fi
arch=$(dpkg --print-architecture)
ddeb=${debs:-$ROOT/build/deb}/plx9x5x-dkms_${VER}_all.deb
udeb=${debs:-$ROOT/build/deb}/plx9x5x-utils_${VER}_${arch}.deb
if [ -f "$ddeb" ] && [ -f "$udeb" ]; then
	cp "$ddeb" "$udeb" "$work/"
else
	fail "no .debs in build/deb: nothing to test"
	summary matrix
	exit 1
fi
plxtest=$work/plxtest
make -s -C "$ROOT/tools/plxtest" OUT="$work" || fail "plxtest (static) build"
QEMU=$("$ROOT/emu/qemu/build-qemu.sh") || { fail "QEMU build"; summary matrix; exit 1; }
export PLX_QEMU=$QEMU
# no_timer_check: on a loaded host, TCG can miss the kernel's early IO-APIC
# timer check ("Kernel panic - not syncing: IO-APIC + timer doesn't work!",
# seen with sid's 7.2 while four matrix runs shared two cores); the option
# exists for virtual machines and changes nothing the driver uses.
export PLX_VM_APPEND=no_timer_check
# Wall-clock limit of each boot. The basics take about 3 min of guest time
# on an idle 2-core host; with the host at load 28 a 300 s limit killed a
# passing run, hence 900 s (PLX_MATRIX_TIMEOUT).
export PLX_VM_TIMEOUT=${PLX_MATRIX_TIMEOUT:-900}

# in_chroot ROOTDIR COMMAND...: run in the chroot with /proc and /dev
# mounted in a private mount namespace (nothing to unmount afterwards).
in_chroot() {
	local r=$1; shift
	unshare -m --propagation private sh -c '
		r=$1; shift
		mount -t proc proc "$r/proc" && mount --rbind /dev "$r/dev" &&
		exec chroot "$r" "$@"' _ "$r" "$@"
}

# utils_for_release NAME ROOTDIR: plx9x5x-utils is built against the build
# host's libc, so a .deb built on Debian 13 (libc6 >= 2.38) cannot install
# on Debian 12 (2.36), as a Debian package built for one release is not
# for an older one. Where the release's libc6 is older than the .deb asks,
# rebuild the binary packages in that release's chroot (build-essential,
# debhelper and dh-dkms from its archive; the source tree deb.sh made) and
# return 0: the caller installs that plx9x5x-utils. The
# architecture-independent plx9x5x-dkms stays the one built on the host.
# Returns 1 when the host's .deb fits (nothing done) or on failure (said).
utils_for_release() {
	local n=$1 r=$2 need have log src
	need=$(dpkg-deb -f "$udeb" Depends | grep -o 'libc6 (>= [^)]*)' |
		sed 's/^libc6 (>= \(.*\))$/\1/')
	have=$(chroot "$r" dpkg-query -W -f='${Version}' libc6 2>/dev/null)
	[ -n "$need" ] && [ -n "$have" ] || return 1
	dpkg --compare-versions "$have" ge "$need" && return 1
	src=$ROOT/build/deb/plx9x5x-$VER
	if [ -n "$debs" ] || [ ! -f "$src/debian/changelog" ]; then
		fail "$n: plx9x5x-utils needs libc6 >= $need, $n has $have, and no source tree to rebuild it ($src)"
		return 1
	fi
	log=$LOGDIR/matrix-$n-utils-build.log
	cp /etc/resolv.conf "$r/etc/resolv.conf" 2>/dev/null || true
	rm -rf "$r/tmp/plx9x5x-$VER"
	cp -a "$src" "$r/tmp/plx9x5x-$VER"
	if in_chroot "$r" sh -c 'apt-get update -q &&
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
			--no-install-recommends build-essential debhelper dh-dkms &&
		cd /tmp/plx9x5x-$1 && dpkg-buildpackage -us -uc -b' _ "$VER" \
		>"$log" 2>&1 && [ -f "$r/tmp/$(basename "$udeb")" ]; then
		pass "$n: plx9x5x-utils rebuilt in the $n chroot (the host's .deb needs libc6 >= $need, $n has $have)"
		return 0
	fi
	fail "$n: rebuild plx9x5x-utils in the $n chroot (log $log)"
	tail_log "$log" 20
	return 1
}

# --- one boot per release: the loopback, then the basics ----------------------
# boot NAME ABI MODDIR: boot ABI once (tools/vm/run.sh) with wdfshim.ko and
# plx9x5x.ko from MODDIR and run, in that guest, first the loopback of
# tools/pkg/guest-loopback.sh (modprobe by the board's modalias, plxtest
# loopback, modprobe -r), then the vmtest basics (tools/vmtest/guest/
# basic.sh). Two test points, as when each had its own boot: the loopback
# and the basics, each with a clean kernel log. Between the two the guest
# writes "plx-matrix: the basics begin" to /dev/kmsg: the kernel prints its
# log in order, so a bad line (tools/vm/bad-log.patterns) above that mark
# in the serial log was logged during the loopback, one below it during
# the basics; each fails only its own part. The serial log stays in
# $LOGDIR/matrix-NAME-boot.log (and, for a failed run, run.sh keeps it with
# the QEMU command in $LOGDIR/failed/).
BAD_LOG=$(grep -v -e '^#' -e '^$' "$ROOT/tools/vm/bad-log.patterns" | paste -sd'|')
boot() {
	local n=$1 abi=$2 mods=$3 log script
	log=$LOGDIR/matrix-$n-boot.log
	script=$work/boot-$n.sh
	{
		cat "$ROOT/tools/tap/tap.sh" "$ROOT/tools/vmtest/guest-lib.sh" \
			"$ROOT/tools/pkg/guest-loopback.sh"
		cat <<'GUEST'
plx_loopback
lrc=$?
echo "GUEST-LOOPBACK-RC=$lrc"
# a failed loopback may leave the modules loaded: the basics start clean
[ "$lrc" -eq 0 ] || modprobe -r plx9x5x wdfshim 2>/dev/null
echo "<5>plx-matrix: the basics begin" > /dev/kmsg
echo "# plx-matrix: the basics begin"
GUEST
		cat "$ROOT/tools/vmtest/guest/basic.sh"
		cat <<'GUEST'
brc=$?
echo "GUEST-BASICS-RC=$brc"
[ "$lrc" -eq 0 ] && [ "$brc" -eq 0 ]
GUEST
	} >"$script"
	"$ROOT/tools/vm/run.sh" --abi "$abi" --script "$script" --smp 2 --boards 1 \
		--timeout "$PLX_VM_TIMEOUT" --quiet --log "$log" --append "$PLX_VM_APPEND" \
		--modules "$mods/wdfshim.ko" --modules "$mods/plx9x5x.ko" \
		--file "$plxtest:/plxvm/plxtest" 2>"$work/boot-$n.err"
	boot_verdict "$n" "$abi" "$log" $? "$work/boot-$n.err"
}

# boot_verdict NAME ABI LOG RC ERRFILE: the two test points of one boot
# from its serial log LOG and run.sh's status RC (stderr in ERRFILE).
boot_verdict() {
	local n=$1 abi=$2 log=$3 rc=$4 err=$5 lrc brc mark bad_l bad_b res lines why lwhy bwhy
	[ -f "$log" ] || : >"$log"
	lrc=$(grep -ao 'GUEST-LOOPBACK-RC=[0-9]*' "$log" | tail -1 | cut -d= -f2)
	brc=$(grep -ao 'GUEST-BASICS-RC=[0-9]*' "$log" | tail -1 | cut -d= -f2)
	# the kernel's copy of the mark ("[ secs ] ..."); the echo is the fallback
	mark=$(grep -anE '^\[ *[0-9.]+\] plx-matrix: the basics begin' "$log" | head -1 | cut -d: -f1)
	[ -n "$mark" ] || mark=$(grep -an '^# plx-matrix: the basics begin' "$log" | head -1 | cut -d: -f1)
	bad_l=$(grep -anE "$BAD_LOG" "$log" | awk -F: -v m="${mark:-0}" 'm == 0 || $1 < m')
	bad_b=$(grep -anE "$BAD_LOG" "$log" | awk -F: -v m="${mark:-0}" 'm > 0 && $1 > m')
	res=$(grep -a 'GUEST-RESULT:' "$log" | tail -1 | sed 's/.*GUEST-RESULT: //')
	lines=$(grep -aE '^# guest: ' "$log" | tail -1)
	case $rc in
	124) why="timeout after ${PLX_VM_TIMEOUT}s" ;;
	2) why="no PLXVM-RC line: the guest crashed or never ran" ;;
	*) why="run.sh rc $rc" ;;
	esac
	lwhy=$why bwhy=$why
	if [ "$lrc" = 0 ] && [ -z "$bad_l" ]; then
		pass "$n: boot $abi with the DKMS modules, clean log: $abi: modprobe by modalias, ${res:-no result}"
	else
		if [ -n "$bad_l" ]; then lwhy="bad kernel log lines during the loopback"
		elif [ -n "$lrc" ]; then lwhy="guest rc $lrc"; fi
		fail "$n: boot $abi with the DKMS modules, modprobe by alias, loopback, clean log: $lwhy, ${res:-no result} (log $log)"
		grep -aE 'GUEST|^# plxtest\| ' "$log" | head -30 | sed 's/^/    | /'
		[ -z "$bad_l" ] || printf '%s\n' "$bad_l" | head -20 | sed 's/^/    | log line /'
	fi
	if [ "$brc" = 0 ] && [ -z "$bad_b" ] && [ "$rc" != 124 ] && [ "$rc" != 2 ]; then
		pass "$n: vmtest basics (basic.sh) on $abi, clean log: ${lines:-?}"
	else
		if [ -z "$mark" ]; then bwhy="not reached ($why)"
		elif [ -n "$bad_b" ]; then bwhy="bad kernel log lines during the basics"
		elif [ -n "$brc" ] && [ "$rc" != 124 ] && [ "$rc" != 2 ]; then bwhy="guest rc $brc"; fi
		fail "$n: vmtest basics (basic.sh) on $abi: $bwhy, ${lines:-no result} (log $log)"
		grep -aE '^not ok ' "$log" | head -10 | sed 's/^/    | /'
		[ -z "$bad_b" ] || printf '%s\n' "$bad_b" | head -20 | sed 's/^/    | log line /'
	fi
	if [ "$rc" -ne 0 ]; then
		tail -n 25 "$err" | sed 's/^/    | /'
	fi
}

# --- one release ------------------------------------------------------------
one() {
	local n=$1 t0 tar r abi kver kc mods m ko vm log rc lines
	t0=$(date +%s)
	echo "=== $n ==="
	if ! tar=$("$HERE/chroot.sh" "$n" 2>"$LOGDIR/matrix-$n-chroot.log"); then
		fail "$n: chroot (mmdebstrap)"; tail_log "$LOGDIR/matrix-$n-chroot.log"
		return
	fi
	r=$work/$n
	mkdir -p "$r"
	if ! tar -xf "$tar" -C "$r" 2>"$LOGDIR/matrix-$n-untar.log"; then
		fail "$n: unpack $tar"; tail_log "$LOGDIR/matrix-$n-untar.log"
		rm -rf "$r"; return
	fi
	abi=$(cat "$r/plx-kernel/abi") kver=$(cat "$r/plx-kernel/version")
	pass "$n: chroot with $(. "$r/etc/os-release"; echo "${PRETTY_NAME:-?}"), dkms $(chroot "$r" dpkg-query -W -f='${Version}' dkms), headers $abi ($kver)"

	# That release's kernel, where run.sh finds it (keyed by ABI; an
	# entry someone else made is kept).
	kc=$PLX_CACHE/kernels/$abi
	if [ ! -f "$kc/vmlinuz" ]; then
		rm -rf "$kc.tmp.$$"
		cp -a "$r/plx-kernel" "$kc.tmp.$$"
		if [ -f "$kc/vmlinuz" ]; then rm -rf "$kc.tmp.$$"; else rm -rf "$kc"; mv "$kc.tmp.$$" "$kc"; fi
	fi

	mkdir -p "$r/tmp/debs"
	cp "$work"/*.deb "$r/tmp/debs/"
	u=/tmp/debs/$(basename "$udeb")
	utils_for_release "$n" "$r" && u=/tmp/$(basename "$udeb")
	log=$LOGDIR/matrix-$n-install.log
	if in_chroot "$r" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
		--no-install-recommends "/tmp/debs/$(basename "$ddeb")" \
		"$u" >"$log" 2>&1; then
		pass "$n: apt-get install ./plx9x5x-dkms ./plx9x5x-utils (DKMS build for $abi)"
	else
		fail "$n: apt-get install ./plx9x5x-dkms ./plx9x5x-utils"
		tail_log "$log" 30
		tail_log "$(ls "$r"/var/lib/dkms/plx9x5x/*/build/make.log 2>/dev/null | head -1)" 30
	fi
	mods=$work/mods-$n
	mkdir -p "$mods"
	for m in wdfshim plx9x5x; do
		ko=$(ls "$r/lib/modules/$abi/updates/dkms/$m".ko* 2>/dev/null | head -1)
		case "$ko" in
		*.ko) cp "$ko" "$mods/$m.ko" ;;
		*.ko.xz) xz -dc "$ko" >"$mods/$m.ko" ;;
		*.ko.zst) zstd -qdc "$ko" >"$mods/$m.ko" ;;
		*.ko.gz) gzip -dc "$ko" >"$mods/$m.ko" ;;
		esac
		vm=$(modinfo -F vermagic "$mods/$m.ko" 2>/dev/null)
		check "$n: DKMS installed $m.ko for $abi (vermagic '${vm%% *}')" \
			test "${vm%% *}" = "$abi"
	done
	# the chroot (gigabytes of toolchain) is not needed any more
	rm -rf "$r"

	if [ -f "$mods/wdfshim.ko" ] && [ -f "$mods/plx9x5x.ko" ]; then
		boot "$n" "$abi" "$mods"
	else
		fail "$n: boot $abi (no DKMS-built modules)"
	fi
	echo "matrix: $n took $(( $(date +%s) - t0 ))s"
}

for n in "${sel[@]}"; do one "$n"; done
echo "matrix: whole run took $(( $(date +%s) - T0 ))s"
summary matrix
