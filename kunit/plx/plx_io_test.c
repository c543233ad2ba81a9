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

static size_t plxt_sram_diff(struct plxt_bench *b, size_t off, size_t len,
			     u32 seed)
{
	size_t i, bad = 0;

	for (i = 0; i < len; i++)
		bad += b->sram[off + i] != plxt_pat(seed, i);
	return bad;
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

	plxt_ubuf_fill(test, w, 7, PLXT_SRAM, 42);
	KUNIT_EXPECT_EQ(test, plxt_rw(b, WdfRequestTypeWrite, w->base + 7,
				      PLXT_SRAM, 0, 0), (long)PLXT_SRAM);
	KUNIT_EXPECT_EQ(test, plxt_sram_diff(b, 0, PLXT_SRAM, 42), (size_t)0);
	KUNIT_EXPECT_EQ(test, plxt_rw(b, WdfRequestTypeRead, r->base + 300,
				      PLXT_SRAM, 0, 0), (long)PLXT_SRAM);
	KUNIT_EXPECT_EQ(test, plxt_ubuf_diff(test, r, 300, PLXT_SRAM, 42),
			(size_t)0);

	c = plxt_counters(b);
	KUNIT_EXPECT_EQ(test, c.Requests, 2ull);
	KUNIT_EXPECT_EQ(test, c.BytesWritten, (u64)PLXT_SRAM);
	KUNIT_EXPECT_EQ(test, c.BytesRead, (u64)PLXT_SRAM);
	KUNIT_EXPECT_EQ(test, c.Interrupts, 2ull * (PLXT_SRAM / PLXT_CHUNK));
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
 * Facts §7 defect 1: the sample's DPC read branch cleared the saved Dma0Csr
 * instead of Dma1Csr, leaving a stale "channel 1 done" behind. Here: both
 * channels finish before one interrupt; afterwards neither channel keeps a
 * saved CSR, and later write-only interrupts never complete the read side
 * again nor queue a DPC that finds nothing to do.
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
 * INTCSR reads all ones (the board is gone): the ISR says "not mine"
 * (no interrupt storm: it touches nothing), and later requests fail with
 * -ENODEV without touching the board.
 */
static void plx_device_gone_test(struct kunit *test)
{
	struct plxt_bench *b = plxt_bench_create(test);
	struct plxt_ubuf *u = plxt_ubuf_alloc(test, PAGE_SIZE, 0);

	b->gone = true;
	KUNIT_EXPECT_FALSE(test, wdf_test_interrupt_fire(b->device));
	KUNIT_EXPECT_TRUE(test, b->ext->DeviceGone);
	KUNIT_EXPECT_FALSE(test, wdf_test_interrupt_fire(b->device));
	wdf_test_device_flush(b->device);
	KUNIT_EXPECT_EQ(test, plxt_counters(b).Interrupts, 0ull);

	KUNIT_EXPECT_EQ(test, plxt_rw(b, WdfRequestTypeWrite, u->base, 100, 0,
				      0), (long)-ENODEV);
	KUNIT_EXPECT_EQ(test, plxt_rw(b, WdfRequestTypeRead, u->base, 100, 0,
				      0), (long)-ENODEV);
	KUNIT_EXPECT_EQ(test, b->nchains, 0);
	KUNIT_EXPECT_EQ(test, plxt_counters(b).SpuriousDpcs, 0ull);
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
 * on, more than 8 KiB fails with STATUS_WDF_TOO_MANY_TRANSFERS = -E2BIG
 * before any DMA, 8 KiB passes; off again, 8 KiB + 1 passes in two chains.
 */
static void plx_single_transfer_test(struct kunit *test)
{
	struct plxt_bench *b = plxt_bench_create(test);
	struct plxt_ubuf *u = plxt_ubuf_alloc(test, 4 * PAGE_SIZE, 0);
	u8 state = 0xEE;
	long r;

	r = plxt_toggle_single(b, &state);
	KUNIT_EXPECT_GE(test, r, 0L);
	KUNIT_EXPECT_EQ(test, state, 1);
	KUNIT_EXPECT_TRUE(test, b->ext->RequireSingleTransfer);

	plxt_ubuf_fill(test, u, 1, 8193, 50);
	KUNIT_EXPECT_EQ(test, plxt_rw(b, WdfRequestTypeWrite, u->base + 1,
				      8193, 0, 0), (long)-E2BIG);
	KUNIT_EXPECT_EQ(test, plxt_rw(b, WdfRequestTypeRead, u->base + 1,
				      8193, 0, 0), (long)-E2BIG);
	KUNIT_EXPECT_EQ(test, b->nchains, 0);
	KUNIT_EXPECT_EQ(test, plxt_rw(b, WdfRequestTypeWrite, u->base + 1,
				      8192, 0, 0), 8192L);
	KUNIT_EXPECT_EQ(test, b->nchains, 1);
	KUNIT_EXPECT_EQ(test, plxt_sram_diff(b, 0, 8192, 50), (size_t)0);
	KUNIT_EXPECT_EQ(test, plxt_rw(b, WdfRequestTypeRead, u->base + 2,
				      8192, 0, 0), 8192L);
	KUNIT_EXPECT_EQ(test, plxt_ubuf_diff(test, u, 2, 8192, 50), (size_t)0);

	r = plxt_toggle_single(b, &state);
	KUNIT_EXPECT_GE(test, r, 0L);
	KUNIT_EXPECT_EQ(test, state, 0);
	KUNIT_EXPECT_FALSE(test, b->ext->RequireSingleTransfer);
	plxt_ubuf_fill(test, u, 1, 8193, 51);
	KUNIT_EXPECT_EQ(test, plxt_rw(b, WdfRequestTypeWrite, u->base + 1,
				      8193, 0, 0), 8193L);
	KUNIT_EXPECT_EQ(test, b->nchains, 4);
	KUNIT_EXPECT_EQ(test, plxt_sram_diff(b, 0, 8193, 51), (size_t)0);
}

/*
 * A PCI master abort (the board's DMA hits no memory): the ISR sees the
 * channel's "was bus master on abort" bit, the request fails with
 * STATUS_IO_DEVICE_ERROR = -EIO instead of reporting success, the abort
 * status is cleared, and the next transfer works.
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

		plxt_set_master_abort(b, 1);
		KUNIT_EXPECT_EQ(test, plxt_rw(b, type, u->base, 4096, 0, 0),
				(long)-EIO);
		KUNIT_EXPECT_EQ(test, plxt_chan_status(b, ch),
				PLX9656_CHAN_MASTER_ABORT);
		KUNIT_EXPECT_FALSE(test, b->ext->Channel[ch].Busy);
		/* INTCSR 24-26 (and so 14) acknowledged */
		KUNIT_EXPECT_EQ(test, plxt_model_read(b, PLXT_INTCSR, 4) &
				(BIT(14) | GENMASK(26, 24)), 0u);
		KUNIT_EXPECT_EQ(test, plxt_irq_level(b), 0);
		plxt_set_master_abort(b, 0);
	}
	c = plxt_counters(b);
	KUNIT_EXPECT_EQ(test, c.Errors, 2ull);
	KUNIT_EXPECT_EQ(test, c.BytesWritten + c.BytesRead, 0ull);

	plxt_ubuf_fill(test, u, 0, 4096, 60);
	KUNIT_EXPECT_EQ(test, plxt_rw(b, WdfRequestTypeWrite, u->base, 4096,
				      0, 0), 4096L);
	KUNIT_EXPECT_EQ(test, plxt_sram_diff(b, 0, 4096, 60), (size_t)0);
	KUNIT_EXPECT_EQ(test, plxt_rw(b, WdfRequestTypeRead, u->base, 4096, 0,
				      0), 4096L);
	KUNIT_EXPECT_EQ(test, plxt_ubuf_diff(test, u, 0, 4096, 60), (size_t)0);
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
	KUNIT_CASE(plx_device_gone_test),
	KUNIT_CASE_SLOW(plx_timeout_recovers_test),
	KUNIT_CASE(plx_read_residual_test),
	KUNIT_CASE(plx_single_transfer_test),
	KUNIT_CASE(plx_master_abort_test),
	KUNIT_CASE(plx_cancel_test),
	KUNIT_CASE(plx_unknown_ioctl_test),
	{}
};

static struct kunit_suite plx_io_test_suite = {
	.name = "plx_io",
	.test_cases = plx_io_test_cases,
};

kunit_test_suite(plx_io_test_suite);
