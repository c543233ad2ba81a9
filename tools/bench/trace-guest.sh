# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=sh
#
# Guest side of `tools/bench/bench.sh --trace` (bench.sh puts NB,
# TRACE_SIZE, tools/vmtest/guest-lib.sh and guest-boards.sh in front of
# this file). For plx9x5x, native-same (plxnat dpc=2) and native (dpc=0),
# on the first board of each driver, with requests of TRACE_SIZE bytes
# (read):
#   1. the untraced latency (plxprof --no-trace: min and median of 9,
#      after 50 of warm-up; no tracer, no event enabled);
#   2. one request traced with scheduler, idle and interrupt events only
#      (sched_switch, sched_waking, sched_wakeup, cpu_idle,
#      irq_handler_entry/exit, local_timer_entry; nop tracer): each event
#      costs the guest a few hundred instructions, far less than a
#      function hook, so the order of events is close to the untraced one;
#   3. one request traced with the same events plus function_graph on the
#      idle path's functions (IDLE_FUNCS): their durations, with the
#      tracer's hook cost in them.
# The trace clock is x86-tsc: under -icount the guest TSC counts virtual
# nanoseconds (the guest log's "tsc: ... MHz" line says 1000 MHz), so the
# timestamps are ns. Output "TRACE,<pass>,<label>,<line>" on the console
# and "PROF,<pass>,<label>,read,size,min,median,traced" (plxprof).
# tools/bench/README.md, "Read the 1 B line with care", has what it showed.

PROF=/plxvm/plxprof
bench_trace_boards
dmesg | grep -iE 'tsc:|clocksource' | sed 's/^/BENCH-INFO /'
P=/sys/module/plxnat/parameters
echo 131072 > $P/chain_bytes

# each PASS: runs plxprof for the three variants
each() {
	pass=$1; shift
	for v in plx9x5x native-same native; do
		case $v in
		plx9x5x) dev=$PLX_DEV ;;
		native-same) dev=$NAT_DEV; echo 2 > $P/dpc ;;
		native) dev=$NAT_DEV; echo 0 > $P/dpc ;;
		esac
		[ "$pass" = plain ] || echo > $T/trace
		out=$("$PROF" --dev "$dev" --mode read --size "$TRACE_SIZE" "$@")
		check "plxprof $pass $v" [ $? -eq 0 ]
		echo "$out" | sed "s/^PROF,/PROF,$pass,$v,/"
		[ "$pass" = plain ] ||
			sed -n "/plxprof begin/,/plxprof end/s/^/TRACE,$pass,$v,/p" $T/trace
	done
}

each plain --no-trace

echo 0 > $T/tracing_on
echo x86-tsc > $T/trace_clock
echo 4096 > $T/buffer_size_kb
echo nop > $T/current_tracer
for e in sched/sched_switch sched/sched_waking sched/sched_wakeup \
		power/cpu_idle irq/irq_handler_entry irq/irq_handler_exit \
		irq_vectors/local_timer_entry; do
	if [ -e $T/events/$e/enable ]; then
		echo 1 > $T/events/$e/enable
	else
		echo "BENCH-INFO no event $e"
	fi
done
each events --tracefs $T

# The idle path: entering idle (tick stop), the halt, leaving it (tick
# restart), and the switches around it.
IDLE_FUNCS="do_idle schedule_idle tick_nohz_idle_enter tick_nohz_idle_stop_tick
tick_nohz_idle_exit tick_nohz_idle_restart_tick tick_nohz_idle_retain_tick
default_idle_call arch_cpu_idle default_idle cpuidle_idle_call
__x64_sys_pread64 schedule try_to_wake_up handle_irq_event irq_thread_fn
irq_forced_thread_fn"
echo > $T/set_ftrace_filter
for f in $IDLE_FUNCS; do
	echo "$f" >> $T/set_ftrace_filter 2>/dev/null ||
		echo "BENCH-INFO not traceable: $f"
done
echo "BENCH-INFO traced functions: $(tr '\n' ' ' < $T/set_ftrace_filter)"
echo function_graph > $T/current_tracer
for o in funcgraph-abstime funcgraph-proc funcgraph-tail funcgraph-irqs \
		nofuncgraph-overhead; do
	echo "$o" > $T/trace_options 2>/dev/null
done
each graph --tracefs $T

echo nop > $T/current_tracer
echo > $T/set_ftrace_filter
echo 0 > $T/events/enable
unload_modules
check "rmmod plxnat" rmmod plxnat
finish
