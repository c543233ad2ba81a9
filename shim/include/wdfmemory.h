/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * wdfmemory.h - WDFMEMORY: a buffer object, allocated by the shim or
 * wrapping the driver's own buffer.
 */
#ifndef _WDFSHIM_WDFMEMORY_H
#define _WDFSHIM_WDFMEMORY_H

#include <wdfobject.h>

typedef struct wdf_memory *WDFMEMORY;

/* Pool types: every WDFMEMORY buffer is non-paged kernel memory. */
typedef enum _POOL_TYPE {
	NonPagedPool = 0,
	NonPagedPoolExecute = 0,
	PagedPool = 1,
	NonPagedPoolNx = 512,
} POOL_TYPE;

/**
 * WdfMemoryCreate() - allocate a zeroed buffer of @BufferSize bytes
 * (kvzalloc) owned by a new memory object; freed with the object.
 * @Attributes: optional; without ParentObject the object has no parent
 *	and the driver deletes it (KMDF parents it to the driver)
 * @PoolType: ignored (always non-paged)
 * @PoolTag: ignored
 * @BufferSize: > 0
 * @Memory: out handle, NULL after a failure
 * @Buffer: optional out, the buffer (NULL after a failure)
 *
 * Return: STATUS_SUCCESS; STATUS_INVALID_PARAMETER (@BufferSize 0; NULL
 * @Memory with a WARN_ONCE); STATUS_INFO_LENGTH_MISMATCH (attributes
 * Size); STATUS_INVALID_HANDLE (bad ParentObject, WARN_ONCE);
 * STATUS_INSUFFICIENT_RESOURCES.
 */
NTSTATUS WdfMemoryCreate(PWDF_OBJECT_ATTRIBUTES Attributes, POOL_TYPE PoolType,
			 ULONG PoolTag, size_t BufferSize, WDFMEMORY *Memory,
			 PVOID *Buffer);

/**
 * WdfMemoryCreatePreallocated() - a memory object over the caller's
 * buffer (never freed by the shim; it must outlive the object).
 * @Attributes: WDF_NO_OBJECT_ATTRIBUTES or the attributes
 * @Buffer: the caller's buffer
 * @BufferSize: its size in bytes, > 0
 * @Memory: out: the new object
 *
 * Return: as WdfMemoryCreate; a NULL @Buffer is STATUS_INVALID_PARAMETER
 * with a WARN_ONCE (KMDF bugchecks).
 */
NTSTATUS WdfMemoryCreatePreallocated(PWDF_OBJECT_ATTRIBUTES Attributes,
				     PVOID Buffer, size_t BufferSize,
				     WDFMEMORY *Memory);

/**
 * WdfMemoryAssignBuffer() - point a preallocated memory object at another
 * buffer.
 * @Memory: a preallocated memory object
 * @Buffer: the new buffer
 * @BufferSize: its size in bytes
 *
 * Return: STATUS_SUCCESS; STATUS_INVALID_PARAMETER (NULL @Buffer or size
 * 0); STATUS_INVALID_DEVICE_REQUEST (the object owns its buffer: made by
 * WdfMemoryCreate); STATUS_INVALID_HANDLE.
 */
NTSTATUS WdfMemoryAssignBuffer(WDFMEMORY Memory, PVOID Buffer,
			       size_t BufferSize);

/**
 * WdfMemoryGetBuffer() - the buffer and (if @BufferSize) its size.
 * @Memory: the memory object
 * @BufferSize: out (optional): the size in bytes
 * Return: the buffer; NULL (size 0) for an invalid handle (WARN_ONCE).
 */
PVOID WdfMemoryGetBuffer(WDFMEMORY Memory, size_t *BufferSize);

/**
 * WdfMemoryCopyToBuffer() - copy @NumBytesToCopyTo bytes from offset
 * @SourceOffset of the memory object into @Buffer.
 * @SourceMemory: the memory object copied from
 * @SourceOffset: byte offset in it
 * @Buffer: the destination
 * @NumBytesToCopyTo: bytes to copy
 *
 * Return: STATUS_SUCCESS; STATUS_BUFFER_TOO_SMALL (offset + count beyond
 * the object's buffer; nothing copied); STATUS_INVALID_PARAMETER (count 0,
 * offset + count overflows, NULL @Buffer with a WARN_ONCE);
 * STATUS_INVALID_HANDLE.
 */
NTSTATUS WdfMemoryCopyToBuffer(WDFMEMORY SourceMemory, size_t SourceOffset,
			       PVOID Buffer, size_t NumBytesToCopyTo);

/**
 * WdfMemoryCopyFromBuffer() - copy @NumBytesToCopyFrom bytes from @Buffer
 * to offset @DestinationOffset of the memory object.
 * @DestinationMemory: the memory object copied into
 * @DestinationOffset: byte offset in it
 * @Buffer: the source
 * @NumBytesToCopyFrom: bytes to copy
 *
 * Return: as WdfMemoryCopyToBuffer.
 */
NTSTATUS WdfMemoryCopyFromBuffer(WDFMEMORY DestinationMemory,
				 size_t DestinationOffset, PVOID Buffer,
				 size_t NumBytesToCopyFrom);

#endif /* _WDFSHIM_WDFMEMORY_H */
