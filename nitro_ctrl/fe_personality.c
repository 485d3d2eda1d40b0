// SPDX-License-Identifier: GPL-2.0
/*
 * Personalities and the devices made of them: registration (with a check
 * of everything the front-end relies on in the layout), the state every
 * device starts from, reset, and the accessors the personality uses.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bitops.h>
#include <linux/ctype.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/log2.h>
#include <linux/sizes.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "fe.h"
#include "provision.h"

static DEFINE_MUTEX(nitro_fe_personalities_lock);
static LIST_HEAD(nitro_fe_personalities);

struct nitro_fe_registered {
	struct list_head node;
	const struct nitro_personality *p;
};

static bool ranges_overlap(u64 a, u64 alen, u64 b, u64 blen)
{
	return alen && blen && a < b + blen && b < a + alen;
}

static bool bar_present(const struct nitro_personality *p, unsigned int bar)
{
	return bar < NITRO_DEV_NR_BARS && p->bars[bar].size;
}

static int validate_name(const char *name)
{
	size_t len = name ? strnlen(name, NITRO_PERSONALITY_NAME_MAX + 1) : 0;
	size_t i;

	if (!len || len > NITRO_PERSONALITY_NAME_MAX || !strcmp(name, "ctrl"))
		return -EINVAL;
	for (i = 0; i < len; i++)
		if (!islower(name[i]) && !isdigit(name[i]) && name[i] != '_')
			return -EINVAL;
	return 0;
}

static int validate_bars(const struct nitro_personality *p)
{
	int i;

	for (i = 0; i < NITRO_DEV_NR_BARS; i++) {
		const struct nitro_bar_layout *b = &p->bars[i];

		if (!b->size) {
			if (b->is_64bit || b->prefetchable)
				return -EINVAL;
			continue;
		}
		if (!is_power_of_2(b->size) || b->size < SZ_4K ||
		    b->size > SZ_1G)
			return -EINVAL;
		if (b->is_64bit) {
			/* The next slot is the high half. */
			if (i == NITRO_DEV_NR_BARS - 1 || p->bars[i + 1].size ||
			    p->bars[i + 1].is_64bit || p->bars[i + 1].prefetchable)
				return -EINVAL;
			i++;
		}
	}
	return 0;
}

/*
 * MSI-X structures and the doorbell window are 8-byte aligned and sized,
 * so that a naturally aligned access of up to 8 bytes is either wholly
 * inside one of them or wholly outside.
 */
static int validate_windows(const struct nitro_personality *p)
{
	u64 tlen = (u64)p->msix_vectors * NITRO_FE_MSIX_ENTRY;
	u64 plen = DIV_ROUND_UP(p->msix_vectors, 64) * 8;
	u64 dlen = (u64)p->nr_doorbells * p->db_stride;

	if (p->msix_vectors > NITRO_FE_MSIX_MAX)
		return -EINVAL;
	if (p->msix_vectors) {
		if (!bar_present(p, p->msix_bar) ||
		    !IS_ALIGNED(p->msix_table_offset, 8) ||
		    !IS_ALIGNED(p->msix_pba_offset, 8) ||
		    p->msix_table_offset + tlen > p->bars[p->msix_bar].size ||
		    p->msix_pba_offset + plen > p->bars[p->msix_bar].size ||
		    ranges_overlap(p->msix_table_offset, tlen,
				   p->msix_pba_offset, plen))
			return -EINVAL;
	}
	if (!p->nr_doorbells)
		return 0;
	if (!bar_present(p, p->db_bar) || p->db_stride < 4 ||
	    !IS_ALIGNED(p->db_stride, 4) || !IS_ALIGNED(p->db_offset, 8) ||
	    !IS_ALIGNED(dlen, 8) || p->db_offset + dlen > p->bars[p->db_bar].size)
		return -EINVAL;
	if (p->msix_vectors && p->msix_bar == p->db_bar &&
	    (ranges_overlap(p->db_offset, dlen, p->msix_table_offset, tlen) ||
	     ranges_overlap(p->db_offset, dlen, p->msix_pba_offset, plen)))
		return -EINVAL;
	return 0;
}

/**
 * nitro_fe_validate() - is @p a personality the front-end can serve?
 * @p: the personality
 *
 * Return: 0 or -EINVAL.
 */
int nitro_fe_validate(const struct nitro_personality *p)
{
	if (!p || !p->ops || !p->ops->bar_read || !p->ops->bar_write)
		return -EINVAL;
	if (validate_name(p->name) || validate_bars(p) || validate_windows(p))
		return -EINVAL;
	return 0;
}

/**
 * nitro_personality_register() - offer a device personality
 * @p: the personality; it must stay valid until unregistered
 *
 * Creates the mdev type "nitro-<name>" under the parent device
 * /sys/class/nitro/<name>.
 *
 * Return: 0, -EINVAL for a personality the front-end cannot serve (bad
 * name, BAR layout, MSI-X or doorbell placement), -EEXIST if the name is
 * taken, or an error of the mdev core.
 */
int nitro_personality_register(const struct nitro_personality *p)
{
	struct nitro_fe_registered *r, *it;
	int err;

	err = nitro_fe_validate(p);
	if (err) {
		pr_err("personality %s refused: invalid layout\n",
		       p && p->name ? p->name : "(null)");
		return err;
	}
	r = kzalloc(sizeof(*r), GFP_KERNEL);
	if (!r)
		return -ENOMEM;
	r->p = p;

	mutex_lock(&nitro_fe_personalities_lock);
	list_for_each_entry(it, &nitro_fe_personalities, node) {
		if (!strcmp(it->p->name, p->name)) {
			err = -EEXIST;
			goto err_unlock;
		}
	}
	err = nitro_fe_parent_add(p);
	if (err)
		goto err_unlock;
	list_add_tail(&r->node, &nitro_fe_personalities);
	mutex_unlock(&nitro_fe_personalities_lock);
	pr_info("personality %s registered\n", p->name);
	return 0;

err_unlock:
	mutex_unlock(&nitro_fe_personalities_lock);
	kfree(r);
	return err;
}
EXPORT_SYMBOL_GPL(nitro_personality_register);

/**
 * nitro_personality_unregister() - withdraw a personality
 * @p: a registered personality
 *
 * Every device holds a reference on @p->owner, so when a module's exit
 * calls this, no device of the personality is left; the mdev type goes.
 */
void nitro_personality_unregister(const struct nitro_personality *p)
{
	struct nitro_fe_registered *r, *found = NULL;

	mutex_lock(&nitro_fe_personalities_lock);
	list_for_each_entry(r, &nitro_fe_personalities, node) {
		if (r->p == p) {
			found = r;
			break;
		}
	}
	if (found) {
		nitro_fe_parent_del(p);
		list_del(&found->node);
	}
	mutex_unlock(&nitro_fe_personalities_lock);
	if (WARN_ON(!found))
		return;
	kfree(found);
	pr_info("personality %s unregistered\n", p->name);
}
EXPORT_SYMBOL_GPL(nitro_personality_unregister);

/**
 * nitro_fe_dev_init() - the state of a new device
 * @dev: zeroed, except for whatever vfio put in @dev->vdev
 * @p: a validated personality
 * @uuid: the mdev's UUID
 *
 * On failure too, the caller ends with nitro_fe_dev_fini().
 *
 * Return: 0 or -ENOMEM.
 */
int nitro_fe_dev_init(struct nitro_dev *dev, const struct nitro_personality *p,
		      const guid_t *uuid)
{
	int err;

	dev->p = p;
	guid_copy(&dev->uuid, uuid);
	INIT_LIST_HEAD(&dev->node);
	init_rwsem(&dev->ops_lock);
	spin_lock_init(&dev->irq_lock);
	mutex_init(&dev->pin_lock);
	nitro_fe_pins_init(&dev->pins);
	nitro_fe_config_init(&dev->cfg, p);

	err = nitro_fe_msix_init(&dev->msix, p->msix_vectors);
	if (err)
		return err;
	if (p->msix_vectors) {
		dev->msix_trigger = kcalloc(p->msix_vectors,
					    sizeof(*dev->msix_trigger),
					    GFP_KERNEL);
		if (!dev->msix_trigger)
			return -ENOMEM;
	}
	if (p->nr_doorbells) {
		dev->doorbells = kcalloc(p->nr_doorbells,
					 sizeof(*dev->doorbells), GFP_KERNEL);
		if (!dev->doorbells)
			return -ENOMEM;
	}
	return 0;
}

void nitro_fe_dev_fini(struct nitro_dev *dev)
{
	kfree(dev->doorbells);
	dev->doorbells = NULL;
	kfree(dev->msix_trigger);
	dev->msix_trigger = NULL;
	nitro_fe_msix_fini(&dev->msix);
	nitro_fe_pins_destroy(&dev->pins);
	mutex_destroy(&dev->pin_lock);
}

/*
 * Function-level reset and VFIO_DEVICE_RESET: config space, MSI-X table
 * and PBA, doorbell latches and INTx back to reset state, then the
 * personality's reset. Eventfds stay assigned, as with vfio-pci.
 */
void nitro_fe_dev_reset(struct nitro_dev *dev)
{
	u16 v;

	lockdep_assert_held_write(&dev->ops_lock);

	spin_lock_irq(&dev->irq_lock);
	nitro_fe_config_reset(&dev->cfg);
	nitro_fe_msix_reset(&dev->msix, NULL);
	for (v = 0; v < dev->msix.nr; v++)
		if (dev->msix_trigger[v])
			nitro_fe_msix_set_mask(&dev->msix, v, false);
	dev->intx_masked = false;
	spin_unlock_irq(&dev->irq_lock);

	if (dev->doorbells)
		memset(dev->doorbells, 0,
		       dev->p->nr_doorbells * sizeof(*dev->doorbells));
	atomic64_inc(&dev->stats.resets);
	if (dev->open && dev->p->ops->reset)
		dev->p->ops->reset(dev);
}

const guid_t *nitro_dev_uuid(const struct nitro_dev *dev)
{
	return &dev->uuid;
}
EXPORT_SYMBOL_GPL(nitro_dev_uuid);

void nitro_dev_set_priv(struct nitro_dev *dev, void *priv)
{
	dev->priv = priv;
}
EXPORT_SYMBOL_GPL(nitro_dev_set_priv);

void *nitro_dev_priv(const struct nitro_dev *dev)
{
	return dev->priv;
}
EXPORT_SYMBOL_GPL(nitro_dev_priv);

/* Return: the last value the guest wrote to doorbell @index, or 0. */
u32 nitro_dev_doorbell_value(const struct nitro_dev *dev, u32 index)
{
	if (index >= dev->p->nr_doorbells)
		return 0;
	return READ_ONCE(dev->doorbells[index]);
}
EXPORT_SYMBOL_GPL(nitro_dev_doorbell_value);

/*
 * From now on, guest reads of config space and BARs return all ones and
 * writes are dropped: the guest's driver sees a surprise removal.
 */
void nitro_dev_set_gone(struct nitro_dev *dev)
{
	WRITE_ONCE(dev->gone, true);
}
EXPORT_SYMBOL_GPL(nitro_dev_set_gone);

#if !IS_ENABLED(CONFIG_VFIO_MDEV)
/* Without mdev (the KUnit build in UML) there is no guest memory. */
int nitro_dev_dma_read(struct nitro_dev *dev, u64 iova, void *buf, size_t len)
{
	return -ENODEV;
}
EXPORT_SYMBOL_GPL(nitro_dev_dma_read);

int nitro_dev_dma_write(struct nitro_dev *dev, u64 iova, const void *buf,
			size_t len)
{
	return -ENODEV;
}
EXPORT_SYMBOL_GPL(nitro_dev_dma_write);

int nitro_dev_pin(struct nitro_dev *dev, u64 iova, int npages, bool write,
		  struct page **pages)
{
	return -ENODEV;
}
EXPORT_SYMBOL_GPL(nitro_dev_pin);

void nitro_dev_unpin(struct nitro_dev *dev, u64 iova, int npages)
{
}
EXPORT_SYMBOL_GPL(nitro_dev_unpin);
#endif
