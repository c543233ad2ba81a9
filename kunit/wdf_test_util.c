// SPDX-License-Identifier: GPL-2.0-only
/*
 * Helpers shared by the shim's KUnit suites.
 */
#include <kunit/device.h>
#include <kunit/test.h>
#include <linux/atomic.h>
#include <linux/dma-direct.h>
#include <linux/dma-mapping.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/vmalloc.h>
#include <wdftest.h>
#include "wdf_test_util.h"

/* The descriptor being started (tests run one at a time). */
static struct wdft_device *wdft_adding;

static NTSTATUS wdft_evt_device_add(WDFDRIVER Driver, PWDFDEVICE_INIT DeviceInit)
{
	struct wdft_device *wd = wdft_adding;
	WDF_OBJECT_ATTRIBUTES attrs;
	NTSTATUS st;

	if (!wd)
		return STATUS_INVALID_DEVICE_STATE;
	WdfDeviceInitSetIoType(DeviceInit, WdfDeviceIoDirect);
	if (wd->pnp)
		WdfDeviceInitSetPnpPowerEventCallbacks(DeviceInit, wd->pnp);
	if (wd->attrs) {
		st = WdfDeviceCreate(&DeviceInit, wd->attrs, &wd->created);
	} else {
		WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attrs, WDFT_DEVCTX);
		if (wd->scope)
			attrs.SynchronizationScope = wd->scope;
		attrs.EvtCleanupCallback = wd->cleanup;
		st = WdfDeviceCreate(&DeviceInit, &attrs, &wd->created);
		if (NT_SUCCESS(st)) {
			WDFT_DEVCTX *ctx = wdft_devctx(wd->created);

			if (!ctx)
				return STATUS_UNSUCCESSFUL;
			ctx->wd = wd;
		}
	}
	if (!NT_SUCCESS(st))
		return st;
	wd->device = wd->created;	/* for wd->add */
	return wd->add ? wd->add(wd) : STATUS_SUCCESS;
}

static NTSTATUS wdft_driver_entry(PDRIVER_OBJECT DriverObject,
				  PUNICODE_STRING RegistryPath)
{
	WDF_DRIVER_CONFIG cfg;

	WDF_DRIVER_CONFIG_INIT(&cfg, wdft_evt_device_add);
	return WdfDriverCreate(DriverObject, RegistryPath,
			       WDF_NO_OBJECT_ATTRIBUTES, &cfg, WDF_NO_HANDLE);
}

static void wdft_device_release(void *data)
{
	struct wdft_device *wd = data;

	if (wd->device)
		wdf_test_device_remove(wd->device);
	wd->device = NULL;
	if (wd->driver)
		wdf_test_driver_destroy(wd->driver);
	wd->driver = NULL;
}

struct wdft_device *wdft_device_alloc(struct kunit *test)
{
	struct wdft_device *wd;

	static atomic_t seq = ATOMIC_INIT(0);
	char name[32];

	wd = kunit_kzalloc(test, sizeof(*wd), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, wd);
	snprintf(name, sizeof(name), "wdft-dev-%d", atomic_inc_return(&seq));
	wd->dev = kunit_device_register(test, name);
	KUNIT_ASSERT_FALSE(test, IS_ERR_OR_NULL(wd->dev));
	return wd;
}

NTSTATUS wdft_device_start(struct kunit *test, struct wdft_device *wd,
			   const CM_PARTIAL_RESOURCE_DESCRIPTOR *res, ULONG count)
{
	WDFDEVICE device = (WDFDEVICE)wd;	/* poison */
	NTSTATUS st;

	st = wdf_test_driver_create("wdft", wdft_driver_entry, &wd->driver);
	KUNIT_ASSERT_EQ_MSG(test, st, STATUS_SUCCESS, "driver create 0x%08x", (u32)st);
	KUNIT_ASSERT_NOT_NULL(test, wd->driver);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, wdft_device_release, wd), 0);
	wdft_adding = wd;
	st = wdf_test_device_add(wd->driver, wd->dev, res, count, &device);
	wdft_adding = NULL;
	wd->device = device;
	if (NT_SUCCESS(st)) {
		KUNIT_EXPECT_PTR_EQ(test, device, wd->created);
	} else {
		/* the out-handle is NULL after a failure (wdftest.h) */
		KUNIT_EXPECT_NULL(test, device);
		wd->device = NULL;
	}
	return st;
}

struct wdft_device *wdft_device_create(struct kunit *test,
				       PWDF_OBJECT_ATTRIBUTES attrs)
{
	struct wdft_device *wd = wdft_device_alloc(test);
	NTSTATUS st;

	wd->attrs = attrs;
	st = wdft_device_start(test, wd, NULL, 0);
	KUNIT_ASSERT_EQ_MSG(test, st, STATUS_SUCCESS, "device add 0x%08x", (u32)st);
	KUNIT_ASSERT_NOT_NULL(test, wd->device);
	return wd;
}

void wdft_device_destroy(struct kunit *test, struct wdft_device *wd)
{
	kunit_release_action(test, wdft_device_release, wd);
}

WDFDMAENABLER wdft_enabler_create(struct kunit *test, struct wdft_device *wd,
				  WDF_DMA_PROFILE profile, size_t max_len)
{
	WDF_DMA_ENABLER_CONFIG cfg;
	WDFDMAENABLER en = NULL;
	NTSTATUS st;

	WDF_DMA_ENABLER_CONFIG_INIT(&cfg, profile, max_len);
	cfg.WdmDmaVersionOverride = 3;
	st = WdfDmaEnablerCreate(wd->device, &cfg, WDF_NO_OBJECT_ATTRIBUTES, &en);
	KUNIT_ASSERT_EQ_MSG(test, st, STATUS_SUCCESS, "WdfDmaEnablerCreate 0x%08x",
			    (u32)st);
	KUNIT_ASSERT_NOT_NULL(test, en);
	return en;
}

static void wdft_sbuf_free(void *data)
{
	struct wdft_sbuf *sb = data;
	unsigned int i;

	if (sb->va)
		vunmap(sb->va);
	for (i = 0; i < sb->npages; i++)
		if (sb->pages[i])
			__free_pages(sb->pages[i], 1);
	kfree(sb->pages);
	kfree(sb);
}

struct wdft_sbuf *wdft_sbuf_alloc(struct kunit *test, unsigned int npages)
{
	struct wdft_sbuf *sb;
	unsigned int i;

	sb = kzalloc(sizeof(*sb), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, sb);
	sb->pages = kcalloc(npages, sizeof(*sb->pages), GFP_KERNEL);
	if (!sb->pages) {
		kfree(sb);
		KUNIT_FAIL_AND_ABORT(test, "no memory");
	}
	sb->npages = npages;
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, wdft_sbuf_free, sb), 0);
	/*
	 * Order-1 blocks are 2-page aligned: using only their first page gives
	 * even PFNs only, so no two pages are ever physically adjacent.
	 */
	for (i = 0; i < npages; i++) {
		sb->pages[i] = alloc_pages(GFP_KERNEL | __GFP_ZERO, 1);
		KUNIT_ASSERT_NOT_NULL(test, sb->pages[i]);
	}
	for (i = 1; i < npages; i++)
		KUNIT_ASSERT_NE(test, page_to_pfn(sb->pages[i]),
				page_to_pfn(sb->pages[i - 1]) + 1);
	sb->va = vmap(sb->pages, npages, VM_MAP, PAGE_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, sb->va);
	return sb;
}

u64 wdft_sbuf_dma(struct device *dev, const struct wdft_sbuf *sb, size_t off)
{
	return (u64)phys_to_dma(dev, page_to_phys(sb->pages[off >> PAGE_SHIFT])) +
	       (off & (PAGE_SIZE - 1));
}

struct wdft_rec *wdft_rec_alloc(struct kunit *test, WDFDMATRANSACTION tx)
{
	struct wdft_rec *rec = kunit_kzalloc(test, sizeof(*rec), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, rec);
	rec->task = current;
	rec->tx = tx;
	return rec;
}

BOOLEAN wdft_program_dma(WDFDMATRANSACTION Transaction, WDFDEVICE Device,
			 WDFCONTEXT Context, WDF_DMA_DIRECTION Direction,
			 PSCATTER_GATHER_LIST SgList)
{
	struct wdft_rec *rec = Context;
	struct wdft_frag *f;
	u32 i;

	if (!rec || rec->n >= WDFT_MAX_FRAGS)
		return FALSE;
	if (Transaction != rec->tx)
		rec->bad_tx = true;
	f = &rec->frags[rec->n++];
	f->transferred = WdfDmaTransactionGetBytesTransferred(Transaction);
	f->cur_len = WdfDmaTransactionGetCurrentDmaTransferLength(Transaction);
	f->dir = Direction;
	f->device = Device;
	f->in_call = rec->in_call;
	f->same_task = current == rec->task;
	f->nelem = SgList ? SgList->NumberOfElements : 0;
	for (i = 0; SgList && i < SgList->NumberOfElements; i++) {
		f->sg_len += SgList->Elements[i].Length;
		if (i < WDFT_MAX_ELEMS) {
			f->addr[i] = SgList->Elements[i].Address.QuadPart;
			f->len[i] = SgList->Elements[i].Length;
		}
	}
	return TRUE;
}

KUNIT_DEFINE_ACTION_WRAPPER(wdft_free_mdl, IoFreeMdl, PMDL);

PMDL wdft_mdl(struct kunit *test, void *va, size_t len)
{
	PMDL mdl = IoAllocateMdl(va, (ULONG)len, FALSE, FALSE, NULL);

	KUNIT_ASSERT_NOT_NULL(test, mdl);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, wdft_free_mdl, mdl), 0);
	KUNIT_ASSERT_PTR_EQ(test, MmGetMdlVirtualAddress(mdl), va);
	KUNIT_ASSERT_EQ(test, (size_t)MmGetMdlByteCount(mdl), len);
	return mdl;
}
