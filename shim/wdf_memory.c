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

/*
 * Both creates: the prologue, then a memory object of @size bytes on
 * @buf, or on a zeroed buffer of its own (freed with it) when @buf is
 * NULL.
 */
static NTSTATUS wdf_memory_new(const char *fn, PWDF_OBJECT_ATTRIBUTES attrs,
			       void *buf, size_t size, WDFMEMORY *out)
{
	struct wdf_object *parent;
	struct wdf_memory *m;
	NTSTATUS st;

	st = wdf_create_prologue(WDF_TYPE_MEMORY, fn, (void **)out, NULL, NULL,
				 0, attrs, NULL, &parent);
	if (!NT_SUCCESS(st))
		return st;
	if (!size)
		return STATUS_INVALID_PARAMETER;
	m = wdf_object_alloc(sizeof(*m), WDF_TYPE_MEMORY, attrs,
			     &wdf_memory_ops, &st);
	if (!m)
		return st;
	if (!buf) {
		buf = kvzalloc(size, GFP_KERNEL | __GFP_NOWARN);
		if (!buf) {
			wdf_object_free_unattached(&m->obj);
			return STATUS_INSUFFICIENT_RESOURCES;
		}
		m->owned = true;
	}
	m->buf = buf;
	m->size = size;
	return wdf_create_done(&m->obj, parent, (void **)out);
}

NTSTATUS WdfMemoryCreate(PWDF_OBJECT_ATTRIBUTES Attributes, POOL_TYPE PoolType,
			 ULONG PoolTag, size_t BufferSize, WDFMEMORY *Memory,
			 PVOID *Buffer)
{
	NTSTATUS st;

	if (Buffer)
		*Buffer = NULL;
	st = wdf_memory_new(__func__, Attributes, NULL, BufferSize, Memory);
	if (NT_SUCCESS(st) && Buffer)
		*Buffer = (*Memory)->buf;
	return st;
}
EXPORT_SYMBOL_GPL(WdfMemoryCreate);

NTSTATUS WdfMemoryCreatePreallocated(PWDF_OBJECT_ATTRIBUTES Attributes,
				     PVOID Buffer, size_t BufferSize,
				     WDFMEMORY *Memory)
{
	if (WDF_WARN_ONCE(!Buffer, "%s: NULL buffer\n", __func__)) {
		if (Memory)
			*Memory = NULL;
		return STATUS_INVALID_PARAMETER;
	}
	return wdf_memory_new(__func__, Attributes, Buffer, BufferSize, Memory);
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

/*
 * The rest of both copies once the caller's buffer is known to be there:
 * an invalid handle (@m NULL), then the range, then the copy, either way.
 * The entry points check the buffer themselves, after the handle and
 * before the range, each with its own WARN_ONCE.
 */
static NTSTATUS wdf_memory_copy(struct wdf_memory *m, size_t off, void *buf,
				size_t len, bool to_buf)
{
	size_t end;

	if (!m)
		return STATUS_INVALID_HANDLE;
	if (!len || check_add_overflow(off, len, &end))
		return STATUS_INVALID_PARAMETER;
	if (end > m->size)
		return STATUS_BUFFER_TOO_SMALL;
	if (to_buf)
		memcpy(buf, (u8 *)m->buf + off, len);
	else
		memcpy((u8 *)m->buf + off, buf, len);
	return STATUS_SUCCESS;
}

NTSTATUS WdfMemoryCopyToBuffer(WDFMEMORY SourceMemory, size_t SourceOffset,
			       PVOID Buffer, size_t NumBytesToCopyTo)
{
	struct wdf_memory *m = WDF_GET(wdf_memory, SourceMemory,
				       WDF_TYPE_MEMORY);

	if (m && WDF_WARN_ONCE(!Buffer, "%s: NULL buffer\n", __func__))
		return STATUS_INVALID_PARAMETER;
	return wdf_memory_copy(m, SourceOffset, Buffer, NumBytesToCopyTo, true);
}
EXPORT_SYMBOL_GPL(WdfMemoryCopyToBuffer);

NTSTATUS WdfMemoryCopyFromBuffer(WDFMEMORY DestinationMemory,
				 size_t DestinationOffset, PVOID Buffer,
				 size_t NumBytesToCopyFrom)
{
	struct wdf_memory *m = WDF_GET(wdf_memory, DestinationMemory,
				       WDF_TYPE_MEMORY);

	if (m && WDF_WARN_ONCE(!Buffer, "%s: NULL buffer\n", __func__))
		return STATUS_INVALID_PARAMETER;
	return wdf_memory_copy(m, DestinationOffset, Buffer,
			       NumBytesToCopyFrom, false);
}
EXPORT_SYMBOL_GPL(WdfMemoryCopyFromBuffer);
