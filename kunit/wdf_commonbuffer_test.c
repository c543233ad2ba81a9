// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: WDFCOMMONBUFFER (doc/facts.md §8.1, §8.4-§8.6). Buffers come from
 * dma_alloc_coherent() on a kunit_device_register() device; the shim's
 * allocation points are replaced by static stubs to observe the raw size
 * it asks for and to inject failures.
 */
#include <kunit/static_stub.h>
#include <kunit/test.h>
#include <linux/dma-direct.h>
#include <linux/dma-mapping.h>
#include <linux/io.h>
#include <linux/limits.h>
#include <wdftest.h>
#include "wdf_test_util.h"

/* State of the stubs of the running test (test->priv). */
struct cb_stub {
	int dma_calls;
	size_t dma_size;	/* last raw size asked for */
	bool dma_fail;
	bool mem_fail;
	bool shift;		/* hand out blocks one page off alignment */
	void *cpu;		/* last block handed out */
	dma_addr_t handle;
	int frees;
	bool free_matches;	/* every free named a block we handed out */
};

static void *cb_stub_dma_alloc(struct device *dev, size_t size,
			       dma_addr_t *handle, gfp_t gfp)
{
	struct kunit *test = kunit_get_current_test();
	struct cb_stub *s = test->priv;

	void *cpu;

	s->dma_calls++;
	s->dma_size = size;
	if (s->dma_fail)
		return NULL;
	if (!s->shift) {
		cpu = dma_alloc_coherent(dev, size, handle, gfp);
	} else {
		/*
		 * dma_alloc_coherent() aligns to the block's own order, which
		 * would hide the shim's alignment arithmetic: hand out the
		 * block one page in, so it is page- but not mask-aligned.
		 */
		cpu = dma_alloc_coherent(dev, size + PAGE_SIZE, handle, gfp);
		if (cpu) {
			cpu += PAGE_SIZE;
			*handle += PAGE_SIZE;
		}
	}
	s->cpu = cpu;
	s->handle = cpu ? *handle : 0;
	return cpu;
}

static void cb_stub_dma_free(struct device *dev, size_t size, void *cpu,
			     dma_addr_t handle)
{
	struct kunit *test = kunit_get_current_test();
	struct cb_stub *s = test->priv;

	s->frees++;
	if (cpu != s->cpu || handle != s->handle || size != s->dma_size)
		s->free_matches = false;
	if (s->shift)
		dma_free_coherent(dev, size + PAGE_SIZE, cpu - PAGE_SIZE,
				  handle - PAGE_SIZE);
	else
		dma_free_coherent(dev, size, cpu, handle);
}

static void *cb_stub_mem_alloc(size_t size, gfp_t gfp)
{
	struct kunit *test = kunit_get_current_test();
	struct cb_stub *s = test->priv;

	if (s->mem_fail)
		return NULL;
	return kzalloc(size, gfp);
}

static struct cb_stub *cb_stubs(struct kunit *test)
{
	struct cb_stub *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, s);
	s->free_matches = true;
	test->priv = s;
	kunit_activate_static_stub(test, wdf_dma_alloc_coherent, cb_stub_dma_alloc);
	kunit_activate_static_stub(test, wdf_dma_free_coherent, cb_stub_dma_free);
	return s;
}

static WDFDMAENABLER cb_enabler(struct kunit *test, struct wdft_device **wdp,
				WDF_DMA_PROFILE profile, ULONG device_alignment)
{
	struct wdft_device *wd = wdft_device_create(test, NULL);

	if (device_alignment)
		WdfDeviceSetAlignmentRequirement(wd->device, device_alignment);
	if (wdp)
		*wdp = wd;
	return wdft_enabler_create(test, wd, profile, 8192);
}

/* The buffer is real: VA and LA name the same memory, all of it usable. */
static void cb_check_memory(struct kunit *test, struct wdft_device *wd,
			    WDFCOMMONBUFFER cb, size_t len, ULONG mask)
{
	u8 *va = WdfCommonBufferGetAlignedVirtualAddress(cb);
	PHYSICAL_ADDRESS la = WdfCommonBufferGetAlignedLogicalAddress(cb);
	size_t i;

	KUNIT_ASSERT_NOT_NULL(test, va);
	KUNIT_EXPECT_EQ(test, WdfCommonBufferGetLength(cb), len);
	KUNIT_EXPECT_EQ_MSG(test, (u64)la.QuadPart & mask, 0ULL, "mask 0x%x", mask);
	KUNIT_EXPECT_EQ(test, (u64)la.QuadPart,
			(u64)phys_to_dma(wd->dev, virt_to_phys(va)));
	KUNIT_EXPECT_EQ(test, (u64)la.QuadPart & ~(u64)*wd->dev->dma_mask, 0ULL);
	if (mask < PAGE_SIZE)
		KUNIT_EXPECT_EQ(test, (unsigned long)va & mask, 0UL);
	for (i = 0; i < len; i++)
		va[i] = (u8)(i ^ 0x5a);
	for (i = 0; i < len; i++)
		if (va[i] != (u8)(i ^ 0x5a))
			break;
	KUNIT_EXPECT_EQ(test, i, len);
}

static void cb_length_zero_is_invalid_parameter(struct kunit *test)
{
	WDFDMAENABLER en = cb_enabler(test, NULL, WdfDmaProfileScatterGather, 0);
	WDFCOMMONBUFFER cb = (WDFCOMMONBUFFER)test;	/* poison */

	KUNIT_EXPECT_EQ(test, WdfCommonBufferCreate(en, 0, WDF_NO_OBJECT_ATTRIBUTES, &cb),
			STATUS_INVALID_PARAMETER);
	KUNIT_EXPECT_NULL(test, cb);
}

static void cb_config_size_mismatch_checked_first(struct kunit *test)
{
	WDFDMAENABLER en = cb_enabler(test, NULL, WdfDmaProfileScatterGather, 0);
	WDFCOMMONBUFFER cb = (WDFCOMMONBUFFER)test;
	WDF_COMMON_BUFFER_CONFIG cfg;

	WDF_COMMON_BUFFER_CONFIG_INIT(&cfg, FILE_OCTA_ALIGNMENT);
	cfg.Size = sizeof(cfg) - 1;
	/* even with Length 0, the Size check comes first (doc/facts.md §8.5) */
	KUNIT_EXPECT_EQ(test, WdfCommonBufferCreateWithConfig(en, 0, &cfg,
				WDF_NO_OBJECT_ATTRIBUTES, &cb),
			STATUS_INFO_LENGTH_MISMATCH);
	KUNIT_EXPECT_NULL(test, cb);
	cfg.Size = sizeof(cfg);
	cb = (WDFCOMMONBUFFER)test;
	KUNIT_EXPECT_EQ(test, WdfCommonBufferCreateWithConfig(en, 0, &cfg,
				WDF_NO_OBJECT_ATTRIBUTES, &cb),
			STATUS_INVALID_PARAMETER);
	KUNIT_EXPECT_NULL(test, cb);
}

static const size_t cb_lengths[] = { 1, 96, PAGE_SIZE - 1, PAGE_SIZE, PAGE_SIZE + 1,
				     3 * PAGE_SIZE + 5 };

static void cb_length_desc(const size_t *len, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "Length %zu", *len);
}
KUNIT_ARRAY_PARAM(cb_lengths, cb_lengths, cb_length_desc);

static void cb_real_coherent_memory_of_requested_length(struct kunit *test)
{
	const size_t len = *(const size_t *)test->param_value;
	struct cb_stub *s = cb_stubs(test);
	struct wdft_device *wd;
	WDFDMAENABLER en = cb_enabler(test, &wd, WdfDmaProfileScatterGather,
				      FILE_OCTA_ALIGNMENT);
	WDFCOMMONBUFFER cb = NULL;

	KUNIT_ASSERT_EQ(test, WdfCommonBufferCreate(en, len, WDF_NO_OBJECT_ATTRIBUTES, &cb),
			STATUS_SUCCESS);
	KUNIT_ASSERT_NOT_NULL(test, cb);
	/* a mask below PAGE_SIZE needs no padding (doc/facts.md §8.4) */
	KUNIT_EXPECT_EQ(test, s->dma_calls, 1);
	KUNIT_EXPECT_EQ(test, s->dma_size, len);
	cb_check_memory(test, wd, cb, len, FILE_OCTA_ALIGNMENT);
	/* removing the device frees it (dma_free_coherent, same block) */
	wdft_device_destroy(test, wd);
	KUNIT_EXPECT_EQ(test, s->frees, 1);
	KUNIT_EXPECT_TRUE(test, s->free_matches);
}

static void cb_dma_allocation_failure(struct kunit *test)
{
	struct cb_stub *s = cb_stubs(test);
	WDFDMAENABLER en = cb_enabler(test, NULL, WdfDmaProfileScatterGather64Duplex, 0);
	WDFCOMMONBUFFER cb = (WDFCOMMONBUFFER)test;
	unsigned long live = wdft_live_objects();

	s->dma_fail = true;
	KUNIT_EXPECT_EQ(test, WdfCommonBufferCreate(en, 96, WDF_NO_OBJECT_ATTRIBUTES, &cb),
			STATUS_INSUFFICIENT_RESOURCES);
	KUNIT_EXPECT_NULL(test, cb);
	KUNIT_EXPECT_EQ(test, s->dma_calls, 1);
	KUNIT_EXPECT_EQ(test, s->frees, 0);
	KUNIT_EXPECT_EQ(test, wdft_live_objects(), live);
	/* the enabler still works afterwards */
	s->dma_fail = false;
	KUNIT_EXPECT_EQ(test, WdfCommonBufferCreate(en, 96, WDF_NO_OBJECT_ATTRIBUTES, &cb),
			STATUS_SUCCESS);
	KUNIT_EXPECT_NOT_NULL(test, cb);
	KUNIT_EXPECT_EQ(test, wdft_live_objects(), live + 1);
}

static void cb_object_allocation_failure(struct kunit *test)
{
	struct cb_stub *s = cb_stubs(test);
	WDFDMAENABLER en = cb_enabler(test, NULL, WdfDmaProfileScatterGather64Duplex, 0);
	WDFCOMMONBUFFER cb = (WDFCOMMONBUFFER)test;
	unsigned long live = wdft_live_objects();

	kunit_activate_static_stub(test, wdf_mem_alloc, cb_stub_mem_alloc);
	s->mem_fail = true;
	KUNIT_EXPECT_EQ(test, WdfCommonBufferCreate(en, 96, WDF_NO_OBJECT_ATTRIBUTES, &cb),
			STATUS_INSUFFICIENT_RESOURCES);
	KUNIT_EXPECT_NULL(test, cb);
	KUNIT_EXPECT_EQ(test, wdft_live_objects(), live);
	kunit_deactivate_static_stub(test, wdf_mem_alloc);
}

static void cb_mask_snapshotted_for_scatter_gather(struct kunit *test)
{
	const ULONG mask = 2 * PAGE_SIZE - 1;
	struct cb_stub *s = cb_stubs(test);
	struct wdft_device *wd;
	WDFDMAENABLER en = cb_enabler(test, &wd, WdfDmaProfileScatterGather, mask);
	WDFCOMMONBUFFER cb = NULL;

	KUNIT_ASSERT_EQ(test, WdfCommonBufferCreate(en, 100, WDF_NO_OBJECT_ATTRIBUTES, &cb),
			STATUS_SUCCESS);
	/* mask >= PAGE_SIZE: over-allocated by the mask */
	KUNIT_EXPECT_EQ(test, s->dma_size, (size_t)100 + mask);
	cb_check_memory(test, wd, cb, 100, mask);
}

static void cb_mask_not_used_for_packet_profile(struct kunit *test)
{
	const ULONG mask = 2 * PAGE_SIZE - 1;
	struct cb_stub *s = cb_stubs(test);
	struct wdft_device *wd;
	WDFDMAENABLER en = cb_enabler(test, &wd, WdfDmaProfilePacket, mask);
	WDFCOMMONBUFFER cb = NULL;

	KUNIT_ASSERT_EQ(test, WdfCommonBufferCreate(en, 100, WDF_NO_OBJECT_ATTRIBUTES, &cb),
			STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, s->dma_size, (size_t)100);
	cb_check_memory(test, wd, cb, 100, 0);
}

static void cb_mask_taken_at_enabler_creation(struct kunit *test)
{
	struct cb_stub *s = cb_stubs(test);
	struct wdft_device *wd;
	WDFDMAENABLER en = cb_enabler(test, &wd, WdfDmaProfileScatterGather64Duplex, 0);
	WDFCOMMONBUFFER cb = NULL;

	/* too late: the enabler already took its snapshot */
	WdfDeviceSetAlignmentRequirement(wd->device, 4 * PAGE_SIZE - 1);
	KUNIT_EXPECT_EQ(test, WdfDeviceGetAlignmentRequirement(wd->device),
			(ULONG)(4 * PAGE_SIZE - 1));
	KUNIT_ASSERT_EQ(test, WdfCommonBufferCreate(en, 300, WDF_NO_OBJECT_ATTRIBUTES, &cb),
			STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, s->dma_size, (size_t)300);
	cb_check_memory(test, wd, cb, 300, 0);
}

static void cb_with_config_overrides_alignment(struct kunit *test)
{
	const ULONG big = 4 * PAGE_SIZE - 1;
	struct cb_stub *s = cb_stubs(test);
	struct wdft_device *wd;
	WDFDMAENABLER en = cb_enabler(test, &wd, WdfDmaProfileScatterGather, big);
	WDF_COMMON_BUFFER_CONFIG cfg;
	WDFCOMMONBUFFER cb = NULL;

	/* a smaller per-buffer mask replaces the device's: no padding */
	WDF_COMMON_BUFFER_CONFIG_INIT(&cfg, FILE_OCTA_ALIGNMENT);
	KUNIT_ASSERT_EQ(test, WdfCommonBufferCreateWithConfig(en, 96, &cfg,
				WDF_NO_OBJECT_ATTRIBUTES, &cb), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, s->dma_size, (size_t)96);
	cb_check_memory(test, wd, cb, 96, FILE_OCTA_ALIGNMENT);
	/* a larger one pads by itself */
	WDF_COMMON_BUFFER_CONFIG_INIT(&cfg, 8 * PAGE_SIZE - 1);
	KUNIT_ASSERT_EQ(test, WdfCommonBufferCreateWithConfig(en, 5000, &cfg,
				WDF_NO_OBJECT_ATTRIBUTES, &cb), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, s->dma_size, (size_t)5000 + 8 * PAGE_SIZE - 1);
	cb_check_memory(test, wd, cb, 5000, 8 * PAGE_SIZE - 1);
	/* the enabler's own mask is unchanged for the next plain buffer */
	KUNIT_ASSERT_EQ(test, WdfCommonBufferCreate(en, 96, WDF_NO_OBJECT_ATTRIBUTES, &cb),
			STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, s->dma_size, (size_t)96 + big);
	cb_check_memory(test, wd, cb, 96, big);
}

/*
 * A mask >= PAGE_SIZE over a block that is only page-aligned: the LA is
 * rounded up to the mask and the VA moves by the same offset
 * (doc/facts.md §8.5).
 */
static void cb_large_mask_offsets_va_like_la(struct kunit *test)
{
	const ULONG mask = 2 * PAGE_SIZE - 1;
	struct cb_stub *s = cb_stubs(test);
	struct wdft_device *wd;
	WDFDMAENABLER en = cb_enabler(test, &wd, WdfDmaProfileScatterGather, mask);
	WDFCOMMONBUFFER cb = NULL;
	PHYSICAL_ADDRESS la;
	u64 off;
	u8 *va;

	s->shift = true;
	KUNIT_ASSERT_EQ(test, WdfCommonBufferCreate(en, 100, WDF_NO_OBJECT_ATTRIBUTES, &cb),
			STATUS_SUCCESS);
	KUNIT_ASSERT_EQ(test, s->dma_size, (size_t)100 + mask);
	/* the stub's block really is mis-aligned, else this proves nothing */
	KUNIT_ASSERT_NE(test, (u64)s->handle & mask, 0ULL);
	la = WdfCommonBufferGetAlignedLogicalAddress(cb);
	va = WdfCommonBufferGetAlignedVirtualAddress(cb);
	off = ((u64)s->handle + mask) & ~(u64)mask;
	KUNIT_EXPECT_EQ(test, (u64)la.QuadPart, off);
	off -= s->handle;
	KUNIT_EXPECT_PTR_EQ(test, va, (u8 *)s->cpu + off);
	cb_check_memory(test, wd, cb, 100, mask);
	/* deletion frees exactly the block that was allocated */
	WdfObjectDelete(cb);
	KUNIT_EXPECT_EQ(test, s->frees, 1);
	KUNIT_EXPECT_TRUE(test, s->free_matches);
}

static void cb_size_overflows(struct kunit *test)
{
	const ULONG mask = 2 * PAGE_SIZE - 1;
	struct cb_stub *s = cb_stubs(test);
	WDFDMAENABLER en = cb_enabler(test, NULL, WdfDmaProfileScatterGather, mask);
	WDFCOMMONBUFFER cb = (WDFCOMMONBUFFER)test;

	/* Length + mask overflows size_t */
	KUNIT_EXPECT_EQ(test, WdfCommonBufferCreate(en, SIZE_MAX - mask + 1,
				WDF_NO_OBJECT_ATTRIBUTES, &cb), STATUS_INTEGER_OVERFLOW);
	KUNIT_EXPECT_NULL(test, cb);
	/* Length + mask exceeds ULONG */
	cb = (WDFCOMMONBUFFER)test;
	KUNIT_EXPECT_EQ(test, WdfCommonBufferCreate(en, (size_t)U32_MAX - mask + 1,
				WDF_NO_OBJECT_ATTRIBUTES, &cb),
			STATUS_INSUFFICIENT_RESOURCES);
	KUNIT_EXPECT_NULL(test, cb);
	KUNIT_EXPECT_EQ(test, s->dma_calls, 0);	/* refused before allocating */
}

struct cb_cleanup_log {
	int calls;
	WDFOBJECT last;
};

static void cb_cleanup(WDFOBJECT obj)
{
	struct kunit *test = kunit_get_current_test();
	struct cb_cleanup_log *log = test->priv;

	log->calls++;
	log->last = obj;
}

static void cb_delete_runs_cleanup_once(struct kunit *test)
{
	struct cb_cleanup_log *log = kunit_kzalloc(test, sizeof(*log), GFP_KERNEL);
	struct wdft_device *wd;
	WDFDMAENABLER en;
	WDF_OBJECT_ATTRIBUTES attrs;
	WDFCOMMONBUFFER cb = NULL;

	KUNIT_ASSERT_NOT_NULL(test, log);
	test->priv = log;
	en = cb_enabler(test, &wd, WdfDmaProfileScatterGather, 0);
	WDF_OBJECT_ATTRIBUTES_INIT(&attrs);
	attrs.EvtCleanupCallback = cb_cleanup;
	KUNIT_ASSERT_EQ(test, WdfCommonBufferCreate(en, 4 * PAGE_SIZE, &attrs, &cb),
			STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, log->calls, 0);
	WdfObjectDelete(cb);
	KUNIT_EXPECT_EQ(test, log->calls, 1);
	KUNIT_EXPECT_PTR_EQ(test, log->last, (WDFOBJECT)cb);
	/* the device goes: no second cleanup, DMA-API debug sees no leak */
	wdft_device_destroy(test, wd);
	KUNIT_EXPECT_EQ(test, log->calls, 1);
}

static struct kunit_case wdf_commonbuffer_cases[] = {
	KUNIT_CASE(cb_length_zero_is_invalid_parameter),
	KUNIT_CASE(cb_config_size_mismatch_checked_first),
	KUNIT_CASE_PARAM(cb_real_coherent_memory_of_requested_length, cb_lengths_gen_params),
	KUNIT_CASE(cb_dma_allocation_failure),
	KUNIT_CASE(cb_object_allocation_failure),
	KUNIT_CASE(cb_mask_snapshotted_for_scatter_gather),
	KUNIT_CASE(cb_mask_not_used_for_packet_profile),
	KUNIT_CASE(cb_mask_taken_at_enabler_creation),
	KUNIT_CASE(cb_with_config_overrides_alignment),
	KUNIT_CASE(cb_large_mask_offsets_va_like_la),
	KUNIT_CASE(cb_size_overflows),
	KUNIT_CASE(cb_delete_runs_cleanup_once),
	{}
};

static struct kunit_suite wdf_commonbuffer_suite = {
	.name = "wdf_commonbuffer",
	.test_cases = wdf_commonbuffer_cases,
};
kunit_test_suite(wdf_commonbuffer_suite);
