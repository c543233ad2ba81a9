#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# `make qtest`: QEMU's own qtest framework against the plx9656 device, no
# guest kernel. Builds (or finds cached) the project QEMU and the test
# binary (emu/qemu/build-qemu.sh, emu/qtest/plx9656-test.c), lists its
# GTest cases (-l) and runs each in a process of its own (`--tap -p PATH`),
# so a failed assertion, which aborts a GTest binary, costs only its case.
# Prints one TAP stream over all cases (GTest's messages as comments); a
# case counts as passed only with an `ok` line and exit status 0, a case
# that died without a result (QEMU or the test crashed, timeout) fails.
# Log: $PLX_LOGDIR/qtest.tap (build/logs). PLX_QEMU: use this
# qemu-system-x86_64 instead of building one; PLX_QTEST_TIMEOUT: seconds
# per case (default 120).
# A build that fails prints "Bail out!" (tools/tap/tap.pl counts it as failed).
set -u
cd "$(dirname "$0")/../.."
logdir=${PLX_LOGDIR:-build/logs}
mkdir -p "$logdir"
tap=$logdir/qtest.tap

# the QEMU build's packages (meson, ninja, glib) and the firmware
[ -f "${PLX_CACHE:-$HOME/.cache/plx9x5x}/kernels.env" ] || tools/deps.sh >&2

if [ -n "${PLX_QEMU:-}" ]; then	# a given binary (e.g. a mutant of the device)
	qemu=$PLX_QEMU
elif ! qemu=$(emu/qemu/build-qemu.sh); then
	echo "Bail out! QEMU build"
	exit 1
fi
if ! qt=$(emu/qemu/build-qemu.sh --qtest); then
	echo "Bail out! qtest build (emu/qtest/plx9656-test.c)"
	exit 1
fi

# libqtest makes its sockets under $TMPDIR: a private one, removed at exit.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export QTEST_QEMU_BINARY=$qemu TMPDIR=$tmp

# A failed g_assert aborts the whole GTest binary, so each case runs in a
# process of its own (`-p PATH`); the stream printed here is one TAP plan
# over all of them, with GTest's own lines as TAP comments.
# -l prints one path a line: "/x86_64/..." with GLib 2.74 (Debian 12),
# as a TAP comment "# /x86_64/..." with GLib 2.84 (Debian 13).
if ! paths=$(cd "$tmp" && "$qt" -l | sed -n 's|^\(# \)\{0,1\}\(/[^ ]*\)$|\2|p') ||
   [ -z "$paths" ]; then
	echo "Bail out! $qt -l lists no cases"
	exit 1
fi
n=$(echo "$paths" | wc -l)
pass=0 fail=0 i=0
{
	echo "TAP version 13"
	echo "1..$n"
} > "$tap"
cat "$tap"
while read -r path; do
	i=$((i + 1))
	echo 255 > "$tmp/rc"
	(cd "$tmp" && timeout "${PLX_QTEST_TIMEOUT:-120}" "$qt" --tap -p "$path"
	 echo $? > "$tmp/rc") > "$tmp/case.out" 2>&1
	rc=$(cat "$tmp/rc")
	res=$(grep -E '^(ok|not ok) [0-9]+ ' "$tmp/case.out" | head -1)
	grep -v -E '^(ok|not ok) [0-9]+ |^1\.\.[0-9]+$|^# (Start|End) of |^# starting QEMU|^# random seed' \
		"$tmp/case.out" | sed 's/^#* \{0,1\}/# /' > "$tmp/case.diag"
	if [ -n "$res" ] && [ $rc -eq 0 ] && [ "${res#ok }" != "$res" ]; then
		line="ok $i $path"
		case $res in *'# SKIP'*) line="$line # SKIP" ;; *) pass=$((pass + 1)) ;; esac
	else
		line="not ok $i $path"
		[ -n "$res" ] || line="$line # died (rc $rc)"
		fail=$((fail + 1))
	fi
	{ cat "$tmp/case.diag"; echo "$line"; } | tee -a "$tap"
done <<< "$paths"
echo "# qtest: $pass passed, $fail failed"
[ $fail -eq 0 ]
