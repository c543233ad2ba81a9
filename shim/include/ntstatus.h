/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ntstatus.h - the NTSTATUS values the shim or a WDF-style core can
 * produce, and the one NTSTATUS <-> errno table (shim/wdf_status.c).
 */
#ifndef _WDFSHIM_NTSTATUS_H
#define _WDFSHIM_NTSTATUS_H

#include <wdm.h>

#define STATUS_SUCCESS			((NTSTATUS)0x00000000L)
#define STATUS_WAIT_0			STATUS_SUCCESS
#define STATUS_ALERTED			((NTSTATUS)0x00000101L)
#define STATUS_TIMEOUT			((NTSTATUS)0x00000102L)
#define STATUS_PENDING			((NTSTATUS)0x00000103L)
#define STATUS_BUFFER_OVERFLOW		((NTSTATUS)0x80000005L)
#define STATUS_DEVICE_BUSY		((NTSTATUS)0x80000011L)
#define STATUS_NO_MORE_ENTRIES		((NTSTATUS)0x8000001AL)
#define STATUS_UNSUCCESSFUL		((NTSTATUS)0xC0000001L)
#define STATUS_NOT_IMPLEMENTED		((NTSTATUS)0xC0000002L)
#define STATUS_INFO_LENGTH_MISMATCH	((NTSTATUS)0xC0000004L)
#define STATUS_ACCESS_VIOLATION		((NTSTATUS)0xC0000005L)
#define STATUS_INVALID_HANDLE		((NTSTATUS)0xC0000008L)
#define STATUS_INVALID_PARAMETER	((NTSTATUS)0xC000000DL)
#define STATUS_NO_SUCH_DEVICE		((NTSTATUS)0xC000000EL)
#define STATUS_INVALID_DEVICE_REQUEST	((NTSTATUS)0xC0000010L)
#define STATUS_END_OF_FILE		((NTSTATUS)0xC0000011L)
#define STATUS_MORE_PROCESSING_REQUIRED	((NTSTATUS)0xC0000016L)
#define STATUS_NO_MEMORY		((NTSTATUS)0xC0000017L)
#define STATUS_ACCESS_DENIED		((NTSTATUS)0xC0000022L)
#define STATUS_BUFFER_TOO_SMALL		((NTSTATUS)0xC0000023L)
#define STATUS_OBJECT_TYPE_MISMATCH	((NTSTATUS)0xC0000024L)
#define STATUS_DELETE_PENDING		((NTSTATUS)0xC0000056L)
#define STATUS_INTEGER_OVERFLOW		((NTSTATUS)0xC0000095L)
#define STATUS_INSUFFICIENT_RESOURCES	((NTSTATUS)0xC000009AL)
#define STATUS_DEVICE_DATA_ERROR	((NTSTATUS)0xC000009CL)
#define STATUS_DEVICE_NOT_CONNECTED	((NTSTATUS)0xC000009DL)
#define STATUS_DEVICE_NOT_READY		((NTSTATUS)0xC00000A3L)
#define STATUS_IO_TIMEOUT		((NTSTATUS)0xC00000B5L)
#define STATUS_NOT_SUPPORTED		((NTSTATUS)0xC00000BBL)
#define STATUS_INTERNAL_ERROR		((NTSTATUS)0xC00000E5L)
#define STATUS_INVALID_USER_BUFFER	((NTSTATUS)0xC00000E8L)
#define STATUS_CANCELLED		((NTSTATUS)0xC0000120L)
#define STATUS_INVALID_ADDRESS		((NTSTATUS)0xC0000141L)
#define STATUS_DEVICE_CONFIGURATION_ERROR ((NTSTATUS)0xC0000182L)
#define STATUS_INVALID_DEVICE_STATE	((NTSTATUS)0xC0000184L)
#define STATUS_IO_DEVICE_ERROR		((NTSTATUS)0xC0000185L)
#define STATUS_INVALID_BUFFER_SIZE	((NTSTATUS)0xC0000206L)
#define STATUS_NOT_FOUND		((NTSTATUS)0xC0000225L)
#define STATUS_DEVICE_REMOVED		((NTSTATUS)0xC00002B6L)

/* KMDF's own (facility 0x20) */
#define STATUS_WDF_BUSY				((NTSTATUS)0xC0200204L)
#define STATUS_WDF_OBJECT_ATTRIBUTES_INVALID	((NTSTATUS)0xC0200209L)
#define STATUS_WDF_TOO_FRAGMENTED		((NTSTATUS)0xC020020AL)
#define STATUS_WDF_PARENT_ASSIGNMENT_NOT_ALLOWED ((NTSTATUS)0xC020020FL)
#define STATUS_WDF_TOO_MANY_TRANSFERS		((NTSTATUS)0xC0200213L)
#define STATUS_WDF_NOT_ENOUGH_MAP_REGISTERS	((NTSTATUS)0xC0200214L)

/**
 * struct wdf_status_entry - one row of the NTSTATUS <-> errno table.
 * @status: the NTSTATUS
 * @name: its symbolic name ("STATUS_...")
 * @err: the errno (0 for success codes, negative otherwise)
 */
struct wdf_status_entry {
	NTSTATUS status;
	const char *name;
	int err;
};

/**
 * wdf_status_to_errno() - the errno a completed NTSTATUS becomes.
 * @status: any NTSTATUS
 *
 * Success and informational codes give 0; every error or warning code in
 * the table gives its negative errno; an unknown error code gives -EIO.
 */
int wdf_status_to_errno(NTSTATUS status);

/**
 * wdf_status_to_errno_ioctl() - as wdf_status_to_errno(), but
 * STATUS_INVALID_DEVICE_REQUEST (unknown control code) gives -ENOTTY.
 * @status: the NTSTATUS an ioctl request completed with
 */
int wdf_status_to_errno_ioctl(NTSTATUS status);

/**
 * wdf_errno_to_status() - the NTSTATUS for a (negative) errno.
 * @err: 0 or a negative errno
 *
 * Return: STATUS_SUCCESS for 0, the first table entry with that errno,
 * else STATUS_UNSUCCESSFUL.
 */
NTSTATUS wdf_errno_to_status(int err);

/** wdf_status_name() - "STATUS_..." for a status, or NULL if unknown. */
const char *wdf_status_name(NTSTATUS status);

/**
 * wdf_status_table() - the whole table (for tests and diagnostics).
 * @count: out, number of entries
 */
const struct wdf_status_entry *wdf_status_table(size_t *count);

#endif /* _WDFSHIM_NTSTATUS_H */
