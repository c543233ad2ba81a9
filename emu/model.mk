# SPDX-License-Identifier: GPL-2.0-or-later
#
# emu/model: the portable PLX 9656 board model and its host unit tests.
#
#   make emu-test   build the model + tests with ASan/UBSan and run them
#                   (TAP 13 from the kernel's kselftest harness)
#
# The tests use tools/testing/selftests/kselftest_harness.h (and the
# kselftest.h next to it) of the installed linux-source-6.12: KSFT_DIR is
# that folder, by default in the pristine tree of tools/ksrc.sh (looked up
# when the tests are built, never when the Makefile is read).

EMU_CC		?= cc
EMU_BUILD	:= $(PLX_ROOT)/build/emu
EMU_WARN	:= -Wall -Wextra -Werror
# the model must also pass what the kernel (W=1) and QEMU would complain about
EMU_MODEL_WARN	:= $(EMU_WARN) -Wmissing-prototypes -Wstrict-prototypes \
		   -Wvla -Wdeclaration-after-statement -Wframe-larger-than=1024 \
		   -Wshadow -Wpointer-arith -Wundef
EMU_SAN		:= -fsanitize=address,undefined -fno-sanitize-recover=all \
		   -fno-omit-frame-pointer
EMU_MODEL_SRC	:= emu/model/plx9656.c
EMU_MODEL_HDR	:= emu/model/plx9656.h emu/model/plx9656_port.h \
		   emu/model/plx9656_regs.h
EMU_TEST_SRC	:= $(sort $(wildcard emu/tests/*.c))
EMU_TEST_HDR	:= $(wildcard emu/tests/*.h)
# The harness's own macros leave parameters unused, and -O1 flags its
# setjmp() in TEST_F (-Wclobbered); the tests use only EXPECT_* (CHECK),
# never ASSERT_*, so nothing longjmp()s back there.
EMU_TEST_WARN	:= $(EMU_WARN) -Wno-unused-parameter -Wno-clobbered
KSFT_DIR	?=
ksft_dir	= $(or $(KSFT_DIR),$$($(PLX_ROOT)/tools/ksrc.sh 6.12)/tools/testing/selftests)

$(EMU_BUILD)/emu-test: $(EMU_MODEL_SRC) $(EMU_MODEL_HDR) $(EMU_TEST_SRC) \
		       $(EMU_TEST_HDR) emu/model.mk
	@mkdir -p $(EMU_BUILD)
	$(EMU_CC) -std=c99 $(EMU_MODEL_WARN) -O2 -c $(EMU_MODEL_SRC) \
		-o $(EMU_BUILD)/plx9656-c99.o
	$(EMU_CC) -std=gnu11 $(EMU_MODEL_WARN) -O1 -g $(EMU_SAN) \
		-c $(EMU_MODEL_SRC) -o $(EMU_BUILD)/plx9656.o
	ksft="$(ksft_dir)" && test -f "$$ksft/kselftest_harness.h" || \
		{ echo "no kselftest_harness.h in '$$ksft' (KSFT_DIR)" >&2; exit 1; }; \
	$(EMU_CC) -std=gnu11 $(EMU_TEST_WARN) -O1 -g $(EMU_SAN) -I"$$ksft" \
		-o $@ $(EMU_BUILD)/plx9656.o emu/tests/fake.c emu/tests/emu_test.c

.PHONY: emu-test
emu-test: $(EMU_BUILD)/emu-test
	$(EMU_BUILD)/emu-test

CHECK_SUITES	+= emu-test
