// SPDX-License-Identifier: GPL-2.0
/*
 * nitro_nvme_admin: Identify, queue management, features, logs, Abort, DBBUF.
 */
#include <asm/unaligned.h>

#include "nvme_fw_test.h"

static u16 test_identify(struct nvme_test *t, u8 cns, u32 nsid)
{
	struct nvme_command c = {};

	memset(nvt_gptr(t, G_DATA), 0xee, 4096);
	c.identify.opcode = nvme_admin_identify;
	c.identify.cns = cns;
	c.identify.nsid = cpu_to_le32(nsid);
	c.identify.dptr.prp1 = cpu_to_le64(G_DATA);
	return nvt_admin(t, &c, NULL);
}

static void admin_identify_ctrl(struct kunit *test)
{
	struct nvme_test *t = nvt_setup(test, 12);
	struct nvme_id_ctrl *id = nvt_gptr(t, G_DATA);

	nvt_enable(test, t);
	KUNIT_ASSERT_EQ(test, test_identify(t, NVME_ID_CNS_CTRL, 0), 0);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(id->vid), 0x1d0f);
	KUNIT_EXPECT_EQ(test, memcmp(id->sn, "vol-0123456789abcdef", 20), 0);
	KUNIT_EXPECT_EQ(test, id->mdts, NVME_FW_MDTS);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(id->ver), 0x00010400u);
	KUNIT_EXPECT_EQ(test, id->sqes, 0x66);
	KUNIT_EXPECT_EQ(test, id->cqes, 0x44);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(id->nn), 1u);
	KUNIT_EXPECT_EQ(test, id->aerl, NVME_FW_AERL);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(id->oacs), NVME_CTRL_OACS_DBBUF_SUPP);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(id->oncs), 0x000c);
	KUNIT_EXPECT_EQ(test, id->vwc, 1);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(id->sgls), 1u);
	KUNIT_EXPECT_EQ(test, id->elpe, NVME_FW_ELPE);
	KUNIT_EXPECT_EQ(test, id->cntrltype, 1);
	/* The rest of the page is written too (zeroes). */
	KUNIT_EXPECT_EQ(test, id->vs[1023], 0);
	KUNIT_EXPECT_EQ(test, t->irqs[0], 1u);
}

static void admin_identify_ns(struct kunit *test)
{
	struct nvme_test *t = nvt_setup(test, 12);
	struct nvme_id_ns *ns = nvt_gptr(t, G_DATA);
	__le32 *list = nvt_gptr(t, G_DATA);
	struct nvme_ns_id_desc *d = nvt_gptr(t, G_DATA);

	nvt_enable(test, t);
	KUNIT_ASSERT_EQ(test, test_identify(t, NVME_ID_CNS_NS, 1), 0);
	KUNIT_EXPECT_EQ(test, le64_to_cpu(ns->nsze), (u64)VOL_BLOCKS_512 / 8);
	KUNIT_EXPECT_EQ(test, le64_to_cpu(ns->ncap), (u64)VOL_BLOCKS_512 / 8);
	KUNIT_EXPECT_EQ(test, ns->nlbaf, 0);
	KUNIT_EXPECT_EQ(test, ns->flbas, 0);
	KUNIT_EXPECT_EQ(test, ns->lbaf[0].ds, 12);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(ns->lbaf[0].ms), 0);

	KUNIT_ASSERT_EQ(test, test_identify(t, NVME_ID_CNS_NS_ACTIVE_LIST, 0), 0);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(list[0]), 1u);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(list[1]), 0u);
	KUNIT_ASSERT_EQ(test, test_identify(t, NVME_ID_CNS_NS_ACTIVE_LIST, 1), 0);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(list[0]), 0u);

	KUNIT_ASSERT_EQ(test, test_identify(t, NVME_ID_CNS_NS_DESC_LIST, 1), 0);
	KUNIT_EXPECT_EQ(test, d->nidt, NVME_NIDT_UUID);
	KUNIT_EXPECT_EQ(test, d->nidl, NVME_NIDT_UUID_LEN);
	KUNIT_EXPECT_EQ(test, ((u8 *)d)[20], 0);	/* list terminator */

	KUNIT_EXPECT_EQ(test, test_identify(t, NVME_ID_CNS_NS, 2),
			NVME_SC_INVALID_NS | NVME_FW_DNR);
	KUNIT_EXPECT_EQ(test, test_identify(t, NVME_ID_CNS_NS, 0),
			NVME_SC_INVALID_NS | NVME_FW_DNR);
	KUNIT_EXPECT_EQ(test, test_identify(t, NVME_ID_CNS_NS_DESC_LIST, 7),
			NVME_SC_INVALID_NS | NVME_FW_DNR);
	KUNIT_EXPECT_EQ(test, test_identify(t, NVME_ID_CNS_NS_ACTIVE_LIST,
					    0xfffffffe),
			NVME_SC_INVALID_NS | NVME_FW_DNR);
	KUNIT_EXPECT_EQ(test, test_identify(t, 0x55, 1),
			NVME_SC_INVALID_FIELD | NVME_FW_DNR);
}

static void admin_shape_checks(struct kunit *test)
{
	struct nvme_test *t = nvt_setup(test, 9);
	struct nvme_command c = {};

	nvt_enable(test, t);
	c.common.opcode = 0x7f;			/* not an admin opcode */
	KUNIT_EXPECT_EQ(test, nvt_admin(t, &c, NULL),
			NVME_SC_INVALID_OPCODE | NVME_FW_DNR);
	c.common.opcode = nvme_admin_identify;
	c.identify.cns = NVME_ID_CNS_CTRL;
	c.identify.dptr.prp1 = cpu_to_le64(G_DATA);
	c.common.flags = NVME_CMD_FUSE_FIRST;
	KUNIT_EXPECT_EQ(test, nvt_admin(t, &c, NULL),
			NVME_SC_INVALID_FIELD | NVME_FW_DNR);
	c.common.flags = NVME_CMD_SGL_METABUF;	/* no SGLs on admin */
	KUNIT_EXPECT_EQ(test, nvt_admin(t, &c, NULL),
			NVME_SC_INVALID_FIELD | NVME_FW_DNR);
	c.common.flags = 0;
	c.identify.dptr.prp1 = cpu_to_le64(0x1000);	/* not guest memory */
	KUNIT_EXPECT_EQ(test, nvt_admin(t, &c, NULL),
			(u16)NVME_SC_DATA_XFER_ERROR);
	c.identify.dptr.prp1 = cpu_to_le64(G_DATA + 2);	/* not dword aligned */
	KUNIT_EXPECT_EQ(test, nvt_admin(t, &c, NULL),
			NVME_SC_PRP_INVALID_OFFSET | NVME_FW_DNR);
	/* A page offset is fine: PRP2 takes the rest. */
	c.identify.dptr.prp1 = cpu_to_le64(G_DATA + 0x800);
	c.identify.dptr.prp2 = cpu_to_le64(G_DATA2);
	KUNIT_EXPECT_EQ(test, nvt_admin(t, &c, NULL), 0);
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(nvt_gptr(t, G_DATA + 0x800)), 0x1d0f);
	/* Every failure is in the error log. */
	KUNIT_EXPECT_EQ(test, t->ctrl.stats.err_log_count, 5ull);
}

struct qcase {
	const char *name;
	u8 opcode;
	u16 qid;
	u16 qsize;
	u16 flags;
	u16 cqid_or_iv;
	u64 prp1;
	u16 status;
};

static const struct qcase qcases[] = {
	{ "cq-qid-0", nvme_admin_create_cq, 0, 15, 3, 1, G_DATA,
	  NVME_SC_QID_INVALID | NVME_FW_DNR },
	{ "cq-qid-over-granted", nvme_admin_create_cq, 5, 15, 3, 1, G_DATA,
	  NVME_SC_QID_INVALID | NVME_FW_DNR },
	{ "cq-qid-negative", nvme_admin_create_cq, 0xffff, 15, 3, 1, G_DATA,
	  NVME_SC_QID_INVALID | NVME_FW_DNR },
	{ "cq-qid-exists", nvme_admin_create_cq, 1, 15, 3, 1, G_DATA,
	  NVME_SC_QID_INVALID | NVME_FW_DNR },
	{ "cq-size-1", nvme_admin_create_cq, 2, 0, 3, 1, G_DATA, NVME_SC_QUEUE_SIZE | NVME_FW_DNR },
	{ "cq-size-over-mqes", nvme_admin_create_cq, 2, 1024, 3, 1, G_DATA,
	  NVME_SC_QUEUE_SIZE | NVME_FW_DNR },
	{ "cq-size-max", nvme_admin_create_cq, 2, 0xffff, 3, 1, G_DATA,
	  NVME_SC_QUEUE_SIZE | NVME_FW_DNR },
	{ "cq-not-contig", nvme_admin_create_cq, 2, 15, 2, 1, G_DATA,
	  NVME_SC_INVALID_FIELD | NVME_FW_DNR },
	{ "cq-reserved-flags", nvme_admin_create_cq, 2, 15, 7, 1, G_DATA,
	  NVME_SC_INVALID_FIELD | NVME_FW_DNR },
	{ "cq-vector", nvme_admin_create_cq, 2, 15, 3, 17, G_DATA,
	  NVME_SC_INVALID_VECTOR | NVME_FW_DNR },
	{ "cq-unaligned", nvme_admin_create_cq, 2, 15, 3, 1, G_DATA + 8,
	  NVME_SC_PRP_INVALID_OFFSET | NVME_FW_DNR },
	{ "cq-ok", nvme_admin_create_cq, 2, 15, 3, 2, G_DATA, 0 },
	{ "sq-qid-0", nvme_admin_create_sq, 0, 15, 1, 1, G_DATA,
	  NVME_SC_QID_INVALID | NVME_FW_DNR },
	{ "sq-qid-negative", nvme_admin_create_sq, 0x8000, 15, 1, 1, G_DATA,
	  NVME_SC_QID_INVALID | NVME_FW_DNR },
	{ "sq-exists", nvme_admin_create_sq, 1, 15, 1, 1, G_DATA,
	  NVME_SC_QID_INVALID | NVME_FW_DNR },
	{ "sq-no-cq", nvme_admin_create_sq, 2, 15, 1, 3, G_DATA, NVME_SC_CQ_INVALID | NVME_FW_DNR },
	{ "sq-admin-cq", nvme_admin_create_sq, 2, 15, 1, 0, G_DATA,
	  NVME_SC_CQ_INVALID | NVME_FW_DNR },
	{ "sq-cq-negative", nvme_admin_create_sq, 2, 15, 1, 0xffff, G_DATA,
	  NVME_SC_CQ_INVALID | NVME_FW_DNR },
	{ "sq-size-1", nvme_admin_create_sq, 2, 0, 1, 1, G_DATA, NVME_SC_QUEUE_SIZE | NVME_FW_DNR },
	{ "sq-reserved-flags", nvme_admin_create_sq, 2, 15, 0x11, 1, G_DATA,
	  NVME_SC_INVALID_FIELD | NVME_FW_DNR },
	{ "sq-ok-shared-cq", nvme_admin_create_sq, 2, 15, 1, 1, G_DATA, 0 },
	{ "del-sq-0", nvme_admin_delete_sq, 0, 0, 0, 0, 0, NVME_SC_QID_INVALID | NVME_FW_DNR },
	{ "del-sq-missing", nvme_admin_delete_sq, 3, 0, 0, 0, 0,
	  NVME_SC_QID_INVALID | NVME_FW_DNR },
	{ "del-sq-negative", nvme_admin_delete_sq, 0xffff, 0, 0, 0, 0,
	  NVME_SC_QID_INVALID | NVME_FW_DNR },
	{ "del-cq-in-use", nvme_admin_delete_cq, 1, 0, 0, 0, 0,
	  NVME_SC_INVALID_QUEUE | NVME_FW_DNR },
	{ "del-cq-0", nvme_admin_delete_cq, 0, 0, 0, 0, 0, NVME_SC_QID_INVALID | NVME_FW_DNR },
	{ "del-sq-ok", nvme_admin_delete_sq, 1, 0, 0, 0, 0, 0 },
};

static void qcase_desc(const struct qcase *q, char *desc)
{
	strscpy(desc, q->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(qcase, qcases, qcase_desc);

static void admin_queue_commands(struct kunit *test)
{
	const struct qcase *q = test->param_value;
	struct nvme_test *t = nvt_ready(test, 9);
	struct nvme_command c = {};

	c.common.opcode = q->opcode;
	if (q->opcode == nvme_admin_create_cq) {
		c.create_cq.cqid = cpu_to_le16(q->qid);
		c.create_cq.qsize = cpu_to_le16(q->qsize);
		c.create_cq.cq_flags = cpu_to_le16(q->flags);
		c.create_cq.irq_vector = cpu_to_le16(q->cqid_or_iv);
		c.create_cq.prp1 = cpu_to_le64(q->prp1);
	} else if (q->opcode == nvme_admin_create_sq) {
		c.create_sq.sqid = cpu_to_le16(q->qid);
		c.create_sq.qsize = cpu_to_le16(q->qsize);
		c.create_sq.sq_flags = cpu_to_le16(q->flags);
		c.create_sq.cqid = cpu_to_le16(q->cqid_or_iv);
		c.create_sq.prp1 = cpu_to_le64(q->prp1);
	} else {
		c.delete_queue.qid = cpu_to_le16(q->qid);
	}
	KUNIT_EXPECT_EQ(test, nvt_admin(t, &c, NULL), q->status);
}

static void admin_features(struct kunit *test)
{
	struct nvme_test *t = nvt_setup(test, 9);
	u32 res = 0;

	nvt_enable(test, t);
	/* Number of queues: asked 64, granted 16 (0-based 15). */
	KUNIT_EXPECT_EQ(test, nvt_feature(t, nvme_admin_set_features,
					  NVME_FEAT_NUM_QUEUES, 63 | 63 << 16, &res), 0);
	KUNIT_EXPECT_EQ(test, res, 15u | 15u << 16);
	KUNIT_EXPECT_EQ(test, nvt_feature(t, nvme_admin_set_features,
					  NVME_FEAT_NUM_QUEUES, 0xffff, &res),
			NVME_SC_INVALID_FIELD | NVME_FW_DNR);
	KUNIT_EXPECT_EQ(test, nvt_feature(t, nvme_admin_set_features,
					  NVME_FEAT_NUM_QUEUES, 1 | 2 << 16, &res), 0);
	KUNIT_EXPECT_EQ(test, res, 1u | 1u << 16);
	KUNIT_EXPECT_EQ(test, nvt_feature(t, nvme_admin_get_features,
					  NVME_FEAT_NUM_QUEUES, 0, &res), 0);
	KUNIT_EXPECT_EQ(test, res, 1u | 1u << 16);
	/* Volatile write cache. */
	KUNIT_EXPECT_EQ(test, nvt_feature(t, nvme_admin_set_features,
					  NVME_FEAT_VOLATILE_WC, 0, &res), 0);
	KUNIT_EXPECT_EQ(test, nvt_feature(t, nvme_admin_get_features,
					  NVME_FEAT_VOLATILE_WC, 0, &res), 0);
	KUNIT_EXPECT_EQ(test, res, 0u);
	KUNIT_EXPECT_EQ(test, nvt_feature(t, nvme_admin_get_features,
					  NVME_FEAT_VOLATILE_WC | 1 << 8, 0, &res), 0);
	KUNIT_EXPECT_EQ(test, res, 1u);		/* default */
	/* Coalescing, arbitration, AEC, vector config. */
	KUNIT_EXPECT_EQ(test, nvt_feature(t, nvme_admin_set_features,
					  NVME_FEAT_IRQ_COALESCE, 0x0a07, &res), 0);
	KUNIT_EXPECT_EQ(test, nvt_feature(t, nvme_admin_get_features,
					  NVME_FEAT_IRQ_COALESCE, 0, &res), 0);
	KUNIT_EXPECT_EQ(test, res, 0x0a07u);
	KUNIT_EXPECT_EQ(test, nvt_feature(t, nvme_admin_set_features,
					  NVME_FEAT_ARBITRATION, 0x03020103, &res), 0);
	KUNIT_EXPECT_EQ(test, nvt_feature(t, nvme_admin_get_features,
					  NVME_FEAT_ARBITRATION, 0, &res), 0);
	KUNIT_EXPECT_EQ(test, res, 0x03020103u);
	KUNIT_EXPECT_EQ(test, nvt_feature(t, nvme_admin_set_features,
					  NVME_FEAT_ASYNC_EVENT, 0x1f, &res), 0);
	KUNIT_EXPECT_EQ(test, nvt_feature(t, nvme_admin_set_features,
					  NVME_FEAT_ASYNC_EVENT, 0x100, &res),
			NVME_SC_INVALID_FIELD | NVME_FW_DNR);
	KUNIT_EXPECT_EQ(test, nvt_feature(t, nvme_admin_set_features,
					  NVME_FEAT_IRQ_CONFIG, 0, &res),
			NVME_SC_INVALID_FIELD | NVME_FW_DNR);
	KUNIT_EXPECT_EQ(test, nvt_feature(t, nvme_admin_set_features,
					  NVME_FEAT_IRQ_CONFIG, 3 | BIT(16), &res), 0);
	KUNIT_EXPECT_EQ(test, nvt_feature(t, nvme_admin_get_features,
					  NVME_FEAT_IRQ_CONFIG, 3, &res), 0);
	KUNIT_EXPECT_EQ(test, res, 3u | BIT(16));
	/* Saving, unknown features, bad select. */
	KUNIT_EXPECT_EQ(test, nvt_feature(t, nvme_admin_set_features,
					  NVME_FEAT_VOLATILE_WC | BIT(31), 1, &res),
			NVME_SC_FEATURE_NOT_SAVEABLE | NVME_FW_DNR);
	KUNIT_EXPECT_EQ(test, nvt_feature(t, nvme_admin_get_features,
					  NVME_FEAT_HOST_MEM_BUF, 0, &res),
			NVME_SC_INVALID_FIELD | NVME_FW_DNR);
	KUNIT_EXPECT_EQ(test, nvt_feature(t, nvme_admin_get_features,
					  NVME_FEAT_VOLATILE_WC | 5 << 8, 0, &res),
			NVME_SC_INVALID_FIELD | NVME_FW_DNR);
	KUNIT_EXPECT_EQ(test, nvt_feature(t, nvme_admin_set_features,
					  NVME_FEAT_POWER_MGMT, 1, &res),
			NVME_SC_INVALID_FIELD | NVME_FW_DNR);
}

static void admin_num_queues_after_create(struct kunit *test)
{
	struct nvme_test *t = nvt_ready(test, 9);
	u32 res;

	KUNIT_EXPECT_EQ(test, nvt_feature(t, nvme_admin_set_features,
					  NVME_FEAT_NUM_QUEUES, 7 | 7 << 16, &res),
			NVME_SC_CMD_SEQ_ERROR | NVME_FW_DNR);
}

static void admin_log_pages(struct kunit *test)
{
	struct nvme_test *t = nvt_ready(test, 9);
	struct nvme_smart_log *s = nvt_gptr(t, G_DATA);
	struct nvme_fw_slot_info_log *f = nvt_gptr(t, G_DATA);
	struct nvme_error_slot *e = nvt_gptr(t, G_DATA);
	struct nvme_command c;

	/* Two reads of 8 blocks, one failing command. */
	nvt_rw_cmd(&c, nvme_cmd_read, 0, 8, G_DATA2, 0);
	KUNIT_ASSERT_EQ(test, nvt_cmd(t, 1, &c, NULL), 0);
	KUNIT_ASSERT_EQ(test, nvt_cmd(t, 1, &c, NULL), 0);
	nvt_rw_cmd(&c, nvme_cmd_read, VOL_BLOCKS_512, 1, G_DATA2, 0);
	KUNIT_ASSERT_EQ(test, nvt_cmd(t, 1, &c, NULL),
			NVME_SC_LBA_RANGE | NVME_FW_DNR);

	KUNIT_ASSERT_EQ(test, nvt_log(t, NVME_LOG_SMART, 512, 0, NVME_NSID_ALL), 0);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(s->host_reads), 2ull);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(s->data_units_read), 1ull);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(s->num_err_log_entries), 1ull);
	KUNIT_EXPECT_EQ(test, s->avail_spare, 100);

	KUNIT_ASSERT_EQ(test, nvt_log(t, NVME_LOG_ERROR, 64, 0, 0), 0);
	KUNIT_EXPECT_EQ(test, le64_to_cpu(e->error_count), 1ull);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(e->sqid), 1);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(e->status_field) >> 1,
			NVME_SC_LBA_RANGE | NVME_FW_DNR);

	KUNIT_ASSERT_EQ(test, nvt_log(t, NVME_LOG_FW_SLOT, 512, 0, 0), 0);
	KUNIT_EXPECT_EQ(test, f->afi, 1);
	KUNIT_EXPECT_EQ(test, memcmp(&f->frs[0], "0.1.0   ", 8), 0);

	/* Offset into the log; past its end the host reads zeroes. */
	KUNIT_ASSERT_EQ(test, nvt_log(t, NVME_LOG_SMART, 8, 64, 0), 0);
	KUNIT_EXPECT_EQ(test, ((u8 *)s)[0], 2);		/* host read commands */
	KUNIT_EXPECT_EQ(test, ((u8 *)s)[8], 0xee);	/* not transferred */
	KUNIT_ASSERT_EQ(test, nvt_log(t, NVME_LOG_FW_SLOT, 1024, 0, 0), 0);
	KUNIT_EXPECT_EQ(test, ((u8 *)f)[1000], 0);

	KUNIT_EXPECT_EQ(test, nvt_log(t, 0x42, 512, 0, 0),
			NVME_SC_INVALID_LOG_PAGE | NVME_FW_DNR);
	KUNIT_EXPECT_EQ(test, nvt_log(t, NVME_LOG_SMART, 512, 512, 0),
			NVME_SC_INVALID_FIELD | NVME_FW_DNR);
	KUNIT_EXPECT_EQ(test, nvt_log(t, NVME_LOG_SMART, 512, 2, 0),
			NVME_SC_INVALID_FIELD | NVME_FW_DNR);
	KUNIT_EXPECT_EQ(test, nvt_log(t, NVME_LOG_SMART, 512, 0, 9),
			NVME_SC_INVALID_NS | NVME_FW_DNR);
	/* Longer than MDTS. */
	KUNIT_EXPECT_EQ(test, nvt_log(t, NVME_LOG_ERROR, NVME_FW_MAX_XFER + 4, 0, 0),
			NVME_SC_INVALID_FIELD | NVME_FW_DNR);
}

static void admin_abort_keepalive_dbbuf(struct kunit *test)
{
	struct nvme_test *t = nvt_ready(test, 9);
	struct nvme_command c = {};
	u32 res = 0;

	c.abort.opcode = nvme_admin_abort_cmd;
	c.abort.sqid = cpu_to_le16(1);
	c.abort.cid = 0x1234;
	KUNIT_EXPECT_EQ(test, nvt_admin(t, &c, &res), 0);
	KUNIT_EXPECT_EQ(test, res, 1u);		/* not aborted */
	memset(&c, 0, sizeof(c));
	c.common.opcode = nvme_admin_keep_alive;
	KUNIT_EXPECT_EQ(test, nvt_admin(t, &c, NULL), 0);
	memset(&c, 0, sizeof(c));
	c.dbbuf.opcode = nvme_admin_dbbuf;
	c.dbbuf.prp1 = cpu_to_le64(G_DATA + 8);
	c.dbbuf.prp2 = cpu_to_le64(G_DATA2);
	KUNIT_EXPECT_EQ(test, nvt_admin(t, &c, NULL),
			NVME_SC_INVALID_FIELD | NVME_FW_DNR);
}

static struct kunit_case nitro_nvme_admin_cases[] = {
	KUNIT_CASE(admin_identify_ctrl),
	KUNIT_CASE(admin_identify_ns),
	KUNIT_CASE(admin_shape_checks),
	KUNIT_CASE_PARAM(admin_queue_commands, qcase_gen_params),
	KUNIT_CASE(admin_features),
	KUNIT_CASE(admin_num_queues_after_create),
	KUNIT_CASE(admin_log_pages),
	KUNIT_CASE(admin_abort_keepalive_dbbuf),
	{}
};

static struct kunit_suite nitro_nvme_admin_suite = {
	.name = "nitro_nvme_admin",
	.exit = nvt_exit,
	.test_cases = nitro_nvme_admin_cases,
};

kunit_test_suite(nitro_nvme_admin_suite);
