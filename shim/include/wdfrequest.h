/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * wdfrequest.h - WDFREQUEST: a read, write or ioctl of the char device.
 */
#ifndef _WDFSHIM_WDFREQUEST_H
#define _WDFSHIM_WDFREQUEST_H

#include <linux/ioctl.h>
#include <wdfobject.h>
#include <wdfdevice.h>
#include <wdfioctl.h>
#include <wdfmemory.h>

/**
 * struct _WDF_REQUEST_PARAMETERS - what WdfRequestGetParameters returns.
 * @Size: sizeof(WDF_REQUEST_PARAMETERS) (set by WDF_REQUEST_PARAMETERS_INIT)
 * @MinorFunction: always 0
 * @Type: the request type
 * @Parameters: Read/Write {Length, Key, DeviceOffset = the file offset};
 *	DeviceIoControl {OutputBufferLength, InputBufferLength, IoControlCode,
 *	Type3InputBuffer = NULL}
 */
typedef struct _WDF_REQUEST_PARAMETERS {
	USHORT Size;
	UCHAR MinorFunction;
	WDF_REQUEST_TYPE Type;
	union {
		struct {
			size_t Length;
			ULONG Key;
			LONGLONG DeviceOffset;
		} Read;

		struct {
			size_t Length;
			ULONG Key;
			LONGLONG DeviceOffset;
		} Write;

		struct {
			size_t OutputBufferLength;
			size_t InputBufferLength;
			ULONG IoControlCode;
			PVOID Type3InputBuffer;
		} DeviceIoControl;
	} Parameters;
} WDF_REQUEST_PARAMETERS, *PWDF_REQUEST_PARAMETERS;

static inline void WDF_REQUEST_PARAMETERS_INIT(PWDF_REQUEST_PARAMETERS Parameters)
{
	memset(Parameters, 0, sizeof(*Parameters));
	Parameters->Size = sizeof(*Parameters);
}

typedef void EVT_WDF_REQUEST_CANCEL(WDFREQUEST Request);
typedef EVT_WDF_REQUEST_CANCEL *PFN_WDF_REQUEST_CANCEL;

/** WdfRequestGetParameters() - fill @Parameters (Size must be set). */
void WdfRequestGetParameters(WDFREQUEST Request,
			     PWDF_REQUEST_PARAMETERS Parameters);

/**
 * WdfRequestComplete() - complete with @Status and the information set
 * so far. Completing twice: WARN_ONCE, ignored. May be called from any
 * context (also under WdfInterruptAcquireLock); the waiting caller unpins.
 * @Request: the request
 * @Status: its final status (errno to user space: wdf_status_to_errno())
 */
void WdfRequestComplete(WDFREQUEST Request, NTSTATUS Status);
/** WdfRequestCompleteWithInformation() - set information, then complete. */
void WdfRequestCompleteWithInformation(WDFREQUEST Request, NTSTATUS Status,
				       ULONG_PTR Information);
/** WdfRequestSetInformation() - bytes transferred / returned. */
void WdfRequestSetInformation(WDFREQUEST Request, ULONG_PTR Information);
/** WdfRequestGetInformation() - the information set so far. */
ULONG_PTR WdfRequestGetInformation(WDFREQUEST Request);
/** WdfRequestGetStatus() - STATUS_PENDING until completed. */
NTSTATUS WdfRequestGetStatus(WDFREQUEST Request);

/**
 * WdfRequestRetrieveOutputBuffer() - the buffer data goes back in.
 * @Request: a read (MDL mapped into the kernel), a buffered ioctl (the
 *	system buffer) or a METHOD_*_DIRECT ioctl (its pinned output buffer,
 *	mapped)
 * @MinimumRequiredSize: the least length acceptable
 * @Buffer: out, required
 * @Length: out, optional
 *
 * Return: STATUS_SUCCESS; STATUS_BUFFER_TOO_SMALL (length 0 or less than
 * the minimum); STATUS_INVALID_DEVICE_REQUEST (a write);
 * STATUS_INTERNAL_ERROR (already completed); STATUS_INSUFFICIENT_RESOURCES
 * (the MDL could not be mapped).
 */
NTSTATUS WdfRequestRetrieveOutputBuffer(WDFREQUEST Request,
					size_t MinimumRequiredSize,
					PVOID *Buffer, size_t *Length);
/** WdfRequestRetrieveInputBuffer() - as above for a write or ioctl input. */
NTSTATUS WdfRequestRetrieveInputBuffer(WDFREQUEST Request,
				       size_t MinimumRequiredSize,
				       PVOID *Buffer, size_t *Length);
/**
 * WdfRequestRetrieveInputWdmMdl() - the MDL of a write (the pinned user
 * buffer). STATUS_INVALID_DEVICE_REQUEST for other types.
 * @Request: a write or direct-ioctl request
 * @Mdl: out: the MDL
 */
NTSTATUS WdfRequestRetrieveInputWdmMdl(WDFREQUEST Request, PMDL *Mdl);
/**
 * WdfRequestRetrieveOutputWdmMdl() - the MDL of a read, or of the output
 * buffer of a METHOD_IN_DIRECT / METHOD_OUT_DIRECT ioctl (IN_DIRECT: the
 * device reads it; OUT_DIRECT: the device writes it). A buffered ioctl:
 * STATUS_INVALID_DEVICE_REQUEST (KMDF would build an MDL for the system
 * buffer; the shim does not); an output length 0: STATUS_BUFFER_TOO_SMALL.
 * @Request: a read or direct-ioctl request
 * @Mdl: out: the MDL
 */
NTSTATUS WdfRequestRetrieveOutputWdmMdl(WDFREQUEST Request, PMDL *Mdl);

/**
 * WdfRequestMarkCancelableEx() - make the request cancelable: when the
 * waiting caller gets a signal, the shim calls @EvtRequestCancel (under
 * the device lock when the queue is synchronised) and waits for the
 * request to be completed.
 * @Request: a request the driver owns
 * @EvtRequestCancel: called if the request is cancelled
 *
 * Return: STATUS_SUCCESS, or STATUS_CANCELLED if a signal already arrived
 * (the request is not marked; complete it).
 */
NTSTATUS WdfRequestMarkCancelableEx(WDFREQUEST Request,
				    PFN_WDF_REQUEST_CANCEL EvtRequestCancel);
/** WdfRequestMarkCancelable() - as ...Ex, ignoring the status. */
void WdfRequestMarkCancelable(WDFREQUEST Request,
			      PFN_WDF_REQUEST_CANCEL EvtRequestCancel);
/**
 * WdfRequestUnmarkCancelable() - Return: STATUS_SUCCESS, or
 * STATUS_CANCELLED if the cancel routine has been (or is being) called -
 * then the cancel routine owns completion.
 * @Request: a request marked cancelable
 */
NTSTATUS WdfRequestUnmarkCancelable(WDFREQUEST Request);
/** WdfRequestIsCanceled() - TRUE once the caller was interrupted. */
BOOLEAN WdfRequestIsCanceled(WDFREQUEST Request);

/* EvtIoStop ActionFlags (KMDF's values). */
#define WdfRequestStopActionInvalid		0
#define WdfRequestStopActionSuspend		0x01
#define WdfRequestStopActionPurge		0x02
#define WdfRequestStopRequestCancelable		0x10000000

/**
 * WdfRequestStopAcknowledge() - from EvtIoStop (or after it): the driver
 * has stopped working on the request. @Requeue FALSE: it keeps the request
 * and completes it later (removal waits for that). @Requeue TRUE: give it
 * back; as the queue is being purged, the shim completes it at once with
 * the purge's status (STATUS_NO_SUCH_DEVICE). The request must not be
 * marked cancelable when requeued. Outside EvtIoStop: WARN_ONCE, ignored.
 * @Request: the request EvtIoStop was called for
 * @Requeue: TRUE: give it back to the queue
 */
void WdfRequestStopAcknowledge(WDFREQUEST Request, BOOLEAN Requeue);

/**
 * WdfRequestForwardToIoQueue() - hand a request the driver owns to another
 * queue of the same device (it leaves the driver's hands: a sequential
 * source queue presents its next request). A manual destination keeps it
 * until WdfIoQueueRetrieveNextRequest; there a signal cancels it
 * (STATUS_CANCELLED, never seen by the driver again). A sequential or
 * parallel destination presents it from the shim's work queue.
 * @Request: presented or retrieved, not completed, not marked cancelable
 * @DestinationQueue: another queue of the request's device
 *
 * Return: STATUS_SUCCESS; STATUS_INVALID_DEVICE_REQUEST (same queue, a
 * queue of another device, the driver does not own the request, or it is
 * marked cancelable); STATUS_WDF_BUSY (the device is being removed: the
 * destination accepts nothing; the driver still owns the request);
 * STATUS_INVALID_HANDLE.
 */
NTSTATUS WdfRequestForwardToIoQueue(WDFREQUEST Request,
				    WDFQUEUE DestinationQueue);

/**
 * WdfRequestRetrieveInputMemory() - the input buffer as a WDFMEMORY (write:
 * the pinned user buffer mapped; ioctl: the copied-in system buffer). The
 * memory object belongs to the request (WdfObjectDelete is refused) and is
 * valid until the request is completed.
 * @Request: a write or ioctl request
 * @Memory: out: the memory object
 *
 * Return: STATUS_SUCCESS; STATUS_BUFFER_TOO_SMALL (no buffer: length 0);
 * STATUS_INVALID_DEVICE_REQUEST (a read); STATUS_INVALID_USER_BUFFER (the
 * ioctl input faulted); STATUS_INTERNAL_ERROR (already completed);
 * STATUS_INSUFFICIENT_RESOURCES; STATUS_INVALID_PARAMETER (NULL @Memory).
 */
NTSTATUS WdfRequestRetrieveInputMemory(WDFREQUEST Request, WDFMEMORY *Memory);
/**
 * WdfRequestRetrieveOutputMemory() - the output buffer as a WDFMEMORY (read:
 * the pinned user buffer; buffered ioctl: the system buffer copied out on
 * completion; METHOD_*_DIRECT ioctl: the pinned output buffer). As
 * WdfRequestRetrieveInputMemory otherwise (a write: INVALID_DEVICE_REQUEST).
 * @Request: a read or ioctl request
 * @Memory: out: the memory object
 */
NTSTATUS WdfRequestRetrieveOutputMemory(WDFREQUEST Request, WDFMEMORY *Memory);

/**
 * WDF_IOCTL_METHOD() - the transfer method of an ioctl code as the shim
 * sees it: METHOD_IN_DIRECT / METHOD_OUT_DIRECT for a command made with
 * WDF_IOC_IN_DIRECT / WDF_IOC_OUT_DIRECT (wdfioctl.h), else
 * METHOD_BUFFERED. (A Linux command has no CTL_CODE method bits, so
 * METHOD_FROM_CTL_CODE does not apply to it.)
 * @code: the ioctl command
 */
#define WDF_IOCTL_METHOD(code) \
	(_IOC_SIZE(code) == WDF_IOC_SIZE_IN_DIRECT && \
	 _IOC_DIR(code) == (_IOC_READ | _IOC_WRITE) ? METHOD_IN_DIRECT : \
	 _IOC_SIZE(code) == WDF_IOC_SIZE_OUT_DIRECT && \
	 _IOC_DIR(code) == (_IOC_READ | _IOC_WRITE) ? METHOD_OUT_DIRECT : \
	 METHOD_BUFFERED)

/** WdfRequestGetIoQueue() - the queue that presented the request. */
WDFQUEUE WdfRequestGetIoQueue(WDFREQUEST Request);

/**
 * WdfRequestGetFileObject() - the file object of the open file the
 * request came through (valid as long as the request; WdfObjectDelete is
 * refused on it). NULL for a request without one.
 * @Request: the request
 */
WDFFILEOBJECT WdfRequestGetFileObject(WDFREQUEST Request);

/** WdfFileObjectWdmGetFileObject() - its FILE_OBJECT (access flags). */
PFILE_OBJECT WdfFileObjectWdmGetFileObject(WDFFILEOBJECT FileObject);

#endif /* _WDFSHIM_WDFREQUEST_H */
