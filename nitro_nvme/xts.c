// SPDX-License-Identifier: GPL-2.0
/*
 * AES-256-XTS with dm-crypt's aes-xts-plain64 layout.
 *
 * The request runs in the caller's context: the AES-NI implementation is
 * reached through its SIMD wrapper, which calls the cipher directly when the
 * FPU is usable (process context) and only falls back to cryptd otherwise;
 * crypto_wait_req() covers that fallback.
 */
#include <crypto/skcipher.h>
#include <linux/mm.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "nvme_fw.h"
#include "xts.h"

struct nvme_fw_xts {
	struct crypto_skcipher *tfm;
};

struct nvme_fw_xts *nvme_fw_xts_create(const u8 *key, unsigned int key_len)
{
	struct nvme_fw_xts *x;
	int ret;

	if (key_len != NVME_FW_XTS_KEY_LEN)
		return ERR_PTR(-EINVAL);
	x = kzalloc(sizeof(*x), GFP_KERNEL);
	if (!x)
		return ERR_PTR(-ENOMEM);
	x->tfm = crypto_alloc_skcipher("xts(aes)", 0, 0);
	if (IS_ERR(x->tfm)) {
		ret = PTR_ERR(x->tfm);
		goto err_free;
	}
	/*
	 * Two equal halves make XTS a weak cipher: have xts_verify_key()
	 * refuse them (-EINVAL) in every mode, not only under FIPS.
	 */
	crypto_skcipher_set_flags(x->tfm, CRYPTO_TFM_REQ_FORBID_WEAK_KEYS);
	ret = crypto_skcipher_setkey(x->tfm, key, key_len);
	if (ret)
		goto err_free_tfm;
	return x;

err_free_tfm:
	crypto_free_skcipher(x->tfm);
err_free:
	kfree(x);
	return ERR_PTR(ret);
}

void nvme_fw_xts_destroy(struct nvme_fw_xts *x)
{
	if (!x)
		return;
	/* crypto_destroy_tfm() frees the key schedule with kfree_sensitive(). */
	crypto_free_skcipher(x->tfm);
	kfree(x);
}

static struct page *nvme_fw_xts_page(void *addr)
{
	return is_vmalloc_addr(addr) ? vmalloc_to_page(addr) : virt_to_page(addr);
}

static int nvme_fw_xts_crypt(struct nvme_fw_xts *x, u64 sector, void *buf,
			     u32 len, bool enc)
{
	struct skcipher_request *req;
	struct scatterlist sg;
	DECLARE_CRYPTO_WAIT(wait);
	__le64 iv[2];
	u32 off;
	int ret = 0;

	if (len & ((1u << NVME_FW_SECTOR_SHIFT) - 1))
		return -EINVAL;
	req = skcipher_request_alloc(x->tfm, GFP_NOIO);
	if (!req)
		return -ENOMEM;
	skcipher_request_set_callback(req, CRYPTO_TFM_REQ_MAY_BACKLOG |
				      CRYPTO_TFM_REQ_MAY_SLEEP,
				      crypto_req_done, &wait);
	/*
	 * One request per 512-byte sector, each with its own tweak. A sector
	 * never straddles a page: buffers are page aligned and the offsets
	 * are multiples of 512.
	 */
	for (off = 0; off < len; off += 1u << NVME_FW_SECTOR_SHIFT) {
		void *p = buf + off;

		iv[0] = cpu_to_le64(sector + (off >> NVME_FW_SECTOR_SHIFT));
		iv[1] = 0;
		sg_init_table(&sg, 1);
		sg_set_page(&sg, nvme_fw_xts_page(p), 1u << NVME_FW_SECTOR_SHIFT,
			    offset_in_page(p));
		skcipher_request_set_crypt(req, &sg, &sg,
					   1u << NVME_FW_SECTOR_SHIFT, iv);
		ret = crypto_wait_req(enc ? crypto_skcipher_encrypt(req) :
				      crypto_skcipher_decrypt(req), &wait);
		if (ret)
			break;
	}
	skcipher_request_free(req);
	memzero_explicit(iv, sizeof(iv));
	return ret;
}

int nvme_fw_xts_encrypt(struct nvme_fw_xts *x, u64 sector, void *buf, u32 len)
{
	return nvme_fw_xts_crypt(x, sector, buf, len, true);
}

int nvme_fw_xts_decrypt(struct nvme_fw_xts *x, u64 sector, void *buf, u32 len)
{
	return nvme_fw_xts_crypt(x, sector, buf, len, false);
}
