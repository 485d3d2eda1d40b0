// SPDX-License-Identifier: GPL-2.0
/*
 * nitro_nvme_queue: doorbells, CQ flow control, events, interrupts.
 */
#include "nvme_fw_test.h"

static void queue_cq_full_never_consumed(struct kunit *test)
{
	struct nvme_test *t = nvt_ready(test, 9);
	struct nvme_completion cqe;
	struct nvme_command c;
	int i, n = 0;

	/* 70 reads into a 64-entry CQ the guest does not drain: 63 fit. */
	for (i = 0; i < 63; i++) {
		nvt_rw_cmd(&c, nvme_cmd_read, i, 1, G_DATA, 0);
		nvt_queue_cmd(t, 1, &c);
	}
	nvt_ring(t, 1);
	for (i = 0; i < 7; i++) {
		nvt_rw_cmd(&c, nvme_cmd_read, i, 1, G_DATA, 0);
		nvt_queue_cmd(t, 1, &c);
	}
	nvt_ring(t, 1);
	KUNIT_EXPECT_TRUE(test, t->ctrl.sq[1]->stalled);
	KUNIT_EXPECT_EQ(test, t->ctrl.stats.read_cmds, 63ull);
	/* Reap without ringing: all 63 CQEs are intact and in order. */
	while (nvt_reap(t, 1, &cqe, false)) {
		KUNIT_ASSERT_EQ(test, cqe.command_id, (u16)(0x100 + n));
		KUNIT_ASSERT_EQ(test, le16_to_cpu(cqe.status) >> 1, 0);
		n++;
	}
	KUNIT_EXPECT_EQ(test, n, 63);
	/* Moving the head restarts the SQ. */
	nvme_fw_doorbell(&t->ctrl, 3, t->cq_head[1]);
	KUNIT_EXPECT_FALSE(test, t->ctrl.sq[1]->stalled);
	KUNIT_EXPECT_EQ(test, t->ctrl.stats.read_cmds, 70ull);
	while (nvt_reap(t, 1, &cqe, false))
		n++;
	KUNIT_EXPECT_EQ(test, n, 70);
}

static u32 test_aer_result(struct nvme_test *t, u16 *cid)
{
	struct nvme_completion cqe;

	if (!nvt_reap(t, 0, &cqe, true))
		return 0;
	*cid = cqe.command_id;
	return le32_to_cpu(cqe.result.u32);
}

static void queue_bad_doorbells_raise_events(struct kunit *test)
{
	struct nvme_test *t = nvt_ready(test, 9);
	struct nvme_command c = {};
	u16 cid = 0;
	u32 sqid_before;

	/* Park one AER. */
	c.common.opcode = nvme_admin_async_event;
	KUNIT_ASSERT_EQ(test, nvt_admin(t, &c, NULL), NO_CQE);
	KUNIT_EXPECT_EQ(test, t->ctrl.nr_aer, 1u);
	sqid_before = t->sq_tail[0] - 1;

	/* A doorbell of a queue that does not exist. */
	nvme_fw_doorbell(&t->ctrl, 2 * 3, 1);
	KUNIT_EXPECT_EQ(test, test_aer_result(t, &cid),
			(u32)(NVME_AER_ERROR | 0x00 << 8 | NVME_LOG_ERROR << 16));
	KUNIT_EXPECT_EQ(test, cid, (u16)(0x100 + sqid_before));
	KUNIT_EXPECT_EQ(test, t->ctrl.stats.invalid_doorbells, 1ull);

	/* Further error events are masked until the log is read. */
	nvme_fw_doorbell(&t->ctrl, 2 * 1, IO_Q);	/* tail past the queue */
	nvme_fw_doorbell(&t->ctrl, 2 * 1 + 1, 5);	/* head past the tail */
	nvme_fw_doorbell(&t->ctrl, 1000, 0);		/* beyond every queue */
	nvme_fw_doorbell(&t->ctrl, ~0u, 0);
	KUNIT_EXPECT_EQ(test, t->ctrl.stats.invalid_doorbells, 5ull);
	KUNIT_EXPECT_EQ(test, t->ctrl.nr_events, 0u);
	KUNIT_EXPECT_EQ(test, t->ctrl.sq[1]->tail, 0u);
	KUNIT_EXPECT_EQ(test, t->ctrl.cq[1]->head, 0u);

	/* Reading the error log re-arms; the next event waits for an AER. */
	KUNIT_ASSERT_EQ(test, nvt_log(t, NVME_LOG_ERROR, 64, 0, 0), 0);
	nvme_fw_doorbell(&t->ctrl, 2 * 1, IO_Q + 5);
	KUNIT_EXPECT_EQ(test, t->ctrl.nr_events, 1u);
	c.common.opcode = nvme_admin_async_event;
	nvt_queue_cmd(t, 0, &c);
	nvt_ring(t, 0);
	KUNIT_EXPECT_EQ(test, test_aer_result(t, &cid),
			(u32)(NVME_AER_ERROR | 0x01 << 8 | NVME_LOG_ERROR << 16));
	KUNIT_EXPECT_EQ(test, t->ctrl.nr_events, 0u);
	/* The I/O queue still works. */
	nvt_rw_cmd(&c, nvme_cmd_read, 0, 1, G_DATA, 0);
	KUNIT_EXPECT_EQ(test, nvt_cmd(t, 1, &c, NULL), 0);
}

static void queue_aer_flood(struct kunit *test)
{
	struct nvme_test *t = nvt_ready(test, 9);
	struct nvme_completion cqe;
	struct nvme_command c = {};
	int i, limit = 0, round;

	c.common.opcode = nvme_admin_async_event;
	/* 4000 AERs, 31 at a time (the admin SQ holds 32 entries). */
	for (round = 0; round < 129; round++) {
		for (i = 0; i < 31; i++)
			nvt_queue_cmd(t, 0, &c);
		nvt_ring(t, 0);
		while (nvt_reap(t, 0, &cqe, true)) {
			KUNIT_ASSERT_EQ(test, le16_to_cpu(cqe.status) >> 1,
					NVME_SC_ASYNC_LIMIT | NVME_FW_DNR);
			limit++;
		}
	}
	KUNIT_EXPECT_EQ(test, t->ctrl.nr_aer, NVME_FW_AERL + 1u);
	KUNIT_EXPECT_EQ(test, limit, 129 * 31 - (NVME_FW_AERL + 1));
	/* Disabling the controller drops the parked ones. */
	nvt_reg_write32(t, NVME_REG_CC, 0x00460000);
	KUNIT_EXPECT_EQ(test, t->ctrl.nr_aer, 0u);
}

static void queue_bar_past_doorbells(struct kunit *test)
{
	struct nvme_test *t = nvt_ready(test, 9);

	nvme_fw_bar_write(&t->ctrl, 0x1f00, 4, 1);
	KUNIT_EXPECT_EQ(test, t->ctrl.stats.invalid_doorbells, 1ull);
	KUNIT_EXPECT_EQ(test, nvme_fw_bar_read(&t->ctrl, 0x1000, 4), 0ull);
}

static void queue_interrupt_coalescing(struct kunit *test)
{
	struct nvme_test *t = nvt_ready(test, 9);
	struct nvme_command c;
	u32 res;
	int i;

	/* Aggregation threshold 4 (0-based 3), time 0: at batch end. */
	KUNIT_ASSERT_EQ(test, nvt_feature(t, nvme_admin_set_features,
					  NVME_FEAT_IRQ_COALESCE, 3, &res), 0);
	for (i = 0; i < 10; i++) {
		nvt_rw_cmd(&c, nvme_cmd_read, i, 1, G_DATA, 0);
		nvt_queue_cmd(t, 1, &c);
	}
	nvt_ring(t, 1);
	/* 4, 8, then the batch end with 2 left over. */
	KUNIT_EXPECT_EQ(test, t->irqs[1], 3u);
	/* Coalescing disabled on vector 1: one interrupt per CQE. */
	KUNIT_ASSERT_EQ(test, nvt_feature(t, nvme_admin_set_features,
					  NVME_FEAT_IRQ_CONFIG, 1 | BIT(16), &res), 0);
	for (i = 0; i < 5; i++) {
		nvt_rw_cmd(&c, nvme_cmd_read, i, 1, G_DATA, 0);
		nvt_queue_cmd(t, 1, &c);
	}
	nvt_ring(t, 1);
	KUNIT_EXPECT_EQ(test, t->irqs[1], 8u);
	/* The admin queue is never coalesced. */
	KUNIT_EXPECT_EQ(test, t->irqs[0], 5u);
}

/* Shadow doorbells: EventIdx follows, the shadow tail is honoured. */
static void queue_shadow_doorbells(struct kunit *test)
{
	struct nvme_test *t = nvt_ready(test, 9);
	__le32 *dbs = nvt_gptr(t, G_DATA2), *eis = nvt_gptr(t, G_DATA2 + 4096);
	struct nvme_completion cqe;
	struct nvme_command c = {};

	c.dbbuf.opcode = nvme_admin_dbbuf;
	c.dbbuf.prp1 = cpu_to_le64(G_DATA2);
	c.dbbuf.prp2 = cpu_to_le64(G_DATA2 + 4096);
	KUNIT_ASSERT_EQ(test, nvt_admin(t, &c, NULL), 0);
	/* Two commands; the shadow says 2 but the MMIO write only 1. */
	nvt_rw_cmd(&c, nvme_cmd_read, 0, 1, G_DATA, 0);
	nvt_queue_cmd(t, 1, &c);
	nvt_queue_cmd(t, 1, &c);
	dbs[2] = cpu_to_le32(2);
	nvme_fw_doorbell(&t->ctrl, 2, 1);
	KUNIT_EXPECT_EQ(test, t->ctrl.stats.read_cmds, 2ull);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(eis[2]), 2u);
	KUNIT_ASSERT_TRUE(test, nvt_reap(t, 1, &cqe, false));
	KUNIT_ASSERT_TRUE(test, nvt_reap(t, 1, &cqe, false));
	dbs[3] = cpu_to_le32(2);
	nvme_fw_doorbell(&t->ctrl, 3, 2);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(eis[3]), 2u);
	KUNIT_EXPECT_EQ(test, t->ctrl.cq[1]->head, 2u);
}

static void queue_delete_and_recreate(struct kunit *test)
{
	struct nvme_test *t = nvt_ready(test, 9);
	struct nvme_command c = {};

	c.delete_queue.opcode = nvme_admin_delete_sq;
	c.delete_queue.qid = cpu_to_le16(1);
	KUNIT_ASSERT_EQ(test, nvt_admin(t, &c, NULL), 0);
	/* Its doorbell is now an invalid one. */
	nvme_fw_doorbell(&t->ctrl, 2, 1);
	KUNIT_EXPECT_EQ(test, t->ctrl.stats.invalid_doorbells, 1ull);
	c.delete_queue.opcode = nvme_admin_delete_cq;
	KUNIT_ASSERT_EQ(test, nvt_admin(t, &c, NULL), 0);
	KUNIT_EXPECT_NULL(test, t->ctrl.cq[1]);
	KUNIT_EXPECT_EQ(test, nvt_admin(t, &c, NULL),
			NVME_SC_QID_INVALID | NVME_FW_DNR);
}

static struct kunit_case nitro_nvme_queue_cases[] = {
	KUNIT_CASE(queue_cq_full_never_consumed),
	KUNIT_CASE(queue_bad_doorbells_raise_events),
	KUNIT_CASE(queue_aer_flood),
	KUNIT_CASE(queue_bar_past_doorbells),
	KUNIT_CASE(queue_interrupt_coalescing),
	KUNIT_CASE(queue_shadow_doorbells),
	KUNIT_CASE(queue_delete_and_recreate),
	{}
};

static struct kunit_suite nitro_nvme_queue_suite = {
	.name = "nitro_nvme_queue",
	.exit = nvt_exit,
	.test_cases = nitro_nvme_queue_cases,
};

kunit_test_suite(nitro_nvme_queue_suite);
