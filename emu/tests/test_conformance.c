// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Register conformance table of the PLX 9656 board model: one row per
 * register field, checked against the model by one walk. This is the
 * place to compare the model with the data book.
 *
 * Each row: where (BAR0 register or PCI configuration space), offset,
 * access width, field mask, value after a power-on reset, access type,
 * side effects, and (comment) the public source of the row, with the tags
 * of doc/silicon.md ("Source tags"):
 *   [IS]   Instrumental Systems' plx9x56.h (readable, writable, reset)
 *   [CO]   Linux drivers/comedi/drivers/plx9080.h (9080 family)
 *   [CERN] CERN's plx9656_layout.h (bit names)
 *   [SDK]  PLX/Broadcom SDK register tables and chip code for the 9656
 *   [LX]   Linux drivers/net/can/sja1000/plx_pci.c (9056 reset)
 *   [SI n] doc/silicon.md itself, its §n, where it summarises
 *   [PCI]  the PCI Local Bus / PCI PM specifications (capability headers)
 *   [MODEL] no source settles it: the model's documented choice
 *          (UNCERTAIN in emu/model/plx9656.c)
 *
 * The walk, per row, on a freshly reset board (the default RDK-LITE
 * EEPROM image, device ID 0x9601):
 *   1. read: the field equals the reset value;
 *   2. optional prep: drive the field away from its reset value the way
 *      the chip would (an abort, a doorbell, a running transfer) and check
 *      the value it then shows;
 *   3. write ones into the field (read-modify-write of the register);
 *      read back: RW -> ones, RO -> unchanged, W1C/WO/SC -> 0;
 *   4. write zeros into the field; read back: RW -> 0, RO -> unchanged,
 *      W1C -> what step 3 left, WO/SC -> 0.
 * Rows marked .expect override steps 3/4 (the VPD flag).
 * conformance/coverage checks that the rows of each listed register cover
 * every one of its bits exactly once.
 */
#include "emu_test.h"

enum acc { RW, RO, W1C, WO, SC };
enum where { BAR0, CFG };

struct row {
	const char *name;
	int where;
	uint32_t off;
	unsigned int width;
	uint32_t mask;
	uint32_t reset;
	int acc;
	const char *effects;
	void (*prep)(void);
	uint32_t prep_val;	/* field value after prep (bits in place) */
	int expect;		/* 1: use exp1/exp0 for steps 3/4 */
	uint32_t exp1, exp0;
};

static const char *const acc_name[] = { "RW", "RO", "W1C", "WO", "SC" };

/* ---- preps: make the chip move a field ---- */

static void go_block(int c, uint64_t pci, uint32_t len, uint32_t mode)
{
	wr32(PLX_REG_DMAMODE(c), PLX_DMAMODE_RESET_VALUE | mode);
	wr32(PLX_REG_DMAPADR(c), (uint32_t)pci);
	wr32(PLX_REG_DMALADR(c), 0);
	wr32(PLX_REG_DMASIZ(c), len);
	wr32(PLX_REG_DMADPR(c), 0);
	wr8(PLX_REG_DMACSR(c), PLX_DMACSR_ENABLE | PLX_DMACSR_START);
}

static void prep_abort(int c)
{
	plx9656_set_master_abort_mask(F.s, 1 << c);
	go_block(c, MEM_BASE + 0x120, 64, 0);
	run_all();
}

static void prep_abort0(void) { prep_abort(0); }
static void prep_abort1(void) { prep_abort(1); }

static void prep_tabort(void)
{
	F.target_abort = 1;
	go_block(0, 0x1000, 64, 0);	/* outside the fake memory */
	run_all();
}

static void prep_doorbell(void) { plx9656_local_doorbell(F.s, 1); }
static void prep_lint(void) { plx9656_set_local_irq(F.s, 1); }
static void prep_p2ldb(void) { wr32(PLX_REG_P2LDBELL, 1); }

static void prep_done(int c)
{
	go_block(c, MEM_BASE, 16, PLX_DMAMODE_DONEIEN);
	run_all();
}

static void prep_done0(void) { prep_done(0); }
static void prep_done1(void) { prep_done(1); }

static void prep_busy0(void) { go_block(0, MEM_BASE, 4096, 0); }
static void prep_busy1(void) { go_block(1, MEM_BASE, 4096, 0); }

static void prep_mbox(void)
{
	int n;

	wr32(PLX_REG_INTCSR, rd32(PLX_REG_INTCSR) | PLX_INTCSR_MBOXIEN);
	for (n = 0; n < 4; n++)
		wr32(PLX_REG_MBOX(n), 0x100 + n);
}

/* ---- the table ---- */

#define B(n)		(1u << (n))
#define BITS(h, l)	((uint32_t)((((uint64_t)1 << ((h) + 1)) - 1) & \
				    ~((1ull << (l)) - 1)))

#define R(nm, wh, o, w, m, rst, a, fx) \
	{ .name = nm, .where = wh, .off = o, .width = w, .mask = m, \
	  .reset = rst, .acc = a, .effects = fx }
#define RP(nm, wh, o, w, m, rst, a, fx, p, pv) \
	{ .name = nm, .where = wh, .off = o, .width = w, .mask = m, \
	  .reset = rst, .acc = a, .effects = fx, .prep = p, .prep_val = pv }

/* The DMA registers of channel c, as rows (DMAMODE, PADR, LADR, SIZ, DPR) */
#define DMA_ROWS(c)							\
	/* [IS, CO] DMAMODE 1:0 local bus width (11 = 32 bit), reset 11 */ \
	R("DMAMODE" #c " 1:0 width", BAR0, PLX_REG_DMAMODE(c), 4,	\
	  BITS(1, 0), 3, RW, "local bus width of the transfer"),	\
	/* [IS, CO] 5:2 wait states, 6 READY# input enable */		\
	R("DMAMODE" #c " 6:2 waits/READY#", BAR0, PLX_REG_DMAMODE(c), 4, \
	  BITS(6, 2), 0, RW, "stored"),					\
	/* [IS, SI 3] 7 BTERM# input enable, reset 1 */		\
	R("DMAMODE" #c " 7 BTERM#", BAR0, PLX_REG_DMAMODE(c), 4, B(7),	\
	  B(7), RW, "stored"),						\
	/* [IS, CO] 8 burst, 9 chaining, 10 done int enable, 11 local	\
	 * address constant, 12 demand, 13-15 write-invalidate/EOT/stop, \
	 * 16 clear count, 17 interrupt to PCI, 18 DAC chain load, 19	\
	 * EOT end link */						\
	R("DMAMODE" #c " 19:8 modes", BAR0, PLX_REG_DMAMODE(c), 4,	\
	  BITS(19, 8), 0, RW,						\
	  "latched at Start: 9 chained, 10 Done interrupt, 11 hold local, " \
	  "16 clear count, 17 INTA#, 18 32-byte descriptors"),		\
	/* [IS, CERN] 20 valid mode enable, 21 valid stop control */	\
	R("DMAMODE" #c " 21:20 valid mode", BAR0, PLX_REG_DMAMODE(c), 4, \
	  BITS(21, 20), 0, RW,						\
	  "chained Start with 20 set is refused (logged): ring mode not " \
	  "modelled"),							\
	/* [IS, SI 4] 31:22 reserved, RO 0 */				\
	R("DMAMODE" #c " 31:22 reserved", BAR0, PLX_REG_DMAMODE(c), 4,	\
	  BITS(31, 22), 0, RO, "none"),					\
	/* [IS, CO] PCI address, local address */			\
	R("DMAPADR" #c, BAR0, PLX_REG_DMAPADR(c), 4, 0xffffffffu, 0, RW, \
	  "block-mode PCI address; shows the current address"),	\
	R("DMALADR" #c, BAR0, PLX_REG_DMALADR(c), 4, 0xffffffffu, 0, RW, \
	  "block-mode local address; shows the current address"),	\
	/* [IS, CO] DMASIZ 22:0 count, 31 valid bit [IS, CERN] */	\
	R("DMASIZ" #c " 22:0 count", BAR0, PLX_REG_DMASIZ(c), 4,	\
	  BITS(22, 0), 0, RW, "byte count; 0 after a segment"),	\
	R("DMASIZ" #c " 30:23 reserved", BAR0, PLX_REG_DMASIZ(c), 4,	\
	  BITS(30, 23), 0, RO, "none"),					\
	R("DMASIZ" #c " 31 valid", BAR0, PLX_REG_DMASIZ(c), 4, B(31), 0, \
	  RW, "valid bit, meaningful in valid mode only"),		\
	/* [IS, CO] DMADPR 0 descriptor in PCI space, 1 end of chain, 2	\
	 * interrupt after terminal count, 3 local->PCI, 31:4 next */	\
	R("DMADPR" #c " 0 desc in PCI", BAR0, PLX_REG_DMADPR(c), 4, B(0), \
	  0, RW, "first descriptor location (chained)"),		\
	R("DMADPR" #c " 1 end of chain", BAR0, PLX_REG_DMADPR(c), 4,	\
	  B(1), 0, RW, "stored (block mode ends after one segment)"),	\
	R("DMADPR" #c " 2 TC interrupt", BAR0, PLX_REG_DMADPR(c), 4,	\
	  B(2), 0, RW, "channel interrupt after the segment"),		\
	R("DMADPR" #c " 3 direction", BAR0, PLX_REG_DMADPR(c), 4, B(3), \
	  0, RW, "1 = local to PCI"),					\
	R("DMADPR" #c " 31:4 next", BAR0, PLX_REG_DMADPR(c), 4,	\
	  BITS(31, 4), 0, RW, "first descriptor address (chained)"),	\
	/* [IS, CO, SI 4] DMACSR byte: 0 Enable RW, 1 Start WO, 2 Abort	\
	 * WO, 3 Clear interrupt WO, 4 Done RO reset 1, 7:5 RO 0 */	\
	R("DMACSR" #c " 0 Enable", BAR0, PLX_REG_DMACSR(c), 1, B(0), 0, \
	  RW, "clearing it pauses a running channel, setting resumes"),	\
	R("DMACSR" #c " 1 Start", BAR0, PLX_REG_DMACSR(c), 1, B(1), 0, WO, \
	  "starts the channel when Enable is 1 in the same write"),	\
	R("DMACSR" #c " 2 Abort", BAR0, PLX_REG_DMACSR(c), 1, B(2), 0, WO, \
	  "stops a busy channel: Done 1, Done interrupt"),		\
	R("DMACSR" #c " 3 Clear int", BAR0, PLX_REG_DMACSR(c), 1, B(3), 0, \
	  WO, "clears the channel interrupt (INTCSR 21/22)"),		\
	RP("DMACSR" #c " 4 Done", BAR0, PLX_REG_DMACSR(c), 1, B(4), B(4), \
	   RO, "0 while the channel is busy", prep_busy##c, 0),	\
	R("DMACSR" #c " 7:5 reserved", BAR0, PLX_REG_DMACSR(c), 1,	\
	  BITS(7, 5), 0, RO, "none")

static const struct row table[] = {
	/* ---- INTCSR 0x68, reset 0x0F010100 [IS] ---- */
	/* [IS, CO] 0-3 local LSERR#/parity/SERR/mailbox enables, 4 */
	R("INTCSR 2:0 LSERR#/parity/SERR enables", BAR0, PLX_REG_INTCSR, 4,
	  BITS(2, 0), 0, RW, "stored (no parity errors modelled)"),
	/* [IS, CO] 3 mailbox interrupt enable */
	R("INTCSR 3 mailbox int enable", BAR0, PLX_REG_INTCSR, 4, B(3), 0, RW,
	  "PCI writes to MBOX0-3 set 31:28 only while 1; clearing clears "
	  "them [MODEL]"),
	R("INTCSR 4 power management int enable", BAR0, PLX_REG_INTCSR, 4,
	  B(4), 0, RW, "stored"),
	/* [IS, SI 4] 5 and 7 W1C (local parity status) */
	R("INTCSR 5 parity status", BAR0, PLX_REG_INTCSR, 4, B(5), 0, W1C,
	  "never set by the model"),
	R("INTCSR 6 local parity int enable", BAR0, PLX_REG_INTCSR, 4, B(6),
	  0, RW, "stored"),
	R("INTCSR 7 parity status", BAR0, PLX_REG_INTCSR, 4, B(7), 0, W1C,
	  "never set by the model"),
	/* [IS, SI 3] 8 PCI interrupt enable, reset 1 */
	R("INTCSR 8 PCI int enable", BAR0, PLX_REG_INTCSR, 4, B(8), B(8), RW,
	  "gates INTA#"),
	/* [IS, CO, SI 5] 9 doorbell, 10 abort, 11 local input enables */
	R("INTCSR 9 doorbell int enable", BAR0, PLX_REG_INTCSR, 4, B(9), 0,
	  RW, "INTA# with 13"),
	R("INTCSR 10 abort int enable", BAR0, PLX_REG_INTCSR, 4, B(10), 0,
	  RW, "INTA# with 14"),
	R("INTCSR 11 local input enable", BAR0, PLX_REG_INTCSR, 4, B(11), 0,
	  RW, "INTA# with 15"),
	R("INTCSR 12 retry abort enable", BAR0, PLX_REG_INTCSR, 4, B(12), 0,
	  RW, "stored"),
	/* [IS, CO, SI 4] 13-15 RO status */
	RP("INTCSR 13 doorbell active", BAR0, PLX_REG_INTCSR, 4, B(13), 0, RO,
	   "L2PDBELL != 0", prep_doorbell, B(13)),
	RP("INTCSR 14 PCI abort active", BAR0, PLX_REG_INTCSR, 4, B(14), 0,
	   RO, "PCI Status 13:11 not all 0", prep_abort0, B(14)),
	RP("INTCSR 15 local input active", BAR0, PLX_REG_INTCSR, 4, B(15), 0,
	   RO, "LINTi# level", prep_lint, B(15)),
	/* [IS, SI 3] 16 local int output enable, reset 1; 17-19 */
	R("INTCSR 16 local int output enable", BAR0, PLX_REG_INTCSR, 4, B(16),
	  B(16), RW, "stored (LINTo# not modelled)"),
	R("INTCSR 17 local doorbell int enable", BAR0, PLX_REG_INTCSR, 4,
	  B(17), 0, RW, "stored (local side)"),
	R("INTCSR 18 DMA0 int enable", BAR0, PLX_REG_INTCSR, 4, B(18), 0, RW,
	  "INTA# with 21 and DMAMODE0 17"),
	R("INTCSR 19 DMA1 int enable", BAR0, PLX_REG_INTCSR, 4, B(19), 0, RW,
	  "INTA# with 22 and DMAMODE1 17"),
	/* [IS, CO, SI 4] 20-23 RO status */
	RP("INTCSR 20 local doorbell active", BAR0, PLX_REG_INTCSR, 4, B(20),
	   0, RO, "P2LDBELL != 0", prep_p2ldb, B(20)),
	RP("INTCSR 21 DMA0 int active", BAR0, PLX_REG_INTCSR, 4, B(21), 0, RO,
	   "cleared by DMACSR0 Clear", prep_done0, B(21)),
	RP("INTCSR 22 DMA1 int active", BAR0, PLX_REG_INTCSR, 4, B(22), 0, RO,
	   "cleared by DMACSR1 Clear", prep_done1, B(22)),
	R("INTCSR 23 BIST int active", BAR0, PLX_REG_INTCSR, 4, B(23), 0, RO,
	  "never set (no BIST)"),
	/* [IS, CERN, CO, SI 1] 24-27 active low, RO, reset 1 */
	R("INTCSR 24 direct master not abort master", BAR0, PLX_REG_INTCSR, 4,
	  B(24), B(24), RO, "no direct master modelled"),
	RP("INTCSR 25 DMA0 not abort master", BAR0, PLX_REG_INTCSR, 4, B(25),
	   B(25), RO, "0 after a DMA0 abort until PCI Status 13:11 clear",
	   prep_abort0, 0),
	RP("INTCSR 26 DMA1 not abort master", BAR0, PLX_REG_INTCSR, 4, B(26),
	   B(26), RO, "0 after a DMA1 abort until PCI Status 13:11 clear",
	   prep_abort1, 0),
	R("INTCSR 27 no abort after 256 retries", BAR0, PLX_REG_INTCSR, 4,
	  B(27), B(27), RO, "no retries modelled"),
	/* [IS, CO, SI 4] 28-31 PCI wrote mailbox 0-3 */
	RP("INTCSR 31:28 mailbox written", BAR0, PLX_REG_INTCSR, 4,
	   BITS(31, 28), 0, RO, "set by PCI writes to MBOX0-3 while 3 is 1",
	   prep_mbox, BITS(31, 28)),

	/* ---- CNTRL 0x6C, reset 0x000D767E [IS]; 28 = 1 with an EEPROM ---- */
	/* [IS, CO] PCI command codes */
	R("CNTRL 3:0 DMA read command", BAR0, PLX_REG_CNTRL, 4, BITS(3, 0),
	  0xe, RW, "stored"),
	R("CNTRL 7:4 DMA write command", BAR0, PLX_REG_CNTRL, 4, BITS(7, 4),
	  0x70, RW, "stored"),
	R("CNTRL 11:8 DM read command", BAR0, PLX_REG_CNTRL, 4, BITS(11, 8),
	  0x600, RW, "stored"),
	R("CNTRL 15:12 DM write command", BAR0, PLX_REG_CNTRL, 4,
	  BITS(15, 12), 0x7000, RW, "stored"),
	/* [IS, CO, SI 3/4] 16 GPO reset 1, 17 GPI RO, 18/19 reset 1 */
	R("CNTRL 16 GPO", BAR0, PLX_REG_CNTRL, 4, B(16), B(16), RW,
	  "stored (USERo pin not modelled)"),
	R("CNTRL 17 GPI", BAR0, PLX_REG_CNTRL, 4, B(17), 0, RO,
	  "USERi pin: 0"),
	R("CNTRL 18 USERi select", BAR0, PLX_REG_CNTRL, 4, B(18), B(18), RW,
	  "stored"),
	R("CNTRL 19 USERo select", BAR0, PLX_REG_CNTRL, 4, B(19), B(19), RW,
	  "stored"),
	/* [IS, SI 4] 20/21 W1C */
	R("CNTRL 21:20 status", BAR0, PLX_REG_CNTRL, 4, BITS(21, 20), 0, W1C,
	  "never set by the model"),
	/* [MODEL] 23:22 not listed read-only by [SI 4]: stored */
	R("CNTRL 23:22", BAR0, PLX_REG_CNTRL, 4, BITS(23, 22), 0, RW,
	  "stored"),
	/* [CO] 24 EESK, 25 EECS, 26 EEDI (EEWB), 27 EEDO (EERB) RO */
	R("CNTRL 24 EEPROM clock", BAR0, PLX_REG_CNTRL, 4, B(24), 0, RW,
	  "Microwire SK: the EEPROM samples on the rising edge"),
	R("CNTRL 25 EEPROM chip select", BAR0, PLX_REG_CNTRL, 4, B(25), 0,
	  RW, "Microwire CS"),
	R("CNTRL 26 EEPROM data in", BAR0, PLX_REG_CNTRL, 4, B(26), 0, RW,
	  "Microwire DI"),
	R("CNTRL 27 EEPROM data out", BAR0, PLX_REG_CNTRL, 4, B(27), 0, RO,
	  "Microwire DO (1 = ready while CS is 1)"),
	/* [CO, SI 5] 28 EEPROM present, RO */
	R("CNTRL 28 EEPROM present", BAR0, PLX_REG_CNTRL, 4, B(28), B(28),
	  RO, "1 on an RDK-LITE (0 with eeprom=none)"),
	/* [CO, SI 4, SDK] 29 reload, RW; 30 software reset, RW */
	R("CNTRL 29 reload config", BAR0, PLX_REG_CNTRL, 4, B(29), 0, RW,
	  "0->1 reloads the configuration from the EEPROM"),
	R("CNTRL 30 software reset", BAR0, PLX_REG_CNTRL, 4, B(30), 0, RW,
	  "0->1 resets DMA, INTCSR, doorbells; Start ignored while 1"),
	/* [SI 4] 31 RO on the 9656 */
	R("CNTRL 31", BAR0, PLX_REG_CNTRL, 4, B(31), 0, RO, "none"),

	/* ---- identity [CO, CERN, SDK, SI 2] ---- */
	R("PCIHIDR", BAR0, PLX_REG_PCIHIDR, 4, 0xffffffffu, 0x965610b5u, RO,
	  "hard-wired chip ID (0x905610B5 on a 9056)"),
	/* [SDK, SI 2] silicon revision, BA stepping */
	R("PCIHREV 7:0", BAR0, PLX_REG_PCIHREV, 4, BITS(7, 0), 0xba, RO,
	  "silicon revision (0xAA on a 9056 by default)"),
	R("PCIHREV 31:8", BAR0, PLX_REG_PCIHREV, 4, BITS(31, 8), 0, RO,
	  "none"),
	/* [IS, CO, SI 1] PCI abort address */
	RP("PABTADR", BAR0, PLX_REG_PABTADR, 4, 0xffffffffu, 0, RO,
	   "PCI address of the last abort", prep_abort1,
	   (uint32_t)MEM_BASE + 0x120),

	/* ---- DMA channels 0 and 1 ---- */
	DMA_ROWS(0),
	DMA_ROWS(1),

	/* ---- PCI configuration space ---- */
	/* [SI 2] IDs loaded from the EEPROM (RDK-LITE: 10B5:9601) */
	R("CFG vendor ID", CFG, 0x00, 2, 0xffff, 0x10b5, RO, "from EEPROM"),
	R("CFG device ID", CFG, 0x02, 2, 0xffff, 0x9601, RO, "from EEPROM"),
	/* [PCI, SI 5] Command: 0 I/O, 1 memory, 2 bus master, 4 MWI, 6
	 * parity response, 8 SERR# enable; no INTx disable (PCI 2.2) */
	R("CFG command 0 I/O space", CFG, PLX_CFG_COMMAND, 2, B(0), 0, RW,
	  "BAR1 decoding"),
	R("CFG command 1 memory space", CFG, PLX_CFG_COMMAND, 2, B(1), 0, RW,
	  "BAR0/2/3 decoding"),
	R("CFG command 2 bus master", CFG, PLX_CFG_COMMAND, 2, B(2), 0, RW,
	  "DMA master-aborts while 0 (QEMU)"),
	R("CFG command 3 special cycles", CFG, PLX_CFG_COMMAND, 2, B(3), 0, RO,
	  "none"),
	R("CFG command 4 MWI enable", CFG, PLX_CFG_COMMAND, 2, B(4), 0, RW,
	  "stored"),
	R("CFG command 5 VGA snoop", CFG, PLX_CFG_COMMAND, 2, B(5), 0, RO,
	  "none"),
	R("CFG command 6 parity response", CFG, PLX_CFG_COMMAND, 2, B(6), 0,
	  RW, "stored"),
	R("CFG command 7 stepping", CFG, PLX_CFG_COMMAND, 2, B(7), 0, RO,
	  "none"),
	R("CFG command 8 SERR# enable", CFG, PLX_CFG_COMMAND, 2, B(8), 0, RW,
	  "stored"),
	/* [MODEL] fast back-to-back enable not implemented */
	R("CFG command 9 fast back-to-back", CFG, PLX_CFG_COMMAND, 2, B(9), 0,
	  RO, "none"),
	R("CFG command 10 INTx disable", CFG, PLX_CFG_COMMAND, 2, B(10), 0, RO,
	  "absent: the chip is PCI 2.2"),
	R("CFG command 15:11", CFG, PLX_CFG_COMMAND, 2, BITS(15, 11), 0, RO,
	  "none"),
	/* [PCI, SI 5] Status */
	R("CFG status 2:0", CFG, PLX_CFG_STATUS, 2, BITS(2, 0), 0, RO, "none"),
	R("CFG status 3 interrupt status", CFG, PLX_CFG_STATUS, 2, B(3), 0,
	  RO, "absent (PCI 2.2): 0 even with INTA# asserted"),
	R("CFG status 4 capability list", CFG, PLX_CFG_STATUS, 2, B(4), B(4),
	  RO, "capabilities at 0x34"),
	/* [MODEL] 66 MHz capable */
	R("CFG status 5 66 MHz capable", CFG, PLX_CFG_STATUS, 2, B(5), B(5),
	  RO, "none"),
	R("CFG status 7:6", CFG, PLX_CFG_STATUS, 2, BITS(7, 6), 0, RO, "none"),
	R("CFG status 8 master data parity", CFG, PLX_CFG_STATUS, 2, B(8), 0,
	  W1C, "never set by the model"),
	R("CFG status 10:9 DEVSEL timing", CFG, PLX_CFG_STATUS, 2,
	  BITS(10, 9), 0, RO, "none [MODEL]"),
	/* [SI 1] 11/12/13 W1C; INTCSR 14 follows them */
	R("CFG status 11 signalled target abort", CFG, PLX_CFG_STATUS, 2,
	  B(11), 0, W1C, "never set by the model (no target aborts signalled)"),
	RP("CFG status 12 received target abort", CFG, PLX_CFG_STATUS, 2,
	   B(12), 0, W1C, "set by a DMA target abort; INTCSR 14",
	   prep_tabort, B(12)),
	RP("CFG status 13 received master abort", CFG, PLX_CFG_STATUS, 2,
	   B(13), 0, W1C, "set by a DMA master abort; INTCSR 14; clearing "
	   "all of 13:11 returns INTCSR 27:24 to 1", prep_abort0, B(13)),
	R("CFG status 15:14 SERR#/parity", CFG, PLX_CFG_STATUS, 2,
	  BITS(15, 14), 0, W1C, "never set by the model"),
	/* [PCI] BAR0: 0x200 bytes of memory */
	R("CFG BAR0 31:9 base", CFG, 0x10, 4, BITS(31, 9), 0, RW,
	  "register window base"),
	R("CFG BAR0 8:0 size/type", CFG, 0x10, 4, BITS(8, 0), 0, RO,
	  "32-bit memory, 0x200 bytes"),
	R("CFG interrupt pin", CFG, PLX_CFG_INTPIN, 1, 0xff, 1, RO,
	  "INTA#, from EEPROM"),
	/* [SI 5, PCI] capability list: PM 0x40 -> hot swap 0x48 -> VPD 0x4C */
	R("CFG capability pointer", CFG, PLX_CFG_CAPPTR, 1, 0xff, PLX_CFG_PM,
	  RO, "first capability: power management"),
	R("CFG PM ID/next", CFG, PLX_CFG_PM, 2, 0xffff, 0x4801, RO,
	  "ID 1, next 0x48"),
	/* [MODEL] PM 1.1, D0/D3hot only, no PME */
	R("CFG PMC", CFG, PLX_CFG_PMC, 2, 0xffff, 0x0002, RO, "none"),
	R("CFG PMCSR 1:0 power state", CFG, PLX_CFG_PMCSR, 2, BITS(1, 0), 0,
	  RW, "3 = D3hot: BARs dead, DMA frozen; D3hot -> D0 resets the chip; "
	  "D1/D2 writes ignored"),
	R("CFG PMCSR 15:2", CFG, PLX_CFG_PMCSR, 2, BITS(15, 2), 0, RO,
	  "No_Soft_Reset 0, no PME"),
	R("CFG hot swap ID/next", CFG, PLX_CFG_HS, 2, 0xffff, 0x4c06, RO,
	  "ID 6, next 0x4C"),
	R("CFG HS_CSR 1 ENUM# mask", CFG, PLX_CFG_HSCSR, 1, B(1), 0, RW,
	  "stored"),
	R("CFG HS_CSR 3 LED", CFG, PLX_CFG_HSCSR, 1, B(3), 0, RW, "stored"),
	R("CFG HS_CSR 7:6 ENUM status", CFG, PLX_CFG_HSCSR, 1, BITS(7, 6), 0,
	  W1C, "never set (no insertion/extraction)"),
	R("CFG HS_CSR 0,2,5:4", CFG, PLX_CFG_HSCSR, 1, 0x35, 0, RO, "none"),
	R("CFG VPD ID/next", CFG, PLX_CFG_VPD, 2, 0xffff, 0x0003, RO,
	  "ID 3, last capability"),
	R("CFG VPD address 14:0", CFG, PLX_CFG_VPDADDR, 2, BITS(14, 0), 0, RW,
	  "EEPROM byte address"),
	/* [PCI] flag: 0 written = read (completes: 1), 1 = write (0) */
	{ .name = "CFG VPD flag", .where = CFG, .off = PLX_CFG_VPDADDR,
	  .width = 2, .mask = B(15), .reset = 0, .acc = SC,
	  .effects = "write 1: EEPROM write, done at once (reads 0); "
		     "write 0: EEPROM read, done at once (reads 1)",
	  .expect = 1, .exp1 = 0, .exp0 = B(15) },
	R("CFG VPD data", CFG, PLX_CFG_VPDDATA, 4, 0xffffffffu, 0, RW,
	  "data of the VPD access"),
	/* [MODEL] nothing after the last capability */
	R("CFG 0x54-0x57", CFG, 0x54, 4, 0xffffffffu, 0, RO, "none"),
};

#define NROWS (sizeof(table) / sizeof(table[0]))

static uint32_t get(const struct row *r)
{
	return r->where == CFG ? plx9656_config_read(F.s, r->off, r->width) :
				 rd(r->off, r->width);
}

static void put(const struct row *r, uint32_t v)
{
	if (r->where == CFG)
		plx9656_config_write(F.s, r->off, v, r->width);
	else
		wr(r->off, v, r->width);
}

#define ROW_EQ(r, what, got, want) do {					\
	if ((got) != (want))						\
		emu_fail(__FILE__, __LINE__, "%s [%s] %s: got 0x%x, want 0x%x", \
		       (r)->name, acc_name[(r)->acc], what,		\
		       (unsigned int)(got), (unsigned int)(want));	\
} while (0)

static void t_table_walk(void)
{
	const struct row *r;
	uint32_t cur, v, want;
	unsigned int i;

	for (i = 0; i < NROWS; i++) {
		r = &table[i];
		fake_teardown();
		fake_setup(0x9601, 0);
		cur = get(r) & r->mask;
		ROW_EQ(r, "reset value", cur, r->reset);
		if (r->prep) {
			r->prep();
			cur = get(r) & r->mask;
			ROW_EQ(r, "after its cause", cur, r->prep_val);
		}
		/* ones */
		v = get(r);
		put(r, (v & ~r->mask) | r->mask);
		want = r->expect ? r->exp1 : r->acc == RW ? r->mask :
		       r->acc == RO ? cur : 0;
		v = get(r) & r->mask;
		ROW_EQ(r, "after writing ones", v, want);
		if (r->acc != RO)
			cur = v;
		/* zeros */
		v = get(r);
		put(r, v & ~r->mask);
		want = r->expect ? r->exp0 : r->acc == RW ? 0 :
		       r->acc == RO || r->acc == W1C ? cur : 0;
		v = get(r) & r->mask;
		ROW_EQ(r, "after writing zeros", v, want);
	}
}

/* Each listed register's bits are covered exactly once. */
static void t_coverage(void)
{
	static const struct { int where; uint32_t off; uint32_t bits; } regs[] = {
		{ BAR0, PLX_REG_INTCSR, 0xffffffffu },
		{ BAR0, PLX_REG_CNTRL, 0xffffffffu },
		{ BAR0, PLX_REG_PCIHIDR, 0xffffffffu },
		{ BAR0, PLX_REG_PCIHREV, 0xffffffffu },
		{ BAR0, PLX_REG_PABTADR, 0xffffffffu },
		{ BAR0, PLX_REG_DMAMODE0, 0xffffffffu },
		{ BAR0, PLX_REG_DMAMODE1, 0xffffffffu },
		{ BAR0, PLX_REG_DMAPADR0, 0xffffffffu },
		{ BAR0, PLX_REG_DMAPADR1, 0xffffffffu },
		{ BAR0, PLX_REG_DMALADR0, 0xffffffffu },
		{ BAR0, PLX_REG_DMALADR1, 0xffffffffu },
		{ BAR0, PLX_REG_DMASIZ0, 0xffffffffu },
		{ BAR0, PLX_REG_DMASIZ1, 0xffffffffu },
		{ BAR0, PLX_REG_DMADPR0, 0xffffffffu },
		{ BAR0, PLX_REG_DMADPR1, 0xffffffffu },
		{ BAR0, PLX_REG_DMACSR0, 0xff },
		{ BAR0, PLX_REG_DMACSR1, 0xff },
		{ CFG, PLX_CFG_COMMAND, 0xffff },
		{ CFG, PLX_CFG_STATUS, 0xffff },
		{ CFG, PLX_CFG_CAPPTR, 0xff },
		{ CFG, PLX_CFG_PM, 0xffff },
		{ CFG, PLX_CFG_PMC, 0xffff },
		{ CFG, PLX_CFG_PMCSR, 0xffff },
		{ CFG, PLX_CFG_HS, 0xffff },
		{ CFG, PLX_CFG_HSCSR, 0xff },
		{ CFG, PLX_CFG_VPD, 0xffff },
		{ CFG, PLX_CFG_VPDADDR, 0xffff },
		{ CFG, PLX_CFG_VPDDATA, 0xffffffffu },
	};
	uint32_t seen;
	unsigned int i, j;

	for (i = 0; i < sizeof(regs) / sizeof(regs[0]); i++) {
		seen = 0;
		for (j = 0; j < NROWS; j++) {
			if (table[j].where != regs[i].where ||
			    table[j].off != regs[i].off)
				continue;
			if (seen & table[j].mask)
				emu_fail(__FILE__, __LINE__, "%s overlaps",
				       table[j].name);
			if (table[j].reset & ~table[j].mask)
				emu_fail(__FILE__, __LINE__,
				       "%s: reset outside mask", table[j].name);
			if (!table[j].effects || !*table[j].effects)
				emu_fail(__FILE__, __LINE__,
				       "%s: no side effects column",
				       table[j].name);
			seen |= table[j].mask;
		}
		if (seen != regs[i].bits)
			emu_fail(__FILE__, __LINE__,
			       "%s 0x%03x: bits 0x%08x not covered",
			       regs[i].where == CFG ? "config" : "BAR0",
			       regs[i].off, regs[i].bits & ~seen);
	}
}

/* The walk on a 9056-class board: only the identity differs. */
static void t_identity_9056(void)
{
	fake_teardown();
	fake_setup(0x5601, 0);
	CHECK_EQ(rd32(PLX_REG_PCIHIDR), 0x905610b5u);
	CHECK_EQ(rd32(PLX_REG_PCIHREV), 0xaa);
	CHECK_EQ(plx9656_config_read(F.s, 0, 4), 0x560110b5u);
	CHECK_EQ(rd32(PLX_REG_INTCSR), PLX_INTCSR_RESET_VALUE);
	CHECK_EQ(rd32(PLX_REG_CNTRL),
		 PLX_CNTRL_RESET_VALUE | PLX_CNTRL_EEPRESENT);
}

EMU_TEST(conformance, table, t_table_walk)
EMU_TEST(conformance, coverage, t_coverage)
EMU_TEST(conformance, identity_9056, t_identity_9056)
