// SPDX-License-Identifier: GPL-2.0-only
/*
 * plx_read.c - reads: the board's SRAM to host memory on DMA channel 1,
 * with clear-count mode so that the DPC can tell how much of a chain was
 * actually transferred. What a read shares with a write is in plx_dma.c
 * (PLxEvtIoReadWrite, PLxEvtProgramDma, PLxDmaDone); this file states
 * only what makes it a read.
 */
#include <wdf.h>
#include "plx_private.h"

/* The request carries its buffer: the framework finds the MDL. */
static NTSTATUS PLxInitializeRead(WDFDMATRANSACTION Transaction,
				  WDFREQUEST Request)
{
	return WdfDmaTransactionInitializeUsingRequest(Transaction, Request,
						       PLxEvtProgramDma,
						       WdfDmaDirectionReadFromDevice);
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

		residual += PLxDescRead(&d->TransferSize) &
			    PLX_DMASIZ_COUNT_MASK;
		if (PLxDescRead(&d->NextDescriptor) & PLX_DMADPR_CHAINEND)
			break;
	}
	return residual;
}

/*
 * Channel 1, local to PCI, in clear-count mode: the chip zeroes each
 * descriptor's byte count when it finishes it.
 */
const PLX_DIRECTION PLxReadDirection = {
	.Channel = PLX_CH_READ,
	.Initialize = PLxInitializeRead,
	.DescFlags = PLX_DMADPR_XFERL2P,
	.ModeBits = PLX_DMAMODE_CLRCOUNT,
	.Residual = PLxReadResidual,
};
