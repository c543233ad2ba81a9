/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Portability layer of the PLX 9656 board model.
 *
 * The model (plx9656.c) is compiled in three environments; this header maps
 * the few types and helpers it needs onto each:
 *
 *   kernel      __KERNEL__ defined (KUnit under UML, or any kbuild):
 *               <linux/...> headers, div64_u64(), pr_debug() for messages.
 *   QEMU        PLX9656_PORT_QEMU defined, or "qemu/osdep.h" included before
 *               this header (detected through its guard QEMU_OSDEP_H):
 *               osdep's libc, qemu_log_mask(LOG_GUEST_ERROR, ...).
 *               plx9656.c includes "qemu/osdep.h" itself when compiled with
 *               -DPLX9656_PORT_QEMU, as QEMU requires osdep first.
 *   user space  otherwise: <stdint.h>, <string.h>, ...; messages dropped
 *               (unless the host supplies plx9656_host_ops.log).
 *
 * Provided to the model: uint8_t..uint64_t, size_t, bool, memcpy, memset,
 * vsnprintf/va_list, plx9656_div64(), plx9656_ld_le16/32(),
 * plx9656_st_le16/32(), PLX9656_PORT_LOG(msg) (the environment's default
 * sink for guest-error messages; @msg is a NUL-terminated string).
 */
#ifndef PLX9656_PORT_H
#define PLX9656_PORT_H

#if defined(QEMU_OSDEP_H) && !defined(PLX9656_PORT_QEMU)
#define PLX9656_PORT_QEMU 1
#endif

#if defined(__KERNEL__)

#define PLX9656_PORT_KERNEL 1
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/math64.h>
#include <linux/printk.h>
#include <linux/stdarg.h>

static inline uint64_t plx9656_div64(uint64_t a, uint64_t b)
{
	return div64_u64(a, b);
}

#define PLX9656_PORT_LOG(msg)	pr_debug("plx9656: %s\n", (msg))

#elif defined(PLX9656_PORT_QEMU)

#ifndef QEMU_OSDEP_H
#error "plx9656_port.h: PLX9656_PORT_QEMU needs \"qemu/osdep.h\" first"
#endif
#include "qemu/log.h"

static inline uint64_t plx9656_div64(uint64_t a, uint64_t b)
{
	return a / b;
}

#define PLX9656_PORT_LOG(msg) \
	qemu_log_mask(LOG_GUEST_ERROR, "plx9656: %s\n", (msg))

#else /* user space */

#define PLX9656_PORT_USER 1
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include <string.h>
#include <stdarg.h>
#include <stdio.h>

static inline uint64_t plx9656_div64(uint64_t a, uint64_t b)
{
	return a / b;
}

#define PLX9656_PORT_LOG(msg)	((void)(msg))

#endif

/* Little-endian loads/stores from byte buffers (any alignment). */
static inline uint16_t plx9656_ld_le16(const void *p)
{
	const uint8_t *b = (const uint8_t *)p;

	return (uint16_t)(b[0] | (b[1] << 8));
}

static inline uint32_t plx9656_ld_le32(const void *p)
{
	const uint8_t *b = (const uint8_t *)p;

	return (uint32_t)b[0] | ((uint32_t)b[1] << 8) |
	       ((uint32_t)b[2] << 16) | ((uint32_t)b[3] << 24);
}

static inline void plx9656_st_le16(void *p, uint16_t v)
{
	uint8_t *b = (uint8_t *)p;

	b[0] = (uint8_t)v;
	b[1] = (uint8_t)(v >> 8);
}

static inline void plx9656_st_le32(void *p, uint32_t v)
{
	uint8_t *b = (uint8_t *)p;

	b[0] = (uint8_t)v;
	b[1] = (uint8_t)(v >> 8);
	b[2] = (uint8_t)(v >> 16);
	b[3] = (uint8_t)(v >> 24);
}

#endif /* PLX9656_PORT_H */
