// SPDX-License-Identifier: GPL-2.0-only
/*
 * wdf_mdl.c - the WDM helpers: MDLs for kernel buffers, delays, debug
 * output.
 */
#include <linux/delay.h>
#include <linux/export.h>
#include <linux/math64.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include "wdf_internal.h"

PMDL IoAllocateMdl(PVOID VirtualAddress, ULONG Length, BOOLEAN SecondaryBuffer,
		   BOOLEAN ChargeQuota, PVOID Irp)
{
	unsigned long start = (unsigned long)VirtualAddress;
	ULONG i, npages;
	PMDL mdl;

	if (!VirtualAddress || !Length || SecondaryBuffer || Irp)
		return NULL;
	npages = ADDRESS_AND_SIZE_TO_SPAN_PAGES(VirtualAddress, Length);
	mdl = wdf_mem_alloc(sizeof(*mdl), GFP_KERNEL);
	if (!mdl)
		return NULL;
	mdl->Pages = kvcalloc(npages, sizeof(*mdl->Pages), GFP_KERNEL);
	if (!mdl->Pages) {
		kfree(mdl);
		return NULL;
	}
	for (i = 0; i < npages; i++) {
		void *p = (void *)((start & PAGE_MASK) + i * PAGE_SIZE);

		mdl->Pages[i] = is_vmalloc_addr(p) ? vmalloc_to_page(p) :
						     virt_to_page(p);
	}
	mdl->StartVa = (PVOID)(start & PAGE_MASK);
	mdl->ByteOffset = offset_in_page(start);
	mdl->ByteCount = Length;
	mdl->PageCount = npages;
	return mdl;
}
EXPORT_SYMBOL_GPL(IoAllocateMdl);

void MmBuildMdlForNonPagedPool(PMDL Mdl)
{
	/* The pages were looked up by IoAllocateMdl. */
}
EXPORT_SYMBOL_GPL(MmBuildMdlForNonPagedPool);

void IoFreeMdl(PMDL Mdl)
{
	if (!Mdl)
		return;
	if (Mdl->MappedSystemVa)
		vunmap((void *)((unsigned long)Mdl->MappedSystemVa & PAGE_MASK));
	kvfree(Mdl->Pages);
	kfree(Mdl);
}
EXPORT_SYMBOL_GPL(IoFreeMdl);

NTSTATUS KeDelayExecutionThread(KPROCESSOR_MODE WaitMode, BOOLEAN Alertable,
				PLARGE_INTEGER Interval)
{
	u64 us;

	if (!Interval || Interval->QuadPart > 0)
		return STATUS_INVALID_PARAMETER;
	might_sleep();
	us = div_u64((u64)-Interval->QuadPart, 10);
	if (us < 20)
		udelay(us);
	else if (us < 20000)
		usleep_range(us, us + us / 8 + 1);
	else
		msleep(DIV_ROUND_UP_ULL(us, 1000));
	return STATUS_SUCCESS;
}
EXPORT_SYMBOL_GPL(KeDelayExecutionThread);

/*
 * Inside a device callback the line names the board (dev_*; see
 * wdf_log.c), elsewhere it is a plain pr_*.
 */
ULONG DbgPrintEx(ULONG ComponentId, ULONG Level, PCSTR Format, ...)
{
	struct device *dev = wdf_log_device();
	struct va_format vaf;
	va_list args;

	va_start(args, Format);
	vaf.fmt = Format;
	vaf.va = &args;
	switch (Level) {
	case DPFLTR_ERROR_LEVEL:
		if (dev)
			dev_err(dev, "%pV", &vaf);
		else
			pr_err("%pV", &vaf);
		break;
	case DPFLTR_WARNING_LEVEL:
		if (dev)
			dev_warn(dev, "%pV", &vaf);
		else
			pr_warn("%pV", &vaf);
		break;
	case DPFLTR_INFO_LEVEL:
		if (dev)
			dev_info(dev, "%pV", &vaf);
		else
			pr_info("%pV", &vaf);
		break;
	default:
		if (dev)
			dev_dbg(dev, "%pV", &vaf);
		else
			pr_debug("%pV", &vaf);
		break;
	}
	va_end(args);
	return STATUS_SUCCESS;
}
EXPORT_SYMBOL_GPL(DbgPrintEx);
