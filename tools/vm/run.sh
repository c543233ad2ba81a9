#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Boot a Debian guest kernel in the project's QEMU (emu/qemu/build-qemu.sh,
# with the emulated PLX 9656 boards) on a busybox initramfs
# (tools/vm/initramfs.sh), run one guest script, and report.
#
# Usage:
#   tools/vm/run.sh --abi ABI --script GUEST_SCRIPT [options]
#
#   --abi ABI            kernel ABI, or K61 / K612 ($PLX_CACHE/kernels.env),
#                        or SAN (the sanitizer kernel, tools/vm/sankernel.sh,
#                        built first if not cached); boots
#                        $PLX_CACHE/kernels/<abi>/vmlinuz
#   --script FILE        guest script (busybox ash) run as /plxvm/test.sh;
#                        its exit code is the guest rc
#   --boards N           number of plx9656 boards (default 1), QOM paths
#                        /machine/peripheral/plx0 .. plx<N-1>
#   --board-opts OPTS    extra -device properties for every board, e.g.
#                        'device-id=0x5601,stall=1,bandwidth=1000000'
#   --board I:OPTS       extra properties for board I only (repeatable)
#   --machine pc|q35     machine type (default pc; q35 with --iommu)
#   --root-port          q35 with a hot-pluggable pcie-root-port (id rp0)
#                        holding board 0 (`device_del plx0`, then
#                        `device_add plx9656,id=plx0,bus=rp0`)
#   --iommu              q35 + `-device intel-iommu,intremap=off` and the
#                        guest gets intel_iommu=on
#   --mem SIZE           guest RAM (default 1G)
#   --smp N              guest CPUs (default 2)
#   --append ARGS        extra kernel command line (repeatable, concatenated)
#   --icount SHIFT       deterministic virtual time: `-icount
#                        shift=SHIFT,sleep=off` (one guest instruction =
#                        2^SHIFT ns, idle time skipped; QEMU_CLOCK_VIRTUAL
#                        and the guest's clocks follow it); `make bench`
#   --timeout SEC        wall-clock limit (default 300); QEMU killed, rc 124
#   --modules X          .ko file or directory of .ko (repeatable); copied to
#                        /lib/modules/<abi>/extra + depmod (modprobe works)
#   --file SRC:DST       extra file in the guest (repeatable)
#   --monitor-cmd CMD    HMP command sent when QEMU starts (repeatable)
#   --qemu-arg ARG       extra QEMU argument (repeatable, one word each)
#   --allow REGEX        log lines matching REGEX (grep -E) are not counted
#                        as bad (repeatable), e.g. 'DMAR: .*fault' in a test
#                        that provokes IOMMU faults on purpose
#   --log FILE           keep the guest serial log there (default: a temp
#                        file, deleted)
#   --quiet              do not echo the serial log while it runs
#
# Run time changes of board properties: the guest runs
#   plxvm-qom-set /machine/peripheral/plx0 stall 0
# which prints "PLXVM-QOM-SET <tag> <path> <prop> <value>" on the console;
# this script forwards it as HMP `qom-set <path> <prop> <value>` and answers
# on the guest's ttyS1; the helper returns 0 when QEMU accepted it.
# A console line "PLXVM-HMP <tag> device_del|device_add|pcie_aer_inject_error
# <args>" is forwarded the same way (hot-unplug and AER scenarios; only
# these three commands).
#
# Exit status:
#   the guest script's rc   when the log is clean
#   3    the guest log has lines matching tools/vm/bad-log.patterns
#        (WARNING:, BUG:, Oops, lockdep, KASAN, DMAR faults, hung tasks,
#        ...; listed on stderr), whatever the guest rc was
#   2    no "PLXVM-RC=" line (guest crashed, QEMU died, bad setup)
#   124  timeout
# A run that fails before the guest's /init started (no "PLXVM-START" line:
# the kernel died or hung while booting, before any project module could be
# loaded) is a platform failure, not the project's: it is retried once,
# visibly ("plxvm: RETRY ..." on stderr). A failure after /init started is
# never retried; each retry is also listed in $PLX_LOGDIR/retries.log, which
# tools/check.sh counts in its summary. Every failed run keeps its serial log and QEMU command line
# in $PLX_LOGDIR/failed/ (default build/logs/failed/).
#
# TCG runs single-threaded (-accel tcg,thread=single). With QEMU 7.2's
# multi-threaded TCG (one host thread per vCPU) a vCPU executes a stale
# translation of kernel text that another vCPU has re-patched with
# text_poke_bp's int3 protocol: it traps on an int3 that is no longer in
# memory ("Oops: int3 ... Fatal exception in interrupt"; issue 11 saw it
# about once in 100 boots of Debian 6.12 with -smp 2, at 1.59 s, before
# /init). tools/vm/int3-repro.sh makes it happen on demand (ftrace and
# static keys toggled in a loop while both vCPUs are in the kernel).
# Measured 2026-12-02, 5 rounds a boot: multi-threaded (-accel tcg), 20 of
# 20 boots died in their first or second round (1 round of 100 done, 22
# "Oops: int3" lines, 244 s of guest time, the Oops at 5-34 s of uptime);
# single-threaded, 20 boots ran 100 of 100 rounds (200 ftrace passes over
# every mcount site, 400 static-key flips, 1858 s of guest time) without a
# bad line; the loops without the patching (--no-patch), multi-threaded:
# 10 boots clean (293 s). Round-robin vCPUs never run while another writes
# code. Figures: tools/vm/README.md.
# Messages from this script go to stderr, prefixed "plxvm:"; the serial
# log (carriage returns removed) is echoed on stdout unless --quiet.
# Environment: PLX_CACHE, PLX_QEMU (use this qemu-system-x86_64 instead of
# building one), PLXVM_ACCEL (the -accel option, default tcg,thread=single;
# tools/vm/int3-repro.sh sets it), PLXVM_RETRIED=1 (no retry: for a run
# that fails before /init on purpose, such as smoke's --timeout guard; set
# on the retry too).
set -uo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
PLX_CACHE=${PLX_CACHE:-$HOME/.cache/plx9x5x}
export PLX_CACHE

say() { echo "plxvm: $*" >&2; }
orig_args=("$@")
LOGDIR=${PLX_LOGDIR:-$ROOT/build/logs}
usage() { sed -n '4,/^set -uo/p' "$0" | sed -n 's/^# \{0,1\}//p' | sed '$d' >&2; exit 2; }

abi= script= boards=1 board_opts= machine= iommu=0 mem=1G smp=2 append=
rootport=0
icount=
timeout=300 log= quiet=0
mods=() files=() moncmds=() qargs=() allows=() perboard=()
while [ $# -gt 0 ]; do
	case "$1" in
	--abi) abi=$2; shift 2 ;;
	--script) script=$2; shift 2 ;;
	--boards) boards=$2; shift 2 ;;
	--board-opts) board_opts=$2; shift 2 ;;
	--board) perboard+=("$2"); shift 2 ;;
	--machine) machine=$2; shift 2 ;;
	--iommu) iommu=1; shift ;;
	--root-port) rootport=1; shift ;;
	--mem) mem=$2; shift 2 ;;
	--smp) smp=$2; shift 2 ;;
	--append) append="$append $2"; shift 2 ;;
	--icount) icount=$2; shift 2 ;;
	--timeout) timeout=$2; shift 2 ;;
	--modules) mods+=(--modules "$2"); shift 2 ;;
	--file) files+=(--file "$2"); shift 2 ;;
	--monitor-cmd) moncmds+=("$2"); shift 2 ;;
	--qemu-arg) qargs+=("$2"); shift 2 ;;
	--allow) allows+=("$2"); shift 2 ;;
	--log) log=$2; shift 2 ;;
	--quiet) quiet=1; shift ;;
	-h|--help) usage ;;
	*) say "unknown argument '$1'"; usage ;;
	esac
done
[ -n "$abi" ] && [ -n "$script" ] || usage
case "$abi" in
K61|K612)
	# shellcheck disable=SC1091
	. "$PLX_CACHE/kernels.env" || exit 2
	abi=${!abi} ;;
SAN)
	abi=$("$HERE/sankernel.sh" | sed -n 's/^SAN_ABI=//p')
	[ -n "$abi" ] || { say "no sanitizer kernel"; exit 2; } ;;
esac
kernel=$PLX_CACHE/kernels/$abi/vmlinuz
[ -f "$kernel" ] || { say "no guest kernel $kernel (run tools/deps.sh)"; exit 2; }
[ -f "$script" ] || { say "no guest script $script"; exit 2; }
[[ "$boards" =~ ^[0-9]+$ ]] || { say "--boards wants a number"; exit 2; }
[[ "$timeout" =~ ^[0-9]+$ ]] || { say "--timeout wants seconds"; exit 2; }
[ -z "$icount" ] || [[ "$icount" =~ ^[0-9]+$ ]] ||
	{ say "--icount wants a shift (0..10)"; exit 2; }
if [ $iommu = 1 ]; then
	[ -z "$machine" ] || [ "$machine" = q35 ] || { say "--iommu needs q35"; exit 2; }
	machine=q35
fi
if [ $rootport = 1 ]; then
	[ -z "$machine" ] || [ "$machine" = q35 ] || { say "--root-port needs q35"; exit 2; }
	machine=q35
fi
machine=${machine:-pc}

QEMU=${PLX_QEMU:-}
if [ -z "$QEMU" ]; then
	QEMU=$("$ROOT/emu/qemu/build-qemu.sh") || { say "QEMU build failed"; exit 2; }
fi

T=$(mktemp -d "${TMPDIR:-/tmp}/plxvm.XXXXXX")
pids=()
cleanup() {
	local p
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$HERE/initramfs.sh" --abi "$abi" --script "$script" \
	${mods[@]+"${mods[@]}"} ${files[@]+"${files[@]}"} -o "$T/initrd.gz" ||
	{ say "initramfs build failed"; exit 2; }

serial=$T/serial.raw
: > "$serial"
mkfifo "$T/mon.in" "$T/mon.out" "$T/ack.in" "$T/ack.out"
: > "$T/monitor.log"

cmdline="console=ttyS0 panic=-1$append"
args=(-accel "${PLXVM_ACCEL:-tcg,thread=single}" -machine "$machine"
	-m "$mem" -smp "$smp"
	-nodefaults -display none -no-reboot
	-L /usr/share/seabios -L /usr/share/qemu
	-kernel "$kernel" -initrd "$T/initrd.gz"
	-serial "file:$serial" -serial "pipe:$T/ack"
	-monitor "pipe:$T/mon")
[ -z "$icount" ] || args+=(-icount "shift=$icount,sleep=off")
if [ $iommu = 1 ]; then
	args+=(-device intel-iommu,intremap=off)
	cmdline="$cmdline intel_iommu=on"
fi
[ $rootport = 1 ] && args+=(-device pcie-root-port,id=rp0,chassis=1,slot=1)
for ((i = 0; i < boards; i++)); do
	opts="plx9656,id=plx$i"
	[ $rootport = 1 ] && [ $i = 0 ] && opts="$opts,bus=rp0"
	[ -n "$board_opts" ] && opts="$opts,$board_opts"
	for pb in ${perboard[@]+"${perboard[@]}"}; do
		[ "${pb%%:*}" = "$i" ] && opts="$opts,${pb#*:}"
	done
	args+=(-device "$opts")
done
args+=(-append "$cmdline" ${qargs[@]+"${qargs[@]}"})

say "$QEMU ${args[*]}"
"$QEMU" "${args[@]}" </dev/null >"$T/qemu.out" 2>&1 &
qpid=$!
pids+=("$qpid")

# Monitor and ack channels (FIFOs opened read-write: never block).
exec {monfd}<>"$T/mon.in" {ackfd}<>"$T/ack.in"
cat "$T/mon.out" >> "$T/monitor.log" &
pids+=($!)
cat "$T/ack.out" > /dev/null &
pids+=($!)
for c in ${moncmds[@]+"${moncmds[@]}"}; do
	say "monitor: $c"
	printf '%s\n' "$c" >&"$monfd"
done

qom_set() { # tag path prop value
	hmp "$1" qom-set "$2" "$3" "$4"
}

hmp() { # tag command args...
	local before after new ok=1 i tag=$1
	shift
	before=$(stat -c %s "$T/monitor.log")
	printf '%s\n' "$*" >&"$monfd"
	for ((i = 0; i < 50; i++)); do
		sleep 0.1
		after=$(stat -c %s "$T/monitor.log")
		new=$(tail -c +$((before + 1)) "$T/monitor.log" | tr -d '\r')
		# HMP echoes the command, prints any error, then a new prompt
		case "$new" in *"(qemu)"*) break ;; esac
	done
	# only what follows HMP's echo of the command counts (the echo of
	# pcie_aer_inject_error itself says "error")
	new=${new##*"$*"}
	if echo "$new" | grep -qiE 'error|not found|invalid|failed'; then
		ok=0
	fi
	if [ $ok = 1 ]; then
		say "$*: ok"
		printf 'PLXVM-QOM-OK %s\n' "$tag" >&"$ackfd"
	else
		new=$(echo "$new" | grep -iE 'error|not found|invalid|failed' | head -1)
		say "$*: $new"
		printf 'PLXVM-QOM-ERR %s %s\n' "$tag" "$new" >&"$ackfd"
	fi
}

# Follow the serial log: echo it, forward qom-set requests.
(
	tail -n +1 -F --pid="$qpid" "$serial" 2>/dev/null |
	while IFS= read -r line; do
		line=${line//$'\r'/}
		[ $quiet = 1 ] || printf '%s\n' "$line"
		case "$line" in
		*PLXVM-QOM-SET*)
			set -- ${line#*PLXVM-QOM-SET }
			[ $# -ge 4 ] && qom_set "$1" "$2" "$3" "$4" ;;
		*PLXVM-HMP*)
			set -- ${line#*PLXVM-HMP }
			case "${2:-}" in
			device_del|device_add|pcie_aer_inject_error)
				[ $# -ge 3 ] && hmp "$@" ;;
			esac ;;
		esac
	done
) &
fpid=$!
pids+=("$fpid")

timedout=0
start=$SECONDS
while kill -0 "$qpid" 2>/dev/null; do
	if (( SECONDS - start >= timeout )); then
		timedout=1
		say "timeout after ${timeout}s: killing QEMU"
		kill "$qpid" 2>/dev/null
		sleep 1
		kill -9 "$qpid" 2>/dev/null
		break
	fi
	sleep 0.3
done
wait "$qpid" 2>/dev/null
qrc=$?
wait "$fpid" 2>/dev/null
exec {monfd}>&- {ackfd}>&-

tr -d '\r' < "$serial" > "$T/serial.log"
[ -n "$log" ] && { mkdir -p "$(dirname "$log")"; cp "$T/serial.log" "$log"; }
if [ -s "$T/qemu.out" ]; then
	say "QEMU said:"
	sed 's/^/plxvm:   /' "$T/qemu.out" >&2
fi
[ $qrc -eq 0 ] || [ $timedout = 1 ] || say "QEMU exited with status $qrc"

BAD=$(grep -v -e '^#' -e '^$' "$HERE/bad-log.patterns" | paste -sd'|') ||
	{ say "no patterns in $HERE/bad-log.patterns"; exit 2; }
bad=$(grep -a -E "$BAD" "$T/serial.log" || true)
for a in ${allows[@]+"${allows[@]}"}; do
	[ -n "$bad" ] && bad=$(printf '%s\n' "$bad" | grep -a -v -E "$a" || true)
done
grc=$(grep -a -o 'PLXVM-RC=[0-9]*' "$T/serial.log" | tail -1 | cut -d= -f2)

rc=0 why=
if [ $timedout = 1 ]; then
	rc=124 why="timeout"
elif [ -n "$bad" ]; then
	rc=3 why="bad kernel log lines"
elif [ -z "$grc" ]; then
	rc=2 why="no PLXVM-RC line (guest crashed or never ran)"
fi
if [ $rc -ne 0 ] || [ "${grc:-0}" != 0 ]; then
	keep=$LOGDIR/failed/$(date +%Y%m%d-%H%M%S)-$$-$(basename "$script" .sh)
	mkdir -p "$LOGDIR/failed"
	{ echo "# $QEMU ${args[*]}"; cat "$T/serial.log"; } > "$keep.log"
	[ -s "$T/qemu.out" ] && cp "$T/qemu.out" "$keep.qemu-stderr"
	[ -s "$T/monitor.log" ] && tr -d '\r' < "$T/monitor.log" > "$keep.monitor"
	say "serial log and QEMU command kept in $keep.log"
fi
if [ $rc -ne 0 ] && ! grep -aq 'PLXVM-START' "$T/serial.log" &&
   [ -z "${PLXVM_RETRIED:-}" ]; then
	say "RETRY: $why before the guest's /init started (platform failure, no project code ran); booting once more"
	echo "$(date +%FT%T) $(basename "$script"): $why; kept in $keep.log" \
		>> "$LOGDIR/retries.log"
	cleanup
	trap - EXIT
	PLXVM_RETRIED=1 exec "$0" "${orig_args[@]}"
fi
case $rc in
124)
	say "result: timeout (rc 124)" ;;
3)
	say "result: bad kernel log lines (rc 3; guest rc ${grc:-none}):"
	printf '%s\n' "$bad" | head -40 | sed 's/^/plxvm:   /' >&2 ;;
2)
	say "result: no PLXVM-RC line (guest crashed or never ran; rc 2)"
	tail -20 "$T/serial.log" | sed 's/^/plxvm:   /' >&2 ;;
*)
	say "result: guest rc $grc"
	rc=$grc ;;
esac
exit "$rc"
