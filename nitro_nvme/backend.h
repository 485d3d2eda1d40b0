/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The volume behind a namespace. It only ever sees ciphertext: io.c encrypts
 * before write and decrypts after read. A backend call returns only after
 * the backend completed the operation, so nothing is acknowledged to the
 * guest early.
 */
#ifndef _NITRO_NVME_BACKEND_H
#define _NITRO_NVME_BACKEND_H

#include <linux/types.h>

struct file;
struct nvme_fw_backend;

struct nvme_fw_backend_ops {
	/* 0 or a negative errno; @len bytes at byte offset @pos. */
	int (*read)(struct nvme_fw_backend *be, u64 pos, void *buf, size_t len);
	int (*write)(struct nvme_fw_backend *be, u64 pos, const void *buf,
		     size_t len, bool fua);
	int (*flush)(struct nvme_fw_backend *be);
	/* Advisory: the range's contents become unspecified. */
	int (*discard)(struct nvme_fw_backend *be, u64 pos, u64 len);
	void (*close)(struct nvme_fw_backend *be);
};

struct nvme_fw_backend {
	const struct nvme_fw_backend_ops *ops;
	u64 size;			/* bytes */
	struct file *file;
	void *priv;
};

struct nvme_fw_backend *nvme_fw_backend_open(const char *path, bool read_only);
void nvme_fw_backend_close(struct nvme_fw_backend *be);

#endif /* _NITRO_NVME_BACKEND_H */
