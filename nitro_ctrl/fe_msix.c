// SPDX-License-Identifier: GPL-2.0
/*
 * The MSI-X table and Pending Bit Array a guest reaches through the BAR.
 *
 * The table is kept as the guest wrote it (byte-exact, any access width);
 * only the Mask bit of Vector Control matters to the front-end. Delivery
 * goes through eventfds (VFIO_DEVICE_SET_IRQS), not through the message
 * address and data. Like the host kernel does for a real device behind
 * vfio-pci, assigning an eventfd to a vector unmasks it and removing it
 * masks it again; a guest write to the Mask bit masks or unmasks on top.
 */
#include <linux/bitmap.h>
#include <linux/bitops.h>
#include <linux/errno.h>
#include <linux/slab.h>

#include "fe.h"

#define MSIX_VCTRL	12	/* Vector Control within an entry */

/* Writable bits of each byte of a table entry. */
static const u8 msix_entry_wmask[NITRO_FE_MSIX_ENTRY] = {
	0xfc, 0xff, 0xff, 0xff,		/* Message Address, dword aligned */
	0xff, 0xff, 0xff, 0xff,		/* Message Upper Address */
	0xff, 0xff, 0xff, 0xff,		/* Message Data */
	0x01, 0x00, 0x00, 0x00,		/* Vector Control: Mask only */
};

int nitro_fe_msix_init(struct nitro_fe_msix *msix, u16 nr)
{
	msix->nr = nr;
	msix->fmask = false;
	msix->table = NULL;
	msix->pba = NULL;
	if (!nr)
		return 0;
	if (nr > NITRO_FE_MSIX_MAX)
		return -EINVAL;
	msix->table = kcalloc(nr, NITRO_FE_MSIX_ENTRY, GFP_KERNEL);
	msix->pba = bitmap_zalloc(nr, GFP_KERNEL);
	if (!msix->table || !msix->pba) {
		nitro_fe_msix_fini(msix);
		return -ENOMEM;
	}
	nitro_fe_msix_reset(msix, NULL);
	return 0;
}

void nitro_fe_msix_fini(struct nitro_fe_msix *msix)
{
	kfree(msix->table);
	bitmap_free(msix->pba);
	msix->table = NULL;
	msix->pba = NULL;
}

/**
 * nitro_fe_msix_reset() - the table and PBA after reset
 * @msix: the MSI-X state
 * @armed: vectors that have an eventfd (they stay unmasked), or NULL
 */
void nitro_fe_msix_reset(struct nitro_fe_msix *msix, const unsigned long *armed)
{
	u16 v;

	if (!msix->nr)
		return;
	memset(msix->table, 0, msix->nr * NITRO_FE_MSIX_ENTRY);
	bitmap_zero(msix->pba, msix->nr);
	msix->fmask = false;
	for (v = 0; v < msix->nr; v++)
		nitro_fe_msix_set_mask(msix, v, !armed || !test_bit(v, armed));
}

bool nitro_fe_msix_masked(const struct nitro_fe_msix *msix, u16 vector)
{
	return msix->fmask ||
	       (msix->table[vector * NITRO_FE_MSIX_ENTRY + MSIX_VCTRL] & 1);
}

void nitro_fe_msix_set_mask(struct nitro_fe_msix *msix, u16 vector, bool mask)
{
	u8 *vctrl = &msix->table[vector * NITRO_FE_MSIX_ENTRY + MSIX_VCTRL];

	*vctrl = mask ? (*vctrl | 1) : (*vctrl & ~1);
}

/**
 * nitro_fe_msix_raise() - the device raises @vector
 * @msix: the MSI-X state
 * @vector: the vector
 *
 * Return: true if the vector must be signalled now; false if it is masked
 * (its pending bit is now set) or does not exist.
 */
bool nitro_fe_msix_raise(struct nitro_fe_msix *msix, u16 vector)
{
	if (vector >= msix->nr)
		return false;
	if (nitro_fe_msix_masked(msix, vector)) {
		set_bit(vector, msix->pba);
		return false;
	}
	return true;
}

/**
 * nitro_fe_msix_next_unmasked_pending() - take the next deliverable vector
 * @msix: the MSI-X state
 * @from: the first vector to look at
 *
 * Clears the pending bit of the vector it returns: the caller signals it.
 *
 * Return: the first pending, unmasked vector at or after @from, or
 * @msix->nr if there is none.
 */
u16 nitro_fe_msix_next_unmasked_pending(struct nitro_fe_msix *msix, u16 from)
{
	unsigned long v = from;

	for_each_set_bit_from(v, msix->pba, msix->nr) {
		if (!nitro_fe_msix_masked(msix, v)) {
			clear_bit(v, msix->pba);
			return v;
		}
	}
	return msix->nr;
}

/* @off + @size <= nr * 16: the BAR dispatch checked it. */
u64 nitro_fe_msix_table_read(const struct nitro_fe_msix *msix, u32 off,
			     int size)
{
	u64 val = 0;
	int i;

	for (i = 0; i < size; i++)
		val |= (u64)msix->table[off + i] << (8 * i);
	return val;
}

void nitro_fe_msix_table_write(struct nitro_fe_msix *msix, u32 off, int size,
			       u64 val)
{
	int i;

	for (i = 0; i < size; i++) {
		u8 m = msix_entry_wmask[(off + i) % NITRO_FE_MSIX_ENTRY];
		u8 *b = &msix->table[off + i];

		*b = (*b & ~m) | ((u8)(val >> (8 * i)) & m);
	}
}

/* The PBA is read-only; bits past the last vector read as zero. */
u64 nitro_fe_msix_pba_read(const struct nitro_fe_msix *msix, u32 off, int size)
{
	u64 val = 0;
	u32 bit;
	int i, j;

	for (i = 0; i < size; i++) {
		for (j = 0; j < 8; j++) {
			bit = (off + i) * 8 + j;
			if (bit < msix->nr && test_bit(bit, msix->pba))
				val |= 1ULL << (8 * i + j);
		}
	}
	return val;
}
