/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * wdm.h - the few WDM types, macros and helpers a WDF-style driver core
 * uses, on Linux primitives. Part of wdfshim; a core includes <wdf.h>.
 */
#ifndef _WDFSHIM_WDM_H
#define _WDFSHIM_WDM_H

#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/bug.h>
#include <linux/build_bug.h>
#include <linux/compiler.h>
#include <linux/string.h>
#include <linux/printk.h>
#include <linux/delay.h>
#include <linux/minmax.h>
#include <linux/io.h>
#include <asm/page.h>

struct page;
struct device;

/* ---- basic types ---------------------------------------------------- */
#define VOID void
typedef char CHAR, *PCHAR;
typedef const char *PCSTR;
typedef u8 UCHAR, *PUCHAR;
typedef s16 SHORT;
typedef u16 USHORT, *PUSHORT;
typedef u16 WCHAR, *PWCHAR, *PWCH;
typedef const u16 *PCWSTR;
typedef s32 LONG, *PLONG;
typedef u32 ULONG, *PULONG;
typedef s64 LONGLONG, LONG64, *PLONGLONG;
typedef u64 ULONGLONG, ULONG64, *PULONG64;
typedef unsigned long ULONG_PTR, *PULONG_PTR;
typedef size_t SIZE_T, *PSIZE_T;
typedef u8 BOOLEAN, *PBOOLEAN;
typedef void *PVOID;
typedef void *HANDLE;
typedef ULONG_PTR KAFFINITY;
typedef s32 NTSTATUS, *PNTSTATUS;
typedef CHAR KPROCESSOR_MODE;

#ifndef TRUE
#define TRUE 1
#endif
#ifndef FALSE
#define FALSE 0
#endif
#ifndef CONST
#define CONST const
#endif

/* SAL annotations and other decorations: no-ops. */
#define IN
#define OUT
#define OPTIONAL
#define _In_
#define _In_opt_
#define _Out_
#define _Out_opt_
#define _Inout_
#define _Inout_opt_
#define _Use_decl_annotations_
#define _Must_inspect_result_
#define POINTER_ALIGNMENT

/** typedef LARGE_INTEGER - a 64-bit value also seen as two 32-bit halves. */
typedef union _LARGE_INTEGER {
	/* the halves, by name and again as .u */
#ifdef __LITTLE_ENDIAN
	struct_group_tagged(_LARGE_INTEGER_PARTS, u,
		ULONG LowPart;
		LONG HighPart;
	);
#else
	struct_group_tagged(_LARGE_INTEGER_PARTS, u,
		LONG HighPart;
		ULONG LowPart;
	);
#endif
	LONGLONG QuadPart;
} LARGE_INTEGER, *PLARGE_INTEGER, PHYSICAL_ADDRESS, *PPHYSICAL_ADDRESS;

#define NT_SUCCESS(Status)	(((NTSTATUS)(Status)) >= 0)
#define NT_INFORMATION(Status)	((((ULONG)(Status)) >> 30) == 1)
#define NT_WARNING(Status)	((((ULONG)(Status)) >> 30) == 2)
#define NT_ERROR(Status)	((((ULONG)(Status)) >> 30) == 3)

#define UNREFERENCED_PARAMETER(P)	((void)(P))
#define PAGED_CODE()			might_sleep()
#define ASSERT(e)			WARN_ON_ONCE(!(e))
#define C_ASSERT(e)			static_assert(e)

#define FILE_BYTE_ALIGNMENT	0x00000000
#define FILE_WORD_ALIGNMENT	0x00000001
#define FILE_LONG_ALIGNMENT	0x00000003
#define FILE_QUAD_ALIGNMENT	0x00000007
#define FILE_OCTA_ALIGNMENT	0x0000000f
#define FILE_32_BYTE_ALIGNMENT	0x0000001f
#define FILE_64_BYTE_ALIGNMENT	0x0000003f
#define FILE_128_BYTE_ALIGNMENT	0x0000007f
#define FILE_256_BYTE_ALIGNMENT	0x000000ff
#define FILE_512_BYTE_ALIGNMENT	0x000001ff

#define BYTES_TO_PAGES(Size) \
	((ULONG)((((ULONG_PTR)(Size)) >> PAGE_SHIFT) + \
		 ((((ULONG_PTR)(Size)) & (PAGE_SIZE - 1)) != 0)))
#define ROUND_TO_PAGES(Size) \
	(((ULONG_PTR)(Size) + PAGE_SIZE - 1) & ~((ULONG_PTR)PAGE_SIZE - 1))
#define ADDRESS_AND_SIZE_TO_SPAN_PAGES(Va, Size) \
	((ULONG)((((ULONG_PTR)(Va) & (PAGE_SIZE - 1)) + (Size) + \
		  PAGE_SIZE - 1) >> PAGE_SHIFT))

#define RtlZeroMemory(Dst, Len)		memset((Dst), 0, (Len))
#define RtlFillMemory(Dst, Len, Fill)	memset((Dst), (Fill), (Len))
#define RtlCopyMemory(Dst, Src, Len)	memcpy((Dst), (Src), (Len))
#define RtlMoveMemory(Dst, Src, Len)	memmove((Dst), (Src), (Len))
#define RtlCompareMemory(A, B, Len)	wdm_rtl_compare_memory((A), (B), (Len))

/**
 * wdm_rtl_compare_memory() - RtlCompareMemory: number of leading equal bytes.
 * @a: first buffer
 * @b: second buffer
 * @len: bytes to compare
 *
 * Return: the count of bytes that match before the first difference.
 */
static inline SIZE_T wdm_rtl_compare_memory(const void *a, const void *b,
					    SIZE_T len)
{
	const u8 *pa = a, *pb = b;
	SIZE_T i;

	for (i = 0; i < len && pa[i] == pb[i]; i++)
		;
	return i;
}

/* ---- I/O control codes ---------------------------------------------- */
#define FILE_DEVICE_UNKNOWN	0x00000022
#define METHOD_BUFFERED		0
#define METHOD_IN_DIRECT	1
#define METHOD_OUT_DIRECT	2
#define METHOD_NEITHER		3
#define FILE_ANY_ACCESS		0
#define FILE_READ_ACCESS	0x0001
#define FILE_WRITE_ACCESS	0x0002
#define CTL_CODE(DeviceType, Function, Method, Access) \
	(((DeviceType) << 16) | ((Access) << 14) | ((Function) << 2) | (Method))
#define METHOD_FROM_CTL_CODE(ctrlCode)	((ULONG)((ctrlCode) & 3))

/* ---- GUIDs ------------------------------------------------------------ */
/** typedef GUID - a 128-bit interface identifier. */
typedef struct _GUID {
	ULONG Data1;
	USHORT Data2;
	USHORT Data3;
	UCHAR Data4[8];
} GUID, *PGUID;
typedef const struct _GUID *LPCGUID;
#define DEFINE_GUID(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8) \
	static const struct _GUID name __maybe_unused = \
		{ l, w1, w2, { b1, b2, b3, b4, b5, b6, b7, b8 } }

/* ---- strings, driver object ------------------------------------------ */
/** typedef UNICODE_STRING - counted UTF-16 string (lengths in bytes). */
typedef struct _UNICODE_STRING {
	USHORT Length;
	USHORT MaximumLength;
	PWCH Buffer;
} UNICODE_STRING, *PUNICODE_STRING;
typedef const struct _UNICODE_STRING *PCUNICODE_STRING;

/**
 * struct _DRIVER_OBJECT - what DriverEntry receives. Owned by the shim.
 * @DriverName: the Linux driver name (also the char device prefix).
 * @Owner: the module of the driver core.
 * @WdfDriver: the WDFDRIVER once WdfDriverCreate succeeded (shim-private).
 */
typedef struct _DRIVER_OBJECT {
	const char *DriverName;
	struct module *Owner;
	void *WdfDriver;
} DRIVER_OBJECT, *PDRIVER_OBJECT;

typedef NTSTATUS DRIVER_INITIALIZE(PDRIVER_OBJECT DriverObject,
				   PUNICODE_STRING RegistryPath);
typedef DRIVER_INITIALIZE *PDRIVER_INITIALIZE;

/**
 * struct _FILE_OBJECT - the open file a request came through; only the
 * access it was opened with (O_RDONLY: ReadAccess, O_WRONLY: WriteAccess,
 * O_RDWR: both). What the I/O manager checks against a CTL_CODE's
 * RequiredAccess, a Linux ioctl number does not carry: the driver checks.
 * @ReadAccess: opened for reading
 * @WriteAccess: opened for writing
 */
typedef struct _FILE_OBJECT {
	BOOLEAN ReadAccess;
	BOOLEAN WriteAccess;
} FILE_OBJECT, *PFILE_OBJECT;

/** typedef PDEVICE_OBJECT - the Linux struct device behind a WDFDEVICE. */
typedef struct device *PDEVICE_OBJECT;

/* ---- MDL -------------------------------------------------------------- */
/**
 * struct _MDL - a described (and, for user memory, pinned) buffer.
 * @Next: chained MDL (the shim never chains; always NULL)
 * @StartVa: page-aligned start of the buffer (user or kernel VA)
 * @ByteOffset: offset of the buffer in its first page
 * @ByteCount: length of the buffer in bytes
 * @Pages: the pages backing the buffer (shim-private)
 * @PageCount: number of entries in @Pages (shim-private)
 * @Flags: shim-private (user pages pinned, pages array owned, ...)
 * @MappedSystemVa: kernel mapping made on demand (shim-private)
 */
typedef struct _MDL {
	struct _MDL *Next;
	PVOID StartVa;
	ULONG ByteOffset;
	ULONG ByteCount;
	struct page **Pages;
	ULONG PageCount;
	ULONG Flags;
	PVOID MappedSystemVa;
} MDL, *PMDL;

static inline PVOID MmGetMdlVirtualAddress(PMDL Mdl)
{
	return (PVOID)((PUCHAR)Mdl->StartVa + Mdl->ByteOffset);
}

static inline ULONG MmGetMdlByteCount(PMDL Mdl)
{
	return Mdl->ByteCount;
}

static inline ULONG MmGetMdlByteOffset(PMDL Mdl)
{
	return Mdl->ByteOffset;
}

/**
 * IoAllocateMdl() - describe a kernel buffer (kmalloc'd or vmalloc'd).
 * @VirtualAddress: start of the buffer
 * @Length: its length in bytes (> 0)
 * @SecondaryBuffer: must be FALSE
 * @ChargeQuota: ignored
 * @Irp: must be NULL
 *
 * The pages are looked up at once (MmBuildMdlForNonPagedPool is a no-op).
 * Return: the MDL, or NULL on a bad argument or allocation failure.
 */
PMDL IoAllocateMdl(PVOID VirtualAddress, ULONG Length, BOOLEAN SecondaryBuffer,
		   BOOLEAN ChargeQuota, PVOID Irp);
void IoFreeMdl(PMDL Mdl);
void MmBuildMdlForNonPagedPool(PMDL Mdl);

/* ---- scatter/gather list ---------------------------------------------- */
/** typedef SCATTER_GATHER_ELEMENT - one device-visible address range. */
typedef struct _SCATTER_GATHER_ELEMENT {
	PHYSICAL_ADDRESS Address;
	ULONG Length;
	ULONG_PTR Reserved;
} SCATTER_GATHER_ELEMENT, *PSCATTER_GATHER_ELEMENT;

/** typedef SCATTER_GATHER_LIST - the list EvtProgramDma receives. */
typedef struct _SCATTER_GATHER_LIST {
	ULONG NumberOfElements;
	ULONG_PTR Reserved;
	SCATTER_GATHER_ELEMENT Elements[];
} SCATTER_GATHER_LIST, *PSCATTER_GATHER_LIST;

/* ---- resources -------------------------------------------------------- */
#define CmResourceTypeNull		0
#define CmResourceTypePort		1
#define CmResourceTypeInterrupt		2
#define CmResourceTypeMemory		3

#define CmResourceShareUndetermined	0
#define CmResourceShareDeviceExclusive	1
#define CmResourceShareDriverExclusive	2
#define CmResourceShareShared		3

#define CM_RESOURCE_INTERRUPT_LEVEL_SENSITIVE	0x0000
#define CM_RESOURCE_MEMORY_READ_WRITE		0x0000
#define CM_RESOURCE_PORT_IO			0x0001

/**
 * struct _CM_PARTIAL_RESOURCE_DESCRIPTOR - one hardware resource.
 * @Type: CmResourceTypeMemory / Port / Interrupt
 * @ShareDisposition: CmResourceShare*
 * @Flags: CM_RESOURCE_*
 * @u: Memory/Port {Start, Length} or Interrupt {Level, Vector, Affinity};
 *     on Linux Interrupt.Vector is the Linux IRQ number.
 */
typedef struct _CM_PARTIAL_RESOURCE_DESCRIPTOR {
	UCHAR Type;
	UCHAR ShareDisposition;
	USHORT Flags;
	union {
		struct {
			PHYSICAL_ADDRESS Start;
			ULONG Length;
		} Generic;
		struct {
			PHYSICAL_ADDRESS Start;
			ULONG Length;
		} Port;
		struct {
			PHYSICAL_ADDRESS Start;
			ULONG Length;
		} Memory;
		struct {
			ULONG Level;
			ULONG Vector;
			KAFFINITY Affinity;
		} Interrupt;
	} u;
} CM_PARTIAL_RESOURCE_DESCRIPTOR, *PCM_PARTIAL_RESOURCE_DESCRIPTOR;

/* ---- memory mapping --------------------------------------------------- */
typedef enum _MEMORY_CACHING_TYPE {
	MmNonCached = 0,
	MmCached = 1,
	MmWriteCombined = 2,
} MEMORY_CACHING_TYPE;

/* MmMapIoSpaceEx protections (PAGE_READONLY etc. are Linux names). */
#ifndef PAGE_READWRITE
#define PAGE_READWRITE		0x04
#endif
#ifndef PAGE_NOCACHE
#define PAGE_NOCACHE		0x200
#endif
#ifndef PAGE_WRITECOMBINE
#define PAGE_WRITECOMBINE	0x400
#endif

/**
 * MmMapIoSpace() - map a translated memory resource (uncached).
 * @PhysicalAddress: start, inside a BAR of a device bound through the shim
 * @NumberOfBytes: length
 * @CacheType: MmNonCached (others are mapped uncached too)
 *
 * The shim finds the PCI BAR and uses pci_iomap_range(); for a range that is
 * no BAR it falls back to ioremap().
 * Return: the kernel VA of the mapping, or NULL.
 */
PVOID MmMapIoSpace(PHYSICAL_ADDRESS PhysicalAddress, SIZE_T NumberOfBytes,
		   MEMORY_CACHING_TYPE CacheType);
/** MmMapIoSpaceEx() - MmMapIoSpace with PAGE_* protection flags. */
PVOID MmMapIoSpaceEx(PHYSICAL_ADDRESS PhysicalAddress, SIZE_T NumberOfBytes,
		     ULONG Protect);
/** MmUnmapIoSpace() - undo MmMapIoSpace(Ex). */
void MmUnmapIoSpace(PVOID BaseAddress, SIZE_T NumberOfBytes);

/*
 * WDF_SHIM_TEST_HOOKS: the shim's test hooks (wdftest.h; register access
 * through redirectable functions, static-stub allocation points, test
 * points) exist only when the shim's own test option is set (Kconfig
 * WDF_SHIM_TEST_HOOKS, selected by the KUnit suites that drive the shim),
 * never because the kernel merely has CONFIG_KUNIT: a production module
 * always gets the plain accessors.
 */
#define WDF_SHIM_TEST_HOOKS IS_ENABLED(CONFIG_WDF_SHIM_TEST_HOOKS)

/*
 * ---- registers --------------------------------------------------------
 * The pointers are not volatile-qualified (WDM's are): ioread and iowrite
 * make the access; a core passes the address of a field of its mapped
 * register block.
 */
#if WDF_SHIM_TEST_HOOKS
/*
 * With the shim's test hooks (WDF_SHIM_TEST_HOOKS above), register
 * accesses go through wdf_register_read/write
 * (shim/wdf_register.c), which KUnit can redirect with a static stub.
 */
ULONG wdf_register_read(const void *reg, unsigned int width);
void wdf_register_write(void *reg, unsigned int width, ULONG val);

static inline UCHAR READ_REGISTER_UCHAR(PUCHAR Register)
{
	return (UCHAR)wdf_register_read(Register, 1);
}

static inline USHORT READ_REGISTER_USHORT(PUSHORT Register)
{
	return (USHORT)wdf_register_read(Register, 2);
}

static inline ULONG READ_REGISTER_ULONG(PULONG Register)
{
	return wdf_register_read(Register, 4);
}

static inline void WRITE_REGISTER_UCHAR(PUCHAR Register, UCHAR Value)
{
	wdf_register_write(Register, 1, Value);
}

static inline void WRITE_REGISTER_USHORT(PUSHORT Register,
					 USHORT Value)
{
	wdf_register_write(Register, 2, Value);
}

static inline void WRITE_REGISTER_ULONG(PULONG Register, ULONG Value)
{
	wdf_register_write(Register, 4, Value);
}
#else
static inline UCHAR READ_REGISTER_UCHAR(PUCHAR Register)
{
	return ioread8((void __iomem __force *)Register);
}

static inline USHORT READ_REGISTER_USHORT(PUSHORT Register)
{
	return ioread16((void __iomem __force *)Register);
}

static inline ULONG READ_REGISTER_ULONG(PULONG Register)
{
	return ioread32((void __iomem __force *)Register);
}

static inline void WRITE_REGISTER_UCHAR(PUCHAR Register, UCHAR Value)
{
	iowrite8(Value, (void __iomem __force *)Register);
}

static inline void WRITE_REGISTER_USHORT(PUSHORT Register,
					 USHORT Value)
{
	iowrite16(Value, (void __iomem __force *)Register);
}

static inline void WRITE_REGISTER_ULONG(PULONG Register, ULONG Value)
{
	iowrite32(Value, (void __iomem __force *)Register);
}
#endif

/* ---- delays ----------------------------------------------------------- */
#define KernelMode	0
#define UserMode	1

/** KeStallExecutionProcessor() - busy-wait @MicroSeconds (udelay). */
static inline void KeStallExecutionProcessor(ULONG MicroSeconds)
{
	udelay(MicroSeconds);
}

/**
 * KeDelayExecutionThread() - sleep; process context only.
 * @WaitMode: ignored
 * @Alertable: ignored (the sleep is not interruptible)
 * @Interval: negative = relative, in 100 ns units; positive (absolute
 *	      system time) is not supported and returns STATUS_INVALID_PARAMETER
 *
 * Return: STATUS_SUCCESS (0), or STATUS_INVALID_PARAMETER.
 */
NTSTATUS KeDelayExecutionThread(KPROCESSOR_MODE WaitMode, BOOLEAN Alertable,
				PLARGE_INTEGER Interval);

/* ---- debug output ----------------------------------------------------- */
#define DPFLTR_ERROR_LEVEL	0
#define DPFLTR_WARNING_LEVEL	1
#define DPFLTR_TRACE_LEVEL	2
#define DPFLTR_INFO_LEVEL	3
#define DPFLTR_IHVDRIVER_ID	77
#define DPFLTR_DEFAULT_ID	101

/**
 * DbgPrintEx() - printk with a WDM level (ERROR->err, WARNING->warn,
 * INFO->info, TRACE->debug).
 * @ComponentId: ignored
 * @Level: a DPFLTR_*_LEVEL
 * @Format: printf format (the caller names itself)
 */
__printf(3, 4) ULONG DbgPrintEx(ULONG ComponentId, ULONG Level,
				PCSTR Format, ...);
#define DbgPrint(fmt, ...) \
	DbgPrintEx(DPFLTR_DEFAULT_ID, DPFLTR_INFO_LEVEL, fmt, ##__VA_ARGS__)

#endif /* _WDFSHIM_WDM_H */
