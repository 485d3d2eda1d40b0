// SPDX-License-Identifier: GPL-2.0
/*
 * Physical Region Page entries and lists (NVMe 1.4, 4.3), 4 KiB pages.
 *
 * Every walk is bounded by the transfer length, which io.c has already
 * checked against MDTS: each list fetch must yield at least one data
 * entry, so a list that points back at itself or chains through
 * pointer-only pages ends with an error, not a loop.
 */
#include <linux/kernel.h>

#include "nvme_fw.h"

#define NVME_FW_PRP_BATCH	32	/* entries read at once */

static u16 nvme_fw_sgv_add(struct nvme_fw_sgv *sgv, u64 addr, u32 len)
{
	struct nvme_fw_seg *last = sgv->nr ? &sgv->seg[sgv->nr - 1] : NULL;

	/* Merge contiguous pieces: fewer guest memory calls. */
	if (last && last->addr + last->len == addr) {
		last->len += len;
	} else {
		if (sgv->nr == NVME_FW_MAX_SEGS)
			return NVME_SC_INVALID_FIELD | NVME_FW_DNR;
		sgv->seg[sgv->nr].addr = addr;
		sgv->seg[sgv->nr].len = len;
		sgv->nr++;
	}
	sgv->len += len;
	return NVME_SC_SUCCESS;
}

/*
 * Walk one list page from @addr: data entries until the transfer is
 * complete, or a pointer to the next list in the page's last slot.
 * Returns the status; *@next is the next list, or 0 at the end.
 */
static u16 nvme_fw_prp_list(struct nvme_fw_ctrl *ctrl, u64 addr, u32 *left,
			    struct nvme_fw_sgv *sgv, u64 *next)
{
	__le64 batch[NVME_FW_PRP_BATCH];
	u32 n, i, j, k;
	u16 status;

	*next = 0;
	if (addr & 7)
		return NVME_SC_PRP_INVALID_OFFSET | NVME_FW_DNR;
	/* Entries from @addr to the end of its page, no more than needed. */
	n = (NVME_FW_PAGE_SIZE - (addr & (NVME_FW_PAGE_SIZE - 1))) / 8;
	n = min_t(u32, n, DIV_ROUND_UP(*left, NVME_FW_PAGE_SIZE) + 1);
	for (i = 0; i < n && *left; i += k) {
		k = min_t(u32, n - i, NVME_FW_PRP_BATCH);
		if (ctrl->host->read(ctrl->host_ctx, addr + i * 8, batch, k * 8))
			return NVME_SC_DATA_XFER_ERROR;
		for (j = 0; j < k && *left; j++) {
			u64 e = le64_to_cpu(batch[j]);
			u32 chunk = min_t(u32, *left, NVME_FW_PAGE_SIZE);

			/*
			 * The page's last slot points at the next list when
			 * more than one page of data is left.
			 */
			if (i + j == n - 1 && *left > NVME_FW_PAGE_SIZE &&
			    !((addr + n * 8) & (NVME_FW_PAGE_SIZE - 1))) {
				if (!(i + j))	/* no data from this page */
					return NVME_SC_PRP_INVALID_OFFSET |
					       NVME_FW_DNR;
				*next = e;
				return NVME_SC_SUCCESS;
			}
			if (e & (NVME_FW_PAGE_SIZE - 1))
				return NVME_SC_PRP_INVALID_OFFSET | NVME_FW_DNR;
			status = nvme_fw_sgv_add(sgv, e, chunk);
			if (status)
				return status;
			*left -= chunk;
		}
	}
	return NVME_SC_SUCCESS;
}

u16 nvme_fw_prp_map(struct nvme_fw_ctrl *ctrl, u64 prp1, u64 prp2, u32 len,
		    struct nvme_fw_sgv *sgv)
{
	u32 first, left, nr_lists = 0;
	u64 addr;
	u16 status;

	sgv->nr = 0;
	sgv->len = 0;
	if (!len)
		return NVME_SC_SUCCESS;
	/* PRP1 may start inside a page, dword aligned. */
	if (prp1 & 3)
		return NVME_SC_PRP_INVALID_OFFSET | NVME_FW_DNR;
	first = min_t(u32, len, NVME_FW_PAGE_SIZE - (prp1 & (NVME_FW_PAGE_SIZE - 1)));
	status = nvme_fw_sgv_add(sgv, prp1, first);
	if (status)
		return status;
	left = len - first;
	if (!left)
		return NVME_SC_SUCCESS;
	if (left <= NVME_FW_PAGE_SIZE) {
		/* PRP2 is the second and last page. */
		if (prp2 & (NVME_FW_PAGE_SIZE - 1))
			return NVME_SC_PRP_INVALID_OFFSET | NVME_FW_DNR;
		return nvme_fw_sgv_add(sgv, prp2, left);
	}
	/* PRP2 points at a list, qword aligned, possibly inside a page. */
	addr = prp2;
	while (left) {
		/* Every list page yields data: at most one per data page. */
		if (++nr_lists > NVME_FW_MAX_XFER / NVME_FW_PAGE_SIZE)
			return NVME_SC_INVALID_FIELD | NVME_FW_DNR;
		status = nvme_fw_prp_list(ctrl, addr, &left, sgv, &addr);
		if (status)
			return status;
	}
	return NVME_SC_SUCCESS;
}
