// SPDX-License-Identifier: GPL-2.0
/*
 * Guest memory for the personality, by IOVA: copies through vfio_dma_rw()
 * and pins through vfio_pin_pages(), every pin counted (fe_pin.c) so that
 * dma_unmap and close can drop what the personality left.
 *
 * vfio WARNs when these run on a closed device; here they fail with
 * -ENODEV instead.
 */
#include <linux/iommu.h>
#include <linux/mm.h>
#include <linux/vfio.h>

#include "fe.h"

static bool iova_range_ok(u64 iova, u64 len)
{
	return len && iova + len - 1 >= iova;
}

static int fe_dma_rw(struct nitro_dev *dev, u64 iova, void *buf, size_t len,
		     bool write)
{
	if (!len)
		return 0;
	if (!iova_range_ok(iova, len))
		return -EINVAL;
	if (!READ_ONCE(dev->open))
		return -ENODEV;
	return vfio_dma_rw(&dev->vdev, iova, buf, len, write);
}

/**
 * nitro_dev_dma_read() - copy guest memory at @iova into @buf
 * @dev: the device
 * @iova: guest I/O virtual address, any alignment
 * @buf: kernel buffer
 * @len: bytes
 *
 * Sleeps. From a kernel thread, or from the task that mapped the memory.
 *
 * Return: 0, -EINVAL for a range that wraps, -ENODEV if the device is
 * not open, or the error of vfio_dma_rw() (-EFAULT, -EPERM, -EINVAL for
 * memory that is not mapped).
 */
int nitro_dev_dma_read(struct nitro_dev *dev, u64 iova, void *buf, size_t len)
{
	return fe_dma_rw(dev, iova, buf, len, false);
}
EXPORT_SYMBOL_GPL(nitro_dev_dma_read);

/* As nitro_dev_dma_read(), from @buf into guest memory. */
int nitro_dev_dma_write(struct nitro_dev *dev, u64 iova, const void *buf,
			size_t len)
{
	return fe_dma_rw(dev, iova, (void *)buf, len, true);
}
EXPORT_SYMBOL_GPL(nitro_dev_dma_write);

/**
 * nitro_dev_pin() - pin @npages guest pages from @iova
 * @dev: the device
 * @iova: page aligned
 * @npages: 1 to 512 (VFIO_PIN_PAGES_MAX_ENTRIES)
 * @write: the device will write to them
 * @pages: receives the pages
 *
 * Each pin needs one nitro_dev_unpin() of the same page, unless the guest
 * unmaps the range or the device closes first: then the front-end drops it.
 *
 * Return: 0 (all pages pinned), -EINVAL for a bad range or count,
 * -ENODEV if the device is not open, or the error of vfio_pin_pages().
 */
int nitro_dev_pin(struct nitro_dev *dev, u64 iova, int npages, bool write,
		  struct page **pages)
{
	int prot = IOMMU_READ | (write ? IOMMU_WRITE : 0);
	int ret;

	if (npages < 1 || npages > VFIO_PIN_PAGES_MAX_ENTRIES ||
	    !PAGE_ALIGNED(iova) ||
	    !iova_range_ok(iova, (u64)npages << PAGE_SHIFT))
		return -EINVAL;

	mutex_lock(&dev->pin_lock);
	if (!READ_ONCE(dev->open)) {
		ret = -ENODEV;
		goto out;
	}
	ret = vfio_pin_pages(&dev->vdev, iova, npages, prot, pages);
	if (ret < 0)
		goto out;
	if (ret != npages) {
		/* Not documented to happen; undo rather than track half. */
		if (ret > 0)
			vfio_unpin_pages(&dev->vdev, iova, ret);
		ret = -EFAULT;
		goto out;
	}
	ret = nitro_fe_pins_add(&dev->pins, iova, npages);
	if (ret) {
		vfio_unpin_pages(&dev->vdev, iova, npages);
		goto out;
	}
	atomic64_add(npages, &dev->stats.pins);
out:
	mutex_unlock(&dev->pin_lock);
	return ret;
}
EXPORT_SYMBOL_GPL(nitro_dev_pin);

static void fe_dma_unpin_one(void *ctx, u64 iova)
{
	struct nitro_dev *dev = ctx;

	vfio_unpin_pages(&dev->vdev, iova, 1);
}

/**
 * nitro_dev_unpin() - drop pins taken with nitro_dev_pin()
 * @dev: the device
 * @iova: page aligned
 * @npages: number of pages
 *
 * Pages that are not pinned (already dropped at dma_unmap or never pinned)
 * are skipped and counted.
 */
void nitro_dev_unpin(struct nitro_dev *dev, u64 iova, int npages)
{
	int bad;

	if (npages < 1 || npages > VFIO_PIN_PAGES_MAX_ENTRIES ||
	    !PAGE_ALIGNED(iova)) {
		atomic64_inc(&dev->stats.bad_unpin);
		return;
	}
	mutex_lock(&dev->pin_lock);
	bad = nitro_fe_pins_put(&dev->pins, iova, npages, fe_dma_unpin_one,
				dev);
	mutex_unlock(&dev->pin_lock);
	atomic64_add(bad, &dev->stats.bad_unpin);
}
EXPORT_SYMBOL_GPL(nitro_dev_unpin);
