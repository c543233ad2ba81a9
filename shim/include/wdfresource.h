/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * wdfresource.h - WDFCMRESLIST: the hardware resources of a device (built
 * by the PCI adapter from the BARs and the interrupt line).
 */
#ifndef _WDFSHIM_WDFRESOURCE_H
#define _WDFSHIM_WDFRESOURCE_H

#include <wdfobject.h>

/** WdfCmResourceListGetCount() - number of descriptors (0 if invalid). */
ULONG WdfCmResourceListGetCount(WDFCMRESLIST List);

/**
 * WdfCmResourceListGetDescriptor() - descriptor @Index of @List.
 * @List: a resource list of EvtDevicePrepareHardware
 * @Index: 0-based
 *
 * Return: the descriptor, or NULL if @Index is out of range.
 */
PCM_PARTIAL_RESOURCE_DESCRIPTOR
WdfCmResourceListGetDescriptor(WDFCMRESLIST List, ULONG Index);

#endif /* _WDFSHIM_WDFRESOURCE_H */
