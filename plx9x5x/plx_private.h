/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * plx_private.h - device context, channel state, counters and the
 * prototypes shared by the files of the PLX9x5x driver core.
 */
#ifndef _PLX_PRIVATE_H
#define _PLX_PRIVATE_H

#include <wdf.h>
#include "plx9x5x.h"
#include "plx_reg9656.h"

/* {29D2A384-2E47-49b5-AEBF-6962C22BD7C2}, the sample's (and OSR's) GUID. */
DEFINE_GUID(GUID_PLX_INTERFACE, 0x29d2a384, 0x2e47, 0x49b5,
	    0xae, 0xbf, 0x69, 0x62, 0xc2, 0x2b, 0xd7, 0xc2);

/* The core's log lines, all with the driver's name in front. */
#define PLX_PRINT(fmt, ...) \
	DbgPrintEx(DPFLTR_IHVDRIVER_ID, DPFLTR_INFO_LEVEL, "plx9x5x: " fmt, \
		   ##__VA_ARGS__)
#define PLX_ERROR(fmt, ...) \
	DbgPrintEx(DPFLTR_IHVDRIVER_ID, DPFLTR_ERROR_LEVEL, "plx9x5x: " fmt, \
		   ##__VA_ARGS__)

#define PLX_CH_WRITE	0	/* DMA channel 0: host -> SRAM */
#define PLX_CH_READ	1	/* DMA channel 1: SRAM -> host */

/*
 * DMA watchdog: a WDFTIMER ticks every PLX_DMA_TICK_MS while a chain is
 * programmed; PLX_DMA_TIMEOUT_TICKS ticks without a completion abort the
 * channel (so a chain gets between one and two seconds; README, "DMA
 * timeout").
 */
#define PLX_DMA_TICK_MS		1000
#define PLX_DMA_TIMEOUT_TICKS	2

/* Abort: poll DMACSR Done this many times, PLX_ABORT_POLL_US apart. */
#define PLX_ABORT_POLLS		1000
#define PLX_ABORT_POLL_US	10

/* Soft reset pulse on CNTRL at D3Final, as the sample (100 ms). */
#define PLX_RESET_DELAY_MS	100
/*
 * After a soft reset, CNTRL bit 29 is held at 1 this long to reload the
 * configuration from the serial EEPROM (the chip offers no completion bit
 * to poll; 10 ms is what Linux code for the 9056 waits).
 */
#define PLX_RELOAD_DELAY_MS	10

/**
 * struct _PLX_COUNTERS - what sysfs shows per board.
 * @BytesRead: bytes delivered by completed reads
 * @BytesWritten: bytes moved by completed writes
 * @Requests: read/write requests that were started on a channel
 * @Interrupts: interrupts the ISR recognised as the board's
 * @Errors: transfers that ended in a device-side error (timeouts included)
 * @Timeouts: transfers aborted by the DMA watchdog
 * @Cancels: transfers aborted because the caller got a signal
 * @SpuriousDpcs: DPCs that found a channel's saved DMACSR with Done but
 *	no interrupt recorded for it (the stale state of the sample's DPC
 *	defect; stays 0)
 * @Dpcs: DPC callbacks run (the benchmark's DPCs per request)
 *
 * Updated under the device lock, except @Interrupts (interrupt lock).
 */
typedef struct _PLX_COUNTERS {
	ULONG64 BytesRead;
	ULONG64 BytesWritten;
	ULONG64 Requests;
	ULONG64 Interrupts;
	ULONG64 Errors;
	ULONG64 Timeouts;
	ULONG64 Cancels;
	ULONG64 SpuriousDpcs;
	ULONG64 Dpcs;
} PLX_COUNTERS, *PPLX_COUNTERS;

/**
 * struct _PLX_CHANNEL - one DMA channel and the request it serves.
 * @Number: PLX_CH_WRITE or PLX_CH_READ (also the hardware channel)
 * @Direction: what its transfers do differently (PLxWriteDirection or
 *	PLxReadDirection)
 * @Transaction: the channel's reusable DMA transaction
 * @CommonBuffer: holds the descriptor chain
 * @Desc: its virtual address (PLX_DMA_DESCRIPTOR array)
 * @DescLa: its bus address (below 4 GiB, 16-byte aligned)
 * @DescCount: descriptors in the chain buffer (max SG elements)
 * @Timer: the channel's DMA watchdog
 * @Request: the request being served (or waiting for its cancel routine)
 * @DeviceOffset: SRAM address of the request's first byte
 * @ProgramStatus: error found by EvtProgramDma (chain not started)
 * @Busy: a chain is programmed and not yet completed or aborted
 * @Finished: the transfer ended but the cancel routine owns completion
 * @FinalStatus: status to complete with when @Finished
 * @FinalInformation: bytes to report when @Finished
 * @IdleTicks: watchdog ticks since the chain was programmed
 * @IsrActive: the ISR saw this channel's INTCSR active bit (interrupt lock)
 * @IsrCsr: DMACSR bits the ISR read for this channel (interrupt lock)
 * @IsrAbort: with INTCSR bit 14 (PCI abort) set, the ISR or the DPC read
 *	this channel's active-low "not bus master on abort" bit as 0: the
 *	chain ended with a PCI master/target abort (interrupt lock)
 */
struct _PLX_DIRECTION;

typedef struct _PLX_CHANNEL {
	ULONG Number;
	const struct _PLX_DIRECTION *Direction;
	WDFDMATRANSACTION Transaction;
	WDFCOMMONBUFFER CommonBuffer;
	PPLX_DMA_DESCRIPTOR Desc;
	ULONG DescLa;
	ULONG DescCount;
	WDFTIMER Timer;
	WDFREQUEST Request;
	LONGLONG DeviceOffset;
	NTSTATUS ProgramStatus;
	BOOLEAN Busy;
	BOOLEAN Finished;
	NTSTATUS FinalStatus;
	size_t FinalInformation;
	ULONG IdleTicks;
	BOOLEAN IsrActive;
	UCHAR IsrCsr;
	BOOLEAN IsrAbort;
} PLX_CHANNEL, *PPLX_CHANNEL;

/**
 * struct _PLX_DIRECTION - what tells a read from a write. The path itself
 * is one for both (plx_dma.c); each direction's file states its own facts.
 * @Channel: its DMA channel (PLX_CH_WRITE or PLX_CH_READ)
 * @Initialize: initialise the channel's transaction for @Request, as the
 *	sample's read (from the request) or write (from its MDL) path does
 * @DescFlags: direction bit of the descriptors' next-pointer words
 *	(0: PCI to local, PLX_DMADPR_XFERL2P: local to PCI)
 * @ModeBits: extra DMAMODE bits of the chain (PLX_DMAMODE_CLRCOUNT)
 * @Residual: bytes of a finished chain the chip did not move, read from
 *	the descriptors (clear-count mode); NULL when the chip does not tell
 *	(a chain with Done then moved all its bytes)
 */
typedef struct _PLX_DIRECTION {
	ULONG Channel;
	NTSTATUS (*Initialize)(WDFDMATRANSACTION Transaction,
			       WDFREQUEST Request);
	ULONG DescFlags;
	ULONG ModeBits;
	size_t (*Residual)(PPLX_CHANNEL Channel);
} PLX_DIRECTION;

/**
 * struct _DEVICE_EXTENSION - the context of each board's WDFDEVICE.
 * @Device: the device
 * @Regs: BAR0 mapping (registers), NULL when not mapped
 * @RegsLength: its length
 * @SRAMBase: BAR2 mapping (local space 0), mapped but not accessed
 * @SRAMLength: its length
 * @RegsPhys: bus address of BAR0 (for the log)
 * @SRAMPhys: bus address of BAR2 (for the log)
 * @WriteQueue: sequential queue of write requests
 * @ReadQueue: sequential queue of read requests
 * @ControlQueue: sequential queue of ioctls
 * @Interrupt: the INTA# interrupt
 * @DmaEnabler: 32-bit scatter/gather duplex enabler
 * @MaximumTransferLength: bytes per hardware chain (PLxSetChainBytes:
 *	128 KiB by default, 8 KiB as in the sample)
 * @MaxSgElements: descriptors per chain (33 for 128 KiB, 3 for 8 KiB, on
 *	4 KiB pages)
 * @Channel: the two DMA channels, indexed by PLX_CH_*
 * @RequireSingleTransfer: the ioctl-toggled single-transfer mode
 * @DeviceGone: INTCSR and the PCI Vendor ID read all ones: the board no
 *	longer answers (set in process context only; cleared on D0 entry)
 * @InD0: the board is in D0 with its interrupt connected and enabled:
 *	EvtIoRead/Write may start transfers (device lock)
 * @BusInterface: GUID_BUS_INTERFACE_STANDARD (PCI configuration space),
 *	queried in PrepareHardware, released in ReleaseHardware
 * @HaveBusInterface: @BusInterface holds a reference
 * @AbortPending: the ISR saw the PCI abort interrupt (INTCSR 14 with 10)
 *	and masked bit 10 until the DPC has cleared PCI Status (interrupt
 *	lock)
 * @Counters: statistics for sysfs
 */
typedef struct _DEVICE_EXTENSION {
	WDFDEVICE Device;
	PUCHAR Regs;
	ULONG RegsLength;
	PUCHAR SRAMBase;
	ULONG SRAMLength;
	PHYSICAL_ADDRESS RegsPhys;
	PHYSICAL_ADDRESS SRAMPhys;
	WDFQUEUE WriteQueue;
	WDFQUEUE ReadQueue;
	WDFQUEUE ControlQueue;
	WDFINTERRUPT Interrupt;
	WDFDMAENABLER DmaEnabler;
	size_t MaximumTransferLength;
	ULONG MaxSgElements;
	PLX_CHANNEL Channel[PLX_DMA_CHANNELS];
	BOOLEAN RequireSingleTransfer;
	BOOLEAN DeviceGone;
	BOOLEAN InD0;
	BUS_INTERFACE_STANDARD BusInterface;
	BOOLEAN HaveBusInterface;
	BOOLEAN AbortPending;
	PLX_COUNTERS Counters;
} DEVICE_EXTENSION, *PDEVICE_EXTENSION;

WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(DEVICE_EXTENSION, PLxGetDeviceContext)

/**
 * struct _QUEUE_CONTEXT - the context of the read and the write queue.
 * @Direction: PLxReadDirection or PLxWriteDirection: what the queue's one
 *	EvtIo callback (PLxEvtIoReadWrite) serves
 */
typedef struct _QUEUE_CONTEXT {
	const PLX_DIRECTION *Direction;
} QUEUE_CONTEXT, *PQUEUE_CONTEXT;

WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(QUEUE_CONTEXT, PLxGetQueueContext)

/* ---- register access (BAR0) --------------------------------------------- */
static inline ULONG PLxReadReg(PDEVICE_EXTENSION DevExt, ULONG Offset)
{
	return READ_REGISTER_ULONG((PULONG)(DevExt->Regs + Offset));
}

static inline VOID PLxWriteReg(PDEVICE_EXTENSION DevExt, ULONG Offset,
			       ULONG Value)
{
	WRITE_REGISTER_ULONG((PULONG)(DevExt->Regs + Offset), Value);
}

static inline UCHAR PLxReadCsr(PDEVICE_EXTENSION DevExt, ULONG Channel)
{
	return READ_REGISTER_UCHAR(DevExt->Regs + PLX_REG_DMACSR(Channel));
}

static inline VOID PLxWriteCsr(PDEVICE_EXTENSION DevExt, ULONG Channel,
			       UCHAR Value)
{
	WRITE_REGISTER_UCHAR(DevExt->Regs + PLX_REG_DMACSR(Channel), Value);
}

/*
 * INTCSR read-modify-write: keep the read/write bits, clear @Clear, set
 * @Set. Never writes a 1 to a W1C bit. Caller holds the interrupt lock
 * (or the interrupt is not connected).
 */
static inline VOID PLxUpdateIntCsr(PDEVICE_EXTENSION DevExt, ULONG Clear,
				   ULONG Set)
{
	ULONG v = PLxReadReg(DevExt, PLX_REG_INTCSR) & PLX_INTCSR_RW_MASK;

	PLxWriteReg(DevExt, PLX_REG_INTCSR, (v & ~Clear) | Set);
}

/* ---- plx_device.c -------------------------------------------------------- */
DRIVER_INITIALIZE DriverEntry;
EVT_WDF_DRIVER_DEVICE_ADD PLxEvtDeviceAdd;
EVT_WDF_DEVICE_PREPARE_HARDWARE PLxEvtDevicePrepareHardware;
EVT_WDF_DEVICE_RELEASE_HARDWARE PLxEvtDeviceReleaseHardware;
EVT_WDF_DEVICE_D0_ENTRY PLxEvtDeviceD0Entry;
EVT_WDF_DEVICE_D0_EXIT PLxEvtDeviceD0Exit;
EVT_WDF_DEVICE_D0_ENTRY_POST_INTERRUPTS_ENABLED PLxEvtDeviceD0EntryPostInterruptsEnabled;
EVT_WDF_DEVICE_D0_EXIT_PRE_INTERRUPTS_DISABLED PLxEvtDeviceD0ExitPreInterruptsDisabled;

/* ---- plx_init.c ---------------------------------------------------------- */
NTSTATUS PLxInitializeDeviceExtension(PDEVICE_EXTENSION DevExt);
NTSTATUS PLxSetChainBytes(ULONG Bytes);
ULONG PLxGetChainBytes(VOID);
VOID PLxInitChannels(PDEVICE_EXTENSION DevExt);
VOID PLxHardwareReset(PDEVICE_EXTENSION DevExt);
VOID PLxRestoreAfterReset(PDEVICE_EXTENSION DevExt);
VOID PLxQuiesceChannels(PDEVICE_EXTENSION DevExt);
BOOLEAN PLxSetBusMaster(PDEVICE_EXTENSION DevExt, BOOLEAN On);
BOOLEAN PLxCheckGone(PDEVICE_EXTENSION DevExt);

/* ---- plx_isrdpc.c -------------------------------------------------------- */
NTSTATUS PLxInterruptCreate(PDEVICE_EXTENSION DevExt);
EVT_WDF_INTERRUPT_ISR PLxEvtInterruptIsr;
EVT_WDF_INTERRUPT_DPC PLxEvtInterruptDpc;
EVT_WDF_INTERRUPT_ENABLE PLxEvtInterruptEnable;
EVT_WDF_INTERRUPT_DISABLE PLxEvtInterruptDisable;
USHORT PLxReadClearPciAbort(PDEVICE_EXTENSION DevExt);

/* ---- plx_dma.c: what both channels share ---------------------------------- */
NTSTATUS PLxValidateTransfer(PDEVICE_EXTENSION DevExt, WDFREQUEST Request,
			     size_t Length, LONGLONG *DeviceOffset);
/* EvtIoRead and EvtIoWrite: the same signature, one callback for both. */
EVT_WDF_IO_QUEUE_IO_READ PLxEvtIoReadWrite;
EVT_WDF_PROGRAM_DMA PLxEvtProgramDma;
VOID PLxDmaDone(PDEVICE_EXTENSION DevExt, PPLX_CHANNEL Channel);
NTSTATUS PLxBuildChain(PDEVICE_EXTENSION DevExt, PPLX_CHANNEL Channel,
		       PSCATTER_GATHER_LIST SgList, ULONG Flags);
VOID PLxCheckProgrammed(PDEVICE_EXTENSION DevExt, PPLX_CHANNEL Channel);
VOID PLxFinishTransfer(PDEVICE_EXTENSION DevExt, PPLX_CHANNEL Channel,
		       NTSTATUS Status);
VOID PLxFailTransfer(PDEVICE_EXTENSION DevExt, PPLX_CHANNEL Channel,
		     NTSTATUS Status);
VOID PLxAbortTransfer(PDEVICE_EXTENSION DevExt, PPLX_CHANNEL Channel,
		      NTSTATUS Status);
VOID PLxEndAllTransfers(PDEVICE_EXTENSION DevExt, NTSTATUS Status);
EVT_WDF_REQUEST_CANCEL PLxEvtRequestCancel;
EVT_WDF_IO_QUEUE_IO_STOP PLxEvtIoStop;
EVT_WDF_TIMER PLxEvtDmaTimer;

/* ---- plx_read.c / plx_write.c / plx_control.c ------------------------------ */
extern const PLX_DIRECTION PLxReadDirection;
extern const PLX_DIRECTION PLxWriteDirection;
EVT_WDF_IO_QUEUE_IO_DEVICE_CONTROL PLxEvtIoDeviceControl;

/* ---- for the glue (sysfs) ----------------------------------------------------- */
BOOLEAN PLxGetCounters(WDFDEVICE Device, PPLX_COUNTERS Counters);

#endif /* _PLX_PRIVATE_H */
