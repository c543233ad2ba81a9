# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=sh
# The node is a file of 131072 bytes: the everyday tools work on it (cp,
# cmp, cat, md5sum, dd), a transfer past the end is short and a write at
# the end fails with ENOSPC; then plxtest's file, ioctl and bad-input
# checks.
bdf=$(plxvm-bdfs 10b5:9601 | head -n 1)
check "PLX board present (${bdf:-none})" [ -n "$bdf" ]
N=/dev/plx9x5x0
SIZE=131072

load_modules
check_node 0

head -c $SIZE /dev/urandom > /tmp/img
check "a $SIZE-byte image" [ "$(wc -c < /tmp/img)" -eq $SIZE ]
check "cp image $N" cp /tmp/img $N
check "cmp image $N (same bytes, same length)" cmp /tmp/img $N
a=$(md5sum < /tmp/img | cut -d ' ' -f 1)
b=$(md5sum < $N | cut -d ' ' -f 1)
check "md5sum of $N equals the image's ($a)" [ -n "$a" -a "$a" = "$b" ]
check "cat $N gives $SIZE bytes" [ "$(cat $N | wc -c)" -eq $SIZE ]
check "dd bs=1M gives $SIZE bytes" \
	sh -c "[ \$(dd if=$N bs=1M 2>/dev/null | wc -c) -eq $SIZE ]"
tail -c 4096 /tmp/img > /tmp/tail
check "dd bs=4096 skip=31 equals the image's last 4096 bytes" \
	sh -c "dd if=$N bs=4096 skip=31 2>/dev/null | cmp - /tmp/tail"
check "dd bs=4096 skip=32 (at the end) gives 0 bytes" \
	sh -c "[ \$(dd if=$N bs=4096 skip=32 2>/dev/null | wc -c) -eq 0 ]"

# 200000 bytes into a 131072-byte file: the first write is short, the
# next one (at the end) fails with ENOSPC, dd fails; the file holds the
# first 131072 bytes.
head -c 200000 /dev/urandom > /tmp/big
dd if=/tmp/big of=$N bs=1M 2> /tmp/dd.err
rc=$?
sed 's/^/  dd| /' /tmp/dd.err
check "dd of 200000 bytes fails (rc $rc)" [ $rc -ne 0 ]
check "dd reports ENOSPC" grep -q "No space left on device" /tmp/dd.err
check "the node holds the first $SIZE bytes" \
	sh -c "head -c $SIZE /tmp/big | cmp - $N"
check "cp of a 200000-byte file fails" sh -c "! cp /tmp/big $N 2>/dev/null"

run_plxtest "plxtest file,single,badinput" --tests file,single,badinput
unload_modules
check "node removed by rmmod" wait_gone $N 5
finish
