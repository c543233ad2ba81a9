/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * wdfworkitem.h - WDFWORKITEM: a work item on the shim's work queue
 * (process context, like KMDF's PASSIVE_LEVEL work items).
 */
#ifndef _WDFSHIM_WDFWORKITEM_H
#define _WDFSHIM_WDFWORKITEM_H

#include <wdfobject.h>

typedef struct wdf_workitem *WDFWORKITEM;

typedef void EVT_WDF_WORKITEM(WDFWORKITEM WorkItem);
typedef EVT_WDF_WORKITEM *PFN_WDF_WORKITEM;

/**
 * struct _WDF_WORKITEM_CONFIG - WdfWorkItemCreate configuration.
 * @Size: sizeof(WDF_WORKITEM_CONFIG)
 * @EvtWorkItemFunc: required; runs in process context
 * @AutomaticSerialization: run under the device mutex when the parent's
 *	device has SynchronizationScope Device (or Queue)
 */
typedef struct _WDF_WORKITEM_CONFIG {
	ULONG Size;
	PFN_WDF_WORKITEM EvtWorkItemFunc;
	BOOLEAN AutomaticSerialization;
} WDF_WORKITEM_CONFIG, *PWDF_WORKITEM_CONFIG;

static inline void WDF_WORKITEM_CONFIG_INIT(PWDF_WORKITEM_CONFIG Config,
					    PFN_WDF_WORKITEM EvtWorkItemFunc)
{
	memset(Config, 0, sizeof(*Config));
	Config->Size = sizeof(*Config);
	Config->EvtWorkItemFunc = EvtWorkItemFunc;
	Config->AutomaticSerialization = TRUE;
}

/**
 * WdfWorkItemCreate() - create a work item; Attributes->ParentObject is
 * required (a device, or an object whose parent chain leads to a device).
 * @Config: required
 * @Attributes: required, with ParentObject
 * @WorkItem: out handle, NULL after a failure
 *
 * Return: STATUS_SUCCESS; STATUS_INFO_LENGTH_MISMATCH (Config or
 * attributes Size); STATUS_INVALID_PARAMETER (no EvtWorkItemFunc, no
 * attributes or no ParentObject: KMDF's own status for a missing parent is
 * not in ntstatus.h, the shim answers as WdfTimerCreate does);
 * STATUS_INVALID_HANDLE (parent is not an object, WARN_ONCE);
 * STATUS_INSUFFICIENT_RESOURCES.
 */
NTSTATUS WdfWorkItemCreate(PWDF_WORKITEM_CONFIG Config,
			   PWDF_OBJECT_ATTRIBUTES Attributes,
			   WDFWORKITEM *WorkItem);

/**
 * WdfWorkItemEnqueue() - queue the work item; a no-op if it is already
 * queued and has not started yet (KMDF: enqueued once).
 * @WorkItem: the work item
 */
void WdfWorkItemEnqueue(WDFWORKITEM WorkItem);

/**
 * WdfWorkItemFlush() - wait until the queued/running callback returned.
 * From the work item's own callback: WARN_ONCE and no wait (it would
 * never return).
 * @WorkItem: the work item
 */
void WdfWorkItemFlush(WDFWORKITEM WorkItem);

/** WdfWorkItemGetParentObject() - the work item's parent. */
WDFOBJECT WdfWorkItemGetParentObject(WDFWORKITEM WorkItem);

#endif /* _WDFSHIM_WDFWORKITEM_H */
