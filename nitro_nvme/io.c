// SPDX-License-Identifier: GPL-2.0
/*
 * NVM I/O commands: Read, Write, Flush, Write Zeroes, Dataset Management.
 *
 * Data passes through the SQ's bounce buffer: a write copies the guest's
 * plaintext in, encrypts it there and hands only ciphertext to the backend;
 * a read takes ciphertext from the backend, decrypts it in place and copies
 * plaintext out. The completion is posted after the backend returned.
 */
#include <linux/kernel.h>
#include <linux/string.h>

#include "backend.h"
#include "nvme_fw.h"
#include "xts.h"

#define NVME_FW_DSM_NR_MASK	0xff

u16 nvme_fw_errno_to_status(int err, bool write)
{
	switch (err) {
	case 0:
		return NVME_SC_SUCCESS;
	case -EFAULT:
		return NVME_SC_DATA_XFER_ERROR;
	case -ENOMEM:
	case -EAGAIN:
	case -EINTR:
	case -EBUSY:
		/* Transient: the host may retry (no DNR). */
		return NVME_SC_INTERNAL;
	case -ENOSPC:
	case -EDQUOT:
		return NVME_SC_CAP_EXCEEDED | NVME_FW_DNR;
	case -EROFS:
	case -EPERM:
	case -EACCES:
		return write ? NVME_SC_NS_WRITE_PROTECTED | NVME_FW_DNR :
			       NVME_SC_ACCESS_DENIED | NVME_FW_DNR;
	case -ENODEV:
	case -ENXIO:
		return NVME_SC_NS_NOT_READY | NVME_FW_DNR;
	default:
		/* -EIO, -ENODATA, -EILSEQ, ...: a media error. */
		return write ? NVME_SC_WRITE_FAULT : NVME_SC_READ_ERROR;
	}
}

static u16 nvme_fw_lba_check(const struct nvme_fw_ns *ns, u64 slba, u64 nlb)
{
	if (slba > ns->nsze || nlb > ns->nsze - slba)
		return NVME_SC_LBA_RANGE | NVME_FW_DNR;
	return NVME_SC_SUCCESS;
}

static u16 nvme_fw_backend_status(struct nvme_fw_ctrl *ctrl, int err,
				  bool write)
{
	u16 status = nvme_fw_errno_to_status(err, write);

	if (status == NVME_SC_WRITE_FAULT || status == NVME_SC_READ_ERROR)
		ctrl->stats.media_errors++;
	return status;
}

static u16 nvme_fw_io_rw(struct nvme_fw_req *req, bool write)
{
	struct nvme_fw_sq *sq = req->sq;
	struct nvme_fw_ctrl *ctrl = sq->ctrl;
	struct nvme_fw_ns *ns = &ctrl->ns;
	const struct nvme_rw_command *c = &req->cmd.rw;
	u64 slba = le64_to_cpu(c->slba);
	u32 nlb = le16_to_cpu(c->length) + 1;
	bool fua = le16_to_cpu(c->control) & NVME_RW_FUA;
	u64 sector = slba << (ns->lba_shift - NVME_FW_SECTOR_SHIFT);
	u32 len;
	u16 status;
	int ret;

	req->lba = slba;
	status = nvme_fw_lba_check(ns, slba, nlb);
	if (status)
		return status;
	len = nlb << ns->lba_shift;
	if (len > NVME_FW_MAX_XFER)
		return NVME_SC_INVALID_FIELD | NVME_FW_DNR;
	if (write && ns->read_only)
		return NVME_SC_NS_WRITE_PROTECTED | NVME_FW_DNR;
	status = nvme_fw_dptr_map(ctrl, &req->cmd, len, false, &sq->sgv);
	if (status)
		return status;

	if (write) {
		status = nvme_fw_sgv_copy(ctrl, &sq->sgv, sq->bounce, false);
		if (status)
			return status;
		ret = nvme_fw_xts_encrypt(ns->xts, sector, sq->bounce, len);
		if (ret)
			return NVME_SC_INTERNAL;
		ret = ns->backend->ops->write(ns->backend, slba << ns->lba_shift,
					      sq->bounce, len,
					      fua || !ctrl->vwc);
		if (ret)
			return nvme_fw_backend_status(ctrl, ret, true);
		ctrl->stats.write_cmds++;
		ctrl->stats.data_units_written += len >> NVME_FW_SECTOR_SHIFT;
		return NVME_SC_SUCCESS;
	}

	ret = ns->backend->ops->read(ns->backend, slba << ns->lba_shift,
				     sq->bounce, len);
	if (ret)
		return nvme_fw_backend_status(ctrl, ret, false);
	ret = nvme_fw_xts_decrypt(ns->xts, sector, sq->bounce, len);
	if (ret)
		return NVME_SC_INTERNAL;
	status = nvme_fw_sgv_copy(ctrl, &sq->sgv, sq->bounce, true);
	if (status)
		return status;
	ctrl->stats.read_cmds++;
	ctrl->stats.data_units_read += len >> NVME_FW_SECTOR_SHIFT;
	return NVME_SC_SUCCESS;
}

/* Zeroes must read back as zeroes: write encrypted zero blocks. */
static u16 nvme_fw_io_write_zeroes(struct nvme_fw_req *req)
{
	struct nvme_fw_sq *sq = req->sq;
	struct nvme_fw_ctrl *ctrl = sq->ctrl;
	struct nvme_fw_ns *ns = &ctrl->ns;
	const struct nvme_write_zeroes_cmd *c = &req->cmd.write_zeroes;
	u64 slba = le64_to_cpu(c->slba);
	u64 left = ((u64)le16_to_cpu(c->length) + 1) << ns->lba_shift;
	bool fua = le16_to_cpu(c->control) & NVME_RW_FUA;
	u64 pos = slba << ns->lba_shift;
	u16 status;
	int ret;

	req->lba = slba;
	status = nvme_fw_lba_check(ns, slba, le16_to_cpu(c->length) + 1);
	if (status)
		return status;
	if (ns->read_only)
		return NVME_SC_NS_WRITE_PROTECTED | NVME_FW_DNR;
	while (left) {
		u32 chunk = min_t(u64, left, NVME_FW_MAX_XFER);

		memset(sq->bounce, 0, chunk);
		ret = nvme_fw_xts_encrypt(ns->xts, pos >> NVME_FW_SECTOR_SHIFT,
					  sq->bounce, chunk);
		if (ret)
			return NVME_SC_INTERNAL;
		ret = ns->backend->ops->write(ns->backend, pos, sq->bounce,
					      chunk, fua || !ctrl->vwc);
		if (ret)
			return nvme_fw_backend_status(ctrl, ret, true);
		pos += chunk;
		left -= chunk;
	}
	return NVME_SC_SUCCESS;
}

static u16 nvme_fw_io_dsm(struct nvme_fw_req *req)
{
	struct nvme_fw_sq *sq = req->sq;
	struct nvme_fw_ctrl *ctrl = sq->ctrl;
	struct nvme_fw_ns *ns = &ctrl->ns;
	u32 nr = (le32_to_cpu(req->cmd.dsm.nr) & NVME_FW_DSM_NR_MASK) + 1;
	u32 attr = le32_to_cpu(req->cmd.dsm.attributes);
	struct nvme_dsm_range *r = sq->bounce;
	u16 status;
	u32 i;

	status = nvme_fw_dptr_map(ctrl, &req->cmd, nr * sizeof(*r), false,
				  &sq->sgv);
	if (!status)
		status = nvme_fw_sgv_copy(ctrl, &sq->sgv, r, false);
	if (status)
		return status;
	for (i = 0; i < nr; i++) {
		status = nvme_fw_lba_check(ns, le64_to_cpu(r[i].slba),
					   le32_to_cpu(r[i].nlb));
		if (status)
			return status;
	}
	if (!(attr & NVME_DSMGMT_AD) || ns->read_only || !ns->backend->ops->discard)
		return NVME_SC_SUCCESS;
	/*
	 * Deallocation is advisory (Identify Namespace DLFEAT 0): a backend
	 * that cannot discard leaves the blocks as they are.
	 */
	for (i = 0; i < nr; i++)
		if (r[i].nlb)
			ns->backend->ops->discard(ns->backend,
				le64_to_cpu(r[i].slba) << ns->lba_shift,
				(u64)le32_to_cpu(r[i].nlb) << ns->lba_shift);
	return NVME_SC_SUCCESS;
}

u16 nvme_fw_io_exec(struct nvme_fw_req *req)
{
	struct nvme_fw_ctrl *ctrl = req->sq->ctrl;
	const struct nvme_common_command *c = &req->cmd.common;
	u32 nsid = le32_to_cpu(c->nsid);
	int ret;

	if (c->flags & (NVME_CMD_FUSE_FIRST | NVME_CMD_FUSE_SECOND))
		return NVME_SC_INVALID_FIELD | NVME_FW_DNR;
	if (nsid != 1 && !(c->opcode == nvme_cmd_flush && nsid == NVME_NSID_ALL))
		return NVME_SC_INVALID_NS | NVME_FW_DNR;
	if (!ctrl->ns.backend || !ctrl->ns.xts)
		return NVME_SC_NS_NOT_READY | NVME_FW_DNR;

	switch (c->opcode) {
	case nvme_cmd_flush:
		ret = ctrl->ns.backend->ops->flush(ctrl->ns.backend);
		return ret ? nvme_fw_backend_status(ctrl, ret, true) :
			     NVME_SC_SUCCESS;
	case nvme_cmd_write:
		return nvme_fw_io_rw(req, true);
	case nvme_cmd_read:
		return nvme_fw_io_rw(req, false);
	case nvme_cmd_write_zeroes:
		return nvme_fw_io_write_zeroes(req);
	case nvme_cmd_dsm:
		return nvme_fw_io_dsm(req);
	default:
		return NVME_SC_INVALID_OPCODE | NVME_FW_DNR;
	}
}
