/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * wdfio.h - WDFQUEUE.
 */
#ifndef _WDFSHIM_WDFIO_H
#define _WDFSHIM_WDFIO_H

#include <wdfobject.h>
#include <wdfdevice.h>

typedef enum _WDF_IO_QUEUE_DISPATCH_TYPE {
	WdfIoQueueDispatchInvalid = 0,
	WdfIoQueueDispatchSequential,
	WdfIoQueueDispatchParallel,
	WdfIoQueueDispatchManual,
	WdfIoQueueDispatchMax,
} WDF_IO_QUEUE_DISPATCH_TYPE;

typedef void EVT_WDF_IO_QUEUE_IO_DEFAULT(WDFQUEUE Queue, WDFREQUEST Request);
typedef EVT_WDF_IO_QUEUE_IO_DEFAULT *PFN_WDF_IO_QUEUE_IO_DEFAULT;
typedef void EVT_WDF_IO_QUEUE_IO_READ(WDFQUEUE Queue, WDFREQUEST Request,
				      size_t Length);
typedef EVT_WDF_IO_QUEUE_IO_READ *PFN_WDF_IO_QUEUE_IO_READ;
typedef void EVT_WDF_IO_QUEUE_IO_WRITE(WDFQUEUE Queue, WDFREQUEST Request,
				       size_t Length);
typedef EVT_WDF_IO_QUEUE_IO_WRITE *PFN_WDF_IO_QUEUE_IO_WRITE;
typedef void EVT_WDF_IO_QUEUE_IO_DEVICE_CONTROL(WDFQUEUE Queue,
						WDFREQUEST Request,
						size_t OutputBufferLength,
						size_t InputBufferLength,
						ULONG IoControlCode);
typedef EVT_WDF_IO_QUEUE_IO_DEVICE_CONTROL *PFN_WDF_IO_QUEUE_IO_DEVICE_CONTROL;
typedef void EVT_WDF_IO_QUEUE_IO_STOP(WDFQUEUE Queue, WDFREQUEST Request,
				      ULONG ActionFlags);
typedef EVT_WDF_IO_QUEUE_IO_STOP *PFN_WDF_IO_QUEUE_IO_STOP;

/**
 * struct _WDF_IO_QUEUE_CONFIG - WdfIoQueueCreate configuration.
 * @Size: sizeof(WDF_IO_QUEUE_CONFIG)
 * @DispatchType: Sequential (one request presented at a time), Parallel
 *	(all at once) or Manual (requests wait until the driver takes them
 *	with WdfIoQueueRetrieveNextRequest; no EvtIo* request callbacks)
 * @PowerManaged: accepted (the queue runs while the device is started)
 * @AllowZeroLengthRequests: when TRUE, a 0-byte read/write routed to this
 *	queue is presented (EvtIoRead/EvtIoWrite with Length 0, no buffer:
 *	WdfRequestRetrieve*WdmMdl and Retrieve*Buffer return
 *	STATUS_BUFFER_TOO_SMALL) and completes normally; when FALSE (the
 *	default) it returns 0 at once without reaching the driver
 * @DefaultQueue: receives every type not routed by
 *	WdfDeviceConfigureRequestDispatching
 * @EvtIoDefault: fallback for a type without its own callback
 * @EvtIoRead: read callback
 * @EvtIoWrite: write callback
 * @EvtIoDeviceControl: ioctl callback (METHOD_BUFFERED semantics)
 * @EvtIoInternalDeviceControl: never called
 * @EvtIoStop: called once for each request the driver owns from this
 *	queue (presented, or retrieved from a manual queue) when the device is
 *	removed, with WdfRequestStopActionPurge (| WdfRequestStopRequestCancelable
 *	if it is marked cancelable), under the queue's synchronisation; the
 *	driver completes the request or acknowledges (WdfRequestStopAcknowledge)
 *	and completes it later. Without it the removal waits for completion.
 *	Also called (Purge) by WdfIoQueuePurgeSynchronously. Not called on
 *	system suspend (the shim waits for the requests there).
 * @Settings: Parallel.NumberOfPresentedRequests is ignored
 */
typedef struct _WDF_IO_QUEUE_CONFIG {
	ULONG Size;
	WDF_IO_QUEUE_DISPATCH_TYPE DispatchType;
	WDF_TRI_STATE PowerManaged;
	BOOLEAN AllowZeroLengthRequests;
	BOOLEAN DefaultQueue;
	PFN_WDF_IO_QUEUE_IO_DEFAULT EvtIoDefault;
	PFN_WDF_IO_QUEUE_IO_READ EvtIoRead;
	PFN_WDF_IO_QUEUE_IO_WRITE EvtIoWrite;
	PFN_WDF_IO_QUEUE_IO_DEVICE_CONTROL EvtIoDeviceControl;
	PFN_WDF_IO_QUEUE_IO_DEVICE_CONTROL EvtIoInternalDeviceControl;
	PFN_WDF_IO_QUEUE_IO_STOP EvtIoStop;
	union {
		struct {
			ULONG NumberOfPresentedRequests;
		} Parallel;
	} Settings;
} WDF_IO_QUEUE_CONFIG, *PWDF_IO_QUEUE_CONFIG;

static inline void WDF_IO_QUEUE_CONFIG_INIT(PWDF_IO_QUEUE_CONFIG Config,
					    WDF_IO_QUEUE_DISPATCH_TYPE DispatchType)
{
	memset(Config, 0, sizeof(*Config));
	Config->Size = sizeof(*Config);
	Config->PowerManaged = WdfUseDefault;
	Config->DispatchType = DispatchType;
	if (DispatchType == WdfIoQueueDispatchParallel)
		Config->Settings.Parallel.NumberOfPresentedRequests = (ULONG)-1;
}

static inline void
WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(PWDF_IO_QUEUE_CONFIG Config,
				       WDF_IO_QUEUE_DISPATCH_TYPE DispatchType)
{
	WDF_IO_QUEUE_CONFIG_INIT(Config, DispatchType);
	Config->DefaultQueue = TRUE;
}

/**
 * WdfIoQueueCreate() - create a queue of @Device.
 * @Device: parent device
 * @Config: required
 * @QueueAttributes: optional; SynchronizationScope inherits the device's
 * @Queue: optional out handle, NULL after a failure
 *
 * Return: STATUS_SUCCESS; STATUS_INFO_LENGTH_MISMATCH; STATUS_INVALID_PARAMETER
 * (invalid dispatch type, a manual queue with EvtIo* request callbacks,
 * NULL config); STATUS_WDF_BUSY (second default queue);
 * STATUS_INSUFFICIENT_RESOURCES.
 */
NTSTATUS WdfIoQueueCreate(WDFDEVICE Device, PWDF_IO_QUEUE_CONFIG Config,
			  PWDF_OBJECT_ATTRIBUTES QueueAttributes,
			  WDFQUEUE *Queue);

/** WdfIoQueueGetDevice() - the device of a queue. */
WDFDEVICE WdfIoQueueGetDevice(WDFQUEUE Queue);

/**
 * WdfIoQueueRetrieveNextRequest() - take the oldest request waiting in a
 * manual queue; the driver owns it from then on (it must complete or
 * forward it; it stays cancelable by a signal only if the driver marks it
 * with WdfRequestMarkCancelableEx).
 * @Queue: a manual queue
 * @OutRequest: out, NULL unless STATUS_SUCCESS
 *
 * Return: STATUS_SUCCESS; STATUS_NO_MORE_ENTRIES (empty);
 * STATUS_INVALID_DEVICE_REQUEST (not a manual queue: KMDF refuses a
 * parallel one; the shim refuses a sequential one too);
 * STATUS_INVALID_PARAMETER (NULL @OutRequest, WARN_ONCE);
 * STATUS_INVALID_HANDLE.
 */
NTSTATUS WdfIoQueueRetrieveNextRequest(WDFQUEUE Queue, WDFREQUEST *OutRequest);

typedef void EVT_WDF_IO_QUEUE_STATE(WDFQUEUE Queue, WDFCONTEXT Context);
typedef EVT_WDF_IO_QUEUE_STATE *PFN_WDF_IO_QUEUE_STATE;

/**
 * WdfIoQueueReadyNotify() - register (or with NULL remove) a callback run
 * when a request arrives in an empty manual queue (and at once if the queue
 * already holds requests). It runs from the shim's work queue, under the
 * queue's synchronisation (device mutex with scope Device).
 * @Queue: a manual queue
 * @QueueReady: the callback, or NULL
 * @Context: passed to it
 *
 * Return: STATUS_SUCCESS; STATUS_INVALID_DEVICE_REQUEST (not manual);
 * STATUS_INVALID_DEVICE_STATE (a callback is already registered);
 * STATUS_INVALID_HANDLE.
 */
NTSTATUS WdfIoQueueReadyNotify(WDFQUEUE Queue,
			       PFN_WDF_IO_QUEUE_STATE QueueReady,
			       WDFCONTEXT Context);

/**
 * WdfIoQueuePurgeSynchronously() - the queue accepts nothing more (a new
 * request routed to it completes with STATUS_INVALID_DEVICE_STATE, a
 * forward to it fails with STATUS_WDF_BUSY); requests waiting in it are
 * completed with STATUS_CANCELLED; EvtIoStop(WdfRequestStopActionPurge)
 * runs for each request the driver owns from it that had none yet; then
 * it waits until the driver has completed (or forwarded) all of them.
 * Sleeps: never call it where a request of the queue can only complete
 * (e.g. from a callback holding the queue's synchronisation lock while
 * the DPC that completes them needs it).
 * @Queue: any queue
 */
void WdfIoQueuePurgeSynchronously(WDFQUEUE Queue);

/** WdfIoQueueStart() - accept requests again after a purge. */
void WdfIoQueueStart(WDFQUEUE Queue);

#endif /* _WDFSHIM_WDFIO_H */
