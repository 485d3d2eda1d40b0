// SPDX-License-Identifier: GPL-2.0
/*
 * Test-only hooks, built only with CONFIG_NITRO_TEST_HOOKS (never in a
 * production build; `make` leaves them out). They let the VM selftests drive
 * the real modules:
 *
 *   /sys/kernel/debug/nitro/ping    write a component name: one PING round
 *                                   trip; the write fails with its error.
 *   /sys/kernel/debug/nitro/inject  write "<component> <kind>": push a bad
 *                                   completion as if the component had sent
 *                                   it; kind is unknown, duplicate, stale or
 *                                   malformed.
 */
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "ctrl.h"
#include "fe.h"
#include "mbox.h"

static struct dentry *nitro_testhooks_dir;

static char *nitro_testhooks_read_arg(const char __user *ubuf, size_t count)
{
	char *buf;

	if (!count || count > 64)
		return ERR_PTR(-EINVAL);
	buf = memdup_user_nul(ubuf, count);
	if (!IS_ERR(buf))
		strim(buf);
	return buf;
}

static ssize_t nitro_testhooks_ping_write(struct file *file,
					  const char __user *ubuf,
					  size_t count, loff_t *ppos)
{
	struct nitro_mbox *mb;
	char *name;
	int err;

	name = nitro_testhooks_read_arg(ubuf, count);
	if (IS_ERR(name))
		return PTR_ERR(name);
	mb = nitro_mbox_find(strim(name));
	kfree(name);
	if (!mb)
		return -ENOENT;
	err = nitro_mbox_ping(mb, 0);
	nitro_mbox_unuse(mb);
	return err ? err : count;
}

/* Build, under the lock, a completion of the requested kind of badness. */
static int nitro_testhooks_forge(struct nitro_mbox *mb, const char *kind,
				 struct nitro_mbox_cpl *cpl)
{
	u32 i, tag = 0;
	u16 opcode = NITRO_MBOX_OP_PING;

	lockdep_assert_held(&mb->lock);
	if (!strcmp(kind, "unknown")) {
		tag = NITRO_MBOX_TAG(mb->nr_slots, 1);
	} else if (!strcmp(kind, "duplicate")) {
		tag = mb->last_answered_tag;
		if (tag)
			opcode = mb->slots[NITRO_MBOX_TAG_SLOT(tag)].opcode;
	} else if (!strcmp(kind, "stale")) {
		for (i = 0; i < mb->nr_slots && !tag; i++)
			if (mb->slots[i].state != NITRO_SLOT_POSTED &&
			    mb->slots[i].gen > 1)
				tag = NITRO_MBOX_TAG(i, mb->slots[i].gen - 1);
	} else if (!strcmp(kind, "malformed")) {
		/* Needs a live tag: take a parked EVENT_POLL. */
		for (i = 0; i < mb->nr_slots && !tag; i++)
			if (mb->slots[i].state == NITRO_SLOT_POSTED &&
			    mb->slots[i].opcode == NITRO_MBOX_OP_EVENT_POLL)
				tag = NITRO_MBOX_TAG(i, mb->slots[i].gen);
		opcode = NITRO_MBOX_OP_EVENT_POLL;
	} else {
		return -EINVAL;
	}
	if (!tag)
		return -EAGAIN;

	memset(cpl, 0, sizeof(*cpl));
	cpl->version = cpu_to_le16(strcmp(kind, "malformed") ?
				   NITRO_MBOX_VERSION : 0xffff);
	cpl->opcode = cpu_to_le16(opcode);
	cpl->tag = cpu_to_le32(tag);
	return 0;
}

static ssize_t nitro_testhooks_inject_write(struct file *file,
					    const char __user *ubuf,
					    size_t count, loff_t *ppos)
{
	struct nitro_mbox_cpl cpl;
	struct nitro_mbox *mb;
	char *buf, *kind;
	int err;

	buf = nitro_testhooks_read_arg(ubuf, count);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	kind = strchr(buf, ' ');
	if (!kind) {
		err = -EINVAL;
		goto out_free;
	}
	*kind++ = '\0';
	mb = nitro_mbox_find(buf);
	if (!mb) {
		err = -ENOENT;
		goto out_free;
	}
	spin_lock_irq(&mb->lock);
	err = nitro_testhooks_forge(mb, strim(kind), &cpl);
	spin_unlock_irq(&mb->lock);
	if (!err)
		err = nitro_mbox_complete(mb, &cpl);
	nitro_mbox_unuse(mb);
out_free:
	kfree(buf);
	return err ? err : count;
}

static const struct file_operations nitro_testhooks_ping_fops = {
	.owner = THIS_MODULE,
	.write = nitro_testhooks_ping_write,
	.llseek = noop_llseek,
};

static const struct file_operations nitro_testhooks_inject_fops = {
	.owner = THIS_MODULE,
	.write = nitro_testhooks_inject_write,
	.llseek = noop_llseek,
};

int nitro_testhooks_init(void)
{
	int err;

	nitro_testhooks_dir = debugfs_create_dir("nitro", NULL);
	debugfs_create_file("ping", 0200, nitro_testhooks_dir, NULL,
			    &nitro_testhooks_ping_fops);
	debugfs_create_file("inject", 0200, nitro_testhooks_dir, NULL,
			    &nitro_testhooks_inject_fops);
	nitro_testhooks_uevent_init(nitro_testhooks_dir);
	nitro_testhooks_nvme_init(nitro_testhooks_dir);
	err = nitro_testhooks_sec_init(nitro_testhooks_dir);
	if (err)
		goto err_remove;
	err = nitro_testhooks_fe_init(nitro_testhooks_dir);
	if (err)
		goto err_sec_exit;
	return 0;

err_sec_exit:
	nitro_testhooks_sec_exit();
err_remove:
	debugfs_remove_recursive(nitro_testhooks_dir);
	return err;
}

void nitro_testhooks_exit(void)
{
	nitro_testhooks_fe_exit();
	debugfs_remove_recursive(nitro_testhooks_dir);
	nitro_testhooks_sec_exit();
}
