# SPDX-License-Identifier: GPL-2.0-only
#
# tools/tap: the test protocol (README.md, "Test results").
#
#   make tap-test   the result plumbing: tools/tap/tap.pl, tap.sh, check.sh

.PHONY: tap-test
CHECK_SUITES	+= tap-test

tap-test:
	@$(PLX_ROOT)/tools/tap/selftest.sh
