#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The lint suite (make lint). Builds in a private copy of the DKMS file set
# (tools/pkg/dkms-src.sh) under build/lint/<abi>/, so a build in the work
# tree is not disturbed. Cases:
#   build-<abi>: ...  the W=1 build of every module (tools/pkg/w1.sh, three
#                   points: builds, no compiler warning, no modpost/objtool
#                   warning); lint owns these builds for 6.1 and 6.12,
#                   compat reuses the verdict
#   sparse-<abi>    C=2 sparse pass over every module: no warning/error
#   checkpatch:<f>  no ERROR; WARNINGs only NEW_TYPEDEFS/CAMELCASE in the
#                   public WDF headers (shim/include) and in kunit/ (a WDF
#                   context type must be a typedef name for
#                   WDF_DECLARE_CONTEXT_TYPE), none elsewhere
#   modinfo-<m>     license and description present
#   (no-test-hooks-with-CONFIG_KUNIT: compat's, on its 6.12+KUnit build)
#   namespace-WDFSHIM  every wdfshim export is in the namespace WDFSHIM;
#                   plx9x5x.ko and wdfedu.ko import it
#   kernel-doc:shim/include  scripts/kernel-doc -none: no warning
#   source-tree     tools/pkg/srctree.sh lists what git ls-files lists
#   porting-table   doc/porting.md's API table matches shim/include/wdf*.h
#   doc-refs        every "§N.M" cited resolves in doc/facts.md or
#                   doc/silicon.md, no file names the outside reference
#                   (tools/doc-refs.py)
#   log-prefix      the shim's log prefix comes from Kbuild's pr_fmt/dev_fmt
#                   only: no shim message spells "wdfshim: ", no bare
#                   WARN_ONCE (WDF_WARN_ONCE adds the prefix)
# Output: TAP (tools/tap/tap.sh), one test point per case.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cache=${PLX_CACHE:-$HOME/.cache/plx9x5x}
jobs=${LINT_JOBS:-2}

# shellcheck source=tools/tap/tap.sh
. "$root/tools/tap/tap.sh"
# shellcheck source=tools/pkg/w1.sh
. "$root/tools/pkg/w1.sh"
ok() { tap_ok "$1"; }
ko() { tap_not_ok "$1"; [ -z "${2:-}" ] || head -40 "$2" | tap_diag; }

# shellcheck disable=SC1091
. "$cache/kernels.env" 2>/dev/null || "$root/tools/deps.sh" >&2
. "$cache/kernels.env"

for abi in "$K61" "$K612"; do
	kdir=/usr/src/linux-headers-$abi
	work=$root/build/lint/$abi
	if [ ! -d "$kdir" ]; then
		ko "build-$abi: headers $kdir installed (make deps)"
		ko "sparse-$abi"
		continue
	fi
	# The W=1 build of the DKMS file set (tools/pkg/w1.sh; compat reuses
	# the verdict); sparse and the other checks then in the built tree.
	W1_JOBS=$jobs w1_build "build-$abi" "$work" "$kdir"
	src=$(echo "$work"/plx9x5x-*/)
	src=${src%/}
	[ -f "$src/Kbuild" ] || { ko "sparse-$abi (no sources)"; continue; }
	# with W=1, as the build: the same compiler flags, so kbuild runs
	# sparse over every file without compiling it again
	slog=$work/sparse.log
	make -C "$kdir" M="$src" W=1 C=2 -j"$jobs" modules >"$slog" 2>&1
	src_rc=$?
	if [ $src_rc -eq 0 ] && grep -q ' CHECK ' "$slog" &&
	   ! grep -qE 'warning:|error:' "$slog"; then
		ok "sparse-$abi"
	else
		grep -E 'warning:|error:|Error' "$slog" >"$slog.w" || tail -20 "$slog" >"$slog.w"
		ko "sparse-$abi" "$slog.w"
	fi
	if [ "$abi" = "$K612" ]; then
		for m in shim/wdfshim.ko plx9x5x/plx9x5x.ko samples/edu/wdfedu.ko; do
			[ -f "$src/$m" ] || continue
			info=$(/sbin/modinfo "$src/$m" 2>&1)
			if echo "$info" | grep -q '^license:' &&
			   echo "$info" | grep -q '^description:'; then
				ok "modinfo-$(basename "$m")"
			else
				echo "$info" >"$work/modinfo.log"
				ko "modinfo-$(basename "$m")" "$work/modinfo.log"
			fi
		done
		[ -f "$src/shim/wdfshim.ko" ] || ko "modinfo-wdfshim.ko (not built)"
		# The shim exports only into the namespace WDFSHIM, and both
		# drivers import it (modpost fails a user without the import).
		nslog=$work/namespace.log
		{ awk '$3 ~ /shim\/wdfshim$/ && $5 != "WDFSHIM"' "$src/Module.symvers"
		  for m in plx9x5x/plx9x5x.ko samples/edu/wdfedu.ko; do
			[ "$(/sbin/modinfo -F import_ns "$src/$m" 2>&1)" = WDFSHIM ] ||
				echo "$m: import_ns is not WDFSHIM"
		  done; } >"$nslog" 2>&1
		if [ -s "$src/Module.symvers" ] && [ ! -s "$nslog" ]; then
			ok "namespace-WDFSHIM"
		else
			ko "namespace-WDFSHIM" "$nslog"
		fi
	fi
done

ksrc=$("$root/tools/ksrc.sh" 6.12)
cp=$ksrc/scripts/checkpatch.pl
cd "$root" || exit 1
# KMDF's idiom `typedef EVT_X *PFN_X;`: checkpatch does not know EVT_X is
# a type (it reads `EVT_X *PFN_X` as a product); tell it the function
# types the headers declare that way.
tdf=$root/build/lint/typedefs
mkdir -p "$root/build/lint"
sed -E -n 's/^typedef ([A-Z][A-Z0-9_]*)( \*.*|)$/\1/p' shim/include/*.h | sort -u >"$tdf"
for f in shim/*.c shim/*.h shim/include/*.h kunit/*.c kunit/*.h \
	 plx9x5x/plx_glue.c samples/edu/edu_glue.c; do
	[ -f "$f" ] || continue
	case $f in *.mod.c) continue ;; esac
	out=$(perl "$cp" --no-tree -f --terse --show-types --typedefsfile "$tdf" "$f" 2>&1)
	bad=$(echo "$out" | grep -E '^[^ ]+:[0-9]+: (ERROR|WARNING)' |
	      case $f in
	      shim/include/*|kunit/*) grep -vE 'WARNING:(NEW_TYPEDEFS|CAMELCASE):' ;;
	      *) cat ;;
	      esac)
	if [ -z "$bad" ]; then
		ok "checkpatch:$f"
	else
		echo "$bad" >"$root/build/lint/checkpatch.tmp"
		ko "checkpatch:$f" "$root/build/lint/checkpatch.tmp"
	fi
done
rm -f "$root/build/lint/checkpatch.tmp"
# kernel-doc of the public headers: no warning (-none: check only)
if perl "$ksrc/scripts/kernel-doc" -none shim/include/*.h \
	>"$root/build/lint/kernel-doc.log" 2>&1 &&
   [ ! -s "$root/build/lint/kernel-doc.log" ]; then
	ok "kernel-doc:shim/include"
else
	ko "kernel-doc:shim/include" "$root/build/lint/kernel-doc.log"
fi
# tools/pkg/srctree.sh (every copy of the tree) reads .gitignore as git
# does: its list is git's (tracked + untracked, not ignored, not deleted)
if git -C "$root" rev-parse --git-dir >/dev/null 2>&1; then
	slog=$root/build/lint/source-tree.log
	if diff <("$root/tools/pkg/srctree.sh" list 2>&1) \
		<(git -C "$root" ls-files -co --exclude-standard |
		  while IFS= read -r f; do [ -e "$f" ] || [ -L "$f" ] && echo "$f"; done |
		  LC_ALL=C sort) >"$slog" 2>&1; then
		ok "source-tree"
	else
		ko "source-tree" "$slog"
	fi
else
	tap_skip "source-tree" "no git checkout"
fi
# doc/porting.md's API table against the headers (tools/porting-table.sh)
if "$root/tools/porting-table.sh" >"$root/build/lint/porting.log" 2>&1; then
	ok "porting-table"
else
	ko "porting-table" "$root/build/lint/porting.log"
fi
# the "§" citations against doc/facts.md and doc/silicon.md
if python3 "$root/tools/doc-refs.py" >"$root/build/lint/doc-refs.log" 2>&1; then
	ok "doc-refs"
else
	ko "doc-refs" "$root/build/lint/doc-refs.log"
fi
# the log prefix is written once (shim/Kbuild, WDF_WARN_ONCE)
plog=$root/build/lint/log-prefix.log
grep -nE '"wdfshim: |(^|[^_A-Z])WARN_ONCE\(' "$root"/shim/*.c >"$plog"
if [ -s "$plog" ]; then
	ko "log-prefix: $(wc -l <"$plog") lines spell the prefix or WARN_ONCE" "$plog"
else
	ok "log-prefix"
fi
tap_done lint
