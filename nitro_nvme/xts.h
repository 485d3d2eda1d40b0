/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Inline AES-256-XTS, laid out exactly like dm-crypt's aes-xts-plain64 with
 * 512-byte sectors: every 512-byte unit of the volume is one XTS data unit
 * whose tweak is its little-endian sector number, whatever the LBA size.
 */
#ifndef _NITRO_NVME_XTS_H
#define _NITRO_NVME_XTS_H

#include <linux/types.h>

struct nvme_fw_xts;

#define NVME_FW_XTS_KEY_LEN	64

/* The caller zeroizes @key after the call; the tfm holds the only copy. */
struct nvme_fw_xts *nvme_fw_xts_create(const u8 *key, unsigned int key_len);
/* Frees the tfm; the crypto API zeroizes the expanded key with it. */
void nvme_fw_xts_destroy(struct nvme_fw_xts *x);
/* @buf: @len bytes (a multiple of 512) of volume sectors from @sector. */
int nvme_fw_xts_encrypt(struct nvme_fw_xts *x, u64 sector, void *buf, u32 len);
int nvme_fw_xts_decrypt(struct nvme_fw_xts *x, u64 sector, void *buf, u32 len);

#endif /* _NITRO_NVME_XTS_H */
