// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: WDFTIMER (architecture "WDFTIMER"): created on a device, runs in
 * process context, one-shot or periodic, Start/Stop report whether it was
 * pending, serialised with EvtIo* by the device lock, and deleted with its
 * parent without running afterwards.
 */
#include <kunit/test.h>
#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/hardirq.h>
#include <linux/lockdep.h>
#include "wdf_test_util.h"

struct tfix {
	struct wdft_device *wd;
	WDFTIMER timer;
	atomic_t calls;
	struct completion ran;
	bool in_interrupt;
	WDFOBJECT parent;
	int seen_by_io;
	bool sync_held;
};

static struct tfix *tfix_of(WDFOBJECT device)
{
	struct wdft_device *wd = wdft_of(device);

	return wd ? wd->priv : NULL;
}

static void t_fn(WDFTIMER t)
{
	WDFOBJECT parent = WdfTimerGetParentObject(t);
	struct tfix *fx = tfix_of(parent);

	if (!fx)
		return;
	fx->in_interrupt = in_interrupt();
	fx->parent = parent;
	fx->sync_held = lockdep_is_held(wdf_test_device_sync_lock(parent));
	usleep_range(1000, 2000);	/* process context */
	atomic_inc(&fx->calls);
	complete(&fx->ran);
}

static void t_io_write(WDFQUEUE q, WDFREQUEST r, size_t len)
{
	struct tfix *fx = tfix_of(WdfIoQueueGetDevice(q));

	WdfTimerStart(fx->timer, 0);
	msleep(50);
	fx->seen_by_io = atomic_read(&fx->calls);
	WdfRequestCompleteWithInformation(r, STATUS_SUCCESS, len);
}

static NTSTATUS t_add(struct wdft_device *wd)
{
	WDF_IO_QUEUE_CONFIG qcfg;
	WDFQUEUE q;

	WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(&qcfg, WdfIoQueueDispatchSequential);
	qcfg.EvtIoWrite = t_io_write;
	return WdfIoQueueCreate(wd->device, &qcfg, NULL, &q);
}

static struct tfix *tfix_start(struct kunit *test, ULONG period, bool autoser)
{
	struct tfix *fx = kunit_kzalloc(test, sizeof(*fx), GFP_KERNEL);
	WDF_OBJECT_ATTRIBUTES attrs;
	WDF_TIMER_CONFIG cfg;

	KUNIT_ASSERT_NOT_NULL(test, fx);
	atomic_set(&fx->calls, 0);
	init_completion(&fx->ran);
	fx->wd = wdft_device_alloc(test);
	fx->wd->priv = fx;
	fx->wd->add = t_add;
	fx->wd->scope = WdfSynchronizationScopeDevice;
	KUNIT_ASSERT_EQ(test, wdft_device_start(test, fx->wd, NULL, 0), STATUS_SUCCESS);
	WDF_TIMER_CONFIG_INIT_PERIODIC(&cfg, t_fn, period);
	cfg.AutomaticSerialization = autoser;
	WDF_OBJECT_ATTRIBUTES_INIT(&attrs);
	attrs.ParentObject = fx->wd->device;
	KUNIT_ASSERT_EQ(test, WdfTimerCreate(&cfg, &attrs, &fx->timer), STATUS_SUCCESS);
	KUNIT_ASSERT_NOT_NULL(test, fx->timer);
	return fx;
}

static void timer_create_refusals(struct kunit *test)
{
	struct wdft_device *wd = wdft_device_create(test, NULL);
	WDF_OBJECT_ATTRIBUTES attrs;
	WDF_TIMER_CONFIG cfg;
	WDFTIMER t;

	/* the prologue's refusals: wdf_object_test.c; a callback is needed */
	WDF_OBJECT_ATTRIBUTES_INIT(&attrs);
	attrs.ParentObject = wd->device;
	WDF_TIMER_CONFIG_INIT(&cfg, NULL);
	t = (WDFTIMER)wd;
	KUNIT_EXPECT_EQ(test, WdfTimerCreate(&cfg, &attrs, &t), STATUS_INVALID_PARAMETER);
	KUNIT_EXPECT_NULL(test, t);
}

static void timer_one_shot_runs_once_in_process_context(struct kunit *test)
{
	struct tfix *fx = tfix_start(test, 0, true);

	WDFT_ASSERT_LOCKDEP(test);
	KUNIT_EXPECT_PTR_EQ(test, WdfTimerGetParentObject(fx->timer),
			    (WDFOBJECT)fx->wd->device);
	KUNIT_EXPECT_FALSE(test, WdfTimerStart(fx->timer, WDF_REL_TIMEOUT_IN_MS(10)));
	KUNIT_ASSERT_TRUE(test, wait_for_completion_timeout(&fx->ran, HZ * 5));
	msleep(50);
	wdf_test_device_flush(fx->wd->device);
	KUNIT_EXPECT_EQ(test, atomic_read(&fx->calls), 1);
	KUNIT_EXPECT_FALSE(test, fx->in_interrupt);
	KUNIT_EXPECT_TRUE(test, fx->sync_held);	/* AutomaticSerialization */
	KUNIT_EXPECT_PTR_EQ(test, fx->parent, (WDFOBJECT)fx->wd->device);
}

static void timer_without_serialization_is_unlocked(struct kunit *test)
{
	struct tfix *fx = tfix_start(test, 0, false);

	WDFT_ASSERT_LOCKDEP(test);
	WdfTimerStart(fx->timer, 0);
	KUNIT_ASSERT_TRUE(test, wait_for_completion_timeout(&fx->ran, HZ * 5));
	KUNIT_EXPECT_FALSE(test, fx->sync_held);
}

static void timer_stop_cancels_pending(struct kunit *test)
{
	struct tfix *fx = tfix_start(test, 0, true);

	KUNIT_EXPECT_FALSE(test, WdfTimerStart(fx->timer, WDF_REL_TIMEOUT_IN_SEC(30)));
	/* re-arming a pending timer says so */
	KUNIT_EXPECT_TRUE(test, WdfTimerStart(fx->timer, WDF_REL_TIMEOUT_IN_SEC(30)));
	KUNIT_EXPECT_TRUE(test, WdfTimerStop(fx->timer, TRUE));
	KUNIT_EXPECT_FALSE(test, WdfTimerStop(fx->timer, TRUE));
	wdf_test_device_flush(fx->wd->device);
	KUNIT_EXPECT_EQ(test, atomic_read(&fx->calls), 0);
}

static void timer_periodic_until_stopped(struct kunit *test)
{
	struct tfix *fx = tfix_start(test, 5, true);
	int i, n;

	WdfTimerStart(fx->timer, WDF_REL_TIMEOUT_IN_MS(5));
	for (i = 0; i < 3; i++) {
		KUNIT_ASSERT_TRUE(test, wait_for_completion_timeout(&fx->ran, HZ * 5));
		reinit_completion(&fx->ran);
	}
	WdfTimerStop(fx->timer, TRUE);
	n = atomic_read(&fx->calls);
	KUNIT_EXPECT_GE(test, n, 3);
	msleep(30);
	wdf_test_device_flush(fx->wd->device);
	KUNIT_EXPECT_EQ(test, atomic_read(&fx->calls), n);
}

static void timer_serialised_with_evtio(struct kunit *test)
{
	struct tfix *fx = tfix_start(test, 0, true);
	u8 *buf = kunit_kzalloc(test, 32, GFP_KERNEL);
	struct wdf_test_io *io;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	io = wdf_test_io_submit(fx->wd->device, WdfRequestTypeWrite, (unsigned long)buf, 32,
				0, 0, WDF_TEST_IO_KERNEL_BUFFER);
	KUNIT_ASSERT_FALSE(test, IS_ERR(io));
	KUNIT_EXPECT_EQ(test, wdf_test_io_wait(io, 5000), 32L);
	/* due at once, but it had to wait for EvtIoWrite to return */
	KUNIT_EXPECT_EQ(test, fx->seen_by_io, 0);
	KUNIT_EXPECT_TRUE(test, wait_for_completion_timeout(&fx->ran, HZ * 5));
	KUNIT_EXPECT_EQ(test, atomic_read(&fx->calls), 1);
}

/*
 * A timer that expired while its callback was still running (held here
 * on the device lock) has its callback queued but not run: Stop takes it
 * back (TRUE) and Start moves it to the new due time (TRUE), so the
 * callback runs once, not twice.
 */
static void timer_expired_not_run_taken_back(struct kunit *test, bool stop)
{
	struct tfix *fx = tfix_start(test, 0, true);
	struct mutex *lock = wdf_test_device_sync_lock(fx->wd->device);

	mutex_lock(lock);
	KUNIT_EXPECT_FALSE(test, WdfTimerStart(fx->timer, WDF_REL_TIMEOUT_IN_MS(10)));
	msleep(50);	/* expired: the callback waits for the lock */
	KUNIT_EXPECT_FALSE(test, WdfTimerStart(fx->timer, WDF_REL_TIMEOUT_IN_MS(10)));
	msleep(50);	/* expired again: queued behind the running one */
	if (stop)
		KUNIT_EXPECT_TRUE(test, WdfTimerStop(fx->timer, FALSE));
	else
		KUNIT_EXPECT_TRUE(test, WdfTimerStart(fx->timer,
						      WDF_REL_TIMEOUT_IN_SEC(30)));
	mutex_unlock(lock);
	KUNIT_ASSERT_TRUE(test, wait_for_completion_timeout(&fx->ran, HZ * 5));
	msleep(50);
	wdf_test_device_flush(fx->wd->device);
	KUNIT_EXPECT_EQ(test, atomic_read(&fx->calls), 1);
	/* moved: still armed; stopped: nothing left */
	KUNIT_EXPECT_EQ(test, WdfTimerStop(fx->timer, TRUE), (BOOLEAN)!stop);
	KUNIT_EXPECT_EQ(test, atomic_read(&fx->calls), 1);
}

static void timer_stop_takes_back_expired_callback(struct kunit *test)
{
	timer_expired_not_run_taken_back(test, true);
}

static void timer_start_moves_expired_callback(struct kunit *test)
{
	timer_expired_not_run_taken_back(test, false);
}

static void timer_deleted_with_device_never_fires(struct kunit *test)
{
	struct tfix *fx = tfix_start(test, 0, true);

	WdfTimerStart(fx->timer, WDF_REL_TIMEOUT_IN_MS(20));
	wdft_device_destroy(test, fx->wd);
	msleep(60);
	KUNIT_EXPECT_EQ(test, atomic_read(&fx->calls), 0);
}

static struct kunit_case wdf_timer_cases[] = {
	KUNIT_CASE(timer_create_refusals),
	KUNIT_CASE(timer_one_shot_runs_once_in_process_context),
	KUNIT_CASE(timer_without_serialization_is_unlocked),
	KUNIT_CASE(timer_stop_cancels_pending),
	KUNIT_CASE(timer_periodic_until_stopped),
	KUNIT_CASE(timer_serialised_with_evtio),
	KUNIT_CASE(timer_stop_takes_back_expired_callback),
	KUNIT_CASE(timer_start_moves_expired_callback),
	KUNIT_CASE(timer_deleted_with_device_never_fires),
	{}
};

static struct kunit_suite wdf_timer_suite = {
	.name = "wdf_timer",
	.test_cases = wdf_timer_cases,
};
kunit_test_suite(wdf_timer_suite);
