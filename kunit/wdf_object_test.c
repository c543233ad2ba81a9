// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: object lifetime and typed contexts (facts §2.2, §8.15):
 * deleting a parent deletes its children first and runs every cleanup
 * callback once, children before parents; WdfObjectDelete is refused on
 * the objects KMDF flags "no delete DDI"; contexts are zeroed and typed.
 */
#include <kunit/test.h>
#include <linux/lockdep.h>
#include <linux/mutex.h>
#include <linux/string.h>
#include "wdf_test_util.h"

/* The WDF context macros paste the type's name: a typedef is inherent. */
typedef struct _OBJ_DEVCTX {
	u64 words[16];
	u32 tail;
} OBJ_DEVCTX;
WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(OBJ_DEVCTX, obj_get_devctx);

typedef struct _OBJ_OTHERCTX {
	u32 value;
} OBJ_OTHERCTX;
WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(OBJ_OTHERCTX, obj_get_otherctx);

/* The log of cleanup / destroy callbacks of the running test. */
#define OBJ_LOG_MAX	32
struct obj_log {
	int n;
	WDFOBJECT obj[OBJ_LOG_MAX];
	bool destroy[OBJ_LOG_MAX];
};

static struct obj_log *obj_log(struct kunit *test)
{
	struct obj_log *log = kunit_kzalloc(test, sizeof(*log), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, log);
	test->priv = log;
	return log;
}

static void obj_log_add(WDFOBJECT o, bool destroy)
{
	struct kunit *test = kunit_get_current_test();
	struct obj_log *log = test ? test->priv : NULL;

	if (!log || log->n >= OBJ_LOG_MAX)
		return;
	log->obj[log->n] = o;
	log->destroy[log->n] = destroy;
	log->n++;
}

static void obj_cleanup(WDFOBJECT o)
{
	obj_log_add(o, false);
}

static void obj_destroy(WDFOBJECT o)
{
	obj_log_add(o, true);
}

/* Index of the cleanup (or destroy) of @o in the log, -1 if absent. */
static int obj_pos(struct obj_log *log, WDFOBJECT o, bool destroy)
{
	int i, pos = -1, hits = 0;

	for (i = 0; i < log->n; i++)
		if (log->obj[i] == o && log->destroy[i] == destroy) {
			pos = i;
			hits++;
		}
	return hits == 1 ? pos : (hits ? -2 : -1);
}

static void obj_attrs(PWDF_OBJECT_ATTRIBUTES a)
{
	WDF_OBJECT_ATTRIBUTES_INIT(a);
	a->EvtCleanupCallback = obj_cleanup;
	a->EvtDestroyCallback = obj_destroy;
}

static void obj_device_context_is_zeroed_and_typed(struct kunit *test)
{
	WDF_OBJECT_ATTRIBUTES attrs;
	struct wdft_device *wd;
	OBJ_DEVCTX *ctx;

	WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attrs, OBJ_DEVCTX);
	wd = wdft_device_create(test, &attrs);
	ctx = obj_get_devctx(wd->device);
	KUNIT_ASSERT_NOT_NULL(test, ctx);
	KUNIT_EXPECT_NULL(test, memchr_inv(ctx, 0, sizeof(*ctx)));
	KUNIT_EXPECT_PTR_EQ(test, WdfObjectContextGetObject(ctx), (WDFOBJECT)wd->device);
	KUNIT_EXPECT_PTR_EQ(test, (void *)WdfObjectGetTypedContext(wd->device,
						OBJ_DEVCTX), (void *)ctx);
	/* another type is not there */
	KUNIT_EXPECT_NULL(test, obj_get_otherctx(wd->device));
	/* the whole context is usable (KASAN checks the bounds) */
	ctx->tail = 0xdeadbeef;
	ctx->words[0] = 1;
	KUNIT_EXPECT_EQ(test, obj_get_devctx(wd->device)->tail, 0xdeadbeefU);
}

static void obj_context_size_override(struct kunit *test)
{
	const size_t big = sizeof(OBJ_DEVCTX) + 1000;
	WDF_OBJECT_ATTRIBUTES attrs;
	struct wdft_device *wd;
	u8 *ctx;

	WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attrs, OBJ_DEVCTX);
	attrs.ContextSizeOverride = big;
	wd = wdft_device_create(test, &attrs);
	ctx = (u8 *)obj_get_devctx(wd->device);
	KUNIT_ASSERT_NOT_NULL(test, ctx);
	KUNIT_EXPECT_NULL(test, memchr_inv(ctx, 0, big));
	ctx[big - 1] = 0x77;	/* in bounds: KASAN stays quiet */
	KUNIT_EXPECT_EQ(test, ctx[big - 1], 0x77);
}

static void obj_child_contexts(struct kunit *test)
{
	struct wdft_device *wd = wdft_device_create(test, NULL);
	WDF_DMA_ENABLER_CONFIG cfg;
	WDF_OBJECT_ATTRIBUTES attrs;
	OBJ_OTHERCTX *c1, *c2;
	WDFDMAENABLER en;
	WDFCOMMONBUFFER cb;

	WDF_DMA_ENABLER_CONFIG_INIT(&cfg, WdfDmaProfileScatterGather, 8192);
	WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attrs, OBJ_OTHERCTX);
	KUNIT_ASSERT_EQ(test, WdfDmaEnablerCreate(wd->device, &cfg, &attrs, &en),
			STATUS_SUCCESS);
	KUNIT_ASSERT_EQ(test, WdfCommonBufferCreate(en, 64, &attrs, &cb), STATUS_SUCCESS);
	c1 = obj_get_otherctx(en);
	c2 = obj_get_otherctx(cb);
	KUNIT_ASSERT_NOT_NULL(test, c1);
	KUNIT_ASSERT_NOT_NULL(test, c2);
	KUNIT_EXPECT_PTR_NE(test, c1, c2);
	KUNIT_EXPECT_EQ(test, c1->value, 0U);
	KUNIT_EXPECT_EQ(test, c2->value, 0U);
	c1->value = 1;
	KUNIT_EXPECT_EQ(test, c2->value, 0U);
	KUNIT_EXPECT_PTR_EQ(test, WdfObjectContextGetObject(c2), (WDFOBJECT)cb);
	/* no context was asked for the device */
	KUNIT_EXPECT_NULL(test, obj_get_devctx(wd->device));
}

/*
 * Each file of a driver has its own static copy of a context type's info
 * (WDF_DECLARE_CONTEXT_TYPE in a header): every copy finds the context by
 * name, again and again, with more copies than the shim caches per object
 * (WDF_CTX_ALIASES, 4), and a copy of another type never does, also after
 * the cache has been filled and overwritten.
 */
static void obj_context_copies_match_by_name(struct kunit *test)
{
	static const WDF_OBJECT_CONTEXT_TYPE_INFO copy[6] = {
#define OBJ_COPY(i) { sizeof(WDF_OBJECT_CONTEXT_TYPE_INFO), "OBJ_DEVCTX", \
		      sizeof(OBJ_DEVCTX), &copy[i] }
		OBJ_COPY(0), OBJ_COPY(1), OBJ_COPY(2),
		OBJ_COPY(3), OBJ_COPY(4), OBJ_COPY(5),
#undef OBJ_COPY
	};
	static const WDF_OBJECT_CONTEXT_TYPE_INFO other = {
		sizeof(WDF_OBJECT_CONTEXT_TYPE_INFO), "OBJ_DEVCTY",
		sizeof(OBJ_DEVCTX), &other
	};
	WDF_OBJECT_ATTRIBUTES attrs;
	struct wdft_device *wd;
	unsigned int round, i;
	OBJ_DEVCTX *ctx;

	WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attrs, OBJ_DEVCTX);
	wd = wdft_device_create(test, &attrs);
	ctx = obj_get_devctx(wd->device);
	KUNIT_ASSERT_NOT_NULL(test, ctx);
	for (round = 0; round < 3; round++) {
		for (i = 0; i < ARRAY_SIZE(copy); i++)
			KUNIT_EXPECT_PTR_EQ(test,
				WdfObjectGetTypedContextWorker(wd->device,
							       &copy[i]),
				(void *)ctx);
		KUNIT_EXPECT_NULL(test,
			WdfObjectGetTypedContextWorker(wd->device, &other));
		KUNIT_EXPECT_NULL(test, obj_get_otherctx(wd->device));
		KUNIT_EXPECT_PTR_EQ(test, (void *)obj_get_devctx(wd->device),
				    (void *)ctx);
	}
}

/*
 * device -> enabler -> {common buffer A, common buffer B, transaction};
 * device -> timer. Removing the device runs every cleanup exactly once,
 * each child before its parent, and each destroy after its cleanup.
 */
static void obj_timer_fn(WDFTIMER t)
{
}

static void obj_device_removal_cleans_tree_children_first(struct kunit *test)
{
	struct obj_log *log = obj_log(test);
	WDF_OBJECT_ATTRIBUTES dattrs, attrs;
	WDF_DMA_ENABLER_CONFIG cfg;
	WDF_TIMER_CONFIG tcfg;
	struct wdft_device *wd;
	WDFDMAENABLER en;
	WDFCOMMONBUFFER a, b;
	WDFDMATRANSACTION tx;
	WDFTIMER timer;
	WDFOBJECT objs[6];
	WDFOBJECT parent[6];
	int i;

	obj_attrs(&dattrs);
	wd = wdft_device_create(test, &dattrs);
	obj_attrs(&attrs);
	WDF_DMA_ENABLER_CONFIG_INIT(&cfg, WdfDmaProfileScatterGather64Duplex, 8192);
	KUNIT_ASSERT_EQ(test, WdfDmaEnablerCreate(wd->device, &cfg, &attrs, &en),
			STATUS_SUCCESS);
	KUNIT_ASSERT_EQ(test, WdfCommonBufferCreate(en, 96, &attrs, &a), STATUS_SUCCESS);
	KUNIT_ASSERT_EQ(test, WdfCommonBufferCreate(en, 5000, &attrs, &b), STATUS_SUCCESS);
	KUNIT_ASSERT_EQ(test, WdfDmaTransactionCreate(en, &attrs, &tx), STATUS_SUCCESS);
	WDF_TIMER_CONFIG_INIT(&tcfg, obj_timer_fn);
	tcfg.AutomaticSerialization = FALSE;
	attrs.ParentObject = wd->device;
	KUNIT_ASSERT_EQ(test, WdfTimerCreate(&tcfg, &attrs, &timer), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, log->n, 0);

	objs[0] = wd->device;	parent[0] = NULL;
	objs[1] = en;		parent[1] = wd->device;
	objs[2] = a;		parent[2] = en;
	objs[3] = b;		parent[3] = en;
	objs[4] = tx;		parent[4] = en;
	objs[5] = timer;	parent[5] = wd->device;
	wdft_device_destroy(test, wd);
	KUNIT_EXPECT_EQ(test, log->n, 12);
	for (i = 0; i < ARRAY_SIZE(objs); i++) {
		int c = obj_pos(log, objs[i], false), d = obj_pos(log, objs[i], true);

		KUNIT_EXPECT_GE_MSG(test, c, 0, "cleanup of object %d", i);
		KUNIT_EXPECT_GE_MSG(test, d, 0, "destroy of object %d", i);
		KUNIT_EXPECT_LT_MSG(test, c, d, "object %d destroyed before cleanup", i);
		if (parent[i])
			KUNIT_EXPECT_LT_MSG(test, c, obj_pos(log, parent[i], false),
					    "object %d cleaned after its parent", i);
	}
	/* siblings go in reverse creation order (shim/README.md) */
	KUNIT_EXPECT_LT(test, obj_pos(log, tx, false), obj_pos(log, b, false));
	KUNIT_EXPECT_LT(test, obj_pos(log, b, false), obj_pos(log, a, false));
	KUNIT_EXPECT_LT(test, obj_pos(log, timer, false), obj_pos(log, en, false));
}

static void obj_delete_enabler_deletes_its_children(struct kunit *test)
{
	struct obj_log *log = obj_log(test);
	WDF_OBJECT_ATTRIBUTES dattrs, attrs;
	WDF_DMA_ENABLER_CONFIG cfg;
	struct wdft_device *wd;
	WDFDMAENABLER en;
	WDFCOMMONBUFFER a;
	WDFDMATRANSACTION tx;
	WDFDEVICE dev;

	obj_attrs(&dattrs);
	wd = wdft_device_create(test, &dattrs);
	obj_attrs(&attrs);
	WDF_DMA_ENABLER_CONFIG_INIT(&cfg, WdfDmaProfileScatterGather, 8192);
	KUNIT_ASSERT_EQ(test, WdfDmaEnablerCreate(wd->device, &cfg, &attrs, &en),
			STATUS_SUCCESS);
	KUNIT_ASSERT_EQ(test, WdfCommonBufferCreate(en, 96, &attrs, &a), STATUS_SUCCESS);
	KUNIT_ASSERT_EQ(test, WdfDmaTransactionCreate(en, &attrs, &tx), STATUS_SUCCESS);

	WdfObjectDelete(en);
	KUNIT_EXPECT_GE(test, obj_pos(log, a, false), 0);
	KUNIT_EXPECT_GE(test, obj_pos(log, tx, false), 0);
	KUNIT_EXPECT_GE(test, obj_pos(log, en, false), 0);
	KUNIT_EXPECT_LT(test, obj_pos(log, a, false), obj_pos(log, en, false));
	KUNIT_EXPECT_LT(test, obj_pos(log, tx, false), obj_pos(log, en, false));
	KUNIT_EXPECT_EQ(test, obj_pos(log, wd->device, false), -1);
	KUNIT_EXPECT_EQ(test, log->n, 6);
	/* the device lives on: a new enabler works, then removal cleans it */
	log->n = 0;
	KUNIT_ASSERT_EQ(test, WdfDmaEnablerCreate(wd->device, &cfg, &attrs, &en),
			STATUS_SUCCESS);
	dev = wd->device;
	wdft_device_destroy(test, wd);
	KUNIT_EXPECT_GE(test, obj_pos(log, en, false), 0);
	KUNIT_EXPECT_LT(test, obj_pos(log, en, false), obj_pos(log, dev, false));
	KUNIT_EXPECT_EQ(test, log->n, 4);
}

static void obj_delete_child_then_parent_no_double_cleanup(struct kunit *test)
{
	struct obj_log *log = obj_log(test);
	WDF_OBJECT_ATTRIBUTES attrs;
	WDF_DMA_ENABLER_CONFIG cfg;
	struct wdft_device *wd = wdft_device_create(test, NULL);
	WDFDMAENABLER en;
	WDFDMATRANSACTION tx;

	obj_attrs(&attrs);
	WDF_DMA_ENABLER_CONFIG_INIT(&cfg, WdfDmaProfileScatterGather, 8192);
	KUNIT_ASSERT_EQ(test, WdfDmaEnablerCreate(wd->device, &cfg, &attrs, &en),
			STATUS_SUCCESS);
	KUNIT_ASSERT_EQ(test, WdfDmaTransactionCreate(en, &attrs, &tx), STATUS_SUCCESS);
	WdfObjectDelete(tx);
	KUNIT_EXPECT_EQ(test, log->n, 2);
	KUNIT_EXPECT_EQ(test, obj_pos(log, tx, false), 0);
	KUNIT_EXPECT_EQ(test, obj_pos(log, tx, true), 1);
	wdft_device_destroy(test, wd);
	KUNIT_EXPECT_EQ(test, log->n, 4);	/* the enabler's two, no more */
	KUNIT_EXPECT_GE(test, obj_pos(log, tx, false), 0);	/* still once */
}

/* KMDF forbids deleting these: refused with a WARN, nothing happens. */
static void obj_delete_refused_on_device(struct kunit *test)
{
	struct obj_log *log = obj_log(test);
	WDF_OBJECT_ATTRIBUTES attrs;
	struct wdft_device *wd;
	WDFDMAENABLER en;
	WDFDEVICE dev;

	obj_attrs(&attrs);
	wd = wdft_device_create(test, &attrs);
	WDFT_WARN_BEGIN_MUST(test);
	WdfObjectDelete(wd->device);
	WDFT_WARN_END(test);
	KUNIT_EXPECT_EQ(test, log->n, 0);
	/* still a working device */
	en = wdft_enabler_create(test, wd, WdfDmaProfileScatterGather, 4096);
	KUNIT_EXPECT_NOT_NULL(test, en);
	dev = wd->device;
	wdft_device_destroy(test, wd);
	KUNIT_EXPECT_EQ(test, obj_pos(log, dev, false), 0);
}

static void obj_delete_refused_on_driver(struct kunit *test)
{
	struct wdft_device *wd = wdft_device_create(test, NULL);
	WDFDRIVER drv = WdfDeviceGetDriver(wd->device);

	KUNIT_ASSERT_PTR_EQ(test, drv, wd->driver);
	WDFT_WARN_BEGIN(test);
	WdfObjectDelete(drv);
	WDFT_WARN_END(test);
	KUNIT_EXPECT_PTR_EQ(test, WdfDeviceGetDriver(wd->device), drv);
	KUNIT_EXPECT_NOT_NULL(test, WdfDriverWdmGetDriverObject(drv));
	KUNIT_EXPECT_NOT_NULL(test, wdft_enabler_create(test, wd,
							WdfDmaProfileScatterGather, 4096));
}

static BOOLEAN obj_isr(WDFINTERRUPT i, ULONG msg)
{
	struct wdft_device *wd = kunit_get_current_test()->priv;

	return wd && WdfInterruptGetDevice(i) == wd->device;
}

static NTSTATUS obj_add_interrupt(struct wdft_device *wd)
{
	WDF_INTERRUPT_CONFIG cfg;
	WDFINTERRUPT *irq = wd->priv;

	WDF_INTERRUPT_CONFIG_INIT(&cfg, obj_isr, NULL);
	return WdfInterruptCreate(wd->device, &cfg, WDF_NO_OBJECT_ATTRIBUTES, irq);
}

static void obj_delete_refused_on_interrupt(struct kunit *test)
{
	struct wdft_device *wd = wdft_device_alloc(test);
	WDFINTERRUPT irq = NULL;

	wd->add = obj_add_interrupt;
	wd->priv = &irq;
	KUNIT_ASSERT_EQ(test, wdft_device_start(test, wd, NULL, 0), STATUS_SUCCESS);
	KUNIT_ASSERT_NOT_NULL(test, irq);
	test->priv = wd;
	WDFT_WARN_BEGIN(test);
	WdfObjectDelete(irq);
	WDFT_WARN_END(test);
	/* the interrupt still works */
	KUNIT_EXPECT_TRUE(test, wdf_test_interrupt_fire(wd->device));
	KUNIT_EXPECT_PTR_EQ(test, WdfInterruptGetDevice(irq), wd->device);
}

/*
 * WdfObjectAcquireLock on a device takes the sync-scope mutex (what the
 * PLX core reads its counters under); on another object it takes nothing.
 */
static void obj_acquire_lock_is_the_device_sync_lock(struct kunit *test)
{
	struct wdft_device *wd = wdft_device_create(test, NULL);
	struct mutex *m = wdf_test_device_sync_lock(wd->device);
	WDF_TIMER_CONFIG tcfg;
	WDF_OBJECT_ATTRIBUTES attrs;
	WDFTIMER timer;

	WDFT_ASSERT_LOCKDEP(test);
	KUNIT_ASSERT_NOT_NULL(test, m);
	KUNIT_EXPECT_FALSE(test, lockdep_is_held(m));
	WdfObjectAcquireLock(wd->device);
	KUNIT_EXPECT_TRUE(test, lockdep_is_held(m));
	WdfObjectReleaseLock(wd->device);
	KUNIT_EXPECT_FALSE(test, lockdep_is_held(m));

	WDF_TIMER_CONFIG_INIT(&tcfg, obj_timer_fn);
	WDF_OBJECT_ATTRIBUTES_INIT(&attrs);
	attrs.ParentObject = wd->device;
	KUNIT_ASSERT_EQ(test, WdfTimerCreate(&tcfg, &attrs, &timer), STATUS_SUCCESS);
	WDFT_WARN_BEGIN(test);
	WdfObjectAcquireLock(timer);
	WDFT_WARN_END(test);
	KUNIT_EXPECT_FALSE(test, lockdep_is_held(m));
}

static struct kunit_case wdf_object_cases[] = {
	KUNIT_CASE(obj_device_context_is_zeroed_and_typed),
	KUNIT_CASE(obj_context_size_override),
	KUNIT_CASE(obj_child_contexts),
	KUNIT_CASE(obj_context_copies_match_by_name),
	KUNIT_CASE(obj_device_removal_cleans_tree_children_first),
	KUNIT_CASE(obj_delete_enabler_deletes_its_children),
	KUNIT_CASE(obj_delete_child_then_parent_no_double_cleanup),
	KUNIT_CASE(obj_delete_refused_on_device),
	KUNIT_CASE(obj_delete_refused_on_driver),
	KUNIT_CASE(obj_delete_refused_on_interrupt),
	KUNIT_CASE(obj_acquire_lock_is_the_device_sync_lock),
	{}
};

static struct kunit_suite wdf_object_suite = {
	.name = "wdf_object",
	.test_cases = wdf_object_cases,
};
kunit_test_suite(wdf_object_suite);
