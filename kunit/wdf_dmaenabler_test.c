// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: WDFDMAENABLER (doc/facts.md §8.2, §8.3): configuration checks,
 * the DMA mask the profile puts on the device (with the 64 -> 32 bit
 * fallback), scatter/gather element limits.
 */
#include <kunit/static_stub.h>
#include <kunit/test.h>
#include <linux/dma-mapping.h>
#include <wdftest.h>
#include "wdf_test_util.h"

static NTSTATUS en_create(struct wdft_device *wd, PWDF_DMA_ENABLER_CONFIG cfg,
			  PWDF_OBJECT_ATTRIBUTES attrs, WDFDMAENABLER *en)
{
	*en = (WDFDMAENABLER)wd;	/* poison: must be NULL after a failure */
	return WdfDmaEnablerCreate(wd->device, cfg, attrs, en);
}

static void en_maximum_length_zero_is_invalid_parameter(struct kunit *test)
{
	struct wdft_device *wd = wdft_device_create(test, NULL);
	WDF_DMA_ENABLER_CONFIG cfg;
	WDFDMAENABLER en;

	WDF_DMA_ENABLER_CONFIG_INIT(&cfg, WdfDmaProfileScatterGather64Duplex, 0);
	KUNIT_EXPECT_EQ(test, en_create(wd, &cfg, NULL, &en), STATUS_INVALID_PARAMETER);
	KUNIT_EXPECT_NULL(test, en);
}

static void en_unknown_profile_is_invalid_parameter(struct kunit *test)
{
	static const int bad[] = { WdfDmaProfileInvalid, WdfDmaProfileMaximum, 77, -1 };
	struct wdft_device *wd = wdft_device_create(test, NULL);
	WDF_DMA_ENABLER_CONFIG cfg;
	WDFDMAENABLER en;
	int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		WDF_DMA_ENABLER_CONFIG_INIT(&cfg, (WDF_DMA_PROFILE)bad[i], 8192);
		KUNIT_EXPECT_EQ_MSG(test, en_create(wd, &cfg, NULL, &en),
				    STATUS_INVALID_PARAMETER, "profile %d", bad[i]);
		KUNIT_EXPECT_NULL(test, en);
	}
}

/* A device that cannot take any DMA mask (no dma_mask pointer). */
static void en_mask_refused_is_unsuccessful(struct kunit *test)
{
	struct wdft_device *wd = wdft_device_create(test, NULL);
	WDF_DMA_ENABLER_CONFIG cfg;
	u64 *saved = wd->dev->dma_mask;
	WDFDMAENABLER en;
	NTSTATUS st;

	wd->dev->dma_mask = NULL;
	WDF_DMA_ENABLER_CONFIG_INIT(&cfg, WdfDmaProfileScatterGather64Duplex, 8192);
	st = en_create(wd, &cfg, NULL, &en);
	wd->dev->dma_mask = saved;
	KUNIT_EXPECT_EQ(test, st, STATUS_UNSUCCESSFUL);
	KUNIT_EXPECT_NULL(test, en);
	WDF_DMA_ENABLER_CONFIG_INIT(&cfg, WdfDmaProfileScatterGather, 8192);
	wd->dev->dma_mask = NULL;
	st = en_create(wd, &cfg, NULL, &en);
	wd->dev->dma_mask = saved;
	KUNIT_EXPECT_EQ(test, st, STATUS_UNSUCCESSFUL);
	KUNIT_EXPECT_NULL(test, en);
}

static void en_profile_sets_device_mask(struct kunit *test)
{
	struct wdft_device *wd = wdft_device_create(test, NULL);
	WDF_DMA_ENABLER_CONFIG cfg;
	WDFDMAENABLER en;

	WDF_DMA_ENABLER_CONFIG_INIT(&cfg, WdfDmaProfileScatterGather64Duplex, 8192);
	KUNIT_ASSERT_EQ(test, en_create(wd, &cfg, NULL, &en), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, *wd->dev->dma_mask, DMA_BIT_MASK(64));
	KUNIT_EXPECT_EQ(test, wd->dev->coherent_dma_mask, DMA_BIT_MASK(64));
	WDF_DMA_ENABLER_CONFIG_INIT(&cfg, WdfDmaProfilePacket, 4096);
	KUNIT_ASSERT_EQ(test, en_create(wd, &cfg, NULL, &en), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, *wd->dev->dma_mask, DMA_BIT_MASK(32));
	KUNIT_EXPECT_EQ(test, wd->dev->coherent_dma_mask, DMA_BIT_MASK(32));
	/* AddressWidthOverride narrows a 64-bit profile */
	WDF_DMA_ENABLER_CONFIG_INIT(&cfg, WdfDmaProfileScatterGather64, 4096);
	cfg.AddressWidthOverride = 40;
	KUNIT_ASSERT_EQ(test, en_create(wd, &cfg, NULL, &en), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, *wd->dev->dma_mask, DMA_BIT_MASK(40));
}

/* Refuses anything wider than 32 bits; records what was asked. */
struct en_mask_log {
	int n;
	u64 asked[4];
};

static int en_stub_set_mask(struct device *dev, u64 mask)
{
	struct en_mask_log *log = kunit_get_current_test()->priv;

	if (log->n < ARRAY_SIZE(log->asked))
		log->asked[log->n] = mask;
	log->n++;
	if (mask > DMA_BIT_MASK(32))
		return -EIO;
	return dma_set_mask_and_coherent(dev, mask);
}

static void en_64bit_falls_back_to_32bit(struct kunit *test)
{
	struct en_mask_log *log = kunit_kzalloc(test, sizeof(*log), GFP_KERNEL);
	struct wdft_device *wd = wdft_device_create(test, NULL);
	WDF_DMA_ENABLER_CONFIG cfg;
	WDFDMAENABLER en;

	KUNIT_ASSERT_NOT_NULL(test, log);
	test->priv = log;
	/* start from a 64-bit mask so the fallback must really set 32 */
	KUNIT_ASSERT_EQ(test, dma_set_mask_and_coherent(wd->dev, DMA_BIT_MASK(64)), 0);
	kunit_activate_static_stub(test, wdf_dma_set_mask, en_stub_set_mask);
	WDF_DMA_ENABLER_CONFIG_INIT(&cfg, WdfDmaProfileScatterGather64Duplex, 8192);
	KUNIT_ASSERT_EQ(test, en_create(wd, &cfg, NULL, &en), STATUS_SUCCESS);
	KUNIT_EXPECT_NOT_NULL(test, en);
	KUNIT_ASSERT_EQ(test, log->n, 2);
	KUNIT_EXPECT_EQ(test, log->asked[0], DMA_BIT_MASK(64));
	KUNIT_EXPECT_EQ(test, log->asked[1], DMA_BIT_MASK(32));
	KUNIT_EXPECT_EQ(test, *wd->dev->dma_mask, DMA_BIT_MASK(32));
	KUNIT_EXPECT_EQ(test, wd->dev->coherent_dma_mask, DMA_BIT_MASK(32));
	/* a 32-bit profile has nothing to fall back to */
	log->n = 0;
	WDF_DMA_ENABLER_CONFIG_INIT(&cfg, WdfDmaProfileScatterGather, 8192);
	cfg.AddressWidthOverride = 0;
	KUNIT_ASSERT_EQ(test, en_create(wd, &cfg, NULL, &en), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, log->n, 1);
	KUNIT_EXPECT_EQ(test, log->asked[0], DMA_BIT_MASK(32));
}

static void en_address_width_override_checked(struct kunit *test)
{
	struct wdft_device *wd = wdft_device_create(test, NULL);
	WDF_DMA_ENABLER_CONFIG cfg;
	WDFDMAENABLER en;

	WDF_DMA_ENABLER_CONFIG_INIT(&cfg, WdfDmaProfileScatterGather, 8192);
	cfg.AddressWidthOverride = 33;
	KUNIT_EXPECT_EQ(test, en_create(wd, &cfg, NULL, &en), STATUS_INVALID_PARAMETER);
	KUNIT_EXPECT_NULL(test, en);
	cfg.AddressWidthOverride = 32;
	KUNIT_EXPECT_EQ(test, en_create(wd, &cfg, NULL, &en), STATUS_SUCCESS);
}

static void en_require_single_transfer_needs_dma_v3(struct kunit *test)
{
	struct wdft_device *wd = wdft_device_create(test, NULL);
	struct wdft_sbuf *sb = wdft_sbuf_alloc(test, 4);
	WDF_DMA_ENABLER_CONFIG cfg;
	WDFDMATRANSACTION tx;
	WDFDMAENABLER en;
	PMDL mdl = wdft_mdl(test, sb->va, 8193);

	WDF_DMA_ENABLER_CONFIG_INIT(&cfg, WdfDmaProfileScatterGather64Duplex, 8192);
	cfg.Flags = WDF_DMA_ENABLER_CONFIG_REQUIRE_SINGLE_TRANSFER;
	KUNIT_EXPECT_EQ(test, en_create(wd, &cfg, NULL, &en), STATUS_INVALID_PARAMETER);
	KUNIT_EXPECT_NULL(test, en);
	cfg.WdmDmaVersionOverride = 3;
	KUNIT_ASSERT_EQ(test, en_create(wd, &cfg, NULL, &en), STATUS_SUCCESS);
	/* transactions of this enabler are single-transfer by default ... */
	KUNIT_ASSERT_EQ(test, WdfDmaTransactionCreate(en, NULL, &tx), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, WdfDmaTransactionInitialize(tx, wdft_program_dma,
				WdfDmaDirectionWriteToDevice, mdl, sb->va, 8193),
			STATUS_WDF_TOO_MANY_TRANSFERS);
	/* ... and Release resets to that default, not to "off" */
	WdfDmaTransactionRelease(tx);
	KUNIT_EXPECT_EQ(test, WdfDmaTransactionInitialize(tx, wdft_program_dma,
				WdfDmaDirectionWriteToDevice, mdl, sb->va, 8193),
			STATUS_WDF_TOO_MANY_TRANSFERS);
	WdfDmaTransactionRelease(tx);
}

static void en_max_sg_elements(struct kunit *test)
{
	struct wdft_device *wd = wdft_device_create(test, NULL);
	WDFDMAENABLER en = wdft_enabler_create(test, wd, WdfDmaProfileScatterGather64Duplex,
					       8192);

	KUNIT_EXPECT_EQ(test, WdfDmaEnablerGetMaximumLength(en), (size_t)8192);
	KUNIT_EXPECT_EQ(test, WdfDmaEnablerGetMaximumScatterGatherElements(en),
			(size_t)WDF_DMA_ENABLER_UNLIMITED_FRAGMENTS);
	WdfDmaEnablerSetMaximumScatterGatherElements(en, 3);
	KUNIT_EXPECT_EQ(test, WdfDmaEnablerGetMaximumScatterGatherElements(en), (size_t)3);
	/* 0 is ignored (doc/facts.md §8.3) */
	WdfDmaEnablerSetMaximumScatterGatherElements(en, 0);
	KUNIT_EXPECT_EQ(test, WdfDmaEnablerGetMaximumScatterGatherElements(en), (size_t)3);
#if BITS_PER_LONG == 64
	/* values above ULONG are clamped */
	WdfDmaEnablerSetMaximumScatterGatherElements(en, (size_t)U32_MAX + 5);
	KUNIT_EXPECT_EQ(test, WdfDmaEnablerGetMaximumScatterGatherElements(en),
			(size_t)U32_MAX);
#endif
}

static void *en_stub_no_memory(size_t size, gfp_t gfp)
{
	return NULL;
}

static void en_allocation_failure(struct kunit *test)
{
	struct wdft_device *wd = wdft_device_create(test, NULL);
	unsigned long live = wdft_live_objects();
	WDF_DMA_ENABLER_CONFIG cfg;
	WDFDMAENABLER en;

	WDF_DMA_ENABLER_CONFIG_INIT(&cfg, WdfDmaProfileScatterGather64Duplex, 8192);
	kunit_activate_static_stub(test, wdf_mem_alloc, en_stub_no_memory);
	KUNIT_EXPECT_EQ(test, en_create(wd, &cfg, NULL, &en), STATUS_INSUFFICIENT_RESOURCES);
	kunit_deactivate_static_stub(test, wdf_mem_alloc);
	KUNIT_EXPECT_NULL(test, en);
	KUNIT_EXPECT_EQ(test, wdft_live_objects(), live);
	KUNIT_EXPECT_EQ(test, en_create(wd, &cfg, NULL, &en), STATUS_SUCCESS);
}

static struct kunit_case wdf_dmaenabler_cases[] = {
	KUNIT_CASE(en_maximum_length_zero_is_invalid_parameter),
	KUNIT_CASE(en_unknown_profile_is_invalid_parameter),
	KUNIT_CASE(en_mask_refused_is_unsuccessful),
	KUNIT_CASE(en_profile_sets_device_mask),
	KUNIT_CASE(en_64bit_falls_back_to_32bit),
	KUNIT_CASE(en_address_width_override_checked),
	KUNIT_CASE(en_require_single_transfer_needs_dma_v3),
	KUNIT_CASE(en_max_sg_elements),
	KUNIT_CASE(en_allocation_failure),
	{}
};

static struct kunit_suite wdf_dmaenabler_suite = {
	.name = "wdf_dmaenabler",
	.test_cases = wdf_dmaenabler_cases,
};
kunit_test_suite(wdf_dmaenabler_suite);
