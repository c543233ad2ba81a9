#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# dkms-src.sh DEST: install the module sources as a DKMS source tree in DEST
# (normally /usr/src/plx9x5x-<version>, or the Debian package's staging
# directory): the top-level Kbuild and VERSION, shim/, plx9x5x/ and
# samples/edu/ (wdfedu.ko; its test tool edutest.c stays out) without
# tests, make fragments or build products, and dkms.conf with its
# PACKAGE_VERSION ("#MODULE_VERSION#", the dh_dkms convention) replaced by
# the contents of VERSION, the project's one version source.
# Refuses a DEST whose last component does not end in -<version>.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
dest=${1:?usage: dkms-src.sh DEST}
ver=$(cat "$root/VERSION")
case "$ver" in
''|*[!0-9A-Za-z.+~]*) echo "dkms-src: bad VERSION '$ver'" >&2; exit 1 ;;
esac
case "${dest%/}" in
*-"$ver") ;;
*) echo "dkms-src: DEST must end in -$ver (got $dest)" >&2; exit 1 ;;
esac
for d in shim plx9x5x samples/edu; do
	[ -f "$root/$d/Kbuild" ] || { echo "dkms-src: $d/Kbuild missing" >&2; exit 1; }
done

mkdir -p "$dest"
install -m644 "$root/Kbuild" "$root/VERSION" "$dest/"
sed "s/#MODULE_VERSION#/$ver/g" "$root/dkms.conf" >"$dest/dkms.conf"
chmod 644 "$dest/dkms.conf"
rsync -a --delete --chmod=D755,F644 \
	--exclude='tests/' --exclude='*.mk' --exclude='.*' \
	--exclude='*.o' --exclude='*.ko' --exclude='*.mod' --exclude='*.mod.c' \
	--exclude='*.cmd' --exclude='*.a' --exclude='*.d' --exclude='*.symvers' \
	--exclude='modules.order' --exclude='*.orig' --exclude='*.rej' \
	--exclude='*.rules' --exclude='*.md' \
	"$root/shim" "$root/plx9x5x" "$dest/"
mkdir -p "$dest/samples"
rsync -a --delete --chmod=D755,F644 \
	--exclude='*.mk' --exclude='.*' --exclude='edutest.c' \
	--exclude='*.o' --exclude='*.ko' --exclude='*.mod' --exclude='*.mod.c' \
	--exclude='*.cmd' --exclude='*.a' --exclude='*.d' --exclude='*.symvers' \
	--exclude='modules.order' --exclude='*.orig' --exclude='*.rej' \
	--exclude='*.md' \
	"$root/samples/edu" "$dest/samples/"
