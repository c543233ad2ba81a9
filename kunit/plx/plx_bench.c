// SPDX-License-Identifier: GPL-2.0-only
/*
 * The PLX core on the board model, for KUnit (plx_bench.h).
 */
#include <kunit/device.h>
#include <kunit/resource.h>
#include <kunit/static_stub.h>
#include <linux/err.h>
#include <linux/gfp.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/jiffies.h>
#include <linux/logic_iomem.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/unaligned.h>
#include <linux/vmalloc.h>
#include "plx_bench.h"

/* Fake bus addresses of BAR0 and BAR2 (a logic_iomem region on UML). */
#define PLXT_PA_BASE	0xd0000000ULL
#define PLXT_PA_BAR0	PLXT_PA_BASE
#define PLXT_PA_BAR2	(PLXT_PA_BASE + PLXT_SRAM)
#define PLXT_PA_SIZE	(2 * PLXT_SRAM)

#define PLXT_BAR_REGS	1
#define PLXT_BAR_SRAM	2

/* The bench of the running test (one test runs at a time). */
static struct plxt_bench *plxt_cur;

/* ---- host memory as the model sees it --------------------------------- */

/* UML has no IOMMU and dma-direct: a bus address is a physical address. */
static bool plxt_ram(u64 addr, size_t len)
{
	if (!len || addr + len < addr)
		return false;
	return pfn_valid(PHYS_PFN(addr)) && pfn_valid(PHYS_PFN(addr + len - 1));
}

/* Caller holds b->lock. */
static bool plxt_is_desc(struct plxt_bench *b, u64 addr)
{
	int i, j;

	for (i = 0; i < b->nchains; i++)
		for (j = 0; j < b->chains[i].n; j++)
			if (addr >= b->chains[i].d[j].at &&
			    addr < b->chains[i].d[j].at + PLX_DESC_SIZE)
				return true;
	return false;
}

static int plxt_dma_read(void *opaque, uint64_t addr, void *buf, size_t len)
{
	struct plxt_bench *b = opaque;

	if (!plxt_ram(addr, len)) {
		b->dma_faults++;
		return -1;
	}
	memcpy(buf, phys_to_virt(addr), len);
	if (!plxt_is_desc(b, addr))
		b->data_read += len;
	return 0;
}

static int plxt_dma_write(void *opaque, uint64_t addr, const void *buf,
			  size_t len)
{
	struct plxt_bench *b = opaque;

	if (!plxt_ram(addr, len)) {
		b->dma_faults++;
		return -1;
	}
	memcpy(phys_to_virt(addr), buf, len);
	if (!plxt_is_desc(b, addr))
		b->data_written += len;
	return 0;
}

static void plxt_set_irq(void *opaque, int level)
{
	struct plxt_bench *b = opaque;

	b->irq_level = level;
}

static uint64_t plxt_now(void *opaque)
{
	struct plxt_bench *b = opaque;

	return b->clock;
}

static void plxt_schedule(void *opaque, uint64_t when)
{
	struct plxt_bench *b = opaque;

	b->when = when;
}

static void plxt_log(void *opaque, const char *msg)
{
	struct plxt_bench *b = opaque;

	b->model_msgs++;
	pr_info("plx-kunit: model: %s\n", msg);
}

static const struct plx9656_host_ops plxt_host_ops = {
	.dma_read = plxt_dma_read,
	.dma_write = plxt_dma_write,
	.set_irq = plxt_set_irq,
	.now_ns = plxt_now,
	.schedule = plxt_schedule,
	.log = plxt_log,
};

/* ---- registers ---------------------------------------------------------- */

/* The chain the chip will walk, read from host memory. b->lock held. */
static void plxt_snapshot(struct plxt_bench *b, int c)
{
	struct plxt_chain *ch;
	u64 at;
	int i;

	if (b->nchains >= PLXT_MAX_CHAINS) {
		b->lost_chains++;
		return;
	}
	ch = &b->chains[b->nchains++];
	memset(ch, 0, sizeof(*ch));
	ch->ch = c;
	ch->dmadpr = plx9656_reg_read(b->model, PLXT_DMADPR(c), 4);
	ch->mode = plx9656_reg_read(b->model, PLXT_DMAMODE(c), 4);
	ch->intcsr = plx9656_reg_read(b->model, PLXT_INTCSR, 4);
	at = ch->dmadpr & ~0xFull;
	for (i = 0; i < PLXT_MAX_DESC; i++) {
		struct plxt_desc *d = &ch->d[i];
		const u8 *p;

		if (!plxt_ram(at, PLX_DESC_SIZE)) {
			ch->bad = true;
			break;
		}
		p = phys_to_virt(at);
		d->at = at;
		d->padr = get_unaligned_le32(p + 0x0);
		d->ladr = get_unaligned_le32(p + 0x4);
		d->siz = get_unaligned_le32(p + 0x8);
		d->dpr = get_unaligned_le32(p + 0xC);
		d->padr_high = get_unaligned_le32(p + 0x10);
		ch->n++;
		if (d->dpr & PLXT_DPR_END) {
			ch->terminated = true;
			break;
		}
		at = d->dpr & ~0xFu;
	}
}

/* b->hide_abort_done: what the core reads of an aborted channel. */
static u32 plxt_hide_done(struct plxt_bench *b, u32 off, unsigned int size,
			  u32 v)
{
	int c;

	for (c = 0; c < 2; c++) {
		u32 at = PLXT_DMACSR(c);

		if (!(b->hide_abort_done & (1 << c)) || b->abort_written[c] ||
		    plx9656_chan_status(b->model, c) != PLX9656_CHAN_MASTER_ABORT)
			continue;
		if (at >= off && at < off + size)
			v &= ~((u32)PLXT_CSR_DONE << (8 * (at - off)));
		if (off == PLXT_INTCSR && size == 4)
			v &= ~PLXT_INTCSR_DMAIA(c);
	}
	return v;
}

static u32 plxt_read(struct plxt_bench *b, int bar, u32 off, unsigned int size)
{
	unsigned long flags;
	u32 v;

	spin_lock_irqsave(&b->lock, flags);
	if (b->gone || (bar == PLXT_BAR_REGS && b->gone_reads > 0)) {
		v = size >= 4 ? 0xFFFFFFFFu : (1u << (8 * size)) - 1;
		if (!b->gone)
			b->gone_reads--;
	} else if (bar == PLXT_BAR_REGS && off + size <= PLX9656_BAR0_SIZE)
		v = plxt_hide_done(b, off, size,
				   plx9656_reg_read(b->model, off, size));
	else if (bar == PLXT_BAR_SRAM && off + size <= PLXT_SRAM)
		v = (u32)plx9656_sram_read(b->model, off, size);
	else {
		b->bad_accesses++;
		v = 0;
	}
	spin_unlock_irqrestore(&b->lock, flags);
	return v;
}

static void plxt_write(struct plxt_bench *b, int bar, u32 off, u32 val,
		       unsigned int size)
{
	unsigned long flags;
	int c;

	spin_lock_irqsave(&b->lock, flags);
	if (b->gone) {
		/* a removed board: writes go nowhere */
	} else if (bar == PLXT_BAR_REGS && off + size <= PLX9656_BAR0_SIZE) {
		for (c = 0; c < 2; c++) {
			u32 at = PLXT_DMACSR(c);
			u8 v;

			if (at < off || at >= off + size)
				continue;
			v = val >> (8 * (at - off));
			if (v & PLXT_CSR_CLEAR)
				b->clears[c]++;
			if (v & PLXT_CSR_ABORT) {
				b->aborts[c]++;
				b->abort_written[c] = true;
				/* a board that ignores Abort */
				if (b->drop_abort)
					val &= ~((u32)PLXT_CSR_ABORT <<
						 (8 * (at - off)));
			}
			if (v & PLXT_CSR_START) {
				b->starts[c]++;
				b->abort_written[c] = false;
				plxt_snapshot(b, c);
			}
		}
		if (off == PLXT_INTCSR && size == 4) {
			if (b->intcsr_writes < ARRAY_SIZE(b->intcsr_log))
				b->intcsr_log[b->intcsr_writes] = val;
			b->intcsr_writes++;
		}
		if (off == PLXT_CNTRL && size == 4) {
			if (val & PLXT_CNTRL_RESET) {
				b->resets++;
				b->master_at_reset =
					plx9656_config_read(b->model,
							    PLXT_PCI_COMMAND,
							    2) &
					PLXT_PCI_COMMAND_MASTER;
			}
			if (val & PLXT_CNTRL_RELOAD)
				b->reloading = true;
			else if (b->reloading) {
				b->reloads++;
				b->reloading = false;
			}
		}
		plx9656_reg_write(b->model, off, val, size);
	} else if (bar == PLXT_BAR_SRAM && off + size <= PLXT_SRAM) {
		plx9656_sram_write(b->model, off, val, size);
	} else {
		b->bad_accesses++;
	}
	spin_unlock_irqrestore(&b->lock, flags);
}

/* The logic_iomem mapping: any thread, any width ioread/iowrite. */
static unsigned long plxt_io_read(void *priv, unsigned int offset, int size)
{
	struct plxt_bench *b = READ_ONCE(plxt_cur);

	if (!b)
		return ~0UL;
	b->iomem_accesses++;
	return plxt_read(b, (uintptr_t)priv, offset, size);
}

static void plxt_io_write(void *priv, unsigned int offset, int size,
			  unsigned long val)
{
	struct plxt_bench *b = READ_ONCE(plxt_cur);

	if (!b)
		return;
	b->iomem_accesses++;
	plxt_write(b, (uintptr_t)priv, offset, val, size);
}

static const struct logic_iomem_ops plxt_io_ops = {
	.read = plxt_io_read,
	.write = plxt_io_write,
};

static long plxt_io_map(unsigned long offset, size_t size,
			const struct logic_iomem_ops **ops, void **priv)
{
	if (offset == 0 && size <= PLX9656_BAR0_SIZE)
		*priv = (void *)PLXT_BAR_REGS;
	else if (offset == PLXT_SRAM && size <= PLXT_SRAM)
		*priv = (void *)PLXT_BAR_SRAM;
	else
		return -EINVAL;
	*ops = &plxt_io_ops;
	return 0;
}

static const struct logic_iomem_region_ops plxt_region_ops = {
	.map = plxt_io_map,
};

static struct resource plxt_region = {
	.name = "plx9x5x-kunit-bars",
	.start = PLXT_PA_BASE,
	.end = PLXT_PA_BASE + PLXT_PA_SIZE - 1,
	.flags = IORESOURCE_MEM,
};

/* Regions cannot be removed: claim the range once per boot. */
static int plxt_region_register(void)
{
	static DEFINE_MUTEX(lock);
	static int state;	/* 0 not yet, 1 done, <0 error */
	int ret;

	mutex_lock(&lock);
	if (!state) {
		ret = logic_iomem_add_region(&plxt_region, &plxt_region_ops);
		state = ret ? ret : 1;
	}
	ret = state < 0 ? state : 0;
	mutex_unlock(&lock);
	return ret;
}

/*
 * The shim's KUnit register redirect (test thread only): accesses to the
 * core's BAR0/BAR2 mappings go to the model; anything else (before the
 * bench knows the mappings) goes to the real accessor, i.e. the
 * logic_iomem mapping, which ends in the same place.
 */
static int plxt_which_bar(struct plxt_bench *b, const void *reg,
			  u32 *off)
{
	const u8 *p = (const u8 *)reg;
	PDEVICE_EXTENSION ext = b->ext;

	if (!ext)
		return 0;
	if (ext->Regs && p >= ext->Regs && p < ext->Regs + ext->RegsLength) {
		*off = p - ext->Regs;
		return PLXT_BAR_REGS;
	}
	if (ext->SRAMBase && p >= ext->SRAMBase &&
	    p < ext->SRAMBase + ext->SRAMLength) {
		*off = p - ext->SRAMBase;
		return PLXT_BAR_SRAM;
	}
	return 0;
}

static ULONG plxt_stub_read(const void *reg, unsigned int width)
{
	struct plxt_bench *b = READ_ONCE(plxt_cur);
	void __iomem *addr = (void __iomem __force *)reg;
	u32 off = 0;
	int bar = b ? plxt_which_bar(b, reg, &off) : 0;

	if (bar) {
		b->stub_accesses++;
		return plxt_read(b, bar, off, width);
	}
	switch (width) {
	case 1:
		return ioread8(addr);
	case 2:
		return ioread16(addr);
	default:
		return ioread32(addr);
	}
}

static void plxt_stub_write(void *reg, unsigned int width, ULONG val)
{
	struct plxt_bench *b = READ_ONCE(plxt_cur);
	void __iomem *addr = (void __iomem __force *)reg;
	u32 off = 0;
	int bar = b ? plxt_which_bar(b, reg, &off) : 0;

	if (bar) {
		b->stub_accesses++;
		plxt_write(b, bar, off, val, width);
		return;
	}
	switch (width) {
	case 1:
		iowrite8(val, addr);
		break;
	case 2:
		iowrite16(val, addr);
		break;
	default:
		iowrite32(val, addr);
		break;
	}
}

/*
 * The shim's configuration-space stub points (GetBusData/SetBusData of
 * GUID_BUS_INTERFACE_STANDARD): the model's configuration space, for the
 * bench's device only. They run on the test thread and on the shim's
 * work items (DPC, timers), which carry the test too.
 */
static unsigned int plxt_stub_cfg_size(struct device *dev)
{
	struct plxt_bench *b = READ_ONCE(plxt_cur);

	return b && dev == b->dev ? PLX9656_CFG_SIZE : 0;
}

static int plxt_stub_cfg_read(struct device *dev, unsigned int where,
			      unsigned int size, u32 *val)
{
	struct plxt_bench *b = READ_ONCE(plxt_cur);
	unsigned long flags;

	if (!b || dev != b->dev || where + size > PLX9656_CFG_SIZE ||
	    where % size) {
		if (b)
			b->cfg_bad++;
		return -EINVAL;
	}
	spin_lock_irqsave(&b->lock, flags);
	if (b->cfg_gone)	/* nothing answers at this address */
		*val = size >= 4 ? 0xFFFFFFFFu : (1u << (8 * size)) - 1;
	else
		*val = plx9656_config_read(b->model, where, size);
	b->cfg_reads++;
	spin_unlock_irqrestore(&b->lock, flags);
	return 0;
}

static int plxt_stub_cfg_write(struct device *dev, unsigned int where,
			       unsigned int size, u32 val)
{
	struct plxt_bench *b = READ_ONCE(plxt_cur);
	unsigned long flags;

	if (!b || dev != b->dev || where + size > PLX9656_CFG_SIZE ||
	    where % size) {
		if (b)
			b->cfg_bad++;
		return -EINVAL;
	}
	spin_lock_irqsave(&b->lock, flags);
	/* Status bits 13:11 live in configuration byte 7. */
	if (where <= 7 && where + size > 7 &&
	    ((val >> (8 * (7 - where))) & (PLXT_PCI_STATUS_ABORTS >> 8)))
		b->status_clears++;
	plx9656_config_write(b->model, where, val, size);
	b->cfg_writes++;
	spin_unlock_irqrestore(&b->lock, flags);
	return 0;
}

void plxt_cfg_write(struct plxt_bench *b, u32 off, u32 val, unsigned int size)
{
	unsigned long flags;

	spin_lock_irqsave(&b->lock, flags);
	plx9656_config_write(b->model, off, val, size);
	spin_unlock_irqrestore(&b->lock, flags);
}

u32 plxt_cfg_read(struct plxt_bench *b, u32 off, unsigned int size)
{
	unsigned long flags;
	u32 v;

	spin_lock_irqsave(&b->lock, flags);
	v = plx9656_config_read(b->model, off, size);
	spin_unlock_irqrestore(&b->lock, flags);
	return v;
}

void plxt_set_master_abort_mask(struct plxt_bench *b, int mask)
{
	unsigned long flags;

	spin_lock_irqsave(&b->lock, flags);
	plx9656_set_master_abort_mask(b->model, mask);
	spin_unlock_irqrestore(&b->lock, flags);
}

u32 plxt_model_read(struct plxt_bench *b, u32 off, unsigned int size)
{
	unsigned long flags;
	u32 v;

	spin_lock_irqsave(&b->lock, flags);
	v = plx9656_reg_read(b->model, off, size);
	spin_unlock_irqrestore(&b->lock, flags);
	return v;
}

void plxt_model_write(struct plxt_bench *b, u32 off, u32 val,
		      unsigned int size)
{
	unsigned long flags;

	spin_lock_irqsave(&b->lock, flags);
	plx9656_reg_write(b->model, off, val, size);
	spin_unlock_irqrestore(&b->lock, flags);
}

void plxt_model_reset(struct plxt_bench *b)
{
	unsigned long flags;

	spin_lock_irqsave(&b->lock, flags);
	plx9656_reset(b->model);
	spin_unlock_irqrestore(&b->lock, flags);
}

void plxt_set_stall(struct plxt_bench *b, int mask)
{
	unsigned long flags;

	spin_lock_irqsave(&b->lock, flags);
	plx9656_set_stall(b->model, mask);
	spin_unlock_irqrestore(&b->lock, flags);
}

void plxt_set_master_abort(struct plxt_bench *b, int on)
{
	unsigned long flags;

	spin_lock_irqsave(&b->lock, flags);
	plx9656_set_master_abort(b->model, on);
	spin_unlock_irqrestore(&b->lock, flags);
}

int plxt_chan_status(struct plxt_bench *b, int ch)
{
	unsigned long flags;
	int v;

	spin_lock_irqsave(&b->lock, flags);
	v = plx9656_chan_status(b->model, ch);
	spin_unlock_irqrestore(&b->lock, flags);
	return v;
}

void plxt_local_doorbell(struct plxt_bench *b, u32 bits)
{
	unsigned long flags;

	spin_lock_irqsave(&b->lock, flags);
	plx9656_local_doorbell(b->model, bits);
	spin_unlock_irqrestore(&b->lock, flags);
}

int plxt_irq_level(struct plxt_bench *b)
{
	unsigned long flags;
	int v;

	spin_lock_irqsave(&b->lock, flags);
	v = b->irq_level;
	spin_unlock_irqrestore(&b->lock, flags);
	return v;
}

/* ---- running ------------------------------------------------------------ */

bool plxt_step(struct plxt_bench *b)
{
	unsigned long flags;
	bool ran = false;

	spin_lock_irqsave(&b->lock, flags);
	if (b->when != PLXT_NEVER) {
		if (b->clock < b->when)
			b->clock = b->when;
		plx9656_run(b->model);
		ran = true;
	}
	spin_unlock_irqrestore(&b->lock, flags);
	return ran;
}

int plxt_pump(struct plxt_bench *b, unsigned int max_steps)
{
	unsigned int i;
	int level;
	u64 when;

	for (i = 0; i < max_steps; i++) {
		unsigned long flags;

		wdf_test_device_flush(b->device);
		spin_lock_irqsave(&b->lock, flags);
		level = b->irq_level;
		when = b->when;
		spin_unlock_irqrestore(&b->lock, flags);
		if (level) {
			if (wdf_test_interrupt_fire(b->device)) {
				b->isr_true++;
				continue;
			}
			b->isr_false++;
			return -EIO;
		}
		if (when == PLXT_NEVER)
			return 0;
		plxt_step(b);
	}
	return -ELOOP;
}

/* ---- requests ----------------------------------------------------------- */

struct wdf_test_io *plxt_submit(struct plxt_bench *b, WDF_REQUEST_TYPE type,
				unsigned long addr, size_t len, loff_t off,
				ULONG code, unsigned int flags)
{
	struct wdf_test_io *io;
	int i;

	io = wdf_test_io_submit(b->device, type, addr, len, off, code, flags);
	if (IS_ERR(io))
		return io;
	for (i = 0; i < ARRAY_SIZE(b->ios); i++) {
		if (!b->ios[i]) {
			b->ios[i] = io;
			break;
		}
	}
	return io;
}

/*
 * Wait (10 s at most: the DMA watchdog ends any transfer within 2 s). The
 * shim answers -ETIMEDOUT both for "still pending" and for a request
 * completed with STATUS_IO_TIMEOUT; only the core's watchdog completes
 * with the latter, and it counts a timeout first.
 */
long plxt_wait(struct plxt_bench *b, struct wdf_test_io *io)
{
	unsigned long t0 = jiffies;
	long r;
	int i;

	/*
	 * -ETIMEDOUT is both "still pending after 10 s" (the I/O is not
	 * finished) and a request that completed with STATUS_IO_TIMEOUT
	 * (finished and freed): only the time tells them apart.
	 */
	r = wdf_test_io_wait(io, 10000);
	if (r == -ETIMEDOUT &&
	    time_after_eq(jiffies, t0 + msecs_to_jiffies(10000))) {
		KUNIT_FAIL(b->test, "request still pending after 10 s");
		r = wdf_test_io_cancel(io);
	}
	for (i = 0; i < ARRAY_SIZE(b->ios); i++)
		if (b->ios[i] == io)
			b->ios[i] = NULL;
	return r;
}

long plxt_cancel(struct plxt_bench *b, struct wdf_test_io *io)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(b->ios); i++)
		if (b->ios[i] == io)
			b->ios[i] = NULL;
	return wdf_test_io_cancel(io);
}

long plxt_rw(struct plxt_bench *b, WDF_REQUEST_TYPE type, unsigned long addr,
	     size_t len, loff_t off, unsigned int flags)
{
	struct wdf_test_io *io;

	io = plxt_submit(b, type, addr, len, off, 0, flags);
	if (IS_ERR(io))
		return PTR_ERR(io);
	KUNIT_EXPECT_EQ(b->test, plxt_pump(b, 10000), 0);
	return plxt_wait(b, io);
}

long plxt_toggle_single(struct plxt_bench *b, u8 *state)
{
	struct wdf_test_io *io;
	unsigned long u;
	long r;

	u = kunit_vm_mmap(b->test, NULL, 0, PAGE_SIZE, PROT_READ | PROT_WRITE,
			  MAP_ANONYMOUS | MAP_PRIVATE, 0);
	if (IS_ERR_VALUE(u) || !u)
		return -ENOMEM;
	if (put_user((u8)0xEE, (u8 __user *)u))
		return -EFAULT;
	io = plxt_submit(b, WdfRequestTypeDeviceControl, u, 0, 0,
			 PLX9X5X_IOCTL_TOGGLE_SINGLE_TRANSFER, 0);
	if (IS_ERR(io))
		return PTR_ERR(io);
	KUNIT_EXPECT_EQ(b->test, plxt_pump(b, 100), 0);
	r = plxt_wait(b, io);
	if (get_user(*state, (u8 __user *)u))
		return -EFAULT;
	return r;
}

/* ---- buffers ------------------------------------------------------------ */

struct plxt_ubuf *plxt_ubuf_alloc(struct kunit *test, size_t len, u8 fill)
{
	struct plxt_ubuf *u;
	u8 *page;
	size_t i;
	int n;

	u = kunit_kzalloc(test, sizeof(*u), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, u);
	u->len = PAGE_ALIGN(len);
	u->npages = u->len >> PAGE_SHIFT;
	u->base = kunit_vm_mmap(test, NULL, 0, u->len, PROT_READ | PROT_WRITE,
				MAP_ANONYMOUS | MAP_PRIVATE, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR_VALUE(u->base));
	KUNIT_ASSERT_NE(test, u->base, 0UL);
	page = kunit_kmalloc(test, PAGE_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, page);
	memset(page, fill, PAGE_SIZE);
	for (i = 0; i < u->npages; i++)
		KUNIT_ASSERT_EQ(test, copy_to_user((void __user *)(u->base +
					i * PAGE_SIZE), page, PAGE_SIZE), 0UL);
	u->pages = kunit_kcalloc(test, u->npages, sizeof(*u->pages),
				 GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, u->pages);
	n = get_user_pages_fast(u->base, u->npages, FOLL_WRITE, u->pages);
	KUNIT_ASSERT_EQ(test, n, (int)u->npages);
	/* The VMA keeps them; only their addresses are needed. */
	for (i = 0; i < u->npages; i++)
		put_page(u->pages[i]);
	return u;
}

void plxt_ubuf_fill(struct kunit *test, const struct plxt_ubuf *u, size_t off,
		    size_t len, u32 seed)
{
	u8 *tmp = kvmalloc(len, GFP_KERNEL);
	size_t i;

	KUNIT_ASSERT_NOT_NULL(test, tmp);
	for (i = 0; i < len; i++)
		tmp[i] = plxt_pat(seed, i);
	i = copy_to_user((void __user *)(u->base + off), tmp, len);
	kvfree(tmp);
	KUNIT_ASSERT_EQ(test, i, (size_t)0);
}

u64 plxt_ubuf_bus(const struct plxt_ubuf *u, size_t off)
{
	return page_to_phys(u->pages[off >> PAGE_SHIFT]) + (off & ~PAGE_MASK);
}

static void plxt_kbuf_free(void *data)
{
	struct plxt_kbuf *k = data;
	struct page *first = k->pages[0];

	vunmap(k->va);
	__free_pages(first, get_order(2 * k->npages * PAGE_SIZE));
}

struct plxt_kbuf *plxt_kbuf_alloc(struct kunit *test, unsigned int npages)
{
	unsigned int order = get_order(2 * npages * PAGE_SIZE), i;
	struct plxt_kbuf *k;
	struct page *block;

	k = kunit_kzalloc(test, sizeof(*k), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, k);
	k->pages = kunit_kcalloc(test, npages, sizeof(*k->pages), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, k->pages);
	block = alloc_pages(GFP_KERNEL | __GFP_ZERO, order);
	KUNIT_ASSERT_NOT_NULL(test, block);
	/* Every other page of one block: pairwise non-adjacent. */
	for (i = 0; i < npages; i++)
		k->pages[i] = block + 2 * i;
	k->npages = npages;
	k->va = vmap(k->pages, npages, VM_MAP, PAGE_KERNEL);
	if (!k->va)
		__free_pages(block, order);
	KUNIT_ASSERT_NOT_NULL(test, k->va);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, plxt_kbuf_free,
							k), 0);
	return k;
}

u64 plxt_kbuf_bus(const struct plxt_kbuf *k, size_t off)
{
	return page_to_phys(k->pages[off >> PAGE_SHIFT]) + (off & ~PAGE_MASK);
}

/* ---- the device --------------------------------------------------------- */

static void plxt_driver_release(void *data)
{
	struct plxt_bench *b = data;

	wdf_test_driver_destroy(b->driver);
	WRITE_ONCE(plxt_cur, NULL);
}

static void plxt_device_release(void *data)
{
	struct plxt_bench *b = data;
	int i;

	/* Let anything left run out (a test that failed half way). */
	b->gone = false;
	b->gone_reads = 0;
	b->cfg_gone = false;
	b->drop_abort = false;
	b->hide_abort_done = 0;
	plxt_set_stall(b, 0);
	plxt_set_master_abort_mask(b, 0);
	if (!b->device)		/* plxt_remove() */
		return;
	plxt_pump(b, 10000);
	for (i = 0; i < ARRAY_SIZE(b->ios); i++)
		if (b->ios[i])
			wdf_test_io_cancel(b->ios[i]);
	wdf_test_device_remove(b->device);
}

/* Bytes of the SRAM at @off that differ from pattern @seed. */
size_t plxt_sram_diff(struct plxt_bench *b, size_t off, size_t len, u32 seed)
{
	size_t i, bad = 0;

	for (i = 0; i < len; i++)
		bad += b->sram[off + i] != plxt_pat(seed, i);
	return bad;
}

/*
 * After an abort that may have left a Done behind: a 4 KiB write (pattern
 * @seed from @u to SRAM 4096) on channel 0 stays running while the model
 * stalls it - no stale Done completes it - then completes in full.
 */
void plxt_next_write_not_ended_early(struct plxt_bench *b,
				     struct plxt_ubuf *u, u32 seed)
{
	struct kunit *test = b->test;
	PPLX_CHANNEL ch = &b->ext->Channel[PLX_CH_WRITE];
	struct wdf_test_io *io;

	plxt_set_stall(b, 1);
	plxt_ubuf_fill(test, u, 0, 4096, seed);
	io = plxt_submit(b, WdfRequestTypeWrite, u->base, 4096, 4096, 0, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(io));
	KUNIT_EXPECT_EQ(test, plxt_pump(b, 100), 0);
	wdf_test_device_flush(b->device);
	KUNIT_EXPECT_TRUE(test, ch->Busy);
	KUNIT_EXPECT_EQ(test, plxt_chan_status(b, 0), PLX9656_CHAN_BUSY);
	KUNIT_EXPECT_EQ(test, plxt_counters(b).BytesWritten, 0ull);
	plxt_set_stall(b, 0);
	KUNIT_EXPECT_EQ(test, plxt_pump(b, 100), 0);
	KUNIT_EXPECT_EQ(test, plxt_wait(b, io), 4096L);
	KUNIT_EXPECT_EQ(test, plxt_sram_diff(b, 4096, 4096, seed), (size_t)0);
	KUNIT_EXPECT_EQ(test, plxt_counters(b).BytesWritten, 4096ull);
	KUNIT_EXPECT_EQ(test, plxt_counters(b).SpuriousDpcs, 0ull);
}

void plxt_remove(struct plxt_bench *b)
{
	wdf_test_device_remove(b->device);
	b->device = NULL;
	b->ext = NULL;
}

struct plxt_bench *plxt_bench_create(struct kunit *test)
{
	CM_PARTIAL_RESOURCE_DESCRIPTOR res[4] = { };
	struct plx9656_config cfg = { };
	struct plxt_bench *b;
	NTSTATUS st;
	int ret;

	b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, b);
	b->test = test;
	spin_lock_init(&b->lock);
	b->when = PLXT_NEVER;
	b->clock = 1000;
	b->sram = kunit_kzalloc(test, PLXT_SRAM, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, b->sram);
	b->model = kunit_kzalloc(test, plx9656_state_size(), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, b->model);
	cfg.device_id = PLX_PCI_DEVICE_ID_9656RDK;
	cfg.revision = 0xAA;
	cfg.sram = b->sram;
	cfg.sram_size = PLXT_SRAM;
	plx9656_init(b->model, &cfg, &plxt_host_ops, b);
	b->intcsr_reset = plx9656_reg_read(b->model, PLXT_INTCSR, 4);

	ret = plxt_region_register();
	KUNIT_ASSERT_EQ_MSG(test, ret, 0, "cannot claim the fake BAR range");
	WRITE_ONCE(plxt_cur, b);
	kunit_activate_static_stub(test, wdf_register_read, plxt_stub_read);
	kunit_activate_static_stub(test, wdf_register_write, plxt_stub_write);
	kunit_activate_static_stub(test, wdf_config_space_size,
				   plxt_stub_cfg_size);
	kunit_activate_static_stub(test, wdf_config_read, plxt_stub_cfg_read);
	kunit_activate_static_stub(test, wdf_config_write, plxt_stub_cfg_write);

	b->dev = kunit_device_register(test, "plx9x5x-kunit");
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, b->dev);

	st = wdf_test_driver_create("plx9x5x_kunit", DriverEntry, &b->driver);
	KUNIT_ASSERT_EQ_MSG(test, st, STATUS_SUCCESS, "DriverEntry: %#x", st);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test,
				plxt_driver_release, b), 0);

	res[0].Type = CmResourceTypeMemory;		/* BAR0: registers */
	res[0].u.Memory.Start.QuadPart = PLXT_PA_BAR0;
	res[0].u.Memory.Length = PLX9656_BAR0_SIZE;
	res[1].Type = CmResourceTypePort;		/* BAR1: I/O alias */
	res[1].u.Port.Start.QuadPart = 0x1000;
	res[1].u.Port.Length = PLX9656_BAR1_SIZE;
	res[2].Type = CmResourceTypeMemory;		/* BAR2: SRAM */
	res[2].u.Memory.Start.QuadPart = PLXT_PA_BAR2;
	res[2].u.Memory.Length = PLXT_SRAM;
	res[3].Type = CmResourceTypeInterrupt;		/* fired by the test */
	res[3].u.Interrupt.Vector = 0;

	st = wdf_test_device_add(b->driver, b->dev, res, ARRAY_SIZE(res),
				 &b->device);
	KUNIT_ASSERT_EQ_MSG(test, st, STATUS_SUCCESS, "device add: %#x", st);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test,
				plxt_device_release, b), 0);
	b->ext = PLxGetDeviceContext(b->device);
	KUNIT_ASSERT_NOT_NULL(test, b->ext);
	/* The board took the configured chain length and enough descriptors. */
	KUNIT_EXPECT_EQ(test, b->ext->MaximumTransferLength, PLXT_CHUNK);
	KUNIT_EXPECT_EQ(test, (int)b->ext->MaxSgElements, plxt_max_sg());
	return b;
}

/* ---- chain length ------------------------------------------------------- */

int plxt_suite_chunk_sample(struct kunit_suite *suite)
{
	return NT_SUCCESS(PLxSetChainBytes(PLXT_CHUNK_SAMPLE)) ? 0 : -EINVAL;
}

int plxt_suite_chunk_default(struct kunit_suite *suite)
{
	return NT_SUCCESS(PLxSetChainBytes(0)) &&
	       PLxGetChainBytes() == PLXT_CHUNK_DEFAULT ? 0 : -EINVAL;
}

void plxt_suite_chunk_restore(struct kunit_suite *suite)
{
	PLxSetChainBytes(0);
}

int plxt_max_sg(void)
{
	return DIV_ROUND_UP(PLXT_CHUNK, PAGE_SIZE) + 1;
}

/* ---- expectations ------------------------------------------------------- */

u64 plxt_layout_bus(const struct plxt_layout *l, size_t i)
{
	return l->u ? plxt_ubuf_bus(l->u, l->boff + i) :
		      plxt_kbuf_bus(l->k, l->boff + i);
}

void plxt_check_chain(struct kunit *test, const struct plxt_chain *c, int ch,
		      const struct plxt_layout *l, size_t pos, size_t end,
		      loff_t foff, bool exact)
{
	bool read = ch == PLX_CH_READ;
	size_t first = pos, t, len;
	u32 want;
	int j;

	KUNIT_EXPECT_EQ(test, c->ch, ch);
	KUNIT_EXPECT_FALSE(test, c->bad);
	KUNIT_EXPECT_TRUE(test, c->terminated);
	KUNIT_EXPECT_GE(test, c->n, 1);
	KUNIT_EXPECT_LE(test, c->n, plxt_max_sg());
	if (exact)
		KUNIT_EXPECT_EQ(test, c->n,
				(int)(DIV_ROUND_UP(l->boff + end, PAGE_SIZE) -
				      (l->boff + pos) / PAGE_SIZE));

	/* Registers at Start: chained mode, done interrupt to INTA#. */
	KUNIT_EXPECT_TRUE(test, c->dmadpr & PLXT_DPR_PCI);
	KUNIT_EXPECT_EQ(test, c->dmadpr & 0xFu & ~PLXT_DPR_TCINT, PLXT_DPR_PCI);
	want = PLXT_MODE_SG | PLXT_MODE_DONEIEN | PLXT_MODE_INTPCI;
	KUNIT_EXPECT_EQ(test, c->mode & want, want);
	KUNIT_EXPECT_EQ(test, c->mode & PLXT_MODE_DACCHAIN, 0u);
	KUNIT_EXPECT_EQ(test, !!(c->mode & PLXT_MODE_CLRCOUNT), read);
	want = PLXT_INTCSR_PIEN | PLXT_INTCSR_DMAIEN(ch);
	KUNIT_EXPECT_EQ(test, c->intcsr & want, want);

	for (j = 0; j < c->n; j++) {
		const struct plxt_desc *d = &c->d[j];
		bool last = j == c->n - 1;

		KUNIT_EXPECT_EQ(test, d->at & 0xFull, 0ull);
		if (!last)
			KUNIT_EXPECT_EQ(test, c->d[j + 1].at,
					d->at + PLX_DESC_SIZE);
		len = d->siz & PLXT_SIZ_MASK;
		KUNIT_EXPECT_EQ(test, d->siz & ~PLXT_SIZ_MASK, 0u);
		KUNIT_ASSERT_GT(test, len, (size_t)0);
		KUNIT_ASSERT_LE(test, pos + len, end);
		KUNIT_EXPECT_EQ_MSG(test, (u64)d->padr, plxt_layout_bus(l, pos),
				    "descriptor %d PADR (byte %zu)", j, pos);
		KUNIT_EXPECT_EQ(test, d->padr_high, 0u);
		/* contiguous: each page start inside the element */
		for (t = pos + PAGE_SIZE - ((l->boff + pos) & ~PAGE_MASK);
		     t < pos + len; t += PAGE_SIZE)
			KUNIT_EXPECT_EQ_MSG(test, plxt_layout_bus(l, t),
					    (u64)d->padr + (t - pos),
					    "descriptor %d not contiguous at byte %zu",
					    j, t);
		KUNIT_EXPECT_EQ_MSG(test, (u64)d->ladr, (u64)(foff + pos),
				    "descriptor %d LADR", j);
		KUNIT_EXPECT_TRUE(test, d->dpr & PLXT_DPR_PCI);
		KUNIT_EXPECT_FALSE(test, d->dpr & PLXT_DPR_TCINT);
		KUNIT_EXPECT_EQ(test, !!(d->dpr & PLXT_DPR_L2P), read);
		KUNIT_EXPECT_EQ(test, !!(d->dpr & PLXT_DPR_END), last);
		pos += len;
		if (!last)	/* elements split only at page boundaries */
			KUNIT_EXPECT_EQ(test, (l->boff + pos) & ~PAGE_MASK,
					0ul);
	}
	KUNIT_EXPECT_EQ_MSG(test, pos, end, "chain from byte %zu", first);
}
