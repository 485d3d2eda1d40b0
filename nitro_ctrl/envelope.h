/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _NITRO_CTRL_ENVELOPE_H
#define _NITRO_CTRL_ENVELOPE_H

#include <linux/types.h>

#include "nitro_genl.h"

struct crypto_aead;

struct crypto_aead *nitro_env_tfm_alloc(const u8 key[NITRO_ENV_KEY_LEN]);
void nitro_env_tfm_free(struct crypto_aead *tfm);

int nitro_env_check_hdr(const struct nitro_env_hdr *hdr, bool response);
int nitro_env_open(struct crypto_aead *tfm, const struct nitro_env_hdr *hdr,
		   const u8 *sealed, size_t sealed_len, u8 *plain);
int nitro_env_seal(struct crypto_aead *tfm, const struct nitro_env_hdr *hdr,
		   const u8 *plain, size_t len, u8 *sealed);

#endif /* _NITRO_CTRL_ENVELOPE_H */
