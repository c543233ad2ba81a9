#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Print the kernel build directory to build against: the running kernel's
# (/lib/modules/$(uname -r)/build) when it exists, else the newest installed
# Debian amd64 header set (and say so on stderr). Exit 1 if there is none.
k=/lib/modules/$(uname -r)/build
if [ -d "$k" ]; then
	echo "$k"
	exit 0
fi
n=$(ls -d /usr/src/linux-headers-*-amd64 2>/dev/null | sort -V | tail -1)
if [ -n "$n" ]; then
	echo "kdir: $k does not exist; building against $n" >&2
	echo "$n"
	exit 0
fi
echo "kdir: no kernel headers found (run 'make deps')" >&2
exit 1
