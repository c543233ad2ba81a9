/* SPDX-License-Identifier: GPL-2.0-only WITH Linux-syscall-note */
/*
 * edu.h - user-space interface of the edu driver (QEMU's "edu" teaching
 * device, PCI 1234:11e8, driven by a WDF-style core on wdfshim).
 *
 * Each device is a character device /dev/edu<N> (mode 0600, root):
 *
 *  pread(2)/pwrite(2) (and read/write at the file offset) move 1..4095
 *  bytes between the caller's buffer and the device's 4 KiB DMA buffer by
 *  the device's DMA engine, straight from/to the caller's pages (a
 *  WdfDmaTransaction; the kernel bounces pages the 28-bit engine cannot
 *  reach). The file offset is the offset in the device buffer.
 *  offset + length must stay within EDU_BUF_USABLE: QEMU 7.2's edu stops
 *  the whole VM on a transfer that ends exactly at the end of its buffer
 *  (an off-by-one in its range check), so the last byte is never used.
 *
 *  Errors: length 0 returns 0; offset + length above EDU_BUF_USABLE ->
 *  EINVAL; a bad buffer -> EFAULT; no DMA completion within 2 s ->
 *  ETIMEDOUT; the device has gone away -> ENODEV.
 *
 *  The engine runs one transfer at a time; transfers issued meanwhile wait
 *  in the driver (in order) and start when the engine is free.
 *
 *  Factorials are computed one at a time by the device; the others wait in
 *  the driver. A signal (with a handler) ends a waiting or running one with
 *  EINTR; removal of the device ends the one the driver holds with
 *  ECANCELED and those waiting behind it with ENODEV.
 */
#ifndef _UAPI_EDU_H
#define _UAPI_EDU_H

#include <linux/ioctl.h>
#include <linux/types.h>
#include <wdfioctl.h>	/* direct ioctls (wdfshim's shim/include) */

#define EDU_BUF_SIZE	4096	/* the device's DMA buffer */
#define EDU_BUF_USABLE	4095	/* see above */

/**
 * struct edu_fact - EDU_IOCTL_FACTORIAL argument.
 * @n: in: the operand
 * @result: out: n! as the device computes it (32 bits, modulo 2^32)
 */
struct edu_fact {
	__u32 n;
	__u32 result;
};

/**
 * struct edu_xfer - EDU_IOCTL_CB_WRITE / EDU_IOCTL_CB_READ argument: a
 * transfer staged through the driver's coherent common buffer.
 * @offset: in: offset in the device buffer
 * @length: in: bytes, 1..EDU_BUF_USABLE - @offset
 * @data: in (CB_WRITE) / out (CB_READ): the bytes
 */
struct edu_xfer {
	__u32 offset;
	__u32 length;
	__u8 data[EDU_BUF_SIZE];
};

/**
 * struct edu_dma_args - the input of EDU_IOCTL_DMA_TO_DEVICE /
 * EDU_IOCTL_DMA_FROM_DEVICE (direct ioctls: struct wdf_ioctl_direct with
 * in = &args, in_len = sizeof(args), out / out_len = the data, 1 ..
 * EDU_BUF_USABLE - @offset bytes, moved by the engine straight from / to
 * those pages; returned = the bytes moved).
 * @offset: offset in the device buffer
 */
struct edu_dma_args {
	__u32 offset;
};

#define EDU_IOC_MAGIC		'E'
/* Compute n! on the device; completes from its interrupt. EINTR on a signal. */
#define EDU_IOCTL_FACTORIAL	_IOWR(EDU_IOC_MAGIC, 0, struct edu_fact)
/* data -> common buffer -> device buffer (EINVAL for a bad range). */
#define EDU_IOCTL_CB_WRITE	_IOW(EDU_IOC_MAGIC, 1, struct edu_xfer)
/* device buffer -> common buffer -> data. */
#define EDU_IOCTL_CB_READ	_IOWR(EDU_IOC_MAGIC, 2, struct edu_xfer)
/*
 * Nonzero: the driver takes the next factorial but does not start it (it
 * holds it, cancelable) until this is set to 0 again. For tests of held
 * requests (signals, removal).
 */
#define EDU_IOCTL_FACT_PAUSE	_IOW(EDU_IOC_MAGIC, 3, __u32)
/* METHOD_IN_DIRECT: out buffer -> device buffer (the device reads it). */
#define EDU_IOCTL_DMA_TO_DEVICE		WDF_IOC_IN_DIRECT(EDU_IOC_MAGIC, 4)
/* METHOD_OUT_DIRECT: device buffer -> out buffer (the device writes it). */
#define EDU_IOCTL_DMA_FROM_DEVICE	WDF_IOC_OUT_DIRECT(EDU_IOC_MAGIC, 5)

#endif /* _UAPI_EDU_H */
