// SPDX-License-Identifier: GPL-2.0-only
/*
 * plx_isrdpc.c - the board's INTA# interrupt: ISR (acknowledge the DMA
 * channels, save what it saw), DPC (complete the finished transfers), and
 * the enable/disable callbacks around connect/disconnect.
 */
#include <wdf.h>
#include "plx_private.h"

NTSTATUS PLxInterruptCreate(PDEVICE_EXTENSION DevExt)
{
	WDF_INTERRUPT_CONFIG config;
	NTSTATUS status;

	WDF_INTERRUPT_CONFIG_INIT(&config, PLxEvtInterruptIsr,
				  PLxEvtInterruptDpc);
	config.EvtInterruptEnable = PLxEvtInterruptEnable;
	config.EvtInterruptDisable = PLxEvtInterruptDisable;
	/* The DPC runs under the device lock, like EvtIo* and the timers. */
	config.AutomaticSerialization = TRUE;

	status = WdfInterruptCreate(DevExt->Device, &config,
				    WDF_NO_OBJECT_ATTRIBUTES,
				    &DevExt->Interrupt);
	if (!NT_SUCCESS(status))
		DbgPrintEx(DPFLTR_IHVDRIVER_ID, DPFLTR_ERROR_LEVEL,
			   "plx9x5x: WdfInterruptCreate failed: %#x\n", status);
	return status;
}

/*
 * Hard-IRQ context, interrupt lock held. The line is shared: say FALSE
 * unless a DMA channel of this board is active. A read of all ones means
 * the board no longer answers (surprise removal, a dead link): it is not
 * our interrupt, and the device is marked gone so that nothing touches it
 * again and callers get -ENODEV.
 */
BOOLEAN PLxEvtInterruptIsr(WDFINTERRUPT Interrupt, ULONG MessageID)
{
	PDEVICE_EXTENSION devExt =
		PLxGetDeviceContext(WdfInterruptGetDevice(Interrupt));
	BOOLEAN recognized = FALSE, done = FALSE;
	ULONG intCsr, i;
	UCHAR csr;

	UNREFERENCED_PARAMETER(MessageID);

	if (!devExt->Regs || devExt->DeviceGone)
		return FALSE;
	intCsr = PlxReadReg(devExt, PLX_REG_INTCSR);
	if (intCsr == PLX_INTCSR_DEVICE_GONE) {
		devExt->DeviceGone = TRUE;
		return FALSE;
	}
	for (i = 0; i < PLX_DMA_CHANNELS; i++) {
		PPLX_CHANNEL ch = &devExt->Channel[i];

		if (!(intCsr & PLX_INTCSR_DMAIA(i)))
			continue;
		csr = PlxReadCsr(devExt, i);
		/* Acknowledge; keep Enable, never write Start or Abort. */
		PlxWriteCsr(devExt, i, (csr & PLX_DMACSR_ENABLE) |
			    PLX_DMACSR_CLEARINTR);
		ch->IsrActive = TRUE;
		ch->IsrCsr |= csr;
		if (intCsr & PLX_INTCSR_ABNOTDMA(i))
			ch->IsrAbort = TRUE;
		recognized = TRUE;
		if (csr & PLX_DMACSR_DONE)
			done = TRUE;
	}
	if (recognized) {
		devExt->Counters.Interrupts++;
		if (done)
			WdfInterruptQueueDpcForIsr(Interrupt);
	}
	return recognized;
}

/*
 * Process context, device lock held. Take (and clear) what the ISR saved
 * for each channel - each channel its own copy: the sample's read branch
 * cleared the write channel's saved CSR instead of its own, leaving a
 * stale Done behind - then let the channel's completion run.
 *
 * A DPC may find nothing to do: an interrupt that arrives while the DPC
 * is already running queues it again, and the running one completes both
 * channels. That is harmless and not counted. What is counted
 * (spurious_dpcs) is the state the sample's defect produced: a saved CSR
 * with Done for a channel whose interrupt was already consumed.
 */
VOID PLxEvtInterruptDpc(WDFINTERRUPT Interrupt, WDFOBJECT AssociatedObject)
{
	PDEVICE_EXTENSION devExt =
		PLxGetDeviceContext(WdfInterruptGetDevice(Interrupt));
	BOOLEAN done[PLX_DMA_CHANNELS] = { FALSE, FALSE };
	BOOLEAN abort[PLX_DMA_CHANNELS] = { FALSE, FALSE };
	BOOLEAN stale = FALSE;
	ULONG i;

	UNREFERENCED_PARAMETER(AssociatedObject);

	devExt->Counters.Dpcs++;
	WdfInterruptAcquireLock(Interrupt);
	for (i = 0; i < PLX_DMA_CHANNELS; i++) {
		PPLX_CHANNEL ch = &devExt->Channel[i];

		if (ch->IsrActive && (ch->IsrCsr & PLX_DMACSR_DONE)) {
			done[i] = TRUE;
			abort[i] = ch->IsrAbort;
			ch->IsrActive = FALSE;
			ch->IsrCsr = 0;
			ch->IsrAbort = FALSE;
		} else if (!ch->IsrActive && (ch->IsrCsr & PLX_DMACSR_DONE)) {
			stale = TRUE;
			ch->IsrCsr = 0;
		}
	}
	WdfInterruptReleaseLock(Interrupt);

	if (stale)
		devExt->Counters.SpuriousDpcs++;
	if (done[PLX_CH_WRITE] && devExt->Channel[PLX_CH_WRITE].Busy)
		PLxWriteDmaDone(devExt, abort[PLX_CH_WRITE]);
	if (done[PLX_CH_READ] && devExt->Channel[PLX_CH_READ].Busy)
		PLxReadDmaDone(devExt, abort[PLX_CH_READ]);
}

/* After connect, under the interrupt lock: let the board assert INTA#. */
NTSTATUS PLxEvtInterruptEnable(WDFINTERRUPT Interrupt,
			       WDFDEVICE AssociatedDevice)
{
	PDEVICE_EXTENSION devExt = PLxGetDeviceContext(AssociatedDevice);
	ULONG intCsr;

	UNREFERENCED_PARAMETER(Interrupt);

	if (!devExt->Regs || devExt->DeviceGone)
		return STATUS_SUCCESS;
	intCsr = PlxReadReg(devExt, PLX_REG_INTCSR) & ~PLX_INTCSR_ABORT_MASK;
	PlxWriteReg(devExt, PLX_REG_INTCSR, intCsr | PLX_INTCSR_PIEN);
	return STATUS_SUCCESS;
}

/* Before disconnect, under the interrupt lock: INTA# off, DMA ints off. */
NTSTATUS PLxEvtInterruptDisable(WDFINTERRUPT Interrupt,
				WDFDEVICE AssociatedDevice)
{
	PDEVICE_EXTENSION devExt = PLxGetDeviceContext(AssociatedDevice);
	ULONG intCsr;

	UNREFERENCED_PARAMETER(Interrupt);

	if (!devExt->Regs || devExt->DeviceGone)
		return STATUS_SUCCESS;
	intCsr = PlxReadReg(devExt, PLX_REG_INTCSR) & ~PLX_INTCSR_ABORT_MASK;
	PlxWriteReg(devExt, PLX_REG_INTCSR,
		    intCsr & ~(PLX_INTCSR_PIEN | PLX_INTCSR_DMA0IEN |
			       PLX_INTCSR_DMA1IEN));
	return STATUS_SUCCESS;
}
