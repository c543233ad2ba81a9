// SPDX-License-Identifier: GPL-2.0-only
/*
 * plx_dma.c - what the write channel (0) and the read channel (1) share:
 * request validation, building and starting a descriptor chain, ending a
 * transfer, and what the sample lacked - the DMA watchdog (timeout), the
 * channel abort, and cancellation when the caller gets a signal.
 *
 * Every function here runs under the device lock (EvtIo*, DPC, timer and
 * cancel callbacks are serialised by the device synchronisation scope);
 * register read-modify-writes and the ISR's saved state also take the
 * interrupt lock.
 */
#include <wdf.h>
#include "plx_private.h"

/*
 * The file offset is the SRAM address of the request's first byte; the
 * whole request must fit in the 128 KiB SRAM.
 */
NTSTATUS PLxValidateTransfer(PDEVICE_EXTENSION DevExt, WDFREQUEST Request,
			     size_t Length, LONGLONG *DeviceOffset)
{
	WDF_REQUEST_PARAMETERS params;
	LONGLONG offset;

	if (DevExt->DeviceGone || !DevExt->Regs)
		return STATUS_NO_SUCH_DEVICE;
	/* Between D0ExitPreInterruptsDisabled and the next D0 entry. */
	if (!DevExt->InD0)
		return STATUS_DEVICE_NOT_READY;
	if (Length > PLX_MAX_REQUEST_LENGTH)
		return STATUS_INVALID_BUFFER_SIZE;

	WDF_REQUEST_PARAMETERS_INIT(&params);
	WdfRequestGetParameters(Request, &params);
	if (params.Type == WdfRequestTypeRead)
		offset = params.Parameters.Read.DeviceOffset;
	else
		offset = params.Parameters.Write.DeviceOffset;
	if (offset < 0 || offset > PLX_SRAM_SIZE ||
	    Length > (size_t)(PLX_SRAM_SIZE - offset))
		return STATUS_INVALID_PARAMETER;
	*DeviceOffset = offset;
	return STATUS_SUCCESS;
}

static VOID PLxStopWatchdog(PPLX_CHANNEL Channel)
{
	WdfTimerStop(Channel->Timer, FALSE);
}

/*
 * End the channel's transaction (already in a final state) and complete
 * its request with @Status and the bytes moved so far - unless the cancel
 * routine has been called meanwhile: then it completes the request with
 * what is recorded here. @InCancel: called from the cancel routine.
 */
static VOID PLxEndTransfer(PDEVICE_EXTENSION DevExt, PPLX_CHANNEL Channel,
			   NTSTATUS Status, BOOLEAN InCancel)
{
	WDFREQUEST request = Channel->Request;
	size_t bytes;

	bytes = WdfDmaTransactionGetBytesTransferred(Channel->Transaction);
	WdfDmaTransactionRelease(Channel->Transaction);
	Channel->Busy = FALSE;

	if (NT_SUCCESS(Status)) {
		if (Channel->Number == PLX_CH_WRITE)
			DevExt->Counters.BytesWritten += bytes;
		else
			DevExt->Counters.BytesRead += bytes;
	} else if (Status != STATUS_CANCELLED) {
		DevExt->Counters.Errors++;
	}
	if (!request)
		return;
	if (!InCancel &&
	    WdfRequestUnmarkCancelable(request) == STATUS_CANCELLED) {
		Channel->Finished = TRUE;
		Channel->FinalStatus = Status;
		Channel->FinalInformation = bytes;
		return;
	}
	Channel->Request = NULL;
	WdfRequestCompleteWithInformation(request, Status, bytes);
}

VOID PLxFinishTransfer(PDEVICE_EXTENSION DevExt, PPLX_CHANNEL Channel,
		       NTSTATUS Status)
{
	PLxStopWatchdog(Channel);
	PLxEndTransfer(DevExt, Channel, Status, FALSE);
}

/*
 * Called by PLxEvtIoReadWrite once the transaction is initialized: make
 * the request cancelable and run the first chain (EvtProgramDma is called
 * from inside WdfDmaTransactionExecute).
 */
static VOID PLxStartTransfer(PDEVICE_EXTENSION DevExt,
			     PPLX_CHANNEL Channel, WDFREQUEST Request,
			     LONGLONG DeviceOffset)
{
	NTSTATUS status;

	Channel->Request = Request;
	Channel->DeviceOffset = DeviceOffset;
	Channel->ProgramStatus = STATUS_SUCCESS;
	Channel->Finished = FALSE;

	status = WdfRequestMarkCancelableEx(Request, PLxEvtRequestCancel);
	if (!NT_SUCCESS(status)) {
		/* A signal came first: nothing was started. */
		WdfDmaTransactionRelease(Channel->Transaction);
		Channel->Request = NULL;
		DevExt->Counters.Cancels++;
		WdfRequestComplete(Request, STATUS_CANCELLED);
		return;
	}
	DevExt->Counters.Requests++;

	/* The channel is the Context of every EvtProgramDma call. */
	status = WdfDmaTransactionExecute(Channel->Transaction, Channel);
	if (!NT_SUCCESS(status)) {
		PLX_ERROR("channel %u: WdfDmaTransactionExecute failed: %#x\n",
			  Channel->Number, status);
		PLxFinishTransfer(DevExt, Channel, status);
		return;
	}
	PLxCheckProgrammed(DevExt, Channel);
}

/*
 * After WdfDmaTransactionExecute or a DmaCompleted* call that staged the
 * next chain: if EvtProgramDma refused the chain, nothing runs on the
 * hardware, so end the transfer with its status now.
 */
VOID PLxCheckProgrammed(PDEVICE_EXTENSION DevExt, PPLX_CHANNEL Channel)
{
	NTSTATUS status;

	if (NT_SUCCESS(Channel->ProgramStatus))
		return;
	PLX_ERROR("channel %u: cannot program the chain: %#x\n",
		  Channel->Number, Channel->ProgramStatus);
	WdfDmaTransactionDmaCompletedFinal(Channel->Transaction, 0, &status);
	PLxFinishTransfer(DevExt, Channel, Channel->ProgramStatus);
}

/*
 * Fill the channel's descriptors from @SgList: element i goes to SRAM at
 * the request's offset plus the bytes before it. @Flags: direction bit of
 * the next-pointer words (0 = PCI to local, PLX_DMADPR_XFERL2P = local to
 * PCI). Everything must be below 4 GiB (32-bit profile) and fit the SRAM.
 */
NTSTATUS PLxBuildChain(PDEVICE_EXTENSION DevExt, PPLX_CHANNEL Channel,
		       PSCATTER_GATHER_LIST SgList, ULONG Flags)
{
	ULONGLONG local, address, end;
	ULONG i, n, next, length;
	PPLX_DMA_DESCRIPTOR d;

	if (DevExt->DeviceGone || !DevExt->Regs)
		return STATUS_NO_SUCH_DEVICE;
	n = SgList ? SgList->NumberOfElements : 0;
	if (n == 0 || n > Channel->DescCount)
		return STATUS_INVALID_DEVICE_STATE;

	local = (ULONGLONG)Channel->DeviceOffset +
		WdfDmaTransactionGetBytesTransferred(Channel->Transaction);
	for (i = 0; i < n; i++) {
		address = (ULONGLONG)SgList->Elements[i].Address.QuadPart;
		length = SgList->Elements[i].Length;
		end = address + length;
		if (length == 0 || length > PLX_DMASIZ_COUNT_MASK ||
		    end > 0x100000000ULL || local + length > PLX_SRAM_SIZE)
			return STATUS_INVALID_DEVICE_STATE;

		d = &Channel->Desc[i];
		next = Channel->DescLa + (i + 1) * PLX_DESC_SIZE;
		PLxDescWrite(&d->PciAddressLow, (ULONG)address);
		PLxDescWrite(&d->LocalAddress, (ULONG)local);
		PLxDescWrite(&d->TransferSize, length);
		PLxDescWrite(&d->PciAddressHigh, 0);
		if (i == n - 1)
			PLxDescWrite(&d->NextDescriptor, PLX_DMADPR_DESCPCI |
				     PLX_DMADPR_CHAINEND | Flags);
		else
			PLxDescWrite(&d->NextDescriptor,
				     (next & PLX_DMADPR_NEXT_MASK) |
				     PLX_DMADPR_DESCPCI | Flags);
		local += length;
	}
	return STATUS_SUCCESS;
}

/*
 * Start the chain built in the channel's common buffer and arm the
 * watchdog. @ModeBits: extra DMAMODE bits (PLX_DMAMODE_CLRCOUNT for reads).
 */
static VOID PLxStartChain(PDEVICE_EXTENSION DevExt, PPLX_CHANNEL Channel,
			  ULONG ModeBits)
{
	ULONG n = Channel->Number, mode;

	Channel->IdleTicks = 0;
	Channel->Busy = TRUE;

	WdfInterruptAcquireLock(DevExt->Interrupt);
	mode = PLxReadReg(DevExt, PLX_REG_DMAMODE(n));
	mode |= PLX_DMAMODE_CHAINEN | PLX_DMAMODE_DONEIEN |
		PLX_DMAMODE_INTRPCI | ModeBits;
	mode &= ~PLX_DMAMODE_DACCHAIN;
	PLxWriteReg(DevExt, PLX_REG_DMAMODE(n), mode);

	PLxUpdateIntCsr(DevExt, 0, PLX_INTCSR_PIEN | PLX_INTCSR_DMAIEN(n));

	PLxWriteReg(DevExt, PLX_REG_DMADPR(n), (Channel->DescLa &
		    PLX_DMADPR_NEXT_MASK) | PLX_DMADPR_DESCPCI |
		    PLX_DMADPR_TCINTR);
	PLxWriteCsr(DevExt, n, PLX_DMACSR_ENABLE | PLX_DMACSR_START);
	WdfInterruptReleaseLock(DevExt->Interrupt);

	WdfTimerStart(Channel->Timer, WDF_REL_TIMEOUT_IN_MS(PLX_DMA_TICK_MS));
}

/*
 * EvtIoRead and EvtIoWrite, one callback for both (sequential queues,
 * device lock held): the queue's context names its direction. Check the
 * request against the SRAM, initialise the direction's transaction and
 * start the transfer on its channel.
 */
VOID PLxEvtIoReadWrite(WDFQUEUE Queue, WDFREQUEST Request, size_t Length)
{
	const PLX_DIRECTION *dir = PLxGetQueueContext(Queue)->Direction;
	PDEVICE_EXTENSION devExt =
		PLxGetDeviceContext(WdfIoQueueGetDevice(Queue));
	PPLX_CHANNEL ch = &devExt->Channel[dir->Channel];
	LONGLONG offset;
	NTSTATUS status;

	status = PLxValidateTransfer(devExt, Request, Length, &offset);
	if (!NT_SUCCESS(status))
		goto fail;

	WdfDmaTransactionSetSingleTransferRequirement(ch->Transaction,
						      devExt->RequireSingleTransfer);
	/* On failure the transaction is left released by the framework. */
	status = dir->Initialize(ch->Transaction, Request);
	if (!NT_SUCCESS(status))
		goto fail;

	PLxStartTransfer(devExt, ch, Request, offset);
	return;
fail:
	WdfRequestComplete(Request, status);
}

/*
 * EvtProgramDma of both directions: called from WdfDmaTransactionExecute
 * (first chain) or from WdfDmaTransactionDmaCompleted* in the DPC (later
 * chains), with the channel PLxStartTransfer passed to Execute as the
 * Context. Fill the channel's descriptors and start it.
 */
BOOLEAN PLxEvtProgramDma(WDFDMATRANSACTION Transaction, WDFDEVICE Device,
			 WDFCONTEXT Context, WDF_DMA_DIRECTION Direction,
			 PSCATTER_GATHER_LIST SgList)
{
	PDEVICE_EXTENSION devExt = PLxGetDeviceContext(Device);
	PPLX_CHANNEL ch = Context;

	UNREFERENCED_PARAMETER(Transaction);
	UNREFERENCED_PARAMETER(Direction);

	ch->ProgramStatus = PLxBuildChain(devExt, ch, SgList,
					  ch->Direction->DescFlags);
	if (!NT_SUCCESS(ch->ProgramStatus))
		return FALSE;
	PLxStartChain(devExt, ch, ch->Direction->ModeBits);
	return TRUE;
}

/*
 * DPC: the channel reported Done for its chain. Where the chip reports
 * what it did not move (reads), the transaction is told the bytes that
 * did move; a chain that reports Done with nothing moved ends the request
 * with STATUS_DEVICE_DATA_ERROR instead of looping.
 */
VOID PLxDmaDone(PDEVICE_EXTENSION DevExt, PPLX_CHANNEL Channel)
{
	const PLX_DIRECTION *dir = Channel->Direction;
	size_t length, residual;
	BOOLEAN completed;
	NTSTATUS status;

	Channel->Busy = FALSE;
	if (!dir->Residual) {
		completed = WdfDmaTransactionDmaCompleted(Channel->Transaction,
							  &status);
	} else {
		length = WdfDmaTransactionGetCurrentDmaTransferLength(
				Channel->Transaction);
		residual = dir->Residual(Channel);
		if (residual >= length) {
			PLX_ERROR("channel %u: chain of %zu bytes left %zu untransferred\n",
				  Channel->Number, length, residual);
			WdfDmaTransactionDmaCompletedFinal(Channel->Transaction,
							   0, &status);
			PLxFinishTransfer(DevExt, Channel,
					  STATUS_DEVICE_DATA_ERROR);
			return;
		}
		completed = WdfDmaTransactionDmaCompletedWithLength(
				Channel->Transaction, length - residual,
				&status);
	}
	if (completed)
		PLxFinishTransfer(DevExt, Channel, status);
	else
		PLxCheckProgrammed(DevExt, Channel);
}

/*
 * Stop a running channel: DMACSR Abort (with Enable clear), then wait a
 * bounded time for Done, acknowledge, forget what the ISR saved.
 * Return: TRUE if the channel reported Done.
 */
static BOOLEAN PLxAbortChannel(PDEVICE_EXTENSION DevExt, PPLX_CHANNEL Channel)
{
	ULONG n = Channel->Number, i;
	BOOLEAN done = FALSE;

	WdfInterruptAcquireLock(DevExt->Interrupt);
	/*
	 * No completion interrupt for an aborted chain (EvtProgramDma sets
	 * DoneIntEnable again for the next one).
	 */
	PLxWriteReg(DevExt, PLX_REG_DMAMODE(n),
		    PLxReadReg(DevExt, PLX_REG_DMAMODE(n)) &
		    ~PLX_DMAMODE_DONEIEN);
	if (!(PLxReadCsr(DevExt, n) & PLX_DMACSR_DONE))
		PLxWriteCsr(DevExt, n, PLX_DMACSR_ABORT);
	WdfInterruptReleaseLock(DevExt->Interrupt);

	for (i = 0; i < PLX_ABORT_POLLS; i++) {
		if (PLxReadCsr(DevExt, n) & PLX_DMACSR_DONE) {
			done = TRUE;
			break;
		}
		KeStallExecutionProcessor(PLX_ABORT_POLL_US);
	}

	/*
	 * Acknowledge: once the channel's INTCSR active bit is clear, a late
	 * ISR cannot save a Done that the next chain would mistake for its
	 * own. A DPC the abort's interrupt queued may still run, finding
	 * nothing.
	 */
	WdfInterruptAcquireLock(DevExt->Interrupt);
	PLxWriteCsr(DevExt, n, PLX_DMACSR_CLEARINTR);
	Channel->IsrActive = FALSE;
	Channel->IsrCsr = 0;
	Channel->IsrAbort = FALSE;
	WdfInterruptReleaseLock(DevExt->Interrupt);
	return done;
}

/*
 * DPC: PCI Status reported an abort and INTCSR named this channel as the
 * master that saw it (a bad bus address, an IOMMU fault, bus mastering
 * off). The data of this chain did not (all) move: end the request with
 * @Status instead of reporting success as the sample would. The chip may
 * or may not have set Done for the channel (uncertain): the channel is
 * stopped with DMACSR Abort if it has not, as after a timeout.
 */
VOID PLxFailTransfer(PDEVICE_EXTENSION DevExt, PPLX_CHANNEL Channel,
		     NTSTATUS Status)
{
	PLX_ERROR("channel %u: PCI abort, transfer failed\n",
		  Channel->Number);
	PLxAbortTransfer(DevExt, Channel, Status);
}

/*
 * Another channel's transfer that a soft reset has just stopped: end it
 * now with an error of its own instead of letting it time out.
 */
static VOID PLxEndStoppedTransfer(PDEVICE_EXTENSION DevExt,
				  PPLX_CHANNEL Channel)
{
	NTSTATUS status;

	if (!Channel->Busy)
		return;
	PLX_ERROR("channel %u: transfer stopped by the soft reset\n",
		  Channel->Number);
	Channel->Busy = FALSE;
	WdfDmaTransactionDmaCompletedFinal(Channel->Transaction, 0, &status);
	PLxStopWatchdog(Channel);
	PLxEndTransfer(DevExt, Channel, STATUS_IO_DEVICE_ERROR, FALSE);
}

/* TRUE if neither DMA engine is running (Enable clear or Done set). */
static BOOLEAN PLxChannelsIdle(PDEVICE_EXTENSION DevExt)
{
	ULONG i;
	UCHAR csr;

	for (i = 0; i < PLX_DMA_CHANNELS; i++) {
		csr = PLxReadCsr(DevExt, i);
		if ((csr & PLX_DMACSR_ENABLE) && !(csr & PLX_DMACSR_DONE))
			return FALSE;
	}
	return TRUE;
}

/*
 * The channel did not stop on Abort and may still own the buffer that is
 * about to be unmapped: bus mastering off first (no DMA reaches memory
 * from here on), then the soft reset of the whole DMA engine. The other
 * channel's transfer dies with the reset: its caller gets
 * STATUS_IO_DEVICE_ERROR (EIO) at once. Bus mastering comes back only if
 * both engines are idle after the reset; a chip that ignores the reset
 * too keeps it off (its later transfers fail, none writes to memory).
 */
static VOID PLxResetAfterFailedAbort(PDEVICE_EXTENSION DevExt,
				     PPLX_CHANNEL Channel)
{
	BOOLEAN master;

	PLX_ERROR("channel %u: abort did not complete, resetting the chip\n",
		  Channel->Number);
	DevExt->Counters.Errors++;
	master = PLxSetBusMaster(DevExt, FALSE);
	PLxHardwareReset(DevExt);
	PLxRestoreAfterReset(DevExt);
	PLxEndStoppedTransfer(DevExt,
			      &DevExt->Channel[Channel->Number ^ 1]);
	if (master && PLxChannelsIdle(DevExt))
		(void)PLxSetBusMaster(DevExt, TRUE);
	else if (master)
		PLX_ERROR("DMA still running after the soft reset: bus mastering stays off\n");
}

/* Abort the running chain and complete the request with @Status. */
VOID PLxAbortTransfer(PDEVICE_EXTENSION DevExt, PPLX_CHANNEL Channel,
		      NTSTATUS Status)
{
	NTSTATUS status;

	if (Channel->Busy && DevExt->Regs && !DevExt->DeviceGone &&
	    !PLxAbortChannel(DevExt, Channel) && !PLxCheckGone(DevExt))
		PLxResetAfterFailedAbort(DevExt, Channel);
	Channel->Busy = FALSE;
	WdfDmaTransactionDmaCompletedFinal(Channel->Transaction, 0, &status);
	PLxStopWatchdog(Channel);
	PLxEndTransfer(DevExt, Channel, Status, Status == STATUS_CANCELLED);
}

/* Abort every running transfer (device lock held), ending it with @Status. */
VOID PLxEndAllTransfers(PDEVICE_EXTENSION DevExt, NTSTATUS Status)
{
	ULONG i;

	for (i = 0; i < PLX_DMA_CHANNELS; i++)
		if (DevExt->Channel[i].Busy)
			PLxAbortTransfer(DevExt, &DevExt->Channel[i], Status);
}

/*
 * The caller of a read or write got a signal (shim, device lock held).
 * The request is either running on its channel, or already finished and
 * waiting here for completion.
 */
VOID PLxEvtRequestCancel(WDFREQUEST Request)
{
	PDEVICE_EXTENSION devExt = PLxGetDeviceContext(
		WdfIoQueueGetDevice(WdfRequestGetIoQueue(Request)));
	PPLX_CHANNEL ch = NULL;
	ULONG i;

	for (i = 0; i < PLX_DMA_CHANNELS; i++)
		if (devExt->Channel[i].Request == Request)
			ch = &devExt->Channel[i];
	if (!ch) {
		WdfRequestComplete(Request, STATUS_CANCELLED);
		return;
	}
	if (ch->Finished) {
		ch->Finished = FALSE;
		ch->Request = NULL;
		WdfRequestCompleteWithInformation(Request, ch->FinalStatus,
						  ch->FinalInformation);
		return;
	}
	devExt->Counters.Cancels++;
	PLxAbortTransfer(devExt, ch, STATUS_CANCELLED);
}

/*
 * EvtIoStop (device lock held). Purge: the device is being removed
 * (unbind, hot-unplug, rmmod), so a transfer still running ends now with
 * STATUS_IO_DEVICE_ERROR (EIO), as before a reset, instead of by the
 * watchdog. A request whose cancel routine is due (Finished) is left to
 * it. Any other stop (suspend) lets the transfer finish.
 */
VOID PLxEvtIoStop(WDFQUEUE Queue, WDFREQUEST Request, ULONG ActionFlags)
{
	PDEVICE_EXTENSION devExt = PLxGetDeviceContext(
		WdfIoQueueGetDevice(Queue));
	ULONG i;

	if (!(ActionFlags & WdfRequestStopActionPurge))
		return;
	for (i = 0; i < PLX_DMA_CHANNELS; i++) {
		PPLX_CHANNEL ch = &devExt->Channel[i];

		if (ch->Request == Request && ch->Busy && !ch->Finished) {
			PLX_ERROR("channel %u: device removed, transfer ended\n",
				  ch->Number);
			PLxAbortTransfer(devExt, ch, STATUS_IO_DEVICE_ERROR);
		}
	}
}

/*
 * DMA watchdog tick (device lock held). A chain gets PLX_DMA_TIMEOUT_TICKS
 * ticks; every newly programmed chain starts from zero.
 */
static VOID PLxWatchdog(PDEVICE_EXTENSION DevExt, PPLX_CHANNEL Channel)
{
	BOOLEAN dpcPending;
	NTSTATUS status;

	if (!Channel->Busy)
		return;
	if (PLxCheckGone(DevExt)) {
		PLX_ERROR("channel %u: the board does not answer\n",
			  Channel->Number);
		Channel->Busy = FALSE;
		WdfDmaTransactionDmaCompletedFinal(Channel->Transaction, 0,
						   &status);
		PLxEndTransfer(DevExt, Channel, STATUS_NO_SUCH_DEVICE, FALSE);
		return;
	}

	WdfInterruptAcquireLock(DevExt->Interrupt);
	dpcPending = (Channel->IsrActive &&
		      (Channel->IsrCsr & PLX_DMACSR_DONE)) ||
		     Channel->IsrAbort || DevExt->AbortPending;
	WdfInterruptReleaseLock(DevExt->Interrupt);

	if (dpcPending || ++Channel->IdleTicks < PLX_DMA_TIMEOUT_TICKS) {
		WdfTimerStart(Channel->Timer,
			      WDF_REL_TIMEOUT_IN_MS(PLX_DMA_TICK_MS));
		return;
	}
	PLX_ERROR("channel %u: DMA timed out, aborting\n", Channel->Number);
	DevExt->Counters.Timeouts++;
	Channel->IdleTicks = 0;
	PLxAbortTransfer(DevExt, Channel, STATUS_IO_TIMEOUT);
}

/* EvtTimerFunc of both channels' watchdogs: tick the timer's channel. */
VOID PLxEvtDmaTimer(WDFTIMER Timer)
{
	PDEVICE_EXTENSION devExt =
		PLxGetDeviceContext(WdfTimerGetParentObject(Timer));
	ULONG i;

	for (i = 0; i < PLX_DMA_CHANNELS; i++)
		if (devExt->Channel[i].Timer == Timer)
			PLxWatchdog(devExt, &devExt->Channel[i]);
}
