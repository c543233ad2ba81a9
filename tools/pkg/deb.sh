#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# deb: build the Debian packages plx9x5x-dkms and plx9x5x-utils with
# dpkg-buildpackage (debhelper 13, dh --with dkms) from a copy of the source
# tree in build/deb/plx9x5x-<version>/ (the .debs land in build/deb/),
# with debian/changelog generated from VERSION (or reuse build/deb/ when it
# was built from the same source and toolchain: see "build (or reuse)"
# below; the first test point says which happened); check their contents; run
# lintian (errors and warnings fail; every override must carry a reason);
# check the autopkgtest (debian/tests: autodep8 sees the DKMS test and ours,
# and plxtest-cli passes against the unpacked plx9x5x-utils);
# then install them with apt-get (the DKMS postinst builds and installs the
# modules for every kernel with headers), check the modules for 6.1 and
# 6.12, boot 6.12 on the emulated board with the installed modules and run
# a loopback (vm-loopback.sh), and purge both packages: no modules, DKMS
# state, udev rule or plxtest may remain. Needs root (sudo otherwise);
# cleans up on any exit. Output: TAP (tools/tap/tap.sh).
# PLX_DEB_BUILD_ONLY=1 ("make deb-build"): stop after building, checking
# the contents, lintian and the autopkgtest checks; nothing is installed.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
[ -f "$PLX_CACHE/kernels.env" ] || "$PKG_ROOT/tools/deps.sh" >&2
. "$PLX_CACHE/kernels.env"
out=$PKG_ROOT/build/deb
tree=$out/plx9x5x-$PKG_VER
work=$(mktemp -d /tmp/plx-deb.XXXXXX)
MAINT=$(sed -n 's/^Maintainer: //p' "$PKG_ROOT/debian/control")
pkg_lock

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed'; }
purge() {
	if installed plx9x5x-dkms || installed plx9x5x-utils ||
	   dpkg-query -W plx9x5x-dkms plx9x5x-utils >/dev/null 2>&1; then
		DEBIAN_FRONTEND=noninteractive $SUDO apt-get purge -y -qq \
			plx9x5x-dkms plx9x5x-utils >"$work/purge.log" 2>&1
	fi
}
build_only=${PLX_DEB_BUILD_ONLY:-0}
cleanup() {
	if [ "$build_only" != 1 ]; then
		purge
		dkms_purge
		depmod_restore
	fi
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ "$build_only" != 1 ]; then
	purge
	dkms_purge
	depmod_snapshot
fi

# --- build (or reuse) ----------------------------------------------------------
# The key of a build: the source files exactly as srctree.sh copies them
# (a tar of them with fixed owners and times, so content, names, modes and
# symlinks count; debian/changelog is generated, not copied) and the host's
# packaging toolchain. deb-build (run first by the matrix suite) and deb
# (later in make check) build the same tree: the second finds the key of
# the first in build/deb/source.key next to its .debs and reuses them, and
# lintian's verdict on them, instead of running dpkg-buildpackage again.
# Any other key (an edit, another toolchain) or a missing file rebuilds;
# PLX_DEB_REBUILD=1 always rebuilds. A build records the key of its copy
# (taken before the build), so an edit made while it ran is not mistaken
# for what was built.
# source_key DIR: the key of the source tree DIR (the checkout or a copy).
source_key() {
	local list
	list=$(mktemp) || return 1
	(cd "$1" && "$PKG_ROOT/tools/pkg/srctree.sh" list "$1" | grep -vx 'debian/changelog' >"$list" &&
		tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner \
			--verbatim-files-from -T "$list" -cf - | sha256sum | cut -c1-64) || {
		rm -f "$list"; return 1; }
	rm -f "$list"
	echo "version $PKG_VER, $(dpkg --print-architecture)"
	dpkg-query -W -f='${Package} ${Version}\n' dpkg-dev debhelper dh-dkms gcc libc6-dev lintian 2>/dev/null
}
key=$(source_key "$PKG_ROOT") || key=
keyfile=$out/source.key
reuse=0
if [ -n "$key" ] && [ "${PLX_DEB_REBUILD:-0}" != 1 ] && [ -f "$keyfile" ] &&
   [ "$(cat "$keyfile")" = "$key" ] &&
   [ -f "$out/plx9x5x-dkms_${PKG_VER}_all.deb" ] &&
   [ -f "$out/plx9x5x-utils_${PKG_VER}_$(dpkg --print-architecture).deb" ] &&
   [ -f "$out/plx9x5x_${PKG_VER}_$(dpkg --print-architecture).changes" ] &&
   [ -f "$tree/debian/changelog" ]; then
	reuse=1
fi
kshort=$(printf '%s\n' "$key" | head -1 | cut -c1-12)
if [ -f "$PKG_ROOT/debian/changelog" ]; then
	cv=$(dpkg-parsechangelog -l "$PKG_ROOT/debian/changelog" -S Version)
	check "debian/changelog version $cv = VERSION $PKG_VER" test "$cv" = "$PKG_VER"
fi
if [ $reuse = 1 ]; then
	age=$(( $(date +%s) - $(stat -c %Y "$keyfile") ))
	pass "dpkg-buildpackage -us -uc -b: not run, reused build/deb/ (built ${age}s ago from the same source and toolchain, key $kshort)"
else
	if [ -z "$key" ]; then
		why="the source key could not be computed"
	elif [ "${PLX_DEB_REBUILD:-0}" = 1 ]; then
		why="PLX_DEB_REBUILD=1"
	elif [ -f "$keyfile" ]; then
		why="build/deb/ was built from another source or toolchain"
	else
		why="no earlier build in build/deb/"
	fi
	rm -rf "$out"
	"$PKG_ROOT/tools/pkg/srctree.sh" copy "$tree" --drop '^debian/changelog$'
	[ -z "$key" ] || key=$(source_key "$tree") || key=
	# Native package: the Debian version is VERSION itself.
	{
		echo "plx9x5x ($PKG_VER) unstable; urgency=medium"
		echo
		echo "  * Release $PKG_VER (generated from VERSION by tools/pkg/deb.sh)."
		echo
		echo " -- $MAINT  $(date -R ${SOURCE_DATE_EPOCH:+-d @$SOURCE_DATE_EPOCH})"
	} >"$tree/debian/changelog"
	t0=$(date +%s)
	if (cd "$tree" && dpkg-buildpackage -us -uc -b -j2) >"$out/build.log" 2>&1; then
		pass "dpkg-buildpackage -us -uc -b ($(( $(date +%s) - t0 ))s, build/deb/; built: $why, key ${kshort:-none})"
		[ -z "$key" ] || printf '%s\n' "$key" >"$keyfile"
	else
		fail "dpkg-buildpackage -us -uc -b (log: build/deb/build.log)"
		tail_log "$out/build.log" 30
	fi
fi
arch=$(dpkg --print-architecture)
ddeb=$out/plx9x5x-dkms_${PKG_VER}_all.deb
udeb=$out/plx9x5x-utils_${PKG_VER}_${arch}.deb
changes=$out/plx9x5x_${PKG_VER}_${arch}.changes
check "build/deb has plx9x5x-dkms, plx9x5x-utils and the .changes" \
	test -f "$ddeb" -a -f "$udeb" -a -f "$changes"
left=$(cd "$PKG_ROOT" && ls -d ../plx9x5x_* ../plx9x5x-* debian/.debhelper \
	debian/plx9x5x-dkms debian/plx9x5x-utils debian/files 2>/dev/null)
check "nothing left in or next to the source tree${left:+: $left}" test -z "$left"

# --- contents --------------------------------------------------------------
if [ -f "$ddeb" ]; then
	dpkg-deb -c "$ddeb" | awk '{print $6}' | sed 's|^\./|/|' >"$work/dkms.list"
	s=/usr/src/plx9x5x-$PKG_VER
	miss=
	for f in $s/dkms.conf $s/Kbuild $s/VERSION $s/shim/Kbuild $s/plx9x5x/Kbuild \
		 $s/plx9x5x/uapi/plx9x5x.h $s/shim/include/wdf.h \
		 /usr/lib/udev/rules.d/60-plx9x5x.rules; do
		grep -qx "$f" "$work/dkms.list" || miss="$miss $f"
	done
	check "plx9x5x-dkms ships the DKMS sources and the udev rule${miss:+ (missing:$miss)}" \
		test -z "$miss"
	extra=$(grep -E '/tests?/|\.mk$|\.o$|\.ko$|\.md$' "$work/dkms.list" | grep -v '^/usr/share/doc/' || true)
	check "no tests, make fragments or build products in plx9x5x-dkms${extra:+: $(echo $extra)}" \
		test -z "$extra"
	dpkg-deb --fsys-tarfile "$ddeb" | tar -xO ".$s/dkms.conf" >"$work/dkms.conf" 2>/dev/null
	check "installed dkms.conf has PACKAGE_VERSION=\"$PKG_VER\"" \
		grep -qx "PACKAGE_VERSION=\"$PKG_VER\"" "$work/dkms.conf"
	dpkg-deb -I "$ddeb" postinst >"$work/postinst" 2>/dev/null
	check "plx9x5x-dkms postinst registers plx9x5x $PKG_VER with DKMS" \
		grep -q "DKMS_VERSION=$PKG_VER" "$work/postinst"
else
	fail "plx9x5x-dkms contents (no package)"
fi
if [ -f "$udeb" ]; then
	dpkg-deb -c "$udeb" | awk '{print $6}' >"$work/utils.list"
	check "plx9x5x-utils ships /usr/bin/plxtest and plxtest(1)" \
		bash -c 'grep -qx ./usr/bin/plxtest "$1" && grep -qx ./usr/share/man/man1/plxtest.1.gz "$1"' _ "$work/utils.list"
else
	fail "plx9x5x-utils contents (no package)"
fi

# --- lintian ----------------------------------------------------------------
if [ -f "$changes" ]; then
	# reused .debs: lintian already ran on exactly these files (its log
	# and status are kept next to them)
	if [ $reuse = 1 ] && [ -f "$out/lintian.log" ] && [ -f "$out/lintian.rc" ]; then
		lrc=$(cat "$out/lintian.rc") lhow="lintian's verdict on these .debs when they were built"
	else
		lintian --display-info --show-overrides "$changes" >"$out/lintian.log" 2>&1
		lrc=$?
		echo "$lrc" >"$out/lintian.rc"
		lhow=lintian
	fi
	bad=$(grep -E '^[EW]: ' "$out/lintian.log" || true)
	sed 's/^/    lintian: /' "$out/lintian.log"
	check "$lhow on the .changes and .debs: no errors or warnings (rc $lrc)" \
		test -z "$bad" -a "$lrc" -eq 0
else
	fail "lintian (no .changes)"
fi
noreason=
for o in "$PKG_ROOT"/debian/*lintian-overrides "$PKG_ROOT"/debian/source/lintian-overrides; do
	[ -f "$o" ] || continue
	# every override line must follow a comment line giving the reason
	noreason+=$(awk -v f="${o#$PKG_ROOT/}" '
		/^#/ && !/SPDX-License-Identifier/ { c = 1; next }
		/^[[:space:]]*$/ { next }
		{ if (!c) print f ": " $0; c = 0 }' "$o")
done
check "every lintian override carries a reason${noreason:+: $noreason}" test -z "$noreason"

# --- autopkgtest (debian/tests) ----------------------------------------------
# autodep8 must see both the source's Testsuite (dkms-autopkgtest) and
# debian/tests/control; plxtest-cli runs here against the unpacked utils
# package (nothing installed); board-loopback needs a testbed with a board.
if command -v autodep8 >/dev/null; then
	(cd "$PKG_ROOT" && autodep8) >"$work/autodep8" 2>&1
	check "autodep8: dkms-autopkgtest + plxtest-cli + board-loopback" \
		bash -c 'grep -q "^Test-Command: /usr/lib/dkms/dkms-autopkgtest" "$1" &&
			 grep -q "^Tests: plxtest-cli" "$1" && grep -q "^Tests: board-loopback" "$1"' \
		_ "$work/autodep8"
else
	fail "autodep8 not installed (tools/deps.sh)"
fi
if [ -f "$udeb" ]; then
	mkdir -p "$work/utils" "$work/aptmp"
	dpkg-deb -x "$udeb" "$work/utils"
	if PATH="$work/utils/usr/bin:$PATH" MANPATH="$work/utils/usr/share/man" \
	   AUTOPKGTEST_TMP="$work/aptmp" "$PKG_ROOT/debian/tests/plxtest-cli" \
	   >"$work/cli.log" 2>&1; then
		pass "debian/tests/plxtest-cli on the unpacked plx9x5x-utils: $(tail -1 "$work/cli.log")"
	else
		fail "debian/tests/plxtest-cli on the unpacked plx9x5x-utils"
		tail_log "$work/cli.log" 20
	fi
else
	fail "debian/tests/plxtest-cli (no package)"
fi

if [ "$build_only" = 1 ]; then	# make deb-build
	summary deb
	exit
fi

# --- install, use, purge ------------------------------------------------------
if [ -f "$ddeb" ] && [ -f "$udeb" ]; then
	t0=$(date +%s)
	if DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q \
		--no-install-recommends "$ddeb" "$udeb" >"$out/install.log" 2>&1; then
		pass "apt-get install ./plx9x5x-dkms ./plx9x5x-utils ($(( $(date +%s) - t0 ))s)"
	else
		fail "apt-get install ./plx9x5x-dkms ./plx9x5x-utils"
		tail_log "$out/install.log" 30
		tail_log "$(ls /var/lib/dkms/plx9x5x/*/build/make.log 2>/dev/null | head -1)" 30
	fi
else
	fail "apt-get install (no packages)"
fi
for abi in "$K61" "$K612"; do
	n=0
	for m in wdfshim plx9x5x wdfedu; do
		ko=$(ls /lib/modules/"$abi"/updates/dkms/"$m".ko* 2>/dev/null | head -1)
		[ -n "$ko" ] && [[ "$(modinfo -F vermagic "$ko")" == "$abi "* ]] && n=$((n + 1))
	done
	check "postinst built and installed wdfshim + plx9x5x + wdfedu for $abi (/lib/modules/$abi/updates/dkms)" \
		test $n -eq 3
	check "dkms status: plx9x5x/$PKG_VER installed for $abi" \
		bash -c 'dkms status "plx9x5x/$1" -k "$2" 2>/dev/null | grep -q ": installed"' _ "$PKG_VER" "$abi"
done
check "udev rule installed" test -f /usr/lib/udev/rules.d/60-plx9x5x.rules
check "plxtest installed and runs (--help)" bash -c '/usr/bin/plxtest --help | grep -q usage'
if "$PKG_ROOT/tools/pkg/vm-loopback.sh" "$K612" "/lib/modules/$K612/updates/dkms" >"$work/vm.log" 2>&1; then
	pass "boot $K612 with the .deb-installed modules: $(tail -1 "$work/vm.log")"
else
	fail "boot $K612 with the .deb-installed modules, modprobe by alias, loopback"
	tail_log "$work/vm.log" 30
fi

if DEBIAN_FRONTEND=noninteractive $SUDO apt-get purge -y -q plx9x5x-dkms plx9x5x-utils \
	>"$out/purge.log" 2>&1; then
	pass "apt-get purge plx9x5x-dkms plx9x5x-utils"
else
	fail "apt-get purge plx9x5x-dkms plx9x5x-utils"; tail_log "$out/purge.log"
fi
left=$(dkms_leftovers; ls /usr/lib/udev/rules.d/60-plx9x5x.rules /usr/bin/plxtest 2>/dev/null;
       dpkg-query -W -f='${Package} ${Status}\n' plx9x5x-dkms plx9x5x-utils 2>/dev/null | grep -v 'not-installed')
check "purge left no modules, DKMS state, files or package state${left:+: $(echo $left)}" test -z "$left"
summary deb
