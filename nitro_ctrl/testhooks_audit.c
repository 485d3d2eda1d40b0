// SPDX-License-Identifier: GPL-2.0
/*
 * Test-only knob on the audit log, built only with CONFIG_NITRO_TEST_HOOKS:
 *
 *   /sys/kernel/debug/nitro/audit   write one of
 *       "alter SEQ"   flip the result of record SEQ (hash left stale)
 *       "rehash SEQ"  change record SEQ and recompute its own hash
 *       "drop SEQ"    remove record SEQ
 *       "swap SEQ"    exchange records SEQ and SEQ+1
 *       "insert SEQ"  insert a forged record before SEQ
 *       "rewrite SEQ" change record SEQ and recompute every hash after it
 *       "rewrite-anchors SEQ"  the same, and move the anchors' hashes along
 *       "limit N"     make only N slots of the log usable
 *
 * so the selftests can check that `nitroctl audit verify` finds each kind
 * of tampering and that a full log fails closed.
 */
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/kstrtox.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "audit.h"
#include "testhooks_audit.h"

static struct dentry *nitro_testhooks_audit_file;

static ssize_t nitro_testhooks_audit_write(struct file *file,
					   const char __user *ubuf,
					   size_t count, loff_t *ppos)
{
	char *buf, *arg;
	u64 n;
	int err;

	if (!count || count > 64)
		return -EINVAL;
	buf = memdup_user_nul(ubuf, count);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	arg = strchr(strim(buf), ' ');
	if (!arg) {
		err = -EINVAL;
		goto out;
	}
	*arg++ = '\0';
	err = kstrtou64(arg, 0, &n);
	if (err)
		goto out;
	if (!strcmp(buf, "limit"))
		err = n > U32_MAX ? -EINVAL :
		      nitro_audit_log_set_limit(nitro_audit_log(), n);
	else
		err = nitro_audit_tamper(nitro_audit_log(), buf, n);
out:
	kfree(buf);
	return err ? err : count;
}

static const struct file_operations nitro_testhooks_audit_fops = {
	.owner = THIS_MODULE,
	.write = nitro_testhooks_audit_write,
	.llseek = noop_llseek,
};

void nitro_testhooks_audit_init(void)
{
	struct dentry *dir = debugfs_lookup("nitro", NULL);

	if (IS_ERR_OR_NULL(dir))
		return;
	nitro_testhooks_audit_file =
		debugfs_create_file("audit", 0200, dir, NULL,
				    &nitro_testhooks_audit_fops);
	dput(dir);
}

void nitro_testhooks_audit_exit(void)
{
	debugfs_remove(nitro_testhooks_audit_file);
	nitro_testhooks_audit_file = NULL;
}
