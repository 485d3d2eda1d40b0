// SPDX-License-Identifier: GPL-2.0
/*
 * Test-only: the "test" personality (mdev type nitro-test) and the
 * provisioning hooks the front-end selftest drives. Built only with
 * CONFIG_NITRO_TEST_HOOKS.
 *
 *   /sys/kernel/debug/nitro/provision    write "<uuid> <personality>"
 *   /sys/kernel/debug/nitro/unprovision  write "<uuid>" (detach)
 *
 * The test device (Documentation/frontend.rst has the register map):
 * BAR0, 16 KiB, 64-bit: registers at 0x000-0x0ff, eight doorbells at
 * 0x1000 (a write of V to doorbell I raises MSI-X vector V), the MSI-X
 * table of four vectors at 0x2000 and its PBA at 0x3000. BAR2, 4 KiB,
 * 32-bit: plain memory. Commands copy guest memory through the
 * front-end's helpers, or pin it and hold it so that dma_unmap and close
 * have pins to drop.
 */
#include <linux/debugfs.h>
#include <linux/highmem.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "fe.h"

enum {
	TEST_REG_ID		= 0x00,	/* RO NITRO_TEST_ID */
	TEST_REG_SCRATCH	= 0x08,	/* RW 64 */
	TEST_REG_SRC		= 0x10,	/* RW 64: source IOVA */
	TEST_REG_DST		= 0x18,	/* RW 64: destination IOVA */
	TEST_REG_LEN		= 0x20,	/* RW 32: bytes */
	TEST_REG_CMD		= 0x24,	/* WO 32: enum test_cmd */
	TEST_REG_STATUS		= 0x28,	/* RO 32: result of the last command */
	TEST_REG_HELD		= 0x2c,	/* RO 32: pages held pinned */
	TEST_REG_OPENS		= 0x30,	/* RO 32: callback counters */
	TEST_REG_CLOSES		= 0x34,
	TEST_REG_RESETS		= 0x38,
	TEST_REG_UNMAPS		= 0x3c,
	TEST_REG_DOORBELLS	= 0x40,
	TEST_REG_LAST_DB	= 0x44,	/* RO 32: index of the last doorbell */
	TEST_REG_LAST_DB_VAL	= 0x48,	/* RO 32: its value */
	TEST_REGS_SIZE		= 0x100,
};

enum test_cmd {
	TEST_CMD_COPY		= 1,	/* SRC -> DST with dma_read/dma_write */
	TEST_CMD_COPY_PINNED	= 2,	/* SRC -> DST through pinned pages */
	TEST_CMD_HOLD		= 3,	/* pin DST..DST+LEN and keep the pins */
	TEST_CMD_RELEASE	= 4,	/* unpin what HOLD pinned */
};

#define NITRO_TEST_ID		0x7e577e57
#define TEST_COPY_MAX		SZ_1M
#define TEST_MAX_PAGES		512

struct nitro_test_dev {
	u8 regs[TEST_REGS_SIZE];
	u8 ram[SZ_4K];
	atomic_t doorbells;
	u32 last_db, last_db_val;
	u64 held_iova;
	int held_npages;
	struct page *pages[TEST_MAX_PAGES];
	struct page *pages2[TEST_MAX_PAGES];
};

static struct dentry *nitro_test_dir;

static u32 reg32(struct nitro_test_dev *t, u32 off)
{
	u32 v;

	memcpy(&v, t->regs + off, 4);
	return le32_to_cpu((__force __le32)v);
}

static void set_reg32(struct nitro_test_dev *t, u32 off, u32 val)
{
	__le32 v = cpu_to_le32(val);

	memcpy(t->regs + off, &v, 4);
}

static u64 reg64(struct nitro_test_dev *t, u32 off)
{
	return reg32(t, off) | (u64)reg32(t, off + 4) << 32;
}

static void test_release_held(struct nitro_dev *dev, struct nitro_test_dev *t)
{
	if (t->held_npages)
		nitro_dev_unpin(dev, t->held_iova, t->held_npages);
	t->held_npages = 0;
}

static int test_copy(struct nitro_dev *dev, u64 src, u64 dst, u32 len)
{
	void *buf;
	int err;

	if (len > TEST_COPY_MAX)
		return -EINVAL;
	buf = kvmalloc(len ?: 1, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	err = nitro_dev_dma_read(dev, src, buf, len);
	if (!err)
		err = nitro_dev_dma_write(dev, dst, buf, len);
	kvfree(buf);
	return err;
}

static int test_npages(u64 iova, u32 len)
{
	return DIV_ROUND_UP(offset_in_page(iova) + (u64)len, PAGE_SIZE);
}

/* Page by page through kmap, both ranges pinned for the whole copy. */
static int test_copy_pinned(struct nitro_dev *dev, struct nitro_test_dev *t,
			    u64 src, u64 dst, u32 len)
{
	int ns = test_npages(src, len), nd = test_npages(dst, len);
	u64 done = 0;
	int err;

	if (!len)
		return 0;
	if (ns > TEST_MAX_PAGES || nd > TEST_MAX_PAGES)
		return -EINVAL;
	err = nitro_dev_pin(dev, src & PAGE_MASK, ns, false, t->pages);
	if (err)
		return err;
	err = nitro_dev_pin(dev, dst & PAGE_MASK, nd, true, t->pages2);
	if (err)
		goto out_unpin_src;

	while (done < len) {
		u64 s = offset_in_page(src) + done, d = offset_in_page(dst) + done;
		u32 n = min_t(u64, min_t(u64, PAGE_SIZE - s % PAGE_SIZE,
					 PAGE_SIZE - d % PAGE_SIZE),
			      len - done);
		void *from = kmap_local_page(t->pages[s / PAGE_SIZE]);
		void *to = kmap_local_page(t->pages2[d / PAGE_SIZE]);

		memcpy(to + d % PAGE_SIZE, from + s % PAGE_SIZE, n);
		kunmap_local(to);
		kunmap_local(from);
		done += n;
	}
	nitro_dev_unpin(dev, dst & PAGE_MASK, nd);
out_unpin_src:
	nitro_dev_unpin(dev, src & PAGE_MASK, ns);
	return err;
}

static int test_hold(struct nitro_dev *dev, struct nitro_test_dev *t,
		     u64 iova, u32 len)
{
	int n = test_npages(iova, len);
	int err;

	if (t->held_npages)
		return -EBUSY;
	if (!len || n > TEST_MAX_PAGES)
		return -EINVAL;
	err = nitro_dev_pin(dev, iova & PAGE_MASK, n, true, t->pages);
	if (err)
		return err;
	t->held_iova = iova & PAGE_MASK;
	t->held_npages = n;
	return 0;
}

static void test_command(struct nitro_dev *dev, struct nitro_test_dev *t)
{
	u64 src = reg64(t, TEST_REG_SRC), dst = reg64(t, TEST_REG_DST);
	u32 len = reg32(t, TEST_REG_LEN);
	int err;

	switch (reg32(t, TEST_REG_CMD)) {
	case TEST_CMD_COPY:
		err = test_copy(dev, src, dst, len);
		break;
	case TEST_CMD_COPY_PINNED:
		err = test_copy_pinned(dev, t, src, dst, len);
		break;
	case TEST_CMD_HOLD:
		err = test_hold(dev, t, dst, len);
		break;
	case TEST_CMD_RELEASE:
		test_release_held(dev, t);
		err = 0;
		break;
	default:
		err = -EINVAL;
		break;
	}
	set_reg32(t, TEST_REG_CMD, 0);
	set_reg32(t, TEST_REG_STATUS, err);
}

static int test_create(struct nitro_dev *dev)
{
	struct nitro_test_dev *t = kzalloc(sizeof(*t), GFP_KERNEL);

	if (!t)
		return -ENOMEM;
	set_reg32(t, TEST_REG_ID, NITRO_TEST_ID);
	nitro_dev_set_priv(dev, t);
	return 0;
}

static void test_destroy(struct nitro_dev *dev)
{
	kfree(nitro_dev_priv(dev));
}

static void test_bump(struct nitro_test_dev *t, u32 reg)
{
	set_reg32(t, reg, reg32(t, reg) + 1);
}

static int test_open(struct nitro_dev *dev)
{
	test_bump(nitro_dev_priv(dev), TEST_REG_OPENS);
	return 0;
}

static void test_close(struct nitro_dev *dev)
{
	struct nitro_test_dev *t = nitro_dev_priv(dev);

	test_release_held(dev, t);
	test_bump(t, TEST_REG_CLOSES);
}

static u64 test_bar_read(struct nitro_dev *dev, int bar, u32 off, int size)
{
	struct nitro_test_dev *t = nitro_dev_priv(dev);
	u64 val = 0;

	if (bar == 2) {
		memcpy(&val, t->ram + off, size);
		return le64_to_cpu((__force __le64)val);
	}
	if (bar != 0 || off >= TEST_REGS_SIZE)
		return 0;
	set_reg32(t, TEST_REG_HELD, t->held_npages);
	set_reg32(t, TEST_REG_DOORBELLS, atomic_read(&t->doorbells));
	set_reg32(t, TEST_REG_LAST_DB, READ_ONCE(t->last_db));
	set_reg32(t, TEST_REG_LAST_DB_VAL, READ_ONCE(t->last_db_val));
	memcpy(&val, t->regs + off, size);
	return le64_to_cpu((__force __le64)val);
}

/* Bytes of the RW registers (SCRATCH, SRC, DST, LEN) and CMD. */
static bool test_writable(u32 off)
{
	return off >= TEST_REG_SCRATCH && off < TEST_REG_STATUS;
}

static void test_bar_write(struct nitro_dev *dev, int bar, u32 off, int size,
			   u64 val)
{
	struct nitro_test_dev *t = nitro_dev_priv(dev);
	bool cmd = false;
	int i;

	if (bar == 2) {
		for (i = 0; i < size; i++)
			t->ram[off + i] = val >> (8 * i);
		return;
	}
	if (bar != 0 || off >= TEST_REGS_SIZE)
		return;
	for (i = 0; i < size; i++) {
		if (!test_writable(off + i))
			continue;
		t->regs[off + i] = val >> (8 * i);
		if (off + i >= TEST_REG_CMD)
			cmd = true;
	}
	if (cmd)
		test_command(dev, t);
}

static void test_doorbell(struct nitro_dev *dev, u32 index, u32 value)
{
	struct nitro_test_dev *t = nitro_dev_priv(dev);

	atomic_inc(&t->doorbells);
	WRITE_ONCE(t->last_db, index);
	WRITE_ONCE(t->last_db_val, value);
	nitro_dev_irq(dev, value);
}

static void test_reset(struct nitro_dev *dev)
{
	struct nitro_test_dev *t = nitro_dev_priv(dev);

	test_release_held(dev, t);
	memset(t->regs + TEST_REG_SCRATCH, 0, TEST_REG_HELD - TEST_REG_SCRATCH);
	memset(t->ram, 0, sizeof(t->ram));
	test_bump(t, TEST_REG_RESETS);
}

/*
 * Stop using the range: forget the held pins if they overlap it, without
 * unpinning, so that the front-end's own cleanup is what gets tested.
 */
static void test_dma_unmap(struct nitro_dev *dev, u64 iova, u64 len)
{
	struct nitro_test_dev *t = nitro_dev_priv(dev);
	u64 hlen = (u64)t->held_npages << PAGE_SHIFT;

	test_bump(t, TEST_REG_UNMAPS);
	if (t->held_npages && iova < t->held_iova + hlen &&
	    t->held_iova < iova + len)
		t->held_npages = 0;
}

static const struct nitro_personality_ops nitro_test_ops = {
	.create = test_create,
	.destroy = test_destroy,
	.open = test_open,
	.close = test_close,
	.bar_read = test_bar_read,
	.bar_write = test_bar_write,
	.doorbell = test_doorbell,
	.reset = test_reset,
	.dma_unmap = test_dma_unmap,
};

static const struct nitro_personality nitro_test_personality = {
	.name = "test",
	.description = "Nitro front-end test device",
	.owner = THIS_MODULE,
	.id = {
		.vendor = 0x1d0f,	/* never bound by a stock driver: */
		.device = 0xfe57,	/* an ID no driver lists */
		.subsys_vendor = 0x1d0f,
		.subsys_device = 0x0001,
		.class_code = 0xff0000,	/* unassigned class */
		.revision = 1,
	},
	.bars = {
		[0] = { .size = SZ_16K, .is_64bit = true },
		[2] = { .size = SZ_4K },
	},
	.msix_bar = 0,
	.msix_table_offset = 0x2000,
	.msix_pba_offset = 0x3000,
	.msix_vectors = 4,
	.db_bar = 0,
	.db_offset = 0x1000,
	.db_stride = 4,
	.nr_doorbells = 8,
	.ops = &nitro_test_ops,
};

static char *test_read_arg(const char __user *ubuf, size_t count)
{
	char *buf;

	if (!count || count > 80)
		return ERR_PTR(-EINVAL);
	buf = memdup_user_nul(ubuf, count);
	if (!IS_ERR(buf))
		strim(buf);
	return buf;
}

static ssize_t test_provision_write(struct file *file, const char __user *ubuf,
				    size_t count, loff_t *ppos)
{
	char *buf, *name;
	guid_t uuid;
	int err;

	buf = test_read_arg(ubuf, count);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	name = strchr(buf, ' ');
	err = -EINVAL;
	if (name) {
		*name++ = '\0';
		err = guid_parse(buf, &uuid);
		if (!err)
			err = nitro_dev_provision(&uuid, strim(name));
	}
	kfree(buf);
	return err ? err : count;
}

static ssize_t test_unprovision_write(struct file *file,
				      const char __user *ubuf, size_t count,
				      loff_t *ppos)
{
	guid_t uuid;
	char *buf;
	int err;

	buf = test_read_arg(ubuf, count);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	err = guid_parse(buf, &uuid);
	if (!err)
		err = nitro_dev_unprovision(&uuid);
	kfree(buf);
	return err ? err : count;
}

static const struct file_operations test_provision_fops = {
	.owner = THIS_MODULE,
	.write = test_provision_write,
	.llseek = noop_llseek,
};

static const struct file_operations test_unprovision_fops = {
	.owner = THIS_MODULE,
	.write = test_unprovision_write,
	.llseek = noop_llseek,
};

int nitro_testhooks_fe_init(struct dentry *dir)
{
	int err;

	err = nitro_personality_register(&nitro_test_personality);
	if (err)
		return err;
	nitro_test_dir = dir;
	debugfs_create_file("provision", 0200, dir, NULL, &test_provision_fops);
	debugfs_create_file("unprovision", 0200, dir, NULL,
			    &test_unprovision_fops);
	return 0;
}

void nitro_testhooks_fe_exit(void)
{
	nitro_personality_unregister(&nitro_test_personality);
}
