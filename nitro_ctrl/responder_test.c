// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the responder (suite nitro_responder). Included by responder.c so
 * that a command can be handed to the dispatcher directly.
 */
#include <kunit/test.h>
#include <linux/delay.h>

#include "mbox.h"

#define NITRO_RESP_TEST_OP_ECHO		(NITRO_MBOX_OP_COMPONENT_BASE + 0)
#define NITRO_RESP_TEST_OP_REFUSE	(NITRO_MBOX_OP_COMPONENT_BASE + 1)
#define NITRO_RESP_TEST_OP_OVERRUN	(NITRO_MBOX_OP_COMPONENT_BASE + 2)

/* Echoes the payload backwards; refuses and overruns on request. */
static u16 nitro_resp_test_handle(struct nitro_responder *r,
				  const struct nitro_mbox_cmd *cmd,
				  struct nitro_mbox_cpl *cpl)
{
	u32 i, len = le32_to_cpu(cmd->len);

	switch (le16_to_cpu(cmd->opcode)) {
	case NITRO_RESP_TEST_OP_ECHO:
		for (i = 0; i < len; i++)
			cpl->payload[i] = cmd->payload[len - 1 - i];
		cpl->len = cmd->len;
		return NITRO_MBOX_S_OK;
	case NITRO_RESP_TEST_OP_OVERRUN:
		cpl->len = cpu_to_le32(NITRO_MBOX_PAYLOAD_SIZE + 1);
		return NITRO_MBOX_S_OK;
	default:
		return NITRO_MBOX_S_INVALID_OPCODE;
	}
}

static const struct nitro_responder_ops nitro_resp_test_ops = {
	.handle = nitro_resp_test_handle,
};

static const struct nitro_component_info nitro_resp_test_info = {
	.name = "kunit-resp",
	.kind = NITRO_COMPONENT_NVME,
	.version = NITRO_VERSION(1, 2, 3),
	.build_id = "kunit-build",
	.depth = 4,
	.nr_event_polls = 1,
};

static void nitro_responder_rejects_bad_info(struct kunit *test)
{
	static const char *const bad_ids[] = {
		"", "has space", "tab\there", "abcdefghijklmnopqrstuvwx",
	};
	struct nitro_component_info info = nitro_resp_test_info;
	struct nitro_responder *r, *twin;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad_ids); i++) {
		info.build_id = bad_ids[i];
		KUNIT_EXPECT_EQ_MSG(test, PTR_ERR(nitro_responder_create(&info, NULL, NULL)),
				    -EINVAL, "build id \"%s\"", bad_ids[i]);
	}
	info.build_id = NULL;
	KUNIT_EXPECT_EQ(test, PTR_ERR(nitro_responder_create(&info, NULL, NULL)),
			-EINVAL);
	info = nitro_resp_test_info;
	info.name = "Bad Name";
	KUNIT_EXPECT_EQ(test, PTR_ERR(nitro_responder_create(&info, NULL, NULL)),
			-EINVAL);

	r = nitro_responder_create(&nitro_resp_test_info, NULL, NULL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, r);
	twin = nitro_responder_create(&nitro_resp_test_info, NULL, NULL);
	KUNIT_EXPECT_EQ(test, PTR_ERR(twin), -EEXIST);
	if (!IS_ERR(twin))
		nitro_responder_destroy(twin);
	nitro_responder_destroy(r);
}

/* Through the real registration: PING, GET_INFO and component opcodes. */
static void nitro_responder_answers(struct kunit *test)
{
	struct nitro_responder *r;
	struct nitro_mbox_info info;
	struct nitro_mbox_cpl cpl;
	struct nitro_mbox *mb;
	u8 in[5] = { 1, 2, 3, 4, 5 }, out[5] = { 5, 4, 3, 2, 1 };

	r = nitro_responder_create(&nitro_resp_test_info, &nitro_resp_test_ops, test);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, r);
	KUNIT_EXPECT_PTR_EQ(test, nitro_responder_priv(r), (void *)test);
	mb = nitro_mbox_find("kunit-resp");
	KUNIT_ASSERT_NOT_NULL(test, mb);

	KUNIT_EXPECT_EQ(test, nitro_mbox_ping(mb, 5000), 0);

	KUNIT_EXPECT_EQ(test, nitro_mbox_call(mb, NITRO_MBOX_OP_GET_INFO, NULL, 0,
					      &cpl, 5000), 0);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(cpl.len), (u32)sizeof(info));
	memcpy(&info, cpl.payload, sizeof(info));
	KUNIT_EXPECT_EQ(test, le16_to_cpu(info.kind), NITRO_COMPONENT_NVME);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(info.abi), NITRO_MBOX_VERSION);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(info.version), 0x010203u);
	KUNIT_EXPECT_STREQ(test, (char *)info.build_id, "kunit-build");
	KUNIT_EXPECT_TRUE(test, !memchr_inv(info.build_id + 11, 0,
					    sizeof(info.build_id) - 11));

	KUNIT_EXPECT_EQ(test, nitro_mbox_call(mb, NITRO_RESP_TEST_OP_ECHO, in,
					      sizeof(in), &cpl, 5000), 0);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(cpl.len), 5u);
	KUNIT_EXPECT_EQ(test, memcmp(cpl.payload, out, sizeof(out)), 0);
	KUNIT_EXPECT_EQ(test, nitro_mbox_call(mb, NITRO_RESP_TEST_OP_REFUSE, NULL,
					      0, &cpl, 5000), -EOPNOTSUPP);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(cpl.status), NITRO_MBOX_S_INVALID_OPCODE);
	KUNIT_EXPECT_EQ(test, nitro_mbox_call(mb, NITRO_RESP_TEST_OP_OVERRUN, NULL,
					      0, &cpl, 5000), -EIO);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(cpl.len), 0u);
	/* Below the component range and unknown to the responder. */
	KUNIT_EXPECT_EQ(test, nitro_mbox_call(mb, 0x10, NULL, 0, &cpl, 5000),
			-EOPNOTSUPP);

	nitro_mbox_unuse(mb);
	nitro_responder_destroy(r);
	KUNIT_EXPECT_NULL(test, nitro_mbox_find("kunit-resp"));
}

struct nitro_resp_bad_cmd {
	const char *name;
	u16 version;
	u32 data_len;
	u32 len;
};

static const struct nitro_resp_bad_cmd nitro_resp_bad_cmds[] = {
	{ "version 0", .version = 0, .len = 0 },
	{ "version 2", .version = 2, .len = 0 },
	{ "data buffer too big", .version = 1, .data_len = NITRO_MBOX_DATA_MAX + 1 },
	{ "length 49", .version = 1, .len = 49 },
	{ "length 2^32-1", .version = 1, .len = 0xffffffff },
};

static void nitro_resp_bad_cmd_desc(const struct nitro_resp_bad_cmd *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(nitro_resp_bad_cmd, nitro_resp_bad_cmds, nitro_resp_bad_cmd_desc);

static void nitro_resp_test_kick(void *priv)
{
}

static const struct nitro_mbox_port_ops nitro_resp_test_port_ops = {
	.kick = nitro_resp_test_kick,
};

/*
 * A command the responder cannot trust is answered INVALID_FIELD, under its
 * own tag, and never reaches the component's handler.
 */
static void nitro_responder_rejects_bad_command(struct kunit *test)
{
	const struct nitro_resp_bad_cmd *c = test->param_value;
	struct nitro_mbox_port_config cfg = {
		.name = "kunit-direct", .depth = 2,
		.ops = &nitro_resp_test_port_ops,
	};
	struct nitro_mbox_waiter *w;
	struct nitro_responder *r;
	struct nitro_mbox_cmd cmd;
	struct nitro_mbox_cpl cpl;
	u32 tag;

	r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	w = kunit_kzalloc(test, sizeof(*w), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, r);
	KUNIT_ASSERT_NOT_NULL(test, w);
	KUNIT_ASSERT_EQ(test, nitro_responder_setup(r, &nitro_resp_test_info,
						    &nitro_resp_test_ops, NULL), 0);
	r->mb = nitro_mbox_create(&cfg);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, r->mb);
	nitro_mbox_start(r->mb);

	KUNIT_ASSERT_EQ(test, nitro_mbox_post(r->mb, NITRO_RESP_TEST_OP_ECHO, "ab",
					      2, w, &tag), 0);
	KUNIT_ASSERT_TRUE(test, nitro_mbox_fetch(r->mb, &cmd));
	cmd.version = cpu_to_le16(c->version);
	cmd.data_len = cpu_to_le32(c->data_len);
	if (c->len)
		cmd.len = cpu_to_le32(c->len);
	nitro_responder_dispatch(r, &cmd);

	KUNIT_EXPECT_TRUE(test, completion_done(&w->done));
	KUNIT_EXPECT_EQ(test, nitro_mbox_wait(r->mb, w, tag, 10, &cpl), -EINVAL);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(cpl.status), NITRO_MBOX_S_INVALID_FIELD);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(cpl.tag), tag);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(cpl.len), 0u);

	nitro_mbox_stop(r->mb);
	nitro_mbox_put(r->mb);
}

static DEFINE_SPINLOCK(nitro_resp_test_lock);
static struct nitro_mbox_event nitro_resp_test_events[20];
static unsigned int nitro_resp_test_nr_events;

static void nitro_resp_test_on_event(struct nitro_mbox *mb,
				     const struct nitro_mbox_event *ev)
{
	spin_lock(&nitro_resp_test_lock);
	if (nitro_resp_test_nr_events < ARRAY_SIZE(nitro_resp_test_events))
		nitro_resp_test_events[nitro_resp_test_nr_events] = *ev;
	nitro_resp_test_nr_events++;
	spin_unlock(&nitro_resp_test_lock);
}

static unsigned int nitro_resp_test_wait_events(unsigned int n)
{
	unsigned int i, got = 0;

	for (i = 0; i < 250; i++) {
		spin_lock(&nitro_resp_test_lock);
		got = nitro_resp_test_nr_events;
		spin_unlock(&nitro_resp_test_lock);
		if (got >= n)
			break;
		msleep(20);
	}
	return got;
}

/*
 * With no EVENT_POLL to answer, events wait in a backlog of 16 and the rest
 * are counted as lost; when polls come, the loss is reported first, then the
 * backlog in order, then new events go straight out.
 */
static void nitro_responder_event_backlog(struct kunit *test)
{
	struct nitro_component_info info = nitro_resp_test_info;
	struct nitro_responder *r;
	struct nitro_mbox *mb;
	unsigned int i;

	info.nr_event_polls = 0;
	r = nitro_responder_create(&info, NULL, NULL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, r);
	mb = nitro_mbox_find("kunit-resp");
	KUNIT_ASSERT_NOT_NULL(test, mb);
	nitro_resp_test_nr_events = 0;
	mb->on_event = nitro_resp_test_on_event;

	for (i = 0; i < NITRO_RESPONDER_BACKLOG; i++)
		KUNIT_EXPECT_EQ(test, nitro_responder_event(r, NITRO_EVENT_NOTICE,
							    i, i, 0, "queued"), 0);
	KUNIT_EXPECT_EQ(test, nitro_responder_event(r, NITRO_EVENT_ERROR, 99, 0,
						    0, NULL), -ENOSPC);
	KUNIT_EXPECT_EQ(test, nitro_responder_event(r, NITRO_EVENT_ERROR, 98, 0,
						    0, NULL), -ENOSPC);
	KUNIT_EXPECT_EQ(test, nitro_responder_event(r, 0, 0, 0, 0, NULL), -EINVAL);
	KUNIT_EXPECT_EQ(test, nitro_responder_event(r, NITRO_EVENT_LOST, 0, 0, 0,
						    NULL), -EINVAL);
	KUNIT_EXPECT_EQ(test, nitro_responder_event(r, 77, 0, 0, 0, NULL), -EINVAL);

	/* Let the controller keep one poll posted: the backlog drains. */
	spin_lock_irq(&mb->lock);
	mb->nr_event_polls = 1;
	spin_unlock_irq(&mb->lock);
	nitro_mbox_replenish(mb);
	KUNIT_ASSERT_EQ(test, nitro_resp_test_wait_events(17), 17u);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(nitro_resp_test_events[0].type),
			NITRO_EVENT_LOST);
	KUNIT_EXPECT_EQ(test, le64_to_cpu(nitro_resp_test_events[0].arg[0]), 2ull);
	for (i = 1; i <= NITRO_RESPONDER_BACKLOG; i++) {
		KUNIT_EXPECT_EQ(test, le16_to_cpu(nitro_resp_test_events[i].type),
				NITRO_EVENT_NOTICE);
		KUNIT_EXPECT_EQ(test, le32_to_cpu(nitro_resp_test_events[i].code), i - 1);
		KUNIT_EXPECT_EQ(test, le64_to_cpu(nitro_resp_test_events[i].arg[0]),
				(u64)i - 1);
		KUNIT_EXPECT_STREQ(test, (char *)nitro_resp_test_events[i].msg, "queued");
	}

	KUNIT_EXPECT_EQ(test, nitro_responder_event(r, NITRO_EVENT_GUEST_FAULT,
						    7, 0, 0, "late"), 0);
	KUNIT_ASSERT_EQ(test, nitro_resp_test_wait_events(18), 18u);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(nitro_resp_test_events[17].code), 7u);

	nitro_mbox_unuse(mb);
	nitro_responder_destroy(r);
}

static struct kunit_case nitro_responder_cases[] = {
	KUNIT_CASE(nitro_responder_rejects_bad_info),
	KUNIT_CASE(nitro_responder_answers),
	KUNIT_CASE_PARAM(nitro_responder_rejects_bad_command,
			 nitro_resp_bad_cmd_gen_params),
	KUNIT_CASE(nitro_responder_event_backlog),
	{}
};

static struct kunit_suite nitro_responder_suite = {
	.name = "nitro_responder",
	.test_cases = nitro_responder_cases,
};

kunit_test_suite(nitro_responder_suite);
