/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * wdfsync.h - WDFSPINLOCK and WDFWAITLOCK.
 */
#ifndef _WDFSHIM_WDFSYNC_H
#define _WDFSHIM_WDFSYNC_H

#include <wdfobject.h>

/**
 * WdfSpinLockAcquire() - take the lock with local interrupts off (KMDF
 * raises to DISPATCH_LEVEL); never sleep until the release. Acquiring a
 * lock the caller already holds: WARN_ONCE and no-op (KMDF deadlocks or
 * its verifier bugchecks).
 * @SpinLock: the lock
 */
void WdfSpinLockAcquire(WDFSPINLOCK SpinLock);

/**
 * WdfSpinLockRelease() - release; by a thread that does not hold it:
 * WARN_ONCE and no-op (the KMDF verifier bugchecks).
 * @SpinLock: the lock, held by the caller
 */
void WdfSpinLockRelease(WDFSPINLOCK SpinLock);

/**
 * WdfSpinLockCreate() - a spinlock object (its own lockdep class, so two
 * WDFSPINLOCKs may nest).
 * @SpinLockAttributes: optional. KMDF parents a lock without ParentObject
 *	to the driver; the shim has no implicit driver, so such a lock has
 *	no parent and the driver deletes it with WdfObjectDelete.
 * @SpinLock: out handle, NULL after a failure
 *
 * Return: STATUS_SUCCESS; STATUS_INFO_LENGTH_MISMATCH (attributes Size);
 * STATUS_INVALID_HANDLE (ParentObject not an object, WARN_ONCE);
 * STATUS_INSUFFICIENT_RESOURCES; STATUS_INVALID_PARAMETER (NULL @SpinLock,
 * WARN_ONCE: KMDF bugchecks).
 */
NTSTATUS WdfSpinLockCreate(PWDF_OBJECT_ATTRIBUTES SpinLockAttributes,
			   WDFSPINLOCK *SpinLock);

/**
 * WdfWaitLockCreate() - a wait lock (a counting semaphore of one, like
 * KMDF's synchronization event: it may be released by another thread).
 * @LockAttributes: optional; without ParentObject the lock has no parent
 *	(see WdfSpinLockCreate)
 * @Lock: out handle, NULL after a failure
 *
 * Return: as WdfSpinLockCreate.
 */
NTSTATUS WdfWaitLockCreate(PWDF_OBJECT_ATTRIBUTES LockAttributes,
			   WDFWAITLOCK *Lock);

/**
 * WdfWaitLockAcquire() - take the lock (process context).
 * @Lock: the lock
 * @Timeout: NULL = wait as long as it takes; *Timeout 0 = do not wait;
 *	negative = relative, in 100 ns units; a positive (absolute) time is
 *	taken as relative to now
 *
 * Return: STATUS_SUCCESS (acquired); STATUS_TIMEOUT (not acquired within
 * @Timeout); STATUS_INVALID_HANDLE (bad handle, WARN_ONCE).
 */
NTSTATUS WdfWaitLockAcquire(WDFWAITLOCK Lock, PLONGLONG Timeout);

/**
 * WdfWaitLockRelease() - release; releasing a lock that is not held:
 * WARN_ONCE and no-op (it would let two holders in).
 * @Lock: the lock, held by the caller
 */
void WdfWaitLockRelease(WDFWAITLOCK Lock);

#endif /* _WDFSHIM_WDFSYNC_H */
