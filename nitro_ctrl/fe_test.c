// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the front-end's logic, without vfio (suites nitro_fe_config,
 * nitro_fe_msix, nitro_fe_bar, nitro_fe_pins, nitro_fe_validate).
 */
#include <kunit/test.h>
#include <linux/pci_regs.h>
#include <linux/sizes.h>
#include <linux/slab.h>

#include "fe.h"

/* Records what reached the personality. */
struct fe_test_calls {
	int reads, writes, doorbells, resets;
	int bar;
	u32 off, index, value;
	int size;
	u64 val;
};

static u64 fe_test_bar_read(struct nitro_dev *dev, int bar, u32 off, int size)
{
	struct fe_test_calls *c = nitro_dev_priv(dev);

	c->reads++;
	c->bar = bar;
	c->off = off;
	c->size = size;
	/* A value wider than any access, to see the front-end trim it. */
	return 0x1122334455667788ULL;
}

static void fe_test_bar_write(struct nitro_dev *dev, int bar, u32 off,
			      int size, u64 val)
{
	struct fe_test_calls *c = nitro_dev_priv(dev);

	c->writes++;
	c->bar = bar;
	c->off = off;
	c->size = size;
	c->val = val;
}

static void fe_test_doorbell(struct nitro_dev *dev, u32 index, u32 value)
{
	struct fe_test_calls *c = nitro_dev_priv(dev);

	c->doorbells++;
	c->index = index;
	c->value = value;
}

static void fe_test_reset(struct nitro_dev *dev)
{
	struct fe_test_calls *c = nitro_dev_priv(dev);

	c->resets++;
}

static const struct nitro_personality_ops fe_test_ops = {
	.bar_read = fe_test_bar_read,
	.bar_write = fe_test_bar_write,
	.doorbell = fe_test_doorbell,
	.reset = fe_test_reset,
};

/* Like the VM test device: 64-bit BAR0 of 16 KiB, 32-bit BAR2 of 4 KiB. */
static const struct nitro_personality fe_test_p = {
	.name = "kunit",
	.id = {
		.vendor = 0x1d0f, .device = 0xfe57, .subsys_vendor = 0x1d0f,
		.subsys_device = 0x0001, .class_code = 0x010802, .revision = 3,
	},
	.bars = {
		[0] = { .size = SZ_16K, .is_64bit = true },
		[2] = { .size = SZ_4K, .prefetchable = true },
	},
	.msix_bar = 0,
	.msix_table_offset = 0x2000,
	.msix_pba_offset = 0x3000,
	.msix_vectors = 4,
	.db_bar = 0,
	.db_offset = 0x1000,
	.db_stride = 8,
	.nr_doorbells = 8,
	.ops = &fe_test_ops,
};

static struct nitro_dev *fe_test_dev(struct kunit *test,
				     struct fe_test_calls **calls)
{
	struct nitro_dev *dev = kunit_kzalloc(test, sizeof(*dev), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, dev);
	KUNIT_ASSERT_EQ(test, nitro_fe_validate(&fe_test_p), 0);
	KUNIT_ASSERT_EQ(test, nitro_fe_dev_init(dev, &fe_test_p, &guid_null), 0);
	*calls = kunit_kzalloc(test, sizeof(**calls), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, *calls);
	nitro_dev_set_priv(dev, *calls);
	dev->open = true;
	return dev;
}

static void fe_test_dev_done(struct nitro_dev *dev)
{
	nitro_fe_dev_fini(dev);
}

/* ---- nitro_fe_config ---------------------------------------------------- */

static u32 cfg_rd(struct nitro_fe_config *cfg, u32 off, int size)
{
	return nitro_fe_config_read(cfg, off, size);
}

static struct nitro_fe_config *fe_test_cfg(struct kunit *test)
{
	struct nitro_fe_config *cfg = kunit_kzalloc(test, sizeof(*cfg),
						    GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, cfg);
	nitro_fe_config_init(cfg, &fe_test_p);
	return cfg;
}

static void fe_config_header(struct kunit *test)
{
	struct nitro_fe_config *cfg = fe_test_cfg(test);

	KUNIT_EXPECT_EQ(test, cfg_rd(cfg, PCI_VENDOR_ID, 4), 0xfe571d0f);
	KUNIT_EXPECT_EQ(test, cfg_rd(cfg, PCI_COMMAND, 2), 0);
	KUNIT_EXPECT_EQ(test, cfg_rd(cfg, PCI_STATUS, 2), PCI_STATUS_CAP_LIST);
	KUNIT_EXPECT_EQ(test, cfg_rd(cfg, PCI_CLASS_REVISION, 4), 0x01080203);
	KUNIT_EXPECT_EQ(test, cfg_rd(cfg, PCI_HEADER_TYPE, 1), 0);
	KUNIT_EXPECT_EQ(test, cfg_rd(cfg, PCI_SUBSYSTEM_VENDOR_ID, 4),
			0x00011d0f);
	KUNIT_EXPECT_EQ(test, cfg_rd(cfg, PCI_BASE_ADDRESS_0, 4),
			PCI_BASE_ADDRESS_MEM_TYPE_64);
	KUNIT_EXPECT_EQ(test, cfg_rd(cfg, PCI_BASE_ADDRESS_2, 4),
			PCI_BASE_ADDRESS_MEM_PREFETCH);
	KUNIT_EXPECT_EQ(test, cfg_rd(cfg, PCI_ROM_ADDRESS, 4), 0);
	KUNIT_EXPECT_EQ(test, cfg_rd(cfg, PCI_CAPABILITY_LIST, 1),
			NITRO_FE_CAP_PM);
	KUNIT_EXPECT_EQ(test, cfg_rd(cfg, PCI_INTERRUPT_PIN, 1), 1);
	/* No extended capability: the header at 0x100 is zero. */
	KUNIT_EXPECT_EQ(test, cfg_rd(cfg, 0x100, 4), 0);
	KUNIT_EXPECT_EQ(test, cfg_rd(cfg, 0xffc, 4), 0);
}

static void fe_config_capability_chain(struct kunit *test)
{
	static const u8 want[] = { PCI_CAP_ID_PM, PCI_CAP_ID_MSIX,
				   PCI_CAP_ID_EXP };
	struct nitro_fe_config *cfg = fe_test_cfg(test);
	u32 pos = cfg_rd(cfg, PCI_CAPABILITY_LIST, 1), msix = 0, exp = 0;
	int n = 0;

	while (pos && n < 48) {
		KUNIT_EXPECT_EQ(test, pos % 4, 0);
		KUNIT_EXPECT_GE(test, pos, 0x40);
		KUNIT_ASSERT_LT(test, n, (int)ARRAY_SIZE(want));
		KUNIT_EXPECT_EQ(test, cfg_rd(cfg, pos, 1), want[n]);
		if (want[n] == PCI_CAP_ID_MSIX)
			msix = pos;
		if (want[n] == PCI_CAP_ID_EXP)
			exp = pos;
		pos = cfg_rd(cfg, pos + 1, 1);
		n++;
	}
	KUNIT_EXPECT_EQ(test, n, 3);

	/* MSI-X: 4 vectors (N - 1), table and PBA in BAR0. */
	KUNIT_EXPECT_EQ(test, cfg_rd(cfg, msix + PCI_MSIX_FLAGS, 2), 3);
	KUNIT_EXPECT_EQ(test, cfg_rd(cfg, msix + PCI_MSIX_TABLE, 4), 0x2000);
	KUNIT_EXPECT_EQ(test, cfg_rd(cfg, msix + PCI_MSIX_PBA, 4), 0x3000);
	/* PCIe: version 2, endpoint, FLR capable, x1 at 2.5 GT/s. */
	KUNIT_EXPECT_EQ(test, cfg_rd(cfg, exp + PCI_EXP_FLAGS, 2), 0x0002);
	KUNIT_EXPECT_EQ(test, cfg_rd(cfg, exp + PCI_EXP_DEVCAP, 4) &
			PCI_EXP_DEVCAP_FLR, PCI_EXP_DEVCAP_FLR);
	KUNIT_EXPECT_EQ(test, cfg_rd(cfg, exp + PCI_EXP_LNKSTA, 2), 0x0011);
}

struct fe_bar_sizing_case {
	u32 off;
	u32 expect;
};

static const struct fe_bar_sizing_case fe_bar_sizing_cases[] = {
	{ PCI_BASE_ADDRESS_0, 0xffffc000 | PCI_BASE_ADDRESS_MEM_TYPE_64 },
	{ PCI_BASE_ADDRESS_1, 0xffffffff },
	{ PCI_BASE_ADDRESS_2, 0xfffff000 | PCI_BASE_ADDRESS_MEM_PREFETCH },
	{ PCI_BASE_ADDRESS_3, 0 },
	{ PCI_BASE_ADDRESS_4, 0 },
	{ PCI_BASE_ADDRESS_5, 0 },
	{ PCI_ROM_ADDRESS, 0 },
};

static void fe_bar_sizing_desc(const struct fe_bar_sizing_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "offset 0x%x", c->off);
}

KUNIT_ARRAY_PARAM(fe_bar_sizing, fe_bar_sizing_cases, fe_bar_sizing_desc);

static void fe_config_bar_sizing(struct kunit *test)
{
	const struct fe_bar_sizing_case *c = test->param_value;
	struct nitro_fe_config *cfg = fe_test_cfg(test);
	u32 type = cfg_rd(cfg, c->off, 4);

	KUNIT_EXPECT_EQ(test, nitro_fe_config_write(cfg, c->off, 4, 0xffffffff),
			0);
	KUNIT_EXPECT_EQ(test, cfg_rd(cfg, c->off, 4), c->expect);
	/* An address: the size bits stay zero, the type bits stay. */
	nitro_fe_config_write(cfg, c->off, 4, 0x12345678);
	KUNIT_EXPECT_EQ(test, cfg_rd(cfg, c->off, 4),
			(0x12345678 & c->expect & ~type) | type);
}

static void fe_config_write_masks(struct kunit *test)
{
	struct nitro_fe_config *cfg = fe_test_cfg(test);

	/* Read-only identity. */
	nitro_fe_config_write(cfg, PCI_VENDOR_ID, 4, 0);
	KUNIT_EXPECT_EQ(test, cfg_rd(cfg, PCI_VENDOR_ID, 4), 0xfe571d0f);
	nitro_fe_config_write(cfg, PCI_CLASS_REVISION, 4, 0);
	KUNIT_EXPECT_EQ(test, cfg_rd(cfg, PCI_CLASS_REVISION, 4), 0x01080203);
	nitro_fe_config_write(cfg, PCI_CAPABILITY_LIST, 1, 0x80);
	KUNIT_EXPECT_EQ(test, cfg_rd(cfg, PCI_CAPABILITY_LIST, 1), 0x40);
	nitro_fe_config_write(cfg, PCI_INTERRUPT_PIN, 1, 4);
	KUNIT_EXPECT_EQ(test, cfg_rd(cfg, PCI_INTERRUPT_PIN, 1), 1);

	/* Command: memory, master, parity, SERR, INTx disable only. */
	KUNIT_EXPECT_EQ(test, nitro_fe_config_write(cfg, PCI_COMMAND, 2, 0xffff),
			NITRO_FE_CFG_EV_INTX);
	KUNIT_EXPECT_EQ(test, cfg_rd(cfg, PCI_COMMAND, 2), 0x0546);

	/* Status: error bits are write-1-to-clear, the rest read-only. */
	cfg->bytes[PCI_STATUS + 1] |= PCI_STATUS_DETECTED_PARITY >> 8;
	nitro_fe_config_write(cfg, PCI_STATUS, 2, 0);
	KUNIT_EXPECT_EQ(test, cfg_rd(cfg, PCI_STATUS, 2),
			PCI_STATUS_CAP_LIST | PCI_STATUS_DETECTED_PARITY);
	nitro_fe_config_write(cfg, PCI_STATUS, 2, 0xffff);
	KUNIT_EXPECT_EQ(test, cfg_rd(cfg, PCI_STATUS, 2), PCI_STATUS_CAP_LIST);

	/* Writable scratch: cache line size, interrupt line. */
	nitro_fe_config_write(cfg, PCI_CACHE_LINE_SIZE, 1, 0x10);
	KUNIT_EXPECT_EQ(test, cfg_rd(cfg, PCI_CACHE_LINE_SIZE, 1), 0x10);
	nitro_fe_config_write(cfg, PCI_INTERRUPT_LINE, 1, 0x0b);
	KUNIT_EXPECT_EQ(test, cfg_rd(cfg, PCI_INTERRUPT_LINE, 1), 0x0b);

	/* The extended space takes nothing. */
	nitro_fe_config_write(cfg, 0x100, 4, 0xffffffff);
	KUNIT_EXPECT_EQ(test, cfg_rd(cfg, 0x100, 4), 0);
}

static void fe_config_msix_and_flr(struct kunit *test)
{
	struct nitro_fe_config *cfg = fe_test_cfg(test);
	u32 mc = NITRO_FE_CAP_MSIX + PCI_MSIX_FLAGS;
	u32 dc = NITRO_FE_CAP_PCIE + PCI_EXP_DEVCTL;
	u32 pm = NITRO_FE_CAP_PM + PCI_PM_CTRL;

	/* Table size read-only; enable and function mask writable. */
	KUNIT_EXPECT_EQ(test, nitro_fe_config_write(cfg, mc, 2, 0xffff),
			NITRO_FE_CFG_EV_MSIX);
	KUNIT_EXPECT_EQ(test, cfg_rd(cfg, mc, 2), 0xc003);
	KUNIT_EXPECT_EQ(test, nitro_fe_config_write(cfg, mc, 2, 0xc003), 0);
	nitro_fe_config_write(cfg, NITRO_FE_CAP_MSIX + PCI_MSIX_TABLE, 4, 0);
	KUNIT_EXPECT_EQ(test, cfg_rd(cfg, NITRO_FE_CAP_MSIX + PCI_MSIX_TABLE, 4),
			0x2000);

	/* Power state: D3hot and back; D1 and D2 do not exist. */
	nitro_fe_config_write(cfg, pm, 2, 3);
	KUNIT_EXPECT_EQ(test, cfg_rd(cfg, pm, 2), 3 | PCI_PM_CTRL_NO_SOFT_RESET);
	nitro_fe_config_write(cfg, pm, 2, 1);
	KUNIT_EXPECT_EQ(test, cfg_rd(cfg, pm, 2), 3 | PCI_PM_CTRL_NO_SOFT_RESET);
	nitro_fe_config_write(cfg, pm, 2, 0);
	KUNIT_EXPECT_EQ(test, cfg_rd(cfg, pm, 2), PCI_PM_CTRL_NO_SOFT_RESET);

	/* FLR: asked for by a write of bit 15, which reads as zero. */
	nitro_fe_config_write(cfg, PCI_COMMAND, 2, PCI_COMMAND_MEMORY);
	nitro_fe_config_write(cfg, PCI_BASE_ADDRESS_2, 4, 0xfebf0000);
	KUNIT_EXPECT_EQ(test, nitro_fe_config_write(cfg, dc, 2,
						    PCI_EXP_DEVCTL_BCR_FLR | 0x2810),
			NITRO_FE_CFG_EV_FLR);
	KUNIT_EXPECT_EQ(test, cfg_rd(cfg, dc, 2), 0x2810);
	/* A byte write of the high half asks too. */
	KUNIT_EXPECT_EQ(test, nitro_fe_config_write(cfg, dc + 1, 1, 0x80),
			NITRO_FE_CFG_EV_FLR);
	nitro_fe_config_reset(cfg);
	KUNIT_EXPECT_EQ(test, cfg_rd(cfg, PCI_COMMAND, 2), 0);
	KUNIT_EXPECT_EQ(test, cfg_rd(cfg, mc, 2), 3);
	KUNIT_EXPECT_EQ(test, cfg_rd(cfg, PCI_BASE_ADDRESS_2, 4),
			0xfebf0000 | PCI_BASE_ADDRESS_MEM_PREFETCH);
}

static struct kunit_case fe_config_cases[] = {
	KUNIT_CASE(fe_config_header),
	KUNIT_CASE(fe_config_capability_chain),
	KUNIT_CASE_PARAM(fe_config_bar_sizing, fe_bar_sizing_gen_params),
	KUNIT_CASE(fe_config_write_masks),
	KUNIT_CASE(fe_config_msix_and_flr),
	{}
};

static struct kunit_suite fe_config_suite = {
	.name = "nitro_fe_config",
	.test_cases = fe_config_cases,
};

/* ---- nitro_fe_msix ------------------------------------------------------ */

static void fe_msix_mask_pending_unmask(struct kunit *test)
{
	struct nitro_fe_msix msix;
	u16 v;

	KUNIT_ASSERT_EQ(test, nitro_fe_msix_init(&msix, 70), 0);
	/* Reset: every vector masked, nothing pending. */
	for (v = 0; v < 70; v++)
		KUNIT_EXPECT_TRUE(test, nitro_fe_msix_masked(&msix, v));
	KUNIT_EXPECT_EQ(test, nitro_fe_msix_pba_read(&msix, 0, 8), 0);

	KUNIT_EXPECT_FALSE(test, nitro_fe_msix_raise(&msix, 3));
	KUNIT_EXPECT_FALSE(test, nitro_fe_msix_raise(&msix, 65));
	KUNIT_EXPECT_FALSE(test, nitro_fe_msix_raise(&msix, 70));	/* none */
	KUNIT_EXPECT_EQ(test, nitro_fe_msix_pba_read(&msix, 0, 8), 1ULL << 3);
	KUNIT_EXPECT_EQ(test, nitro_fe_msix_pba_read(&msix, 8, 8), 1ULL << 1);
	KUNIT_EXPECT_EQ(test, nitro_fe_msix_pba_read(&msix, 8, 1), 2);
	KUNIT_EXPECT_EQ(test, nitro_fe_msix_next_unmasked_pending(&msix, 0), 70);

	/* Unmask 65 through Vector Control: it is delivered once. */
	nitro_fe_msix_table_write(&msix, 65 * 16 + 12, 4, 0);
	KUNIT_EXPECT_FALSE(test, nitro_fe_msix_masked(&msix, 65));
	KUNIT_EXPECT_EQ(test, nitro_fe_msix_next_unmasked_pending(&msix, 0), 65);
	KUNIT_EXPECT_EQ(test, nitro_fe_msix_next_unmasked_pending(&msix, 0), 70);
	KUNIT_EXPECT_EQ(test, nitro_fe_msix_pba_read(&msix, 8, 8), 0);
	KUNIT_EXPECT_TRUE(test, nitro_fe_msix_raise(&msix, 65));

	/* The function mask holds back even an unmasked vector. */
	msix.fmask = true;
	KUNIT_EXPECT_FALSE(test, nitro_fe_msix_raise(&msix, 65));
	KUNIT_EXPECT_EQ(test, nitro_fe_msix_next_unmasked_pending(&msix, 0), 70);
	msix.fmask = false;
	KUNIT_EXPECT_EQ(test, nitro_fe_msix_next_unmasked_pending(&msix, 0), 65);

	nitro_fe_msix_fini(&msix);
}

static void fe_msix_table_bytes(struct kunit *test)
{
	struct nitro_fe_msix msix;
	unsigned long armed = BIT(1);

	KUNIT_ASSERT_EQ(test, nitro_fe_msix_init(&msix, 4), 0);
	nitro_fe_msix_table_write(&msix, 16, 8, 0xaabbccddfee00003ULL);
	/* Address bits 1:0 are read-only zero. */
	KUNIT_EXPECT_EQ(test, nitro_fe_msix_table_read(&msix, 16, 8),
			0xaabbccddfee00000ULL);
	nitro_fe_msix_table_write(&msix, 24, 4, 0x4021);
	KUNIT_EXPECT_EQ(test, nitro_fe_msix_table_read(&msix, 24, 4), 0x4021);
	KUNIT_EXPECT_EQ(test, nitro_fe_msix_table_read(&msix, 25, 1), 0x40);
	/* Vector Control: only the Mask bit. */
	nitro_fe_msix_table_write(&msix, 28, 4, 0xfffffffe);
	KUNIT_EXPECT_EQ(test, nitro_fe_msix_table_read(&msix, 28, 4), 0);
	nitro_fe_msix_table_write(&msix, 28, 1, 0xff);
	KUNIT_EXPECT_EQ(test, nitro_fe_msix_table_read(&msix, 24, 8),
			0x100004021ULL);

	/* Reset keeps the vectors that have an eventfd unmasked. */
	nitro_fe_msix_reset(&msix, &armed);
	KUNIT_EXPECT_TRUE(test, nitro_fe_msix_masked(&msix, 0));
	KUNIT_EXPECT_FALSE(test, nitro_fe_msix_masked(&msix, 1));
	KUNIT_EXPECT_EQ(test, nitro_fe_msix_table_read(&msix, 16, 8), 0);
	nitro_fe_msix_fini(&msix);

	KUNIT_EXPECT_EQ(test, nitro_fe_msix_init(&msix, NITRO_FE_MSIX_MAX + 1),
			-EINVAL);
}

static struct kunit_case fe_msix_cases[] = {
	KUNIT_CASE(fe_msix_mask_pending_unmask),
	KUNIT_CASE(fe_msix_table_bytes),
	{}
};

static struct kunit_suite fe_msix_suite = {
	.name = "nitro_fe_msix",
	.test_cases = fe_msix_cases,
};

/* ---- nitro_fe_bar ------------------------------------------------------- */

struct fe_bad_access_case {
	int bar;
	u32 off;
	int size;
};

static const struct fe_bad_access_case fe_bad_access_cases[] = {
	{ -1, 0, 4 },		/* no such BAR */
	{ 6, 0, 4 },
	{ 1, 0, 4 },		/* the high half of BAR0 */
	{ 3, 0, 4 },		/* absent */
	{ 0, 0, 3 },		/* no such width */
	{ 0, 0, 0 },
	{ 0, 0, 16 },
	{ 0, 2, 4 },		/* misaligned */
	{ 0, 4, 8 },
	{ 0, 1, 2 },
	{ 0, SZ_16K, 1 },	/* past the end */
	{ 0, SZ_16K - 4, 8 },
	{ 0, 0xfffffffc, 4 },
	{ 2, SZ_4K, 4 },
	{ 2, SZ_4K - 4, 8 },
};

static void fe_bad_access_desc(const struct fe_bad_access_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "bar %d off 0x%x size %d",
		 c->bar, c->off, c->size);
}

KUNIT_ARRAY_PARAM(fe_bad_access, fe_bad_access_cases, fe_bad_access_desc);

static void fe_bar_refuses_bad_access(struct kunit *test)
{
	const struct fe_bad_access_case *c = test->param_value;
	struct fe_test_calls *calls;
	struct nitro_dev *dev = fe_test_dev(test, &calls);
	u64 val = 0;

	KUNIT_EXPECT_EQ(test, nitro_fe_bar_read(dev, c->bar, c->off, c->size,
						&val), -EINVAL);
	KUNIT_EXPECT_EQ(test, val, c->size > 0 && c->size < 8 ?
			(1ULL << (8 * c->size)) - 1 : ~0ULL);
	KUNIT_EXPECT_EQ(test, nitro_fe_bar_write(dev, c->bar, c->off, c->size,
						 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, atomic64_read(&dev->stats.bad_access), 2);
	KUNIT_EXPECT_EQ(test, calls->reads + calls->writes + calls->doorbells, 0);
	fe_test_dev_done(dev);
}

static void fe_bar_to_personality(struct kunit *test)
{
	static const int sizes[] = { 1, 2, 4, 8 };
	struct fe_test_calls *calls;
	struct nitro_dev *dev = fe_test_dev(test, &calls);
	u64 val;
	int i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		KUNIT_EXPECT_EQ(test, nitro_fe_bar_read(dev, 2, SZ_4K - sizes[i],
							sizes[i], &val), 0);
		KUNIT_EXPECT_EQ(test, calls->bar, 2);
		KUNIT_EXPECT_EQ(test, calls->off, SZ_4K - sizes[i]);
		KUNIT_EXPECT_EQ(test, calls->size, sizes[i]);
		KUNIT_EXPECT_EQ(test, val, sizes[i] == 8 ? 0x1122334455667788ULL :
				0x1122334455667788ULL & ((1ULL << (8 * sizes[i])) - 1));

		KUNIT_EXPECT_EQ(test, nitro_fe_bar_write(dev, 0, 0x18, sizes[i],
							 ~0ULL), 0);
		KUNIT_EXPECT_EQ(test, calls->off, 0x18);
		KUNIT_EXPECT_EQ(test, calls->val, sizes[i] == 8 ? ~0ULL :
				(1ULL << (8 * sizes[i])) - 1);
	}
	KUNIT_EXPECT_EQ(test, calls->reads, 4);
	KUNIT_EXPECT_EQ(test, calls->writes, 4);

	/* Closed: the personality is not called, reads are all ones. */
	dev->open = false;
	KUNIT_EXPECT_EQ(test, nitro_fe_bar_read(dev, 0, 0, 4, &val), 0);
	KUNIT_EXPECT_EQ(test, val, 0xffffffff);
	KUNIT_EXPECT_EQ(test, calls->reads, 4);
	dev->open = true;

	/* Gone: all ones, writes dropped, even for MSI-X and doorbells. */
	nitro_dev_set_gone(dev);
	KUNIT_EXPECT_EQ(test, nitro_fe_bar_read(dev, 0, 0x2000, 8, &val), 0);
	KUNIT_EXPECT_EQ(test, val, ~0ULL);
	KUNIT_EXPECT_EQ(test, nitro_fe_bar_write(dev, 0, 0x1000, 4, 5), 0);
	KUNIT_EXPECT_EQ(test, nitro_dev_doorbell_value(dev, 0), 0);
	KUNIT_EXPECT_EQ(test, nitro_fe_bar_write(dev, 0, 0x18, 4, 5), 0);
	KUNIT_EXPECT_EQ(test, calls->writes + calls->doorbells, 4);
	fe_test_dev_done(dev);
}

static void fe_bar_doorbells(struct kunit *test)
{
	struct fe_test_calls *calls;
	struct nitro_dev *dev = fe_test_dev(test, &calls);
	u64 val;

	/* Doorbell 3 is at 0x1000 + 3 * 8. */
	KUNIT_EXPECT_EQ(test, nitro_fe_bar_write(dev, 0, 0x1018, 4, 0xabcd), 0);
	KUNIT_EXPECT_EQ(test, calls->doorbells, 1);
	KUNIT_EXPECT_EQ(test, calls->index, 3);
	KUNIT_EXPECT_EQ(test, calls->value, 0xabcd);
	KUNIT_EXPECT_EQ(test, nitro_dev_doorbell_value(dev, 3), 0xabcd);
	KUNIT_EXPECT_EQ(test, nitro_dev_doorbell_value(dev, 8), 0);
	KUNIT_EXPECT_EQ(test, atomic64_read(&dev->stats.doorbells), 1);

	/* Reads come from the latches; the gap after a register is zero. */
	KUNIT_EXPECT_EQ(test, nitro_fe_bar_read(dev, 0, 0x1018, 8, &val), 0);
	KUNIT_EXPECT_EQ(test, val, 0xabcd);
	KUNIT_EXPECT_EQ(test, nitro_fe_bar_read(dev, 0, 0x1019, 1, &val), 0);
	KUNIT_EXPECT_EQ(test, val, 0xab);

	/* Not a doorbell register write: counted, nothing else. */
	KUNIT_EXPECT_EQ(test, nitro_fe_bar_write(dev, 0, 0x1018, 2, 1), 0);
	KUNIT_EXPECT_EQ(test, nitro_fe_bar_write(dev, 0, 0x101c, 4, 1), 0);
	KUNIT_EXPECT_EQ(test, nitro_fe_bar_write(dev, 0, 0x1010, 8, 1), 0);
	KUNIT_EXPECT_EQ(test, atomic64_read(&dev->stats.bad_doorbell), 3);
	KUNIT_EXPECT_EQ(test, calls->doorbells, 1);
	KUNIT_EXPECT_EQ(test, nitro_dev_doorbell_value(dev, 3), 0xabcd);
	KUNIT_EXPECT_EQ(test, calls->reads + calls->writes, 0);

	/* Just past the window: the personality's again. */
	KUNIT_EXPECT_EQ(test, nitro_fe_bar_write(dev, 0, 0x1040, 4, 1), 0);
	KUNIT_EXPECT_EQ(test, calls->writes, 1);

	/* Reset clears the latches and reaches the personality. */
	down_write(&dev->ops_lock);
	nitro_fe_dev_reset(dev);
	up_write(&dev->ops_lock);
	KUNIT_EXPECT_EQ(test, nitro_dev_doorbell_value(dev, 3), 0);
	KUNIT_EXPECT_EQ(test, calls->resets, 1);
	fe_test_dev_done(dev);
}

static void fe_bar_msix_and_irq(struct kunit *test)
{
	struct fe_test_calls *calls;
	struct nitro_dev *dev = fe_test_dev(test, &calls);
	u64 val;

	/* Table and PBA never reach the personality. */
	KUNIT_EXPECT_EQ(test, nitro_fe_bar_write(dev, 0, 0x2010, 8, 0xfee00000),
			0);
	KUNIT_EXPECT_EQ(test, nitro_fe_bar_read(dev, 0, 0x2010, 4, &val), 0);
	KUNIT_EXPECT_EQ(test, val, 0xfee00000);
	KUNIT_EXPECT_EQ(test, nitro_fe_bar_read(dev, 0, 0x201c, 4, &val), 0);
	KUNIT_EXPECT_EQ(test, val, 1);		/* masked */
	KUNIT_EXPECT_EQ(test, calls->reads + calls->writes, 0);

	/* No eventfd yet: a raised interrupt is dropped and counted. */
	nitro_dev_irq(dev, 1);
	KUNIT_EXPECT_EQ(test, atomic64_read(&dev->stats.irqs_dropped), 1);
	/* In MSI-X mode, masked: pending, shown in the PBA. */
	dev->irq_mode = NITRO_FE_IRQ_MSIX;
	nitro_dev_irq(dev, 1);
	KUNIT_EXPECT_EQ(test, atomic64_read(&dev->stats.irqs_pending), 1);
	KUNIT_EXPECT_EQ(test, nitro_fe_bar_read(dev, 0, 0x3000, 8, &val), 0);
	KUNIT_EXPECT_EQ(test, val, 2);
	/* The PBA is read-only. */
	KUNIT_EXPECT_EQ(test, nitro_fe_bar_write(dev, 0, 0x3000, 8, 0), 0);
	KUNIT_EXPECT_EQ(test, nitro_fe_bar_read(dev, 0, 0x3000, 8, &val), 0);
	KUNIT_EXPECT_EQ(test, val, 2);
	/* Unmasked with no eventfd to signal: delivered into the void. */
	KUNIT_EXPECT_EQ(test, nitro_fe_bar_write(dev, 0, 0x201c, 4, 0), 0);
	KUNIT_EXPECT_EQ(test, atomic64_read(&dev->stats.irqs_dropped), 2);
	KUNIT_EXPECT_EQ(test, nitro_fe_bar_read(dev, 0, 0x3000, 8, &val), 0);
	KUNIT_EXPECT_EQ(test, val, 0);
	dev->irq_mode = NITRO_FE_IRQ_NONE;
	fe_test_dev_done(dev);
}

static void fe_cfg_access_checks(struct kunit *test)
{
	struct fe_test_calls *calls;
	struct nitro_dev *dev = fe_test_dev(test, &calls);
	u32 val;

	KUNIT_EXPECT_EQ(test, nitro_fe_cfg_read(dev, 0, 4, &val), 0);
	KUNIT_EXPECT_EQ(test, val, 0xfe571d0f);
	KUNIT_EXPECT_EQ(test, nitro_fe_cfg_read(dev, 0, 8, &val), -EINVAL);
	KUNIT_EXPECT_EQ(test, nitro_fe_cfg_read(dev, 1, 2, &val), -EINVAL);
	KUNIT_EXPECT_EQ(test, nitro_fe_cfg_read(dev, 4096, 1, &val), -EINVAL);
	KUNIT_EXPECT_EQ(test, val, 0xff);
	KUNIT_EXPECT_EQ(test, nitro_fe_cfg_write(dev, 4094, 4, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, atomic64_read(&dev->stats.bad_access), 4);
	KUNIT_EXPECT_EQ(test, nitro_fe_cfg_read(dev, 4095, 1, &val), 0);
	KUNIT_EXPECT_EQ(test, val, 0);

	/* FLR through config space resets the device. */
	KUNIT_EXPECT_EQ(test, nitro_fe_cfg_write(dev, PCI_COMMAND, 2,
						 PCI_COMMAND_MASTER), 0);
	KUNIT_EXPECT_EQ(test, nitro_fe_cfg_write(dev, NITRO_FE_CAP_PCIE +
						 PCI_EXP_DEVCTL, 2,
						 PCI_EXP_DEVCTL_BCR_FLR), 0);
	KUNIT_EXPECT_EQ(test, calls->resets, 1);
	KUNIT_EXPECT_EQ(test, nitro_fe_cfg_read(dev, PCI_COMMAND, 2, &val), 0);
	KUNIT_EXPECT_EQ(test, val, 0);

	/* Gone: config space still reads (for the VMM), writes are dropped. */
	nitro_dev_set_gone(dev);
	KUNIT_EXPECT_EQ(test, nitro_fe_cfg_read(dev, PCI_VENDOR_ID, 4, &val), 0);
	KUNIT_EXPECT_EQ(test, val, 0xfe571d0f);
	KUNIT_EXPECT_EQ(test, nitro_fe_cfg_write(dev, PCI_COMMAND, 2,
						 PCI_COMMAND_MEMORY), 0);
	KUNIT_EXPECT_EQ(test, nitro_fe_cfg_read(dev, PCI_COMMAND, 2, &val), 0);
	KUNIT_EXPECT_EQ(test, val, 0);
	fe_test_dev_done(dev);
}

static struct kunit_case fe_bar_cases[] = {
	KUNIT_CASE_PARAM(fe_bar_refuses_bad_access, fe_bad_access_gen_params),
	KUNIT_CASE(fe_bar_to_personality),
	KUNIT_CASE(fe_bar_doorbells),
	KUNIT_CASE(fe_bar_msix_and_irq),
	KUNIT_CASE(fe_cfg_access_checks),
	{}
};

static struct kunit_suite fe_bar_suite = {
	.name = "nitro_fe_bar",
	.test_cases = fe_bar_cases,
};

/* ---- nitro_fe_pins ------------------------------------------------------ */

struct fe_unpins {
	int n;
	u64 iova[16];
};

static void fe_test_unpin(void *ctx, u64 iova)
{
	struct fe_unpins *u = ctx;

	if (u->n < ARRAY_SIZE(u->iova))
		u->iova[u->n] = iova;
	u->n++;
}

static void fe_pins_count_and_put(struct kunit *test)
{
	struct nitro_fe_pins pins;
	struct fe_unpins u = {};

	nitro_fe_pins_init(&pins);
	KUNIT_ASSERT_EQ(test, nitro_fe_pins_add(&pins, 0x10000, 3), 0);
	KUNIT_ASSERT_EQ(test, nitro_fe_pins_add(&pins, 0x11000, 1), 0);
	KUNIT_EXPECT_EQ(test, pins.nr, 4);

	/* Page 0x11000 is pinned twice: two unpins needed. */
	KUNIT_EXPECT_EQ(test, nitro_fe_pins_put(&pins, 0x11000, 1,
						fe_test_unpin, &u), 0);
	KUNIT_EXPECT_EQ(test, u.n, 1);
	KUNIT_EXPECT_EQ(test, u.iova[0], 0x11000);
	/* 0x13000 was never pinned: skipped and reported. */
	KUNIT_EXPECT_EQ(test, nitro_fe_pins_put(&pins, 0x11000, 3,
						fe_test_unpin, &u), 1);
	KUNIT_EXPECT_EQ(test, u.n, 3);
	KUNIT_EXPECT_EQ(test, u.iova[1], 0x11000);
	KUNIT_EXPECT_EQ(test, u.iova[2], 0x12000);
	KUNIT_EXPECT_EQ(test, pins.nr, 1);
	KUNIT_EXPECT_EQ(test, nitro_fe_pins_put(&pins, 0x11000, 1,
						fe_test_unpin, &u), 1);
	KUNIT_EXPECT_EQ(test, nitro_fe_pins_put(&pins, 0x10000, 1,
						fe_test_unpin, &u), 0);
	KUNIT_EXPECT_EQ(test, pins.nr, 0);
	KUNIT_EXPECT_TRUE(test, xa_empty(&pins.pages));
	nitro_fe_pins_destroy(&pins);
}

static void fe_pins_drop_range(struct kunit *test)
{
	struct nitro_fe_pins pins;
	struct fe_unpins u = {};

	nitro_fe_pins_init(&pins);
	KUNIT_ASSERT_EQ(test, nitro_fe_pins_add(&pins, 0x0, 2), 0);
	KUNIT_ASSERT_EQ(test, nitro_fe_pins_add(&pins, 0x5000, 4), 0);
	KUNIT_ASSERT_EQ(test, nitro_fe_pins_add(&pins, 0x6000, 1), 0);
	KUNIT_ASSERT_EQ(test, nitro_fe_pins_add(&pins, 0xfffffffffffff000ULL, 1),
			0);

	/* Empty range, and a range with no pins. */
	KUNIT_EXPECT_EQ(test, nitro_fe_pins_drop_range(&pins, 0x5000, 0,
						       fe_test_unpin, &u), 0);
	KUNIT_EXPECT_EQ(test, nitro_fe_pins_drop_range(&pins, 0x2000, 0x3000,
						       fe_test_unpin, &u), 0);
	/* An unaligned range touching 0x6000 and 0x7000 only. */
	KUNIT_EXPECT_EQ(test, nitro_fe_pins_drop_range(&pins, 0x6fff, 2,
						       fe_test_unpin, &u), 3);
	KUNIT_EXPECT_EQ(test, u.iova[0], 0x6000);
	KUNIT_EXPECT_EQ(test, u.iova[1], 0x6000);
	KUNIT_EXPECT_EQ(test, u.iova[2], 0x7000);
	KUNIT_EXPECT_EQ(test, pins.nr, 5);
	/* To the top of the address space, without wrapping. */
	KUNIT_EXPECT_EQ(test, nitro_fe_pins_drop_range(&pins, 0x8000, U64_MAX,
						       fe_test_unpin, &u), 2);
	KUNIT_EXPECT_EQ(test, u.iova[3], 0x8000);
	KUNIT_EXPECT_EQ(test, u.iova[4], 0xfffffffffffff000ULL);
	/* Everything (close). */
	KUNIT_EXPECT_EQ(test, nitro_fe_pins_drop_range(&pins, 0, U64_MAX,
						       fe_test_unpin, &u), 3);
	KUNIT_EXPECT_EQ(test, u.n, 8);
	KUNIT_EXPECT_EQ(test, pins.nr, 0);
	KUNIT_EXPECT_TRUE(test, xa_empty(&pins.pages));
	nitro_fe_pins_destroy(&pins);
}

static struct kunit_case fe_pins_cases[] = {
	KUNIT_CASE(fe_pins_count_and_put),
	KUNIT_CASE(fe_pins_drop_range),
	{}
};

static struct kunit_suite fe_pins_suite = {
	.name = "nitro_fe_pins",
	.test_cases = fe_pins_cases,
};

/* ---- nitro_fe_validate -------------------------------------------------- */

struct fe_validate_case {
	const char *what;
	void (*mutate)(struct nitro_personality *p);
	int expect;
};

static void v_none(struct nitro_personality *p) { }
static void v_name_empty(struct nitro_personality *p) { p->name = ""; }
static void v_name_upper(struct nitro_personality *p) { p->name = "NVMe"; }
static void v_name_ctrl(struct nitro_personality *p) { p->name = "ctrl"; }
static void v_name_long(struct nitro_personality *p) { p->name = "sixteen_chars_xx"; }
static void v_no_ops(struct nitro_personality *p)
{
	p->ops = NULL;
}

static void v_bar_small(struct nitro_personality *p) { p->bars[2].size = 2048; }
static void v_bar_not_pow2(struct nitro_personality *p) { p->bars[2].size = 12288; }
static void v_bar64_last(struct nitro_personality *p)
{
	p->bars[5].size = SZ_4K;
	p->bars[5].is_64bit = true;
}

static void v_bar64_overlap(struct nitro_personality *p) { p->bars[1].size = SZ_4K; }
static void v_msix_too_many(struct nitro_personality *p) { p->msix_vectors = 2049; }
static void v_msix_no_bar(struct nitro_personality *p) { p->msix_bar = 3; }
static void v_msix_unaligned(struct nitro_personality *p) { p->msix_table_offset = 0x2004; }
static void v_msix_outside(struct nitro_personality *p) { p->msix_vectors = 1024; }
static void v_msix_overlap(struct nitro_personality *p) { p->msix_pba_offset = 0x2030; }
static void v_db_stride(struct nitro_personality *p) { p->db_stride = 2; }
static void v_db_odd(struct nitro_personality *p)
{
	p->db_stride = 4;
	p->nr_doorbells = 3;
}

static void v_db_outside(struct nitro_personality *p) { p->nr_doorbells = 4096; }
static void v_db_over_msix(struct nitro_personality *p) { p->db_offset = 0x2000; }
static void v_db_bar2(struct nitro_personality *p)
{
	p->db_bar = 2;
	p->db_offset = 0;
}

static const struct fe_validate_case fe_validate_cases[] = {
	{ "valid", v_none, 0 },
	{ "empty name", v_name_empty, -EINVAL },
	{ "upper-case name", v_name_upper, -EINVAL },
	{ "name ctrl", v_name_ctrl, -EINVAL },
	{ "name too long", v_name_long, -EINVAL },
	{ "no ops", v_no_ops, -EINVAL },
	{ "BAR below 4 KiB", v_bar_small, -EINVAL },
	{ "BAR size not a power of two", v_bar_not_pow2, -EINVAL },
	{ "64-bit BAR in the last slot", v_bar64_last, -EINVAL },
	{ "BAR in a 64-bit BAR's high half", v_bar64_overlap, -EINVAL },
	{ "2049 MSI-X vectors", v_msix_too_many, -EINVAL },
	{ "MSI-X in an absent BAR", v_msix_no_bar, -EINVAL },
	{ "MSI-X table not 8-byte aligned", v_msix_unaligned, -EINVAL },
	{ "MSI-X table past the BAR", v_msix_outside, -EINVAL },
	{ "MSI-X table over the PBA", v_msix_overlap, -EINVAL },
	{ "doorbell stride 2", v_db_stride, -EINVAL },
	{ "doorbell window not 8-byte sized", v_db_odd, -EINVAL },
	{ "doorbells past the BAR", v_db_outside, -EINVAL },
	{ "doorbells over the MSI-X table", v_db_over_msix, -EINVAL },
	{ "doorbells in BAR2", v_db_bar2, 0 },
};

static void fe_validate_desc(const struct fe_validate_case *c, char *desc)
{
	strscpy(desc, c->what, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(fe_validate, fe_validate_cases, fe_validate_desc);

static void fe_validate_layout(struct kunit *test)
{
	const struct fe_validate_case *c = test->param_value;
	struct nitro_personality p = fe_test_p;

	c->mutate(&p);
	KUNIT_EXPECT_EQ(test, nitro_fe_validate(&p), c->expect);
}

static struct kunit_case fe_validate_cases_list[] = {
	KUNIT_CASE_PARAM(fe_validate_layout, fe_validate_gen_params),
	{}
};

static struct kunit_suite fe_validate_suite = {
	.name = "nitro_fe_validate",
	.test_cases = fe_validate_cases_list,
};

kunit_test_suites(&fe_config_suite, &fe_msix_suite, &fe_bar_suite,
		  &fe_pins_suite, &fe_validate_suite);
