# SPDX-License-Identifier: GPL-2.0-only
#
# emu/qemu: the QEMU device plx9656 and its tests.
#   make qemu       build (or find cached) qemu-system-x86_64 with the
#                   plx9656 device; prints its path
#   make qtest      QEMU's qtest framework against the device from the
#                   host, no guest kernel (emu/qtest/plx9656-test.c)
#   make smoke      boot test: Debian 6.1 guest enumerates the boards
#   make hostile    hostile-guest test of the device behind an IOMMU
.PHONY: qemu qtest smoke hostile
qemu:
	@$(PLX_ROOT)/emu/qemu/build-qemu.sh

qtest:
	@$(PLX_ROOT)/emu/qtest/run.sh

smoke:
	@$(PLX_ROOT)/emu/guest/smoke.sh

hostile:
	@$(PLX_ROOT)/emu/guest/hostile.sh

CHECK_SUITES += qtest smoke hostile
