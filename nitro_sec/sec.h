/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nitro_sec internals. One struct nitro_sec holds every table; one mutex
 * covers all of them, because every operation is short, rare and sleeps in
 * the crypto API anyway. KUnit builds private instances with
 * nsec_create(); the module has one.
 */
#ifndef _NITRO_SEC_SEC_H
#define _NITRO_SEC_SEC_H

#include <linux/mutex.h>
#include <linux/types.h>
#include <linux/uuid.h>

#include "nitro_component.h"
#include "nitro_keys.h"
#include "nitro_sec_mbox.h"

struct crypto_aead;
struct key;
struct module;

#define NITRO_SEC_MAX_CMKS		64
#define NITRO_SEC_MAX_GRANTS		256
#define NITRO_SEC_MAX_COMPONENTS	16
#define NITRO_SEC_MAX_ALLOW		32
#define NITRO_SEC_CMK_LEN		32	/* AES-256 */
#define NITRO_SEC_GRANT_TTL_SEC		600
#define NITRO_SEC_MODNAME_LEN		56
#define NITRO_SEC_DEVKEY_DESC		"nitro:device"
#define NITRO_SEC_DEVKEY_MIN		32
#define NITRO_SEC_KEYRING		"nitro_sec"

/* Event codes the sec component reports (NITRO_EVENT_ERROR). */
#define NITRO_SEC_EVENT_DENIED		1	/* arg0: errno, arg1: kind */

struct nitro_sec_cmk {
	u32 id;				/* 0: free slot */
	struct crypto_aead *tfm;	/* holds the only copy of the key */
};

struct nitro_sec_grant {
	bool live;
	u8 token[NITRO_SEC_TOKEN_LEN];
	u32 cmk_id;
	u16 kind;
	u32 key_len;
	guid_t volume;
	guid_t dev;
	unsigned long expires;		/* jiffies */
	u32 wrapped_len;
	u8 wrapped[NITRO_SEC_WRAP_MAX];
};

struct nitro_sec_component {
	bool live;
	bool measured;
	struct module *owner;		/* identity only, never dereferenced later */
	u16 kind;
	u64 order;			/* registration order */
	char name[NITRO_MBOX_NAME_MAX + 1];
	char module[NITRO_SEC_MODNAME_LEN];
	char build_id[NITRO_BUILD_ID_SIZE];
	u8 digest[NITRO_SEC_DIGEST_LEN];
};

struct nitro_sec_allow {
	u16 kind;
	u8 digest[NITRO_SEC_DIGEST_LEN];
};

struct nitro_sec_counters {
	u64 redeemed;
	u64 denied;
	u64 anchors;
	u64 reports;
};

struct nitro_sec {
	struct mutex lock;		/* everything below */
	u32 next_cmk_id;
	struct nitro_sec_cmk cmks[NITRO_SEC_MAX_CMKS];
	struct nitro_sec_grant *grants;	/* NITRO_SEC_MAX_GRANTS */
	struct nitro_sec_component comps[NITRO_SEC_MAX_COMPONENTS];
	u64 next_order;
	struct nitro_sec_allow allow[NITRO_SEC_MAX_ALLOW];
	u32 nr_allow;
	u32 policy;			/* enum nsec_policy */
	char build_id[NITRO_BUILD_ID_SIZE];	/* our own */
	struct key *keyring;		/* holds the device key */
	bool anchored;
	u64 anchor_seq;
	u8 anchor_hash[NITRO_SEC_DIGEST_LEN];
	struct nitro_sec_counters stats;
	struct nitro_responder *responder;	/* NULL in KUnit instances */
};

/* main.c */
struct nitro_sec *nsec_create(const char *build_id);
void nsec_destroy(struct nitro_sec *sec);

/* cmk.c */
int nsec_cmk_create(struct nitro_sec *sec, u32 *id);
int nsec_cmk_install(struct nitro_sec *sec, const u8 *key, u32 *id);
int nsec_cmk_destroy(struct nitro_sec *sec, u32 id);
struct crypto_aead *nsec_cmk_find_locked(struct nitro_sec *sec, u32 id);
u32 nsec_cmk_count_locked(struct nitro_sec *sec);
void nsec_cmk_clear(struct nitro_sec *sec);
int nsec_datakey_generate(struct nitro_sec *sec, u32 cmk_id, u32 key_len,
			  u8 *wrapped, u32 *wrapped_len);
int nsec_datakey_import(struct nitro_sec *sec, u32 cmk_id, const u8 *key,
			u32 key_len, u8 *wrapped, u32 *wrapped_len);

/* wrap.c */
struct crypto_aead *nsec_gcm_alloc(const u8 *key, u32 key_len);
int nsec_gcm_crypt(struct crypto_aead *tfm, bool enc,
		   const u8 iv[NITRO_SEC_WRAP_IV_LEN], const u8 *aad,
		   u32 aad_len, const u8 *src, u32 src_len, u8 *dst);
bool nsec_key_len_valid(u32 key_len);
int nsec_wrap(struct crypto_aead *tfm, u32 cmk_id, const u8 *key,
	      u32 key_len, u8 *wrapped, u32 *wrapped_len);
int nsec_unwrap(struct crypto_aead *tfm, u32 cmk_id, const u8 *wrapped,
		u32 wrapped_len, u8 *key, u32 key_len);
int nsec_wrapped_key_len(const u8 *wrapped, u32 wrapped_len,
			 u32 *cmk_id, u32 *key_len);

/* grant.c */
int nsec_grant_issue(struct nitro_sec *sec, u32 cmk_id, const u8 *wrapped,
		     u32 wrapped_len, u16 kind, const guid_t *volume,
		     const guid_t *dev, u8 token[NITRO_SEC_TOKEN_LEN]);
int nsec_grant_revoke(struct nitro_sec *sec,
		      const u8 token[NITRO_SEC_TOKEN_LEN]);
void nsec_grant_drop_cmk_locked(struct nitro_sec *sec, u32 cmk_id);
u32 nsec_grant_count_locked(struct nitro_sec *sec);
void nsec_grant_clear(struct nitro_sec *sec);
int nsec_redeem(struct nitro_sec *sec, struct module *caller,
		const u8 token[NITRO_SEC_TOKEN_LEN], const guid_t *volume,
		const guid_t *dev, u8 *key, u32 key_len);

/* measure.c */
int nsec_note_build_id(const void *notes, size_t size, const u8 **desc,
		       u32 *desc_len);
int nsec_measure(const char *modname, const u8 *build_id, u32 build_id_len,
		 u8 digest[NITRO_SEC_DIGEST_LEN]);
int nsec_measure_module(struct module *mod, u8 digest[NITRO_SEC_DIGEST_LEN]);
int nsec_component_add(struct nitro_sec *sec,
		       const struct nitro_component_id *id,
		       const u8 *digest);
void nsec_component_remove(struct nitro_sec *sec, struct module *owner,
			   const char *name);
bool nsec_component_allowed_locked(struct nitro_sec *sec,
				   const struct nitro_sec_component *c);
struct nitro_sec_component *
nsec_component_find_locked(struct nitro_sec *sec, struct module *owner);
u32 nsec_component_count_locked(struct nitro_sec *sec);
int nsec_allow_add(struct nitro_sec *sec, const u8 *digest, u16 kind);
void nsec_allow_clear(struct nitro_sec *sec);
int nsec_policy_set(struct nitro_sec *sec, u32 policy);

/* attest.c */
int nsec_keyring_create(struct nitro_sec *sec);
void nsec_keyring_destroy(struct nitro_sec *sec);
int nsec_hmac(struct nitro_sec *sec, const void *data, size_t len,
	      u8 mac[NITRO_SEC_HMAC_LEN]);
int nsec_attest(struct nitro_sec *sec, const u8 nonce[NITRO_SEC_NONCE_SIZE],
		u8 *report, u32 size, u32 *len);
int nsec_report_verify(const u8 *devkey, u32 devkey_len,
		       const u8 *report, u32 len,
		       const u8 nonce[NITRO_SEC_NONCE_SIZE]);
int nsec_anchor(struct nitro_sec *sec, u64 seq,
		const u8 hash[NITRO_SEC_DIGEST_LEN],
		u8 mac[NITRO_SEC_HMAC_LEN]);

/* cmd.c */
u16 nsec_handle(struct nitro_responder *r, const struct nitro_mbox_cmd *cmd,
		struct nitro_mbox_cpl *cpl);

#endif /* _NITRO_SEC_SEC_H */
