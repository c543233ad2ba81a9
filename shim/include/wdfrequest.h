/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * wdfrequest.h - WDFREQUEST: a read, write or ioctl of the char device.
 */
#ifndef _WDFSHIM_WDFREQUEST_H
#define _WDFSHIM_WDFREQUEST_H

#include <wdfobject.h>
#include <wdfdevice.h>

/**
 * typedef WDF_REQUEST_PARAMETERS - what WdfRequestGetParameters returns.
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
typedef void (*PFN_WDF_REQUEST_CANCEL)(WDFREQUEST Request);

/** WdfRequestGetParameters() - fill @Parameters (Size must be set). */
void WdfRequestGetParameters(WDFREQUEST Request,
			     PWDF_REQUEST_PARAMETERS Parameters);

/**
 * WdfRequestComplete() - complete with @Status and the information set
 * so far. Completing twice: WARN_ONCE, ignored. May be called from any
 * context (also under WdfInterruptAcquireLock); the waiting caller unpins.
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
 * @Request: a read (MDL mapped into the kernel) or an ioctl (the buffered
 *	system buffer)
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
 */
NTSTATUS WdfRequestRetrieveInputWdmMdl(WDFREQUEST Request, PMDL *Mdl);
/** WdfRequestRetrieveOutputWdmMdl() - the MDL of a read. */
NTSTATUS WdfRequestRetrieveOutputWdmMdl(WDFREQUEST Request, PMDL *Mdl);

/**
 * WdfRequestMarkCancelableEx() - make the request cancelable: when the
 * waiting caller gets a signal, the shim calls @EvtRequestCancel (under
 * the device lock when the queue is synchronised) and waits for the
 * request to be completed.
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
 */
NTSTATUS WdfRequestUnmarkCancelable(WDFREQUEST Request);
/** WdfRequestIsCanceled() - TRUE once the caller was interrupted. */
BOOLEAN WdfRequestIsCanceled(WDFREQUEST Request);

/** WdfRequestGetIoQueue() - the queue that presented the request. */
WDFQUEUE WdfRequestGetIoQueue(WDFREQUEST Request);

/**
 * WdfRequestGetFileObject() - the file object of the open file the
 * request came through (valid as long as the request; WdfObjectDelete is
 * refused on it). NULL for a request without one.
 */
WDFFILEOBJECT WdfRequestGetFileObject(WDFREQUEST Request);

/** WdfFileObjectWdmGetFileObject() - its FILE_OBJECT (access flags). */
PFILE_OBJECT WdfFileObjectWdmGetFileObject(WDFFILEOBJECT FileObject);

#endif /* _WDFSHIM_WDFREQUEST_H */
