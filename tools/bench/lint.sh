#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# make bench-lint: the native reference driver (tools/bench/native/) built
# W=1 and with sparse (C=2) against the 6.1 and 6.12 headers, and
# checkpatch-clean. Output: TAP (tools/tap/tap.sh).
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
cache=${PLX_CACHE:-$HOME/.cache/plx9x5x}
# shellcheck source=tools/tap/tap.sh
. "$root/tools/tap/tap.sh"
ok() { tap_ok "$1"; }
ko() { tap_not_ok "$1"; [ -z "${2:-}" ] || head -40 "$2" | tap_diag; }

# shellcheck disable=SC1091
. "$cache/kernels.env" || { echo "no $cache/kernels.env (make deps)"; exit 2; }
for abi in "$K61" "$K612"; do
	work=$root/build/bench/lint-$abi
	rm -rf "$work"
	mkdir -p "$work"
	cp "$root/tools/bench/native/plxnat.c" "$root/tools/bench/native/Kbuild" "$work/"
	for pass_args in W=1 C=2; do
		log=$work/build-${pass_args%%=*}.log
		make -C "/usr/src/linux-headers-$abi" M="$work" $pass_args modules >"$log" 2>&1
		rc=$?
		if [ $rc -eq 0 ] && ! grep -qE 'warning:|error:' "$log" &&
		   { [ "$pass_args" = W=1 ] || grep -q ' CHECK ' "$log"; }; then
			ok "plxnat-$pass_args-$abi"
		else
			ko "plxnat-$pass_args-$abi" "$log"
		fi
	done
done
ksrc=$("$root/tools/ksrc.sh" 6.12)
out=$(perl "$ksrc/scripts/checkpatch.pl" --no-tree -f --terse --show-types \
	"$root/tools/bench/native/plxnat.c" 2>&1)
if echo "$out" | grep -qE ': (ERROR|WARNING)'; then
	echo "$out" > "$root/build/bench/checkpatch.log"
	ko checkpatch:plxnat.c "$root/build/bench/checkpatch.log"
else
	ok checkpatch:plxnat.c
fi
tap_done bench-lint
