#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Install every Debian package the project needs, for the Debian release the
# host runs (/etc/os-release), and fetch the guest kernel images. Idempotent:
# a second run with everything present does no network access and returns in
# well under a second. Uses sudo when not root.
#
# Supported hosts and where the two guest kernels (6.1 = K61, 6.12 = K612)
# come from:
#   Debian 12 (bookworm): 6.1 from bookworm; 6.12 from bookworm-backports,
#     which this script enables in the host's apt sources (a suite of the
#     host's own release; README says so).
#   Debian 13 (trixie): 6.12 is trixie's own kernel; 6.1 comes from
#     Debian 12's archive through a PRIVATE apt directory
#     ($PLX_CACHE/apt-bookworm: its own sources.list, lists and cache; the
#     host's apt sources are never touched): its linux-headers/kbuild .debs
#     are downloaded there and installed with `apt-get install ./x.deb`
#     (their dependencies, gcc-12 and libraries, come from trixie), its image
#     is only extracted into the cache. Nothing is added to /etc/apt.
# Any other release: a clear error naming the supported ones.
#
# Writes $PLX_CACHE/kernels.env (K61=, K612=, HOST_RELEASE=) and
# $PLX_CACHE/kernels/<abi>/{vmlinuz,config,lib/modules/<abi>/...}.
# Prints nothing but progress on stderr; exits non-zero on failure.
# PLX_DEBIAN_MIRROR (default http://deb.debian.org/debian) is the archive the
# private apt directory uses.
set -euo pipefail

STAMP_DIR=${PLX_CACHE:-$HOME/.cache/plx9x5x}
MIRROR=${PLX_DEBIAN_MIRROR:-http://deb.debian.org/debian}
SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo

say() { echo "deps: $*" >&2; }
die() { say "$*"; exit 1; }

# shellcheck disable=SC1091
[ -r /etc/os-release ] && . /etc/os-release
HOST=${VERSION_CODENAME:-unknown}
case "$HOST" in
bookworm|trixie) ;;
*) die "unsupported host '${PRETTY_NAME:-$HOST}': the supported hosts are Debian 12 (bookworm) and Debian 13 (trixie)" ;;
esac

PKGS=(
	build-essential bc bison flex libelf-dev libssl-dev kmod cpio
	busybox-static rsync xz-utils zstd python3 perl sparse
	dkms dh-dkms debhelper lintian fakeroot dpkg-dev pkg-config autodep8
	meson ninja-build libglib2.0-dev libpixman-1-dev libfdt-dev
	seabios qemu-system-data mmdebstrap
	linux-source-6.12
)
[ "$HOST" = bookworm ] && PKGS+=(linux-source-6.1)

need_update=0
if [ "$HOST" = bookworm ] &&
   ! grep -rqs bookworm-backports /etc/apt/sources.list /etc/apt/sources.list.d/; then
	# The host's own release's backports suite (for the 6.12 kernel).
	say "enabling bookworm-backports (Debian 12's own backports suite)"
	printf '%s\n' 'Types: deb' "URIs: $MIRROR" \
		'Suites: bookworm-backports' 'Components: main' \
		'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg' |
		$SUDO tee /etc/apt/sources.list.d/bookworm-backports.sources >/dev/null
	need_update=1
fi

# Kernel ABI names behind the linux-image-amd64 metapackage, resolved from
# the archive so a new point release is picked up. $1 = version pattern;
# further arguments are apt options (the private directory).
kabi() {
	local pat=$1; shift
	apt-cache "$@" show linux-image-amd64 2>/dev/null |
		awk -v pat="$pat" '/^Version:/ {v=$2} /^Depends:/ && v ~ pat && !done {
			sub(/^Depends: linux-image-/, ""); sub(/[ ,].*/, ""); print; done=1 }'
}

missing() {
	local p
	for p in "$@"; do
		dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
			grep -q '^install ok installed$' || echo "$p"
	done
}

# --- the private Debian 12 apt directory (trixie hosts, for 6.1) -----------
PAPT=$STAMP_DIR/apt-bookworm
PAPT_OPTS=(-o Dir::Etc::SourceList="$PAPT/sources.list"
	-o Dir::Etc::SourceParts="$PAPT/parts"
	-o Dir::Etc::Preferences=/dev/null
	-o Dir::Etc::PreferencesParts="$PAPT/parts"
	-o Dir::State::Lists="$PAPT/lists"
	-o Dir::Cache="$PAPT/cache"
	-o Dir::State::status=/dev/null
	-o APT::Architecture=amd64
	-o APT::Sandbox::User=root
	-o Debug::NoLocking=1)
papt_update() {
	mkdir -p "$PAPT/parts" "$PAPT/lists/partial" "$PAPT/cache/archives/partial"
	printf '%s\n' "deb $MIRROR bookworm main" \
		"deb $MIRROR bookworm-updates main" \
		"deb ${MIRROR%/debian}/debian-security bookworm-security main" \
		>"$PAPT/sources.list"
	say "apt-get update (Debian 12, private lists in $PAPT)"
	apt-get "${PAPT_OPTS[@]}" -qq update >&2 || die "private apt-get update failed"
}

# --- resolve the two guest kernels -----------------------------------------
if [ $need_update = 1 ] || [ -n "$(missing "${PKGS[@]}")" ] ||
   [ -z "$(kabi '^6\.12\.')" ]; then
	say "apt-get update"
	$SUDO apt-get update -qq
fi
K612=$(kabi '^6\.12\.')
# Prefer kernels whose headers are already installed (stable reruns).
have61=$(ls -d /usr/src/linux-headers-6.1.*-amd64 2>/dev/null | sort -V | tail -1 || true)
have612=$(ls -d /usr/src/linux-headers-6.12.*-amd64 2>/dev/null | sort -V | tail -1 || true)
if [ "$HOST" = trixie ]; then
	have612=$(ls -d /usr/src/linux-headers-6.12.*+deb13-amd64 2>/dev/null | sort -V | tail -1 || true)
	if [ -n "$have61" ]; then
		K61=${have61#/usr/src/linux-headers-}
	else
		papt_update
		K61=$(kabi '^6\.1\.' "${PAPT_OPTS[@]}")
	fi
else
	K61=$(kabi '^6\.1\.')
	[ -n "$have61" ] && K61=${have61#/usr/src/linux-headers-}
fi
[ -n "$have612" ] && K612=${have612#/usr/src/linux-headers-}
[ -n "$K61" ] && [ -n "$K612" ] ||
	die "cannot resolve kernel ABIs on $HOST (6.1: '${K61:-}', 6.12: '${K612:-}')"

# --- host packages ---------------------------------------------------------
todo=$(missing "${PKGS[@]}" "linux-headers-$K612")
[ "$HOST" = bookworm ] && todo+=$'\n'$(missing "linux-headers-$K61")
todo=$(echo "$todo" | grep . || true)
if [ -n "$todo" ]; then
	say "installing:" $todo
	if [ "$HOST" = bookworm ]; then
		# Everything from bookworm proper, except the 6.12 kernel
		# headers, which only bookworm-backports has (-t there applies
		# to that package and its kbuild dependencies only).
		# shellcheck disable=SC2086
		DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
			--no-install-recommends \
			$(echo "$todo" | grep -v '^linux-headers-6\.12\.' || true) >/dev/null
		if echo "$todo" | grep -q '^linux-headers-6\.12\.'; then
			DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
				--no-install-recommends -t bookworm-backports \
				"linux-headers-$K612" >/dev/null
		fi
	else
		# shellcheck disable=SC2086
		DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
			--no-install-recommends $todo >/dev/null
	fi
fi
if [ "$HOST" = trixie ] && [ -n "$(missing "linux-headers-$K61")" ]; then
	# Debian 12's 6.1 headers on a Debian 13 host: the .debs come from the
	# private apt directory; apt installs them as local files.
	[ -f "$PAPT/sources.list" ] || papt_update
	d=$(mktemp -d)
	ver=$(apt-cache "${PAPT_OPTS[@]}" show "linux-headers-$K61" |
		awk '/^Version:/ {print $2; exit}')
	common=$(apt-cache "${PAPT_OPTS[@]}" show "linux-headers-$K61" |
		sed -n 's/^Depends: //p' | head -1 | tr ',' '\n' |
		sed -E 's/^ *//; s/ .*//' | grep -E '^linux-(headers-.*-common|kbuild-|compiler-)')
	say "fetching Debian 12's linux-headers-$K61 $ver:" $common
	# shellcheck disable=SC2086
	(cd "$d" && apt-get "${PAPT_OPTS[@]}" -qq download "linux-headers-$K61" $common >&2) ||
		die "cannot download Debian 12's linux-headers-$K61"
	say "installing ./$(cd "$d" && echo *.deb | sed 's/ / .\//g')"
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
		--no-install-recommends "$d"/*.deb >/dev/null ||
		{ rm -rf "$d"; die "cannot install Debian 12's linux-headers-$K61 on $HOST"; }
	rm -rf "$d"
fi

# --- guest kernel images ------------------------------------------------------
# Extracted into the cache, never installed on the host (the host cannot
# boot them and their postinst is not wanted).
mkdir -p "$STAMP_DIR/kernels"
for k in "$K61" "$K612"; do
	d="$STAMP_DIR/kernels/$k"
	[ -f "$d/vmlinuz" ] && continue
	say "fetching linux-image-$k"
	t=$(mktemp -d)
	if [ "$HOST" = trixie ] && [ "$k" = "$K61" ]; then
		[ -f "$PAPT/sources.list" ] || papt_update
		(cd "$t" && apt-get "${PAPT_OPTS[@]}" download -qq "linux-image-$k" >/dev/null)
	else
		(cd "$t" && apt-get download -qq "linux-image-$k" >/dev/null 2>&1 ||
		 apt-get download -qq -t bookworm-backports "linux-image-$k" >/dev/null)
	fi
	rm -rf "$d.tmp.$$"
	mkdir -p "$d.tmp.$$"
	dpkg-deb -x "$t"/linux-image-*.deb "$d.tmp.$$"
	cp "$d.tmp.$$/boot/vmlinuz-$k" "$d.tmp.$$/vmlinuz"
	cp "$d.tmp.$$/boot/config-$k" "$d.tmp.$$/config"
	rm -rf "$t"
	# Another engineer's run may have put it there meanwhile: keep theirs.
	if [ -f "$d/vmlinuz" ]; then rm -rf "$d.tmp.$$"; else rm -rf "$d"; mv "$d.tmp.$$" "$d"; fi
done
printf 'K61=%s\nK612=%s\nHOST_RELEASE=%s\n' "$K61" "$K612" "$HOST" >"$STAMP_DIR/kernels.env.$$"
mv "$STAMP_DIR/kernels.env.$$" "$STAMP_DIR/kernels.env"
say "ok on $HOST (6.1: $K61, 6.12: $K612)"
