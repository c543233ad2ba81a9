# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=sh
# fail-nth (Documentation/fault-injection/fault-injection.rst): every
# allocation (slab, page, and copy_{to,from}_user) of open, read, write
# and the ioctls on /dev/plx9x5x0, of binding the board (probe) through
# sysfs, and of loading wdfshim.ko and plx9x5x.ko (module init)
# fails in turn (tools/sanitizer/plxfail.c): each call gives an error or
# succeeds. Then the board must still pass loopback, the modules unload,
# and finish() checks kmemleak, lockdep and the DMA-API checker.
PLXFAIL=/plxvm/plxfail
# a fault injected into the DMA-API checker's own allocation stops it
# shellcheck disable=SC2034 # read by finish() (tools/sanitizer/guest-lib.sh)
SAN_DMA_API_ENOMEM_OK=1
F=/sys/kernel/debug

# Fail sleeping allocations too, any order, highmem too; print nothing
# per injected fault (verbose 2 dumps a stack for each).
for a in failslab fail_page_alloc; do
	check "$a: fail sleeping allocations" \
		sh -c "echo N > $F/$a/ignore-gfp-wait"
done
check "fail_page_alloc: order 0 and highmem too" \
	sh -c "echo 0 > $F/fail_page_alloc/min-order &&
	       echo N > $F/fail_page_alloc/ignore-gfp-highmem"
for a in failslab fail_page_alloc fail_usercopy; do
	check "$a: quiet" sh -c "echo 0 > $F/$a/verbose"
done

# run_plxfail DESCRIPTION ARGS...: one check per plxfail run.
points=
run_plxfail() {
	d=$1
	shift
	"$PLXFAIL" "$@" > /tmp/plxfail.out 2>&1
	rc=$?
	grep -E '^(not ok|plxfail)' /tmp/plxfail.out | sed 's/^/  plxfail| /'
	p=$(sed -n 's/^plxfail .*: \([0-9]*\) injection points reached/\1/p' \
		/tmp/plxfail.out)
	points="$points $*=$p"
	if [ $rc -eq 0 ]; then
		pass "$d: $p injection points, $(tail -n 1 /tmp/plxfail.out)"
	else
		tail -n 5 /tmp/plxfail.out | sed 's/^/  plxfail| /'
		fail "$d: $(tail -n 1 /tmp/plxfail.out) (rc $rc)"
	fi
}

bdf=$(plxvm-bdfs 10b5:9601 | head -n 1)
check "PLX board present (${bdf:-none})" [ -n "$bdf" ]

# module loading: wdfshim's init, then plx9x5x's init alone (no automatic
# probe: the bind loop below fails each allocation of probe)
run_plxfail "fail-nth: load wdfshim.ko" load "$MODDIR/wdfshim.ko"
check "insmod wdfshim.ko" insmod "$MODDIR/wdfshim.ko"
check "PCI drivers_autoprobe off" \
	sh -c 'echo 0 > /sys/bus/pci/drivers_autoprobe'
run_plxfail "fail-nth: load plx9x5x.ko (module init)" load "$MODDIR/plx9x5x.ko"
check "PCI drivers_autoprobe on" \
	sh -c 'echo 1 > /sys/bus/pci/drivers_autoprobe'
check "insmod plx9x5x.ko" insmod "$MODDIR/plx9x5x.ko"
check_node 0

# probe through sysfs bind. The device is kept enabled from sysfs first,
# so the driver's pci_enable_device() only counts and the ACPI _PRT is not
# evaluated inside the loop: a failed allocation inside ACPICA's _PRT
# evaluation corrupts ACPICA's namespace object reference counts (KASAN
# slab-use-after-free in acpi_ns_get_attached_object at the next
# pci_disable_device, object freed by acpi_rs_get_prt_method_data), a
# kernel bug outside the project that would end the run.
check "unbind $bdf to enable it from sysfs" \
	sh -c "echo $bdf > /sys/bus/pci/drivers/plx9x5x/unbind"
check "keep $bdf enabled (sysfs enable)" \
	sh -c "echo 1 > /sys/bus/pci/devices/$bdf/enable"
run_plxfail "fail-nth: bind $bdf (probe)" bind "$bdf"
check "bound after the bind loop" wait_for /dev/plx9x5x0 10

# the file operations
run_plxfail "fail-nth: open" open
run_plxfail "fail-nth: read 8192 (one chain)" read 8192
run_plxfail "fail-nth: read 131072 (the whole file)" read 131072
run_plxfail "fail-nth: write 8192" write 8192
run_plxfail "fail-nth: write 131072" write 131072
run_plxfail "fail-nth: ioctl GET_SINGLE_TRANSFER" ioctl-get
run_plxfail "fail-nth: ioctl TOGGLE_SINGLE_TRANSFER" ioctl-toggle
echo "guest: injection points reached:$points"

run_plxtest "loopback after the injected failures" --tests loopback
unload_modules
check "node removed by rmmod" wait_gone /dev/plx9x5x0 5
finish
