// SPDX-License-Identifier: GPL-2.0-only
/*
 * wdf_request.c - WDFREQUEST: one read, write or ioctl of a caller.
 *
 * Read/write (WdfDeviceIoDirect): the user buffer is pinned with
 * pin_user_pages_fast (FOLL_WRITE for reads) into an MDL before the
 * driver sees the request; a bad pointer fails with -EFAULT. The caller's
 * thread waits interruptibly; the pages are unpinned (dirty for reads) by
 * that thread once the driver has completed the request, so the driver
 * may complete from any context. A 0-byte read/write exists only for a
 * queue with AllowZeroLengthRequests: no MDL, the Retrieve* calls return
 * STATUS_BUFFER_TOO_SMALL.
 *
 * Ioctl, METHOD_IN_DIRECT / METHOD_OUT_DIRECT (a command made with
 * WDF_IOC_IN_DIRECT / WDF_IOC_OUT_DIRECT, wdfioctl.h): the argument is a
 * struct wdf_ioctl_direct; its input buffer is copied in as below, its
 * output buffer pinned into an MDL before the driver sees the request (a
 * bad struct or output pointer: -EFAULT at once); nothing is copied back,
 * the Information is written to its returned field on success.
 *
 * Ioctl, otherwise: METHOD_BUFFERED. The lengths come from the command number: with
 * _IOC_WRITE the input length is _IOC_SIZE(cmd), with _IOC_READ the output
 * length is _IOC_SIZE(cmd); a command without direction bits
 * (_IOC_NONE, e.g. a Windows CTL_CODE) has no buffers. Before the driver
 * sees the request the input is copied in and the output buffer is
 * checked writable without writing to it (fault_in_safe_writeable). A
 * bad pointer does not stop the request: the driver sees the command
 * first (an unknown one fails with ENOTTY whatever the pointer), and
 * WdfRequestRetrieveInput/OutputBuffer of a buffer that faulted return
 * STATUS_INVALID_USER_BUFFER (EFAULT). On success (or a warning status)
 * min(Information, output length) bytes are copied back. A successful
 * ioctl returns 0.
 *
 * Every request carries a file object (WdfRequestGetFileObject) with the
 * access the file was opened with, for the driver's own access checks.
 *
 * Signals: only a fatal signal or one that runs a user handler ends the
 * wait; a stop (Ctrl-Z), SIGCONT, a debugger attaching and the freezer
 * never abort or shorten a transfer (the caller sleeps on, killable and
 * freezable, and stops or freezes when it returns). A request still
 * waiting in its queue is dropped (-ERESTARTSYS: nothing was done). A
 * presented one gets its cancel routine if it is cancelable
 * (WdfRequestMarkCancelableEx), then the caller waits (uninterruptibly)
 * for the driver to complete it; completed with STATUS_CANCELLED a
 * read/write returns the bytes already moved (Information; POSIX), or
 * -ERESTARTSYS if none (user space sees EINTR unless SA_RESTART); an
 * ioctl -ERESTARTSYS / -EINTR; completed with another status, its normal
 * result.
 */
#include <linux/export.h>
#include <linux/freezer.h>
#include <linux/highmem.h>
#include <linux/ioctl.h>
#include <linux/pagemap.h>
#include <linux/rcupdate.h>
#include <linux/sched/signal.h>
#include <linux/signal.h>
#include <linux/uaccess.h>
#include "wdf_internal.h"

/* A METHOD_*_DIRECT ioctl: read the argument, copy in, pin the output. */
static int wdf_request_direct(struct wdf_request *req, unsigned long addr,
			      bool kernel, unsigned int cmd)
{
	bool out_direct = WDF_IOCTL_METHOD(cmd) == METHOD_OUT_DIRECT;
	struct wdf_ioctl_direct a;
	int err = 0;

	if (kernel)
		memcpy(&a, (void *)addr, sizeof(a));
	else if (copy_from_user(&a, (void __user *)addr, sizeof(a)))
		return -EFAULT;
	if (a.in_len > WDF_IOC_DIRECT_MAX_IN || a.out_len > MAX_RW_COUNT)
		return -EINVAL;
	req->direct = true;
	req->user_arg = addr;
	req->params.Parameters.DeviceIoControl.InputBufferLength = a.in_len;
	req->params.Parameters.DeviceIoControl.OutputBufferLength = a.out_len;
	if (a.in_len) {
		req->sysbuf = kzalloc(a.in_len, GFP_KERNEL);
		if (!req->sysbuf)
			return -ENOMEM;
		req->sysbuf_len = a.in_len;
		if (kernel)
			memcpy(req->sysbuf, (void *)(uintptr_t)a.in, a.in_len);
		else if (copy_from_user(req->sysbuf, u64_to_user_ptr(a.in),
					a.in_len))
			req->in_fault = true;
	}
	if (!a.out_len)
		return 0;
	if (kernel) {
		req->mdl = IoAllocateMdl((PVOID)(uintptr_t)a.out, a.out_len,
					 FALSE, FALSE, NULL);
		return req->mdl ? 0 : -ENOMEM;
	}
	/* OUT_DIRECT: the device writes the pages (dirty on unpin) */
	req->mdl = wdf_mdl_pin_user(&req->user_mdl, (unsigned long)a.out,
				    a.out_len, out_direct, &err);
	return req->mdl ? 0 : err;
}

/**
 * wdf_request_create() - a new request with its buffer pinned / copied.
 * @d: the device
 * @type: Read, Write or DeviceControl
 * @addr: user address, or kernel address with @kernel
 * @len: read/write length (0 only for a queue with AllowZeroLengthRequests:
 *	then there is no buffer and no MDL)
 * @off: file offset
 * @cmd: ioctl command
 * @kernel: @addr is a kernel pointer
 *
 * Return: the request or an ERR_PTR.
 */
struct wdf_request *wdf_request_create(struct wdf_device *d,
				       WDF_REQUEST_TYPE type,
				       unsigned long addr, size_t len,
				       loff_t off, unsigned int cmd,
				       bool kernel)
{
	struct wdf_request *req;
	size_t size;
	NTSTATUS st;
	int err = 0;

	req = wdf_object_alloc(sizeof(*req), WDF_TYPE_REQUEST, NULL, NULL, &st);
	if (!req)
		return ERR_PTR(-ENOMEM);
	req->obj.no_delete = true;
	req->device = d;
	req->kernel_buffer = kernel;
	spin_lock_init(&req->lock);
	init_completion(&req->done);
	INIT_LIST_HEAD(&req->qnode);
	INIT_LIST_HEAD(&req->onode);
	atomic_set(&req->stop_holds, 0);
	req->status = STATUS_PENDING;
	req->file.obj.magic = WDF_OBJECT_MAGIC;
	req->file.obj.type = WDF_TYPE_FILE_OBJECT;
	req->file.obj.no_delete = true;
	INIT_LIST_HEAD(&req->file.obj.children);
	INIT_LIST_HEAD(&req->file.obj.sibling);
	req->file.wdm.ReadAccess = TRUE;
	req->file.wdm.WriteAccess = TRUE;
	req->params.Size = sizeof(req->params);
	req->params.Type = type;

	switch (type) {
	case WdfRequestTypeRead:
	case WdfRequestTypeWrite:
		if (len > MAX_RW_COUNT) {
			err = -EINVAL;
			break;
		}
		/* Read and Write have the same layout */
		req->params.Parameters.Read.Length = len;
		req->params.Parameters.Read.DeviceOffset = off;
		if (!len)
			break;	/* nothing to pin, no MDL (as an empty IRP) */
		if (kernel) {
			req->mdl = IoAllocateMdl((PVOID)addr, len, FALSE, FALSE,
						 NULL);
			if (!req->mdl)
				err = -ENOMEM;
		} else {
			req->mdl = wdf_mdl_pin_user(&req->user_mdl, addr, len,
						    type == WdfRequestTypeRead,
						    &err);
		}
		break;
	case WdfRequestTypeDeviceControl:
		req->params.Parameters.DeviceIoControl.IoControlCode = cmd;
		if (WDF_IOCTL_METHOD(cmd) != METHOD_BUFFERED) {
			err = wdf_request_direct(req, addr, kernel, cmd);
			break;
		}
		size = _IOC_DIR(cmd) == _IOC_NONE ? 0 : _IOC_SIZE(cmd);
		if (_IOC_DIR(cmd) & _IOC_WRITE)
			req->params.Parameters.DeviceIoControl.InputBufferLength =
				size;
		if (_IOC_DIR(cmd) & _IOC_READ)
			req->params.Parameters.DeviceIoControl.OutputBufferLength =
				size;
		req->user_arg = addr;
		if (!size)
			break;
		req->sysbuf = kzalloc(size, GFP_KERNEL);
		if (!req->sysbuf) {
			err = -ENOMEM;
			break;
		}
		req->sysbuf_len = size;
		/* a fault is the driver's to report, once it knows the command */
		if (_IOC_DIR(cmd) & _IOC_WRITE) {
			if (kernel)
				memcpy(req->sysbuf, (void *)addr, size);
			else if (copy_from_user(req->sysbuf,
						(void __user *)addr, size))
				req->in_fault = true;
		}
		/*
		 * As the I/O manager probes a METHOD_BUFFERED output buffer:
		 * without writing to it (fault_in_safe_writeable uses GUP).
		 */
		if ((_IOC_DIR(cmd) & _IOC_READ) && !kernel &&
		    fault_in_safe_writeable((const char __user *)addr, size))
			req->out_fault = true;
		break;
	default:
		err = -EINVAL;
		break;
	}
	if (err) {
		wdf_mdl_free(req->mdl);
		kfree(req->sysbuf);
		wdf_object_delete(&req->obj);
		return ERR_PTR(err);
	}
	return req;
}

/**
 * wdf_request_set_access() - the access of the file the request came
 * through (its FILE_OBJECT; both by default).
 * @req: a new request
 * @read: opened for reading
 * @write: opened for writing
 */
void wdf_request_set_access(struct wdf_request *req, bool read, bool write)
{
	req->file.wdm.ReadAccess = read;
	req->file.wdm.WriteAccess = write;
}

static void wdf_request_signal_done(struct wdf_request *req)
{
	complete(&req->done);
}

/**
 * wdf_request_fail() - complete a request the driver never saw.
 * @req: the request
 * @status: its status
 */
void wdf_request_fail(struct wdf_request *req, NTSTATUS status)
{
	unsigned long flags;

	spin_lock_irqsave(&req->lock, flags);
	req->state = WDF_REQ_COMPLETED;
	req->status = status;
	spin_unlock_irqrestore(&req->lock, flags);
	wdf_request_signal_done(req);
}

/**
 * wdf_request_wait() - wait for completion.
 * @req: the request
 * @interruptible: a signal ends the wait (-ERESTARTSYS)
 * @timeout_jiffies: 0 = forever
 *
 * Return: 0 when completed, -ETIMEDOUT or -ERESTARTSYS.
 */
long wdf_request_wait(struct wdf_request *req, bool interruptible,
		      unsigned long timeout_jiffies)
{
	long t = timeout_jiffies ? timeout_jiffies : MAX_SCHEDULE_TIMEOUT;
	long r;

	if (interruptible)
		r = wait_for_completion_interruptible_timeout(&req->done, t);
	else
		r = wait_for_completion_timeout(&req->done, t);
	if (r < 0)
		return -ERESTARTSYS;
	return r ? 0 : -ETIMEDOUT;
}

/**
 * wdf_request_cancel_and_wait() - what a signal does (see file comment).
 * @req: the request
 *
 * Return: 0; the request is complete afterwards.
 */
long wdf_request_cancel_and_wait(struct wdf_request *req)
{
	struct wdf_device *d = req->device;
	PFN_WDF_REQUEST_CANCEL cb = NULL;
	unsigned long flags;

	req->signalled = true;
	/* first: a forward racing with us must see it (wdf_queue.c) */
	spin_lock_irqsave(&req->lock, flags);
	req->cancel_requested = true;
	spin_unlock_irqrestore(&req->lock, flags);
	if (wdf_queue_cancel_pending(req)) {
		/* waiting in a queue (also a manual one): the shim completes it */
		req->never_presented = true;
		wdf_request_fail(req, STATUS_CANCELLED);
		return 0;
	}
	spin_lock_irqsave(&req->lock, flags);
	if (req->state == WDF_REQ_PRESENTED && req->cancel &&
	    !req->cancel_called) {
		cb = req->cancel;
		req->cancel = NULL;
		req->cancel_called = true;
	}
	spin_unlock_irqrestore(&req->lock, flags);
	if (cb) {
		bool ser = req->queue && req->queue->serialized;
		struct wdf_log_scope ls;

		wdf_log_enter(&ls, d->dev);
		if (ser)
			mutex_lock(&d->sync_lock);
		cb(req);
		if (ser)
			mutex_unlock(&d->sync_lock);
		wdf_log_leave(&ls);
	}
	wait_for_completion(&req->done);
	return 0;
}

/**
 * wdf_request_finish() - copy out, unpin, free; the syscall's result.
 * @req: a completed request
 *
 * Return: bytes (read/write), 0 (ioctl) or a negative errno.
 */
long wdf_request_finish(struct wdf_request *req)
{
	NTSTATUS st = req->status;
	ULONG_PTR info = req->information;
	long res;

	/* an EvtIoStop call may still use it (wdf_queue_stop_owned) */
	wait_var_event(&req->stop_holds, !atomic_read(&req->stop_holds));
	if (req->never_presented && req->signalled) {
		res = -ERESTARTSYS;
	} else if (req->signalled && st == STATUS_CANCELLED &&
		   (!info || req->params.Type == WdfRequestTypeDeviceControl)) {
		res = info ? -EINTR : -ERESTARTSYS;
	} else if (req->params.Type == WdfRequestTypeDeviceControl &&
		   req->direct) {
		u64 ret = info;
		unsigned long at = req->user_arg +
				   offsetof(struct wdf_ioctl_direct, returned);

		res = NT_SUCCESS(st) ? 0 : wdf_status_to_errno_ioctl(st);
		if (NT_SUCCESS(st) || NT_WARNING(st)) {
			if (req->kernel_buffer)
				memcpy((void *)at, &ret, sizeof(ret));
			else if (copy_to_user((void __user *)at, &ret,
					      sizeof(ret)))
				res = -EFAULT;
		}
	} else if (req->params.Type == WdfRequestTypeDeviceControl) {
		size_t out = req->params.Parameters.DeviceIoControl.OutputBufferLength;

		res = NT_SUCCESS(st) ? 0 : wdf_status_to_errno_ioctl(st);
		if ((NT_SUCCESS(st) || NT_WARNING(st)) && out && info &&
		    req->sysbuf && !req->out_fault) {
			size_t n = min_t(size_t, info, out);

			if (req->kernel_buffer)
				memcpy((void *)req->user_arg, req->sysbuf, n);
			else if (copy_to_user((void __user *)req->user_arg,
					      req->sysbuf, n))
				res = -EFAULT;
		}
	} else {
		size_t len = req->params.Parameters.Read.Length;

		/* signalled after part of it moved: the bytes moved (POSIX) */
		if (NT_SUCCESS(st) || (req->signalled && st == STATUS_CANCELLED))
			res = (long)min_t(size_t, info, len);
		else
			res = wdf_status_to_errno(st);
	}
	wdf_mdl_free(req->mdl);
	req->mdl = NULL;
	kfree(req->sysbuf);
	req->sysbuf = NULL;
	wdf_object_delete(&req->obj);
	return res;
}

/*
 * Does a pending signal end the wait? A fatal one does, and so does one
 * that will run a user handler (or, with a default action that is not
 * ignore/stop/continue, one a tracer is to see). A stop (Ctrl-Z, SIGSTOP),
 * SIGCONT, an ignored or blocked signal, a ptrace attach or interrupt and
 * the freezer's wake-up do not: those must never abort a transfer.
 */
static bool wdf_signal_ends_wait(void)
{
	/* only the task itself replaces its sighand (exec): stable here */
	struct sighand_struct *sh = rcu_dereference_protected(current->sighand,
							       true);
	bool ends = false;
	sigset_t pend;
	int sig;

	if (fatal_signal_pending(current))
		return true;
	spin_lock_irq(&sh->siglock);
	sigorsets(&pend, &current->pending.signal,
		  &current->signal->shared_pending.signal);
	for (sig = 1; sig <= _NSIG && !ends; sig++) {
		__sighandler_t h = sh->action[sig - 1].sa.sa_handler;

		if (!sigismember(&pend, sig) ||
		    sigismember(&current->blocked, sig) || h == SIG_IGN)
			continue;
		if (h == SIG_DFL && (sig_kernel_ignore(sig) ||
				     sig_kernel_stop(sig) || sig == SIGCONT))
			continue;
		ends = true;
	}
	spin_unlock_irq(&sh->siglock);
	return ends;
}

#ifndef TASK_FREEZABLE
#define TASK_FREEZABLE 0	/* kernels before the freezer rewrite */
#endif

/*
 * A signal is pending that must not end the transfer: sleep (killable,
 * freezable) for a while or until the request completes, then look again.
 */
static void wdf_request_wait_through(struct wdf_request *req)
{
	set_current_state(TASK_KILLABLE | TASK_FREEZABLE);
	if (!completion_done(&req->done))
		schedule_timeout(HZ / 20);
	__set_current_state(TASK_RUNNING);
	try_to_freeze();
}

/**
 * wdf_request_wait_signals() - wait for completion as a read/write/ioctl
 * caller does: a fatal or handled signal cancels the request (see the
 * file comment); stops, ptrace and the freezer let it run on.
 * @req: a submitted request
 */
void wdf_request_wait_signals(struct wdf_request *req)
{
	for (;;) {
		if (!wait_for_completion_interruptible(&req->done))
			return;
		if (wdf_signal_ends_wait()) {
			wdf_request_cancel_and_wait(req);
			return;
		}
		wdf_request_wait_through(req);
	}
}

/**
 * wdf_request_run() - submit, wait (signals as wdf_request_wait_signals),
 * finish.
 * @req: a new request
 *
 * Return: as wdf_request_finish().
 */
long wdf_request_run(struct wdf_request *req)
{
	wdf_queue_submit(req);
	wdf_request_wait_signals(req);
	return wdf_request_finish(req);
}

static struct wdf_request *wdf_req(WDFREQUEST h, const char *fn)
{
	return (struct wdf_request *)wdf_object_get(h, WDF_TYPE_REQUEST, fn);
}

void WdfRequestCompleteWithInformation(WDFREQUEST Request, NTSTATUS Status,
				       ULONG_PTR Information)
{
	struct wdf_request *req = wdf_req(Request, __func__);
	unsigned long flags;

	if (!req)
		return;
	spin_lock_irqsave(&req->lock, flags);
	if (WDF_WARN_ONCE(req->state == WDF_REQ_COMPLETED,
			  "request completed twice\n")) {
		spin_unlock_irqrestore(&req->lock, flags);
		return;
	}
	req->information = Information;
	req->status = Status;
	req->state = WDF_REQ_COMPLETED;
	req->cancel = NULL;
	spin_unlock_irqrestore(&req->lock, flags);
	wdf_queue_request_done(req);
	wdf_request_signal_done(req);
}
EXPORT_SYMBOL_GPL(WdfRequestCompleteWithInformation);

void WdfRequestComplete(WDFREQUEST Request, NTSTATUS Status)
{
	struct wdf_request *req = wdf_req(Request, __func__);

	if (!req)
		return;
	WdfRequestCompleteWithInformation(Request, Status, req->information);
}
EXPORT_SYMBOL_GPL(WdfRequestComplete);

void WdfRequestSetInformation(WDFREQUEST Request, ULONG_PTR Information)
{
	struct wdf_request *req = wdf_req(Request, __func__);

	if (req)
		req->information = Information;
}
EXPORT_SYMBOL_GPL(WdfRequestSetInformation);

ULONG_PTR WdfRequestGetInformation(WDFREQUEST Request)
{
	struct wdf_request *req = wdf_req(Request, __func__);

	return req ? req->information : 0;
}
EXPORT_SYMBOL_GPL(WdfRequestGetInformation);

NTSTATUS WdfRequestGetStatus(WDFREQUEST Request)
{
	struct wdf_request *req = wdf_req(Request, __func__);

	return req ? req->status : STATUS_INVALID_HANDLE;
}
EXPORT_SYMBOL_GPL(WdfRequestGetStatus);

void WdfRequestGetParameters(WDFREQUEST Request,
			     PWDF_REQUEST_PARAMETERS Parameters)
{
	struct wdf_request *req = wdf_req(Request, __func__);

	if (!req || WDF_WARN_ONCE(!Parameters, "%s: NULL parameters\n",
				  __func__))
		return;
	*Parameters = req->params;
}
EXPORT_SYMBOL_GPL(WdfRequestGetParameters);

static NTSTATUS wdf_request_buffer(struct wdf_request *req, bool output,
				   size_t min_size, PVOID *buffer,
				   size_t *length)
{
	WDF_REQUEST_PARAMETERS *p = &req->params;
	size_t len;
	void *va;

	*buffer = NULL;
	if (length)
		*length = 0;
	if (req->state == WDF_REQ_COMPLETED)
		return STATUS_INTERNAL_ERROR;
	switch (p->Type) {
	case WdfRequestTypeRead:
	case WdfRequestTypeWrite:
		if ((p->Type == WdfRequestTypeRead) != output)
			return STATUS_INVALID_DEVICE_REQUEST;
		len = p->Parameters.Read.Length;
		if (!len || len < min_size)
			return STATUS_BUFFER_TOO_SMALL;
		if (!req->mdl)
			return STATUS_INVALID_DEVICE_REQUEST;
		va = wdf_mdl_map(req->mdl);
		if (!va)
			return STATUS_INSUFFICIENT_RESOURCES;
		break;
	case WdfRequestTypeDeviceControl:
		len = output ? p->Parameters.DeviceIoControl.OutputBufferLength :
			       p->Parameters.DeviceIoControl.InputBufferLength;
		if (!len || len < min_size)
			return STATUS_BUFFER_TOO_SMALL;
		if (output && req->direct) {
			if (!req->mdl)
				return STATUS_INVALID_DEVICE_REQUEST;
			va = wdf_mdl_map(req->mdl);
			if (!va)
				return STATUS_INSUFFICIENT_RESOURCES;
			break;
		}
		if (output ? req->out_fault : req->in_fault)
			return STATUS_INVALID_USER_BUFFER;
		va = req->sysbuf;
		break;
	default:
		return STATUS_INVALID_DEVICE_REQUEST;
	}
	*buffer = va;
	if (length)
		*length = len;
	return STATUS_SUCCESS;
}

/* WdfRequestRetrieveInput/OutputBuffer: @fn names the caller. */
static NTSTATUS wdf_request_retrieve_buffer(WDFREQUEST Request, bool output,
					    size_t MinimumRequiredSize,
					    PVOID *Buffer, size_t *Length,
					    const char *fn)
{
	struct wdf_request *req = wdf_req(Request, fn);

	if (WDF_WARN_ONCE(!Buffer, "%s: NULL Buffer\n", fn))
		return STATUS_INVALID_PARAMETER;
	if (!req) {
		*Buffer = NULL;
		return STATUS_INVALID_HANDLE;
	}
	return wdf_request_buffer(req, output, MinimumRequiredSize, Buffer,
				  Length);
}

NTSTATUS WdfRequestRetrieveOutputBuffer(WDFREQUEST Request,
					size_t MinimumRequiredSize,
					PVOID *Buffer, size_t *Length)
{
	return wdf_request_retrieve_buffer(Request, true, MinimumRequiredSize,
					   Buffer, Length, __func__);
}
EXPORT_SYMBOL_GPL(WdfRequestRetrieveOutputBuffer);

NTSTATUS WdfRequestRetrieveInputBuffer(WDFREQUEST Request,
				       size_t MinimumRequiredSize,
				       PVOID *Buffer, size_t *Length)
{
	return wdf_request_retrieve_buffer(Request, false, MinimumRequiredSize,
					   Buffer, Length, __func__);
}
EXPORT_SYMBOL_GPL(WdfRequestRetrieveInputBuffer);

static NTSTATUS wdf_request_mdl(WDFREQUEST Request, PMDL *Mdl,
				WDF_REQUEST_TYPE want, const char *fn)
{
	struct wdf_request *req = wdf_req(Request, fn);

	if (WDF_WARN_ONCE(!Mdl, "%s: NULL Mdl\n", fn))
		return STATUS_INVALID_PARAMETER;
	*Mdl = NULL;
	if (!req)
		return STATUS_INVALID_HANDLE;
	if (req->state == WDF_REQ_COMPLETED)
		return STATUS_INTERNAL_ERROR;
	if (want == WdfRequestTypeRead && req->direct) {
		/* the output buffer of a METHOD_*_DIRECT ioctl */
		if (!req->params.Parameters.DeviceIoControl.OutputBufferLength)
			return STATUS_BUFFER_TOO_SMALL;
	} else if (req->params.Type != want) {
		return STATUS_INVALID_DEVICE_REQUEST;
	} else if (!req->params.Parameters.Read.Length) {
		/* a 0-byte read/write (AllowZeroLengthRequests) has no MDL */
		return STATUS_BUFFER_TOO_SMALL;
	}
	if (!req->mdl)
		return STATUS_INVALID_DEVICE_REQUEST;
	*Mdl = req->mdl;
	return STATUS_SUCCESS;
}

NTSTATUS WdfRequestRetrieveInputWdmMdl(WDFREQUEST Request, PMDL *Mdl)
{
	return wdf_request_mdl(Request, Mdl, WdfRequestTypeWrite, __func__);
}
EXPORT_SYMBOL_GPL(WdfRequestRetrieveInputWdmMdl);

NTSTATUS WdfRequestRetrieveOutputWdmMdl(WDFREQUEST Request, PMDL *Mdl)
{
	return wdf_request_mdl(Request, Mdl, WdfRequestTypeRead, __func__);
}
EXPORT_SYMBOL_GPL(WdfRequestRetrieveOutputWdmMdl);

NTSTATUS WdfRequestMarkCancelableEx(WDFREQUEST Request,
				    PFN_WDF_REQUEST_CANCEL EvtRequestCancel)
{
	struct wdf_request *req = wdf_req(Request, __func__);
	unsigned long flags;
	NTSTATUS st = STATUS_SUCCESS;

	if (!req)
		return STATUS_INVALID_HANDLE;
	if (WDF_WARN_ONCE(!EvtRequestCancel, "%s: NULL callback\n", __func__))
		return STATUS_INVALID_PARAMETER;
	spin_lock_irqsave(&req->lock, flags);
	if (req->state != WDF_REQ_PRESENTED)
		st = STATUS_INVALID_DEVICE_STATE;
	else if (req->cancel_requested)
		st = STATUS_CANCELLED;
	else
		req->cancel = EvtRequestCancel;
	spin_unlock_irqrestore(&req->lock, flags);
	return st;
}
EXPORT_SYMBOL_GPL(WdfRequestMarkCancelableEx);

void WdfRequestMarkCancelable(WDFREQUEST Request,
			      PFN_WDF_REQUEST_CANCEL EvtRequestCancel)
{
	WdfRequestMarkCancelableEx(Request, EvtRequestCancel);
}
EXPORT_SYMBOL_GPL(WdfRequestMarkCancelable);

NTSTATUS WdfRequestUnmarkCancelable(WDFREQUEST Request)
{
	struct wdf_request *req = wdf_req(Request, __func__);
	unsigned long flags;
	NTSTATUS st = STATUS_SUCCESS;

	if (!req)
		return STATUS_INVALID_HANDLE;
	spin_lock_irqsave(&req->lock, flags);
	if (req->cancel_called)
		st = STATUS_CANCELLED;
	else if (!req->cancel)
		st = STATUS_INVALID_DEVICE_STATE;
	else
		req->cancel = NULL;
	spin_unlock_irqrestore(&req->lock, flags);
	return st;
}
EXPORT_SYMBOL_GPL(WdfRequestUnmarkCancelable);

BOOLEAN WdfRequestIsCanceled(WDFREQUEST Request)
{
	struct wdf_request *req = wdf_req(Request, __func__);

	return req ? req->cancel_requested : FALSE;
}
EXPORT_SYMBOL_GPL(WdfRequestIsCanceled);

static NTSTATUS wdf_request_memory(WDFREQUEST Request, bool output,
				   WDFMEMORY *Memory, const char *fn)
{
	struct wdf_request *req = wdf_req(Request, fn);
	WDF_OBJECT_ATTRIBUTES attrs;
	WDFMEMORY *slot, m;
	size_t len;
	NTSTATUS st;
	PVOID va;

	if (WDF_WARN_ONCE(!Memory, "%s: NULL Memory\n", fn))
		return STATUS_INVALID_PARAMETER;
	*Memory = NULL;
	if (!req)
		return STATUS_INVALID_HANDLE;
	st = wdf_request_buffer(req, output, 1, &va, &len);
	if (!NT_SUCCESS(st))
		return st;
	slot = output ? &req->out_mem : &req->in_mem;
	m = READ_ONCE(*slot);
	if (!m) {
		/* a child of the request: deleted with it, not by the driver */
		WDF_OBJECT_ATTRIBUTES_INIT(&attrs);
		attrs.ParentObject = req;
		st = WdfMemoryCreatePreallocated(&attrs, va, len, &m);
		if (!NT_SUCCESS(st))
			return st;
		((struct wdf_object *)m)->no_delete = true;
		if (cmpxchg(slot, NULL, m)) {	/* another thread was first */
			wdf_object_delete((struct wdf_object *)m);
			m = *slot;
		}
	}
	*Memory = m;
	return STATUS_SUCCESS;
}

NTSTATUS WdfRequestRetrieveInputMemory(WDFREQUEST Request, WDFMEMORY *Memory)
{
	return wdf_request_memory(Request, false, Memory, __func__);
}
EXPORT_SYMBOL_GPL(WdfRequestRetrieveInputMemory);

NTSTATUS WdfRequestRetrieveOutputMemory(WDFREQUEST Request, WDFMEMORY *Memory)
{
	return wdf_request_memory(Request, true, Memory, __func__);
}
EXPORT_SYMBOL_GPL(WdfRequestRetrieveOutputMemory);

NTSTATUS WdfRequestForwardToIoQueue(WDFREQUEST Request,
				    WDFQUEUE DestinationQueue)
{
	struct wdf_request *req = wdf_req(Request, __func__);
	struct wdf_queue *dst = WDF_GET(wdf_queue, DestinationQueue,
					WDF_TYPE_QUEUE);
	unsigned long flags;
	bool owned;

	if (!req || !dst)
		return STATUS_INVALID_HANDLE;
	if (!req->queue || dst == req->queue || dst->device != req->device)
		return STATUS_INVALID_DEVICE_REQUEST;
	spin_lock_irqsave(&req->lock, flags);
	owned = req->state == WDF_REQ_PRESENTED && !req->cancel;
	spin_unlock_irqrestore(&req->lock, flags);
	if (!owned)
		return STATUS_INVALID_DEVICE_REQUEST;
	return wdf_queue_forward(req, dst);
}
EXPORT_SYMBOL_GPL(WdfRequestForwardToIoQueue);

void WdfRequestStopAcknowledge(WDFREQUEST Request, BOOLEAN Requeue)
{
	struct wdf_request *req = wdf_req(Request, __func__);

	if (!req)
		return;
	if (WDF_WARN_ONCE(!req->stop_called || req->state != WDF_REQ_PRESENTED,
			  "%s outside EvtIoStop\n", __func__))
		return;
	if (!Requeue)
		return;		/* the driver completes it later */
	if (WDF_WARN_ONCE(req->cancel, "%s: requeue of a cancelable request\n",
			  __func__))
		return;
	/* back into a queue being purged: completed as the purge does */
	WdfRequestComplete(Request, STATUS_NO_SUCH_DEVICE);
}
EXPORT_SYMBOL_GPL(WdfRequestStopAcknowledge);

WDFQUEUE WdfRequestGetIoQueue(WDFREQUEST Request)
{
	struct wdf_request *req = wdf_req(Request, __func__);

	return req ? req->queue : NULL;
}
EXPORT_SYMBOL_GPL(WdfRequestGetIoQueue);

WDFFILEOBJECT WdfRequestGetFileObject(WDFREQUEST Request)
{
	struct wdf_request *req = wdf_req(Request, __func__);

	return req ? &req->file : NULL;
}
EXPORT_SYMBOL_GPL(WdfRequestGetFileObject);

PFILE_OBJECT WdfFileObjectWdmGetFileObject(WDFFILEOBJECT FileObject)
{
	struct wdf_file_object *f = WDF_GET(wdf_file_object, FileObject,
					    WDF_TYPE_FILE_OBJECT);

	return f ? &f->wdm : NULL;
}
EXPORT_SYMBOL_GPL(WdfFileObjectWdmGetFileObject);
