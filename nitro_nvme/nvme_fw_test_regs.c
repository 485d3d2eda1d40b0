// SPDX-License-Identifier: GPL-2.0
/*
 * nitro_nvme_regs: the register file and the controller state machine.
 */
#include "nvme_fw_test.h"

static void regs_cap_vs(struct kunit *test)
{
	struct nvme_test *t = nvt_setup(test, 9);
	u64 cap = nvme_fw_bar_read(&t->ctrl, NVME_REG_CAP, 8);

	KUNIT_EXPECT_EQ(test, NVME_CAP_MQES(cap), 1023ull);
	KUNIT_EXPECT_EQ(test, (cap >> 16) & 1, 1ull);		/* CQR */
	KUNIT_EXPECT_EQ(test, NVME_CAP_TIMEOUT(cap), 30ull);
	KUNIT_EXPECT_EQ(test, NVME_CAP_STRIDE(cap), 0ull);
	KUNIT_EXPECT_EQ(test, NVME_CAP_NSSRC(cap), 0ull);
	KUNIT_EXPECT_EQ(test, NVME_CAP_CSS(cap), 1ull);
	KUNIT_EXPECT_EQ(test, NVME_CAP_MPSMIN(cap), 0ull);
	KUNIT_EXPECT_EQ(test, NVME_CAP_MPSMAX(cap), 0ull);
	KUNIT_EXPECT_EQ(test, nvt_reg_read32(t, NVME_REG_CAP), lower_32_bits(cap));
	KUNIT_EXPECT_EQ(test, nvt_reg_read32(t, NVME_REG_CAP + 4), upper_32_bits(cap));
	KUNIT_EXPECT_EQ(test, nvt_reg_read32(t, NVME_REG_VS), 0x00010400u);
	KUNIT_EXPECT_EQ(test, nvt_reg_read32(t, NVME_REG_CMBSZ), 0u);
	KUNIT_EXPECT_EQ(test, nvt_reg_read32(t, NVME_REG_CSTS), 0u);
	/* Narrow reads are bytes of the dword. */
	KUNIT_EXPECT_EQ(test, nvme_fw_bar_read(&t->ctrl, NVME_REG_VS + 2, 1), 1ull);
	KUNIT_EXPECT_EQ(test, nvme_fw_bar_read(&t->ctrl, NVME_REG_VS + 1, 1), 4ull);
	KUNIT_EXPECT_EQ(test, nvme_fw_bar_read(&t->ctrl, NVME_REG_CAP, 2), 1023ull);
}

static void regs_enable_disable(struct kunit *test)
{
	struct nvme_test *t = nvt_setup(test, 9);

	nvt_enable(test, t);
	KUNIT_EXPECT_EQ(test, nvt_reg_read32(t, NVME_REG_CC), 0x00460001u);
	KUNIT_EXPECT_EQ(test, nvme_fw_bar_read(&t->ctrl, NVME_REG_ASQ, 8), G_ASQ);
	KUNIT_EXPECT_EQ(test, nvme_fw_bar_read(&t->ctrl, NVME_REG_ACQ, 8), G_ACQ);
	nvt_ioq(test, t);
	KUNIT_EXPECT_NOT_NULL(test, t->ctrl.sq[1]);
	/* AQA cannot change while enabled. */
	nvt_reg_write32(t, NVME_REG_AQA, 0x00030003);
	KUNIT_EXPECT_EQ(test, nvt_reg_read32(t, NVME_REG_AQA), 0x001f001fu);
	nvt_reg_write32(t, NVME_REG_CC, 0x00460000);
	KUNIT_EXPECT_EQ(test, nvt_reg_read32(t, NVME_REG_CSTS), 0u);
	KUNIT_EXPECT_NULL(test, t->ctrl.sq[1]);
	KUNIT_EXPECT_NULL(test, t->ctrl.cq[0]);
	KUNIT_EXPECT_EQ(test, t->ctrl.nr_ioq_granted, 0u);
	/* And again, as a host reset does. */
	memset(t->sq_tail, 0, sizeof(t->sq_tail));
	memset(t->cq_head, 0, sizeof(t->cq_head));
	t->phase[0] = 1;
	t->phase[1] = 1;
	memset(t->mem, 0, 0x8000);
	nvt_enable(test, t);
	nvt_ioq(test, t);
}

struct bogus_enable {
	const char *name;
	u32 aqa;
	u64 asq;
	u32 cc;
};

static const struct bogus_enable bogus_enables[] = {
	{ "aqa-zero", 0, G_ASQ, 0x00460001 },
	{ "asq-one-entry", 0x001f0000, G_ASQ, 0x00460001 },
	{ "acq-one-entry", 0x0000001f, G_ASQ, 0x00460001 },
	{ "mps-8k", 0x001f001f, G_ASQ, 0x00460081 },
	{ "css-reserved", 0x001f001f, G_ASQ, 0x00460011 },
	{ "ams-vendor", 0x001f001f, G_ASQ, 0x00463801 },
};

static void bogus_enable_desc(const struct bogus_enable *b, char *desc)
{
	strscpy(desc, b->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(bogus_enable, bogus_enables, bogus_enable_desc);

static void regs_bogus_enable_is_fatal(struct kunit *test)
{
	const struct bogus_enable *b = test->param_value;
	struct nvme_test *t = nvt_setup(test, 9);

	nvt_reg_write32(t, NVME_REG_AQA, b->aqa);
	nvme_fw_bar_write(&t->ctrl, NVME_REG_ASQ, 8, b->asq);
	nvme_fw_bar_write(&t->ctrl, NVME_REG_ACQ, 8, G_ACQ);
	nvt_reg_write32(t, NVME_REG_CC, b->cc);
	KUNIT_EXPECT_EQ(test, nvt_reg_read32(t, NVME_REG_CSTS), (u32)NVME_CSTS_CFS);
	KUNIT_EXPECT_NULL(test, t->ctrl.sq[0]);
	/* Doorbells of a dead controller do nothing. */
	nvme_fw_doorbell(&t->ctrl, 0, 1);
	KUNIT_EXPECT_EQ(test, t->irqs[0], 0u);
	/* Clearing EN recovers. */
	nvt_reg_write32(t, NVME_REG_CC, 0);
	KUNIT_EXPECT_EQ(test, nvt_reg_read32(t, NVME_REG_CSTS), 0u);
}

static void regs_asq_drops_reserved_bits(struct kunit *test)
{
	struct nvme_test *t = nvt_setup(test, 9);

	nvme_fw_bar_write(&t->ctrl, NVME_REG_ASQ, 8, G_ASQ | 0x123);
	KUNIT_EXPECT_EQ(test, nvme_fw_bar_read(&t->ctrl, NVME_REG_ASQ, 8), G_ASQ);
	nvt_reg_write32(t, NVME_REG_CC, 0xffffffff & ~NVME_CC_ENABLE);
	KUNIT_EXPECT_EQ(test, nvt_reg_read32(t, NVME_REG_CC), 0x00fffff0u);
}

/* An admin SQ outside guest memory: fatal at the first fetch. */
static void regs_asq_unmapped(struct kunit *test)
{
	struct nvme_test *t = nvt_setup(test, 9);

	nvt_reg_write32(t, NVME_REG_AQA, 0x001f001f);
	nvme_fw_bar_write(&t->ctrl, NVME_REG_ASQ, 8, 0x1000);
	nvme_fw_bar_write(&t->ctrl, NVME_REG_ACQ, 8, G_ACQ);
	nvt_reg_write32(t, NVME_REG_CC, 0x00460001);
	KUNIT_EXPECT_EQ(test, nvt_reg_read32(t, NVME_REG_CSTS), (u32)NVME_CSTS_RDY);
	nvme_fw_doorbell(&t->ctrl, 0, 1);
	KUNIT_EXPECT_EQ(test, nvt_reg_read32(t, NVME_REG_CSTS),
			(u32)(NVME_CSTS_RDY | NVME_CSTS_CFS));
	KUNIT_EXPECT_EQ(test, t->ctrl.stats.fatal_events, 1ull);
	KUNIT_EXPECT_EQ(test, t->irqs[0], 0u);
}

static void regs_shutdown(struct kunit *test)
{
	struct nvme_test *t = nvt_setup(test, 9);

	nvt_enable(test, t);
	nvt_reg_write32(t, NVME_REG_CC, 0x00464001);
	KUNIT_EXPECT_EQ(test, nvt_reg_read32(t, NVME_REG_CSTS),
			(u32)(NVME_CSTS_RDY | NVME_CSTS_SHST_CMPLT));
	nvt_reg_write32(t, NVME_REG_CC, 0x00460000);
	KUNIT_EXPECT_EQ(test, nvt_reg_read32(t, NVME_REG_CSTS), 0u);
}

/* Every width at every aligned offset of the register page. */
static void regs_every_offset_every_size(struct kunit *test)
{
	struct nvme_test *t = nvt_setup(test, 9);
	static const int sizes[] = { 1, 2, 4, 8 };
	u32 off;
	int i;

	nvt_enable(test, t);
	for (i = 0; i < ARRAY_SIZE(sizes); i++)
		for (off = 0; off < NVME_FW_BAR0_SIZE; off += sizes[i])
			nvme_fw_bar_read(&t->ctrl, off, sizes[i]);
	/* Reserved space reads as zero; writes there change nothing. */
	for (i = 0; i < ARRAY_SIZE(sizes); i++)
		for (off = 0x40; off < 0x1000; off += sizes[i])
			nvme_fw_bar_write(&t->ctrl, off, sizes[i], ~0ull);
	for (off = 0x40; off < 0x1000; off += 4)
		KUNIT_ASSERT_EQ(test, nvt_reg_read32(t, off), 0u);
	KUNIT_EXPECT_EQ(test, nvt_reg_read32(t, NVME_REG_CSTS), (u32)NVME_CSTS_RDY);
	/* Writes to CAP, VS and CSTS are ignored. */
	nvme_fw_bar_write(&t->ctrl, NVME_REG_CAP, 8, 0);
	nvt_reg_write32(t, NVME_REG_VS, 0);
	nvt_reg_write32(t, NVME_REG_CSTS, ~0u);
	KUNIT_EXPECT_EQ(test, NVME_CAP_MQES(nvme_fw_bar_read(&t->ctrl, 0, 8)),
			1023ull);
	KUNIT_EXPECT_EQ(test, nvt_reg_read32(t, NVME_REG_VS), 0x00010400u);
	KUNIT_EXPECT_EQ(test, nvt_reg_read32(t, NVME_REG_CSTS), (u32)NVME_CSTS_RDY);
}

static struct kunit_case nitro_nvme_regs_cases[] = {
	KUNIT_CASE(regs_cap_vs),
	KUNIT_CASE(regs_enable_disable),
	KUNIT_CASE_PARAM(regs_bogus_enable_is_fatal, bogus_enable_gen_params),
	KUNIT_CASE(regs_asq_drops_reserved_bits),
	KUNIT_CASE(regs_asq_unmapped),
	KUNIT_CASE(regs_shutdown),
	KUNIT_CASE(regs_every_offset_every_size),
	{}
};

static struct kunit_suite nitro_nvme_regs_suite = {
	.name = "nitro_nvme_regs",
	.exit = nvt_exit,
	.test_cases = nitro_nvme_regs_cases,
};

kunit_test_suite(nitro_nvme_regs_suite);
