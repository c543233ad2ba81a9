// SPDX-License-Identifier: GPL-2.0-only
/*
 * wdf_pci.c - the Linux PCI adapter: a pci_driver whose probe and remove
 * run a WDF driver's callbacks in KMDF's order (see wdfpci.h and
 * wdf_device.c). Resources: every non-empty BAR (CmResourceTypeMemory or
 * CmResourceTypePort, Start = the CPU address, Length = BAR size), then
 * the INTx line (CmResourceTypeInterrupt, Vector = Linux IRQ, shared) or,
 * for a driver with the MSI opt-in on a device with MSI, one MSI vector
 * (message-signaled, latched, exclusive; see WdfInterruptGetInfo).
 * Raw and translated lists are the same.
 *
 * System sleep: suspend waits for in-flight requests, then
 * D0ExitPreInterruptsDisabled, EvtInterruptDisable, free_irq, D0Exit(D3);
 * resume runs D0Entry(D3), request_irq, EvtInterruptEnable,
 * D0EntryPostInterruptsEnabled. The PCI core saves/restores config space.
 *
 * Bus mastering is on only while the device is in D0 with the core's
 * D0Entry done (wdf_device.c); .shutdown (reboot, kexec) disables the
 * interrupt and bus mastering.
 *
 * Function reset and AER recovery (pci_error_handlers): D0 exit before,
 * D0 entry after, as for system sleep but without waiting for requests
 * (see wdf_pci_reset_prepare below and wdf_device_reset_prepare).
 */
#include <linux/acpi.h>
#include <linux/export.h>
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/pci.h>
#include <wdfpci.h>
#include "wdf_internal.h"

static int wdf_pci_probe(struct pci_dev *pdev, const struct pci_device_id *id);

static bool legacy_intx;
module_param(legacy_intx, bool, 0444);
MODULE_PARM_DESC(legacy_intx,
		 "x86 with ACPI: accept an INTx line that neither ACPI nor the MP table routed (PIC-mode $PIR routing, the ISA-IRQ fallback)");

/**
 * wdf_pci_intx_problem() - why a function's INTx line cannot be used.
 * @pin: its Interrupt Pin register (0: none, 1-4: INTA#-INTD#)
 * @irq: pci_dev->irq after pci_enable_device()
 * @managed: pci_dev->irq_managed: the platform registered that IRQ for
 *	this function (an ACPI _PRT GSI, or an MP-table I/O APIC pin)
 * @firmware_routes: the platform routes INTx itself (x86 with ACPI), so
 *	an unmanaged @irq is only the stale Interrupt Line register that
 *	the BIOS wrote and nothing connects to this pin
 *
 * pci_enable_device() succeeds whether or not the line was routed; what
 * it leaves behind: no pin; irq 0 (nothing routed, the usual case off
 * x86); IRQ_NOTCONNECTED (x86: Interrupt Line 0xff); on x86 with ACPI an
 * irq that acpi_pci_irq_enable() did not register ("PCI INT A: no GSI":
 * the _PRT lookup failed) or that the legacy $PIR path took with a
 * router it guessed (acpi=noirq) - irq_managed is set only by a real
 * registration. The legacy PIC-mode $PIR routing and ACPI's "using ISA
 * IRQ" fallback also leave it clear; wdfshim.legacy_intx=1 accepts them.
 *
 * Return: NULL when the line is usable, else the reason (for the log).
 */
const char *wdf_pci_intx_problem(u8 pin, unsigned int irq, bool managed,
				 bool firmware_routes)
{
	if (!pin)
		return "the function has no interrupt pin";
	if (!irq)
		return "no IRQ was routed to its pin";
	if (irq == IRQ_NOTCONNECTED)
		return "its pin is not connected (Interrupt Line 0xff)";
	if (firmware_routes && !managed)
		return "the platform did not route its pin (no GSI; the IRQ is the stale Interrupt Line register)";
	return NULL;
}

/* wdf_device_find_pci_bar()'s question: which BAR holds [pa, pa + len) */
struct wdf_pci_bar_query {
	phys_addr_t pa;
	size_t len;
	int bar;
};

static bool wdf_pci_bar_match(struct wdf_device *d, void *arg)
{
	struct wdf_pci_bar_query *q = arg;
	int i;

	if (!d->pdev)
		return false;
	for (i = 0; i < PCI_STD_NUM_BARS; i++) {
		resource_size_t s = pci_resource_start(d->pdev, i);
		resource_size_t l = pci_resource_len(d->pdev, i);

		if (!l || !(pci_resource_flags(d->pdev, i) & IORESOURCE_MEM))
			continue;
		if (q->pa >= s && q->len <= l && q->pa - s <= l - q->len) {
			q->bar = i;
			return true;
		}
	}
	return false;
}

/**
 * wdf_device_find_pci_bar() - the device and BAR that contain a range.
 * @pa: start
 * @len: length
 * @bar: out, the BAR index
 *
 * Return: the device or NULL.
 */
struct wdf_device *wdf_device_find_pci_bar(phys_addr_t pa, size_t len,
					   int *bar)
{
	struct wdf_pci_bar_query q = { .pa = pa, .len = len };
	struct wdf_device *d = wdf_device_find(wdf_pci_bar_match, &q);

	if (d)
		*bar = q.bar;
	return d;
}

#if WDF_SHIM_TEST_HOOKS
const char *wdf_test_pci_intx_problem(u8 pin, unsigned int irq, bool managed,
				      bool firmware_routes)
{
	return wdf_pci_intx_problem(pin, irq, managed, firmware_routes);
}
EXPORT_SYMBOL_GPL(wdf_test_pci_intx_problem);
#endif

static const char *wdf_pci_intx_check(struct pci_dev *pdev)
{
	bool fw = IS_ENABLED(CONFIG_X86) && !acpi_disabled && !legacy_intx;

	return wdf_pci_intx_problem(pdev->pin, pdev->irq, pdev->irq_managed,
				    fw);
}

static struct wdf_pci_driver *wdf_pci_drv(struct pci_dev *pdev)
{
	return container_of(to_pci_driver(pdev->dev.driver),
			    struct wdf_pci_driver, pci);
}

static ULONG wdf_pci_resources(struct pci_dev *pdev,
			       CM_PARTIAL_RESOURCE_DESCRIPTOR *desc, bool msi,
			       bool intx)
{
	ULONG n = 0;
	int i;

	for (i = 0; i < PCI_STD_NUM_BARS; i++) {
		resource_size_t len = pci_resource_len(pdev, i);
		unsigned long flags = pci_resource_flags(pdev, i);
		CM_PARTIAL_RESOURCE_DESCRIPTOR *r = &desc[n];

		if (!len || !(flags & (IORESOURCE_MEM | IORESOURCE_IO)))
			continue;
		memset(r, 0, sizeof(*r));
		r->ShareDisposition = CmResourceShareDeviceExclusive;
		if (flags & IORESOURCE_MEM) {
			r->Type = CmResourceTypeMemory;
			r->Flags = CM_RESOURCE_MEMORY_READ_WRITE;
		} else {
			r->Type = CmResourceTypePort;
			r->Flags = CM_RESOURCE_PORT_IO;
		}
		r->u.Generic.Start.QuadPart = pci_resource_start(pdev, i);
		r->u.Generic.Length = (ULONG)min_t(resource_size_t, len,
						   U32_MAX);
		n++;
	}
	if (msi || intx) {
		CM_PARTIAL_RESOURCE_DESCRIPTOR *r = &desc[n++];

		memset(r, 0, sizeof(*r));
		r->Type = CmResourceTypeInterrupt;
		r->ShareDisposition = CmResourceShareShared;
		r->Flags = CM_RESOURCE_INTERRUPT_LEVEL_SENSITIVE;
		if (msi) {	/* pdev->irq is the MSI vector now */
			r->ShareDisposition = CmResourceShareDeviceExclusive;
			r->Flags = CM_RESOURCE_INTERRUPT_LATCHED |
				   CM_RESOURCE_INTERRUPT_MESSAGE;
		}
		r->u.Interrupt.Level = pdev->irq;
		r->u.Interrupt.Vector = pdev->irq;
		r->u.Interrupt.Affinity = (KAFFINITY)-1;
	}
	return n;
}

static int wdf_pci_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct wdf_pci_driver *w = wdf_pci_drv(pdev);
	struct wdf_driver *drv = w->driver_object.WdfDriver;
	CM_PARTIAL_RESOURCE_DESCRIPTOR desc[PCI_STD_NUM_BARS + 1];
	struct wdf_cmres_list *raw, *trans;
	const char *no_intx = NULL;
	struct wdf_device *d;
	bool msi;
	NTSTATUS st;
	ULONG n;
	int ret;

	if (!drv)
		return -ENODEV;
	ret = pci_enable_device(pdev);
	if (ret)
		return ret;
	/*
	 * Bus mastering stays off (a previous kernel may have left it on
	 * with the chip mid-transfer) until the core's D0Entry has quiesced
	 * the chip: wdf_device_start() turns it on then.
	 */
	pci_clear_master(pdev);
	ret = pci_request_regions(pdev, drv->name);
	if (ret)
		goto disable;

	/* MSISupported: one MSI vector if the device has MSI, else INTx */
	msi = w->msi && pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_MSI) == 1;
	if (!msi)
		no_intx = wdf_pci_intx_check(pdev);
	n = wdf_pci_resources(pdev, desc, msi, !no_intx);
	st = wdf_cmres_lists_create(desc, n, &raw, &trans);
	if (!NT_SUCCESS(st)) {
		ret = wdf_status_to_errno(st);	/* -ENOMEM, from the table */
		goto release;
	}
	st = wdf_device_add(drv, &pdev->dev, pdev, &d);
	if (!NT_SUCCESS(st)) {
		wdf_cmres_lists_free(raw, trans);
		goto fail;
	}
	if (d->interrupt && no_intx) {
		/*
		 * The driver declared an interrupt and the line is not
		 * usable: binding would time out every transfer.
		 */
		dev_err(&pdev->dev, "no usable interrupt: %s (INTx pin %u, irq %u); not binding\n",
			no_intx, pdev->pin, pdev->irq);
		wdf_cmres_lists_free(raw, trans);
		wdf_device_destroy(d);
		ret = -ENODEV;
		goto release;
	}
	pci_set_drvdata(pdev, d);
	st = wdf_device_start(d, raw, trans);
	if (!NT_SUCCESS(st)) {
		pci_set_drvdata(pdev, NULL);
		wdf_device_destroy(d);
		goto fail;
	}
	return 0;

fail:
	ret = wdf_status_to_errno(st) ?: -ENODEV;
	dev_err(&pdev->dev, "start failed: %s (0x%08x)\n",
		wdf_status_name(st) ?: "status", (u32)st);
release:
	pci_free_irq_vectors(pdev);
	pci_release_regions(pdev);
disable:
	pci_disable_device(pdev);
	return ret;
}

static void wdf_pci_remove(struct pci_dev *pdev)
{
	struct wdf_device *d = pci_get_drvdata(pdev);

	wdf_device_stop(d);
	pci_set_drvdata(pdev, NULL);
	wdf_device_destroy(d);
	pci_free_irq_vectors(pdev);
	pci_release_regions(pdev);
	pci_disable_device(pdev);
}

/*
 * Reboot, power-off, kexec: the board must stop touching memory and stop
 * interrupting now (no drain: user space is gone or going). The core's
 * EvtInterruptDisable masks the chip's interrupt; bus mastering off stops
 * any DMA at the bus.
 */
static void wdf_pci_shutdown(struct pci_dev *pdev)
{
	struct wdf_device *d = pci_get_drvdata(pdev);

	if (!d || !d->started)
		return;
	if (d->interrupt && d->interrupt->enabled)
		wdf_interrupt_disable(d->interrupt);
	pci_clear_master(pdev);
}

static int wdf_pci_suspend(struct device *dev)
{
	struct wdf_device *d = dev_get_drvdata(dev);

	if (d && d->started)
		wdf_device_suspend(d);
	return 0;
}

static int wdf_pci_resume(struct device *dev)
{
	struct wdf_device *d = dev_get_drvdata(dev);
	NTSTATUS st;

	if (!d || !d->started)
		return 0;
	st = wdf_device_resume(d);
	if (!NT_SUCCESS(st)) {
		dev_err(dev, "resume failed: 0x%08x\n", (u32)st);
		return wdf_status_to_errno(st) ?: -EIO;
	}
	return 0;
}

static DEFINE_SIMPLE_DEV_PM_OPS(wdf_pci_pm_ops, wdf_pci_suspend,
				wdf_pci_resume);

/*
 * Function reset (sysfs "reset", VFIO, a driver's pci_reset_function) and
 * AER error recovery. Both run the device's D0 exit before the reset and
 * its D0 entry after it (wdf_device_reset_prepare/done): transfers the
 * driver has running end with its error, requests arriving in between
 * are refused by the driver, and the board serves I/O again afterwards.
 * The PCI core saves and restores configuration space around a reset;
 * after error recovery slot_reset restores it.
 */
static void wdf_pci_reset_prepare(struct pci_dev *pdev)
{
	wdf_device_reset_prepare(pci_get_drvdata(pdev));
}

static void wdf_pci_reset_done(struct pci_dev *pdev)
{
	wdf_device_reset_done(pci_get_drvdata(pdev));
}

static pci_ers_result_t wdf_pci_error_detected(struct pci_dev *pdev,
					       pci_channel_state_t state)
{
	struct wdf_device *d = pci_get_drvdata(pdev);

	dev_warn(&pdev->dev, "PCI error (%s)\n",
		 state == pci_channel_io_perm_failure ? "permanent failure" :
		 state == pci_channel_io_frozen ? "I/O frozen" : "I/O normal");
	/* The registers may read all ones now: the driver decides gone. */
	wdf_device_reset_prepare(d);
	if (state == pci_channel_io_perm_failure)
		return PCI_ERS_RESULT_DISCONNECT;
	return PCI_ERS_RESULT_NEED_RESET;
}

static pci_ers_result_t wdf_pci_slot_reset(struct pci_dev *pdev)
{
	if (pci_reenable_device(pdev)) {
		dev_err(&pdev->dev, "cannot re-enable after the reset\n");
		return PCI_ERS_RESULT_DISCONNECT;
	}
	pci_restore_state(pdev);
	pci_save_state(pdev);
	return PCI_ERS_RESULT_RECOVERED;
}

static void wdf_pci_error_resume(struct pci_dev *pdev)
{
	if (NT_SUCCESS(wdf_device_reset_done(pci_get_drvdata(pdev))))
		dev_info(&pdev->dev, "recovered from the PCI error\n");
}

static const struct pci_error_handlers wdf_pci_err_handlers = {
	.error_detected = wdf_pci_error_detected,
	.slot_reset = wdf_pci_slot_reset,
	.resume = wdf_pci_error_resume,
	.reset_prepare = wdf_pci_reset_prepare,
	.reset_done = wdf_pci_reset_done,
};

int wdf_pci_driver_register(struct wdf_pci_driver *drv, struct module *owner,
			    const char *mod_name)
{
	static UNICODE_STRING registry_path;
	NTSTATUS st;
	int ret;

	drv->driver_object.DriverName = drv->pci.name;
	drv->driver_object.Owner = owner;
	drv->pci.probe = wdf_pci_probe;
	drv->pci.remove = wdf_pci_remove;
	drv->pci.shutdown = wdf_pci_shutdown;
	drv->pci.err_handler = &wdf_pci_err_handlers;
	drv->pci.driver.pm = pm_sleep_ptr(&wdf_pci_pm_ops);
	if (!drv->entry)
		return -EINVAL;
	st = drv->entry(&drv->driver_object, &registry_path);
	if (!NT_SUCCESS(st)) {
		wdf_driver_destroy(drv->driver_object.WdfDriver);
		return wdf_status_to_errno(st) ?: -EIO;
	}
	if (!drv->driver_object.WdfDriver) {
		pr_err("%s: DriverEntry did not call WdfDriverCreate\n",
		       drv->pci.name);
		return -EINVAL;
	}
	ret = __pci_register_driver(&drv->pci, owner, mod_name);
	if (ret)
		wdf_driver_destroy(drv->driver_object.WdfDriver);
	return ret;
}
EXPORT_SYMBOL_GPL(wdf_pci_driver_register);

void wdf_pci_driver_unregister(struct wdf_pci_driver *drv)
{
	pci_unregister_driver(&drv->pci);
	wdf_driver_destroy(drv->driver_object.WdfDriver);
}
EXPORT_SYMBOL_GPL(wdf_pci_driver_unregister);

WDFDEVICE WdfPciDeviceFromDev(struct device *dev)
{
	struct pci_dev *pdev;

	if (!dev || !dev_is_pci(dev) || !dev->driver ||
	    to_pci_driver(dev->driver)->probe != wdf_pci_probe)
		return NULL;
	pdev = to_pci_dev(dev);
	return pci_get_drvdata(pdev);
}
EXPORT_SYMBOL_GPL(WdfPciDeviceFromDev);
