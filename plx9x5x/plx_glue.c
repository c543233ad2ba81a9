// SPDX-License-Identifier: GPL-2.0-only
/*
 * plx_glue.c - the only Linux-specific file of the plx9x5x driver: PCI IDs,
 * module metadata and parameters, and the per-board sysfs counters. The
 * driver itself is the WDF-style core (plx_*.c) run by wdfshim.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/pci.h>
#include <linux/sysfs.h>
#include <wdfpci.h>

#include "plx_private.h"

/*
 * Autoload aliases: the two RDK-LITE boards, any subsystem, as the
 * sample's INF. The bare chip IDs are not here: unrelated cards built on
 * a PLX 9656/9056 carry them.
 */
static const struct pci_device_id plx_pci_alias_ids[] = {
	{ PCI_DEVICE(PLX_PCI_VENDOR_ID, PLX_PCI_DEVICE_ID_9656RDK) },
	{ PCI_DEVICE(PLX_PCI_VENDOR_ID, PLX_PCI_DEVICE_ID_9056RDK) },
	{ }
};
MODULE_DEVICE_TABLE(pci, plx_pci_alias_ids);

/*
 * The table the driver matches with: the same two boards, then two slots
 * that bare_chip_ids=1 fills with 10b5:9656 and 10b5:9056 before the
 * driver registers (module parameters are parsed before module init).
 */
#define PLX_BARE_SLOT	2
static struct pci_device_id plx_pci_ids[] = {
	{ PCI_DEVICE(PLX_PCI_VENDOR_ID, PLX_PCI_DEVICE_ID_9656RDK) },
	{ PCI_DEVICE(PLX_PCI_VENDOR_ID, PLX_PCI_DEVICE_ID_9056RDK) },
	{ },	/* 10b5:9656 with bare_chip_ids=1 */
	{ },	/* 10b5:9056 with bare_chip_ids=1 */
	{ }
};

static bool bare_chip_ids;

static int plx_set_bare_chip_ids(const char *val, const struct kernel_param *kp)
{
	static const struct pci_device_id bare[] = {
		{ PCI_DEVICE(PLX_PCI_VENDOR_ID, PLX_PCI_DEVICE_ID_9656) },
		{ PCI_DEVICE(PLX_PCI_VENDOR_ID, PLX_PCI_DEVICE_ID_9056) },
	};
	int ret = param_set_bool(val, kp);

	if (ret)
		return ret;
	if (bare_chip_ids) {
		plx_pci_ids[PLX_BARE_SLOT] = bare[0];
		plx_pci_ids[PLX_BARE_SLOT + 1] = bare[1];
	} else {
		memset(&plx_pci_ids[PLX_BARE_SLOT], 0, 2 * sizeof(bare[0]));
	}
	return 0;
}

static const struct kernel_param_ops plx_bare_chip_ids_ops = {
	.set = plx_set_bare_chip_ids,
	.get = param_get_bool,
};
module_param_cb(bare_chip_ids, &plx_bare_chip_ids_ops, &bare_chip_ids, 0444);
MODULE_PARM_DESC(bare_chip_ids,
		 "Also bind to the bare chip IDs 10b5:9656 and 10b5:9056 (load time only, default off)");

/*
 * chain_bytes: bytes per DMA descriptor chain, handed to the core before
 * the driver registers (load time only). The core validates it: a value
 * it refuses fails the parameter, so the module does not load.
 */
static unsigned int chain_bytes = PLX_MAX_TRANSFER_LENGTH;

static int plx_set_chain_bytes(const char *val, const struct kernel_param *kp)
{
	unsigned int v;
	int ret = kstrtouint(val, 0, &v);

	if (ret) {
		pr_err("chain_bytes=%s is not a number\n", val);
		return ret;
	}
	if (!NT_SUCCESS(PLxSetChainBytes(v))) {
		pr_err("chain_bytes=%u: must be a multiple of %u from %u to %u (0: default)\n",
		       v, PLX_MIN_TRANSFER_LENGTH, PLX_MIN_TRANSFER_LENGTH,
		       PLX_MAX_TRANSFER_LENGTH);
		return -EINVAL;
	}
	chain_bytes = PLxGetChainBytes();
	return 0;
}

static const struct kernel_param_ops plx_chain_bytes_ops = {
	.set = plx_set_chain_bytes,
	.get = param_get_uint,
};
module_param_cb(chain_bytes, &plx_chain_bytes_ops, &chain_bytes, 0444);
MODULE_PARM_DESC(chain_bytes,
		 "Bytes per DMA descriptor chain: 131072 (default, one chain and one interrupt per request) down to 4096 in 4096 steps; 8192 as in the KMDF sample (load time only)");

/* ---- sysfs: one read-only file per counter on the PCI device ---------- */

static ssize_t plx_counter_show(struct device *dev, char *buf, size_t field)
{
	PLX_COUNTERS c;

	if (!PLxGetCounters(WdfPciDeviceFromDev(dev), &c))
		return -ENODEV;
	return sysfs_emit(buf, "%llu\n",
			  (unsigned long long)*(ULONG64 *)((char *)&c + field));
}

#define PLX_COUNTER_ATTR(_name, _field)					\
static ssize_t _name##_show(struct device *dev,				\
			    struct device_attribute *attr, char *buf)	\
{									\
	return plx_counter_show(dev, buf,				\
				offsetof(PLX_COUNTERS, _field));	\
}									\
static DEVICE_ATTR_RO(_name)

PLX_COUNTER_ATTR(bytes_read, BytesRead);
PLX_COUNTER_ATTR(bytes_written, BytesWritten);
PLX_COUNTER_ATTR(requests, Requests);
PLX_COUNTER_ATTR(interrupts, Interrupts);
PLX_COUNTER_ATTR(errors, Errors);
PLX_COUNTER_ATTR(timeouts, Timeouts);
PLX_COUNTER_ATTR(cancels, Cancels);
PLX_COUNTER_ATTR(spurious_dpcs, SpuriousDpcs);
PLX_COUNTER_ATTR(dpcs, Dpcs);

static struct attribute *plx_attrs[] = {
	&dev_attr_bytes_read.attr,
	&dev_attr_bytes_written.attr,
	&dev_attr_requests.attr,
	&dev_attr_interrupts.attr,
	&dev_attr_errors.attr,
	&dev_attr_timeouts.attr,
	&dev_attr_cancels.attr,
	&dev_attr_spurious_dpcs.attr,
	&dev_attr_dpcs.attr,
	NULL
};
ATTRIBUTE_GROUPS(plx);

WDF_PCI_DRIVER_MODULE(plx9x5x, plx_pci_ids, DriverEntry, plx_groups);

MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(WDFSHIM_NS);
MODULE_DESCRIPTION("PLX PCI 9656/9056 RDK-LITE DMA driver (KMDF PLX9x5x sample on wdfshim)");
MODULE_VERSION(PLX9X5X_VERSION);
