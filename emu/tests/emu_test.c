// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The board-model host tests, one program (emu_test.h). The harness keeps
 * its test list in static variables of the translation unit that includes
 * kselftest_harness.h, so the test files are compiled here, as part of
 * this one unit; their static helpers carry a file prefix where two files
 * would clash.
 */
#include <stdarg.h>

#include "emu_test.h"

struct __test_metadata *emu_md;

void emu_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "# %s:%d:%s: ", file, line,
		emu_md ? emu_md->name : "?");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (emu_md)
		emu_md->exit_code = KSFT_FAIL;
	else
		abort();
}

#include "test_conformance.c"
#include "test_regs.c"
#include "test_dma.c"
#include "test_silicon.c"

TEST_HARNESS_MAIN
