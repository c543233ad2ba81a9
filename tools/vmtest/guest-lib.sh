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

# ---- transfers in the background, and how they ended ----------------------
# bg_start NAME COMMAND...: COMMAND in the background, its output in
# /tmp/NAME.out, its pid in $bg_pid_NAME (NAME: a shell word).
bg_start() {
	_n=$1
	shift
	"$@" > "/tmp/$_n.out" 2>&1 &
	eval "bg_pid_$_n=$!"
}
# bg_end NAME...: wait for each; its exit status in $bg_rc_NAME.
bg_end() {
	for _n in "$@"; do
		eval "wait \$bg_pid_$_n"
		eval "bg_rc_$_n=$?"
	done
}
# check_bg_ok DESCRIPTION NAME: one check that the command NAME (bg_end)
# exited 0; its output is shown first ("  NAME| " lines), its last line is
# added to the description.
check_bg_ok() {
	eval "_rc=\$bg_rc_$2"
	sed "s/^/  $2| /" "/tmp/$2.out"
	if [ "$_rc" -eq 0 ]; then
		pass "$1: $(tail -n 1 "/tmp/$2.out")"
	else
		fail "$1: $(tail -n 1 "/tmp/$2.out") (rc $_rc)"
	fi
}
# check_dd_errno DESCRIPTION NAME ERRNO: one check that the dd NAME
# (bg_start NAME dd ..., bg_end) failed with ERRNO (EIO, ETIMEDOUT, ENODEV,
# EAGAIN: dd's message for it); its messages are shown first, as
# "  dd-NAME| " lines.
check_dd_errno() {
	eval "_rc=\$bg_rc_$2"
	case $3 in
	EIO) _m='Input/output error' ;;
	ETIMEDOUT) _m='timed out' ;;
	ENODEV) _m='No such device' ;;
	EAGAIN) _m='temporarily unavailable' ;;
	*) fail "$1 (check_dd_errno: unknown errno '$3')"; return ;;
	esac
	sed "s/^/  dd-$2| /" "/tmp/$2.out"
	if [ "$_rc" -ne 0 ] && grep -q "$_m" "/tmp/$2.out"; then
		pass "$1 (rc $_rc)"
	else
		fail "$1 (rc $_rc: $(head -n 1 "/tmp/$2.out"))"
	fi
}
# busy_channels LABEL [SECONDS]: stall both DMA channels of board 0 and
# start a write (w) and a read (r) of 6000 bytes, which then stay
# running on them; wait SECONDS (default 0.3) for both to start.
busy_channels() {
	check "stall both channels ($1)" plxvm-qom-set /machine/peripheral/plx0 stall 3
	bg_start w dd if=/dev/zero of=/dev/plx9x5x0 bs=6000 count=1
	bg_start r dd if=/dev/plx9x5x0 of=/dev/null bs=6000 count=1
	sleep "${2:-0.3}"
}
# check_busy_eio LABEL: after bg_end w r, the running write and read
# (busy_channels) ended with EIO, two checks.
check_busy_eio() {
	check_dd_errno "the running write ended with EIO ($1)" w EIO
	check_dd_errno "the running read ended with EIO ($1)" r EIO
}

# ---- the kernel log ----------------------------------------------------------
# dmesg_count ERE: how many kernel log lines match ERE.
dmesg_count() { dmesg | grep -cE "$1"; }
# wait_dmesg ERE N [SECONDS]: wait (default 10 s) until more than N lines
# match ERE; 0 when they do.
wait_dmesg() {
	i=0
	while [ "$(dmesg_count "$1")" -le "$2" ] && [ $i -lt $((${3:-10} * 10)) ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ "$(dmesg_count "$1")" -gt "$2" ]
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
