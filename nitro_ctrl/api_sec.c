// SPDX-License-Identifier: GPL-2.0
/*
 * The operations nitro_sec serves through the API: importing a data key.
 * Each runs under the API lock after the request was authenticated and
 * authorized (api.c), asks nitro_sec over its mailbox (sec_client.c) and
 * fills req->object for its audit record, which never holds key material.
 */
#include <linux/skbuff.h>
#include <linux/string.h>
#include <net/netlink.h>

#include "api.h"
#include "sec_client.h"

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
