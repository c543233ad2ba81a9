# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=sh
#
# Guest side, shared by guest.sh (make bench) and profile-guest.sh (make
# bench BENCH_ARGS=--profile); tools/bench/bench.sh puts it after
# tools/vmtest/guest-lib.sh and before either. The VM has 2*NB boards: the
# first NB are bound to plx9x5x, the last NB to the native reference driver
# plxnat (driver_override, set before any driver loads). Sets PLX_BDFS and
# NAT_BDFS (space-separated) and defines node_of.

# shellcheck disable=SC2046
set -- $(plxvm-bdfs)
check "$((2 * NB)) PLX boards present ($#)" [ $# -eq $((2 * NB)) ]
i=0
PLX_BDFS='' NAT_BDFS=''
for bdf in "$@"; do
	if [ $i -lt "$NB" ]; then
		PLX_BDFS="$PLX_BDFS $bdf"
	else
		NAT_BDFS="$NAT_BDFS $bdf"
		echo plxnat > "/sys/bus/pci/devices/$bdf/driver_override"
	fi
	i=$((i + 1))
done

check "insmod plxnat.ko" insmod "$MODDIR/plxnat.ko"
for bdf in $NAT_BDFS; do
	echo "$bdf" > /sys/bus/pci/drivers_probe
done
load_modules

# /dev node of the board at $1 (plx9x5xN or plxnatN)
node_of() {
	for d in /sys/class/*/plx9x5x* /sys/class/misc/plxnat*; do
		[ -e "$d/device" ] || continue
		[ "$(basename "$(readlink -f "$d/device")")" = "$1" ] &&
			{ echo "/dev/$(basename "$d")"; return 0; }
	done
	return 1
}
