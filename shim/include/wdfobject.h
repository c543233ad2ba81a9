/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * wdfobject.h - WDF handles, object attributes, typed contexts, deletion.
 */
#ifndef _WDFSHIM_WDFOBJECT_H
#define _WDFSHIM_WDFOBJECT_H

#include <wdm.h>
#include <ntstatus.h>

/*
 * Callback pointer types (PFN_*) spell NTSTATUS as s32 and BOOLEAN as u8 -
 * the same types - so that checkpatch can parse them.
 */

/* Handles: opaque pointers to shim objects (each starts with a header). */
typedef void *WDFOBJECT, **PWDFOBJECT;
typedef void *WDFCONTEXT;
typedef struct wdf_driver *WDFDRIVER;
typedef struct wdf_device *WDFDEVICE;
typedef struct wdf_queue *WDFQUEUE;
typedef struct wdf_request *WDFREQUEST;
typedef struct wdf_interrupt *WDFINTERRUPT;
typedef struct wdf_dma_enabler *WDFDMAENABLER;
typedef struct wdf_common_buffer *WDFCOMMONBUFFER;
typedef struct wdf_dma_transaction *WDFDMATRANSACTION;
typedef struct wdf_timer *WDFTIMER;
typedef struct wdf_cmres_list *WDFCMRESLIST;
typedef struct wdf_file_object *WDFFILEOBJECT;
typedef struct wdf_spinlock *WDFSPINLOCK;
typedef struct wdf_waitlock *WDFWAITLOCK;

#define WDF_NO_OBJECT_ATTRIBUTES	NULL
#define WDF_NO_HANDLE			NULL
#define WDF_NO_CONTEXT			NULL

typedef enum _WDF_TRI_STATE {
	WdfFalse = 0,
	WdfTrue = 1,
	WdfUseDefault = 2,
} WDF_TRI_STATE;

typedef enum _WDF_EXECUTION_LEVEL {
	WdfExecutionLevelInvalid = 0,
	WdfExecutionLevelInheritFromParent,
	WdfExecutionLevelPassive,
	WdfExecutionLevelDispatch,
} WDF_EXECUTION_LEVEL;

typedef enum _WDF_SYNCHRONIZATION_SCOPE {
	WdfSynchronizationScopeInvalid = 0,
	WdfSynchronizationScopeInheritFromParent,
	WdfSynchronizationScopeDevice,
	WdfSynchronizationScopeQueue,
	WdfSynchronizationScopeNone,
} WDF_SYNCHRONIZATION_SCOPE;

typedef void EVT_WDF_OBJECT_CONTEXT_CLEANUP(WDFOBJECT Object);
typedef EVT_WDF_OBJECT_CONTEXT_CLEANUP *PFN_WDF_OBJECT_CONTEXT_CLEANUP;
typedef void EVT_WDF_OBJECT_CONTEXT_DESTROY(WDFOBJECT Object);
typedef EVT_WDF_OBJECT_CONTEXT_DESTROY *PFN_WDF_OBJECT_CONTEXT_DESTROY;

/**
 * struct _WDF_OBJECT_CONTEXT_TYPE_INFO - describes one context type.
 * @Size: sizeof(WDF_OBJECT_CONTEXT_TYPE_INFO)
 * @ContextName: the type's name (contexts match by this name)
 * @ContextSize: sizeof the context type
 * @UniqueType: points to the canonical info (KMDF compatibility)
 */
typedef struct _WDF_OBJECT_CONTEXT_TYPE_INFO {
	ULONG Size;
	PCSTR ContextName;
	size_t ContextSize;
	const struct _WDF_OBJECT_CONTEXT_TYPE_INFO *UniqueType;
} WDF_OBJECT_CONTEXT_TYPE_INFO, *PWDF_OBJECT_CONTEXT_TYPE_INFO;
typedef const struct _WDF_OBJECT_CONTEXT_TYPE_INFO *PCWDF_OBJECT_CONTEXT_TYPE_INFO;

/**
 * struct _WDF_OBJECT_ATTRIBUTES - creation attributes of any object.
 * @Size: sizeof(WDF_OBJECT_ATTRIBUTES), else STATUS_INFO_LENGTH_MISMATCH
 * @EvtCleanupCallback: called when the object is deleted (children first)
 * @EvtDestroyCallback: called right before the memory is freed
 * @ExecutionLevel: any valid value; callbacks run in process context
 *	either way
 * @SynchronizationScope: on a driver, device or queue: Device (or Queue)
 *	= one per-device mutex serialises EvtIo*, DPCs and timer callbacks
 *	(AutomaticSerialization); other objects take none (Inherit or 0,
 *	else STATUS_NOT_SUPPORTED)
 * @ParentObject: parent for objects that allow one
 * @ContextSizeOverride: context size, if larger than the type's
 * @ContextTypeInfo: from WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE
 */
typedef struct _WDF_OBJECT_ATTRIBUTES {
	ULONG Size;
	PFN_WDF_OBJECT_CONTEXT_CLEANUP EvtCleanupCallback;
	PFN_WDF_OBJECT_CONTEXT_DESTROY EvtDestroyCallback;
	WDF_EXECUTION_LEVEL ExecutionLevel;
	WDF_SYNCHRONIZATION_SCOPE SynchronizationScope;
	WDFOBJECT ParentObject;
	size_t ContextSizeOverride;
	PCWDF_OBJECT_CONTEXT_TYPE_INFO ContextTypeInfo;
} WDF_OBJECT_ATTRIBUTES, *PWDF_OBJECT_ATTRIBUTES;

/*
 * Every Wdf*Create checks first, in this order (shim/wdf_object.c,
 * wdf_create_prologue), and clears the out-handle:
 *  - a NULL out-handle (where KMDF requires one) or config:
 *    STATUS_INVALID_PARAMETER, WARN_ONCE;
 *  - the object it is created on is not one: STATUS_INVALID_HANDLE;
 *  - config or attributes Size: STATUS_INFO_LENGTH_MISMATCH;
 *  - ContextSizeOverride without ContextTypeInfo, or a ContextTypeInfo of
 *    another Size: STATUS_WDF_OBJECT_ATTRIBUTES_INVALID;
 *  - ExecutionLevel or SynchronizationScope outside its enum:
 *    STATUS_INVALID_PARAMETER; a scope where the object takes none:
 *    STATUS_NOT_SUPPORTED, WARN_ONCE;
 *  - ParentObject: where the parent is fixed (driver, device, common
 *    buffer, DMA transaction) any is STATUS_WDF_PARENT_ASSIGNMENT_NOT_ALLOWED;
 *    where only the device may be named (queue, interrupt, DMA enabler)
 *    another is STATUS_WDF_OBJECT_ATTRIBUTES_INVALID; elsewhere (timer and
 *    work item: required, else STATUS_INVALID_PARAMETER) one that is not
 *    an object is STATUS_INVALID_HANDLE.
 */
static inline void WDF_OBJECT_ATTRIBUTES_INIT(PWDF_OBJECT_ATTRIBUTES Attributes)
{
	memset(Attributes, 0, sizeof(*Attributes));
	Attributes->Size = sizeof(*Attributes);
	Attributes->ExecutionLevel = WdfExecutionLevelInheritFromParent;
	Attributes->SynchronizationScope =
		WdfSynchronizationScopeInheritFromParent;
}

#define WDF_TYPE_NAME_TO_TYPE_INFO(_contexttype) \
	_WDF_##_contexttype##_TYPE_INFO
#define WDF_GET_CONTEXT_TYPE_INFO(_contexttype) \
	(&WDF_TYPE_NAME_TO_TYPE_INFO(_contexttype))

#define WDF_OBJECT_ATTRIBUTES_SET_CONTEXT_TYPE(_attributes, _contexttype) \
	((_attributes)->ContextTypeInfo = \
		WDF_GET_CONTEXT_TYPE_INFO(_contexttype)->UniqueType)

#define WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(_attributes, _contexttype) \
	do { \
		WDF_OBJECT_ATTRIBUTES_INIT(_attributes); \
		WDF_OBJECT_ATTRIBUTES_SET_CONTEXT_TYPE(_attributes, \
						       _contexttype); \
	} while (0)

/**
 * WdfObjectGetTypedContextWorker() - the context of @Handle of that type.
 * @Handle: any WDF handle
 * @TypeInfo: the context type (matched by pointer or by ContextName)
 *
 * Return: the context, or NULL if the object has none of that type
 * (WARN_ONCE for an invalid handle).
 */
PVOID WdfObjectGetTypedContextWorker(WDFOBJECT Handle,
				     PCWDF_OBJECT_CONTEXT_TYPE_INFO TypeInfo);

#define WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(_contexttype, _castingfunction) \
	static const struct _WDF_OBJECT_CONTEXT_TYPE_INFO \
	_WDF_##_contexttype##_TYPE_INFO __maybe_unused = { \
		sizeof(struct _WDF_OBJECT_CONTEXT_TYPE_INFO), \
		#_contexttype, \
		sizeof(_contexttype), \
		&_WDF_##_contexttype##_TYPE_INFO, \
	}; \
	static inline __maybe_unused _contexttype * \
	_castingfunction(WDFOBJECT Handle) \
	{ \
		return (_contexttype *)WdfObjectGetTypedContextWorker( \
			Handle, WDF_GET_CONTEXT_TYPE_INFO(_contexttype)); \
	}

#define WDF_DECLARE_CONTEXT_TYPE(_contexttype) \
	WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(_contexttype, \
					   WdfObjectGet_##_contexttype)

#define WdfObjectGetTypedContext(handle, type) \
	((type *)WdfObjectGetTypedContextWorker((WDFOBJECT)(handle), \
						WDF_GET_CONTEXT_TYPE_INFO(type)))

/**
 * WdfObjectDelete() - delete an object, its children first.
 * @Object: the object
 *
 * Refused (WARN_ONCE, no-op) on WDFDRIVER, WDFDEVICE, WDFINTERRUPT,
 * resource lists, requests the driver did not create, and queues that
 * receive dispatched requests - the objects KMDF flags "no delete DDI".
 */
void WdfObjectDelete(WDFOBJECT Object);

/**
 * WdfObjectAcquireLock() - take the synchronisation-scope lock of a
 * device or queue: the device mutex EvtIo*, the DPC, timers and cancel
 * routines run under (passive level; may sleep). Other objects: WARN_ONCE,
 * nothing taken.
 * @Object: a device or queue (its synchronization lock)
 */
void WdfObjectAcquireLock(WDFOBJECT Object);
/** WdfObjectReleaseLock() - release what WdfObjectAcquireLock took. */
void WdfObjectReleaseLock(WDFOBJECT Object);

/** WdfObjectContextGetObject() - the object a context belongs to. */
WDFOBJECT WdfObjectContextGetObject(PVOID ContextPointer);

#endif /* _WDFSHIM_WDFOBJECT_H */
