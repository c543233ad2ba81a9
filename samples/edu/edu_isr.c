// SPDX-License-Identifier: GPL-2.0-only
/*
 * edu_isr.c - interrupt: the ISR takes the device's interrupt status,
 * acknowledges it (the line is level-triggered and shared under INTx;
 * with MSI the acknowledge is still required) and hands the bits to the
 * DPC, which finishes the DMA run or the factorial.
 */
#include <wdf.h>
#include "edu_private.h"

BOOLEAN EduEvtInterruptIsr(WDFINTERRUPT Interrupt, ULONG MessageID)
{
	PDEVICE_CONTEXT ctx = EduGetDeviceContext(WdfInterruptGetDevice(Interrupt));
	ULONG status;

	UNREFERENCED_PARAMETER(MessageID);
	if (!ctx->Regs)
		return FALSE;
	status = EduRead32(ctx, EDU_REG_IRQ_STATUS);
	if (!status || status == 0xffffffff)
		return FALSE;	/* not ours (shared line) or gone */
	EduWrite32(ctx, EDU_REG_IRQ_ACK, status);
	ctx->IrqPending |= status;
	ctx->Interrupts++;
	WdfInterruptQueueDpcForIsr(Interrupt);
	return TRUE;
}

void EduEvtInterruptDpc(WDFINTERRUPT Interrupt, WDFOBJECT AssociatedObject)
{
	PDEVICE_CONTEXT ctx = EduGetDeviceContext(AssociatedObject);
	ULONG pending;

	WdfInterruptAcquireLock(Interrupt);
	pending = ctx->IrqPending;
	ctx->IrqPending = 0;
	WdfInterruptReleaseLock(Interrupt);

	if (pending & EDU_IRQ_FACT)
		EduFactDone(ctx);
	if (pending & EDU_IRQ_DMA)
		EduDmaDone(ctx);
}

/* Under the interrupt lock, after connecting: drop stale status. */
NTSTATUS EduEvtInterruptEnable(WDFINTERRUPT Interrupt, WDFDEVICE AssociatedDevice)
{
	PDEVICE_CONTEXT ctx = EduGetDeviceContext(AssociatedDevice);
	WDF_INTERRUPT_INFO info;

	WDF_INTERRUPT_INFO_INIT(&info);
	WdfInterruptGetInfo(Interrupt, &info);
	DbgPrintEx(DPFLTR_IHVDRIVER_ID, DPFLTR_INFO_LEVEL,
		   "edu: interrupt %u: %s\n", info.Vector,
		   info.MessageSignaled ? "MSI" : "INTx");
	EduWrite32(ctx, EDU_REG_IRQ_ACK, EduRead32(ctx, EDU_REG_IRQ_STATUS));
	ctx->IrqPending = 0;
	return STATUS_SUCCESS;
}

/* Before disconnecting: no factorial interrupts, nothing left raised. */
NTSTATUS EduEvtInterruptDisable(WDFINTERRUPT Interrupt, WDFDEVICE AssociatedDevice)
{
	PDEVICE_CONTEXT ctx = EduGetDeviceContext(AssociatedDevice);

	UNREFERENCED_PARAMETER(Interrupt);
	EduWrite32(ctx, EDU_REG_STATUS, 0);
	EduWrite32(ctx, EDU_REG_IRQ_ACK, EduRead32(ctx, EDU_REG_IRQ_STATUS));
	return STATUS_SUCCESS;
}
