#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Build qemu-system-x86_64 (QEMU 7.2 from Debian bookworm's source package,
# Debian patches applied) with the emulated PLX 9656 board (`-device
# plx9656`) compiled in, and QEMU's edu device (`-device edu`) checked to
# be there, and print the binary's absolute path on stdout.
#
#   emu/qemu/build-qemu.sh            build if needed, print the path
#   emu/qemu/build-qemu.sh --key      print the cache key only
#   emu/qemu/build-qemu.sh --qtest    build (or find) the device's qtest
#                                     binary (emu/qtest/plx9656-test.c)
#                                     and print its path
#
# Caching (under ${PLX_CACHE:-~/.cache/plx9x5x}/qemu):
#   apt/                 private apt state (deb-src lines for Debian 12,
#                        on any host; the system's apt is not touched)
#   tree-<tkey>/         unpacked + configured QEMU tree, shared by every
#                        board version; tkey = Debian source version + the
#                        configure flags. Model/device edits only recompile
#                        the changed files there.
#   <key>/qemu-system-x86_64
#                        final binaries; key = tkey + this script + the
#                        device (emu/qemu/*.[ch]) and model (emu/model/*.[ch])
#                        sources. A warm rerun just prints this path.
#   qtest-<qkey>/plx9656-test
#                        the qtest binary, built in the same tree from
#                        emu/qtest/plx9656-test.c (copied to tests/qtest/,
#                        registered in tests/qtest/meson.build with one
#                        line); qkey = tkey + this script + the test and
#                        the model's register header it includes. The test
#                        is not in <key>: editing it rebuilds only the test.
# Progress goes to stderr. Needs what tools/deps.sh installs (meson,
# ninja-build, libglib2.0-dev, libpixman-1-dev, libfdt-dev, dpkg-dev).
# PLX_QEMU_JOBS (default 2) caps ninja's parallelism.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
CACHE=${PLX_CACHE:-$HOME/.cache/plx9x5x}/qemu
JOBS=${PLX_QEMU_JOBS:-2}
TREE_REV=1	# bump to force a fresh unpack/configure
CONFIGURE_FLAGS=(--target-list=x86_64-softmmu --without-default-features
	--disable-docs --disable-user --disable-tools --enable-tcg
	--disable-werror --with-git-submodules=ignore --disable-install-blobs
	--enable-fdt=system)

say() { echo "build-qemu: $*" >&2; }
die() { say "error: $*"; exit 1; }

mkdir -p "$CACHE"

# --- private apt: deb-src of Debian 12 (bookworm), whatever the host runs --
# Written here rather than copied from /etc/apt, so a Debian 13 host (whose
# sources name trixie) builds the same QEMU 7.2; the system's apt is not
# touched. PLX_DEBIAN_MIRROR overrides the archive.
APT=$CACHE/apt
MIRROR=${PLX_DEBIAN_MIRROR:-http://deb.debian.org/debian}
aptopts=(-o Dir::Etc::SourceList="$APT/sources.list"
	 -o Dir::Etc::SourceParts="$APT/sources.list.d"
	 -o Dir::State::Lists="$APT/lists" -o Dir::Cache="$APT/cache"
	 -o Dir::State::status=/dev/null
	 -o Debug::NoLocking=1 -o APT::Get::Only-Source=1
	 -o APT::Sandbox::User=root)
apt_setup() {
	mkdir -p "$APT/sources.list.d" "$APT/lists/partial" \
		"$APT/cache/archives/partial"
	rm -f "$APT"/sources.list.d/*
	printf '%s\n' "deb-src $MIRROR bookworm main" \
		"deb-src $MIRROR bookworm-updates main" \
		"deb-src ${MIRROR%/debian}/debian-security bookworm-security main" \
		> "$APT/sources.list"
}
src_version() {
	apt-cache "${aptopts[@]}" showsrc qemu 2>/dev/null |
		awk '/^Package: /{p=$2} /^Version: / && p=="qemu" {print $2}' |
		grep -E '^(1:)?7\.2' | sort -V | tail -1
}
lock() { exec 9>"$CACHE/.lock"; flock 9; }
if [ ! -f "$APT/version" ]; then
	lock
fi
if [ ! -f "$APT/version" ]; then
	apt_setup
	say "apt-get update (private lists)"
	apt-get "${aptopts[@]}" update -qq >&2 || die "apt-get update failed"
	v=$(src_version)
	[ -n "$v" ] || die "no qemu 7.2 source package in the bookworm sources"
	echo "$v" > "$APT/version"
fi
QVER=$(cat "$APT/version")

tkey=$( { echo "rev=$TREE_REV qemu=$QVER"; printf '%s\n' "${CONFIGURE_FLAGS[@]}"; } |
	sha256sum | cut -c1-16)
srcs=( "$HERE"/*.[ch] "$ROOT"/emu/model/*.[ch] )
key=$( { echo "$tkey"; cat "$0";
	for f in "${srcs[@]}"; do [ -f "$f" ] && { echo "== ${f#"$ROOT"/}"; cat "$f"; }; done; } |
	sha256sum | cut -c1-16)
if [ "${1:-}" = --key ]; then echo "$key"; exit 0; fi
qsrcs=( "$ROOT"/emu/qtest/*.c "$ROOT"/emu/model/plx9656_regs.h )
qkey=$( { echo "$tkey"; cat "$0";
	for f in "${qsrcs[@]}"; do [ -f "$f" ] && { echo "== ${f#"$ROOT"/}"; cat "$f"; }; done; } |
	sha256sum | cut -c1-16)
QTEST=0
if [ "${1:-}" = --qtest ]; then
	QTEST=1
	OUT=$CACHE/qtest-$qkey/plx9656-test
else
	OUT=$CACHE/$key/qemu-system-x86_64
fi
if [ -x "$OUT" ]; then	# warm: no lock needed (binaries appear by rename)
	echo "$OUT"
	exit 0
fi
lock
if [ -x "$OUT" ]; then	# built by someone else while we waited
	echo "$OUT"
	exit 0
fi

# --- unpacked, patched, configured tree (shared across board versions) ----
# Our device is one meson line; its files live in hw/misc/plx9656/: the
# device (qemu/plx9656-pci.c, from emu/qemu/), the model (model/*, from
# emu/model/), and model-qemu.c, which compiles the model in QEMU mode
# (qemu/osdep.h first, see emu/model/plx9656_port.h). Rewritten only when it
# differs, so meson does not re-run needlessly.
MESON_LINE="softmmu_ss.add(when: 'CONFIG_PCI', if_true: files('plx9656/qemu/plx9656-pci.c', 'plx9656/model-qemu.c'))  # plx9x5x"
meson_line() {
	local mb=$SRC/hw/misc/meson.build d=$SRC/hw/misc/plx9656
	mkdir -p "$d/qemu" "$d/model"
	printf '%s\n' '/* SPDX-License-Identifier: GPL-2.0-or-later */' \
		'/* plx9x5x: the board model compiled in QEMU mode */' \
		'#include "qemu/osdep.h"' '#include "model/plx9656.c"' > "$d/model-qemu.c.new"
	cmp -s "$d/model-qemu.c.new" "$d/model-qemu.c" && rm "$d/model-qemu.c.new" ||
		mv "$d/model-qemu.c.new" "$d/model-qemu.c"
	if ! grep -qxF "$MESON_LINE" "$mb"; then
		grep -v 'plx9656/' "$mb" > "$mb.new"
		echo "$MESON_LINE" >> "$mb.new"
		mv "$mb.new" "$mb"
	fi
}
# The qtest: tests/qtest/plx9656-test.c, one line in tests/qtest/meson.build
# (after qtests_x86_64 is set), rewritten only when it differs.
QTEST_LINE="qtests_x86_64 += ['plx9656-test']  # plx9x5x"
qtest_line() {
	local mb=$SRC/tests/qtest/meson.build
	[ -f "$ROOT/emu/qtest/plx9656-test.c" ] || die "emu/qtest/plx9656-test.c missing"
	cmp -s "$ROOT/emu/qtest/plx9656-test.c" "$SRC/tests/qtest/plx9656-test.c" ||
		cp "$ROOT/emu/qtest/plx9656-test.c" "$SRC/tests/qtest/plx9656-test.c"
	grep -qxF "$QTEST_LINE" "$mb" && return 0
	awk -v line="$QTEST_LINE" '/plx9656-test/ { next } { print }
		/^qtests_x86_64 = qtests_i386$/ { print line }' "$mb" > "$mb.new"
	grep -qxF "$QTEST_LINE" "$mb.new" ||
		die "tests/qtest/meson.build: no 'qtests_x86_64 = qtests_i386' line"
	mv "$mb.new" "$mb"
}
TREE=$CACHE/tree-$tkey
SRC=$TREE/src
if [ ! -f "$TREE/.configured" ]; then
	say "preparing QEMU $QVER in $TREE (cold: a few minutes)"
	rm -rf "$TREE"
	mkdir -p "$TREE/dl"
	# Fresh lists: the archive keeps only the newest 7.2 upload.
	apt_setup
	apt-get "${aptopts[@]}" update -qq >&2 || die "apt-get update failed"
	v=$(src_version)
	[ -n "$v" ] || die "no qemu 7.2 source package in the bookworm sources"
	if [ "$v" != "$QVER" ]; then
		say "Debian's qemu source is now $v; restarting with it"
		echo "$v" > "$APT/version"
		rm -rf "$TREE"
		exec 9>&-
		exec "$0" "$@"
	fi
	(cd "$TREE/dl" && apt-get "${aptopts[@]}" source --download-only -qq \
		"qemu=$QVER" >&2) || die "apt-get source qemu=$QVER failed"
	dsc=$(ls "$TREE"/dl/qemu_*.dsc | head -1)
	(cd "$TREE/dl" && dpkg-source --no-check -x "$dsc" "$SRC" >&2) ||
		die "dpkg-source -x failed"
	rm -rf "$TREE/dl"
	meson_line
	qtest_line
	# Placeholders so the first configure/build already knows the files.
	echo '/* placeholder */' > "$SRC/hw/misc/plx9656/qemu/plx9656-pci.c"
	echo '/* placeholder */' > "$SRC/hw/misc/plx9656/model/plx9656.c"
	say "configure"
	(cd "$SRC" && ./configure "${CONFIGURE_FLAGS[@]}" >"$TREE/configure.log" 2>&1) ||
		{ tail -30 "$TREE/configure.log" >&2; die "configure failed (see $TREE/configure.log)"; }
	touch "$TREE/.configured"
fi

# --- sync the device + model sources (copy only what changed) -------------
sync_dir() { # $1 = repo dir, $2 = tree dir
	local f d
	mkdir -p "$2"
	for f in "$1"/*.[ch]; do
		[ -f "$f" ] || continue
		d=$2/$(basename "$f")
		cmp -s "$f" "$d" || cp "$f" "$d"
	done
	for d in "$2"/*.[ch]; do
		[ -f "$d" ] || continue
		if [ ! -f "$1/$(basename "$d")" ]; then
			case "$(basename "$d")" in
			plx9656.c) echo '/* placeholder */' > "$d.new";
				cmp -s "$d.new" "$d" && rm "$d.new" || mv "$d.new" "$d" ;;
			*) rm -f "$d" ;;
			esac
		fi
	done
}
meson_line
[ -f "$HERE/plx9656-pci.c" ] || die "emu/qemu/plx9656-pci.c missing"
[ -f "$ROOT/emu/model/plx9656.c" ] || die "emu/model/plx9656.c missing"
sync_dir "$HERE" "$SRC/hw/misc/plx9656/qemu"
sync_dir "$ROOT/emu/model" "$SRC/hw/misc/plx9656/model"
qtest_line

if [ $QTEST = 1 ]; then
	say "ninja -j$JOBS tests/qtest/plx9656-test"
	(cd "$SRC/build" && ninja -j"$JOBS" tests/qtest/plx9656-test \
		>"$TREE/ninja-qtest.log" 2>&1) ||
		{ grep -E 'error|Error' "$TREE/ninja-qtest.log" | head -40 >&2;
		  die "qtest build failed (see $TREE/ninja-qtest.log)"; }
	d=$(dirname "$OUT")
	rm -rf "$d.tmp"
	mkdir -p "$d.tmp"
	cp "$SRC/build/tests/qtest/plx9656-test" "$d.tmp/"
	rm -rf "$d"
	mv "$d.tmp" "$d"
	# Keep the last few test binaries only.
	ls -1dt "$CACHE"/qtest-* 2>/dev/null | grep -E '/qtest-[0-9a-f]{16}$' |
		tail -n +6 | xargs -r rm -rf
	say "built $OUT"
	echo "$OUT"
	exit 0
fi

say "ninja -j$JOBS qemu-system-x86_64"
(cd "$SRC/build" && ninja -j"$JOBS" qemu-system-x86_64 >"$TREE/ninja.log" 2>&1) ||
	{ grep -E 'error|Error' "$TREE/ninja.log" | head -40 >&2;
	  die "build failed (see $TREE/ninja.log)"; }
"$SRC/build/qemu-system-x86_64" -device help 2>/dev/null | grep -q '"plx9656"' ||
	die "built QEMU has no plx9656 device"
# QEMU's own edu device (hw/misc/edu.c) for the second driver (samples/edu):
# CONFIG_EDU defaults to y under TEST_DEVICES, which the PC machines imply.
"$SRC/build/qemu-system-x86_64" -device help 2>/dev/null | grep -q '"edu"' ||
	die "built QEMU has no edu device"
mkdir -p "$CACHE/$key.tmp"
cp "$SRC/build/qemu-system-x86_64" "$CACHE/$key.tmp/"
echo "$QVER" > "$CACHE/$key.tmp/qemu-version"
rm -rf "$CACHE/$key"
mv "$CACHE/$key.tmp" "$CACHE/$key"
# Keep the last few binaries only.
ls -1dt "$CACHE"/[0-9a-f]*[0-9a-f] 2>/dev/null | grep -E '/[0-9a-f]{16}$' |
	tail -n +11 | xargs -r rm -rf
say "built $CACHE/$key/qemu-system-x86_64"
echo "$CACHE/$key/qemu-system-x86_64"
