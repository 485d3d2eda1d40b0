// SPDX-License-Identifier: GPL-2.0
/*
 * Get Log Page: error information (01h), SMART / health (02h), firmware
 * slot information (03h).
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <asm/unaligned.h>

#include "nvme_fw.h"

#define NVME_FW_LOG_RAE		BIT(15)

static void nvme_fw_put128(u8 *dst, u64 v)
{
	put_unaligned_le64(v, dst);
	memset(dst + 8, 0, 8);
}

static u32 nvme_fw_log_error(struct nvme_fw_ctrl *ctrl, void *buf)
{
	struct nvme_error_slot *out = buf;
	unsigned long flags;
	u32 i, n = ARRAY_SIZE(ctrl->errlog);

	/* Newest first; never-used slots are zero. */
	spin_lock_irqsave(&ctrl->evlock, flags);
	for (i = 0; i < n; i++)
		out[i] = ctrl->errlog[(ctrl->errlog_next + n - 1 - i) % n];
	spin_unlock_irqrestore(&ctrl->evlock, flags);
	return n * sizeof(*out);
}

static u32 nvme_fw_log_smart(struct nvme_fw_ctrl *ctrl, void *buf)
{
	struct nvme_smart_log *s = buf;
	const struct nvme_fw_stats *st = &ctrl->stats;

	/* 0 degrees Celsius in Kelvin: no sensor to report. */
	put_unaligned_le16(273, s->temperature);
	s->avail_spare = 100;
	s->spare_thresh = 10;
	nvme_fw_put128(s->data_units_read, DIV_ROUND_UP(st->data_units_read, 1000));
	nvme_fw_put128(s->data_units_written,
		       DIV_ROUND_UP(st->data_units_written, 1000));
	nvme_fw_put128(s->host_reads, st->read_cmds);
	nvme_fw_put128(s->host_writes, st->write_cmds);
	nvme_fw_put128(s->media_errors, st->media_errors);
	nvme_fw_put128(s->num_err_log_entries, st->err_log_count);
	return sizeof(*s);
}

static u32 nvme_fw_log_fw_slot(struct nvme_fw_ctrl *ctrl, void *buf)
{
	struct nvme_fw_slot_info_log *f = buf;

	f->afi = 1;			/* slot 1 active */
	memcpy(&f->frs[0], ctrl->id.fr, sizeof(f->frs[0]));
	return sizeof(*f);
}

u16 nvme_fw_get_log_page(struct nvme_fw_req *req)
{
	struct nvme_fw_ctrl *ctrl = req->sq->ctrl;
	const struct nvme_get_log_page_command *c = &req->cmd.get_log_page;
	u32 cdw10 = le32_to_cpu(((__le32 *)&req->cmd)[10]);
	u32 nsid = le32_to_cpu(c->nsid);
	u64 len = (((u64)le16_to_cpu(c->numdu) << 16 |
		    le16_to_cpu(c->numdl)) + 1) * 4;
	u64 off = le64_to_cpu(c->lpo);
	void *buf = req->sq->bounce;
	unsigned long flags;
	u32 size;
	u8 type;

	if (len > NVME_FW_MAX_XFER)
		return NVME_SC_INVALID_FIELD | NVME_FW_DNR;
	if (off & 3)
		return NVME_SC_INVALID_FIELD | NVME_FW_DNR;
	/* Controller-wide logs: NSID 0 or all namespaces. */
	if (nsid && nsid != NVME_NSID_ALL && nsid != 1)
		return NVME_SC_INVALID_NS | NVME_FW_DNR;

	memset(buf, 0, NVME_FW_MAX_XFER);
	switch (c->lid) {
	case NVME_LOG_ERROR:
		size = nvme_fw_log_error(ctrl, buf);
		type = NVME_AER_ERROR;
		break;
	case NVME_LOG_SMART:
		size = nvme_fw_log_smart(ctrl, buf);
		type = NVME_AER_SMART;
		break;
	case NVME_LOG_FW_SLOT:
		size = nvme_fw_log_fw_slot(ctrl, buf);
		type = NVME_AER_NOTICE;
		break;
	default:
		return NVME_SC_INVALID_LOG_PAGE | NVME_FW_DNR;
	}
	if (off >= size)
		return NVME_SC_INVALID_FIELD | NVME_FW_DNR;
	/* Reading the log without RAE re-arms its event type. */
	if (!(cdw10 & NVME_FW_LOG_RAE)) {
		spin_lock_irqsave(&ctrl->evlock, flags);
		ctrl->masked_types &= ~BIT(type);
		spin_unlock_irqrestore(&ctrl->evlock, flags);
	}
	/* Past the log's end the host reads zeroes. */
	memmove(buf, buf + off, size - off);
	memset(buf + size - off, 0, off);
	return nvme_fw_data_out(req, buf, len);
}
