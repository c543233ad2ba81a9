// SPDX-License-Identifier: GPL-2.0-only
/*
 * plx_device.c - driver entry, device add and the PnP/power callbacks of the
 * PLX9x5x core: find and map the BARs, initialise the DMA registers on D0
 * entry, soft-reset the chip when the device goes away for good.
 */
#include <wdf.h>
#include "plx_private.h"

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	WDF_DRIVER_CONFIG config;
	NTSTATUS status;

	WDF_DRIVER_CONFIG_INIT(&config, PLxEvtDeviceAdd);
	status = WdfDriverCreate(DriverObject, RegistryPath,
				 WDF_NO_OBJECT_ATTRIBUTES, &config,
				 WDF_NO_HANDLE);
	if (!NT_SUCCESS(status))
		PLX_ERROR("WdfDriverCreate failed: %#x\n", status);
	return status;
}

NTSTATUS PLxEvtDeviceAdd(WDFDRIVER Driver, PWDFDEVICE_INIT DeviceInit)
{
	WDF_PNPPOWER_EVENT_CALLBACKS pnpPowerCallbacks;
	WDF_DEVICE_POWER_POLICY_IDLE_SETTINGS idleSettings;
	WDF_DEVICE_POWER_POLICY_WAKE_SETTINGS wakeSettings;
	WDF_OBJECT_ATTRIBUTES attributes;
	WDF_DEVICE_IO_LIMITS ioLimits;
	PDEVICE_EXTENSION devExt;
	WDFDEVICE device;
	NTSTATUS status;

	UNREFERENCED_PARAMETER(Driver);

	/* Read and write buffers arrive as MDLs of the pinned user pages. */
	WdfDeviceInitSetIoType(DeviceInit, WdfDeviceIoDirect);

	WDF_PNPPOWER_EVENT_CALLBACKS_INIT(&pnpPowerCallbacks);
	pnpPowerCallbacks.EvtDevicePrepareHardware = PLxEvtDevicePrepareHardware;
	pnpPowerCallbacks.EvtDeviceReleaseHardware = PLxEvtDeviceReleaseHardware;
	pnpPowerCallbacks.EvtDeviceD0Entry = PLxEvtDeviceD0Entry;
	pnpPowerCallbacks.EvtDeviceD0Exit = PLxEvtDeviceD0Exit;
	pnpPowerCallbacks.EvtDeviceD0EntryPostInterruptsEnabled =
		PLxEvtDeviceD0EntryPostInterruptsEnabled;
	pnpPowerCallbacks.EvtDeviceD0ExitPreInterruptsDisabled =
		PLxEvtDeviceD0ExitPreInterruptsDisabled;
	WdfDeviceInitSetPnpPowerEventCallbacks(DeviceInit, &pnpPowerCallbacks);

	/*
	 * Device scope: EvtIo*, the DPC, the watchdog timers and the cancel
	 * routine never run at the same time for one board.
	 */
	WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attributes, DEVICE_EXTENSION);
	attributes.SynchronizationScope = WdfSynchronizationScopeDevice;
	status = WdfDeviceCreate(&DeviceInit, &attributes, &device);
	if (!NT_SUCCESS(status)) {
		PLX_ERROR("WdfDeviceCreate failed: %#x\n", status);
		return status;
	}
	devExt = PLxGetDeviceContext(device);
	devExt->Device = device;

	/*
	 * The node is a file of the SRAM's size: the shim shortens or refuses
	 * a read/write at its end before it pins any page (shim extension).
	 */
	WDF_DEVICE_IO_LIMITS_INIT(&ioLimits);
	ioLimits.DeviceSize = PLX_SRAM_SIZE;
	ioLimits.MaximumTransferLength = PLX_MAX_REQUEST_LENGTH;
	status = WdfDeviceSetIoLimits(device, &ioLimits);
	if (!NT_SUCCESS(status)) {
		PLX_ERROR("WdfDeviceSetIoLimits failed: %#x\n", status);
		return status;
	}

	/* The char device /dev/plx9x5x<N> (mode 0600, root). */
	status = WdfDeviceCreateDeviceInterface(device, &GUID_PLX_INTERFACE,
						NULL);
	if (!NT_SUCCESS(status)) {
		PLX_ERROR("WdfDeviceCreateDeviceInterface failed: %#x\n",
			  status);
		return status;
	}

	/*
	 * The sample asks for idle power-down (10 s) and wake; as there,
	 * a failure is not an error (the shim implements neither).
	 */
	WDF_DEVICE_POWER_POLICY_IDLE_SETTINGS_INIT(&idleSettings,
						   IdleCanWakeFromS0);
	idleSettings.IdleTimeout = 10000;
	(void)WdfDeviceAssignS0IdleSettings(device, &idleSettings);
	WDF_DEVICE_POWER_POLICY_WAKE_SETTINGS_INIT(&wakeSettings);
	(void)WdfDeviceAssignSxWakeSettings(device, &wakeSettings);

	return PLxInitializeDeviceExtension(devExt);
}

/*
 * Find BAR0 (registers, 0x200 bytes) and BAR2 (SRAM, 128 KiB, the first
 * such memory range after BAR0) in the translated resources and map both.
 * BAR1 (I/O alias of the registers) and BAR3 (second SRAM window) are
 * recognised and left alone, as in the sample.
 */
NTSTATUS PLxEvtDevicePrepareHardware(WDFDEVICE Device,
				     WDFCMRESLIST ResourcesRaw,
				     WDFCMRESLIST ResourcesTranslated)
{
	PDEVICE_EXTENSION devExt = PLxGetDeviceContext(Device);
	PCM_PARTIAL_RESOURCE_DESCRIPTOR desc;
	PHYSICAL_ADDRESS regsPhys = { 0 }, sramPhys = { 0 };
	BOOLEAN foundRegs = FALSE, foundSram = FALSE;
	ULONG i, count, irq = 0;
	NTSTATUS status;

	UNREFERENCED_PARAMETER(ResourcesRaw);

	count = WdfCmResourceListGetCount(ResourcesTranslated);
	for (i = 0; i < count; i++) {
		desc = WdfCmResourceListGetDescriptor(ResourcesTranslated, i);
		if (!desc)
			continue;
		switch (desc->Type) {
		case CmResourceTypeMemory:
			if (!foundRegs &&
			    desc->u.Memory.Length == PLX_BAR0_REGS_SIZE) {
				regsPhys = desc->u.Memory.Start;
				foundRegs = TRUE;
			} else if (foundRegs && !foundSram &&
				   desc->u.Memory.Length == PLX_SRAM_SIZE) {
				sramPhys = desc->u.Memory.Start;
				foundSram = TRUE;
			}
			break;
		case CmResourceTypePort:
			/* BAR1: the registers in I/O space, not used. */
			break;
		case CmResourceTypeInterrupt:
			irq = desc->u.Interrupt.Vector;
			break;
		default:
			break;
		}
	}
	if (!foundRegs || !foundSram) {
		PLX_ERROR("BAR0 (0x%x bytes) or BAR2 (0x%x bytes) missing\n",
			  PLX_BAR0_REGS_SIZE, PLX_SRAM_SIZE);
		return STATUS_DEVICE_CONFIGURATION_ERROR;
	}

	/*
	 * PCI configuration space: the chip reports PCI aborts in the Status
	 * register, which the driver reads and clears (plx_isrdpc.c).
	 */
	if (!devExt->HaveBusInterface) {
		status = WdfFdoQueryForInterface(Device,
						 &GUID_BUS_INTERFACE_STANDARD,
						 (PINTERFACE)&devExt->BusInterface,
						 sizeof(BUS_INTERFACE_STANDARD),
						 1, NULL);
		if (!NT_SUCCESS(status)) {
			PLX_ERROR("no PCI bus interface: %#x\n", status);
			return status;
		}
		devExt->HaveBusInterface = TRUE;
	}

	devExt->Regs = MmMapIoSpaceEx(regsPhys, PLX_BAR0_REGS_SIZE,
				      PAGE_READWRITE | PAGE_NOCACHE);
	if (!devExt->Regs) {
		PLX_ERROR("cannot map BAR0\n");
		return STATUS_INSUFFICIENT_RESOURCES;
	}
	devExt->RegsLength = PLX_BAR0_REGS_SIZE;
	devExt->RegsPhys = regsPhys;

	devExt->SRAMBase = MmMapIoSpaceEx(sramPhys, PLX_SRAM_SIZE,
					  PAGE_READWRITE | PAGE_NOCACHE);
	if (!devExt->SRAMBase) {
		PLX_ERROR("cannot map BAR2\n");
		MmUnmapIoSpace(devExt->Regs, devExt->RegsLength);
		devExt->Regs = NULL;
		return STATUS_INSUFFICIENT_RESOURCES;
	}
	devExt->SRAMLength = PLX_SRAM_SIZE;
	devExt->SRAMPhys = sramPhys;
	devExt->DeviceGone = FALSE;

	PLX_PRINT("registers at %#llx (0x%x bytes), SRAM at %#llx (0x%x bytes), irq %u\n",
		  (unsigned long long)regsPhys.QuadPart, PLX_BAR0_REGS_SIZE,
		  (unsigned long long)sramPhys.QuadPart, PLX_SRAM_SIZE, irq);
	return STATUS_SUCCESS;
}

/*
 * Unmap both BARs and forget the pointers (the sample left Regs dangling);
 * release the bus interface. Also called after a failed PrepareHardware.
 */
NTSTATUS PLxEvtDeviceReleaseHardware(WDFDEVICE Device,
				     WDFCMRESLIST ResourcesTranslated)
{
	PDEVICE_EXTENSION devExt = PLxGetDeviceContext(Device);

	UNREFERENCED_PARAMETER(ResourcesTranslated);

	if (devExt->SRAMBase) {
		MmUnmapIoSpace(devExt->SRAMBase, devExt->SRAMLength);
		devExt->SRAMBase = NULL;
		devExt->SRAMLength = 0;
	}
	if (devExt->Regs) {
		MmUnmapIoSpace(devExt->Regs, devExt->RegsLength);
		devExt->Regs = NULL;
		devExt->RegsLength = 0;
	}
	if (devExt->HaveBusInterface) {
		devExt->BusInterface.InterfaceDereference(
			devExt->BusInterface.Context);
		devExt->HaveBusInterface = FALSE;
	}
	return STATUS_SUCCESS;
}

NTSTATUS PLxEvtDeviceD0Entry(WDFDEVICE Device,
			     WDF_POWER_DEVICE_STATE PreviousState)
{
	PDEVICE_EXTENSION devExt = PLxGetDeviceContext(Device);

	UNREFERENCED_PARAMETER(PreviousState);

	/*
	 * A board entering D0 is there unless it proves otherwise: "gone"
	 * does not outlive a reset, an error recovery or a resume.
	 */
	devExt->DeviceGone = FALSE;
	(void)PLxCheckGone(devExt);

	/*
	 * The interrupt is not connected and bus mastering is still off.
	 * A channel left running (previous kernel, kexec, a reset that did
	 * not stop it) is stopped first. The chip comes out of reset
	 * with INTCSR bit 8 (INTA# enable) set: clear it and every source
	 * enable, so that nothing asserts the (shared) line before our
	 * handler is installed; EvtInterruptEnable sets 8 and 10 again. An
	 * abort left over from before (PCI Status 11-13) is cleared, so the
	 * first transfer does not inherit it.
	 */
	if (devExt->Regs && !devExt->DeviceGone) {
		PLxQuiesceChannels(devExt);
		PLxUpdateIntCsr(devExt, PLX_INTCSR_DRIVER_IEN, 0);
		(void)PLxReadClearPciAbort(devExt);
	}
	PLxInitChannels(devExt);
	PLX_PRINT("DMA ready: 32-bit scatter/gather, %zu bytes per chain, %u descriptors per channel\n",
		  devExt->MaximumTransferLength, devExt->MaxSgElements);
	return STATUS_SUCCESS;
}

/*
 * Device lock held for both: open (@InD0) or close the board to new
 * transfers; closing ends every running one with STATUS_IO_DEVICE_ERROR.
 */
static NTSTATUS PLxSetInD0(WDFDEVICE Device, BOOLEAN InD0)
{
	PDEVICE_EXTENSION devExt = PLxGetDeviceContext(Device);

	WdfObjectAcquireLock(Device);
	devExt->InD0 = InD0;
	if (!InD0)
		PLxEndAllTransfers(devExt, STATUS_IO_DEVICE_ERROR);
	WdfObjectReleaseLock(Device);
	return STATUS_SUCCESS;
}

/*
 * The interrupt is connected and enabled: transfers may start. (Set here,
 * not in D0Entry, so that no chain runs before the ISR can acknowledge
 * its interrupt.)
 */
NTSTATUS PLxEvtDeviceD0EntryPostInterruptsEnabled(WDFDEVICE Device,
						  WDF_POWER_DEVICE_STATE PreviousState)
{
	UNREFERENCED_PARAMETER(PreviousState);

	return PLxSetInD0(Device, TRUE);
}

/*
 * Leaving D0 while the interrupt still works. On remove and system sleep
 * the framework has let every request finish first (on remove, after
 * PLxEvtIoStop ended the running ones); on a PCI reset or error recovery
 * it has not (the function is about to be reset under the transfers):
 * each channel still running is aborted and its request completed with
 * STATUS_IO_DEVICE_ERROR (EIO). Requests that arrive until
 * the next D0 entry fail with STATUS_DEVICE_NOT_READY (EAGAIN).
 */
NTSTATUS PLxEvtDeviceD0ExitPreInterruptsDisabled(WDFDEVICE Device,
						 WDF_POWER_DEVICE_STATE TargetState)
{
	UNREFERENCED_PARAMETER(TargetState);

	return PLxSetInD0(Device, FALSE);
}

NTSTATUS PLxEvtDeviceD0Exit(WDFDEVICE Device,
			    WDF_POWER_DEVICE_STATE TargetState)
{
	PDEVICE_EXTENSION devExt = PLxGetDeviceContext(Device);

	switch (TargetState) {
	case WdfPowerDeviceD1:
	case WdfPowerDeviceD2:
	case WdfPowerDeviceD3:
	case WdfPowerDevicePrepareForHibernation:
		/* Idle or sleep: the registers are set again on D0 entry. */
		break;
	case WdfPowerDeviceD3Final:
	default:
		/*
		 * The descriptor chains and buffers are freed after this:
		 * bus mastering off first (the bus driver does it as well
		 * on a PCI device; the core does not rely on it).
		 */
		(void)PLxSetBusMaster(devExt, FALSE);
		PLxHardwareReset(devExt);
		break;
	}
	return STATUS_SUCCESS;
}

BOOLEAN PLxGetCounters(WDFDEVICE Device, PPLX_COUNTERS Counters)
{
	PDEVICE_EXTENSION devExt;

	if (!Device)
		return FALSE;
	devExt = PLxGetDeviceContext(Device);
	if (!devExt)
		return FALSE;
	/*
	 * One consistent snapshot: every counter but Interrupts changes under
	 * the device lock, Interrupts under the interrupt lock.
	 */
	WdfObjectAcquireLock(Device);
	*Counters = devExt->Counters;
	if (devExt->Interrupt) {
		WdfInterruptAcquireLock(devExt->Interrupt);
		Counters->Interrupts = devExt->Counters.Interrupts;
		WdfInterruptReleaseLock(devExt->Interrupt);
	}
	WdfObjectReleaseLock(Device);
	return TRUE;
}
