// SPDX-License-Identifier: GPL-2.0-or-later
#include "harness.h"
const struct test_case silicon_tests[] = { { NULL, NULL } };
