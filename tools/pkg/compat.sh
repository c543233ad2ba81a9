#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# compat: compile wdfshim.ko and plx9x5x.ko with W=1 against every kernel of
# the matrix and require zero warnings:
#   Debian 12's 6.1 headers, bookworm-backports' 6.12 headers ($PLX_CACHE/
#   kernels.env), and the newest linux-source-7.x of Debian sid, prepared
#   from its source tarball by ksrc-sid.sh (x86_64_defconfig + PCI,
#   modules_prepare; no Module.symvers there, so KBUILD_MODPOST_WARN=1 and
#   modpost's "undefined!" warnings are expected; the compile is the check);
#   plus the 6.12 headers with CONFIG_KUNIT=m given to Kbuild (kernels that
#   have KUnit as a module must still build the DKMS file set).
# Each kernel builds a private copy of the module sources (the DKMS file set,
# dkms-src.sh) in build/compat-<kernel>/. Prints each kernel's build time.
# Output: TAP (tools/pkg/lib.sh, tools/tap/tap.sh).
set -uo pipefail
. "$(dirname "$0")/lib.sh"
[ -f "$PLX_CACHE/kernels.env" ] || "$PKG_ROOT/tools/deps.sh" >&2
. "$PLX_CACHE/kernels.env"
out=$PKG_ROOT/build
jobs=${PLX_JOBS:-2}

# compile NAME KDIR [MAKEVARS...]
compile() {
	local name=$1 kdir=$2; shift 2
	local dir=$out/compat-$name src log t0 t1 rc w mw
	src=$dir/plx9x5x-$PKG_VER
	log=$dir/build.log
	rm -rf "$dir"
	mkdir -p "$dir"
	if ! "$PKG_ROOT/tools/pkg/dkms-src.sh" "$src" >"$log" 2>&1; then
		fail "$name: copy the module sources"; tail_log "$log"
		return
	fi
	t0=$(date +%s.%N)
	make -C "$kdir" M="$src" W=1 -j"$jobs" "$@" modules >>"$log" 2>&1
	rc=$?
	t1=$(date +%s.%N)
	printf 'compat: %s build time %.1f s (%s)\n' "$name" \
		"$(echo "$t1 - $t0" | bc)" "$kdir"
	if [ $rc -eq 0 ] && [ -f "$src/shim/wdfshim.ko" ] &&
	   [ -f "$src/plx9x5x/plx9x5x.ko" ]; then
		pass "$name: W=1 build of wdfshim.ko and plx9x5x.ko"
	else
		fail "$name: W=1 build of wdfshim.ko and plx9x5x.ko (make rc=$rc)"
		grep -E 'error|Error' "$log" | head -20 | sed 's/^/    | /'
		tail_log "$log" 10
		echo "    (warnings not checked: the build failed)"
		return
	fi
	w=$(grep -cE 'warning:|\[-Werror' "$log")
	if [ "$w" -eq 0 ]; then
		pass "$name: no compiler warnings"
	else
		fail "$name: $w compiler warning(s)"
		grep -A3 -E 'warning:|\[-Werror' "$log" | head -40 | sed 's/^/    | /'
	fi
	# modpost/objtool: anything but the expected missing-Module.symvers
	# noise of a kernel tree that was only prepared, not built.
	mw=$(grep -E '^(WARNING|ERROR)|objtool' "$log" |
		grep -vE 'Module\.symvers is missing|modpost: ".*" \[.*\] undefined!|modpost: suppressed [0-9]+ unresolved symbol warnings|modules may not be correct' || true)
	if [ "$*" = "${*/KBUILD_MODPOST_WARN/}" ]; then
		mw=$(grep -E '^(WARNING|ERROR)|objtool' "$log" || true)
	fi
	if [ -z "$mw" ]; then
		pass "$name: no modpost/objtool warnings"
	else
		fail "$name: modpost/objtool warnings"
		echo "$mw" | head -20 | sed 's/^/    | /'
	fi
}

for abi in "$K61" "$K612"; do
	kdir=/usr/src/linux-headers-$abi
	if [ -d "$kdir" ]; then
		compile "$abi" "$kdir"
	else
		fail "$abi: headers $kdir installed (make deps)"
	fi
done

# A kernel whose .config has CONFIG_KUNIT=m (as Ubuntu's and Fedora's do):
# the DKMS file set (no kunit/) must still build. Passed on the command
# line, this exercises the Kbuild logic only (C code sees the headers'
# autoconf.h, which has KUNIT off). The build directory's name must not
# contain '=': make would read M=.../x=m/... as an assignment.
kdir=/usr/src/linux-headers-$K612
[ -d "$kdir" ] && compile "$K612+kunit-m" "$kdir" CONFIG_KUNIT=m

t0=$(date +%s)
if ksrc=$("$PKG_ROOT/tools/pkg/ksrc-sid.sh" 2>"$out/ksrc-sid.log"); then
	name=$(basename "$ksrc")
	name=${name#linux-source-*-}
	name=sid-${name%-prep*}
	pass "sid: $(basename "$ksrc") prepared ($(( $(date +%s) - t0 ))s, $ksrc)"
	compile "$name" "$ksrc" KBUILD_MODPOST_WARN=1
	# Kernels with WQ_PERCPU (6.17 on, so every 7.x) WARN at load time
	# when a workqueue has neither WQ_PERCPU nor WQ_UNBOUND; the
	# shim's Kbuild probe must have found it there.
	cmd=$out/compat-$name/plx9x5x-$PKG_VER/shim/.wdf_main.o.cmd
	if grep -qsw WQ_PERCPU "$ksrc/include/linux/workqueue.h"; then
		check "$name: the Kbuild probe found WQ_PERCPU (-DWDF_HAVE_WQ_PERCPU in wdf_main.o's command)" \
			grep -q -- '-DWDF_HAVE_WQ_PERCPU' "$cmd"
	fi
else
	fail "sid: newest linux-source-7.x downloaded and prepared"
	tail_log "$out/ksrc-sid.log"
fi
summary compat
