// SPDX-License-Identifier: GPL-2.0-only
/*
 * wdf_driver.c - WDFDRIVER: one per DRIVER_OBJECT, created by the core's
 * DriverEntry; parent of the driver's devices.
 */
#include <linux/export.h>
#include <linux/idr.h>
#include "wdf_internal.h"

static bool wdf_scope_serialized(WDF_SYNCHRONIZATION_SCOPE s)
{
	return s == WdfSynchronizationScopeDevice ||
	       s == WdfSynchronizationScopeQueue;
}

static void wdf_driver_dispose(struct wdf_object *obj)
{
	struct wdf_driver *drv = container_of(obj, struct wdf_driver, obj);

	ida_destroy(&drv->minors);
	if (drv->drvobj)
		drv->drvobj->WdfDriver = NULL;
}

static const struct wdf_object_ops wdf_driver_ops = {
	.dispose = wdf_driver_dispose,
};

NTSTATUS WdfDriverCreate(PDRIVER_OBJECT DriverObject,
			 PCUNICODE_STRING RegistryPath,
			 PWDF_OBJECT_ATTRIBUTES DriverAttributes,
			 PWDF_DRIVER_CONFIG DriverConfig, WDFDRIVER *Driver)
{
	struct wdf_driver *drv;
	NTSTATUS st;

	st = WDF_CREATE_BEGIN_CFG(WDF_TYPE_DRIVER, Driver, NULL, DriverConfig,
				  DriverAttributes, NULL, NULL);
	if (!NT_SUCCESS(st))
		return st;
	if (WDF_WARN_ONCE(!DriverObject, "%s: NULL driver object\n", __func__))
		return STATUS_INVALID_PARAMETER;
	if (DriverConfig->DriverInitFlags & WdfDriverInitNonPnpDriver)
		return STATUS_INVALID_PARAMETER;
	if (DriverObject->WdfDriver)
		return STATUS_INVALID_DEVICE_STATE;

	drv = wdf_object_alloc(sizeof(*drv), WDF_TYPE_DRIVER, DriverAttributes,
			       &wdf_driver_ops, &st);
	if (!drv)
		return st;
	drv->drvobj = DriverObject;
	drv->config = *DriverConfig;
	drv->name = DriverObject->DriverName ?: "wdf";
	drv->serialized = wdf_scope_serialized(drv->obj.sync_scope);
	ida_init(&drv->minors);
	drv->obj.no_delete = true;
	DriverObject->WdfDriver = drv;
	return wdf_create_done(&drv->obj, NULL, (void **)Driver);
}
EXPORT_SYMBOL_GPL(WdfDriverCreate);

/**
 * wdf_driver_destroy() - EvtDriverUnload, then delete the driver object
 * (and what is left under it).
 * @drv: the driver
 */
void wdf_driver_destroy(struct wdf_driver *drv)
{
	if (!drv)
		return;
	if (drv->config.EvtDriverUnload)
		drv->config.EvtDriverUnload(drv);
	wdf_object_delete(&drv->obj);
}

PDRIVER_OBJECT WdfDriverWdmGetDriverObject(WDFDRIVER Driver)
{
	struct wdf_driver *drv = WDF_GET(wdf_driver, Driver, WDF_TYPE_DRIVER);

	return drv ? drv->drvobj : NULL;
}
EXPORT_SYMBOL_GPL(WdfDriverWdmGetDriverObject);

WDFDRIVER WdfDeviceGetDriver(WDFDEVICE Device)
{
	struct wdf_device *d = WDF_GET(wdf_device, Device, WDF_TYPE_DEVICE);

	return d ? d->driver : NULL;
}
EXPORT_SYMBOL_GPL(WdfDeviceGetDriver);
