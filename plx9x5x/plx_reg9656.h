/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * plx_reg9656.h - PLX PCI 9656 / 9056 registers, as the PLX9x5x driver core
 * uses them: offsets from BAR0, explicit bit masks (no C bit-fields), and
 * the 32-byte scatter/gather descriptor kept in host memory.
 *
 * Naming follows comedi's plx9080.h: PLX_REG_<REG> for an offset and
 * PLX_<REG>_<FIELD> for a bit or field, with per-channel helpers taking the
 * channel number (0 = host->SRAM writes, 1 = SRAM->host reads).
 *
 * Include <wdf.h> first (for ULONG and C_ASSERT).
 */
#ifndef _PLX_REG9656_H
#define _PLX_REG9656_H

/* ---- PCI identity ------------------------------------------------------- */
#define PLX_PCI_VENDOR_ID		0x10B5
#define PLX_PCI_DEVICE_ID_9656RDK	0x9601	/* PCI 9656RDK-LITE board */
#define PLX_PCI_DEVICE_ID_9056RDK	0x5601	/* PCI 9056RDK-LITE board */
#define PLX_PCI_DEVICE_ID_9656		0x9656	/* bare chip, not by default */
#define PLX_PCI_DEVICE_ID_9056		0x9056	/* bare chip, not by default */

/*
 * ---- PCI configuration space (through GUID_BUS_INTERFACE_STANDARD) -----
 * The chip reports a PCI abort in the Status register; all three bits are
 * write-1-to-clear, and INTCSR bit 14 follows them.
 */
#define PLX_PCI_CFG_VENDOR		0x00	/* 16-bit Vendor ID */
#define PLX_PCI_CFG_COMMAND		0x04	/* 16-bit Command register */
#define PLX_PCI_COMMAND_MASTER		0x0004U	/* bus master enable */
#define PLX_PCI_CFG_STATUS		0x06	/* 16-bit Status register */
#define PLX_PCI_STATUS_SIG_TABORT	0x0800U	/* signalled target abort */
#define PLX_PCI_STATUS_REC_TABORT	0x1000U	/* received target abort */
#define PLX_PCI_STATUS_REC_MABORT	0x2000U	/* received master abort */
#define PLX_PCI_STATUS_ABORT_MASK	(PLX_PCI_STATUS_SIG_TABORT | \
					 PLX_PCI_STATUS_REC_TABORT | \
					 PLX_PCI_STATUS_REC_MABORT)

/* ---- BARs --------------------------------------------------------------- */
#define PLX_BAR0_REGS_SIZE		0x200	/* BAR0: memory-mapped registers */
#define PLX_BAR1_PORT_MIN_SIZE		0x100	/* BAR1: same registers in I/O */
#define PLX_SRAM_SIZE			0x20000	/* BAR2 (BAR3): local space 0 (1) */

/* ---- transfer limits ---------------------------------------------------- */
/*
 * Bytes per hardware chain: by default one chain per request (the whole
 * SRAM); the sample's 8 KiB chains through the glue's chain_bytes
 * parameter (PLxSetChainBytes). Any multiple of 4 KiB in between works:
 * the chain's descriptor count follows from it (plx_init.c).
 */
#define PLX_MAX_TRANSFER_LENGTH		(128 * 1024)	/* default, largest */
#define PLX_SAMPLE_TRANSFER_LENGTH	(8 * 1024)	/* the sample's chains */
#define PLX_MIN_TRANSFER_LENGTH		(4 * 1024)	/* smallest, and unit */
#define PLX_MAX_REQUEST_LENGTH		PLX_SRAM_SIZE	/* one read()/write() */
#define PLX_DMA_CHANNELS		2
#define PLX_DESC_ALIGNMENT		FILE_OCTA_ALIGNMENT	/* 16 bytes */

/* ---- local configuration registers -------------------------------------- */
#define PLX_REG_LAS0RR		0x000	/* local space 0 range */
#define PLX_REG_LAS0BA		0x004	/* local space 0 base (remap) */
#define PLX_REG_MARBR		0x008	/* mode/DMA arbitration */
#define PLX_REG_BIGEND		0x00C	/* endian descriptor */
#define PLX_REG_EROMRR		0x010	/* expansion ROM range */
#define PLX_REG_EROMBA		0x014	/* expansion ROM remap */
#define PLX_REG_LBRD0		0x018	/* local space 0 bus region desc. */
#define PLX_REG_DMRR		0x01C	/* direct master range */
#define PLX_REG_DMLBAM		0x020	/* direct master local mem base */
#define PLX_REG_DMLBAI		0x024	/* direct master local I/O base */
#define PLX_REG_DMPBAM		0x028	/* direct master PCI mem remap */
#define PLX_REG_DMCFGA		0x02C	/* direct master config address */

/* ---- runtime registers -------------------------------------------------- */
#define PLX_REG_MBOX(n)		(0x040 + 4 * (n))	/* mailboxes 2..7 */
#define PLX_REG_P2LDBELL	0x060	/* PCI to local doorbell */
#define PLX_REG_L2PDBELL	0x064	/* local to PCI doorbell */
#define PLX_REG_INTCSR		0x068	/* interrupt control/status */
#define PLX_REG_CNTRL		0x06C	/* EEPROM, PCI commands, reset */
#define PLX_REG_PCIHIDR		0x070	/* permanent device/vendor ID */
#define PLX_REG_PCIHREV		0x074	/* permanent revision ID */

/* ---- DMA registers ------------------------------------------------------ */
#define PLX_REG_DMAMODE0	0x080
#define PLX_REG_DMAPADR0	0x084	/* PCI address, low 32 bits */
#define PLX_REG_DMALADR0	0x088	/* local (SRAM) address */
#define PLX_REG_DMASIZ0		0x08C	/* byte count */
#define PLX_REG_DMADPR0		0x090	/* descriptor pointer */
#define PLX_REG_DMAMODE1	0x094
#define PLX_REG_DMAPADR1	0x098
#define PLX_REG_DMALADR1	0x09C
#define PLX_REG_DMASIZ1		0x0A0
#define PLX_REG_DMADPR1		0x0A4
#define PLX_REG_DMACSR0		0x0A8	/* 8-bit register */
#define PLX_REG_DMACSR1		0x0A9	/* 8-bit register */
#define PLX_REG_DMAARB		0x0AC	/* alias of MARBR */
#define PLX_REG_DMATHR		0x0B0	/* FIFO thresholds */
#define PLX_REG_DMADAC0		0x0B4	/* PCI address, high 32 bits, ch0 */
#define PLX_REG_DMADAC1		0x0B8	/* PCI address, high 32 bits, ch1 */

#define PLX_REG_DMAMODE(ch)	((ch) ? PLX_REG_DMAMODE1 : PLX_REG_DMAMODE0)
#define PLX_REG_DMAPADR(ch)	((ch) ? PLX_REG_DMAPADR1 : PLX_REG_DMAPADR0)
#define PLX_REG_DMALADR(ch)	((ch) ? PLX_REG_DMALADR1 : PLX_REG_DMALADR0)
#define PLX_REG_DMASIZ(ch)	((ch) ? PLX_REG_DMASIZ1 : PLX_REG_DMASIZ0)
#define PLX_REG_DMADPR(ch)	((ch) ? PLX_REG_DMADPR1 : PLX_REG_DMADPR0)
#define PLX_REG_DMACSR(ch)	((ch) ? PLX_REG_DMACSR1 : PLX_REG_DMACSR0)
#define PLX_REG_DMADAC(ch)	((ch) ? PLX_REG_DMADAC1 : PLX_REG_DMADAC0)

/* ---- local space 1, arbiter --------------------------------------------- */
#define PLX_REG_LAS1RR		0x0F0
#define PLX_REG_LAS1BA		0x0F4
#define PLX_REG_LBRD1		0x0F8
#define PLX_REG_DMDAC		0x0FC	/* direct master PCI DAC */
#define PLX_REG_PCIARB		0x100	/* PCI arbiter control */
#define PLX_REG_PABTADR		0x104	/* PCI abort address */
#define PLX_REG_BLOCK_END	0x108	/* end of the register block */

/* ---- INTCSR bits -------------------------------------------------------- */
#define PLX_INTCSR_ENABINT_MASK	0x00000003U	/* enable interrupt sources */
#define PLX_INTCSR_GENSERR	0x00000004U	/* generate PCI SERR# */
#define PLX_INTCSR_MBIEN	0x00000008U	/* mailbox interrupt enable */
#define PLX_INTCSR_PMIEN	0x00000010U	/* power management int. enable */
#define PLX_INTCSR_PMIA		0x00000020U	/* power management int. (W1C) */
#define PLX_INTCSR_LPERRIEN	0x00000040U	/* local parity error int. enable */
#define PLX_INTCSR_LPERR	0x00000080U	/* local parity error (W1C) */
#define PLX_INTCSR_PIEN		0x00000100U	/* PCI interrupt (INTA#) enable */
#define PLX_INTCSR_PDBIEN	0x00000200U	/* PCI doorbell interrupt enable */
#define PLX_INTCSR_PABORTIEN	0x00000400U	/* PCI abort interrupt enable */
#define PLX_INTCSR_PLIEN	0x00000800U	/* local interrupt input enable */
#define PLX_INTCSR_RAEN		0x00001000U	/* retry abort enable */
#define PLX_INTCSR_PDBIA	0x00002000U	/* PCI doorbell int. active */
#define PLX_INTCSR_PABORTIA	0x00004000U	/* PCI abort int. active */
#define PLX_INTCSR_PLIA		0x00008000U	/* local interrupt input active */
#define PLX_INTCSR_LIOEN	0x00010000U	/* local interrupt output enable */
#define PLX_INTCSR_LDBIEN	0x00020000U	/* local doorbell int. enable */
#define PLX_INTCSR_DMA0IEN	0x00040000U	/* DMA channel 0 int. enable */
#define PLX_INTCSR_DMA1IEN	0x00080000U	/* DMA channel 1 int. enable */
#define PLX_INTCSR_LDBIA	0x00100000U	/* local doorbell int. active */
#define PLX_INTCSR_DMA0IA	0x00200000U	/* DMA channel 0 int. active */
#define PLX_INTCSR_DMA1IA	0x00400000U	/* DMA channel 1 int. active */
#define PLX_INTCSR_BISTIA	0x00800000U	/* BIST interrupt active */
/*
 * Bits 27:24 are read-only and ACTIVE LOW (reset 1): they read 1 in
 * normal operation, and a 0 names the master that was on the bus at the
 * last PCI master/target abort. Only meaningful while PLX_INTCSR_PABORTIA
 * is set (doc/silicon.md §1).
 */
#define PLX_INTCSR_ABNOTDM	0x01000000U	/* 0: direct master saw it */
#define PLX_INTCSR_ABNOTDMA0	0x02000000U	/* 0: DMA channel 0 saw it */
#define PLX_INTCSR_ABNOTDMA1	0x04000000U	/* 0: DMA channel 1 saw it */
#define PLX_INTCSR_ABNOTRETRY	0x08000000U	/* 0: abort after 256 retries */
#define PLX_INTCSR_MBIA_MASK	0xF0000000U	/* data in mailbox 0..3 */

#define PLX_INTCSR_DMAIEN(ch)	((ch) ? PLX_INTCSR_DMA1IEN : PLX_INTCSR_DMA0IEN)
#define PLX_INTCSR_DMAIA(ch)	((ch) ? PLX_INTCSR_DMA1IA : PLX_INTCSR_DMA0IA)
#define PLX_INTCSR_ABNOTDMA(ch)	((ch) ? PLX_INTCSR_ABNOTDMA1 : \
				 PLX_INTCSR_ABNOTDMA0)
/* Every enable the driver uses: INTA#, PCI abort, both DMA channels. */
#define PLX_INTCSR_DRIVER_IEN	(PLX_INTCSR_PIEN | PLX_INTCSR_PABORTIEN | \
				 PLX_INTCSR_DMA0IEN | PLX_INTCSR_DMA1IEN)
/*
 * Access types (doc/silicon.md §4): bits 13-15 and 20-31 are
 * read-only, 5 and 7 write-1-to-clear, the rest read/write. A
 * read-modify-write of INTCSR keeps only the read/write bits, so it never
 * clears a W1C bit by accident.
 */
#define PLX_INTCSR_RO_MASK	0xFFF0E000U
#define PLX_INTCSR_W1C_MASK	(PLX_INTCSR_PMIA | PLX_INTCSR_LPERR)
#define PLX_INTCSR_RW_MASK	(~(PLX_INTCSR_RO_MASK | PLX_INTCSR_W1C_MASK))

/* A read of all ones: the function no longer answers (surprise removal). */
#define PLX_INTCSR_DEVICE_GONE	0xFFFFFFFFU

/* ---- CNTRL bits --------------------------------------------------------- */
#define PLX_CNTRL_DMA_RDCMD_MASK	0x0000000FU	/* PCI read cmd for DMA */
#define PLX_CNTRL_DMA_WRCMD_MASK	0x000000F0U	/* PCI write cmd for DMA */
#define PLX_CNTRL_DM_RDCMD_MASK		0x00000F00U
#define PLX_CNTRL_DM_WRCMD_MASK		0x0000F000U
#define PLX_CNTRL_USERO			0x00010000U	/* GPIO output */
#define PLX_CNTRL_USERI			0x00020000U	/* GPIO input */
#define PLX_CNTRL_EESK			0x01000000U	/* EEPROM clock */
#define PLX_CNTRL_EECS			0x02000000U	/* EEPROM chip select */
#define PLX_CNTRL_EEWB			0x04000000U	/* EEPROM write bit */
#define PLX_CNTRL_EERB			0x08000000U	/* EEPROM read bit */
#define PLX_CNTRL_EEPRESENT		0x10000000U	/* EEPROM present */
#define PLX_CNTRL_EERELOAD		0x20000000U	/* reload config regs */
#define PLX_CNTRL_RESET			0x40000000U	/* software reset */
#define PLX_CNTRL_EEDOIEN		0x80000000U	/* EEDO input enable */
/* Bits 20 and 21 are write-1-to-clear: a read-modify-write leaves them 0. */
#define PLX_CNTRL_W1C_MASK		0x00300000U

/* ---- DMAMODE bits ------------------------------------------------------- */
#define PLX_DMAMODE_WIDTH_MASK	0x00000003U	/* local bus data width */
#define PLX_DMAMODE_WAIT_MASK	0x0000003CU	/* internal wait states */
#define PLX_DMAMODE_READYIEN	0x00000040U	/* TA#/READY# input enable */
#define PLX_DMAMODE_BTERMIEN	0x00000080U	/* BTERM# input enable */
#define PLX_DMAMODE_BURSTEN	0x00000100U	/* local burst enable */
#define PLX_DMAMODE_CHAINEN	0x00000200U	/* scatter/gather mode */
#define PLX_DMAMODE_DONEIEN	0x00000400U	/* done interrupt enable */
#define PLX_DMAMODE_LACONST	0x00000800U	/* hold local address constant */
#define PLX_DMAMODE_DEMAND	0x00001000U	/* demand mode */
#define PLX_DMAMODE_WINVALIDATE	0x00002000U	/* memory write and invalidate */
#define PLX_DMAMODE_EOTEN	0x00004000U	/* EOT# input enable */
#define PLX_DMAMODE_STOP	0x00008000U	/* fast/slow termination mode */
#define PLX_DMAMODE_CLRCOUNT	0x00010000U	/* clear count when a desc. ends */
#define PLX_DMAMODE_INTRPCI	0x00020000U	/* DMA interrupt to INTA# */
#define PLX_DMAMODE_DACCHAIN	0x00040000U	/* DAC chain load (64-bit desc.) */
#define PLX_DMAMODE_EOTENDLINK	0x00080000U	/* EOT ends the link */
#define PLX_DMAMODE_RINGVALID	0x00100000U	/* ring management valid mode */
#define PLX_DMAMODE_RINGSTOP	0x00200000U	/* ring management valid stop */

/* ---- DMACSR bits (8-bit registers) -------------------------------------- */
#define PLX_DMACSR_ENABLE	0x01U	/* channel enable */
#define PLX_DMACSR_START	0x02U	/* write 1: start */
#define PLX_DMACSR_ABORT	0x04U	/* write 1: abort */
#define PLX_DMACSR_CLEARINTR	0x08U	/* write 1: clear the channel int. */
#define PLX_DMACSR_DONE		0x10U	/* read: channel done / idle */

/* ---- DMADPR and descriptor next-pointer bits ---------------------------- */
#define PLX_DMADPR_DESCPCI	0x00000001U	/* descriptors in PCI memory */
#define PLX_DMADPR_CHAINEND	0x00000002U	/* last descriptor */
#define PLX_DMADPR_TCINTR	0x00000004U	/* interrupt at terminal count */
#define PLX_DMADPR_XFERL2P	0x00000008U	/* local->PCI (device to host) */
#define PLX_DMADPR_FLAGS_MASK	0x0000000FU
#define PLX_DMADPR_NEXT_MASK	0xFFFFFFF0U	/* next descriptor address */

/* ---- DMASIZ ------------------------------------------------------------- */
#define PLX_DMASIZ_COUNT_MASK	0x007FFFFFU	/* byte count, bits 22:0 */

/**
 * struct _PLX_DMA_DESCRIPTOR - one scatter/gather descriptor in host memory.
 * @PciAddressLow: bus address of the host buffer, low 32 bits (DMAPADR)
 * @LocalAddress: SRAM (local bus) address (DMALADR)
 * @TransferSize: byte count (DMASIZ); with PLX_DMAMODE_CLRCOUNT the chip
 *	writes 0 here when the descriptor completes
 * @NextDescriptor: next descriptor bus address | PLX_DMADPR_* flags (DMADPR)
 * @PciAddressHigh: high 32 bits, only read with PLX_DMAMODE_DACCHAIN
 *	(never set by this driver: data stays below 4 GiB, see README)
 * @Reserved: pads the descriptor to 32 bytes
 *
 * Every word is little-endian: read and write them only with
 * PLxDescRead() and PLxDescWrite(). Descriptors are 16-byte aligned (the
 * low four bits of a next pointer are flags); this driver places them
 * contiguously, 32 bytes apart, in a page-aligned common buffer.
 */
typedef struct _PLX_DMA_DESCRIPTOR {
	ULONG PciAddressLow;
	ULONG LocalAddress;
	ULONG TransferSize;
	ULONG NextDescriptor;
	ULONG PciAddressHigh;
	ULONG Reserved[3];
} PLX_DMA_DESCRIPTOR, *PPLX_DMA_DESCRIPTOR;

#define PLX_DESC_SIZE	32

C_ASSERT(sizeof(PLX_DMA_DESCRIPTOR) == PLX_DESC_SIZE);
C_ASSERT(__builtin_offsetof(PLX_DMA_DESCRIPTOR, PciAddressLow) == 0x00);
C_ASSERT(__builtin_offsetof(PLX_DMA_DESCRIPTOR, LocalAddress) == 0x04);
C_ASSERT(__builtin_offsetof(PLX_DMA_DESCRIPTOR, TransferSize) == 0x08);
C_ASSERT(__builtin_offsetof(PLX_DMA_DESCRIPTOR, NextDescriptor) == 0x0C);
C_ASSERT(__builtin_offsetof(PLX_DMA_DESCRIPTOR, PciAddressHigh) == 0x10);
C_ASSERT((PLX_DESC_SIZE & PLX_DESC_ALIGNMENT) == 0);

/* The register map doc/facts.md §3.3 gives (offsets from BAR0). */
C_ASSERT(PLX_REG_INTCSR == 0x68 && PLX_REG_CNTRL == 0x6C);
C_ASSERT(PLX_REG_DMADPR0 - PLX_REG_DMAMODE0 == 0x10);
C_ASSERT(PLX_REG_DMAMODE1 - PLX_REG_DMAMODE0 == 0x14);
C_ASSERT(PLX_REG_DMADPR1 - PLX_REG_DMAMODE1 == 0x10);
C_ASSERT(PLX_REG_DMACSR1 - PLX_REG_DMACSR0 == 1);
C_ASSERT(PLX_REG_DMADAC1 - PLX_REG_DMADAC0 == 4);
C_ASSERT(PLX_REG_BLOCK_END == 0x108 && PLX_REG_BLOCK_END <= PLX_BAR0_REGS_SIZE);
C_ASSERT(PLX_REG_MBOX(2) == 0x48 && PLX_REG_MBOX(7) == 0x5C);
/* Disjoint masks where one register word holds several fields. */
C_ASSERT((PLX_INTCSR_DMA0IA | PLX_INTCSR_DMA1IA) == 0x00600000U);
C_ASSERT((PLX_INTCSR_DMA0IEN | PLX_INTCSR_DMA1IEN) == 0x000C0000U);
C_ASSERT(PLX_INTCSR_RW_MASK == 0x000F1F5FU);
C_ASSERT((PLX_INTCSR_RW_MASK & PLX_INTCSR_DRIVER_IEN) ==
	 PLX_INTCSR_DRIVER_IEN);
C_ASSERT((PLX_INTCSR_RO_MASK & (PLX_INTCSR_PABORTIA | PLX_INTCSR_ABNOTDM |
				PLX_INTCSR_ABNOTRETRY)) ==
	 (PLX_INTCSR_PABORTIA | PLX_INTCSR_ABNOTDM | PLX_INTCSR_ABNOTRETRY));
C_ASSERT((PLX_DMADPR_NEXT_MASK & PLX_DMADPR_FLAGS_MASK) == 0);
C_ASSERT((PLX_DMADPR_NEXT_MASK | PLX_DMADPR_FLAGS_MASK) == 0xFFFFFFFFU);
C_ASSERT(PLX_MAX_TRANSFER_LENGTH <= PLX_SRAM_SIZE);
C_ASSERT(PLX_MAX_TRANSFER_LENGTH % PLX_MIN_TRANSFER_LENGTH == 0);
C_ASSERT(PLX_SAMPLE_TRANSFER_LENGTH % PLX_MIN_TRANSFER_LENGTH == 0);
C_ASSERT(PLX_MAX_REQUEST_LENGTH <= PLX_DMASIZ_COUNT_MASK);

/*
 * Descriptor words are little-endian in memory whatever the CPU. These two
 * helpers assemble and split them byte by byte, so they need no byte-order
 * header. Ordering against the device: descriptors are written before the
 * DMACSR Start register write and read after the interrupt lock has been
 * taken in the DPC; both are calls into the shim, which the compiler cannot
 * move memory accesses across, and the register accessors order memory
 * against MMIO.
 */
static inline ULONG PLxDescRead(const ULONG *Word)
{
	const UCHAR *b = (const UCHAR *)Word;

	return (ULONG)b[0] | ((ULONG)b[1] << 8) | ((ULONG)b[2] << 16) |
	       ((ULONG)b[3] << 24);
}

static inline VOID PLxDescWrite(ULONG *Word, ULONG Value)
{
	UCHAR *b = (UCHAR *)Word;

	b[0] = (UCHAR)Value;
	b[1] = (UCHAR)(Value >> 8);
	b[2] = (UCHAR)(Value >> 16);
	b[3] = (UCHAR)(Value >> 24);
}

#endif /* _PLX_REG9656_H */
