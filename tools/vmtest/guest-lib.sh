# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=sh
#
# Helpers for the vmtest guest scripts (busybox ash). vmtest.sh puts
# tools/tap/tap.sh and this file in front of a scenario script; the result runs
# as /plxvm/test.sh in the guest (tools/vm/initramfs.sh). The script prints
# one TAP stream: every check is a test point ("ok N - ..." / "not ok N -
# ..."), other output should be "# " diagnostics; finish() prints the plan
# and "# guest: N passed, N failed" and returns the exit status (0 only if
# something passed and nothing failed).

MODDIR=/lib/modules/$(uname -r)/extra
PLXTEST=/plxvm/plxtest

pass() { tap_ok "$@"; }
fail() { tap_not_ok "$@"; }

# check DESCRIPTION COMMAND...: pass if the command succeeds.
check() {
	d=$1
	shift
	if "$@"; then pass "$d"; else fail "$d (rc $?)"; fi
}

# run_plxtest DESCRIPTION ARGS...: plxtest's own count becomes one check.
run_plxtest() {
	d=$1
	shift
	"$PLXTEST" "$@" > /tmp/plxtest.out 2>&1
	rc=$?
	sed 's/^/# plxtest| /' /tmp/plxtest.out
	last=$(tail -n 1 /tmp/plxtest.out | sed 's/^# //')
	if [ $rc -eq 0 ]; then pass "$d: $last"; else fail "$d: $last (rc $rc)"; fi
}

# wait_for PATH [SECONDS]: wait for a file or node to appear.
wait_for() {
	i=0
	while [ ! -e "$1" ] && [ $i -lt $((${2:-10} * 10)) ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ -e "$1" ]
}

# wait_gone PATH [SECONDS]
wait_gone() {
	i=0
	while [ -e "$1" ] && [ $i -lt $((${2:-10} * 10)) ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ ! -e "$1" ]
}

# plxvm_hmp device_del|device_add|pcie_aer_inject_error ARGS: the host
# runner (tools/vm/run.sh) sends the HMP command to QEMU; 0 when QEMU
# accepted it.
plxvm_hmp() {
	plxvm-ask HMP "$@"
}

# centisecs: the uptime in hundredths of a second.
centisecs() { awk '{ printf "%d\n", $1 * 100 }' /proc/uptime; }

node_mode() { stat -c '%a %u %g' "$1" 2>/dev/null; }

load_modules() {
	check "insmod wdfshim.ko" insmod "$MODDIR/wdfshim.ko"
	check "insmod plx9x5x.ko $*" insmod "$MODDIR/plx9x5x.ko" "$@"
}

unload_modules() {
	check "rmmod plx9x5x" rmmod plx9x5x
	check "rmmod wdfshim" rmmod wdfshim
}

# check_node N: /dev/plx9x5xN exists, mode 0600, owned by root.
check_node() {
	if wait_for "/dev/plx9x5x$1" 10; then
		m=$(node_mode "/dev/plx9x5x$1")
		if [ "$m" = "600 0 0" ]; then
			pass "/dev/plx9x5x$1 is mode 0600 root:root"
		else
			fail "/dev/plx9x5x$1 has mode/owner '$m', want '600 0 0'"
		fi
	else
		fail "/dev/plx9x5x$1 did not appear"
	fi
}

# The driver's lines in the kernel log (for the record).
show_dmesg() {
	echo "# --- driver messages ---"
	dmesg | grep -E 'plx9x5x|wdfshim' | sed 's/^/# dmesg| /'
	echo "# ---"
}

finish() {
	show_dmesg
	tap_done guest
}
