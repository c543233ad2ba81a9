// SPDX-License-Identifier: GPL-2.0-only
/*
 * plx_write.c - writes: host memory to the board's SRAM on DMA channel 0.
 */
#include <wdf.h>
#include "plx_private.h"

VOID PLxEvtIoWrite(WDFQUEUE Queue, WDFREQUEST Request, size_t Length)
{
	PDEVICE_EXTENSION devExt =
		PLxGetDeviceContext(WdfIoQueueGetDevice(Queue));
	PPLX_CHANNEL ch = &devExt->Channel[PLX_CH_WRITE];
	LONGLONG offset;
	NTSTATUS status;
	PMDL mdl;

	status = PLxValidateTransfer(devExt, Request, Length, &offset);
	if (!NT_SUCCESS(status))
		goto fail;

	WdfDmaTransactionSetSingleTransferRequirement(ch->Transaction,
						      devExt->RequireSingleTransfer);
	status = WdfRequestRetrieveInputWdmMdl(Request, &mdl);
	if (!NT_SUCCESS(status))
		goto fail;

	/* On failure the transaction is left released by the framework. */
	status = WdfDmaTransactionInitialize(ch->Transaction,
					     PLxEvtProgramWriteDma,
					     WdfDmaDirectionWriteToDevice, mdl,
					     MmGetMdlVirtualAddress(mdl),
					     MmGetMdlByteCount(mdl));
	if (!NT_SUCCESS(status))
		goto fail;

	PLxStartTransfer(devExt, ch, Request, offset);
	return;
fail:
	WdfRequestComplete(Request, status);
}

/*
 * Called from WdfDmaTransactionExecute (first chain) or from
 * WdfDmaTransactionDmaCompleted in the DPC (later chains): fill the
 * descriptors (PCI to local) and start channel 0.
 */
BOOLEAN PLxEvtProgramWriteDma(WDFDMATRANSACTION Transaction, WDFDEVICE Device,
			      WDFCONTEXT Context, WDF_DMA_DIRECTION Direction,
			      PSCATTER_GATHER_LIST SgList)
{
	PDEVICE_EXTENSION devExt = PLxGetDeviceContext(Device);
	PPLX_CHANNEL ch = &devExt->Channel[PLX_CH_WRITE];

	UNREFERENCED_PARAMETER(Transaction);
	UNREFERENCED_PARAMETER(Context);
	UNREFERENCED_PARAMETER(Direction);

	ch->ProgramStatus = PLxBuildChain(devExt, ch, SgList, 0);
	if (!NT_SUCCESS(ch->ProgramStatus))
		return FALSE;
	PLxStartChain(devExt, ch, 0);
	return TRUE;
}

/* DPC: channel 0 reported Done for its chain. */
VOID PLxWriteDmaDone(PDEVICE_EXTENSION DevExt)
{
	PPLX_CHANNEL ch = &DevExt->Channel[PLX_CH_WRITE];
	NTSTATUS status;

	ch->Busy = FALSE;
	if (WdfDmaTransactionDmaCompleted(ch->Transaction, &status))
		PLxFinishTransfer(DevExt, ch, status);
	else
		PLxCheckProgrammed(DevExt, ch);
}
