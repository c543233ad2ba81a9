// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Silicon behaviours of the PLX 9656 board model beyond single register
 * fields (doc/silicon.md §1, §5): the abort path end to end, one
 * channel aborting while the other runs, pause/resume, the serial EEPROM
 * over Microwire and its reload, VPD, power management, the capability
 * list, valid mode rejected, LINTi#.
 */
#include "emu_test.h"

#define MODE		PLX_DMAMODE_RESET_VALUE
#define BW		PLX9656_BW_9656

static void block(int c, uint64_t pci, uint32_t local, uint32_t len, int l2p,
		  uint32_t mode)
{
	wr32(PLX_REG_DMAMODE(c), MODE | mode);
	wr32(PLX_REG_DMAPADR(c), (uint32_t)pci);
	wr32(PLX_REG_DMALADR(c), local);
	wr32(PLX_REG_DMASIZ(c), len);
	wr32(PLX_REG_DMADPR(c), l2p ? PLX_DMADPR_XFERL2P : 0);
	wr8(PLX_REG_DMACSR(c), PLX_DMACSR_ENABLE | PLX_DMACSR_START);
}

static int sil_done(int c)
{
	return (rd8(PLX_REG_DMACSR(c)) & PLX_DMACSR_DONE) != 0;
}

static int sil_all_zero(const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

static int all_zero_host(uint64_t addr, size_t n)
{
	return sil_all_zero(hostp(addr), n);
}

static uint16_t status(void)
{
	return (uint16_t)plx9656_config_read(F.s, PLX_CFG_STATUS, 2);
}

static void sil_reinit(const struct plx9656_config *cfg)
{
	plx9656_init(F.s, cfg, NULL, NULL);
}

/* ---- aborts ---- */

/* Channel 0 master-aborts while channel 1 runs: only channel 0 is named
 * (INTCSR 25 = 0), channel 1's data is right, INTA# comes through the
 * abort enable alone; clearing PCI Status ends it; the next transfer on
 * channel 0 succeeds. */
static void t_abort_one_channel(void)
{
	uint8_t *src1 = hostp(MEM_BASE + 0x10000);
	uint64_t pci0 = MEM_BASE + 0x2000;

	fill_rnd(src1, 8192);
	fill_rnd(F.sram, 4096);
	wr32(PLX_REG_INTCSR, PLX_INTCSR_PIEN | PLX_INTCSR_PABORTIEN);
	plx9656_set_master_abort_mask(F.s, 1);
	CHECK_EQ(plx9656_master_abort_mask(F.s), 1);
	block(1, MEM_BASE + 0x10000, 0x8000, 8192, 0, 0);
	block(0, pci0, 0, 4096, 1, 0);		/* no Done interrupt */
	run_all();
	CHECK(sil_done(0));
	CHECK(sil_done(1));
	CHECK_EQ(plx9656_chan_status(F.s, 0), PLX9656_CHAN_MASTER_ABORT);
	CHECK_EQ(plx9656_chan_status(F.s, 1), PLX9656_CHAN_OK);
	CHECK(memcmp(F.sram + 0x8000, src1, 8192) == 0);
	CHECK(all_zero_host(pci0, 4096));
	CHECK_EQ(rd32(PLX_REG_INTCSR) & (PLX_INTCSR_ABTMASTERS |
					 PLX_INTCSR_PABORTIA),
		 (PLX_INTCSR_ABTMASTERS & ~PLX_INTCSR_DMA0NOTBM) |
		 PLX_INTCSR_PABORTIA);
	CHECK_EQ(rd32(PLX_REG_PABTADR), (uint32_t)pci0);
	CHECK_EQ(status() & PLX_STATUS_ABORTS, PLX_STATUS_REC_MABORT);
	CHECK_EQ(F.irq, 1);			/* abort interrupt alone */
	wr32(PLX_REG_INTCSR, PLX_INTCSR_PIEN);	/* abort enable off */
	CHECK_EQ(F.irq, 0);
	wr32(PLX_REG_INTCSR, PLX_INTCSR_PIEN | PLX_INTCSR_PABORTIEN);
	CHECK_EQ(F.irq, 1);
	/* a status write of 0 clears nothing */
	plx9656_config_write(F.s, PLX_CFG_STATUS, 0, 2);
	CHECK(rd32(PLX_REG_INTCSR) & PLX_INTCSR_PABORTIA);
	plx9656_config_write(F.s, PLX_CFG_STATUS, status(), 2);
	CHECK_EQ(status() & PLX_STATUS_ABORTS, 0);
	CHECK_EQ(rd32(PLX_REG_INTCSR) & (PLX_INTCSR_ABTMASTERS |
					 PLX_INTCSR_PABORTIA),
		 PLX_INTCSR_ABTMASTERS);
	CHECK_EQ(F.irq, 0);
	/* the next transfer on channel 0 succeeds */
	plx9656_set_master_abort_mask(F.s, 0);
	block(0, pci0, 0, 4096, 1, 0);
	run_all();
	CHECK_EQ(plx9656_chan_status(F.s, 0), PLX9656_CHAN_OK);
	CHECK(memcmp(hostp(pci0), F.sram, 4096) == 0);
	CHECK_EQ(rd32(PLX_REG_INTCSR) & PLX_INTCSR_ABTMASTERS,
		 PLX_INTCSR_ABTMASTERS);
	/* the old all-channel switch is mask 3 */
	plx9656_set_master_abort(F.s, 1);
	CHECK_EQ(plx9656_master_abort_mask(F.s), 3);
	plx9656_set_master_abort(F.s, 0);
	CHECK_EQ(plx9656_master_abort_mask(F.s), 0);
}

/* Normal completions leave 27:24 at 1 (the bits a wrong driver reads as
 * "abort"); a second abort names its own master. */
static void t_abort_bits_normal_and_second(void)
{
	int c;

	wr32(PLX_REG_INTCSR, PLX_INTCSR_PIEN | PLX_INTCSR_DMA0IEN |
	     PLX_INTCSR_DMA1IEN);
	for (c = 0; c < 2; c++)
		block(c, MEM_BASE + 0x1000 * (uint32_t)c, 0, 256, c,
		      PLX_DMAMODE_DONEIEN | PLX_DMAMODE_INTRPCI);
	run_all();
	CHECK_EQ(rd32(PLX_REG_INTCSR) & (PLX_INTCSR_ABTMASTERS |
					 PLX_INTCSR_PABORTIA),
		 PLX_INTCSR_ABTMASTERS);
	CHECK_EQ(status() & PLX_STATUS_ABORTS, 0);
	wr8(PLX_REG_DMACSR0, PLX_DMACSR_CLEARINTR);
	wr8(PLX_REG_DMACSR1, PLX_DMACSR_CLEARINTR);
	plx9656_set_master_abort_mask(F.s, 1);
	block(0, MEM_BASE, 0, 64, 0, 0);
	run_all();
	plx9656_set_master_abort_mask(F.s, 2);
	block(1, MEM_BASE, 0, 64, 0, 0);
	run_all();
	CHECK_EQ(rd32(PLX_REG_INTCSR) & PLX_INTCSR_ABTMASTERS,
		 PLX_INTCSR_ABTMASTERS & ~PLX_INTCSR_DMA1NOTBM);
	/* soft reset returns 27:24 to 1, PCI Status is configuration space */
	wr32(PLX_REG_CNTRL, rd32(PLX_REG_CNTRL) | PLX_CNTRL_RESET);
	wr32(PLX_REG_CNTRL, rd32(PLX_REG_CNTRL) & ~PLX_CNTRL_RESET);
	CHECK_EQ(rd32(PLX_REG_INTCSR) & PLX_INTCSR_ABTMASTERS,
		 PLX_INTCSR_ABTMASTERS);
	CHECK(status() & PLX_STATUS_REC_MABORT);
	CHECK(rd32(PLX_REG_INTCSR) & PLX_INTCSR_PABORTIA);
}

static void t_target_abort(void)
{
	F.target_abort = 1;
	block(1, 0x2000, 0, 64, 1, 0);		/* no memory there */
	run_all();
	CHECK_EQ(plx9656_chan_status(F.s, 1), PLX9656_CHAN_MASTER_ABORT);
	CHECK_EQ(status() & PLX_STATUS_ABORTS, PLX_STATUS_REC_TABORT);
	CHECK(rd32(PLX_REG_INTCSR) & PLX_INTCSR_PABORTIA);
	CHECK(!(rd32(PLX_REG_INTCSR) & PLX_INTCSR_DMA1NOTBM));
	plx9656_clear_pci_abort(F.s);
	CHECK_EQ(status() & PLX_STATUS_ABORTS, 0);
	CHECK(!(rd32(PLX_REG_INTCSR) & PLX_INTCSR_PABORTIA));
}

/* ---- pause / resume ---- */

static void t_pause_resume(void)
{
	uint8_t *src = hostp(MEM_BASE);
	uint64_t t0 = F.now, fin = t0 + xfer_ns(65536, BW);

	fill_rnd(src, 65536);
	block(0, MEM_BASE, 0, 65536, 0, 0);
	run_due();
	advance(t0 + 1000);
	wr8(PLX_REG_DMACSR0, 0);		/* Enable off: pause */
	CHECK(!sil_done(0));
	advance(fin + 5000);
	CHECK(!sil_done(0));			/* Done stays 0 */
	CHECK_EQ(plx9656_chan_status(F.s, 0), PLX9656_CHAN_BUSY);
	CHECK(sil_all_zero(F.sram, 65536));
	CHECK_EQ(F.sched, NEVER);		/* nothing to run */
	wr8(PLX_REG_DMACSR0, PLX_DMACSR_ENABLE);	/* resume */
	CHECK_EQ(F.sched, F.now);
	run_all();
	CHECK(sil_done(0));
	CHECK_EQ(F.now, fin + 5000);
	CHECK(memcmp(F.sram, src, 65536) == 0);
	/* paused, then aborted (Enable 0, the documented order) */
	block(1, MEM_BASE, 0x100, 4096, 0, PLX_DMAMODE_DONEIEN);
	wr8(PLX_REG_DMACSR1, 0);
	wr8(PLX_REG_DMACSR1, PLX_DMACSR_ABORT);
	CHECK(sil_done(1));
	CHECK_EQ(plx9656_chan_status(F.s, 1), PLX9656_CHAN_ABORTED);
	CHECK(rd32(PLX_REG_INTCSR) & PLX_INTCSR_DMA1IA);
}

/* ---- valid (ring) mode ---- */

static void t_valid_mode_rejected(void)
{
	int logs = F.logs, reads = F.dma_reads;

	put_desc(hostp(MEM_BASE), MEM_BASE + 0x100, 0, 64, 2 | 1);
	wr32(PLX_REG_DMAMODE0, MODE | PLX_DMAMODE_CHAINEN |
	     PLX_DMAMODE_VALIDEN);
	wr32(PLX_REG_DMADPR0, MEM_BASE | PLX_DMADPR_DESCPCI);
	wr8(PLX_REG_DMACSR0, PLX_DMACSR_ENABLE | PLX_DMACSR_START);
	run_all();
	CHECK(sil_done(0));
	CHECK_EQ(plx9656_chan_status(F.s, 0), PLX9656_CHAN_REJECTED);
	CHECK(F.logs > logs);
	CHECK_EQ(F.dma_reads, reads);		/* never parsed */
	/* in block mode bit 20 changes nothing */
	fill_rnd(hostp(MEM_BASE + 0x100), 64);
	block(0, MEM_BASE + 0x100, 0, 64, 0, PLX_DMAMODE_VALIDEN);
	run_all();
	CHECK_EQ(plx9656_chan_status(F.s, 0), PLX9656_CHAN_OK);
	CHECK(memcmp(F.sram, hostp(MEM_BASE + 0x100), 64) == 0);
}

/* ---- serial EEPROM over Microwire ---- */

static uint32_t cntrl_base(void)
{
	return rd32(PLX_REG_CNTRL) & ~(PLX_CNTRL_EESK | PLX_CNTRL_EECS |
				       PLX_CNTRL_EEDI);
}

static void mw_clock(uint32_t base, int di)
{
	uint32_t v = base | PLX_CNTRL_EECS | (di ? PLX_CNTRL_EEDI : 0);

	wr32(PLX_REG_CNTRL, v);
	wr32(PLX_REG_CNTRL, v | PLX_CNTRL_EESK);
}

static int mw_do(void)
{
	return (rd32(PLX_REG_CNTRL) & PLX_CNTRL_EEDO) != 0;
}

static void mw_cmd(uint32_t base, unsigned int op, unsigned int addr)
{
	int i;

	wr32(PLX_REG_CNTRL, base);
	wr32(PLX_REG_CNTRL, base | PLX_CNTRL_EECS);
	mw_clock(base, 1);
	for (i = 1; i >= 0; i--)
		mw_clock(base, (op >> i) & 1);
	for (i = 7; i >= 0; i--)
		mw_clock(base, (addr >> i) & 1);
}

static void mw_end(uint32_t base)
{
	wr32(PLX_REG_CNTRL, base);
}

static uint16_t mw_read(unsigned int addr)
{
	uint32_t base = cntrl_base();
	uint16_t v = 0;
	int i;

	mw_cmd(base, 2, addr);
	CHECK_EQ(mw_do(), 0);			/* dummy 0 */
	for (i = 0; i < 16; i++) {
		mw_clock(base, 0);
		v = (uint16_t)((v << 1) | mw_do());
	}
	mw_end(base);
	return v;
}

static void mw_write(unsigned int addr, uint16_t v)
{
	uint32_t base = cntrl_base();
	int i;

	mw_cmd(base, 1, addr);
	for (i = 15; i >= 0; i--)
		mw_clock(base, (v >> i) & 1);
	mw_end(base);
	wr32(PLX_REG_CNTRL, base | PLX_CNTRL_EECS);
	CHECK_EQ(mw_do(), 1);			/* ready */
	mw_end(base);
}

static void mw_ewen(int on)
{
	uint32_t base = cntrl_base();

	mw_cmd(base, 0, on ? 0xc0 : 0x00);
	mw_end(base);
}

static void t_eeprom_microwire(void)
{
	uint8_t img[PLX9656_EEPROM_BYTES];
	uint32_t base;
	uint16_t w0, w1;
	int i;

	CHECK(rd32(PLX_REG_CNTRL) & PLX_CNTRL_EEPRESENT);
	plx9656_eeprom_get(F.s, img);
	/* word 0/1: device ID, vendor ID of the built-in image */
	CHECK_EQ(mw_read(0), 0x9601);
	CHECK_EQ(mw_read(1), 0x10b5);
	CHECK_EQ(mw_read(0x81), 0x10b5);	/* A7 is not decoded */
	/* sequential read continues with the next word */
	base = cntrl_base();
	mw_cmd(base, 2, PLX_EE_LAS0RR / 2);
	w0 = w1 = 0;
	for (i = 0; i < 32; i++) {
		mw_clock(base, 0);
		if (i < 16)
			w0 = (uint16_t)((w0 << 1) | mw_do());
		else
			w1 = (uint16_t)((w1 << 1) | mw_do());
	}
	mw_end(base);
	CHECK_EQ(((uint32_t)w0 << 16) | w1, ~(uint32_t)(SRAM_SIZE - 1));
	/* writes need EWEN */
	mw_write(0, 0x1234);
	CHECK_EQ(mw_read(0), 0x9601);
	CHECK(F.logs > 0);
	mw_ewen(1);
	mw_write(0, 0x1234);
	mw_write(PLX_EE_LAS0RR / 2 + 1, 0x0000);	/* LAS0RR -> 0xfffe0000 */
	mw_ewen(0);
	mw_write(1, 0x5555);			/* disabled again */
	CHECK_EQ(mw_read(0), 0x1234);
	CHECK_EQ(mw_read(1), 0x10b5);
	/* nothing loads until a reload: 0->1 of CNTRL 29 */
	CHECK_EQ(plx9656_config_read(F.s, 2, 2), 0x9601);
	wr32(PLX_REG_LAS0RR, 0);
	wr32(PLX_REG_CNTRL, rd32(PLX_REG_CNTRL) | PLX_CNTRL_EERELOAD);
	CHECK_EQ(plx9656_config_read(F.s, 2, 2), 0x1234);
	CHECK_EQ(rd32(PLX_REG_LAS0RR), ~(uint32_t)(SRAM_SIZE - 1));
	CHECK_EQ(rd32(PLX_REG_PCIHIDR), 0x965610b5u);	/* hard-wired */
	wr32(PLX_REG_LAS0RR, 0);
	wr32(PLX_REG_CNTRL, rd32(PLX_REG_CNTRL) | PLX_CNTRL_EERELOAD);
	CHECK_EQ(rd32(PLX_REG_LAS0RR), 0);	/* no new 0->1 edge */
	wr32(PLX_REG_CNTRL, rd32(PLX_REG_CNTRL) & ~PLX_CNTRL_EERELOAD);
	/* and a reset loads it too */
	plx9656_reset(F.s);
	CHECK_EQ(plx9656_config_read(F.s, 0, 4), 0x123410b5u);
	/* ERAL needs EWEN; afterwards the EEPROM is blank: chip defaults */
	base = cntrl_base();
	mw_cmd(base, 0, 0x80);
	mw_end(base);
	CHECK_EQ(mw_read(0), 0x1234);
	mw_ewen(1);
	mw_cmd(base, 0, 0x80);
	mw_end(base);
	CHECK_EQ(mw_read(0), 0xffff);
	plx9656_reset(F.s);
	CHECK_EQ(plx9656_config_read(F.s, 0, 4), 0x965610b5u);
	CHECK_EQ(rd32(PLX_REG_LAS0RR), 0);
}

/* The driver's recovery: software reset, then reload [SDK, LX]. */
static void t_soft_reset_then_reload(void)
{
	wr32(PLX_REG_LAS0RR, 0x12345678);
	wr32(PLX_REG_LAS1BA, 0);
	wr32(PLX_REG_CNTRL, rd32(PLX_REG_CNTRL) | PLX_CNTRL_RESET);
	wr32(PLX_REG_CNTRL, rd32(PLX_REG_CNTRL) & ~PLX_CNTRL_RESET);
	CHECK_EQ(rd32(PLX_REG_LAS0RR), 0x12345678);	/* kept (model) */
	wr32(PLX_REG_CNTRL, rd32(PLX_REG_CNTRL) | PLX_CNTRL_EERELOAD);
	wr32(PLX_REG_CNTRL, rd32(PLX_REG_CNTRL) & ~PLX_CNTRL_EERELOAD);
	CHECK_EQ(rd32(PLX_REG_LAS0RR), ~(uint32_t)(SRAM_SIZE - 1));
	CHECK_EQ(rd32(PLX_REG_LAS1BA), 1);
	CHECK_EQ(rd32(PLX_REG_INTCSR), PLX_INTCSR_RESET_VALUE);
	CHECK_EQ(rd32(PLX_REG_CNTRL),
		 PLX_CNTRL_RESET_VALUE | PLX_CNTRL_EEPRESENT);
}

static void t_eeprom_kinds(void)
{
	struct plx9656_config cfg = F.cfg;
	uint8_t img[PLX9656_EEPROM_BYTES];

	cfg.eeprom = PLX9656_EEPROM_BLANK;
	sil_reinit(&cfg);
	CHECK_EQ(plx9656_config_read(F.s, 0, 4), 0x965610b5u);
	CHECK_EQ(plx9656_config_read(F.s, PLX_CFG_REVISION, 4), 0x068000ba);
	CHECK_EQ(plx9656_config_read(F.s, PLX_CFG_SUBSYS, 4), 0);
	CHECK_EQ(plx9656_config_read(F.s, PLX_CFG_INTPIN, 1), 1);
	CHECK_EQ(rd32(PLX_REG_LAS0RR), 0);
	CHECK(rd32(PLX_REG_CNTRL) & PLX_CNTRL_EEPRESENT);
	cfg.device_id = 0x5601;
	cfg.eeprom = PLX9656_EEPROM_NONE;
	sil_reinit(&cfg);
	CHECK_EQ(plx9656_config_read(F.s, 0, 4), 0x905610b5u);
	CHECK(!(rd32(PLX_REG_CNTRL) & PLX_CNTRL_EEPRESENT));
	CHECK_EQ(mw_read(0), 0);		/* nobody drives DO */
	/* an image: IDs, subsystem, local configuration from it */
	cfg = F.cfg;
	cfg.subsys_vendor_id = 0x1234;
	cfg.subsys_id = 0x5678;
	plx9656_eeprom_default(&cfg, img);
	img[0] = 0xab;
	img[1] = 0xcd;			/* device 0xabcd */
	img[PLX_EE_MBOX0 + 3] = 0x42;
	cfg = F.cfg;
	cfg.eeprom = PLX9656_EEPROM_IMAGE;
	cfg.eeprom_image = img;
	sil_reinit(&cfg);
	img[0] = 0;			/* copied at init, not referenced */
	CHECK_EQ(plx9656_config_read(F.s, 0, 4), 0xabcd10b5u);
	CHECK_EQ(plx9656_config_read(F.s, PLX_CFG_SUBSYS, 4), 0x56781234u);
	CHECK_EQ(rd32(PLX_REG_MBOX0), 0x42);
	CHECK_EQ(rd32(PLX_REG_PCIHIDR), 0x965610b5u);
	plx9656_reset(F.s);
	CHECK_EQ(plx9656_config_read(F.s, 0, 4), 0xabcd10b5u);
}

/* ---- configuration space: capabilities, PM, VPD ---- */

static void t_capability_list(void)
{
	static const uint8_t want[] = { 0x01, 0x06, 0x03 };
	uint32_t p;
	int n = 0;

	CHECK(status() & PLX_STATUS_CAPLIST);
	p = plx9656_config_read(F.s, PLX_CFG_CAPPTR, 1);
	while (p && n < 8) {
		if (n < 3)
			CHECK_EQ(plx9656_config_read(F.s, p, 1), want[n]);
		p = plx9656_config_read(F.s, p + 1, 1);
		n++;
	}
	CHECK_EQ(n, 3);
	/* no INTx disable, no interrupt status even with INTA# asserted */
	plx9656_config_write(F.s, PLX_CFG_COMMAND, 0x0407, 2);
	CHECK_EQ(plx9656_config_read(F.s, PLX_CFG_COMMAND, 2), 0x0007);
	plx9656_local_doorbell(F.s, 1);
	wr32(PLX_REG_INTCSR, PLX_INTCSR_PIEN | PLX_INTCSR_PDBIEN);
	CHECK_EQ(F.irq, 1);
	CHECK(!(status() & (1u << 3)));
	/* bad accesses: logged, harmless */
	n = F.logs;
	CHECK_EQ(plx9656_config_read(F.s, 0xff, 2), 0);
	CHECK_EQ(plx9656_config_read(F.s, 0x100, 1), 0);
	CHECK_EQ(plx9656_config_read(F.s, 0, 3), 0);
	plx9656_config_write(F.s, 0xfe, 0xffffffff, 4);
	CHECK_EQ(F.logs, n + 4);
}

static uint32_t vpd_read(uint32_t addr)
{
	plx9656_config_write(F.s, PLX_CFG_VPDADDR, addr, 2);
	CHECK(plx9656_config_read(F.s, PLX_CFG_VPDADDR, 2) & PLX_VPD_FLAG);
	return plx9656_config_read(F.s, PLX_CFG_VPDDATA, 4);
}

static void vpd_write(uint32_t addr, uint32_t v)
{
	plx9656_config_write(F.s, PLX_CFG_VPDDATA, v, 4);
	plx9656_config_write(F.s, PLX_CFG_VPDADDR, addr | PLX_VPD_FLAG, 2);
	CHECK(!(plx9656_config_read(F.s, PLX_CFG_VPDADDR, 2) & PLX_VPD_FLAG));
}

static void t_vpd(void)
{
	uint8_t img[PLX9656_EEPROM_BYTES];
	uint32_t v;
	int logs;

	/* the raw EEPROM bytes: configuration words first */
	CHECK_EQ(vpd_read(0), 0xb5100196u);
	v = vpd_read(PLX_EE_VPD_DEFAULT);
	CHECK_EQ(v & 0xff, 0x82);			/* identifier string */
	CHECK_EQ((v >> 24) & 0xff, 'P');
	/* writes below PROT_AREA are refused */
	logs = F.logs;
	vpd_write(0, 0xdeadbeef);
	CHECK(F.logs > logs);
	CHECK_EQ(vpd_read(0), 0xb5100196u);
	vpd_write(0xf0, 0x11223344);
	CHECK_EQ(vpd_read(0xf0), 0x11223344);
	plx9656_eeprom_get(F.s, img);
	CHECK_EQ(img[0xf0], 0x44);
	CHECK_EQ(img[0xf3], 0x11);
	/* the same EEPROM through Microwire (big-endian words) */
	CHECK_EQ(mw_read(0xf0 / 2), 0x4433);
	/* lowering PROT_AREA opens the area */
	wr32(PLX_REG_BIGEND, 0);
	vpd_write(0x10, 0xa5a5a5a5);
	CHECK_EQ(vpd_read(0x10), 0xa5a5a5a5);
}

static void t_power_management(void)
{
	int logs;

	wr32(PLX_REG_MBOX(2), 0x1234);
	wr32(PLX_REG_INTCSR, PLX_INTCSR_PIEN | PLX_INTCSR_DMA0IEN);
	plx9656_config_write(F.s, PLX_CFG_COMMAND, 0x0006, 2);
	fill_rnd(hostp(MEM_BASE), 4096);
	block(0, MEM_BASE, 0, 4096, 0, 0);
	/* D1/D2 are not supported: ignored */
	logs = F.logs;
	plx9656_config_write(F.s, PLX_CFG_PMCSR, 1, 2);
	CHECK_EQ(plx9656_power_state(F.s), 0);
	CHECK(F.logs > logs);
	/* D3hot: BARs dead, DMA frozen */
	plx9656_config_write(F.s, PLX_CFG_PMCSR, 3, 2);
	CHECK_EQ(plx9656_power_state(F.s), 3);
	CHECK_EQ(rd32(PLX_REG_MBOX(2)), 0xffffffffu);
	CHECK_EQ(rd8(PLX_REG_DMACSR0), 0xff);
	CHECK_EQ(plx9656_sram_read(F.s, 0, 8), ~0ull);
	wr32(PLX_REG_MBOX(2), 0);
	plx9656_sram_write(F.s, 0, 0x55, 1);
	advance(F.now + 1000000000ull);
	CHECK(sil_all_zero(F.sram, 4096));
	CHECK_EQ(F.sched, NEVER);
	/* D3hot -> D0: internal reset, configuration and EEPROM included */
	plx9656_config_write(F.s, PLX_CFG_PMCSR, 0, 2);
	CHECK_EQ(plx9656_power_state(F.s), 0);
	CHECK_EQ(plx9656_config_read(F.s, PLX_CFG_COMMAND, 2), 0);
	CHECK_EQ(rd32(PLX_REG_MBOX(2)), 0);
	CHECK_EQ(rd32(PLX_REG_INTCSR), PLX_INTCSR_RESET_VALUE);
	CHECK_EQ(rd32(PLX_REG_DMAMODE0), PLX_DMAMODE_RESET_VALUE);
	CHECK(sil_done(0));
	CHECK_EQ(rd32(PLX_REG_LAS0RR), ~(uint32_t)(SRAM_SIZE - 1));
	CHECK_EQ(F.sram[0], 0);
	run_all();
	CHECK(sil_all_zero(F.sram, 4096));
	/* and it works */
	block(0, MEM_BASE, 0, 4096, 0, 0);
	run_all();
	CHECK(memcmp(F.sram, hostp(MEM_BASE), 4096) == 0);
}

/* LINTi# from the local side: INTCSR 15, INTA# with 11 and 8 */
static void t_lint(void)
{
	plx9656_set_local_irq(F.s, 1);
	CHECK(rd32(PLX_REG_INTCSR) & PLX_INTCSR_PLIA);
	CHECK_EQ(F.irq, 0);
	wr32(PLX_REG_INTCSR, rd32(PLX_REG_INTCSR) | PLX_INTCSR_PLIEN);
	CHECK_EQ(F.irq, 1);			/* bit 8 is 1 from reset */
	/* a pin, not chip state: a reset keeps its level */
	plx9656_reset(F.s);
	CHECK(rd32(PLX_REG_INTCSR) & PLX_INTCSR_PLIA);
	CHECK_EQ(F.irq, 0);
	plx9656_set_local_irq(F.s, 0);
	CHECK(!(rd32(PLX_REG_INTCSR) & PLX_INTCSR_PLIA));
}

EMU_TEST(silicon, abort_one_channel, t_abort_one_channel)
EMU_TEST(silicon, abort_bits_normal_and_second, t_abort_bits_normal_and_second)
EMU_TEST(silicon, target_abort, t_target_abort)
EMU_TEST(silicon, pause_resume, t_pause_resume)
EMU_TEST(silicon, valid_mode_rejected, t_valid_mode_rejected)
EMU_TEST(silicon, eeprom_microwire, t_eeprom_microwire)
EMU_TEST(silicon, soft_reset_then_reload, t_soft_reset_then_reload)
EMU_TEST(silicon, eeprom_kinds, t_eeprom_kinds)
EMU_TEST(silicon, capability_list, t_capability_list)
EMU_TEST(silicon, vpd, t_vpd)
EMU_TEST(silicon, power_management, t_power_management)
EMU_TEST(silicon, lint, t_lint)
