/* SPDX-License-Identifier: GPL-2.0 */
/*
 * How a data key reaches a component (DESIGN 5 and 7).
 *
 * The controller asks nitro_sec for a one-time grant bound to (wrapped data
 * key, component kind, volume id, device UUID) and hands the grant, never the
 * key, to the component in its ATTACH command. The component presents the
 * grant with nitro_key_redeem(): nitro_ctrl forwards the call to the key
 * service nitro_sec registered, which checks the caller's measurement against
 * its allowlist and the grant against its binding, burns the grant and
 * unwraps the data key straight into the caller's buffer. The plaintext is
 * never in nitro_ctrl's memory and no API returns it.
 */
#ifndef _NITRO_KEYS_H
#define _NITRO_KEYS_H

#include <linux/types.h>
#include <linux/uuid.h>

struct module;

#define NITRO_GRANT_TOKEN_LEN		32
#define NITRO_DATA_KEY_MAX		64	/* AES-256-XTS: two 256-bit keys */

struct nitro_key_grant {
	u8 token[NITRO_GRANT_TOKEN_LEN];
};

/* The key service: implemented by nitro_sec, one at a time. */
struct nitro_key_service {
	struct module *owner;
	/*
	 * Check @grant for @caller (module measured by the service), @volume
	 * and @dev; on success burn it and write exactly @key_len bytes of
	 * plaintext key to @key. On failure @key is left zeroed.
	 */
	int (*redeem)(struct module *caller, const struct nitro_key_grant *grant,
		      const guid_t *volume, const guid_t *dev, u8 *key,
		      u32 key_len);
};

int nitro_key_service_register(const struct nitro_key_service *svc);
void nitro_key_service_unregister(const struct nitro_key_service *svc);

/*
 * Return: 0; -ENODEV without a key service; -EACCES for a grant that is
 * unknown, used, revoked or bound to something else, or a caller whose
 * measurement is not allowed; -EINVAL for a bad length.
 */
int __nitro_key_redeem(struct module *caller, const struct nitro_key_grant *grant,
		       const guid_t *volume, const guid_t *dev, u8 *key,
		       u32 key_len);
#define nitro_key_redeem(grant, volume, dev, key, key_len) \
	__nitro_key_redeem(THIS_MODULE, grant, volume, dev, key, key_len)

#endif /* _NITRO_KEYS_H */
