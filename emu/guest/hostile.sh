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
# Last line: "hostile: N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
logdir=${PLX_LOGDIR:-build/logs}
mkdir -p "$logdir" build/emu
ABI=${PLX_HOSTILE_ABI:-K61}
SEED=${PLX_HOSTILE_SEED:-1}
ROUNDS=${PLX_HOSTILE_ROUNDS:-2}
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

[ -f "${PLX_CACHE:-$HOME/.cache/plx9x5x}/kernels.env" ] || tools/deps.sh >&2

if ! gcc -static -O2 -Wall -o build/emu/hostile emu/guest/hostile.c; then
	echo "not ok - build emu/guest/hostile.c (gcc -static)"
	echo "hostile: 0 passed, 1 failed"
	exit 1
fi
if ! qemu=$(emu/qemu/build-qemu.sh); then
	echo "not ok - QEMU build"
	echo "hostile: 0 passed, 1 failed"
	exit 1
fi
export PLX_QEMU=$qemu

vm() { # name run.sh-args...
	local name=$1 log qlog rc line p f n
	shift
	log=$logdir/hostile-$name.serial.log
	qlog=$logdir/hostile-$name.qemu.log
	rm -f "$qlog"
	cat > "$tmp/guest.sh" <<GUEST
# SPDX-License-Identifier: GPL-2.0-only
bdf=\$(plxvm-bdfs 10b5:9601 | head -1)
[ -n "\$bdf" ] || { echo "no 10b5:9601 function"; exit 1; }
/plxvm/hostile "\$bdf" $SEED $ROUNDS
GUEST
	echo "--- hostile $name"
	tools/vm/run.sh --abi "$ABI" --script "$tmp/guest.sh" --boards 1 \
		--file build/emu/hostile:/plxvm/hostile --timeout 300 \
		--quiet --log "$log" --qemu-arg -d --qemu-arg guest_errors \
		--qemu-arg -D --qemu-arg "$qlog" "$@" 2>"$tmp/run.err"
	rc=$?
	grep -a -E '^(ok|not ok) - ' "$log" | sed "s/^\(ok\|not ok\) - /&$name: /"
	grep -v '^plxvm: /' "$tmp/run.err" | grep -v 'qemu-system-x86_64 ' || true
	line=$(grep -a -E '^hostile-guest: [0-9]+ passed, [0-9]+ failed' "$log" | tail -1)
	if [ -n "$line" ]; then
		p=$(echo "$line" | sed -E 's/.* ([0-9]+) passed, ([0-9]+) failed/\1/')
		f=$(echo "$line" | sed -E 's/.* ([0-9]+) passed, ([0-9]+) failed/\2/')
		pass=$((pass + p)) fail=$((fail + f))
	else
		echo "not ok - $name: the guest program never reported"
		fail=$((fail + 1))
	fi
	if [ $rc -eq 2 ] || [ $rc -eq 124 ]; then
		echo "not ok - $name: QEMU kept running and the guest finished (run.sh rc $rc)"
		fail=$((fail + 1))
	else
		echo "ok - $name: QEMU kept running and the guest finished"
		pass=$((pass + 1))
	fi
	n=$(grep -c 'plx9656' "$qlog" 2>/dev/null)
	# keep the head only: the hostile guest makes it large
	[ -f "$qlog" ] && sed -i '2001,$d' "$qlog"
	if [ "${n:-0}" -gt 0 ]; then
		echo "ok - $name: QEMU logged the guest's mistakes (LOG_GUEST_ERROR: $n lines)"
		pass=$((pass + 1))
	else
		echo "not ok - $name: QEMU logged the guest's mistakes (-d guest_errors)"
		fail=$((fail + 1))
	fi
	n=$(grep -a -c -E 'DMAR: \[DMA (Read|Write)' "$log")
	if [ "${n:-0}" -gt 0 ]; then
		echo "ok - $name: the kernel's IOMMU reported the board's DMA faults ($n)"
		pass=$((pass + 1))
	else
		echo "not ok - $name: the kernel's IOMMU reported the board's DMA faults"
		fail=$((fail + 1))
	fi
	if [ $rc -eq 3 ]; then
		echo "not ok - $name: guest kernel log clean (run.sh rc 3)"
		fail=$((fail + 1))
	else
		echo "ok - $name: guest kernel log clean"
		pass=$((pass + 1))
	fi
}

# Behind a VT-d IOMMU the unbound board's DMA faults: DMAR fault reports
# are expected there (and only those are excused).
vm iommu --iommu --allow 'DMAR: DRHD: handling fault|DMAR: \[DMA (Read|Write)'

echo "hostile: $pass passed, $fail failed"
[ $fail -eq 0 ]
