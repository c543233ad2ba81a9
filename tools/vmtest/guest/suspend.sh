# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=sh
# System sleep with pm_test=devices (the devices are suspended and resumed,
# the machine is not): D0Exit(D3) then D0Entry re-initialises the DMA
# registers; the board must work after each of two cycles, with the node
# kept open across them.
load_modules
check_node 0
run_plxtest "loopback before suspend" --tests loopback
exec 5<>/dev/plx9x5x0
for cycle in 1 2; do
	check "pm_test=devices" sh -c 'echo devices > /sys/power/pm_test'
	check "suspend/resume cycle $cycle (freeze)" \
		sh -c 'echo freeze > /sys/power/state'
	run_plxtest "loopback and duplex after resume $cycle" --time 800 \
		--tests loopback,duplex
done
exec 5>&-
dmesg | grep -iE 'PM: |suspend|resum' | tail -n 6 | sed 's/^/  dmesg| /'
unload_modules
finish
