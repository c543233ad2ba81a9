/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * wdffdo.h - WdfFdoQueryForInterface and the one interface the shim's
 * "bus driver" offers: GUID_BUS_INTERFACE_STANDARD, whose GetBusData /
 * SetBusData read and write the device's PCI configuration space
 * (PCI_WHICHSPACE_CONFIG). Types as WDM's INTERFACE /
 * BUS_INTERFACE_STANDARD, GUID as wdmguid.h.
 */
#ifndef _WDFSHIM_WDFFDO_H
#define _WDFSHIM_WDFFDO_H

#include <wdm.h>
#include <wdfobject.h>

/* {496B8280-6F25-11D0-BEAF-08002BE2092F} */
DEFINE_GUID(GUID_BUS_INTERFACE_STANDARD, 0x496b8280, 0x6f25, 0x11d0,
	    0xbe, 0xaf, 0x08, 0x00, 0x2b, 0xe2, 0x09, 0x2f);

/* The version of BUS_INTERFACE_STANDARD this shim offers. */
#define PCI_BUS_INTERFACE_STANDARD_VERSION	1

/* GetBusData/SetBusData DataType values. */
#define PCI_WHICHSPACE_CONFIG	0x0
#define PCI_WHICHSPACE_ROM	0x52696350	/* not offered: returns 0 */

typedef VOID INTERFACE_REFERENCE(PVOID Context);
typedef INTERFACE_REFERENCE *PINTERFACE_REFERENCE;
typedef VOID INTERFACE_DEREFERENCE(PVOID Context);
typedef INTERFACE_DEREFERENCE *PINTERFACE_DEREFERENCE;

/**
 * struct _INTERFACE - the header every queried interface starts with.
 * @Size: bytes of the whole interface structure
 * @Version: its version
 * @Context: passed to every function of the interface
 * @InterfaceReference: take a reference on @Context
 * @InterfaceDereference: drop one; the last one releases the interface
 */
typedef struct _INTERFACE {
	USHORT Size;
	USHORT Version;
	PVOID Context;
	PINTERFACE_REFERENCE InterfaceReference;
	PINTERFACE_DEREFERENCE InterfaceDereference;
} INTERFACE, *PINTERFACE;

struct _DMA_ADAPTER;
struct _DEVICE_DESCRIPTION;

typedef BOOLEAN TRANSLATE_BUS_ADDRESS(PVOID Context,
				      PHYSICAL_ADDRESS BusAddress,
				      ULONG Length, PULONG AddressSpace,
				      PPHYSICAL_ADDRESS TranslatedAddress);
typedef TRANSLATE_BUS_ADDRESS *PTRANSLATE_BUS_ADDRESS;
typedef struct _DMA_ADAPTER *GET_DMA_ADAPTER(PVOID Context,
					     struct _DEVICE_DESCRIPTION *Desc,
					     PULONG NumberOfMapRegisters);
typedef GET_DMA_ADAPTER *PGET_DMA_ADAPTER;
typedef ULONG GET_SET_DEVICE_DATA(PVOID Context, ULONG DataType,
				  PVOID Buffer, ULONG Offset, ULONG Length);
typedef GET_SET_DEVICE_DATA *PGET_SET_DEVICE_DATA;

/**
 * struct _BUS_INTERFACE_STANDARD - GUID_BUS_INTERFACE_STANDARD, version 1.
 * @Size: sizeof(BUS_INTERFACE_STANDARD)
 * @Version: PCI_BUS_INTERFACE_STANDARD_VERSION
 * @Context: the interface's context (reference counted)
 * @InterfaceReference: see INTERFACE
 * @InterfaceDereference: see INTERFACE; call once for the reference the
 *	query took, and once per InterfaceReference
 * @TranslateBusAddress: not offered by the shim: returns FALSE
 * @GetDmaAdapter: not offered by the shim (use a WDFDMAENABLER): NULL
 * @SetBusData: write @Length bytes at @Offset of the configuration space
 * @GetBusData: read @Length bytes at @Offset of the configuration space
 *
 * GetBusData/SetBusData return the bytes transferred: 0 for a DataType
 * other than PCI_WHICHSPACE_CONFIG, an @Offset at or past the end of the
 * device's configuration space (256 bytes, 4096 for PCIe), a NULL buffer
 * or a failing access; a range crossing the end is cut there. They may
 * be called in process context or from a DPC, not from the ISR.
 */
typedef struct _BUS_INTERFACE_STANDARD {
	USHORT Size;
	USHORT Version;
	PVOID Context;
	PINTERFACE_REFERENCE InterfaceReference;
	PINTERFACE_DEREFERENCE InterfaceDereference;
	PTRANSLATE_BUS_ADDRESS TranslateBusAddress;
	PGET_DMA_ADAPTER GetDmaAdapter;
	PGET_SET_DEVICE_DATA SetBusData;
	PGET_SET_DEVICE_DATA GetBusData;
} BUS_INTERFACE_STANDARD, *PBUS_INTERFACE_STANDARD;

/**
 * WdfFdoQueryForInterface() - ask the bus for an interface (what
 * IRP_MN_QUERY_INTERFACE does). The shim's bus answers
 * GUID_BUS_INTERFACE_STANDARD, version PCI_BUS_INTERFACE_STANDARD_VERSION,
 * for a device that has a configuration space (a PCI device; under KUnit
 * whatever the wdf_config_* stubs say). On success @Interface is filled
 * (Size and Version set to what was filled) and holds one reference:
 * release it with InterfaceDereference.
 * @Fdo: the device
 * @InterfaceType: the interface GUID
 * @Interface: caller's structure, at least @Size bytes
 * @Size: bytes of @Interface
 * @Version: interface version asked for
 * @InterfaceSpecificData: ignored (not used by this interface)
 *
 * Return: STATUS_SUCCESS; STATUS_NOT_SUPPORTED for an unknown GUID, a
 * version not offered or a device without configuration space;
 * STATUS_BUFFER_TOO_SMALL if @Size is smaller than the interface;
 * STATUS_INSUFFICIENT_RESOURCES; STATUS_INVALID_PARAMETER (and a WARN, a
 * bugcheck in KMDF) for a NULL @InterfaceType or @Interface;
 * STATUS_INVALID_HANDLE for a bad @Fdo.
 */
NTSTATUS WdfFdoQueryForInterface(WDFDEVICE Fdo, LPCGUID InterfaceType,
				 PINTERFACE Interface, USHORT Size,
				 USHORT Version, PVOID InterfaceSpecificData);

#endif /* _WDFSHIM_WDFFDO_H */
