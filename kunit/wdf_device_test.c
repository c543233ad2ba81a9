// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: WDFDRIVER / WDFDEVICE (doc/facts.md §2.1, §2.3, §5): the
 * resource lists PrepareHardware receives, the start sequence and how a
 * failing callback unwinds it (ReleaseHardware after a started
 * PrepareHardware, the device deleted, nothing leaked), device-interface
 * and driver-creation refusals, the power-policy calls the shim does not
 * implement.
 */
#include <kunit/test.h>
#include <linux/interrupt.h>
#include <linux/string.h>
#include "wdf_test_util.h"

enum dev_event { DEV_PREPARE = 1, DEV_D0_ENTRY, DEV_D0_EXIT, DEV_RELEASE, DEV_CLEANUP,
		 DEV_POST_IE, DEV_PRE_ID };

struct devfix {
	int ev[16];
	int nev;
	NTSTATUS prepare_st, d0_st, add_st;
	ULONG raw_count, tr_count;
	WDF_POWER_DEVICE_STATE last_state;	/* of the last D0 callback */
	CM_PARTIAL_RESOURCE_DESCRIPTOR raw[4], tr[4];
	bool beyond_is_null;
	bool delete_lists;
	ULONG count_after_delete;
	NTSTATUS st_if_null, st_if_first, st_if_second;
	struct device *log_prepare, *log_release;
};

static struct devfix *devfix_of(WDFOBJECT d)
{
	struct wdft_device *wd = wdft_of(d);

	return wd ? wd->priv : NULL;
}

static void dev_ev(WDFOBJECT d, int e)
{
	struct devfix *fx = devfix_of(d);

	if (fx && fx->nev < ARRAY_SIZE(fx->ev))
		fx->ev[fx->nev++] = e;
}

static NTSTATUS dev_prepare(WDFDEVICE d, WDFCMRESLIST raw, WDFCMRESLIST tr)
{
	struct devfix *fx = devfix_of(d);
	ULONG i;

	dev_ev(d, DEV_PREPARE);
	fx->log_prepare = wdf_test_log_device();
	fx->raw_count = WdfCmResourceListGetCount(raw);
	fx->tr_count = WdfCmResourceListGetCount(tr);
	for (i = 0; i < min_t(ULONG, fx->tr_count, ARRAY_SIZE(fx->tr)); i++) {
		PCM_PARTIAL_RESOURCE_DESCRIPTOR r = WdfCmResourceListGetDescriptor(raw, i);
		PCM_PARTIAL_RESOURCE_DESCRIPTOR t = WdfCmResourceListGetDescriptor(tr, i);

		if (r)
			fx->raw[i] = *r;
		if (t)
			fx->tr[i] = *t;
	}
	fx->beyond_is_null = !WdfCmResourceListGetDescriptor(tr, fx->tr_count) &&
			     !WdfCmResourceListGetDescriptor(raw, fx->raw_count);
	if (fx->delete_lists) {
		/* KMDF forbids deleting resource lists: refused, still usable */
		WDFT_WARN_BEGIN(kunit_get_current_test());
		WdfObjectDelete(tr);
		WdfObjectDelete(raw);
		WDFT_WARN_END(kunit_get_current_test());
		fx->count_after_delete = WdfCmResourceListGetCount(tr);
	}
	return fx->prepare_st;
}

static NTSTATUS dev_release(WDFDEVICE d, WDFCMRESLIST tr)
{
	dev_ev(d, DEV_RELEASE);
	devfix_of(d)->log_release = wdf_test_log_device();
	return STATUS_SUCCESS;
}

static NTSTATUS dev_d0_entry(WDFDEVICE d, WDF_POWER_DEVICE_STATE prev)
{
	dev_ev(d, DEV_D0_ENTRY);
	devfix_of(d)->last_state = prev;
	return devfix_of(d)->d0_st;
}

static NTSTATUS dev_d0_exit(WDFDEVICE d, WDF_POWER_DEVICE_STATE target)
{
	dev_ev(d, DEV_D0_EXIT);
	devfix_of(d)->last_state = target;
	return STATUS_SUCCESS;
}

static NTSTATUS dev_post_ie(WDFDEVICE d, WDF_POWER_DEVICE_STATE prev)
{
	dev_ev(d, DEV_POST_IE);
	return STATUS_SUCCESS;
}

static NTSTATUS dev_pre_id(WDFDEVICE d, WDF_POWER_DEVICE_STATE target)
{
	dev_ev(d, DEV_PRE_ID);
	return STATUS_SUCCESS;
}

static void dev_cleanup(WDFOBJECT d)
{
	dev_ev(d, DEV_CLEANUP);
}

/* GUID_PLX_INTERFACE (doc/facts.md §6.1), for the interface tests */
static const GUID dev_guid = { 0x29d2a384, 0x2e47, 0x49b5,
			       { 0xae, 0xbf, 0x69, 0x62, 0xc2, 0x2b, 0xd7, 0xc2 } };

static NTSTATUS dev_add(struct wdft_device *wd)
{
	struct devfix *fx = wd->priv;

	if (fx->st_if_first == STATUS_PENDING) {
		fx->st_if_null = WdfDeviceCreateDeviceInterface(wd->device, NULL, NULL);
		fx->st_if_first = WdfDeviceCreateDeviceInterface(wd->device, &dev_guid,
								 NULL);
		fx->st_if_second = WdfDeviceCreateDeviceInterface(wd->device, &dev_guid,
								  NULL);
	}
	return fx->add_st;
}

static struct wdft_device *devfix_alloc(struct kunit *test, struct devfix **fxp)
{
	struct wdft_device *wd = wdft_device_alloc(test);
	struct devfix *fx = kunit_kzalloc(test, sizeof(*fx), GFP_KERNEL);
	PWDF_PNPPOWER_EVENT_CALLBACKS pnp = kunit_kzalloc(test, sizeof(*pnp), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, fx);
	KUNIT_ASSERT_NOT_NULL(test, pnp);
	WDF_PNPPOWER_EVENT_CALLBACKS_INIT(pnp);
	pnp->EvtDevicePrepareHardware = dev_prepare;
	pnp->EvtDeviceReleaseHardware = dev_release;
	pnp->EvtDeviceD0Entry = dev_d0_entry;
	pnp->EvtDeviceD0Exit = dev_d0_exit;
	wd->pnp = pnp;
	wd->priv = fx;
	wd->add = dev_add;
	wd->cleanup = dev_cleanup;
	*fxp = fx;
	return wd;
}

static void dev_expect_events(struct kunit *test, struct devfix *fx,
			      const int *ev, int n)
{
	int i;

	KUNIT_EXPECT_EQ(test, fx->nev, n);
	for (i = 0; i < min(n, fx->nev); i++)
		KUNIT_EXPECT_EQ_MSG(test, fx->ev[i], ev[i], "event %d", i);
}

static void dev_resources_reach_prepare_hardware(struct kunit *test)
{
	CM_PARTIAL_RESOURCE_DESCRIPTOR res[3] = {};
	struct devfix *fx;
	struct wdft_device *wd = devfix_alloc(test, &fx);
	int i;

	res[0].Type = CmResourceTypeMemory;
	res[0].u.Memory.Start.QuadPart = 0xfebf0000;
	res[0].u.Memory.Length = 0x200;
	res[1].Type = CmResourceTypePort;
	res[1].Flags = CM_RESOURCE_PORT_IO;
	res[1].u.Port.Start.QuadPart = 0xc000;
	res[1].u.Port.Length = 0x100;
	res[2].Type = CmResourceTypeMemory;
	res[2].u.Memory.Start.QuadPart = 0xfebc0000;
	res[2].u.Memory.Length = 0x20000;
	fx->delete_lists = true;
	KUNIT_ASSERT_EQ(test, wdft_device_start(test, wd, res, 3), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, fx->count_after_delete, 3U);
	KUNIT_EXPECT_EQ(test, fx->raw_count, 3U);
	KUNIT_EXPECT_EQ(test, fx->tr_count, 3U);
	for (i = 0; i < 3; i++) {
		KUNIT_EXPECT_EQ(test, fx->tr[i].Type, res[i].Type);
		KUNIT_EXPECT_EQ(test, fx->tr[i].u.Generic.Start.QuadPart,
				res[i].u.Generic.Start.QuadPart);
		KUNIT_EXPECT_EQ(test, fx->tr[i].u.Generic.Length, res[i].u.Generic.Length);
		KUNIT_EXPECT_EQ(test, fx->raw[i].Type, res[i].Type);
		KUNIT_EXPECT_EQ(test, fx->raw[i].u.Generic.Length, res[i].u.Generic.Length);
	}
	KUNIT_EXPECT_TRUE(test, fx->beyond_is_null);
}

static void dev_start_and_remove_order(struct kunit *test)
{
	static const int start[] = { DEV_PREPARE, DEV_D0_ENTRY };
	static const int stop[] = { DEV_PREPARE, DEV_D0_ENTRY, DEV_D0_EXIT, DEV_RELEASE,
				    DEV_CLEANUP };
	struct devfix *fx;
	struct wdft_device *wd = devfix_alloc(test, &fx);

	KUNIT_ASSERT_EQ(test, wdft_device_start(test, wd, NULL, 0), STATUS_SUCCESS);
	dev_expect_events(test, fx, start, ARRAY_SIZE(start));
	KUNIT_EXPECT_PTR_EQ(test, WdfDeviceWdmGetDeviceObject(wd->device), wd->dev);
	KUNIT_EXPECT_PTR_EQ(test, WdfDeviceWdmGetPhysicalDevice(wd->device), wd->dev);
	KUNIT_EXPECT_PTR_EQ(test, WdfDeviceGetDriver(wd->device), wd->driver);
	wdft_device_destroy(test, wd);
	dev_expect_events(test, fx, stop, ARRAY_SIZE(stop));
	/* issue 9, defect 9: DbgPrintEx in PnP callbacks names the board */
	KUNIT_EXPECT_PTR_EQ(test, fx->log_prepare, wd->dev);
	KUNIT_EXPECT_PTR_EQ(test, fx->log_release, wd->dev);
	KUNIT_EXPECT_NULL(test, wdf_test_log_device());
}

/*
 * Issue 9 defect 8: the PCI reset handlers' halves. reset_prepare runs
 * D0ExitPreInterruptsDisabled -> D0Exit(D3) once (a second call, or one
 * on a device already out of D0, does nothing); reset_done runs
 * D0Entry(D3) -> D0EntryPostInterruptsEnabled once; remove after that is
 * the usual stop. Without the hooks (today's main) this does not build.
 */
static void dev_reset_prepare_done_order(struct kunit *test)
{
	static const int ev[] = { DEV_PREPARE, DEV_D0_ENTRY, DEV_POST_IE,
				  DEV_PRE_ID, DEV_D0_EXIT,
				  DEV_D0_ENTRY, DEV_POST_IE,
				  DEV_PRE_ID, DEV_D0_EXIT, DEV_RELEASE,
				  DEV_CLEANUP };
	struct devfix *fx;
	struct wdft_device *wd = devfix_alloc(test, &fx);
	PWDF_PNPPOWER_EVENT_CALLBACKS pnp = wd->pnp;

	pnp->EvtDeviceD0EntryPostInterruptsEnabled = dev_post_ie;
	pnp->EvtDeviceD0ExitPreInterruptsDisabled = dev_pre_id;
	KUNIT_ASSERT_EQ(test, wdft_device_start(test, wd, NULL, 0), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, fx->last_state, WdfPowerDeviceD3Final);
	wdf_test_device_reset_prepare(wd->device);
	KUNIT_EXPECT_EQ(test, fx->last_state, WdfPowerDeviceD3);
	wdf_test_device_reset_prepare(wd->device);	/* nothing more */
	KUNIT_EXPECT_EQ(test, fx->nev, 5);
	KUNIT_EXPECT_EQ(test, wdf_test_device_reset_done(wd->device),
			STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, fx->last_state, WdfPowerDeviceD3);
	KUNIT_EXPECT_EQ(test, wdf_test_device_reset_done(wd->device),
			STATUS_SUCCESS);	/* already in D0: nothing */
	KUNIT_EXPECT_EQ(test, fx->nev, 7);
	wdft_device_destroy(test, wd);
	dev_expect_events(test, fx, ev, ARRAY_SIZE(ev));
	KUNIT_EXPECT_EQ(test, fx->last_state, WdfPowerDeviceD3Final);
}

/*
 * A failing D0Entry after a reset leaves the device out of D0: remove
 * then skips D0ExitPreInterruptsDisabled and D0Exit and releases the
 * hardware.
 */
static void dev_reset_done_failure(struct kunit *test)
{
	static const int ev[] = { DEV_PREPARE, DEV_D0_ENTRY, DEV_D0_EXIT,
				  DEV_D0_ENTRY, DEV_RELEASE, DEV_CLEANUP };
	struct devfix *fx;
	struct wdft_device *wd = devfix_alloc(test, &fx);

	KUNIT_ASSERT_EQ(test, wdft_device_start(test, wd, NULL, 0), STATUS_SUCCESS);
	wdf_test_device_reset_prepare(wd->device);
	fx->d0_st = STATUS_DEVICE_NOT_READY;
	KUNIT_EXPECT_EQ(test, wdf_test_device_reset_done(wd->device),
			STATUS_DEVICE_NOT_READY);
	wdft_device_destroy(test, wd);
	dev_expect_events(test, fx, ev, ARRAY_SIZE(ev));
}

static void dev_prepare_hardware_failure_unwinds(struct kunit *test)
{
	static const int ev[] = { DEV_PREPARE, DEV_RELEASE, DEV_CLEANUP };
	unsigned long live = wdft_live_objects();
	struct devfix *fx;
	struct wdft_device *wd = devfix_alloc(test, &fx);

	fx->prepare_st = STATUS_DEVICE_CONFIGURATION_ERROR;
	KUNIT_EXPECT_EQ(test, wdft_device_start(test, wd, NULL, 0),
			STATUS_DEVICE_CONFIGURATION_ERROR);
	KUNIT_EXPECT_NULL(test, wd->device);
	dev_expect_events(test, fx, ev, ARRAY_SIZE(ev));
	wdft_device_destroy(test, wd);	/* the driver */
	KUNIT_EXPECT_EQ(test, wdft_live_objects(), live);
}

static void dev_d0_entry_failure_unwinds(struct kunit *test)
{
	static const int ev[] = { DEV_PREPARE, DEV_D0_ENTRY, DEV_RELEASE, DEV_CLEANUP };
	unsigned long live = wdft_live_objects();
	struct devfix *fx;
	struct wdft_device *wd = devfix_alloc(test, &fx);

	fx->d0_st = STATUS_INSUFFICIENT_RESOURCES;
	KUNIT_EXPECT_EQ(test, wdft_device_start(test, wd, NULL, 0),
			STATUS_INSUFFICIENT_RESOURCES);
	KUNIT_EXPECT_NULL(test, wd->device);
	dev_expect_events(test, fx, ev, ARRAY_SIZE(ev));
	wdft_device_destroy(test, wd);
	KUNIT_EXPECT_EQ(test, wdft_live_objects(), live);
}

static void dev_device_add_failure_unwinds(struct kunit *test)
{
	static const int ev[] = { DEV_CLEANUP };
	unsigned long live = wdft_live_objects();
	struct devfix *fx;
	struct wdft_device *wd = devfix_alloc(test, &fx);

	fx->add_st = STATUS_INSUFFICIENT_RESOURCES;
	KUNIT_EXPECT_EQ(test, wdft_device_start(test, wd, NULL, 0),
			STATUS_INSUFFICIENT_RESOURCES);
	KUNIT_EXPECT_NULL(test, wd->device);
	/* never started: no PnP callback, only the deletion */
	dev_expect_events(test, fx, ev, ARRAY_SIZE(ev));
	wdft_device_destroy(test, wd);
	KUNIT_EXPECT_EQ(test, wdft_live_objects(), live);
}

static void dev_interface_refusals(struct kunit *test)
{
	struct devfix *fx;
	struct wdft_device *wd = devfix_alloc(test, &fx);

	fx->st_if_first = STATUS_PENDING;	/* ask dev_add to try */
	KUNIT_ASSERT_EQ(test, wdft_device_start(test, wd, NULL, 0), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, fx->st_if_null, STATUS_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, fx->st_if_first, STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, fx->st_if_second, STATUS_INVALID_DEVICE_STATE);
}

static void dev_power_policy_not_supported(struct kunit *test)
{
	struct wdft_device *wd = wdft_device_create(test, NULL);
	WDF_DEVICE_POWER_POLICY_IDLE_SETTINGS idle;
	WDF_DEVICE_POWER_POLICY_WAKE_SETTINGS wake;

	WDF_DEVICE_POWER_POLICY_IDLE_SETTINGS_INIT(&idle, IdleCanWakeFromS0);
	idle.IdleTimeout = 10000;
	KUNIT_EXPECT_EQ(test, WdfDeviceAssignS0IdleSettings(wd->device, &idle),
			STATUS_NOT_SUPPORTED);
	idle.Size--;
	KUNIT_EXPECT_EQ(test, WdfDeviceAssignS0IdleSettings(wd->device, &idle),
			STATUS_INFO_LENGTH_MISMATCH);
	WDF_DEVICE_POWER_POLICY_WAKE_SETTINGS_INIT(&wake);
	KUNIT_EXPECT_EQ(test, WdfDeviceAssignSxWakeSettings(wd->device, &wake),
			STATUS_NOT_SUPPORTED);
	wake.Size = 0;
	KUNIT_EXPECT_EQ(test, WdfDeviceAssignSxWakeSettings(wd->device, &wake),
			STATUS_INFO_LENGTH_MISMATCH);
}

/* DriverEntry of the driver-creation test: statuses of its attempts. */
static NTSTATUS dev_entry_st[3];
static PDRIVER_OBJECT dev_entry_obj;

static NTSTATUS dev_nop_add(WDFDRIVER d, PWDFDEVICE_INIT init)
{
	return STATUS_UNSUCCESSFUL;
}

static NTSTATUS dev_entry(PDRIVER_OBJECT obj, PUNICODE_STRING path)
{
	WDF_DRIVER_CONFIG cfg;

	dev_entry_obj = obj;
	WDF_DRIVER_CONFIG_INIT(&cfg, dev_nop_add);
	cfg.Size++;
	dev_entry_st[0] = WdfDriverCreate(obj, path, NULL, &cfg, NULL);
	cfg.Size--;
	dev_entry_st[1] = WdfDriverCreate(obj, path, NULL, &cfg, NULL);
	dev_entry_st[2] = WdfDriverCreate(obj, path, NULL, &cfg, NULL);
	return dev_entry_st[1];
}

static void dev_driver_create_once(struct kunit *test)
{
	unsigned long live = wdft_live_objects();
	WDFDRIVER drv = NULL;

	KUNIT_ASSERT_EQ(test, wdf_test_driver_create("wdft-drv", dev_entry, &drv),
			STATUS_SUCCESS);
	KUNIT_ASSERT_NOT_NULL(test, drv);
	KUNIT_EXPECT_EQ(test, dev_entry_st[0], STATUS_INFO_LENGTH_MISMATCH);
	KUNIT_EXPECT_EQ(test, dev_entry_st[1], STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, dev_entry_st[2], STATUS_INVALID_DEVICE_STATE);
	KUNIT_EXPECT_PTR_EQ(test, WdfDriverWdmGetDriverObject(drv), dev_entry_obj);
	KUNIT_EXPECT_STREQ(test, dev_entry_obj->DriverName, "wdft-drv");
	wdf_test_driver_destroy(drv);
	KUNIT_EXPECT_EQ(test, wdft_live_objects(), live);
}

/*
 * Issue 9, defect 9: which INTx lines the PCI probe refuses (a driver
 * with an interrupt object then fails to bind instead of timing out
 * every transfer). The found case: the sanitizer kernel on the pc
 * machine, _PRT lookup failed ("PCI INT A: no GSI"), pci_dev->irq left
 * at the BIOS's Interrupt Line 10, irq_managed clear.
 */
static void dev_pci_intx_usable_or_not(struct kunit *test)
{
	/* usable: routed and registered, or a platform that routes nothing */
	KUNIT_EXPECT_NULL(test, wdf_test_pci_intx_problem(1, 11, true, true));
	KUNIT_EXPECT_NULL(test, wdf_test_pci_intx_problem(4, 16, true, false));
	KUNIT_EXPECT_NULL(test, wdf_test_pci_intx_problem(1, 10, false, false));
	/* no pin, whatever the Interrupt Line says */
	KUNIT_EXPECT_NOT_NULL(test, wdf_test_pci_intx_problem(0, 10, false, false));
	KUNIT_EXPECT_NOT_NULL(test, wdf_test_pci_intx_problem(0, 10, true, true));
	/* nothing routed */
	KUNIT_EXPECT_NOT_NULL(test, wdf_test_pci_intx_problem(1, 0, false, false));
	KUNIT_EXPECT_NOT_NULL(test, wdf_test_pci_intx_problem(1, 0, true, true));
	/* Interrupt Line 0xff on x86 */
	KUNIT_EXPECT_NOT_NULL(test, wdf_test_pci_intx_problem(1, IRQ_NOTCONNECTED,
							       false, false));
	/* the found case: ACPI routes, no GSI, the stale line 10 */
	KUNIT_EXPECT_NOT_NULL(test, wdf_test_pci_intx_problem(1, 10, false, true));
	KUNIT_EXPECT_NOT_NULL(test, strstr(wdf_test_pci_intx_problem(1, 10, false, true),
					   "did not route"));
}

static struct kunit_case wdf_device_cases[] = {
	KUNIT_CASE(dev_pci_intx_usable_or_not),
	KUNIT_CASE(dev_resources_reach_prepare_hardware),
	KUNIT_CASE(dev_start_and_remove_order),
	KUNIT_CASE(dev_reset_prepare_done_order),
	KUNIT_CASE(dev_reset_done_failure),
	KUNIT_CASE(dev_prepare_hardware_failure_unwinds),
	KUNIT_CASE(dev_d0_entry_failure_unwinds),
	KUNIT_CASE(dev_device_add_failure_unwinds),
	KUNIT_CASE(dev_interface_refusals),
	KUNIT_CASE(dev_power_policy_not_supported),
	KUNIT_CASE(dev_driver_create_once),
	{}
};

static struct kunit_suite wdf_device_suite = {
	.name = "wdf_device",
	.test_cases = wdf_device_cases,
};
kunit_test_suite(wdf_device_suite);
