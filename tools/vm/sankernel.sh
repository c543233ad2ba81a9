#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# tools/vm/sankernel.sh [--print-key]: build (once, cached by content) the
# sanitizer guest kernel, an x86_64 bzImage from the installed
# linux-source-6.12 with KASAN (generic, inline), PROVE_LOCKING,
# DEBUG_ATOMIC_SLEEP, DMA_API_DEBUG, kmemleak (no automatic scan) and fault
# injection (FAILSLAB, FAIL_PAGE_ALLOC, fail-nth, usercopy); the guest
# parts are PCI, ACPI, PCI hotplug, intel IOMMU, suspend, devtmpfs,
# initramfs, the serial console and modules.
#
# Configuration: `make allnoconfig` with KCONFIG_ALLCONFIG =
# kernel/configs/kvm_guest.config + tools/vm/sankernel.config (later lines
# win; kvm_guest.config's lines that the fragment sets are left out).
# Every symbol the fragment sets must come out with that value,
# otherwise the build stops and names it.
#
# Source: tools/ksrc.sh 6.12 (the pristine tree the KUnit runner also
# uses), built out of tree (O=), so that tree is never written.
# Cache: $PLX_CACHE/sankernel/<key>/ with key = sha256 of the
# linux-source-6.12 package version, the fragment and this script;
#   build/      the O= tree: KDIR for out-of-tree modules
#               (make -C .../build M=... modules)
#   kernel/     vmlinuz + lib/modules/<release>/modules.builtin*, linked
#               as $PLX_CACHE/kernels/<release> so that tools/vm/run.sh
#               --abi <release> boots it
#   .done       written last; without it the next call resumes the build
# Concurrent callers wait on a flock per key: nobody builds twice.
#
# Output (stdout), on success: two shell assignments
#   SAN_ABI=<release>     (6.12.x-plxsan-<key8>)
#   SAN_KDIR=<build dir>
# Progress and the build log location go to stderr. The build runs niced
# with make -j$PLX_JOBS (default 2); its log is build.log in the key dir.
# Environment: PLX_CACHE, PLX_JOBS.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
PLX_CACHE=${PLX_CACHE:-$HOME/.cache/plx9x5x}
JOBS=${PLX_JOBS:-2}
FRAG=$HERE/sankernel.config
say() { echo "sankernel: $*" >&2; }

src=$("$ROOT/tools/ksrc.sh" 6.12)
ver=$(dpkg-query -W -f='${Version}' linux-source-6.12)
key=$( { echo "linux-source-6.12 $ver"; cat "$FRAG" "$0"; } | sha256sum | cut -c1-16)
if [ "${1:-}" = --print-key ]; then
	echo "$key"
	exit 0
fi
dir=$PLX_CACHE/sankernel/$key
b=$dir/build
mkdir -p "$dir"
exec 9>"$PLX_CACHE/sankernel/.lock-$key"
if ! flock -n 9; then
	say "another caller is building $key; waiting"
	flock 9
fi

if [ ! -f "$dir/.done" ]; then
	start=$SECONDS
	mkdir -p "$b"
	{
		# kvm_guest.config without what the fragment sets itself
		sed -nE 's/^(CONFIG_[A-Z0-9_]+)=.*/\1=/p;
			s/^# (CONFIG_[A-Z0-9_]+) is not set$/\1=/p' "$FRAG" |
			grep -v -F -f - "$src/kernel/configs/kvm_guest.config"
		cat "$FRAG"
		echo "CONFIG_LOCALVERSION=\"-plxsan-${key:0:8}\""
		echo "# CONFIG_LOCALVERSION_AUTO is not set"
	} > "$dir/allconfig"
	# A resumed build keeps its objects if the configuration is the same.
	if ! cmp -s "$dir/allconfig" "$b/.plx-allconfig"; then
		say "configuring $b (allnoconfig + kvm_guest.config + $(basename "$FRAG"))"
		make -s -C "$src" O="$b" ARCH=x86_64 \
			KCONFIG_ALLCONFIG="$dir/allconfig" allnoconfig >&2
		cp "$dir/allconfig" "$b/.plx-allconfig"
	fi
	# Every symbol of the fragment must have the value asked for.
	missing=$(sed -nE 's/^(CONFIG_[A-Z0-9_]+)=(.*)$/\1=\2/p;
		s/^# (CONFIG_[A-Z0-9_]+) is not set$/\1=n/p' "$FRAG" |
		while IFS='=' read -r sym val; do
			got=$(grep -E "^$sym=|^# $sym is not set" "$b/.config" |
				sed -E 's/^# .* is not set$/n/; s/^[^=]*=//')
			[ "${got:-n}" = "$val" ] || echo "$sym=$val (got ${got:-unset})"
		done)
	if [ -n "$missing" ]; then
		say "the configuration lost symbols of $FRAG:"
		printf '%s\n' "$missing" | sed 's/^/sankernel:   /' >&2
		rm -f "$b/.plx-allconfig"
		exit 1
	fi
	say "building in $b (nice, -j$JOBS; log $dir/build.log)"
	if ! nice -n 10 make -C "$src" O="$b" ARCH=x86_64 -j"$JOBS" \
		bzImage modules > "$dir/build.log" 2>&1; then
		tail -30 "$dir/build.log" >&2
		say "build failed (log $dir/build.log)"
		exit 1
	fi
	rel=$(make -s -C "$src" O="$b" ARCH=x86_64 kernelrelease)
	rm -rf "$dir/kernel"
	mkdir -p "$dir/kernel/lib/modules/$rel"
	cp "$b/arch/x86/boot/bzImage" "$dir/kernel/vmlinuz"
	for f in modules.builtin modules.builtin.modinfo modules.order; do
		[ -f "$b/$f" ] && cp "$b/$f" "$dir/kernel/lib/modules/$rel/"
	done
	echo "$rel" > "$dir/release"
	echo "$((SECONDS - start))" > "$dir/build-seconds"
	touch "$dir/.done"
	say "built $rel in $((SECONDS - start)) s"
fi
rel=$(cat "$dir/release")
mkdir -p "$PLX_CACHE/kernels"
[ -L "$PLX_CACHE/kernels/$rel" ] || ln -sfn "$dir/kernel" "$PLX_CACHE/kernels/$rel"
echo "SAN_ABI=$rel"
echo "SAN_KDIR=$b"
