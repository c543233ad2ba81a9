# SPDX-License-Identifier: GPL-2.0-only
#
# plx9x5x: the driver on the emulated board (tools/vmtest/, tools/plxtest/).
#
#   make plxtest    build tools/plxtest statically into build/plxtest/
#   make vmtest     every guest scenario (TAP, one point per scenario);
#                   VMTEST_ARGS='--only k61-basic' runs a subset
# make run (listed in the top-level Makefile) sets up a fresh machine and
# shows a newcomer the driver at work on one emulated board.

.PHONY: plxtest vmtest run
CHECK_SUITES	+= vmtest

# tools/plxtest/Makefile holds plxtest's one compile line.
plxtest:
	@$(MAKE) --no-print-directory -C $(PLX_ROOT)/tools/plxtest

vmtest: deps
	@$(PLX_ROOT)/tools/vmtest/vmtest.sh $(VMTEST_ARGS)

run: deps
	@$(PLX_ROOT)/tools/vmtest/run-demo.sh
