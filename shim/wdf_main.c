// SPDX-License-Identifier: GPL-2.0-only
/*
 * wdf_main.c - module init/exit of wdfshim: the work queue that runs DPCs,
 * timer callbacks and deferred queue dispatch, and the char device region.
 */
#include <linux/module.h>
#include <linux/workqueue.h>
#include "wdf_internal.h"

/*
 * Newer kernels want every workqueue to say whether it is bound to a CPU
 * (WQ_PERCPU) or not (WQ_UNBOUND), and WARN when neither is given. WQ_PERCPU
 * is an enum member, so Kbuild probes the header for it (WDF_HAVE_WQ_PERCPU);
 * kernels without it have per-CPU workqueues by default, which is what the
 * shim wants: a DPC runs on the CPU whose ISR queued it, as on Windows.
 */
#ifdef WDF_HAVE_WQ_PERCPU
#define WDF_WQ_FLAGS	(WQ_PERCPU | WQ_HIGHPRI | WQ_MEM_RECLAIM)
#else
#define WDF_WQ_FLAGS	(WQ_HIGHPRI | WQ_MEM_RECLAIM)
#endif

struct workqueue_struct *wdf_wq;

static int __init wdf_shim_init(void)
{
	int ret;

	/*
	 * Not ordered: DPCs of different devices and a device's DPC and its
	 * timers may run in parallel; the device mutex serialises them when
	 * AutomaticSerialization asks for it.
	 */
	wdf_wq = alloc_workqueue("wdfshim", WDF_WQ_FLAGS, 0);
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
