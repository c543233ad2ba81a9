/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * wdfinterruptinfo.h - WdfInterruptGetInfo: what kind of interrupt a
 * WDFINTERRUPT got (line-based INTx or message-signaled MSI).
 */
#ifndef _WDFSHIM_WDFINTERRUPTINFO_H
#define _WDFSHIM_WDFINTERRUPTINFO_H

#include <wdfobject.h>

#define CM_RESOURCE_INTERRUPT_LATCHED	0x0001
#define CM_RESOURCE_INTERRUPT_MESSAGE	0x0002

typedef enum _KINTERRUPT_MODE {
	LevelSensitive = 0,
	Latched = 1,
} KINTERRUPT_MODE;

typedef enum _WDF_INTERRUPT_POLARITY {
	WdfInterruptPolarityUnknown = 0,
	WdfInterruptActiveHigh,
	WdfInterruptActiveLow,
} WDF_INTERRUPT_POLARITY;

/**
 * struct _WDF_INTERRUPT_INFO - WdfInterruptGetInfo's answer.
 * @Size: sizeof(WDF_INTERRUPT_INFO)
 * @Reserved1: 0
 * @TargetProcessorSet: the descriptor's affinity
 * @Reserved2: 0
 * @MessageNumber: 0 (one vector per device)
 * @Vector: the Linux IRQ number
 * @Irql: 0 (no IRQLs on Linux)
 * @Mode: LevelSensitive (INTx) or Latched (MSI)
 * @Polarity: WdfInterruptPolarityUnknown
 * @MessageSignaled: TRUE for MSI
 * @ShareDisposition: CmResourceShareShared (INTx) or DeviceExclusive (MSI)
 * @FloatingSave: FALSE
 * @Group: 0
 */
typedef struct _WDF_INTERRUPT_INFO {
	ULONG Size;
	ULONG Reserved1;
	KAFFINITY TargetProcessorSet;
	ULONG Reserved2;
	ULONG MessageNumber;
	ULONG Vector;
	UCHAR Irql;
	KINTERRUPT_MODE Mode;
	WDF_INTERRUPT_POLARITY Polarity;
	BOOLEAN MessageSignaled;
	UCHAR ShareDisposition;
	BOOLEAN FloatingSave;
	USHORT Group;
} WDF_INTERRUPT_INFO, *PWDF_INTERRUPT_INFO;

static inline void WDF_INTERRUPT_INFO_INIT(PWDF_INTERRUPT_INFO Info)
{
	memset(Info, 0, sizeof(*Info));
	Info->Size = sizeof(*Info);
}

/**
 * WdfInterruptGetInfo() - fill @Info from the interrupt's (translated)
 * resource. An interrupt without a resource reports zeros. A wrong
 * @Info->Size or a NULL @Info: WARN_ONCE, nothing filled (KMDF bugchecks).
 * @Interrupt: the interrupt
 * @Info: out; @Info->Size set by WDF_INTERRUPT_INFO_INIT
 */
void WdfInterruptGetInfo(WDFINTERRUPT Interrupt, PWDF_INTERRUPT_INFO Info);

#endif /* _WDFSHIM_WDFINTERRUPTINFO_H */
