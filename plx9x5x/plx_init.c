// SPDX-License-Identifier: GPL-2.0-only
/*
 * plx_init.c - create what a board needs once (queues, interrupt, DMA
 * enabler, descriptor common buffers, DMA transactions, watchdog timers),
 * set the DMA registers on every D0 entry, and soft-reset the chip.
 */
#include <wdf.h>
#include "plx_private.h"

static NTSTATUS PLxCreateQueue(PDEVICE_EXTENSION DevExt,
			       WDF_REQUEST_TYPE Type, WDFQUEUE *Queue)
{
	WDF_OBJECT_ATTRIBUTES attributes;
	WDF_IO_QUEUE_CONFIG config;
	const PLX_DIRECTION *dir;
	NTSTATUS status;

	/*
	 * One request at a time per direction: one chain per channel. The
	 * sample has no EvtIoStop (removal waits for the DMA); here removal
	 * ends a running transfer at once (PLxEvtIoStop). Reads and writes
	 * have one EvtIo callback; the queue's context names the direction.
	 */
	WDF_IO_QUEUE_CONFIG_INIT(&config, WdfIoQueueDispatchSequential);
	WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attributes, QUEUE_CONTEXT);
	switch (Type) {
	case WdfRequestTypeWrite:
		config.EvtIoWrite = PLxEvtIoReadWrite;
		config.EvtIoStop = PLxEvtIoStop;
		dir = &PLxWriteDirection;
		break;
	case WdfRequestTypeRead:
		config.EvtIoRead = PLxEvtIoReadWrite;
		config.EvtIoStop = PLxEvtIoStop;
		dir = &PLxReadDirection;
		break;
	default:
		config.EvtIoDeviceControl = PLxEvtIoDeviceControl;
		dir = NULL;
		break;
	}
	status = WdfIoQueueCreate(DevExt->Device, &config, &attributes, Queue);
	if (!NT_SUCCESS(status)) {
		PLX_ERROR("WdfIoQueueCreate(%d) failed: %#x\n", Type, status);
		return status;
	}
	PLxGetQueueContext(*Queue)->Direction = dir;
	status = WdfDeviceConfigureRequestDispatching(DevExt->Device, *Queue,
						      Type);
	if (!NT_SUCCESS(status))
		PLX_ERROR("WdfDeviceConfigureRequestDispatching(%d) failed: %#x\n",
			  Type, status);
	return status;
}

static NTSTATUS PLxCreateChannel(PDEVICE_EXTENSION DevExt,
				 const PLX_DIRECTION *Direction)
{
	PPLX_CHANNEL ch = &DevExt->Channel[Direction->Channel];
	WDF_OBJECT_ATTRIBUTES attributes;
	WDF_TIMER_CONFIG timerConfig;
	PHYSICAL_ADDRESS la;
	size_t length;
	NTSTATUS status;

	ch->Number = Direction->Channel;
	ch->Direction = Direction;
	ch->DescCount = DevExt->MaxSgElements;
	length = (size_t)ch->DescCount * sizeof(PLX_DMA_DESCRIPTOR);

	status = WdfCommonBufferCreate(DevExt->DmaEnabler, length,
				       WDF_NO_OBJECT_ATTRIBUTES,
				       &ch->CommonBuffer);
	if (!NT_SUCCESS(status)) {
		PLX_ERROR("WdfCommonBufferCreate failed: %#x\n", status);
		return status;
	}
	ch->Desc = WdfCommonBufferGetAlignedVirtualAddress(ch->CommonBuffer);
	la = WdfCommonBufferGetAlignedLogicalAddress(ch->CommonBuffer);
	/*
	 * DMADPR and the next pointers hold 32 bits: the chain must sit below
	 * 4 GiB (the 32-bit profile guarantees it) and be 16-byte aligned.
	 */
	if (!ch->Desc || la.HighPart != 0 ||
	    (la.LowPart & PLX_DESC_ALIGNMENT) != 0) {
		PLX_ERROR("descriptor buffer at %#llx is unusable\n",
			  (unsigned long long)la.QuadPart);
		return STATUS_DEVICE_CONFIGURATION_ERROR;
	}
	ch->DescLa = la.LowPart;
	RtlZeroMemory(ch->Desc, length);

	status = WdfDmaTransactionCreate(DevExt->DmaEnabler,
					 WDF_NO_OBJECT_ATTRIBUTES,
					 &ch->Transaction);
	if (!NT_SUCCESS(status)) {
		PLX_ERROR("WdfDmaTransactionCreate failed: %#x\n", status);
		return status;
	}

	WDF_TIMER_CONFIG_INIT(&timerConfig, PLxEvtDmaTimer);
	timerConfig.AutomaticSerialization = TRUE;
	WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
	attributes.ParentObject = DevExt->Device;
	status = WdfTimerCreate(&timerConfig, &attributes, &ch->Timer);
	if (!NT_SUCCESS(status))
		PLX_ERROR("WdfTimerCreate failed: %#x\n", status);
	return status;
}

/*
 * DMA: one 32-bit scatter/gather duplex enabler, so that every data buffer
 * and both descriptor chains are mapped below 4 GiB (a buffer above it is
 * bounced or remapped by the DMA layer). This replaces the sample's 64-bit
 * profile, which its hardware programming never honoured (README).
 */
static NTSTATUS PLxInitializeDma(PDEVICE_EXTENSION DevExt)
{
	WDF_DMA_ENABLER_CONFIG config;
	NTSTATUS status;

	/* Descriptors need 16-byte alignment; set before the enabler. */
	WdfDeviceSetAlignmentRequirement(DevExt->Device, PLX_DESC_ALIGNMENT);

	WDF_DMA_ENABLER_CONFIG_INIT(&config, WdfDmaProfileScatterGatherDuplex,
				    DevExt->MaximumTransferLength);
	config.WdmDmaVersionOverride = 3;	/* single-transfer support */
	status = WdfDmaEnablerCreate(DevExt->Device, &config,
				     WDF_NO_OBJECT_ATTRIBUTES,
				     &DevExt->DmaEnabler);
	if (!NT_SUCCESS(status)) {
		PLX_ERROR("WdfDmaEnablerCreate failed: %#x\n", status);
		return status;
	}
	WdfDmaEnablerSetMaximumScatterGatherElements(DevExt->DmaEnabler,
						     DevExt->MaxSgElements);

	status = PLxCreateChannel(DevExt, &PLxWriteDirection);
	if (NT_SUCCESS(status))
		status = PLxCreateChannel(DevExt, &PLxReadDirection);
	return status;
}

/* Bytes per chain for the boards added from now on. */
static ULONG PLxChainBytes = PLX_MAX_TRANSFER_LENGTH;

/*
 * The driver-wide chain length (the glue's chain_bytes parameter, before
 * any board is added; KUnit between devices): 0 restores the default of
 * one chain per request; otherwise a multiple of 4 KiB from 4 KiB to
 * 128 KiB, else STATUS_INVALID_PARAMETER and the setting is unchanged.
 * Boards read it once, when they are added.
 */
NTSTATUS PLxSetChainBytes(ULONG Bytes)
{
	if (Bytes == 0)
		Bytes = PLX_MAX_TRANSFER_LENGTH;
	if (Bytes < PLX_MIN_TRANSFER_LENGTH ||
	    Bytes > PLX_MAX_TRANSFER_LENGTH ||
	    Bytes % PLX_MIN_TRANSFER_LENGTH != 0)
		return STATUS_INVALID_PARAMETER;
	PLxChainBytes = Bytes;
	return STATUS_SUCCESS;
}

ULONG PLxGetChainBytes(VOID)
{
	return PLxChainBytes;
}

NTSTATUS PLxInitializeDeviceExtension(PDEVICE_EXTENSION DevExt)
{
	NTSTATUS status;

	/* The configured chain length, at most the SRAM (plx_reg9656.h). */
	DevExt->MaximumTransferLength = PLxChainBytes;
	/*
	 * Pages an unaligned chain can touch: 33 for 128 KiB, 3 for the
	 * sample's 8 KiB, with 4 KiB pages.
	 */
	DevExt->MaxSgElements =
		BYTES_TO_PAGES(ROUND_TO_PAGES(DevExt->MaximumTransferLength) +
			       PAGE_SIZE);

	status = PLxCreateQueue(DevExt, WdfRequestTypeWrite,
				&DevExt->WriteQueue);
	if (NT_SUCCESS(status))
		status = PLxCreateQueue(DevExt, WdfRequestTypeRead,
					&DevExt->ReadQueue);
	if (NT_SUCCESS(status))
		status = PLxCreateQueue(DevExt, WdfRequestTypeDeviceControl,
					&DevExt->ControlQueue);
	if (NT_SUCCESS(status))
		status = PLxInterruptCreate(DevExt);
	if (NT_SUCCESS(status))
		status = PLxInitializeDma(DevExt);
	return status;
}

/*
 * D0 entry: data stays below 4 GiB, so the upper PCI address of both
 * channels is 0 and DAC chain loading stays off; no ISR state survives.
 */
VOID PLxInitChannels(PDEVICE_EXTENSION DevExt)
{
	ULONG i, mode;

	for (i = 0; i < PLX_DMA_CHANNELS; i++) {
		PPLX_CHANNEL ch = &DevExt->Channel[i];

		PLxWriteReg(DevExt, PLX_REG_DMADAC(i), 0);
		mode = PLxReadReg(DevExt, PLX_REG_DMAMODE(i));
		PLxWriteReg(DevExt, PLX_REG_DMAMODE(i),
			    mode & ~PLX_DMAMODE_DACCHAIN);
		WdfInterruptAcquireLock(DevExt->Interrupt);
		ch->IsrActive = FALSE;
		ch->IsrCsr = 0;
		ch->IsrAbort = FALSE;
		WdfInterruptReleaseLock(DevExt->Interrupt);
	}
}

/*
 * Pulse CNTRL software reset (bit 30), as the sample does at D3Final, then
 * reload the local configuration from the serial EEPROM (bit 29: write 1,
 * wait, write 0), as PLX's own and Linux's 9056 code follow a soft reset:
 * what the reset leaves of the EEPROM-loaded registers is not documented
 * (doc/silicon.md §5: uncertain), the reload puts them back either way. The
 * W1C bits 20/21 are never written back as 1. Sleeps (process context).
 */
VOID PLxHardwareReset(PDEVICE_EXTENSION DevExt)
{
	LARGE_INTEGER delay;
	ULONG cntrl;

	if (!DevExt->Regs || DevExt->DeviceGone)
		return;
	cntrl = PLxReadReg(DevExt, PLX_REG_CNTRL) & ~(PLX_CNTRL_W1C_MASK |
		PLX_CNTRL_RESET | PLX_CNTRL_EERELOAD);
	PLxWriteReg(DevExt, PLX_REG_CNTRL, cntrl | PLX_CNTRL_RESET);
	delay.QuadPart = WDF_REL_TIMEOUT_IN_MS(PLX_RESET_DELAY_MS);
	KeDelayExecutionThread(KernelMode, FALSE, &delay);
	PLxWriteReg(DevExt, PLX_REG_CNTRL, cntrl);

	PLxWriteReg(DevExt, PLX_REG_CNTRL, cntrl | PLX_CNTRL_EERELOAD);
	delay.QuadPart = WDF_REL_TIMEOUT_IN_MS(PLX_RELOAD_DELAY_MS);
	KeDelayExecutionThread(KernelMode, FALSE, &delay);
	PLxWriteReg(DevExt, PLX_REG_CNTRL, cntrl);
}

/*
 * After a soft reset with the interrupt connected (the abort fallback):
 * the reset cleared the DMA and interrupt setup (INTCSR back to its reset
 * value: bit 8 set, the abort and DMA enables clear). Set up both
 * channels as at D0 entry and enable INTA# and the abort interrupt as
 * EvtInterruptEnable does. A PCI abort latched before the reset is
 * cleared (nothing is waiting for it any more).
 */
VOID PLxRestoreAfterReset(PDEVICE_EXTENSION DevExt)
{
	if (!DevExt->Regs || DevExt->DeviceGone)
		return;
	(void)PLxReadClearPciAbort(DevExt);
	PLxInitChannels(DevExt);
	WdfInterruptAcquireLock(DevExt->Interrupt);
	DevExt->AbortPending = FALSE;
	PLxUpdateIntCsr(DevExt, PLX_INTCSR_DMA0IEN | PLX_INTCSR_DMA1IEN,
			PLX_INTCSR_PIEN | PLX_INTCSR_PABORTIEN);
	WdfInterruptReleaseLock(DevExt->Interrupt);
}

/*
 * Bus mastering through PCI configuration space (the Command register,
 * GUID_BUS_INTERFACE_STANDARD): off stops every DMA of the chip at the
 * bus, whatever its engines think they are doing.
 * Return: TRUE if bus mastering was on before (FALSE without the
 * interface or if Command cannot be read).
 */
BOOLEAN PLxSetBusMaster(PDEVICE_EXTENSION DevExt, BOOLEAN On)
{
	PBUS_INTERFACE_STANDARD bus = &DevExt->BusInterface;
	USHORT command = 0, next;

	if (!DevExt->HaveBusInterface ||
	    bus->GetBusData(bus->Context, PCI_WHICHSPACE_CONFIG, &command,
			    PLX_PCI_CFG_COMMAND, sizeof(command)) !=
	    sizeof(command) || command == 0xFFFF)
		return FALSE;
	next = On ? command | PLX_PCI_COMMAND_MASTER :
		    command & ~PLX_PCI_COMMAND_MASTER;
	if (next != command &&
	    bus->SetBusData(bus->Context, PCI_WHICHSPACE_CONFIG, &next,
			    PLX_PCI_CFG_COMMAND, sizeof(next)) != sizeof(next))
		PLX_ERROR("cannot write the PCI Command register\n");
	return (command & PLX_PCI_COMMAND_MASTER) != 0;
}

/*
 * Process context. INTCSR reading all ones alone does not make the board
 * gone: a read can fail once (a reset in progress, a bus error) on a board
 * that answers the next one. It is gone when its configuration space
 * answers all ones too (Vendor ID 0xFFFF: nothing at that address any
 * more). A gone board stays gone until its next D0 entry.
 * Return: DeviceGone.
 */
BOOLEAN PLxCheckGone(PDEVICE_EXTENSION DevExt)
{
	PBUS_INTERFACE_STANDARD bus = &DevExt->BusInterface;
	USHORT vendor = 0xFFFF;

	if (DevExt->DeviceGone || !DevExt->Regs)
		return DevExt->DeviceGone;
	if (PLxReadReg(DevExt, PLX_REG_INTCSR) != PLX_INTCSR_DEVICE_GONE)
		return FALSE;
	if (DevExt->HaveBusInterface &&
	    bus->GetBusData(bus->Context, PCI_WHICHSPACE_CONFIG, &vendor,
			    PLX_PCI_CFG_VENDOR, sizeof(vendor)) !=
	    sizeof(vendor))
		vendor = 0xFFFF;
	if (vendor == 0xFFFF) {
		PLX_ERROR("the board does not answer (INTCSR and Vendor ID all ones)\n");
		DevExt->DeviceGone = TRUE;
	}
	return DevExt->DeviceGone;
}

/*
 * D0 entry, before bus mastering is enabled and before the interrupt is
 * connected: the chip may come with a channel still running (a previous
 * driver or kernel, kexec, a reset that did not reach the engines). Stop
 * each enabled channel that has not reported Done with DMACSR Abort
 * (Enable clear), completion interrupts off, acknowledge; a channel that
 * does not stop gets the soft reset. Then no channel runs and nothing
 * interrupts when bus mastering comes on.
 */
VOID PLxQuiesceChannels(PDEVICE_EXTENSION DevExt)
{
	BOOLEAN reset = FALSE;
	ULONG i, n, intCsr;
	UCHAR csr;

	if (!DevExt->Regs || DevExt->DeviceGone)
		return;
	intCsr = PLxReadReg(DevExt, PLX_REG_INTCSR);
	for (i = 0; i < PLX_DMA_CHANNELS; i++) {
		PLxWriteReg(DevExt, PLX_REG_DMAMODE(i),
			    PLxReadReg(DevExt, PLX_REG_DMAMODE(i)) &
			    ~PLX_DMAMODE_DONEIEN);
		csr = PLxReadCsr(DevExt, i);
		if ((csr & PLX_DMACSR_ENABLE) && !(csr & PLX_DMACSR_DONE)) {
			PLX_ERROR("channel %u was running at D0 entry (DMACSR %#x): aborting it\n",
				  i, csr);
			PLxWriteCsr(DevExt, i, PLX_DMACSR_ABORT);
			for (n = 0; n < PLX_ABORT_POLLS; n++) {
				if (PLxReadCsr(DevExt, i) & PLX_DMACSR_DONE)
					break;
				KeStallExecutionProcessor(PLX_ABORT_POLL_US);
			}
			if (n == PLX_ABORT_POLLS)
				reset = TRUE;
			intCsr |= PLX_INTCSR_DMAIA(i);
		}
		/* Acknowledge a channel interrupt left pending. */
		if (intCsr & PLX_INTCSR_DMAIA(i))
			PLxWriteCsr(DevExt, i, PLX_DMACSR_CLEARINTR);
	}
	if (reset) {
		PLX_ERROR("a channel ignored Abort at D0 entry: soft reset\n");
		PLxHardwareReset(DevExt);
	}
}
