# SPDX-License-Identifier: GPL-2.0-only
#
# Every Debian release that ships a kernel, at run time (tools/matrix/).
#
#   make matrix        suite: per release (12, 12-backports, 13, unstable): mmdebstrap chroot,
#                      apt-get install the .debs with that release's DKMS, boot its kernel,
#                      loopback + vmtest basics, clean log; MATRIX_ARGS='--only sid' for one
#   make matrix-chroots  build (or find) every release's cached chroot (tools/matrix/chroot.sh)
#   make host-matrix   NOT in make check: a fresh Debian 13 chroot, a clean clone, `make run`
#                      there (HOST_MATRIX_TARGETS='run check' for more)

.PHONY: matrix matrix-chroots host-matrix
matrix: deps
	@$(PLX_ROOT)/tools/matrix/matrix.sh $(MATRIX_ARGS)

matrix-chroots: deps
	@for n in $$($(PLX_ROOT)/tools/matrix/chroot.sh --list); do \
		$(PLX_ROOT)/tools/matrix/chroot.sh $$n || exit 1; \
	done

host-matrix: deps
	@$(PLX_ROOT)/tools/matrix/host-matrix.sh $(HOST_MATRIX_TARGETS)

CHECK_SUITES	+= matrix
CHECK_PREFETCH	+= matrix-chroots
