// SPDX-License-Identifier: GPL-2.0
/*
 * nitro_nvme_io: NVM commands, PRPs, SGLs, encryption, backend errors, keys.
 */
#include <linux/slab.h>
#include <asm/unaligned.h>

#include "nvme_fw_test.h"

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
	struct nvme_test *t = nvt_ready(test, shift);
	u32 nlb = 8192 >> shift, len = nlb << shift;
	u64 slba = 3;
	struct nvme_command c;
	u8 *plain, *expect;

	plain = kunit_kmalloc(test, len, GFP_KERNEL);
	expect = kunit_kmalloc(test, len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, plain);
	KUNIT_ASSERT_NOT_NULL(test, expect);
	nvt_fill(plain, len, shift);
	memcpy(nvt_gptr(t, G_DATA), plain, 4096);
	memcpy(nvt_gptr(t, G_DATA2), plain + 4096, len - 4096);
	nvt_rw_cmd(&c, nvme_cmd_write, slba, nlb, G_DATA, G_DATA2);
	KUNIT_ASSERT_EQ(test, nvt_cmd(t, 1, &c, NULL), 0);
	KUNIT_EXPECT_EQ(test, t->irqs[1], 1u);

	/* The backend never sees plaintext: it holds XTS-plain64 output. */
	memcpy(expect, plain, len);
	nvt_ref_xts(test, t->key, slba << (shift - 9), expect, len, true);
	KUNIT_EXPECT_EQ(test, memcmp(t->vol + (slba << shift), expect, len), 0);
	KUNIT_EXPECT_NE(test, memcmp(t->vol + (slba << shift), plain, 512), 0);

	/* Read back through the device. */
	memset(nvt_gptr(t, G_DATA), 0, 4096);
	memset(nvt_gptr(t, G_DATA2), 0, 4096);
	nvt_rw_cmd(&c, nvme_cmd_read, slba, nlb, G_DATA, G_DATA2);
	KUNIT_ASSERT_EQ(test, nvt_cmd(t, 1, &c, NULL), 0);
	KUNIT_EXPECT_EQ(test, memcmp(nvt_gptr(t, G_DATA), plain, 4096), 0);
	KUNIT_EXPECT_EQ(test, memcmp(nvt_gptr(t, G_DATA2), plain + 4096, len - 4096), 0);
}

/* Ciphertext written by dm-crypt (the reference) reads back as plaintext. */
static void io_reads_dm_crypt_volume(struct kunit *test)
{
	u8 shift = *(const u8 *)test->param_value;
	struct nvme_test *t = nvt_ready(test, shift);
	u8 *plain = kunit_kmalloc(test, 4096, GFP_KERNEL);
	struct nvme_command c;
	u64 slba = 40 >> (shift - 9);

	KUNIT_ASSERT_NOT_NULL(test, plain);
	nvt_fill(plain, 4096, 77);
	memcpy(t->vol + (slba << shift), plain, 4096);
	nvt_ref_xts(test, t->key, slba << (shift - 9), t->vol + (slba << shift),
		    4096, true);
	nvt_rw_cmd(&c, nvme_cmd_read, slba, 4096 >> shift, G_DATA, 0);
	KUNIT_ASSERT_EQ(test, nvt_cmd(t, 1, &c, NULL), 0);
	KUNIT_EXPECT_EQ(test, memcmp(nvt_gptr(t, G_DATA), plain, 4096), 0);
}

/* A 128 KiB (MDTS) transfer through a two-page chained PRP list. */
static void io_prp_list_chained(struct kunit *test)
{
	struct nvme_test *t = nvt_ready(test, 12);
	u32 len = NVME_FW_MAX_XFER, npages = len / 4096, i;
	__le64 *l1 = nvt_gptr(t, G_LIST + 4096 - 16);	/* 2 entries left */
	__le64 *l2 = nvt_gptr(t, G_LIST + 8192);
	struct nvme_command c;
	u8 *src;

	src = kunit_kmalloc(test, len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, src);
	nvt_fill(src, len, 9);
	/* Data page i at G_DATA + 2 * 4096 * i: nothing contiguous. */
	for (i = 0; i < npages; i++)
		memcpy(nvt_gptr(t, G_DATA + 8192ull * i), src + 4096 * i, 4096);
	/* PRP1: page 0; list 1: page 1, then a pointer to list 2. */
	l1[0] = cpu_to_le64(G_DATA + 8192);
	l1[1] = cpu_to_le64(G_LIST + 8192);
	for (i = 2; i < npages; i++)
		l2[i - 2] = cpu_to_le64(G_DATA + 8192ull * i);
	nvt_rw_cmd(&c, nvme_cmd_write, 0, npages, G_DATA,
		   G_LIST + 4096 - 16);
	KUNIT_ASSERT_EQ(test, nvt_cmd(t, 1, &c, NULL), 0);
	/* Read it back contiguously through a single-page list. */
	for (i = 1; i < npages; i++)
		l2[i - 1] = cpu_to_le64(G_DATA2 + 4096ull * i);
	memset(nvt_gptr(t, G_DATA2), 0, len);
	nvt_rw_cmd(&c, nvme_cmd_read, 0, npages, G_DATA2, G_LIST + 8192);
	KUNIT_ASSERT_EQ(test, nvt_cmd(t, 1, &c, NULL), 0);
	KUNIT_EXPECT_EQ(test, memcmp(nvt_gptr(t, G_DATA2), src, len), 0);
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
	struct nvme_test *t = nvt_ready(test, 9);
	struct nvme_command c;
	u32 i;

	/* A list of valid data pages for the cases that reach one. */
	for (i = 0; i < 64; i++)
		((__le64 *)nvt_gptr(t, G_LIST))[i] = cpu_to_le64(G_DATA2 + 4096 * i);
	memset(t->vol, 0x5a, 8192);
	nvt_rw_cmd(&c, q->opcode, q->slba, q->nlb, q->prp1, q->prp2);
	c.rw.nsid = cpu_to_le32(q->nsid);
	c.common.flags = q->flags;
	KUNIT_EXPECT_EQ(test, nvt_cmd(t, 1, &c, NULL), q->status);
	/* A failed write changed nothing. */
	for (i = 0; i < 8192; i++)
		KUNIT_ASSERT_EQ(test, t->vol[i], 0x5a);
	/* The queue still works. */
	nvt_rw_cmd(&c, nvme_cmd_read, 0, 1, G_DATA, 0);
	KUNIT_EXPECT_EQ(test, nvt_cmd(t, 1, &c, NULL), 0);
}

/* A PRP list whose chain pointer points at itself, or at pointer slots. */
static void io_prp_list_loops(struct kunit *test)
{
	struct nvme_test *t = nvt_ready(test, 12);
	__le64 *l = nvt_gptr(t, G_LIST);
	struct nvme_command c;

	/*
	 * Two slots before the page end: one data page, then a pointer back
	 * to the same two slots. Each lap yields a page, so the walk is
	 * bounded by the transfer; on the lap where one page is left the
	 * last slot is a data entry, and the pointer is not page aligned.
	 */
	l[510] = cpu_to_le64(G_DATA2);
	l[511] = cpu_to_le64(G_LIST + 4080);
	nvt_rw_cmd(&c, nvme_cmd_read, 0, 32, G_DATA, G_LIST + 4080);
	KUNIT_EXPECT_EQ(test, nvt_cmd(t, 1, &c, NULL),
			NVME_SC_PRP_INVALID_OFFSET | NVME_FW_DNR);
	/* A list starting at the last slot holds only a pointer to itself. */
	l[511] = cpu_to_le64(G_LIST + 4088);
	nvt_rw_cmd(&c, nvme_cmd_read, 0, 32, G_DATA, G_LIST + 4088);
	KUNIT_EXPECT_EQ(test, nvt_cmd(t, 1, &c, NULL),
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

	nvt_rw_cmd(&c, op, 0, nlb, 0, 0);
	c.common.flags = NVME_CMD_SGL_METABUF;
	c.rw.dptr.sgl = *sgl1;
	return nvt_cmd(t, 1, &c, NULL);
}

static void io_sgl(struct kunit *test)
{
	struct nvme_test *t = nvt_ready(test, 9);
	struct nvme_sgl_desc s1, *seg1 = nvt_gptr(t, G_LIST), *seg2 = nvt_gptr(t, G_LIST + 4096);
	u8 *src = kunit_kmalloc(test, 4096, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, src);
	nvt_fill(src, 4096, 21);
	/* One data block in the command. */
	memcpy(nvt_gptr(t, G_DATA + 3), src, 4096);
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
	KUNIT_EXPECT_EQ(test, memcmp(nvt_gptr(t, G_DATA2), src, 1000), 0);
	KUNIT_EXPECT_EQ(test, memcmp(nvt_gptr(t, G_DATA2 + 8192), src + 1000, 96), 0);
	KUNIT_EXPECT_EQ(test, memcmp(nvt_gptr(t, G_DATA2 + 16384 + 7), src + 1096,
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
	struct nvme_test *t = nvt_ready(test, 12);
	struct nvme_dsm_range *r = nvt_gptr(t, G_LIST);
	struct nvme_command c;
	u8 *p = nvt_gptr(t, G_DATA);
	int i;

	nvt_fill(p, 4096, 1);
	nvt_rw_cmd(&c, nvme_cmd_write, 5, 1, G_DATA, 0);
	KUNIT_ASSERT_EQ(test, nvt_cmd(t, 1, &c, NULL), 0);
	nvt_rw_cmd(&c, nvme_cmd_write_zeroes, 4, 3, 0, 0);
	KUNIT_ASSERT_EQ(test, nvt_cmd(t, 1, &c, NULL), 0);
	/* Zeroes are encrypted like any data... */
	for (i = 0; i < 16; i++)
		if (t->vol[5 * 4096 + i])
			break;
	KUNIT_EXPECT_LT(test, i, 16);
	/* ...and read back as zeroes. */
	nvt_rw_cmd(&c, nvme_cmd_read, 5, 1, G_DATA, 0);
	KUNIT_ASSERT_EQ(test, nvt_cmd(t, 1, &c, NULL), 0);
	for (i = 0; i < 4096; i++)
		KUNIT_ASSERT_EQ(test, p[i], 0);
	nvt_rw_cmd(&c, nvme_cmd_write_zeroes, VOL_BLOCKS_512 / 8 - 1, 2, 0, 0);
	KUNIT_EXPECT_EQ(test, nvt_cmd(t, 1, &c, NULL),
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
	KUNIT_EXPECT_EQ(test, nvt_cmd(t, 1, &c, NULL), 0);
	r[1].slba = cpu_to_le64(VOL_BLOCKS_512 / 8);
	KUNIT_EXPECT_EQ(test, nvt_cmd(t, 1, &c, NULL),
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
	struct nvme_test *t = nvt_ready(test, 9);
	bool media = e->status == NVME_SC_WRITE_FAULT ||
		     e->status == NVME_SC_READ_ERROR;
	struct nvme_error_slot *slot;
	struct nvme_command c;

	KUNIT_EXPECT_EQ(test, nvme_fw_errno_to_status(e->err, e->write), e->status);
	t->fail_next = e->err;
	nvt_rw_cmd(&c, e->write ? nvme_cmd_write : nvme_cmd_read, 77, 1, G_DATA, 0);
	KUNIT_EXPECT_EQ(test, nvt_cmd(t, 1, &c, NULL), e->status);
	KUNIT_EXPECT_EQ(test, t->ctrl.stats.media_errors, media ? 1ull : 0ull);
	KUNIT_EXPECT_EQ(test, t->ctrl.stats.err_log_count, 1ull);
	/* The Error Information entry names the queue, command, status, LBA. */
	KUNIT_ASSERT_EQ(test, nvt_log(t, NVME_LOG_ERROR, 64, 0, 0), 0);
	slot = nvt_gptr(t, G_DATA);
	KUNIT_EXPECT_EQ(test, le64_to_cpu(slot->error_count), 1ull);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(slot->sqid), 1);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(slot->status_field) >> 1, e->status);
	KUNIT_EXPECT_EQ(test, le64_to_cpu(slot->lba), 77ull);
}

static void io_flush_error(struct kunit *test)
{
	struct nvme_test *t = nvt_ready(test, 9);
	struct nvme_command c;

	t->fail_next = -EIO;
	nvt_rw_cmd(&c, nvme_cmd_flush, 0, 1, 0, 0);
	KUNIT_EXPECT_EQ(test, nvt_cmd(t, 1, &c, NULL), (u16)NVME_SC_WRITE_FAULT);
}

/*
 * The key's life: kept over the guest's own CC.EN toggle; gone with the
 * controller's RESET of the function (nvme_fw_ctrl_rekey(NULL)), after
 * which no command moves data either way; back with a new key.
 */
static void io_key_reset(struct kunit *test)
{
	struct nvme_test *t = nvt_ready(test, 9);
	u8 *p = nvt_gptr(t, G_DATA), *plain, *cipher;
	struct nvme_fw_xts *x;
	struct nvme_command c;
	u8 key2[64];

	plain = kunit_kmalloc(test, 4096, GFP_KERNEL);
	cipher = kunit_kmalloc(test, 4096, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, plain);
	KUNIT_ASSERT_NOT_NULL(test, cipher);
	nvt_fill(p, 4096, 3);
	memcpy(plain, p, 4096);
	nvt_rw_cmd(&c, nvme_cmd_write, 8, 8, G_DATA, 0);
	KUNIT_ASSERT_EQ(test, nvt_cmd(t, 1, &c, NULL), 0);
	memcpy(cipher, t->vol + 8 * 512, 4096);

	nvt_reenable(test, t);
	memset(p, 0, 4096);
	nvt_rw_cmd(&c, nvme_cmd_read, 8, 8, G_DATA, 0);
	KUNIT_ASSERT_EQ(test, nvt_cmd(t, 1, &c, NULL), 0);
	KUNIT_EXPECT_EQ(test, memcmp(p, plain, 4096), 0);

	x = t->ctrl.ns.xts;
	nvme_fw_ctrl_rekey(&t->ctrl, NULL);
	nvme_fw_xts_destroy(x);
	KUNIT_EXPECT_PTR_EQ(test, t->ctrl.ns.xts, (struct nvme_fw_xts *)NULL);
	KUNIT_EXPECT_EQ(test, nvt_reg_read32(t, NVME_REG_CC), 0u);
	KUNIT_EXPECT_EQ(test, nvt_reg_read32(t, NVME_REG_CSTS), 0u);
	KUNIT_EXPECT_PTR_EQ(test, t->ctrl.sq[1], (struct nvme_fw_sq *)NULL);
	nvt_reenable(test, t);
	memset(p, 0, 4096);
	nvt_rw_cmd(&c, nvme_cmd_read, 8, 8, G_DATA, 0);
	KUNIT_EXPECT_EQ(test, nvt_cmd(t, 1, &c, NULL),
			NVME_SC_NS_NOT_READY | NVME_FW_DNR);
	KUNIT_EXPECT_FALSE(test, memchr_inv(p, 0, 4096));
	nvt_fill(p, 4096, 4);
	nvt_rw_cmd(&c, nvme_cmd_write, 8, 8, G_DATA, 0);
	KUNIT_EXPECT_EQ(test, nvt_cmd(t, 1, &c, NULL),
			NVME_SC_NS_NOT_READY | NVME_FW_DNR);
	KUNIT_EXPECT_EQ(test, memcmp(t->vol + 8 * 512, cipher, 4096), 0);

	x = nvme_fw_xts_create(t->key, sizeof(t->key));
	KUNIT_ASSERT_FALSE(test, IS_ERR(x));
	nvme_fw_ctrl_rekey(&t->ctrl, x);
	nvt_reenable(test, t);
	nvt_rw_cmd(&c, nvme_cmd_read, 8, 8, G_DATA, 0);
	KUNIT_ASSERT_EQ(test, nvt_cmd(t, 1, &c, NULL), 0);
	KUNIT_EXPECT_EQ(test, memcmp(p, plain, 4096), 0);

	memcpy(key2, t->key, sizeof(key2));
	key2[0] ^= 1;
	x = nvme_fw_xts_create(key2, sizeof(key2));
	KUNIT_ASSERT_FALSE(test, IS_ERR(x));
	nvme_fw_xts_destroy(t->ctrl.ns.xts);
	nvme_fw_ctrl_rekey(&t->ctrl, x);
	nvt_reenable(test, t);
	nvt_rw_cmd(&c, nvme_cmd_read, 8, 8, G_DATA, 0);
	KUNIT_ASSERT_EQ(test, nvt_cmd(t, 1, &c, NULL), 0);
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
	.exit = nvt_exit,
	.test_cases = nitro_nvme_io_cases,
};

kunit_test_suite(nitro_nvme_io_suite);
