# SPDX-License-Identifier: GPL-2.0-only
#
# emu/qemu: the QEMU device plx9656 and its tests.
#   make qemu       build (or find cached) qemu-system-x86_64 with the
#                   plx9656 device; prints its path
#   make smoke      boot test: Debian 6.1 guest enumerates the boards
#   make hostile    hostile-guest test of the device
.PHONY: qemu smoke hostile
qemu:
	@$(PLX_ROOT)/emu/qemu/build-qemu.sh

smoke:
	@$(PLX_ROOT)/emu/guest/smoke.sh

hostile:
	@$(PLX_ROOT)/emu/guest/hostile.sh

CHECK_SUITES += smoke hostile
