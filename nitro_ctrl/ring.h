/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _NITRO_CTRL_RING_H
#define _NITRO_CTRL_RING_H

#include <linux/types.h>

/*
 * A single-producer, single-consumer ring of fixed-size entries.
 *
 * Positions run over [0, 2 * depth) and an entry lives at position % depth.
 * The extra lap tells a full ring (positions one lap apart) from an empty one
 * (equal positions) without sacrificing a slot, and unlike free-running u32
 * counters it stays correct for depths that are not powers of two.
 *
 * The producer owns @prod and the consumer owns @cons; each reads the other's
 * with acquire semantics, so one side needs no lock against the other. Several
 * producers (or consumers) must serialize among themselves.
 */
struct nitro_ring {
	u8 *entries;
	u32 depth;
	u32 entry_size;
	u32 prod;
	u32 cons;
};

int nitro_ring_init(struct nitro_ring *ring, u32 depth, u32 entry_size);
void nitro_ring_destroy(struct nitro_ring *ring);
u32 nitro_ring_used(const struct nitro_ring *ring);
bool nitro_ring_full(const struct nitro_ring *ring);
bool nitro_ring_empty(const struct nitro_ring *ring);
bool nitro_ring_push(struct nitro_ring *ring, const void *entry);
bool nitro_ring_pop(struct nitro_ring *ring, void *entry);

#endif /* _NITRO_CTRL_RING_H */
