// SPDX-License-Identifier: GPL-2.0
/*
 * The KUnit fixture for nitro_nvme's device model (nvme_fw_test.h): fake
 * guest memory, an in-memory volume, and a guest driver's basic moves.
 */
#include <crypto/skcipher.h>
#include <linux/scatterlist.h>
#include <linux/vmalloc.h>
#include <asm/unaligned.h>

#include "nvme_fw_test.h"

static int test_gmem_read(void *ctx, u64 iova, void *buf, size_t len)
{
	struct nvme_test *t = ctx;

	if (iova < G_BASE || len > G_SIZE || iova - G_BASE > G_SIZE - len)
		return -EFAULT;
	memcpy(buf, t->mem + (iova - G_BASE), len);
	return 0;
}

static int test_gmem_write(void *ctx, u64 iova, const void *buf, size_t len)
{
	struct nvme_test *t = ctx;

	if (iova < G_BASE || len > G_SIZE || iova - G_BASE > G_SIZE - len)
		return -EFAULT;
	memcpy(t->mem + (iova - G_BASE), buf, len);
	return 0;
}

static void test_irq(void *ctx, u16 vector)
{
	struct nvme_test *t = ctx;

	t->irqs[vector]++;
}

static const struct nvme_fw_host_ops test_host_ops = {
	.read	= test_gmem_read,
	.write	= test_gmem_write,
	.irq	= test_irq,
};

static int test_be_read(struct nvme_fw_backend *be, u64 pos, void *buf,
			size_t len)
{
	struct nvme_test *t = be->priv;
	int err = t->fail_next;

	t->fail_next = 0;
	if (err)
		return err;
	memcpy(buf, t->vol + pos, len);
	return 0;
}

static int test_be_write(struct nvme_fw_backend *be, u64 pos, const void *buf,
			 size_t len, bool fua)
{
	struct nvme_test *t = be->priv;
	int err = t->fail_next;

	t->fail_next = 0;
	if (err)
		return err;
	memcpy(t->vol + pos, buf, len);
	return 0;
}

static int test_be_flush(struct nvme_fw_backend *be)
{
	struct nvme_test *t = be->priv;
	int err = t->fail_next;

	t->fail_next = 0;
	return err;
}

static const struct nvme_fw_backend_ops test_be_ops = {
	.read	= test_be_read,
	.write	= test_be_write,
	.flush	= test_be_flush,
};

void nvt_exit(struct kunit *test)
{
	struct nvme_test *t = test->priv;

	nvme_fw_ctrl_reset(&t->ctrl);
	nvme_fw_xts_destroy(t->ctrl.ns.xts);
	vfree(t->mem);
	vfree(t->vol);
}

struct nvme_test *nvt_setup(struct kunit *test, u8 lba_shift)
{
	struct nvme_test *t;
	int i;

	t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, t);
	t->mem = vzalloc(G_SIZE);
	t->vol = vzalloc(VOL_BLOCKS_512 << 9);
	KUNIT_ASSERT_NOT_NULL(test, t->mem);
	KUNIT_ASSERT_NOT_NULL(test, t->vol);
	test->priv = t;
	nvme_fw_ctrl_init(&t->ctrl, &test_host_ops, t);
	t->be.ops = &test_be_ops;
	t->be.size = VOL_BLOCKS_512 << 9;
	t->be.priv = t;
	for (i = 0; i < 64; i++)
		t->key[i] = i * 7 + 1;
	t->ctrl.ns.xts = nvme_fw_xts_create(t->key, sizeof(t->key));
	KUNIT_ASSERT_FALSE(test, IS_ERR(t->ctrl.ns.xts));
	t->ctrl.ns.backend = &t->be;
	t->ctrl.ns.lba_shift = lba_shift;
	t->ctrl.ns.nsze = t->be.size >> lba_shift;
	memcpy(t->ctrl.id.sn, "vol-0123456789abcdef", 20);
	memcpy(t->ctrl.id.mn, "Nitro NVMe test                         ", 40);
	memcpy(t->ctrl.id.fr, "0.1.0   ", 8);
	t->ctrl.id.vid = 0x1d0f;
	t->phase[0] = 1;
	t->phase[1] = 1;
	return t;
}

void nvt_reg_write32(struct nvme_test *t, u32 off, u32 v)
{
	nvme_fw_bar_write(&t->ctrl, off, 4, v);
}

u32 nvt_reg_read32(struct nvme_test *t, u32 off)
{
	return nvme_fw_bar_read(&t->ctrl, off, 4);
}

void nvt_enable(struct kunit *test, struct nvme_test *t)
{
	nvt_reg_write32(t, NVME_REG_AQA, (ADMIN_Q - 1) << 16 | (ADMIN_Q - 1));
	nvme_fw_bar_write(&t->ctrl, NVME_REG_ASQ, 8, G_ASQ);
	nvme_fw_bar_write(&t->ctrl, NVME_REG_ACQ, 8, G_ACQ);
	nvt_reg_write32(t, NVME_REG_CC, 0x00460000);
	nvt_reg_write32(t, NVME_REG_CC, 0x00460001);
	KUNIT_ASSERT_EQ(test, nvt_reg_read32(t, NVME_REG_CSTS), NVME_CSTS_RDY);
}

/* Put @cmd on queue @q (0 admin, 1 I/O) without ringing. */
void nvt_queue_cmd(struct nvme_test *t, int q, struct nvme_command *cmd)
{
	u64 sq = q ? G_IOSQ : G_ASQ;
	u32 size = q ? IO_Q : ADMIN_Q;

	cmd->common.command_id = 0x100 + t->sq_tail[q];
	memcpy(t->mem + (sq - G_BASE) + t->sq_tail[q] * 64, cmd, 64);
	t->sq_tail[q] = (t->sq_tail[q] + 1) % size;
}

void nvt_ring(struct nvme_test *t, int q)
{
	nvme_fw_doorbell(&t->ctrl, 2 * q, t->sq_tail[q]);
}

/* Take the next CQE of queue @q if there is one. */
bool nvt_reap(struct nvme_test *t, int q, struct nvme_completion *out,
	      bool ring)
{
	u64 cq = q ? G_IOCQ : G_ACQ;
	u32 size = q ? IO_Q : ADMIN_Q;
	struct nvme_completion *cqe = (void *)(t->mem + (cq - G_BASE)) +
				      t->cq_head[q] * sizeof(*cqe);

	if ((le16_to_cpu(cqe->status) & 1) != t->phase[q])
		return false;
	*out = *cqe;
	if (++t->cq_head[q] == size) {
		t->cq_head[q] = 0;
		t->phase[q] ^= 1;
	}
	if (ring)
		nvme_fw_doorbell(&t->ctrl, 2 * q + 1, t->cq_head[q]);
	return true;
}

/* Submit one command and return its status (without phase), or NO_CQE. */
u16 nvt_cmd(struct nvme_test *t, int q, struct nvme_command *cmd,
	    u32 *result)
{
	struct nvme_completion cqe;

	nvt_queue_cmd(t, q, cmd);
	nvt_ring(t, q);
	if (!nvt_reap(t, q, &cqe, true))
		return NO_CQE;
	if (result)
		*result = le32_to_cpu(cqe.result.u32);
	return le16_to_cpu(cqe.status) >> 1;
}

u16 nvt_admin(struct nvme_test *t, struct nvme_command *cmd, u32 *res)
{
	return nvt_cmd(t, 0, cmd, res);
}

void nvt_ioq(struct kunit *test, struct nvme_test *t)
{
	struct nvme_command c = {};

	c.features.opcode = nvme_admin_set_features;
	c.features.fid = cpu_to_le32(NVME_FEAT_NUM_QUEUES);
	c.features.dword11 = cpu_to_le32(3 | 3 << 16);
	KUNIT_ASSERT_EQ(test, nvt_admin(t, &c, NULL), 0);
	memset(&c, 0, sizeof(c));
	c.create_cq.opcode = nvme_admin_create_cq;
	c.create_cq.prp1 = cpu_to_le64(G_IOCQ);
	c.create_cq.cqid = cpu_to_le16(1);
	c.create_cq.qsize = cpu_to_le16(IO_Q - 1);
	c.create_cq.cq_flags = cpu_to_le16(NVME_QUEUE_PHYS_CONTIG |
					   NVME_CQ_IRQ_ENABLED);
	c.create_cq.irq_vector = cpu_to_le16(1);
	KUNIT_ASSERT_EQ(test, nvt_admin(t, &c, NULL), 0);
	memset(&c, 0, sizeof(c));
	c.create_sq.opcode = nvme_admin_create_sq;
	c.create_sq.prp1 = cpu_to_le64(G_IOSQ);
	c.create_sq.sqid = cpu_to_le16(1);
	c.create_sq.qsize = cpu_to_le16(IO_Q - 1);
	c.create_sq.sq_flags = cpu_to_le16(NVME_QUEUE_PHYS_CONTIG);
	c.create_sq.cqid = cpu_to_le16(1);
	KUNIT_ASSERT_EQ(test, nvt_admin(t, &c, NULL), 0);
}

struct nvme_test *nvt_ready(struct kunit *test, u8 lba_shift)
{
	struct nvme_test *t = nvt_setup(test, lba_shift);

	nvt_enable(test, t);
	nvt_ioq(test, t);
	return t;
}

void nvt_rw_cmd(struct nvme_command *c, u8 op, u64 slba, u32 nlb,
		u64 prp1, u64 prp2)
{
	memset(c, 0, sizeof(*c));
	c->rw.opcode = op;
	c->rw.nsid = cpu_to_le32(1);
	c->rw.slba = cpu_to_le64(slba);
	c->rw.length = cpu_to_le16(nlb - 1);
	c->rw.dptr.prp1 = cpu_to_le64(prp1);
	c->rw.dptr.prp2 = cpu_to_le64(prp2);
}

void *nvt_gptr(struct nvme_test *t, u64 iova)
{
	return t->mem + (iova - G_BASE);
}

void nvt_fill(void *p, size_t len, u8 seed)
{
	u8 *b = p;
	size_t i;

	for (i = 0; i < len; i++)
		b[i] = seed + i * 13 + (i >> 9);
}

/* Reference XTS with dm-crypt's plain64 IVs, independent of xts.c. */
void nvt_ref_xts(struct kunit *test, const u8 *key, u64 sector, u8 *buf,
		 u32 len, bool enc)
{
	struct crypto_skcipher *tfm;
	struct skcipher_request *req;
	struct scatterlist sg;
	DECLARE_CRYPTO_WAIT(wait);
	u8 *tmp;
	u8 iv[16];
	u32 off;

	tfm = crypto_alloc_skcipher("xts(aes)", 0, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(tfm));
	KUNIT_ASSERT_EQ(test, crypto_skcipher_setkey(tfm, key, 64), 0);
	req = skcipher_request_alloc(tfm, GFP_KERNEL);
	tmp = kmalloc(512, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, req);
	KUNIT_ASSERT_NOT_NULL(test, tmp);
	skcipher_request_set_callback(req, 0, crypto_req_done, &wait);
	for (off = 0; off < len; off += 512) {
		memset(iv, 0, sizeof(iv));
		put_unaligned_le64(sector + off / 512, iv);
		memcpy(tmp, buf + off, 512);
		sg_init_one(&sg, tmp, 512);
		skcipher_request_set_crypt(req, &sg, &sg, 512, iv);
		KUNIT_ASSERT_EQ(test, crypto_wait_req(enc ?
				crypto_skcipher_encrypt(req) :
				crypto_skcipher_decrypt(req), &wait), 0);
		memcpy(buf + off, tmp, 512);
	}
	kfree(tmp);
	skcipher_request_free(req);
	crypto_free_skcipher(tfm);
}

/* Disable (CC.EN 0), enable again, recreate I/O pair 1, forget old CQEs. */
void nvt_reenable(struct kunit *test, struct nvme_test *t)
{
	nvt_reg_write32(t, NVME_REG_CC, 0);
	memset(nvt_gptr(t, G_ASQ), 0, G_DATA - G_ASQ);
	memset(t->sq_tail, 0, sizeof(t->sq_tail));
	memset(t->cq_head, 0, sizeof(t->cq_head));
	t->phase[0] = 1;
	t->phase[1] = 1;
	nvt_enable(test, t);
	nvt_ioq(test, t);
}

u16 nvt_feature(struct nvme_test *t, u8 op, u32 cdw10, u32 cdw11,
		u32 *res)
{
	struct nvme_command c = {};

	c.features.opcode = op;
	c.features.fid = cpu_to_le32(cdw10);
	c.features.dword11 = cpu_to_le32(cdw11);
	return nvt_admin(t, &c, res);
}

u16 nvt_log(struct nvme_test *t, u8 lid, u32 len, u64 off, u32 nsid)
{
	struct nvme_command c = {};

	memset(nvt_gptr(t, G_DATA), 0xee, 8192);
	c.get_log_page.opcode = nvme_admin_get_log_page;
	c.get_log_page.lid = lid;
	c.get_log_page.nsid = cpu_to_le32(nsid);
	c.get_log_page.numdl = cpu_to_le16((len / 4 - 1) & 0xffff);
	c.get_log_page.numdu = cpu_to_le16((len / 4 - 1) >> 16);
	c.get_log_page.lpo = cpu_to_le64(off);
	c.get_log_page.dptr.prp1 = cpu_to_le64(G_DATA);
	c.get_log_page.dptr.prp2 = cpu_to_le64(G_DATA + 4096);
	return nvt_admin(t, &c, NULL);
}
