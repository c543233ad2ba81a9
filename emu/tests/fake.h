/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The fake host of the PLX 9656 board-model host tests: bus memory with
 * bounds checking, clock, scheduler, INTA#. The tests run under the
 * kernel's kselftest harness (emu_test.h).
 */
#ifndef PLX9656_TEST_FAKE_H
#define PLX9656_TEST_FAKE_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../model/plx9656.h"
#include "../model/plx9656_regs.h"

/*
 * A failed check outside the checks of the test harness (emu_test.h): the
 * current test fails with the message.
 */
void emu_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* ---- fake host ---- */

#define NEVER		((uint64_t)-1)
#define MEM_BASE	0x10000000ull		/* low bus memory */
#define MEM_SIZE	(16u << 20)
#define HI_BASE		0x120000000ull		/* bus memory above 4 GiB */
#define HI_SIZE		(64u << 10)
#define SRAM_SIZE	PLX9656_SRAM_SIZE

struct fake {
	struct plx9656 *s;
	struct plx9656_config cfg;
	uint8_t *mem;
	uint8_t *hi;
	uint8_t *sram;
	uint64_t now;
	uint64_t sched;		/* last schedule request (NEVER = none) */
	int sched_calls;
	int irq;		/* last set_irq level */
	int irq_calls;
	int logs;
	int dma_reads, dma_writes;
	int fail_addr_hits;	/* accesses outside the fake memory */
	int target_abort;	/* failing accesses are target aborts */
	void (*irq_hook)(int level);	/* called from set_irq (an "ISR") */
	/* a second board on the same fake host (fake_board2), own SRAM */
	struct plx9656 *s2;
	uint8_t *sram2;
	uint64_t sched2;
};

extern struct fake F;

void fake_setup(uint16_t device_id, uint64_t bandwidth);
void fake_teardown(void);
/* Add a second board (F.s2, same bus memory and clock, own SRAM and
 * schedule F.sched2; run_due/advance run it too, after the first).
 */
struct plx9656 *fake_board2(uint16_t device_id, uint64_t bandwidth);
uint8_t *hostp(uint64_t addr);		/* pointer to fake bus memory */
void run_due(void);			/* run the model if its time is due */
void run_all(void);			/* advance time until nothing is pending */
void advance(uint64_t t);		/* set now = t and run if due */

uint32_t rd(uint32_t off, unsigned int size);
void wr(uint32_t off, uint32_t v, unsigned int size);
static inline uint32_t rd32(uint32_t off) { return rd(off, 4); }
static inline void wr32(uint32_t off, uint32_t v) { wr(off, v, 4); }
static inline uint8_t rd8(uint32_t off) { return (uint8_t)rd(off, 1); }
static inline void wr8(uint32_t off, uint8_t v) { wr(off, v, 1); }

void put_le32(uint8_t *p, uint32_t v);
uint32_t get_le32(const uint8_t *p);
void put_desc(uint8_t *p, uint32_t padr, uint32_t ladr, uint32_t siz,
	      uint32_t dpr);
uint64_t xfer_ns(uint64_t bytes, uint64_t bw);	/* ceil(bytes*1e9/bw) */
uint32_t rnd(void);
void fill_rnd(uint8_t *p, size_t n);

#endif
