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
		PLX_ERROR("WdfInterruptCreate failed: %#x\n", status);
	return status;
}

/*
 * Record, under the interrupt lock, which channels INTCSR names as the bus
 * master of a PCI abort: only while bit 14 (PCI abort active, following
 * PCI Status 11-13) is set, and then by bits 25/26 reading 0 - they are
 * active low and read 1 in normal operation.
 * Return: TRUE if INTCSR shows an abort.
 */
static BOOLEAN PLxNoteAbortMasters(PDEVICE_EXTENSION DevExt, ULONG IntCsr)
{
	ULONG i;

	if (!(IntCsr & PLX_INTCSR_PABORTIA))
		return FALSE;
	for (i = 0; i < PLX_DMA_CHANNELS; i++)
		if (!(IntCsr & PLX_INTCSR_ABNOTDMA(i)))
			DevExt->Channel[i].IsrAbort = TRUE;
	return TRUE;
}

/*
 * Hard-IRQ context, interrupt lock held. The line is shared: say FALSE
 * unless a DMA channel of this board or its PCI abort interrupt is
 * active. A read of all ones means the board did not answer this read
 * (surprise removal, a dead link, a reset in progress): it is not our
 * interrupt, and nothing else is touched. The board is NOT marked gone
 * here: one failed read proves nothing, and a board marked gone for good
 * would never have its level interrupt acknowledged again once it
 * answers (the line would be disabled as "nobody cared"). Whether it is
 * gone is decided in process context (PLxCheckGone: configuration space
 * all ones too), and undone by the next D0 entry.
 *
 * PCI abort (INTCSR 14 with its enable 10): it stays asserted until PCI
 * Status is cleared, which takes configuration-space access (not done
 * here): mask bit 10 and leave the rest to the DPC, which clears Status
 * and unmasks it. A channel the abort names fails in the DPC whether or
 * not the chip also reports Done for it (doc/silicon.md §1: uncertain).
 */
BOOLEAN PLxEvtInterruptIsr(WDFINTERRUPT Interrupt, ULONG MessageID)
{
	PDEVICE_EXTENSION devExt =
		PLxGetDeviceContext(WdfInterruptGetDevice(Interrupt));
	BOOLEAN recognized = FALSE, queue = FALSE;
	ULONG intCsr, i;
	UCHAR csr;

	UNREFERENCED_PARAMETER(MessageID);

	if (!devExt->Regs || devExt->DeviceGone)
		return FALSE;
	intCsr = PLxReadReg(devExt, PLX_REG_INTCSR);
	if (intCsr == PLX_INTCSR_DEVICE_GONE)
		return FALSE;
	if (PLxNoteAbortMasters(devExt, intCsr) &&
	    (intCsr & PLX_INTCSR_PABORTIEN)) {
		PLxUpdateIntCsr(devExt, PLX_INTCSR_PABORTIEN, 0);
		devExt->AbortPending = TRUE;
		recognized = TRUE;
		queue = TRUE;
	}
	for (i = 0; i < PLX_DMA_CHANNELS; i++) {
		PPLX_CHANNEL ch = &devExt->Channel[i];

		if (!(intCsr & PLX_INTCSR_DMAIA(i)))
			continue;
		csr = PLxReadCsr(devExt, i);
		/* Acknowledge; keep Enable, never write Start or Abort. */
		PLxWriteCsr(devExt, i, (csr & PLX_DMACSR_ENABLE) |
			    PLX_DMACSR_CLEARINTR);
		ch->IsrActive = TRUE;
		ch->IsrCsr |= csr;
		recognized = TRUE;
		if (csr & PLX_DMACSR_DONE)
			queue = TRUE;
	}
	if (recognized) {
		devExt->Counters.Interrupts++;
		if (queue)
			WdfInterruptQueueDpcForIsr(Interrupt);
	}
	return recognized;
}

/*
 * Read PCI Status through configuration space and clear its abort bits
 * (write-1-to-clear, one 16-bit write of exactly the bits found set), so
 * INTCSR 14 drops and bits 27:24 read 1 again. Logs PABTADR for an abort.
 * Process context (DPC, D0 entry), never under the interrupt lock.
 * Return: the abort bits that were set.
 */
USHORT PLxReadClearPciAbort(PDEVICE_EXTENSION DevExt)
{
	PBUS_INTERFACE_STANDARD bus = &DevExt->BusInterface;
	USHORT status = 0, clear;

	if (!DevExt->HaveBusInterface)
		return 0;
	if (bus->GetBusData(bus->Context, PCI_WHICHSPACE_CONFIG, &status,
			    PLX_PCI_CFG_STATUS, sizeof(status)) !=
	    sizeof(status)) {
		PLX_ERROR("cannot read PCI Status\n");
		return 0;
	}
	clear = status & PLX_PCI_STATUS_ABORT_MASK;
	if (!clear || status == 0xFFFF)
		return 0;
	PLX_ERROR("PCI abort (status %#06x) at bus address %#x\n",
		  status, PLxReadReg(DevExt, PLX_REG_PABTADR));
	if (bus->SetBusData(bus->Context, PCI_WHICHSPACE_CONFIG, &clear,
			    PLX_PCI_CFG_STATUS, sizeof(clear)) != sizeof(clear))
		PLX_ERROR("cannot clear PCI Status\n");
	return clear;
}

/*
 * Process context, device lock held. Take (and clear) what the ISR saved
 * for each channel - each channel its own copy: the sample's read branch
 * cleared the write channel's saved CSR instead of its own, leaving a
 * stale Done behind - then let the channel's completion run.
 *
 * A PCI abort is handled first: INTCSR is read once more (a Done
 * interrupt may have come before the abort's own), PCI Status cleared,
 * the abort interrupt unmasked; then every busy channel the abort named
 * fails with STATUS_IO_DEVICE_ERROR, Done or not, and the others complete
 * as usual. Clearing Status before completing means the next transfer on
 * the failed channel starts with INTCSR 25/26 reading 1 again.
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
	BOOLEAN stale = FALSE, abortPending = FALSE;
	ULONG i;

	UNREFERENCED_PARAMETER(AssociatedObject);

	devExt->Counters.Dpcs++;
	WdfInterruptAcquireLock(Interrupt);
	if (devExt->Regs && !devExt->DeviceGone) {
		ULONG intCsr = PLxReadReg(devExt, PLX_REG_INTCSR);

		if (intCsr != PLX_INTCSR_DEVICE_GONE)
			PLxNoteAbortMasters(devExt, intCsr);
	}
	abortPending = devExt->AbortPending;
	for (i = 0; i < PLX_DMA_CHANNELS; i++) {
		PPLX_CHANNEL ch = &devExt->Channel[i];

		if (ch->IsrAbort) {
			abort[i] = TRUE;
			abortPending = TRUE;
			ch->IsrAbort = FALSE;
		}
		if (ch->IsrActive && (ch->IsrCsr & PLX_DMACSR_DONE)) {
			done[i] = TRUE;
			ch->IsrActive = FALSE;
			ch->IsrCsr = 0;
		} else if (!ch->IsrActive && (ch->IsrCsr & PLX_DMACSR_DONE)) {
			stale = TRUE;
			ch->IsrCsr = 0;
		}
	}
	WdfInterruptReleaseLock(Interrupt);

	if (abortPending && devExt->Regs && !devExt->DeviceGone) {
		(void)PLxReadClearPciAbort(devExt);
		WdfInterruptAcquireLock(Interrupt);
		if (devExt->AbortPending) {
			devExt->AbortPending = FALSE;
			PLxUpdateIntCsr(devExt, 0, PLX_INTCSR_PABORTIEN);
		}
		WdfInterruptReleaseLock(Interrupt);
	}

	if (stale)
		devExt->Counters.SpuriousDpcs++;
	for (i = 0; i < PLX_DMA_CHANNELS; i++) {
		PPLX_CHANNEL ch = &devExt->Channel[i];

		if (!ch->Busy)
			continue;
		if (abort[i])
			PLxFailTransfer(devExt, ch, STATUS_IO_DEVICE_ERROR);
		else if (done[i])
			PLxDmaDone(devExt, ch);
	}
}

/*
 * Under the interrupt lock, on a board that answers: clear @Clear and set
 * @Set in INTCSR. Unmasking the PCI abort interrupt ends an abort the ISR
 * left pending (AbortPending).
 */
static NTSTATUS PLxSetInterruptSources(WDFDEVICE Device, ULONG Clear,
				       ULONG Set)
{
	PDEVICE_EXTENSION devExt = PLxGetDeviceContext(Device);

	if (!devExt->Regs || devExt->DeviceGone)
		return STATUS_SUCCESS;
	if (Set & PLX_INTCSR_PABORTIEN)
		devExt->AbortPending = FALSE;
	PLxUpdateIntCsr(devExt, Clear, Set);
	return STATUS_SUCCESS;
}

/*
 * After connect: let the board assert INTA# (bit 8) for its DMA channels
 * and for PCI aborts (bit 10).
 */
NTSTATUS PLxEvtInterruptEnable(WDFINTERRUPT Interrupt,
			       WDFDEVICE AssociatedDevice)
{
	UNREFERENCED_PARAMETER(Interrupt);

	return PLxSetInterruptSources(AssociatedDevice, 0, PLX_INTCSR_PIEN |
				      PLX_INTCSR_PABORTIEN);
}

/* Before disconnect: INTA# off, sources off. */
NTSTATUS PLxEvtInterruptDisable(WDFINTERRUPT Interrupt,
				WDFDEVICE AssociatedDevice)
{
	UNREFERENCED_PARAMETER(Interrupt);

	return PLxSetInterruptSources(AssociatedDevice, PLX_INTCSR_DRIVER_IEN,
				      0);
}
