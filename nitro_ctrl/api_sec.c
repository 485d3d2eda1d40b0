// SPDX-License-Identifier: GPL-2.0
/*
 * The operations nitro_sec serves through the API: importing a data key,
 * attestation, the allowlist, and the firmware-change check.
 * Each runs under the API lock after the request was authenticated and
 * authorized (api.c), asks nitro_sec over its mailbox (sec_client.c) and
 * fills req->object for its audit record, which never holds key material.
 */
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <net/netlink.h>

#include "api.h"
#include "nitro_sec_mbox.h"
#include "sec_client.h"

#define NITRO_SEC_ALLOW_MAX	32	/* nitro_sec's NITRO_SEC_MAX_ALLOW */

/*
 * KEY_WRAP, bring your own key (as KMS Encrypt): an AES-256-XTS key the
 * operator made, wrapped under a CMK, for VOLUME_CREATE's WRAPPED_KEY. The
 * plaintext arrives sealed in the request; api.c frees that buffer with
 * kfree_sensitive() and this frame wipes its own copy. There is no
 * operation that gives a key back.
 */
int nitro_op_key_wrap(struct nitro_req *req)
{
	const struct nlattr *dk = req->p[NITRO_P_DATA_KEY];
	u8 wrapped[NITRO_SEC_WRAPPED_KEY_MAX];
	u8 key[NITRO_DATA_KEY_LEN];
	u32 cmk, wrapped_len = 0;
	int err;

	if (!req->p[NITRO_P_CMK] || !dk) {
		NL_SET_ERR_MSG(req->extack, "nitro: cmk and data key required");
		return -EINVAL;
	}
	cmk = nla_get_u32(req->p[NITRO_P_CMK]);
	snprintf(req->object, sizeof(req->object), "cmk=%u len=%d", cmk,
		 nla_len(dk));
	if (nla_len(dk) != NITRO_DATA_KEY_LEN) {
		NL_SET_ERR_MSG(req->extack, "nitro: the data key is 64 bytes (AES-256-XTS)");
		return -EINVAL;
	}
	nla_memcpy(key, dk, sizeof(key));
	err = nitro_sec_datakey_import(cmk, key, sizeof(key), wrapped,
				       &wrapped_len);
	memzero_explicit(key, sizeof(key));
	if (err == -EKEYREJECTED)
		NL_SET_ERR_MSG(req->extack, "nitro: the two halves of an XTS key must differ");
	else if (err == -ENOENT)
		NL_SET_ERR_MSG(req->extack, "nitro: no such cmk");
	if (err)
		return err;
	if (nla_put_u32(req->out, NITRO_P_CMK, cmk) ||
	    nla_put(req->out, NITRO_P_WRAPPED_KEY, wrapped_len, wrapped))
		return -EMSGSIZE;
	return 0;
}

/*
 * ATTEST: nitro_sec's signed report of every component's measurement over
 * the auditor's nonce (format: Documentation/security-module.rst). The
 * controller passes it on untouched: it cannot forge one, it does not hold
 * the device key.
 */
int nitro_op_attest(struct nitro_req *req)
{
	const struct nlattr *nonce = req->p[NITRO_P_NONCE];
	u32 len = 0;
	u8 *report;
	int err;

	if (!nonce) {
		NL_SET_ERR_MSG(req->extack, "nitro: a nonce is required");
		return -EINVAL;
	}
	if (nla_len(nonce) != NITRO_ATTEST_NONCE_LEN) {
		snprintf(req->object, sizeof(req->object), "nonce len=%d",
			 nla_len(nonce));
		NL_SET_ERR_MSG(req->extack, "nitro: the nonce is 32 bytes");
		return -EINVAL;
	}
	snprintf(req->object, sizeof(req->object), "nonce=%*phN",
		 8, nla_data(nonce));
	report = kmalloc(NITRO_SEC_REPORT_MAX, GFP_KERNEL);
	if (!report)
		return -ENOMEM;
	err = nitro_sec_attest(nla_data(nonce), report, &len);
	if (err == -ENOKEY)
		NL_SET_ERR_MSG(req->extack, "nitro: nitro_sec has no device key");
	if (!err && nla_put(req->out, NITRO_P_REPORT, len, report))
		err = -EMSGSIZE;
	kfree(report);
	return err;
}

static int nitro_req_digest(struct nitro_req *req, const u8 **digest)
{
	const struct nlattr *d = req->p[NITRO_P_DIGEST];

	if (!d || nla_len(d) != NITRO_DIGEST_LEN) {
		NL_SET_ERR_MSG(req->extack, "nitro: a 32-byte digest is required");
		return -EINVAL;
	}
	*digest = nla_data(d);
	return 0;
}

/* ALLOW_ADD: one (measurement, component kind) pair for the strict policy. */
int nitro_op_allow_add(struct nitro_req *req)
{
	const u8 *digest;
	u32 kind;
	int err;

	if (!req->p[NITRO_P_COMPONENT_KIND]) {
		NL_SET_ERR_MSG(req->extack, "nitro: a component kind is required");
		return -EINVAL;
	}
	kind = nla_get_u32(req->p[NITRO_P_COMPONENT_KIND]);
	err = nitro_req_digest(req, &digest);
	if (err)
		return err;
	snprintf(req->object, sizeof(req->object), "kind=%u digest=%*phN", kind,
		 8, digest);
	if (kind != NITRO_COMPONENT_NVME && kind != NITRO_COMPONENT_ENA) {
		NL_SET_ERR_MSG(req->extack, "nitro: only nvme (2) and ena (3) are allowlisted");
		return -EINVAL;
	}
	return nitro_sec_allow_add(digest, kind);
}

int nitro_op_allow_clear(struct nitro_req *req)
{
	return nitro_sec_allow_clear();
}

int nitro_op_policy_set(struct nitro_req *req)
{
	u32 policy;

	if (!req->p[NITRO_P_POLICY])
		return -EINVAL;
	policy = nla_get_u32(req->p[NITRO_P_POLICY]);
	snprintf(req->object, sizeof(req->object), "policy=%u", policy);
	return nitro_sec_policy_set(policy);
}

int nitro_op_allow_list(struct nitro_req *req)
{
	struct nitro_sec_allow_req *list;
	u32 n = 0, policy = 0, i;
	struct nlattr *e;
	int err;

	list = kcalloc(NITRO_SEC_ALLOW_MAX, sizeof(*list), GFP_KERNEL);
	if (!list)
		return -ENOMEM;
	err = nitro_sec_allow_list(list, NITRO_SEC_ALLOW_MAX, &n, &policy);
	if (!err && nla_put_u32(req->out, NITRO_P_POLICY, policy))
		err = -EMSGSIZE;
	for (i = 0; i < n && !err; i++) {
		e = nla_nest_start(req->out, NITRO_P_ENTRY);
		if (!e || nla_put_u32(req->out, NITRO_P_COMPONENT_KIND,
				      le16_to_cpu(list[i].kind)) ||
		    nla_put(req->out, NITRO_P_DIGEST, NITRO_DIGEST_LEN,
			    list[i].digest))
			err = -EMSGSIZE;
		else
			nla_nest_end(req->out, e);
	}
	kfree(list);
	return err;
}

/*
 * FIRMWARE_UPDATE, in its honest minimum (Documentation/api.rst): the
 * operator names a component and the measurement it expects to be running;
 * nitro_sec confirms that the registered component is measured exactly so
 * and allowed, and the controller records the change. It swaps nothing.
 */
int nitro_op_firmware_update(struct nitro_req *req)
{
	const char *name;
	const u8 *digest;
	int err;

	if (!req->p[NITRO_P_COMPONENT]) {
		NL_SET_ERR_MSG(req->extack, "nitro: a component name is required");
		return -EINVAL;
	}
	name = nla_data(req->p[NITRO_P_COMPONENT]);
	err = nitro_req_digest(req, &digest);
	if (err)
		return err;
	snprintf(req->object, sizeof(req->object), "component=%s digest=%*phN",
		 name, 8, digest);
	err = nitro_sec_component_check(name, digest);
	switch (err) {
	case 0:
		nitro_audit_record(NITRO_PRINCIPAL_CTRL, "firmware.change",
				   req->object, 0);
		break;
	case -ENOENT:
		NL_SET_ERR_MSG(req->extack, "nitro: no such component registered");
		break;
	case -ENODATA:
		NL_SET_ERR_MSG(req->extack, "nitro: the component could not be measured");
		break;
	case -EBADMSG:
		NL_SET_ERR_MSG(req->extack, "nitro: the component runs another measurement");
		break;
	case -EPERM:
		NL_SET_ERR_MSG(req->extack, "nitro: the measurement is not allowed by the policy");
		break;
	}
	return err;
}
