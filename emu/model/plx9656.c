// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Portable model of the PLX PCI 9656 / 9056 (RDK-LITE boards): BAR0
 * registers, two DMA channels, INTCSR interrupt logic, on-board SRAM, the
 * serial EEPROM and the chip's PCI configuration space.
 *
 * Written from the data-book facts (doc/facts.md §3-4) as corrected by
 * doc/silicon.md, whose source tags ([IS], [CO], [CERN], [SDK], [LX])
 * the register conformance table in emu/tests/test_conformance.c cites row
 * by row. Where those sources leave a point open the model makes a choice,
 * marked "UNCERTAIN" below; the driver must work with either answer.
 *
 * Registers (any 1/2/4-byte access at any offset < 0x200; an access is
 * split into the aligned dwords it touches, each handled once with a byte
 * mask, low dword first; bytes at or beyond 0x200 read 0 / are dropped):
 *   - plain stored R/W: LAS0RR..OPQIM (0x00-0x34), MBOX2-7, DMATHR,
 *     messaging-queue registers 0xC0-0xE8, LAS1RR/LAS1BA/LBRD1/DMDAC/PCIARB.
 *     MBOX0/1 live at 0x78/0x7C and are aliased at 0x40/0x44.
 *     DMAARB (0xAC) is an alias of MARBR (0x08). Reset 0, except what the
 *     serial EEPROM loads (LAS0RR, LAS0BA, MARBR, BIGEND, LBRD0, ...).
 *     OPQIS is stored like the rest (the I2O queues are not modelled).
 *   - reserved offsets (0x38, 0x3C, 0xAA-0xAB, 0xBC, 0xEC, 0x108-0x1FF)
 *     read 0, writes are ignored (logged).
 *   - PCIHIDR (0x70) = 0x965610B5 on a 9656, 0x905610B5 on a 9056,
 *     hard-wired whatever device ID the EEPROM loaded; PCIHREV (0x74) =
 *     the silicon revision (0xBA / 0xAA by default). PABTADR (0x104): the
 *     low 32 bits of the PCI address of the last abort. All read-only.
 *   - P2LDBELL (0x60): a PCI write of 1 sets a bit (0 = no effect); nothing
 *     on the (absent) local side clears it except reset. INTCSR bit 20
 *     (local doorbell active) = P2LDBELL != 0; it goes to LINTo#, not INTA#.
 *   - L2PDBELL (0x64): a PCI write of 1 clears a bit; the local side sets
 *     bits with plx9656_local_doorbell(). INTCSR bit 13 = L2PDBELL != 0.
 *   - INTCSR (0x68), reset 0x0F010100: stored R/W bits 4:0, 6, 12:8,
 *     19:16; bits 5 and 7 (local parity status) W1C, never set here.
 *     Read-only and derived: 13 (doorbell), 14 (PCI abort active = PCI
 *     Status 13:11 not all clear), 15 (LINTi# level), 20 (local doorbell),
 *     21/22 (DMA channel interrupt active, shown whatever the enables), 23
 *     (0), 27:24 ACTIVE LOW "was not the bus master at the last abort":
 *     1 in normal operation, an abort by DMA channel n writes 0 to bit
 *     25+n (and 1 to the other three). UNCERTAIN when they return to 1:
 *     the model keeps them until PCI Status 13:11 are all cleared (W1C in
 *     configuration space), or a reset; writes to INTCSR never change
 *     them. Bit 27 (no abort after 256 retries) is always 1 (no retries
 *     modelled). 31:28: a PCI write to MBOX0-3 sets bit 28+n, only while
 *     bit 3 (mailbox interrupt enable) is 1; UNCERTAIN: clearing bit 3
 *     clears them. Mailbox interrupts go to the local side, never INTA#.
 *   - CNTRL (0x6C), reset 0x000D767E (+ bit 28 when an EEPROM is fitted):
 *     stored bits 15:0, 16, 19:18, 23:22 (UNCERTAIN: not listed read-only,
 *     so R/W), 26:24, 29, 30; W1C 20, 21 (never set here); read-only 17
 *     (GPI: USERi, 0), 27 (EEDO, the EEPROM's data out), 28 (EEPROM
 *     present), 31 (0). Bits 24/25/26 are the Microwire clock, chip select
 *     and data in of the serial EEPROM (below). Bit 29 is R/W; a 0->1
 *     write reloads the configuration from the EEPROM (software writes 1
 *     then 0). Bit 30 (software reset): a 0->1 write resets the local
 *     side: both channels stop at once (no data moved for the segment in
 *     flight, no interrupt, status PLX9656_CHAN_RESET), DMAMODE/PADR/LADR/
 *     SIZ/DPR/DAC/DMATHR/DMACSR and INTCSR return to their reset values,
 *     both doorbells and the mailbox flags clear. UNCERTAIN what else
 *     survives: the model keeps the local configuration (LASx, LBRDx,
 *     MARBR, ...), mailboxes, CNTRL itself and the PCI configuration space
 *     (software follows a reset with an EEPROM reload [SDK, LX]). While
 *     bit 30 stays 1, DMACSR Start is ignored.
 *   - DMAMODE: bits 21:0 stored, 31:22 read 0; reset 0x83 (32-bit local
 *     bus, BTERM# input enable), not loaded from the EEPROM. DMASIZ: bits
 *     22:0 (count) and 31 (valid bit, used in valid mode only) stored,
 *     30:23 read 0. DMAPADR/DMALADR/DMADPR/DMADAC: 32 bits. During and
 *     after a transfer these registers show what the chip loaded
 *     (descriptor contents) and advanced: after a segment PADR(+DAC) += n,
 *     LADR += n (unless LocalAddressMode), SIZ count = 0.
 *   - DMACSR0/1 (0xA8/0xA9) byte registers, reset 0x10: bit 0 Enable
 *     stored; bit 4 Done read-only (1 = idle); Start (1), Abort (2), Clear
 *     interrupt (3) write-only, read 0; 7:5 read 0. A write handles Enable,
 *     then Clear, then Abort, then Start. Start is taken only when Enable
 *     is 1 in the same write, the channel is idle and CNTRL bit 30 is
 *     clear; otherwise it is ignored (logged). Pause: clearing Enable
 *     while the channel runs suspends it (Done stays 0, nothing moves);
 *     setting Enable again resumes it (its segment finishes no earlier
 *     than the resume). Abort on a busy (running or paused) channel stops
 *     it: the segment in flight moves no data, Done becomes 1 and, if
 *     DMAMODE DoneIntEnable, the channel interrupt is raised; on an idle
 *     channel it does nothing. UNCERTAIN what Abort with Enable = 1 does
 *     on silicon; the model stops the channel either way.
 *
 * PCI configuration space (plx9656_config_read/write, see plx9656.h):
 * IDs, class, revision, interrupt pin, min grant/max latency, subsystem
 * IDs from the EEPROM. Command: bits 0-2, 4, 6, 8 R/W, no INTx disable
 * (the chip is PCI 2.2). Status: bit 4 (capability list) 1; bit 5 (66 MHz
 * capable) 1 (UNCERTAIN; both chips run at 66 MHz); no interrupt-status
 * bit 3; bits 8, 11-15 W1C: 13 (received master abort) or 12 (received
 * target abort) set when a DMA access of the chip fails; 11 (signalled
 * target abort), 8, 14, 15 are never set by the model. BARs: 0 = 0x200
 * memory, 1 = 0x100 I/O, 2/3 = 0x20000 memory (UNCERTAIN on silicon: sized
 * by the LASxRR the EEPROM loads; the model keeps the RDK-LITE sizes).
 * Capabilities at 0x34 -> 0x40:
 *   0x40 power management (ID 1, next 0x48): PMC 0x0002 (PM 1.1, D0 and
 *        D3hot only, no PME: UNCERTAIN, the chip may announce D1/D2 and
 *        PME); PMCSR bits 1:0 R/W (writes of D1/D2 are ignored, logged),
 *        No_Soft_Reset 0. In D3hot BAR accesses read all-ones and writes
 *        are dropped (logged), DMA does not progress; D3hot -> D0 is an
 *        internal reset: everything, configuration space included, returns
 *        to its power-on value and the EEPROM is loaded again.
 *   0x48 CompactPCI hot swap (ID 6, next 0x4C): HS_CSR bits 1 (ENUM#
 *        mask) and 3 (LED) R/W, 6/7 (extraction/insertion) W1C, never set.
 *   0x4C VPD (ID 3, next 0): writing the address word at 0x4E with flag
 *        (bit 15) 0 reads 4 bytes of the EEPROM at that byte address into
 *        0x50 and sets the flag; with flag 1 it writes 0x50 to the EEPROM
 *        and clears it. Both complete at once. UNCERTAIN: the address is
 *        the raw EEPROM byte address (modulo 256), and writes below the
 *        BIGEND PROT_AREA boundary (bits 22:16, in dwords) are refused.
 *
 * Serial EEPROM: a 93CS56 (128 x 16 bit, Microwire, 8 address bits of
 * which the top one is ignored) on CNTRL 24 (SK), 25 (CS), 26 (DI), 27
 * (DO). Bits are sampled on the rising SK edge while CS is 1; a command is
 * a start bit 1, a 2-bit opcode and 8 address bits: READ (10: a dummy 0
 * then 16 data bits MSB first, continuing with the next word while CS
 * stays 1), WRITE (01 + 16 bits), ERASE (11), EWEN/EWDS/ERAL/WRAL (00 +
 * 11/00/10/01 in the top address bits). Writes need EWEN (power-on:
 * disabled), complete when CS falls, and DO reads 1 (ready) while CS is 1
 * outside a read. The image is big-endian 16-bit words; a register is
 * stored as high word, low word. Layout (PLX_EE_* in plx9656_regs.h,
 * UNCERTAIN in detail, the 9656 load order as the SDK describes it): ID,
 * class/revision, max lat/min gnt/pin/line, MBOX0, MBOX1, LAS0RR, LAS0BA,
 * MARBR, BIGEND, EROMRR, EROMBA, LBRD0, DMRR, DMLBAM, DMLBAI, DMPBAM,
 * DMCFGA, subsystem IDs, LAS1RR, LAS1BA, LBRD1, hot swap, PCIARB. It is
 * loaded at every reset and on a CNTRL bit 29 reload. An image whose
 * vendor word is 0xFFFF or 0 (blank, or no EEPROM) loads the chip's
 * defaults instead: vendor 0x10B5, device 0x9656/0x9056, class 0x068000,
 * the silicon revision, pin A, everything else 0. The built-in image
 * (plx9656_eeprom_default) is an RDK-LITE's: the configured device and
 * subsystem IDs, class 0x068000, LAS0/LAS1 decoding the SRAM at local 0,
 * PROT_AREA covering the configuration words, a VPD identifier string at
 * byte 0x80.
 *
 * DMA. On Start the channel latches DMAMODE and, at the Start time, loads
 * its first segment: block mode (DMAMODE bit 9 clear) from DMAPADR/
 * DMALADR/DMASIZ/DMADPR (direction DMADPR bit 3, terminal-count interrupt
 * DMADPR bit 2); chained mode from the descriptor at DMADPR & ~0xF, in PCI
 * memory (bit 0 = 1, ops->dma_read, 32-bit address) or in local memory
 * (bit 0 = 0, SRAM). Descriptors: PADR, LADR, SIZ, DPR dwords (16 bytes);
 * with DACChainLoad (bit 18) 32 bytes with PCI-high at +0x10, loaded into
 * DMADAC; otherwise the PCI address high half is DMADAC. A segment's data
 * moves (all at once) when its bus time has elapsed; then, with
 * ClearCountMode, the descriptor's count bits 22:0 are written back as 0
 * (bits 31:23 kept) to where the descriptor came from; with DPR bit 2 the
 * channel interrupt is raised; with DPR bit 1 (or in block mode) the
 * transfer ends: Done = 1 and, if DoneIntEnable, the channel interrupt.
 * Otherwise the next descriptor (DPR & ~0xF, location bit 0) is loaded at
 * the finish time of the previous segment.
 * Valid ("ring") mode (DMAMODE bit 20 with chaining) reorders the
 * descriptor words and adds the valid bit; UNCERTAIN in detail, so the
 * model REJECTS it rather than misparse it: Start is refused with a
 * guest-error log, the channel stays idle (Done 1, status
 * PLX9656_CHAN_REJECTED). In block mode bit 20 has no effect.
 *
 * Timing: one PCI bus shared by both channels (and, with plx9656_set_bus,
 * by other boards), granted per segment in the order segments are loaded
 * (ties: channel 0 first). A segment's grant covers, in one block, its
 * descriptor fetch, its data and its count write-back:
 *     start  = max(load time, bus_free)
 *     finish = start + fetch + gap + ceil(bytes * 10^9 / bandwidth) + wb
 *     bus_free = finish
 *   gap   = arb_gap_ns (a burst's bus idle/turnaround + address phase),
 *           charged for every segment with at least one byte;
 *   fetch = (descriptor in PCI memory, desc_costs on) a PCI memory read:
 *           gap + target_latency_ns + phases(16 or 32 bytes);
 *   wb    = (ClearCountMode, descriptor in PCI memory, desc_costs on) a
 *           posted 4-byte memory write: gap + phases(4), no target latency
 *           (a posted write is taken by the host bridge's buffer);
 *   phases(n) = the bus time of ceil(n / W) whole data phases, W = 8
 *           bytes on a 9656 (64-bit bus), 4 on a 9056 (32-bit):
 *           ceil(ceil(n / W) * W * 10^9 / bandwidth) ns.
 * Descriptors in local memory (SRAM) are fetched and written back over
 * the local bus, which the model does not time (nor the data's local
 * side): they cost no PCI bus time and no delay. Block mode has no
 * descriptor: gap + data.
 * Values (UNCERTAIN: doc/silicon.md and doc/facts.md are silent on
 * them; these are PCI Local Bus Specification 2.2/3.0 figures at 66 MHz,
 * a clock being 15 ns, for a chip that is not the bus parker):
 *   arb_gap_ns = 30 (2 clocks): one idle/turnaround clock between two
 *     transactions (the spec's 1-2) + the address phase (1 clock; DAC
 *     would add one, not modelled). Arbitration itself is hidden behind
 *     the previous transaction, as the spec allows, so costs nothing more.
 *   target_latency_ns = 120 (8 clocks): the spec bounds a target's
 *     initial latency at 16 clocks; a host bridge answering a read from
 *     memory it has at hand does better, so the model takes half the
 *     bound. A real bridge may instead retry (delayed transaction) and
 *     cost more; the figure is an assumption, not a measurement.
 * Not modelled: a long segment broken into several bursts (latency
 * timer, host bridge disconnects at cache-line or 4 KiB boundaries),
 * target latency of the data reads, wait states. A zero-byte segment
 * moves no data (no gap; its fetch/write-back are charged). A segment
 * stopped early (Abort, soft reset) returns its unused bus time if it
 * was the last grant; a stalled or paused segment keeps its grant (the
 * bus time passes, the data never moves). bandwidth = config (0: 528
 * MB/s on a 9656, 264 MB/s on a 9056), changeable at run time like the
 * costs (apply to segments granted afterwards). On a shared bus each
 * board's segments are timed at its own bandwidth and costs (a 32-bit
 * 9056 on a shared 64-bit segment still moves 4 bytes a clock).
 *
 * Local addresses: the SRAM does not decode the address lines above its
 * size, so every local address (data, descriptors, clear-count) is taken
 * modulo sram_size: out-of-range addresses and sizes wrap, never fail.
 * LocalAddressMode: byte i of a segment goes to/comes from local address
 * LADR + (i mod W), W = local bus width from DMAMODE bits 1:0 (1, 2, 4).
 *
 * Errors. A failing host access (ops->dma_read/dma_write non-zero, NULL,
 * or the channel's bit in plx9656_set_master_abort_mask) is an abort: the
 * channel stops there (data already moved stays), PCI Status bit 13
 * (master abort; bit 12 for PLX9656_DMA_TARGET_ABORT) sets, and with it
 * INTCSR 14; INTCSR 25/26 read 0 for the channel that was the master;
 * PABTADR = failing address. UNCERTAIN whether silicon also sets Done on
 * the aborted channel: the model does (Done = 1, channel interrupt if
 * DoneIntEnable). INTA# through INTCSR 10 (and 8). A chain longer than
 * PLX9656_MAX_CHAIN descriptors (a loop or garbage) ends the same way as a
 * master abort (status PLX9656_CHAN_CHAIN_LIMIT), so nothing a guest
 * writes can hang the model. Stall (plx9656_set_stall): a stalled
 * channel's pending step never runs (Done stays 0, no data moves); Abort
 * recovers it; lifting the stall lets it continue (its segment finishes
 * no earlier than the moment the stall is lifted).
 *
 * INTA# = INTCSR 8 AND ( (18 & ch0 active & DMAMODE0 bit 17)
 *                      | (19 & ch1 active & DMAMODE1 bit 17)
 *                      | (9 & 13) | (10 & 14) | (11 & 15) ).
 */
#if defined(PLX9656_PORT_QEMU) && !defined(QEMU_OSDEP_H)
#include "qemu/osdep.h"
#endif
#include "plx9656.h"
#include "plx9656_regs.h"

#define PLX9656_NEVER		((uint64_t)-1)
#define NREGS			(PLX9656_BAR0_SIZE / 4)
#define BOUNCE			256

enum chan_state {
	CH_IDLE = 0,
	CH_LOAD,	/* load the next segment at @due */
	CH_XFER,	/* segment moves its data at @due */
};

struct plx9656_seg {
	uint64_t pci;		/* PCI address (with high half) */
	uint64_t desc;		/* where its descriptor came from */
	uint32_t local;
	uint32_t len;
	uint32_t dpr;		/* next-pointer word / flags */
	uint32_t siz_raw;	/* descriptor count dword as read */
	bool has_desc;
	bool desc_pci;
};

struct plx9656_chan {
	uint32_t mode, padr, ladr, siz, dpr, dac;
	uint32_t mode_l;	/* DMAMODE latched at Start */
	uint32_t walked;	/* descriptors loaded in this transfer */
	uint32_t next;		/* pointer word of the next descriptor */
	uint64_t due;
	uint64_t seg_start;	/* bus grant of the segment in flight */
	struct plx9656_seg seg;
	int state;
	int status;		/* enum plx9656_chan_status when idle */
	bool enable;
	bool int_active;
};

enum mw_state {
	MW_IDLE = 0,	/* waiting for a start bit */
	MW_CMD,		/* shifting in opcode and address */
	MW_READ,	/* shifting data out */
	MW_WDATA,	/* shifting in 16 data bits */
	MW_DONE,	/* command complete; wait for CS to fall */
};

struct plx9656_mw {		/* Microwire side of the serial EEPROM */
	bool cs, sk, do_;
	bool ewen;		/* erase/write enabled */
	bool write_all;
	int state;
	unsigned int nbits;
	uint32_t sr;
	unsigned int addr;	/* word address */
	uint16_t out;
	unsigned int out_bits;
};

struct plx9656 {
	struct plx9656_config cfg;
	struct plx9656_host_ops ops;
	void *opaque;
	uint32_t regs[NREGS];	/* plain stored registers */
	uint32_t intcsr;	/* stored bits */
	uint32_t abt;		/* INTCSR 27:24, active low */
	uint32_t cntrl;		/* stored bits */
	uint16_t chip;		/* 0x9656 or 0x9056 */
	uint8_t chip_rev;
	bool ee_present;
	uint8_t ee[PLX9656_EEPROM_BYTES];
	struct plx9656_mw mw;
	uint8_t pcicfg[PLX9656_CFG_SIZE];
	uint32_t p2ldb, l2pdb;
	uint32_t mbox_flags;	/* INTCSR 31:28 */
	uint64_t bus_own;	/* the board's own bus: bus_free */
	uint64_t *bus_free;	/* &bus_own or a shared plx9656_bus */
	uint64_t bandwidth;
	uint32_t arb_gap_ns;
	uint32_t target_latency_ns;
	bool desc_costs;
	uint64_t sched_when;	/* last value given to ops->schedule */
	struct plx9656_chan ch[2];
	int stall_mask;
	int ma_mask;		/* channels whose DMA accesses master-abort */
	bool lint_in;
	int irq_level;
};

/* ------------------------------------------------------------------ */

static void plx_log(struct plx9656 *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void plx_log(struct plx9656 *s, const char *fmt, ...)
{
	char buf[128];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (s->ops.log)
		s->ops.log(s->opaque, buf);
	else
		PLX9656_PORT_LOG(buf);
}

static uint64_t plx_now(struct plx9656 *s)
{
	return s->ops.now_ns ? s->ops.now_ns(s->opaque) : 0;
}

static uint16_t chip_of(const struct plx9656_config *cfg)
{
	if (cfg->chip == 0x9056 || cfg->chip == 0x9656)
		return cfg->chip;
	if (cfg->device_id == 0x5601 || cfg->device_id == 0x9056 ||
	    cfg->device_id == 0x56c2)
		return 0x9056;
	return 0x9656;
}

static uint64_t default_bw(uint16_t chip)
{
	return chip == 0x9056 ? PLX9656_BW_9056 : PLX9656_BW_9656;
}

static bool in_d3(const struct plx9656 *s)
{
	return (s->pcicfg[PLX_CFG_PMCSR] & PLX_PMCSR_STATE) == 3;
}

static uint16_t pci_status(const struct plx9656 *s)
{
	return (uint16_t)(s->pcicfg[PLX_CFG_STATUS] |
			  (s->pcicfg[PLX_CFG_STATUS + 1] << 8));
}

static uint64_t bus_ns(struct plx9656 *s, uint32_t bytes)
{
	uint64_t bw = s->bandwidth ? s->bandwidth : 1;

	return plx9656_div64((uint64_t)bytes * 1000000000ull + bw - 1, bw);
}

/* Bus time of the whole data phases carrying @bytes (a descriptor or a
 * count write-back): 8 bytes a phase on a 9656, 4 on a 9056.
 */
static uint64_t phases_ns(struct plx9656 *s, uint32_t bytes)
{
	uint32_t w = s->chip == 0x9056 ? 4 : 8;

	return bus_ns(s, (bytes + w - 1) / w * w);
}

/* A busy channel does not progress while stalled, paused or in D3hot. */
static bool stalled(const struct plx9656 *s, int c)
{
	return ((s->stall_mask >> c) & 1) || !s->ch[c].enable || in_d3(s);
}

/* A channel that could not progress (@was_stalled) may again: its
 * pending step happens no earlier than now. */
static void chan_unfreeze(struct plx9656 *s, int c, bool was_stalled)
{
	uint64_t now = plx_now(s);

	if (was_stalled && s->ch[c].state != CH_IDLE && !stalled(s, c) &&
	    s->ch[c].due < now)
		s->ch[c].due = now;
}

static void update_irq(struct plx9656 *s)
{
	uint32_t ic = s->intcsr;
	int c, level = 0;

	if (ic & PLX_INTCSR_PIEN) {
		for (c = 0; c < 2; c++)
			if ((ic & PLX_INTCSR_DMAIEN(c)) && s->ch[c].int_active &&
			    (s->ch[c].mode & PLX_DMAMODE_INTRPCI))
				level = 1;
		if ((ic & PLX_INTCSR_PDBIEN) && s->l2pdb)
			level = 1;
		if ((ic & PLX_INTCSR_PABORTIEN) &&
		    (pci_status(s) & PLX_STATUS_ABORTS))
			level = 1;
		if ((ic & PLX_INTCSR_PLIEN) && s->lint_in)
			level = 1;
	}
	if (level != s->irq_level) {
		s->irq_level = level;
		if (s->ops.set_irq)
			s->ops.set_irq(s->opaque, level);
	}
}

static void resched(struct plx9656 *s, bool force)
{
	uint64_t when = PLX9656_NEVER;
	int c;

	for (c = 0; c < 2; c++)
		if (s->ch[c].state != CH_IDLE && !stalled(s, c) &&
		    s->ch[c].due < when)
			when = s->ch[c].due;
	if (when != s->sched_when || (force && when != PLX9656_NEVER)) {
		s->sched_when = when;
		if (s->ops.schedule)
			s->ops.schedule(s->opaque, when);
	}
}

/* ---- SRAM (local space), wrapping modulo its size ---- */

static uint32_t sram_off(const struct plx9656 *s, uint32_t addr)
{
	return s->cfg.sram_size ? addr % s->cfg.sram_size : 0;
}

static uint8_t sram_get8(const struct plx9656 *s, uint32_t addr)
{
	if (!s->cfg.sram || !s->cfg.sram_size)
		return 0;
	return s->cfg.sram[sram_off(s, addr)];
}

static void sram_put8(struct plx9656 *s, uint32_t addr, uint8_t v)
{
	if (!s->cfg.sram || !s->cfg.sram_size)
		return;
	s->cfg.sram[sram_off(s, addr)] = v;
}

static void sram_get(const struct plx9656 *s, uint32_t addr, uint8_t *buf,
		     uint32_t len)
{
	uint32_t i;

	for (i = 0; i < len; i++)
		buf[i] = sram_get8(s, addr + i);
}

/* ---- host (PCI) accesses: non-zero return = master abort ---- */

/* 0, 1 (master abort) or PLX9656_DMA_TARGET_ABORT */
static int host_ret(int r)
{
	return !r ? 0 : r == PLX9656_DMA_TARGET_ABORT ? r : 1;
}

static int host_read(struct plx9656 *s, int c, uint64_t addr, void *buf,
		     size_t len)
{
	if (!len)
		return 0;
	if (((s->ma_mask >> c) & 1) || !s->ops.dma_read)
		return 1;
	return host_ret(s->ops.dma_read(s->opaque, addr, buf, len));
}

static int host_write(struct plx9656 *s, int c, uint64_t addr,
		      const void *buf, size_t len)
{
	if (!len)
		return 0;
	if (((s->ma_mask >> c) & 1) || !s->ops.dma_write)
		return 1;
	return host_ret(s->ops.dma_write(s->opaque, addr, buf, len));
}

/* ---- channel control ---- */

static void chan_stop(struct plx9656 *s, int c, int status, bool irq)
{
	struct plx9656_chan *ch = &s->ch[c];

	ch->state = CH_IDLE;
	ch->status = status;
	if (irq && (ch->mode_l & PLX_DMAMODE_DONEIEN))
		ch->int_active = true;
}

/*
 * A segment stopped before its bus time elapsed (Abort, soft reset) gives
 * the rest of its bus time back if nothing was granted after it.
 */
static void chan_release_bus(struct plx9656 *s, int c)
{
	struct plx9656_chan *ch = &s->ch[c];
	uint64_t now, back;

	if (ch->state != CH_XFER || *s->bus_free != ch->due)
		return;
	now = plx_now(s);
	back = now > ch->seg_start ? now : ch->seg_start;
	if (back < *s->bus_free)
		*s->bus_free = back;
}

static void chan_master_abort(struct plx9656 *s, int c, uint64_t addr,
			      int status, int kind)
{
	s->pcicfg[PLX_CFG_STATUS + 1] |= (kind == PLX9656_DMA_TARGET_ABORT ?
					  PLX_STATUS_REC_TABORT :
					  PLX_STATUS_REC_MABORT) >> 8;
	s->abt = PLX_INTCSR_ABTMASTERS & ~PLX_INTCSR_DMANOTBM(c);
	s->regs[PLX_REG_PABTADR / 4] = (uint32_t)addr;
	chan_stop(s, c, status, true);
	if (status == PLX9656_CHAN_CHAIN_LIMIT)
		plx_log(s, "DMA%d: chain longer than %u descriptors, aborted",
			c, PLX9656_MAX_CHAIN);
	else
		plx_log(s, "DMA%d: %s abort at 0x%llx", c,
			kind == PLX9656_DMA_TARGET_ABORT ? "target" : "master",
			(unsigned long long)addr);
}

/* PCI bus time of the loaded segment: its descriptor fetch (@dlen bytes,
 * 0 = none or not from PCI), data and count write-back ("Timing").
 */
static uint64_t seg_cost(struct plx9656 *s, int c, uint32_t dlen)
{
	const struct plx9656_chan *ch = &s->ch[c];
	const struct plx9656_seg *sg = &ch->seg;
	uint64_t gap = s->arb_gap_ns, t = 0;

	if (sg->len)
		t += gap + bus_ns(s, sg->len);
	if (!s->desc_costs || !sg->has_desc || !sg->desc_pci)
		return t;
	if (dlen)
		t += gap + s->target_latency_ns + phases_ns(s, dlen);
	if (ch->mode_l & PLX_DMAMODE_CLRCOUNT)
		t += gap + phases_ns(s, 4);
	return t;
}

/* Reserve the (possibly shared) bus for the loaded segment. */
static void seg_reserve(struct plx9656 *s, int c, uint32_t dlen)
{
	struct plx9656_chan *ch = &s->ch[c];
	uint64_t start = ch->due > *s->bus_free ? ch->due : *s->bus_free;

	ch->seg_start = start;
	ch->due = start + seg_cost(s, c, dlen);
	*s->bus_free = ch->due;
	ch->state = CH_XFER;
}

/* Load the next segment (block registers or a descriptor). */
static void chan_load(struct plx9656 *s, int c)
{
	struct plx9656_chan *ch = &s->ch[c];
	struct plx9656_seg *sg = &ch->seg;
	uint8_t d[PLX_DESC_SIZE_DAC];
	uint32_t dlen, ptr;
	uint64_t addr;

	memset(sg, 0, sizeof(*sg));
	if (!(ch->mode_l & PLX_DMAMODE_CHAINEN)) {
		sg->pci = ((uint64_t)ch->dac << 32) | ch->padr;
		sg->local = ch->ladr;
		sg->len = ch->siz & PLX_DMASIZ_MASK;
		sg->dpr = ch->dpr | PLX_DMADPR_CHAINEND;
		seg_reserve(s, c, 0);
		return;
	}
	if (ch->walked >= PLX9656_MAX_CHAIN) {
		chan_master_abort(s, c, ch->next & PLX_DMADPR_NEXT_MASK,
				  PLX9656_CHAN_CHAIN_LIMIT, 1);
		return;
	}
	ch->walked++;
	ptr = ch->next;
	addr = ptr & PLX_DMADPR_NEXT_MASK;
	dlen = (ch->mode_l & PLX_DMAMODE_DACCHAIN) ? PLX_DESC_SIZE_DAC :
						       PLX_DESC_SIZE;
	if (ptr & PLX_DMADPR_DESCPCI) {
		int r = host_read(s, c, addr, d, dlen);

		if (r) {
			chan_master_abort(s, c, addr, PLX9656_CHAN_MASTER_ABORT,
					  r);
			return;
		}
	} else {
		sram_get(s, (uint32_t)addr, d, dlen);
	}
	ch->padr = plx9656_ld_le32(d + PLX_DESC_PADR);
	ch->ladr = plx9656_ld_le32(d + PLX_DESC_LADR);
	sg->siz_raw = plx9656_ld_le32(d + PLX_DESC_SIZ);
	ch->siz = sg->siz_raw & PLX_DMASIZ_MASK;
	ch->dpr = plx9656_ld_le32(d + PLX_DESC_DPR);
	ch->next = ch->dpr;
	if (ch->mode_l & PLX_DMAMODE_DACCHAIN)
		ch->dac = plx9656_ld_le32(d + PLX_DESC_PADR_HIGH);
	sg->pci = ((uint64_t)ch->dac << 32) | ch->padr;
	sg->local = ch->ladr;
	sg->len = ch->siz;
	sg->dpr = ch->dpr;
	sg->desc = addr;
	sg->desc_pci = ptr & PLX_DMADPR_DESCPCI;
	sg->has_desc = true;
	seg_reserve(s, c, dlen);
}

static unsigned int local_width(uint32_t mode)
{
	switch (mode & PLX_DMAMODE_WIDTH_MASK) {
	case 0:
		return 1;
	case 1:
		return 2;
	default:
		return 4;
	}
}

/* Move a segment's data. Returns 0, or the abort kind with *fail = the
 * failing address. */
static int seg_move(struct plx9656 *s, int c, uint64_t *fail)
{
	struct plx9656_chan *ch = &s->ch[c];
	const struct plx9656_seg *sg = &ch->seg;
	bool l2p = sg->dpr & PLX_DMADPR_XFERL2P;
	bool hold = ch->mode_l & PLX_DMAMODE_LACONST;
	unsigned int w = local_width(ch->mode_l);
	uint8_t buf[BOUNCE];
	uint32_t done = 0, n, i, off;
	int r;

	if (!hold && s->cfg.sram && s->cfg.sram_size) {
		/* straight between host memory and SRAM, split at the wrap */
		while (done < sg->len) {
			off = sram_off(s, sg->local + done);
			n = sg->len - done;
			if (n > s->cfg.sram_size - off)
				n = s->cfg.sram_size - off;
			r = l2p ? host_write(s, c, sg->pci + done,
					     s->cfg.sram + off, n) :
				  host_read(s, c, sg->pci + done,
					    s->cfg.sram + off, n);
			if (r) {
				*fail = sg->pci + done;
				return r;
			}
			done += n;
		}
		return 0;
	}
	while (done < sg->len) {
		n = sg->len - done;
		if (n > BOUNCE)
			n = BOUNCE;
		if (l2p) {
			for (i = 0; i < n; i++)
				buf[i] = sram_get8(s, hold ?
					sg->local + (done + i) % w :
					sg->local + done + i);
			r = host_write(s, c, sg->pci + done, buf, n);
			if (r) {
				*fail = sg->pci + done;
				return r;
			}
		} else {
			r = host_read(s, c, sg->pci + done, buf, n);
			if (r) {
				*fail = sg->pci + done;
				return r;
			}
			for (i = 0; i < n; i++)
				sram_put8(s, hold ?
					  sg->local + (done + i) % w :
					  sg->local + done + i, buf[i]);
		}
		done += n;
	}
	return 0;
}

/* The loaded segment's bus time has elapsed: move it and go on. */
static void chan_xfer(struct plx9656 *s, int c)
{
	struct plx9656_chan *ch = &s->ch[c];
	struct plx9656_seg *sg = &ch->seg;
	uint64_t fail = 0, pci;
	uint8_t cnt[4];
	int r = seg_move(s, c, &fail);

	if (r) {
		chan_master_abort(s, c, fail, PLX9656_CHAN_MASTER_ABORT, r);
		return;
	}
	pci = sg->pci + sg->len;
	ch->padr = (uint32_t)pci;
	ch->dac = (uint32_t)(pci >> 32);	/* carries like a 64-bit counter */
	if (!(ch->mode_l & PLX_DMAMODE_LACONST))
		ch->ladr = sg->local + sg->len;
	ch->siz = 0;

	if (sg->has_desc && (ch->mode_l & PLX_DMAMODE_CLRCOUNT)) {
		plx9656_st_le32(cnt, sg->siz_raw & ~PLX_DMASIZ_MASK);
		if (sg->desc_pci) {
			r = host_write(s, c, sg->desc + PLX_DESC_SIZ, cnt, 4);
			if (r) {
				chan_master_abort(s, c, sg->desc + PLX_DESC_SIZ,
						  PLX9656_CHAN_MASTER_ABORT, r);
				return;
			}
		} else {
			int i;

			for (i = 0; i < 4; i++)
				sram_put8(s, (uint32_t)sg->desc +
					  PLX_DESC_SIZ + i, cnt[i]);
		}
	}
	if (sg->dpr & PLX_DMADPR_TCINTR)
		ch->int_active = true;
	if (sg->dpr & PLX_DMADPR_CHAINEND)
		chan_stop(s, c, PLX9656_CHAN_OK, true);
	else
		ch->state = CH_LOAD;	/* due stays = this segment's finish */
}

static void chan_start(struct plx9656 *s, int c)
{
	struct plx9656_chan *ch = &s->ch[c];

	if (ch->state != CH_IDLE) {
		plx_log(s, "DMA%d: Start while busy ignored", c);
		return;
	}
	if (!ch->enable) {
		plx_log(s, "DMA%d: Start without Enable ignored", c);
		return;
	}
	if (s->cntrl & PLX_CNTRL_RESET) {
		plx_log(s, "DMA%d: Start during software reset ignored", c);
		return;
	}
	if ((ch->mode & PLX_DMAMODE_CHAINEN) &&
	    (ch->mode & PLX_DMAMODE_VALIDEN)) {
		plx_log(s, "DMA%d: valid (ring) mode not modelled, Start refused",
			c);
		ch->status = PLX9656_CHAN_REJECTED;
		return;
	}
	ch->mode_l = ch->mode;
	ch->walked = 0;
	ch->next = ch->dpr;
	ch->state = CH_LOAD;
	ch->status = PLX9656_CHAN_BUSY;
	ch->due = plx_now(s);
}

static void dmacsr_write(struct plx9656 *s, int c, uint8_t v)
{
	struct plx9656_chan *ch = &s->ch[c];
	bool was = stalled(s, c);

	ch->enable = v & PLX_DMACSR_ENABLE;
	chan_unfreeze(s, c, was);	/* Enable set again: resume */
	if (v & PLX_DMACSR_CLEARINTR)
		ch->int_active = false;
	if ((v & PLX_DMACSR_ABORT) && ch->state != CH_IDLE) {
		chan_release_bus(s, c);
		chan_stop(s, c, PLX9656_CHAN_ABORTED, true);
	}
	if (v & PLX_DMACSR_START)
		chan_start(s, c);
}

static uint8_t dmacsr_read(const struct plx9656 *s, int c)
{
	const struct plx9656_chan *ch = &s->ch[c];

	return (ch->enable ? PLX_DMACSR_ENABLE : 0) |
	       (ch->state == CH_IDLE ? PLX_DMACSR_DONE : 0);
}

/* Local-side reset: DMA engines, INTCSR, doorbells (CNTRL bit 30). */
static void local_reset(struct plx9656 *s)
{
	int c;

	for (c = 0; c < 2; c++) {
		struct plx9656_chan *ch = &s->ch[c];

		chan_release_bus(s, c);
		memset(ch, 0, sizeof(*ch));
		ch->mode = PLX_DMAMODE_RESET_VALUE;
		ch->state = CH_IDLE;
		ch->status = PLX9656_CHAN_OK;
	}
	s->regs[PLX_REG_DMATHR / 4] = 0;
	s->intcsr = PLX_INTCSR_RESET_VALUE & ~PLX_INTCSR_ABTMASTERS;
	s->abt = PLX_INTCSR_ABTMASTERS;
	s->p2ldb = 0;
	s->l2pdb = 0;
	s->mbox_flags = 0;
}

/* ---- serial EEPROM and configuration space ---- */

static uint32_t ee_get32(const uint8_t *ee, uint32_t off)
{
	return ((uint32_t)ee[off] << 24) | ((uint32_t)ee[off + 1] << 16) |
	       ((uint32_t)ee[off + 2] << 8) | ee[off + 3];
}

static void ee_put32(uint8_t *ee, uint32_t off, uint32_t v)
{
	ee[off] = (uint8_t)(v >> 24);
	ee[off + 1] = (uint8_t)(v >> 16);
	ee[off + 2] = (uint8_t)(v >> 8);
	ee[off + 3] = (uint8_t)v;
}

static uint16_t ee_word(const struct plx9656 *s, unsigned int n)
{
	n &= PLX9656_EEPROM_BYTES / 2 - 1;
	return (uint16_t)((s->ee[2 * n] << 8) | s->ee[2 * n + 1]);
}

static void ee_set_word(struct plx9656 *s, unsigned int n, uint16_t v)
{
	n &= PLX9656_EEPROM_BYTES / 2 - 1;
	s->ee[2 * n] = (uint8_t)(v >> 8);
	s->ee[2 * n + 1] = (uint8_t)v;
}

static void cfg_put(struct plx9656 *s, uint32_t off, uint32_t v,
		    unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		s->pcicfg[off + i] = (uint8_t)(v >> (8 * i));
}

static uint32_t cfg_get(const struct plx9656 *s, uint32_t off, unsigned int n)
{
	uint32_t v = 0;
	unsigned int i;

	for (i = 0; i < n; i++)
		v |= (uint32_t)s->pcicfg[off + i] << (8 * i);
	return v;
}

/* LASxRR for a local space that decodes @size bytes of memory */
static uint32_t range_for(uint32_t size)
{
	uint32_t range;

	if (!size)
		return 0;
	range = size - 1;
	range |= range >> 1;
	range |= range >> 2;
	range |= range >> 4;
	range |= range >> 8;
	range |= range >> 16;
	return ~range;
}

void plx9656_eeprom_default(const struct plx9656_config *cfg, uint8_t *buf)
{
	static const char id[] = "PLX PCI 9656 RDK-LITE (emulated)";
	uint16_t dev = cfg->device_id ? cfg->device_id : chip_of(cfg);
	uint32_t range = range_for(cfg->sram_size), p, n;

	memset(buf, 0xff, PLX9656_EEPROM_BYTES);
	for (p = 0; p < PLX_EE_CONFIG_END; p += 4)
		ee_put32(buf, p, 0);
	ee_put32(buf, PLX_EE_ID, ((uint32_t)dev << 16) | 0x10b5u);
	ee_put32(buf, PLX_EE_CLASSREV, 0x06800000u | cfg->revision);
	ee_put32(buf, PLX_EE_MISC, 0x00000100u);	/* INTA# */
	ee_put32(buf, PLX_EE_LAS0RR, range);
	ee_put32(buf, PLX_EE_LAS0BA, 1);
	ee_put32(buf, PLX_EE_LAS1RR, range);
	ee_put32(buf, PLX_EE_LAS1BA, 1);
	/* VPD writes below the end of the configuration words refused */
	ee_put32(buf, PLX_EE_BIGEND,
		 (PLX_EE_CONFIG_END / 4) << PLX_BIGEND_PROT_SHIFT);
	ee_put32(buf, PLX_EE_SUBSYS,
		 ((uint32_t)(cfg->subsys_id ? cfg->subsys_id : dev) << 16) |
		 (cfg->subsys_vendor_id ? cfg->subsys_vendor_id : 0x10b5u));
	ee_put32(buf, PLX_EE_HSNEXT, PLX_CFG_VPD << 8);
	/* VPD: identifier string (large resource 0x82), end tag */
	p = PLX_EE_VPD_DEFAULT;
	n = sizeof(id) - 1;
	buf[p++] = 0x82;
	buf[p++] = (uint8_t)n;
	buf[p++] = 0;
	memcpy(buf + p, id, n);
	p += n;
	buf[p] = 0x78;
}

/* Load the configuration from the EEPROM (reset, CNTRL bit 29 reload). */
static void ee_load(struct plx9656 *s)
{
	static const struct { uint32_t ee, reg; } map[] = {
		{ PLX_EE_MBOX0, PLX_REG_MBOX0 },   { PLX_EE_MBOX1, PLX_REG_MBOX1 },
		{ PLX_EE_LAS0RR, PLX_REG_LAS0RR }, { PLX_EE_LAS0BA, PLX_REG_LAS0BA },
		{ PLX_EE_MARBR, PLX_REG_MARBR },   { PLX_EE_BIGEND, PLX_REG_BIGEND },
		{ PLX_EE_EROMRR, PLX_REG_EROMRR }, { PLX_EE_EROMBA, PLX_REG_EROMBA },
		{ PLX_EE_LBRD0, PLX_REG_LBRD0 },   { PLX_EE_DMRR, PLX_REG_DMRR },
		{ PLX_EE_DMLBAM, PLX_REG_DMLBAM }, { PLX_EE_DMLBAI, PLX_REG_DMLBAI },
		{ PLX_EE_DMPBAM, PLX_REG_DMPBAM }, { PLX_EE_DMCFGA, PLX_REG_DMCFGA },
		{ PLX_EE_LAS1RR, PLX_REG_LAS1RR }, { PLX_EE_LAS1BA, PLX_REG_LAS1BA },
		{ PLX_EE_LBRD1, PLX_REG_LBRD1 },   { PLX_EE_PCIARB, PLX_REG_PCIARB },
	};
	uint32_t vendor = ee_get32(s->ee, PLX_EE_ID) & 0xffffu;
	unsigned int i;

	if (!s->ee_present || vendor == 0xffffu || vendor == 0) {
		/* blank or absent: the chip's own defaults */
		cfg_put(s, 0, 0x10b5u | ((uint32_t)s->chip << 16), 4);
		cfg_put(s, PLX_CFG_REVISION, 0x06800000u | s->chip_rev, 4);
		cfg_put(s, PLX_CFG_SUBSYS, 0, 4);
		cfg_put(s, PLX_CFG_INTPIN, 0x01, 3);
		for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
			s->regs[map[i].reg / 4] = 0;
		return;
	}
	cfg_put(s, 0, ee_get32(s->ee, PLX_EE_ID), 4);
	cfg_put(s, PLX_CFG_REVISION, ee_get32(s->ee, PLX_EE_CLASSREV), 4);
	cfg_put(s, PLX_CFG_SUBSYS, ee_get32(s->ee, PLX_EE_SUBSYS), 4);
	/* pin, min grant, max latency (the line is the system's) */
	cfg_put(s, PLX_CFG_INTPIN, (ee_get32(s->ee, PLX_EE_MISC) >> 8) & 0xff, 1);
	cfg_put(s, PLX_CFG_INTPIN + 1, (ee_get32(s->ee, PLX_EE_MISC) >> 16) &
		0xffff, 2);
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		s->regs[map[i].reg / 4] = ee_get32(s->ee, map[i].ee);
}

/* Microwire: a new level of CNTRL 24 (SK), 25 (CS), 26 (DI). */
static void ee_pins(struct plx9656 *s, uint32_t cntrl)
{
	struct plx9656_mw *mw = &s->mw;
	bool cs = cntrl & PLX_CNTRL_EECS, sk = cntrl & PLX_CNTRL_EESK;
	bool di = cntrl & PLX_CNTRL_EEDI, rise = sk && !mw->sk;
	unsigned int n;

	mw->sk = sk;
	if (!s->ee_present) {
		mw->do_ = false;
		return;
	}
	if (!cs) {
		mw->cs = false;
		mw->state = MW_IDLE;
		mw->do_ = false;	/* not driven */
		return;
	}
	if (!mw->cs) {
		mw->cs = true;
		mw->state = MW_IDLE;
		mw->do_ = true;		/* ready: writes complete at once */
		return;		/* an edge together with CS is not taken */
	}
	if (!rise)
		return;
	switch (mw->state) {
	case MW_IDLE:
		if (di) {		/* start bit */
			mw->state = MW_CMD;
			mw->nbits = 0;
			mw->sr = 0;
		}
		break;
	case MW_CMD:
		mw->sr = (mw->sr << 1) | di;
		if (++mw->nbits < 10)
			break;
		mw->addr = mw->sr & 0x7f;	/* A7 not decoded */
		mw->state = MW_DONE;
		mw->do_ = true;
		switch (mw->sr >> 8) {
		case 2:		/* READ: dummy 0, then the data */
			mw->state = MW_READ;
			mw->out = ee_word(s, mw->addr);
			mw->out_bits = 16;
			mw->do_ = false;
			break;
		case 1:		/* WRITE */
		case 0:
			if ((mw->sr >> 8) == 0 && ((mw->sr >> 6) & 3) != 1) {
				n = (mw->sr >> 6) & 3;
				if (n == 3)
					mw->ewen = true;
				else if (n == 0)
					mw->ewen = false;
				else if (mw->ewen)	/* ERAL */
					memset(s->ee, 0xff, sizeof(s->ee));
				break;
			}
			mw->write_all = (mw->sr >> 8) == 0;	/* WRAL */
			mw->state = MW_WDATA;
			mw->nbits = 0;
			mw->sr = 0;
			break;
		default:	/* ERASE */
			if (mw->ewen)
				ee_set_word(s, mw->addr, 0xffff);
			break;
		}
		break;
	case MW_READ:
		if (!mw->out_bits) {	/* sequential read */
			mw->addr = (mw->addr + 1) & 0x7f;
			mw->out = ee_word(s, mw->addr);
			mw->out_bits = 16;
		}
		mw->do_ = (mw->out >> 15) & 1;
		mw->out = (uint16_t)(mw->out << 1);
		mw->out_bits--;
		break;
	case MW_WDATA:
		mw->sr = (mw->sr << 1) | di;
		if (++mw->nbits < 16)
			break;
		if (!mw->ewen) {
			plx_log(s, "EEPROM write while write-disabled ignored");
		} else if (mw->write_all) {
			for (n = 0; n < PLX9656_EEPROM_BYTES / 2; n++)
				ee_set_word(s, n, (uint16_t)mw->sr);
		} else {
			ee_set_word(s, mw->addr, (uint16_t)mw->sr);
		}
		mw->state = MW_DONE;
		mw->do_ = true;
		break;
	default:
		break;
	}
}

/* Power-on state of the configuration space; IDs come from ee_load(). */
static void cfg_reset(struct plx9656 *s)
{
	memset(s->pcicfg, 0, sizeof(s->pcicfg));
	cfg_put(s, PLX_CFG_STATUS, PLX_STATUS_CAPLIST | PLX_STATUS_66MHZ, 2);
	s->pcicfg[0x14] = 0x01;			/* BAR1: I/O */
	s->pcicfg[PLX_CFG_CAPPTR] = PLX_CFG_PM;
	cfg_put(s, PLX_CFG_PM, 0x01 | (PLX_CFG_HS << 8), 2);
	cfg_put(s, PLX_CFG_PMC, 0x0002, 2);	/* PM 1.1, D0/D3hot */
	cfg_put(s, PLX_CFG_HS, 0x06 | (PLX_CFG_VPD << 8), 2);
	cfg_put(s, PLX_CFG_VPD, 0x03, 2);
}

/* Writable bits of configuration byte @off (W1C ones: cfg_w1c). */
static uint8_t cfg_wmask(uint32_t off)
{
	static const uint32_t bar[4] = { 0xfffffe00u, 0xffffff00u,
					 0xfffe0000u, 0xfffe0000u };

	if (off >= 0x10 && off < 0x20)
		return (uint8_t)(bar[(off - 0x10) / 4] >> (8 * (off & 3)));
	switch (off) {
	case PLX_CFG_COMMAND:
		return PLX_CMD_RW_MASK & 0xff;
	case PLX_CFG_COMMAND + 1:
		return PLX_CMD_RW_MASK >> 8;
	case 0x0c:		/* cache line size */
	case 0x0d:		/* latency timer */
	case 0x3c:		/* interrupt line */
	case PLX_CFG_VPDADDR:
	case PLX_CFG_VPDADDR + 1:
	case PLX_CFG_VPDDATA:
	case PLX_CFG_VPDDATA + 1:
	case PLX_CFG_VPDDATA + 2:
	case PLX_CFG_VPDDATA + 3:
		return 0xff;
	case PLX_CFG_PMCSR:
		return PLX_PMCSR_STATE;
	case PLX_CFG_HSCSR:
		return 0x0a;	/* ENUM# mask, LED */
	}
	return 0;
}

static uint8_t cfg_w1c(uint32_t off)
{
	if (off == PLX_CFG_STATUS + 1)
		return PLX_STATUS_W1C_MASK >> 8;
	if (off == PLX_CFG_HSCSR)
		return 0xc0;
	return 0;
}

/* A VPD address word was written: run the read or write at once. */
static void vpd_op(struct plx9656 *s)
{
	uint32_t a = cfg_get(s, PLX_CFG_VPDADDR, 2), prot, i;
	uint32_t addr = a & 0x7fffu;

	if (!(a & PLX_VPD_FLAG)) {
		for (i = 0; i < 4; i++)
			s->pcicfg[PLX_CFG_VPDDATA + i] =
				s->ee[(addr + i) % PLX9656_EEPROM_BYTES];
		cfg_put(s, PLX_CFG_VPDADDR, a | PLX_VPD_FLAG, 2);
		return;
	}
	prot = ((s->regs[PLX_REG_BIGEND / 4] & PLX_BIGEND_PROT_MASK) >>
		PLX_BIGEND_PROT_SHIFT) * 4;
	if (addr % PLX9656_EEPROM_BYTES < prot || !s->ee_present)
		plx_log(s, "VPD write at 0x%x refused (write-protected below "
			"0x%x)", addr, prot);
	else
		for (i = 0; i < 4; i++)
			s->ee[(addr + i) % PLX9656_EEPROM_BYTES] =
				s->pcicfg[PLX_CFG_VPDDATA + i];
	cfg_put(s, PLX_CFG_VPDADDR, a & ~PLX_VPD_FLAG, 2);
}

static void chip_reset(struct plx9656 *s);

/* PMCSR power state written: D0 <-> D3hot. */
static void pm_write(struct plx9656 *s, unsigned int old, unsigned int req)
{
	if (req == 1 || req == 2) {
		plx_log(s, "PMCSR: D%u not supported, stays D%u", req, old);
		s->pcicfg[PLX_CFG_PMCSR] = (s->pcicfg[PLX_CFG_PMCSR] &
					    ~PLX_PMCSR_STATE) | old;
		return;
	}
	if (old == 3 && req == 0)	/* No_Soft_Reset = 0: internal reset */
		chip_reset(s);
}

/* ---- register file ---- */

static bool plain_reg(uint32_t off)
{
	return off <= PLX_REG_OPQIM ||
	       (off >= PLX_REG_MBOX2 && off <= PLX_REG_MBOX7) ||
	       off == PLX_REG_MBOX0 || off == PLX_REG_MBOX1 ||
	       off == PLX_REG_DMATHR ||
	       (off >= PLX_REG_MQCR && off <= PLX_REG_QSR) ||
	       (off >= PLX_REG_LAS1RR && off <= PLX_REG_PCIARB);
}

static uint32_t intcsr_read(const struct plx9656 *s)
{
	uint32_t v = s->intcsr | s->mbox_flags | s->abt;

	if (s->l2pdb)
		v |= PLX_INTCSR_PDBIA;
	if (pci_status(s) & PLX_STATUS_ABORTS)
		v |= PLX_INTCSR_PABORTIA;
	if (s->lint_in)
		v |= PLX_INTCSR_PLIA;
	if (s->p2ldb)
		v |= PLX_INTCSR_LDBIA;
	if (s->ch[0].int_active)
		v |= PLX_INTCSR_DMA0IA;
	if (s->ch[1].int_active)
		v |= PLX_INTCSR_DMA1IA;
	return v;
}

static uint32_t alias(uint32_t off)
{
	if (off == PLX_REG_MBOX0_ALT)
		return PLX_REG_MBOX0;
	if (off == PLX_REG_MBOX1_ALT)
		return PLX_REG_MBOX1;
	if (off == PLX_REG_DMAARB)
		return PLX_REG_MARBR;
	return off;
}

static uint32_t reg_read32(struct plx9656 *s, uint32_t off)
{
	struct plx9656_chan *ch;
	int c;

	off = alias(off);
	if (plain_reg(off) || off == PLX_REG_PABTADR)
		return s->regs[off / 4];
	switch (off) {
	case PLX_REG_P2LDBELL:
		return s->p2ldb;
	case PLX_REG_L2PDBELL:
		return s->l2pdb;
	case PLX_REG_INTCSR:
		return intcsr_read(s);
	case PLX_REG_CNTRL:
		return s->cntrl | (s->ee_present ? PLX_CNTRL_EEPRESENT : 0) |
		       (s->mw.do_ ? PLX_CNTRL_EEDO : 0);
	case PLX_REG_PCIHIDR:
		return 0x10b5u | ((uint32_t)s->chip << 16);
	case PLX_REG_PCIHREV:
		return s->chip_rev;
	case PLX_REG_DMACSR0:
		return dmacsr_read(s, 0) | ((uint32_t)dmacsr_read(s, 1) << 8);
	case PLX_REG_DMADAC0:
		return s->ch[0].dac;
	case PLX_REG_DMADAC1:
		return s->ch[1].dac;
	}
	if (off >= PLX_REG_DMAMODE0 && off <= PLX_REG_DMADPR1) {
		c = off >= PLX_REG_DMAMODE1;
		ch = &s->ch[c];
		switch ((off - PLX_REG_DMAMODE(c)) / 4) {
		case 0:
			return ch->mode;
		case 1:
			return ch->padr;
		case 2:
			return ch->ladr;
		case 3:
			return ch->siz;
		default:
			return ch->dpr;
		}
	}
	return 0;	/* reserved */
}

static void merge(uint32_t *r, uint32_t val, uint32_t mask)
{
	*r = (*r & ~mask) | (val & mask);
}

static void reg_write32(struct plx9656 *s, uint32_t off, uint32_t val,
			uint32_t mask)
{
	struct plx9656_chan *ch;
	uint32_t old;
	int c, n;

	off = alias(off);
	if (plain_reg(off)) {
		merge(&s->regs[off / 4], val, mask);
		for (n = 0; n < 4; n++)
			if (off == (uint32_t)PLX_REG_MBOX(n) &&
			    (s->intcsr & PLX_INTCSR_MBOXIEN))
				s->mbox_flags |= PLX_INTCSR_MBOXIA(n);
		return;
	}
	switch (off) {
	case PLX_REG_P2LDBELL:
		s->p2ldb |= val & mask;
		return;
	case PLX_REG_L2PDBELL:
		s->l2pdb &= ~(val & mask);
		return;
	case PLX_REG_INTCSR:
		merge(&s->intcsr, val, mask & PLX_INTCSR_RW_MASK);
		s->intcsr &= ~(val & mask & PLX_INTCSR_W1C_MASK);
		if (!(s->intcsr & PLX_INTCSR_MBOXIEN))
			s->mbox_flags = 0;
		return;
	case PLX_REG_CNTRL:
		old = s->cntrl;
		merge(&s->cntrl, val, mask & PLX_CNTRL_RW_MASK);
		s->cntrl &= ~(val & mask & PLX_CNTRL_W1C_MASK);
		ee_pins(s, s->cntrl);
		if ((s->cntrl & PLX_CNTRL_EERELOAD) &&
		    !(old & PLX_CNTRL_EERELOAD))
			ee_load(s);
		if ((s->cntrl & PLX_CNTRL_RESET) && !(old & PLX_CNTRL_RESET)) {
			for (c = 0; c < 2; c++)
				if (s->ch[c].state != CH_IDLE)
					plx_log(s, "DMA%d: stopped by software reset", c);
			local_reset(s);
			for (c = 0; c < 2; c++)
				s->ch[c].status = PLX9656_CHAN_RESET;
		}
		return;
	case PLX_REG_DMACSR0:
		for (c = 0; c < 2; c++)
			if (mask & (0xffu << (8 * c)))
				dmacsr_write(s, c, (uint8_t)(val >> (8 * c)));
		if (mask & 0xffff0000u)
			plx_log(s, "write to reserved bytes 0xaa-0xab");
		return;
	case PLX_REG_DMADAC0:
		merge(&s->ch[0].dac, val, mask);
		return;
	case PLX_REG_DMADAC1:
		merge(&s->ch[1].dac, val, mask);
		return;
	}
	if (off >= PLX_REG_DMAMODE0 && off <= PLX_REG_DMADPR1) {
		c = off >= PLX_REG_DMAMODE1;
		ch = &s->ch[c];
		switch ((off - PLX_REG_DMAMODE(c)) / 4) {
		case 0:
			merge(&ch->mode, val, mask & PLX_DMAMODE_RW_MASK);
			break;
		case 1:
			merge(&ch->padr, val, mask);
			break;
		case 2:
			merge(&ch->ladr, val, mask);
			break;
		case 3:
			merge(&ch->siz, val, mask & PLX_DMASIZ_RW_MASK);
			break;
		default:
			merge(&ch->dpr, val, mask);
			break;
		}
		return;
	}
	plx_log(s, "write to %s register 0x%03x ignored",
		(off == PLX_REG_PCIHIDR || off == PLX_REG_PCIHREV ||
		 off == PLX_REG_PABTADR) ? "read-only" : "reserved", off);
}

static bool size_ok(struct plx9656 *s, uint32_t off, unsigned int size)
{
	if (size == 1 || size == 2 || size == 4) {
		if (off < PLX9656_BAR0_SIZE)
			return true;
	}
	plx_log(s, "bad register access: offset 0x%x size %u", off, size);
	return false;
}

/* ------------------------------------------------------------------ */
/* public API                                                          */

size_t plx9656_state_size(void)
{
	return sizeof(struct plx9656);
}

void plx9656_init(struct plx9656 *s, const struct plx9656_config *cfg,
		  const struct plx9656_host_ops *ops, void *opaque)
{
	memset(s, 0, sizeof(*s));
	s->cfg = *cfg;
	s->cfg.eeprom_image = NULL;	/* copied below, not kept */
	if (ops)
		s->ops = *ops;
	s->opaque = opaque;
	s->sched_when = PLX9656_NEVER;
	s->chip = chip_of(cfg);
	s->chip_rev = cfg->chip_rev ? cfg->chip_rev :
				      s->chip == 0x9056 ? 0xaa : 0xba;
	s->bandwidth = cfg->bandwidth ? cfg->bandwidth : default_bw(s->chip);
	s->arb_gap_ns = cfg->arb_gap_ns;
	s->target_latency_ns = cfg->target_latency_ns;
	s->desc_costs = cfg->desc_costs != 0;
	s->bus_free = &s->bus_own;
	s->ee_present = cfg->eeprom != PLX9656_EEPROM_NONE;
	if (cfg->eeprom == PLX9656_EEPROM_IMAGE && cfg->eeprom_image)
		memcpy(s->ee, cfg->eeprom_image, sizeof(s->ee));
	else if (cfg->eeprom == PLX9656_EEPROM_DEFAULT)
		plx9656_eeprom_default(cfg, s->ee);
	else
		memset(s->ee, 0xff, sizeof(s->ee));
	plx9656_reset(s);
}

/* Power-on reset of everything but the interrupt output and the schedule */
static void chip_reset(struct plx9656 *s)
{
	memset(s->regs, 0, sizeof(s->regs));
	local_reset(s);
	s->cntrl = PLX_CNTRL_RESET_VALUE;
	memset(&s->mw, 0, sizeof(s->mw));
	/* a shared bus keeps the other boards' grants */
	s->bus_own = 0;
	cfg_reset(s);
	ee_load(s);
}

void plx9656_reset(struct plx9656 *s)
{
	chip_reset(s);
	update_irq(s);
	resched(s, false);
}

static uint32_t all_ones(unsigned int size)
{
	return size >= 4 ? 0xffffffffu : (1u << (8 * size)) - 1;
}

uint32_t plx9656_reg_read(struct plx9656 *s, uint32_t off, unsigned int size)
{
	uint32_t v = 0, o;
	unsigned int i;

	if (!size_ok(s, off, size))
		return 0;
	if (in_d3(s)) {
		plx_log(s, "register read at 0x%x in D3hot", off);
		return all_ones(size);
	}
	for (i = 0; i < size; i++) {
		o = off + i;
		if (o >= PLX9656_BAR0_SIZE)
			break;
		v |= ((reg_read32(s, o & ~3u) >> (8 * (o & 3))) & 0xffu) <<
		     (8 * i);
	}
	return v;
}

void plx9656_reg_write(struct plx9656 *s, uint32_t off, uint32_t val,
		       unsigned int size)
{
	uint32_t o, base = 0, dval = 0, dmask = 0;
	unsigned int i;
	bool have = false;

	if (!size_ok(s, off, size))
		return;
	if (in_d3(s)) {
		plx_log(s, "register write at 0x%x in D3hot dropped", off);
		return;
	}
	for (i = 0; i < size; i++) {
		o = off + i;
		if (o >= PLX9656_BAR0_SIZE)
			break;
		if (have && (o & ~3u) != base) {
			reg_write32(s, base, dval, dmask);
			dval = 0;
			dmask = 0;
		}
		base = o & ~3u;
		have = true;
		dval |= ((val >> (8 * i)) & 0xffu) << (8 * (o & 3));
		dmask |= 0xffu << (8 * (o & 3));
	}
	if (have)
		reg_write32(s, base, dval, dmask);
	update_irq(s);
	resched(s, false);
}

uint64_t plx9656_sram_read(struct plx9656 *s, uint32_t off, unsigned int size)
{
	uint64_t v = 0;
	unsigned int i;

	if (size != 1 && size != 2 && size != 4 && size != 8) {
		plx_log(s, "bad SRAM access size %u", size);
		return 0;
	}
	if (in_d3(s)) {
		plx_log(s, "SRAM read in D3hot");
		return size == 8 ? ~0ull : all_ones(size);
	}
	for (i = 0; i < size; i++)
		v |= (uint64_t)sram_get8(s, off + i) << (8 * i);
	return v;
}

void plx9656_sram_write(struct plx9656 *s, uint32_t off, uint64_t val,
			unsigned int size)
{
	unsigned int i;

	if (size != 1 && size != 2 && size != 4 && size != 8) {
		plx_log(s, "bad SRAM access size %u", size);
		return;
	}
	if (in_d3(s)) {
		plx_log(s, "SRAM write in D3hot dropped");
		return;
	}
	for (i = 0; i < size; i++)
		sram_put8(s, off + i, (uint8_t)(val >> (8 * i)));
}

void plx9656_run(struct plx9656 *s)
{
	uint64_t now = plx_now(s);
	unsigned long steps;
	int c, pick;

	/* Each step loads or finishes a segment; every chain is bounded. */
	for (steps = 0; steps < 4ul * PLX9656_MAX_CHAIN + 16; steps++) {
		pick = -1;
		for (c = 0; c < 2; c++) {
			struct plx9656_chan *ch = &s->ch[c];

			if (ch->state == CH_IDLE || stalled(s, c) ||
			    ch->due > now)
				continue;
			if (pick < 0 || ch->due < s->ch[pick].due)
				pick = c;
		}
		if (pick < 0)
			break;
		if (s->ch[pick].state == CH_LOAD)
			chan_load(s, pick);
		else
			chan_xfer(s, pick);
	}
	update_irq(s);
	resched(s, true);
}

void plx9656_set_stall(struct plx9656 *s, int channel_mask)
{
	bool was[2];
	int c;

	for (c = 0; c < 2; c++)
		was[c] = stalled(s, c);
	s->stall_mask = channel_mask & 3;
	for (c = 0; c < 2; c++)
		chan_unfreeze(s, c, was[c]);
	resched(s, false);
}

void plx9656_set_master_abort(struct plx9656 *s, int on)
{
	s->ma_mask = on ? 3 : 0;
}

void plx9656_set_master_abort_mask(struct plx9656 *s, int channel_mask)
{
	s->ma_mask = channel_mask & 3;
}

int plx9656_master_abort_mask(const struct plx9656 *s)
{
	return s->ma_mask;
}

void plx9656_set_bandwidth(struct plx9656 *s, uint64_t bytes_per_s)
{
	s->bandwidth = bytes_per_s ? bytes_per_s : default_bw(s->chip);
}

void plx9656_set_bus_costs(struct plx9656 *s, uint32_t arb_gap_ns,
			   uint32_t target_latency_ns, int desc_costs)
{
	s->arb_gap_ns = arb_gap_ns;
	s->target_latency_ns = target_latency_ns;
	s->desc_costs = desc_costs != 0;
}

void plx9656_set_bus(struct plx9656 *s, struct plx9656_bus *bus)
{
	s->bus_free = bus ? &bus->free : &s->bus_own;
}

int plx9656_irq_level(const struct plx9656 *s)
{
	return s->irq_level;
}

int plx9656_chan_status(const struct plx9656 *s, int channel)
{
	const struct plx9656_chan *ch = &s->ch[channel & 1];

	return ch->state != CH_IDLE ? PLX9656_CHAN_BUSY : ch->status;
}

void plx9656_set_local_irq(struct plx9656 *s, int level)
{
	s->lint_in = level != 0;
	update_irq(s);
}

void plx9656_local_doorbell(struct plx9656 *s, uint32_t bits)
{
	s->l2pdb |= bits;
	update_irq(s);
}

void plx9656_clear_pci_abort(struct plx9656 *s)
{
	plx9656_config_write(s, PLX_CFG_STATUS, PLX_STATUS_ABORTS, 2);
}

uint32_t plx9656_config_read(struct plx9656 *s, uint32_t off,
			     unsigned int size)
{
	uint32_t v = 0;
	unsigned int i;

	if ((size != 1 && size != 2 && size != 4) || off >= PLX9656_CFG_SIZE ||
	    size > PLX9656_CFG_SIZE - off) {
		plx_log(s, "bad config read: offset 0x%x size %u", off, size);
		return 0;
	}
	for (i = 0; i < size; i++)
		v |= (uint32_t)s->pcicfg[off + i] << (8 * i);
	return v;
}

void plx9656_config_write(struct plx9656 *s, uint32_t off, uint32_t val,
			  unsigned int size)
{
	unsigned int i, pm_old = s->pcicfg[PLX_CFG_PMCSR] & PLX_PMCSR_STATE;
	bool vpd = false, pm = false, status = false;
	uint32_t o;
	uint8_t b, wm;

	if ((size != 1 && size != 2 && size != 4) || off >= PLX9656_CFG_SIZE ||
	    size > PLX9656_CFG_SIZE - off) {
		plx_log(s, "bad config write: offset 0x%x size %u", off, size);
		return;
	}
	for (i = 0; i < size; i++) {
		o = off + i;
		b = (uint8_t)(val >> (8 * i));
		wm = cfg_wmask(o);
		s->pcicfg[o] = (uint8_t)((s->pcicfg[o] & ~wm) | (b & wm));
		s->pcicfg[o] &= (uint8_t)~(b & cfg_w1c(o));
		if (o == PLX_CFG_VPDADDR || o == PLX_CFG_VPDADDR + 1)
			vpd = true;
		if (o == PLX_CFG_PMCSR)
			pm = true;
		if (o == PLX_CFG_STATUS + 1)
			status = true;
	}
	if (status && !(pci_status(s) & PLX_STATUS_ABORTS))
		s->abt = PLX_INTCSR_ABTMASTERS;
	if (vpd)
		vpd_op(s);
	if (pm)
		pm_write(s, pm_old, s->pcicfg[PLX_CFG_PMCSR] & PLX_PMCSR_STATE);
	update_irq(s);
	resched(s, false);
}

int plx9656_power_state(const struct plx9656 *s)
{
	return s->pcicfg[PLX_CFG_PMCSR] & PLX_PMCSR_STATE;
}

void plx9656_eeprom_get(const struct plx9656 *s, uint8_t *buf)
{
	memcpy(buf, s->ee, sizeof(s->ee));
}
