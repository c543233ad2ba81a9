# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=sh
#
# Guest side of `make bench BENCH_ARGS=--profile` (tools/bench/bench.sh
# puts NB, PROF_SIZES, tools/vmtest/guest-lib.sh and guest-boards.sh in
# front of this file: the first NB boards for plx9x5x, the last NB for
# plxnat). For
# plx9x5x, native-same (plxnat dpc=2) and native (dpc=0), one 1-byte read
# and one 1-byte write on the first board of each driver are traced with
# the function_graph tracer, filtered to the shim's, the core's and
# plxnat's functions plus the kernel functions listed in FUNCS (each one
# costs the tracer's entry/exit hooks, so the list is short). The trace
# goes to the console as "TRACE,label,mode,<line>"; plxprof prints the
# untraced and traced latency of the same request ("PROF,...").
# tools/bench/profile.py turns them into the table of the README.

PROF=/plxvm/plxprof
bench_trace_boards

# Untraced first: function_graph's hooks cost time even with tracing_on 0.
P=/sys/module/plxnat/parameters
# plain LABEL DEV MODE: the untraced latency of each size in PROF_SIZES
# ("PROF,label,mode,size,min,median,0")
plain() {
	for sz in $PROF_SIZES; do
		out=$("$PROF" --dev "$2" --mode "$3" --size "$sz" --no-trace)
		check "plxprof $1 $3 $sz untraced" [ $? -eq 0 ]
		echo "$out" | sed "s/^PROF,/PROF,$1,/"
	done
}
for m in read write; do plain plx9x5x "$PLX_DEV" $m; done
echo 131072 > $P/chain_bytes
echo 2 > $P/dpc
for m in read write; do plain native-same "$NAT_DEV" $m; done
echo 0 > $P/dpc
for m in read write; do plain native "$NAT_DEV" $m; done

# The kernel functions worth a line: the syscall, the stages of the
# interrupt path, sleeping and waking, the allocator, locks, the
# watchdog's delayed work, pinning and mapping.
FUNCS="__x64_sys_pread64 __x64_sys_pwrite64
handle_irq_event irq_thread_fn irq_forced_thread_fn __irq_wake_thread
schedule try_to_wake_up
__kmalloc_noprof __kmalloc_cache_noprof kmalloc_trace_noprof
__kmalloc_node_noprof kmem_cache_alloc_noprof kfree kmem_cache_free
mutex_lock mutex_unlock
mod_delayed_work_on cancel_delayed_work queue_delayed_work_on
pin_user_pages_fast unpin_user_page unpin_user_pages
sg_alloc_table_from_pages_segment sg_free_table
dma_map_sgtable dma_unmap_sg_attrs
__wake_up wake_up_var wake_up_bit prepare_to_wait_event finish_wait"

echo 0 > $T/tracing_on
echo function_graph > $T/current_tracer
echo > $T/set_ftrace_filter
for m in wdfshim plx9x5x plxnat; do
	echo "*:mod:$m" >> $T/set_ftrace_filter 2>/dev/null
done
for f in $FUNCS; do
	echo "$f" >> $T/set_ftrace_filter 2>/dev/null
done
echo "BENCH-INFO traced functions: $(wc -l < $T/set_ftrace_filter)"
for o in funcgraph-abstime funcgraph-proc funcgraph-tail funcgraph-irqs \
		nofuncgraph-overhead; do
	echo "$o" > $T/trace_options 2>/dev/null
done
echo 4096 > $T/buffer_size_kb

# prof LABEL DEV MODE: one traced request of each size in PROF_SIZES
prof() {
	for sz in $PROF_SIZES; do
		echo > $T/trace
		out=$("$PROF" --dev "$2" --mode "$3" --size "$sz" --tracefs $T)
		rc=$?
		check "plxprof $1 $3 $sz" [ $rc -eq 0 ]
		echo "$out" | sed "s/^PROF,/PROF,$1,/"
		sed -n "/plxprof begin/,/plxprof end/s/^/TRACE,$1,$3,$sz,/p" $T/trace
	done
}

for m in read write; do prof plx9x5x "$PLX_DEV" $m; done
echo 2 > $P/dpc
for m in read write; do prof native-same "$NAT_DEV" $m; done
echo 0 > $P/dpc
for m in read write; do prof native "$NAT_DEV" $m; done

echo nop > $T/current_tracer
echo > $T/set_ftrace_filter
unload_modules
check "rmmod plxnat" rmmod plxnat
finish
