/* SPDX-License-Identifier: GPL-2.0-only WITH Linux-syscall-note */
/*
 * plx9x5x.h - user-space interface of the plx9x5x driver (PLX PCI 9656 /
 * 9056 RDK-LITE boards).
 *
 * Each board is a character device /dev/plx9x5x<N> (mode 0600, root; see
 * 60-plx9x5x.rules to grant a group):
 *
 *  read(2)/write(2)/pread(2)/pwrite(2) move 1..131072 bytes between the
 *  caller's buffer and the board's 128 KiB SRAM by bus-master DMA (writes on
 *  DMA channel 0, reads on channel 1; a read and a write may run at the same
 *  time). The file offset is the SRAM address: offset 0 plus a write then a
 *  read of the same size is the sample's loopback. read/write advance the
 *  offset like a file; lseek(2) sets it.
 *
 *  Errors: length 0 returns 0 without touching the device; length above
 *  131072, a negative offset or offset + length above 131072 -> EINVAL;
 *  a bad buffer -> EFAULT; no completion within the DMA timeout (2 s per
 *  chain of at most 8 KiB) -> ETIMEDOUT, the channel is aborted and the
 *  device stays usable; a signal -> EINTR (or a restart if nothing had
 *  been transferred); the board has gone away -> ENODEV.
 */
#ifndef _UAPI_PLX9X5X_H
#define _UAPI_PLX9X5X_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define PLX9X5X_SRAM_SIZE		131072	/* bytes; largest transfer */
#define PLX9X5X_MAX_SINGLE_TRANSFER	8192	/* bytes per DMA chain */

/*
 * PLX9X5X_IOCTL_TOGGLE_SINGLE_TRANSFER - flip "require single transfer".
 *
 * Takes no input; writes the new state (one byte, 0 = off, 1 = on) to the
 * __u8 the argument points to. While on, each read or write must fit one
 * DMA chain: more than 8192 bytes fails with E2BIG (KMDF's
 * STATUS_WDF_TOO_MANY_TRANSFERS) and a buffer needing more than three
 * scatter/gather elements fails with EFBIG (STATUS_WDF_TOO_FRAGMENTED).
 * The state is per board, starts off, and survives close().
 *
 * The Windows sample used CTL_CODE(FILE_DEVICE_UNKNOWN, 0, METHOD_BUFFERED,
 * FILE_ANY_ACCESS) = 0x00220000; Linux encodes direction and size in the
 * command, so the port uses _IOR('P', 0, __u8) = 0x80015000 instead.
 * Unknown commands fail with ENOTTY.
 */
#define PLX9X5X_IOC_MAGIC			'P'
#define PLX9X5X_IOCTL_TOGGLE_SINGLE_TRANSFER	_IOR(PLX9X5X_IOC_MAGIC, 0, __u8)

#endif /* _UAPI_PLX9X5X_H */
