# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=sh
# Two boards: two nodes, both loop data at the same time, separate counters.
n=$(plxvm-bdfs 10b5:9601 | wc -l)
check "two PLX boards present ($n)" [ "$n" -eq 2 ]
load_modules
check_node 0
check_node 1
"$PLXTEST" -d /dev/plx9x5x0 --time 1500 --tests loopback,duplex,sysfs \
	> /tmp/p0.out 2>&1 &
p0=$!
"$PLXTEST" -d /dev/plx9x5x1 --time 1500 --tests loopback,duplex,sysfs \
	> /tmp/p1.out 2>&1 &
p1=$!
wait $p0; r0=$?
wait $p1; r1=$?
sed 's/^/  plxtest0| /' /tmp/p0.out
sed 's/^/  plxtest1| /' /tmp/p1.out
check "board 0 concurrently: $(tail -n 1 /tmp/p0.out)" [ $r0 -eq 0 ]
check "board 1 concurrently: $(tail -n 1 /tmp/p1.out)" [ $r1 -eq 0 ]
# Counters are per board: each saw its own traffic.
d0=$(readlink -f /sys/dev/char/$(stat -c '%t:%T' /dev/plx9x5x0 |
	awk -F: '{printf "%d:%d", "0x"$1, "0x"$2}')/device)
d1=$(readlink -f /sys/dev/char/$(stat -c '%t:%T' /dev/plx9x5x1 |
	awk -F: '{printf "%d:%d", "0x"$1, "0x"$2}')/device)
check "nodes belong to different PCI functions ($d0, $d1)" [ "$d0" != "$d1" ]
unload_modules
finish
