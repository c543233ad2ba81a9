# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=sh
# One board: insmod, the node, the whole plxtest, rmmod; then autoload by
# the PCI alias, unbind/rebind through sysfs, loopback, modprobe -r.
bdf=$(plxvm-bdfs 10b5:9601 | head -n 1)
check "PLX board present (${bdf:-none})" [ -n "$bdf" ]

load_modules
check_node 0
check "driver bound to $bdf" [ -e "/sys/bus/pci/drivers/plx9x5x/$bdf" ]
run_plxtest "plxtest (all tests, 2 s duplex, bench)" --time 2000 --bench
unload_modules
check "node removed by rmmod" wait_gone /dev/plx9x5x0 5

alias=$(cat "/sys/bus/pci/devices/$bdf/modalias")
check "modprobe by PCI alias $alias" modprobe "$alias"
check "wdfshim loaded as a dependency" grep -q '^wdfshim ' /proc/modules
check_node 0
check "unbind through sysfs" \
	sh -c "echo $bdf > /sys/bus/pci/drivers/plx9x5x/unbind"
check "node removed by unbind" wait_gone /dev/plx9x5x0 5
check "bind through sysfs" \
	sh -c "echo $bdf > /sys/bus/pci/drivers/plx9x5x/bind"
check_node 0
run_plxtest "loopback after rebind" --tests loopback
check "modprobe -r plx9x5x wdfshim" modprobe -r plx9x5x wdfshim
check "no module left" sh -c '! grep -qE "^(plx9x5x|wdfshim) " /proc/modules'

# chain_bytes: the sample's 8 KiB chains (16 interrupts per 128 KiB, E2BIG
# above 8 KiB in single-transfer mode); a bad value refuses the load.
load_modules chain_bytes=8192
check "chain_bytes=8192 in sysfs" \
	grep -qx 8192 /sys/module/plx9x5x/parameters/chain_bytes
check_node 0
run_plxtest "plxtest with chain_bytes=8192" --tests single,sysfs
check "rmmod plx9x5x" rmmod plx9x5x
for v in 1000 262144 x; do
	check "insmod plx9x5x.ko chain_bytes=$v refused" \
		sh -c "! insmod $MODDIR/plx9x5x.ko chain_bytes=$v"
	check "chain_bytes=$v: the log says why" \
		sh -c "dmesg | grep -q 'plx9x5x: chain_bytes=$v'"
done
check "no plx9x5x module after the refused loads" \
	sh -c '! grep -q "^plx9x5x " /proc/modules'
check "rmmod wdfshim" rmmod wdfshim
finish
