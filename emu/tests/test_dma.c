// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * DMA engine, interrupt logic, timing, reset and fault behaviour of the
 * PLX 9656 board model.
 */
#include "emu_test.h"

#define BW	PLX9656_BW_9656
#define MODE	PLX_DMAMODE_RESET_VALUE	/* 32-bit local bus */
#define CSR_GO	(PLX_DMACSR_ENABLE | PLX_DMACSR_START)
#define INT_ALL	(PLX_INTCSR_PIEN | PLX_INTCSR_DMA0IEN | PLX_INTCSR_DMA1IEN)

static void dma_reinit(uint16_t dev, uint64_t bw)
{
	fake_teardown();
	fake_setup(dev, bw);
}

static int done(int c)
{
	return (rd8(PLX_REG_DMACSR(c)) & PLX_DMACSR_DONE) != 0;
}

static void block_start(int c, uint64_t pci, uint32_t local, uint32_t len,
			int l2p, uint32_t mode)
{
	wr32(PLX_REG_DMAMODE(c), MODE | mode);
	wr32(PLX_REG_DMAPADR(c), (uint32_t)pci);
	wr32(PLX_REG_DMADAC(c), (uint32_t)(pci >> 32));
	wr32(PLX_REG_DMALADR(c), local);
	wr32(PLX_REG_DMASIZ(c), len);
	wr32(PLX_REG_DMADPR(c), l2p ? PLX_DMADPR_XFERL2P : 0);
	wr8(PLX_REG_DMACSR(c), CSR_GO);
}

static void chain_start(int c, uint32_t dpr, uint32_t mode)
{
	wr32(PLX_REG_DMAMODE(c), MODE | PLX_DMAMODE_CHAINEN | mode);
	wr32(PLX_REG_DMADPR(c), dpr);
	wr8(PLX_REG_DMACSR(c), CSR_GO);
}

static int all_zero(const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

/* ---- block mode ---- */

static void t_block_pci_to_local(void)
{
	uint8_t *src = hostp(MEM_BASE + 0x1000);
	uint64_t t0 = F.now, fin = t0 + xfer_ns(4096, BW);

	fill_rnd(src, 4096);
	block_start(0, MEM_BASE + 0x1000, 0x100, 4096, 0, 0);
	CHECK(!done(0));
	CHECK_EQ(F.sched, t0);			/* load at the Start time */
	CHECK_EQ(plx9656_chan_status(F.s, 0), PLX9656_CHAN_BUSY);
	run_due();
	CHECK_EQ(F.sched, fin);
	advance(fin - 1);
	CHECK(!done(0));
	CHECK(all_zero(F.sram + 0x100, 4096));
	advance(fin);
	CHECK(done(0));
	CHECK(memcmp(F.sram + 0x100, src, 4096) == 0);
	CHECK(all_zero(F.sram, 0x100));
	CHECK_EQ(F.sram[0x100 + 4096], 0);
	CHECK_EQ(plx9656_chan_status(F.s, 0), PLX9656_CHAN_OK);
	CHECK_EQ(F.sched, NEVER);
}

static void t_block_local_to_pci(void)
{
	uint8_t *dst = hostp(MEM_BASE + 0x2000);
	uint64_t t0 = F.now, fin = t0 + xfer_ns(1000, BW);

	fill_rnd(F.sram + 0x3000, 1000);
	block_start(1, MEM_BASE + 0x2000, 0x3000, 1000, 1, 0);
	advance(fin - 1);
	CHECK(!done(1));
	CHECK(all_zero(dst, 1000));
	advance(fin);
	CHECK(done(1));
	CHECK(memcmp(dst, F.sram + 0x3000, 1000) == 0);
	CHECK(all_zero(dst + 1000, 16));
	CHECK(all_zero(dst - 16, 16));
}

static void t_block_regs_after(void)
{
	block_start(0, MEM_BASE + 0x1000, 0x100, 333, 0, 0);
	run_all();
	CHECK_EQ(rd32(PLX_REG_DMAPADR0), MEM_BASE + 0x1000 + 333);
	CHECK_EQ(rd32(PLX_REG_DMALADR0), 0x100 + 333);
	CHECK_EQ(rd32(PLX_REG_DMASIZ0), 0);
	CHECK_EQ(rd32(PLX_REG_DMADAC0), 0);
	CHECK_EQ(rd32(PLX_REG_DMADPR0), 0);
	/* the channel restarts with freshly written registers */
	block_start(0, MEM_BASE + 0x1000, 0x800, 64, 0, 0);
	run_all();
	CHECK(memcmp(F.sram + 0x800, hostp(MEM_BASE + 0x1000), 64) == 0);
}

static void t_zero_size_block(void)
{
	uint64_t t0 = F.now;

	block_start(0, MEM_BASE, 0, 0, 0, PLX_DMAMODE_DONEIEN);
	CHECK(!done(0));
	run_all();
	CHECK(done(0));
	CHECK_EQ(F.now, t0);
	CHECK_EQ(F.dma_reads + F.dma_writes, 0);
	CHECK(rd32(PLX_REG_INTCSR) & PLX_INTCSR_DMA0IA);
}

static void t_start_needs_enable(void)
{
	int logs = F.logs;

	wr32(PLX_REG_DMASIZ0, 16);
	wr8(PLX_REG_DMACSR0, PLX_DMACSR_START);
	CHECK(done(0));
	CHECK_EQ(F.sched, NEVER);
	CHECK(F.logs > logs);
	/* Enable set earlier but not in the Start write: Enable is cleared */
	wr8(PLX_REG_DMACSR0, PLX_DMACSR_ENABLE);
	wr8(PLX_REG_DMACSR0, PLX_DMACSR_START);
	CHECK(done(0));
	CHECK_EQ(F.sched, NEVER);
}

static void t_start_while_busy(void)
{
	uint64_t t0 = F.now, fin = t0 + xfer_ns(8192, BW);
	int logs;

	block_start(0, MEM_BASE, 0, 8192, 0, 0);
	run_due();
	F.now += 10;
	logs = F.logs;
	wr32(PLX_REG_DMASIZ0, 16);
	wr8(PLX_REG_DMACSR0, CSR_GO);
	CHECK(F.logs > logs);
	CHECK_EQ(F.sched, fin);
	run_all();
	CHECK_EQ(F.now, fin);
	CHECK(done(0));
}

/* ---- interrupts ---- */

static void t_done_irq_and_clear(void)
{
	wr32(PLX_REG_INTCSR, INT_ALL);
	block_start(0, MEM_BASE, 0, 64, 0,
		    PLX_DMAMODE_DONEIEN | PLX_DMAMODE_INTRPCI);
	CHECK_EQ(F.irq, 0);
	run_all();
	CHECK_EQ(F.irq, 1);
	CHECK(rd32(PLX_REG_INTCSR) & PLX_INTCSR_DMA0IA);
	CHECK(!(rd32(PLX_REG_INTCSR) & PLX_INTCSR_DMA1IA));
	/* the ISR: read DMACSR, write it back with Clear */
	wr8(PLX_REG_DMACSR0, rd8(PLX_REG_DMACSR0) | PLX_DMACSR_CLEARINTR);
	CHECK_EQ(F.irq, 0);
	CHECK(!(rd32(PLX_REG_INTCSR) & PLX_INTCSR_DMA0IA));
	CHECK(done(0));
	CHECK_EQ(rd8(PLX_REG_DMACSR0) & PLX_DMACSR_CLEARINTR, 0);
}

static void t_no_done_int_enable(void)
{
	wr32(PLX_REG_INTCSR, INT_ALL);
	block_start(0, MEM_BASE, 0, 64, 0, PLX_DMAMODE_INTRPCI);
	run_all();
	CHECK(done(0));
	CHECK(!(rd32(PLX_REG_INTCSR) & PLX_INTCSR_DMA0IA));
	CHECK_EQ(F.irq, 0);
}

static void t_int_to_pci_routing(void)
{
	wr32(PLX_REG_INTCSR, INT_ALL);
	block_start(0, MEM_BASE, 0, 64, 0, PLX_DMAMODE_DONEIEN);
	run_all();
	/* active, but routed to LINTo#: not INTA# */
	CHECK(rd32(PLX_REG_INTCSR) & PLX_INTCSR_DMA0IA);
	CHECK_EQ(F.irq, 0);
	wr32(PLX_REG_DMAMODE0, MODE | PLX_DMAMODE_DONEIEN |
	     PLX_DMAMODE_INTRPCI);
	CHECK_EQ(F.irq, 1);
	wr32(PLX_REG_DMAMODE0, MODE);
	CHECK_EQ(F.irq, 0);
}

static void t_pci_int_enable_master(void)
{
	wr32(PLX_REG_INTCSR, PLX_INTCSR_DMA0IEN);
	block_start(0, MEM_BASE, 0, 64, 0,
		    PLX_DMAMODE_DONEIEN | PLX_DMAMODE_INTRPCI);
	run_all();
	CHECK_EQ(F.irq, 0);
	CHECK_EQ(F.irq_calls, 0);
	wr32(PLX_REG_INTCSR, PLX_INTCSR_DMA0IEN | PLX_INTCSR_PIEN);
	CHECK_EQ(F.irq, 1);
	wr32(PLX_REG_INTCSR, PLX_INTCSR_DMA0IEN);
	CHECK_EQ(F.irq, 0);
	wr32(PLX_REG_INTCSR, PLX_INTCSR_PIEN);		/* channel enable off */
	CHECK_EQ(F.irq, 0);
	CHECK_EQ(F.irq_calls, 2);
}

static void t_channel1_pair(void)
{
	wr32(PLX_REG_INTCSR, PLX_INTCSR_PIEN | PLX_INTCSR_DMA0IEN);
	block_start(1, MEM_BASE, 0, 64, 1,
		    PLX_DMAMODE_DONEIEN | PLX_DMAMODE_INTRPCI);
	run_all();
	CHECK(rd32(PLX_REG_INTCSR) & PLX_INTCSR_DMA1IA);
	CHECK(!(rd32(PLX_REG_INTCSR) & PLX_INTCSR_DMA0IA));
	CHECK_EQ(F.irq, 0);
	wr32(PLX_REG_INTCSR, PLX_INTCSR_PIEN | PLX_INTCSR_DMA1IEN);
	CHECK_EQ(F.irq, 1);
	wr8(PLX_REG_DMACSR0, PLX_DMACSR_CLEARINTR);	/* wrong channel */
	CHECK_EQ(F.irq, 1);
	wr8(PLX_REG_DMACSR1, PLX_DMACSR_CLEARINTR);
	CHECK_EQ(F.irq, 0);
}

/* Every enable/active pair, alone, with and without its enable. */
static void t_irq_each_pair(void)
{
	static const uint32_t en[] = { PLX_INTCSR_DMA0IEN, PLX_INTCSR_DMA1IEN,
		PLX_INTCSR_PDBIEN, PLX_INTCSR_PABORTIEN, PLX_INTCSR_PLIEN };
	static const uint32_t act[] = { PLX_INTCSR_DMA0IA, PLX_INTCSR_DMA1IA,
		PLX_INTCSR_PDBIA, PLX_INTCSR_PABORTIA, PLX_INTCSR_PLIA };
	uint32_t others;
	int i, j;

	for (i = 0; i < 5; i++) {
		fake_teardown();
		fake_setup(0x9601, 0);
		switch (i) {
		case 0:
		case 1:
			block_start(i, MEM_BASE, 0, 16, i,
				    PLX_DMAMODE_DONEIEN | PLX_DMAMODE_INTRPCI);
			run_all();
			break;
		case 2:
			plx9656_local_doorbell(F.s, 0x8000);
			break;
		case 3:
			plx9656_set_master_abort(F.s, 1);
			block_start(0, MEM_BASE, 0, 16, 0, 0);
			run_all();
			break;
		case 4:
			plx9656_set_local_irq(F.s, 1);
			break;
		}
		CHECK(rd32(PLX_REG_INTCSR) & act[i]);
		others = 0;
		for (j = 0; j < 5; j++)
			if (j != i)
				others |= en[j];
		wr32(PLX_REG_INTCSR, PLX_INTCSR_PIEN | others);
		if (F.irq != 0)
			emu_fail(__FILE__, __LINE__, "source %d: INTA# without its enable", i);
		wr32(PLX_REG_INTCSR, PLX_INTCSR_PIEN | en[i]);
		if (F.irq != 1)
			emu_fail(__FILE__, __LINE__, "source %d: no INTA# with its enable", i);
		wr32(PLX_REG_INTCSR, en[i]);
		if (F.irq != 0)
			emu_fail(__FILE__, __LINE__, "source %d: INTA# without PIEN", i);
	}
}

/* ---- chained mode ---- */

struct seg {
	uint32_t pci, local, len;
};

/* Build a chain of @n descriptors at bus address @dbase (PCI) or local
 * address @dbase (local), stride @stride, and return DMADPR's value. */
static uint32_t build_chain(const struct seg *sg, int n, uint32_t dbase,
			    int in_pci, int l2p, uint32_t stride,
			    uint32_t extra_last)
{
	uint32_t flags = (in_pci ? PLX_DMADPR_DESCPCI : 0) |
			 (l2p ? PLX_DMADPR_XFERL2P : 0);
	int i;

	for (i = 0; i < n; i++) {
		uint32_t a = dbase + i * stride;
		uint8_t *p = in_pci ? hostp(a) : F.sram + a;
		uint32_t next = (a + stride) | flags;

		if (i == n - 1)
			next |= PLX_DMADPR_CHAINEND | extra_last;
		put_desc(p, sg[i].pci, sg[i].local, sg[i].len, next);
	}
	return dbase | (in_pci ? PLX_DMADPR_DESCPCI : 0) | PLX_DMADPR_TCINTR;
}

static void make_segs(struct seg *sg, int n, uint32_t pci_base,
		      uint32_t local_base)
{
	uint32_t p = pci_base, l = local_base;
	int i;

	for (i = 0; i < n; i++) {
		sg[i].len = 1 + rnd() % 3000;
		sg[i].pci = p + (rnd() % 4) * 8;
		sg[i].local = l + rnd() % 64;
		p = sg[i].pci + sg[i].len + 64;
		l = sg[i].local + sg[i].len + 32;
	}
}

static void check_segs(const struct seg *sg, int n, int l2p, const char *what)
{
	int i;

	for (i = 0; i < n; i++) {
		const uint8_t *h = hostp(sg[i].pci);
		const uint8_t *l = F.sram + sg[i].local;

		if (memcmp(h, l, sg[i].len))
			emu_fail(__FILE__, __LINE__, "%s: n=%d segment %d (%s) differs",
			       what, n, i, l2p ? "L2P" : "P2L");
	}
}

static void chain_dirs(int in_pci)
{
	struct seg sg[8];
	uint32_t dbase = in_pci ? (uint32_t)MEM_BASE + 0x100 : 0x1000;
	int n, l2p;
	uint64_t t0, expect;
	int i;

	for (l2p = 0; l2p < 2; l2p++) {
		for (n = 1; n <= 8; n++) {
			memset(F.mem, 0, 0x40000);
			memset(F.sram, 0, SRAM_SIZE);
			make_segs(sg, n, MEM_BASE + 0x10000, 0x4000);
			if (l2p)
				fill_rnd(F.sram + 0x4000, 0x8000);
			else
				fill_rnd(hostp(MEM_BASE + 0x10000), 0x8000);
			build_chain(sg, n, dbase, in_pci, l2p, 16, 0);
			wr32(PLX_REG_DMADPR(l2p), 0xdead0000);
			t0 = F.now;
			chain_start(l2p, dbase | (in_pci ? 1 : 0), 0);
			run_all();
			expect = t0;
			for (i = 0; i < n; i++)
				expect += xfer_ns(sg[i].len, BW);
			CHECK_EQ(F.now, expect);
			CHECK(done(l2p));
			CHECK_EQ(plx9656_chan_status(F.s, l2p), PLX9656_CHAN_OK);
			check_segs(sg, n, l2p, in_pci ? "pci descs" : "local descs");
			/* registers show the last descriptor */
			CHECK_EQ(rd32(PLX_REG_DMADPR(l2p)),
				 (dbase + n * 16) | (in_pci ? 1 : 0) |
				 (l2p ? PLX_DMADPR_XFERL2P : 0) |
				 PLX_DMADPR_CHAINEND);
			CHECK_EQ(rd32(PLX_REG_DMAPADR(l2p)),
				 sg[n - 1].pci + sg[n - 1].len);
			CHECK_EQ(rd32(PLX_REG_DMASIZ(l2p)), 0);
		}
	}
}

static void t_chain_pci_descs(void)
{
	chain_dirs(1);
}

static void t_chain_local_descs(void)
{
	chain_dirs(0);
}

static void t_chain_single_desc_driver_style(void)
{
	/* doc/facts.md §4.5: 32-byte slots, DMADPR = base | DescPci | TermCountInt */
	struct seg sg[3] = {
		{ MEM_BASE + 0x20000, 0, 4096 },
		{ MEM_BASE + 0x30000, 4096, 4096 },
		{ MEM_BASE + 0x40010, 8192, 100 },
	};
	uint32_t dpr;
	int n;

	for (n = 1; n <= 3; n++) {
		memset(F.sram, 0, 0x10000);
		fill_rnd(hostp(MEM_BASE + 0x20000), 0x30000);
		dpr = build_chain(sg, n, MEM_BASE + 0x200, 1, 0, 32, 0);
		chain_start(0, dpr, PLX_DMAMODE_DONEIEN | PLX_DMAMODE_INTRPCI);
		run_all();
		check_segs(sg, n, 0, "driver style");
		CHECK(done(0));
		CHECK(rd32(PLX_REG_INTCSR) & PLX_INTCSR_DMA0IA);
		wr8(PLX_REG_DMACSR0, PLX_DMACSR_ENABLE | PLX_DMACSR_CLEARINTR);
	}
}

static void t_chain_timing_steps(void)
{
	struct seg sg[4];
	uint64_t t0 = F.now, fin[4], acc;
	int i;

	make_segs(sg, 4, MEM_BASE + 0x10000, 0x100);
	fill_rnd(hostp(MEM_BASE + 0x10000), 0x4000);
	build_chain(sg, 4, MEM_BASE, 1, 0, 16, 0);
	chain_start(0, MEM_BASE | 1, PLX_DMAMODE_CLRCOUNT);
	acc = t0;
	for (i = 0; i < 4; i++) {
		acc += xfer_ns(sg[i].len, BW);
		fin[i] = acc;
	}
	for (i = 0; i < 4; i++) {
		advance(fin[i] - 1);
		/* segment i not yet moved, its count not yet cleared */
		CHECK_EQ(get_le32(hostp(MEM_BASE + i * 16 + 8)), sg[i].len);
		CHECK(all_zero(F.sram + sg[i].local, sg[i].len));
		CHECK(!done(0));
		advance(fin[i]);
		CHECK(memcmp(F.sram + sg[i].local, hostp(sg[i].pci),
			     sg[i].len) == 0);
		CHECK_EQ(get_le32(hostp(MEM_BASE + i * 16 + 8)), 0);
	}
	CHECK(done(0));
}

static void t_register_writes_mid_chain(void)
{
	/* the engine works from what it loaded: rewriting DMADPR/PADR/SIZ
	 * while a chain runs does not derail it */
	struct seg sg[3];
	uint64_t t0 = F.now;

	make_segs(sg, 3, MEM_BASE + 0x10000, 0x100);
	fill_rnd(hostp(MEM_BASE + 0x10000), 0x4000);
	build_chain(sg, 3, MEM_BASE, 1, 0, 16, 0);
	chain_start(0, MEM_BASE | 1, 0);
	advance(t0 + xfer_ns(sg[0].len, BW) / 2);
	wr32(PLX_REG_DMADPR0, 0x40 | 1);
	wr32(PLX_REG_DMAPADR0, 0x40);
	wr32(PLX_REG_DMASIZ0, 0x7fffff);
	run_all();
	CHECK_EQ(plx9656_chan_status(F.s, 0), PLX9656_CHAN_OK);
	check_segs(sg, 3, 0, "mid-chain writes");
}

static void t_clear_count_pci(void)
{
	struct seg sg[5];
	uint32_t before[5 * 4], hi[5];
	int i, k, clr;

	for (clr = 0; clr < 2; clr++) {
		make_segs(sg, 5, MEM_BASE + 0x10000, 0x100);
		build_chain(sg, 5, MEM_BASE + 0x400, 1, 1, 16, 0);
		for (i = 0; i < 5; i++) {
			/* bits 31:23 of the count dword are not the count */
			hi[i] = (rnd() & 0x1ff) << 23;
			put_le32(hostp(MEM_BASE + 0x400 + i * 16 + 8),
				 sg[i].len | hi[i]);
		}
		for (i = 0; i < 20; i++)
			before[i] = get_le32(hostp(MEM_BASE + 0x400 + i * 4));
		chain_start(1, (MEM_BASE + 0x400) | 1,
			    clr ? PLX_DMAMODE_CLRCOUNT : 0);
		run_all();
		CHECK(done(1));
		check_segs(sg, 5, 1, "clear count");
		for (i = 0; i < 5; i++)
			for (k = 0; k < 4; k++) {
				uint32_t now = get_le32(hostp(MEM_BASE + 0x400 +
							      i * 16 + k * 4));
				uint32_t want = before[i * 4 + k];

				if (k == 2 && clr)
					want = hi[i];
				CHECK_EQ(now, want);
			}
	}
}

static void t_clear_count_local(void)
{
	struct seg sg[3];
	int i;

	make_segs(sg, 3, MEM_BASE + 0x10000, 0x4000);
	fill_rnd(hostp(MEM_BASE + 0x10000), 0x4000);
	build_chain(sg, 3, 0x800, 0, 0, 16, 0);
	chain_start(0, 0x800, PLX_DMAMODE_CLRCOUNT);
	run_all();
	check_segs(sg, 3, 0, "clear count local");
	for (i = 0; i < 3; i++) {
		CHECK_EQ(get_le32(F.sram + 0x800 + i * 16 + 8), 0);
		CHECK_EQ(get_le32(F.sram + 0x800 + i * 16), sg[i].pci);
		CHECK_EQ(get_le32(F.sram + 0x800 + i * 16 + 4), sg[i].local);
	}
	CHECK_EQ(F.dma_writes, 0);	/* nothing written to host memory */
}

static void t_terminal_count_interrupt(void)
{
	struct seg sg[3];
	uint64_t t0 = F.now, f0, f1;
	uint8_t *d;

	make_segs(sg, 3, MEM_BASE + 0x10000, 0x100);
	build_chain(sg, 3, MEM_BASE, 1, 0, 16, 0);
	/* interrupt after descriptor 1 only */
	d = hostp(MEM_BASE + 16 + 12);
	put_le32(d, get_le32(d) | PLX_DMADPR_TCINTR);
	wr32(PLX_REG_INTCSR, INT_ALL);
	chain_start(0, MEM_BASE | 1, PLX_DMAMODE_INTRPCI);
	f0 = t0 + xfer_ns(sg[0].len, BW);
	f1 = f0 + xfer_ns(sg[1].len, BW);
	advance(f1 - 1);
	CHECK_EQ(F.irq, 0);
	advance(f1);
	CHECK_EQ(F.irq, 1);
	CHECK(rd32(PLX_REG_INTCSR) & PLX_INTCSR_DMA0IA);
	CHECK(!done(0));			/* chain still running */
	wr8(PLX_REG_DMACSR0, PLX_DMACSR_ENABLE | PLX_DMACSR_CLEARINTR);
	CHECK_EQ(F.irq, 0);
	run_all();
	CHECK(done(0));
	CHECK_EQ(F.irq, 0);		/* no DoneIntEnable, no TC on last */
}

static void t_dac_descriptors(void)
{
	/* 32-byte descriptors, PCI high at +0x10 (DACChainLoad) */
	uint8_t *d0 = hostp(MEM_BASE + 0x100), *d1 = hostp(MEM_BASE + 0x120);
	uint32_t hi_high = (uint32_t)(HI_BASE >> 32);
	uint32_t hi_low = (uint32_t)HI_BASE + 0x40;

	fill_rnd(F.sram, 0x1000);
	put_desc(d0, hi_low, 0x0, 256, (MEM_BASE + 0x120) | 1 | 8);
	put_le32(d0 + 16, hi_high);
	put_desc(d1, MEM_BASE + 0x5000, 0x200, 128, 1 | 2 | 8);
	put_le32(d1 + 16, 0);
	chain_start(1, (MEM_BASE + 0x100) | 1, PLX_DMAMODE_DACCHAIN);
	run_all();
	CHECK(done(1));
	CHECK_EQ(plx9656_chan_status(F.s, 1), PLX9656_CHAN_OK);
	CHECK(memcmp(hostp(HI_BASE + 0x40), F.sram, 256) == 0);
	CHECK(memcmp(hostp(MEM_BASE + 0x5000), F.sram + 0x200, 128) == 0);
	CHECK(all_zero(hostp(HI_BASE), 0x40));
	CHECK_EQ(rd32(PLX_REG_DMADAC1), 0);	/* loaded from descriptor 2 */
}

static void t_dac_not_loaded_without_mode(void)
{
	/* same 32-byte layout, DACChainLoad off: the high dword is ignored */
	uint8_t *d0 = hostp(MEM_BASE + 0x100);

	fill_rnd(F.sram, 0x100);
	put_desc(d0, MEM_BASE + 0x6000, 0x0, 64, 1 | 2 | 8);
	put_le32(d0 + 16, (uint32_t)(HI_BASE >> 32));
	chain_start(1, (MEM_BASE + 0x100) | 1, 0);
	run_all();
	CHECK_EQ(plx9656_chan_status(F.s, 1), PLX9656_CHAN_OK);
	CHECK(memcmp(hostp(MEM_BASE + 0x6000), F.sram, 64) == 0);
}

static void t_dmadac_register(void)
{
	/* block mode: DMADAC is the high half */
	fill_rnd(hostp(HI_BASE + 0x100), 512);
	block_start(0, HI_BASE + 0x100, 0x40, 512, 0, 0);
	run_all();
	CHECK_EQ(plx9656_chan_status(F.s, 0), PLX9656_CHAN_OK);
	CHECK(memcmp(F.sram + 0x40, hostp(HI_BASE + 0x100), 512) == 0);
	CHECK_EQ(rd32(PLX_REG_DMADAC0), HI_BASE >> 32);
	/* chained without DACChainLoad: 16-byte descriptors from 32-bit
	 * memory, data high half from DMADAC */
	put_desc(hostp(MEM_BASE + 0x100), (uint32_t)HI_BASE + 0x1000, 0x40,
		 64, 1 | 2 | 8);
	wr32(PLX_REG_DMADAC1, HI_BASE >> 32);
	chain_start(1, (MEM_BASE + 0x100) | 1, 0);
	run_all();
	CHECK_EQ(plx9656_chan_status(F.s, 1), PLX9656_CHAN_OK);
	CHECK(memcmp(hostp(HI_BASE + 0x1000), F.sram + 0x40, 64) == 0);
}

static void t_local_address_mode(void)
{
	/* width 0: 8 bit, 1: 16 bit, 3: 32 bit; LADR held constant */
	static const uint32_t widths[] = { 0, 1, 3 };
	static const uint32_t wbytes[] = { 1, 2, 4 };
	uint8_t *src = hostp(MEM_BASE + 0x1000);
	uint8_t *dst = hostp(MEM_BASE + 0x3000);
	unsigned int k, i;

	for (k = 0; k < 3; k++) {
		uint32_t w = wbytes[k];

		memset(F.sram, 0, 0x1000);
		fill_rnd(src, 256);
		wr32(PLX_REG_DMAMODE0, widths[k] | PLX_DMAMODE_LACONST);
		wr32(PLX_REG_DMAPADR0, MEM_BASE + 0x1000);
		wr32(PLX_REG_DMALADR0, 0x800);
		wr32(PLX_REG_DMASIZ0, 256);
		wr32(PLX_REG_DMADPR0, 0);
		wr8(PLX_REG_DMACSR0, CSR_GO);
		run_all();
		/* the last unit stays at LADR, nothing beyond it is touched */
		CHECK(memcmp(F.sram + 0x800, src + 256 - w, w) == 0);
		CHECK(all_zero(F.sram + 0x800 + w, 0x100));
		CHECK(all_zero(F.sram + 0x700, 0x100));
		CHECK_EQ(rd32(PLX_REG_DMALADR0), 0x800);

		/* local -> PCI: the unit at LADR repeats */
		memset(dst, 0, 512);
		fill_rnd(F.sram + 0x900, 4);
		wr32(PLX_REG_DMAMODE1, widths[k] | PLX_DMAMODE_LACONST);
		wr32(PLX_REG_DMAPADR1, MEM_BASE + 0x3000);
		wr32(PLX_REG_DMALADR1, 0x900);
		wr32(PLX_REG_DMASIZ1, 255);
		wr32(PLX_REG_DMADPR1, PLX_DMADPR_XFERL2P);
		wr8(PLX_REG_DMACSR1, CSR_GO);
		run_all();
		for (i = 0; i < 255; i++)
			if (dst[i] != F.sram[0x900 + i % w]) {
				emu_fail(__FILE__, __LINE__, "width %u byte %u", w, i);
				break;
			}
		CHECK_EQ(dst[255], 0);
	}
}

/* ---- timing on the shared bus ---- */

static void t_shared_bus_same_time(void)
{
	uint32_t a = 6000, b = 10000;
	uint64_t t0 = F.now, f0 = t0 + xfer_ns(a, BW), f1 = f0 + xfer_ns(b, BW);

	block_start(0, MEM_BASE, 0, a, 0, 0);
	block_start(1, MEM_BASE + 0x10000, 0x8000, b, 1, 0);
	advance(f0 - 1);
	CHECK(!done(0));
	CHECK(!done(1));
	advance(f0);
	CHECK(done(0));
	CHECK(!done(1));
	advance(f1 - 1);
	CHECK(!done(1));
	advance(f1);
	CHECK(done(1));
}

static void t_shared_bus_overlap(void)
{
	uint32_t a = 8192, b = 4096, c = 100;
	uint64_t t0 = F.now, f0 = t0 + xfer_ns(a, BW), t1, f1, t2;

	block_start(0, MEM_BASE, 0, a, 0, 0);
	run_due();
	t1 = t0 + xfer_ns(a, BW) / 2;
	advance(t1);
	block_start(1, MEM_BASE + 0x10000, 0x8000, b, 1, 0);
	f1 = f0 + xfer_ns(b, BW);	/* waits for the bus */
	run_due();
	CHECK_EQ(F.sched, f0);
	advance(f0);
	CHECK(done(0));
	CHECK_EQ(F.sched, f1);
	advance(f1 - 1);
	CHECK(!done(1));
	advance(f1);
	CHECK(done(1));
	/* a later start on an idle bus is not delayed */
	t2 = f1 + 5000;
	advance(t2);
	block_start(0, MEM_BASE, 0, c, 0, 0);
	run_all();
	CHECK_EQ(F.now, t2 + xfer_ns(c, BW));
}

static void t_shared_bus_chains_interleave(void)
{
	/* two 2-descriptor chains started together: the bus is granted per
	 * descriptor in load order: A0, B0, A1, B1 */
	struct seg a[2] = { { MEM_BASE + 0x10000, 0x0, 1000 },
			    { MEM_BASE + 0x11000, 0x1000, 3000 } };
	struct seg b[2] = { { MEM_BASE + 0x20000, 0x8000, 2000 },
			    { MEM_BASE + 0x21000, 0x9000, 500 } };
	uint64_t t0 = F.now, fa0, fb0, fa1, fb1;

	build_chain(a, 2, MEM_BASE, 1, 0, 16, 0);
	build_chain(b, 2, MEM_BASE + 0x100, 1, 1, 16, 0);
	chain_start(0, MEM_BASE | 1, 0);
	chain_start(1, (MEM_BASE + 0x100) | 1, 0);
	fa0 = t0 + xfer_ns(1000, BW);
	fb0 = fa0 + xfer_ns(2000, BW);
	fa1 = fb0 + xfer_ns(3000, BW);
	fb1 = fa1 + xfer_ns(500, BW);
	advance(fa1 - 1);
	CHECK(!done(0));
	advance(fa1);
	CHECK(done(0));
	CHECK(!done(1));
	advance(fb1 - 1);
	CHECK(!done(1));
	advance(fb1);
	CHECK(done(1));
}

static void t_abort_releases_bus(void)
{
	uint64_t t0 = F.now, t1 = t0 + xfer_ns(65536, BW) / 3;

	block_start(0, MEM_BASE, 0, 65536, 0, 0);
	run_due();
	advance(t1);
	wr8(PLX_REG_DMACSR0, PLX_DMACSR_ABORT);
	block_start(1, MEM_BASE + 0x20000, 0, 1000, 1, 0);
	run_all();
	CHECK_EQ(F.now, t1 + xfer_ns(1000, BW));
	/* same after a soft reset */
	t0 = F.now;
	block_start(0, MEM_BASE, 0, 65536, 0, 0);
	run_due();
	t1 = t0 + 777;
	advance(t1);
	wr32(PLX_REG_CNTRL, PLX_CNTRL_RESET);
	wr32(PLX_REG_CNTRL, 0);
	block_start(1, MEM_BASE + 0x20000, 0, 1000, 1, 0);
	run_all();
	CHECK_EQ(F.now, t1 + xfer_ns(1000, BW));
}

static void t_bandwidth_defaults(void)
{
	static const uint16_t ids[] = { 0x9601, 0x9656, 0x5601, 0x9056 };
	static const uint64_t bw[] = { 528000000ull, 528000000ull,
				       264000000ull, 264000000ull };
	unsigned int i;
	uint64_t t0;

	for (i = 0; i < 4; i++) {
		dma_reinit(ids[i], 0);
		t0 = F.now;
		block_start(0, MEM_BASE, 0, 12345, 0, 0);
		run_all();
		CHECK_EQ(F.now - t0, xfer_ns(12345, bw[i]));
	}
}

static void t_bandwidth_config_and_runtime(void)
{
	uint64_t t0;

	dma_reinit(0x9601, 100000000ull);
	t0 = F.now;
	block_start(0, MEM_BASE, 0, 1001, 0, 0);
	run_all();
	CHECK_EQ(F.now - t0, xfer_ns(1001, 100000000ull));
	plx9656_set_bandwidth(F.s, 3);		/* 3 bytes/s */
	t0 = F.now;
	block_start(0, MEM_BASE, 0, 7, 0, 0);
	run_all();
	CHECK_EQ(F.now - t0, xfer_ns(7, 3));
	plx9656_set_bandwidth(F.s, 0);		/* back to the default */
	t0 = F.now;
	block_start(0, MEM_BASE, 0, 7, 0, 0);
	run_all();
	CHECK_EQ(F.now - t0, xfer_ns(7, PLX9656_BW_9656));
}

/* ---- bus costs besides the data ("Timing" in plx9656.c) ---- */

#define GAP	PLX9656_DEF_ARB_GAP_NS
#define LAT	PLX9656_DEF_TARGET_LATENCY_NS
#define BW56	PLX9656_BW_9056

static void costs_on(void)
{
	plx9656_set_bus_costs(F.s, GAP, LAT, 1);
}

/* a block transfer finishes at exactly @fin (not at @fin - 1) */
static void block_finishes_at(int c, uint32_t len, uint64_t fin)
{
	block_start(c, MEM_BASE, 0, len, 0, 0);
	advance(fin - 1);
	CHECK(!done(c));
	advance(fin);
	CHECK(done(c));
}

static void t_cost_arb_gap(void)
{
	uint64_t t0;

	costs_on();
	/* one burst: the gap, then the data (fails if the gap is missing) */
	block_finishes_at(0, 4096, F.now + GAP + xfer_ns(4096, BW));
	/* two bursts back to back on the bus: a gap before each */
	t0 = F.now;
	block_start(0, MEM_BASE, 0, 1000, 0, 0);
	block_start(1, MEM_BASE + 0x10000, 0x8000, 2000, 1, 0);
	advance(t0 + GAP + xfer_ns(1000, BW));
	CHECK(done(0));
	advance(t0 + 2 * GAP + xfer_ns(1000, BW) + xfer_ns(2000, BW) - 1);
	CHECK(!done(1));
	advance(t0 + 2 * GAP + xfer_ns(1000, BW) + xfer_ns(2000, BW));
	CHECK(done(1));
	/* the gap does not scale with the bandwidth */
	dma_reinit(0x5601, 0);
	costs_on();
	block_finishes_at(0, 4096, F.now + GAP + xfer_ns(4096, BW56));
	/* a zero-byte block is no burst */
	t0 = F.now;
	block_start(0, MEM_BASE, 0, 0, 0, 0);
	run_all();
	CHECK(done(0));
	CHECK_EQ(F.now, t0);
	/* 0 disables it: the ideal bus */
	plx9656_set_bus_costs(F.s, 0, LAT, 1);
	block_finishes_at(0, 4096, F.now + xfer_ns(4096, BW56));
}

/* Chain of @n segments of @len bytes at MEM_BASE + 0x10000.. with
 * descriptors at @dbase (PCI or local), stride @stride.
 */
static void cost_chain(int n, uint32_t len, uint32_t dbase, int in_pci,
		       uint32_t stride, uint32_t mode)
{
	struct seg sg[4];
	int i;

	for (i = 0; i < n; i++) {
		sg[i].pci = MEM_BASE + 0x10000 + i * 0x2000;
		sg[i].local = 0x1000 + i * 0x2000;
		sg[i].len = len;
	}
	fill_rnd(hostp(MEM_BASE + 0x10000), n * 0x2000);
	memset(F.sram, 0, 0x10000);
	if (in_pci)	/* DACChainLoad's high dwords: 0 */
		memset(hostp(dbase), 0, n * stride);
	chain_start(0, build_chain(sg, n, dbase, in_pci, 0, stride, 0), mode);
}

/* segment i of cost_chain has moved (its data is in SRAM) */
static int cost_seg_moved(int i, uint32_t len)
{
	return !memcmp(F.sram + 0x1000 + i * 0x2000,
		       hostp(MEM_BASE + 0x10000 + i * 0x2000), len);
}

/* each segment finishes at t0 + (i + 1) * @per: not a ns earlier */
static void cost_check_segs(int n, uint32_t len, uint64_t t0, uint64_t per)
{
	int i;

	for (i = 0; i < n; i++) {
		advance(t0 + (i + 1) * per - 1);
		CHECK(!cost_seg_moved(i, len));
		CHECK(!done(0));
		advance(t0 + (i + 1) * per);
		CHECK(cost_seg_moved(i, len));
	}
	CHECK(done(0));
}

static void t_cost_desc_fetch(void)
{
	uint64_t data = GAP + xfer_ns(3000, BW);

	costs_on();
	/* 16-byte descriptors in PCI memory: a memory read each, = gap +
	 * target latency + two 64-bit data phases (fails without it)
	 */
	cost_chain(3, 3000, MEM_BASE, 1, 16, 0);
	cost_check_segs(3, 3000, F.now, GAP + LAT + xfer_ns(16, BW) + data);
	/* 32-byte (DACChainLoad) descriptors: four data phases */
	cost_chain(2, 3000, MEM_BASE, 1, 32, PLX_DMAMODE_DACCHAIN);
	cost_check_segs(2, 3000, F.now, GAP + LAT + xfer_ns(32, BW) + data);
	/* descriptors in local memory cost no PCI bus time */
	cost_chain(3, 3000, 0x100, 0, 16, 0);
	cost_check_segs(3, 3000, F.now, data);
	/* desc_costs 0: not charged */
	plx9656_set_bus_costs(F.s, GAP, LAT, 0);
	cost_chain(2, 3000, MEM_BASE, 1, 16, 0);
	cost_check_segs(2, 3000, F.now, data);
	/* a 9056: 32-bit data phases, four for 16 bytes */
	dma_reinit(0x5601, 0);
	costs_on();
	cost_chain(2, 3000, MEM_BASE, 1, 16, 0);
	cost_check_segs(2, 3000, F.now, GAP + LAT + xfer_ns(16, BW56) + GAP +
			xfer_ns(3000, BW56));
	/* target latency 0: the fetch is gap + data phases */
	plx9656_set_bus_costs(F.s, GAP, 0, 1);
	cost_chain(2, 3000, MEM_BASE, 1, 16, 0);
	cost_check_segs(2, 3000, F.now, GAP + xfer_ns(16, BW56) + GAP +
			xfer_ns(3000, BW56));
}

static void t_cost_clear_count(void)
{
	uint64_t fetch = GAP + LAT + xfer_ns(16, BW), data =
		GAP + xfer_ns(2000, BW), wb = GAP + xfer_ns(8, BW);
	uint64_t t0;
	int i;

	costs_on();
	/* ClearCountMode, descriptors in PCI memory: a posted 4-byte write
	 * after each segment = gap + one 64-bit data phase, no latency
	 */
	t0 = F.now;
	cost_chain(3, 2000, MEM_BASE, 1, 16, PLX_DMAMODE_CLRCOUNT);
	for (i = 0; i < 3; i++) {
		advance(t0 + (i + 1) * (fetch + data + wb) - 1);
		CHECK_EQ(get_le32(hostp(MEM_BASE + i * 16 + 8)), 2000);
		CHECK(!cost_seg_moved(i, 2000));
		advance(t0 + (i + 1) * (fetch + data + wb));
		CHECK_EQ(get_le32(hostp(MEM_BASE + i * 16 + 8)), 0);
		CHECK(cost_seg_moved(i, 2000));
	}
	CHECK(done(0));
	/* descriptors in local memory: written back over the local bus */
	cost_chain(2, 2000, 0x100, 0, 16, PLX_DMAMODE_CLRCOUNT);
	cost_check_segs(2, 2000, F.now, data);
	CHECK_EQ(get_le32(F.sram + 0x100 + 16 + 8), 0);
	/* a 9056: one 32-bit data phase */
	dma_reinit(0x5601, 0);
	costs_on();
	cost_chain(2, 2000, MEM_BASE, 1, 16, PLX_DMAMODE_CLRCOUNT);
	cost_check_segs(2, 2000, F.now, GAP + LAT + xfer_ns(16, BW56) + GAP +
			xfer_ns(2000, BW56) + GAP + xfer_ns(4, BW56));
}

/* ---- two boards on one modelled bus segment (plx9656_set_bus) ---- */

static void block_start2(uint64_t pci, uint32_t len)
{
	plx9656_reg_write(F.s2, PLX_REG_DMAMODE0, MODE, 4);
	plx9656_reg_write(F.s2, PLX_REG_DMAPADR0, (uint32_t)pci, 4);
	plx9656_reg_write(F.s2, PLX_REG_DMALADR0, 0, 4);
	plx9656_reg_write(F.s2, PLX_REG_DMASIZ0, len, 4);
	plx9656_reg_write(F.s2, PLX_REG_DMADPR0, 0, 4);
	plx9656_reg_write(F.s2, PLX_REG_DMACSR0, CSR_GO, 1);
}

static int done2(void)
{
	return (plx9656_reg_read(F.s2, PLX_REG_DMACSR0, 1) &
		PLX_DMACSR_DONE) != 0;
}

static void t_shared_bus_two_boards(void)
{
	struct plx9656_bus bus = { 0 };
	uint64_t t0, t = xfer_ns(4096, BW), t56 = xfer_ns(4096, BW56);

	fake_board2(0x5601, 0);
	fill_rnd(hostp(MEM_BASE), 0x4000);
	/* own buses (the default): simultaneous transfers take the max */
	t0 = F.now;
	block_start(0, MEM_BASE, 0, 4096, 0, 0);
	block_start2(MEM_BASE + 0x2000, 4096);
	advance(t0 + t);
	CHECK(done(0));
	advance(t0 + t56 - 1);
	CHECK(!done2());
	advance(t0 + t56);
	CHECK(done2());
	/* one shared bus: the sum, granted in load order, each board at its
	 * own bandwidth
	 */
	plx9656_set_bus(F.s, &bus);
	plx9656_set_bus(F.s2, &bus);
	t0 = F.now;
	block_start(0, MEM_BASE, 0, 4096, 0, 0);
	block_start2(MEM_BASE + 0x2000, 4096);
	advance(t0 + t - 1);
	CHECK(!done(0));
	advance(t0 + t);
	CHECK(done(0));
	advance(t0 + t + t56 - 1);
	CHECK(!done2());
	advance(t0 + t + t56);
	CHECK(done2());
	CHECK(memcmp(F.sram2, hostp(MEM_BASE + 0x2000), 4096) == 0);
	CHECK_EQ(bus.free, t0 + t + t56);
	/* resetting one board keeps the other's grant on the shared bus */
	t0 = F.now;
	block_start2(MEM_BASE + 0x2000, 4096);
	advance(t0);
	plx9656_reset(F.s);
	plx9656_set_bus_costs(F.s, 0, 0, 0);
	block_start(0, MEM_BASE, 0, 4096, 0, 0);
	advance(t0 + t56 + t - 1);
	CHECK(!done(0));
	advance(t0 + t56 + t);
	CHECK(done(0));
	/* back on its own bus, board 0 no longer waits */
	plx9656_set_bus(F.s, NULL);
	t0 = F.now;
	block_start2(MEM_BASE + 0x2000, 4096);
	block_start(0, MEM_BASE, 0, 4096, 0, 0);
	advance(t0 + t);
	CHECK(done(0));
	CHECK(!done2());
}

/* ---- reset ---- */

static void t_soft_reset(void)
{
	uint64_t fin;

	wr32(PLX_REG_INTCSR, INT_ALL | PLX_INTCSR_PDBIEN);
	wr32(PLX_REG_MBOX(2), 0x1234);
	wr32(PLX_REG_LBRD0, 0x43);
	wr32(PLX_REG_DMATHR, 0x1111);
	wr32(PLX_REG_P2LDBELL, 0x3);
	plx9656_local_doorbell(F.s, 0x2);
	CHECK_EQ(F.irq, 1);
	fill_rnd(hostp(MEM_BASE), 4096);
	block_start(0, MEM_BASE, 0, 4096, 0,
		    PLX_DMAMODE_DONEIEN | PLX_DMAMODE_INTRPCI);
	run_due();
	fin = F.sched;
	wr32(PLX_REG_CNTRL, rd32(PLX_REG_CNTRL) | PLX_CNTRL_RESET);
	CHECK(done(0));
	CHECK_EQ(plx9656_chan_status(F.s, 0), PLX9656_CHAN_RESET);
	CHECK_EQ(F.irq, 0);
	CHECK_EQ(F.sched, NEVER);
	CHECK_EQ(rd32(PLX_REG_INTCSR), PLX_INTCSR_RESET_VALUE);
	CHECK_EQ(rd32(PLX_REG_DMAMODE0), PLX_DMAMODE_RESET_VALUE);
	CHECK_EQ(rd32(PLX_REG_DMASIZ0), 0);
	CHECK_EQ(rd32(PLX_REG_DMAPADR0), 0);
	CHECK_EQ(rd32(PLX_REG_DMATHR), 0);
	CHECK_EQ(rd32(PLX_REG_P2LDBELL), 0);
	CHECK_EQ(rd32(PLX_REG_L2PDBELL), 0);
	CHECK_EQ(rd8(PLX_REG_DMACSR0), PLX_DMACSR_DONE);
	/* kept: mailboxes, local configuration, CNTRL */
	CHECK_EQ(rd32(PLX_REG_MBOX(2)), 0x1234);
	CHECK_EQ(rd32(PLX_REG_LBRD0), 0x43);
	CHECK(rd32(PLX_REG_CNTRL) & PLX_CNTRL_RESET);
	advance(fin + 1000000);
	CHECK(all_zero(F.sram, 4096));
	/* Start is ignored while the reset bit is held */
	block_start(0, MEM_BASE, 0, 64, 0, 0);
	CHECK(done(0));
	CHECK_EQ(F.sched, NEVER);
	wr32(PLX_REG_CNTRL, rd32(PLX_REG_CNTRL) & ~PLX_CNTRL_RESET);
	block_start(0, MEM_BASE, 0, 64, 0, 0);
	run_all();
	CHECK(memcmp(F.sram, hostp(MEM_BASE), 64) == 0);
	CHECK(all_zero(F.sram + 64, 4096 - 64));
}

static void t_reset_api(void)
{
	int c;

	wr32(PLX_REG_MBOX(0), 0xabcd);
	wr32(PLX_REG_LAS0RR, 0);
	wr32(PLX_REG_CNTRL, 0x12);
	wr32(PLX_REG_INTCSR, INT_ALL);
	plx9656_local_doorbell(F.s, 1);
	block_start(1, MEM_BASE, 0, 4096, 1, 0);
	run_due();
	plx9656_reset(F.s);
	CHECK_EQ(F.sched, NEVER);
	CHECK_EQ(rd32(PLX_REG_MBOX(0)), 0);
	CHECK_EQ(rd32(PLX_REG_LAS0RR), ~(uint32_t)(SRAM_SIZE - 1));
	CHECK_EQ(rd32(PLX_REG_CNTRL),
		 PLX_CNTRL_RESET_VALUE | PLX_CNTRL_EEPRESENT);
	CHECK_EQ(rd32(PLX_REG_INTCSR), PLX_INTCSR_RESET_VALUE);
	CHECK_EQ(rd32(PLX_REG_L2PDBELL), 0);
	for (c = 0; c < 2; c++)
		CHECK(done(c));
	run_all();
	CHECK(all_zero(hostp(MEM_BASE), 4096));
}

/* ---- faults ---- */

static void t_stall_then_abort(void)
{
	uint8_t *src = hostp(MEM_BASE);

	fill_rnd(src, 4096);
	fill_rnd(F.sram + 0x8000, 512);
	wr32(PLX_REG_INTCSR, INT_ALL);
	plx9656_set_stall(F.s, 1);
	block_start(0, MEM_BASE, 0, 4096, 0,
		    PLX_DMAMODE_DONEIEN | PLX_DMAMODE_INTRPCI);
	block_start(1, MEM_BASE + 0x10000, 0x8000, 512, 1, 0);
	run_all();				/* ch1 completes, ch0 never */
	CHECK(done(1));
	CHECK(memcmp(hostp(MEM_BASE + 0x10000), F.sram + 0x8000, 512) == 0);
	advance(F.now + 1000000000ull);
	CHECK(!done(0));
	CHECK_EQ(plx9656_chan_status(F.s, 0), PLX9656_CHAN_BUSY);
	CHECK(all_zero(F.sram, 4096));
	CHECK_EQ(F.irq, 0);
	/* the driver's recovery: Abort (Enable clear) */
	wr8(PLX_REG_DMACSR0, PLX_DMACSR_ABORT);
	CHECK(done(0));
	CHECK_EQ(plx9656_chan_status(F.s, 0), PLX9656_CHAN_ABORTED);
	CHECK_EQ(F.irq, 1);			/* DoneIntEnable */
	CHECK(all_zero(F.sram, 4096));
	wr8(PLX_REG_DMACSR0, PLX_DMACSR_CLEARINTR);
	CHECK_EQ(F.irq, 0);
	/* still stalled: a new transfer hangs too; lifting the stall lets
	 * it finish */
	block_start(0, MEM_BASE, 0, 4096, 0, 0);
	advance(F.now + 1000000);
	CHECK(!done(0));
	plx9656_set_stall(F.s, 0);
	CHECK_EQ(F.sched, F.now);
	run_all();
	CHECK(done(0));
	CHECK(memcmp(F.sram, src, 4096) == 0);
}

static void t_stall_lifted_late(void)
{
	uint64_t t0 = F.now, fin = t0 + xfer_ns(2048, BW);

	block_start(1, MEM_BASE, 0, 2048, 1, 0);
	run_due();
	plx9656_set_stall(F.s, 2);
	advance(fin + 10);
	CHECK(!done(1));
	plx9656_set_stall(F.s, 0);
	run_all();
	CHECK(done(1));
	CHECK_EQ(F.now, fin + 10);
}

static void t_abort_idle_channel(void)
{
	wr32(PLX_REG_INTCSR, INT_ALL);
	wr32(PLX_REG_DMAMODE0, MODE | PLX_DMAMODE_DONEIEN | PLX_DMAMODE_INTRPCI);
	wr8(PLX_REG_DMACSR0, PLX_DMACSR_ABORT);
	CHECK(done(0));
	CHECK_EQ(plx9656_chan_status(F.s, 0), PLX9656_CHAN_OK);
	CHECK_EQ(F.irq, 0);
	CHECK(!(rd32(PLX_REG_INTCSR) & PLX_INTCSR_DMA0IA));
}

static void t_master_abort_switch(void)
{
	uint64_t pci = MEM_BASE + 0x3330;
	uint32_t ic;

	wr32(PLX_REG_INTCSR, PLX_INTCSR_PIEN | PLX_INTCSR_PABORTIEN);
	plx9656_set_master_abort(F.s, 1);
	fill_rnd(F.sram, 256);
	block_start(1, pci, 0, 256, 1, PLX_DMAMODE_DONEIEN);
	run_all();
	CHECK(done(1));
	CHECK_EQ(plx9656_chan_status(F.s, 1), PLX9656_CHAN_MASTER_ABORT);
	ic = rd32(PLX_REG_INTCSR);
	CHECK(ic & PLX_INTCSR_PABORTIA);
	/* active low: only DMA1 (bit 26) reads 0 */
	CHECK_EQ(ic & PLX_INTCSR_ABTMASTERS,
		 PLX_INTCSR_ABTMASTERS & ~PLX_INTCSR_DMA1NOTBM);
	CHECK(ic & PLX_INTCSR_DMA1IA);		/* DoneIntEnable */
	CHECK_EQ(plx9656_config_read(F.s, PLX_CFG_STATUS, 2) &
		 PLX_STATUS_ABORTS, PLX_STATUS_REC_MABORT);
	CHECK_EQ(F.irq, 1);
	CHECK_EQ(rd32(PLX_REG_PABTADR), (uint32_t)pci);
	CHECK(all_zero(hostp(pci), 256));
	CHECK_EQ(F.dma_writes, 0);		/* never reached the bus */
	/* INTCSR writes do not touch 27:24 or 14 (read-only) */
	wr32(PLX_REG_INTCSR, PLX_INTCSR_PIEN | PLX_INTCSR_PABORTIEN);
	CHECK(rd32(PLX_REG_INTCSR) & PLX_INTCSR_PABORTIA);
	wr32(PLX_REG_INTCSR, PLX_INTCSR_PIEN | PLX_INTCSR_PABORTIEN |
	     PLX_INTCSR_ABTMASTERS | PLX_INTCSR_PABORTIA);
	CHECK_EQ(rd32(PLX_REG_INTCSR) & (PLX_INTCSR_ABTMASTERS |
					 PLX_INTCSR_PABORTIA),
		 (PLX_INTCSR_ABTMASTERS & ~PLX_INTCSR_DMA1NOTBM) |
		 PLX_INTCSR_PABORTIA);
	CHECK_EQ(F.irq, 1);
	/* W1C of PCI Status bit 13 in configuration space clears them */
	plx9656_config_write(F.s, PLX_CFG_STATUS, PLX_STATUS_REC_MABORT, 2);
	CHECK_EQ(rd32(PLX_REG_INTCSR) & (PLX_INTCSR_ABTMASTERS |
					 PLX_INTCSR_PABORTIA),
		 PLX_INTCSR_ABTMASTERS);
	CHECK_EQ(plx9656_config_read(F.s, PLX_CFG_STATUS, 2) &
		 PLX_STATUS_ABORTS, 0);
	CHECK_EQ(F.irq, 0);
	/* switched off: works again */
	plx9656_set_master_abort(F.s, 0);
	block_start(1, pci, 0, 256, 1, 0);
	run_all();
	CHECK_EQ(plx9656_chan_status(F.s, 1), PLX9656_CHAN_OK);
	CHECK(memcmp(hostp(pci), F.sram, 256) == 0);
}

static void t_master_abort_bad_address(void)
{
	/* ch0 reads from an address outside the fake memory */
	wr32(PLX_REG_INTCSR, PLX_INTCSR_PIEN | PLX_INTCSR_PABORTIEN);
	block_start(0, 0x1000, 0, 256, 0, 0);
	run_all();
	CHECK(done(0));
	CHECK_EQ(plx9656_chan_status(F.s, 0), PLX9656_CHAN_MASTER_ABORT);
	CHECK(!(rd32(PLX_REG_INTCSR) & PLX_INTCSR_DMA0NOTBM));
	CHECK(!(rd32(PLX_REG_INTCSR) & PLX_INTCSR_DMA0IA)); /* no DONEIEN */
	CHECK(F.fail_addr_hits > 0);
	CHECK_EQ(F.irq, 1);
	plx9656_clear_pci_abort(F.s);
	CHECK_EQ(F.irq, 0);
	CHECK_EQ(rd32(PLX_REG_INTCSR) & 0x0f004000u, PLX_INTCSR_ABTMASTERS);
	/* a transfer running past the end of bus memory master-aborts */
	fill_rnd(F.sram, 64);
	block_start(1, MEM_BASE + MEM_SIZE - 32, 0, 64, 1, 0);
	run_all();
	CHECK_EQ(plx9656_chan_status(F.s, 1), PLX9656_CHAN_MASTER_ABORT);
	CHECK_EQ(rd32(PLX_REG_INTCSR) & PLX_INTCSR_ABTMASTERS,
		 PLX_INTCSR_ABTMASTERS & ~PLX_INTCSR_DMA1NOTBM);
}

static void t_master_abort_descriptor_fetch(void)
{
	uint32_t bad = 0x00000100;	/* outside the fake memory */

	chain_start(0, bad | PLX_DMADPR_DESCPCI, PLX_DMAMODE_DONEIEN);
	run_all();
	CHECK(done(0));
	CHECK_EQ(plx9656_chan_status(F.s, 0), PLX9656_CHAN_MASTER_ABORT);
	CHECK_EQ(rd32(PLX_REG_PABTADR), bad);
	CHECK(!(rd32(PLX_REG_INTCSR) & PLX_INTCSR_DMA0NOTBM));
	CHECK(rd32(PLX_REG_INTCSR) & PLX_INTCSR_DMA0IA);
	/* a chain whose second pointer is bad: first segment moved */
	fill_rnd(hostp(MEM_BASE + 0x1000), 100);
	put_desc(hostp(MEM_BASE), MEM_BASE + 0x1000, 0x200, 100, 0x40 | 1);
	plx9656_clear_pci_abort(F.s);
	chain_start(0, MEM_BASE | 1, 0);
	run_all();
	CHECK_EQ(plx9656_chan_status(F.s, 0), PLX9656_CHAN_MASTER_ABORT);
	CHECK_EQ(rd32(PLX_REG_PABTADR), 0x40);
	CHECK(memcmp(F.sram + 0x200, hostp(MEM_BASE + 0x1000), 100) == 0);
}

static void t_loop_chain_zero_size(void)
{
	int reads;

	/* a descriptor that points to itself, size 0, never ends */
	put_desc(hostp(MEM_BASE + 0x40), 0, 0, 0, (MEM_BASE + 0x40) | 1);
	chain_start(0, (MEM_BASE + 0x40) | 1, PLX_DMAMODE_DONEIEN);
	run_all();
	CHECK(done(0));
	CHECK_EQ(plx9656_chan_status(F.s, 0), PLX9656_CHAN_CHAIN_LIMIT);
	CHECK(rd32(PLX_REG_INTCSR) & PLX_INTCSR_PABORTIA);
	CHECK(!(rd32(PLX_REG_INTCSR) & PLX_INTCSR_DMA0NOTBM));
	CHECK(rd32(PLX_REG_INTCSR) & PLX_INTCSR_DMA0IA);
	reads = F.dma_reads;
	CHECK_EQ(reads, PLX9656_MAX_CHAIN);	/* one fetch per descriptor */
}

static void t_loop_chain_local_nonzero(void)
{
	/* two local descriptors pointing at each other, 16 bytes each */
	uint64_t t0 = F.now;

	put_desc(F.sram + 0x100, MEM_BASE + 0x1000, 0x1000, 16, 0x110);
	put_desc(F.sram + 0x110, MEM_BASE + 0x2000, 0x2000, 16, 0x100);
	fill_rnd(hostp(MEM_BASE + 0x1000), 16);
	chain_start(0, 0x100, PLX_DMAMODE_CLRCOUNT);
	run_all();
	CHECK(done(0));
	CHECK_EQ(plx9656_chan_status(F.s, 0), PLX9656_CHAN_CHAIN_LIMIT);
	/* each descriptor moved 16 bytes once, then its count was 0 */
	CHECK_EQ(F.now, t0 + xfer_ns(16, BW) * 2);
	CHECK(memcmp(F.sram + 0x1000, hostp(MEM_BASE + 0x1000), 16) == 0);
	CHECK_EQ(get_le32(F.sram + 0x108), 0);
	CHECK_EQ(get_le32(F.sram + 0x118), 0);
}

static void t_loop_chain_nonzero_no_clear(void)
{
	/* without clear-count every pass moves data: the walk still ends */
	uint64_t t0 = F.now;

	put_desc(hostp(MEM_BASE), MEM_BASE + 0x100, 0x0, 4, MEM_BASE | 1);
	chain_start(0, MEM_BASE | 1, 0);
	run_all();
	CHECK_EQ(plx9656_chan_status(F.s, 0), PLX9656_CHAN_CHAIN_LIMIT);
	CHECK_EQ(F.now, t0 + (uint64_t)PLX9656_MAX_CHAIN * xfer_ns(4, BW));
}

static void t_garbage_chain_random(void)
{
	/* random descriptors in SRAM: must end with a defined status */
	int round, st;

	for (round = 0; round < 20; round++) {
		fill_rnd(F.sram, SRAM_SIZE);
		chain_start(round & 1, (rnd() % SRAM_SIZE) & ~1u, 0);
		run_all();
		CHECK(done(round & 1));
		st = plx9656_chan_status(F.s, round & 1);
		CHECK(st == PLX9656_CHAN_OK || st == PLX9656_CHAN_MASTER_ABORT ||
		      st == PLX9656_CHAN_CHAIN_LIMIT);
		plx9656_clear_pci_abort(F.s);
	}
}

static void t_huge_size_wraps(void)
{
	/* DMASIZ count is 23 bits (bit 31, the valid bit, is stored but not
	 * a count bit); 8 MiB - 1 from local 0x10 wraps the SRAM */
	uint32_t len = 0x7fffff, i, ladr = 0x10;
	const uint8_t *dst = hostp(MEM_BASE);
	uint64_t t0 = F.now;

	fill_rnd(F.sram, SRAM_SIZE);
	wr32(PLX_REG_DMASIZ1, 0xffffffff);
	CHECK_EQ(rd32(PLX_REG_DMASIZ1), len | PLX_DMASIZ_VALID);
	block_start(1, MEM_BASE, ladr, 0xffffffff, 1, 0);
	run_all();
	CHECK_EQ(plx9656_chan_status(F.s, 1), PLX9656_CHAN_OK);
	CHECK_EQ(F.now, t0 + xfer_ns(len, BW));
	for (i = 0; i < len; i++)
		if (dst[i] != F.sram[(ladr + i) % SRAM_SIZE]) {
			emu_fail(__FILE__, __LINE__, "byte %u differs", i);
			break;
		}
}

static void t_local_address_out_of_range(void)
{
	uint32_t ladr = 0x12345670, off = ladr % SRAM_SIZE;
	uint8_t *src = hostp(MEM_BASE + 0x100);

	fill_rnd(src, 64);
	block_start(0, MEM_BASE + 0x100, ladr, 64, 0, 0);
	run_all();
	CHECK_EQ(plx9656_chan_status(F.s, 0), PLX9656_CHAN_OK);
	CHECK(memcmp(F.sram + off, src, 64) == 0);
	/* straddling the end of the SRAM */
	memset(F.sram, 0, SRAM_SIZE);
	block_start(0, MEM_BASE + 0x100, SRAM_SIZE - 8, 64, 0, 0);
	run_all();
	CHECK(memcmp(F.sram + SRAM_SIZE - 8, src, 8) == 0);
	CHECK(memcmp(F.sram, src + 8, 56) == 0);
	/* descriptor pointer beyond the SRAM wraps as well */
	memset(F.sram, 0, SRAM_SIZE);
	put_desc(F.sram + 0x40, MEM_BASE + 0x100, 0x300, 64, 2);
	chain_start(0, SRAM_SIZE * 5 + 0x40, 0);
	run_all();
	CHECK_EQ(plx9656_chan_status(F.s, 0), PLX9656_CHAN_OK);
	CHECK(memcmp(F.sram + 0x300, src, 64) == 0);
}

static void t_schedule_cancel_and_origin(void)
{
	block_start(0, MEM_BASE, 0, 64, 0, 0);
	CHECK_EQ(F.sched, F.now);
	run_all();
	CHECK_EQ(F.sched, NEVER);
	/* a spurious run with nothing pending does nothing */
	plx9656_run(F.s);
	CHECK_EQ(F.sched, NEVER);
	CHECK(done(0));
}

static void t_driver_read_flow(void)
{
	/* doc/facts.md §4.5-4.7 read path on channel 1: 3 x 32-byte descriptors,
	 * ClearCount, DoneIntEnable, IntToPci; ISR acks with Clear; DPC sums
	 * the residual counts (all 0 after a complete transfer). */
	struct seg sg[3] = { { MEM_BASE + 0x10000, 0, 1500 },
			     { MEM_BASE + 0x11000, 1500, 4096 },
			     { MEM_BASE + 0x12000, 5596, 2596 } };
	uint32_t base = MEM_BASE + 0x400, dpr, resid = 0, ic;
	uint8_t csr;
	int i;

	fill_rnd(F.sram, 8192);
	dpr = build_chain(sg, 3, base, 1, 1, 32, 0);
	CHECK_EQ(dpr, base | 5);
	wr32(PLX_REG_DMADAC1, 0);
	wr32(PLX_REG_DMAMODE1, rd32(PLX_REG_DMAMODE1) | PLX_DMAMODE_CHAINEN |
	     PLX_DMAMODE_DONEIEN | PLX_DMAMODE_INTRPCI | PLX_DMAMODE_CLRCOUNT);
	wr32(PLX_REG_INTCSR, rd32(PLX_REG_INTCSR) | PLX_INTCSR_PIEN |
	     PLX_INTCSR_DMA1IEN);
	wr32(PLX_REG_DMADPR1, dpr);
	wr8(PLX_REG_DMACSR1, rd8(PLX_REG_DMACSR1) | CSR_GO);
	run_all();
	CHECK_EQ(F.irq, 1);
	ic = rd32(PLX_REG_INTCSR);
	CHECK(ic & PLX_INTCSR_DMA1IA);
	csr = rd8(PLX_REG_DMACSR1);
	CHECK(csr & PLX_DMACSR_DONE);
	wr8(PLX_REG_DMACSR1, csr | PLX_DMACSR_CLEARINTR);
	CHECK_EQ(F.irq, 0);
	for (i = 0; i < 3; i++)
		resid += get_le32(hostp(base + i * 32 + 8)) & PLX_DMASIZ_MASK;
	CHECK_EQ(resid, 0);
	check_segs(sg, 3, 1, "driver read flow");
}

/* An ISR run synchronously from set_irq re-enters the model: acks the
 * channel and starts the next transfer from inside the callback. */
static int isr_runs, isr_restarts;

static void isr(int level)
{
	uint32_t ic;
	uint8_t csr;

	if (!level)
		return;
	isr_runs++;
	ic = rd32(PLX_REG_INTCSR);
	if (!(ic & PLX_INTCSR_DMA0IA))
		return;
	csr = rd8(PLX_REG_DMACSR0);
	wr8(PLX_REG_DMACSR0, csr | PLX_DMACSR_CLEARINTR);
	if ((csr & PLX_DMACSR_DONE) && isr_restarts < 3) {
		isr_restarts++;
		block_start(0, MEM_BASE + 0x1000 * isr_restarts,
			    0x1000 * isr_restarts, 256, 0,
			    PLX_DMAMODE_DONEIEN | PLX_DMAMODE_INTRPCI);
	}
}

static void t_reentrant_isr(void)
{
	int i;

	isr_runs = 0;
	isr_restarts = 0;
	fill_rnd(hostp(MEM_BASE), 0x4000);
	wr32(PLX_REG_INTCSR, INT_ALL);
	F.irq_hook = isr;
	block_start(0, MEM_BASE, 0, 256, 0,
		    PLX_DMAMODE_DONEIEN | PLX_DMAMODE_INTRPCI);
	run_all();
	F.irq_hook = NULL;
	CHECK_EQ(isr_runs, 4);
	CHECK_EQ(isr_restarts, 3);
	CHECK_EQ(F.irq, 0);
	CHECK(done(0));
	for (i = 0; i < 4; i++)
		CHECK(memcmp(F.sram + 0x1000 * i, hostp(MEM_BASE + 0x1000 * i),
			     256) == 0);
}

/* A host that supplies almost nothing: NULL callbacks, odd SRAM size. */
static void t_minimal_host(void)
{
	static const struct plx9656_host_ops none = { 0 };
	struct plx9656_config cfg = { .device_id = 0x9656, .revision = 1 };
	struct plx9656 *m = malloc(plx9656_state_size());
	uint8_t *sram = calloc(1, 1000);

	CHECK(m && sram);
	if (!m || !sram)
		goto out;
	cfg.sram = sram;
	cfg.sram_size = 1000;
	plx9656_init(m, &cfg, &none, NULL);
	CHECK_EQ(plx9656_reg_read(m, PLX_REG_LAS0RR, 4), ~(uint32_t)1023);
	plx9656_sram_write(m, 998, 0x04030201, 4);	/* wraps at 1000 */
	CHECK_EQ(sram[999], 2);
	CHECK_EQ(sram[0], 3);
	/* no dma_read callback: a descriptor fetch (at the Start time; with
	 * no clock time stays 0) master-aborts */
	plx9656_reg_write(m, PLX_REG_DMAMODE0, MODE | PLX_DMAMODE_CHAINEN, 4);
	plx9656_reg_write(m, PLX_REG_DMADPR0, 0x100 | PLX_DMADPR_DESCPCI, 4);
	plx9656_reg_write(m, PLX_REG_DMACSR0, CSR_GO, 1);
	plx9656_run(m);
	CHECK_EQ(plx9656_chan_status(m, 0), PLX9656_CHAN_MASTER_ABORT);
	CHECK(!(plx9656_reg_read(m, PLX_REG_INTCSR, 4) &
		PLX_INTCSR_DMA0NOTBM));
	/* no SRAM at all: local reads are 0, writes dropped, nothing breaks */
	cfg.sram = NULL;
	cfg.sram_size = 0;
	plx9656_init(m, &cfg, &none, NULL);
	CHECK_EQ(plx9656_sram_read(m, 5, 4), 0);
	plx9656_sram_write(m, 5, 1, 4);
	plx9656_reg_write(m, PLX_REG_DMAMODE1, MODE | PLX_DMAMODE_CHAINEN, 4);
	plx9656_reg_write(m, PLX_REG_DMACSR1, CSR_GO, 1);
	plx9656_run(m);		/* zero descriptors looping at local 0 */
	CHECK_EQ(plx9656_chan_status(m, 1), PLX9656_CHAN_CHAIN_LIMIT);
out:
	free(m);
	free(sram);
}

EMU_TEST(dma, block_pci_to_local, t_block_pci_to_local)
EMU_TEST(dma, block_local_to_pci, t_block_local_to_pci)
EMU_TEST(dma, block_regs_after, t_block_regs_after)
EMU_TEST(dma, zero_size_block, t_zero_size_block)
EMU_TEST(dma, start_needs_enable, t_start_needs_enable)
EMU_TEST(dma, start_while_busy, t_start_while_busy)
EMU_TEST(irq, done_irq_and_clear, t_done_irq_and_clear)
EMU_TEST(irq, no_done_int_enable, t_no_done_int_enable)
EMU_TEST(irq, int_to_pci_routing, t_int_to_pci_routing)
EMU_TEST(irq, pci_int_enable_master, t_pci_int_enable_master)
EMU_TEST(irq, channel1_pair, t_channel1_pair)
EMU_TEST(irq, each_pair, t_irq_each_pair)
EMU_TEST(chain, pci_descs_1_to_8_both_dirs, t_chain_pci_descs)
EMU_TEST(chain, local_descs_1_to_8_both_dirs, t_chain_local_descs)
EMU_TEST(chain, driver_style_32byte_slots, t_chain_single_desc_driver_style)
EMU_TEST(chain, timing_steps, t_chain_timing_steps)
EMU_TEST(chain, register_writes_mid_chain, t_register_writes_mid_chain)
EMU_TEST(chain, clear_count_pci, t_clear_count_pci)
EMU_TEST(chain, clear_count_local, t_clear_count_local)
EMU_TEST(chain, terminal_count_interrupt, t_terminal_count_interrupt)
EMU_TEST(chain, dac_descriptors, t_dac_descriptors)
EMU_TEST(chain, dac_not_loaded_without_mode, t_dac_not_loaded_without_mode)
EMU_TEST(dma, dmadac_register, t_dmadac_register)
EMU_TEST(dma, local_address_mode, t_local_address_mode)
EMU_TEST(timing, shared_bus_same_time, t_shared_bus_same_time)
EMU_TEST(timing, shared_bus_overlap, t_shared_bus_overlap)
EMU_TEST(timing, shared_bus_chains_interleave, t_shared_bus_chains_interleave)
EMU_TEST(timing, abort_releases_bus, t_abort_releases_bus)
EMU_TEST(timing, bandwidth_defaults, t_bandwidth_defaults)
EMU_TEST(timing, bandwidth_config_and_runtime, t_bandwidth_config_and_runtime)
EMU_TEST(timing, cost_arb_gap, t_cost_arb_gap)
EMU_TEST(timing, cost_desc_fetch, t_cost_desc_fetch)
EMU_TEST(timing, cost_clear_count, t_cost_clear_count)
EMU_TEST(timing, shared_bus_two_boards, t_shared_bus_two_boards)
EMU_TEST(reset, soft_reset, t_soft_reset)
EMU_TEST(reset, reset_api, t_reset_api)
EMU_TEST(fault, stall_then_abort, t_stall_then_abort)
EMU_TEST(fault, stall_lifted_late, t_stall_lifted_late)
EMU_TEST(fault, abort_idle_channel, t_abort_idle_channel)
EMU_TEST(fault, master_abort_switch, t_master_abort_switch)
EMU_TEST(fault, master_abort_bad_address, t_master_abort_bad_address)
EMU_TEST(fault, master_abort_descriptor_fetch, t_master_abort_descriptor_fetch)
EMU_TEST(fault, loop_chain_zero_size, t_loop_chain_zero_size)
EMU_TEST(fault, loop_chain_local_nonzero, t_loop_chain_local_nonzero)
EMU_TEST(fault, loop_chain_nonzero_no_clear, t_loop_chain_nonzero_no_clear)
EMU_TEST(fault, garbage_chain_random, t_garbage_chain_random)
EMU_TEST(fault, huge_size_wraps, t_huge_size_wraps)
EMU_TEST(fault, local_address_out_of_range, t_local_address_out_of_range)
EMU_TEST(dma, schedule_cancel, t_schedule_cancel_and_origin)
EMU_TEST(flow, driver_read_flow, t_driver_read_flow)
EMU_TEST(flow, reentrant_isr, t_reentrant_isr)
EMU_TEST(host, minimal_host, t_minimal_host)
