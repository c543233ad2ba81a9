/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * wdf_internal.h - shim-internal object layouts and helpers.
 */
#ifndef _WDF_INTERNAL_H
#define _WDF_INTERNAL_H

#include <linux/cdev.h>
#include <linux/completion.h>
#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/interrupt.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/rwsem.h>
#include <linux/scatterlist.h>
#include <linux/sched.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <wdf.h>
#include <wdftest.h>

/* WDF_HAVE_STATIC_STUB: set by shim/Kbuild when <kunit/static_stub.h> exists */
#if WDF_SHIM_TEST_HOOKS && defined(WDF_HAVE_STATIC_STUB)
#include <kunit/static_stub.h>
/* Let a KUnit test replace this function (failure injection). */
#define WDF_STUB_REDIRECT(fn, args...) KUNIT_STATIC_STUB_REDIRECT(fn, ##args)
#else
#define WDF_STUB_REDIRECT(fn, args...) ((void)(fn))
#endif

/*
 * WARN_ONCE() with the shim's log prefix: pr_fmt() (set for every shim
 * file in Kbuild, as dev_fmt()) does not reach a WARN's text.
 */
#define WDF_WARN_ONCE(cond, fmt, ...) \
	WARN_ONCE(cond, pr_fmt(fmt), ##__VA_ARGS__)

#define WDF_OBJECT_MAGIC	0x57444630	/* "WDF0" */

enum wdf_object_type {
	WDF_TYPE_NONE = 0,
	WDF_TYPE_DRIVER,
	WDF_TYPE_DEVICE,
	WDF_TYPE_QUEUE,
	WDF_TYPE_REQUEST,
	WDF_TYPE_INTERRUPT,
	WDF_TYPE_DMA_ENABLER,
	WDF_TYPE_COMMON_BUFFER,
	WDF_TYPE_DMA_TRANSACTION,
	WDF_TYPE_TIMER,
	WDF_TYPE_CMRES_LIST,
	WDF_TYPE_FILE_OBJECT,
	WDF_TYPE_WORKITEM,
	WDF_TYPE_SPINLOCK,
	WDF_TYPE_WAITLOCK,
	WDF_TYPE_MEMORY,
	WDF_TYPE_MAX,
};

struct wdf_object;

/**
 * struct wdf_object_ops - per-type hooks.
 * @dispose: release Linux resources; after EvtCleanupCallback (the
 *	children are already gone)
 */
struct wdf_object_ops {
	void (*dispose)(struct wdf_object *obj);
};

/**
 * struct wdf_object - header at the start of every shim object.
 * @magic: WDF_OBJECT_MAGIC while alive
 * @type: enum wdf_object_type
 * @parent: parent object or NULL
 * @children: child objects
 * @sibling: entry in the parent's @children
 * @ops: type hooks
 * @cleanup: EvtCleanupCallback
 * @destroy: EvtDestroyCallback
 * @ctx_type: context type info (or NULL)
 * @ctx_alias: other copies of @ctx_type's info already matched by name
 *	(WDF_DECLARE_CONTEXT_TYPE gives each file of a driver its own
 *	static copy): a cache for WdfObjectGetTypedContextWorker, only
 *	compared, never dereferenced
 * @ctx: the context (zeroed), allocated with the object
 * @sync_scope: resolved synchronisation scope
 * @no_delete: WdfObjectDelete refused
 * @deleting: deletion has started
 */
#define WDF_CTX_ALIASES	4

struct wdf_object {
	u32 magic;
	enum wdf_object_type type;
	struct wdf_object *parent;
	struct list_head children;
	struct list_head sibling;
	const struct wdf_object_ops *ops;
	PFN_WDF_OBJECT_CONTEXT_CLEANUP cleanup;
	PFN_WDF_OBJECT_CONTEXT_DESTROY destroy;
	PCWDF_OBJECT_CONTEXT_TYPE_INFO ctx_type;
	PCWDF_OBJECT_CONTEXT_TYPE_INFO ctx_alias[WDF_CTX_ALIASES];
	void *ctx;
	WDF_SYNCHRONIZATION_SCOPE sync_scope;
	bool no_delete;
	bool deleting;
};

struct wdf_driver {
	struct wdf_object obj;
	PDRIVER_OBJECT drvobj;
	WDF_DRIVER_CONFIG config;
	const char *name;
	bool serialized;
	struct ida minors;
};

struct wdfdevice_init {
	struct wdf_driver *driver;
	struct device *dev;
	struct pci_dev *pdev;
	WDF_DEVICE_IO_TYPE io_type;
	WDF_PNPPOWER_EVENT_CALLBACKS pnp;
	struct wdf_device *created;
};

struct wdf_cmres_list {
	struct wdf_object obj;
	ULONG count;
	CM_PARTIAL_RESOURCE_DESCRIPTOR desc[];
};

/**
 * struct wdf_cdev - the char device state; refcounted so an open file
 * outlives the device. @dev is NULL once the device is removed.
 */
struct wdf_cdev {
	struct kref ref;
	struct rw_semaphore lock;
	struct wdf_device *dev;
	struct cdev *cdev;
	struct device *node;
	dev_t devt;
	int index;
	loff_t size;			/* WDF_DEVICE_IO_LIMITS.DeviceSize */
};

struct wdf_device {
	struct wdf_object obj;
	struct wdf_driver *driver;
	struct device *dev;
	struct pci_dev *pdev;
	WDF_DEVICE_IO_TYPE io_type;
	WDF_PNPPOWER_EVENT_CALLBACKS pnp;
	bool serialized;		/* synchronisation scope Device */
	struct mutex sync_lock;		/* device synchronisation scope */
	struct list_head queues;
	ULONG alignment;
	struct wdf_queue *dispatch[WdfRequestTypeMax];
	struct wdf_queue *default_queue;
	struct wdf_interrupt *interrupt;
	struct wdf_cmres_list *raw;
	struct wdf_cmres_list *translated;
	bool want_interface;
	struct wdf_cdev *cdev;
	WDF_DEVICE_IO_LIMITS limits;
	bool started;
	bool prepared;
	bool in_d0;
	/* I/O accounting for drain on remove */
	spinlock_t io_lock;
	bool dying;
	unsigned int inflight;
	wait_queue_head_t drain_wq;
	struct list_head node;		/* wdf_devices */
#if WDF_SHIM_TEST_HOOKS
	struct kunit *kunit_test;	/* the test that added it (wdf_test.c) */
#endif
};

struct wdf_queue {
	struct wdf_object obj;
	struct wdf_device *device;
	WDF_IO_QUEUE_CONFIG config;
	bool serialized;
	bool dispatching;
	spinlock_t lock;
	unsigned int active;		/* presented, not completed */
	struct list_head pending;	/* waiting (manual: until retrieved) */
	struct list_head owned;		/* the driver owns them (EvtIoStop) */
	wait_queue_head_t idle_wq;	/* active dropped to 0 */
	bool purged;			/* WdfIoQueuePurgeSynchronously */
	struct work_struct dispatch_work;
	PFN_WDF_IO_QUEUE_STATE ready;	/* WdfIoQueueReadyNotify */
	WDFCONTEXT ready_ctx;
	struct work_struct ready_work;
	struct list_head dnode;		/* in device->queues */
};

enum wdf_request_state {
	WDF_REQ_NEW = 0,
	WDF_REQ_PENDING,		/* waiting in the queue */
	WDF_REQ_PRESENTED,		/* owned by the driver */
	WDF_REQ_COMPLETED,
};

/*
 * The file object of a request: a header (never allocated, attached or
 * deleted on its own) inside the request, so its handle validates.
 */
struct wdf_file_object {
	struct wdf_object obj;
	FILE_OBJECT wdm;
};

/*
 * The MDL of a request's pinned user buffer, in the request: the page
 * array too, up to WDF_MDL_INLINE_PAGES (128 KiB at any alignment).
 */
#define WDF_MDL_INLINE_PAGES	(SZ_128K / PAGE_SIZE + 1)

struct wdf_mdl_user {
	MDL mdl;
	struct page *pages[WDF_MDL_INLINE_PAGES];
};

struct wdf_request {
	struct wdf_object obj;
	struct wdf_device *device;
	struct wdf_queue *queue;
	WDF_REQUEST_PARAMETERS params;
	PMDL mdl;
	void *sysbuf;			/* ioctl buffered */
	size_t sysbuf_len;
	unsigned long user_arg;		/* ioctl: user pointer */
	bool in_fault;			/* ioctl: input not readable */
	bool out_fault;			/* ioctl: output not writable */
	bool kernel_buffer;
	struct wdf_file_object file;
	spinlock_t lock;
	enum wdf_request_state state;
	NTSTATUS status;
	ULONG_PTR information;
	PFN_WDF_REQUEST_CANCEL cancel;
	bool cancel_requested;
	bool cancel_called;
	bool signalled;
	bool never_presented;
	struct completion done;
	struct list_head qnode;		/* in queue->pending */
	struct list_head onode;		/* in queue->owned */
	bool stop_called;		/* EvtIoStop was called for it */
	atomic_t stop_holds;		/* EvtIoStop running: do not free */
	bool direct;			/* METHOD_*_DIRECT ioctl */
	WDFMEMORY in_mem, out_mem;	/* WdfRequestRetrieve*Memory */
	struct wdf_mdl_user user_mdl;	/* mdl, when a user buffer is pinned */
};

struct wdf_interrupt {
	struct wdf_object obj;
	struct wdf_device *device;
	WDF_INTERRUPT_CONFIG config;
	spinlock_t lock;
	unsigned long lock_flags;
	unsigned int irq;		/* 0: not connected to a Linux IRQ */
	bool connected;
	bool enabled;
	bool serialized;
	bool threaded;			/* request_threaded_irq: DPC in its thread */
	bool isr_wake;			/* the running ISR queued the DPC */
	int isr_cpu;			/* CPU running the ISR, -1: none (lock) */
	unsigned long dpc_flags;	/* WDF_DPC_QUEUED */
	struct mutex dpc_mutex;		/* one DPC at a time, either path */
	struct work_struct dpc;		/* DPC queued outside the ISR */
};

struct wdf_dma_enabler {
	struct wdf_object obj;
	struct wdf_device *device;
	WDF_DMA_ENABLER_CONFIG config;
	ULONG alignment;
	ULONG max_sg;
	u64 mask;
};

struct wdf_common_buffer {
	struct wdf_object obj;
	struct wdf_dma_enabler *enabler;
	size_t length;
	size_t raw_length;
	void *raw_va;
	dma_addr_t raw_la;
	void *va;
	dma_addr_t la;
};

enum wdf_dma_tx_state {
	WDF_TX_CREATED = 0,
	WDF_TX_INITIALIZED,
	WDF_TX_TRANSFER,
	WDF_TX_COMPLETED,
	WDF_TX_FAILED,
	WDF_TX_RELEASED,
};

struct wdf_dma_transaction {
	struct wdf_object obj;
	struct wdf_dma_enabler *enabler;
	enum wdf_dma_tx_state state;
	PFN_WDF_PROGRAM_DMA program;
	WDF_DMA_DIRECTION direction;
	struct wdf_request *request;
	WDFCONTEXT context;
	bool single;
	size_t max_len;
	size_t length;			/* total */
	size_t transferred;
	size_t cur_len;
	struct sg_table sgt;
	bool sgt_alloc;
	int nents;			/* mapped entries */
	PSCATTER_GATHER_LIST sgl;	/* kept across Initialize/Release */
	ULONG sgl_alloc;		/* elements sgl has room for */
	ULONG sgl_capacity;		/* elements this transaction may use */
	bool first_staged;		/* sgl = the first fragment (Initialize) */
	size_t first_len;		/* its length */
};

struct wdf_timer {
	struct wdf_object obj;
	struct wdf_device *device;	/* for serialisation, may be NULL */
	WDF_TIMER_CONFIG config;
	struct timer_list timer;	/* expiry queues work */
	struct work_struct work;	/* runs the callback */
	bool serialized;
	bool stopping;
};

/*
 * The shim's work items (DPC, timer, deferred dispatch) run a device's
 * callbacks with current->kunit_test set to the test that added the
 * device, so static stubs redirect there too (KUnit builds only).
 */
#if WDF_SHIM_TEST_HOOKS
static inline struct kunit *wdf_kunit_enter(struct wdf_device *d)
{
	struct kunit *old = current->kunit_test;

	if (d && d->kunit_test)
		current->kunit_test = d->kunit_test;
	return old;
}

static inline void wdf_kunit_leave(struct kunit *old)
{
	current->kunit_test = old;
}
#else
struct kunit;

static inline struct kunit *wdf_kunit_enter(struct wdf_device *d)
{
	return NULL;
}

static inline void wdf_kunit_leave(struct kunit *old)
{
}
#endif

/* wdf_log.c: the device a DbgPrintEx line names */
struct wdf_log_slot;

struct wdf_log_scope {
	struct wdf_log_slot *slot;	/* NULL: on the overflow list */
	struct list_head node;		/* on it */
	struct task_struct *task;
	struct device *dev;
};

void wdf_log_enter(struct wdf_log_scope *s, struct device *dev);
void wdf_log_leave(struct wdf_log_scope *s);
void wdf_log_isr(struct device *dev);
struct device *wdf_log_device(void);

/* wdftest.h declares wdf_test_point() for KUnit builds */
#if !WDF_SHIM_TEST_HOOKS
static inline void wdf_test_point(enum wdf_test_point_id id, void *arg)
{
}
#endif

/* wdf_object.c */
void *wdf_object_alloc(size_t size, enum wdf_object_type type,
		       PWDF_OBJECT_ATTRIBUTES attrs,
		       const struct wdf_object_ops *ops, NTSTATUS *status);
void wdf_object_free_unattached(struct wdf_object *obj);
void wdf_object_attach(struct wdf_object *obj, struct wdf_object *parent);
void wdf_object_delete(struct wdf_object *obj);
struct wdf_object *wdf_object_get(WDFOBJECT handle, enum wdf_object_type type,
				  const char *caller);
NTSTATUS wdf_not_supported(const char *fn, const char *what);

/**
 * struct wdf_unsupported - a config field the shim never honours: it must
 * be zero (NULL, FALSE), else the create fails (wdf_unsupported_check).
 * @name: the field
 * @offset: its offset in the config
 * @size: its size
 */
struct wdf_unsupported {
	const char *name;
	size_t offset;
	size_t size;
};

#define WDF_UNSUPPORTED(type, field) \
	{ #field, offsetof(type, field), sizeof_field(type, field) }

NTSTATUS wdf_unsupported_check(const char *fn, const void *config,
			       const struct wdf_unsupported *u, size_t n);

NTSTATUS wdf_create_prologue(enum wdf_object_type type, const char *fn,
			     void **out, WDFOBJECT creator,
			     const void *config, size_t config_size,
			     PWDF_OBJECT_ATTRIBUTES attrs,
			     struct wdf_object **creator_obj,
			     struct wdf_object **parent);
NTSTATUS wdf_create_done(struct wdf_object *obj, struct wdf_object *parent,
			 void **out);

/*
 * The first statement of every Wdf*Create of a @type object (its rules:
 * wdf_create_rules in wdf_object.c): @out is its out-handle, @creator the
 * object it is created on (NULL: none), @cfg its WDF_*_CONFIG (the _CFG
 * form; the config's ULONG Size must come first); @cobj and @pobj (either
 * may be NULL) receive the validated creator and the parent to attach to.
 */
#define WDF_CREATE_BEGIN(type, out, creator, attrs, cobj, pobj) \
	wdf_create_prologue(type, __func__, (void **)(out), creator, NULL, 0, \
			    attrs, cobj, pobj)
#define WDF_CREATE_BEGIN_CFG(type, out, creator, cfg, attrs, cobj, pobj) \
	wdf_create_prologue(type, __func__, (void **)(out), creator, \
			    (cfg) + BUILD_BUG_ON_ZERO(offsetof(typeof(*(cfg)), \
							       Size)), \
			    sizeof(*(cfg)), attrs, cobj, pobj)
struct wdf_device *wdf_object_device(struct wdf_object *obj);
unsigned long wdf_object_live_count(void);

#define WDF_GET(type_struct, handle, tag) \
	((struct type_struct *)wdf_object_get((handle), (tag), __func__))

/* wdf_driver.c */
void wdf_driver_destroy(struct wdf_driver *drv);

/* wdf_pci.c */
const char *wdf_pci_intx_problem(u8 pin, unsigned int irq, bool managed,
				 bool firmware_routes);
struct wdf_device *wdf_device_find_pci_bar(phys_addr_t pa, size_t len,
					   int *bar);

/* wdf_device.c */
NTSTATUS wdf_device_add(struct wdf_driver *drv, struct device *dev,
			struct pci_dev *pdev, struct wdf_device **out);
NTSTATUS wdf_device_start(struct wdf_device *d, struct wdf_cmres_list *raw,
			  struct wdf_cmres_list *trans);
void wdf_device_stop(struct wdf_device *d);
void wdf_device_suspend(struct wdf_device *d);
NTSTATUS wdf_device_resume(struct wdf_device *d);
void wdf_device_reset_prepare(struct wdf_device *d);
NTSTATUS wdf_device_reset_done(struct wdf_device *d);
void wdf_device_destroy(struct wdf_device *d);
bool wdf_device_io_begin(struct wdf_device *d);
int wdf_device_io_limit(struct wdf_device *d, WDF_REQUEST_TYPE type,
			loff_t pos, size_t *len);
void wdf_device_io_end(struct wdf_device *d);
struct wdf_device *wdf_device_find(bool (*match)(struct wdf_device *d,
						 void *arg),
				   void *arg);

/* wdf_resource.c */
NTSTATUS wdf_cmres_lists_create(const CM_PARTIAL_RESOURCE_DESCRIPTOR *desc,
				ULONG count, struct wdf_cmres_list **raw,
				struct wdf_cmres_list **trans);
void wdf_cmres_lists_free(struct wdf_cmres_list *raw,
			  struct wdf_cmres_list *trans);

/* wdf_queue.c */
int wdf_queue_submit(struct wdf_request *req);
void wdf_queue_request_done(struct wdf_request *req);
bool wdf_queue_cancel_pending(struct wdf_request *req);
NTSTATUS wdf_queue_forward(struct wdf_request *req, struct wdf_queue *dst);
bool wdf_queue_takes_zero_length(struct wdf_device *d, WDF_REQUEST_TYPE type);
void wdf_device_queues_drain(struct wdf_device *d);

/* wdf_request.c */
struct wdf_request *wdf_request_create(struct wdf_device *d,
				       WDF_REQUEST_TYPE type,
				       unsigned long addr, size_t len,
				       loff_t off, unsigned int cmd,
				       bool kernel);
long wdf_request_wait(struct wdf_request *req, bool interruptible,
		      unsigned long timeout_jiffies);
long wdf_request_finish(struct wdf_request *req);
long wdf_request_cancel_and_wait(struct wdf_request *req);
long wdf_request_run(struct wdf_request *req);
void wdf_request_wait_signals(struct wdf_request *req);
void wdf_request_set_access(struct wdf_request *req, bool read, bool write);
void wdf_request_fail(struct wdf_request *req, NTSTATUS status);

/*
 * wdf_mdl.c: the pinned user buffer of a read/write or direct ioctl.
 * wdf_mdl_pin_user() pins @len bytes at @uaddr (for writing when the
 * device writes them, @to_memory) into the MDL in @um and returns it, or
 * NULL and sets *err (-ENOMEM, -EFAULT); wdf_mdl_free() unpins it (dirty
 * if @to_memory) and frees a page array that did not fit in @um, or
 * frees any other MDL (IoFreeMdl), NULL included; wdf_mdl_map() maps it
 * for the kernel once (MmGetSystemAddressForMdlSafe), NULL on failure.
 */
PMDL wdf_mdl_pin_user(struct wdf_mdl_user *um, unsigned long uaddr,
		      size_t len, bool to_memory, int *err);
void wdf_mdl_free(PMDL mdl);
void *wdf_mdl_map(PMDL mdl);

/* wdf_cdev.c */
int wdf_cdev_init(void);
void wdf_cdev_exit(void);
int wdf_cdev_create(struct wdf_device *d);
void wdf_cdev_remove(struct wdf_device *d);

/* wdf_interrupt.c */
int wdf_interrupt_connect(struct wdf_interrupt *intr);
void wdf_interrupt_disconnect(struct wdf_interrupt *intr);
NTSTATUS wdf_interrupt_enable(struct wdf_interrupt *intr);
void wdf_interrupt_disable(struct wdf_interrupt *intr);
BOOLEAN wdf_interrupt_fire(struct wdf_interrupt *intr);
void wdf_interrupt_flush(struct wdf_interrupt *intr);


/* wdf_main.c */
extern struct workqueue_struct *wdf_wq;

/*
 * The failure-injection points (wdf_mem_alloc, wdf_dma_*, wdf_sg_alloc_table,
 * wdf_map_io, wdf_config_*) are declared in <wdftest.h>.
 */

#endif /* _WDF_INTERNAL_H */
