// SPDX-License-Identifier: GPL-2.0-only
/*
 * wdf_queue.c - WDFQUEUE: a list of pending requests and a count of the
 * ones presented to the driver.
 *
 * A sequential queue presents one request at a time; the others wait in
 * the list. A request is presented in the submitting thread when the
 * queue is free, else from the shim's work queue when the previous one is
 * completed. A parallel queue presents every request at once. With the
 * device synchronisation scope, EvtIo* run under the device mutex (the
 * same one the DPC and timers take with AutomaticSerialization).
 */
#include <linux/export.h>
#include "wdf_internal.h"

static void wdf_queue_present(struct wdf_queue *q, struct wdf_request *req)
{
	struct wdf_device *d = q->device;
	WDF_IO_QUEUE_CONFIG *c = &q->config;
	struct wdf_log_scope ls;
	unsigned long flags;

	spin_lock_irqsave(&req->lock, flags);
	req->state = WDF_REQ_PRESENTED;
	spin_unlock_irqrestore(&req->lock, flags);

	wdf_log_enter(&ls, d->dev);
	if (q->serialized)
		mutex_lock(&d->sync_lock);
	switch (req->params.Type) {
	case WdfRequestTypeRead:
		if (c->EvtIoRead) {
			c->EvtIoRead(q, req, req->params.Parameters.Read.Length);
			goto out;
		}
		break;
	case WdfRequestTypeWrite:
		if (c->EvtIoWrite) {
			c->EvtIoWrite(q, req,
				      req->params.Parameters.Write.Length);
			goto out;
		}
		break;
	case WdfRequestTypeDeviceControl:
		if (c->EvtIoDeviceControl) {
			c->EvtIoDeviceControl(q, req,
				req->params.Parameters.DeviceIoControl.OutputBufferLength,
				req->params.Parameters.DeviceIoControl.InputBufferLength,
				req->params.Parameters.DeviceIoControl.IoControlCode);
			goto out;
		}
		break;
	default:
		break;
	}
	if (c->EvtIoDefault)
		c->EvtIoDefault(q, req);
	else
		WdfRequestComplete(req, STATUS_INVALID_DEVICE_REQUEST);
out:
	if (q->serialized)
		mutex_unlock(&d->sync_lock);
	wdf_log_leave(&ls);
}

static void wdf_queue_dispatch_work(struct work_struct *work)
{
	struct wdf_queue *q = container_of(work, struct wdf_queue,
					   dispatch_work);
	bool seq = q->config.DispatchType == WdfIoQueueDispatchSequential;
	struct kunit *kt = wdf_kunit_enter(q->device);
	struct wdf_request *req;

	for (;;) {
		spin_lock_irq(&q->lock);
		if ((seq && q->active) || list_empty(&q->pending)) {
			spin_unlock_irq(&q->lock);
			break;
		}
		req = list_first_entry(&q->pending, struct wdf_request, qnode);
		list_del_init(&req->qnode);
		q->active++;
		spin_unlock_irq(&q->lock);
		wdf_queue_present(q, req);
	}
	wdf_kunit_leave(kt);
}

/* The queue that receives requests of @type (NULL: nobody). */
static struct wdf_queue *wdf_queue_route(struct wdf_device *d,
					 WDF_REQUEST_TYPE type)
{
	struct wdf_queue *q = NULL;

	if ((unsigned int)type < WdfRequestTypeMax)
		q = d->dispatch[type];
	return q ? q : d->default_queue;
}

/**
 * wdf_queue_takes_zero_length() - is a 0-byte read/write presented?
 * @d: the device
 * @type: WdfRequestTypeRead or WdfRequestTypeWrite
 *
 * As KMDF: only if the queue that would receive it was created with
 * AllowZeroLengthRequests; otherwise the caller completes it with 0
 * (STATUS_SUCCESS, no bytes) without reaching the driver.
 *
 * Return: true if the request must be created and submitted.
 */
bool wdf_queue_takes_zero_length(struct wdf_device *d, WDF_REQUEST_TYPE type)
{
	struct wdf_queue *q = wdf_queue_route(d, type);

	return q && q->config.AllowZeroLengthRequests;
}

/**
 * wdf_queue_submit() - route a new request to its queue and present it if
 * the queue is free. A type nobody handles completes at once with
 * STATUS_INVALID_DEVICE_REQUEST.
 * @req: the request
 *
 * Return: 0.
 */
int wdf_queue_submit(struct wdf_request *req)
{
	struct wdf_device *d = req->device;
	struct wdf_queue *q = wdf_queue_route(d, req->params.Type);

	if (!q) {
		wdf_request_fail(req, STATUS_INVALID_DEVICE_REQUEST);
		return 0;
	}
	req->queue = q;
	spin_lock_irq(&q->lock);
	/*
	 * FIFO: behind a request in flight, and also behind older requests
	 * still waiting for the dispatch work (the queue may be idle for a
	 * moment between a completion and the work presenting the next).
	 */
	if (q->config.DispatchType == WdfIoQueueDispatchSequential &&
	    (q->active || !list_empty(&q->pending))) {
		req->state = WDF_REQ_PENDING;
		list_add_tail(&req->qnode, &q->pending);
		spin_unlock_irq(&q->lock);
		return 0;
	}
	q->active++;
	spin_unlock_irq(&q->lock);
	wdf_queue_present(q, req);
	return 0;
}

/**
 * wdf_queue_request_done() - a presented request was completed; present
 * the next one (from the work queue: completion may run in any context).
 * @req: the request
 */
void wdf_queue_request_done(struct wdf_request *req)
{
	struct wdf_queue *q = req->queue;
	unsigned long flags;
	bool kick;

	if (!q)
		return;
	spin_lock_irqsave(&q->lock, flags);
	q->active--;
	kick = !list_empty(&q->pending);
	spin_unlock_irqrestore(&q->lock, flags);
	wdf_test_point(WDF_TP_QUEUE_DONE, req);
	if (kick)
		queue_work(wdf_wq, &q->dispatch_work);
}

/**
 * wdf_queue_unlink_pending() - take a request that was never presented
 * out of its queue.
 * @req: the request
 *
 * Return: true if it was pending (the caller now owns it).
 */
bool wdf_queue_unlink_pending(struct wdf_request *req)
{
	struct wdf_queue *q = req->queue;
	bool was = false;

	if (!q)
		return false;
	spin_lock_irq(&q->lock);
	if (!list_empty(&req->qnode)) {
		list_del_init(&req->qnode);
		was = true;
	}
	spin_unlock_irq(&q->lock);
	return was;
}

/**
 * wdf_device_queues_drain() - fail every request not yet presented with
 * STATUS_NO_SUCH_DEVICE (the device is going away).
 * @d: the device
 *
 * Each request leaves its queue under the queue lock, one at a time, so a
 * signalled caller racing with the drain (wdf_queue_unlink_pending())
 * either takes its request out first (then the drain never sees it) or
 * finds it gone and waits for the drain's completion: every request is
 * completed exactly once and never touched after its caller freed it.
 */
void wdf_device_queues_drain(struct wdf_device *d)
{
	struct wdf_request *req;
	struct wdf_queue *q;

	list_for_each_entry(q, &d->queues, dnode) {
		for (;;) {
			spin_lock_irq(&q->lock);
			req = list_first_entry_or_null(&q->pending,
						       struct wdf_request,
						       qnode);
			if (req)
				list_del_init(&req->qnode);
			spin_unlock_irq(&q->lock);
			if (!req)
				break;
			req->never_presented = true;
			wdf_test_point(WDF_TP_DRAIN, req);
			wdf_request_fail(req, STATUS_NO_SUCH_DEVICE);
		}
	}
}

static void wdf_queue_dispose(struct wdf_object *obj)
{
	struct wdf_queue *q = container_of(obj, struct wdf_queue, obj);
	struct wdf_device *d = q->device;
	int i;

	cancel_work_sync(&q->dispatch_work);
	for (i = 0; i < WdfRequestTypeMax; i++)
		if (d->dispatch[i] == q)
			d->dispatch[i] = NULL;
	if (d->default_queue == q)
		d->default_queue = NULL;
	list_del(&q->dnode);
}

static const struct wdf_object_ops wdf_queue_ops = {
	.dispose = wdf_queue_dispose,
};

NTSTATUS WdfIoQueueCreate(WDFDEVICE Device, PWDF_IO_QUEUE_CONFIG Config,
			  PWDF_OBJECT_ATTRIBUTES QueueAttributes,
			  WDFQUEUE *Queue)
{
	struct wdf_device *d;
	WDF_SYNCHRONIZATION_SCOPE scope;
	struct wdf_queue *q;
	NTSTATUS st;

	if (Queue)
		*Queue = NULL;
	if (WARN_ONCE(!Config, "wdfshim: %s: NULL config\n", __func__))
		return STATUS_INVALID_PARAMETER;
	d = WDF_GET(wdf_device, Device, WDF_TYPE_DEVICE);
	if (!d)
		return STATUS_INVALID_HANDLE;
	if (Config->Size != sizeof(*Config))
		return STATUS_INFO_LENGTH_MISMATCH;
	st = wdf_attributes_check(QueueAttributes);
	if (!NT_SUCCESS(st))
		return st;
	if (QueueAttributes && QueueAttributes->ParentObject &&
	    QueueAttributes->ParentObject != (WDFOBJECT)d)
		return STATUS_WDF_OBJECT_ATTRIBUTES_INVALID;
	if (Config->DispatchType != WdfIoQueueDispatchSequential &&
	    Config->DispatchType != WdfIoQueueDispatchParallel)
		return STATUS_INVALID_PARAMETER;
	if (Config->DefaultQueue && d->default_queue)
		return STATUS_WDF_BUSY;

	q = wdf_object_alloc(sizeof(*q), WDF_TYPE_QUEUE, QueueAttributes,
			     &wdf_queue_ops, &st);
	if (!q)
		return st;
	q->device = d;
	q->config = *Config;
	scope = q->obj.sync_scope;
	if (scope == WdfSynchronizationScopeDevice ||
	    scope == WdfSynchronizationScopeQueue)
		q->serialized = true;
	else if (scope == WdfSynchronizationScopeNone)
		q->serialized = false;
	else
		q->serialized = d->serialized;
	spin_lock_init(&q->lock);
	INIT_LIST_HEAD(&q->pending);
	INIT_WORK(&q->dispatch_work, wdf_queue_dispatch_work);
	list_add_tail(&q->dnode, &d->queues);
	if (Config->DefaultQueue) {
		d->default_queue = q;
		q->dispatching = true;
		q->obj.no_delete = true;
	}
	wdf_object_attach(&q->obj, &d->obj);
	if (Queue)
		*Queue = q;
	return STATUS_SUCCESS;
}
EXPORT_SYMBOL_GPL(WdfIoQueueCreate);

WDFDEVICE WdfIoQueueGetDevice(WDFQUEUE Queue)
{
	struct wdf_queue *q = WDF_GET(wdf_queue, Queue, WDF_TYPE_QUEUE);

	return q ? q->device : NULL;
}
EXPORT_SYMBOL_GPL(WdfIoQueueGetDevice);
