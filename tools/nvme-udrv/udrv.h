/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nvme-udrv: a userspace NVMe driver on libnitrovfio. The controller layer
 * (ctrl.c) brings the controller up and runs queues; io.c is the load
 * generator and hostile.c sends malformed commands on purpose.
 */
#ifndef NVME_UDRV_H
#define NVME_UDRV_H

#include <stdbool.h>
#include <stdint.h>

#include "nitrovfio.h"
#include "nvme.h"

/* Exit codes (Documentation/udrv.rst). */
enum {
	UDRV_EXIT_OK		= 0,
	UDRV_EXIT_IO		= 1,	/* I/O errors, verify or expectation mismatches */
	UDRV_EXIT_USAGE		= 2,
	UDRV_EXIT_SETUP		= 3,	/* cannot open, enable or identify */
	UDRV_EXIT_TIMEOUT	= 4,	/* a command got no completion */
};

#define UDRV_ADMIN_DEPTH	32
#define UDRV_CMD_TIMEOUT_MS	5000

struct udrv_queue {
	uint16_t qid;
	uint16_t depth;			/* entries (1-based) */
	struct nv_dma sq_mem;
	struct nv_dma cq_mem;
	struct nvme_sqe *sq;
	struct nvme_cqe *cq;		/* written by the device */
	uint16_t sq_tail;
	uint16_t sq_head;		/* as last reported by the controller */
	uint16_t cq_head;
	uint8_t phase;
	int vector;			/* -1: polled */
	int efd;			/* eventfd of @vector, or -1 */
	uint32_t sq_db;			/* doorbell offsets in BAR0 */
	uint32_t cq_db;
};

struct udrv_ctrl {
	struct nv_dev dev;
	uint64_t cap;
	uint32_t vs;
	uint32_t db_stride;		/* bytes */
	uint32_t mqes;			/* 0-based, as in CAP */
	uint32_t ready_ms;		/* CAP.TO in ms */
	bool enabled;
	bool use_irq;
	struct udrv_queue admin;
	struct udrv_queue *ioq;		/* [0] is qid 1 */
	int nr_ioq;
	int granted_sq;			/* from Set Features Number of Queues */
	int granted_cq;
	uint16_t next_cid;
	uint8_t id_ctrl[4096];
	uint8_t id_ns[4096];
	uint32_t nsid;
	uint64_t nsze;
	uint32_t lba_shift;
	uint32_t max_xfer;		/* bytes; 0 = no limit reported */
	struct nv_dma scratch;		/* one page for admin data */
};

/* @reset: VFIO_DEVICE_RESET (a function-level reset) before anything else. */
int udrv_open(struct udrv_ctrl *c, const char *dev, bool use_irq, bool reset);
void udrv_close(struct udrv_ctrl *c);
int udrv_disable(struct udrv_ctrl *c);
int udrv_enable(struct udrv_ctrl *c);
/* Enable, identify, pick the first active namespace. */
int udrv_bringup(struct udrv_ctrl *c, uint32_t nsid);

/* Synchronous admin command: 0 with @cqe filled, -ETIMEDOUT, -errno. */
int udrv_admin(struct udrv_ctrl *c, struct nvme_sqe *sqe, struct nvme_cqe *cqe,
	       int timeout_ms);
int udrv_identify(struct udrv_ctrl *c, uint32_t cns, uint32_t nsid, void *buf,
		  uint16_t *status);
int udrv_set_num_queues(struct udrv_ctrl *c, int n);
/* Create @n I/O queue pairs of @depth entries, each with its own vector. */
int udrv_create_io_queues(struct udrv_ctrl *c, int n, int depth);
int udrv_delete_io_queues(struct udrv_ctrl *c);

/* Queue primitives (the caller keeps at most depth - 1 in flight). */
void udrv_sq_push(struct udrv_ctrl *c, struct udrv_queue *q,
		  const struct nvme_sqe *sqe, bool ring);
void udrv_sq_ring(struct udrv_ctrl *c, struct udrv_queue *q);
/*
 * Copy the next completion into @cqe: false if there is none yet. Then
 * udrv_cq_advance() and, once per batch, udrv_cq_ring().
 */
bool udrv_cq_peek(struct udrv_queue *q, struct nvme_cqe *cqe);
void udrv_cq_advance(struct udrv_queue *q);
void udrv_cq_ring(struct udrv_ctrl *c, struct udrv_queue *q);
/* Wait for @q's interrupt or up to @timeout_ms; 1 if signalled. */
int udrv_wait_irq(struct udrv_queue *q, int timeout_ms);

uint32_t udrv_db_offset(const struct udrv_ctrl *c, uint16_t qid, bool cq);
int udrv_queue_alloc(struct udrv_ctrl *c, struct udrv_queue *q, uint16_t qid,
		     int depth, int vector);
void udrv_queue_free(struct udrv_ctrl *c, struct udrv_queue *q);

uint64_t udrv_now_ns(void);

int udrv_cmd_info(int argc, char **argv);
int udrv_cmd_io(int argc, char **argv);
int udrv_cmd_hostile(int argc, char **argv);
int udrv_cmd_log(int argc, char **argv);

#endif
