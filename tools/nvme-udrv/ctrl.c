// SPDX-License-Identifier: GPL-2.0
/*
 * Controller bring-up and queues: the order of register accesses follows
 * what the Linux nvme driver does (disable, AQA/ASQ/ACQ, CC with EN=0, then
 * EN=1, wait for RDY), so a device that works with nvme-udrv works with the
 * stock driver too.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "udrv.h"

uint64_t udrv_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static uint32_t rd32(struct udrv_ctrl *c, uint32_t off)
{
	return nv_bar_read32(&c->dev, 0, off);
}

static void wr32(struct udrv_ctrl *c, uint32_t off, uint32_t v)
{
	nv_bar_write32(&c->dev, 0, off, v);
}

uint32_t udrv_db_offset(const struct udrv_ctrl *c, uint16_t qid, bool cq)
{
	return NVME_REG_DBS + (2 * qid + (cq ? 1 : 0)) * c->db_stride;
}

int udrv_queue_alloc(struct udrv_ctrl *c, struct udrv_queue *q, uint16_t qid,
		     int depth, int vector)
{
	int ret;

	memset(q, 0, sizeof(*q));
	q->qid = qid;
	q->depth = depth;
	q->phase = 1;
	q->vector = vector;
	q->efd = -1;
	if (vector >= 0 && vector < c->dev.nr_efds)
		q->efd = c->dev.efds[vector];
	q->sq_db = udrv_db_offset(c, qid, false);
	q->cq_db = udrv_db_offset(c, qid, true);
	ret = nv_dma_map(&c->dev, (size_t)depth * sizeof(struct nvme_sqe), &q->sq_mem);
	if (ret)
		return ret;
	ret = nv_dma_map(&c->dev, (size_t)depth * sizeof(struct nvme_cqe), &q->cq_mem);
	if (ret) {
		nv_dma_unmap(&c->dev, &q->sq_mem);
		return ret;
	}
	q->sq = q->sq_mem.va;
	q->cq = q->cq_mem.va;
	return 0;
}

void udrv_queue_free(struct udrv_ctrl *c, struct udrv_queue *q)
{
	if (q->sq_mem.va)
		nv_dma_unmap(&c->dev, &q->sq_mem);
	if (q->cq_mem.va)
		nv_dma_unmap(&c->dev, &q->cq_mem);
	q->sq = NULL;
	q->cq = NULL;
}

void udrv_sq_push(struct udrv_ctrl *c, struct udrv_queue *q,
		  const struct nvme_sqe *sqe, bool ring)
{
	q->sq[q->sq_tail] = *sqe;
	if (++q->sq_tail == q->depth)
		q->sq_tail = 0;
	if (ring)
		udrv_sq_ring(c, q);
}

void udrv_sq_ring(struct udrv_ctrl *c, struct udrv_queue *q)
{
	__atomic_thread_fence(__ATOMIC_RELEASE);
	wr32(c, q->sq_db, q->sq_tail);
}

bool udrv_cq_peek(struct udrv_queue *q, struct nvme_cqe *cqe)
{
	struct nvme_cqe *e = &q->cq[q->cq_head];

	/* The device writes the phase bit last: read the rest after it. */
	if ((__atomic_load_n(&e->status, __ATOMIC_ACQUIRE) & 1) != q->phase)
		return false;
	*cqe = *e;
	return true;
}

void udrv_cq_advance(struct udrv_queue *q)
{
	q->sq_head = q->cq[q->cq_head].sq_head;
	if (++q->cq_head == q->depth) {
		q->cq_head = 0;
		q->phase ^= 1;
	}
}

void udrv_cq_ring(struct udrv_ctrl *c, struct udrv_queue *q)
{
	wr32(c, q->cq_db, q->cq_head);
}

int udrv_wait_irq(struct udrv_queue *q, int timeout_ms)
{
	struct pollfd p = { .fd = q->efd, .events = POLLIN };
	uint64_t v;

	if (q->efd < 0) {
		/* Polled queue: give the device a moment. */
		usleep(timeout_ms > 0 ? 50 : 0);
		return 0;
	}
	if (poll(&p, 1, timeout_ms) <= 0)
		return 0;
	if (read(q->efd, &v, sizeof(v)) != sizeof(v))
		return 0;
	return 1;
}

int udrv_admin(struct udrv_ctrl *c, struct nvme_sqe *sqe, struct nvme_cqe *cqe,
	       int timeout_ms)
{
	struct udrv_queue *q = &c->admin;
	uint64_t deadline = udrv_now_ns() + (uint64_t)timeout_ms * 1000000;
	uint16_t cid = c->next_cid++;

	sqe->cid = cid;
	udrv_sq_push(c, q, sqe, true);
	for (;;) {
		struct nvme_cqe got;

		while (udrv_cq_peek(q, &got)) {
			udrv_cq_advance(q);
			udrv_cq_ring(c, q);
			if (got.cid == cid) {
				*cqe = got;
				return 0;
			}
			/* An Asynchronous Event completing meanwhile, say. */
			fprintf(stderr, "nvme-udrv: admin completion for cid %u while waiting for %u\n",
				got.cid, cid);
		}
		if (udrv_now_ns() > deadline)
			return -ETIMEDOUT;
		udrv_wait_irq(q, 10);
	}
}

static int wait_ready(struct udrv_ctrl *c, bool ready)
{
	uint64_t deadline = udrv_now_ns() + (uint64_t)c->ready_ms * 1000000;
	uint32_t csts;

	for (;;) {
		csts = rd32(c, NVME_REG_CSTS);
		if (csts == 0xffffffff) {
			fprintf(stderr, "nvme-udrv: CSTS reads all ones: device gone\n");
			return -ENODEV;
		}
		if (!!(csts & NVME_CSTS_RDY) == ready)
			return 0;
		if (udrv_now_ns() > deadline) {
			fprintf(stderr, "nvme-udrv: CSTS.RDY did not become %d in %u ms (CSTS 0x%x)\n",
				ready, c->ready_ms, csts);
			return -ETIMEDOUT;
		}
		usleep(1000);
	}
}

int udrv_disable(struct udrv_ctrl *c)
{
	uint32_t cc = rd32(c, NVME_REG_CC);

	c->enabled = false;
	wr32(c, NVME_REG_CC, cc & ~(NVME_CC_EN | (3u << 14)));
	return wait_ready(c, false);
}

int udrv_open(struct udrv_ctrl *c, const char *dev, bool use_irq, bool reset)
{
	int ret;

	memset(c, 0, sizeof(*c));
	ret = nv_open(&c->dev, dev);
	if (ret) {
		fprintf(stderr, "nvme-udrv: %s\n", nv_last_error());
		return ret;
	}
	if (reset && nv_reset(&c->dev)) {
		fprintf(stderr, "nvme-udrv: %s\n", nv_last_error());
		ret = -EIO;
		goto err;
	}
	if (c->dev.regions[0].info.size < 0x2000) {
		fprintf(stderr, "nvme-udrv: BAR0 is %llu bytes, an NVMe controller needs 8 KiB\n",
			(unsigned long long)c->dev.regions[0].info.size);
		ret = -ENODEV;
		goto err;
	}
	c->cap = nv_bar_read64(&c->dev, 0, NVME_REG_CAP);
	c->vs = rd32(c, NVME_REG_VS);
	c->db_stride = 4u << NVME_CAP_DSTRD(c->cap);
	c->mqes = NVME_CAP_MQES(c->cap);
	c->ready_ms = (NVME_CAP_TO(c->cap) + 1) * 500;
	if (NVME_CAP_MPSMIN(c->cap) != 0) {
		fprintf(stderr, "nvme-udrv: CAP.MPSMIN %u: 4 KiB pages unsupported\n",
			NVME_CAP_MPSMIN(c->cap));
		ret = -ENODEV;
		goto err;
	}
	/* Vector 0 for admin, one per I/O queue: as many as the device has. */
	c->use_irq = use_irq && c->dev.msix_count > 0;
	if (c->use_irq) {
		int n = c->dev.msix_count < NV_MAX_IRQS ? c->dev.msix_count : NV_MAX_IRQS;

		ret = nv_msix_enable(&c->dev, n);
		if (ret) {
			fprintf(stderr, "nvme-udrv: %s\n", nv_last_error());
			goto err;
		}
	}
	ret = nv_dma_map(&c->dev, NVME_PAGE, &c->scratch);
	if (ret) {
		fprintf(stderr, "nvme-udrv: %s\n", nv_last_error());
		goto err;
	}
	return 0;
err:
	nv_close(&c->dev);
	return ret;
}

int udrv_enable(struct udrv_ctrl *c)
{
	struct udrv_queue *q = &c->admin;
	int ret;

	ret = udrv_disable(c);
	if (ret)
		return ret;
	udrv_queue_free(c, q);
	ret = udrv_queue_alloc(c, q, 0, UDRV_ADMIN_DEPTH, c->use_irq ? 0 : -1);
	if (ret) {
		fprintf(stderr, "nvme-udrv: %s\n", nv_last_error());
		return ret;
	}
	wr32(c, NVME_REG_AQA, (UDRV_ADMIN_DEPTH - 1) << 16 | (UDRV_ADMIN_DEPTH - 1));
	nv_bar_write64(&c->dev, 0, NVME_REG_ASQ, q->sq_mem.iova);
	nv_bar_write64(&c->dev, 0, NVME_REG_ACQ, q->cq_mem.iova);
	wr32(c, NVME_REG_CC, NVME_CC_IO_SIZES);
	wr32(c, NVME_REG_CC, NVME_CC_IO_SIZES | NVME_CC_EN);
	ret = wait_ready(c, true);
	if (ret)
		return ret;
	if (rd32(c, NVME_REG_CSTS) & NVME_CSTS_CFS) {
		fprintf(stderr, "nvme-udrv: controller fatal status after enable\n");
		return -EIO;
	}
	c->enabled = true;
	return 0;
}

int udrv_identify(struct udrv_ctrl *c, uint32_t cns, uint32_t nsid, void *buf,
		  uint16_t *status)
{
	struct nvme_sqe sqe = {
		.opcode = NVME_ADM_IDENTIFY,
		.nsid = nsid,
		.prp1 = c->scratch.iova,
		.cdw10 = cns,
	};
	struct nvme_cqe cqe;
	int ret;

	memset(c->scratch.va, 0, NVME_PAGE);
	ret = udrv_admin(c, &sqe, &cqe, UDRV_CMD_TIMEOUT_MS);
	if (ret)
		return ret;
	*status = cqe.status >> 1;
	if (!NVME_CODE(*status))
		memcpy(buf, c->scratch.va, NVME_PAGE);
	return 0;
}

static uint64_t le64_at(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
	return v;
}

int udrv_bringup(struct udrv_ctrl *c, uint32_t nsid)
{
	uint32_t list[1024];
	uint16_t st;
	uint8_t lbaf;
	int ret;

	ret = udrv_enable(c);
	if (ret)
		return ret;
	ret = udrv_identify(c, 1, 0, c->id_ctrl, &st);
	if (ret || st) {
		fprintf(stderr, "nvme-udrv: Identify Controller failed (%d, status 0x%x)\n",
			ret, st);
		return ret ? ret : -EIO;
	}
	if (c->id_ctrl[NVME_IDC_MDTS])
		c->max_xfer = NVME_PAGE << c->id_ctrl[NVME_IDC_MDTS];
	if (!nsid) {
		ret = udrv_identify(c, 2, 0, list, &st);
		if (ret || st || !list[0]) {
			fprintf(stderr, "nvme-udrv: no active namespace (%d, status 0x%x)\n",
				ret, st);
			return ret ? ret : -ENODEV;
		}
		nsid = list[0];
	}
	ret = udrv_identify(c, 0, nsid, c->id_ns, &st);
	if (ret || st) {
		fprintf(stderr, "nvme-udrv: Identify Namespace %u failed (%d, status 0x%x)\n",
			nsid, ret, st);
		return ret ? ret : -EIO;
	}
	c->nsid = nsid;
	c->nsze = le64_at(c->id_ns + NVME_IDN_NSZE);
	lbaf = c->id_ns[NVME_IDN_FLBAS] & 0xf;
	c->lba_shift = c->id_ns[NVME_IDN_LBAF + 4 * lbaf + 2];
	if (c->lba_shift < 9 || c->lba_shift > 16) {
		fprintf(stderr, "nvme-udrv: namespace %u has LBA data size 2^%u\n",
			nsid, c->lba_shift);
		return -EINVAL;
	}
	return 0;
}

int udrv_set_num_queues(struct udrv_ctrl *c, int n)
{
	struct nvme_sqe sqe = {
		.opcode = NVME_ADM_SET_FEATURES,
		.cdw10 = NVME_FEAT_NUM_QUEUES,
		.cdw11 = (uint32_t)(n - 1) << 16 | (uint32_t)(n - 1),
	};
	struct nvme_cqe cqe;
	int ret;

	ret = udrv_admin(c, &sqe, &cqe, UDRV_CMD_TIMEOUT_MS);
	if (ret)
		return ret;
	if (NVME_CODE(cqe.status >> 1)) {
		fprintf(stderr, "nvme-udrv: Set Features Number of Queues: status 0x%x (%s)\n",
			NVME_CODE(cqe.status >> 1), nvme_status_name(NVME_CODE(cqe.status >> 1)));
		return -EIO;
	}
	c->granted_sq = (cqe.result & 0xffff) + 1;
	c->granted_cq = (cqe.result >> 16) + 1;
	return 0;
}

static int admin_ok(struct udrv_ctrl *c, struct nvme_sqe *sqe, const char *what)
{
	struct nvme_cqe cqe;
	int ret = udrv_admin(c, sqe, &cqe, UDRV_CMD_TIMEOUT_MS);

	if (ret) {
		fprintf(stderr, "nvme-udrv: %s: no completion\n", what);
		return ret;
	}
	if (NVME_CODE(cqe.status >> 1)) {
		fprintf(stderr, "nvme-udrv: %s: status 0x%x (%s)\n", what,
			NVME_CODE(cqe.status >> 1),
			nvme_status_name(NVME_CODE(cqe.status >> 1)));
		return -EIO;
	}
	return 0;
}

int udrv_create_io_queues(struct udrv_ctrl *c, int n, int depth)
{
	char what[64];
	int i, ret;

	if (depth > (int)c->mqes + 1)
		depth = c->mqes + 1;
	/* Callers that set the feature themselves (hostile) may ask for more. */
	if (c->granted_sq < n || c->granted_cq < n) {
		ret = udrv_set_num_queues(c, n);
		if (ret)
			return ret;
	}
	if (c->granted_sq < n || c->granted_cq < n) {
		fprintf(stderr, "nvme-udrv: %d queue pairs asked, %d/%d granted\n",
			n, c->granted_sq, c->granted_cq);
		return -ENOSPC;
	}
	if (c->use_irq && n + 1 > c->dev.nr_efds) {
		fprintf(stderr, "nvme-udrv: %d queues need %d MSI-X vectors, the device has %d\n",
			n, n + 1, c->dev.nr_efds);
		return -ENOSPC;
	}
	c->ioq = calloc(n, sizeof(*c->ioq));
	if (!c->ioq)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		struct udrv_queue *q = &c->ioq[i];
		uint16_t qid = i + 1;
		struct nvme_sqe cq = {
			.opcode = NVME_ADM_CREATE_CQ,
			.cdw10 = (uint32_t)(depth - 1) << 16 | qid,
			/* PC=1, IEN as configured, IV = qid */
			.cdw11 = (c->use_irq ? (uint32_t)qid << 16 | 2 : 0) | 1,
		};
		struct nvme_sqe sq = {
			.opcode = NVME_ADM_CREATE_SQ,
			.cdw10 = (uint32_t)(depth - 1) << 16 | qid,
			.cdw11 = (uint32_t)qid << 16 | 1,	/* CQID, PC=1 */
		};

		ret = udrv_queue_alloc(c, q, qid, depth, c->use_irq ? qid : -1);
		if (ret) {
			fprintf(stderr, "nvme-udrv: %s\n", nv_last_error());
			return ret;
		}
		c->nr_ioq = i + 1;
		cq.prp1 = q->cq_mem.iova;
		sq.prp1 = q->sq_mem.iova;
		snprintf(what, sizeof(what), "Create I/O CQ %u", qid);
		ret = admin_ok(c, &cq, what);
		if (ret)
			return ret;
		snprintf(what, sizeof(what), "Create I/O SQ %u", qid);
		ret = admin_ok(c, &sq, what);
		if (ret)
			return ret;
	}
	return 0;
}

int udrv_delete_io_queues(struct udrv_ctrl *c)
{
	int i, ret = 0;

	for (i = c->nr_ioq - 1; i >= 0; i--) {
		struct nvme_sqe sq = { .opcode = NVME_ADM_DELETE_SQ, .cdw10 = i + 1 };
		struct nvme_sqe cq = { .opcode = NVME_ADM_DELETE_CQ, .cdw10 = i + 1 };

		if (c->enabled) {
			ret |= admin_ok(c, &sq, "Delete I/O SQ");
			ret |= admin_ok(c, &cq, "Delete I/O CQ");
		}
		udrv_queue_free(c, &c->ioq[i]);
	}
	free(c->ioq);
	c->ioq = NULL;
	c->nr_ioq = 0;
	return ret ? -EIO : 0;
}

void udrv_close(struct udrv_ctrl *c)
{
	/* A device that went away answers nothing: do not wait for it. */
	if (c->enabled && rd32(c, NVME_REG_CSTS) == 0xffffffff) {
		fprintf(stderr, "nvme-udrv: CSTS reads all ones: device gone\n");
		c->enabled = false;
	}
	if (c->ioq)
		udrv_delete_io_queues(c);
	if (c->enabled) {
		/* Normal shutdown, so that the device may flush its caches. */
		uint32_t cc = rd32(c, NVME_REG_CC);
		uint64_t deadline = udrv_now_ns() + (uint64_t)c->ready_ms * 1000000;

		wr32(c, NVME_REG_CC, (cc & ~(3u << 14)) | (1u << 14));
		while (((rd32(c, NVME_REG_CSTS) >> 2) & 3) != 2 && udrv_now_ns() < deadline)
			usleep(1000);
		udrv_disable(c);
	}
	udrv_queue_free(c, &c->admin);
	if (c->scratch.va)
		nv_dma_unmap(&c->dev, &c->scratch);
	nv_close(&c->dev);
}
