// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The fake host of the PLX 9656 board-model host tests (fake.h).
 */
#include "fake.h"

struct fake F;

/* ---- fake host callbacks ---- */

static uint8_t *range(uint64_t addr, size_t len)
{
	if (addr >= MEM_BASE && len <= MEM_SIZE &&
	    addr - MEM_BASE <= MEM_SIZE - len)
		return F.mem + (addr - MEM_BASE);
	if (addr >= HI_BASE && len <= HI_SIZE && addr - HI_BASE <= HI_SIZE - len)
		return F.hi + (addr - HI_BASE);
	return NULL;
}

uint8_t *hostp(uint64_t addr)
{
	uint8_t *p = range(addr, 1);

	if (!p) {
		fprintf(stderr, "test bug: host address 0x%llx outside fake memory\n",
			(unsigned long long)addr);
		abort();
	}
	return p;
}

static int f_dma_read(void *opaque, uint64_t addr, void *buf, size_t len)
{
	uint8_t *p = range(addr, len);

	(void)opaque;
	F.dma_reads++;
	if (!p) {
		F.fail_addr_hits++;
		return F.target_abort ? PLX9656_DMA_TARGET_ABORT : -1;
	}
	memcpy(buf, p, len);
	return 0;
}

static int f_dma_write(void *opaque, uint64_t addr, const void *buf, size_t len)
{
	uint8_t *p = range(addr, len);

	(void)opaque;
	F.dma_writes++;
	if (!p) {
		F.fail_addr_hits++;
		return F.target_abort ? PLX9656_DMA_TARGET_ABORT : -1;
	}
	memcpy(p, buf, len);
	return 0;
}

static void f_set_irq(void *opaque, int level)
{
	(void)opaque;
	F.irq = level;
	F.irq_calls++;
	if (F.irq_hook)
		F.irq_hook(level);
}

static uint64_t f_now(void *opaque)
{
	(void)opaque;
	return F.now;
}

static void f_schedule(void *opaque, uint64_t when)
{
	(void)opaque;
	F.sched = when;
	F.sched_calls++;
}

static void f_log(void *opaque, const char *msg)
{
	(void)opaque;
	(void)msg;
	F.logs++;
}

static const struct plx9656_host_ops fake_ops = {
	.dma_read = f_dma_read,
	.dma_write = f_dma_write,
	.set_irq = f_set_irq,
	.now_ns = f_now,
	.schedule = f_schedule,
	.log = f_log,
};

void fake_setup(uint16_t device_id, uint64_t bandwidth)
{
	memset(&F, 0, sizeof(F));
	F.mem = calloc(1, MEM_SIZE);
	F.hi = calloc(1, HI_SIZE);
	F.sram = calloc(1, SRAM_SIZE);
	F.s = malloc(plx9656_state_size());
	if (!F.mem || !F.hi || !F.sram || !F.s) {
		fprintf(stderr, "out of memory\n");
		abort();	/* a failed test, never a harness exit code */
	}
	F.sched = NEVER;
	F.now = 1000;	/* an arbitrary non-zero origin */
	F.cfg.device_id = device_id;
	F.cfg.revision = 0xba;
	F.cfg.bandwidth = bandwidth;
	F.cfg.sram = F.sram;
	F.cfg.sram_size = SRAM_SIZE;
	plx9656_init(F.s, &F.cfg, &fake_ops, &F);
}

static void f_schedule2(void *opaque, uint64_t when)
{
	(void)opaque;
	F.sched2 = when;
}

static const struct plx9656_host_ops fake_ops2 = {
	.dma_read = f_dma_read,
	.dma_write = f_dma_write,
	.now_ns = f_now,
	.schedule = f_schedule2,
	.log = f_log,
};

struct plx9656 *fake_board2(uint16_t device_id, uint64_t bandwidth)
{
	struct plx9656_config cfg = F.cfg;

	F.sram2 = calloc(1, SRAM_SIZE);
	F.s2 = malloc(plx9656_state_size());
	if (!F.sram2 || !F.s2) {
		fprintf(stderr, "out of memory\n");
		abort();
	}
	F.sched2 = NEVER;
	cfg.device_id = device_id;
	cfg.bandwidth = bandwidth;
	cfg.sram = F.sram2;
	plx9656_init(F.s2, &cfg, &fake_ops2, &F);
	return F.s2;
}

void fake_teardown(void)
{
	free(F.s2);
	free(F.sram2);
	free(F.mem);
	free(F.hi);
	free(F.sram);
	free(F.s);
	memset(&F, 0, sizeof(F));
}

void run_due(void)
{
	if (F.sched != NEVER && F.sched <= F.now)
		plx9656_run(F.s);
	if (F.s2 && F.sched2 != NEVER && F.sched2 <= F.now)
		plx9656_run(F.s2);
}

void advance(uint64_t t)
{
	if (t > F.now)
		F.now = t;
	run_due();
}

void run_all(void)
{
	int i;

	for (i = 0; i < 1000000 && F.sched != NEVER; i++) {
		if (F.sched > F.now)
			F.now = F.sched;
		plx9656_run(F.s);
	}
	if (F.sched != NEVER)
		emu_fail(__FILE__, __LINE__, "run_all: model never went idle");
}

uint32_t rd(uint32_t off, unsigned int size)
{
	return plx9656_reg_read(F.s, off, size);
}

void wr(uint32_t off, uint32_t v, unsigned int size)
{
	plx9656_reg_write(F.s, off, v, size);
}

void put_le32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

uint32_t get_le32(const uint8_t *p)
{
	return p[0] | (p[1] << 8) | (p[2] << 16) | ((uint32_t)p[3] << 24);
}

void put_desc(uint8_t *p, uint32_t padr, uint32_t ladr, uint32_t siz,
	      uint32_t dpr)
{
	put_le32(p + 0, padr);
	put_le32(p + 4, ladr);
	put_le32(p + 8, siz);
	put_le32(p + 12, dpr);
}

/* ceil(bytes * 1e9 / bw), computed by quotient and remainder */
uint64_t xfer_ns(uint64_t bytes, uint64_t bw)
{
	uint64_t num = bytes * 1000000000ull;
	uint64_t q = num / bw;

	return q + (num % bw != 0);
}

static uint64_t rng = 0x9e3779b97f4a7c15ull;

uint32_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 11);
}

void fill_rnd(uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (uint8_t)rnd();
}
