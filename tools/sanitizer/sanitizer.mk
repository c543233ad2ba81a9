# SPDX-License-Identifier: GPL-2.0-only
#
# The sanitizer suite (tools/sanitizer/, tools/vm/sankernel.sh).
#
#   make sanitizer  the driver under a KASAN/lockdep/DMA-API/kmemleak/fault-
#                   injection guest kernel (built once, cached): vmtest
#                   scenarios, fail-nth on every allocation of open/read/
#                   write/ioctl/probe/load; SANITIZER_ARGS='--only san-basic'
#   make sankernel  build (or find) the sanitizer kernel; prints SAN_ABI/SAN_KDIR

.PHONY: sanitizer sankernel
sanitizer: deps
	@$(PLX_ROOT)/tools/vmtest/vmtest.sh --sanitizer $(SANITIZER_ARGS)

sankernel: deps
	@$(PLX_ROOT)/tools/vm/sankernel.sh

CHECK_SUITES	+= sanitizer
CHECK_PREFETCH	+= sankernel
