// SPDX-License-Identifier: GPL-2.0
/*
 * nitro_sec: the security module, the host's root of trust for keys
 * (Documentation/security-module.rst).
 *
 * It holds the customer master keys, measures every component that
 * registers with the controller, issues and checks one-time key grants,
 * signs attestation reports and audit anchors. It answers the controller
 * over its mailbox, and components through the key service; it never
 * initiates anything and no path leads a key out of it in plaintext, except
 * a data key into the memory of the component entitled to it.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/err.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "sec.h"

#define NITRO_SEC_VERSION	NITRO_VERSION(0, 1, 0)

static struct nitro_sec *nitro_sec;

struct nitro_sec *nsec_create(const char *build_id)
{
	struct nitro_sec *sec;
	int err;

	sec = kzalloc(sizeof(*sec), GFP_KERNEL);
	if (!sec)
		return ERR_PTR(-ENOMEM);
	sec->grants = kcalloc(NITRO_SEC_MAX_GRANTS, sizeof(*sec->grants),
			      GFP_KERNEL);
	if (!sec->grants) {
		err = -ENOMEM;
		goto err_free;
	}
	mutex_init(&sec->lock);
	sec->policy = NITRO_SEC_POLICY_BUILD;
	strscpy_pad(sec->build_id, build_id, sizeof(sec->build_id));
	err = nsec_keyring_create(sec);
	if (err)
		goto err_free_grants;
	return sec;

err_free_grants:
	kfree(sec->grants);
err_free:
	kfree(sec);
	return ERR_PTR(err);
}

/* Every secret is wiped: CMK transforms, grants, anchors, the keyring. */
void nsec_destroy(struct nitro_sec *sec)
{
	nsec_keyring_destroy(sec);
	nsec_cmk_clear(sec);
	nsec_grant_clear(sec);
	kfree_sensitive(sec->grants);
	mutex_destroy(&sec->lock);
	kfree_sensitive(sec);
}

static void nsec_component_added(void *priv,
				 const struct nitro_component_id *id)
{
	u8 digest[NITRO_SEC_DIGEST_LEN];
	struct nitro_sec *sec = priv;
	int err;

	err = nsec_measure_module(id->owner, digest);
	if (err)
		pr_warn("%s: cannot be measured (%d): it may not redeem keys\n",
			id->name, err);
	if (nsec_component_add(sec, id, err ? NULL : digest))
		pr_warn("%s: component table full: it may not redeem keys\n",
			id->name);
}

static void nsec_component_removed(void *priv,
				   const struct nitro_component_id *id)
{
	nsec_component_remove(priv, id->owner, id->name);
}

static struct nitro_registry_watcher nsec_watcher = {
	.added = nsec_component_added,
	.removed = nsec_component_removed,
};

static int nsec_key_redeem(struct module *caller,
			   const struct nitro_key_grant *grant,
			   const guid_t *volume, const guid_t *dev, u8 *key,
			   u32 key_len)
{
	return nsec_redeem(nitro_sec, caller, grant->token, volume, dev,
			   key, key_len);
}

static const struct nitro_key_service nsec_key_service = {
	.owner = THIS_MODULE,
	.redeem = nsec_key_redeem,
};

static const struct nitro_responder_ops nsec_ops = {
	.handle = nsec_handle,
};

static const struct nitro_component_info nsec_info = {
	.name		= "nitro_sec",
	.kind		= NITRO_COMPONENT_SEC,
	.version	= NITRO_SEC_VERSION,
	.build_id	= NITRO_BUILD_ID,
	.depth		= 16,
	.nr_event_polls	= 2,
};

static int __init nsec_init(void)
{
	struct nitro_responder *r;
	int err;

	nitro_sec = nsec_create(NITRO_BUILD_ID);
	if (IS_ERR(nitro_sec))
		return PTR_ERR(nitro_sec);

	/* Measure first: every component, this one included, is recorded. */
	nsec_watcher.priv = nitro_sec;
	err = nitro_registry_watch(&nsec_watcher);
	if (err)
		goto err_destroy;
	err = nitro_key_service_register(&nsec_key_service);
	if (err)
		goto err_unwatch;
	r = nitro_responder_create(&nsec_info, &nsec_ops, nitro_sec);
	if (IS_ERR(r)) {
		err = PTR_ERR(r);
		goto err_unregister;
	}
	mutex_lock(&nitro_sec->lock);
	nitro_sec->responder = r;
	mutex_unlock(&nitro_sec->lock);
	return 0;

err_unregister:
	nitro_key_service_unregister(&nsec_key_service);
err_unwatch:
	nitro_registry_unwatch(&nsec_watcher);
err_destroy:
	nsec_destroy(nitro_sec);
	return err;
}

static void __exit nsec_exit(void)
{
	/* No redemption runs after this: none can reach the responder. */
	nitro_key_service_unregister(&nsec_key_service);
	nitro_responder_destroy(nitro_sec->responder);
	nitro_registry_unwatch(&nsec_watcher);
	nsec_destroy(nitro_sec);
}

module_init(nsec_init);
module_exit(nsec_exit);

MODULE_DESCRIPTION("Nitro security module: keys, measurement, attestation");
MODULE_AUTHOR("The Nitro authors");
MODULE_LICENSE("GPL");
MODULE_VERSION("0.1.0");
MODULE_INFO(nitro_build, NITRO_BUILD_ID);
/* The AES-GCM template is a module on distribution kernels. */
MODULE_SOFTDEP("pre: gcm");
