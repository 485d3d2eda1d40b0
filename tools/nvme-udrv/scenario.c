// SPDX-License-Identifier: GPL-2.0
/*
 * nvme-udrv hostile: the cases that take more than one command. Each
 * starts on a fresh controller without I/O queues (hostile_fresh()), sets
 * up what it needs, and decides itself whether the device did what NVMe
 * 1.4 and Documentation/udrv.rst say:
 *
 * - cq-full-never-consumed: a CQ the host never consumes is never
 *   overwritten; the device stops at size - 1 entries and resumes when the
 *   head doorbell frees slots.
 * - delete-sq-entries-pending: Delete I/O SQ succeeds with commands still
 *   in the SQ; they are implicitly aborted (no completion ever appears).
 * - delete-sq-io-running: Delete I/O SQ from one thread while another
 *   keeps I/O running on that SQ: every I/O completed before it is
 *   successful, nothing completes after it.
 * - aer-flood: of 4096 Asynchronous Event Requests, AERL + 1 are held and
 *   every other completes with AER Limit Exceeded (DNR); an event is then
 *   delivered to one of those held.
 * - bar-every-access: BAR0 read with 1, 2, 4 and 8 bytes at every offset,
 *   written at every offset of the reserved register space and of the
 *   doorbell window with widths no doorbell has: every access inside the
 *   BAR succeeds, every one past its end is refused (EINVAL), the
 *   registers are unchanged and I/O still works.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hostile.h"

#define SCN_SETTLE_US		200000
#define AER_FLOOD		4096
#define AER_BATCH		16
#define AER_CID_BASE		0x1000
#define IDC_AERL		259
#define RUN_QD			64
#define RUN_MIN_DONE		3
#define RUN_CQE_WAIT_MS		1000

/* A CQ walked by hand: its size may differ from its SQ's. */
struct cqw {
	struct nvme_cqe *cq;
	uint32_t size;
	uint32_t head;
	uint8_t phase;
};

static bool cqw_take(struct cqw *w, struct nvme_cqe *cqe)
{
	struct nvme_cqe *e = &w->cq[w->head];

	if ((__atomic_load_n(&e->status, __ATOMIC_ACQUIRE) & 1) != w->phase)
		return false;
	*cqe = *e;
	if (++w->head == w->size) {
		w->head = 0;
		w->phase ^= 1;
	}
	return true;
}

static void cqw_ring(struct udrv_ctrl *c, struct cqw *w, uint16_t qid)
{
	nv_bar_write32(&c->dev, 0, udrv_db_offset(c, qid, true), w->head);
}

/* Entries the device has written since the CQ was created (phase 1). */
static int cq_posted(const struct nvme_cqe *cq, uint32_t size)
{
	uint32_t i;
	int n = 0;

	for (i = 0; i < size; i++)
		n += __atomic_load_n(&cq[i].status, __ATOMIC_ACQUIRE) & 1;
	return n;
}

/*
 * Entries posted once the device had time to post @want of them: up to a
 * second for that, then a while longer for any it should not post.
 */
static int cq_settled(const struct nvme_cqe *cq, uint32_t size, int want)
{
	uint64_t deadline = udrv_now_ns() + 1000000000ULL;

	while (cq_posted(cq, size) < want && udrv_now_ns() < deadline)
		usleep(1000);
	usleep(SCN_SETTLE_US);
	return cq_posted(cq, size);
}

/* An admin command's status code, or -errno when it got no completion. */
static int admin_status(struct udrv_ctrl *c, struct nvme_sqe *sqe)
{
	struct nvme_cqe cqe;
	int ret = udrv_admin(c, sqe, &cqe, UDRV_CMD_TIMEOUT_MS);

	return ret ? ret : NVME_CODE(cqe.status >> 1);
}

static int delete_queue(struct udrv_ctrl *c, uint8_t opcode, uint16_t qid)
{
	struct nvme_sqe sqe = { .opcode = opcode, .cdw10 = qid };

	return admin_status(c, &sqe);
}

/* I/O pair 1 with a CQ of @cq_size and an SQ of @sq_size entries. */
static int pair_create(struct hctx *h, uint32_t cq_size, uint32_t sq_size)
{
	struct udrv_ctrl *c = h->c;
	struct udrv_queue *q;
	struct nvme_sqe cq = {
		.opcode = NVME_ADM_CREATE_CQ,
		.cdw10 = (cq_size - 1) << 16 | 1,
		.cdw11 = (c->use_irq ? 1u << 16 | 2 : 0) | 1,
	};
	struct nvme_sqe sq = {
		.opcode = NVME_ADM_CREATE_SQ,
		.cdw10 = (sq_size - 1) << 16 | 1,
		.cdw11 = 1u << 16 | 1,
	};
	int ret;

	c->ioq = calloc(1, sizeof(*c->ioq));
	if (!c->ioq)
		return -ENOMEM;
	q = &c->ioq[0];
	/* Both rings get @sq_size entries of memory; the CQ uses fewer. */
	ret = udrv_queue_alloc(c, q, 1, sq_size, c->use_irq ? 1 : -1);
	if (ret)
		return ret;
	c->nr_ioq = 1;
	cq.prp1 = q->cq_mem.iova;
	sq.prp1 = q->sq_mem.iova;
	if (admin_status(c, &cq) || admin_status(c, &sq))
		return -EIO;
	return 0;
}

/* One-block reads of LBAs 0.. into data pages 0..7, cids 0.., one doorbell. */
static void push_reads(struct hctx *h, int n)
{
	struct udrv_queue *q = &h->c->ioq[0];
	struct nvme_sqe sqe;
	int i;

	for (i = 0; i < n; i++) {
		memset(&sqe, 0, sizeof(sqe));
		hostile_rw(h, &sqe, NVME_CMD_READ, i, 1);
		sqe.prp1 = h->buf.iova + (uint64_t)(i % 8) * NVME_PAGE;
		sqe.cid = i;
		udrv_sq_push(h->c, q, &sqe, false);
	}
	udrv_sq_ring(h->c, q);
}

static bool cfs(struct udrv_ctrl *c)
{
	return nv_bar_read32(&c->dev, 0, NVME_REG_CSTS) & NVME_CSTS_CFS;
}

int scn_cq_full(struct hctx *h)
{
	enum { CQ_SIZE = 4, SQ_SIZE = 16, CMDS = 10 };
	struct udrv_ctrl *c = h->c;
	struct udrv_queue *q;
	struct cqw w = { .size = CQ_SIZE, .phase = 1 };
	struct nvme_cqe cqe;
	uint32_t seen_cids = 0;
	uint64_t deadline;
	int full, got = 0, errors = 0, ret;
	uint16_t sqhd;

	ret = pair_create(h, CQ_SIZE, SQ_SIZE);
	if (ret)
		return ret;
	q = &c->ioq[0];
	w.cq = q->cq;
	push_reads(h, CMDS);
	/* Slot CQ_SIZE - 1 must stay untouched: head == tail means empty. */
	full = cq_settled(q->cq, CQ_SIZE, CQ_SIZE - 1);
	/* How far the device had fetched (fetching ahead is allowed). */
	sqhd = full ? q->cq[full - 1].sq_head : 0;
	deadline = udrv_now_ns() + (uint64_t)UDRV_CMD_TIMEOUT_MS * 1000000;
	while (got < CMDS && udrv_now_ns() < deadline) {
		int k = 0;

		while (cqw_take(&w, &cqe)) {
			if (cqe.cid >= CMDS || seen_cids & (1u << cqe.cid) ||
			    NVME_CODE(cqe.status >> 1))
				errors++;
			else
				seen_cids |= 1u << cqe.cid;
			got++;
			k++;
		}
		if (k)
			cqw_ring(c, &w, 1);
		else
			udrv_wait_irq(q, 10);
	}
	snprintf(h->seen, sizeof(h->seen),
		 "posted=%d/%d while never consumed (sq-head=%u), then %d/%d completed, bad=%d cfs=%d",
		 full, CQ_SIZE, sqhd, got, CMDS, errors, cfs(c));
	return full == CQ_SIZE - 1 && got == CMDS && !errors && !cfs(c);
}

/* Free pair 1's memory after its queues were deleted. */
static void pair_free(struct udrv_ctrl *c)
{
	udrv_queue_free(c, &c->ioq[0]);
	free(c->ioq);
	c->ioq = NULL;
	c->nr_ioq = 0;
}

/* After the scenario: new queues and one read that must succeed. */
static int read_works(struct hctx *h)
{
	struct udrv_ctrl *c = h->c;
	struct nvme_sqe sqe = { 0 };
	struct nvme_cqe cqe;
	int ret;

	ret = udrv_create_io_queues(c, 1, HOSTILE_DEPTH);
	if (ret)
		return ret;
	hostile_rw(h, &sqe, NVME_CMD_READ, 0, 1);
	sqe.cid = 0x4242;
	udrv_sq_push(c, &c->ioq[0], &sqe, true);
	ret = hostile_wait_cqe(c, &c->ioq[0], &cqe, UDRV_CMD_TIMEOUT_MS);
	return ret ? ret : NVME_CODE(cqe.status >> 1);
}

int scn_delete_sq_pending(struct hctx *h)
{
	enum { CQ_SIZE = 2, SQ_SIZE = 16, CMDS = 8 };
	struct udrv_ctrl *c = h->c;
	struct cqw w = { .size = CQ_SIZE, .phase = 1 };
	struct nvme_cqe cqe;
	int before, del_sq, del_cq, after, io, ret;

	ret = pair_create(h, CQ_SIZE, SQ_SIZE);
	if (ret)
		return ret;
	w.cq = c->ioq[0].cq;
	push_reads(h, CMDS);
	before = cq_settled(w.cq, CQ_SIZE, CQ_SIZE - 1);
	del_sq = delete_queue(c, NVME_ADM_DELETE_SQ, 1);
	/* Free the CQ: a device that still held a command would post it now. */
	while (cqw_take(&w, &cqe))
		;
	cqw_ring(c, &w, 1);
	usleep(SCN_SETTLE_US);
	after = cq_posted(w.cq, CQ_SIZE) - before;
	del_cq = delete_queue(c, NVME_ADM_DELETE_CQ, 1);
	pair_free(c);
	io = read_works(h);
	snprintf(h->seen, sizeof(h->seen),
		 "completed=%d/%d, delete-sq=0x%03x, cqes-after=%d, delete-cq=0x%03x, read-after=0x%03x",
		 before, CMDS, del_sq & 0xfff, after, del_cq & 0xfff, io & 0xfff);
	return before == CQ_SIZE - 1 && !del_sq && !after && !del_cq && !io;
}

struct runner {
	struct hctx *h;
	struct cqw w;
	int stop;			/* set by the deleting thread */
	int done;			/* reads completed */
	int errors;			/* ... with an error status */
	int lost;			/* 1 when the last read got no completion */
};

/* Keep one 8-page read in flight on SQ 1 until told, or until one is lost. */
static void *runner_fn(void *arg)
{
	struct runner *r = arg;
	struct hctx *h = r->h;
	struct udrv_queue *q = &h->c->ioq[0];
	struct nvme_sqe sqe;
	struct nvme_cqe cqe;
	uint64_t deadline;
	int i, n = 0;

	for (i = 1; i < 8; i++)
		h->list[i - 1] = h->buf.iova + (uint64_t)i * NVME_PAGE;
	while (!__atomic_load_n(&r->stop, __ATOMIC_ACQUIRE)) {
		memset(&sqe, 0, sizeof(sqe));
		hostile_rw(h, &sqe, NVME_CMD_READ, 0, (8 * NVME_PAGE) >> h->c->lba_shift);
		sqe.prp2 = h->list_iova;
		sqe.cid = n++ % RUN_QD;
		udrv_sq_push(h->c, q, &sqe, true);
		deadline = udrv_now_ns() + (uint64_t)RUN_CQE_WAIT_MS * 1000000;
		while (!cqw_take(&r->w, &cqe)) {
			if (udrv_now_ns() > deadline) {
				r->lost = 1;
				return NULL;
			}
			udrv_wait_irq(q, 10);
		}
		cqw_ring(h->c, &r->w, 1);
		if (NVME_CODE(cqe.status >> 1))
			r->errors++;
		__atomic_add_fetch(&r->done, 1, __ATOMIC_RELEASE);
	}
	return NULL;
}

int scn_delete_sq_running(struct hctx *h)
{
	struct udrv_ctrl *c = h->c;
	struct runner r = { .h = h, .w = { .size = RUN_QD, .phase = 1 } };
	struct nvme_cqe snap[RUN_QD];
	uint64_t deadline;
	pthread_t t;
	int del_sq, del_cq, after, ret;

	ret = pair_create(h, RUN_QD, RUN_QD);
	if (ret)
		return ret;
	r.w.cq = c->ioq[0].cq;
	if (pthread_create(&t, NULL, runner_fn, &r))
		return -EAGAIN;
	deadline = udrv_now_ns() + (uint64_t)UDRV_CMD_TIMEOUT_MS * 1000000;
	while (__atomic_load_n(&r.done, __ATOMIC_ACQUIRE) < RUN_MIN_DONE &&
	       udrv_now_ns() < deadline)
		usleep(1000);
	del_sq = delete_queue(c, NVME_ADM_DELETE_SQ, 1);
	__atomic_store_n(&r.stop, 1, __ATOMIC_RELEASE);
	pthread_join(t, NULL);
	memcpy(snap, r.w.cq, sizeof(snap));
	usleep(SCN_SETTLE_US);
	after = memcmp(snap, r.w.cq, sizeof(snap)) != 0;
	del_cq = delete_queue(c, NVME_ADM_DELETE_CQ, 1);
	pair_free(c);
	snprintf(h->seen, sizeof(h->seen),
		 "reads=%d errors=%d, delete-sq=0x%03x, cq-written-after=%d, delete-cq=0x%03x",
		 r.done, r.errors, del_sq & 0xfff, after, del_cq & 0xfff);
	return r.done >= RUN_MIN_DONE && !r.errors && !del_sq && !after && !del_cq;
}

int scn_aer_flood(struct hctx *h)
{
	struct udrv_ctrl *c = h->c;
	struct udrv_queue *q = &c->admin;
	int held = c->id_ctrl[IDC_AERL] + 1;
	int sent = 0, limit = 0, other = 0, i;
	uint16_t first_other = 0;
	uint32_t ev_result = 0;
	uint16_t ev_status = 0xffff, ev_cid = 0;
	struct nvme_cqe cqe;
	uint64_t deadline;

	while (sent < AER_FLOOD) {
		int batch = AER_FLOOD - sent < AER_BATCH ? AER_FLOOD - sent : AER_BATCH;
		int want;

		for (i = 0; i < batch; i++) {
			struct nvme_sqe aer = {
				.opcode = NVME_ADM_ASYNC_EVENT,
				.cid = AER_CID_BASE + sent + i,
			};

			udrv_sq_push(c, q, &aer, false);
		}
		udrv_sq_ring(c, q);
		sent += batch;
		want = sent - (sent < held ? sent : held);
		deadline = udrv_now_ns() + (uint64_t)UDRV_CMD_TIMEOUT_MS * 1000000;
		while (limit + other < want && udrv_now_ns() < deadline) {
			if (!udrv_cq_peek(q, &cqe)) {
				udrv_wait_irq(q, 10);
				continue;
			}
			udrv_cq_advance(q);
			udrv_cq_ring(c, q);
			if (NVME_CODE(cqe.status >> 1) == NVME_SC_ASYNC_LIMIT &&
			    NVME_DNR(cqe.status >> 1) && cqe.cid >= AER_CID_BASE + held)
				limit++;
			else if (!other++)
				first_other = cqe.status >> 1;
		}
		if (limit + other < want)
			break;
	}
	/* An error event now goes to one of the requests held. */
	nv_bar_write32(&c->dev, 0, udrv_db_offset(c, 5, false), 1);
	if (!hostile_wait_cqe(c, q, &cqe, AER_WAIT_MS)) {
		ev_status = NVME_CODE(cqe.status >> 1);
		ev_result = cqe.result & 0xffff07;
		ev_cid = cqe.cid;
	}
	snprintf(h->seen, sizeof(h->seen),
		 "sent=%d held=%d limit-exceeded=%d other=%d (first 0x%04x) event=0x%06x status=0x%03x cid=0x%04x",
		 sent, held, limit, other, first_other, ev_result, ev_status & 0xfff, ev_cid);
	return sent == AER_FLOOD && limit == AER_FLOOD - held && !other &&
	       ev_status == NVME_SC_SUCCESS && ev_result == AER_INVALID_DB_REG &&
	       ev_cid >= AER_CID_BASE && ev_cid < AER_CID_BASE + held;
}

/* One access of @len bytes at @off of BAR0 through the region, no mmap. */
static ssize_t bar_rw(struct udrv_ctrl *c, uint64_t off, size_t len, bool write)
{
	const struct vfio_region_info *ri = &c->dev.regions[0].info;
	uint64_t v = 0;

	return write ? pwrite(c->dev.fd, &v, len, ri->offset + off) :
		       pread(c->dev.fd, &v, len, ri->offset + off);
}

/*
 * Every access of every width in [@from, @to): inside the BAR it succeeds,
 * past its end it is refused. The region splits an access into naturally
 * aligned pieces, so a write that reached a dword-aligned dword of the
 * doorbell window would be a doorbell write: the callers' ranges and
 * widths make sure none does.
 */
static void bar_sweep(struct hctx *h, uint64_t from, uint64_t to,
		      bool write, const int *widths, int *good, int *bad)
{
	struct udrv_ctrl *c = h->c;
	uint64_t size = c->dev.regions[0].info.size, off;
	int i;

	for (off = from; off < to; off++) {
		for (i = 0; widths[i]; i++) {
			ssize_t n;

			if (off + widths[i] > to)
				continue;
			n = bar_rw(c, off, widths[i], write);
			bool inside = off + widths[i] <= size;

			if (inside ? n == widths[i] : n < 0 && errno == EINVAL) {
				(*good)++;
				continue;
			}
			if (!(*bad)++)
				snprintf(h->first_bad, sizeof(h->first_bad),
					 " (first: %s of %d at 0x%llx: %zd)",
					 write ? "write" : "read", widths[i],
					 (unsigned long long)off, n);
		}
	}
}

int scn_bar_sweep(struct hctx *h)
{
	static const int all[] = { 1, 2, 4, 8, 0 };
	static const int narrow[] = { 1, 2, 0 };	/* no doorbell is one */
	static const uint32_t regs[] = {
		NVME_REG_CAP, NVME_REG_CAP + 4, NVME_REG_VS, NVME_REG_CC,
		NVME_REG_CSTS, NVME_REG_AQA, NVME_REG_ASQ, NVME_REG_ASQ + 4,
		NVME_REG_ACQ, NVME_REG_ACQ + 4,
	};
	struct udrv_ctrl *c = h->c;
	uint64_t size = c->dev.regions[0].info.size;
	uint32_t before[sizeof(regs) / sizeof(regs[0])];
	int rgood = 0, rbad = 0, wgood = 0, wbad = 0, changed = 0, io;
	size_t i;

	if (size < 2 * NVME_REG_DBS)
		return -EINVAL;
	for (i = 0; i < sizeof(regs) / sizeof(regs[0]); i++)
		before[i] = nv_bar_read32(&c->dev, 0, regs[i]);
	bar_sweep(h, 0, size + 64, false, all, &rgood, &rbad);
	/* Reserved and unadvertised registers: CMB, boot partitions, PMR. */
	bar_sweep(h, 0x40, NVME_REG_DBS, true, all, &wgood, &wbad);
	bar_sweep(h, NVME_REG_DBS, NVME_REG_DBS + 0x100, true, narrow, &wgood, &wbad);
	bar_sweep(h, size - 8, size + 64, true, all, &wgood, &wbad);
	for (i = 0; i < sizeof(regs) / sizeof(regs[0]); i++)
		changed += nv_bar_read32(&c->dev, 0, regs[i]) != before[i];
	io = read_works(h);
	snprintf(h->seen, sizeof(h->seen),
		 "reads: %d as expected, %d not; writes: %d as expected, %d not%s; registers changed=%d cfs=%d read-after=0x%03x",
		 rgood, rbad, wgood, wbad, h->first_bad, changed, cfs(c), io & 0xfff);
	return !rbad && !wbad && !changed && !cfs(c) && !io;
}
