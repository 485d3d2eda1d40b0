// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the mailbox ring (suite nitro_ring). Every depth is tried, powers
 * of two and not, because the lap scheme must hold for all of them.
 */
#include <kunit/test.h>

#include "ring.h"

static const u32 nitro_ring_depths[] = { 1, 2, 3, 5, 7, 8, 13, 16, 31, 64, 100 };

static void nitro_ring_depth_desc(const u32 *depth, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "depth %u", *depth);
}

KUNIT_ARRAY_PARAM(nitro_ring_depth, nitro_ring_depths, nitro_ring_depth_desc);

static u32 nitro_ring_test_depth(struct kunit *test)
{
	return *(const u32 *)test->param_value;
}

static void nitro_ring_init_test(struct kunit *test, struct nitro_ring *ring,
				 u32 depth)
{
	KUNIT_ASSERT_EQ(test, nitro_ring_init(ring, depth, sizeof(u32)), 0);
}

/* Empty, then exactly depth pushes fit, then full; pops come back in order. */
static void nitro_ring_fill_drain(struct kunit *test)
{
	u32 depth = nitro_ring_test_depth(test);
	struct nitro_ring ring;
	u32 i, v;

	nitro_ring_init_test(test, &ring, depth);
	KUNIT_EXPECT_TRUE(test, nitro_ring_empty(&ring));
	KUNIT_EXPECT_FALSE(test, nitro_ring_full(&ring));
	KUNIT_EXPECT_FALSE(test, nitro_ring_pop(&ring, &v));

	for (i = 0; i < depth; i++) {
		KUNIT_EXPECT_FALSE(test, nitro_ring_full(&ring));
		KUNIT_ASSERT_TRUE(test, nitro_ring_push(&ring, &i));
		KUNIT_EXPECT_EQ(test, nitro_ring_used(&ring), i + 1);
		KUNIT_EXPECT_FALSE(test, nitro_ring_empty(&ring));
	}
	KUNIT_EXPECT_TRUE(test, nitro_ring_full(&ring));
	v = 0xdead;
	KUNIT_EXPECT_FALSE(test, nitro_ring_push(&ring, &v));
	KUNIT_EXPECT_EQ(test, nitro_ring_used(&ring), depth);

	for (i = 0; i < depth; i++) {
		KUNIT_ASSERT_TRUE(test, nitro_ring_pop(&ring, &v));
		KUNIT_EXPECT_EQ(test, v, i);
		KUNIT_EXPECT_EQ(test, nitro_ring_used(&ring), depth - i - 1);
	}
	KUNIT_EXPECT_TRUE(test, nitro_ring_empty(&ring));
	KUNIT_EXPECT_FALSE(test, nitro_ring_pop(&ring, &v));
	nitro_ring_destroy(&ring);
}

/*
 * From every starting position of both laps, fill and drain completely: the
 * full and empty states must stay distinct wherever the positions are.
 */
static void nitro_ring_full_empty_every_offset(struct kunit *test)
{
	u32 depth = nitro_ring_test_depth(test);
	struct nitro_ring ring;
	u32 off, i, v;

	for (off = 0; off < 2 * depth; off++) {
		nitro_ring_init_test(test, &ring, depth);
		for (i = 0; i < off; i++) {
			KUNIT_ASSERT_TRUE(test, nitro_ring_push(&ring, &i));
			KUNIT_ASSERT_TRUE(test, nitro_ring_pop(&ring, &v));
		}
		KUNIT_EXPECT_EQ(test, ring.prod, off);
		KUNIT_EXPECT_EQ(test, ring.cons, off);
		KUNIT_EXPECT_TRUE(test, nitro_ring_empty(&ring));

		for (i = 0; i < depth; i++)
			KUNIT_ASSERT_TRUE(test, nitro_ring_push(&ring, &i));
		KUNIT_EXPECT_TRUE(test, nitro_ring_full(&ring));
		KUNIT_EXPECT_FALSE(test, nitro_ring_empty(&ring));
		KUNIT_EXPECT_FALSE(test, nitro_ring_push(&ring, &i));
		for (i = 0; i < depth; i++) {
			KUNIT_ASSERT_TRUE(test, nitro_ring_pop(&ring, &v));
			KUNIT_EXPECT_EQ(test, v, i);
		}
		KUNIT_EXPECT_TRUE(test, nitro_ring_empty(&ring));
		KUNIT_EXPECT_FALSE(test, nitro_ring_full(&ring));
		KUNIT_EXPECT_FALSE(test, nitro_ring_pop(&ring, &v));
		/* Both positions moved one whole lap. */
		KUNIT_EXPECT_EQ(test, ring.prod, (off + depth) % (2 * depth));
		nitro_ring_destroy(&ring);
	}
}

/* A steady half-full stream across many laps keeps FIFO order. */
static void nitro_ring_wraparound_stream(struct kunit *test)
{
	u32 depth = nitro_ring_test_depth(test);
	u32 inflight = depth / 2 + 1;
	struct nitro_ring ring;
	u32 in = 0, out = 0, v;

	nitro_ring_init_test(test, &ring, depth);
	for (; in < inflight; in++)
		KUNIT_ASSERT_TRUE(test, nitro_ring_push(&ring, &in));
	while (in < 7 * depth + 11) {
		KUNIT_ASSERT_TRUE(test, nitro_ring_pop(&ring, &v));
		KUNIT_ASSERT_EQ(test, v, out);
		out++;
		KUNIT_ASSERT_TRUE(test, nitro_ring_push(&ring, &in));
		in++;
		KUNIT_ASSERT_EQ(test, nitro_ring_used(&ring), inflight);
		KUNIT_ASSERT_LT(test, ring.prod, 2 * depth);
		KUNIT_ASSERT_LT(test, ring.cons, 2 * depth);
	}
	while (nitro_ring_pop(&ring, &v)) {
		KUNIT_ASSERT_EQ(test, v, out);
		out++;
	}
	KUNIT_EXPECT_EQ(test, out, in);
	nitro_ring_destroy(&ring);
}

static void nitro_ring_rejects_bad_geometry(struct kunit *test)
{
	struct nitro_ring ring;

	KUNIT_EXPECT_EQ(test, nitro_ring_init(&ring, 0, 64), -EINVAL);
	KUNIT_EXPECT_EQ(test, nitro_ring_init(&ring, 4097, 64), -EINVAL);
	KUNIT_EXPECT_EQ(test, nitro_ring_init(&ring, 8, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, nitro_ring_init(&ring, 8, PAGE_SIZE + 1), -EINVAL);
	KUNIT_ASSERT_EQ(test, nitro_ring_init(&ring, 4096, 64), 0);
	nitro_ring_destroy(&ring);
}

static struct kunit_case nitro_ring_cases[] = {
	KUNIT_CASE_PARAM(nitro_ring_fill_drain, nitro_ring_depth_gen_params),
	KUNIT_CASE_PARAM(nitro_ring_full_empty_every_offset,
			 nitro_ring_depth_gen_params),
	KUNIT_CASE_PARAM(nitro_ring_wraparound_stream,
			 nitro_ring_depth_gen_params),
	KUNIT_CASE(nitro_ring_rejects_bad_geometry),
	{}
};

static struct kunit_suite nitro_ring_suite = {
	.name = "nitro_ring",
	.test_cases = nitro_ring_cases,
};

kunit_test_suite(nitro_ring_suite);
