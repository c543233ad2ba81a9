// SPDX-License-Identifier: GPL-2.0-only
/*
 * wdf_mdl.c - the WDM helpers: every MDL (kernel buffers, and the
 * pinned user buffer of a request), delays.
 */
#include <linux/delay.h>
#include <linux/export.h>
#include <linux/math64.h>
#include <linux/mm.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include "wdf_internal.h"

/* An MDL with a separate array of @npages page pointers; NULL: no memory. */
static PMDL wdf_mdl_alloc(unsigned int npages)
{
	PMDL mdl = wdf_mem_alloc(sizeof(*mdl), GFP_KERNEL);

	if (!mdl)
		return NULL;
	mdl->Pages = kvcalloc(npages, sizeof(*mdl->Pages), GFP_KERNEL);
	if (!mdl->Pages) {
		kfree(mdl);
		return NULL;
	}
	return mdl;
}

PMDL IoAllocateMdl(PVOID VirtualAddress, ULONG Length, BOOLEAN SecondaryBuffer,
		   BOOLEAN ChargeQuota, PVOID Irp)
{
	unsigned long start = (unsigned long)VirtualAddress;
	ULONG i, npages;
	PMDL mdl;

	if (!VirtualAddress || !Length || SecondaryBuffer || Irp)
		return NULL;
	npages = ADDRESS_AND_SIZE_TO_SPAN_PAGES(VirtualAddress, Length);
	mdl = wdf_mdl_alloc(npages);
	if (!mdl)
		return NULL;
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

/* Undo wdf_mdl_map(). */
static void wdf_mdl_unmap(PMDL mdl)
{
	if (!mdl->MappedSystemVa)
		return;
	vunmap((void *)((unsigned long)mdl->MappedSystemVa & PAGE_MASK));
	mdl->MappedSystemVa = NULL;
}

void IoFreeMdl(PMDL Mdl)
{
	if (!Mdl)
		return;
	wdf_mdl_unmap(Mdl);
	kvfree(Mdl->Pages);
	kfree(Mdl);
}
EXPORT_SYMBOL_GPL(IoFreeMdl);

#define WDF_MDL_USER_PINNED	0x1	/* Pages pinned with pin_user_pages */
#define WDF_MDL_DIRTY		0x2	/* unpin dirty (device -> host) */

/*
 * A user buffer's MDL lives in its request (struct wdf_mdl_user), and so
 * does its page array up to WDF_MDL_INLINE_PAGES pages (128 KiB at any
 * alignment): no allocation per request; a longer buffer's array is
 * allocated.
 */
static void wdf_mdl_free_pages(PMDL mdl)
{
	if (mdl->Pages != container_of(mdl, struct wdf_mdl_user, mdl)->pages)
		kvfree(mdl->Pages);
	mdl->Pages = NULL;
}

PMDL wdf_mdl_pin_user(struct wdf_mdl_user *um, unsigned long uaddr,
		      size_t len, bool to_memory, int *err)
{
	unsigned int npages = DIV_ROUND_UP(offset_in_page(uaddr) + len,
					   PAGE_SIZE);
	PMDL mdl = &um->mdl;
	int got;

	memset(mdl, 0, sizeof(*mdl));
	if (npages <= WDF_MDL_INLINE_PAGES) {
		mdl->Pages = um->pages;
	} else {
		mdl->Pages = kvcalloc(npages, sizeof(*mdl->Pages), GFP_KERNEL);
		if (!mdl->Pages) {
			*err = -ENOMEM;
			return NULL;
		}
	}
	got = pin_user_pages_fast(uaddr & PAGE_MASK, npages,
				  to_memory ? FOLL_WRITE : 0, mdl->Pages);
	if (got != npages) {
		if (got > 0)
			unpin_user_pages(mdl->Pages, got);
		wdf_mdl_free_pages(mdl);
		*err = got < 0 ? got : -EFAULT;
		if (*err == -ENOMEM)
			*err = -EFAULT;
		return NULL;
	}
	mdl->StartVa = (PVOID)(uaddr & PAGE_MASK);
	mdl->ByteOffset = offset_in_page(uaddr);
	mdl->ByteCount = len;
	mdl->PageCount = npages;
	mdl->Flags = WDF_MDL_USER_PINNED | (to_memory ? WDF_MDL_DIRTY : 0);
	return mdl;
}

void wdf_mdl_free(PMDL mdl)
{
	if (!mdl || !(mdl->Flags & WDF_MDL_USER_PINNED)) {
		IoFreeMdl(mdl);
		return;
	}
	wdf_mdl_unmap(mdl);
	if (mdl->Flags & WDF_MDL_DIRTY)
		unpin_user_pages_dirty_lock(mdl->Pages, mdl->PageCount, true);
	else
		unpin_user_pages(mdl->Pages, mdl->PageCount);
	mdl->Flags = 0;
	wdf_mdl_free_pages(mdl);
}

/* Kernel mapping of an MDL (MmGetSystemAddressForMdlSafe). */
void *wdf_mdl_map(PMDL mdl)
{
	void *va;

	if (mdl->MappedSystemVa)
		return mdl->MappedSystemVa;
	might_sleep();
	va = vmap(mdl->Pages, mdl->PageCount, VM_MAP, PAGE_KERNEL);
	if (!va)
		return NULL;
	mdl->MappedSystemVa = (u8 *)va + mdl->ByteOffset;
	return mdl->MappedSystemVa;
}

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
