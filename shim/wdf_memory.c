// SPDX-License-Identifier: GPL-2.0-only
/*
 * wdf_memory.c - WDFMEMORY: a buffer (kvzalloc, freed with the object) or
 * a caller's buffer (never freed here), with bounds-checked copies.
 *
 * Copies: KMDF documents STATUS_BUFFER_TOO_SMALL for an offset + length
 * beyond the buffer and STATUS_INVALID_PARAMETER for invalid parameters;
 * the sources at hand are silent on a zero-byte copy, which the shim
 * refuses as an invalid parameter (a driver correct either way never
 * asks for one).
 */
#include <linux/export.h>
#include <linux/overflow.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "wdf_internal.h"

/**
 * struct wdf_memory - a WDFMEMORY.
 * @obj: object header
 * @buf: the buffer
 * @size: its size in bytes
 * @owned: @buf was allocated by the shim (kvfree at deletion)
 */
struct wdf_memory {
	struct wdf_object obj;
	void *buf;
	size_t size;
	bool owned;
};

static void wdf_memory_dispose(struct wdf_object *obj)
{
	struct wdf_memory *m = container_of(obj, struct wdf_memory, obj);

	if (m->owned)
		kvfree(m->buf);
	m->buf = NULL;
}

static const struct wdf_object_ops wdf_memory_ops = {
	.dispose = wdf_memory_dispose,
};

static struct wdf_memory *wdf_memory_new(PWDF_OBJECT_ATTRIBUTES attrs,
					 NTSTATUS *st)
{
	struct wdf_object *parent = NULL;
	struct wdf_memory *m;

	*st = wdf_attributes_check(attrs);
	if (!NT_SUCCESS(*st))
		return NULL;
	if (attrs && attrs->ParentObject) {
		parent = wdf_object_get(attrs->ParentObject, WDF_TYPE_NONE,
					"WdfMemoryCreate*");
		if (!parent) {
			*st = STATUS_INVALID_HANDLE;
			return NULL;
		}
	}
	m = wdf_object_alloc(sizeof(*m), WDF_TYPE_MEMORY, attrs,
			     &wdf_memory_ops, st);
	if (m)
		m->obj.parent = parent;	/* attached by the caller */
	return m;
}

NTSTATUS WdfMemoryCreate(PWDF_OBJECT_ATTRIBUTES Attributes, POOL_TYPE PoolType,
			 ULONG PoolTag, size_t BufferSize, WDFMEMORY *Memory,
			 PVOID *Buffer)
{
	struct wdf_memory *m;
	NTSTATUS st;

	if (Buffer)
		*Buffer = NULL;
	if (WARN_ONCE(!Memory, "wdfshim: %s: NULL pointer\n", __func__))
		return STATUS_INVALID_PARAMETER;
	*Memory = NULL;
	if (!BufferSize)
		return STATUS_INVALID_PARAMETER;
	m = wdf_memory_new(Attributes, &st);
	if (!m)
		return st;
	m->buf = kvzalloc(BufferSize, GFP_KERNEL | __GFP_NOWARN);
	if (!m->buf) {
		wdf_object_free_unattached(&m->obj);
		return STATUS_INSUFFICIENT_RESOURCES;
	}
	m->size = BufferSize;
	m->owned = true;
	wdf_object_attach(&m->obj, m->obj.parent);
	*Memory = m;
	if (Buffer)
		*Buffer = m->buf;
	return STATUS_SUCCESS;
}
EXPORT_SYMBOL_GPL(WdfMemoryCreate);

NTSTATUS WdfMemoryCreatePreallocated(PWDF_OBJECT_ATTRIBUTES Attributes,
				     PVOID Buffer, size_t BufferSize,
				     WDFMEMORY *Memory)
{
	struct wdf_memory *m;
	NTSTATUS st;

	if (WARN_ONCE(!Memory || !Buffer, "wdfshim: %s: NULL pointer\n",
		      __func__)) {
		if (Memory)
			*Memory = NULL;
		return STATUS_INVALID_PARAMETER;
	}
	*Memory = NULL;
	if (!BufferSize)
		return STATUS_INVALID_PARAMETER;
	m = wdf_memory_new(Attributes, &st);
	if (!m)
		return st;
	m->buf = Buffer;
	m->size = BufferSize;
	wdf_object_attach(&m->obj, m->obj.parent);
	*Memory = m;
	return STATUS_SUCCESS;
}
EXPORT_SYMBOL_GPL(WdfMemoryCreatePreallocated);

NTSTATUS WdfMemoryAssignBuffer(WDFMEMORY Memory, PVOID Buffer,
			       size_t BufferSize)
{
	struct wdf_memory *m = WDF_GET(wdf_memory, Memory, WDF_TYPE_MEMORY);

	if (!m)
		return STATUS_INVALID_HANDLE;
	if (!Buffer || !BufferSize)
		return STATUS_INVALID_PARAMETER;
	if (m->owned)
		return STATUS_INVALID_DEVICE_REQUEST;
	m->buf = Buffer;
	m->size = BufferSize;
	return STATUS_SUCCESS;
}
EXPORT_SYMBOL_GPL(WdfMemoryAssignBuffer);

PVOID WdfMemoryGetBuffer(WDFMEMORY Memory, size_t *BufferSize)
{
	struct wdf_memory *m = WDF_GET(wdf_memory, Memory, WDF_TYPE_MEMORY);

	if (BufferSize)
		*BufferSize = m ? m->size : 0;
	return m ? m->buf : NULL;
}
EXPORT_SYMBOL_GPL(WdfMemoryGetBuffer);

static NTSTATUS wdf_memory_range(struct wdf_memory *m, size_t off,
				 size_t len)
{
	size_t end;

	if (!len || check_add_overflow(off, len, &end))
		return STATUS_INVALID_PARAMETER;
	if (end > m->size)
		return STATUS_BUFFER_TOO_SMALL;
	return STATUS_SUCCESS;
}

NTSTATUS WdfMemoryCopyToBuffer(WDFMEMORY SourceMemory, size_t SourceOffset,
			       PVOID Buffer, size_t NumBytesToCopyTo)
{
	struct wdf_memory *m = WDF_GET(wdf_memory, SourceMemory,
				       WDF_TYPE_MEMORY);
	NTSTATUS st;

	if (!m)
		return STATUS_INVALID_HANDLE;
	if (WARN_ONCE(!Buffer, "wdfshim: %s: NULL buffer\n", __func__))
		return STATUS_INVALID_PARAMETER;
	st = wdf_memory_range(m, SourceOffset, NumBytesToCopyTo);
	if (NT_SUCCESS(st))
		memcpy(Buffer, (u8 *)m->buf + SourceOffset, NumBytesToCopyTo);
	return st;
}
EXPORT_SYMBOL_GPL(WdfMemoryCopyToBuffer);

NTSTATUS WdfMemoryCopyFromBuffer(WDFMEMORY DestinationMemory,
				 size_t DestinationOffset, PVOID Buffer,
				 size_t NumBytesToCopyFrom)
{
	struct wdf_memory *m = WDF_GET(wdf_memory, DestinationMemory,
				       WDF_TYPE_MEMORY);
	NTSTATUS st;

	if (!m)
		return STATUS_INVALID_HANDLE;
	if (WARN_ONCE(!Buffer, "wdfshim: %s: NULL buffer\n", __func__))
		return STATUS_INVALID_PARAMETER;
	st = wdf_memory_range(m, DestinationOffset, NumBytesToCopyFrom);
	if (NT_SUCCESS(st))
		memcpy((u8 *)m->buf + DestinationOffset, Buffer,
		       NumBytesToCopyFrom);
	return st;
}
EXPORT_SYMBOL_GPL(WdfMemoryCopyFromBuffer);
