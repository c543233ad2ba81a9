#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# kunit/run.sh [kunit.py run args...]: run the project's KUnit suites under
# User-Mode Linux on linux-source-6.12.
#
# 1. tools/ksrc.sh 6.12 gives the pristine extracted tree (shared; never
#    modified). We make our own hard-linked copy of it once, at
#    $PLX_CACHE/kunit/linux-6.12-<pkgver>, and graft the project into it:
#    drivers/misc/plx9x5x -> this project root (re-pointed on every run, so
#    a clone anywhere works), a `source` line in drivers/misc/Kconfig and an
#    obj-y line in drivers/misc/Makefile. The two edited files are rewritten
#    through a temporary file + mv, which breaks their hard links: the
#    pristine tree stays untouched.
# 2. kunit.py run --arch=um with kunit/.kunitconfig, building in
#    $PLX_CACHE/kunit/build-6.12-<pkgver> (incremental on reruns).
# 3. The kernel log is checked for warnings, KASAN/DMA-API/lockdep reports
#    and crashes outside the windows in which a test announces an expected
#    WARN (see kunit/wdf_test_util.h); each one counts as a failure.
# 4. Prints kunit.py's own output, then a TAP stream (tools/tap/tap.sh) made
#    from kunit.py's JSON results: one test point per KUnit test case
#    ("ok N - suite.case"; a parameterised case is one point, as KUnit
#    reports it), one "not ok" per bad kernel-log line, and the plan.
#    (kunit.py's output is not TAP: its lines start with "[hh:mm:ss]"; the
#    kernel's raw KTAP, with suites at the top level and cases nested,
#    stays in the build folder's test.log.) A build that fails prints
#    "Bail out!". Exits non-zero on any failure, crash or build error.
#
# Environment: PLX_CACHE (default ~/.cache/plx9x5x), PLX_JOBS (default 2),
# PLX_KUNIT_TIMEOUT (seconds, default 900).
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cache=${PLX_CACHE:-$HOME/.cache/plx9x5x}
jobs=${PLX_JOBS:-2}
timeout=${PLX_KUNIT_TIMEOUT:-900}

# shellcheck source=tools/tap/tap.sh
. "$root/tools/tap/tap.sh"
fail() {
	echo "kunit: $*" >&2
	tap_bail "kunit: $*"
	exit 1
}

command -v python3 >/dev/null || "$root/tools/deps.sh" >&2 ||
	fail "cannot install dependencies"
pristine=$("$root/tools/ksrc.sh" 6.12) || fail "no linux-source-6.12"
ver=${pristine##*/linux-source-6.12-}
tree=$cache/kunit/linux-6.12-$ver
build=$cache/kunit/build-6.12-$ver
mkdir -p "$cache/kunit" "$build"

# One run at a time per cache: the tree, the graft and the build dir are shared.
exec 8>"$cache/kunit/.lock"
flock 8

if [ ! -f "$tree/.plx-tree" ]; then
	echo "kunit: creating $tree (hard links to $pristine)" >&2
	rm -rf "$tree" "$tree.tmp"
	cp -al "$pristine" "$tree.tmp" || fail "cp -al failed"
	touch "$tree.tmp/.plx-tree"
	mv "$tree.tmp" "$tree"
fi

# Rewrite a file of the tree with one more line, breaking its hard link.
graft_line() {
	local file=$1 line=$2 tmp
	grep -qxF "$line" "$file" && return 0
	tmp=$(mktemp "$file.XXXXXX") || return 1
	if [ "${3:-}" = before-endmenu ]; then
		awk -v l="$line" '!done && /^endmenu/ { print l; done = 1 } { print }' \
			"$file" >"$tmp"
	else
		{ cat "$file"; echo "$line"; } >"$tmp"
	fi
	chmod 644 "$tmp" && mv "$tmp" "$file"
}

ln -sfn "$root" "$tree/drivers/misc/plx9x5x" || fail "cannot link the project"
# Objects are judged by mtime: after a run from another checkout, rebuild
# the project's objects (only those) so none is taken from the other tree.
if [ "$(cat "$build/.plx-root" 2>/dev/null)" != "$root" ]; then
	rm -rf "$build/drivers/misc/plx9x5x"
	echo "$root" >"$build/.plx-root"
fi
graft_line "$tree/drivers/misc/Kconfig" 'source "drivers/misc/plx9x5x/Kconfig"' \
	before-endmenu || fail "Kconfig graft failed"
graft_line "$tree/drivers/misc/Makefile" 'obj-y				+= plx9x5x/' ||
	fail "Makefile graft failed"
grep -qxF 'source "drivers/misc/plx9x5x/Kconfig"' "$tree/drivers/misc/Kconfig" ||
	fail "Kconfig graft missing"

json=$build/plx-results.json
rm -f "$json"
cd "$tree" || fail "no tree"
python3 tools/testing/kunit/kunit.py run --arch=um \
	--kunitconfig="$root/kunit/.kunitconfig" \
	--build_dir="$build" --jobs="$jobs" --timeout="$timeout" \
	--json="$json" "$@"
krc=$?

[ -s "$json" ] || fail "kunit.py produced no results (exit $krc; build log above)"

# one line per test case: "PASS|SKIP|<other status><TAB>suite.case"
cases=$(python3 - "$json" <<'PY'
import json, sys
def walk(g, path):
    for c in g.get("test_cases", []):
        print("%s\t%s" % (c.get("status"), ".".join(path + [c.get("name")])))
    for sg in g.get("sub_groups", []):
        walk(sg, path + [sg.get("name")])
walk(json.load(open(sys.argv[1])), [])
PY
) || fail "cannot parse $json"

# Kernel-log scan: a line matching tools/vm/bad-log.patterns (the list the
# guest runner uses too) outside an expected-WARN window. The rest of an
# excused WARN's report, up to its "end trace" marker, is part of the
# excuse (its Call Trace and frames such as lockdep_hardirqs_on); a new
# WARNING/BUG/Oops/panic inside it still counts.
log=$build/test.log
bad=
pat=$root/tools/vm/bad-log.patterns
BAD=$(grep -v -e '^#' -e '^$' "$pat" | paste -sd'|') || fail "no patterns in $pat"
export BAD
if [ -f "$log" ]; then
	report=$(awk '
		/plx-kunit: expect-warn begin/ { inwin = 1; seen = 0; need = ($0 ~ /must/); next }
		/plx-kunit: expect-warn end/ {
			if (need && !seen) { print "expected WARN did not happen: " $0; n++ }
			inwin = 0; inrep = 0; next
		}
		/---\[ end trace/ { inrep = 0; next }
		inrep && !/WARNING:|BUG:|Oops|Kernel panic/ { next }
		$0 ~ ENVIRON["BAD"] {
			if (inwin && /WARNING:/) { seen = 1; inrep = 1; next }
			# UML without a PCI-over-virtio device ID warns once at boot
			if (/WARNING:.* at arch\/um\/drivers\/virt-pci\.c/) { inrep = 1; next }
			print "kernel log: " $0; n++
		}
		END { exit n > 0 }' "$log")
	bad=$report
else
	bad="no kernel log at $log"
fi

echo "TAP version 13"
while IFS=$'\t' read -r st name; do
	[ -n "$name" ] || continue
	case $st in
	PASS) tap_ok "$name" ;;
	SKIP) tap_skip "$name" "KUnit skipped it" ;;
	*) tap_not_ok "$name ($st)" ;;
	esac
done <<< "$cases"
if [ "$TAP_N" -eq 0 ]; then
	tap_not_ok "a test case ran (does the filter '$*' match a suite?)"
fi
while IFS= read -r line; do
	[ -z "$line" ] || tap_not_ok "$line"
done <<< "$bad"
if [ "$krc" -ne 0 ] && [ "$TAP_FAIL" -eq 0 ]; then
	# kunit.py failed without a failing case (crash, timeout)
	tap_not_ok "kunit.py exit status 0 (got $krc)"
fi
tap_done kunit
