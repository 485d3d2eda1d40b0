// SPDX-License-Identifier: GPL-2.0
/*
 * nvme-udrv log: the controller's Error Information log (01h) and the
 * counters of its SMART / Health log (02h), one line per entry, for tests
 * that check what the device recorded about the errors it returned.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "udrv.h"

#define ERR_ENTRY_SIZE		64
#define LOG_ERROR		0x01
#define LOG_SMART		0x02
/* SMART / Health log offsets (NVMe 1.4, figure 194). */
#define SMART_HOST_READS	48
#define SMART_HOST_WRITES	64
#define SMART_MEDIA_ERRORS	160
#define SMART_ERR_ENTRIES	176

static uint64_t le64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static uint16_t le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

/* One page of log @lid into the scratch page: 0, or -errno / status. */
static int get_log(struct udrv_ctrl *c, uint8_t lid, uint16_t *status)
{
	struct nvme_sqe sqe = {
		.opcode = NVME_ADM_GET_LOG_PAGE,
		.nsid = 0xffffffff,
		.prp1 = c->scratch.iova,
		/* NUMDL: one page of dwords, 0-based; RAE clear. */
		.cdw10 = (NVME_PAGE / 4 - 1) << 16 | lid,
	};
	struct nvme_cqe cqe;
	int ret;

	memset(c->scratch.va, 0, NVME_PAGE);
	ret = udrv_admin(c, &sqe, &cqe, UDRV_CMD_TIMEOUT_MS);
	if (ret)
		return ret;
	*status = NVME_CODE(cqe.status >> 1);
	return 0;
}

int udrv_cmd_log(int argc, char **argv)
{
	struct udrv_ctrl c;
	const uint8_t *p;
	uint16_t st;
	int i, ret;

	if (argc != 2) {
		fprintf(stderr, "usage: nvme-udrv log DEVICE\n");
		return UDRV_EXIT_USAGE;
	}
	if (udrv_open(&c, argv[1], true, false))
		return UDRV_EXIT_SETUP;
	ret = udrv_bringup(&c, 0);
	if (ret)
		goto out;
	ret = get_log(&c, LOG_ERROR, &st);
	if (ret || st)
		goto out_status;
	/* Newest first; an all-zero entry (error count 0) ends the list. */
	for (i = 0; i < (int)(NVME_PAGE / ERR_ENTRY_SIZE); i++) {
		p = (const uint8_t *)c.scratch.va + i * ERR_ENTRY_SIZE;
		if (!le64(p))
			break;
		printf("error: count=%" PRIu64 " sqid=%u cid=0x%04x status=0x%03x dnr=%u lba=%" PRIu64
		       " nsid=%u\n", le64(p), le16(p + 8), le16(p + 10),
		       NVME_CODE(le16(p + 12) >> 1), NVME_DNR(le16(p + 12) >> 1),
		       le64(p + 16), (unsigned int)(le64(p + 24) & 0xffffffff));
	}
	ret = get_log(&c, LOG_SMART, &st);
	if (ret || st)
		goto out_status;
	p = c.scratch.va;
	printf("smart: host_reads=%" PRIu64 " host_writes=%" PRIu64 " media_errors=%" PRIu64
	       " error_log_entries=%" PRIu64 "\n", le64(p + SMART_HOST_READS),
	       le64(p + SMART_HOST_WRITES), le64(p + SMART_MEDIA_ERRORS),
	       le64(p + SMART_ERR_ENTRIES));
	udrv_close(&c);
	return UDRV_EXIT_OK;

out_status:
	if (!ret)
		fprintf(stderr, "nvme-udrv: Get Log Page: status 0x%03x (%s)\n", st,
			nvme_status_name(st));
out:
	udrv_close(&c);
	return ret == -ETIMEDOUT ? UDRV_EXIT_TIMEOUT : UDRV_EXIT_IO;
}
