# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=sh
# make run: show a newcomer the driver at work on one emulated board.
# Lines for the newcomer start with "DEMO|" (run-demo.sh prints those).
say() { echo "DEMO| $*"; }

bdf=$(plxvm-bdfs | head -n 1)
if [ -z "$bdf" ]; then
	say "no PLX board found on the PCI bus"
	exit 1
fi
d=/sys/bus/pci/devices/$bdf
say ""
say "1. The board on the PCI bus (what lspci -nn would say):"
say "   $bdf class $(cut -c3-6 "$d/class") [$(cut -c3-8 "$d/class")]:" \
    "PLX Technology [$(cut -c3- "$d/vendor"):$(cut -c3- "$d/device")]" \
    "(rev $(cut -c3- "$d/revision")), subsystem" \
    "$(cut -c3- "$d/subsystem_vendor"):$(cut -c3- "$d/subsystem_device")"
say "   BARs (from $d/resource):"
i=0
while read -r start end flags; do
	if [ $i -le 5 ] && [ "$start" != 0x0000000000000000 ]; then
		size=$(( end - start + 1 ))
		if [ $(( flags & 0x100 )) -ne 0 ]; then kind=I/O; else kind=memory; fi
		case $i in
		0) what="registers (PLX runtime/DMA block)" ;;
		1) what="the same registers in I/O space (unused)" ;;
		2) what="local space 0 = the 128 KiB SRAM" ;;
		3) what="local space 1 (unused)" ;;
		*) what="" ;;
		esac
		say "     BAR$i $kind at $start, $size bytes: $what"
	fi
	i=$((i + 1))
done < "$d/resource"
say "   interrupt: INTA#, IRQ $(cat "$d/irq") (shared, no MSI on a PCI 9656)"
say ""
say "2. Load the shim and the driver (modprobe by the board's PCI alias):"
say "   modprobe $(cat "$d/modalias")"
modprobe "$(cat "$d/modalias")" || { say "modprobe failed"; exit 1; }
i=0
while [ ! -e /dev/plx9x5x0 ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
say "   modules: $(grep -E '^(wdfshim|plx9x5x) ' /proc/modules | cut -d' ' -f1 | tr '\n' ' ')"
say "   node: $(ls -l /dev/plx9x5x0 | awk '{print $1, $3, $4, $NF}')"
say "   the driver's kernel messages:"
dmesg | grep -E 'plx9x5x|wdfshim' | grep -v taint | sed 's/^/DEMO|     /'
say ""
say "3. A 128 KiB loopback with ordinary tools: write random data to the"
say "   board's SRAM (DMA channel 0), read it back (channel 1), compare."
dd if=/dev/urandom of=/tmp/out bs=131072 count=1 2>/dev/null
dd if=/tmp/out of=/dev/plx9x5x0 bs=131072 2>/dev/null
dd if=/dev/plx9x5x0 of=/tmp/in bs=131072 count=1 2>/dev/null
if cmp -s /tmp/out /tmp/in; then
	say "   $(md5sum < /tmp/out | cut -c1-32) written"
	say "   $(md5sum < /tmp/in | cut -c1-32) read back: identical, loopback verified"
	ok=0
else
	say "   the data read back differ: loopback FAILED"
	ok=1
fi
say ""
say "4. Throughput (plxtest --tests bench; TCG emulation, not a real bus):"
/plxvm/plxtest --tests bench | grep throughput | sed 's/^/DEMO|   /'
say ""
say "5. The board's counters in sysfs ($d/):"
for c in bytes_written bytes_read requests interrupts errors timeouts; do
	say "   $(printf '%-14s' "$c") $(cat "$d/$c" 2>/dev/null || echo '?')"
done
say ""
say "6. Unload: modprobe -r plx9x5x wdfshim"
modprobe -r plx9x5x wdfshim && say "   done, node gone: $(ls /dev/plx9x5x* 2>/dev/null || echo yes)"
exit $ok
