#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# make vmtest: the driver end to end on the emulated PLX 9656 board.
#
#   tools/vmtest/vmtest.sh [--sanitizer] [--only NAME[,NAME...]] [--list]
#
# For each guest kernel (Debian 6.1 and bookworm-backports 6.12) the
# modules are built against that kernel's headers in a private copy of the
# sources (build/vm-<abi>/, so parallel builds do not clash), plxtest is
# built statically (build/plxtest/plxtest), and every scenario boots the
# kernel in the project's QEMU (tools/vm/run.sh, -smp 2, TCG) with a guest
# script from tools/vmtest/guest/ (prefixed with guest-lib.sh). A scenario
# passes when its guest script passes and the guest log has no WARN, BUG,
# oops, lockdep or DMAR report (run.sh). Logs: build/logs/vmtest-<name>.log.
#
# Output: TAP (tools/tap/tap.sh). One test point per source check and per
# scenario (plus one per failed module build); the guest script's own TAP
# stream (tools/vmtest/guest-lib.sh) is shown before its scenario's point
# as a nested subtest, indented by four spaces, so it is not counted again:
# the scenario passes only if the guest's stream did. A build failure of
# plxtest, edutest or plxfail prints "Bail out!".
#
# --sanitizer runs the SAN_SCENARIOS instead (make sanitizer): the
# sanitizer guest kernel (tools/vm/sankernel.sh: KASAN, lockdep, DMA-API
# debug, kmemleak, fault injection; built once, cached), the modules built
# against its tree, tools/sanitizer/guest-lib.sh added to every guest
# script (kmemleak, lockdep and DMA-API checks in finish()), plxfail in the
# guest; the same TAP output.
#
# make bench (the benchmark) lives in tools/bench/.
set -uo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
PLX_CACHE=${PLX_CACHE:-$HOME/.cache/plx9x5x}
export PLX_CACHE
LOGDIR=${PLX_LOGDIR:-$ROOT/build/logs}
JOBS=${PLX_JOBS:-2}

# name        kernel  run.sh options                       guest script
SCENARIOS=(
	"k61-basic      K61  -                                 basic.sh"
	"k612-basic     K612 -                                 basic.sh"
	"k612-iommu     K612 --iommu                           iommu.sh"
	"k61-two-boards K61  --boards=2                        two.sh"
	"k612-stall     K612 --board-opts=stall=3              stall.sh"
	"k612-highmem   K612 --mem=6G                          highmem.sh"
	"k61-bare-chip  K61  --board-opts=device-id=0x9656     bare.sh"
	"k61-master-abort K61 -                                abort.sh"
	"k612-suspend   K612 -                                 suspend.sh"
	"k61-dead-board K61  -                                 dead.sh"
	"k612-file      K612 -                                 file.sh"
	"k612-reset     K612 -                                 reset.sh"
	"k612-hotplug   K612 --root-port                       hotplug.sh"
	"k612-aer       K612 --root-port                       aer.sh"
	"k612-noirq     K612 --append=acpi=noirq,--append=noapic noirq.sh"
	"k612-edu       K612 --mem=256M,--qemu-arg=-device,--qemu-arg=edu edu.sh"
	"k612-edu-iommu K612 --iommu,--qemu-arg=-device,--qemu-arg=edu edu.sh"
)
# --sanitizer: kernel SAN (tools/vm/sankernel.sh); a script with a / is
# relative to the project root. q35: the pc machine's ACPI _PRT is an AML
# loop that the sanitizer kernel's interpreter does not finish within
# ACPICA's 30 s loop timeout under TCG (AE_AML_LOOP_TIMEOUT, then "PCI INT
# A: no GSI" and no interrupt); q35's _PRT is a plain package. san-noirq
# runs on the pc machine for exactly that: the board must be refused at
# probe (tools/vmtest/guest/noirq.sh).
SAN_SCENARIOS=(
	"san-basic      SAN  --machine=q35                     basic.sh"
	"san-two-boards SAN  --machine=q35,--boards=2          two.sh"
	"san-master-abort SAN --machine=q35                    abort.sh"
	"san-file       SAN  --machine=q35                     file.sh"
	"san-edu-iommu  SAN  --iommu,--qemu-arg=-device,--qemu-arg=edu edu.sh"
	"san-hotplug    SAN  --root-port                       hotplug.sh"
	"san-noirq      SAN  --machine=pc                      noirq.sh"
	"san-failnth    SAN  --machine=q35                     tools/sanitizer/guest/failnth.sh"
)
# Lines run.sh may excuse in one scenario (--allow, one regex per line).
# san-failnth: a failed vmalloc() in the module loader (finit_module under
# fail-nth) is reported by warn_alloc() with a stack dump whose "Call
# Trace:" line and "? lockdep_*" frames match run.sh's list; any WARN,
# BUG, KASAN, lockdep or hung-task report still has its own header line.
declare -A SAN_ALLOW=(
	[san-failnth]='^\[ *[0-9.]+\] Call Trace:$
^\[ *[0-9.]+\]  (\? )?lockdep_[a-z_]+\+0x[0-9a-f]+/0x[0-9a-f]+$'
)

say() { echo "vmtest: $*" >&2; }
# shellcheck source=tools/tap/tap.sh
. "$ROOT/tools/tap/tap.sh"

only= list=0 san=0 suite=vmtest timeout=300
while [ $# -gt 0 ]; do
	case "$1" in
	--sanitizer) san=1 suite=sanitizer timeout=1200; shift ;;
	--only) only=$2; shift 2 ;;
	--only=*) only=${1#--only=}; shift ;;
	--list) list=1; shift ;;
	-h|--help) sed -n '4,/^set -uo/p' "$0" | sed -n 's/^# \{0,1\}//p'; exit 0 ;;
	*) say "unknown argument '$1'"; exit 2 ;;
	esac
done

[ $san = 0 ] || SCENARIOS=("${SAN_SCENARIOS[@]}")
selected=()
for s in "${SCENARIOS[@]}"; do
	read -r name _ <<<"$s"
	if [ -z "$only" ] || [[ ",$only," == *",$name,"* ]]; then
		selected+=("$s")
	fi
done
if [ $list = 1 ]; then
	printf '%s\n' "${SCENARIOS[@]}" | awk '{print $1}'
	exit 0
fi
[ ${#selected[@]} -gt 0 ] || { say "no scenario matches '$only'"; exit 2; }

# shellcheck disable=SC1091
. "$PLX_CACHE/kernels.env" || { say "no $PLX_CACHE/kernels.env (make deps)"; exit 2; }
mkdir -p "$LOGDIR"
# The sanitizer kernel (built once per content, long when cold): ABI and
# module build tree.
declare -A kdirs
if printf '%s\n' "${selected[@]}" | awk '$2 == "SAN" { f = 1 } END { exit !f }'; then
	say "sanitizer kernel (tools/vm/sankernel.sh; log in $PLX_CACHE/sankernel/)"
	if sanenv=$("$ROOT/tools/vm/sankernel.sh"); then
		eval "$sanenv"
		SAN=$SAN_ABI
		kdirs[SAN]=$SAN_KDIR
	else
		SAN=none
		kdirs[SAN]=/nonexistent
	fi
fi
# One vmtest/run at a time per clone: they share build/vm-<abi>/.
mkdir -p "$ROOT/build"
exec 8>"$ROOT/build/.vmtest.lock"
flock -n 8 || { echo "waiting for another vmtest/run in this clone" >&2; flock 8; }

# The source checks are vmtest's; the sanitizer suite has its own points.
srccheck_ok() { [ $san = 1 ] || tap_ok "$1"; }
srccheck_not_ok() { # NAME LABEL HITS
	[ $san = 1 ] && return
	tap_not_ok "$1"
	printf '%s\n' "$3" | sed "s/^/$2: /" | tap_diag
}
# ---- the core uses WDF only (acceptance: Linux API only in the glue) -------
linux_api='#[[:space:]]*include[[:space:]]*<(linux|asm)/|\b(dma_[a-z_]+|pci_[a-z_]+|ioread(8|16|32)|iowrite(8|16|32)|readl|writel|copy_(to|from)_user|request_irq|free_irq|kmalloc|kzalloc|printk|pr_(err|info|warn|debug)|dev_(err|info|warn|dbg))[[:space:]]*\('
hits=$(cd "$ROOT/plx9x5x" && grep -nE "$linux_api" plx_*.c plx_*.h | grep -v '^plx_glue\.c:')
if [ -z "$hits" ]; then
	srccheck_ok "core-wdf-only (no Linux API outside plx_glue.c)"
else
	srccheck_not_ok "core-wdf-only" "linux api" "$hits"
fi
hits=$(cd "$ROOT/samples/edu" && grep -nE "$linux_api" edu_*.c edu_*.h | grep -v '^edu_glue\.c:')
if [ -z "$hits" ]; then
	srccheck_ok "edu-core-wdf-only (no Linux API outside edu_glue.c)"
else
	srccheck_not_ok "edu-core-wdf-only" "linux api" "$hits"
fi
# ---- the shim knows no driver: no PCI IDs, names or registers of either ----
hits=$(cd "$ROOT/shim" && grep -niE '\bplx|9656|9056|10b5|\bedu\b|11e8|0x1234' \
	./*.c ./*.h include/*.h | grep -v 'PLX9X5X_VERSION' |
	grep -vE '^[^:]+:[0-9]+:[[:space:]]*(/?\*|//)')
if [ -z "$hits" ]; then
	srccheck_ok "shim-driver-neutral (nothing of plx9x5x or edu in shim/)"
else
	srccheck_not_ok "shim-driver-neutral" "driver-specific" "$hits"
fi

# ---- plxtest ---------------------------------------------------------------
PLXTEST=$ROOT/build/plxtest/plxtest
if ! make -s -C "$ROOT/tools/plxtest" OUT="$(dirname "$PLXTEST")"; then
	tap_bail "plxtest build failed"
	exit 1
fi
EDUTEST=$ROOT/build/edutest/edutest
mkdir -p "$(dirname "$EDUTEST")"
if ! gcc -static -O2 -Wall -Wextra -pthread -I"$ROOT/samples/edu" \
	-I"$ROOT/shim/include" \
	-o "$EDUTEST" "$ROOT/samples/edu/edutest.c"; then
	tap_bail "edutest build failed"
	exit 1
fi
sanfiles=() sanlib=()
if [ $san = 1 ]; then
	PLXFAIL=$ROOT/build/plxfail/plxfail
	mkdir -p "$(dirname "$PLXFAIL")"
	if ! gcc -static -O2 -Wall -Wextra -I"$ROOT/plx9x5x/uapi" \
		-o "$PLXFAIL" "$ROOT/tools/sanitizer/plxfail.c"; then
		tap_bail "plxfail build failed"
		exit 1
	fi
	# the boot line of CONFIG_PROVE_RCU matches run.sh's 'lockdep'
	sanfiles=(--file "$PLXFAIL:/plxvm/plxfail"
		--allow '^\[ *[0-9.]+\] rcu:[[:space:]]+RCU lockdep checking is enabled\.$')
	sanlib=("$ROOT/tools/sanitizer/guest-lib.sh")
fi

# ---- modules, once per kernel ----------------------------------------------
declare -A built
build_modules() { # $1 = K61/K612 -> prints the module directory
	local abi=${!1} out=$ROOT/build/vm-${!1}
	local kdir=${kdirs[$1]:-/usr/src/linux-headers-$abi}
	[ -d "$kdir" ] || { say "no headers $kdir (make deps)"; return 1; }
	mkdir -p "$out/src"
	# the work tree as it is, kept in step for an incremental build
	"$ROOT/tools/pkg/srctree.sh" copy "$out/src" --sync || return 1
	say "building modules for $abi"
	if ! make -C "$kdir" M="$out/src" \
		-j"$JOBS" modules > "$LOGDIR/vmtest-build-$abi.log" 2>&1; then
		tail -30 "$LOGDIR/vmtest-build-$abi.log" >&2
		return 1
	fi
	[ -f "$out/src/shim/wdfshim.ko" ] && [ -f "$out/src/plx9x5x/plx9x5x.ko" ] &&
		[ -f "$out/src/samples/edu/wdfedu.ko" ]
}
for s in "${selected[@]}"; do
	read -r _ k _ <<<"$s"
	[ -n "${built[$k]:-}" ] && continue
	if build_modules "$k"; then
		built[$k]=$ROOT/build/vm-${!k}/src
	else
		built[$k]=FAILED
		tap_not_ok "module build for $k (${!k}) (log $LOGDIR/vmtest-build-${!k}.log)"
	fi
done

# ---- scenarios ----------------------------------------------------------------
for s in "${selected[@]}"; do
	read -r name k opts script <<<"$s"
	log=$LOGDIR/vmtest-$name.log
	if [ "${built[$k]}" = FAILED ]; then
		tap_not_ok "$name (no modules)"
		continue
	fi
	args=()
	if [ "$opts" != - ]; then
		for o in ${opts//,--/ --}; do
			args+=("${o%%=*}")
			[[ "$o" == *=* ]] && args+=("${o#*=}")
		done
	fi
	if [ $san = 1 ] && [ -n "${SAN_ALLOW[$name]:-}" ]; then
		while IFS= read -r a; do
			args+=(--allow "$a")
		done <<<"${SAN_ALLOW[$name]}"
	fi
	T=$(mktemp -d "${TMPDIR:-/tmp}/vmtest.XXXXXX")
	case $script in
	*/*) script=$ROOT/$script ;;
	*) script=$HERE/guest/$script ;;
	esac
	cat "$ROOT/tools/tap/tap.sh" "$HERE/guest-lib.sh" ${sanlib[@]+"${sanlib[@]}"} \
		"$script" > "$T/test.sh"
	say "=== $name: $k (${!k}) ${args[*]} $script"
	start=$SECONDS
	"$ROOT/tools/vm/run.sh" --abi "${!k}" --script "$T/test.sh" --smp 2 \
		--timeout "$timeout" --quiet --log "$log" \
		--modules "${built[$k]}/shim/wdfshim.ko" \
		--modules "${built[$k]}/plx9x5x/plx9x5x.ko" \
		--modules "${built[$k]}/samples/edu/wdfedu.ko" \
		--file "$PLXTEST:/plxvm/plxtest" \
		--file "$EDUTEST:/plxvm/edutest" ${sanfiles[@]+"${sanfiles[@]}"} \
		"${args[@]}"
	rc=$?
	secs=$((SECONDS - start))
	rm -rf "$T"
	# the guest's TAP stream, nested under the scenario's test point
	echo "    # Subtest: $name"
	grep -aE '^(not )?ok [0-9]+ |^1\.\.[0-9]+$|^# guest: |plxtest\| throughput' "$log" |
		sed 's/^/    /'
	if [ $rc -eq 0 ]; then
		tap_ok "$name (${secs}s)"
	else
		tap_not_ok "$name (run.sh rc $rc, ${secs}s, log $log)"
	fi
done

tap_done "$suite"
