# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=sh
# PCI master aborts as the chip reports them (PCI Status 13, INTCSR 14,
# INTCSR 25/26 reading 0 for the channel that saw it), switched at run
# time through the board's master-abort-mask / master-abort properties:
# - one channel aborts while the other runs: only the aborting channel's
#   transfers fail (EIO), the other's succeed (reads verified), PCI Status
#   and INTCSR 14 end clear, INTCSR 27:24 read 1 again;
# - then both channels abort (every transfer EIO), and the board recovers.
board=/machine/peripheral/plx0

# abort_left WHAT: PCI Status 13:11 clear (configuration space), INTCSR 14
# clear and 27:24 all 1 (INTCSR read through the I/O BAR1 alias at 0x68).
abort_left() {
	dev=/sys/bus/pci/devices/$bdf
	st=$(od -An -tx2 -j6 -N2 "$dev/config" | tr -d ' ')
	ic=$(dd if="$dev/resource1" bs=4 skip=26 count=1 2>/dev/null |
	     od -An -tx4 | tr -d ' ')
	if [ -z "$st" ] || [ -z "$ic" ]; then
		fail "$1: cannot read PCI Status ('$st') or INTCSR ('$ic')"
		return
	fi
	if [ $((0x$st & 0x3800)) -ne 0 ]; then
		fail "$1: PCI Status 0x$st still has abort bits"
	elif [ $((0x$ic & 0x4000)) -ne 0 ] ||
	     [ $((0x$ic & 0x0f000000)) -ne $((0x0f000000)) ]; then
		fail "$1: INTCSR 0x$ic: bit 14 set or bits 27:24 not all 1"
	else
		pass "$1: PCI Status 0x$st, INTCSR 0x$ic: no abort left"
	fi
}

load_modules
check_node 0
bdf=$(plxvm-bdfs | head -n 1)
run_plxtest "loopback before" --tests loopback
abort_left "before"
run_plxtest "fill the SRAM" --tests fill

check "channel 0 master-aborts (master-abort-mask 1)" \
	plxvm-qom-set $board master-abort-mask 1
run_plxtest "write channel aborts: writes EIO, reads run and verify" \
	--tests eio-write
abort_left "after the write-channel aborts"
check "channel 1 master-aborts (master-abort-mask 2)" \
	plxvm-qom-set $board master-abort-mask 2
run_plxtest "read channel aborts: reads EIO, writes run" --tests eio-read
abort_left "after the read-channel aborts"
check "no channel aborts (master-abort-mask 0)" \
	plxvm-qom-set $board master-abort-mask 0
run_plxtest "the writes made during the read aborts are intact" \
	--tests upper
run_plxtest "loopback after (both channels work again)" --tests loopback

check "both channels master-abort (master-abort on)" \
	plxvm-qom-set $board master-abort on
run_plxtest "master aborts give EIO" --tests eio
check "master-abort off" plxvm-qom-set $board master-abort off
run_plxtest "recovered after the aborts" --recover 10
run_plxtest "loopback after" --tests loopback
abort_left "at the end"
unload_modules
finish
