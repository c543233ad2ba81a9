#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# tools/check.sh SUITE...: run each suite (a make target), keep its whole
# output in $PLX_LOGDIR/SUITE.log (default build/logs), and count its TAP
# stream with perl's TAP::Parser (tools/tap/tap.pl count): the top-level test
# points only (nested subtests are the suite's own business), a skipped
# point as passed. A suite fails as a whole (one more failure) when its
# stream has no plan, a wrong plan, a "Bail out!" or no test point, or
# when the make target fails without a failed test point (a crash).
# Printed after the suites: a summary line per suite with its time, the
# platform retries of tools/vm/run.sh, and last the total
# "N passed, N failed" (.ci/run needs exactly this as the last line).
# PLX_CHECK_MAKEFILE: run the suites from this makefile instead (the
# self-test, tools/tap/selftest.sh, uses it for fake suites).
set -u
cd "$(dirname "$0")/.." || exit 2
logdir=${PLX_LOGDIR:-build/logs}
mkdir -p "$logdir"
tp=0 tf=0 rc=0
rm -f "$logdir/retries.log"
summary=()
for suite in "$@"; do
	log=$logdir/$suite.log
	start=$(date +%s)
	echo "=== $suite ==="
	make --no-print-directory ${PLX_CHECK_MAKEFILE:+-f "$PLX_CHECK_MAKEFILE"} \
		"$suite" 2>&1 | tee "$log"
	src=${PIPESTATUS[0]}
	secs=$(( $(date +%s) - start ))
	if ! read -r p f s note < <(tools/tap/tap.pl count "$log"); then
		p=0 f=1 s=0 note="tools/tap/tap.pl could not read $log"
	fi
	if [ "$src" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1	# the suite failed without a failed test point
		note="${note:+$note; }make $suite exited $src"
	fi
	[ "$f" -eq 0 ] || rc=1
	tp=$((tp + p)) tf=$((tf + f))
	line=$(printf '%-14s %4d passed, %3d failed' "$suite" "$p" "$f")
	[ "$s" -eq 0 ] || line+=" ($s skipped)"
	line+="  (${secs}s)"
	[ -z "$note" ] || line+="  [$note]"
	summary+=("$line")
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
