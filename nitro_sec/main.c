// SPDX-License-Identifier: GPL-2.0
/*
 * nitro_sec: the security module, the host's root of trust for keys.
 *
 * For now the firmware answers the controller's common commands (PING,
 * GET_INFO, EVENT_POLL) through the shared responder.
 */
#include <linux/err.h>
#include <linux/module.h>

#include "nitro_component.h"

#define NITRO_SEC_VERSION	NITRO_VERSION(0, 1, 0)

static struct nitro_responder *nitro_sec_responder;

static const struct nitro_component_info nitro_sec_info = {
	.name		= "nitro_sec",
	.kind		= NITRO_COMPONENT_SEC,
	.version	= NITRO_SEC_VERSION,
	.build_id	= NITRO_BUILD_ID,
	.depth		= 16,
	.nr_event_polls	= 2,
};

static int __init nitro_sec_init(void)
{
	nitro_sec_responder = nitro_responder_create(&nitro_sec_info, NULL, NULL);
	return PTR_ERR_OR_ZERO(nitro_sec_responder);
}

static void __exit nitro_sec_exit(void)
{
	nitro_responder_destroy(nitro_sec_responder);
}

module_init(nitro_sec_init);
module_exit(nitro_sec_exit);

MODULE_DESCRIPTION("Nitro security module: keys, measurement, attestation");
MODULE_AUTHOR("The Nitro authors");
MODULE_LICENSE("GPL");
MODULE_VERSION("0.1.0");
MODULE_INFO(nitro_build, NITRO_BUILD_ID);
