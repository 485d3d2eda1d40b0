// SPDX-License-Identifier: GPL-2.0
/*
 * The controller register file (BAR0 below the doorbells) and the
 * controller state machine it drives: enable, disable (reset), shutdown
 * notification and controller-fatal status.
 */
#include <linux/bits.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include "backend.h"
#include "nvme_fw.h"

#define NVME_FW_CAP_TO		30	/* 500 ms units: 15 s, ample for TCG */

void nvme_fw_ctrl_init(struct nvme_fw_ctrl *ctrl,
		       const struct nvme_fw_host_ops *host, void *host_ctx)
{
	ctrl->host = host;
	ctrl->host_ctx = host_ctx;
	init_rwsem(&ctrl->qsem);
	spin_lock_init(&ctrl->evlock);
	/*
	 * MQES, CQR (contiguous queues required), TO, DSTRD 0, CSS NVM,
	 * MPSMIN = MPSMAX = 0 (4 KiB pages only).
	 */
	ctrl->cap = NVME_FW_MQES | BIT_ULL(16) |
		    ((u64)NVME_FW_CAP_TO << 24) |
		    ((u64)NVME_CAP_CSS_NVM << 37);
	ctrl->vs = NVME_VS(1, 4, 0);
	ctrl->vwc = true;
}

void nvme_fw_ctrl_fatal(struct nvme_fw_ctrl *ctrl, const char *why)
{
	if (!ctrl->fatal)
		pr_warn_ratelimited("nitro_nvme: controller fatal: %s\n", why);
	ctrl->fatal = true;
	ctrl->csts |= NVME_CSTS_CFS;
	ctrl->stats.fatal_events++;
}

/* Undo everything the guest set up since enable; registers stay. */
static void nvme_fw_ctrl_disable(struct nvme_fw_ctrl *ctrl)
{
	unsigned long flags;

	nvme_fw_queues_destroy(ctrl);
	spin_lock_irqsave(&ctrl->evlock, flags);
	ctrl->nr_aer = 0;
	ctrl->nr_events = 0;
	ctrl->masked_types = 0;
	spin_unlock_irqrestore(&ctrl->evlock, flags);
	ctrl->nr_ioq_granted = 0;
	ctrl->arbitration = 0;
	ctrl->coalesce = 0;
	ctrl->ivc_cd = 0;
	ctrl->aec = 0;
	ctrl->vwc = true;
	ctrl->dbbuf_dbs = 0;
	ctrl->dbbuf_eis = 0;
	ctrl->enabled = false;
	ctrl->fatal = false;
	ctrl->csts = 0;
}

static bool nvme_fw_admin_regs_valid(const struct nvme_fw_ctrl *ctrl)
{
	u32 asqs = (ctrl->aqa & 0xfff) + 1;
	u32 acqs = ((ctrl->aqa >> 16) & 0xfff) + 1;

	/* A queue of one entry is full and empty at once: at least two. */
	if (asqs < 2 || acqs < 2)
		return false;
	if (ctrl->aqa & 0xf000f000)
		return false;
	if ((ctrl->asq | ctrl->acq) & (NVME_FW_PAGE_SIZE - 1))
		return false;
	return true;
}

static void nvme_fw_ctrl_enable(struct nvme_fw_ctrl *ctrl)
{
	u32 cc = ctrl->cc;
	int ret;

	/*
	 * A configuration this controller cannot run is a controller-fatal
	 * condition: CSTS.CFS with RDY clear tells the host at once instead
	 * of letting it time out.
	 */
	if ((cc & NVME_CC_CSS_MASK) != NVME_CC_CSS_NVM ||
	    ((cc >> NVME_CC_MPS_SHIFT) & 0xf) != 0 ||
	    ((cc >> NVME_CC_AMS_SHIFT) & 0x7) != 0 ||
	    !nvme_fw_admin_regs_valid(ctrl)) {
		nvme_fw_ctrl_fatal(ctrl, "bad CC/AQA/ASQ/ACQ at enable");
		return;
	}
	ret = nvme_fw_cq_create(ctrl, 0, ctrl->acq,
				((ctrl->aqa >> 16) & 0xfff) + 1, 0, true);
	if (ret)
		goto err_fatal;
	ret = nvme_fw_sq_create(ctrl, 0, ctrl->asq, (ctrl->aqa & 0xfff) + 1,
				ctrl->cq[0]);
	if (ret)
		goto err_free_cq;
	ctrl->enabled = true;
	ctrl->csts = NVME_CSTS_RDY;
	return;

err_free_cq:
	nvme_fw_cq_free(ctrl, ctrl->cq[0]);
	ctrl->cq[0] = NULL;
err_fatal:
	nvme_fw_ctrl_fatal(ctrl, "cannot allocate the admin queues");
}

static void nvme_fw_ctrl_shutdown(struct nvme_fw_ctrl *ctrl)
{
	/*
	 * Every command completed before its CQE was posted, so a shutdown
	 * only has to make the volatile write cache durable.
	 */
	ctrl->csts = (ctrl->csts & ~NVME_CSTS_SHST_MASK) | NVME_CSTS_SHST_OCCUR;
	if (ctrl->ns.backend && ctrl->ns.backend->ops->flush)
		ctrl->ns.backend->ops->flush(ctrl->ns.backend);
	ctrl->csts = (ctrl->csts & ~NVME_CSTS_SHST_MASK) | NVME_CSTS_SHST_CMPLT;
}

static void nvme_fw_cc_write(struct nvme_fw_ctrl *ctrl, u32 val)
{
	u32 old = ctrl->cc;

	/* Reserved bits 3:1 and 31:24 read as zero. */
	val &= 0x00fffff1;
	if ((old & NVME_CC_ENABLE) && !(val & NVME_CC_ENABLE)) {
		ctrl->cc = val;
		nvme_fw_ctrl_disable(ctrl);
		return;
	}
	if (old & NVME_CC_ENABLE) {
		/* While enabled only SHN may change. */
		ctrl->cc = (old & ~NVME_CC_SHN_MASK) | (val & NVME_CC_SHN_MASK);
		if ((val & NVME_CC_SHN_MASK) && !(old & NVME_CC_SHN_MASK))
			nvme_fw_ctrl_shutdown(ctrl);
		else if (!(val & NVME_CC_SHN_MASK))
			ctrl->csts &= ~NVME_CSTS_SHST_MASK;
		return;
	}
	ctrl->cc = val;
	if (val & NVME_CC_ENABLE)
		nvme_fw_ctrl_enable(ctrl);
}

static u32 nvme_fw_reg_read32(struct nvme_fw_ctrl *ctrl, u32 off)
{
	switch (off) {
	case NVME_REG_CAP:
		return lower_32_bits(ctrl->cap);
	case NVME_REG_CAP + 4:
		return upper_32_bits(ctrl->cap);
	case NVME_REG_VS:
		return ctrl->vs;
	case NVME_REG_INTMS:
	case NVME_REG_INTMC:
		return ctrl->intms;
	case NVME_REG_CC:
		return ctrl->cc;
	case NVME_REG_CSTS:
		return ctrl->csts;
	case NVME_REG_AQA:
		return ctrl->aqa;
	case NVME_REG_ASQ:
		return lower_32_bits(ctrl->asq);
	case NVME_REG_ASQ + 4:
		return upper_32_bits(ctrl->asq);
	case NVME_REG_ACQ:
		return lower_32_bits(ctrl->acq);
	case NVME_REG_ACQ + 4:
		return upper_32_bits(ctrl->acq);
	default:
		/*
		 * Reserved registers, and those of optional features CAP
		 * does not advertise (CMB, PMR, boot partitions), read as
		 * zero as NVMe 1.4 requires; doorbells are write-only.
		 */
		return 0;
	}
}

static void nvme_fw_reg_write32(struct nvme_fw_ctrl *ctrl, u32 off, u32 val)
{
	bool enabled = ctrl->cc & NVME_CC_ENABLE;

	switch (off) {
	case NVME_REG_INTMS:
		ctrl->intms |= val;
		break;
	case NVME_REG_INTMC:
		ctrl->intms &= ~val;
		break;
	case NVME_REG_CC:
		nvme_fw_cc_write(ctrl, val);
		break;
	/* The admin queue registers only take effect at enable. */
	case NVME_REG_AQA:
		if (!enabled)
			ctrl->aqa = val & 0x0fff0fff;
		break;
	case NVME_REG_ASQ:
		if (!enabled)
			ctrl->asq = (ctrl->asq & GENMASK_ULL(63, 32)) | (val & ~0xfffu);
		break;
	case NVME_REG_ASQ + 4:
		if (!enabled)
			ctrl->asq = lower_32_bits(ctrl->asq) | ((u64)val << 32);
		break;
	case NVME_REG_ACQ:
		if (!enabled)
			ctrl->acq = (ctrl->acq & GENMASK_ULL(63, 32)) | (val & ~0xfffu);
		break;
	case NVME_REG_ACQ + 4:
		if (!enabled)
			ctrl->acq = lower_32_bits(ctrl->acq) | ((u64)val << 32);
		break;
	default:
		/* CAP, VS, CSTS, NSSR (NSSRC is 0) and reserved space. */
		break;
	}
}

/*
 * Any width at any aligned offset: the register file is a sequence of
 * dwords; narrower reads pick bytes out of one, 8-byte reads join two.
 */
u64 nvme_fw_bar_read(struct nvme_fw_ctrl *ctrl, u32 off, int size)
{
	u32 base = off & ~3u;
	u64 v;

	if (off >= NVME_REG_DBS) {
		/* Doorbells are write-only; reads return zero. */
		return 0;
	}
	v = nvme_fw_reg_read32(ctrl, base);
	if (size == 8)
		v |= (u64)nvme_fw_reg_read32(ctrl, base + 4) << 32;
	v >>= (off & 3) * 8;
	return size == 8 ? v : v & GENMASK_ULL(size * 8 - 1, 0);
}

void nvme_fw_bar_write(struct nvme_fw_ctrl *ctrl, u32 off, int size, u64 val)
{
	u32 base = off & ~3u, shift, v;
	u64 mask;

	if (off >= NVME_REG_DBS) {
		/* Past the doorbells the front-end routes to us. */
		nvme_fw_event(ctrl, NVME_AER_ERROR, 0x00, NVME_LOG_ERROR);
		ctrl->stats.invalid_doorbells++;
		return;
	}
	if (size == 8) {
		nvme_fw_reg_write32(ctrl, base, lower_32_bits(val));
		nvme_fw_reg_write32(ctrl, base + 4, upper_32_bits(val));
		return;
	}
	/* Narrow writes merge into the dword they are part of. */
	shift = (off & 3) * 8;
	mask = GENMASK_ULL(size * 8 - 1, 0) << shift;
	v = (nvme_fw_reg_read32(ctrl, base) & ~mask) | ((val << shift) & mask);
	nvme_fw_reg_write32(ctrl, base, v);
}

/* VFIO_DEVICE_RESET or FLR: as if power was cycled. */
void nvme_fw_ctrl_reset(struct nvme_fw_ctrl *ctrl)
{
	nvme_fw_ctrl_disable(ctrl);
	ctrl->cc = 0;
	ctrl->aqa = 0;
	ctrl->asq = 0;
	ctrl->acq = 0;
	ctrl->intms = 0;
}

/*
 * The Nitro controller reset the function: as a power cycle, and the
 * namespace's key is now @xts (NULL: none, so that every I/O command fails
 * with Namespace Not Ready). The caller frees the old key.
 */
void nvme_fw_ctrl_rekey(struct nvme_fw_ctrl *ctrl, struct nvme_fw_xts *xts)
{
	nvme_fw_ctrl_reset(ctrl);
	ctrl->ns.xts = xts;
}
