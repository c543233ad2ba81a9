// SPDX-License-Identifier: GPL-2.0-only
/*
 * wdf_test.c - the KUnit hooks of wdftest.h: the same device start/stop
 * and request paths the PCI adapter and the char device use, on any
 * struct device. Built only with WDF_SHIM_TEST_HOOKS (wdm.h).
 */
#include <linux/err.h>
#include <linux/export.h>
#include <linux/jiffies.h>
#include <linux/slab.h>
#include "wdf_internal.h"

#if WDF_SHIM_TEST_HOOKS

struct wdf_test_io {
	struct wdf_device *dev;
	struct wdf_request *req;	/* NULL: 0-byte read/write not presented */
};

NTSTATUS wdf_test_driver_create(const char *name,
				PDRIVER_INITIALIZE DriverEntry,
				WDFDRIVER *Driver)
{
	static UNICODE_STRING registry_path;
	PDRIVER_OBJECT obj;
	NTSTATUS st;

	if (WDF_WARN_ONCE(!Driver || !DriverEntry, "%s: NULL pointer\n",
			  __func__))
		return STATUS_INVALID_PARAMETER;
	*Driver = NULL;
	obj = kzalloc(sizeof(*obj), GFP_KERNEL);
	if (!obj)
		return STATUS_INSUFFICIENT_RESOURCES;
	obj->DriverName = name;
	obj->Owner = THIS_MODULE;
	st = DriverEntry(obj, &registry_path);
	if (NT_SUCCESS(st) && !obj->WdfDriver)
		st = STATUS_UNSUCCESSFUL;
	if (!NT_SUCCESS(st)) {
		wdf_driver_destroy(obj->WdfDriver);
		kfree(obj);
		return st;
	}
	*Driver = obj->WdfDriver;
	return STATUS_SUCCESS;
}
EXPORT_SYMBOL_GPL(wdf_test_driver_create);

void wdf_test_driver_destroy(WDFDRIVER Driver)
{
	struct wdf_driver *drv = WDF_GET(wdf_driver, Driver, WDF_TYPE_DRIVER);
	PDRIVER_OBJECT obj;

	if (!drv)
		return;
	obj = drv->drvobj;
	wdf_driver_destroy(drv);
	kfree(obj);
}
EXPORT_SYMBOL_GPL(wdf_test_driver_destroy);

NTSTATUS wdf_test_device_add(WDFDRIVER Driver, struct device *dev,
			     const CM_PARTIAL_RESOURCE_DESCRIPTOR *Resources,
			     ULONG Count, WDFDEVICE *Device)
{
	struct wdf_driver *drv = WDF_GET(wdf_driver, Driver, WDF_TYPE_DRIVER);
	struct wdf_cmres_list *raw, *trans;
	struct wdf_device *d;
	NTSTATUS st;

	if (WDF_WARN_ONCE(!Device || !dev || (Count && !Resources),
			  "%s: NULL pointer\n", __func__))
		return STATUS_INVALID_PARAMETER;
	*Device = NULL;
	if (!drv)
		return STATUS_INVALID_HANDLE;
	if (!dev->dma_mask)
		dev->dma_mask = &dev->coherent_dma_mask;
	st = wdf_cmres_lists_create(Resources, Count, &raw, &trans);
	if (!NT_SUCCESS(st))
		return st;
	st = wdf_device_add(drv, dev, NULL, &d);
	if (!NT_SUCCESS(st)) {
		wdf_cmres_lists_free(raw, trans);
		return st;
	}
	d->kunit_test = current->kunit_test;
	st = wdf_device_start(d, raw, trans);
	if (!NT_SUCCESS(st)) {
		wdf_device_destroy(d);
		return st;
	}
	*Device = d;
	return STATUS_SUCCESS;
}
EXPORT_SYMBOL_GPL(wdf_test_device_add);

void wdf_test_device_remove(WDFDEVICE Device)
{
	struct wdf_device *d = WDF_GET(wdf_device, Device, WDF_TYPE_DEVICE);

	if (!d)
		return;
	wdf_device_stop(d);
	wdf_device_destroy(d);
}
EXPORT_SYMBOL_GPL(wdf_test_device_remove);

void wdf_test_device_reset_prepare(WDFDEVICE Device)
{
	wdf_device_reset_prepare(WDF_GET(wdf_device, Device, WDF_TYPE_DEVICE));
}
EXPORT_SYMBOL_GPL(wdf_test_device_reset_prepare);

NTSTATUS wdf_test_device_reset_done(WDFDEVICE Device)
{
	struct wdf_device *d = WDF_GET(wdf_device, Device, WDF_TYPE_DEVICE);

	return d ? wdf_device_reset_done(d) : STATUS_INVALID_HANDLE;
}
EXPORT_SYMBOL_GPL(wdf_test_device_reset_done);

BOOLEAN wdf_test_interrupt_fire(WDFDEVICE Device)
{
	struct wdf_device *d = WDF_GET(wdf_device, Device, WDF_TYPE_DEVICE);

	if (!d || !d->interrupt || !d->interrupt->connected)
		return FALSE;
	return wdf_interrupt_fire(d->interrupt);
}
EXPORT_SYMBOL_GPL(wdf_test_interrupt_fire);

void wdf_test_device_flush(WDFDEVICE Device)
{
	struct wdf_device *d = WDF_GET(wdf_device, Device, WDF_TYPE_DEVICE);

	if (!d)
		return;
	if (d->interrupt)	/* a DPC in the IRQ thread */
		wdf_interrupt_flush(d->interrupt);
	flush_workqueue(wdf_wq);
}
EXPORT_SYMBOL_GPL(wdf_test_device_flush);

struct wdf_test_io *wdf_test_io_submit(WDFDEVICE Device, WDF_REQUEST_TYPE Type,
				       unsigned long Addr, size_t Length,
				       loff_t Offset, ULONG IoControlCode,
				       unsigned int Flags)
{
	struct wdf_device *d = WDF_GET(wdf_device, Device, WDF_TYPE_DEVICE);
	struct wdf_request *req;
	struct wdf_test_io *io;

	if (!d)
		return ERR_PTR(-EINVAL);
	if (Type != WdfRequestTypeRead && Type != WdfRequestTypeWrite &&
	    Type != WdfRequestTypeDeviceControl)
		return ERR_PTR(-EINVAL);
	io = kzalloc(sizeof(*io), GFP_KERNEL);
	if (!io)
		return ERR_PTR(-ENOMEM);
	if (!wdf_device_io_begin(d)) {
		kfree(io);
		return ERR_PTR(-ENODEV);
	}
	io->dev = d;
	if (Type != WdfRequestTypeDeviceControl) {
		int r = wdf_device_io_limit(d, Type, Offset, &Length);

		if (r < 0) {
			wdf_device_io_end(d);
			kfree(io);
			return ERR_PTR(r);
		}
		if (r || (!Length && !wdf_queue_takes_zero_length(d, Type)))
			return io;
	}
	req = wdf_request_create(d, Type, Addr, Length, Offset, IoControlCode,
				 Flags & WDF_TEST_IO_KERNEL_BUFFER);
	if (IS_ERR(req)) {
		wdf_device_io_end(d);
		kfree(io);
		return ERR_CAST(req);
	}
	if (Flags & WDF_TEST_IO_READ_ONLY)
		wdf_request_set_access(req, true, false);
	io->req = req;
	wdf_queue_submit(req);
	return io;
}
EXPORT_SYMBOL_GPL(wdf_test_io_submit);

WDFREQUEST wdf_test_io_request(struct wdf_test_io *Io)
{
	return Io ? Io->req : NULL;
}
EXPORT_SYMBOL_GPL(wdf_test_io_request);

static long wdf_test_io_end(struct wdf_test_io *io)
{
	long res = io->req ? wdf_request_finish(io->req) : 0;

	wdf_device_io_end(io->dev);
	kfree(io);
	return res;
}

long wdf_test_io_wait(struct wdf_test_io *Io, unsigned long TimeoutMs)
{
	long r;

	if (WDF_WARN_ONCE(IS_ERR_OR_NULL(Io), "%s: bad io\n", __func__))
		return -EINVAL;
	if (Io->req) {
		r = wdf_request_wait(Io->req, false,
				     TimeoutMs ? msecs_to_jiffies(TimeoutMs) : 0);
		if (r == -ETIMEDOUT)
			return r;
	}
	return wdf_test_io_end(Io);
}
EXPORT_SYMBOL_GPL(wdf_test_io_wait);

/*
 * wdf_test_io_wait_signals() and wdf_test_io_cancel(): wait as the caller
 * does, or (@cancel) as a signal ends the wait; @fn names the caller.
 */
static long wdf_test_io_finish(struct wdf_test_io *io, bool cancel,
			       const char *fn)
{
	if (WDF_WARN_ONCE(IS_ERR_OR_NULL(io), "%s: bad io\n", fn))
		return -EINVAL;
	if (io->req && cancel)
		wdf_request_cancel_and_wait(io->req);
	else if (io->req)
		wdf_request_wait_signals(io->req);
	return wdf_test_io_end(io);
}

long wdf_test_io_wait_signals(struct wdf_test_io *Io)
{
	return wdf_test_io_finish(Io, false, __func__);
}
EXPORT_SYMBOL_GPL(wdf_test_io_wait_signals);

long wdf_test_io_cancel(struct wdf_test_io *Io)
{
	return wdf_test_io_finish(Io, true, __func__);
}
EXPORT_SYMBOL_GPL(wdf_test_io_cancel);

void wdf_test_point(enum wdf_test_point_id id, void *arg)
{
	WDF_STUB_REDIRECT(wdf_test_point, id, arg);
}
EXPORT_SYMBOL_GPL(wdf_test_point);

struct device *wdf_test_log_device(void)
{
	return wdf_log_device();
}
EXPORT_SYMBOL_GPL(wdf_test_log_device);

bool wdf_test_log_scope(struct device *dev, void (*fn)(void *arg), void *arg)
{
	struct wdf_log_scope ls;
	bool slot;

	wdf_log_enter(&ls, dev);
	slot = ls.slot;
	fn(arg);
	wdf_log_leave(&ls);
	return slot;
}
EXPORT_SYMBOL_GPL(wdf_test_log_scope);

unsigned long wdf_test_live_objects(void)
{
	return wdf_object_live_count();
}
EXPORT_SYMBOL_GPL(wdf_test_live_objects);

struct mutex *wdf_test_device_sync_lock(WDFDEVICE Device)
{
	struct wdf_device *d = WDF_GET(wdf_device, Device, WDF_TYPE_DEVICE);

	return d ? &d->sync_lock : NULL;
}
EXPORT_SYMBOL_GPL(wdf_test_device_sync_lock);

spinlock_t *wdf_test_interrupt_lock(WDFINTERRUPT Interrupt)
{
	struct wdf_interrupt *intr = WDF_GET(wdf_interrupt, Interrupt,
					     WDF_TYPE_INTERRUPT);

	return intr ? &intr->lock : NULL;
}
EXPORT_SYMBOL_GPL(wdf_test_interrupt_lock);

#endif /* WDF_SHIM_TEST_HOOKS */
