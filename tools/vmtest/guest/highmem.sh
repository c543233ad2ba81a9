# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=sh
# -m 6G: user buffers above 4 GiB. The driver keeps DMA below 4 GiB (32-bit
# profile); the DMA layer bounces, the loopback must still verify.
mem=$(awk '/MemTotal/ {print int($2 / 1024)}' /proc/meminfo)
check "guest has more than 4 GiB ($mem MiB)" [ "$mem" -gt 4096 ]
load_modules
check_node 0
run_plxtest "loopback with buffers above 4 GiB" --highmem 0
run_plxtest "plxtest basics with high memory" --time 1000 \
	--tests loopback,unaligned,duplex
dmesg | grep -iE 'software IO TLB|swiotlb' | sed 's/^/  dmesg| /'
unload_modules
finish
