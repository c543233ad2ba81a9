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

/* The attribute checks every create shares (size, context, levels). */
static NTSTATUS wdf_attributes_check(PWDF_OBJECT_ATTRIBUTES attrs,
				     bool takes_scope, const char *fn)
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
	/*
	 * doc/facts.md names no status for a level or scope outside its
	 * enum: the shim calls it an invalid parameter. Every valid
	 * ExecutionLevel is honoured (the callbacks it governs run in
	 * process context, which is both PASSIVE-safe and DISPATCH-safe).
	 */
	if ((u32)attrs->ExecutionLevel > WdfExecutionLevelDispatch ||
	    (u32)attrs->SynchronizationScope > WdfSynchronizationScopeNone)
		return STATUS_INVALID_PARAMETER;
	/* a scope on an object that has no callbacks to serialise */
	if (!takes_scope &&
	    attrs->SynchronizationScope != WdfSynchronizationScopeInvalid &&
	    attrs->SynchronizationScope !=
	    WdfSynchronizationScopeInheritFromParent)
		return wdf_not_supported(fn, "SynchronizationScope");
	return STATUS_SUCCESS;
}

/**
 * wdf_not_supported() - the shim's one answer to a feature it never
 * provides (a callback it would never call, a mode it lacks): a WARN_ONCE
 * naming it and STATUS_NOT_SUPPORTED, never a silent success.
 * @fn: the Wdf* call
 * @what: the field or feature
 *
 * Return: STATUS_NOT_SUPPORTED.
 */
NTSTATUS wdf_not_supported(const char *fn, const char *what)
{
	WDF_WARN_ONCE(1, "%s: %s is not supported\n", fn, what);
	return STATUS_NOT_SUPPORTED;
}

/**
 * wdf_unsupported_check() - wdf_not_supported() for the first field of
 * @u that @config sets.
 * @fn: the create
 * @config: its config
 * @u: the fields the shim never honours
 * @n: their number
 *
 * Return: STATUS_SUCCESS or STATUS_NOT_SUPPORTED.
 */
NTSTATUS wdf_unsupported_check(const char *fn, const void *config,
			       const struct wdf_unsupported *u, size_t n)
{
	for (; n; n--, u++)
		if (memchr_inv((const u8 *)config + u->offset, 0, u->size))
			return wdf_not_supported(fn, u->name);
	return STATUS_SUCCESS;
}

/**
 * enum wdf_parent_rule - what a create accepts as Attributes->ParentObject.
 * @WDF_PARENT_NONE: none (the parent is fixed: the creator or none);
 *	else STATUS_WDF_PARENT_ASSIGNMENT_NOT_ALLOWED
 * @WDF_PARENT_CREATOR: none or the creator itself (its parent);
 *	else STATUS_WDF_OBJECT_ATTRIBUTES_INVALID
 * @WDF_PARENT_ANY: optional, any live object (STATUS_INVALID_HANDLE)
 * @WDF_PARENT_REQUIRED: as @WDF_PARENT_ANY, but none is
 *	STATUS_INVALID_PARAMETER
 */
enum wdf_parent_rule {
	WDF_PARENT_NONE,
	WDF_PARENT_CREATOR,
	WDF_PARENT_ANY,
	WDF_PARENT_REQUIRED,
};

/**
 * struct wdf_create_rule - the rules of one type's create.
 * @creator: the type of the object it is created on (WDF_TYPE_NONE: none)
 * @parent: what ParentObject may be
 * @out_optional: WDF_NO_HANDLE is allowed (KMDF's _Out_opt_)
 * @takes_scope: the object honours Attributes->SynchronizationScope
 */
struct wdf_create_rule {
	enum wdf_object_type creator;
	enum wdf_parent_rule parent;
	bool out_optional;
	bool takes_scope;
};

/*
 * Every create's rules, in one place (doc/facts.md §8; wdfobject.h lists
 * them).
 */
static const struct wdf_create_rule wdf_create_rules[WDF_TYPE_MAX] = {
	[WDF_TYPE_DRIVER] = { WDF_TYPE_NONE, WDF_PARENT_NONE, true, true },
	[WDF_TYPE_DEVICE] = { WDF_TYPE_NONE, WDF_PARENT_NONE, false, true },
	[WDF_TYPE_QUEUE] = { WDF_TYPE_DEVICE, WDF_PARENT_CREATOR, true, true },
	[WDF_TYPE_INTERRUPT] = { WDF_TYPE_DEVICE, WDF_PARENT_CREATOR },
	[WDF_TYPE_DMA_ENABLER] = { WDF_TYPE_DEVICE, WDF_PARENT_CREATOR },
	[WDF_TYPE_COMMON_BUFFER] = { WDF_TYPE_DMA_ENABLER, WDF_PARENT_NONE },
	[WDF_TYPE_DMA_TRANSACTION] = { WDF_TYPE_DMA_ENABLER, WDF_PARENT_NONE },
	[WDF_TYPE_TIMER] = { WDF_TYPE_NONE, WDF_PARENT_REQUIRED },
	[WDF_TYPE_WORKITEM] = { WDF_TYPE_NONE, WDF_PARENT_REQUIRED },
	[WDF_TYPE_SPINLOCK] = { WDF_TYPE_NONE, WDF_PARENT_ANY },
	[WDF_TYPE_WAITLOCK] = { WDF_TYPE_NONE, WDF_PARENT_ANY },
	[WDF_TYPE_MEMORY] = { WDF_TYPE_NONE, WDF_PARENT_ANY },
};

/* The parent rule's check of @given (NULL: none) for @creator's child. */
static NTSTATUS wdf_parent_check(enum wdf_parent_rule rule, WDFOBJECT given,
				 struct wdf_object *creator, const char *fn,
				 struct wdf_object **parent)
{
	switch (rule) {
	case WDF_PARENT_NONE:
		if (given)
			return STATUS_WDF_PARENT_ASSIGNMENT_NOT_ALLOWED;
		*parent = creator;
		return STATUS_SUCCESS;
	case WDF_PARENT_CREATOR:
		if (given && given != (WDFOBJECT)creator)
			return STATUS_WDF_OBJECT_ATTRIBUTES_INVALID;
		*parent = creator;
		return STATUS_SUCCESS;
	case WDF_PARENT_REQUIRED:
		if (!given)
			return STATUS_INVALID_PARAMETER;
		fallthrough;
	case WDF_PARENT_ANY:
	default:
		if (given) {
			*parent = wdf_object_get(given, WDF_TYPE_NONE, fn);
			if (!*parent)
				return STATUS_INVALID_HANDLE;
		}
		return STATUS_SUCCESS;
	}
}

/**
 * wdf_create_prologue() - the checks every Wdf*Create makes before it
 * allocates, in one order (use WDF_CREATE_BEGIN[_CFG]): out-handle
 * (cleared), config pointer, the object it is created on, config Size,
 * attributes, parent rule (wdf_create_rules[@type]).
 * @type: the type being created
 * @fn: the create (__func__), for the warnings
 * @out: its out-handle pointer
 * @creator: the object it is created on (ignored if the type has none)
 * @config: its WDF_*_CONFIG (Size first), or NULL
 * @config_size: sizeof that config; 0: the create takes none
 * @attrs: the caller's attributes, or NULL
 * @creator_obj: out (may be NULL), the validated creator or NULL
 * @parent: out (may be NULL), the parent to attach the new object to
 *	(the creator for WDF_PARENT_NONE / _CREATOR, else the ParentObject)
 *
 * A NULL required pointer or invalid handle (KMDF bugchecks) WARN_ONCEs.
 *
 * Return: STATUS_SUCCESS or the status wdfobject.h lists for these checks.
 */
NTSTATUS wdf_create_prologue(enum wdf_object_type type, const char *fn,
			     void **out, WDFOBJECT creator,
			     const void *config, size_t config_size,
			     PWDF_OBJECT_ATTRIBUTES attrs,
			     struct wdf_object **creator_obj,
			     struct wdf_object **parent)
{
	const struct wdf_create_rule *r = &wdf_create_rules[type];
	struct wdf_object *obj = NULL, *p = NULL;
	NTSTATUS st;

	if (creator_obj)
		*creator_obj = NULL;
	if (parent)
		*parent = NULL;
	if (out)
		*out = NULL;
	else if (WDF_WARN_ONCE(!r->out_optional, "%s: NULL out handle\n", fn))
		return STATUS_INVALID_PARAMETER;
	if (WDF_WARN_ONCE(config_size && !config, "%s: NULL config\n", fn))
		return STATUS_INVALID_PARAMETER;
	if (r->creator != WDF_TYPE_NONE) {
		obj = wdf_object_get(creator, r->creator, fn);
		if (!obj)
			return STATUS_INVALID_HANDLE;
	}
	/* every WDF_*_CONFIG starts with its ULONG Size */
	if (config_size && *(const ULONG *)config != config_size)
		return STATUS_INFO_LENGTH_MISMATCH;
	st = wdf_attributes_check(attrs, r->takes_scope, fn);
	if (!NT_SUCCESS(st))
		return st;
	st = wdf_parent_check(r->parent, attrs ? attrs->ParentObject : NULL,
			      obj, fn, &p);
	if (!NT_SUCCESS(st))
		return st;
	if (creator_obj)
		*creator_obj = obj;
	if (parent)
		*parent = p;
	return STATUS_SUCCESS;
}

/**
 * wdf_create_done() - the last step of a create: @obj joins the tree
 * under @parent and the caller's out-handle (if any) gets it.
 * @obj: the new object
 * @parent: its parent (NULL: none)
 * @out: the out-handle pointer, or NULL (WDF_NO_HANDLE)
 *
 * Return: STATUS_SUCCESS.
 */
NTSTATUS wdf_create_done(struct wdf_object *obj, struct wdf_object *parent,
			 void **out)
{
	wdf_object_attach(obj, parent);
	if (out)
		*out = obj;
	return STATUS_SUCCESS;
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
 * @attrs: attributes (already checked by wdf_create_prologue()) or NULL
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

	if (WDF_WARN_ONCE(!obj, "%s: NULL handle\n", caller))
		return NULL;
	if (WDF_WARN_ONCE(obj->magic != WDF_OBJECT_MAGIC,
			  "%s: %p is not a WDF object\n", caller, obj))
		return NULL;
	if (WDF_WARN_ONCE(type != WDF_TYPE_NONE && obj->type != type,
			  "%s: %s passed where a %s is required\n", caller,
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

	if (!obj || WDF_WARN_ONCE(!TypeInfo, "%s: NULL type info\n", __func__))
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

	if (WDF_WARN_ONCE(!ContextPointer, "%s: NULL context\n", __func__))
		return NULL;
	obj = *((struct wdf_object **)ContextPointer - 1);
	if (WDF_WARN_ONCE(!obj || obj->magic != WDF_OBJECT_MAGIC ||
			  obj->ctx != ContextPointer,
			  "%s: %p is not a context\n", __func__,
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
	if (WDF_WARN_ONCE(obj->no_delete,
			  "%s on a %s is not allowed\n",
			  __func__, wdf_type_names[obj->type]))
		return;
	if (WDF_WARN_ONCE(obj->deleting, "%s: %s deleted twice\n",
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
	if (WDF_WARN_ONCE(obj->type != WDF_TYPE_DEVICE &&
			  obj->type != WDF_TYPE_QUEUE,
			  "%s on a %s\n", fn, wdf_type_names[obj->type]))
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
