// SPDX-License-Identifier: GPL-2.0-only
/*
 * The PLX core end to end on the board model: the test
 * environment (bus address = physical address), loopback through the SRAM,
 * ISR/DPC bookkeeping, the clear-count residual of a read stopped mid
 * chain, single-transfer mode, and the sample's defects the port fixes
 * (the DPC's read branch clearing the wrong saved CSR, INTCSR all ones,
 * no DMA timeout).
 */
#include <kunit/device.h>
#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/dma-mapping.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include "plx_bench.h"

#define PLXT_SRAM_FILL	0xC3

/* Bytes of the user buffer @u at @off that differ from pattern @seed. */
static size_t plxt_ubuf_diff(struct kunit *test, const struct plxt_ubuf *u,
			     size_t off, size_t len, u32 seed)
{
	u8 *tmp = kvmalloc(len, GFP_KERNEL);
	size_t i, bad = 0;

	KUNIT_ASSERT_NOT_NULL(test, tmp);
	if (copy_from_user(tmp, (void __user *)(u->base + off), len)) {
		kvfree(tmp);
		KUNIT_FAIL(test, "copy_from_user");
		return len;
	}
	for (i = 0; i < len; i++)
		bad += tmp[i] != plxt_pat(seed, i);
	kvfree(tmp);
	return bad;
}

/*
 * Loopback through the board: @len bytes of pattern @seed from @w at
 * @woff to SRAM @sram, checked there, and back into @r at @roff, checked.
 */
static void plxt_expect_loopback(struct plxt_bench *b, struct plxt_ubuf *w,
				 size_t woff, struct plxt_ubuf *r, size_t roff,
				 size_t len, loff_t sram, u32 seed)
{
	struct kunit *test = b->test;

	plxt_ubuf_fill(test, w, woff, len, seed);
	KUNIT_EXPECT_EQ(test, plxt_rw(b, WdfRequestTypeWrite, w->base + woff,
				      len, sram, 0), (long)len);
	KUNIT_EXPECT_EQ(test, plxt_sram_diff(b, sram, len, seed), (size_t)0);
	KUNIT_EXPECT_EQ(test, plxt_rw(b, WdfRequestTypeRead, r->base + roff,
				      len, sram, 0), (long)len);
	KUNIT_EXPECT_EQ(test, plxt_ubuf_diff(test, r, roff, len, seed),
			(size_t)0);
}

/*
 * The bench's premise: on UML a device's bus address is the physical
 * address, for streaming mappings and coherent memory alike, so the model
 * reaches a buffer through phys_to_virt().
 */
static void plx_env_dma_is_phys_test(struct kunit *test)
{
	struct device *dev = kunit_device_register(test, "plx-env");
	dma_addr_t dma, cdma;
	void *buf, *cpu;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, dev);
	dev->dma_mask = &dev->coherent_dma_mask;
	KUNIT_ASSERT_EQ(test, dma_set_mask_and_coherent(dev, DMA_BIT_MASK(32)),
			0);
	buf = kunit_kmalloc(test, 100, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	dma = dma_map_single(dev, buf, 100, DMA_TO_DEVICE);
	KUNIT_ASSERT_FALSE(test, dma_mapping_error(dev, dma));
	KUNIT_EXPECT_PTR_EQ(test, phys_to_virt(dma), buf);
	dma_unmap_single(dev, dma, 100, DMA_TO_DEVICE);

	cpu = dma_alloc_coherent(dev, 96, &cdma, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, cpu);
	KUNIT_EXPECT_PTR_EQ(test, phys_to_virt(cdma), cpu);
	dma_free_coherent(dev, 96, cpu, cdma);
}

/*
 * Device start: the core maps the registers (through the bench's fake
 * BAR0) and sets up both channels on D0 entry; register accesses of the
 * test thread go through the shim's KUnit redirect.
 */
static void plx_start_test(struct kunit *test)
{
	struct plxt_bench *b = plxt_bench_create(test);

	KUNIT_EXPECT_NOT_NULL(test, b->ext->Regs);
	KUNIT_EXPECT_NOT_NULL(test, b->ext->SRAMBase);
	KUNIT_EXPECT_EQ(test, b->ext->RegsLength, (ULONG)PLX9656_BAR0_SIZE);
	KUNIT_EXPECT_EQ(test, b->ext->SRAMLength, (ULONG)PLXT_SRAM);
	KUNIT_EXPECT_FALSE(test, b->ext->DeviceGone);
	KUNIT_EXPECT_GT(test, b->stub_accesses + b->iomem_accesses, 0u);
	KUNIT_EXPECT_EQ(test, b->bad_accesses, 0u);
	/* INTA# enabled by EvtInterruptEnable, no DMA started. */
	KUNIT_EXPECT_TRUE(test, plxt_model_read(b, PLXT_INTCSR, 4) &
			  PLXT_INTCSR_PIEN);
	KUNIT_EXPECT_EQ(test, b->starts[0] + b->starts[1], 0u);
	KUNIT_EXPECT_EQ(test, plxt_model_read(b, 0xB4, 4), 0u);	/* DMADAC0 */
	KUNIT_EXPECT_EQ(test, plxt_model_read(b, 0xB8, 4), 0u);	/* DMADAC1 */
}

/* Write 128 KiB, read it back into another, differently aligned buffer. */
static void plx_loopback_128k_test(struct kunit *test)
{
	struct plxt_bench *b = plxt_bench_create(test);
	struct plxt_ubuf *w = plxt_ubuf_alloc(test, PLXT_SRAM + PAGE_SIZE, 0);
	struct plxt_ubuf *r = plxt_ubuf_alloc(test, PLXT_SRAM + PAGE_SIZE, 0);
	PLX_COUNTERS c;

	plxt_expect_loopback(b, w, 7, r, 300, PLXT_SRAM, 0, 42);

	c = plxt_counters(b);
	KUNIT_EXPECT_EQ(test, c.Requests, 2ull);
	KUNIT_EXPECT_EQ(test, c.BytesWritten, (u64)PLXT_SRAM);
	KUNIT_EXPECT_EQ(test, c.BytesRead, (u64)PLXT_SRAM);
	/* One interrupt per chain: 2 by default, 32 with 8 KiB chains. */
	KUNIT_EXPECT_EQ(test, c.Interrupts, 2ull * (PLXT_SRAM / PLXT_CHUNK));
	KUNIT_EXPECT_EQ(test, c.Dpcs, c.Interrupts);
	KUNIT_EXPECT_EQ(test, c.Errors, 0ull);
	KUNIT_EXPECT_EQ(test, c.SpuriousDpcs, 0ull);
	/* Later chains are programmed from the DPC on the shim's thread. */
	KUNIT_EXPECT_GT(test, b->iomem_accesses, 0u);
	KUNIT_EXPECT_GT(test, b->stub_accesses, 0u);
}

/* The file offset is the SRAM address, for writes and reads. */
static void plx_offsets_test(struct kunit *test)
{
	struct plxt_bench *b = plxt_bench_create(test);
	struct plxt_ubuf *u = plxt_ubuf_alloc(test, 2 * PAGE_SIZE, 0);
	u8 got[10];
	size_t i;

	memset(b->sram, PLXT_SRAM_FILL, PLXT_SRAM);
	plxt_ubuf_fill(test, u, 0, 1000, 9);
	KUNIT_EXPECT_EQ(test, plxt_rw(b, WdfRequestTypeWrite, u->base, 1000,
				      5000, 0), 1000L);
	KUNIT_EXPECT_EQ(test, plxt_sram_diff(b, 5000, 1000, 9), (size_t)0);
	KUNIT_EXPECT_EQ(test, b->sram[4999], PLXT_SRAM_FILL);
	KUNIT_EXPECT_EQ(test, b->sram[6000], PLXT_SRAM_FILL);

	/* 10 bytes from 4995: 5 untouched bytes, then the first 5 written. */
	KUNIT_EXPECT_EQ(test, plxt_rw(b, WdfRequestTypeRead,
				      u->base + PAGE_SIZE, 10, 4995, 0), 10L);
	KUNIT_ASSERT_EQ(test, copy_from_user(got, (void __user *)(u->base +
						  PAGE_SIZE), 10), 0UL);
	for (i = 0; i < 5; i++)
		KUNIT_EXPECT_EQ(test, got[i], PLXT_SRAM_FILL);
	for (i = 5; i < 10; i++)
		KUNIT_EXPECT_EQ(test, got[i], plxt_pat(9, i - 5));

	/* The last byte of the SRAM. */
	KUNIT_EXPECT_EQ(test, plxt_rw(b, WdfRequestTypeWrite, u->base, 1,
				      PLXT_SRAM - 1, 0), 1L);
	KUNIT_EXPECT_EQ(test, b->sram[PLXT_SRAM - 1], plxt_pat(9, 0));
}

/*
 * The node is a file of 131072 bytes (the core's WdfDeviceSetIoLimits,
 * issue 9): at and past the end, and at a negative offset, nothing
 * reaches the core; a transfer crossing the end is short.
 */
static void plx_validation_test(struct kunit *test)
{
	struct plxt_bench *b = plxt_bench_create(test);
	struct plxt_ubuf *u = plxt_ubuf_alloc(test, PLXT_SRAM + PAGE_SIZE, 0);

	KUNIT_EXPECT_EQ(test, plxt_rw(b, WdfRequestTypeRead, u->base, 1,
				      PLXT_SRAM, 0), 0L);
	KUNIT_EXPECT_EQ(test, plxt_rw(b, WdfRequestTypeWrite, u->base, 1,
				      PLXT_SRAM, 0), (long)-ENOSPC);
	KUNIT_EXPECT_EQ(test, plxt_rw(b, WdfRequestTypeRead, u->base, 16,
				      -1, 0), (long)-EINVAL);
	KUNIT_EXPECT_EQ(test, plxt_rw(b, WdfRequestTypeWrite, u->base, 0, 0,
				      0), 0L);
	KUNIT_EXPECT_EQ(test, b->starts[0] + b->starts[1], 0u);
	KUNIT_EXPECT_EQ(test, plxt_counters(b).Requests, 0ull);

	/* crossing the end: up to the end only */
	KUNIT_EXPECT_EQ(test, plxt_rw(b, WdfRequestTypeWrite, u->base, 11,
				      PLXT_SRAM - 10, 0), 10L);
	KUNIT_EXPECT_EQ(test, plxt_rw(b, WdfRequestTypeRead, u->base,
				      PLXT_SRAM + 1, 0, 0), (long)PLXT_SRAM);
	KUNIT_EXPECT_EQ(test, plxt_counters(b).Requests, 2ull);
}

/* INTCSR without a DMA source: not this board's interrupt. */
static void plx_isr_not_ours_test(struct kunit *test)
{
	struct plxt_bench *b = plxt_bench_create(test);
	PLX_COUNTERS c;

	KUNIT_EXPECT_FALSE(test, wdf_test_interrupt_fire(b->device));
	/* A local-to-PCI doorbell shows in INTCSR (bit 13), still not ours. */
	plxt_local_doorbell(b, 0x1);
	KUNIT_ASSERT_TRUE(test, plxt_model_read(b, PLXT_INTCSR, 4) & BIT(13));
	KUNIT_EXPECT_FALSE(test, wdf_test_interrupt_fire(b->device));
	wdf_test_device_flush(b->device);
	c = plxt_counters(b);
	KUNIT_EXPECT_EQ(test, c.Interrupts, 0ull);
	KUNIT_EXPECT_EQ(test, c.SpuriousDpcs, 0ull);
	KUNIT_EXPECT_EQ(test, b->clears[0] + b->clears[1], 0u);
	KUNIT_EXPECT_FALSE(test, b->ext->DeviceGone);
}

/*
 * One write, the model run to its end without the ISR: INTA# is high,
 * INTCSR shows channel 0; the ISR claims it, acknowledges it with DMACSR0
 * Clear (INTA# drops) and queues the DPC, which completes the request.
 */
static void plx_isr_ack_dpc_test(struct kunit *test)
{
	struct plxt_bench *b = plxt_bench_create(test);
	struct plxt_ubuf *u = plxt_ubuf_alloc(test, PAGE_SIZE, 0);
	struct wdf_test_io *io;
	int i;

	plxt_ubuf_fill(test, u, 0, 4096, 3);
	io = plxt_submit(b, WdfRequestTypeWrite, u->base, 4096, 0, 0, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(io));
	KUNIT_ASSERT_EQ(test, b->starts[0], 1u);
	for (i = 0; i < 10 && !plxt_irq_level(b); i++)
		plxt_step(b);
	KUNIT_ASSERT_EQ(test, plxt_irq_level(b), 1);
	KUNIT_EXPECT_TRUE(test, plxt_model_read(b, PLXT_INTCSR, 4) &
			  PLXT_INTCSR_DMAIA(0));
	KUNIT_EXPECT_FALSE(test, plxt_model_read(b, PLXT_INTCSR, 4) &
			   PLXT_INTCSR_DMAIA(1));
	KUNIT_EXPECT_TRUE(test, plxt_model_read(b, PLXT_DMACSR(0), 1) &
			  PLXT_CSR_DONE);
	KUNIT_EXPECT_TRUE(test, b->ext->Channel[PLX_CH_WRITE].Busy);
	KUNIT_EXPECT_EQ(test, b->clears[0], 0u);

	KUNIT_EXPECT_TRUE(test, wdf_test_interrupt_fire(b->device));
	KUNIT_EXPECT_EQ(test, b->clears[0], 1u);
	KUNIT_EXPECT_EQ(test, b->clears[1], 0u);
	KUNIT_EXPECT_EQ(test, b->starts[0], 1u);	/* the ack never restarts */
	KUNIT_EXPECT_EQ(test, plxt_irq_level(b), 0);
	KUNIT_EXPECT_FALSE(test, plxt_model_read(b, PLXT_INTCSR, 4) &
			   PLXT_INTCSR_DMAIA(0));
	KUNIT_EXPECT_EQ(test, plxt_counters(b).Interrupts, 1ull);

	wdf_test_device_flush(b->device);	/* the DPC */
	KUNIT_EXPECT_FALSE(test, b->ext->Channel[PLX_CH_WRITE].Busy);
	KUNIT_EXPECT_EQ(test, plxt_wait(b, io), 4096L);
	KUNIT_EXPECT_EQ(test, plxt_sram_diff(b, 0, 4096, 3), (size_t)0);
	KUNIT_EXPECT_EQ(test, plxt_counters(b).BytesWritten, 4096ull);

	/* Nothing pending any more: the next interrupt is not ours. */
	KUNIT_EXPECT_FALSE(test, wdf_test_interrupt_fire(b->device));
	wdf_test_device_flush(b->device);
	KUNIT_EXPECT_EQ(test, plxt_counters(b).SpuriousDpcs, 0ull);
}

/*
 * A write and a read in flight; channel 0 stalled: the DPC completes the
 * read only; the write finishes once the stall is lifted.
 */
static void plx_dpc_right_channel_test(struct kunit *test)
{
	struct plxt_bench *b = plxt_bench_create(test);
	struct plxt_ubuf *w = plxt_ubuf_alloc(test, 3 * PAGE_SIZE, 0);
	struct plxt_ubuf *r = plxt_ubuf_alloc(test, 3 * PAGE_SIZE, 0);
	struct wdf_test_io *wio, *rio;
	PLX_COUNTERS c;
	size_t i;

	for (i = 0; i < 8192; i++)
		b->sram[65536 + i] = plxt_pat(77, i);
	plxt_ubuf_fill(test, w, 10, 8192, 66);
	plxt_set_stall(b, 1 << 0);

	wio = plxt_submit(b, WdfRequestTypeWrite, w->base + 10, 8192, 0, 0, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(wio));
	rio = plxt_submit(b, WdfRequestTypeRead, r->base + 20, 8192, 65536, 0,
			  0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(rio));
	KUNIT_EXPECT_EQ(test, plxt_pump(b, 1000), 0);

	KUNIT_EXPECT_EQ(test, plxt_wait(b, rio), 8192L);
	KUNIT_EXPECT_EQ(test, plxt_ubuf_diff(test, r, 20, 8192, 77), (size_t)0);
	c = plxt_counters(b);
	KUNIT_EXPECT_EQ(test, c.BytesRead, 8192ull);
	KUNIT_EXPECT_EQ(test, c.BytesWritten, 0ull);
	KUNIT_EXPECT_TRUE(test, b->ext->Channel[PLX_CH_WRITE].Busy);
	KUNIT_EXPECT_EQ(test, plxt_chan_status(b, 0), PLX9656_CHAN_BUSY);
	KUNIT_EXPECT_EQ(test, b->clears[0], 0u);

	plxt_set_stall(b, 0);
	KUNIT_EXPECT_EQ(test, plxt_pump(b, 1000), 0);
	KUNIT_EXPECT_EQ(test, plxt_wait(b, wio), 8192L);
	KUNIT_EXPECT_EQ(test, plxt_sram_diff(b, 0, 8192, 66), (size_t)0);
	c = plxt_counters(b);
	KUNIT_EXPECT_EQ(test, c.BytesWritten, 8192ull);
	KUNIT_EXPECT_EQ(test, c.BytesRead, 8192ull);
	KUNIT_EXPECT_EQ(test, c.Interrupts, 2ull);
	KUNIT_EXPECT_EQ(test, c.SpuriousDpcs, 0ull);
	KUNIT_EXPECT_EQ(test, c.Errors, 0ull);
}

/*
 * doc/facts.md §7 defect 1: the sample's DPC read branch cleared the
 * saved Dma0Csr instead of Dma1Csr, leaving a stale "channel 1 done"
 * behind. Here: both channels finish before one interrupt; afterwards
 * neither channel keeps a saved CSR, and later write-only interrupts never
 * complete the read side again nor queue a DPC that finds nothing to do.
 */
static void plx_dpc_clears_own_csr_test(struct kunit *test)
{
	struct plxt_bench *b = plxt_bench_create(test);
	struct plxt_ubuf *w = plxt_ubuf_alloc(test, PAGE_SIZE, 0);
	struct plxt_ubuf *r = plxt_ubuf_alloc(test, PAGE_SIZE, 0);
	struct wdf_test_io *wio, *rio;
	PLX_COUNTERS c;
	size_t i;
	int k;

	for (i = 0; i < 4096; i++)
		b->sram[32768 + i] = plxt_pat(5, i);
	plxt_ubuf_fill(test, w, 0, 4096, 6);
	wio = plxt_submit(b, WdfRequestTypeWrite, w->base, 4096, 0, 0, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(wio));
	rio = plxt_submit(b, WdfRequestTypeRead, r->base, 4096, 32768, 0, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(rio));
	for (k = 0; k < 20 && (plxt_chan_status(b, 0) == PLX9656_CHAN_BUSY ||
			       plxt_chan_status(b, 1) == PLX9656_CHAN_BUSY); k++)
		plxt_step(b);
	KUNIT_ASSERT_EQ(test, plxt_model_read(b, PLXT_INTCSR, 4) &
			(PLXT_INTCSR_DMAIA(0) | PLXT_INTCSR_DMAIA(1)),
			(u32)(PLXT_INTCSR_DMAIA(0) | PLXT_INTCSR_DMAIA(1)));
	KUNIT_EXPECT_EQ(test, plxt_pump(b, 100), 0);
	KUNIT_EXPECT_EQ(test, b->isr_true, 1u);
	KUNIT_EXPECT_EQ(test, plxt_wait(b, wio), 4096L);
	KUNIT_EXPECT_EQ(test, plxt_wait(b, rio), 4096L);
	KUNIT_EXPECT_EQ(test, plxt_ubuf_diff(test, r, 0, 4096, 5), (size_t)0);

	/* Both saved copies consumed by the DPC, each its own. */
	KUNIT_EXPECT_FALSE(test, b->ext->Channel[PLX_CH_READ].IsrActive);
	KUNIT_EXPECT_EQ(test, b->ext->Channel[PLX_CH_READ].IsrCsr, 0);
	KUNIT_EXPECT_FALSE(test, b->ext->Channel[PLX_CH_WRITE].IsrActive);
	KUNIT_EXPECT_EQ(test, b->ext->Channel[PLX_CH_WRITE].IsrCsr, 0);

	/* Two more writes: their interrupts concern channel 0 only. */
	for (k = 0; k < 2; k++) {
		plxt_ubuf_fill(test, w, 0, 4096, 100 + k);
		KUNIT_EXPECT_EQ(test, plxt_rw(b, WdfRequestTypeWrite, w->base,
					      4096, 4096, 0), 4096L);
		KUNIT_EXPECT_EQ(test, plxt_sram_diff(b, 4096, 4096, 100 + k),
				(size_t)0);
		KUNIT_EXPECT_EQ(test, b->ext->Channel[PLX_CH_READ].IsrCsr, 0);
	}
	KUNIT_EXPECT_FALSE(test, wdf_test_interrupt_fire(b->device));
	wdf_test_device_flush(b->device);
	c = plxt_counters(b);
	KUNIT_EXPECT_EQ(test, c.BytesRead, 4096ull);
	KUNIT_EXPECT_EQ(test, c.BytesWritten, 3ull * 4096);
	KUNIT_EXPECT_EQ(test, c.Requests, 4ull);
	KUNIT_EXPECT_EQ(test, c.Interrupts, 3ull);
	KUNIT_EXPECT_EQ(test, c.SpuriousDpcs, 0ull);
	KUNIT_EXPECT_EQ(test, b->starts[1], 1u);
	KUNIT_EXPECT_EQ(test, b->clears[1], 1u);

	/* And the read channel still works. */
	KUNIT_EXPECT_EQ(test, plxt_rw(b, WdfRequestTypeRead, r->base, 4096,
				      4096, 0), 4096L);
	KUNIT_EXPECT_EQ(test, plxt_ubuf_diff(test, r, 0, 4096, 101), (size_t)0);
}

/*
 * Issue 9 defect 8: one read of all ones does not make the board gone.
 * The ISR says "not mine" and touches nothing, but the board answers the
 * next read and serves I/O (on the old core the ISR marked it gone for
 * good: every later request failed with -ENODEV and its level interrupt
 * was never acknowledged again). Really gone - configuration space all
 * ones too - is decided by the watchdog of the transfer in flight
 * (-ENODEV), later requests fail at once, and a reset (D0 exit and entry)
 * brings the board back when it answers again.
 */
static void plx_device_gone_test(struct kunit *test)
{
	struct plxt_bench *b = plxt_bench_create(test);
	struct plxt_ubuf *u = plxt_ubuf_alloc(test, PAGE_SIZE, 0);
	int starts;

	/* One failed read: not ours, not gone. */
	b->gone_reads = 1;
	KUNIT_EXPECT_FALSE(test, wdf_test_interrupt_fire(b->device));
	KUNIT_EXPECT_EQ(test, b->gone_reads, 0u);
	KUNIT_EXPECT_FALSE(test, b->ext->DeviceGone);
	wdf_test_device_flush(b->device);
	KUNIT_EXPECT_EQ(test, plxt_counters(b).Interrupts, 0ull);
	plxt_ubuf_fill(test, u, 0, 100, 9);
	KUNIT_EXPECT_EQ(test, plxt_rw(b, WdfRequestTypeWrite, u->base, 100, 0,
				      0), 100L);
	KUNIT_EXPECT_EQ(test, plxt_sram_diff(b, 0, 100, 9), (size_t)0);

	/* Gone: BAR0 and configuration space read all ones. */
	b->gone = true;
	b->cfg_gone = true;
	starts = b->nchains;
	KUNIT_EXPECT_FALSE(test, wdf_test_interrupt_fire(b->device));
	KUNIT_EXPECT_FALSE(test, b->ext->DeviceGone);	/* not from the ISR */
	KUNIT_EXPECT_EQ(test, plxt_rw(b, WdfRequestTypeRead, u->base, 100, 0,
				      0), (long)-ENODEV);
	KUNIT_EXPECT_TRUE(test, b->ext->DeviceGone);
	KUNIT_EXPECT_EQ(test, plxt_rw(b, WdfRequestTypeWrite, u->base, 100, 0,
				      0), (long)-ENODEV);
	KUNIT_EXPECT_EQ(test, plxt_rw(b, WdfRequestTypeRead, u->base, 100, 0,
				      0), (long)-ENODEV);
	KUNIT_EXPECT_EQ(test, b->nchains, starts);	/* writes went nowhere */
	KUNIT_EXPECT_EQ(test, plxt_counters(b).SpuriousDpcs, 0ull);

	/* It answers again; a reset brings it back. */
	b->gone = false;
	b->cfg_gone = false;
	wdf_test_device_reset_prepare(b->device);
	plxt_model_reset(b);
	KUNIT_EXPECT_EQ(test, wdf_test_device_reset_done(b->device),
			STATUS_SUCCESS);
	KUNIT_EXPECT_FALSE(test, b->ext->DeviceGone);
	plxt_ubuf_fill(test, u, 0, 100, 10);
	KUNIT_EXPECT_EQ(test, plxt_rw(b, WdfRequestTypeWrite, u->base, 100,
				      200, 0), 100L);
	KUNIT_EXPECT_EQ(test, plxt_sram_diff(b, 200, 100, 10), (size_t)0);
}

/*
 * Both channels running and stalled (a 6000-byte write and read), and a
 * second read queued behind: @io[0..2].
 */
static void plxt_both_stalled(struct plxt_bench *b, struct wdf_test_io *io[3])
{
	struct kunit *test = b->test;
	struct plxt_ubuf *w = plxt_ubuf_alloc(test, 2 * PAGE_SIZE, 0);
	struct plxt_ubuf *r = plxt_ubuf_alloc(test, 2 * PAGE_SIZE, 0);
	struct plxt_ubuf *r2 = plxt_ubuf_alloc(test, PAGE_SIZE, 0);
	int i;

	plxt_set_stall(b, 3);
	io[0] = plxt_submit(b, WdfRequestTypeWrite, w->base, 6000, 0, 0, 0);
	io[1] = plxt_submit(b, WdfRequestTypeRead, r->base, 6000, 8192, 0, 0);
	io[2] = plxt_submit(b, WdfRequestTypeRead, r2->base, 100, 0, 0, 0);
	for (i = 0; i < 3; i++)
		KUNIT_ASSERT_FALSE(test, IS_ERR(io[i]));
	KUNIT_EXPECT_EQ(test, plxt_pump(b, 100), 0);
	KUNIT_ASSERT_EQ(test, plxt_chan_status(b, 0), PLX9656_CHAN_BUSY);
	KUNIT_ASSERT_EQ(test, plxt_chan_status(b, 1), PLX9656_CHAN_BUSY);
}

/*
 * Issue 9 defect 8: a PCI function reset (reset_prepare / reset_done)
 * while both channels are busy and a third request waits in the read
 * queue. The running transfers end with -EIO at once (not by the
 * watchdog), the waiting one is refused with -EAGAIN while the board is
 * out of D0, the chip's engines are stopped before the interrupt goes;
 * after the reset the board's interrupt is enabled again and both
 * channels move data.
 */
static void plx_reset_during_io_test(struct kunit *test)
{
	struct plxt_bench *b = plxt_bench_create(test);
	struct plxt_ubuf *w = plxt_ubuf_alloc(test, 2 * PAGE_SIZE, 0);
	struct plxt_ubuf *r = plxt_ubuf_alloc(test, 2 * PAGE_SIZE, 0);
	struct wdf_test_io *io[3], *wio, *rio, *rio2;
	PLX_COUNTERS c;

	plxt_both_stalled(b, io);
	wio = io[0];
	rio = io[1];
	rio2 = io[2];

	wdf_test_device_reset_prepare(b->device);
	KUNIT_EXPECT_FALSE(test, b->ext->InD0);
	KUNIT_EXPECT_EQ(test, plxt_wait(b, wio), (long)-EIO);
	KUNIT_EXPECT_EQ(test, plxt_wait(b, rio), (long)-EIO);
	KUNIT_EXPECT_EQ(test, plxt_wait(b, rio2), (long)-EAGAIN);
	KUNIT_EXPECT_EQ(test, plxt_chan_status(b, 0), PLX9656_CHAN_ABORTED);
	KUNIT_EXPECT_EQ(test, plxt_chan_status(b, 1), PLX9656_CHAN_ABORTED);
	KUNIT_EXPECT_FALSE(test, b->ext->Channel[0].Busy);
	KUNIT_EXPECT_FALSE(test, b->ext->Channel[1].Busy);
	KUNIT_EXPECT_EQ(test, plxt_model_read(b, PLXT_INTCSR, 4) &
			(PLXT_INTCSR_PIEN | PLXT_INTCSR_PABORTIEN), 0u);
	KUNIT_EXPECT_EQ(test, b->resets, 0u);	/* Abort was enough */
	c = plxt_counters(b);
	KUNIT_EXPECT_EQ(test, c.Errors, 2ull);
	KUNIT_EXPECT_EQ(test, c.Timeouts, 0ull);

	/* The reset itself, then back to D0. */
	plxt_set_stall(b, 0);
	plxt_model_reset(b);
	KUNIT_EXPECT_EQ(test, wdf_test_device_reset_done(b->device),
			STATUS_SUCCESS);
	KUNIT_EXPECT_TRUE(test, b->ext->InD0);
	KUNIT_EXPECT_EQ(test, plxt_model_read(b, PLXT_INTCSR, 4) &
			(PLXT_INTCSR_PIEN | PLXT_INTCSR_PABORTIEN),
			(u32)(PLXT_INTCSR_PIEN | PLXT_INTCSR_PABORTIEN));
	plxt_expect_loopback(b, w, 3, r, 5, 6000, 1000, 41);
	KUNIT_EXPECT_EQ(test, plxt_counters(b).SpuriousDpcs, 0ull);
}

/*
 * Issue 9 defect 7 (core): D0 entry finds a channel still running (left
 * by a previous driver or kernel; here started behind the core's back
 * while the device is out of D0) and stops it before the shim turns bus
 * mastering on and connects the interrupt; no transfer of the core is
 * affected and the channel then works.
 */
static void plx_d0_entry_quiesces_test(struct kunit *test)
{
	struct plxt_bench *b = plxt_bench_create(test);
	struct plxt_kbuf *k = plxt_kbuf_alloc(test, 2);
	struct plxt_ubuf *u = plxt_ubuf_alloc(test, PAGE_SIZE, 0);
	__le32 *desc = (__le32 *)(k->va + PAGE_SIZE);
	u64 dla = plxt_kbuf_bus(k, PAGE_SIZE);
	unsigned int aborts;

	wdf_test_device_reset_prepare(b->device);
	/* A foreign chain: one descriptor, 4 KiB host -> SRAM 0, stalled. */
	desc[0] = cpu_to_le32((u32)plxt_kbuf_bus(k, 0));
	desc[1] = cpu_to_le32(0);
	desc[2] = cpu_to_le32(4096);
	desc[3] = cpu_to_le32(PLXT_DPR_PCI | PLXT_DPR_END);
	plxt_set_stall(b, 1);
	plxt_model_write(b, PLXT_DMAMODE(0), PLXT_MODE_SG | PLXT_MODE_DONEIEN |
			 PLXT_MODE_INTPCI | 3, 4);
	plxt_model_write(b, PLXT_DMADPR(0), (u32)dla | PLXT_DPR_PCI, 4);
	plxt_model_write(b, PLXT_DMACSR(0), PLXT_CSR_ENABLE | PLXT_CSR_START,
			 1);
	KUNIT_ASSERT_EQ(test, plxt_chan_status(b, 0), PLX9656_CHAN_BUSY);
	aborts = b->aborts[0];

	KUNIT_EXPECT_EQ(test, wdf_test_device_reset_done(b->device),
			STATUS_SUCCESS);
	KUNIT_EXPECT_NE(test, plxt_chan_status(b, 0), PLX9656_CHAN_BUSY);
	KUNIT_EXPECT_GT(test, b->aborts[0], aborts);
	KUNIT_EXPECT_FALSE(test, plxt_model_read(b, PLXT_DMAMODE(0), 4) &
			   PLXT_MODE_DONEIEN);
	plxt_set_stall(b, 0);
	KUNIT_EXPECT_EQ(test, plxt_pump(b, 100), 0);
	KUNIT_EXPECT_EQ(test, plxt_counters(b).Interrupts, 0ull);

	plxt_ubuf_fill(test, u, 0, 3000, 51);
	KUNIT_EXPECT_EQ(test, plxt_rw(b, WdfRequestTypeWrite, u->base, 3000,
				      0, 0), 3000L);
	KUNIT_EXPECT_EQ(test, plxt_sram_diff(b, 0, 3000, 51), (size_t)0);
}

/*
 * A stalled channel: the watchdog aborts it (-ETIMEDOUT within the
 * documented 2 s plus slack), the model's channel is idle again, and both
 * channels then move data correctly.
 */
static void plx_timeout_recovers_test(struct kunit *test)
{
	struct plxt_bench *b = plxt_bench_create(test);
	struct plxt_ubuf *u = plxt_ubuf_alloc(test, 2 * PAGE_SIZE, 0);
	unsigned long t0;
	PLX_COUNTERS c;
	int ch;

	for (ch = 0; ch < 2; ch++) {
		WDF_REQUEST_TYPE type = ch ? WdfRequestTypeRead :
					     WdfRequestTypeWrite;

		plxt_ubuf_fill(test, u, 0, 6000, 20 + ch);
		plxt_set_stall(b, 1 << ch);
		t0 = jiffies;
		KUNIT_EXPECT_EQ(test, plxt_rw(b, type, u->base, 6000, 0, 0),
				(long)-ETIMEDOUT);
		KUNIT_EXPECT_LT(test, jiffies - t0, msecs_to_jiffies(5000));
		KUNIT_EXPECT_EQ(test, plxt_chan_status(b, ch),
				PLX9656_CHAN_ABORTED);
		KUNIT_EXPECT_FALSE(test, b->ext->Channel[ch].Busy);
		c = plxt_counters(b);
		KUNIT_EXPECT_EQ(test, c.Timeouts, (u64)ch + 1);
		KUNIT_EXPECT_GE(test, c.Errors, (u64)ch + 1);
		plxt_set_stall(b, 0);
		KUNIT_EXPECT_EQ(test, plxt_pump(b, 100), 0);
	}

	/* Both channels usable: loopback of new data. */
	plxt_ubuf_fill(test, u, 0, 6000, 30);
	KUNIT_EXPECT_EQ(test, plxt_rw(b, WdfRequestTypeWrite, u->base, 6000,
				      100, 0), 6000L);
	KUNIT_EXPECT_EQ(test, plxt_sram_diff(b, 100, 6000, 30), (size_t)0);
	plxt_ubuf_fill(test, u, 0, 6000, 31);
	KUNIT_EXPECT_EQ(test, plxt_rw(b, WdfRequestTypeRead, u->base + 50,
				      6000, 100, 0), 6000L);
	KUNIT_EXPECT_EQ(test, plxt_ubuf_diff(test, u, 50, 6000, 30), (size_t)0);
	c = plxt_counters(b);
	KUNIT_EXPECT_EQ(test, c.Timeouts, 2ull);
	KUNIT_EXPECT_EQ(test, c.BytesWritten, 6000ull);
	KUNIT_EXPECT_EQ(test, c.BytesRead, 6000ull);
}

/*
 * Clear-count residual: a read chain stopped after its first segment
 * (DMACSR1 Abort from the board's side, as a local-bus error would). The
 * model zeroed the finished descriptor's count only; the DPC must report
 * exactly the bytes moved, so the next chain starts right there (bus
 * address and SRAM address), and the request still completes in full.
 */
static void plx_read_residual_test(struct kunit *test)
{
	struct plxt_bench *b = plxt_bench_create(test);
	struct plxt_kbuf *k = plxt_kbuf_alloc(test, 3);
	struct plxt_layout lay = { .k = k, .boff = 100 };
	const loff_t foff = 1024;
	struct wdf_test_io *io;
	u64 moved;
	size_t i, bad = 0;
	int steps;

	for (i = 0; i < 8192; i++)
		b->sram[foff + i] = plxt_pat(11, i);
	memset(k->va, 0, 3 * PAGE_SIZE);
	io = plxt_submit(b, WdfRequestTypeRead, (unsigned long)k->va + 100,
			 8192, foff, 0, WDF_TEST_IO_KERNEL_BUFFER);
	KUNIT_ASSERT_FALSE(test, IS_ERR(io));
	KUNIT_ASSERT_EQ(test, b->nchains, 1);
	KUNIT_ASSERT_EQ(test, b->chains[0].n, 3);

	/* Run until the first segment's data has moved, then abort. */
	for (steps = 0; steps < 10 && !b->data_written; steps++)
		plxt_step(b);
	moved = b->data_written;
	KUNIT_ASSERT_EQ(test, moved, (u64)(b->chains[0].d[0].siz));
	KUNIT_ASSERT_EQ(test, plxt_chan_status(b, 1), PLX9656_CHAN_BUSY);
	plxt_model_write(b, PLXT_DMACSR(1), PLXT_CSR_ENABLE | PLXT_CSR_ABORT,
			 1);
	KUNIT_ASSERT_EQ(test, plxt_irq_level(b), 1);

	KUNIT_EXPECT_EQ(test, plxt_pump(b, 1000), 0);
	KUNIT_EXPECT_EQ(test, plxt_wait(b, io), 8192L);
	/* The second chain resumes at the first byte not transferred. */
	KUNIT_ASSERT_EQ(test, b->nchains, 2);
	plxt_check_chain(test, &b->chains[1], PLX_CH_READ, &lay, moved, 8192,
			 foff, true);
	for (i = 0; i < 8192; i++)
		bad += k->va[100 + i] != plxt_pat(11, i);
	KUNIT_EXPECT_EQ(test, bad, (size_t)0);
	KUNIT_EXPECT_EQ(test, b->data_written, 8192ull);
	KUNIT_EXPECT_EQ(test, plxt_counters(b).BytesRead, 8192ull);
	KUNIT_EXPECT_EQ(test, plxt_counters(b).Errors, 0ull);
}

/*
 * Single-transfer mode (the ioctl toggles it and returns the new state):
 * on, a request of one chain (PLXT_CHUNK bytes, from an unaligned buffer:
 * the most descriptors) passes; more than a chain fails with
 * STATUS_WDF_TOO_MANY_TRANSFERS = -E2BIG before any DMA - possible only
 * when a chain is shorter than the SRAM (plx_io_8k); with the default
 * 128 KiB chains every request fits. Off again, chain + 1 bytes pass in
 * as many chains as it takes.
 */
static void plx_single_transfer_test(struct kunit *test)
{
	struct plxt_bench *b = plxt_bench_create(test);
	const size_t cb = PLXT_CHUNK;
	const size_t over = min_t(size_t, cb + 1, PLXT_SRAM);
	struct plxt_ubuf *u = plxt_ubuf_alloc(test, PLXT_SRAM + 2 * PAGE_SIZE,
					      0);
	u8 state = 0xEE;
	int before;
	long r;

	r = plxt_toggle_single(b, &state);
	KUNIT_EXPECT_GE(test, r, 0L);
	KUNIT_EXPECT_EQ(test, state, 1);
	KUNIT_EXPECT_TRUE(test, b->ext->RequireSingleTransfer);

	if (cb < PLXT_SRAM) {
		plxt_ubuf_fill(test, u, 1, cb + 1, 50);
		KUNIT_EXPECT_EQ(test, plxt_rw(b, WdfRequestTypeWrite,
					      u->base + 1, cb + 1, 0, 0),
				(long)-E2BIG);
		KUNIT_EXPECT_EQ(test, plxt_rw(b, WdfRequestTypeRead,
					      u->base + 1, cb + 1, 0, 0),
				(long)-E2BIG);
		KUNIT_EXPECT_EQ(test, b->nchains, 0);
	}
	plxt_ubuf_fill(test, u, 1, cb, 50);
	KUNIT_EXPECT_EQ(test, plxt_rw(b, WdfRequestTypeWrite, u->base + 1,
				      cb, 0, 0), (long)cb);
	KUNIT_EXPECT_EQ(test, b->nchains, 1);
	/* at most: adjacent user pages may merge into one element */
	KUNIT_EXPECT_LE(test, b->chains[0].n, plxt_max_sg());
	KUNIT_EXPECT_EQ(test, plxt_sram_diff(b, 0, cb, 50), (size_t)0);
	KUNIT_EXPECT_EQ(test, plxt_rw(b, WdfRequestTypeRead, u->base + 2,
				      cb, 0, 0), (long)cb);
	KUNIT_EXPECT_EQ(test, plxt_ubuf_diff(test, u, 2, cb, 50), (size_t)0);

	r = plxt_toggle_single(b, &state);
	KUNIT_EXPECT_GE(test, r, 0L);
	KUNIT_EXPECT_EQ(test, state, 0);
	KUNIT_EXPECT_FALSE(test, b->ext->RequireSingleTransfer);
	plxt_ubuf_fill(test, u, 1, over, 51);
	before = b->nchains;
	KUNIT_EXPECT_EQ(test, plxt_rw(b, WdfRequestTypeWrite, u->base + 1,
				      over, 0, 0), (long)over);
	KUNIT_EXPECT_EQ(test, b->nchains - before,
			(int)DIV_ROUND_UP(over, cb));
	KUNIT_EXPECT_EQ(test, plxt_sram_diff(b, 0, over, 51), (size_t)0);
}

/*
 * PLxSetChainBytes (the glue's chain_bytes): a multiple of 4 KiB from
 * 4 KiB to 128 KiB, 0 for the default; anything else is refused and
 * leaves the setting as it was. A board takes the value when it is added.
 */
static void plxt_restore_chunk(void *suite)
{
	PLxSetChainBytes((ULONG)(uintptr_t)suite);
}

static void plx_chain_bytes_param_test(struct kunit *test)
{
	static const ULONG bad[] = { 1, 4095, 4097, 12289, 131071, 131073,
				     262144, 0xFFFFFFFFu };
	static const ULONG good[] = { 4096, 8192, 12288, 65536, 131072 };
	const ULONG suite = PLxGetChainBytes();
	struct plxt_bench *b;
	unsigned int i;

	KUNIT_ASSERT_EQ(test, kunit_add_action(test, plxt_restore_chunk,
						(void *)(uintptr_t)suite), 0);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		KUNIT_EXPECT_EQ_MSG(test, PLxSetChainBytes(bad[i]),
				    STATUS_INVALID_PARAMETER, "%u", bad[i]);
		KUNIT_EXPECT_EQ(test, PLxGetChainBytes(), suite);
	}
	for (i = 0; i < ARRAY_SIZE(good); i++) {
		KUNIT_EXPECT_EQ_MSG(test, PLxSetChainBytes(good[i]),
				    STATUS_SUCCESS, "%u", good[i]);
		KUNIT_EXPECT_EQ(test, PLxGetChainBytes(), good[i]);
	}
	KUNIT_EXPECT_EQ(test, PLxSetChainBytes(0), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, PLxGetChainBytes(), PLXT_CHUNK_DEFAULT);

	/* 12 KiB: 4 descriptors, 11 chains per 128 KiB (the last 8 KiB). */
	KUNIT_ASSERT_EQ(test, PLxSetChainBytes(12288), STATUS_SUCCESS);
	b = plxt_bench_create(test);
	KUNIT_EXPECT_EQ(test, b->ext->MaximumTransferLength, (size_t)12288);
	KUNIT_EXPECT_EQ(test, b->ext->MaxSgElements, 4u);
	KUNIT_EXPECT_EQ(test, PLxSetChainBytes(suite), STATUS_SUCCESS);
	/* Added before the change: the board keeps its length. */
	KUNIT_EXPECT_EQ(test, b->ext->MaximumTransferLength, (size_t)12288);
	{
		struct plxt_ubuf *u = plxt_ubuf_alloc(test, PLXT_SRAM, 0);

		plxt_ubuf_fill(test, u, 0, PLXT_SRAM, 53);
		KUNIT_EXPECT_EQ(test, plxt_rw(b, WdfRequestTypeWrite, u->base,
					      PLXT_SRAM, 0, 0),
				(long)PLXT_SRAM);
		KUNIT_EXPECT_EQ(test, b->nchains, 11);
		KUNIT_EXPECT_EQ(test, plxt_counters(b).Interrupts, 11ull);
		KUNIT_EXPECT_EQ(test, plxt_sram_diff(b, 0, PLXT_SRAM, 53),
				(size_t)0);
	}
}

/* PCI Status abort bits clear, INTCSR 14 clear, 27:24 back to 1, INTA# low. */
static void plxt_expect_no_abort_left(struct kunit *test, struct plxt_bench *b)
{
	u32 intcsr = plxt_model_read(b, PLXT_INTCSR, 4);

	KUNIT_EXPECT_EQ(test, plxt_cfg_read(b, PLXT_PCI_STATUS, 2) &
			PLXT_PCI_STATUS_ABORTS, 0u);
	KUNIT_EXPECT_EQ(test, intcsr & PLXT_INTCSR_PABORTIA, 0u);
	KUNIT_EXPECT_EQ(test, intcsr & PLXT_INTCSR_NOTMASTER,
			(u32)PLXT_INTCSR_NOTMASTER);
	/* the abort interrupt is enabled again */
	KUNIT_EXPECT_EQ(test, intcsr & (PLXT_INTCSR_PIEN | PLXT_INTCSR_PABORTIEN),
			(u32)(PLXT_INTCSR_PIEN | PLXT_INTCSR_PABORTIEN));
	KUNIT_EXPECT_EQ(test, plxt_irq_level(b), 0);
	KUNIT_EXPECT_EQ(test, b->cfg_bad, 0u);
}

/*
 * The model stopped the channel with a master abort; if it did not set
 * Done for it (silicon: uncertain), the core's DMACSR Abort stopped it.
 */
static void plxt_expect_aborted(struct kunit *test, struct plxt_bench *b,
				int ch)
{
	int st = plxt_chan_status(b, ch);

	KUNIT_EXPECT_TRUE_MSG(test, st == PLX9656_CHAN_MASTER_ABORT ||
			      st == PLX9656_CHAN_ABORTED,
			      "channel %d status %d", ch, st);
	KUNIT_EXPECT_TRUE(test, plxt_model_read(b, PLXT_DMACSR(ch), 1) &
			  PLXT_CSR_DONE);
}

/*
 * A PCI master abort on each channel in turn (its DMA hits no memory):
 * the board reports it in PCI Status 13 and INTCSR 14, naming the channel
 * by INTCSR 25/26 reading 0; the core fails the request with
 * STATUS_IO_DEVICE_ERROR = -EIO instead of reporting success, clears PCI
 * Status through configuration space (INTCSR 14 drops, 27:24 read 1
 * again), and the next transfer on that channel works.
 */
static void plx_master_abort_test(struct kunit *test)
{
	struct plxt_bench *b = plxt_bench_create(test);
	struct plxt_ubuf *u = plxt_ubuf_alloc(test, PAGE_SIZE, 0);
	PLX_COUNTERS c;
	int ch;

	for (ch = 0; ch < 2; ch++) {
		WDF_REQUEST_TYPE type = ch ? WdfRequestTypeRead :
					     WdfRequestTypeWrite;
		unsigned int clears = b->status_clears;

		plxt_set_master_abort_mask(b, 1 << ch);
		KUNIT_EXPECT_EQ(test, plxt_rw(b, type, u->base, 4096, 0, 0),
				(long)-EIO);
		plxt_expect_aborted(test, b, ch);
		KUNIT_EXPECT_FALSE(test, b->ext->Channel[ch].Busy);
		KUNIT_EXPECT_GT(test, b->status_clears, clears);
		plxt_expect_no_abort_left(test, b);
		plxt_set_master_abort_mask(b, 0);
	}
	c = plxt_counters(b);
	KUNIT_EXPECT_EQ(test, c.Errors, 2ull);
	KUNIT_EXPECT_EQ(test, c.BytesWritten + c.BytesRead, 0ull);
	/* no soft reset was needed to stop the aborted channels */
	KUNIT_EXPECT_EQ(test, b->resets, 0u);

	plxt_ubuf_fill(test, u, 0, 4096, 60);
	KUNIT_EXPECT_EQ(test, plxt_rw(b, WdfRequestTypeWrite, u->base, 4096,
				      0, 0), 4096L);
	KUNIT_EXPECT_EQ(test, plxt_sram_diff(b, 0, 4096, 60), (size_t)0);
	KUNIT_EXPECT_EQ(test, plxt_rw(b, WdfRequestTypeRead, u->base, 4096, 0,
				      0), 4096L);
	KUNIT_EXPECT_EQ(test, plxt_ubuf_diff(test, u, 0, 4096, 60), (size_t)0);
	plxt_expect_no_abort_left(test, b);
}

/*
 * The old mistake, caught: one channel master-aborts while the other
 * channel runs a long transfer. Only the aborted channel's request fails
 * (-EIO); the other completes in full with verified data (on silicon its
 * INTCSR bit reads 1 throughout); nothing of the abort is left; the next
 * transfer on the aborted channel succeeds. Parameter: the aborting
 * channel.
 */
struct plx_abort_case {
	int ch;			/* the aborting channel */
	bool no_done;		/* the chip does not set Done for it */
};

static const struct plx_abort_case plx_abort_cases[] = {
	{ PLX_CH_WRITE, false }, { PLX_CH_READ, false },
	{ PLX_CH_WRITE, true }, { PLX_CH_READ, true },
};

static void plx_abort_case_desc(const struct plx_abort_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "channel %d aborts, %s", c->ch,
		 c->no_done ? "no Done" : "Done set");
}

KUNIT_ARRAY_PARAM(plx_abort_ch, plx_abort_cases, plx_abort_case_desc);

static void plx_abort_one_channel_test(struct kunit *test)
{
	const struct plx_abort_case *pc = test->param_value;
	const int ab = pc->ch, ok = 1 - ab;
	struct plxt_bench *b = plxt_bench_create(test);
	struct plxt_ubuf *w = plxt_ubuf_alloc(test, 64 * 1024 + PAGE_SIZE, 0);
	struct plxt_ubuf *r = plxt_ubuf_alloc(test, 64 * 1024 + PAGE_SIZE, 0);
	const size_t big = 64 * 1024, small = 4096;
	struct wdf_test_io *okio, *abio;
	PLX_COUNTERS c;
	size_t i;

	/* SRAM 64K..128K holds what the read channel delivers. */
	for (i = 0; i < big; i++)
		b->sram[65536 + i] = plxt_pat(90, i);
	plxt_ubuf_fill(test, w, 3, big, 91);
	KUNIT_ASSERT_EQ(test, b->intcsr_reset & PLXT_INTCSR_NOTMASTER,
			(u32)PLXT_INTCSR_NOTMASTER);

	if (pc->no_done)
		b->hide_abort_done = 1 << ab;
	plxt_set_master_abort_mask(b, 1 << ab);
	/* The long transfer on the healthy channel first, so it runs. */
	if (ok == PLX_CH_WRITE) {
		okio = plxt_submit(b, WdfRequestTypeWrite, w->base + 3, big, 0,
				   0, 0);
		abio = plxt_submit(b, WdfRequestTypeRead, r->base + 5, small,
				   65536, 0, 0);
	} else {
		okio = plxt_submit(b, WdfRequestTypeRead, r->base + 5, big,
				   65536, 0, 0);
		abio = plxt_submit(b, WdfRequestTypeWrite, w->base + 3, small,
				   0, 0, 0);
	}
	KUNIT_ASSERT_FALSE(test, IS_ERR(okio));
	KUNIT_ASSERT_FALSE(test, IS_ERR(abio));
	KUNIT_EXPECT_EQ(test, plxt_pump(b, 10000), 0);

	KUNIT_EXPECT_EQ(test, plxt_wait(b, abio), (long)-EIO);
	KUNIT_EXPECT_EQ(test, plxt_wait(b, okio), (long)big);
	plxt_expect_aborted(test, b, ab);
	KUNIT_EXPECT_NE(test, plxt_chan_status(b, ok),
			PLX9656_CHAN_MASTER_ABORT);
	if (ok == PLX_CH_WRITE)
		KUNIT_EXPECT_EQ(test, plxt_sram_diff(b, 0, big, 91), (size_t)0);
	else
		KUNIT_EXPECT_EQ(test, plxt_ubuf_diff(test, r, 5, big, 90),
				(size_t)0);
	c = plxt_counters(b);
	KUNIT_EXPECT_EQ(test, c.Errors, 1ull);
	KUNIT_EXPECT_EQ(test, ok == PLX_CH_WRITE ? c.BytesWritten : c.BytesRead,
			(u64)big);
	KUNIT_EXPECT_EQ(test, ab == PLX_CH_WRITE ? c.BytesWritten : c.BytesRead,
			0ull);
	KUNIT_EXPECT_GE(test, b->status_clears, 1u);
	KUNIT_EXPECT_EQ(test, b->resets, 0u);
	/* Without Done the core stopped the channel with DMACSR Abort. */
	if (pc->no_done)
		KUNIT_EXPECT_GE(test, b->aborts[ab], 1u);
	KUNIT_EXPECT_EQ(test, c.SpuriousDpcs, 0ull);
	plxt_expect_no_abort_left(test, b);

	/* The aborted channel works again. */
	plxt_set_master_abort_mask(b, 0);
	if (ab == PLX_CH_WRITE) {
		plxt_ubuf_fill(test, w, 0, small, 92);
		KUNIT_EXPECT_EQ(test, plxt_rw(b, WdfRequestTypeWrite, w->base,
					      small, 4096, 0), (long)small);
		KUNIT_EXPECT_EQ(test, plxt_sram_diff(b, 4096, small, 92),
				(size_t)0);
	} else {
		KUNIT_EXPECT_EQ(test, plxt_rw(b, WdfRequestTypeRead, r->base,
					      small, 65536, 0), (long)small);
		KUNIT_EXPECT_EQ(test, plxt_ubuf_diff(test, r, 0, small, 90),
				(size_t)0);
	}
	KUNIT_EXPECT_EQ(test, plxt_counters(b).Errors, 1ull);
	plxt_expect_no_abort_left(test, b);
}

/*
 * The board as it comes out of reset on silicon: INTCSR 0x0F010100 -
 * bits 27:24 (active low "not the master at the last abort") read 1, and
 * bit 8 (INTA# enable) is set. The core clears bit 8 and the source
 * enables before its handler is installed, sets 8 and 10 once it is, and
 * ordinary transfers on both channels, alone and together, succeed with
 * bits 27:24 reading 1 all along. (The driver before this change took a
 * set bit 25/26 for an abort: every transfer here failed with -EIO.)
 */
static void plx_silicon_intcsr_test(struct kunit *test)
{
	struct plxt_bench *b = plxt_bench_create(test);
	struct plxt_ubuf *w = plxt_ubuf_alloc(test, 16384 + PAGE_SIZE, 0);
	struct plxt_ubuf *r = plxt_ubuf_alloc(test, 16384 + PAGE_SIZE, 0);
	struct wdf_test_io *wio, *rio;
	PLX_COUNTERS c;
	size_t i;

	KUNIT_ASSERT_EQ(test, b->intcsr_reset & PLXT_INTCSR_NOTMASTER,
			(u32)PLXT_INTCSR_NOTMASTER);
	KUNIT_ASSERT_TRUE(test, b->intcsr_reset & PLXT_INTCSR_PIEN);
	KUNIT_ASSERT_GE(test, b->intcsr_writes, 2u);
	KUNIT_EXPECT_EQ(test, b->intcsr_log[0] &
			(PLXT_INTCSR_PIEN | PLXT_INTCSR_PABORTIEN |
			 PLXT_INTCSR_DMAIEN(0) | PLXT_INTCSR_DMAIEN(1)), 0u);
	KUNIT_EXPECT_EQ(test, plxt_model_read(b, PLXT_INTCSR, 4) &
			(PLXT_INTCSR_PIEN | PLXT_INTCSR_PABORTIEN),
			(u32)(PLXT_INTCSR_PIEN | PLXT_INTCSR_PABORTIEN));

	plxt_ubuf_fill(test, w, 1, 16384, 70);
	KUNIT_EXPECT_EQ(test, plxt_rw(b, WdfRequestTypeWrite, w->base + 1,
				      16384, 0, 0), 16384L);
	KUNIT_EXPECT_EQ(test, plxt_sram_diff(b, 0, 16384, 70), (size_t)0);
	KUNIT_EXPECT_EQ(test, plxt_model_read(b, PLXT_INTCSR, 4) &
			PLXT_INTCSR_NOTMASTER, (u32)PLXT_INTCSR_NOTMASTER);
	KUNIT_EXPECT_EQ(test, plxt_rw(b, WdfRequestTypeRead, r->base + 2,
				      16384, 0, 0), 16384L);
	KUNIT_EXPECT_EQ(test, plxt_ubuf_diff(test, r, 2, 16384, 70), (size_t)0);

	/* Both channels at once. */
	for (i = 0; i < 16384; i++)
		b->sram[65536 + i] = plxt_pat(71, i);
	plxt_ubuf_fill(test, w, 1, 16384, 72);
	wio = plxt_submit(b, WdfRequestTypeWrite, w->base + 1, 16384, 32768,
			  0, 0);
	rio = plxt_submit(b, WdfRequestTypeRead, r->base + 2, 16384, 65536, 0,
			  0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(wio));
	KUNIT_ASSERT_FALSE(test, IS_ERR(rio));
	KUNIT_EXPECT_EQ(test, plxt_pump(b, 10000), 0);
	KUNIT_EXPECT_EQ(test, plxt_wait(b, wio), 16384L);
	KUNIT_EXPECT_EQ(test, plxt_wait(b, rio), 16384L);
	KUNIT_EXPECT_EQ(test, plxt_sram_diff(b, 32768, 16384, 72), (size_t)0);
	KUNIT_EXPECT_EQ(test, plxt_ubuf_diff(test, r, 2, 16384, 71), (size_t)0);

	c = plxt_counters(b);
	KUNIT_EXPECT_EQ(test, c.Errors, 0ull);
	KUNIT_EXPECT_EQ(test, c.BytesWritten, 2ull * 16384);
	KUNIT_EXPECT_EQ(test, c.BytesRead, 2ull * 16384);
	KUNIT_EXPECT_EQ(test, plxt_model_read(b, PLXT_INTCSR, 4) &
			PLXT_INTCSR_NOTMASTER, (u32)PLXT_INTCSR_NOTMASTER);
	/* no abort happened: PCI Status was never written */
	KUNIT_EXPECT_EQ(test, b->status_clears, 0u);
}

/*
 * The fallback path: a stalled channel on a board that ignores DMACSR
 * Abort. The watchdog's abort gets no Done, so the core soft-resets the
 * chip (CNTRL 30), reloads its configuration from the EEPROM (CNTRL 29
 * pulsed), sets up INTCSR again (8 and 10 on), and the request ends with
 * -ETIMEDOUT. The board then passes loopback on both channels.
 */
static void plx_soft_reset_fallback_test(struct kunit *test)
{
	struct plxt_bench *b = plxt_bench_create(test);
	struct plxt_ubuf *u = plxt_ubuf_alloc(test, 2 * PAGE_SIZE, 0);

	b->drop_abort = true;
	plxt_set_stall(b, 1 << PLX_CH_WRITE);
	plxt_ubuf_fill(test, u, 0, 6000, 80);
	KUNIT_EXPECT_EQ(test, plxt_rw(b, WdfRequestTypeWrite, u->base, 6000,
				      0, 0), (long)-ETIMEDOUT);
	KUNIT_EXPECT_GE(test, b->aborts[PLX_CH_WRITE], 1u);
	KUNIT_EXPECT_EQ(test, b->resets, 1u);
	KUNIT_EXPECT_EQ(test, b->reloads, 1u);
	KUNIT_EXPECT_FALSE(test, b->reloading);
	KUNIT_EXPECT_EQ(test, plxt_model_read(b, PLXT_CNTRL, 4) &
			(PLXT_CNTRL_RESET | PLXT_CNTRL_RELOAD), 0u);
	KUNIT_EXPECT_FALSE(test, b->ext->Channel[PLX_CH_WRITE].Busy);
	KUNIT_EXPECT_EQ(test, plxt_counters(b).Timeouts, 1ull);
	b->drop_abort = false;
	plxt_set_stall(b, 0);
	KUNIT_EXPECT_EQ(test, plxt_pump(b, 100), 0);

	KUNIT_EXPECT_EQ(test, plxt_model_read(b, PLXT_INTCSR, 4) &
			(PLXT_INTCSR_PIEN | PLXT_INTCSR_PABORTIEN),
			(u32)(PLXT_INTCSR_PIEN | PLXT_INTCSR_PABORTIEN));
	plxt_expect_loopback(b, u, 7, u, 9, 6000, 200, 81);
	KUNIT_EXPECT_EQ(test, plxt_counters(b).SpuriousDpcs, 0ull);
}

/*
 * Issue 9 defects 4 and 7 (core): a channel ignores Abort (here: the
 * write, cancelled by a signal) while the other channel runs a transfer
 * of another caller. The core turns bus mastering off before the soft
 * reset and before anything is unmapped, the reset kills the other
 * transfer too, and its caller gets -EIO at once instead of a watchdog
 * timeout seconds later (the old core let it time out). Bus mastering
 * is on again once both engines are idle; both channels work.
 */
static void plx_failed_abort_other_channel_test(struct kunit *test)
{
	struct plxt_bench *b = plxt_bench_create(test);
	struct plxt_ubuf *w = plxt_ubuf_alloc(test, 2 * PAGE_SIZE, 0);
	struct plxt_ubuf *r = plxt_ubuf_alloc(test, 2 * PAGE_SIZE, 0);
	struct wdf_test_io *wio, *rio;
	unsigned long t0;
	u32 cmd;

	cmd = plxt_cfg_read(b, PLXT_PCI_COMMAND, 2);
	plxt_cfg_write(b, PLXT_PCI_COMMAND, cmd | PLXT_PCI_COMMAND_MASTER, 2);
	b->drop_abort = true;
	plxt_set_stall(b, 3);
	wio = plxt_submit(b, WdfRequestTypeWrite, w->base, 6000, 0, 0, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(wio));
	rio = plxt_submit(b, WdfRequestTypeRead, r->base, 6000, 8192, 0, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(rio));
	KUNIT_EXPECT_EQ(test, plxt_pump(b, 100), 0);

	t0 = jiffies;
	KUNIT_EXPECT_EQ(test, plxt_cancel(b, wio), (long)-ERESTARTSYS);
	KUNIT_EXPECT_EQ(test, b->resets, 1u);
	KUNIT_EXPECT_FALSE(test, b->master_at_reset);
	KUNIT_EXPECT_EQ(test, plxt_wait(b, rio), (long)-EIO);
	KUNIT_EXPECT_LT(test, jiffies - t0, msecs_to_jiffies(900));
	KUNIT_EXPECT_EQ(test, plxt_counters(b).Timeouts, 0ull);
	KUNIT_EXPECT_FALSE(test, b->ext->Channel[0].Busy);
	KUNIT_EXPECT_FALSE(test, b->ext->Channel[1].Busy);
	KUNIT_EXPECT_TRUE(test, plxt_cfg_read(b, PLXT_PCI_COMMAND, 2) &
			  PLXT_PCI_COMMAND_MASTER);

	b->drop_abort = false;
	plxt_set_stall(b, 0);
	KUNIT_EXPECT_EQ(test, plxt_pump(b, 100), 0);
	plxt_ubuf_fill(test, w, 0, 6000, 61);
	KUNIT_EXPECT_EQ(test, plxt_rw(b, WdfRequestTypeWrite, w->base, 6000,
				      300, 0), 6000L);
	KUNIT_EXPECT_EQ(test, plxt_rw(b, WdfRequestTypeRead, r->base, 6000,
				      300, 0), 6000L);
	KUNIT_EXPECT_EQ(test, plxt_ubuf_diff(test, r, 0, 6000, 61), (size_t)0);
}

/*
 * Issue 9 defect 7 (core): at remove, bus mastering is off before the
 * D3Final soft reset and before the descriptor memory is freed, even
 * where no bus driver clears it (the old core left it to the shim).
 */
static void plx_remove_master_off_test(struct kunit *test)
{
	struct plxt_bench *b = plxt_bench_create(test);
	u32 cmd;

	cmd = plxt_cfg_read(b, PLXT_PCI_COMMAND, 2);
	plxt_cfg_write(b, PLXT_PCI_COMMAND, cmd | PLXT_PCI_COMMAND_MASTER, 2);
	b->master_at_reset = true;
	plxt_remove(b);
	KUNIT_EXPECT_EQ(test, b->resets, 1u);
	KUNIT_EXPECT_FALSE(test, b->master_at_reset);
	KUNIT_EXPECT_FALSE(test, plxt_cfg_read(b, PLXT_PCI_COMMAND, 2) &
			   PLXT_PCI_COMMAND_MASTER);
}

struct plxt_remover {
	struct plxt_bench *b;
	struct completion done;
};

static int plxt_remover(void *data)
{
	struct plxt_remover *rm = data;

	plxt_remove(rm->b);
	complete(&rm->done);
	return 0;
}

/*
 * Issue 9 (hot-unplug): remove (unbind, device_del, rmmod) with both
 * channels running and a read queued behind: the queued one fails with
 * ENODEV, the running ones end at once with EIO through the core's
 * EvtIoStop (Purge) - not by the watchdog (ETIMEDOUT, seconds later) -
 * and the remover goes on.
 */
static void plx_remove_ends_transfers_test(struct kunit *test)
{
	struct plxt_bench *b = plxt_bench_create(test);
	struct plxt_remover *rm = kunit_kzalloc(test, sizeof(*rm), GFP_KERNEL);
	struct wdf_test_io *io[3];
	struct task_struct *t;

	KUNIT_ASSERT_NOT_NULL(test, rm);
	plxt_both_stalled(b, io);
	KUNIT_EXPECT_EQ(test, plxt_counters(b).Requests, 2ull);

	/* The remover waits for the callers: a thread of its own. */
	rm->b = b;
	init_completion(&rm->done);
	t = kthread_run(plxt_remover, rm, "plxt-remover");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	KUNIT_EXPECT_EQ(test, plxt_wait(b, io[0]), (long)-EIO);
	KUNIT_EXPECT_EQ(test, plxt_wait(b, io[1]), (long)-EIO);
	KUNIT_EXPECT_EQ(test, plxt_wait(b, io[2]), (long)-ENODEV);
	if (!wait_for_completion_timeout(&rm->done, HZ * 10)) {
		KUNIT_FAIL(test, "remove still waiting after 10 s");
		wait_for_completion(&rm->done);	/* it uses @b */
	}
}

/* A write of @len run by the model to its end, INTA# high, no ISR yet. */
static struct wdf_test_io *plxt_write_to_done(struct plxt_bench *b,
					      struct plxt_ubuf *u, size_t len,
					      u32 seed)
{
	struct wdf_test_io *io;
	int i;

	plxt_ubuf_fill(b->test, u, 0, len, seed);
	io = plxt_submit(b, WdfRequestTypeWrite, u->base, len, 0, 0, 0);
	if (IS_ERR(io))
		return io;
	for (i = 0; i < 20 && !plxt_irq_level(b); i++)
		plxt_step(b);
	KUNIT_EXPECT_EQ(b->test, plxt_irq_level(b), 1);
	return io;
}

/*
 * Race (a): a chain finishes and the ISR records Done; before the DPC
 * can run (it waits for the device lock, held here as the watchdog's
 * callback holds it), the channel is aborted - a timeout that decided
 * just before the Done arrived. The abort must forget the recorded Done:
 * otherwise the DPC would take it for the next chain's and complete that
 * one early. The next chain (stalled) stays running until the model
 * finishes it, and moves all its data.
 * Regression check: with PLxAbortChannel no longer clearing
 * IsrActive/IsrCsr this case failed (the saved Done survived the abort).
 */
static void plx_stale_done_after_abort_test(struct kunit *test)
{
	struct plxt_bench *b = plxt_bench_create(test);
	struct plxt_ubuf *u = plxt_ubuf_alloc(test, 2 * PAGE_SIZE, 0);
	PPLX_CHANNEL ch = &b->ext->Channel[PLX_CH_WRITE];
	struct mutex *lock = wdf_test_device_sync_lock(b->device);
	struct wdf_test_io *io;

	io = plxt_write_to_done(b, u, 4096, 70);
	KUNIT_ASSERT_FALSE(test, IS_ERR(io));
	mutex_lock(lock);
	KUNIT_EXPECT_TRUE(test, wdf_test_interrupt_fire(b->device));
	KUNIT_EXPECT_TRUE(test, ch->IsrActive);
	KUNIT_EXPECT_TRUE(test, ch->IsrCsr & PLX_DMACSR_DONE);
	KUNIT_EXPECT_TRUE(test, ch->Busy);
	/* What PLxWatchdog does once it has decided on a timeout. */
	b->ext->Counters.Timeouts++;
	ch->IdleTicks = 0;
	PLxAbortTransfer(b->ext, ch, STATUS_IO_TIMEOUT);
	KUNIT_EXPECT_FALSE(test, ch->IsrActive);
	KUNIT_EXPECT_EQ(test, ch->IsrCsr, 0);
	mutex_unlock(lock);
	KUNIT_EXPECT_EQ(test, plxt_wait(b, io), (long)-ETIMEDOUT);

	/* The next chain: the stale Done must not end it. */
	plxt_next_write_not_ended_early(b, u, 71);
}

/*
 * Race (b): the watchdog ticks past its limit while the chain's Done is
 * already recorded by the ISR and the DPC waits for the device lock (held
 * here, as the timer callback holds it). No timeout: the tick re-arms, the
 * DPC then completes the request in full.
 * Regression check: with PLxWatchdog ignoring the recorded Done this case
 * failed (-ETIMEDOUT, channel aborted).
 */
static void plx_watchdog_done_pending_test(struct kunit *test)
{
	struct plxt_bench *b = plxt_bench_create(test);
	struct plxt_ubuf *u = plxt_ubuf_alloc(test, 2 * PAGE_SIZE, 0);
	PPLX_CHANNEL ch = &b->ext->Channel[PLX_CH_WRITE];
	struct mutex *lock = wdf_test_device_sync_lock(b->device);
	struct wdf_test_io *io;
	unsigned int aborts;

	io = plxt_write_to_done(b, u, 6000, 72);
	KUNIT_ASSERT_FALSE(test, IS_ERR(io));
	aborts = b->aborts[0];
	mutex_lock(lock);
	KUNIT_EXPECT_TRUE(test, wdf_test_interrupt_fire(b->device));
	ch->IdleTicks = PLX_DMA_TIMEOUT_TICKS;	/* past the limit */
	PLxEvtDmaTimer(ch->Timer);
	KUNIT_EXPECT_TRUE(test, ch->Busy);
	KUNIT_EXPECT_EQ(test, b->aborts[0], aborts);
	/* (not plxt_counters(): it takes the device lock) */
	KUNIT_EXPECT_EQ(test, b->ext->Counters.Timeouts, 0ull);
	mutex_unlock(lock);

	KUNIT_EXPECT_EQ(test, plxt_pump(b, 100), 0);
	KUNIT_EXPECT_EQ(test, plxt_wait(b, io), 6000L);
	KUNIT_EXPECT_EQ(test, plxt_sram_diff(b, 0, 6000, 72), (size_t)0);
	KUNIT_EXPECT_EQ(test, plxt_counters(b).Timeouts, 0ull);
	KUNIT_EXPECT_EQ(test, plxt_counters(b).Errors, 0ull);
	KUNIT_EXPECT_EQ(test, plxt_counters(b).BytesWritten, 6000ull);
}

/*
 * PLxBuildChain at the 4 GiB boundary of the 32-bit profile: an element
 * ending exactly at 4 GiB is accepted (its last byte is 0xFFFFFFFF), one
 * ending a byte later is refused, also as the last of several elements.
 * Regression check: with the test written as end >= 4 GiB the first
 * case failed.
 */
static void plx_build_chain_4g_test(struct kunit *test)
{
	struct plxt_bench *b = plxt_bench_create(test);
	PPLX_CHANNEL ch = &b->ext->Channel[PLX_CH_WRITE];
	struct mutex *lock = wdf_test_device_sync_lock(b->device);
	PSCATTER_GATHER_LIST sg;

	sg = kunit_kzalloc(test, struct_size(sg, Elements, 2), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, sg);
	mutex_lock(lock);
	ch->DeviceOffset = 0;

	sg->NumberOfElements = 1;
	sg->Elements[0].Address.QuadPart = 0x100000000LL - 8192;
	sg->Elements[0].Length = 8192;
	KUNIT_EXPECT_EQ(test, PLxBuildChain(b->ext, ch, sg, 0),
			STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, PLxDescRead(&ch->Desc[0].PciAddressLow),
			0xFFFFE000u);
	KUNIT_EXPECT_EQ(test, PLxDescRead(&ch->Desc[0].TransferSize), 8192u);

	sg->Elements[0].Address.QuadPart = 0x100000000LL - 8191;
	KUNIT_EXPECT_EQ(test, PLxBuildChain(b->ext, ch, sg, 0),
			STATUS_INVALID_DEVICE_STATE);

	sg->NumberOfElements = 2;
	sg->Elements[0].Address.QuadPart = 0x10000000;
	sg->Elements[0].Length = 4096;
	sg->Elements[1].Address.QuadPart = 0x100000000LL - 4096;
	sg->Elements[1].Length = 4096;
	KUNIT_EXPECT_EQ(test, PLxBuildChain(b->ext, ch, sg, 0),
			STATUS_SUCCESS);
	sg->Elements[1].Address.QuadPart = 0x100000000LL - 4095;
	KUNIT_EXPECT_EQ(test, PLxBuildChain(b->ext, ch, sg, 0),
			STATUS_INVALID_DEVICE_STATE);
	mutex_unlock(lock);
	KUNIT_EXPECT_EQ(test, b->nchains, 0);	/* nothing was started */
}

/*
 * A signal while a transfer is stuck on the board: the cancel routine
 * aborts the channel, the caller gets -ERESTARTSYS (nothing transferred),
 * and the channel works afterwards.
 */
static void plx_cancel_test(struct kunit *test)
{
	struct plxt_bench *b = plxt_bench_create(test);
	struct plxt_ubuf *u = plxt_ubuf_alloc(test, 2 * PAGE_SIZE, 0);
	struct wdf_test_io *io;
	u8 last = 0;
	long r;

	plxt_set_stall(b, 1 << 1);
	io = plxt_submit(b, WdfRequestTypeRead, u->base, 5000, 0, 0, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(io));
	KUNIT_EXPECT_EQ(test, plxt_pump(b, 100), 0);
	KUNIT_EXPECT_EQ(test, plxt_chan_status(b, 1), PLX9656_CHAN_BUSY);
	r = plxt_cancel(b, io);
	KUNIT_EXPECT_EQ(test, r, (long)-ERESTARTSYS);
	KUNIT_EXPECT_EQ(test, plxt_chan_status(b, 1), PLX9656_CHAN_ABORTED);
	KUNIT_EXPECT_FALSE(test, b->ext->Channel[PLX_CH_READ].Busy);
	KUNIT_EXPECT_EQ(test, plxt_counters(b).Cancels, 1ull);
	KUNIT_EXPECT_EQ(test, plxt_counters(b).Timeouts, 0ull);

	plxt_set_stall(b, 0);
	KUNIT_EXPECT_EQ(test, plxt_pump(b, 100), 0);
	memset(b->sram, 0, 5000);
	b->sram[4999] = 0x42;
	KUNIT_EXPECT_EQ(test, plxt_rw(b, WdfRequestTypeRead, u->base, 5000, 0,
				      0), 5000L);
	KUNIT_ASSERT_EQ(test, get_user(last, (u8 __user *)(u->base + 4999)), 0);
	KUNIT_EXPECT_EQ(test, last, 0x42);
	KUNIT_EXPECT_EQ(test, plxt_counters(b).BytesRead, 5000ull);
	KUNIT_EXPECT_EQ(test, plxt_counters(b).SpuriousDpcs, 0ull);
}

/* An unknown ioctl: STATUS_INVALID_DEVICE_REQUEST -> -ENOTTY. */
static void plx_unknown_ioctl_test(struct kunit *test)
{
	struct plxt_bench *b = plxt_bench_create(test);
	struct wdf_test_io *io;

	io = plxt_submit(b, WdfRequestTypeDeviceControl, 0, 0, 0,
			 _IO('P', 0x7F), 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(io));
	KUNIT_EXPECT_EQ(test, plxt_wait(b, io), (long)-ENOTTY);
	KUNIT_EXPECT_FALSE(test, b->ext->RequireSingleTransfer);
}

static struct kunit_case plx_io_test_cases[] = {
	KUNIT_CASE(plx_env_dma_is_phys_test),
	KUNIT_CASE(plx_start_test),
	KUNIT_CASE(plx_loopback_128k_test),
	KUNIT_CASE(plx_offsets_test),
	KUNIT_CASE(plx_validation_test),
	KUNIT_CASE(plx_isr_not_ours_test),
	KUNIT_CASE(plx_isr_ack_dpc_test),
	KUNIT_CASE(plx_dpc_right_channel_test),
	KUNIT_CASE(plx_dpc_clears_own_csr_test),
	KUNIT_CASE_SLOW(plx_device_gone_test),
	KUNIT_CASE(plx_reset_during_io_test),
	KUNIT_CASE(plx_d0_entry_quiesces_test),
	KUNIT_CASE_SLOW(plx_timeout_recovers_test),
	KUNIT_CASE(plx_read_residual_test),
	KUNIT_CASE(plx_single_transfer_test),
	KUNIT_CASE(plx_chain_bytes_param_test),
	KUNIT_CASE(plx_master_abort_test),
	KUNIT_CASE_PARAM(plx_abort_one_channel_test, plx_abort_ch_gen_params),
	KUNIT_CASE(plx_silicon_intcsr_test),
	KUNIT_CASE_SLOW(plx_soft_reset_fallback_test),
	KUNIT_CASE(plx_cancel_test),
	KUNIT_CASE(plx_failed_abort_other_channel_test),
	KUNIT_CASE(plx_remove_master_off_test),
	KUNIT_CASE(plx_remove_ends_transfers_test),
	KUNIT_CASE(plx_stale_done_after_abort_test),
	KUNIT_CASE(plx_watchdog_done_pending_test),
	KUNIT_CASE(plx_build_chain_4g_test),
	KUNIT_CASE(plx_unknown_ioctl_test),
	{}
};

static struct kunit_suite plx_io_test_suite = {
	.name = "plx_io",
	.suite_init = plxt_suite_chunk_default,
	.suite_exit = plxt_suite_chunk_restore,
	.test_cases = plx_io_test_cases,
};

/* What depends on the chain length, with the sample's 8 KiB chains. */
static struct kunit_case plx_io_8k_test_cases[] = {
	KUNIT_CASE(plx_loopback_128k_test),
	KUNIT_CASE(plx_offsets_test),
	KUNIT_CASE(plx_read_residual_test),
	KUNIT_CASE(plx_single_transfer_test),
	KUNIT_CASE(plx_chain_bytes_param_test),
	KUNIT_CASE(plx_cancel_test),
	{}
};

static struct kunit_suite plx_io_8k_test_suite = {
	.name = "plx_io_8k",
	.suite_init = plxt_suite_chunk_sample,
	.suite_exit = plxt_suite_chunk_restore,
	.test_cases = plx_io_8k_test_cases,
};

kunit_test_suites(&plx_io_test_suite, &plx_io_8k_test_suite);
