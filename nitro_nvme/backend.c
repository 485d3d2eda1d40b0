// SPDX-License-Identifier: GPL-2.0
/*
 * Volumes backed by a host block device or a regular file.
 *
 * Both are reached through the VFS: a block device node is opened with
 * O_EXCL, which claims it exclusively (no mount, no second user), a regular
 * file is used as is. Writes go through the page cache, which is exactly the
 * volatile write cache the controller reports (Identify VWC): Flush and FUA
 * become vfs_fsync_range(), and with the cache disabled by Set Features 06h
 * every write is made durable before it completes.
 */
#include <linux/blkdev.h>
#include <linux/falloc.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/sched.h>
#include <linux/slab.h>

#include "backend.h"

static int nvme_fw_file_read(struct nvme_fw_backend *be, u64 pos, void *buf,
			     size_t len)
{
	loff_t off = pos;
	ssize_t n;

	while (len) {
		n = kernel_read(be->file, buf, len, &off);
		if (n < 0)
			return n;
		if (!n)
			return -EIO;	/* short volume: never return stale bytes */
		buf += n;
		len -= n;
	}
	return 0;
}

static int nvme_fw_file_write(struct nvme_fw_backend *be, u64 pos,
			      const void *buf, size_t len, bool fua)
{
	loff_t off = pos;
	size_t left = len;
	ssize_t n;

	while (left) {
		n = kernel_write(be->file, buf, left, &off);
		if (n < 0)
			return n;
		if (!n)
			return -EIO;
		buf += n;
		left -= n;
	}
	if (fua)
		return vfs_fsync_range(be->file, pos, pos + len - 1, 1);
	return 0;
}

static int nvme_fw_file_flush(struct nvme_fw_backend *be)
{
	return vfs_fsync(be->file, 0);
}

static int nvme_fw_file_discard(struct nvme_fw_backend *be, u64 pos, u64 len)
{
	return vfs_fallocate(be->file, FALLOC_FL_PUNCH_HOLE |
			     FALLOC_FL_KEEP_SIZE, pos, len);
}

static void nvme_fw_file_close(struct nvme_fw_backend *be)
{
	fput(be->file);
	/*
	 * A kernel thread's (the mailbox responder's) last fput is deferred
	 * to a work item: finish it, so that once DETACH is answered the
	 * block device's exclusive claim is gone.
	 */
	if (current->flags & PF_KTHREAD)
		flush_delayed_fput();
}

static const struct nvme_fw_backend_ops nvme_fw_file_ops = {
	.read		= nvme_fw_file_read,
	.write		= nvme_fw_file_write,
	.flush		= nvme_fw_file_flush,
	.discard	= nvme_fw_file_discard,
	.close		= nvme_fw_file_close,
};

struct nvme_fw_backend *nvme_fw_backend_open(const char *path, bool read_only)
{
	struct nvme_fw_backend *be;
	struct inode *inode;
	struct file *f;
	int flags = (read_only ? O_RDONLY : O_RDWR) | O_LARGEFILE | O_CLOEXEC;
	int ret;

	/* Only an absolute path: the controller is not anyone's cwd. */
	if (path[0] != '/')
		return ERR_PTR(-EINVAL);
	/*
	 * O_EXCL without O_CREAT claims a block device exclusively and means
	 * nothing for a regular file.
	 */
	f = filp_open(path, flags | O_EXCL, 0);
	if (IS_ERR(f))
		return ERR_CAST(f);
	inode = file_inode(f);
	if (!S_ISBLK(inode->i_mode) && !S_ISREG(inode->i_mode)) {
		ret = -EINVAL;
		goto err_put;
	}
	be = kzalloc(sizeof(*be), GFP_KERNEL);
	if (!be) {
		ret = -ENOMEM;
		goto err_put;
	}
	be->ops = &nvme_fw_file_ops;
	be->file = f;
	be->size = S_ISBLK(inode->i_mode) ? bdev_nr_bytes(I_BDEV(f->f_mapping->host)) :
		   i_size_read(inode);
	return be;

err_put:
	fput(f);
	return ERR_PTR(ret);
}

void nvme_fw_backend_close(struct nvme_fw_backend *be)
{
	if (!be)
		return;
	if (be->ops->close)
		be->ops->close(be);
	kfree(be);
}
