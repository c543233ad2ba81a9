/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Portable model of the PLX PCI 9656 / 9056 bus-master bridge as a driver
 * sees it: the BAR0 register block, two DMA channels (block and chained
 * scatter/gather), INTCSR interrupt logic, the on-board SRAM, the serial
 * EEPROM (93CS56, Microwire through CNTRL) and the chip's PCI
 * configuration space (Status abort bits, capabilities: power management,
 * hot swap, VPD).
 *
 * No QEMU, libc-only or kernel header is needed: include plx9656_port.h
 * first (or let this header include it), which maps the few types and
 * helpers the model uses onto the environment (QEMU, user space, kernel).
 *
 * The model never blocks and never allocates. Everything it needs from the
 * outside world comes through struct plx9656_host_ops.
 */
#ifndef PLX9656_MODEL_H
#define PLX9656_MODEL_H

#include "plx9656_port.h"

#define PLX9656_BAR0_SIZE	0x200u	/* memory-mapped registers */
#define PLX9656_BAR1_SIZE	0x100u	/* I/O-space alias of the registers */
/* BAR2 and BAR3: the local space 0 and 1 windows, 128 KiB each */
#define PLX9656_SRAM_BAR_SIZE	0x20000u
/*
 * The on-board SRAM behind both windows (the default of
 * struct plx9656_config.sram_size): assumed to fill a window, the board's
 * physical SRAM size is not documented. A model built with another
 * sram_size keeps the windows at PLX9656_SRAM_BAR_SIZE.
 */
#define PLX9656_SRAM_SIZE	PLX9656_SRAM_BAR_SIZE

#define PLX9656_BW_9656		528000000ull	/* bytes/s: 64 bit, 66 MHz */
#define PLX9656_BW_9056		264000000ull	/* bytes/s: 32 bit, 66 MHz */

/*
 * Default bus costs besides the data (see "Timing" in plx9656.c for their
 * source; UNCERTAIN: the data book and silicon notes are silent, these
 * are PCI Local Bus Specification figures at 66 MHz, 15 ns a clock).
 * In struct plx9656_config a 0 disables the charge (the ideal bus).
 */
#define PLX9656_PCI_CLOCK_NS		15u	/* 66 MHz */
#define PLX9656_DEF_ARB_GAP_NS		(2 * PLX9656_PCI_CLOCK_NS)
#define PLX9656_DEF_TARGET_LATENCY_NS	(8 * PLX9656_PCI_CLOCK_NS)

struct plx9656;

/**
 * struct plx9656_host_ops - what the model needs from its environment
 * @dma_read: read @len bytes of host (PCI bus) memory at @addr into @buf.
 *	Return 0, PLX9656_DMA_TARGET_ABORT for a target abort, or any other
 *	non-zero value for a master abort (no such memory, bus master
 *	disabled, IOMMU fault).
 * @dma_write: write @len bytes from @buf to host memory at @addr; same
 *	return convention.
 * @set_irq: drive INTA# to @level (0 or 1). Called only on changes, and
 *	only at the end of a model entry point, so it may re-enter the model
 *	(e.g. a test running the driver's ISR synchronously). @dma_read,
 *	@dma_write, @now_ns, @schedule and @log must not re-enter it.
 * @now_ns: the current time in nanoseconds (monotonic, any origin).
 * @schedule: ask to have plx9656_run() called at (or after) @when_ns.
 *	A later call replaces an earlier request; (uint64_t)-1 cancels.
 *	@when_ns may already be in the past (run as soon as possible).
 *	The model never calls plx9656_run() itself.
 * @log: optional (may be NULL): receives each guest-error message (one
 *	line, no newline). NULL = the environment's default sink (QEMU:
 *	qemu_log_mask(LOG_GUEST_ERROR), kernel: pr_debug, user space: none).
 *
 * Any of @dma_read/@dma_write may be NULL (every access master-aborts),
 * @set_irq/@schedule may be NULL (ignored), @now_ns may be NULL (time 0).
 */
struct plx9656_host_ops {
	int (*dma_read)(void *opaque, uint64_t addr, void *buf, size_t len);
	int (*dma_write)(void *opaque, uint64_t addr, const void *buf,
			 size_t len);
	void (*set_irq)(void *opaque, int level);
	uint64_t (*now_ns)(void *opaque);
	void (*schedule)(void *opaque, uint64_t when_ns);
	void (*log)(void *opaque, const char *msg);
};

/* ops->dma_read/dma_write return value for a target abort */
#define PLX9656_DMA_TARGET_ABORT	2

/* A chained walk ends with a master-abort status after this many descriptors */
#define PLX9656_MAX_CHAIN	65536u

/* Why a channel last stopped (plx9656_chan_status()); 0 = normal. */
enum plx9656_chan_status {
	PLX9656_CHAN_OK = 0,		/* idle after a normal end, or never run */
	PLX9656_CHAN_BUSY,		/* transfer in progress (or stalled) */
	PLX9656_CHAN_ABORTED,		/* stopped by DMACSR Abort */
	PLX9656_CHAN_MASTER_ABORT,	/* a DMA access failed */
	PLX9656_CHAN_CHAIN_LIMIT,	/* PLX9656_MAX_CHAIN descriptors walked */
	PLX9656_CHAN_RESET,		/* stopped by CNTRL soft reset */
	PLX9656_CHAN_REJECTED,		/* Start refused (valid/ring mode) */
};

/* Serial EEPROM contents at construction (struct plx9656_config.eeprom) */
enum plx9656_eeprom {
	PLX9656_EEPROM_DEFAULT = 0,	/* built-in RDK-LITE image */
	PLX9656_EEPROM_IMAGE,		/* @eeprom_image (PLX9656_EEPROM_BYTES) */
	PLX9656_EEPROM_BLANK,		/* present, erased (all 0xFF) */
	PLX9656_EEPROM_NONE,		/* no EEPROM fitted (CNTRL 28 = 0) */
};

#define PLX9656_EEPROM_BYTES	256u	/* 93CS56: 128 x 16 bit */
#define PLX9656_CFG_SIZE	256u	/* PCI configuration space */

/**
 * struct plx9656_config - board construction parameters
 * @device_id: PCI device ID the built-in EEPROM image loads (0x9601,
 *	0x5601, 0x9656, 0x9056); also selects the chip class when @chip is 0
 * @revision: PCI revision ID the built-in EEPROM image loads
 * @bandwidth: modelled shared PCI bus bandwidth in bytes/s (0 = default
 *	for the chip: 528 MB/s for 9656-class, 264 MB/s for 9056-class)
 * @sram: caller-owned SRAM backing store of @sram_size bytes
 * @sram_size: bytes of @sram (normally PLX9656_SRAM_SIZE)
 * @chip: 0x9656 or 0x9056: the silicon, hard-wired in PCIHIDR (0 = from
 *	@device_id: 0x5601/0x9056/0x56c2 are 9056-class, the rest 9656)
 * @chip_rev: silicon revision in PCIHREV (0 = 0xBA on a 9656, 0xAA on a
 *	9056)
 * @subsys_vendor_id, @subsys_id: what the built-in image loads (0 =
 *	0x10B5 and @device_id)
 * @eeprom: enum plx9656_eeprom
 * @eeprom_image: PLX9656_EEPROM_BYTES bytes for PLX9656_EEPROM_IMAGE
 *	(copied at init; big-endian 16-bit words as the Microwire shifts them)
 * @arb_gap_ns: PCI bus time charged before every burst the chip masters
 *	(each data segment, descriptor fetch and count write-back): bus
 *	idle/turnaround + address phase. 0 = not charged.
 *	PLX9656_DEF_ARB_GAP_NS is the documented default.
 * @target_latency_ns: target initial latency charged on every PCI
 *	memory read of a descriptor (0 = not charged);
 *	PLX9656_DEF_TARGET_LATENCY_NS is the documented default.
 * @desc_costs: 1 = charge descriptor fetches from and count write-backs
 *	to PCI memory (address/latency above plus their data phases);
 *	0 = not charged (the old ideal: data only).
 */
struct plx9656_config {
	uint16_t device_id;
	uint8_t revision;
	uint64_t bandwidth;
	uint8_t *sram;
	uint32_t sram_size;
	uint16_t chip;
	uint8_t chip_rev;
	uint16_t subsys_vendor_id;
	uint16_t subsys_id;
	int eeprom;
	const uint8_t *eeprom_image;
	uint32_t arb_gap_ns;
	uint32_t target_latency_ns;
	int desc_costs;
};

/*
 * A modelled PCI bus segment that several boards may share
 * (plx9656_set_bus). @free: the time the last grant ends. The owner
 * allocates it zeroed and keeps it alive while any board uses it.
 */
struct plx9656_bus {
	uint64_t free;
};

/* Size of struct plx9656, for callers that allocate it opaquely. */
size_t plx9656_state_size(void);

/* Initialise @s (plx9656_state_size() bytes) and apply a power-on reset. */
void plx9656_init(struct plx9656 *s, const struct plx9656_config *cfg,
		  const struct plx9656_host_ops *ops, void *opaque);

/* Power-on / PCI reset: every register to its reset value, DMA idle. */
void plx9656_reset(struct plx9656 *s);

/* BAR0 (and BAR1 alias) access; @size is 1, 2 or 4; any offset < 0x200. */
uint32_t plx9656_reg_read(struct plx9656 *s, uint32_t off, unsigned int size);
void plx9656_reg_write(struct plx9656 *s, uint32_t off, uint32_t val,
		       unsigned int size);

/* BAR2/BAR3 (local space 0/1 window onto SRAM); @size 1, 2, 4 or 8. */
uint64_t plx9656_sram_read(struct plx9656 *s, uint32_t off, unsigned int size);
void plx9656_sram_write(struct plx9656 *s, uint32_t off, uint64_t val,
			unsigned int size);

/* Called by the host when a time requested through ops->schedule is due. */
void plx9656_run(struct plx9656 *s);

/* Faults a driver must survive, switchable at any time. */
void plx9656_set_stall(struct plx9656 *s, int channel_mask);	/* bit n = ch n never completes */
void plx9656_set_master_abort(struct plx9656 *s, int on);	/* every DMA access master-aborts */
/* bit n set = every DMA access of channel n master-aborts (the other
 * channel runs normally); plx9656_set_master_abort(s, on) = mask 3 / 0 */
void plx9656_set_master_abort_mask(struct plx9656 *s, int channel_mask);
int plx9656_master_abort_mask(const struct plx9656 *s);
void plx9656_set_bandwidth(struct plx9656 *s, uint64_t bytes_per_s);

/*
 * Bus costs at run time (apply to segments granted afterwards); same
 * meaning as the plx9656_config fields of the same names.
 */
void plx9656_set_bus_costs(struct plx9656 *s, uint32_t arb_gap_ns,
			   uint32_t target_latency_ns, int desc_costs);

/*
 * Put the board on the PCI bus segment @bus, shared with every other
 * board given the same @bus: their segments are granted one after the
 * other in load order. NULL = the board's own bus (the default). Call it
 * while the board's DMA channels are idle (e.g. before the first Start).
 */
void plx9656_set_bus(struct plx9656 *s, struct plx9656_bus *bus);

/* Current INTA# level (what set_irq last reported). */
int plx9656_irq_level(const struct plx9656 *s);

/* --- more control and status; see plx9656.c for the semantics --- */

/* State of DMA channel @channel (0/1): enum plx9656_chan_status. */
int plx9656_chan_status(const struct plx9656 *s, int channel);

/* The local side drives LINTi# (INTCSR bit 15 "local input active"). */
void plx9656_set_local_irq(struct plx9656 *s, int level);

/* The local side rings the PCI doorbell: L2PDBELL |= @bits (INTCSR 13). */
void plx9656_local_doorbell(struct plx9656 *s, uint32_t bits);

/* Clear the abort bits of the PCI Status register (13:11), as a W1C
 * write of them through plx9656_config_write() does: INTCSR 14 clears and
 * INTCSR 27:24 return to 1. */
void plx9656_clear_pci_abort(struct plx9656 *s);

/*
 * The chip's PCI configuration space (offset < 256, @size 1, 2 or 4; an
 * access is handled byte by byte). IDs come from the serial EEPROM;
 * Command implements bits 0-2, 4, 6, 8 (no INTx disable); Status bit 4
 * (capability list) and 5 (66 MHz) are 1, bits 8 and 15:11 are W1C (the
 * model sets 13/12 on a received master/target abort), there is no
 * interrupt-status bit 3; capabilities: power management at 0x40, hot swap
 * at 0x48, VPD at 0x4C (data from the EEPROM). A QEMU wrapper forwards
 * every configuration access here as well as to its PCI core.
 */
uint32_t plx9656_config_read(struct plx9656 *s, uint32_t off,
			     unsigned int size);
void plx9656_config_write(struct plx9656 *s, uint32_t off, uint32_t val,
			  unsigned int size);

/* Current power state from PMCSR: 0 = D0, 3 = D3hot. */
int plx9656_power_state(const struct plx9656 *s);

/* Copy the serial EEPROM contents (PLX9656_EEPROM_BYTES) to @buf. */
void plx9656_eeprom_get(const struct plx9656 *s, uint8_t *buf);

/* Build the built-in RDK-LITE image for @cfg into @buf (EEPROM_BYTES). */
void plx9656_eeprom_default(const struct plx9656_config *cfg, uint8_t *buf);

#endif /* PLX9656_MODEL_H */
