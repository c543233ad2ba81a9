// SPDX-License-Identifier: GPL-2.0-only
/*
 * wdf_resource.c - WDFCMRESLIST: a copied array of descriptors.
 */
#include <linux/export.h>
#include <linux/overflow.h>
#include "wdf_internal.h"

/* A resource list holding copies of @desc, not in the object tree yet. */
static struct wdf_cmres_list *wdf_cmres_list_create(const CM_PARTIAL_RESOURCE_DESCRIPTOR *desc,
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

/**
 * wdf_cmres_lists_create() - the raw and the translated resource list of
 * a start (wdf_device_start()), both copies of @desc: the shim translates
 * nothing.
 * @desc: descriptors (may be NULL if @count is 0)
 * @count: number of descriptors
 * @raw: out, the raw list (not in the object tree yet)
 * @trans: out, the translated list (not in the object tree yet)
 *
 * Return: STATUS_SUCCESS, or STATUS_INSUFFICIENT_RESOURCES with neither
 * list allocated.
 */
NTSTATUS wdf_cmres_lists_create(const CM_PARTIAL_RESOURCE_DESCRIPTOR *desc,
				ULONG count, struct wdf_cmres_list **raw,
				struct wdf_cmres_list **trans)
{
	*raw = wdf_cmres_list_create(desc, count);
	*trans = wdf_cmres_list_create(desc, count);
	if (*raw && *trans)
		return STATUS_SUCCESS;
	wdf_cmres_lists_free(*raw, *trans);
	*raw = NULL;
	*trans = NULL;
	return STATUS_INSUFFICIENT_RESOURCES;
}

/**
 * wdf_cmres_lists_free() - free the lists of wdf_cmres_lists_create() that
 * no start took (wdf_device_start() attaches them to the device).
 * @raw: the raw list, or NULL
 * @trans: the translated list, or NULL
 */
void wdf_cmres_lists_free(struct wdf_cmres_list *raw,
			  struct wdf_cmres_list *trans)
{
	if (raw)
		wdf_object_free_unattached(&raw->obj);
	if (trans)
		wdf_object_free_unattached(&trans->obj);
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
