/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Helpers shared by the shim's KUnit suites (kunit/wdf_*_test.c).
 */
#ifndef _PLX_KUNIT_WDF_TEST_UTIL_H
#define _PLX_KUNIT_WDF_TEST_UTIL_H

#include <kunit/test.h>
#include <kunit/test-bug.h>
#include <linux/debug_locks.h>
#include <linux/printk.h>
#include <wdf.h>
#include <wdftest.h>

/*
 * Expected WARNs: kunit/run.sh fails the run on any WARNING in the kernel
 * log outside these markers, and on a "must" window without a WARNING.
 */
#define WDFT_WARN_BEGIN(test) \
	pr_info("plx-kunit: expect-warn begin %s\n", (test)->name)
#define WDFT_WARN_BEGIN_MUST(test) \
	pr_info("plx-kunit: expect-warn begin must %s\n", (test)->name)
#define WDFT_WARN_END(test) \
	pr_info("plx-kunit: expect-warn end %s\n", (test)->name)

/**
 * struct wdft_device - a WDF driver + device on a kunit_device_register()
 * device, created through wdftest.h (DriverEntry -> EvtDriverDeviceAdd ->
 * start), removed when the test ends.
 * @dev: the struct device (32-bit DMA mask set by KUnit)
 * @driver: the WDFDRIVER
 * @device: the WDFDEVICE (as wdf_test_device_add returned it)
 * @created: what WdfDeviceCreate returned inside EvtDriverDeviceAdd
 * @attrs: device attributes for WdfDeviceCreate (may be NULL)
 * @pnp: PnP/power callbacks (may be NULL)
 * @add: called in EvtDriverDeviceAdd after WdfDeviceCreate (queues,
 *	interrupt ...); its status fails the add
 * @scope: SynchronizationScope of the device when @attrs is NULL (then
 *	the device gets a WDFT_DEVCTX context pointing back to this)
 * @cleanup: EvtCleanupCallback of the device when @attrs is NULL
 * @priv: for the test
 */
struct wdft_device {
	struct device *dev;
	WDFDRIVER driver;
	WDFDEVICE device;
	WDFDEVICE created;
	PWDF_OBJECT_ATTRIBUTES attrs;
	PWDF_PNPPOWER_EVENT_CALLBACKS pnp;
	s32 (*add)(struct wdft_device *wd);	/* returns an NTSTATUS */
	WDF_SYNCHRONIZATION_SCOPE scope;
	PFN_WDF_OBJECT_CONTEXT_CLEANUP cleanup;
	void *priv;
};

/*
 * The context the helpers give a device created without attributes, so
 * callbacks running on shim threads (DPC, timer, deferred EvtIo) find
 * their test's data. The WDF context macros paste the type name: the
 * typedef is inherent to them.
 */
typedef struct _WDFT_DEVCTX {
	struct wdft_device *wd;
} WDFT_DEVCTX;
WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(WDFT_DEVCTX, wdft_devctx);

static inline struct wdft_device *wdft_of(WDFDEVICE device)
{
	WDFT_DEVCTX *c = wdft_devctx(device);

	return c ? c->wd : NULL;
}

/*
 * wdft_device_create() - a started device (attributes may be NULL); it is
 * removed (object tree deleted, cleanups run) when the test ends unless
 * wdft_device_destroy() did it first. Fails the test on error.
 */
struct wdft_device *wdft_device_create(struct kunit *test,
				       PWDF_OBJECT_ATTRIBUTES attrs);
/* The same with a prepared descriptor: set @wd fields, then start it. */
struct wdft_device *wdft_device_alloc(struct kunit *test);
NTSTATUS wdft_device_start(struct kunit *test, struct wdft_device *wd,
			   const CM_PARTIAL_RESOURCE_DESCRIPTOR *res, ULONG count);
void wdft_device_destroy(struct kunit *test, struct wdft_device *wd);

/* An enabler on @wd; fails the test on error. */
WDFDMAENABLER wdft_enabler_create(struct kunit *test, struct wdft_device *wd,
				  WDF_DMA_PROFILE profile, size_t max_len);

/**
 * struct wdft_sbuf - a buffer whose pages are pairwise physically
 * non-adjacent (so no SG merging is possible), mapped contiguously with
 * vmap(); the expected SG list of any byte range follows from @pages.
 * @va: start of the mapping
 * @pages: the pages, in VA order
 * @npages: their number
 */
struct wdft_sbuf {
	u8 *va;
	struct page **pages;
	unsigned int npages;
};

struct wdft_sbuf *wdft_sbuf_alloc(struct kunit *test, unsigned int npages);

/* The device-visible address of byte @off of @sb on @dev (no IOMMU). */
u64 wdft_sbuf_dma(struct device *dev, const struct wdft_sbuf *sb, size_t off);

#define WDFT_MAX_ELEMS	16
#define WDFT_MAX_FRAGS	48

/**
 * struct wdft_frag - one EvtProgramDma call, as recorded.
 * @transferred: WdfDmaTransactionGetBytesTransferred() inside the call
 * @cur_len: WdfDmaTransactionGetCurrentDmaTransferLength() inside the call
 * @sg_len: sum of the SG element lengths
 * @nelem: SgList->NumberOfElements
 * @addr: element addresses
 * @len: element lengths
 * @dir: the direction argument
 * @device: the device argument
 * @in_call: the test's "inside a shim call" marker at the time of the call
 * @same_task: the callback ran on the test's own thread (synchronously)
 */
struct wdft_frag {
	size_t transferred;
	size_t cur_len;
	size_t sg_len;
	u32 nelem;
	u64 addr[WDFT_MAX_ELEMS];
	u32 len[WDFT_MAX_ELEMS];
	WDF_DMA_DIRECTION dir;
	WDFDEVICE device;
	int in_call;
	bool same_task;
};

/**
 * struct wdft_rec - the Context of Execute: a log of EvtProgramDma calls.
 * @frags: the calls
 * @n: number of calls
 * @in_call: set by the test around Execute / DmaCompleted* calls
 * @task: the test thread
 * @tx: the transaction expected as the first argument
 * @bad_tx: a call came with another transaction
 */
struct wdft_rec {
	struct wdft_frag frags[WDFT_MAX_FRAGS];
	int n;
	int in_call;
	struct task_struct *task;
	WDFDMATRANSACTION tx;
	bool bad_tx;
};

struct wdft_rec *wdft_rec_alloc(struct kunit *test, WDFDMATRANSACTION tx);
EVT_WDF_PROGRAM_DMA wdft_program_dma;

/* An MDL over @len bytes at @va (kernel memory), freed at test end. */
PMDL wdft_mdl(struct kunit *test, void *va, size_t len);

/* Live shim objects, if the shim counts them (WDF_TEST_HAS_LIVE_OBJECTS). */
#ifdef WDF_TEST_HAS_LIVE_OBJECTS
#define wdft_live_objects()	wdf_test_live_objects()
#else
#define wdft_live_objects()	0UL
#endif

/*
 * Lockdep answers "held" for everything once an earlier report turned it
 * off: tests that ask lockdep_is_held() first make sure it still works.
 */
#define WDFT_ASSERT_LOCKDEP(test) \
	KUNIT_ASSERT_TRUE_MSG(test, debug_locks, \
			      "lockdep is off (an earlier report disabled it)")

#endif /* _PLX_KUNIT_WDF_TEST_UTIL_H */
