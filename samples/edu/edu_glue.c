// SPDX-License-Identifier: GPL-2.0-only
/*
 * edu_glue.c - the only Linux-specific file of the edu driver: PCI IDs and
 * module metadata, the MSI opt-in. The driver is the WDF-style core (edu_*.c) on wdfshim.
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/pci.h>
#include <wdfpci.h>

#include "edu_private.h"

static const struct pci_device_id edu_pci_ids[] = {
	{ PCI_DEVICE(EDU_PCI_VENDOR_ID, EDU_PCI_DEVICE_ID) },
	{ }
};
MODULE_DEVICE_TABLE(pci, edu_pci_ids);

/* The INF's MSISupported: edu has MSI; INTx stays the fallback. */
static bool msi = true;
module_param(msi, bool, 0444);
MODULE_PARM_DESC(msi, "Use MSI when the device has it (default on; off: INTx)");

WDF_PCI_DRIVER_MODULE_MSI(edu, edu_pci_ids, DriverEntry, NULL, msi);

MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(WDFSHIM_NS);
MODULE_DESCRIPTION("QEMU edu device driver (WDF-style core on wdfshim)");
MODULE_VERSION(PLX9X5X_VERSION);
