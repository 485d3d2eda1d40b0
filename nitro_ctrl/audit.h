/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _NITRO_CTRL_AUDIT_H
#define _NITRO_CTRL_AUDIT_H

#include <linux/spinlock.h>
#include <linux/types.h>

#include "nitro_genl.h"

/* The controller itself (mailbox anomalies, host-side events). */
#define NITRO_PRINCIPAL_CTRL	0

#define NITRO_AUDIT_CAPACITY	2048
/*
 * Slots kept free for what must be recorded even when the log is nearly
 * full: rejections, anomalies and the auditor's own reads. Mutating
 * requests are refused with -EBUSY once only the reserve is left.
 */
#define NITRO_AUDIT_RESERVE	16
#define NITRO_AUDIT_MIN_LIMIT	(2 * NITRO_AUDIT_RESERVE)

/*
 * Anchors: nitro_sec's HMAC over (seq, hash) of a record, asked for every
 * NITRO_AUDIT_ANCHOR_EVERY records and on every AUDIT_READ
 * (audit_anchor.c). The newest NITRO_AUDIT_ANCHORS are kept.
 */
#define NITRO_AUDIT_ANCHORS		64
#define NITRO_AUDIT_ANCHOR_EVERY	64

struct nitro_audit_anchor {
	u64 seq;
	u8 hash[NITRO_AUDIT_HASH_LEN];
	u8 mac[NITRO_AUDIT_MAC_LEN];
};

struct nitro_audit_rec {
	u64 seq;
	u64 time;			/* ns since the epoch */
	u32 principal;
	s32 result;
	char op[NITRO_AUDIT_OP_MAX + 1];
	char object[NITRO_AUDIT_OBJECT_MAX + 1];
	u8 prev[NITRO_AUDIT_HASH_LEN];
	u8 hash[NITRO_AUDIT_HASH_LEN];
};

/*
 * A log: a ring of @capacity records, of which @count are kept, starting at
 * position @start with sequence number @first_seq.
 */
struct nitro_audit_log {
	spinlock_t lock;		/* everything below; appends never sleep */
	struct nitro_audit_rec *recs;
	u32 capacity;
	u32 limit;			/* usable slots, <= capacity */
	u32 start;
	u32 count;
	u64 first_seq;
	u64 next_seq;
	u64 acked_seq;
	u8 head[NITRO_AUDIT_HASH_LEN];	/* hash of the newest record */
	u64 overflow;			/* records that found the log full */
	u64 overflow_pending;		/* of those, not yet noted in the log */
	bool emit;			/* to the Linux audit subsystem too */
	/* A ring of the newest anchors, oldest at anchor_next - nr_anchors. */
	struct nitro_audit_anchor anchors[NITRO_AUDIT_ANCHORS];
	u32 nr_anchors;
	u32 anchor_next;
};

/* Summary of a log for AUDIT_READ. */
struct nitro_audit_info {
	u64 first_seq;
	u64 next_seq;
	u64 acked_seq;
	u64 overflow;
	u32 count;
	u32 limit;
	u8 head[NITRO_AUDIT_HASH_LEN];
};

/*
 * Append one record to the audit log: who (principal id), what operation,
 * on which object, and the result (0 or a negative errno). Never sleeps.
 */
void nitro_audit_record(u32 principal, const char *op, const char *object,
			int result);

int nitro_audit_init(void);
void nitro_audit_exit(void);
struct nitro_audit_log *nitro_audit_log(void);

int nitro_audit_log_init(struct nitro_audit_log *log, u32 capacity);
void nitro_audit_log_free(struct nitro_audit_log *log);
int nitro_audit_log_append(struct nitro_audit_log *log, u32 principal,
			   const char *op, const char *object, int result,
			   u64 time);
bool nitro_audit_log_has_room(struct nitro_audit_log *log);
int nitro_audit_log_ack(struct nitro_audit_log *log, u64 seq);
int nitro_audit_log_read(struct nitro_audit_log *log, u64 from,
			 struct nitro_audit_rec *out, u32 max,
			 struct nitro_audit_info *info);
int nitro_audit_log_set_limit(struct nitro_audit_log *log, u32 limit);
int nitro_audit_log_head(struct nitro_audit_log *log, u64 *seq,
			 u8 hash[NITRO_AUDIT_HASH_LEN]);
int nitro_audit_log_anchor_add(struct nitro_audit_log *log,
			       const struct nitro_audit_anchor *a);
u32 nitro_audit_log_anchors(struct nitro_audit_log *log, u64 from, u64 to,
			    struct nitro_audit_anchor *out, u32 max);

/* audit_anchor.c: asking nitro_sec for anchors of the main log. */
struct nitro_audit_anchor_stats {
	u64 signed_;			/* anchors nitro_sec signed */
	u64 failed;			/* requests it refused or missed */
	int last_err;
};

int nitro_audit_anchor_now(void);
void nitro_audit_anchor_kick(u64 head_seq);
void nitro_audit_anchor_stop(void);
void nitro_audit_anchor_stats(struct nitro_audit_anchor_stats *st);

void nitro_audit_hash(const struct nitro_audit_rec *rec,
		      u8 out[NITRO_AUDIT_HASH_LEN]);
long nitro_audit_verify(const struct nitro_audit_rec *recs, u32 n,
			u64 first_seq, const u8 *head);

#ifdef NITRO_TEST_HOOKS
int nitro_audit_tamper(struct nitro_audit_log *log, const char *kind, u64 seq);
#endif

#endif /* _NITRO_CTRL_AUDIT_H */
