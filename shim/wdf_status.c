// SPDX-License-Identifier: GPL-2.0-only
/*
 * wdf_status.c - the one NTSTATUS <-> errno table of the shim.
 *
 * Every status in ntstatus.h has a row. Success and informational codes
 * map to 0. When several statuses share an errno, the first row with that
 * errno is the one wdf_errno_to_status() returns, so the preferred status
 * for an errno comes first.
 */
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include "wdf_internal.h"

#define S(st, e) { st, #st, e }

static const struct wdf_status_entry wdf_statuses[] = {
	S(STATUS_SUCCESS, 0),
	S(STATUS_ALERTED, 0),
	S(STATUS_TIMEOUT, 0),
	S(STATUS_PENDING, 0),
	S(STATUS_INVALID_PARAMETER, -EINVAL),
	S(STATUS_INSUFFICIENT_RESOURCES, -ENOMEM),
	S(STATUS_NO_SUCH_DEVICE, -ENODEV),
	S(STATUS_IO_DEVICE_ERROR, -EIO),
	S(STATUS_ACCESS_VIOLATION, -EFAULT),
	S(STATUS_DEVICE_BUSY, -EBUSY),
	S(STATUS_BUFFER_OVERFLOW, -EOVERFLOW),
	S(STATUS_NO_MORE_ENTRIES, -ENODATA),
	S(STATUS_NOT_SUPPORTED, -EOPNOTSUPP),
	S(STATUS_NOT_IMPLEMENTED, -EOPNOTSUPP),
	S(STATUS_UNSUCCESSFUL, -EIO),
	S(STATUS_INFO_LENGTH_MISMATCH, -EINVAL),
	S(STATUS_INVALID_HANDLE, -EBADF),
	S(STATUS_INVALID_DEVICE_REQUEST, -EINVAL),
	S(STATUS_END_OF_FILE, -ENODATA),
	S(STATUS_MORE_PROCESSING_REQUIRED, -EINPROGRESS),
	S(STATUS_NO_MEMORY, -ENOMEM),
	S(STATUS_ACCESS_DENIED, -EACCES),
	S(STATUS_BUFFER_TOO_SMALL, -EINVAL),
	S(STATUS_OBJECT_TYPE_MISMATCH, -EINVAL),
	S(STATUS_DELETE_PENDING, -ENODEV),
	S(STATUS_INTEGER_OVERFLOW, -EOVERFLOW),
	S(STATUS_DEVICE_DATA_ERROR, -EIO),
	S(STATUS_DEVICE_NOT_CONNECTED, -ENODEV),
	S(STATUS_DEVICE_NOT_READY, -EAGAIN),
	S(STATUS_IO_TIMEOUT, -ETIMEDOUT),
	S(STATUS_INTERNAL_ERROR, -EPROTO),
	S(STATUS_INVALID_USER_BUFFER, -EFAULT),
	S(STATUS_CANCELLED, -ECANCELED),
	S(STATUS_INVALID_ADDRESS, -EFAULT),
	S(STATUS_DEVICE_CONFIGURATION_ERROR, -ENODEV),
	S(STATUS_INVALID_DEVICE_STATE, -EBADFD),
	S(STATUS_INVALID_BUFFER_SIZE, -EINVAL),
	S(STATUS_NOT_FOUND, -ENOENT),
	S(STATUS_DEVICE_REMOVED, -ENODEV),
	S(STATUS_WDF_BUSY, -EBUSY),
	S(STATUS_WDF_OBJECT_ATTRIBUTES_INVALID, -EINVAL),
	S(STATUS_WDF_TOO_FRAGMENTED, -EFBIG),
	S(STATUS_WDF_PARENT_ASSIGNMENT_NOT_ALLOWED, -EINVAL),
	S(STATUS_WDF_TOO_MANY_TRANSFERS, -E2BIG),
	S(STATUS_WDF_NOT_ENOUGH_MAP_REGISTERS, -ENOSPC),
};

#undef S

static const struct wdf_status_entry *wdf_status_lookup(NTSTATUS status)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(wdf_statuses); i++)
		if (wdf_statuses[i].status == status)
			return &wdf_statuses[i];
	return NULL;
}

int wdf_status_to_errno(NTSTATUS status)
{
	const struct wdf_status_entry *e = wdf_status_lookup(status);

	if (e)
		return e->err;
	if (NT_SUCCESS(status))
		return 0;
	return -EIO;
}
EXPORT_SYMBOL_GPL(wdf_status_to_errno);

int wdf_status_to_errno_ioctl(NTSTATUS status)
{
	if (status == STATUS_INVALID_DEVICE_REQUEST)
		return -ENOTTY;
	return wdf_status_to_errno(status);
}
EXPORT_SYMBOL_GPL(wdf_status_to_errno_ioctl);

NTSTATUS wdf_errno_to_status(int err)
{
	size_t i;

	if (err == 0)
		return STATUS_SUCCESS;
	switch (err) {
	case -ENOTTY:
		return STATUS_INVALID_DEVICE_REQUEST;
	case -EINTR:
	case -ERESTARTSYS:
		return STATUS_CANCELLED;
	default:
		break;
	}
	for (i = 0; i < ARRAY_SIZE(wdf_statuses); i++)
		if (wdf_statuses[i].err == err)
			return wdf_statuses[i].status;
	return STATUS_UNSUCCESSFUL;
}
EXPORT_SYMBOL_GPL(wdf_errno_to_status);

const char *wdf_status_name(NTSTATUS status)
{
	const struct wdf_status_entry *e = wdf_status_lookup(status);

	return e ? e->name : NULL;
}
EXPORT_SYMBOL_GPL(wdf_status_name);

const struct wdf_status_entry *wdf_status_table(size_t *count)
{
	if (count)
		*count = ARRAY_SIZE(wdf_statuses);
	return wdf_statuses;
}
EXPORT_SYMBOL_GPL(wdf_status_table);
