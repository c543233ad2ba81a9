// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: the test environment the shim suites rely on. A device from
 * kunit_device_register() accepts DMA masks and gets real memory from
 * dma_alloc_coherent(); a device without a dma_mask refuses any mask; a
 * test thread can map user memory with kunit_vm_mmap() and pin it.
 */
#include <kunit/device.h>
#include <kunit/test.h>
#include <linux/dma-mapping.h>
#include <linux/err.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/uaccess.h>

static void env_dma_alloc_coherent(struct kunit *test)
{
	struct device *dev = kunit_device_register(test, "kunit-env-dma");
	const size_t len = 96;
	dma_addr_t dma = 0;
	u8 *cpu;
	size_t i;

	KUNIT_ASSERT_FALSE(test, IS_ERR(dev));
	KUNIT_ASSERT_EQ(test, dma_set_mask_and_coherent(dev, DMA_BIT_MASK(32)), 0);
	cpu = dma_alloc_coherent(dev, len, &dma, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, cpu);
	/* DMA-API.rst: both addresses aligned to the smallest order >= size */
	KUNIT_EXPECT_EQ(test, (unsigned long)cpu & (PAGE_SIZE - 1), 0UL);
	KUNIT_EXPECT_EQ(test, (u64)dma & (PAGE_SIZE - 1), 0ULL);
	KUNIT_EXPECT_EQ(test, (u64)dma & ~(u64)DMA_BIT_MASK(32), 0ULL);
	for (i = 0; i < len; i++)
		cpu[i] = (u8)(i * 7 + 1);
	for (i = 0; i < len; i++)
		KUNIT_EXPECT_EQ(test, cpu[i], (u8)(i * 7 + 1));
	dma_free_coherent(dev, len, cpu, dma);
}

static void env_mask_refused_without_dma_mask(struct kunit *test)
{
	struct device *dev = kunit_device_register(test, "kunit-env-nomask");

	KUNIT_ASSERT_FALSE(test, IS_ERR(dev));
	KUNIT_ASSERT_EQ(test, dma_set_mask_and_coherent(dev, DMA_BIT_MASK(32)), 0);
	dev->dma_mask = NULL;
	KUNIT_EXPECT_EQ(test, dma_set_mask_and_coherent(dev, DMA_BIT_MASK(64)), -EIO);
	KUNIT_EXPECT_EQ(test, dma_set_mask_and_coherent(dev, DMA_BIT_MASK(32)), -EIO);
}

static void env_user_memory(struct kunit *test)
{
	const unsigned long len = 2 * PAGE_SIZE;
	unsigned long uaddr;
	struct page *pages[2];
	u8 pattern[16], back[16];
	int i, n;

	uaddr = kunit_vm_mmap(test, NULL, 0, len, PROT_READ | PROT_WRITE,
			      MAP_ANONYMOUS | MAP_PRIVATE, 0);
	KUNIT_ASSERT_NE(test, uaddr, 0UL);
	KUNIT_ASSERT_FALSE(test, IS_ERR_VALUE(uaddr));
	for (i = 0; i < (int)sizeof(pattern); i++)
		pattern[i] = (u8)(0xA0 + i);
	KUNIT_ASSERT_EQ(test, copy_to_user((void __user *)(uaddr + PAGE_SIZE - 8),
					   pattern, sizeof(pattern)), 0UL);
	n = pin_user_pages_fast(uaddr, 2, FOLL_WRITE, pages);
	KUNIT_ASSERT_EQ(test, n, 2);
	/* the bytes straddle the page boundary: 8 in page 0, 8 in page 1 */
	memcpy(back, page_address(pages[0]) + PAGE_SIZE - 8, 8);
	memcpy(back + 8, page_address(pages[1]), 8);
	unpin_user_pages(pages, n);
	KUNIT_EXPECT_MEMEQ(test, back, pattern, sizeof(pattern));
}

static struct kunit_case kunit_env_cases[] = {
	KUNIT_CASE(env_dma_alloc_coherent),
	KUNIT_CASE(env_mask_refused_without_dma_mask),
	KUNIT_CASE(env_user_memory),
	{}
};

static struct kunit_suite kunit_env_suite = {
	.name = "kunit_env",
	.test_cases = kunit_env_cases,
};
kunit_test_suite(kunit_env_suite);

MODULE_DESCRIPTION("KUnit: DMA and user memory in the KUnit environment");
MODULE_LICENSE("GPL");
