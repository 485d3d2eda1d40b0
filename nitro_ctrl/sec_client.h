/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The controller's side of the nitro_sec mailbox: each call is one command
 * to the "sec" component (include/nitro_sec_mbox.h), answered or timed out.
 * None returns a plaintext key; there is no call that could.
 *
 * Every function may sleep. Return: 0, -ENODEV when nitro_sec is not
 * registered or has failed, -ETIMEDOUT, or the errno of the status it
 * answered (nitro_mbox_status_to_errno()).
 */
#ifndef _NITRO_CTRL_SEC_CLIENT_H
#define _NITRO_CTRL_SEC_CLIENT_H

#include <linux/types.h>
#include <linux/uuid.h>

#include "nitro_keys.h"
#include "nitro_mbox.h"

#define NITRO_SEC_WRAPPED_KEY_MAX	128
#define NITRO_SEC_NONCE_LEN		32
#define NITRO_SEC_HASH_LEN		32	/* SHA-256 */
#define NITRO_SEC_MAC_LEN		32	/* HMAC-SHA256 */
#define NITRO_SEC_REPORT_MAX		4096

/* A new AES-256 customer master key, created inside nitro_sec. */
int nitro_sec_cmk_create(u32 *cmk_id);
int nitro_sec_cmk_destroy(u32 cmk_id);

/*
 * A fresh random data key of @key_len bytes, returned only wrapped under
 * @cmk_id, in @wrapped (NITRO_SEC_WRAPPED_KEY_MAX bytes).
 */
int nitro_sec_datakey_generate(u32 cmk_id, u32 key_len, u8 *wrapped,
			       u32 *wrapped_len);

/*
 * Bring your own key: @key (@key_len bytes, the caller's, which it wipes)
 * wrapped under @cmk_id into @wrapped (NITRO_SEC_WRAPPED_KEY_MAX bytes).
 * The only call that hands nitro_sec a plaintext key; none takes one out.
 */
int nitro_sec_datakey_import(u32 cmk_id, const u8 *key, u32 key_len,
			     u8 *wrapped, u32 *wrapped_len);

/* A one-time grant to unwrap @wrapped into a component of @kind for @dev. */
int nitro_sec_grant_issue(u32 cmk_id, const u8 *wrapped, u32 wrapped_len,
			  enum nitro_component_kind kind, const guid_t *volume,
			  const guid_t *dev, struct nitro_key_grant *grant);
int nitro_sec_grant_revoke(const struct nitro_key_grant *grant);

/*
 * A signed report of every component measurement over @nonce, written to
 * @report (NITRO_SEC_REPORT_MAX bytes); format in include/nitro_sec_mbox.h.
 */
int nitro_sec_attest(const u8 nonce[NITRO_SEC_NONCE_LEN], u8 *report,
		     u32 *report_len);

/* HMAC anchor of the audit chain at @seq, whose record hash is @hash. */
int nitro_sec_anchor(u64 seq, const u8 hash[NITRO_SEC_HASH_LEN],
		     u8 mac[NITRO_SEC_MAC_LEN]);

/*
 * The allowlist (admin): with policy NITRO_SEC_POLICY_STRICT only the
 * (measurement, kind) pairs added here may redeem grants; with
 * NITRO_SEC_POLICY_BUILD (the default) components of nitro_sec's own build.
 */
int nitro_sec_allow_add(const u8 digest[NITRO_SEC_HASH_LEN],
			enum nitro_component_kind kind);
int nitro_sec_allow_clear(void);
int nitro_sec_policy_set(u32 policy);

struct nitro_sec_stats_rsp;
int nitro_sec_stats(struct nitro_sec_stats_rsp *stats);

#endif /* _NITRO_CTRL_SEC_CLIENT_H */
