// SPDX-License-Identifier: GPL-2.0
/*
 * Admin commands: parse, check the command's shape, then execute (the
 * nvmet pattern). Queue management, Abort, Asynchronous Event Request and
 * Doorbell Buffer Config live here; Identify, features and log pages in
 * their own files.
 */
#include <linux/kernel.h>
#include <linux/lockdep.h>

#include "nvme_fw.h"

#define NVME_FW_SQ_PRIO_MASK	(3 << 1)

/* Asynchronous events ------------------------------------------------- */

/*
 * Post pending events on parked AERs while both exist and the admin CQ
 * has room; an event that cannot be posted stays pending.
 */
void nvme_fw_events_flush(struct nvme_fw_ctrl *ctrl)
{
	unsigned long flags;
	u16 cid;
	u32 ev;

	for (;;) {
		spin_lock_irqsave(&ctrl->evlock, flags);
		if (!ctrl->nr_aer || !ctrl->nr_events || !ctrl->cq[0] ||
		    !nvme_fw_ready(ctrl)) {
			spin_unlock_irqrestore(&ctrl->evlock, flags);
			return;
		}
		cid = ctrl->aer_cid[--ctrl->nr_aer];
		ev = ctrl->events[0];
		memmove(&ctrl->events[0], &ctrl->events[1],
			--ctrl->nr_events * sizeof(ctrl->events[0]));
		/* The type stays masked until the host reads its log page. */
		ctrl->masked_types |= BIT(ev & 0x7);
		spin_unlock_irqrestore(&ctrl->evlock, flags);

		if (nvme_fw_cq_post(ctrl->cq[0], 0, ctrl->sq[0]->head, cid,
				    NVME_SC_SUCCESS, ev, false)) {
			spin_lock_irqsave(&ctrl->evlock, flags);
			ctrl->aer_cid[ctrl->nr_aer++] = cid;
			if (ctrl->nr_events < NVME_FW_MAX_EVENTS) {
				memmove(&ctrl->events[1], &ctrl->events[0],
					ctrl->nr_events * sizeof(ctrl->events[0]));
				ctrl->events[0] = ev;
				ctrl->nr_events++;
			}
			ctrl->masked_types &= ~BIT(ev & 0x7);
			spin_unlock_irqrestore(&ctrl->evlock, flags);
			return;
		}
	}
}

/*
 * Queue an event (CQE DW0 = type | info << 8 | log page << 16). Events of
 * a masked type, duplicates and events beyond the queue are dropped: a
 * guest hammering bad doorbells cannot grow anything.
 */
void nvme_fw_event(struct nvme_fw_ctrl *ctrl, u8 type, u8 info, u8 lid)
{
	u32 ev = type | info << 8 | lid << 16;
	unsigned long flags;
	u32 i;

	spin_lock_irqsave(&ctrl->evlock, flags);
	if (ctrl->masked_types & BIT(type))
		goto out;
	for (i = 0; i < ctrl->nr_events; i++)
		if (ctrl->events[i] == ev)
			goto out;
	if (ctrl->nr_events < NVME_FW_MAX_EVENTS)
		ctrl->events[ctrl->nr_events++] = ev;
out:
	spin_unlock_irqrestore(&ctrl->evlock, flags);
	nvme_fw_events_flush(ctrl);
}

void nvme_fw_error_log(struct nvme_fw_ctrl *ctrl, u16 sqid, u16 cid,
		       u16 status, u64 lba)
{
	struct nvme_error_slot *e;
	unsigned long flags;

	spin_lock_irqsave(&ctrl->evlock, flags);
	e = &ctrl->errlog[ctrl->errlog_next];
	ctrl->errlog_next = (ctrl->errlog_next + 1) % ARRAY_SIZE(ctrl->errlog);
	memset(e, 0, sizeof(*e));
	e->error_count = cpu_to_le64(++ctrl->stats.err_log_count);
	e->sqid = cpu_to_le16(sqid);
	e->cmdid = (__force __le16)cid;	/* echoed as the host wrote it */
	e->status_field = cpu_to_le16(status << 1);
	e->param_error_location = cpu_to_le16(0xffff);
	e->lba = cpu_to_le64(lba);
	e->nsid = cpu_to_le32(1);
	spin_unlock_irqrestore(&ctrl->evlock, flags);
}

static u16 nvme_fw_admin_aer(struct nvme_fw_req *req)
{
	struct nvme_fw_ctrl *ctrl = req->sq->ctrl;
	unsigned long flags;
	u16 status = NVME_SC_SUCCESS;

	spin_lock_irqsave(&ctrl->evlock, flags);
	if (ctrl->nr_aer > NVME_FW_AERL)
		status = NVME_SC_ASYNC_LIMIT | NVME_FW_DNR;
	else
		ctrl->aer_cid[ctrl->nr_aer++] = req->cmd.common.command_id;
	spin_unlock_irqrestore(&ctrl->evlock, flags);
	if (status)
		return status;
	/* nvme_fw_sq_run() posts pending events once the slot is free. */
	req->deferred = true;
	return NVME_SC_SUCCESS;
}

/* Queue management ------------------------------------------------------ */

/*
 * What Create I/O CQ and Create I/O SQ check alike, in this order: the
 * entry size chosen in CC (@es_shift), the queue id, the size, contiguity,
 * the base address and the reserved flag bits (not in @allowed).
 */
static u16 nvme_fw_check_create(struct nvme_fw_ctrl *ctrl, u32 es_shift,
				u32 es, u16 qid, u32 qsize, u64 prp1,
				u16 flags, u16 allowed)
{
	if (((ctrl->cc >> es_shift) & 0xf) != es)
		return NVME_SC_INVALID_FIELD | NVME_FW_DNR;
	if (!qid || qid > ctrl->nr_ioq_granted)
		return NVME_SC_QID_INVALID | NVME_FW_DNR;
	/* QSIZE is 0-based: 0 would be a one-entry queue, full when empty. */
	if (qsize < 1 || qsize > NVME_FW_MQES)
		return NVME_SC_QUEUE_SIZE | NVME_FW_DNR;
	/* CAP.CQR: only physically contiguous queues. */
	if (!(flags & NVME_QUEUE_PHYS_CONTIG))
		return NVME_SC_INVALID_FIELD | NVME_FW_DNR;
	if (prp1 & (NVME_FW_PAGE_SIZE - 1))
		return NVME_SC_PRP_INVALID_OFFSET | NVME_FW_DNR;
	if (flags & ~allowed)
		return NVME_SC_INVALID_FIELD | NVME_FW_DNR;
	return NVME_SC_SUCCESS;
}

static u16 nvme_fw_admin_create_cq(struct nvme_fw_req *req)
{
	struct nvme_fw_ctrl *ctrl = req->sq->ctrl;
	const struct nvme_create_cq *c = &req->cmd.create_cq;
	u16 qid = le16_to_cpu(c->cqid), flags = le16_to_cpu(c->cq_flags);
	u16 vector = le16_to_cpu(c->irq_vector);
	u16 status;

	status = nvme_fw_check_create(ctrl, NVME_CC_IOCQES_SHIFT,
				      NVME_NVM_IOCQES, qid,
				      le16_to_cpu(c->qsize),
				      le64_to_cpu(c->prp1), flags,
				      NVME_QUEUE_PHYS_CONTIG |
				      NVME_CQ_IRQ_ENABLED);
	if (status)
		return status;
	if (vector >= NVME_FW_NR_VECTORS)
		return NVME_SC_INVALID_VECTOR | NVME_FW_DNR;
	down_write(&ctrl->qsem);
	if (ctrl->cq[qid])
		status = NVME_SC_QID_INVALID | NVME_FW_DNR;
	else if (nvme_fw_cq_create(ctrl, qid, le64_to_cpu(c->prp1),
				   le16_to_cpu(c->qsize) + 1, vector,
				   flags & NVME_CQ_IRQ_ENABLED))
		status = NVME_SC_INTERNAL;
	up_write(&ctrl->qsem);
	return status;
}

static u16 nvme_fw_admin_create_sq(struct nvme_fw_req *req)
{
	struct nvme_fw_ctrl *ctrl = req->sq->ctrl;
	const struct nvme_create_sq *c = &req->cmd.create_sq;
	u16 qid = le16_to_cpu(c->sqid), flags = le16_to_cpu(c->sq_flags);
	u16 cqid = le16_to_cpu(c->cqid);
	u16 status;

	/* QPRIO (2:1) is ignored under round robin; bits 15:3 reserved. */
	status = nvme_fw_check_create(ctrl, NVME_CC_IOSQES_SHIFT,
				      NVME_NVM_IOSQES, qid,
				      le16_to_cpu(c->qsize),
				      le64_to_cpu(c->prp1), flags,
				      NVME_QUEUE_PHYS_CONTIG |
				      NVME_FW_SQ_PRIO_MASK);
	if (status)
		return status;
	down_write(&ctrl->qsem);
	if (!cqid || cqid > NVME_FW_MAX_IOQ || !ctrl->cq[cqid])
		status = NVME_SC_CQ_INVALID | NVME_FW_DNR;
	else if (ctrl->sq[qid])
		status = NVME_SC_QID_INVALID | NVME_FW_DNR;
	else if (nvme_fw_sq_create(ctrl, qid, le64_to_cpu(c->prp1),
				   le16_to_cpu(c->qsize) + 1, ctrl->cq[cqid]))
		status = NVME_SC_INTERNAL;
	up_write(&ctrl->qsem);
	return status;
}

/*
 * Delete I/O SQ or CQ. Taking qsem for write waits for every submitter:
 * commands fetched from a deleted SQ have completed when the deletion
 * does, and those still in it are never fetched (implicitly aborted).
 */
static u16 nvme_fw_admin_delete_queue(struct nvme_fw_req *req, bool cq)
{
	struct nvme_fw_ctrl *ctrl = req->sq->ctrl;
	u16 qid = le16_to_cpu(req->cmd.delete_queue.qid);
	u16 status = NVME_SC_SUCCESS;

	if (!qid || qid > NVME_FW_MAX_IOQ)
		return NVME_SC_QID_INVALID | NVME_FW_DNR;
	down_write(&ctrl->qsem);
	if (cq ? !ctrl->cq[qid] : !ctrl->sq[qid])
		status = NVME_SC_QID_INVALID | NVME_FW_DNR;
	else if (cq && ctrl->cq[qid]->nr_sqs)
		status = NVME_SC_INVALID_QUEUE | NVME_FW_DNR;
	else if (cq)
		nvme_fw_cq_free(ctrl, ctrl->cq[qid]);
	else
		nvme_fw_sq_free(ctrl, ctrl->sq[qid]);
	up_write(&ctrl->qsem);
	return status;
}

/* Other commands ------------------------------------------------------- */

static u16 nvme_fw_admin_abort(struct nvme_fw_req *req)
{
	/*
	 * Commands run to completion in the doorbell that fetched them, so
	 * by the time an Abort is fetched its target has either completed
	 * or not been fetched yet: report "not aborted" (DW0 bit 0).
	 */
	req->result = 1;
	return NVME_SC_SUCCESS;
}

static u16 nvme_fw_admin_dbbuf(struct nvme_fw_req *req)
{
	struct nvme_fw_ctrl *ctrl = req->sq->ctrl;
	u64 dbs = le64_to_cpu(req->cmd.dbbuf.prp1);
	u64 eis = le64_to_cpu(req->cmd.dbbuf.prp2);

	if ((dbs | eis) & (NVME_FW_PAGE_SIZE - 1))
		return NVME_SC_INVALID_FIELD | NVME_FW_DNR;
	/* Serialized with the I/O doorbells that read them. */
	down_write(&ctrl->qsem);
	ctrl->dbbuf_dbs = dbs;
	ctrl->dbbuf_eis = eis;
	up_write(&ctrl->qsem);
	return NVME_SC_SUCCESS;
}

u16 nvme_fw_admin_exec(struct nvme_fw_req *req)
{
	const struct nvme_common_command *c = &req->cmd.common;

	lockdep_assert_held(&req->sq->lock);
	/* No fused operations; the admin queue takes PRPs only. */
	if (c->flags & (NVME_CMD_FUSE_FIRST | NVME_CMD_FUSE_SECOND |
			NVME_CMD_SGL_ALL))
		return NVME_SC_INVALID_FIELD | NVME_FW_DNR;

	switch (c->opcode) {
	case nvme_admin_delete_sq:
		return nvme_fw_admin_delete_queue(req, false);
	case nvme_admin_create_sq:
		return nvme_fw_admin_create_sq(req);
	case nvme_admin_get_log_page:
		return nvme_fw_get_log_page(req);
	case nvme_admin_delete_cq:
		return nvme_fw_admin_delete_queue(req, true);
	case nvme_admin_create_cq:
		return nvme_fw_admin_create_cq(req);
	case nvme_admin_identify:
		return nvme_fw_identify(req);
	case nvme_admin_abort_cmd:
		return nvme_fw_admin_abort(req);
	case nvme_admin_set_features:
		return nvme_fw_set_features(req);
	case nvme_admin_get_features:
		return nvme_fw_get_features(req);
	case nvme_admin_async_event:
		return nvme_fw_admin_aer(req);
	case nvme_admin_keep_alive:
		return NVME_SC_SUCCESS;
	case nvme_admin_dbbuf:
		return nvme_fw_admin_dbbuf(req);
	default:
		return NVME_SC_INVALID_OPCODE | NVME_FW_DNR;
	}
}
