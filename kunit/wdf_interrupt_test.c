// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: WDFINTERRUPT (doc/facts.md §4.6-§4.8, §5; architecture "Device
 * synchronisation"): the ISR runs with interrupts off and its FALSE means
 * "not ours"; the DPC runs after the ISR queued it, once per queueing, in
 * process context, serialised with EvtIo* by the device lock;
 * WdfInterruptAcquireLock is an IRQ-safe lock; enable/disable callbacks
 * come in KMDF's order around D0Entry/D0Exit.
 */
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/hardirq.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/irqdesc.h>
#include <linux/irqflags.h>
#include <linux/lockdep.h>
#include <linux/preempt.h>
#include "wdf_test_util.h"

enum irq_event {
	EV_PREPARE = 1, EV_D0_ENTRY, EV_IRQ_ENABLE, EV_D0_ENTRY_POST,
	EV_D0_EXIT_PRE, EV_IRQ_DISABLE, EV_D0_EXIT, EV_RELEASE,
};

struct irqfix {
	WDFINTERRUPT irq;
	BOOLEAN isr_ret;
	bool isr_queues_dpc;
	bool automatic_serialization;
	int isr_calls;
	bool isr_irqs_off;
	ULONG isr_msg;
	BOOLEAN queued[2];
	atomic_t dpc_calls;
	bool dpc_irqs_on;
	bool dpc_in_interrupt;
	WDFOBJECT dpc_assoc;
	WDFDEVICE dpc_dev;
	struct completion dpc_done;
	int events[16];
	int nevents;
	bool enable_irqs_off, disable_irqs_off;
	WDF_POWER_DEVICE_STATE d0_prev, d0_target;
	NTSTATUS st_no_isr, st_size, st_second;
	WDFINTERRUPT h_no_isr, h_size, h_second;
	int dpc_seen_by_io;
	bool isr_lock_held, dpc_sync_held, dpc_irq_lock_held;
	bool enable_lock_held, disable_lock_held;
	struct device *log_isr, *log_dpc;
	/* where the DPC ran: the IRQ thread or a work-queue worker */
	bool dpc_in_irq_thread, dpc_in_wq_worker;
	bool isr_exited, dpc_after_isr;
	/* re-queue while running: the DPC waits for dpc_release */
	bool dpc_block;
	struct completion dpc_entered, dpc_release;
	atomic_t dpc_running;
	int dpc_max_running;
};

static struct irqfix *irqfix_of(WDFDEVICE d)
{
	struct wdft_device *wd = wdft_of(d);

	return wd ? wd->priv : NULL;
}

static void irq_event(WDFDEVICE d, int ev)
{
	struct irqfix *fx = irqfix_of(d);

	if (fx && fx->nevents < ARRAY_SIZE(fx->events))
		fx->events[fx->nevents++] = ev;
}

static BOOLEAN irq_isr(WDFINTERRUPT i, ULONG msg)
{
	struct irqfix *fx = irqfix_of(WdfInterruptGetDevice(i));

	if (!fx)
		return FALSE;
	fx->isr_calls++;
	fx->isr_irqs_off = irqs_disabled();
	fx->isr_lock_held = lockdep_is_held(wdf_test_interrupt_lock(i));
	fx->isr_msg = msg;
	fx->log_isr = wdf_test_log_device();
	WRITE_ONCE(fx->isr_exited, false);
	if (fx->isr_ret && fx->isr_queues_dpc) {
		fx->queued[0] = WdfInterruptQueueDpcForIsr(i);
		fx->queued[1] = WdfInterruptQueueDpcForIsr(i);
		mdelay(2);	/* a DPC started early would see this */
	}
	WRITE_ONCE(fx->isr_exited, true);
	return fx->isr_ret;
}

static void irq_dpc(WDFINTERRUPT i, WDFOBJECT assoc)
{
	struct irqfix *fx = irqfix_of(WdfInterruptGetDevice(i));
	int running;

	if (!fx)
		return;
	running = atomic_inc_return(&fx->dpc_running);
	fx->dpc_max_running = max(fx->dpc_max_running, running);
	fx->dpc_after_isr = READ_ONCE(fx->isr_exited);
	fx->dpc_in_wq_worker = current->flags & PF_WQ_WORKER;
	fx->dpc_in_irq_thread = (current->flags & PF_KTHREAD) &&
				!strncmp(current->comm, "irq/", 4);
	if (fx->dpc_block) {
		fx->dpc_block = false;
		complete(&fx->dpc_entered);
		wait_for_completion_timeout(&fx->dpc_release, 10 * HZ);
	}
	fx->dpc_irqs_on = !irqs_disabled();
	fx->dpc_sync_held = lockdep_is_held(wdf_test_device_sync_lock(WdfInterruptGetDevice(i)));
	fx->dpc_irq_lock_held = lockdep_is_held(wdf_test_interrupt_lock(i));
	fx->dpc_in_interrupt = in_interrupt();
	fx->dpc_assoc = assoc;
	fx->dpc_dev = WdfInterruptGetDevice(i);
	fx->log_dpc = wdf_test_log_device();
	usleep_range(1000, 2000);	/* process context: may sleep */
	atomic_inc(&fx->dpc_calls);
	atomic_dec(&fx->dpc_running);
	complete(&fx->dpc_done);
}

static NTSTATUS irq_enable(WDFINTERRUPT i, WDFDEVICE d)
{
	struct irqfix *fx = irqfix_of(d);

	if (fx) {
		fx->enable_irqs_off = irqs_disabled();
		fx->enable_lock_held = lockdep_is_held(wdf_test_interrupt_lock(i));
	}
	irq_event(d, EV_IRQ_ENABLE);
	return STATUS_SUCCESS;
}

static NTSTATUS irq_disable(WDFINTERRUPT i, WDFDEVICE d)
{
	struct irqfix *fx = irqfix_of(d);

	if (fx) {
		fx->disable_irqs_off = irqs_disabled();
		fx->disable_lock_held = lockdep_is_held(wdf_test_interrupt_lock(i));
	}
	irq_event(d, EV_IRQ_DISABLE);
	return STATUS_SUCCESS;
}

static NTSTATUS irq_prepare(WDFDEVICE d, WDFCMRESLIST raw, WDFCMRESLIST tr)
{
	irq_event(d, EV_PREPARE);
	return STATUS_SUCCESS;
}

static NTSTATUS irq_release(WDFDEVICE d, WDFCMRESLIST tr)
{
	irq_event(d, EV_RELEASE);
	return STATUS_SUCCESS;
}

static NTSTATUS irq_d0_entry(WDFDEVICE d, WDF_POWER_DEVICE_STATE prev)
{
	struct irqfix *fx = irqfix_of(d);

	if (fx)
		fx->d0_prev = prev;
	irq_event(d, EV_D0_ENTRY);
	return STATUS_SUCCESS;
}

static NTSTATUS irq_d0_entry_post(WDFDEVICE d, WDF_POWER_DEVICE_STATE prev)
{
	irq_event(d, EV_D0_ENTRY_POST);
	return STATUS_SUCCESS;
}

static NTSTATUS irq_d0_exit(WDFDEVICE d, WDF_POWER_DEVICE_STATE target)
{
	struct irqfix *fx = irqfix_of(d);

	if (fx)
		fx->d0_target = target;
	irq_event(d, EV_D0_EXIT);
	return STATUS_SUCCESS;
}

static NTSTATUS irq_d0_exit_pre(WDFDEVICE d, WDF_POWER_DEVICE_STATE target)
{
	irq_event(d, EV_D0_EXIT_PRE);
	return STATUS_SUCCESS;
}

/* EvtIoWrite: fire the interrupt, then hold the device lock a while. */
static void irq_io_write(WDFQUEUE q, WDFREQUEST r, size_t len)
{
	struct irqfix *fx = irqfix_of(WdfIoQueueGetDevice(q));

	wdf_test_interrupt_fire(WdfIoQueueGetDevice(q));
	msleep(50);
	fx->dpc_seen_by_io = atomic_read(&fx->dpc_calls);
	WdfRequestCompleteWithInformation(r, STATUS_SUCCESS, len);
}

static NTSTATUS irq_add(struct wdft_device *wd)
{
	struct irqfix *fx = wd->priv;
	WDF_INTERRUPT_CONFIG cfg;
	WDF_IO_QUEUE_CONFIG qcfg;
	WDFQUEUE q;
	NTSTATUS st;

	/* the refusals first: no ISR, bad Size */
	WDF_INTERRUPT_CONFIG_INIT(&cfg, NULL, irq_dpc);
	fx->h_no_isr = (WDFINTERRUPT)fx;
	fx->st_no_isr = WdfInterruptCreate(wd->device, &cfg, NULL, &fx->h_no_isr);
	WDF_INTERRUPT_CONFIG_INIT(&cfg, irq_isr, irq_dpc);
	cfg.Size = sizeof(cfg) + 8;
	fx->h_size = (WDFINTERRUPT)fx;
	fx->st_size = WdfInterruptCreate(wd->device, &cfg, NULL, &fx->h_size);

	WDF_INTERRUPT_CONFIG_INIT(&cfg, irq_isr, irq_dpc);
	cfg.EvtInterruptEnable = irq_enable;
	cfg.EvtInterruptDisable = irq_disable;
	cfg.AutomaticSerialization = fx->automatic_serialization;
	st = WdfInterruptCreate(wd->device, &cfg, NULL, &fx->irq);
	if (!NT_SUCCESS(st))
		return st;
	fx->h_second = (WDFINTERRUPT)fx;
	fx->st_second = WdfInterruptCreate(wd->device, &cfg, NULL, &fx->h_second);

	WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(&qcfg, WdfIoQueueDispatchSequential);
	qcfg.EvtIoWrite = irq_io_write;
	return WdfIoQueueCreate(wd->device, &qcfg, NULL, &q);
}

static struct irqfix *irqfix_start_res(struct kunit *test, bool autoser,
				       PWDF_PNPPOWER_EVENT_CALLBACKS pnp,
				       const CM_PARTIAL_RESOURCE_DESCRIPTOR *res,
				       ULONG count)
{
	struct wdft_device *wd = wdft_device_alloc(test);
	struct irqfix *fx = kunit_kzalloc(test, sizeof(*fx), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, fx);
	init_completion(&fx->dpc_done);
	init_completion(&fx->dpc_entered);
	init_completion(&fx->dpc_release);
	atomic_set(&fx->dpc_calls, 0);
	fx->automatic_serialization = autoser;
	fx->isr_ret = TRUE;
	fx->isr_queues_dpc = TRUE;
	wd->priv = fx;
	wd->add = irq_add;
	wd->pnp = pnp;
	wd->scope = WdfSynchronizationScopeDevice;
	KUNIT_ASSERT_EQ(test, wdft_device_start(test, wd, res, count), STATUS_SUCCESS);
	KUNIT_ASSERT_NOT_NULL(test, fx->irq);
	test->priv = wd;
	return fx;
}

static struct irqfix *irqfix_start(struct kunit *test, bool autoser,
				   PWDF_PNPPOWER_EVENT_CALLBACKS pnp)
{
	return irqfix_start_res(test, autoser, pnp, NULL, 0);
}

static void irq_create_refusals(struct kunit *test)
{
	struct irqfix *fx = irqfix_start(test, true, NULL);

	KUNIT_EXPECT_EQ(test, fx->st_no_isr, STATUS_INVALID_PARAMETER);
	KUNIT_EXPECT_NULL(test, fx->h_no_isr);
	KUNIT_EXPECT_EQ(test, fx->st_size, STATUS_INFO_LENGTH_MISMATCH);
	KUNIT_EXPECT_NULL(test, fx->h_size);
	KUNIT_EXPECT_EQ(test, fx->st_second, STATUS_WDF_BUSY);
	KUNIT_EXPECT_NULL(test, fx->h_second);
}

static void irq_isr_false_is_not_handled(struct kunit *test)
{
	struct irqfix *fx = irqfix_start(test, true, NULL);
	struct wdft_device *wd = test->priv;

	fx->isr_ret = FALSE;
	KUNIT_EXPECT_FALSE(test, wdf_test_interrupt_fire(wd->device));
	KUNIT_EXPECT_EQ(test, fx->isr_calls, 1);
	wdf_test_device_flush(wd->device);
	KUNIT_EXPECT_EQ(test, atomic_read(&fx->dpc_calls), 0);
}

static void irq_isr_runs_with_interrupts_off(struct kunit *test)
{
	struct irqfix *fx = irqfix_start(test, true, NULL);
	struct wdft_device *wd = test->priv;

	WDFT_ASSERT_LOCKDEP(test);
	fx->isr_queues_dpc = FALSE;
	KUNIT_EXPECT_TRUE(test, wdf_test_interrupt_fire(wd->device));
	KUNIT_EXPECT_EQ(test, fx->isr_calls, 1);
	KUNIT_EXPECT_TRUE(test, fx->isr_irqs_off);
	KUNIT_EXPECT_TRUE(test, fx->isr_lock_held);
	KUNIT_EXPECT_EQ(test, fx->isr_msg, 0U);	/* line interrupt: MessageID 0 */
	KUNIT_EXPECT_FALSE(test, irqs_disabled());	/* restored afterwards */
}

static void irq_dpc_runs_once_per_queueing_in_process_context(struct kunit *test)
{
	struct irqfix *fx = irqfix_start(test, true, NULL);
	struct wdft_device *wd = test->priv;

	WDFT_ASSERT_LOCKDEP(test);
	KUNIT_ASSERT_TRUE(test, wdf_test_interrupt_fire(wd->device));
	/* queued once: the second request while pending is a no-op */
	KUNIT_EXPECT_TRUE(test, fx->queued[0]);
	KUNIT_EXPECT_FALSE(test, fx->queued[1]);
	wdf_test_device_flush(wd->device);
	KUNIT_EXPECT_EQ(test, atomic_read(&fx->dpc_calls), 1);
	KUNIT_EXPECT_TRUE(test, fx->dpc_irqs_on);
	KUNIT_EXPECT_FALSE(test, fx->dpc_in_interrupt);
	/* AutomaticSerialization: under the device lock, not the ISR lock */
	KUNIT_EXPECT_TRUE(test, fx->dpc_sync_held);
	KUNIT_EXPECT_FALSE(test, fx->dpc_irq_lock_held);
	KUNIT_EXPECT_PTR_EQ(test, fx->dpc_dev, wd->device);
	KUNIT_EXPECT_PTR_EQ(test, fx->dpc_assoc, (WDFOBJECT)wd->device);
	/* issue 9, defect 9: DbgPrintEx in the ISR and the DPC names the board */
	KUNIT_EXPECT_PTR_EQ(test, fx->log_isr, wd->dev);
	KUNIT_EXPECT_PTR_EQ(test, fx->log_dpc, wd->dev);
	KUNIT_EXPECT_NULL(test, wdf_test_log_device());
	/* after it ran, it can be queued again */
	KUNIT_ASSERT_TRUE(test, wdf_test_interrupt_fire(wd->device));
	KUNIT_EXPECT_TRUE(test, fx->queued[0]);
	wdf_test_device_flush(wd->device);
	KUNIT_EXPECT_EQ(test, atomic_read(&fx->dpc_calls), 2);
}

static void irq_dpc_serialised_with_evtio(struct kunit *test)
{
	struct irqfix *fx = irqfix_start(test, true, NULL);
	struct wdft_device *wd = test->priv;
	struct wdf_test_io *io;
	u8 *buf = kunit_kzalloc(test, 64, GFP_KERNEL);
	long ret;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	io = wdf_test_io_submit(wd->device, WdfRequestTypeWrite, (unsigned long)buf, 64,
				0, 0, WDF_TEST_IO_KERNEL_BUFFER);
	KUNIT_ASSERT_FALSE(test, IS_ERR(io));
	ret = wdf_test_io_wait(io, 5000);
	KUNIT_EXPECT_EQ(test, ret, 64L);
	/* the DPC was queued during EvtIoWrite but could not run inside it */
	KUNIT_EXPECT_EQ(test, fx->dpc_seen_by_io, 0);
	KUNIT_EXPECT_TRUE(test, wait_for_completion_timeout(&fx->dpc_done,
							    msecs_to_jiffies(5000)));
	KUNIT_EXPECT_EQ(test, atomic_read(&fx->dpc_calls), 1);
}

static void irq_dpc_without_serialization_is_unlocked(struct kunit *test)
{
	struct irqfix *fx = irqfix_start(test, false, NULL);
	struct wdft_device *wd = test->priv;

	WDFT_ASSERT_LOCKDEP(test);
	KUNIT_ASSERT_TRUE(test, wdf_test_interrupt_fire(wd->device));
	wdf_test_device_flush(wd->device);
	KUNIT_EXPECT_EQ(test, atomic_read(&fx->dpc_calls), 1);
	KUNIT_EXPECT_FALSE(test, fx->dpc_sync_held);
	KUNIT_EXPECT_FALSE(test, fx->dpc_irq_lock_held);
}

/* WdfInterruptAcquireLock takes the very lock the ISR runs under. */
static void irq_acquire_lock_is_the_isr_lock(struct kunit *test)
{
	struct irqfix *fx = irqfix_start(test, true, NULL);
	spinlock_t *lock = wdf_test_interrupt_lock(fx->irq);
	bool off, held;

	KUNIT_ASSERT_NOT_NULL(test, lock);
	WDFT_ASSERT_LOCKDEP(test);
	KUNIT_ASSERT_FALSE(test, irqs_disabled());
	KUNIT_EXPECT_FALSE(test, lockdep_is_held(lock));
	WdfInterruptAcquireLock(fx->irq);
	off = irqs_disabled();
	held = lockdep_is_held(lock);
	WdfInterruptReleaseLock(fx->irq);
	KUNIT_EXPECT_TRUE(test, off);
	KUNIT_EXPECT_TRUE(test, held);
	KUNIT_EXPECT_FALSE(test, lockdep_is_held(lock));
	KUNIT_EXPECT_FALSE(test, irqs_disabled());
	/* enable/disable callbacks run under that lock too */
	KUNIT_EXPECT_TRUE(test, fx->enable_irqs_off);
	KUNIT_EXPECT_TRUE(test, fx->enable_lock_held);
}

static BOOLEAN irq_sync_cb(WDFINTERRUPT i, WDFCONTEXT ctx)
{
	int *v = ctx;

	*v = irqs_disabled() ? 42 : -1;
	return TRUE;
}

static void irq_synchronize_runs_under_the_lock(struct kunit *test)
{
	struct irqfix *fx = irqfix_start(test, true, NULL);
	int v = 0;

	KUNIT_EXPECT_TRUE(test, WdfInterruptSynchronize(fx->irq, irq_sync_cb, &v));
	KUNIT_EXPECT_EQ(test, v, 42);
}

static void irq_callbacks_in_kmdf_order(struct kunit *test)
{
	static const int start[] = { EV_PREPARE, EV_D0_ENTRY, EV_IRQ_ENABLE,
				     EV_D0_ENTRY_POST };
	static const int stop[] = { EV_D0_EXIT_PRE, EV_IRQ_DISABLE, EV_D0_EXIT,
				    EV_RELEASE };
	WDF_PNPPOWER_EVENT_CALLBACKS *pnp = kunit_kzalloc(test, sizeof(*pnp), GFP_KERNEL);
	struct irqfix *fx;
	struct wdft_device *wd;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, pnp);
	WDF_PNPPOWER_EVENT_CALLBACKS_INIT(pnp);
	pnp->EvtDevicePrepareHardware = irq_prepare;
	pnp->EvtDeviceReleaseHardware = irq_release;
	pnp->EvtDeviceD0Entry = irq_d0_entry;
	pnp->EvtDeviceD0EntryPostInterruptsEnabled = irq_d0_entry_post;
	pnp->EvtDeviceD0Exit = irq_d0_exit;
	pnp->EvtDeviceD0ExitPreInterruptsDisabled = irq_d0_exit_pre;
	fx = irqfix_start(test, true, pnp);
	wd = test->priv;
	WDFT_ASSERT_LOCKDEP(test);
	KUNIT_ASSERT_EQ(test, fx->nevents, (int)ARRAY_SIZE(start));
	for (i = 0; i < ARRAY_SIZE(start); i++)
		KUNIT_EXPECT_EQ_MSG(test, fx->events[i], start[i], "start event %d", i);
	KUNIT_EXPECT_EQ(test, fx->d0_prev, WdfPowerDeviceD3Final);
	fx->nevents = 0;
	wdft_device_destroy(test, wd);
	KUNIT_ASSERT_EQ(test, fx->nevents, (int)ARRAY_SIZE(stop));
	for (i = 0; i < ARRAY_SIZE(stop); i++)
		KUNIT_EXPECT_EQ_MSG(test, fx->events[i], stop[i], "stop event %d", i);
	KUNIT_EXPECT_EQ(test, fx->d0_target, WdfPowerDeviceD3Final);
	KUNIT_EXPECT_TRUE(test, fx->disable_irqs_off);
	KUNIT_EXPECT_TRUE(test, fx->disable_lock_held);
}

/*
 * A real Linux interrupt line: a descriptor from the dynamic range on the
 * dummy chip, shared with another (test) handler that never claims it.
 * generic_handle_irq_safe() runs the line's handlers as the IRQ core does;
 * the core counts an interrupt nobody handled (IRQ_NONE from everyone).
 */
struct irq_line {
	unsigned int irq;
	int other_calls;
};

static irqreturn_t irq_other_handler(int irq, void *data)
{
	struct irq_line *line = data;

	line->other_calls++;
	return IRQ_NONE;
}

static void irq_line_free(void *data)
{
	struct irq_line *line = data;

	free_irq(line->irq, line);
	irq_free_desc(line->irq);
}

/* A real shared line with another handler on it; @res describes it. */
static struct irq_line *irq_line_setup(struct kunit *test,
				       CM_PARTIAL_RESOURCE_DESCRIPTOR *res)
{
	struct irq_line *line = kunit_kzalloc(test, sizeof(*line), GFP_KERNEL);
	int irq;

	KUNIT_ASSERT_NOT_NULL(test, line);
	irq = irq_alloc_desc_from(NR_IRQS - 16, NUMA_NO_NODE);
	KUNIT_ASSERT_GT(test, irq, 0);
	line->irq = irq;
	irq_set_chip_and_handler(irq, &dummy_irq_chip, handle_simple_irq);
	if (request_irq(irq, irq_other_handler, IRQF_SHARED, "wdft-other", line)) {
		irq_free_desc(irq);
		KUNIT_FAIL_AND_ABORT(test, "request_irq(%d) failed", irq);
	}
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, irq_line_free, line), 0);
	KUNIT_ASSERT_NOT_NULL(test, irq_to_desc(irq));

	memset(res, 0, sizeof(*res));
	res->Type = CmResourceTypeInterrupt;
	res->ShareDisposition = CmResourceShareShared;
	res->Flags = CM_RESOURCE_INTERRUPT_LEVEL_SENSITIVE;
	res->u.Interrupt.Level = irq;
	res->u.Interrupt.Vector = irq;
	res->u.Interrupt.Affinity = 1;
	return line;
}

static void irq_real_shared_line(struct kunit *test)
{
	CM_PARTIAL_RESOURCE_DESCRIPTOR res;
	struct irq_line *line = irq_line_setup(test, &res);
	unsigned int irq = line->irq;
	struct irq_desc *desc = irq_to_desc(irq);
	struct wdft_device *wd;
	struct irqfix *fx;
	unsigned int unhandled;

	/* the shim must ask for the line IRQF_SHARED, or this start fails */
	fx = irqfix_start_res(test, true, NULL, &res, 1);
	wd = test->priv;
	KUNIT_EXPECT_TRUE(test, fx->enable_irqs_off);

	/* ours: handled, DPC follows */
	unhandled = desc->irqs_unhandled;
	KUNIT_ASSERT_EQ(test, generic_handle_irq_safe(irq), 0);
	KUNIT_EXPECT_EQ(test, fx->isr_calls, 1);
	KUNIT_EXPECT_EQ(test, line->other_calls, 1);
	KUNIT_EXPECT_TRUE(test, fx->isr_irqs_off);
	KUNIT_EXPECT_EQ(test, desc->irqs_unhandled, unhandled);
	wdf_test_device_flush(wd->device);
	KUNIT_EXPECT_EQ(test, atomic_read(&fx->dpc_calls), 1);

	/* not ours: the ISR's FALSE becomes IRQ_NONE */
	fx->isr_ret = FALSE;
	KUNIT_ASSERT_EQ(test, generic_handle_irq_safe(irq), 0);
	KUNIT_EXPECT_EQ(test, fx->isr_calls, 2);
	KUNIT_EXPECT_EQ(test, desc->irqs_unhandled, unhandled + 1);
	wdf_test_device_flush(wd->device);
	KUNIT_EXPECT_EQ(test, atomic_read(&fx->dpc_calls), 1);

	/* removal releases the line: only the other handler is left */
	wdft_device_destroy(test, wd);
	KUNIT_ASSERT_EQ(test, generic_handle_irq_safe(irq), 0);
	KUNIT_EXPECT_EQ(test, fx->isr_calls, 2);
	KUNIT_EXPECT_EQ(test, line->other_calls, 3);
}

/*
 * Issue 10: a DPC the ISR queued runs in the line's IRQ thread (the hard
 * handler returned IRQ_WAKE_THREAD), after the ISR, once per queueing,
 * with the device lock (AutomaticSerialization) and interrupts on.
 */
static void irq_dpc_from_isr_runs_in_irq_thread(struct kunit *test)
{
	CM_PARTIAL_RESOURCE_DESCRIPTOR res;
	struct irq_line *line = irq_line_setup(test, &res);
	struct wdft_device *wd;
	struct irqfix *fx;

	WDFT_ASSERT_LOCKDEP(test);
	fx = irqfix_start_res(test, true, NULL, &res, 1);
	wd = test->priv;
	KUNIT_ASSERT_EQ(test, generic_handle_irq_safe(line->irq), 0);
	KUNIT_EXPECT_TRUE(test, fx->queued[0]);
	KUNIT_EXPECT_FALSE(test, fx->queued[1]);	/* already queued */
	KUNIT_EXPECT_NE(test, wait_for_completion_timeout(&fx->dpc_done, 5 * HZ),
			0UL);
	synchronize_irq(line->irq);
	KUNIT_EXPECT_EQ(test, atomic_read(&fx->dpc_calls), 1);
	KUNIT_EXPECT_TRUE(test, fx->dpc_in_irq_thread);
	KUNIT_EXPECT_FALSE(test, fx->dpc_in_wq_worker);
	KUNIT_EXPECT_TRUE(test, fx->dpc_after_isr);
	KUNIT_EXPECT_TRUE(test, fx->dpc_irqs_on);
	KUNIT_EXPECT_FALSE(test, fx->dpc_in_interrupt);
	KUNIT_EXPECT_TRUE(test, fx->dpc_sync_held);
	KUNIT_EXPECT_FALSE(test, fx->dpc_irq_lock_held);
	KUNIT_EXPECT_PTR_EQ(test, fx->log_dpc, wd->dev);
	/* it ran: the ISR can queue it again */
	reinit_completion(&fx->dpc_done);
	KUNIT_ASSERT_EQ(test, generic_handle_irq_safe(line->irq), 0);
	KUNIT_EXPECT_TRUE(test, fx->queued[0]);
	wdf_test_device_flush(wd->device);
	KUNIT_EXPECT_EQ(test, atomic_read(&fx->dpc_calls), 2);
	KUNIT_EXPECT_TRUE(test, fx->dpc_in_irq_thread);
	/* the KUnit fire hook on a device with a line wakes the same thread */
	fx->dpc_in_irq_thread = false;
	KUNIT_ASSERT_TRUE(test, wdf_test_interrupt_fire(wd->device));
	KUNIT_EXPECT_TRUE(test, fx->queued[0]);
	wdf_test_device_flush(wd->device);
	KUNIT_EXPECT_EQ(test, atomic_read(&fx->dpc_calls), 3);
	KUNIT_EXPECT_TRUE(test, fx->dpc_in_irq_thread);
}

/*
 * Queued outside the ISR (here: the test's thread, a device with a real
 * line): still runs, once, as a work item; FALSE while it is pending.
 */
static void irq_dpc_from_elsewhere_runs_as_work(struct kunit *test)
{
	CM_PARTIAL_RESOURCE_DESCRIPTOR res;
	struct wdft_device *wd;
	struct irqfix *fx;

	irq_line_setup(test, &res);
	fx = irqfix_start_res(test, false, NULL, &res, 1);
	wd = test->priv;
	KUNIT_EXPECT_TRUE(test, WdfInterruptQueueDpcForIsr(fx->irq));
	KUNIT_EXPECT_FALSE(test, WdfInterruptQueueDpcForIsr(fx->irq));
	KUNIT_EXPECT_NE(test, wait_for_completion_timeout(&fx->dpc_done, 5 * HZ),
			0UL);
	wdf_test_device_flush(wd->device);
	KUNIT_EXPECT_EQ(test, atomic_read(&fx->dpc_calls), 1);
	KUNIT_EXPECT_TRUE(test, fx->dpc_in_wq_worker);
	KUNIT_EXPECT_FALSE(test, fx->dpc_in_irq_thread);
	KUNIT_EXPECT_FALSE(test, fx->dpc_sync_held);	/* no serialisation */
}

/*
 * Re-queue while running: once the DPC has started, the ISR may queue it
 * again (TRUE) and a second queueing is refused (FALSE) until it runs;
 * the second run waits for the first (one DPC at a time, no device lock
 * here to serialise them), and both paths count as one queue.
 */
static void irq_dpc_requeue_while_running(struct kunit *test)
{
	CM_PARTIAL_RESOURCE_DESCRIPTOR res;
	struct irq_line *line = irq_line_setup(test, &res);
	struct wdft_device *wd;
	struct irqfix *fx;

	fx = irqfix_start_res(test, false, NULL, &res, 1);
	wd = test->priv;
	fx->dpc_block = true;
	KUNIT_ASSERT_EQ(test, generic_handle_irq_safe(line->irq), 0);
	KUNIT_ASSERT_TRUE(test, fx->queued[0]);
	KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&fx->dpc_entered,
							  5 * HZ), 0UL);
	/* running, no longer queued: the ISR queues it again */
	KUNIT_ASSERT_EQ(test, generic_handle_irq_safe(line->irq), 0);
	KUNIT_EXPECT_TRUE(test, fx->queued[0]);
	KUNIT_EXPECT_FALSE(test, fx->queued[1]);
	/* and from elsewhere it is already queued */
	KUNIT_EXPECT_FALSE(test, WdfInterruptQueueDpcForIsr(fx->irq));
	msleep(20);
	KUNIT_EXPECT_EQ(test, atomic_read(&fx->dpc_calls), 0);
	complete(&fx->dpc_release);
	wdf_test_device_flush(wd->device);
	KUNIT_EXPECT_EQ(test, atomic_read(&fx->dpc_calls), 2);
	KUNIT_EXPECT_EQ(test, fx->dpc_max_running, 1);
	/* queued from elsewhere while running: a work item, still one at a time */
	fx->dpc_block = true;
	reinit_completion(&fx->dpc_entered);
	reinit_completion(&fx->dpc_release);
	KUNIT_ASSERT_EQ(test, generic_handle_irq_safe(line->irq), 0);
	KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&fx->dpc_entered,
							  5 * HZ), 0UL);
	KUNIT_EXPECT_TRUE(test, WdfInterruptQueueDpcForIsr(fx->irq));
	msleep(20);
	KUNIT_EXPECT_EQ(test, fx->dpc_max_running, 1);
	complete(&fx->dpc_release);
	wdf_test_device_flush(wd->device);
	KUNIT_EXPECT_EQ(test, atomic_read(&fx->dpc_calls), 4);
	KUNIT_EXPECT_EQ(test, fx->dpc_max_running, 1);
	KUNIT_EXPECT_TRUE(test, fx->dpc_in_wq_worker);
}

/*
 * Teardown while queued: removal (D0Exit, free_irq) waits for a DPC the
 * ISR queued to the IRQ thread and for one queued as a work item; after
 * it, neither runs again.
 */
static void irq_teardown_waits_for_queued_dpc(struct kunit *test)
{
	CM_PARTIAL_RESOURCE_DESCRIPTOR res;
	struct irq_line *line = irq_line_setup(test, &res);
	struct wdft_device *wd;
	struct irqfix *fx;

	fx = irqfix_start_res(test, true, NULL, &res, 1);
	wd = test->priv;
	KUNIT_ASSERT_EQ(test, generic_handle_irq_safe(line->irq), 0);
	KUNIT_ASSERT_TRUE(test, fx->queued[0]);
	wdft_device_destroy(test, wd);
	KUNIT_EXPECT_EQ(test, atomic_read(&fx->dpc_calls), 1);
	KUNIT_EXPECT_TRUE(test, fx->dpc_in_irq_thread);

	fx = irqfix_start_res(test, true, NULL, &res, 1);
	wd = test->priv;
	KUNIT_ASSERT_TRUE(test, WdfInterruptQueueDpcForIsr(fx->irq));
	wdft_device_destroy(test, wd);
	KUNIT_EXPECT_EQ(test, atomic_read(&fx->dpc_calls), 1);
	KUNIT_EXPECT_TRUE(test, fx->dpc_in_wq_worker);
	/* the line is the other handler's alone again */
	KUNIT_ASSERT_EQ(test, generic_handle_irq_safe(line->irq), 0);
	KUNIT_EXPECT_EQ(test, fx->isr_calls, 0);
}

/*
 * Issue 9, defect 9: an interrupt line that cannot be had fails the
 * start (with a message naming the device) and unwinds it, instead of a
 * device that binds and then times out every transfer.
 */
static void irq_unusable_line_fails_start(struct kunit *test)
{
	struct wdft_device *wd = wdft_device_alloc(test);
	struct irqfix *fx = kunit_kzalloc(test, sizeof(*fx), GFP_KERNEL);
	CM_PARTIAL_RESOURCE_DESCRIPTOR res = {};
	NTSTATUS st;

	KUNIT_ASSERT_NOT_NULL(test, fx);
	init_completion(&fx->dpc_done);
	atomic_set(&fx->dpc_calls, 0);
	fx->isr_ret = TRUE;
	wd->priv = fx;
	wd->add = irq_add;
	wd->scope = WdfSynchronizationScopeDevice;
	res.Type = CmResourceTypeInterrupt;
	res.ShareDisposition = CmResourceShareShared;
	res.Flags = CM_RESOURCE_INTERRUPT_LEVEL_SENSITIVE;
	res.u.Interrupt.Level = 0x7ffffff0;	/* no such line */
	res.u.Interrupt.Vector = 0x7ffffff0;
	st = wdft_device_start(test, wd, &res, 1);
	KUNIT_EXPECT_FALSE(test, NT_SUCCESS(st));
	KUNIT_EXPECT_NULL(test, wd->device);
	/* never enabled */
	KUNIT_EXPECT_FALSE(test, fx->enable_irqs_off);
	KUNIT_EXPECT_EQ(test, fx->isr_calls, 0);
}

static struct kunit_case wdf_interrupt_cases[] = {
	KUNIT_CASE(irq_create_refusals),
	KUNIT_CASE(irq_isr_false_is_not_handled),
	KUNIT_CASE(irq_isr_runs_with_interrupts_off),
	KUNIT_CASE(irq_dpc_runs_once_per_queueing_in_process_context),
	KUNIT_CASE(irq_dpc_serialised_with_evtio),
	KUNIT_CASE(irq_dpc_without_serialization_is_unlocked),
	KUNIT_CASE(irq_acquire_lock_is_the_isr_lock),
	KUNIT_CASE(irq_synchronize_runs_under_the_lock),
	KUNIT_CASE(irq_callbacks_in_kmdf_order),
	KUNIT_CASE(irq_real_shared_line),
	KUNIT_CASE(irq_dpc_from_isr_runs_in_irq_thread),
	KUNIT_CASE(irq_dpc_from_elsewhere_runs_as_work),
	KUNIT_CASE(irq_dpc_requeue_while_running),
	KUNIT_CASE(irq_teardown_waits_for_queued_dpc),
	KUNIT_CASE(irq_unusable_line_fails_start),
	{}
};

static struct kunit_suite wdf_interrupt_suite = {
	.name = "wdf_interrupt",
	.test_cases = wdf_interrupt_cases,
};
kunit_test_suite(wdf_interrupt_suite);
