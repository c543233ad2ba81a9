// SPDX-License-Identifier: GPL-2.0-only
/*
 * wdf_log.c - DbgPrintEx, and which board its line is about.
 *
 * A WDF core logs with DbgPrintEx, which names no device. The shim knows
 * the device whenever it runs one of the core's callbacks, so it records
 * it for the running thread (a scope on the caller's stack) or, for the
 * ISR, per CPU with interrupts off. DbgPrintEx looks the device up and
 * prints with dev_*(), so every line of a callback names its board (the
 * innermost scope's, when callbacks nest); lines from outside any device
 * callback (DriverEntry, unload) stay pr_*().
 *
 * Entering and leaving a scope happen twice per request (EvtIo*, the
 * DPC), looking one up only when a line is printed, so the scopes are
 * kept without a shared lock: each scope claims a slot of a small table
 * (compare-and-exchange of the slot's owner, starting at a hash of the
 * task), which only its task writes and reads, and gives it back by
 * clearing the owner. Another task only compares a slot's owner with
 * itself, never follows its scope pointer. With every slot taken (more
 * tasks inside callbacks at once than slots), a scope goes on a list
 * under a spin lock instead, as all of them did before (issue 10).
 *
 * DbgPrintEx prints the driver's text as it is (the driver names itself),
 * without the "wdfshim" prefix every other shim line has (shim/Kbuild).
 */
#undef pr_fmt
#define pr_fmt(fmt) fmt
#undef dev_fmt
#define dev_fmt(fmt) fmt

#include <linux/export.h>
#include <linux/hash.h>
#include <linux/list.h>
#include <linux/percpu.h>
#include <linux/preempt.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include "wdf_internal.h"

#define WDF_LOG_SLOT_BITS	6

struct wdf_log_slot {
	struct task_struct *owner;	/* NULL: free */
	struct wdf_log_scope *scope;	/* the owner's; only it uses this */
} ____cacheline_aligned_in_smp;

static struct wdf_log_slot wdf_log_slots[1 << WDF_LOG_SLOT_BITS];
static LIST_HEAD(wdf_log_overflow);
static DEFINE_SPINLOCK(wdf_log_lock);
static DEFINE_PER_CPU(struct device *, wdf_log_isr_dev);

/*
 * Of two scopes of one task, is @a the inner one (entered later)? Both
 * are on the task's stack, the inner one deeper.
 */
static bool wdf_log_inner(const struct wdf_log_scope *a,
			  const struct wdf_log_scope *b)
{
	if (IS_ENABLED(CONFIG_STACK_GROWSUP))
		return a > b;
	return a < b;
}

/**
 * wdf_log_enter() - the current thread now runs a callback of @dev.
 * @s: the scope, on the caller's stack until wdf_log_leave()
 * @dev: the device (may be NULL: no device)
 */
void wdf_log_enter(struct wdf_log_scope *s, struct device *dev)
{
	unsigned int h = hash_ptr(current, WDF_LOG_SLOT_BITS), i;
	struct wdf_log_slot *slot;
	unsigned long flags;

	s->task = current;
	s->dev = dev;
	for (i = 0; i < ARRAY_SIZE(wdf_log_slots); i++) {
		slot = &wdf_log_slots[(h + i) % ARRAY_SIZE(wdf_log_slots)];
		if (!READ_ONCE(slot->owner) &&
		    !cmpxchg(&slot->owner, NULL, current)) {
			slot->scope = s;
			s->slot = slot;
			return;
		}
	}
	s->slot = NULL;
	spin_lock_irqsave(&wdf_log_lock, flags);
	list_add(&s->node, &wdf_log_overflow);
	spin_unlock_irqrestore(&wdf_log_lock, flags);
}

/** wdf_log_leave() - end the scope wdf_log_enter() began. */
void wdf_log_leave(struct wdf_log_scope *s)
{
	unsigned long flags;

	if (s->slot) {
		/* our stores to the slot before the next owner's claim */
		smp_store_release(&s->slot->owner, NULL);
		return;
	}
	spin_lock_irqsave(&wdf_log_lock, flags);
	list_del(&s->node);
	spin_unlock_irqrestore(&wdf_log_lock, flags);
}

/**
 * wdf_log_isr() - set (or clear, with NULL) the device whose ISR runs on
 * this CPU. Interrupts must be off.
 * @dev: the device or NULL
 */
void wdf_log_isr(struct device *dev)
{
	this_cpu_write(wdf_log_isr_dev, dev);
}

/**
 * wdf_log_device() - the device the current context runs a callback for.
 *
 * Return: the device, or NULL outside any device callback.
 */
struct device *wdf_log_device(void)
{
	struct wdf_log_scope *s, *in = NULL;
	struct device *dev = NULL;
	unsigned long flags;
	unsigned int i;

	if (irqs_disabled())
		dev = this_cpu_read(wdf_log_isr_dev);
	if (dev || !in_task())
		return dev;
	/*
	 * Only the current task claims or frees a slot it owns, and it is
	 * here: its slots and their scopes stay as they are while we look.
	 */
	for (i = 0; i < ARRAY_SIZE(wdf_log_slots); i++) {
		if (READ_ONCE(wdf_log_slots[i].owner) != current)
			continue;
		s = wdf_log_slots[i].scope;
		if (!in || wdf_log_inner(s, in))
			in = s;
	}
	/*
	 * No interrupt takes the lock, but a task may print while it holds
	 * a lock an ISR takes (the interrupt spin lock, irqs off). Were
	 * interrupts on while we hold this lock, an ISR on our CPU could
	 * spin on that interrupt lock while its holder, on another CPU,
	 * spins on this one (lockdep in the sanitizer kernel's
	 * san-edu-iommu). So irqsave, here and on the overflow list.
	 */
	spin_lock_irqsave(&wdf_log_lock, flags);
	list_for_each_entry(s, &wdf_log_overflow, node) {
		if (s->task == current && (!in || wdf_log_inner(s, in)))
			in = s;
	}
	spin_unlock_irqrestore(&wdf_log_lock, flags);
	return in ? in->dev : NULL;
}

/*
 * Inside a device callback the line names the board (dev_*), elsewhere
 * it is a plain pr_*.
 */
#define WDF_DBG_PRINT(dev, dev_fn, pr_fn, vaf)	\
	do {					\
		if (dev)			\
			dev_fn(dev, "%pV", vaf);	\
		else				\
			pr_fn("%pV", vaf);	\
	} while (0)

ULONG DbgPrintEx(ULONG ComponentId, ULONG Level, PCSTR Format, ...)
{
	struct device *dev = wdf_log_device();
	struct va_format vaf;
	va_list args;

	va_start(args, Format);
	vaf.fmt = Format;
	vaf.va = &args;
	switch (Level) {
	case DPFLTR_ERROR_LEVEL:
		WDF_DBG_PRINT(dev, dev_err, pr_err, &vaf);
		break;
	case DPFLTR_WARNING_LEVEL:
		WDF_DBG_PRINT(dev, dev_warn, pr_warn, &vaf);
		break;
	case DPFLTR_INFO_LEVEL:
		WDF_DBG_PRINT(dev, dev_info, pr_info, &vaf);
		break;
	default:
		WDF_DBG_PRINT(dev, dev_dbg, pr_debug, &vaf);
		break;
	}
	va_end(args);
	return STATUS_SUCCESS;
}
EXPORT_SYMBOL_GPL(DbgPrintEx);
