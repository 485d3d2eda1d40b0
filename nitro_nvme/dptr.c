// SPDX-License-Identifier: GPL-2.0
/*
 * A command's data pointer: PRPs or an SGL, and copies through it.
 */
#include <linux/kernel.h>

#include "nvme_fw.h"

u16 nvme_fw_dptr_map(struct nvme_fw_ctrl *ctrl, const struct nvme_command *cmd,
		     u32 len, bool admin, struct nvme_fw_sgv *sgv)
{
	const union nvme_data_ptr *d = &cmd->common.dptr;

	switch (cmd->common.flags & NVME_CMD_SGL_ALL) {
	case 0:
		return nvme_fw_prp_map(ctrl, le64_to_cpu(d->prp1),
				       le64_to_cpu(d->prp2), len, sgv);
	case NVME_CMD_SGL_METABUF:
		/* SGLs are for I/O queues only (Identify SGLS). */
		if (admin)
			return NVME_SC_INVALID_FIELD | NVME_FW_DNR;
		if (!len) {
			sgv->nr = 0;
			sgv->len = 0;
			return NVME_SC_SUCCESS;
		}
		return nvme_fw_sgl_map(ctrl, &d->sgl, len, sgv);
	default:
		/* PSDT 10b (metadata SGL) needs metadata; 11b is reserved. */
		return NVME_SC_INVALID_FIELD | NVME_FW_DNR;
	}
}

u16 nvme_fw_sgv_copy(struct nvme_fw_ctrl *ctrl, const struct nvme_fw_sgv *sgv,
		     void *buf, bool to_guest)
{
	unsigned int i;
	int ret;

	for (i = 0; i < sgv->nr; i++) {
		const struct nvme_fw_seg *s = &sgv->seg[i];

		if (to_guest)
			ret = ctrl->host->write(ctrl->host_ctx, s->addr, buf,
						s->len);
		else
			ret = ctrl->host->read(ctrl->host_ctx, s->addr, buf,
					       s->len);
		if (ret)
			return NVME_SC_DATA_XFER_ERROR;
		buf += s->len;
	}
	return NVME_SC_SUCCESS;
}

static u16 nvme_fw_data_xfer(struct nvme_fw_req *req, void *buf, u32 len,
			     bool to_guest)
{
	struct nvme_fw_ctrl *ctrl = req->sq->ctrl;
	u16 status;

	status = nvme_fw_dptr_map(ctrl, &req->cmd, len, !req->sq->qid,
				  &req->sq->sgv);
	if (status)
		return status;
	return nvme_fw_sgv_copy(ctrl, &req->sq->sgv, buf, to_guest);
}

u16 nvme_fw_data_out(struct nvme_fw_req *req, const void *buf, u32 len)
{
	return nvme_fw_data_xfer(req, (void *)buf, len, true);
}

u16 nvme_fw_data_in(struct nvme_fw_req *req, void *buf, u32 len)
{
	return nvme_fw_data_xfer(req, buf, len, false);
}
