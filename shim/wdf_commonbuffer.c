// SPDX-License-Identifier: GPL-2.0-only
/*
 * wdf_commonbuffer.c - WDFCOMMONBUFFER on dma_alloc_coherent.
 *
 * The alignment is a mask, as in KMDF: aligned = (addr + mask) & ~mask.
 * dma_alloc_coherent returns page-aligned memory, so masks below
 * PAGE_SIZE need no padding; masks >= PAGE_SIZE over-allocate by the mask
 * and put the VA at the same offset from the raw VA as the aligned
 * logical address has from the raw one.
 */
#include <linux/dma-mapping.h>
#include <linux/export.h>
#include <linux/overflow.h>
#include "wdf_internal.h"

/**
 * wdf_dma_alloc_coherent() - dma_alloc_coherent, redirectable by KUnit.
 * @dev: the device
 * @size: bytes
 * @handle: out, the device address
 * @gfp: flags
 *
 * Return: the CPU address or NULL.
 */
void *wdf_dma_alloc_coherent(struct device *dev, size_t size,
			     dma_addr_t *handle, gfp_t gfp)
{
	WDF_STUB_REDIRECT(wdf_dma_alloc_coherent, dev, size, handle, gfp);
	return dma_alloc_coherent(dev, size, handle, gfp);
}
EXPORT_SYMBOL_GPL(wdf_dma_alloc_coherent);

/**
 * wdf_dma_free_coherent() - dma_free_coherent, redirectable by KUnit.
 * @dev: the device
 * @size: bytes
 * @cpu: the CPU address
 * @handle: the device address
 */
void wdf_dma_free_coherent(struct device *dev, size_t size, void *cpu,
			   dma_addr_t handle)
{
	WDF_STUB_REDIRECT(wdf_dma_free_coherent, dev, size, cpu, handle);
	dma_free_coherent(dev, size, cpu, handle);
}
EXPORT_SYMBOL_GPL(wdf_dma_free_coherent);

static void wdf_common_buffer_dispose(struct wdf_object *obj)
{
	struct wdf_common_buffer *cb =
		container_of(obj, struct wdf_common_buffer, obj);

	if (cb->raw_va)
		wdf_dma_free_coherent(cb->enabler->device->dev,
				      cb->raw_length, cb->raw_va, cb->raw_la);
	cb->raw_va = NULL;
}

static const struct wdf_object_ops wdf_common_buffer_ops = {
	.dispose = wdf_common_buffer_dispose,
};

/*
 * Both creates, after the create prologue: a buffer of @length bytes
 * aligned to @mask (@e's snapshot, or the config's) under @e.
 */
static NTSTATUS wdf_common_buffer_create(struct wdf_dma_enabler *e,
					 size_t length, ULONG mask,
					 PWDF_OBJECT_ATTRIBUTES attrs,
					 WDFCOMMONBUFFER *out)
{
	struct wdf_common_buffer *cb;
	size_t raw_length = length;
	NTSTATUS st;
	u64 offset;

	might_sleep();
	if (!length)
		return STATUS_INVALID_PARAMETER;
	if (mask >= PAGE_SIZE &&
	    check_add_overflow(length, (size_t)mask, &raw_length))
		return STATUS_INTEGER_OVERFLOW;
	if (raw_length > U32_MAX)
		return STATUS_INSUFFICIENT_RESOURCES;

	cb = wdf_object_alloc(sizeof(*cb), WDF_TYPE_COMMON_BUFFER, attrs,
			      &wdf_common_buffer_ops, &st);
	if (!cb)
		return st;
	cb->enabler = e;
	cb->length = length;
	cb->raw_length = raw_length;
	cb->raw_va = wdf_dma_alloc_coherent(e->device->dev, raw_length,
					    &cb->raw_la, GFP_KERNEL);
	if (!cb->raw_va) {
		wdf_object_free_unattached(&cb->obj);
		return STATUS_INSUFFICIENT_RESOURCES;
	}
	cb->la = (cb->raw_la + mask) & ~(dma_addr_t)mask;
	offset = cb->la - cb->raw_la;
	if (offset + length > raw_length) {
		/* Only possible if the allocator broke page alignment. */
		wdf_dma_free_coherent(e->device->dev, raw_length, cb->raw_va,
				      cb->raw_la);
		wdf_object_free_unattached(&cb->obj);
		return STATUS_INSUFFICIENT_RESOURCES;
	}
	cb->va = (u8 *)cb->raw_va + offset;
	return wdf_create_done(&cb->obj, &e->obj, (void **)out);
}

NTSTATUS WdfCommonBufferCreate(WDFDMAENABLER DmaEnabler, size_t Length,
			       PWDF_OBJECT_ATTRIBUTES Attributes,
			       WDFCOMMONBUFFER *CommonBuffer)
{
	struct wdf_object *eo;
	struct wdf_dma_enabler *e;
	NTSTATUS st;

	st = WDF_CREATE_BEGIN(WDF_TYPE_COMMON_BUFFER, CommonBuffer, DmaEnabler,
			      Attributes, &eo, NULL);
	if (!NT_SUCCESS(st))
		return st;
	e = container_of(eo, struct wdf_dma_enabler, obj);
	return wdf_common_buffer_create(e, Length, e->alignment, Attributes,
					CommonBuffer);
}
EXPORT_SYMBOL_GPL(WdfCommonBufferCreate);

NTSTATUS WdfCommonBufferCreateWithConfig(WDFDMAENABLER DmaEnabler,
					 size_t Length,
					 PWDF_COMMON_BUFFER_CONFIG Config,
					 PWDF_OBJECT_ATTRIBUTES Attributes,
					 WDFCOMMONBUFFER *CommonBuffer)
{
	struct wdf_object *eo;
	NTSTATUS st;

	st = WDF_CREATE_BEGIN_CFG(WDF_TYPE_COMMON_BUFFER, CommonBuffer,
				  DmaEnabler, Config, Attributes, &eo, NULL);
	if (!NT_SUCCESS(st))
		return st;
	return wdf_common_buffer_create(container_of(eo, struct wdf_dma_enabler,
						     obj),
					Length, Config->AlignmentRequirement,
					Attributes, CommonBuffer);
}
EXPORT_SYMBOL_GPL(WdfCommonBufferCreateWithConfig);

PVOID WdfCommonBufferGetAlignedVirtualAddress(WDFCOMMONBUFFER CommonBuffer)
{
	struct wdf_common_buffer *cb = WDF_GET(wdf_common_buffer, CommonBuffer,
					       WDF_TYPE_COMMON_BUFFER);

	return cb ? cb->va : NULL;
}
EXPORT_SYMBOL_GPL(WdfCommonBufferGetAlignedVirtualAddress);

PHYSICAL_ADDRESS
WdfCommonBufferGetAlignedLogicalAddress(WDFCOMMONBUFFER CommonBuffer)
{
	struct wdf_common_buffer *cb = WDF_GET(wdf_common_buffer, CommonBuffer,
					       WDF_TYPE_COMMON_BUFFER);
	PHYSICAL_ADDRESS pa = { .QuadPart = 0 };

	if (cb)
		pa.QuadPart = cb->la;
	return pa;
}
EXPORT_SYMBOL_GPL(WdfCommonBufferGetAlignedLogicalAddress);

size_t WdfCommonBufferGetLength(WDFCOMMONBUFFER CommonBuffer)
{
	struct wdf_common_buffer *cb = WDF_GET(wdf_common_buffer, CommonBuffer,
					       WDF_TYPE_COMMON_BUFFER);

	return cb ? cb->length : 0;
}
EXPORT_SYMBOL_GPL(WdfCommonBufferGetLength);
