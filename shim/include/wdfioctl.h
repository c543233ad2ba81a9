/* SPDX-License-Identifier: GPL-2.0-only WITH Linux-syscall-note */
/*
 * wdfioctl.h - METHOD_IN_DIRECT / METHOD_OUT_DIRECT ioctls of a WDF-style
 * driver on wdfshim, as user space issues them (usable from user space:
 * only <linux/ioctl.h> and <linux/types.h>).
 *
 * DeviceIoControl passes two buffers, a Linux ioctl one pointer. A direct
 * ioctl's argument is therefore a struct wdf_ioctl_direct naming both, and
 * its command is made with WDF_IOC_IN_DIRECT / WDF_IOC_OUT_DIRECT: the
 * size field of such a command is a marker (WDF_IOC_SIZE_*), not the size
 * of the argument. The input buffer is copied in (as METHOD_BUFFERED's);
 * the output buffer is pinned and given to the driver as an MDL, no copy
 * (OUT_DIRECT: the device writes it; IN_DIRECT: the device reads it, KMDF's
 * naming). On success the driver's Information is written to @returned.
 *
 * Errors before the driver sees the request: EFAULT (the struct or the
 * output buffer is not accessible), EINVAL (in_len above
 * WDF_IOC_DIRECT_MAX_IN, out_len above the read/write maximum).
 */
#ifndef _WDFSHIM_WDFIOCTL_H
#define _WDFSHIM_WDFIOCTL_H

#include <linux/ioctl.h>
#include <linux/types.h>

/**
 * struct wdf_ioctl_direct - the argument of a direct ioctl.
 * @in: user address of the input buffer (may be 0 with @in_len 0)
 * @out: user address of the output buffer (may be 0 with @out_len 0)
 * @in_len: input length in bytes
 * @out_len: output length in bytes
 * @returned: out: the request's Information (bytes) when it succeeded
 */
struct wdf_ioctl_direct {
	__u64 in;
	__u64 out;
	__u32 in_len;
	__u32 out_len;
	__u64 returned;
};

/* Size-field markers (13 bits: valid on every architecture's _IOC). */
#define WDF_IOC_SIZE_IN_DIRECT		0x1ff1
#define WDF_IOC_SIZE_OUT_DIRECT		0x1ff2
#define WDF_IOC_DIRECT_MAX_IN		65536

#define WDF_IOC_IN_DIRECT(type, nr) \
	_IOC(_IOC_READ | _IOC_WRITE, (type), (nr), WDF_IOC_SIZE_IN_DIRECT)
#define WDF_IOC_OUT_DIRECT(type, nr) \
	_IOC(_IOC_READ | _IOC_WRITE, (type), (nr), WDF_IOC_SIZE_OUT_DIRECT)

#endif /* _WDFSHIM_WDFIOCTL_H */
