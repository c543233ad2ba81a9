#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# chroot.sh NAME: print the path of a cached tarball holding a minimal chroot
# of one Debian release of the runtime matrix (mmdebstrap --variant=apt),
# with that release's own dkms and linux-headers-amd64 installed, and that
# kernel's boot files extracted under /plx-kernel/ (vmlinuz, config, and
# lib/modules/<abi>/modules.{builtin,builtin.modinfo,order}; /plx-kernel/abi
# and /plx-kernel/version name the kernel). Builds it on first use.
#
#   NAME      suite      headers from
#   deb12     bookworm   bookworm (6.1)
#   deb12-bpo bookworm   bookworm-backports (6.12)
#   deb13     trixie     trixie (6.12)
#   sid       sid        sid (7.x); its Release file may be past Valid-Until
#                        on the mirror, which is accepted for sid ONLY
#                        (Acquire::Check-Valid-Until "false")
#
# Cache: $PLX_CACHE/matrix/<NAME>-<key>.tar, key = sha256 of the recipe
# (RECIPE_REV, suite, mirror lines, apt options); rebuilt when older than
# PLX_MATRIX_MAX_AGE days (default 7) so a new kernel upload is picked up.
# Concurrent callers are serialised per NAME with flock. Needs root
# (mmdebstrap's root mode). Progress on stderr, the path on stdout.
# chroot.sh --list prints the names; chroot.sh NAME --path the tarball's
# path (built or not).
set -euo pipefail
cache=${PLX_CACHE:-$HOME/.cache/plx9x5x}/matrix
MIRROR=${PLX_DEBIAN_MIRROR:-http://deb.debian.org/debian}
SEC=${MIRROR%/debian}/debian-security
maxage=${PLX_MATRIX_MAX_AGE:-7}
say() { echo "chroot: $*" >&2; }
die() { say "$*"; exit 1; }

NAMES="deb12 deb12-bpo deb13 sid"
name=${1:?usage: chroot.sh NAME|--list}
if [ "$name" = --list ]; then echo $NAMES; exit 0; fi

aptopts=()
case "$name" in
deb12)	suite=bookworm
	mirrors=("deb $MIRROR bookworm main" "deb $MIRROR bookworm-updates main"
		 "deb $SEC bookworm-security main")
	headers_from= ;;
deb12-bpo) suite=bookworm
	mirrors=("deb $MIRROR bookworm main" "deb $MIRROR bookworm-updates main"
		 "deb $SEC bookworm-security main" "deb $MIRROR bookworm-backports main")
	headers_from=bookworm-backports ;;
deb13)	suite=trixie
	mirrors=("deb $MIRROR trixie main" "deb $MIRROR trixie-updates main"
		 "deb $SEC trixie-security main")
	headers_from= ;;
sid)	suite=sid
	mirrors=("deb $MIRROR sid main")
	# Unstable only: its Release file may be past its Valid-Until date.
	aptopts=(--aptopt='Acquire::Check-Valid-Until "false"')
	headers_from= ;;
*) die "unknown release '$name' (known: $NAMES)" ;;
esac
command -v mmdebstrap >/dev/null || die "mmdebstrap missing (make deps)"
[ "$(id -u)" -eq 0 ] || die "needs root (mmdebstrap root mode)"

RECIPE_REV=1	# bump when the recipe (mmdebstrap call, setup below) changes
key=$( { echo "rev=$RECIPE_REV $name $suite $headers_from ${aptopts[*]:-}";
	printf '%s\n' "${mirrors[@]}"; } | sha256sum | cut -c1-16)
mkdir -p "$cache"
tar=$cache/$name-$key.tar
if [ "${2:-}" = --path ]; then echo "$tar"; exit 0; fi
exec 9>"$cache/.lock-$name"
flock 9
if [ -f "$tar" ] && [ -z "$(find "$tar" -mtime +"$maxage")" ]; then
	echo "$tar"
	exit 0
fi

# Runs inside the new chroot (mmdebstrap customize hook, apt lists still
# there): the headers (from backports for deb12-bpo), then that ABI's
# image package(s), of which only the boot files are kept.
setup=$(mktemp)
trap 'rm -f "$setup"' EXIT
cat >"$setup" <<'SETUP'
set -eu
# INITRD=No: the kernel image some headers pull in needs no initramfs here
# (initramfs-tools' kernel hook honours it); saves minutes of CPU.
export DEBIAN_FRONTEND=noninteractive INITRD=No
if [ -n "$1" ]; then
	apt-get install -y -q --no-install-recommends -t "$1" linux-headers-amd64 >&2
else
	apt-get install -y -q --no-install-recommends linux-headers-amd64 >&2
fi
abi=$(ls -d /usr/src/linux-headers-*-amd64 | sed 's|.*/linux-headers-||' | sort -V | tail -1)
ver=$(dpkg-query -W -f='${Version}' "linux-headers-$abi")
mkdir -p /tmp/img /plx-kernel/lib/modules/"$abi"
cd /tmp/img
apt-get download -q "linux-image-$abi" >&2
for f in *.deb; do dpkg-deb -x "$f" x; done
vmlinuz=$(ls x/boot/vmlinuz-"$abi" x/usr/lib/modules/"$abi"/vmlinuz x/lib/modules/"$abi"/vmlinuz 2>/dev/null | head -1 || true)
if [ -z "$vmlinuz" ]; then
	# unstable splits the image: vmlinuz is in linux-binary-<abi>
	apt-get download -q "linux-binary-$abi" >&2
	for f in linux-binary-*.deb; do dpkg-deb -x "$f" x; done
	vmlinuz=$(ls x/boot/vmlinuz-"$abi" x/usr/lib/modules/"$abi"/vmlinuz x/lib/modules/"$abi"/vmlinuz 2>/dev/null | head -1)
fi
cp "$vmlinuz" /plx-kernel/vmlinuz
cfg=$(ls x/boot/config-"$abi" x/usr/lib/modules/"$abi"/config /usr/src/linux-headers-"$abi"/.config 2>/dev/null | head -1)
cp "$cfg" /plx-kernel/config
for m in modules.builtin modules.builtin.modinfo modules.order; do
	f=$(ls x/lib/modules/"$abi"/$m x/usr/lib/modules/"$abi"/$m 2>/dev/null | head -1 || true)
	[ -n "$f" ] && cp "$f" /plx-kernel/lib/modules/"$abi"/
done
echo "$abi" >/plx-kernel/abi
echo "$ver" >/plx-kernel/version
cd /
rm -rf /tmp/img
echo "chroot: kernel $abi ($ver)" >&2
SETUP

say "mmdebstrap $suite ($name) -> $tar (cold: about a minute or more)"
rm -f "$tar.tmp"
t0=$(date +%s)
mmdebstrap --variant=apt --format=tar --include=dkms,ca-certificates \
	${aptopts[@]+"${aptopts[@]}"} \
	--customize-hook="copy-in $setup /tmp" \
	--customize-hook="chroot \"\$1\" sh /tmp/$(basename "$setup") '$headers_from'" \
	--customize-hook='rm -f "$1"/tmp/tmp.*' \
	"$suite" "$tar.tmp" "${mirrors[@]}" >&2 || { rm -f "$tar.tmp"; die "mmdebstrap $suite failed"; }
mv "$tar.tmp" "$tar"
# Older tarballs of this release (other keys) are ours: drop them. Exactly
# 16 key characters: "deb12-*" would also match deb12-bpo's tarball.
for f in "$cache/$name"-????????????????.tar; do
	[ -f "$f" ] && [ "$f" != "$tar" ] && rm -f "$f"
done
say "$name ready in $(( $(date +%s) - t0 ))s"
echo "$tar"
