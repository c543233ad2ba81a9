# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=sh
# Two boards: two nodes, both loop data at the same time, separate counters.
n=$(plxvm-bdfs 10b5:9601 | wc -l)
check "two PLX boards present ($n)" [ "$n" -eq 2 ]
load_modules
check_node 0
check_node 1
bg_start plxtest0 "$PLXTEST" -d /dev/plx9x5x0 --time 1500 --tests loopback,duplex,sysfs
bg_start plxtest1 "$PLXTEST" -d /dev/plx9x5x1 --time 1500 --tests loopback,duplex,sysfs
bg_end plxtest0 plxtest1
check_bg_ok "board 0 concurrently" plxtest0
check_bg_ok "board 1 concurrently" plxtest1
# Counters are per board: each saw its own traffic.
d0=$(readlink -f /sys/dev/char/$(stat -c '%t:%T' /dev/plx9x5x0 |
	awk -F: '{printf "%d:%d", "0x"$1, "0x"$2}')/device)
d1=$(readlink -f /sys/dev/char/$(stat -c '%t:%T' /dev/plx9x5x1 |
	awk -F: '{printf "%d:%d", "0x"$1, "0x"$2}')/device)
check "nodes belong to different PCI functions ($d0, $d1)" [ "$d0" != "$d1" ]
unload_modules
finish
