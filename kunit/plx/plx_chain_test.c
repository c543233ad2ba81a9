// SPDX-License-Identifier: GPL-2.0-only
/*
 * The descriptor chains the PLX core's EvtProgramDma
 * builds, for many buffer layouts, as the board model walks them: each
 * chain is captured when the core writes DMACSR Start and compared with
 * what follows from the buffer's page layout (the pages the test mapped,
 * looked up independently), the file offset and the configured chain
 * length (suite plx_chain: the default 128 KiB, one chain per request;
 * plx_chain_8k: the sample's 8 KiB); the data must then land in / come
 * from the model's SRAM at the file offset.
 */
#include <kunit/test.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include "plx_bench.h"

#define PLXT_USER_FILL	0x5A
#define PLXT_SRAM_FILL	0xC3

struct plxt_chain_case {
	const char *name;
	bool read;
	bool kernel;	/* pairwise non-adjacent kernel pages, exact count */
	size_t boff;	/* first byte's offset in the (page-aligned) mapping */
	size_t len;
	loff_t foff;	/* file offset = SRAM address */
};

static const struct plxt_chain_case plxt_chain_cases[] = {
	{ "write 1 byte", false, false, 0, 1, 0 },
	{ "write 1 byte, last of a page", false, false, 4095, 1, 77 },
	{ "write 4 KiB, unaligned start", false, false, 5, 4096, 3 },
	{ "write 200 bytes straddling pages", false, false, 4000, 200, 1000 },
	{ "write 8 KiB aligned", false, false, 0, 8192, 0 },
	{ "write 8 KiB unaligned", false, false, 1, 8192, 512 },
	{ "write 8 KiB + 1", false, false, 0, 8193, 0 },
	{ "write 128 KiB", false, false, 0, 131072, 0 },
	{ "write 128 KiB - 64, unaligned, at 64", false, false, 3, 131008, 64 },
	{ "read 1 byte", true, false, 100, 1, 4321 },
	{ "read 8 KiB + 1 at 4096", true, false, 2048, 8193, 4096 },
	{ "read 128 KiB", true, false, 0, 131072, 0 },
	{ "write 8 KiB over 3 pages (3 SG elements)", false, true, 100, 8192, 0 },
	{ "read 8 KiB over 3 pages (3 SG elements)", true, true, 4000, 8192, 8 },
	{ "write 12 KiB over 4 pages (3 + 2)", false, true, 2048, 12288, 256 },
	{ "write 8 KiB + 1 over 4 pages", false, true, 4095, 8193, 1 },
	{ "write 128 KiB over 33 pages (worst case)", false, true, 100, 131072, 0 },
	{ "read 128 KiB over 33 pages (worst case)", true, true, 4095, 131072, 0 },
	{ "read 64 KiB + 3 over 18 pages", true, true, 4094, 65539, 9 },
};

static void plxt_chain_case_desc(const struct plxt_chain_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s", c->name);
}

KUNIT_ARRAY_PARAM(plxt_chain, plxt_chain_cases, plxt_chain_case_desc);

/* Byte @i of the user or kernel buffer (the whole mapping). */
static void plxt_get_buf(struct kunit *test, const struct plxt_layout *l,
			 u8 *dst, size_t off, size_t len)
{
	if (l->k) {
		memcpy(dst, l->k->va + off, len);
		return;
	}
	KUNIT_ASSERT_EQ(test, copy_from_user(dst, (void __user *)(l->u->base +
						  off), len), 0UL);
}

static void plx_chain_layout_test(struct kunit *test)
{
	const struct plxt_chain_case *c = test->param_value;
	int ch = c->read ? PLX_CH_READ : PLX_CH_WRITE;
	size_t maplen = PAGE_ALIGN(c->boff + c->len), i, bad;
	struct plxt_layout lay = { .boff = c->boff };
	unsigned int flags = 0, nchains, k;
	PLX_COUNTERS cnt;
	unsigned long addr;
	struct plxt_bench *b;
	u32 seed = c->len ^ (u32)c->foff;
	u8 *buf;
	long r;

	b = plxt_bench_create(test);
	memset(b->sram, PLXT_SRAM_FILL, PLXT_SRAM);

	if (c->kernel) {
		lay.k = plxt_kbuf_alloc(test, maplen >> PAGE_SHIFT);
		memset(lay.k->va, PLXT_USER_FILL, maplen);
		addr = (unsigned long)lay.k->va + c->boff;
		flags = WDF_TEST_IO_KERNEL_BUFFER;
		if (!c->read)
			for (i = 0; i < c->len; i++)
				lay.k->va[c->boff + i] = plxt_pat(seed, i);
	} else {
		lay.u = plxt_ubuf_alloc(test, maplen, PLXT_USER_FILL);
		addr = lay.u->base + c->boff;
		if (!c->read)
			plxt_ubuf_fill(test, lay.u,
				       c->boff, c->len, seed);
	}
	if (c->read)
		for (i = 0; i < c->len; i++)
			b->sram[c->foff + i] = plxt_pat(seed, i);

	r = plxt_rw(b, c->read ? WdfRequestTypeRead : WdfRequestTypeWrite,
		    addr, c->len, c->foff, flags);
	KUNIT_EXPECT_EQ(test, r, (long)c->len);

	/* One chain per PLXT_CHUNK bytes of the request, each checked. */
	nchains = DIV_ROUND_UP(c->len, PLXT_CHUNK);
	KUNIT_ASSERT_EQ(test, b->nchains, (int)nchains);
	KUNIT_EXPECT_EQ(test, b->lost_chains, 0);
	for (k = 0; k < nchains; k++)
		plxt_check_chain(test, &b->chains[k], ch, &lay, k * PLXT_CHUNK,
				 min_t(size_t, c->len, (k + 1) * PLXT_CHUNK),
				 c->foff, c->kernel);

	/* The data, at the file offset and nowhere else. */
	buf = kunit_kmalloc(test, maplen, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	bad = 0;
	if (c->read) {
		plxt_get_buf(test, &lay, buf, 0, maplen);
		for (i = 0; i < maplen; i++) {
			u8 want = i >= c->boff && i < c->boff + c->len ?
				plxt_pat(seed, i - c->boff) : PLXT_USER_FILL;

			bad += buf[i] != want;
		}
	} else {
		for (i = 0; i < PLXT_SRAM; i++) {
			u8 want = i >= c->foff && i < c->foff + c->len ?
				plxt_pat(seed, i - c->foff) : PLXT_SRAM_FILL;

			bad += b->sram[i] != want;
		}
	}
	KUNIT_EXPECT_EQ_MSG(test, bad, (size_t)0, "bytes wrong after the %s",
			    c->read ? "read" : "write");
	if (c->read)
		KUNIT_EXPECT_EQ(test, b->data_written, (u64)c->len);
	else
		KUNIT_EXPECT_EQ(test, b->data_read, (u64)c->len);

	/* Bookkeeping: one interrupt per chain, each acknowledged. */
	cnt = plxt_counters(b);
	KUNIT_EXPECT_EQ(test, cnt.Requests, 1ull);
	KUNIT_EXPECT_EQ(test, c->read ? cnt.BytesRead : cnt.BytesWritten,
			(u64)c->len);
	KUNIT_EXPECT_EQ(test, c->read ? cnt.BytesWritten : cnt.BytesRead, 0ull);
	KUNIT_EXPECT_EQ(test, cnt.Interrupts, (u64)nchains);
	KUNIT_EXPECT_EQ(test, cnt.Errors, 0ull);
	KUNIT_EXPECT_EQ(test, cnt.SpuriousDpcs, 0ull);
	KUNIT_EXPECT_EQ(test, b->isr_true, nchains);
	KUNIT_EXPECT_EQ(test, b->isr_false, 0u);
	KUNIT_EXPECT_EQ(test, b->clears[ch], nchains);
	KUNIT_EXPECT_EQ(test, b->starts[ch], nchains);
	KUNIT_EXPECT_EQ(test, b->starts[!ch], 0u);
	KUNIT_EXPECT_EQ(test, b->dma_faults, 0u);
	KUNIT_EXPECT_EQ(test, b->bad_accesses, 0u);
	KUNIT_EXPECT_EQ(test, b->model_msgs, 0u);
	KUNIT_EXPECT_EQ(test, plxt_chan_status(b, ch), PLX9656_CHAN_OK);
	KUNIT_EXPECT_EQ(test, plxt_irq_level(b), 0);
}

static struct kunit_case plx_chain_test_cases[] = {
	KUNIT_CASE_PARAM(plx_chain_layout_test, plxt_chain_gen_params),
	{}
};

static struct kunit_suite plx_chain_test_suite = {
	.name = "plx_chain",
	.suite_init = plxt_suite_chunk_default,
	.suite_exit = plxt_suite_chunk_restore,
	.test_cases = plx_chain_test_cases,
};

/*
 * The same cases with the sample's 8 KiB chains (own array: KUnit keeps
 * per-case state in it).
 */
static struct kunit_case plx_chain_8k_test_cases[] = {
	KUNIT_CASE_PARAM(plx_chain_layout_test, plxt_chain_gen_params),
	{}
};

static struct kunit_suite plx_chain_8k_test_suite = {
	.name = "plx_chain_8k",
	.suite_init = plxt_suite_chunk_sample,
	.suite_exit = plxt_suite_chunk_restore,
	.test_cases = plx_chain_8k_test_cases,
};

kunit_test_suites(&plx_chain_test_suite, &plx_chain_8k_test_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit: PLX9x5x descriptor chains on the PLX 9656 model");
