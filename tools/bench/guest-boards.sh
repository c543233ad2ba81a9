# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=sh
#
# Guest side, shared by guest.sh (make bench) and profile-guest.sh (make
# bench BENCH_ARGS=--profile); tools/bench/bench.sh puts it after
# tools/vmtest/guest-lib.sh and before either. The VM has 2*NB boards: the
# first NB are bound to plx9x5x, the last NB to the native reference driver
# plxnat (driver_override, set before any driver loads). Sets PLX_BDFS and
# NAT_BDFS (space-separated) and defines node_of; then waits until no
# other task is runnable (bench_quiet, below) before the caller times
# anything.

# shellcheck disable=SC2046
set -- $(plxvm-bdfs)
check "$((2 * NB)) PLX boards present ($#)" [ $# -eq $((2 * NB)) ]
i=0
PLX_BDFS='' NAT_BDFS=''
for bdf in "$@"; do
	if [ $i -lt "$NB" ]; then
		PLX_BDFS="$PLX_BDFS $bdf"
	else
		NAT_BDFS="$NAT_BDFS $bdf"
		echo plxnat > "/sys/bus/pci/devices/$bdf/driver_override"
	fi
	i=$((i + 1))
done

check "insmod plxnat.ko" insmod "$MODDIR/plxnat.ko"
for bdf in $NAT_BDFS; do
	echo "$bdf" > /sys/bus/pci/drivers_probe
done
load_modules

# /dev node of the board at $1 (plx9x5xN or plxnatN)
node_of() {
	for d in /sys/class/*/plx9x5x* /sys/class/misc/plxnat*; do
		[ -e "$d/device" ] || continue
		[ "$(basename "$(readlink -f "$d/device")")" = "$1" ] &&
			{ echo "/dev/$(basename "$d")"; return 0; }
	done
	return 1
}

# The guest has one CPU and a voluntary-preemption kernel (Debian's
# PREEMPT_DYNAMIC default): a task woken by an interrupt while a CPU-bound
# kernel thread runs gets the CPU only at that thread's next cond_resched().
# A request that sleeps then ends a fixed step later than its DMA did
# (tools/bench/README.md, "Limits": the boot's crypto self-test of ffdhe
# DH, in mpi_powm with about 80 us between cond_resched() calls, made the
# ~72 us step and the slow 2-board boot). bench_quiet waits (at most 10
# windows of 1 s of virtual time) for a window in which the CPU was busy
# at most 5 % of the time (/proc/stat: everything but idle and iowait; a
# hog is busy all the time; the shell's own sampling costs about 1 % at
# icount shift=1), lists what is runnable after each busy window, and
# fails a check if the guest did not settle: figures taken next to a CPU
# hog measure the hog. (A hog that ends within a window is counted, not
# named.)
bq_cpu() { # bq_busy, bq_total: jiffies of /proc/stat's "cpu" line
	read -r _ bq_u bq_n bq_s bq_id bq_io bq_hi bq_si bq_st _ < /proc/stat
	bq_busy=$((bq_u + bq_n + bq_s + bq_hi + bq_si + bq_st))
	bq_total=$((bq_busy + bq_id + bq_io))
}
bq_runnable() { # bq_run: one BENCH-INFO line per runnable task; bq_names
	bq_run='' bq_names=''
	for bq_f in /proc/[0-9]*/stat; do
		# pid (comm) state ...: comm has no blanks here
		read -r bq_pid bq_comm bq_state _ < "$bq_f" 2>/dev/null || continue
		[ "$bq_state" = R ] || continue
		[ "$bq_pid" != $$ ] || continue
		bq_names="$bq_names $bq_pid$bq_comm"
		bq_run="${bq_run:+$bq_run
}BENCH-INFO runnable before timing: $bq_pid $bq_comm $(head -3 "/proc/$bq_pid/stack" 2>/dev/null |
			sed 's/^\[<0>\] //' | tr '\n' ' ')"
	done
}
bench_quiet() {
	bq_i=0 bq_ok=0 bq_seen=''
	while [ $bq_i -lt 10 ] && [ $bq_ok = 0 ]; do
		bq_cpu
		bq_b0=$bq_busy bq_t0=$bq_total
		sleep 1
		bq_cpu
		bq_i=$((bq_i + 1))
		bq_db=$((bq_busy - bq_b0)) bq_dt=$((bq_total - bq_t0))
		echo "BENCH-INFO quiet window $bq_i: busy $bq_db of $bq_dt jiffies"
		if [ $((bq_db * 100)) -le $((bq_dt * 5)) ] && [ "$bq_dt" -gt 0 ]; then
			bq_ok=1
			break
		fi
		bq_runnable
		[ -z "$bq_run" ] || echo "$bq_run"
		for bq_n in $bq_names; do
			case " $bq_seen " in *" $bq_n "*) ;; *) bq_seen="$bq_seen $bq_n" ;; esac
		done
	done
	check "guest idle before timing (busy <= 5 % in a 1 s window; $bq_i windows; runnable after the busy ones:${bq_seen:- none})" \
		[ $bq_ok = 1 ]
}
# For the traced runs (--profile, --trace): tracefs mounted at $T, and the
# nodes of the first plx9x5x and the first plxnat board in PLX_DEV and
# NAT_DEV (checked).
bench_trace_boards() {
	T=/sys/kernel/debug/tracing
	[ -d $T ] || T=/sys/kernel/tracing
	[ -e $T/tracing_on ] || mount -t tracefs nodev /sys/kernel/tracing
	check "tracefs at $T" [ -w $T/current_tracer ]
	# shellcheck disable=SC2086
	set -- $PLX_BDFS; PLX_BDF=$1
	# shellcheck disable=SC2086
	set -- $NAT_BDFS; NAT_BDF=$1
	PLX_DEV=$(node_of "$PLX_BDF") && wait_for "$PLX_DEV" 10
	NAT_DEV=$(node_of "$NAT_BDF") && wait_for "$NAT_DEV" 10
	check "plx9x5x node ${PLX_DEV:-none}" [ -c "${PLX_DEV:-/nonexistent}" ]
	check "plxnat node ${NAT_DEV:-none}" [ -c "${NAT_DEV:-/nonexistent}" ]
}
bench_quiet
