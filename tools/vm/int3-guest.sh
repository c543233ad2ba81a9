# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=sh
#
# Guest side of tools/vm/int3-repro.sh (busybox ash, run as /plxvm/test.sh
# by tools/vm/run.sh): keeps the vCPUs busy in the kernel while this shell
# re-patches kernel text in a loop with text_poke_bp's int3 protocol.
#
# Each round: the ftrace `function` tracer on and off (every mcount site of
# the kernel rewritten twice, in batches, int3 first), then the sched_switch
# and irq_handler_entry tracepoints on and off (their static keys: jump
# labels patched the same way). Tracing itself stays off (tracing_on 0): the
# patching is the point, not the trace. Meanwhile two background loops run
# system calls (fork, exec, /proc and sysfs reads) and the timer and serial
# interrupts keep arriving, so another vCPU is in kernel text that is being
# patched, in process and in interrupt context.
#
# Rounds: plxint3.rounds=N on the kernel command line (default 20).
# plxint3.patch=0 (the control): the same loops and rounds, but each round
# sleeps 5 s instead of patching.
# Prints "INT3-ROUND i/N" per round and "INT3-DONE N" at the end; rc 0.
# A stale int3 kills the guest ("Oops: int3"); run.sh then reports the bad
# log lines and the host script counts them.

rounds=20 patch=1
for w in $(cat /proc/cmdline); do
	case "$w" in
	plxint3.rounds=*) rounds=${w#plxint3.rounds=} ;;
	plxint3.patch=*) patch=${w#plxint3.patch=} ;;
	esac
done

T=/sys/kernel/tracing
[ -e $T/current_tracer ] || mount -t tracefs nodev $T
[ -w $T/current_tracer ] || { echo "INT3-ERROR no tracefs"; exit 1; }
echo 0 > $T/tracing_on

busy() {
	while :; do
		cat /proc/self/status /proc/interrupts /proc/stat > /dev/null
		ls /sys/kernel/tracing /sys/bus/pci/devices > /dev/null
	done
}
busy & b1=$!
busy & b2=$!

ev1=$T/events/sched/sched_switch/enable
ev2=$T/events/irq/irq_handler_entry/enable
i=0
while [ $i -lt "$rounds" ]; do
	i=$((i + 1))
	if [ "$patch" = 0 ]; then
		sleep 5
		echo "INT3-ROUND $i/$rounds $(cut -d' ' -f1 /proc/uptime)"
		continue
	fi
	echo function > $T/current_tracer || exit 1
	echo nop > $T/current_tracer || exit 1
	for e in $ev1 $ev2; do
		[ -w $e ] || continue
		echo 1 > $e
		echo 0 > $e
	done
	echo "INT3-ROUND $i/$rounds $(cut -d' ' -f1 /proc/uptime)"
done
kill $b1 $b2
wait 2>/dev/null
echo "INT3-DONE $rounds"
exit 0
