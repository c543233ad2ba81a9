#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# make bench: plx9x5x against the native reference driver (tools/bench/
# native/plxnat.c) on the emulated board, timed in deterministic virtual
# time (QEMU -icount). Not part of make check. See tools/bench/README.md.
#
#   tools/bench/bench.sh [--points P1,P2,...] [--quick]
#   tools/bench/bench.sh --profile
#
# Points (one guest boot each; every boot has NB boards for plx9x5x and NB
# for plxnat):
#   9656-i0     9656-class boards (528 MB/s modelled bus), -icount shift=0
#   9656-i0-r2  the same again: the reproducibility check (within 1 %)
#   9656-i1     9656-class, -icount shift=1 (a CPU half as fast)
#   9056-i0     9056-class boards (264 MB/s), -icount shift=0
# Default: all four, one at a time (BENCH_JOBS; two boots at once broke
# the reproducibility check, see README "Limits"); the 9656-i1 and 9056-i0
# points measure 1 board only (BENCH_BOARDS_EXTRA). --quick: boards 1 and
# 4 only at the main point, reps 2. --profile: instead of the timed runs,
# one boot of the 9656-i0 point in which one read and one write of each
# size in BENCH_PROF_SIZES ("1 131072") of plx9x5x, native-same and
# native are traced (ftrace function_graph,
# tools/bench/profile-guest.sh); build/bench/profile.txt has the table
# (tools/bench/profile.py), profile.log the guest's log. --trace: one boot
# of the 9656-i0 point (with BENCH_BUS) in which one read of
# BENCH_TRACE_SIZE bytes (1) of each of plx9x5x, native-same and native is
# traced with scheduler, idle and interrupt events, then again with
# function_graph on the idle path (tools/bench/trace-guest.sh); the
# guest's log is build/bench/trace.log.
#
# Environment: BENCH_REPS (5), BENCH_WARMUP (2), BENCH_SMP (1), BENCH_BOARDS ("1 2 3 4"),
# BENCH_RTC (QEMU -rtc; default a fixed date on the virtual clock; empty:
# QEMU's default, the host's time), BENCH_CMDLINE (extra guest kernel
# command line; default below; empty: none),
# BENCH_BOARDS_EXTRA ("1"), BENCH_JOBS (1), BENCH_NB (boards per driver in
# the boot; default the largest board count),
# BENCH_SIZES (comma list; empty = the full sweep), BENCH_MODES
# (read,write,duplex), BENCH_LAYOUT (the request buffers' physical
# layout, plxbench --layout: scattered, every page its own descriptor, the
# default; allocator: as the page allocator gives them), BENCH_KERNEL
# (K612 or K61), BENCH_BUS (shared, the default: every board of the boot
# on one modelled PCI bus segment, QEMU bus-group=1, so N boards share one
# bus's bandwidth; own: each board a bus of its own, the old behaviour),
# BENCH_BOARD_OPTS (--trace only: extra QEMU -device properties for every
# board, e.g. 'arb-gap-ns=0,target-latency-ns=0,desc-costs=off', the bus
# costs off; default none), BENCH_TRACE_SIZE (--trace: request size, 1),
# PLX_CACHE, PLX_JOBS. The boards charge the model's default bus costs
# (descriptor fetches, count write-backs, arbitration gaps; README.md).
#
# Output in build/bench/: <point>.log (guest serial log), <point>.csv (the
# raw BENCH lines), results.csv / results.json (every point, with the icount
# setting and bus limit), throughput-<class>.svg, report.txt (the tables
# printed on the terminal). Exit status 0 when every guest check passed and
# the reproducibility check held, 1 otherwise.
set -uo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
PLX_CACHE=${PLX_CACHE:-$HOME/.cache/plx9x5x}
export PLX_CACHE
OUT=$ROOT/build/bench
JOBS=${PLX_JOBS:-2}
REPS=${BENCH_REPS:-5}
WARMUP=${BENCH_WARMUP:-2}
BOARDS=${BENCH_BOARDS:-1 2 3 4}
SIZES=${BENCH_SIZES:-}
MODES=${BENCH_MODES:-read,write,duplex}
KERNEL=${BENCH_KERNEL:-K612}
LAYOUT=${BENCH_LAYOUT:-scattered}
BUS=${BENCH_BUS:-shared}
case "$BUS" in
shared) BUS_OPT=,bus-group=1 ;;
own) BUS_OPT= ;;
*) echo "bench: BENCH_BUS is shared or own, not '$BUS'" >&2; exit 2 ;;
esac
points=9656-i0,9656-i0-r2,9656-i1,9056-i0
# Determinism (tools/bench/README.md, "Reproducibility"): with -icount the
# guest is a deterministic machine except for what it reads from the host:
# the initramfs (byte-identical for the same inputs: tools/vm/initramfs.sh)
# and QEMU's RTC, which defaults to the host's wall clock; the guest kernel
# mixes the wall time it reads at boot into its random pool. A fixed date
# on the virtual clock removes that input; the command line removes
# address-space randomisation and the watchdogs' periodic work, and the
# boot's crypto self-tests (cryptomgr.notests): under TCG at 1 ns per
# instruction the ffdhe DH test keeps the one CPU busy for about 2 s of
# virtual time, into the timed runs of a small boot, and with voluntary
# preemption a woken caller waited for its next cond_resched() (the ~72 us
# step; tools/bench/README.md, "Limits"). guest-boards.sh still waits for
# an idle guest and names any other CPU hog.
RTC=${BENCH_RTC-base=2026-01-01T00:00:00,clock=vm}
CMDLINE=${BENCH_CMDLINE-nokaslr norandmaps nowatchdog nmi_watchdog=0 cryptomgr.notests}

PROFILE=0
say() { echo "bench: $*" >&2; }

while [ $# -gt 0 ]; do
	case "$1" in
	--points) points=$2; shift 2 ;;
	--points=*) points=${1#--points=}; shift ;;
	--quick) REPS=2 WARMUP=1 BOARDS="1 4"; shift ;;
	--profile) PROFILE=1; shift ;;
	--trace) PROFILE=2; shift ;;
	-h|--help) sed -n '4,/^set -uo/p' "$0" | sed -n 's/^# \{0,1\}//p' | sed '$d'; exit 0 ;;
	*) say "unknown argument '$1'"; exit 2 ;;
	esac
done
NB=0
for b in $BOARDS; do [ "$b" -gt "$NB" ] && NB=$b; done
# BENCH_NB: boards per driver in the boot (default: the largest board count)
[ -z "${BENCH_NB:-}" ] || NB=$BENCH_NB
[ "$NB" -ge 1 ] || { say "BENCH_BOARDS has no board count"; exit 2; }

# shellcheck disable=SC1091
. "$PLX_CACHE/kernels.env" || { say "no $PLX_CACHE/kernels.env (make deps)"; exit 2; }
abi=${!KERNEL}
kdir=/usr/src/linux-headers-$abi
mkdir -p "$OUT"
exec 8>"$ROOT/build/.vmtest.lock"	# build/vm-* and QEMU runs: one at a time
flock -n 8 || { say "waiting for another vmtest/run/bench in this clone"; flock 8; }

# ---- modules and plxbench -----------------------------------------------------
src=$OUT/src-$abi
mkdir -p "$src"
"$ROOT/tools/pkg/srctree.sh" copy "$src" --sync || exit 2
say "building wdfshim, plx9x5x and plxnat for $abi"
if ! { make -C "$kdir" M="$src" -j"$JOBS" modules &&
       make -C "$kdir" M="$src/tools/bench/native" -j"$JOBS" modules; } \
		> "$OUT/build.log" 2>&1; then
	tail -30 "$OUT/build.log" >&2
	say "module build failed"
	exit 1
fi
gcc -static -O2 -Wall -Wextra -pthread -o "$OUT/plxbench" "$HERE/plxbench.c" ||
	{ say "plxbench build failed"; exit 1; }
gcc -static -O2 -Wall -Wextra -o "$OUT/plxprof" "$HERE/plxprof.c" ||
	{ say "plxprof build failed"; exit 1; }

# ---- --profile: one traced boot, no timed runs ------------------------------------
if [ "$PROFILE" != 0 ]; then
	T=$(mktemp -d "${TMPDIR:-/tmp}/bench.XXXXXX")
	if [ "$PROFILE" = 1 ]; then
		name=profile gscript=profile-guest.sh popt=
		vars="PROF_SIZES='${BENCH_PROF_SIZES:-1 131072}'"
	else
		# --trace: the boards as the timed runs have them (BENCH_BUS)
		name=trace gscript=trace-guest.sh
		popt=$BUS_OPT${BENCH_BOARD_OPTS:+,$BENCH_BOARD_OPTS}
		vars="TRACE_SIZE=${BENCH_TRACE_SIZE:-1}"
	fi
	{ echo "NB=$NB $vars"; cat "$ROOT/tools/tap/tap.sh" "$ROOT/tools/vmtest/guest-lib.sh" \
		"$HERE/guest-boards.sh" "$HERE/$gscript"; } > "$T/test.sh"
	extra=()
	[ -z "$RTC" ] || extra+=(--qemu-arg -rtc --qemu-arg "$RTC")
	[ -z "$CMDLINE" ] || extra+=(--append "$CMDLINE")
	say "=== $name: $abi, device-id 0x9601$popt, -icount shift=0,sleep=off, $((2 * NB)) boards"
	"$ROOT/tools/vm/run.sh" --abi "$abi" --script "$T/test.sh" --smp "${BENCH_SMP:-1}" \
		${extra[@]+"${extra[@]}"} \
		--icount 0 --boards $((2 * NB)) \
		--board-opts "device-id=0x9601$popt" --timeout 1800 --quiet \
		--log "$OUT/$name.log" \
		--modules "$src/shim/wdfshim.ko" \
		--modules "$src/plx9x5x/plx9x5x.ko" \
		--modules "$src/tools/bench/native/plxnat.ko" \
		--file "$OUT/plxprof:/plxvm/plxprof" 2> "$OUT/$name.run.log"
	rc=$?
	rm -rf "$T"
	grep -aE '^(not ok |# guest: )' "$OUT/$name.log" >&2
	if [ "$PROFILE" = 2 ]; then
		grep -a '^PROF,' "$OUT/$name.log"
		exit $rc
	fi
	python3 "$HERE/profile.py" "$OUT/profile.log" | tee "$OUT/profile.txt"
	[ "${PIPESTATUS[0]}" -eq 0 ] || rc=1
	exit $rc
fi

# ---- one boot per point, BENCH_JOBS at a time ------------------------------------
# Virtual time does not depend on host load, so points may run side by side.
run_point() { # $1 = point; writes $OUT/$1.{log,csv,rc}
	local p=$1 devid shift counts T prc start
	counts=$BOARDS
	case "$p" in
	9656-i0|9656-i0-r*) devid=0x9601 shift=0 ;;
	9656-i1) devid=0x9601 shift=1 counts=${BENCH_BOARDS_EXTRA:-1} ;;
	9056-i0) devid=0x5601 shift=0 counts=${BENCH_BOARDS_EXTRA:-1} ;;
	*) say "unknown point '$p'"; echo 2 > "$OUT/$p.rc"; return ;;
	esac
	T=$(mktemp -d "${TMPDIR:-/tmp}/bench.XXXXXX")
	{
		echo "NB=$NB REPS=$REPS WARMUP=$WARMUP MODES=$MODES LAYOUT=$LAYOUT"
		echo "SIZES='$SIZES' BOARD_COUNTS='$counts'"
		cat "$ROOT/tools/tap/tap.sh" "$ROOT/tools/vmtest/guest-lib.sh" "$HERE/guest-boards.sh" "$HERE/guest.sh"
	} > "$T/test.sh"
	say "=== $p: $abi, device-id $devid, -icount shift=$shift,sleep=off, -rtc ${RTC:-default}, cmdline '${CMDLINE}', $((2 * NB)) boards, board counts $counts, buffers $LAYOUT, bus $BUS"
	start=$SECONDS
	local extra=()
	[ -z "$RTC" ] || extra+=(--qemu-arg -rtc --qemu-arg "$RTC")
	[ -z "$CMDLINE" ] || extra+=(--append "$CMDLINE")
	"$ROOT/tools/vm/run.sh" --abi "$abi" --script "$T/test.sh" --smp "${BENCH_SMP:-1}" \
		${extra[@]+"${extra[@]}"} \
		--icount "$shift" --boards $((2 * NB)) \
		--board-opts "device-id=$devid$BUS_OPT" --timeout 3600 --quiet \
		--log "$OUT/$p.log" \
		--modules "$src/shim/wdfshim.ko" \
		--modules "$src/plx9x5x/plx9x5x.ko" \
		--modules "$src/tools/bench/native/plxnat.ko" \
		--file "$OUT/plxbench:/plxvm/plxbench" 2> "$OUT/$p.run.log"
	prc=$?
	rm -rf "$T"
	say "$p: run.sh rc $prc, $((SECONDS - start)) s wall"
	grep -aE '^(not ok |BENCH-FAIL|# guest: )' "$OUT/$p.log" | sed "s/^/  $p: /" >&2
	{
		echo "point,icount_shift,device_id,label,mode,boards,size,reps,lat_min_ns,lat_med_ns,lat_max_ns,bytes_per_s,irqs_per_req,dpcs_per_req"
		grep -a '^BENCH,' "$OUT/$p.log" | sed "s/^BENCH,/$p,$shift,$devid,/"
	} > "$OUT/$p.csv"
	echo $prc > "$OUT/$p.rc"
}

rc=0
IFS=, read -ra plist <<<"$points"
for p in "${plist[@]}"; do rm -f "$OUT/$p.rc" "$OUT/$p.csv"; done
running=0
for p in "${plist[@]}"; do
	if [ $running -ge "${BENCH_JOBS:-1}" ]; then
		wait -n
		running=$((running - 1))
	fi
	run_point "$p" &
	running=$((running + 1))
done
wait
for p in "${plist[@]}"; do
	[ "$(cat "$OUT/$p.rc" 2>/dev/null)" = 0 ] || { rc=1; say "$p failed (log $OUT/$p.log, $OUT/$p.run.log)"; }
done

BENCH_META_RTC=$RTC BENCH_META_CMDLINE=$CMDLINE BENCH_META_LAYOUT=$LAYOUT \
	BENCH_META_BUS=$BUS \
	python3 "$HERE/report.py" "$OUT" "${plist[@]}" | tee "$OUT/report.txt"
[ "${PIPESTATUS[0]}" -eq 0 ] || rc=1
exit $rc
