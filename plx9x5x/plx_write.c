// SPDX-License-Identifier: GPL-2.0-only
/*
 * plx_write.c - writes: host memory to the board's SRAM on DMA channel 0.
 * What a write shares with a read is in plx_dma.c (PLxEvtIoReadWrite,
 * PLxEvtProgramDma, PLxDmaDone); this file states only what makes it a
 * write.
 */
#include <wdf.h>
#include "plx_private.h"

/* As the sample's write path: the transaction from the request's MDL. */
static NTSTATUS PLxInitializeWrite(WDFDMATRANSACTION Transaction,
				   WDFREQUEST Request)
{
	NTSTATUS status;
	PMDL mdl;

	status = WdfRequestRetrieveInputWdmMdl(Request, &mdl);
	if (!NT_SUCCESS(status))
		return status;
	return WdfDmaTransactionInitialize(Transaction, PLxEvtProgramDma,
					   WdfDmaDirectionWriteToDevice, mdl,
					   MmGetMdlVirtualAddress(mdl),
					   MmGetMdlByteCount(mdl));
}

/*
 * Channel 0, PCI to local; no clear-count mode, so the chip reports no
 * residual: a chain with Done moved all its bytes.
 */
const PLX_DIRECTION PLxWriteDirection = {
	.Channel = PLX_CH_WRITE,
	.Initialize = PLxInitializeWrite,
	.DescFlags = 0,
	.ModeBits = 0,
	.Residual = NULL,
};
