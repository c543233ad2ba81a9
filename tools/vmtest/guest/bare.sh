# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=sh
# A bare PCI 9656 (10b5:9656): no autoload alias, no binding by default;
# bare_chip_ids=1 binds it.
bdf=$(plxvm-bdfs 10b5:9656 | head -n 1)
check "bare 10b5:9656 present (${bdf:-none})" [ -n "$bdf" ]
check "no module alias for 10b5:9656" \
	sh -c "! grep -qi 'v000010B5d00009656' /lib/modules/$(uname -r)/modules.alias"
check "alias for 10b5:9601 exists" \
	grep -qi 'v000010B5d00009601' "/lib/modules/$(uname -r)/modules.alias"
load_modules
sleep 1
check "default: not bound" [ ! -e /dev/plx9x5x0 ]
check "rmmod plx9x5x" rmmod plx9x5x
check "insmod plx9x5x.ko bare_chip_ids=1" \
	insmod "$MODDIR/plx9x5x.ko" bare_chip_ids=1
check_node 0
check "parameter reads back Y" \
	grep -q Y /sys/module/plx9x5x/parameters/bare_chip_ids
run_plxtest "loopback on the bare chip" --tests loopback
unload_modules
finish
