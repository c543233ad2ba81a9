/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * wdfinterrupt.h - WDFINTERRUPT (line interrupt, ISR + DPC).
 */
#ifndef _WDFSHIM_WDFINTERRUPT_H
#define _WDFSHIM_WDFINTERRUPT_H

#include <wdfobject.h>
#include <wdfdevice.h>

typedef BOOLEAN EVT_WDF_INTERRUPT_ISR(WDFINTERRUPT Interrupt, ULONG MessageID);
typedef EVT_WDF_INTERRUPT_ISR *PFN_WDF_INTERRUPT_ISR;
typedef void EVT_WDF_INTERRUPT_DPC(WDFINTERRUPT Interrupt,
				   WDFOBJECT AssociatedObject);
typedef EVT_WDF_INTERRUPT_DPC *PFN_WDF_INTERRUPT_DPC;
typedef NTSTATUS EVT_WDF_INTERRUPT_ENABLE(WDFINTERRUPT Interrupt,
					  WDFDEVICE AssociatedDevice);
typedef EVT_WDF_INTERRUPT_ENABLE *PFN_WDF_INTERRUPT_ENABLE;
typedef NTSTATUS EVT_WDF_INTERRUPT_DISABLE(WDFINTERRUPT Interrupt,
					   WDFDEVICE AssociatedDevice);
typedef EVT_WDF_INTERRUPT_DISABLE *PFN_WDF_INTERRUPT_DISABLE;
typedef BOOLEAN EVT_WDF_INTERRUPT_SYNCHRONIZE(WDFINTERRUPT Interrupt,
					      WDFCONTEXT Context);
typedef EVT_WDF_INTERRUPT_SYNCHRONIZE *PFN_WDF_INTERRUPT_SYNCHRONIZE;
typedef void EVT_WDF_INTERRUPT_WORKITEM(WDFINTERRUPT Interrupt,
					WDFOBJECT AssociatedObject);
typedef EVT_WDF_INTERRUPT_WORKITEM *PFN_WDF_INTERRUPT_WORKITEM;

/**
 * struct _WDF_INTERRUPT_CONFIG - WdfInterruptCreate configuration.
 * @Size: sizeof(WDF_INTERRUPT_CONFIG)
 * @SpinLock: must be NULL (the interrupt has its own spinlock; else
 *	STATUS_NOT_SUPPORTED, as for @EvtInterruptWorkItem, @WaitLock and
 *	@PassiveHandling)
 * @ShareVector: ignored (the line is always requested IRQF_SHARED)
 * @FloatingSave: ignored
 * @AutomaticSerialization: run the DPC under the device mutex
 * @EvtInterruptIsr: required; hard-IRQ context, interrupt lock held
 * @EvtInterruptDpc: process context (the IRQ thread or a work item), see
 *	wdf_interrupt.c
 * @EvtInterruptEnable: after connecting, under the interrupt lock
 * @EvtInterruptDisable: before disconnecting, under the interrupt lock
 * @EvtInterruptWorkItem: must be NULL (not supported)
 * @InterruptRaw: optional; default is the device's interrupt resource
 * @InterruptTranslated: optional; its u.Interrupt.Vector is the Linux IRQ
 * @WaitLock: must be NULL
 * @PassiveHandling: must be FALSE
 */
typedef struct _WDF_INTERRUPT_CONFIG {
	ULONG Size;
	WDFSPINLOCK SpinLock;
	WDF_TRI_STATE ShareVector;
	BOOLEAN FloatingSave;
	BOOLEAN AutomaticSerialization;
	PFN_WDF_INTERRUPT_ISR EvtInterruptIsr;
	PFN_WDF_INTERRUPT_DPC EvtInterruptDpc;
	PFN_WDF_INTERRUPT_ENABLE EvtInterruptEnable;
	PFN_WDF_INTERRUPT_DISABLE EvtInterruptDisable;
	PFN_WDF_INTERRUPT_WORKITEM EvtInterruptWorkItem;
	PCM_PARTIAL_RESOURCE_DESCRIPTOR InterruptRaw;
	PCM_PARTIAL_RESOURCE_DESCRIPTOR InterruptTranslated;
	WDFWAITLOCK WaitLock;
	BOOLEAN PassiveHandling;
} WDF_INTERRUPT_CONFIG, *PWDF_INTERRUPT_CONFIG;

static inline void WDF_INTERRUPT_CONFIG_INIT(PWDF_INTERRUPT_CONFIG Configuration,
					     PFN_WDF_INTERRUPT_ISR EvtInterruptIsr,
					     PFN_WDF_INTERRUPT_DPC EvtInterruptDpc)
{
	memset(Configuration, 0, sizeof(*Configuration));
	Configuration->Size = sizeof(*Configuration);
	Configuration->ShareVector = WdfUseDefault;
	Configuration->EvtInterruptIsr = EvtInterruptIsr;
	Configuration->EvtInterruptDpc = EvtInterruptDpc;
}

/**
 * WdfInterruptCreate() - create the (one) interrupt of @Device, connected
 * when the device starts (request_irq IRQF_SHARED after D0Entry).
 * @Device: parent device; call in EvtDriverDeviceAdd
 * @Configuration: required
 * @Attributes: optional
 * @Interrupt: out handle (required, as in KMDF), NULL after a failure
 *
 * Return: STATUS_SUCCESS; a create prologue status (wdfobject.h);
 * STATUS_INVALID_PARAMETER (no ISR); STATUS_NOT_SUPPORTED (SpinLock,
 * WaitLock, PassiveHandling or EvtInterruptWorkItem set; WARN_ONCE);
 * STATUS_WDF_BUSY (second interrupt); STATUS_INVALID_DEVICE_STATE (the
 * device has started); STATUS_INSUFFICIENT_RESOURCES.
 */
NTSTATUS WdfInterruptCreate(WDFDEVICE Device,
			    PWDF_INTERRUPT_CONFIG Configuration,
			    PWDF_OBJECT_ATTRIBUTES Attributes,
			    WDFINTERRUPT *Interrupt);

/**
 * WdfInterruptQueueDpcForIsr() - schedule the DPC.
 * @Interrupt: the interrupt whose EvtInterruptDpc to queue
 * Return: TRUE if queued, FALSE if it was already queued.
 */
BOOLEAN WdfInterruptQueueDpcForIsr(WDFINTERRUPT Interrupt);
/** WdfInterruptAcquireLock() - take the spinlock the ISR runs under. */
void WdfInterruptAcquireLock(WDFINTERRUPT Interrupt);
/** WdfInterruptReleaseLock() - release it. */
void WdfInterruptReleaseLock(WDFINTERRUPT Interrupt);
/** WdfInterruptSynchronize() - run @Callback under the interrupt lock. */
BOOLEAN WdfInterruptSynchronize(WDFINTERRUPT Interrupt,
				PFN_WDF_INTERRUPT_SYNCHRONIZE Callback,
				WDFCONTEXT Context);
/** WdfInterruptGetDevice() - the device of an interrupt. */
WDFDEVICE WdfInterruptGetDevice(WDFINTERRUPT Interrupt);

#endif /* _WDFSHIM_WDFINTERRUPT_H */
