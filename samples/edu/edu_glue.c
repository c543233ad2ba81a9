// SPDX-License-Identifier: GPL-2.0-only
/*
 * edu_glue.c - the only Linux-specific file of the edu driver: PCI IDs and
 * module metadata. The driver is the WDF-style core (edu_*.c) on wdfshim.
 */
#include <linux/module.h>
#include <linux/pci.h>
#include <wdfpci.h>

#include "edu_private.h"

static const struct pci_device_id edu_pci_ids[] = {
	{ PCI_DEVICE(EDU_PCI_VENDOR_ID, EDU_PCI_DEVICE_ID) },
	{ }
};
MODULE_DEVICE_TABLE(pci, edu_pci_ids);

WDF_PCI_DRIVER_MODULE(edu, edu_pci_ids, DriverEntry, NULL);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("QEMU edu device driver (WDF-style core on wdfshim)");
MODULE_VERSION(PLX9X5X_VERSION);
