// SPDX-License-Identifier: GPL-2.0
/*
 * The sec component's commands (include/nitro_sec_mbox.h): parse, check the
 * shape, then execute, nvmet style. Every failure answers a status and the
 * errno behind it; nothing here ever writes key material to an answer.
 */
#include <linux/slab.h>
#include <linux/string.h>

#include "sec.h"

struct nitro_sec_cmd {
	struct nitro_sec *sec;
	struct nitro_responder *r;
	const struct nitro_mbox_cmd *cmd;
	struct nitro_mbox_cpl *cpl;
	u32 len;			/* request payload length */
	u32 data_len;			/* request data buffer size */
};

static u16 nsec_status(int err)
{
	switch (err) {
	case 0:
		return NITRO_MBOX_S_OK;
	case -EINVAL:
	case -ENOENT:
	case -ENODATA:
	case -EBADMSG:
		return NITRO_MBOX_S_INVALID_FIELD;
	case -EACCES:
	case -EPERM:
	case -ENOKEY:
	case -EKEYREJECTED:
	case -EKEYREVOKED:
		return NITRO_MBOX_S_DENIED;
	case -ENOSPC:
	case -EBUSY:
		return NITRO_MBOX_S_BUSY;
	default:
		return NITRO_MBOX_S_INTERNAL;
	}
}

/* Answer payload: @rsp on success, the errno otherwise. */
static u16 nsec_answer(struct nitro_sec_cmd *c, int err, const void *rsp,
		       u32 rsp_len)
{
	struct nitro_sec_error e = { .err = cpu_to_le32(-err) };

	if (err) {
		memcpy(c->cpl->payload, &e, sizeof(e));
		c->cpl->len = cpu_to_le32(sizeof(e));
	} else if (rsp_len) {
		memcpy(c->cpl->payload, rsp, rsp_len);
		c->cpl->len = cpu_to_le32(rsp_len);
	}
	return nsec_status(err);
}

static bool nsec_zero(const void *p, size_t len)
{
	return !memchr_inv(p, 0, len);
}

static u16 nsec_cmd_cmk_create(struct nitro_sec_cmd *c)
{
	struct nitro_sec_cmk_create_rsp rsp = {};
	u32 id = 0;
	int err;

	err = nsec_cmk_create(c->sec, &id);
	rsp.cmk_id = cpu_to_le32(id);
	return nsec_answer(c, err, &rsp, sizeof(rsp));
}

static u16 nsec_cmd_cmk_destroy(struct nitro_sec_cmd *c)
{
	const struct nitro_sec_cmk_destroy_req *req = (const void *)c->cmd->payload;

	return nsec_answer(c, nsec_cmk_destroy(c->sec,
					       le32_to_cpu(req->cmk_id)), NULL, 0);
}

/* A wrapped data key goes to the data buffer, its length to the answer. */
static u16 nsec_answer_wrapped(struct nitro_sec_cmd *c, int err,
			       const u8 *wrapped, u32 wrapped_len)
{
	struct nitro_sec_datakey_rsp rsp = {};

	if (!err && wrapped_len > c->data_len)
		err = -EINVAL;
	if (!err)
		err = nitro_responder_data_write(c->r, c->cmd, 0, wrapped,
						 wrapped_len);
	if (!err) {
		rsp.wrapped_len = cpu_to_le32(wrapped_len);
		c->cpl->data_len = cpu_to_le16(wrapped_len);
	}
	return nsec_answer(c, err, &rsp, sizeof(rsp));
}

static u16 nsec_cmd_datakey(struct nitro_sec_cmd *c)
{
	const struct nitro_sec_datakey_req *req = (const void *)c->cmd->payload;
	u8 wrapped[NITRO_SEC_WRAP_MAX];
	u32 wrapped_len = 0;
	int err;

	err = nsec_datakey_generate(c->sec, le32_to_cpu(req->cmk_id),
				    le32_to_cpu(req->key_len), wrapped,
				    &wrapped_len);
	return nsec_answer_wrapped(c, err, wrapped, wrapped_len);
}

/*
 * The key is read from the controller's buffer onto this frame, wiped here
 * on every path; the wrapped key is written over it (a wrapped key is
 * always longer than the key).
 */
static u16 nsec_cmd_datakey_import(struct nitro_sec_cmd *c)
{
	const struct nitro_sec_datakey_import_req *req =
		(const void *)c->cmd->payload;
	u32 key_len = le32_to_cpu(req->key_len), wrapped_len = 0;
	u8 wrapped[NITRO_SEC_WRAP_MAX];
	u8 key[NITRO_DATA_KEY_MAX];
	int err;

	if (!nsec_key_len_valid(key_len) ||
	    c->data_len < NITRO_SEC_WRAPPED_LEN(key_len))
		return nsec_answer(c, -EINVAL, NULL, 0);
	err = nitro_responder_data_read(c->r, c->cmd, 0, key, key_len);
	if (!err)
		err = nsec_datakey_import(c->sec, le32_to_cpu(req->cmk_id), key,
					  key_len, wrapped, &wrapped_len);
	memzero_explicit(key, sizeof(key));
	return nsec_answer_wrapped(c, err, wrapped, wrapped_len);
}

static u16 nsec_cmd_grant_issue(struct nitro_sec_cmd *c)
{
	const struct nitro_sec_grant_issue_req *req = (const void *)c->cmd->payload;
	u32 wrapped_len = le32_to_cpu(req->wrapped_len);
	struct nitro_sec_grant_rsp rsp;
	u8 wrapped[NITRO_SEC_WRAP_MAX];
	guid_t volume, dev;
	u16 status;
	int err;

	if (req->rsvd || req->rsvd2 || !wrapped_len ||
	    wrapped_len > sizeof(wrapped) || wrapped_len > c->data_len)
		return nsec_answer(c, -EINVAL, NULL, 0);
	err = nitro_responder_data_read(c->r, c->cmd, 0, wrapped, wrapped_len);
	if (err)
		return nsec_answer(c, err, NULL, 0);
	import_guid(&volume, req->volume);
	import_guid(&dev, req->dev);
	err = nsec_grant_issue(c->sec, le32_to_cpu(req->cmk_id), wrapped,
			       wrapped_len, le16_to_cpu(req->kind), &volume,
			       &dev, rsp.token);
	status = nsec_answer(c, err, &rsp, sizeof(rsp));
	memzero_explicit(&rsp, sizeof(rsp));
	return status;
}

static u16 nsec_cmd_grant_revoke(struct nitro_sec_cmd *c)
{
	const struct nitro_sec_grant_revoke_req *req = (const void *)c->cmd->payload;

	return nsec_answer(c, nsec_grant_revoke(c->sec, req->token),
			   NULL, 0);
}

static u16 nsec_cmd_attest(struct nitro_sec_cmd *c)
{
	const struct nitro_sec_attest_req *req = (const void *)c->cmd->payload;
	struct nitro_sec_attest_rsp rsp = {};
	u32 len = 0;
	u8 *report;
	int err;

	report = kmalloc(NITRO_SEC_REPORT_SIZE_MAX, GFP_KERNEL);
	if (!report)
		return nsec_answer(c, -ENOMEM, NULL, 0);
	err = nsec_attest(c->sec, req->nonce, report,
			  min_t(u32, c->data_len, NITRO_SEC_REPORT_SIZE_MAX),
			  &len);
	if (!err)
		err = nitro_responder_data_write(c->r, c->cmd, 0, report, len);
	if (!err) {
		rsp.report_len = cpu_to_le32(len);
		c->cpl->data_len = cpu_to_le16(len);
	}
	kfree(report);
	return nsec_answer(c, err, &rsp, sizeof(rsp));
}

static u16 nsec_cmd_anchor(struct nitro_sec_cmd *c)
{
	const struct nitro_sec_anchor_req *req = (const void *)c->cmd->payload;
	struct nitro_sec_anchor_rsp rsp;
	int err;

	err = nsec_anchor(c->sec, le64_to_cpu(req->seq), req->hash, rsp.mac);
	return nsec_answer(c, err, &rsp, sizeof(rsp));
}

static u16 nsec_cmd_allow_add(struct nitro_sec_cmd *c)
{
	const struct nitro_sec_allow_req *req = (const void *)c->cmd->payload;

	if (req->rsvd)
		return nsec_answer(c, -EINVAL, NULL, 0);
	return nsec_answer(c, nsec_allow_add(c->sec, req->digest,
					     le16_to_cpu(req->kind)),
			   NULL, 0);
}

static u16 nsec_cmd_allow_clear(struct nitro_sec_cmd *c)
{
	nsec_allow_clear(c->sec);
	return nsec_answer(c, 0, NULL, 0);
}

static u16 nsec_cmd_policy_set(struct nitro_sec_cmd *c)
{
	const struct nitro_sec_policy_req *req = (const void *)c->cmd->payload;

	return nsec_answer(c, nsec_policy_set(c->sec,
					      le32_to_cpu(req->policy)), NULL, 0);
}

static u16 nsec_cmd_allow_list(struct nitro_sec_cmd *c)
{
	struct nitro_sec_allow_list_rsp rsp = {};
	struct nitro_sec_allow_req *list;
	u32 n, policy;
	int err;

	list = kcalloc(NITRO_SEC_MAX_ALLOW, sizeof(*list), GFP_KERNEL);
	if (!list)
		return nsec_answer(c, -ENOMEM, NULL, 0);
	n = nsec_allow_list(c->sec, list, NITRO_SEC_MAX_ALLOW, &policy);
	err = n * sizeof(*list) > c->data_len ? -EINVAL : 0;
	if (!err && n)
		err = nitro_responder_data_write(c->r, c->cmd, 0, list,
						 n * sizeof(*list));
	if (!err) {
		rsp.count = cpu_to_le32(n);
		rsp.policy = cpu_to_le32(policy);
		c->cpl->data_len = cpu_to_le16(n * sizeof(*list));
	}
	kfree(list);
	return nsec_answer(c, err, &rsp, sizeof(rsp));
}

static u16 nsec_cmd_component_check(struct nitro_sec_cmd *c)
{
	const struct nitro_sec_component_check_req *req =
		(const void *)c->cmd->payload;
	char name[NITRO_SEC_COMPONENT_NAME_LEN];
	int err;

	if (c->data_len != sizeof(name))
		return nsec_answer(c, -EINVAL, NULL, 0);
	err = nitro_responder_data_read(c->r, c->cmd, 0, name, sizeof(name));
	/* A name that fills its field without a NUL names nothing. */
	if (!err && (!memchr(name, 0, sizeof(name)) || !name[0]))
		err = -EINVAL;
	if (!err)
		err = nsec_component_check(c->sec, name, req->digest);
	return nsec_answer(c, err, NULL, 0);
}

static u16 nsec_cmd_stats(struct nitro_sec_cmd *c)
{
	struct nitro_sec *sec = c->sec;
	struct nitro_sec_stats_rsp rsp;

	mutex_lock(&sec->lock);
	rsp.cmks = cpu_to_le32(nsec_cmk_count_locked(sec));
	rsp.grants = cpu_to_le32(nsec_grant_count_locked(sec));
	rsp.components = cpu_to_le32(nsec_component_count_locked(sec));
	rsp.policy = cpu_to_le32(sec->policy);
	rsp.redeemed = cpu_to_le64(sec->stats.redeemed);
	rsp.denied = cpu_to_le64(sec->stats.denied);
	rsp.anchors = cpu_to_le64(sec->stats.anchors);
	rsp.reports = cpu_to_le64(sec->stats.reports);
	mutex_unlock(&sec->lock);
	return nsec_answer(c, 0, &rsp, sizeof(rsp));
}

struct nitro_sec_cmd_desc {
	u16 (*exec)(struct nitro_sec_cmd *c);
	u32 len;			/* exact request payload length */
	bool data;			/* needs a data buffer */
};

static const struct nitro_sec_cmd_desc nsec_cmds[] = {
	[NITRO_SEC_OP_CMK_CREATE - NITRO_MBOX_OP_COMPONENT_BASE] = {
		nsec_cmd_cmk_create, 0, false },
	[NITRO_SEC_OP_CMK_DESTROY - NITRO_MBOX_OP_COMPONENT_BASE] = {
		nsec_cmd_cmk_destroy,
		sizeof(struct nitro_sec_cmk_destroy_req), false },
	[NITRO_SEC_OP_DATAKEY_GENERATE - NITRO_MBOX_OP_COMPONENT_BASE] = {
		nsec_cmd_datakey, sizeof(struct nitro_sec_datakey_req), true },
	[NITRO_SEC_OP_GRANT_ISSUE - NITRO_MBOX_OP_COMPONENT_BASE] = {
		nsec_cmd_grant_issue,
		sizeof(struct nitro_sec_grant_issue_req), true },
	[NITRO_SEC_OP_GRANT_REVOKE - NITRO_MBOX_OP_COMPONENT_BASE] = {
		nsec_cmd_grant_revoke,
		sizeof(struct nitro_sec_grant_revoke_req), false },
	[NITRO_SEC_OP_ATTEST - NITRO_MBOX_OP_COMPONENT_BASE] = {
		nsec_cmd_attest, sizeof(struct nitro_sec_attest_req), true },
	[NITRO_SEC_OP_ANCHOR - NITRO_MBOX_OP_COMPONENT_BASE] = {
		nsec_cmd_anchor, sizeof(struct nitro_sec_anchor_req), false },
	[NITRO_SEC_OP_ALLOW_ADD - NITRO_MBOX_OP_COMPONENT_BASE] = {
		nsec_cmd_allow_add, sizeof(struct nitro_sec_allow_req), false },
	[NITRO_SEC_OP_ALLOW_CLEAR - NITRO_MBOX_OP_COMPONENT_BASE] = {
		nsec_cmd_allow_clear, 0, false },
	[NITRO_SEC_OP_POLICY_SET - NITRO_MBOX_OP_COMPONENT_BASE] = {
		nsec_cmd_policy_set, sizeof(struct nitro_sec_policy_req), false },
	[NITRO_SEC_OP_STATS - NITRO_MBOX_OP_COMPONENT_BASE] = {
		nsec_cmd_stats, 0, false },
	[NITRO_SEC_OP_DATAKEY_IMPORT - NITRO_MBOX_OP_COMPONENT_BASE] = {
		nsec_cmd_datakey_import,
		sizeof(struct nitro_sec_datakey_import_req), true },
	[NITRO_SEC_OP_ALLOW_LIST - NITRO_MBOX_OP_COMPONENT_BASE] = {
		nsec_cmd_allow_list, 0, true },
	[NITRO_SEC_OP_COMPONENT_CHECK - NITRO_MBOX_OP_COMPONENT_BASE] = {
		nsec_cmd_component_check,
		sizeof(struct nitro_sec_component_check_req), true },
};

/* The responder's handler: runs in process context, one command at a time. */
u16 nsec_handle(struct nitro_responder *r, const struct nitro_mbox_cmd *cmd,
		struct nitro_mbox_cpl *cpl)
{
	u16 op = le16_to_cpu(cmd->opcode) - NITRO_MBOX_OP_COMPONENT_BASE;
	const struct nitro_sec_cmd_desc *d;
	struct nitro_sec_cmd c = {
		.sec = nitro_responder_priv(r),
		.r = r,
		.cmd = cmd,
		.cpl = cpl,
		.len = le32_to_cpu(cmd->len),
		.data_len = le32_to_cpu(cmd->data_len),
	};

	if (op >= ARRAY_SIZE(nsec_cmds) || !nsec_cmds[op].exec)
		return NITRO_MBOX_S_INVALID_OPCODE;
	d = &nsec_cmds[op];
	/* Exact lengths, and no stray bytes past them. */
	if (c.len != d->len || (d->data && !c.data_len) ||
	    !nsec_zero(cmd->payload + c.len, sizeof(cmd->payload) - c.len))
		return nsec_answer(&c, -EINVAL, NULL, 0);
	return d->exec(&c);
}
