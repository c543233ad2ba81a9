#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# dkms-src.sh DEST: install the module sources as a DKMS source tree in DEST
# (normally /usr/src/plx9x5x-<version>, or the Debian package's staging
# directory), emptied first: the top-level Kbuild and VERSION, shim/,
# plx9x5x/ and samples/edu/ (wdfedu.ko; its test tool edutest.c stays out)
# without tests, make fragments or build products, and dkms.conf with its
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

# The DKMS file set, out of the one source list (tools/pkg/srctree.sh):
# the build files of the three modules; no tests, make fragments, docs,
# udev rules or dot files.
"$root/tools/pkg/srctree.sh" copy "$dest" \
	--only '^(Kbuild|VERSION|shim/|plx9x5x/|samples/edu/)' \
	--drop '(^|/)(tests/|\.)|\.(mk|md|rules)$|^samples/edu/edutest\.c$'
sed "s/#MODULE_VERSION#/$ver/g" "$root/dkms.conf" >"$dest/dkms.conf"
chmod -R u=rwX,go=rX "$dest"
find "$dest" -type f -exec chmod 644 {} +
