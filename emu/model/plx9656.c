// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Portable model of the PLX PCI 9656 / 9056 (RDK-LITE boards): BAR0
 * registers, two DMA channels, INTCSR interrupt logic, on-board SRAM.
 *
 * Written from the register facts (plx9x5x-facts.md §3-4, anchors §1).
 * Where the data book was not at hand, the model makes a documented choice:
 *
 * Registers (any 1/2/4-byte access at any offset < 0x200; an access is
 * split into the aligned dwords it touches, each handled once with a byte
 * mask, low dword first; bytes at or beyond 0x200 read 0 / are dropped):
 *   - plain stored R/W: LAS0RR..OPQIM (0x00-0x34), MBOX2-7, DMATHR,
 *     messaging-queue registers 0xC0-0xE8, LAS1RR/LAS1BA/LBRD1/DMDAC/PCIARB.
 *     MBOX0/1 live at 0x78/0x7C and are aliased at 0x40/0x44.
 *     DMAARB (0xAC) is an alias of MARBR (0x08).
 *   - reserved offsets (0x38, 0x3C, 0xAA-0xAB, 0xBC, 0xEC, 0x108-0x1FF)
 *     read 0, writes are ignored (logged).
 *   - PCIHIDR = 0x10B5 | device << 16, PCIHREV = revision: read-only.
 *     PABTADR (0x104): read-only, low 32 bits of the last failed DMA
 *     address.
 *   - P2LDBELL (0x60): a PCI write of 1 sets a bit (0 = no effect); nothing
 *     on the (absent) local side clears it except reset. INTCSR bit 20
 *     (local doorbell active) = P2LDBELL != 0; it goes to LINTo#, not INTA#.
 *   - L2PDBELL (0x64): a PCI write of 1 clears a bit; the local side sets
 *     bits with plx9656_local_doorbell(). INTCSR bit 13 = L2PDBELL != 0.
 *   - INTCSR (0x68): stored R/W bits 4:0, 6, 12:8, 19:16. Read-only and
 *     derived: 13 (doorbell), 14 (PCI abort active = any of 26:24), 15
 *     (LINTi# level), 20 (local doorbell), 21/22 (DMA channel interrupt
 *     active, shown whatever the enable/routing), 31:28 (data written to
 *     MBOX0-3 by PCI since reset; mailbox interrupts go to the local side,
 *     never to INTA#). Bits 26:24 "was bus master on abort" are
 *     ACTIVE-HIGH in this model (1 = that master saw the abort) and
 *     write-1-to-clear through INTCSR; the real chip clears them through
 *     the PCI status register in configuration space, which the model does
 *     not own: a host may call plx9656_clear_pci_abort() for that (a
 *     driver's read-modify-write of INTCSR therefore clears them unless
 *     it masks 26:24 out of the value it writes back). Bits
 *     5, 7, 23, 27 read 0. Reset value: 0.
 *   - CNTRL (0x6C): stored bits 16:0, 19:18, 26:24, 31:29; 23:22 and the
 *     input/status bits 17, 20, 21, 27, 28 read 0. Reset 0x0000767E.
 *     Bit 29 (reload config) reads back 0 (no EEPROM; no effect).
 *     Bit 30 (software reset): a 0->1 write resets the local side: both
 *     channels stop at once (no data moved for the segment in flight, no
 *     interrupt, status PLX9656_CHAN_RESET), DMAMODE/PADR/LADR/SIZ/DPR/
 *     DAC/DMATHR/DMACSR and INTCSR (incl. abort bits) return to their
 *     reset values, both doorbells and the mailbox flags clear. Local
 *     configuration (LASx, LBRDx, MARBR, ...), mailboxes and CNTRL itself
 *     are kept. While bit 30 stays 1, DMACSR Start is ignored.
 *   - DMAMODE: bits 21:0 stored, 31:22 read 0; reset 0x3 (32-bit local
 *     bus, as the RDK-LITE EEPROM sets). DMASIZ: bits 22:0 only.
 *     DMAPADR/DMALADR/DMADPR/DMADAC: 32 bits. During and after a transfer
 *     these registers show what the chip loaded (descriptor contents) and
 *     advanced: after a segment PADR(+DAC) += n, LADR += n (unless
 *     LocalAddressMode), SIZ = 0.
 *   - DMACSR0/1 (0xA8/0xA9) byte registers: bit 0 Enable stored; bit 4
 *     Done read-only (1 = idle; 1 after reset); 1, 2, 3 and 7:5 read 0.
 *     A write handles Clear (3: clears the channel's interrupt active),
 *     then Abort (2), then Start (1). Start is taken only when Enable is 1
 *     in the same write, the channel is idle and CNTRL bit 30 is clear;
 *     otherwise it is ignored (logged). Abort (accepted whatever Enable)
 *     on a busy channel stops it: the segment in flight moves no data,
 *     Done becomes 1 and, if DMAMODE DoneIntEnable, the channel interrupt
 *     is raised; on an idle channel it does nothing.
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
 *
 * Timing: one PCI bus shared by both channels, granted per segment in the
 * order segments are loaded (ties: channel 0 first):
 *     start  = max(load time, bus_free)
 *     finish = start + ceil(bytes * 10^9 / bandwidth) ns;  bus_free = finish
 * Descriptor fetches and count write-backs are not charged. A zero-byte
 * segment finishes at its start. A segment stopped early (Abort, soft
 * reset) returns its unused bus time if it was the last grant; a stalled
 * segment keeps its grant (the bus time passes, the data never moves).
 * bandwidth = config (0: 528 MB/s, or 264 MB/s for 0x5601/0x9056/0x56C2),
 * changeable at run time (applies to segments granted afterwards).
 *
 * Local addresses: the SRAM does not decode the address lines above its
 * size, so every local address (data, descriptors, clear-count) is taken
 * modulo sram_size: out-of-range addresses and sizes wrap, never fail.
 * LocalAddressMode: byte i of a segment goes to/comes from local address
 * LADR + (i mod W), W = local bus width from DMAMODE bits 1:0 (1, 2, 4).
 *
 * Errors. A failing host access (ops->dma_read/dma_write non-zero, NULL,
 * or plx9656_set_master_abort on) is a master abort: the channel stops
 * there (data already moved stays), INTCSR 25/26 (and so 14) set, PABTADR
 * = failing address, Done = 1, channel interrupt if DoneIntEnable; INTA#
 * through INTCSR 10 as well. A chain longer than PLX9656_MAX_CHAIN
 * descriptors (a loop or garbage) ends the same way (status
 * PLX9656_CHAN_CHAIN_LIMIT), so nothing a guest writes can hang the model.
 * Stall (plx9656_set_stall): a stalled channel's pending step never runs
 * (Done stays 0, no data moves); Abort recovers it; lifting the stall lets
 * it continue (its segment finishes no earlier than the moment the stall
 * is lifted).
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

struct plx9656 {
	struct plx9656_config cfg;
	struct plx9656_host_ops ops;
	void *opaque;
	uint32_t regs[NREGS];	/* plain stored registers */
	uint32_t intcsr;	/* stored bits + abort bits 26:24 */
	uint32_t cntrl;
	uint32_t p2ldb, l2pdb;
	uint32_t mbox_flags;	/* INTCSR 31:28 */
	uint64_t bus_free;
	uint64_t bandwidth;
	uint64_t sched_when;	/* last value given to ops->schedule */
	struct plx9656_chan ch[2];
	int stall_mask;
	bool master_abort;
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

static uint64_t default_bw(uint16_t dev)
{
	if (dev == 0x5601 || dev == 0x9056 || dev == 0x56c2)
		return PLX9656_BW_9056;
	return PLX9656_BW_9656;
}

static uint64_t bus_ns(struct plx9656 *s, uint32_t bytes)
{
	uint64_t bw = s->bandwidth ? s->bandwidth : 1;

	return plx9656_div64((uint64_t)bytes * 1000000000ull + bw - 1, bw);
}

static bool stalled(const struct plx9656 *s, int c)
{
	return (s->stall_mask >> c) & 1;
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
		if ((ic & PLX_INTCSR_PABORTIEN) && (ic & PLX_INTCSR_W1C_MASK))
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

static int host_read(struct plx9656 *s, uint64_t addr, void *buf, size_t len)
{
	if (!len)
		return 0;
	if (s->master_abort || !s->ops.dma_read)
		return -1;
	return s->ops.dma_read(s->opaque, addr, buf, len) ? -1 : 0;
}

static int host_write(struct plx9656 *s, uint64_t addr, const void *buf,
		      size_t len)
{
	if (!len)
		return 0;
	if (s->master_abort || !s->ops.dma_write)
		return -1;
	return s->ops.dma_write(s->opaque, addr, buf, len) ? -1 : 0;
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

	if (ch->state != CH_XFER || s->bus_free != ch->due)
		return;
	now = plx_now(s);
	back = now > ch->seg_start ? now : ch->seg_start;
	if (back < s->bus_free)
		s->bus_free = back;
}

static void chan_master_abort(struct plx9656 *s, int c, uint64_t addr,
			      int status)
{
	s->intcsr |= PLX_INTCSR_DMAWASBM(c);
	s->regs[PLX_REG_PABTADR / 4] = (uint32_t)addr;
	chan_stop(s, c, status, true);
	if (status == PLX9656_CHAN_CHAIN_LIMIT)
		plx_log(s, "DMA%d: chain longer than %u descriptors, aborted",
			c, PLX9656_MAX_CHAIN);
	else
		plx_log(s, "DMA%d: master abort at 0x%llx", c,
			(unsigned long long)addr);
}

/* Reserve the shared bus for the loaded segment. */
static void seg_reserve(struct plx9656 *s, int c)
{
	struct plx9656_chan *ch = &s->ch[c];
	uint64_t start = ch->due > s->bus_free ? ch->due : s->bus_free;

	ch->seg_start = start;
	ch->due = start + bus_ns(s, ch->seg.len);
	s->bus_free = ch->due;
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
		seg_reserve(s, c);
		return;
	}
	if (ch->walked >= PLX9656_MAX_CHAIN) {
		chan_master_abort(s, c, ch->next & PLX_DMADPR_NEXT_MASK,
				  PLX9656_CHAN_CHAIN_LIMIT);
		return;
	}
	ch->walked++;
	ptr = ch->next;
	addr = ptr & PLX_DMADPR_NEXT_MASK;
	dlen = (ch->mode_l & PLX_DMAMODE_DACCHAIN) ? PLX_DESC_SIZE_DAC :
						       PLX_DESC_SIZE;
	if (ptr & PLX_DMADPR_DESCPCI) {
		if (host_read(s, addr, d, dlen)) {
			chan_master_abort(s, c, addr, PLX9656_CHAN_MASTER_ABORT);
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
	seg_reserve(s, c);
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

/* Move a segment's data. Returns 0, or -1 with *fail = failing address. */
static int seg_move(struct plx9656 *s, int c, uint64_t *fail)
{
	struct plx9656_chan *ch = &s->ch[c];
	const struct plx9656_seg *sg = &ch->seg;
	bool l2p = sg->dpr & PLX_DMADPR_XFERL2P;
	bool hold = ch->mode_l & PLX_DMAMODE_LACONST;
	unsigned int w = local_width(ch->mode_l);
	uint8_t buf[BOUNCE];
	uint32_t done = 0, n, i, off;

	if (!hold && s->cfg.sram && s->cfg.sram_size) {
		/* straight between host memory and SRAM, split at the wrap */
		while (done < sg->len) {
			off = sram_off(s, sg->local + done);
			n = sg->len - done;
			if (n > s->cfg.sram_size - off)
				n = s->cfg.sram_size - off;
			if (l2p ? host_write(s, sg->pci + done,
					     s->cfg.sram + off, n) :
				  host_read(s, sg->pci + done,
					    s->cfg.sram + off, n)) {
				*fail = sg->pci + done;
				return -1;
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
			if (host_write(s, sg->pci + done, buf, n)) {
				*fail = sg->pci + done;
				return -1;
			}
		} else {
			if (host_read(s, sg->pci + done, buf, n)) {
				*fail = sg->pci + done;
				return -1;
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

	if (seg_move(s, c, &fail)) {
		chan_master_abort(s, c, fail, PLX9656_CHAN_MASTER_ABORT);
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
			if (host_write(s, sg->desc + PLX_DESC_SIZ, cnt, 4)) {
				chan_master_abort(s, c, sg->desc + PLX_DESC_SIZ,
						  PLX9656_CHAN_MASTER_ABORT);
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

	ch->enable = v & PLX_DMACSR_ENABLE;
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
	s->intcsr = 0;
	s->p2ldb = 0;
	s->l2pdb = 0;
	s->mbox_flags = 0;
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
	uint32_t v = s->intcsr | s->mbox_flags;

	if (s->l2pdb)
		v |= PLX_INTCSR_PDBIA;
	if (v & PLX_INTCSR_W1C_MASK)
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
		return s->cntrl;
	case PLX_REG_PCIHIDR:
		return 0x10b5u | ((uint32_t)s->cfg.device_id << 16);
	case PLX_REG_PCIHREV:
		return s->cfg.revision;
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
			if (off == (uint32_t)PLX_REG_MBOX(n))
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
		return;
	case PLX_REG_CNTRL:
		old = s->cntrl;
		merge(&s->cntrl, val, mask & PLX_CNTRL_RW_MASK);
		s->cntrl &= ~PLX_CNTRL_EERELOAD;
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
			merge(&ch->siz, val, mask & PLX_DMASIZ_MASK);
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
	if (ops)
		s->ops = *ops;
	s->opaque = opaque;
	s->sched_when = PLX9656_NEVER;
	s->bandwidth = cfg->bandwidth ? cfg->bandwidth :
					default_bw(cfg->device_id);
	plx9656_reset(s);
}

void plx9656_reset(struct plx9656 *s)
{
	uint32_t range = 0;

	memset(s->regs, 0, sizeof(s->regs));
	local_reset(s);
	s->cntrl = PLX_CNTRL_RESET_VALUE;
	s->lint_in = false;
	s->bus_free = 0;
	/* Local spaces 0 and 1 both decode the SRAM at local address 0. */
	if (s->cfg.sram_size) {
		range = s->cfg.sram_size - 1;
		range |= range >> 1;
		range |= range >> 2;
		range |= range >> 4;
		range |= range >> 8;
		range |= range >> 16;
		range = ~range;
	}
	s->regs[PLX_REG_LAS0RR / 4] = range;
	s->regs[PLX_REG_LAS1RR / 4] = range;
	s->regs[PLX_REG_LAS0BA / 4] = 1;
	s->regs[PLX_REG_LAS1BA / 4] = 1;
	update_irq(s);
	resched(s, false);
}

uint32_t plx9656_reg_read(struct plx9656 *s, uint32_t off, unsigned int size)
{
	uint32_t v = 0, o;
	unsigned int i;

	if (!size_ok(s, off, size))
		return 0;
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
	uint64_t now = plx_now(s);
	int c;

	for (c = 0; c < 2; c++)
		if (stalled(s, c) && !((channel_mask >> c) & 1) &&
		    s->ch[c].state != CH_IDLE && s->ch[c].due < now)
			s->ch[c].due = now;
	s->stall_mask = channel_mask & 3;
	resched(s, false);
}

void plx9656_set_master_abort(struct plx9656 *s, int on)
{
	s->master_abort = on != 0;
}

void plx9656_set_bandwidth(struct plx9656 *s, uint64_t bytes_per_s)
{
	s->bandwidth = bytes_per_s ? bytes_per_s :
				     default_bw(s->cfg.device_id);
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
	s->intcsr &= ~PLX_INTCSR_W1C_MASK;
	update_irq(s);
}
