// SPDX-License-Identifier: GPL-2.0
/*
 * The NVMe personality on nitro_ctrl's vfio-mdev front-end
 * (include/nitro_personality.h): BAR0 with registers, doorbells at 0x1000
 * (CAP.DSTRD 0) and the MSI-X table and PBA; guest memory through the
 * front-end's DMA helpers.
 */
#include <linux/module.h>
#include <linux/slab.h>

#include "nitro_personality.h"

#include "attach.h"
#include "nvme_fw.h"

struct nvme_fw_dev {
	struct nitro_dev *ndev;
	struct nvme_fw_attachment *att;
	struct nvme_fw_ctrl ctrl;
};

static int nvme_fw_host_read(void *ctx, u64 iova, void *buf, size_t len)
{
	struct nvme_fw_dev *d = ctx;

	return nitro_dev_dma_read(d->ndev, iova, buf, len);
}

static int nvme_fw_host_write(void *ctx, u64 iova, const void *buf, size_t len)
{
	struct nvme_fw_dev *d = ctx;

	return nitro_dev_dma_write(d->ndev, iova, buf, len);
}

static void nvme_fw_host_irq(void *ctx, u16 vector)
{
	struct nvme_fw_dev *d = ctx;

	nitro_dev_irq(d->ndev, vector);
}

static const struct nvme_fw_host_ops nvme_fw_nitro_host_ops = {
	.read	= nvme_fw_host_read,
	.write	= nvme_fw_host_write,
	.irq	= nvme_fw_host_irq,
};

/* DETACH with the device still there: under the attachment's write lock. */
static void nvme_fw_dev_detach(struct nvme_fw_attachment *a)
{
	struct nvme_fw_dev *d = a->dev;

	nitro_dev_set_gone(d->ndev);
	/* Queues, parked AERs and plaintext bounce buffers go now. */
	nvme_fw_ctrl_reset(&d->ctrl);
	d->ctrl.ns.backend = NULL;
	d->ctrl.ns.xts = NULL;
}

/* RESET by the controller: under the attachment's write lock. */
static void nvme_fw_dev_reset(struct nvme_fw_attachment *a)
{
	struct nvme_fw_dev *d = a->dev;

	nvme_fw_ctrl_rekey(&d->ctrl, a->ns.xts);
}

static int nvme_fw_pers_create(struct nitro_dev *ndev)
{
	struct nvme_fw_attachment *a;
	struct nvme_fw_dev *d;
	int ret = 0;

	a = nvme_fw_attachment_get(nitro_dev_uuid(ndev));
	if (!a)
		return -ENODEV;
	d = kzalloc(sizeof(*d), GFP_KERNEL);
	if (!d)
		return -ENOMEM;
	down_write(&a->lock);
	if (a->detached || a->dev) {
		ret = a->detached ? -ENODEV : -EBUSY;
		goto out;
	}
	d->ndev = ndev;
	d->att = a;
	nvme_fw_ctrl_init(&d->ctrl, &nvme_fw_nitro_host_ops, d);
	d->ctrl.ns = a->ns;
	d->ctrl.id = a->id;
	a->dev = d;
	a->dev_detach = nvme_fw_dev_detach;
	a->dev_reset = nvme_fw_dev_reset;
	nitro_dev_set_priv(ndev, d);
out:
	up_write(&a->lock);
	if (ret)
		kfree(d);
	return ret;
}

static void nvme_fw_pers_destroy(struct nitro_dev *ndev)
{
	struct nvme_fw_dev *d = nitro_dev_priv(ndev);
	struct nvme_fw_attachment *a = d->att;
	bool orphan;

	down_write(&a->lock);
	nvme_fw_ctrl_reset(&d->ctrl);
	a->dev = NULL;
	orphan = a->detached;
	up_write(&a->lock);
	if (orphan)
		kfree(a);
	kfree(d);
}

static int nvme_fw_pers_open(struct nitro_dev *ndev)
{
	return 0;
}

/* The last user closed the device: as after a power cycle. */
static void nvme_fw_pers_reset(struct nitro_dev *ndev)
{
	struct nvme_fw_dev *d = nitro_dev_priv(ndev);

	down_read(&d->att->lock);
	if (!d->att->detached)
		nvme_fw_ctrl_reset(&d->ctrl);
	up_read(&d->att->lock);
}

static u64 nvme_fw_pers_bar_read(struct nitro_dev *ndev, int bar, u32 off,
				 int size)
{
	struct nvme_fw_dev *d = nitro_dev_priv(ndev);
	u64 v = ~0ull;

	down_read(&d->att->lock);
	if (!d->att->detached && bar == 0)
		v = nvme_fw_bar_read(&d->ctrl, off, size);
	up_read(&d->att->lock);
	return v;
}

static void nvme_fw_pers_bar_write(struct nitro_dev *ndev, int bar, u32 off,
				   int size, u64 val)
{
	struct nvme_fw_dev *d = nitro_dev_priv(ndev);

	down_read(&d->att->lock);
	if (!d->att->detached && bar == 0)
		nvme_fw_bar_write(&d->ctrl, off, size, val);
	up_read(&d->att->lock);
}

static void nvme_fw_pers_doorbell(struct nitro_dev *ndev, u32 index, u32 value)
{
	struct nvme_fw_dev *d = nitro_dev_priv(ndev);

	down_read(&d->att->lock);
	if (!d->att->detached)
		nvme_fw_doorbell(&d->ctrl, index, value);
	up_read(&d->att->lock);
}

/*
 * Guest memory is only copied (nitro_dev_dma_read/write) inside calls the
 * front-end serializes with this one, and never pinned, so nothing refers
 * to the range once we are called.
 */
static void nvme_fw_pers_dma_unmap(struct nitro_dev *ndev, u64 iova, u64 len)
{
}

static const struct nitro_personality_ops nvme_fw_pers_ops = {
	.create		= nvme_fw_pers_create,
	.destroy	= nvme_fw_pers_destroy,
	.open		= nvme_fw_pers_open,
	.close		= nvme_fw_pers_reset,
	.bar_read	= nvme_fw_pers_bar_read,
	.bar_write	= nvme_fw_pers_bar_write,
	.doorbell	= nvme_fw_pers_doorbell,
	.reset		= nvme_fw_pers_reset,
	.dma_unmap	= nvme_fw_pers_dma_unmap,
};

static const struct nitro_personality nvme_fw_personality = {
	.name		= "nvme",
	.description	= "NVMe 1.4 controller, one namespace, AES-256-XTS",
	.owner		= THIS_MODULE,
	.id = {
		.vendor		= 0x1d0f,
		.device		= 0x4e56,
		.subsys_vendor	= 0x1d0f,
		.subsys_device	= 0x4e56,
		.class_code	= 0x010802,
	},
	.bars = {
		[0] = { .size = NVME_FW_BAR0_SIZE, .is_64bit = true },
	},
	.msix_bar		= 0,
	.msix_table_offset	= NVME_FW_MSIX_TABLE,
	.msix_pba_offset	= NVME_FW_MSIX_PBA,
	.msix_vectors		= NVME_FW_NR_VECTORS,
	.db_bar			= 0,
	.db_offset		= NVME_REG_DBS,
	.db_stride		= 4,
	.nr_doorbells		= NVME_FW_NR_DOORBELLS,
	.ops			= &nvme_fw_pers_ops,
};

int nvme_fw_personality_register(void)
{
	return nitro_personality_register(&nvme_fw_personality);
}

void nvme_fw_personality_unregister(void)
{
	nitro_personality_unregister(&nvme_fw_personality);
}
