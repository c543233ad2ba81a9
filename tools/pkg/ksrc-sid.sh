#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# ksrc-sid.sh: print the path of a linux-source-7.x tree from Debian sid,
# prepared for external module builds (x86_64_defconfig + PCI + MODULES,
# modules_prepare). Uses a private apt configuration under
# $PLX_CACHE/apt-sid (the system's apt sources are not touched); takes the
# source tarball out of the arch-all linux-source-7.<newest> .deb with
# dpkg-deb -x (sid's kbuild binaries need a newer libc than bookworm's).
# CONFIG_WERROR is turned off so that W=1 warnings stay warnings (compat.sh
# counts them). The prepared tree is cached as
# $PLX_CACHE/src/linux-source-<pkgversion>-prep<PREP_REV> and reused while
# sid's newest version and the host's compiler stay the same (.prepared
# holds `gcc --version`'s first line: a tree prepared by another compiler,
# e.g. a cache carried from a Debian 12 host to a Debian 13 one, makes
# every module build warn "the compiler differs", so it is prepared
# again). Concurrent callers
# are serialised with flock. Progress on stderr, the path on stdout.
#
# PLX_SID_OFFLINE=1: do not contact the archive; use the newest cached tree.
set -euo pipefail
cache=${PLX_CACHE:-$HOME/.cache/plx9x5x}
apt=$cache/apt-sid
src=$cache/src
mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/parts" "$src"
say() { echo "ksrc-sid: $*" >&2; }
PREP_REV=2	# bump when the preparation recipe below changes

exec 9>"$src/.lock-sid"
flock 9

cc_id=$(gcc --version 2>/dev/null | head -1)
prepared() { [ -f "$1/.prepared" ] && [ "$(cat "$1/.prepared")" = "$cc_id" ]; }

newest_cached() {
	ls -d "$src"/linux-source-7.*-prep"$PREP_REV" 2>/dev/null | sort -V | tail -1
}

if [ "${PLX_SID_OFFLINE:-0}" = 1 ]; then
	d=$(newest_cached)
	[ -n "$d" ] && prepared "$d" || { say "no cached tree"; exit 1; }
	echo "$d"
	exit 0
fi

echo 'deb http://deb.debian.org/debian sid main' >"$apt/sources.list"
APT=(-o Dir::Etc::SourceList="$apt/sources.list"
     -o Dir::Etc::SourceParts="$apt/parts"
     -o Dir::Etc::Preferences=/dev/null
     -o Dir::Etc::PreferencesParts="$apt/parts"
     -o Dir::State::Lists="$apt/lists"
     -o Dir::Cache="$apt/cache"
     -o Dir::State::status=/dev/null
     -o APT::Architecture=amd64
     -o APT::Sandbox::User=root
     -o Debug::NoLocking=1
     -o Acquire::Check-Valid-Until=false)	# sid only: its Release file may be
						# past Valid-Until on the mirror

# Refresh the package lists at most once an hour.
stamp=$apt/lists/.updated
if [ ! -f "$stamp" ] || [ -n "$(find "$stamp" -mmin +60)" ]; then
	say "apt-get update (sid, private lists)"
	if apt-get "${APT[@]}" -qq update >&2; then
		touch "$stamp"
	else
		say "apt-get update failed"
		d=$(newest_cached)
		if [ -n "$d" ] && prepared "$d"; then
			say "using cached $d"
			echo "$d"
			exit 0
		fi
		exit 1
	fi
fi

pkg=$(apt-cache "${APT[@]}" search --names-only '^linux-source-7\.[0-9]+$' |
	awk '{print $1}' | sort -V | tail -1)
[ -n "$pkg" ] || { say "no linux-source-7.x in sid"; exit 1; }
ver=$(apt-cache "${APT[@]}" policy "$pkg" | awk '/Candidate:/ {print $2}')
[ -n "$ver" ] && [ "$ver" != "(none)" ] || { say "no candidate for $pkg"; exit 1; }
dest=$src/$pkg-$ver-prep$PREP_REV

if prepared "$dest"; then
	echo "$dest"
	exit 0
fi

say "fetching $pkg $ver"
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
(cd "$t" && apt-get "${APT[@]}" -qq download "$pkg=$ver" >&2)
dpkg-deb -x "$t"/"$pkg"_*.deb "$t/x"
tarball=$(ls "$t"/x/usr/src/"$pkg".tar.* | head -1)
rm -rf "$dest" "$dest.tmp"
mkdir -p "$dest.tmp"
say "extracting $(basename "$tarball")"
tar -xf "$tarball" -C "$dest.tmp" --strip-components=1
rm -rf "$t/x"

say "preparing (x86_64_defconfig + PCI/MODULES, modules_prepare)"
(
	cd "$dest.tmp"
	make -s x86_64_defconfig >&2
	./scripts/config -e MODULES -e MODULE_UNLOAD -e PCI -e PCI_MSI \
		-e MODVERSIONS -d WERROR >&2
	make -s olddefconfig >&2
	for c in MODULES PCI; do
		grep -qx "CONFIG_$c=y" .config || { say "CONFIG_$c not set"; exit 1; }
	done
	make -s -j2 modules_prepare >&2
)
echo "$cc_id" > "$dest.tmp/.prepared"
mv "$dest.tmp" "$dest"
say "ready: $dest"
echo "$dest"
