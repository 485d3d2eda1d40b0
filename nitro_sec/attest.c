// SPDX-License-Identifier: GPL-2.0
/*
 * Attestation reports and audit anchors, both HMAC-SHA256 under the device
 * key (Documentation/security-module.rst, "Trust model").
 *
 * The 6.1 kernel cannot sign with a private key, so the device key is a
 * shared secret: the administrator installs it as a `logon` key named
 * "nitro:device" in the "nitro_sec" keyring this module creates. Userspace
 * can add or replace such a key but never read it; only this file reads it,
 * into an HMAC transform that is freed (and wiped) after each use.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <crypto/algapi.h>
#include <crypto/hash.h>
#include <keys/user-type.h>
#include <linux/cred.h>
#include <linux/key.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>

#include "sec.h"

/* Only logon keys, which userspace can never read back, may be linked. */
static int nsec_keyring_restrict(struct key *keyring,
				 const struct key_type *type,
				 const union key_payload *payload,
				 struct key *restriction_key)
{
	return type == &key_type_logon ? 0 : -EPERM;
}

int nsec_keyring_create(struct nitro_sec *sec)
{
	struct key_restriction *restrict_link;
	struct key *keyring;

	restrict_link = kzalloc(sizeof(*restrict_link), GFP_KERNEL);
	if (!restrict_link)
		return -ENOMEM;
	restrict_link->check = nsec_keyring_restrict;

	/* Root may find it, list it and add to it; nobody may read keys. */
	keyring = keyring_alloc(NITRO_SEC_KEYRING, GLOBAL_ROOT_UID,
				GLOBAL_ROOT_GID, current_cred(),
				KEY_POS_ALL | KEY_USR_VIEW | KEY_USR_READ |
				KEY_USR_WRITE | KEY_USR_SEARCH,
				KEY_ALLOC_NOT_IN_QUOTA, restrict_link, NULL);
	if (IS_ERR(keyring)) {
		kfree(restrict_link);
		return PTR_ERR(keyring);
	}
	sec->keyring = keyring;
	return 0;
}

void nsec_keyring_destroy(struct nitro_sec *sec)
{
	if (!sec->keyring)
		return;
	/* Revoked, it can no longer be found or added to. */
	key_revoke(sec->keyring);
	key_put(sec->keyring);
	sec->keyring = NULL;
}

/* An HMAC-SHA256 transform keyed with the device key. */
static struct crypto_shash *nsec_devkey_tfm(struct nitro_sec *sec)
{
	const struct user_key_payload *payload;
	struct crypto_shash *tfm;
	key_ref_t ref;
	struct key *key;
	int err;

	if (!sec->keyring)
		return ERR_PTR(-ENOKEY);
	ref = keyring_search(make_key_ref(sec->keyring, true), &key_type_logon,
			     NITRO_SEC_DEVKEY_DESC, false);
	if (IS_ERR(ref))
		return ERR_PTR(-ENOKEY);
	key = key_ref_to_ptr(ref);

	tfm = crypto_alloc_shash("hmac(sha256)", 0, 0);
	if (IS_ERR(tfm))
		goto out_put;
	down_read(&key->sem);
	payload = user_key_payload_locked(key);
	if (!payload)
		err = -EKEYREVOKED;
	else if (payload->datalen < NITRO_SEC_DEVKEY_MIN)
		err = -EKEYREJECTED;
	else
		err = crypto_shash_setkey(tfm, payload->data, payload->datalen);
	up_read(&key->sem);
	if (err) {
		crypto_free_shash(tfm);
		tfm = ERR_PTR(err);
	}
out_put:
	key_put(key);
	return tfm;
}

static int nsec_hmac_tfm(struct crypto_shash *tfm, const void *data,
			 size_t len, u8 mac[NITRO_SEC_HMAC_LEN])
{
	SHASH_DESC_ON_STACK(desc, tfm);
	int err;

	desc->tfm = tfm;
	err = crypto_shash_digest(desc, data, len, mac);
	shash_desc_zero(desc);
	return err;
}

/* Return: 0; -ENOKEY without a device key, -EKEYREJECTED for a short one. */
int nsec_hmac(struct nitro_sec *sec, const void *data, size_t len,
	      u8 mac[NITRO_SEC_HMAC_LEN])
{
	struct crypto_shash *tfm;
	int err;

	tfm = nsec_devkey_tfm(sec);
	if (IS_ERR(tfm))
		return PTR_ERR(tfm);
	err = nsec_hmac_tfm(tfm, data, len, mac);
	crypto_free_shash(tfm);
	return err;
}

static void nsec_report_entry(const struct nitro_sec_component *c,
			      bool allowed,
			      struct nitro_sec_report_entry *e)
{
	memset(e, 0, sizeof(*e));
	e->kind = cpu_to_le16(c->kind);
	e->flags = cpu_to_le16((c->measured ? NITRO_SEC_ENTRY_MEASURED : 0) |
			       (allowed ? NITRO_SEC_ENTRY_ALLOWED : 0));
	memcpy(e->name, c->name, min(sizeof(e->name), sizeof(c->name)));
	memcpy(e->module, c->module, sizeof(e->module));
	if (c->measured)
		memcpy(e->digest, c->digest, sizeof(e->digest));
	memcpy(e->build_id, c->build_id, sizeof(e->build_id));
}

/* The live components, in registration order, into @report. */
static u32 nsec_report_fill_locked(struct nitro_sec *sec, u8 *report,
				   u32 max)
{
	struct nitro_sec_report_entry *e = (void *)(report +
						    sizeof(struct nitro_sec_report_hdr));
	u64 last = 0;
	bool first = true;
	u32 n = 0;

	lockdep_assert_held(&sec->lock);
	while (n < max) {
		const struct nitro_sec_component *next = NULL;
		unsigned int i;

		for (i = 0; i < ARRAY_SIZE(sec->comps); i++) {
			const struct nitro_sec_component *c = &sec->comps[i];

			if (!c->live || (!first && c->order <= last))
				continue;
			if (!next || c->order < next->order)
				next = c;
		}
		if (!next)
			break;
		nsec_report_entry(next,
				  nsec_component_allowed_locked(sec, next),
				  &e[n++]);
		last = next->order;
		first = false;
	}
	return n;
}

/**
 * nsec_attest() - sign a report of every component's measurement
 * @sec: the instance
 * @nonce: the verifier's challenge, copied into the report
 * @report: where to write it
 * @size: room in @report
 * @len: bytes written
 *
 * Return: 0, -ENOKEY without a device key, -ENOSPC if @size is too small.
 */
int nsec_attest(struct nitro_sec *sec, const u8 nonce[NITRO_SEC_NONCE_SIZE],
		u8 *report, u32 size, u32 *len)
{
	struct nitro_sec_report_hdr *hdr = (void *)report;
	struct crypto_shash *tfm;
	u32 n, body;
	int err;

	if (size < sizeof(*hdr) + NITRO_SEC_HMAC_LEN)
		return -ENOSPC;
	/* Fetch the key first: no lock held across the keyring. */
	tfm = nsec_devkey_tfm(sec);
	if (IS_ERR(tfm))
		return PTR_ERR(tfm);

	memset(report, 0, size);
	mutex_lock(&sec->lock);
	n = nsec_report_fill_locked(sec, report,
				    min_t(u32, NITRO_SEC_REPORT_MAX_ENTRIES,
					  (size - sizeof(*hdr) - NITRO_SEC_HMAC_LEN) /
					  sizeof(struct nitro_sec_report_entry)));
	if (n < nsec_component_count_locked(sec)) {
		err = -ENOSPC;
		goto out_unlock;
	}
	body = sizeof(*hdr) + n * sizeof(struct nitro_sec_report_entry);
	memcpy(hdr->magic, NITRO_SEC_REPORT_MAGIC, sizeof(hdr->magic));
	hdr->version = cpu_to_le16(NITRO_SEC_REPORT_VERSION);
	hdr->nr_entries = cpu_to_le16(n);
	hdr->len = cpu_to_le32(body + NITRO_SEC_HMAC_LEN);
	hdr->counter = cpu_to_le64(++sec->stats.reports);
	hdr->time = cpu_to_le64(ktime_get_real_seconds());
	memcpy(hdr->nonce, nonce, sizeof(hdr->nonce));
	hdr->policy = cpu_to_le32(sec->policy);
	memcpy(hdr->build_id, sec->build_id, sizeof(hdr->build_id));
	err = nsec_hmac_tfm(tfm, report, body, report + body);
	if (!err)
		*len = body + NITRO_SEC_HMAC_LEN;
out_unlock:
	mutex_unlock(&sec->lock);
	crypto_free_shash(tfm);
	return err;
}

/**
 * nsec_report_verify() - what `nitroctl attest verify` does
 * @devkey: the device key
 * @devkey_len: its length
 * @report: the report
 * @len: its length
 * @nonce: the nonce the verifier sent
 *
 * Return: 0 if the report is well formed, answers @nonce and its MAC is
 * right; -EBADMSG for a wrong MAC, -EINVAL for a malformed report, -ESTALE
 * for another nonce.
 */
int nsec_report_verify(const u8 *devkey, u32 devkey_len,
		       const u8 *report, u32 len,
		       const u8 nonce[NITRO_SEC_NONCE_SIZE])
{
	const struct nitro_sec_report_hdr *hdr = (const void *)report;
	u8 mac[NITRO_SEC_HMAC_LEN];
	struct crypto_shash *tfm;
	u32 body;
	int err;

	if (len < sizeof(*hdr) + NITRO_SEC_HMAC_LEN ||
	    memcmp(hdr->magic, NITRO_SEC_REPORT_MAGIC, sizeof(hdr->magic)) ||
	    le16_to_cpu(hdr->version) != NITRO_SEC_REPORT_VERSION ||
	    le32_to_cpu(hdr->len) != len)
		return -EINVAL;
	body = sizeof(*hdr) +
	       le16_to_cpu(hdr->nr_entries) * sizeof(struct nitro_sec_report_entry);
	if (body + NITRO_SEC_HMAC_LEN != len)
		return -EINVAL;

	tfm = crypto_alloc_shash("hmac(sha256)", 0, 0);
	if (IS_ERR(tfm))
		return PTR_ERR(tfm);
	err = crypto_shash_setkey(tfm, devkey, devkey_len);
	if (!err)
		err = nsec_hmac_tfm(tfm, report, body, mac);
	crypto_free_shash(tfm);
	if (err)
		return err;
	if (crypto_memneq(mac, report + body, NITRO_SEC_HMAC_LEN))
		return -EBADMSG;
	if (memcmp(hdr->nonce, nonce, NITRO_SEC_NONCE_SIZE))
		return -ESTALE;
	return 0;
}

/**
 * nsec_anchor() - vouch for the audit chain up to record @seq
 * @sec: the instance
 * @seq: sequence number of the record
 * @hash: its chain hash
 * @mac: HMAC-SHA256 of struct nitro_sec_anchor_msg
 *
 * Anchors only move forward: an older @seq, or the same @seq with another
 * hash, is refused, so history once anchored cannot be re-anchored
 * differently.
 *
 * Return: 0, -EINVAL for a step backwards, -ENOKEY without a device key.
 */
int nsec_anchor(struct nitro_sec *sec, u64 seq,
		const u8 hash[NITRO_SEC_DIGEST_LEN],
		u8 mac[NITRO_SEC_HMAC_LEN])
{
	struct nitro_sec_anchor_msg msg = {
		.version = cpu_to_le32(NITRO_SEC_ANCHOR_VERSION),
		.seq = cpu_to_le64(seq),
	};
	struct crypto_shash *tfm;
	int err;

	memcpy(msg.magic, NITRO_SEC_ANCHOR_MAGIC, sizeof(msg.magic));
	memcpy(msg.hash, hash, sizeof(msg.hash));
	tfm = nsec_devkey_tfm(sec);
	if (IS_ERR(tfm))
		return PTR_ERR(tfm);

	mutex_lock(&sec->lock);
	if (sec->anchored && (seq < sec->anchor_seq ||
			      (seq == sec->anchor_seq &&
			       memcmp(hash, sec->anchor_hash, NITRO_SEC_DIGEST_LEN)))) {
		err = -EINVAL;
		goto out_unlock;
	}
	err = nsec_hmac_tfm(tfm, &msg, sizeof(msg), mac);
	if (err)
		goto out_unlock;
	sec->anchored = true;
	sec->anchor_seq = seq;
	memcpy(sec->anchor_hash, hash, NITRO_SEC_DIGEST_LEN);
	sec->stats.anchors++;
out_unlock:
	mutex_unlock(&sec->lock);
	crypto_free_shash(tfm);
	return err;
}
