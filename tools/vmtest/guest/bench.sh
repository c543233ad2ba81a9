# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=sh
# Benchmark (make bench, not part of make check): read and write
# throughput of 128 KiB transfers on the first board, as plxtest measures.
bdf=$(plxvm-bdfs | head -n 1)
check "PLX board present (${bdf:-none})" [ -n "$bdf" ]
load_modules
check_node 0
run_plxtest "throughput (128 KiB pread/pwrite, 1 s per direction)" --tests bench
unload_modules
finish
