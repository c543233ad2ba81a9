// SPDX-License-Identifier: GPL-2.0-only
/*
 * wdf_timer.c - WDFTIMER: a timer_list whose expiry queues a work item on
 * the shim's work queue, so the callback runs in process context, under
 * the device mutex when AutomaticSerialization is set and the device has
 * the device synchronisation scope (like the DPC). Start and Stop only
 * arm and disarm the timer_list (a delayed work item's mod/cancel cost
 * about twice as much, issue 10); the work item is touched only when it
 * is pending: a timer that expired and whose callback has not run yet is
 * taken back by Stop and moved by Start, as with a delayed work item.
 * Deleting the timer (or its parent) cancels it and waits for a running
 * callback.
 */
#include <linux/export.h>
#include <linux/jiffies.h>
#include <linux/timer.h>
#include <linux/workqueue.h>
#include "wdf_internal.h"

/*
 * Feature probe (shim/Kbuild): timer_delete()/timer_delete_sync() are the
 * names since 6.2 (and in later 6.1 stable releases); del_timer() and
 * del_timer_sync() are gone from 6.15 on.
 */
#ifndef WDF_HAVE_TIMER_DELETE
#define timer_delete		del_timer
#define timer_delete_sync	del_timer_sync
#endif

static void wdf_timer_expired(struct timer_list *tl)
{
	struct wdf_timer *t = container_of(tl, struct wdf_timer, timer);

	queue_work(wdf_wq, &t->work);
}

static void wdf_timer_fn(struct work_struct *work)
{
	struct wdf_timer *t = container_of(work, struct wdf_timer, work);
	struct kunit *kt = wdf_kunit_enter(t->device);
	struct wdf_log_scope ls;

	wdf_log_enter(&ls, t->device ? t->device->dev : NULL);
	if (t->serialized)
		mutex_lock(&t->device->sync_lock);
	t->config.EvtTimerFunc(t);
	if (t->serialized)
		mutex_unlock(&t->device->sync_lock);
	wdf_log_leave(&ls);
	wdf_kunit_leave(kt);
	if (t->config.Period && !READ_ONCE(t->stopping))
		mod_timer(&t->timer,
			  jiffies + msecs_to_jiffies(t->config.Period));
}

/* Disarm: was the timer armed, or its callback queued and not yet run? */
static bool wdf_timer_disarm(struct wdf_timer *t)
{
	bool pending = timer_delete(&t->timer);

	if (work_pending(&t->work))
		pending |= cancel_work(&t->work);
	return pending;
}

static void wdf_timer_dispose(struct wdf_object *obj)
{
	struct wdf_timer *t = container_of(obj, struct wdf_timer, obj);

	WRITE_ONCE(t->stopping, true);
	/*
	 * A callback that read stopping before it was set may re-arm the
	 * timer once after the first round; the second round takes that
	 * back, and a callback it runs sees stopping.
	 */
	timer_delete_sync(&t->timer);
	cancel_work_sync(&t->work);
	timer_delete_sync(&t->timer);
	cancel_work_sync(&t->work);
}

static const struct wdf_object_ops wdf_timer_ops = {
	.dispose = wdf_timer_dispose,
};

NTSTATUS WdfTimerCreate(PWDF_TIMER_CONFIG Config,
			PWDF_OBJECT_ATTRIBUTES Attributes, WDFTIMER *Timer)
{
	struct wdf_object *parent;
	struct wdf_timer *t;
	NTSTATUS st;

	st = WDF_CREATE_BEGIN_CFG(WDF_TYPE_TIMER, Timer, NULL, Config, Attributes,
				  NULL, &parent);
	if (!NT_SUCCESS(st))
		return st;
	if (!Config->EvtTimerFunc)
		return STATUS_INVALID_PARAMETER;

	t = wdf_object_alloc(sizeof(*t), WDF_TYPE_TIMER, Attributes,
			     &wdf_timer_ops, &st);
	if (!t)
		return st;
	t->config = *Config;
	t->device = wdf_object_device(parent);
	t->serialized = Config->AutomaticSerialization && t->device &&
			t->device->serialized;
	timer_setup(&t->timer, wdf_timer_expired, 0);
	INIT_WORK(&t->work, wdf_timer_fn);
	return wdf_create_done(&t->obj, parent, (void **)Timer);
}
EXPORT_SYMBOL_GPL(WdfTimerCreate);

BOOLEAN WdfTimerStart(WDFTIMER Timer, LONGLONG DueTime)
{
	struct wdf_timer *t = WDF_GET(wdf_timer, Timer, WDF_TYPE_TIMER);
	unsigned long delay;
	bool pending = false;

	if (!t)
		return FALSE;
	/* 100 ns units; absolute (positive) times are taken as relative */
	delay = nsecs_to_jiffies((u64)(DueTime < 0 ? -DueTime : DueTime) * 100);
	WRITE_ONCE(t->stopping, false);
	if (!delay) {
		pending = timer_delete(&t->timer);
		return !queue_work(wdf_wq, &t->work) || pending;
	}
	/* an expired timer's callback not run yet: moved to the new time */
	if (work_pending(&t->work))
		pending = cancel_work(&t->work);
	return mod_timer(&t->timer, jiffies + delay) || pending;
}
EXPORT_SYMBOL_GPL(WdfTimerStart);

BOOLEAN WdfTimerStop(WDFTIMER Timer, BOOLEAN Wait)
{
	struct wdf_timer *t = WDF_GET(wdf_timer, Timer, WDF_TYPE_TIMER);

	if (!t)
		return FALSE;
	WRITE_ONCE(t->stopping, true);
	if (Wait && !WDF_WARN_ONCE(current_work() == &t->work,
				   "%s(Wait) from its own callback\n",
				   __func__)) {
		bool pending = timer_delete_sync(&t->timer);

		return cancel_work_sync(&t->work) || pending;
	}
	return wdf_timer_disarm(t);
}
EXPORT_SYMBOL_GPL(WdfTimerStop);

WDFOBJECT WdfTimerGetParentObject(WDFTIMER Timer)
{
	struct wdf_timer *t = WDF_GET(wdf_timer, Timer, WDF_TYPE_TIMER);

	return t ? t->obj.parent : NULL;
}
EXPORT_SYMBOL_GPL(WdfTimerGetParentObject);
