#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# dkms-check: the DKMS life cycle on this machine, for every installed
# Debian amd64 kernel header set (at least Debian 12's 6.1 and
# bookworm-backports' 6.12, from $PLX_CACHE/kernels.env):
#   install the source tree (dkms-src.sh) and dkms add;
#   per kernel: dkms build, dkms install, modinfo of the INSTALLED files in
#   /lib/modules/<abi>/updates/dkms (vermagic starts with <abi>, version =
#   VERSION, signed with DKMS's MOK key), then boot that kernel on the
#   emulated board with those installed files, "modprobe" by the board's PCI
#   modalias and run a loopback (vm-loopback.sh); on 6.12, boot again with
#   module.sig_enforce=1 (Secure Boot's enforcement, no MOK key enrolled)
#   and check the modules are refused with the documented errors;
#   dkms remove --all; no files and no DKMS state may remain.
# Needs root (sudo otherwise). Cleans up on any exit. Output: TAP
# (tools/pkg/lib.sh, tools/tap/tap.sh).
set -uo pipefail
. "$(dirname "$0")/lib.sh"
[ -f "$PLX_CACHE/kernels.env" ] || "$PKG_ROOT/tools/deps.sh" >&2
. "$PLX_CACHE/kernels.env"
work=$(mktemp -d /tmp/plx-dkms-check.XXXXXX)
pkg_lock

cleanup() {
	dkms_purge
	depmod_restore
	rm -rf "$work"
}
if dpkg-query -W -f='${Status}' plx9x5x-dkms 2>/dev/null | grep -q 'ok installed'; then
	echo "dkms-check: the plx9x5x-dkms package is installed; purge it first"
	fail "precondition: plx9x5x-dkms package not installed"
	rm -rf "$work"
	summary dkms-check
	exit 1
fi
trap cleanup EXIT
trap 'exit 130' INT TERM
dkms_purge
depmod_snapshot

mapfile -t abis < <(header_abis)
echo "kernels with headers: ${abis[*]:-none}"
for k in "$K61" "$K612"; do
	check "headers for $k are installed" \
		bash -c 'printf "%s\n" "${@:2}" | grep -qxF -- "$1"' _ "$k" "${abis[@]}"
done

src=/usr/src/plx9x5x-$PKG_VER
if $SUDO "$PKG_ROOT/tools/pkg/dkms-src.sh" "$src" >"$work/src.log" 2>&1 &&
   $SUDO dkms add "plx9x5x/$PKG_VER" >>"$work/src.log" 2>&1; then
	pass "dkms add plx9x5x/$PKG_VER (sources in $src)"
	added=1
else
	fail "dkms add plx9x5x/$PKG_VER"; tail_log "$work/src.log"
	added=0
fi

for abi in "${abis[@]}"; do
	[ $added = 1 ] || break
	t0=$(date +%s)
	if $SUDO dkms build "plx9x5x/$PKG_VER" -k "$abi" >"$work/build-$abi.log" 2>&1; then
		pass "dkms build -k $abi ($(( $(date +%s) - t0 ))s)"
	else
		fail "dkms build -k $abi"; tail_log "$work/build-$abi.log"
		tail_log "/var/lib/dkms/plx9x5x/$PKG_VER/build/make.log" 40
		continue
	fi
	if $SUDO dkms install "plx9x5x/$PKG_VER" -k "$abi" >"$work/install-$abi.log" 2>&1; then
		pass "dkms install -k $abi"
	else
		fail "dkms install -k $abi"; tail_log "$work/install-$abi.log"
		continue
	fi
	mods=$work/mods-$abi
	mkdir -p "$mods"
	for m in wdfshim plx9x5x wdfedu; do
		ko=$(ls /lib/modules/"$abi"/updates/dkms/"$m".ko* 2>/dev/null | head -1)
		if [ -z "$ko" ]; then
			fail "$m.ko installed in /lib/modules/$abi/updates/dkms"
			continue
		fi
		cp "$ko" "$mods/"
		vm=$(modinfo -F vermagic "$ko" 2>/dev/null)
		ver=$(modinfo -F version "$ko" 2>/dev/null)
		check "modinfo $ko: vermagic '$vm' starts with '$abi ', version $ver" \
			bash -c '[[ "$1" == "$2 "* ]] && [ "$3" = "$4" ]' _ "$vm" "$abi" "$ver" "$PKG_VER"
		signer=$(modinfo -F signer "$ko" 2>/dev/null)
		check "$m.ko for $abi signed by DKMS's MOK key (signer: '${signer:-none}')" \
			test -n "$signer"
	done
	if "$PKG_ROOT/tools/pkg/vm-loopback.sh" "$abi" "$mods" >"$work/vm-$abi.log" 2>&1; then
		pass "boot $abi on the emulated board with the installed modules: $(tail -1 "$work/vm-$abi.log")"
	else
		fail "boot $abi on the emulated board with the installed modules, modprobe by alias, loopback"
		tail_log "$work/vm-$abi.log" 30
	fi
	# Secure Boot without the DKMS key enrolled: Debian's kernels then
	# enforce module signatures; the DKMS-signed modules must be refused
	# with the errors doc/install.md quotes. Once, on the newest kernel.
	if [ "$abi" = "$K612" ]; then
		if "$PKG_ROOT/tools/pkg/vm-loopback.sh" "$abi" "$mods" --sig-enforce \
			>"$work/vm-sig-$abi.log" 2>&1; then
			pass "Secure Boot stand-in: $(tail -1 "$work/vm-sig-$abi.log")"
		else
			fail "Secure Boot stand-in (module.sig_enforce=1): DKMS-signed modules refused with the documented errors"
			tail_log "$work/vm-sig-$abi.log" 20
		fi
	fi
done

if [ $added = 1 ]; then
	if $SUDO dkms remove "plx9x5x/$PKG_VER" --all >"$work/remove.log" 2>&1; then
		pass "dkms remove plx9x5x/$PKG_VER --all"
	else
		fail "dkms remove plx9x5x/$PKG_VER --all"; tail_log "$work/remove.log"
	fi
fi
$SUDO rm -rf "$src"	# dkms remove keeps the source tree; the test installed it
left=$(dkms_leftovers)
check "no files or DKMS state left${left:+: $(echo $left)}" test -z "$left"
summary dkms-check
