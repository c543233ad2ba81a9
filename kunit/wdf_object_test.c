// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: object lifetime and typed contexts (doc/facts.md §2.2, §8.15):
 * deleting a parent deletes its children first and runs every cleanup
 * callback once, children before parents; WdfObjectDelete is refused on
 * the objects KMDF flags "no delete DDI"; contexts are zeroed and typed;
 * every create's prologue (one table of bad inputs) and the
 * unsupported-feature policy.
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

/*
 * ---- every Wdf*Create against the same bad inputs ----------------------
 * (shim/wdf_object.c, wdf_create_prologue): one table of creates, one
 * list of bad inputs, the status each create's rules give (out-handle,
 * config Size, attributes, parent rule, the object it is created on).
 * Each failure leaves the out-handle NULL and no object behind; each
 * row's good call succeeds, so a failure is the bad input's doing. Plus
 * the one policy for features the shim lacks: STATUS_NOT_SUPPORTED (and
 * a WARN_ONCE) for every one.
 */

/* The objects a row is created on or given as parents. */
struct cp_env {
	struct kunit *test;
	WDFDEVICE device;
	WDFDMAENABLER enabler;
	WDFSPINLOCK other;		/* a live object that is no creator */
};

/* A create fed one input: its creator, config Size delta, attributes. */
struct cp_call {
	WDFOBJECT creator;		/* a row's creator (device, enabler) */
	bool no_config;			/* a NULL config pointer */
	int cfg_delta;			/* added to the config's Size */
	PWDF_OBJECT_ATTRIBUTES attrs;
	WDFOBJECT *out;			/* NULL: a NULL out-handle */
};

/**
 * struct cp_row - one create and its rules.
 * @name: the call
 * @create: makes the call (driver, device), or NULL: cp_call_kind(@kind)
 * @kind: the create, for cp_call_kind()
 * @creator: the env's object it is created on (NULL: none)
 * @has_config: it takes a WDF_*_CONFIG
 * @out_optional: WDF_NO_HANDLE is allowed
 * @takes_scope: it honours a SynchronizationScope
 * @parent: 'N' none allowed, 'C' only the creator, 'A' any, 'R' required
 */
struct cp_row {
	const char *name;
	NTSTATUS (*create)(struct cp_env *env, const struct cp_call *c);
	int kind;
	WDFOBJECT (*creator)(struct cp_env *env);
	bool has_config;
	bool out_optional;
	bool takes_scope;
	char parent;
};

static u8 cp_junk[256];			/* zeroes: not an object */

static BOOLEAN cp_isr(WDFINTERRUPT i, ULONG m)
{
	return FALSE;
}

static void cp_timer_fn(WDFTIMER t)
{
}

static void cp_work_fn(WDFWORKITEM w)
{
}

static NTSTATUS cp_enabler_evt(WDFDMAENABLER e)
{
	return STATUS_SUCCESS;
}

static void cp_enabler_io(WDFDMAENABLER e)
{
}

static void cp_intr_work(WDFINTERRUPT i, WDFOBJECT o)
{
}

static WDFOBJECT cp_on_device(struct cp_env *env)
{
	return env->device;
}

static WDFOBJECT cp_on_enabler(struct cp_env *env)
{
	return env->enabler;
}

/* The creates that take a config: every WDF_*_CONFIG starts with Size. */
union cp_config {
	ULONG Size;
	WDF_IO_QUEUE_CONFIG queue;
	WDF_INTERRUPT_CONFIG interrupt;
	WDF_DMA_ENABLER_CONFIG enabler;
	WDF_COMMON_BUFFER_CONFIG buffer;
	WDF_TIMER_CONFIG timer;
	WDF_WORKITEM_CONFIG workitem;
};

enum cp_kind {
	CP_QUEUE, CP_INTERRUPT, CP_ENABLER, CP_BUFFER, CP_BUFFER_CFG, CP_TX,
	CP_TIMER, CP_WORKITEM, CP_SPINLOCK, CP_WAITLOCK, CP_MEMORY, CP_MEMORY_PRE,
};

/* One create of @kind, fed @c (its config, if any, made valid first). */
static NTSTATUS cp_call_kind(enum cp_kind kind, const struct cp_call *c)
{
	static u8 buf[64];
	union cp_config cfg;
	void *pc = c->no_config ? NULL : &cfg;
	void **out = (void **)c->out;

	memset(&cfg, 0, sizeof(cfg));
	if (kind == CP_QUEUE)
		WDF_IO_QUEUE_CONFIG_INIT(&cfg.queue, WdfIoQueueDispatchManual);
	else if (kind == CP_INTERRUPT)
		WDF_INTERRUPT_CONFIG_INIT(&cfg.interrupt, cp_isr, NULL);
	else if (kind == CP_ENABLER)
		WDF_DMA_ENABLER_CONFIG_INIT(&cfg.enabler,
					    WdfDmaProfileScatterGather, 8192);
	else if (kind == CP_BUFFER_CFG)
		WDF_COMMON_BUFFER_CONFIG_INIT(&cfg.buffer, 0xf);
	else if (kind == CP_TIMER)
		WDF_TIMER_CONFIG_INIT(&cfg.timer, cp_timer_fn);
	else if (kind == CP_WORKITEM)
		WDF_WORKITEM_CONFIG_INIT(&cfg.workitem, cp_work_fn);
	cfg.Size += c->cfg_delta;

	switch (kind) {
	case CP_QUEUE:
		return WdfIoQueueCreate(c->creator, pc, c->attrs, (WDFQUEUE *)out);
	case CP_INTERRUPT:
		return WdfInterruptCreate(c->creator, pc, c->attrs,
					  (WDFINTERRUPT *)out);
	case CP_ENABLER:
		return WdfDmaEnablerCreate(c->creator, pc, c->attrs,
					   (WDFDMAENABLER *)out);
	case CP_BUFFER:
		return WdfCommonBufferCreate(c->creator, 64, c->attrs,
					     (WDFCOMMONBUFFER *)out);
	case CP_BUFFER_CFG:
		return WdfCommonBufferCreateWithConfig(c->creator, 64, pc,
						       c->attrs,
						       (WDFCOMMONBUFFER *)out);
	case CP_TX:
		return WdfDmaTransactionCreate(c->creator, c->attrs,
					       (WDFDMATRANSACTION *)out);
	case CP_TIMER:
		return WdfTimerCreate(pc, c->attrs, (WDFTIMER *)out);
	case CP_WORKITEM:
		return WdfWorkItemCreate(pc, c->attrs, (WDFWORKITEM *)out);
	case CP_SPINLOCK:
		return WdfSpinLockCreate(c->attrs, (WDFSPINLOCK *)out);
	case CP_WAITLOCK:
		return WdfWaitLockCreate(c->attrs, (WDFWAITLOCK *)out);
	case CP_MEMORY:
		return WdfMemoryCreate(c->attrs, NonPagedPool, 0, 64,
				       (WDFMEMORY *)out, NULL);
	case CP_MEMORY_PRE:
		return WdfMemoryCreatePreallocated(c->attrs, buf, sizeof(buf),
						   (WDFMEMORY *)out);
	}
	return STATUS_NOT_IMPLEMENTED;
}

/* WdfDriverCreate, inside a DriverEntry: the inputs come through here. */
static const struct cp_call *cp_driver_call;

static NTSTATUS cp_driver_add(WDFDRIVER d, PWDFDEVICE_INIT init)
{
	return STATUS_UNSUCCESSFUL;
}

static NTSTATUS cp_driver_entry(PDRIVER_OBJECT obj, PUNICODE_STRING path)
{
	const struct cp_call *c = cp_driver_call;
	WDF_DRIVER_CONFIG cfg;

	WDF_DRIVER_CONFIG_INIT(&cfg, cp_driver_add);
	cfg.Size += c->cfg_delta;
	return WdfDriverCreate(obj, path, c->attrs, c->no_config ? NULL : &cfg,
			       (WDFDRIVER *)c->out);
}

static NTSTATUS cp_driver(struct cp_env *env, const struct cp_call *c)
{
	WDFDRIVER drv;
	NTSTATUS st;

	cp_driver_call = c;
	st = wdf_test_driver_create("wdft-cp", cp_driver_entry, &drv);
	cp_driver_call = NULL;
	if (NT_SUCCESS(st))
		wdf_test_driver_destroy(drv);
	return st;
}

/* WdfDeviceCreate, inside EvtDriverDeviceAdd (wdf_test_util.c). */
static NTSTATUS cp_device(struct cp_env *env, const struct cp_call *c)
{
	struct wdft_device *wd = wdft_device_alloc(env->test);
	NTSTATUS st;

	wd->attrs = c->attrs;
	st = wdft_device_start(env->test, wd, NULL, 0);
	*c->out = wd->created;
	return st;
}

static const struct cp_row cp_rows[] = {
	{ "WdfDriverCreate", cp_driver, -1, NULL, true, true, true, 'N' },
	{ "WdfDeviceCreate", cp_device, -1, NULL, false, false, true, 'N' },
	{ "WdfIoQueueCreate", NULL, CP_QUEUE, cp_on_device, true, true, true,
	  'C' },
	{ "WdfInterruptCreate", NULL, CP_INTERRUPT, cp_on_device, true, false,
	  false, 'C' },
	{ "WdfDmaEnablerCreate", NULL, CP_ENABLER, cp_on_device, true, false,
	  false, 'C' },
	{ "WdfCommonBufferCreate", NULL, CP_BUFFER, cp_on_enabler, false,
	  false, false, 'N' },
	{ "WdfCommonBufferCreateWithConfig", NULL, CP_BUFFER_CFG,
	  cp_on_enabler, true, false, false, 'N' },
	{ "WdfDmaTransactionCreate", NULL, CP_TX, cp_on_enabler, false, false,
	  false, 'N' },
	{ "WdfTimerCreate", NULL, CP_TIMER, NULL, true, false, false, 'R' },
	{ "WdfWorkItemCreate", NULL, CP_WORKITEM, NULL, true, false, false,
	  'R' },
	{ "WdfSpinLockCreate", NULL, CP_SPINLOCK, NULL, false, false, false,
	  'A' },
	{ "WdfWaitLockCreate", NULL, CP_WAITLOCK, NULL, false, false, false,
	  'A' },
	{ "WdfMemoryCreate", NULL, CP_MEMORY, NULL, false, false, false, 'A' },
	{ "WdfMemoryCreatePreallocated", NULL, CP_MEMORY_PRE, NULL, false,
	  false, false, 'A' },
};

#define CP_SKIP	((NTSTATUS)1)

static const WDF_OBJECT_CONTEXT_TYPE_INFO cp_bad_type = {
	.Size = sizeof(cp_bad_type) - 1, .ContextName = "cp", .ContextSize = 8,
};

enum cp_bad {
	CP_NULL_OUT, CP_NULL_CONFIG, CP_CONFIG_SIZE, CP_BAD_CREATOR,
	CP_ATTR_SIZE, CP_OVERRIDE_NO_TYPE, CP_TYPE_SIZE, CP_LEVEL_RANGE,
	CP_SCOPE_RANGE, CP_SCOPE, CP_PARENT_OTHER, CP_PARENT_JUNK,
	CP_PARENT_MISSING, CP_BAD_MAX,
};

static const char * const cp_bad_names[CP_BAD_MAX] = {
	"NULL out-handle", "NULL config", "config Size", "creator not an object",
	"attributes Size", "ContextSizeOverride without a type",
	"context type Size", "ExecutionLevel out of range",
	"SynchronizationScope out of range", "SynchronizationScope set",
	"ParentObject another object", "ParentObject not an object",
	"no ParentObject",
};

/* Set up @c and @a for @bad on @row; the status it must give. */
static NTSTATUS cp_prepare(struct cp_env *env, const struct cp_row *row,
			   enum cp_bad bad, struct cp_call *c,
			   PWDF_OBJECT_ATTRIBUTES a)
{
	WDF_OBJECT_ATTRIBUTES_INIT(a);
	if (row->parent == 'R')
		a->ParentObject = env->device;
	c->creator = row->creator ? row->creator(env) : NULL;
	c->no_config = false;
	c->cfg_delta = 0;
	c->attrs = a;

	switch (bad) {
	case CP_NULL_OUT:
		/* the device's add has no way to pass one */
		if (row->out_optional || row->create == cp_device)
			return CP_SKIP;
		c->out = NULL;
		return STATUS_INVALID_PARAMETER;
	case CP_NULL_CONFIG:
		c->no_config = true;
		return row->has_config ? STATUS_INVALID_PARAMETER : CP_SKIP;
	case CP_CONFIG_SIZE:
		c->cfg_delta = 1;
		return row->has_config ? STATUS_INFO_LENGTH_MISMATCH : CP_SKIP;
	case CP_BAD_CREATOR:
		c->creator = cp_junk;
		return row->creator ? STATUS_INVALID_HANDLE : CP_SKIP;
	case CP_ATTR_SIZE:
		a->Size--;
		return STATUS_INFO_LENGTH_MISMATCH;
	case CP_OVERRIDE_NO_TYPE:
		a->ContextSizeOverride = 64;
		return STATUS_WDF_OBJECT_ATTRIBUTES_INVALID;
	case CP_TYPE_SIZE:
		a->ContextTypeInfo = &cp_bad_type;
		return STATUS_WDF_OBJECT_ATTRIBUTES_INVALID;
	case CP_LEVEL_RANGE:
		a->ExecutionLevel = WdfExecutionLevelDispatch + 1;
		return STATUS_INVALID_PARAMETER;
	case CP_SCOPE_RANGE:
		a->SynchronizationScope = WdfSynchronizationScopeNone + 1;
		return STATUS_INVALID_PARAMETER;
	case CP_SCOPE:
		a->SynchronizationScope = WdfSynchronizationScopeDevice;
		return row->takes_scope ? CP_SKIP : STATUS_NOT_SUPPORTED;
	case CP_PARENT_OTHER:
	case CP_PARENT_JUNK:
		a->ParentObject = bad == CP_PARENT_OTHER ? (WDFOBJECT)env->other :
							   (WDFOBJECT)cp_junk;
		if (row->parent == 'N')
			return STATUS_WDF_PARENT_ASSIGNMENT_NOT_ALLOWED;
		if (row->parent == 'C')
			return STATUS_WDF_OBJECT_ATTRIBUTES_INVALID;
		return bad == CP_PARENT_JUNK ? STATUS_INVALID_HANDLE : CP_SKIP;
	case CP_PARENT_MISSING:
		a->ParentObject = NULL;
		return row->parent == 'R' ? STATUS_INVALID_PARAMETER : CP_SKIP;
	default:
		return CP_SKIP;
	}
}

static NTSTATUS cp_row_call(struct cp_env *env, const struct cp_row *row,
			    const struct cp_call *c)
{
	return row->create ? row->create(env, c) : cp_call_kind(row->kind, c);
}

static void cp_run_row(struct cp_env *env, const struct cp_row *row)
{
	struct kunit *test = env->test;
	WDF_OBJECT_ATTRIBUTES a;
	struct cp_call c;
	WDFOBJECT out;
	unsigned long live;
	NTSTATUS want, st;
	int bad;

	for (bad = 0; bad < CP_BAD_MAX; bad++) {
		c.out = &out;
		want = cp_prepare(env, row, bad, &c, &a);
		if (want == CP_SKIP)
			continue;
		out = (WDFOBJECT)cp_junk;	/* must become NULL */
		live = wdft_live_objects();
		st = cp_row_call(env, row, &c);
		KUNIT_EXPECT_EQ_MSG(test, st, want, "%s, %s: 0x%08x",
				    row->name, cp_bad_names[bad], (u32)st);
		if (c.out)
			KUNIT_EXPECT_NULL_MSG(test, out, "%s, %s", row->name,
					      cp_bad_names[bad]);
		/* a failed device add leaves its driver until the test ends */
		if (row->create != cp_device)
			KUNIT_EXPECT_EQ_MSG(test, wdft_live_objects(), live,
					    "%s, %s", row->name,
					    cp_bad_names[bad]);
	}
	/* the same call with nothing bad succeeds */
	cp_prepare(env, row, CP_BAD_MAX, &c, &a);
	c.out = &out;
	out = NULL;
	st = cp_row_call(env, row, &c);
	KUNIT_EXPECT_EQ_MSG(test, st, STATUS_SUCCESS, "%s: 0x%08x", row->name,
			    (u32)st);
	KUNIT_EXPECT_NOT_NULL_MSG(test, out, "%s", row->name);
	/* the creator itself as ParentObject, where only it may be one */
	if (row->parent == 'C') {
		a.ParentObject = row->creator(env);
		out = NULL;
		st = cp_row_call(env, row, &c);
		if (row->kind != CP_INTERRUPT) {	/* one per device */
			KUNIT_EXPECT_EQ_MSG(test, st, STATUS_SUCCESS,
					    "%s, creator as parent", row->name);
			KUNIT_EXPECT_NOT_NULL(test, out);
		}
	}
}

static struct cp_env *cp_env_of;

/* In EvtDriverDeviceAdd: the device is not started (one interrupt). */
static NTSTATUS cp_add(struct wdft_device *wd)
{
	struct cp_env *env = cp_env_of;
	unsigned int i;

	env->device = wd->device;
	env->enabler = wdft_enabler_create(env->test, wd,
					   WdfDmaProfileScatterGather, 8192);
	KUNIT_ASSERT_EQ(env->test, WdfSpinLockCreate(NULL, &env->other),
			STATUS_SUCCESS);
	for (i = 0; i < ARRAY_SIZE(cp_rows); i++)
		cp_run_row(env, &cp_rows[i]);
	WdfObjectDelete(env->other);
	return STATUS_SUCCESS;
}

static void obj_create_prologue_table(struct kunit *test)
{
	struct cp_env *env = kunit_kzalloc(test, sizeof(*env), GFP_KERNEL);
	struct wdft_device *wd;

	KUNIT_ASSERT_NOT_NULL(test, env);
	env->test = test;
	cp_env_of = env;
	wd = wdft_device_alloc(test);
	wd->add = cp_add;
	WDFT_WARN_BEGIN(test);	/* NULL pointers, junk handles */
	KUNIT_EXPECT_EQ(test, wdft_device_start(test, wd, NULL, 0),
			STATUS_SUCCESS);
	WDFT_WARN_END(test);
	cp_env_of = NULL;
}

/* The two creates outside a device's add: driver and device. */
static void obj_create_prologue_driver_device(struct kunit *test)
{
	struct cp_env env = { .test = test };
	struct wdft_device *wd = wdft_device_create(test, NULL);

	env.device = wd->device;
	KUNIT_ASSERT_EQ(test, WdfSpinLockCreate(NULL, &env.other),
			STATUS_SUCCESS);
	WDFT_WARN_BEGIN(test);
	cp_run_row(&env, &cp_rows[0]);
	cp_run_row(&env, &cp_rows[1]);
	WDFT_WARN_END(test);
	WdfObjectDelete(env.other);
}

/* Features the shim never provides: STATUS_NOT_SUPPORTED, each one. */
static NTSTATUS cp_ns_st[12];

static NTSTATUS cp_ns_add(struct wdft_device *wd)
{
	WDF_DMA_ENABLER_CONFIG ec;
	WDF_INTERRUPT_CONFIG ic;
	WDFDMAENABLER en;
	WDFINTERRUPT intr;
	WDFSPINLOCK sl = NULL;
	int n = 0, i;

	for (i = 0; i < 6; i++) {
		WDF_DMA_ENABLER_CONFIG_INIT(&ec, WdfDmaProfileScatterGather,
					    8192);
		if (i == 0)
			ec.EvtDmaEnablerFill = cp_enabler_evt;
		else if (i == 1)
			ec.EvtDmaEnablerFlush = cp_enabler_evt;
		else if (i == 2)
			ec.EvtDmaEnablerDisable = cp_enabler_evt;
		else if (i == 3)
			ec.EvtDmaEnablerEnable = cp_enabler_evt;
		else if (i == 4)
			ec.EvtDmaEnablerSelfManagedIoStart = cp_enabler_io;
		else
			ec.EvtDmaEnablerSelfManagedIoStop = cp_enabler_io;
		cp_ns_st[n++] = WdfDmaEnablerCreate(wd->device, &ec, NULL, &en);
	}
	WDF_DMA_ENABLER_CONFIG_INIT(&ec, WdfDmaProfileSystem, 8192);
	cp_ns_st[n++] = WdfDmaEnablerCreate(wd->device, &ec, NULL, &en);
	WDF_DMA_ENABLER_CONFIG_INIT(&ec, WdfDmaProfileSystemDuplex, 8192);
	cp_ns_st[n++] = WdfDmaEnablerCreate(wd->device, &ec, NULL, &en);
	if (!NT_SUCCESS(WdfSpinLockCreate(NULL, &sl)))
		return STATUS_UNSUCCESSFUL;
	for (i = 0; i < 4; i++) {
		WDF_INTERRUPT_CONFIG_INIT(&ic, cp_isr, NULL);
		if (i == 0)
			ic.SpinLock = sl;
		else if (i == 1)
			ic.WaitLock = (WDFWAITLOCK)sl;
		else if (i == 2)
			ic.PassiveHandling = TRUE;
		else
			ic.EvtInterruptWorkItem = cp_intr_work;
		cp_ns_st[n++] = WdfInterruptCreate(wd->device, &ic, NULL, &intr);
	}
	WdfObjectDelete(sl);
	return STATUS_SUCCESS;
}

static void obj_create_unsupported_is_not_supported(struct kunit *test)
{
	struct wdft_device *wd = wdft_device_alloc(test);
	unsigned long live = wdft_live_objects();
	int i;

	memset(cp_ns_st, 0, sizeof(cp_ns_st));
	wd->add = cp_ns_add;
	WDFT_WARN_BEGIN(test);
	KUNIT_ASSERT_EQ(test, wdft_device_start(test, wd, NULL, 0),
			STATUS_SUCCESS);
	WDFT_WARN_END(test);
	for (i = 0; i < ARRAY_SIZE(cp_ns_st); i++)
		KUNIT_EXPECT_EQ_MSG(test, cp_ns_st[i], STATUS_NOT_SUPPORTED,
				    "feature %d", i);
	wdft_device_destroy(test, wd);
	KUNIT_EXPECT_EQ(test, wdft_live_objects(), live);
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
	KUNIT_CASE(obj_create_prologue_table),
	KUNIT_CASE(obj_create_prologue_driver_device),
	KUNIT_CASE(obj_create_unsupported_is_not_supported),
	{}
};

static struct kunit_suite wdf_object_suite = {
	.name = "wdf_object",
	.test_cases = wdf_object_cases,
};
kunit_test_suite(wdf_object_suite);
