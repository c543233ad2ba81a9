#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# `make qtest`: QEMU's own qtest framework against the plx9656 device, no
# guest kernel. Builds (or finds cached) the project QEMU and the test
# binary (emu/qemu/build-qemu.sh, emu/qtest/plx9656-test.c), runs it with
# `--tap -k` (GTest's TAP; -k keeps going after a failed case) and prints
# the TAP stream. Counts the TAP `ok` / `not ok` lines; cases the plan
# announced but that never reported (QEMU or the test died) count as
# failed, and so does a run that exits non-zero while reporting no failure.
# Log: $PLX_LOGDIR/qtest.tap (build/logs).
# Last line: "qtest: N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
logdir=${PLX_LOGDIR:-build/logs}
mkdir -p "$logdir"
tap=$logdir/qtest.tap

if ! qemu=$(emu/qemu/build-qemu.sh); then
	echo "not ok - QEMU build"
	echo "qtest: 0 passed, 1 failed"
	exit 1
fi
if ! qt=$(emu/qemu/build-qemu.sh --qtest); then
	echo "not ok - qtest build (emu/qtest/plx9656-test.c)"
	echo "qtest: 0 passed, 1 failed"
	exit 1
fi

# libqtest makes its sockets under $TMPDIR: a private one, removed at exit.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && QTEST_QEMU_BINARY=$qemu TMPDIR=$tmp \
	timeout "${PLX_QTEST_TIMEOUT:-300}" "$qt" --tap -k) > "$tap" 2>&1
rc=$?
cat "$tap"

pass=$(grep -c -E '^ok [0-9]+' "$tap")
fail=$(grep -c -E '^not ok [0-9]+' "$tap")
skip=$(grep -c -E '^ok [0-9]+ .*# SKIP' "$tap")
pass=$((pass - skip))
plan=$(grep -m1 -E '^1\.\.[0-9]+' "$tap" | cut -d. -f3)
if [ -n "$plan" ] && [ $((pass + fail + skip)) -lt "$plan" ]; then
	echo "not ok - $((plan - pass - fail - skip)) of $plan planned cases never reported (rc $rc)"
	fail=$((fail + plan - pass - fail - skip))
elif [ -z "$plan" ] || { [ $rc -ne 0 ] && [ $fail -eq 0 ]; }; then
	echo "not ok - the qtest binary failed without a TAP result (rc $rc)"
	fail=$((fail + 1))
fi
[ $skip -eq 0 ] || echo "# $skip case(s) skipped"
echo "qtest: $pass passed, $fail failed"
[ $fail -eq 0 ]
