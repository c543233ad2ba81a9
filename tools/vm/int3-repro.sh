#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Reproduce, on demand, the "Oops: int3 ... Fatal exception in interrupt"
# that killed Debian 6.12 guests about once in 100 boots under QEMU 7.2's
# multi-threaded TCG (issue 11), for one chosen -accel option. Not part of
# `make check` (a few minutes per boot under single-threaded TCG).
#
# Usage:
#   tools/vm/int3-repro.sh [--accel OPT] [--boots N] [--rounds R]
#                          [--abi ABI] [--timeout SEC] [--out DIR]
#                          [--no-patch]
#
#   --accel OPT    QEMU -accel option under test (default tcg,thread=single,
#                  run.sh's; `--accel tcg` is multi-threaded TCG, QEMU's
#                  default for x86 guests on an x86 host and run.sh's before
#                  commit 36fd0e6); passed to run.sh as PLXVM_ACCEL
#   --boots N      guest boots (default 3), one TAP test point each
#   --rounds R     patching rounds per boot (default 5; guest
#                  tools/vm/int3-guest.sh: the ftrace function tracer on and
#                  off, two tracepoints' static keys on and off, while two
#                  loops keep the vCPUs in the kernel)
#   --abi ABI      guest kernel (default K612, Debian's 6.12)
#   --timeout SEC  wall-clock limit per boot (default 300 + 120 per round)
#   --out DIR      serial logs, one per boot (default build/logs/int3/<accel>)
#   --no-patch     the control: the same guest, boots and loops, but each
#                  round sleeps 5 s instead of patching kernel text
#
# Each boot runs tools/vm/run.sh with 2 vCPUs, no retry (PLXVM_RETRIED=1):
# a boot is "ok" when the guest finished its R rounds with a clean log, "not
# ok" otherwise; the diagnostics give the round the guest was in, the guest
# time (kernel timestamps), the faulting RIP and the bad log lines
# (tools/vm/bad-log.patterns). The last lines total the rounds completed,
# the bad log lines and, among them, the "Oops: int3" lines.
# Exit status 0 when every boot was clean, 1 otherwise, 2 on bad usage.
set -uo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
# shellcheck source=../tap/tap.sh
. "$ROOT/tools/tap/tap.sh"

usage() { sed -n '4,/^set -uo/p' "$0" | sed -n 's/^# \{0,1\}//p' | sed '$d' >&2; exit 2; }

accel=tcg,thread=single boots=3 rounds=5 abi=K612 timeout= out= patch=1
while [ $# -gt 0 ]; do
	case "$1" in
	--accel) accel=$2; shift 2 ;;
	--boots) boots=$2; shift 2 ;;
	--rounds) rounds=$2; shift 2 ;;
	--abi) abi=$2; shift 2 ;;
	--timeout) timeout=$2; shift 2 ;;
	--out) out=$2; shift 2 ;;
	--no-patch) patch=0; shift ;;
	-h|--help) usage ;;
	*) echo "int3-repro: unknown argument '$1'" >&2; usage ;;
	esac
done
for v in "$boots" "$rounds" ${timeout:+"$timeout"}; do
	[[ "$v" =~ ^[1-9][0-9]*$ ]] || { echo "int3-repro: '$v' is not a count" >&2; usage; }
done
timeout=${timeout:-$((300 + 120 * rounds))}
out=${out:-$ROOT/build/logs/int3/${accel//[^A-Za-z0-9=.-]/_}}
mkdir -p "$out" || exit 2

tap_diag "accel=$accel abi=$abi boots=$boots rounds=$rounds patch=$patch timeout=${timeout}s logs in $out"
tot_rounds=0 tot_int3=0 tot_bad=0 tot_time=0
for ((b = 1; b <= boots; b++)); do
	log=$out/boot-$b.log
	PLXVM_ACCEL=$accel PLXVM_RETRIED=1 PLX_LOGDIR=$out \
		"$HERE/run.sh" --abi "$abi" --script "$HERE/int3-guest.sh" \
		--append "plxint3.rounds=$rounds plxint3.patch=$patch" --timeout "$timeout" \
		--quiet --log "$log" 2> "$out/boot-$b.stderr"
	rc=$?
	done_r=$(grep -a -c '^INT3-ROUND ' "$log")
	int3=$(grep -a -c 'Oops: int3' "$log")
	bad=$(grep -a -E "$(grep -v -e '^#' -e '^$' "$HERE/bad-log.patterns" |
		paste -sd'|')" "$log")
	nbad=$(printf '%s' "$bad" | grep -c .)
	# guest time: the last kernel time stamp or uptime the guest printed
	gt=$(sed -n -e 's/^\[ *\([0-9]*\.[0-9]*\)\].*/\1/p' \
		-e 's/^INT3-ROUND [0-9/]* \([0-9.]*\)$/\1/p' "$log" |
		sort -n | tail -1)
	gt=$(awk -v t="${gt:-0}" 'BEGIN { printf "%.1f", t }')
	tot_rounds=$((tot_rounds + done_r))
	tot_int3=$((tot_int3 + int3))
	tot_bad=$((tot_bad + nbad))
	tot_time=$(awk -v a="$tot_time" -v b="$gt" 'BEGIN { printf "%.1f", a + b }')
	what="boot $b ($accel): $done_r/$rounds rounds, $nbad bad log lines ($int3 Oops int3), guest ${gt}s, run.sh rc $rc"
	if [ "$rc" = 0 ] && [ "$done_r" = "$rounds" ] && grep -aq '^INT3-DONE' "$log"; then
		tap_ok "$what"
	else
		tap_not_ok "$what"
		grep -a -E 'RIP:|INT3-ERROR' "$log" | head -2 | tap_diag
		printf '%s\n' "$bad" | grep . | head -8 | tap_diag
		[ "$rc" = 2 ] && tail -5 "$out/boot-$b.stderr" | tap_diag
	fi
done
tap_diag "accel=$accel total: $boots boots, $tot_rounds rounds completed of $((boots * rounds)), $tot_bad bad log lines ($tot_int3 Oops int3), guest ${tot_time}s"
tap_done "int3-repro ($accel)"
