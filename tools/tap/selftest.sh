#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# make tap-test: the result plumbing itself. tools/tap/tap.pl (the reader
# tools/check.sh counts with) on streams that are good, skipped, nested,
# without a plan, with a wrong plan, bailed out, empty; tools/tap/tap.sh
# (the producer every shell suite uses) round-tripped through tap.pl, its
# exit status, '#' in a description, tap_relay of a good and of a broken
# stream; and tools/check.sh on a suite that crashes after good points and
# one with a bad plan. Output: TAP.
set -u
cd "$(dirname "$0")/../.." || exit 2
# shellcheck source=tools/tap/tap.sh
. tools/tap/tap.sh
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT

# count NAME WANT STREAM: tap.pl count of STREAM is WANT ("P F S" + note)
count() {
	printf '%b' "$3" > "$t/in"
	got=$(tools/tap/tap.pl count "$t/in")
	case $got in
	"$2"*) tap_ok "count: $1 ($got)" ;;
	*) tap_not_ok "count: $1: got '$got', want '$2...'" ;;
	esac
}
count "good stream, plan first" "2 1 0 " '1..3\nok 1 a\nnot ok 2 b\nok 3 c\n'
count "plan last, noise and a version line after noise" "2 0 0 " \
	'cc -o x y.c\nTAP version 13\nok 1 a\nok 2 - b\n1..2\n'
count "skip counts as passed, and as skipped" "2 0 1 " '1..2\nok 1 a # SKIP why\nok 2 b\n'
count "nested subtest lines are not counted" "1 0 0 " \
	'1..1\n    # Subtest: x\n    ok 1 n1\n    not ok 2 n2\n    1..2\nok 1 x\n'
count "KTAP-style nesting under a top-level point" "1 0 0 " \
	'KTAP version 1\n1..1\n    KTAP version 1\n    1..1\n    ok 1 case\nok 1 suite\n'
count "no plan: one more failure" "2 1 0 bad TAP: No plan" 'ok 1 a\nok 2 b\n'
count "plan does not match: one more failure" "1 1 0 bad TAP: Bad plan" '1..3\nok 1 a\n'
count "bail out: one more failure" "1 1 0 bailed out (gone)" '1..2\nok 1 a\nBail out! gone\n'
count "no test point at all: a failure" "0 1 0 no test point" 'make: *** [x] Error 1\n'
count "an escaped '#' is no directive (not a skip)" "1 0 0 " '1..1\nok 1 a \\# b\n'

# tap.sh round trip, in a subshell (its own counters)
(
	TAP_N=0 TAP_PASS=0 TAP_FAIL=0 TAP_SKIP=0
	tap_ok "one # with a hash"
	tap_not_ok "two"
	tap_skip "three" "not here"
	tap_diag "a diagnostic" "second line"
	tap_done selftest
) > "$t/prod" 2>&1
rc=$?
check_prod() { # NAME COMMAND...
	if "${@:2}"; then tap_ok "tap.sh: $1"; else tap_not_ok "tap.sh: $1"; tap_diag < "$t/prod"; fi
}
check_prod "tap_done fails when a point failed (rc $rc)" [ $rc -ne 0 ]
check_prod "counted by tap.pl as 2 passed, 1 failed, 1 skipped" \
	[ "$(tools/tap/tap.pl count "$t/prod")" = "2 1 1 " ]
check_prod "a '#' in a description is escaped" grep -qx 'ok 1 - one \\# with a hash' "$t/prod"
check_prod "diagnostics are '# ' lines" grep -qx '# second line' "$t/prod"
check_prod "the plan comes last, then the summary" \
	[ "$(tail -n 2 "$t/prod" | head -n 1)" = "1..3" ]
(TAP_N=0 TAP_PASS=0 TAP_FAIL=0 TAP_SKIP=0; tap_done none) > "$t/none"
rc=$?
check_prod "tap_done with no point fails (rc $rc)" [ $rc -ne 0 ]
(TAP_N=0 TAP_PASS=0 TAP_FAIL=0 TAP_SKIP=0; tap_ok a; tap_done good) > "$t/good"
rc=$?
check_prod "tap_done with passed points only succeeds (rc $rc)" [ $rc -eq 0 ]

# tap_relay: a guest's points become ours, with a prefix
printf 'boot noise\nok 1 - g1\nnot ok 2 - g2\nok 3 - g3 # SKIP s\n1..3\n' > "$t/guest"
(TAP_N=0 TAP_PASS=0 TAP_FAIL=0 TAP_SKIP=0; tap_relay "$t/guest" "vm: "; tap_done relay) > "$t/relayed"
check_prod "tap_relay keeps each guest point, prefixed" \
	[ "$(grep -c '^ok [0-9]* - vm: g[13]\|^not ok 2 - vm: g2$' "$t/relayed")" = 3 ]
check_prod "tap_relay keeps a skip a skip" \
	[ "$(tools/tap/tap.pl count "$t/relayed")" = "2 1 1 " ]
printf 'ok 1 - g1\n1..4\n' > "$t/broken"
(TAP_N=0 TAP_PASS=0 TAP_FAIL=0 TAP_SKIP=0; tap_relay "$t/broken" "vm: "; tap_done relay) > "$t/relayed2"
check_prod "tap_relay of a stream with a wrong plan adds a 'not ok'" \
	grep -q '^not ok 2 - vm: TAP stream: bad TAP: Bad plan' "$t/relayed2"

# tools/check.sh on fake suites (PLX_CHECK_MAKEFILE: a makefile of its own)
cat > "$t/fake.mk" <<'MK'
crash:
	@printf '1..2\nok 1 a\nok 2 b\n'; exit 139
badplan:
	@printf '1..5\nok 1 a\nnot ok 2 b\n'
good:
	@printf 'ok 1 a\nok 2 b # SKIP x\n1..2\n'
MK
PLX_CHECK_MAKEFILE=$t/fake.mk PLX_LOGDIR=$t/logs tools/check.sh crash badplan good \
	> "$t/check.out" 2>&1
rc=$?
check_check() { # NAME COMMAND...
	if "${@:2}"; then tap_ok "check.sh: $1"; else tap_not_ok "check.sh: $1"; tap_diag < "$t/check.out"; fi
}
check_check "exit status 1 when a suite failed (rc $rc)" [ $rc -eq 1 ]
check_check "a suite that crashes after good points counts one failure" \
	grep -q '^crash  *2 passed,  *1 failed.*make crash exited 2' "$t/check.out"
check_check "a bad plan counts one more failure" \
	grep -q '^badplan  *1 passed,  *2 failed.*Bad plan' "$t/check.out"
check_check "a skipped point counts as passed and is shown" \
	grep -q '^good  *2 passed,  *0 failed (1 skipped)' "$t/check.out"
check_check "the total is the last line" \
	[ "$(tail -n 1 "$t/check.out")" = "5 passed, 3 failed" ]
check_check "each suite's log is kept" [ -s "$t/logs/crash.log" ]
tap_done tap-test
