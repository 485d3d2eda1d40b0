// SPDX-License-Identifier: GPL-2.0
/*
 * The sealed envelope of every API request and reply: AES-256-GCM with the
 * principal's key, the header's nonce, and the whole 32-byte header as
 * associated data, so that no header field (principal, op, sequence,
 * direction, status) can be changed without the tag failing.
 */
#include <crypto/aead.h>
#include <linux/err.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "envelope.h"

struct crypto_aead *nitro_env_tfm_alloc(const u8 key[NITRO_ENV_KEY_LEN])
{
	struct crypto_aead *tfm;
	int err;

	tfm = crypto_alloc_aead("gcm(aes)", 0, 0);
	if (IS_ERR(tfm))
		return tfm;
	err = crypto_aead_setauthsize(tfm, NITRO_ENV_TAG_LEN);
	if (!err)
		err = crypto_aead_setkey(tfm, key, NITRO_ENV_KEY_LEN);
	if (!err && crypto_aead_ivsize(tfm) != NITRO_ENV_NONCE_LEN)
		err = -EINVAL;
	if (err) {
		crypto_free_aead(tfm);
		return ERR_PTR(err);
	}
	return tfm;
}

void nitro_env_tfm_free(struct crypto_aead *tfm)
{
	if (!IS_ERR_OR_NULL(tfm))
		crypto_free_aead(tfm);
}

/**
 * nitro_env_check_hdr() - the clear checks of a header
 * @hdr: the header as received
 * @response: whether it must be a reply
 *
 * Return: 0, -EPROTONOSUPPORT for another envelope version, -EINVAL for
 * unknown flags, the wrong direction or a status in a request.
 */
int nitro_env_check_hdr(const struct nitro_env_hdr *hdr, bool response)
{
	if (hdr->version != NITRO_ENV_VERSION)
		return -EPROTONOSUPPORT;
	if (hdr->flags & ~NITRO_ENV_F_RESPONSE)
		return -EINVAL;
	if (!!(hdr->flags & NITRO_ENV_F_RESPONSE) != response)
		return -EINVAL;
	if (!response && hdr->status)
		return -EINVAL;
	return 0;
}

/*
 * One AEAD pass over [header | data | tag] in a single linear buffer: the
 * crypto API wants the associated data in front of the text in the same
 * scatterlist, and the buffer must not be on the stack.
 */
static int nitro_env_crypt(struct crypto_aead *tfm, u8 *buf, size_t len,
			   const u8 *nonce, bool encrypt)
{
	u8 iv[NITRO_ENV_NONCE_LEN];
	struct aead_request *req;
	struct scatterlist sg;
	DECLARE_CRYPTO_WAIT(wait);
	int err;

	req = aead_request_alloc(tfm, GFP_KERNEL);
	if (!req)
		return -ENOMEM;
	memcpy(iv, nonce, sizeof(iv));
	sg_init_one(&sg, buf, sizeof(struct nitro_env_hdr) + len +
		    (encrypt ? NITRO_ENV_TAG_LEN : 0));
	aead_request_set_callback(req, CRYPTO_TFM_REQ_MAY_SLEEP |
				  CRYPTO_TFM_REQ_MAY_BACKLOG,
				  crypto_req_done, &wait);
	aead_request_set_ad(req, sizeof(struct nitro_env_hdr));
	aead_request_set_crypt(req, &sg, &sg, len, iv);
	err = crypto_wait_req(encrypt ? crypto_aead_encrypt(req) :
			      crypto_aead_decrypt(req), &wait);
	aead_request_free(req);
	return err;
}

/**
 * nitro_env_open() - authenticate and decrypt a sealed body
 * @tfm: the principal's key (nitro_env_tfm_alloc())
 * @hdr: the header as received (the associated data)
 * @sealed: ciphertext followed by the tag
 * @sealed_len: its length, at least NITRO_ENV_TAG_LEN
 * @plain: receives sealed_len - NITRO_ENV_TAG_LEN bytes
 *
 * @plain is written only when the tag is good.
 *
 * Return: 0, -EINVAL if @sealed_len is shorter than a tag, -EBADMSG if
 * anything (header, ciphertext, tag, key) does not match, -ENOMEM.
 */
int nitro_env_open(struct crypto_aead *tfm, const struct nitro_env_hdr *hdr,
		   const u8 *sealed, size_t sealed_len, u8 *plain)
{
	size_t hl = sizeof(*hdr);
	u8 *buf;
	int err;

	if (sealed_len < NITRO_ENV_TAG_LEN)
		return -EINVAL;
	buf = kmalloc(hl + sealed_len, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	memcpy(buf, hdr, hl);
	memcpy(buf + hl, sealed, sealed_len);
	err = nitro_env_crypt(tfm, buf, sealed_len, hdr->nonce, false);
	if (!err)
		memcpy(plain, buf + hl, sealed_len - NITRO_ENV_TAG_LEN);
	else if (err != -ENOMEM)
		err = -EBADMSG;
	kfree_sensitive(buf);
	return err;
}

/**
 * nitro_env_seal() - encrypt and authenticate a body
 * @tfm: the principal's key
 * @hdr: the header that will be sent (the associated data)
 * @plain: the body
 * @len: its length
 * @sealed: receives len + NITRO_ENV_TAG_LEN bytes
 *
 * Return: 0 or a negative errno.
 */
int nitro_env_seal(struct crypto_aead *tfm, const struct nitro_env_hdr *hdr,
		   const u8 *plain, size_t len, u8 *sealed)
{
	size_t hl = sizeof(*hdr);
	u8 *buf;
	int err;

	buf = kmalloc(hl + len + NITRO_ENV_TAG_LEN, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	memcpy(buf, hdr, hl);
	memcpy(buf + hl, plain, len);
	err = nitro_env_crypt(tfm, buf, len, hdr->nonce, true);
	if (!err)
		memcpy(sealed, buf + hl, len + NITRO_ENV_TAG_LEN);
	kfree_sensitive(buf);
	return err;
}
