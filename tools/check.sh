#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Run every test suite and sum their results. Each suite is a make target
# whose last line is "N passed, N failed"; a suite that ends without such a
# line counts as one failure. Logs go to $PLX_LOGDIR (default build/logs).
# The last line printed is the total "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
logdir=${PLX_LOGDIR:-build/logs}
mkdir -p "$logdir"
tp=0 tf=0 rc=0
rm -f "$logdir/retries.log"
summary=()
for suite in "$@"; do
	log=$logdir/$suite.log
	start=$(date +%s)
	echo "=== $suite ==="
	make --no-print-directory "$suite" 2>&1 | tee "$log"
	src=${PIPESTATUS[0]}
	secs=$(( $(date +%s) - start ))
	line=$(grep -E '^([A-Za-z0-9_-]+: )?[0-9]+ passed, [0-9]+ failed' "$log" | tail -1)
	if [ -n "$line" ]; then
		p=$(echo "$line" | sed -E 's/^([A-Za-z0-9_-]+: )?([0-9]+) passed, ([0-9]+) failed.*/\2/')
		f=$(echo "$line" | sed -E 's/^([A-Za-z0-9_-]+: )?([0-9]+) passed, ([0-9]+) failed.*/\3/')
	else
		p=0 f=1
	fi
	if [ "$src" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1	# the suite failed without saying so
	fi
	[ "$f" -eq 0 ] || rc=1
	tp=$((tp + p)) tf=$((tf + f))
	summary+=("$(printf '%-14s %4d passed, %3d failed  (%ds)' "$suite" "$p" "$f" "$secs")")
done
echo "=== summary ==="
printf '%s\n' "${summary[@]}"
# Guest boots that died before /init and were booted again (tools/vm/run.sh).
if [ -s "$logdir/retries.log" ]; then
	echo "platform retries (guest kernel failed before /init, booted again): $(wc -l < "$logdir/retries.log")"
	sed 's/^/  /' "$logdir/retries.log"
fi
echo "$tp passed, $tf failed"
exit $rc
