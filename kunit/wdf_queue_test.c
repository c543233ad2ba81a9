// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: WDFQUEUE and WDFREQUEST through the same path as the character
 * device (wdf_test_io_submit): 0-byte I/O reaches the driver only through
 * a queue with AllowZeroLengthRequests, user
 * buffers are pinned into MDLs first (bad pointer -> -EFAULT), sequential
 * queues present one request at a time, the completion status becomes the
 * errno and the information the return value, ioctls are METHOD_BUFFERED
 * unless made direct, a signal calls the cancel routine, and
 * InitializeUsingRequest maps the request's pinned user pages, of a
 * read/write or the output buffer of a direct ioctl (architecture
 * "Request I/O"; doc/facts.md §6.1, §8.9, §9.9).
 */
#include <kunit/static_stub.h>
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/dma-direct.h>
#include <linux/ioctl.h>
#include <linux/kthread.h>
#include <linux/sched/signal.h>
#include <linux/signal.h>
#include <linux/sizes.h>
#include <linux/workqueue.h>
#include <linux/lockdep.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/uaccess.h>
#include "wdf_test_util.h"

enum q_mode {
	Q_COMPLETE,		/* complete with .status / .info */
	Q_HOLD,			/* keep the request for the test */
	Q_CANCELABLE,		/* mark cancelable, keep it */
	Q_FILL,			/* read: fill the output with a pattern */
	Q_DMA,			/* read: InitializeUsingRequest checks */
	Q_DELETE,		/* write: try to delete the request and queue */
	Q_DMA_EMPTY,		/* read: InitializeUsingRequest on 0 bytes */
	Q_DMA_IOCTL,		/* ioctl: InitializeUsingRequest in .dma_dir */
};

#define Q_MAX_HELD 4

struct qfix {
	enum q_mode mode;
	bool parallel_writes;
	unsigned int zero_ok;	/* BIT(type): AllowZeroLengthRequests */
	NTSTATUS status;
	ULONG_PTR info;
	int presented;
	WDFREQUEST held[Q_MAX_HELD];
	size_t held_len[Q_MAX_HELD];
	struct completion present;
	/* what the callbacks saw */
	size_t length;
	WDF_REQUEST_PARAMETERS params;
	PVOID mdl_va;
	ULONG mdl_count;
	u8 data[64];
	NTSTATUS st_retrieve, st_retrieve_in, st_wrong_mdl, st_mdl;
	PMDL got_mdl;
	int cancels;
	ULONG_PTR cancel_info;		/* bytes "moved" before the cancel */
	bool io_sync_held;
	struct device *log_dev;
	ULONG ioctl_code;
	size_t ioctl_in, ioctl_out;
	BOOLEAN read_access, write_access;
	bool no_file;
	/* Q_DMA */
	struct wdft_device *wd;
	WDFDMAENABLER en;
	WDFDMATRANSACTION tx;
	struct wdft_rec *rec;
	NTSTATUS st_wrong_dir, st_ok, st_bad_dir, st_release, st_reinit;
	PMDL kmdl;		/* Q_DMA_EMPTY: re-initialize with this */
	void *kbuf;
	size_t klen;
	bool reinit_done;
	NTSTATUS st_route_twice, st_route_bad_type, st_manual, st_default_twice;
	WDFQUEUE h_manual;
	WDFREQUEST got_request, after_release;
	WDF_DMA_DIRECTION dma_dir;	/* Q_DMA_IOCTL */
	/* WdfDeviceSetIoLimits in EvtDriverDeviceAdd when either is set */
	ULONGLONG dev_size;
	size_t max_len;
	NTSTATUS st_limits, st_limits_size;
	bool ended;	/* held[0] completed by the test */
	int d0exit_calls;	/* D0ExitPreInterruptsDisabled calls */
	bool d0exit_with_owned;	/* ... while held[0] was still owned */
};

static struct qfix *qfix_of(WDFQUEUE q)
{
	struct wdft_device *wd = wdft_of(WdfIoQueueGetDevice(q));

	return wd ? wd->priv : NULL;
}

static void q_present(struct qfix *fx, WDFREQUEST r)
{
	if (fx->presented < Q_MAX_HELD) {
		fx->held[fx->presented] = r;
		fx->held_len[fx->presented] = fx->length;
	}
	fx->presented++;
	complete(&fx->present);
}

static void q_cancel(WDFREQUEST r)
{
	struct qfix *fx = qfix_of(WdfRequestGetIoQueue(r));

	fx->cancels++;
	WdfRequestCompleteWithInformation(r, STATUS_CANCELLED, fx->cancel_info);
}

static void q_io_write(WDFQUEUE q, WDFREQUEST r, size_t len)
{
	struct qfix *fx = qfix_of(q);
	PMDL mdl = NULL;
	PVOID buf = NULL;
	size_t blen = 0;

	fx->length = len;
	fx->io_sync_held = lockdep_is_held(wdf_test_device_sync_lock(WdfIoQueueGetDevice(q)));
	fx->log_dev = wdf_test_log_device();
	WDF_REQUEST_PARAMETERS_INIT(&fx->params);
	WdfRequestGetParameters(r, &fx->params);
	fx->got_mdl = (PMDL)fx;	/* must be overwritten */
	fx->st_mdl = WdfRequestRetrieveInputWdmMdl(r, &fx->got_mdl);
	mdl = fx->got_mdl;
	if (NT_SUCCESS(fx->st_mdl) && mdl) {
		fx->mdl_va = MmGetMdlVirtualAddress(mdl);
		fx->mdl_count = MmGetMdlByteCount(mdl);
	}
	fx->st_wrong_mdl = WdfRequestRetrieveOutputWdmMdl(r, &mdl);
	fx->st_retrieve = WdfRequestRetrieveInputBuffer(r, 1, &buf, &blen);
	if (NT_SUCCESS(fx->st_retrieve) && buf)
		memcpy(fx->data, buf, min(blen, sizeof(fx->data)));
	if (fx->mode == Q_HOLD) {
		q_present(fx, r);
		return;
	}
	if (fx->mode == Q_DELETE) {
		/* both refused: a presented request, a dispatching queue */
		WdfObjectDelete(r);
		WdfObjectDelete(q);
	}
	q_present(fx, r);
	WdfRequestCompleteWithInformation(r, fx->status, fx->info);
}

/*
 * InitializeUsingRequest of @r in @dir (status in fx->st_ok), Execute to
 * the end, Release before the request completes: the bytes transferred.
 */
static size_t q_dma_run(struct qfix *fx, WDFREQUEST r, WDF_DMA_DIRECTION dir)
{
	size_t len = 0;
	NTSTATUS st;

	fx->st_ok = WdfDmaTransactionInitializeUsingRequest(fx->tx, r,
							    wdft_program_dma, dir);
	fx->got_request = WdfDmaTransactionGetRequest(fx->tx);
	if (NT_SUCCESS(fx->st_ok)) {
		if (NT_SUCCESS(WdfDmaTransactionExecute(fx->tx, fx->rec)))
			while (!WdfDmaTransactionDmaCompleted(fx->tx, &st))
				;
		len = WdfDmaTransactionGetBytesTransferred(fx->tx);
	}
	WdfDmaTransactionRelease(fx->tx);
	fx->after_release = WdfDmaTransactionGetRequest(fx->tx);
	return len;
}

static void q_io_read(WDFQUEUE q, WDFREQUEST r, size_t len)
{
	struct qfix *fx = qfix_of(q);
	PVOID buf = NULL;
	size_t blen = 0, i;
	PMDL mdl = NULL;
	NTSTATUS st;

	fx->length = len;
	WDF_REQUEST_PARAMETERS_INIT(&fx->params);
	WdfRequestGetParameters(r, &fx->params);
	fx->st_wrong_mdl = WdfRequestRetrieveInputWdmMdl(r, &mdl);
	fx->got_mdl = (PMDL)fx;	/* must be overwritten */
	fx->st_mdl = WdfRequestRetrieveOutputWdmMdl(r, &fx->got_mdl);
	if (!len)
		fx->st_retrieve = WdfRequestRetrieveOutputBuffer(r, 1, &buf, &blen);
	switch (fx->mode) {
	case Q_CANCELABLE:
		q_present(fx, r);
		if (!NT_SUCCESS(WdfRequestMarkCancelableEx(r, q_cancel)))
			WdfRequestComplete(r, STATUS_CANCELLED);
		return;
	case Q_FILL:
		fx->st_retrieve = WdfRequestRetrieveOutputBuffer(r, len, &buf, &blen);
		if (NT_SUCCESS(fx->st_retrieve))
			for (i = 0; i < blen; i++)
				((u8 *)buf)[i] = (u8)(i * 3 + 7);
		q_present(fx, r);
		WdfRequestCompleteWithInformation(r, fx->st_retrieve,
						  NT_SUCCESS(fx->st_retrieve) ? blen : 0);
		return;
	case Q_DMA:
		fx->st_wrong_dir = WdfDmaTransactionInitializeUsingRequest(fx->tx, r,
						wdft_program_dma, WdfDmaDirectionWriteToDevice);
		WdfDmaTransactionRelease(fx->tx);
		len = q_dma_run(fx, r, WdfDmaDirectionReadFromDevice);
		q_present(fx, r);
		WdfRequestCompleteWithInformation(r, fx->st_ok, len);
		return;
	case Q_DMA_EMPTY:
		/* doc/facts.md §8.9: the direction is checked first ... */
		fx->st_bad_dir = WdfDmaTransactionInitializeUsingRequest(fx->tx, r,
						wdft_program_dma, (WDF_DMA_DIRECTION)7);
		WdfDmaTransactionRelease(fx->tx);
		/* ... then the request length (not Initialize's code) */
		fx->st_ok = WdfDmaTransactionInitializeUsingRequest(fx->tx, r,
						wdft_program_dma, WdfDmaDirectionReadFromDevice);
		fx->got_request = WdfDmaTransactionGetRequest(fx->tx);
		fx->st_release = WdfDmaTransactionRelease(fx->tx);
		/* the transaction is still usable */
		fx->st_reinit = WdfDmaTransactionInitialize(fx->tx, wdft_program_dma,
						WdfDmaDirectionReadFromDevice, fx->kmdl,
						fx->kbuf, fx->klen);
		if (NT_SUCCESS(fx->st_reinit) &&
		    NT_SUCCESS(WdfDmaTransactionExecute(fx->tx, fx->rec)))
			fx->reinit_done = WdfDmaTransactionDmaCompleted(fx->tx, &st) &&
					  NT_SUCCESS(st);
		WdfDmaTransactionRelease(fx->tx);
		q_present(fx, r);
		WdfRequestCompleteWithInformation(r, fx->st_ok, 0);
		return;
	default:
		q_present(fx, r);
		WdfRequestCompleteWithInformation(r, fx->status, fx->info);
	}
}

#define Q_IOCTL_RW	_IOWR('P', 7, u32)
#define Q_IOCTL_NONE	_IO('P', 8)
#define Q_IOCTL_UNKNOWN	_IOWR('P', 9, u32)	/* the driver knows no such code */
#define Q_IOCTL_OUT_DIRECT	WDF_IOC_OUT_DIRECT('P', 10)
#define Q_IOCTL_IN_DIRECT	WDF_IOC_IN_DIRECT('P', 11)

static void q_io_ioctl(WDFQUEUE q, WDFREQUEST r, size_t out, size_t in, ULONG code)
{
	struct qfix *fx = qfix_of(q);
	WDFFILEOBJECT fo = WdfRequestGetFileObject(r);
	PFILE_OBJECT file = fo ? WdfFileObjectWdmGetFileObject(fo) : NULL;
	PVOID ibuf = NULL, obuf = NULL;
	size_t len;
	u32 v = 0;

	fx->ioctl_code = code;
	fx->ioctl_in = in;
	fx->ioctl_out = out;
	fx->no_file = !file;
	if (file) {
		fx->read_access = file->ReadAccess;
		fx->write_access = file->WriteAccess;
	}
	if (fx->mode == Q_DMA_IOCTL) {
		/* a direct ioctl in fx->dma_dir; returned = the bytes moved */
		len = q_dma_run(fx, r, fx->dma_dir);
		q_present(fx, r);
		WdfRequestCompleteWithInformation(r, STATUS_SUCCESS, len);
		return;
	}
	if (code == Q_IOCTL_UNKNOWN) {
		/* as a driver does: no buffer is looked at */
		q_present(fx, r);
		WdfRequestComplete(r, STATUS_INVALID_DEVICE_REQUEST);
		return;
	}
	if (in) {
		fx->st_retrieve_in = WdfRequestRetrieveInputBuffer(r, sizeof(v), &ibuf, NULL);
		if (NT_SUCCESS(fx->st_retrieve_in))
			memcpy(&v, ibuf, sizeof(v));
	}
	fx->st_retrieve = WdfRequestRetrieveOutputBuffer(r, sizeof(v), &obuf, NULL);
	if (fx->mode == Q_DMA) {
		/* the shim builds no MDL for METHOD_BUFFERED (doc/facts.md §8.9) */
		fx->st_ok = WdfDmaTransactionInitializeUsingRequest(fx->tx, r,
						wdft_program_dma, WdfDmaDirectionReadFromDevice);
		WdfDmaTransactionRelease(fx->tx);
	}
	q_present(fx, r);
	if (!NT_SUCCESS(fx->st_retrieve)) {
		WdfRequestComplete(r, fx->st_retrieve);
		return;
	}
	v = v * 2 + 1;
	memcpy(obuf, &v, sizeof(v));
	WdfRequestCompleteWithInformation(r, fx->status, sizeof(v));
}

static NTSTATUS q_add(struct wdft_device *wd)
{
	struct qfix *fx = wd->priv;
	WDF_IO_QUEUE_CONFIG cfg;
	WDFQUEUE q;
	NTSTATUS st;

	if (fx->dev_size || fx->max_len) {
		WDF_DEVICE_IO_LIMITS lim;

		WDF_DEVICE_IO_LIMITS_INIT(&lim);
		lim.Size--;
		fx->st_limits_size = WdfDeviceSetIoLimits(wd->device, &lim);
		WDF_DEVICE_IO_LIMITS_INIT(&lim);
		lim.DeviceSize = fx->dev_size;
		lim.MaximumTransferLength = fx->max_len;
		fx->st_limits = WdfDeviceSetIoLimits(wd->device, &lim);
		if (!NT_SUCCESS(fx->st_limits))
			return fx->st_limits;
	}
	WDF_IO_QUEUE_CONFIG_INIT(&cfg, fx->parallel_writes ? WdfIoQueueDispatchParallel :
				 WdfIoQueueDispatchSequential);
	cfg.EvtIoWrite = q_io_write;
	cfg.AllowZeroLengthRequests = !!(fx->zero_ok & BIT(WdfRequestTypeWrite));
	st = WdfIoQueueCreate(wd->device, &cfg, NULL, &q);
	if (NT_SUCCESS(st))
		st = WdfDeviceConfigureRequestDispatching(wd->device, q, WdfRequestTypeWrite);
	if (!NT_SUCCESS(st))
		return st;
	WDF_IO_QUEUE_CONFIG_INIT(&cfg, WdfIoQueueDispatchSequential);
	cfg.EvtIoRead = q_io_read;
	cfg.AllowZeroLengthRequests = !!(fx->zero_ok & BIT(WdfRequestTypeRead));
	st = WdfIoQueueCreate(wd->device, &cfg, NULL, &q);
	if (NT_SUCCESS(st))
		st = WdfDeviceConfigureRequestDispatching(wd->device, q, WdfRequestTypeRead);
	if (!NT_SUCCESS(st))
		return st;
	/* a type is routed once; only read/write/ioctl can be routed */
	fx->st_route_twice = WdfDeviceConfigureRequestDispatching(wd->device, q,
								  WdfRequestTypeRead);
	fx->st_route_bad_type = WdfDeviceConfigureRequestDispatching(wd->device, q,
								     WdfRequestTypeCreate);
	/* a manual queue with a request callback (wdf_manualqueue_test.c) */
	WDF_IO_QUEUE_CONFIG_INIT(&cfg, WdfIoQueueDispatchManual);
	cfg.EvtIoRead = q_io_read;
	fx->h_manual = (WDFQUEUE)fx;
	fx->st_manual = WdfIoQueueCreate(wd->device, &cfg, NULL, &fx->h_manual);
	WDF_IO_QUEUE_CONFIG_INIT(&cfg, WdfIoQueueDispatchSequential);
	cfg.EvtIoDeviceControl = q_io_ioctl;
	st = WdfIoQueueCreate(wd->device, &cfg, NULL, &q);
	if (NT_SUCCESS(st))
		st = WdfDeviceConfigureRequestDispatching(wd->device, q,
							  WdfRequestTypeDeviceControl);
	if (!NT_SUCCESS(st))
		return st;
	/* one default queue per device */
	WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(&cfg, WdfIoQueueDispatchParallel);
	cfg.EvtIoRead = q_io_read;
	/* never used for read/write: its setting must not matter */
	cfg.AllowZeroLengthRequests = TRUE;
	st = WdfIoQueueCreate(wd->device, &cfg, NULL, &q);
	if (!NT_SUCCESS(st))
		return st;
	fx->st_default_twice = WdfIoQueueCreate(wd->device, &cfg, NULL, &q);
	return STATUS_SUCCESS;
}

static struct qfix *qfix_start_zero(struct kunit *test, enum q_mode mode,
				     bool parallel, unsigned int zero_ok);

static struct qfix *qfix_start(struct kunit *test, enum q_mode mode, bool parallel)
{
	return qfix_start_zero(test, mode, parallel, 0);
}

static void q_queue_configuration_refusals(struct kunit *test)
{
	struct qfix *fx = qfix_start(test, Q_COMPLETE, false);

	KUNIT_EXPECT_EQ(test, fx->st_route_twice, STATUS_WDF_BUSY);
	KUNIT_EXPECT_EQ(test, fx->st_route_bad_type, STATUS_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, fx->st_manual, STATUS_INVALID_PARAMETER);
	KUNIT_EXPECT_NULL(test, fx->h_manual);
	KUNIT_EXPECT_EQ(test, fx->st_default_twice, STATUS_WDF_BUSY);
}

static struct qfix *qfix_start_zero(struct kunit *test, enum q_mode mode,
				     bool parallel, unsigned int zero_ok)
{
	struct wdft_device *wd = wdft_device_alloc(test);
	struct qfix *fx = kunit_kzalloc(test, sizeof(*fx), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, fx);
	init_completion(&fx->present);
	fx->mode = mode;
	fx->parallel_writes = parallel;
	fx->zero_ok = zero_ok;
	fx->status = STATUS_SUCCESS;
	fx->wd = wd;
	wd->priv = fx;
	wd->add = q_add;
	wd->scope = WdfSynchronizationScopeDevice;
	KUNIT_ASSERT_EQ(test, wdft_device_start(test, wd, NULL, 0), STATUS_SUCCESS);
	return fx;
}

/* User memory of the test thread; @prot for the whole mapping. */
static unsigned long q_user(struct kunit *test, size_t len, unsigned long prot)
{
	unsigned long u = kunit_vm_mmap(test, NULL, 0, len, prot,
					MAP_ANONYMOUS | MAP_PRIVATE, 0);

	KUNIT_ASSERT_NE(test, u, 0UL);
	KUNIT_ASSERT_FALSE(test, IS_ERR_VALUE(u));
	return u;
}

static long q_io(struct kunit *test, struct qfix *fx, WDF_REQUEST_TYPE type,
		 unsigned long addr, size_t len, loff_t off, ULONG code)
{
	struct wdf_test_io *io = wdf_test_io_submit(fx->wd->device, type, addr, len,
						    off, code, 0);

	if (IS_ERR(io))
		return PTR_ERR(io);
	return wdf_test_io_wait(io, 10000);
}

static void q_zero_length_never_reaches_driver(struct kunit *test)
{
	struct qfix *fx = qfix_start(test, Q_COMPLETE, false);
	unsigned long u = q_user(test, PAGE_SIZE, PROT_READ | PROT_WRITE);
	struct wdf_test_io *io;

	/* a driver that saw them would fail them */
	fx->status = STATUS_INVALID_DEVICE_REQUEST;
	io = wdf_test_io_submit(fx->wd->device, WdfRequestTypeRead, u, 0, 0, 0, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(io));
	KUNIT_EXPECT_NULL(test, wdf_test_io_request(io));
	KUNIT_EXPECT_EQ(test, wdf_test_io_wait(io, 1000), 0L);
	KUNIT_EXPECT_EQ(test, q_io(test, fx, WdfRequestTypeWrite, u, 0, 0, 0), 0L);
	KUNIT_EXPECT_EQ(test, fx->presented, 0);
}

/* KMDF: AllowZeroLengthRequests presents 0-byte read/write, no MDL. */
static void q_zero_length_allowed_reaches_driver(struct kunit *test)
{
	struct qfix *fx = qfix_start_zero(test, Q_COMPLETE, false,
					  BIT(WdfRequestTypeRead) |
					  BIT(WdfRequestTypeWrite));
	unsigned long u = q_user(test, PAGE_SIZE, PROT_READ | PROT_WRITE);
	struct wdf_test_io *io;

	/* write: presented with Length 0, completion reaches the caller */
	fx->length = 99;
	fx->info = 0;
	io = wdf_test_io_submit(fx->wd->device, WdfRequestTypeWrite, u, 0, 5, 0, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(io));
	KUNIT_EXPECT_NOT_NULL(test, wdf_test_io_request(io));
	KUNIT_EXPECT_EQ(test, wdf_test_io_wait(io, 5000), 0L);
	KUNIT_EXPECT_EQ(test, fx->presented, 1);
	KUNIT_EXPECT_EQ(test, fx->length, (size_t)0);
	KUNIT_EXPECT_EQ(test, fx->params.Type, WdfRequestTypeWrite);
	KUNIT_EXPECT_EQ(test, fx->params.Parameters.Write.Length, (size_t)0);
	KUNIT_EXPECT_EQ(test, fx->params.Parameters.Write.DeviceOffset, 5LL);
	KUNIT_EXPECT_EQ(test, fx->st_mdl, STATUS_BUFFER_TOO_SMALL);
	KUNIT_EXPECT_NULL(test, fx->got_mdl);
	KUNIT_EXPECT_EQ(test, fx->st_wrong_mdl, STATUS_INVALID_DEVICE_REQUEST);
	KUNIT_EXPECT_EQ(test, fx->st_retrieve, STATUS_BUFFER_TOO_SMALL);
	/* the status becomes the errno */
	fx->status = STATUS_INSUFFICIENT_RESOURCES;
	KUNIT_EXPECT_EQ(test, q_io(test, fx, WdfRequestTypeWrite, u, 0, 0, 0),
			(long)-ENOMEM);
	KUNIT_EXPECT_EQ(test, fx->presented, 2);

	/* read: the same through the read queue */
	fx->length = 99;
	fx->status = STATUS_SUCCESS;
	fx->info = 0;
	KUNIT_EXPECT_EQ(test, q_io(test, fx, WdfRequestTypeRead, u, 0, 0, 0), 0L);
	KUNIT_EXPECT_EQ(test, fx->presented, 3);
	KUNIT_EXPECT_EQ(test, fx->length, (size_t)0);
	KUNIT_EXPECT_EQ(test, fx->params.Type, WdfRequestTypeRead);
	KUNIT_EXPECT_EQ(test, fx->params.Parameters.Read.Length, (size_t)0);
	KUNIT_EXPECT_EQ(test, fx->st_mdl, STATUS_BUFFER_TOO_SMALL);
	KUNIT_EXPECT_NULL(test, fx->got_mdl);
	KUNIT_EXPECT_EQ(test, fx->st_wrong_mdl, STATUS_INVALID_DEVICE_REQUEST);
	KUNIT_EXPECT_EQ(test, fx->st_retrieve, STATUS_BUFFER_TOO_SMALL);
	/* information is capped at the 0 bytes asked for */
	fx->info = 7;
	KUNIT_EXPECT_EQ(test, q_io(test, fx, WdfRequestTypeRead, u, 0, 0, 0), 0L);
	fx->status = STATUS_DEVICE_CONFIGURATION_ERROR;
	fx->info = 0;
	KUNIT_EXPECT_EQ(test, q_io(test, fx, WdfRequestTypeRead, u, 0, 0, 0),
			(long)-ENODEV);
	KUNIT_EXPECT_EQ(test, fx->presented, 5);
	/* non-empty I/O on such a queue is unchanged */
	fx->status = STATUS_SUCCESS;
	fx->info = 16;
	KUNIT_EXPECT_EQ(test, q_io(test, fx, WdfRequestTypeWrite, u, 16, 0, 0), 16L);
	KUNIT_EXPECT_EQ(test, fx->st_mdl, STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, (size_t)fx->mdl_count, (size_t)16);
	KUNIT_EXPECT_EQ(test, fx->presented, 6);
}

/* The flag of the queue that receives the type decides, per type. */
static void q_zero_length_allowed_per_queue(struct kunit *test)
{
	struct qfix *fx = qfix_start_zero(test, Q_COMPLETE, false,
					  BIT(WdfRequestTypeWrite));
	unsigned long u = q_user(test, PAGE_SIZE, PROT_READ | PROT_WRITE);

	fx->status = STATUS_INVALID_DEVICE_REQUEST;
	/* the read queue does not allow it (the default queue's flag is moot) */
	KUNIT_EXPECT_EQ(test, q_io(test, fx, WdfRequestTypeRead, u, 0, 0, 0), 0L);
	KUNIT_EXPECT_EQ(test, fx->presented, 0);
	KUNIT_EXPECT_EQ(test, q_io(test, fx, WdfRequestTypeWrite, u, 0, 0, 0),
			(long)-EINVAL);
	KUNIT_EXPECT_EQ(test, fx->presented, 1);
	KUNIT_EXPECT_EQ(test, fx->params.Type, WdfRequestTypeWrite);
}

static void q_bad_user_buffer_is_efault(struct kunit *test)
{
	struct qfix *fx = qfix_start(test, Q_COMPLETE, false);
	unsigned long ro = q_user(test, PAGE_SIZE, PROT_READ);
	unsigned long rw = q_user(test, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE);

	/* a read must write the buffer: a read-only mapping is refused */
	KUNIT_EXPECT_EQ(test, q_io(test, fx, WdfRequestTypeRead, ro, 16, 0, 0),
			(long)-EFAULT);
	/* a write may come from read-only memory */
	fx->info = 16;
	KUNIT_EXPECT_EQ(test, q_io(test, fx, WdfRequestTypeWrite, ro, 16, 0, 0), 16L);
	KUNIT_EXPECT_EQ(test, fx->presented, 1);
	/* nothing mapped there */
	vm_munmap(rw, 2 * PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, q_io(test, fx, WdfRequestTypeWrite, rw + 8, 100, 0, 0),
			(long)-EFAULT);
	KUNIT_EXPECT_EQ(test, q_io(test, fx, WdfRequestTypeRead, rw, 100, 0, 0),
			(long)-EFAULT);
	KUNIT_EXPECT_EQ(test, fx->presented, 1);
}

static void q_write_presents_pinned_user_buffer(struct kunit *test)
{
	struct qfix *fx = qfix_start(test, Q_COMPLETE, false);
	unsigned long u = q_user(test, 3 * PAGE_SIZE, PROT_READ | PROT_WRITE);
	const size_t off = 100, len = 5000;
	u8 pattern[64];
	int i;

	WDFT_ASSERT_LOCKDEP(test);
	for (i = 0; i < sizeof(pattern); i++)
		pattern[i] = (u8)(0xC0 ^ i);
	KUNIT_ASSERT_EQ(test, copy_to_user((void __user *)(u + off), pattern,
					   sizeof(pattern)), 0UL);
	fx->info = len;
	KUNIT_EXPECT_EQ(test, q_io(test, fx, WdfRequestTypeWrite, u + off, len, 777, 0),
			(long)len);
	KUNIT_EXPECT_EQ(test, fx->presented, 1);
	KUNIT_EXPECT_TRUE(test, fx->io_sync_held);	/* device sync scope */
	/* issue 9, defect 9: a DbgPrintEx in EvtIoWrite names the board */
	KUNIT_EXPECT_PTR_EQ(test, fx->log_dev, fx->wd->dev);
	KUNIT_EXPECT_NULL(test, wdf_test_log_device());
	KUNIT_EXPECT_EQ(test, fx->length, len);
	KUNIT_EXPECT_EQ(test, fx->params.Type, WdfRequestTypeWrite);
	KUNIT_EXPECT_EQ(test, fx->params.Parameters.Write.Length, len);
	KUNIT_EXPECT_EQ(test, fx->params.Parameters.Write.DeviceOffset, 777LL);
	KUNIT_EXPECT_PTR_EQ(test, fx->mdl_va, (PVOID)(u + off));
	KUNIT_EXPECT_EQ(test, (size_t)fx->mdl_count, len);
	KUNIT_EXPECT_EQ(test, fx->st_wrong_mdl, STATUS_INVALID_DEVICE_REQUEST);
	KUNIT_EXPECT_EQ(test, fx->st_retrieve, STATUS_SUCCESS);
	KUNIT_EXPECT_MEMEQ(test, fx->data, pattern, sizeof(pattern));
}

/*
 * The MDL's page array: in the MDL's own allocation up to 33 pages (128 KiB
 * at any alignment), a separate one beyond. Both carry the buffer to the
 * driver, and a buffer that cannot be pinned fails either way (EFAULT,
 * nothing presented; KASAN/kmemleak would see a bad free or a leak).
 */
static void q_mdl_page_array_small_and_large(struct kunit *test)
{
	struct qfix *fx = qfix_start(test, Q_COMPLETE, false);
	const size_t off = 100, small = SZ_128K, large = 40 * PAGE_SIZE;
	unsigned long u = q_user(test, large + 2 * PAGE_SIZE,
				 PROT_READ | PROT_WRITE);
	const size_t lens[] = { small, large };
	u8 pattern[64];
	int i, k;

	for (k = 0; k < (int)ARRAY_SIZE(lens); k++) {
		for (i = 0; i < (int)sizeof(pattern); i++)
			pattern[i] = (u8)(0x5A ^ i ^ k);
		KUNIT_ASSERT_EQ(test, copy_to_user((void __user *)(u + off),
						   pattern, sizeof(pattern)), 0UL);
		fx->info = lens[k];
		KUNIT_EXPECT_EQ(test, q_io(test, fx, WdfRequestTypeWrite, u + off,
					   lens[k], 0, 0), (long)lens[k]);
		KUNIT_EXPECT_EQ(test, fx->presented, k + 1);
		KUNIT_EXPECT_PTR_EQ(test, fx->mdl_va, (PVOID)(u + off));
		KUNIT_EXPECT_EQ(test, (size_t)fx->mdl_count, lens[k]);
		KUNIT_EXPECT_MEMEQ(test, fx->data, pattern, sizeof(pattern));
	}
	/*
	 * The last page unmapped: the pin fails after pinning the others,
	 * for 33 pages (9..41) and for 42 (0..41).
	 */
	vm_munmap(u + large + PAGE_SIZE, PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, q_io(test, fx, WdfRequestTypeWrite,
				   u + large + PAGE_SIZE + 8 - small, small, 0, 0),
			(long)-EFAULT);
	KUNIT_EXPECT_EQ(test, q_io(test, fx, WdfRequestTypeWrite, u + off,
				   large + PAGE_SIZE, 0, 0), (long)-EFAULT);
	KUNIT_EXPECT_EQ(test, fx->presented, 2);
}

static void q_read_output_reaches_user(struct kunit *test)
{
	struct qfix *fx = qfix_start(test, Q_FILL, false);
	unsigned long u = q_user(test, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE);
	const size_t off = PAGE_SIZE - 10, len = 30;
	u8 back[30];
	size_t i;

	KUNIT_EXPECT_EQ(test, q_io(test, fx, WdfRequestTypeRead, u + off, len, 0, 0),
			(long)len);
	KUNIT_EXPECT_EQ(test, fx->st_retrieve, STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, fx->st_wrong_mdl, STATUS_INVALID_DEVICE_REQUEST);
	KUNIT_ASSERT_EQ(test, copy_from_user(back, (void __user *)(u + off), len), 0UL);
	for (i = 0; i < len; i++)
		KUNIT_EXPECT_EQ_MSG(test, back[i], (u8)(i * 3 + 7), "byte %zu", i);
}

struct q_status_case {
	NTSTATUS status;
	long expect;
};

/* The errnos the architecture and doc/facts.md §9.9 give user space. */
static const struct q_status_case q_status_cases[] = {
	{ STATUS_INVALID_BUFFER_SIZE, -EINVAL },
	{ STATUS_WDF_TOO_MANY_TRANSFERS, -E2BIG },
	{ STATUS_INSUFFICIENT_RESOURCES, -ENOMEM },
	{ STATUS_DEVICE_CONFIGURATION_ERROR, -ENODEV },
	{ STATUS_INVALID_DEVICE_REQUEST, -EINVAL },
};

static void q_status_desc(const struct q_status_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s", wdf_status_name(c->status) ?: "?");
}
KUNIT_ARRAY_PARAM(q_status, q_status_cases, q_status_desc);

static void q_completion_status_becomes_errno(struct kunit *test)
{
	const struct q_status_case *c = test->param_value;
	struct qfix *fx = qfix_start(test, Q_COMPLETE, false);
	unsigned long u = q_user(test, PAGE_SIZE, PROT_READ | PROT_WRITE);

	fx->status = c->status;
	fx->info = 0;
	KUNIT_EXPECT_EQ(test, q_io(test, fx, WdfRequestTypeWrite, u, 64, 0, 0), c->expect);
	KUNIT_EXPECT_EQ(test, fx->presented, 1);
}

static void q_information_is_the_return_value(struct kunit *test)
{
	struct qfix *fx = qfix_start(test, Q_COMPLETE, false);
	unsigned long u = q_user(test, PAGE_SIZE, PROT_READ | PROT_WRITE);

	fx->info = 10;
	KUNIT_EXPECT_EQ(test, q_io(test, fx, WdfRequestTypeWrite, u, 100, 0, 0), 10L);
	fx->info = 100;
	KUNIT_EXPECT_EQ(test, q_io(test, fx, WdfRequestTypeWrite, u, 100, 0, 0), 100L);
	/* never more than was asked for */
	fx->info = 200;
	KUNIT_EXPECT_EQ(test, q_io(test, fx, WdfRequestTypeWrite, u, 100, 0, 0), 100L);
	KUNIT_EXPECT_EQ(test, fx->presented, 3);
}

static void q_delete_refused_on_request_and_queue(struct kunit *test)
{
	struct qfix *fx = qfix_start(test, Q_DELETE, false);
	unsigned long u = q_user(test, PAGE_SIZE, PROT_READ | PROT_WRITE);
	long ret;

	fx->info = 32;
	WDFT_WARN_BEGIN(test);
	ret = q_io(test, fx, WdfRequestTypeWrite, u, 32, 0, 0);
	WDFT_WARN_END(test);
	/* the request was still completed normally, the queue still works */
	KUNIT_EXPECT_EQ(test, ret, 32L);
	fx->mode = Q_COMPLETE;
	fx->info = 16;
	KUNIT_EXPECT_EQ(test, q_io(test, fx, WdfRequestTypeWrite, u, 16, 0, 0), 16L);
	KUNIT_EXPECT_EQ(test, fx->presented, 2);
}

static void q_sequential_queue_presents_one_at_a_time(struct kunit *test)
{
	struct qfix *fx = qfix_start(test, Q_HOLD, false);
	unsigned long u = q_user(test, PAGE_SIZE, PROT_READ | PROT_WRITE);
	struct wdf_test_io *a, *b;

	a = wdf_test_io_submit(fx->wd->device, WdfRequestTypeWrite, u, 10, 0, 0, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(a));
	KUNIT_ASSERT_TRUE(test, wait_for_completion_timeout(&fx->present, HZ * 5));
	b = wdf_test_io_submit(fx->wd->device, WdfRequestTypeWrite, u + 10, 20, 0, 0, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(b));
	/* the second waits while the first is with the driver */
	KUNIT_EXPECT_EQ(test, wdf_test_io_wait(b, 100), (long)-ETIMEDOUT);
	KUNIT_EXPECT_EQ(test, fx->presented, 1);
	WdfRequestCompleteWithInformation(fx->held[0], STATUS_SUCCESS, 10);
	KUNIT_EXPECT_EQ(test, wdf_test_io_wait(a, 5000), 10L);
	KUNIT_ASSERT_TRUE(test, wait_for_completion_timeout(&fx->present, HZ * 5));
	KUNIT_EXPECT_EQ(test, fx->presented, 2);
	KUNIT_EXPECT_EQ(test, fx->length, (size_t)20);
	WdfRequestCompleteWithInformation(fx->held[1], STATUS_SUCCESS, 20);
	KUNIT_EXPECT_EQ(test, wdf_test_io_wait(b, 5000), 20L);
}

static void q_parallel_queue_presents_both(struct kunit *test)
{
	struct qfix *fx = qfix_start(test, Q_HOLD, true);
	unsigned long u = q_user(test, PAGE_SIZE, PROT_READ | PROT_WRITE);
	struct wdf_test_io *a, *b;

	a = wdf_test_io_submit(fx->wd->device, WdfRequestTypeWrite, u, 10, 0, 0, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(a));
	b = wdf_test_io_submit(fx->wd->device, WdfRequestTypeWrite, u, 20, 0, 0, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(b));
	KUNIT_ASSERT_TRUE(test, wait_for_completion_timeout(&fx->present, HZ * 5));
	KUNIT_ASSERT_TRUE(test, wait_for_completion_timeout(&fx->present, HZ * 5));
	KUNIT_EXPECT_EQ(test, fx->presented, 2);
	WdfRequestCompleteWithInformation(fx->held[1], STATUS_SUCCESS, 20);
	WdfRequestCompleteWithInformation(fx->held[0], STATUS_SUCCESS, 10);
	KUNIT_EXPECT_EQ(test, wdf_test_io_wait(a, 5000), 10L);
	KUNIT_EXPECT_EQ(test, wdf_test_io_wait(b, 5000), 20L);
}

static void q_ioctl_is_method_buffered(struct kunit *test)
{
	struct qfix *fx = qfix_start(test, Q_COMPLETE, false);
	unsigned long u = q_user(test, PAGE_SIZE, PROT_READ | PROT_WRITE);
	u32 v = 20, back = 0;

	KUNIT_ASSERT_EQ(test, copy_to_user((void __user *)u, &v, sizeof(v)), 0UL);
	KUNIT_EXPECT_EQ(test, q_io(test, fx, WdfRequestTypeDeviceControl, u, 0, 0,
				   Q_IOCTL_RW), 0L);
	KUNIT_EXPECT_EQ(test, fx->ioctl_code, (ULONG)Q_IOCTL_RW);
	KUNIT_EXPECT_EQ(test, fx->ioctl_in, sizeof(u32));
	KUNIT_EXPECT_EQ(test, fx->ioctl_out, sizeof(u32));
	KUNIT_EXPECT_EQ(test, fx->st_retrieve_in, STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, fx->st_retrieve, STATUS_SUCCESS);
	KUNIT_ASSERT_EQ(test, copy_from_user(&back, (void __user *)u, sizeof(back)), 0UL);
	KUNIT_EXPECT_EQ(test, back, 41U);
}

static void q_ioctl_errors(struct kunit *test)
{
	struct qfix *fx = qfix_start(test, Q_COMPLETE, false);
	unsigned long u = q_user(test, PAGE_SIZE, PROT_READ | PROT_WRITE);

	/* no output buffer: RetrieveOutputBuffer: too small (doc/facts.md §6.1) */
	KUNIT_EXPECT_EQ(test, q_io(test, fx, WdfRequestTypeDeviceControl, u, 0, 0,
				   Q_IOCTL_NONE), (long)-EINVAL);
	KUNIT_EXPECT_EQ(test, fx->st_retrieve, STATUS_BUFFER_TOO_SMALL);
	KUNIT_EXPECT_EQ(test, fx->ioctl_out, (size_t)0);
	/* an unknown control code is -ENOTTY for ioctl */
	fx->status = STATUS_INVALID_DEVICE_REQUEST;
	KUNIT_EXPECT_EQ(test, q_io(test, fx, WdfRequestTypeDeviceControl, u, 0, 0,
				   Q_IOCTL_RW), (long)-ENOTTY);
	/* a bad pointer for a buffered ioctl: the driver's buffers say so */
	fx->status = STATUS_SUCCESS;
	KUNIT_EXPECT_EQ(test, q_io(test, fx, WdfRequestTypeDeviceControl, 16, 0, 0,
				   Q_IOCTL_RW), (long)-EFAULT);
	KUNIT_EXPECT_EQ(test, fx->st_retrieve_in, STATUS_INVALID_USER_BUFFER);
	KUNIT_EXPECT_EQ(test, fx->st_retrieve, STATUS_INVALID_USER_BUFFER);
}

/*
 * Issue 9, defect 6: an unknown command is ENOTTY whatever its argument
 * pointer (main copied the input first and failed with EFAULT before the
 * driver saw the command).
 */
static void q_ioctl_unknown_is_enotty_whatever_the_pointer(struct kunit *test)
{
	struct qfix *fx = qfix_start(test, Q_COMPLETE, false);
	unsigned long ro = q_user(test, PAGE_SIZE, PROT_READ);
	unsigned long rw = q_user(test, PAGE_SIZE, PROT_READ | PROT_WRITE);

	KUNIT_EXPECT_EQ(test, q_io(test, fx, WdfRequestTypeDeviceControl, 16, 0, 0,
				   Q_IOCTL_UNKNOWN), (long)-ENOTTY);
	KUNIT_EXPECT_EQ(test, q_io(test, fx, WdfRequestTypeDeviceControl, 0, 0, 0,
				   Q_IOCTL_UNKNOWN), (long)-ENOTTY);
	/* readable, not writable (the output probe fails) */
	KUNIT_EXPECT_EQ(test, q_io(test, fx, WdfRequestTypeDeviceControl, ro, 0, 0,
				   Q_IOCTL_UNKNOWN), (long)-ENOTTY);
	KUNIT_EXPECT_EQ(test, q_io(test, fx, WdfRequestTypeDeviceControl, rw, 0, 0,
				   Q_IOCTL_UNKNOWN), (long)-ENOTTY);
	KUNIT_EXPECT_EQ(test, fx->presented, 4);
	/* a known one with an output it cannot write: EFAULT, from the driver */
	KUNIT_EXPECT_EQ(test, q_io(test, fx, WdfRequestTypeDeviceControl, ro, 0, 0,
				   Q_IOCTL_RW), (long)-EFAULT);
	KUNIT_EXPECT_EQ(test, fx->st_retrieve_in, STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, fx->st_retrieve, STATUS_INVALID_USER_BUFFER);
	KUNIT_EXPECT_EQ(test, fx->presented, 5);
}

/* The request's file object tells the driver how the file was opened. */
static void q_request_file_object_access(struct kunit *test)
{
	struct qfix *fx = qfix_start(test, Q_COMPLETE, false);
	unsigned long u = q_user(test, PAGE_SIZE, PROT_READ | PROT_WRITE);
	struct wdf_test_io *io;
	PFILE_OBJECT f;

	KUNIT_EXPECT_EQ(test, q_io(test, fx, WdfRequestTypeDeviceControl, u, 0, 0,
				   Q_IOCTL_RW), 0L);
	KUNIT_EXPECT_FALSE(test, fx->no_file);
	KUNIT_EXPECT_TRUE(test, fx->read_access);
	KUNIT_EXPECT_TRUE(test, fx->write_access);
	io = wdf_test_io_submit(fx->wd->device, WdfRequestTypeDeviceControl, u, 0, 0,
				Q_IOCTL_RW, WDF_TEST_IO_READ_ONLY);
	KUNIT_ASSERT_FALSE(test, IS_ERR(io));
	KUNIT_EXPECT_EQ(test, wdf_test_io_wait(io, 5000), 0L);
	KUNIT_EXPECT_FALSE(test, fx->no_file);
	KUNIT_EXPECT_TRUE(test, fx->read_access);
	KUNIT_EXPECT_FALSE(test, fx->write_access);
	/* not a file object: a defined NULL (KMDF would bugcheck) */
	WDFT_WARN_BEGIN(test);
	f = WdfFileObjectWdmGetFileObject((WDFFILEOBJECT)fx->wd->device);
	WDFT_WARN_END(test);
	KUNIT_EXPECT_NULL(test, f);
}

static void q_signal_calls_cancel_routine(struct kunit *test)
{
	struct qfix *fx = qfix_start(test, Q_CANCELABLE, false);
	unsigned long u = q_user(test, PAGE_SIZE, PROT_READ | PROT_WRITE);
	struct wdf_test_io *io;
	long ret;

	io = wdf_test_io_submit(fx->wd->device, WdfRequestTypeRead, u, 64, 0, 0, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(io));
	KUNIT_ASSERT_TRUE(test, wait_for_completion_timeout(&fx->present, HZ * 5));
	KUNIT_EXPECT_EQ(test, wdf_test_io_wait(io, 50), (long)-ETIMEDOUT);
	ret = wdf_test_io_cancel(io);
	KUNIT_EXPECT_EQ(test, fx->cancels, 1);
	/* nothing was transferred: the call restarts */
	KUNIT_EXPECT_EQ(test, ret, (long)-ERESTARTSYS);
}

/*
 * Issue 9, defect 4: a handled signal after part of a read moved returns
 * the bytes moved (POSIX), not EINTR with the count lost (main).
 */
static void q_signal_after_progress_returns_bytes(struct kunit *test)
{
	struct qfix *fx = qfix_start(test, Q_CANCELABLE, false);
	unsigned long u = q_user(test, PAGE_SIZE, PROT_READ | PROT_WRITE);
	struct wdf_test_io *io;

	fx->cancel_info = 16;
	io = wdf_test_io_submit(fx->wd->device, WdfRequestTypeRead, u, 64, 0, 0, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(io));
	KUNIT_ASSERT_TRUE(test, wait_for_completion_timeout(&fx->present, HZ * 5));
	KUNIT_EXPECT_EQ(test, wdf_test_io_cancel(io), 16L);
	KUNIT_EXPECT_EQ(test, fx->cancels, 1);
}

struct q_later {
	struct delayed_work work;
	struct qfix *fx;
	ULONG_PTR info;
};

/* The driver completes the held request a while later. */
static void q_later_complete(struct work_struct *w)
{
	struct q_later *l = container_of(to_delayed_work(w), struct q_later, work);

	WdfRequestCompleteWithInformation(l->fx->held[0], STATUS_SUCCESS, l->info);
}

/* Undo what the signal cases did to the test thread. */
static void q_signals_restore(void *data)
{
	struct sighand_struct *sh = rcu_dereference_protected(current->sighand, true);

	spin_lock_irq(&sh->siglock);
	sh->action[SIGTSTP - 1].sa.sa_handler = SIG_IGN;
	spin_unlock_irq(&sh->siglock);
	disallow_signal(SIGUSR1);
	flush_signals(current);
}

/*
 * Issue 9, defect 4: with a stop signal pending (Ctrl-Z; the same path
 * serves ptrace and the freezer, which set no handled signal) the
 * transfer runs to its end and returns its full count; a signal with a
 * handler still cancels it. (Main cancelled on any pending signal.)
 */
static void q_stop_signal_does_not_cancel(struct kunit *test)
{
	struct qfix *fx = qfix_start(test, Q_CANCELABLE, false);
	unsigned long u = q_user(test, PAGE_SIZE, PROT_READ | PROT_WRITE);
	struct q_later *l = kunit_kzalloc(test, sizeof(*l), GFP_KERNEL);
	struct sighand_struct *sh = rcu_dereference_protected(current->sighand, true);
	struct wdf_test_io *io;

	KUNIT_ASSERT_NOT_NULL(test, l);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, q_signals_restore, NULL), 0);
	/* the test thread (a kthread) gets SIGTSTP with its default action */
	spin_lock_irq(&sh->siglock);
	sh->action[SIGTSTP - 1].sa.sa_handler = SIG_DFL;
	spin_unlock_irq(&sh->siglock);
	KUNIT_ASSERT_EQ(test, send_sig(SIGTSTP, current, 1), 0);
	KUNIT_ASSERT_TRUE(test, signal_pending(current));

	io = wdf_test_io_submit(fx->wd->device, WdfRequestTypeRead, u, 64, 0, 0, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(io));
	KUNIT_ASSERT_TRUE(test, wait_for_completion_timeout(&fx->present, HZ * 5));
	l->fx = fx;
	l->info = 64;
	INIT_DELAYED_WORK(&l->work, q_later_complete);
	schedule_delayed_work(&l->work, msecs_to_jiffies(200));
	KUNIT_EXPECT_EQ(test, wdf_test_io_wait_signals(io), 64L);
	flush_delayed_work(&l->work);
	KUNIT_EXPECT_EQ(test, fx->cancels, 0);
	flush_signals(current);

	/* a signal with a handler (allow_signal: a kthread's handler) cancels */
	allow_signal(SIGUSR1);
	KUNIT_ASSERT_EQ(test, send_sig(SIGUSR1, current, 1), 0);
	io = wdf_test_io_submit(fx->wd->device, WdfRequestTypeRead, u, 64, 0, 0, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(io));
	KUNIT_ASSERT_TRUE(test, wait_for_completion_timeout(&fx->present, HZ * 5));
	KUNIT_EXPECT_EQ(test, wdf_test_io_wait_signals(io), (long)-ERESTARTSYS);
	KUNIT_EXPECT_EQ(test, fx->cancels, 1);
}

/* The bus addresses of the first two pages at @u, @len bytes zeroed. */
static void q_user_dma(struct kunit *test, struct qfix *fx, unsigned long u,
		       size_t len, u64 dma[2])
{
	struct page *pages[2];

	/* the pages the shim must map: fault them in and look them up */
	KUNIT_ASSERT_EQ(test, clear_user((void __user *)u, len), 0UL);
	KUNIT_ASSERT_EQ(test, pin_user_pages_fast(u, 2, FOLL_WRITE, pages), 2);
	dma[0] = phys_to_dma(fx->wd->dev, page_to_phys(pages[0]));
	dma[1] = phys_to_dma(fx->wd->dev, page_to_phys(pages[1]));
	unpin_user_pages(pages, 2);
}

/* One EvtProgramDma call in @dir: @len bytes at @off of the pages at @dma. */
static void q_expect_one_frag(struct kunit *test, const struct wdft_rec *rec,
			      WDF_DMA_DIRECTION dir, size_t off, size_t len,
			      const u64 dma[2])
{
	const struct wdft_frag *f = &rec->frags[0];

	KUNIT_ASSERT_EQ(test, rec->n, 1);
	KUNIT_EXPECT_EQ(test, f->sg_len, len);
	KUNIT_EXPECT_EQ(test, f->dir, dir);
	KUNIT_ASSERT_GE(test, f->nelem, 1U);
	KUNIT_EXPECT_EQ(test, f->addr[0], dma[0] + off);
	if (f->nelem == 2) {
		KUNIT_EXPECT_EQ(test, (size_t)f->len[0], PAGE_SIZE - off);
		KUNIT_EXPECT_EQ(test, f->addr[1], dma[1]);
	} else {
		/* merged only if the two pages are physically adjacent */
		KUNIT_EXPECT_EQ(test, f->nelem, 1U);
		KUNIT_EXPECT_EQ(test, dma[1], dma[0] + PAGE_SIZE);
	}
}

static void q_initialize_using_request(struct kunit *test)
{
	struct qfix *fx = qfix_start(test, Q_DMA, false);
	unsigned long u = q_user(test, 3 * PAGE_SIZE, PROT_READ | PROT_WRITE);
	const size_t off = 200, len = PAGE_SIZE + 300;
	u64 dma[2];

	fx->en = wdft_enabler_create(test, fx->wd, WdfDmaProfileScatterGather64Duplex, 8192);
	KUNIT_ASSERT_EQ(test, WdfDmaTransactionCreate(fx->en, NULL, &fx->tx), STATUS_SUCCESS);
	fx->rec = wdft_rec_alloc(test, fx->tx);
	fx->rec->task = NULL;	/* may run on a shim thread */
	q_user_dma(test, fx, u, 3 * PAGE_SIZE, dma);

	KUNIT_EXPECT_EQ(test, q_io(test, fx, WdfRequestTypeRead, u + off, len, 0, 0),
			(long)len);
	KUNIT_EXPECT_EQ(test, fx->st_wrong_dir, STATUS_INVALID_DEVICE_REQUEST);
	KUNIT_EXPECT_EQ(test, fx->st_ok, STATUS_SUCCESS);
	KUNIT_EXPECT_PTR_EQ(test, fx->got_request, fx->held[0]);
	KUNIT_EXPECT_NULL(test, fx->after_release);
	q_expect_one_frag(test, fx->rec, WdfDmaDirectionReadFromDevice, off, len, dma);
}

/*
 * A METHOD_BUFFERED ioctl: the shim builds no MDL for it, a feature it
 * lacks (STATUS_NOT_SUPPORTED and a WARN_ONCE, once per boot).
 */
static void q_ioctl_request_cannot_feed_dma(struct kunit *test)
{
	struct qfix *fx = qfix_start(test, Q_DMA, false);
	unsigned long u = q_user(test, PAGE_SIZE, PROT_READ | PROT_WRITE);

	fx->en = wdft_enabler_create(test, fx->wd, WdfDmaProfileScatterGather64Duplex, 8192);
	KUNIT_ASSERT_EQ(test, WdfDmaTransactionCreate(fx->en, NULL, &fx->tx), STATUS_SUCCESS);
	WDFT_WARN_BEGIN(test);
	KUNIT_EXPECT_EQ(test, q_io(test, fx, WdfRequestTypeDeviceControl, u, 0, 0,
				   Q_IOCTL_RW), 0L);
	WDFT_WARN_END(test);
	KUNIT_EXPECT_EQ(test, fx->st_ok, STATUS_NOT_SUPPORTED);
}

/*
 * A direct ioctl through Q_DMA_IOCTL in @dir: the output buffer at
 * @out (user memory), @out_len bytes; the ioctl returns 0.
 */
static void q_dma_ioctl_submit(struct kunit *test, struct qfix *fx, ULONG code,
			       WDF_DMA_DIRECTION dir, unsigned long arg,
			       unsigned long out, u32 out_len)
{
	struct wdf_ioctl_direct a = { .out = out, .out_len = out_len };

	fx->dma_dir = dir;
	fx->st_ok = STATUS_PENDING;
	fx->got_request = (WDFREQUEST)fx;
	fx->after_release = (WDFREQUEST)fx;
	fx->presented = 0;
	fx->rec = wdft_rec_alloc(test, fx->tx);
	fx->rec->task = NULL;	/* may run on a shim thread */
	KUNIT_ASSERT_EQ(test, copy_to_user((void __user *)arg, &a, sizeof(a)), 0UL);
	KUNIT_EXPECT_EQ(test, q_io(test, fx, WdfRequestTypeDeviceControl, arg, 0, 0,
				   code), 0L);
	KUNIT_ASSERT_EQ(test, fx->presented, 1);
	KUNIT_EXPECT_NULL(test, fx->after_release);
}

/*
 * doc/facts.md §8.9: METHOD_OUT_DIRECT with ReadFromDevice and
 * METHOD_IN_DIRECT with WriteToDevice map the output buffer, length
 * OutputBufferLength, and associate the request.
 */
static void q_direct_ioctl_feeds_dma(struct kunit *test)
{
	struct qfix *fx = qfix_start(test, Q_DMA_IOCTL, false);
	unsigned long u = q_user(test, 3 * PAGE_SIZE, PROT_READ | PROT_WRITE);
	const size_t off = 200, len = PAGE_SIZE + 300;
	const unsigned long arg = u + 2 * PAGE_SIZE;
	static const struct {
		ULONG code;
		WDF_DMA_DIRECTION dir;
	} c[] = {
		{ Q_IOCTL_OUT_DIRECT, WdfDmaDirectionReadFromDevice },
		{ Q_IOCTL_IN_DIRECT, WdfDmaDirectionWriteToDevice },
	};
	struct wdf_ioctl_direct a;
	unsigned int i;
	u64 dma[2];

	fx->en = wdft_enabler_create(test, fx->wd, WdfDmaProfileScatterGather64Duplex, 8192);
	KUNIT_ASSERT_EQ(test, WdfDmaTransactionCreate(fx->en, NULL, &fx->tx), STATUS_SUCCESS);
	q_user_dma(test, fx, u, 3 * PAGE_SIZE, dma);

	for (i = 0; i < ARRAY_SIZE(c); i++) {
		kunit_info(test, "method %u\n", WDF_IOCTL_METHOD(c[i].code));
		q_dma_ioctl_submit(test, fx, c[i].code, c[i].dir, arg, u + off, len);
		KUNIT_EXPECT_EQ(test, fx->st_ok, STATUS_SUCCESS);
		KUNIT_EXPECT_PTR_EQ(test, fx->got_request, fx->held[0]);
		KUNIT_EXPECT_EQ(test, fx->ioctl_out, len);
		KUNIT_ASSERT_EQ(test, copy_from_user(&a, (void __user *)arg, sizeof(a)),
				0UL);
		KUNIT_EXPECT_EQ(test, a.returned, (u64)len);
		q_expect_one_frag(test, fx->rec, c[i].dir, off, len, dma);
	}
}

/*
 * doc/facts.md §8.9: the direction must suit the method, and a request
 * length (the output length) of 0 is STATUS_INVALID_DEVICE_REQUEST.
 */
static void q_direct_ioctl_dma_refusals(struct kunit *test)
{
	struct qfix *fx = qfix_start(test, Q_DMA_IOCTL, false);
	unsigned long u = q_user(test, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE);
	const unsigned long arg = u + PAGE_SIZE;
	static const struct {
		ULONG code;
		WDF_DMA_DIRECTION dir;
		u32 out_len;
	} c[] = {
		{ Q_IOCTL_OUT_DIRECT, WdfDmaDirectionWriteToDevice, 64 },
		{ Q_IOCTL_IN_DIRECT, WdfDmaDirectionReadFromDevice, 64 },
		{ Q_IOCTL_OUT_DIRECT, WdfDmaDirectionReadFromDevice, 0 },
		{ Q_IOCTL_IN_DIRECT, WdfDmaDirectionWriteToDevice, 0 },
	};
	unsigned int i;

	fx->en = wdft_enabler_create(test, fx->wd, WdfDmaProfileScatterGather64Duplex, 8192);
	KUNIT_ASSERT_EQ(test, WdfDmaTransactionCreate(fx->en, NULL, &fx->tx), STATUS_SUCCESS);
	for (i = 0; i < ARRAY_SIZE(c); i++) {
		kunit_info(test, "method %u, direction %d, out_len %u\n",
			   WDF_IOCTL_METHOD(c[i].code), c[i].dir, c[i].out_len);
		q_dma_ioctl_submit(test, fx, c[i].code, c[i].dir, arg, u, c[i].out_len);
		KUNIT_EXPECT_EQ(test, fx->st_ok, STATUS_INVALID_DEVICE_REQUEST);
		KUNIT_EXPECT_NULL(test, fx->got_request);
		KUNIT_EXPECT_EQ(test, fx->rec->n, 0);
	}
}

/* doc/facts.md §8.9: a 0-byte request -> STATUS_INVALID_DEVICE_REQUEST. */
static void q_initialize_using_empty_request(struct kunit *test)
{
	struct qfix *fx = qfix_start_zero(test, Q_DMA_EMPTY, false,
					  BIT(WdfRequestTypeRead));
	unsigned long u = q_user(test, PAGE_SIZE, PROT_READ | PROT_WRITE);

	fx->en = wdft_enabler_create(test, fx->wd, WdfDmaProfileScatterGather64Duplex, 8192);
	KUNIT_ASSERT_EQ(test, WdfDmaTransactionCreate(fx->en, NULL, &fx->tx), STATUS_SUCCESS);
	fx->rec = wdft_rec_alloc(test, fx->tx);
	fx->rec->task = NULL;	/* may run on a shim thread */
	fx->klen = 100;
	fx->kbuf = kunit_kzalloc(test, PAGE_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, fx->kbuf);
	fx->kmdl = wdft_mdl(test, fx->kbuf, fx->klen);
	fx->st_ok = STATUS_SUCCESS;
	fx->got_request = (WDFREQUEST)fx;

	/* completed with InitializeUsingRequest's status */
	KUNIT_EXPECT_EQ(test, q_io(test, fx, WdfRequestTypeRead, u, 0, 0, 0),
			(long)-EINVAL);
	KUNIT_ASSERT_EQ(test, fx->presented, 1);
	KUNIT_EXPECT_EQ(test, fx->length, (size_t)0);
	KUNIT_EXPECT_EQ(test, fx->st_bad_dir, STATUS_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, fx->st_ok, STATUS_INVALID_DEVICE_REQUEST);
	KUNIT_EXPECT_NULL(test, fx->got_request);
	/* the failure left it Released: Release and Initialize work */
	KUNIT_EXPECT_EQ(test, fx->st_release, STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, fx->st_reinit, STATUS_SUCCESS);
	KUNIT_EXPECT_TRUE(test, fx->reinit_done);
	KUNIT_ASSERT_EQ(test, fx->rec->n, 1);
	KUNIT_EXPECT_EQ(test, fx->rec->frags[0].sg_len, fx->klen);
	KUNIT_EXPECT_EQ(test, fx->rec->frags[0].dir, WdfDmaDirectionReadFromDevice);
}

/*
 * Lifetime races, interleaved at the shim's test points (wdftest.h): the
 * stub runs the other party's step exactly at the point, so each case
 * reproduces its race on every run.
 */
struct q_race {
	struct kunit *test;
	struct qfix *fx;
	struct wdf_test_io *victim;	/* signalled at the drain point */
	long victim_ret;
	int drain_points;
	int io_ends;
	struct completion removed;
};

/* The stub has the point's signature: it finds the race here. */
static struct q_race *q_race_now;

static void q_race_exit(void *data)
{
	q_race_now = NULL;
}

/*
 * Start a race; the caller then activates its stub on wdf_test_point
 * (by function name: kunit_activate_static_stub type-checks it).
 */
static struct q_race *q_race_start(struct kunit *test, struct qfix *fx)
{
	struct q_race *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, r);
	r->test = test;
	r->fx = fx;
	init_completion(&r->removed);
	q_race_now = r;
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, q_race_exit, r), 0);
	return r;
}

/* Remove the device as the PCI remove would, from another thread. */
static int q_remover(void *data)
{
	struct q_race *r = data;

	current->kunit_test = r->test;	/* the stub redirects in this thread */
	wdf_test_device_remove(r->fx->wd->device);
	r->fx->wd->device = NULL;
	current->kunit_test = NULL;
	complete(&r->removed);
	return 0;
}

/*
 * At the first drain point (the remover holds request A, which it is
 * about to fail), B's caller gets a signal: B leaves the queue and is
 * freed by its caller. Then the driver completes the transfer in flight.
 */
static void q_stub_signal_during_drain(enum wdf_test_point_id id, void *arg)
{
	struct q_race *r = q_race_now;

	if (id != WDF_TP_DRAIN || !r || r->drain_points++)
		return;
	r->victim_ret = wdf_test_io_cancel(r->victim);
	WdfRequestCompleteWithInformation(r->fx->held[0], STATUS_SUCCESS, 10);
}

/*
 * Issue 9, defect 1: remove with one transfer in flight and two requests
 * queued behind it, one of whose callers is signalled while the remover
 * drains the queue. Each request completes exactly once; nothing is used
 * after its caller freed it (KASAN in the KUnit kernel).
 */
static void q_remove_drain_with_signalled_waiter(struct kunit *test)
{
	struct qfix *fx = qfix_start(test, Q_HOLD, false);
	unsigned long u = q_user(test, PAGE_SIZE, PROT_READ | PROT_WRITE);
	struct wdf_test_io *c, *a, *b;
	struct task_struct *t;
	struct q_race *r;

	c = wdf_test_io_submit(fx->wd->device, WdfRequestTypeWrite, u, 10, 0, 0, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(c));
	KUNIT_ASSERT_TRUE(test, wait_for_completion_timeout(&fx->present, HZ * 5));
	a = wdf_test_io_submit(fx->wd->device, WdfRequestTypeWrite, u, 20, 0, 0, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(a));
	b = wdf_test_io_submit(fx->wd->device, WdfRequestTypeWrite, u, 30, 0, 0, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(b));
	KUNIT_ASSERT_EQ(test, fx->presented, 1);

	r = q_race_start(test, fx);
	kunit_activate_static_stub(test, wdf_test_point, q_stub_signal_during_drain);
	r->victim = b;
	t = kthread_run(q_remover, r, "wdft-remover");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	KUNIT_EXPECT_EQ(test, wdf_test_io_wait(c, 10000), 10L);
	/* A was never presented: the device went away */
	KUNIT_EXPECT_EQ(test, wdf_test_io_wait(a, 10000), (long)-ENODEV);
	KUNIT_ASSERT_TRUE(test, wait_for_completion_timeout(&r->removed, HZ * 10));
	/* B: dropped from the queue by its signal, nothing done */
	KUNIT_EXPECT_EQ(test, r->victim_ret, (long)-ERESTARTSYS);
	/* only A went through the drain; no request reached the driver again */
	KUNIT_EXPECT_EQ(test, r->drain_points, 1);
	KUNIT_EXPECT_EQ(test, fx->presented, 1);
}

/*
 * Right after the first held request's completion is counted out (before
 * the dispatch work can present the next), a new request arrives.
 */
static void q_stub_submit_at_queue_done(enum wdf_test_point_id id, void *arg)
{
	struct q_race *r = q_race_now;

	if (id != WDF_TP_QUEUE_DONE || !r || r->victim)
		return;
	r->victim = wdf_test_io_submit(r->fx->wd->device, WdfRequestTypeWrite,
				       (unsigned long)r->test->priv, 30, 0, 0, 0);
}

/*
 * Issue 9, defect 9: a sequential queue is FIFO. Main presented a request
 * arriving between a completion and the dispatch work at once, ahead of
 * the one that had been waiting.
 */
static void q_sequential_queue_is_fifo(struct kunit *test)
{
	struct qfix *fx = qfix_start(test, Q_HOLD, false);
	unsigned long u = q_user(test, PAGE_SIZE, PROT_READ | PROT_WRITE);
	struct wdf_test_io *a, *b;
	struct q_race *r;

	test->priv = (void *)u;
	a = wdf_test_io_submit(fx->wd->device, WdfRequestTypeWrite, u, 10, 0, 0, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(a));
	KUNIT_ASSERT_TRUE(test, wait_for_completion_timeout(&fx->present, HZ * 5));
	b = wdf_test_io_submit(fx->wd->device, WdfRequestTypeWrite, u, 20, 0, 0, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(b));
	r = q_race_start(test, fx);
	kunit_activate_static_stub(test, wdf_test_point, q_stub_submit_at_queue_done);
	/* completes A; C (30 bytes) arrives at the point */
	WdfRequestCompleteWithInformation(fx->held[0], STATUS_SUCCESS, 10);
	KUNIT_ASSERT_FALSE(test, IS_ERR_OR_NULL(r->victim));
	KUNIT_EXPECT_EQ(test, wdf_test_io_wait(a, 5000), 10L);
	KUNIT_ASSERT_TRUE(test, wait_for_completion_timeout(&fx->present, HZ * 5));
	/* B, which waited, comes first */
	KUNIT_EXPECT_EQ(test, fx->held_len[1], (size_t)20);
	WdfRequestCompleteWithInformation(fx->held[1], STATUS_SUCCESS,
					  fx->held_len[1]);
	KUNIT_ASSERT_TRUE(test, wait_for_completion_timeout(&fx->present, HZ * 5));
	KUNIT_EXPECT_EQ(test, fx->held_len[2], (size_t)30);
	WdfRequestCompleteWithInformation(fx->held[2], STATUS_SUCCESS,
					  fx->held_len[2]);
	KUNIT_EXPECT_EQ(test, wdf_test_io_wait(b, 5000), 20L);
	KUNIT_EXPECT_EQ(test, wdf_test_io_wait(r->victim, 5000), 30L);
	KUNIT_EXPECT_EQ(test, fx->presented, 3);
}

/* The remover runs when the last I/O's count has dropped. */
static void q_stub_remove_at_io_end(enum wdf_test_point_id id, void *arg)
{
	struct q_race *r = q_race_now;

	if (id != WDF_TP_IO_END || !r || r->io_ends++)
		return;
	KUNIT_EXPECT_PTR_EQ(r->test, (WDFDEVICE)arg, r->fx->wd->device);
	/* nothing in flight: the remover finishes and frees the device */
	wdf_test_device_remove(r->fx->wd->device);
	r->fx->wd->device = NULL;
}

/*
 * Issue 9, defect 2: once the last I/O has dropped its count, the device
 * may be gone; wdf_device_io_end() must not touch it any more (KASAN).
 */
static void q_io_end_then_remove(struct kunit *test)
{
	struct qfix *fx = qfix_start(test, Q_COMPLETE, false);
	unsigned long u = q_user(test, PAGE_SIZE, PROT_READ | PROT_WRITE);
	struct wdf_test_io *io;
	struct q_race *r;

	fx->info = 16;
	io = wdf_test_io_submit(fx->wd->device, WdfRequestTypeWrite, u, 16, 0, 0, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(io));
	r = q_race_start(test, fx);
	kunit_activate_static_stub(test, wdf_test_point, q_stub_remove_at_io_end);
	KUNIT_EXPECT_EQ(test, wdf_test_io_wait(io, 5000), 16L);
	KUNIT_EXPECT_EQ(test, r->io_ends, 1);
	KUNIT_EXPECT_NULL(test, fx->wd->device);
}

/*
 * The driver's D0ExitPreInterruptsDisabled, as the PLX core's: the
 * transfer it has running is aborted and completed with
 * STATUS_IO_DEVICE_ERROR.
 */
static NTSTATUS q_d0_exit_pre_record(WDFDEVICE d, WDF_POWER_DEVICE_STATE s)
{
	struct wdft_device *wd = wdft_of(d);
	struct qfix *fx = wd ? wd->priv : NULL;

	if (fx) {
		fx->d0exit_calls++;
		fx->d0exit_with_owned = !fx->ended;
	}
	return STATUS_SUCCESS;
}

/*
 * KMDF's removal order for power-managed queues: queued requests fail
 * (ENODEV), requests the driver owns are waited for (a driver without
 * EvtIoStop), and D0ExitPreInterruptsDisabled comes only after the last
 * of them completed. (A driver ends its running I/O at removal through
 * EvtIoStop, as the PLX core does: kunit/plx plx_remove_ends_transfers.)
 */
static void q_remove_d0exit_after_owned_requests(struct kunit *test)
{
	struct wdft_device *wd = wdft_device_alloc(test);
	struct qfix *fx = kunit_kzalloc(test, sizeof(*fx), GFP_KERNEL);
	PWDF_PNPPOWER_EVENT_CALLBACKS pnp = kunit_kzalloc(test, sizeof(*pnp),
							  GFP_KERNEL);
	unsigned long u = q_user(test, PAGE_SIZE, PROT_READ | PROT_WRITE);
	struct wdf_test_io *a, *b;
	struct task_struct *t;
	struct q_race *r;

	KUNIT_ASSERT_NOT_NULL(test, fx);
	KUNIT_ASSERT_NOT_NULL(test, pnp);
	WDF_PNPPOWER_EVENT_CALLBACKS_INIT(pnp);
	pnp->EvtDeviceD0ExitPreInterruptsDisabled = q_d0_exit_pre_record;
	init_completion(&fx->present);
	fx->mode = Q_HOLD;
	fx->status = STATUS_SUCCESS;
	fx->wd = wd;
	wd->priv = fx;
	wd->add = q_add;
	wd->pnp = pnp;
	wd->scope = WdfSynchronizationScopeDevice;
	KUNIT_ASSERT_EQ(test, wdft_device_start(test, wd, NULL, 0), STATUS_SUCCESS);

	a = wdf_test_io_submit(wd->device, WdfRequestTypeWrite, u, 10, 0, 0, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(a));
	KUNIT_ASSERT_TRUE(test, wait_for_completion_timeout(&fx->present, HZ * 5));
	b = wdf_test_io_submit(wd->device, WdfRequestTypeWrite, u, 20, 0, 0, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(b));

	r = q_race_start(test, fx);
	t = kthread_run(q_remover, r, "wdft-remover");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	/* the queued one fails at once, the owned one is waited for */
	KUNIT_EXPECT_EQ(test, wdf_test_io_wait(b, 5000), (long)-ENODEV);
	KUNIT_EXPECT_EQ(test, wdf_test_io_wait(a, 300), (long)-ETIMEDOUT);
	KUNIT_EXPECT_EQ(test, fx->d0exit_calls, 0);
	KUNIT_EXPECT_FALSE(test, completion_done(&r->removed));

	fx->ended = true;
	WdfRequestComplete(fx->held[0], STATUS_IO_DEVICE_ERROR);
	KUNIT_EXPECT_EQ(test, wdf_test_io_wait(a, 5000), (long)-EIO);
	KUNIT_EXPECT_TRUE(test, wait_for_completion_timeout(&r->removed, HZ * 10));
	KUNIT_EXPECT_EQ(test, fx->d0exit_calls, 1);
	KUNIT_EXPECT_FALSE(test, fx->d0exit_with_owned);
	KUNIT_EXPECT_EQ(test, fx->presented, 1);
}

/*
 * Anonymous pages of the test's address space that are resident (faulted
 * in): the exact sum, not get_mm_counter()'s batched approximation.
 */
static unsigned long q_rss(void)
{
	return percpu_counter_sum_positive(&current->mm->rss_stat[MM_ANONPAGES]);
}

static struct qfix *qfix_start_limits(struct kunit *test, ULONGLONG size,
				      size_t max_len)
{
	struct wdft_device *wd = wdft_device_alloc(test);
	struct qfix *fx = kunit_kzalloc(test, sizeof(*fx), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, fx);
	init_completion(&fx->present);
	fx->mode = Q_COMPLETE;
	fx->dev_size = size;
	fx->max_len = max_len;
	fx->wd = wd;
	wd->priv = fx;
	wd->add = q_add;
	wd->scope = WdfSynchronizationScopeDevice;
	KUNIT_ASSERT_EQ(test, wdft_device_start(test, wd, NULL, 0), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, fx->st_limits_size, STATUS_INFO_LENGTH_MISMATCH);
	KUNIT_EXPECT_EQ(test, fx->st_limits, STATUS_SUCCESS);
	return fx;
}

/*
 * Issue 9, defect 3: a read/write longer than the device's
 * MaximumTransferLength fails with EINVAL before a single page of the
 * buffer is faulted in or pinned, and never reaches the driver.
 */
static void q_limit_refuses_before_pinning(struct kunit *test)
{
	const size_t max = 16 * PAGE_SIZE, big = 256 * PAGE_SIZE;
	struct qfix *fx = qfix_start_limits(test, 0, max);
	unsigned long u = q_user(test, big, PROT_READ | PROT_WRITE);
	WDF_DEVICE_IO_LIMITS lim;
	unsigned long rss0;

	rss0 = q_rss();
	KUNIT_EXPECT_EQ(test, q_io(test, fx, WdfRequestTypeRead, u, big, 0, 0),
			(long)-EINVAL);
	KUNIT_EXPECT_EQ(test, q_io(test, fx, WdfRequestTypeWrite, u, max + 1, 0, 0),
			(long)-EINVAL);
	KUNIT_EXPECT_EQ(test, fx->presented, 0);
	/* nothing was faulted in (a read pins with FOLL_WRITE) */
	KUNIT_EXPECT_EQ(test, q_rss(), rss0);
	/* at the limit: pinned and presented */
	fx->info = max;
	KUNIT_EXPECT_EQ(test, q_io(test, fx, WdfRequestTypeRead, u, max, 0, 0),
			(long)max);
	KUNIT_EXPECT_EQ(test, fx->presented, 1);
	KUNIT_EXPECT_EQ(test, fx->length, max);
	KUNIT_EXPECT_EQ(test, q_rss(), rss0 + max / PAGE_SIZE);
	/* fixed once the device has started */
	WDF_DEVICE_IO_LIMITS_INIT(&lim);
	KUNIT_EXPECT_EQ(test, WdfDeviceSetIoLimits(fx->wd->device, &lim),
			STATUS_INVALID_DEVICE_STATE);
	KUNIT_EXPECT_EQ(test, q_io(test, fx, WdfRequestTypeRead, u, big, 0, 0),
			(long)-EINVAL);
}

/*
 * Issue 9, defects 3 and 5: with a DeviceSize the node is a file: a read
 * at or past the end is 0 and a write there ENOSPC, both without a
 * request; one crossing the end is shortened before pinning (a huge read
 * pins only what is left of the device).
 */
static void q_device_size_shortens_before_pinning(struct kunit *test)
{
	const size_t size = 8 * PAGE_SIZE, big = 256 * PAGE_SIZE;
	struct qfix *fx = qfix_start_limits(test, size, 0);
	unsigned long u = q_user(test, big, PROT_READ | PROT_WRITE);
	unsigned long rss0;

	rss0 = q_rss();
	fx->info = big;	/* the driver reports all it was given */
	KUNIT_EXPECT_EQ(test, q_io(test, fx, WdfRequestTypeRead, u, big, 0, 0),
			(long)size);
	KUNIT_EXPECT_EQ(test, fx->presented, 1);
	KUNIT_EXPECT_EQ(test, fx->length, size);
	KUNIT_EXPECT_EQ(test, fx->params.Parameters.Read.Length, size);
	KUNIT_EXPECT_EQ(test, q_rss(), rss0 + size / PAGE_SIZE);
	/* crossing the end: short, at the given offset */
	KUNIT_EXPECT_EQ(test, q_io(test, fx, WdfRequestTypeWrite, u, 1000,
				   size - 100, 0), 100L);
	KUNIT_EXPECT_EQ(test, fx->length, (size_t)100);
	KUNIT_EXPECT_EQ(test, fx->params.Parameters.Write.DeviceOffset,
			(LONGLONG)(size - 100));
	KUNIT_EXPECT_EQ(test, fx->presented, 2);
	/* at and past the end */
	KUNIT_EXPECT_EQ(test, q_io(test, fx, WdfRequestTypeRead, u, 10, size, 0), 0L);
	KUNIT_EXPECT_EQ(test, q_io(test, fx, WdfRequestTypeRead, u, 10, size + 1, 0), 0L);
	KUNIT_EXPECT_EQ(test, q_io(test, fx, WdfRequestTypeWrite, u, 10, size, 0),
			(long)-ENOSPC);
	KUNIT_EXPECT_EQ(test, q_io(test, fx, WdfRequestTypeWrite, u, 10, size + 4096, 0),
			(long)-ENOSPC);
	/* 0 bytes at the end: 0, as for any 0-byte write */
	KUNIT_EXPECT_EQ(test, q_io(test, fx, WdfRequestTypeWrite, u, 0, size, 0), 0L);
	/* a negative offset never reaches the driver */
	KUNIT_EXPECT_EQ(test, q_io(test, fx, WdfRequestTypeRead, u, 10, -1, 0),
			(long)-EINVAL);
	KUNIT_EXPECT_EQ(test, fx->presented, 2);
}

static struct kunit_case wdf_queue_cases[] = {
	KUNIT_CASE(q_queue_configuration_refusals),
	KUNIT_CASE(q_zero_length_never_reaches_driver),
	KUNIT_CASE(q_zero_length_allowed_reaches_driver),
	KUNIT_CASE(q_zero_length_allowed_per_queue),
	KUNIT_CASE(q_bad_user_buffer_is_efault),
	KUNIT_CASE(q_write_presents_pinned_user_buffer),
	KUNIT_CASE(q_mdl_page_array_small_and_large),
	KUNIT_CASE(q_read_output_reaches_user),
	KUNIT_CASE_PARAM(q_completion_status_becomes_errno, q_status_gen_params),
	KUNIT_CASE(q_information_is_the_return_value),
	KUNIT_CASE(q_delete_refused_on_request_and_queue),
	KUNIT_CASE(q_sequential_queue_presents_one_at_a_time),
	KUNIT_CASE(q_parallel_queue_presents_both),
	KUNIT_CASE(q_ioctl_is_method_buffered),
	KUNIT_CASE(q_ioctl_errors),
	KUNIT_CASE(q_ioctl_unknown_is_enotty_whatever_the_pointer),
	KUNIT_CASE(q_request_file_object_access),
	KUNIT_CASE(q_signal_calls_cancel_routine),
	KUNIT_CASE(q_signal_after_progress_returns_bytes),
	KUNIT_CASE(q_stop_signal_does_not_cancel),
	KUNIT_CASE(q_initialize_using_request),
	KUNIT_CASE(q_ioctl_request_cannot_feed_dma),
	KUNIT_CASE(q_direct_ioctl_feeds_dma),
	KUNIT_CASE(q_direct_ioctl_dma_refusals),
	KUNIT_CASE(q_initialize_using_empty_request),
	KUNIT_CASE(q_remove_drain_with_signalled_waiter),
	KUNIT_CASE(q_io_end_then_remove),
	KUNIT_CASE(q_remove_d0exit_after_owned_requests),
	KUNIT_CASE(q_sequential_queue_is_fifo),
	KUNIT_CASE(q_limit_refuses_before_pinning),
	KUNIT_CASE(q_device_size_shortens_before_pinning),
	{}
};

static struct kunit_suite wdf_queue_suite = {
	.name = "wdf_queue",
	.test_cases = wdf_queue_cases,
};
kunit_test_suite(wdf_queue_suite);
