// SPDX-License-Identifier: GPL-2.0
/*
 * The vfio device of a front-end mdev: what a VFIO user (QEMU, or a
 * userspace driver) sees. A vfio-pci device with the nine PCI regions (BARs
 * 0-5, no ROM, a 4 KiB config space, no VGA) at offset index << 40 in the
 * device file, read and written with pread/pwrite (no mmap), the five PCI
 * IRQ indexes (INTx, no MSI, MSI-X, no ERR, REQ) and VFIO_DEVICE_RESET.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/eventfd.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/vfio.h>

#include "fe.h"

#define FE_REGION_SHIFT		40
#define FE_REGION_OFF_MASK	((1ULL << FE_REGION_SHIFT) - 1)

static struct nitro_dev *to_nitro_dev(struct vfio_device *vdev)
{
	return container_of(vdev, struct nitro_dev, vdev);
}

static u64 region_size(struct nitro_dev *dev, u32 index)
{
	if (index < NITRO_DEV_NR_BARS)
		return dev->p->bars[index].size;
	if (index == VFIO_PCI_CONFIG_REGION_INDEX)
		return NITRO_FE_CFG_SIZE;
	return 0;
}

static void fe_vfio_release(struct vfio_device *vdev)
{
	struct nitro_dev *dev = to_nitro_dev(vdev);

	if (dev->p)
		nitro_fe_dev_fini(dev);
	vfio_free_device(vdev);
}

/* The device opens in its reset state. */
static int fe_vfio_open(struct vfio_device *vdev)
{
	struct nitro_dev *dev = to_nitro_dev(vdev);
	int err = 0;

	down_write(&dev->ops_lock);
	nitro_fe_dev_reset(dev);
	if (dev->p->ops->open)
		err = dev->p->ops->open(dev);
	if (!err)
		dev->open = true;
	up_write(&dev->ops_lock);
	return err;
}

static void fe_unpin_one(void *ctx, u64 iova)
{
	struct nitro_dev *dev = ctx;

	vfio_unpin_pages(&dev->vdev, iova, 1);
}

static void fe_drop_pins(struct nitro_dev *dev, u64 iova, u64 len)
{
	unsigned long n;

	mutex_lock(&dev->pin_lock);
	n = nitro_fe_pins_drop_range(&dev->pins, iova, len, fe_unpin_one, dev);
	mutex_unlock(&dev->pin_lock);
	atomic64_add(n, &dev->stats.unpinned_by_fe);
}

static void fe_vfio_close(struct vfio_device *vdev)
{
	struct nitro_dev *dev = to_nitro_dev(vdev);

	down_write(&dev->ops_lock);
	if (dev->open && dev->p->ops->close)
		dev->p->ops->close(dev);
	dev->open = false;
	up_write(&dev->ops_lock);

	nitro_fe_irq_disable_all(dev);
	/* The device is still open for vfio until we return: unpin now. */
	fe_drop_pins(dev, 0, U64_MAX);
}

static void fe_vfio_dma_unmap(struct vfio_device *vdev, u64 iova, u64 len)
{
	struct nitro_dev *dev = to_nitro_dev(vdev);

	down_write(&dev->ops_lock);
	atomic64_inc(&dev->stats.dma_unmaps);
	if (dev->open && dev->p->ops->dma_unmap)
		dev->p->ops->dma_unmap(dev, iova, len);
	/* Whatever the personality left in the range: type1 BUGs on it. */
	fe_drop_pins(dev, iova, len);
	up_write(&dev->ops_lock);
}

/* The largest naturally aligned access at @pos that fits in @left. */
static int chunk_size(u64 pos, u64 left, int max)
{
	int sz;

	for (sz = max; sz > 1; sz >>= 1)
		if (IS_ALIGNED(pos, sz) && left >= sz)
			break;
	return sz;
}

static ssize_t fe_vfio_rw(struct vfio_device *vdev, char __user *ubuf,
			  size_t count, loff_t *ppos, bool write)
{
	struct nitro_dev *dev = to_nitro_dev(vdev);
	u32 index = (u64)*ppos >> FE_REGION_SHIFT;
	u64 off = *ppos & FE_REGION_OFF_MASK;
	u64 size = index < VFIO_PCI_NUM_REGIONS ? region_size(dev, index) : 0;
	bool cfg = index == VFIO_PCI_CONFIG_REGION_INDEX;
	size_t done = 0;
	int sz, err;

	if (*ppos < 0 || !size || off >= size || count > size - off) {
		atomic64_inc(&dev->stats.bad_access);
		return -EINVAL;
	}
	while (done < count) {
		u64 pos = off + done;
		__le64 le = 0;
		u64 val = 0;
		u32 v32;

		sz = chunk_size(pos, count - done, cfg ? 4 : 8);
		if (write) {
			if (copy_from_user(&le, ubuf + done, sz))
				return done ? done : -EFAULT;
			val = le64_to_cpu(le);
			err = cfg ? nitro_fe_cfg_write(dev, pos, sz, val) :
				    nitro_fe_bar_write(dev, index, pos, sz, val);
		} else {
			if (cfg) {
				err = nitro_fe_cfg_read(dev, pos, sz, &v32);
				val = v32;
			} else {
				err = nitro_fe_bar_read(dev, index, pos, sz, &val);
			}
			le = cpu_to_le64(val);
			if (!err && copy_to_user(ubuf + done, &le, sz))
				return done ? done : -EFAULT;
		}
		if (err)
			return done ? done : err;
		done += sz;
	}
	*ppos += count;
	return count;
}

static ssize_t fe_vfio_read(struct vfio_device *vdev, char __user *buf,
			    size_t count, loff_t *ppos)
{
	return fe_vfio_rw(vdev, buf, count, ppos, false);
}

static ssize_t fe_vfio_write(struct vfio_device *vdev, const char __user *buf,
			     size_t count, loff_t *ppos)
{
	return fe_vfio_rw(vdev, (char __user *)buf, count, ppos, true);
}

/* BARs are emulated register by register: nothing to map. */
static int fe_vfio_mmap(struct vfio_device *vdev, struct vm_area_struct *vma)
{
	return -EINVAL;
}

static int fe_get_info(struct nitro_dev *dev, void __user *arg)
{
	unsigned long minsz = offsetofend(struct vfio_device_info, num_irqs);
	struct vfio_device_info info;

	if (copy_from_user(&info, arg, minsz))
		return -EFAULT;
	if (info.argsz < minsz)
		return -EINVAL;
	info.flags = VFIO_DEVICE_FLAGS_PCI | VFIO_DEVICE_FLAGS_RESET;
	info.num_regions = VFIO_PCI_NUM_REGIONS;
	info.num_irqs = VFIO_PCI_NUM_IRQS;
	return copy_to_user(arg, &info, minsz) ? -EFAULT : 0;
}

static int fe_get_region_info(struct nitro_dev *dev, void __user *arg)
{
	unsigned long minsz = offsetofend(struct vfio_region_info, offset);
	struct vfio_region_info info;

	if (copy_from_user(&info, arg, minsz))
		return -EFAULT;
	if (info.argsz < minsz || info.index >= VFIO_PCI_NUM_REGIONS)
		return -EINVAL;
	info.offset = (u64)info.index << FE_REGION_SHIFT;
	info.size = region_size(dev, info.index);
	info.flags = info.size ? VFIO_REGION_INFO_FLAG_READ |
				 VFIO_REGION_INFO_FLAG_WRITE : 0;
	info.cap_offset = 0;
	return copy_to_user(arg, &info, minsz) ? -EFAULT : 0;
}

static u32 fe_irq_count(struct nitro_dev *dev, u32 index)
{
	switch (index) {
	case VFIO_PCI_INTX_IRQ_INDEX:
	case VFIO_PCI_REQ_IRQ_INDEX:
		return 1;
	case VFIO_PCI_MSIX_IRQ_INDEX:
		return dev->msix.nr;
	default:
		return 0;
	}
}

static int fe_get_irq_info(struct nitro_dev *dev, void __user *arg)
{
	unsigned long minsz = offsetofend(struct vfio_irq_info, count);
	struct vfio_irq_info info;

	if (copy_from_user(&info, arg, minsz))
		return -EFAULT;
	if (info.argsz < minsz || info.index >= VFIO_PCI_NUM_IRQS)
		return -EINVAL;
	info.count = fe_irq_count(dev, info.index);
	info.flags = info.count ? VFIO_IRQ_INFO_EVENTFD : 0;
	if (info.index == VFIO_PCI_INTX_IRQ_INDEX)
		info.flags |= VFIO_IRQ_INFO_MASKABLE | VFIO_IRQ_INFO_AUTOMASKED;
	else if (info.count)
		info.flags |= VFIO_IRQ_INFO_NORESIZE;
	return copy_to_user(arg, &info, minsz) ? -EFAULT : 0;
}

/* Loopback: DATA_NONE fires every vector in range, DATA_BOOL the true ones. */
static bool irq_loopback_want(struct vfio_irq_set *hdr, u8 *data, u32 i)
{
	return (hdr->flags & VFIO_IRQ_SET_DATA_NONE) || data[i];
}

static void fe_signal(struct nitro_dev *dev, struct eventfd_ctx *ctx)
{
	lockdep_assert_held(&dev->irq_lock);
	if (ctx) {
		eventfd_signal(ctx, 1);
		atomic64_inc(&dev->stats.irqs);
	}
}

static int fe_set_msix_trigger(struct nitro_dev *dev, struct vfio_irq_set *hdr,
			       void *data)
{
	struct eventfd_ctx **ctxs;
	u32 i;
	int err = 0;

	if (hdr->flags & VFIO_IRQ_SET_DATA_NONE && !hdr->count) {
		/* Disable the index. */
		spin_lock_irq(&dev->irq_lock);
		if (dev->irq_mode == NITRO_FE_IRQ_MSIX) {
			for (i = 0; i < dev->msix.nr; i++) {
				if (dev->msix_trigger[i])
					eventfd_ctx_put(dev->msix_trigger[i]);
				dev->msix_trigger[i] = NULL;
				nitro_fe_msix_set_mask(&dev->msix, i, true);
			}
			dev->irq_mode = NITRO_FE_IRQ_NONE;
		}
		spin_unlock_irq(&dev->irq_lock);
		return 0;
	}
	if (!(hdr->flags & VFIO_IRQ_SET_DATA_EVENTFD)) {
		spin_lock_irq(&dev->irq_lock);
		if (dev->irq_mode == NITRO_FE_IRQ_MSIX)
			for (i = 0; i < hdr->count; i++)
				if (irq_loopback_want(hdr, data, i))
					fe_signal(dev,
						  dev->msix_trigger[hdr->start + i]);
		spin_unlock_irq(&dev->irq_lock);
		return 0;
	}

	/* Take every eventfd first, so that a bad one changes nothing. */
	ctxs = kcalloc(hdr->count, sizeof(*ctxs), GFP_KERNEL);
	if (!ctxs)
		return -ENOMEM;
	for (i = 0; i < hdr->count; i++) {
		s32 fd = ((s32 *)data)[i];

		if (fd < 0)
			continue;
		ctxs[i] = eventfd_ctx_fdget(fd);
		if (IS_ERR(ctxs[i])) {
			err = PTR_ERR(ctxs[i]);
			ctxs[i] = NULL;
			goto out_put;
		}
	}

	spin_lock_irq(&dev->irq_lock);
	if (dev->irq_mode == NITRO_FE_IRQ_INTX) {
		spin_unlock_irq(&dev->irq_lock);
		err = -EBUSY;
		goto out_put;
	}
	dev->irq_mode = NITRO_FE_IRQ_MSIX;
	for (i = 0; i < hdr->count; i++) {
		u32 v = hdr->start + i;

		swap(dev->msix_trigger[v], ctxs[i]);
		nitro_fe_msix_set_mask(&dev->msix, v, !dev->msix_trigger[v]);
	}
	spin_unlock_irq(&dev->irq_lock);
	/* A vector that was pending while unassigned fires now. */
	nitro_fe_irq_signal_pending(dev);

out_put:
	/* The new ones on error, the replaced ones on success. */
	for (i = 0; i < hdr->count; i++)
		if (ctxs[i])
			eventfd_ctx_put(ctxs[i]);
	kfree(ctxs);
	return err;
}

static int fe_set_single_trigger(struct nitro_dev *dev,
				 struct vfio_irq_set *hdr, void *data,
				 struct eventfd_ctx **slot, bool intx)
{
	struct eventfd_ctx *ctx = NULL, *old;

	if (!(hdr->flags & VFIO_IRQ_SET_DATA_EVENTFD)) {
		if (!hdr->count) {
			ctx = NULL;	/* disable */
		} else {
			spin_lock_irq(&dev->irq_lock);
			if (irq_loopback_want(hdr, data, 0))
				fe_signal(dev, *slot);
			spin_unlock_irq(&dev->irq_lock);
			return 0;
		}
	} else if (*(s32 *)data >= 0) {
		ctx = eventfd_ctx_fdget(*(s32 *)data);
		if (IS_ERR(ctx))
			return PTR_ERR(ctx);
	}

	spin_lock_irq(&dev->irq_lock);
	if (intx && ctx && dev->irq_mode == NITRO_FE_IRQ_MSIX) {
		spin_unlock_irq(&dev->irq_lock);
		eventfd_ctx_put(ctx);
		return -EBUSY;
	}
	old = *slot;
	*slot = ctx;
	if (intx) {
		if (ctx)
			dev->irq_mode = NITRO_FE_IRQ_INTX;
		else if (dev->irq_mode == NITRO_FE_IRQ_INTX)
			dev->irq_mode = NITRO_FE_IRQ_NONE;
		dev->intx_masked = false;
	}
	spin_unlock_irq(&dev->irq_lock);
	if (old)
		eventfd_ctx_put(old);
	return 0;
}

static int fe_set_intx_mask(struct nitro_dev *dev, struct vfio_irq_set *hdr,
			    u8 *data, bool mask)
{
	if (hdr->flags & VFIO_IRQ_SET_DATA_EVENTFD)
		return -EINVAL;	/* no irqfd unmasking */
	if (!hdr->count || !irq_loopback_want(hdr, data, 0))
		return 0;
	spin_lock_irq(&dev->irq_lock);
	dev->intx_masked = mask;
	/* The interrupt the guest acknowledged is no longer pending. */
	if (!mask)
		nitro_fe_config_set_intx_status(&dev->cfg, false);
	spin_unlock_irq(&dev->irq_lock);
	return 0;
}

static int fe_set_irqs(struct nitro_dev *dev, void __user *arg)
{
	unsigned long minsz = offsetofend(struct vfio_irq_set, count);
	struct vfio_irq_set hdr;
	size_t data_size = 0;
	u32 action;
	void *data = NULL;
	int err;

	if (copy_from_user(&hdr, arg, minsz))
		return -EFAULT;
	err = vfio_set_irqs_validate_and_prepare(&hdr,
						 hdr.index < VFIO_PCI_NUM_IRQS ?
						 fe_irq_count(dev, hdr.index) : 0,
						 VFIO_PCI_NUM_IRQS, &data_size);
	if (err)
		return err;
	if (data_size) {
		data = memdup_user(arg + minsz, data_size);
		if (IS_ERR(data))
			return PTR_ERR(data);
	}

	action = hdr.flags & VFIO_IRQ_SET_ACTION_TYPE_MASK;
	err = -ENOTTY;
	switch (hdr.index) {
	case VFIO_PCI_INTX_IRQ_INDEX:
		if (action == VFIO_IRQ_SET_ACTION_TRIGGER)
			err = fe_set_single_trigger(dev, &hdr, data,
						    &dev->intx_trigger, true);
		else
			err = fe_set_intx_mask(dev, &hdr, data,
					       action == VFIO_IRQ_SET_ACTION_MASK);
		break;
	case VFIO_PCI_MSIX_IRQ_INDEX:
		if (action == VFIO_IRQ_SET_ACTION_TRIGGER)
			err = fe_set_msix_trigger(dev, &hdr, data);
		break;
	case VFIO_PCI_REQ_IRQ_INDEX:
		if (action == VFIO_IRQ_SET_ACTION_TRIGGER)
			err = fe_set_single_trigger(dev, &hdr, data,
						    &dev->req_trigger, false);
		break;
	}
	kfree(data);
	return err;
}

static long fe_vfio_ioctl(struct vfio_device *vdev, unsigned int cmd,
			  unsigned long arg)
{
	struct nitro_dev *dev = to_nitro_dev(vdev);
	void __user *uarg = (void __user *)arg;

	switch (cmd) {
	case VFIO_DEVICE_GET_INFO:
		return fe_get_info(dev, uarg);
	case VFIO_DEVICE_GET_REGION_INFO:
		return fe_get_region_info(dev, uarg);
	case VFIO_DEVICE_GET_IRQ_INFO:
		return fe_get_irq_info(dev, uarg);
	case VFIO_DEVICE_SET_IRQS:
		return fe_set_irqs(dev, uarg);
	case VFIO_DEVICE_RESET:
		down_write(&dev->ops_lock);
		nitro_fe_dev_reset(dev);
		up_write(&dev->ops_lock);
		return 0;
	}
	return -ENOTTY;
}

/* Removal waits for the user: ask it to let go, through the REQ eventfd. */
static void fe_vfio_request(struct vfio_device *vdev, unsigned int count)
{
	struct nitro_dev *dev = to_nitro_dev(vdev);

	spin_lock_irq(&dev->irq_lock);
	if (dev->req_trigger) {
		if (!(count % 10))
			dev_notice(vdev->dev, "asking the user to release the device\n");
		fe_signal(dev, dev->req_trigger);
	} else if (!count) {
		dev_notice(vdev->dev, "no REQ eventfd: waiting for the user to release the device\n");
	}
	spin_unlock_irq(&dev->irq_lock);
}

const struct vfio_device_ops nitro_fe_vfio_ops = {
	.name = "nitro-fe",
	.release = fe_vfio_release,
	.open_device = fe_vfio_open,
	.close_device = fe_vfio_close,
	.read = fe_vfio_read,
	.write = fe_vfio_write,
	.mmap = fe_vfio_mmap,
	.ioctl = fe_vfio_ioctl,
	.request = fe_vfio_request,
	.dma_unmap = fe_vfio_dma_unmap,
};
