// SPDX-License-Identifier: GPL-2.0
/*
 * Get/Set Features: arbitration, power management, volatile write cache,
 * number of queues, interrupt coalescing, interrupt vector configuration
 * and asynchronous event configuration. Nothing is saveable.
 */
#include <linux/kernel.h>

#include "nvme_fw.h"

#define NVME_FW_FEAT_SV		BIT(31)
#define NVME_FW_SEL_CURRENT	0
#define NVME_FW_SEL_DEFAULT	1
#define NVME_FW_SEL_SAVED	2
#define NVME_FW_SEL_SUPPORTED	3
#define NVME_FW_CAP_CHANGEABLE	BIT(2)
/* Only SMART critical warnings 4:0 can be reported (none are raised yet). */
#define NVME_FW_AEC_SUPPORTED	0x1f

static bool nvme_fw_feature_known(u8 fid)
{
	switch (fid) {
	case NVME_FEAT_ARBITRATION:
	case NVME_FEAT_POWER_MGMT:
	case NVME_FEAT_VOLATILE_WC:
	case NVME_FEAT_NUM_QUEUES:
	case NVME_FEAT_IRQ_COALESCE:
	case NVME_FEAT_IRQ_CONFIG:
	case NVME_FEAT_ASYNC_EVENT:
		return true;
	default:
		return false;
	}
}

u16 nvme_fw_set_features(struct nvme_fw_req *req)
{
	struct nvme_fw_ctrl *ctrl = req->sq->ctrl;
	u32 cdw10 = le32_to_cpu(req->cmd.features.fid);
	u32 v = le32_to_cpu(req->cmd.features.dword11);
	u8 fid = cdw10 & 0xff;
	u32 nsq, ncq, iv;

	if (!nvme_fw_feature_known(fid))
		return NVME_SC_INVALID_FIELD | NVME_FW_DNR;
	if (cdw10 & NVME_FW_FEAT_SV)
		return NVME_SC_FEATURE_NOT_SAVEABLE | NVME_FW_DNR;

	switch (fid) {
	case NVME_FEAT_ARBITRATION:
		ctrl->arbitration = v;
		break;
	case NVME_FEAT_POWER_MGMT:
		/* One power state (NPSS 0), no workload hint. */
		if (v & 0xff)
			return NVME_SC_INVALID_FIELD | NVME_FW_DNR;
		break;
	case NVME_FEAT_VOLATILE_WC:
		ctrl->vwc = v & 1;
		break;
	case NVME_FEAT_NUM_QUEUES:
		nsq = (v & 0xffff) + 1;
		ncq = (v >> 16) + 1;
		if (nsq == 0x10000 || ncq == 0x10000)
			return NVME_SC_INVALID_FIELD | NVME_FW_DNR;
		/* Only before the first I/O queue exists (NVMe 1.4, 5.21.1.7). */
		if (ctrl->nr_ioq_granted) {
			int i;

			for (i = 1; i <= NVME_FW_MAX_IOQ; i++)
				if (ctrl->sq[i] || ctrl->cq[i])
					return NVME_SC_CMD_SEQ_ERROR | NVME_FW_DNR;
		}
		ctrl->nr_ioq_granted = min3(nsq, ncq, (u32)NVME_FW_MAX_IOQ);
		req->result = (ctrl->nr_ioq_granted - 1) |
			      (ctrl->nr_ioq_granted - 1) << 16;
		break;
	case NVME_FEAT_IRQ_COALESCE:
		ctrl->coalesce = v & 0xffff;
		break;
	case NVME_FEAT_IRQ_CONFIG:
		iv = v & 0xffff;
		/* The admin vector cannot be coalesced. */
		if (!iv || iv >= NVME_FW_NR_VECTORS || (v & ~0x1ffffu))
			return NVME_SC_INVALID_FIELD | NVME_FW_DNR;
		if (v & BIT(16))
			ctrl->ivc_cd |= BIT(iv);
		else
			ctrl->ivc_cd &= ~BIT(iv);
		break;
	case NVME_FEAT_ASYNC_EVENT:
		if (v & ~NVME_FW_AEC_SUPPORTED)
			return NVME_SC_INVALID_FIELD | NVME_FW_DNR;
		ctrl->aec = v;
		break;
	}
	return NVME_SC_SUCCESS;
}

static u32 nvme_fw_feature_value(struct nvme_fw_ctrl *ctrl, u8 fid, u32 v11,
				 bool cur)
{
	u32 n, iv;

	switch (fid) {
	case NVME_FEAT_ARBITRATION:
		return cur ? ctrl->arbitration : 0;
	case NVME_FEAT_VOLATILE_WC:
		return cur ? ctrl->vwc : 1;
	case NVME_FEAT_NUM_QUEUES:
		n = cur && ctrl->nr_ioq_granted ? ctrl->nr_ioq_granted :
		    NVME_FW_MAX_IOQ;
		return (n - 1) | (n - 1) << 16;
	case NVME_FEAT_IRQ_COALESCE:
		return cur ? ctrl->coalesce : 0;
	case NVME_FEAT_IRQ_CONFIG:
		iv = v11 & 0xffff;
		return iv | (cur && (ctrl->ivc_cd & BIT(iv)) ? BIT(16) : 0);
	case NVME_FEAT_ASYNC_EVENT:
		return cur ? ctrl->aec : 0;
	default:
		return 0;
	}
}

u16 nvme_fw_get_features(struct nvme_fw_req *req)
{
	struct nvme_fw_ctrl *ctrl = req->sq->ctrl;
	u32 cdw10 = le32_to_cpu(req->cmd.features.fid);
	u32 v11 = le32_to_cpu(req->cmd.features.dword11);
	u8 fid = cdw10 & 0xff, sel = (cdw10 >> 8) & 0x7;

	if (!nvme_fw_feature_known(fid))
		return NVME_SC_INVALID_FIELD | NVME_FW_DNR;
	if (fid == NVME_FEAT_IRQ_CONFIG &&
	    (v11 & 0xffff) >= NVME_FW_NR_VECTORS)
		return NVME_SC_INVALID_FIELD | NVME_FW_DNR;
	switch (sel) {
	case NVME_FW_SEL_CURRENT:
		req->result = nvme_fw_feature_value(ctrl, fid, v11, true);
		break;
	case NVME_FW_SEL_DEFAULT:
	case NVME_FW_SEL_SAVED:		/* not saveable: saved is default */
		req->result = nvme_fw_feature_value(ctrl, fid, v11, false);
		break;
	case NVME_FW_SEL_SUPPORTED:
		req->result = fid == NVME_FEAT_POWER_MGMT ? 0 :
			      NVME_FW_CAP_CHANGEABLE;
		break;
	default:
		return NVME_SC_INVALID_FIELD | NVME_FW_DNR;
	}
	return NVME_SC_SUCCESS;
}
