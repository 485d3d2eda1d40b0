// SPDX-License-Identifier: GPL-2.0
/*
 * Test-only access to the controller's nitro_sec client (sec_client.h),
 * built only with CONFIG_NITRO_TEST_HOOKS, so that the VM selftests drive
 * the real modules through the real mailbox:
 *
 *   /sys/kernel/debug/nitro/sec   write one command, then read its answer
 *
 *     cmk_create                          -> CMK id
 *     cmk_destroy ID
 *     datakey ID LEN                      -> wrapped key, hex
 *     import ID KEY                       -> KEY (hex) wrapped, hex
 *     grant ID KIND VOLUME DEV WRAPPED    -> token, hex
 *     revoke TOKEN
 *     attest NONCE                        -> report, hex
 *     anchor SEQ HASH                     -> MAC, hex
 *     allow DIGEST KIND | allow_clear | policy N
 *     stats                               -> cmks grants components policy
 *                                            redeemed denied anchors reports
 *
 * A failing command fails the write with its errno. Like the client it
 * wraps, nothing here can produce a plaintext key; "import" takes one in.
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
#include "nitro_sec_mbox.h"
#include "sec_client.h"

#define NITRO_TH_SEC_IN_MAX	512
#define NITRO_TH_SEC_OUT_MAX	(2 * NITRO_SEC_REPORT_MAX + 2)

static DEFINE_MUTEX(nitro_th_sec_lock);
static char *nitro_th_sec_out;		/* the last answer */
static size_t nitro_th_sec_out_len;

/* Exactly @len bytes of hex, or -EINVAL. */
static int nitro_th_sec_hex(const char *s, u8 *buf, size_t len)
{
	if (!s || strlen(s) != 2 * len || hex2bin(buf, s, len))
		return -EINVAL;
	return 0;
}

static void nitro_th_sec_emit_hex(const u8 *buf, size_t len)
{
	char *p = bin2hex(nitro_th_sec_out, buf, len);

	*p++ = '\n';
	nitro_th_sec_out_len = p - nitro_th_sec_out;
}

static __printf(1, 2) void nitro_th_sec_emit(const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	nitro_th_sec_out_len = vscnprintf(nitro_th_sec_out, NITRO_TH_SEC_OUT_MAX,
					  fmt, args);
	va_end(args);
}

static int nitro_th_sec_grant(char **argv, int argc)
{
	u8 wrapped[NITRO_SEC_WRAPPED_KEY_MAX];
	struct nitro_key_grant grant;
	guid_t volume, dev;
	u32 id, kind;
	size_t wlen;
	int err;

	if (argc != 6 || kstrtou32(argv[1], 0, &id) ||
	    kstrtou32(argv[2], 0, &kind) || guid_parse(argv[3], &volume) ||
	    guid_parse(argv[4], &dev))
		return -EINVAL;
	wlen = strlen(argv[5]) / 2;
	if (!wlen || wlen > sizeof(wrapped) ||
	    nitro_th_sec_hex(argv[5], wrapped, wlen))
		return -EINVAL;
	err = nitro_sec_grant_issue(id, wrapped, wlen, kind, &volume, &dev,
				    &grant);
	if (!err)
		nitro_th_sec_emit_hex(grant.token, sizeof(grant.token));
	return err;
}

static int nitro_th_sec_attest(char **argv, int argc)
{
	u8 nonce[NITRO_SEC_NONCE_LEN];
	u32 len;
	u8 *report;
	int err;

	if (argc != 2 || nitro_th_sec_hex(argv[1], nonce, sizeof(nonce)))
		return -EINVAL;
	report = kmalloc(NITRO_SEC_REPORT_MAX, GFP_KERNEL);
	if (!report)
		return -ENOMEM;
	err = nitro_sec_attest(nonce, report, &len);
	if (!err)
		nitro_th_sec_emit_hex(report, len);
	kfree(report);
	return err;
}

static int nitro_th_sec_stats(void)
{
	struct nitro_sec_stats_rsp st;
	int err;

	err = nitro_sec_stats(&st);
	if (!err)
		nitro_th_sec_emit("%u %u %u %u %llu %llu %llu %llu\n",
				  le32_to_cpu(st.cmks), le32_to_cpu(st.grants),
				  le32_to_cpu(st.components),
				  le32_to_cpu(st.policy),
				  le64_to_cpu(st.redeemed), le64_to_cpu(st.denied),
				  le64_to_cpu(st.anchors), le64_to_cpu(st.reports));
	return err;
}

static int nitro_th_sec_run(char **argv, int argc)
{
	u8 buf[NITRO_SEC_WRAPPED_KEY_MAX], mac[NITRO_SEC_MAC_LEN];
	struct nitro_key_grant grant;
	u32 id, n, len;
	u64 seq;
	int err;

	if (!strcmp(argv[0], "cmk_create") && argc == 1) {
		err = nitro_sec_cmk_create(&id);
		if (!err)
			nitro_th_sec_emit("%u\n", id);
		return err;
	}
	if (!strcmp(argv[0], "cmk_destroy") && argc == 2)
		return kstrtou32(argv[1], 0, &id) ?: nitro_sec_cmk_destroy(id);
	if (!strcmp(argv[0], "datakey") && argc == 3) {
		if (kstrtou32(argv[1], 0, &id) || kstrtou32(argv[2], 0, &n))
			return -EINVAL;
		err = nitro_sec_datakey_generate(id, n, buf, &len);
		if (!err)
			nitro_th_sec_emit_hex(buf, len);
		return err;
	}
	if (!strcmp(argv[0], "import") && argc == 3) {
		u8 key[NITRO_DATA_KEY_MAX];

		n = strlen(argv[2]) / 2;
		if (kstrtou32(argv[1], 0, &id) || n > sizeof(key) ||
		    nitro_th_sec_hex(argv[2], key, n))
			err = -EINVAL;
		else
			err = nitro_sec_datakey_import(id, key, n, buf, &len);
		memzero_explicit(key, sizeof(key));
		if (!err)
			nitro_th_sec_emit_hex(buf, len);
		return err;
	}
	if (!strcmp(argv[0], "grant"))
		return nitro_th_sec_grant(argv, argc);
	if (!strcmp(argv[0], "revoke") && argc == 2)
		return nitro_th_sec_hex(argv[1], grant.token, sizeof(grant.token)) ?:
		       nitro_sec_grant_revoke(&grant);
	if (!strcmp(argv[0], "attest"))
		return nitro_th_sec_attest(argv, argc);
	if (!strcmp(argv[0], "anchor") && argc == 3) {
		if (kstrtou64(argv[1], 0, &seq) ||
		    nitro_th_sec_hex(argv[2], buf, NITRO_SEC_HASH_LEN))
			return -EINVAL;
		err = nitro_sec_anchor(seq, buf, mac);
		if (!err)
			nitro_th_sec_emit_hex(mac, sizeof(mac));
		return err;
	}
	if (!strcmp(argv[0], "allow") && argc == 3)
		return nitro_th_sec_hex(argv[1], buf, NITRO_SEC_HASH_LEN) ?:
		       kstrtou32(argv[2], 0, &n) ?: nitro_sec_allow_add(buf, n);
	if (!strcmp(argv[0], "allow_clear") && argc == 1)
		return nitro_sec_allow_clear();
	if (!strcmp(argv[0], "policy") && argc == 2)
		return kstrtou32(argv[1], 0, &n) ?: nitro_sec_policy_set(n);
	if (!strcmp(argv[0], "stats") && argc == 1)
		return nitro_th_sec_stats();
	return -EINVAL;
}

static ssize_t nitro_th_sec_write(struct file *file, const char __user *ubuf,
				  size_t count, loff_t *ppos)
{
	char *buf, **argv;
	int argc, err;

	if (!count || count > NITRO_TH_SEC_IN_MAX)
		return -EINVAL;
	buf = memdup_user_nul(ubuf, count);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	argv = argv_split(GFP_KERNEL, buf, &argc);
	kfree(buf);
	if (!argv)
		return -ENOMEM;

	mutex_lock(&nitro_th_sec_lock);
	nitro_th_sec_out_len = 0;
	err = argc ? nitro_th_sec_run(argv, argc) : -EINVAL;
	mutex_unlock(&nitro_th_sec_lock);
	argv_free(argv);
	return err ? err : count;
}

static ssize_t nitro_th_sec_read(struct file *file, char __user *ubuf,
				 size_t count, loff_t *ppos)
{
	ssize_t ret;

	mutex_lock(&nitro_th_sec_lock);
	ret = simple_read_from_buffer(ubuf, count, ppos, nitro_th_sec_out,
				      nitro_th_sec_out_len);
	mutex_unlock(&nitro_th_sec_lock);
	return ret;
}

static const struct file_operations nitro_th_sec_fops = {
	.owner = THIS_MODULE,
	.write = nitro_th_sec_write,
	.read = nitro_th_sec_read,
	.llseek = default_llseek,
};

int nitro_testhooks_sec_init(struct dentry *dir)
{
	nitro_th_sec_out = kzalloc(NITRO_TH_SEC_OUT_MAX, GFP_KERNEL);
	if (!nitro_th_sec_out)
		return -ENOMEM;
	debugfs_create_file("sec", 0600, dir, NULL, &nitro_th_sec_fops);
	return 0;
}

void nitro_testhooks_sec_exit(void)
{
	kfree(nitro_th_sec_out);
	nitro_th_sec_out = NULL;
}
