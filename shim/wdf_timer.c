// SPDX-License-Identifier: GPL-2.0-only
/*
 * wdf_timer.c - WDFTIMER on a delayed work item of the shim's work queue:
 * the callback runs in process context, under the device mutex when
 * AutomaticSerialization is set and the device has the device
 * synchronisation scope (like the DPC). Deleting the timer (or its
 * parent) cancels it and waits for a running callback.
 */
#include <linux/export.h>
#include <linux/jiffies.h>
#include <linux/workqueue.h>
#include "wdf_internal.h"

static void wdf_timer_fn(struct work_struct *work)
{
	struct wdf_timer *t = container_of(to_delayed_work(work),
					   struct wdf_timer, work);
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
		queue_delayed_work(wdf_wq, &t->work,
				   msecs_to_jiffies(t->config.Period));
}

static void wdf_timer_dispose(struct wdf_object *obj)
{
	struct wdf_timer *t = container_of(obj, struct wdf_timer, obj);

	WRITE_ONCE(t->stopping, true);
	cancel_delayed_work_sync(&t->work);
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
	INIT_DELAYED_WORK(&t->work, wdf_timer_fn);
	return wdf_create_done(&t->obj, parent, (void **)Timer);
}
EXPORT_SYMBOL_GPL(WdfTimerCreate);

BOOLEAN WdfTimerStart(WDFTIMER Timer, LONGLONG DueTime)
{
	struct wdf_timer *t = WDF_GET(wdf_timer, Timer, WDF_TYPE_TIMER);
	u64 ns;

	if (!t)
		return FALSE;
	/* 100 ns units; absolute (positive) times are taken as relative */
	ns = (u64)(DueTime < 0 ? -DueTime : DueTime) * 100;
	WRITE_ONCE(t->stopping, false);
	return mod_delayed_work(wdf_wq, &t->work, nsecs_to_jiffies(ns));
}
EXPORT_SYMBOL_GPL(WdfTimerStart);

BOOLEAN WdfTimerStop(WDFTIMER Timer, BOOLEAN Wait)
{
	struct wdf_timer *t = WDF_GET(wdf_timer, Timer, WDF_TYPE_TIMER);

	if (!t)
		return FALSE;
	WRITE_ONCE(t->stopping, true);
	if (Wait && !WARN_ONCE(current_work() == &t->work.work,
			       "wdfshim: %s(Wait) from its own callback\n",
			       __func__))
		return cancel_delayed_work_sync(&t->work);
	return cancel_delayed_work(&t->work);
}
EXPORT_SYMBOL_GPL(WdfTimerStop);

WDFOBJECT WdfTimerGetParentObject(WDFTIMER Timer)
{
	struct wdf_timer *t = WDF_GET(wdf_timer, Timer, WDF_TYPE_TIMER);

	return t ? t->obj.parent : NULL;
}
EXPORT_SYMBOL_GPL(WdfTimerGetParentObject);
