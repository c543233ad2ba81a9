// SPDX-License-Identifier: GPL-2.0-only
/*
 * plx_control.c - device control: the one ioctl, which toggles "require
 * single transfer" and returns the new state in one byte.
 */
#include <wdf.h>
#include "plx_private.h"

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
		status = WdfRequestRetrieveOutputBuffer(Request, sizeof(UCHAR),
							(PVOID *)&state, NULL);
		if (!NT_SUCCESS(status))
			break;
		devExt->RequireSingleTransfer = !devExt->RequireSingleTransfer;
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
