#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Guest side of `make smoke` (busybox ash, no driver loaded): what the
# Linux kernel made of the boards. Expectations come from /plxvm/expect:
# one line per board, "<device-id-hex> <qom-id> [<subsystem vendor:device>]",
# e.g. "9601 plx0" (subsystem 0x10b5:0x9601). For each expected board it
# checks what Linux enumerated under /sys/bus/pci/devices: the function
# exists, class 0x068000, the subsystem IDs, the resources the kernel
# assigned (0x200 MEM, 0x100 IO, 0x20000 MEM x2, no BAR4/5), interrupt pin
# A, and that the memory the kernel assigned reaches the board (the
# hard-wired PCIHIDR through BAR0, SRAM through BAR2 and BAR3). Then the
# total number of PLX functions and the runner's host qom-set channel
# (accepted and rejected property changes), which other VM tests use.
# The device itself (configuration space, capabilities, register reset
# values and access types, SRAM widths, DMA, interrupts, faults) is
# tested from the host without a guest: emu/qtest/plx9656-test.c.
# Prints TAP (smoke.sh puts tools/tap/tap.sh in front of this file): one test
# point per case, the plan at the end; exit status 0 only when nothing
# failed. smoke.sh relays the points as its own.

ok()  { tap_ok "$@"; }
nok() { tap_not_ok "$@"; }
check() { # description, then a command
	d=$1; shift
	if "$@"; then ok "$d"; else nok "$d"; fi
}

# resource line N of a device: "start end flags" -> "size type"
res() { # dev bar
	sed -n "$(($2 + 1))p" "$1/resource" | {
		read -r s e f
		s=$((s)); e=$((e)); f=$((f))
		if [ $s -eq 0 ] && [ $e -eq 0 ]; then echo "0 none"; return; fi
		t=other
		[ $((f & 0x100)) -ne 0 ] && t=io
		[ $((f & 0x200)) -ne 0 ] && t=mem
		printf '0x%x %s %s\n' $((e - s + 1)) $t $(printf '0x%x' $s)
	}
}
cfgbyte() { # dev offset -> decimal
	dd if="$1/config" bs=1 skip="$2" count=1 2>/dev/null | od -An -tu1 | tr -d ' '
}
bar_is() { # dev bar size type
	set -- "$1" "$2" "$3" "$4" "$(res "$1" "$2")"
	case "$5" in "$3 $4 "*) return 0 ;; esac
	echo "  BAR$2: got '$5', want '$3 $4'"
	return 1
}
eq() { [ "$1" = "$2" ] || { echo "  got '$1', want '$2'"; return 1; }; }

nboards=0
while read -r id qid sub; do
	[ -n "$id" ] || continue
	[ -n "$sub" ] || sub=0x10b5:0x$id
	nboards=$((nboards + 1))
	dev=
	for d in /sys/bus/pci/devices/*; do
		[ "$(cat "$d/vendor")" = 0x10b5 ] && [ "$(cat "$d/device")" = "0x$id" ] &&
			{ dev=$d; break; }
	done
	if [ -z "$dev" ]; then
		nok "$qid: PCI function 10b5:$id present"
		continue
	fi
	ok "$qid: PCI function 10b5:$id present at ${dev##*/}"
	check "$qid: class 0x068000" eq "$(cat "$dev/class")" 0x068000
	check "$qid: subsystem $sub" eq \
		"$(cat "$dev/subsystem_vendor"):$(cat "$dev/subsystem_device")" "$sub"
	check "$qid: BAR0 0x200 memory" bar_is "$dev" 0 0x200 mem
	check "$qid: BAR1 0x100 I/O" bar_is "$dev" 1 0x100 io
	check "$qid: BAR2 0x20000 memory" bar_is "$dev" 2 0x20000 mem
	check "$qid: BAR3 0x20000 memory" bar_is "$dev" 3 0x20000 mem
	check "$qid: no BAR4/BAR5" eq "$(res "$dev" 4)$(res "$dev" 5)" "0 none0 none"
	check "$qid: interrupt pin A (config 0x3D = 1)" eq "$(cfgbyte "$dev" 61)" 1
	case $id in
	5601|9056) hid=0x905610B5 ;;
	*) hid=0x965610B5 ;;
	esac

	# The assigned addresses reach the board (decoding on; no mastering).
	echo 1 > "$dev/enable" 2>/dev/null
	b0=$(res "$dev" 0 | cut -d' ' -f3)
	b2=$(res "$dev" 2 | cut -d' ' -f3)
	b3=$(res "$dev" 3 | cut -d' ' -f3)
	check "$qid: PCIHIDR (BAR0+0x70) = $hid (hard-wired chip ID)" eq \
		"$(devmem $((b0 + 0x70)) 32)" "$hid"
	devmem $((b2 + 0x100)) 32 0x5a5aa5a5
	devmem $((b2 + 0x104)) 32 0x0123abcd
	check "$qid: SRAM write/read through BAR2" eq \
		"$(devmem $((b2 + 0x100)) 32):$(devmem $((b2 + 0x104)) 32)" \
		"0x5A5AA5A5:0x0123ABCD"
	check "$qid: BAR3 sees the same SRAM" eq "$(devmem $((b3 + 0x100)) 32)" 0x5A5AA5A5
	echo 0 > "$dev/enable" 2>/dev/null
done < /plxvm/expect

n=$(plxvm-bdfs | wc -l)
check "$nboards PLX function(s) enumerated" eq "$n" "$nboards"

# Host qom-set channel (used by tests that stall/unstall a board).
check "qom-set plx0 stall 1 accepted" plxvm-qom-set /machine/peripheral/plx0 stall 1
check "qom-set plx0 stall 0 accepted" plxvm-qom-set /machine/peripheral/plx0 stall 0
check "qom-set plx0 master-abort-mask 2 accepted" \
	plxvm-qom-set /machine/peripheral/plx0 master-abort-mask 2
check "qom-set plx0 master-abort-mask 0 accepted" \
	plxvm-qom-set /machine/peripheral/plx0 master-abort-mask 0
check "qom-set plx0 lint true accepted" plxvm-qom-set /machine/peripheral/plx0 lint true
check "qom-set plx0 lint false accepted" plxvm-qom-set /machine/peripheral/plx0 lint false
if plxvm-qom-set /machine/peripheral/plx0 no-such-prop 1 2>/dev/null; then
	nok "qom-set of an unknown property rejected"
else
	ok "qom-set of an unknown property rejected"
fi
if plxvm-qom-set /machine/peripheral/plx0 master-abort-mask 4 2>/dev/null; then
	nok "qom-set master-abort-mask 4 (no channel 2) rejected"
else
	ok "qom-set master-abort-mask 4 (no channel 2) rejected"
fi

tap_done smoke-guest
