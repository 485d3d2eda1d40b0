// SPDX-License-Identifier: GPL-2.0
/*
 * nvme-udrv io: the load generator. One thread runs every queue: it keeps
 * --qd commands in flight per queue, reaps completions from the eventfd of
 * the queue's MSI-X vector (or by polling with --poll), and resubmits.
 *
 * Verify mode stamps every logical block with (LBA, seed) and a pattern
 * derived from both, so content is a pure function of the address: writes
 * racing to one LBA write identical bytes, any read after the first write
 * knows exactly what it must see, and a block from the wrong LBA (a
 * misdirected write) or an older run (other seed) is told apart.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "udrv.h"

#define UDRV_MAGIC		0x5644555254494e4eULL	/* "NNITRUDV" */
#define MAX_STATUS_KINDS	8
#define MAX_REPORTED		5

enum rw_mode { RW_READ, RW_WRITE, RW_RANDREAD, RW_RANDWRITE, RW_MIX };

struct io_cfg {
	enum rw_mode rw;
	int read_pct;			/* for RW_MIX */
	uint32_t bs;
	int qd;
	int queues;
	double seconds;
	uint64_t count;
	uint64_t offset;		/* first LBA */
	uint64_t size;			/* bytes of the range */
	bool verify;
	uint64_t seed;
	bool poll;
	bool fua;			/* Force Unit Access on every write */
};

struct io_slot {
	bool busy;
	bool write;
	uint64_t lba;
	uint64_t t0;
	void *buf;
	uint64_t buf_iova;
	uint64_t *prp_list;
	uint64_t prp_iova;
};

struct io_queue {
	struct udrv_queue *q;
	struct nv_dma data;
	struct nv_dma lists;
	struct io_slot *slots;
	int inflight;
};

struct io_stats {
	uint64_t ios, reads, writes, flushes, bytes;
	uint64_t errors, verify_errors, timeouts;
	uint64_t irqs;			/* MSI-X signals read from eventfds */
	uint16_t status_code[MAX_STATUS_KINDS];
	uint64_t status_count[MAX_STATUS_KINDS];
	uint64_t *lat;			/* ns, one per completed I/O */
	uint64_t nr_lat, cap_lat;
	double seconds;
};

struct io_job {
	struct udrv_ctrl *c;
	struct io_cfg cfg;
	struct io_queue *iq;
	uint64_t first, nr_lba;		/* the range in LBAs */
	uint32_t blk;			/* LBAs per I/O */
	uint64_t seq_next;
	uint64_t rng;
	uint64_t issued;
	struct io_stats st;
};

static uint64_t splitmix(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static void pattern_fill(uint64_t *w, size_t words, uint64_t lba, uint64_t seed)
{
	uint64_t s = lba * 0x100000001b3ULL ^ seed;
	size_t i;

	w[0] = lba;
	w[1] = seed;
	w[2] = UDRV_MAGIC;
	for (i = 3; i < words; i++)
		w[i] = splitmix(&s);
}

/* 0 if the block holds the pattern of (lba, seed); else explain once. */
static int pattern_check(const uint64_t *w, size_t words, uint64_t lba,
			 uint64_t seed, uint64_t *expect, bool report)
{
	size_t i;

	pattern_fill(expect, words, lba, seed);
	for (i = 0; i < words; i++) {
		if (w[i] != expect[i])
			break;
	}
	if (i == words)
		return 0;
	if (report) {
		if (w[2] == UDRV_MAGIC)
			printf("verify: lba %" PRIu64 " holds the block of lba %" PRIu64
			       " seed %" PRIu64 " (word %zu differs)\n", lba, w[0], w[1], i);
		else
			printf("verify: lba %" PRIu64 " has no pattern (word %zu: 0x%016" PRIx64
			       ", expected 0x%016" PRIx64 ")\n", lba, i, w[i], expect[i]);
	}
	return -1;
}

static void count_status(struct io_stats *st, uint16_t code)
{
	int i;

	st->errors++;
	for (i = 0; i < MAX_STATUS_KINDS; i++) {
		if (st->status_count[i] && st->status_code[i] != code)
			continue;
		st->status_code[i] = code;
		st->status_count[i]++;
		return;
	}
}

static void record_latency(struct io_stats *st, uint64_t ns)
{
	if (st->nr_lat == st->cap_lat) {
		uint64_t cap = st->cap_lat ? st->cap_lat * 2 : 65536;
		uint64_t *n = realloc(st->lat, cap * sizeof(*n));

		if (!n)
			return;
		st->lat = n;
		st->cap_lat = cap;
	}
	st->lat[st->nr_lat++] = ns;
}

static bool want_write(struct io_job *j)
{
	switch (j->cfg.rw) {
	case RW_WRITE:
	case RW_RANDWRITE:
		return true;
	case RW_MIX:
		return (int)(splitmix(&j->rng) % 100) >= j->cfg.read_pct;
	default:
		return false;
	}
}

static uint64_t next_lba(struct io_job *j)
{
	uint64_t slots = j->nr_lba / j->blk, lba;

	if (j->cfg.rw == RW_READ || j->cfg.rw == RW_WRITE) {
		lba = j->seq_next;
		j->seq_next += j->blk;
		if (j->seq_next + j->blk > j->first + j->nr_lba)
			j->seq_next = j->first;
		return lba;
	}
	return j->first + (splitmix(&j->rng) % slots) * j->blk;
}

static void build_cmd(struct io_job *j, struct io_slot *s, int cid,
		      struct nvme_sqe *sqe)
{
	uint32_t bs = j->cfg.bs, npages = (bs + NVME_PAGE - 1) / NVME_PAGE, i;

	memset(sqe, 0, sizeof(*sqe));
	sqe->opcode = s->write ? NVME_CMD_WRITE : NVME_CMD_READ;
	sqe->cid = cid;
	sqe->nsid = j->c->nsid;
	sqe->prp1 = s->buf_iova;
	if (npages == 2) {
		sqe->prp2 = s->buf_iova + NVME_PAGE;
	} else if (npages > 2) {
		for (i = 1; i < npages; i++)
			s->prp_list[i - 1] = s->buf_iova + (uint64_t)i * NVME_PAGE;
		sqe->prp2 = s->prp_iova;
	}
	sqe->cdw10 = (uint32_t)s->lba;
	sqe->cdw11 = (uint32_t)(s->lba >> 32);
	sqe->cdw12 = j->blk - 1;
	if (s->write && j->cfg.fua)
		sqe->cdw12 |= NVME_RW_FUA;
}

static bool may_issue(struct io_job *j, uint64_t start)
{
	if (j->cfg.count)
		return j->issued < j->cfg.count;
	return udrv_now_ns() - start < (uint64_t)(j->cfg.seconds * 1e9);
}

static void fill_queue(struct io_job *j, struct io_queue *iq, uint64_t start)
{
	size_t words = (1u << j->c->lba_shift) / 8;
	struct nvme_sqe sqe;
	int i, pushed = 0;

	for (i = 0; i < j->cfg.qd && may_issue(j, start); i++) {
		struct io_slot *s = &iq->slots[i];
		uint32_t b;

		if (s->busy)
			continue;
		s->write = want_write(j);
		s->lba = next_lba(j);
		if (s->write && j->cfg.verify) {
			for (b = 0; b < j->blk; b++)
				pattern_fill((uint64_t *)((char *)s->buf + ((size_t)b << j->c->lba_shift)),
					     words, s->lba + b, j->cfg.seed);
		}
		build_cmd(j, s, i, &sqe);
		s->busy = true;
		s->t0 = udrv_now_ns();
		udrv_sq_push(j->c, iq->q, &sqe, false);
		iq->inflight++;
		j->issued++;
		pushed++;
	}
	if (pushed)
		udrv_sq_ring(j->c, iq->q);
}

static void complete(struct io_job *j, struct io_queue *iq, struct nvme_cqe *cqe,
		     uint64_t *scratch)
{
	size_t words = (1u << j->c->lba_shift) / 8;
	uint16_t code = NVME_CODE(cqe->status >> 1);
	struct io_slot *s;
	uint32_t b;

	/* A device that completes what was never sent is counted, not trusted. */
	if (cqe->cid >= j->cfg.qd || !iq->slots[cqe->cid].busy ||
	    cqe->sq_id != iq->q->qid) {
		printf("io: queue %u: completion for unknown cid %u (sq %u)\n",
		       iq->q->qid, cqe->cid, cqe->sq_id);
		j->st.errors++;
		return;
	}
	s = &iq->slots[cqe->cid];
	s->busy = false;
	iq->inflight--;
	record_latency(&j->st, udrv_now_ns() - s->t0);
	j->st.ios++;
	if (code) {
		if (j->st.errors < MAX_REPORTED)
			printf("io: %s lba %" PRIu64 ": status 0x%03x (%s)\n",
			       s->write ? "write" : "read", s->lba, code,
			       nvme_status_name(code));
		count_status(&j->st, code);
		return;
	}
	j->st.bytes += j->cfg.bs;
	if (s->write) {
		j->st.writes++;
		return;
	}
	j->st.reads++;
	if (!j->cfg.verify)
		return;
	for (b = 0; b < j->blk; b++) {
		const uint64_t *w = (const uint64_t *)((char *)s->buf +
						       ((size_t)b << j->c->lba_shift));

		if (pattern_check(w, words, s->lba + b, j->cfg.seed, scratch,
				  j->st.verify_errors < MAX_REPORTED))
			j->st.verify_errors++;
	}
}

/* Reap every queue; 0 when nothing came, -ETIMEDOUT when stuck. */
static int reap(struct io_job *j, uint64_t *last_progress, uint64_t *scratch)
{
	struct pollfd pfd[NV_MAX_IRQS];
	int i, got = 0, n = 0;

	for (i = 0; i < j->cfg.queues; i++) {
		struct io_queue *iq = &j->iq[i];
		struct nvme_cqe cqe;
		int k = 0;

		while (udrv_cq_peek(iq->q, &cqe)) {
			udrv_cq_advance(iq->q);
			complete(j, iq, &cqe, scratch);
			k++;
		}
		if (k)
			udrv_cq_ring(j->c, iq->q);
		got += k;
	}
	if (got) {
		*last_progress = udrv_now_ns();
		return got;
	}
	if (udrv_now_ns() - *last_progress > (uint64_t)UDRV_CMD_TIMEOUT_MS * 1000000)
		return -ETIMEDOUT;
	if (j->cfg.poll || !j->c->use_irq)
		return 0;
	for (i = 0; i < j->cfg.queues; i++) {
		if (!j->iq[i].inflight)
			continue;
		pfd[n].fd = j->iq[i].q->efd;
		pfd[n].events = POLLIN;
		n++;
	}
	if (n && poll(pfd, n, 100) > 0) {
		uint64_t v;

		/* Reset the counters; the completions are read above. */
		for (i = 0; i < n; i++) {
			if (!(pfd[i].revents & POLLIN))
				continue;
			if (read(pfd[i].fd, &v, sizeof(v)) == sizeof(v))
				j->st.irqs += v;
			else if (errno != EAGAIN)
				perror("nvme-udrv: eventfd");
		}
	}
	return 0;
}

static int inflight(struct io_job *j)
{
	int i, n = 0;

	for (i = 0; i < j->cfg.queues; i++)
		n += j->iq[i].inflight;
	return n;
}

static int flush_all(struct io_job *j)
{
	uint64_t deadline;
	int i;

	for (i = 0; i < j->cfg.queues; i++) {
		struct nvme_sqe sqe = {
			.opcode = NVME_CMD_FLUSH,
			.cid = 0xffff,
			.nsid = j->c->nsid,
		};

		udrv_sq_push(j->c, j->iq[i].q, &sqe, true);
	}
	for (i = 0; i < j->cfg.queues; i++) {
		struct udrv_queue *q = j->iq[i].q;
		struct nvme_cqe e;

		deadline = udrv_now_ns() + (uint64_t)UDRV_CMD_TIMEOUT_MS * 1000000;
		while (!udrv_cq_peek(q, &e)) {
			if (udrv_now_ns() > deadline)
				return -ETIMEDOUT;
			udrv_wait_irq(q, 10);
		}
		if (e.cid != 0xffff || NVME_CODE(e.status >> 1)) {
			printf("io: flush on queue %u: cid %u status 0x%03x (%s)\n", q->qid,
			       e.cid, NVME_CODE(e.status >> 1),
			       nvme_status_name(NVME_CODE(e.status >> 1)));
			count_status(&j->st, NVME_CODE(e.status >> 1));
		} else {
			j->st.flushes++;
		}
		udrv_cq_advance(q);
		udrv_cq_ring(j->c, q);
	}
	return 0;
}

static int run_phase(struct io_job *j)
{
	uint64_t *scratch = malloc(1u << j->c->lba_shift);
	uint64_t start, last;
	bool writes = j->cfg.rw != RW_READ && j->cfg.rw != RW_RANDREAD;
	int i, ret = 0;

	if (!scratch)
		return -ENOMEM;
	free(j->st.lat);
	memset(&j->st, 0, sizeof(j->st));
	j->issued = 0;
	j->seq_next = j->first;
	start = last = udrv_now_ns();
	for (;;) {
		for (i = 0; i < j->cfg.queues; i++)
			fill_queue(j, &j->iq[i], start);
		if (!inflight(j))
			break;
		ret = reap(j, &last, scratch);
		if (ret < 0) {
			j->st.timeouts = inflight(j);
			printf("io: %" PRIu64 " commands got no completion in %d ms\n",
			       j->st.timeouts, UDRV_CMD_TIMEOUT_MS);
			break;
		}
		ret = 0;
	}
	if (!ret && writes)
		ret = flush_all(j);
	j->st.seconds = (udrv_now_ns() - start) / 1e9;
	free(scratch);
	return ret;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static void report(struct io_job *j, const char *phase)
{
	struct io_stats *st = &j->st;
	double sum = 0;
	uint64_t i;
	int k;

	printf("%s: rw=%s bs=%u qd=%d queues=%d lba_bytes=%u range=%" PRIu64 "+%" PRIu64 "\n",
	       phase,
	       (const char *[]){ "read", "write", "randread", "randwrite", "mix" }[j->cfg.rw],
	       j->cfg.bs, j->cfg.qd, j->cfg.queues, 1u << j->c->lba_shift, j->first, j->nr_lba);
	printf("result: ios=%" PRIu64 " reads=%" PRIu64 " writes=%" PRIu64 " flushes=%" PRIu64
	       " bytes=%" PRIu64 " errors=%" PRIu64 " verify_errors=%" PRIu64 " timeouts=%" PRIu64 "\n",
	       st->ios, st->reads, st->writes, st->flushes, st->bytes, st->errors,
	       st->verify_errors, st->timeouts);
	printf("irq: %s signals=%" PRIu64 "\n",
	       j->cfg.poll || !j->c->use_irq ? "polled" : "msix", st->irqs);
	for (k = 0; k < MAX_STATUS_KINDS && st->status_count[k]; k++)
		printf("status: 0x%03x %s count=%" PRIu64 "\n", st->status_code[k],
		       nvme_status_name(st->status_code[k]), st->status_count[k]);
	printf("perf: seconds=%.3f iops=%.0f mib_s=%.2f\n", st->seconds,
	       st->seconds > 0 ? st->ios / st->seconds : 0,
	       st->seconds > 0 ? st->bytes / st->seconds / 1048576 : 0);
	if (!st->nr_lat)
		return;
	qsort(st->lat, st->nr_lat, sizeof(*st->lat), cmp_u64);
	for (i = 0; i < st->nr_lat; i++)
		sum += st->lat[i];
	printf("lat_us: min=%.1f avg=%.1f p50=%.1f p99=%.1f max=%.1f\n",
	       st->lat[0] / 1e3, sum / st->nr_lat / 1e3, st->lat[st->nr_lat / 2] / 1e3,
	       st->lat[st->nr_lat * 99 / 100] / 1e3, st->lat[st->nr_lat - 1] / 1e3);
}

static int setup_queues(struct io_job *j)
{
	struct udrv_ctrl *c = j->c;
	int i, k, ret;

	j->iq = calloc(j->cfg.queues, sizeof(*j->iq));
	if (!j->iq)
		return -ENOMEM;
	for (i = 0; i < j->cfg.queues; i++) {
		struct io_queue *iq = &j->iq[i];

		iq->q = &c->ioq[i];
		iq->slots = calloc(j->cfg.qd, sizeof(*iq->slots));
		if (!iq->slots)
			return -ENOMEM;
		ret = nv_dma_map(&c->dev, (size_t)j->cfg.qd * j->cfg.bs, &iq->data);
		if (!ret)
			ret = nv_dma_map(&c->dev, (size_t)j->cfg.qd * NVME_PAGE, &iq->lists);
		if (ret) {
			fprintf(stderr, "nvme-udrv: %s\n", nv_last_error());
			return ret;
		}
		for (k = 0; k < j->cfg.qd; k++) {
			struct io_slot *s = &iq->slots[k];

			s->buf = (char *)iq->data.va + (size_t)k * j->cfg.bs;
			s->buf_iova = iq->data.iova + (uint64_t)k * j->cfg.bs;
			s->prp_list = (uint64_t *)((char *)iq->lists.va + (size_t)k * NVME_PAGE);
			s->prp_iova = iq->lists.iova + (uint64_t)k * NVME_PAGE;
		}
	}
	return 0;
}

static int parse_size(const char *s, uint64_t *out)
{
	char *end;
	uint64_t v = strtoull(s, &end, 0);

	switch (*end) {
	case 'k': case 'K': v <<= 10; end++; break;
	case 'm': case 'M': v <<= 20; end++; break;
	case 'g': case 'G': v <<= 30; end++; break;
	}
	if (*end || end == s)
		return -1;
	*out = v;
	return 0;
}

static int parse_args(int argc, char **argv, struct io_cfg *cfg)
{
	static const struct option opts[] = {
		{ "rw", required_argument, NULL, 'r' },
		{ "bs", required_argument, NULL, 'b' },
		{ "qd", required_argument, NULL, 'q' },
		{ "queues", required_argument, NULL, 'Q' },
		{ "seconds", required_argument, NULL, 't' },
		{ "count", required_argument, NULL, 'n' },
		{ "offset", required_argument, NULL, 'o' },
		{ "size", required_argument, NULL, 's' },
		{ "verify", no_argument, NULL, 'v' },
		{ "seed", required_argument, NULL, 'S' },
		{ "poll", no_argument, NULL, 'p' },
		{ "fua", no_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	uint64_t v;
	int o;

	*cfg = (struct io_cfg){ .rw = RW_RANDREAD, .bs = 4096, .qd = 32,
				.queues = 1, .seed = 1 };
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case 'r':
			if (!strcmp(optarg, "read"))
				cfg->rw = RW_READ;
			else if (!strcmp(optarg, "write"))
				cfg->rw = RW_WRITE;
			else if (!strcmp(optarg, "randread"))
				cfg->rw = RW_RANDREAD;
			else if (!strcmp(optarg, "randwrite"))
				cfg->rw = RW_RANDWRITE;
			else if (!strncmp(optarg, "mix=", 4) &&
				 !parse_size(optarg + 4, &v) && v <= 100) {
				cfg->rw = RW_MIX;
				cfg->read_pct = v;
			} else {
				return -1;
			}
			break;
		case 'b':
			if (parse_size(optarg, &v) || !v || v > (2u << 20) || v % 512)
				return -1;
			cfg->bs = v;
			break;
		case 'q':
			if (parse_size(optarg, &v) || !v || v > 4095)
				return -1;
			cfg->qd = v;
			break;
		case 'Q':
			if (parse_size(optarg, &v) || !v || v >= NV_MAX_IRQS)
				return -1;
			cfg->queues = v;
			break;
		case 't':
			cfg->seconds = strtod(optarg, NULL);
			if (cfg->seconds <= 0)
				return -1;
			break;
		case 'n':
			if (parse_size(optarg, &cfg->count) || !cfg->count)
				return -1;
			break;
		case 'o':
			if (parse_size(optarg, &cfg->offset))
				return -1;
			break;
		case 's':
			if (parse_size(optarg, &cfg->size) || !cfg->size)
				return -1;
			break;
		case 'v':
			cfg->verify = true;
			break;
		case 'S':
			if (parse_size(optarg, &cfg->seed))
				return -1;
			break;
		case 'p':
			cfg->poll = true;
			break;
		case 'f':
			cfg->fua = true;
			break;
		default:
			return -1;
		}
	}
	if (cfg->seconds && cfg->count)
		return -1;
	if (!cfg->seconds && !cfg->count)
		cfg->seconds = 5;
	return optind == argc - 1 ? optind : -1;
}

int udrv_cmd_io(int argc, char **argv)
{
	struct udrv_ctrl c;
	struct io_job j = { .c = &c };
	int devarg, ret, rc = UDRV_EXIT_OK;

	devarg = parse_args(argc, argv, &j.cfg);
	if (devarg < 0) {
		fprintf(stderr, "usage: nvme-udrv io DEVICE [--rw read|write|randread|randwrite|mix=N]\n"
			"  [--bs BYTES] [--qd N] [--queues N] [--seconds S | --count N]\n"
			"  [--offset LBA] [--size BYTES] [--verify] [--seed N] [--poll] [--fua]\n");
		return UDRV_EXIT_USAGE;
	}
	if (udrv_open(&c, argv[devarg], !j.cfg.poll, false))
		return UDRV_EXIT_SETUP;
	ret = udrv_bringup(&c, 0);
	if (ret)
		goto out_setup;
	if (j.cfg.bs % (1u << c.lba_shift) ||
	    (c.max_xfer && j.cfg.bs > c.max_xfer)) {
		fprintf(stderr, "nvme-udrv: --bs %u: not a multiple of %u or over MDTS (%u bytes)\n",
			j.cfg.bs, 1u << c.lba_shift, c.max_xfer);
		udrv_close(&c);
		return UDRV_EXIT_USAGE;
	}
	j.blk = j.cfg.bs >> c.lba_shift;
	j.first = j.cfg.offset;
	j.nr_lba = j.cfg.size ? j.cfg.size >> c.lba_shift : c.nsze - j.first;
	if (j.first >= c.nsze || j.nr_lba > c.nsze - j.first || j.nr_lba < j.blk) {
		fprintf(stderr, "nvme-udrv: range %llu+%llu LBAs does not fit the namespace (%llu LBAs) or one I/O\n",
			(unsigned long long)j.first, (unsigned long long)j.nr_lba,
			(unsigned long long)c.nsze);
		udrv_close(&c);
		return UDRV_EXIT_USAGE;
	}
	j.rng = j.cfg.seed * 0x2545f4914f6cdd1dULL + 1;
	ret = udrv_create_io_queues(&c, j.cfg.queues, j.cfg.qd + 1);
	if (ret)
		goto out_setup;
	if (c.ioq[0].depth < j.cfg.qd + 1) {
		fprintf(stderr, "nvme-udrv: --qd %d exceeds the controller's queue size %u\n",
			j.cfg.qd, c.ioq[0].depth);
		udrv_close(&c);
		return UDRV_EXIT_USAGE;
	}
	ret = setup_queues(&j);
	if (ret)
		goto out_setup;

	/* Mixed verify reads blocks the run may not have written yet: fill first. */
	if (j.cfg.verify && j.cfg.rw == RW_MIX) {
		struct io_cfg saved = j.cfg;

		j.cfg.rw = RW_WRITE;
		j.cfg.seconds = 0;
		j.cfg.count = j.nr_lba / j.blk;
		ret = run_phase(&j);
		report(&j, "prefill");
		if (ret || j.st.errors)
			rc = ret == -ETIMEDOUT ? UDRV_EXIT_TIMEOUT : UDRV_EXIT_IO;
		j.cfg = saved;
	}
	if (rc == UDRV_EXIT_OK) {
		ret = run_phase(&j);
		report(&j, "io");
		if (ret == -ETIMEDOUT || j.st.timeouts)
			rc = UDRV_EXIT_TIMEOUT;
		else if (ret || j.st.errors || j.st.verify_errors)
			rc = UDRV_EXIT_IO;
	}
	free(j.st.lat);
	udrv_close(&c);
	return rc;

out_setup:
	udrv_close(&c);
	return ret == -ETIMEDOUT ? UDRV_EXIT_TIMEOUT : UDRV_EXIT_SETUP;
}
