// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: WDF_DMA_ENABLER_CONFIG.AddressWidthOverride narrower than 32 bits
 * (a 28-bit engine such as QEMU's edu) on the packet profiles: the device
 * gets exactly that mask, streaming and coherent, with no fallback to a
 * wider one when Linux refuses it; a common buffer of such an enabler
 * never lies above the mask. (Bouncing of streaming buffers above the
 * mask is checked in a guest: see tools/vmtest.)
 */
#include <kunit/static_stub.h>
#include <kunit/test.h>
#include <linux/dma-mapping.h>
#include <wdftest.h>
#include "wdf_test_util.h"

struct dw_log {
	int n;
	u64 asked[4];
	u64 refuse_below;	/* masks narrower than this are refused */
};

static int dw_stub_set_mask(struct device *dev, u64 mask)
{
	struct dw_log *log = kunit_get_current_test()->priv;

	if (log->n < ARRAY_SIZE(log->asked))
		log->asked[log->n] = mask;
	log->n++;
	if (mask < log->refuse_below)
		return -EIO;
	/*
	 * Accept as a platform whose memory the mask covers would: UML's
	 * dma_supported() refuses masks below its memory, and what is under
	 * test is the mask the shim asks for, not the platform's answer.
	 */
	*dev->dma_mask = mask;
	dev->coherent_dma_mask = mask;
	return 0;
}

static struct dw_log *dw_log_start(struct kunit *test, u64 refuse_below)
{
	struct dw_log *log = kunit_kzalloc(test, sizeof(*log), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, log);
	log->refuse_below = refuse_below;
	test->priv = log;
	kunit_activate_static_stub(test, wdf_dma_set_mask, dw_stub_set_mask);
	return log;
}

static void dw_packet_28_sets_28_bit_masks(struct kunit *test)
{
	struct wdft_device *wd = wdft_device_create(test, NULL);
	struct dw_log *log = dw_log_start(test, 0);
	WDF_DMA_ENABLER_CONFIG cfg;
	WDFDMAENABLER en;

	/* from a wider mask, so the enabler must really narrow it */
	KUNIT_ASSERT_EQ(test, dma_set_mask_and_coherent(wd->dev, DMA_BIT_MASK(32)), 0);
	WDF_DMA_ENABLER_CONFIG_INIT(&cfg, WdfDmaProfilePacket, 4096);
	cfg.AddressWidthOverride = 28;
	KUNIT_ASSERT_EQ(test, WdfDmaEnablerCreate(wd->device, &cfg, NULL, &en),
			STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, log->n, 1);
	KUNIT_EXPECT_EQ(test, log->asked[0], DMA_BIT_MASK(28));
	KUNIT_EXPECT_EQ(test, *wd->dev->dma_mask, DMA_BIT_MASK(28));
	KUNIT_EXPECT_EQ(test, wd->dev->coherent_dma_mask, DMA_BIT_MASK(28));
	KUNIT_EXPECT_EQ(test, WdfDmaEnablerGetMaximumLength(en), 4096UL);
	/* the same on the 64-bit packet profile: the override wins */
	WDF_DMA_ENABLER_CONFIG_INIT(&cfg, WdfDmaProfilePacket64, 4096);
	cfg.AddressWidthOverride = 28;
	KUNIT_ASSERT_EQ(test, dma_set_mask_and_coherent(wd->dev, DMA_BIT_MASK(64)), 0);
	KUNIT_ASSERT_EQ(test, WdfDmaEnablerCreate(wd->device, &cfg, NULL, &en),
			STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, log->n, 2);
	KUNIT_EXPECT_EQ(test, log->asked[1], DMA_BIT_MASK(28));
	KUNIT_EXPECT_EQ(test, *wd->dev->dma_mask, DMA_BIT_MASK(28));
	KUNIT_EXPECT_EQ(test, wd->dev->coherent_dma_mask, DMA_BIT_MASK(28));
}

static void dw_refused_narrow_mask_is_unsuccessful(struct kunit *test)
{
	struct wdft_device *wd = wdft_device_create(test, NULL);
	struct dw_log *log = dw_log_start(test, DMA_BIT_MASK(32));
	WDF_DMA_ENABLER_CONFIG cfg;
	WDFDMAENABLER en;

	KUNIT_ASSERT_EQ(test, dma_set_mask_and_coherent(wd->dev, DMA_BIT_MASK(32)), 0);
	WDF_DMA_ENABLER_CONFIG_INIT(&cfg, WdfDmaProfilePacket, 4096);
	cfg.AddressWidthOverride = 28;
	en = (WDFDMAENABLER)wd;
	KUNIT_EXPECT_EQ(test, WdfDmaEnablerCreate(wd->device, &cfg, NULL, &en),
			STATUS_UNSUCCESSFUL);
	KUNIT_EXPECT_NULL(test, en);
	/* never widened behind the driver's back: one attempt, 28 bits */
	KUNIT_EXPECT_EQ(test, log->n, 1);
	KUNIT_EXPECT_EQ(test, log->asked[0], DMA_BIT_MASK(28));
	KUNIT_EXPECT_EQ(test, *wd->dev->dma_mask, DMA_BIT_MASK(32));
	/* a 64-bit packet profile narrowed to 28 bits does not fall back either */
	WDF_DMA_ENABLER_CONFIG_INIT(&cfg, WdfDmaProfilePacket64, 4096);
	cfg.AddressWidthOverride = 28;
	KUNIT_EXPECT_EQ(test, WdfDmaEnablerCreate(wd->device, &cfg, NULL, &en),
			STATUS_UNSUCCESSFUL);
	KUNIT_EXPECT_EQ(test, log->n, 2);
}

static void dw_common_buffer_below_the_mask(struct kunit *test)
{
	struct wdft_device *wd = wdft_device_create(test, NULL);
	WDF_DMA_ENABLER_CONFIG cfg;
	WDFCOMMONBUFFER cb;
	WDFDMAENABLER en;
	PHYSICAL_ADDRESS la;
	NTSTATUS st;
	int i;

	dw_log_start(test, 0);
	WDF_DMA_ENABLER_CONFIG_INIT(&cfg, WdfDmaProfilePacket, 4096);
	cfg.AddressWidthOverride = 28;
	KUNIT_ASSERT_EQ(test, WdfDmaEnablerCreate(wd->device, &cfg, NULL, &en),
			STATUS_SUCCESS);
	for (i = 0; i < 8; i++) {
		st = WdfCommonBufferCreate(en, 4096, WDF_NO_OBJECT_ATTRIBUTES, &cb);
		/*
		 * The allocator may find no memory under 256 MiB (UML has no
		 * ZONE_DMA); what it must never do is hand out memory above.
		 */
		if (st == STATUS_INSUFFICIENT_RESOURCES) {
			KUNIT_EXPECT_NULL(test, cb);
			continue;
		}
		KUNIT_ASSERT_EQ(test, st, STATUS_SUCCESS);
		la = WdfCommonBufferGetAlignedLogicalAddress(cb);
		KUNIT_EXPECT_LE(test, (u64)la.QuadPart + 4095, DMA_BIT_MASK(28));
	}
}

static struct kunit_case wdf_dmawidth_cases[] = {
	KUNIT_CASE(dw_packet_28_sets_28_bit_masks),
	KUNIT_CASE(dw_refused_narrow_mask_is_unsuccessful),
	KUNIT_CASE(dw_common_buffer_below_the_mask),
	{}
};

static struct kunit_suite wdf_dmawidth_suite = {
	.name = "wdf_dmawidth",
	.test_cases = wdf_dmawidth_cases,
};
kunit_test_suite(wdf_dmawidth_suite);
