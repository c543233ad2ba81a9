// SPDX-License-Identifier: GPL-2.0-only
/*
 * wdf_dmatransaction.c - WDFDMATRANSACTION.
 *
 * Initialize maps the buffer once: the MDL's pages become an sg_table
 * (sg_alloc_table_from_pages_segment, segments no larger than the
 * device's max segment size) mapped with dma_map_sgtable in the direction
 * of the transfer. Fragments are then cut from the mapped list: at most
 * the transaction's maximum length bytes (the enabler's MaximumLength,
 * lowered by SetMaximumLength) and at most the enabler's maximum SG
 * elements; an element never spans two mapped entries. Initialize checks
 * the nominal split (fragments at multiples of the maximum length) and
 * refuses with STATUS_WDF_TOO_FRAGMENTED when a fragment needs more
 * elements than allowed; a fragment staged after a partial completion
 * (DmaCompletedWithLength) is shortened to the allowed element count
 * instead.
 *
 * EvtProgramDma runs synchronously inside Execute and inside
 * DmaCompleted* (which then return FALSE + STATUS_MORE_PROCESSING_REQUIRED).
 * The mapping is undone when the last fragment completes, or at Release.
 *
 * KMDF bugchecks on a wrong state or a NULL required pointer; the shim
 * WARN_ONCEs and returns: Initialize -> STATUS_INVALID_DEVICE_STATE or
 * STATUS_INVALID_PARAMETER, Execute -> STATUS_INVALID_DEVICE_REQUEST,
 * DmaCompleted* -> TRUE with STATUS_INVALID_DEVICE_STATE.
 */
#include <linux/dma-mapping.h>
#include <linux/export.h>
#include <linux/ioctl.h>
#include <linux/overflow.h>
#include <linux/scatterlist.h>
#include "wdf_internal.h"

/**
 * wdf_sg_alloc_table() - sg_alloc_table_from_pages_segment, redirectable
 * by KUnit.
 * @sgt: the table
 * @pages: the pages
 * @n_pages: their number
 * @offset: offset of the data in the first page
 * @size: bytes
 * @max_segment: largest segment
 *
 * Return: 0 or a negative errno.
 */
int wdf_sg_alloc_table(struct sg_table *sgt, struct page **pages,
		       unsigned int n_pages, unsigned int offset,
		       unsigned long size, unsigned int max_segment)
{
	WDF_STUB_REDIRECT(wdf_sg_alloc_table, sgt, pages, n_pages, offset,
			  size, max_segment);
	return sg_alloc_table_from_pages_segment(sgt, pages, n_pages, offset,
						 size, max_segment, GFP_KERNEL);
}
EXPORT_SYMBOL_GPL(wdf_sg_alloc_table);

/* The transaction behind a handle; a bad one WARN_ONCEs naming the caller. */
#define WDF_TX_GET(handle) \
	WDF_GET(wdf_dma_transaction, (handle), WDF_TYPE_DMA_TRANSACTION)

static struct device *wdf_tx_dev(struct wdf_dma_transaction *tx)
{
	return tx->enabler->device->dev;
}

static enum dma_data_direction wdf_tx_dir(struct wdf_dma_transaction *tx)
{
	return tx->direction == WdfDmaDirectionWriteToDevice ? DMA_TO_DEVICE :
							       DMA_FROM_DEVICE;
}

static void wdf_tx_unmap(struct wdf_dma_transaction *tx)
{
	if (tx->nents) {
		dma_unmap_sgtable(wdf_tx_dev(tx), &tx->sgt, wdf_tx_dir(tx), 0);
		tx->nents = 0;
	}
	if (tx->sgt_alloc) {
		sg_free_table(&tx->sgt);
		tx->sgt_alloc = false;
	}
}

/*
 * Back to the state after Create. The SG list buffer stays allocated (it
 * is freed when the transaction is deleted): the next Initialize reuses it
 * when it is large enough, so a driver that reuses one transaction (as the
 * PLX core does, one per channel) allocates no SG list per request.
 */
static void wdf_tx_reset(struct wdf_dma_transaction *tx)
{
	wdf_tx_unmap(tx);
	tx->sgl_capacity = 0;
	tx->first_staged = false;
	tx->transferred = 0;
	tx->cur_len = 0;
	tx->length = 0;
	tx->request = NULL;
	tx->program = NULL;
	tx->context = NULL;
	tx->single = !!(tx->enabler->config.Flags &
			WDF_DMA_ENABLER_CONFIG_REQUIRE_SINGLE_TRANSFER);
	tx->max_len = tx->enabler->config.MaximumLength;
}

/*
 * Walk the mapped list from byte @pos for at most @budget bytes and
 * @max_elems elements, filling @sgl if given. Returns the element count;
 * *@bytes is the length covered.
 */
static ULONG wdf_tx_walk(struct wdf_dma_transaction *tx, size_t pos,
			 size_t budget, ULONG max_elems,
			 PSCATTER_GATHER_LIST sgl, size_t *bytes)
{
	struct scatterlist *sg;
	size_t base = 0, done = 0;
	ULONG n = 0;
	int i;

	for_each_sgtable_dma_sg(&tx->sgt, sg, i) {
		size_t len = sg_dma_len(sg), skip, take;

		if (base + len <= pos) {
			base += len;
			continue;
		}
		if (n == max_elems || done == budget)
			break;
		skip = pos - base;
		take = min(len - skip, budget - done);
		if (sgl) {
			sgl->Elements[n].Address.QuadPart =
				sg_dma_address(sg) + skip;
			sgl->Elements[n].Length = (ULONG)take;
			sgl->Elements[n].Reserved = 0;
		}
		n++;
		done += take;
		pos += take;
		base += len;
	}
	*bytes = done;
	return n;
}

static NTSTATUS wdf_tx_init(struct wdf_dma_transaction *tx,
			    PFN_WDF_PROGRAM_DMA program, WDF_DMA_DIRECTION dir,
			    PMDL mdl, PVOID va, size_t length)
{
	struct device *dev = wdf_tx_dev(tx);
	u8 *mdl_va = MmGetMdlVirtualAddress(mdl);
	size_t off, abs_off, pos, frag, bytes;
	unsigned int first, npages, page_off, max_seg;
	ULONG n, cap = 0;
	NTSTATUS st;
	ULONG len;

	if (!length || (dir != WdfDmaDirectionReadFromDevice &&
			dir != WdfDmaDirectionWriteToDevice)) {
		st = STATUS_INVALID_PARAMETER;
		goto fail;
	}
	len = (ULONG)length;
	if (!len || (u8 *)va < mdl_va || (u8 *)va >= mdl_va + mdl->ByteCount ||
	    (u8 *)va + len > mdl_va + mdl->ByteCount || !mdl->Pages) {
		st = STATUS_INVALID_PARAMETER;
		goto fail;
	}
	if (tx->single && len > tx->max_len) {
		st = STATUS_WDF_TOO_MANY_TRANSFERS;
		goto fail;
	}

	tx->direction = dir;
	off = (u8 *)va - mdl_va;
	abs_off = mdl->ByteOffset + off;
	first = abs_off >> PAGE_SHIFT;
	page_off = offset_in_page(abs_off);
	npages = DIV_ROUND_UP(page_off + len, PAGE_SIZE);
	if (first + npages > mdl->PageCount) {
		st = STATUS_INVALID_PARAMETER;
		goto fail;
	}
	max_seg = max_t(unsigned int, dma_get_max_seg_size(dev), PAGE_SIZE);
	if (wdf_sg_alloc_table(&tx->sgt, mdl->Pages + first, npages, page_off,
			       len, max_seg)) {
		st = STATUS_INSUFFICIENT_RESOURCES;
		goto fail;
	}
	tx->sgt_alloc = true;
	if (dma_map_sgtable(dev, &tx->sgt, wdf_tx_dir(tx), 0)) {
		st = STATUS_INSUFFICIENT_RESOURCES;
		goto fail;
	}
	tx->nents = tx->sgt.nents;

	/*
	 * A fragment has at most one element per mapped entry, so every
	 * fragment fits in min(nents, max_sg) elements unless it is too
	 * fragmented: a walk limited to that many that stops short of the
	 * fragment's end found one needing more than max_sg. The list is
	 * there before the walks, so the first one fills it: Execute stages
	 * the first fragment from it instead of walking the list again.
	 */
	cap = min_t(ULONG, tx->nents, tx->enabler->max_sg);
	if (cap > tx->sgl_alloc) {
		kfree(tx->sgl);
		tx->sgl_alloc = 0;
		tx->sgl = wdf_mem_alloc(struct_size(tx->sgl, Elements, cap),
					GFP_KERNEL);
		if (!tx->sgl) {
			st = STATUS_INSUFFICIENT_RESOURCES;
			goto fail;
		}
		tx->sgl_alloc = cap;
	}
	for (pos = 0; pos < len; pos += frag) {
		frag = min_t(size_t, tx->single ? len : tx->max_len, len - pos);
		n = wdf_tx_walk(tx, pos, frag, cap, pos ? NULL : tx->sgl,
				&bytes);
		if (bytes < frag) {
			st = STATUS_WDF_TOO_FRAGMENTED;
			goto fail;
		}
		if (!pos) {
			tx->sgl->NumberOfElements = n;
			tx->first_len = bytes;
		}
	}
	tx->sgl_capacity = cap;
	tx->first_staged = true;
	tx->program = program;
	tx->length = len;
	tx->transferred = 0;
	tx->cur_len = 0;
	tx->state = WDF_TX_INITIALIZED;
	return STATUS_SUCCESS;

fail:
	wdf_tx_reset(tx);
	tx->state = WDF_TX_RELEASED;
	return st;
}

static bool wdf_tx_can_init(struct wdf_dma_transaction *tx, const char *fn)
{
	return !WDF_WARN_ONCE(tx->state != WDF_TX_CREATED &&
			      tx->state != WDF_TX_RELEASED,
			      "%s: transaction not released (state %d)\n",
			      fn, tx->state);
}

NTSTATUS WdfDmaTransactionInitialize(WDFDMATRANSACTION DmaTransaction,
				     PFN_WDF_PROGRAM_DMA EvtProgramDmaFunction,
				     WDF_DMA_DIRECTION DmaDirection, PMDL Mdl,
				     PVOID VirtualAddress, size_t Length)
{
	struct wdf_dma_transaction *tx = WDF_TX_GET(DmaTransaction);

	if (!tx)
		return STATUS_INVALID_HANDLE;
	if (WDF_WARN_ONCE(!EvtProgramDmaFunction || !Mdl,
			  "%s: NULL callback or MDL\n", __func__))
		return STATUS_INVALID_PARAMETER;
	if (!wdf_tx_can_init(tx, __func__))
		return STATUS_INVALID_DEVICE_STATE;
	return wdf_tx_init(tx, EvtProgramDmaFunction, DmaDirection, Mdl,
			   VirtualAddress, Length);
}
EXPORT_SYMBOL_GPL(WdfDmaTransactionInitialize);

NTSTATUS WdfDmaTransactionInitializeUsingRequest(WDFDMATRANSACTION DmaTransaction,
						 WDFREQUEST Request,
						 PFN_WDF_PROGRAM_DMA EvtProgramDmaFunction,
						 WDF_DMA_DIRECTION DmaDirection)
{
	struct wdf_dma_transaction *tx = WDF_TX_GET(DmaTransaction);
	struct wdf_request *req = WDF_GET(wdf_request, Request,
					  WDF_TYPE_REQUEST);
	WDF_DMA_DIRECTION want;
	size_t len;
	NTSTATUS st;

	if (!tx || !req)
		return STATUS_INVALID_HANDLE;
	if (WDF_WARN_ONCE(!EvtProgramDmaFunction, "%s: NULL callback\n",
			  __func__))
		return STATUS_INVALID_PARAMETER;
	if (!wdf_tx_can_init(tx, __func__))
		return STATUS_INVALID_DEVICE_STATE;

	st = STATUS_INVALID_DEVICE_REQUEST;
	if (DmaDirection != WdfDmaDirectionReadFromDevice &&
	    DmaDirection != WdfDmaDirectionWriteToDevice) {
		st = STATUS_INVALID_PARAMETER;
		goto fail;
	}
	switch (req->params.Type) {
	case WdfRequestTypeRead:
		if (DmaDirection != WdfDmaDirectionReadFromDevice)
			goto fail;
		len = req->params.Parameters.Read.Length;
		break;
	case WdfRequestTypeWrite:
		if (DmaDirection != WdfDmaDirectionWriteToDevice)
			goto fail;
		len = req->params.Parameters.Write.Length;
		break;
	case WdfRequestTypeDeviceControl:
		/*
		 * A METHOD_*_DIRECT ioctl gives the MDL of its output buffer
		 * (which an IN_DIRECT device reads). The shim builds no MDL
		 * for a METHOD_BUFFERED ioctl, which KMDF would take in either
		 * direction: a feature the shim lacks (doc/porting.md).
		 */
		switch (WDF_IOCTL_METHOD(req->params.Parameters.DeviceIoControl.IoControlCode)) {
		case METHOD_IN_DIRECT:
			want = WdfDmaDirectionWriteToDevice;
			break;
		case METHOD_OUT_DIRECT:
			want = WdfDmaDirectionReadFromDevice;
			break;
		default:	/* METHOD_BUFFERED: the shim has no METHOD_NEITHER */
			st = wdf_not_supported(__func__, "a METHOD_BUFFERED ioctl");
			goto fail;
		}
		if (!req->direct || DmaDirection != want)
			goto fail;
		len = req->params.Parameters.DeviceIoControl.OutputBufferLength;
		break;
	default:
		goto fail;
	}
	/* doc/facts.md §8.9: a 0-byte request, before the MDL is looked at */
	if (!len)
		goto fail;
	if (!req->mdl)
		goto fail;
	if (len > req->mdl->ByteCount) {
		st = STATUS_INVALID_PARAMETER;
		goto fail;
	}
	st = wdf_tx_init(tx, EvtProgramDmaFunction, DmaDirection, req->mdl,
			 MmGetMdlVirtualAddress(req->mdl), len);
	if (NT_SUCCESS(st))
		tx->request = req;
	return st;
fail:
	wdf_tx_reset(tx);
	tx->state = WDF_TX_RELEASED;
	return st;
}
EXPORT_SYMBOL_GPL(WdfDmaTransactionInitializeUsingRequest);

/* Stage the fragment that starts at tx->transferred. */
static void wdf_tx_stage(struct wdf_dma_transaction *tx)
{
	size_t budget = tx->length - tx->transferred, bytes;

	if (!tx->single)
		budget = min(budget, tx->max_len);
	tx->sgl->NumberOfElements = wdf_tx_walk(tx, tx->transferred, budget,
						tx->sgl_capacity, tx->sgl,
						&bytes);
	tx->sgl->Reserved = 0;
	tx->cur_len = bytes;
}

static void wdf_tx_program(struct wdf_dma_transaction *tx)
{
	tx->program(tx, tx->enabler->device, tx->context, tx->direction,
		    tx->sgl);
}

NTSTATUS WdfDmaTransactionExecute(WDFDMATRANSACTION DmaTransaction,
				  WDFCONTEXT Context)
{
	struct wdf_dma_transaction *tx = WDF_TX_GET(DmaTransaction);

	if (!tx)
		return STATUS_INVALID_HANDLE;
	if (WDF_WARN_ONCE(tx->state != WDF_TX_INITIALIZED,
			  "%s: transaction not initialized (state %d)\n",
			  __func__, tx->state))
		return STATUS_INVALID_DEVICE_REQUEST;
	tx->context = Context;
	tx->transferred = 0;
	tx->state = WDF_TX_TRANSFER;
	if (tx->first_staged) {
		/* built by Initialize's first walk */
		tx->sgl->Reserved = 0;
		tx->cur_len = tx->first_len;
		tx->first_staged = false;
	} else {
		wdf_tx_stage(tx);
	}
	wdf_tx_program(tx);
	return STATUS_SUCCESS;
}
EXPORT_SYMBOL_GPL(WdfDmaTransactionExecute);

static BOOLEAN wdf_tx_completed(struct wdf_dma_transaction *tx, size_t len,
				bool final, NTSTATUS *status, const char *fn)
{
	if (WDF_WARN_ONCE(tx->state != WDF_TX_TRANSFER,
			  "%s: no transfer in progress (state %d)\n", fn,
			  tx->state)) {
		*status = STATUS_INVALID_DEVICE_STATE;
		return TRUE;
	}
	if (len > tx->cur_len) {
		tx->state = WDF_TX_FAILED;
		tx->cur_len = 0;
		*status = STATUS_INVALID_PARAMETER;
		return TRUE;
	}
	tx->transferred += len;
	if (final || tx->transferred >= tx->length) {
		wdf_tx_unmap(tx);
		tx->cur_len = 0;
		tx->state = WDF_TX_COMPLETED;
		*status = STATUS_SUCCESS;
		return TRUE;
	}
	if (tx->single) {
		tx->cur_len = 0;
		tx->state = WDF_TX_FAILED;
		*status = STATUS_WDF_TOO_MANY_TRANSFERS;
		return TRUE;
	}
	wdf_tx_stage(tx);
	*status = STATUS_MORE_PROCESSING_REQUIRED;
	wdf_tx_program(tx);
	return FALSE;
}

/*
 * The three DmaCompleted* entry points: check the handle and the status
 * pointer, then complete @len bytes (the whole current fragment if @whole).
 */
static BOOLEAN wdf_tx_completed_entry(WDFDMATRANSACTION DmaTransaction,
				      size_t len, bool whole, bool final,
				      NTSTATUS *Status, const char *fn)
{
	struct wdf_dma_transaction *tx = (struct wdf_dma_transaction *)
		wdf_object_get(DmaTransaction, WDF_TYPE_DMA_TRANSACTION, fn);

	if (WDF_WARN_ONCE(!Status, "%s: NULL status\n", fn))
		return TRUE;
	if (!tx) {
		*Status = STATUS_INVALID_HANDLE;
		return TRUE;
	}
	return wdf_tx_completed(tx, whole ? tx->cur_len : len, final, Status,
				fn);
}

BOOLEAN WdfDmaTransactionDmaCompletedWithLength(WDFDMATRANSACTION DmaTransaction,
						size_t TransferredLength,
						NTSTATUS *Status)
{
	return wdf_tx_completed_entry(DmaTransaction, TransferredLength, false,
				      false, Status, __func__);
}
EXPORT_SYMBOL_GPL(WdfDmaTransactionDmaCompletedWithLength);

BOOLEAN WdfDmaTransactionDmaCompleted(WDFDMATRANSACTION DmaTransaction,
				      NTSTATUS *Status)
{
	return wdf_tx_completed_entry(DmaTransaction, 0, true, false, Status,
				      __func__);
}
EXPORT_SYMBOL_GPL(WdfDmaTransactionDmaCompleted);

BOOLEAN WdfDmaTransactionDmaCompletedFinal(WDFDMATRANSACTION DmaTransaction,
					   size_t FinalTransferredLength,
					   NTSTATUS *Status)
{
	return wdf_tx_completed_entry(DmaTransaction, FinalTransferredLength,
				      false, true, Status, __func__);
}
EXPORT_SYMBOL_GPL(WdfDmaTransactionDmaCompletedFinal);

size_t WdfDmaTransactionGetBytesTransferred(WDFDMATRANSACTION DmaTransaction)
{
	struct wdf_dma_transaction *tx = WDF_TX_GET(DmaTransaction);

	return tx ? tx->transferred : 0;
}
EXPORT_SYMBOL_GPL(WdfDmaTransactionGetBytesTransferred);

size_t WdfDmaTransactionGetCurrentDmaTransferLength(WDFDMATRANSACTION DmaTransaction)
{
	struct wdf_dma_transaction *tx = WDF_TX_GET(DmaTransaction);

	return tx ? tx->cur_len : 0;
}
EXPORT_SYMBOL_GPL(WdfDmaTransactionGetCurrentDmaTransferLength);

void WdfDmaTransactionSetSingleTransferRequirement(WDFDMATRANSACTION DmaTransaction,
						   BOOLEAN RequireSingleTransfer)
{
	struct wdf_dma_transaction *tx = WDF_TX_GET(DmaTransaction);

	if (!tx)
		return;
	/* KMDF verifier breaks; without the verifier the call is ignored */
	if (tx->enabler->config.WdmDmaVersionOverride < 3) {
		dev_warn_once(wdf_tx_dev(tx),
			      "single transfer needs WdmDmaVersionOverride 3; ignored\n");
		return;
	}
	if (tx->state != WDF_TX_CREATED && tx->state != WDF_TX_RELEASED) {
		dev_warn_once(wdf_tx_dev(tx),
			      "single transfer set after Initialize; ignored\n");
		return;
	}
	tx->single = !!RequireSingleTransfer;
}
EXPORT_SYMBOL_GPL(WdfDmaTransactionSetSingleTransferRequirement);

void WdfDmaTransactionSetMaximumLength(WDFDMATRANSACTION DmaTransaction,
				       size_t MaximumLength)
{
	struct wdf_dma_transaction *tx = WDF_TX_GET(DmaTransaction);

	if (!tx)
		return;
	if (WDF_WARN_ONCE(tx->state != WDF_TX_INITIALIZED,
			  "%s: call it after Initialize (state %d)\n",
			  __func__, tx->state))
		return;
	if (MaximumLength && MaximumLength < tx->max_len) {
		tx->max_len = MaximumLength;
		/* Initialize's first fragment was cut to the old length */
		tx->first_staged = false;
	}
}
EXPORT_SYMBOL_GPL(WdfDmaTransactionSetMaximumLength);

WDFREQUEST WdfDmaTransactionGetRequest(WDFDMATRANSACTION DmaTransaction)
{
	struct wdf_dma_transaction *tx = WDF_TX_GET(DmaTransaction);

	return tx ? tx->request : NULL;
}
EXPORT_SYMBOL_GPL(WdfDmaTransactionGetRequest);

WDFDEVICE WdfDmaTransactionGetDevice(WDFDMATRANSACTION DmaTransaction)
{
	struct wdf_dma_transaction *tx = WDF_TX_GET(DmaTransaction);

	return tx ? tx->enabler->device : NULL;
}
EXPORT_SYMBOL_GPL(WdfDmaTransactionGetDevice);

NTSTATUS WdfDmaTransactionRelease(WDFDMATRANSACTION DmaTransaction)
{
	struct wdf_dma_transaction *tx = WDF_TX_GET(DmaTransaction);

	if (!tx)
		return STATUS_INVALID_HANDLE;
	WDF_WARN_ONCE(tx->state == WDF_TX_TRANSFER,
		      "%s: released during a transfer\n", __func__);
	if (tx->state == WDF_TX_RELEASED || tx->state == WDF_TX_CREATED)
		dev_dbg(wdf_tx_dev(tx), "transaction released twice\n");
	wdf_tx_reset(tx);
	tx->state = WDF_TX_RELEASED;
	return STATUS_SUCCESS;
}
EXPORT_SYMBOL_GPL(WdfDmaTransactionRelease);

static void wdf_tx_dispose(struct wdf_object *obj)
{
	struct wdf_dma_transaction *tx =
		container_of(obj, struct wdf_dma_transaction, obj);

	WDF_WARN_ONCE(tx->state == WDF_TX_TRANSFER,
		      "transaction deleted during a transfer\n");
	wdf_tx_reset(tx);
	kfree(tx->sgl);
	tx->sgl = NULL;
	tx->sgl_alloc = 0;
}

static const struct wdf_object_ops wdf_tx_ops = {
	.dispose = wdf_tx_dispose,
};

NTSTATUS WdfDmaTransactionCreate(WDFDMAENABLER DmaEnabler,
				 PWDF_OBJECT_ATTRIBUTES Attributes,
				 WDFDMATRANSACTION *DmaTransaction)
{
	struct wdf_object *eo, *parent;
	struct wdf_dma_transaction *tx;
	NTSTATUS st;

	st = WDF_CREATE_BEGIN(WDF_TYPE_DMA_TRANSACTION, DmaTransaction,
			      DmaEnabler, Attributes, &eo, &parent);
	if (!NT_SUCCESS(st))
		return st;
	tx = wdf_object_alloc(sizeof(*tx), WDF_TYPE_DMA_TRANSACTION,
			      Attributes, &wdf_tx_ops, &st);
	if (!tx)
		return st;
	tx->enabler = container_of(eo, struct wdf_dma_enabler, obj);
	tx->state = WDF_TX_CREATED;
	wdf_tx_reset(tx);
	return wdf_create_done(&tx->obj, parent, (void **)DmaTransaction);
}
EXPORT_SYMBOL_GPL(WdfDmaTransactionCreate);
