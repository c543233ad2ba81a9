// SPDX-License-Identifier: GPL-2.0-only
/*
 * The portable PLX 9656 board model (emu/model, GPL-2.0-or-
 * later) compiled into the kernel for the PLX core's KUnit suites. Its own
 * translation unit: the model's register names (plx9656_regs.h) and the
 * core's (plx_reg9656.h) must not meet.
 */
#include "../../emu/model/plx9656.c"
