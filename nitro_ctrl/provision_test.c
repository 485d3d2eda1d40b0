// SPDX-License-Identifier: GPL-2.0
/* KUnit: the provisioning table (suite nitro_provision). */
#include <kunit/test.h>

#include "nitro_personality.h"
#include "provision.h"

static const guid_t nitro_test_uuid_a =
	GUID_INIT(0x11111111, 0x2222, 0x3333, 0x44, 0x44, 0x55, 0x55, 0x55,
		  0x55, 0x55, 0x55);
static const guid_t nitro_test_uuid_b =
	GUID_INIT(0x11111111, 0x2222, 0x3333, 0x44, 0x44, 0x55, 0x55, 0x55,
		  0x55, 0x55, 0x56);

static void nitro_provision_only_what_was_provisioned(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, nitro_provision_check(&nitro_test_uuid_a, "nvme"),
			-EPERM);
	KUNIT_ASSERT_EQ(test, nitro_dev_provision(&nitro_test_uuid_a, "nvme"), 0);
	KUNIT_EXPECT_EQ(test, nitro_provision_check(&nitro_test_uuid_a, "nvme"), 0);
	/* Another personality, another UUID: refused. */
	KUNIT_EXPECT_EQ(test, nitro_provision_check(&nitro_test_uuid_a, "ena"),
			-EPERM);
	KUNIT_EXPECT_EQ(test, nitro_provision_check(&nitro_test_uuid_b, "nvme"),
			-EPERM);
	KUNIT_EXPECT_EQ(test, nitro_dev_provision(&nitro_test_uuid_a, "nvme"),
			-EEXIST);
	KUNIT_EXPECT_EQ(test, nitro_dev_provision(&nitro_test_uuid_a, "ena"),
			-EEXIST);

	KUNIT_EXPECT_EQ(test, nitro_dev_unprovision(&nitro_test_uuid_a), 0);
	KUNIT_EXPECT_EQ(test, nitro_provision_check(&nitro_test_uuid_a, "nvme"),
			-EPERM);
	KUNIT_EXPECT_EQ(test, nitro_dev_unprovision(&nitro_test_uuid_a), -ENOENT);
}

static void nitro_provision_rejects_bad_arguments(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, nitro_dev_provision(&guid_null, "nvme"), -EINVAL);
	KUNIT_EXPECT_EQ(test, nitro_dev_provision(&nitro_test_uuid_b, ""), -EINVAL);
	KUNIT_EXPECT_EQ(test, nitro_dev_provision(&nitro_test_uuid_b, NULL), -EINVAL);
	KUNIT_EXPECT_EQ(test, nitro_dev_provision(&nitro_test_uuid_b,
						  "sixteen-chars-xx"), -EINVAL);
	KUNIT_EXPECT_EQ(test, nitro_dev_provision(&nitro_test_uuid_b,
						  "fifteen-chars-x"), 0);
	KUNIT_EXPECT_EQ(test, nitro_provision_check(&nitro_test_uuid_b,
						    "fifteen-chars-x"), 0);
	KUNIT_EXPECT_EQ(test, nitro_dev_unprovision(&nitro_test_uuid_b), 0);
}

static struct kunit_case nitro_provision_cases[] = {
	KUNIT_CASE(nitro_provision_only_what_was_provisioned),
	KUNIT_CASE(nitro_provision_rejects_bad_arguments),
	{}
};

static struct kunit_suite nitro_provision_suite = {
	.name = "nitro_provision",
	.test_cases = nitro_provision_cases,
};

kunit_test_suite(nitro_provision_suite);
