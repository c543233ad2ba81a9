// SPDX-License-Identifier: GPL-2.0-only
/*
 * edu_device.c - driver entry, device add and the PnP callbacks of the edu
 * core: map BAR0, check the identification and liveness registers, set up
 * the interrupt, the 28-bit DMA enabler (packet profile), one DMA
 * transaction, a 4 KiB common buffer and the DMA watchdog.
 */
#include <wdf.h>
#include "edu_private.h"

/* {5d1b1f8e-6c0a-4f5e-9a43-1ed0ed0ed0ed}: the device interface class */
DEFINE_GUID(GUID_EDU_INTERFACE, 0x5d1b1f8e, 0x6c0a, 0x4f5e,
	    0x9a, 0x43, 0x1e, 0xd0, 0xed, 0x0e, 0xd0, 0xed);

ULONG EduRead32(PDEVICE_CONTEXT Ctx, ULONG Reg)
{
	return READ_REGISTER_ULONG((PULONG)(Ctx->Regs + Reg));
}

void EduWrite32(PDEVICE_CONTEXT Ctx, ULONG Reg, ULONG Value)
{
	WRITE_REGISTER_ULONG((PULONG)(Ctx->Regs + Reg), Value);
}

static EVT_WDF_DEVICE_PREPARE_HARDWARE EduEvtDevicePrepareHardware;
static EVT_WDF_DEVICE_RELEASE_HARDWARE EduEvtDeviceReleaseHardware;

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	WDF_DRIVER_CONFIG config;
	NTSTATUS status;

	WDF_DRIVER_CONFIG_INIT(&config, EduEvtDeviceAdd);
	status = WdfDriverCreate(DriverObject, RegistryPath,
				 WDF_NO_OBJECT_ATTRIBUTES, &config,
				 WDF_NO_HANDLE);
	if (!NT_SUCCESS(status))
		EDU_ERROR("WdfDriverCreate failed: %#x\n", status);
	return status;
}

static NTSTATUS EduCreateDmaObjects(PDEVICE_CONTEXT Ctx)
{
	WDF_DMA_ENABLER_CONFIG dmaConfig;
	NTSTATUS status;

	/*
	 * Packet profile, one 4 KiB buffer per transfer at most, and the
	 * engine's 28 address bits: the shim makes that the DMA mask, so
	 * Linux bounces (or remaps, with an IOMMU) pages above 256 MiB.
	 */
	WDF_DMA_ENABLER_CONFIG_INIT(&dmaConfig, WdfDmaProfilePacket,
				    EDU_BUF_SIZE);
	dmaConfig.AddressWidthOverride = EDU_DMA_BITS;
	status = WdfDmaEnablerCreate(Ctx->Device, &dmaConfig,
				     WDF_NO_OBJECT_ATTRIBUTES, &Ctx->DmaEnabler);
	if (!NT_SUCCESS(status)) {
		EDU_ERROR("WdfDmaEnablerCreate failed: %#x\n", status);
		return status;
	}
	status = WdfDmaTransactionCreate(Ctx->DmaEnabler,
					 WDF_NO_OBJECT_ATTRIBUTES,
					 &Ctx->Transaction);
	if (!NT_SUCCESS(status)) {
		EDU_ERROR("WdfDmaTransactionCreate failed: %#x\n", status);
		return status;
	}
	status = WdfCommonBufferCreate(Ctx->DmaEnabler, EDU_BUF_SIZE,
				       WDF_NO_OBJECT_ATTRIBUTES,
				       &Ctx->CommonBuffer);
	if (!NT_SUCCESS(status)) {
		EDU_ERROR("WdfCommonBufferCreate failed: %#x\n", status);
		return status;
	}
	Ctx->CommonBufferVa =
		WdfCommonBufferGetAlignedVirtualAddress(Ctx->CommonBuffer);
	Ctx->CommonBufferLa =
		WdfCommonBufferGetAlignedLogicalAddress(Ctx->CommonBuffer);
	return STATUS_SUCCESS;
}

NTSTATUS EduEvtDeviceAdd(WDFDRIVER Driver, PWDFDEVICE_INIT DeviceInit)
{
	WDF_PNPPOWER_EVENT_CALLBACKS pnpPowerCallbacks;
	WDF_INTERRUPT_CONFIG interruptConfig;
	WDF_OBJECT_ATTRIBUTES attributes;
	WDF_IO_QUEUE_CONFIG queueConfig;
	WDF_TIMER_CONFIG timerConfig;
	PDEVICE_CONTEXT ctx;
	WDFDEVICE device;
	WDFQUEUE queue;
	NTSTATUS status;

	UNREFERENCED_PARAMETER(Driver);

	WdfDeviceInitSetIoType(DeviceInit, WdfDeviceIoDirect);
	WDF_PNPPOWER_EVENT_CALLBACKS_INIT(&pnpPowerCallbacks);
	pnpPowerCallbacks.EvtDevicePrepareHardware = EduEvtDevicePrepareHardware;
	pnpPowerCallbacks.EvtDeviceReleaseHardware = EduEvtDeviceReleaseHardware;
	WdfDeviceInitSetPnpPowerEventCallbacks(DeviceInit, &pnpPowerCallbacks);

	WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attributes, DEVICE_CONTEXT);
	attributes.SynchronizationScope = WdfSynchronizationScopeDevice;
	status = WdfDeviceCreate(&DeviceInit, &attributes, &device);
	if (!NT_SUCCESS(status)) {
		EDU_ERROR("WdfDeviceCreate failed: %#x\n", status);
		return status;
	}
	ctx = EduGetDeviceContext(device);
	ctx->Device = device;

	status = WdfDeviceCreateDeviceInterface(device, &GUID_EDU_INTERFACE,
						NULL);
	if (!NT_SUCCESS(status))
		return status;

	/*
	 * Every request is presented at once; what must wait for the one DMA
	 * engine or the one factorial unit waits in a manual queue.
	 */
	WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(&queueConfig,
					       WdfIoQueueDispatchParallel);
	queueConfig.EvtIoRead = EduEvtIoReadWrite;
	queueConfig.EvtIoWrite = EduEvtIoReadWrite;
	queueConfig.EvtIoDeviceControl = EduEvtIoDeviceControl;
	queueConfig.EvtIoStop = EduEvtIoStop;
	status = WdfIoQueueCreate(device, &queueConfig,
				  WDF_NO_OBJECT_ATTRIBUTES, &queue);
	if (!NT_SUCCESS(status)) {
		EDU_ERROR("WdfIoQueueCreate failed: %#x\n", status);
		return status;
	}
	WDF_IO_QUEUE_CONFIG_INIT(&queueConfig, WdfIoQueueDispatchManual);
	queueConfig.EvtIoStop = EduEvtIoStop;
	status = WdfIoQueueCreate(device, &queueConfig,
				  WDF_NO_OBJECT_ATTRIBUTES, &ctx->DmaQueue);
	if (NT_SUCCESS(status))
		status = WdfIoQueueCreate(device, &queueConfig,
					  WDF_NO_OBJECT_ATTRIBUTES,
					  &ctx->FactQueue);
	if (!NT_SUCCESS(status)) {
		EDU_ERROR("WdfIoQueueCreate (manual) failed: %#x\n", status);
		return status;
	}

	WDF_INTERRUPT_CONFIG_INIT(&interruptConfig, EduEvtInterruptIsr,
				  EduEvtInterruptDpc);
	interruptConfig.AutomaticSerialization = TRUE;
	interruptConfig.EvtInterruptEnable = EduEvtInterruptEnable;
	interruptConfig.EvtInterruptDisable = EduEvtInterruptDisable;
	status = WdfInterruptCreate(device, &interruptConfig,
				    WDF_NO_OBJECT_ATTRIBUTES, &ctx->Interrupt);
	if (!NT_SUCCESS(status)) {
		EDU_ERROR("WdfInterruptCreate failed: %#x\n", status);
		return status;
	}

	WDF_TIMER_CONFIG_INIT(&timerConfig, EduEvtWatchdog);
	WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
	attributes.ParentObject = device;
	status = WdfTimerCreate(&timerConfig, &attributes, &ctx->Watchdog);
	if (!NT_SUCCESS(status))
		return status;

	return EduCreateDmaObjects(ctx);
}

/*
 * Map BAR0 (the first 1 MiB memory range) and check that the device is
 * what it claims: the identification register's low half is 0x00ed, and
 * the liveness register returns the complement of what was written.
 */
static NTSTATUS EduEvtDevicePrepareHardware(WDFDEVICE Device,
					    WDFCMRESLIST ResourcesRaw,
					    WDFCMRESLIST ResourcesTranslated)
{
	static const ULONG probes[] = { 0x12345678, 0xffffffff, 0x00000000,
					0xa5a5a5a5 };
	PDEVICE_CONTEXT ctx = EduGetDeviceContext(Device);
	PCM_PARTIAL_RESOURCE_DESCRIPTOR desc;
	PHYSICAL_ADDRESS bar0 = { 0 };
	BOOLEAN found = FALSE;
	ULONG i, count, got;

	UNREFERENCED_PARAMETER(ResourcesRaw);

	count = WdfCmResourceListGetCount(ResourcesTranslated);
	for (i = 0; i < count && !found; i++) {
		desc = WdfCmResourceListGetDescriptor(ResourcesTranslated, i);
		if (desc && desc->Type == CmResourceTypeMemory &&
		    desc->u.Memory.Length >= EDU_BAR0_SIZE) {
			bar0 = desc->u.Memory.Start;
			found = TRUE;
		}
	}
	if (!found) {
		EDU_ERROR("no 1 MiB memory BAR\n");
		return STATUS_DEVICE_CONFIGURATION_ERROR;
	}
	ctx->Regs = MmMapIoSpaceEx(bar0, EDU_BAR0_SIZE,
				   PAGE_READWRITE | PAGE_NOCACHE);
	if (!ctx->Regs)
		return STATUS_INSUFFICIENT_RESOURCES;
	ctx->RegsLength = EDU_BAR0_SIZE;

	ctx->Id = EduRead32(ctx, EDU_REG_ID);
	if ((ctx->Id & EDU_ID_MASK) != EDU_ID_VALUE) {
		EDU_ERROR("identification %#x is not an edu device\n", ctx->Id);
		goto bad;
	}
	for (i = 0; i < ARRAY_SIZE(probes); i++) {
		EduWrite32(ctx, EDU_REG_LIVENESS, probes[i]);
		got = EduRead32(ctx, EDU_REG_LIVENESS);
		if (got != ~probes[i]) {
			EDU_ERROR("liveness: wrote %#x, read %#x\n", probes[i],
				  got);
			goto bad;
		}
	}
	EDU_PRINT("edu %u.%u at %#llx, common buffer at %#llx\n",
		  ctx->Id >> 24, (ctx->Id >> 16) & 0xff,
		  (unsigned long long)bar0.QuadPart,
		  (unsigned long long)ctx->CommonBufferLa.QuadPart);
	return STATUS_SUCCESS;
bad:
	MmUnmapIoSpace(ctx->Regs, ctx->RegsLength);
	ctx->Regs = NULL;
	return STATUS_DEVICE_CONFIGURATION_ERROR;
}

static NTSTATUS EduEvtDeviceReleaseHardware(WDFDEVICE Device,
					    WDFCMRESLIST ResourcesTranslated)
{
	PDEVICE_CONTEXT ctx = EduGetDeviceContext(Device);

	UNREFERENCED_PARAMETER(ResourcesTranslated);
	if (ctx->Regs) {
		MmUnmapIoSpace(ctx->Regs, ctx->RegsLength);
		ctx->Regs = NULL;
	}
	return STATUS_SUCCESS;
}
