// SPDX-License-Identifier: GPL-2.0-only
/*
 * edu_io.c - requests. read/write: a WdfDmaTransaction over the caller's
 * pages, each scatter/gather element one run of the device's engine (the
 * engine takes one address and one count). CB ioctls: the same transfer
 * staged through the 4 KiB common buffer, the data passed in a WDFMEMORY.
 * Factorial: written to the device and held until its interrupt; the
 * request is cancelable meanwhile.
 */
#include <wdf.h>
#include "edu_private.h"

#define EDU_ERROR(fmt, ...) \
	DbgPrintEx(DPFLTR_IHVDRIVER_ID, DPFLTR_ERROR_LEVEL, "edu: " fmt, \
		   ##__VA_ARGS__)

/* The device's DMA engine sees 28 bits; anything else is a shim bug. */
static BOOLEAN EduDmaReachable(PHYSICAL_ADDRESS Address, ULONG Length)
{
	ULONGLONG last = (ULONGLONG)Address.QuadPart + Length - 1;

	return Length && last >= (ULONGLONG)Address.QuadPart &&
	       last < (1ULL << EDU_DMA_BITS);
}

/* Program one run of the engine; the interrupt reports its end. */
static NTSTATUS EduStartDma(PDEVICE_CONTEXT Ctx, PHYSICAL_ADDRESS Host,
			    ULONG DevOffset, ULONG Length, BOOLEAN ToRam)
{
	ULONG dev = EDU_BUF_DEVADDR + DevOffset;

	if (!EduDmaReachable(Host, Length) ||
	    DevOffset + Length > EDU_BUF_USABLE) {
		EDU_ERROR("DMA %#llx+%u at %u not reachable\n",
			  (unsigned long long)Host.QuadPart, Length, DevOffset);
		return STATUS_DEVICE_DATA_ERROR;
	}
	EduWrite32(Ctx, EDU_REG_DMA_SRC,
		   ToRam ? dev : (ULONG)Host.QuadPart);
	EduWrite32(Ctx, EDU_REG_DMA_DST,
		   ToRam ? (ULONG)Host.QuadPart : dev);
	EduWrite32(Ctx, EDU_REG_DMA_CNT, Length);
	EduWrite32(Ctx, EDU_REG_DMA_CMD, EDU_DMA_START | EDU_DMA_IRQ |
		   (ToRam ? EDU_DMA_TO_RAM : 0));
	WdfTimerStart(Ctx->Watchdog, WDF_REL_TIMEOUT_IN_MS(EDU_DMA_TIMEOUT_MS));
	return STATUS_SUCCESS;
}

static void EduFinishDma(PDEVICE_CONTEXT Ctx, NTSTATUS Status,
			 ULONG_PTR Information)
{
	WDFREQUEST request = Ctx->DmaRequest;

	WdfTimerStop(Ctx->Watchdog, FALSE);
	if (Ctx->DmaKind == EduDmaTransaction)
		WdfDmaTransactionRelease(Ctx->Transaction);
	Ctx->DmaKind = EduDmaIdle;
	Ctx->DmaRequest = NULL;
	Ctx->ProgramStatus = STATUS_SUCCESS;
	Ctx->SgList = NULL;
	WdfRequestCompleteWithInformation(request, Status, Information);
}

static NTSTATUS EduStartElement(PDEVICE_CONTEXT Ctx)
{
	PSCATTER_GATHER_ELEMENT e = &Ctx->SgList->Elements[Ctx->SgIndex];

	return EduStartDma(Ctx, e->Address,
			   Ctx->FragmentOffset + Ctx->ElementOffset, e->Length,
			   Ctx->DmaDirection == WdfDmaDirectionReadFromDevice);
}

BOOLEAN EduEvtProgramDma(WDFDMATRANSACTION Transaction, WDFDEVICE Device,
			 WDFCONTEXT Context, WDF_DMA_DIRECTION Direction,
			 PSCATTER_GATHER_LIST SgList)
{
	PDEVICE_CONTEXT ctx = EduGetDeviceContext(Device);
	NTSTATUS status;

	UNREFERENCED_PARAMETER(Context);
	ctx->ProgramStatus = STATUS_SUCCESS;
	if (!SgList->NumberOfElements) {
		ctx->ProgramStatus = STATUS_DEVICE_DATA_ERROR;
		WdfTimerStart(ctx->Watchdog, 0);
		return FALSE;
	}
	ctx->DmaDirection = Direction;
	ctx->SgList = SgList;
	ctx->SgIndex = 0;
	ctx->ElementOffset = 0;
	ctx->FragmentOffset = ctx->DmaOffset +
		(ULONG)WdfDmaTransactionGetBytesTransferred(Transaction);
	status = EduStartElement(ctx);
	if (!NT_SUCCESS(status)) {
		/*
		 * Called from Execute or DmaCompleted: fail the request from
		 * the watchdog (serialised with us), at once.
		 */
		ctx->ProgramStatus = status;
		WdfTimerStart(ctx->Watchdog, 0);
		return FALSE;
	}
	return TRUE;
}

static void EduReadWrite(WDFQUEUE Queue, WDFREQUEST Request, size_t Length,
			 WDF_DMA_DIRECTION Direction)
{
	PDEVICE_CONTEXT ctx = EduGetDeviceContext(WdfIoQueueGetDevice(Queue));
	WDF_REQUEST_PARAMETERS params;
	LONGLONG offset;
	NTSTATUS status;

	WDF_REQUEST_PARAMETERS_INIT(&params);
	WdfRequestGetParameters(Request, &params);
	offset = Direction == WdfDmaDirectionReadFromDevice ?
		 params.Parameters.Read.DeviceOffset :
		 params.Parameters.Write.DeviceOffset;
	if (offset < 0 || offset > EDU_BUF_USABLE ||
	    Length > EDU_BUF_USABLE - (size_t)offset) {
		WdfRequestComplete(Request, STATUS_INVALID_PARAMETER);
		return;
	}
	status = WdfDmaTransactionInitializeUsingRequest(ctx->Transaction,
							 Request,
							 EduEvtProgramDma,
							 Direction);
	if (!NT_SUCCESS(status)) {
		WdfRequestComplete(Request, status);
		return;
	}
	ctx->DmaKind = EduDmaTransaction;
	ctx->DmaRequest = Request;
	ctx->DmaOffset = (ULONG)offset;
	ctx->DmaLength = (ULONG)Length;
	status = WdfDmaTransactionExecute(ctx->Transaction, ctx);
	if (!NT_SUCCESS(status))
		EduFinishDma(ctx, status, 0);
}

void EduEvtIoRead(WDFQUEUE Queue, WDFREQUEST Request, size_t Length)
{
	EduReadWrite(Queue, Request, Length, WdfDmaDirectionReadFromDevice);
}

void EduEvtIoWrite(WDFQUEUE Queue, WDFREQUEST Request, size_t Length)
{
	EduReadWrite(Queue, Request, Length, WdfDmaDirectionWriteToDevice);
}

/* DPC: the engine finished one run. */
void EduDmaDone(PDEVICE_CONTEXT Ctx)
{
	struct edu_xfer *out;
	NTSTATUS status;
	size_t outLength;
	ULONG done;

	switch (Ctx->DmaKind) {
	case EduDmaTransaction:
		Ctx->ElementOffset += Ctx->SgList->Elements[Ctx->SgIndex].Length;
		if (++Ctx->SgIndex < Ctx->SgList->NumberOfElements) {
			status = EduStartElement(Ctx);
			if (!NT_SUCCESS(status)) {
				WdfDmaTransactionDmaCompletedFinal(Ctx->Transaction,
								   0, &status);
				EduFinishDma(Ctx, STATUS_DEVICE_DATA_ERROR, 0);
			}
			return;
		}
		WdfTimerStop(Ctx->Watchdog, FALSE);
		/* FALSE: the shim programmed the next fragment */
		if (!WdfDmaTransactionDmaCompleted(Ctx->Transaction, &status))
			return;
		done = (ULONG)WdfDmaTransactionGetBytesTransferred(Ctx->Transaction);
		EduFinishDma(Ctx, status, NT_SUCCESS(status) ? done : 0);
		return;
	case EduDmaCommonBuffer:
		if (Ctx->DmaDirection == WdfDmaDirectionWriteToDevice) {
			EduFinishDma(Ctx, STATUS_SUCCESS, 0);
			return;
		}
		status = WdfRequestRetrieveOutputBuffer(Ctx->DmaRequest,
							sizeof(*out),
							(PVOID *)&out,
							&outLength);
		if (!NT_SUCCESS(status)) {
			EduFinishDma(Ctx, status, 0);
			return;
		}
		memcpy(out->data, Ctx->CommonBufferVa, Ctx->DmaLength);
		EduFinishDma(Ctx, STATUS_SUCCESS, sizeof(*out));
		return;
	default:
		/* an interrupt nobody waits for (e.g. after a watchdog) */
		return;
	}
}

void EduEvtWatchdog(WDFTIMER Timer)
{
	PDEVICE_CONTEXT ctx = EduGetDeviceContext(WdfTimerGetParentObject(Timer));
	NTSTATUS status;

	if (ctx->DmaKind == EduDmaIdle)
		return;
	if (NT_SUCCESS(ctx->ProgramStatus))
		EDU_ERROR("DMA did not complete within %u ms\n",
			  EDU_DMA_TIMEOUT_MS);
	if (ctx->DmaKind == EduDmaTransaction)
		WdfDmaTransactionDmaCompletedFinal(ctx->Transaction, 0, &status);
	EduFinishDma(ctx, NT_SUCCESS(ctx->ProgramStatus) ? STATUS_IO_TIMEOUT :
		     ctx->ProgramStatus, 0);
}

/*
 * The common-buffer mode: the ioctl's data is wrapped in a WDFMEMORY and
 * copied (bounds-checked) into or out of the coherent buffer.
 */
static void EduCommonBufferIo(PDEVICE_CONTEXT Ctx, WDFREQUEST Request,
			      BOOLEAN ToDevice)
{
	struct edu_xfer *in;
	WDFMEMORY memory;
	size_t inLength;
	NTSTATUS status;

	status = WdfRequestRetrieveInputBuffer(Request, sizeof(*in),
					       (PVOID *)&in, &inLength);
	if (!NT_SUCCESS(status))
		goto fail;
	if (!in->length || in->offset > EDU_BUF_USABLE ||
	    in->length > EDU_BUF_USABLE - in->offset) {
		status = STATUS_INVALID_PARAMETER;
		goto fail;
	}
	if (ToDevice) {
		status = WdfMemoryCreatePreallocated(WDF_NO_OBJECT_ATTRIBUTES,
						     in, inLength, &memory);
		if (!NT_SUCCESS(status))
			goto fail;
		status = WdfMemoryCopyToBuffer(memory,
					       offsetof(struct edu_xfer, data),
					       Ctx->CommonBufferVa, in->length);
		WdfObjectDelete(memory);
		if (!NT_SUCCESS(status))
			goto fail;
	}
	Ctx->DmaKind = EduDmaCommonBuffer;
	Ctx->DmaRequest = Request;
	Ctx->DmaDirection = ToDevice ? WdfDmaDirectionWriteToDevice :
				       WdfDmaDirectionReadFromDevice;
	Ctx->DmaOffset = in->offset;
	Ctx->DmaLength = in->length;
	status = EduStartDma(Ctx, Ctx->CommonBufferLa, in->offset, in->length,
			     !ToDevice);
	if (!NT_SUCCESS(status))
		EduFinishDma(Ctx, status, 0);
	return;
fail:
	WdfRequestComplete(Request, status);
}

/* ---- factorial: a request held until the device's interrupt ---------- */

static void EduEvtFactCancel(WDFREQUEST Request)
{
	PDEVICE_CONTEXT ctx = EduGetDeviceContext(
		WdfIoQueueGetDevice(WdfRequestGetIoQueue(Request)));

	/* device scope: the DPC is not running; this routine completes it */
	if (ctx->FactRequest == Request)
		ctx->FactRequest = NULL;
	WdfRequestComplete(Request, STATUS_CANCELLED);
}

static void EduFactorial(PDEVICE_CONTEXT Ctx, WDFREQUEST Request)
{
	struct edu_fact *in;
	NTSTATUS status;
	ULONG i;

	status = WdfRequestRetrieveInputBuffer(Request, sizeof(*in),
					       (PVOID *)&in, NULL);
	if (!NT_SUCCESS(status))
		goto fail;
	/* an earlier (cancelled) computation may still run: it is short */
	for (i = 0; i < 1000 &&
	     (EduRead32(Ctx, EDU_REG_STATUS) & EDU_STATUS_COMPUTING); i++)
		KeStallExecutionProcessor(10);
	if (EduRead32(Ctx, EDU_REG_STATUS) & EDU_STATUS_COMPUTING) {
		status = STATUS_DEVICE_BUSY;
		goto fail;
	}
	status = WdfRequestMarkCancelableEx(Request, EduEvtFactCancel);
	if (!NT_SUCCESS(status))
		goto fail;
	Ctx->FactRequest = Request;
	EduWrite32(Ctx, EDU_REG_STATUS, EDU_STATUS_IRQFACT);
	EduWrite32(Ctx, EDU_REG_FACT, in->n);
	return;
fail:
	WdfRequestComplete(Request, status);
}

/* DPC: the factorial unit raised its interrupt. */
void EduFactDone(PDEVICE_CONTEXT Ctx)
{
	WDFREQUEST request = Ctx->FactRequest;
	struct edu_fact *out;
	NTSTATUS status;

	if (!request)
		return;		/* cancelled meanwhile */
	/* a late interrupt of an earlier, cancelled computation */
	if (EduRead32(Ctx, EDU_REG_STATUS) & EDU_STATUS_COMPUTING)
		return;
	Ctx->FactRequest = NULL;
	if (WdfRequestUnmarkCancelable(request) == STATUS_CANCELLED)
		return;		/* the cancel routine completes it */
	status = WdfRequestRetrieveOutputBuffer(request, sizeof(*out),
						(PVOID *)&out, NULL);
	if (NT_SUCCESS(status))
		out->result = EduRead32(Ctx, EDU_REG_FACT);
	WdfRequestCompleteWithInformation(request, status,
					  NT_SUCCESS(status) ? sizeof(*out) : 0);
}

void EduEvtIoDeviceControl(WDFQUEUE Queue, WDFREQUEST Request,
			   size_t OutputBufferLength, size_t InputBufferLength,
			   ULONG IoControlCode)
{
	PDEVICE_CONTEXT ctx = EduGetDeviceContext(WdfIoQueueGetDevice(Queue));

	UNREFERENCED_PARAMETER(OutputBufferLength);
	UNREFERENCED_PARAMETER(InputBufferLength);

	switch (IoControlCode) {
	case EDU_IOCTL_FACTORIAL:
		EduFactorial(ctx, Request);
		break;
	case EDU_IOCTL_CB_WRITE:
		EduCommonBufferIo(ctx, Request, TRUE);
		break;
	case EDU_IOCTL_CB_READ:
		EduCommonBufferIo(ctx, Request, FALSE);
		break;
	default:
		WdfRequestComplete(Request, STATUS_INVALID_DEVICE_REQUEST);
		break;
	}
}
