// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: WDFWORKITEM. Creation statuses; the callback runs in process
 * context with the right parent, under the device lock only with
 * AutomaticSerialization; an item queued and not started is queued once;
 * Flush waits for the callback and refuses (WARN) from the callback
 * itself; deleting the parent runs a queued item down first; an item may
 * delete itself from its callback; children go before their parent.
 */
#include <kunit/test.h>
#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/hardirq.h>
#include <linux/lockdep.h>
#include "wdf_test_util.h"

struct wfix {
	struct wdft_device *wd;
	WDFWORKITEM item;
	atomic_t calls;
	struct completion started;
	struct completion release;	/* the callback waits for it if @block */
	struct completion ran;
	bool block;
	bool in_interrupt;
	bool sync_held;
	bool flush_self;
	bool delete_self;
	int sleep_ms;
	bool finished;			/* set at the very end of a slow callback */
	WDFOBJECT parent;
};

static struct wfix *wfix_of(WDFOBJECT parent)
{
	struct wdft_device *wd = wdft_of(parent);

	return wd ? wd->priv : NULL;
}

static void w_fn(WDFWORKITEM item)
{
	WDFOBJECT parent = WdfWorkItemGetParentObject(item);
	struct wfix *fx = wfix_of(parent);

	if (!fx)
		return;
	fx->in_interrupt = in_interrupt();
	fx->parent = parent;
	fx->sync_held = lockdep_is_held(wdf_test_device_sync_lock(parent));
	complete(&fx->started);
	if (fx->block)
		wait_for_completion(&fx->release);
	if (fx->sleep_ms)
		msleep(fx->sleep_ms);
	if (fx->flush_self)
		WdfWorkItemFlush(item);	/* refused: it would never return */
	atomic_inc(&fx->calls);
	if (fx->delete_self)
		WdfObjectDelete(item);
	WRITE_ONCE(fx->finished, true);
	complete(&fx->ran);
}

static atomic_t w_cleanups;

static void w_cleanup(WDFOBJECT obj)
{
	atomic_inc(&w_cleanups);
}

static struct wfix *wfix_start(struct kunit *test, bool autoser)
{
	struct wfix *fx = kunit_kzalloc(test, sizeof(*fx), GFP_KERNEL);
	WDF_OBJECT_ATTRIBUTES attrs;
	WDF_WORKITEM_CONFIG cfg;

	KUNIT_ASSERT_NOT_NULL(test, fx);
	atomic_set(&fx->calls, 0);
	atomic_set(&w_cleanups, 0);
	init_completion(&fx->started);
	init_completion(&fx->release);
	init_completion(&fx->ran);
	fx->wd = wdft_device_alloc(test);
	fx->wd->priv = fx;
	fx->wd->scope = WdfSynchronizationScopeDevice;
	KUNIT_ASSERT_EQ(test, wdft_device_start(test, fx->wd, NULL, 0), STATUS_SUCCESS);
	WDF_WORKITEM_CONFIG_INIT(&cfg, w_fn);
	cfg.AutomaticSerialization = autoser;
	WDF_OBJECT_ATTRIBUTES_INIT(&attrs);
	attrs.ParentObject = fx->wd->device;
	attrs.EvtCleanupCallback = w_cleanup;
	KUNIT_ASSERT_EQ(test, WdfWorkItemCreate(&cfg, &attrs, &fx->item), STATUS_SUCCESS);
	KUNIT_ASSERT_NOT_NULL(test, fx->item);
	return fx;
}

static void workitem_create_refusals(struct kunit *test)
{
	struct wdft_device *wd = wdft_device_create(test, NULL);
	unsigned long live = wdft_live_objects();
	WDF_OBJECT_ATTRIBUTES attrs;
	WDF_WORKITEM_CONFIG cfg;
	WDFWORKITEM w;

	WDF_WORKITEM_CONFIG_INIT(&cfg, w_fn);
	KUNIT_EXPECT_TRUE(test, cfg.AutomaticSerialization);	/* KMDF default */
	/* the prologue's refusals: wdf_object_test.c; a callback is needed */
	WDF_OBJECT_ATTRIBUTES_INIT(&attrs);
	attrs.ParentObject = wd->device;
	WDF_WORKITEM_CONFIG_INIT(&cfg, NULL);
	w = (WDFWORKITEM)wd;
	KUNIT_EXPECT_EQ(test, WdfWorkItemCreate(&cfg, &attrs, &w), STATUS_INVALID_PARAMETER);
	KUNIT_EXPECT_NULL(test, w);
	KUNIT_EXPECT_EQ(test, wdft_live_objects(), live);
}

static void workitem_runs_in_process_context_serialized(struct kunit *test)
{
	struct wfix *fx = wfix_start(test, true);

	WDFT_ASSERT_LOCKDEP(test);
	KUNIT_EXPECT_PTR_EQ(test, WdfWorkItemGetParentObject(fx->item),
			    (WDFOBJECT)fx->wd->device);
	WdfWorkItemEnqueue(fx->item);
	KUNIT_ASSERT_TRUE(test, wait_for_completion_timeout(&fx->ran, HZ * 5));
	WdfWorkItemFlush(fx->item);
	KUNIT_EXPECT_EQ(test, atomic_read(&fx->calls), 1);
	KUNIT_EXPECT_FALSE(test, fx->in_interrupt);
	KUNIT_EXPECT_TRUE(test, fx->sync_held);
	KUNIT_EXPECT_PTR_EQ(test, fx->parent, (WDFOBJECT)fx->wd->device);
}

static void workitem_without_serialization_is_unlocked(struct kunit *test)
{
	struct wfix *fx = wfix_start(test, false);

	WDFT_ASSERT_LOCKDEP(test);
	WdfWorkItemEnqueue(fx->item);
	KUNIT_ASSERT_TRUE(test, wait_for_completion_timeout(&fx->ran, HZ * 5));
	KUNIT_EXPECT_FALSE(test, fx->sync_held);
}

static void workitem_serialized_waits_for_device_lock(struct kunit *test)
{
	struct wfix *fx = wfix_start(test, true);
	struct mutex *lock = wdf_test_device_sync_lock(fx->wd->device);

	mutex_lock(lock);
	WdfWorkItemEnqueue(fx->item);
	msleep(50);
	KUNIT_EXPECT_EQ(test, atomic_read(&fx->calls), 0);
	KUNIT_EXPECT_FALSE(test, completion_done(&fx->started));
	mutex_unlock(lock);
	KUNIT_ASSERT_TRUE(test, wait_for_completion_timeout(&fx->ran, HZ * 5));
	KUNIT_EXPECT_EQ(test, atomic_read(&fx->calls), 1);
}

static void workitem_pending_item_is_queued_once(struct kunit *test)
{
	struct wfix *fx = wfix_start(test, false);

	fx->block = true;
	WdfWorkItemEnqueue(fx->item);
	KUNIT_ASSERT_TRUE(test, wait_for_completion_timeout(&fx->started, HZ * 5));
	/* running: the first enqueue queues it again, the second is a no-op */
	WdfWorkItemEnqueue(fx->item);
	WdfWorkItemEnqueue(fx->item);
	WdfWorkItemEnqueue(fx->item);
	fx->block = false;
	complete(&fx->release);
	WdfWorkItemFlush(fx->item);
	WdfWorkItemFlush(fx->item);
	KUNIT_EXPECT_EQ(test, atomic_read(&fx->calls), 2);
}

static void workitem_flush_waits_for_callback(struct kunit *test)
{
	struct wfix *fx = wfix_start(test, true);

	fx->sleep_ms = 100;
	WdfWorkItemEnqueue(fx->item);
	WdfWorkItemFlush(fx->item);
	KUNIT_EXPECT_TRUE(test, READ_ONCE(fx->finished));
	KUNIT_EXPECT_EQ(test, atomic_read(&fx->calls), 1);
	/* flushing an idle item returns at once */
	WdfWorkItemFlush(fx->item);
	KUNIT_EXPECT_EQ(test, atomic_read(&fx->calls), 1);
}

static void workitem_flush_from_own_callback_refused(struct kunit *test)
{
	struct wfix *fx = wfix_start(test, false);

	fx->flush_self = true;
	WDFT_WARN_BEGIN_MUST(test);
	WdfWorkItemEnqueue(fx->item);
	KUNIT_ASSERT_TRUE(test, wait_for_completion_timeout(&fx->ran, HZ * 5));
	WdfWorkItemFlush(fx->item);
	WDFT_WARN_END(test);
	KUNIT_EXPECT_EQ(test, atomic_read(&fx->calls), 1);
}

static void workitem_parent_deletion_runs_queued_item_down(struct kunit *test)
{
	struct wfix *fx = wfix_start(test, false);
	unsigned long live;

	fx->sleep_ms = 50;
	WdfWorkItemEnqueue(fx->item);
	KUNIT_ASSERT_TRUE(test, wait_for_completion_timeout(&fx->started, HZ * 5));
	live = wdft_live_objects();
	wdft_device_destroy(test, fx->wd);
	/* the callback finished before the item (and the device) went */
	KUNIT_EXPECT_TRUE(test, READ_ONCE(fx->finished));
	KUNIT_EXPECT_EQ(test, atomic_read(&fx->calls), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&w_cleanups), 1);
	KUNIT_EXPECT_LT(test, wdft_live_objects(), live);
}

static void workitem_deletes_itself(struct kunit *test)
{
	struct wfix *fx = wfix_start(test, false);
	unsigned long live = wdft_live_objects();

	fx->delete_self = true;
	WdfWorkItemEnqueue(fx->item);
	KUNIT_ASSERT_TRUE(test, wait_for_completion_timeout(&fx->ran, HZ * 5));
	wdf_test_device_flush(fx->wd->device);
	KUNIT_EXPECT_EQ(test, atomic_read(&w_cleanups), 1);
	KUNIT_EXPECT_EQ(test, wdft_live_objects(), live - 1);
}

static int w_order[4];
static atomic_t w_norder;

static void w_cleanup_item(WDFOBJECT obj)
{
	w_order[atomic_inc_return(&w_norder) - 1] = 1;
}

static void w_cleanup_parent(WDFOBJECT obj)
{
	w_order[atomic_inc_return(&w_norder) - 1] = 2;
}

static void workitem_child_deleted_before_parent(struct kunit *test)
{
	struct wfix *fx = wfix_start(test, false);
	WDF_OBJECT_ATTRIBUTES attrs;
	WDF_WORKITEM_CONFIG cfg;
	WDFMEMORY mem;
	WDFWORKITEM w;

	atomic_set(&w_norder, 0);
	WDF_OBJECT_ATTRIBUTES_INIT(&attrs);
	attrs.ParentObject = fx->wd->device;
	attrs.EvtCleanupCallback = w_cleanup_parent;
	KUNIT_ASSERT_EQ(test, WdfMemoryCreate(&attrs, NonPagedPool, 0, 16, &mem, NULL),
			STATUS_SUCCESS);
	WDF_OBJECT_ATTRIBUTES_INIT(&attrs);
	attrs.ParentObject = mem;
	attrs.EvtCleanupCallback = w_cleanup_item;
	WDF_WORKITEM_CONFIG_INIT(&cfg, w_fn);
	KUNIT_ASSERT_EQ(test, WdfWorkItemCreate(&cfg, &attrs, &w), STATUS_SUCCESS);
	/* the device is found through the parent chain */
	KUNIT_EXPECT_PTR_EQ(test, WdfWorkItemGetParentObject(w), (WDFOBJECT)mem);
	WdfObjectDelete(mem);
	KUNIT_ASSERT_EQ(test, atomic_read(&w_norder), 2);
	KUNIT_EXPECT_EQ(test, w_order[0], 1);
	KUNIT_EXPECT_EQ(test, w_order[1], 2);
}

static void workitem_wrong_handle_is_refused(struct kunit *test)
{
	struct wfix *fx = wfix_start(test, false);
	WDFSPINLOCK lock;

	KUNIT_ASSERT_EQ(test, WdfSpinLockCreate(NULL, &lock), STATUS_SUCCESS);
	/* the handle check's WARN_ONCE may have fired in an earlier suite */
	WDFT_WARN_BEGIN(test);
	WdfWorkItemEnqueue((WDFWORKITEM)lock);
	WdfWorkItemFlush((WDFWORKITEM)fx->wd->device);
	KUNIT_EXPECT_NULL(test, WdfWorkItemGetParentObject((WDFWORKITEM)lock));
	WdfWorkItemEnqueue(NULL);
	WDFT_WARN_END(test);
	WdfObjectDelete(lock);
	wdf_test_device_flush(fx->wd->device);
	KUNIT_EXPECT_EQ(test, atomic_read(&fx->calls), 0);
}

static struct kunit_case wdf_workitem_cases[] = {
	KUNIT_CASE(workitem_create_refusals),
	KUNIT_CASE(workitem_runs_in_process_context_serialized),
	KUNIT_CASE(workitem_without_serialization_is_unlocked),
	KUNIT_CASE(workitem_serialized_waits_for_device_lock),
	KUNIT_CASE(workitem_pending_item_is_queued_once),
	KUNIT_CASE(workitem_flush_waits_for_callback),
	KUNIT_CASE(workitem_flush_from_own_callback_refused),
	KUNIT_CASE(workitem_parent_deletion_runs_queued_item_down),
	KUNIT_CASE(workitem_deletes_itself),
	KUNIT_CASE(workitem_child_deleted_before_parent),
	KUNIT_CASE(workitem_wrong_handle_is_refused),
	{}
};

static struct kunit_suite wdf_workitem_suite = {
	.name = "wdf_workitem",
	.test_cases = wdf_workitem_cases,
};
kunit_test_suite(wdf_workitem_suite);
