// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: manual queues, request forwarding, EvtIoStop and the request's
 * buffers as WDFMEMORY / METHOD_*_DIRECT ioctls, to the KMDF contract:
 *
 * - WdfIoQueueRetrieveNextRequest: FIFO, STATUS_NO_MORE_ENTRIES when
 *   empty, STATUS_INVALID_DEVICE_REQUEST on a parallel (and, in the shim,
 *   sequential) queue; a manual queue with request callbacks is refused.
 * - WdfRequestForwardToIoQueue: only a request the driver owns, not to its
 *   own queue, not while marked cancelable.
 * - A request waiting in a manual queue is cancelled by its caller's
 *   signal; one the driver took is the driver's (MarkCancelableEx then
 *   says STATUS_CANCELLED). Races of the signal with retrieve and forward
 *   are replayed at the shim's test points: completed exactly once.
 * - Removal: waiting requests fail (ENODEV), requests the driver owns get
 *   EvtIoStop(Purge [| Cancelable]); acknowledge / requeue / complete.
 *   WdfIoQueuePurgeSynchronously the same for one queue (waiting ones
 *   STATUS_CANCELLED), waiting for the owned ones; WdfIoQueueStart.
 * - WdfIoQueueReadyNotify: on empty -> non-empty, under the sync scope.
 * - Retrieve*Memory, Retrieve*Buffer minimum lengths, direct ioctls.
 */
#include <kunit/static_stub.h>
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/ioctl.h>
#include <linux/kthread.h>
#include <linux/lockdep.h>
#include <linux/mman.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/workqueue.h>
#include "wdf_test_util.h"

#define MQ_IOCTL	_IOWR('q', 1, u32)
#define MQ_OUT_DIRECT	WDF_IOC_OUT_DIRECT('q', 2)
#define MQ_IN_DIRECT	WDF_IOC_IN_DIRECT('q', 3)
#define MQ_MAX		8

enum mq_mode {
	MQ_FORWARD,		/* ioctl callback forwards to the manual queue */
	MQ_HOLD,		/* ioctl callback keeps the request */
	MQ_DIRECT,		/* ioctl callback checks the buffers, completes */
};

struct mqfix {
	struct kunit *test;
	struct wdft_device *wd;
	enum mq_mode mode;
	WDFQUEUE par, manual, seq;
	NTSTATUS st_manual_cb;
	WDFQUEUE h_manual_cb;
	NTSTATUS st_forward;
	WDFREQUEST held[MQ_MAX];
	int nheld;
	struct completion present;
	/* ReadyNotify */
	int ready_calls;
	bool ready_sync_held;
	void *ready_ctx;
	struct completion ready;
	/* EvtIoStop, by the request's input value */
	int stops;
	ULONG stop_flags[MQ_MAX];
	WDFQUEUE stop_queue[MQ_MAX];
	struct delayed_work later;
	WDFREQUEST later_req;
	/* MQ_DIRECT: what the driver saw */
	NTSTATUS st_in_buf, st_out_buf, st_out_small, st_out_mdl, st_in_mdl;
	NTSTATUS st_in_mem, st_out_mem, st_out_mem2;
	size_t in_len, out_len, mem_in_size, mem_out_size, mdl_count;
	bool mem_same, same_handle;
	u8 seen[16];
	ULONG_PTR info;
};

static struct mqfix *mq_of(WDFQUEUE q)
{
	struct wdft_device *wd = wdft_of(WdfIoQueueGetDevice(q));

	return wd ? wd->priv : NULL;
}

static u32 mq_value(WDFREQUEST r)
{
	u32 *v;

	if (!NT_SUCCESS(WdfRequestRetrieveInputBuffer(r, sizeof(*v), (PVOID *)&v,
						      NULL)))
		return 0;
	return *v;
}

static void mq_direct(struct mqfix *fx, WDFREQUEST r, ULONG code)
{
	WDFMEMORY min = NULL, mout = NULL, mout2 = NULL;
	PVOID in = NULL, out = NULL, small = NULL;
	size_t ilen = 0, olen = 0, n;
	PMDL mdl = NULL, imdl = NULL;

	fx->st_in_buf = WdfRequestRetrieveInputBuffer(r, 4, &in, &ilen);
	fx->st_out_buf = WdfRequestRetrieveOutputBuffer(r, 1, &out, &olen);
	fx->in_len = ilen;
	fx->out_len = olen;
	fx->st_out_small = WdfRequestRetrieveOutputBuffer(r, olen + 1, &small, NULL);
	fx->st_out_mdl = WdfRequestRetrieveOutputWdmMdl(r, &mdl);
	fx->mdl_count = mdl ? MmGetMdlByteCount(mdl) : 0;
	fx->st_in_mdl = WdfRequestRetrieveInputWdmMdl(r, &imdl);
	fx->st_in_mem = WdfRequestRetrieveInputMemory(r, &min);
	fx->st_out_mem = WdfRequestRetrieveOutputMemory(r, &mout);
	fx->st_out_mem2 = WdfRequestRetrieveOutputMemory(r, &mout2);
	fx->same_handle = mout && mout == mout2;
	if (min)
		WdfMemoryGetBuffer(min, &fx->mem_in_size);
	if (mout)
		fx->mem_same = WdfMemoryGetBuffer(mout, &fx->mem_out_size) == out;
	if (NT_SUCCESS(fx->st_out_buf) && code == MQ_OUT_DIRECT) {
		/* the device writes the caller's pages: no copy back */
		for (n = 0; n < olen; n++)
			((u8 *)out)[n] = (u8)(n ^ 0x5a);
	} else if (NT_SUCCESS(fx->st_out_buf)) {
		/* IN_DIRECT: the device reads the output buffer */
		memcpy(fx->seen, out, min(olen, sizeof(fx->seen)));
	}
	WdfRequestCompleteWithInformation(r, STATUS_SUCCESS, fx->info);
}

static void mq_ioctl(WDFQUEUE q, WDFREQUEST r, size_t out, size_t in, ULONG code)
{
	struct mqfix *fx = mq_of(q);

	switch (fx->mode) {
	case MQ_FORWARD:
		fx->st_forward = WdfRequestForwardToIoQueue(r, fx->manual);
		if (!NT_SUCCESS(fx->st_forward))
			WdfRequestComplete(r, fx->st_forward);
		break;
	case MQ_HOLD:
		if (fx->nheld < MQ_MAX)
			fx->held[fx->nheld++] = r;
		break;
	case MQ_DIRECT:
		mq_direct(fx, r, code);
		break;
	}
	complete(&fx->present);
}

static void mq_cancel(WDFREQUEST r)
{
	WdfRequestComplete(r, STATUS_CANCELLED);
}

static void mq_later(struct work_struct *w)
{
	struct mqfix *fx = container_of(to_delayed_work(w), struct mqfix, later);

	WdfRequestCompleteWithInformation(fx->later_req, STATUS_SUCCESS, 4);
}

/*
 * EvtIoStop by the request's value: 1 unmark + complete (cancelled),
 * 3 acknowledge with requeue, 4 acknowledge and complete 100 ms later.
 */
static void mq_stop(WDFQUEUE q, WDFREQUEST r, ULONG flags)
{
	struct mqfix *fx = mq_of(q);
	u32 v = mq_value(r);

	fx->stops++;
	if (v < MQ_MAX) {
		fx->stop_flags[v] = flags;
		fx->stop_queue[v] = q;
	}
	switch (v) {
	case 1:
		if (WdfRequestUnmarkCancelable(r) != STATUS_CANCELLED)
			WdfRequestComplete(r, STATUS_CANCELLED);
		break;
	case 3:
		WdfRequestStopAcknowledge(r, TRUE);
		break;
	case 4:
		WdfRequestStopAcknowledge(r, FALSE);
		fx->later_req = r;
		schedule_delayed_work(&fx->later, HZ / 10);
		break;
	default:
		WdfRequestComplete(r, STATUS_UNSUCCESSFUL);
		break;
	}
}

static void mq_ready(WDFQUEUE q, WDFCONTEXT ctx)
{
	struct mqfix *fx = mq_of(q);

	fx->ready_calls++;
	fx->ready_ctx = ctx;
	fx->ready_sync_held = lockdep_is_held(wdf_test_device_sync_lock(WdfIoQueueGetDevice(q)));
	complete(&fx->ready);
}

static s32 mq_add(struct wdft_device *wd)
{
	struct mqfix *fx = wd->priv;
	WDF_IO_QUEUE_CONFIG cfg;
	NTSTATUS st;

	WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(&cfg, WdfIoQueueDispatchParallel);
	cfg.EvtIoDeviceControl = mq_ioctl;
	cfg.EvtIoStop = mq_stop;
	st = WdfIoQueueCreate(wd->device, &cfg, NULL, &fx->par);
	if (!NT_SUCCESS(st))
		return st;
	/* KMDF: a manual queue has no request callbacks */
	WDF_IO_QUEUE_CONFIG_INIT(&cfg, WdfIoQueueDispatchManual);
	cfg.EvtIoDeviceControl = mq_ioctl;
	fx->h_manual_cb = (WDFQUEUE)fx;
	fx->st_manual_cb = WdfIoQueueCreate(wd->device, &cfg, NULL, &fx->h_manual_cb);
	WDF_IO_QUEUE_CONFIG_INIT(&cfg, WdfIoQueueDispatchManual);
	cfg.EvtIoStop = mq_stop;
	st = WdfIoQueueCreate(wd->device, &cfg, NULL, &fx->manual);
	if (!NT_SUCCESS(st))
		return st;
	WDF_IO_QUEUE_CONFIG_INIT(&cfg, WdfIoQueueDispatchSequential);
	cfg.EvtIoDeviceControl = mq_ioctl;
	return WdfIoQueueCreate(wd->device, &cfg, NULL, &fx->seq);
}

static void mq_cancel_later(void *data)
{
	struct mqfix *fx = data;

	cancel_delayed_work_sync(&fx->later);
}

static struct mqfix *mq_start(struct kunit *test, enum mq_mode mode)
{
	struct wdft_device *wd = wdft_device_alloc(test);
	struct mqfix *fx = kunit_kzalloc(test, sizeof(*fx), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, fx);
	fx->test = test;
	fx->mode = mode;
	init_completion(&fx->present);
	init_completion(&fx->ready);
	INIT_DELAYED_WORK(&fx->later, mq_later);
	fx->wd = wd;
	wd->priv = fx;
	wd->add = mq_add;
	wd->scope = WdfSynchronizationScopeDevice;
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, mq_cancel_later, fx), 0);
	KUNIT_ASSERT_EQ(test, wdft_device_start(test, wd, NULL, 0), STATUS_SUCCESS);
	return fx;
}

/* An ioctl with a kernel buffer holding @v; the buffer is returned in @buf. */
static struct wdf_test_io *mq_submit(struct kunit *test, struct mqfix *fx, u32 v,
				     u32 **buf)
{
	u32 *b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);
	struct wdf_test_io *io;

	KUNIT_ASSERT_NOT_NULL(test, b);
	*b = v;
	reinit_completion(&fx->present);
	io = wdf_test_io_submit(fx->wd->device, WdfRequestTypeDeviceControl,
				(unsigned long)b, 0, 0, MQ_IOCTL,
				WDF_TEST_IO_KERNEL_BUFFER);
	KUNIT_ASSERT_FALSE(test, IS_ERR(io));
	KUNIT_ASSERT_TRUE(test, wait_for_completion_timeout(&fx->present, HZ * 5));
	if (buf)
		*buf = b;
	return io;
}

/* Take the next request of the manual queue and answer v + 100. */
static WDFREQUEST mq_take(struct kunit *test, struct mqfix *fx)
{
	WDFREQUEST r = (WDFREQUEST)fx;

	KUNIT_ASSERT_EQ(test, WdfIoQueueRetrieveNextRequest(fx->manual, &r),
			STATUS_SUCCESS);
	KUNIT_ASSERT_NOT_NULL(test, r);
	return r;
}

static void mq_answer(WDFREQUEST r)
{
	u32 *out;

	if (NT_SUCCESS(WdfRequestRetrieveOutputBuffer(r, sizeof(*out), (PVOID *)&out,
						      NULL)))
		*out += 100;
	WdfRequestCompleteWithInformation(r, STATUS_SUCCESS, sizeof(*out));
}

static void mq_configuration_refusals(struct kunit *test)
{
	struct mqfix *fx = mq_start(test, MQ_FORWARD);
	WDFREQUEST r;

	KUNIT_EXPECT_EQ(test, fx->st_manual_cb, STATUS_INVALID_PARAMETER);
	KUNIT_EXPECT_NULL(test, fx->h_manual_cb);
	KUNIT_EXPECT_NOT_NULL(test, fx->manual);

	r = (WDFREQUEST)fx;
	KUNIT_EXPECT_EQ(test, WdfIoQueueRetrieveNextRequest(fx->par, &r),
			STATUS_INVALID_DEVICE_REQUEST);
	KUNIT_EXPECT_NULL(test, r);
	r = (WDFREQUEST)fx;
	KUNIT_EXPECT_EQ(test, WdfIoQueueRetrieveNextRequest(fx->seq, &r),
			STATUS_INVALID_DEVICE_REQUEST);
	KUNIT_EXPECT_NULL(test, r);
	r = (WDFREQUEST)fx;
	KUNIT_EXPECT_EQ(test, WdfIoQueueRetrieveNextRequest(fx->manual, &r),
			STATUS_NO_MORE_ENTRIES);
	KUNIT_EXPECT_NULL(test, r);
	KUNIT_EXPECT_EQ(test, WdfIoQueueReadyNotify(fx->par, mq_ready, fx),
			STATUS_INVALID_DEVICE_REQUEST);
	WDFT_WARN_BEGIN(test);
	KUNIT_EXPECT_EQ(test, WdfIoQueueReadyNotify(NULL, mq_ready, fx),
			STATUS_INVALID_HANDLE);
	WDFT_WARN_END(test);

	WDFT_WARN_BEGIN_MUST(test);
	KUNIT_EXPECT_EQ(test, WdfIoQueueRetrieveNextRequest(fx->manual, NULL),
			STATUS_INVALID_PARAMETER);
	WDFT_WARN_END(test);
}

static void mq_forward_then_retrieve_fifo(struct kunit *test)
{
	struct mqfix *fx = mq_start(test, MQ_FORWARD);
	struct wdf_test_io *io[3];
	u32 *buf[3];
	WDFREQUEST r;
	int i;

	for (i = 0; i < 3; i++) {
		io[i] = mq_submit(test, fx, i + 1, &buf[i]);
		KUNIT_EXPECT_EQ(test, fx->st_forward, STATUS_SUCCESS);
	}
	/* held in the manual queue: nobody completes them */
	KUNIT_EXPECT_EQ(test, wdf_test_io_wait(io[0], 50), (long)-ETIMEDOUT);

	for (i = 0; i < 3; i++) {
		r = mq_take(test, fx);
		KUNIT_EXPECT_EQ(test, mq_value(r), (u32)(i + 1));
		KUNIT_EXPECT_PTR_EQ(test, WdfRequestGetIoQueue(r), fx->manual);
		if (i == 0) {
			/* not to its own queue; not while cancelable */
			KUNIT_EXPECT_EQ(test, WdfRequestForwardToIoQueue(r, fx->manual),
					STATUS_INVALID_DEVICE_REQUEST);
			KUNIT_EXPECT_EQ(test, WdfRequestMarkCancelableEx(r, mq_cancel),
					STATUS_SUCCESS);
			KUNIT_EXPECT_EQ(test, WdfRequestForwardToIoQueue(r, fx->seq),
					STATUS_INVALID_DEVICE_REQUEST);
			KUNIT_EXPECT_EQ(test, WdfRequestUnmarkCancelable(r), STATUS_SUCCESS);
		}
		mq_answer(r);
		if (i == 0)	/* completed: no longer the driver's */
			KUNIT_EXPECT_EQ(test, WdfRequestForwardToIoQueue(r, fx->seq),
					STATUS_INVALID_DEVICE_REQUEST);
	}
	r = (WDFREQUEST)fx;
	KUNIT_EXPECT_EQ(test, WdfIoQueueRetrieveNextRequest(fx->manual, &r),
			STATUS_NO_MORE_ENTRIES);
	KUNIT_EXPECT_NULL(test, r);
	for (i = 0; i < 3; i++) {
		KUNIT_EXPECT_EQ(test, wdf_test_io_wait(io[i], 5000), 0L);
		KUNIT_EXPECT_EQ(test, *buf[i], (u32)(i + 101));
	}
}

/* Forwarded to a sequential queue: presented there again. */
static void mq_forward_to_sequential_presents(struct kunit *test)
{
	struct mqfix *fx = mq_start(test, MQ_HOLD);
	struct wdf_test_io *io;
	u32 *buf;

	io = mq_submit(test, fx, 7, &buf);
	KUNIT_ASSERT_EQ(test, fx->nheld, 1);
	reinit_completion(&fx->present);
	KUNIT_EXPECT_EQ(test, WdfRequestForwardToIoQueue(fx->held[0], fx->seq),
			STATUS_SUCCESS);
	KUNIT_ASSERT_TRUE(test, wait_for_completion_timeout(&fx->present, HZ * 5));
	KUNIT_ASSERT_EQ(test, fx->nheld, 2);
	KUNIT_EXPECT_PTR_EQ(test, fx->held[1], fx->held[0]);
	KUNIT_EXPECT_PTR_EQ(test, WdfRequestGetIoQueue(fx->held[1]), fx->seq);
	mq_answer(fx->held[1]);
	KUNIT_EXPECT_EQ(test, wdf_test_io_wait(io, 5000), 0L);
	KUNIT_EXPECT_EQ(test, *buf, 107U);
}

static void mq_signal_cancels_waiting_request(struct kunit *test)
{
	struct mqfix *fx = mq_start(test, MQ_FORWARD);
	unsigned long live = wdft_live_objects();
	struct wdf_test_io *a, *b;
	u32 *buf;
	WDFREQUEST r;

	a = mq_submit(test, fx, 1, NULL);
	b = mq_submit(test, fx, 2, &buf);
	/* a leaves the queue: nothing was done, the syscall restarts */
	KUNIT_EXPECT_EQ(test, wdf_test_io_cancel(a), (long)-ERESTARTSYS);
	r = mq_take(test, fx);
	KUNIT_EXPECT_EQ(test, mq_value(r), 2U);
	mq_answer(r);
	r = (WDFREQUEST)fx;
	KUNIT_EXPECT_EQ(test, WdfIoQueueRetrieveNextRequest(fx->manual, &r),
			STATUS_NO_MORE_ENTRIES);
	KUNIT_EXPECT_EQ(test, wdf_test_io_wait(b, 5000), 0L);
	KUNIT_EXPECT_EQ(test, *buf, 102U);
	KUNIT_EXPECT_EQ(test, wdft_live_objects(), live);
}

/* ---- races at the test points ------------------------------------------ */

struct mq_race {
	struct mqfix *fx;
	struct wdf_test_io *io;
	long ret;
	int points;
	struct completion done;
};

static struct mq_race *mq_race_now;

static void mq_race_exit(void *data)
{
	mq_race_now = NULL;
}

static int mq_canceller(void *data)
{
	struct mq_race *r = data;

	r->ret = wdf_test_io_cancel(r->io);
	complete(&r->done);
	return 0;
}

/* Start the caller's signal on another thread; wait until it is seen. */
static void mq_signal_now(struct mq_race *r, WDFREQUEST req)
{
	struct task_struct *t = kthread_run(mq_canceller, r, "wdft-cancel");
	int i;

	if (IS_ERR(t)) {
		r->ret = PTR_ERR(t);
		return;
	}
	for (i = 0; i < 250 && !WdfRequestIsCanceled(req); i++)
		msleep(20);
}

static struct mq_race *mq_race_start(struct kunit *test, struct mqfix *fx,
				     struct wdf_test_io *io)
{
	struct mq_race *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, r);
	r->fx = fx;
	r->io = io;
	r->ret = 1;
	init_completion(&r->done);
	mq_race_now = r;
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, mq_race_exit, r), 0);
	return r;
}

/* The signal arrives right after retrieve took the request. */
static void mq_stub_signal_at_retrieve(enum wdf_test_point_id id, void *arg)
{
	struct mq_race *r = mq_race_now;

	if (id != WDF_TP_RETRIEVED || !r || r->points++)
		return;
	mq_signal_now(r, arg);
}

static void mq_signal_racing_retrieve(struct kunit *test)
{
	struct mqfix *fx = mq_start(test, MQ_FORWARD);
	struct wdf_test_io *io = mq_submit(test, fx, 1, NULL);
	struct mq_race *r = mq_race_start(test, fx, io);
	WDFREQUEST req;

	kunit_activate_static_stub(test, wdf_test_point, mq_stub_signal_at_retrieve);
	req = mq_take(test, fx);
	kunit_deactivate_static_stub(test, wdf_test_point);
	KUNIT_EXPECT_EQ(test, r->points, 1);
	/* the driver owns it: the signal only marks it */
	KUNIT_EXPECT_TRUE(test, WdfRequestIsCanceled(req));
	KUNIT_EXPECT_FALSE(test, completion_done(&r->done));
	KUNIT_EXPECT_EQ(test, WdfRequestMarkCancelableEx(req, mq_cancel),
			STATUS_CANCELLED);
	WdfRequestComplete(req, STATUS_CANCELLED);
	KUNIT_ASSERT_TRUE(test, wait_for_completion_timeout(&r->done, HZ * 5));
	KUNIT_EXPECT_EQ(test, r->ret, (long)-ERESTARTSYS);
	req = (WDFREQUEST)fx;
	KUNIT_EXPECT_EQ(test, WdfIoQueueRetrieveNextRequest(fx->manual, &req),
			STATUS_NO_MORE_ENTRIES);
}

static void mq_stub_count_forward(enum wdf_test_point_id id, void *arg)
{
	struct mq_race *r = mq_race_now;

	if (id == WDF_TP_FORWARDED && r)
		r->points++;
}

/*
 * The signal comes while the driver holds the request (not cancelable),
 * then the driver forwards it: the forward completes it (cancelled) in
 * place of queueing it; the caller returns once.
 */
static void mq_signal_before_forward(struct kunit *test)
{
	struct mqfix *fx = mq_start(test, MQ_HOLD);
	struct wdf_test_io *io = mq_submit(test, fx, 1, NULL);
	struct mq_race *r = mq_race_start(test, fx, io);
	WDFREQUEST req;

	KUNIT_ASSERT_EQ(test, fx->nheld, 1);
	mq_signal_now(r, fx->held[0]);
	KUNIT_ASSERT_TRUE(test, WdfRequestIsCanceled(fx->held[0]));
	KUNIT_EXPECT_FALSE(test, completion_done(&r->done));
	kunit_activate_static_stub(test, wdf_test_point, mq_stub_count_forward);
	KUNIT_EXPECT_EQ(test, WdfRequestForwardToIoQueue(fx->held[0], fx->manual),
			STATUS_SUCCESS);
	KUNIT_ASSERT_TRUE(test, wait_for_completion_timeout(&r->done, HZ * 5));
	kunit_deactivate_static_stub(test, wdf_test_point);
	KUNIT_EXPECT_EQ(test, r->points, 1);
	KUNIT_EXPECT_EQ(test, r->ret, (long)-ERESTARTSYS);
	req = (WDFREQUEST)fx;
	KUNIT_EXPECT_EQ(test, WdfIoQueueRetrieveNextRequest(fx->manual, &req),
			STATUS_NO_MORE_ENTRIES);
}

static void mq_ready_notify(struct kunit *test)
{
	struct mqfix *fx = mq_start(test, MQ_FORWARD);
	struct wdf_test_io *a, *b;
	WDFREQUEST r;

	WDFT_ASSERT_LOCKDEP(test);
	KUNIT_EXPECT_EQ(test, WdfIoQueueReadyNotify(fx->manual, mq_ready, fx),
			STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, WdfIoQueueReadyNotify(fx->manual, mq_ready, fx),
			STATUS_INVALID_DEVICE_STATE);
	/* empty: nothing to report yet */
	msleep(20);
	KUNIT_EXPECT_EQ(test, fx->ready_calls, 0);
	a = mq_submit(test, fx, 1, NULL);
	KUNIT_ASSERT_TRUE(test, wait_for_completion_timeout(&fx->ready, HZ * 5));
	KUNIT_EXPECT_EQ(test, fx->ready_calls, 1);
	KUNIT_EXPECT_PTR_EQ(test, fx->ready_ctx, (void *)fx);
	KUNIT_EXPECT_TRUE(test, fx->ready_sync_held);
	/* not empty: a second request is no new "ready" */
	b = mq_submit(test, fx, 2, NULL);
	msleep(50);
	KUNIT_EXPECT_EQ(test, fx->ready_calls, 1);
	/* unregister; registering again with requests waiting reports at once */
	KUNIT_EXPECT_EQ(test, WdfIoQueueReadyNotify(fx->manual, NULL, NULL),
			STATUS_SUCCESS);
	reinit_completion(&fx->ready);
	KUNIT_EXPECT_EQ(test, WdfIoQueueReadyNotify(fx->manual, mq_ready, fx),
			STATUS_SUCCESS);
	KUNIT_ASSERT_TRUE(test, wait_for_completion_timeout(&fx->ready, HZ * 5));
	KUNIT_EXPECT_EQ(test, fx->ready_calls, 2);
	r = mq_take(test, fx);
	mq_answer(r);
	r = mq_take(test, fx);
	mq_answer(r);
	KUNIT_EXPECT_EQ(test, wdf_test_io_wait(a, 5000), 0L);
	KUNIT_EXPECT_EQ(test, wdf_test_io_wait(b, 5000), 0L);
}

struct mq_remover {
	struct kunit *test;
	struct mqfix *fx;
	struct completion removed;
};

static int mq_remove_thread(void *data)
{
	struct mq_remover *m = data;

	wdf_test_device_remove(m->fx->wd->device);
	m->fx->wd->device = NULL;
	complete(&m->removed);
	return 0;
}

/*
 * Removal: 1 retrieved from the manual queue and marked cancelable
 * (EvtIoStop completes it), 2 waiting in the manual queue (drained),
 * 3 and 4 held by the parallel queue's callback (requeued; acknowledged
 * and completed later).
 */
static void mq_evtiostop_on_remove(struct kunit *test)
{
	struct mqfix *fx = mq_start(test, MQ_FORWARD);
	struct wdf_test_io *io[5];
	struct mq_remover *m;
	struct task_struct *t;
	WDFREQUEST r;

	m = kunit_kzalloc(test, sizeof(*m), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, m);
	io[1] = mq_submit(test, fx, 1, NULL);
	io[2] = mq_submit(test, fx, 2, NULL);
	r = mq_take(test, fx);
	KUNIT_ASSERT_EQ(test, mq_value(r), 1U);
	KUNIT_EXPECT_EQ(test, WdfRequestMarkCancelableEx(r, mq_cancel), STATUS_SUCCESS);
	fx->mode = MQ_HOLD;
	io[3] = mq_submit(test, fx, 3, NULL);
	io[4] = mq_submit(test, fx, 4, NULL);
	KUNIT_ASSERT_EQ(test, fx->nheld, 2);

	m->test = test;
	m->fx = fx;
	init_completion(&m->removed);
	t = kthread_run(mq_remove_thread, m, "wdft-remover");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	KUNIT_EXPECT_EQ(test, wdf_test_io_wait(io[1], 5000), (long)-ECANCELED);
	KUNIT_EXPECT_EQ(test, wdf_test_io_wait(io[2], 5000), (long)-ENODEV);
	KUNIT_EXPECT_EQ(test, wdf_test_io_wait(io[3], 5000), (long)-ENODEV);
	KUNIT_EXPECT_EQ(test, wdf_test_io_wait(io[4], 5000), 0L);
	KUNIT_ASSERT_TRUE(test, wait_for_completion_timeout(&m->removed, HZ * 10));
	/* once per owned request, never for the waiting one */
	KUNIT_EXPECT_EQ(test, fx->stops, 3);
	KUNIT_EXPECT_EQ(test, fx->stop_flags[1],
			(ULONG)(WdfRequestStopActionPurge | WdfRequestStopRequestCancelable));
	KUNIT_EXPECT_EQ(test, fx->stop_flags[3], (ULONG)WdfRequestStopActionPurge);
	KUNIT_EXPECT_EQ(test, fx->stop_flags[4], (ULONG)WdfRequestStopActionPurge);
	KUNIT_EXPECT_EQ(test, fx->stop_flags[2], 0UL);
}

/*
 * WdfIoQueuePurgeSynchronously on the manual queue: the waiting request is
 * cancelled, the owned one gets EvtIoStop(Purge) (acknowledged, completed
 * 100 ms later) and the purge returns only after that; then forwards to
 * it fail (STATUS_WDF_BUSY) until WdfIoQueueStart. The purged default
 * queue fails new requests with STATUS_INVALID_DEVICE_STATE.
 */
static void mq_purge_and_start(struct kunit *test)
{
	struct mqfix *fx = mq_start(test, MQ_FORWARD);
	struct wdf_test_io *owned, *waiting, *io;
	WDFREQUEST r;
	u32 *buf;

	owned = mq_submit(test, fx, 4, NULL);
	waiting = mq_submit(test, fx, 6, NULL);
	r = mq_take(test, fx);
	KUNIT_ASSERT_EQ(test, mq_value(r), 4U);
	WdfIoQueuePurgeSynchronously(fx->manual);
	/* done by the time the purge returned */
	KUNIT_EXPECT_EQ(test, wdf_test_io_wait(owned, 1), 0L);
	KUNIT_EXPECT_EQ(test, fx->stops, 1);
	KUNIT_EXPECT_EQ(test, fx->stop_flags[4], (ULONG)WdfRequestStopActionPurge);
	KUNIT_EXPECT_PTR_EQ(test, fx->stop_queue[4], fx->manual);
	/* never seen again by the driver; not signalled: ECANCELED */
	KUNIT_EXPECT_EQ(test, wdf_test_io_wait(waiting, 1000), (long)-ECANCELED);
	r = (WDFREQUEST)fx;
	KUNIT_EXPECT_EQ(test, WdfIoQueueRetrieveNextRequest(fx->manual, &r),
			STATUS_NO_MORE_ENTRIES);
	/* purged: the forward is refused and the driver fails the request */
	io = mq_submit(test, fx, 7, NULL);
	KUNIT_EXPECT_EQ(test, fx->st_forward, STATUS_WDF_BUSY);
	KUNIT_EXPECT_EQ(test, wdf_test_io_wait(io, 1000), (long)-EBUSY);
	WdfIoQueueStart(fx->manual);
	io = mq_submit(test, fx, 8, &buf);
	KUNIT_EXPECT_EQ(test, fx->st_forward, STATUS_SUCCESS);
	r = mq_take(test, fx);
	mq_answer(r);
	KUNIT_EXPECT_EQ(test, wdf_test_io_wait(io, 5000), 0L);
	KUNIT_EXPECT_EQ(test, *buf, 108U);

	/* the default queue purged (nothing owned: returns at once) */
	WdfIoQueuePurgeSynchronously(fx->par);
	reinit_completion(&fx->present);
	io = wdf_test_io_submit(fx->wd->device, WdfRequestTypeDeviceControl,
				(unsigned long)buf, 0, 0, MQ_IOCTL,
				WDF_TEST_IO_KERNEL_BUFFER);
	KUNIT_ASSERT_FALSE(test, IS_ERR(io));
	KUNIT_EXPECT_EQ(test, wdf_test_io_wait(io, 1000), (long)-EBADFD);
	KUNIT_EXPECT_FALSE(test, completion_done(&fx->present));
	WdfIoQueueStart(fx->par);
	io = mq_submit(test, fx, 9, NULL);
	mq_answer(mq_take(test, fx));
	KUNIT_EXPECT_EQ(test, wdf_test_io_wait(io, 5000), 0L);
}

/* Bugcheck territory in KMDF: defined here, WARN_ONCE, no effect. */
static void mq_misuse_is_defined(struct kunit *test)
{
	struct mqfix *fx = mq_start(test, MQ_HOLD);
	struct wdf_test_io *io;
	u32 *buf;

	io = mq_submit(test, fx, 5, &buf);
	KUNIT_ASSERT_EQ(test, fx->nheld, 1);
	WDFT_WARN_BEGIN(test);
	/* outside EvtIoStop: ignored, the request is still the driver's */
	WdfRequestStopAcknowledge(fx->held[0], TRUE);
	WDFT_WARN_END(test);
	KUNIT_EXPECT_EQ(test, wdf_test_io_wait(io, 50), (long)-ETIMEDOUT);
	mq_answer(fx->held[0]);
	WDFT_WARN_BEGIN(test);
	/* completed twice: the first completion stands */
	WdfRequestCompleteWithInformation(fx->held[0], STATUS_UNSUCCESSFUL, 0);
	WDFT_WARN_END(test);
	KUNIT_EXPECT_EQ(test, WdfRequestGetStatus(fx->held[0]), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, wdf_test_io_wait(io, 5000), 0L);
	KUNIT_EXPECT_EQ(test, *buf, 105U);
}

static struct kunit_case wdf_manual_queue_cases[] = {
	KUNIT_CASE(mq_configuration_refusals),
	KUNIT_CASE(mq_forward_then_retrieve_fifo),
	KUNIT_CASE(mq_forward_to_sequential_presents),
	KUNIT_CASE(mq_signal_cancels_waiting_request),
	KUNIT_CASE(mq_signal_racing_retrieve),
	KUNIT_CASE(mq_signal_before_forward),
	KUNIT_CASE(mq_ready_notify),
	KUNIT_CASE(mq_evtiostop_on_remove),
	KUNIT_CASE(mq_purge_and_start),
	KUNIT_CASE(mq_misuse_is_defined),
	{}
};

static struct kunit_suite wdf_manual_queue_suite = {
	.name = "wdf_manual_queue",
	.test_cases = wdf_manual_queue_cases,
};

/* ---- request buffers: WDFMEMORY, METHOD_*_DIRECT ------------------------ */

static struct wdf_test_io *mq_direct_submit(struct kunit *test, struct mqfix *fx,
					    ULONG code, struct wdf_ioctl_direct *a)
{
	struct wdf_test_io *io;

	reinit_completion(&fx->present);
	io = wdf_test_io_submit(fx->wd->device, WdfRequestTypeDeviceControl,
				(unsigned long)a, 0, 0, code,
				WDF_TEST_IO_KERNEL_BUFFER);
	KUNIT_ASSERT_FALSE(test, IS_ERR(io));
	KUNIT_ASSERT_TRUE(test, wait_for_completion_timeout(&fx->present, HZ * 5));
	return io;
}

static void rm_out_direct(struct kunit *test)
{
	struct mqfix *fx = mq_start(test, MQ_DIRECT);
	struct wdf_ioctl_direct *a = kunit_kzalloc(test, sizeof(*a), GFP_KERNEL);
	u8 *out = kunit_kzalloc(test, 64, GFP_KERNEL);
	u32 *in = kunit_kzalloc(test, 8, GFP_KERNEL);
	struct wdf_test_io *io;
	int i, bad = 0;

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, out);
	KUNIT_ASSERT_NOT_NULL(test, in);
	KUNIT_EXPECT_EQ(test, WDF_IOCTL_METHOD(MQ_OUT_DIRECT), (ULONG)METHOD_OUT_DIRECT);
	KUNIT_EXPECT_EQ(test, WDF_IOCTL_METHOD(MQ_IN_DIRECT), (ULONG)METHOD_IN_DIRECT);
	KUNIT_EXPECT_EQ(test, WDF_IOCTL_METHOD(MQ_IOCTL), (ULONG)METHOD_BUFFERED);
	a->in = (uintptr_t)in;
	a->in_len = 8;
	a->out = (uintptr_t)out;
	a->out_len = 64;
	fx->info = 48;
	io = mq_direct_submit(test, fx, MQ_OUT_DIRECT, a);
	KUNIT_EXPECT_EQ(test, wdf_test_io_wait(io, 5000), 0L);
	KUNIT_EXPECT_EQ(test, fx->st_in_buf, STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, fx->in_len, (size_t)8);
	KUNIT_EXPECT_EQ(test, fx->st_out_buf, STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, fx->out_len, (size_t)64);
	KUNIT_EXPECT_EQ(test, fx->st_out_small, STATUS_BUFFER_TOO_SMALL);
	KUNIT_EXPECT_EQ(test, fx->st_out_mdl, STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, fx->mdl_count, (size_t)64);
	/* the shim builds no MDL for the buffered input */
	KUNIT_EXPECT_EQ(test, fx->st_in_mdl, STATUS_INVALID_DEVICE_REQUEST);
	KUNIT_EXPECT_EQ(test, fx->st_in_mem, STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, fx->mem_in_size, (size_t)8);
	KUNIT_EXPECT_EQ(test, fx->st_out_mem, STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, fx->st_out_mem2, STATUS_SUCCESS);
	KUNIT_EXPECT_TRUE(test, fx->same_handle);
	KUNIT_EXPECT_TRUE(test, fx->mem_same);
	KUNIT_EXPECT_EQ(test, fx->mem_out_size, (size_t)64);
	/* written in place (no copy back), Information in returned */
	for (i = 0; i < 64; i++)
		bad += out[i] != (u8)(i ^ 0x5a);
	KUNIT_EXPECT_EQ(test, bad, 0);
	KUNIT_EXPECT_EQ(test, a->returned, 48ULL);
}

static void rm_in_direct_and_empty_output(struct kunit *test)
{
	struct mqfix *fx = mq_start(test, MQ_DIRECT);
	struct wdf_ioctl_direct *a = kunit_kzalloc(test, sizeof(*a), GFP_KERNEL);
	u8 *out = kunit_kzalloc(test, 16, GFP_KERNEL);
	struct wdf_test_io *io;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, out);
	for (i = 0; i < 16; i++)
		out[i] = (u8)(200 + i);
	a->out = (uintptr_t)out;
	a->out_len = 16;
	fx->info = 16;
	io = mq_direct_submit(test, fx, MQ_IN_DIRECT, a);
	KUNIT_EXPECT_EQ(test, wdf_test_io_wait(io, 5000), 0L);
	/* the device reads the output buffer */
	KUNIT_EXPECT_EQ(test, memcmp(fx->seen, out, 16), 0);
	KUNIT_EXPECT_EQ(test, fx->st_in_buf, STATUS_BUFFER_TOO_SMALL);
	KUNIT_EXPECT_EQ(test, fx->st_in_mem, STATUS_BUFFER_TOO_SMALL);
	KUNIT_EXPECT_EQ(test, a->returned, 16ULL);

	/* no output: the MDL, buffer and memory are all "too small" */
	memset(a, 0, sizeof(*a));
	io = mq_direct_submit(test, fx, MQ_OUT_DIRECT, a);
	KUNIT_EXPECT_EQ(test, wdf_test_io_wait(io, 5000), 0L);
	KUNIT_EXPECT_EQ(test, fx->st_out_mdl, STATUS_BUFFER_TOO_SMALL);
	KUNIT_EXPECT_EQ(test, fx->st_out_buf, STATUS_BUFFER_TOO_SMALL);
	KUNIT_EXPECT_EQ(test, fx->st_out_mem, STATUS_BUFFER_TOO_SMALL);
}

/* Bad user input fails before the driver sees anything. */
static void rm_direct_bad_input(struct kunit *test)
{
	struct mqfix *fx = mq_start(test, MQ_DIRECT);
	unsigned long u = kunit_vm_mmap(test, NULL, 0, PAGE_SIZE,
					PROT_READ | PROT_WRITE,
					MAP_ANONYMOUS | MAP_PRIVATE, 0);
	struct wdf_ioctl_direct a = { 0 };
	struct wdf_test_io *io;

	KUNIT_ASSERT_FALSE(test, IS_ERR_VALUE(u));
	KUNIT_ASSERT_NE(test, u, 0UL);
	/* the struct itself unreadable */
	io = wdf_test_io_submit(fx->wd->device, WdfRequestTypeDeviceControl,
				16, 0, 0, MQ_OUT_DIRECT, 0);
	KUNIT_EXPECT_EQ(test, PTR_ERR_OR_ZERO(io), -EFAULT);
	/* an output buffer that is not mapped */
	a.out = 4096;
	a.out_len = 32;
	KUNIT_ASSERT_EQ(test, copy_to_user((void __user *)u, &a, sizeof(a)), 0UL);
	io = wdf_test_io_submit(fx->wd->device, WdfRequestTypeDeviceControl,
				u, 0, 0, MQ_OUT_DIRECT, 0);
	KUNIT_EXPECT_EQ(test, PTR_ERR_OR_ZERO(io), -EFAULT);
	/* an input above the limit */
	a.out = 0;
	a.out_len = 0;
	a.in = u;
	a.in_len = WDF_IOC_DIRECT_MAX_IN + 1;
	KUNIT_ASSERT_EQ(test, copy_to_user((void __user *)u, &a, sizeof(a)), 0UL);
	io = wdf_test_io_submit(fx->wd->device, WdfRequestTypeDeviceControl,
				u, 0, 0, MQ_IN_DIRECT, 0);
	KUNIT_EXPECT_EQ(test, PTR_ERR_OR_ZERO(io), -EINVAL);
	KUNIT_EXPECT_FALSE(test, completion_done(&fx->present));
	/* user memory, both buffers: the output lands in the caller's page */
	a.in = u + 512;
	a.in_len = 4;
	a.out = u + 1024;
	a.out_len = 100;
	KUNIT_ASSERT_EQ(test, copy_to_user((void __user *)u, &a, sizeof(a)), 0UL);
	fx->info = 100;
	io = wdf_test_io_submit(fx->wd->device, WdfRequestTypeDeviceControl,
				u, 0, 0, MQ_OUT_DIRECT, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(io));
	KUNIT_EXPECT_EQ(test, wdf_test_io_wait(io, 5000), 0L);
	KUNIT_EXPECT_EQ(test, copy_from_user(&a, (void __user *)u, sizeof(a)), 0UL);
	KUNIT_EXPECT_EQ(test, a.returned, 100ULL);
	KUNIT_EXPECT_EQ(test, fx->out_len, (size_t)100);
}

/* The request's memory objects: owned by the request, gone with it. */
static void rm_memory_belongs_to_request(struct kunit *test)
{
	struct mqfix *fx = mq_start(test, MQ_HOLD);
	unsigned long live = wdft_live_objects();
	WDFMEMORY m = NULL, m2 = NULL;
	struct wdf_test_io *io;
	size_t size = 0;
	u32 *buf, *p;

	io = mq_submit(test, fx, 9, &buf);
	KUNIT_ASSERT_EQ(test, fx->nheld, 1);
	KUNIT_ASSERT_EQ(test, WdfRequestRetrieveOutputMemory(fx->held[0], &m),
			STATUS_SUCCESS);
	p = WdfMemoryGetBuffer(m, &size);
	KUNIT_EXPECT_EQ(test, size, sizeof(u32));
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_EQ(test, *p, 9U);	/* buffered: in and out share it */
	KUNIT_EXPECT_EQ(test, WdfRequestRetrieveInputMemory(fx->held[0], &m2),
			STATUS_SUCCESS);
	WDFT_WARN_BEGIN(test);
	WdfObjectDelete(m);		/* refused: the request's */
	WDFT_WARN_END(test);
	KUNIT_EXPECT_EQ(test, WdfMemoryCopyFromBuffer(m, 0, &(u32){ 77 }, 4),
			STATUS_SUCCESS);
	WdfRequestCompleteWithInformation(fx->held[0], STATUS_SUCCESS, 4);
	m2 = (WDFMEMORY)fx;
	KUNIT_EXPECT_EQ(test, WdfRequestRetrieveOutputMemory(fx->held[0], &m2),
			STATUS_INTERNAL_ERROR);
	KUNIT_EXPECT_NULL(test, m2);
	KUNIT_EXPECT_EQ(test, wdf_test_io_wait(io, 5000), 0L);
	KUNIT_EXPECT_EQ(test, *buf, 77U);
	KUNIT_EXPECT_EQ(test, wdft_live_objects(), live);

	WDFT_WARN_BEGIN_MUST(test);
	KUNIT_EXPECT_EQ(test, WdfRequestRetrieveInputMemory(NULL, NULL),
			STATUS_INVALID_PARAMETER);
	WDFT_WARN_END(test);
}

static struct kunit_case wdf_request_memory_cases[] = {
	KUNIT_CASE(rm_out_direct),
	KUNIT_CASE(rm_in_direct_and_empty_output),
	KUNIT_CASE(rm_direct_bad_input),
	KUNIT_CASE(rm_memory_belongs_to_request),
	{}
};

static struct kunit_suite wdf_request_memory_suite = {
	.name = "wdf_request_memory",
	.test_cases = wdf_request_memory_cases,
};

kunit_test_suites(&wdf_manual_queue_suite, &wdf_request_memory_suite);
