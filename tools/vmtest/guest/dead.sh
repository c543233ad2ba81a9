# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=sh
# The board stops answering: its memory decoding is switched off in the
# PCI command register while a transfer is stalled on it (QEMU then reads
# 0 from its registers, so Done never comes and an abort cannot complete).
# Every transfer must still end (ETIMEDOUT) and nothing may hang; after
# decoding is back on, unbind (soft reset at D3Final), rebind and a
# loopback work. (Reads of all ones - INTCSR 0xFFFFFFFF, the "device gone"
# path with ENODEV - cannot be produced this way.)
board=/machine/peripheral/plx0
bdf=$(plxvm-bdfs | head -n 1)
cfg=/sys/bus/pci/devices/$bdf/config
cmd_get() { dd if=$cfg bs=1 skip=4 count=2 2>/dev/null | od -An -tu2 | tr -d ' '; }
cmd_set() { # value
	printf "$(printf '\\%03o\\%03o' $(($1 & 255)) $(($1 >> 8)))" |
		dd of=$cfg bs=1 seek=4 count=2 conv=notrunc 2>/dev/null
}
load_modules
check_node 0
check "stall the board" plxvm-qom-set $board stall 3
cmd=$(cmd_get)
bg_start gone dd if=/dev/zero of=/dev/plx9x5x0 bs=4096 count=1
sleep 0.3
check "memory decoding off (command $cmd -> $((cmd & ~2)))" cmd_set $((cmd & ~2))
bg_end gone
check_dd_errno "the transfer in flight ended with ETIMEDOUT" gone ETIMEDOUT
t0=$(cut -d. -f1 /proc/uptime)
dd if=/dev/plx9x5x0 of=/dev/null bs=512 count=1 > /tmp/gone2.out 2>&1
r=$?
t1=$(cut -d. -f1 /proc/uptime)
sed 's/^/  dd| /' /tmp/gone2.out
check "a new read ends with ETIMEDOUT too (rc $r, $((t1 - t0)) s)" \
	sh -c "[ $r -ne 0 ] && grep -q 'timed out' /tmp/gone2.out && [ $((t1 - t0)) -le 5 ]"
check "memory decoding back on" cmd_set "$cmd"
check "unbind" sh -c "echo $bdf > /sys/bus/pci/drivers/plx9x5x/unbind"
check "lift the stall" plxvm-qom-set $board stall 0
check "bind" sh -c "echo $bdf > /sys/bus/pci/drivers/plx9x5x/bind"
check_node 0
run_plxtest "loopback after rebind" --tests loopback
unload_modules
finish
