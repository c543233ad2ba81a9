# SPDX-License-Identifier: GPL-2.0-only
#
# make kunit: the KUnit suites under User-Mode Linux (kunit/run.sh).
# make kunit KUNIT_ARGS='wdf_dma*' passes a filter glob (or other kunit.py
# run arguments) through.

.PHONY: kunit
CHECK_SUITES += kunit

# set -f: a filter such as 'plx*' reaches kunit.py as written, never
# expanded by the shell against the project's file names.
kunit: deps
	@set -f; $(PLX_ROOT)/kunit/run.sh $(KUNIT_ARGS)
