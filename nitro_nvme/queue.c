// SPDX-License-Identifier: GPL-2.0
/*
 * Submission and completion queues, doorbells and interrupts.
 *
 * I/O is fetched in the context that wrote the doorbell: the SQ tail
 * doorbell runs the SQ until it is empty, executing each command (including
 * its encryption and its backend I/O) before posting its completion. No
 * thread or workqueue sits between the guest's doorbell write and the
 * backend, and a guest gets as much parallelism as it has submitting
 * threads, one per SQ (see Documentation/nvme.rst).
 *
 * A command is fetched only when its CQ has a free slot that no other
 * fetched command has claimed, so a CQE never overwrites one the guest has
 * not consumed; an SQ that found its CQ full stalls until the guest moves
 * that CQ's head.
 */
#include <linux/jiffies.h>
#include <linux/lockdep.h>
#include <linux/mm.h>
#include <linux/slab.h>

#include "nvme_fw.h"

/* The admin queues nest outside the I/O queue table (nvme_fw.h). */
static struct lock_class_key nvme_fw_admin_sq_key;
static struct lock_class_key nvme_fw_admin_cq_key;

static void nvme_fw_irq(struct nvme_fw_cq *cq)
{
	cq->unsignalled = 0;
	if (cq->ien)
		cq->ctrl->host->irq(cq->ctrl->host_ctx, cq->vector);
}

static void nvme_fw_cq_coalesce_work(struct work_struct *work)
{
	struct nvme_fw_cq *cq = container_of(to_delayed_work(work),
					     struct nvme_fw_cq, coalesce);

	mutex_lock(&cq->lock);
	if (cq->unsignalled)
		nvme_fw_irq(cq);
	mutex_unlock(&cq->lock);
}

int nvme_fw_cq_create(struct nvme_fw_ctrl *ctrl, u16 qid, u64 base, u32 size,
		      u16 vector, bool ien)
{
	struct nvme_fw_cq *cq;

	cq = kzalloc(sizeof(*cq), GFP_KERNEL);
	if (!cq)
		return -ENOMEM;
	mutex_init(&cq->lock);
	if (!qid)
		lockdep_set_class(&cq->lock, &nvme_fw_admin_cq_key);
	cq->qid = qid;
	cq->base = base;
	cq->size = size;
	cq->vector = vector;
	cq->ien = ien;
	cq->phase = 1;
	cq->ctrl = ctrl;
	INIT_DELAYED_WORK(&cq->coalesce, nvme_fw_cq_coalesce_work);
	ctrl->cq[qid] = cq;
	return 0;
}

int nvme_fw_sq_create(struct nvme_fw_ctrl *ctrl, u16 qid, u64 base, u32 size,
		      struct nvme_fw_cq *cq)
{
	struct nvme_fw_sq *sq;

	sq = kzalloc(sizeof(*sq), GFP_KERNEL);
	if (!sq)
		return -ENOMEM;
	sq->bounce = kvzalloc(NVME_FW_MAX_XFER, GFP_KERNEL);
	if (!sq->bounce) {
		kfree(sq);
		return -ENOMEM;
	}
	mutex_init(&sq->lock);
	if (!qid)
		lockdep_set_class(&sq->lock, &nvme_fw_admin_sq_key);
	sq->qid = qid;
	sq->base = base;
	sq->size = size;
	sq->cq = cq;
	sq->ctrl = ctrl;
	cq->nr_sqs++;
	ctrl->sq[qid] = sq;
	return 0;
}

void nvme_fw_sq_free(struct nvme_fw_ctrl *ctrl, struct nvme_fw_sq *sq)
{
	/* Wait for a submitter that found the SQ before it left the table. */
	mutex_lock(&sq->lock);
	mutex_unlock(&sq->lock);
	sq->cq->nr_sqs--;
	ctrl->sq[sq->qid] = NULL;
	/* The bounce buffer held plaintext. */
	kvfree_sensitive(sq->bounce, NVME_FW_MAX_XFER);
	kfree(sq);
}

void nvme_fw_cq_free(struct nvme_fw_ctrl *ctrl, struct nvme_fw_cq *cq)
{
	cancel_delayed_work_sync(&cq->coalesce);
	ctrl->cq[cq->qid] = NULL;
	kfree(cq);
}

void nvme_fw_queues_destroy(struct nvme_fw_ctrl *ctrl)
{
	int i;

	down_write(&ctrl->qsem);
	for (i = NVME_FW_MAX_IOQ; i > 0; i--)
		if (ctrl->sq[i])
			nvme_fw_sq_free(ctrl, ctrl->sq[i]);
	for (i = NVME_FW_MAX_IOQ; i > 0; i--)
		if (ctrl->cq[i])
			nvme_fw_cq_free(ctrl, ctrl->cq[i]);
	up_write(&ctrl->qsem);
	/* The admin queues nest outside qsem. */
	if (ctrl->sq[0])
		nvme_fw_sq_free(ctrl, ctrl->sq[0]);
	if (ctrl->cq[0])
		nvme_fw_cq_free(ctrl, ctrl->cq[0]);
}

static u32 nvme_fw_cq_free_slots(const struct nvme_fw_cq *cq)
{
	return (cq->head + cq->size - cq->tail - 1) % cq->size;
}

static bool nvme_fw_cq_reserve(struct nvme_fw_cq *cq)
{
	bool ok;

	mutex_lock(&cq->lock);
	ok = nvme_fw_cq_free_slots(cq) > cq->reserved;
	if (ok)
		cq->reserved++;
	mutex_unlock(&cq->lock);
	return ok;
}

static void nvme_fw_cq_unreserve(struct nvme_fw_cq *cq)
{
	mutex_lock(&cq->lock);
	cq->reserved--;
	mutex_unlock(&cq->lock);
}

static bool nvme_fw_cq_coalesced(const struct nvme_fw_cq *cq)
{
	const struct nvme_fw_ctrl *ctrl = cq->ctrl;

	/* The admin CQ is never coalesced (NVMe 1.4, 5.21.1.8). */
	return cq->qid && (ctrl->coalesce & 0xffff) &&
	       !(ctrl->ivc_cd & BIT(cq->vector));
}

/*
 * Post one CQE. @reserved: the slot was claimed by nvme_fw_cq_reserve();
 * otherwise (events) fail with -ENOSPC when the CQ has no unclaimed slot.
 */
int nvme_fw_cq_post(struct nvme_fw_cq *cq, u16 sqid, u16 sqhd, u16 cid,
		    u16 status, u32 result, bool reserved)
{
	struct nvme_fw_ctrl *ctrl = cq->ctrl;
	struct nvme_completion cqe = {};
	u64 addr;
	int ret;

	mutex_lock(&cq->lock);
	if (reserved) {
		cq->reserved--;
	} else if (nvme_fw_cq_free_slots(cq) <= cq->reserved) {
		mutex_unlock(&cq->lock);
		return -ENOSPC;
	}
	cqe.result.u32 = cpu_to_le32(result);
	cqe.sq_head = cpu_to_le16(sqhd);
	cqe.sq_id = cpu_to_le16(sqid);
	cqe.command_id = cid;
	cqe.status = cpu_to_le16(status << 1 | cq->phase);
	addr = cq->base + (u64)cq->tail * sizeof(cqe);
	/*
	 * The host polls the phase bit in the status halfword and then reads
	 * the rest: the first 14 bytes must be visible before it.
	 */
	ret = ctrl->host->write(ctrl->host_ctx, addr, &cqe,
				offsetof(struct nvme_completion, status));
	if (!ret)
		ret = ctrl->host->write(ctrl->host_ctx,
					addr + offsetof(struct nvme_completion, status),
					&cqe.status, sizeof(cqe.status));
	if (ret) {
		mutex_unlock(&cq->lock);
		nvme_fw_ctrl_fatal(ctrl, "cannot write a completion entry");
		return ret;
	}
	if (++cq->tail == cq->size) {
		cq->tail = 0;
		cq->phase ^= 1;
	}
	if (!nvme_fw_cq_coalesced(cq) ||
	    ++cq->unsignalled > (ctrl->coalesce & 0xff))
		nvme_fw_irq(cq);
	mutex_unlock(&cq->lock);
	return 0;
}

/* End of a batch: a coalesced CQ with CQEs nobody was told about. */
static void nvme_fw_cq_batch_end(struct nvme_fw_cq *cq)
{
	u32 time = (cq->ctrl->coalesce >> 8) & 0xff;

	mutex_lock(&cq->lock);
	if (cq->unsignalled) {
		if (!time)
			nvme_fw_irq(cq);
		else
			mod_delayed_work(system_wq, &cq->coalesce,
					 usecs_to_jiffies(time * 100));
	}
	mutex_unlock(&cq->lock);
}

void nvme_fw_sq_run(struct nvme_fw_sq *sq)
{
	struct nvme_fw_ctrl *ctrl = sq->ctrl;
	struct nvme_fw_cq *cq = sq->cq;
	struct nvme_fw_req req;
	u16 status;

	lockdep_assert_held(&sq->lock);
	while (sq->head != sq->tail && nvme_fw_ready(ctrl)) {
		if (!nvme_fw_cq_reserve(cq)) {
			sq->stalled = true;
			break;
		}
		sq->stalled = false;
		memset(&req, 0, sizeof(req));
		req.sq = sq;
		if (ctrl->host->read(ctrl->host_ctx,
				     sq->base + (u64)sq->head * sizeof(req.cmd),
				     &req.cmd, sizeof(req.cmd))) {
			nvme_fw_cq_unreserve(cq);
			nvme_fw_ctrl_fatal(ctrl, "cannot fetch a submission entry");
			break;
		}
		sq->head = (sq->head + 1) % sq->size;
		status = sq->qid ? nvme_fw_io_exec(&req) : nvme_fw_admin_exec(&req);
		if (req.deferred) {
			nvme_fw_cq_unreserve(cq);
			nvme_fw_events_flush(ctrl);
			continue;
		}
		if (status)
			nvme_fw_error_log(ctrl, sq->qid, req.cmd.common.command_id,
					  status, req.lba);
		nvme_fw_cq_post(cq, sq->qid, sq->head, req.cmd.common.command_id,
				status, req.result, true);
	}
	nvme_fw_cq_batch_end(cq);
}

static void nvme_fw_bad_doorbell(struct nvme_fw_ctrl *ctrl, u8 info)
{
	ctrl->stats.invalid_doorbells++;
	nvme_fw_event(ctrl, NVME_AER_ERROR, info, NVME_LOG_ERROR);
}

/* Shadow doorbells (Doorbell Buffer Config), I/O queues only. */
static int nvme_fw_dbbuf_sync(struct nvme_fw_ctrl *ctrl, u32 index, u32 done,
			      u32 *shadow)
{
	__le32 v = cpu_to_le32(done);

	if (!ctrl->dbbuf_eis)
		return -ENOENT;
	if (ctrl->host->write(ctrl->host_ctx, ctrl->dbbuf_eis + index * 4, &v,
			      sizeof(v)))
		return -EFAULT;
	/*
	 * The guest writes the shadow and then reads the EventIdx to decide
	 * whether to ring; we wrote the EventIdx and now read the shadow, so
	 * one of us sees the other's update.
	 */
	smp_mb();
	if (ctrl->host->read(ctrl->host_ctx, ctrl->dbbuf_dbs + index * 4, &v,
			     sizeof(v)))
		return -EFAULT;
	*shadow = le32_to_cpu(v);
	return 0;
}

static void nvme_fw_sq_doorbell(struct nvme_fw_ctrl *ctrl,
				struct nvme_fw_sq *sq, u32 value)
{
	u32 shadow;

	mutex_lock(&sq->lock);
	for (;;) {
		if (value >= sq->size) {
			nvme_fw_bad_doorbell(ctrl, 0x01);
			break;
		}
		sq->tail = value;
		nvme_fw_sq_run(sq);
		if (!sq->qid ||
		    nvme_fw_dbbuf_sync(ctrl, 2 * sq->qid, sq->tail, &shadow) ||
		    shadow == sq->tail)
			break;
		value = shadow;
	}
	mutex_unlock(&sq->lock);
}

static bool nvme_fw_cq_set_head(struct nvme_fw_ctrl *ctrl,
				struct nvme_fw_cq *cq, u32 value)
{
	bool ok;

	mutex_lock(&cq->lock);
	/* The new head may only move over entries we posted. */
	ok = value < cq->size &&
	     (value + cq->size - cq->head) % cq->size <=
	     (cq->tail + cq->size - cq->head) % cq->size;
	if (ok)
		cq->head = value;
	mutex_unlock(&cq->lock);
	if (!ok)
		nvme_fw_bad_doorbell(ctrl, 0x01);
	return ok;
}

static void nvme_fw_cq_doorbell(struct nvme_fw_ctrl *ctrl,
				struct nvme_fw_cq *cq, u32 value)
{
	u32 shadow;
	int i;

	if (!nvme_fw_cq_set_head(ctrl, cq, value))
		return;
	if (cq->qid &&
	    !nvme_fw_dbbuf_sync(ctrl, 2 * cq->qid + 1, value, &shadow) &&
	    shadow != value)
		nvme_fw_cq_set_head(ctrl, cq, shadow);
	if (!cq->qid) {
		nvme_fw_events_flush(ctrl);
		mutex_lock(&ctrl->sq[0]->lock);
		if (ctrl->sq[0]->stalled)
			nvme_fw_sq_run(ctrl->sq[0]);
		mutex_unlock(&ctrl->sq[0]->lock);
		return;
	}
	/* Restart the SQs that stopped on this CQ. */
	for (i = 1; i <= NVME_FW_MAX_IOQ; i++) {
		struct nvme_fw_sq *sq = ctrl->sq[i];

		if (!sq || sq->cq != cq || !READ_ONCE(sq->stalled))
			continue;
		mutex_lock(&sq->lock);
		if (sq->stalled)
			nvme_fw_sq_run(sq);
		mutex_unlock(&sq->lock);
	}
}

/*
 * Doorbell @index (2 * qid: SQ tail, 2 * qid + 1: CQ head), as laid out
 * with CAP.DSTRD = 0.
 */
void nvme_fw_doorbell(struct nvme_fw_ctrl *ctrl, u32 index, u32 value)
{
	u16 qid = index / 2;

	if (!nvme_fw_ready(ctrl))
		return;
	if (index >= NVME_FW_NR_DOORBELLS) {
		nvme_fw_bad_doorbell(ctrl, 0x00);
		return;
	}
	if (!qid) {
		if (index & 1)
			nvme_fw_cq_doorbell(ctrl, ctrl->cq[0], value);
		else
			nvme_fw_sq_doorbell(ctrl, ctrl->sq[0], value);
		return;
	}
	down_read(&ctrl->qsem);
	if (index & 1) {
		if (ctrl->cq[qid])
			nvme_fw_cq_doorbell(ctrl, ctrl->cq[qid], value);
		else
			nvme_fw_bad_doorbell(ctrl, 0x00);
	} else {
		if (ctrl->sq[qid])
			nvme_fw_sq_doorbell(ctrl, ctrl->sq[qid], value);
		else
			nvme_fw_bad_doorbell(ctrl, 0x00);
	}
	up_read(&ctrl->qsem);
}
