// SPDX-License-Identifier: GPL-2.0-only
/*
 * wdf_device.c - WDFDEVICE: creation in EvtDriverDeviceAdd, and the start
 * and stop sequences the bus adapter (wdf_pci.c) and the KUnit hooks
 * (wdf_test.c) run, in KMDF's order:
 *
 * start: PrepareHardware -> D0Entry(D3Final) -> bus mastering on (PCI) ->
 *	  connect the interrupt -> EvtInterruptEnable ->
 *	  D0EntryPostInterruptsEnabled -> char device
 * stop:  char device gone -> queued requests fail -> EvtIoStop (Purge)
 *	  for requests the driver owns -> in-flight requests drain ->
 *	  D0ExitPreInterruptsDisabled -> EvtInterruptDisable -> disconnect
 *	  (DPC flushed) -> bus mastering off -> D0Exit(D3Final) ->
 *	  ReleaseHardware
 *
 * A failed start undoes what was done, in the same reverse order; once
 * PrepareHardware was called (even if it failed) ReleaseHardware is
 * called.
 *
 * System sleep, a PCI function reset and PCI error recovery leave D0 and
 * come back through the same two halves (wdf_device_power_down/up, target
 * and previous state WdfPowerDeviceD3); only sleep waits for requests.
 */
#include <linux/export.h>
#include <linux/pci.h>
#include "wdf_internal.h"

static LIST_HEAD(wdf_devices);
static DEFINE_MUTEX(wdf_devices_lock);

void WdfDeviceInitSetIoType(PWDFDEVICE_INIT DeviceInit,
			    WDF_DEVICE_IO_TYPE IoType)
{
	if (WDF_WARN_ONCE(!DeviceInit, "%s: NULL init\n", __func__))
		return;
	DeviceInit->io_type = IoType;
}
EXPORT_SYMBOL_GPL(WdfDeviceInitSetIoType);

void WdfDeviceInitSetPnpPowerEventCallbacks(PWDFDEVICE_INIT DeviceInit,
					    PWDF_PNPPOWER_EVENT_CALLBACKS Callbacks)
{
	if (WDF_WARN_ONCE(!DeviceInit || !Callbacks,
			  "%s: NULL pointer\n", __func__))
		return;
	if (WDF_WARN_ONCE(Callbacks->Size != sizeof(*Callbacks),
			  "%s: bad Size %u\n", __func__, Callbacks->Size))
		return;
	DeviceInit->pnp = *Callbacks;
}
EXPORT_SYMBOL_GPL(WdfDeviceInitSetPnpPowerEventCallbacks);

static void wdf_device_dispose(struct wdf_object *obj)
{
	struct wdf_device *d = container_of(obj, struct wdf_device, obj);

	mutex_lock(&wdf_devices_lock);
	list_del_init(&d->node);
	mutex_unlock(&wdf_devices_lock);
	mutex_destroy(&d->sync_lock);
}

static const struct wdf_object_ops wdf_device_ops = {
	.dispose = wdf_device_dispose,
};

NTSTATUS WdfDeviceCreate(PWDFDEVICE_INIT *DeviceInit,
			 PWDF_OBJECT_ATTRIBUTES DeviceAttributes,
			 WDFDEVICE *Device)
{
	struct wdfdevice_init *init;
	WDF_SYNCHRONIZATION_SCOPE scope;
	struct wdf_device *d;
	NTSTATUS st;

	st = WDF_CREATE_BEGIN(WDF_TYPE_DEVICE, Device, NULL, DeviceAttributes,
			      NULL, NULL);
	if (!NT_SUCCESS(st))
		return st;
	if (WDF_WARN_ONCE(!DeviceInit || !*DeviceInit,
			  "%s: NULL DeviceInit\n", __func__))
		return STATUS_INVALID_PARAMETER;
	init = *DeviceInit;
	if (init->created)
		return STATUS_INVALID_PARAMETER;

	d = wdf_object_alloc(sizeof(*d), WDF_TYPE_DEVICE, DeviceAttributes,
			     &wdf_device_ops, &st);
	if (!d)
		return st;
	d->driver = init->driver;
	d->dev = init->dev;
	d->pdev = init->pdev;
	d->io_type = init->io_type;
	d->pnp = init->pnp;
	scope = d->obj.sync_scope;
	d->serialized = scope == WdfSynchronizationScopeDevice ||
			scope == WdfSynchronizationScopeQueue ||
			((scope == WdfSynchronizationScopeInheritFromParent ||
			  scope == WdfSynchronizationScopeInvalid) &&
			 init->driver->serialized);
	mutex_init(&d->sync_lock);
	INIT_LIST_HEAD(&d->queues);
	spin_lock_init(&d->io_lock);
	init_waitqueue_head(&d->drain_wq);
	d->obj.no_delete = true;
	wdf_object_attach(&d->obj, &init->driver->obj);
	mutex_lock(&wdf_devices_lock);
	list_add(&d->node, &wdf_devices);
	mutex_unlock(&wdf_devices_lock);

	init->created = d;
	*DeviceInit = NULL;
	*Device = d;
	return STATUS_SUCCESS;
}
EXPORT_SYMBOL_GPL(WdfDeviceCreate);

NTSTATUS WdfDeviceCreateDeviceInterface(WDFDEVICE Device,
					const GUID *InterfaceClassGUID,
					PCUNICODE_STRING ReferenceString)
{
	struct wdf_device *d = WDF_GET(wdf_device, Device, WDF_TYPE_DEVICE);
	int ret;

	if (!d)
		return STATUS_INVALID_HANDLE;
	if (!InterfaceClassGUID)
		return STATUS_INVALID_PARAMETER;
	if (d->want_interface)
		return STATUS_INVALID_DEVICE_STATE;
	d->want_interface = true;
	if (d->started) {
		ret = wdf_cdev_create(d);
		if (ret) {
			d->want_interface = false;
			return wdf_errno_to_status(ret);
		}
	}
	return STATUS_SUCCESS;
}
EXPORT_SYMBOL_GPL(WdfDeviceCreateDeviceInterface);

NTSTATUS WdfDeviceSetIoLimits(WDFDEVICE Device, PWDF_DEVICE_IO_LIMITS Limits)
{
	struct wdf_device *d = WDF_GET(wdf_device, Device, WDF_TYPE_DEVICE);

	if (!d)
		return STATUS_INVALID_HANDLE;
	if (WDF_WARN_ONCE(!Limits, "%s: NULL limits\n", __func__))
		return STATUS_INVALID_PARAMETER;
	if (Limits->Size != sizeof(*Limits))
		return STATUS_INFO_LENGTH_MISMATCH;
	if (d->started || d->prepared)
		return STATUS_INVALID_DEVICE_STATE;
	d->limits = *Limits;
	return STATUS_SUCCESS;
}
EXPORT_SYMBOL_GPL(WdfDeviceSetIoLimits);

/**
 * wdf_device_io_limit() - apply the device's WDF_DEVICE_IO_LIMITS to a
 * read or write before anything is pinned.
 * @d: the device
 * @type: WdfRequestTypeRead or WdfRequestTypeWrite
 * @pos: the file offset
 * @len: in/out: the length, shortened at the end of the device
 *
 * Return: 0 to go on with *@len bytes; 1 for end of file (the caller
 * returns 0 without a request); -ENOSPC (write at or past the end);
 * -EINVAL (longer than MaximumTransferLength, or a negative offset on a
 * sized device).
 */
int wdf_device_io_limit(struct wdf_device *d, WDF_REQUEST_TYPE type,
			loff_t pos, size_t *len)
{
	const WDF_DEVICE_IO_LIMITS *l = &d->limits;

	if (!*len)
		return 0;	/* 0-byte I/O: as wdf_queue_takes_zero_length */
	if (l->DeviceSize) {
		if (pos < 0)
			return -EINVAL;
		if ((u64)pos >= l->DeviceSize)
			return type == WdfRequestTypeWrite ? -ENOSPC : 1;
		if (*len > l->DeviceSize - pos)
			*len = l->DeviceSize - pos;
	}
	if (l->MaximumTransferLength && *len > l->MaximumTransferLength)
		return -EINVAL;
	return 0;
}

void WdfDeviceSetAlignmentRequirement(WDFDEVICE Device,
				      ULONG AlignmentRequirement)
{
	struct wdf_device *d = WDF_GET(wdf_device, Device, WDF_TYPE_DEVICE);

	if (d)
		d->alignment = AlignmentRequirement;
}
EXPORT_SYMBOL_GPL(WdfDeviceSetAlignmentRequirement);

ULONG WdfDeviceGetAlignmentRequirement(WDFDEVICE Device)
{
	struct wdf_device *d = WDF_GET(wdf_device, Device, WDF_TYPE_DEVICE);

	return d ? d->alignment : 0;
}
EXPORT_SYMBOL_GPL(WdfDeviceGetAlignmentRequirement);

NTSTATUS WdfDeviceConfigureRequestDispatching(WDFDEVICE Device,
					      WDFQUEUE Queue,
					      WDF_REQUEST_TYPE RequestType)
{
	struct wdf_device *d = WDF_GET(wdf_device, Device, WDF_TYPE_DEVICE);
	struct wdf_queue *q = WDF_GET(wdf_queue, Queue, WDF_TYPE_QUEUE);

	if (!d || !q)
		return STATUS_INVALID_HANDLE;
	if (RequestType != WdfRequestTypeRead &&
	    RequestType != WdfRequestTypeWrite &&
	    RequestType != WdfRequestTypeDeviceControl)
		return STATUS_INVALID_PARAMETER;
	if (q->device != d)
		return STATUS_INVALID_PARAMETER;
	if (d->dispatch[RequestType])
		return STATUS_WDF_BUSY;
	d->dispatch[RequestType] = q;
	q->dispatching = true;
	q->obj.no_delete = true;
	return STATUS_SUCCESS;
}
EXPORT_SYMBOL_GPL(WdfDeviceConfigureRequestDispatching);

PDEVICE_OBJECT WdfDeviceWdmGetDeviceObject(WDFDEVICE Device)
{
	struct wdf_device *d = WDF_GET(wdf_device, Device, WDF_TYPE_DEVICE);

	return d ? d->dev : NULL;
}
EXPORT_SYMBOL_GPL(WdfDeviceWdmGetDeviceObject);

PDEVICE_OBJECT WdfDeviceWdmGetPhysicalDevice(WDFDEVICE Device)
{
	return WdfDeviceWdmGetDeviceObject(Device);
}
EXPORT_SYMBOL_GPL(WdfDeviceWdmGetPhysicalDevice);

/*
 * The idle and wake policies: checked as KMDF checks them, then refused
 * (the shim has no runtime PM or wake; the caller may ignore the status,
 * as the sample does). @Size: the settings' Size field, NULL without
 * settings; @Expected: the size of the structure this header defines.
 */
static NTSTATUS wdf_device_assign_policy(WDFDEVICE Device, const ULONG *Size,
					 size_t Expected, const char *Caller)
{
	if (!WDF_GET(wdf_device, Device, WDF_TYPE_DEVICE))
		return STATUS_INVALID_HANDLE;
	if (WDF_WARN_ONCE(!Size, "%s: NULL settings\n", Caller))
		return STATUS_INVALID_PARAMETER;
	if (*Size != Expected)
		return STATUS_INFO_LENGTH_MISMATCH;
	return STATUS_NOT_SUPPORTED;
}

NTSTATUS WdfDeviceAssignS0IdleSettings(WDFDEVICE Device,
				       PWDF_DEVICE_POWER_POLICY_IDLE_SETTINGS Settings)
{
	return wdf_device_assign_policy(Device, Settings ? &Settings->Size : NULL,
					sizeof(*Settings), __func__);
}
EXPORT_SYMBOL_GPL(WdfDeviceAssignS0IdleSettings);

NTSTATUS WdfDeviceAssignSxWakeSettings(WDFDEVICE Device,
				       PWDF_DEVICE_POWER_POLICY_WAKE_SETTINGS Settings)
{
	return wdf_device_assign_policy(Device, Settings ? &Settings->Size : NULL,
					sizeof(*Settings), __func__);
}
EXPORT_SYMBOL_GPL(WdfDeviceAssignSxWakeSettings);

/*
 * Bus mastering of a PCI device: on only between D0Entry (the core has
 * put the chip in a known, idle state) and the stop/suspend path (after
 * the interrupt is gone, before D0Exit and before any descriptor or
 * buffer memory is freed).
 */
static void wdf_device_bus_master(struct wdf_device *d, bool on)
{
	if (!d->pdev)
		return;
	if (on)
		pci_set_master(d->pdev);
	else
		pci_clear_master(d->pdev);
}

/**
 * wdf_device_add() - run EvtDriverDeviceAdd for @dev.
 * @drv: the driver
 * @dev: the Linux device
 * @pdev: its PCI function, or NULL
 * @out: the new device
 *
 * Return: the callback's status; STATUS_NO_SUCH_DEVICE if it succeeded
 * without creating a device. After a failure nothing is left.
 */
NTSTATUS wdf_device_add(struct wdf_driver *drv, struct device *dev,
			struct pci_dev *pdev, struct wdf_device **out)
{
	struct wdfdevice_init *init;
	struct wdf_log_scope ls;
	struct wdf_device *d;
	NTSTATUS st;

	*out = NULL;
	if (!drv->config.EvtDriverDeviceAdd)
		return STATUS_INVALID_DEVICE_REQUEST;
	init = wdf_mem_alloc(sizeof(*init), GFP_KERNEL);
	if (!init)
		return STATUS_INSUFFICIENT_RESOURCES;
	init->driver = drv;
	init->dev = dev;
	init->pdev = pdev;
	init->io_type = WdfDeviceIoBuffered;
	wdf_log_enter(&ls, dev);
	st = drv->config.EvtDriverDeviceAdd(drv, init);
	wdf_log_leave(&ls);
	d = init->created;
	kfree(init);
	if (!NT_SUCCESS(st)) {
		if (d)
			wdf_object_delete(&d->obj);
		return st;
	}
	if (!d)
		return STATUS_NO_SUCH_DEVICE;
	*out = d;
	return STATUS_SUCCESS;
}

/**
 * __wdf_device_start() - the start sequence (see the file comment).
 * @d: the device
 * @raw: raw resources (becomes a child of @d)
 * @trans: translated resources (becomes a child of @d)
 *
 * Return: STATUS_SUCCESS, or the first failure (everything undone).
 */
static NTSTATUS __wdf_device_start(struct wdf_device *d,
				   struct wdf_cmres_list *raw,
				   struct wdf_cmres_list *trans)
{
	NTSTATUS st = STATUS_SUCCESS;
	int ret;

	d->raw = raw;
	d->translated = trans;
	wdf_object_attach(&raw->obj, &d->obj);
	wdf_object_attach(&trans->obj, &d->obj);

	d->prepared = true;
	if (d->pnp.EvtDevicePrepareHardware) {
		st = d->pnp.EvtDevicePrepareHardware(d, raw, trans);
		if (!NT_SUCCESS(st))
			goto release;
	}
	if (d->pnp.EvtDeviceD0Entry) {
		st = d->pnp.EvtDeviceD0Entry(d, WdfPowerDeviceD3Final);
		if (!NT_SUCCESS(st))
			goto release;
	}
	d->in_d0 = true;
	wdf_device_bus_master(d, true);
	if (d->interrupt) {
		ret = wdf_interrupt_connect(d->interrupt);
		if (ret) {
			st = wdf_errno_to_status(ret);
			goto d0exit;
		}
		st = wdf_interrupt_enable(d->interrupt);
		if (!NT_SUCCESS(st))
			goto disconnect;
	}
	if (d->pnp.EvtDeviceD0EntryPostInterruptsEnabled) {
		st = d->pnp.EvtDeviceD0EntryPostInterruptsEnabled(d,
							WdfPowerDeviceD3Final);
		if (!NT_SUCCESS(st))
			goto disable;
	}
	if (d->want_interface) {
		ret = wdf_cdev_create(d);
		if (ret) {
			st = wdf_errno_to_status(ret);
			goto pre_disable;
		}
	}
	d->started = true;
	return STATUS_SUCCESS;

pre_disable:
	if (d->pnp.EvtDeviceD0ExitPreInterruptsDisabled)
		d->pnp.EvtDeviceD0ExitPreInterruptsDisabled(d,
							    WdfPowerDeviceD3Final);
disable:
	if (d->interrupt)
		wdf_interrupt_disable(d->interrupt);
disconnect:
	if (d->interrupt)
		wdf_interrupt_disconnect(d->interrupt);
d0exit:
	wdf_device_bus_master(d, false);
	d->in_d0 = false;
	if (d->pnp.EvtDeviceD0Exit)
		d->pnp.EvtDeviceD0Exit(d, WdfPowerDeviceD3Final);
release:
	d->prepared = false;
	if (d->pnp.EvtDeviceReleaseHardware)
		d->pnp.EvtDeviceReleaseHardware(d, trans);
	return st;
}

/* The start sequence, its callbacks' log lines naming the device. */
NTSTATUS wdf_device_start(struct wdf_device *d, struct wdf_cmres_list *raw,
			  struct wdf_cmres_list *trans)
{
	struct wdf_log_scope ls;
	NTSTATUS st;

	wdf_log_enter(&ls, d->dev);
	st = __wdf_device_start(d, raw, trans);
	wdf_log_leave(&ls);
	return st;
}

/**
 * wdf_device_io_begin() - count an I/O in flight.
 * @d: the device
 *
 * Return: false once the device is being removed.
 */
bool wdf_device_io_begin(struct wdf_device *d)
{
	bool ok;

	spin_lock(&d->io_lock);
	ok = !d->dying;
	if (ok)
		d->inflight++;
	spin_unlock(&d->io_lock);
	return ok;
}

/**
 * wdf_device_io_end() - an I/O has finished (its buffer unpinned).
 * @d: the device
 *
 * The wake-up happens under the lock: the remover reads the count under
 * the same lock, so once it sees zero this function no longer touches
 * @d, which the remover may free at once.
 */
void wdf_device_io_end(struct wdf_device *d)
{
	spin_lock(&d->io_lock);
	/*
	 * The remover queues itself on drain_wq before it reads the count
	 * under io_lock, so under the lock an empty queue means nobody to
	 * wake (saves the wait queue's lock on every request: tools/bench
	 * --profile).
	 */
	if (!--d->inflight && waitqueue_active(&d->drain_wq))
		wake_up(&d->drain_wq);
	spin_unlock(&d->io_lock);
	wdf_test_point(WDF_TP_IO_END, d);
}

static bool wdf_device_drained(struct wdf_device *d)
{
	bool drained;

	spin_lock(&d->io_lock);
	drained = !d->inflight;
	spin_unlock(&d->io_lock);
	return drained;
}

/**
 * __wdf_device_stop() - the stop sequence (see the file comment). Requests
 * the driver owns are stopped by its EvtIoStop (queue drain), then waited
 * for before D0ExitPreInterruptsDisabled, as KMDF does for power-managed
 * queues: a driver without EvtIoStop is waited for (its own watchdog or
 * completion ends the requests).
 * @d: a started device
 */
static void __wdf_device_stop(struct wdf_device *d)
{
	wdf_cdev_remove(d);
	spin_lock(&d->io_lock);
	d->dying = true;
	spin_unlock(&d->io_lock);
	wdf_device_queues_drain(d);
	while (!wait_event_timeout(d->drain_wq, wdf_device_drained(d),
				   30 * HZ))
		dev_warn(d->dev, "waiting for %u requests to complete\n",
			 d->inflight);

	if (d->started && d->in_d0 &&
	    d->pnp.EvtDeviceD0ExitPreInterruptsDisabled)
		d->pnp.EvtDeviceD0ExitPreInterruptsDisabled(d,
							    WdfPowerDeviceD3Final);
	if (d->interrupt) {
		wdf_interrupt_disable(d->interrupt);
		wdf_interrupt_disconnect(d->interrupt);
	}
	/* no DMA can reach the descriptors and buffers freed from here on */
	wdf_device_bus_master(d, false);
	if (d->in_d0 && d->pnp.EvtDeviceD0Exit)
		d->pnp.EvtDeviceD0Exit(d, WdfPowerDeviceD3Final);
	d->in_d0 = false;
	if (d->prepared && d->pnp.EvtDeviceReleaseHardware)
		d->pnp.EvtDeviceReleaseHardware(d, d->translated);
	d->prepared = false;
	d->started = false;
}

/* The stop sequence, its callbacks' log lines naming the device. */
void wdf_device_stop(struct wdf_device *d)
{
	struct wdf_log_scope ls;

	wdf_log_enter(&ls, d->dev);
	__wdf_device_stop(d);
	wdf_log_leave(&ls);
}

/*
 * Leave D0 (system sleep, a PCI reset, error recovery):
 * D0ExitPreInterruptsDisabled -> EvtInterruptDisable -> disconnect (DPC
 * flushed) -> bus mastering off -> D0Exit(@target). Requests are not
 * waited for here.
 */
static void __wdf_device_power_down(struct wdf_device *d,
				    WDF_POWER_DEVICE_STATE target)
{
	if (!d->in_d0)
		return;
	if (d->pnp.EvtDeviceD0ExitPreInterruptsDisabled)
		d->pnp.EvtDeviceD0ExitPreInterruptsDisabled(d, target);
	if (d->interrupt) {
		wdf_interrupt_disable(d->interrupt);
		wdf_interrupt_disconnect(d->interrupt);
	}
	wdf_device_bus_master(d, false);
	if (d->pnp.EvtDeviceD0Exit)
		d->pnp.EvtDeviceD0Exit(d, target);
	d->in_d0 = false;
}

/*
 * Back to D0: D0Entry(@prev) -> bus mastering on -> connect ->
 * EvtInterruptEnable -> D0EntryPostInterruptsEnabled(@prev).
 */
static NTSTATUS __wdf_device_power_up(struct wdf_device *d,
				      WDF_POWER_DEVICE_STATE prev)
{
	NTSTATUS st = STATUS_SUCCESS;
	int ret;

	if (d->in_d0)
		return STATUS_SUCCESS;
	if (d->pnp.EvtDeviceD0Entry) {
		st = d->pnp.EvtDeviceD0Entry(d, prev);
		if (!NT_SUCCESS(st))
			return st;
	}
	d->in_d0 = true;
	wdf_device_bus_master(d, true);
	if (d->interrupt) {
		ret = wdf_interrupt_connect(d->interrupt);
		if (ret)
			return wdf_errno_to_status(ret);
		st = wdf_interrupt_enable(d->interrupt);
		if (!NT_SUCCESS(st))
			return st;
	}
	if (d->pnp.EvtDeviceD0EntryPostInterruptsEnabled)
		st = d->pnp.EvtDeviceD0EntryPostInterruptsEnabled(d, prev);
	return st;
}

/* Leave D0 for D3, the callbacks' log lines naming the device. */
static void wdf_device_power_down(struct wdf_device *d)
{
	struct wdf_log_scope ls;

	wdf_log_enter(&ls, d->dev);
	__wdf_device_power_down(d, WdfPowerDeviceD3);
	wdf_log_leave(&ls);
}

/* Back to D0 from D3, the callbacks' log lines naming the device. */
static NTSTATUS wdf_device_power_up(struct wdf_device *d)
{
	struct wdf_log_scope ls;
	NTSTATUS st;

	wdf_log_enter(&ls, d->dev);
	st = __wdf_device_power_up(d, WdfPowerDeviceD3);
	wdf_log_leave(&ls);
	return st;
}

/**
 * wdf_device_suspend() - system sleep: wait for in-flight requests, then
 * leave D0 for D3. User space is frozen, so no new request arrives.
 * @d: a started device
 */
void wdf_device_suspend(struct wdf_device *d)
{
	wait_event(d->drain_wq, wdf_device_drained(d));
	wdf_device_power_down(d);
}

/**
 * wdf_device_resume() - back to D0 after system sleep.
 * @d: a suspended device
 *
 * Return: STATUS_SUCCESS or the first failure.
 */
NTSTATUS wdf_device_resume(struct wdf_device *d)
{
	return wdf_device_power_up(d);
}

/**
 * wdf_device_reset_prepare() - the function is about to be reset (PCI
 * reset_prepare, error_detected): leave D0 for D3 at once, without
 * waiting for requests - the reset will not wait either. The driver's
 * D0ExitPreInterruptsDisabled ends the transfers it has running (KMDF
 * would stop them through EvtIoStop on its power-managed queues; a driver
 * without EvtIoStop ends them in its D0Exit callbacks, as on a surprise
 * removal). Requests keep arriving; the driver refuses them until D0.
 * @d: the device
 */
void wdf_device_reset_prepare(struct wdf_device *d)
{
	if (d && d->started)
		wdf_device_power_down(d);
}

/**
 * wdf_device_reset_done() - the reset is over (PCI reset_done, resume
 * after error recovery): back to D0 as after system sleep.
 * @d: the device
 *
 * Return: STATUS_SUCCESS or the first failure.
 */
NTSTATUS wdf_device_reset_done(struct wdf_device *d)
{
	NTSTATUS st;

	if (!d || !d->started)
		return STATUS_SUCCESS;
	st = wdf_device_power_up(d);
	if (!NT_SUCCESS(st))
		dev_err(d->dev, "back to D0 after a reset failed: %s (0x%08x)\n",
			wdf_status_name(st) ?: "status", (u32)st);
	return st;
}

/** wdf_device_destroy() - delete the device and its object tree. */
void wdf_device_destroy(struct wdf_device *d)
{
	wdf_object_delete(&d->obj);
}

/**
 * wdf_device_find() - the first live device @match accepts; @match runs
 * with the device list's mutex held.
 * @match: the test
 * @arg: its argument
 *
 * Return: the device or NULL.
 */
struct wdf_device *wdf_device_find(bool (*match)(struct wdf_device *d,
						 void *arg),
				   void *arg)
{
	struct wdf_device *d, *found = NULL;

	mutex_lock(&wdf_devices_lock);
	list_for_each_entry(d, &wdf_devices, node) {
		if (match(d, arg)) {
			found = d;
			break;
		}
	}
	mutex_unlock(&wdf_devices_lock);
	return found;
}
