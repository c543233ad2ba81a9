#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# `make hostile`: a hostile guest against an emulated PLX 9656 board behind
# an IOMMU. Builds emu/guest/hostile.c statically (gcc -static), boots
# Debian's 6.1 kernel (K61) on q35 + intel-iommu with one board and runs
# it: random writes at every BAR0 offset and width, garbage DMA and chains,
# soft reset; every DMA of the unbound board must fault in the IOMMU and
# be reported by the chip as a master abort, and the board must still
# answer (see hostile.c). What needs no guest kernel (the same garbage
# without an IOMMU, real transfers, the stall switch) is in `make qtest`.
# Cases: the guest's own, plus: QEMU survived and the guest reported its
# rc, QEMU logged guest errors (-d guest_errors), the kernel reported DMAR
# faults for the board (those lines, and only those, are excused), the
# kernel log is otherwise clean.
# PLX_HOSTILE_SEED / PLX_HOSTILE_ROUNDS (default 1 / 2).
# Output: TAP (tools/tap/tap.sh); the guest program's test points are relayed
# as the suite's own (tap_relay).
set -u
cd "$(dirname "$0")/../.."
logdir=${PLX_LOGDIR:-build/logs}
mkdir -p "$logdir" build/emu
ABI=${PLX_HOSTILE_ABI:-K61}
SEED=${PLX_HOSTILE_SEED:-1}
ROUNDS=${PLX_HOSTILE_ROUNDS:-2}
# shellcheck source=tools/tap/tap.sh
. tools/tap/tap.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

[ -f "${PLX_CACHE:-$HOME/.cache/plx9x5x}/kernels.env" ] || tools/deps.sh >&2

if ! gcc -static -O2 -Wall -o build/emu/hostile emu/guest/hostile.c; then
	tap_bail "build emu/guest/hostile.c (gcc -static)"
	exit 1
fi
if ! qemu=$(emu/qemu/build-qemu.sh); then
	tap_bail "QEMU build"
	exit 1
fi
export PLX_QEMU=$qemu

vm() { # name run.sh-args...
	local name=$1 log qlog rc n
	shift
	log=$logdir/hostile-$name.serial.log
	qlog=$logdir/hostile-$name.qemu.log
	rm -f "$qlog"
	cat > "$tmp/guest.sh" <<GUEST
# SPDX-License-Identifier: GPL-2.0-only
bdf=\$(plxvm-bdfs 10b5:9601 | head -1)
[ -n "\$bdf" ] || { echo "Bail out! no 10b5:9601 function"; exit 1; }
/plxvm/hostile "\$bdf" $SEED $ROUNDS
GUEST
	echo "# --- hostile $name"
	tools/vm/run.sh --abi "$ABI" --script "$tmp/guest.sh" --boards 1 \
		--file build/emu/hostile:/plxvm/hostile --timeout 300 \
		--quiet --log "$log" --qemu-arg -d --qemu-arg guest_errors \
		--qemu-arg -D --qemu-arg "$qlog" "$@" 2>"$tmp/run.err"
	rc=$?
	grep -v '^plxvm: /' "$tmp/run.err" | grep -v 'qemu-system-x86_64 ' | tap_diag
	# the guest program's test points are this suite's (a bad or missing
	# stream is one "not ok")
	tap_relay "$log" "$name: "
	if [ $rc -eq 2 ] || [ $rc -eq 124 ]; then
		tap_not_ok "$name: QEMU kept running and the guest finished (run.sh rc $rc)"
	else
		tap_ok "$name: QEMU kept running and the guest finished"
	fi
	n=$(grep -c 'plx9656' "$qlog" 2>/dev/null)
	# keep the head only: the hostile guest makes it large
	[ -f "$qlog" ] && sed -i '2001,$d' "$qlog"
	if [ "${n:-0}" -gt 0 ]; then
		tap_ok "$name: QEMU logged the guest's mistakes (LOG_GUEST_ERROR: $n lines)"
	else
		tap_not_ok "$name: QEMU logged the guest's mistakes (-d guest_errors)"
	fi
	n=$(grep -a -c -E 'DMAR: \[DMA (Read|Write)' "$log")
	if [ "${n:-0}" -gt 0 ]; then
		tap_ok "$name: the kernel's IOMMU reported the board's DMA faults ($n)"
	else
		tap_not_ok "$name: the kernel's IOMMU reported the board's DMA faults"
	fi
	if [ $rc -eq 3 ]; then
		tap_not_ok "$name: guest kernel log clean (run.sh rc 3)"
	else
		tap_ok "$name: guest kernel log clean"
	fi
}

# Behind a VT-d IOMMU the unbound board's DMA faults: DMAR fault reports
# are expected there (and only those are excused).
vm iommu --iommu --allow 'DMAR: DRHD: handling fault|DMAR: \[DMA (Read|Write)'

tap_done hostile
