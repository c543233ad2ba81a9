// SPDX-License-Identifier: GPL-2.0-only
/*
 * wdf_sync.c - WDFSPINLOCK on a spinlock_t taken with interrupts off (the
 * flags live in the object, as KMDF keeps the old IRQL in it), each with
 * its own lockdep class; WDFWAITLOCK on a semaphore of one (KMDF's wait
 * lock is a synchronization event: no owner, any thread may release it;
 * down_timeout gives the optional timeout).
 */
#include <linux/export.h>
#include <linux/jiffies.h>
#include <linux/lockdep.h>
#include <linux/semaphore.h>
#include "wdf_internal.h"

/**
 * struct wdf_spinlock - a WDFSPINLOCK.
 * @obj: object header
 * @lock: the lock
 * @flags: saved interrupt state of the holder
 * @owner: the holding task, NULL when free (misuse detection)
 * @key: the lock's own lockdep class
 */
struct wdf_spinlock {
	struct wdf_object obj;
	spinlock_t lock;
	unsigned long flags;
	struct task_struct *owner;
	struct lock_class_key key;
};

/**
 * struct wdf_waitlock - a WDFWAITLOCK.
 * @obj: object header
 * @sem: the semaphore (count 1 = free)
 * @held: the lock is taken (for the release check)
 */
struct wdf_waitlock {
	struct wdf_object obj;
	struct semaphore sem;
	int held;
};

/*
 * Both creates: the prologue, a new lock object of @size bytes, @init on
 * it, then it joins its parent (ParentObject, or none).
 */
static NTSTATUS wdf_sync_create(const char *fn, void **out, size_t size,
				enum wdf_object_type type,
				PWDF_OBJECT_ATTRIBUTES attrs,
				const struct wdf_object_ops *ops,
				void (*init)(struct wdf_object *obj))
{
	struct wdf_object *parent, *obj;
	NTSTATUS st;

	st = wdf_create_prologue(type, fn, out, NULL, NULL, 0, attrs, NULL,
				 &parent);
	if (!NT_SUCCESS(st))
		return st;
	obj = wdf_object_alloc(size, type, attrs, ops, &st);
	if (!obj)
		return st;
	init(obj);
	return wdf_create_done(obj, parent, out);
}

static void wdf_spinlock_dispose(struct wdf_object *obj)
{
	struct wdf_spinlock *s = container_of(obj, struct wdf_spinlock, obj);

	WDF_WARN_ONCE(READ_ONCE(s->owner), "WDFSPINLOCK deleted while held\n");
	lockdep_unregister_key(&s->key);
}

static const struct wdf_object_ops wdf_spinlock_ops = {
	.dispose = wdf_spinlock_dispose,
};

static void wdf_spinlock_init(struct wdf_object *obj)
{
	struct wdf_spinlock *s = container_of(obj, struct wdf_spinlock, obj);

	spin_lock_init(&s->lock);
	lockdep_register_key(&s->key);
	lockdep_set_class_and_name(&s->lock, &s->key, "WDFSPINLOCK");
}

NTSTATUS WdfSpinLockCreate(PWDF_OBJECT_ATTRIBUTES SpinLockAttributes,
			   WDFSPINLOCK *SpinLock)
{
	return wdf_sync_create(__func__, (void **)SpinLock,
			       sizeof(struct wdf_spinlock), WDF_TYPE_SPINLOCK,
			       SpinLockAttributes, &wdf_spinlock_ops,
			       wdf_spinlock_init);
}
EXPORT_SYMBOL_GPL(WdfSpinLockCreate);

void WdfSpinLockAcquire(WDFSPINLOCK SpinLock)
	__acquires(SpinLock)
{
	struct wdf_spinlock *s = WDF_GET(wdf_spinlock, SpinLock,
					 WDF_TYPE_SPINLOCK);
	unsigned long flags;

	__acquire(SpinLock);
	if (!s || WDF_WARN_ONCE(READ_ONCE(s->owner) == current,
				"%s: lock already held by the caller\n",
				__func__))
		return;
	spin_lock_irqsave(&s->lock, flags);
	__release(&s->lock);
	s->flags = flags;
	WRITE_ONCE(s->owner, current);
}
EXPORT_SYMBOL_GPL(WdfSpinLockAcquire);

void WdfSpinLockRelease(WDFSPINLOCK SpinLock)
	__releases(SpinLock)
{
	struct wdf_spinlock *s = WDF_GET(wdf_spinlock, SpinLock,
					 WDF_TYPE_SPINLOCK);
	unsigned long flags;

	__release(SpinLock);
	if (!s || WDF_WARN_ONCE(READ_ONCE(s->owner) != current,
				"%s: lock not held by the caller\n",
				__func__))
		return;
	flags = s->flags;
	WRITE_ONCE(s->owner, NULL);
	__acquire(&s->lock);
	spin_unlock_irqrestore(&s->lock, flags);
}
EXPORT_SYMBOL_GPL(WdfSpinLockRelease);

static const struct wdf_object_ops wdf_waitlock_ops;

static void wdf_waitlock_init(struct wdf_object *obj)
{
	sema_init(&container_of(obj, struct wdf_waitlock, obj)->sem, 1);
}

NTSTATUS WdfWaitLockCreate(PWDF_OBJECT_ATTRIBUTES LockAttributes,
			   WDFWAITLOCK *Lock)
{
	return wdf_sync_create(__func__, (void **)Lock,
			       sizeof(struct wdf_waitlock), WDF_TYPE_WAITLOCK,
			       LockAttributes, &wdf_waitlock_ops,
			       wdf_waitlock_init);
}
EXPORT_SYMBOL_GPL(WdfWaitLockCreate);

NTSTATUS WdfWaitLockAcquire(WDFWAITLOCK Lock, PLONGLONG Timeout)
{
	struct wdf_waitlock *w = WDF_GET(wdf_waitlock, Lock,
					 WDF_TYPE_WAITLOCK);
	unsigned long j;
	u64 ns;

	if (!w)
		return STATUS_INVALID_HANDLE;
	if (!Timeout) {
		down(&w->sem);
	} else if (!*Timeout) {
		if (down_trylock(&w->sem))
			return STATUS_TIMEOUT;
	} else {
		/* 100 ns units; at least one jiffy, at most a long wait */
		ns = (u64)(*Timeout < 0 ? -*Timeout : *Timeout);
		ns = ns > U64_MAX / 100 ? U64_MAX : ns * 100;
		j = nsecs_to_jiffies(ns);
		if (down_timeout(&w->sem, clamp_t(unsigned long, j, 1,
						  MAX_SCHEDULE_TIMEOUT / 2)))
			return STATUS_TIMEOUT;
	}
	WRITE_ONCE(w->held, 1);
	return STATUS_SUCCESS;
}
EXPORT_SYMBOL_GPL(WdfWaitLockAcquire);

void WdfWaitLockRelease(WDFWAITLOCK Lock)
{
	struct wdf_waitlock *w = WDF_GET(wdf_waitlock, Lock,
					 WDF_TYPE_WAITLOCK);

	if (!w || WDF_WARN_ONCE(!xchg(&w->held, 0),
				"%s: lock not held\n", __func__))
		return;
	up(&w->sem);
}
EXPORT_SYMBOL_GPL(WdfWaitLockRelease);
