/* SPDX-License-Identifier: GPL-2.0 */
/*
 * How the device model reaches its guest: guest memory by IOVA and
 * interrupt vectors. The personality glue implements it with nitro_ctrl's
 * nitro_dev_dma_read/write and nitro_dev_irq; the KUnit suite with a fake
 * guest memory array, so every walk of guest-supplied pointers is tested
 * without a front-end.
 */
#ifndef _NITRO_NVME_GMEM_H
#define _NITRO_NVME_GMEM_H

#include <linux/types.h>

struct nvme_fw_host_ops {
	/* 0 or a negative errno; an IOVA the guest did not map fails. */
	int (*read)(void *ctx, u64 iova, void *buf, size_t len);
	int (*write)(void *ctx, u64 iova, const void *buf, size_t len);
	/* Signal MSI-X vector @vector. */
	void (*irq)(void *ctx, u16 vector);
};

#endif /* _NITRO_NVME_GMEM_H */
