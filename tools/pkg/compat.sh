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
#   plus the 6.12 headers with CONFIG_KUNIT=m given to Kbuild and
#   CONFIG_KUNIT defined for the C code (kernels that have KUnit as a
#   module must still build the DKMS file set, warning-free, into
#   production modules without test hooks).
# Each kernel builds a private copy of the module sources (the DKMS file set,
# dkms-src.sh) in build/compat-<kernel>/ (tools/pkg/w1.sh: three test points
# per kernel). Prints each kernel's build time. The 6.1 and 6.12 builds are
# lint's (shim/lint.sh): when lint built the same sources against the same
# headers (as in make check, which runs lint first), its verdict is named
# here and not counted again; otherwise compat builds them too.
# Output: TAP (tools/pkg/lib.sh, tools/tap/tap.sh).
set -uo pipefail
. "$(dirname "$0")/lib.sh"
[ -f "$PLX_CACHE/kernels.env" ] || "$PKG_ROOT/tools/deps.sh" >&2
. "$PLX_CACHE/kernels.env"
out=$PKG_ROOT/build
jobs=${PLX_JOBS:-2}

# shellcheck source=tools/pkg/w1.sh
. "$PKG_ROOT/tools/pkg/w1.sh"
export W1_JOBS=$jobs

# compile NAME KDIR [MAKEVARS...]: the W=1 build (tools/pkg/w1.sh) in
# build/compat-NAME/.
compile() {
	local name=$1 kdir=$2
	shift 2
	w1_build "$name" "$out/compat-$name" "$kdir" "$@"
}

# Debian's 6.1 and 6.12: lint owns these builds. Reuse its verdict when
# lint built the same inputs (make check runs lint first); it is counted
# there, so here it is only named. Otherwise build them here.
for abi in "$K61" "$K612"; do
	kdir=/usr/src/linux-headers-$abi
	if [ ! -d "$kdir" ]; then
		fail "$abi: headers $kdir installed (make deps)"
		continue
	fi
	dir=$out/compat-$abi
	lint=$out/lint/$abi
	if src=$(w1_src "$dir") && verdict=$(w1_same "$lint" "$src" "$kdir"); then
		tap_diag "$abi: the W=1 build of these sources against these headers is lint's" \
			"(build/lint/$abi, verdict '$verdict', counted in lint): not repeated"
	else
		compile "$abi" "$kdir"
	fi
done

# A kernel with KUnit (CONFIG_KUNIT=m, as Ubuntu's and Fedora's have),
# simulated on the 6.12 headers: CONFIG_KUNIT=m for Kbuild (the DKMS file
# set, no kunit/, must still build) and -DCONFIG_KUNIT=1 for the C code
# (the headers' autoconf.h has KUnit off). One build for both checks:
# W=1 clean, and production modules still: plain register access, no test
# hooks (those need the shim's own WDF_SHIM_TEST_HOOKS, i.e. a build of
# the KUnit suites). The build directory's name must not contain '=':
# make would read M=.../x=m/... as an assignment.
kdir=/usr/src/linux-headers-$K612
if [ -d "$kdir" ]; then
	name=$K612+kunit
	compile "$name" "$kdir" CONFIG_KUNIT=m KCFLAGS=-DCONFIG_KUNIT=1
	src=$out/compat-$name/plx9x5x-$PKG_VER
	hooks=$( { nm "$src/shim/wdfshim.ko" && nm "$src/plx9x5x/plx9x5x.ko"; } 2>&1 |
		grep -E ' (wdf_register_read|wdf_register_write|wdf_test_[a-z_]+)$|nm:')
	if [ -f "$src/shim/wdfshim.ko" ] && [ -z "$hooks" ]; then
		pass "$name: no-test-hooks-with-CONFIG_KUNIT (no register redirect, no wdf_test_* symbol)"
	else
		fail "$name: no-test-hooks-with-CONFIG_KUNIT"
		printf '%s\n' "$hooks" | head -20 | tap_diag
	fi
fi

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
