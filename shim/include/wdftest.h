/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * wdftest.h - KUnit-only hooks of the shim: run a WDF driver on any
 * struct device (e.g. from kunit_device_register()) without PCI, fire its
 * interrupt, and submit requests exactly as the character device does.
 * Declared and built only with WDF_SHIM_TEST_HOOKS (wdm.h: a build of
 * the KUnit suites; CONFIG_KUNIT alone does not enable them), except the
 * test points and failure-injection points, which the shim calls in
 * every build.
 */
#ifndef _WDFSHIM_WDFTEST_H
#define _WDFSHIM_WDFTEST_H

#include <wdf.h>

/* The test points exist in every build; only a test build calls out. */
/**
 * enum wdf_test_point_id - moments inside the shim at which a test can
 * act (interleave another thread's work deterministically).
 * @WDF_TP_IO_END: wdf_device_io_end() has dropped the device's in-flight
 *	count and its lock; @arg is the WDFDEVICE
 * @WDF_TP_DRAIN: remove is about to fail a request that was never
 *	presented; @arg is the WDFREQUEST
 * @WDF_TP_QUEUE_DONE: a presented request was completed and its queue
 *	counted it out, before the next queued one is handed to the dispatch
 *	work; @arg is the completed WDFREQUEST (any context the driver
 *	completes in: the stub must not sleep if the driver completes in
 *	atomic context)
 * @WDF_TP_RETRIEVED: WdfIoQueueRetrieveNextRequest has taken a request out
 *	of its manual queue (the driver owns it), before returning it; @arg
 *	is the WDFREQUEST
 * @WDF_TP_FORWARDED: WdfRequestForwardToIoQueue has moved the request
 *	(or, if its caller's signal came first, is about to complete it with
 *	STATUS_CANCELLED); @arg is the WDFREQUEST
 * @WDF_TP_IO_STOP: removal is about to call EvtIoStop for a request the
 *	driver owns (it is held: not freed before EvtIoStop returns); @arg is
 *	the WDFREQUEST
 */
enum wdf_test_point_id {
	WDF_TP_IO_END,
	WDF_TP_DRAIN,
	WDF_TP_QUEUE_DONE,
	WDF_TP_RETRIEVED,
	WDF_TP_FORWARDED,
	WDF_TP_IO_STOP,
};

#include <linux/gfp.h>
#include <linux/types.h>

struct device;
struct page;
struct sg_table;

/*
 * Failure-injection points: every shim allocation, DMA set-up and
 * configuration-space call goes through one of these, each redirectable
 * with kunit_activate_static_stub(). Like the test points they exist in
 * every build (declared once, here; wdf_internal.h includes this header);
 * only a test build redirects them.
 */
/** wdf_mem_alloc() - kzalloc of every object (and context), MDL, SG list. */
void *wdf_mem_alloc(size_t size, gfp_t gfp);
/** wdf_dma_set_mask() - dma_set_mask_and_coherent of WdfDmaEnablerCreate. */
int wdf_dma_set_mask(struct device *dev, u64 mask);
/** wdf_dma_alloc_coherent() - the common buffer's raw allocation. */
void *wdf_dma_alloc_coherent(struct device *dev, size_t size,
			     dma_addr_t *handle, gfp_t gfp);
/** wdf_dma_free_coherent() - its release (also on the error path). */
void wdf_dma_free_coherent(struct device *dev, size_t size, void *cpu,
			   dma_addr_t handle);
/** wdf_sg_alloc_table() - the transaction's sg_table from the MDL pages. */
int wdf_sg_alloc_table(struct sg_table *sgt, struct page **pages,
		       unsigned int n_pages, unsigned int offset,
		       unsigned long size, unsigned int max_segment);

/** wdf_map_io() - MmMapIoSpace(Ex)'s mapping (pci_iomap_range/ioremap). */
void __iomem *wdf_map_io(phys_addr_t pa, size_t len);
/** wdf_unmap_io() - MmUnmapIoSpace's unmapping. */
void wdf_unmap_io(void __iomem *va);

/*
 * Configuration space of GUID_BUS_INTERFACE_STANDARD (WdfFdoQueryForInterface,
 * GetBusData/SetBusData): the size (0 = the device has none, the query
 * answers STATUS_NOT_SUPPORTED) and one naturally aligned access of 1, 2
 * or 4 bytes (0 or -errno). A suite routes them to a model.
 */
/** wdf_config_space_size() - 256/4096 for a PCI function, else 0. */
unsigned int wdf_config_space_size(struct device *dev);
/** wdf_config_read() - pci_read_config_{byte,word,dword}. */
int wdf_config_read(struct device *dev, unsigned int where, unsigned int size,
		    u32 *val);
/** wdf_config_write() - pci_write_config_{byte,word,dword}. */
int wdf_config_write(struct device *dev, unsigned int where,
		     unsigned int size, u32 val);

#if WDF_SHIM_TEST_HOOKS

#include <linux/mutex.h>
#include <linux/spinlock.h>

#define WDF_TEST_HAS_MAP_IO 1
#define WDF_TEST_HAS_CONFIG_SPACE 1
/**
 * wdf_test_bus_interfaces() - bus interface contexts handed out by
 * WdfFdoQueryForInterface and not yet released by their last
 * InterfaceDereference, over all devices.
 */
unsigned long wdf_test_bus_interfaces(void);

/**
 * wdf_test_point() - does nothing; the shim calls it at each
 * enum wdf_test_point_id moment. Redirect it with
 * kunit_activate_static_stub() to run code exactly there (it runs in the
 * shim thread that reached the point, with that thread's locks: none
 * held at the points above).
 * @id: the moment reached
 * @arg: what the moment concerns (see enum wdf_test_point_id)
 */
void wdf_test_point(enum wdf_test_point_id id, void *arg);
#define WDF_TEST_HAS_POINTS 1

/**
 * wdf_test_log_device() - the device a DbgPrintEx line would name in the
 * current context (NULL: none, a plain pr_* line).
 */
struct device *wdf_test_log_device(void);

/**
 * wdf_test_log_scope() - run @fn(@arg) inside a log scope of @dev on the
 * current thread, as the shim runs a device callback (scopes nest when
 * @fn calls it again).
 * @dev: the device DbgPrintEx lines are to name (any pointer: not used)
 * @fn: the function
 * @arg: its argument
 *
 * Return: true if the scope was kept in a slot of its own, false if on
 * the locked overflow list (every slot taken).
 */
bool wdf_test_log_scope(struct device *dev, void (*fn)(void *arg), void *arg);

#define WDF_TEST_HAS_LIVE_OBJECTS 1
/**
 * wdf_test_live_objects() - shim objects (of any type, requests included)
 * allocated and not yet freed, over all drivers.
 */
unsigned long wdf_test_live_objects(void);

/** wdf_test_device_sync_lock() - the device-scope mutex of a device. */
struct mutex *wdf_test_device_sync_lock(WDFDEVICE Device);
/** wdf_test_interrupt_lock() - the spinlock the ISR runs under. */
spinlock_t *wdf_test_interrupt_lock(WDFINTERRUPT Interrupt);

/**
 * wdf_test_driver_create() - make a DRIVER_OBJECT named @name and call
 * @DriverEntry with it (which calls WdfDriverCreate).
 * @name: driver name (char device prefix); must outlive the driver
 * @DriverEntry: the core's DriverEntry
 * @Driver: out, the WDFDRIVER; NULL after a failure
 *
 * Return: DriverEntry's status; STATUS_UNSUCCESSFUL if it succeeded without
 * creating a driver (then nothing is left allocated).
 */
NTSTATUS wdf_test_driver_create(const char *name,
				PDRIVER_INITIALIZE DriverEntry,
				WDFDRIVER *Driver);

/** wdf_test_driver_destroy() - EvtDriverUnload, then delete the driver. */
void wdf_test_driver_destroy(WDFDRIVER Driver);

/**
 * wdf_test_device_add() - what the PCI probe does, on any device:
 * EvtDriverDeviceAdd -> PrepareHardware(@Resources as raw and translated)
 * -> D0Entry(D3Final) -> connect (request_irq only when the interrupt
 * resource has a nonzero Vector; otherwise the interrupt is only fired by
 * wdf_test_interrupt_fire) -> EvtInterruptEnable ->
 * D0EntryPostInterruptsEnabled -> char device (if an interface was
 * created). Sets dev->dma_mask to &dev->coherent_dma_mask if it is NULL.
 * @Driver: from wdf_test_driver_create
 * @dev: the device
 * @Resources: descriptors copied into the lists (may be NULL if @Count 0)
 * @Count: number of descriptors
 * @Device: out, NULL after a failure (everything is undone)
 *
 * Return: STATUS_SUCCESS or the failing callback's / shim's status.
 */
NTSTATUS wdf_test_device_add(WDFDRIVER Driver, struct device *dev,
			     const CM_PARTIAL_RESOURCE_DESCRIPTOR *Resources,
			     ULONG Count, WDFDEVICE *Device);

/** wdf_test_device_remove() - what the PCI remove does (drains I/O). */
void wdf_test_device_remove(WDFDEVICE Device);

/**
 * wdf_test_device_reset_prepare() - what the PCI reset_prepare and
 * error_detected handlers do: D0ExitPreInterruptsDisabled ->
 * EvtInterruptDisable -> disconnect -> D0Exit(WdfPowerDeviceD3), without
 * waiting for requests.
 * @Device: a device of wdf_test_device_add
 */
void wdf_test_device_reset_prepare(WDFDEVICE Device);
/**
 * wdf_test_device_reset_done() - what reset_done and the error resume
 * handler do: D0Entry(WdfPowerDeviceD3) -> connect -> EvtInterruptEnable
 * -> D0EntryPostInterruptsEnabled.
 * @Device: a device of wdf_test_device_add
 */
NTSTATUS wdf_test_device_reset_done(WDFDEVICE Device);

/**
 * wdf_test_interrupt_fire() - run the ISR as a hard IRQ would (interrupts
 * off, interrupt lock held); the ISR may queue the DPC.
 * @Device: a device of wdf_test_device_add
 * Return: the ISR's result (FALSE if the device has no interrupt).
 */
BOOLEAN wdf_test_interrupt_fire(WDFDEVICE Device);

/** wdf_test_device_flush() - wait until queued DPCs and due timers ran. */
void wdf_test_device_flush(WDFDEVICE Device);

/**
 * wdf_test_pci_intx_problem() - the PCI probe's INTx check
 * (wdf_pci_intx_problem() in wdf_pci.c) on given values.
 * @pin: the function's Interrupt Pin register (0: none)
 * @irq: pci_dev->irq after pci_enable_device()
 * @managed: pci_dev->irq_managed (the platform registered that IRQ)
 * @firmware_routes: the platform routes INTx itself (x86 with ACPI)
 * Return: NULL when the line is usable, else the reason probe logs.
 */
const char *wdf_test_pci_intx_problem(u8 pin, unsigned int irq, bool managed,
				      bool firmware_routes);

/* Flags of wdf_test_io_submit(). */
#define WDF_TEST_IO_KERNEL_BUFFER	0x1	/* @Addr is a kernel pointer */
#define WDF_TEST_IO_READ_ONLY		0x2	/* as from an O_RDONLY file */

struct wdf_test_io;

/**
 * wdf_test_io_submit() - start a read, write or ioctl as the char device
 * does (a 0-byte read/write completes at once with 0 without reaching the
 * driver unless its queue has AllowZeroLengthRequests, then it is
 * presented with Length 0 and no MDL; the buffer is pinned into an MDL
 * first; the driver's EvtIo* callback runs in the caller's context if the
 * queue is free, else later from the shim's work queue).
 * @Device: a started device
 * @Type: WdfRequestTypeRead, WdfRequestTypeWrite or WdfRequestTypeDeviceControl
 * @Addr: user address (e.g. from kunit_vm_mmap()) or, with
 *	WDF_TEST_IO_KERNEL_BUFFER, a kernel pointer (kmalloc/vmalloc)
 * @Length: read/write length (ignored for ioctls: _IOC_SIZE(@IoControlCode))
 * @Offset: file offset, becomes Parameters.Read/Write.DeviceOffset
 * @IoControlCode: the ioctl command (DeviceControl only)
 * @Flags: WDF_TEST_IO_*
 *
 * Return: the in-flight I/O, or an ERR_PTR (-EFAULT bad read/write
 * buffer, -ENODEV removed device, -ENOMEM, -EINVAL bad type or over
 * the device's MaximumTransferLength, -ENOSPC write at the end of a
 * sized device). An ioctl with a bad pointer is still presented.
 */
struct wdf_test_io *wdf_test_io_submit(WDFDEVICE Device, WDF_REQUEST_TYPE Type,
				       unsigned long Addr, size_t Length,
				       loff_t Offset, ULONG IoControlCode,
				       unsigned int Flags);

/**
 * wdf_test_io_request() - the WDFREQUEST of an I/O (NULL for a 0-byte one
 * that is not presented).
 * Valid until the I/O is finished by wait or cancel.
 * @Io: from wdf_test_io_submit
 */
WDFREQUEST wdf_test_io_request(struct wdf_test_io *Io);

/**
 * wdf_test_io_wait() - wait for completion and finish the I/O.
 * @Io: from wdf_test_io_submit
 * @TimeoutMs: 0 = wait forever
 *
 * Return: -ETIMEDOUT if still pending (@Io stays valid: wait again or
 * cancel); else the result the syscall would return (bytes, 0 or a
 * negative errno) and @Io is freed.
 */
long wdf_test_io_wait(struct wdf_test_io *Io, unsigned long TimeoutMs);

/**
 * wdf_test_io_wait_signals() - wait as a read/write/ioctl caller does,
 * interruptibly, with its signal rules (wdf_request.c: a fatal or handled
 * signal of the calling thread cancels, a stop or the freezer does not),
 * then finish the I/O. Frees @Io.
 * @Io: from wdf_test_io_submit
 *
 * Return: the syscall's result.
 */
long wdf_test_io_wait_signals(struct wdf_test_io *Io);

/**
 * wdf_test_io_cancel() - what a signal does: a request not yet presented
 * is dropped (-ERESTARTSYS); a presented cancelable one gets its cancel
 * routine; then the shim waits for completion. Frees @Io.
 * @Io: from wdf_test_io_submit
 *
 * Return: the syscall's result (-EINTR, -ERESTARTSYS or the bytes done).
 */
long wdf_test_io_cancel(struct wdf_test_io *Io);

#endif /* WDF_SHIM_TEST_HOOKS */
#endif /* _WDFSHIM_WDFTEST_H */
