// SPDX-License-Identifier: GPL-2.0
/*
 * Test-only attach of a volume to an NVMe device, built only with
 * CONFIG_NITRO_TEST_HOOKS, until the control API drives it: it posts the
 * real ATTACH and DETACH mailbox commands to nitro_nvme and provisions the
 * device UUID like the controller will.
 *
 *   /sys/kernel/debug/nitro/nvme   write one command:
 *
 *     attach DEV VOLUME SIZE LBA_SHIFT BACKEND key=HEX128 [ro]
 *     attach DEV VOLUME SIZE LBA_SHIFT BACKEND grant=HEX64 [ro]
 *     detach DEV
 *     reset DEV [key=HEX128 | grant=HEX64]
 *
 * key= carries the data key itself (NITRO_NVME_ATTACH_TEST_KEY); grant=
 * a token from nitro_sec. After a successful attach the UUID is
 * provisioned for the "nvme" personality; detach unprovisions it first.
 * reset is the controller resetting the function (NITRO_NVME_OP_RESET):
 * the key is zeroized, and replaced when one is given.
 * A refused command fails the write with its errno.
 */
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/uuid.h>

#include "ctrl.h"
#include "mbox.h"
#include "nitro_nvme_mbox.h"
#include "nitro_personality.h"

#define NITRO_TH_NVME_IN_MAX	768
#define NITRO_TH_NVME_MBOX	"nitro_nvme"

static DEFINE_MUTEX(nitro_th_nvme_lock);

static int nitro_th_nvme_call(u16 opcode, const void *req, u32 len,
			      void *data, u32 data_len)
{
	const struct nitro_mbox_req r = {
		.opcode = opcode, .payload = req, .len = len,
		.data = data, .data_len = data_len,
	};
	struct nitro_mbox_cpl cpl = {};
	struct nitro_mbox *mb;
	int err;

	mb = nitro_mbox_find(NITRO_TH_NVME_MBOX);
	if (!mb)
		return -ENODEV;
	err = nitro_mbox_call_req(mb, &r, &cpl, NULL, 0);
	nitro_mbox_unuse(mb);
	return err;
}

static int nitro_th_nvme_attach(char **argv, int argc)
{
	struct nitro_nvme_attach_cmd cmd = {};
	struct nitro_nvme_attach_data *d;
	guid_t dev, volume;
	u32 flags = 0;
	u64 size;
	u8 shift;
	int err;

	if (argc < 7 || argc > 8 || guid_parse(argv[1], &dev) ||
	    guid_parse(argv[2], &volume) || kstrtou64(argv[3], 0, &size) ||
	    kstrtou8(argv[4], 0, &shift) ||
	    strlen(argv[5]) >= NITRO_NVME_BACKEND_MAX)
		return -EINVAL;
	if (argc == 8) {
		if (strcmp(argv[7], "ro"))
			return -EINVAL;
		flags |= NITRO_NVME_ATTACH_READ_ONLY;
	}
	d = kzalloc(sizeof(*d), GFP_KERNEL);
	if (!d)
		return -ENOMEM;
	if (str_has_prefix(argv[6], "key=") && strlen(argv[6] + 4) == 128 &&
	    !hex2bin(d->test_key, argv[6] + 4, sizeof(d->test_key))) {
		flags |= NITRO_NVME_ATTACH_TEST_KEY;
	} else if (!str_has_prefix(argv[6], "grant=") ||
		   strlen(argv[6] + 6) != 2 * sizeof(cmd.grant) ||
		   hex2bin(cmd.grant, argv[6] + 6, sizeof(cmd.grant))) {
		err = -EINVAL;
		goto out;
	}
	export_guid(cmd.dev_uuid, &dev);
	export_guid(d->volume_uuid, &volume);
	d->size = cpu_to_le64(size);
	d->lba_shift = shift;
	d->flags = cpu_to_le32(flags);
	snprintf(d->serial, sizeof(d->serial), "%-20.20s", argv[2]);
	memcpy(d->model, "Nitro NVMe volume                       ",
	       sizeof(d->model));
	memcpy(d->firmware, "0.2.0   ", sizeof(d->firmware));
	strscpy(d->backend, argv[5], sizeof(d->backend));
	err = nitro_th_nvme_call(NITRO_NVME_OP_ATTACH, &cmd, sizeof(cmd), d,
				 sizeof(*d));
	if (!err) {
		err = nitro_dev_provision(&dev, "nvme");
		if (err) {
			struct nitro_nvme_detach_cmd det = {};

			memcpy(det.dev_uuid, cmd.dev_uuid, sizeof(det.dev_uuid));
			nitro_th_nvme_call(NITRO_NVME_OP_DETACH, &det,
					   sizeof(det), NULL, 0);
		}
	}
out:
	memzero_explicit(d->test_key, sizeof(d->test_key));
	kfree(d);
	return err;
}

static int nitro_th_nvme_detach(char **argv, int argc)
{
	struct nitro_nvme_detach_cmd cmd = {};
	guid_t dev;

	if (argc != 2 || guid_parse(argv[1], &dev))
		return -EINVAL;
	nitro_dev_unprovision(&dev);
	export_guid(cmd.dev_uuid, &dev);
	return nitro_th_nvme_call(NITRO_NVME_OP_DETACH, &cmd, sizeof(cmd),
				  NULL, 0);
}

static int nitro_th_nvme_reset(char **argv, int argc)
{
	struct nitro_nvme_reset_cmd cmd = {};
	struct nitro_nvme_reset_data *d;
	u32 data_len = 0;
	guid_t dev;
	int err = -EINVAL;

	if (argc < 2 || argc > 3 || guid_parse(argv[1], &dev))
		return -EINVAL;
	d = kzalloc(sizeof(*d), GFP_KERNEL);
	if (!d)
		return -ENOMEM;
	export_guid(cmd.dev_uuid, &dev);
	if (argc == 3) {
		if (str_has_prefix(argv[2], "key=") && strlen(argv[2] + 4) == 128 &&
		    !hex2bin(d->test_key, argv[2] + 4, sizeof(d->test_key))) {
			d->flags = cpu_to_le32(NITRO_NVME_RESET_TEST_KEY);
			data_len = sizeof(*d);
		} else if (!str_has_prefix(argv[2], "grant=") ||
			   strlen(argv[2] + 6) != 2 * sizeof(cmd.grant) ||
			   hex2bin(cmd.grant, argv[2] + 6, sizeof(cmd.grant))) {
			goto out;
		}
	}
	err = nitro_th_nvme_call(NITRO_NVME_OP_RESET, &cmd, sizeof(cmd),
				 data_len ? d : NULL, data_len);
out:
	memzero_explicit(d->test_key, sizeof(d->test_key));
	kfree(d);
	return err;
}

static ssize_t nitro_th_nvme_write(struct file *file, const char __user *ubuf,
				   size_t count, loff_t *ppos)
{
	char *buf, **argv;
	int argc, err;

	if (!count || count >= NITRO_TH_NVME_IN_MAX)
		return -EINVAL;
	buf = memdup_user_nul(ubuf, count);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	argv = argv_split(GFP_KERNEL, buf, &argc);
	memzero_explicit(buf, count);
	kfree(buf);
	if (!argv)
		return -ENOMEM;
	mutex_lock(&nitro_th_nvme_lock);
	if (!argc)
		err = -EINVAL;
	else if (!strcmp(argv[0], "attach"))
		err = nitro_th_nvme_attach(argv, argc);
	else if (!strcmp(argv[0], "detach"))
		err = nitro_th_nvme_detach(argv, argc);
	else if (!strcmp(argv[0], "reset"))
		err = nitro_th_nvme_reset(argv, argc);
	else
		err = -EINVAL;
	mutex_unlock(&nitro_th_nvme_lock);
	argv_free(argv);
	return err ? err : count;
}

static const struct file_operations nitro_th_nvme_fops = {
	.owner = THIS_MODULE,
	.write = nitro_th_nvme_write,
	.llseek = noop_llseek,
};

void nitro_testhooks_nvme_init(struct dentry *dir)
{
	debugfs_create_file("nvme", 0200, dir, NULL, &nitro_th_nvme_fops);
}
