# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=sh
#
# TAP producer helpers for the project's shell suites (bash on the host,
# busybox ash in the guests). Sourced (host) or put in front of a guest
# script (tools/vmtest/vmtest.sh). A suite prints one TAP stream:
#
#   ok 1 - description
#   not ok 2 - description
#   ok 3 - description # SKIP reason
#   # a diagnostic line
#   1..3                       (tap_done: the plan, at the end)
#   # suite: 2 passed, 1 failed
#
# tools/check.sh counts the stream with perl's TAP::Parser (tools/tap/tap.pl).
# A '#' in a description is escaped (\#), so it never reads as a directive.

TAP_N=0
TAP_PASS=0
TAP_FAIL=0
TAP_SKIP=0

tap_desc() {
	case $* in
	*'#'*) printf '%s' "$*" | sed 's/#/\\#/g' ;;
	*) printf '%s' "$*" ;;
	esac
}

# tap_ok DESCRIPTION / tap_not_ok DESCRIPTION: one test point.
tap_ok() {
	TAP_N=$((TAP_N + 1))
	TAP_PASS=$((TAP_PASS + 1))
	echo "ok $TAP_N - $(tap_desc "$@")"
}
tap_not_ok() {
	TAP_N=$((TAP_N + 1))
	TAP_FAIL=$((TAP_FAIL + 1))
	echo "not ok $TAP_N - $(tap_desc "$@")"
}
# tap_skip DESCRIPTION REASON: a test point not run (counts as passed).
tap_skip() {
	TAP_N=$((TAP_N + 1))
	TAP_SKIP=$((TAP_SKIP + 1))
	echo "ok $TAP_N - $(tap_desc "$1") # SKIP $(tap_desc "${2:-}")"
}
# tap_diag TEXT...: diagnostics, one "# " line each (stdin with no argument).
tap_diag() {
	if [ $# -gt 0 ]; then
		printf '%s\n' "$@" | sed 's/^/# /'
	else
		sed 's/^/# /'
	fi
}
# tap_done NAME: the plan and a human summary; status 0 only if nothing
# failed and at least one test point ran.
tap_done() {
	echo "1..$TAP_N"
	echo "# ${1:-tests}: $((TAP_PASS + TAP_SKIP)) passed, $TAP_FAIL failed ($TAP_SKIP skipped)"
	[ "$TAP_FAIL" -eq 0 ] && [ "$TAP_N" -gt 0 ]
}
# tap_bail REASON: the suite cannot go on (counted as failed by TAP::Parser).
tap_bail() {
	echo "Bail out! $*"
}
# tap_relay FILE [PREFIX]: the top-level test points of the TAP stream in
# FILE (e.g. a guest's serial log) become test points of this stream, with
# PREFIX in front of each description; a stream without a good plan or
# without any point adds one "not ok" (tools/tap/tap.pl relay). Host only
# (perl); TAP_PL is tools/tap/tap.pl, relative to the project root by default.
tap_relay() {
	_tap_t=$(mktemp) || return 1
	if ! perl "${TAP_PL:-tools/tap/tap.pl}" relay "$1" > "$_tap_t"; then
		echo "not ok	cannot read $1" > "$_tap_t"
	fi
	while IFS='	' read -r _tap_r _tap_d _tap_x; do
		case $_tap_r in
		ok) tap_ok "${2:-}$_tap_d" ;;
		skip) tap_skip "${2:-}$_tap_d" "$_tap_x" ;;
		*) tap_not_ok "${2:-}$_tap_d" ;;
		esac
	done < "$_tap_t"
	rm -f "$_tap_t"
}
