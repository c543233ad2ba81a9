/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * QEMU PCI device "plx9656": an emulated PLX PCI 9656 RDK-LITE board (or a
 * 9056 RDK-LITE, or the bare chips) wrapping the portable board model in
 * emu/model/. Written for QEMU 7.2 (Debian bookworm), following the
 * pattern of hw/misc/edu.c.
 *
 * PCI function: vendor 0x10B5, device `device-id` (default 0x9601),
 * class 0x0680 ("other bridge", what PLX bridges report), interrupt pin A,
 * no MSI (the chip has none). These come from the board's serial EEPROM
 * (built-in RDK-LITE image for `device-id`, or the `eeprom` property).
 * Configuration space: QEMU's PCI core keeps the BARs (0x10-0x33) and the
 * command register's effect (decoding, bus mastering); every other byte
 * is read from the portable model, which implements the chip's Status
 * (abort bits W1C, capability list, no interrupt-status bit), Command (no
 * INTx disable) and capabilities (PM 0x40, hot swap 0x48, VPD 0x4C). Every
 * configuration write goes to both. A D3hot -> D0 transition resets the
 * model (and clears the command register; Linux restores BARs and command
 * after it, as for any function without No_Soft_Reset).
 *   BAR0  0x200   MMIO   the register block (1/2/4-byte accesses)
 *   BAR1  0x100   I/O    alias of the first 0x100 bytes of the registers
 *   BAR2  0x20000 MMIO   local space 0 window onto the on-board SRAM
 *   BAR3  0x20000 MMIO   local space 1 window onto the same SRAM
 *
 * Properties (the ones marked * may be changed at run time with
 * `qom-set /machine/peripheral/<id> <prop> <value>`):
 *   device-id             uint16, default 0x9601 (0x5601, 0x9656, 0x9056);
 *                         the device ID the built-in EEPROM image loads,
 *                         and the chip class: 0x5601/0x9056 are 9056s
 *                         (PCIHIDR 0x905610B5), the rest 9656s
 *                         (PCIHIDR 0x965610B5)
 *   revision              uint8, PCI revision in the built-in image,
 *                         default 0xba
 *   chip-revision         uint8, PCIHREV (silicon revision), default 0 =
 *                         0xBA on a 9656, 0xAA on a 9056
 *   subsystem-vendor-id   uint16, default 0x10b5
 *   subsystem-id          uint16, default 0 = same as device-id
 *   eeprom                string: unset or "default" = the built-in
 *                         RDK-LITE image, "blank" = an erased EEPROM (the
 *                         chip loads its own defaults: 10b5:9656/9056),
 *                         "none" = no EEPROM fitted, anything else = the
 *                         path of a 256-byte image (93CS56 contents,
 *                         big-endian 16-bit words)
 *   sram-size             uint32, bytes of SRAM, default 0x20000 (the BAR
 *                         windows stay 0x20000 whatever the size)
 *   bandwidth *           uint64, modelled bus bytes/s, 0 = the model's
 *                         default for the device ID (528 MB/s 9656-class,
 *                         264 MB/s 9056-class)
 *   arb-gap-ns            uint32, PCI bus time charged before every burst
 *                         (bus idle/turnaround + address phase), default
 *                         30 (2 clocks at 66 MHz); 0 = not charged
 *   target-latency-ns     uint32, target initial latency of each PCI
 *                         memory read of a descriptor, default 120 (8
 *                         clocks, half the PCI bound); 0 = not charged
 *   desc-costs            bool, default on: charge descriptor fetches from
 *                         and count write-backs to PCI memory (off with
 *                         the two above 0 = the ideal bus, data only).
 *                         Sources and formula: "Timing" in
 *                         emu/model/plx9656.c (UNCERTAIN values)
 *   bus-group             uint32, default 0 = the board has a PCI bus of
 *                         its own; boards with the same nonzero N share
 *                         one modelled bus segment: their segments are
 *                         granted one after the other in load order (each
 *                         at its own bandwidth and costs)
 *   stall *               uint32 channel mask: bit n = channel n never
 *                         completes (0 releases it)
 *   master-abort *        bool: every DMA access of both channels
 *                         master-aborts (= master-abort-mask 3 / 0)
 *   master-abort-mask *   uint32 channel mask: bit n = every DMA access of
 *                         channel n master-aborts, the other runs normally
 *   lint *                bool: level of the local interrupt input LINTi#
 *                         (INTCSR bit 15; INTA# with INTCSR 11 and 8)
 *
 * DMA goes through pci_dma_read/pci_dma_write, so it honours the command
 * register's bus-master enable and an IOMMU; a failed access is reported
 * to the model as a master abort, which sets "received master abort" in
 * the chip's PCI Status (bit 13, W1C), INTCSR 14 and the active-low
 * INTCSR 25/26 of the channel. Transfers complete on a
 * QEMU_CLOCK_VIRTUAL timer after the modelled bus time. Guest mistakes are
 * the model's business (chip status bits); nothing a guest does aborts
 * QEMU. The device is not migratable.
 */

#include "qemu/osdep.h"
#include "qemu/units.h"
#include "qemu/log.h"
#include "qemu/timer.h"
#include "qemu/module.h"
#include "qapi/error.h"
#include "qapi/visitor.h"
#include "qom/object.h"
#include "hw/pci/pci.h"
#include "hw/qdev-properties.h"
#include "migration/vmstate.h"
#include "sysemu/dma.h"

#include "../model/plx9656.h"
#include "../model/plx9656_regs.h"

#define TYPE_PLX9656 "plx9656"
OBJECT_DECLARE_SIMPLE_TYPE(PLX9656State, PLX9656)

#define PLX_VENDOR_ID		0x10b5
#define PLX_DEFAULT_DEVICE_ID	0x9601
#define PLX_CLASS_OTHER_BRIDGE	0x0680
#define PLX_SRAM_MAX		0x1000000u	/* 16 MiB */

struct PLX9656State {
	PCIDevice parent_obj;

	MemoryRegion regs_mmio;
	MemoryRegion regs_io;
	MemoryRegion sram0;
	MemoryRegion sram1;
	QEMUTimer *timer;

	struct plx9656 *model;
	uint8_t *sram;

	/* properties */
	uint16_t device_id;
	uint8_t revision;
	uint16_t subsys_vendor_id;
	uint16_t subsys_id;
	uint32_t sram_size;
	uint8_t chip_rev;
	char *eeprom;
	uint64_t bandwidth;
	uint32_t arb_gap_ns;
	uint32_t target_latency_ns;
	bool desc_costs;
	uint32_t bus_group;
	uint32_t stall;
	uint32_t ma_mask;
	bool lint;
};

/*
 * Modelled bus segments shared by bus-group: one per nonzero group
 * number, alive while a board of the group is realized.
 */
typedef struct PLXBusGroup {
	struct plx9656_bus bus;
	unsigned int refs;
} PLXBusGroup;

static GHashTable *plx_bus_groups;

static struct plx9656_bus *plx_bus_group_get(uint32_t n)
{
	PLXBusGroup *g;

	if (!plx_bus_groups) {
		plx_bus_groups = g_hash_table_new_full(g_direct_hash,
						       g_direct_equal,
						       NULL, g_free);
	}
	g = g_hash_table_lookup(plx_bus_groups, GUINT_TO_POINTER(n));
	if (!g) {
		g = g_new0(PLXBusGroup, 1);
		g_hash_table_insert(plx_bus_groups, GUINT_TO_POINTER(n), g);
	}
	g->refs++;
	return &g->bus;
}

static void plx_bus_group_put(uint32_t n)
{
	PLXBusGroup *g = plx_bus_groups ?
		g_hash_table_lookup(plx_bus_groups, GUINT_TO_POINTER(n)) : NULL;

	if (g && --g->refs == 0) {
		g_hash_table_remove(plx_bus_groups, GUINT_TO_POINTER(n));
	}
}

/* ---- host operations handed to the model ---------------------------- */

/* A failed DMA access is a master abort; the model records it (PCI
 * Status 13 in its configuration space, INTCSR).
 * A failed pci_dma_read may still have filled @buf (QEMU reads memory
 * nothing decodes, or an IOMMU refused, as zeros), and @buf is often the
 * board's SRAM itself; an aborted PCI read delivers no data, so the read
 * goes through a bounce buffer that is copied only on success. */
static int plx_host_dma_read(void *opaque, uint64_t addr, void *buf,
			     size_t len)
{
	PLX9656State *s = opaque;
	g_autofree uint8_t *bounce = NULL;
	MemTxResult r;

	if (len == 0) {
		return 0;
	}
	bounce = g_malloc(len);
	r = pci_dma_read(PCI_DEVICE(s), addr, bounce, len);
	if (r != MEMTX_OK) {
		qemu_log_mask(LOG_GUEST_ERROR,
			      "plx9656: DMA read of 0x%zx bytes at 0x%" PRIx64
			      " failed (master abort)\n", len, addr);
		return 1;
	}
	memcpy(buf, bounce, len);
	return 0;
}

static int plx_host_dma_write(void *opaque, uint64_t addr, const void *buf,
			      size_t len)
{
	PLX9656State *s = opaque;
	MemTxResult r;

	r = pci_dma_write(PCI_DEVICE(s), addr, buf, len);
	if (r != MEMTX_OK) {
		qemu_log_mask(LOG_GUEST_ERROR,
			      "plx9656: DMA write of 0x%zx bytes at 0x%" PRIx64
			      " failed (master abort)\n", len, addr);
		return 1;
	}
	return 0;
}

static void plx_host_set_irq(void *opaque, int level)
{
	pci_set_irq(PCI_DEVICE(opaque), level ? 1 : 0);
}

static uint64_t plx_host_now_ns(void *opaque)
{
	return (uint64_t)qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
}

static void plx_host_schedule(void *opaque, uint64_t when_ns)
{
	PLX9656State *s = opaque;

	if (!s->timer) {
		return;
	}
	if (when_ns == UINT64_MAX) {
		timer_del(s->timer);
	} else {
		timer_mod(s->timer, when_ns > INT64_MAX ? INT64_MAX
							 : (int64_t)when_ns);
	}
}

static void plx_host_log(void *opaque, const char *msg)
{
	PLX9656State *s = opaque;
	const char *id = DEVICE(s)->id;

	qemu_log_mask(LOG_GUEST_ERROR, "plx9656 %s: %s\n", id ? id : "-", msg);
}

static const struct plx9656_host_ops plx_host_ops = {
	.log = plx_host_log,
	.dma_read = plx_host_dma_read,
	.dma_write = plx_host_dma_write,
	.set_irq = plx_host_set_irq,
	.now_ns = plx_host_now_ns,
	.schedule = plx_host_schedule,
};

/*
 * The model moves data from this timer. A guest may aim a DMA at the
 * board's own BARs; QEMU's memory re-entrancy guard then refuses the
 * access (a master abort for the model) instead of re-entering the model
 * in the middle of plx9656_run(). MMIO handlers get that guard from the
 * memory core; the timer engages it by hand.
 */
static void plx_timer_cb(void *opaque)
{
	PLX9656State *s = opaque;
	MemReentrancyGuard *guard = &DEVICE(s)->mem_reentrancy_guard;
	bool engaged = guard->engaged_in_io;

	if (s->model) {
		guard->engaged_in_io = true;
		plx9656_run(s->model);
		guard->engaged_in_io = engaged;
	}
}

/* ---- BARs --------------------------------------------------------------- */

static uint64_t plx_regs_read(void *opaque, hwaddr addr, unsigned size)
{
	PLX9656State *s = opaque;

	return plx9656_reg_read(s->model, (uint32_t)addr, size);
}

static void plx_regs_write(void *opaque, hwaddr addr, uint64_t val,
			   unsigned size)
{
	PLX9656State *s = opaque;

	plx9656_reg_write(s->model, (uint32_t)addr, (uint32_t)val, size);
}

static const MemoryRegionOps plx_regs_ops = {
	.read = plx_regs_read,
	.write = plx_regs_write,
	.endianness = DEVICE_LITTLE_ENDIAN,
	/* the model takes any offset (it splits into dwords itself) */
	.valid = { .min_access_size = 1, .max_access_size = 4,
		   .unaligned = true },
	.impl = { .min_access_size = 1, .max_access_size = 4,
		  .unaligned = true },
};

static uint64_t plx_sram_read(void *opaque, hwaddr addr, unsigned size)
{
	PLX9656State *s = opaque;

	return plx9656_sram_read(s->model, (uint32_t)addr, size);
}

static void plx_sram_write(void *opaque, hwaddr addr, uint64_t val,
			   unsigned size)
{
	PLX9656State *s = opaque;

	plx9656_sram_write(s->model, (uint32_t)addr, val, size);
}

static const MemoryRegionOps plx_sram_ops = {
	.read = plx_sram_read,
	.write = plx_sram_write,
	.endianness = DEVICE_LITTLE_ENDIAN,
	.valid = { .min_access_size = 1, .max_access_size = 8,
		   .unaligned = true },
	.impl = { .min_access_size = 1, .max_access_size = 8,
		  .unaligned = true },
};

/* ---- configuration space ---------------------------------------------- */

/* Bytes QEMU's PCI core answers (BARs, CardBus CIS, ROM BAR); the model
 * answers the rest. */
static bool plx_cfg_qemu_owned(uint32_t off)
{
	return off >= PCI_BASE_ADDRESS_0 && off < PCI_CAPABILITY_LIST;
}

/* Copy what the model loaded from the EEPROM into QEMU's copy. */
static void plx_mirror_ids(PLX9656State *s)
{
	PCIDevice *pdev = PCI_DEVICE(s);
	uint32_t off;

	for (off = 0; off < PCI_BASE_ADDRESS_0; off++) {
		if (off == PCI_COMMAND || off == PCI_COMMAND + 1 ||
		    off == PCI_STATUS || off == PCI_STATUS + 1) {
			continue;
		}
		pdev->config[off] = plx9656_config_read(s->model, off, 1);
	}
	pci_set_long(pdev->config + PCI_SUBSYSTEM_VENDOR_ID,
		     plx9656_config_read(s->model, PLX_CFG_SUBSYS, 4));
	pci_config_set_interrupt_pin(pdev->config, 1);	/* INTA#, wired */
}

static uint32_t plx_config_read(PCIDevice *pdev, uint32_t addr, int len)
{
	PLX9656State *s = PLX9656(pdev);
	uint32_t v = 0, b, off;
	int i;

	for (i = 0; i < len; i++) {
		off = addr + i;
		if (!s->model || plx_cfg_qemu_owned(off) ||
		    off >= PLX9656_CFG_SIZE) {
			b = pci_default_read_config(pdev, off, 1);
		} else {
			b = plx9656_config_read(s->model, off, 1);
		}
		v |= b << (8 * i);
	}
	return v;
}

static void plx_config_write(PCIDevice *pdev, uint32_t addr, uint32_t val,
			     int len)
{
	PLX9656State *s = PLX9656(pdev);
	int before;

	pci_default_write_config(pdev, addr, val, len);
	if (!s->model || addr >= PLX9656_CFG_SIZE ||
	    (uint32_t)len > PLX9656_CFG_SIZE - addr) {
		return;
	}
	before = plx9656_power_state(s->model);
	plx9656_config_write(s->model, addr, val, len);
	if (before == 3 && plx9656_power_state(s->model) == 0) {
		/* D3hot -> D0: the chip reset itself, decoding included */
		pci_default_write_config(pdev, PCI_COMMAND, 0, 2);
		plx_mirror_ids(s);
	}
}

/* ---- run-time properties ------------------------------------------------ */

/*
 * The test's fault switches are the board's, not the chip's: the model
 * gets them at realize and again after every reset.
 */
static void plx_apply_switches(PLX9656State *s)
{
	plx9656_set_stall(s->model, (int)s->stall);
	plx9656_set_master_abort_mask(s->model, (int)s->ma_mask);
	plx9656_set_local_irq(s->model, s->lint);
}

/*
 * A DMA channel mask property (bit n = channel n): where it is kept and
 * the model's setter. The QOM opaque of "stall" and "master-abort-mask".
 */
struct plx_mask_prop {
	size_t offset;		/* of the uint32_t in PLX9656State */
	void (*apply)(struct plx9656 *model, int channel_mask);
};

static const struct plx_mask_prop plx_stall_prop = {
	offsetof(PLX9656State, stall), plx9656_set_stall,
};
static const struct plx_mask_prop plx_ma_mask_prop = {
	offsetof(PLX9656State, ma_mask), plx9656_set_master_abort_mask,
};

static uint32_t *plx_mask_field(Object *obj, const struct plx_mask_prop *p)
{
	return (uint32_t *)((char *)PLX9656(obj) + p->offset);
}

static void plx_get_mask(Object *obj, Visitor *v, const char *name,
			 void *opaque, Error **errp)
{
	visit_type_uint32(v, name, plx_mask_field(obj, opaque), errp);
}

static void plx_set_mask(Object *obj, Visitor *v, const char *name,
			 void *opaque, Error **errp)
{
	const struct plx_mask_prop *p = opaque;
	PLX9656State *s = PLX9656(obj);
	uint32_t val;

	if (!visit_type_uint32(v, name, &val, errp)) {
		return;
	}
	if (val & ~3u) {
		error_setg(errp, "%s: channel mask 0x%x has bits other than"
			   " 0 and 1", name, val);
		return;
	}
	*plx_mask_field(obj, p) = val;
	if (s->model) {
		p->apply(s->model, (int)val);
	}
}

static void plx_get_bandwidth(Object *obj, Visitor *v, const char *name,
			      void *opaque, Error **errp)
{
	PLX9656State *s = PLX9656(obj);

	visit_type_uint64(v, name, &s->bandwidth, errp);
}

static void plx_set_bandwidth(Object *obj, Visitor *v, const char *name,
			      void *opaque, Error **errp)
{
	PLX9656State *s = PLX9656(obj);
	uint64_t val;

	if (!visit_type_uint64(v, name, &val, errp)) {
		return;
	}
	s->bandwidth = val;
	if (s->model) {
		plx9656_set_bandwidth(s->model, val);	/* 0 = chip default */
	}
}

static bool plx_get_master_abort(Object *obj, Error **errp)
{
	return PLX9656(obj)->ma_mask == 3;
}

static void plx_set_master_abort(Object *obj, bool on, Error **errp)
{
	PLX9656State *s = PLX9656(obj);

	s->ma_mask = on ? 3 : 0;
	if (s->model) {
		plx9656_set_master_abort_mask(s->model, (int)s->ma_mask);
	}
}

static bool plx_get_lint(Object *obj, Error **errp)
{
	return PLX9656(obj)->lint;
}

static void plx_set_lint(Object *obj, bool on, Error **errp)
{
	PLX9656State *s = PLX9656(obj);

	s->lint = on;
	if (s->model) {
		plx9656_set_local_irq(s->model, on);
	}
}

/* ---- life cycle --------------------------------------------------------- */

static void plx_realize(PCIDevice *pdev, Error **errp)
{
	PLX9656State *s = PLX9656(pdev);
	struct plx9656_config cfg;
	g_autofree gchar *image = NULL;
	gsize image_len = 0;
	GError *gerr = NULL;

	if (s->sram_size == 0 || s->sram_size > PLX_SRAM_MAX) {
		error_setg(errp, "sram-size must be 1..0x%x bytes", PLX_SRAM_MAX);
		return;
	}
	memset(&cfg, 0, sizeof(cfg));
	cfg.eeprom = PLX9656_EEPROM_DEFAULT;
	if (s->eeprom && !strcmp(s->eeprom, "blank")) {
		cfg.eeprom = PLX9656_EEPROM_BLANK;
	} else if (s->eeprom && !strcmp(s->eeprom, "none")) {
		cfg.eeprom = PLX9656_EEPROM_NONE;
	} else if (s->eeprom && *s->eeprom && strcmp(s->eeprom, "default")) {
		if (!g_file_get_contents(s->eeprom, &image, &image_len, &gerr)) {
			error_setg(errp, "eeprom: %s", gerr->message);
			g_error_free(gerr);
			return;
		}
		if (image_len != PLX9656_EEPROM_BYTES) {
			error_setg(errp, "eeprom: %s has %zu bytes, a 93CS56 image"
				   " has %u", s->eeprom, (size_t)image_len,
				   PLX9656_EEPROM_BYTES);
			return;
		}
		cfg.eeprom = PLX9656_EEPROM_IMAGE;
		cfg.eeprom_image = (const uint8_t *)image;
	}

	s->sram = g_malloc0(s->sram_size);
	s->model = g_malloc0(plx9656_state_size());
	cfg.device_id = s->device_id;
	cfg.revision = s->revision;
	cfg.chip_rev = s->chip_rev;
	cfg.subsys_vendor_id = s->subsys_vendor_id;
	cfg.subsys_id = s->subsys_id;
	cfg.bandwidth = s->bandwidth;
	cfg.arb_gap_ns = s->arb_gap_ns;
	cfg.target_latency_ns = s->target_latency_ns;
	cfg.desc_costs = s->desc_costs;
	cfg.sram = s->sram;
	cfg.sram_size = s->sram_size;
	s->timer = timer_new_ns(QEMU_CLOCK_VIRTUAL, plx_timer_cb, s);
	plx9656_init(s->model, &cfg, &plx_host_ops, s);
	if (s->bus_group) {
		plx9656_set_bus(s->model, plx_bus_group_get(s->bus_group));
	}
	plx_apply_switches(s);
	plx_mirror_ids(s);
	/* the chip's command register: no INTx disable, no VGA snoop, ... */
	pci_set_word(pdev->wmask + PCI_COMMAND, PLX_CMD_RW_MASK);

	memory_region_init_io(&s->regs_mmio, OBJECT(s), &plx_regs_ops, s,
			      "plx9656-regs", PLX9656_BAR0_SIZE);
	memory_region_init_io(&s->regs_io, OBJECT(s), &plx_regs_ops, s,
			      "plx9656-regs-io", PLX9656_BAR1_SIZE);
	memory_region_init_io(&s->sram0, OBJECT(s), &plx_sram_ops, s,
			      "plx9656-sram0", PLX9656_SRAM_BAR_SIZE);
	memory_region_init_io(&s->sram1, OBJECT(s), &plx_sram_ops, s,
			      "plx9656-sram1", PLX9656_SRAM_BAR_SIZE);
	pci_register_bar(pdev, 0, PCI_BASE_ADDRESS_SPACE_MEMORY, &s->regs_mmio);
	pci_register_bar(pdev, 1, PCI_BASE_ADDRESS_SPACE_IO, &s->regs_io);
	pci_register_bar(pdev, 2, PCI_BASE_ADDRESS_SPACE_MEMORY, &s->sram0);
	pci_register_bar(pdev, 3, PCI_BASE_ADDRESS_SPACE_MEMORY, &s->sram1);
}

static void plx_exit(PCIDevice *pdev)
{
	PLX9656State *s = PLX9656(pdev);

	if (s->timer) {
		timer_free(s->timer);
		s->timer = NULL;
	}
	if (s->model && s->bus_group) {
		plx9656_set_bus(s->model, NULL);
		plx_bus_group_put(s->bus_group);
	}
	g_free(s->model);
	s->model = NULL;
	g_free(s->sram);
	s->sram = NULL;
}

static void plx_reset(DeviceState *dev)
{
	PLX9656State *s = PLX9656(dev);

	if (s->model) {
		plx9656_reset(s->model);
		plx_apply_switches(s);
		plx_mirror_ids(s);
	}
}

static Property plx_properties[] = {
	DEFINE_PROP_UINT16("device-id", PLX9656State, device_id,
			   PLX_DEFAULT_DEVICE_ID),
	DEFINE_PROP_UINT8("revision", PLX9656State, revision, 0xba),
	DEFINE_PROP_UINT16("subsystem-vendor-id", PLX9656State,
			   subsys_vendor_id, PLX_VENDOR_ID),
	DEFINE_PROP_UINT16("subsystem-id", PLX9656State, subsys_id, 0),
	DEFINE_PROP_UINT32("sram-size", PLX9656State, sram_size,
			   PLX9656_SRAM_SIZE),
	DEFINE_PROP_UINT8("chip-revision", PLX9656State, chip_rev, 0),
	DEFINE_PROP_STRING("eeprom", PLX9656State, eeprom),
	DEFINE_PROP_UINT32("arb-gap-ns", PLX9656State, arb_gap_ns,
			   PLX9656_DEF_ARB_GAP_NS),
	DEFINE_PROP_UINT32("target-latency-ns", PLX9656State,
			   target_latency_ns, PLX9656_DEF_TARGET_LATENCY_NS),
	DEFINE_PROP_BOOL("desc-costs", PLX9656State, desc_costs, true),
	DEFINE_PROP_UINT32("bus-group", PLX9656State, bus_group, 0),
	DEFINE_PROP_END_OF_LIST(),
};

static const VMStateDescription plx_vmstate = {
	.name = TYPE_PLX9656,
	.unmigratable = 1,
};

static void plx_instance_init(Object *obj)
{
	PLX9656State *s = PLX9656(obj);

	s->bandwidth = 0;
	s->stall = 0;
	s->ma_mask = 0;
	s->lint = false;
}

static void plx_class_init(ObjectClass *klass, void *data)
{
	DeviceClass *dc = DEVICE_CLASS(klass);
	PCIDeviceClass *k = PCI_DEVICE_CLASS(klass);

	k->realize = plx_realize;
	k->exit = plx_exit;
	k->config_read = plx_config_read;
	k->config_write = plx_config_write;
	k->vendor_id = PLX_VENDOR_ID;
	k->device_id = PLX_DEFAULT_DEVICE_ID;
	k->class_id = PLX_CLASS_OTHER_BRIDGE;
	dc->reset = plx_reset;
	dc->vmsd = &plx_vmstate;
	dc->desc = "PLX PCI 9656/9056 RDK-LITE board (emulated)";
	set_bit(DEVICE_CATEGORY_MISC, dc->categories);
	device_class_set_props(dc, plx_properties);

	object_class_property_add(klass, "bandwidth", "uint64",
				  plx_get_bandwidth, plx_set_bandwidth,
				  NULL, NULL);
	object_class_property_set_description(klass, "bandwidth",
		"modelled PCI bus bandwidth in bytes/s (0 = chip default)");
	object_class_property_add(klass, "stall", "uint32",
				  plx_get_mask, plx_set_mask, NULL,
				  (void *)&plx_stall_prop);
	object_class_property_set_description(klass, "stall",
		"DMA channel mask that never completes (bit 0 = ch0, bit 1 = ch1)");
	object_class_property_add_bool(klass, "master-abort",
				       plx_get_master_abort,
				       plx_set_master_abort);
	object_class_property_set_description(klass, "master-abort",
		"every DMA access of both channels master-aborts");
	object_class_property_add(klass, "master-abort-mask", "uint32",
				  plx_get_mask, plx_set_mask, NULL,
				  (void *)&plx_ma_mask_prop);
	object_class_property_set_description(klass, "master-abort-mask",
		"DMA channel mask whose accesses master-abort (bit 0 = ch0, bit 1 = ch1)");
	object_class_property_add_bool(klass, "lint", plx_get_lint,
				       plx_set_lint);
	object_class_property_set_description(klass, "lint",
		"level of the local interrupt input LINTi#");
}

static const TypeInfo plx_info = {
	.name = TYPE_PLX9656,
	.parent = TYPE_PCI_DEVICE,
	.instance_size = sizeof(PLX9656State),
	.instance_init = plx_instance_init,
	.class_init = plx_class_init,
	.interfaces = (InterfaceInfo[]) {
		{ INTERFACE_CONVENTIONAL_PCI_DEVICE },
		{ },
	},
};

static void plx_register_types(void)
{
	type_register_static(&plx_info);
}

type_init(plx_register_types)
