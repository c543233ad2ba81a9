# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=sh
#
# Guest side of `make bench` (tools/bench/bench.sh puts variable settings,
# tools/vmtest/guest-lib.sh and guest-boards.sh in front of this file:
# the first NB boards are bound to plx9x5x, the last NB to plxnat).
# For each variant and each board count 1..NB, plxbench prints its
# "BENCH,..." CSV lines; the host collects them from the serial log.
#
# Variables: NB, REPS, WARMUP, MODES, SIZES (empty = plxbench's sweep),
# BOARD_COUNTS (e.g. "1 2 3 4"), LAYOUT (plxbench --layout: scattered or
# allocator).

BENCH=/plxvm/plxbench
echo "BENCH-INFO clocksource $(cat /sys/devices/system/clocksource/clocksource0/current_clocksource)"

PLX_ARGS='' NAT_ARGS=''
for bdf in $PLX_BDFS; do
	n=$(node_of "$bdf") && wait_for "$n" 10
	check "plx9x5x on $bdf: ${n:-none}" [ -c "${n:-/nonexistent}" ]
	PLX_ARGS="$PLX_ARGS --board $n:/sys/bus/pci/devices/$bdf"
done
for bdf in $NAT_BDFS; do
	n=$(node_of "$bdf") && wait_for "$n" 10
	check "plxnat on $bdf: ${n:-none}" [ -c "${n:-/nonexistent}" ]
	NAT_ARGS="$NAT_ARGS --board $n:/sys/bus/pci/devices/$bdf"
done
grep -E 'plx|CPU' /proc/interrupts | sed 's/^/BENCH-INFO irq /'

# The core's chain length: its module parameter if it has one.
CORE_CHAIN=8192
[ -r /sys/module/plx9x5x/parameters/chain_bytes ] &&
	CORE_CHAIN=$(cat /sys/module/plx9x5x/parameters/chain_bytes)
echo "BENCH-INFO core-chain-bytes $CORE_CHAIN"

# run_bench LABEL "--board DEV:SYS ..." [COUNTS]: once per board count
# (default BOARD_COUNTS)
run_bench() {
	lbl=$1
	for nb in ${3:-$BOARD_COUNTS}; do
		b=
		k=0
		for w in $2; do
			[ "$w" = --board ] && continue
			[ $k -lt "$nb" ] || break
			b="$b --board $w"
			k=$((k + 1))
		done
		[ $k -eq "$nb" ] || continue
		# shellcheck disable=SC2086
		check "plxbench $lbl boards=$nb" "$BENCH" --label "$lbl" $b \
			--reps "$REPS" --warmup "$WARMUP" --modes "$MODES" \
			--layout "${LAYOUT:-scattered}" \
			${SIZES:+--sizes "$SIZES"}
	done
}

run_bench plx9x5x "$PLX_ARGS"

P=/sys/module/plxnat/parameters
echo 131072 > $P/chain_bytes
echo 0 > $P/dpc
run_bench native "$NAT_ARGS"

# The core's algorithm: its chain length, every chain's end deferred to
# the IRQ thread under the board's mutex (wdfshim runs an ISR-queued DPC
# in the IRQ thread).
echo "$CORE_CHAIN" > $P/chain_bytes
echo 2 > $P/dpc
run_bench native-same "$NAT_ARGS"

# For the per-stage breakdown (1 board): the core's chain length, but
# every chain's end handled in the hard IRQ handler.
echo 0 > $P/dpc
run_bench native-chain-irq "$NAT_ARGS" 1

# The core's chains with the chain end in a work item (the DPC model
# before issue 10), and the sample's whole algorithm (8 KiB chains, work
# item), 1 board.
echo 1 > $P/dpc
run_bench native-dpc "$NAT_ARGS" 1
echo 8192 > $P/chain_bytes
run_bench native-sample "$NAT_ARGS" 1

for bdf in $PLX_BDFS $NAT_BDFS; do
	for c in errors spurious_dpcs timeouts; do
		f=/sys/bus/pci/devices/$bdf/$c
		[ -r "$f" ] || continue
		check "$bdf $c = 0" [ "$(cat "$f")" = 0 ]
	done
done
unload_modules
check "rmmod plxnat" rmmod plxnat
finish
