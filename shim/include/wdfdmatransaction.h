/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * wdfdmatransaction.h - WDFDMATRANSACTION: one buffer mapped with
 * dma_map_sg and handed to the driver in fragments.
 *
 * States: Created -> Initialized -> Transfer -> TransferCompleted or
 * TransferFailed -> Released (-> Initialized ...). Where KMDF bugchecks
 * (wrong state, NULL required pointer) the shim WARN_ONCEs and returns
 * the status documented below.
 */
#ifndef _WDFSHIM_WDFDMATRANSACTION_H
#define _WDFSHIM_WDFDMATRANSACTION_H

#include <wdfobject.h>
#include <wdfdmaenabler.h>

typedef BOOLEAN EVT_WDF_PROGRAM_DMA(WDFDMATRANSACTION Transaction,
				    WDFDEVICE Device, WDFCONTEXT Context,
				    WDF_DMA_DIRECTION Direction,
				    PSCATTER_GATHER_LIST SgList);
typedef EVT_WDF_PROGRAM_DMA *PFN_WDF_PROGRAM_DMA;

/**
 * WdfDmaTransactionCreate() - create a transaction (parent: the enabler).
 * @DmaEnabler: the enabler the transaction maps through
 * @Attributes: WDF_NO_OBJECT_ATTRIBUTES or the attributes (no
 *	ParentObject: the parent is @DmaEnabler)
 * @DmaTransaction: out: the new transaction
 *
 * Return: STATUS_SUCCESS; STATUS_WDF_PARENT_ASSIGNMENT_NOT_ALLOWED
 * (ParentObject set); STATUS_INFO_LENGTH_MISMATCH;
 * STATUS_INSUFFICIENT_RESOURCES. *DmaTransaction is NULL after a failure.
 */
NTSTATUS WdfDmaTransactionCreate(WDFDMAENABLER DmaEnabler,
				 PWDF_OBJECT_ATTRIBUTES Attributes,
				 WDFDMATRANSACTION *DmaTransaction);

/**
 * WdfDmaTransactionInitialize() - describe the buffer and map it.
 * @DmaTransaction: in state Created or Released
 * @EvtProgramDmaFunction: required
 * @DmaDirection: ReadFromDevice or WriteToDevice
 * @Mdl: required; the buffer's pages
 * @VirtualAddress: inside [MmGetMdlVirtualAddress, + ByteCount)
 * @Length: > 0, VirtualAddress + Length within the MDL (truncated to ULONG)
 *
 * Return: STATUS_SUCCESS; STATUS_INVALID_PARAMETER (Length 0, bad
 * direction/VA/length, NULL callback or MDL (WARN_ONCE));
 * STATUS_INVALID_DEVICE_STATE (not Created/Released, WARN_ONCE - KMDF
 * bugchecks); STATUS_WDF_TOO_MANY_TRANSFERS (single transfer, Length >
 * maximum length); STATUS_WDF_TOO_FRAGMENTED (a fragment needs more SG
 * elements than allowed); STATUS_INSUFFICIENT_RESOURCES (mapping or
 * allocation failure). On failure the transaction is Released.
 */
NTSTATUS WdfDmaTransactionInitialize(WDFDMATRANSACTION DmaTransaction,
				     PFN_WDF_PROGRAM_DMA EvtProgramDmaFunction,
				     WDF_DMA_DIRECTION DmaDirection, PMDL Mdl,
				     PVOID VirtualAddress, size_t Length);

/**
 * WdfDmaTransactionInitializeUsingRequest() - Initialize with the MDL of
 * a read (ReadFromDevice) or write (WriteToDevice) request, or of the
 * output buffer of a METHOD_OUT_DIRECT (ReadFromDevice) or
 * METHOD_IN_DIRECT (WriteToDevice) ioctl, and associate the request.
 * @DmaTransaction: a created or released transaction
 * @Request: a read, write or direct ioctl request
 * @EvtProgramDmaFunction: called for each fragment
 * @DmaDirection: WdfDmaDirectionReadFromDevice or WdfDmaDirectionWriteToDevice
 *
 * Return: as Initialize, plus STATUS_INVALID_DEVICE_REQUEST (direction
 * does not match the request, request length 0) and STATUS_NOT_SUPPORTED
 * with a WARN_ONCE for a METHOD_BUFFERED ioctl (KMDF takes one; the shim
 * builds no MDL for it).
 */
NTSTATUS WdfDmaTransactionInitializeUsingRequest(WDFDMATRANSACTION DmaTransaction,
						 WDFREQUEST Request,
						 PFN_WDF_PROGRAM_DMA EvtProgramDmaFunction,
						 WDF_DMA_DIRECTION DmaDirection);

/**
 * WdfDmaTransactionExecute() - stage the first fragment and call
 * EvtProgramDma synchronously before returning.
 * @DmaTransaction: an Initialized transaction
 * @Context: passed to EvtProgramDma
 *
 * Return: STATUS_SUCCESS; STATUS_INVALID_DEVICE_REQUEST (not Initialized,
 * WARN_ONCE). The driver must Release after a failure.
 */
NTSTATUS WdfDmaTransactionExecute(WDFDMATRANSACTION DmaTransaction,
				  WDFCONTEXT Context);

/**
 * WdfDmaTransactionDmaCompleted() - the whole current fragment was
 * transferred.
 * @DmaTransaction: in state Transfer
 * @Status: out, required
 *
 * Return: FALSE with *Status = STATUS_MORE_PROCESSING_REQUIRED when the next
 * fragment was staged (EvtProgramDma was already called from inside this
 * call); TRUE with STATUS_SUCCESS when all was transferred; TRUE with an
 * error otherwise (STATUS_WDF_TOO_MANY_TRANSFERS: single transfer with
 * bytes left; STATUS_INVALID_DEVICE_STATE: not in Transfer, WARN_ONCE).
 */
BOOLEAN WdfDmaTransactionDmaCompleted(WDFDMATRANSACTION DmaTransaction,
				      NTSTATUS *Status);
/**
 * WdfDmaTransactionDmaCompletedWithLength() - @TransferredLength bytes of
 * the current fragment were transferred; the next fragment starts right
 * after them. TRUE + STATUS_INVALID_PARAMETER if it exceeds the fragment.
 * @DmaTransaction: the transaction
 * @TransferredLength: bytes the device moved in this fragment
 * @Status: out: the transaction's status once it is finished
 */
BOOLEAN WdfDmaTransactionDmaCompletedWithLength(WDFDMATRANSACTION DmaTransaction,
						size_t TransferredLength,
						NTSTATUS *Status);
/**
 * WdfDmaTransactionDmaCompletedFinal() - count @FinalTransferredLength and
 * finish (TRUE + STATUS_SUCCESS); no more fragments.
 * @DmaTransaction: the transaction
 * @FinalTransferredLength: bytes the device moved in the last fragment
 * @Status: out: STATUS_SUCCESS
 */
BOOLEAN WdfDmaTransactionDmaCompletedFinal(WDFDMATRANSACTION DmaTransaction,
					   size_t FinalTransferredLength,
					   NTSTATUS *Status);

/** WdfDmaTransactionGetBytesTransferred() - total of completed fragments. */
size_t WdfDmaTransactionGetBytesTransferred(WDFDMATRANSACTION DmaTransaction);
/** WdfDmaTransactionGetCurrentDmaTransferLength() - 0 when finished. */
size_t WdfDmaTransactionGetCurrentDmaTransferLength(WDFDMATRANSACTION DmaTransaction);

/**
 * WdfDmaTransactionSetSingleTransferRequirement() - in state Created or
 * Released only, and only with WdmDmaVersionOverride 3 (else ignored with
 * a warning, as a KMDF verifier break). Reset by Release.
 * @DmaTransaction: the transaction
 * @RequireSingleTransfer: TRUE: the whole request in one fragment
 */
void WdfDmaTransactionSetSingleTransferRequirement(WDFDMATRANSACTION DmaTransaction,
						   BOOLEAN RequireSingleTransfer);
/**
 * WdfDmaTransactionSetMaximumLength() - lower the fragment length, after
 * Initialize (before: WARN_ONCE, ignored); larger values are ignored.
 * Reset by Release.
 * @DmaTransaction: an Initialized transaction
 * @MaximumLength: bytes per fragment
 */
void WdfDmaTransactionSetMaximumLength(WDFDMATRANSACTION DmaTransaction,
				       size_t MaximumLength);

/** WdfDmaTransactionGetRequest() - the associated request, or NULL. */
WDFREQUEST WdfDmaTransactionGetRequest(WDFDMATRANSACTION DmaTransaction);
/** WdfDmaTransactionGetDevice() - the device of the enabler. */
WDFDEVICE WdfDmaTransactionGetDevice(WDFDMATRANSACTION DmaTransaction);

/**
 * WdfDmaTransactionRelease() - unmap, reset counters, single-transfer and
 * maximum length, drop the request; the transaction can be initialized
 * again. Always STATUS_SUCCESS (release during Transfer WARN_ONCEs).
 * @DmaTransaction: the transaction
 */
NTSTATUS WdfDmaTransactionRelease(WDFDMATRANSACTION DmaTransaction);

#endif /* _WDFSHIM_WDFDMATRANSACTION_H */
