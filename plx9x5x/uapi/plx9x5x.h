/* SPDX-License-Identifier: GPL-2.0-only WITH Linux-syscall-note */
/*
 * plx9x5x.h - user-space interface of the plx9x5x driver (PLX PCI 9656 /
 * 9056 RDK-LITE boards).
 *
 * Each board is a character device /dev/plx9x5x<N> (mode 0600, root; see
 * 60-plx9x5x.rules to grant a group):
 *
 *  The node is a file of PLX9X5X_SRAM_SIZE (131072) bytes, the board's
 *  SRAM: read(2)/write(2)/pread(2)/pwrite(2) move data between the caller's
 *  buffer and the SRAM by bus-master DMA (writes on DMA channel 0, reads on
 *  channel 1; a read and a write may run at the same time). The file
 *  offset is the SRAM address: offset 0 plus a write then a read of the
 *  same size is the sample's loopback. read/write advance the offset;
 *  lseek(2) SEEK_SET/SEEK_CUR/SEEK_END work against 131072 (results
 *  outside 0..131072 -> EINVAL). A read at or past the end returns 0; a
 *  read or write crossing the end is short (it stops at the end); a write
 *  starting at or past the end fails with ENOSPC.
 *
 *  Errors: length 0 returns 0 without touching the device; a negative
 *  offset -> EINVAL; a bad buffer -> EFAULT; no completion within the DMA
 *  timeout (2 s per DMA chain) -> ETIMEDOUT, the channel is
 *  aborted and the device stays usable; a signal -> EINTR (or a restart
 *  if nothing had been transferred); the board has gone away -> ENODEV.
 */
#ifndef _UAPI_PLX9X5X_H
#define _UAPI_PLX9X5X_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define PLX9X5X_SRAM_SIZE		131072	/* bytes; the file's size */
/*
 * Bytes per DMA chain by default (one chain per request); the module
 * parameter chain_bytes (/sys/module/plx9x5x/parameters/chain_bytes)
 * may set fewer, e.g. 8192 as in the Windows sample.
 */
#define PLX9X5X_MAX_SINGLE_TRANSFER	131072

/*
 * PLX9X5X_IOCTL_TOGGLE_SINGLE_TRANSFER - flip "require single transfer".
 *
 * Takes no input; writes the new state (one byte, 0 = off, 1 = on) to the
 * __u8 the argument points to. While on, each read or write must fit one
 * DMA chain: more than chain_bytes (see PLX9X5X_MAX_SINGLE_TRANSFER)
 * fails with E2BIG (KMDF's STATUS_WDF_TOO_MANY_TRANSFERS) and a buffer
 * needing more scatter/gather elements than a chain has descriptors fails
 * with EFBIG (STATUS_WDF_TOO_FRAGMENTED); with the default 128 KiB chains
 * every request up to the SRAM's size fits one chain.
 * The state is per board, starts off, and survives close(). Changing it
 * needs a descriptor opened for writing (O_WRONLY or O_RDWR), else EACCES;
 * a bad argument pointer gives EFAULT and leaves the state unchanged.
 *
 * The Windows sample used CTL_CODE(FILE_DEVICE_UNKNOWN, 0, METHOD_BUFFERED,
 * FILE_ANY_ACCESS) = 0x00220000; Linux encodes direction and size in the
 * command, so the port uses _IOR('P', 0, __u8) = 0x80015000 instead.
 */
#define PLX9X5X_IOC_MAGIC			'P'
#define PLX9X5X_IOCTL_TOGGLE_SINGLE_TRANSFER	_IOR(PLX9X5X_IOC_MAGIC, 0, __u8)

/*
 * PLX9X5X_IOCTL_GET_SINGLE_TRANSFER - read "require single transfer".
 *
 * Writes the current state (one byte, 0 = off, 1 = on) to the __u8 the
 * argument points to; changes nothing; any open descriptor may ask.
 * _IOR('P', 1, __u8) = 0x80015001 (not in the Windows sample).
 *
 * Any other command fails with ENOTTY, whatever its argument pointer.
 */
#define PLX9X5X_IOCTL_GET_SINGLE_TRANSFER	_IOR(PLX9X5X_IOC_MAGIC, 1, __u8)

#endif /* _UAPI_PLX9X5X_H */
