#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Install every Debian package the project needs. Idempotent: a second run
# with everything present does no network access and returns in well under a
# second. Uses sudo when not root. Also enables bookworm-backports (for the
# 6.12 kernel headers and images).
#
# Prints nothing but progress on stderr; exits non-zero on failure.
set -euo pipefail

STAMP_DIR=${PLX_CACHE:-$HOME/.cache/plx9x5x}
SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo

PKGS=(
	build-essential bc bison flex libelf-dev libssl-dev kmod cpio
	busybox-static rsync xz-utils zstd python3 perl sparse
	dkms dh-dkms debhelper lintian fakeroot dpkg-dev pkg-config
	meson ninja-build libglib2.0-dev libpixman-1-dev libfdt-dev
	seabios qemu-system-data
	linux-source-6.1 linux-source-6.12
)

say() { echo "deps: $*" >&2; }

BPO=/etc/apt/sources.list.d/bookworm-backports.sources
need_update=0
if ! grep -rqs bookworm-backports /etc/apt/sources.list /etc/apt/sources.list.d/; then
	say "enabling bookworm-backports"
	printf '%s\n' 'Types: deb' 'URIs: http://deb.debian.org/debian' \
		'Suites: bookworm-backports' 'Components: main' \
		'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg' |
		$SUDO tee "$BPO" >/dev/null
	need_update=1
fi

# Kernel ABI names behind the metapackages: Debian 12's 6.1 and the
# backports 6.12. Resolved from the archive so a new point release is
# picked up; recorded in the cache for the other scripts.
kabi() { # $1 = release pattern of the metapackage version
	apt-cache show linux-image-amd64 2>/dev/null |
		awk -v pat="$1" '/^Version:/ {v=$2} /^Depends:/ && v ~ pat && !done {
			sub(/^Depends: linux-image-/, ""); sub(/ .*/, ""); print; done=1 }'
}

missing() {
	local p
	for p in "$@"; do
		dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
			grep -q '^install ok installed$' || echo "$p"
	done
}

if [ $need_update = 1 ] || [ -z "$(kabi '^6\.12\.')" ] ||
   [ -n "$(missing "${PKGS[@]}")" ]; then
	say "apt-get update"
	$SUDO apt-get update -qq
fi

K61=$(kabi '^6\.1\.')
K612=$(kabi '^6\.12\.')
[ -n "$K61" ] && [ -n "$K612" ] || { say "cannot resolve kernel ABIs"; exit 1; }

# Prefer kernels whose headers are already installed (stable reruns).
have61=$(ls -d /usr/src/linux-headers-6.1.*-amd64 2>/dev/null | sort -V | tail -1 || true)
have612=$(ls -d /usr/src/linux-headers-6.12.*-amd64 2>/dev/null | sort -V | tail -1 || true)
[ -n "$have61" ] && K61=${have61#/usr/src/linux-headers-}
[ -n "$have612" ] && K612=${have612#/usr/src/linux-headers-}

todo=$(missing "${PKGS[@]}" "linux-headers-$K61" "linux-headers-$K612")
if [ -n "$todo" ]; then
	say "installing:" $todo
	# Everything from bookworm proper, except the 6.12 kernel headers,
	# which only bookworm-backports has (-t there applies to that package
	# and its kbuild dependencies only).
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
		--no-install-recommends \
		$(echo "$todo" | grep -v '^linux-headers-6\.12\.' || true) >/dev/null
	if echo "$todo" | grep -q '^linux-headers-6\.12\.'; then
		DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
			--no-install-recommends -t bookworm-backports \
			"linux-headers-$K612" >/dev/null
	fi
fi

# Guest kernel images: extracted into the cache, never installed on the
# host (the host cannot boot them and their postinst is not wanted).
mkdir -p "$STAMP_DIR/kernels"
for k in "$K61" "$K612"; do
	d="$STAMP_DIR/kernels/$k"
	[ -f "$d/vmlinuz" ] && continue
	say "fetching linux-image-$k"
	t=$(mktemp -d)
	(cd "$t" && apt-get download -qq "linux-image-$k" >/dev/null 2>&1 ||
	 apt-get download -qq -t bookworm-backports "linux-image-$k" >/dev/null)
	mkdir -p "$d.tmp"
	dpkg-deb -x "$t"/linux-image-*.deb "$d.tmp"
	cp "$d.tmp/boot/vmlinuz-$k" "$d.tmp/vmlinuz"
	cp "$d.tmp/boot/config-$k" "$d.tmp/config"
	rm -rf "$d" "$t"
	mv "$d.tmp" "$d"
done
printf 'K61=%s\nK612=%s\n' "$K61" "$K612" > "$STAMP_DIR/kernels.env"
say "ok (6.1: $K61, 6.12: $K612)"
