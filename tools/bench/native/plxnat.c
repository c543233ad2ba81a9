// SPDX-License-Identifier: GPL-2.0-only
/*
 * plxnat.c - a plain Linux PCI driver for the PLX PCI 9656 / 9056 boards,
 * the native reference the benchmark (tools/bench/) compares plx9x5x with.
 *
 * It does the same job as plx9x5x with no WDF layer: read(2)/write(2)
 * (and pread/pwrite) of 1..131072 bytes on /dev/plxnat<N>, the file offset
 * being the SRAM address; writes on DMA channel 0 (host -> SRAM), reads on
 * channel 1 (SRAM -> host, clear-count mode). Per request: pin the user
 * pages, build and map a scatter list, cut it into chains of at most
 * @chain_bytes bytes, write each chain's descriptors into a coherent
 * buffer, start the channel, and on the Done interrupt start the next
 * chain or complete the request.
 *
 * Two module parameters (writable at run time; read when a request
 * starts) select the algorithm:
 *   chain_bytes  bytes per hardware chain (4096..131072, default 131072:
 *                one chain, so one interrupt, per request)
 *   dpc          0 (default): the hard IRQ handler starts the next chain
 *                or completes the request itself;
 *                1: the handler only acknowledges and queues a work item
 *                on a WQ_HIGHPRI workqueue, which takes the board's mutex
 *                and then does what the handler would have done - what
 *                wdfshim did with the PLX core's DPC before issue 10;
 *                2: the same in the IRQ thread (request_threaded_irq; no
 *                IRQF_ONESHOT needed: the primary handler acknowledges
 *                the board), under the same mutex - what wdfshim does
 *                with a DPC the ISR queued since issue 10.
 * With chain_bytes equal to plx9x5x's chain length and dpc=2 this driver
 * runs the core's algorithm, so the ratio of the two isolates the shim.
 *
 * What it does differently from the core (plx9x5x/plx_*.c on wdfshim):
 *  - no request queue, request objects or cancel routine: the caller's
 *    thread pins, maps, programs and waits (interruptibly, 2 s per chain);
 *    on a signal or a timeout it aborts the channel itself;
 *  - no watchdog timer (the wait has the timeout);
 *  - descriptors are 16 bytes apart (the core keeps the sample's 32);
 *  - a DMA error is read from the PCI status register (received master
 *    abort); INTCSR bits 27:24 are active-low status bits on the silicon
 *    and are never taken as an abort.
 * Counters on the PCI device in sysfs, as plx9x5x: requests, interrupts,
 * dpcs (deferred chain ends run), bytes_read, bytes_written, errors.
 *
 * Bind it by driver_override (it has no ID table, so it never takes a
 * board plx9x5x would):
 *   echo plxnat > /sys/bus/pci/devices/<bdf>/driver_override
 *   echo <bdf> > /sys/bus/pci/drivers_probe
 */
#include <linux/delay.h>
#include <linux/dma-mapping.h>
#include <linux/fs.h>
#include <linux/idr.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/kref.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/scatterlist.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/sysfs.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

/*
 * Registers (BAR0), from the PCI 9656 data book as summarised in
 * doc/facts.md §3.3 and doc/silicon.md.
 */
#define PLXNAT_INTCSR		0x68
#define PLXNAT_DMAMODE(c)	((c) ? 0x94 : 0x80)
#define PLXNAT_DMADPR(c)	((c) ? 0xa4 : 0x90)
#define PLXNAT_DMACSR(c)	((c) ? 0xa9 : 0xa8)
#define PLXNAT_DMADAC(c)	((c) ? 0xb8 : 0xb4)

#define INTCSR_PIEN		BIT(8)
#define INTCSR_DMAIEN(c)	((c) ? BIT(19) : BIT(18))
#define INTCSR_DMAIA(c)		((c) ? BIT(22) : BIT(21))

#define DMAMODE_CHAINEN		BIT(9)
#define DMAMODE_DONEIEN		BIT(10)
#define DMAMODE_CLRCOUNT	BIT(16)
#define DMAMODE_INTRPCI		BIT(17)
#define DMAMODE_DACCHAIN	BIT(18)

#define DMACSR_ENABLE		BIT(0)
#define DMACSR_START		BIT(1)
#define DMACSR_ABORT		BIT(2)
#define DMACSR_CLEARINTR	BIT(3)
#define DMACSR_DONE		BIT(4)

#define DMADPR_DESCPCI		BIT(0)
#define DMADPR_CHAINEND		BIT(1)
#define DMADPR_XFERL2P		BIT(3)
#define DMASIZ_COUNT		GENMASK(22, 0)

#define PLXNAT_SRAM_SIZE	SZ_128K
#define PLXNAT_MAX_REQ		SZ_128K
/* Worst-case page layout of a 128 KiB request: 33 pages, 33 elements. */
#define PLXNAT_MAX_DESC		(PLXNAT_MAX_REQ / PAGE_SIZE + 1)
#define PLXNAT_CHAIN_TIMEOUT	(2 * HZ)
#define PLXNAT_MAX_BOARDS	64

/* One descriptor as the chip reads it from PCI memory (16 bytes). */
struct plxnat_desc {
	__le32 pci_addr;
	__le32 local_addr;
	__le32 size;
	__le32 next;
};

static unsigned int chain_bytes = PLXNAT_MAX_REQ;
static unsigned int dpc;

static int plxnat_set_dpc(const char *val, const struct kernel_param *kp)
{
	unsigned int v;
	int ret = kstrtouint(val, 0, &v);

	if (ret)
		return ret;
	if (v > 2)
		return -EINVAL;
	WRITE_ONCE(dpc, v);
	return 0;
}

static const struct kernel_param_ops plxnat_dpc_ops = {
	.set = plxnat_set_dpc,
	.get = param_get_uint,
};

static int plxnat_set_chain_bytes(const char *val,
				  const struct kernel_param *kp)
{
	unsigned int v;
	int ret = kstrtouint(val, 0, &v);

	if (ret)
		return ret;
	if (v < PAGE_SIZE || v > PLXNAT_MAX_REQ)
		return -EINVAL;
	WRITE_ONCE(chain_bytes, v);
	return 0;
}

static const struct kernel_param_ops plxnat_chain_bytes_ops = {
	.set = plxnat_set_chain_bytes,
	.get = param_get_uint,
};
module_param_cb(chain_bytes, &plxnat_chain_bytes_ops, &chain_bytes, 0644);
MODULE_PARM_DESC(chain_bytes,
		 "Bytes per hardware chain, 4096..131072 (default 131072: one interrupt per request)");
module_param_cb(dpc, &plxnat_dpc_ops, &dpc, 0644);
MODULE_PARM_DESC(dpc,
		 "Chain end handled in: 0 the hard IRQ handler (default), 1 a work item under the board mutex (wdfshim's DPC before issue 10), 2 the IRQ thread under the board mutex (wdfshim's DPC)");

struct plxnat;

/* One DMA channel and the request it serves. */
struct plxnat_chan {
	struct plxnat *p;
	unsigned int nr;		/* 0: host -> SRAM, 1: SRAM -> host */
	struct mutex lock;		/* one request at a time */
	struct plxnat_desc *desc;	/* PLXNAT_MAX_DESC descriptors */
	dma_addr_t desc_dma;
	struct page *pages[PLXNAT_MAX_DESC];
	struct sg_table sgt;
	/*
	 * Request state, written by the caller before the first chain,
	 * then by whoever handles a chain's end (IRQ or work item).
	 */
	struct scatterlist *sg;		/* next element to use */
	unsigned int sg_left;		/* mapped elements from @sg on */
	unsigned int sg_off;		/* bytes of @sg already used */
	u32 local;			/* SRAM address of the next chain */
	size_t left;			/* bytes not yet in a chain */
	unsigned int chain_len;		/* bytes in the running chain */
	unsigned int ndesc;		/* descriptors in the running chain */
	unsigned int max_chain;		/* chain_bytes for this request */
	unsigned int use_dpc;		/* dpc for this request */
	bool pending;			/* Done seen, for the IRQ thread */
	bool busy;			/* a chain is running */
	int status;			/* request result, valid when !busy */
	wait_queue_head_t wait;
	struct work_struct work;
};

/*
 * One board. Freed when the device is unbound and the last open file is
 * closed (@ref); @gone (under both channel mutexes) refuses new requests
 * after unbind.
 */
struct plxnat {
	struct kref ref;
	bool gone;
	struct pci_dev *pdev;
	void __iomem *regs;
	int id;
	char name[20];
	struct miscdevice misc;
	spinlock_t lock;		/* registers, channel state vs the IRQ */
	struct mutex dpc_lock;		/* the work items' "device lock" */
	struct plxnat_chan chan[2];
	/* counters (under @lock) */
	u64 requests, interrupts, dpcs, bytes_read, bytes_written, errors;
};

static struct workqueue_struct *plxnat_wq;
static DEFINE_IDA(plxnat_ida);

/*
 * Fill the descriptors of the next chain from the mapped list: at most
 * max_chain bytes, at most PLXNAT_MAX_DESC elements, an element never
 * spanning two mapped entries; then start the channel. Lock held.
 */
static void plxnat_start_chain(struct plxnat_chan *ch)
{
	struct plxnat *p = ch->p;
	u32 flags = ch->nr ? DMADPR_XFERL2P : 0;
	unsigned int n = 0, len = 0;
	dma_addr_t addr;
	u32 mode, seg;

	while (ch->left && len < ch->max_chain && n < PLXNAT_MAX_DESC) {
		seg = min3((size_t)(sg_dma_len(ch->sg) - ch->sg_off),
			   (size_t)(ch->max_chain - len), ch->left);
		addr = sg_dma_address(ch->sg) + ch->sg_off;
		ch->desc[n].pci_addr = cpu_to_le32(lower_32_bits(addr));
		ch->desc[n].local_addr = cpu_to_le32(ch->local + len);
		ch->desc[n].size = cpu_to_le32(seg);
		ch->desc[n].next = cpu_to_le32((ch->desc_dma +
					       (n + 1) * sizeof(*ch->desc)) |
					      DMADPR_DESCPCI | flags);
		n++;
		len += seg;
		ch->left -= seg;
		ch->sg_off += seg;
		if (ch->sg_off == sg_dma_len(ch->sg) && --ch->sg_left) {
			ch->sg = sg_next(ch->sg);
			ch->sg_off = 0;
		}
	}
	ch->desc[n - 1].next = cpu_to_le32(DMADPR_DESCPCI | DMADPR_CHAINEND |
					   flags);
	ch->chain_len = len;
	ch->ndesc = n;
	ch->busy = true;

	mode = readl(p->regs + PLXNAT_DMAMODE(ch->nr));
	mode |= DMAMODE_CHAINEN | DMAMODE_DONEIEN | DMAMODE_INTRPCI;
	mode &= ~DMAMODE_DACCHAIN;
	if (ch->nr)
		mode |= DMAMODE_CLRCOUNT;
	writel(mode, p->regs + PLXNAT_DMAMODE(ch->nr));
	/* writel orders the descriptor stores before the start */
	writel(ch->desc_dma | DMADPR_DESCPCI, p->regs + PLXNAT_DMADPR(ch->nr));
	writeb(DMACSR_ENABLE | DMACSR_START, p->regs + PLXNAT_DMACSR(ch->nr));
}

/* Bytes of the finished read chain the chip did not move (clear count). */
static unsigned int plxnat_residual(struct plxnat_chan *ch)
{
	unsigned int i, left = 0;

	dma_rmb();
	for (i = 0; i < ch->ndesc; i++)
		left += le32_to_cpu(ch->desc[i].size) & DMASIZ_COUNT;
	return left;
}

/* A chain reported Done: start the next one or end the request. Lock held. */
static void plxnat_chain_done(struct plxnat_chan *ch)
{
	struct plxnat *p = ch->p;

	if (!ch->busy)
		return;
	ch->busy = false;
	if (ch->nr && plxnat_residual(ch)) {
		ch->status = -EIO;
	} else {
		if (ch->nr)
			p->bytes_read += ch->chain_len;
		else
			p->bytes_written += ch->chain_len;
		ch->local += ch->chain_len;
		if (ch->left) {
			plxnat_start_chain(ch);
			return;
		}
		ch->status = 0;
	}
	wake_up(&ch->wait);
}

static void plxnat_work(struct work_struct *work)
{
	struct plxnat_chan *ch = container_of(work, struct plxnat_chan, work);
	struct plxnat *p = ch->p;

	mutex_lock(&p->dpc_lock);
	spin_lock_irq(&p->lock);
	p->dpcs++;
	plxnat_chain_done(ch);
	spin_unlock_irq(&p->lock);
	mutex_unlock(&p->dpc_lock);
}

static irqreturn_t plxnat_irq(int irq, void *data)
{
	struct plxnat *p = data;
	irqreturn_t ret = IRQ_NONE;
	bool wake = false;
	unsigned int i;
	u32 intcsr;
	u8 csr;

	spin_lock(&p->lock);
	intcsr = readl(p->regs + PLXNAT_INTCSR);
	if (intcsr == ~0U)		/* the board is gone */
		goto out;
	for (i = 0; i < 2; i++) {
		struct plxnat_chan *ch = &p->chan[i];

		if (!(intcsr & INTCSR_DMAIA(i)))
			continue;
		csr = readb(p->regs + PLXNAT_DMACSR(i));
		writeb((csr & DMACSR_ENABLE) | DMACSR_CLEARINTR,
		       p->regs + PLXNAT_DMACSR(i));
		ret = IRQ_HANDLED;
		if (!(csr & DMACSR_DONE) || !ch->busy)
			continue;
		if (ch->use_dpc == 1) {
			queue_work(plxnat_wq, &ch->work);
		} else if (ch->use_dpc == 2) {
			ch->pending = true;
			wake = true;
		} else {
			plxnat_chain_done(ch);
		}
	}
	if (ret == IRQ_HANDLED)
		p->interrupts++;
	if (wake)
		ret = IRQ_WAKE_THREAD;
out:
	spin_unlock(&p->lock);
	return ret;
}

/* dpc=2: the chain ends the primary handler saw, in the IRQ thread. */
static irqreturn_t plxnat_irq_thread(int irq, void *data)
{
	struct plxnat *p = data;
	unsigned int i;

	mutex_lock(&p->dpc_lock);
	spin_lock_irq(&p->lock);
	p->dpcs++;
	for (i = 0; i < 2; i++) {
		if (!p->chan[i].pending)
			continue;
		p->chan[i].pending = false;
		plxnat_chain_done(&p->chan[i]);
	}
	spin_unlock_irq(&p->lock);
	mutex_unlock(&p->dpc_lock);
	return IRQ_HANDLED;
}

/*
 * Stop the channel after a timeout or a signal: no Done interrupt, Abort,
 * wait (bounded) for Done. Returns false if the channel never stopped.
 */
static bool plxnat_abort(struct plxnat_chan *ch)
{
	struct plxnat *p = ch->p;
	unsigned int i;
	bool done;
	u32 mode;

	spin_lock_irq(&p->lock);
	mode = readl(p->regs + PLXNAT_DMAMODE(ch->nr));
	writel(mode & ~DMAMODE_DONEIEN, p->regs + PLXNAT_DMAMODE(ch->nr));
	if (!(readb(p->regs + PLXNAT_DMACSR(ch->nr)) & DMACSR_DONE))
		writeb(DMACSR_ABORT, p->regs + PLXNAT_DMACSR(ch->nr));
	ch->busy = false;
	ch->pending = false;
	spin_unlock_irq(&p->lock);

	for (i = 0; i < 1000; i++) {
		done = readb(p->regs + PLXNAT_DMACSR(ch->nr)) & DMACSR_DONE;
		if (done)
			break;
		udelay(10);
	}
	writeb(DMACSR_CLEARINTR, p->regs + PLXNAT_DMACSR(ch->nr));
	cancel_work_sync(&ch->work);
	return done;
}

/* A bus master abort during the request (PCI status, W1C). */
static bool plxnat_master_abort(struct plxnat *p)
{
	u16 status;

	pci_read_config_word(p->pdev, PCI_STATUS, &status);
	if (!(status & PCI_STATUS_REC_MASTER_ABORT))
		return false;
	pci_write_config_word(p->pdev, PCI_STATUS,
			      PCI_STATUS_REC_MASTER_ABORT);
	return true;
}

static ssize_t plxnat_xfer(struct plxnat *p, unsigned int nr,
			   unsigned long uaddr, size_t len, loff_t *ppos)
{
	struct plxnat_chan *ch = &p->chan[nr];
	enum dma_data_direction dir = nr ? DMA_FROM_DEVICE : DMA_TO_DEVICE;
	struct device *dev = &p->pdev->dev;
	unsigned int npages, off = offset_in_page(uaddr);
	long t = 1;
	int got, ret;

	if (!len)
		return 0;
	if (len > PLXNAT_MAX_REQ || *ppos < 0 ||
	    *ppos > PLXNAT_SRAM_SIZE || len > PLXNAT_SRAM_SIZE - *ppos)
		return -EINVAL;
	npages = DIV_ROUND_UP(off + len, PAGE_SIZE);

	if (mutex_lock_interruptible(&ch->lock))
		return -ERESTARTSYS;
	if (p->gone) {
		ret = -ENODEV;
		goto unlock;
	}
	got = pin_user_pages_fast(uaddr & PAGE_MASK, npages,
				  nr ? FOLL_WRITE : 0, ch->pages);
	if (got != npages) {
		ret = got < 0 ? got : -EFAULT;
		if (got > 0)
			unpin_user_pages(ch->pages, got);
		goto unlock;
	}
	ret = sg_alloc_table_from_pages_segment(&ch->sgt, ch->pages, npages,
						off, len,
						dma_get_max_seg_size(dev),
						GFP_KERNEL);
	if (ret)
		goto unpin;
	ret = dma_map_sgtable(dev, &ch->sgt, dir, 0);
	if (ret)
		goto free_sgt;

	spin_lock_irq(&p->lock);
	ch->sg = ch->sgt.sgl;
	ch->sg_left = ch->sgt.nents;
	ch->sg_off = 0;
	ch->local = *ppos;
	ch->left = len;
	ch->max_chain = READ_ONCE(chain_bytes);
	ch->use_dpc = READ_ONCE(dpc);
	ch->pending = false;
	ch->status = 0;
	p->requests++;
	plxnat_start_chain(ch);
	spin_unlock_irq(&p->lock);

	/* Every chain gets PLXNAT_CHAIN_TIMEOUT; a new chain restarts it. */
	while (READ_ONCE(ch->busy) && t > 0) {
		size_t before = READ_ONCE(ch->left);

		t = wait_event_interruptible_timeout(ch->wait,
						     !READ_ONCE(ch->busy) ||
						     READ_ONCE(ch->left) != before,
						     PLXNAT_CHAIN_TIMEOUT);
	}
	if (READ_ONCE(ch->busy)) {
		if (!plxnat_abort(ch))
			dev_err(dev, "channel %u did not stop on abort\n", nr);
		ret = t < 0 ? -EINTR : -ETIMEDOUT;
	} else {
		/* the work item or the IRQ thread may still be returning */
		flush_work(&ch->work);
		if (ch->use_dpc == 2)
			synchronize_irq(p->pdev->irq);
		ret = ch->status;
	}
	if (!ret && plxnat_master_abort(p))
		ret = -EIO;

	dma_unmap_sgtable(dev, &ch->sgt, dir, 0);
free_sgt:
	sg_free_table(&ch->sgt);
unpin:
	if (nr)
		unpin_user_pages_dirty_lock(ch->pages, npages, true);
	else
		unpin_user_pages(ch->pages, npages);
unlock:
	if (ret) {
		spin_lock_irq(&p->lock);
		p->errors++;
		spin_unlock_irq(&p->lock);
	}
	mutex_unlock(&ch->lock);
	if (ret)
		return ret;
	*ppos += len;
	return len;
}

static void plxnat_free(struct kref *ref)
{
	kfree(container_of(ref, struct plxnat, ref));
}

/* misc_open() holds misc_mtx: misc_deregister() cannot run meanwhile. */
static int plxnat_open(struct inode *inode, struct file *file)
{
	struct plxnat *p = container_of(file->private_data, struct plxnat,
					misc);

	kref_get(&p->ref);
	file->private_data = p;
	return 0;
}

static int plxnat_release(struct inode *inode, struct file *file)
{
	struct plxnat *p = file->private_data;

	kref_put(&p->ref, plxnat_free);
	return 0;
}

static struct plxnat *plxnat_from_file(struct file *file)
{
	return file->private_data;
}

static ssize_t plxnat_read(struct file *file, char __user *buf, size_t len,
			   loff_t *ppos)
{
	return plxnat_xfer(plxnat_from_file(file), 1, (unsigned long)buf, len,
			   ppos);
}

static ssize_t plxnat_write(struct file *file, const char __user *buf,
			    size_t len, loff_t *ppos)
{
	return plxnat_xfer(plxnat_from_file(file), 0, (unsigned long)buf, len,
			   ppos);
}

static const struct file_operations plxnat_fops = {
	.owner = THIS_MODULE,
	.open = plxnat_open,
	.release = plxnat_release,
	.read = plxnat_read,
	.write = plxnat_write,
	.llseek = default_llseek,
};

/* ---- sysfs counters on the PCI device ---------------------------------- */

static ssize_t plxnat_counter_show(struct device *dev, char *buf,
				   size_t field)
{
	struct plxnat *p = dev_get_drvdata(dev);
	u64 v;

	if (!p)
		return -ENODEV;
	spin_lock_irq(&p->lock);
	v = *(u64 *)((char *)p + field);
	spin_unlock_irq(&p->lock);
	return sysfs_emit(buf, "%llu\n", v);
}

#define PLXNAT_COUNTER(_name)						\
static ssize_t _name##_show(struct device *dev,				\
			    struct device_attribute *attr, char *buf)	\
{									\
	return plxnat_counter_show(dev, buf,				\
				   offsetof(struct plxnat, _name));	\
}									\
static DEVICE_ATTR_RO(_name)

PLXNAT_COUNTER(requests);
PLXNAT_COUNTER(interrupts);
PLXNAT_COUNTER(dpcs);
PLXNAT_COUNTER(bytes_read);
PLXNAT_COUNTER(bytes_written);
PLXNAT_COUNTER(errors);

static struct attribute *plxnat_attrs[] = {
	&dev_attr_requests.attr,
	&dev_attr_interrupts.attr,
	&dev_attr_dpcs.attr,
	&dev_attr_bytes_read.attr,
	&dev_attr_bytes_written.attr,
	&dev_attr_errors.attr,
	NULL
};
ATTRIBUTE_GROUPS(plxnat);

/* ---- probe / remove ------------------------------------------------------ */

static void plxnat_irq_enable(struct plxnat *p, bool on)
{
	u32 intcsr;

	spin_lock_irq(&p->lock);
	intcsr = readl(p->regs + PLXNAT_INTCSR);
	if (on)
		intcsr |= INTCSR_PIEN | INTCSR_DMAIEN(0) | INTCSR_DMAIEN(1);
	else
		intcsr &= ~(INTCSR_PIEN | INTCSR_DMAIEN(0) | INTCSR_DMAIEN(1));
	writel(intcsr, p->regs + PLXNAT_INTCSR);
	spin_unlock_irq(&p->lock);
}

static int plxnat_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct device *dev = &pdev->dev;
	struct plxnat *p;
	unsigned int i;
	int ret;

	p = kzalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	kref_init(&p->ref);
	p->pdev = pdev;
	spin_lock_init(&p->lock);
	mutex_init(&p->dpc_lock);

	ret = pcim_enable_device(pdev);
	if (ret)
		goto put;
	if (pci_resource_len(pdev, 0) < 0x108 ||
	    !(pci_resource_flags(pdev, 0) & IORESOURCE_MEM)) {
		ret = -ENODEV;
		goto put;
	}
	ret = pcim_iomap_regions(pdev, BIT(0), KBUILD_MODNAME);
	if (ret)
		goto put;
	p->regs = pcim_iomap_table(pdev)[0];
	ret = dma_set_mask_and_coherent(dev, DMA_BIT_MASK(32));
	if (ret)
		goto put;
	pci_set_master(pdev);

	for (i = 0; i < 2; i++) {
		struct plxnat_chan *ch = &p->chan[i];

		ch->p = p;
		ch->nr = i;
		mutex_init(&ch->lock);
		init_waitqueue_head(&ch->wait);
		INIT_WORK(&ch->work, plxnat_work);
		ch->desc = dmam_alloc_coherent(dev, PLXNAT_MAX_DESC *
					       sizeof(*ch->desc),
					       &ch->desc_dma, GFP_KERNEL);
		if (!ch->desc) {
			ret = -ENOMEM;
			goto put;
		}
		writel(0, p->regs + PLXNAT_DMADAC(i));
	}

	/* INTCSR bit 8 is set at reset: off until the handler is in place. */
	plxnat_irq_enable(p, false);
	pci_set_drvdata(pdev, p);
	ret = devm_request_threaded_irq(dev, pdev->irq, plxnat_irq,
					plxnat_irq_thread, IRQF_SHARED,
					KBUILD_MODNAME, p);
	if (ret)
		goto put;
	plxnat_irq_enable(p, true);

	p->id = ida_alloc_max(&plxnat_ida, PLXNAT_MAX_BOARDS - 1, GFP_KERNEL);
	if (p->id < 0) {
		ret = p->id;
		goto irq_off;
	}
	snprintf(p->name, sizeof(p->name), "plxnat%d", p->id);
	p->misc.minor = MISC_DYNAMIC_MINOR;
	p->misc.name = p->name;
	p->misc.fops = &plxnat_fops;
	p->misc.parent = dev;
	ret = misc_register(&p->misc);
	if (ret)
		goto free_id;
	dev_info(dev, "/dev/%s\n", p->name);
	return 0;

free_id:
	ida_free(&plxnat_ida, p->id);
irq_off:
	plxnat_irq_enable(p, false);
	devm_free_irq(dev, pdev->irq, p);
put:
	pci_set_drvdata(pdev, NULL);
	kref_put(&p->ref, plxnat_free);
	return ret;
}

static void plxnat_remove(struct pci_dev *pdev)
{
	struct plxnat *p = pci_get_drvdata(pdev);

	/* No new opens; open files wait on the channel mutexes below. */
	misc_deregister(&p->misc);
	mutex_lock(&p->chan[0].lock);
	mutex_lock(&p->chan[1].lock);
	p->gone = true;
	plxnat_irq_enable(p, false);
	mutex_unlock(&p->chan[1].lock);
	mutex_unlock(&p->chan[0].lock);
	devm_free_irq(&pdev->dev, pdev->irq, p);
	cancel_work_sync(&p->chan[0].work);
	cancel_work_sync(&p->chan[1].work);
	ida_free(&plxnat_ida, p->id);
	pci_set_drvdata(pdev, NULL);
	kref_put(&p->ref, plxnat_free);
}

static struct pci_driver plxnat_driver = {
	.name = KBUILD_MODNAME,
	.id_table = NULL,	/* driver_override only */
	.probe = plxnat_probe,
	.remove = plxnat_remove,
	.dev_groups = plxnat_groups,
};

static int __init plxnat_init(void)
{
	int ret;

	plxnat_wq = alloc_workqueue("plxnat", WQ_HIGHPRI | WQ_MEM_RECLAIM, 0);
	if (!plxnat_wq)
		return -ENOMEM;
	ret = pci_register_driver(&plxnat_driver);
	if (ret)
		destroy_workqueue(plxnat_wq);
	return ret;
}
module_init(plxnat_init);

static void __exit plxnat_exit(void)
{
	pci_unregister_driver(&plxnat_driver);
	destroy_workqueue(plxnat_wq);
}
module_exit(plxnat_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("PLX PCI 9656/9056 native reference driver for the plx9x5x benchmark");
