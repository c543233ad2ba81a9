/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * wdfdevice.h - WDFDEVICE, WDFDEVICE_INIT, PnP/power callbacks.
 */
#ifndef _WDFSHIM_WDFDEVICE_H
#define _WDFSHIM_WDFDEVICE_H

#include <wdfobject.h>
#include <wdfdriver.h>
#include <wdfresource.h>

typedef enum _WDF_DEVICE_IO_TYPE {
	WdfDeviceIoUndefined = 0,
	WdfDeviceIoNeither,
	WdfDeviceIoBuffered,
	WdfDeviceIoDirect,
	WdfDeviceIoBufferedOrDirect = 4,
	WdfDeviceIoMaximum,
} WDF_DEVICE_IO_TYPE;

typedef enum _WDF_POWER_DEVICE_STATE {
	WdfPowerDeviceInvalid = 0,
	WdfPowerDeviceD0,
	WdfPowerDeviceD1,
	WdfPowerDeviceD2,
	WdfPowerDeviceD3,
	WdfPowerDeviceD3Final,
	WdfPowerDevicePrepareForHibernation,
	WdfPowerDeviceMaximum,
} WDF_POWER_DEVICE_STATE;

/* Request types (values of the IRP major codes). */
typedef enum _WDF_REQUEST_TYPE {
	WdfRequestTypeCreate = 0x0,
	WdfRequestTypeClose = 0x2,
	WdfRequestTypeRead = 0x3,
	WdfRequestTypeWrite = 0x4,
	WdfRequestTypeDeviceControl = 0xE,
	WdfRequestTypeDeviceControlInternal = 0xF,
	WdfRequestTypeCleanup = 0x12,
	WdfRequestTypeMax,
} WDF_REQUEST_TYPE;

typedef NTSTATUS EVT_WDF_DEVICE_PREPARE_HARDWARE(WDFDEVICE Device,
						 WDFCMRESLIST ResourcesRaw,
						 WDFCMRESLIST ResourcesTranslated);
typedef EVT_WDF_DEVICE_PREPARE_HARDWARE *PFN_WDF_DEVICE_PREPARE_HARDWARE;
typedef NTSTATUS EVT_WDF_DEVICE_RELEASE_HARDWARE(WDFDEVICE Device,
						 WDFCMRESLIST ResourcesTranslated);
typedef EVT_WDF_DEVICE_RELEASE_HARDWARE *PFN_WDF_DEVICE_RELEASE_HARDWARE;
typedef NTSTATUS EVT_WDF_DEVICE_D0_ENTRY(WDFDEVICE Device,
					 WDF_POWER_DEVICE_STATE PreviousState);
typedef EVT_WDF_DEVICE_D0_ENTRY *PFN_WDF_DEVICE_D0_ENTRY;
typedef NTSTATUS
EVT_WDF_DEVICE_D0_ENTRY_POST_INTERRUPTS_ENABLED(WDFDEVICE Device,
						WDF_POWER_DEVICE_STATE PreviousState);
typedef EVT_WDF_DEVICE_D0_ENTRY_POST_INTERRUPTS_ENABLED
	*PFN_WDF_DEVICE_D0_ENTRY_POST_INTERRUPTS_ENABLED;
typedef NTSTATUS EVT_WDF_DEVICE_D0_EXIT(WDFDEVICE Device,
					WDF_POWER_DEVICE_STATE TargetState);
typedef EVT_WDF_DEVICE_D0_EXIT *PFN_WDF_DEVICE_D0_EXIT;
typedef NTSTATUS
EVT_WDF_DEVICE_D0_EXIT_PRE_INTERRUPTS_DISABLED(WDFDEVICE Device,
					       WDF_POWER_DEVICE_STATE TargetState);
typedef EVT_WDF_DEVICE_D0_EXIT_PRE_INTERRUPTS_DISABLED
	*PFN_WDF_DEVICE_D0_EXIT_PRE_INTERRUPTS_DISABLED;
typedef void EVT_WDF_DEVICE_SURPRISE_REMOVAL(WDFDEVICE Device);
typedef EVT_WDF_DEVICE_SURPRISE_REMOVAL *PFN_WDF_DEVICE_SURPRISE_REMOVAL;

/**
 * struct _WDF_PNPPOWER_EVENT_CALLBACKS - PnP/power callbacks.
 * @Size: sizeof(WDF_PNPPOWER_EVENT_CALLBACKS)
 * @EvtDeviceD0Entry: after PrepareHardware, before the interrupt connects
 * @EvtDeviceD0EntryPostInterruptsEnabled: after EvtInterruptEnable
 * @EvtDeviceD0Exit: after the interrupt is disconnected
 * @EvtDeviceD0ExitPreInterruptsDisabled: before EvtInterruptDisable
 * @EvtDevicePrepareHardware: first callback of a start (probe)
 * @EvtDeviceReleaseHardware: last callback of a stop (remove), also after
 *	a failed start once PrepareHardware was called
 * @EvtDeviceSurpriseRemoval: not called by the shim (no surprise removal
 *	notification on Linux PCI remove)
 */
typedef struct _WDF_PNPPOWER_EVENT_CALLBACKS {
	ULONG Size;
	PFN_WDF_DEVICE_D0_ENTRY EvtDeviceD0Entry;
	PFN_WDF_DEVICE_D0_ENTRY_POST_INTERRUPTS_ENABLED EvtDeviceD0EntryPostInterruptsEnabled;
	PFN_WDF_DEVICE_D0_EXIT EvtDeviceD0Exit;
	PFN_WDF_DEVICE_D0_EXIT_PRE_INTERRUPTS_DISABLED EvtDeviceD0ExitPreInterruptsDisabled;
	PFN_WDF_DEVICE_PREPARE_HARDWARE EvtDevicePrepareHardware;
	PFN_WDF_DEVICE_RELEASE_HARDWARE EvtDeviceReleaseHardware;
	PFN_WDF_DEVICE_SURPRISE_REMOVAL EvtDeviceSurpriseRemoval;
} WDF_PNPPOWER_EVENT_CALLBACKS, *PWDF_PNPPOWER_EVENT_CALLBACKS;

static inline void
WDF_PNPPOWER_EVENT_CALLBACKS_INIT(PWDF_PNPPOWER_EVENT_CALLBACKS Callbacks)
{
	memset(Callbacks, 0, sizeof(*Callbacks));
	Callbacks->Size = sizeof(*Callbacks);
}

/** WdfDeviceInitSetIoType() - Buffered / Direct (read/write as MDLs). */
void WdfDeviceInitSetIoType(PWDFDEVICE_INIT DeviceInit,
			    WDF_DEVICE_IO_TYPE IoType);

/** WdfDeviceInitSetPnpPowerEventCallbacks() - copy the callbacks. */
void WdfDeviceInitSetPnpPowerEventCallbacks(PWDFDEVICE_INIT DeviceInit,
					    PWDF_PNPPOWER_EVENT_CALLBACKS Callbacks);

/**
 * WdfDeviceCreate() - create the device of an EvtDriverDeviceAdd call.
 * @DeviceInit: in/out; set to NULL on success (the init is consumed)
 * @DeviceAttributes: optional (context, SynchronizationScope, cleanup)
 * @Device: out handle, NULL after a failure
 *
 * Return: STATUS_SUCCESS; STATUS_INVALID_PARAMETER (NULL init, init used
 * twice); STATUS_INFO_LENGTH_MISMATCH; STATUS_INSUFFICIENT_RESOURCES.
 */
NTSTATUS WdfDeviceCreate(PWDFDEVICE_INIT *DeviceInit,
			 PWDF_OBJECT_ATTRIBUTES DeviceAttributes,
			 WDFDEVICE *Device);

/**
 * WdfDeviceCreateDeviceInterface() - ask for the character device node
 * /dev/<driver name><N> (mode 0600 root) to go live when the device has
 * started. Only one interface per device; ReferenceString is ignored.
 * @Device: the device
 * @InterfaceClassGUID: the interface class (required; not otherwise used)
 * @ReferenceString: ignored (NULL)
 *
 * Return: STATUS_SUCCESS, STATUS_INVALID_PARAMETER (NULL GUID),
 * STATUS_INVALID_DEVICE_STATE (a second interface).
 */
NTSTATUS WdfDeviceCreateDeviceInterface(WDFDEVICE Device,
					const GUID *InterfaceClassGUID,
					PCUNICODE_STRING ReferenceString);

/**
 * struct _WDF_DEVICE_IO_LIMITS - shim extension (no KMDF counterpart):
 * what the shim checks on a read/write before it pins a single page.
 * @Size: sizeof(WDF_DEVICE_IO_LIMITS)
 * @DeviceSize: nonzero: the node is a file of this many bytes. lseek
 *	SEEK_SET/CUR/END works against it (0 .. DeviceSize); a read at or
 *	past the end returns 0 and a write there fails with ENOSPC, both
 *	without a request; a read or write crossing the end is shortened to
 *	it (the driver sees the shortened Length)
 * @MaximumTransferLength: nonzero: a longer read/write (after the
 *	shortening above) fails with EINVAL without a request
 *
 * KMDF has no equivalent because Windows maps a direct-I/O buffer lazily
 * enough for this not to matter; here the user pages are pinned before
 * the driver sees the request, so a limit the driver only checks in
 * EvtIoRead/EvtIoWrite comes too late (a huge read would fault in and
 * pin the whole buffer first). The limits are per device and fixed
 * before it starts, like WdfDeviceInitSetIoType.
 */
typedef struct _WDF_DEVICE_IO_LIMITS {
	ULONG Size;
	ULONGLONG DeviceSize;
	size_t MaximumTransferLength;
} WDF_DEVICE_IO_LIMITS, *PWDF_DEVICE_IO_LIMITS;

static inline void WDF_DEVICE_IO_LIMITS_INIT(PWDF_DEVICE_IO_LIMITS Limits)
{
	memset(Limits, 0, sizeof(*Limits));
	Limits->Size = sizeof(*Limits);
}

/**
 * WdfDeviceSetIoLimits() - shim extension: set the device's read/write
 * limits (struct _WDF_DEVICE_IO_LIMITS). Call it in EvtDriverDeviceAdd.
 * @Device: the device
 * @Limits: the limits (WDF_DEVICE_IO_LIMITS_INIT)
 *
 * Return: STATUS_SUCCESS; STATUS_INVALID_PARAMETER (NULL limits);
 * STATUS_INFO_LENGTH_MISMATCH (bad Size); STATUS_INVALID_DEVICE_STATE
 * (the device has already started).
 */
NTSTATUS WdfDeviceSetIoLimits(WDFDEVICE Device, PWDF_DEVICE_IO_LIMITS Limits);

/** WdfDeviceSetAlignmentRequirement() - stored, no validation (as KMDF). */
void WdfDeviceSetAlignmentRequirement(WDFDEVICE Device,
				      ULONG AlignmentRequirement);
/** WdfDeviceGetAlignmentRequirement() - the stored value (default 0). */
ULONG WdfDeviceGetAlignmentRequirement(WDFDEVICE Device);

/**
 * WdfDeviceConfigureRequestDispatching() - route one request type
 * (Read, Write, DeviceControl) to @Queue.
 * @Device: the device
 * @Queue: a queue of @Device
 * @RequestType: WdfRequestTypeRead, WdfRequestTypeWrite or
 *	WdfRequestTypeDeviceControl
 *
 * Return: STATUS_SUCCESS; STATUS_INVALID_PARAMETER (other type, queue of
 * another device); STATUS_WDF_BUSY (type already routed).
 */
NTSTATUS WdfDeviceConfigureRequestDispatching(WDFDEVICE Device,
					      WDFQUEUE Queue,
					      WDF_REQUEST_TYPE RequestType);

/** WdfDeviceWdmGetDeviceObject() - the struct device of the device. */
PDEVICE_OBJECT WdfDeviceWdmGetDeviceObject(WDFDEVICE Device);
/** WdfDeviceWdmGetPhysicalDevice() - the same struct device (the PDO). */
PDEVICE_OBJECT WdfDeviceWdmGetPhysicalDevice(WDFDEVICE Device);

/* ---- power policy: accepted and not implemented --------------------- */
typedef enum _WDF_POWER_POLICY_S0_IDLE_CAPABILITIES {
	IdleCapsInvalid = 0,
	IdleCannotWakeFromS0,
	IdleCanWakeFromS0,
	IdleUsbSelectiveSuspend,
} WDF_POWER_POLICY_S0_IDLE_CAPABILITIES;

typedef struct _WDF_DEVICE_POWER_POLICY_IDLE_SETTINGS {
	ULONG Size;
	WDF_POWER_POLICY_S0_IDLE_CAPABILITIES IdleCaps;
	UCHAR DxState;
	ULONG IdleTimeout;
	WDF_TRI_STATE UserControlOfIdleSettings;
	WDF_TRI_STATE Enabled;
} WDF_DEVICE_POWER_POLICY_IDLE_SETTINGS,
	*PWDF_DEVICE_POWER_POLICY_IDLE_SETTINGS;

static inline void WDF_DEVICE_POWER_POLICY_IDLE_SETTINGS_INIT(
	PWDF_DEVICE_POWER_POLICY_IDLE_SETTINGS Settings,
	WDF_POWER_POLICY_S0_IDLE_CAPABILITIES IdleCaps)
{
	memset(Settings, 0, sizeof(*Settings));
	Settings->Size = sizeof(*Settings);
	Settings->IdleCaps = IdleCaps;
	Settings->IdleTimeout = 0;
	Settings->UserControlOfIdleSettings = WdfUseDefault;
	Settings->Enabled = WdfUseDefault;
	Settings->DxState = 4;
}

typedef struct _WDF_DEVICE_POWER_POLICY_WAKE_SETTINGS {
	ULONG Size;
	UCHAR DxState;
	WDF_TRI_STATE UserControlOfWakeSettings;
	WDF_TRI_STATE Enabled;
} WDF_DEVICE_POWER_POLICY_WAKE_SETTINGS,
	*PWDF_DEVICE_POWER_POLICY_WAKE_SETTINGS;

static inline void WDF_DEVICE_POWER_POLICY_WAKE_SETTINGS_INIT(
	PWDF_DEVICE_POWER_POLICY_WAKE_SETTINGS Settings)
{
	memset(Settings, 0, sizeof(*Settings));
	Settings->Size = sizeof(*Settings);
	Settings->DxState = 4;
	Settings->UserControlOfWakeSettings = WdfUseDefault;
	Settings->Enabled = WdfUseDefault;
}

/**
 * WdfDeviceAssignS0IdleSettings() - idle power-down is not implemented.
 * @Device: the device
 * @Settings: the idle settings (WDF_DEVICE_POWER_POLICY_IDLE_SETTINGS_INIT)
 * Return: STATUS_NOT_SUPPORTED (STATUS_INFO_LENGTH_MISMATCH for a bad Size).
 */
NTSTATUS WdfDeviceAssignS0IdleSettings(WDFDEVICE Device,
				       PWDF_DEVICE_POWER_POLICY_IDLE_SETTINGS Settings);
/**
 * WdfDeviceAssignSxWakeSettings() - wake is not implemented.
 * @Device: the device
 * @Settings: the wake settings (WDF_DEVICE_POWER_POLICY_WAKE_SETTINGS_INIT)
 * Return: STATUS_NOT_SUPPORTED (STATUS_INFO_LENGTH_MISMATCH for a bad Size).
 */
NTSTATUS WdfDeviceAssignSxWakeSettings(WDFDEVICE Device,
				       PWDF_DEVICE_POWER_POLICY_WAKE_SETTINGS Settings);

#endif /* _WDFSHIM_WDFDEVICE_H */
