// SPDX-License-Identifier: GPL-2.0
/*
 * The controller's client of nitro_sec (sec_client.h): one mailbox command
 * per call. Answers are checked for shape before anything is believed; a
 * refusal carries nitro_sec's errno, which is passed on when it is one the
 * caller can act on.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/slab.h>
#include <linux/string.h>

#include "mbox.h"
#include "nitro_sec_mbox.h"
#include "sec_client.h"

#define NITRO_SEC_MBOX_NAME	"nitro_sec"

static_assert(NITRO_SEC_WRAPPED_KEY_MAX == NITRO_SEC_WRAP_MAX);
static_assert(NITRO_SEC_NONCE_LEN == NITRO_SEC_NONCE_SIZE);
static_assert(NITRO_SEC_REPORT_MAX == NITRO_SEC_REPORT_SIZE_MAX);
static_assert(NITRO_GRANT_TOKEN_LEN == NITRO_SEC_TOKEN_LEN);

/* The errnos nitro_sec explains a refusal with, as the caller sees them. */
static int nitro_sec_refusal(const struct nitro_mbox_cpl *cpl, int err)
{
	const struct nitro_sec_error *e = (const void *)cpl->payload;

	if (le32_to_cpu(cpl->len) != sizeof(*e))
		return err;
	switch (le32_to_cpu(e->err)) {
	case EINVAL:
	case ENOENT:
	case ENOSPC:
	case EACCES:
	case ENOKEY:
	case EKEYREJECTED:
	case EKEYREVOKED:
	case EBADMSG:
		return -(int)le32_to_cpu(e->err);
	}
	return err;
}

/*
 * One command to nitro_sec. @rsp_len is the exact answer payload expected;
 * @data_out receives how much answer data it wrote.
 */
static int nitro_sec_call(u16 opcode, const void *req, u32 len, void *data,
			  u32 data_len, void *rsp, u32 rsp_len, u32 *data_out)
{
	const struct nitro_mbox_req r = {
		.opcode = opcode, .payload = req, .len = len,
		.data = data, .data_len = data_len,
	};
	struct nitro_mbox_cpl cpl = {};
	struct nitro_mbox *mb;
	u32 out = 0;
	int err;

	mb = nitro_mbox_find(NITRO_SEC_MBOX_NAME);
	if (!mb)
		return -ENODEV;
	err = nitro_mbox_call_req(mb, &r, &cpl, &out, 0);
	nitro_mbox_unuse(mb);
	if (err && err != -ETIMEDOUT && err != -ENODEV && err != -EPROTO)
		err = nitro_sec_refusal(&cpl, err);
	else if (!err && (le32_to_cpu(cpl.len) != rsp_len || out > data_len))
		err = -EPROTO;
	if (!err && rsp_len)
		memcpy(rsp, cpl.payload, rsp_len);
	if (!err && data_out)
		*data_out = out;
	/* An answer may hold a grant token: leave no copy behind. */
	memzero_explicit(&cpl, sizeof(cpl));
	return err;
}

int nitro_sec_cmk_create(u32 *cmk_id)
{
	struct nitro_sec_cmk_create_rsp rsp;
	int err;

	err = nitro_sec_call(NITRO_SEC_OP_CMK_CREATE, NULL, 0, NULL, 0, &rsp,
			     sizeof(rsp), NULL);
	if (err)
		return err;
	if (!rsp.cmk_id)
		return -EPROTO;
	*cmk_id = le32_to_cpu(rsp.cmk_id);
	return 0;
}

int nitro_sec_cmk_destroy(u32 cmk_id)
{
	struct nitro_sec_cmk_destroy_req req = { .cmk_id = cpu_to_le32(cmk_id) };

	return nitro_sec_call(NITRO_SEC_OP_CMK_DESTROY, &req, sizeof(req), NULL,
			      0, NULL, 0, NULL);
}

int nitro_sec_datakey_generate(u32 cmk_id, u32 key_len, u8 *wrapped,
			       u32 *wrapped_len)
{
	struct nitro_sec_datakey_req req = {
		.cmk_id = cpu_to_le32(cmk_id),
		.key_len = cpu_to_le32(key_len),
	};
	struct nitro_sec_datakey_rsp rsp;
	u32 out;
	int err;

	err = nitro_sec_call(NITRO_SEC_OP_DATAKEY_GENERATE, &req, sizeof(req),
			     wrapped, NITRO_SEC_WRAPPED_KEY_MAX, &rsp,
			     sizeof(rsp), &out);
	if (err)
		return err;
	if (le32_to_cpu(rsp.wrapped_len) != out ||
	    out != NITRO_SEC_WRAPPED_LEN(key_len))
		return -EPROTO;
	*wrapped_len = out;
	return 0;
}

int nitro_sec_datakey_import(u32 cmk_id, const u8 *key, u32 key_len,
			     u8 *wrapped, u32 *wrapped_len)
{
	struct nitro_sec_datakey_import_req req = {
		.cmk_id = cpu_to_le32(cmk_id),
		.key_len = cpu_to_le32(key_len),
	};
	struct nitro_sec_datakey_rsp rsp;
	u32 out;
	u8 *buf;
	int err;

	if (!key_len || key_len > NITRO_DATA_KEY_MAX)
		return -EINVAL;
	/* One buffer: the key goes in, the wrapped key comes back over it. */
	buf = kzalloc(NITRO_SEC_WRAPPED_KEY_MAX, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	memcpy(buf, key, key_len);
	err = nitro_sec_call(NITRO_SEC_OP_DATAKEY_IMPORT, &req, sizeof(req),
			     buf, NITRO_SEC_WRAPPED_KEY_MAX, &rsp, sizeof(rsp),
			     &out);
	if (!err && (le32_to_cpu(rsp.wrapped_len) != out ||
		     out != NITRO_SEC_WRAPPED_LEN(key_len)))
		err = -EPROTO;
	if (!err) {
		memcpy(wrapped, buf, out);
		*wrapped_len = out;
	}
	kfree_sensitive(buf);
	return err;
}

int nitro_sec_grant_issue(u32 cmk_id, const u8 *wrapped, u32 wrapped_len,
			  enum nitro_component_kind kind, const guid_t *volume,
			  const guid_t *dev, struct nitro_key_grant *grant)
{
	struct nitro_sec_grant_issue_req req = {
		.cmk_id = cpu_to_le32(cmk_id),
		.wrapped_len = cpu_to_le32(wrapped_len),
		.kind = cpu_to_le16(kind),
	};
	struct nitro_sec_grant_rsp rsp;
	u8 *buf;
	int err;

	if (!wrapped_len || wrapped_len > NITRO_SEC_WRAPPED_KEY_MAX)
		return -EINVAL;
	/* The mailbox reads the data buffer; the caller's stays untouched. */
	buf = kmemdup(wrapped, wrapped_len, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	export_guid(req.volume, volume);
	export_guid(req.dev, dev);
	err = nitro_sec_call(NITRO_SEC_OP_GRANT_ISSUE, &req, sizeof(req), buf,
			     wrapped_len, &rsp, sizeof(rsp), NULL);
	kfree(buf);
	if (!err)
		memcpy(grant->token, rsp.token, sizeof(grant->token));
	memzero_explicit(&rsp, sizeof(rsp));
	return err;
}

int nitro_sec_grant_revoke(const struct nitro_key_grant *grant)
{
	struct nitro_sec_grant_revoke_req req;
	int err;

	memcpy(req.token, grant->token, sizeof(req.token));
	err = nitro_sec_call(NITRO_SEC_OP_GRANT_REVOKE, &req, sizeof(req), NULL,
			     0, NULL, 0, NULL);
	memzero_explicit(&req, sizeof(req));
	return err;
}

int nitro_sec_attest(const u8 nonce[NITRO_SEC_NONCE_LEN], u8 *report,
		     u32 *report_len)
{
	struct nitro_sec_attest_req req;
	struct nitro_sec_attest_rsp rsp;
	u32 out;
	int err;

	memcpy(req.nonce, nonce, sizeof(req.nonce));
	err = nitro_sec_call(NITRO_SEC_OP_ATTEST, &req, sizeof(req), report,
			     NITRO_SEC_REPORT_MAX, &rsp, sizeof(rsp), &out);
	if (err)
		return err;
	if (le32_to_cpu(rsp.report_len) != out ||
	    out < sizeof(struct nitro_sec_report_hdr) + NITRO_SEC_MAC_LEN)
		return -EPROTO;
	*report_len = out;
	return 0;
}

int nitro_sec_anchor(u64 seq, const u8 hash[NITRO_SEC_HASH_LEN],
		     u8 mac[NITRO_SEC_MAC_LEN])
{
	struct nitro_sec_anchor_req req = { .seq = cpu_to_le64(seq) };
	struct nitro_sec_anchor_rsp rsp;
	int err;

	memcpy(req.hash, hash, sizeof(req.hash));
	err = nitro_sec_call(NITRO_SEC_OP_ANCHOR, &req, sizeof(req), NULL, 0,
			     &rsp, sizeof(rsp), NULL);
	if (!err)
		memcpy(mac, rsp.mac, NITRO_SEC_MAC_LEN);
	return err;
}

int nitro_sec_allow_add(const u8 digest[NITRO_SEC_HASH_LEN],
			enum nitro_component_kind kind)
{
	struct nitro_sec_allow_req req = { .kind = cpu_to_le16(kind) };

	memcpy(req.digest, digest, sizeof(req.digest));
	return nitro_sec_call(NITRO_SEC_OP_ALLOW_ADD, &req, sizeof(req), NULL,
			      0, NULL, 0, NULL);
}

int nitro_sec_allow_clear(void)
{
	return nitro_sec_call(NITRO_SEC_OP_ALLOW_CLEAR, NULL, 0, NULL, 0, NULL,
			      0, NULL);
}

int nitro_sec_policy_set(u32 policy)
{
	struct nitro_sec_policy_req req = { .policy = cpu_to_le32(policy) };

	return nitro_sec_call(NITRO_SEC_OP_POLICY_SET, &req, sizeof(req), NULL,
			      0, NULL, 0, NULL);
}

int nitro_sec_stats(struct nitro_sec_stats_rsp *stats)
{
	return nitro_sec_call(NITRO_SEC_OP_STATS, NULL, 0, NULL, 0, stats,
			      sizeof(*stats), NULL);
}
