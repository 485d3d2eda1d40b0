// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the mailbox (suite nitro_mbox) and the responder (nitro_responder).
 *
 * A fake component sits on the component's side of a mailbox made with
 * nitro_mbox_create(): it fetches and answers by hand, or from a work item
 * when a test needs a live component. Assertions are on exact counters, tags
 * and bytes.
 */
#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/slab.h>

#include "mbox.h"

struct nitro_fake {
	struct nitro_mbox *mb;
	atomic_t kicks;
	bool auto_answer;
	struct work_struct work;
	spinlock_t lock;		/* events, nr_events */
	struct nitro_mbox_event events[20];
	unsigned int nr_events;
};

static void nitro_fake_kick(void *priv)
{
	struct nitro_fake *f = priv;

	atomic_inc(&f->kicks);
	if (f->auto_answer)
		queue_work(system_wq, &f->work);
}

static const struct nitro_mbox_port_ops nitro_fake_ops = {
	.kick = nitro_fake_kick,
};

static struct nitro_mbox_cpl nitro_fake_cpl(u16 opcode, u32 tag, u16 status,
					    const void *payload, u32 len)
{
	struct nitro_mbox_cpl cpl = {
		.version = cpu_to_le16(NITRO_MBOX_VERSION),
		.opcode = cpu_to_le16(opcode),
		.tag = cpu_to_le32(tag),
		.len = cpu_to_le32(len),
		.status = cpu_to_le16(status),
	};

	if (len)
		memcpy(cpl.payload, payload, min_t(u32, len, sizeof(cpl.payload)));
	return cpl;
}

/* Auto mode: echo every command but EVENT_POLL, which stays parked. */
static void nitro_fake_work(struct work_struct *work)
{
	struct nitro_fake *f = container_of(work, struct nitro_fake, work);
	struct nitro_mbox_cmd cmd;
	struct nitro_mbox_cpl cpl;
	int err;

	while (nitro_mbox_fetch(f->mb, &cmd)) {
		if (le16_to_cpu(cmd.opcode) == NITRO_MBOX_OP_EVENT_POLL)
			continue;
		cpl = nitro_fake_cpl(le16_to_cpu(cmd.opcode),
				     le32_to_cpu(cmd.tag), NITRO_MBOX_S_OK,
				     cmd.payload, le32_to_cpu(cmd.len));
		err = nitro_mbox_complete(f->mb, &cpl);
		/* Only a stopped mailbox may refuse an answer. */
		WARN_ON(err && err != -ENODEV);
	}
}

static void nitro_fake_on_event(struct nitro_mbox *mb,
				const struct nitro_mbox_event *ev)
{
	struct nitro_fake *f = mb->priv;
	unsigned long flags;

	spin_lock_irqsave(&f->lock, flags);
	if (f->nr_events < ARRAY_SIZE(f->events))
		f->events[f->nr_events] = *ev;
	f->nr_events++;
	spin_unlock_irqrestore(&f->lock, flags);
}

static struct nitro_fake *nitro_fake_new(struct kunit *test, u32 depth,
					 u32 polls, bool auto_answer)
{
	struct nitro_mbox_port_config cfg = {
		.name = "kunit",
		.depth = depth,
		.nr_event_polls = polls,
		.ops = &nitro_fake_ops,
	};
	struct nitro_fake *f;

	f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, f);
	atomic_set(&f->kicks, 0);
	f->auto_answer = auto_answer;
	spin_lock_init(&f->lock);
	INIT_WORK(&f->work, nitro_fake_work);
	cfg.priv = f;
	f->mb = nitro_mbox_create(&cfg);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, f->mb);
	f->mb->on_event = nitro_fake_on_event;
	test->priv = f;
	nitro_mbox_start(f->mb);
	return f;
}

static void nitro_mbox_test_exit(struct kunit *test)
{
	struct nitro_fake *f = test->priv;

	if (!f)
		return;
	nitro_mbox_stop(f->mb);
	cancel_work_sync(&f->work);
	nitro_mbox_put(f->mb);
}

/*
 * Waiters live as long as the test's resources, i.e. past the exit handler
 * that stops the mailbox and completes whatever is still outstanding.
 */
static struct nitro_mbox_waiter *nitro_fake_waiters(struct kunit *test,
						    unsigned int n)
{
	struct nitro_mbox_waiter *w = kunit_kcalloc(test, n, sizeof(*w),
						    GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, w);
	return w;
}

static struct nitro_mbox_stats nitro_fake_stats(struct nitro_fake *f)
{
	struct nitro_mbox_stats st;

	nitro_mbox_snapshot(f->mb, &st, NULL, NULL);
	return st;
}

static bool nitro_fake_alarm(struct nitro_fake *f)
{
	bool alarm;

	nitro_mbox_snapshot(f->mb, NULL, NULL, &alarm);
	return alarm;
}

static enum nitro_mbox_state nitro_fake_state(struct nitro_fake *f)
{
	enum nitro_mbox_state state;

	nitro_mbox_snapshot(f->mb, NULL, &state, NULL);
	return state;
}

/* Fetch one command and check the fields every command must carry. */
static u32 nitro_fake_fetch(struct kunit *test, struct nitro_fake *f,
			    u16 opcode, struct nitro_mbox_cmd *out)
{
	struct nitro_mbox_cmd cmd;

	KUNIT_ASSERT_TRUE(test, nitro_mbox_fetch(f->mb, &cmd));
	KUNIT_EXPECT_EQ(test, le16_to_cpu(cmd.version), NITRO_MBOX_VERSION);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(cmd.opcode), opcode);
	KUNIT_EXPECT_LE(test, le32_to_cpu(cmd.data_len), (u32)NITRO_MBOX_DATA_MAX);
	KUNIT_EXPECT_LE(test, le32_to_cpu(cmd.len), (u32)NITRO_MBOX_PAYLOAD_SIZE);
	if (out)
		*out = cmd;
	return le32_to_cpu(cmd.tag);
}

static void nitro_fake_answer(struct kunit *test, struct nitro_fake *f,
			      u16 opcode, u32 tag, u16 status,
			      const void *payload, u32 len)
{
	struct nitro_mbox_cpl cpl = nitro_fake_cpl(opcode, tag, status,
						   payload, len);

	KUNIT_ASSERT_EQ(test, nitro_mbox_complete(f->mb, &cpl), 0);
}

static void nitro_mbox_rejects_bad_config(struct kunit *test)
{
	static const struct nitro_mbox_port_ops no_kick = {};
	static const char *const bad_names[] = {
		"", "Upper", "a/b", "sp ace", "dot.ted",
		"abcdefghijklmnopqrstuvwxyz012345",	/* 32 chars */
	};
	struct nitro_mbox_port_config cfg = {
		.name = "ok", .depth = 4, .nr_event_polls = 2,
		.ops = &nitro_fake_ops,
	};
	struct nitro_mbox_port_config bad;
	struct nitro_mbox *mb;
	unsigned int i;

	KUNIT_EXPECT_EQ(test, PTR_ERR(nitro_mbox_create(NULL)), -EINVAL);
	for (i = 0; i < ARRAY_SIZE(bad_names); i++) {
		bad = cfg;
		bad.name = bad_names[i];
		KUNIT_EXPECT_EQ_MSG(test, PTR_ERR(nitro_mbox_create(&bad)),
				    -EINVAL, "name \"%s\"", bad_names[i]);
	}
	bad = cfg;
	bad.name = NULL;
	KUNIT_EXPECT_EQ(test, PTR_ERR(nitro_mbox_create(&bad)), -EINVAL);
	bad = cfg;
	bad.depth = 0;
	KUNIT_EXPECT_EQ(test, PTR_ERR(nitro_mbox_create(&bad)), -EINVAL);
	bad = cfg;
	bad.depth = NITRO_MBOX_MAX_DEPTH + 1;
	KUNIT_EXPECT_EQ(test, PTR_ERR(nitro_mbox_create(&bad)), -EINVAL);
	bad = cfg;
	bad.nr_event_polls = NITRO_MBOX_MAX_EVENT_POLLS + 1;
	KUNIT_EXPECT_EQ(test, PTR_ERR(nitro_mbox_create(&bad)), -EINVAL);
	bad = cfg;
	bad.ops = NULL;
	KUNIT_EXPECT_EQ(test, PTR_ERR(nitro_mbox_create(&bad)), -EINVAL);
	bad = cfg;
	bad.ops = &no_kick;
	KUNIT_EXPECT_EQ(test, PTR_ERR(nitro_mbox_create(&bad)), -EINVAL);

	/* The longest legal name and the largest geometry are accepted. */
	bad = cfg;
	bad.name = "abcdefghijklmnopqrstuvwxyz_-019";
	bad.depth = NITRO_MBOX_MAX_DEPTH;
	bad.nr_event_polls = NITRO_MBOX_MAX_EVENT_POLLS;
	mb = nitro_mbox_create(&bad);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, mb);
	KUNIT_EXPECT_EQ(test, mb->nr_slots,
			NITRO_MBOX_MAX_DEPTH + NITRO_MBOX_MAX_EVENT_POLLS);
	nitro_mbox_put(mb);
}

/* Start posts the EVENT_POLLs, once, with the first tags. */
static void nitro_mbox_start_posts_event_polls(struct kunit *test)
{
	struct nitro_fake *f = nitro_fake_new(test, 4, 2, false);
	struct nitro_mbox_stats st;
	struct nitro_mbox_cmd cmd;

	KUNIT_EXPECT_EQ(test, atomic_read(&f->kicks), 1);
	KUNIT_EXPECT_EQ(test, nitro_fake_state(f), NITRO_MBOX_LIVE);
	KUNIT_EXPECT_EQ(test, nitro_fake_fetch(test, f, NITRO_MBOX_OP_EVENT_POLL, &cmd),
			NITRO_MBOX_TAG(0, 1));
	KUNIT_EXPECT_EQ(test, le32_to_cpu(cmd.len), 0u);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(cmd.data_len), 0u);
	KUNIT_EXPECT_EQ(test, nitro_fake_fetch(test, f, NITRO_MBOX_OP_EVENT_POLL, NULL),
			NITRO_MBOX_TAG(1, 1));
	KUNIT_EXPECT_FALSE(test, nitro_mbox_fetch(f->mb, &cmd));

	nitro_mbox_start(f->mb);
	st = nitro_fake_stats(f);
	KUNIT_EXPECT_EQ(test, st.posted, 2ull);
	KUNIT_EXPECT_EQ(test, st.outstanding, 2u);
	KUNIT_EXPECT_EQ(test, atomic_read(&f->kicks), 1);
}

static const u32 nitro_mbox_depths[] = { 1, 2, 3, 5, 8, 13 };

static void nitro_mbox_depth_desc(const u32 *depth, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "depth %u", *depth);
}

KUNIT_ARRAY_PARAM(nitro_mbox_depth, nitro_mbox_depths, nitro_mbox_depth_desc);

/*
 * The ring refuses the command past its depth (-ENOSPC); once the component
 * has fetched them, the tags run out (-EBUSY) until one is answered.
 */
static void nitro_mbox_ring_full_then_tags(struct kunit *test)
{
	u32 depth = *(const u32 *)test->param_value;
	struct nitro_fake *f = nitro_fake_new(test, depth, 0, false);
	struct nitro_mbox_waiter *w = nitro_fake_waiters(test, depth + 1);
	struct nitro_mbox_waiter *extra = &w[depth];
	struct nitro_mbox_stats st;
	u32 i, tag, first;

	for (i = 0; i < depth; i++) {
		KUNIT_ASSERT_EQ(test, nitro_mbox_post(f->mb, NITRO_MBOX_OP_PING,
						      NULL, 0, &w[i], &tag), 0);
		KUNIT_EXPECT_EQ(test, tag, NITRO_MBOX_TAG(i, 1));
	}
	KUNIT_EXPECT_EQ(test, nitro_mbox_post(f->mb, NITRO_MBOX_OP_PING, NULL, 0,
					      extra, &tag), -ENOSPC);
	KUNIT_EXPECT_EQ(test, nitro_fake_stats(f).ring_full, 1ull);

	first = nitro_fake_fetch(test, f, NITRO_MBOX_OP_PING, NULL);
	for (i = 1; i < depth; i++)
		nitro_fake_fetch(test, f, NITRO_MBOX_OP_PING, NULL);
	KUNIT_EXPECT_EQ(test, nitro_mbox_post(f->mb, NITRO_MBOX_OP_PING, NULL, 0,
					      extra, &tag), -EBUSY);
	KUNIT_EXPECT_EQ(test, nitro_fake_stats(f).no_tag, 1ull);

	nitro_fake_answer(test, f, NITRO_MBOX_OP_PING, first, NITRO_MBOX_S_OK,
			  NULL, 0);
	KUNIT_EXPECT_TRUE(test, completion_done(&w[0].done));
	KUNIT_EXPECT_EQ(test, w[0].err, 0);
	KUNIT_ASSERT_EQ(test, nitro_mbox_post(f->mb, NITRO_MBOX_OP_PING, NULL, 0,
					      extra, &tag), 0);
	KUNIT_EXPECT_EQ(test, tag, NITRO_MBOX_TAG(0, 2));

	st = nitro_fake_stats(f);
	KUNIT_EXPECT_EQ(test, st.posted, (u64)depth + 1);
	KUNIT_EXPECT_EQ(test, st.completed, 1ull);
	KUNIT_EXPECT_EQ(test, st.outstanding, depth);
	KUNIT_EXPECT_FALSE(test, nitro_fake_alarm(f));
}

/* Many laps of a depth-3 ring: tags walk the slots, generations climb. */
static void nitro_mbox_wraparound_tags(struct kunit *test)
{
	struct nitro_fake *f = nitro_fake_new(test, 3, 0, false);
	struct nitro_mbox_waiter *w = nitro_fake_waiters(test, 1);
	struct nitro_mbox_cmd cmd;
	struct nitro_mbox_cpl cpl;
	struct nitro_mbox_stats st;
	u64 cookie, answer;
	u32 i, tag;

	for (i = 0; i < 100; i++) {
		cookie = 0x1000 + i;
		KUNIT_ASSERT_EQ(test, nitro_mbox_post(f->mb, NITRO_MBOX_OP_PING,
						      &cookie, sizeof(cookie),
						      w, &tag), 0);
		KUNIT_ASSERT_EQ(test, tag, NITRO_MBOX_TAG(i % 3, i / 3 + 1));
		KUNIT_ASSERT_EQ(test, nitro_fake_fetch(test, f, NITRO_MBOX_OP_PING,
						       &cmd), tag);
		KUNIT_ASSERT_EQ(test, le32_to_cpu(cmd.len), 8u);
		KUNIT_ASSERT_EQ(test, memcmp(cmd.payload, &cookie, 8), 0);
		answer = ~cookie;
		nitro_fake_answer(test, f, NITRO_MBOX_OP_PING, tag,
				  NITRO_MBOX_S_OK, &answer, sizeof(answer));
		KUNIT_ASSERT_EQ(test, nitro_mbox_wait(f->mb, w, tag, 1000, &cpl), 0);
		KUNIT_ASSERT_EQ(test, le32_to_cpu(cpl.len), 8u);
		KUNIT_ASSERT_EQ(test, memcmp(cpl.payload, &answer, 8), 0);
	}
	st = nitro_fake_stats(f);
	KUNIT_EXPECT_EQ(test, st.posted, 100ull);
	KUNIT_EXPECT_EQ(test, st.completed, 100ull);
	KUNIT_EXPECT_EQ(test, st.outstanding, 0u);
	KUNIT_EXPECT_EQ(test, st.dropped[NITRO_MBOX_DROP_STALE], 0ull);
	KUNIT_EXPECT_FALSE(test, nitro_fake_alarm(f));
}

/* A reused slot gets a new generation; the old tag is then stale. */
static void nitro_mbox_tag_reuse_after_completion(struct kunit *test)
{
	struct nitro_fake *f = nitro_fake_new(test, 1, 0, false);
	struct nitro_mbox_waiter *w = nitro_fake_waiters(test, 2);
	struct nitro_mbox_waiter *wa = &w[0], *wb = &w[1];
	u32 a, b;

	KUNIT_ASSERT_EQ(test, nitro_mbox_post(f->mb, NITRO_MBOX_OP_PING, NULL, 0,
					      wa, &a), 0);
	nitro_fake_fetch(test, f, NITRO_MBOX_OP_PING, NULL);
	nitro_fake_answer(test, f, NITRO_MBOX_OP_PING, a, NITRO_MBOX_S_OK, NULL, 0);
	KUNIT_EXPECT_EQ(test, wa->err, 0);

	KUNIT_ASSERT_EQ(test, nitro_mbox_post(f->mb, NITRO_MBOX_OP_PING, NULL, 0,
					      wb, &b), 0);
	KUNIT_EXPECT_EQ(test, NITRO_MBOX_TAG_SLOT(b), NITRO_MBOX_TAG_SLOT(a));
	KUNIT_EXPECT_EQ(test, NITRO_MBOX_TAG_GEN(b), NITRO_MBOX_TAG_GEN(a) + 1);
	nitro_fake_fetch(test, f, NITRO_MBOX_OP_PING, NULL);

	/* The first command's tag answers nothing now. */
	nitro_fake_answer(test, f, NITRO_MBOX_OP_PING, a, NITRO_MBOX_S_OK, NULL, 0);
	KUNIT_EXPECT_FALSE(test, completion_done(&wb->done));
	KUNIT_EXPECT_EQ(test, nitro_fake_stats(f).dropped[NITRO_MBOX_DROP_STALE], 1ull);

	nitro_fake_answer(test, f, NITRO_MBOX_OP_PING, b, NITRO_MBOX_S_BUSY, NULL, 0);
	KUNIT_EXPECT_TRUE(test, completion_done(&wb->done));
	KUNIT_EXPECT_EQ(test, wb->err, -EBUSY);
	KUNIT_EXPECT_EQ(test, nitro_fake_stats(f).completed, 2ull);
}

enum nitro_bad_target { NITRO_BAD_PING, NITRO_BAD_POLL, NITRO_BAD_OTHER };

struct nitro_bad_case {
	const char *name;
	enum nitro_bad_target target;	/* whose tag the answer uses */
	u32 tag;			/* for NITRO_BAD_OTHER */
	bool answer_first;		/* answer properly before */
	u16 version, opcode_delta, status, data_len;
	u32 len;
	u16 ev_type;
	enum nitro_mbox_drop expect;
};

/*
 * Mailbox for these cases: depth 4, one EVENT_POLL (slot 0, gen 1) and one
 * PING (slot 1, gen 1) outstanding, so nr_slots is 5.
 */
static const struct nitro_bad_case nitro_bad_cases[] = {
	{ "slot out of range", NITRO_BAD_OTHER, NITRO_MBOX_TAG(5, 1),
	  .expect = NITRO_MBOX_DROP_UNKNOWN },
	{ "slot 0xffff", NITRO_BAD_OTHER, NITRO_MBOX_TAG(0xffff, 1),
	  .expect = NITRO_MBOX_DROP_UNKNOWN },
	{ "generation 0", NITRO_BAD_OTHER, NITRO_MBOX_TAG(1, 0),
	  .expect = NITRO_MBOX_DROP_UNKNOWN },
	{ "slot never used", NITRO_BAD_OTHER, NITRO_MBOX_TAG(3, 1),
	  .expect = NITRO_MBOX_DROP_UNKNOWN },
	{ "generation not issued yet", NITRO_BAD_OTHER, NITRO_MBOX_TAG(1, 2),
	  .expect = NITRO_MBOX_DROP_UNKNOWN },
	{ "answered twice", NITRO_BAD_PING, .answer_first = true,
	  .expect = NITRO_MBOX_DROP_DUPLICATE },
	{ "bad version", NITRO_BAD_PING, .version = 2,
	  .expect = NITRO_MBOX_DROP_MALFORMED },
	{ "wrong opcode", NITRO_BAD_PING, .opcode_delta = 1,
	  .expect = NITRO_MBOX_DROP_MALFORMED },
	{ "length past payload", NITRO_BAD_PING, .len = 49,
	  .expect = NITRO_MBOX_DROP_MALFORMED },
	{ "huge length", NITRO_BAD_PING, .len = 0xffffffff,
	  .expect = NITRO_MBOX_DROP_MALFORMED },
	{ "data without a buffer", NITRO_BAD_PING, .data_len = 1,
	  .expect = NITRO_MBOX_DROP_MALFORMED },
	{ "unknown status", NITRO_BAD_PING, .status = 0x99,
	  .expect = NITRO_MBOX_DROP_MALFORMED },
	{ "event short", NITRO_BAD_POLL, .len = 8, .ev_type = NITRO_EVENT_NOTICE,
	  .expect = NITRO_MBOX_DROP_MALFORMED },
	{ "event type 0", NITRO_BAD_POLL, .len = 48, .ev_type = 0,
	  .expect = NITRO_MBOX_DROP_MALFORMED },
	{ "event type 9", NITRO_BAD_POLL, .len = 48, .ev_type = 9,
	  .expect = NITRO_MBOX_DROP_MALFORMED },
};

static void nitro_bad_case_desc(const struct nitro_bad_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(nitro_bad, nitro_bad_cases, nitro_bad_case_desc);

/*
 * Every kind of bad answer is dropped and counted under its own name and
 * raises the alarm. One naming no outstanding command reaches nobody; a
 * malformed one ends the command it names with -EPROTO and no content.
 */
static void nitro_mbox_bad_completion(struct kunit *test)
{
	const struct nitro_bad_case *c = test->param_value;
	struct nitro_fake *f = nitro_fake_new(test, 4, 1, false);
	struct nitro_mbox_event ev = { .type = cpu_to_le16(c->ev_type) };
	struct nitro_mbox_waiter *w = nitro_fake_waiters(test, 1);
	struct nitro_mbox_stats before, st;
	struct nitro_mbox_cpl cpl;
	u32 poll, ping, tag;
	u16 opcode;
	int d;

	poll = nitro_fake_fetch(test, f, NITRO_MBOX_OP_EVENT_POLL, NULL);
	KUNIT_ASSERT_EQ(test, nitro_mbox_post(f->mb, NITRO_MBOX_OP_PING, NULL, 0,
					      w, &ping), 0);
	KUNIT_ASSERT_EQ(test, nitro_fake_fetch(test, f, NITRO_MBOX_OP_PING, NULL),
			ping);
	KUNIT_ASSERT_EQ(test, poll, NITRO_MBOX_TAG(0, 1));
	KUNIT_ASSERT_EQ(test, ping, NITRO_MBOX_TAG(1, 1));

	if (c->answer_first) {
		nitro_fake_answer(test, f, NITRO_MBOX_OP_PING, ping,
				  NITRO_MBOX_S_OK, NULL, 0);
		KUNIT_ASSERT_EQ(test, w->err, 0);
	}
	before = nitro_fake_stats(f);

	switch (c->target) {
	case NITRO_BAD_PING:
		tag = ping;
		opcode = NITRO_MBOX_OP_PING;
		break;
	case NITRO_BAD_POLL:
		tag = poll;
		opcode = NITRO_MBOX_OP_EVENT_POLL;
		break;
	default:
		tag = c->tag;
		opcode = NITRO_MBOX_OP_PING;
		break;
	}
	cpl = nitro_fake_cpl(opcode + c->opcode_delta, tag, c->status, &ev,
			     c->target == NITRO_BAD_POLL ? sizeof(ev) : 0);
	if (c->version)
		cpl.version = cpu_to_le16(c->version);
	if (c->len)
		cpl.len = cpu_to_le32(c->len);
	cpl.data_len = cpu_to_le16(c->data_len);
	KUNIT_ASSERT_EQ(test, nitro_mbox_complete(f->mb, &cpl), 0);

	st = nitro_fake_stats(f);
	for (d = 0; d < NITRO_MBOX_NR_DROPS; d++)
		KUNIT_EXPECT_EQ_MSG(test, st.dropped[d] - before.dropped[d],
				    d == c->expect ? 1ull : 0ull, "drop kind %d", d);
	KUNIT_EXPECT_TRUE(test, nitro_fake_alarm(f));
	KUNIT_EXPECT_EQ(test, st.events, 0ull);
	KUNIT_EXPECT_EQ(test, f->nr_events, 0u);

	if (c->expect == NITRO_MBOX_DROP_MALFORMED) {
		/* The named command is over, without its content. */
		KUNIT_EXPECT_EQ(test, st.completed, before.completed + 1);
		KUNIT_EXPECT_EQ(test, st.outstanding, before.outstanding - 1);
		if (c->target == NITRO_BAD_PING) {
			KUNIT_EXPECT_TRUE(test, completion_done(&w->done));
			KUNIT_EXPECT_EQ(test, w->err, -EPROTO);
		} else {
			/* A broken poll is not replaced at once. */
			KUNIT_EXPECT_EQ(test, st.posted, before.posted);
		}
		return;
	}
	KUNIT_EXPECT_EQ(test, st.completed, before.completed);
	KUNIT_EXPECT_EQ(test, st.outstanding, before.outstanding);
	if (!c->answer_first) {
		/* The dropped answer did not use up the command's tag. */
		KUNIT_EXPECT_FALSE(test, completion_done(&w->done));
		nitro_fake_answer(test, f, NITRO_MBOX_OP_PING, ping,
				  NITRO_MBOX_S_OK, NULL, 0);
		KUNIT_EXPECT_TRUE(test, completion_done(&w->done));
		KUNIT_EXPECT_EQ(test, w->err, 0);
	}
}

/* No answer in time: -ETIMEDOUT, the component fails, the late answer is stale. */
static void nitro_mbox_timeout_fails_component(struct kunit *test)
{
	struct nitro_fake *f = nitro_fake_new(test, 2, 0, false);
	struct nitro_mbox_waiter *w = nitro_fake_waiters(test, 2);
	struct nitro_mbox_stats st;
	u32 tag, tag2;

	KUNIT_ASSERT_EQ(test, nitro_mbox_post(f->mb, NITRO_MBOX_OP_PING, NULL, 0,
					      &w[0], &tag), 0);
	nitro_fake_fetch(test, f, NITRO_MBOX_OP_PING, NULL);
	KUNIT_EXPECT_EQ(test, nitro_mbox_wait(f->mb, &w[0], tag, 20, NULL),
			-ETIMEDOUT);

	st = nitro_fake_stats(f);
	KUNIT_EXPECT_EQ(test, st.timed_out, 1ull);
	KUNIT_EXPECT_EQ(test, st.outstanding, 0u);
	KUNIT_EXPECT_EQ(test, st.completed, 0ull);
	KUNIT_EXPECT_EQ(test, nitro_fake_state(f), NITRO_MBOX_FAILED);
	KUNIT_EXPECT_EQ(test, nitro_mbox_post(f->mb, NITRO_MBOX_OP_PING, NULL, 0,
					      &w[1], &tag2), -EIO);
	KUNIT_EXPECT_EQ(test, nitro_mbox_call(f->mb, NITRO_MBOX_OP_PING, NULL, 0,
					      NULL, 0), -EIO);

	nitro_fake_answer(test, f, NITRO_MBOX_OP_PING, tag, NITRO_MBOX_S_OK, NULL, 0);
	st = nitro_fake_stats(f);
	KUNIT_EXPECT_EQ(test, st.dropped[NITRO_MBOX_DROP_STALE], 1ull);
	KUNIT_EXPECT_EQ(test, st.completed, 0ull);
	KUNIT_EXPECT_TRUE(test, nitro_fake_alarm(f));
}

struct nitro_poster {
	struct nitro_fake *f;
	unsigned int id;
	unsigned int calls;
	unsigned int retries;
	unsigned int errors;
	struct completion done;
};

static int nitro_poster_thread(void *data)
{
	struct nitro_poster *p = data;
	struct nitro_mbox_cpl cpl;
	unsigned int i;
	u64 cookie;
	int err;

	for (i = 0; i < p->calls; i++) {
		cookie = (u64)p->id << 32 | i;
		do {
			err = nitro_mbox_call(p->f->mb, NITRO_MBOX_OP_PING,
					      &cookie, sizeof(cookie), &cpl, 5000);
			if (err == -EBUSY || err == -ENOSPC) {
				p->retries++;
				usleep_range(10, 50);
			}
		} while (err == -EBUSY || err == -ENOSPC);
		if (err || le32_to_cpu(cpl.len) != sizeof(cookie) ||
		    memcmp(cpl.payload, &cookie, sizeof(cookie)))
			p->errors++;
	}
	complete(&p->done);
	return 0;
}

/*
 * Four threads hammer a depth-2 mailbox whose component answers from a work
 * item: every call gets its own answer, every refusal is counted once.
 */
static void nitro_mbox_concurrent_posters(struct kunit *test)
{
	struct nitro_fake *f = nitro_fake_new(test, 2, 0, true);
	struct nitro_poster p[4];
	struct task_struct *t;
	struct nitro_mbox_stats st;
	unsigned int i, retries = 0;

	for (i = 0; i < ARRAY_SIZE(p); i++) {
		p[i] = (struct nitro_poster){ .f = f, .id = i, .calls = 250 };
		init_completion(&p[i].done);
		t = kthread_run(nitro_poster_thread, &p[i], "nitro-kunit-%u", i);
		KUNIT_ASSERT_NOT_ERR_OR_NULL(test, t);
	}
	for (i = 0; i < ARRAY_SIZE(p); i++) {
		wait_for_completion(&p[i].done);
		KUNIT_EXPECT_EQ(test, p[i].errors, 0u);
		retries += p[i].retries;
	}
	st = nitro_fake_stats(f);
	KUNIT_EXPECT_EQ(test, st.posted, 1000ull);
	KUNIT_EXPECT_EQ(test, st.completed, 1000ull);
	KUNIT_EXPECT_EQ(test, st.outstanding, 0u);
	KUNIT_EXPECT_EQ(test, st.ring_full + st.no_tag, (u64)retries);
	for (i = 0; i < NITRO_MBOX_NR_DROPS; i++)
		KUNIT_EXPECT_EQ(test, st.dropped[i], 0ull);
	KUNIT_EXPECT_EQ(test, st.timed_out, 0ull);
	KUNIT_EXPECT_FALSE(test, nitro_fake_alarm(f));
}

/*
 * An answered EVENT_POLL reaches the controller's handler byte for byte and
 * is replaced at once by a new one; one answered with an error is not, until
 * the next replenish.
 */
static void nitro_mbox_event_poll_replenish(struct kunit *test)
{
	struct nitro_fake *f = nitro_fake_new(test, 4, 2, false);
	struct nitro_mbox_event ev = {
		.type = cpu_to_le16(NITRO_EVENT_ERROR),
		.code = cpu_to_le32(0x42),
		.arg = { cpu_to_le64(1), cpu_to_le64(0xffffffffffffffffull) },
		.msg = "backend error",
	};
	struct nitro_mbox_stats st;
	u32 t0, t1, t2, t3;

	t0 = nitro_fake_fetch(test, f, NITRO_MBOX_OP_EVENT_POLL, NULL);
	t1 = nitro_fake_fetch(test, f, NITRO_MBOX_OP_EVENT_POLL, NULL);
	KUNIT_EXPECT_EQ(test, atomic_read(&f->kicks), 1);

	nitro_fake_answer(test, f, NITRO_MBOX_OP_EVENT_POLL, t0, NITRO_MBOX_S_OK,
			  &ev, sizeof(ev));
	KUNIT_ASSERT_EQ(test, f->nr_events, 1u);
	KUNIT_EXPECT_EQ(test, memcmp(&f->events[0], &ev, sizeof(ev)), 0);
	st = nitro_fake_stats(f);
	KUNIT_EXPECT_EQ(test, st.events, 1ull);
	KUNIT_EXPECT_EQ(test, st.outstanding, 2u);
	KUNIT_EXPECT_EQ(test, st.posted, 3ull);
	KUNIT_EXPECT_EQ(test, atomic_read(&f->kicks), 2);
	t2 = nitro_fake_fetch(test, f, NITRO_MBOX_OP_EVENT_POLL, NULL);
	KUNIT_EXPECT_EQ(test, t2, NITRO_MBOX_TAG(2, 1));

	nitro_fake_answer(test, f, NITRO_MBOX_OP_EVENT_POLL, t1,
			  NITRO_MBOX_S_ABORTED, NULL, 0);
	st = nitro_fake_stats(f);
	KUNIT_EXPECT_EQ(test, st.outstanding, 1u);
	KUNIT_EXPECT_EQ(test, st.completed, 2ull);
	KUNIT_EXPECT_EQ(test, st.events, 1ull);
	KUNIT_EXPECT_EQ(test, f->nr_events, 1u);
	KUNIT_EXPECT_FALSE(test, nitro_fake_alarm(f));

	nitro_mbox_replenish(f->mb);
	KUNIT_EXPECT_EQ(test, nitro_fake_stats(f).outstanding, 2u);
	t3 = nitro_fake_fetch(test, f, NITRO_MBOX_OP_EVENT_POLL, NULL);
	KUNIT_EXPECT_EQ(test, t3, NITRO_MBOX_TAG(3, 1));
	/* Already full: nothing more is posted. */
	nitro_mbox_replenish(f->mb);
	KUNIT_EXPECT_EQ(test, nitro_fake_stats(f).posted, 4ull);
}

/*
 * Whatever the component answers, the command ring's bytes and producer
 * position stay as the controller left them: the component's only handles
 * on it are copies (nitro_mbox_fetch()).
 */
static void nitro_mbox_component_cannot_write_cmd_ring(struct kunit *test)
{
	struct nitro_fake *f = nitro_fake_new(test, 4, 2, false);
	struct nitro_mbox_waiter *w = nitro_fake_waiters(test, 2);
	struct nitro_mbox_cmd cmd;
	struct nitro_mbox_cpl cpl;
	size_t size = 4 * sizeof(struct nitro_mbox_cmd);
	u8 *snap;
	u32 prod, slot, gen, tag;

	KUNIT_ASSERT_EQ(test, nitro_mbox_post(f->mb, NITRO_MBOX_OP_PING, NULL, 0,
					      &w[0], &tag), 0);
	KUNIT_ASSERT_EQ(test, nitro_mbox_post(f->mb, NITRO_MBOX_OP_PING, NULL, 0,
					      &w[1], &tag), 0);
	KUNIT_ASSERT_TRUE(test, nitro_ring_full(&f->mb->cmdq));
	snap = kunit_kmalloc(test, size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, snap);
	memcpy(snap, f->mb->cmdq.entries, size);
	prod = f->mb->cmdq.prod;

	/* Forged answers for every slot and generation, all malformed. */
	for (slot = 0; slot < 8; slot++) {
		for (gen = 0; gen < 4; gen++) {
			memset(&cpl, 0xa5, sizeof(cpl));
			cpl.tag = cpu_to_le32(NITRO_MBOX_TAG(slot, gen));
			KUNIT_ASSERT_EQ(test, nitro_mbox_complete(f->mb, &cpl), 0);
		}
	}
	KUNIT_EXPECT_EQ(test, memcmp(snap, f->mb->cmdq.entries, size), 0);
	KUNIT_EXPECT_EQ(test, f->mb->cmdq.prod, prod);

	/* Scribbling on a fetched command changes only the copy. */
	KUNIT_ASSERT_TRUE(test, nitro_mbox_fetch(f->mb, &cmd));
	memset(&cmd, 0xff, sizeof(cmd));
	KUNIT_EXPECT_EQ(test, memcmp(snap, f->mb->cmdq.entries, size), 0);
	KUNIT_EXPECT_TRUE(test, nitro_fake_alarm(f));
}

/* Stopping ends every outstanding command with -ENODEV and refuses more. */
static void nitro_mbox_stop_aborts_outstanding(struct kunit *test)
{
	struct nitro_fake *f = nitro_fake_new(test, 4, 1, false);
	struct nitro_mbox_waiter *w = nitro_fake_waiters(test, 3);
	struct nitro_mbox_stats st;
	struct nitro_mbox_cpl cpl;
	struct nitro_mbox_cmd cmd;
	u32 tag;

	KUNIT_ASSERT_EQ(test, nitro_mbox_post(f->mb, NITRO_MBOX_OP_PING, NULL, 0,
					      &w[0], &tag), 0);
	KUNIT_ASSERT_EQ(test, nitro_mbox_post(f->mb, NITRO_MBOX_OP_GET_INFO, NULL,
					      0, &w[1], &tag), 0);
	nitro_mbox_stop(f->mb);

	KUNIT_EXPECT_TRUE(test, completion_done(&w[0].done));
	KUNIT_EXPECT_EQ(test, w[0].err, -ENODEV);
	KUNIT_EXPECT_EQ(test, w[1].err, -ENODEV);
	KUNIT_EXPECT_EQ(test, nitro_mbox_wait(f->mb, &w[1], tag, 10, &cpl), -ENODEV);
	st = nitro_fake_stats(f);
	KUNIT_EXPECT_EQ(test, st.aborted, 3ull);
	KUNIT_EXPECT_EQ(test, st.outstanding, 0u);
	KUNIT_EXPECT_EQ(test, nitro_fake_state(f), NITRO_MBOX_DEAD);

	KUNIT_EXPECT_EQ(test, nitro_mbox_post(f->mb, NITRO_MBOX_OP_PING, NULL, 0,
					      &w[2], &tag), -ENODEV);
	KUNIT_ASSERT_TRUE(test, nitro_mbox_fetch(f->mb, &cmd));
	cpl = nitro_fake_cpl(le16_to_cpu(cmd.opcode), le32_to_cpu(cmd.tag),
			     NITRO_MBOX_S_OK, NULL, 0);
	KUNIT_EXPECT_EQ(test, nitro_mbox_complete(f->mb, &cpl), -ENODEV);
	KUNIT_EXPECT_FALSE(test, nitro_mbox_tryget(f->mb));
	/* A second stop (the exit handler's) is harmless. */
	nitro_mbox_stop(f->mb);
}

/* Request data in, answer data out, through the command's own buffer. */
static void nitro_mbox_data_round_trip(struct kunit *test)
{
	struct nitro_fake *f = nitro_fake_new(test, 2, 0, false);
	struct nitro_mbox_waiter *w = nitro_fake_waiters(test, 1);
	u8 *buf = kunit_kmalloc(test, 300, GFP_KERNEL);
	struct nitro_mbox_req req = {
		.opcode = NITRO_MBOX_OP_COMPONENT_BASE, .payload = "hdr",
		.len = 3, .data = buf, .data_len = 300,
	};
	struct nitro_mbox_cmd cmd;
	struct nitro_mbox_cpl cpl;
	u8 in[300], out[7] = "answer";
	u32 i, tag;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	for (i = 0; i < 300; i++)
		buf[i] = i * 7;
	KUNIT_ASSERT_EQ(test, nitro_mbox_post_req(f->mb, &req, w, &tag), 0);
	nitro_fake_fetch(test, f, NITRO_MBOX_OP_COMPONENT_BASE, &cmd);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(cmd.data_len), 300u);
	KUNIT_ASSERT_EQ(test, nitro_mbox_data_read(f->mb, tag, 0, in, 300), 0);
	KUNIT_EXPECT_EQ(test, memcmp(in, buf, 300), 0);
	KUNIT_ASSERT_EQ(test, nitro_mbox_data_read(f->mb, tag, 299, in, 1), 0);
	KUNIT_EXPECT_EQ(test, in[0], (u8)(299 * 7));
	KUNIT_ASSERT_EQ(test, nitro_mbox_data_write(f->mb, tag, 0, out, 7), 0);

	cpl = nitro_fake_cpl(NITRO_MBOX_OP_COMPONENT_BASE, tag, NITRO_MBOX_S_OK,
			     NULL, 0);
	cpl.data_len = cpu_to_le16(7);
	KUNIT_ASSERT_EQ(test, nitro_mbox_complete(f->mb, &cpl), 0);
	KUNIT_EXPECT_EQ(test, nitro_mbox_wait(f->mb, w, tag, 10, NULL), 0);
	KUNIT_EXPECT_EQ(test, w->data_out, 7u);
	KUNIT_EXPECT_EQ(test, memcmp(buf, "answer", 7), 0);
	KUNIT_EXPECT_EQ(test, buf[7], (u8)(7 * 7));
	KUNIT_EXPECT_EQ(test, nitro_fake_stats(f).bad_data, 0ull);
	KUNIT_EXPECT_FALSE(test, nitro_fake_alarm(f));

	/* The command is over: its buffer is out of reach. */
	KUNIT_EXPECT_EQ(test, nitro_mbox_data_read(f->mb, tag, 0, in, 1), -ESTALE);
	KUNIT_EXPECT_EQ(test, nitro_mbox_data_write(f->mb, tag, 0, out, 1), -ESTALE);
	KUNIT_EXPECT_EQ(test, nitro_fake_stats(f).bad_data, 2ull);
	KUNIT_EXPECT_TRUE(test, nitro_fake_alarm(f));
}

struct nitro_data_case {
	const char *name;
	bool no_buffer;
	u32 tag_delta;		/* added to the real tag's generation */
	u32 off, len;
	int expect;
};

static const struct nitro_data_case nitro_data_cases[] = {
	{ "past the end", .off = 60, .len = 5, .expect = -EINVAL },
	{ "offset past the end", .off = 65, .len = 0, .expect = -EINVAL },
	{ "length wraps", .off = 1, .len = 0xffffffff, .expect = -EINVAL },
	{ "offset wraps", .off = 0xffffffff, .len = 2, .expect = -EINVAL },
	{ "command without buffer", .no_buffer = true, .len = 1,
	  .expect = -EINVAL },
	{ "tag of another generation", .tag_delta = 1, .len = 1,
	  .expect = -ESTALE },
};

static void nitro_data_case_desc(const struct nitro_data_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(nitro_data, nitro_data_cases, nitro_data_case_desc);

/* Every access outside the command's own buffer is refused and raises the alarm. */
static void nitro_mbox_data_bad_access(struct kunit *test)
{
	const struct nitro_data_case *c = test->param_value;
	struct nitro_fake *f = nitro_fake_new(test, 2, 0, false);
	struct nitro_mbox_waiter *w = nitro_fake_waiters(test, 1);
	u8 *buf = kunit_kzalloc(test, 64, GFP_KERNEL);
	struct nitro_mbox_req req = {
		.opcode = NITRO_MBOX_OP_COMPONENT_BASE,
		.data = c->no_buffer ? NULL : buf,
		.data_len = c->no_buffer ? 0 : 64,
	};
	u8 scratch[8] = {};
	u32 tag;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_EQ(test, nitro_mbox_post_req(f->mb, &req, w, &tag), 0);
	tag += c->tag_delta << 16;
	/* Every case is refused before a byte moves: scratch is never overrun. */
	KUNIT_EXPECT_EQ(test, nitro_mbox_data_read(f->mb, tag, c->off, scratch,
						   c->len), c->expect);
	KUNIT_EXPECT_EQ(test, nitro_mbox_data_write(f->mb, tag, c->off, scratch,
						    c->len), c->expect);
	KUNIT_EXPECT_EQ(test, nitro_fake_stats(f).bad_data, 2ull);
	KUNIT_EXPECT_TRUE(test, nitro_fake_alarm(f));
	KUNIT_EXPECT_TRUE(test, !memchr_inv(buf, 0, 64));
}

/* The controller refuses to post a malformed request. */
static void nitro_mbox_data_bad_request(struct kunit *test)
{
	struct nitro_fake *f = nitro_fake_new(test, 2, 0, false);
	struct nitro_mbox_waiter *w = nitro_fake_waiters(test, 1);
	struct nitro_mbox_req req = { .opcode = NITRO_MBOX_OP_PING };
	u8 buf[8];
	u32 tag;

	req.data = buf;
	KUNIT_EXPECT_EQ(test, nitro_mbox_post_req(f->mb, &req, w, &tag), -EINVAL);
	req.data = NULL;
	req.data_len = 8;
	KUNIT_EXPECT_EQ(test, nitro_mbox_post_req(f->mb, &req, w, &tag), -EINVAL);
	req.data = buf;
	req.data_len = NITRO_MBOX_DATA_MAX + 1;
	KUNIT_EXPECT_EQ(test, nitro_mbox_post_req(f->mb, &req, w, &tag), -EINVAL);
	req.data_len = 0;
	req.data = NULL;
	req.len = NITRO_MBOX_PAYLOAD_SIZE + 1;
	req.payload = buf;
	KUNIT_EXPECT_EQ(test, nitro_mbox_post_req(f->mb, &req, w, &tag), -EINVAL);
	req.len = 4;
	req.payload = NULL;
	KUNIT_EXPECT_EQ(test, nitro_mbox_post_req(f->mb, &req, w, &tag), -EINVAL);
	KUNIT_EXPECT_EQ(test, nitro_fake_stats(f).posted, 0ull);
}

/* An answer claiming more data than the buffer holds is malformed. */
static void nitro_mbox_data_answer_too_long(struct kunit *test)
{
	struct nitro_fake *f = nitro_fake_new(test, 2, 0, false);
	struct nitro_mbox_waiter *w = nitro_fake_waiters(test, 1);
	u8 *buf = kunit_kzalloc(test, 16, GFP_KERNEL);
	struct nitro_mbox_req req = {
		.opcode = NITRO_MBOX_OP_COMPONENT_BASE, .data = buf, .data_len = 16,
	};
	struct nitro_mbox_cpl cpl;
	u32 tag;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_EQ(test, nitro_mbox_post_req(f->mb, &req, w, &tag), 0);
	cpl = nitro_fake_cpl(NITRO_MBOX_OP_COMPONENT_BASE, tag, NITRO_MBOX_S_OK,
			     NULL, 0);
	cpl.data_len = cpu_to_le16(17);
	KUNIT_ASSERT_EQ(test, nitro_mbox_complete(f->mb, &cpl), 0);
	KUNIT_EXPECT_EQ(test, nitro_mbox_wait(f->mb, w, tag, 10, NULL), -EPROTO);
	KUNIT_EXPECT_EQ(test, w->data_out, 0u);
	KUNIT_EXPECT_EQ(test, nitro_fake_stats(f).dropped[NITRO_MBOX_DROP_MALFORMED],
			1ull);
}

static void nitro_mbox_status_errno(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, nitro_mbox_status_to_errno(NITRO_MBOX_S_OK), 0);
	KUNIT_EXPECT_EQ(test, nitro_mbox_status_to_errno(NITRO_MBOX_S_INVALID_OPCODE),
			-EOPNOTSUPP);
	KUNIT_EXPECT_EQ(test, nitro_mbox_status_to_errno(NITRO_MBOX_S_INVALID_FIELD),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, nitro_mbox_status_to_errno(NITRO_MBOX_S_BUSY), -EBUSY);
	KUNIT_EXPECT_EQ(test, nitro_mbox_status_to_errno(NITRO_MBOX_S_INTERNAL), -EIO);
	KUNIT_EXPECT_EQ(test, nitro_mbox_status_to_errno(NITRO_MBOX_S_ABORTED),
			-ECANCELED);
	KUNIT_EXPECT_EQ(test, nitro_mbox_status_to_errno(NITRO_MBOX_S_DENIED), -EACCES);
	KUNIT_EXPECT_EQ(test, nitro_mbox_status_to_errno(0x1234), -EIO);
}

static struct kunit_case nitro_mbox_cases[] = {
	KUNIT_CASE(nitro_mbox_rejects_bad_config),
	KUNIT_CASE(nitro_mbox_start_posts_event_polls),
	KUNIT_CASE_PARAM(nitro_mbox_ring_full_then_tags,
			 nitro_mbox_depth_gen_params),
	KUNIT_CASE(nitro_mbox_wraparound_tags),
	KUNIT_CASE(nitro_mbox_tag_reuse_after_completion),
	KUNIT_CASE_PARAM(nitro_mbox_bad_completion, nitro_bad_gen_params),
	KUNIT_CASE(nitro_mbox_timeout_fails_component),
	KUNIT_CASE(nitro_mbox_concurrent_posters),
	KUNIT_CASE(nitro_mbox_event_poll_replenish),
	KUNIT_CASE(nitro_mbox_component_cannot_write_cmd_ring),
	KUNIT_CASE(nitro_mbox_stop_aborts_outstanding),
	KUNIT_CASE(nitro_mbox_data_round_trip),
	KUNIT_CASE_PARAM(nitro_mbox_data_bad_access, nitro_data_gen_params),
	KUNIT_CASE(nitro_mbox_data_bad_request),
	KUNIT_CASE(nitro_mbox_data_answer_too_long),
	KUNIT_CASE(nitro_mbox_status_errno),
	{}
};

static struct kunit_suite nitro_mbox_suite = {
	.name = "nitro_mbox",
	.exit = nitro_mbox_test_exit,
	.test_cases = nitro_mbox_cases,
};

kunit_test_suite(nitro_mbox_suite);
