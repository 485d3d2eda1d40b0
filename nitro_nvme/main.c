// SPDX-License-Identifier: GPL-2.0
/*
 * nitro_nvme: the NVMe storage function's firmware.
 *
 * For now the firmware answers the controller's common commands (PING,
 * GET_INFO, EVENT_POLL) through the shared responder.
 */
#include <linux/err.h>
#include <linux/module.h>

#include "nitro_component.h"

#define NITRO_NVME_VERSION	NITRO_VERSION(0, 1, 0)

static struct nitro_responder *nitro_nvme_responder;

static const struct nitro_component_info nitro_nvme_info = {
	.name		= "nitro_nvme",
	.kind		= NITRO_COMPONENT_NVME,
	.version	= NITRO_NVME_VERSION,
	.build_id	= NITRO_BUILD_ID,
	.depth		= 32,
	.nr_event_polls	= 2,
};

static int __init nitro_nvme_init(void)
{
	nitro_nvme_responder = nitro_responder_create(&nitro_nvme_info, NULL, NULL);
	return PTR_ERR_OR_ZERO(nitro_nvme_responder);
}

static void __exit nitro_nvme_exit(void)
{
	nitro_responder_destroy(nitro_nvme_responder);
}

module_init(nitro_nvme_init);
module_exit(nitro_nvme_exit);

MODULE_DESCRIPTION("Nitro NVMe storage function");
MODULE_AUTHOR("The Nitro authors");
MODULE_LICENSE("GPL");
MODULE_VERSION("0.1.0");
MODULE_INFO(nitro_build, NITRO_BUILD_ID);
