// SPDX-License-Identifier: GPL-2.0
/*
 * Provisioned mediated devices. The host can create an mdev only for a UUID
 * the controller provisioned, and only of the personality it was provisioned
 * for; anything else is refused with -EPERM and audited (DESIGN 1).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "nitro_personality.h"
#include "audit.h"
#include "fe.h"
#include "provision.h"

struct nitro_provision {
	struct list_head node;
	guid_t uuid;
	char personality[NITRO_PERSONALITY_NAME_MAX + 1];
};

static DEFINE_MUTEX(nitro_provision_lock);
static LIST_HEAD(nitro_provisions);

static struct nitro_provision *nitro_provision_find(const guid_t *uuid)
{
	struct nitro_provision *p;

	lockdep_assert_held(&nitro_provision_lock);
	list_for_each_entry(p, &nitro_provisions, node)
		if (guid_equal(&p->uuid, uuid))
			return p;
	return NULL;
}

/**
 * nitro_dev_provision() - allow the host to create one mdev
 * @uuid: the mdev's UUID
 * @personality: the personality it must be of ("nvme", "ena")
 *
 * Return: 0, -EEXIST if @uuid is already provisioned, -EINVAL for a bad
 * personality name, -ENOMEM.
 */
int nitro_dev_provision(const guid_t *uuid, const char *personality)
{
	struct nitro_provision *p;
	char obj[UUID_STRING_LEN + 1];
	int err = 0;

	snprintf(obj, sizeof(obj), "%pUl", uuid);
	if (!personality || !*personality ||
	    strlen(personality) > NITRO_PERSONALITY_NAME_MAX ||
	    guid_is_null(uuid)) {
		err = -EINVAL;
		goto out;
	}
	p = kzalloc(sizeof(*p), GFP_KERNEL);
	if (!p) {
		err = -ENOMEM;
		goto out;
	}
	guid_copy(&p->uuid, uuid);
	strscpy(p->personality, personality, sizeof(p->personality));

	mutex_lock(&nitro_provision_lock);
	if (nitro_provision_find(uuid)) {
		err = -EEXIST;
		kfree(p);
	} else {
		list_add_tail(&p->node, &nitro_provisions);
	}
	mutex_unlock(&nitro_provision_lock);
out:
	nitro_audit_record(NITRO_PRINCIPAL_CTRL, "mdev.provision", obj, err);
	return err;
}
EXPORT_SYMBOL_GPL(nitro_dev_provision);

/* Return: 0, or -ENOENT if @uuid was not provisioned. */
int nitro_dev_unprovision(const guid_t *uuid)
{
	struct nitro_provision *p;
	char obj[UUID_STRING_LEN + 1];
	int err = -ENOENT;

	snprintf(obj, sizeof(obj), "%pUl", uuid);
	mutex_lock(&nitro_provision_lock);
	p = nitro_provision_find(uuid);
	if (p) {
		list_del(&p->node);
		kfree(p);
		err = 0;
	}
	mutex_unlock(&nitro_provision_lock);
	nitro_audit_record(NITRO_PRINCIPAL_CTRL, "mdev.unprovision", obj, err);
	/* Detach: an mdev of this UUID is hot-unplugged. */
	if (!err)
		nitro_fe_detach(uuid);
	return err;
}
EXPORT_SYMBOL_GPL(nitro_dev_unprovision);

/**
 * nitro_provision_check() - may the host create this mdev?
 * @uuid: the UUID the host wrote to the type's create file
 * @personality: the personality of that type
 *
 * Every refusal is audited.
 *
 * Return: 0, or -EPERM for a UUID not provisioned or provisioned for
 * another personality.
 */
int nitro_provision_check(const guid_t *uuid, const char *personality)
{
	struct nitro_provision *p;
	char obj[UUID_STRING_LEN + 1];
	int err = -EPERM;

	mutex_lock(&nitro_provision_lock);
	p = nitro_provision_find(uuid);
	if (p && !strcmp(p->personality, personality))
		err = 0;
	mutex_unlock(&nitro_provision_lock);
	if (err) {
		snprintf(obj, sizeof(obj), "%pUl", uuid);
		nitro_audit_record(NITRO_PRINCIPAL_CTRL, "mdev.create", obj, err);
	}
	return err;
}

/* Module exit: drop every provision. */
void nitro_provision_clear(void)
{
	struct nitro_provision *p, *tmp;

	mutex_lock(&nitro_provision_lock);
	list_for_each_entry_safe(p, tmp, &nitro_provisions, node) {
		list_del(&p->node);
		kfree(p);
	}
	mutex_unlock(&nitro_provision_lock);
}
