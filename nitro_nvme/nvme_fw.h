/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nitro_nvme's device model: one NVMe 1.4 controller with one namespace.
 *
 * The model knows nothing about vfio or the mailbox. It reaches the guest
 * only through struct nvme_fw_host_ops (gmem.h) and the volume only through
 * struct nvme_fw_backend (backend.h), so the KUnit suite drives it with a
 * fake guest memory and an in-memory volume.
 *
 * Concurrency (matches include/nitro_personality.h): register accesses,
 * reset and teardown are serialized with each other and with doorbells by
 * the caller; doorbells of different queues may run concurrently.
 *  - ctrl->qsem: readers are I/O doorbells, the writer is whoever changes
 *    the I/O queue table (Create/Delete queue, controller disable);
 *  - sq->lock: one submitter per SQ (its doorbell, or a CQ doorbell that
 *    restarts it); the admin SQ's lock also covers the admin state;
 *  - cq->lock: posting to and consuming from a CQ (several SQs share one).
 * Lock order: qsem -> sq->lock -> cq->lock -> ctrl->evlock.
 */
#ifndef _NITRO_NVME_FW_H
#define _NITRO_NVME_FW_H

#include <linux/mutex.h>
#include <linux/nvme.h>
#include <linux/rwsem.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/workqueue.h>

#include "gmem.h"

struct nvme_fw_backend;
struct nvme_fw_xts;

#define NVME_FW_MAX_IOQ		16	/* I/O queue pairs */
#define NVME_FW_NR_VECTORS	(NVME_FW_MAX_IOQ + 1)
#define NVME_FW_NR_DOORBELLS	(2 * (NVME_FW_MAX_IOQ + 1))
#define NVME_FW_MQES		1023	/* 0-based: 1024 entries */
#define NVME_FW_MDTS		5	/* 2^5 pages of 4 KiB: 128 KiB */
#define NVME_FW_MAX_XFER	(4096u << NVME_FW_MDTS)
#define NVME_FW_PAGE_SIZE	4096u
#define NVME_FW_AERL		3	/* 0-based: 4 outstanding AERs */
#define NVME_FW_ACL		3	/* 0-based: 4 outstanding Aborts */
#define NVME_FW_ELPE		63	/* 0-based: 64 error log entries */
#define NVME_FW_MAX_SEGS	256	/* data segments of one command */
#define NVME_FW_MAX_SGL_DESCS	1024	/* descriptors walked per command */
#define NVME_FW_SECTOR_SHIFT	9	/* XTS data unit: dm-crypt's sector */

/* BAR0: registers, doorbells at 0x1000, MSI-X table and PBA. */
#define NVME_FW_BAR0_SIZE	0x4000
#define NVME_FW_MSIX_TABLE	0x2000
#define NVME_FW_MSIX_PBA	0x3000

/* One contiguous piece of a command's data in guest memory. */
struct nvme_fw_seg {
	u64 addr;
	u32 len;
};

struct nvme_fw_sgv {
	struct nvme_fw_seg seg[NVME_FW_MAX_SEGS];
	unsigned int nr;
	u32 len;			/* sum of seg[].len */
};

struct nvme_fw_cq {
	struct mutex lock;		/* posting, consuming, interrupts */
	u16 qid;
	u16 vector;
	bool ien;
	u32 size;			/* entries */
	u64 base;
	u32 head;			/* consumer: the guest's doorbell */
	u32 tail;			/* producer: us */
	u32 reserved;			/* slots promised to fetched commands */
	u8 phase;
	u32 nr_sqs;			/* SQs completing here */
	u32 unsignalled;		/* CQEs posted since the last interrupt */
	struct delayed_work coalesce;
	struct nvme_fw_ctrl *ctrl;
};

struct nvme_fw_sq {
	struct mutex lock;		/* one submitter at a time */
	u16 qid;
	u32 size;
	u64 base;
	u32 head;			/* next entry we fetch */
	u32 tail;			/* the guest's doorbell */
	bool stalled;			/* stopped on a full CQ */
	struct nvme_fw_cq *cq;
	void *bounce;			/* NVME_FW_MAX_XFER bytes */
	struct nvme_fw_sgv sgv;		/* the data of the command running */
	struct nvme_fw_ctrl *ctrl;
};

/* What a command handler returns besides its status. */
struct nvme_fw_req {
	struct nvme_command cmd;
	struct nvme_fw_sq *sq;
	u32 result;
	u64 lba;			/* for the error log: the command's SLBA */
	bool deferred;			/* parked (AER): no CQE now */
};

struct nvme_fw_ns {
	struct nvme_fw_backend *backend;
	struct nvme_fw_xts *xts;
	u8 lba_shift;
	u64 nsze;			/* logical blocks */
	bool read_only;
	u8 uuid[16];
};

struct nvme_fw_identity {
	u16 vid;
	u16 ssvid;
	char sn[20];
	char mn[40];
	char fr[8];
};

struct nvme_fw_stats {
	u64 data_units_read;		/* thousands of 512-byte units, rounded up */
	u64 data_units_written;
	u64 read_cmds;
	u64 write_cmds;
	u64 media_errors;
	u64 err_log_count;
	u64 invalid_doorbells;		/* hostile-guest counters */
	u64 fatal_events;
};

#define NVME_FW_MAX_EVENTS	8

struct nvme_fw_ctrl {
	const struct nvme_fw_host_ops *host;
	void *host_ctx;
	struct nvme_fw_ns ns;
	struct nvme_fw_identity id;

	/* Registers (the caller serializes register access). */
	u64 cap;
	u32 vs;
	u32 cc;
	u32 csts;
	u32 aqa;
	u64 asq;
	u64 acq;
	u32 intms;

	struct rw_semaphore qsem;
	struct nvme_fw_sq *sq[NVME_FW_MAX_IOQ + 1];
	struct nvme_fw_cq *cq[NVME_FW_MAX_IOQ + 1];
	bool enabled;
	bool fatal;

	/* Features (admin SQ lock). */
	u32 nr_ioq_granted;		/* 0 until Set Features 07h */
	u32 arbitration;
	u32 coalesce;			/* THR | TIME << 8 */
	u32 ivc_cd;			/* vectors with coalescing disabled */
	bool vwc;
	u32 aec;

	/* Asynchronous events (evlock). */
	spinlock_t evlock;
	u16 aer_cid[NVME_FW_AERL + 1];
	u32 nr_aer;
	u32 events[NVME_FW_MAX_EVENTS];	/* CQE DW0 of events not yet sent */
	u32 nr_events;
	u32 masked_types;		/* bit per event type until log read */

	/* Error log: a ring of the newest entries (evlock). */
	struct nvme_error_slot errlog[NVME_FW_ELPE + 1];
	u32 errlog_next;

	struct nvme_fw_stats stats;

	/* Doorbell Buffer Config (admin SQ lock to set, read by doorbells). */
	u64 dbbuf_dbs;
	u64 dbbuf_eis;
};

/* regs.c */
void nvme_fw_ctrl_init(struct nvme_fw_ctrl *ctrl,
		       const struct nvme_fw_host_ops *host, void *host_ctx);
u64 nvme_fw_bar_read(struct nvme_fw_ctrl *ctrl, u32 off, int size);
void nvme_fw_bar_write(struct nvme_fw_ctrl *ctrl, u32 off, int size, u64 val);
void nvme_fw_ctrl_reset(struct nvme_fw_ctrl *ctrl);
void nvme_fw_ctrl_rekey(struct nvme_fw_ctrl *ctrl, struct nvme_fw_xts *xts);
void nvme_fw_ctrl_fatal(struct nvme_fw_ctrl *ctrl, const char *why);

/* queue.c */
int nvme_fw_cq_create(struct nvme_fw_ctrl *ctrl, u16 qid, u64 base, u32 size,
		      u16 vector, bool ien);
int nvme_fw_sq_create(struct nvme_fw_ctrl *ctrl, u16 qid, u64 base, u32 size,
		      struct nvme_fw_cq *cq);
void nvme_fw_cq_free(struct nvme_fw_ctrl *ctrl, struct nvme_fw_cq *cq);
void nvme_fw_sq_free(struct nvme_fw_ctrl *ctrl, struct nvme_fw_sq *sq);
void nvme_fw_queues_destroy(struct nvme_fw_ctrl *ctrl);
void nvme_fw_doorbell(struct nvme_fw_ctrl *ctrl, u32 index, u32 value);
int nvme_fw_cq_post(struct nvme_fw_cq *cq, u16 sqid, u16 sqhd, u16 cid,
		    u16 status, u32 result, bool reserved);
void nvme_fw_sq_run(struct nvme_fw_sq *sq);

/* admin.c, identify.c, features.c, log.c */
u16 nvme_fw_admin_exec(struct nvme_fw_req *req);
u16 nvme_fw_identify(struct nvme_fw_req *req);
u16 nvme_fw_get_features(struct nvme_fw_req *req);
u16 nvme_fw_set_features(struct nvme_fw_req *req);
u16 nvme_fw_get_log_page(struct nvme_fw_req *req);
void nvme_fw_event(struct nvme_fw_ctrl *ctrl, u8 type, u8 info, u8 lid);
void nvme_fw_events_flush(struct nvme_fw_ctrl *ctrl);
void nvme_fw_error_log(struct nvme_fw_ctrl *ctrl, u16 sqid, u16 cid,
		       u16 status, u64 lba);

/* io.c */
u16 nvme_fw_io_exec(struct nvme_fw_req *req);
u16 nvme_fw_errno_to_status(int err, bool write);

/* prp.c, sgl.c: describe a command's data; transfer it. */
u16 nvme_fw_prp_map(struct nvme_fw_ctrl *ctrl, u64 prp1, u64 prp2, u32 len,
		    struct nvme_fw_sgv *sgv);
u16 nvme_fw_sgl_map(struct nvme_fw_ctrl *ctrl, const struct nvme_sgl_desc *sgl,
		    u32 len, struct nvme_fw_sgv *sgv);
u16 nvme_fw_dptr_map(struct nvme_fw_ctrl *ctrl, const struct nvme_command *cmd,
		     u32 len, bool admin, struct nvme_fw_sgv *sgv);
u16 nvme_fw_sgv_copy(struct nvme_fw_ctrl *ctrl, const struct nvme_fw_sgv *sgv,
		     void *buf, bool to_guest);
u16 nvme_fw_data_out(struct nvme_fw_req *req, const void *buf, u32 len);
u16 nvme_fw_data_in(struct nvme_fw_req *req, void *buf, u32 len);

/* Status field without the phase bit: SCT << 8 | SC, plus Do Not Retry. */
#define NVME_FW_DNR		0x4000

static inline bool nvme_fw_ready(const struct nvme_fw_ctrl *ctrl)
{
	return ctrl->enabled && !ctrl->fatal;
}

#endif /* _NITRO_NVME_FW_H */
