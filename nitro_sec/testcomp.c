// SPDX-License-Identifier: GPL-2.0
/*
 * nitro_sec_testcomp: a test-only component, built only with
 * CONFIG_NITRO_TEST_HOOKS, that redeems key grants the way nitro_nvme and
 * nitro_ena do, so the VM selftests can exercise nitro_key_redeem() through
 * the real modules. It registers a mailbox like any component (and is
 * measured by nitro_sec for it), then offers
 *
 *   /sys/kernel/debug/nitro_sec_testcomp/redeem
 *       write "TOKEN VOLUME DEV LEN": redeem the grant; the write fails with
 *       the errno nitro_key_redeem() returned
 *       read: SHA-256 of the last key redeemed, hex (a fingerprint, so a
 *       test can tell keys apart; the key itself never leaves)
 *
 * Module parameters choose its mailbox name and kind.
 */
#include <crypto/hash.h>
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uuid.h>

#include "nitro_component.h"
#include "nitro_keys.h"

static char *name = "sec_testcomp";
module_param(name, charp, 0444);
MODULE_PARM_DESC(name, "mailbox name");

static ushort kind = NITRO_COMPONENT_NVME;
module_param(kind, ushort, 0444);
MODULE_PARM_DESC(kind, "component kind (2: nvme, 3: ena)");

static struct nitro_responder *nitro_tc_responder;
static struct dentry *nitro_tc_dir;
static DEFINE_MUTEX(nitro_tc_lock);
static char nitro_tc_fpr[2 * 32 + 2];

static int nitro_tc_fingerprint(const u8 *key, u32 len)
{
	struct crypto_shash *tfm;
	u8 digest[32];
	int err;

	tfm = crypto_alloc_shash("sha256", 0, 0);
	if (IS_ERR(tfm))
		return PTR_ERR(tfm);
	err = crypto_shash_tfm_digest(tfm, key, len, digest);
	crypto_free_shash(tfm);
	if (err)
		return err;
	*bin2hex(nitro_tc_fpr, digest, sizeof(digest)) = '\n';
	return 0;
}

static int nitro_tc_redeem(char **argv, int argc)
{
	struct nitro_key_grant grant;
	guid_t volume, dev;
	u32 len;
	u8 *key;
	int err;

	if (argc != 4 || strlen(argv[0]) != 2 * sizeof(grant.token) ||
	    hex2bin(grant.token, argv[0], sizeof(grant.token)) ||
	    guid_parse(argv[1], &volume) || guid_parse(argv[2], &dev) ||
	    kstrtou32(argv[3], 0, &len) || !len || len > NITRO_DATA_KEY_MAX)
		return -EINVAL;
	key = kmalloc(len, GFP_KERNEL);
	if (!key)
		return -ENOMEM;
	err = nitro_key_redeem(&grant, &volume, &dev, key, len);
	if (!err)
		err = nitro_tc_fingerprint(key, len);
	kfree_sensitive(key);
	memzero_explicit(&grant, sizeof(grant));
	return err;
}

static ssize_t nitro_tc_write(struct file *file, const char __user *ubuf,
			      size_t count, loff_t *ppos)
{
	char *buf, **argv;
	int argc, err;

	if (!count || count > 256)
		return -EINVAL;
	buf = memdup_user_nul(ubuf, count);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	argv = argv_split(GFP_KERNEL, buf, &argc);
	kfree(buf);
	if (!argv)
		return -ENOMEM;
	mutex_lock(&nitro_tc_lock);
	memset(nitro_tc_fpr, 0, sizeof(nitro_tc_fpr));
	err = nitro_tc_redeem(argv, argc);
	mutex_unlock(&nitro_tc_lock);
	argv_free(argv);
	return err ? err : count;
}

static ssize_t nitro_tc_read(struct file *file, char __user *ubuf,
			     size_t count, loff_t *ppos)
{
	ssize_t ret;

	mutex_lock(&nitro_tc_lock);
	ret = simple_read_from_buffer(ubuf, count, ppos, nitro_tc_fpr,
				      strnlen(nitro_tc_fpr, sizeof(nitro_tc_fpr)));
	mutex_unlock(&nitro_tc_lock);
	return ret;
}

static const struct file_operations nitro_tc_fops = {
	.owner = THIS_MODULE,
	.write = nitro_tc_write,
	.read = nitro_tc_read,
	.llseek = default_llseek,
};

static int __init nitro_tc_init(void)
{
	struct nitro_component_info info = {
		.name = name,
		.kind = kind,
		.version = NITRO_VERSION(0, 1, 0),
		.build_id = NITRO_BUILD_ID,
		.depth = 4,
		.nr_event_polls = 1,
	};

	nitro_tc_responder = nitro_responder_create(&info, NULL, NULL);
	if (IS_ERR(nitro_tc_responder))
		return PTR_ERR(nitro_tc_responder);
	nitro_tc_dir = debugfs_create_dir("nitro_sec_testcomp", NULL);
	debugfs_create_file("redeem", 0600, nitro_tc_dir, NULL, &nitro_tc_fops);
	return 0;
}

static void __exit nitro_tc_exit(void)
{
	debugfs_remove_recursive(nitro_tc_dir);
	nitro_responder_destroy(nitro_tc_responder);
}

module_init(nitro_tc_init);
module_exit(nitro_tc_exit);

MODULE_DESCRIPTION("Nitro test-only component that redeems key grants");
MODULE_AUTHOR("The Nitro authors");
MODULE_LICENSE("GPL");
