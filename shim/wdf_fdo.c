// SPDX-License-Identifier: GPL-2.0-only
/*
 * wdf_fdo.c - WdfFdoQueryForInterface and GUID_BUS_INTERFACE_STANDARD:
 * configuration-space access the KMDF way (GetBusData/SetBusData with
 * PCI_WHICHSPACE_CONFIG on pci_read/write_config_*).
 *
 * Each successful query allocates an interface context that holds a
 * reference on the struct device, counted by InterfaceReference /
 * InterfaceDereference (the query's own reference included); the last
 * dereference frees it. So an interface a driver forgets to release is a
 * leak KUnit sees (wdf_test_bus_interfaces()), not a dangling pointer.
 *
 * The three configuration-space primitives (size, one naturally aligned
 * read, one write) are KUnit stub points: a suite routes them to a board
 * model's configuration space.
 */
#include <linux/atomic.h>
#include <linux/export.h>
#include <linux/kref.h>
#include <linux/pci.h>
#include <linux/slab.h>
#include <wdffdo.h>
#include "wdf_internal.h"

#define WDF_BUS_IF_MAGIC	0x42494631	/* "BIF1" */

struct wdf_bus_interface {
	u32 magic;
	struct kref ref;
	struct device *dev;
};

static atomic_t wdf_bus_interfaces_live = ATOMIC_INIT(0);

/**
 * wdf_config_space_size() - bytes of @dev's configuration space: 256 or
 * 4096 for a PCI function, 0 (none) otherwise. KUnit stub point.
 * @dev: the device
 *
 * Return: the size in bytes.
 */
unsigned int wdf_config_space_size(struct device *dev)
{
	WDF_STUB_REDIRECT(wdf_config_space_size, dev);
	if (!dev || !dev_is_pci(dev))
		return 0;
	return to_pci_dev(dev)->cfg_size;
}
EXPORT_SYMBOL_GPL(wdf_config_space_size);

/**
 * wdf_config_read() - one naturally aligned configuration read of @size
 * (1, 2 or 4) bytes at @where. KUnit stub point.
 * @dev: the device
 * @where: offset
 * @size: access width
 * @val: out, the value
 *
 * Return: 0 or a negative errno.
 */
int wdf_config_read(struct device *dev, unsigned int where, unsigned int size,
		    u32 *val)
{
	struct pci_dev *pdev;
	u16 w;
	u8 b;
	int ret;

	WDF_STUB_REDIRECT(wdf_config_read, dev, where, size, val);
	if (!dev || !dev_is_pci(dev))
		return -ENODEV;
	pdev = to_pci_dev(dev);
	switch (size) {
	case 1:
		ret = pci_read_config_byte(pdev, where, &b);
		*val = b;
		break;
	case 2:
		ret = pci_read_config_word(pdev, where, &w);
		*val = w;
		break;
	case 4:
		ret = pci_read_config_dword(pdev, where, val);
		break;
	default:
		return -EINVAL;
	}
	return pcibios_err_to_errno(ret);
}
EXPORT_SYMBOL_GPL(wdf_config_read);

/**
 * wdf_config_write() - one naturally aligned configuration write of @size
 * (1, 2 or 4) bytes at @where. KUnit stub point.
 * @dev: the device
 * @where: offset
 * @size: access width
 * @val: the value
 *
 * Return: 0 or a negative errno.
 */
int wdf_config_write(struct device *dev, unsigned int where,
		     unsigned int size, u32 val)
{
	struct pci_dev *pdev;
	int ret;

	WDF_STUB_REDIRECT(wdf_config_write, dev, where, size, val);
	if (!dev || !dev_is_pci(dev))
		return -ENODEV;
	pdev = to_pci_dev(dev);
	switch (size) {
	case 1:
		ret = pci_write_config_byte(pdev, where, (u8)val);
		break;
	case 2:
		ret = pci_write_config_word(pdev, where, (u16)val);
		break;
	case 4:
		ret = pci_write_config_dword(pdev, where, val);
		break;
	default:
		return -EINVAL;
	}
	return pcibios_err_to_errno(ret);
}
EXPORT_SYMBOL_GPL(wdf_config_write);

static struct wdf_bus_interface *wdf_bus_if_get(PVOID Context,
						const char *caller)
{
	struct wdf_bus_interface *bi = Context;

	if (WDF_WARN_ONCE(!bi || bi->magic != WDF_BUS_IF_MAGIC,
			  "%s: not a bus interface context\n", caller))
		return NULL;
	return bi;
}

static void wdf_bus_if_release(struct kref *ref)
{
	struct wdf_bus_interface *bi =
		container_of(ref, struct wdf_bus_interface, ref);

	bi->magic = 0;
	put_device(bi->dev);
	kfree(bi);
	atomic_dec(&wdf_bus_interfaces_live);
}

static VOID wdf_bus_if_reference(PVOID Context)
{
	struct wdf_bus_interface *bi = wdf_bus_if_get(Context, __func__);

	if (bi)
		kref_get(&bi->ref);
}

static VOID wdf_bus_if_dereference(PVOID Context)
{
	struct wdf_bus_interface *bi = wdf_bus_if_get(Context, __func__);

	if (bi)
		kref_put(&bi->ref, wdf_bus_if_release);
}

static BOOLEAN wdf_bus_if_translate(PVOID Context, PHYSICAL_ADDRESS BusAddress,
				    ULONG Length, PULONG AddressSpace,
				    PPHYSICAL_ADDRESS TranslatedAddress)
{
	return FALSE;
}

static struct _DMA_ADAPTER *wdf_bus_if_dma_adapter(PVOID Context,
						   struct _DEVICE_DESCRIPTION *Desc,
						   PULONG NumberOfMapRegisters)
{
	return NULL;
}

/*
 * Move up to @Length bytes between @Buffer and configuration space at
 * @Offset in naturally aligned pieces; stop at the end of the space or
 * at the first failing access. Return the bytes moved.
 */
static ULONG wdf_bus_if_access(PVOID Context, ULONG DataType, PVOID Buffer,
			       ULONG Offset, ULONG Length, bool write,
			       const char *caller)
{
	struct wdf_bus_interface *bi = wdf_bus_if_get(Context, caller);
	u8 *buf = Buffer;
	unsigned int size, width;
	ULONG done = 0;
	u32 val;

	if (!bi || DataType != PCI_WHICHSPACE_CONFIG || !Length)
		return 0;
	if (WDF_WARN_ONCE(!Buffer, "%s: NULL buffer\n", caller))
		return 0;
	size = wdf_config_space_size(bi->dev);
	if (Offset >= size)
		return 0;
	Length = min_t(ULONG, Length, size - Offset);

	while (done < Length) {
		ULONG at = Offset + done, left = Length - done;

		if ((at & 3) == 0 && left >= 4)
			width = 4;
		else if ((at & 1) == 0 && left >= 2)
			width = 2;
		else
			width = 1;
		if (write) {
			val = 0;
			memcpy(&val, buf + done, width);
			val = le32_to_cpu((__force __le32)val);
			if (wdf_config_write(bi->dev, at, width, val))
				break;
		} else {
			if (wdf_config_read(bi->dev, at, width, &val))
				break;
			val = (__force u32)cpu_to_le32(val);
			memcpy(buf + done, &val, width);
		}
		done += width;
	}
	return done;
}

static ULONG wdf_bus_if_get_data(PVOID Context, ULONG DataType, PVOID Buffer,
				 ULONG Offset, ULONG Length)
{
	return wdf_bus_if_access(Context, DataType, Buffer, Offset, Length,
				 false, "GetBusData");
}

static ULONG wdf_bus_if_set_data(PVOID Context, ULONG DataType, PVOID Buffer,
				 ULONG Offset, ULONG Length)
{
	return wdf_bus_if_access(Context, DataType, Buffer, Offset, Length,
				 true, "SetBusData");
}

NTSTATUS WdfFdoQueryForInterface(WDFDEVICE Fdo, LPCGUID InterfaceType,
				 PINTERFACE Interface, USHORT Size,
				 USHORT Version, PVOID InterfaceSpecificData)
{
	struct wdf_device *d = WDF_GET(wdf_device, Fdo, WDF_TYPE_DEVICE);
	PBUS_INTERFACE_STANDARD bus = (PBUS_INTERFACE_STANDARD)Interface;
	struct wdf_bus_interface *bi;

	if (!d)
		return STATUS_INVALID_HANDLE;
	if (WDF_WARN_ONCE(!InterfaceType || !Interface,
			  "%s: NULL interface type or interface\n",
			  __func__))
		return STATUS_INVALID_PARAMETER;
	if (memcmp(InterfaceType, &GUID_BUS_INTERFACE_STANDARD,
		   sizeof(GUID)) != 0)
		return STATUS_NOT_SUPPORTED;
	if (Version != PCI_BUS_INTERFACE_STANDARD_VERSION)
		return STATUS_NOT_SUPPORTED;
	if (Size < sizeof(BUS_INTERFACE_STANDARD))
		return STATUS_BUFFER_TOO_SMALL;
	if (!wdf_config_space_size(d->dev))
		return STATUS_NOT_SUPPORTED;

	bi = kzalloc(sizeof(*bi), GFP_KERNEL);
	if (!bi)
		return STATUS_INSUFFICIENT_RESOURCES;
	bi->magic = WDF_BUS_IF_MAGIC;
	kref_init(&bi->ref);
	bi->dev = get_device(d->dev);
	atomic_inc(&wdf_bus_interfaces_live);

	memset(bus, 0, sizeof(*bus));
	bus->Size = sizeof(*bus);
	bus->Version = PCI_BUS_INTERFACE_STANDARD_VERSION;
	bus->Context = bi;
	bus->InterfaceReference = wdf_bus_if_reference;
	bus->InterfaceDereference = wdf_bus_if_dereference;
	bus->TranslateBusAddress = wdf_bus_if_translate;
	bus->GetDmaAdapter = wdf_bus_if_dma_adapter;
	bus->SetBusData = wdf_bus_if_set_data;
	bus->GetBusData = wdf_bus_if_get_data;
	return STATUS_SUCCESS;
}
EXPORT_SYMBOL_GPL(WdfFdoQueryForInterface);

#if WDF_SHIM_TEST_HOOKS
unsigned long wdf_test_bus_interfaces(void)
{
	return atomic_read(&wdf_bus_interfaces_live);
}
EXPORT_SYMBOL_GPL(wdf_test_bus_interfaces);
#endif
