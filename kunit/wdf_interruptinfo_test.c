// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: WdfInterruptGetInfo reports what the interrupt resource says: a
 * message-signaled (MSI) resource as MessageSignaled, latched, exclusive;
 * an INTx line as level-sensitive and shared; no resource as zeros; a bad
 * WDF_INTERRUPT_INFO is refused with a WARN and left untouched.
 */
#include <kunit/test.h>
#include "wdf_test_util.h"

static BOOLEAN ii_isr(WDFINTERRUPT Interrupt, ULONG MessageID)
{
	return FALSE;
}

static NTSTATUS ii_add(struct wdft_device *wd)
{
	WDF_INTERRUPT_CONFIG cfg;

	WDF_INTERRUPT_CONFIG_INIT(&cfg, ii_isr, NULL);
	return WdfInterruptCreate(wd->device, &cfg, NULL,
				  (WDFINTERRUPT *)&wd->priv);
}

/* A started device whose interrupt has @res (none if NULL). */
static WDFINTERRUPT ii_start(struct kunit *test,
			     const CM_PARTIAL_RESOURCE_DESCRIPTOR *res)
{
	struct wdft_device *wd = wdft_device_alloc(test);

	wd->add = ii_add;
	KUNIT_ASSERT_EQ(test, wdft_device_start(test, wd, res, res ? 1 : 0),
			STATUS_SUCCESS);
	KUNIT_ASSERT_NOT_NULL(test, wd->priv);
	return wd->priv;
}

static CM_PARTIAL_RESOURCE_DESCRIPTOR ii_res(USHORT flags, UCHAR share)
{
	CM_PARTIAL_RESOURCE_DESCRIPTOR r = { 0 };

	r.Type = CmResourceTypeInterrupt;
	r.ShareDisposition = share;
	r.Flags = flags;
	r.u.Interrupt.Level = 42;
	r.u.Interrupt.Vector = 0;	/* never request_irq'ed in KUnit */
	r.u.Interrupt.Affinity = 3;
	return r;
}

static void ii_msi_is_message_signaled(struct kunit *test)
{
	CM_PARTIAL_RESOURCE_DESCRIPTOR r =
		ii_res(CM_RESOURCE_INTERRUPT_LATCHED | CM_RESOURCE_INTERRUPT_MESSAGE,
		       CmResourceShareDeviceExclusive);
	WDFINTERRUPT intr = ii_start(test, &r);
	WDF_INTERRUPT_INFO info;

	memset(&info, 0xa5, sizeof(info));
	WDF_INTERRUPT_INFO_INIT(&info);
	WdfInterruptGetInfo(intr, &info);
	KUNIT_EXPECT_TRUE(test, info.MessageSignaled);
	KUNIT_EXPECT_EQ(test, info.Mode, Latched);
	KUNIT_EXPECT_EQ(test, info.ShareDisposition, CmResourceShareDeviceExclusive);
	KUNIT_EXPECT_EQ(test, info.TargetProcessorSet, (KAFFINITY)3);
	KUNIT_EXPECT_EQ(test, info.MessageNumber, 0U);
	KUNIT_EXPECT_EQ(test, info.Size, (ULONG)sizeof(info));
}

static void ii_intx_is_a_shared_level_line(struct kunit *test)
{
	CM_PARTIAL_RESOURCE_DESCRIPTOR r =
		ii_res(CM_RESOURCE_INTERRUPT_LEVEL_SENSITIVE, CmResourceShareShared);
	WDFINTERRUPT intr = ii_start(test, &r);
	WDF_INTERRUPT_INFO info;

	WDF_INTERRUPT_INFO_INIT(&info);
	info.MessageSignaled = TRUE;	/* must be overwritten */
	WdfInterruptGetInfo(intr, &info);
	KUNIT_EXPECT_FALSE(test, info.MessageSignaled);
	KUNIT_EXPECT_EQ(test, info.Mode, LevelSensitive);
	KUNIT_EXPECT_EQ(test, info.ShareDisposition, CmResourceShareShared);
}

static void ii_no_resource_and_misuse(struct kunit *test)
{
	WDFINTERRUPT intr = ii_start(test, NULL);
	WDF_INTERRUPT_INFO info, before;

	WDF_INTERRUPT_INFO_INIT(&info);
	info.Vector = 99;
	WdfInterruptGetInfo(intr, &info);
	KUNIT_EXPECT_FALSE(test, info.MessageSignaled);
	KUNIT_EXPECT_EQ(test, info.Vector, 0U);
	/* KMDF bugchecks on a bad Size: WARN, nothing written */
	WDF_INTERRUPT_INFO_INIT(&info);
	info.Size--;
	info.Vector = 77;
	before = info;
	WDFT_WARN_BEGIN_MUST(test);
	WdfInterruptGetInfo(intr, &info);
	WdfInterruptGetInfo(intr, NULL);
	WDFT_WARN_END(test);
	KUNIT_EXPECT_EQ(test, memcmp(&info, &before, sizeof(info)), 0);
}

static struct kunit_case wdf_interruptinfo_cases[] = {
	KUNIT_CASE(ii_msi_is_message_signaled),
	KUNIT_CASE(ii_intx_is_a_shared_level_line),
	KUNIT_CASE(ii_no_resource_and_misuse),
	{}
};

static struct kunit_suite wdf_interruptinfo_suite = {
	.name = "wdf_interruptinfo",
	.test_cases = wdf_interruptinfo_cases,
};
kunit_test_suite(wdf_interruptinfo_suite);
