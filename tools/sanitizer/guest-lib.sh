# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=sh
#
# Added after tools/vmtest/guest-lib.sh (and before the scenario) in the
# sanitizer scenarios (tools/vmtest/vmtest.sh --sanitizer). At the start:
# the sanitizers of the kernel must be there, and kmemleak's current
# suspects are cleared (scan + clear: what the boot left is not the
# scenario's). finish() gains, before the count:
#   - kmemleak: after the scenario (modules unloaded), wait past kmemleak's
#     minimum object age (5 s), scan twice, read: no suspect may be new;
#   - lockdep still on (a report, or any lockdep trouble, turns it off:
#     debug_locks 0);
#   - the DMA-API checker still on with no error counted.
# The kernel log itself is judged by tools/vm/run.sh (its bad-line list).
KMEMLEAK=/sys/kernel/debug/kmemleak
DMA_API=/sys/kernel/debug/dma-api

if [ -w $KMEMLEAK ]; then
	echo scan > $KMEMLEAK && echo clear > $KMEMLEAK
	echo "# guest: kmemleak suspects from the boot cleared"
else
	fail "kmemleak present ($KMEMLEAK)"
fi
check "KernelAddressSanitizer on (boot log)" \
	sh -c 'dmesg | grep -q "KernelAddressSanitizer initialized"'
check "fail-nth present" [ -w /proc/thread-self/fail-nth ]

san_debug_locks() {
	sed -n 's/^ *debug_locks: *//p' /proc/lockdep_stats 2>/dev/null
}

san_checks() {
	sleep 6
	echo scan > $KMEMLEAK
	echo scan > $KMEMLEAK
	cat $KMEMLEAK > /tmp/kmemleak.out
	n=$(grep -c '^unreferenced object' /tmp/kmemleak.out)
	if [ "$n" -eq 0 ]; then
		pass "kmemleak: nothing new after two scans"
	else
		fail "kmemleak: $n suspected leaks"
		head -n 120 /tmp/kmemleak.out | sed 's/^/# kmemleak| /'
	fi
	check "lock validator still on (debug_locks $(san_debug_locks))" \
		[ "$(san_debug_locks)" = 1 ]
	d=$(cat $DMA_API/disabled 2>/dev/null)
	e=$(cat $DMA_API/error_count 2>/dev/null)
	# Under fail-nth (SAN_DMA_API_ENOMEM_OK=1) the checker's own
	# allocation may be the failed one: it then stops itself, saying so.
	if [ "$d" = Y ] && [ "${SAN_DMA_API_ENOMEM_OK:-0}" = 1 ] &&
	   dmesg | grep -q 'DMA-API: cacheline tracking ENOMEM, dma-debug disabled'; then
		d="N (until an injected fault stopped it)"
	fi
	check "DMA-API debugging on (disabled '$d'), no error (count '$e')" \
		[ "${d%% *}" = N -a "$e" = 0 ]
}

finish() {
	san_checks
	show_dmesg
	tap_done guest
}
