// SPDX-License-Identifier: GPL-2.0-only
/*
 * wdf_main.c - module init/exit of wdfshim: the work queue that runs DPCs,
 * timer callbacks and deferred queue dispatch, and the char device region.
 */
#include <linux/module.h>
#include <linux/workqueue.h>
#include "wdf_internal.h"

struct workqueue_struct *wdf_wq;

static int __init wdf_shim_init(void)
{
	int ret;

	/*
	 * Not ordered: DPCs of different devices and a device's DPC and its
	 * timers may run in parallel; the device mutex serialises them when
	 * AutomaticSerialization asks for it.
	 */
	wdf_wq = alloc_workqueue("wdfshim", WQ_HIGHPRI | WQ_MEM_RECLAIM, 0);
	if (!wdf_wq)
		return -ENOMEM;
	ret = wdf_cdev_init();
	if (ret) {
		destroy_workqueue(wdf_wq);
		return ret;
	}
	return 0;
}

static void __exit wdf_shim_exit(void)
{
	wdf_cdev_exit();
	destroy_workqueue(wdf_wq);
}

module_init(wdf_shim_init);
module_exit(wdf_shim_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("WDF-like shim: KMDF objects on Linux primitives for WDF-style PCI driver cores");
MODULE_VERSION(PLX9X5X_VERSION);
