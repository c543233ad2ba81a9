// SPDX-License-Identifier: GPL-2.0-only
/*
 * edu_io.c - requests, all presented by the parallel default queue.
 *
 * DMA (read/write, the CB ioctls, the direct ioctls) needs the one engine:
 * started at once when it is free, else forwarded to the manual DmaQueue,
 * from which the DPC (or the watchdog) takes the next when a transfer
 * ends. read/write and the direct ioctls: a WdfDmaTransaction over the
 * caller's pages (the request's MDL), each scatter/gather element one run
 * of the engine (it takes one address and one count). CB ioctls: staged
 * through the 4 KiB common buffer, the data reached as the request's
 * WDFMEMORY.
 *
 * Factorial: forwarded to the manual FactQueue (cancelled there by the
 * framework on a signal); the driver takes one at a time, marks it
 * cancelable, writes the operand and completes it from the DPC when the
 * unit interrupts. EvtIoStop (removal) completes the one it holds and
 * acknowledges DMA in flight (it ends within 100 ms, or the watchdog
 * fails it).
 */
#include <wdf.h>
#include "edu_private.h"

static void EduDmaStart(PDEVICE_CONTEXT Ctx, WDFREQUEST Request);
static void EduFactStartNext(PDEVICE_CONTEXT Ctx);

/* The device's DMA engine sees 28 bits; anything else is a shim bug. */
static BOOLEAN EduDmaReachable(PHYSICAL_ADDRESS Address, ULONG Length)
{
	ULONGLONG last = (ULONGLONG)Address.QuadPart + Length - 1;

	return Length && last >= (ULONGLONG)Address.QuadPart &&
	       last < (1ULL << EDU_DMA_BITS);
}

/* @Length bytes at @Offset lie inside the device's usable buffer. */
static BOOLEAN EduInBuffer(ULONGLONG Offset, ULONGLONG Length)
{
	return Offset <= EDU_BUF_USABLE && Length <= EDU_BUF_USABLE - Offset;
}

static WDF_DMA_DIRECTION EduDirection(BOOLEAN ToDevice)
{
	return ToDevice ? WdfDmaDirectionWriteToDevice :
			  WdfDmaDirectionReadFromDevice;
}

/* Program one run of the engine; the interrupt reports its end. */
static NTSTATUS EduStartDma(PDEVICE_CONTEXT Ctx, PHYSICAL_ADDRESS Host,
			    ULONG DevOffset, ULONG Length, BOOLEAN ToRam)
{
	ULONG dev = EDU_BUF_DEVADDR + DevOffset;

	if (!EduDmaReachable(Host, Length) || !EduInBuffer(DevOffset, Length)) {
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

/* The engine is @Request's until EduFinishDma; the DPC reads these. */
static void EduClaimDma(PDEVICE_CONTEXT Ctx, EDU_DMA_KIND Kind,
			WDFREQUEST Request, WDF_DMA_DIRECTION Direction,
			ULONG Offset, ULONG Length)
{
	Ctx->DmaKind = Kind;
	Ctx->DmaRequest = Request;
	Ctx->DmaDirection = Direction;
	Ctx->DmaOffset = Offset;
	Ctx->DmaLength = Length;
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
	UNREFERENCED_PARAMETER(Direction);	/* EduClaimDma recorded it */
	ctx->ProgramStatus = STATUS_SUCCESS;
	if (!SgList->NumberOfElements) {
		ctx->ProgramStatus = STATUS_DEVICE_DATA_ERROR;
		WdfTimerStart(ctx->Watchdog, 0);
		return FALSE;
	}
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

/* Run @Length bytes of @Mdl through the transaction (engine free). */
static void EduTransactionDma(PDEVICE_CONTEXT Ctx, WDFREQUEST Request,
			      PMDL Mdl, LONGLONG Offset, size_t Length,
			      WDF_DMA_DIRECTION Direction)
{
	NTSTATUS status;

	if (Offset < 0 || !EduInBuffer(Offset, Length)) {
		WdfRequestComplete(Request, STATUS_INVALID_PARAMETER);
		return;
	}
	if (Mdl)
		status = WdfDmaTransactionInitialize(Ctx->Transaction,
						     EduEvtProgramDma, Direction,
						     Mdl,
						     MmGetMdlVirtualAddress(Mdl),
						     Length);
	else
		status = WdfDmaTransactionInitializeUsingRequest(Ctx->Transaction,
								 Request,
								 EduEvtProgramDma,
								 Direction);
	if (!NT_SUCCESS(status)) {
		WdfRequestComplete(Request, status);
		return;
	}
	EduClaimDma(Ctx, EduDmaTransaction, Request, Direction, (ULONG)Offset,
		    (ULONG)Length);
	status = WdfDmaTransactionExecute(Ctx->Transaction, Ctx);
	if (!NT_SUCCESS(status))
		EduFinishDma(Ctx, status, 0);
}

static void EduReadWrite(PDEVICE_CONTEXT Ctx, WDFREQUEST Request,
			 WDF_REQUEST_PARAMETERS *Params)
{
	BOOLEAN write = Params->Type == WdfRequestTypeWrite;

	EduTransactionDma(Ctx, Request, NULL,
			  write ? Params->Parameters.Write.DeviceOffset :
				  Params->Parameters.Read.DeviceOffset,
			  write ? Params->Parameters.Write.Length :
				  Params->Parameters.Read.Length,
			  EduDirection(write));
}

/*
 * The direct ioctls: the data is the ioctl's output buffer, an MDL the
 * engine reads (METHOD_IN_DIRECT) or writes (METHOD_OUT_DIRECT); the
 * offset comes in the (buffered) input.
 */
static void EduDirectDma(PDEVICE_CONTEXT Ctx, WDFREQUEST Request,
			 BOOLEAN ToDevice)
{
	struct edu_dma_args *args;
	NTSTATUS status;
	PMDL mdl;

	status = WdfRequestRetrieveInputBuffer(Request, sizeof(*args),
					       (PVOID *)&args, NULL);
	if (NT_SUCCESS(status))
		status = WdfRequestRetrieveOutputWdmMdl(Request, &mdl);
	if (!NT_SUCCESS(status)) {
		/* no data buffer is a bad argument, not a short one */
		WdfRequestComplete(Request, status == STATUS_BUFFER_TOO_SMALL ?
				   STATUS_INVALID_PARAMETER : status);
		return;
	}
	EduTransactionDma(Ctx, Request, mdl, args->offset,
			  MmGetMdlByteCount(mdl), EduDirection(ToDevice));
}

/* A DMA request: start it if the engine is free, else it waits. */
static void EduDmaSubmit(PDEVICE_CONTEXT Ctx, WDFREQUEST Request)
{
	NTSTATUS status;

	if (Ctx->DmaKind == EduDmaIdle) {
		EduDmaStart(Ctx, Request);
		return;
	}
	status = WdfRequestForwardToIoQueue(Request, Ctx->DmaQueue);
	if (!NT_SUCCESS(status))
		WdfRequestComplete(Request, status);
}

/* The engine is free: start the requests waiting until one runs. */
void EduDmaStartNext(PDEVICE_CONTEXT Ctx)
{
	WDFREQUEST request;

	while (Ctx->DmaKind == EduDmaIdle &&
	       NT_SUCCESS(WdfIoQueueRetrieveNextRequest(Ctx->DmaQueue,
							&request)))
		EduDmaStart(Ctx, request);
}

/* EvtIoRead and EvtIoWrite: the request's type tells them apart. */
void EduEvtIoReadWrite(WDFQUEUE Queue, WDFREQUEST Request, size_t Length)
{
	UNREFERENCED_PARAMETER(Length);
	EduDmaSubmit(EduGetDeviceContext(WdfIoQueueGetDevice(Queue)), Request);
}

/* DPC: the engine finished one run. */
static void EduDmaRunDone(PDEVICE_CONTEXT Ctx)
{
	WDFMEMORY memory;
	NTSTATUS status;
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
		/* the data goes into the output as the request's WDFMEMORY */
		status = WdfRequestRetrieveOutputMemory(Ctx->DmaRequest,
							&memory);
		if (NT_SUCCESS(status))
			status = WdfMemoryCopyFromBuffer(memory,
					offsetof(struct edu_xfer, data),
					Ctx->CommonBufferVa, Ctx->DmaLength);
		EduFinishDma(Ctx, status,
			     NT_SUCCESS(status) ? sizeof(struct edu_xfer) : 0);
		return;
	default:
		/* an interrupt nobody waits for (e.g. after a watchdog) */
		return;
	}
}

void EduDmaDone(PDEVICE_CONTEXT Ctx)
{
	EduDmaRunDone(Ctx);
	EduDmaStartNext(Ctx);
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
	EduDmaStartNext(ctx);
}

/*
 * The common-buffer mode: the ioctl's data is reached as the request's
 * WDFMEMORY and copied (bounds-checked) into or out of the coherent buffer.
 */
static void EduCommonBufferIo(PDEVICE_CONTEXT Ctx, WDFREQUEST Request,
			      BOOLEAN ToDevice)
{
	struct edu_xfer *in;
	WDFMEMORY memory;
	NTSTATUS status;

	status = WdfRequestRetrieveInputBuffer(Request, sizeof(*in),
					       (PVOID *)&in, NULL);
	if (!NT_SUCCESS(status))
		goto fail;
	if (!in->length || !EduInBuffer(in->offset, in->length)) {
		status = STATUS_INVALID_PARAMETER;
		goto fail;
	}
	if (ToDevice) {
		status = WdfRequestRetrieveInputMemory(Request, &memory);
		if (NT_SUCCESS(status))
			status = WdfMemoryCopyToBuffer(memory,
					offsetof(struct edu_xfer, data),
					Ctx->CommonBufferVa, in->length);
		if (!NT_SUCCESS(status))
			goto fail;
	}
	EduClaimDma(Ctx, EduDmaCommonBuffer, Request, EduDirection(ToDevice),
		    in->offset, in->length);
	status = EduStartDma(Ctx, Ctx->CommonBufferLa, in->offset, in->length,
			     !ToDevice);
	if (!NT_SUCCESS(status))
		EduFinishDma(Ctx, status, 0);
	return;
fail:
	WdfRequestComplete(Request, status);
}

/* Start a DMA request of any kind (the engine is free). */
static void EduDmaStart(PDEVICE_CONTEXT Ctx, WDFREQUEST Request)
{
	WDF_REQUEST_PARAMETERS params;

	WDF_REQUEST_PARAMETERS_INIT(&params);
	WdfRequestGetParameters(Request, &params);
	if (params.Type != WdfRequestTypeDeviceControl) {
		EduReadWrite(Ctx, Request, &params);
		return;
	}
	switch (params.Parameters.DeviceIoControl.IoControlCode) {
	case EDU_IOCTL_CB_WRITE:
		EduCommonBufferIo(Ctx, Request, TRUE);
		break;
	case EDU_IOCTL_CB_READ:
		EduCommonBufferIo(Ctx, Request, FALSE);
		break;
	case EDU_IOCTL_DMA_TO_DEVICE:
		EduDirectDma(Ctx, Request, TRUE);
		break;
	case EDU_IOCTL_DMA_FROM_DEVICE:
		EduDirectDma(Ctx, Request, FALSE);
		break;
	default:
		WdfRequestComplete(Request, STATUS_INVALID_DEVICE_REQUEST);
		break;
	}
}

/* ---- factorial: requests in FactQueue, one held at a time ------------ */

static void EduEvtFactCancel(WDFREQUEST Request)
{
	PDEVICE_CONTEXT ctx = EduGetDeviceContext(
		WdfIoQueueGetDevice(WdfRequestGetIoQueue(Request)));

	/* device scope: the DPC is not running; this routine completes it */
	if (ctx->FactRequest == Request) {
		ctx->FactRequest = NULL;
		ctx->FactRunning = FALSE;
	}
	WdfRequestComplete(Request, STATUS_CANCELLED);
	EduFactStartNext(ctx);
}

/* Write the held request's operand to the unit. */
static NTSTATUS EduFactRun(PDEVICE_CONTEXT Ctx)
{
	struct edu_fact *in;
	NTSTATUS status;
	ULONG i;

	status = WdfRequestRetrieveInputBuffer(Ctx->FactRequest, sizeof(*in),
					       (PVOID *)&in, NULL);
	if (!NT_SUCCESS(status))
		return status;
	/* an earlier (cancelled) computation may still run: it is short */
	for (i = 0; i < 1000 &&
	     (EduRead32(Ctx, EDU_REG_STATUS) & EDU_STATUS_COMPUTING); i++)
		KeStallExecutionProcessor(10);
	if (EduRead32(Ctx, EDU_REG_STATUS) & EDU_STATUS_COMPUTING)
		return STATUS_DEVICE_BUSY;
	Ctx->FactRunning = TRUE;
	EduWrite32(Ctx, EDU_REG_STATUS, EDU_STATUS_IRQFACT);
	EduWrite32(Ctx, EDU_REG_FACT, in->n);
	return STATUS_SUCCESS;
}

/* The unit is free: take the next factorial and (unless paused) run it. */
static void EduFactStartNext(PDEVICE_CONTEXT Ctx)
{
	WDFREQUEST request;
	NTSTATUS status;

	for (;;) {
		if (!Ctx->FactRequest) {
			if (!NT_SUCCESS(WdfIoQueueRetrieveNextRequest(Ctx->FactQueue,
								      &request)))
				return;
			/* STATUS_CANCELLED: its caller's signal came first */
			status = WdfRequestMarkCancelableEx(request,
							    EduEvtFactCancel);
			if (!NT_SUCCESS(status)) {
				WdfRequestComplete(request, status);
				continue;
			}
			Ctx->FactRequest = request;
			Ctx->FactRunning = FALSE;
		}
		if (Ctx->FactRunning || Ctx->FactPaused)
			return;
		status = EduFactRun(Ctx);
		if (NT_SUCCESS(status))
			return;
		request = Ctx->FactRequest;
		Ctx->FactRequest = NULL;
		if (WdfRequestUnmarkCancelable(request) != STATUS_CANCELLED)
			WdfRequestComplete(request, status);
	}
}

/* DPC: the factorial unit raised its interrupt. */
void EduFactDone(PDEVICE_CONTEXT Ctx)
{
	WDFREQUEST request = Ctx->FactRequest;
	struct edu_fact *out;
	NTSTATUS status;

	if (!request || !Ctx->FactRunning)
		return;		/* cancelled meanwhile, or not started */
	/* a late interrupt of an earlier, cancelled computation */
	if (EduRead32(Ctx, EDU_REG_STATUS) & EDU_STATUS_COMPUTING)
		return;
	Ctx->FactRequest = NULL;
	Ctx->FactRunning = FALSE;
	if (WdfRequestUnmarkCancelable(request) == STATUS_CANCELLED)
		return;		/* the cancel routine completes it */
	status = WdfRequestRetrieveOutputBuffer(request, sizeof(*out),
						(PVOID *)&out, NULL);
	if (NT_SUCCESS(status))
		out->result = EduRead32(Ctx, EDU_REG_FACT);
	WdfRequestCompleteWithInformation(request, status,
					  NT_SUCCESS(status) ? sizeof(*out) : 0);
	EduFactStartNext(Ctx);
}

static void EduFactorial(PDEVICE_CONTEXT Ctx, WDFREQUEST Request)
{
	struct edu_fact *in;
	NTSTATUS status;

	/* both directions: the result goes back in the same struct */
	status = WdfRequestRetrieveInputBuffer(Request, sizeof(*in),
					       (PVOID *)&in, NULL);
	if (NT_SUCCESS(status))
		status = WdfRequestRetrieveOutputBuffer(Request, sizeof(*in),
							(PVOID *)&in, NULL);
	if (NT_SUCCESS(status))
		status = WdfRequestForwardToIoQueue(Request, Ctx->FactQueue);
	if (!NT_SUCCESS(status)) {
		WdfRequestComplete(Request, status);
		return;
	}
	EduFactStartNext(Ctx);
}

static void EduFactPause(PDEVICE_CONTEXT Ctx, WDFREQUEST Request)
{
	ULONG *pause;
	NTSTATUS status;

	status = WdfRequestRetrieveInputBuffer(Request, sizeof(*pause),
					       (PVOID *)&pause, NULL);
	if (NT_SUCCESS(status)) {
		Ctx->FactPaused = *pause != 0;
		EduFactStartNext(Ctx);
	}
	WdfRequestComplete(Request, status);
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
	case EDU_IOCTL_FACT_PAUSE:
		EduFactPause(ctx, Request);
		break;
	case EDU_IOCTL_CB_WRITE:
	case EDU_IOCTL_CB_READ:
	case EDU_IOCTL_DMA_TO_DEVICE:
	case EDU_IOCTL_DMA_FROM_DEVICE:
		EduDmaSubmit(ctx, Request);
		break;
	default:
		WdfRequestComplete(Request, STATUS_INVALID_DEVICE_REQUEST);
		break;
	}
}

/*
 * Removal (the only stop the shim reports): the factorial the driver
 * holds is completed (cancelled); DMA in flight ends by itself within
 * 100 ms (or the watchdog ends it), so it is only acknowledged.
 */
void EduEvtIoStop(WDFQUEUE Queue, WDFREQUEST Request, ULONG ActionFlags)
{
	PDEVICE_CONTEXT ctx = EduGetDeviceContext(WdfIoQueueGetDevice(Queue));

	EDU_PRINT("EvtIoStop: %s request, flags %#x\n",
		  Request == ctx->FactRequest ? "factorial" : "DMA", ActionFlags);
	if (Request == ctx->FactRequest &&
	    (ActionFlags & WdfRequestStopActionPurge)) {
		ctx->FactRequest = NULL;
		ctx->FactRunning = FALSE;
		if (WdfRequestUnmarkCancelable(Request) != STATUS_CANCELLED)
			WdfRequestComplete(Request, STATUS_CANCELLED);
		return;
	}
	WdfRequestStopAcknowledge(Request, FALSE);
}
