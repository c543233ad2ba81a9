# SPDX-License-Identifier: GPL-2.0-only
#
# plx9x5x: a WDF-like shim (wdfshim.ko), the PLX9x5x driver core on it
# (plx9x5x.ko), and an emulated PLX 9656 board to run and test them.
#
#   make            build both modules against $(KDIR)
#   make run        set up, boot the emulated board, show the driver at work
#   make check      every test suite; last line "N passed, N failed"
#   make deps       install the Debian packages the project needs
#   make bench      plx9x5x vs a native driver on the emulated board (tools/bench)
#   make kunit      KUnit suites under UML (KUNIT_ARGS='wdf_dma*' filters)
#   make lint       W=1, sparse and checkpatch
#
# Folder fragments (*/*.mk) add their own targets and append the names of
# their suites to CHECK_SUITES.

PLX_ROOT	:= $(CURDIR)
PLX_CACHE	?= $(HOME)/.cache/plx9x5x
export PLX_CACHE PLX_ROOT

# Make variables have no side effects (make help/clean never run apt): when
# no headers are installed, the modules target runs deps.sh itself.
KDIR		?= $(shell $(PLX_ROOT)/tools/kdir.sh 2>/dev/null)

CHECK_SUITES	:=

.PHONY: all modules clean deps check help modules_install
all: modules

# The kernel tree: $(KDIR), or (none installed yet) install the packages.
kdir_or_deps = $(if $(KDIR),$(KDIR),$$($(PLX_ROOT)/tools/deps.sh >&2 && $(PLX_ROOT)/tools/kdir.sh))

modules:
	$(MAKE) -C $(kdir_or_deps) M=$(PLX_ROOT) modules

modules_install:
	$(MAKE) -C $(kdir_or_deps) M=$(PLX_ROOT) modules_install

deps:
	@$(PLX_ROOT)/tools/deps.sh

help:
	@sed -n 's/^#   //p' Makefile $(sort $(wildcard */*.mk */*/*.mk))

-include $(sort $(wildcard */*.mk */*/*.mk))

# CHECK_PREFETCH: make targets that build a suite's heavy artefact (cached by
# content, behind a lock); check starts them in the background, niced, with
# one job per CPU: the suites in the foreground keep their CPU, and a cold
# build takes whatever CPU they leave idle (a guest suite uses one core),
# so it is done or nearly done when its suite needs it. One job could use
# one core at most. (Cold CI runs on a new 2-core machine, 2026-12-02: with
# one job and other work on the machine the sanitizer kernel took 2436 s
# of a 3162-s run; with one job per CPU on the otherwise idle machine
# 1128 s of a 2073-s run.) A no-op with a warm cache; their output goes to
# build/logs/prefetch-TARGET.log.
check: deps
	@logs=$${PLX_LOGDIR:-build/logs}; mkdir -p "$$logs"; \
	for t in $(CHECK_PREFETCH); do \
		PLX_JOBS=$$(nproc) nice -n 15 $(MAKE) --no-print-directory $$t \
			> "$$logs/prefetch-$$t.log" 2>&1 & \
	done; \
	$(PLX_ROOT)/tools/check.sh $(CHECK_SUITES); rc=$$?; wait; exit $$rc

clean::
	$(if $(KDIR),-$(MAKE) -C $(KDIR) M=$(PLX_ROOT) clean 2>/dev/null)
	rm -rf build
