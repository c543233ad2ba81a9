/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * wdfdriver.h - WDFDRIVER.
 */
#ifndef _WDFSHIM_WDFDRIVER_H
#define _WDFSHIM_WDFDRIVER_H

#include <wdfobject.h>

typedef struct wdfdevice_init WDFDEVICE_INIT, *PWDFDEVICE_INIT;

typedef NTSTATUS EVT_WDF_DRIVER_DEVICE_ADD(WDFDRIVER Driver,
					   PWDFDEVICE_INIT DeviceInit);
typedef EVT_WDF_DRIVER_DEVICE_ADD *PFN_WDF_DRIVER_DEVICE_ADD;
typedef void EVT_WDF_DRIVER_UNLOAD(WDFDRIVER Driver);
typedef EVT_WDF_DRIVER_UNLOAD *PFN_WDF_DRIVER_UNLOAD;

#define WdfDriverInitNonPnpDriver	0x00000001
#define WdfDriverInitNoDispatchOverride	0x00000002

/**
 * struct _WDF_DRIVER_CONFIG - WdfDriverCreate configuration.
 * @Size: sizeof(WDF_DRIVER_CONFIG)
 * @EvtDriverDeviceAdd: called from the bus probe for each device
 * @EvtDriverUnload: called at module exit, before the driver is deleted
 * @DriverInitFlags: WdfDriverInitNonPnpDriver is not supported
 * @DriverPoolTag: ignored
 */
typedef struct _WDF_DRIVER_CONFIG {
	ULONG Size;
	PFN_WDF_DRIVER_DEVICE_ADD EvtDriverDeviceAdd;
	PFN_WDF_DRIVER_UNLOAD EvtDriverUnload;
	ULONG DriverInitFlags;
	ULONG DriverPoolTag;
} WDF_DRIVER_CONFIG, *PWDF_DRIVER_CONFIG;

static inline void WDF_DRIVER_CONFIG_INIT(PWDF_DRIVER_CONFIG Config,
					  PFN_WDF_DRIVER_DEVICE_ADD EvtDriverDeviceAdd)
{
	memset(Config, 0, sizeof(*Config));
	Config->Size = sizeof(*Config);
	Config->EvtDriverDeviceAdd = EvtDriverDeviceAdd;
}

/**
 * WdfDriverCreate() - create the WDFDRIVER of a DRIVER_OBJECT (once).
 * @DriverObject: what DriverEntry received
 * @RegistryPath: what DriverEntry received (may be NULL)
 * @DriverAttributes: optional; ParentObject must be NULL
 * @DriverConfig: required
 * @Driver: optional out handle (WDF_NO_HANDLE)
 *
 * Return: STATUS_SUCCESS; STATUS_INFO_LENGTH_MISMATCH (Size);
 * STATUS_INVALID_PARAMETER (NULL object/config, NonPnp flag);
 * STATUS_INVALID_DEVICE_STATE (second driver for one DRIVER_OBJECT);
 * STATUS_INSUFFICIENT_RESOURCES.
 */
NTSTATUS WdfDriverCreate(PDRIVER_OBJECT DriverObject,
			 PCUNICODE_STRING RegistryPath,
			 PWDF_OBJECT_ATTRIBUTES DriverAttributes,
			 PWDF_DRIVER_CONFIG DriverConfig, WDFDRIVER *Driver);

/** WdfDriverWdmGetDriverObject() - the DRIVER_OBJECT of a WDFDRIVER. */
PDRIVER_OBJECT WdfDriverWdmGetDriverObject(WDFDRIVER Driver);

/** WdfDeviceGetDriver() - the WDFDRIVER that owns a device. */
WDFDRIVER WdfDeviceGetDriver(WDFDEVICE Device);

#endif /* _WDFSHIM_WDFDRIVER_H */
