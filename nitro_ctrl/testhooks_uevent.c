// SPDX-License-Identifier: GPL-2.0
/*
 * Test-only hook, built only with CONFIG_NITRO_TEST_HOOKS: send the
 * controller's attach/detach uevent by hand, so that the host agent
 * (tools/host-agent) can be tested on its own.
 *
 *   /sys/kernel/debug/nitro/uevent  write "<action> <uuid> <instance>
 *                                   <personality>": a KOBJ_CHANGE uevent on
 *                                   /sys/class/nitro/ctrl carrying
 *                                   NITRO_ACTION, NITRO_MDEV_UUID,
 *                                   NITRO_INSTANCE and NITRO_PERSONALITY.
 *
 * The words are not interpreted: the agent must refuse nonsense itself.
 * Each is 1 to 64 printable characters, separated by single spaces.
 *
 * Writing "change <uuid> KEY=VALUE..." to the device's own uevent file
 * cannot stand in for this: the kernel accepts only alphanumeric keys and
 * values there (lib/kobject_uevent.c), and these keys have underscores and
 * the UUID has dashes.
 */
#include <linux/ctype.h>
#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/kobject.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "ctrl.h"

#define NITRO_UEVENT_WORDS	4
#define NITRO_UEVENT_WORD_MAX	64

static const char * const nitro_uevent_keys[NITRO_UEVENT_WORDS] = {
	"NITRO_ACTION", "NITRO_MDEV_UUID", "NITRO_INSTANCE", "NITRO_PERSONALITY",
};

static bool nitro_uevent_word_ok(const char *word)
{
	size_t len = strlen(word);
	size_t i;

	if (!len || len > NITRO_UEVENT_WORD_MAX)
		return false;
	for (i = 0; i < len; i++)
		if (!isgraph(word[i]))
			return false;
	return true;
}

static ssize_t nitro_testhooks_uevent_write(struct file *file,
					    const char __user *ubuf,
					    size_t count, loff_t *ppos)
{
	/* One more for the NULL that ends the environment. */
	char *envp[NITRO_UEVENT_WORDS + 1] = { };
	char *buf, *cur, *word;
	int err = -EINVAL;
	int i;

	if (!count || count > NITRO_UEVENT_WORDS * (NITRO_UEVENT_WORD_MAX + 1))
		return -EINVAL;
	buf = memdup_user_nul(ubuf, count);
	if (IS_ERR(buf))
		return PTR_ERR(buf);

	cur = strim(buf);
	for (i = 0; i < NITRO_UEVENT_WORDS; i++) {
		word = strsep(&cur, " ");
		if (!word || !nitro_uevent_word_ok(word))
			goto out;
		envp[i] = kasprintf(GFP_KERNEL, "%s=%s", nitro_uevent_keys[i],
				    word);
		if (!envp[i]) {
			err = -ENOMEM;
			goto out;
		}
	}
	if (cur)	/* a fifth word */
		goto out;

	err = kobject_uevent_env(&nitro_ctrl_device()->kobj, KOBJ_CHANGE,
				 envp);
out:
	for (i = 0; i < NITRO_UEVENT_WORDS; i++)
		kfree(envp[i]);
	kfree(buf);
	return err ? err : count;
}

static const struct file_operations nitro_testhooks_uevent_fops = {
	.owner = THIS_MODULE,
	.write = nitro_testhooks_uevent_write,
	.llseek = noop_llseek,
};

void nitro_testhooks_uevent_init(struct dentry *dir)
{
	debugfs_create_file("uevent", 0200, dir, NULL,
			    &nitro_testhooks_uevent_fops);
}
