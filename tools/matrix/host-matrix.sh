#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# host-matrix: the README's commands on a Debian 13 host, automatically. Makes
# a fresh Debian 13 (trixie) chroot with mmdebstrap (--variant=apt plus make,
# git, ca-certificates: what a user has before reading the README), clones
# this repository's HEAD into it (a clean clone: uncommitted changes are not
# in it), makes its root a mount point as on a real host (the matrix suite's
# own `unshare -m --propagation private` fails on a root that is not one),
# mounts /proc and /dev (in a private mount namespace: nothing stays
# mounted), and runs `make TARGET` for each TARGET (default: run) as root
# inside, with an empty cache (/root/.cache/plx9x5x of the chroot): the cold
# path a new user takes, QEMU build included. Then deletes the chroot
# (PLX_KEEP_CHROOT=1 keeps it and prints where).
# PLX_HOST_MATRIX_SEED=DIR copies DIR (e.g. ~/.cache/plx9x5x) into the
# chroot's cache first: the chroot and the clone stay fresh, but what the
# cache already holds under the same content key is not rebuilt (QEMU and
# the matrix chroots are keyed by their sources and recipe, not by the
# host: a seeded QEMU was built on the seed's host). A cold `make check`
# here takes hours on 2 cores; the seed makes it fit in one sitting.
#
#   tools/matrix/host-matrix.sh [TARGET...]
#
# Expensive: a cold `make run` builds QEMU (minutes on 2 cores); `make check`
# there takes much longer. Not part of make check. Logs:
# build/logs/host-matrix-<target>.log. Output: TAP
# (tools/pkg/lib.sh), one test point per step and target.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
. "$ROOT/tools/pkg/lib.sh"
LOGDIR=${PLX_LOGDIR:-$ROOT/build/logs}
MIRROR=${PLX_DEBIAN_MIRROR:-http://deb.debian.org/debian}
SEC=${MIRROR%/debian}/debian-security
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(run)
mkdir -p "$LOGDIR"
[ "$(id -u)" -eq 0 ] || { fail "host-matrix needs root"; summary host-matrix; exit 1; }

r=$(mktemp -d /var/tmp/plx-host-matrix.XXXXXX)
cleanup() { [ "${PLX_KEEP_CHROOT:-0}" = 1 ] && echo "host-matrix: chroot kept in $r" || rm -rf "$r"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

t0=$(date +%s)
if mmdebstrap --variant=apt --include=make,git,ca-certificates trixie "$r" \
	"deb $MIRROR trixie main" "deb $MIRROR trixie-updates main" \
	"deb $SEC trixie-security main" >"$LOGDIR/host-matrix-mmdebstrap.log" 2>&1; then
	pass "fresh Debian 13 chroot ($(( $(date +%s) - t0 ))s, $(. "$r/etc/os-release"; echo "$PRETTY_NAME"))"
else
	fail "mmdebstrap trixie"; tail_log "$LOGDIR/host-matrix-mmdebstrap.log"
	summary host-matrix; exit 1
fi
cp /etc/resolv.conf "$r/etc/resolv.conf" 2>/dev/null || true
check "clean clone of $(git -C "$ROOT" rev-parse --short HEAD) in /root/plx9x5x" \
	git clone -q --no-local "$ROOT" "$r/root/plx9x5x"
if [ -n "${PLX_HOST_MATRIX_SEED:-}" ]; then
	mkdir -p "$r/root/.cache"
	check "cache seeded from $PLX_HOST_MATRIX_SEED ($(du -sh "$PLX_HOST_MATRIX_SEED" | cut -f1))" \
		cp -a "$PLX_HOST_MATRIX_SEED/." "$r/root/.cache/plx9x5x/"
fi
sources_before=$(cat "$r"/etc/apt/sources.list "$r"/etc/apt/sources.list.d/* 2>/dev/null | sha256sum)

for t in "${targets[@]}"; do
	log=$LOGDIR/host-matrix-$t.log
	t0=$(date +%s)
	unshare -m --propagation private sh -c '
		r=$1; t=$2
		mount --bind "$r" "$r" && mount -t proc proc "$r/proc" &&
		mount --rbind /dev "$r/dev" &&
		exec chroot "$r" env -i HOME=/root TERM=dumb LANG=C.UTF-8 \
			PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
			sh -c "cd /root/plx9x5x && make $t"' _ "$r" "$t" >"$log" 2>&1
	rc=$?
	secs=$(( $(date +%s) - t0 ))
	if [ $rc -eq 0 ]; then
		pass "make $t in the Debian 13 chroot (${secs}s): $(grep -aE '[0-9]+ passed, [0-9]+ failed|plxvm: result:' "$log" | tail -1)"
	else
		fail "make $t in the Debian 13 chroot (rc $rc, ${secs}s, log $log)"
		tail_log "$log" 30
	fi
done
sources_after=$(cat "$r"/etc/apt/sources.list "$r"/etc/apt/sources.list.d/* 2>/dev/null | sha256sum)
check "the chroot's apt sources are unchanged (no other release's suite added)" \
	test "$sources_before" = "$sources_after"
summary host-matrix
