/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * edu_private.h - the edu driver core (WDF style): QEMU's edu device
 * registers (docs/specs/edu.txt, hw/misc/edu.c of QEMU 7.2) and the device
 * context.
 */
#ifndef _EDU_PRIVATE_H
#define _EDU_PRIVATE_H

#include <wdf.h>
#include "uapi/edu.h"

#define EDU_PCI_VENDOR_ID	0x1234
#define EDU_PCI_DEVICE_ID	0x11e8

/* BAR0: 1 MiB of MMIO; 32-bit accesses below 0x80, 32/64-bit above. */
#define EDU_BAR0_SIZE		0x100000
#define EDU_REG_ID		0x00	/* RO 0xRRrr00ed */
#define EDU_REG_LIVENESS	0x04	/* RW reads back ~written */
#define EDU_REG_FACT		0x08	/* RW operand in, n! out */
#define EDU_REG_STATUS		0x20	/* RW */
#define EDU_REG_IRQ_STATUS	0x24	/* RO */
#define EDU_REG_IRQ_RAISE	0x60	/* WO */
#define EDU_REG_IRQ_ACK		0x64	/* WO */
#define EDU_REG_DMA_SRC		0x80
#define EDU_REG_DMA_DST		0x88
#define EDU_REG_DMA_CNT		0x90
#define EDU_REG_DMA_CMD		0x98

#define EDU_ID_MASK		0x0000ffff
#define EDU_ID_VALUE		0x000000ed	/* low half of 0xRRrr00ed */

#define EDU_STATUS_COMPUTING	0x01
#define EDU_STATUS_IRQFACT	0x80

#define EDU_IRQ_FACT		0x00000001
#define EDU_IRQ_DMA		0x00000100

#define EDU_DMA_START		0x1
#define EDU_DMA_TO_RAM		0x2	/* else RAM -> device */
#define EDU_DMA_IRQ		0x4

#define EDU_BUF_DEVADDR		0x40000	/* the buffer, as DMA addresses */
#define EDU_DMA_BITS		28	/* the engine's address width */

#define EDU_DMA_TIMEOUT_MS	2000

/* The driver's log lines, all with its name in front. */
#define EDU_PRINT(fmt, ...) \
	DbgPrintEx(DPFLTR_IHVDRIVER_ID, DPFLTR_INFO_LEVEL, "edu: " fmt, \
		   ##__VA_ARGS__)
#define EDU_ERROR(fmt, ...) \
	DbgPrintEx(DPFLTR_IHVDRIVER_ID, DPFLTR_ERROR_LEVEL, "edu: " fmt, \
		   ##__VA_ARGS__)

typedef enum _EDU_DMA_KIND {
	EduDmaIdle = 0,
	EduDmaTransaction,	/* read/write: a WDFDMATRANSACTION */
	EduDmaCommonBuffer,	/* CB ioctls: the common buffer */
} EDU_DMA_KIND;

/**
 * typedef DEVICE_CONTEXT - per-device state.
 * Queues: the default queue is parallel (every request presented at once);
 * a DMA request that finds the engine busy is forwarded to DmaQueue, a
 * factorial always to FactQueue (both manual): the DPC takes the next one
 * when the engine / the unit is free. The device has SynchronizationScope
 * Device, so EvtIo*, EvtIoStop, the DPC, the watchdog and the cancel
 * routine never overlap; IrqPending is shared with the ISR under the
 * interrupt lock.
 */
typedef struct _DEVICE_CONTEXT {
	WDFDEVICE Device;
	PUCHAR Regs;
	ULONG RegsLength;
	ULONG Id;
	WDFINTERRUPT Interrupt;
	ULONG IrqPending;		/* interrupt lock */
	WDFDMAENABLER DmaEnabler;
	WDFDMATRANSACTION Transaction;
	WDFCOMMONBUFFER CommonBuffer;
	PUCHAR CommonBufferVa;
	PHYSICAL_ADDRESS CommonBufferLa;
	WDFTIMER Watchdog;
	/* the DMA in flight */
	EDU_DMA_KIND DmaKind;
	WDFREQUEST DmaRequest;
	WDF_DMA_DIRECTION DmaDirection;
	ULONG DmaOffset;		/* device-buffer offset of the request */
	ULONG DmaLength;
	PSCATTER_GATHER_LIST SgList;	/* current fragment */
	ULONG SgIndex;
	ULONG FragmentOffset;		/* device-buffer offset of SgList */
	ULONG ElementOffset;		/* of Elements[SgIndex] in the fragment */
	NTSTATUS ProgramStatus;		/* EvtProgramDma could not start */
	WDFQUEUE DmaQueue;		/* manual: DMA waiting for the engine */
	/* the factorial taken from FactQueue (held, cancelable) */
	WDFQUEUE FactQueue;		/* manual: factorials waiting */
	WDFREQUEST FactRequest;
	BOOLEAN FactRunning;		/* its operand is in the unit */
	BOOLEAN FactPaused;		/* EDU_IOCTL_FACT_PAUSE */
	/* counters (for the log) */
	ULONG Interrupts;
	ULONG Bounced;
} DEVICE_CONTEXT, *PDEVICE_CONTEXT;

WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(DEVICE_CONTEXT, EduGetDeviceContext);

/* edu_device.c */
DRIVER_INITIALIZE DriverEntry;
NTSTATUS EduEvtDeviceAdd(WDFDRIVER Driver, PWDFDEVICE_INIT DeviceInit);
ULONG EduRead32(PDEVICE_CONTEXT Ctx, ULONG Reg);
void EduWrite32(PDEVICE_CONTEXT Ctx, ULONG Reg, ULONG Value);

/* edu_io.c */
EVT_WDF_IO_QUEUE_IO_READ EduEvtIoReadWrite;	/* also EvtIoWrite */
EVT_WDF_IO_QUEUE_IO_DEVICE_CONTROL EduEvtIoDeviceControl;
EVT_WDF_IO_QUEUE_IO_STOP EduEvtIoStop;
EVT_WDF_PROGRAM_DMA EduEvtProgramDma;
EVT_WDF_TIMER EduEvtWatchdog;
void EduDmaDone(PDEVICE_CONTEXT Ctx);
void EduDmaStartNext(PDEVICE_CONTEXT Ctx);
void EduFactDone(PDEVICE_CONTEXT Ctx);

/* edu_isr.c */
EVT_WDF_INTERRUPT_ISR EduEvtInterruptIsr;
EVT_WDF_INTERRUPT_DPC EduEvtInterruptDpc;
EVT_WDF_INTERRUPT_ENABLE EduEvtInterruptEnable;
EVT_WDF_INTERRUPT_DISABLE EduEvtInterruptDisable;

#endif /* _EDU_PRIVATE_H */
