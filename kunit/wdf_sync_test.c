// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: WDFSPINLOCK and WDFWAITLOCK. Creation with and without a parent;
 * a spinlock holds interrupts off and restores them; two spinlocks nest
 * without a lockdep report (each its own class); recursive acquire and
 * release without acquire are refused with a WARN and leave the lock
 * usable. A wait lock: no timeout waits, a zero timeout does not, a
 * relative timeout expires with STATUS_TIMEOUT (not before its time) and
 * succeeds when another thread releases in time; a stray release cannot
 * let two holders in.
 */
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/irqflags.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include "wdf_test_util.h"

static void spinlock_create_with_and_without_parent(struct kunit *test)
{
	unsigned long live0 = wdft_live_objects();
	struct wdft_device *wd = wdft_device_create(test, NULL);
	unsigned long live = wdft_live_objects();
	WDF_OBJECT_ATTRIBUTES attrs;
	WDFSPINLOCK a, b;

	KUNIT_ASSERT_EQ(test, WdfSpinLockCreate(NULL, &a), STATUS_SUCCESS);
	KUNIT_ASSERT_NOT_NULL(test, a);
	WDF_OBJECT_ATTRIBUTES_INIT(&attrs);
	attrs.ParentObject = wd->device;
	KUNIT_ASSERT_EQ(test, WdfSpinLockCreate(&attrs, &b), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, wdft_live_objects(), live + 2);
	/* the refusals: wdf_object_test.c */
	/* the parented one goes with the device, the other one by delete */
	wdft_device_destroy(test, wd);
	KUNIT_EXPECT_EQ(test, wdft_live_objects(), live0 + 1);
	WdfObjectDelete(a);
	KUNIT_EXPECT_EQ(test, wdft_live_objects(), live0);
}

static void spinlock_holds_interrupts_off_and_nests(struct kunit *test)
{
	WDFSPINLOCK a, b;

	KUNIT_ASSERT_EQ(test, WdfSpinLockCreate(NULL, &a), STATUS_SUCCESS);
	KUNIT_ASSERT_EQ(test, WdfSpinLockCreate(NULL, &b), STATUS_SUCCESS);
	KUNIT_ASSERT_FALSE(test, irqs_disabled());
	WdfSpinLockAcquire(a);
	KUNIT_EXPECT_TRUE(test, irqs_disabled());
	/* another WDFSPINLOCK inside: no "recursive locking" from lockdep */
	WdfSpinLockAcquire(b);
	KUNIT_EXPECT_TRUE(test, irqs_disabled());
	WdfSpinLockRelease(b);
	KUNIT_EXPECT_TRUE(test, irqs_disabled());	/* a still held */
	WdfSpinLockRelease(a);
	KUNIT_EXPECT_FALSE(test, irqs_disabled());
	WdfObjectDelete(b);
	WdfObjectDelete(a);
}

static void spinlock_misuse_is_refused(struct kunit *test)
{
	WDFSPINLOCK a;
	WDFWAITLOCK w;

	KUNIT_ASSERT_EQ(test, WdfSpinLockCreate(NULL, &a), STATUS_SUCCESS);
	KUNIT_ASSERT_EQ(test, WdfWaitLockCreate(NULL, &w), STATUS_SUCCESS);
	WDFT_WARN_BEGIN_MUST(test);
	WdfSpinLockRelease(a);			/* not held */
	WDFT_WARN_END(test);
	KUNIT_EXPECT_FALSE(test, irqs_disabled());
	WdfSpinLockAcquire(a);
	WDFT_WARN_BEGIN_MUST(test);
	WdfSpinLockAcquire(a);			/* held by the caller */
	WDFT_WARN_END(test);
	WdfSpinLockRelease(a);
	KUNIT_EXPECT_FALSE(test, irqs_disabled());
	/* still a working lock */
	WdfSpinLockAcquire(a);
	KUNIT_EXPECT_TRUE(test, irqs_disabled());
	WdfSpinLockRelease(a);
	KUNIT_EXPECT_FALSE(test, irqs_disabled());
	/* wrong handle type (the check's WARN_ONCE may have fired before) */
	WDFT_WARN_BEGIN(test);
	WdfSpinLockAcquire((WDFSPINLOCK)w);
	WdfSpinLockRelease((WDFSPINLOCK)w);
	WDFT_WARN_END(test);
	KUNIT_EXPECT_FALSE(test, irqs_disabled());
	WdfObjectDelete(w);
	WdfObjectDelete(a);
}

static void waitlock_timeouts(struct kunit *test)
{
	LONGLONG zero = 0, rel = WDF_REL_TIMEOUT_IN_MS(60);
	WDFWAITLOCK w;
	ktime_t t0;
	s64 ms;

	KUNIT_ASSERT_EQ(test, WdfWaitLockCreate(NULL, &w), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, WdfWaitLockAcquire(w, NULL), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, WdfWaitLockAcquire(w, &zero), STATUS_TIMEOUT);
	t0 = ktime_get();
	KUNIT_EXPECT_EQ(test, WdfWaitLockAcquire(w, &rel), STATUS_TIMEOUT);
	ms = ktime_ms_delta(ktime_get(), t0);
	/* a jiffy-based timeout may end up to one jiffy early */
	KUNIT_EXPECT_GE(test, ms, 60 - 2 * (1000 / HZ));
	KUNIT_EXPECT_LT(test, ms, 5000);
	WdfWaitLockRelease(w);
	KUNIT_EXPECT_EQ(test, WdfWaitLockAcquire(w, &zero), STATUS_SUCCESS);
	WdfWaitLockRelease(w);
	KUNIT_EXPECT_EQ(test, WdfWaitLockAcquire(w, &rel), STATUS_SUCCESS);
	WdfWaitLockRelease(w);
	WdfObjectDelete(w);
}

struct releaser {
	WDFWAITLOCK lock;
	unsigned int delay_ms;
};

static int releaser_thread(void *data)
{
	struct releaser *r = data;

	msleep(r->delay_ms);
	WdfWaitLockRelease(r->lock);	/* another thread may release */
	return 0;
}

static void waitlock_released_by_another_thread_in_time(struct kunit *test)
{
	struct releaser *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	LONGLONG rel = WDF_REL_TIMEOUT_IN_SEC(10);
	struct task_struct *t;
	ktime_t t0;

	KUNIT_ASSERT_NOT_NULL(test, r);
	KUNIT_ASSERT_EQ(test, WdfWaitLockCreate(NULL, &r->lock), STATUS_SUCCESS);
	KUNIT_ASSERT_EQ(test, WdfWaitLockAcquire(r->lock, NULL), STATUS_SUCCESS);
	r->delay_ms = 50;
	t0 = ktime_get();
	t = kthread_run(releaser_thread, r, "wdft-rel");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	KUNIT_EXPECT_EQ(test, WdfWaitLockAcquire(r->lock, &rel), STATUS_SUCCESS);
	KUNIT_EXPECT_GE(test, ktime_ms_delta(ktime_get(), t0), 45);
	WdfWaitLockRelease(r->lock);
	WdfObjectDelete(r->lock);
}

static void waitlock_stray_release_is_refused(struct kunit *test)
{
	LONGLONG zero = 0;
	WDFSPINLOCK s;
	WDFWAITLOCK w;

	KUNIT_ASSERT_EQ(test, WdfWaitLockCreate(NULL, &w), STATUS_SUCCESS);
	KUNIT_ASSERT_EQ(test, WdfSpinLockCreate(NULL, &s), STATUS_SUCCESS);
	WDFT_WARN_BEGIN_MUST(test);
	WdfWaitLockRelease(w);
	WDFT_WARN_END(test);
	/* one holder only, as before */
	KUNIT_EXPECT_EQ(test, WdfWaitLockAcquire(w, &zero), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, WdfWaitLockAcquire(w, &zero), STATUS_TIMEOUT);
	WdfWaitLockRelease(w);
	WDFT_WARN_BEGIN(test);
	KUNIT_EXPECT_EQ(test, WdfWaitLockAcquire((WDFWAITLOCK)s, NULL),
			STATUS_INVALID_HANDLE);
	KUNIT_EXPECT_EQ(test, WdfWaitLockCreate(NULL, NULL), STATUS_INVALID_PARAMETER);
	WDFT_WARN_END(test);
	WdfObjectDelete(s);
	WdfObjectDelete(w);
}

static void waitlock_deleted_with_parent(struct kunit *test)
{
	struct wdft_device *wd = wdft_device_create(test, NULL);
	WDF_OBJECT_ATTRIBUTES attrs;
	unsigned long live;
	WDFWAITLOCK w;
	WDFMEMORY m;

	WDF_OBJECT_ATTRIBUTES_INIT(&attrs);
	attrs.ParentObject = wd->device;
	KUNIT_ASSERT_EQ(test, WdfMemoryCreate(&attrs, NonPagedPool, 0, 8, &m, NULL),
			STATUS_SUCCESS);
	attrs.ParentObject = m;
	live = wdft_live_objects();
	KUNIT_ASSERT_EQ(test, WdfWaitLockCreate(&attrs, &w), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, wdft_live_objects(), live + 1);
	WdfObjectDelete(m);
	KUNIT_EXPECT_EQ(test, wdft_live_objects(), live - 1);
}

static struct kunit_case wdf_sync_cases[] = {
	KUNIT_CASE(spinlock_create_with_and_without_parent),
	KUNIT_CASE(spinlock_holds_interrupts_off_and_nests),
	KUNIT_CASE(spinlock_misuse_is_refused),
	KUNIT_CASE(waitlock_timeouts),
	KUNIT_CASE(waitlock_released_by_another_thread_in_time),
	KUNIT_CASE(waitlock_stray_release_is_refused),
	KUNIT_CASE(waitlock_deleted_with_parent),
	{}
};

static struct kunit_suite wdf_sync_suite = {
	.name = "wdf_sync",
	.test_cases = wdf_sync_cases,
};
kunit_test_suite(wdf_sync_suite);
