// SPDX-License-Identifier: GPL-2.0
/*
 * Scatter Gather Lists (NVMe 1.4, 4.4): Data Block, Segment and Last
 * Segment descriptors with address subtype; everything else is refused.
 * A segment's descriptors are read in small batches; the walk stops after
 * NVME_FW_MAX_SGL_DESCS descriptors, so a chain that loops back on itself
 * ends with Invalid Number of SGL Descriptors.
 */
#include <linux/kernel.h>

#include "nvme_fw.h"

#define NVME_FW_SGL_BATCH	16

static u8 nvme_fw_sgl_type(const struct nvme_sgl_desc *d)
{
	return d->type >> 4;
}

/* Check a descriptor's type and add a data block to @sgv. */
static u16 nvme_fw_sgl_desc(const struct nvme_sgl_desc *d, u32 len,
			    struct nvme_fw_sgv *sgv)
{
	struct nvme_fw_seg *s;
	u32 dlen = le32_to_cpu(d->length);

	if ((d->type & 0xf) != NVME_SGL_FMT_ADDRESS)
		return NVME_SC_SGL_INVALID_TYPE | NVME_FW_DNR;
	switch (nvme_fw_sgl_type(d)) {
	case NVME_SGL_FMT_DATA_DESC:
		if (!dlen)
			return NVME_SC_SUCCESS;
		if (dlen > len - sgv->len)
			return NVME_SC_SGL_INVALID_DATA | NVME_FW_DNR;
		if (sgv->nr == NVME_FW_MAX_SEGS)
			return NVME_SC_SGL_INVALID_COUNT | NVME_FW_DNR;
		s = &sgv->seg[sgv->nr++];
		s->addr = le64_to_cpu(d->addr);
		s->len = dlen;
		sgv->len += dlen;
		return NVME_SC_SUCCESS;
	case NVME_SGL_FMT_SEG_DESC:
	case NVME_SGL_FMT_LAST_SEG_DESC:
		if (!dlen || dlen % sizeof(*d))
			return NVME_SC_SGL_INVALID_COUNT | NVME_FW_DNR;
		return NVME_SC_SUCCESS;
	default:
		return NVME_SC_SGL_INVALID_TYPE | NVME_FW_DNR;
	}
}

u16 nvme_fw_sgl_map(struct nvme_fw_ctrl *ctrl, const struct nvme_sgl_desc *sgl,
		    u32 len, struct nvme_fw_sgv *sgv)
{
	struct nvme_sgl_desc batch[NVME_FW_SGL_BATCH], seg = *sgl;
	u32 walked = 0, nd, i, n;
	bool last = false;
	u64 addr;
	u16 status;

	sgv->nr = 0;
	sgv->len = 0;
	status = nvme_fw_sgl_desc(&seg, len, sgv);
	if (status)
		return status;
	while (nvme_fw_sgl_type(&seg) != NVME_SGL_FMT_DATA_DESC) {
		/* Nothing may follow a Last Segment. */
		if (last)
			return NVME_SC_SGL_INVALID_LAST | NVME_FW_DNR;
		last = nvme_fw_sgl_type(&seg) == NVME_SGL_FMT_LAST_SEG_DESC;
		addr = le64_to_cpu(seg.addr);
		nd = le32_to_cpu(seg.length) / sizeof(seg);
		seg.type = NVME_SGL_FMT_DATA_DESC << 4;
		for (i = 0; i < nd; i += n) {
			u32 j;

			n = min_t(u32, nd - i, NVME_FW_SGL_BATCH);
			walked += n;
			if (walked > NVME_FW_MAX_SGL_DESCS)
				return NVME_SC_SGL_INVALID_COUNT | NVME_FW_DNR;
			if (ctrl->host->read(ctrl->host_ctx,
					     addr + (u64)i * sizeof(seg), batch,
					     n * sizeof(seg)))
				return NVME_SC_DATA_XFER_ERROR;
			for (j = 0; j < n; j++) {
				status = nvme_fw_sgl_desc(&batch[j], len, sgv);
				if (status)
					return status;
				if (nvme_fw_sgl_type(&batch[j]) ==
				    NVME_SGL_FMT_DATA_DESC)
					continue;
				/* A segment pointer only as the last descriptor. */
				if (i + j != nd - 1)
					return NVME_SC_SGL_INVALID_LAST |
					       NVME_FW_DNR;
				seg = batch[j];
			}
		}
	}
	if (sgv->len != len)
		return NVME_SC_SGL_INVALID_DATA | NVME_FW_DNR;
	return NVME_SC_SUCCESS;
}
