/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * wdfdmaenabler.h - WDFDMAENABLER: the DMA capabilities of a device.
 */
#ifndef _WDFSHIM_WDFDMAENABLER_H
#define _WDFSHIM_WDFDMAENABLER_H

#include <wdfobject.h>
#include <wdfdevice.h>

typedef enum _WDF_DMA_PROFILE {
	WdfDmaProfileInvalid = 0,
	WdfDmaProfilePacket,
	WdfDmaProfileScatterGather,
	WdfDmaProfilePacket64,
	WdfDmaProfileScatterGather64,
	WdfDmaProfileScatterGatherDuplex,
	WdfDmaProfileScatterGather64Duplex,
	WdfDmaProfileSystem,
	WdfDmaProfileSystemDuplex,
	WdfDmaProfileMaximum,
} WDF_DMA_PROFILE;

typedef enum _WDF_DMA_DIRECTION {
	WdfDmaDirectionReadFromDevice = FALSE,
	WdfDmaDirectionWriteToDevice = TRUE,
} WDF_DMA_DIRECTION;

#define WDF_DMA_ENABLER_CONFIG_NO_SGLIST_PREALLOCATION	0x00000001
#define WDF_DMA_ENABLER_CONFIG_REQUIRE_SINGLE_TRANSFER	0x00000002

#define WDF_DMA_ENABLER_UNLIMITED_FRAGMENTS	((ULONG)-1)

typedef NTSTATUS EVT_WDF_DMA_ENABLER_FILL(WDFDMAENABLER DmaEnabler);
typedef EVT_WDF_DMA_ENABLER_FILL *PFN_WDF_DMA_ENABLER_FILL;
typedef NTSTATUS EVT_WDF_DMA_ENABLER_FLUSH(WDFDMAENABLER DmaEnabler);
typedef EVT_WDF_DMA_ENABLER_FLUSH *PFN_WDF_DMA_ENABLER_FLUSH;
typedef NTSTATUS EVT_WDF_DMA_ENABLER_ENABLE(WDFDMAENABLER DmaEnabler);
typedef EVT_WDF_DMA_ENABLER_ENABLE *PFN_WDF_DMA_ENABLER_ENABLE;
typedef NTSTATUS EVT_WDF_DMA_ENABLER_DISABLE(WDFDMAENABLER DmaEnabler);
typedef EVT_WDF_DMA_ENABLER_DISABLE *PFN_WDF_DMA_ENABLER_DISABLE;
typedef void EVT_WDF_DMA_ENABLER_SELFMANAGED_IO_START(WDFDMAENABLER DmaEnabler);
typedef EVT_WDF_DMA_ENABLER_SELFMANAGED_IO_START
	*PFN_WDF_DMA_ENABLER_SELFMANAGED_IO_START;
typedef void EVT_WDF_DMA_ENABLER_SELFMANAGED_IO_STOP(WDFDMAENABLER DmaEnabler);
typedef EVT_WDF_DMA_ENABLER_SELFMANAGED_IO_STOP
	*PFN_WDF_DMA_ENABLER_SELFMANAGED_IO_STOP;

/**
 * struct _WDF_DMA_ENABLER_CONFIG - WdfDmaEnablerCreate configuration.
 * @Size: sizeof(WDF_DMA_ENABLER_CONFIG)
 * @Profile: Packet/ScatterGather[64][Duplex]; System profiles:
 *	STATUS_NOT_SUPPORTED
 * @MaximumLength: bytes per transfer (fragment), > 0
 * @EvtDmaEnablerFill: must be NULL (STATUS_NOT_SUPPORTED: never called)
 * @EvtDmaEnablerFlush: must be NULL (as @EvtDmaEnablerFill)
 * @EvtDmaEnablerDisable: must be NULL (as @EvtDmaEnablerFill)
 * @EvtDmaEnablerEnable: must be NULL (as @EvtDmaEnablerFill)
 * @EvtDmaEnablerSelfManagedIoStart: must be NULL (as @EvtDmaEnablerFill)
 * @EvtDmaEnablerSelfManagedIoStop: must be NULL (as @EvtDmaEnablerFill)
 * @AddressWidthOverride: 0 = from the profile (64 falls back to 32)
 * @WdmDmaVersionOverride: 3 enables single-transfer support
 * @Flags: WDF_DMA_ENABLER_CONFIG_*
 */
typedef struct _WDF_DMA_ENABLER_CONFIG {
	ULONG Size;
	WDF_DMA_PROFILE Profile;
	size_t MaximumLength;
	PFN_WDF_DMA_ENABLER_FILL EvtDmaEnablerFill;
	PFN_WDF_DMA_ENABLER_FLUSH EvtDmaEnablerFlush;
	PFN_WDF_DMA_ENABLER_DISABLE EvtDmaEnablerDisable;
	PFN_WDF_DMA_ENABLER_ENABLE EvtDmaEnablerEnable;
	PFN_WDF_DMA_ENABLER_SELFMANAGED_IO_START EvtDmaEnablerSelfManagedIoStart;
	PFN_WDF_DMA_ENABLER_SELFMANAGED_IO_STOP EvtDmaEnablerSelfManagedIoStop;
	ULONG AddressWidthOverride;
	ULONG WdmDmaVersionOverride;
	ULONG Flags;
} WDF_DMA_ENABLER_CONFIG, *PWDF_DMA_ENABLER_CONFIG;

static inline void WDF_DMA_ENABLER_CONFIG_INIT(PWDF_DMA_ENABLER_CONFIG Config,
					       WDF_DMA_PROFILE Profile,
					       size_t MaximumLength)
{
	memset(Config, 0, sizeof(*Config));
	Config->Size = sizeof(*Config);
	Config->Profile = Profile;
	Config->MaximumLength = MaximumLength;
}

/**
 * WdfDmaEnablerCreate() - set the device's DMA mask from the profile and
 * create the enabler (parent: the device).
 * @Device: the device
 * @Config: required
 * @Attributes: optional; a ParentObject other than @Device is refused
 * @DmaEnablerHandle: out handle, NULL after a failure
 *
 * Return: STATUS_SUCCESS; a create prologue status (wdfobject.h);
 * STATUS_INVALID_PARAMETER (unknown profile, MaximumLength 0,
 * AddressWidthOverride > 32 on a 32-bit profile, REQUIRE_SINGLE_TRANSFER
 * without WdmDmaVersionOverride 3); STATUS_NOT_SUPPORTED (System profiles,
 * an Evt callback set; WARN_ONCE); STATUS_UNSUCCESSFUL
 * (dma_set_mask_and_coherent refused even 32 bits);
 * STATUS_INSUFFICIENT_RESOURCES.
 */
NTSTATUS WdfDmaEnablerCreate(WDFDEVICE Device, PWDF_DMA_ENABLER_CONFIG Config,
			     PWDF_OBJECT_ATTRIBUTES Attributes,
			     WDFDMAENABLER *DmaEnablerHandle);

/**
 * WdfDmaEnablerSetMaximumScatterGatherElements() - SG elements per
 * transfer; 0 is ignored (as KMDF), values above ULONG are clamped.
 * @DmaEnabler: the enabler
 * @MaximumFragments: elements per transfer
 */
void WdfDmaEnablerSetMaximumScatterGatherElements(WDFDMAENABLER DmaEnabler,
						  size_t MaximumFragments);
/** WdfDmaEnablerGetMaximumScatterGatherElements() - the current limit. */
size_t WdfDmaEnablerGetMaximumScatterGatherElements(WDFDMAENABLER DmaEnabler);
/** WdfDmaEnablerGetMaximumLength() - the configured MaximumLength. */
size_t WdfDmaEnablerGetMaximumLength(WDFDMAENABLER DmaEnabler);

#endif /* _WDFSHIM_WDFDMAENABLER_H */
