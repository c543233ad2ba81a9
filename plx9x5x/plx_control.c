// SPDX-License-Identifier: GPL-2.0-only
/*
 * plx_control.c - device control: toggle "require single transfer" (and
 * return the new state in one byte), or read that state.
 *
 * The mode is board-wide: changing it needs a file opened for writing
 * (the Windows sample's CTL_CODE asked for FILE_ANY_ACCESS; the I/O
 * manager's RequiredAccess check has no Linux counterpart in the ioctl
 * number, so the driver checks the request's file object). Reading it
 * needs any open file.
 */
#include <wdf.h>
#include "plx_private.h"

/* The file the request came through was opened for writing. */
static BOOLEAN PLxRequestCanWrite(WDFREQUEST Request)
{
	WDFFILEOBJECT fileObject = WdfRequestGetFileObject(Request);
	PFILE_OBJECT file;

	if (!fileObject)
		return FALSE;
	file = WdfFileObjectWdmGetFileObject(fileObject);
	return file && file->WriteAccess;
}

VOID PLxEvtIoDeviceControl(WDFQUEUE Queue, WDFREQUEST Request,
			   size_t OutputBufferLength, size_t InputBufferLength,
			   ULONG IoControlCode)
{
	PDEVICE_EXTENSION devExt =
		PLxGetDeviceContext(WdfIoQueueGetDevice(Queue));
	NTSTATUS status;
	PUCHAR state;

	UNREFERENCED_PARAMETER(OutputBufferLength);
	UNREFERENCED_PARAMETER(InputBufferLength);

	switch (IoControlCode) {
	case PLX9X5X_IOCTL_TOGGLE_SINGLE_TRANSFER:
		if (!PLxRequestCanWrite(Request)) {
			status = STATUS_ACCESS_DENIED;	/* EACCES */
			break;
		}
		status = WdfRequestRetrieveOutputBuffer(Request, sizeof(UCHAR),
							(PVOID *)&state, NULL);
		if (!NT_SUCCESS(status))
			break;
		devExt->RequireSingleTransfer = !devExt->RequireSingleTransfer;
		*state = devExt->RequireSingleTransfer ? 1 : 0;
		WdfRequestSetInformation(Request, sizeof(UCHAR));
		break;
	case PLX9X5X_IOCTL_GET_SINGLE_TRANSFER:
		status = WdfRequestRetrieveOutputBuffer(Request, sizeof(UCHAR),
							(PVOID *)&state, NULL);
		if (!NT_SUCCESS(status))
			break;
		*state = devExt->RequireSingleTransfer ? 1 : 0;
		WdfRequestSetInformation(Request, sizeof(UCHAR));
		break;
	default:
		/* The shim turns this into -ENOTTY for an ioctl. */
		status = STATUS_INVALID_DEVICE_REQUEST;
		break;
	}
	WdfRequestComplete(Request, status);
}
