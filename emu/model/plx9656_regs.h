/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * PLX PCI 9656 / 9056 BAR0 register offsets and bits, as used by the board
 * model, its QEMU device, its tests and the hostile guest
 * (emu/guest/hostile.c): the model side's one register map (names in the
 * style of comedi's plx9080.h).
 *
 * Private to emu/: plx9656.h does not include it, so a KUnit suite that
 * includes the driver core's own register header does not see duplicates.
 */
#ifndef PLX9656_REGS_H
#define PLX9656_REGS_H

/* Local configuration registers */
#define PLX_REG_LAS0RR		0x00	/* local space 0 range */
#define PLX_REG_LAS0BA		0x04	/* local space 0 base (remap) */
#define PLX_REG_MARBR		0x08	/* mode/DMA arbitration */
#define PLX_REG_BIGEND		0x0c	/* BIGEND, LMISC1, PROT_AREA, LMISC2 */
#define PLX_REG_EROMRR		0x10
#define PLX_REG_EROMBA		0x14
#define PLX_REG_LBRD0		0x18	/* local space 0 bus region descr. */
#define PLX_REG_DMRR		0x1c
#define PLX_REG_DMLBAM		0x20
#define PLX_REG_DMLBAI		0x24
#define PLX_REG_DMPBAM		0x28
#define PLX_REG_DMCFGA		0x2c
#define PLX_REG_OPQIS		0x30
#define PLX_REG_OPQIM		0x34
#define PLX_REG_MBOX0_ALT	0x40	/* alias of MBOX0 (I2O disabled) */
#define PLX_REG_MBOX1_ALT	0x44	/* alias of MBOX1 */
#define PLX_REG_MBOX2		0x48
#define PLX_REG_MBOX7		0x5c
#define PLX_REG_MBOX0		0x78
#define PLX_REG_MBOX1		0x7c
#define PLX_REG_MBOX(n)		((n) < 2 ? 0x78 + 4 * (n) : 0x40 + 4 * (n))

/* Runtime registers */
#define PLX_REG_P2LDBELL	0x60	/* PCI-to-local doorbell */
#define PLX_REG_L2PDBELL	0x64	/* local-to-PCI doorbell */
#define PLX_REG_INTCSR		0x68
#define PLX_REG_CNTRL		0x6c
#define PLX_REG_PCIHIDR		0x70	/* permanent vendor/device ID (RO) */
#define PLX_REG_PCIHREV		0x74	/* permanent revision ID (RO) */

/* DMA registers */
#define PLX_REG_DMAMODE0	0x80
#define PLX_REG_DMAPADR0	0x84
#define PLX_REG_DMALADR0	0x88
#define PLX_REG_DMASIZ0		0x8c
#define PLX_REG_DMADPR0		0x90
#define PLX_REG_DMAMODE1	0x94
#define PLX_REG_DMAPADR1	0x98
#define PLX_REG_DMALADR1	0x9c
#define PLX_REG_DMASIZ1		0xa0
#define PLX_REG_DMADPR1		0xa4
#define PLX_REG_DMAMODE(c)	((c) ? PLX_REG_DMAMODE1 : PLX_REG_DMAMODE0)
#define PLX_REG_DMAPADR(c)	((c) ? PLX_REG_DMAPADR1 : PLX_REG_DMAPADR0)
#define PLX_REG_DMALADR(c)	((c) ? PLX_REG_DMALADR1 : PLX_REG_DMALADR0)
#define PLX_REG_DMASIZ(c)	((c) ? PLX_REG_DMASIZ1 : PLX_REG_DMASIZ0)
#define PLX_REG_DMADPR(c)	((c) ? PLX_REG_DMADPR1 : PLX_REG_DMADPR0)
#define PLX_REG_DMACSR0		0xa8	/* byte register */
#define PLX_REG_DMACSR1		0xa9	/* byte register */
#define PLX_REG_DMACSR(c)	((c) ? PLX_REG_DMACSR1 : PLX_REG_DMACSR0)
#define PLX_REG_DMAARB		0xac	/* alias of MARBR */
#define PLX_REG_DMATHR		0xb0
#define PLX_REG_DMADAC0		0xb4	/* upper 32 bits of ch0 PCI address */
#define PLX_REG_DMADAC1		0xb8
#define PLX_REG_DMADAC(c)	((c) ? PLX_REG_DMADAC1 : PLX_REG_DMADAC0)

/* Messaging queue registers (stored, not modelled) */
#define PLX_REG_MQCR		0xc0
#define PLX_REG_QSR		0xe8

/* Local space 1 and the rest */
#define PLX_REG_LAS1RR		0xf0
#define PLX_REG_LAS1BA		0xf4
#define PLX_REG_LBRD1		0xf8
#define PLX_REG_DMDAC		0xfc
#define PLX_REG_PCIARB		0x100
#define PLX_REG_PABTADR		0x104	/* PCI abort address (RO) */

/* INTCSR */
#define PLX_INTCSR_MBOXIEN	(1u << 3)	/* mailbox int enable */
#define PLX_INTCSR_PIEN		(1u << 8)	/* PCI interrupt enable */
#define PLX_INTCSR_PDBIEN	(1u << 9)	/* PCI doorbell int enable */
#define PLX_INTCSR_PABORTIEN	(1u << 10)	/* PCI abort int enable */
#define PLX_INTCSR_PLIEN	(1u << 11)	/* local int input enable */
#define PLX_INTCSR_PDBIA	(1u << 13)	/* PCI doorbell int active */
#define PLX_INTCSR_PABORTIA	(1u << 14)	/* PCI abort int active */
#define PLX_INTCSR_PLIA		(1u << 15)	/* local int input active */
#define PLX_INTCSR_LIOEN	(1u << 16)	/* local int output enable */
#define PLX_INTCSR_LDBIEN	(1u << 17)	/* local doorbell int enable */
#define PLX_INTCSR_DMA0IEN	(1u << 18)
#define PLX_INTCSR_DMA1IEN	(1u << 19)
#define PLX_INTCSR_DMAIEN(c)	((c) ? PLX_INTCSR_DMA1IEN : PLX_INTCSR_DMA0IEN)
#define PLX_INTCSR_LDBIA	(1u << 20)	/* local doorbell int active */
#define PLX_INTCSR_DMA0IA	(1u << 21)
#define PLX_INTCSR_DMA1IA	(1u << 22)
#define PLX_INTCSR_DMAIA(c)	((c) ? PLX_INTCSR_DMA1IA : PLX_INTCSR_DMA0IA)
/* 27:24 are ACTIVE LOW, read-only, reset 1: 0 = that master saw the abort */
#define PLX_INTCSR_DMNOTBM	(1u << 24)	/* direct master was NOT master */
#define PLX_INTCSR_DMA0NOTBM	(1u << 25)	/* DMA0 was NOT bus master */
#define PLX_INTCSR_DMA1NOTBM	(1u << 26)	/* DMA1 was NOT bus master */
#define PLX_INTCSR_DMANOTBM(c) \
	((c) ? PLX_INTCSR_DMA1NOTBM : PLX_INTCSR_DMA0NOTBM)
#define PLX_INTCSR_NORETRYABT	(1u << 27)	/* no abort after 256 retries */
#define PLX_INTCSR_ABTMASTERS	0x0f000000u	/* 27:24, all 1 = no abort */
#define PLX_INTCSR_MBOXIA(n)	(1u << (28 + (n)))	/* PCI wrote mailbox n */
/* bits a PCI write stores: 4:0, 6, 12:8, 19:16 */
#define PLX_INTCSR_RW_MASK	0x000f1f5fu
/* write-1-to-clear (local parity status; never set by the model) */
#define PLX_INTCSR_W1C_MASK	0x000000a0u
#define PLX_INTCSR_RESET_VALUE	0x0f010100u

/* CNTRL */
#define PLX_CNTRL_GPO		(1u << 16)
#define PLX_CNTRL_GPI		(1u << 17)	/* RO: USERi pin */
#define PLX_CNTRL_EESK		(1u << 24)	/* EEPROM clock */
#define PLX_CNTRL_EECS		(1u << 25)	/* EEPROM chip select */
#define PLX_CNTRL_EEDI		(1u << 26)	/* data to the EEPROM */
#define PLX_CNTRL_EEDO		(1u << 27)	/* RO: data from the EEPROM */
#define PLX_CNTRL_EEPRESENT	(1u << 28)	/* RO: EEPROM present */
#define PLX_CNTRL_EERELOAD	(1u << 29)	/* reload config (on 0->1) */
#define PLX_CNTRL_RESET		(1u << 30)	/* software reset (local side) */
/* stored: 16, 15:0, 19:18, 23:22, 26:24, 30:29 */
#define PLX_CNTRL_RW_MASK	0x67cdffffu
#define PLX_CNTRL_W1C_MASK	0x00300000u	/* 20, 21 (never set) */
/* PCI commands: DMA read 0xE, DMA write 0x7, DM read 0x6, DM write 0x7;
 * GPO, USERi select, USERo select */
#define PLX_CNTRL_RESET_VALUE	0x000d767eu

/* PCI configuration space (the chip's; plx9656_config_read/write) */
#define PLX_CFG_COMMAND		0x04
#define PLX_CFG_STATUS		0x06
#define PLX_CFG_REVISION	0x08
#define PLX_CFG_SUBSYS		0x2c
#define PLX_CFG_CAPPTR		0x34
#define PLX_CFG_INTPIN		0x3d
#define PLX_CFG_PM		0x40	/* power management capability */
#define PLX_CFG_PMC		0x42
#define PLX_CFG_PMCSR		0x44
#define PLX_CFG_HS		0x48	/* CompactPCI hot swap */
#define PLX_CFG_HSCSR		0x4a
#define PLX_CFG_VPD		0x4c
#define PLX_CFG_VPDADDR		0x4e
#define PLX_CFG_VPDDATA		0x50
#define PLX_CMD_RW_MASK		0x0157u		/* 0-2, 4, 6, 8: no bit 10 */
#define PLX_STATUS_CAPLIST	(1u << 4)
#define PLX_STATUS_66MHZ	(1u << 5)
#define PLX_STATUS_SIG_TABORT	(1u << 11)
#define PLX_STATUS_REC_TABORT	(1u << 12)
#define PLX_STATUS_REC_MABORT	(1u << 13)
#define PLX_STATUS_ABORTS	0x3800u		/* 13:11 */
#define PLX_STATUS_W1C_MASK	0xf900u		/* 8, 15:11 */
#define PLX_PMCSR_STATE		0x3u
#define PLX_VPD_FLAG		0x8000u

/* Serial EEPROM (93CS56, 128 x 16 bit) image layout: big-endian words,
 * each register as high word then low word */
#define PLX_EE_SIZE		256u
#define PLX_EE_ID		0x00	/* device ID : vendor ID */
#define PLX_EE_CLASSREV		0x04	/* class code : revision */
#define PLX_EE_MISC		0x08	/* max lat : min gnt : pin : line */
#define PLX_EE_MBOX0		0x0c
#define PLX_EE_MBOX1		0x10
#define PLX_EE_LAS0RR		0x14
#define PLX_EE_LAS0BA		0x18
#define PLX_EE_MARBR		0x1c
#define PLX_EE_BIGEND		0x20
#define PLX_EE_EROMRR		0x24
#define PLX_EE_EROMBA		0x28
#define PLX_EE_LBRD0		0x2c
#define PLX_EE_DMRR		0x30
#define PLX_EE_DMLBAM		0x34
#define PLX_EE_DMLBAI		0x38
#define PLX_EE_DMPBAM		0x3c
#define PLX_EE_DMCFGA		0x40
#define PLX_EE_SUBSYS		0x44	/* subsystem ID : subsystem vendor */
#define PLX_EE_LAS1RR		0x48
#define PLX_EE_LAS1BA		0x4c
#define PLX_EE_LBRD1		0x50
#define PLX_EE_HSNEXT		0x54	/* hot swap: not loaded by the model */
#define PLX_EE_PCIARB		0x58
#define PLX_EE_CONFIG_END	0x5c
#define PLX_EE_VPD_DEFAULT	0x80	/* VPD of the built-in image */
#define PLX_BIGEND_PROT_SHIFT	16	/* BIGEND 22:16: VPD write boundary */
#define PLX_BIGEND_PROT_MASK	0x007f0000u

/* DMAMODE */
#define PLX_DMAMODE_WIDTH_MASK	0x3u		/* 0: 8, 1: 16, 2/3: 32 bit */
#define PLX_DMAMODE_WIDTH32	0x3u		/* 32 bit, as at reset */
#define PLX_DMAMODE_READYIEN	(1u << 6)
#define PLX_DMAMODE_BTERMIEN	(1u << 7)
#define PLX_DMAMODE_BURSTEN	(1u << 8)
#define PLX_DMAMODE_CHAINEN	(1u << 9)	/* scatter/gather */
#define PLX_DMAMODE_DONEIEN	(1u << 10)
#define PLX_DMAMODE_LACONST	(1u << 11)	/* hold local address */
#define PLX_DMAMODE_DEMAND	(1u << 12)
#define PLX_DMAMODE_CLRCOUNT	(1u << 16)	/* clear count on descr. done */
#define PLX_DMAMODE_INTRPCI	(1u << 17)	/* route channel int to INTA# */
#define PLX_DMAMODE_DACCHAIN	(1u << 18)	/* 32-byte descr., PCI high */
#define PLX_DMAMODE_VALIDEN	(1u << 20)	/* ring/valid mode */
#define PLX_DMAMODE_VALIDSTOP	(1u << 21)
#define PLX_DMAMODE_RW_MASK	0x003fffffu	/* 31:22 reserved */
#define PLX_DMAMODE_RESET_VALUE	0x00000083u	/* 32-bit, BTERM# input */

/* DMASIZ */
#define PLX_DMASIZ_MASK		0x007fffffu	/* byte count, bits 22:0 */
#define PLX_DMASIZ_VALID	(1u << 31)	/* valid bit (valid mode) */
#define PLX_DMASIZ_RW_MASK	0x807fffffu

/* DMADPR and descriptor next-pointer word */
#define PLX_DMADPR_DESCPCI	(1u << 0)	/* descriptor in PCI memory */
#define PLX_DMADPR_CHAINEND	(1u << 1)
#define PLX_DMADPR_TCINTR	(1u << 2)	/* interrupt after terminal count */
#define PLX_DMADPR_XFERL2P	(1u << 3)	/* local -> PCI */
#define PLX_DMADPR_NEXT_MASK	0xfffffff0u

/* DMACSR (byte) */
#define PLX_DMACSR_ENABLE	(1u << 0)
#define PLX_DMACSR_START	(1u << 1)
#define PLX_DMACSR_ABORT	(1u << 2)
#define PLX_DMACSR_CLEARINTR	(1u << 3)
#define PLX_DMACSR_DONE		(1u << 4)
#define PLX_DMACSR_RESET_VALUE	0x10u

/* descriptor layout (little-endian dwords) */
#define PLX_DESC_PADR		0x00
#define PLX_DESC_LADR		0x04
#define PLX_DESC_SIZ		0x08
#define PLX_DESC_DPR		0x0c
#define PLX_DESC_PADR_HIGH	0x10	/* only with DMAMODE DACCHAIN */
#define PLX_DESC_SIZE		16
#define PLX_DESC_SIZE_DAC	32

#endif /* PLX9656_REGS_H */
