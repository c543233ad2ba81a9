// SPDX-License-Identifier: GPL-2.0-only
/*
 * plx_init.c - create what a board needs once (queues, interrupt, DMA
 * enabler, descriptor common buffers, DMA transactions, watchdog timers),
 * set the DMA registers on every D0 entry, and soft-reset the chip.
 */
#include <wdf.h>
#include "plx_private.h"

#define PLX_ERROR(fmt, ...) \
	DbgPrintEx(DPFLTR_IHVDRIVER_ID, DPFLTR_ERROR_LEVEL, "plx9x5x: " fmt, \
		   ##__VA_ARGS__)

static NTSTATUS PLxCreateQueue(PDEVICE_EXTENSION DevExt,
			       WDF_REQUEST_TYPE Type, WDFQUEUE *Queue)
{
	WDF_IO_QUEUE_CONFIG config;
	NTSTATUS status;

	/* One request at a time per direction: one chain per channel. */
	WDF_IO_QUEUE_CONFIG_INIT(&config, WdfIoQueueDispatchSequential);
	switch (Type) {
	case WdfRequestTypeWrite:
		config.EvtIoWrite = PLxEvtIoWrite;
		break;
	case WdfRequestTypeRead:
		config.EvtIoRead = PLxEvtIoRead;
		break;
	default:
		config.EvtIoDeviceControl = PLxEvtIoDeviceControl;
		break;
	}
	status = WdfIoQueueCreate(DevExt->Device, &config,
				  WDF_NO_OBJECT_ATTRIBUTES, Queue);
	if (!NT_SUCCESS(status)) {
		PLX_ERROR("WdfIoQueueCreate(%d) failed: %#x\n", Type, status);
		return status;
	}
	status = WdfDeviceConfigureRequestDispatching(DevExt->Device, *Queue,
						      Type);
	if (!NT_SUCCESS(status))
		PLX_ERROR("WdfDeviceConfigureRequestDispatching(%d) failed: %#x\n",
			  Type, status);
	return status;
}

static NTSTATUS PLxCreateChannel(PDEVICE_EXTENSION DevExt, ULONG Number,
				 PFN_WDF_TIMER EvtTimer)
{
	PPLX_CHANNEL ch = &DevExt->Channel[Number];
	WDF_OBJECT_ATTRIBUTES attributes;
	WDF_TIMER_CONFIG timerConfig;
	PHYSICAL_ADDRESS la;
	size_t length;
	NTSTATUS status;

	ch->Number = Number;
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

	WDF_TIMER_CONFIG_INIT(&timerConfig, EvtTimer);
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

	status = PLxCreateChannel(DevExt, PLX_CH_WRITE, PLxEvtWriteTimer);
	if (NT_SUCCESS(status))
		status = PLxCreateChannel(DevExt, PLX_CH_READ, PLxEvtReadTimer);
	return status;
}

NTSTATUS PLxInitializeDeviceExtension(PDEVICE_EXTENSION DevExt)
{
	NTSTATUS status;

	/* min(8 KiB, SRAM size): plx_reg9656.h asserts 8 KiB is the lesser. */
	DevExt->MaximumTransferLength = PLX_MAX_TRANSFER_LENGTH;
	/* Pages an unaligned chain can touch: 3 with 4 KiB pages. */
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

		PlxWriteReg(DevExt, PLX_REG_DMADAC(i), 0);
		mode = PlxReadReg(DevExt, PLX_REG_DMAMODE(i));
		PlxWriteReg(DevExt, PLX_REG_DMAMODE(i),
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
 * (silicon notes: uncertain), the reload puts them back either way. The
 * W1C bits 20/21 are never written back as 1. Sleeps (process context).
 */
VOID PLxHardwareReset(PDEVICE_EXTENSION DevExt)
{
	LARGE_INTEGER delay;
	ULONG cntrl;

	if (!DevExt->Regs || DevExt->DeviceGone)
		return;
	cntrl = PlxReadReg(DevExt, PLX_REG_CNTRL) & ~(PLX_CNTRL_W1C_MASK |
		PLX_CNTRL_RESET | PLX_CNTRL_EERELOAD);
	PlxWriteReg(DevExt, PLX_REG_CNTRL, cntrl | PLX_CNTRL_RESET);
	delay.QuadPart = WDF_REL_TIMEOUT_IN_MS(PLX_RESET_DELAY_MS);
	KeDelayExecutionThread(KernelMode, FALSE, &delay);
	PlxWriteReg(DevExt, PLX_REG_CNTRL, cntrl);

	PlxWriteReg(DevExt, PLX_REG_CNTRL, cntrl | PLX_CNTRL_EERELOAD);
	delay.QuadPart = WDF_REL_TIMEOUT_IN_MS(PLX_RELOAD_DELAY_MS);
	KeDelayExecutionThread(KernelMode, FALSE, &delay);
	PlxWriteReg(DevExt, PLX_REG_CNTRL, cntrl);
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
	PlxUpdateIntCsr(DevExt, PLX_INTCSR_DMA0IEN | PLX_INTCSR_DMA1IEN,
			PLX_INTCSR_PIEN | PLX_INTCSR_PABORTIEN);
	WdfInterruptReleaseLock(DevExt->Interrupt);
}
