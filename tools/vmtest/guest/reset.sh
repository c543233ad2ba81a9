# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=sh
# Issue 9 defect 8: a PCI function reset (sysfs "reset": the PM D3hot ->
# D0 reset of this board) while both DMA channels are busy (stalled) and a
# third reader waits in the read queue. The two running transfers end
# with EIO at once (D0ExitPreInterruptsDisabled through reset_prepare), the
# waiting one ends too (EAGAIN while the board is out of D0, or it runs
# after the reset); nothing hangs, the board serves I/O again after
# reset_done (loopback and duplex), twice over, and the kernel log has no
# "nobody cared" / disabled IRQ line (run.sh fails the run on those).
board=/machine/peripheral/plx0
load_modules
check_node 0
bdf=$(plxvm-bdfs | head -n 1)
sysfs=/sys/bus/pci/devices/$bdf
check "the function has a reset method ($(cat $sysfs/reset_method 2>/dev/null))" \
	test -w $sysfs/reset
run_plxtest "loopback before the reset" --tests loopback

reset_under_io() { # round
	req0=$(cat $sysfs/requests)
	err0=$(cat $sysfs/errors)
	busy_channels "$1"
	bg_start r2 dd if=/dev/plx9x5x0 of=/dev/null bs=100 count=1
	sleep 0.3
	req1=$(cat $sysfs/requests)
	check "both channels busy ($1: requests $req0 -> $req1)" \
		[ $((req1 - req0)) -eq 2 ]
	to0=$(cat $sysfs/timeouts)
	check "echo 1 > reset ($1)" sh -c "echo 1 > $sysfs/reset"
	bg_end w r
	check_busy_eio "$1"
	# the watchdog's count, not the wall time (TCG on a loaded host)
	to1=$(cat $sysfs/timeouts)
	check "no watchdog involved ($1: timeouts $to0 -> $to1)" [ "$to1" = "$to0" ]
	check "lift the stall ($1)" plxvm-qom-set $board stall 0
	bg_end r2
	sed 's/^/  dd-r2| /' /tmp/r2.out
	check "the queued reader ended: EAGAIN or data ($1, rc $bg_rc_r2)" \
		sh -c "[ $bg_rc_r2 -eq 0 ] || grep -q 'temporarily unavailable' /tmp/r2.out"
	err1=$(cat $sysfs/errors)
	check "errors counted ($1: $err0 -> $err1)" [ $((err1 - err0)) -ge 2 ]
	run_plxtest "loopback and duplex after the reset ($1)" --time 1000 \
		--tests loopback,duplex
}
reset_under_io 1
reset_under_io 2
check "reset of an idle board" sh -c "echo 1 > $sysfs/reset"
run_plxtest "loopback after an idle reset" --tests loopback
check "no unhandled-interrupt report, no IRQ line disabled" \
	sh -c "! dmesg | grep -qE 'nobody cared|Disabling IRQ'"
unload_modules
finish
