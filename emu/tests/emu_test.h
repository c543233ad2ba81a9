/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The board-model host tests on the kernel's kselftest harness
 * (tools/testing/selftests/kselftest_harness.h of the installed
 * linux-source tree; emu/model.mk finds it through KSFT_DIR). Output is
 * TAP 13: one "ok N group.name" / "not ok N group.name" per test case,
 * diagnostics as "# ...".
 *
 * Every test case runs in a forked child of the harness, with a fresh fake
 * host (fixture setup: fake_setup(0x9601, 0)) and a time limit (120 s,
 * EMU_TEST). CHECK() and CHECK_EQ() are the harness's
 * EXPECT_TRUE() and EXPECT_EQ() (record the failure, go on); they also
 * work in the tests' helper functions, which have no _metadata argument:
 * the fixture keeps it in emu_md.
 */
#ifndef PLX9656_EMU_TEST_H
#define PLX9656_EMU_TEST_H

#include "fake.h"
#include "kselftest_harness.h"

extern struct __test_metadata *emu_md;

#define CHECK(cond) do {						\
	struct __test_metadata *_metadata = emu_md;			\
	EXPECT_TRUE(!!(cond));						\
} while (0)

#define CHECK_EQ(a, b) do {						\
	struct __test_metadata *_metadata = emu_md;			\
	EXPECT_EQ((unsigned long long)(b), (unsigned long long)(a));	\
} while (0)

/* One fixture per group of cases: the name is "group.case". */
#define EMU_GROUP(group)						\
	FIXTURE(group) {};						\
	FIXTURE_SETUP(group)						\
	{								\
		emu_md = _metadata;					\
		fake_setup(0x9601, 0);					\
	}								\
	FIXTURE_TEARDOWN(group)						\
	{								\
		fake_teardown();					\
	}

/*
 * 120 s a case, not the harness's 30: ASan on a loaded 2-core machine (a
 * hang is still a failure, not a stuck suite).
 */
#define EMU_TEST(group, name, fn)					\
	TEST_F_TIMEOUT(group, name, 120)				\
	{								\
		fn();							\
	}

EMU_GROUP(conformance)
EMU_GROUP(regs)
EMU_GROUP(dma)
EMU_GROUP(irq)
EMU_GROUP(chain)
EMU_GROUP(timing)
EMU_GROUP(reset)
EMU_GROUP(fault)
EMU_GROUP(flow)
EMU_GROUP(host)
EMU_GROUP(silicon)

#endif
