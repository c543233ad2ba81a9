# SPDX-License-Identifier: GPL-2.0-only
#
# tools/bench: the benchmark (not part of make check).
#
#   make bench      plx9x5x vs the native reference driver in virtual time
#                   (QEMU -icount): tables, build/bench/results.{csv,json},
#                   build/bench/throughput-*.svg; BENCH_ARGS='--quick'
#   make bench-lint W=1, sparse and checkpatch of the native driver

.PHONY: bench bench-lint
bench: deps
	@$(PLX_ROOT)/tools/bench/bench.sh $(BENCH_ARGS)

bench-lint: deps
	@$(PLX_ROOT)/tools/bench/lint.sh
