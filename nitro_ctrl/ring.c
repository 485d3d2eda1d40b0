// SPDX-License-Identifier: GPL-2.0
/*
 * Single-producer, single-consumer ring; see ring.h for the position scheme.
 */
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/barrier.h>

#include "ring.h"

#define NITRO_RING_MAX_DEPTH	4096

int nitro_ring_init(struct nitro_ring *ring, u32 depth, u32 entry_size)
{
	if (!depth || depth > NITRO_RING_MAX_DEPTH || !entry_size ||
	    entry_size > PAGE_SIZE)
		return -EINVAL;

	ring->entries = kcalloc(depth, entry_size, GFP_KERNEL);
	if (!ring->entries)
		return -ENOMEM;
	ring->depth = depth;
	ring->entry_size = entry_size;
	ring->prod = 0;
	ring->cons = 0;
	return 0;
}

void nitro_ring_destroy(struct nitro_ring *ring)
{
	kfree(ring->entries);
	ring->entries = NULL;
}

static u32 nitro_ring_next(const struct nitro_ring *ring, u32 pos)
{
	return pos + 1 == 2 * ring->depth ? 0 : pos + 1;
}

static u32 nitro_ring_distance(const struct nitro_ring *ring, u32 prod, u32 cons)
{
	return prod >= cons ? prod - cons : prod + 2 * ring->depth - cons;
}

static u8 *nitro_ring_entry(const struct nitro_ring *ring, u32 pos)
{
	if (pos >= ring->depth)
		pos -= ring->depth;
	return ring->entries + (size_t)pos * ring->entry_size;
}

/* Exact only for the caller that owns one of the two positions. */
u32 nitro_ring_used(const struct nitro_ring *ring)
{
	/* Acquire: pairs with the releases in push and pop. */
	u32 prod = smp_load_acquire(&ring->prod);
	/* Acquire: pairs with the release in pop. */
	u32 cons = smp_load_acquire(&ring->cons);

	return nitro_ring_distance(ring, prod, cons);
}

bool nitro_ring_full(const struct nitro_ring *ring)
{
	return nitro_ring_used(ring) == ring->depth;
}

bool nitro_ring_empty(const struct nitro_ring *ring)
{
	return nitro_ring_used(ring) == 0;
}

/* Producer side. Returns false, copying nothing, when the ring is full. */
bool nitro_ring_push(struct nitro_ring *ring, const void *entry)
{
	u32 prod = ring->prod;
	/* Pairs with the release in pop: the consumer is done with the slot. */
	u32 cons = smp_load_acquire(&ring->cons);

	if (nitro_ring_distance(ring, prod, cons) == ring->depth)
		return false;
	memcpy(nitro_ring_entry(ring, prod), entry, ring->entry_size);
	/* Release: the entry is written before the consumer can see it. */
	smp_store_release(&ring->prod, nitro_ring_next(ring, prod));
	return true;
}

/* Consumer side. Returns false, copying nothing, when the ring is empty. */
bool nitro_ring_pop(struct nitro_ring *ring, void *entry)
{
	u32 cons = ring->cons;
	/* Pairs with the release in push: the entry is fully written. */
	u32 prod = smp_load_acquire(&ring->prod);

	if (prod == cons)
		return false;
	memcpy(entry, nitro_ring_entry(ring, cons), ring->entry_size);
	/* Release: the entry is read before the producer may reuse it. */
	smp_store_release(&ring->cons, nitro_ring_next(ring, cons));
	return true;
}
