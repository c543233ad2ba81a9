#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# `make hostile`: a hostile guest against an emulated PLX 9656 board.
# Builds emu/guest/hostile.c statically (gcc -static), boots Debian's 6.1
# kernel (K61) with one board and runs it: random writes at every BAR0
# offset and width, garbage DMA and chains, soft reset, then the board must
# still work (see hostile.c). Two VMs: `-machine pc` (no IOMMU: the program
# checks real transfers at physical addresses from /proc/self/pagemap), and
# q35 + intel-iommu (every DMA of the unbound board faults in the IOMMU;
# the transfer checks are skipped, DMAR fault lines are excused). Cases:
# the guest's own, plus per VM: QEMU survived and the guest reported its
# rc, QEMU logged guest errors (-d guest_errors), the kernel log is clean.
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

vm() { # name hostile-mode run.sh-args...
	local name=$1 mode=$2 log qlog rc line p f n
	shift 2
	log=$logdir/hostile-$name.serial.log
	qlog=$logdir/hostile-$name.qemu.log
	rm -f "$qlog"
	cat > "$tmp/guest.sh" <<GUEST
# SPDX-License-Identifier: GPL-2.0-only
bdf=\$(plxvm-bdfs 10b5:9601 | head -1)
[ -n "\$bdf" ] || { echo "no 10b5:9601 function"; exit 1; }
PLX_QOM_PATH=/machine/peripheral/plx0 /plxvm/hostile "\$bdf" $SEED $ROUNDS $mode
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
	if [ $rc -eq 3 ]; then
		echo "not ok - $name: guest kernel log clean (run.sh rc 3)"
		fail=$((fail + 1))
	else
		echo "ok - $name: guest kernel log clean"
		pass=$((pass + 1))
	fi
}

# Physical addresses: no IOMMU.
vm pc "" --machine pc
# Behind a VT-d IOMMU the unbound board's DMA faults: DMAR fault reports
# are expected there (and only those are excused).
vm iommu iommu --iommu --allow 'DMAR: DRHD: handling fault|DMAR: \[DMA (Read|Write)'

echo "hostile: $pass passed, $fail failed"
[ $fail -eq 0 ]
