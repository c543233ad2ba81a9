/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * wdfpci.h - the Linux PCI adapter of the shim. Included by a driver's one
 * glue file only (never by the WDF-style core):
 *
 *	static const struct pci_device_id ids[] = { ... };
 *	MODULE_DEVICE_TABLE(pci, ids);
 *	WDF_PCI_DRIVER_MODULE(mydrv, ids, DriverEntry, mydrv_attr_groups);
 *
 * probe: pci_enable_device -> pci_set_master -> pci_request_regions ->
 * resource lists (BARs + INTx) -> EvtDriverDeviceAdd -> PrepareHardware ->
 * D0Entry(D3Final) -> request_irq(IRQF_SHARED) -> EvtInterruptEnable ->
 * D0EntryPostInterruptsEnabled -> char device live. remove: the mirror.
 */
#ifndef _WDFSHIM_WDFPCI_H
#define _WDFSHIM_WDFPCI_H

#include <linux/module.h>
#include <linux/pci.h>
#include <wdf.h>

/**
 * struct wdf_pci_driver - a pci_driver run by the shim.
 * @pci: the Linux PCI driver (probe/remove/pm set by the shim)
 * @driver_object: what DriverEntry receives
 * @entry: the core's DriverEntry
 * @msi: the INF's MSISupported: use one MSI vector when the device has
 *	MSI (the interrupt resource is then message-signaled), else INTx
 */
struct wdf_pci_driver {
	struct pci_driver pci;
	DRIVER_OBJECT driver_object;
	PDRIVER_INITIALIZE entry;
	bool msi;
};

/**
 * wdf_pci_driver_register() - call DriverEntry, then register the driver.
 * @drv: the driver
 * @owner: THIS_MODULE
 * @mod_name: KBUILD_MODNAME
 *
 * Return: 0 or a negative errno (DriverEntry's status through the table).
 */
int wdf_pci_driver_register(struct wdf_pci_driver *drv, struct module *owner,
			    const char *mod_name);
/** wdf_pci_driver_unregister() - unregister, EvtDriverUnload, delete. */
void wdf_pci_driver_unregister(struct wdf_pci_driver *drv);

/**
 * WdfPciDeviceFromDev() - the WDFDEVICE bound to a PCI struct device.
 * @dev: the PCI function's struct device (e.g. in a sysfs show routine)
 *
 * Return: the device, or NULL if none is bound.
 */
WDFDEVICE WdfPciDeviceFromDev(struct device *dev);

#define WDF_PCI_DRIVER_MODULE(_name, _ids, _entry, _groups)		\
	WDF_PCI_DRIVER_MODULE_MSI(_name, _ids, _entry, _groups, false)

/*
 * WDF_PCI_DRIVER_MODULE_MSI() - as WDF_PCI_DRIVER_MODULE, with the
 * MSISupported opt-in (@_msi is evaluated at module init, so a module
 * parameter can turn it off).
 */
#define WDF_PCI_DRIVER_MODULE_MSI(_name, _ids, _entry, _groups, _msi)	\
static struct wdf_pci_driver _name##_wdf_pci_driver = {			\
	.pci = {							\
		.name = #_name,						\
		.id_table = _ids,					\
		.dev_groups = _groups,					\
	},								\
	.entry = _entry,						\
};									\
static int __init _name##_wdf_pci_init(void)				\
{									\
	_name##_wdf_pci_driver.msi = (_msi);				\
	return wdf_pci_driver_register(&_name##_wdf_pci_driver,		\
				       THIS_MODULE, KBUILD_MODNAME);	\
}									\
module_init(_name##_wdf_pci_init);					\
static void __exit _name##_wdf_pci_exit(void)				\
{									\
	wdf_pci_driver_unregister(&_name##_wdf_pci_driver);		\
}									\
module_exit(_name##_wdf_pci_exit)

#endif /* _WDFSHIM_WDFPCI_H */
