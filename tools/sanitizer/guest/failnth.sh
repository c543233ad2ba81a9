# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=sh
# fail-nth (Documentation/fault-injection/fault-injection.rst): every
# allocation (slab, page, and copy_{to,from}_user) of open, read, write
# and the ioctls on /dev/plx9x5x0, of binding the board (probe) through
# sysfs, and of loading wdfshim.ko and plx9x5x.ko (module init, probe)
# fails in turn (tools/sanitizer/plxfail.c): each call gives an error or
# succeeds. Then the board must still pass loopback, the modules unload,
# and finish() checks kmemleak, lockdep and the DMA-API checker.
PLXFAIL=/plxvm/plxfail
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
	grep -E '^(FAIL|plxfail)' /tmp/plxfail.out | sed 's/^/  plxfail| /'
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

# module loading: wdfshim's init, then plx9x5x's init and probe
run_plxfail "fail-nth: load wdfshim.ko" load "$MODDIR/wdfshim.ko"
check "insmod wdfshim.ko" insmod "$MODDIR/wdfshim.ko"
run_plxfail "fail-nth: load plx9x5x.ko (init, probe)" load "$MODDIR/plx9x5x.ko"
check "insmod plx9x5x.ko" insmod "$MODDIR/plx9x5x.ko"
check_node 0

# probe through sysfs bind
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
