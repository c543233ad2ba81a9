// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: WDFDMATRANSACTION (doc/facts.md §4.4, §8.7-§8.14).
 *
 * Buffers come from wdft_sbuf_alloc(): physically scattered pages mapped
 * contiguously, so the SG list the shim must produce for any byte range is
 * known from the page array alone; every expectation below is recomputed
 * from the buffer layout (page offsets, lengths, MaximumLength), never
 * copied from the shim.
 */
#include <kunit/static_stub.h>
#include <kunit/test.h>
#include <linux/scatterlist.h>
#include <linux/mm.h>
#include <linux/sizes.h>
#include "wdf_test_util.h"

#define TX_MAXLEN	8192

struct txfix {
	struct wdft_device *wd;
	WDFDMAENABLER en;
	WDFDMATRANSACTION tx;
	struct wdft_rec *rec;
	struct wdft_sbuf *sb;
};

static struct txfix *txfix_create(struct kunit *test, size_t maxlen,
				  unsigned int npages)
{
	struct txfix *fx = kunit_kzalloc(test, sizeof(*fx), GFP_KERNEL);
	NTSTATUS st;

	KUNIT_ASSERT_NOT_NULL(test, fx);
	fx->wd = wdft_device_create(test, NULL);
	fx->en = wdft_enabler_create(test, fx->wd,
				     WdfDmaProfileScatterGather64Duplex, maxlen);
	st = WdfDmaTransactionCreate(fx->en, WDF_NO_OBJECT_ATTRIBUTES, &fx->tx);
	KUNIT_ASSERT_EQ(test, st, STATUS_SUCCESS);
	KUNIT_ASSERT_NOT_NULL(test, fx->tx);
	fx->rec = wdft_rec_alloc(test, fx->tx);
	fx->sb = wdft_sbuf_alloc(test, npages);
	return fx;
}

static NTSTATUS tx_init(struct kunit *test, struct txfix *fx, size_t off,
			size_t len, WDF_DMA_DIRECTION dir)
{
	PMDL mdl = wdft_mdl(test, fx->sb->va + off, len);

	return WdfDmaTransactionInitialize(fx->tx, wdft_program_dma, dir, mdl,
					   fx->sb->va + off, len);
}

/* Number of SG elements of [off, off + len) of a scattered buffer. */
static u32 span_pages(size_t off, size_t len)
{
	return (u32)(((off & (PAGE_SIZE - 1)) + len + PAGE_SIZE - 1) >> PAGE_SHIFT);
}

/*
 * Check one recorded EvtProgramDma call against the fragment that starts
 * @start bytes into a transfer whose first byte is byte @off of the
 * buffer and that is @len bytes long.
 */
static void check_frag(struct kunit *test, struct txfix *fx, int idx,
		       size_t off, size_t start, size_t len,
		       WDF_DMA_DIRECTION dir)
{
	const struct wdft_frag *f = &fx->rec->frags[idx];
	size_t pos = off + start, left = len;
	u32 i, n = span_pages(pos, len);

	KUNIT_ASSERT_LT(test, idx, fx->rec->n);
	KUNIT_EXPECT_EQ_MSG(test, f->transferred, start, "fragment %d", idx);
	KUNIT_EXPECT_EQ_MSG(test, f->cur_len, len, "fragment %d", idx);
	KUNIT_EXPECT_EQ_MSG(test, f->sg_len, len, "fragment %d", idx);
	KUNIT_EXPECT_EQ_MSG(test, f->nelem, n, "fragment %d", idx);
	KUNIT_EXPECT_EQ(test, f->dir, dir);
	KUNIT_EXPECT_PTR_EQ(test, f->device, fx->wd->device);
	for (i = 0; i < min_t(u32, n, WDFT_MAX_ELEMS) && i < f->nelem; i++) {
		size_t chunk = min_t(size_t, left,
				     PAGE_SIZE - (pos & (PAGE_SIZE - 1)));

		KUNIT_EXPECT_EQ_MSG(test, f->addr[i],
				    wdft_sbuf_dma(fx->wd->dev, fx->sb, pos),
				    "fragment %d element %u", idx, i);
		KUNIT_EXPECT_EQ_MSG(test, (size_t)f->len[i], chunk,
				    "fragment %d element %u", idx, i);
		pos += chunk;
		left -= chunk;
	}
}

/* ---- fragment and SG arithmetic over many buffer shapes ------------- */

struct tx_shape {
	const char *name;
	size_t off;
	size_t len;
	WDF_DMA_DIRECTION dir;
};

static const struct tx_shape tx_shapes[] = {
	{ "1 byte, page start", 0, 1, WdfDmaDirectionWriteToDevice },
	{ "1 byte, last byte of a page", PAGE_SIZE - 1, 1, WdfDmaDirectionReadFromDevice },
	{ "unaligned start inside a page", 100, 200, WdfDmaDirectionWriteToDevice },
	{ "16 bytes straddling a page boundary", PAGE_SIZE - 8, 16, WdfDmaDirectionReadFromDevice },
	{ "exactly MaximumLength, aligned", 0, TX_MAXLEN, WdfDmaDirectionWriteToDevice },
	{ "exactly MaximumLength, unaligned (3 pages)", 5, TX_MAXLEN, WdfDmaDirectionReadFromDevice },
	{ "MaximumLength + 1, aligned", 0, TX_MAXLEN + 1, WdfDmaDirectionWriteToDevice },
	{ "MaximumLength + 1, last byte of a page", PAGE_SIZE - 1, TX_MAXLEN + 1,
	  WdfDmaDirectionReadFromDevice },
	{ "128 KiB, aligned", 0, SZ_128K, WdfDmaDirectionWriteToDevice },
	{ "100000 bytes at offset 777", 777, 100000, WdfDmaDirectionReadFromDevice },
};

static void tx_shape_desc(const struct tx_shape *s, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s", s->name);
}
KUNIT_ARRAY_PARAM(tx_shapes, tx_shapes, tx_shape_desc);

static void tx_fragments_of_buffer_shapes(struct kunit *test)
{
	const struct tx_shape *s = test->param_value;
	unsigned int npages = span_pages(s->off, s->len) + 1;
	struct txfix *fx = txfix_create(test, TX_MAXLEN, npages);
	size_t start = 0, flen;
	int idx = 0, expected_frags;
	NTSTATUS st = STATUS_UNSUCCESSFUL;
	BOOLEAN done;

	expected_frags = DIV_ROUND_UP(s->len, TX_MAXLEN);
	KUNIT_ASSERT_LE(test, expected_frags, WDFT_MAX_FRAGS);
	KUNIT_ASSERT_EQ(test, tx_init(test, fx, s->off, s->len, s->dir), STATUS_SUCCESS);
	KUNIT_ASSERT_EQ(test, WdfDmaTransactionExecute(fx->tx, fx->rec), STATUS_SUCCESS);
	for (;;) {
		flen = min_t(size_t, s->len - start, TX_MAXLEN);
		KUNIT_ASSERT_EQ(test, fx->rec->n, idx + 1);
		check_frag(test, fx, idx, s->off, start, flen, s->dir);
		KUNIT_EXPECT_EQ(test, WdfDmaTransactionGetCurrentDmaTransferLength(fx->tx), flen);
		done = WdfDmaTransactionDmaCompleted(fx->tx, &st);
		start += flen;
		idx++;
		if (done)
			break;
		KUNIT_ASSERT_EQ(test, st, STATUS_MORE_PROCESSING_REQUIRED);
		KUNIT_ASSERT_LT(test, start, s->len);
	}
	KUNIT_EXPECT_EQ(test, st, STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, idx, expected_frags);
	KUNIT_EXPECT_EQ(test, start, s->len);
	KUNIT_EXPECT_EQ(test, fx->rec->n, expected_frags);
	KUNIT_EXPECT_EQ(test, WdfDmaTransactionGetBytesTransferred(fx->tx), s->len);
	KUNIT_EXPECT_EQ(test, WdfDmaTransactionGetCurrentDmaTransferLength(fx->tx), (size_t)0);
	KUNIT_EXPECT_FALSE(test, fx->rec->bad_tx);
	KUNIT_EXPECT_EQ(test, WdfDmaTransactionRelease(fx->tx), STATUS_SUCCESS);
}

/* ---- EvtProgramDma re-entrancy (doc/facts.md §4.4, §8.10, §8.11) ----- */

static void tx_execute_programs_first_fragment_synchronously(struct kunit *test)
{
	struct txfix *fx = txfix_create(test, TX_MAXLEN, 4);
	NTSTATUS st;

	KUNIT_ASSERT_EQ(test, tx_init(test, fx, 0, 3 * PAGE_SIZE,
				      WdfDmaDirectionWriteToDevice), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, fx->rec->n, 0);	/* not before Execute */
	fx->rec->in_call = 1;
	st = WdfDmaTransactionExecute(fx->tx, fx->rec);
	fx->rec->in_call = 0;
	KUNIT_ASSERT_EQ(test, st, STATUS_SUCCESS);
	KUNIT_ASSERT_EQ(test, fx->rec->n, 1);
	KUNIT_EXPECT_EQ(test, fx->rec->frags[0].in_call, 1);
	KUNIT_EXPECT_TRUE(test, fx->rec->frags[0].same_task);
	KUNIT_EXPECT_EQ(test, fx->rec->frags[0].transferred, (size_t)0);
	KUNIT_EXPECT_FALSE(test, fx->rec->bad_tx);
	WdfDmaTransactionDmaCompletedFinal(fx->tx, 0, &st);
	WdfDmaTransactionRelease(fx->tx);
}

static void tx_dma_completed_programs_next_fragment_inside(struct kunit *test)
{
	struct txfix *fx = txfix_create(test, TX_MAXLEN, 4);
	const size_t len = TX_MAXLEN + 100;
	NTSTATUS st = STATUS_SUCCESS;
	BOOLEAN done;

	KUNIT_ASSERT_EQ(test, tx_init(test, fx, 0, len, WdfDmaDirectionReadFromDevice),
			STATUS_SUCCESS);
	KUNIT_ASSERT_EQ(test, WdfDmaTransactionExecute(fx->tx, fx->rec), STATUS_SUCCESS);
	KUNIT_ASSERT_EQ(test, fx->rec->n, 1);
	fx->rec->in_call = 2;
	done = WdfDmaTransactionDmaCompleted(fx->tx, &st);
	fx->rec->in_call = 0;
	KUNIT_EXPECT_FALSE(test, done);
	KUNIT_EXPECT_EQ(test, st, STATUS_MORE_PROCESSING_REQUIRED);
	KUNIT_ASSERT_EQ(test, fx->rec->n, 2);
	KUNIT_EXPECT_EQ(test, fx->rec->frags[1].in_call, 2);
	KUNIT_EXPECT_TRUE(test, fx->rec->frags[1].same_task);
	check_frag(test, fx, 1, 0, TX_MAXLEN, len - TX_MAXLEN,
		   WdfDmaDirectionReadFromDevice);
	fx->rec->in_call = 3;
	done = WdfDmaTransactionDmaCompleted(fx->tx, &st);
	fx->rec->in_call = 0;
	KUNIT_EXPECT_TRUE(test, done);
	KUNIT_EXPECT_EQ(test, st, STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, fx->rec->n, 2);	/* nothing programmed at the end */
	WdfDmaTransactionRelease(fx->tx);
}

/* ---- parameter checks of Initialize (doc/facts.md §8.8) -------------- */

static void tx_initialize_zero_length_is_invalid_parameter(struct kunit *test)
{
	struct txfix *fx = txfix_create(test, TX_MAXLEN, 2);
	PMDL mdl = wdft_mdl(test, fx->sb->va, PAGE_SIZE);

	KUNIT_EXPECT_EQ(test, WdfDmaTransactionInitialize(fx->tx, wdft_program_dma,
				WdfDmaDirectionWriteToDevice, mdl, fx->sb->va, 0),
			STATUS_INVALID_PARAMETER);
	/* the failure left it Released: a real Initialize works, no WARN */
	KUNIT_EXPECT_EQ(test, WdfDmaTransactionInitialize(fx->tx, wdft_program_dma,
				WdfDmaDirectionWriteToDevice, mdl, fx->sb->va, 10),
			STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, WdfDmaTransactionRelease(fx->tx), STATUS_SUCCESS);
}

static void tx_initialize_bad_direction_is_invalid_parameter(struct kunit *test)
{
	struct txfix *fx = txfix_create(test, TX_MAXLEN, 2);
	PMDL mdl = wdft_mdl(test, fx->sb->va, PAGE_SIZE);

	KUNIT_EXPECT_EQ(test, WdfDmaTransactionInitialize(fx->tx, wdft_program_dma,
				(WDF_DMA_DIRECTION)2, mdl, fx->sb->va, 64),
			STATUS_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, fx->rec->n, 0);
}

static void tx_initialize_range_outside_mdl_is_invalid_parameter(struct kunit *test)
{
	struct txfix *fx = txfix_create(test, TX_MAXLEN, 3);
	PMDL mdl = wdft_mdl(test, fx->sb->va + 100, PAGE_SIZE);

	/* VA before the MDL */
	KUNIT_EXPECT_EQ(test, WdfDmaTransactionInitialize(fx->tx, wdft_program_dma,
				WdfDmaDirectionWriteToDevice, mdl, fx->sb->va + 99, 10),
			STATUS_INVALID_PARAMETER);
	/* VA at the MDL end */
	KUNIT_EXPECT_EQ(test, WdfDmaTransactionInitialize(fx->tx, wdft_program_dma,
				WdfDmaDirectionWriteToDevice, mdl,
				fx->sb->va + 100 + PAGE_SIZE, 1),
			STATUS_INVALID_PARAMETER);
	/* VA + Length one byte past the end */
	KUNIT_EXPECT_EQ(test, WdfDmaTransactionInitialize(fx->tx, wdft_program_dma,
				WdfDmaDirectionWriteToDevice, mdl, fx->sb->va + 200,
				PAGE_SIZE - 99),
			STATUS_INVALID_PARAMETER);
	/* exactly to the end is fine */
	KUNIT_EXPECT_EQ(test, WdfDmaTransactionInitialize(fx->tx, wdft_program_dma,
				WdfDmaDirectionWriteToDevice, mdl, fx->sb->va + 200,
				PAGE_SIZE - 100),
			STATUS_SUCCESS);
	WdfDmaTransactionRelease(fx->tx);
}

/* ---- state machine (doc/facts.md §8.8, §8.10, §8.13) ----------------- */

static void tx_execute_before_initialize_refused(struct kunit *test)
{
	struct txfix *fx = txfix_create(test, TX_MAXLEN, 1);
	NTSTATUS st;

	WDFT_WARN_BEGIN(test);
	st = WdfDmaTransactionExecute(fx->tx, fx->rec);
	WDFT_WARN_END(test);
	KUNIT_EXPECT_EQ(test, st, STATUS_INVALID_DEVICE_REQUEST);
	KUNIT_EXPECT_EQ(test, fx->rec->n, 0);
	KUNIT_EXPECT_EQ(test, WdfDmaTransactionGetBytesTransferred(fx->tx), (size_t)0);
}

static void tx_initialize_without_release_refused(struct kunit *test)
{
	struct txfix *fx = txfix_create(test, TX_MAXLEN, 3);
	PMDL mdl2 = wdft_mdl(test, fx->sb->va + PAGE_SIZE, 100);
	NTSTATUS st;

	KUNIT_ASSERT_EQ(test, tx_init(test, fx, 10, 300, WdfDmaDirectionWriteToDevice),
			STATUS_SUCCESS);
	WDFT_WARN_BEGIN(test);
	st = WdfDmaTransactionInitialize(fx->tx, wdft_program_dma,
					 WdfDmaDirectionReadFromDevice, mdl2,
					 fx->sb->va + PAGE_SIZE, 100);
	WDFT_WARN_END(test);
	KUNIT_EXPECT_EQ(test, st, STATUS_INVALID_DEVICE_STATE);
	/* the first initialization is intact */
	KUNIT_ASSERT_EQ(test, WdfDmaTransactionExecute(fx->tx, fx->rec), STATUS_SUCCESS);
	KUNIT_ASSERT_EQ(test, fx->rec->n, 1);
	check_frag(test, fx, 0, 10, 0, 300, WdfDmaDirectionWriteToDevice);
	WdfDmaTransactionDmaCompleted(fx->tx, &st);
	KUNIT_EXPECT_EQ(test, st, STATUS_SUCCESS);
	WdfDmaTransactionRelease(fx->tx);
}

/* Created -> Initialized -> Transfer -> Completed -> (Release) only. */
static void tx_state_machine_refusals(struct kunit *test)
{
	struct txfix *fx = txfix_create(test, TX_MAXLEN, 3);
	NTSTATUS st;

	KUNIT_ASSERT_EQ(test, tx_init(test, fx, 0, 100, WdfDmaDirectionWriteToDevice),
			STATUS_SUCCESS);
	KUNIT_ASSERT_EQ(test, WdfDmaTransactionExecute(fx->tx, fx->rec), STATUS_SUCCESS);
	/* a second Execute while transferring */
	WDFT_WARN_BEGIN(test);
	st = WdfDmaTransactionExecute(fx->tx, fx->rec);
	WDFT_WARN_END(test);
	KUNIT_EXPECT_EQ(test, st, STATUS_INVALID_DEVICE_REQUEST);
	KUNIT_EXPECT_EQ(test, fx->rec->n, 1);
	KUNIT_EXPECT_TRUE(test, WdfDmaTransactionDmaCompleted(fx->tx, &st));
	KUNIT_EXPECT_EQ(test, st, STATUS_SUCCESS);
	/* completed is not released: Initialize is refused */
	WDFT_WARN_BEGIN(test);
	st = tx_init(test, fx, 0, 100, WdfDmaDirectionWriteToDevice);
	WDFT_WARN_END(test);
	KUNIT_EXPECT_EQ(test, st, STATUS_INVALID_DEVICE_STATE);
	/* nor is another completion */
	WDFT_WARN_BEGIN(test);
	KUNIT_EXPECT_TRUE(test, WdfDmaTransactionDmaCompleted(fx->tx, &st));
	WDFT_WARN_END(test);
	KUNIT_EXPECT_EQ(test, st, STATUS_INVALID_DEVICE_STATE);
	KUNIT_EXPECT_EQ(test, fx->rec->n, 1);
	KUNIT_EXPECT_EQ(test, WdfDmaTransactionRelease(fx->tx), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, tx_init(test, fx, 0, 100, WdfDmaDirectionWriteToDevice),
			STATUS_SUCCESS);
	WdfDmaTransactionRelease(fx->tx);
}

static void tx_double_release_is_harmless(struct kunit *test)
{
	struct txfix *fx = txfix_create(test, TX_MAXLEN, 2);
	NTSTATUS st;

	KUNIT_ASSERT_EQ(test, tx_init(test, fx, 0, 64, WdfDmaDirectionWriteToDevice),
			STATUS_SUCCESS);
	KUNIT_ASSERT_EQ(test, WdfDmaTransactionExecute(fx->tx, fx->rec), STATUS_SUCCESS);
	KUNIT_EXPECT_TRUE(test, WdfDmaTransactionDmaCompleted(fx->tx, &st));
	KUNIT_EXPECT_EQ(test, WdfDmaTransactionRelease(fx->tx), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, WdfDmaTransactionRelease(fx->tx), STATUS_SUCCESS);
	/* released twice, it initializes again normally */
	KUNIT_ASSERT_EQ(test, tx_init(test, fx, 100, 64, WdfDmaDirectionReadFromDevice),
			STATUS_SUCCESS);
	KUNIT_ASSERT_EQ(test, WdfDmaTransactionExecute(fx->tx, fx->rec), STATUS_SUCCESS);
	KUNIT_ASSERT_EQ(test, fx->rec->n, 2);
	check_frag(test, fx, 1, 100, 0, 64, WdfDmaDirectionReadFromDevice);
	KUNIT_EXPECT_TRUE(test, WdfDmaTransactionDmaCompleted(fx->tx, &st));
	KUNIT_EXPECT_EQ(test, WdfDmaTransactionRelease(fx->tx), STATUS_SUCCESS);
}

static void tx_release_resets_bytes_transferred(struct kunit *test)
{
	struct txfix *fx = txfix_create(test, TX_MAXLEN, 5);
	const size_t len = 2 * TX_MAXLEN + 3;
	NTSTATUS st;

	KUNIT_ASSERT_EQ(test, tx_init(test, fx, 1, len, WdfDmaDirectionWriteToDevice),
			STATUS_SUCCESS);
	KUNIT_ASSERT_EQ(test, WdfDmaTransactionExecute(fx->tx, fx->rec), STATUS_SUCCESS);
	KUNIT_EXPECT_FALSE(test, WdfDmaTransactionDmaCompleted(fx->tx, &st));
	KUNIT_EXPECT_EQ(test, WdfDmaTransactionGetBytesTransferred(fx->tx), (size_t)TX_MAXLEN);
	KUNIT_EXPECT_FALSE(test, WdfDmaTransactionDmaCompleted(fx->tx, &st));
	KUNIT_EXPECT_EQ(test, WdfDmaTransactionGetBytesTransferred(fx->tx),
			(size_t)2 * TX_MAXLEN);
	KUNIT_EXPECT_TRUE(test, WdfDmaTransactionDmaCompleted(fx->tx, &st));
	KUNIT_EXPECT_EQ(test, st, STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, WdfDmaTransactionGetBytesTransferred(fx->tx), len);
	KUNIT_EXPECT_EQ(test, WdfDmaTransactionRelease(fx->tx), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, WdfDmaTransactionGetBytesTransferred(fx->tx), (size_t)0);
}

static void tx_dma_completed_outside_transfer_refused(struct kunit *test)
{
	struct txfix *fx = txfix_create(test, TX_MAXLEN, 1);
	NTSTATUS st = STATUS_SUCCESS;
	BOOLEAN done;

	WDFT_WARN_BEGIN(test);
	done = WdfDmaTransactionDmaCompleted(fx->tx, &st);
	WDFT_WARN_END(test);
	KUNIT_EXPECT_TRUE(test, done);
	KUNIT_EXPECT_EQ(test, st, STATUS_INVALID_DEVICE_STATE);
	KUNIT_EXPECT_EQ(test, fx->rec->n, 0);
}

/* ---- partial and final completion (doc/facts.md §8.11) --------------- */

static void tx_completed_with_length_resumes_after_transferred_bytes(struct kunit *test)
{
	struct txfix *fx = txfix_create(test, TX_MAXLEN, 5);
	const size_t off = 300, len = 3 * PAGE_SIZE, part = 1000;
	NTSTATUS st;

	KUNIT_ASSERT_EQ(test, tx_init(test, fx, off, len, WdfDmaDirectionReadFromDevice),
			STATUS_SUCCESS);
	KUNIT_ASSERT_EQ(test, WdfDmaTransactionExecute(fx->tx, fx->rec), STATUS_SUCCESS);
	check_frag(test, fx, 0, off, 0, TX_MAXLEN, WdfDmaDirectionReadFromDevice);
	KUNIT_EXPECT_FALSE(test, WdfDmaTransactionDmaCompletedWithLength(fx->tx, part, &st));
	KUNIT_EXPECT_EQ(test, st, STATUS_MORE_PROCESSING_REQUIRED);
	KUNIT_EXPECT_EQ(test, WdfDmaTransactionGetBytesTransferred(fx->tx), part);
	KUNIT_ASSERT_EQ(test, fx->rec->n, 2);
	/* the next fragment starts right after the transferred bytes */
	check_frag(test, fx, 1, off, part, min_t(size_t, len - part, TX_MAXLEN),
		   WdfDmaDirectionReadFromDevice);
	KUNIT_EXPECT_FALSE(test, WdfDmaTransactionDmaCompleted(fx->tx, &st));
	KUNIT_ASSERT_EQ(test, fx->rec->n, 3);
	check_frag(test, fx, 2, off, part + TX_MAXLEN, len - part - TX_MAXLEN,
		   WdfDmaDirectionReadFromDevice);
	KUNIT_EXPECT_TRUE(test, WdfDmaTransactionDmaCompleted(fx->tx, &st));
	KUNIT_EXPECT_EQ(test, st, STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, WdfDmaTransactionGetBytesTransferred(fx->tx), len);
	WdfDmaTransactionRelease(fx->tx);
}

static void tx_completed_with_length_zero_resumes_same_fragment(struct kunit *test)
{
	struct txfix *fx = txfix_create(test, TX_MAXLEN, 2);
	NTSTATUS st;

	KUNIT_ASSERT_EQ(test, tx_init(test, fx, 0, 500, WdfDmaDirectionReadFromDevice),
			STATUS_SUCCESS);
	KUNIT_ASSERT_EQ(test, WdfDmaTransactionExecute(fx->tx, fx->rec), STATUS_SUCCESS);
	KUNIT_EXPECT_FALSE(test, WdfDmaTransactionDmaCompletedWithLength(fx->tx, 0, &st));
	KUNIT_EXPECT_EQ(test, st, STATUS_MORE_PROCESSING_REQUIRED);
	KUNIT_ASSERT_EQ(test, fx->rec->n, 2);
	check_frag(test, fx, 1, 0, 0, 500, WdfDmaDirectionReadFromDevice);
	KUNIT_EXPECT_TRUE(test, WdfDmaTransactionDmaCompletedWithLength(fx->tx, 500, &st));
	KUNIT_EXPECT_EQ(test, st, STATUS_SUCCESS);
	WdfDmaTransactionRelease(fx->tx);
}

static void tx_completed_with_length_beyond_fragment_fails(struct kunit *test)
{
	struct txfix *fx = txfix_create(test, TX_MAXLEN, 5);
	NTSTATUS st;
	BOOLEAN done;

	KUNIT_ASSERT_EQ(test, tx_init(test, fx, 0, 2 * TX_MAXLEN,
				      WdfDmaDirectionReadFromDevice), STATUS_SUCCESS);
	KUNIT_ASSERT_EQ(test, WdfDmaTransactionExecute(fx->tx, fx->rec), STATUS_SUCCESS);
	WDFT_WARN_BEGIN(test);
	done = WdfDmaTransactionDmaCompletedWithLength(fx->tx, TX_MAXLEN + 1, &st);
	WDFT_WARN_END(test);
	KUNIT_EXPECT_TRUE(test, done);
	KUNIT_EXPECT_EQ(test, st, STATUS_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, fx->rec->n, 1);	/* nothing more programmed */
	KUNIT_EXPECT_EQ(test, WdfDmaTransactionRelease(fx->tx), STATUS_SUCCESS);
}

static void tx_completed_final_stops(struct kunit *test)
{
	struct txfix *fx = txfix_create(test, TX_MAXLEN, 7);
	NTSTATUS st;

	KUNIT_ASSERT_EQ(test, tx_init(test, fx, 0, 3 * TX_MAXLEN,
				      WdfDmaDirectionWriteToDevice), STATUS_SUCCESS);
	KUNIT_ASSERT_EQ(test, WdfDmaTransactionExecute(fx->tx, fx->rec), STATUS_SUCCESS);
	KUNIT_EXPECT_FALSE(test, WdfDmaTransactionDmaCompleted(fx->tx, &st));
	KUNIT_EXPECT_TRUE(test, WdfDmaTransactionDmaCompletedFinal(fx->tx, 500, &st));
	KUNIT_EXPECT_EQ(test, st, STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, WdfDmaTransactionGetBytesTransferred(fx->tx),
			(size_t)TX_MAXLEN + 500);
	KUNIT_EXPECT_EQ(test, WdfDmaTransactionGetCurrentDmaTransferLength(fx->tx), (size_t)0);
	KUNIT_EXPECT_EQ(test, fx->rec->n, 2);
	WdfDmaTransactionRelease(fx->tx);
}

/* ---- single transfer and SG limits (doc/facts.md §4.4, §8.8, §8.14) -- */

static void tx_single_transfer_too_many_transfers(struct kunit *test)
{
	struct txfix *fx = txfix_create(test, TX_MAXLEN, 4);
	NTSTATUS st;

	WdfDmaTransactionSetSingleTransferRequirement(fx->tx, TRUE);
	KUNIT_EXPECT_EQ(test, tx_init(test, fx, 0, TX_MAXLEN + 1,
				      WdfDmaDirectionWriteToDevice),
			STATUS_WDF_TOO_MANY_TRANSFERS);
	/* exactly MaximumLength is one transfer */
	WdfDmaTransactionRelease(fx->tx);
	WdfDmaTransactionSetSingleTransferRequirement(fx->tx, TRUE);
	KUNIT_ASSERT_EQ(test, tx_init(test, fx, 3, TX_MAXLEN, WdfDmaDirectionWriteToDevice),
			STATUS_SUCCESS);
	KUNIT_ASSERT_EQ(test, WdfDmaTransactionExecute(fx->tx, fx->rec), STATUS_SUCCESS);
	check_frag(test, fx, 0, 3, 0, TX_MAXLEN, WdfDmaDirectionWriteToDevice);
	KUNIT_EXPECT_TRUE(test, WdfDmaTransactionDmaCompleted(fx->tx, &st));
	KUNIT_EXPECT_EQ(test, st, STATUS_SUCCESS);
	WdfDmaTransactionRelease(fx->tx);
}

static void tx_single_transfer_reset_by_release(struct kunit *test)
{
	struct txfix *fx = txfix_create(test, TX_MAXLEN, 4);

	WdfDmaTransactionSetSingleTransferRequirement(fx->tx, TRUE);
	KUNIT_EXPECT_EQ(test, tx_init(test, fx, 0, TX_MAXLEN + 1,
				      WdfDmaDirectionWriteToDevice),
			STATUS_WDF_TOO_MANY_TRANSFERS);
	WdfDmaTransactionRelease(fx->tx);
	KUNIT_EXPECT_EQ(test, tx_init(test, fx, 0, TX_MAXLEN + 1,
				      WdfDmaDirectionWriteToDevice), STATUS_SUCCESS);
	WdfDmaTransactionRelease(fx->tx);
}

/* A single transfer cannot continue after a partial completion (§8.11). */
static void tx_single_transfer_partial_completion_fails(struct kunit *test)
{
	struct txfix *fx = txfix_create(test, TX_MAXLEN, 3);
	NTSTATUS st;

	WdfDmaTransactionSetSingleTransferRequirement(fx->tx, TRUE);
	KUNIT_ASSERT_EQ(test, tx_init(test, fx, 0, 5000, WdfDmaDirectionReadFromDevice),
			STATUS_SUCCESS);
	KUNIT_ASSERT_EQ(test, WdfDmaTransactionExecute(fx->tx, fx->rec), STATUS_SUCCESS);
	KUNIT_EXPECT_TRUE(test, WdfDmaTransactionDmaCompletedWithLength(fx->tx, 1000, &st));
	KUNIT_EXPECT_EQ(test, st, STATUS_WDF_TOO_MANY_TRANSFERS);
	KUNIT_EXPECT_EQ(test, fx->rec->n, 1);
	KUNIT_EXPECT_EQ(test, WdfDmaTransactionRelease(fx->tx), STATUS_SUCCESS);
}

static void tx_single_transfer_too_fragmented(struct kunit *test)
{
	struct txfix *fx = txfix_create(test, TX_MAXLEN, 4);
	NTSTATUS st;

	/* 2 elements allowed; 8 KiB at offset 1 spans 3 pages */
	WdfDmaEnablerSetMaximumScatterGatherElements(fx->en, 2);
	KUNIT_ASSERT_EQ(test, span_pages(1, TX_MAXLEN), 3U);
	WdfDmaTransactionSetSingleTransferRequirement(fx->tx, TRUE);
	KUNIT_EXPECT_EQ(test, tx_init(test, fx, 1, TX_MAXLEN, WdfDmaDirectionWriteToDevice),
			STATUS_WDF_TOO_FRAGMENTED);
	WdfDmaTransactionRelease(fx->tx);
	/* page-aligned, 2 pages: fits */
	KUNIT_ASSERT_EQ(test, span_pages(0, TX_MAXLEN), 2U);
	WdfDmaTransactionSetSingleTransferRequirement(fx->tx, TRUE);
	KUNIT_ASSERT_EQ(test, tx_init(test, fx, 0, TX_MAXLEN, WdfDmaDirectionWriteToDevice),
			STATUS_SUCCESS);
	KUNIT_ASSERT_EQ(test, WdfDmaTransactionExecute(fx->tx, fx->rec), STATUS_SUCCESS);
	check_frag(test, fx, 0, 0, 0, TX_MAXLEN, WdfDmaDirectionWriteToDevice);
	KUNIT_EXPECT_TRUE(test, WdfDmaTransactionDmaCompleted(fx->tx, &st));
	WdfDmaTransactionRelease(fx->tx);
}

static void tx_max_sg_elements_enforced(struct kunit *test)
{
	struct txfix *fx = txfix_create(test, TX_MAXLEN, 6);

	WdfDmaEnablerSetMaximumScatterGatherElements(fx->en, 2);
	KUNIT_EXPECT_EQ(test, WdfDmaEnablerGetMaximumScatterGatherElements(fx->en),
			(size_t)2);
	/* a fragment at offset 10 of 8 KiB spans 3 pages > 2 */
	KUNIT_EXPECT_EQ(test, tx_init(test, fx, 10, 2 * TX_MAXLEN,
				      WdfDmaDirectionReadFromDevice),
			STATUS_WDF_TOO_FRAGMENTED);
	WdfDmaTransactionRelease(fx->tx);
	/* 3 allowed (the PLX setting): fits */
	WdfDmaEnablerSetMaximumScatterGatherElements(fx->en, 3);
	KUNIT_EXPECT_EQ(test, tx_init(test, fx, 10, 2 * TX_MAXLEN,
				      WdfDmaDirectionReadFromDevice), STATUS_SUCCESS);
	WdfDmaTransactionRelease(fx->tx);
}

/*
 * Initialize builds the first fragment's list while it checks the split:
 * a later fragment that is too fragmented still fails it (and the list
 * it built is not used), and a split that fits stages exactly that first
 * fragment at Execute.
 */
static void tx_later_fragment_too_fragmented(struct kunit *test)
{
	/* fragment k starts k * 1000 bytes into a page: the 5th (k = 4) at 4000 */
	const size_t maxlen = PAGE_SIZE + 1000, last = 2 * PAGE_SIZE - 4000;
	struct txfix *fx = txfix_create(test, maxlen, 8);
	NTSTATUS st;
	int k;

	KUNIT_ASSERT_EQ(test, PAGE_SIZE, 4096UL);
	WdfDmaEnablerSetMaximumScatterGatherElements(fx->en, 2);
	for (k = 0; k < 4; k++)
		KUNIT_ASSERT_EQ(test, span_pages(k * maxlen, maxlen), 2U);
	/* a 5th fragment of last + 1 bytes spans 3 pages */
	KUNIT_ASSERT_EQ(test, span_pages(4 * maxlen, last + 1), 3U);
	KUNIT_EXPECT_EQ(test, tx_init(test, fx, 0, 4 * maxlen + last + 1,
				      WdfDmaDirectionWriteToDevice),
			STATUS_WDF_TOO_FRAGMENTED);
	KUNIT_EXPECT_EQ(test, fx->rec->n, 0);
	WdfDmaTransactionRelease(fx->tx);
	/* of last bytes, 2 pages: fits */
	KUNIT_ASSERT_EQ(test, span_pages(4 * maxlen, last), 2U);
	KUNIT_ASSERT_EQ(test, tx_init(test, fx, 0, 4 * maxlen + last,
				      WdfDmaDirectionWriteToDevice), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, WdfDmaTransactionGetCurrentDmaTransferLength(fx->tx),
			(size_t)0);
	KUNIT_ASSERT_EQ(test, WdfDmaTransactionExecute(fx->tx, fx->rec), STATUS_SUCCESS);
	check_frag(test, fx, 0, 0, 0, maxlen, WdfDmaDirectionWriteToDevice);
	for (k = 1; k < 5; k++) {
		KUNIT_EXPECT_EQ(test, WdfDmaTransactionDmaCompleted(fx->tx, &st),
				(BOOLEAN)FALSE);
		check_frag(test, fx, k, 0, k * maxlen, k < 4 ? maxlen : last,
			   WdfDmaDirectionWriteToDevice);
	}
	KUNIT_EXPECT_TRUE(test, WdfDmaTransactionDmaCompleted(fx->tx, &st));
	KUNIT_EXPECT_EQ(test, st, STATUS_SUCCESS);
	WdfDmaTransactionRelease(fx->tx);
}

static void tx_set_maximum_length_only_lowers(struct kunit *test)
{
	struct txfix *fx = txfix_create(test, TX_MAXLEN, 4);
	NTSTATUS st;

	KUNIT_ASSERT_EQ(test, tx_init(test, fx, 0, 3 * PAGE_SIZE,
				      WdfDmaDirectionWriteToDevice), STATUS_SUCCESS);
	WdfDmaTransactionSetMaximumLength(fx->tx, 2 * TX_MAXLEN);	/* ignored */
	WdfDmaTransactionSetMaximumLength(fx->tx, PAGE_SIZE);
	/* issue 9: lowered, it is never raised again (not even within 8 KiB) */
	WdfDmaTransactionSetMaximumLength(fx->tx, TX_MAXLEN);
	WdfDmaTransactionSetMaximumLength(fx->tx, PAGE_SIZE + 512);
	KUNIT_ASSERT_EQ(test, WdfDmaTransactionExecute(fx->tx, fx->rec), STATUS_SUCCESS);
	check_frag(test, fx, 0, 0, 0, PAGE_SIZE, WdfDmaDirectionWriteToDevice);
	KUNIT_EXPECT_FALSE(test, WdfDmaTransactionDmaCompleted(fx->tx, &st));
	check_frag(test, fx, 1, 0, PAGE_SIZE, PAGE_SIZE, WdfDmaDirectionWriteToDevice);
	KUNIT_EXPECT_FALSE(test, WdfDmaTransactionDmaCompleted(fx->tx, &st));
	KUNIT_EXPECT_TRUE(test, WdfDmaTransactionDmaCompleted(fx->tx, &st));
	KUNIT_EXPECT_EQ(test, fx->rec->n, 3);
	/* reset by Release: the enabler's 8 KiB again */
	WdfDmaTransactionRelease(fx->tx);
	KUNIT_ASSERT_EQ(test, tx_init(test, fx, 0, 3 * PAGE_SIZE,
				      WdfDmaDirectionWriteToDevice), STATUS_SUCCESS);
	KUNIT_ASSERT_EQ(test, WdfDmaTransactionExecute(fx->tx, fx->rec), STATUS_SUCCESS);
	check_frag(test, fx, 3, 0, 0, TX_MAXLEN, WdfDmaDirectionWriteToDevice);
	WdfDmaTransactionDmaCompletedFinal(fx->tx, 0, &st);
	WdfDmaTransactionRelease(fx->tx);
}

/* The create's refusals are wdf_object_test.c's table. */
static void tx_created_on_device_without_request(struct kunit *test)
{
	struct txfix *fx = txfix_create(test, TX_MAXLEN, 1);

	KUNIT_EXPECT_PTR_EQ(test, WdfDmaTransactionGetDevice(fx->tx), fx->wd->device);
	KUNIT_EXPECT_NULL(test, WdfDmaTransactionGetRequest(fx->tx));
}

/* ---- injected failures (doc/facts.md §8.7, §8.8) --------------------- */

static int tx_stub_sg_fail(struct sg_table *sgt, struct page **pages,
			   unsigned int n_pages, unsigned int offset,
			   unsigned long size, unsigned int max_segment)
{
	return -ENOMEM;
}

static void *tx_stub_no_memory(size_t size, gfp_t gfp)
{
	return NULL;
}

static void tx_create_allocation_failure(struct kunit *test)
{
	struct txfix *fx = txfix_create(test, TX_MAXLEN, 1);
	unsigned long live = wdft_live_objects();
	WDFDMATRANSACTION tx = (WDFDMATRANSACTION)fx;

	kunit_activate_static_stub(test, wdf_mem_alloc, tx_stub_no_memory);
	KUNIT_EXPECT_EQ(test, WdfDmaTransactionCreate(fx->en, NULL, &tx),
			STATUS_INSUFFICIENT_RESOURCES);
	kunit_deactivate_static_stub(test, wdf_mem_alloc);
	KUNIT_EXPECT_NULL(test, tx);
	KUNIT_EXPECT_EQ(test, wdft_live_objects(), live);
}

static void tx_sg_table_failure_leaves_it_released(struct kunit *test)
{
	struct txfix *fx = txfix_create(test, TX_MAXLEN, 3);
	NTSTATUS st;

	kunit_activate_static_stub(test, wdf_sg_alloc_table, tx_stub_sg_fail);
	KUNIT_EXPECT_EQ(test, tx_init(test, fx, 0, 2 * PAGE_SIZE,
				      WdfDmaDirectionWriteToDevice),
			STATUS_INSUFFICIENT_RESOURCES);
	kunit_deactivate_static_stub(test, wdf_sg_alloc_table);
	KUNIT_EXPECT_EQ(test, fx->rec->n, 0);
	KUNIT_EXPECT_EQ(test, WdfDmaTransactionRelease(fx->tx), STATUS_SUCCESS);
	/* Released: a new Initialize works, without a WARN */
	KUNIT_ASSERT_EQ(test, tx_init(test, fx, 0, 2 * PAGE_SIZE,
				      WdfDmaDirectionWriteToDevice), STATUS_SUCCESS);
	KUNIT_ASSERT_EQ(test, WdfDmaTransactionExecute(fx->tx, fx->rec), STATUS_SUCCESS);
	check_frag(test, fx, 0, 0, 0, 2 * PAGE_SIZE, WdfDmaDirectionWriteToDevice);
	KUNIT_EXPECT_TRUE(test, WdfDmaTransactionDmaCompleted(fx->tx, &st));
	WdfDmaTransactionRelease(fx->tx);
}

/* The SG list is allocated after dma_map_sgtable: the mapping is undone. */
static void tx_sg_list_failure_unmaps(struct kunit *test)
{
	struct txfix *fx = txfix_create(test, TX_MAXLEN, 3);
	PMDL mdl = wdft_mdl(test, fx->sb->va + 8, PAGE_SIZE);
	NTSTATUS st;

	kunit_activate_static_stub(test, wdf_mem_alloc, tx_stub_no_memory);
	st = WdfDmaTransactionInitialize(fx->tx, wdft_program_dma,
					 WdfDmaDirectionReadFromDevice, mdl,
					 fx->sb->va + 8, PAGE_SIZE);
	kunit_deactivate_static_stub(test, wdf_mem_alloc);
	KUNIT_EXPECT_EQ(test, st, STATUS_INSUFFICIENT_RESOURCES);
	/* a leaked mapping would be reported by DMA-API debug at unbind */
	KUNIT_EXPECT_EQ(test, tx_init(test, fx, 8, PAGE_SIZE,
				      WdfDmaDirectionReadFromDevice), STATUS_SUCCESS);
	WdfDmaTransactionRelease(fx->tx);
}

/* KMDF bugchecks only with verifier on; the shim warns and releases. */
static void tx_release_during_transfer(struct kunit *test)
{
	struct txfix *fx = txfix_create(test, TX_MAXLEN, 5);
	NTSTATUS st;

	KUNIT_ASSERT_EQ(test, tx_init(test, fx, 0, 2 * TX_MAXLEN,
				      WdfDmaDirectionReadFromDevice), STATUS_SUCCESS);
	KUNIT_ASSERT_EQ(test, WdfDmaTransactionExecute(fx->tx, fx->rec), STATUS_SUCCESS);
	WDFT_WARN_BEGIN(test);
	st = WdfDmaTransactionRelease(fx->tx);
	WDFT_WARN_END(test);
	KUNIT_EXPECT_EQ(test, st, STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, WdfDmaTransactionGetBytesTransferred(fx->tx), (size_t)0);
	KUNIT_EXPECT_EQ(test, fx->rec->n, 1);
	KUNIT_EXPECT_EQ(test, tx_init(test, fx, 0, 100, WdfDmaDirectionReadFromDevice),
			STATUS_SUCCESS);
	WdfDmaTransactionRelease(fx->tx);
}

/* Single-transfer can only be set before Initialize (doc/facts.md §8.14). */
static void tx_single_transfer_ignored_after_initialize(struct kunit *test)
{
	struct txfix *fx = txfix_create(test, TX_MAXLEN, 4);
	NTSTATUS st;

	KUNIT_ASSERT_EQ(test, tx_init(test, fx, 0, TX_MAXLEN + 1,
				      WdfDmaDirectionWriteToDevice), STATUS_SUCCESS);
	WDFT_WARN_BEGIN(test);
	WdfDmaTransactionSetSingleTransferRequirement(fx->tx, TRUE);
	WDFT_WARN_END(test);
	KUNIT_ASSERT_EQ(test, WdfDmaTransactionExecute(fx->tx, fx->rec), STATUS_SUCCESS);
	KUNIT_EXPECT_FALSE(test, WdfDmaTransactionDmaCompleted(fx->tx, &st));
	KUNIT_EXPECT_EQ(test, st, STATUS_MORE_PROCESSING_REQUIRED);
	check_frag(test, fx, 1, 0, TX_MAXLEN, 1, WdfDmaDirectionWriteToDevice);
	KUNIT_EXPECT_TRUE(test, WdfDmaTransactionDmaCompleted(fx->tx, &st));
	KUNIT_EXPECT_EQ(test, st, STATUS_SUCCESS);
	WdfDmaTransactionRelease(fx->tx);
}

static struct kunit_case wdf_dmatransaction_cases[] = {
	KUNIT_CASE_PARAM(tx_fragments_of_buffer_shapes, tx_shapes_gen_params),
	KUNIT_CASE(tx_execute_programs_first_fragment_synchronously),
	KUNIT_CASE(tx_dma_completed_programs_next_fragment_inside),
	KUNIT_CASE(tx_initialize_zero_length_is_invalid_parameter),
	KUNIT_CASE(tx_initialize_bad_direction_is_invalid_parameter),
	KUNIT_CASE(tx_initialize_range_outside_mdl_is_invalid_parameter),
	KUNIT_CASE(tx_execute_before_initialize_refused),
	KUNIT_CASE(tx_initialize_without_release_refused),
	KUNIT_CASE(tx_state_machine_refusals),
	KUNIT_CASE(tx_double_release_is_harmless),
	KUNIT_CASE(tx_release_resets_bytes_transferred),
	KUNIT_CASE(tx_dma_completed_outside_transfer_refused),
	KUNIT_CASE(tx_completed_with_length_resumes_after_transferred_bytes),
	KUNIT_CASE(tx_completed_with_length_zero_resumes_same_fragment),
	KUNIT_CASE(tx_completed_with_length_beyond_fragment_fails),
	KUNIT_CASE(tx_completed_final_stops),
	KUNIT_CASE(tx_single_transfer_too_many_transfers),
	KUNIT_CASE(tx_single_transfer_reset_by_release),
	KUNIT_CASE(tx_single_transfer_too_fragmented),
	KUNIT_CASE(tx_single_transfer_partial_completion_fails),
	KUNIT_CASE(tx_max_sg_elements_enforced),
	KUNIT_CASE(tx_later_fragment_too_fragmented),
	KUNIT_CASE(tx_set_maximum_length_only_lowers),
	KUNIT_CASE(tx_created_on_device_without_request),
	KUNIT_CASE(tx_create_allocation_failure),
	KUNIT_CASE(tx_sg_table_failure_leaves_it_released),
	KUNIT_CASE(tx_sg_list_failure_unmaps),
	KUNIT_CASE(tx_release_during_transfer),
	KUNIT_CASE(tx_single_transfer_ignored_after_initialize),
	{}
};

static struct kunit_suite wdf_dmatransaction_suite = {
	.name = "wdf_dmatransaction",
	.test_cases = wdf_dmatransaction_cases,
};
kunit_test_suite(wdf_dmatransaction_suite);
