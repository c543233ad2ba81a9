# SPDX-License-Identifier: GPL-2.0-only
#
# Every Debian release that ships a kernel, at run time (tools/matrix/).
#
#   make matrix        suite: per release (12, 12-backports, 13, unstable): mmdebstrap chroot,
#                      apt-get install the .debs with that release's DKMS, boot its kernel,
#                      loopback + vmtest basics, clean log; MATRIX_ARGS='--only sid' for one
#   make host-matrix   NOT in make check: a fresh Debian 13 chroot, a clean clone, `make run`
#                      there (HOST_MATRIX_TARGETS='run check' for more)

.PHONY: matrix host-matrix
matrix: deps
	@$(PLX_ROOT)/tools/matrix/matrix.sh $(MATRIX_ARGS)

host-matrix: deps
	@$(PLX_ROOT)/tools/matrix/host-matrix.sh $(HOST_MATRIX_TARGETS)

CHECK_SUITES	+= matrix
