// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Register read/write semantics of the PLX 9656 board model.
 */
#include "emu_test.h"

static void regs_reinit(uint16_t dev, uint64_t bw)
{
	fake_teardown();
	fake_setup(dev, bw);
}

static uint32_t bits(const int *b, int n)
{
	uint32_t m = 0;
	int i;

	for (i = 0; i < n; i++)
		m |= 1u << b[i];
	return m;
}

static void t_pcihidr_ids(void)
{
	static const uint16_t ids[] = { 0x9601, 0x5601, 0x9656, 0x9056 };

	/* hard-wired chip ID, whatever device ID the EEPROM loaded */
	static const uint32_t hid[] = { 0x965610b5, 0x905610b5, 0x965610b5,
					0x905610b5 };
	unsigned int i;
	int logs;

	for (i = 0; i < 4; i++) {
		regs_reinit(ids[i], 0);
		CHECK_EQ(rd32(PLX_REG_PCIHIDR), hid[i]);
		CHECK_EQ(plx9656_config_read(F.s, 0, 4),
			 0x10b5u | ((uint32_t)ids[i] << 16));
		logs = F.logs;
		wr32(PLX_REG_PCIHIDR, 0x12345678);
		wr(PLX_REG_PCIHIDR + 1, 0xff, 1);
		CHECK_EQ(rd32(PLX_REG_PCIHIDR), hid[i]);
		CHECK(F.logs > logs);
	}
}

static void t_pcihrev_ro(void)
{
	/* silicon revision, independent of the configuration revision */
	CHECK_EQ(rd32(PLX_REG_PCIHREV), 0xba);
	wr32(PLX_REG_PCIHREV, 0xffffffff);
	CHECK_EQ(rd32(PLX_REG_PCIHREV), 0xba);
	fake_teardown();
	fake_setup(0x5601, 0);
	CHECK_EQ(rd32(PLX_REG_PCIHREV), 0xaa);
	F.cfg.revision = 0x01;
	F.cfg.chip_rev = 0xab;
	plx9656_init(F.s, &F.cfg, NULL, NULL);
	CHECK_EQ(rd32(PLX_REG_PCIHREV), 0xab);
	CHECK_EQ(plx9656_config_read(F.s, PLX_CFG_REVISION, 1), 0x01);
}

static void t_partial_reads(void)
{
	uint32_t id = rd32(PLX_REG_PCIHIDR), rev = rd32(PLX_REG_PCIHREV);

	CHECK_EQ(rd(PLX_REG_PCIHIDR, 2), id & 0xffff);
	CHECK_EQ(rd(PLX_REG_PCIHIDR + 2, 2), id >> 16);
	CHECK_EQ(rd(PLX_REG_PCIHIDR + 3, 1), id >> 24);
	CHECK_EQ(rd(PLX_REG_PCIHIDR + 1, 2), (id >> 8) & 0xffff);
	/* straddling two registers */
	CHECK_EQ(rd(PLX_REG_PCIHIDR + 2, 4), (id >> 16) | ((rev & 0xffff) << 16));
	CHECK_EQ(rd(PLX_REG_PCIHIDR + 3, 2), (id >> 24) | ((rev & 0xff) << 8));
}

static void t_mailboxes_rw(void)
{
	uint32_t v[8];
	int n;

	for (n = 0; n < 8; n++) {
		v[n] = rnd();
		wr32(PLX_REG_MBOX(n), v[n]);
	}
	for (n = 0; n < 8; n++)
		CHECK_EQ(rd32(PLX_REG_MBOX(n)), v[n]);
	/* byte and word writes merge */
	wr32(PLX_REG_MBOX(5), 0x11223344);
	wr(PLX_REG_MBOX(5) + 1, 0xaa, 1);
	CHECK_EQ(rd32(PLX_REG_MBOX(5)), 0x1122aa44);
	wr(PLX_REG_MBOX(5) + 2, 0xbbcc, 2);
	CHECK_EQ(rd32(PLX_REG_MBOX(5)), 0xbbccaa44);
	CHECK_EQ(rd(PLX_REG_MBOX(5) + 1, 2), 0xccaa);
}

static void t_mailbox_alias(void)
{
	wr32(PLX_REG_MBOX0_ALT, 0xcafef00d);
	CHECK_EQ(rd32(PLX_REG_MBOX0), 0xcafef00d);
	wr32(PLX_REG_MBOX1, 0x12345678);
	CHECK_EQ(rd32(PLX_REG_MBOX1_ALT), 0x12345678);
	CHECK_EQ(rd32(PLX_REG_MBOX0_ALT), 0xcafef00d);
}

static void t_mailbox_flags(void)
{
	int n;

	CHECK_EQ(rd32(PLX_REG_INTCSR) >> 28, 0);
	/* flags are set only while the mailbox interrupt enable is 1 */
	for (n = 0; n < 4; n++)
		wr32(PLX_REG_MBOX(n), 7);
	CHECK_EQ(rd32(PLX_REG_INTCSR) >> 28, 0);
	wr32(PLX_REG_INTCSR, PLX_INTCSR_MBOXIEN);
	wr32(PLX_REG_MBOX(4), 1);	/* MBOX4 has no flag */
	CHECK_EQ(rd32(PLX_REG_INTCSR) >> 28, 0);
	for (n = 0; n < 4; n++) {
		wr(PLX_REG_MBOX(n) + 3, 0x5a, 1);
		CHECK_EQ(rd32(PLX_REG_INTCSR) >> 28, (1u << (n + 1)) - 1);
	}
	/* not writable, not an INTA# source */
	wr32(PLX_REG_INTCSR, 0x0fffffff);
	CHECK_EQ(rd32(PLX_REG_INTCSR) >> 28, 0xf);
	CHECK_EQ(F.irq, 0);
	wr32(PLX_REG_INTCSR, PLX_INTCSR_MBOXIEN);
	CHECK_EQ(rd32(PLX_REG_INTCSR) >> 28, 0xf);
	/* model choice: clearing the enable clears them */
	wr32(PLX_REG_INTCSR, 0);
	CHECK_EQ(rd32(PLX_REG_INTCSR) >> 28, 0);
}

static void t_local_doorbell_set(void)
{
	wr32(PLX_REG_P2LDBELL, 0x5);
	wr32(PLX_REG_P2LDBELL, 0x30);
	CHECK_EQ(rd32(PLX_REG_P2LDBELL), 0x35);
	wr32(PLX_REG_P2LDBELL, 0);
	CHECK_EQ(rd32(PLX_REG_P2LDBELL), 0x35);
	wr(PLX_REG_P2LDBELL + 3, 0x80, 1);
	CHECK_EQ(rd32(PLX_REG_P2LDBELL), 0x80000035);
	CHECK(rd32(PLX_REG_INTCSR) & PLX_INTCSR_LDBIA);
	/* a local-side interrupt: never INTA# */
	wr32(PLX_REG_INTCSR, PLX_INTCSR_PIEN | PLX_INTCSR_LDBIEN |
	     PLX_INTCSR_LIOEN);
	CHECK_EQ(F.irq, 0);
}

static void t_pci_doorbell_w1c(void)
{
	CHECK_EQ(rd32(PLX_REG_L2PDBELL), 0);
	CHECK(!(rd32(PLX_REG_INTCSR) & PLX_INTCSR_PDBIA));
	wr32(PLX_REG_L2PDBELL, 0xffffffff);	/* PCI cannot set */
	CHECK_EQ(rd32(PLX_REG_L2PDBELL), 0);
	plx9656_local_doorbell(F.s, 0xf0);
	CHECK_EQ(rd32(PLX_REG_L2PDBELL), 0xf0);
	CHECK(rd32(PLX_REG_INTCSR) & PLX_INTCSR_PDBIA);
	wr32(PLX_REG_L2PDBELL, 0x30);
	CHECK_EQ(rd32(PLX_REG_L2PDBELL), 0xc0);
	CHECK(rd32(PLX_REG_INTCSR) & PLX_INTCSR_PDBIA);
	wr(PLX_REG_L2PDBELL, 0xc0, 1);
	CHECK_EQ(rd32(PLX_REG_L2PDBELL), 0);
	CHECK(!(rd32(PLX_REG_INTCSR) & PLX_INTCSR_PDBIA));
}

static void t_doorbell_irq(void)
{
	plx9656_local_doorbell(F.s, 0x1);
	CHECK_EQ(F.irq, 0);
	wr32(PLX_REG_INTCSR, PLX_INTCSR_PDBIEN);	/* no master enable */
	CHECK_EQ(F.irq, 0);
	wr32(PLX_REG_INTCSR, PLX_INTCSR_PDBIEN | PLX_INTCSR_PIEN);
	CHECK_EQ(F.irq, 1);
	CHECK_EQ(plx9656_irq_level(F.s), 1);
	wr32(PLX_REG_L2PDBELL, 0x1);
	CHECK_EQ(F.irq, 0);
	plx9656_local_doorbell(F.s, 0x100);
	CHECK_EQ(F.irq, 1);
	wr32(PLX_REG_INTCSR, PLX_INTCSR_PIEN);	/* enable off */
	CHECK_EQ(F.irq, 0);
}

static void t_intcsr_rw_mask(void)
{
	static const int rw[] = { 0, 1, 2, 3, 4, 6, 8, 9, 10, 11, 12,
				  16, 17, 18, 19 };
	uint32_t m = bits(rw, sizeof(rw) / sizeof(rw[0]));

	CHECK_EQ(rd32(PLX_REG_INTCSR), PLX_INTCSR_RESET_VALUE);
	/* no interrupt source may turn active by writing INTCSR; 27:24
	 * (active low, read-only) stay 1 */
	wr32(PLX_REG_INTCSR, 0xffffffff);
	CHECK_EQ(rd32(PLX_REG_INTCSR), m | PLX_INTCSR_ABTMASTERS);
	CHECK_EQ(F.irq, 0);
	wr32(PLX_REG_INTCSR, 0);
	CHECK_EQ(rd32(PLX_REG_INTCSR), PLX_INTCSR_ABTMASTERS);
	/* byte access to the third byte */
	wr(PLX_REG_INTCSR + 2, 0xff, 1);
	CHECK_EQ(rd32(PLX_REG_INTCSR),
		 (m & 0x00ff0000) | PLX_INTCSR_ABTMASTERS);
	CHECK_EQ(rd(PLX_REG_INTCSR + 2, 1), (m >> 16) & 0xff);
}

static void t_local_input_irq(void)
{
	plx9656_set_local_irq(F.s, 1);
	CHECK(rd32(PLX_REG_INTCSR) & PLX_INTCSR_PLIA);
	CHECK_EQ(F.irq, 0);
	wr32(PLX_REG_INTCSR, PLX_INTCSR_PIEN | PLX_INTCSR_PLIEN);
	CHECK_EQ(F.irq, 1);
	plx9656_set_local_irq(F.s, 0);
	CHECK_EQ(F.irq, 0);
	CHECK(!(rd32(PLX_REG_INTCSR) & PLX_INTCSR_PLIA));
	/* writing 1 to the active bit does not set it */
	wr32(PLX_REG_INTCSR, PLX_INTCSR_PIEN | PLX_INTCSR_PLIEN |
	     PLX_INTCSR_PLIA);
	CHECK_EQ(F.irq, 0);
	CHECK(!(rd32(PLX_REG_INTCSR) & PLX_INTCSR_PLIA));
}

static void t_irq_calls_only_on_change(void)
{
	int i;

	for (i = 0; i < 10; i++)
		wr32(PLX_REG_INTCSR, PLX_INTCSR_PIEN | PLX_INTCSR_PDBIEN);
	CHECK_EQ(F.irq_calls, 0);
	plx9656_local_doorbell(F.s, 1);
	plx9656_local_doorbell(F.s, 2);
	CHECK_EQ(F.irq_calls, 1);
	CHECK_EQ(F.irq, 1);
	wr32(PLX_REG_L2PDBELL, 1);
	CHECK_EQ(F.irq_calls, 1);
	wr32(PLX_REG_L2PDBELL, 2);
	CHECK_EQ(F.irq_calls, 2);
	CHECK_EQ(F.irq, 0);
}

static void t_dmacsr_reset(void)
{
	CHECK_EQ(rd8(PLX_REG_DMACSR0), PLX_DMACSR_DONE);
	CHECK_EQ(rd8(PLX_REG_DMACSR1), PLX_DMACSR_DONE);
	CHECK_EQ(rd(PLX_REG_DMACSR0, 2),
		 PLX_DMACSR_DONE | (PLX_DMACSR_DONE << 8));
	CHECK_EQ(rd32(PLX_REG_DMACSR0),
		 PLX_DMACSR_DONE | (PLX_DMACSR_DONE << 8));
	CHECK_EQ(rd(0xaa, 2), 0);
}

static void t_dmacsr_byte_word(void)
{
	wr8(PLX_REG_DMACSR1, PLX_DMACSR_ENABLE);
	CHECK_EQ(rd8(PLX_REG_DMACSR1), PLX_DMACSR_ENABLE | PLX_DMACSR_DONE);
	CHECK_EQ(rd8(PLX_REG_DMACSR0), PLX_DMACSR_DONE);
	wr(PLX_REG_DMACSR0, PLX_DMACSR_ENABLE, 2);	/* ch0 on, ch1 off */
	CHECK_EQ(rd8(PLX_REG_DMACSR0), PLX_DMACSR_ENABLE | PLX_DMACSR_DONE);
	CHECK_EQ(rd8(PLX_REG_DMACSR1), PLX_DMACSR_DONE);
	/* a 16-bit access at 0xA9 covers DMACSR1 and a reserved byte */
	wr(PLX_REG_DMACSR1, 0xff00 | PLX_DMACSR_ENABLE, 2);
	CHECK_EQ(rd(PLX_REG_DMACSR1, 2), PLX_DMACSR_ENABLE | PLX_DMACSR_DONE);
	/* Done and the reserved bits are not writable */
	wr8(PLX_REG_DMACSR0, 0xe0);
	CHECK_EQ(rd8(PLX_REG_DMACSR0), PLX_DMACSR_DONE);
	/* 32-bit write reaches both */
	wr32(PLX_REG_DMACSR0, 0x0101);
	CHECK_EQ(rd32(PLX_REG_DMACSR0),
		 (PLX_DMACSR_ENABLE | PLX_DMACSR_DONE) * 0x101u);
}

static void t_straddle_write(void)
{
	plx9656_local_doorbell(F.s, 0xffff0000);
	/* bytes 0x66,0x67 -> L2PDBELL[31:16]; 0x68,0x69 -> INTCSR[15:0] */
	wr(PLX_REG_L2PDBELL + 2, 0x01000001, 4);
	CHECK_EQ(rd32(PLX_REG_L2PDBELL), 0xfffe0000);
	CHECK_EQ(rd32(PLX_REG_INTCSR) & 0xffff,
		 PLX_INTCSR_PIEN | PLX_INTCSR_PDBIA);	/* doorbell still set */
	/* 2-byte write straddling MBOX7 (0x5C) and P2LDBELL (0x60) */
	wr32(PLX_REG_MBOX7, 0);
	wr(PLX_REG_MBOX7 + 3, 0x0201, 2);
	CHECK_EQ(rd32(PLX_REG_MBOX7), 0x01000000);
	CHECK_EQ(rd32(PLX_REG_P2LDBELL), 0x02);
}

static void t_end_of_bar(void)
{
	int logs = F.logs;

	CHECK_EQ(rd(PLX9656_BAR0_SIZE - 2, 4), 0);
	CHECK_EQ(rd(PLX9656_BAR0_SIZE - 1, 2), 0);
	wr(PLX9656_BAR0_SIZE - 1, 0xffffffff, 4);
	CHECK_EQ(rd(PLX9656_BAR0_SIZE, 1), 0);
	CHECK(F.logs > logs);
	logs = F.logs;
	CHECK_EQ(rd(PLX_REG_PCIHIDR, 3), 0);	/* invalid size */
	wr(PLX_REG_MBOX2, 0xffffffff, 8);
	CHECK_EQ(rd32(PLX_REG_MBOX2), 0);
	CHECK(F.logs >= logs + 2);
	wr(0xffffffffu, 1, 4);			/* no wrap-around */
	CHECK_EQ(rd32(PLX_REG_LAS0BA), 1);
}

static void t_reserved(void)
{
	static const uint32_t res[] = { 0x38, 0x3c, 0xbc, 0xec, 0x108, 0x10c,
					0x180, 0x1fc };
	unsigned int i;
	int logs = F.logs;

	for (i = 0; i < sizeof(res) / sizeof(res[0]); i++) {
		wr32(res[i], 0xffffffff);
		CHECK_EQ(rd32(res[i]), 0);
	}
	CHECK(F.logs >= logs + (int)(sizeof(res) / sizeof(res[0])));
}

static void t_dma_reg_masks(void)
{
	int c;
	uint32_t v;

	for (c = 0; c < 2; c++) {
		wr32(PLX_REG_DMAMODE(c), 0xffffffff);
		CHECK_EQ(rd32(PLX_REG_DMAMODE(c)), (1u << 22) - 1);
		wr32(PLX_REG_DMASIZ(c), 0xffffffff);
		CHECK_EQ(rd32(PLX_REG_DMASIZ(c)), PLX_DMASIZ_RW_MASK);
		v = rnd() | 0x80000001u;
		wr32(PLX_REG_DMAPADR(c), v);
		CHECK_EQ(rd32(PLX_REG_DMAPADR(c)), v);
		wr32(PLX_REG_DMALADR(c), ~v);
		CHECK_EQ(rd32(PLX_REG_DMALADR(c)), ~v);
		wr32(PLX_REG_DMADPR(c), v ^ 0x5a5a5a5a);
		CHECK_EQ(rd32(PLX_REG_DMADPR(c)), v ^ 0x5a5a5a5a);
		wr32(PLX_REG_DMADAC(c), v + 7);
		CHECK_EQ(rd32(PLX_REG_DMADAC(c)), v + 7);
	}
	/* channels are independent */
	wr32(PLX_REG_DMAPADR(0), 0x1000);
	wr32(PLX_REG_DMAPADR(1), 0x2000);
	CHECK_EQ(rd32(PLX_REG_DMAPADR(0)), 0x1000);
	wr(PLX_REG_DMASIZ(1) + 2, 0xffff, 2);
	CHECK_EQ(rd32(PLX_REG_DMASIZ(1)), PLX_DMASIZ_RW_MASK);
}

static void t_dma_reg_reset(void)
{
	int c;

	for (c = 0; c < 2; c++) {
		CHECK_EQ(rd32(PLX_REG_DMAMODE(c)), 0x83); /* 32-bit, BTERM# */
		CHECK_EQ(rd32(PLX_REG_DMAPADR(c)), 0);
		CHECK_EQ(rd32(PLX_REG_DMALADR(c)), 0);
		CHECK_EQ(rd32(PLX_REG_DMASIZ(c)), 0);
		CHECK_EQ(rd32(PLX_REG_DMADPR(c)), 0);
		CHECK_EQ(rd32(PLX_REG_DMADAC(c)), 0);
		CHECK_EQ(plx9656_chan_status(F.s, c), PLX9656_CHAN_OK);
	}
	CHECK_EQ(rd32(PLX_REG_DMATHR), 0);
}

static void t_marbr_alias(void)
{
	wr32(PLX_REG_MARBR, 0x00200000);
	CHECK_EQ(rd32(PLX_REG_DMAARB), 0x00200000);
	wr32(PLX_REG_DMAARB, 0x01000000);
	CHECK_EQ(rd32(PLX_REG_MARBR), 0x01000000);
	wr(PLX_REG_DMAARB, 0x55, 1);
	CHECK_EQ(rd32(PLX_REG_MARBR), 0x01000055);
}

static void t_local_space_regs(void)
{
	static const uint32_t offs[] = {
		PLX_REG_LAS0RR, PLX_REG_LAS0BA, PLX_REG_BIGEND, PLX_REG_EROMRR,
		PLX_REG_EROMBA, PLX_REG_LBRD0, PLX_REG_DMRR, PLX_REG_DMLBAM,
		PLX_REG_DMLBAI, PLX_REG_DMPBAM, PLX_REG_DMCFGA, PLX_REG_OPQIS,
		PLX_REG_OPQIM, PLX_REG_DMATHR, PLX_REG_MQCR, 0xc4, 0xe4,
		PLX_REG_QSR, PLX_REG_LAS1RR, PLX_REG_LAS1BA, PLX_REG_LBRD1,
		PLX_REG_DMDAC, PLX_REG_PCIARB,
	};
	uint32_t v[sizeof(offs) / sizeof(offs[0])];
	unsigned int i;

	/* reset: both spaces decode the 128 KiB SRAM at local 0 */
	CHECK_EQ(rd32(PLX_REG_LAS0RR), ~(uint32_t)(SRAM_SIZE - 1));
	CHECK_EQ(rd32(PLX_REG_LAS1RR), ~(uint32_t)(SRAM_SIZE - 1));
	CHECK_EQ(rd32(PLX_REG_LAS0BA), 1);
	CHECK_EQ(rd32(PLX_REG_LAS1BA), 1);
	for (i = 0; i < sizeof(offs) / sizeof(offs[0]); i++) {
		v[i] = rnd();
		wr32(offs[i], v[i]);
	}
	for (i = 0; i < sizeof(offs) / sizeof(offs[0]); i++)
		CHECK_EQ(rd32(offs[i]), v[i]);
}

static void t_cntrl(void)
{
	static const int rw[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
				  13, 14, 15, 16, 18, 19, 22, 23, 24, 25, 26,
				  29, 30 };
	uint32_t ee = PLX_CNTRL_EEPRESENT;

	/* PCI commands: DMA read 0xE, DMA write 0x7, DM read 0x6, DM write
	 * 0x7; GPO, USERi and USERo select; EEPROM present */
	CHECK_EQ(rd32(PLX_REG_CNTRL), 0xeu | (0x7u << 4) | (0x6u << 8) |
		 (0x7u << 12) | (0xdu << 16) | ee);
	/* all ones: chip select rises, the idle EEPROM drives DO = 1 */
	wr32(PLX_REG_CNTRL, 0xffffffff);
	CHECK_EQ(rd32(PLX_REG_CNTRL), bits(rw, sizeof(rw) / sizeof(rw[0])) |
		 ee | PLX_CNTRL_EEDO);
	wr32(PLX_REG_CNTRL, 0);
	CHECK_EQ(rd32(PLX_REG_CNTRL), ee);
	wr32(PLX_REG_CNTRL, 1u << 29);		/* reload: R/W */
	CHECK_EQ(rd32(PLX_REG_CNTRL), (1u << 29) | ee);
	wr32(PLX_REG_CNTRL, 0);
	wr(PLX_REG_CNTRL + 1, 0xab, 1);
	CHECK_EQ(rd32(PLX_REG_CNTRL), 0xab00 | ee);
}

static void t_pabtadr_ro(void)
{
	wr32(PLX_REG_PABTADR, 0xdeadbeef);
	CHECK_EQ(rd32(PLX_REG_PABTADR), 0);
}

static void t_sram_access(void)
{
	int logs;

	plx9656_sram_write(F.s, 0x100, 0x0807060504030201ull, 8);
	CHECK_EQ(F.sram[0x100], 0x01);
	CHECK_EQ(F.sram[0x107], 0x08);
	CHECK_EQ(plx9656_sram_read(F.s, 0x100, 8), 0x0807060504030201ull);
	CHECK_EQ(plx9656_sram_read(F.s, 0x101, 4), 0x05040302);
	CHECK_EQ(plx9656_sram_read(F.s, 0x103, 2), 0x0504);
	CHECK_EQ(plx9656_sram_read(F.s, 0x107, 1), 0x08);
	plx9656_sram_write(F.s, 0x102, 0xaabb, 2);
	CHECK_EQ(plx9656_sram_read(F.s, 0x100, 4), 0xaabb0201);
	plx9656_sram_write(F.s, 0x200, 0xcc, 1);
	CHECK_EQ(F.sram[0x200], 0xcc);
	/* wraps at the end of the SRAM */
	plx9656_sram_write(F.s, SRAM_SIZE - 4, 0x1122334455667788ull, 8);
	CHECK_EQ(get_le32(F.sram + SRAM_SIZE - 4), 0x55667788);
	CHECK_EQ(get_le32(F.sram), 0x11223344);
	CHECK_EQ(plx9656_sram_read(F.s, SRAM_SIZE - 4, 8),
		 0x1122334455667788ull);
	logs = F.logs;
	CHECK_EQ(plx9656_sram_read(F.s, 0, 3), 0);
	plx9656_sram_write(F.s, 0, 0xff, 5);
	CHECK_EQ(F.sram[0], 0x44);
	CHECK_EQ(F.logs, logs + 2);
}

static void t_no_schedule_when_idle(void)
{
	int i;

	for (i = 0; i < 0x100; i += 4)
		if (i != PLX_REG_DMACSR0 && i != PLX_REG_CNTRL)
			wr32(i, rnd());
	CHECK_EQ(F.sched_calls, 0);
	CHECK_EQ(F.sched, NEVER);
}

/* Random writes at every offset and width (a hostile guest), then a soft
 * reset: the board must still do a correct block transfer. */
static void t_fuzz_then_soft_reset(void)
{
	static const unsigned int sizes[] = { 1, 2, 4 };
	uint32_t off;
	unsigned int k, pass;
	uint8_t *src = hostp(MEM_BASE + 0x8000);
	uint64_t t0;

	for (pass = 0; pass < 4; pass++) {
		for (off = 0; off < PLX9656_BAR0_SIZE; off++) {
			for (k = 0; k < 3; k++) {
				wr(off, rnd(), sizes[k]);
				(void)rd(off, sizes[k]);
			}
			F.now += 100;
			run_due();
		}
		plx9656_local_doorbell(F.s, rnd());
	}
	wr32(PLX_REG_CNTRL, 0);
	wr32(PLX_REG_CNTRL, PLX_CNTRL_RESET);
	wr32(PLX_REG_CNTRL, 0);
	/* the software reset leaves configuration space alone: forget the
	 * aborts the garbage caused */
	plx9656_config_write(F.s, PLX_CFG_STATUS, PLX_STATUS_W1C_MASK, 2);
	CHECK_EQ(rd8(PLX_REG_DMACSR0) & PLX_DMACSR_DONE, PLX_DMACSR_DONE);
	CHECK_EQ(rd8(PLX_REG_DMACSR1) & PLX_DMACSR_DONE, PLX_DMACSR_DONE);
	CHECK_EQ(rd32(PLX_REG_INTCSR), PLX_INTCSR_RESET_VALUE);
	CHECK_EQ(F.irq, 0);
	CHECK_EQ(F.sched, NEVER);

	fill_rnd(src, 2048);
	t0 = F.now;
	wr32(PLX_REG_DMAPADR0, MEM_BASE + 0x8000);
	wr32(PLX_REG_DMALADR0, 0x400);
	wr32(PLX_REG_DMASIZ0, 2048);
	wr32(PLX_REG_DMADPR0, 0);
	wr8(PLX_REG_DMACSR0, PLX_DMACSR_ENABLE | PLX_DMACSR_START);
	run_all();
	CHECK_EQ(F.now, t0 + xfer_ns(2048, PLX9656_BW_9656));
	CHECK(memcmp(F.sram + 0x400, src, 2048) == 0);
	CHECK_EQ(plx9656_chan_status(F.s, 0), PLX9656_CHAN_OK);
}

EMU_TEST(regs, pcihidr_ids, t_pcihidr_ids)
EMU_TEST(regs, pcihrev_ro, t_pcihrev_ro)
EMU_TEST(regs, partial_reads, t_partial_reads)
EMU_TEST(regs, mailboxes_rw, t_mailboxes_rw)
EMU_TEST(regs, mailbox_alias, t_mailbox_alias)
EMU_TEST(regs, mailbox_flags, t_mailbox_flags)
EMU_TEST(regs, local_doorbell_set, t_local_doorbell_set)
EMU_TEST(regs, pci_doorbell_w1c, t_pci_doorbell_w1c)
EMU_TEST(regs, doorbell_irq, t_doorbell_irq)
EMU_TEST(regs, intcsr_rw_mask, t_intcsr_rw_mask)
EMU_TEST(regs, local_input_irq, t_local_input_irq)
EMU_TEST(regs, irq_calls_only_on_change, t_irq_calls_only_on_change)
EMU_TEST(regs, dmacsr_reset, t_dmacsr_reset)
EMU_TEST(regs, dmacsr_byte_word, t_dmacsr_byte_word)
EMU_TEST(regs, straddle_write, t_straddle_write)
EMU_TEST(regs, end_of_bar, t_end_of_bar)
EMU_TEST(regs, reserved, t_reserved)
EMU_TEST(regs, dma_reg_masks, t_dma_reg_masks)
EMU_TEST(regs, dma_reg_reset, t_dma_reg_reset)
EMU_TEST(regs, marbr_alias, t_marbr_alias)
EMU_TEST(regs, local_space_regs, t_local_space_regs)
EMU_TEST(regs, cntrl, t_cntrl)
EMU_TEST(regs, pabtadr_ro, t_pabtadr_ro)
EMU_TEST(regs, sram_access, t_sram_access)
EMU_TEST(regs, no_schedule_when_idle, t_no_schedule_when_idle)
EMU_TEST(regs, fuzz_then_soft_reset, t_fuzz_then_soft_reset)
