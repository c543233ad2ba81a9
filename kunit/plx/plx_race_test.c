// SPDX-License-Identifier: GPL-2.0-only
/*
 * Races of the PLX core that the plx_io suite reaches with the watchdog,
 * here with the cancel routine: a chain finishes, the ISR records Done,
 * and a signal's cancel aborts the channel before the DPC runs.
 */
#include <kunit/test.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include "plx_bench.h"

/*
 * Race (a), cancel variant: a write chain is run by the model to its end
 * (INTA# high); the ISR records Done and queues the DPC, which waits for
 * the device lock (held here, as the shim holds it around a cancel
 * routine). The caller's signal then reaches the core's cancel routine:
 * the chip already finished, the routine aborts the channel all the same
 * and completes the request cancelled. That abort must forget the
 * recorded Done, or the DPC - running once the lock is free - would take
 * it for the next chain's Done and complete that one early, with none of
 * its data moved.
 *
 * The cancel routine is called directly under the device lock (what the
 * shim does after claiming the request; without that claim the core's
 * own WdfRequestUnmarkCancelable succeeds, which changes nothing here).
 * The next chain is stalled: it must stay running until the model moves
 * it, then complete in full.
 */
static void plx_stale_done_after_cancel_test(struct kunit *test)
{
	struct plxt_bench *b = plxt_bench_create(test);
	struct plxt_ubuf *u = plxt_ubuf_alloc(test, 2 * PAGE_SIZE, 0);
	PPLX_CHANNEL ch = &b->ext->Channel[PLX_CH_WRITE];
	struct mutex *lock = wdf_test_device_sync_lock(b->device);
	struct wdf_test_io *io;
	WDFREQUEST req;
	int i;

	plxt_ubuf_fill(test, u, 0, 4096, 80);
	io = plxt_submit(b, WdfRequestTypeWrite, u->base, 4096, 0, 0, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(io));
	for (i = 0; i < 20 && !plxt_irq_level(b); i++)
		plxt_step(b);
	KUNIT_ASSERT_EQ(test, plxt_irq_level(b), 1);

	mutex_lock(lock);
	KUNIT_EXPECT_TRUE(test, wdf_test_interrupt_fire(b->device));
	KUNIT_EXPECT_TRUE(test, ch->IsrActive);
	KUNIT_EXPECT_TRUE(test, ch->IsrCsr & PLX_DMACSR_DONE);
	KUNIT_EXPECT_TRUE(test, ch->Busy);
	req = ch->Request;
	KUNIT_ASSERT_NOT_NULL(test, req);
	PLxEvtRequestCancel(req);
	KUNIT_EXPECT_FALSE(test, ch->Busy);
	KUNIT_EXPECT_FALSE(test, ch->IsrActive);
	KUNIT_EXPECT_EQ(test, ch->IsrCsr, 0);
	mutex_unlock(lock);
	KUNIT_EXPECT_EQ(test, plxt_wait(b, io), (long)-ECANCELED);
	KUNIT_EXPECT_EQ(test, b->ext->Counters.Cancels, 1ull);

	/* The next chain: the stale Done must not end it. */
	plxt_next_write_not_ended_early(b, u, 81);
}

static struct kunit_case plx_race_test_cases[] = {
	KUNIT_CASE(plx_stale_done_after_cancel_test),
	{}
};

static struct kunit_suite plx_race_test_suite = {
	.name = "plx_race",
	.test_cases = plx_race_test_cases,
};
kunit_test_suite(plx_race_test_suite);
