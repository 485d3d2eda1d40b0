// SPDX-License-Identifier: GPL-2.0
/*
 * Identify: controller (CNS 01h), namespace (00h), active namespace list
 * (02h) and namespace identification descriptors (03h).
 */
#include <linux/kernel.h>
#include <linux/string.h>

#include "nvme_fw.h"

#define NVME_FW_NSID	1

static void nvme_fw_id_ctrl(struct nvme_fw_ctrl *ctrl, struct nvme_id_ctrl *id)
{
	id->vid = cpu_to_le16(ctrl->id.vid);
	id->ssvid = cpu_to_le16(ctrl->id.ssvid);
	memcpy(id->sn, ctrl->id.sn, sizeof(id->sn));
	memcpy(id->mn, ctrl->id.mn, sizeof(id->mn));
	memcpy(id->fr, ctrl->id.fr, sizeof(id->fr));
	id->rab = 6;
	id->mdts = NVME_FW_MDTS;
	id->cntlid = cpu_to_le16(1);
	id->ver = cpu_to_le32(ctrl->vs);
	id->cntrltype = 1;		/* I/O controller */
	id->oacs = cpu_to_le16(NVME_CTRL_OACS_DBBUF_SUPP);
	id->acl = NVME_FW_ACL;
	id->aerl = NVME_FW_AERL;
	id->frmw = 1 << 1 | 1 << 0;	/* one slot, read only */
	id->elpe = NVME_FW_ELPE;
	id->npss = 0;
	id->sqes = NVME_NVM_IOSQES << 4 | NVME_NVM_IOSQES;
	id->cqes = NVME_NVM_IOCQES << 4 | NVME_NVM_IOCQES;
	id->maxcmd = cpu_to_le16(NVME_FW_MQES + 1);
	id->nn = cpu_to_le32(1);
	id->oncs = cpu_to_le16(NVME_CTRL_ONCS_DSM | NVME_CTRL_ONCS_WRITE_ZEROES);
	id->vwc = NVME_CTRL_VWC_PRESENT;
	/* SGLs supported, no alignment requirement. */
	id->sgls = cpu_to_le32(1 << 0);
	snprintf(id->subnqn, sizeof(id->subnqn),
		 "nqn.2026-01.org.nitro:nvme:%pUb", ctrl->ns.uuid);
	/* Power state 0: 25 W max, no latency. */
	id->psd[0].max_power = cpu_to_le16(2500);
}

static void nvme_fw_id_ns(struct nvme_fw_ctrl *ctrl, struct nvme_id_ns *id)
{
	id->nsze = cpu_to_le64(ctrl->ns.nsze);
	id->ncap = cpu_to_le64(ctrl->ns.nsze);
	id->nuse = cpu_to_le64(ctrl->ns.nsze);
	id->nlbaf = 0;			/* one format */
	id->flbas = 0;
	/* Deallocated blocks read as neither zeroes nor ones (DLFEAT 0). */
	id->dlfeat = 0;
	id->nsattr = ctrl->ns.read_only;
	memcpy(id->nguid, ctrl->ns.uuid, sizeof(id->nguid));
	id->lbaf[0].ds = ctrl->ns.lba_shift;
}

static void nvme_fw_id_desc(struct nvme_fw_ctrl *ctrl, u8 *buf)
{
	struct nvme_ns_id_desc *d = (void *)buf;

	d->nidt = NVME_NIDT_UUID;
	d->nidl = NVME_NIDT_UUID_LEN;
	memcpy(buf + sizeof(*d), ctrl->ns.uuid, NVME_NIDT_UUID_LEN);
}

u16 nvme_fw_identify(struct nvme_fw_req *req)
{
	struct nvme_fw_ctrl *ctrl = req->sq->ctrl;
	const struct nvme_identify *c = &req->cmd.identify;
	u32 nsid = le32_to_cpu(c->nsid);
	void *buf = req->sq->bounce;

	memset(buf, 0, NVME_IDENTIFY_DATA_SIZE);
	switch (c->cns) {
	case NVME_ID_CNS_NS:
		if (nsid != NVME_FW_NSID)
			return NVME_SC_INVALID_NS | NVME_FW_DNR;
		nvme_fw_id_ns(ctrl, buf);
		break;
	case NVME_ID_CNS_CTRL:
		nvme_fw_id_ctrl(ctrl, buf);
		break;
	case NVME_ID_CNS_NS_ACTIVE_LIST:
		/* Namespaces with an NSID above @nsid, ascending. */
		if (nsid >= 0xfffffffe)
			return NVME_SC_INVALID_NS | NVME_FW_DNR;
		if (nsid < NVME_FW_NSID)
			*(__le32 *)buf = cpu_to_le32(NVME_FW_NSID);
		break;
	case NVME_ID_CNS_NS_DESC_LIST:
		if (nsid != NVME_FW_NSID)
			return NVME_SC_INVALID_NS | NVME_FW_DNR;
		nvme_fw_id_desc(ctrl, buf);
		break;
	default:
		return NVME_SC_INVALID_FIELD | NVME_FW_DNR;
	}
	return nvme_fw_data_out(req, buf, NVME_IDENTIFY_DATA_SIZE);
}
