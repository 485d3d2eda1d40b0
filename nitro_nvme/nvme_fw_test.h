/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The fixture of nitro_nvme's KUnit suites (nvme_fw_test*.c): a fake guest
 * memory (an array at a fixed IOVA window; anything else faults) and an
 * in-memory volume with error injection, and helpers that drive the device
 * model through them as a guest driver would.
 */
#ifndef _NITRO_NVME_FW_TEST_H
#define _NITRO_NVME_FW_TEST_H

#include <kunit/test.h>

#include "backend.h"
#include "nvme_fw.h"
#include "xts.h"

#define G_BASE		0x10000000ull	/* first guest IOVA */
#define G_SIZE		(2u << 20)
#define G_ASQ		(G_BASE + 0x0000)
#define G_ACQ		(G_BASE + 0x1000)
#define G_IOCQ		(G_BASE + 0x2000)
#define G_IOSQ		(G_BASE + 0x3000)
#define G_LIST		(G_BASE + 0x8000)	/* PRP lists, SGL segments */
#define G_DATA		(G_BASE + 0x20000)	/* data buffers */
#define G_DATA2		(G_BASE + 0x80000)
#define ADMIN_Q		32
#define IO_Q		64
#define VOL_BLOCKS_512	2048			/* 1 MiB volumes */

#define NO_CQE	0xffff

struct nvme_test {
	struct nvme_fw_ctrl ctrl;
	u8 *mem;			/* guest memory */
	u32 irqs[NVME_FW_NR_VECTORS];
	struct nvme_fw_backend be;
	u8 *vol;
	int fail_next;			/* backend errno to inject */
	u32 sq_tail[2], cq_head[2];
	u8 phase[2];
	u8 key[64];
};

void nvt_exit(struct kunit *test);
struct nvme_test *nvt_setup(struct kunit *test, u8 lba_shift);
void nvt_enable(struct kunit *test, struct nvme_test *t);
void nvt_queue_cmd(struct nvme_test *t, int q, struct nvme_command *cmd);
void nvt_ring(struct nvme_test *t, int q);
bool nvt_reap(struct nvme_test *t, int q, struct nvme_completion *out,
	      bool ring);
u16 nvt_cmd(struct nvme_test *t, int q, struct nvme_command *cmd,
	    u32 *result);
u16 nvt_admin(struct nvme_test *t, struct nvme_command *cmd, u32 *res);
void nvt_ioq(struct kunit *test, struct nvme_test *t);
struct nvme_test *nvt_ready(struct kunit *test, u8 lba_shift);
void nvt_rw_cmd(struct nvme_command *c, u8 op, u64 slba, u32 nlb,
		u64 prp1, u64 prp2);
void nvt_reenable(struct kunit *test, struct nvme_test *t);
void nvt_reg_write32(struct nvme_test *t, u32 off, u32 v);
u32 nvt_reg_read32(struct nvme_test *t, u32 off);
void *nvt_gptr(struct nvme_test *t, u64 iova);
void nvt_fill(void *p, size_t len, u8 seed);
void nvt_ref_xts(struct kunit *test, const u8 *key, u64 sector, u8 *buf,
		 u32 len, bool enc);
u16 nvt_feature(struct nvme_test *t, u8 op, u32 cdw10, u32 cdw11,
		u32 *res);
u16 nvt_log(struct nvme_test *t, u8 lid, u32 len, u64 off, u32 nsid);

#endif /* _NITRO_NVME_FW_TEST_H */
