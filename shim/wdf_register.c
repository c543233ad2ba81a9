// SPDX-License-Identifier: GPL-2.0-only
/*
 * wdf_register.c - register access (the KUnit redirect point) and
 * MmMapIoSpace(Ex)/MmUnmapIoSpace.
 *
 * Without WDF_SHIM_TEST_HOOKS (wdm.h: a build of the KUnit suites only,
 * never CONFIG_KUNIT alone), READ/WRITE_REGISTER_* are inline
 * ioread/iowrite in wdm.h and nothing here is on the register path. With
 * it, they call wdf_register_read/write, which a test redirects to a
 * board model with kunit_activate_static_stub().
 */
#include <linux/export.h>
#include <linux/io.h>
#include <linux/list.h>
#include <linux/pci.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include "wdf_internal.h"

#if WDF_SHIM_TEST_HOOKS
ULONG wdf_register_read(const void *reg, unsigned int width)
{
	void __iomem *addr = (void __iomem __force *)reg;

	WDF_STUB_REDIRECT(wdf_register_read, reg, width);
	switch (width) {
	case 1:
		return ioread8(addr);
	case 2:
		return ioread16(addr);
	default:
		return ioread32(addr);
	}
}
EXPORT_SYMBOL_GPL(wdf_register_read);

void wdf_register_write(void *reg, unsigned int width, ULONG val)
{
	void __iomem *addr = (void __iomem __force *)reg;

	WDF_STUB_REDIRECT(wdf_register_write, reg, width, val);
	switch (width) {
	case 1:
		iowrite8(val, addr);
		break;
	case 2:
		iowrite16(val, addr);
		break;
	default:
		iowrite32(val, addr);
		break;
	}
}
EXPORT_SYMBOL_GPL(wdf_register_write);
#endif

/* Mappings made on a PCI BAR, so that MmUnmapIoSpace uses pci_iounmap. */
struct wdf_iomap {
	struct list_head node;
	void __iomem *va;
	struct pci_dev *pdev;
};

static LIST_HEAD(wdf_iomaps);
static DEFINE_SPINLOCK(wdf_iomaps_lock);

/**
 * wdf_map_io() - map a physical range: a PCI BAR through pci_iomap_range,
 * anything else with ioremap. Redirectable by KUnit.
 * @pa: start
 * @len: length
 *
 * Return: the mapping or NULL.
 */
void __iomem *wdf_map_io(phys_addr_t pa, size_t len)
{
	struct wdf_device *d;
	struct wdf_iomap *m;
	void __iomem *va;
	int bar;

	WDF_STUB_REDIRECT(wdf_map_io, pa, len);
	if (!len)
		return NULL;
	d = wdf_device_find_pci_bar(pa, len, &bar);
	if (!d)
		return ioremap(pa, len);
	m = kzalloc(sizeof(*m), GFP_KERNEL);
	if (!m)
		return NULL;
	va = pci_iomap_range(d->pdev, bar, pa - pci_resource_start(d->pdev, bar),
			     len);
	if (!va) {
		kfree(m);
		return NULL;
	}
	m->va = va;
	m->pdev = d->pdev;
	spin_lock(&wdf_iomaps_lock);
	list_add(&m->node, &wdf_iomaps);
	spin_unlock(&wdf_iomaps_lock);
	return va;
}
EXPORT_SYMBOL_GPL(wdf_map_io);

/**
 * wdf_unmap_io() - undo wdf_map_io(). Redirectable by KUnit.
 * @va: the mapping
 */
void wdf_unmap_io(void __iomem *va)
{
	struct wdf_iomap *m, *found = NULL;

	WDF_STUB_REDIRECT(wdf_unmap_io, va);
	spin_lock(&wdf_iomaps_lock);
	list_for_each_entry(m, &wdf_iomaps, node) {
		if (m->va == va) {
			list_del(&m->node);
			found = m;
			break;
		}
	}
	spin_unlock(&wdf_iomaps_lock);
	if (found) {
		pci_iounmap(found->pdev, va);
		kfree(found);
	} else {
		iounmap(va);
	}
}
EXPORT_SYMBOL_GPL(wdf_unmap_io);

PVOID MmMapIoSpace(PHYSICAL_ADDRESS PhysicalAddress, SIZE_T NumberOfBytes,
		   MEMORY_CACHING_TYPE CacheType)
{
	might_sleep();
	return (PVOID __force)wdf_map_io((phys_addr_t)PhysicalAddress.QuadPart,
					 NumberOfBytes);
}
EXPORT_SYMBOL_GPL(MmMapIoSpace);

PVOID MmMapIoSpaceEx(PHYSICAL_ADDRESS PhysicalAddress, SIZE_T NumberOfBytes,
		     ULONG Protect)
{
	return MmMapIoSpace(PhysicalAddress, NumberOfBytes, MmNonCached);
}
EXPORT_SYMBOL_GPL(MmMapIoSpaceEx);

void MmUnmapIoSpace(PVOID BaseAddress, SIZE_T NumberOfBytes)
{
	if (WDF_WARN_ONCE(!BaseAddress, "%s: NULL address\n", __func__))
		return;
	wdf_unmap_io((void __iomem __force *)BaseAddress);
}
EXPORT_SYMBOL_GPL(MmUnmapIoSpace);
