// SPDX-License-Identifier: GPL-2.0
/*
 * The key service slot. nitro_sec registers the one service; components
 * redeem grants through it. nitro_ctrl passes the caller's buffer along and
 * never touches the key itself (include/nitro_keys.h).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/rwsem.h>
#include <linux/string.h>

#include "nitro_keys.h"

static DECLARE_RWSEM(nitro_key_service_sem);
static const struct nitro_key_service *nitro_key_service;

int nitro_key_service_register(const struct nitro_key_service *svc)
{
	int err = 0;

	if (!svc || !svc->redeem)
		return -EINVAL;
	down_write(&nitro_key_service_sem);
	if (nitro_key_service)
		err = -EBUSY;
	else
		nitro_key_service = svc;
	up_write(&nitro_key_service_sem);
	return err;
}
EXPORT_SYMBOL_GPL(nitro_key_service_register);

/* Waits for redemptions in flight: after it returns, @svc is not called. */
void nitro_key_service_unregister(const struct nitro_key_service *svc)
{
	down_write(&nitro_key_service_sem);
	if (nitro_key_service == svc)
		nitro_key_service = NULL;
	up_write(&nitro_key_service_sem);
}
EXPORT_SYMBOL_GPL(nitro_key_service_unregister);

int __nitro_key_redeem(struct module *caller, const struct nitro_key_grant *grant,
		       const guid_t *volume, const guid_t *dev, u8 *key,
		       u32 key_len)
{
	int err;

	if (!caller || !grant || !volume || !dev || !key || !key_len ||
	    key_len > NITRO_DATA_KEY_MAX)
		return -EINVAL;
	memset(key, 0, key_len);

	down_read(&nitro_key_service_sem);
	if (nitro_key_service)
		err = nitro_key_service->redeem(caller, grant, volume, dev,
						key, key_len);
	else
		err = -ENODEV;
	up_read(&nitro_key_service_sem);
	if (err)
		memzero_explicit(key, key_len);
	return err;
}
EXPORT_SYMBOL_GPL(__nitro_key_redeem);
