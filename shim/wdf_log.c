// SPDX-License-Identifier: GPL-2.0-only
/*
 * wdf_log.c - which board a DbgPrintEx line is about.
 *
 * A WDF core logs with DbgPrintEx, which names no device. The shim knows
 * the device whenever it runs one of the core's callbacks, so it records
 * it for the running thread (a scope on the caller's stack, in a short
 * list) or, for the ISR, per CPU with interrupts off. DbgPrintEx looks
 * the device up and prints with dev_*(), so every line of a callback
 * names its board; lines from outside any device callback (DriverEntry,
 * unload) stay pr_*().
 */
#include <linux/export.h>
#include <linux/list.h>
#include <linux/percpu.h>
#include <linux/preempt.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include "wdf_internal.h"

static LIST_HEAD(wdf_log_scopes);
static DEFINE_SPINLOCK(wdf_log_lock);
static DEFINE_PER_CPU(struct device *, wdf_log_isr_dev);

/**
 * wdf_log_enter() - the current thread now runs a callback of @dev.
 * @s: the scope, on the caller's stack until wdf_log_leave()
 * @dev: the device (may be NULL: no device)
 */
void wdf_log_enter(struct wdf_log_scope *s, struct device *dev)
{
	unsigned long flags;

	s->task = current;
	s->dev = dev;
	spin_lock_irqsave(&wdf_log_lock, flags);
	list_add(&s->node, &wdf_log_scopes);
	spin_unlock_irqrestore(&wdf_log_lock, flags);
}

/** wdf_log_leave() - end the scope wdf_log_enter() began. */
void wdf_log_leave(struct wdf_log_scope *s)
{
	unsigned long flags;

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
	struct wdf_log_scope *s;
	struct device *dev = NULL;
	unsigned long flags;

	if (irqs_disabled())
		dev = this_cpu_read(wdf_log_isr_dev);
	if (dev || !in_task())
		return dev;
	spin_lock_irqsave(&wdf_log_lock, flags);
	list_for_each_entry(s, &wdf_log_scopes, node) {
		if (s->task == current) {
			dev = s->dev;
			break;
		}
	}
	spin_unlock_irqrestore(&wdf_log_lock, flags);
	return dev;
}
