# SPDX-License-Identifier: GPL-2.0-only
#
# Shared helpers of the packaging suites (dkms-check.sh, deb.sh, compat.sh):
# counted cases, the list of installed kernel header sets, DKMS/host state
# checks and clean-up. Sourced, not run.

PKG_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PLX_CACHE=${PLX_CACHE:-$HOME/.cache/plx9x5x}
export PLX_CACHE
PKG_VER=$(cat "$PKG_ROOT/VERSION")
SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo

# Results are TAP (tools/tap/tap.sh): pass/fail/check print test points,
# summary NAME prints the plan and "# NAME: N passed, N failed".
# shellcheck source=tools/tap/tap.sh
. "$PKG_ROOT/tools/tap/tap.sh"
pass() { tap_ok "$@"; }
fail() { tap_not_ok "$@"; }
# check DESCRIPTION COMMAND...: one counted case from a command's status.
check() {
	local d=$1; shift
	if "$@"; then pass "$d"; else fail "$d"; fi
}
# tail_log FILE: the end of a log, indented, for a failed case.
tail_log() { [ -f "$1" ] && tail -n "${2:-25}" "$1" | sed 's/^/    | /'; }
summary() { tap_done "$1"; }

# Every installed Debian amd64 header set with a /lib/modules/<abi>/build
# link, by ABI name, oldest first.
header_abis() {
	local d a
	for d in /usr/src/linux-headers-*-amd64; do
		[ -d "$d" ] || continue
		a=${d#/usr/src/linux-headers-}
		[ -e "/lib/modules/$a/build" ] && echo "$a"
	done | sort -V
}

# Serialise the suites that change the system's DKMS state.
pkg_lock() {
	mkdir -p "$PLX_CACHE"
	exec 8>"$PLX_CACHE/.dkms-state.lock"
	flock 8
}

# Files our DKMS module leaves on the host: none may remain after removal.
dkms_leftovers() {
	ls -d /usr/src/plx9x5x-* /var/lib/dkms/plx9x5x \
		/lib/modules/*/updates/dkms/wdfshim.ko* \
		/lib/modules/*/updates/dkms/plx9x5x.ko* 2>/dev/null || true
	dkms status plx9x5x 2>/dev/null | grep . || true
}

# depmod (run by dkms install/remove) creates modules.* indexes in
# /lib/modules/<abi> of a headers-only kernel. Snapshot before, and remove
# only the index files that did not exist before, afterwards.
depmod_snapshot() { # -> $PKG_SNAP
	PKG_SNAP=$(mktemp)
	ls -d /lib/modules/*/modules.* /lib/modules/*/updates \
		/lib/modules/*/updates/dkms 2>/dev/null | sort >"$PKG_SNAP"
}
depmod_restore() {
	[ -n "${PKG_SNAP:-}" ] && [ -f "$PKG_SNAP" ] || return 0
	local f
	ls -d /lib/modules/*/modules.* 2>/dev/null | sort | comm -13 "$PKG_SNAP" - |
		while read -r f; do $SUDO rm -f "$f"; done
	for f in /lib/modules/*/updates/dkms /lib/modules/*/updates; do
		[ -d "$f" ] || continue
		grep -qx "$f" "$PKG_SNAP" || $SUDO rmdir "$f" 2>/dev/null || true
	done
	rm -f "$PKG_SNAP"
}

# Remove every trace of plx9x5x from DKMS and the module tree (idempotent).
dkms_purge() {
	local v
	for v in $(ls /var/lib/dkms/plx9x5x 2>/dev/null | grep -v '^kernel-' || true); do
		$SUDO dkms remove "plx9x5x/$v" --all >/dev/null 2>&1 || true
	done
	$SUDO rm -rf /var/lib/dkms/plx9x5x /usr/src/plx9x5x-*
	$SUDO rm -f /lib/modules/*/updates/dkms/wdfshim.ko* \
		/lib/modules/*/updates/dkms/plx9x5x.ko*
}
