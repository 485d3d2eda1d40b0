// SPDX-License-Identifier: GPL-2.0
/*
 * ATTACH and DETACH (include/nitro_nvme_mbox.h).
 *
 * ATTACH validates the volume description, opens the backend exclusively
 * and redeems the key grant straight into a stack buffer that lives only
 * until the XTS transform has the key; from then on the only copy of the
 * data key is the transform's key schedule, freed (and zeroized by the
 * crypto API) on DETACH, on RESET and on module unload.
 */
#include <linux/slab.h>
#include <linux/string.h>

#include "nitro_component.h"
#include "nitro_keys.h"
#include "nitro_nvme_mbox.h"

#include "attach.h"
#include "backend.h"
#include "xts.h"

static LIST_HEAD(nvme_fw_attachments);
static DEFINE_MUTEX(nvme_fw_attach_mutex);

static struct nvme_fw_attachment *nvme_fw_attachment_find(const guid_t *uuid)
{
	struct nvme_fw_attachment *a;

	lockdep_assert_held(&nvme_fw_attach_mutex);
	list_for_each_entry(a, &nvme_fw_attachments, node)
		if (guid_equal(&a->dev_uuid, uuid))
			return a;
	return NULL;
}

struct nvme_fw_attachment *nvme_fw_attachment_get(const guid_t *dev_uuid)
{
	struct nvme_fw_attachment *a;

	mutex_lock(&nvme_fw_attach_mutex);
	a = nvme_fw_attachment_find(dev_uuid);
	mutex_unlock(&nvme_fw_attach_mutex);
	return a;
}

static int nvme_fw_attach_check(const struct nitro_nvme_attach_data *d,
				u32 *flags)
{
	u64 size = le64_to_cpu(d->size);

	*flags = le32_to_cpu(d->flags);
	if (*flags & ~(NITRO_NVME_ATTACH_TEST_KEY | NITRO_NVME_ATTACH_READ_ONLY))
		return -EINVAL;
#ifndef NITRO_TEST_HOOKS
	/* A plaintext key in the command: test builds only. */
	if (*flags & NITRO_NVME_ATTACH_TEST_KEY)
		return -EPERM;
#endif
	if (d->lba_shift != 9 && d->lba_shift != 12)
		return -EINVAL;
	if (!size || size & ((1ull << d->lba_shift) - 1))
		return -EINVAL;
	if (!memchr(d->backend, '\0', sizeof(d->backend)) || !d->backend[0])
		return -EINVAL;
	return 0;
}

/*
 * The data key, redeemed from @token (or a test build's @test_key), goes
 * straight into a new XTS transform; the stack copy is wiped at once.
 */
static struct nvme_fw_xts *nvme_fw_key_xts(const struct nvme_fw_attachment *a,
					   const u8 *token, const u8 *test_key)
{
	struct nitro_key_grant grant;
	u8 key[NVME_FW_XTS_KEY_LEN];
	struct nvme_fw_xts *x;
	int ret;

	if (test_key) {
		memcpy(key, test_key, sizeof(key));
	} else {
		memcpy(grant.token, token, sizeof(grant.token));
		ret = nitro_key_redeem(&grant, &a->volume_uuid, &a->dev_uuid,
				       key, sizeof(key));
		memzero_explicit(&grant, sizeof(grant));
		if (ret)
			return ERR_PTR(ret);
	}
	x = nvme_fw_xts_create(key, sizeof(key));
	memzero_explicit(key, sizeof(key));
	return x;
}

static int nvme_fw_attach(struct nitro_responder *r,
			  const struct nitro_mbox_cmd *cmd)
{
	const struct nitro_nvme_attach_cmd *c = (const void *)cmd->payload;
	struct nitro_nvme_attach_data *d;
	struct nvme_fw_attachment *a;
	u32 flags;
	int ret;

	if (le32_to_cpu(cmd->len) != sizeof(*c) ||
	    le32_to_cpu(cmd->data_len) < sizeof(*d))
		return -EINVAL;
	d = kzalloc(sizeof(*d), GFP_KERNEL);
	a = kzalloc(sizeof(*a), GFP_KERNEL);
	if (!d || !a) {
		ret = -ENOMEM;
		goto err_free;
	}
	ret = nitro_responder_data_read(r, cmd, 0, d, sizeof(*d));
	if (ret)
		goto err_free;
	ret = nvme_fw_attach_check(d, &flags);
	if (ret)
		goto err_free;
	import_guid(&a->dev_uuid, c->dev_uuid);
	import_guid(&a->volume_uuid, d->volume_uuid);
	init_rwsem(&a->lock);
	memcpy(a->ns.uuid, d->volume_uuid, sizeof(a->ns.uuid));
	a->ns.lba_shift = d->lba_shift;
	a->ns.nsze = le64_to_cpu(d->size) >> d->lba_shift;
	a->ns.read_only = flags & NITRO_NVME_ATTACH_READ_ONLY;
	memcpy(a->id.sn, d->serial, sizeof(a->id.sn));
	memcpy(a->id.mn, d->model, sizeof(a->id.mn));
	memcpy(a->id.fr, d->firmware, sizeof(a->id.fr));
	a->id.vid = 0x1d0f;		/* as the controller's PCI identity */
	a->id.ssvid = 0x1d0f;

	a->ns.backend = nvme_fw_backend_open(d->backend, a->ns.read_only);
	if (IS_ERR(a->ns.backend)) {
		ret = PTR_ERR(a->ns.backend);
		a->ns.backend = NULL;
		goto err_free;
	}
	if (a->ns.backend->size < le64_to_cpu(d->size)) {
		ret = -ENOSPC;
		goto err_close;
	}

	a->ns.xts = nvme_fw_key_xts(a, c->grant,
				    flags & NITRO_NVME_ATTACH_TEST_KEY ?
				    d->test_key : NULL);
	if (IS_ERR(a->ns.xts)) {
		ret = PTR_ERR(a->ns.xts);
		a->ns.xts = NULL;
		goto err_close;
	}

	mutex_lock(&nvme_fw_attach_mutex);
	if (nvme_fw_attachment_find(&a->dev_uuid)) {
		mutex_unlock(&nvme_fw_attach_mutex);
		ret = -EEXIST;
		goto err_xts;
	}
	list_add_tail(&a->node, &nvme_fw_attachments);
	mutex_unlock(&nvme_fw_attach_mutex);
	memzero_explicit(d->test_key, sizeof(d->test_key));
	kfree(d);
	return 0;

err_xts:
	nvme_fw_xts_destroy(a->ns.xts);
err_close:
	nvme_fw_backend_close(a->ns.backend);
err_free:
	if (d)
		memzero_explicit(d->test_key, sizeof(d->test_key));
	kfree(d);
	kfree(a);
	return ret;
}

/*
 * Quiesce and forget: wait for the device model to be idle, make the
 * device gone for the guest, drop the key and the backend. Returns true
 * when no device holds @a any more and the caller frees it.
 */
bool nvme_fw_attach_teardown(struct nvme_fw_attachment *a)
{
	bool orphan;

	down_write(&a->lock);
	a->detached = true;
	if (a->dev)
		a->dev_detach(a);
	nvme_fw_xts_destroy(a->ns.xts);
	a->ns.xts = NULL;
	nvme_fw_backend_close(a->ns.backend);
	a->ns.backend = NULL;
	orphan = !a->dev;
	up_write(&a->lock);
	return orphan;
}

static int nvme_fw_detach(const struct nitro_mbox_cmd *cmd)
{
	const struct nitro_nvme_detach_cmd *c = (const void *)cmd->payload;
	struct nvme_fw_attachment *a;
	guid_t uuid;

	if (le32_to_cpu(cmd->len) != sizeof(*c))
		return -EINVAL;
	import_guid(&uuid, c->dev_uuid);
	mutex_lock(&nvme_fw_attach_mutex);
	a = nvme_fw_attachment_find(&uuid);
	if (a)
		list_del(&a->node);
	mutex_unlock(&nvme_fw_attach_mutex);
	if (!a)
		return -ENOENT;
	/* A device still holding it frees it in its destroy(). */
	if (nvme_fw_attach_teardown(a))
		kfree(a);
	return 0;
}

static int nvme_fw_reset_flags(struct nitro_responder *r,
			       const struct nitro_mbox_cmd *cmd,
			       struct nitro_nvme_reset_data *d, u32 *flags)
{
	int ret;

	*flags = 0;
	if (!le32_to_cpu(cmd->data_len))
		return 0;
	if (le32_to_cpu(cmd->data_len) < sizeof(*d))
		return -EINVAL;
	ret = nitro_responder_data_read(r, cmd, 0, d, sizeof(*d));
	if (ret)
		return ret;
	*flags = le32_to_cpu(d->flags);
	if (*flags & ~NITRO_NVME_RESET_TEST_KEY)
		return -EINVAL;
#ifndef NITRO_TEST_HOOKS
	if (*flags & NITRO_NVME_RESET_TEST_KEY)
		return -EPERM;
#endif
	return 0;
}

/*
 * The controller resets the function: the device is reset as by a power
 * cycle and the key zeroized; a grant (or test key) brings a new one.
 * Fail closed: when the new key cannot be had, the old one goes anyway.
 */
static int nvme_fw_reset(struct nitro_responder *r,
			 const struct nitro_mbox_cmd *cmd)
{
	const struct nitro_nvme_reset_cmd *c = (const void *)cmd->payload;
	struct nvme_fw_xts *x = NULL, *old;
	struct nitro_nvme_reset_data *d;
	struct nvme_fw_attachment *a;
	guid_t uuid;
	u32 flags;
	int ret;

	if (le32_to_cpu(cmd->len) != sizeof(*c))
		return -EINVAL;
	d = kzalloc(sizeof(*d), GFP_KERNEL);
	if (!d)
		return -ENOMEM;
	ret = nvme_fw_reset_flags(r, cmd, d, &flags);
	if (ret)
		goto out_free;
	import_guid(&uuid, c->dev_uuid);
	mutex_lock(&nvme_fw_attach_mutex);
	a = nvme_fw_attachment_find(&uuid);
	if (!a) {
		ret = -ENOENT;
		goto out_unlock;
	}
	if (flags & NITRO_NVME_RESET_TEST_KEY)
		x = nvme_fw_key_xts(a, NULL, d->test_key);
	else if (memchr_inv(c->grant, 0, sizeof(c->grant)))
		x = nvme_fw_key_xts(a, c->grant, NULL);
	if (IS_ERR(x)) {
		ret = PTR_ERR(x);
		x = NULL;
	}
	down_write(&a->lock);
	old = a->ns.xts;
	a->ns.xts = x;
	if (a->dev)
		a->dev_reset(a);
	up_write(&a->lock);
	nvme_fw_xts_destroy(old);
out_unlock:
	mutex_unlock(&nvme_fw_attach_mutex);
out_free:
	memzero_explicit(d->test_key, sizeof(d->test_key));
	kfree(d);
	return ret;
}

static u16 nvme_fw_mbox_status(int err)
{
	switch (err) {
	case 0:
		return NITRO_MBOX_S_OK;
	case -EINVAL:
	case -ENOENT:
	case -ENOSPC:
	case -EISDIR:
	case -ENOTDIR:
		return NITRO_MBOX_S_INVALID_FIELD;
	case -EACCES:
	case -EPERM:
		return NITRO_MBOX_S_DENIED;
	case -EBUSY:
	case -EEXIST:
		return NITRO_MBOX_S_BUSY;
	default:
		return NITRO_MBOX_S_INTERNAL;
	}
}

u16 nvme_fw_attach_handle(struct nitro_responder *r,
			  const struct nitro_mbox_cmd *cmd,
			  struct nitro_mbox_cpl *cpl)
{
	int ret;

	switch (le16_to_cpu(cmd->opcode)) {
	case NITRO_NVME_OP_ATTACH:
		ret = nvme_fw_attach(r, cmd);
		break;
	case NITRO_NVME_OP_DETACH:
		ret = nvme_fw_detach(cmd);
		break;
	case NITRO_NVME_OP_RESET:
		ret = nvme_fw_reset(r, cmd);
		break;
	default:
		return NITRO_MBOX_S_INVALID_OPCODE;
	}
	if (ret)
		pr_info_ratelimited("nitro_nvme: opcode %#x failed: %d\n",
				    le16_to_cpu(cmd->opcode), ret);
	return nvme_fw_mbox_status(ret);
}

/* Module unload: no device is left (the personality is gone first). */
void nvme_fw_attach_cleanup(void)
{
	struct nvme_fw_attachment *a, *tmp;

	mutex_lock(&nvme_fw_attach_mutex);
	list_for_each_entry_safe(a, tmp, &nvme_fw_attachments, node) {
		list_del(&a->node);
		if (nvme_fw_attach_teardown(a))
			kfree(a);
	}
	mutex_unlock(&nvme_fw_attach_mutex);
}
