/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nvme-udrv hostile: what the single-command cases (hostile.c) and the
 * multi-step scenarios (scenario.c) share.
 */
#ifndef NVME_UDRV_HOSTILE_H
#define NVME_UDRV_HOSTILE_H

#include <stdbool.h>
#include <stdint.h>

#include "udrv.h"

#define HOSTILE_DEPTH		16
/* Far above any IOVA nv_dma_map() hands out, inside a 39-bit IOMMU. */
#define UNMAPPED_IOVA		0x7000000000ULL
#define AER_WAIT_MS		2000
/* PRP list pages, chained: enough for a transfer of 16 * 511 pages. */
#define LIST_PAGES		16
/* Asynchronous event result: type 0 (error status), log page 01h. */
#define AER_INVALID_DB_REG	0x010000
#define AER_INVALID_DB_VALUE	0x010100

struct hctx {
	struct udrv_ctrl *c;
	struct nv_dma buf;		/* 8 data pages + LIST_PAGES PRP list pages */
	uint64_t *list;
	uint64_t list_iova;
	uint32_t result;		/* dword 0 of the completion */
	bool is_aer;
	char seen[256];			/* a scenario's account of what happened */
	char first_bad[64];
};

int hostile_fresh(struct hctx *h, int pairs);
void hostile_drop_io_queues(struct udrv_ctrl *c);
int hostile_wait_cqe(struct udrv_ctrl *c, struct udrv_queue *q,
		     struct nvme_cqe *cqe, int ms);
/* A Read or Write of @nlb blocks from @slba into data page 0 onwards. */
void hostile_rw(struct hctx *h, struct nvme_sqe *s, uint8_t op, uint64_t slba,
		uint32_t nlb);

/*
 * Scenarios run on a fresh controller with no I/O queue: 1 when the device
 * behaved as Documentation/udrv.rst says, 0 when not, -errno when the
 * scenario could not be set up. h->seen says what was observed.
 */
int scn_cq_full(struct hctx *h);
int scn_delete_sq_pending(struct hctx *h);
int scn_delete_sq_running(struct hctx *h);
int scn_aer_flood(struct hctx *h);
int scn_bar_sweep(struct hctx *h);

#endif
