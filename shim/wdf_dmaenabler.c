// SPDX-License-Identifier: GPL-2.0-only
/*
 * wdf_dmaenabler.c - WDFDMAENABLER: the profile becomes the device's DMA
 * mask (dma_set_mask_and_coherent; 64-bit profiles fall back to 32 bits),
 * MaximumLength the fragment length, the device alignment is snapshotted
 * for scatter/gather profiles.
 */
#include <linux/dma-mapping.h>
#include <linux/export.h>
#include "wdf_internal.h"

/**
 * wdf_dma_set_mask() - dma_set_mask_and_coherent, redirectable by KUnit.
 * @dev: the device
 * @mask: the mask
 *
 * Return: 0 or a negative errno.
 */
int wdf_dma_set_mask(struct device *dev, u64 mask)
{
	WDF_STUB_REDIRECT(wdf_dma_set_mask, dev, mask);
	return dma_set_mask_and_coherent(dev, mask);
}
EXPORT_SYMBOL_GPL(wdf_dma_set_mask);

static bool wdf_profile_is_64(WDF_DMA_PROFILE p)
{
	return p == WdfDmaProfilePacket64 || p == WdfDmaProfileScatterGather64 ||
	       p == WdfDmaProfileScatterGather64Duplex;
}

static bool wdf_profile_is_sg(WDF_DMA_PROFILE p)
{
	return p == WdfDmaProfileScatterGather ||
	       p == WdfDmaProfileScatterGather64 ||
	       p == WdfDmaProfileScatterGatherDuplex ||
	       p == WdfDmaProfileScatterGather64Duplex;
}

/*
 * The enabler's six callbacks belong to DMA engines the system shares
 * (system-mode DMA, self-managed I/O); the shim would never call them.
 */
static const struct wdf_unsupported wdf_dma_enabler_unsupported[] = {
	WDF_UNSUPPORTED(WDF_DMA_ENABLER_CONFIG, EvtDmaEnablerFill),
	WDF_UNSUPPORTED(WDF_DMA_ENABLER_CONFIG, EvtDmaEnablerFlush),
	WDF_UNSUPPORTED(WDF_DMA_ENABLER_CONFIG, EvtDmaEnablerDisable),
	WDF_UNSUPPORTED(WDF_DMA_ENABLER_CONFIG, EvtDmaEnablerEnable),
	WDF_UNSUPPORTED(WDF_DMA_ENABLER_CONFIG, EvtDmaEnablerSelfManagedIoStart),
	WDF_UNSUPPORTED(WDF_DMA_ENABLER_CONFIG, EvtDmaEnablerSelfManagedIoStop),
};

NTSTATUS WdfDmaEnablerCreate(WDFDEVICE Device, PWDF_DMA_ENABLER_CONFIG Config,
			     PWDF_OBJECT_ATTRIBUTES Attributes,
			     WDFDMAENABLER *DmaEnablerHandle)
{
	struct wdf_object *dobj, *parent;
	struct wdf_dma_enabler *e;
	struct wdf_device *d;
	unsigned int bits;
	NTSTATUS st;
	u64 mask;

	st = WDF_CREATE_BEGIN_CFG(WDF_TYPE_DMA_ENABLER, DmaEnablerHandle, Device,
				  Config, Attributes, &dobj, &parent);
	if (!NT_SUCCESS(st))
		return st;
	d = container_of(dobj, struct wdf_device, obj);
	st = wdf_unsupported_check(__func__, Config, wdf_dma_enabler_unsupported,
				   ARRAY_SIZE(wdf_dma_enabler_unsupported));
	if (!NT_SUCCESS(st))
		return st;
	if (Config->Profile == WdfDmaProfileSystem ||
	    Config->Profile == WdfDmaProfileSystemDuplex)
		return wdf_not_supported(__func__, "system-mode DMA");
	if (Config->Profile <= WdfDmaProfileInvalid ||
	    Config->Profile >= WdfDmaProfileMaximum)
		return STATUS_INVALID_PARAMETER;
	if (!Config->MaximumLength)
		return STATUS_INVALID_PARAMETER;
	if (Config->AddressWidthOverride > 64 ||
	    (!wdf_profile_is_64(Config->Profile) &&
	     Config->AddressWidthOverride > 32))
		return STATUS_INVALID_PARAMETER;
	if ((Config->Flags & WDF_DMA_ENABLER_CONFIG_REQUIRE_SINGLE_TRANSFER) &&
	    Config->WdmDmaVersionOverride < 3)
		return STATUS_INVALID_PARAMETER;

	bits = Config->AddressWidthOverride ?:
		(wdf_profile_is_64(Config->Profile) ? 64 : 32);
	mask = DMA_BIT_MASK(bits);
	if (wdf_dma_set_mask(d->dev, mask)) {
		if (bits <= 32)
			return STATUS_UNSUCCESSFUL;
		mask = DMA_BIT_MASK(32);
		if (wdf_dma_set_mask(d->dev, mask))
			return STATUS_UNSUCCESSFUL;
		dev_info(d->dev, "%u-bit DMA refused, using 32 bits\n",
			 bits);
	}

	e = wdf_object_alloc(sizeof(*e), WDF_TYPE_DMA_ENABLER, Attributes, NULL,
			     &st);
	if (!e)
		return st;
	e->device = d;
	e->config = *Config;
	e->mask = mask;
	e->max_sg = WDF_DMA_ENABLER_UNLIMITED_FRAGMENTS;
	e->alignment = wdf_profile_is_sg(Config->Profile) ? d->alignment : 0;
	return wdf_create_done(&e->obj, parent, (void **)DmaEnablerHandle);
}
EXPORT_SYMBOL_GPL(WdfDmaEnablerCreate);

void WdfDmaEnablerSetMaximumScatterGatherElements(WDFDMAENABLER DmaEnabler,
						  size_t MaximumFragments)
{
	struct wdf_dma_enabler *e = WDF_GET(wdf_dma_enabler, DmaEnabler,
					    WDF_TYPE_DMA_ENABLER);

	if (!e)
		return;
	if (!MaximumFragments) {
		dev_warn(e->device->dev,
			 "maximum SG elements 0 ignored\n");
		return;
	}
	e->max_sg = min_t(size_t, MaximumFragments, U32_MAX);
}
EXPORT_SYMBOL_GPL(WdfDmaEnablerSetMaximumScatterGatherElements);

size_t WdfDmaEnablerGetMaximumScatterGatherElements(WDFDMAENABLER DmaEnabler)
{
	struct wdf_dma_enabler *e = WDF_GET(wdf_dma_enabler, DmaEnabler,
					    WDF_TYPE_DMA_ENABLER);

	return e ? e->max_sg : 0;
}
EXPORT_SYMBOL_GPL(WdfDmaEnablerGetMaximumScatterGatherElements);

size_t WdfDmaEnablerGetMaximumLength(WDFDMAENABLER DmaEnabler)
{
	struct wdf_dma_enabler *e = WDF_GET(wdf_dma_enabler, DmaEnabler,
					    WDF_TYPE_DMA_ENABLER);

	return e ? e->config.MaximumLength : 0;
}
EXPORT_SYMBOL_GPL(WdfDmaEnablerGetMaximumLength);
