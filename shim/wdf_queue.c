// SPDX-License-Identifier: GPL-2.0-only
/*
 * wdf_queue.c - WDFQUEUE: a list of pending requests and a count of the
 * ones presented to the driver.
 *
 * A sequential queue presents one request at a time; the others wait in
 * the list. A request is presented in the submitting thread when the
 * queue is free, else from the shim's work queue when the previous one is
 * completed. A parallel queue presents every request at once. A manual
 * queue presents nothing: requests (submitted or forwarded to it) wait
 * until the driver takes them with WdfIoQueueRetrieveNextRequest. With
 * the device synchronisation scope, EvtIo* run under the device mutex
 * (the same one the DPC and timers take with AutomaticSerialization).
 *
 * Locks: a queue's lock may be taken before a request's lock, never the
 * other way round. Requests the driver owns are on the queue's owned
 * list (for EvtIoStop); a request waiting is on its pending list.
 */
#include <linux/export.h>
#include <linux/wait_bit.h>
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
	struct kunit *kt;
	struct wdf_request *req;

	if (q->config.DispatchType == WdfIoQueueDispatchManual)
		return;
	kt = wdf_kunit_enter(q->device);
	for (;;) {
		spin_lock_irq(&q->lock);
		if ((seq && q->active) || list_empty(&q->pending)) {
			spin_unlock_irq(&q->lock);
			break;
		}
		req = list_first_entry(&q->pending, struct wdf_request, qnode);
		list_del_init(&req->qnode);
		q->active++;
		list_add_tail(&req->onode, &q->owned);
		spin_unlock_irq(&q->lock);
		wdf_queue_present(q, req);
	}
	wdf_kunit_leave(kt);
}

static void wdf_queue_ready_work(struct work_struct *work)
{
	struct wdf_queue *q = container_of(work, struct wdf_queue, ready_work);
	struct wdf_device *d = q->device;
	struct kunit *kt = wdf_kunit_enter(d);
	PFN_WDF_IO_QUEUE_STATE fn;
	struct wdf_log_scope ls;
	WDFCONTEXT ctx;

	spin_lock_irq(&q->lock);
	fn = q->ready;
	ctx = q->ready_ctx;
	spin_unlock_irq(&q->lock);
	if (fn) {
		wdf_log_enter(&ls, d->dev);
		if (q->serialized)
			mutex_lock(&d->sync_lock);
		fn(q, ctx);
		if (q->serialized)
			mutex_unlock(&d->sync_lock);
		wdf_log_leave(&ls);
	}
	wdf_kunit_leave(kt);
}

/*
 * Put a new request into a manual queue: it waits there until retrieved
 * (or cancelled / drained). Caller: the request is in no list.
 */
static void wdf_queue_hold(struct wdf_queue *q, struct wdf_request *req)
{
	unsigned long flags;
	bool notify;

	spin_lock_irqsave(&q->lock, flags);
	if (q->purged) {
		spin_unlock_irqrestore(&q->lock, flags);
		wdf_request_fail(req, STATUS_INVALID_DEVICE_STATE);
		return;
	}
	notify = list_empty(&q->pending) && q->ready;
	spin_lock(&req->lock);
	req->state = WDF_REQ_PENDING;
	spin_unlock(&req->lock);
	list_add_tail(&req->qnode, &q->pending);
	spin_unlock_irqrestore(&q->lock, flags);
	if (notify)
		queue_work(wdf_wq, &q->ready_work);
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
	if (q->config.DispatchType == WdfIoQueueDispatchManual) {
		wdf_queue_hold(q, req);
		return 0;
	}
	spin_lock_irq(&q->lock);
	if (q->purged) {	/* as KMDF: not accepting requests */
		spin_unlock_irq(&q->lock);
		wdf_request_fail(req, STATUS_INVALID_DEVICE_STATE);
		return 0;
	}
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
	list_add_tail(&req->onode, &q->owned);
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
	list_del_init(&req->onode);
	kick = !list_empty(&q->pending) &&
	       q->config.DispatchType != WdfIoQueueDispatchManual;
	/*
	 * wq_has_sleeper: its barrier orders the count's update before the
	 * look at the queue, as the waiter's set_current_state orders its
	 * queueing before its look at the count (the wait_event of
	 * WdfIoQueuePurgeSynchronously); an empty queue costs no lock
	 * (tools/bench --profile).
	 */
	if (!q->active && wq_has_sleeper(&q->idle_wq))
		wake_up_all(&q->idle_wq);
	spin_unlock_irqrestore(&q->lock, flags);
	wdf_test_point(WDF_TP_QUEUE_DONE, req);
	if (kick)
		queue_work(wdf_wq, &q->dispatch_work);
}

/* Take a waiting request out of @q; true if it was there (now ours). */
static bool wdf_queue_unlink(struct wdf_queue *q, struct wdf_request *req)
{
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
 * wdf_queue_cancel_pending() - a signal: take the request out of the queue
 * it waits in, following it if it is being forwarded meanwhile.
 * @req: the request, cancel_requested already set under its lock
 *
 * A forward moves the request under the destination's lock and then
 * reads cancel_requested: either this finds it in the destination (the
 * queue changed while the request is pending: look again), or the
 * forward sees the flag and completes it with STATUS_CANCELLED itself.
 *
 * Return: true if it was waiting (the caller completes it).
 */
bool wdf_queue_cancel_pending(struct wdf_request *req)
{
	struct wdf_queue *q;
	unsigned long flags;
	bool moved;

	for (;;) {
		q = READ_ONCE(req->queue);
		if (wdf_queue_unlink(q, req))
			return true;
		spin_lock_irqsave(&req->lock, flags);
		moved = req->state == WDF_REQ_PENDING && req->queue != q;
		spin_unlock_irqrestore(&req->lock, flags);
		if (!moved)
			return false;
	}
}

/*
 * EvtIoStop once for each request the driver owns from @q. A request is
 * picked under the queue lock while it is still owned (so not completed,
 * so its caller has not freed it) and held (stop_holds) until EvtIoStop
 * returns: a completion inside or beside the callback cannot free it under
 * the callback's feet (wdf_request_finish waits for the hold).
 */
static void wdf_queue_stop_owned(struct wdf_queue *q, ULONG action)
{
	struct wdf_device *d = q->device;
	struct wdf_request *req, *pick;
	struct wdf_log_scope ls;
	ULONG flags;

	for (;;) {
		pick = NULL;
		flags = action;
		spin_lock_irq(&q->lock);
		list_for_each_entry(req, &q->owned, onode) {
			if (req->stop_called)
				continue;
			pick = req;
			req->stop_called = true;
			atomic_inc(&req->stop_holds);
			spin_lock(&req->lock);
			if (req->cancel)
				flags |= WdfRequestStopRequestCancelable;
			spin_unlock(&req->lock);
			break;
		}
		spin_unlock_irq(&q->lock);
		if (!pick)
			break;
		wdf_test_point(WDF_TP_IO_STOP, pick);
		wdf_log_enter(&ls, d->dev);
		if (q->serialized)
			mutex_lock(&d->sync_lock);
		q->config.EvtIoStop(q, pick, flags);
		if (q->serialized)
			mutex_unlock(&d->sync_lock);
		wdf_log_leave(&ls);
		if (atomic_dec_and_test(&pick->stop_holds))
			wake_up_var(&pick->stop_holds);
	}
}

/**
 * wdf_device_queues_drain() - fail every request not yet presented (or
 * waiting in a manual queue) with STATUS_NO_SUCH_DEVICE (the device is
 * going away), then call EvtIoStop (Purge) for each request the driver
 * owns from a queue that has one.
 * @d: the device
 *
 * Each request leaves its queue under the queue lock, one at a time, so a
 * signalled caller racing with the drain (wdf_queue_cancel_pending())
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
	list_for_each_entry(q, &d->queues, dnode)
		if (q->config.EvtIoStop)
			wdf_queue_stop_owned(q, WdfRequestStopActionPurge);
}

static void wdf_queue_dispose(struct wdf_object *obj)
{
	struct wdf_queue *q = container_of(obj, struct wdf_queue, obj);
	struct wdf_device *d = q->device;
	int i;

	cancel_work_sync(&q->dispatch_work);
	cancel_work_sync(&q->ready_work);
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
	struct wdf_object *dobj;
	struct wdf_device *d;
	WDF_SYNCHRONIZATION_SCOPE scope;
	struct wdf_queue *q;
	NTSTATUS st;

	st = WDF_CREATE_BEGIN_CFG(WDF_TYPE_QUEUE, Queue, Device, Config,
				  QueueAttributes, &dobj, NULL);
	if (!NT_SUCCESS(st))
		return st;
	d = container_of(dobj, struct wdf_device, obj);
	if (Config->DispatchType != WdfIoQueueDispatchSequential &&
	    Config->DispatchType != WdfIoQueueDispatchParallel &&
	    Config->DispatchType != WdfIoQueueDispatchManual)
		return STATUS_INVALID_PARAMETER;
	/* a manual queue presents nothing: request callbacks are an error */
	if (Config->DispatchType == WdfIoQueueDispatchManual &&
	    (Config->EvtIoDefault || Config->EvtIoRead || Config->EvtIoWrite ||
	     Config->EvtIoDeviceControl || Config->EvtIoInternalDeviceControl))
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
	INIT_LIST_HEAD(&q->owned);
	init_waitqueue_head(&q->idle_wq);
	INIT_WORK(&q->dispatch_work, wdf_queue_dispatch_work);
	INIT_WORK(&q->ready_work, wdf_queue_ready_work);
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

NTSTATUS WdfIoQueueRetrieveNextRequest(WDFQUEUE Queue, WDFREQUEST *OutRequest)
{
	struct wdf_queue *q = WDF_GET(wdf_queue, Queue, WDF_TYPE_QUEUE);
	struct wdf_request *req;
	unsigned long flags;

	if (WDF_WARN_ONCE(!OutRequest, "%s: NULL OutRequest\n", __func__))
		return STATUS_INVALID_PARAMETER;
	*OutRequest = NULL;
	if (!q)
		return STATUS_INVALID_HANDLE;
	if (q->config.DispatchType != WdfIoQueueDispatchManual)
		return STATUS_INVALID_DEVICE_REQUEST;
	spin_lock_irqsave(&q->lock, flags);
	req = list_first_entry_or_null(&q->pending, struct wdf_request, qnode);
	if (req) {
		list_del_init(&req->qnode);
		q->active++;
		list_add_tail(&req->onode, &q->owned);
		spin_lock(&req->lock);
		req->state = WDF_REQ_PRESENTED;
		spin_unlock(&req->lock);
	}
	spin_unlock_irqrestore(&q->lock, flags);
	if (!req)
		return STATUS_NO_MORE_ENTRIES;
	wdf_test_point(WDF_TP_RETRIEVED, req);
	*OutRequest = req;
	return STATUS_SUCCESS;
}
EXPORT_SYMBOL_GPL(WdfIoQueueRetrieveNextRequest);

NTSTATUS WdfIoQueueReadyNotify(WDFQUEUE Queue,
			       PFN_WDF_IO_QUEUE_STATE QueueReady,
			       WDFCONTEXT Context)
{
	struct wdf_queue *q = WDF_GET(wdf_queue, Queue, WDF_TYPE_QUEUE);
	NTSTATUS st = STATUS_SUCCESS;
	bool notify = false;

	if (!q)
		return STATUS_INVALID_HANDLE;
	if (q->config.DispatchType != WdfIoQueueDispatchManual)
		return STATUS_INVALID_DEVICE_REQUEST;
	spin_lock_irq(&q->lock);
	if (QueueReady && q->ready) {
		st = STATUS_INVALID_DEVICE_STATE;
	} else {
		q->ready = QueueReady;
		q->ready_ctx = Context;
		notify = QueueReady && !list_empty(&q->pending);
	}
	spin_unlock_irq(&q->lock);
	if (notify)
		queue_work(wdf_wq, &q->ready_work);
	return st;
}
EXPORT_SYMBOL_GPL(WdfIoQueueReadyNotify);

/**
 * wdf_queue_forward() - WdfRequestForwardToIoQueue's move (wdf_request.c
 * has checked the handles and that the driver owns @req from its queue).
 * @req: the request
 * @dst: the destination, another queue of the same device
 *
 * Return: STATUS_SUCCESS or STATUS_WDF_BUSY (device going away; @req
 * stays the driver's, unchanged).
 */
NTSTATUS wdf_queue_forward(struct wdf_request *req, struct wdf_queue *dst)
{
	struct wdf_queue *src = req->queue;
	struct wdf_device *d = dst->device;
	bool kick_src, kick_dst = false, notify = false, cancelled;
	unsigned long flags;

	spin_lock_irqsave(&src->lock, flags);
	src->active--;
	list_del_init(&req->onode);
	kick_src = !list_empty(&src->pending) &&
		   src->config.DispatchType != WdfIoQueueDispatchManual;
	if (!src->active)
		wake_up_all(&src->idle_wq);
	spin_unlock_irqrestore(&src->lock, flags);

	spin_lock_irqsave(&dst->lock, flags);
	/*
	 * The remover sets dying before the drain takes this lock: a forward
	 * after the drain's pass over @dst sees it; one before is drained.
	 */
	if (READ_ONCE(d->dying) || dst->purged) {
		spin_unlock_irqrestore(&dst->lock, flags);
		/* back to the source, as if never forwarded */
		spin_lock_irqsave(&src->lock, flags);
		src->active++;
		list_add_tail(&req->onode, &src->owned);
		spin_unlock_irqrestore(&src->lock, flags);
		return STATUS_WDF_BUSY;
	}
	spin_lock(&req->lock);
	cancelled = req->cancel_requested;
	if (!cancelled) {
		req->queue = dst;
		req->state = WDF_REQ_PENDING;
		req->stop_called = false;
		if (dst->config.DispatchType == WdfIoQueueDispatchManual)
			notify = list_empty(&dst->pending) && dst->ready;
		else
			kick_dst = true;
		list_add_tail(&req->qnode, &dst->pending);
	}
	spin_unlock(&req->lock);
	spin_unlock_irqrestore(&dst->lock, flags);

	wdf_test_point(WDF_TP_FORWARDED, req);
	if (cancelled)		/* the caller's signal came first */
		wdf_request_fail(req, STATUS_CANCELLED);
	if (kick_src)
		queue_work(wdf_wq, &src->dispatch_work);
	if (kick_dst)
		queue_work(wdf_wq, &dst->dispatch_work);
	if (notify)
		queue_work(wdf_wq, &dst->ready_work);
	return STATUS_SUCCESS;
}

void WdfIoQueuePurgeSynchronously(WDFQUEUE Queue)
{
	struct wdf_queue *q = WDF_GET(wdf_queue, Queue, WDF_TYPE_QUEUE);
	struct wdf_request *req, *tmp;
	LIST_HEAD(purge);

	if (!q)
		return;
	might_sleep();
	spin_lock_irq(&q->lock);
	q->purged = true;
	list_splice_init(&q->pending, &purge);
	spin_unlock_irq(&q->lock);
	/* off the queue's list: a signal no longer finds them, nor a retrieve */
	list_for_each_entry_safe(req, tmp, &purge, qnode) {
		list_del_init(&req->qnode);
		wdf_request_fail(req, STATUS_CANCELLED);
	}
	if (q->config.EvtIoStop)
		wdf_queue_stop_owned(q, WdfRequestStopActionPurge);
	wait_event(q->idle_wq, !READ_ONCE(q->active));
}
EXPORT_SYMBOL_GPL(WdfIoQueuePurgeSynchronously);

void WdfIoQueueStart(WDFQUEUE Queue)
{
	struct wdf_queue *q = WDF_GET(wdf_queue, Queue, WDF_TYPE_QUEUE);

	if (!q)
		return;
	spin_lock_irq(&q->lock);
	q->purged = false;
	spin_unlock_irq(&q->lock);
}
EXPORT_SYMBOL_GPL(WdfIoQueueStart);
