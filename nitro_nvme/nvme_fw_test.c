// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suites for nitro_nvme's device model, driven through a fake guest
 * memory (an array at a fixed IOVA window) and an in-memory volume.
 */
#include <crypto/skcipher.h>
#include <kunit/test.h>
#include <linux/scatterlist.h>
#include <linux/vmalloc.h>
#include <asm/unaligned.h>

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

static const u8 nvme_test_xts10_key[64] =
	"\x27\x18\x28\x18\x28\x45\x90\x45"
	"\x23\x53\x60\x28\x74\x71\x35\x26"
	"\x62\x49\x77\x57\x24\x70\x93\x69"
	"\x99\x59\x57\x49\x66\x96\x76\x27"
	"\x31\x41\x59\x26\x53\x58\x97\x93"
	"\x23\x84\x62\x64\x33\x83\x27\x95"
	"\x02\x88\x41\x97\x16\x93\x99\x37"
	"\x51\x05\x82\x09\x74\x94\x45\x92";

static const u8 nvme_test_xts10_ct[512] =
	"\x1c\x3b\x3a\x10\x2f\x77\x03\x86"
	"\xe4\x83\x6c\x99\xe3\x70\xcf\x9b"
	"\xea\x00\x80\x3f\x5e\x48\x23\x57"
	"\xa4\xae\x12\xd4\x14\xa3\xe6\x3b"
	"\x5d\x31\xe2\x76\xf8\xfe\x4a\x8d"
	"\x66\xb3\x17\xf9\xac\x68\x3f\x44"
	"\x68\x0a\x86\xac\x35\xad\xfc\x33"
	"\x45\xbe\xfe\xcb\x4b\xb1\x88\xfd"
	"\x57\x76\x92\x6c\x49\xa3\x09\x5e"
	"\xb1\x08\xfd\x10\x98\xba\xec\x70"
	"\xaa\xa6\x69\x99\xa7\x2a\x82\xf2"
	"\x7d\x84\x8b\x21\xd4\xa7\x41\xb0"
	"\xc5\xcd\x4d\x5f\xff\x9d\xac\x89"
	"\xae\xba\x12\x29\x61\xd0\x3a\x75"
	"\x71\x23\xe9\x87\x0f\x8a\xcf\x10"
	"\x00\x02\x08\x87\x89\x14\x29\xca"
	"\x2a\x3e\x7a\x7d\x7d\xf7\xb1\x03"
	"\x55\x16\x5c\x8b\x9a\x6d\x0a\x7d"
	"\xe8\xb0\x62\xc4\x50\x0d\xc4\xcd"
	"\x12\x0c\x0f\x74\x18\xda\xe3\xd0"
	"\xb5\x78\x1c\x34\x80\x3f\xa7\x54"
	"\x21\xc7\x90\xdf\xe1\xde\x18\x34"
	"\xf2\x80\xd7\x66\x7b\x32\x7f\x6c"
	"\x8c\xd7\x55\x7e\x12\xac\x3a\x0f"
	"\x93\xec\x05\xc5\x2e\x04\x93\xef"
	"\x31\xa1\x2d\x3d\x92\x60\xf7\x9a"
	"\x28\x9d\x6a\x37\x9b\xc7\x0c\x50"
	"\x84\x14\x73\xd1\xa8\xcc\x81\xec"
	"\x58\x3e\x96\x45\xe0\x7b\x8d\x96"
	"\x70\x65\x5b\xa5\xbb\xcf\xec\xc6"
	"\xdc\x39\x66\x38\x0a\xd8\xfe\xcb"
	"\x17\xb6\xba\x02\x46\x9a\x02\x0a"
	"\x84\xe1\x8e\x8f\x84\x25\x20\x70"
	"\xc1\x3e\x9f\x1f\x28\x9b\xe5\x4f"
	"\xbc\x48\x14\x57\x77\x8f\x61\x60"
	"\x15\xe1\x32\x7a\x02\xb1\x40\xf1"
	"\x50\x5e\xb3\x09\x32\x6d\x68\x37"
	"\x8f\x83\x74\x59\x5c\x84\x9d\x84"
	"\xf4\xc3\x33\xec\x44\x23\x88\x51"
	"\x43\xcb\x47\xbd\x71\xc5\xed\xae"
	"\x9b\xe6\x9a\x2f\xfe\xce\xb1\xbe"
	"\xc9\xde\x24\x4f\xbe\x15\x99\x2b"
	"\x11\xb7\x7c\x04\x0f\x12\xbd\x8f"
	"\x6a\x97\x5a\x44\xa0\xf9\x0c\x29"
	"\xa9\xab\xc3\xd4\xd8\x93\x92\x72"
	"\x84\xc5\x87\x54\xcc\xe2\x94\x52"
	"\x9f\x86\x14\xdc\xd2\xab\xa9\x91"
	"\x92\x5f\xed\xc4\xae\x74\xff\xac"
	"\x6e\x33\x3b\x93\xeb\x4a\xff\x04"
	"\x79\xda\x9a\x41\x0e\x44\x50\xe0"
	"\xdd\x7a\xe4\xc6\xe2\x91\x09\x00"
	"\x57\x5d\xa4\x01\xfc\x07\x05\x9f"
	"\x64\x5e\x8b\x7e\x9b\xfd\xef\x33"
	"\x94\x30\x54\xff\x84\x01\x14\x93"
	"\xc2\x7b\x34\x29\xea\xed\xb4\xed"
	"\x53\x76\x44\x1a\x77\xed\x43\x85"
	"\x1a\xd7\x7f\x16\xf5\x41\xdf\xd2"
	"\x69\xd5\x0d\x6a\x5f\x14\xfb\x0a"
	"\xab\x1c\xbb\x4c\x15\x50\xbe\x97"
	"\xf7\xab\x40\x66\x19\x3c\x4c\xaa"
	"\x77\x3d\xad\x38\x01\x4b\xd2\x09"
	"\x2f\xa7\x55\xc8\x24\xbb\x5e\x54"
	"\xc4\xf3\x6f\xfd\xa9\xfc\xea\x70"
	"\xb9\xc6\xe6\x93\xe1\x48\xc1\x51";

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

static void test_exit(struct kunit *test)
{
	struct nvme_test *t = test->priv;

	nvme_fw_ctrl_reset(&t->ctrl);
	nvme_fw_xts_destroy(t->ctrl.ns.xts);
	vfree(t->mem);
	vfree(t->vol);
}

static struct nvme_test *test_setup(struct kunit *test, u8 lba_shift)
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

static void reg_write32(struct nvme_test *t, u32 off, u32 v)
{
	nvme_fw_bar_write(&t->ctrl, off, 4, v);
}

static u32 reg_read32(struct nvme_test *t, u32 off)
{
	return nvme_fw_bar_read(&t->ctrl, off, 4);
}

static void test_enable(struct kunit *test, struct nvme_test *t)
{
	reg_write32(t, NVME_REG_AQA, (ADMIN_Q - 1) << 16 | (ADMIN_Q - 1));
	nvme_fw_bar_write(&t->ctrl, NVME_REG_ASQ, 8, G_ASQ);
	nvme_fw_bar_write(&t->ctrl, NVME_REG_ACQ, 8, G_ACQ);
	reg_write32(t, NVME_REG_CC, 0x00460000);
	reg_write32(t, NVME_REG_CC, 0x00460001);
	KUNIT_ASSERT_EQ(test, reg_read32(t, NVME_REG_CSTS), NVME_CSTS_RDY);
}

/* Put @cmd on queue @q (0 admin, 1 I/O) without ringing. */
static void test_queue_cmd(struct nvme_test *t, int q, struct nvme_command *cmd)
{
	u64 sq = q ? G_IOSQ : G_ASQ;
	u32 size = q ? IO_Q : ADMIN_Q;

	cmd->common.command_id = 0x100 + t->sq_tail[q];
	memcpy(t->mem + (sq - G_BASE) + t->sq_tail[q] * 64, cmd, 64);
	t->sq_tail[q] = (t->sq_tail[q] + 1) % size;
}

static void test_ring(struct nvme_test *t, int q)
{
	nvme_fw_doorbell(&t->ctrl, 2 * q, t->sq_tail[q]);
}

/* Take the next CQE of queue @q if there is one. */
static bool test_reap(struct nvme_test *t, int q, struct nvme_completion *out,
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

#define NO_CQE	0xffff

/* Submit one command and return its status (without phase), or NO_CQE. */
static u16 test_cmd(struct nvme_test *t, int q, struct nvme_command *cmd,
		    u32 *result)
{
	struct nvme_completion cqe;

	test_queue_cmd(t, q, cmd);
	test_ring(t, q);
	if (!test_reap(t, q, &cqe, true))
		return NO_CQE;
	if (result)
		*result = le32_to_cpu(cqe.result.u32);
	return le16_to_cpu(cqe.status) >> 1;
}

static u16 test_admin(struct nvme_test *t, struct nvme_command *cmd, u32 *res)
{
	return test_cmd(t, 0, cmd, res);
}

static void test_ioq(struct kunit *test, struct nvme_test *t)
{
	struct nvme_command c = {};

	c.features.opcode = nvme_admin_set_features;
	c.features.fid = cpu_to_le32(NVME_FEAT_NUM_QUEUES);
	c.features.dword11 = cpu_to_le32(3 | 3 << 16);
	KUNIT_ASSERT_EQ(test, test_admin(t, &c, NULL), 0);
	memset(&c, 0, sizeof(c));
	c.create_cq.opcode = nvme_admin_create_cq;
	c.create_cq.prp1 = cpu_to_le64(G_IOCQ);
	c.create_cq.cqid = cpu_to_le16(1);
	c.create_cq.qsize = cpu_to_le16(IO_Q - 1);
	c.create_cq.cq_flags = cpu_to_le16(NVME_QUEUE_PHYS_CONTIG |
					   NVME_CQ_IRQ_ENABLED);
	c.create_cq.irq_vector = cpu_to_le16(1);
	KUNIT_ASSERT_EQ(test, test_admin(t, &c, NULL), 0);
	memset(&c, 0, sizeof(c));
	c.create_sq.opcode = nvme_admin_create_sq;
	c.create_sq.prp1 = cpu_to_le64(G_IOSQ);
	c.create_sq.sqid = cpu_to_le16(1);
	c.create_sq.qsize = cpu_to_le16(IO_Q - 1);
	c.create_sq.sq_flags = cpu_to_le16(NVME_QUEUE_PHYS_CONTIG);
	c.create_sq.cqid = cpu_to_le16(1);
	KUNIT_ASSERT_EQ(test, test_admin(t, &c, NULL), 0);
}

static struct nvme_test *test_ready(struct kunit *test, u8 lba_shift)
{
	struct nvme_test *t = test_setup(test, lba_shift);

	test_enable(test, t);
	test_ioq(test, t);
	return t;
}

static void test_rw_cmd(struct nvme_command *c, u8 op, u64 slba, u32 nlb,
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

static void *gptr(struct nvme_test *t, u64 iova)
{
	return t->mem + (iova - G_BASE);
}

static void fill(void *p, size_t len, u8 seed)
{
	u8 *b = p;
	size_t i;

	for (i = 0; i < len; i++)
		b[i] = seed + i * 13 + (i >> 9);
}

/* Reference XTS with dm-crypt's plain64 IVs, independent of xts.c. */
static void ref_xts(struct kunit *test, const u8 *key, u64 sector, u8 *buf,
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

/* nitro_nvme_xts -------------------------------------------------------- */

static void xts_ieee1619_vector10(struct kunit *test)
{
	struct nvme_fw_xts *x;
	u8 *buf = kunit_kmalloc(test, 512, GFP_KERNEL);
	int i;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	for (i = 0; i < 512; i++)
		buf[i] = i;
	x = nvme_fw_xts_create(nvme_test_xts10_key, 64);
	KUNIT_ASSERT_FALSE(test, IS_ERR(x));
	/* Vector 10's data unit sequence number 0xff is sector 0xff. */
	KUNIT_EXPECT_EQ(test, nvme_fw_xts_encrypt(x, 0xff, buf, 512), 0);
	KUNIT_EXPECT_EQ(test, memcmp(buf, nvme_test_xts10_ct, 512), 0);
	KUNIT_EXPECT_EQ(test, nvme_fw_xts_decrypt(x, 0xff, buf, 512), 0);
	for (i = 0; i < 512; i++)
		KUNIT_ASSERT_EQ(test, buf[i], (u8)i);
	nvme_fw_xts_destroy(x);
}

static void xts_bad_key_and_length(struct kunit *test)
{
	u8 key[64] = {};
	struct nvme_fw_xts *x;
	u8 *buf = kunit_kzalloc(test, 1024, GFP_KERNEL);

	KUNIT_EXPECT_EQ(test, PTR_ERR(nvme_fw_xts_create(key, 32)), -EINVAL);
	/* Equal halves are weak keys. */
	KUNIT_EXPECT_EQ(test, PTR_ERR(nvme_fw_xts_create(key, 64)), -EINVAL);
	key[0] = 1;
	x = nvme_fw_xts_create(key, 64);
	KUNIT_ASSERT_FALSE(test, IS_ERR(x));
	KUNIT_EXPECT_EQ(test, nvme_fw_xts_encrypt(x, 0, buf, 100), -EINVAL);
	nvme_fw_xts_destroy(x);
}

/* Each 512-byte unit of a multi-sector buffer uses its own tweak. */
static void xts_dm_crypt_layout(struct kunit *test)
{
	struct nvme_fw_xts *x;
	u8 key[64], *a, *b;
	int i;

	a = kunit_kmalloc(test, 4096, GFP_KERNEL);
	b = kunit_kmalloc(test, 4096, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, b);
	for (i = 0; i < 64; i++)
		key[i] = 0xa0 ^ i;
	fill(a, 4096, 3);
	memcpy(b, a, 4096);
	x = nvme_fw_xts_create(key, 64);
	KUNIT_ASSERT_FALSE(test, IS_ERR(x));
	KUNIT_ASSERT_EQ(test, nvme_fw_xts_encrypt(x, 800, a, 4096), 0);
	ref_xts(test, key, 800, b, 4096, true);
	KUNIT_EXPECT_EQ(test, memcmp(a, b, 4096), 0);
	nvme_fw_xts_destroy(x);
}

static struct kunit_case nitro_nvme_xts_cases[] = {
	KUNIT_CASE(xts_ieee1619_vector10),
	KUNIT_CASE(xts_bad_key_and_length),
	KUNIT_CASE(xts_dm_crypt_layout),
	{}
};

static struct kunit_suite nitro_nvme_xts_suite = {
	.name = "nitro_nvme_xts",
	.test_cases = nitro_nvme_xts_cases,
};

/* nitro_nvme_regs ------------------------------------------------------- */

static void regs_cap_vs(struct kunit *test)
{
	struct nvme_test *t = test_setup(test, 9);
	u64 cap = nvme_fw_bar_read(&t->ctrl, NVME_REG_CAP, 8);

	KUNIT_EXPECT_EQ(test, NVME_CAP_MQES(cap), 1023ull);
	KUNIT_EXPECT_EQ(test, (cap >> 16) & 1, 1ull);		/* CQR */
	KUNIT_EXPECT_EQ(test, NVME_CAP_TIMEOUT(cap), 30ull);
	KUNIT_EXPECT_EQ(test, NVME_CAP_STRIDE(cap), 0ull);
	KUNIT_EXPECT_EQ(test, NVME_CAP_NSSRC(cap), 0ull);
	KUNIT_EXPECT_EQ(test, NVME_CAP_CSS(cap), 1ull);
	KUNIT_EXPECT_EQ(test, NVME_CAP_MPSMIN(cap), 0ull);
	KUNIT_EXPECT_EQ(test, NVME_CAP_MPSMAX(cap), 0ull);
	KUNIT_EXPECT_EQ(test, reg_read32(t, NVME_REG_CAP), lower_32_bits(cap));
	KUNIT_EXPECT_EQ(test, reg_read32(t, NVME_REG_CAP + 4), upper_32_bits(cap));
	KUNIT_EXPECT_EQ(test, reg_read32(t, NVME_REG_VS), 0x00010400u);
	KUNIT_EXPECT_EQ(test, reg_read32(t, NVME_REG_CMBSZ), 0u);
	KUNIT_EXPECT_EQ(test, reg_read32(t, NVME_REG_CSTS), 0u);
	/* Narrow reads are bytes of the dword. */
	KUNIT_EXPECT_EQ(test, nvme_fw_bar_read(&t->ctrl, NVME_REG_VS + 2, 1), 1ull);
	KUNIT_EXPECT_EQ(test, nvme_fw_bar_read(&t->ctrl, NVME_REG_VS + 1, 1), 4ull);
	KUNIT_EXPECT_EQ(test, nvme_fw_bar_read(&t->ctrl, NVME_REG_CAP, 2), 1023ull);
}

static void regs_enable_disable(struct kunit *test)
{
	struct nvme_test *t = test_setup(test, 9);

	test_enable(test, t);
	KUNIT_EXPECT_EQ(test, reg_read32(t, NVME_REG_CC), 0x00460001u);
	KUNIT_EXPECT_EQ(test, nvme_fw_bar_read(&t->ctrl, NVME_REG_ASQ, 8), G_ASQ);
	KUNIT_EXPECT_EQ(test, nvme_fw_bar_read(&t->ctrl, NVME_REG_ACQ, 8), G_ACQ);
	test_ioq(test, t);
	KUNIT_EXPECT_NOT_NULL(test, t->ctrl.sq[1]);
	/* AQA cannot change while enabled. */
	reg_write32(t, NVME_REG_AQA, 0x00030003);
	KUNIT_EXPECT_EQ(test, reg_read32(t, NVME_REG_AQA), 0x001f001fu);
	reg_write32(t, NVME_REG_CC, 0x00460000);
	KUNIT_EXPECT_EQ(test, reg_read32(t, NVME_REG_CSTS), 0u);
	KUNIT_EXPECT_NULL(test, t->ctrl.sq[1]);
	KUNIT_EXPECT_NULL(test, t->ctrl.cq[0]);
	KUNIT_EXPECT_EQ(test, t->ctrl.nr_ioq_granted, 0u);
	/* And again, as a host reset does. */
	memset(t->sq_tail, 0, sizeof(t->sq_tail));
	memset(t->cq_head, 0, sizeof(t->cq_head));
	t->phase[0] = 1;
	t->phase[1] = 1;
	memset(t->mem, 0, 0x8000);
	test_enable(test, t);
	test_ioq(test, t);
}

struct bogus_enable {
	const char *name;
	u32 aqa;
	u64 asq;
	u32 cc;
};

static const struct bogus_enable bogus_enables[] = {
	{ "aqa-zero", 0, G_ASQ, 0x00460001 },
	{ "asq-one-entry", 0x001f0000, G_ASQ, 0x00460001 },
	{ "acq-one-entry", 0x0000001f, G_ASQ, 0x00460001 },
	{ "mps-8k", 0x001f001f, G_ASQ, 0x00460081 },
	{ "css-reserved", 0x001f001f, G_ASQ, 0x00460011 },
	{ "ams-vendor", 0x001f001f, G_ASQ, 0x00463801 },
};

static void bogus_enable_desc(const struct bogus_enable *b, char *desc)
{
	strscpy(desc, b->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(bogus_enable, bogus_enables, bogus_enable_desc);

static void regs_bogus_enable_is_fatal(struct kunit *test)
{
	const struct bogus_enable *b = test->param_value;
	struct nvme_test *t = test_setup(test, 9);

	reg_write32(t, NVME_REG_AQA, b->aqa);
	nvme_fw_bar_write(&t->ctrl, NVME_REG_ASQ, 8, b->asq);
	nvme_fw_bar_write(&t->ctrl, NVME_REG_ACQ, 8, G_ACQ);
	reg_write32(t, NVME_REG_CC, b->cc);
	KUNIT_EXPECT_EQ(test, reg_read32(t, NVME_REG_CSTS), (u32)NVME_CSTS_CFS);
	KUNIT_EXPECT_NULL(test, t->ctrl.sq[0]);
	/* Doorbells of a dead controller do nothing. */
	nvme_fw_doorbell(&t->ctrl, 0, 1);
	KUNIT_EXPECT_EQ(test, t->irqs[0], 0u);
	/* Clearing EN recovers. */
	reg_write32(t, NVME_REG_CC, 0);
	KUNIT_EXPECT_EQ(test, reg_read32(t, NVME_REG_CSTS), 0u);
}

static void regs_asq_drops_reserved_bits(struct kunit *test)
{
	struct nvme_test *t = test_setup(test, 9);

	nvme_fw_bar_write(&t->ctrl, NVME_REG_ASQ, 8, G_ASQ | 0x123);
	KUNIT_EXPECT_EQ(test, nvme_fw_bar_read(&t->ctrl, NVME_REG_ASQ, 8), G_ASQ);
	reg_write32(t, NVME_REG_CC, 0xffffffff & ~NVME_CC_ENABLE);
	KUNIT_EXPECT_EQ(test, reg_read32(t, NVME_REG_CC), 0x00fffff0u);
}

/* An admin SQ outside guest memory: fatal at the first fetch. */
static void regs_asq_unmapped(struct kunit *test)
{
	struct nvme_test *t = test_setup(test, 9);

	reg_write32(t, NVME_REG_AQA, 0x001f001f);
	nvme_fw_bar_write(&t->ctrl, NVME_REG_ASQ, 8, 0x1000);
	nvme_fw_bar_write(&t->ctrl, NVME_REG_ACQ, 8, G_ACQ);
	reg_write32(t, NVME_REG_CC, 0x00460001);
	KUNIT_EXPECT_EQ(test, reg_read32(t, NVME_REG_CSTS), (u32)NVME_CSTS_RDY);
	nvme_fw_doorbell(&t->ctrl, 0, 1);
	KUNIT_EXPECT_EQ(test, reg_read32(t, NVME_REG_CSTS),
			(u32)(NVME_CSTS_RDY | NVME_CSTS_CFS));
	KUNIT_EXPECT_EQ(test, t->ctrl.stats.fatal_events, 1ull);
	KUNIT_EXPECT_EQ(test, t->irqs[0], 0u);
}

static void regs_shutdown(struct kunit *test)
{
	struct nvme_test *t = test_setup(test, 9);

	test_enable(test, t);
	reg_write32(t, NVME_REG_CC, 0x00464001);
	KUNIT_EXPECT_EQ(test, reg_read32(t, NVME_REG_CSTS),
			(u32)(NVME_CSTS_RDY | NVME_CSTS_SHST_CMPLT));
	reg_write32(t, NVME_REG_CC, 0x00460000);
	KUNIT_EXPECT_EQ(test, reg_read32(t, NVME_REG_CSTS), 0u);
}

/* Every width at every aligned offset of the register page. */
static void regs_every_offset_every_size(struct kunit *test)
{
	struct nvme_test *t = test_setup(test, 9);
	static const int sizes[] = { 1, 2, 4, 8 };
	u32 off;
	int i;

	test_enable(test, t);
	for (i = 0; i < ARRAY_SIZE(sizes); i++)
		for (off = 0; off < NVME_FW_BAR0_SIZE; off += sizes[i])
			nvme_fw_bar_read(&t->ctrl, off, sizes[i]);
	/* Reserved space reads as zero; writes there change nothing. */
	for (i = 0; i < ARRAY_SIZE(sizes); i++)
		for (off = 0x40; off < 0x1000; off += sizes[i])
			nvme_fw_bar_write(&t->ctrl, off, sizes[i], ~0ull);
	for (off = 0x40; off < 0x1000; off += 4)
		KUNIT_ASSERT_EQ(test, reg_read32(t, off), 0u);
	KUNIT_EXPECT_EQ(test, reg_read32(t, NVME_REG_CSTS), (u32)NVME_CSTS_RDY);
	/* Writes to CAP, VS and CSTS are ignored. */
	nvme_fw_bar_write(&t->ctrl, NVME_REG_CAP, 8, 0);
	reg_write32(t, NVME_REG_VS, 0);
	reg_write32(t, NVME_REG_CSTS, ~0u);
	KUNIT_EXPECT_EQ(test, NVME_CAP_MQES(nvme_fw_bar_read(&t->ctrl, 0, 8)),
			1023ull);
	KUNIT_EXPECT_EQ(test, reg_read32(t, NVME_REG_VS), 0x00010400u);
	KUNIT_EXPECT_EQ(test, reg_read32(t, NVME_REG_CSTS), (u32)NVME_CSTS_RDY);
}

static struct kunit_case nitro_nvme_regs_cases[] = {
	KUNIT_CASE(regs_cap_vs),
	KUNIT_CASE(regs_enable_disable),
	KUNIT_CASE_PARAM(regs_bogus_enable_is_fatal, bogus_enable_gen_params),
	KUNIT_CASE(regs_asq_drops_reserved_bits),
	KUNIT_CASE(regs_asq_unmapped),
	KUNIT_CASE(regs_shutdown),
	KUNIT_CASE(regs_every_offset_every_size),
	{}
};

static struct kunit_suite nitro_nvme_regs_suite = {
	.name = "nitro_nvme_regs",
	.exit = test_exit,
	.test_cases = nitro_nvme_regs_cases,
};

/* nitro_nvme_admin ------------------------------------------------------ */

static u16 test_identify(struct nvme_test *t, u8 cns, u32 nsid)
{
	struct nvme_command c = {};

	memset(gptr(t, G_DATA), 0xee, 4096);
	c.identify.opcode = nvme_admin_identify;
	c.identify.cns = cns;
	c.identify.nsid = cpu_to_le32(nsid);
	c.identify.dptr.prp1 = cpu_to_le64(G_DATA);
	return test_admin(t, &c, NULL);
}

static void admin_identify_ctrl(struct kunit *test)
{
	struct nvme_test *t = test_setup(test, 12);
	struct nvme_id_ctrl *id = gptr(t, G_DATA);

	test_enable(test, t);
	KUNIT_ASSERT_EQ(test, test_identify(t, NVME_ID_CNS_CTRL, 0), 0);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(id->vid), 0x1d0f);
	KUNIT_EXPECT_EQ(test, memcmp(id->sn, "vol-0123456789abcdef", 20), 0);
	KUNIT_EXPECT_EQ(test, id->mdts, NVME_FW_MDTS);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(id->ver), 0x00010400u);
	KUNIT_EXPECT_EQ(test, id->sqes, 0x66);
	KUNIT_EXPECT_EQ(test, id->cqes, 0x44);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(id->nn), 1u);
	KUNIT_EXPECT_EQ(test, id->aerl, NVME_FW_AERL);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(id->oacs), NVME_CTRL_OACS_DBBUF_SUPP);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(id->oncs), 0x000c);
	KUNIT_EXPECT_EQ(test, id->vwc, 1);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(id->sgls), 1u);
	KUNIT_EXPECT_EQ(test, id->elpe, NVME_FW_ELPE);
	KUNIT_EXPECT_EQ(test, id->cntrltype, 1);
	/* The rest of the page is written too (zeroes). */
	KUNIT_EXPECT_EQ(test, id->vs[1023], 0);
	KUNIT_EXPECT_EQ(test, t->irqs[0], 1u);
}

static void admin_identify_ns(struct kunit *test)
{
	struct nvme_test *t = test_setup(test, 12);
	struct nvme_id_ns *ns = gptr(t, G_DATA);
	__le32 *list = gptr(t, G_DATA);
	struct nvme_ns_id_desc *d = gptr(t, G_DATA);

	test_enable(test, t);
	KUNIT_ASSERT_EQ(test, test_identify(t, NVME_ID_CNS_NS, 1), 0);
	KUNIT_EXPECT_EQ(test, le64_to_cpu(ns->nsze), (u64)VOL_BLOCKS_512 / 8);
	KUNIT_EXPECT_EQ(test, le64_to_cpu(ns->ncap), (u64)VOL_BLOCKS_512 / 8);
	KUNIT_EXPECT_EQ(test, ns->nlbaf, 0);
	KUNIT_EXPECT_EQ(test, ns->flbas, 0);
	KUNIT_EXPECT_EQ(test, ns->lbaf[0].ds, 12);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(ns->lbaf[0].ms), 0);

	KUNIT_ASSERT_EQ(test, test_identify(t, NVME_ID_CNS_NS_ACTIVE_LIST, 0), 0);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(list[0]), 1u);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(list[1]), 0u);
	KUNIT_ASSERT_EQ(test, test_identify(t, NVME_ID_CNS_NS_ACTIVE_LIST, 1), 0);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(list[0]), 0u);

	KUNIT_ASSERT_EQ(test, test_identify(t, NVME_ID_CNS_NS_DESC_LIST, 1), 0);
	KUNIT_EXPECT_EQ(test, d->nidt, NVME_NIDT_UUID);
	KUNIT_EXPECT_EQ(test, d->nidl, NVME_NIDT_UUID_LEN);
	KUNIT_EXPECT_EQ(test, ((u8 *)d)[20], 0);	/* list terminator */

	KUNIT_EXPECT_EQ(test, test_identify(t, NVME_ID_CNS_NS, 2),
			NVME_SC_INVALID_NS | NVME_FW_DNR);
	KUNIT_EXPECT_EQ(test, test_identify(t, NVME_ID_CNS_NS, 0),
			NVME_SC_INVALID_NS | NVME_FW_DNR);
	KUNIT_EXPECT_EQ(test, test_identify(t, NVME_ID_CNS_NS_DESC_LIST, 7),
			NVME_SC_INVALID_NS | NVME_FW_DNR);
	KUNIT_EXPECT_EQ(test, test_identify(t, NVME_ID_CNS_NS_ACTIVE_LIST,
					    0xfffffffe),
			NVME_SC_INVALID_NS | NVME_FW_DNR);
	KUNIT_EXPECT_EQ(test, test_identify(t, 0x55, 1),
			NVME_SC_INVALID_FIELD | NVME_FW_DNR);
}

static void admin_shape_checks(struct kunit *test)
{
	struct nvme_test *t = test_setup(test, 9);
	struct nvme_command c = {};

	test_enable(test, t);
	c.common.opcode = 0x7f;			/* not an admin opcode */
	KUNIT_EXPECT_EQ(test, test_admin(t, &c, NULL),
			NVME_SC_INVALID_OPCODE | NVME_FW_DNR);
	c.common.opcode = nvme_admin_identify;
	c.identify.cns = NVME_ID_CNS_CTRL;
	c.identify.dptr.prp1 = cpu_to_le64(G_DATA);
	c.common.flags = NVME_CMD_FUSE_FIRST;
	KUNIT_EXPECT_EQ(test, test_admin(t, &c, NULL),
			NVME_SC_INVALID_FIELD | NVME_FW_DNR);
	c.common.flags = NVME_CMD_SGL_METABUF;	/* no SGLs on admin */
	KUNIT_EXPECT_EQ(test, test_admin(t, &c, NULL),
			NVME_SC_INVALID_FIELD | NVME_FW_DNR);
	c.common.flags = 0;
	c.identify.dptr.prp1 = cpu_to_le64(0x1000);	/* not guest memory */
	KUNIT_EXPECT_EQ(test, test_admin(t, &c, NULL),
			(u16)NVME_SC_DATA_XFER_ERROR);
	c.identify.dptr.prp1 = cpu_to_le64(G_DATA + 2);	/* not dword aligned */
	KUNIT_EXPECT_EQ(test, test_admin(t, &c, NULL),
			NVME_SC_PRP_INVALID_OFFSET | NVME_FW_DNR);
	/* A page offset is fine: PRP2 takes the rest. */
	c.identify.dptr.prp1 = cpu_to_le64(G_DATA + 0x800);
	c.identify.dptr.prp2 = cpu_to_le64(G_DATA2);
	KUNIT_EXPECT_EQ(test, test_admin(t, &c, NULL), 0);
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(gptr(t, G_DATA + 0x800)), 0x1d0f);
	/* Every failure is in the error log. */
	KUNIT_EXPECT_EQ(test, t->ctrl.stats.err_log_count, 5ull);
}

struct qcase {
	const char *name;
	u8 opcode;
	u16 qid;
	u16 qsize;
	u16 flags;
	u16 cqid_or_iv;
	u64 prp1;
	u16 status;
};

static const struct qcase qcases[] = {
	{ "cq-qid-0", nvme_admin_create_cq, 0, 15, 3, 1, G_DATA,
	  NVME_SC_QID_INVALID | NVME_FW_DNR },
	{ "cq-qid-over-granted", nvme_admin_create_cq, 5, 15, 3, 1, G_DATA,
	  NVME_SC_QID_INVALID | NVME_FW_DNR },
	{ "cq-qid-negative", nvme_admin_create_cq, 0xffff, 15, 3, 1, G_DATA,
	  NVME_SC_QID_INVALID | NVME_FW_DNR },
	{ "cq-qid-exists", nvme_admin_create_cq, 1, 15, 3, 1, G_DATA,
	  NVME_SC_QID_INVALID | NVME_FW_DNR },
	{ "cq-size-1", nvme_admin_create_cq, 2, 0, 3, 1, G_DATA, NVME_SC_QUEUE_SIZE | NVME_FW_DNR },
	{ "cq-size-over-mqes", nvme_admin_create_cq, 2, 1024, 3, 1, G_DATA,
	  NVME_SC_QUEUE_SIZE | NVME_FW_DNR },
	{ "cq-size-max", nvme_admin_create_cq, 2, 0xffff, 3, 1, G_DATA,
	  NVME_SC_QUEUE_SIZE | NVME_FW_DNR },
	{ "cq-not-contig", nvme_admin_create_cq, 2, 15, 2, 1, G_DATA,
	  NVME_SC_INVALID_FIELD | NVME_FW_DNR },
	{ "cq-reserved-flags", nvme_admin_create_cq, 2, 15, 7, 1, G_DATA,
	  NVME_SC_INVALID_FIELD | NVME_FW_DNR },
	{ "cq-vector", nvme_admin_create_cq, 2, 15, 3, 17, G_DATA,
	  NVME_SC_INVALID_VECTOR | NVME_FW_DNR },
	{ "cq-unaligned", nvme_admin_create_cq, 2, 15, 3, 1, G_DATA + 8,
	  NVME_SC_PRP_INVALID_OFFSET | NVME_FW_DNR },
	{ "cq-ok", nvme_admin_create_cq, 2, 15, 3, 2, G_DATA, 0 },
	{ "sq-qid-0", nvme_admin_create_sq, 0, 15, 1, 1, G_DATA,
	  NVME_SC_QID_INVALID | NVME_FW_DNR },
	{ "sq-qid-negative", nvme_admin_create_sq, 0x8000, 15, 1, 1, G_DATA,
	  NVME_SC_QID_INVALID | NVME_FW_DNR },
	{ "sq-exists", nvme_admin_create_sq, 1, 15, 1, 1, G_DATA,
	  NVME_SC_QID_INVALID | NVME_FW_DNR },
	{ "sq-no-cq", nvme_admin_create_sq, 2, 15, 1, 3, G_DATA, NVME_SC_CQ_INVALID | NVME_FW_DNR },
	{ "sq-admin-cq", nvme_admin_create_sq, 2, 15, 1, 0, G_DATA,
	  NVME_SC_CQ_INVALID | NVME_FW_DNR },
	{ "sq-cq-negative", nvme_admin_create_sq, 2, 15, 1, 0xffff, G_DATA,
	  NVME_SC_CQ_INVALID | NVME_FW_DNR },
	{ "sq-size-1", nvme_admin_create_sq, 2, 0, 1, 1, G_DATA, NVME_SC_QUEUE_SIZE | NVME_FW_DNR },
	{ "sq-reserved-flags", nvme_admin_create_sq, 2, 15, 0x11, 1, G_DATA,
	  NVME_SC_INVALID_FIELD | NVME_FW_DNR },
	{ "sq-ok-shared-cq", nvme_admin_create_sq, 2, 15, 1, 1, G_DATA, 0 },
	{ "del-sq-0", nvme_admin_delete_sq, 0, 0, 0, 0, 0, NVME_SC_QID_INVALID | NVME_FW_DNR },
	{ "del-sq-missing", nvme_admin_delete_sq, 3, 0, 0, 0, 0,
	  NVME_SC_QID_INVALID | NVME_FW_DNR },
	{ "del-sq-negative", nvme_admin_delete_sq, 0xffff, 0, 0, 0, 0,
	  NVME_SC_QID_INVALID | NVME_FW_DNR },
	{ "del-cq-in-use", nvme_admin_delete_cq, 1, 0, 0, 0, 0,
	  NVME_SC_INVALID_QUEUE | NVME_FW_DNR },
	{ "del-cq-0", nvme_admin_delete_cq, 0, 0, 0, 0, 0, NVME_SC_QID_INVALID | NVME_FW_DNR },
	{ "del-sq-ok", nvme_admin_delete_sq, 1, 0, 0, 0, 0, 0 },
};

static void qcase_desc(const struct qcase *q, char *desc)
{
	strscpy(desc, q->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(qcase, qcases, qcase_desc);

static void admin_queue_commands(struct kunit *test)
{
	const struct qcase *q = test->param_value;
	struct nvme_test *t = test_ready(test, 9);
	struct nvme_command c = {};

	c.common.opcode = q->opcode;
	if (q->opcode == nvme_admin_create_cq) {
		c.create_cq.cqid = cpu_to_le16(q->qid);
		c.create_cq.qsize = cpu_to_le16(q->qsize);
		c.create_cq.cq_flags = cpu_to_le16(q->flags);
		c.create_cq.irq_vector = cpu_to_le16(q->cqid_or_iv);
		c.create_cq.prp1 = cpu_to_le64(q->prp1);
	} else if (q->opcode == nvme_admin_create_sq) {
		c.create_sq.sqid = cpu_to_le16(q->qid);
		c.create_sq.qsize = cpu_to_le16(q->qsize);
		c.create_sq.sq_flags = cpu_to_le16(q->flags);
		c.create_sq.cqid = cpu_to_le16(q->cqid_or_iv);
		c.create_sq.prp1 = cpu_to_le64(q->prp1);
	} else {
		c.delete_queue.qid = cpu_to_le16(q->qid);
	}
	KUNIT_EXPECT_EQ(test, test_admin(t, &c, NULL), q->status);
}

static u16 test_feature(struct nvme_test *t, u8 op, u32 cdw10, u32 cdw11,
			u32 *res)
{
	struct nvme_command c = {};

	c.features.opcode = op;
	c.features.fid = cpu_to_le32(cdw10);
	c.features.dword11 = cpu_to_le32(cdw11);
	return test_admin(t, &c, res);
}

static void admin_features(struct kunit *test)
{
	struct nvme_test *t = test_setup(test, 9);
	u32 res = 0;

	test_enable(test, t);
	/* Number of queues: asked 64, granted 16 (0-based 15). */
	KUNIT_EXPECT_EQ(test, test_feature(t, nvme_admin_set_features,
					   NVME_FEAT_NUM_QUEUES, 63 | 63 << 16, &res), 0);
	KUNIT_EXPECT_EQ(test, res, 15u | 15u << 16);
	KUNIT_EXPECT_EQ(test, test_feature(t, nvme_admin_set_features,
					   NVME_FEAT_NUM_QUEUES, 0xffff, &res),
			NVME_SC_INVALID_FIELD | NVME_FW_DNR);
	KUNIT_EXPECT_EQ(test, test_feature(t, nvme_admin_set_features,
					   NVME_FEAT_NUM_QUEUES, 1 | 2 << 16, &res), 0);
	KUNIT_EXPECT_EQ(test, res, 1u | 1u << 16);
	KUNIT_EXPECT_EQ(test, test_feature(t, nvme_admin_get_features,
					   NVME_FEAT_NUM_QUEUES, 0, &res), 0);
	KUNIT_EXPECT_EQ(test, res, 1u | 1u << 16);
	/* Volatile write cache. */
	KUNIT_EXPECT_EQ(test, test_feature(t, nvme_admin_set_features,
					   NVME_FEAT_VOLATILE_WC, 0, &res), 0);
	KUNIT_EXPECT_EQ(test, test_feature(t, nvme_admin_get_features,
					   NVME_FEAT_VOLATILE_WC, 0, &res), 0);
	KUNIT_EXPECT_EQ(test, res, 0u);
	KUNIT_EXPECT_EQ(test, test_feature(t, nvme_admin_get_features,
					   NVME_FEAT_VOLATILE_WC | 1 << 8, 0, &res), 0);
	KUNIT_EXPECT_EQ(test, res, 1u);		/* default */
	/* Coalescing, arbitration, AEC, vector config. */
	KUNIT_EXPECT_EQ(test, test_feature(t, nvme_admin_set_features,
					   NVME_FEAT_IRQ_COALESCE, 0x0a07, &res), 0);
	KUNIT_EXPECT_EQ(test, test_feature(t, nvme_admin_get_features,
					   NVME_FEAT_IRQ_COALESCE, 0, &res), 0);
	KUNIT_EXPECT_EQ(test, res, 0x0a07u);
	KUNIT_EXPECT_EQ(test, test_feature(t, nvme_admin_set_features,
					   NVME_FEAT_ARBITRATION, 0x03020103, &res), 0);
	KUNIT_EXPECT_EQ(test, test_feature(t, nvme_admin_get_features,
					   NVME_FEAT_ARBITRATION, 0, &res), 0);
	KUNIT_EXPECT_EQ(test, res, 0x03020103u);
	KUNIT_EXPECT_EQ(test, test_feature(t, nvme_admin_set_features,
					   NVME_FEAT_ASYNC_EVENT, 0x1f, &res), 0);
	KUNIT_EXPECT_EQ(test, test_feature(t, nvme_admin_set_features,
					   NVME_FEAT_ASYNC_EVENT, 0x100, &res),
			NVME_SC_INVALID_FIELD | NVME_FW_DNR);
	KUNIT_EXPECT_EQ(test, test_feature(t, nvme_admin_set_features,
					   NVME_FEAT_IRQ_CONFIG, 0, &res),
			NVME_SC_INVALID_FIELD | NVME_FW_DNR);
	KUNIT_EXPECT_EQ(test, test_feature(t, nvme_admin_set_features,
					   NVME_FEAT_IRQ_CONFIG, 3 | BIT(16), &res), 0);
	KUNIT_EXPECT_EQ(test, test_feature(t, nvme_admin_get_features,
					   NVME_FEAT_IRQ_CONFIG, 3, &res), 0);
	KUNIT_EXPECT_EQ(test, res, 3u | BIT(16));
	/* Saving, unknown features, bad select. */
	KUNIT_EXPECT_EQ(test, test_feature(t, nvme_admin_set_features,
					   NVME_FEAT_VOLATILE_WC | BIT(31), 1, &res),
			NVME_SC_FEATURE_NOT_SAVEABLE | NVME_FW_DNR);
	KUNIT_EXPECT_EQ(test, test_feature(t, nvme_admin_get_features,
					   NVME_FEAT_HOST_MEM_BUF, 0, &res),
			NVME_SC_INVALID_FIELD | NVME_FW_DNR);
	KUNIT_EXPECT_EQ(test, test_feature(t, nvme_admin_get_features,
					   NVME_FEAT_VOLATILE_WC | 5 << 8, 0, &res),
			NVME_SC_INVALID_FIELD | NVME_FW_DNR);
	KUNIT_EXPECT_EQ(test, test_feature(t, nvme_admin_set_features,
					   NVME_FEAT_POWER_MGMT, 1, &res),
			NVME_SC_INVALID_FIELD | NVME_FW_DNR);
}

static void admin_num_queues_after_create(struct kunit *test)
{
	struct nvme_test *t = test_ready(test, 9);
	u32 res;

	KUNIT_EXPECT_EQ(test, test_feature(t, nvme_admin_set_features,
					   NVME_FEAT_NUM_QUEUES, 7 | 7 << 16, &res),
			NVME_SC_CMD_SEQ_ERROR | NVME_FW_DNR);
}

static u16 test_log(struct nvme_test *t, u8 lid, u32 len, u64 off, u32 nsid)
{
	struct nvme_command c = {};

	memset(gptr(t, G_DATA), 0xee, 8192);
	c.get_log_page.opcode = nvme_admin_get_log_page;
	c.get_log_page.lid = lid;
	c.get_log_page.nsid = cpu_to_le32(nsid);
	c.get_log_page.numdl = cpu_to_le16((len / 4 - 1) & 0xffff);
	c.get_log_page.numdu = cpu_to_le16((len / 4 - 1) >> 16);
	c.get_log_page.lpo = cpu_to_le64(off);
	c.get_log_page.dptr.prp1 = cpu_to_le64(G_DATA);
	c.get_log_page.dptr.prp2 = cpu_to_le64(G_DATA + 4096);
	return test_admin(t, &c, NULL);
}

static void admin_log_pages(struct kunit *test)
{
	struct nvme_test *t = test_ready(test, 9);
	struct nvme_smart_log *s = gptr(t, G_DATA);
	struct nvme_fw_slot_info_log *f = gptr(t, G_DATA);
	struct nvme_error_slot *e = gptr(t, G_DATA);
	struct nvme_command c;

	/* Two reads of 8 blocks, one failing command. */
	test_rw_cmd(&c, nvme_cmd_read, 0, 8, G_DATA2, 0);
	KUNIT_ASSERT_EQ(test, test_cmd(t, 1, &c, NULL), 0);
	KUNIT_ASSERT_EQ(test, test_cmd(t, 1, &c, NULL), 0);
	test_rw_cmd(&c, nvme_cmd_read, VOL_BLOCKS_512, 1, G_DATA2, 0);
	KUNIT_ASSERT_EQ(test, test_cmd(t, 1, &c, NULL),
			NVME_SC_LBA_RANGE | NVME_FW_DNR);

	KUNIT_ASSERT_EQ(test, test_log(t, NVME_LOG_SMART, 512, 0, NVME_NSID_ALL), 0);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(s->host_reads), 2ull);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(s->data_units_read), 1ull);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(s->num_err_log_entries), 1ull);
	KUNIT_EXPECT_EQ(test, s->avail_spare, 100);

	KUNIT_ASSERT_EQ(test, test_log(t, NVME_LOG_ERROR, 64, 0, 0), 0);
	KUNIT_EXPECT_EQ(test, le64_to_cpu(e->error_count), 1ull);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(e->sqid), 1);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(e->status_field) >> 1,
			NVME_SC_LBA_RANGE | NVME_FW_DNR);

	KUNIT_ASSERT_EQ(test, test_log(t, NVME_LOG_FW_SLOT, 512, 0, 0), 0);
	KUNIT_EXPECT_EQ(test, f->afi, 1);
	KUNIT_EXPECT_EQ(test, memcmp(&f->frs[0], "0.1.0   ", 8), 0);

	/* Offset into the log; past its end the host reads zeroes. */
	KUNIT_ASSERT_EQ(test, test_log(t, NVME_LOG_SMART, 8, 64, 0), 0);
	KUNIT_EXPECT_EQ(test, ((u8 *)s)[0], 2);		/* host read commands */
	KUNIT_EXPECT_EQ(test, ((u8 *)s)[8], 0xee);	/* not transferred */
	KUNIT_ASSERT_EQ(test, test_log(t, NVME_LOG_FW_SLOT, 1024, 0, 0), 0);
	KUNIT_EXPECT_EQ(test, ((u8 *)f)[1000], 0);

	KUNIT_EXPECT_EQ(test, test_log(t, 0x42, 512, 0, 0),
			NVME_SC_INVALID_LOG_PAGE | NVME_FW_DNR);
	KUNIT_EXPECT_EQ(test, test_log(t, NVME_LOG_SMART, 512, 512, 0),
			NVME_SC_INVALID_FIELD | NVME_FW_DNR);
	KUNIT_EXPECT_EQ(test, test_log(t, NVME_LOG_SMART, 512, 2, 0),
			NVME_SC_INVALID_FIELD | NVME_FW_DNR);
	KUNIT_EXPECT_EQ(test, test_log(t, NVME_LOG_SMART, 512, 0, 9),
			NVME_SC_INVALID_NS | NVME_FW_DNR);
	/* Longer than MDTS. */
	KUNIT_EXPECT_EQ(test, test_log(t, NVME_LOG_ERROR, NVME_FW_MAX_XFER + 4, 0, 0),
			NVME_SC_INVALID_FIELD | NVME_FW_DNR);
}

static void admin_abort_keepalive_dbbuf(struct kunit *test)
{
	struct nvme_test *t = test_ready(test, 9);
	struct nvme_command c = {};
	u32 res = 0;

	c.abort.opcode = nvme_admin_abort_cmd;
	c.abort.sqid = cpu_to_le16(1);
	c.abort.cid = 0x1234;
	KUNIT_EXPECT_EQ(test, test_admin(t, &c, &res), 0);
	KUNIT_EXPECT_EQ(test, res, 1u);		/* not aborted */
	memset(&c, 0, sizeof(c));
	c.common.opcode = nvme_admin_keep_alive;
	KUNIT_EXPECT_EQ(test, test_admin(t, &c, NULL), 0);
	memset(&c, 0, sizeof(c));
	c.dbbuf.opcode = nvme_admin_dbbuf;
	c.dbbuf.prp1 = cpu_to_le64(G_DATA + 8);
	c.dbbuf.prp2 = cpu_to_le64(G_DATA2);
	KUNIT_EXPECT_EQ(test, test_admin(t, &c, NULL),
			NVME_SC_INVALID_FIELD | NVME_FW_DNR);
}

static struct kunit_case nitro_nvme_admin_cases[] = {
	KUNIT_CASE(admin_identify_ctrl),
	KUNIT_CASE(admin_identify_ns),
	KUNIT_CASE(admin_shape_checks),
	KUNIT_CASE_PARAM(admin_queue_commands, qcase_gen_params),
	KUNIT_CASE(admin_features),
	KUNIT_CASE(admin_num_queues_after_create),
	KUNIT_CASE(admin_log_pages),
	KUNIT_CASE(admin_abort_keepalive_dbbuf),
	{}
};

static struct kunit_suite nitro_nvme_admin_suite = {
	.name = "nitro_nvme_admin",
	.exit = test_exit,
	.test_cases = nitro_nvme_admin_cases,
};

/* nitro_nvme_io --------------------------------------------------------- */

static const u8 lba_shifts[] = { 9, 12 };

static void lba_desc(const u8 *s, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "lba-%u", 1u << *s);
}

KUNIT_ARRAY_PARAM(lba, lba_shifts, lba_desc);

/* Write through the device, check the volume holds dm-crypt's ciphertext. */
static void io_write_read_encrypted(struct kunit *test)
{
	u8 shift = *(const u8 *)test->param_value;
	struct nvme_test *t = test_ready(test, shift);
	u32 nlb = 8192 >> shift, len = nlb << shift;
	u64 slba = 3;
	struct nvme_command c;
	u8 *plain, *expect;

	plain = kunit_kmalloc(test, len, GFP_KERNEL);
	expect = kunit_kmalloc(test, len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, plain);
	KUNIT_ASSERT_NOT_NULL(test, expect);
	fill(plain, len, shift);
	memcpy(gptr(t, G_DATA), plain, 4096);
	memcpy(gptr(t, G_DATA2), plain + 4096, len - 4096);
	test_rw_cmd(&c, nvme_cmd_write, slba, nlb, G_DATA, G_DATA2);
	KUNIT_ASSERT_EQ(test, test_cmd(t, 1, &c, NULL), 0);
	KUNIT_EXPECT_EQ(test, t->irqs[1], 1u);

	/* The backend never sees plaintext: it holds XTS-plain64 output. */
	memcpy(expect, plain, len);
	ref_xts(test, t->key, slba << (shift - 9), expect, len, true);
	KUNIT_EXPECT_EQ(test, memcmp(t->vol + (slba << shift), expect, len), 0);
	KUNIT_EXPECT_NE(test, memcmp(t->vol + (slba << shift), plain, 512), 0);

	/* Read back through the device. */
	memset(gptr(t, G_DATA), 0, 4096);
	memset(gptr(t, G_DATA2), 0, 4096);
	test_rw_cmd(&c, nvme_cmd_read, slba, nlb, G_DATA, G_DATA2);
	KUNIT_ASSERT_EQ(test, test_cmd(t, 1, &c, NULL), 0);
	KUNIT_EXPECT_EQ(test, memcmp(gptr(t, G_DATA), plain, 4096), 0);
	KUNIT_EXPECT_EQ(test, memcmp(gptr(t, G_DATA2), plain + 4096, len - 4096), 0);
}

/* Ciphertext written by dm-crypt (the reference) reads back as plaintext. */
static void io_reads_dm_crypt_volume(struct kunit *test)
{
	u8 shift = *(const u8 *)test->param_value;
	struct nvme_test *t = test_ready(test, shift);
	u8 *plain = kunit_kmalloc(test, 4096, GFP_KERNEL);
	struct nvme_command c;
	u64 slba = 40 >> (shift - 9);

	KUNIT_ASSERT_NOT_NULL(test, plain);
	fill(plain, 4096, 77);
	memcpy(t->vol + (slba << shift), plain, 4096);
	ref_xts(test, t->key, slba << (shift - 9), t->vol + (slba << shift),
		4096, true);
	test_rw_cmd(&c, nvme_cmd_read, slba, 4096 >> shift, G_DATA, 0);
	KUNIT_ASSERT_EQ(test, test_cmd(t, 1, &c, NULL), 0);
	KUNIT_EXPECT_EQ(test, memcmp(gptr(t, G_DATA), plain, 4096), 0);
}

/* A 128 KiB (MDTS) transfer through a two-page chained PRP list. */
static void io_prp_list_chained(struct kunit *test)
{
	struct nvme_test *t = test_ready(test, 12);
	u32 len = NVME_FW_MAX_XFER, npages = len / 4096, i;
	__le64 *l1 = gptr(t, G_LIST + 4096 - 16);	/* 2 entries left */
	__le64 *l2 = gptr(t, G_LIST + 8192);
	struct nvme_command c;
	u8 *src;

	src = kunit_kmalloc(test, len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, src);
	fill(src, len, 9);
	/* Data page i at G_DATA + 2 * 4096 * i: nothing contiguous. */
	for (i = 0; i < npages; i++)
		memcpy(gptr(t, G_DATA + 8192ull * i), src + 4096 * i, 4096);
	/* PRP1: page 0; list 1: page 1, then a pointer to list 2. */
	l1[0] = cpu_to_le64(G_DATA + 8192);
	l1[1] = cpu_to_le64(G_LIST + 8192);
	for (i = 2; i < npages; i++)
		l2[i - 2] = cpu_to_le64(G_DATA + 8192ull * i);
	test_rw_cmd(&c, nvme_cmd_write, 0, npages, G_DATA,
		    G_LIST + 4096 - 16);
	KUNIT_ASSERT_EQ(test, test_cmd(t, 1, &c, NULL), 0);
	/* Read it back contiguously through a single-page list. */
	for (i = 1; i < npages; i++)
		l2[i - 1] = cpu_to_le64(G_DATA2 + 4096ull * i);
	memset(gptr(t, G_DATA2), 0, len);
	test_rw_cmd(&c, nvme_cmd_read, 0, npages, G_DATA2, G_LIST + 8192);
	KUNIT_ASSERT_EQ(test, test_cmd(t, 1, &c, NULL), 0);
	KUNIT_EXPECT_EQ(test, memcmp(gptr(t, G_DATA2), src, len), 0);
}

struct iocase {
	const char *name;
	u8 opcode;
	u64 slba;
	u32 nlb;
	u64 prp1, prp2;
	u32 nsid;
	u8 flags;
	u16 status;
};

static const struct iocase iocases[] = {
	{ "lba-past-end", nvme_cmd_read, VOL_BLOCKS_512, 1, G_DATA, 0, 1, 0,
	  NVME_SC_LBA_RANGE | NVME_FW_DNR },
	{ "lba-straddles-end", nvme_cmd_write, VOL_BLOCKS_512 - 1, 2, G_DATA, 0, 1, 0,
	  NVME_SC_LBA_RANGE | NVME_FW_DNR },
	{ "lba-wraps", nvme_cmd_read, ~0ull, 2, G_DATA, 0, 1, 0, NVME_SC_LBA_RANGE | NVME_FW_DNR },
	{ "over-mdts", nvme_cmd_read, 0, 257, G_DATA, G_LIST, 1, 0,
	  NVME_SC_INVALID_FIELD | NVME_FW_DNR },
	{ "nsid-0", nvme_cmd_read, 0, 1, G_DATA, 0, 0, 0, NVME_SC_INVALID_NS | NVME_FW_DNR },
	{ "nsid-2", nvme_cmd_write, 0, 1, G_DATA, 0, 2, 0, NVME_SC_INVALID_NS | NVME_FW_DNR },
	{ "nsid-all-read", nvme_cmd_read, 0, 1, G_DATA, 0, NVME_NSID_ALL, 0,
	  NVME_SC_INVALID_NS | NVME_FW_DNR },
	{ "bad-opcode", 0x7e, 0, 1, G_DATA, 0, 1, 0, NVME_SC_INVALID_OPCODE | NVME_FW_DNR },
	{ "fused", nvme_cmd_read, 0, 1, G_DATA, 0, 1, NVME_CMD_FUSE_FIRST,
	  NVME_SC_INVALID_FIELD | NVME_FW_DNR },
	{ "psdt-reserved", nvme_cmd_read, 0, 1, G_DATA, 0, 1, NVME_CMD_SGL_ALL,
	  NVME_SC_INVALID_FIELD | NVME_FW_DNR },
	{ "prp1-unaligned", nvme_cmd_read, 0, 1, G_DATA + 1, 0, 1, 0,
	  NVME_SC_PRP_INVALID_OFFSET | NVME_FW_DNR },
	{ "prp1-unmapped", nvme_cmd_read, 0, 1, 0x2000, 0, 1, 0, NVME_SC_DATA_XFER_ERROR },
	{ "prp1-bar-like", nvme_cmd_write, 0, 1, 0xfebf0000, 0, 1, 0, NVME_SC_DATA_XFER_ERROR },
	{ "prp1-zero", nvme_cmd_read, 0, 1, 0, 0, 1, 0, NVME_SC_DATA_XFER_ERROR },
	{ "prp2-offset", nvme_cmd_read, 0, 16, G_DATA, G_DATA2 + 4, 1, 0,
	  NVME_SC_PRP_INVALID_OFFSET | NVME_FW_DNR },
	{ "prp2-zero", nvme_cmd_read, 0, 16, G_DATA, 0, 1, 0, NVME_SC_DATA_XFER_ERROR },
	{ "prp-list-unmapped", nvme_cmd_read, 0, 24, G_DATA, 0x4000, 1, 0,
	  NVME_SC_DATA_XFER_ERROR },
	{ "prp-list-unaligned", nvme_cmd_read, 0, 24, G_DATA, G_LIST + 4, 1, 0,
	  NVME_SC_PRP_INVALID_OFFSET | NVME_FW_DNR },
	{ "flush", nvme_cmd_flush, 0, 1, 0, 0, 1, 0, 0 },
	{ "flush-all", nvme_cmd_flush, 0, 1, 0, 0, NVME_NSID_ALL, 0, 0 },
};

static void iocase_desc(const struct iocase *q, char *desc)
{
	strscpy(desc, q->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(iocase, iocases, iocase_desc);

static void io_hostile_commands(struct kunit *test)
{
	const struct iocase *q = test->param_value;
	struct nvme_test *t = test_ready(test, 9);
	struct nvme_command c;
	u32 i;

	/* A list of valid data pages for the cases that reach one. */
	for (i = 0; i < 64; i++)
		((__le64 *)gptr(t, G_LIST))[i] = cpu_to_le64(G_DATA2 + 4096 * i);
	memset(t->vol, 0x5a, 8192);
	test_rw_cmd(&c, q->opcode, q->slba, q->nlb, q->prp1, q->prp2);
	c.rw.nsid = cpu_to_le32(q->nsid);
	c.common.flags = q->flags;
	KUNIT_EXPECT_EQ(test, test_cmd(t, 1, &c, NULL), q->status);
	/* A failed write changed nothing. */
	for (i = 0; i < 8192; i++)
		KUNIT_ASSERT_EQ(test, t->vol[i], 0x5a);
	/* The queue still works. */
	test_rw_cmd(&c, nvme_cmd_read, 0, 1, G_DATA, 0);
	KUNIT_EXPECT_EQ(test, test_cmd(t, 1, &c, NULL), 0);
}

/* A PRP list whose chain pointer points at itself, or at pointer slots. */
static void io_prp_list_loops(struct kunit *test)
{
	struct nvme_test *t = test_ready(test, 12);
	__le64 *l = gptr(t, G_LIST);
	struct nvme_command c;

	/*
	 * Two slots before the page end: one data page, then a pointer back
	 * to the same two slots. Each lap yields a page, so the walk is
	 * bounded by the transfer; on the lap where one page is left the
	 * last slot is a data entry, and the pointer is not page aligned.
	 */
	l[510] = cpu_to_le64(G_DATA2);
	l[511] = cpu_to_le64(G_LIST + 4080);
	test_rw_cmd(&c, nvme_cmd_read, 0, 32, G_DATA, G_LIST + 4080);
	KUNIT_EXPECT_EQ(test, test_cmd(t, 1, &c, NULL),
			NVME_SC_PRP_INVALID_OFFSET | NVME_FW_DNR);
	/* A list starting at the last slot holds only a pointer to itself. */
	l[511] = cpu_to_le64(G_LIST + 4088);
	test_rw_cmd(&c, nvme_cmd_read, 0, 32, G_DATA, G_LIST + 4088);
	KUNIT_EXPECT_EQ(test, test_cmd(t, 1, &c, NULL),
			NVME_SC_PRP_INVALID_OFFSET | NVME_FW_DNR);
}

static void sgl_desc(struct nvme_sgl_desc *d, u64 addr, u32 len, u8 type)
{
	d->addr = cpu_to_le64(addr);
	d->length = cpu_to_le32(len);
	memset(d->rsvd, 0, sizeof(d->rsvd));
	d->type = type << 4;
}

static u16 test_sgl_rw(struct nvme_test *t, u8 op, u32 nlb,
		       const struct nvme_sgl_desc *sgl1)
{
	struct nvme_command c;

	test_rw_cmd(&c, op, 0, nlb, 0, 0);
	c.common.flags = NVME_CMD_SGL_METABUF;
	c.rw.dptr.sgl = *sgl1;
	return test_cmd(t, 1, &c, NULL);
}

static void io_sgl(struct kunit *test)
{
	struct nvme_test *t = test_ready(test, 9);
	struct nvme_sgl_desc s1, *seg1 = gptr(t, G_LIST), *seg2 = gptr(t, G_LIST + 4096);
	u8 *src = kunit_kmalloc(test, 4096, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, src);
	fill(src, 4096, 21);
	/* One data block in the command. */
	memcpy(gptr(t, G_DATA + 3), src, 4096);
	sgl_desc(&s1, G_DATA + 3, 4096, NVME_SGL_FMT_DATA_DESC);
	KUNIT_ASSERT_EQ(test, test_sgl_rw(t, nvme_cmd_write, 8, &s1), 0);
	/* Read back through segment -> last segment, odd-sized pieces. */
	sgl_desc(&seg1[0], G_DATA2, 1000, NVME_SGL_FMT_DATA_DESC);
	sgl_desc(&seg1[1], G_DATA2 + 5000, 0, NVME_SGL_FMT_DATA_DESC);
	sgl_desc(&seg1[2], G_LIST + 4096, 32, NVME_SGL_FMT_LAST_SEG_DESC);
	sgl_desc(&seg2[0], G_DATA2 + 8192, 96, NVME_SGL_FMT_DATA_DESC);
	sgl_desc(&seg2[1], G_DATA2 + 16384 + 7, 3000, NVME_SGL_FMT_DATA_DESC);
	sgl_desc(&s1, G_LIST, 48, NVME_SGL_FMT_SEG_DESC);
	KUNIT_ASSERT_EQ(test, test_sgl_rw(t, nvme_cmd_read, 8, &s1), 0);
	KUNIT_EXPECT_EQ(test, memcmp(gptr(t, G_DATA2), src, 1000), 0);
	KUNIT_EXPECT_EQ(test, memcmp(gptr(t, G_DATA2 + 8192), src + 1000, 96), 0);
	KUNIT_EXPECT_EQ(test, memcmp(gptr(t, G_DATA2 + 16384 + 7), src + 1096,
				     3000), 0);

	/* Too little data, too much data. */
	sgl_desc(&s1, G_DATA, 4095, NVME_SGL_FMT_DATA_DESC);
	KUNIT_EXPECT_EQ(test, test_sgl_rw(t, nvme_cmd_read, 8, &s1),
			NVME_SC_SGL_INVALID_DATA | NVME_FW_DNR);
	sgl_desc(&s1, G_DATA, 4097, NVME_SGL_FMT_DATA_DESC);
	KUNIT_EXPECT_EQ(test, test_sgl_rw(t, nvme_cmd_read, 8, &s1),
			NVME_SC_SGL_INVALID_DATA | NVME_FW_DNR);
	/* Bit bucket, reserved types, non-address subtype. */
	sgl_desc(&s1, G_DATA, 4096, 1);
	KUNIT_EXPECT_EQ(test, test_sgl_rw(t, nvme_cmd_read, 8, &s1),
			NVME_SC_SGL_INVALID_TYPE | NVME_FW_DNR);
	sgl_desc(&s1, G_DATA, 4096, 0xe);
	KUNIT_EXPECT_EQ(test, test_sgl_rw(t, nvme_cmd_read, 8, &s1),
			NVME_SC_SGL_INVALID_TYPE | NVME_FW_DNR);
	sgl_desc(&s1, G_DATA, 4096, NVME_SGL_FMT_DATA_DESC);
	s1.type |= NVME_SGL_FMT_OFFSET;
	KUNIT_EXPECT_EQ(test, test_sgl_rw(t, nvme_cmd_read, 8, &s1),
			NVME_SC_SGL_INVALID_TYPE | NVME_FW_DNR);
	/* Segment lengths that are not whole descriptors, or zero. */
	sgl_desc(&s1, G_LIST, 40, NVME_SGL_FMT_SEG_DESC);
	KUNIT_EXPECT_EQ(test, test_sgl_rw(t, nvme_cmd_read, 8, &s1),
			NVME_SC_SGL_INVALID_COUNT | NVME_FW_DNR);
	sgl_desc(&s1, G_LIST, 0, NVME_SGL_FMT_LAST_SEG_DESC);
	KUNIT_EXPECT_EQ(test, test_sgl_rw(t, nvme_cmd_read, 8, &s1),
			NVME_SC_SGL_INVALID_COUNT | NVME_FW_DNR);
	/* A segment pointer that is not the last descriptor. */
	sgl_desc(&seg1[0], G_LIST + 4096, 16, NVME_SGL_FMT_SEG_DESC);
	sgl_desc(&seg1[1], G_DATA2, 4096, NVME_SGL_FMT_DATA_DESC);
	sgl_desc(&s1, G_LIST, 32, NVME_SGL_FMT_SEG_DESC);
	KUNIT_EXPECT_EQ(test, test_sgl_rw(t, nvme_cmd_read, 8, &s1),
			NVME_SC_SGL_INVALID_LAST | NVME_FW_DNR);
	/* Something after a Last Segment. */
	sgl_desc(&seg1[0], G_LIST, 16, NVME_SGL_FMT_SEG_DESC);
	sgl_desc(&s1, G_LIST, 16, NVME_SGL_FMT_LAST_SEG_DESC);
	KUNIT_EXPECT_EQ(test, test_sgl_rw(t, nvme_cmd_read, 8, &s1),
			NVME_SC_SGL_INVALID_LAST | NVME_FW_DNR);
	/* A segment that chains to itself forever. */
	sgl_desc(&s1, G_LIST, 16, NVME_SGL_FMT_SEG_DESC);
	KUNIT_EXPECT_EQ(test, test_sgl_rw(t, nvme_cmd_read, 8, &s1),
			NVME_SC_SGL_INVALID_COUNT | NVME_FW_DNR);
	/* A segment outside guest memory. */
	sgl_desc(&s1, 0x3000, 16, NVME_SGL_FMT_SEG_DESC);
	KUNIT_EXPECT_EQ(test, test_sgl_rw(t, nvme_cmd_read, 8, &s1),
			(u16)NVME_SC_DATA_XFER_ERROR);
	/* Thousands of zero-length blocks. */
	memset(seg1, 0, 4096);
	sgl_desc(&s1, G_LIST, 4096 * 32, NVME_SGL_FMT_LAST_SEG_DESC);
	KUNIT_EXPECT_EQ(test, test_sgl_rw(t, nvme_cmd_read, 8, &s1),
			NVME_SC_SGL_INVALID_COUNT | NVME_FW_DNR);
}

static void io_write_zeroes_dsm(struct kunit *test)
{
	struct nvme_test *t = test_ready(test, 12);
	struct nvme_dsm_range *r = gptr(t, G_LIST);
	struct nvme_command c;
	u8 *p = gptr(t, G_DATA);
	int i;

	fill(p, 4096, 1);
	test_rw_cmd(&c, nvme_cmd_write, 5, 1, G_DATA, 0);
	KUNIT_ASSERT_EQ(test, test_cmd(t, 1, &c, NULL), 0);
	test_rw_cmd(&c, nvme_cmd_write_zeroes, 4, 3, 0, 0);
	KUNIT_ASSERT_EQ(test, test_cmd(t, 1, &c, NULL), 0);
	/* Zeroes are encrypted like any data... */
	for (i = 0; i < 16; i++)
		if (t->vol[5 * 4096 + i])
			break;
	KUNIT_EXPECT_LT(test, i, 16);
	/* ...and read back as zeroes. */
	test_rw_cmd(&c, nvme_cmd_read, 5, 1, G_DATA, 0);
	KUNIT_ASSERT_EQ(test, test_cmd(t, 1, &c, NULL), 0);
	for (i = 0; i < 4096; i++)
		KUNIT_ASSERT_EQ(test, p[i], 0);
	test_rw_cmd(&c, nvme_cmd_write_zeroes, VOL_BLOCKS_512 / 8 - 1, 2, 0, 0);
	KUNIT_EXPECT_EQ(test, test_cmd(t, 1, &c, NULL),
			NVME_SC_LBA_RANGE | NVME_FW_DNR);

	/* Dataset Management: ranges are checked, deallocate is advisory. */
	memset(r, 0, 64);
	r[0].slba = cpu_to_le64(1);
	r[0].nlb = cpu_to_le32(4);
	r[1].slba = cpu_to_le64(10);
	r[1].nlb = cpu_to_le32(1);
	memset(&c, 0, sizeof(c));
	c.dsm.opcode = nvme_cmd_dsm;
	c.dsm.nsid = cpu_to_le32(1);
	c.dsm.nr = cpu_to_le32(1);
	c.dsm.attributes = cpu_to_le32(NVME_DSMGMT_AD);
	c.dsm.dptr.prp1 = cpu_to_le64(G_LIST);
	KUNIT_EXPECT_EQ(test, test_cmd(t, 1, &c, NULL), 0);
	r[1].slba = cpu_to_le64(VOL_BLOCKS_512 / 8);
	KUNIT_EXPECT_EQ(test, test_cmd(t, 1, &c, NULL),
			NVME_SC_LBA_RANGE | NVME_FW_DNR);
}

struct errmap {
	int err;
	bool write;
	u16 status;
};

static const struct errmap errmaps[] = {
	{ -EIO, true, NVME_SC_WRITE_FAULT },
	{ -EIO, false, NVME_SC_READ_ERROR },
	{ -ENOSPC, true, NVME_SC_CAP_EXCEEDED | NVME_FW_DNR },
	{ -EROFS, true, NVME_SC_NS_WRITE_PROTECTED | NVME_FW_DNR },
	{ -EACCES, false, NVME_SC_ACCESS_DENIED | NVME_FW_DNR },
	{ -ENOMEM, true, NVME_SC_INTERNAL },
	{ -EAGAIN, false, NVME_SC_INTERNAL },
	{ -ENODEV, false, NVME_SC_NS_NOT_READY | NVME_FW_DNR },
	{ -EFAULT, true, NVME_SC_DATA_XFER_ERROR },
	{ -ENODATA, false, NVME_SC_READ_ERROR },
};

static void errmap_desc(const struct errmap *e, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s-errno-%d",
		 e->write ? "write" : "read", -e->err);
}

KUNIT_ARRAY_PARAM(errmap, errmaps, errmap_desc);

/* A backend error reaches the guest as the mapped status, counted. */
static void io_backend_errors(struct kunit *test)
{
	const struct errmap *e = test->param_value;
	struct nvme_test *t = test_ready(test, 9);
	bool media = e->status == NVME_SC_WRITE_FAULT ||
		     e->status == NVME_SC_READ_ERROR;
	struct nvme_command c;

	KUNIT_EXPECT_EQ(test, nvme_fw_errno_to_status(e->err, e->write), e->status);
	t->fail_next = e->err;
	test_rw_cmd(&c, e->write ? nvme_cmd_write : nvme_cmd_read, 0, 1, G_DATA, 0);
	KUNIT_EXPECT_EQ(test, test_cmd(t, 1, &c, NULL), e->status);
	KUNIT_EXPECT_EQ(test, t->ctrl.stats.media_errors, media ? 1ull : 0ull);
	KUNIT_EXPECT_EQ(test, t->ctrl.stats.err_log_count, 1ull);
}

static void io_flush_error(struct kunit *test)
{
	struct nvme_test *t = test_ready(test, 9);
	struct nvme_command c;

	t->fail_next = -EIO;
	test_rw_cmd(&c, nvme_cmd_flush, 0, 1, 0, 0);
	KUNIT_EXPECT_EQ(test, test_cmd(t, 1, &c, NULL), (u16)NVME_SC_WRITE_FAULT);
}

/* Disable (CC.EN 0), enable again, recreate I/O pair 1, forget old CQEs. */
static void test_reenable(struct kunit *test, struct nvme_test *t)
{
	reg_write32(t, NVME_REG_CC, 0);
	memset(gptr(t, G_ASQ), 0, G_DATA - G_ASQ);
	memset(t->sq_tail, 0, sizeof(t->sq_tail));
	memset(t->cq_head, 0, sizeof(t->cq_head));
	t->phase[0] = 1;
	t->phase[1] = 1;
	test_enable(test, t);
	test_ioq(test, t);
}

/*
 * The key's life: kept over the guest's own CC.EN toggle; gone with the
 * controller's RESET of the function (nvme_fw_ctrl_rekey(NULL)), after
 * which no command moves data either way; back with a new key.
 */
static void io_key_reset(struct kunit *test)
{
	struct nvme_test *t = test_ready(test, 9);
	u8 *p = gptr(t, G_DATA), *plain, *cipher;
	struct nvme_fw_xts *x;
	struct nvme_command c;
	u8 key2[64];

	plain = kunit_kmalloc(test, 4096, GFP_KERNEL);
	cipher = kunit_kmalloc(test, 4096, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, plain);
	KUNIT_ASSERT_NOT_NULL(test, cipher);
	fill(p, 4096, 3);
	memcpy(plain, p, 4096);
	test_rw_cmd(&c, nvme_cmd_write, 8, 8, G_DATA, 0);
	KUNIT_ASSERT_EQ(test, test_cmd(t, 1, &c, NULL), 0);
	memcpy(cipher, t->vol + 8 * 512, 4096);

	test_reenable(test, t);
	memset(p, 0, 4096);
	test_rw_cmd(&c, nvme_cmd_read, 8, 8, G_DATA, 0);
	KUNIT_ASSERT_EQ(test, test_cmd(t, 1, &c, NULL), 0);
	KUNIT_EXPECT_EQ(test, memcmp(p, plain, 4096), 0);

	x = t->ctrl.ns.xts;
	nvme_fw_ctrl_rekey(&t->ctrl, NULL);
	nvme_fw_xts_destroy(x);
	KUNIT_EXPECT_PTR_EQ(test, t->ctrl.ns.xts, (struct nvme_fw_xts *)NULL);
	KUNIT_EXPECT_EQ(test, reg_read32(t, NVME_REG_CC), 0u);
	KUNIT_EXPECT_EQ(test, reg_read32(t, NVME_REG_CSTS), 0u);
	KUNIT_EXPECT_PTR_EQ(test, t->ctrl.sq[1], (struct nvme_fw_sq *)NULL);
	test_reenable(test, t);
	memset(p, 0, 4096);
	test_rw_cmd(&c, nvme_cmd_read, 8, 8, G_DATA, 0);
	KUNIT_EXPECT_EQ(test, test_cmd(t, 1, &c, NULL),
			NVME_SC_NS_NOT_READY | NVME_FW_DNR);
	KUNIT_EXPECT_FALSE(test, memchr_inv(p, 0, 4096));
	fill(p, 4096, 4);
	test_rw_cmd(&c, nvme_cmd_write, 8, 8, G_DATA, 0);
	KUNIT_EXPECT_EQ(test, test_cmd(t, 1, &c, NULL),
			NVME_SC_NS_NOT_READY | NVME_FW_DNR);
	KUNIT_EXPECT_EQ(test, memcmp(t->vol + 8 * 512, cipher, 4096), 0);

	x = nvme_fw_xts_create(t->key, sizeof(t->key));
	KUNIT_ASSERT_FALSE(test, IS_ERR(x));
	nvme_fw_ctrl_rekey(&t->ctrl, x);
	test_reenable(test, t);
	test_rw_cmd(&c, nvme_cmd_read, 8, 8, G_DATA, 0);
	KUNIT_ASSERT_EQ(test, test_cmd(t, 1, &c, NULL), 0);
	KUNIT_EXPECT_EQ(test, memcmp(p, plain, 4096), 0);

	memcpy(key2, t->key, sizeof(key2));
	key2[0] ^= 1;
	x = nvme_fw_xts_create(key2, sizeof(key2));
	KUNIT_ASSERT_FALSE(test, IS_ERR(x));
	nvme_fw_xts_destroy(t->ctrl.ns.xts);
	nvme_fw_ctrl_rekey(&t->ctrl, x);
	test_reenable(test, t);
	test_rw_cmd(&c, nvme_cmd_read, 8, 8, G_DATA, 0);
	KUNIT_ASSERT_EQ(test, test_cmd(t, 1, &c, NULL), 0);
	KUNIT_EXPECT_NE(test, memcmp(p, plain, 4096), 0);
}

static struct kunit_case nitro_nvme_io_cases[] = {
	KUNIT_CASE_PARAM(io_write_read_encrypted, lba_gen_params),
	KUNIT_CASE_PARAM(io_reads_dm_crypt_volume, lba_gen_params),
	KUNIT_CASE(io_prp_list_chained),
	KUNIT_CASE_PARAM(io_hostile_commands, iocase_gen_params),
	KUNIT_CASE(io_prp_list_loops),
	KUNIT_CASE(io_sgl),
	KUNIT_CASE(io_write_zeroes_dsm),
	KUNIT_CASE_PARAM(io_backend_errors, errmap_gen_params),
	KUNIT_CASE(io_flush_error),
	KUNIT_CASE(io_key_reset),
	{}
};

static struct kunit_suite nitro_nvme_io_suite = {
	.name = "nitro_nvme_io",
	.exit = test_exit,
	.test_cases = nitro_nvme_io_cases,
};

/* nitro_nvme_queue: doorbells, CQ flow control, events, interrupts ------ */

static void queue_cq_full_never_consumed(struct kunit *test)
{
	struct nvme_test *t = test_ready(test, 9);
	struct nvme_completion cqe;
	struct nvme_command c;
	int i, n = 0;

	/* 70 reads into a 64-entry CQ the guest does not drain: 63 fit. */
	for (i = 0; i < 63; i++) {
		test_rw_cmd(&c, nvme_cmd_read, i, 1, G_DATA, 0);
		test_queue_cmd(t, 1, &c);
	}
	test_ring(t, 1);
	for (i = 0; i < 7; i++) {
		test_rw_cmd(&c, nvme_cmd_read, i, 1, G_DATA, 0);
		test_queue_cmd(t, 1, &c);
	}
	test_ring(t, 1);
	KUNIT_EXPECT_TRUE(test, t->ctrl.sq[1]->stalled);
	KUNIT_EXPECT_EQ(test, t->ctrl.stats.read_cmds, 63ull);
	/* Reap without ringing: all 63 CQEs are intact and in order. */
	while (test_reap(t, 1, &cqe, false)) {
		KUNIT_ASSERT_EQ(test, cqe.command_id, (u16)(0x100 + n));
		KUNIT_ASSERT_EQ(test, le16_to_cpu(cqe.status) >> 1, 0);
		n++;
	}
	KUNIT_EXPECT_EQ(test, n, 63);
	/* Moving the head restarts the SQ. */
	nvme_fw_doorbell(&t->ctrl, 3, t->cq_head[1]);
	KUNIT_EXPECT_FALSE(test, t->ctrl.sq[1]->stalled);
	KUNIT_EXPECT_EQ(test, t->ctrl.stats.read_cmds, 70ull);
	while (test_reap(t, 1, &cqe, false))
		n++;
	KUNIT_EXPECT_EQ(test, n, 70);
}

static u32 test_aer_result(struct nvme_test *t, u16 *cid)
{
	struct nvme_completion cqe;

	if (!test_reap(t, 0, &cqe, true))
		return 0;
	*cid = cqe.command_id;
	return le32_to_cpu(cqe.result.u32);
}

static void queue_bad_doorbells_raise_events(struct kunit *test)
{
	struct nvme_test *t = test_ready(test, 9);
	struct nvme_command c = {};
	u16 cid = 0;
	u32 sqid_before;

	/* Park one AER. */
	c.common.opcode = nvme_admin_async_event;
	KUNIT_ASSERT_EQ(test, test_admin(t, &c, NULL), NO_CQE);
	KUNIT_EXPECT_EQ(test, t->ctrl.nr_aer, 1u);
	sqid_before = t->sq_tail[0] - 1;

	/* A doorbell of a queue that does not exist. */
	nvme_fw_doorbell(&t->ctrl, 2 * 3, 1);
	KUNIT_EXPECT_EQ(test, test_aer_result(t, &cid),
			(u32)(NVME_AER_ERROR | 0x00 << 8 | NVME_LOG_ERROR << 16));
	KUNIT_EXPECT_EQ(test, cid, (u16)(0x100 + sqid_before));
	KUNIT_EXPECT_EQ(test, t->ctrl.stats.invalid_doorbells, 1ull);

	/* Further error events are masked until the log is read. */
	nvme_fw_doorbell(&t->ctrl, 2 * 1, IO_Q);	/* tail past the queue */
	nvme_fw_doorbell(&t->ctrl, 2 * 1 + 1, 5);	/* head past the tail */
	nvme_fw_doorbell(&t->ctrl, 1000, 0);		/* beyond every queue */
	nvme_fw_doorbell(&t->ctrl, ~0u, 0);
	KUNIT_EXPECT_EQ(test, t->ctrl.stats.invalid_doorbells, 5ull);
	KUNIT_EXPECT_EQ(test, t->ctrl.nr_events, 0u);
	KUNIT_EXPECT_EQ(test, t->ctrl.sq[1]->tail, 0u);
	KUNIT_EXPECT_EQ(test, t->ctrl.cq[1]->head, 0u);

	/* Reading the error log re-arms; the next event waits for an AER. */
	KUNIT_ASSERT_EQ(test, test_log(t, NVME_LOG_ERROR, 64, 0, 0), 0);
	nvme_fw_doorbell(&t->ctrl, 2 * 1, IO_Q + 5);
	KUNIT_EXPECT_EQ(test, t->ctrl.nr_events, 1u);
	c.common.opcode = nvme_admin_async_event;
	test_queue_cmd(t, 0, &c);
	test_ring(t, 0);
	KUNIT_EXPECT_EQ(test, test_aer_result(t, &cid),
			(u32)(NVME_AER_ERROR | 0x01 << 8 | NVME_LOG_ERROR << 16));
	KUNIT_EXPECT_EQ(test, t->ctrl.nr_events, 0u);
	/* The I/O queue still works. */
	test_rw_cmd(&c, nvme_cmd_read, 0, 1, G_DATA, 0);
	KUNIT_EXPECT_EQ(test, test_cmd(t, 1, &c, NULL), 0);
}

static void queue_aer_flood(struct kunit *test)
{
	struct nvme_test *t = test_ready(test, 9);
	struct nvme_completion cqe;
	struct nvme_command c = {};
	int i, limit = 0, round;

	c.common.opcode = nvme_admin_async_event;
	/* 4000 AERs, 31 at a time (the admin SQ holds 32 entries). */
	for (round = 0; round < 129; round++) {
		for (i = 0; i < 31; i++)
			test_queue_cmd(t, 0, &c);
		test_ring(t, 0);
		while (test_reap(t, 0, &cqe, true)) {
			KUNIT_ASSERT_EQ(test, le16_to_cpu(cqe.status) >> 1,
					NVME_SC_ASYNC_LIMIT | NVME_FW_DNR);
			limit++;
		}
	}
	KUNIT_EXPECT_EQ(test, t->ctrl.nr_aer, NVME_FW_AERL + 1u);
	KUNIT_EXPECT_EQ(test, limit, 129 * 31 - (NVME_FW_AERL + 1));
	/* Disabling the controller drops the parked ones. */
	reg_write32(t, NVME_REG_CC, 0x00460000);
	KUNIT_EXPECT_EQ(test, t->ctrl.nr_aer, 0u);
}

static void queue_bar_past_doorbells(struct kunit *test)
{
	struct nvme_test *t = test_ready(test, 9);

	nvme_fw_bar_write(&t->ctrl, 0x1f00, 4, 1);
	KUNIT_EXPECT_EQ(test, t->ctrl.stats.invalid_doorbells, 1ull);
	KUNIT_EXPECT_EQ(test, nvme_fw_bar_read(&t->ctrl, 0x1000, 4), 0ull);
}

static void queue_interrupt_coalescing(struct kunit *test)
{
	struct nvme_test *t = test_ready(test, 9);
	struct nvme_command c;
	u32 res;
	int i;

	/* Aggregation threshold 4 (0-based 3), time 0: at batch end. */
	KUNIT_ASSERT_EQ(test, test_feature(t, nvme_admin_set_features,
					   NVME_FEAT_IRQ_COALESCE, 3, &res), 0);
	for (i = 0; i < 10; i++) {
		test_rw_cmd(&c, nvme_cmd_read, i, 1, G_DATA, 0);
		test_queue_cmd(t, 1, &c);
	}
	test_ring(t, 1);
	/* 4, 8, then the batch end with 2 left over. */
	KUNIT_EXPECT_EQ(test, t->irqs[1], 3u);
	/* Coalescing disabled on vector 1: one interrupt per CQE. */
	KUNIT_ASSERT_EQ(test, test_feature(t, nvme_admin_set_features,
					   NVME_FEAT_IRQ_CONFIG, 1 | BIT(16), &res), 0);
	for (i = 0; i < 5; i++) {
		test_rw_cmd(&c, nvme_cmd_read, i, 1, G_DATA, 0);
		test_queue_cmd(t, 1, &c);
	}
	test_ring(t, 1);
	KUNIT_EXPECT_EQ(test, t->irqs[1], 8u);
	/* The admin queue is never coalesced. */
	KUNIT_EXPECT_EQ(test, t->irqs[0], 5u);
}

/* Shadow doorbells: EventIdx follows, the shadow tail is honoured. */
static void queue_shadow_doorbells(struct kunit *test)
{
	struct nvme_test *t = test_ready(test, 9);
	__le32 *dbs = gptr(t, G_DATA2), *eis = gptr(t, G_DATA2 + 4096);
	struct nvme_completion cqe;
	struct nvme_command c = {};

	c.dbbuf.opcode = nvme_admin_dbbuf;
	c.dbbuf.prp1 = cpu_to_le64(G_DATA2);
	c.dbbuf.prp2 = cpu_to_le64(G_DATA2 + 4096);
	KUNIT_ASSERT_EQ(test, test_admin(t, &c, NULL), 0);
	/* Two commands; the shadow says 2 but the MMIO write only 1. */
	test_rw_cmd(&c, nvme_cmd_read, 0, 1, G_DATA, 0);
	test_queue_cmd(t, 1, &c);
	test_queue_cmd(t, 1, &c);
	dbs[2] = cpu_to_le32(2);
	nvme_fw_doorbell(&t->ctrl, 2, 1);
	KUNIT_EXPECT_EQ(test, t->ctrl.stats.read_cmds, 2ull);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(eis[2]), 2u);
	KUNIT_ASSERT_TRUE(test, test_reap(t, 1, &cqe, false));
	KUNIT_ASSERT_TRUE(test, test_reap(t, 1, &cqe, false));
	dbs[3] = cpu_to_le32(2);
	nvme_fw_doorbell(&t->ctrl, 3, 2);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(eis[3]), 2u);
	KUNIT_EXPECT_EQ(test, t->ctrl.cq[1]->head, 2u);
}

static void queue_delete_and_recreate(struct kunit *test)
{
	struct nvme_test *t = test_ready(test, 9);
	struct nvme_command c = {};

	c.delete_queue.opcode = nvme_admin_delete_sq;
	c.delete_queue.qid = cpu_to_le16(1);
	KUNIT_ASSERT_EQ(test, test_admin(t, &c, NULL), 0);
	/* Its doorbell is now an invalid one. */
	nvme_fw_doorbell(&t->ctrl, 2, 1);
	KUNIT_EXPECT_EQ(test, t->ctrl.stats.invalid_doorbells, 1ull);
	c.delete_queue.opcode = nvme_admin_delete_cq;
	KUNIT_ASSERT_EQ(test, test_admin(t, &c, NULL), 0);
	KUNIT_EXPECT_NULL(test, t->ctrl.cq[1]);
	KUNIT_EXPECT_EQ(test, test_admin(t, &c, NULL),
			NVME_SC_QID_INVALID | NVME_FW_DNR);
}

static struct kunit_case nitro_nvme_queue_cases[] = {
	KUNIT_CASE(queue_cq_full_never_consumed),
	KUNIT_CASE(queue_bad_doorbells_raise_events),
	KUNIT_CASE(queue_aer_flood),
	KUNIT_CASE(queue_bar_past_doorbells),
	KUNIT_CASE(queue_interrupt_coalescing),
	KUNIT_CASE(queue_shadow_doorbells),
	KUNIT_CASE(queue_delete_and_recreate),
	{}
};

static struct kunit_suite nitro_nvme_queue_suite = {
	.name = "nitro_nvme_queue",
	.exit = test_exit,
	.test_cases = nitro_nvme_queue_cases,
};

kunit_test_suites(&nitro_nvme_xts_suite, &nitro_nvme_regs_suite,
		  &nitro_nvme_admin_suite, &nitro_nvme_io_suite,
		  &nitro_nvme_queue_suite);
