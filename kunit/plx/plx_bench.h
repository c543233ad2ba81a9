/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Test bench of the PLX core's KUnit suites: the core's
 * driver and device (DriverEntry -> EvtDriverDeviceAdd -> PrepareHardware
 * -> D0Entry, through wdftest.h) on a kunit device, whose BAR0 is the PLX
 * 9656 board model (emu/model) and whose DMA reaches host memory at the
 * DMA address.
 *
 * Register path: the core maps BAR0/BAR2 with MmMapIoSpaceEx. The bench
 * claims a fake physical range as a UML logic_iomem region, so the mapping
 * succeeds and every access from any thread (EvtIo on the test thread,
 * DPC and timers on the shim's work queue) reaches plxt_reg_read/write.
 * On the test thread the shim's KUnit redirect (wdf_register_read/write
 * static stubs) takes the accesses first and forwards them to the same
 * place; KUnit static stubs only apply to the test thread.
 *
 * Time: the model's clock is the bench's (now_ns); plx9656_run is called
 * by plxt_pump()/plxt_step() only, so the test decides when segments move.
 * INTA#: set_irq only records the level; plxt_pump() runs the core's ISR
 * through wdf_test_interrupt_fire() while the level is high.
 *
 * The bench's own register and bit constants are written from
 * doc/facts.md §3.3, not taken from the core or the model.
 */
#ifndef _PLX_KUNIT_BENCH_H
#define _PLX_KUNIT_BENCH_H

#include <kunit/test.h>
#include <linux/spinlock.h>
#include <wdf.h>
#include <wdftest.h>
#include "plx_private.h"
#include "../../emu/model/plx9656.h"

/* Registers and bits, from doc/facts.md §3.3. */
#define PLXT_INTCSR		0x68
#define PLXT_DMAMODE(c)		((c) ? 0x94 : 0x80)
#define PLXT_DMADPR(c)		((c) ? 0xA4 : 0x90)
#define PLXT_DMACSR(c)		((c) ? 0xA9 : 0xA8)
#define PLXT_CNTRL		0x6C
#define PLXT_CNTRL_RELOAD	BIT(29)
#define PLXT_CNTRL_RESET	BIT(30)
#define PLXT_PCI_COMMAND	0x04	/* configuration space */
#define PLXT_PCI_COMMAND_MASTER	BIT(2)
#define PLXT_PCI_STATUS		0x06	/* configuration space */
#define PLXT_PCI_STATUS_ABORTS	GENMASK(13, 11)	/* W1C abort bits */
#define PLXT_INTCSR_PIEN	BIT(8)
#define PLXT_INTCSR_PABORTIEN	BIT(10)
#define PLXT_INTCSR_PABORTIA	BIT(14)
#define PLXT_INTCSR_NOTMASTER	GENMASK(27, 24)	/* active low, reset 1 */
#define PLXT_INTCSR_NOTDMA(c)	BIT(25 + (c))
#define PLXT_INTCSR_DMAIEN(c)	BIT(18 + (c))
#define PLXT_INTCSR_DMAIA(c)	BIT(21 + (c))
#define PLXT_MODE_SG		BIT(9)
#define PLXT_MODE_DONEIEN	BIT(10)
#define PLXT_MODE_CLRCOUNT	BIT(16)
#define PLXT_MODE_INTPCI	BIT(17)
#define PLXT_MODE_DACCHAIN	BIT(18)
#define PLXT_CSR_ENABLE		BIT(0)
#define PLXT_CSR_START		BIT(1)
#define PLXT_CSR_ABORT		BIT(2)
#define PLXT_CSR_CLEAR		BIT(3)
#define PLXT_CSR_DONE		BIT(4)
#define PLXT_DPR_PCI		BIT(0)
#define PLXT_DPR_END		BIT(1)
#define PLXT_DPR_TCINT		BIT(2)
#define PLXT_DPR_L2P		BIT(3)
#define PLXT_SIZ_MASK		0x7FFFFFu

/*
 * Bytes per chain: what the suite configured with PLxSetChainBytes (the
 * default 128 KiB, or the sample's 8 KiB in the *_8k suites).
 */
#define PLXT_CHUNK		((size_t)PLxGetChainBytes())
#define PLXT_CHUNK_DEFAULT	0x20000u	/* one chain per 128 KiB */
#define PLXT_CHUNK_SAMPLE	8192u
#define PLXT_SRAM		0x20000u	/* 128 KiB */
#define PLXT_MAX_DESC		40		/* snapshot limit per chain */
#define PLXT_MAX_CHAINS		40
#define PLXT_NEVER		((u64)-1)

/* A descriptor as the chip would read it at Start (LE words decoded). */
struct plxt_desc {
	u64 at;		/* its bus address */
	u32 padr, ladr, siz, dpr, padr_high;
};

/* One chain, snapshot when the core wrote DMACSR Start. */
struct plxt_chain {
	int ch;
	u32 dmadpr, mode, intcsr;
	int n;
	bool terminated;	/* a descriptor with end-of-chain was found */
	bool bad;		/* a descriptor pointer left host memory */
	struct plxt_desc d[PLXT_MAX_DESC];
};

struct plxt_bench {
	struct kunit *test;
	struct device *dev;
	WDFDRIVER driver;
	WDFDEVICE device;
	PDEVICE_EXTENSION ext;

	struct plx9656 *model;
	u8 *sram;
	spinlock_t lock;	/* the model and everything below */
	u64 clock;		/* ns */
	u64 when;		/* last ops->schedule */
	int irq_level;
	bool gone;		/* reads all ones, writes dropped */
	unsigned int gone_reads;	/* the next BAR0 reads: all ones */
	bool cfg_gone;		/* configuration reads all ones too */
	bool master_at_reset;	/* bus master on at the last soft reset */

	unsigned int stub_accesses;	/* through wdf_register_read/write */
	unsigned int iomem_accesses;	/* through the logic_iomem mapping */
	unsigned int bad_accesses;	/* outside BAR0/BAR2 or bad width */
	unsigned int cfg_reads, cfg_writes;	/* configuration space */
	unsigned int cfg_bad;		/* ... outside it or foreign device */
	unsigned int status_clears;	/* W1C writes of PCI Status 13:11 */
	bool drop_abort;		/* DMACSR Abort writes are ignored */
	/*
	 * Bit n: after a master abort on channel n, the core sees DMACSR
	 * Done and INTCSR's channel-n interrupt as 0 until it writes DMACSR
	 * Abort - the other answer to "does an aborted channel set Done?"
	 * (the model's answer is yes).
	 */
	int hide_abort_done;
	bool abort_written[2];		/* DMACSR Abort since the last Start */
	unsigned int aborts[2];		/* DMACSR writes with Abort */
	unsigned int resets;		/* CNTRL writes setting bit 30 */
	unsigned int reloads;		/* CNTRL bit 29 pulses (1, then 0) */
	bool reloading;			/* CNTRL bit 29 written as 1 */
	u32 intcsr_reset;		/* INTCSR before the core started */
	u32 intcsr_log[8];		/* first INTCSR values the core wrote */
	unsigned int intcsr_writes;
	unsigned int clears[2];		/* DMACSR writes with Clear */
	unsigned int starts[2];		/* DMACSR writes with Start */
	unsigned int dma_faults;	/* model DMA outside RAM */
	unsigned int isr_true, isr_false;
	unsigned int model_msgs;	/* guest-error messages of the model */
	u64 data_written;	/* data bytes the model wrote to the host */
	u64 data_read;		/* data bytes the model read from the host */

	struct wdf_test_io *ios[4];	/* outstanding, cancelled at the end */

	struct plxt_chain chains[PLXT_MAX_CHAINS];
	int nchains;
	int lost_chains;		/* more than PLXT_MAX_CHAINS */
};

/* A bench with a started device; everything is undone at test end. */
struct plxt_bench *plxt_bench_create(struct kunit *test);

/*
 * Let the model and the core run to quiescence: shim work flushed, the
 * ISR fired while INTA# is high, the model run at each time it asked for
 * (the clock jumps there). Returns 0, -EIO if INTA# stayed high after the
 * ISR said "not mine", -ELOOP after @max_steps.
 */
int plxt_pump(struct plxt_bench *b, unsigned int max_steps);

/*
 * Advance the clock to the model's next requested time and run it once
 * (no ISR, no flush). Returns false if nothing was scheduled.
 */
bool plxt_step(struct plxt_bench *b);

/* Under the bench lock: model helpers usable from tests. */
u32 plxt_model_read(struct plxt_bench *b, u32 off, unsigned int size);
void plxt_model_write(struct plxt_bench *b, u32 off, u32 val,
		      unsigned int size);
void plxt_set_stall(struct plxt_bench *b, int mask);
/* The function reset (PCI): every register back to its reset value. */
void plxt_model_reset(struct plxt_bench *b);
/* Remove the device now (PCI remove), not at the end of the test. */
void plxt_remove(struct plxt_bench *b);
size_t plxt_sram_diff(struct plxt_bench *b, size_t off, size_t len, u32 seed);
int plxt_chan_status(struct plxt_bench *b, int ch);
void plxt_local_doorbell(struct plxt_bench *b, u32 bits);
int plxt_irq_level(struct plxt_bench *b);

/* Deterministic pattern byte @i of stream @seed. */
static inline u8 plxt_pat(u32 seed, size_t i)
{
	u32 x = seed * 2654435761u + (u32)i * 40503u + (u32)(i >> 8);

	return (u8)(x ^ (x >> 13) ^ (x >> 24));
}

/**
 * struct plxt_ubuf - user memory from kunit_vm_mmap() and its pages.
 * @base: user address of the mapping (page aligned)
 * @len: bytes mapped
 * @pages: the pages backing it once faulted in (for expected addresses)
 * @npages: number of pages
 */
struct plxt_ubuf {
	unsigned long base;
	size_t len;
	struct page **pages;
	unsigned int npages;
};

/* @len bytes of user memory, filled with @fill and faulted in (writable). */
struct plxt_ubuf *plxt_ubuf_alloc(struct kunit *test, size_t len, u8 fill);
void plxt_next_write_not_ended_early(struct plxt_bench *b,
				     struct plxt_ubuf *u, u32 seed);

/* Copy @len bytes of pattern @seed to the user buffer at @off. */
void plxt_ubuf_fill(struct kunit *test, const struct plxt_ubuf *u, size_t off,
		    size_t len, u32 seed);

/* Bus address of byte @off of the user buffer (no IOMMU: page phys). */
u64 plxt_ubuf_bus(const struct plxt_ubuf *u, size_t off);

/*
 * A kernel buffer of @npages pages no two of which are physically
 * adjacent (so no SG merging is possible), mapped contiguously (vmap).
 */
struct plxt_kbuf {
	u8 *va;
	struct page **pages;
	unsigned int npages;
};

struct plxt_kbuf *plxt_kbuf_alloc(struct kunit *test, unsigned int npages);
u64 plxt_kbuf_bus(const struct plxt_kbuf *k, size_t off);

/* Asynchronous I/O: submit (tracked), wait. */
struct wdf_test_io *plxt_submit(struct plxt_bench *b, WDF_REQUEST_TYPE type,
				unsigned long addr, size_t len, loff_t off,
				ULONG code, unsigned int flags);
long plxt_wait(struct plxt_bench *b, struct wdf_test_io *io);
/* What a signal does to the caller (wdf_test_io_cancel). */
long plxt_cancel(struct plxt_bench *b, struct wdf_test_io *io);
void plxt_set_master_abort(struct plxt_bench *b, int on);
/* Bit n: every DMA access of channel n master-aborts (the other runs). */
void plxt_set_master_abort_mask(struct plxt_bench *b, int mask);
/*
 * The model's PCI configuration space (the core reaches it through the
 * shim's GUID_BUS_INTERFACE_STANDARD, routed here).
 */
u32 plxt_cfg_read(struct plxt_bench *b, u32 off, unsigned int size);
void plxt_cfg_write(struct plxt_bench *b, u32 off, u32 val, unsigned int size);

/* Where the bytes of a request's buffer live (one of @u / @k). */
struct plxt_layout {
	const struct plxt_ubuf *u;
	const struct plxt_kbuf *k;
	size_t boff;	/* the request's first byte within the mapping */
};

u64 plxt_layout_bus(const struct plxt_layout *l, size_t i);

/*
 * Check chain @c against what doc/facts.md requires for bytes [@pos, @end) of
 * the request (file offset @foff) on channel @ch (1 = read): per
 * descriptor PADR = bus address of its first byte and physically
 * contiguous, LADR = @foff + bytes before it, SIZ > 0, flags (PCI, no
 * terminal-count interrupt, direction, end of chain on the last one only),
 * 16-byte aligned and 32 bytes apart; element boundaries on page
 * boundaries; at most 3 descriptors; DMAMODE/INTCSR/DMADPR as programmed.
 * @exact: the buffer's pages are pairwise non-adjacent, so the number of
 * descriptors must equal the number of pages the bytes touch.
 */
/* Suite init of the *_8k suites / the default ones; exit restores. */
int plxt_suite_chunk_sample(struct kunit_suite *suite);
int plxt_suite_chunk_default(struct kunit_suite *suite);
void plxt_suite_chunk_restore(struct kunit_suite *suite);
/* Descriptors a chain of PLXT_CHUNK bytes may need (unaligned start). */
int plxt_max_sg(void);
void plxt_check_chain(struct kunit *test, const struct plxt_chain *c, int ch,
		      const struct plxt_layout *l, size_t pos, size_t end,
		      loff_t foff, bool exact);

/* Synchronous I/O helpers: submit, pump, wait (fails the test on -ELOOP). */
long plxt_rw(struct plxt_bench *b, WDF_REQUEST_TYPE type, unsigned long addr,
	     size_t len, loff_t off, unsigned int flags);
long plxt_toggle_single(struct plxt_bench *b, u8 *state);

/* The core's state, read without locks (the test is the only actor). */
static inline PLX_COUNTERS plxt_counters(struct plxt_bench *b)
{
	PLX_COUNTERS c;

	PLxGetCounters(b->device, &c);
	return c;
}

#endif /* _PLX_KUNIT_BENCH_H */
