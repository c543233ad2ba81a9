// SPDX-License-Identifier: GPL-2.0-only
/*
 * wdf_workitem.c - WDFWORKITEM on a work_struct of the shim's work queue.
 * The callback runs in process context, under the device mutex when
 * AutomaticSerialization is set and the device has the device
 * synchronisation scope (like the DPC and timers). Enqueue of an item
 * that is queued and not started yet does nothing (queue_work); an item
 * that is running may be queued again and then runs once more.
 * Deletion (of the item or its parent) waits for a queued or running
 * callback (KMDF runs down the item, it does not drop it); deleting the
 * item from its own callback is allowed: the memory is freed and the
 * callback must not touch the item afterwards, as in KMDF.
 */
#include <linux/export.h>
#include <linux/workqueue.h>
#include "wdf_internal.h"

/**
 * struct wdf_workitem - a WDFWORKITEM.
 * @obj: object header
 * @device: the device of the parent chain (serialisation, KUnit), or NULL
 * @config: the creation configuration
 * @work: the work on wdf_wq
 * @serialized: callback under @device's sync_lock
 */
struct wdf_workitem {
	struct wdf_object obj;
	struct wdf_device *device;
	WDF_WORKITEM_CONFIG config;
	struct work_struct work;
	bool serialized;
};

static void wdf_workitem_fn(struct work_struct *work)
{
	struct wdf_workitem *w = container_of(work, struct wdf_workitem, work);
	/* the callback may delete the item: nothing of @w after it */
	struct wdf_device *d = w->device;
	bool serialized = w->serialized;
	struct kunit *kt = wdf_kunit_enter(d);

	if (serialized)
		mutex_lock(&d->sync_lock);
	w->config.EvtWorkItemFunc(w);
	if (serialized)
		mutex_unlock(&d->sync_lock);
	wdf_kunit_leave(kt);
}

static void wdf_workitem_dispose(struct wdf_object *obj)
{
	struct wdf_workitem *w = container_of(obj, struct wdf_workitem, obj);

	/* deleted from its own callback: the workqueue allows the free */
	if (current_work() != &w->work)
		flush_work(&w->work);
}

static const struct wdf_object_ops wdf_workitem_ops = {
	.dispose = wdf_workitem_dispose,
};

NTSTATUS WdfWorkItemCreate(PWDF_WORKITEM_CONFIG Config,
			   PWDF_OBJECT_ATTRIBUTES Attributes,
			   WDFWORKITEM *WorkItem)
{
	struct wdf_object *parent;
	struct wdf_workitem *w;
	NTSTATUS st;

	st = WDF_CREATE_BEGIN_CFG(WDF_TYPE_WORKITEM, WorkItem, NULL, Config,
				  Attributes, NULL, &parent);
	if (!NT_SUCCESS(st))
		return st;
	if (!Config->EvtWorkItemFunc)
		return STATUS_INVALID_PARAMETER;

	w = wdf_object_alloc(sizeof(*w), WDF_TYPE_WORKITEM, Attributes,
			     &wdf_workitem_ops, &st);
	if (!w)
		return st;
	w->config = *Config;
	w->device = wdf_object_device(parent);
	w->serialized = Config->AutomaticSerialization && w->device &&
			w->device->serialized;
	INIT_WORK(&w->work, wdf_workitem_fn);
	return wdf_create_done(&w->obj, parent, (void **)WorkItem);
}
EXPORT_SYMBOL_GPL(WdfWorkItemCreate);

void WdfWorkItemEnqueue(WDFWORKITEM WorkItem)
{
	struct wdf_workitem *w = WDF_GET(wdf_workitem, WorkItem,
					 WDF_TYPE_WORKITEM);

	if (!w || WDF_WARN_ONCE(w->obj.deleting,
				"%s on a work item being deleted\n",
				__func__))
		return;
	queue_work(wdf_wq, &w->work);
}
EXPORT_SYMBOL_GPL(WdfWorkItemEnqueue);

void WdfWorkItemFlush(WDFWORKITEM WorkItem)
{
	struct wdf_workitem *w = WDF_GET(wdf_workitem, WorkItem,
					 WDF_TYPE_WORKITEM);

	if (!w || WDF_WARN_ONCE(current_work() == &w->work,
				"%s from its own callback\n", __func__))
		return;
	flush_work(&w->work);
}
EXPORT_SYMBOL_GPL(WdfWorkItemFlush);

WDFOBJECT WdfWorkItemGetParentObject(WDFWORKITEM WorkItem)
{
	struct wdf_workitem *w = WDF_GET(wdf_workitem, WorkItem,
					 WDF_TYPE_WORKITEM);

	return w ? w->obj.parent : NULL;
}
EXPORT_SYMBOL_GPL(WdfWorkItemGetParentObject);
