#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# srctree.sh: the one way the project's scripts copy its source tree.
#
#   srctree.sh list [ROOT]
#       the source files of ROOT (default: this checkout), one relative path
#       a line, sorted: every file and symlink under ROOT except .git and
#       what ROOT/.gitignore ignores (build products, build/, *.orig, ...).
#   srctree.sh copy DEST [--sync] [--only ERE] [--drop ERE]
#       DEST gets exactly those files (of this checkout), optionally only
#       the paths matching --only and not matching --drop (grep -E, on the
#       relative path). Without --sync DEST is emptied first (a fresh
#       copy). With --sync DEST is updated in place for an incremental
#       kbuild: a file whose content changed is rewritten (with a fresh
#       mtime, so kbuild never keeps an object older than an edit), an
#       unchanged one is left alone, a source file gone from ROOT is deleted
#       from DEST, and DEST's build products are kept.
#
# The files are the work tree as it is on disk, edits and new (untracked,
# not ignored) files included: what every caller needs (vmtest, make run,
# bench and lint build what is being edited; deb and dkms-src package it).
# From a clean clone this is exactly `git archive HEAD`'s file set; lint's
# source-tree case checks that `list` equals `git ls-files --cached
# --others --exclude-standard` (git's own reading of .gitignore). Works
# without git (a DKMS or Debian source tree has no .git): .gitignore is
# read here, in the subset of its syntax the project uses (NAME-GLOB,
# NAME-GLOB/, /PATH, /PATH/); anything else, and a .gitignore below ROOT,
# is refused so the two readings cannot drift apart unnoticed.
# Users: tools/vmtest/vmtest.sh, tools/vmtest/run-demo.sh,
# tools/bench/bench.sh (--sync); shim/lint.sh, tools/pkg/deb.sh,
# tools/pkg/dkms-src.sh (fresh).
set -euo pipefail
die() { echo "srctree: $*" >&2; exit 1; }
self_root=$(cd "$(dirname "$0")/../.." && pwd)

# src_list ROOT [IGNOREFILE]: the source files of ROOT (see above), with
# the patterns of IGNOREFILE (default ROOT/.gitignore).
src_list() {
	local root=$1 ign=${2:-$1/.gitignore} pat expr=(-path ./.git) list
	[ -d "$root" ] || die "no folder $root"
	if [ -f "$ign" ]; then
		while IFS= read -r pat || [ -n "$pat" ]; do
			case $pat in
			''|'#'*) continue ;;
			*'!'*|*'**'*|*\\*|*' ') die ".gitignore: unsupported pattern '$pat'" ;;
			/*/) pat=${pat#/}; pat=${pat%/}
			     case $pat in */*) die ".gitignore: unsupported pattern '/$pat/'" ;; esac
			     expr+=(-o '(' -type d -path "./$pat" ')') ;;
			/*) pat=${pat#/}
			    case $pat in */*) die ".gitignore: unsupported pattern '/$pat'" ;; esac
			    expr+=(-o -path "./$pat") ;;
			*/) pat=${pat%/}
			    case $pat in */*) die ".gitignore: unsupported pattern '$pat/'" ;; esac
			    expr+=(-o '(' -type d -name "$pat" ')') ;;
			*/*) die ".gitignore: unsupported pattern '$pat'" ;;
			*) expr+=(-o -name "$pat") ;;
			esac
		done <"$ign"
	fi
	list=$(cd "$root" && find . '(' "${expr[@]}" ')' -prune -o '(' -type f -o -type l ')' -print |
		sed 's|^\./||' | LC_ALL=C sort) || die "cannot list $root"
	# (a .gitignore inside an ignored folder, e.g. a copy under build/, is not seen)
	case $'\n'$list in
	*/.gitignore$'\n'*|*/.gitignore) die "$root: a .gitignore below the top (only a top-level one is supported)" ;;
	esac
	[ -z "$list" ] || printf '%s\n' "$list"
}

cmd=${1:-}
[ $# -gt 0 ] && shift
case $cmd in
list)
	src_list "${1:-$self_root}" ;;
copy)
	dest=${1:?usage: srctree.sh copy DEST [--sync] [--only ERE] [--drop ERE]}
	shift
	sync=0 only='' drop=''
	while [ $# -gt 0 ]; do
		case $1 in
		--sync) sync=1; shift ;;
		--only) only=$2; shift 2 ;;
		--drop) drop=$2; shift 2 ;;
		*) die "unknown argument '$1'" ;;
		esac
	done
	case $(realpath -m "$dest") in
	"$self_root"|/) die "refusing to copy onto $dest" ;;
	esac
	sel() { grep -E -- "${only:-.}" | { if [ -n "$drop" ]; then grep -vE -- "$drop"; else cat; fi; } || true; }
	list=$(mktemp) old=$(mktemp)
	trap 'rm -f "$list" "$old"' EXIT
	src_list "$self_root" | sel >"$list"
	[ -s "$list" ] || die "no file selected"
	if [ $sync = 0 ]; then
		rm -rf "$dest"
	elif [ -d "$dest" ]; then
		# source files of an earlier copy that are gone now (DEST's
		# build products are not listed: ROOT's .gitignore)
		src_list "$dest" "$self_root/.gitignore" | sel | LC_ALL=C comm -23 - "$list" >"$old"
		(cd "$dest" && tr '\n' '\0' <"$old" | xargs -0r rm -f --)
	fi
	mkdir -p "$dest"
	if [ $sync = 0 ]; then
		# tar (Essential in Debian): a package build runs this through
		# dkms-src.sh with only the Build-Depends installed
		tar -C "$self_root" --verbatim-files-from -T "$list" -cf - |
			tar -C "$dest" --no-same-owner -xf - ||
			die "copy to $dest failed"
	else
		# no -t: a rewritten file gets a fresh mtime (see above)
		rsync -lpD --checksum --files-from="$list" "$self_root/" "$dest/" ||
			die "rsync to $dest failed"
	fi
	;;
*)
	sed -n '4,/^set -euo/p' "$0" | sed -n 's/^# \{0,1\}//p' >&2
	exit 2 ;;
esac
