// SPDX-License-Identifier: GPL-2.0-only
/*
 * wdf_interrupt.c - WDFINTERRUPT on request_threaded_irq(IRQF_SHARED).
 *
 * The ISR runs in hard-IRQ context under the interrupt's spinlock, the
 * same lock WdfInterruptAcquireLock takes (spin_lock_irqsave); FALSE from
 * the ISR becomes IRQ_NONE, so a shared line works.
 *
 * The DPC runs in process context, so that with AutomaticSerialization it
 * can take the per-device mutex that serialises it with EvtIo* and timer
 * callbacks (EvtIo* may sleep: they pin pages, map scatter lists and
 * allocate), and may complete requests and unmap scatter lists. Where it
 * runs depends on who queued it:
 *  - queued by the ISR (the common case): the hard handler returns
 *    IRQ_WAKE_THREAD and the DPC runs in the interrupt's IRQ thread
 *    (SCHED_FIFO, woken right after the hard handler, no work-queue
 *    round trip: a work item between two DMA chains cost about half of
 *    the shim's overhead in tools/bench). No IRQF_ONESHOT: the ISR
 *    quiets the device itself, so sharers of an INTx line need not agree
 *    on it, and MSI works the same;
 *  - queued anywhere else (an EvtIo callback, a timer, the DPC itself,
 *    the KUnit fire hook, a device without a Linux IRQ): a work item on
 *    the shim's WQ_HIGHPRI work queue, as before.
 * Both paths keep KMDF's contract: one "queued" bit, so
 * WdfInterruptQueueDpcForIsr returns FALSE while a DPC is queued and not
 * yet started, and TRUE again once it runs (a DPC may re-queue itself);
 * the bit is taken by the first runner, so each TRUE is one call; a
 * per-interrupt mutex runs one DPC at a time; an ISR-queued DPC starts
 * after its ISR returned; free_irq (which runs a pending thread wake one
 * last time and waits for it) and flush_work make disconnect wait for
 * every queued or running DPC.
 * Lock order: device mutex -> interrupt spinlock; DPC mutex -> device
 * mutex. Never the reverse.
 */
#include <linux/export.h>
#include <linux/interrupt.h>
#include <linux/pci.h>
#include <linux/smp.h>
#include "wdf_internal.h"

#define WDF_DPC_QUEUED	0

/* Run the ISR under the interrupt lock, interrupts off; @wake: DPC asked. */
static BOOLEAN wdf_interrupt_call_isr(struct wdf_interrupt *intr, bool *wake)
{
	BOOLEAN ours;

	lockdep_assert_held(&intr->lock);
	intr->isr_wake = false;
	WRITE_ONCE(intr->isr_cpu, raw_smp_processor_id());
	wdf_log_isr(intr->device->dev);
	ours = intr->config.EvtInterruptIsr(intr, 0);
	wdf_log_isr(NULL);
	WRITE_ONCE(intr->isr_cpu, -1);
	*wake = intr->isr_wake;
	intr->isr_wake = false;
	return ours;
}

static irqreturn_t wdf_interrupt_isr(int irq, void *data)
{
	struct wdf_interrupt *intr = data;
	unsigned long flags;
	BOOLEAN ours;
	bool wake;

	spin_lock_irqsave(&intr->lock, flags);
	ours = wdf_interrupt_call_isr(intr, &wake);
	spin_unlock_irqrestore(&intr->lock, flags);
	/* A DPC queued by the ISR runs even if the ISR said "not ours". */
	if (wake)
		return IRQ_WAKE_THREAD;
	return ours ? IRQ_HANDLED : IRQ_NONE;
}

/* The DPC, from either path: only if still queued, one at a time. */
static void wdf_interrupt_run_dpc(struct wdf_interrupt *intr)
{
	struct wdf_device *d = intr->device;
	struct wdf_log_scope ls;
	struct kunit *kt;

	mutex_lock(&intr->dpc_mutex);
	/* Cleared before the call: the DPC may be queued again meanwhile. */
	if (!test_and_clear_bit(WDF_DPC_QUEUED, &intr->dpc_flags) ||
	    !intr->config.EvtInterruptDpc) {
		mutex_unlock(&intr->dpc_mutex);
		return;
	}
	kt = wdf_kunit_enter(d);
	wdf_log_enter(&ls, d->dev);
	if (intr->serialized)
		mutex_lock(&d->sync_lock);
	intr->config.EvtInterruptDpc(intr, d);
	if (intr->serialized)
		mutex_unlock(&d->sync_lock);
	wdf_log_leave(&ls);
	wdf_kunit_leave(kt);
	mutex_unlock(&intr->dpc_mutex);
}

static irqreturn_t wdf_interrupt_thread(int irq, void *data)
{
	wdf_interrupt_run_dpc(data);
	return IRQ_HANDLED;
}

static void wdf_interrupt_dpc(struct work_struct *work)
{
	wdf_interrupt_run_dpc(container_of(work, struct wdf_interrupt, dpc));
}

static unsigned int wdf_interrupt_irq(struct wdf_interrupt *intr)
{
	struct wdf_cmres_list *l = intr->device->translated;
	ULONG i;

	if (intr->config.InterruptTranslated)
		return intr->config.InterruptTranslated->u.Interrupt.Vector;
	if (!l)
		return 0;
	for (i = 0; i < l->count; i++)
		if (l->desc[i].Type == CmResourceTypeInterrupt)
			return l->desc[i].u.Interrupt.Vector;
	return 0;
}

/**
 * wdf_interrupt_connect() - request_irq(IRQF_SHARED) on the device's
 * interrupt resource; without one (IRQ 0) the interrupt is only fired by
 * the KUnit hook.
 * @intr: the interrupt
 *
 * A PCI device without an IRQ fails (-ENXIO) with a message naming it;
 * a KUnit test device without one is fired by wdf_test_interrupt_fire().
 *
 * Return: 0, -ENXIO or request_irq's error.
 */
int wdf_interrupt_connect(struct wdf_interrupt *intr)
{
	struct wdf_device *d = intr->device;
	unsigned int irq = wdf_interrupt_irq(intr);
	int ret;

	if (!irq && d->pdev) {
		/*
		 * A PCI function without a routed line (no INTx pin, or the
		 * firmware gave it none): the driver would bind and every
		 * transfer would time out. Refuse the start instead.
		 */
		dev_err(d->dev, "no usable interrupt (INTx pin %u, irq 0); not starting\n",
			d->pdev->pin);
		return -ENXIO;
	}
	if (irq) {
		ret = request_threaded_irq(irq, wdf_interrupt_isr,
					   wdf_interrupt_thread, IRQF_SHARED,
					   d->driver->name, intr);
		if (ret) {
			dev_err(d->dev, "cannot get irq %u: %d; not starting\n",
				irq, ret);
			return ret;
		}
	}
	intr->irq = irq;
	WRITE_ONCE(intr->threaded, irq != 0);
	intr->connected = true;
	return 0;
}

/**
 * wdf_interrupt_disconnect() - free_irq, which lets an ISR-queued DPC run
 * in the IRQ thread and waits for it; then let a DPC queued elsewhere run.
 * @intr: the interrupt
 */
void wdf_interrupt_disconnect(struct wdf_interrupt *intr)
{
	if (!intr->connected)
		return;
	if (intr->irq)
		free_irq(intr->irq, intr);
	WRITE_ONCE(intr->threaded, false);
	intr->irq = 0;
	intr->connected = false;
	flush_work(&intr->dpc);
	/*
	 * A wake the IRQ core dropped (its thread already exiting) leaves
	 * the bit set with no DPC to run: clear it, or the next connect
	 * could never queue a DPC again.
	 */
	clear_bit(WDF_DPC_QUEUED, &intr->dpc_flags);
}

/**
 * wdf_interrupt_flush() - wait until no DPC is queued or running (KUnit):
 * the IRQ thread (synchronize_irq waits for it too), then the work item.
 * @intr: the interrupt
 */
void wdf_interrupt_flush(struct wdf_interrupt *intr)
{
	unsigned int irq = intr->irq;

	if (irq)
		synchronize_irq(irq);
	flush_work(&intr->dpc);
}

/** wdf_interrupt_enable() - EvtInterruptEnable under the interrupt lock. */
NTSTATUS wdf_interrupt_enable(struct wdf_interrupt *intr)
{
	NTSTATUS st = STATUS_SUCCESS;
	unsigned long flags;

	spin_lock_irqsave(&intr->lock, flags);
	if (intr->config.EvtInterruptEnable)
		st = intr->config.EvtInterruptEnable(intr, intr->device);
	intr->enabled = NT_SUCCESS(st);
	spin_unlock_irqrestore(&intr->lock, flags);
	return st;
}

/** wdf_interrupt_disable() - EvtInterruptDisable under the lock. */
void wdf_interrupt_disable(struct wdf_interrupt *intr)
{
	unsigned long flags;

	spin_lock_irqsave(&intr->lock, flags);
	if (intr->enabled && intr->config.EvtInterruptDisable)
		intr->config.EvtInterruptDisable(intr, intr->device);
	intr->enabled = false;
	spin_unlock_irqrestore(&intr->lock, flags);
}

/**
 * wdf_interrupt_fire() - run the ISR as the hard IRQ handler would.
 * @intr: the interrupt
 *
 * Return: the ISR's result.
 */
BOOLEAN wdf_interrupt_fire(struct wdf_interrupt *intr)
{
	unsigned long flags;
	BOOLEAN ours;
	bool wake;

	local_irq_save(flags);
	spin_lock(&intr->lock);
	ours = wdf_interrupt_call_isr(intr, &wake);
	spin_unlock(&intr->lock);
	local_irq_restore(flags);
	/* Not the IRQ core: hand the DPC to the thread ourselves, or queue. */
	if (wake) {
		if (READ_ONCE(intr->threaded))
			irq_wake_thread(intr->irq, intr);
		else
			queue_work(wdf_wq, &intr->dpc);
	}
	return ours;
}

static void wdf_interrupt_dispose(struct wdf_object *obj)
{
	struct wdf_interrupt *intr = container_of(obj, struct wdf_interrupt,
						  obj);

	wdf_interrupt_disconnect(intr);
	cancel_work_sync(&intr->dpc);
	if (intr->device->interrupt == intr)
		intr->device->interrupt = NULL;
}

static const struct wdf_object_ops wdf_interrupt_ops = {
	.dispose = wdf_interrupt_dispose,
};

/* The ISR always runs in hard IRQ context under the shim's own lock. */
static const struct wdf_unsupported wdf_interrupt_unsupported[] = {
	WDF_UNSUPPORTED(WDF_INTERRUPT_CONFIG, SpinLock),
	WDF_UNSUPPORTED(WDF_INTERRUPT_CONFIG, WaitLock),
	WDF_UNSUPPORTED(WDF_INTERRUPT_CONFIG, PassiveHandling),
	WDF_UNSUPPORTED(WDF_INTERRUPT_CONFIG, EvtInterruptWorkItem),
};

NTSTATUS WdfInterruptCreate(WDFDEVICE Device,
			    PWDF_INTERRUPT_CONFIG Configuration,
			    PWDF_OBJECT_ATTRIBUTES Attributes,
			    WDFINTERRUPT *Interrupt)
{
	PWDF_INTERRUPT_CONFIG c = Configuration;
	struct wdf_object *dobj, *parent;
	struct wdf_interrupt *intr;
	struct wdf_device *d;
	NTSTATUS st;

	st = WDF_CREATE_BEGIN_CFG(WDF_TYPE_INTERRUPT, Interrupt, Device, c,
				  Attributes, &dobj, &parent);
	if (!NT_SUCCESS(st))
		return st;
	d = container_of(dobj, struct wdf_device, obj);
	if (!c->EvtInterruptIsr)
		return STATUS_INVALID_PARAMETER;
	st = wdf_unsupported_check(__func__, c, wdf_interrupt_unsupported,
				   ARRAY_SIZE(wdf_interrupt_unsupported));
	if (!NT_SUCCESS(st))
		return st;
	if (d->interrupt)
		return STATUS_WDF_BUSY;
	if (d->started)
		return STATUS_INVALID_DEVICE_STATE;

	intr = wdf_object_alloc(sizeof(*intr), WDF_TYPE_INTERRUPT, Attributes,
				&wdf_interrupt_ops, &st);
	if (!intr)
		return st;
	intr->device = d;
	intr->config = *c;
	intr->serialized = c->AutomaticSerialization && d->serialized;
	spin_lock_init(&intr->lock);
	intr->isr_cpu = -1;
	mutex_init(&intr->dpc_mutex);
	INIT_WORK(&intr->dpc, wdf_interrupt_dpc);
	intr->obj.no_delete = true;
	d->interrupt = intr;
	return wdf_create_done(&intr->obj, parent, (void **)Interrupt);
}
EXPORT_SYMBOL_GPL(WdfInterruptCreate);

BOOLEAN WdfInterruptQueueDpcForIsr(WDFINTERRUPT Interrupt)
{
	struct wdf_interrupt *intr = WDF_GET(wdf_interrupt, Interrupt,
					     WDF_TYPE_INTERRUPT);
	bool in_isr;
	int cpu;

	if (!intr || !intr->config.EvtInterruptDpc)
		return FALSE;
	if (test_and_set_bit(WDF_DPC_QUEUED, &intr->dpc_flags))
		return FALSE;
	/*
	 * From the ISR: isr_cpu is this CPU only while the ISR runs here
	 * with interrupts off, and preemption is off for the check, so
	 * nothing but the ISR itself can see it. The hard handler then
	 * wakes the IRQ thread (the fire hook: the thread or the work item)
	 * once the ISR returns.
	 */
	cpu = get_cpu();
	in_isr = READ_ONCE(intr->isr_cpu) == cpu;
	if (in_isr)
		intr->isr_wake = true;
	put_cpu();
	if (!in_isr)
		queue_work(wdf_wq, &intr->dpc);
	return TRUE;
}
EXPORT_SYMBOL_GPL(WdfInterruptQueueDpcForIsr);

void WdfInterruptAcquireLock(WDFINTERRUPT Interrupt)
	__acquires(Interrupt)
{
	struct wdf_interrupt *intr = WDF_GET(wdf_interrupt, Interrupt,
					     WDF_TYPE_INTERRUPT);
	unsigned long flags;

	if (!intr) {
		__acquire(Interrupt);
		return;
	}
	spin_lock_irqsave(&intr->lock, flags);
	intr->lock_flags = flags;
	__release(&intr->lock);
	__acquire(Interrupt);
}
EXPORT_SYMBOL_GPL(WdfInterruptAcquireLock);

void WdfInterruptReleaseLock(WDFINTERRUPT Interrupt)
	__releases(Interrupt)
{
	struct wdf_interrupt *intr = WDF_GET(wdf_interrupt, Interrupt,
					     WDF_TYPE_INTERRUPT);

	if (!intr) {
		__release(Interrupt);
		return;
	}
	__acquire(&intr->lock);
	__release(Interrupt);
	spin_unlock_irqrestore(&intr->lock, intr->lock_flags);
}
EXPORT_SYMBOL_GPL(WdfInterruptReleaseLock);

BOOLEAN WdfInterruptSynchronize(WDFINTERRUPT Interrupt,
				PFN_WDF_INTERRUPT_SYNCHRONIZE Callback,
				WDFCONTEXT Context)
{
	struct wdf_interrupt *intr = WDF_GET(wdf_interrupt, Interrupt,
					     WDF_TYPE_INTERRUPT);
	unsigned long flags;
	BOOLEAN r;

	if (!intr || WDF_WARN_ONCE(!Callback, "%s: NULL callback\n", __func__))
		return FALSE;
	spin_lock_irqsave(&intr->lock, flags);
	r = Callback(intr, Context);
	spin_unlock_irqrestore(&intr->lock, flags);
	return r;
}
EXPORT_SYMBOL_GPL(WdfInterruptSynchronize);

WDFDEVICE WdfInterruptGetDevice(WDFINTERRUPT Interrupt)
{
	struct wdf_interrupt *intr = WDF_GET(wdf_interrupt, Interrupt,
					     WDF_TYPE_INTERRUPT);

	return intr ? intr->device : NULL;
}
EXPORT_SYMBOL_GPL(WdfInterruptGetDevice);
