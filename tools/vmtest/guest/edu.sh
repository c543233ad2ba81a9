# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=sh
# Two drivers on one shim: a PLX board and QEMU's edu device (samples/edu)
# in one guest. wdfshim.ko is loaded once, plx9x5x.ko and wdfedu.ko use it
# (its reference count says so), plxtest and edutest run at the same time
# and both pass (edu on MSI), edu passes again on INTx (msi=0), and the
# modules unload in either order. With an IOMMU,
# edutest must also find user pages above 256 MiB and move them through
# the 28-bit engine (IOVAs below the mask), byte for byte.
EDUTEST=/plxvm/edutest
refcnt() { cat "/sys/module/$1/refcnt" 2>/dev/null || echo none; }
high=
if ls /sys/class/iommu/ 2>/dev/null | grep -q .; then
	high=-H
fi
check "one PLX board present" [ "$(plxvm-bdfs | wc -l)" -eq 1 ]
check "an edu device (1234:11e8) present" \
	sh -c 'grep -qx 0x11e8 /sys/bus/pci/devices/*/device'

check "insmod wdfshim.ko" insmod "$MODDIR/wdfshim.ko"
check "insmod plx9x5x.ko" insmod "$MODDIR/plx9x5x.ko"
check "insmod wdfedu.ko" insmod "$MODDIR/wdfedu.ko"
check "edu uses MSI by default" sh -c 'dmesg | grep -q "edu: interrupt [0-9]*: MSI"'
check_node 0
check "/dev/edu0 appeared" wait_for /dev/edu0 10
check "wdfshim used by both drivers (refcnt $(refcnt wdfshim))" \
	[ "$(refcnt wdfshim)" = 2 ]
check "wdfshim cannot go while used" sh -c '! rmmod wdfshim 2>/dev/null'

bg_start plxtest "$PLXTEST" -d /dev/plx9x5x0 --time 1500 --tests loopback,duplex
# shellcheck disable=SC2086 # $high: no option or one
bg_start edutest "$EDUTEST" -d /dev/edu0 -t 1500 \
	-T dma,cb,fact,direct,parallel,badinput,high,hold $high
bg_end plxtest edutest
check_bg_ok "plxtest alongside edutest" plxtest
check_bg_ok "edutest alongside plxtest" edutest

# held requests at removal: one factorial held by the driver (EvtIoStop
# ends it), two waiting in its manual queue (drained); then bind again
edubdf=
for f in /sys/bus/pci/devices/*/device; do
	[ "$(cat "$f")" = 0x11e8 ] && { f=${f%/device}; edubdf=${f##*/}; }
done
"$EDUTEST" -d /dev/edu0 -T stop > /tmp/edu-stop.out 2>&1 &
p2=$!
wait_for_ready() {
	i=0
	while ! grep -q "stop: ready" /tmp/edu-stop.out && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	grep -q "stop: ready" /tmp/edu-stop.out
}
check "edutest holds three factorials" wait_for_ready
sleep 0.3
check "unbind edu ($edubdf) with held requests" \
	sh -c "echo $edubdf > /sys/bus/pci/drivers/edu/unbind"
wait $p2; r2=$?
sed 's/^/  edutest| /' /tmp/edu-stop.out
check "held requests ended by the removal: $(tail -n 1 /tmp/edu-stop.out)" [ $r2 -eq 0 ]
# DbgPrintEx in a device callback: the device's name, then the driver's
# own text (no "wdfshim: " in between).
check "EvtIoStop called for the held factorial" \
	sh -c "dmesg | grep -q '$edubdf: edu: EvtIoStop: factorial request, flags 0x10000002'"
check "bind edu again" sh -c "echo $edubdf > /sys/bus/pci/drivers/edu/bind"
check "/dev/edu0 back after bind" wait_for /dev/edu0 10
"$EDUTEST" -d /dev/edu0 -T fact,direct > /tmp/edu4.out 2>&1
check "edutest after rebind: $(tail -n 1 /tmp/edu4.out)" [ $? -eq 0 ]

# unload: edu first, then the PLX driver
check "rmmod wdfedu" rmmod wdfedu
check "wdfshim refcnt 1 after wdfedu went ($(refcnt wdfshim))" \
	[ "$(refcnt wdfshim)" = 1 ]
check "/dev/edu0 gone" wait_gone /dev/edu0 10
check "rmmod plx9x5x" rmmod plx9x5x
check "wdfshim refcnt 0 ($(refcnt wdfshim))" [ "$(refcnt wdfshim)" = 0 ]
check "rmmod wdfshim" rmmod wdfshim

# again, on INTx this time, unloading the other way round
check "insmod wdfshim.ko again" insmod "$MODDIR/wdfshim.ko"
check "insmod wdfedu.ko msi=0" insmod "$MODDIR/wdfedu.ko" msi=0
check "edu falls back to INTx with msi=0" \
	sh -c 'dmesg | grep -q "edu: interrupt [0-9]*: INTx"'
check "insmod plx9x5x.ko again" insmod "$MODDIR/plx9x5x.ko"
check "/dev/edu0 back" wait_for /dev/edu0 10
check "/dev/plx9x5x0 back" wait_for /dev/plx9x5x0 10
"$EDUTEST" -d /dev/edu0 -T dma,cb,fact > /tmp/edu2.out 2>&1
check "edutest on INTx: $(tail -n 1 /tmp/edu2.out)" [ $? -eq 0 ]
check "rmmod plx9x5x first" rmmod plx9x5x
check "wdfshim refcnt 1 after plx9x5x went ($(refcnt wdfshim))" \
	[ "$(refcnt wdfshim)" = 1 ]
"$EDUTEST" -d /dev/edu0 -T dma > /tmp/edu3.out 2>&1
check "edu still works without plx9x5x: $(tail -n 1 /tmp/edu3.out)" [ $? -eq 0 ]
check "rmmod wdfedu" rmmod wdfedu
check "rmmod wdfshim" rmmod wdfshim
dmesg | grep -E 'edu:|wdfedu' | sed 's/^/  dmesg| /'
finish
