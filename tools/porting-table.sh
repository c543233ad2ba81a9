#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The API table of doc/porting.md against the shim's headers: every Wdf*
# function (or function-like macro) declared in shim/include/wdf*.h (but
# wdftest.h, the KUnit hooks) is a row "supported", "differs" or "shim
# only"; every such row is declared; every "not provided" row is not.
# Prints the differences; exit 0 when there are none.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
doc=$root/doc/porting.md
declared=$(for f in "$root"/shim/include/wdf*.h; do
		[ "$(basename "$f")" = wdftest.h ] && continue
		grep -hoE '\bWdf[A-Z][A-Za-z0-9]*\(' "$f"
	   done | tr -d '(' | sort -u)
rows=$(sed -nE 's/^\| `(Wdf[A-Za-z0-9]+)` \| (supported|differs|shim only|not provided) \|.*/\1 \2/p' "$doc")
bad=0
for f in $declared; do
	st=$(echo "$rows" | awk -v f="$f" '$1 == f { $1 = ""; print substr($0, 2) }')
	case $st in
	supported|differs|"shim only") ;;
	"") echo "porting-table: $f is declared but not in doc/porting.md"; bad=1 ;;
	*) echo "porting-table: $f is declared but listed as '$st'"; bad=1 ;;
	esac
done
while read -r f st; do
	[ -n "$f" ] || continue
	if echo "$declared" | grep -qx "$f"; then
		[ "$st" = "not provided" ] &&
			{ echo "porting-table: $f is listed 'not provided' but declared"; bad=1; }
	else
		[ "$st" = "not provided" ] ||
			{ echo "porting-table: $f is listed '$st' but not declared"; bad=1; }
	fi
done <<<"$rows"
[ $bad -eq 0 ] && echo "porting-table: $(echo "$declared" | wc -l) declared functions all in the table"
exit $bad
