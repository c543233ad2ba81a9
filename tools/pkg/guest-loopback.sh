# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=sh
#
# Guest side of the packaging boots (busybox ash), put in front of a guest
# script by tools/pkg/vm-loopback.sh (alone) and tools/matrix/matrix.sh
# (followed by the vmtest basics, in the same boot). Defines
#
#   plx_loopback: "modprobe" the first PLX board's PCI modalias (depmod's
#   modules.alias resolves it to plx9x5x, modules.dep pulls in wdfshim),
#   check both modules are live and bound, run "plxtest -T loopback" on
#   /dev/plx9x5x0 (/plxvm/plxtest; without it, a dd write/read/cmp of the
#   board's SRAM), then modprobe -r both. Prints "GUEST: ..." progress,
#   plxtest's output as "# plxtest| ..." (so its "ok N" lines are not
#   mistaken for the script's own TAP), and last "GUEST-RESULT: <summary>"
#   or "GUEST-FAIL: <why>". Returns 0 when everything passed; leaves no
#   module loaded when it returns 0.

plx_loopback() {
	bdf=$(plxvm-bdfs | head -n 1)
	[ -n "$bdf" ] || { echo "GUEST-FAIL: no PLX board on the PCI bus"; return 1; }
	alias=$(cat "/sys/bus/pci/devices/$bdf/modalias")
	echo "GUEST: board $bdf, modalias $alias"
	modprobe "$alias" || { echo "GUEST-FAIL: modprobe $alias"; return 1; }
	for m in wdfshim plx9x5x; do
		[ -d "/sys/module/$m" ] || { echo "GUEST-FAIL: $m not loaded"; return 1; }
	done
	drv=$(basename "$(readlink "/sys/bus/pci/devices/$bdf/driver")")
	[ "$drv" = plx9x5x ] || { echo "GUEST-FAIL: board bound to '$drv'"; return 1; }
	echo "GUEST: loaded wdfshim $(cat /sys/module/wdfshim/version 2>/dev/null)" \
		"plx9x5x $(cat /sys/module/plx9x5x/version 2>/dev/null), bound to $drv"
	i=0
	while [ ! -c /dev/plx9x5x0 ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	[ -c /dev/plx9x5x0 ] || { echo "GUEST-FAIL: no /dev/plx9x5x0"; return 1; }
	if [ -x /plxvm/plxtest ]; then
		/plxvm/plxtest -d /dev/plx9x5x0 -T loopback > /tmp/plxtest.out 2>&1
		rc=$?
		sed 's/^/# plxtest| /' /tmp/plxtest.out
		res="plxtest loopback: $(tail -n 1 /tmp/plxtest.out | sed 's/^# //')"
	else
		dd if=/dev/urandom of=/tmp/a bs=4096 count=32 2>/dev/null
		dd if=/tmp/a of=/dev/plx9x5x0 bs=131072 count=1 2>/dev/null &&
		dd if=/dev/plx9x5x0 of=/tmp/b bs=131072 count=1 2>/dev/null &&
		cmp /tmp/a /tmp/b
		rc=$?
		res="dd loopback of 128 KiB: rc $rc"
	fi
	modprobe -r plx9x5x wdfshim || { echo "GUEST-FAIL: modprobe -r"; rc=1; }
	echo "GUEST-RESULT: $res"
	return $rc
}
