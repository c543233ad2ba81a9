/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * QTest testcase for the emulated PLX PCI 9656 / 9056 RDK-LITE board
 * (-device plx9656, emu/qemu/plx9656-pci.c around the portable model in
 * emu/model/), driven from the host through libqos PCI on the pc machine:
 * no guest kernel runs. emu/qemu/build-qemu.sh copies this file into the
 * cached QEMU tree (tests/qtest/) and builds it there; emu/qtest/run.sh
 * (`make qtest`) runs it with QTEST_QEMU_BINARY set.
 *
 * What it proves is the QEMU wiring of the model: PCI identity and BARs
 * as the PCI core presents them, register access widths and byte lanes
 * through BAR0 and the BAR1 I/O alias, the SRAM windows BAR2/BAR3, DMA
 * through pci_dma_read/write on both channels (block and chained, the
 * descriptors in guest memory and in SRAM), completion on the virtual
 * clock, INTA# through the PIIX3 to the I/O APIC, the run-time QOM
 * properties (stall, master abort, LINTi#), soft/PCI/D3hot resets, and a
 * hostile guest's random writes and garbage chains (after which the board
 * must still work). The register table itself is checked against the
 * portable model by emu/tests/test_conformance.c; the expected values
 * here are the data book's (PLX 9656BA / 9056BA data books, see
 * doc/silicon.md), not read from the model.
 *
 * Register names come from the model side's one register map
 * (emu/model/plx9656_regs.h, synced to hw/misc/plx9656/model/).
 */

#include "qemu/osdep.h"
#include "qemu/bswap.h"
#include "libqtest.h"
#include "libqos/pci-pc.h"
#include "libqos/malloc-pc.h"
#include "qapi/qmp/qdict.h"
#include "hw/pci/pci_regs.h"
#include "hw/misc/plx9656/model/plx9656_regs.h"

#define PLX_QOM         "/machine/peripheral/plx0"
#define PLX_SLOT        4
#define PLX_GSI         11      /* the PIRQ link of slot 4 INTA# routed here */
#define PIIX3_DEVFN     QPCI_DEVFN(1, 0)
#define PIIX_PIRQRC     0x60    /* PIRQA..D route control, 0x60..0x63 */

#define PLX_HIDR_9656   0x965610b5u
#define PLX_HIDR_9056   0x905610b5u
#define SRAM_WINDOW     0x20000u
#define MS              (1000 * 1000)   /* ns */

typedef struct Plx {
    QTestState *qts;
    QGuestAllocator alloc;
    QPCIBus *bus;
    QPCIDevice *dev;
    QPCIBar bar[4];
    uint64_t bar_size[4];
} Plx;

/* ---- fixture --------------------------------------------------------- */

/*
 * Start QEMU with one board at 04.0 (@devopts appended to its -device
 * option), map BAR0-3, enable I/O, memory and bus mastering, and route its
 * INTA# (PIRQD for slot 4 on the PIIX3) to GSI 11, intercepted at the
 * I/O APIC so qtest_get_irq() sees the line.
 */
static Plx *plx_start(const char *devopts)
{
    Plx *p = g_new0(Plx, 1);
    QPCIDevice *piix;
    int i;

    p->qts = qtest_initf("-machine pc -nodefaults "
                         "-L /usr/share/seabios -L /usr/share/qemu "
                         "-device plx9656,id=plx0,addr=%02x.0%s",
                         PLX_SLOT, devopts ? devopts : "");
    pc_alloc_init(&p->alloc, p->qts, 0);
    p->bus = qpci_new_pc(p->qts, &p->alloc);
    p->dev = qpci_device_find(p->bus, QPCI_DEVFN(PLX_SLOT, 0));
    g_assert_nonnull(p->dev);
    for (i = 0; i < 4; i++) {
        p->bar[i] = qpci_iomap(p->dev, i, &p->bar_size[i]);
    }
    qpci_device_enable(p->dev);

    piix = qpci_device_find(p->bus, PIIX3_DEVFN);
    g_assert_nonnull(piix);
    qpci_config_writeb(piix, PIIX_PIRQRC + ((PLX_SLOT - 1) & 3), PLX_GSI);
    g_free(piix);
    qtest_irq_intercept_in(p->qts, "ioapic");
    return p;
}

static void plx_stop(Plx *p)
{
    g_free(p->dev);
    qpci_free_pc(p->bus);
    alloc_destroy(&p->alloc);
    qtest_quit(p->qts);
    g_free(p);
}

/* ---- register access ------------------------------------------------- */

static uint32_t rd32(Plx *p, uint32_t off)
{
    return qpci_io_readl(p->dev, p->bar[0], off);
}

static uint16_t rd16(Plx *p, uint32_t off)
{
    return qpci_io_readw(p->dev, p->bar[0], off);
}

static uint8_t rd8(Plx *p, uint32_t off)
{
    return qpci_io_readb(p->dev, p->bar[0], off);
}

static void wr32(Plx *p, uint32_t off, uint32_t v)
{
    qpci_io_writel(p->dev, p->bar[0], off, v);
}

static void wr16(Plx *p, uint32_t off, uint16_t v)
{
    qpci_io_writew(p->dev, p->bar[0], off, v);
}

static void wr8(Plx *p, uint32_t off, uint8_t v)
{
    qpci_io_writeb(p->dev, p->bar[0], off, v);
}

static bool inta(Plx *p)
{
    return qtest_get_irq(p->qts, PLX_GSI);
}

static void step(Plx *p, int64_t ns)
{
    qtest_clock_step(p->qts, ns);
}

static bool done(Plx *p, int c)
{
    return rd8(p, PLX_REG_DMACSR(c)) & PLX_DMACSR_DONE;
}

static void qom_set_u32(Plx *p, const char *prop, uint32_t v)
{
    qtest_qmp_assert_success(p->qts,
                             "{ 'execute': 'qom-set', 'arguments': "
                             "{ 'path': %s, 'property': %s, 'value': %u } }",
                             PLX_QOM, prop, v);
}

/* a qom-set that QEMU must refuse with an error */
static void qom_set_u32_fails(Plx *p, const char *prop, uint32_t v)
{
    QDict *r = qtest_qmp(p->qts,
                         "{ 'execute': 'qom-set', 'arguments': "
                         "{ 'path': %s, 'property': %s, 'value': %u } }",
                         PLX_QOM, prop, v);

    g_assert_nonnull(r);
    g_assert_true(qdict_haskey(r, "error"));
    qobject_unref(r);
}

static uint32_t qom_get_u32(Plx *p, const char *prop)
{
    QDict *r = qtest_qmp(p->qts,
                         "{ 'execute': 'qom-get', 'arguments': "
                         "{ 'path': %s, 'property': %s } }",
                         PLX_QOM, prop);
    uint32_t v;

    g_assert_true(qdict_haskey(r, "return"));
    v = qdict_get_int(r, "return");
    qobject_unref(r);
    return v;
}

/* ---- data ------------------------------------------------------------ */

static uint32_t pat(uint32_t seed, uint32_t i)
{
    return seed * 2654435761u + i * 0x01010101u + (i >> 8);
}

static void buf_fill(uint8_t *b, uint32_t len, uint32_t seed)
{
    uint32_t i;

    for (i = 0; i < len; i++) {
        b[i] = (uint8_t)pat(seed, i);
    }
}

static void guest_fill(Plx *p, uint64_t addr, uint32_t len, uint32_t seed)
{
    g_autofree uint8_t *b = g_malloc(len);

    buf_fill(b, len, seed);
    qtest_memwrite(p->qts, addr, b, len);
}

static void guest_check(Plx *p, uint64_t addr, uint32_t len, uint32_t seed)
{
    g_autofree uint8_t *b = g_malloc(len);
    g_autofree uint8_t *want = g_malloc(len);

    qtest_memread(p->qts, addr, b, len);
    buf_fill(want, len, seed);
    g_assert_cmpmem(b, len, want, len);
}

static void guest_check_zero(Plx *p, uint64_t addr, uint32_t len)
{
    g_autofree uint8_t *b = g_malloc(len);
    g_autofree uint8_t *want = g_malloc0(len);

    qtest_memread(p->qts, addr, b, len);
    g_assert_cmpmem(b, len, want, len);
}

/* SRAM through a window (BAR2 or BAR3): bulk accesses via qtest_memwrite */
static void sram_fill(Plx *p, int bar, uint32_t off, uint32_t len,
                      uint32_t seed)
{
    g_autofree uint8_t *b = g_malloc(len);

    buf_fill(b, len, seed);
    qpci_memwrite(p->dev, p->bar[bar], off, b, len);
}

static void sram_check(Plx *p, int bar, uint32_t off, uint32_t len,
                       uint32_t seed)
{
    g_autofree uint8_t *b = g_malloc(len);
    g_autofree uint8_t *want = g_malloc(len);

    qpci_memread(p->dev, p->bar[bar], off, b, len);
    buf_fill(want, len, seed);
    g_assert_cmpmem(b, len, want, len);
}

/* Program and start a block transfer on channel @c. */
static void block_dma(Plx *p, int c, uint64_t pci, uint32_t local,
                      uint32_t len, bool l2p, uint32_t mode_extra)
{
    wr8(p, PLX_REG_DMACSR(c), PLX_DMACSR_CLEARINTR);
    wr32(p, PLX_REG_DMAMODE(c), PLX_DMAMODE_RESET_VALUE | mode_extra);
    wr32(p, PLX_REG_DMAPADR(c), (uint32_t)pci);
    wr32(p, PLX_REG_DMADAC(c), (uint32_t)(pci >> 32));
    wr32(p, PLX_REG_DMALADR(c), local);
    wr32(p, PLX_REG_DMASIZ(c), len);
    wr32(p, PLX_REG_DMADPR(c), l2p ? PLX_DMADPR_XFERL2P : 0);
    wr8(p, PLX_REG_DMACSR(c), PLX_DMACSR_ENABLE | PLX_DMACSR_START);
}

/* Step the virtual clock until channel @c is Done (at most @ms ms). */
static bool wait_done(Plx *p, int c, int ms)
{
    int i;

    for (i = 0; i < ms && !done(p, c); i++) {
        step(p, MS);
    }
    return done(p, c);
}


/*
 * The board still works: the hard-wired ID answers, a soft reset leaves
 * both channels idle with INTCSR at its reset value, the SRAM reads back
 * through both windows, and a block DMA each way and a chain with its
 * descriptors in guest memory move the right data.
 */
static void plx_still_works(Plx *p)
{
    uint64_t a = guest_alloc(&p->alloc, 0x1000);
    uint64_t b = guest_alloc(&p->alloc, 0x1000);
    uint64_t d = guest_alloc(&p->alloc, 0x40);
    int c;

    g_assert_cmphex(rd32(p, PLX_REG_PCIHIDR) & 0xffff, ==, 0x10b5);
    wr32(p, PLX_REG_CNTRL, rd32(p, PLX_REG_CNTRL) | PLX_CNTRL_RESET);
    wr32(p, PLX_REG_CNTRL, rd32(p, PLX_REG_CNTRL) & ~PLX_CNTRL_RESET);
    qpci_config_writew(p->dev, PCI_STATUS, PLX_STATUS_ABORTS);
    qpci_device_enable(p->dev);
    for (c = 0; c < 2; c++) {
        g_assert_true(done(p, c));
    }
    g_assert_cmphex(rd32(p, PLX_REG_INTCSR), ==, 0x0f010100);
    g_assert_cmphex(rd32(p, PLX_REG_DMAMODE0), ==, 0x83);
    g_assert_cmphex(rd32(p, PLX_REG_DMAMODE1), ==, 0x83);

    sram_fill(p, 2, 0, SRAM_WINDOW, 77);
    sram_check(p, 3, 0, SRAM_WINDOW, 77);

    /* local -> PCI on channel 0, PCI -> local on channel 1 */
    sram_fill(p, 2, 0x1000, 0x1000, 78);
    qtest_memset(p->qts, a, 0, 0x1000);
    block_dma(p, 0, a, 0x1000, 0x1000, true, 0);
    g_assert_true(wait_done(p, 0, 100));
    guest_check(p, a, 0x1000, 78);
    guest_fill(p, b, 0x1000, 79);
    block_dma(p, 1, b, 0x8000, 0x1000, false, 0);
    g_assert_true(wait_done(p, 1, 100));
    sram_check(p, 2, 0x8000, 0x1000, 79);

    /* a one-descriptor chain, descriptor in guest memory */
    sram_fill(p, 2, 0x3000, 0x200, 80);
    qtest_memset(p->qts, a, 0, 0x1000);
    qtest_writel(p->qts, d + PLX_DESC_PADR, (uint32_t)a);
    qtest_writel(p->qts, d + PLX_DESC_LADR, 0x3000);
    qtest_writel(p->qts, d + PLX_DESC_SIZ, 0x200);
    qtest_writel(p->qts, d + PLX_DESC_DPR, PLX_DMADPR_DESCPCI |
                 PLX_DMADPR_CHAINEND | PLX_DMADPR_XFERL2P);
    wr8(p, PLX_REG_DMACSR0, PLX_DMACSR_CLEARINTR);
    wr32(p, PLX_REG_DMAMODE0, 0x83 | PLX_DMAMODE_CHAINEN);
    wr32(p, PLX_REG_DMADAC0, 0);
    wr32(p, PLX_REG_DMADPR0, (uint32_t)d | PLX_DMADPR_DESCPCI);
    wr8(p, PLX_REG_DMACSR0, PLX_DMACSR_ENABLE | PLX_DMACSR_START);
    g_assert_true(wait_done(p, 0, 100));
    guest_check(p, a, 0x200, 80);
    g_assert_cmphex(qpci_config_readw(p->dev, PCI_STATUS) &
                    PLX_STATUS_ABORTS, ==, 0);

    guest_free(&p->alloc, a);
    guest_free(&p->alloc, b);
    guest_free(&p->alloc, d);
}

/* ---- PCI identity ----------------------------------------------------- */

typedef struct IdCase {
    const char *name;
    const char *devopts;
    uint16_t device;
    uint16_t subvendor;
    uint16_t subdevice;
    int revision;               /* -1: not checked */
    uint32_t hidr;
    uint8_t hrev;
} IdCase;

static const IdCase id_cases[] = {
    { "9656-rdk-lite", "", 0x9601, 0x10b5, 0x9601, 0xba,
      PLX_HIDR_9656, 0xba },
    { "9056-rdk-lite", ",device-id=0x5601", 0x5601, 0x10b5, 0x5601, 0xba,
      PLX_HIDR_9056, 0xaa },
    { "9656-properties", ",subsystem-vendor-id=0x1234,subsystem-id=0x5678,"
      "revision=0x03,chip-revision=0xab", 0x9601, 0x1234, 0x5678, 0x03,
      PLX_HIDR_9656, 0xab },
    /* an erased EEPROM: the chip loads its own IDs, subsystem 0 */
    { "blank-eeprom", ",eeprom=blank", 0x9656, 0, 0, -1,
      PLX_HIDR_9656, 0xba },
};

static void test_identity(const void *data)
{
    const IdCase *t = data;
    Plx *p = plx_start(t->devopts);
    QPCIDevice *d = p->dev;

    g_assert_cmphex(qpci_config_readw(d, PCI_VENDOR_ID), ==, 0x10b5);
    g_assert_cmphex(qpci_config_readw(d, PCI_DEVICE_ID), ==, t->device);
    /* class 0x068000: other bridge */
    g_assert_cmphex(qpci_config_readl(d, PCI_CLASS_REVISION) >> 8, ==,
                    0x068000);
    if (t->revision >= 0) {
        g_assert_cmphex(qpci_config_readb(d, PCI_REVISION_ID), ==,
                        t->revision);
    }
    g_assert_cmphex(qpci_config_readb(d, PCI_HEADER_TYPE), ==, 0);
    g_assert_cmphex(qpci_config_readw(d, PCI_SUBSYSTEM_VENDOR_ID), ==,
                    t->subvendor);
    g_assert_cmphex(qpci_config_readw(d, PCI_SUBSYSTEM_ID), ==,
                    t->subdevice);
    g_assert_cmphex(qpci_config_readb(d, PCI_INTERRUPT_PIN), ==, 1);
    /* capability list PM 0x40 -> hot swap 0x48 -> VPD 0x4c -> end */
    g_assert_cmphex(qpci_config_readw(d, PCI_STATUS) & PCI_STATUS_CAP_LIST,
                    ==, PCI_STATUS_CAP_LIST);
    /* PCI 2.2: no interrupt-status bit; in D0 after reset */
    g_assert_cmphex(qpci_config_readw(d, PCI_STATUS) & PCI_STATUS_INTERRUPT,
                    ==, 0);
    g_assert_cmphex(qpci_config_readw(d, PLX_CFG_PMCSR) & PLX_PMCSR_STATE,
                    ==, 0);
    g_assert_cmphex(qpci_config_readb(d, PCI_CAPABILITY_LIST), ==, 0x40);
    g_assert_cmphex(qpci_config_readw(d, 0x40), ==, 0x4801);
    g_assert_cmphex(qpci_config_readw(d, 0x48), ==, 0x4c06);
    g_assert_cmphex(qpci_config_readw(d, 0x4c), ==, 0x0003);
    g_assert_cmphex(qpci_find_capability(d, PCI_CAP_ID_VPD, 0), ==, 0x4c);
    /* no MSI on this chip */
    g_assert_cmphex(qpci_find_capability(d, PCI_CAP_ID_MSI, 0), ==, 0);
    /* the hard-wired chip ID and revision, through BAR0 and BAR1 */
    g_assert_cmphex(rd32(p, PLX_REG_PCIHIDR), ==, t->hidr);
    g_assert_cmphex(qpci_io_readl(d, p->bar[1], PLX_REG_PCIHIDR), ==,
                    t->hidr);
    g_assert_cmphex(rd32(p, PLX_REG_PCIHREV) & 0xff, ==, t->hrev);
    plx_stop(p);
}

/* ---- BARs -------------------------------------------------------------- */

static uint32_t bar_probe(QPCIDevice *d, int bar)
{
    uint8_t reg = PCI_BASE_ADDRESS_0 + 4 * bar;
    uint32_t old = qpci_config_readl(d, reg), v;

    qpci_config_writel(d, reg, 0xffffffff);
    v = qpci_config_readl(d, reg);
    qpci_config_writel(d, reg, old);
    return v;
}

static void test_bars(void)
{
    Plx *p = plx_start(NULL);
    QPCIDevice *d = p->dev;

    /* 32-bit non-prefetchable memory, 0x200 */
    g_assert_cmphex(bar_probe(d, 0), ==, 0xfffffe00);
    /* I/O, 0x100 */
    g_assert_cmphex(bar_probe(d, 1), ==, 0xffffff01);
    /* 32-bit non-prefetchable memory, 128 KiB each */
    g_assert_cmphex(bar_probe(d, 2), ==, 0xfffe0000);
    g_assert_cmphex(bar_probe(d, 3), ==, 0xfffe0000);
    g_assert_cmphex(bar_probe(d, 4), ==, 0);
    g_assert_cmphex(bar_probe(d, 5), ==, 0);
    g_assert_cmphex(p->bar_size[0], ==, 0x200);
    g_assert_cmphex(p->bar_size[1], ==, 0x100);
    g_assert_cmphex(p->bar_size[2], ==, SRAM_WINDOW);
    g_assert_cmphex(p->bar_size[3], ==, SRAM_WINDOW);
    /* the BARs still decode after the probes */
    g_assert_cmphex(rd32(p, PLX_REG_PCIHIDR), ==, PLX_HIDR_9656);
    plx_stop(p);
}

/* ---- register access ---------------------------------------------------- */

static void test_reset_values(void)
{
    Plx *p = plx_start(NULL);

    /*
     * 27:24 are active-low abort flags (1 = no abort); PCI interrupt
     * enable (8) and local interrupt output enable (16) reset to 1
     */
    g_assert_cmphex(rd32(p, PLX_REG_INTCSR), ==, 0x0f010100);
    /* reset value 0x000D767E, plus bit 28: an EEPROM is fitted */
    g_assert_cmphex(rd32(p, PLX_REG_CNTRL), ==, 0x100d767e);
    g_assert_cmphex(rd32(p, PLX_REG_DMAMODE0), ==, 0x00000083);
    g_assert_cmphex(rd32(p, PLX_REG_DMAMODE1), ==, 0x00000083);
    /* DMACSR0/1: two byte registers, both idle (Done) */
    g_assert_cmphex(rd16(p, PLX_REG_DMACSR0), ==, 0x1010);
    g_assert_cmphex(rd32(p, PLX_REG_DMADPR0), ==, 0);
    g_assert_cmphex(rd32(p, PLX_REG_DMASIZ1), ==, 0);
    g_assert_false(inta(p));
    plx_stop(p);

    p = plx_start(",eeprom=none");
    g_assert_cmphex(rd32(p, PLX_REG_CNTRL) & PLX_CNTRL_EEPRESENT, ==, 0);
    g_assert_cmphex(rd32(p, PLX_REG_PCIHIDR), ==, PLX_HIDR_9656);
    plx_stop(p);
}

static void test_access_widths(void)
{
    Plx *p = plx_start(NULL);
    QPCIDevice *d = p->dev;

    /* byte lanes: little-endian, every width */
    wr32(p, PLX_REG_MBOX2, 0x11223344);
    g_assert_cmphex(rd8(p, PLX_REG_MBOX2), ==, 0x44);
    g_assert_cmphex(rd8(p, PLX_REG_MBOX2 + 3), ==, 0x11);
    g_assert_cmphex(rd16(p, PLX_REG_MBOX2), ==, 0x3344);
    g_assert_cmphex(rd16(p, PLX_REG_MBOX2 + 2), ==, 0x1122);
    wr8(p, PLX_REG_MBOX2 + 1, 0xaa);
    g_assert_cmphex(rd32(p, PLX_REG_MBOX2), ==, 0x1122aa44);
    wr16(p, PLX_REG_MBOX2 + 2, 0xbeef);
    g_assert_cmphex(rd32(p, PLX_REG_MBOX2), ==, 0xbeefaa44);
    /* an unaligned dword reaches the model across two registers */
    wr32(p, PLX_REG_MBOX2 + 4, 0x55667788);
    g_assert_cmphex(rd32(p, PLX_REG_MBOX2 + 2), ==, 0x7788beef);
    wr32(p, PLX_REG_MBOX2 + 1, 0x01020304);
    g_assert_cmphex(rd32(p, PLX_REG_MBOX2), ==, 0x02030444);
    g_assert_cmphex(rd32(p, PLX_REG_MBOX2 + 4), ==, 0x55667701);

    /* BAR1: the I/O alias of the first 0x100 bytes */
    g_assert_cmphex(qpci_io_readl(d, p->bar[1], PLX_REG_MBOX2), ==,
                    0x02030444);
    qpci_io_writel(d, p->bar[1], PLX_REG_MBOX2 + 8, 0xcafef00d);
    g_assert_cmphex(rd32(p, PLX_REG_MBOX2 + 8), ==, 0xcafef00d);
    qpci_io_writeb(d, p->bar[1], PLX_REG_MBOX2 + 8, 0x5a);
    qpci_io_writew(d, p->bar[1], PLX_REG_MBOX2 + 10, 0x1234);
    g_assert_cmphex(rd32(p, PLX_REG_MBOX2 + 8), ==, 0x1234f05a);
    g_assert_cmphex(qpci_io_readw(d, p->bar[1], PLX_REG_MBOX2 + 9), ==,
                    0x34f0);

    /* read-only: the hard-wired ID; INTCSR 27:24 and the stored bits */
    wr32(p, PLX_REG_PCIHIDR, 0);
    g_assert_cmphex(rd32(p, PLX_REG_PCIHIDR), ==, PLX_HIDR_9656);
    wr32(p, PLX_REG_INTCSR, 0);
    g_assert_cmphex(rd32(p, PLX_REG_INTCSR), ==, 0x0f000000);
    wr32(p, PLX_REG_INTCSR, 0xffffffff & ~PLX_INTCSR_PIEN);
    g_assert_cmphex(rd32(p, PLX_REG_INTCSR) & 0x0f0f1f5f, ==,
                    0x0f0f1e5f);
    wr32(p, PLX_REG_INTCSR, 0x0f010100);

    /* DMACSR: byte registers side by side */
    wr8(p, PLX_REG_DMACSR1, PLX_DMACSR_ENABLE);
    g_assert_cmphex(rd16(p, PLX_REG_DMACSR0), ==, 0x1110);
    wr16(p, PLX_REG_DMACSR0, 0x0001);
    g_assert_cmphex(rd16(p, PLX_REG_DMACSR0), ==, 0x1011);
    g_assert_false(inta(p));
    plx_stop(p);
}

static void test_sram_windows(void)
{
    Plx *p = plx_start(NULL);
    QPCIDevice *d = p->dev;

    /* every width, both windows on the same SRAM */
    qpci_io_writeq(d, p->bar[2], 0x100, 0x0123456789abcdefull);
    g_assert_cmphex(qpci_io_readq(d, p->bar[3], 0x100), ==,
                    0x0123456789abcdefull);
    g_assert_cmphex(qpci_io_readl(d, p->bar[3], 0x104), ==, 0x01234567);
    g_assert_cmphex(qpci_io_readw(d, p->bar[2], 0x102), ==, 0x89ab);
    g_assert_cmphex(qpci_io_readb(d, p->bar[3], 0x107), ==, 0x01);
    qpci_io_writeb(d, p->bar[3], 0x101, 0x5a);
    qpci_io_writew(d, p->bar[3], 0x106, 0xa55a);
    g_assert_cmphex(qpci_io_readq(d, p->bar[2], 0x100), ==,
                    0xa55a456789ab5aefull);
    /* the last bytes of the window */
    qpci_io_writeq(d, p->bar[3], SRAM_WINDOW - 8, 0xfeedfacef00dbeefull);
    g_assert_cmphex(qpci_io_readl(d, p->bar[2], SRAM_WINDOW - 4), ==,
                    0xfeedface);
    /* 128 KiB written through BAR2 read back through BAR3, and back */
    sram_fill(p, 2, 0, SRAM_WINDOW, 5);
    sram_check(p, 3, 0, SRAM_WINDOW, 5);
    sram_fill(p, 3, 0x4000, 0x1000, 6);
    sram_check(p, 2, 0x4000, 0x1000, 6);
    plx_stop(p);

    /* a smaller SRAM: the 128 KiB windows wrap onto it */
    p = plx_start(",sram-size=0x10000");
    d = p->dev;
    g_assert_cmphex(p->bar_size[2], ==, SRAM_WINDOW);
    qpci_io_writel(d, p->bar[2], 0x10010, 0x600df00d);
    g_assert_cmphex(qpci_io_readl(d, p->bar[3], 0x10), ==, 0x600df00d);
    plx_stop(p);
}

/* ---- DMA ---------------------------------------------------------------- */

typedef struct DmaCase {
    const char *name;
    int ch;
    bool l2p;           /* block: direction; chain: descriptors in SRAM */
    bool dac;           /* chain: 32-byte descriptors (DMAMODE 18) */
} DmaCase;

static const DmaCase block_cases[] = {
    { "ch0/local-to-pci", 0, true, false },
    { "ch0/pci-to-local", 0, false, false },
    { "ch1/local-to-pci", 1, true, false },
    { "ch1/pci-to-local", 1, false, false },
};

/*
 * A block transfer with Done interrupt routed to INTA#: nothing moves
 * before the virtual clock advances, then Done, the data (an odd length,
 * the bytes around it untouched), INTCSR channel interrupt, INTA#; DMACSR
 * Clear drops them. The other channel stays idle.
 */
static void test_dma_block(const void *data)
{
    const DmaCase *t = data;
    Plx *p = plx_start(NULL);
    const uint32_t len = 0x1001, local = 0x2000 + 0x3000 * t->ch;
    uint64_t buf = guest_alloc(&p->alloc, len + 32);
    int c = t->ch, o = !c;

    wr32(p, PLX_REG_INTCSR, PLX_INTCSR_PIEN | PLX_INTCSR_LIOEN |
         PLX_INTCSR_DMAIEN(c));
    qtest_memset(p->qts, buf, 0xee, len + 32);
    if (t->l2p) {
        sram_fill(p, 2, local, len, 40 + c);
    } else {
        guest_fill(p, buf + 16, len, 50 + c);
        sram_fill(p, 2, local - 16, len + 32, 0);
        qpci_io_writel(p->dev, p->bar[2], local + len, 0xeeeeeeee);
    }
    block_dma(p, c, buf + 16, local, len, t->l2p,
              PLX_DMAMODE_DONEIEN | PLX_DMAMODE_INTRPCI);
    g_assert_false(done(p, c));
    g_assert_false(inta(p));
    g_assert_true(wait_done(p, c, 100));
    g_assert_true(inta(p));
    g_assert_cmphex(rd32(p, PLX_REG_INTCSR) &
                    (PLX_INTCSR_DMA0IA | PLX_INTCSR_DMA1IA), ==,
                    PLX_INTCSR_DMAIA(c));
    g_assert_true(done(p, o));
    if (t->l2p) {
        guest_check(p, buf + 16, len, 40 + c);
        g_assert_cmphex(qtest_readb(p->qts, buf + 15), ==, 0xee);
        g_assert_cmphex(qtest_readb(p->qts, buf + 16 + len), ==, 0xee);
    } else {
        sram_check(p, 2, local, len, 50 + c);
        g_assert_cmphex(qpci_io_readb(p->dev, p->bar[2], local + len), ==,
                        0xee);
    }
    wr8(p, PLX_REG_DMACSR(c), PLX_DMACSR_CLEARINTR);
    g_assert_cmphex(rd32(p, PLX_REG_INTCSR) & PLX_INTCSR_DMAIA(c), ==, 0);
    g_assert_false(inta(p));

    /* without INTCSR PCI interrupt enable, Done does not reach INTA# */
    wr32(p, PLX_REG_INTCSR, PLX_INTCSR_LIOEN | PLX_INTCSR_DMAIEN(c));
    block_dma(p, c, buf + 16, local, 64, t->l2p,
              PLX_DMAMODE_DONEIEN | PLX_DMAMODE_INTRPCI);
    g_assert_true(wait_done(p, c, 100));
    g_assert_cmphex(rd32(p, PLX_REG_INTCSR) & PLX_INTCSR_DMAIA(c), ==,
                    PLX_INTCSR_DMAIA(c));
    g_assert_false(inta(p));
    wr32(p, PLX_REG_INTCSR, PLX_INTCSR_PIEN | PLX_INTCSR_LIOEN |
         PLX_INTCSR_DMAIEN(c));
    g_assert_true(inta(p));
    wr8(p, PLX_REG_DMACSR(c), PLX_DMACSR_CLEARINTR);
    g_assert_false(inta(p));
    plx_stop(p);
}

static const DmaCase chain_cases[] = {
    { "ch0/descriptors-in-pci", 0, false, false },
    { "ch1/descriptors-in-pci", 1, false, false },
    { "ch0/descriptors-in-sram", 0, true, false },
    { "ch1/descriptors-in-sram", 1, true, false },
    { "ch0/dac-descriptors-in-pci", 0, false, true },
    { "ch1/dac-descriptors-in-pci", 1, false, true },
};

/* write one descriptor (16 or 32 bytes) to guest memory or SRAM */
static void put_desc(Plx *p, bool in_sram, uint64_t at, bool dac,
                     uint32_t padr, uint32_t ladr, uint32_t siz, uint32_t dpr)
{
    uint32_t w[8] = { padr, ladr, siz, dpr, 0, 0, 0, 0 };
    uint32_t n = dac ? 8 : 4, i;

    for (i = 0; i < n; i++) {
        if (in_sram) {
            qpci_io_writel(p->dev, p->bar[2], at + 4 * i, w[i]);
        } else {
            qtest_writel(p->qts, at + 4 * i, w[i]);
        }
    }
}

static uint32_t get_desc_siz(Plx *p, bool in_sram, uint64_t at)
{
    return in_sram ? qpci_io_readl(p->dev, p->bar[2], at + PLX_DESC_SIZ) :
                     qtest_readl(p->qts, at + PLX_DESC_SIZ);
}

/*
 * A three-descriptor chain, both directions in one chain (local -> PCI,
 * PCI -> local, local -> PCI at an odd address), clear-count mode: Done
 * and INTA# at the end, the data, each descriptor's count written back 0.
 */
static void test_dma_chain(const void *data)
{
    const DmaCase *t = data;
    Plx *p = plx_start(NULL);
    int c = t->ch;
    bool sram = t->l2p;
    uint32_t dsz = t->dac ? PLX_DESC_SIZE_DAC : PLX_DESC_SIZE;
    uint64_t a = guest_alloc(&p->alloc, 0x1000);
    uint64_t b = guest_alloc(&p->alloc, 0x1000);
    uint64_t cc = guest_alloc(&p->alloc, 0x1000);
    uint64_t dg = guest_alloc(&p->alloc, 0x100);
    uint64_t d0 = sram ? 0x10000 : dg;
    uint32_t loc = sram ? 0 : PLX_DMADPR_DESCPCI;
    uint32_t mode = PLX_DMAMODE_CHAINEN | PLX_DMAMODE_CLRCOUNT |
                    PLX_DMAMODE_DONEIEN | PLX_DMAMODE_INTRPCI |
                    (t->dac ? PLX_DMAMODE_DACCHAIN : 0);

    wr32(p, PLX_REG_INTCSR, PLX_INTCSR_PIEN | PLX_INTCSR_LIOEN |
         PLX_INTCSR_DMAIEN(c));
    qtest_memset(p->qts, a, 0, 0x1000);
    qtest_memset(p->qts, cc, 0, 0x1000);
    sram_fill(p, 2, 0x1000, 0x800, 61);
    guest_fill(p, b, 0x403, 62);
    sram_fill(p, 2, 0x3000, 0x200, 63);

    put_desc(p, sram, d0, t->dac, (uint32_t)a, 0x1000, 0x800,
             (uint32_t)(d0 + dsz) | loc | PLX_DMADPR_XFERL2P);
    put_desc(p, sram, d0 + dsz, t->dac, (uint32_t)b, 0x8000, 0x403,
             (uint32_t)(d0 + 2 * dsz) | loc);
    put_desc(p, sram, d0 + 2 * dsz, t->dac, (uint32_t)cc + 5, 0x3000, 0x200,
             loc | PLX_DMADPR_CHAINEND | PLX_DMADPR_XFERL2P);

    wr8(p, PLX_REG_DMACSR(c), PLX_DMACSR_CLEARINTR);
    wr32(p, PLX_REG_DMAMODE(c), 0x83 | mode);
    wr32(p, PLX_REG_DMADAC(c), 0);
    wr32(p, PLX_REG_DMADPR(c), (uint32_t)d0 | loc);
    wr8(p, PLX_REG_DMACSR(c), PLX_DMACSR_ENABLE | PLX_DMACSR_START);
    g_assert_false(done(p, c));
    g_assert_true(wait_done(p, c, 100));
    g_assert_true(inta(p));
    g_assert_true(done(p, !c));

    guest_check(p, a, 0x800, 61);
    sram_check(p, 2, 0x8000, 0x403, 62);
    guest_check(p, cc + 5, 0x200, 63);
    g_assert_cmphex(qtest_readb(p->qts, cc + 4), ==, 0);
    g_assert_cmphex(qtest_readb(p->qts, cc + 5 + 0x200), ==, 0);
    g_assert_cmphex(get_desc_siz(p, sram, d0), ==, 0);
    g_assert_cmphex(get_desc_siz(p, sram, d0 + dsz), ==, 0);
    g_assert_cmphex(get_desc_siz(p, sram, d0 + 2 * dsz), ==, 0);
    g_assert_cmphex(qpci_config_readw(p->dev, PCI_STATUS) &
                    PLX_STATUS_ABORTS, ==, 0);
    wr8(p, PLX_REG_DMACSR(c), PLX_DMACSR_CLEARINTR);
    g_assert_false(inta(p));
    plx_stop(p);
}

/*
 * The bus costs besides the data, with their documented defaults (the
 * device's property list; PCI Local Bus Specification figures at 66 MHz,
 * see "Timing" in emu/model/plx9656.c): a 30 ns arbitration gap (idle +
 * address phase) before every burst, a 120 ns target initial latency on
 * each descriptor read from PCI memory, and data phases of 8 bytes on a
 * 9656 (4 on a 9056) for descriptors and count write-backs.
 */
#define QT_GAP          30
#define QT_LAT          120

/*
 * Completion on QEMU's virtual clock at the modelled bus bandwidth: the
 * bandwidth property at realize and at run time (qom-set), and the chip
 * defaults (528 MB/s for a 9656, 264 MB/s for a 9056; see the device's
 * property list). A 4 KiB block takes the gap + ceil(4096 s / bandwidth).
 */
static void check_bus_time(Plx *p, int c, uint64_t buf, int64_t ns)
{
    sram_fill(p, 2, 0, 0x1000, 97 + c);
    block_dma(p, c, buf, 0, 0x1000, true, 0);
    step(p, ns - 1);
    g_assert_false(done(p, c));
    step(p, 1);
    g_assert_true(done(p, c));
    guest_check(p, buf, 0x1000, 97 + c);
}

static void test_dma_timing(void)
{
    Plx *p = plx_start(",bandwidth=1000000");
    uint64_t a = guest_alloc(&p->alloc, 0x1000);

    check_bus_time(p, 0, a, QT_GAP + 4096000);
    check_bus_time(p, 1, a, QT_GAP + 4096000);
    qom_set_u32(p, "bandwidth", 2000000);
    check_bus_time(p, 0, a, QT_GAP + 2048000);
    qom_set_u32(p, "bandwidth", 0);      /* back to the chip's default */
    check_bus_time(p, 1, a, QT_GAP +
                   (4096000000000ull + 527999999) / 528000000);
    plx_stop(p);

    p = plx_start(",device-id=0x5601");
    a = guest_alloc(&p->alloc, 0x1000);
    check_bus_time(p, 0, a, QT_GAP +
                   (4096000000000ull + 263999999) / 264000000);
    plx_stop(p);
}

/* The arbitration gap: charged by default, arb-gap-ns=0 removes it. */
static void test_cost_gap(void)
{
    Plx *p = plx_start(",bandwidth=1000000");
    uint64_t a = guest_alloc(&p->alloc, 0x1000);

    check_bus_time(p, 0, a, QT_GAP + 4096000);
    check_bus_time(p, 1, a, QT_GAP + 4096000);
    plx_stop(p);
    p = plx_start(",bandwidth=1000000,arb-gap-ns=0");
    a = guest_alloc(&p->alloc, 0x1000);
    check_bus_time(p, 0, a, 4096000);
    plx_stop(p);
}

/*
 * A one-descriptor chain (descriptor in guest memory, 4 KiB PCI -> local
 * on channel 0) completes at exactly @ns after Start, not a ns earlier;
 * with ClearCountMode (@clr) the count is written back 0 at that moment.
 */
static void check_chain_time(Plx *p, bool clr, int64_t ns)
{
    uint64_t a = guest_alloc(&p->alloc, 0x1000);
    uint64_t d = guest_alloc(&p->alloc, 0x40);

    guest_fill(p, a, 0x1000, 111);
    put_desc(p, false, d, false, (uint32_t)a, 0x2000, 0x1000,
             PLX_DMADPR_DESCPCI | PLX_DMADPR_CHAINEND);
    wr8(p, PLX_REG_DMACSR0, PLX_DMACSR_CLEARINTR);
    wr32(p, PLX_REG_DMAMODE0, 0x83 | PLX_DMAMODE_CHAINEN |
         (clr ? PLX_DMAMODE_CLRCOUNT : 0));
    wr32(p, PLX_REG_DMADAC0, 0);
    wr32(p, PLX_REG_DMADPR0, (uint32_t)d | PLX_DMADPR_DESCPCI);
    wr8(p, PLX_REG_DMACSR0, PLX_DMACSR_ENABLE | PLX_DMACSR_START);
    step(p, ns - 1);
    g_assert_false(done(p, 0));
    g_assert_cmphex(get_desc_siz(p, false, d), ==, 0x1000);
    step(p, 1);
    g_assert_true(done(p, 0));
    g_assert_cmphex(get_desc_siz(p, false, d), ==, clr ? 0 : 0x1000);
    sram_check(p, 2, 0x2000, 0x1000, 111);
}

/* A descriptor read from PCI memory: gap + target latency + two 64-bit
 * data phases (16 bytes at 1 MB/s = 16 us); target-latency-ns and
 * desc-costs switch it off. */
static void test_cost_desc_fetch(void)
{
    Plx *p = plx_start(",bandwidth=1000000");

    check_chain_time(p, false, QT_GAP + QT_LAT + 16000 + QT_GAP + 4096000);
    plx_stop(p);
    p = plx_start(",bandwidth=1000000,target-latency-ns=0");
    check_chain_time(p, false, QT_GAP + 16000 + QT_GAP + 4096000);
    plx_stop(p);
    p = plx_start(",bandwidth=1000000,desc-costs=off");
    check_chain_time(p, false, QT_GAP + 4096000);
    plx_stop(p);
}

/* The clear-count write-back: a posted 4-byte write, gap + one 64-bit
 * data phase (8 bytes at 1 MB/s = 8 us), no target latency. */
static void test_cost_clear_count(void)
{
    Plx *p = plx_start(",bandwidth=1000000");

    check_chain_time(p, true, QT_GAP + QT_LAT + 16000 + QT_GAP + 4096000 +
                     QT_GAP + 8000);
    plx_stop(p);
    p = plx_start(",bandwidth=1000000,desc-costs=off");
    check_chain_time(p, true, QT_GAP + 4096000);
    plx_stop(p);
}

/*
 * DMACSR Enable cleared while a channel runs pauses it (Done stays 0),
 * set again it resumes; Abort (written with Enable clear) ends a
 * transfer with Done and moves nothing more.
 */
static void test_dma_pause_abort(void)
{
    Plx *p = plx_start(",bandwidth=1000000");   /* 4 KiB = 4.096 ms */
    uint64_t a = guest_alloc(&p->alloc, 0x1000);

    qtest_memset(p->qts, a, 0, 0x1000);
    sram_fill(p, 2, 0, 0x1000, 98);
    block_dma(p, 0, a, 0, 0x1000, true, 0);
    step(p, MS);
    wr8(p, PLX_REG_DMACSR0, 0);                 /* pause */
    step(p, 20 * MS);
    g_assert_false(done(p, 0));
    g_assert_cmphex(rd8(p, PLX_REG_DMACSR0), ==, 0);
    guest_check_zero(p, a, 0x1000);
    wr8(p, PLX_REG_DMACSR0, PLX_DMACSR_ENABLE);  /* resume */
    g_assert_true(wait_done(p, 0, 10));
    guest_check(p, a, 0x1000, 98);

    qtest_memset(p->qts, a, 0, 0x1000);
    block_dma(p, 1, a, 0, 0x1000, true, 0);
    step(p, MS);
    wr8(p, PLX_REG_DMACSR1, 0);
    wr8(p, PLX_REG_DMACSR1, PLX_DMACSR_ABORT);
    g_assert_true(done(p, 1));
    step(p, 20 * MS);
    guest_check_zero(p, a, 0x1000);
    /* and the channel starts again */
    block_dma(p, 1, a, 0, 0x1000, true, 0);
    g_assert_true(wait_done(p, 1, 10));
    guest_check(p, a, 0x1000, 98);
    plx_stop(p);
}

/* ---- interrupts from the local side ------------------------------------- */

static void test_lint(void)
{
    Plx *p = plx_start(NULL);

    wr32(p, PLX_REG_INTCSR, PLX_INTCSR_PIEN | PLX_INTCSR_LIOEN |
         PLX_INTCSR_PLIEN);
    g_assert_false(inta(p));
    qtest_qom_set_bool(p->qts, PLX_QOM, "lint", true);
    g_assert_true(qtest_qom_get_bool(p->qts, PLX_QOM, "lint"));
    g_assert_cmphex(rd32(p, PLX_REG_INTCSR) & PLX_INTCSR_PLIA, ==,
                    PLX_INTCSR_PLIA);
    g_assert_true(inta(p));
    /* INTCSR 11 (local input enable) gates it */
    wr32(p, PLX_REG_INTCSR, PLX_INTCSR_PIEN | PLX_INTCSR_LIOEN);
    g_assert_false(inta(p));
    wr32(p, PLX_REG_INTCSR, PLX_INTCSR_PIEN | PLX_INTCSR_LIOEN |
         PLX_INTCSR_PLIEN);
    g_assert_true(inta(p));
    qtest_qom_set_bool(p->qts, PLX_QOM, "lint", false);
    g_assert_cmphex(rd32(p, PLX_REG_INTCSR) & PLX_INTCSR_PLIA, ==, 0);
    g_assert_false(inta(p));
    plx_stop(p);
}

/* ---- faults through the QOM properties ----------------------------------- */

static void test_qom_rejects(void)
{
    Plx *p = plx_start(NULL);
    QDict *r;

    qom_set_u32_fails(p, "master-abort-mask", 4);
    qom_set_u32_fails(p, "stall", 4);
    r = qtest_qmp(p->qts, "{ 'execute': 'qom-set', 'arguments': "
                  "{ 'path': %s, 'property': 'no-such-prop', 'value': 1 } }",
                  PLX_QOM);
    g_assert_true(qdict_haskey(r, "error"));
    qobject_unref(r);
    g_assert_cmpuint(qom_get_u32(p, "master-abort-mask"), ==, 0);
    g_assert_cmpuint(qom_get_u32(p, "stall"), ==, 0);
    qom_set_u32(p, "master-abort-mask", 2);
    g_assert_cmpuint(qom_get_u32(p, "master-abort-mask"), ==, 2);
    g_assert_false(qtest_qom_get_bool(p->qts, PLX_QOM, "master-abort"));
    qtest_qom_set_bool(p->qts, PLX_QOM, "master-abort", true);
    g_assert_cmpuint(qom_get_u32(p, "master-abort-mask"), ==, 3);
    qtest_qom_set_bool(p->qts, PLX_QOM, "master-abort", false);
    g_assert_cmpuint(qom_get_u32(p, "master-abort-mask"), ==, 0);
    plx_stop(p);
}

/* the abort report: PCI Status 13, INTCSR 14, INTCSR 27:24 (active low) */
static void check_master_abort(Plx *p, int c, uint64_t addr)
{
    uint32_t ic = rd32(p, PLX_REG_INTCSR);

    g_assert_cmphex(qpci_config_readw(p->dev, PCI_STATUS) &
                    PCI_STATUS_REC_MASTER_ABORT, ==,
                    PCI_STATUS_REC_MASTER_ABORT);
    g_assert_cmphex(ic & PLX_INTCSR_PABORTIA, ==, PLX_INTCSR_PABORTIA);
    g_assert_cmphex(ic & PLX_INTCSR_ABTMASTERS, ==,
                    PLX_INTCSR_ABTMASTERS & ~PLX_INTCSR_DMANOTBM(c));
    g_assert_cmphex(rd32(p, PLX_REG_PABTADR), ==, (uint32_t)addr);
    /* PCI abort interrupt enable routes it to INTA# */
    wr32(p, PLX_REG_INTCSR, PLX_INTCSR_PIEN | PLX_INTCSR_LIOEN |
         PLX_INTCSR_PABORTIEN);
    g_assert_true(inta(p));
    /* W1C of Status 13 clears INTCSR 14 and 27:24 read 1 again */
    qpci_config_writew(p->dev, PCI_STATUS, PCI_STATUS_REC_MASTER_ABORT);
    g_assert_cmphex(qpci_config_readw(p->dev, PCI_STATUS) &
                    PLX_STATUS_ABORTS, ==, 0);
    ic = rd32(p, PLX_REG_INTCSR);
    g_assert_cmphex(ic & (PLX_INTCSR_PABORTIA | PLX_INTCSR_ABTMASTERS), ==,
                    PLX_INTCSR_ABTMASTERS);
    g_assert_false(inta(p));
    wr32(p, PLX_REG_INTCSR, 0x0f010100);
}

/* master-abort-mask 1: channel 0's accesses abort, channel 1 runs */
static void test_master_abort_property(void)
{
    Plx *p = plx_start(NULL);
    uint64_t a = guest_alloc(&p->alloc, 0x1000);
    uint64_t b = guest_alloc(&p->alloc, 0x1000);

    qom_set_u32(p, "master-abort-mask", 1);
    qtest_memset(p->qts, a, 0, 0x1000);
    qtest_memset(p->qts, b, 0, 0x1000);
    sram_fill(p, 2, 0, 0x1000, 91);
    block_dma(p, 0, a, 0, 0x1000, true, 0);
    block_dma(p, 1, b, 0, 0x1000, true, 0);
    g_assert_true(wait_done(p, 1, 100));
    step(p, 100 * MS);  /* whether an aborted channel sets Done: uncertain */
    guest_check_zero(p, a, 0x1000);
    guest_check(p, b, 0x1000, 91);
    check_master_abort(p, 0, a);

    /* the mask lifted: channel 0 works again */
    qom_set_u32(p, "master-abort-mask", 0);
    block_dma(p, 0, a, 0, 0x1000, true, 0);
    g_assert_true(wait_done(p, 0, 100));
    guest_check(p, a, 0x1000, 91);
    g_assert_cmphex(qpci_config_readw(p->dev, PCI_STATUS) &
                    PLX_STATUS_ABORTS, ==, 0);

    /* channel 1 only, a chain whose descriptor fetch aborts */
    qom_set_u32(p, "master-abort-mask", 2);
    wr8(p, PLX_REG_DMACSR1, PLX_DMACSR_CLEARINTR);
    wr32(p, PLX_REG_DMAMODE1, 0x83 | PLX_DMAMODE_CHAINEN);
    wr32(p, PLX_REG_DMADPR1, (uint32_t)b | PLX_DMADPR_DESCPCI);
    wr8(p, PLX_REG_DMACSR1, PLX_DMACSR_ENABLE | PLX_DMACSR_START);
    step(p, 100 * MS);
    check_master_abort(p, 1, b);
    plx_stop(p);
}

/* Bus mastering off in the Command register: every DMA access aborts. */
static void test_bus_master_off(void)
{
    Plx *p = plx_start(NULL);
    uint64_t a = guest_alloc(&p->alloc, 0x1000);

    qtest_memset(p->qts, a, 0, 0x1000);
    sram_fill(p, 2, 0, 0x100, 92);
    qpci_config_writew(p->dev, PCI_COMMAND,
                       PCI_COMMAND_IO | PCI_COMMAND_MEMORY);
    block_dma(p, 0, a, 0, 0x100, true, 0);
    step(p, 100 * MS);
    guest_check_zero(p, a, 0x100);
    check_master_abort(p, 0, a);
    /* an aborted read delivers nothing: the SRAM keeps its contents */
    sram_fill(p, 2, 0x800, 0x100, 95);
    guest_fill(p, a + 0x800, 0x100, 96);
    block_dma(p, 1, a + 0x800, 0x800, 0x100, false, 0);
    step(p, 100 * MS);
    sram_check(p, 2, 0x800, 0x100, 95);
    check_master_abort(p, 1, a + 0x800);
    qpci_device_enable(p->dev);
    block_dma(p, 0, a, 0, 0x100, true, 0);
    g_assert_true(wait_done(p, 0, 100));
    guest_check(p, a, 0x100, 92);
    plx_stop(p);
}

/* stall 1: channel 0 never completes until lifted; channel 1 runs */
static void test_stall(void)
{
    Plx *p = plx_start(NULL);
    uint64_t a = guest_alloc(&p->alloc, 0x1000);
    uint64_t b = guest_alloc(&p->alloc, 0x1000);

    qom_set_u32(p, "stall", 1);
    g_assert_cmpuint(qom_get_u32(p, "stall"), ==, 1);
    qtest_memset(p->qts, a, 0, 0x1000);
    sram_fill(p, 2, 0x2000, 0x1000, 93);
    block_dma(p, 0, a, 0x2000, 0x1000, true, 0);
    block_dma(p, 1, b, 0x2000, 0x1000, true, 0);
    step(p, 300 * MS);
    g_assert_false(done(p, 0));
    g_assert_true(done(p, 1));
    guest_check_zero(p, a, 0x1000);
    guest_check(p, b, 0x1000, 93);
    qom_set_u32(p, "stall", 0);
    g_assert_true(wait_done(p, 0, 100));
    guest_check(p, a, 0x1000, 93);
    plx_stop(p);
}

/* ---- resets ------------------------------------------------------------ */

/* CNTRL 30 in the middle of a transfer: the local side resets. */
static void test_soft_reset(void)
{
    Plx *p = plx_start(",bandwidth=1000000");   /* 1 MB/s: 4 KiB = 4 ms */
    uint64_t a = guest_alloc(&p->alloc, 0x1000);

    qtest_memset(p->qts, a, 0, 0x1000);
    sram_fill(p, 2, 0, 0x1000, 94);
    wr32(p, PLX_REG_INTCSR, PLX_INTCSR_PIEN | PLX_INTCSR_LIOEN |
         PLX_INTCSR_DMA0IEN | PLX_INTCSR_DMA1IEN);
    block_dma(p, 0, a, 0, 0x1000, true, PLX_DMAMODE_DONEIEN);
    wr32(p, PLX_REG_DMAMODE1, 0x83 | PLX_DMAMODE_CHAINEN);
    step(p, MS);
    g_assert_false(done(p, 0));
    wr32(p, PLX_REG_CNTRL, rd32(p, PLX_REG_CNTRL) | PLX_CNTRL_RESET);
    /* Start is refused while the reset bit is set */
    wr8(p, PLX_REG_DMACSR1, PLX_DMACSR_ENABLE | PLX_DMACSR_START);
    g_assert_true(done(p, 1));
    wr32(p, PLX_REG_CNTRL, rd32(p, PLX_REG_CNTRL) & ~PLX_CNTRL_RESET);
    g_assert_true(done(p, 0));
    g_assert_true(done(p, 1));
    g_assert_cmphex(rd32(p, PLX_REG_INTCSR), ==, 0x0f010100);
    g_assert_cmphex(rd32(p, PLX_REG_DMAMODE0), ==, 0x83);
    g_assert_cmphex(rd32(p, PLX_REG_DMAMODE1), ==, 0x83);
    g_assert_false(inta(p));
    step(p, 100 * MS);
    guest_check_zero(p, a, 0x1000);
    /* PCI side untouched: the BARs still decode */
    g_assert_cmphex(rd32(p, PLX_REG_PCIHIDR), ==, PLX_HIDR_9656);
    plx_still_works(p);
    plx_stop(p);
}

/* PMCSR D3hot -> D0: the chip resets, decoding included. */
static void test_d3hot_reset(void)
{
    Plx *p = plx_start(NULL);
    uint8_t pm = PLX_CFG_PMCSR;

    wr32(p, PLX_REG_MBOX2, 0x12345678);
    wr32(p, PLX_REG_INTCSR, PLX_INTCSR_LIOEN);
    qpci_config_writew(p->dev, pm, 3);
    g_assert_cmphex(qpci_config_readw(p->dev, pm) & PLX_PMCSR_STATE, ==, 3);
    qpci_config_writew(p->dev, pm, 0);
    g_assert_cmphex(qpci_config_readw(p->dev, pm) & PLX_PMCSR_STATE, ==, 0);
    g_assert_cmphex(qpci_config_readw(p->dev, PCI_COMMAND), ==, 0);
    g_assert_cmphex(qpci_config_readw(p->dev, PCI_VENDOR_ID), ==, 0x10b5);
    qpci_device_enable(p->dev);
    g_assert_cmphex(rd32(p, PLX_REG_INTCSR), ==, 0x0f010100);
    plx_still_works(p);
    plx_stop(p);
}

/* system_reset: the PCI reset reaches the model. */
static void test_system_reset(void)
{
    Plx *p = plx_start(NULL);
    int i;

    wr32(p, PLX_REG_INTCSR, PLX_INTCSR_LIOEN);
    wr32(p, PLX_REG_DMAMODE0, 0x12345);
    qom_set_u32(p, "stall", 2);
    qtest_qmp_assert_success(p->qts, "{ 'execute': 'system_reset' }");
    qtest_qmp_eventwait(p->qts, "RESET");
    g_assert_cmphex(qpci_config_readw(p->dev, PCI_COMMAND), ==, 0);
    for (i = 0; i < 4; i++) {
        p->bar[i] = qpci_iomap(p->dev, i, NULL);
    }
    qpci_device_enable(p->dev);
    g_assert_cmphex(rd32(p, PLX_REG_INTCSR), ==, 0x0f010100);
    g_assert_cmphex(rd32(p, PLX_REG_DMAMODE0), ==, 0x83);
    /* the fault switches are the test's, not the chip's: they survive */
    g_assert_cmpuint(qom_get_u32(p, "stall"), ==, 2);
    qom_set_u32(p, "stall", 0);
    plx_still_works(p);
    plx_stop(p);
}

/*
 * Two boards, a 9656 and a 9056: separate registers, SRAM and DMA
 * engines, and each one's fault switches apply to it alone.
 */
static void test_two_boards(void)
{
    Plx *p = plx_start(" -device plx9656,id=plx1,addr=05.0,device-id=0x5601");
    QPCIDevice *d1 = qpci_device_find(p->bus, QPCI_DEVFN(5, 0));
    QPCIBar b1[3];
    uint64_t a = guest_alloc(&p->alloc, 0x1000);
    uint64_t b = guest_alloc(&p->alloc, 0x1000);
    QDict *r;
    int i;

    g_assert_nonnull(d1);
    for (i = 0; i < 3; i++) {
        b1[i] = qpci_iomap(d1, i, NULL);
    }
    qpci_device_enable(d1);
    g_assert_cmphex(qpci_config_readw(d1, PCI_DEVICE_ID), ==, 0x5601);
    g_assert_cmphex(qpci_io_readl(d1, b1[0], PLX_REG_PCIHIDR), ==,
                    PLX_HIDR_9056);
    g_assert_cmphex(rd32(p, PLX_REG_PCIHIDR), ==, PLX_HIDR_9656);
    wr32(p, PLX_REG_MBOX2, 0x11111111);
    qpci_io_writel(d1, b1[0], PLX_REG_MBOX2, 0x22222222);
    g_assert_cmphex(rd32(p, PLX_REG_MBOX2), ==, 0x11111111);
    g_assert_cmphex(qpci_io_readl(d1, b1[1], PLX_REG_MBOX2), ==, 0x22222222);
    sram_fill(p, 2, 0, 0x1000, 101);
    qpci_io_writel(d1, b1[2], 0, 0xabcdef01);
    sram_check(p, 2, 0, 0x1000, 101);

    /* plx1 stalled: its transfer waits, plx0's completes */
    r = qtest_qmp(p->qts, "{ 'execute': 'qom-set', 'arguments': "
                  "{ 'path': '/machine/peripheral/plx1', 'property': 'stall',"
                  " 'value': 3 } }");
    g_assert_true(qdict_haskey(r, "return"));
    qobject_unref(r);
    g_assert_cmpuint(qom_get_u32(p, "stall"), ==, 0);
    qtest_memset(p->qts, a, 0, 0x1000);
    qtest_memset(p->qts, b, 0, 0x1000);
    qpci_io_writel(d1, b1[0], PLX_REG_DMAMODE0, 0x83);
    qpci_io_writel(d1, b1[0], PLX_REG_DMAPADR0, (uint32_t)b);
    qpci_io_writel(d1, b1[0], PLX_REG_DMADAC0, 0);
    qpci_io_writel(d1, b1[0], PLX_REG_DMALADR0, 0);
    qpci_io_writel(d1, b1[0], PLX_REG_DMASIZ0, 4);
    qpci_io_writel(d1, b1[0], PLX_REG_DMADPR0, PLX_DMADPR_XFERL2P);
    qpci_io_writeb(d1, b1[0], PLX_REG_DMACSR0,
                   PLX_DMACSR_ENABLE | PLX_DMACSR_START);
    block_dma(p, 0, a, 0, 0x1000, true, 0);
    step(p, 100 * MS);
    g_assert_true(done(p, 0));
    guest_check(p, a, 0x1000, 101);
    g_assert_false(qpci_io_readb(d1, b1[0], PLX_REG_DMACSR0) &
                   PLX_DMACSR_DONE);
    g_assert_cmphex(qtest_readl(p->qts, b), ==, 0);
    r = qtest_qmp(p->qts, "{ 'execute': 'qom-set', 'arguments': "
                  "{ 'path': '/machine/peripheral/plx1', 'property': 'stall',"
                  " 'value': 0 } }");
    qobject_unref(r);
    step(p, 100 * MS);
    g_assert_true(qpci_io_readb(d1, b1[0], PLX_REG_DMACSR0) &
                  PLX_DMACSR_DONE);
    g_assert_cmphex(qtest_readl(p->qts, b), ==, 0xabcdef01);
    g_free(d1);
    plx_stop(p);
}

/* ---- a hostile guest ----------------------------------------------------- */

/* xorshift64*: deterministic for a seed */
static uint64_t rng;

static uint64_t rnd(void)
{
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return rng * 2685821657736338717ull;
}

static void garbage_regs(Plx *p, int c, bool master)
{
    uint32_t mode = (uint32_t)rnd(), dpr = (uint32_t)rnd();

    if (master) {
        /*
         * block mode: reads anywhere, writes only where nothing decodes
         * (the high half of the 64-bit space)
         */
        mode &= ~PLX_DMAMODE_CHAINEN;
        wr32(p, PLX_REG_DMADAC(c), (dpr & PLX_DMADPR_XFERL2P) ?
             0x80000000u | (uint32_t)rnd() : (uint32_t)rnd());
    } else {
        wr32(p, PLX_REG_DMADAC(c), (uint32_t)rnd());
    }
    wr32(p, PLX_REG_DMAMODE(c), mode);
    wr32(p, PLX_REG_DMAPADR(c), (uint32_t)rnd());
    wr32(p, PLX_REG_DMALADR(c), (uint32_t)rnd());
    wr32(p, PLX_REG_DMASIZ(c), (uint32_t)rnd());
    wr32(p, PLX_REG_DMADPR(c), dpr);
    wr8(p, PLX_REG_DMACSR(c), PLX_DMACSR_ENABLE | PLX_DMACSR_START |
        (rnd() & PLX_DMACSR_CLEARINTR));
}

static void quiesce(Plx *p, int c)
{
    step(p, 50 * MS);
    if (!done(p, c)) {
        wr8(p, PLX_REG_DMACSR(c), PLX_DMACSR_ABORT);
        step(p, MS);
    }
    wr8(p, PLX_REG_DMACSR(c), PLX_DMACSR_CLEARINTR);
}

/*
 * Seeded random values at every BAR0 offset with widths 1, 2 and 4
 * (unaligned too) and at random configuration offsets past the header,
 * garbage DMA with bus mastering off, every offset read back; then the
 * board still works.
 */
static void test_hostile_registers(const void *data)
{
    Plx *p = plx_start(NULL);
    uint32_t off, w, round, i;
    uint64_t sum = 0;
    int c;

    rng = 0x9e3779b97f4a7c15ull ^ GPOINTER_TO_UINT(data);
    qpci_config_writew(p->dev, PCI_COMMAND,
                       PCI_COMMAND_IO | PCI_COMMAND_MEMORY);
    for (round = 0; round < 2; round++) {
        for (w = 1; w <= 4; w *= 2) {
            for (off = 0; off + w <= 0x200; off++) {
                if (w == 1) {
                    wr8(p, off, (uint8_t)rnd());
                } else if (w == 2) {
                    wr16(p, off, (uint16_t)rnd());
                } else {
                    wr32(p, off, (uint32_t)rnd());
                }
            }
        }
        for (off = 0; off < 0x100; off += 4) {   /* the I/O alias too */
            qpci_io_writel(p->dev, p->bar[1], off, (uint32_t)rnd());
        }
        for (c = 0; c < 2; c++) {
            garbage_regs(p, c, false);
        }
        for (i = 0; i < 64; i++) {  /* garbage chains in SRAM */
            qpci_io_writel(p->dev, p->bar[2],
                           rnd() % SRAM_WINDOW & ~3u, (uint32_t)rnd());
        }
        for (c = 0; c < 2; c++) {
            wr32(p, PLX_REG_DMAMODE(c), (uint32_t)rnd() | PLX_DMAMODE_CHAINEN);
            wr32(p, PLX_REG_DMADPR(c), (uint32_t)rnd());
            wr8(p, PLX_REG_CNTRL + 3, 0);     /* out of reset */
            wr8(p, PLX_REG_DMACSR(c), PLX_DMACSR_ENABLE | PLX_DMACSR_START);
        }
        /* configuration space past the header: PM, hot swap, VPD */
        for (i = 0; i < 64; i++) {
            qpci_config_writeb(p->dev, 0x40 + rnd() % 0xc0, (uint8_t)rnd());
        }
        qpci_config_writew(p->dev, PLX_CFG_PMCSR, 0);   /* back to D0 */
        qpci_config_writew(p->dev, PCI_COMMAND,
                           PCI_COMMAND_IO | PCI_COMMAND_MEMORY);
        step(p, 20 * MS);
        for (w = 1; w <= 4; w *= 2) {
            for (off = 0; off + w <= 0x200; off++) {
                sum += w == 1 ? rd8(p, off) : w == 2 ? rd16(p, off) :
                       rd32(p, off);
            }
        }
        for (i = 0; i < 256; i++) {
            off = rnd() % SRAM_WINDOW & ~7u;
            qpci_io_writeq(p->dev, p->bar[3], off, rnd());
            sum += qpci_io_readq(p->dev, p->bar[2], off);
        }
    }
    g_test_message("read-back checksum %016" PRIx64, sum);
    g_assert_cmphex(rd32(p, PLX_REG_PCIHIDR), ==, PLX_HIDR_9656);
    wr32(p, PLX_REG_CNTRL, rd32(p, PLX_REG_CNTRL) & ~PLX_CNTRL_RESET);
    for (c = 0; c < 2; c++) {
        quiesce(p, c);
    }
    plx_still_works(p);
    plx_stop(p);
}

/*
 * Bus mastering on: garbage block transfers that can only read memory or
 * write where nothing decodes, garbage chains in SRAM (PCI -> local),
 * a garbage chain in guest memory looping inside one page, a chain that
 * points at itself (the walk limit ends it with an abort), and transfers
 * aimed at the board's own BARs (QEMU's re-entrancy guard refuses them:
 * a master abort); then the board still works.
 */
static void test_hostile_dma(const void *data)
{
    Plx *p = plx_start(NULL);
    uint64_t pg = guest_alloc(&p->alloc, 0x1000);
    g_autofree uint32_t *w = g_malloc(SRAM_WINDOW);
    uint32_t round, off;
    int c;

    rng = 0x9e3779b97f4a7c15ull ^ GPOINTER_TO_UINT(data);
    for (round = 0; round < 8; round++) {
        for (c = 0; c < 2; c++) {
            garbage_regs(p, c, true);
        }
        for (c = 0; c < 2; c++) {
            quiesce(p, c);
        }
    }
    /* garbage chains in SRAM: PCI -> local only */
    for (round = 0; round < 2; round++) {
        for (off = 0; off < SRAM_WINDOW / 4; off += 4) {
            w[off] = cpu_to_le32((uint32_t)rnd());
            w[off + 1] = cpu_to_le32((uint32_t)rnd());
            w[off + 2] = cpu_to_le32((uint32_t)rnd() & 0xffff);
            w[off + 3] = cpu_to_le32((uint32_t)rnd() &
                                     ~(PLX_DMADPR_DESCPCI |
                                       PLX_DMADPR_XFERL2P));
        }
        qpci_memwrite(p->dev, p->bar[2], 0, w, SRAM_WINDOW);
        for (c = 0; c < 2; c++) {
            wr8(p, PLX_REG_DMACSR(c), PLX_DMACSR_CLEARINTR);
            wr32(p, PLX_REG_DMAMODE(c), ((uint32_t)rnd() | PLX_DMAMODE_CHAINEN)
                 & ~PLX_DMAMODE_CLRCOUNT & PLX_DMAMODE_RW_MASK);
            wr32(p, PLX_REG_DMADAC(c), 0);
            wr32(p, PLX_REG_DMADPR(c), (uint32_t)rnd() &
                 ~(PLX_DMADPR_DESCPCI | PLX_DMADPR_XFERL2P));
            wr8(p, PLX_REG_DMACSR(c), PLX_DMACSR_ENABLE | PLX_DMACSR_START);
        }
        for (c = 0; c < 2; c++) {
            quiesce(p, c);
        }
    }
    /* a garbage chain in guest memory, next pointers inside the page */
    for (round = 0; round < 2; round++) {
        for (off = 0; off < 0x1000 / 4; off += 4) {
            w[off] = cpu_to_le32((uint32_t)rnd());
            w[off + 1] = cpu_to_le32((uint32_t)rnd());
            w[off + 2] = cpu_to_le32((uint32_t)rnd() & 0xffff);
            w[off + 3] = cpu_to_le32((uint32_t)(pg + rnd() % 256 * 16) |
                                     PLX_DMADPR_DESCPCI | ((uint32_t)rnd() &
                                     (PLX_DMADPR_CHAINEND |
                                      PLX_DMADPR_TCINTR)));
        }
        qtest_memwrite(p->qts, pg, w, 0x1000);
        wr8(p, PLX_REG_DMACSR0, PLX_DMACSR_CLEARINTR);
        wr32(p, PLX_REG_DMAMODE0, 0x83 | PLX_DMAMODE_CHAINEN);
        wr32(p, PLX_REG_DMADAC0, 0);
        wr32(p, PLX_REG_DMADPR0, (uint32_t)pg | PLX_DMADPR_DESCPCI);
        wr8(p, PLX_REG_DMACSR0, PLX_DMACSR_ENABLE | PLX_DMACSR_START);
        quiesce(p, 0);
    }
    /* a descriptor that points at itself: the walk limit stops it */
    qpci_config_writew(p->dev, PCI_STATUS, PLX_STATUS_ABORTS);
    put_desc(p, true, 0x100, false, (uint32_t)pg, 0, 4, 0x100);
    wr8(p, PLX_REG_DMACSR1, PLX_DMACSR_CLEARINTR);
    wr32(p, PLX_REG_DMAMODE1, 0x83 | PLX_DMAMODE_CHAINEN);
    wr32(p, PLX_REG_DMADPR1, 0x100);
    wr8(p, PLX_REG_DMACSR1, PLX_DMACSR_ENABLE | PLX_DMACSR_START);
    step(p, 1000 * MS);
    g_assert_cmphex(qpci_config_readw(p->dev, PCI_STATUS) &
                    PCI_STATUS_REC_MASTER_ABORT, ==,
                    PCI_STATUS_REC_MASTER_ABORT);
    g_assert_cmphex(rd32(p, PLX_REG_INTCSR) & PLX_INTCSR_ABTMASTERS, ==,
                    PLX_INTCSR_ABTMASTERS & ~PLX_INTCSR_DMA1NOTBM);
    qpci_config_writew(p->dev, PCI_STATUS, PLX_STATUS_ABORTS);

    /* DMA at the board's own BARs */
    for (round = 0; round < 2; round++) {
        sram_fill(p, 2, 0x4000, 0x200, round);
        qpci_config_writew(p->dev, PCI_STATUS, PLX_STATUS_ABORTS);
        block_dma(p, 0, p->bar[0].addr, 0x4000, 0x200, true, 0);
        step(p, 100 * MS);
        /* the guard refused it: nothing landed in BAR0, an abort */
        g_assert_cmphex(qpci_config_readw(p->dev, PCI_STATUS) &
                        PCI_STATUS_REC_MASTER_ABORT, ==,
                        PCI_STATUS_REC_MASTER_ABORT);
        quiesce(p, 0);
        block_dma(p, 1, p->bar[2].addr + 0x100, 0x4000, 0x400, round & 1, 0);
        quiesce(p, 1);
        block_dma(p, 0, p->bar[0].addr, 0x5000, 0x200, false, 0);
        quiesce(p, 0);
        g_assert_cmphex(rd32(p, PLX_REG_PCIHIDR), ==, PLX_HIDR_9656);
    }
    g_assert_cmphex(rd32(p, PLX_REG_PCIHIDR), ==, PLX_HIDR_9656);
    plx_still_works(p);
    plx_stop(p);
}

/*
 * Two 9656 boards at 1 MB/s, each starting a 4 KiB block at the same
 * virtual time (T = the gap + 4.096 ms each). @opts0/@opts1: their bus
 * options. On one shared bus (same bus-group) they take the sum: the
 * first started at T, the other at 2T; on buses of their own, the max:
 * both at T.
 */
static void check_two_boards_bus(const char *opts0, const char *opts1,
                                 bool shared)
{
    g_autofree char *o = g_strdup_printf(
        ",bandwidth=1000000%s -device plx9656,id=plx1,addr=05.0,"
        "bandwidth=1000000%s", opts0, opts1);
    Plx *p = plx_start(o);
    QPCIDevice *d1 = qpci_device_find(p->bus, QPCI_DEVFN(5, 0));
    const int64_t t = QT_GAP + 4096000;
    uint64_t a = guest_alloc(&p->alloc, 0x1000);
    uint64_t b = guest_alloc(&p->alloc, 0x1000);
    QPCIBar r1;

    g_assert_nonnull(d1);
    r1 = qpci_iomap(d1, 0, NULL);
    qpci_device_enable(d1);
    guest_fill(p, b, 0x1000, 121);
    sram_fill(p, 2, 0, 0x1000, 122);
    block_dma(p, 0, a, 0, 0x1000, true, 0);
    qpci_io_writel(d1, r1, PLX_REG_DMAMODE0, PLX_DMAMODE_RESET_VALUE);
    qpci_io_writel(d1, r1, PLX_REG_DMAPADR0, (uint32_t)b);
    qpci_io_writel(d1, r1, PLX_REG_DMADAC0, 0);
    qpci_io_writel(d1, r1, PLX_REG_DMALADR0, 0);
    qpci_io_writel(d1, r1, PLX_REG_DMASIZ0, 0x1000);
    qpci_io_writel(d1, r1, PLX_REG_DMADPR0, 0);
    qpci_io_writeb(d1, r1, PLX_REG_DMACSR0,
                   PLX_DMACSR_ENABLE | PLX_DMACSR_START);
    step(p, t - 1);
    g_assert_false(done(p, 0));
    g_assert_false(qpci_io_readb(d1, r1, PLX_REG_DMACSR0) & PLX_DMACSR_DONE);
    step(p, 1);
    g_assert_true(done(p, 0));
    guest_check(p, a, 0x1000, 122);
    if (shared) {
        g_assert_false(qpci_io_readb(d1, r1, PLX_REG_DMACSR0) &
                       PLX_DMACSR_DONE);
        step(p, t - 1);
        g_assert_false(qpci_io_readb(d1, r1, PLX_REG_DMACSR0) &
                       PLX_DMACSR_DONE);
        step(p, 1);
    }
    g_assert_true(qpci_io_readb(d1, r1, PLX_REG_DMACSR0) & PLX_DMACSR_DONE);
    g_free(d1);
    plx_stop(p);
}

static void test_shared_bus(void)
{
    check_two_boards_bus(",bus-group=1", ",bus-group=1", true);
}

static void test_own_buses(void)
{
    check_two_boards_bus("", "", false);               /* the default */
    check_two_boards_bus(",bus-group=1", ",bus-group=2", false);
}

int main(int argc, char **argv)
{
    char *name;
    size_t i;

    g_test_init(&argc, &argv, NULL);

    for (i = 0; i < G_N_ELEMENTS(id_cases); i++) {
        name = g_strdup_printf("plx9656/identity/%s", id_cases[i].name);
        qtest_add_data_func(name, &id_cases[i], test_identity);
        g_free(name);
    }
    qtest_add_func("plx9656/bars", test_bars);
    qtest_add_func("plx9656/regs/reset-values", test_reset_values);
    qtest_add_func("plx9656/regs/access-widths", test_access_widths);
    qtest_add_func("plx9656/sram/windows", test_sram_windows);
    for (i = 0; i < G_N_ELEMENTS(block_cases); i++) {
        name = g_strdup_printf("plx9656/dma/block/%s", block_cases[i].name);
        qtest_add_data_func(name, &block_cases[i], test_dma_block);
        g_free(name);
    }
    for (i = 0; i < G_N_ELEMENTS(chain_cases); i++) {
        name = g_strdup_printf("plx9656/dma/chain/%s", chain_cases[i].name);
        qtest_add_data_func(name, &chain_cases[i], test_dma_chain);
        g_free(name);
    }
    qtest_add_func("plx9656/dma/timing", test_dma_timing);
    qtest_add_func("plx9656/dma/cost/gap", test_cost_gap);
    qtest_add_func("plx9656/dma/cost/desc-fetch", test_cost_desc_fetch);
    qtest_add_func("plx9656/dma/cost/clear-count", test_cost_clear_count);
    qtest_add_func("plx9656/dma/pause-abort", test_dma_pause_abort);
    qtest_add_func("plx9656/irq/lint", test_lint);
    qtest_add_func("plx9656/qom/rejects", test_qom_rejects);
    qtest_add_func("plx9656/fault/master-abort-mask",
                   test_master_abort_property);
    qtest_add_func("plx9656/fault/bus-master-off", test_bus_master_off);
    qtest_add_func("plx9656/fault/stall", test_stall);
    qtest_add_func("plx9656/two-boards", test_two_boards);
    qtest_add_func("plx9656/bus/shared", test_shared_bus);
    qtest_add_func("plx9656/bus/own", test_own_buses);
    qtest_add_func("plx9656/reset/soft", test_soft_reset);
    qtest_add_func("plx9656/reset/d3hot", test_d3hot_reset);
    qtest_add_func("plx9656/reset/system", test_system_reset);
    for (i = 1; i <= 2; i++) {
        name = g_strdup_printf("plx9656/hostile/registers/seed%zu", i);
        qtest_add_data_func(name, GUINT_TO_POINTER(i),
                            test_hostile_registers);
        g_free(name);
        name = g_strdup_printf("plx9656/hostile/dma/seed%zu", i);
        qtest_add_data_func(name, GUINT_TO_POINTER(i), test_hostile_dma);
        g_free(name);
    }

    return g_test_run();
}
