#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# `make smoke`: boot Debian's 6.1 kernel (K61) under the project QEMU with
# emulated PLX boards and no driver; the guest (emu/guest/smoke-guest.sh)
# checks what the kernel enumerated: IDs, class, assigned BARs, interrupt
# pin, and that the assigned addresses reach the board. Only what needs
# Linux is here; the device itself is tested without a guest by `make
# qtest` (emu/qtest/plx9656-test.c).
#   VM 1: one board (default 10b5:9601)
#   VM 2: two boards, the second with device-id=0x5601 (9056 RDK-LITE), q35
# Each guest case counts, plus per VM: the guest finished with rc 0 and the
# kernel log is clean (tools/vm/run.sh). Then the runner's guards, in three
# boots: an injected WARNING fails a run (rc 3); a WARNING excused by
# --allow followed by `exit 7` gives rc 7 (--allow works and the guest rc
# is passed through: an unexcused WARNING would give 3, a lost rc 0 or 2);
# a hung guest is killed (rc 124) and, killed on purpose with
# PLXVM_RETRIED=1, not retried; a run that fails before /init (--timeout 1)
# is retried once and listed once in retries.log.
# Logs: $PLX_LOGDIR (build/logs).
# Output: TAP (tools/tap/tap.sh); the guest's test points are relayed as the
# suite's own (tap_relay).
set -u
cd "$(dirname "$0")/../.."
logdir=${PLX_LOGDIR:-build/logs}
mkdir -p "$logdir"
ABI=${PLX_SMOKE_ABI:-K61}
# shellcheck source=tools/tap/tap.sh
. tools/tap/tap.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

[ -f "${PLX_CACHE:-$HOME/.cache/plx9x5x}/kernels.env" ] || tools/deps.sh >&2

# Build (or find) QEMU once, so a build failure is reported as such.
if ! qemu=$(emu/qemu/build-qemu.sh); then
	tap_bail "smoke: QEMU build failed"
	exit 1
fi
export PLX_QEMU=$qemu

vm() { # name expect-lines run.sh-args...
	local name=$1 expect=$2 rc
	shift 2
	printf '%s\n' "$expect" > "$tmp/expect"
	cat tools/tap/tap.sh emu/guest/smoke-guest.sh > "$tmp/guest.sh"
	echo "# --- smoke $name"
	tools/vm/run.sh --abi "$ABI" --script "$tmp/guest.sh" \
		--file "$tmp/expect:/plxvm/expect" --timeout 240 --quiet \
		--log "$logdir/smoke-$name.serial.log" "$@" 2>"$tmp/run.err"
	rc=$?
	grep -a -E '^(# |  )' "$logdir/smoke-$name.serial.log"
	grep -v '^plxvm: /' "$tmp/run.err" | grep -v 'qemu-system-x86_64 ' | tap_diag
	# the guest's test points are this suite's (a bad or missing guest
	# stream is one "not ok")
	tap_relay "$logdir/smoke-$name.serial.log" "$name: "
	if [ $rc -eq 3 ] || [ $rc -eq 2 ] || [ $rc -eq 124 ]; then
		tap_not_ok "$name: VM run clean (run.sh rc $rc)"
	else
		tap_ok "$name: VM booted, ran and powered off with a clean log"
	fi
}

vm one-board "9601 plx0" --boards 1
vm two-boards "$(printf '9601 plx0\n5601 plx1')" --boards 2 \
	--board 1:device-id=0x5601 --machine q35

# The runner's own guards, which every VM test relies on. Their runs fail
# on purpose: their logs (failed/, retries.log) go to a private folder, not
# to $logdir, whose retries.log tools/check.sh reports.
guards=$tmp/guards
mkdir -p "$guards"
expect_rc() { # description wanted-rc run.sh-args...
	local d=$1 want=$2 rc
	shift 2
	PLX_LOGDIR=$guards tools/vm/run.sh --abi "$ABI" --quiet "$@" \
		>/dev/null 2>"$tmp/run.err"
	rc=$?
	if [ $rc -eq "$want" ]; then
		tap_ok "runner: $d (rc $rc)"
	else
		tap_not_ok "runner: $d (rc $rc, want $want)"
		tail -5 "$tmp/run.err" | tap_diag
	fi
}
printf '%s\n' 'echo "WARNING: smoke-injected" > /dev/kmsg' 'exit 0' > "$tmp/warn.sh"
printf '%s\n' 'echo "WARNING: smoke-excused" > /dev/kmsg' 'exit 7' > "$tmp/rc7.sh"
printf '%s\n' 'sleep 600' > "$tmp/sleep.sh"
expect_rc "a WARNING in the guest log fails the run" 3 --script "$tmp/warn.sh" --timeout 240
expect_rc "--allow excuses a matching WARNING, the guest script's rc is the run's rc" \
	7 --script "$tmp/rc7.sh" --allow 'smoke-excused' --timeout 240
# A guest killed at --timeout before its /init started would count as a
# platform failure and boot again (on a loaded host 20 s may end inside
# the boot): this timeout is deliberate, so no retry (PLXVM_RETRIED=1).
PLXVM_RETRIED=1 expect_rc "a hung guest is killed at --timeout" 124 \
	--script "$tmp/sleep.sh" --timeout 20
retries() { [ -f "$guards/retries.log" ] && wc -l < "$guards/retries.log" || echo 0; }
if [ "$(retries)" -eq 0 ]; then
	tap_ok "runner: a deliberate timeout with PLXVM_RETRIED=1 is not a platform retry"
else
	tap_not_ok "runner: a deliberate timeout with PLXVM_RETRIED=1 is not a platform retry"
	tap_diag <"$guards/retries.log"
fi
# A real platform failure: --timeout 1 ends every boot long before /init
# (a TCG boot takes seconds), so the run is retried once, visibly, and
# listed once in retries.log; the retry times out too (rc 124).
expect_rc "a failure before /init is booted once more, then reported" 124 \
	--script "$tmp/sleep.sh" --timeout 1
if [ "$(retries)" -eq 1 ] && grep -q 'RETRY' "$tmp/run.err" &&
   grep -q 'sleep.sh: timeout' "$guards/retries.log"; then
	tap_ok "runner: that retry is counted once in retries.log and announced"
else
	tap_not_ok "runner: that retry is counted once in retries.log and announced"
	{ cat "$guards/retries.log"; grep plxvm: "$tmp/run.err"; } 2>&1 | tail -8 | tap_diag
fi

tap_done smoke
