# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=sh
# Issue 9, defect 9: a board whose interrupt line the platform did not
# route for it must not bind (and time out every transfer later). Run on
# the pc machine with "acpi=noirq noapic": the kernel routes INTx through
# the BIOS's $PIR table in PIC mode, registers nothing (irq_managed stays
# clear) and pci_dev->irq is the Interrupt Line register - the same state
# as the sanitizer kernel's failed _PRT lookup ("PCI INT A: no GSI").
# Probe fails with ENODEV and a message naming the board; no node. With
# wdfshim.legacy_intx=1 the line is accepted; on this machine the PIIX
# router really routes it, so loopback passes. The sanitizer suite runs
# this script on the pc machine without those options (san-noirq): there
# the _PRT lookup times out and the board gets no GSI, the found case;
# its stale line is not routed, so the legacy_intx part is skipped.
# Whether that lookup times out depends on how fast TCG runs the AML
# against ACPICA's 30 s limit in guest time (it did at 55 s on a loaded
# host, and finished in time in another run): when the kernel did route
# the pin (no "no GSI" line for the board), the board must instead bind
# and work, which is checked; the branch taken is printed.
load_modules
bdf=$(plxvm-bdfs | head -n 1)
echo "  board $bdf: irq $(cat /sys/bus/pci/devices/$bdf/irq)"
if ! grep -q 'acpi=noirq' /proc/cmdline &&
   ! dmesg | grep -q "$bdf: PCI INT A: no GSI"; then
	tap_diag "the platform routed the pin this time (no 'no GSI' for $bdf): the board must bind and work"
	check_node 0
	run_plxtest "loopback on the routed line" --tests loopback
	unload_modules
	finish
	exit
fi
if wait_for /dev/plx9x5x0 3; then
	fail "/dev/plx9x5x0 appeared for a board without a routed interrupt"
else
	pass "no /dev/plx9x5x0"
fi
check "the board is not bound" test ! -e /sys/bus/pci/devices/$bdf/driver
check "probe said why, naming the board" \
	sh -c "dmesg | grep -q '$bdf: wdfshim: no usable interrupt: the platform did not route its pin'"
# The bind enables the device again, and the kernel looks the pin up
# again: on the sanitizer kernel that second _PRT lookup may finish in
# time. Refused when this attempt also found no route, bound and working
# when it did.
nogsi() { dmesg | grep -c "$bdf: PCI INT A: no GSI"; }
g0=$(nogsi)
sh -c "echo $bdf > /sys/bus/pci/drivers/plx9x5x/bind" 2> /tmp/bind.err
r=$?
sed 's/^/  bind| /' /tmp/bind.err
if grep -q 'acpi=noirq' /proc/cmdline || [ "$(nogsi)" -gt "$g0" ]; then
	check "an explicit bind fails with ENODEV (rc $r)" \
		sh -c "[ $r -ne 0 ] && grep -q 'No such device' /tmp/bind.err"
else
	tap_diag "the platform routed the pin on the explicit bind: the board must bind and work"
	check "the explicit bind succeeded (rc $r)" [ $r -eq 0 ]
	check_node 0
	run_plxtest "loopback on the routed line" --tests loopback
fi
unload_modules
if ! grep -q 'acpi=noirq' /proc/cmdline; then
	finish
	exit
fi

check "insmod wdfshim.ko legacy_intx=1" insmod "$MODDIR/wdfshim.ko" legacy_intx=1
check "insmod plx9x5x.ko" insmod "$MODDIR/plx9x5x.ko"
check_node 0
run_plxtest "loopback on the accepted legacy line" --tests loopback
unload_modules
finish
