// SPDX-License-Identifier: GPL-2.0-only
/*
 * wdf_interrupt_info.c - WdfInterruptGetInfo from the interrupt's resource
 * descriptor: wdf_pci.c flags it CM_RESOURCE_INTERRUPT_MESSAGE when the
 * driver opted in to MSI (the INF's MSISupported) and the device got an
 * MSI vector; INTx stays level-sensitive and shared.
 */
#include <linux/export.h>
#include "wdf_internal.h"

static const CM_PARTIAL_RESOURCE_DESCRIPTOR *
wdf_interrupt_desc(struct wdf_interrupt *intr)
{
	struct wdf_cmres_list *l = intr->device->translated;
	ULONG i;

	if (intr->config.InterruptTranslated)
		return intr->config.InterruptTranslated;
	for (i = 0; l && i < l->count; i++)
		if (l->desc[i].Type == CmResourceTypeInterrupt)
			return &l->desc[i];
	return NULL;
}

void WdfInterruptGetInfo(WDFINTERRUPT Interrupt, PWDF_INTERRUPT_INFO Info)
{
	struct wdf_interrupt *intr = WDF_GET(wdf_interrupt, Interrupt,
					     WDF_TYPE_INTERRUPT);
	const CM_PARTIAL_RESOURCE_DESCRIPTOR *r;

	if (!intr || WDF_WARN_ONCE(!Info || Info->Size != sizeof(*Info),
				   "%s: bad WDF_INTERRUPT_INFO\n",
				   __func__))
		return;
	WDF_INTERRUPT_INFO_INIT(Info);
	r = wdf_interrupt_desc(intr);
	if (!r)
		return;
	Info->Vector = r->u.Interrupt.Vector;
	Info->TargetProcessorSet = r->u.Interrupt.Affinity;
	Info->MessageSignaled = !!(r->Flags & CM_RESOURCE_INTERRUPT_MESSAGE);
	Info->Mode = (r->Flags & CM_RESOURCE_INTERRUPT_LATCHED) ? Latched :
							       LevelSensitive;
	Info->ShareDisposition = r->ShareDisposition;
}
EXPORT_SYMBOL_GPL(WdfInterruptGetInfo);
