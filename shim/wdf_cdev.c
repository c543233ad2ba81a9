// SPDX-License-Identifier: GPL-2.0-only
/*
 * wdf_cdev.c - the device interface: a character device /dev/<driver
 * name><N> (devtmpfs default mode 0600, root) per device that called
 * WdfDeviceCreateDeviceInterface. read/write/ioctl become requests
 * (wdf_request.c); the file offset is the request's DeviceOffset and
 * advances by the bytes transferred. With WdfDeviceSetIoLimits the node
 * behaves like a file of DeviceSize bytes (lseek against that size, 0 at
 * the end, short I/O across it, ENOSPC for a write at the end), and
 * over-long transfers fail before a page is pinned; without, llseek is
 * default_llseek.
 *
 * Lifetime: the per-node state (struct wdf_cdev) is refcounted by open
 * files. On remove its device pointer is cleared under the rwsem, so a
 * file kept open afterwards gets -ENODEV and never touches freed memory;
 * the device waits until every I/O that got in has finished.
 */
#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/export.h>
#include <linux/fs.h>
#include <linux/idr.h>
#include <linux/module.h>
#include <linux/xarray.h>
#include "wdf_internal.h"

#define WDF_CDEV_MINORS	256

static dev_t wdf_cdev_base;
static DEFINE_IDA(wdf_cdev_minors);
static DEFINE_XARRAY(wdf_cdevs);
static DEFINE_MUTEX(wdf_cdevs_lock);

static struct class wdf_cdev_class = {
	.name = "wdfshim",
};

static void wdf_cdev_release(struct kref *ref)
{
	struct wdf_cdev *c = container_of(ref, struct wdf_cdev, ref);

	kfree(c);
}

static int wdf_cdev_open(struct inode *inode, struct file *file)
{
	struct wdf_cdev *c;
	bool alive;

	mutex_lock(&wdf_cdevs_lock);
	c = xa_load(&wdf_cdevs, iminor(inode));
	if (c)
		kref_get(&c->ref);
	mutex_unlock(&wdf_cdevs_lock);
	if (!c)
		return -ENODEV;
	down_read(&c->lock);
	alive = c->dev;
	up_read(&c->lock);
	if (!alive) {
		kref_put(&c->ref, wdf_cdev_release);
		return -ENODEV;
	}
	file->private_data = c;
	return 0;
}

static int wdf_cdev_close(struct inode *inode, struct file *file)
{
	struct wdf_cdev *c = file->private_data;

	kref_put(&c->ref, wdf_cdev_release);
	return 0;
}

/* The device of an open file, with an I/O counted, or NULL once removed. */
static struct wdf_device *wdf_cdev_get_device(struct file *file)
{
	struct wdf_cdev *c = file->private_data;
	struct wdf_device *d;

	down_read(&c->lock);
	d = c->dev;
	if (d && !wdf_device_io_begin(d))
		d = NULL;
	up_read(&c->lock);
	return d;
}

/*
 * One request from @file to @d (whose I/O the caller counted), with the
 * access the file was opened with: the driver's answer (bytes or errno).
 */
static long wdf_cdev_request(struct file *file, struct wdf_device *d,
			     WDF_REQUEST_TYPE type, unsigned long ubuf,
			     size_t len, loff_t pos, unsigned int cmd)
{
	struct wdf_request *req;

	req = wdf_request_create(d, type, ubuf, len, pos, cmd, false);
	if (IS_ERR(req))
		return PTR_ERR(req);
	wdf_request_set_access(req, !!(file->f_mode & FMODE_READ),
			       !!(file->f_mode & FMODE_WRITE));
	return wdf_request_run(req);
}

static ssize_t wdf_cdev_rw(struct file *file, unsigned long ubuf, size_t len,
			   loff_t *ppos, WDF_REQUEST_TYPE type)
{
	struct wdf_device *d;
	long res;

	d = wdf_cdev_get_device(file);
	if (!d)
		return -ENODEV;
	/* the device's limits, before a page is pinned */
	res = wdf_device_io_limit(d, type, *ppos, &len);
	if (res) {
		if (res > 0)
			res = 0;	/* end of file: no request */
		goto out;
	}
	/* KMDF: 0 bytes reach the driver only if its queue allows them */
	if (!len && !wdf_queue_takes_zero_length(d, type))
		goto out;
	res = wdf_cdev_request(file, d, type, ubuf, len, *ppos, 0);
	if (res > 0)
		*ppos += res;
out:
	wdf_device_io_end(d);
	return res;
}

static ssize_t wdf_cdev_read(struct file *file, char __user *buf, size_t len,
			     loff_t *ppos)
{
	return wdf_cdev_rw(file, (unsigned long)buf, len, ppos,
			   WdfRequestTypeRead);
}

static ssize_t wdf_cdev_write(struct file *file, const char __user *buf,
			      size_t len, loff_t *ppos)
{
	return wdf_cdev_rw(file, (unsigned long)buf, len, ppos,
			   WdfRequestTypeWrite);
}

static long wdf_cdev_ioctl(struct file *file, unsigned int cmd,
			   unsigned long arg)
{
	struct wdf_device *d;
	long res;

	d = wdf_cdev_get_device(file);
	if (!d)
		return -ENODEV;
	res = wdf_cdev_request(file, d, WdfRequestTypeDeviceControl, arg, 0, 0,
			       cmd);
	wdf_device_io_end(d);
	return res;
}

/*
 * A device with a DeviceSize (WDF_DEVICE_IO_LIMITS) is a file of that
 * size: SEEK_SET/CUR/END within 0 .. size. Otherwise the offset is free
 * (default_llseek; the driver decides what it means).
 */
static loff_t wdf_cdev_llseek(struct file *file, loff_t offset, int whence)
{
	struct wdf_cdev *c = file->private_data;

	if (c->size)
		return fixed_size_llseek(file, offset, whence, c->size);
	return default_llseek(file, offset, whence);
}

static const struct file_operations wdf_cdev_fops = {
	.owner = THIS_MODULE,
	.open = wdf_cdev_open,
	.release = wdf_cdev_close,
	.read = wdf_cdev_read,
	.write = wdf_cdev_write,
	.unlocked_ioctl = wdf_cdev_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.llseek = wdf_cdev_llseek,
};

/**
 * wdf_cdev_create() - create /dev/<driver name><N> for @d.
 * @d: a device that asked for an interface
 *
 * Return: 0 or a negative errno.
 */
int wdf_cdev_create(struct wdf_device *d)
{
	struct wdf_cdev *c;
	int minor, ret;

	if (d->cdev)
		return 0;
	c = kzalloc(sizeof(*c), GFP_KERNEL);
	if (!c)
		return -ENOMEM;
	kref_init(&c->ref);
	init_rwsem(&c->lock);
	c->dev = d;
	c->size = d->limits.DeviceSize;
	minor = ida_alloc_max(&wdf_cdev_minors, WDF_CDEV_MINORS - 1,
			      GFP_KERNEL);
	if (minor < 0) {
		ret = minor;
		goto free;
	}
	c->devt = MKDEV(MAJOR(wdf_cdev_base), minor);
	c->index = ida_alloc(&d->driver->minors, GFP_KERNEL);
	if (c->index < 0) {
		ret = c->index;
		goto free_minor;
	}
	mutex_lock(&wdf_cdevs_lock);
	ret = xa_err(xa_store(&wdf_cdevs, minor, c, GFP_KERNEL));
	mutex_unlock(&wdf_cdevs_lock);
	if (ret)
		goto free_index;
	c->cdev = cdev_alloc();
	if (!c->cdev) {
		ret = -ENOMEM;
		goto erase;
	}
	c->cdev->ops = &wdf_cdev_fops;
	c->cdev->owner = THIS_MODULE;
	ret = cdev_add(c->cdev, c->devt, 1);
	if (ret) {
		kobject_put(&c->cdev->kobj);
		goto erase;
	}
	c->node = device_create(&wdf_cdev_class, d->dev, c->devt, NULL,
				"%s%d", d->driver->name, c->index);
	if (IS_ERR(c->node)) {
		ret = PTR_ERR(c->node);
		cdev_del(c->cdev);
		goto erase;
	}
	d->cdev = c;
	return 0;

erase:
	mutex_lock(&wdf_cdevs_lock);
	xa_erase(&wdf_cdevs, minor);
	mutex_unlock(&wdf_cdevs_lock);
free_index:
	ida_free(&d->driver->minors, c->index);
free_minor:
	ida_free(&wdf_cdev_minors, minor);
free:
	kfree(c);
	return ret;
}

/**
 * wdf_cdev_remove() - take the node away; open files get -ENODEV.
 * @d: the device
 */
void wdf_cdev_remove(struct wdf_device *d)
{
	struct wdf_cdev *c = d->cdev;
	unsigned int minor;

	if (!c)
		return;
	minor = MINOR(c->devt);
	device_destroy(&wdf_cdev_class, c->devt);
	cdev_del(c->cdev);
	mutex_lock(&wdf_cdevs_lock);
	xa_erase(&wdf_cdevs, minor);
	mutex_unlock(&wdf_cdevs_lock);
	down_write(&c->lock);
	c->dev = NULL;
	up_write(&c->lock);
	ida_free(&d->driver->minors, c->index);
	ida_free(&wdf_cdev_minors, minor);
	d->cdev = NULL;
	kref_put(&c->ref, wdf_cdev_release);
}

int wdf_cdev_init(void)
{
	int ret;

	ret = alloc_chrdev_region(&wdf_cdev_base, 0, WDF_CDEV_MINORS,
				  "wdfshim");
	if (ret)
		return ret;
	ret = class_register(&wdf_cdev_class);
	if (ret)
		unregister_chrdev_region(wdf_cdev_base, WDF_CDEV_MINORS);
	return ret;
}

void wdf_cdev_exit(void)
{
	class_unregister(&wdf_cdev_class);
	unregister_chrdev_region(wdf_cdev_base, WDF_CDEV_MINORS);
	ida_destroy(&wdf_cdev_minors);
	xa_destroy(&wdf_cdevs);
}
