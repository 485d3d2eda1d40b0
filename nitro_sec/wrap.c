// SPDX-License-Identifier: GPL-2.0
/*
 * Key wrapping: AES-256-GCM under a CMK (Documentation/security-module.rst).
 *
 * A wrapped key is its 8-byte header (version, algorithm, key length, CMK
 * id), a random 96-bit IV, the ciphertext and a 128-bit tag; the header is
 * the associated data, so a blob cannot be replayed under another CMK id or
 * length. Every intermediate buffer is freed with kfree_sensitive().
 */
#include <crypto/aead.h>
#include <linux/random.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "sec.h"

struct crypto_aead *nsec_gcm_alloc(const u8 *key, u32 key_len)
{
	struct crypto_aead *tfm;
	int err;

	tfm = crypto_alloc_aead("gcm(aes)", 0, 0);
	if (IS_ERR(tfm))
		return tfm;
	err = crypto_aead_setauthsize(tfm, NITRO_SEC_WRAP_TAG_LEN);
	if (!err)
		err = crypto_aead_setkey(tfm, key, key_len);
	if (err) {
		crypto_free_aead(tfm);
		return ERR_PTR(err);
	}
	return tfm;
}

/*
 * One GCM operation through a private linear buffer (the caller's may be on
 * a virtually mapped stack, which a scatterlist cannot describe). Encrypting
 * writes @src_len bytes of ciphertext and the tag to @dst; decrypting takes
 * ciphertext and tag in @src (@src_len includes the tag) and writes the
 * plaintext to @dst only if the tag is right.
 *
 * Return: 0, -EBADMSG for a wrong tag, -ENOMEM, or a crypto API error.
 */
int nsec_gcm_crypt(struct crypto_aead *tfm, bool enc,
		   const u8 iv[NITRO_SEC_WRAP_IV_LEN], const u8 *aad,
		   u32 aad_len, const u8 *src, u32 src_len, u8 *dst)
{
	u32 out_len, buf_len = aad_len + src_len + (enc ? NITRO_SEC_WRAP_TAG_LEN : 0);
	DECLARE_CRYPTO_WAIT(wait);
	struct aead_request *req;
	struct scatterlist sg;
	u8 ivbuf[NITRO_SEC_WRAP_IV_LEN];
	u8 *buf;
	int err;

	if (!enc && src_len < NITRO_SEC_WRAP_TAG_LEN)
		return -EBADMSG;
	out_len = enc ? src_len + NITRO_SEC_WRAP_TAG_LEN :
			src_len - NITRO_SEC_WRAP_TAG_LEN;

	buf = kmalloc(buf_len, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	req = aead_request_alloc(tfm, GFP_KERNEL);
	if (!req) {
		err = -ENOMEM;
		goto out_free_buf;
	}
	memcpy(buf, aad, aad_len);
	memcpy(buf + aad_len, src, src_len);
	memcpy(ivbuf, iv, sizeof(ivbuf));
	sg_init_one(&sg, buf, buf_len);
	aead_request_set_callback(req, CRYPTO_TFM_REQ_MAY_SLEEP |
				  CRYPTO_TFM_REQ_MAY_BACKLOG,
				  crypto_req_done, &wait);
	aead_request_set_ad(req, aad_len);
	aead_request_set_crypt(req, &sg, &sg, src_len, ivbuf);
	err = crypto_wait_req(enc ? crypto_aead_encrypt(req) :
			      crypto_aead_decrypt(req), &wait);
	if (!err)
		memcpy(dst, buf + aad_len, out_len);
	aead_request_free(req);
out_free_buf:
	kfree_sensitive(buf);
	return err;
}

bool nsec_key_len_valid(u32 key_len)
{
	/* AES-128, AES-256, and AES-256-XTS (two 256-bit keys). */
	return key_len == 16 || key_len == 32 || key_len == 64;
}

static void nsec_wrap_aad(const struct nitro_sec_wrap_hdr *hdr,
			  u8 aad[NITRO_SEC_WRAP_AAD_LEN])
{
	memcpy(aad, hdr, NITRO_SEC_WRAP_AAD_LEN);
}

int nsec_wrap(struct crypto_aead *tfm, u32 cmk_id, const u8 *key,
	      u32 key_len, u8 *wrapped, u32 *wrapped_len)
{
	struct nitro_sec_wrap_hdr hdr = {
		.version = NITRO_SEC_WRAP_VERSION,
		.alg = NITRO_SEC_WRAP_ALG_AES256_GCM,
		.key_len = cpu_to_le16(key_len),
		.cmk_id = cpu_to_le32(cmk_id),
	};
	u8 aad[NITRO_SEC_WRAP_AAD_LEN];
	int err;

	if (!nsec_key_len_valid(key_len))
		return -EINVAL;
	/* Random IVs: far below the 2^32 invocations GCM allows per key. */
	get_random_bytes(hdr.iv, sizeof(hdr.iv));
	nsec_wrap_aad(&hdr, aad);
	err = nsec_gcm_crypt(tfm, true, hdr.iv, aad, sizeof(aad), key,
			     key_len, wrapped + sizeof(hdr));
	if (err)
		return err;
	memcpy(wrapped, &hdr, sizeof(hdr));
	*wrapped_len = NITRO_SEC_WRAPPED_LEN(key_len);
	return 0;
}

/* The header's claims, checked for shape only; the tag decides the rest. */
int nsec_wrapped_key_len(const u8 *wrapped, u32 wrapped_len,
			 u32 *cmk_id, u32 *key_len)
{
	struct nitro_sec_wrap_hdr hdr;
	u32 len;

	if (wrapped_len < sizeof(hdr))
		return -EINVAL;
	memcpy(&hdr, wrapped, sizeof(hdr));
	len = le16_to_cpu(hdr.key_len);
	if (hdr.version != NITRO_SEC_WRAP_VERSION ||
	    hdr.alg != NITRO_SEC_WRAP_ALG_AES256_GCM ||
	    !nsec_key_len_valid(len) ||
	    wrapped_len != NITRO_SEC_WRAPPED_LEN(len))
		return -EINVAL;
	*cmk_id = le32_to_cpu(hdr.cmk_id);
	*key_len = len;
	return 0;
}

/*
 * Return: 0 with exactly @key_len bytes of key in @key; -EINVAL for a blob of
 * the wrong shape, length or CMK id, -EBADMSG if it does not authenticate.
 * @key is untouched on failure.
 */
int nsec_unwrap(struct crypto_aead *tfm, u32 cmk_id, const u8 *wrapped,
		u32 wrapped_len, u8 *key, u32 key_len)
{
	const struct nitro_sec_wrap_hdr *hdr = (const void *)wrapped;
	u8 aad[NITRO_SEC_WRAP_AAD_LEN];
	u32 blob_cmk, blob_len;
	int err;

	err = nsec_wrapped_key_len(wrapped, wrapped_len, &blob_cmk,
				   &blob_len);
	if (err)
		return err;
	if (blob_cmk != cmk_id || blob_len != key_len)
		return -EINVAL;
	nsec_wrap_aad(hdr, aad);
	return nsec_gcm_crypt(tfm, false, hdr->iv, aad, sizeof(aad),
			      wrapped + sizeof(*hdr),
			      key_len + NITRO_SEC_WRAP_TAG_LEN, key);
}
