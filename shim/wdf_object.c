// SPDX-License-Identifier: GPL-2.0-only
/*
 * wdf_object.c - the object model: a header with a type tag at the start
 * of every object, the typed context allocated in the same block, and the
 * parent/child tree.
 *
 * Deletion order (as KMDF): an object's children are deleted first, each
 * completely (its own children, EvtCleanupCallback, release of its Linux
 * resources, EvtDestroyCallback, free), then the object's own
 * EvtCleanupCallback runs, then its Linux resources are released
 * (dma_free_coherent, dma_unmap_sg, cancel of work, ...), then its
 * EvtDestroyCallback, then the memory is freed. Children are deleted in
 * reverse creation order.
 *
 * Where KMDF bugchecks on an invalid handle (NULL, not an object, wrong
 * type) the shim WARN_ONCEs and the call returns a defined status (or does
 * nothing, for VOID calls).
 */
#include <linux/export.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "wdf_internal.h"

static DEFINE_SPINLOCK(wdf_tree_lock);
static atomic_long_t wdf_live_objects = ATOMIC_LONG_INIT(0);

static const char * const wdf_type_names[WDF_TYPE_MAX] = {
	[WDF_TYPE_NONE] = "object",
	[WDF_TYPE_DRIVER] = "WDFDRIVER",
	[WDF_TYPE_DEVICE] = "WDFDEVICE",
	[WDF_TYPE_QUEUE] = "WDFQUEUE",
	[WDF_TYPE_REQUEST] = "WDFREQUEST",
	[WDF_TYPE_INTERRUPT] = "WDFINTERRUPT",
	[WDF_TYPE_DMA_ENABLER] = "WDFDMAENABLER",
	[WDF_TYPE_COMMON_BUFFER] = "WDFCOMMONBUFFER",
	[WDF_TYPE_DMA_TRANSACTION] = "WDFDMATRANSACTION",
	[WDF_TYPE_TIMER] = "WDFTIMER",
	[WDF_TYPE_CMRES_LIST] = "WDFCMRESLIST",
	[WDF_TYPE_FILE_OBJECT] = "WDFFILEOBJECT",
	[WDF_TYPE_WORKITEM] = "WDFWORKITEM",
	[WDF_TYPE_SPINLOCK] = "WDFSPINLOCK",
	[WDF_TYPE_WAITLOCK] = "WDFWAITLOCK",
	[WDF_TYPE_MEMORY] = "WDFMEMORY",
};

/**
 * wdf_mem_alloc() - every object allocation of the shim goes through here
 * so that a KUnit test can make it fail.
 * @size: bytes
 * @gfp: allocation flags
 *
 * Return: zeroed memory or NULL.
 */
void *wdf_mem_alloc(size_t size, gfp_t gfp)
{
	WDF_STUB_REDIRECT(wdf_mem_alloc, size, gfp);
	return kzalloc(size, gfp);
}
EXPORT_SYMBOL_GPL(wdf_mem_alloc);

NTSTATUS wdf_attributes_check(PWDF_OBJECT_ATTRIBUTES attrs)
{
	if (!attrs)
		return STATUS_SUCCESS;
	if (attrs->Size != sizeof(*attrs))
		return STATUS_INFO_LENGTH_MISMATCH;
	if (attrs->ContextSizeOverride && !attrs->ContextTypeInfo)
		return STATUS_WDF_OBJECT_ATTRIBUTES_INVALID;
	if (attrs->ContextTypeInfo &&
	    attrs->ContextTypeInfo->Size != sizeof(*attrs->ContextTypeInfo))
		return STATUS_WDF_OBJECT_ATTRIBUTES_INVALID;
	return STATUS_SUCCESS;
}

/**
 * wdf_attributes_check_parent() - wdf_attributes_check() for an object
 * whose parent is always @parent (a device's enabler, interrupt, queue):
 * a ParentObject other than @parent is STATUS_WDF_OBJECT_ATTRIBUTES_INVALID.
 * @attrs: the caller's attributes or NULL
 * @parent: the object's one possible parent
 */
NTSTATUS wdf_attributes_check_parent(PWDF_OBJECT_ATTRIBUTES attrs,
				     struct wdf_object *parent)
{
	NTSTATUS st = wdf_attributes_check(attrs);

	if (NT_SUCCESS(st) && attrs && attrs->ParentObject &&
	    attrs->ParentObject != (WDFOBJECT)parent)
		st = STATUS_WDF_OBJECT_ATTRIBUTES_INVALID;
	return st;
}

static size_t wdf_ctx_offset(size_t size)
{
	return ALIGN(size + sizeof(void *), 16);
}

/**
 * wdf_object_alloc() - allocate an object of @size bytes (header first)
 * plus the context @attrs asks for; the object is not in the tree yet.
 * @size: size of the object struct
 * @type: its type tag
 * @attrs: attributes (already checked with wdf_attributes_check()) or NULL
 * @ops: type hooks
 * @status: out: STATUS_SUCCESS or STATUS_INSUFFICIENT_RESOURCES
 *
 * Return: the object or NULL.
 */
void *wdf_object_alloc(size_t size, enum wdf_object_type type,
		       PWDF_OBJECT_ATTRIBUTES attrs,
		       const struct wdf_object_ops *ops, NTSTATUS *status)
{
	size_t ctx_size = 0, off = wdf_ctx_offset(size);
	struct wdf_object *obj;

	if (attrs && attrs->ContextTypeInfo)
		ctx_size = max(attrs->ContextTypeInfo->ContextSize,
			       attrs->ContextSizeOverride);
	obj = wdf_mem_alloc(off + ctx_size, GFP_KERNEL);
	if (!obj) {
		*status = STATUS_INSUFFICIENT_RESOURCES;
		return NULL;
	}
	atomic_long_inc(&wdf_live_objects);
	obj->magic = WDF_OBJECT_MAGIC;
	obj->type = type;
	INIT_LIST_HEAD(&obj->children);
	INIT_LIST_HEAD(&obj->sibling);
	obj->ops = ops;
	obj->sync_scope = WdfSynchronizationScopeInheritFromParent;
	if (attrs) {
		obj->cleanup = attrs->EvtCleanupCallback;
		obj->destroy = attrs->EvtDestroyCallback;
		obj->sync_scope = attrs->SynchronizationScope;
		if (attrs->ContextTypeInfo) {
			obj->ctx_type = attrs->ContextTypeInfo;
			obj->ctx = (u8 *)obj + off;
			*((void **)obj->ctx - 1) = obj;
		}
	}
	*status = STATUS_SUCCESS;
	return obj;
}

/** wdf_object_free_unattached() - free an object that never got used. */
void wdf_object_free_unattached(struct wdf_object *obj)
{
	if (!obj)
		return;
	obj->magic = 0;
	kfree(obj);
	atomic_long_dec(&wdf_live_objects);
}

/** wdf_object_attach() - put @obj in the tree under @parent (or none). */
void wdf_object_attach(struct wdf_object *obj, struct wdf_object *parent)
{
	unsigned long flags;

	obj->parent = parent;
	if (!parent)
		return;
	spin_lock_irqsave(&wdf_tree_lock, flags);
	list_add(&obj->sibling, &parent->children);
	spin_unlock_irqrestore(&wdf_tree_lock, flags);
}

/**
 * wdf_object_delete() - delete @obj and its subtree (see the file
 * comment for the order). Process context.
 * @obj: the object
 */
void wdf_object_delete(struct wdf_object *obj)
{
	struct wdf_object *child;
	unsigned long flags;

	might_sleep();
	obj->deleting = true;
	for (;;) {
		spin_lock_irqsave(&wdf_tree_lock, flags);
		child = list_first_entry_or_null(&obj->children,
						 struct wdf_object, sibling);
		spin_unlock_irqrestore(&wdf_tree_lock, flags);
		if (!child)
			break;
		wdf_object_delete(child);
	}
	if (obj->cleanup)
		obj->cleanup(obj);
	if (obj->ops && obj->ops->dispose)
		obj->ops->dispose(obj);
	if (obj->destroy)
		obj->destroy(obj);
	spin_lock_irqsave(&wdf_tree_lock, flags);
	list_del_init(&obj->sibling);
	spin_unlock_irqrestore(&wdf_tree_lock, flags);
	obj->magic = 0;
	kfree(obj);
	atomic_long_dec(&wdf_live_objects);
}

/** wdf_object_live_count() - objects allocated and not freed. */
unsigned long wdf_object_live_count(void)
{
	return atomic_long_read(&wdf_live_objects);
}

/**
 * wdf_object_get() - validate a handle.
 * @handle: the handle
 * @type: expected type (WDF_TYPE_NONE: any)
 * @caller: for the warning
 *
 * Return: the object, or NULL after a WARN_ONCE (KMDF bugchecks).
 */
struct wdf_object *wdf_object_get(WDFOBJECT handle, enum wdf_object_type type,
				  const char *caller)
{
	struct wdf_object *obj = handle;

	if (WARN_ONCE(!obj, "wdfshim: %s: NULL handle\n", caller))
		return NULL;
	if (WARN_ONCE(obj->magic != WDF_OBJECT_MAGIC,
		      "wdfshim: %s: %p is not a WDF object\n", caller, obj))
		return NULL;
	if (WARN_ONCE(type != WDF_TYPE_NONE && obj->type != type,
		      "wdfshim: %s: %s passed where a %s is required\n", caller,
		      wdf_type_names[obj->type], wdf_type_names[type]))
		return NULL;
	return obj;
}

/** wdf_object_device() - the device an object belongs to, or NULL. */
struct wdf_device *wdf_object_device(struct wdf_object *obj)
{
	for (; obj; obj = obj->parent)
		if (obj->type == WDF_TYPE_DEVICE)
			return container_of(obj, struct wdf_device, obj);
	return NULL;
}

/*
 * Remember @ti as a copy of @obj's context type: a free slot, else the
 * slot its address picks (concurrent callers may overwrite each other's
 * entry; a lost entry only costs the name compare again).
 */
static void wdf_object_ctx_alias(struct wdf_object *obj,
				 PCWDF_OBJECT_CONTEXT_TYPE_INFO ti)
{
	unsigned int i;

	for (i = 0; i < WDF_CTX_ALIASES; i++)
		if (!READ_ONCE(obj->ctx_alias[i]))
			break;
	if (i == WDF_CTX_ALIASES)
		i = ((unsigned long)ti / sizeof(*ti)) % WDF_CTX_ALIASES;
	WRITE_ONCE(obj->ctx_alias[i], ti);
}

PVOID WdfObjectGetTypedContextWorker(WDFOBJECT Handle,
				     PCWDF_OBJECT_CONTEXT_TYPE_INFO TypeInfo)
{
	struct wdf_object *obj = wdf_object_get(Handle, WDF_TYPE_NONE,
						__func__);
	unsigned int i;

	if (!obj || WARN_ONCE(!TypeInfo, "wdfshim: %s: NULL type info\n",
			      __func__))
		return NULL;
	if (!obj->ctx_type)
		return NULL;
	if (obj->ctx_type == TypeInfo)
		return obj->ctx;
	/*
	 * Each file of a driver has its own static copy of the type's info,
	 * so the usual caller matches by name: a strcmp per call (about 0.13
	 * us of a 1-byte request, five calls; tools/bench --profile). A copy
	 * that matched once is remembered.
	 */
	for (i = 0; i < WDF_CTX_ALIASES; i++)
		if (READ_ONCE(obj->ctx_alias[i]) == TypeInfo)
			return obj->ctx;
	if (obj->ctx_type->UniqueType == TypeInfo->UniqueType ||
	    (obj->ctx_type->ContextName && TypeInfo->ContextName &&
	     !strcmp(obj->ctx_type->ContextName, TypeInfo->ContextName))) {
		wdf_object_ctx_alias(obj, TypeInfo);
		return obj->ctx;
	}
	return NULL;
}
EXPORT_SYMBOL_GPL(WdfObjectGetTypedContextWorker);

WDFOBJECT WdfObjectContextGetObject(PVOID ContextPointer)
{
	struct wdf_object *obj;

	if (WARN_ONCE(!ContextPointer, "wdfshim: %s: NULL context\n",
		      __func__))
		return NULL;
	obj = *((struct wdf_object **)ContextPointer - 1);
	if (WARN_ONCE(!obj || obj->magic != WDF_OBJECT_MAGIC ||
		      obj->ctx != ContextPointer,
		      "wdfshim: %s: %p is not a context\n", __func__,
		      ContextPointer))
		return NULL;
	return obj;
}
EXPORT_SYMBOL_GPL(WdfObjectContextGetObject);

void WdfObjectDelete(WDFOBJECT Object)
{
	struct wdf_object *obj = wdf_object_get(Object, WDF_TYPE_NONE,
						__func__);

	if (!obj)
		return;
	if (WARN_ONCE(obj->no_delete,
		      "wdfshim: %s on a %s is not allowed\n",
		      __func__, wdf_type_names[obj->type]))
		return;
	if (WARN_ONCE(obj->deleting, "wdfshim: %s: %s deleted twice\n",
		      __func__, wdf_type_names[obj->type]))
		return;
	wdf_object_delete(obj);
}
EXPORT_SYMBOL_GPL(WdfObjectDelete);

/* The device mutex of a device or queue (sync scope), or NULL. */
static struct mutex *wdf_object_sync_lock(WDFOBJECT Object, const char *fn)
{
	struct wdf_object *obj = wdf_object_get(Object, WDF_TYPE_NONE, fn);
	struct wdf_device *d;

	if (!obj)
		return NULL;
	if (WARN_ONCE(obj->type != WDF_TYPE_DEVICE &&
		      obj->type != WDF_TYPE_QUEUE,
		      "wdfshim: %s on a %s\n", fn, wdf_type_names[obj->type]))
		return NULL;
	d = wdf_object_device(obj);
	return d ? &d->sync_lock : NULL;
}

void WdfObjectAcquireLock(WDFOBJECT Object)
{
	struct mutex *m = wdf_object_sync_lock(Object, __func__);

	if (m)
		mutex_lock(m);
}
EXPORT_SYMBOL_GPL(WdfObjectAcquireLock);

void WdfObjectReleaseLock(WDFOBJECT Object)
{
	struct mutex *m = wdf_object_sync_lock(Object, __func__);

	if (m)
		mutex_unlock(m);
}
EXPORT_SYMBOL_GPL(WdfObjectReleaseLock);
