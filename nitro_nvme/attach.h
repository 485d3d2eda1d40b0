/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Volume attachments: what the controller's ATTACH put behind a device UUID
 * before it provisioned that UUID, and what DETACH takes away.
 */
#ifndef _NITRO_NVME_ATTACH_H
#define _NITRO_NVME_ATTACH_H

#include <linux/list.h>
#include <linux/rwsem.h>
#include <linux/uuid.h>

#include "nvme_fw.h"

struct nitro_mbox_cmd;
struct nitro_mbox_cpl;
struct nitro_responder;

struct nvme_fw_attachment {
	struct list_head node;
	guid_t dev_uuid;
	guid_t volume_uuid;
	struct nvme_fw_ns ns;		/* backend and key, handed to the device */
	struct nvme_fw_identity id;
	/*
	 * Readers: everything that runs the device model (register access,
	 * doorbells); the writer is DETACH, which then finds it idle.
	 */
	struct rw_semaphore lock;
	bool detached;
	void *dev;			/* the personality's device, if created */
	/* Set with @dev: make that device gone and idle (lock held). */
	void (*dev_detach)(struct nvme_fw_attachment *a);
	/* Set with @dev: reset it, its key now @ns.xts (lock held). */
	void (*dev_reset)(struct nvme_fw_attachment *a);
};

u16 nvme_fw_attach_handle(struct nitro_responder *r,
			  const struct nitro_mbox_cmd *cmd,
			  struct nitro_mbox_cpl *cpl);
struct nvme_fw_attachment *nvme_fw_attachment_get(const guid_t *dev_uuid);
bool nvme_fw_attach_teardown(struct nvme_fw_attachment *a);
void nvme_fw_attach_cleanup(void);

/* personality.c */
int nvme_fw_personality_register(void);
void nvme_fw_personality_unregister(void);

#endif /* _NITRO_NVME_ATTACH_H */
