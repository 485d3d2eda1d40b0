// SPDX-License-Identifier: GPL-2.0
/*
 * One-time key grants. The controller asks for a grant bound to a wrapped
 * data key, a component kind, a volume and a device; it hands the 256-bit
 * random token to the component, which redeems it once. A redemption that
 * does not match the binding is refused and does not burn the grant (the
 * rightful holder can still use it); one that matches burns it whatever
 * happens next. Used, revoked and expired grants are wiped, not kept.
 */
#include <crypto/algapi.h>
#include <linux/jiffies.h>
#include <linux/random.h>
#include <linux/string.h>

#include "sec.h"

static void nsec_grant_burn(struct nitro_sec_grant *g)
{
	memzero_explicit(g, sizeof(*g));
}

static bool nsec_grant_expired(const struct nitro_sec_grant *g)
{
	return time_after_eq(jiffies, g->expires);
}

/* Compared in constant time: a token is a secret. */
static struct nitro_sec_grant *
nsec_grant_find_locked(struct nitro_sec *sec,
		       const u8 token[NITRO_SEC_TOKEN_LEN])
{
	struct nitro_sec_grant *found = NULL;
	unsigned int i;

	lockdep_assert_held(&sec->lock);
	for (i = 0; i < NITRO_SEC_MAX_GRANTS; i++) {
		struct nitro_sec_grant *g = &sec->grants[i];

		if (g->live && !crypto_memneq(g->token, token,
					      NITRO_SEC_TOKEN_LEN))
			found = g;
	}
	return found;
}

static struct nitro_sec_grant *nsec_grant_slot_locked(struct nitro_sec *sec)
{
	struct nitro_sec_grant *free = NULL;
	unsigned int i;

	lockdep_assert_held(&sec->lock);
	for (i = 0; i < NITRO_SEC_MAX_GRANTS; i++) {
		struct nitro_sec_grant *g = &sec->grants[i];

		if (g->live && nsec_grant_expired(g))
			nsec_grant_burn(g);
		if (!g->live && !free)
			free = g;
	}
	return free;
}

u32 nsec_grant_count_locked(struct nitro_sec *sec)
{
	unsigned int i;
	u32 n = 0;

	lockdep_assert_held(&sec->lock);
	for (i = 0; i < NITRO_SEC_MAX_GRANTS; i++)
		n += sec->grants[i].live;
	return n;
}

void nsec_grant_drop_cmk_locked(struct nitro_sec *sec, u32 cmk_id)
{
	unsigned int i;

	lockdep_assert_held(&sec->lock);
	for (i = 0; i < NITRO_SEC_MAX_GRANTS; i++)
		if (sec->grants[i].live && sec->grants[i].cmk_id == cmk_id)
			nsec_grant_burn(&sec->grants[i]);
}

void nsec_grant_clear(struct nitro_sec *sec)
{
	unsigned int i;

	for (i = 0; i < NITRO_SEC_MAX_GRANTS; i++)
		nsec_grant_burn(&sec->grants[i]);
}

static bool nsec_grant_kind_valid(u16 kind)
{
	return kind == NITRO_COMPONENT_NVME || kind == NITRO_COMPONENT_ENA;
}

/*
 * Return: 0 with the token; -EINVAL for a kind no component can redeem or a
 * blob that is not a key wrapped under @cmk_id, -ENOENT for an unknown CMK,
 * -ENOSPC when every grant is outstanding.
 */
int nsec_grant_issue(struct nitro_sec *sec, u32 cmk_id, const u8 *wrapped,
		     u32 wrapped_len, u16 kind, const guid_t *volume,
		     const guid_t *dev, u8 token[NITRO_SEC_TOKEN_LEN])
{
	u8 key[NITRO_DATA_KEY_MAX];
	struct nitro_sec_grant *g;
	struct crypto_aead *tfm;
	u32 blob_cmk, key_len;
	int err;

	if (!nsec_grant_kind_valid(kind) ||
	    nsec_wrapped_key_len(wrapped, wrapped_len, &blob_cmk, &key_len))
		return -EINVAL;

	mutex_lock(&sec->lock);
	tfm = nsec_cmk_find_locked(sec, cmk_id);
	if (!tfm) {
		err = -ENOENT;
		goto out_unlock;
	}
	/* A blob that does not open now never will: refuse it here. */
	err = nsec_unwrap(tfm, cmk_id, wrapped, wrapped_len, key, key_len);
	memzero_explicit(key, sizeof(key));
	if (err) {
		err = -EINVAL;
		goto out_unlock;
	}
	g = nsec_grant_slot_locked(sec);
	if (!g) {
		err = -ENOSPC;
		goto out_unlock;
	}
	get_random_bytes(g->token, sizeof(g->token));
	g->cmk_id = cmk_id;
	g->kind = kind;
	g->key_len = key_len;
	g->volume = *volume;
	g->dev = *dev;
	g->expires = jiffies + NITRO_SEC_GRANT_TTL_SEC * HZ;
	g->wrapped_len = wrapped_len;
	memcpy(g->wrapped, wrapped, wrapped_len);
	g->live = true;
	memcpy(token, g->token, NITRO_SEC_TOKEN_LEN);
out_unlock:
	mutex_unlock(&sec->lock);
	return err;
}

int nsec_grant_revoke(struct nitro_sec *sec,
		      const u8 token[NITRO_SEC_TOKEN_LEN])
{
	struct nitro_sec_grant *g;
	int err = -ENOENT;

	mutex_lock(&sec->lock);
	g = nsec_grant_find_locked(sec, token);
	if (g) {
		nsec_grant_burn(g);
		err = 0;
	}
	mutex_unlock(&sec->lock);
	return err;
}

/* Is @caller a measured, allowed component of the grant's kind? */
static bool nsec_caller_ok_locked(struct nitro_sec *sec,
				  struct module *caller, u16 kind)
{
	struct nitro_sec_component *c;

	lockdep_assert_held(&sec->lock);
	c = nsec_component_find_locked(sec, caller);
	return c && c->kind == kind && nsec_component_allowed_locked(sec, c);
}

static int nsec_redeem_locked(struct nitro_sec *sec, struct module *caller,
			      const u8 token[NITRO_SEC_TOKEN_LEN],
			      const guid_t *volume, const guid_t *dev,
			      u8 *key, u32 key_len, u16 *kind)
{
	struct nitro_sec_grant *g;
	struct crypto_aead *tfm;
	int err;

	lockdep_assert_held(&sec->lock);
	g = nsec_grant_find_locked(sec, token);
	if (!g)
		return -EACCES;
	*kind = g->kind;
	if (nsec_grant_expired(g)) {
		nsec_grant_burn(g);
		return -EACCES;
	}
	if (!nsec_caller_ok_locked(sec, caller, g->kind) ||
	    !guid_equal(&g->volume, volume) || !guid_equal(&g->dev, dev))
		return -EACCES;
	if (key_len != g->key_len)
		return -EINVAL;

	tfm = nsec_cmk_find_locked(sec, g->cmk_id);
	err = tfm ? nsec_unwrap(tfm, g->cmk_id, g->wrapped, g->wrapped_len,
				key, key_len) : -EACCES;
	nsec_grant_burn(g);
	return err == -EBADMSG ? -EACCES : err;
}

/*
 * The key service's redeem (include/nitro_keys.h): on success exactly
 * @key_len bytes of plaintext in @key, which is the caller's memory; on
 * failure @key is zero.
 */
int nsec_redeem(struct nitro_sec *sec, struct module *caller,
		const u8 token[NITRO_SEC_TOKEN_LEN], const guid_t *volume,
		const guid_t *dev, u8 *key, u32 key_len)
{
	struct nitro_responder *r;
	u16 kind = 0;
	int err;

	if (!key_len || key_len > NITRO_DATA_KEY_MAX)
		return -EINVAL;
	mutex_lock(&sec->lock);
	err = nsec_redeem_locked(sec, caller, token, volume, dev, key,
				 key_len, &kind);
	if (err)
		sec->stats.denied++;
	else
		sec->stats.redeemed++;
	r = sec->responder;
	mutex_unlock(&sec->lock);

	if (err) {
		memzero_explicit(key, key_len);
		/* The controller hears of it, and audits it. */
		if (r)
			nitro_responder_event(r, NITRO_EVENT_ERROR,
					      NITRO_SEC_EVENT_DENIED, -err, kind,
					      "key grant denied");
	}
	return err;
}
