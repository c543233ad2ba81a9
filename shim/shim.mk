# SPDX-License-Identifier: GPL-2.0-only
#
# make lint: W=1 builds of all modules (the DKMS file set, tools/pkg/w1.sh)
# against the 6.1 and 6.12 headers (zero warnings; compat reuses these
# verdicts), sparse (C=2) over both, checkpatch over shim/, kunit/,
# plx9x5x/plx_glue.c and samples/edu/edu_glue.c, modinfo of the modules,
# doc/porting.md's API table against the headers. Output: TAP
# (tools/tap/tap.sh).

.PHONY: lint
CHECK_SUITES += lint

lint: deps
	@$(PLX_ROOT)/shim/lint.sh
