# SPDX-License-Identifier: GPL-2.0-only
#
# Packaging: DKMS, the Debian packages, the kernel compatibility matrix.
#
#   make dkms-src      install the DKMS source tree in $(DESTDIR)/usr/src/plx9x5x-<version>
#   make dkms-check    suite: DKMS add/build/install/boot/remove for every installed header set
#   make deb           suite: build plx9x5x-dkms + plx9x5x-utils .debs (build/deb/), lintian, install, boot, purge
#   make deb-build     only build + lintian the .debs into build/deb/ (installs nothing);
#                      deb and deb-build reuse build/deb/ when it was built from the same
#                      source and toolchain (PLX_DEB_REBUILD=1: always build)
#   make compat        suite: W=1 warning-free build against 6.12+KUnit (no test hooks) and sid's newest linux-source-7.x
#                      (6.1 and 6.12: lint's verdict when lint built the same sources, else built here)

PLX_VERSION	:= $(shell cat $(PLX_ROOT)/VERSION)

.PHONY: dkms-src dkms-check deb deb-build compat
dkms-src:
	$(PLX_ROOT)/tools/pkg/dkms-src.sh $(DESTDIR)/usr/src/plx9x5x-$(PLX_VERSION)

dkms-check: deps
	@$(PLX_ROOT)/tools/pkg/dkms-check.sh

deb: deps
	@$(PLX_ROOT)/tools/pkg/deb.sh

deb-build:
	@PLX_DEB_BUILD_ONLY=1 $(PLX_ROOT)/tools/pkg/deb.sh

compat: deps
	@$(PLX_ROOT)/tools/pkg/compat.sh

CHECK_SUITES	+= compat dkms-check deb
