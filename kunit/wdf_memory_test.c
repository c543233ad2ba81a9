// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: WDFMEMORY. Create: statuses, a zeroed buffer of the size asked,
 * allocation failure; preallocated: the caller's buffer, never freed by
 * the shim (KASAN would see a double free); CopyTo/CopyFromBuffer: exact
 * bytes at an offset, the last byte in range, STATUS_BUFFER_TOO_SMALL one
 * past it with nothing copied, STATUS_INVALID_PARAMETER for zero bytes and
 * offset overflow; deletion with the parent, children first; contexts.
 */
#include <kunit/test.h>
#include <linux/atomic.h>
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/string.h>
#include "wdf_test_util.h"

typedef struct _MEMT_CTX {
	u32 magic;
} MEMT_CTX;
WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(MEMT_CTX, memt_ctx);

static void memory_create_statuses(struct kunit *test)
{
	unsigned long live = wdft_live_objects();
	WDFMEMORY m;
	size_t size;
	PVOID buf;
	u8 *p;

	m = (WDFMEMORY)&live;
	buf = &live;
	KUNIT_EXPECT_EQ(test, WdfMemoryCreate(NULL, NonPagedPool, 0, 0, &m, &buf),
			STATUS_INVALID_PARAMETER);
	KUNIT_EXPECT_NULL(test, m);
	KUNIT_EXPECT_NULL(test, buf);
	/* the prologue's refusals: wdf_object_test.c */
	KUNIT_EXPECT_EQ(test, wdft_live_objects(), live);

	KUNIT_ASSERT_EQ(test, WdfMemoryCreate(NULL, NonPagedPoolNx, 0x6d656d74, 3000,
					      &m, &buf), STATUS_SUCCESS);
	KUNIT_ASSERT_NOT_NULL(test, m);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_EXPECT_EQ(test, wdft_live_objects(), live + 1);
	p = WdfMemoryGetBuffer(m, &size);
	KUNIT_EXPECT_PTR_EQ(test, (void *)p, buf);
	KUNIT_EXPECT_EQ(test, size, 3000UL);
	KUNIT_EXPECT_NULL(test, memchr_inv(p, 0, size));
	p[2999] = 0x5a;				/* in bounds (KASAN) */
	KUNIT_EXPECT_PTR_EQ(test, WdfMemoryGetBuffer(m, NULL), buf);
	WdfObjectDelete(m);
	KUNIT_EXPECT_EQ(test, wdft_live_objects(), live);

	/* a large buffer comes from vmalloc, transparently */
	KUNIT_ASSERT_EQ(test, WdfMemoryCreate(NULL, NonPagedPool, 0, 1 << 20, &m, &buf),
			STATUS_SUCCESS);
	((u8 *)buf)[(1 << 20) - 1] = 1;
	WdfObjectDelete(m);

	/* the prologue's one WARN_ONCE may have fired already */
	WDFT_WARN_BEGIN(test);
	KUNIT_EXPECT_EQ(test, WdfMemoryCreate(NULL, NonPagedPool, 0, 8, NULL, &buf),
			STATUS_INVALID_PARAMETER);
	WDFT_WARN_END(test);
	KUNIT_EXPECT_NULL(test, buf);
	KUNIT_EXPECT_EQ(test, wdft_live_objects(), live);
}

static void memory_allocation_failure(struct kunit *test)
{
	unsigned long live = wdft_live_objects();
	WDFMEMORY m = (WDFMEMORY)&live;
	PVOID buf = &live;

	/* more than kvmalloc ever gives: refused without a warning */
	KUNIT_EXPECT_EQ(test, WdfMemoryCreate(NULL, NonPagedPool, 0,
					      (size_t)INT_MAX + 1, &m, &buf),
			STATUS_INSUFFICIENT_RESOURCES);
	KUNIT_EXPECT_NULL(test, m);
	KUNIT_EXPECT_NULL(test, buf);
	KUNIT_EXPECT_EQ(test, wdft_live_objects(), live);
}

static void memory_preallocated(struct kunit *test)
{
	u8 *mine = kunit_kzalloc(test, 64, GFP_KERNEL);
	u8 *other = kunit_kzalloc(test, 16, GFP_KERNEL);
	unsigned long live = wdft_live_objects();
	WDFMEMORY m, own;
	size_t size;

	KUNIT_ASSERT_NOT_NULL(test, mine);
	KUNIT_ASSERT_NOT_NULL(test, other);
	m = (WDFMEMORY)mine;
	KUNIT_EXPECT_EQ(test, WdfMemoryCreatePreallocated(NULL, mine, 0, &m),
			STATUS_INVALID_PARAMETER);
	KUNIT_EXPECT_NULL(test, m);
	KUNIT_ASSERT_EQ(test, WdfMemoryCreatePreallocated(NULL, mine, 64, &m),
			STATUS_SUCCESS);
	KUNIT_EXPECT_PTR_EQ(test, WdfMemoryGetBuffer(m, &size), (void *)mine);
	KUNIT_EXPECT_EQ(test, size, 64UL);
	/* re-pointed at another buffer of the caller */
	KUNIT_EXPECT_EQ(test, WdfMemoryAssignBuffer(m, other, 16), STATUS_SUCCESS);
	KUNIT_EXPECT_PTR_EQ(test, WdfMemoryGetBuffer(m, &size), (void *)other);
	KUNIT_EXPECT_EQ(test, size, 16UL);
	KUNIT_EXPECT_EQ(test, WdfMemoryAssignBuffer(m, NULL, 16), STATUS_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, WdfMemoryAssignBuffer(m, other, 0), STATUS_INVALID_PARAMETER);
	KUNIT_EXPECT_PTR_EQ(test, WdfMemoryGetBuffer(m, NULL), (void *)other);
	/* a buffer the shim allocated cannot be swapped */
	KUNIT_ASSERT_EQ(test, WdfMemoryCreate(NULL, NonPagedPool, 0, 8, &own, NULL),
			STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, WdfMemoryAssignBuffer(own, other, 16),
			STATUS_INVALID_DEVICE_REQUEST);
	WdfObjectDelete(own);
	/* deleting does not free the caller's buffer (else a double free) */
	WdfObjectDelete(m);
	KUNIT_EXPECT_EQ(test, wdft_live_objects(), live);
	mine[63] = 1;

	WDFT_WARN_BEGIN_MUST(test);
	m = (WDFMEMORY)mine;
	KUNIT_EXPECT_EQ(test, WdfMemoryCreatePreallocated(NULL, NULL, 64, &m),
			STATUS_INVALID_PARAMETER);
	KUNIT_EXPECT_NULL(test, m);
	WDFT_WARN_END(test);
}

static void memory_copies_and_bounds(struct kunit *test)
{
	u8 *src = kunit_kzalloc(test, 100, GFP_KERNEL);
	u8 *dst = kunit_kzalloc(test, 100, GFP_KERNEL);
	WDFMEMORY m;
	size_t i;
	u8 *buf;

	KUNIT_ASSERT_NOT_NULL(test, src);
	KUNIT_ASSERT_NOT_NULL(test, dst);
	for (i = 0; i < 100; i++)
		src[i] = (u8)(i * 7 + 3);
	KUNIT_ASSERT_EQ(test, WdfMemoryCreate(NULL, NonPagedPool, 0, 64, &m,
					      (PVOID *)&buf), STATUS_SUCCESS);
	/* in range, at an offset */
	KUNIT_EXPECT_EQ(test, WdfMemoryCopyFromBuffer(m, 10, src, 20), STATUS_SUCCESS);
	KUNIT_EXPECT_NULL(test, memchr_inv(buf, 0, 10));
	KUNIT_EXPECT_EQ(test, memcmp(buf + 10, src, 20), 0);
	KUNIT_EXPECT_NULL(test, memchr_inv(buf + 30, 0, 34));
	KUNIT_EXPECT_EQ(test, WdfMemoryCopyToBuffer(m, 12, dst, 18), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, memcmp(dst, src + 2, 18), 0);
	KUNIT_EXPECT_EQ(test, dst[18], 0);
	/* exactly up to the last byte */
	KUNIT_EXPECT_EQ(test, WdfMemoryCopyFromBuffer(m, 0, src, 64), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, memcmp(buf, src, 64), 0);
	KUNIT_EXPECT_EQ(test, WdfMemoryCopyToBuffer(m, 63, dst, 1), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, dst[0], src[63]);
	/* one byte too many: refused, nothing copied either way */
	memset(dst, 0xee, 100);
	KUNIT_EXPECT_EQ(test, WdfMemoryCopyToBuffer(m, 0, dst, 65), STATUS_BUFFER_TOO_SMALL);
	KUNIT_EXPECT_EQ(test, WdfMemoryCopyToBuffer(m, 1, dst, 64), STATUS_BUFFER_TOO_SMALL);
	KUNIT_EXPECT_EQ(test, WdfMemoryCopyToBuffer(m, 64, dst, 1), STATUS_BUFFER_TOO_SMALL);
	KUNIT_EXPECT_EQ(test, WdfMemoryCopyToBuffer(m, 1000, dst, 1), STATUS_BUFFER_TOO_SMALL);
	KUNIT_EXPECT_NULL(test, memchr_inv(dst, 0xee, 100));
	KUNIT_EXPECT_EQ(test, WdfMemoryCopyFromBuffer(m, 60, dst, 5), STATUS_BUFFER_TOO_SMALL);
	KUNIT_EXPECT_EQ(test, memcmp(buf, src, 64), 0);
	/* zero bytes, and offsets that wrap around */
	KUNIT_EXPECT_EQ(test, WdfMemoryCopyToBuffer(m, 0, dst, 0), STATUS_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, WdfMemoryCopyFromBuffer(m, 0, src, 0), STATUS_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, WdfMemoryCopyToBuffer(m, SIZE_MAX, dst, 2),
			STATUS_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, WdfMemoryCopyFromBuffer(m, SIZE_MAX - 1, src, 4),
			STATUS_INVALID_PARAMETER);
	KUNIT_EXPECT_NULL(test, memchr_inv(dst, 0xee, 100));
	KUNIT_EXPECT_EQ(test, memcmp(buf, src, 64), 0);
	/* KMDF bugchecks on a NULL buffer */
	WDFT_WARN_BEGIN_MUST(test);
	KUNIT_EXPECT_EQ(test, WdfMemoryCopyToBuffer(m, 0, NULL, 1), STATUS_INVALID_PARAMETER);
	WDFT_WARN_END(test);
	WDFT_WARN_BEGIN_MUST(test);
	KUNIT_EXPECT_EQ(test, WdfMemoryCopyFromBuffer(m, 0, NULL, 1), STATUS_INVALID_PARAMETER);
	WDFT_WARN_END(test);
	WdfObjectDelete(m);
}

static void memory_wrong_handle(struct kunit *test)
{
	u8 dst[4];
	size_t size = 99;
	WDFSPINLOCK s;

	KUNIT_ASSERT_EQ(test, WdfSpinLockCreate(NULL, &s), STATUS_SUCCESS);
	WDFT_WARN_BEGIN(test);
	KUNIT_EXPECT_NULL(test, WdfMemoryGetBuffer((WDFMEMORY)s, &size));
	KUNIT_EXPECT_EQ(test, size, 0UL);
	KUNIT_EXPECT_EQ(test, WdfMemoryCopyToBuffer((WDFMEMORY)s, 0, dst, 1),
			STATUS_INVALID_HANDLE);
	KUNIT_EXPECT_EQ(test, WdfMemoryCopyFromBuffer(NULL, 0, dst, 1),
			STATUS_INVALID_HANDLE);
	KUNIT_EXPECT_EQ(test, WdfMemoryAssignBuffer((WDFMEMORY)s, dst, 4),
			STATUS_INVALID_HANDLE);
	WDFT_WARN_END(test);
	WdfObjectDelete(s);
}

static int memt_order[3];
static atomic_t memt_n;

static void memt_cleanup(WDFOBJECT obj)
{
	MEMT_CTX *c = memt_ctx(obj);
	int i = atomic_inc_return(&memt_n) - 1;

	if (c && i < 3)
		memt_order[i] = c->magic;
}

static void memory_parent_child_and_context(struct kunit *test)
{
	unsigned long live0 = wdft_live_objects();
	struct wdft_device *wd = wdft_device_create(test, NULL);
	WDF_OBJECT_ATTRIBUTES attrs;
	WDFMEMORY parent, child, other;
	MEMT_CTX *c;

	atomic_set(&memt_n, 0);
	WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attrs, MEMT_CTX);
	attrs.EvtCleanupCallback = memt_cleanup;
	attrs.ParentObject = wd->device;
	KUNIT_ASSERT_EQ(test, WdfMemoryCreate(&attrs, NonPagedPool, 0, 32, &parent, NULL),
			STATUS_SUCCESS);
	KUNIT_ASSERT_EQ(test, WdfMemoryCreate(&attrs, NonPagedPool, 0, 32, &other, NULL),
			STATUS_SUCCESS);
	attrs.ParentObject = parent;
	KUNIT_ASSERT_EQ(test, WdfMemoryCreate(&attrs, NonPagedPool, 0, 32, &child, NULL),
			STATUS_SUCCESS);
	c = memt_ctx(parent);
	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_EXPECT_EQ(test, c->magic, 0U);	/* zeroed */
	c->magic = 1;
	memt_ctx(child)->magic = 2;
	memt_ctx(other)->magic = 3;
	KUNIT_EXPECT_PTR_EQ(test, WdfObjectContextGetObject(c), (WDFOBJECT)parent);
	WdfObjectDelete(parent);
	KUNIT_ASSERT_EQ(test, atomic_read(&memt_n), 2);
	KUNIT_EXPECT_EQ(test, memt_order[0], 2);	/* child first */
	KUNIT_EXPECT_EQ(test, memt_order[1], 1);
	/* the other one goes with the device */
	wdft_device_destroy(test, wd);
	KUNIT_EXPECT_EQ(test, atomic_read(&memt_n), 3);
	KUNIT_EXPECT_EQ(test, memt_order[2], 3);
	KUNIT_EXPECT_EQ(test, wdft_live_objects(), live0);
}

static struct kunit_case wdf_memory_cases[] = {
	KUNIT_CASE(memory_create_statuses),
	KUNIT_CASE(memory_allocation_failure),
	KUNIT_CASE(memory_preallocated),
	KUNIT_CASE(memory_copies_and_bounds),
	KUNIT_CASE(memory_wrong_handle),
	KUNIT_CASE(memory_parent_child_and_context),
	{}
};

static struct kunit_suite wdf_memory_suite = {
	.name = "wdf_memory",
	.test_cases = wdf_memory_cases,
};
kunit_test_suite(wdf_memory_suite);
