// SPDX-License-Identifier: GPL-2.0-only
/*
 * plx_read.c - reads: the board's SRAM to host memory on DMA channel 1,
 * with clear-count mode so that the DPC can tell how much of a chain was
 * actually transferred.
 */
#include <wdf.h>
#include "plx_private.h"

VOID PLxEvtIoRead(WDFQUEUE Queue, WDFREQUEST Request, size_t Length)
{
	PDEVICE_EXTENSION devExt =
		PLxGetDeviceContext(WdfIoQueueGetDevice(Queue));
	PPLX_CHANNEL ch = &devExt->Channel[PLX_CH_READ];
	LONGLONG offset;
	NTSTATUS status;

	status = PLxValidateTransfer(devExt, Request, Length, &offset);
	if (!NT_SUCCESS(status))
		goto fail;

	WdfDmaTransactionSetSingleTransferRequirement(ch->Transaction,
						      devExt->RequireSingleTransfer);
	/* On failure the transaction is left released by the framework. */
	status = WdfDmaTransactionInitializeUsingRequest(ch->Transaction,
							 Request,
							 PLxEvtProgramReadDma,
							 WdfDmaDirectionReadFromDevice);
	if (!NT_SUCCESS(status))
		goto fail;

	PLxStartTransfer(devExt, ch, Request, offset);
	return;
fail:
	WdfRequestComplete(Request, status);
}

/*
 * Fill the descriptors (local to PCI) and start channel 1 in clear-count
 * mode: the chip zeroes each descriptor's byte count when it finishes it.
 */
BOOLEAN PLxEvtProgramReadDma(WDFDMATRANSACTION Transaction, WDFDEVICE Device,
			     WDFCONTEXT Context, WDF_DMA_DIRECTION Direction,
			     PSCATTER_GATHER_LIST SgList)
{
	PDEVICE_EXTENSION devExt = PLxGetDeviceContext(Device);
	PPLX_CHANNEL ch = &devExt->Channel[PLX_CH_READ];

	UNREFERENCED_PARAMETER(Transaction);
	UNREFERENCED_PARAMETER(Context);
	UNREFERENCED_PARAMETER(Direction);

	ch->ProgramStatus = PLxBuildChain(devExt, ch, SgList,
					  PLX_DMADPR_XFERL2P);
	if (!NT_SUCCESS(ch->ProgramStatus))
		return FALSE;
	PLxStartChain(devExt, ch, PLX_DMAMODE_CLRCOUNT);
	return TRUE;
}

/*
 * Bytes of the chain the chip did not transfer: the counts it left in the
 * descriptors, from the first one up to the one marked end of chain.
 */
static size_t PLxReadResidual(PPLX_CHANNEL Channel)
{
	size_t residual = 0;
	ULONG i;

	for (i = 0; i < Channel->DescCount; i++) {
		PPLX_DMA_DESCRIPTOR d = &Channel->Desc[i];

		residual += PlxDescRead(&d->TransferSize) &
			    PLX_DMASIZ_COUNT_MASK;
		if (PlxDescRead(&d->NextDescriptor) & PLX_DMADPR_CHAINEND)
			break;
	}
	return residual;
}

/* DPC: channel 1 reported Done for its chain. */
VOID PLxReadDmaDone(PDEVICE_EXTENSION DevExt)
{
	PPLX_CHANNEL ch = &DevExt->Channel[PLX_CH_READ];
	size_t length, residual;
	NTSTATUS status;

	ch->Busy = FALSE;
	length = WdfDmaTransactionGetCurrentDmaTransferLength(ch->Transaction);
	residual = PLxReadResidual(ch);
	if (residual >= length) {
		/* Done, yet nothing moved: never loop on an empty chain. */
		DbgPrintEx(DPFLTR_IHVDRIVER_ID, DPFLTR_ERROR_LEVEL,
			   "plx9x5x: read chain of %zu bytes left %zu untransferred\n",
			   length, residual);
		WdfDmaTransactionDmaCompletedFinal(ch->Transaction, 0, &status);
		PLxFinishTransfer(DevExt, ch, STATUS_DEVICE_DATA_ERROR);
		return;
	}
	if (WdfDmaTransactionDmaCompletedWithLength(ch->Transaction,
						    length - residual,
						    &status))
		PLxFinishTransfer(DevExt, ch, status);
	else
		PLxCheckProgrammed(DevExt, ch);
}
