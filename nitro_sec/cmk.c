// SPDX-License-Identifier: GPL-2.0
/*
 * Customer master keys. A CMK is 256 random bits that exist only inside the
 * AES-GCM transform they key: the raw bytes are wiped as soon as the
 * transform has expanded them, and crypto_free_aead() wipes the transform.
 * No command, answer or file reads a CMK back; destroying one shreds every
 * data key wrapped under it.
 */
#include <crypto/aead.h>
#include <crypto/algapi.h>
#include <linux/random.h>
#include <linux/string.h>

#include "sec.h"

struct crypto_aead *nsec_cmk_find_locked(struct nitro_sec *sec, u32 id)
{
	unsigned int i;

	lockdep_assert_held(&sec->lock);
	if (!id)
		return NULL;
	for (i = 0; i < ARRAY_SIZE(sec->cmks); i++)
		if (sec->cmks[i].id == id)
			return sec->cmks[i].tfm;
	return NULL;
}

u32 nsec_cmk_count_locked(struct nitro_sec *sec)
{
	unsigned int i;
	u32 n = 0;

	lockdep_assert_held(&sec->lock);
	for (i = 0; i < ARRAY_SIZE(sec->cmks); i++)
		n += !!sec->cmks[i].id;
	return n;
}

/*
 * Key a free slot with @key. Ids count up and are never reused, so a stale
 * id never names a newer key.
 */
int nsec_cmk_install(struct nitro_sec *sec, const u8 *key, u32 *id)
{
	struct nitro_sec_cmk *slot = NULL;
	struct crypto_aead *tfm;
	unsigned int i;
	int err = 0;

	tfm = nsec_gcm_alloc(key, NITRO_SEC_CMK_LEN);
	if (IS_ERR(tfm))
		return PTR_ERR(tfm);

	mutex_lock(&sec->lock);
	for (i = 0; i < ARRAY_SIZE(sec->cmks) && !slot; i++)
		if (!sec->cmks[i].id)
			slot = &sec->cmks[i];
	if (!slot || sec->next_cmk_id == U32_MAX) {
		err = -ENOSPC;
	} else {
		slot->id = ++sec->next_cmk_id;
		slot->tfm = tfm;
		*id = slot->id;
	}
	mutex_unlock(&sec->lock);
	if (err)
		crypto_free_aead(tfm);
	return err;
}

int nsec_cmk_create(struct nitro_sec *sec, u32 *id)
{
	u8 key[NITRO_SEC_CMK_LEN];
	int err;

	get_random_bytes(key, sizeof(key));
	err = nsec_cmk_install(sec, key, id);
	memzero_explicit(key, sizeof(key));
	return err;
}

int nsec_cmk_destroy(struct nitro_sec *sec, u32 id)
{
	struct crypto_aead *tfm = NULL;
	unsigned int i;

	mutex_lock(&sec->lock);
	for (i = 0; i < ARRAY_SIZE(sec->cmks) && id; i++) {
		if (sec->cmks[i].id == id) {
			tfm = sec->cmks[i].tfm;
			sec->cmks[i].id = 0;
			sec->cmks[i].tfm = NULL;
			/* Their keys can no longer be unwrapped anyway. */
			nsec_grant_drop_cmk_locked(sec, id);
			break;
		}
	}
	mutex_unlock(&sec->lock);
	if (!tfm)
		return -ENOENT;
	crypto_free_aead(tfm);
	return 0;
}

void nsec_cmk_clear(struct nitro_sec *sec)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sec->cmks); i++) {
		if (sec->cmks[i].tfm)
			crypto_free_aead(sec->cmks[i].tfm);
		sec->cmks[i].tfm = NULL;
		sec->cmks[i].id = 0;
	}
}

/*
 * A fresh random data key, wrapped under @cmk_id. The plaintext lives on
 * this stack frame only, and is wiped before returning on every path.
 */
int nsec_datakey_generate(struct nitro_sec *sec, u32 cmk_id, u32 key_len,
			  u8 *wrapped, u32 *wrapped_len)
{
	u8 key[NITRO_DATA_KEY_MAX];
	struct crypto_aead *tfm;
	int err;

	if (!nsec_key_len_valid(key_len))
		return -EINVAL;
	mutex_lock(&sec->lock);
	tfm = nsec_cmk_find_locked(sec, cmk_id);
	if (!tfm) {
		err = -ENOENT;
		goto out_unlock;
	}
	get_random_bytes(key, key_len);
	err = nsec_wrap(tfm, cmk_id, key, key_len, wrapped, wrapped_len);
	memzero_explicit(key, sizeof(key));
out_unlock:
	mutex_unlock(&sec->lock);
	return err;
}

/*
 * Bring your own key: wrap @key, given by the caller, under @cmk_id. An
 * AES-256-XTS pair with equal halves is refused, as the kernel's own XTS
 * refuses it in FIPS mode: such a key degenerates to ECB-like leaks. The
 * caller owns @key and wipes it; nothing here keeps a copy.
 */
int nsec_datakey_import(struct nitro_sec *sec, u32 cmk_id, const u8 *key,
			u32 key_len, u8 *wrapped, u32 *wrapped_len)
{
	struct crypto_aead *tfm;
	int err;

	if (!nsec_key_len_valid(key_len))
		return -EINVAL;
	if (key_len == NITRO_DATA_KEY_MAX &&
	    !crypto_memneq(key, key + key_len / 2, key_len / 2))
		return -EKEYREJECTED;
	mutex_lock(&sec->lock);
	tfm = nsec_cmk_find_locked(sec, cmk_id);
	if (tfm)
		err = nsec_wrap(tfm, cmk_id, key, key_len, wrapped, wrapped_len);
	else
		err = -ENOENT;
	mutex_unlock(&sec->lock);
	return err;
}
