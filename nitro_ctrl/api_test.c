// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the sealed envelope (suite nitro_envelope), anti-replay
 * (nitro_replay), the role matrix (nitro_roles) and the audit hash chain
 * (nitro_audit).
 */
#include <crypto/aead.h>
#include <kunit/test.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "api.h"
#include "envelope.h"
#include "principal.h"

static const u8 nitro_test_key[NITRO_ENV_KEY_LEN] = {
	0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
	0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f,
	0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17,
	0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f,
};

#define NITRO_TEST_PLAIN_LEN	40

struct nitro_env_fixture {
	struct crypto_aead *tfm;
	struct nitro_env_hdr hdr;
	u8 plain[NITRO_TEST_PLAIN_LEN];
	u8 sealed[NITRO_TEST_PLAIN_LEN + NITRO_ENV_TAG_LEN];
	u8 out[NITRO_TEST_PLAIN_LEN];
};

static int nitro_env_test_init(struct kunit *test)
{
	struct nitro_env_fixture *f;
	int i;

	f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, f);
	f->tfm = nitro_env_tfm_alloc(nitro_test_key);
	KUNIT_ASSERT_FALSE(test, IS_ERR(f->tfm));
	f->hdr.version = NITRO_ENV_VERSION;
	f->hdr.op = cpu_to_le16(NITRO_OP_WHOAMI);
	f->hdr.principal = cpu_to_le32(7);
	f->hdr.seq = cpu_to_le64(42);
	for (i = 0; i < NITRO_ENV_NONCE_LEN; i++)
		f->hdr.nonce[i] = 0xa0 + i;
	for (i = 0; i < NITRO_TEST_PLAIN_LEN; i++)
		f->plain[i] = i * 7;
	KUNIT_ASSERT_EQ(test, nitro_env_seal(f->tfm, &f->hdr, f->plain,
					     sizeof(f->plain), f->sealed), 0);
	test->priv = f;
	return 0;
}

static void nitro_env_test_exit(struct kunit *test)
{
	struct nitro_env_fixture *f = test->priv;

	nitro_env_tfm_free(f->tfm);
}

static void nitro_env_roundtrip(struct kunit *test)
{
	struct nitro_env_fixture *f = test->priv;

	/* The ciphertext is not the plaintext. */
	KUNIT_EXPECT_NE(test, memcmp(f->sealed, f->plain, sizeof(f->plain)), 0);
	KUNIT_ASSERT_EQ(test, nitro_env_open(f->tfm, &f->hdr, f->sealed,
					     sizeof(f->sealed), f->out), 0);
	KUNIT_EXPECT_EQ(test, memcmp(f->out, f->plain, sizeof(f->plain)), 0);
}

/* A known answer: AES-256-GCM of the empty text, so nitroctl can agree. */
static void nitro_env_known_answer(struct kunit *test)
{
	struct nitro_env_fixture *f = test->priv;
	struct nitro_env_hdr h = {};
	u8 tag[NITRO_ENV_TAG_LEN], out[1];

	h.version = NITRO_ENV_VERSION;
	KUNIT_ASSERT_EQ(test, nitro_env_seal(f->tfm, &h, NULL, 0, tag), 0);
	KUNIT_EXPECT_EQ(test, nitro_env_open(f->tfm, &h, tag, sizeof(tag), out), 0);
	/* Same key, same nonce, other associated data: another tag. */
	h.flags = NITRO_ENV_F_RESPONSE;
	KUNIT_EXPECT_EQ(test, nitro_env_open(f->tfm, &h, tag, sizeof(tag), out),
			-EBADMSG);
}

/* Every bit of the header is authenticated: flip each byte in turn. */
static void nitro_env_tamper_header(struct kunit *test)
{
	struct nitro_env_fixture *f = test->priv;
	u8 *h = (u8 *)&f->hdr;
	unsigned int i, bad = 0;

	for (i = 0; i < sizeof(f->hdr); i++) {
		h[i] ^= 0x01;
		if (nitro_env_open(f->tfm, &f->hdr, f->sealed,
				   sizeof(f->sealed), f->out) == -EBADMSG)
			bad++;
		h[i] ^= 0x01;
	}
	KUNIT_EXPECT_EQ(test, bad, (unsigned int)sizeof(f->hdr));
	KUNIT_EXPECT_EQ(test, nitro_env_open(f->tfm, &f->hdr, f->sealed,
					     sizeof(f->sealed), f->out), 0);
}

/* Every byte of ciphertext and tag, and every bit of one of them. */
static void nitro_env_tamper_body(struct kunit *test)
{
	struct nitro_env_fixture *f = test->priv;
	unsigned int i, bad = 0;

	memset(f->out, 0x5a, sizeof(f->out));
	for (i = 0; i < sizeof(f->sealed); i++) {
		f->sealed[i] ^= 0x80;
		if (nitro_env_open(f->tfm, &f->hdr, f->sealed,
				   sizeof(f->sealed), f->out) == -EBADMSG)
			bad++;
		f->sealed[i] ^= 0x80;
	}
	KUNIT_EXPECT_EQ(test, bad, (unsigned int)sizeof(f->sealed));
	/* A refused open never writes the plaintext. */
	KUNIT_EXPECT_EQ(test, (long)memchr_inv(f->out, 0x5a, sizeof(f->out)),
			0L);
	bad = 0;
	for (i = 0; i < 8; i++) {
		f->sealed[3] ^= 1 << i;
		if (nitro_env_open(f->tfm, &f->hdr, f->sealed,
				   sizeof(f->sealed), f->out) == -EBADMSG)
			bad++;
		f->sealed[3] ^= 1 << i;
	}
	KUNIT_EXPECT_EQ(test, bad, 8U);
}

static void nitro_env_truncated_and_extended(struct kunit *test)
{
	struct nitro_env_fixture *f = test->priv;
	u8 *longer;
	size_t n;

	/* Every shorter length: shorter than a tag is -EINVAL, else -EBADMSG. */
	for (n = 0; n < sizeof(f->sealed); n++)
		KUNIT_EXPECT_EQ(test, nitro_env_open(f->tfm, &f->hdr, f->sealed,
						     n, f->out),
				n < NITRO_ENV_TAG_LEN ? -EINVAL : -EBADMSG);
	longer = kunit_kzalloc(test, sizeof(f->sealed) + 1, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, longer);
	memcpy(longer, f->sealed, sizeof(f->sealed));
	KUNIT_EXPECT_EQ(test, nitro_env_open(f->tfm, &f->hdr, longer,
					     sizeof(f->sealed) + 1, longer),
			-EBADMSG);
}

static void nitro_env_wrong_key(struct kunit *test)
{
	struct nitro_env_fixture *f = test->priv;
	u8 key[NITRO_ENV_KEY_LEN];
	struct crypto_aead *other;

	memcpy(key, nitro_test_key, sizeof(key));
	key[31] ^= 1;
	other = nitro_env_tfm_alloc(key);
	KUNIT_ASSERT_FALSE(test, IS_ERR(other));
	KUNIT_EXPECT_EQ(test, nitro_env_open(other, &f->hdr, f->sealed,
					     sizeof(f->sealed), f->out),
			-EBADMSG);
	nitro_env_tfm_free(other);
}

static void nitro_env_header_checks(struct kunit *test)
{
	struct nitro_env_hdr h = { .version = NITRO_ENV_VERSION };

	KUNIT_EXPECT_EQ(test, nitro_env_check_hdr(&h, false), 0);
	KUNIT_EXPECT_EQ(test, nitro_env_check_hdr(&h, true), -EINVAL);
	h.flags = NITRO_ENV_F_RESPONSE;
	KUNIT_EXPECT_EQ(test, nitro_env_check_hdr(&h, false), -EINVAL);
	KUNIT_EXPECT_EQ(test, nitro_env_check_hdr(&h, true), 0);
	h.flags = 0x80;
	KUNIT_EXPECT_EQ(test, nitro_env_check_hdr(&h, false), -EINVAL);
	h.flags = 0;
	h.status = cpu_to_le32(1);
	KUNIT_EXPECT_EQ(test, nitro_env_check_hdr(&h, false), -EINVAL);
	h.status = 0;
	h.version = 0;
	KUNIT_EXPECT_EQ(test, nitro_env_check_hdr(&h, false), -EPROTONOSUPPORT);
	h.version = NITRO_ENV_VERSION + 1;
	KUNIT_EXPECT_EQ(test, nitro_env_check_hdr(&h, false), -EPROTONOSUPPORT);
}

static struct kunit_case nitro_envelope_cases[] = {
	KUNIT_CASE(nitro_env_roundtrip),
	KUNIT_CASE(nitro_env_known_answer),
	KUNIT_CASE(nitro_env_tamper_header),
	KUNIT_CASE(nitro_env_tamper_body),
	KUNIT_CASE(nitro_env_truncated_and_extended),
	KUNIT_CASE(nitro_env_wrong_key),
	KUNIT_CASE(nitro_env_header_checks),
	{}
};

static struct kunit_suite nitro_envelope_suite = {
	.name = "nitro_envelope",
	.init = nitro_env_test_init,
	.exit = nitro_env_test_exit,
	.test_cases = nitro_envelope_cases,
};

/* ---- anti-replay and principals ---- */

static void nitro_replay_window(struct kunit *test)
{
	struct nitro_principal *p;

	mutex_lock(&nitro_api_mutex);
	KUNIT_ASSERT_EQ(test, nitro_principal_add(900, NITRO_ROLE_AUDITOR,
						  nitro_test_key), 0);
	p = nitro_principal_find(900);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_EQ(test, nitro_replay_check(p, 0), -ESTALE);
	KUNIT_EXPECT_EQ(test, nitro_replay_check(p, 1), 0);
	nitro_replay_commit(p, 10);
	KUNIT_EXPECT_EQ(test, nitro_replay_check(p, 9), -ESTALE);
	KUNIT_EXPECT_EQ(test, nitro_replay_check(p, 10), -ESTALE);
	KUNIT_EXPECT_EQ(test, nitro_replay_check(p, 11), 0);
	/* Gaps are fine: only order matters. */
	KUNIT_EXPECT_EQ(test, nitro_replay_check(p, 1000000), 0);
	nitro_replay_commit(p, U64_MAX - 1);
	KUNIT_EXPECT_EQ(test, nitro_replay_check(p, U64_MAX), 0);
	nitro_replay_commit(p, U64_MAX);
	/* At the end of the space nothing is accepted any more. */
	KUNIT_EXPECT_EQ(test, nitro_replay_check(p, U64_MAX), -ESTALE);
	KUNIT_EXPECT_EQ(test, nitro_replay_check(p, 0), -ESTALE);
	KUNIT_EXPECT_EQ(test, nitro_principal_del(900), 0);
	mutex_unlock(&nitro_api_mutex);
}

static void nitro_principal_rules(struct kunit *test)
{
	unsigned int before;

	mutex_lock(&nitro_api_mutex);
	before = nitro_principal_count();
	KUNIT_EXPECT_EQ(test, nitro_principal_add(0, NITRO_ROLE_ADMIN,
						  nitro_test_key), -EINVAL);
	KUNIT_EXPECT_EQ(test, nitro_principal_add(901, 0x8, nitro_test_key),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, nitro_principal_add(901, 0, nitro_test_key), 0);
	KUNIT_EXPECT_EQ(test, nitro_principal_add(901, 0, nitro_test_key),
			-EEXIST);
	KUNIT_EXPECT_EQ(test, nitro_principal_count(), before + 1);
	KUNIT_EXPECT_EQ(test, nitro_principal_set_roles(901, NITRO_ROLES_ALL), 0);
	KUNIT_EXPECT_EQ(test, nitro_principal_find(901)->roles,
			(u32)NITRO_ROLES_ALL);
	KUNIT_EXPECT_EQ(test, nitro_principal_set_roles(901, 0x10), -EINVAL);
	KUNIT_EXPECT_EQ(test, nitro_principal_set_roles(902, 0), -ENOENT);
	KUNIT_EXPECT_EQ(test, nitro_principal_del(901), 0);
	KUNIT_EXPECT_EQ(test, nitro_principal_del(901), -ENOENT);
	KUNIT_EXPECT_EQ(test, nitro_principal_count(), before);
	KUNIT_EXPECT_NULL(test, nitro_principal_find(901));
	mutex_unlock(&nitro_api_mutex);
}

static struct kunit_case nitro_replay_cases[] = {
	KUNIT_CASE(nitro_replay_window),
	KUNIT_CASE(nitro_principal_rules),
	{}
};

static struct kunit_suite nitro_replay_suite = {
	.name = "nitro_replay",
	.test_cases = nitro_replay_cases,
};

/* ---- role matrix ---- */

#define ADM	NITRO_ROLE_ADMIN
#define OPR	NITRO_ROLE_OPERATOR
#define AUD	NITRO_ROLE_AUDITOR

/* The specification (Documentation/api.rst), written out independently. */
static const struct {
	u16 op;
	u32 roles;
} nitro_role_spec[] = {
	{ NITRO_OP_BOOTSTRAP, 0 },
	{ NITRO_OP_WHOAMI, ADM | OPR | AUD },
	{ NITRO_OP_PRINCIPAL_ADD, ADM },
	{ NITRO_OP_PRINCIPAL_DEL, ADM },
	{ NITRO_OP_PRINCIPAL_LIST, ADM },
	{ NITRO_OP_ROLE_SET, ADM },
	{ NITRO_OP_VOLUME_CREATE, OPR },
	{ NITRO_OP_VOLUME_DELETE, OPR },
	{ NITRO_OP_VOLUME_LIST, OPR },
	{ NITRO_OP_ENI_CREATE, OPR },
	{ NITRO_OP_ENI_DELETE, OPR },
	{ NITRO_OP_ENI_LIST, OPR },
	{ NITRO_OP_INSTANCE_CREATE, OPR },
	{ NITRO_OP_INSTANCE_DELETE, OPR },
	{ NITRO_OP_INSTANCE_START, OPR },
	{ NITRO_OP_INSTANCE_STOP, OPR },
	{ NITRO_OP_INSTANCE_LIST, OPR },
	{ NITRO_OP_ATTACH, OPR },
	{ NITRO_OP_DETACH, OPR },
	{ NITRO_OP_STATUS, OPR | AUD },
	{ NITRO_OP_CMK_CREATE, OPR },
	{ NITRO_OP_KEY_WRAP, OPR },
	{ NITRO_OP_AUDIT_READ, AUD },
	{ NITRO_OP_AUDIT_ACK, AUD },
	{ NITRO_OP_METRICS, AUD },
};

static void nitro_roles_matrix(struct kunit *test)
{
	const struct nitro_op_desc *d;
	unsigned int i, known = 0, checked = 0;
	u32 roles;

	for (i = 0; i < ARRAY_SIZE(nitro_role_spec); i++) {
		d = nitro_op_desc(nitro_role_spec[i].op);
		KUNIT_ASSERT_NOT_NULL(test, d);
		/* Every combination of roles, the empty one included. */
		for (roles = 0; roles <= NITRO_ROLES_ALL; roles++) {
			bool want = nitro_role_spec[i].roles & roles;

			KUNIT_EXPECT_EQ_MSG(test, nitro_op_allowed(d, roles), want,
					    "op %s roles %#x", d->name, roles);
			checked++;
		}
		/* Role bits nobody defined grant nothing. */
		KUNIT_EXPECT_FALSE(test, nitro_op_allowed(d, 0x8 | 0x10 | 0x80000000));
	}
	KUNIT_EXPECT_EQ(test, checked, (unsigned int)ARRAY_SIZE(nitro_role_spec) * 8);
	/* Deny by default: every op number not in the spec is unknown. */
	for (i = 0; i <= 0xffff; i++)
		if (nitro_op_desc(i))
			known++;
	KUNIT_EXPECT_EQ(test, known, (unsigned int)ARRAY_SIZE(nitro_role_spec));
}

/* What may run while the audit log is full: reads and the ack only. */
static void nitro_roles_mutating(struct kunit *test)
{
	static const u16 readonly[] = {
		NITRO_OP_WHOAMI, NITRO_OP_PRINCIPAL_LIST, NITRO_OP_VOLUME_LIST,
		NITRO_OP_ENI_LIST, NITRO_OP_INSTANCE_LIST, NITRO_OP_STATUS,
		NITRO_OP_AUDIT_READ, NITRO_OP_AUDIT_ACK, NITRO_OP_METRICS,
	};
	unsigned int i, j;

	for (i = 0; i < ARRAY_SIZE(nitro_role_spec); i++) {
		const struct nitro_op_desc *d = nitro_op_desc(nitro_role_spec[i].op);
		bool ro = false;

		KUNIT_ASSERT_NOT_NULL(test, d);
		for (j = 0; j < ARRAY_SIZE(readonly); j++)
			ro |= readonly[j] == nitro_role_spec[i].op;
		KUNIT_EXPECT_EQ_MSG(test, d->mutating, !ro, "op %s", d->name);
	}
}

static struct kunit_case nitro_roles_cases[] = {
	KUNIT_CASE(nitro_roles_matrix),
	KUNIT_CASE(nitro_roles_mutating),
	{}
};

static struct kunit_suite nitro_roles_suite = {
	.name = "nitro_roles",
	.test_cases = nitro_roles_cases,
};

/* ---- audit chain ---- */

#define NITRO_TEST_LOG	64

struct nitro_audit_fixture {
	struct nitro_audit_log log;
	struct nitro_audit_rec recs[NITRO_TEST_LOG];
	struct nitro_audit_info info;
};

static int nitro_audit_test_init(struct kunit *test)
{
	struct nitro_audit_fixture *f;
	char obj[16];
	int i;

	f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);
	if (!f)
		return -ENOMEM;
	if (nitro_audit_log_init(&f->log, NITRO_TEST_LOG))
		return -ENOMEM;
	for (i = 0; i < 10; i++) {
		snprintf(obj, sizeof(obj), "obj%d", i);
		if (nitro_audit_log_append(&f->log, i, "test.op", obj, -i,
					   1000 + i))
			return -EIO;
	}
	test->priv = f;
	return 0;
}

static void nitro_audit_test_exit(struct kunit *test)
{
	struct nitro_audit_fixture *f = test->priv;

	nitro_audit_log_free(&f->log);
}

static int nitro_audit_test_read(struct nitro_audit_fixture *f)
{
	return nitro_audit_log_read(&f->log, f->log.first_seq, f->recs,
				    NITRO_TEST_LOG, &f->info);
}

static void nitro_audit_chain_builds(struct kunit *test)
{
	struct nitro_audit_fixture *f = test->priv;
	u8 h[NITRO_AUDIT_HASH_LEN];
	int i;

	KUNIT_ASSERT_EQ(test, nitro_audit_test_read(f), 10);
	KUNIT_EXPECT_EQ(test, f->info.first_seq, 1ULL);
	KUNIT_EXPECT_EQ(test, f->info.next_seq, 11ULL);
	KUNIT_EXPECT_EQ(test, (long)memchr_inv(f->recs[0].prev, 0, 32), 0L);
	for (i = 0; i < 10; i++) {
		KUNIT_EXPECT_EQ(test, f->recs[i].seq, (u64)i + 1);
		KUNIT_EXPECT_EQ(test, f->recs[i].principal, (u32)i);
		KUNIT_EXPECT_EQ(test, f->recs[i].result, -i);
		KUNIT_EXPECT_EQ(test, f->recs[i].time, 1000ULL + i);
		nitro_audit_hash(&f->recs[i], h);
		KUNIT_EXPECT_EQ(test, memcmp(h, f->recs[i].hash, 32), 0);
		if (i)
			KUNIT_EXPECT_EQ(test, memcmp(f->recs[i].prev,
						     f->recs[i - 1].hash, 32), 0);
	}
	KUNIT_EXPECT_EQ(test, memcmp(f->info.head, f->recs[9].hash, 32), 0);
	KUNIT_EXPECT_EQ(test, nitro_audit_verify(f->recs, 10, 1, f->info.head),
			-1L);
}

/* The exact encoding nitroctl reimplements: a fixed vector. */
static void nitro_audit_hash_vector(struct kunit *test)
{
	struct nitro_audit_rec r = {
		.seq = 1, .time = 2, .principal = 3, .result = -4,
		.op = "op", .object = "obj",
	};
	/* sha256 of the encoding, computed independently (Python hashlib). */
	static const u8 want[NITRO_AUDIT_HASH_LEN] = {
		0x9b, 0x89, 0x19, 0x75, 0x80, 0x33, 0x40, 0xe3,
		0x22, 0x30, 0x74, 0x37, 0xb4, 0x58, 0x02, 0x01,
		0xae, 0xbf, 0x86, 0x17, 0x19, 0x08, 0xb5, 0x07,
		0x5f, 0x73, 0x94, 0xad, 0xd8, 0x6d, 0x98, 0xdc,
	};
	u8 h[NITRO_AUDIT_HASH_LEN];

	nitro_audit_hash(&r, h);
	KUNIT_EXPECT_EQ(test, memcmp(h, want, sizeof(want)), 0);
}

static void nitro_audit_tamper_detected(struct kunit *test)
{
	struct nitro_audit_fixture *f = test->priv;
	struct nitro_audit_rec t;
	u8 *head = f->info.head;
	int n, i;

	n = nitro_audit_test_read(f);
	KUNIT_ASSERT_EQ(test, n, 10);

	/* Altered: any field of record 4. */
	f->recs[4].result = 0x1234;
	KUNIT_EXPECT_EQ(test, nitro_audit_verify(f->recs, n, 1, head), 4L);
	nitro_audit_test_read(f);
	f->recs[4].object[0] ^= 1;
	KUNIT_EXPECT_EQ(test, nitro_audit_verify(f->recs, n, 1, head), 4L);
	nitro_audit_test_read(f);
	f->recs[4].time++;
	KUNIT_EXPECT_EQ(test, nitro_audit_verify(f->recs, n, 1, head), 4L);
	/* Altered with its own hash recomputed: the next link breaks. */
	nitro_audit_test_read(f);
	f->recs[4].principal = 99;
	nitro_audit_hash(&f->recs[4], f->recs[4].hash);
	KUNIT_EXPECT_EQ(test, nitro_audit_verify(f->recs, n, 1, head), 5L);

	/* Removed from the middle. */
	nitro_audit_test_read(f);
	for (i = 4; i < n - 1; i++)
		f->recs[i] = f->recs[i + 1];
	KUNIT_EXPECT_EQ(test, nitro_audit_verify(f->recs, n - 1, 1, head), 4L);
	/* Removed at the end: only the head tells. */
	nitro_audit_test_read(f);
	KUNIT_EXPECT_EQ(test, nitro_audit_verify(f->recs, n - 1, 1, head),
			(long)n - 1);
	/* Removed at the start. */
	KUNIT_EXPECT_EQ(test, nitro_audit_verify(f->recs + 1, n - 1, 1, head), 0L);
	/* Reordered. */
	t = f->recs[2];
	f->recs[2] = f->recs[3];
	f->recs[3] = t;
	KUNIT_EXPECT_EQ(test, nitro_audit_verify(f->recs, n, 1, head), 2L);
	/* Inserted, even with a right prev link and a fresh hash. */
	nitro_audit_test_read(f);
	for (i = n; i > 6; i--)
		f->recs[i] = f->recs[i - 1];
	f->recs[6].seq = 7;
	memcpy(f->recs[6].prev, f->recs[5].hash, 32);
	strscpy(f->recs[6].object, "forged", sizeof(f->recs[6].object));
	nitro_audit_hash(&f->recs[6], f->recs[6].hash);
	KUNIT_EXPECT_EQ(test, nitro_audit_verify(f->recs, n + 1, 1, head), 7L);
}

static void nitro_audit_ack_trims(struct kunit *test)
{
	struct nitro_audit_fixture *f = test->priv;
	u8 h4[NITRO_AUDIT_HASH_LEN];

	nitro_audit_test_read(f);
	memcpy(h4, f->recs[3].hash, sizeof(h4));
	KUNIT_EXPECT_EQ(test, nitro_audit_log_ack(&f->log, 11), -EINVAL);
	KUNIT_EXPECT_EQ(test, nitro_audit_log_ack(&f->log, 4), 0);
	KUNIT_EXPECT_EQ(test, nitro_audit_log_ack(&f->log, 3), -EALREADY);
	KUNIT_EXPECT_EQ(test, nitro_audit_test_read(f), 6);
	KUNIT_EXPECT_EQ(test, f->info.first_seq, 5ULL);
	KUNIT_EXPECT_EQ(test, f->info.acked_seq, 4ULL);
	KUNIT_EXPECT_EQ(test, f->recs[0].seq, 5ULL);
	/* The chain continues from the acknowledged record's hash. */
	KUNIT_EXPECT_EQ(test, memcmp(f->recs[0].prev, h4, 32), 0);
	KUNIT_EXPECT_EQ(test, nitro_audit_verify(f->recs, 6, 5, f->info.head),
			-1L);
	KUNIT_EXPECT_EQ(test, nitro_audit_log_read(&f->log, 4, f->recs, 8,
						   &f->info), -EINVAL);
	KUNIT_EXPECT_EQ(test, nitro_audit_log_read(&f->log, 9, f->recs, 8,
						   &f->info), 2);
	KUNIT_EXPECT_EQ(test, f->recs[0].seq, 9ULL);
}

/* Full: the reserve goes first, then records are counted, never lost silently. */
static void nitro_audit_full_fails_closed(struct kunit *test)
{
	struct nitro_audit_fixture *f = test->priv;
	int i, stored = 0;

	KUNIT_EXPECT_EQ(test, nitro_audit_log_set_limit(&f->log, 8), -EINVAL);
	KUNIT_ASSERT_EQ(test, nitro_audit_log_set_limit(&f->log,
							NITRO_AUDIT_MIN_LIMIT), 0);
	/* 10 kept: room until count + reserve reaches the limit. */
	KUNIT_EXPECT_TRUE(test, nitro_audit_log_has_room(&f->log));
	for (i = 10; i < NITRO_AUDIT_MIN_LIMIT - NITRO_AUDIT_RESERVE - 1; i++)
		nitro_audit_log_append(&f->log, 1, "fill", NULL, 0, 0);
	KUNIT_EXPECT_TRUE(test, nitro_audit_log_has_room(&f->log));
	nitro_audit_log_append(&f->log, 1, "fill", NULL, 0, 0);
	KUNIT_EXPECT_FALSE(test, nitro_audit_log_has_room(&f->log));
	/* The reserve still takes records. */
	for (i = 0; i < NITRO_AUDIT_RESERVE; i++)
		stored += !nitro_audit_log_append(&f->log, 1, "reserve", NULL, 0, 0);
	KUNIT_EXPECT_EQ(test, stored, NITRO_AUDIT_RESERVE);
	KUNIT_EXPECT_EQ(test, f->log.count, (u32)NITRO_AUDIT_MIN_LIMIT);
	/* Beyond: refused, counted. */
	KUNIT_EXPECT_EQ(test, nitro_audit_log_append(&f->log, 1, "x", NULL, 0, 0),
			-ENOSPC);
	KUNIT_EXPECT_EQ(test, nitro_audit_log_append(&f->log, 1, "y", NULL, 0, 0),
			-ENOSPC);
	KUNIT_EXPECT_EQ(test, f->log.overflow, 2ULL);
	KUNIT_EXPECT_EQ(test, f->log.next_seq, (u64)NITRO_AUDIT_MIN_LIMIT + 1);
	/* The auditor acknowledges: the loss is the next thing recorded. */
	KUNIT_ASSERT_EQ(test, nitro_audit_log_ack(&f->log, 20), 0);
	KUNIT_EXPECT_FALSE(test, nitro_audit_log_has_room(&f->log) &&
			   f->log.overflow_pending);
	KUNIT_EXPECT_EQ(test, nitro_audit_log_append(&f->log, 5, "next", NULL, 0, 0),
			0);
	KUNIT_ASSERT_EQ(test, nitro_audit_test_read(f), NITRO_AUDIT_MIN_LIMIT - 20 + 2);
	i = f->info.count;
	KUNIT_EXPECT_STREQ(test, f->recs[i - 2].op, "audit.overflow");
	KUNIT_EXPECT_STREQ(test, f->recs[i - 2].object, "lost=2");
	KUNIT_EXPECT_STREQ(test, f->recs[i - 1].op, "next");
	KUNIT_EXPECT_EQ(test, nitro_audit_verify(f->recs, i, 21, f->info.head), -1L);
	KUNIT_EXPECT_TRUE(test, nitro_audit_log_has_room(&f->log));
}

/* Anchors move forward only, name written records, and the newest are kept. */
static void nitro_audit_anchors_kept(struct kunit *test)
{
	struct nitro_audit_fixture *f = test->priv;
	struct nitro_audit_anchor a = {}, out[NITRO_AUDIT_ANCHORS];
	u64 seq;
	u8 h[NITRO_AUDIT_HASH_LEN];

	KUNIT_ASSERT_EQ(test, nitro_audit_log_head(&f->log, &seq, h), 0);
	KUNIT_EXPECT_EQ(test, seq, 10ULL);
	KUNIT_ASSERT_EQ(test, nitro_audit_test_read(f), 10);
	KUNIT_EXPECT_EQ(test, memcmp(h, f->recs[9].hash, sizeof(h)), 0);

	a.seq = 4;
	memset(a.mac, 0x44, sizeof(a.mac));
	KUNIT_EXPECT_EQ(test, nitro_audit_log_anchor_add(&f->log, &a), 0);
	KUNIT_EXPECT_EQ(test, nitro_audit_log_anchor_add(&f->log, &a), -EALREADY);
	a.seq = 3;
	KUNIT_EXPECT_EQ(test, nitro_audit_log_anchor_add(&f->log, &a), -EALREADY);
	a.seq = 11;
	KUNIT_EXPECT_EQ(test, nitro_audit_log_anchor_add(&f->log, &a), -EINVAL);
	a.seq = 0;
	KUNIT_EXPECT_EQ(test, nitro_audit_log_anchor_add(&f->log, &a), -EINVAL);
	a.seq = 10;
	KUNIT_EXPECT_EQ(test, nitro_audit_log_anchor_add(&f->log, &a), 0);
	KUNIT_EXPECT_EQ(test, nitro_audit_log_anchors(&f->log, 1, 10, out, 8), 2u);
	KUNIT_EXPECT_EQ(test, out[0].seq, 4ULL);
	KUNIT_EXPECT_EQ(test, out[0].mac[31], 0x44);
	KUNIT_EXPECT_EQ(test, out[1].seq, 10ULL);
	KUNIT_EXPECT_EQ(test, nitro_audit_log_anchors(&f->log, 5, 9, out, 8), 0u);
	KUNIT_EXPECT_EQ(test, nitro_audit_log_anchors(&f->log, 1, 10, out, 1), 1u);

	/* A full ring forgets its oldest anchors first. */
	for (seq = 11; seq <= 74; seq++) {
		KUNIT_ASSERT_EQ(test, nitro_audit_log_ack(&f->log, seq - 1), 0);
		KUNIT_ASSERT_EQ(test, nitro_audit_log_append(&f->log, 0, "t", "o",
							     0, 0), 0);
		a.seq = seq;
		KUNIT_ASSERT_EQ(test, nitro_audit_log_anchor_add(&f->log, &a), 0);
	}
	KUNIT_EXPECT_EQ(test, f->log.nr_anchors, (u32)NITRO_AUDIT_ANCHORS);
	KUNIT_ASSERT_EQ(test, nitro_audit_log_anchors(&f->log, 0, U64_MAX, out,
						      NITRO_AUDIT_ANCHORS),
			(u32)NITRO_AUDIT_ANCHORS);
	KUNIT_EXPECT_EQ(test, out[0].seq, 11ULL);
	KUNIT_EXPECT_EQ(test, out[NITRO_AUDIT_ANCHORS - 1].seq, 74ULL);
	KUNIT_EXPECT_EQ(test, nitro_audit_log_anchors(&f->log, 73, 73, out, 8), 1u);
	KUNIT_EXPECT_EQ(test, out[0].seq, 73ULL);
	a.seq = 75;
	KUNIT_EXPECT_EQ(test, nitro_audit_log_anchor_add(&f->log, &a), -EINVAL);
}

static struct kunit_case nitro_audit_cases[] = {
	KUNIT_CASE(nitro_audit_chain_builds),
	KUNIT_CASE(nitro_audit_hash_vector),
	KUNIT_CASE(nitro_audit_tamper_detected),
	KUNIT_CASE(nitro_audit_ack_trims),
	KUNIT_CASE(nitro_audit_full_fails_closed),
	KUNIT_CASE(nitro_audit_anchors_kept),
	{}
};

static struct kunit_suite nitro_audit_suite = {
	.name = "nitro_audit",
	.init = nitro_audit_test_init,
	.exit = nitro_audit_test_exit,
	.test_cases = nitro_audit_cases,
};

kunit_test_suites(&nitro_envelope_suite, &nitro_replay_suite,
		  &nitro_roles_suite, &nitro_audit_suite);
