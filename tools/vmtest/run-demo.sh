#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# make run: from a fresh clone (after `make deps`, which the make target
# runs first), build QEMU with the emulated PLX 9656 board, the two modules
# for the bookworm-backports 6.12 kernel (6.1 if it is missing) and plxtest,
# boot that kernel with one board, and show what the driver does.
set -uo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
PLX_CACHE=${PLX_CACHE:-$HOME/.cache/plx9x5x}
export PLX_CACHE
JOBS=${PLX_JOBS:-2}

step() { printf '\n==> %s\n' "$*"; }
die() { echo "make run: $*" >&2; exit 1; }

# shellcheck disable=SC1091
. "$PLX_CACHE/kernels.env" || die "no $PLX_CACHE/kernels.env: run 'make deps'"
K=K612 abi=${K612:-}
if [ -z "$abi" ] || [ ! -d "/usr/src/linux-headers-$abi" ] ||
   [ ! -f "$PLX_CACHE/kernels/$abi/vmlinuz" ]; then
	K=K61 abi=${K61:-}
fi
[ -n "$abi" ] && [ -d "/usr/src/linux-headers-$abi" ] ||
	die "no kernel headers: run 'make deps'"

# One vmtest/run at a time per clone: they share build/vm-<abi>/.
mkdir -p "$ROOT/build"
exec 8>"$ROOT/build/.vmtest.lock"
flock -n 8 || { echo "waiting for another vmtest/run in this clone" >&2; flock 8; }

step "QEMU 7.2 with the plx9656 board model (first time: a few minutes)"
QEMU=$("$ROOT/emu/qemu/build-qemu.sh") || die "QEMU build failed"
echo "    $QEMU"
export PLX_QEMU=$QEMU

step "wdfshim.ko and plx9x5x.ko for Debian's $abi kernel"
out=$ROOT/build/vm-$abi
mkdir -p "$out/src" "$ROOT/build/logs"
"$ROOT/tools/pkg/srctree.sh" copy "$out/src" --sync || die "copying the sources failed"
make -C "/usr/src/linux-headers-$abi" M="$out/src" -j"$JOBS" modules \
	> "$ROOT/build/logs/run-build.log" 2>&1 ||
	{ tail -20 "$ROOT/build/logs/run-build.log"; die "module build failed"; }
ls -l "$out/src/shim/wdfshim.ko" "$out/src/plx9x5x/plx9x5x.ko" | awk '{print "    " $NF, $5, "bytes"}'

step "plxtest (static, for the guest)"
make -s -C "$ROOT/tools/plxtest" OUT="$ROOT/build/plxtest" ||
	die "plxtest build failed"
echo "    $ROOT/build/plxtest/plxtest"

step "boot $abi in QEMU (TCG, 2 CPUs, one emulated PLX 9656RDK-LITE board)"
log=$ROOT/build/logs/run-guest.log
T=$(mktemp -d "${TMPDIR:-/tmp}/plxrun.XXXXXX")
trap 'rm -rf "$T"' EXIT
cat "$HERE/guest/demo.sh" > "$T/demo.sh"
"$ROOT/tools/vm/run.sh" --abi "$K" --script "$T/demo.sh" --smp 2 --quiet \
	--timeout 300 --log "$log" \
	--modules "$out/src/shim/wdfshim.ko" \
	--modules "$out/src/plx9x5x/plx9x5x.ko" \
	--file "$ROOT/build/plxtest/plxtest:/plxvm/plxtest"
rc=$?
grep -a '^DEMO|' "$log" | sed 's/^DEMO| \{0,1\}/    /'
echo
echo "    (full guest log: $log)"
if [ $rc -eq 0 ]; then
	echo "==> done. Next: 'make vmtest' (all scenarios), plx9x5x/README.md,"
	echo "    build/plxtest/plxtest --help, doc/architecture.md."
else
	echo "==> the demo FAILED (rc $rc); see the log above."
fi
exit $rc
