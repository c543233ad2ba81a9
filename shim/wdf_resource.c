// SPDX-License-Identifier: GPL-2.0-only
/*
 * wdf_resource.c - WDFCMRESLIST: a copied array of descriptors.
 */
#include <linux/export.h>
#include <linux/overflow.h>
#include "wdf_internal.h"

/**
 * wdf_cmres_list_create() - a resource list holding copies of @desc.
 * @desc: descriptors (may be NULL if @count is 0)
 * @count: number of descriptors
 *
 * Return: the list (not in the object tree yet) or NULL.
 */
struct wdf_cmres_list *wdf_cmres_list_create(const CM_PARTIAL_RESOURCE_DESCRIPTOR *desc,
					     ULONG count)
{
	struct wdf_cmres_list *l;
	NTSTATUS st;

	l = wdf_object_alloc(struct_size(l, desc, count), WDF_TYPE_CMRES_LIST,
			     NULL, NULL, &st);
	if (!l)
		return NULL;
	l->count = count;
	if (count)
		memcpy(l->desc, desc, count * sizeof(*desc));
	l->obj.no_delete = true;
	return l;
}

ULONG WdfCmResourceListGetCount(WDFCMRESLIST List)
{
	struct wdf_cmres_list *l = WDF_GET(wdf_cmres_list, List,
					   WDF_TYPE_CMRES_LIST);

	return l ? l->count : 0;
}
EXPORT_SYMBOL_GPL(WdfCmResourceListGetCount);

PCM_PARTIAL_RESOURCE_DESCRIPTOR
WdfCmResourceListGetDescriptor(WDFCMRESLIST List, ULONG Index)
{
	struct wdf_cmres_list *l = WDF_GET(wdf_cmres_list, List,
					   WDF_TYPE_CMRES_LIST);

	if (!l || Index >= l->count)
		return NULL;
	return &l->desc[Index];
}
EXPORT_SYMBOL_GPL(WdfCmResourceListGetDescriptor);
