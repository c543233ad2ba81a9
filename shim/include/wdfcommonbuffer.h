/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * wdfcommonbuffer.h - WDFCOMMONBUFFER: dma_alloc_coherent memory.
 */
#ifndef _WDFSHIM_WDFCOMMONBUFFER_H
#define _WDFSHIM_WDFCOMMONBUFFER_H

#include <wdfobject.h>
#include <wdfdmaenabler.h>

/**
 * struct _WDF_COMMON_BUFFER_CONFIG - per-buffer alignment.
 * @Size: sizeof(WDF_COMMON_BUFFER_CONFIG)
 * @AlignmentRequirement: a mask (boundary - 1); not validated (as KMDF)
 */
typedef struct _WDF_COMMON_BUFFER_CONFIG {
	ULONG Size;
	ULONG AlignmentRequirement;
} WDF_COMMON_BUFFER_CONFIG, *PWDF_COMMON_BUFFER_CONFIG;

static inline void WDF_COMMON_BUFFER_CONFIG_INIT(PWDF_COMMON_BUFFER_CONFIG Config,
						 ULONG AlignmentRequirement)
{
	memset(Config, 0, sizeof(*Config));
	Config->Size = sizeof(*Config);
	Config->AlignmentRequirement = AlignmentRequirement;
}

/** WdfCommonBufferGetAlignedVirtualAddress() - the aligned kernel VA. */
PVOID WdfCommonBufferGetAlignedVirtualAddress(WDFCOMMONBUFFER CommonBuffer);
/** WdfCommonBufferGetAlignedLogicalAddress() - the aligned dma_addr_t. */
PHYSICAL_ADDRESS
WdfCommonBufferGetAlignedLogicalAddress(WDFCOMMONBUFFER CommonBuffer);
/** WdfCommonBufferGetLength() - the Length asked for. */
size_t WdfCommonBufferGetLength(WDFCOMMONBUFFER CommonBuffer);

/**
 * WdfCommonBufferCreate() - allocate coherent DMA memory (parent: enabler)
 * aligned to the enabler's alignment (snapshotted at enabler creation from
 * WdfDeviceSetAlignmentRequirement, scatter/gather profiles only).
 * @DmaEnabler: the enabler
 * @Length: bytes, > 0
 * @Attributes: optional; ParentObject must be NULL
 * @CommonBuffer: out handle, set to NULL first and after every failure
 *
 * Masks >= PAGE_SIZE over-allocate by the mask; the VA is then at the
 * same offset from the raw VA as the aligned logical address from the
 * raw one. Must be called in process context.
 *
 * Return: STATUS_SUCCESS; STATUS_INVALID_PARAMETER (Length 0);
 * STATUS_WDF_PARENT_ASSIGNMENT_NOT_ALLOWED; STATUS_INFO_LENGTH_MISMATCH;
 * STATUS_INTEGER_OVERFLOW (Length + mask overflows); STATUS_INSUFFICIENT_RESOURCES
 * (allocation failure, or the padded length exceeds ULONG).
 */
NTSTATUS WdfCommonBufferCreate(WDFDMAENABLER DmaEnabler,
			       size_t Length,
			       PWDF_OBJECT_ATTRIBUTES Attributes,
			       WDFCOMMONBUFFER *CommonBuffer);
/**
 * WdfCommonBufferCreateWithConfig() - as WdfCommonBufferCreate, with the
 * alignment taken from @Config (checked first: Size mismatch gives
 * STATUS_INFO_LENGTH_MISMATCH).
 * @DmaEnabler: the enabler whose device the buffer is for
 * @Length: bytes, > 0
 * @Config: the alignment (WDF_COMMON_BUFFER_CONFIG_INIT)
 * @Attributes: WDF_NO_OBJECT_ATTRIBUTES or the attributes (no
 *	ParentObject: the parent is @DmaEnabler)
 * @CommonBuffer: out: the new object
 */
NTSTATUS WdfCommonBufferCreateWithConfig(WDFDMAENABLER DmaEnabler,
					 size_t Length,
					 PWDF_COMMON_BUFFER_CONFIG Config,
					 PWDF_OBJECT_ATTRIBUTES Attributes,
					 WDFCOMMONBUFFER *CommonBuffer);

#endif /* _WDFSHIM_WDFCOMMONBUFFER_H */
