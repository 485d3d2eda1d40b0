// SPDX-License-Identifier: GPL-2.0
/*
 * nvme-udrv hostile: malformed commands and doorbell writes, each on a
 * freshly enabled controller, each printed with the status the device
 * returned and the status the NVMe 1.4 base specification asks for. With
 * --expect, a case that gets another status fails the run.
 *
 * Doorbell misuse has no command to complete: the specification reports it
 * as an Asynchronous Event (type Error Status, Write to Invalid Doorbell
 * Register or Invalid Doorbell Write Value) if an Asynchronous Event
 * Request is outstanding. Those cases post one and print its result.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hostile.h"

#define EXPECT_ANY_ERROR	0xffff
#define NO_EVENT		0xffff
#define MAX_LIST_ENTRIES	(LIST_PAGES * 511)

struct hcase {
	const char *name;
	const char *what;
	uint16_t expect;		/* SCT << 8 | SC, or EXPECT_ANY_ERROR */
	uint32_t expect_result;		/* for doorbell cases: the AER result */
	bool io;			/* needs I/O queue pair 1 */
	bool on_io;			/* sent on I/O SQ 1, not the admin SQ */
	void (*build)(struct hctx *h, struct nvme_sqe *sqe);
	/* Doorbell cases: called instead of sending a command. */
	void (*doorbell)(struct hctx *h);
	/* Scenarios (scenario.c): several steps, their own verdict. */
	int (*scenario)(struct hctx *h);
};

int hostile_wait_cqe(struct udrv_ctrl *c, struct udrv_queue *q,
		     struct nvme_cqe *cqe, int ms)
{
	uint64_t deadline = udrv_now_ns() + (uint64_t)ms * 1000000;

	while (!udrv_cq_peek(q, cqe)) {
		if (udrv_now_ns() > deadline)
			return -ETIMEDOUT;
		udrv_wait_irq(q, 10);
	}
	udrv_cq_advance(q);
	udrv_cq_ring(c, q);
	return 0;
}

static uint64_t data(struct hctx *h, int page)
{
	return h->buf.iova + (uint64_t)page * NVME_PAGE;
}

static uint64_t list_page(struct hctx *h, int page)
{
	return h->list_iova + (uint64_t)page * NVME_PAGE;
}

/* A list entry at byte @off of list page @page. */
static void list_set(struct hctx *h, int page, uint32_t off, uint64_t v)
{
	h->list[(size_t)page * 512 + off / 8] = v;
}

void hostile_rw(struct hctx *h, struct nvme_sqe *s, uint8_t op, uint64_t slba,
	       uint32_t nlb)
{
	s->opcode = op;
	s->nsid = h->c->nsid;
	s->prp1 = data(h, 0);
	s->cdw10 = (uint32_t)slba;
	s->cdw11 = (uint32_t)(slba >> 32);
	s->cdw12 = nlb - 1;
}

/* A read of @pages pages with a valid PRP list, to be spoiled by the case. */
static void read_pages(struct hctx *h, struct nvme_sqe *s, int pages)
{
	int i;

	hostile_rw(h, s, NVME_CMD_READ, 0, (pages * NVME_PAGE) >> h->c->lba_shift);
	if (pages == 2)
		s->prp2 = data(h, 1);
	if (pages > 2) {
		for (i = 1; i < pages; i++)
			h->list[i - 1] = data(h, i);
		s->prp2 = h->list_iova;
	}
}

static void b_admin_opcode(struct hctx *h, struct nvme_sqe *s)
{
	s->opcode = 0x03;	/* reserved in NVMe 1.4 */
}

static void b_io_opcode(struct hctx *h, struct nvme_sqe *s)
{
	s->opcode = 0x03;	/* reserved in the NVM command set */
	s->nsid = h->c->nsid;
}

static void create_cq(struct hctx *h, struct nvme_sqe *s, uint16_t qid,
		      uint16_t qsize0, uint16_t iv)
{
	s->opcode = NVME_ADM_CREATE_CQ;
	s->prp1 = data(h, 0);
	s->cdw10 = (uint32_t)qsize0 << 16 | qid;
	s->cdw11 = (uint32_t)iv << 16 | (h->c->use_irq ? 2 : 0) | 1;
}

static void create_sq(struct hctx *h, struct nvme_sqe *s, uint16_t qid,
		      uint16_t qsize0, uint16_t cqid)
{
	s->opcode = NVME_ADM_CREATE_SQ;
	s->prp1 = data(h, 1);
	s->cdw10 = (uint32_t)qsize0 << 16 | qid;
	s->cdw11 = (uint32_t)cqid << 16 | 1;
}

static void b_cq_qid0(struct hctx *h, struct nvme_sqe *s)
{
	create_cq(h, s, 0, 15, 0);
}

static void b_cq_qid_over(struct hctx *h, struct nvme_sqe *s)
{
	create_cq(h, s, h->c->granted_cq + 1, 15, 0);
}

static void b_cq_qid_max(struct hctx *h, struct nvme_sqe *s)
{
	create_cq(h, s, 0xffff, 15, 0);
}

static void b_cq_exists(struct hctx *h, struct nvme_sqe *s)
{
	create_cq(h, s, 1, 15, 0);
}

static void b_cq_size1(struct hctx *h, struct nvme_sqe *s)
{
	create_cq(h, s, 1, 0, 0);
}

static void b_cq_size_over(struct hctx *h, struct nvme_sqe *s)
{
	create_cq(h, s, 1, h->c->mqes + 1, 0);
}

static void b_cq_vector(struct hctx *h, struct nvme_sqe *s)
{
	create_cq(h, s, 1, 15, h->c->dev.msix_count);
}

static void b_cq_prp_offset(struct hctx *h, struct nvme_sqe *s)
{
	create_cq(h, s, 1, 15, 0);
	s->prp1 += 0x100;
}

static void b_cq_not_contig(struct hctx *h, struct nvme_sqe *s)
{
	create_cq(h, s, 1, 15, 0);
	s->cdw11 &= ~1u;	/* PC=0 with a controller that requires it */
}

static void b_sq_cq_missing(struct hctx *h, struct nvme_sqe *s)
{
	create_sq(h, s, 1, 15, 1);
}

static void b_sq_cqid0(struct hctx *h, struct nvme_sqe *s)
{
	create_sq(h, s, 1, 15, 0);
}

static void b_sq_qid0(struct hctx *h, struct nvme_sqe *s)
{
	create_sq(h, s, 0, 15, 1);
}

static void b_sq_size1(struct hctx *h, struct nvme_sqe *s)
{
	create_sq(h, s, 2, 0, 1);
}

static void b_sq_size_over(struct hctx *h, struct nvme_sqe *s)
{
	create_sq(h, s, 2, h->c->mqes + 1, 1);
}

static void b_del_sq_qid0(struct hctx *h, struct nvme_sqe *s)
{
	s->opcode = NVME_ADM_DELETE_SQ;
}

static void b_del_cq_qid0(struct hctx *h, struct nvme_sqe *s)
{
	s->opcode = NVME_ADM_DELETE_CQ;
}

static void b_del_sq_missing(struct hctx *h, struct nvme_sqe *s)
{
	s->opcode = NVME_ADM_DELETE_SQ;
	s->cdw10 = 2;
}

static void b_del_cq_with_sq(struct hctx *h, struct nvme_sqe *s)
{
	s->opcode = NVME_ADM_DELETE_CQ;
	s->cdw10 = 1;
}

static void b_id_cns(struct hctx *h, struct nvme_sqe *s)
{
	s->opcode = NVME_ADM_IDENTIFY;
	s->prp1 = data(h, 0);
	s->cdw10 = 0xff;	/* reserved CNS */
}

static void b_id_nsid(struct hctx *h, struct nvme_sqe *s)
{
	s->opcode = NVME_ADM_IDENTIFY;
	s->prp1 = data(h, 0);
	s->nsid = 0xfffffffe;
	s->cdw10 = 0;
}

static void b_log_lid(struct hctx *h, struct nvme_sqe *s)
{
	s->opcode = NVME_ADM_GET_LOG_PAGE;
	s->prp1 = data(h, 0);
	s->nsid = 0xffffffff;
	s->cdw10 = (1023u << 16) | 0x6f;	/* reserved log identifier */
}

static void b_nq_65535(struct hctx *h, struct nvme_sqe *s)
{
	s->opcode = NVME_ADM_SET_FEATURES;
	s->cdw10 = NVME_FEAT_NUM_QUEUES;
	s->cdw11 = 0xffffffff;
}

static void b_feat_reserved(struct hctx *h, struct nvme_sqe *s)
{
	s->opcode = NVME_ADM_SET_FEATURES;
	s->cdw10 = 0x00;	/* reserved feature identifier */
}

static void b_lba_end(struct hctx *h, struct nvme_sqe *s)
{
	hostile_rw(h, s, NVME_CMD_READ, h->c->nsze, 1);
}

static void b_lba_straddle(struct hctx *h, struct nvme_sqe *s)
{
	hostile_rw(h, s, NVME_CMD_READ, h->c->nsze - 1, 2);
	s->prp2 = 0;	/* 2 blocks fit one page for 512-byte LBAs */
	if ((2u << h->c->lba_shift) > NVME_PAGE)
		s->prp2 = data(h, 1);
}

static void b_lba_huge(struct hctx *h, struct nvme_sqe *s)
{
	hostile_rw(h, s, NVME_CMD_READ, 1ULL << 63, 1);
}

static void b_write_lba_end(struct hctx *h, struct nvme_sqe *s)
{
	hostile_rw(h, s, NVME_CMD_WRITE, h->c->nsze, 1);
}

static void b_over_mdts(struct hctx *h, struct nvme_sqe *s)
{
	uint32_t pages = h->c->max_xfer / NVME_PAGE + 1, i, k = 0, page = 0;
	uint64_t *l = h->list;

	hostile_rw(h, s, NVME_CMD_READ, 0, (pages * NVME_PAGE) >> h->c->lba_shift);
	/*
	 * Every PRP entry points into our 8 data pages: valid, only too many.
	 * The last slot of a full list page chains to the next one.
	 */
	for (i = 1; i < pages; i++) {
		if (k == 511 && i < pages - 1) {
			page++;
			l[511] = h->list_iova + (uint64_t)page * NVME_PAGE;
			l = h->list + (size_t)page * 512;
			k = 0;
		}
		l[k++] = data(h, i % 8);
	}
	s->prp2 = h->list_iova;
}

static void b_nsid0(struct hctx *h, struct nvme_sqe *s)
{
	hostile_rw(h, s, NVME_CMD_READ, 0, 1);
	s->nsid = 0;
}

static void b_nsid_bcast(struct hctx *h, struct nvme_sqe *s)
{
	hostile_rw(h, s, NVME_CMD_READ, 0, 1);
	s->nsid = 0xffffffff;
}

static void b_prp_zero(struct hctx *h, struct nvme_sqe *s)
{
	hostile_rw(h, s, NVME_CMD_READ, 0, 1);
	s->prp1 = 0;
}

static void b_prp_unmapped(struct hctx *h, struct nvme_sqe *s)
{
	hostile_rw(h, s, NVME_CMD_READ, 0, 1);
	s->prp1 = UNMAPPED_IOVA;
}

static void b_write_prp_unmapped(struct hctx *h, struct nvme_sqe *s)
{
	hostile_rw(h, s, NVME_CMD_WRITE, 0, 1);
	s->prp1 = UNMAPPED_IOVA;
}

static void b_prp1_dword(struct hctx *h, struct nvme_sqe *s)
{
	hostile_rw(h, s, NVME_CMD_READ, 0, 1);
	s->prp1 += 2;
}

static void b_prp2_offset(struct hctx *h, struct nvme_sqe *s)
{
	read_pages(h, s, 2);
	s->prp2 += 0x200;
}

static void b_prp_list_dword(struct hctx *h, struct nvme_sqe *s)
{
	read_pages(h, s, 3);
	s->prp2 += 2;
}

static void b_prp_list_entry(struct hctx *h, struct nvme_sqe *s)
{
	read_pages(h, s, 3);
	h->list[1] += 0x200;
}

static void b_prp_list_unmapped(struct hctx *h, struct nvme_sqe *s)
{
	read_pages(h, s, 3);
	s->prp2 = UNMAPPED_IOVA;
}

/*
 * A list that points back into itself: two slots at the end of a list
 * page, a data page and a pointer to the same two slots. Each visit yields
 * one page; when one page is left, the pointer slot is read as that data
 * page's entry, and it is not page aligned.
 */
static void b_prp_list_self_loop(struct hctx *h, struct nvme_sqe *s)
{
	hostile_rw(h, s, NVME_CMD_READ, 0, (4 * NVME_PAGE) >> h->c->lba_shift);
	list_set(h, 0, 0xff0, data(h, 1));
	list_set(h, 0, 0xff8, list_page(h, 0) + 0xff0);
	s->prp2 = list_page(h, 0) + 0xff0;
}

/* Two list pages of one pointer slot each, pointing at each other. */
static void b_prp_list_ping_pong(struct hctx *h, struct nvme_sqe *s)
{
	hostile_rw(h, s, NVME_CMD_READ, 0, (3 * NVME_PAGE) >> h->c->lba_shift);
	list_set(h, 0, 0xff8, list_page(h, 1) + 0xff8);
	list_set(h, 1, 0xff8, list_page(h, 0) + 0xff8);
	s->prp2 = list_page(h, 0) + 0xff8;
}

/*
 * Valid, if odd: 8 pages through 6 chained lists of two slots each, a data
 * entry and a pointer, the last list two data entries.
 */
static void b_prp_list_long_chain(struct hctx *h, struct nvme_sqe *s)
{
	int i;

	hostile_rw(h, s, NVME_CMD_READ, 0, (8 * NVME_PAGE) >> h->c->lba_shift);
	for (i = 0; i < 6; i++) {
		list_set(h, i, 0xff0, data(h, i + 1));
		list_set(h, i, 0xff8, i < 5 ? list_page(h, i + 1) + 0xff0 : data(h, 7));
	}
	s->prp2 = list_page(h, 0) + 0xff0;
}

static void b_psdt(struct hctx *h, struct nvme_sqe *s)
{
	hostile_rw(h, s, NVME_CMD_READ, 0, 1);
	s->flags = 3u << 6;	/* PSDT 11b is reserved */
}

static void b_fuse(struct hctx *h, struct nvme_sqe *s)
{
	hostile_rw(h, s, NVME_CMD_READ, 0, 1);
	s->flags = 3;		/* FUSE 11b is reserved */
}

static void db_sq_invalid_qid(struct hctx *h)
{
	nv_bar_write32(&h->c->dev, 0, udrv_db_offset(h->c, 5, false), 1);
}

static void db_sq_over(struct hctx *h)
{
	nv_bar_write32(&h->c->dev, 0, udrv_db_offset(h->c, 1, false), HOSTILE_DEPTH);
}

static void db_cq_over(struct hctx *h)
{
	nv_bar_write32(&h->c->dev, 0, udrv_db_offset(h->c, 1, true), HOSTILE_DEPTH);
}

static void db_cq_ahead(struct hctx *h)
{
	/* Head moved past entries the controller never posted. */
	nv_bar_write32(&h->c->dev, 0, udrv_db_offset(h->c, 1, true), 3);
}

#define ADM(n, w, e, i, b) \
	{ .name = n, .what = w, .expect = e, .io = i, .build = b }
#define IOC(n, w, e, b) \
	{ .name = n, .what = w, .expect = e, .io = true, .on_io = true, .build = b }
#define DOORBELL(n, w, r, f) \
	{ .name = n, .what = w, .expect_result = r, .io = true, .on_io = true, \
	  .doorbell = f }
#define SCENARIO(n, w, f) \
	{ .name = n, .what = w, .scenario = f }

static const struct hcase cases[] = {
	ADM("admin-opcode-reserved", "admin opcode 03h",
	    NVME_SC_INVALID_OPCODE, false, b_admin_opcode),
	IOC("io-opcode-reserved", "NVM opcode 03h", NVME_SC_INVALID_OPCODE, b_io_opcode),
	ADM("create-cq-qid-0", "Create I/O CQ with QID 0", NVME_SC_QID_INVALID, false, b_cq_qid0),
	ADM("create-cq-qid-over-granted", "Create I/O CQ with QID above Number of Queues",
	    NVME_SC_QID_INVALID, false, b_cq_qid_over),
	ADM("create-cq-qid-65535", "Create I/O CQ with QID 65535",
	    NVME_SC_QID_INVALID, false, b_cq_qid_max),
	ADM("create-cq-qid-exists", "Create I/O CQ 1 twice",
	    NVME_SC_QID_INVALID, true, b_cq_exists),
	ADM("create-cq-size-1", "Create I/O CQ with QSIZE 0 (one entry)",
	    NVME_SC_QUEUE_SIZE, false, b_cq_size1),
	ADM("create-cq-size-over-mqes", "Create I/O CQ with QSIZE MQES+1",
	    NVME_SC_QUEUE_SIZE, false, b_cq_size_over),
	ADM("create-cq-vector-invalid", "Create I/O CQ with IV past the MSI-X table",
	    NVME_SC_INVALID_VECTOR, false, b_cq_vector),
	ADM("create-cq-prp-offset", "Create I/O CQ with PRP1 not page aligned",
	    EXPECT_ANY_ERROR, false, b_cq_prp_offset),
	ADM("create-cq-not-contiguous", "Create I/O CQ with PC=0 (CAP.CQR)",
	    EXPECT_ANY_ERROR, false, b_cq_not_contig),
	ADM("create-sq-cq-missing", "Create I/O SQ on a CQ that does not exist",
	    NVME_SC_CQ_INVALID, false, b_sq_cq_missing),
	ADM("create-sq-cqid-0", "Create I/O SQ on the admin CQ",
	    NVME_SC_CQ_INVALID, false, b_sq_cqid0),
	ADM("create-sq-qid-0", "Create I/O SQ with QID 0", NVME_SC_QID_INVALID, true, b_sq_qid0),
	ADM("create-sq-size-1", "Create I/O SQ with QSIZE 0 (one entry)",
	    NVME_SC_QUEUE_SIZE, true, b_sq_size1),
	ADM("create-sq-size-over-mqes", "Create I/O SQ with QSIZE MQES+1",
	    NVME_SC_QUEUE_SIZE, true, b_sq_size_over),
	ADM("delete-sq-qid-0", "Delete I/O SQ 0 (the admin queue)",
	    NVME_SC_QID_INVALID, false, b_del_sq_qid0),
	ADM("delete-cq-qid-0", "Delete I/O CQ 0 (the admin queue)",
	    NVME_SC_QID_INVALID, false, b_del_cq_qid0),
	ADM("delete-sq-missing", "Delete I/O SQ that does not exist",
	    NVME_SC_QID_INVALID, true, b_del_sq_missing),
	ADM("delete-cq-with-sq", "Delete I/O CQ while its SQ exists",
	    NVME_SC_INVALID_QUEUE_DELETION, true, b_del_cq_with_sq),
	ADM("identify-cns-reserved", "Identify with CNS FFh",
	    NVME_SC_INVALID_FIELD, false, b_id_cns),
	ADM("identify-nsid-invalid", "Identify Namespace FFFFFFFEh",
	    NVME_SC_INVALID_NS, false, b_id_nsid),
	ADM("get-log-lid-reserved", "Get Log Page 6Fh", NVME_SC_INVALID_LOG_PAGE, false, b_log_lid),
	ADM("set-features-nq-65535", "Set Features Number of Queues 65535",
	    NVME_SC_INVALID_FIELD, false, b_nq_65535),
	ADM("set-features-fid-reserved", "Set Features FID 00h",
	    NVME_SC_INVALID_FIELD, false, b_feat_reserved),
	IOC("read-lba-past-end", "Read at SLBA = NSZE", NVME_SC_LBA_RANGE, b_lba_end),
	IOC("read-lba-straddle-end", "Read 2 blocks from NSZE-1",
	    NVME_SC_LBA_RANGE, b_lba_straddle),
	IOC("read-lba-2^63", "Read at SLBA 2^63", NVME_SC_LBA_RANGE, b_lba_huge),
	IOC("write-lba-past-end", "Write at SLBA = NSZE", NVME_SC_LBA_RANGE, b_write_lba_end),
	IOC("read-over-mdts", "Read of MDTS + 4 KiB", NVME_SC_INVALID_FIELD, b_over_mdts),
	IOC("read-nsid-0", "Read with NSID 0", NVME_SC_INVALID_NS, b_nsid0),
	IOC("read-nsid-broadcast", "Read with NSID FFFFFFFFh", EXPECT_ANY_ERROR, b_nsid_bcast),
	IOC("read-prp1-zero", "Read into PRP1 = 0 (unmapped)", NVME_SC_DATA_XFER_ERROR, b_prp_zero),
	IOC("read-prp1-unmapped", "Read into an unmapped IOVA",
	    NVME_SC_DATA_XFER_ERROR, b_prp_unmapped),
	IOC("write-prp1-unmapped", "Write from an unmapped IOVA",
	    NVME_SC_DATA_XFER_ERROR, b_write_prp_unmapped),
	IOC("read-prp1-not-dword", "Read with PRP1 offset 2",
	    NVME_SC_PRP_OFFSET_INVALID, b_prp1_dword),
	IOC("read-prp2-offset", "2-page read with PRP2 offset 200h",
	    NVME_SC_PRP_OFFSET_INVALID, b_prp2_offset),
	IOC("read-prp-list-not-dword", "3-page read with PRP list pointer offset 2",
	    NVME_SC_PRP_OFFSET_INVALID, b_prp_list_dword),
	IOC("read-prp-list-entry-offset", "3-page read with a list entry offset 200h",
	    NVME_SC_PRP_OFFSET_INVALID, b_prp_list_entry),
	IOC("read-prp-list-unmapped", "3-page read with an unmapped PRP list",
	    NVME_SC_DATA_XFER_ERROR, b_prp_list_unmapped),
	IOC("read-prp-list-self-loop", "4-page read, a PRP list slot pointing at itself",
	    NVME_SC_PRP_OFFSET_INVALID, b_prp_list_self_loop),
	IOC("read-prp-list-ping-pong", "3-page read, two pointer-only lists chained in a loop",
	    NVME_SC_PRP_OFFSET_INVALID, b_prp_list_ping_pong),
	IOC("read-prp-list-long-chain", "8-page read through 6 chained two-slot lists",
	    NVME_SC_SUCCESS, b_prp_list_long_chain),
	IOC("read-psdt-reserved", "Read with PSDT 11b", NVME_SC_INVALID_FIELD, b_psdt),
	IOC("read-fuse-reserved", "Read with FUSE 11b", NVME_SC_INVALID_FIELD, b_fuse),
	DOORBELL("doorbell-sq-invalid-qid", "SQ 5 tail doorbell, no such queue",
		 AER_INVALID_DB_REG, db_sq_invalid_qid),
	DOORBELL("doorbell-sq-tail-over-size", "SQ 1 tail = queue size",
		 AER_INVALID_DB_VALUE, db_sq_over),
	DOORBELL("doorbell-cq-head-over-size", "CQ 1 head = queue size",
		 AER_INVALID_DB_VALUE, db_cq_over),
	DOORBELL("doorbell-cq-head-ahead", "CQ 1 head past posted entries",
		 AER_INVALID_DB_VALUE, db_cq_ahead),
	SCENARIO("cq-full-never-consumed", "10 reads into a 4-entry CQ nobody consumes",
		 scn_cq_full),
	SCENARIO("delete-sq-entries-pending", "Delete I/O SQ with 7 commands stalled on a full CQ",
		 scn_delete_sq_pending),
	SCENARIO("delete-sq-io-running", "Delete I/O SQ while another thread does I/O on it",
		 scn_delete_sq_running),
	SCENARIO("aer-flood", "4096 Asynchronous Event Requests", scn_aer_flood),
	SCENARIO("bar-every-access", "BAR0 reads of 1/2/4/8 bytes at every offset, writes to reserved space, past the end",
		 scn_bar_sweep),
};

#define NR_CASES (sizeof(cases) / sizeof(cases[0]))

/* Disable the controller, which discards its I/O queues, and free them. */
void hostile_drop_io_queues(struct udrv_ctrl *c)
{
	int i;

	udrv_disable(c);
	for (i = 0; i < c->nr_ioq; i++)
		udrv_queue_free(c, &c->ioq[i]);
	free(c->ioq);
	c->ioq = NULL;
	c->nr_ioq = 0;
}

/*
 * Every case starts here: the controller disabled (its queues discarded)
 * and enabled again, two queue pairs granted (QID 2 stays free for the SQ
 * cases), @pairs of them created, the data and list pages zeroed.
 */
int hostile_fresh(struct hctx *h, int pairs)
{
	struct udrv_ctrl *c = h->c;
	int ret;

	hostile_drop_io_queues(c);
	ret = udrv_enable(c);
	if (!ret)
		ret = udrv_set_num_queues(c, 2);
	if (!ret && pairs)
		ret = udrv_create_io_queues(c, pairs, HOSTILE_DEPTH);
	memset(h->buf.va, 0, h->buf.len);
	h->seen[0] = 0;
	h->first_bad[0] = 0;
	return ret;
}

/* Run one case on a fresh controller: 0 with *status/result, or -errno. */
static int run_case(struct hctx *h, const struct hcase *k, uint16_t *status)
{
	struct udrv_ctrl *c = h->c;
	struct nvme_sqe sqe = { 0 };
	struct nvme_cqe cqe;
	int ret;

	ret = hostile_fresh(h, k->io ? 1 : 0);
	if (ret)
		return ret;
	h->is_aer = !!k->doorbell;
	if (k->scenario) {
		ret = k->scenario(h);
		if (ret < 0)
			return ret;
		*status = ret ? NVME_SC_SUCCESS : EXPECT_ANY_ERROR;
		return 0;
	}
	if (k->doorbell) {
		struct nvme_sqe aer = { .opcode = NVME_ADM_ASYNC_EVENT, .cid = 0xaaaa };

		struct nvme_sqe sync = { .opcode = NVME_ADM_GET_FEATURES,
					 .cdw10 = NVME_FEAT_NUM_QUEUES };

		udrv_sq_push(c, &c->admin, &aer, true);
		/*
		 * The event is reported only to a request the controller holds:
		 * a command after it completing proves it was fetched.
		 */
		ret = udrv_admin(c, &sync, &cqe, UDRV_CMD_TIMEOUT_MS);
		if (ret)
			return ret;
		k->doorbell(h);
		/* No event: reported as a status no command can complete with. */
		if (hostile_wait_cqe(c, &c->admin, &cqe, AER_WAIT_MS)) {
			*status = NO_EVENT;
			h->result = 0;
			return 0;
		}
		*status = cqe.status >> 1;
		h->result = cqe.result;
		return 0;
	}
	k->build(h, &sqe);
	if (!k->on_io) {
		ret = udrv_admin(c, &sqe, &cqe, UDRV_CMD_TIMEOUT_MS);
	} else {
		sqe.cid = 0x1234;
		udrv_sq_push(c, &c->ioq[0], &sqe, true);
		ret = hostile_wait_cqe(c, &c->ioq[0], &cqe, UDRV_CMD_TIMEOUT_MS);
	}
	if (ret)
		return ret;
	*status = cqe.status >> 1;
	h->result = cqe.result;
	return 0;
}

static bool as_expected(const struct hcase *k, uint16_t status, uint32_t result)
{
	if (k->scenario)
		return status == NVME_SC_SUCCESS;
	if (k->doorbell)
		return NVME_CODE(status) == 0 && (result & 0xffff07) == k->expect_result;
	if (k->expect == EXPECT_ANY_ERROR)
		return NVME_CODE(status) != 0;
	return NVME_CODE(status) == k->expect;
}

int udrv_cmd_hostile(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "list", no_argument, NULL, 'l' },
		{ "expect", no_argument, NULL, 'e' },
		{ NULL, 0, NULL, 0 },
	};
	struct udrv_ctrl c;
	struct hctx h = { .c = &c };
	bool list = false, expect = false;
	int o, i, rc = UDRV_EXIT_OK, ran = 0, bad = 0;
	size_t n;

	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case 'l':
			list = true;
			break;
		case 'e':
			expect = true;
			break;
		default:
			return UDRV_EXIT_USAGE;
		}
	}
	if (list) {
		for (n = 0; n < NR_CASES; n++) {
			if (cases[n].scenario)
				printf("%-28s scenario   %s\n", cases[n].name, cases[n].what);
			else if (cases[n].doorbell)
				printf("%-28s aer=0x%06x  %s\n", cases[n].name,
				       cases[n].expect_result, cases[n].what);
			else if (cases[n].expect == EXPECT_ANY_ERROR)
				printf("%-28s error      %s\n", cases[n].name, cases[n].what);
			else
				printf("%-28s 0x%03x      %s\n", cases[n].name,
				       cases[n].expect, cases[n].what);
		}
		return UDRV_EXIT_OK;
	}
	if (optind >= argc) {
		fprintf(stderr, "usage: nvme-udrv hostile DEVICE [--list] [--expect] [CASE...]\n");
		return UDRV_EXIT_USAGE;
	}
	for (i = optind + 1; i < argc; i++) {
		for (n = 0; n < NR_CASES && strcmp(cases[n].name, argv[i]); n++)
			;
		if (n == NR_CASES) {
			fprintf(stderr, "nvme-udrv: no hostile case '%s' (see --list)\n", argv[i]);
			return UDRV_EXIT_USAGE;
		}
	}
	if (udrv_open(&c, argv[optind], true, false))
		return UDRV_EXIT_SETUP;
	if (udrv_bringup(&c, 0) ||
	    nv_dma_map(&c.dev, (8 + LIST_PAGES) * NVME_PAGE, &h.buf)) {
		udrv_close(&c);
		return UDRV_EXIT_SETUP;
	}
	h.list = (uint64_t *)((char *)h.buf.va + 8 * NVME_PAGE);
	h.list_iova = h.buf.iova + 8 * NVME_PAGE;

	for (n = 0; n < NR_CASES; n++) {
		const struct hcase *k = &cases[n];
		uint16_t st = 0;
		bool want = optind + 1 == argc;
		int ret;

		for (i = optind + 1; i < argc && !want; i++)
			want = !strcmp(argv[i], k->name);
		if (!want)
			continue;
		/* A case needing MDTS or MQES limits the device lacks. */
		if ((k->build == b_over_mdts &&
		     (!c.max_xfer || c.max_xfer / NVME_PAGE >= MAX_LIST_ENTRIES)) ||
		    ((k->build == b_cq_size_over || k->build == b_sq_size_over) &&
		     c.mqes == 0xffff)) {
			printf("%-28s skipped (no limit to exceed)\n", k->name);
			continue;
		}
		ran++;
		ret = run_case(&h, k, &st);
		if (ret == -ETIMEDOUT) {
			printf("%-28s no completion\n", k->name);
			bad++;
			rc = UDRV_EXIT_TIMEOUT;
			continue;
		}
		if (ret) {
			printf("%-28s setup failed (%d)\n", k->name, ret);
			bad++;
			if (rc == UDRV_EXIT_OK)
				rc = UDRV_EXIT_SETUP;
			continue;
		}
		if (k->scenario)
			printf("%-28s %s %s\n", k->name, h.seen,
			       as_expected(k, st, h.result) ? "ok" : "UNEXPECTED");
		else if (h.is_aer && st == NO_EVENT)
			printf("%-28s status=none aer=none UNEXPECTED\n", k->name);
		else if (h.is_aer)
			printf("%-28s status=0x%03x aer=0x%06x %s\n", k->name, NVME_CODE(st),
			       h.result & 0xffff07,
			       as_expected(k, st, h.result) ? "ok" : "UNEXPECTED");
		else
			printf("%-28s status=0x%03x dnr=%u (%s) %s\n", k->name, NVME_CODE(st),
			       NVME_DNR(st), nvme_status_name(NVME_CODE(st)),
			       as_expected(k, st, h.result) ? "ok" : "UNEXPECTED");
		if (!as_expected(k, st, h.result)) {
			bad++;
			if (expect && rc == UDRV_EXIT_OK)
				rc = UDRV_EXIT_IO;
		}
	}
	printf("hostile: %d cases, %d as expected, %d not\n", ran, ran - bad, bad);
	hostile_drop_io_queues(&c);
	nv_dma_unmap(&c.dev, &h.buf);
	udrv_close(&c);
	return rc;
}
