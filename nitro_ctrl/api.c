// SPDX-License-Identifier: GPL-2.0
/*
 * The API endpoint: generic netlink family "nitro" (include/nitro_genl.h,
 * Documentation/api.rst). The controller only answers: it opens no socket,
 * sends nothing unsolicited and has no multicast group.
 *
 * A request goes through, in this order, and stops at the first failure:
 * outer shape (unknown attribute, truncated, oversized, version), op,
 * principal, sequence (replay), tag (tamper), inner attributes, role, room
 * in the audit log. Only then does the sequence number advance and the
 * operation run. A rejection changes no state but the audit log and the
 * counters: it is answered with a netlink error and an extack message, and
 * audited with the claimed principal. An executed request is answered with
 * a sealed reply carrying the operation's result.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/random.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <net/genetlink.h>

#include "api.h"
#include "envelope.h"
#include "principal.h"
#include "testhooks_audit.h"

/* Serializes requests: principals, inventory and counters are under it. */
DEFINE_MUTEX(nitro_api_mutex);
struct nitro_api_stats nitro_api_stats;

const char *const nitro_api_reject_names[NITRO_NR_REJECTS] = {
	[NITRO_REJ_TRUNCATED] = "truncated",
	[NITRO_REJ_OVERSIZED] = "oversized",
	[NITRO_REJ_UNKNOWN_ATTR] = "unknown-attribute",
	[NITRO_REJ_BAD_VERSION] = "bad-version",
	[NITRO_REJ_UNKNOWN_OP] = "unknown-op",
	[NITRO_REJ_UNKNOWN_PRINCIPAL] = "unknown-principal",
	[NITRO_REJ_REPLAYED] = "replayed",
	[NITRO_REJ_TAMPERED] = "tampered",
	[NITRO_REJ_MALFORMED] = "malformed",
	[NITRO_REJ_DENIED] = "denied",
	[NITRO_REJ_LOG_FULL] = "log-full",
	[NITRO_REJ_BOOTSTRAPPED] = "already-bootstrapped",
};

static const char *const nitro_api_reject_msgs[NITRO_NR_REJECTS] = {
	[NITRO_REJ_TRUNCATED] = "nitro: rejected: truncated request",
	[NITRO_REJ_OVERSIZED] = "nitro: rejected: oversized request",
	[NITRO_REJ_UNKNOWN_ATTR] = "nitro: rejected: unknown attribute",
	[NITRO_REJ_BAD_VERSION] = "nitro: rejected: unsupported envelope version",
	[NITRO_REJ_UNKNOWN_OP] = "nitro: rejected: unknown operation",
	[NITRO_REJ_UNKNOWN_PRINCIPAL] = "nitro: rejected: unknown principal",
	[NITRO_REJ_REPLAYED] = "nitro: rejected: replayed or out-of-order sequence",
	[NITRO_REJ_TAMPERED] = "nitro: rejected: authentication failed (tampered or wrong key)",
	[NITRO_REJ_MALFORMED] = "nitro: rejected: malformed request",
	[NITRO_REJ_DENIED] = "nitro: rejected: role does not allow this operation",
	[NITRO_REJ_LOG_FULL] = "nitro: rejected: audit log full, acknowledge records first",
	[NITRO_REJ_BOOTSTRAPPED] = "nitro: rejected: already bootstrapped",
};

static struct genl_family nitro_genl_family;

static const struct nla_policy nitro_inner_policy[NITRO_P_MAX + 1] = {
	[NITRO_P_PRINCIPAL] = { .type = NLA_U32 },
	[NITRO_P_ROLES] = { .type = NLA_U32 },
	[NITRO_P_KEY] = NLA_POLICY_EXACT_LEN(NITRO_ENV_KEY_LEN),
	[NITRO_P_UUID] = NLA_POLICY_EXACT_LEN(16),
	[NITRO_P_SIZE] = { .type = NLA_U64 },
	[NITRO_P_LBA_SHIFT] = { .type = NLA_U8 },
	[NITRO_P_BACKEND] = { .type = NLA_NUL_STRING, .len = NITRO_BACKEND_MAX },
	[NITRO_P_CMK] = { .type = NLA_U32 },
	[NITRO_P_WRAPPED_KEY] = { .type = NLA_BINARY,
				  .len = NITRO_WRAPPED_KEY_MAX },
	[NITRO_P_MAC] = NLA_POLICY_EXACT_LEN(6),
	[NITRO_P_SUBNET] = { .type = NLA_U32 },
	[NITRO_P_IPV4] = { .type = NLA_U32 },
	[NITRO_P_VCPUS] = { .type = NLA_U32 },
	[NITRO_P_MEM_MB] = { .type = NLA_U32 },
	[NITRO_P_STATE] = { .type = NLA_U32 },
	[NITRO_P_INSTANCE] = NLA_POLICY_EXACT_LEN(16),
	[NITRO_P_MDEV] = NLA_POLICY_EXACT_LEN(16),
	[NITRO_P_ENTRY] = { .type = NLA_REJECT },
	[NITRO_P_SEQ] = { .type = NLA_U64 },
	[NITRO_P_COUNT] = { .type = NLA_U32 },
	[NITRO_P_TIME] = { .type = NLA_REJECT },
	[NITRO_P_OP] = { .type = NLA_REJECT },
	[NITRO_P_OBJECT] = { .type = NLA_REJECT },
	[NITRO_P_RESULT] = { .type = NLA_REJECT },
	[NITRO_P_PREV_HASH] = { .type = NLA_REJECT },
	[NITRO_P_HASH] = { .type = NLA_REJECT },
	[NITRO_P_FIRST_SEQ] = { .type = NLA_REJECT },
	[NITRO_P_ACKED_SEQ] = { .type = NLA_REJECT },
	[NITRO_P_CAPACITY] = { .type = NLA_REJECT },
	[NITRO_P_OVERFLOW] = { .type = NLA_REJECT },
	[NITRO_P_COUNTER] = { .type = NLA_REJECT },
	[NITRO_P_NAME] = { .type = NLA_REJECT },
	[NITRO_P_VALUE] = { .type = NLA_REJECT },
	[NITRO_P_ATTACHED] = { .type = NLA_REJECT },
	[NITRO_P_KIND] = { .type = NLA_REJECT },
	/* Any length: KEY_WRAP says why a wrong one is wrong. */
	[NITRO_P_DATA_KEY] = { .type = NLA_BINARY },
	[NITRO_P_ANCHOR] = { .type = NLA_REJECT },
	[NITRO_P_SIGNATURE] = { .type = NLA_REJECT },
	[NITRO_P_NONCE] = { .type = NLA_BINARY },
	[NITRO_P_REPORT] = { .type = NLA_REJECT },
	[NITRO_P_DIGEST] = { .type = NLA_BINARY },
	[NITRO_P_POLICY] = { .type = NLA_U32 },
	[NITRO_P_COMPONENT] = { .type = NLA_NUL_STRING,
				.len = NITRO_COMPONENT_NAME_MAX },
	[NITRO_P_COMPONENT_KIND] = { .type = NLA_U32 },
};

/* What a request looks like once its outer shape has been checked. */
struct nitro_api_msg {
	struct nitro_env_hdr hdr;
	const u8 *sealed;
	u32 sealed_len;
	u32 principal;
	u16 op;
	u64 seq;
};

static int nitro_api_reject(struct nitro_api_msg *m, enum nitro_api_reject why,
			    int err, struct netlink_ext_ack *extack)
{
	const struct nitro_op_desc *desc = nitro_op_desc(m->op);
	char obj[NITRO_AUDIT_OBJECT_MAX + 1];

	nitro_api_stats.rejected[why]++;
	snprintf(obj, sizeof(obj), "reject=%s seq=%llu",
		 nitro_api_reject_names[why], m->seq);
	nitro_audit_record(m->principal, desc ? desc->name : "api.request",
			   obj, err);
	/* A constant string, as extack keeps the pointer. */
	if (extack)
		extack->_msg = nitro_api_reject_msgs[why];
	return err;
}

/*
 * The clear part: exactly the two attributes, of the right sizes. Unknown
 * attributes are looked for first so that they are told apart from
 * malformed known ones.
 */
static int nitro_api_outer(struct genl_info *info, struct nitro_api_msg *m,
			   enum nitro_api_reject *why)
{
	struct nlattr *hdr = NULL, *sealed = NULL, *nla;
	int rem;

	nla_for_each_attr(nla, genlmsg_data(info->genlhdr),
			  genlmsg_len(info->genlhdr), rem) {
		switch (nla_type(nla)) {
		case NITRO_A_HDR:
			hdr = nla;
			break;
		case NITRO_A_SEALED:
			sealed = nla;
			break;
		default:
			*why = NITRO_REJ_UNKNOWN_ATTR;
			return -EOPNOTSUPP;
		}
	}
	/* Trailing bytes that are not a whole attribute: cut short. */
	if (rem) {
		*why = NITRO_REJ_TRUNCATED;
		return -EINVAL;
	}
	if (hdr && nla_len(hdr) >= sizeof(m->hdr)) {
		memcpy(&m->hdr, nla_data(hdr), sizeof(m->hdr));
		m->principal = le32_to_cpu(m->hdr.principal);
		m->op = le16_to_cpu(m->hdr.op);
		m->seq = le64_to_cpu(m->hdr.seq);
	}
	if (!hdr || nla_len(hdr) < sizeof(m->hdr) || !sealed ||
	    nla_len(sealed) < NITRO_ENV_TAG_LEN) {
		*why = NITRO_REJ_TRUNCATED;
		return -EINVAL;
	}
	if (nla_len(hdr) > sizeof(m->hdr) ||
	    nla_len(sealed) > NITRO_ENV_REQ_MAX + NITRO_ENV_TAG_LEN) {
		*why = NITRO_REJ_OVERSIZED;
		return -EMSGSIZE;
	}
	if (m->hdr.version != NITRO_ENV_VERSION) {
		*why = NITRO_REJ_BAD_VERSION;
		return -EPROTONOSUPPORT;
	}
	if (nitro_env_check_hdr(&m->hdr, false)) {
		*why = NITRO_REJ_MALFORMED;
		return -EINVAL;
	}
	m->sealed = nla_data(sealed);
	m->sealed_len = nla_len(sealed);
	return 0;
}

/* The sealed part, decrypted: known attributes the op accepts, well formed. */
static int nitro_api_inner(const struct nitro_op_desc *desc, const u8 *plain,
			   u32 len, struct nlattr **tb,
			   struct netlink_ext_ack *extack,
			   enum nitro_api_reject *why)
{
	const struct nlattr *nla;
	int rem, err;

	nla_for_each_attr(nla, (const struct nlattr *)plain, len, rem) {
		int type = nla_type(nla);

		if (type <= NITRO_P_UNSPEC || type > NITRO_P_MAX ||
		    !(desc->attrs & BIT_ULL(type))) {
			*why = NITRO_REJ_UNKNOWN_ATTR;
			return -EOPNOTSUPP;
		}
	}
	err = nla_parse(tb, NITRO_P_MAX, (const struct nlattr *)plain, len,
			nitro_inner_policy, extack);
	if (err) {
		*why = NITRO_REJ_MALFORMED;
		return -EINVAL;
	}
	return 0;
}

static int nitro_api_reply(struct genl_info *info, struct crypto_aead *tfm,
			   const struct nitro_api_msg *m, int status,
			   const struct sk_buff *out)
{
	struct nitro_env_hdr hdr = {
		.version = NITRO_ENV_VERSION,
		.flags = NITRO_ENV_F_RESPONSE,
		.op = cpu_to_le16(m->op),
		.principal = cpu_to_le32(m->principal),
		.seq = cpu_to_le64(m->seq),
		.status = cpu_to_le32((u32)status),
	};
	struct sk_buff *msg;
	struct nlattr *nla;
	void *gh;
	int err;

	get_random_bytes(hdr.nonce, sizeof(hdr.nonce));
	msg = genlmsg_new(nla_total_size(sizeof(hdr)) +
			  nla_total_size(out->len + NITRO_ENV_TAG_LEN),
			  GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	gh = genlmsg_put_reply(msg, info, &nitro_genl_family, 0,
			       NITRO_CMD_REQUEST);
	if (!gh) {
		err = -EMSGSIZE;
		goto err_free;
	}
	err = nla_put(msg, NITRO_A_HDR, sizeof(hdr), &hdr);
	if (err)
		goto err_free;
	nla = nla_reserve(msg, NITRO_A_SEALED, out->len + NITRO_ENV_TAG_LEN);
	if (!nla) {
		err = -EMSGSIZE;
		goto err_free;
	}
	err = nitro_env_seal(tfm, &hdr, out->data, out->len, nla_data(nla));
	if (err)
		goto err_free;
	genlmsg_end(msg, gh);
	return genlmsg_reply(msg, info);

err_free:
	nlmsg_free(msg);
	return err;
}

/*
 * BOOTSTRAP: the first admin, on a host with no principal at all. Its key
 * is the logon key "nitro:principal:<id>" in the caller's keyrings, and the
 * request must be sealed with it.
 */
static int nitro_api_bootstrap(struct nitro_api_msg *m, u8 *plain,
			       struct crypto_aead **tfmp,
			       enum nitro_api_reject *why)
{
	u8 key[NITRO_ENV_KEY_LEN];
	struct crypto_aead *tfm;
	int err;

	if (nitro_principal_count()) {
		*why = NITRO_REJ_BOOTSTRAPPED;
		return -EEXIST;
	}
	if (m->principal < NITRO_PRINCIPAL_MIN) {
		*why = NITRO_REJ_UNKNOWN_PRINCIPAL;
		return -ENOKEY;
	}
	err = nitro_principal_keyring_lookup(m->principal, key);
	if (err) {
		*why = NITRO_REJ_UNKNOWN_PRINCIPAL;
		return -ENOKEY;
	}
	tfm = nitro_env_tfm_alloc(key);
	if (IS_ERR(tfm)) {
		err = PTR_ERR(tfm);
		goto out;
	}
	err = nitro_env_open(tfm, &m->hdr, m->sealed, m->sealed_len, plain);
	if (err) {
		nitro_env_tfm_free(tfm);
		*why = NITRO_REJ_TAMPERED;
		goto out;
	}
	if (m->sealed_len != NITRO_ENV_TAG_LEN) {
		nitro_env_tfm_free(tfm);
		*why = NITRO_REJ_UNKNOWN_ATTR;
		err = -EOPNOTSUPP;
		goto out;
	}
	err = nitro_principal_add(m->principal, NITRO_ROLE_ADMIN, key);
	if (err) {
		nitro_env_tfm_free(tfm);
		goto out;
	}
	nitro_replay_commit(nitro_principal_find(m->principal), m->seq);
	*tfmp = tfm;
out:
	memzero_explicit(key, sizeof(key));
	return err;
}

static int nitro_api_request(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[NITRO_P_MAX + 1] = {};
	const struct nitro_op_desc *desc;
	enum nitro_api_reject why = NITRO_REJ_MALFORMED;
	struct crypto_aead *boot_tfm = NULL, *tfm;
	struct nitro_api_msg m = {};
	struct nitro_principal *p;
	struct nitro_req req = {};
	u8 *plain = NULL;
	int err;

	mutex_lock(&nitro_api_mutex);
	nitro_api_stats.requests++;
	err = nitro_api_outer(info, &m, &why);
	if (err)
		goto reject;
	desc = nitro_op_desc(m.op);
	if (!desc) {
		why = NITRO_REJ_UNKNOWN_OP;
		err = -EBADRQC;
		goto reject;
	}
	plain = kmalloc(m.sealed_len, GFP_KERNEL);
	if (!plain) {
		err = -ENOMEM;
		goto out_unlock;
	}

	if (m.op == NITRO_OP_BOOTSTRAP) {
		err = nitro_api_bootstrap(&m, plain, &boot_tfm, &why);
		if (err == -ENOMEM || err == -ENOSPC)
			goto out_unlock;
		if (err)
			goto reject;
		req.roles = NITRO_ROLE_ADMIN;
		tfm = boot_tfm;
		goto run;
	}

	p = nitro_principal_find(m.principal);
	if (!p) {
		why = NITRO_REJ_UNKNOWN_PRINCIPAL;
		err = -ENOKEY;
		goto reject;
	}
	err = nitro_replay_check(p, m.seq);
	if (err) {
		why = NITRO_REJ_REPLAYED;
		goto reject;
	}
	err = nitro_env_open(p->tfm, &m.hdr, m.sealed, m.sealed_len, plain);
	if (err == -ENOMEM)
		goto out_unlock;
	if (err) {
		why = NITRO_REJ_TAMPERED;
		goto reject;
	}
	err = nitro_api_inner(desc, plain, m.sealed_len - NITRO_ENV_TAG_LEN, tb,
			      info->extack, &why);
	if (err)
		goto reject;
	if (!nitro_op_allowed(desc, p->roles)) {
		why = NITRO_REJ_DENIED;
		err = -EACCES;
		goto reject;
	}
	if (desc->mutating && !nitro_audit_log_has_room(nitro_audit_log())) {
		why = NITRO_REJ_LOG_FULL;
		err = -EBUSY;
		goto reject;
	}
	nitro_replay_commit(p, m.seq);
	req.roles = p->roles;
	tfm = p->tfm;

run:
	req.principal = m.principal;
	req.op = m.op;
	req.seq = m.seq;
	req.p = tb;
	req.extack = info->extack;
	strscpy(req.object, "-", sizeof(req.object));
	req.out = alloc_skb(NITRO_ENV_REPLY_MAX, GFP_KERNEL);
	if (!req.out) {
		err = -ENOMEM;
		goto out_unlock;
	}
	err = desc->doit ? desc->doit(&req) : 0;
	nitro_api_stats.executed++;
	if (err) {
		nitro_api_stats.failed++;
		/* A failed op replies with its status only. */
		skb_trim(req.out, 0);
	}
	nitro_audit_record(m.principal, desc->name, req.object, err);
	err = nitro_api_reply(info, tfm, &m, err, req.out);
	kfree_skb(req.out);
	goto out_unlock;

reject:
	err = nitro_api_reject(&m, why, err, info->extack);
out_unlock:
	mutex_unlock(&nitro_api_mutex);
	nitro_env_tfm_free(boot_tfm);
	kfree_sensitive(plain);
	return err;
}

static const struct genl_small_ops nitro_genl_ops[] = {
	{
		.cmd = NITRO_CMD_REQUEST,
		.flags = GENL_ADMIN_PERM,
		.validate = GENL_DONT_VALIDATE_STRICT | GENL_DONT_VALIDATE_DUMP,
		.doit = nitro_api_request,
	},
};

static struct genl_family nitro_genl_family = {
	.name = NITRO_GENL_NAME,
	.version = NITRO_GENL_VERSION,
	/* No maxattr: the outer attributes are parsed (and audited) here. */
	.maxattr = 0,
	.netnsok = false,
	.module = THIS_MODULE,
	.small_ops = nitro_genl_ops,
	.n_small_ops = ARRAY_SIZE(nitro_genl_ops),
	.resv_start_op = NITRO_CMD_REQUEST + 1,
};

int nitro_api_init(void)
{
	int err;

	err = nitro_principals_init();
	if (err)
		return err;
	err = genl_register_family(&nitro_genl_family);
	if (err) {
		nitro_principals_exit();
		return err;
	}
	nitro_testhooks_audit_init();
	return 0;
}

void nitro_api_exit(void)
{
	nitro_testhooks_audit_exit();
	genl_unregister_family(&nitro_genl_family);
	mutex_lock(&nitro_api_mutex);
	nitro_inventory_clear();
	nitro_principals_exit();
	mutex_unlock(&nitro_api_mutex);
}
