#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# ksrc.sh SERIES: print the path of a pristine extracted linux-source-SERIES
# tree (Debian package linux-source-SERIES, e.g. 6.12 or 6.1), extracting it
# into $PLX_CACHE/src/ on first use, keyed by the tarball's package version.
# Concurrent callers are serialised with flock. Callers must not modify the
# tree in place except through their own documented, idempotent grafts.
set -euo pipefail
series=${1:?usage: ksrc.sh SERIES}
cache=${PLX_CACHE:-$HOME/.cache/plx9x5x}
tarball=$(ls /usr/src/linux-source-"$series".tar.* 2>/dev/null | head -1 || true)
if [ -z "$tarball" ]; then
	"$(dirname "$0")"/deps.sh >&2
	tarball=$(ls /usr/src/linux-source-"$series".tar.* | head -1)
fi
ver=$(dpkg-query -W -f='${Version}' "linux-source-$series")
dest=$cache/src/linux-source-$series-$ver
mkdir -p "$cache/src"
exec 9>"$cache/src/.lock-$series"
flock 9
if [ ! -f "$dest/.extracted" ]; then
	echo "ksrc: extracting $tarball (linux-source-$series $ver)" >&2
	rm -rf "$dest" "$dest.tmp"
	mkdir -p "$dest.tmp"
	tar -xf "$tarball" -C "$dest.tmp" --strip-components=1
	touch "$dest.tmp/.extracted"
	mv "$dest.tmp" "$dest"
fi
echo "$dest"
