// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: WdfFdoQueryForInterface(GUID_BUS_INTERFACE_STANDARD) and the
 * interface's GetBusData/SetBusData on a fake configuration space (the
 * shim's wdf_config_* stub points routed to an array): offsets, lengths,
 * natural alignment of every access, the end of a 256- and a 4096-byte
 * space, a failing access, misuse of the query and of the functions,
 * reference counting (the interface outlives the WDFDEVICE).
 */
#include <kunit/static_stub.h>
#include <kunit/test.h>
#include <linux/string.h>
#include "wdf_test_util.h"

#define FDO_MAX_LOG	64

struct fdo_fake {
	struct device *dev;	/* the device whose space this is */
	unsigned int size;	/* 256 or 4096 */
	u8 space[4096];
	int fail_at;		/* offset whose access fails, or -1 */
	unsigned int n;		/* accesses logged */
	struct { unsigned int where, size; bool write; } log[FDO_MAX_LOG];
	unsigned int foreign;	/* accesses for another device */
};

static struct fdo_fake *fdo_fake_of(struct device *dev)
{
	struct kunit *test = kunit_get_current_test();
	struct fdo_fake *f = test ? test->priv : NULL;

	if (!f)
		return NULL;
	if (dev != f->dev) {
		f->foreign++;
		return NULL;
	}
	return f;
}

static unsigned int fdo_stub_size(struct device *dev)
{
	struct fdo_fake *f = fdo_fake_of(dev);

	return f ? f->size : 0;
}

static void fdo_log(struct fdo_fake *f, unsigned int where, unsigned int size,
		    bool write)
{
	if (f->n < FDO_MAX_LOG) {
		f->log[f->n].where = where;
		f->log[f->n].size = size;
		f->log[f->n].write = write;
	}
	f->n++;
}

static int fdo_stub_read(struct device *dev, unsigned int where,
			 unsigned int size, u32 *val)
{
	struct fdo_fake *f = fdo_fake_of(dev);
	unsigned int i;

	if (!f)
		return -ENODEV;
	fdo_log(f, where, size, false);
	if ((int)where == f->fail_at || where + size > f->size)
		return -EIO;
	*val = 0;
	for (i = 0; i < size; i++)
		*val |= (u32)f->space[where + i] << (8 * i);
	return 0;
}

static int fdo_stub_write(struct device *dev, unsigned int where,
			  unsigned int size, u32 val)
{
	struct fdo_fake *f = fdo_fake_of(dev);
	unsigned int i;

	if (!f)
		return -ENODEV;
	fdo_log(f, where, size, true);
	if ((int)where == f->fail_at || where + size > f->size)
		return -EIO;
	for (i = 0; i < size; i++)
		f->space[where + i] = (u8)(val >> (8 * i));
	return 0;
}

static u8 fdo_pat(unsigned int i)
{
	return (u8)(i * 7 + 3);
}

/* A started device whose configuration space is a @size-byte fake. */
static struct fdo_fake *fdo_setup(struct kunit *test, unsigned int size,
				  struct wdft_device **wdp)
{
	struct fdo_fake *f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);
	struct wdft_device *wd;
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, f);
	wd = wdft_device_create(test, NULL);
	f->dev = wd->dev;
	f->size = size;
	f->fail_at = -1;
	for (i = 0; i < sizeof(f->space); i++)
		f->space[i] = fdo_pat(i);
	test->priv = f;
	kunit_activate_static_stub(test, wdf_config_space_size, fdo_stub_size);
	kunit_activate_static_stub(test, wdf_config_read, fdo_stub_read);
	kunit_activate_static_stub(test, wdf_config_write, fdo_stub_write);
	*wdp = wd;
	return f;
}

static NTSTATUS fdo_query(WDFDEVICE dev, PBUS_INTERFACE_STANDARD bus)
{
	memset(bus, 0xA5, sizeof(*bus));
	return WdfFdoQueryForInterface(dev, &GUID_BUS_INTERFACE_STANDARD,
				       (PINTERFACE)bus, sizeof(*bus),
				       PCI_BUS_INTERFACE_STANDARD_VERSION, NULL);
}

/* Every logged access is 1, 2 or 4 bytes and naturally aligned. */
static void fdo_expect_aligned(struct kunit *test, const struct fdo_fake *f)
{
	unsigned int i;

	for (i = 0; i < min_t(unsigned int, f->n, FDO_MAX_LOG); i++) {
		unsigned int s = f->log[i].size;

		KUNIT_EXPECT_TRUE_MSG(test, s == 1 || s == 2 || s == 4,
				      "access %u has width %u", i, s);
		KUNIT_EXPECT_EQ_MSG(test, f->log[i].where % s, 0u,
				    "access %u: %u bytes at %#x", i, s,
				    f->log[i].where);
	}
}

static void fdo_query_fills_interface(struct kunit *test)
{
	unsigned long live = wdf_test_bus_interfaces();
	BUS_INTERFACE_STANDARD bus;
	PHYSICAL_ADDRESS pa = { .QuadPart = 0x1000 }, out = { 0 };
	struct wdft_device *wd;
	ULONG space = 0, maps = 0;
	struct fdo_fake *f = fdo_setup(test, 256, &wd);

	KUNIT_ASSERT_EQ(test, fdo_query(wd->device, &bus), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, bus.Size, (USHORT)sizeof(bus));
	KUNIT_EXPECT_EQ(test, bus.Version,
			(USHORT)PCI_BUS_INTERFACE_STANDARD_VERSION);
	KUNIT_EXPECT_NOT_NULL(test, bus.Context);
	KUNIT_ASSERT_NOT_NULL(test, bus.InterfaceReference);
	KUNIT_ASSERT_NOT_NULL(test, bus.InterfaceDereference);
	KUNIT_ASSERT_NOT_NULL(test, bus.GetBusData);
	KUNIT_ASSERT_NOT_NULL(test, bus.SetBusData);
	KUNIT_ASSERT_NOT_NULL(test, bus.TranslateBusAddress);
	KUNIT_ASSERT_NOT_NULL(test, bus.GetDmaAdapter);
	KUNIT_EXPECT_EQ(test, wdf_test_bus_interfaces(), live + 1);
	/* Not offered: defined answers, no crash. */
	KUNIT_EXPECT_FALSE(test, bus.TranslateBusAddress(bus.Context, pa, 4,
							 &space, &out));
	KUNIT_EXPECT_NULL(test, bus.GetDmaAdapter(bus.Context, NULL, &maps));
	KUNIT_EXPECT_EQ(test, f->n, 0u);

	bus.InterfaceDereference(bus.Context);
	KUNIT_EXPECT_EQ(test, wdf_test_bus_interfaces(), live);
	KUNIT_EXPECT_EQ(test, f->foreign, 0u);
}

static void fdo_get_offsets_and_lengths(struct kunit *test)
{
	static const struct { ULONG off, len; } cases[] = {
		{ 0, 1 }, { 0, 2 }, { 0, 4 }, { 0, 64 }, { 1, 1 }, { 1, 3 },
		{ 2, 2 }, { 3, 6 }, { 6, 2 }, { 7, 9 }, { 0x3d, 5 },
		{ 0x40, 16 }, { 0, 256 }, { 255, 1 },
	};
	BUS_INTERFACE_STANDARD bus;
	struct wdft_device *wd;
	struct fdo_fake *f = fdo_setup(test, 256, &wd);
	u8 buf[260];
	unsigned int i, j;

	KUNIT_ASSERT_EQ(test, fdo_query(wd->device, &bus), STATUS_SUCCESS);
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		ULONG off = cases[i].off, len = cases[i].len, got;

		memset(buf, 0xEE, sizeof(buf));
		f->n = 0;
		got = bus.GetBusData(bus.Context, PCI_WHICHSPACE_CONFIG, buf,
				     off, len);
		KUNIT_EXPECT_EQ_MSG(test, got, len, "offset %#x length %u",
				    off, len);
		for (j = 0; j < len; j++)
			KUNIT_EXPECT_EQ_MSG(test, buf[j], fdo_pat(off + j),
					    "offset %#x length %u byte %u",
					    off, len, j);
		KUNIT_EXPECT_EQ_MSG(test, buf[len], 0xEE,
				    "offset %#x length %u: wrote past the end",
				    off, len);
		fdo_expect_aligned(test, f);
	}
	/* Aligned dwords are read as dwords: 64 bytes in 16 accesses. */
	f->n = 0;
	KUNIT_EXPECT_EQ(test, bus.GetBusData(bus.Context, PCI_WHICHSPACE_CONFIG,
					     buf, 0, 64), 64u);
	KUNIT_EXPECT_EQ(test, f->n, 16u);
	/* Length 0 moves nothing and touches nothing. */
	f->n = 0;
	KUNIT_EXPECT_EQ(test, bus.GetBusData(bus.Context, PCI_WHICHSPACE_CONFIG,
					     buf, 4, 0), 0u);
	KUNIT_EXPECT_EQ(test, f->n, 0u);
	bus.InterfaceDereference(bus.Context);
}

static void fdo_set_writes_exactly_the_range(struct kunit *test)
{
	BUS_INTERFACE_STANDARD bus;
	struct wdft_device *wd;
	struct fdo_fake *f = fdo_setup(test, 256, &wd);
	u8 in[16];
	u16 status = 0x3800;
	unsigned int i;

	KUNIT_ASSERT_EQ(test, fdo_query(wd->device, &bus), STATUS_SUCCESS);
	for (i = 0; i < sizeof(in); i++)
		in[i] = 0xC0 + i;
	f->n = 0;
	KUNIT_EXPECT_EQ(test, bus.SetBusData(bus.Context, PCI_WHICHSPACE_CONFIG,
					     in, 0x41, 11), 11u);
	fdo_expect_aligned(test, f);
	for (i = 0x3c; i < 0x50; i++) {
		if (i >= 0x41 && i < 0x41 + 11)
			KUNIT_EXPECT_EQ(test, f->space[i], in[i - 0x41]);
		else
			KUNIT_EXPECT_EQ_MSG(test, f->space[i], fdo_pat(i),
					    "byte %#x outside the range changed",
					    i);
	}
	for (i = 0; i < min_t(unsigned int, f->n, FDO_MAX_LOG); i++)
		KUNIT_EXPECT_TRUE(test, f->log[i].write);

	/*
	 * The status word (W1C bits on real hardware) is written with one
	 * 16-bit access at 6, never as part of a dword with the command.
	 */
	f->n = 0;
	KUNIT_EXPECT_EQ(test, bus.SetBusData(bus.Context, PCI_WHICHSPACE_CONFIG,
					     &status, 6, 2), 2u);
	KUNIT_ASSERT_EQ(test, f->n, 1u);
	KUNIT_EXPECT_EQ(test, f->log[0].where, 6u);
	KUNIT_EXPECT_EQ(test, f->log[0].size, 2u);
	KUNIT_EXPECT_EQ(test, f->space[6], 0x00);
	KUNIT_EXPECT_EQ(test, f->space[7], 0x38);
	KUNIT_EXPECT_EQ(test, f->space[4], fdo_pat(4));
	bus.InterfaceDereference(bus.Context);
}

static void fdo_end_of_space(struct kunit *test)
{
	static const unsigned int sizes[] = { 256, 4096 };
	BUS_INTERFACE_STANDARD bus;
	struct wdft_device *wd;
	struct fdo_fake *f = fdo_setup(test, 256, &wd);
	u8 buf[16];
	unsigned int k;

	KUNIT_ASSERT_EQ(test, fdo_query(wd->device, &bus), STATUS_SUCCESS);
	for (k = 0; k < ARRAY_SIZE(sizes); k++) {
		ULONG end = sizes[k];

		f->size = end;
		f->n = 0;
		/* At or past the end: nothing, and no access is made. */
		KUNIT_EXPECT_EQ(test, bus.GetBusData(bus.Context,
			PCI_WHICHSPACE_CONFIG, buf, end, 1), 0u);
		KUNIT_EXPECT_EQ(test, bus.GetBusData(bus.Context,
			PCI_WHICHSPACE_CONFIG, buf, end + 4, 4), 0u);
		KUNIT_EXPECT_EQ(test, bus.GetBusData(bus.Context,
			PCI_WHICHSPACE_CONFIG, buf, 0xFFFFFFFFu, 4), 0u);
		KUNIT_EXPECT_EQ(test, bus.SetBusData(bus.Context,
			PCI_WHICHSPACE_CONFIG, buf, end, 2), 0u);
		KUNIT_EXPECT_EQ(test, f->n, 0u);
		/* Crossing the end: cut there. */
		memset(buf, 0xEE, sizeof(buf));
		KUNIT_EXPECT_EQ(test, bus.GetBusData(bus.Context,
			PCI_WHICHSPACE_CONFIG, buf, end - 2, 8), 2u);
		KUNIT_EXPECT_EQ(test, buf[0], fdo_pat(end - 2));
		KUNIT_EXPECT_EQ(test, buf[1], fdo_pat(end - 1));
		KUNIT_EXPECT_EQ(test, buf[2], 0xEE);
		/* Offset + length wrapping around 32 bits is cut too. */
		KUNIT_EXPECT_EQ(test, bus.GetBusData(bus.Context,
			PCI_WHICHSPACE_CONFIG, buf, end - 4, 0xFFFFFFFFu), 4u);
		/* The last byte is reachable. */
		KUNIT_EXPECT_EQ(test, bus.GetBusData(bus.Context,
			PCI_WHICHSPACE_CONFIG, buf, end - 1, 1), 1u);
		KUNIT_EXPECT_EQ(test, buf[0], fdo_pat(end - 1));
		fdo_expect_aligned(test, f);
	}
	/* 0x100 exists in a 4096-byte space only. */
	KUNIT_EXPECT_EQ(test, bus.GetBusData(bus.Context, PCI_WHICHSPACE_CONFIG,
					     buf, 0x100, 4), 4u);
	f->size = 256;
	KUNIT_EXPECT_EQ(test, bus.GetBusData(bus.Context, PCI_WHICHSPACE_CONFIG,
					     buf, 0x100, 4), 0u);
	bus.InterfaceDereference(bus.Context);
}

static void fdo_failing_access_stops(struct kunit *test)
{
	BUS_INTERFACE_STANDARD bus;
	struct wdft_device *wd;
	struct fdo_fake *f = fdo_setup(test, 256, &wd);
	u8 buf[16];

	KUNIT_ASSERT_EQ(test, fdo_query(wd->device, &bus), STATUS_SUCCESS);
	f->fail_at = 8;
	KUNIT_EXPECT_EQ(test, bus.GetBusData(bus.Context, PCI_WHICHSPACE_CONFIG,
					     buf, 0, 16), 8u);
	KUNIT_EXPECT_EQ(test, bus.SetBusData(bus.Context, PCI_WHICHSPACE_CONFIG,
					     buf, 4, 12), 4u);
	KUNIT_EXPECT_EQ(test, bus.GetBusData(bus.Context, PCI_WHICHSPACE_CONFIG,
					     buf, 8, 4), 0u);
	bus.InterfaceDereference(bus.Context);
}

static void fdo_query_misuse(struct kunit *test)
{
	/* GUID_PLX_INTERFACE: a device interface, not a bus interface. */
	static const GUID other = { 0x29d2a384, 0x2e47, 0x49b5,
		{ 0xae, 0xbf, 0x69, 0x62, 0xc2, 0x2b, 0xd7, 0xc2 } };
	unsigned long live = wdf_test_bus_interfaces();
	struct { BUS_INTERFACE_STANDARD bus; u8 pad[16]; } big;
	BUS_INTERFACE_STANDARD bus;
	struct wdft_device *wd;
	GUID near = GUID_BUS_INTERFACE_STANDARD;

	fdo_setup(test, 256, &wd);
	near.Data4[7] ^= 1;
	KUNIT_EXPECT_EQ(test, WdfFdoQueryForInterface(wd->device, &other,
		(PINTERFACE)&bus, sizeof(bus), 1, NULL), STATUS_NOT_SUPPORTED);
	KUNIT_EXPECT_EQ(test, WdfFdoQueryForInterface(wd->device, &near,
		(PINTERFACE)&bus, sizeof(bus), 1, NULL), STATUS_NOT_SUPPORTED);
	KUNIT_EXPECT_EQ(test, WdfFdoQueryForInterface(wd->device,
		&GUID_BUS_INTERFACE_STANDARD, (PINTERFACE)&bus, sizeof(bus), 0,
		NULL), STATUS_NOT_SUPPORTED);
	KUNIT_EXPECT_EQ(test, WdfFdoQueryForInterface(wd->device,
		&GUID_BUS_INTERFACE_STANDARD, (PINTERFACE)&bus, sizeof(bus), 2,
		NULL), STATUS_NOT_SUPPORTED);
	KUNIT_EXPECT_EQ(test, WdfFdoQueryForInterface(wd->device,
		&GUID_BUS_INTERFACE_STANDARD, (PINTERFACE)&bus,
		sizeof(bus) - 1, 1, NULL), STATUS_BUFFER_TOO_SMALL);
	KUNIT_EXPECT_EQ(test, WdfFdoQueryForInterface(wd->device,
		&GUID_BUS_INTERFACE_STANDARD, (PINTERFACE)&bus,
		sizeof(INTERFACE), 1, NULL), STATUS_BUFFER_TOO_SMALL);
	KUNIT_EXPECT_EQ(test, wdf_test_bus_interfaces(), live);

	/* A larger caller structure is fine: Size says what was filled. */
	KUNIT_ASSERT_EQ(test, WdfFdoQueryForInterface(wd->device,
		&GUID_BUS_INTERFACE_STANDARD, (PINTERFACE)&big, sizeof(big), 1,
		NULL), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, big.bus.Size, (USHORT)sizeof(big.bus));
	big.bus.InterfaceDereference(big.bus.Context);

	/* KMDF bugchecks on these: a defined status and a WARN here. */
	WDFT_WARN_BEGIN(test);
	KUNIT_EXPECT_EQ(test, WdfFdoQueryForInterface(wd->device, NULL,
		(PINTERFACE)&bus, sizeof(bus), 1, NULL),
		STATUS_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, WdfFdoQueryForInterface(wd->device,
		&GUID_BUS_INTERFACE_STANDARD, NULL, sizeof(bus), 1, NULL),
		STATUS_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, WdfFdoQueryForInterface(NULL,
		&GUID_BUS_INTERFACE_STANDARD, (PINTERFACE)&bus, sizeof(bus), 1,
		NULL), STATUS_INVALID_HANDLE);
	WDFT_WARN_END(test);
	KUNIT_EXPECT_EQ(test, wdf_test_bus_interfaces(), live);
}

/* Without the stubs a KUnit device has no configuration space. */
static void fdo_no_config_space(struct kunit *test)
{
	unsigned long live = wdf_test_bus_interfaces();
	struct wdft_device *wd = wdft_device_create(test, NULL);
	BUS_INTERFACE_STANDARD bus;

	KUNIT_EXPECT_EQ(test, wdf_config_space_size(wd->dev), 0u);
	KUNIT_EXPECT_EQ(test, fdo_query(wd->device, &bus),
			STATUS_NOT_SUPPORTED);
	KUNIT_EXPECT_EQ(test, wdf_test_bus_interfaces(), live);
}

static void fdo_get_set_misuse(struct kunit *test)
{
	BUS_INTERFACE_STANDARD bus;
	struct wdft_device *wd;
	struct fdo_fake *f = fdo_setup(test, 256, &wd);
	u8 buf[8];
	int dummy = 0;

	KUNIT_ASSERT_EQ(test, fdo_query(wd->device, &bus), STATUS_SUCCESS);
	memset(buf, 0xEE, sizeof(buf));
	f->n = 0;
	/* Another data space: nothing, the buffer untouched. */
	KUNIT_EXPECT_EQ(test, bus.GetBusData(bus.Context, PCI_WHICHSPACE_ROM,
					     buf, 0, 4), 0u);
	KUNIT_EXPECT_EQ(test, bus.GetBusData(bus.Context, 1, buf, 0, 4), 0u);
	KUNIT_EXPECT_EQ(test, bus.SetBusData(bus.Context, PCI_WHICHSPACE_ROM,
					     buf, 0, 4), 0u);
	KUNIT_EXPECT_EQ(test, buf[0], 0xEE);
	KUNIT_EXPECT_EQ(test, f->n, 0u);
	KUNIT_EXPECT_EQ(test, f->space[0], fdo_pat(0));

	WDFT_WARN_BEGIN(test);
	KUNIT_EXPECT_EQ(test, bus.GetBusData(bus.Context, PCI_WHICHSPACE_CONFIG,
					     NULL, 0, 4), 0u);
	KUNIT_EXPECT_EQ(test, bus.SetBusData(bus.Context, PCI_WHICHSPACE_CONFIG,
					     NULL, 0, 4), 0u);
	KUNIT_EXPECT_EQ(test, bus.GetBusData(NULL, PCI_WHICHSPACE_CONFIG,
					     buf, 0, 4), 0u);
	KUNIT_EXPECT_EQ(test, bus.GetBusData(&dummy, PCI_WHICHSPACE_CONFIG,
					     buf, 0, 4), 0u);
	bus.InterfaceReference(NULL);
	bus.InterfaceDereference(&dummy);
	WDFT_WARN_END(test);
	KUNIT_EXPECT_EQ(test, f->n, 0u);
	KUNIT_EXPECT_EQ(test, buf[0], 0xEE);
	bus.InterfaceDereference(bus.Context);
}

static void fdo_reference_counting(struct kunit *test)
{
	unsigned long live = wdf_test_bus_interfaces();
	BUS_INTERFACE_STANDARD a, b;
	struct wdft_device *wd;
	struct fdo_fake *f = fdo_setup(test, 256, &wd);
	u8 buf[4];

	KUNIT_ASSERT_EQ(test, fdo_query(wd->device, &a), STATUS_SUCCESS);
	KUNIT_ASSERT_EQ(test, fdo_query(wd->device, &b), STATUS_SUCCESS);
	KUNIT_EXPECT_PTR_NE(test, a.Context, b.Context);
	KUNIT_EXPECT_EQ(test, wdf_test_bus_interfaces(), live + 2);

	/* Two more references on a: three dereferences release it. */
	a.InterfaceReference(a.Context);
	a.InterfaceReference(a.Context);
	a.InterfaceDereference(a.Context);
	a.InterfaceDereference(a.Context);
	KUNIT_EXPECT_EQ(test, wdf_test_bus_interfaces(), live + 2);
	a.InterfaceDereference(a.Context);
	KUNIT_EXPECT_EQ(test, wdf_test_bus_interfaces(), live + 1);

	/* b outlives the WDFDEVICE it came from and still works. */
	wdft_device_destroy(test, wd);
	KUNIT_EXPECT_EQ(test, b.GetBusData(b.Context, PCI_WHICHSPACE_CONFIG,
					   buf, 0, 4), 4u);
	KUNIT_EXPECT_EQ(test, buf[0], fdo_pat(0));
	KUNIT_EXPECT_EQ(test, f->foreign, 0u);
	b.InterfaceDereference(b.Context);
	KUNIT_EXPECT_EQ(test, wdf_test_bus_interfaces(), live);
}

static struct kunit_case wdf_fdo_cases[] = {
	KUNIT_CASE(fdo_query_fills_interface),
	KUNIT_CASE(fdo_get_offsets_and_lengths),
	KUNIT_CASE(fdo_set_writes_exactly_the_range),
	KUNIT_CASE(fdo_end_of_space),
	KUNIT_CASE(fdo_failing_access_stops),
	KUNIT_CASE(fdo_query_misuse),
	KUNIT_CASE(fdo_no_config_space),
	KUNIT_CASE(fdo_get_set_misuse),
	KUNIT_CASE(fdo_reference_counting),
	{}
};

static struct kunit_suite wdf_fdo_suite = {
	.name = "wdf_fdo",
	.test_cases = wdf_fdo_cases,
};
kunit_test_suite(wdf_fdo_suite);
