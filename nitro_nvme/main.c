// SPDX-License-Identifier: GPL-2.0
/*
 * nitro_nvme: the NVMe storage function's firmware.
 *
 * The controller reaches it through the mailbox (the shared responder
 * answers PING, GET_INFO and EVENT_POLL; attach.c handles ATTACH and
 * DETACH); guests reach it through nitro_ctrl's vfio-mdev front-end, which
 * calls the personality (personality.c) that runs the device model.
 */
#include <crypto/skcipher.h>
#include <linux/err.h>
#include <linux/module.h>

#include "nitro_component.h"

#include "attach.h"

#define NITRO_NVME_VERSION	NITRO_VERSION(0, 2, 0)

static struct nitro_responder *nitro_nvme_responder;

static const struct nitro_component_info nitro_nvme_info = {
	.name		= "nitro_nvme",
	.kind		= NITRO_COMPONENT_NVME,
	.version	= NITRO_NVME_VERSION,
	.build_id	= NITRO_BUILD_ID,
	.depth		= 32,
	.nr_event_polls	= 2,
};

static const struct nitro_responder_ops nitro_nvme_responder_ops = {
	.handle		= nvme_fw_attach_handle,
};

static int __init nitro_nvme_init(void)
{
	struct crypto_skcipher *tfm;
	int ret;

	/*
	 * Load and self-test xts(aes) now, not inside the first ATTACH, which
	 * the controller times out after a few seconds.
	 */
	tfm = crypto_alloc_skcipher("xts(aes)", 0, 0);
	if (IS_ERR(tfm))
		return PTR_ERR(tfm);
	crypto_free_skcipher(tfm);

	ret = nvme_fw_personality_register();
	if (ret)
		return ret;
	nitro_nvme_responder = nitro_responder_create(&nitro_nvme_info,
						      &nitro_nvme_responder_ops,
						      NULL);
	if (IS_ERR(nitro_nvme_responder)) {
		ret = PTR_ERR(nitro_nvme_responder);
		goto err_unregister;
	}
	return 0;

err_unregister:
	nvme_fw_personality_unregister();
	return ret;
}

static void __exit nitro_nvme_exit(void)
{
	/* Devices first: they hold attachments; then no more ATTACH. */
	nvme_fw_personality_unregister();
	nitro_responder_destroy(nitro_nvme_responder);
	/* Every remaining data key and backend goes. */
	nvme_fw_attach_cleanup();
}

module_init(nitro_nvme_init);
module_exit(nitro_nvme_exit);

MODULE_SOFTDEP("pre: xts aesni_intel");
MODULE_DESCRIPTION("Nitro NVMe storage function");
MODULE_AUTHOR("The Nitro authors");
MODULE_LICENSE("GPL");
MODULE_VERSION("0.2.0");
MODULE_INFO(nitro_build, NITRO_BUILD_ID);
