// SPDX-License-Identifier: GPL-2.0
/*
 * Dispatch of guest accesses to BARs and config space.
 *
 * Every access is checked first: an existing BAR, 1, 2, 4 or 8 bytes (1, 2
 * or 4 for config space), naturally aligned, wholly inside. A refused
 * access is counted and returns -EINVAL; the vfio layer splits user
 * accesses so that a well-formed one never is. Then it goes to the MSI-X
 * table or PBA, to the doorbell latches, or to the personality, under the
 * lock the contract promises (include/nitro_personality.h).
 */
#include <linux/kernel.h>
#include <linux/pci_regs.h>

#include "fe.h"

static u64 all_ones(int size)
{
	if (size <= 0 || size >= 8)
		return ~0ULL;
	return (1ULL << (8 * size)) - 1;
}

static bool access_ok_in(u64 len, u32 off, int size)
{
	if (size != 1 && size != 2 && size != 4 && size != 8)
		return false;
	return IS_ALIGNED(off, size) && (u64)off + size <= len;
}

static bool access_within(u32 off, int size, u32 start, u64 len)
{
	return off >= start && (u64)off + size <= start + len;
}

enum bar_target { TGT_PERSONALITY, TGT_TABLE, TGT_PBA, TGT_DOORBELL };

/* Validated layouts make an access wholly inside a window or outside. */
static enum bar_target bar_target(const struct nitro_personality *p, int bar,
				  u32 off, int size)
{
	if (p->msix_vectors && bar == p->msix_bar) {
		if (access_within(off, size, p->msix_table_offset,
				  (u64)p->msix_vectors * NITRO_FE_MSIX_ENTRY))
			return TGT_TABLE;
		if (access_within(off, size, p->msix_pba_offset,
				  DIV_ROUND_UP(p->msix_vectors, 64) * 8))
			return TGT_PBA;
	}
	if (p->nr_doorbells && bar == p->db_bar &&
	    access_within(off, size, p->db_offset,
			  (u64)p->nr_doorbells * p->db_stride))
		return TGT_DOORBELL;
	return TGT_PERSONALITY;
}

static int bar_check(struct nitro_dev *dev, int bar, u32 off, int size)
{
	if (bar < 0 || bar >= NITRO_DEV_NR_BARS || !dev->p->bars[bar].size ||
	    !access_ok_in(dev->p->bars[bar].size, off, size)) {
		atomic64_inc(&dev->stats.bad_access);
		return -EINVAL;
	}
	return 0;
}

/* Doorbell window reads: the latches, bytes between registers are zero. */
static u64 doorbell_read(struct nitro_dev *dev, u32 off, int size)
{
	u32 rel = off - dev->p->db_offset, r, idx, within;
	u64 val = 0;
	int i;

	for (i = 0; i < size; i++) {
		r = rel + i;
		idx = r / dev->p->db_stride;
		within = r % dev->p->db_stride;
		if (within < 4)
			val |= (u64)((READ_ONCE(dev->doorbells[idx]) >>
				      (8 * within)) & 0xff) << (8 * i);
	}
	return val;
}

static void doorbell_write(struct nitro_dev *dev, u32 off, int size, u64 val)
{
	u32 rel = off - dev->p->db_offset;
	u32 idx = rel / dev->p->db_stride;

	if (size != 4 || rel % dev->p->db_stride) {
		atomic64_inc(&dev->stats.bad_doorbell);
		return;
	}
	down_read(&dev->ops_lock);
	if (dev->open) {
		WRITE_ONCE(dev->doorbells[idx], (u32)val);
		atomic64_inc(&dev->stats.doorbells);
		if (dev->p->ops->doorbell)
			dev->p->ops->doorbell(dev, idx, val);
	}
	up_read(&dev->ops_lock);
}

/**
 * nitro_fe_bar_read() - a guest read of a BAR
 * @dev: the device
 * @bar: BAR index
 * @off: offset in the BAR
 * @size: 1, 2, 4 or 8, naturally aligned
 * @val: the value read
 *
 * Return: 0, or -EINVAL for a malformed access (@val is then all ones).
 */
int nitro_fe_bar_read(struct nitro_dev *dev, int bar, u32 off, int size,
		      u64 *val)
{
	const struct nitro_personality *p = dev->p;

	*val = all_ones(size);
	if (bar_check(dev, bar, off, size))
		return -EINVAL;
	if (READ_ONCE(dev->gone))
		return 0;

	switch (bar_target(p, bar, off, size)) {
	case TGT_TABLE:
		spin_lock_irq(&dev->irq_lock);
		*val = nitro_fe_msix_table_read(&dev->msix,
						off - p->msix_table_offset, size);
		spin_unlock_irq(&dev->irq_lock);
		break;
	case TGT_PBA:
		spin_lock_irq(&dev->irq_lock);
		*val = nitro_fe_msix_pba_read(&dev->msix,
					      off - p->msix_pba_offset, size);
		spin_unlock_irq(&dev->irq_lock);
		break;
	case TGT_DOORBELL:
		*val = doorbell_read(dev, off, size);
		break;
	case TGT_PERSONALITY:
		down_write(&dev->ops_lock);
		if (dev->open)
			*val = p->ops->bar_read(dev, bar, off, size) &
			       all_ones(size);
		up_write(&dev->ops_lock);
		break;
	}
	return 0;
}

/**
 * nitro_fe_bar_write() - a guest write to a BAR
 * @dev: the device
 * @bar: BAR index
 * @off: offset in the BAR
 * @size: 1, 2, 4 or 8, naturally aligned
 * @val: the value
 *
 * Return: 0, or -EINVAL for a malformed access (nothing was written).
 */
int nitro_fe_bar_write(struct nitro_dev *dev, int bar, u32 off, int size,
		       u64 val)
{
	const struct nitro_personality *p = dev->p;

	if (bar_check(dev, bar, off, size))
		return -EINVAL;
	if (READ_ONCE(dev->gone))
		return 0;
	val &= all_ones(size);

	switch (bar_target(p, bar, off, size)) {
	case TGT_TABLE:
		spin_lock_irq(&dev->irq_lock);
		nitro_fe_msix_table_write(&dev->msix,
					  off - p->msix_table_offset, size, val);
		spin_unlock_irq(&dev->irq_lock);
		/* An unmasked vector delivers what it had pending. */
		nitro_fe_irq_signal_pending(dev);
		break;
	case TGT_PBA:
		break;	/* read-only */
	case TGT_DOORBELL:
		doorbell_write(dev, off, size, val);
		break;
	case TGT_PERSONALITY:
		down_write(&dev->ops_lock);
		if (dev->open)
			p->ops->bar_write(dev, bar, off, size, val);
		up_write(&dev->ops_lock);
		break;
	}
	return 0;
}

static int cfg_check(struct nitro_dev *dev, u32 off, int size)
{
	if (size == 8 || !access_ok_in(NITRO_FE_CFG_SIZE, off, size)) {
		atomic64_inc(&dev->stats.bad_access);
		return -EINVAL;
	}
	return 0;
}

/**
 * nitro_fe_cfg_read() - a guest read of config space, also once gone
 * @dev: the device
 * @off: offset, below 4096
 * @size: 1, 2 or 4, naturally aligned
 * @val: the value read
 *
 * Return: 0, or -EINVAL for a malformed access (@val is then all ones).
 */
int nitro_fe_cfg_read(struct nitro_dev *dev, u32 off, int size, u32 *val)
{
	*val = all_ones(size);
	if (cfg_check(dev, off, size))
		return -EINVAL;
	/*
	 * A gone device still reads its config space: the VMM keeps using it
	 * until it has unplugged the device (QEMU's vfio-pci reads the
	 * interrupt pin when the guest disables MSI-X, and aborts on 0xff).
	 * The guest learns of the removal from the BAR and the hot-unplug.
	 */
	spin_lock_irq(&dev->irq_lock);
	*val = nitro_fe_config_read(&dev->cfg, off, size);
	spin_unlock_irq(&dev->irq_lock);
	return 0;
}

/**
 * nitro_fe_cfg_write() - a guest write to config space
 * @dev: the device
 * @off: offset, below 4096
 * @size: 1, 2 or 4, naturally aligned
 * @val: the value
 *
 * Acts on what the write asks for: function-level reset, MSI-X function
 * mask, INTx disable.
 *
 * Return: 0, or -EINVAL for a malformed access (nothing was written).
 */
int nitro_fe_cfg_write(struct nitro_dev *dev, u32 off, int size, u32 val)
{
	u32 ev;

	if (cfg_check(dev, off, size))
		return -EINVAL;
	if (READ_ONCE(dev->gone))
		return 0;

	down_write(&dev->ops_lock);
	spin_lock_irq(&dev->irq_lock);
	ev = nitro_fe_config_write(&dev->cfg, off, size, val);
	if (ev & NITRO_FE_CFG_EV_MSIX)
		dev->msix.fmask = nitro_fe_config_read16(&dev->cfg,
							 NITRO_FE_CAP_MSIX + PCI_MSIX_FLAGS) &
				  PCI_MSIX_FLAGS_MASKALL;
	spin_unlock_irq(&dev->irq_lock);
	if (ev & NITRO_FE_CFG_EV_FLR)
		nitro_fe_dev_reset(dev);
	up_write(&dev->ops_lock);

	if (ev & (NITRO_FE_CFG_EV_MSIX | NITRO_FE_CFG_EV_INTX))
		nitro_fe_irq_signal_pending(dev);
	return 0;
}
