// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suites for nitro_sec, each on a private instance:
 *   nitro_sec_wrap     AES-256-GCM against the GCM specification's test
 *                      cases 13-16, wrap/unwrap, every tampered byte
 *   nitro_sec_grant    one-time grants: binding, single use, revocation,
 *                      measurement and allowlist policy
 *   nitro_sec_measure  build-id notes and the measurement formula
 *   nitro_sec_attest   signed reports and audit anchors
 */
#include <crypto/aead.h>
#include <keys/user-type.h>
#include <kunit/test.h>
#include <linux/key.h>
#include <linux/module.h>
#include <linux/slab.h>

#include "sec.h"

/* Byte-exact comparisons (KUnit of 6.1 has no memory assertions). */
#define NSEC_EXPECT_MEMEQ(test, a, b, n) \
	KUNIT_EXPECT_EQ_MSG(test, memcmp(a, b, n), 0, "%s differs from %s", #a, #b)
#define NSEC_EXPECT_MEMNEQ(test, a, b, n) \
	KUNIT_EXPECT_NE_MSG(test, memcmp(a, b, n), 0, "%s equals %s", #a, #b)

static bool nsec_contains(const u8 *hay, size_t len, const u8 *needle, size_t n)
{
	size_t i;

	for (i = 0; i + n <= len; i++)
		if (!memcmp(hay + i, needle, n))
			return true;
	return false;
}

/* ---- nitro_sec_wrap ---- */

struct nsec_gcm_vector {
	const char *desc;
	const u8 *key;
	const u8 *iv;
	const u8 *aad;
	u32 aad_len;
	const u8 *ptext;
	u32 len;
	const u8 *ctext;		/* ciphertext then the 16-byte tag */
};

static const u8 nsec_zero[64];

static const u8 nsec_k15[] =
	"\xfe\xff\xe9\x92\x86\x65\x73\x1c\x6d\x6a\x8f\x94\x67\x30\x83\x08"
	"\xfe\xff\xe9\x92\x86\x65\x73\x1c\x6d\x6a\x8f\x94\x67\x30\x83\x08";
static const u8 nsec_iv15[] = "\xca\xfe\xba\xbe\xfa\xce\xdb\xad\xde\xca\xf8\x88";
static const u8 nsec_a16[] =
	"\xfe\xed\xfa\xce\xde\xad\xbe\xef\xfe\xed\xfa\xce\xde\xad\xbe\xef"
	"\xab\xad\xda\xd2";
static const u8 nsec_p15[] =
	"\xd9\x31\x32\x25\xf8\x84\x06\xe5\xa5\x59\x09\xc5\xaf\xf5\x26\x9a"
	"\x86\xa7\xa9\x53\x15\x34\xf7\xda\x2e\x4c\x30\x3d\x8a\x31\x8a\x72"
	"\x1c\x3c\x0c\x95\x95\x68\x09\x53\x2f\xcf\x0e\x24\x49\xa6\xb5\x25"
	"\xb1\x6a\xed\xf5\xaa\x0d\xe6\x57\xba\x63\x7b\x39\x1a\xaf\xd2\x55";
static const u8 nsec_c13[] =
	"\x53\x0f\x8a\xfb\xc7\x45\x36\xb9\xa9\x63\xb4\xf1\xc4\xcb\x73\x8b";
static const u8 nsec_c14[] =
	"\xce\xa7\x40\x3d\x4d\x60\x6b\x6e\x07\x4e\xc5\xd3\xba\xf3\x9d\x18"
	"\xd0\xd1\xc8\xa7\x99\x99\x6b\xf0\x26\x5b\x98\xb5\xd4\x8a\xb9\x19";
static const u8 nsec_c15[] =
	"\x52\x2d\xc1\xf0\x99\x56\x7d\x07\xf4\x7f\x37\xa3\x2a\x84\x42\x7d"
	"\x64\x3a\x8c\xdc\xbf\xe5\xc0\xc9\x75\x98\xa2\xbd\x25\x55\xd1\xaa"
	"\x8c\xb0\x8e\x48\x59\x0d\xbb\x3d\xa7\xb0\x8b\x10\x56\x82\x88\x38"
	"\xc5\xf6\x1e\x63\x93\xba\x7a\x0a\xbc\xc9\xf6\x62\x89\x80\x15\xad"
	"\xb0\x94\xda\xc5\xd9\x34\x71\xbd\xec\x1a\x50\x22\x70\xe3\xcc\x6c";
static const u8 nsec_c16[] =
	"\x52\x2d\xc1\xf0\x99\x56\x7d\x07\xf4\x7f\x37\xa3\x2a\x84\x42\x7d"
	"\x64\x3a\x8c\xdc\xbf\xe5\xc0\xc9\x75\x98\xa2\xbd\x25\x55\xd1\xaa"
	"\x8c\xb0\x8e\x48\x59\x0d\xbb\x3d\xa7\xb0\x8b\x10\x56\x82\x88\x38"
	"\xc5\xf6\x1e\x63\x93\xba\x7a\x0a\xbc\xc9\xf6\x62\x76\xfc\x6e\xce"
	"\x0f\x4e\x17\x68\xcd\xdf\x88\x53\xbb\x2d\x55\x1b";

/* The AES-256 cases of the GCM specification (McGrew and Viega). */
static const struct nsec_gcm_vector nsec_gcm_vectors[] = {
	{ "case 13: empty", nsec_zero, nsec_zero, NULL, 0, NULL, 0, nsec_c13 },
	{ "case 14: one zero block", nsec_zero, nsec_zero, NULL, 0, nsec_zero,
	  16, nsec_c14 },
	{ "case 15: four blocks", nsec_k15, nsec_iv15, NULL, 0, nsec_p15, 64,
	  nsec_c15 },
	{ "case 16: partial block, AAD", nsec_k15, nsec_iv15, nsec_a16, 20,
	  nsec_p15, 60, nsec_c16 },
};

static void nsec_gcm_desc(const struct nsec_gcm_vector *v, char *desc)
{
	strscpy(desc, v->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(nsec_gcm, nsec_gcm_vectors, nsec_gcm_desc);

static void nsec_test_gcm_vector(struct kunit *test)
{
	const struct nsec_gcm_vector *v = test->param_value;
	struct crypto_aead *tfm;
	u8 out[80], back[64];

	tfm = nsec_gcm_alloc(v->key, 32);
	KUNIT_ASSERT_FALSE(test, IS_ERR(tfm));
	KUNIT_EXPECT_EQ(test, nsec_gcm_crypt(tfm, true, v->iv, v->aad,
					     v->aad_len, v->ptext, v->len, out),
			0);
	NSEC_EXPECT_MEMEQ(test, out, v->ctext, v->len + 16);

	KUNIT_EXPECT_EQ(test, nsec_gcm_crypt(tfm, false, v->iv, v->aad,
					     v->aad_len, v->ctext, v->len + 16,
					     back), 0);
	if (v->len)
		NSEC_EXPECT_MEMEQ(test, back, v->ptext, v->len);

	/* A wrong tag is refused and writes nothing. */
	memcpy(out, v->ctext, v->len + 16);
	out[v->len + 15] ^= 0x80;
	memset(back, 0x5a, sizeof(back));
	KUNIT_EXPECT_EQ(test, nsec_gcm_crypt(tfm, false, v->iv, v->aad,
					     v->aad_len, out, v->len + 16, back),
			-EBADMSG);
	KUNIT_EXPECT_EQ(test, back[0], 0x5a);
	crypto_free_aead(tfm);
}

/* A private instance with a CMK of known bytes. */
static struct nitro_sec *nsec_test_instance(struct kunit *test)
{
	struct nitro_sec *sec = nsec_create("kunit-build");

	KUNIT_ASSERT_FALSE(test, IS_ERR(sec));
	return sec;
}

static const u8 nsec_test_data_key[64] =
	"0123456789abcdef0123456789ABCDEFfedcba9876543210FEDCBA9876543210";

static const u32 nsec_key_lens[] = { 16, 32, 64 };

static void nsec_key_len_desc(const u32 *len, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%u-byte key", *len);
}

KUNIT_ARRAY_PARAM(nsec_key_len, nsec_key_lens, nsec_key_len_desc);

static void nsec_test_wrap_roundtrip(struct kunit *test)
{
	u32 key_len = *(const u32 *)test->param_value;
	struct nitro_sec *sec = nsec_test_instance(test);
	u8 wrapped[NITRO_SEC_WRAP_MAX], key[64];
	struct crypto_aead *tfm;
	u32 id, cmk, len, wlen = 0;

	KUNIT_ASSERT_EQ(test, nsec_cmk_install(sec, nsec_k15, &id), 0);
	mutex_lock(&sec->lock);
	tfm = nsec_cmk_find_locked(sec, id);
	KUNIT_ASSERT_NOT_NULL(test, tfm);
	KUNIT_EXPECT_EQ(test, nsec_wrap(tfm, id, nsec_test_data_key, key_len,
					wrapped, &wlen), 0);
	KUNIT_EXPECT_EQ(test, wlen, (u32)NITRO_SEC_WRAPPED_LEN(key_len));
	KUNIT_EXPECT_EQ(test, nsec_wrapped_key_len(wrapped, wlen, &cmk, &len), 0);
	KUNIT_EXPECT_EQ(test, cmk, id);
	KUNIT_EXPECT_EQ(test, len, key_len);
	/* The plaintext appears nowhere in the blob. */
	KUNIT_EXPECT_FALSE(test, nsec_contains(wrapped, wlen, nsec_test_data_key, 8));

	KUNIT_EXPECT_EQ(test, nsec_unwrap(tfm, id, wrapped, wlen, key, key_len), 0);
	NSEC_EXPECT_MEMEQ(test, key, nsec_test_data_key, key_len);
	/* Bound to its CMK id and length through the associated data. */
	KUNIT_EXPECT_EQ(test, nsec_unwrap(tfm, id + 1, wrapped, wlen, key,
					  key_len), -EINVAL);
	KUNIT_EXPECT_EQ(test, nsec_unwrap(tfm, id, wrapped, wlen - 1, key,
					  key_len), -EINVAL);
	KUNIT_EXPECT_EQ(test, nsec_unwrap(tfm, id, wrapped, wlen, key,
					  key_len == 64 ? 32 : 64), -EINVAL);
	KUNIT_EXPECT_EQ(test, nsec_wrap(tfm, id, nsec_test_data_key, 24, wrapped,
					&wlen), -EINVAL);
	mutex_unlock(&sec->lock);
	nsec_destroy(sec);
}

static void nsec_test_wrap_tamper(struct kunit *test)
{
	struct nitro_sec *sec = nsec_test_instance(test);
	u8 wrapped[NITRO_SEC_WRAP_MAX], bad[NITRO_SEC_WRAP_MAX], key[64];
	struct crypto_aead *tfm;
	u32 id, wlen = 0, i, refused = 0;
	int err;

	KUNIT_ASSERT_EQ(test, nsec_cmk_create(sec, &id), 0);
	mutex_lock(&sec->lock);
	tfm = nsec_cmk_find_locked(sec, id);
	KUNIT_ASSERT_EQ(test, nsec_wrap(tfm, id, nsec_test_data_key, 64, wrapped,
					&wlen), 0);
	for (i = 0; i < wlen * 8; i++) {
		memcpy(bad, wrapped, wlen);
		bad[i / 8] ^= 1 << (i % 8);
		memset(key, 0, sizeof(key));
		err = nsec_unwrap(tfm, id, bad, wlen, key, 64);
		/* Header bits fail the shape check, the rest the tag. */
		if (err == -EINVAL || err == -EBADMSG)
			refused++;
		KUNIT_EXPECT_TRUE_MSG(test, !memchr_inv(key, 0, sizeof(key)),
				      "bit %u leaked output", i);
	}
	KUNIT_EXPECT_EQ(test, refused, wlen * 8);
	KUNIT_EXPECT_EQ(test, nsec_unwrap(tfm, id, wrapped, wlen, key, 64), 0);
	mutex_unlock(&sec->lock);
	nsec_destroy(sec);
}

static void nsec_test_cmk_table(struct kunit *test)
{
	struct nitro_sec *sec = nsec_test_instance(test);
	u8 wrapped[NITRO_SEC_WRAP_MAX];
	u32 id, first, wlen;
	unsigned int i;

	KUNIT_ASSERT_EQ(test, nsec_cmk_create(sec, &first), 0);
	KUNIT_EXPECT_EQ(test, first, 1u);
	for (i = 1; i < NITRO_SEC_MAX_CMKS; i++)
		KUNIT_ASSERT_EQ(test, nsec_cmk_create(sec, &id), 0);
	KUNIT_EXPECT_EQ(test, nsec_cmk_create(sec, &id), -ENOSPC);
	KUNIT_EXPECT_EQ(test, nsec_cmk_destroy(sec, first), 0);
	KUNIT_EXPECT_EQ(test, nsec_cmk_destroy(sec, first), -ENOENT);
	KUNIT_EXPECT_EQ(test, nsec_cmk_destroy(sec, 0), -ENOENT);
	/* Ids are never reused. */
	KUNIT_ASSERT_EQ(test, nsec_cmk_create(sec, &id), 0);
	KUNIT_EXPECT_EQ(test, id, (u32)NITRO_SEC_MAX_CMKS + 1);
	KUNIT_EXPECT_EQ(test, nsec_datakey_generate(sec, first, 64, wrapped,
						    &wlen), -ENOENT);
	KUNIT_EXPECT_EQ(test, nsec_datakey_generate(sec, id, 63, wrapped, &wlen),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, nsec_datakey_generate(sec, id, 64, wrapped, &wlen),
			0);
	KUNIT_EXPECT_EQ(test, wlen, (u32)NITRO_SEC_WRAPPED_LEN(64));
	nsec_destroy(sec);
}

/* Bring your own key: wrapped as given, refused when it is a weak XTS key. */
static void nsec_test_datakey_import(struct kunit *test)
{
	struct nitro_sec *sec = nsec_test_instance(test);
	u8 wrapped[NITRO_SEC_WRAP_MAX], key[64], weak[64];
	struct crypto_aead *tfm;
	u32 id, wlen = 0;

	KUNIT_ASSERT_EQ(test, nsec_cmk_install(sec, nsec_k15, &id), 0);
	KUNIT_ASSERT_EQ(test, nsec_datakey_import(sec, id, nsec_test_data_key,
						  64, wrapped, &wlen), 0);
	KUNIT_EXPECT_EQ(test, wlen, (u32)NITRO_SEC_WRAPPED_LEN(64));
	KUNIT_EXPECT_FALSE(test, nsec_contains(wrapped, wlen, nsec_test_data_key, 8));
	KUNIT_EXPECT_FALSE(test, nsec_contains(wrapped, wlen,
					       nsec_test_data_key + 56, 8));
	mutex_lock(&sec->lock);
	tfm = nsec_cmk_find_locked(sec, id);
	KUNIT_ASSERT_NOT_NULL(test, tfm);
	KUNIT_EXPECT_EQ(test, nsec_unwrap(tfm, id, wrapped, wlen, key, 64), 0);
	mutex_unlock(&sec->lock);
	NSEC_EXPECT_MEMEQ(test, key, nsec_test_data_key, 64);

	/* Equal halves: refused, and nothing written. */
	memcpy(weak, nsec_test_data_key, 32);
	memcpy(weak + 32, nsec_test_data_key, 32);
	memset(wrapped, 0x5a, sizeof(wrapped));
	wlen = 7;
	KUNIT_EXPECT_EQ(test, nsec_datakey_import(sec, id, weak, 64, wrapped,
						  &wlen), -EKEYREJECTED);
	KUNIT_EXPECT_EQ(test, wlen, 7u);
	KUNIT_EXPECT_TRUE(test, !memchr_inv(wrapped, 0x5a, sizeof(wrapped)));
	/* One differing bit is enough to be an XTS key. */
	weak[63] ^= 1;
	KUNIT_EXPECT_EQ(test, nsec_datakey_import(sec, id, weak, 64, wrapped,
						  &wlen), 0);
	KUNIT_EXPECT_EQ(test, nsec_datakey_import(sec, id, nsec_test_data_key,
						  63, wrapped, &wlen), -EINVAL);
	KUNIT_EXPECT_EQ(test, nsec_datakey_import(sec, id, nsec_test_data_key,
						  0, wrapped, &wlen), -EINVAL);
	KUNIT_EXPECT_EQ(test, nsec_datakey_import(sec, id + 1,
						  nsec_test_data_key, 64,
						  wrapped, &wlen), -ENOENT);
	KUNIT_EXPECT_EQ(test, nsec_datakey_import(sec, 0, nsec_test_data_key,
						  64, wrapped, &wlen), -ENOENT);
	/* Shorter keys are not XTS pairs: any bytes will do. */
	KUNIT_EXPECT_EQ(test, nsec_datakey_import(sec, id, weak, 32, wrapped,
						  &wlen), 0);
	KUNIT_EXPECT_EQ(test, wlen, (u32)NITRO_SEC_WRAPPED_LEN(32));
	nsec_destroy(sec);
}

static struct kunit_case nsec_wrap_cases[] = {
	KUNIT_CASE_PARAM(nsec_test_gcm_vector, nsec_gcm_gen_params),
	KUNIT_CASE_PARAM(nsec_test_wrap_roundtrip, nsec_key_len_gen_params),
	KUNIT_CASE(nsec_test_wrap_tamper),
	KUNIT_CASE(nsec_test_cmk_table),
	KUNIT_CASE(nsec_test_datakey_import),
	{}
};

static struct kunit_suite nsec_wrap_suite = {
	.name = "nitro_sec_wrap",
	.test_cases = nsec_wrap_cases,
};

/* ---- nitro_sec_grant ---- */

/*
 * Stand-ins for component modules: only their addresses matter (and struct
 * module is incomplete in a kernel without module support, like UML's).
 */
static u8 nsec_fake_mods[3];
#define NSEC_MOD_NVME	((struct module *)&nsec_fake_mods[0])
#define NSEC_MOD_ENA	((struct module *)&nsec_fake_mods[1])
#define NSEC_MOD_ROGUE	((struct module *)&nsec_fake_mods[2])

static const u8 nsec_digest_nvme[32] = "measurement of a good nvme mod!";
static const u8 nsec_digest_rogue[32] = "measurement of a rogue module!!";

struct nsec_grant_ctx {
	struct nitro_sec *sec;
	u32 cmk;
	u8 wrapped[NITRO_SEC_WRAP_MAX];
	u32 wlen;
	guid_t volume, dev;
};

static void nsec_add_component(struct kunit *test, struct nitro_sec *sec,
			       const char *name, struct module *mod, u16 kind,
			       const char *build, const u8 *digest)
{
	struct nitro_component_id id = {
		.name = name, .kind = kind, .build_id = build, .owner = mod,
	};

	KUNIT_ASSERT_EQ(test, nsec_component_add(sec, &id, digest), 0);
}

static int nsec_grant_init(struct kunit *test)
{
	struct nsec_grant_ctx *ctx;
	struct crypto_aead *tfm;

	ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ctx);
	ctx->sec = nsec_test_instance(test);
	KUNIT_ASSERT_EQ(test, nsec_cmk_install(ctx->sec, nsec_k15, &ctx->cmk), 0);
	mutex_lock(&ctx->sec->lock);
	tfm = nsec_cmk_find_locked(ctx->sec, ctx->cmk);
	KUNIT_ASSERT_EQ(test, nsec_wrap(tfm, ctx->cmk, nsec_test_data_key, 64,
					ctx->wrapped, &ctx->wlen), 0);
	mutex_unlock(&ctx->sec->lock);
	guid_gen(&ctx->volume);
	guid_gen(&ctx->dev);
	nsec_add_component(test, ctx->sec, "nitro_nvme", NSEC_MOD_NVME,
			   NITRO_COMPONENT_NVME, "kunit-build", nsec_digest_nvme);
	nsec_add_component(test, ctx->sec, "nitro_ena", NSEC_MOD_ENA,
			   NITRO_COMPONENT_ENA, "kunit-build", NULL);
	nsec_add_component(test, ctx->sec, "rogue", NSEC_MOD_ROGUE,
			   NITRO_COMPONENT_NVME, "other-build", nsec_digest_rogue);
	test->priv = ctx;
	return 0;
}

static void nsec_grant_exit(struct kunit *test)
{
	struct nsec_grant_ctx *ctx = test->priv;

	nsec_destroy(ctx->sec);
}

static void nsec_issue(struct kunit *test, struct nsec_grant_ctx *ctx,
		       u16 kind, u8 token[NITRO_SEC_TOKEN_LEN])
{
	KUNIT_ASSERT_EQ(test, nsec_grant_issue(ctx->sec, ctx->cmk, ctx->wrapped,
					       ctx->wlen, kind, &ctx->volume,
					       &ctx->dev, token), 0);
}

static void nsec_test_grant_single_use(struct kunit *test)
{
	struct nsec_grant_ctx *ctx = test->priv;
	u8 token[NITRO_SEC_TOKEN_LEN], key[64];

	nsec_issue(test, ctx, NITRO_COMPONENT_NVME, token);
	KUNIT_EXPECT_EQ(test, nsec_redeem(ctx->sec, NSEC_MOD_NVME, token,
					  &ctx->volume, &ctx->dev, key, 64), 0);
	NSEC_EXPECT_MEMEQ(test, key, nsec_test_data_key, 64);
	KUNIT_EXPECT_EQ(test, nsec_redeem(ctx->sec, NSEC_MOD_NVME, token,
					  &ctx->volume, &ctx->dev, key, 64),
			-EACCES);
	KUNIT_EXPECT_TRUE(test, !memchr_inv(key, 0, sizeof(key)));
	KUNIT_EXPECT_EQ(test, ctx->sec->stats.redeemed, 1ull);
	KUNIT_EXPECT_EQ(test, ctx->sec->stats.denied, 1ull);
	mutex_lock(&ctx->sec->lock);
	KUNIT_EXPECT_EQ(test, nsec_grant_count_locked(ctx->sec), 0u);
	mutex_unlock(&ctx->sec->lock);
}

/* A mismatch is refused and leaves the grant for its rightful holder. */
static void nsec_test_grant_binding(struct kunit *test)
{
	struct nsec_grant_ctx *ctx = test->priv;
	u8 token[NITRO_SEC_TOKEN_LEN], key[64];
	guid_t other;

	guid_gen(&other);
	nsec_issue(test, ctx, NITRO_COMPONENT_NVME, token);
	KUNIT_EXPECT_EQ(test, nsec_redeem(ctx->sec, NSEC_MOD_NVME, token,
					  &other, &ctx->dev, key, 64), -EACCES);
	KUNIT_EXPECT_EQ(test, nsec_redeem(ctx->sec, NSEC_MOD_NVME, token,
					  &ctx->volume, &other, key, 64),
			-EACCES);
	/* Wrong kind: the ENA component (also unmeasured). */
	KUNIT_EXPECT_EQ(test, nsec_redeem(ctx->sec, NSEC_MOD_ENA, token,
					  &ctx->volume, &ctx->dev, key, 64),
			-EACCES);
	/* A module of another build, and one never registered. */
	KUNIT_EXPECT_EQ(test, nsec_redeem(ctx->sec, NSEC_MOD_ROGUE, token,
					  &ctx->volume, &ctx->dev, key, 64),
			-EACCES);
	KUNIT_EXPECT_EQ(test, nsec_redeem(ctx->sec, THIS_MODULE, token,
					  &ctx->volume, &ctx->dev, key, 64),
			-EACCES);
	KUNIT_EXPECT_EQ(test, nsec_redeem(ctx->sec, NSEC_MOD_NVME, token,
					  &ctx->volume, &ctx->dev, key, 32),
			-EINVAL);
	KUNIT_EXPECT_TRUE(test, !memchr_inv(key, 0, sizeof(key)));
	KUNIT_EXPECT_EQ(test, ctx->sec->stats.denied, 6ull);

	KUNIT_EXPECT_EQ(test, nsec_redeem(ctx->sec, NSEC_MOD_NVME, token,
					  &ctx->volume, &ctx->dev, key, 64), 0);
	NSEC_EXPECT_MEMEQ(test, key, nsec_test_data_key, 64);
}

static void nsec_test_grant_kind(struct kunit *test)
{
	struct nsec_grant_ctx *ctx = test->priv;
	u8 token[NITRO_SEC_TOKEN_LEN], key[64];

	/* Bound to ENA: the NVMe component may not use it. */
	nsec_issue(test, ctx, NITRO_COMPONENT_ENA, token);
	KUNIT_EXPECT_EQ(test, nsec_redeem(ctx->sec, NSEC_MOD_NVME, token,
					  &ctx->volume, &ctx->dev, key, 64),
			-EACCES);
	/* Nor may the unmeasured ENA component. */
	KUNIT_EXPECT_EQ(test, nsec_redeem(ctx->sec, NSEC_MOD_ENA, token,
					  &ctx->volume, &ctx->dev, key, 64),
			-EACCES);
	KUNIT_EXPECT_EQ(test, nsec_grant_issue(ctx->sec, ctx->cmk, ctx->wrapped,
					       ctx->wlen, NITRO_COMPONENT_SEC,
					       &ctx->volume, &ctx->dev, token),
			-EINVAL);
}

static void nsec_test_grant_revoke(struct kunit *test)
{
	struct nsec_grant_ctx *ctx = test->priv;
	u8 token[NITRO_SEC_TOKEN_LEN], key[64];

	nsec_issue(test, ctx, NITRO_COMPONENT_NVME, token);
	KUNIT_EXPECT_EQ(test, nsec_grant_revoke(ctx->sec, token), 0);
	KUNIT_EXPECT_EQ(test, nsec_grant_revoke(ctx->sec, token), -ENOENT);
	KUNIT_EXPECT_EQ(test, nsec_redeem(ctx->sec, NSEC_MOD_NVME, token,
					  &ctx->volume, &ctx->dev, key, 64),
			-EACCES);

	/* Destroying the CMK drops its grants. */
	nsec_issue(test, ctx, NITRO_COMPONENT_NVME, token);
	KUNIT_EXPECT_EQ(test, nsec_cmk_destroy(ctx->sec, ctx->cmk), 0);
	KUNIT_EXPECT_EQ(test, nsec_redeem(ctx->sec, NSEC_MOD_NVME, token,
					  &ctx->volume, &ctx->dev, key, 64),
			-EACCES);
	KUNIT_EXPECT_EQ(test, nsec_grant_issue(ctx->sec, ctx->cmk, ctx->wrapped,
					       ctx->wlen, NITRO_COMPONENT_NVME,
					       &ctx->volume, &ctx->dev, token),
			-ENOENT);
}

static void nsec_test_grant_bad_blob(struct kunit *test)
{
	struct nsec_grant_ctx *ctx = test->priv;
	u8 token[NITRO_SEC_TOKEN_LEN], bad[NITRO_SEC_WRAP_MAX];
	u32 other;

	memcpy(bad, ctx->wrapped, ctx->wlen);
	bad[ctx->wlen - 1] ^= 1;
	KUNIT_EXPECT_EQ(test, nsec_grant_issue(ctx->sec, ctx->cmk, bad, ctx->wlen,
					       NITRO_COMPONENT_NVME, &ctx->volume,
					       &ctx->dev, token), -EINVAL);
	KUNIT_EXPECT_EQ(test, nsec_grant_issue(ctx->sec, ctx->cmk, ctx->wrapped,
					       ctx->wlen - 1, NITRO_COMPONENT_NVME,
					       &ctx->volume, &ctx->dev, token),
			-EINVAL);
	/* A blob of one CMK presented under another. */
	KUNIT_ASSERT_EQ(test, nsec_cmk_create(ctx->sec, &other), 0);
	KUNIT_EXPECT_EQ(test, nsec_grant_issue(ctx->sec, other, ctx->wrapped,
					       ctx->wlen, NITRO_COMPONENT_NVME,
					       &ctx->volume, &ctx->dev, token),
			-EINVAL);
	mutex_lock(&ctx->sec->lock);
	KUNIT_EXPECT_EQ(test, nsec_grant_count_locked(ctx->sec), 0u);
	mutex_unlock(&ctx->sec->lock);
}

static void nsec_test_grant_table_full(struct kunit *test)
{
	struct nsec_grant_ctx *ctx = test->priv;
	u8 token[NITRO_SEC_TOKEN_LEN], first[NITRO_SEC_TOKEN_LEN];
	unsigned int i;

	nsec_issue(test, ctx, NITRO_COMPONENT_NVME, first);
	for (i = 1; i < NITRO_SEC_MAX_GRANTS; i++)
		nsec_issue(test, ctx, NITRO_COMPONENT_NVME, token);
	KUNIT_EXPECT_EQ(test, nsec_grant_issue(ctx->sec, ctx->cmk, ctx->wrapped,
					       ctx->wlen, NITRO_COMPONENT_NVME,
					       &ctx->volume, &ctx->dev, token),
			-ENOSPC);
	KUNIT_EXPECT_EQ(test, nsec_grant_revoke(ctx->sec, first), 0);
	nsec_issue(test, ctx, NITRO_COMPONENT_NVME, token);
}

static void nsec_test_grant_policy(struct kunit *test)
{
	struct nsec_grant_ctx *ctx = test->priv;
	u8 token[NITRO_SEC_TOKEN_LEN], key[64];

	/* Strict with an empty allowlist: nobody. */
	KUNIT_EXPECT_EQ(test, nsec_policy_set(ctx->sec, NITRO_SEC_POLICY_STRICT), 0);
	nsec_issue(test, ctx, NITRO_COMPONENT_NVME, token);
	KUNIT_EXPECT_EQ(test, nsec_redeem(ctx->sec, NSEC_MOD_NVME, token,
					  &ctx->volume, &ctx->dev, key, 64),
			-EACCES);
	/* The right digest for the wrong kind does not count. */
	KUNIT_EXPECT_EQ(test, nsec_allow_add(ctx->sec, nsec_digest_nvme,
					     NITRO_COMPONENT_ENA), 0);
	KUNIT_EXPECT_EQ(test, nsec_redeem(ctx->sec, NSEC_MOD_NVME, token,
					  &ctx->volume, &ctx->dev, key, 64),
			-EACCES);
	/* The rogue module is allowed by digest, whatever build it claims. */
	KUNIT_EXPECT_EQ(test, nsec_allow_add(ctx->sec, nsec_digest_nvme,
					     NITRO_COMPONENT_NVME), 0);
	KUNIT_EXPECT_EQ(test, nsec_allow_add(ctx->sec, nsec_digest_nvme,
					     NITRO_COMPONENT_NVME), 0);
	KUNIT_EXPECT_EQ(test, ctx->sec->nr_allow, 2u);
	KUNIT_EXPECT_EQ(test, nsec_redeem(ctx->sec, NSEC_MOD_ROGUE, token,
					  &ctx->volume, &ctx->dev, key, 64),
			-EACCES);
	KUNIT_EXPECT_EQ(test, nsec_redeem(ctx->sec, NSEC_MOD_NVME, token,
					  &ctx->volume, &ctx->dev, key, 64), 0);
	NSEC_EXPECT_MEMEQ(test, key, nsec_test_data_key, 64);

	nsec_allow_clear(ctx->sec);
	nsec_issue(test, ctx, NITRO_COMPONENT_NVME, token);
	KUNIT_EXPECT_EQ(test, nsec_redeem(ctx->sec, NSEC_MOD_NVME, token,
					  &ctx->volume, &ctx->dev, key, 64),
			-EACCES);
	KUNIT_EXPECT_EQ(test, nsec_policy_set(ctx->sec, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, nsec_allow_add(ctx->sec, nsec_digest_nvme,
					     NITRO_COMPONENT_SEC), -EINVAL);

	/* A removed component no longer redeems. */
	KUNIT_EXPECT_EQ(test, nsec_policy_set(ctx->sec, NITRO_SEC_POLICY_BUILD), 0);
	nsec_component_remove(ctx->sec, NSEC_MOD_NVME, "nitro_nvme");
	KUNIT_EXPECT_EQ(test, nsec_redeem(ctx->sec, NSEC_MOD_NVME, token,
					  &ctx->volume, &ctx->dev, key, 64),
			-EACCES);
}

static struct kunit_case nsec_grant_cases[] = {
	KUNIT_CASE(nsec_test_grant_single_use),
	KUNIT_CASE(nsec_test_grant_binding),
	KUNIT_CASE(nsec_test_grant_kind),
	KUNIT_CASE(nsec_test_grant_revoke),
	KUNIT_CASE(nsec_test_grant_bad_blob),
	KUNIT_CASE(nsec_test_grant_table_full),
	KUNIT_CASE(nsec_test_grant_policy),
	{}
};

static struct kunit_suite nsec_grant_suite = {
	.name = "nitro_sec_grant",
	.init = nsec_grant_init,
	.exit = nsec_grant_exit,
	.test_cases = nsec_grant_cases,
};

/* ---- nitro_sec_measure ---- */

/* A note section: another note first, then the build id. */
static const u8 nsec_notes[] = {
	4, 0, 0, 0,  4, 0, 0, 0,  1, 0, 0, 0,  'X', 'e', 'n', 0,
	0xde, 0xad, 0xbe, 0xef,
	4, 0, 0, 0,  20, 0, 0, 0,  3, 0, 0, 0,  'G', 'N', 'U', 0,
	0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19,
	0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x21, 0x22, 0x23,
};

/* sha256("NITRO-MEASURE-V1" || "nitro_nvme" padded to 56 || le32 20 || id) */
static const u8 nsec_measure_expected[32] =
	"\x42\xc0\x6d\x71\x67\x3e\x20\xe6\xa7\x7d\x87\x39\x87\xa2\x50\xf9"
	"\xc7\x1e\xa9\x1d\x9e\x37\x15\x28\x17\xb9\x31\xb4\x60\xe9\x21\x52";

static void nsec_test_note_build_id(struct kunit *test)
{
	u8 bad[sizeof(nsec_notes)];
	const u8 *desc;
	u32 len;

	KUNIT_ASSERT_EQ(test, nsec_note_build_id(nsec_notes, sizeof(nsec_notes),
						 &desc, &len), 0);
	KUNIT_EXPECT_EQ(test, len, 20u);
	KUNIT_EXPECT_PTR_EQ(test, desc, &nsec_notes[36]);
	/* Only the first note: no build id. */
	KUNIT_EXPECT_EQ(test, nsec_note_build_id(nsec_notes, 20, &desc, &len),
			-ENOENT);
	/* Cut inside the build id's description. */
	KUNIT_EXPECT_EQ(test, nsec_note_build_id(nsec_notes, 50, &desc, &len),
			-EINVAL);
	/* A description length that runs past the section. */
	memcpy(bad, nsec_notes, sizeof(bad));
	bad[24] = 0xff;
	KUNIT_EXPECT_EQ(test, nsec_note_build_id(bad, sizeof(bad), &desc, &len),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, nsec_note_build_id(nsec_notes, 0, &desc, &len),
			-ENOENT);
}

static const char nsec_long_name[] =
	"a_module_name_that_is_longer_than_fifty_six_characters_in_all";

static void nsec_test_measure(struct kunit *test)
{
	u8 digest[32], other[32];
	const u8 *desc;
	u32 len;

	KUNIT_ASSERT_EQ(test, nsec_note_build_id(nsec_notes, sizeof(nsec_notes),
						 &desc, &len), 0);
	KUNIT_ASSERT_EQ(test, nsec_measure("nitro_nvme", desc, len, digest), 0);
	NSEC_EXPECT_MEMEQ(test, digest, nsec_measure_expected, 32);
	KUNIT_ASSERT_EQ(test, nsec_measure("nitro_ena", desc, len, other), 0);
	NSEC_EXPECT_MEMNEQ(test, digest, other, 32);
	KUNIT_ASSERT_EQ(test, nsec_measure("nitro_nvme", desc, len - 1, other), 0);
	NSEC_EXPECT_MEMNEQ(test, digest, other, 32);
	/* Built-in code has no module image to measure. */
	KUNIT_EXPECT_EQ(test, nsec_measure_module(NULL, digest), -ENOENT);
	KUNIT_EXPECT_EQ(test, nsec_measure(nsec_long_name, desc, len, digest),
			-EINVAL);
}

static void nsec_test_component_table(struct kunit *test)
{
	struct nitro_sec *sec = nsec_test_instance(test);
	struct nitro_component_id id = { .name = "c", .kind = NITRO_COMPONENT_NVME };
	u8 mods[NITRO_SEC_MAX_COMPONENTS + 1];
	unsigned int i;

	for (i = 0; i < NITRO_SEC_MAX_COMPONENTS; i++) {
		id.owner = (struct module *)&mods[i];
		KUNIT_EXPECT_EQ(test, nsec_component_add(sec, &id, NULL), 0);
	}
	id.owner = (struct module *)&mods[i];
	KUNIT_EXPECT_EQ(test, nsec_component_add(sec, &id, NULL), -ENOSPC);
	nsec_component_remove(sec, (struct module *)&mods[3], "c");
	KUNIT_EXPECT_EQ(test, nsec_component_add(sec, &id, NULL), 0);
	nsec_destroy(sec);
}

static struct kunit_case nsec_measure_cases[] = {
	KUNIT_CASE(nsec_test_note_build_id),
	KUNIT_CASE(nsec_test_measure),
	KUNIT_CASE(nsec_test_component_table),
	{}
};

static struct kunit_suite nsec_measure_suite = {
	.name = "nitro_sec_measure",
	.test_cases = nsec_measure_cases,
};

/* ---- nitro_sec_attest ---- */

static const u8 nsec_devkey[32] = {
	0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
	16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31,
};

/* HMAC-SHA256(nsec_devkey, "NITROANC" || le32 1 || le32 0 || le64 5 || 0xaa * 32) */
static const u8 nsec_anchor_expected[32] =
	"\x5e\x02\x61\x7e\x71\xd6\xba\x24\x3a\x2b\x9f\x80\x4f\x46\xa8\xa9"
	"\x8b\x98\x63\xdf\x59\x23\x9a\x3b\x2b\xf1\x82\x79\x77\xfc\x0c\xa2";

static int nsec_install_devkey(struct nitro_sec *sec, const u8 *key, u32 len,
			       const char *type)
{
	key_ref_t ref;

	ref = key_create_or_update(make_key_ref(sec->keyring, true), type,
				   NITRO_SEC_DEVKEY_DESC, key, len,
				   KEY_POS_ALL | KEY_USR_VIEW,
				   KEY_ALLOC_NOT_IN_QUOTA);
	if (IS_ERR(ref))
		return PTR_ERR(ref);
	key_ref_put(ref);
	return 0;
}

static int nsec_attest_init(struct kunit *test)
{
	struct nitro_sec *sec = nsec_test_instance(test);

	nsec_add_component(test, sec, "nitro_sec", NULL, NITRO_COMPONENT_SEC,
			   "kunit-build", NULL);
	nsec_add_component(test, sec, "nitro_nvme", NSEC_MOD_NVME,
			   NITRO_COMPONENT_NVME, "kunit-build", nsec_digest_nvme);
	nsec_add_component(test, sec, "rogue", NSEC_MOD_ROGUE,
			   NITRO_COMPONENT_NVME, "other-build", nsec_digest_rogue);
	test->priv = sec;
	return 0;
}

static void nsec_attest_exit(struct kunit *test)
{
	nsec_destroy(test->priv);
}

static void nsec_test_attest_no_key(struct kunit *test)
{
	struct nitro_sec *sec = test->priv;
	u8 nonce[32] = {}, mac[32], report[1024];
	u32 len;

	KUNIT_EXPECT_EQ(test, nsec_attest(sec, nonce, report, sizeof(report), &len),
			-ENOKEY);
	KUNIT_EXPECT_EQ(test, nsec_anchor(sec, 1, nonce, mac), -ENOKEY);
	/* Too short to be a device key. */
	KUNIT_ASSERT_EQ(test, nsec_install_devkey(sec, nsec_devkey, 16, "logon"), 0);
	KUNIT_EXPECT_EQ(test, nsec_anchor(sec, 1, nonce, mac), -EKEYREJECTED);
	/* The keyring takes nothing userspace could read back. */
	KUNIT_EXPECT_EQ(test, nsec_install_devkey(sec, nsec_devkey, 32, "user"),
			-EPERM);
}

static void nsec_test_attest_report(struct kunit *test)
{
	struct nitro_sec *sec = test->priv;
	const struct nitro_sec_report_entry *e;
	const struct nitro_sec_report_hdr *hdr;
	u8 nonce[32], other[32], *report;
	u32 len = 0, i, caught = 0;

	report = kunit_kzalloc(test, NITRO_SEC_REPORT_SIZE_MAX, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, report);
	KUNIT_ASSERT_EQ(test, nsec_install_devkey(sec, nsec_devkey, 32, "logon"), 0);
	memset(nonce, 0x42, sizeof(nonce));
	KUNIT_ASSERT_EQ(test, nsec_attest(sec, nonce, report,
					  NITRO_SEC_REPORT_SIZE_MAX, &len), 0);
	KUNIT_EXPECT_EQ(test, len, (u32)(sizeof(*hdr) + 3 * sizeof(*e) + 32));

	hdr = (const void *)report;
	e = (const void *)(report + sizeof(*hdr));
	NSEC_EXPECT_MEMEQ(test, hdr->magic, "NITROATT", 8);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(hdr->version), 1);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(hdr->nr_entries), 3);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(hdr->len), len);
	KUNIT_EXPECT_EQ(test, le64_to_cpu(hdr->counter), 1ull);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(hdr->policy), NITRO_SEC_POLICY_BUILD);
	KUNIT_EXPECT_STREQ(test, (const char *)hdr->build_id, "kunit-build");
	/* Registration order, with what the policy makes of each. */
	KUNIT_EXPECT_STREQ(test, (const char *)e[0].name, "nitro_sec");
	KUNIT_EXPECT_EQ(test, le16_to_cpu(e[0].flags), 0);
	KUNIT_EXPECT_STREQ(test, (const char *)e[1].name, "nitro_nvme");
	KUNIT_EXPECT_EQ(test, le16_to_cpu(e[1].kind), NITRO_COMPONENT_NVME);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(e[1].flags),
			NITRO_SEC_ENTRY_MEASURED | NITRO_SEC_ENTRY_ALLOWED);
	NSEC_EXPECT_MEMEQ(test, e[1].digest, nsec_digest_nvme, 32);
	KUNIT_EXPECT_STREQ(test, (const char *)e[2].name, "rogue");
	KUNIT_EXPECT_EQ(test, le16_to_cpu(e[2].flags), NITRO_SEC_ENTRY_MEASURED);
	KUNIT_EXPECT_STREQ(test, (const char *)e[2].build_id, "other-build");

	KUNIT_EXPECT_EQ(test, nsec_report_verify(nsec_devkey, 32, report, len,
						 nonce), 0);
	memset(other, 0x43, sizeof(other));
	KUNIT_EXPECT_EQ(test, nsec_report_verify(nsec_devkey, 32, report, len,
						 other), -ESTALE);
	KUNIT_EXPECT_EQ(test, nsec_report_verify(nsec_devkey, 31, report, len,
						 nonce), -EBADMSG);
	KUNIT_EXPECT_EQ(test, nsec_report_verify(nsec_devkey, 32, report, len - 1,
						 nonce), -EINVAL);
	/* Every byte is covered. */
	for (i = 0; i < len; i++) {
		report[i] ^= 0x01;
		if (nsec_report_verify(nsec_devkey, 32, report, len, nonce))
			caught++;
		report[i] ^= 0x01;
	}
	KUNIT_EXPECT_EQ(test, caught, len);

	/* The counter moves; the room must be enough. */
	KUNIT_ASSERT_EQ(test, nsec_attest(sec, nonce, report,
					  NITRO_SEC_REPORT_SIZE_MAX, &len), 0);
	KUNIT_EXPECT_EQ(test, le64_to_cpu(hdr->counter), 2ull);
	KUNIT_EXPECT_EQ(test, nsec_attest(sec, nonce, report, 200, &len), -ENOSPC);
}

static void nsec_test_anchor(struct kunit *test)
{
	struct nitro_sec *sec = test->priv;
	u8 hash[32], other[32], mac[32], mac2[32];

	KUNIT_ASSERT_EQ(test, nsec_install_devkey(sec, nsec_devkey, 32, "logon"), 0);
	memset(hash, 0xaa, sizeof(hash));
	memset(other, 0xbb, sizeof(other));
	KUNIT_ASSERT_EQ(test, nsec_anchor(sec, 5, hash, mac), 0);
	NSEC_EXPECT_MEMEQ(test, mac, nsec_anchor_expected, 32);
	/* The same anchor again is the same MAC. */
	KUNIT_ASSERT_EQ(test, nsec_anchor(sec, 5, hash, mac2), 0);
	NSEC_EXPECT_MEMEQ(test, mac2, mac, 32);
	/* History cannot be re-anchored. */
	KUNIT_EXPECT_EQ(test, nsec_anchor(sec, 5, other, mac2), -EINVAL);
	KUNIT_EXPECT_EQ(test, nsec_anchor(sec, 4, hash, mac2), -EINVAL);
	KUNIT_ASSERT_EQ(test, nsec_anchor(sec, 6, other, mac2), 0);
	NSEC_EXPECT_MEMNEQ(test, mac2, mac, 32);
	KUNIT_EXPECT_EQ(test, sec->stats.anchors, 3ull);
}

static struct kunit_case nsec_attest_cases[] = {
	KUNIT_CASE(nsec_test_attest_no_key),
	KUNIT_CASE(nsec_test_attest_report),
	KUNIT_CASE(nsec_test_anchor),
	{}
};

static struct kunit_suite nsec_attest_suite = {
	.name = "nitro_sec_attest",
	.init = nsec_attest_init,
	.exit = nsec_attest_exit,
	.test_cases = nsec_attest_cases,
};

kunit_test_suites(&nsec_wrap_suite, &nsec_grant_suite, &nsec_measure_suite,
		  &nsec_attest_suite);
