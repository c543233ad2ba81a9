# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash
#
# The W=1 build of the modules, one definition for the two suites that need
# it (sourced after tools/tap/tap.sh; bash):
#   lint (shim/lint.sh) owns the builds against Debian's 6.1 and 6.12
#   headers: it builds there (w1_build) and goes on with sparse, modinfo
#   and the namespace check in the same tree;
#   compat (tools/pkg/compat.sh) builds the other kernels (6.12 with
#   CONFIG_KUNIT=m, sid's newest) and, for 6.1 and 6.12, reuses lint's
#   verdict when lint built the same inputs (w1_same): a diagnostic line
#   names it, no test point, so in `make check` every build is counted
#   once, a failure included; otherwise (`make compat` alone, or the
#   sources changed since) compat builds them itself.
# Each build is of the DKMS file set (tools/pkg/dkms-src.sh), as a user's
# DKMS would build it.

W1_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

# w1_key SRC KDIR [MAKEVARS...]: what decides the result of a build: the
# content of every file under SRC, the kernel tree's release, .config and
# Module.symvers, the compiler and the make variables.
w1_key() {
	local src=$1 kdir=$2
	shift 2
	{
		(cd "$src" && find . -type f -print0 | LC_ALL=C sort -z |
			xargs -0r sha256sum)
		cat "$kdir/include/config/kernel.release" 2>/dev/null
		sha256sum "$kdir/.config" "$kdir/Module.symvers" 2>/dev/null |
			cut -d' ' -f1
		"${CC:-gcc}" --version 2>/dev/null | head -1
		echo "kdir=$kdir vars=$*"
	} | sha256sum | cut -d' ' -f1
}

# w1_same DIR SRC KDIR [MAKEVARS...]: true when DIR holds the verdict of a
# build of the same inputs (DIR/w1.key); prints that verdict (DIR/w1.result).
w1_same() {
	local dir=$1 src=$2 kdir=$3
	shift 3
	[ -f "$dir/w1.key" ] && [ -f "$dir/w1.result" ] &&
		[ "$(cat "$dir/w1.key")" = "$(w1_key "$src" "$kdir" "$@")" ] &&
		cat "$dir/w1.result"
}

# w1_src DIR: a fresh DKMS file set in DIR/plx9x5x-<version>; prints its
# path. Status 1 (DIR/build.log says why) when it cannot be made.
w1_src() {
	local dir=$1 src
	src=$dir/plx9x5x-$(cat "$W1_ROOT/VERSION")
	rm -rf "$dir"
	mkdir -p "$dir"
	"$W1_ROOT/tools/pkg/dkms-src.sh" "$src" >"$dir/build.log" 2>&1 || return 1
	echo "$src"
}

# w1_build NAME DIR KDIR [MAKEVARS...]: the W=1 build of the DKMS file set
# in DIR (fresh) against KDIR; three test points: the build (make rc 0,
# all three modules), no compiler warning, no modpost/objtool warning
# (with KBUILD_MODPOST_WARN=1, for a tree that was only prepared, the
# "undefined!" noise of a missing Module.symvers is expected). Prints the
# build time. Leaves DIR/w1.key and DIR/w1.result ("ok" or "not ok"), and
# the built tree in DIR/plx9x5x-<version>. W1_JOBS: make -j (default 2).
w1_build() {
	local name=$1 dir=$2 kdir=$3
	shift 3
	local src log t0 t1 rc w mw verdict=ok
	log=$dir/build.log
	if ! src=$(w1_src "$dir"); then
		tap_not_ok "$name: copy the module sources (tools/pkg/dkms-src.sh)"
		tail -25 "$log" | tap_diag
		return 1
	fi
	w1_key "$src" "$kdir" "$@" >"$dir/w1.key.new"
	t0=$(date +%s.%N)
	make -C "$kdir" M="$src" W=1 -j"${W1_JOBS:-2}" "$@" modules >>"$log" 2>&1
	rc=$?
	t1=$(date +%s.%N)
	tap_diag "$(printf '%s: W=1 build time %.1f s (%s)' "$name" \
		"$(echo "$t1 - $t0" | bc)" "$kdir")"
	if [ $rc -eq 0 ] && [ -f "$src/shim/wdfshim.ko" ] &&
	   [ -f "$src/plx9x5x/plx9x5x.ko" ] && [ -f "$src/samples/edu/wdfedu.ko" ]; then
		tap_ok "$name: W=1 build of wdfshim.ko, plx9x5x.ko and wdfedu.ko"
	else
		tap_not_ok "$name: W=1 build of wdfshim.ko, plx9x5x.ko and wdfedu.ko (make rc=$rc)"
		{ grep -E 'error|Error' "$log" | head -20; tail -10 "$log"; } | tap_diag
		tap_not_ok "$name: no compiler warnings (not checked: the build failed)"
		tap_not_ok "$name: no modpost/objtool warnings (not checked: the build failed)"
		echo "not ok" >"$dir/w1.result"
		mv "$dir/w1.key.new" "$dir/w1.key"
		return 1
	fi
	w=$(grep -cE 'warning:|error:|\[-Werror' "$log")
	if [ "$w" -eq 0 ]; then
		tap_ok "$name: no compiler warnings"
	else
		tap_not_ok "$name: $w compiler warning(s)"
		grep -A3 -E 'warning:|error:|\[-Werror' "$log" | head -40 | tap_diag
		verdict="not ok"
	fi
	mw=$(grep -E '^(WARNING|ERROR)|objtool' "$log" || true)
	case " $* " in
	*" KBUILD_MODPOST_WARN=1 "*)
		mw=$(echo "$mw" | grep -vE 'Module\.symvers is missing|modpost: ".*" \[.*\] undefined!|modpost: suppressed [0-9]+ unresolved symbol warnings|modules may not be correct' || true) ;;
	esac
	if [ -z "$mw" ]; then
		tap_ok "$name: no modpost/objtool warnings"
	else
		tap_not_ok "$name: modpost/objtool warnings"
		echo "$mw" | head -20 | tap_diag
		verdict="not ok"
	fi
	echo "$verdict" >"$dir/w1.result"
	mv "$dir/w1.key.new" "$dir/w1.key"
	[ "$verdict" = ok ]
}
