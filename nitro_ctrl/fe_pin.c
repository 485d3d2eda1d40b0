// SPDX-License-Identifier: GPL-2.0
/*
 * Bookkeeping of the pins of guest memory a device holds. vfio counts pins
 * per IOVA page and every pin needs its own unpin; a pin left behind at
 * dma_unmap time is a host BUG_ON in type1. So the front-end counts every
 * page it pinned for the personality, refuses unpins of pages that are not
 * pinned (vfio would WARN), and drops whatever is left in a range when the
 * guest unmaps it, and everything when the device closes.
 *
 * The caller serializes (struct nitro_dev's pin_lock).
 */
#include <linux/mm.h>
#include <linux/xarray.h>

#include "fe.h"

void nitro_fe_pins_init(struct nitro_fe_pins *pins)
{
	xa_init(&pins->pages);
	pins->nr = 0;
}

static unsigned long pins_count(struct nitro_fe_pins *pins, unsigned long pfn)
{
	void *entry = xa_load(&pins->pages, pfn);

	return entry ? xa_to_value(entry) : 0;
}

static void pins_set(struct nitro_fe_pins *pins, unsigned long pfn,
		     unsigned long count)
{
	if (count)
		/* Replacing an existing entry allocates nothing. */
		xa_store(&pins->pages, pfn, xa_mk_value(count), GFP_KERNEL);
	else
		xa_erase(&pins->pages, pfn);
}

/**
 * nitro_fe_pins_add() - count a pin of @npages pages from @iova
 * @pins: the device's pins
 * @iova: page aligned
 * @npages: at least one
 *
 * Return: 0, or -ENOMEM with nothing counted.
 */
int nitro_fe_pins_add(struct nitro_fe_pins *pins, u64 iova, int npages)
{
	unsigned long pfn = iova >> PAGE_SHIFT;
	int i, err;

	for (i = 0; i < npages; i++) {
		err = xa_err(xa_store(&pins->pages, pfn + i,
				      xa_mk_value(pins_count(pins, pfn + i) + 1),
				      GFP_KERNEL));
		if (err)
			goto err_undo;
	}
	pins->nr += npages;
	return 0;

err_undo:
	while (i--)
		pins_set(pins, pfn + i, pins_count(pins, pfn + i) - 1);
	return err;
}

/**
 * nitro_fe_pins_put() - the personality unpins @npages pages from @iova
 * @pins: the device's pins
 * @iova: page aligned
 * @npages: number of pages
 * @unpin: called once per page that was pinned, with its IOVA
 * @ctx: for @unpin
 *
 * Return: the number of pages that were not pinned (and were skipped).
 */
int nitro_fe_pins_put(struct nitro_fe_pins *pins, u64 iova, int npages,
		      nitro_fe_unpin_fn unpin, void *ctx)
{
	unsigned long pfn = iova >> PAGE_SHIFT, count;
	int i, bad = 0;

	for (i = 0; i < npages; i++) {
		count = pins_count(pins, pfn + i);
		if (!count) {
			bad++;
			continue;
		}
		pins_set(pins, pfn + i, count - 1);
		pins->nr--;
		unpin(ctx, (u64)(pfn + i) << PAGE_SHIFT);
	}
	return bad;
}

/**
 * nitro_fe_pins_drop_range() - unpin every pin left in [@iova, @iova + @len)
 * @pins: the device's pins
 * @iova: start of the range (any alignment)
 * @len: length in bytes; 0 is an empty range
 * @unpin: called once per pin, with the page's IOVA
 * @ctx: for @unpin
 *
 * Return: the number of pins dropped.
 */
unsigned long nitro_fe_pins_drop_range(struct nitro_fe_pins *pins, u64 iova,
				       u64 len, nitro_fe_unpin_fn unpin,
				       void *ctx)
{
	unsigned long first, last, pfn, count, dropped = 0;
	void *entry;

	if (!len)
		return 0;
	first = iova >> PAGE_SHIFT;
	last = iova + len - 1 < iova ? ULONG_MAX : (iova + len - 1) >> PAGE_SHIFT;

	xa_for_each_range(&pins->pages, pfn, entry, first, last) {
		for (count = xa_to_value(entry); count; count--) {
			unpin(ctx, (u64)pfn << PAGE_SHIFT);
			dropped++;
		}
		xa_erase(&pins->pages, pfn);
	}
	pins->nr -= dropped;
	return dropped;
}

void nitro_fe_pins_destroy(struct nitro_fe_pins *pins)
{
	xa_destroy(&pins->pages);
	pins->nr = 0;
}
