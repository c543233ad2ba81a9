/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Portable model of the PLX PCI 9656 / 9056 bus-master bridge as a driver
 * sees it: the BAR0 register block, two DMA channels (block and chained
 * scatter/gather), INTCSR interrupt logic and the on-board SRAM.
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
#define PLX9656_SRAM_SIZE	0x20000u	/* 128 KiB, local space 0 (and 1) */

#define PLX9656_BW_9656		528000000ull	/* bytes/s: 64 bit, 66 MHz */
#define PLX9656_BW_9056		264000000ull	/* bytes/s: 32 bit, 66 MHz */

struct plx9656;

/**
 * struct plx9656_host_ops - what the model needs from its environment
 * @dma_read: read @len bytes of host (PCI bus) memory at @addr into @buf.
 *	Return 0, or non-zero for a master abort (no such memory, bus master
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
};

/**
 * struct plx9656_config - board construction parameters
 * @device_id: PCI device ID reported in PCIHIDR (0x9601, 0x5601, 0x9656, 0x9056)
 * @revision: PCIHREV value
 * @bandwidth: modelled shared PCI bus bandwidth in bytes/s (0 = default
 *	for @device_id: 528 MB/s for 9656-class, 264 MB/s for 9056-class)
 * @sram: caller-owned SRAM backing store of @sram_size bytes
 * @sram_size: bytes of @sram (normally PLX9656_SRAM_SIZE)
 */
struct plx9656_config {
	uint16_t device_id;
	uint8_t revision;
	uint64_t bandwidth;
	uint8_t *sram;
	uint32_t sram_size;
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
void plx9656_set_bandwidth(struct plx9656 *s, uint64_t bytes_per_s);

/* Current INTA# level (what set_irq last reported). */
int plx9656_irq_level(const struct plx9656 *s);

/* --- more control and status; see plx9656.c for the semantics --- */

/* State of DMA channel @channel (0/1): enum plx9656_chan_status. */
int plx9656_chan_status(const struct plx9656 *s, int channel);

/* The local side drives LINTi# (INTCSR bit 15 "local input active"). */
void plx9656_set_local_irq(struct plx9656 *s, int level);

/* The local side rings the PCI doorbell: L2PDBELL |= @bits (INTCSR 13). */
void plx9656_local_doorbell(struct plx9656 *s, uint32_t bits);

/* Clear the PCI-abort status (INTCSR 26:24, so 14), e.g. when the host
 * clears the master-abort bit of the PCI status register. */
void plx9656_clear_pci_abort(struct plx9656 *s);

#endif /* PLX9656_MODEL_H */
