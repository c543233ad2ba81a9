// SPDX-License-Identifier: GPL-2.0-only
/*
 * Guest side of `make hostile`: a hostile guest against one emulated PLX
 * 9656 board behind a VT-d IOMMU, from user space (root, no driver bound),
 * through sysfs:
 *
 *   hostile BDF [SEED [ROUNDS]]     e.g. hostile 0000:00:04.0 1 2
 *
 * The board has no driver, so the kernel's IOMMU maps nothing for it and
 * every DMA it makes must fault in the IOMMU (a master abort for the chip)
 * without hurting the guest. What the device does with the same garbage
 * without an IOMMU is tested from the host by emu/qtest/plx9656-test.c
 * (hostile/registers, hostile/dma and the DMA, fault and reset cases).
 *
 * 1. Bus mastering off: ROUNDS passes of seeded random values written at
 *    every BAR0 offset with widths 1, 2 and 4 (unaligned too), DMA started
 *    on both channels with garbage registers and garbage chains, BAR2/BAR3
 *    scribbled, then every offset/width read back.
 * 2. Bus mastering on: garbage transfers, garbage descriptor chains in
 *    SRAM and in a page we own, DMA aimed at the board's own BARs: all of
 *    it faults in the IOMMU.
 * 3. Soft reset (CNTRL bit 30 set, then cleared), then: IDs, idle
 *    channels, SRAM through BAR2/BAR3; a block DMA to a page of ours and
 *    from another, and a chain whose descriptors are in our page, each
 *    ending in a master abort (PCI Status 13, INTCSR 14, the active-low
 *    INTCSR 25/26 of the channel) with our pages untouched; master-abort
 *    reporting with bus mastering off; the board still answers.
 *
 * No driver owns INTA#, and the chip (PCI 2.2) has no INTx-disable bit:
 * every BAR0 write this program makes keeps INTCSR bit 8 (PCI interrupt
 * enable) clear, and one that may have reset the chip (CNTRL byte 3) is
 * followed by clearing INTCSR bits 15:8 again. Page addresses are
 * physical (/proc/self/pagemap): behind the IOMMU they are IOVAs nobody
 * mapped.
 * Prints TAP: "ok N - ..." / "not ok N - ..." per case, the plan after the
 * last, then "# hostile-guest: N passed, N failed"; exit 0 only when
 * nothing failed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

/*
 * PCI configuration space: the system's names; the chip's registers, bits
 * and BAR sizes: the model side's one map (never the driver's headers).
 */
#include <linux/pci_regs.h>

#include "../model/plx9656.h"
#include "../model/plx9656_regs.h"

static int npass, nfail;
static volatile uint8_t *r0, *s2, *s3;
static int cfg_fd;
static uint16_t devid;

static void result(int ok, const char *fmt, ...)
{
	va_list ap;

	printf("%s %d - ", ok ? "ok" : "not ok", npass + nfail + 1);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	if (ok)
		npass++;
	else
		nfail++;
}

/* TAP: the plan after the last point; the exit status */
static int tap_done(void)
{
	printf("1..%d\n# hostile-guest: %d passed, %d failed\n",
	       npass + nfail, npass, nfail);
	return nfail ? 1 : 0;
}

/* xorshift64*: deterministic for a seed */
static uint64_t rng;
static uint64_t rnd(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 2685821657736338717ull;
}

static uint32_t rd(unsigned int off, int w)
{
	switch (w) {
	case 1: return *(volatile uint8_t *)(r0 + off);
	case 2: return *(volatile uint16_t *)(r0 + off);
	default: return *(volatile uint32_t *)(r0 + off);
	}
}

static void wr_raw(unsigned int off, uint32_t v, int w)
{
	switch (w) {
	case 1: *(volatile uint8_t *)(r0 + off) = (uint8_t)v; break;
	case 2: *(volatile uint16_t *)(r0 + off) = (uint16_t)v; break;
	default: *(volatile uint32_t *)(r0 + off) = v; break;
	}
}

/* A BAR0 write that never enables INTA# (see the top comment). */
static void wr(unsigned int off, uint32_t v, int w)
{
	if (off <= PLX_REG_INTCSR + 1 &&
	    PLX_REG_INTCSR + 1 < off + (unsigned int)w)
		v &= ~(1u << (8 * (PLX_REG_INTCSR + 1 - off)));
	wr_raw(off, v, w);
	if (off <= PLX_REG_CNTRL + 3 &&
	    PLX_REG_CNTRL + 3 < off + (unsigned int)w)
		wr_raw(PLX_REG_INTCSR + 1, 0, 1); /* a reset sets bit 8 again */
}

static uint32_t rd32(unsigned int off) { return rd(off, 4); }
static void wr32(unsigned int off, uint32_t v) { wr(off, v, 4); }

static uint16_t cfg_rd16(unsigned int off)
{
	uint16_t v = 0;

	if (pread(cfg_fd, &v, 2, off) != 2)
		perror("config read");
	return v;
}

static void cfg_wr16(unsigned int off, uint16_t v)
{
	if (pwrite(cfg_fd, &v, 2, off) != 2)
		perror("config write");
}

static void set_master(int on)
{
	cfg_wr16(PCI_COMMAND, PCI_COMMAND_IO | PCI_COMMAND_MEMORY |
		 (on ? PCI_COMMAND_MASTER : 0));
}

static void sleep_ms(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* Wait for Done on channel @c; returns 1 if done within @ms. */
static int wait_done(int c, unsigned int ms)
{
	unsigned int i;

	for (i = 0; i < ms; i++) {
		if (rd(PLX_REG_DMACSR(c), 1) & PLX_DMACSR_DONE)
			return 1;
		sleep_ms(1);
	}
	return (rd(PLX_REG_DMACSR(c), 1) & PLX_DMACSR_DONE) != 0;
}

/* Stop whatever a channel does and clear its interrupt. */
static void quiesce(int c)
{
	if (!wait_done(c, 200)) {
		wr(PLX_REG_DMACSR(c), PLX_DMACSR_ABORT, 1);
		wait_done(c, 200);
	}
	wr(PLX_REG_DMACSR(c), PLX_DMACSR_CLEARINTR, 1);
}

static uint64_t bar_phys[4];

static void *map_bar(const char *dev, int bar, size_t len)
{
	char path[256];
	void *p;
	int fd;

	unsigned long long start = 0, end = 0, flags = 0;
	size_t pgoff;
	FILE *rf;
	int line;

	/* the mapping starts at the page holding the BAR's start */
	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/resource", dev);
	rf = fopen(path, "r");
	for (line = 0; rf && line <= bar; line++)
		if (fscanf(rf, "%llx %llx %llx", &start, &end, &flags) != 3)
			break;
	if (rf)
		fclose(rf);
	bar_phys[bar] = start;
	pgoff = (size_t)(start & 4095);
	if (pgoff + len > ((len + 4095) & ~(size_t)4095)) {
		fprintf(stderr, "BAR%d at 0x%llx: not mappable\n", bar, start);
		return NULL;
	}
	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/resource%d",
		 dev, bar);
	fd = open(path, O_RDWR | O_SYNC);
	if (fd < 0) {
		fprintf(stderr, "open %s: %s\n", path, strerror(errno));
		return NULL;
	}
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (p == MAP_FAILED) {
		fprintf(stderr, "mmap %s: %s\n", path, strerror(errno));
		return NULL;
	}
	return (uint8_t *)p + pgoff;
}

/* A locked page of ours and its physical address. */
struct page {
	uint8_t *va;
	uint64_t pa;
};

static int get_page(struct page *pg)
{
	uint64_t ent;
	int fd;

	pg->va = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED, -1, 0);
	if (pg->va == MAP_FAILED)
		return -1;
	memset(pg->va, 0, 4096);
	fd = open("/proc/self/pagemap", O_RDONLY);
	if (fd < 0)
		return -1;
	if (pread(fd, &ent, 8, ((uintptr_t)pg->va / 4096) * 8) != 8) {
		close(fd);
		return -1;
	}
	close(fd);
	if (!(ent & (1ull << 63)) || !(ent & ((1ull << 55) - 1)))
		return -1;
	pg->pa = (ent & ((1ull << 55) - 1)) * 4096;
	return 0;
}

static void sram_fill(volatile uint8_t *bar, uint32_t off, uint32_t len,
		      uint32_t seed)
{
	uint32_t i;

	for (i = 0; i < len; i += 4)
		*(volatile uint32_t *)(bar + off + i) = seed * 2654435761u + i;
}

static int sram_check(volatile uint8_t *bar, uint32_t off, uint32_t len,
		      uint32_t seed)
{
	uint32_t i;

	for (i = 0; i < len; i += 4)
		if (*(volatile uint32_t *)(bar + off + i) != seed * 2654435761u + i)
			return 0;
	return 1;
}

static void buf_fill(uint8_t *p, uint32_t len, uint32_t seed)
{
	uint32_t i;

	for (i = 0; i < len; i += 4)
		*(uint32_t *)(p + i) = seed * 2654435761u + i;
}

/* Start a block transfer on channel @c. */
static void block_dma(int c, uint64_t pci, uint32_t local, uint32_t len,
		      int to_host, uint32_t mode_extra)
{
	wr(PLX_REG_DMACSR(c), PLX_DMACSR_CLEARINTR, 1);
	wr32(PLX_REG_DMAMODE(c), PLX_DMAMODE_WIDTH32 | mode_extra);
	wr32(PLX_REG_DMAPADR(c), (uint32_t)pci);
	wr32(PLX_REG_DMADAC(c), (uint32_t)(pci >> 32));
	wr32(PLX_REG_DMALADR(c), local);
	wr32(PLX_REG_DMASIZ(c), len);
	wr32(PLX_REG_DMADPR(c), to_host ? PLX_DMADPR_XFERL2P : 0);
	wr(PLX_REG_DMACSR(c), PLX_DMACSR_ENABLE | PLX_DMACSR_START, 1);
}

static int buf_all(const uint8_t *p, uint32_t len, uint8_t v)
{
	uint32_t i;

	for (i = 0; i < len; i++)
		if (p[i] != v)
			return 0;
	return 1;
}

/*
 * Start a transfer on channel @c that the IOMMU must refuse (@chain: the
 * descriptor at @pci; else a 4 KiB block at @pci) and check the chip's
 * master-abort report (@want = the PABTADR it must show), then clear it.
 */
static void iommu_abort(int c, const char *what, uint64_t pci, uint64_t want,
			uint32_t local, int to_host, uint32_t chain)
{
	unsigned int i;
	uint32_t v;

	cfg_wr16(PCI_STATUS, PLX_STATUS_ABORTS);
	if (chain) {
		wr(PLX_REG_DMACSR(c), PLX_DMACSR_CLEARINTR, 1);
		wr32(PLX_REG_DMAMODE(c),
		     PLX_DMAMODE_WIDTH32 | PLX_DMAMODE_CHAINEN);
		wr32(PLX_REG_DMADAC(c), 0);
		wr32(PLX_REG_DMADPR(c), (uint32_t)pci | PLX_DMADPR_DESCPCI);
		wr(PLX_REG_DMACSR(c), PLX_DMACSR_ENABLE | PLX_DMACSR_START, 1);
		want = pci;
	} else {
		block_dma(c, pci, local, 4096, to_host, 0);
	}
	/* whether an aborted channel sets Done is uncertain: wait for the
	 * report instead */
	for (i = 0; i < 2000 &&
	     !(cfg_rd16(PCI_STATUS) & PCI_STATUS_REC_MASTER_ABORT); i++)
		sleep_ms(1);
	v = rd32(PLX_REG_INTCSR);
	result((cfg_rd16(PCI_STATUS) & PCI_STATUS_REC_MASTER_ABORT) &&
	       (v & PLX_INTCSR_PABORTIA) &&
	       (v & PLX_INTCSR_ABTMASTERS) ==
	       (PLX_INTCSR_ABTMASTERS & ~PLX_INTCSR_DMANOTBM(c)) &&
	       rd32(PLX_REG_PABTADR) == (uint32_t)want,
	       "IOMMU: %s faults: PCI status 0x%04x, INTCSR 0x%08x, PABTADR 0x%08x (want 0x%08x)",
	       what, cfg_rd16(PCI_STATUS), v, rd32(PLX_REG_PABTADR),
	       (uint32_t)want);
	if (!wait_done(c, 200)) {
		wr(PLX_REG_DMACSR(c), PLX_DMACSR_ABORT, 1);
		wait_done(c, 200);
	}
	wr(PLX_REG_DMACSR(c), PLX_DMACSR_CLEARINTR, 1);
	cfg_wr16(PCI_STATUS, PLX_STATUS_ABORTS);
}

static void garbage_regs(int c, int master)
{
	uint32_t mode = (uint32_t)rnd();
	uint32_t dpr = (uint32_t)rnd();

	if (master) {
		/* block mode: reads of guest memory, or writes nowhere */
		mode &= ~PLX_DMAMODE_CHAINEN;
		if (dpr & PLX_DMADPR_XFERL2P)
			wr32(PLX_REG_DMADAC(c), 0x80000000u | (uint32_t)rnd());
		else
			wr32(PLX_REG_DMADAC(c),
			     (rnd() & 1) ? 0 : (uint32_t)rnd());
	} else {
		wr32(PLX_REG_DMADAC(c), (uint32_t)rnd());
	}
	wr32(PLX_REG_DMAMODE(c), mode);
	wr32(PLX_REG_DMAPADR(c), (uint32_t)rnd());
	wr32(PLX_REG_DMALADR(c), (uint32_t)rnd());
	wr32(PLX_REG_DMASIZ(c), (uint32_t)rnd());
	wr32(PLX_REG_DMADPR(c), dpr);
	wr(PLX_REG_DMACSR(c), PLX_DMACSR_ENABLE | PLX_DMACSR_START |
	   (rnd() & PLX_DMACSR_CLEARINTR), 1);
}

int main(int argc, char **argv)
{
	const char *bdf;
	char path[256];
	unsigned int seed = 1, rounds = 2, round, off, i;
	struct page pa, pb, pd;
	uint64_t sum = 0;
	uint32_t v, hid;
	int c, w, fd, ok;
	FILE *f;

	if (argc < 2) {
		fprintf(stderr, "usage: hostile BDF [SEED [ROUNDS]]\n");
		return 2;
	}
	bdf = argv[1];
	if (argc > 2)
		seed = (unsigned int)strtoul(argv[2], NULL, 0);
	if (argc > 3)
		rounds = (unsigned int)strtoul(argv[3], NULL, 0);
	rng = 0x9e3779b97f4a7c15ull ^ seed;
	setvbuf(stdout, NULL, _IOLBF, 0);

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/device", bdf);
	f = fopen(path, "r");
	if (!f || fscanf(f, "%x", &v) != 1) {
		fprintf(stderr, "no PCI device %s\n", bdf);
		printf("Bail out! no PCI device %s\n", bdf);
		return 1;
	}
	fclose(f);
	devid = (uint16_t)v;
	/* PCIHIDR is the hard-wired chip ID, not the loaded device ID */
	hid = (devid == 0x5601 || devid == 0x9056) ? 0x905610b5u : 0x965610b5u;

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/enable", bdf);
	fd = open(path, O_WRONLY);
	if (fd >= 0) {
		if (write(fd, "1", 1) != 1)
			perror("enable");
		close(fd);
	}
	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/config", bdf);
	cfg_fd = open(path, O_RDWR);
	r0 = map_bar(bdf, 0, PLX9656_BAR0_SIZE);
	s2 = map_bar(bdf, 2, PLX9656_SRAM_BAR_SIZE);
	s3 = map_bar(bdf, 3, PLX9656_SRAM_BAR_SIZE);
	ok = cfg_fd >= 0 && r0 && s2 && s3 && !get_page(&pa) && !get_page(&pb) &&
	     !get_page(&pd);
	result(ok, "setup: config, BAR0/2/3 mapped, 3 locked pages");
	if (!ok)
		return tap_done();
	set_master(0);
	wr(PLX_REG_INTCSR + 1, 0, 1);	/* PCI interrupt enable (reset 1) off */
	result(rd32(PLX_REG_PCIHIDR) == hid,
	       "PCIHIDR 0x%08x before (want 0x%08x)", rd32(PLX_REG_PCIHIDR),
	       hid);

	/* ---- 1. bus mastering off: everything, everywhere -------------- */
	for (round = 0; round < rounds; round++) {
		for (w = 1; w <= 4; w *= 2)
			for (off = 0; off + w <= PLX9656_BAR0_SIZE; off++)
				wr(off, (uint32_t)rnd(), w);
		for (c = 0; c < 2; c++)
			garbage_regs(c, 0);
		for (i = 0; i < 64; i++)	/* garbage chains in SRAM */
			*(volatile uint32_t *)
				(s2 + (rnd() % PLX9656_SRAM_BAR_SIZE & ~3u)) =
				(uint32_t)rnd();
		for (c = 0; c < 2; c++) {
			wr32(PLX_REG_DMAMODE(c),
			     (uint32_t)rnd() | PLX_DMAMODE_CHAINEN);
			wr32(PLX_REG_DMADPR(c), (uint32_t)rnd());
			wr(PLX_REG_CNTRL + 3, 0, 1);	/* out of reset */
			wr(PLX_REG_DMACSR(c),
			   PLX_DMACSR_ENABLE | PLX_DMACSR_START, 1);
		}
		sleep_ms(20);
		for (w = 1; w <= 4; w *= 2)
			for (off = 0; off + w <= PLX9656_BAR0_SIZE; off++)
				sum += rd(off, w);
		for (i = 0; i < 256; i++) {	/* SRAM windows, all widths */
			off = (uint32_t)rnd() % PLX9656_SRAM_BAR_SIZE;
			switch (i & 3) {
			case 0: s2[off] = (uint8_t)rnd(); break;
			case 1: *(volatile uint16_t *)(s3 + (off & ~1u)) = (uint16_t)rnd(); break;
			case 2: *(volatile uint32_t *)(s2 + (off & ~3u)) = (uint32_t)rnd(); break;
			default: *(volatile uint64_t *)(s3 + (off & ~7u)) = rnd(); break;
			}
			sum += *(volatile uint64_t *)(s2 + (off & ~7u));
		}
	}
	result(rd32(PLX_REG_PCIHIDR) == hid,
	       "phase 1 (%u rounds of random BAR0 writes, garbage DMA, master off): board answers (sum %016" PRIx64 ")",
	       rounds, sum);

	/* ---- 2. bus mastering on: garbage that cannot hurt the guest -- */
	wr32(PLX_REG_CNTRL, rd32(PLX_REG_CNTRL) & ~PLX_CNTRL_RESET);
	for (c = 0; c < 2; c++)
		quiesce(c);
	set_master(1);
	for (round = 0; round < rounds * 4; round++) {
		for (c = 0; c < 2; c++)
			garbage_regs(c, 1);
		sleep_ms(5);
		for (c = 0; c < 2; c++)
			quiesce(c);
	}
	/* garbage chains in SRAM: PCI->local only, 16 or 32-byte descriptors */
	for (round = 0; round < rounds; round++) {
		for (off = 0; off < PLX9656_SRAM_BAR_SIZE; off += 16) {
			*(volatile uint32_t *)(s2 + off) = (uint32_t)rnd();
			*(volatile uint32_t *)(s2 + off + 4) = (uint32_t)rnd();
			*(volatile uint32_t *)(s2 + off + 8) = (uint32_t)rnd() & 0xffff;
			*(volatile uint32_t *)(s2 + off + 12) =
				((uint32_t)rnd() &
				 ~(PLX_DMADPR_DESCPCI | PLX_DMADPR_XFERL2P));
		}
		for (c = 0; c < 2; c++) {
			wr(PLX_REG_DMACSR(c), PLX_DMACSR_CLEARINTR, 1);
			wr32(PLX_REG_DMAMODE(c),
			     ((uint32_t)rnd() | PLX_DMAMODE_CHAINEN) &
			     ~PLX_DMAMODE_CLRCOUNT & PLX_DMAMODE_RW_MASK);
			wr32(PLX_REG_DMADAC(c), 0);
			wr32(PLX_REG_DMADPR(c), (uint32_t)rnd() &
			     ~(PLX_DMADPR_DESCPCI | PLX_DMADPR_XFERL2P));
			wr(PLX_REG_DMACSR(c),
			   PLX_DMACSR_ENABLE | PLX_DMACSR_START, 1);
		}
		sleep_ms(50);
		for (c = 0; c < 2; c++)
			quiesce(c);
	}
	/* garbage chain in a page we own (descriptor location PCI) */
	for (round = 0; round < rounds; round++) {
		for (off = 0; off < 4096; off += 16) {
			uint32_t *d = (uint32_t *)(pd.va + off);

			d[0] = (uint32_t)rnd();
			d[1] = (uint32_t)rnd();
			d[2] = (uint32_t)rnd() & 0xffff;
			d[3] = ((uint32_t)(pd.pa + (rnd() % 256) * 16) |
				((uint32_t)rnd() & (PLX_DMADPR_CHAINEND |
						    PLX_DMADPR_TCINTR)) |
				PLX_DMADPR_DESCPCI);
		}
		__sync_synchronize();
		wr(PLX_REG_DMACSR(0), PLX_DMACSR_CLEARINTR, 1);
		wr32(PLX_REG_DMAMODE(0),
		     PLX_DMAMODE_WIDTH32 | PLX_DMAMODE_CHAINEN);
		wr32(PLX_REG_DMADAC(0), 0);
		wr32(PLX_REG_DMADPR(0), (uint32_t)pd.pa | PLX_DMADPR_DESCPCI);
		wr(PLX_REG_DMACSR(0), PLX_DMACSR_ENABLE | PLX_DMACSR_START, 1);
		sleep_ms(50);
		quiesce(0);
	}
	/* DMA aimed at the board's own BARs (re-entrancy) */
	for (round = 0; round < rounds; round++) {
		for (off = 0; off < PLX9656_BAR0_SIZE; off += 4)
			*(volatile uint32_t *)(s2 + 0x4000 + off) = (uint32_t)rnd();
		block_dma(0, bar_phys[0], 0x4000, PLX9656_BAR0_SIZE, 1, 0);
		block_dma(1, bar_phys[2] + 0x100, 0x4000, 0x400, round & 1, 0);
		sleep_ms(20);
		wr32(PLX_REG_CNTRL, rd32(PLX_REG_CNTRL) & ~PLX_CNTRL_RESET);
		for (c = 0; c < 2; c++)
			quiesce(c);
		block_dma(0, bar_phys[0], 0x5000, PLX9656_BAR0_SIZE, 0, 0);
		sleep_ms(20);
		quiesce(0);
	}
	result(rd32(PLX_REG_PCIHIDR) == hid,
	       "phase 2 (garbage DMA with bus mastering on, DMA at its own BARs): board answers");

	/* ---- 3. soft reset, then it must still work --------------------- */
	wr32(PLX_REG_CNTRL, rd32(PLX_REG_CNTRL) | PLX_CNTRL_RESET);
	sleep_ms(1);
	wr32(PLX_REG_CNTRL, rd32(PLX_REG_CNTRL) & ~PLX_CNTRL_RESET);
	/* W1C: forget earlier aborts */
	cfg_wr16(PCI_STATUS, PLX_STATUS_ABORTS);
	result(rd32(PLX_REG_PCIHIDR) == hid, "after soft reset: PCIHIDR 0x%08x",
	       rd32(PLX_REG_PCIHIDR));
	result((rd(PLX_REG_DMACSR(0), 1) & PLX_DMACSR_DONE) &&
	       (rd(PLX_REG_DMACSR(1), 1) & PLX_DMACSR_DONE),
	       "after soft reset: both channels idle (DMACSR 0x%02x 0x%02x)",
	       rd(PLX_REG_DMACSR(0), 1), rd(PLX_REG_DMACSR(1), 1));
	v = rd32(PLX_REG_INTCSR);
	result((v & (PLX_INTCSR_DMA0IA | PLX_INTCSR_DMA1IA |
		     PLX_INTCSR_PABORTIA)) == 0 &&
	       (v & PLX_INTCSR_ABTMASTERS) == PLX_INTCSR_ABTMASTERS,
	       "after soft reset: no channel interrupt or abort pending, 27:24 read 1 (INTCSR 0x%08x)", v);
	result(rd32(PLX_REG_DMAMODE(0)) == PLX_DMAMODE_RESET_VALUE &&
	       rd32(PLX_REG_DMAMODE(1)) == PLX_DMAMODE_RESET_VALUE,
	       "after soft reset: DMAMODE0/1 back to 0x83 (0x%08x 0x%08x)",
	       rd32(PLX_REG_DMAMODE(0)), rd32(PLX_REG_DMAMODE(1)));

	sram_fill(s2, 0, PLX9656_SRAM_SIZE, 7);
	result(sram_check(s2, 0, PLX9656_SRAM_SIZE, 7) &&
	       sram_check(s3, 0, PLX9656_SRAM_SIZE, 7),
	       "SRAM: 128 KiB written through BAR2 reads back through BAR2 and BAR3");

	/* behind the IOMMU every DMA of the board faults: a master abort */
	memset(pa.va, 0x5a, 4096);
	sram_fill(s2, 0x1000, 4096, 11);
	iommu_abort(0, "block DMA ch0 SRAM -> our page", pa.pa, pa.pa, 0x1000, 1, 0);
	result(buf_all(pa.va, 4096, 0x5a), "our page untouched by the faulted write");
	sram_fill(s2, 0x8000, 4096, 12);
	buf_fill(pb.va, 4096, 13);
	iommu_abort(1, "block DMA ch1 our page -> SRAM", pb.pa, pb.pa, 0x8000, 0, 0);
	result(sram_check(s2, 0x8000, 4096, 12),
	       "SRAM untouched by the faulted read");
	{
		uint32_t *d = (uint32_t *)pd.va;

		d[0] = (uint32_t)pa.pa;	d[1] = 0x10000; d[2] = 2048;
		d[3] = PLX_DMADPR_DESCPCI | PLX_DMADPR_XFERL2P |
		       PLX_DMADPR_CHAINEND;
		__sync_synchronize();
		iommu_abort(0, "chain ch0, descriptor in our page", pd.pa, 0, 0,
			    0, PLX_DMAMODE_CHAINEN);
	}

	/* master abort with bus mastering off */
	set_master(0);
	block_dma(0, pa.pa, 0, 256, 1, 0);
	ok = wait_done(0, 2000);
	v = rd32(PLX_REG_INTCSR);
	result(ok && (v & PLX_INTCSR_ABTMASTERS) ==
	       (PLX_INTCSR_ABTMASTERS & ~PLX_INTCSR_DMANOTBM(0)) &&
	       (v & PLX_INTCSR_PABORTIA),
	       "bus master off: DMA ends with INTCSR 25 = 0 (DMA0 was the master) and 14 = 1 (INTCSR 0x%08x)", v);
	result(rd32(PLX_REG_PABTADR) == (uint32_t)pa.pa,
	       "PABTADR 0x%08x = the failed address 0x%08x",
	       rd32(PLX_REG_PABTADR), (uint32_t)pa.pa);
	result((cfg_rd16(PCI_STATUS) & PCI_STATUS_REC_MASTER_ABORT) != 0,
	       "PCI status: received master abort set (0x%04x)",
	       cfg_rd16(PCI_STATUS));
	cfg_wr16(PCI_STATUS, PCI_STATUS_REC_MASTER_ABORT);
	v = rd32(PLX_REG_INTCSR);
	result(!(cfg_rd16(PCI_STATUS) & PCI_STATUS_REC_MASTER_ABORT) &&
	       (v & (PLX_INTCSR_ABTMASTERS | PLX_INTCSR_PABORTIA)) ==
	       PLX_INTCSR_ABTMASTERS,
	       "clearing PCI status bit 13 clears INTCSR 14, 27:24 read 1 again (0x%08x)", v);
	set_master(1);
	wr(PLX_REG_DMACSR(0), PLX_DMACSR_CLEARINTR, 1);

	result(rd32(PLX_REG_PCIHIDR) == hid,
	       "the board still answers at the end");
	set_master(0);
	return tap_done();
}
