// SPDX-License-Identifier: GPL-2.0
/*
 * The audit log (Documentation/api.rst, "Audit"): a SHA-256 hash chain of
 * records (seq, time, principal, op, object, result, prev_hash) kept in a
 * fixed ring, so that appending never allocates and never sleeps.
 *
 * Nothing is dropped silently. Records leave the ring only when an auditor
 * acknowledges them (AUDIT_ACK). Mutating requests are refused with -EBUSY
 * while only the reserve is left (nitro_audit_log_has_room()); the reserve
 * takes rejections, anomalies and reads. If even the reserve runs out, the
 * records that found the log full are counted, and the first record
 * appended once there is room again says how many were lost.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <crypto/sha2.h>
#include <linux/audit.h>
#include <linux/ktime.h>
#include <linux/minmax.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "audit.h"

static struct nitro_audit_log nitro_audit_main;

struct nitro_audit_log *nitro_audit_log(void)
{
	return &nitro_audit_main;
}

int nitro_audit_log_init(struct nitro_audit_log *log, u32 capacity)
{
	memset(log, 0, sizeof(*log));
	if (capacity < NITRO_AUDIT_MIN_LIMIT)
		return -EINVAL;
	log->recs = kvcalloc(capacity, sizeof(*log->recs), GFP_KERNEL);
	if (!log->recs)
		return -ENOMEM;
	spin_lock_init(&log->lock);
	log->capacity = capacity;
	log->limit = capacity;
	log->first_seq = 1;
	log->next_seq = 1;
	return 0;
}

void nitro_audit_log_free(struct nitro_audit_log *log)
{
	kvfree(log->recs);
	log->recs = NULL;
}

/*
 * The hash covers the previous hash and every field in a fixed encoding:
 * prev[32] | le64 seq | le64 time | le32 principal | le32 result |
 * u8 len | op | u8 len | object. tools/nitroctl computes the same.
 */
void nitro_audit_hash(const struct nitro_audit_rec *rec,
		      u8 out[NITRO_AUDIT_HASH_LEN])
{
	struct sha256_state st;
	__le64 q[2] = { cpu_to_le64(rec->seq), cpu_to_le64(rec->time) };
	__le32 w[2] = { cpu_to_le32(rec->principal), cpu_to_le32(rec->result) };
	u8 len;

	sha256_init(&st);
	sha256_update(&st, rec->prev, NITRO_AUDIT_HASH_LEN);
	sha256_update(&st, (const u8 *)q, sizeof(q));
	sha256_update(&st, (const u8 *)w, sizeof(w));
	len = strnlen(rec->op, NITRO_AUDIT_OP_MAX);
	sha256_update(&st, &len, 1);
	sha256_update(&st, rec->op, len);
	len = strnlen(rec->object, NITRO_AUDIT_OBJECT_MAX);
	sha256_update(&st, &len, 1);
	sha256_update(&st, rec->object, len);
	sha256_final(&st, out);
}

static struct nitro_audit_rec *nitro_audit_at(struct nitro_audit_log *log,
					      u32 pos)
{
	return &log->recs[(log->start + pos) % log->capacity];
}

static void nitro_audit_put(struct nitro_audit_log *log, u32 principal,
			    const char *op, const char *object, int result,
			    u64 time, struct nitro_audit_rec *copy)
{
	struct nitro_audit_rec *rec;

	lockdep_assert_held(&log->lock);
	rec = nitro_audit_at(log, log->count);
	memset(rec, 0, sizeof(*rec));
	rec->seq = log->next_seq++;
	rec->time = time;
	rec->principal = principal;
	rec->result = result;
	strscpy(rec->op, op ? op : "-", sizeof(rec->op));
	strscpy(rec->object, object ? object : "-", sizeof(rec->object));
	memcpy(rec->prev, log->head, NITRO_AUDIT_HASH_LEN);
	nitro_audit_hash(rec, rec->hash);
	memcpy(log->head, rec->hash, NITRO_AUDIT_HASH_LEN);
	log->count++;
	if (copy)
		*copy = *rec;
}

/*
 * audit_log_untrustedstring() is not exported: keep the quoted value
 * parseable by replacing quotes and control characters instead.
 */
static void nitro_audit_sanitize(char *s)
{
	for (; *s; s++)
		if (*s == '"' || *s < 0x21 || *s > 0x7e)
			*s = *s == ' ' ? ' ' : '_';
}

/*
 * Return: 0, or -ENOSPC when the log was completely full: the record is
 * then counted in @overflow and noted by the next record that fits.
 */
int nitro_audit_log_append(struct nitro_audit_log *log, u32 principal,
			   const char *op, const char *object, int result,
			   u64 time)
{
	struct nitro_audit_rec copy[2];
	unsigned long flags;
	char lost[32];
	int n = 0, i;

	spin_lock_irqsave(&log->lock, flags);
	if (log->overflow_pending && log->count + 2 <= log->limit) {
		snprintf(lost, sizeof(lost), "lost=%llu", log->overflow_pending);
		nitro_audit_put(log, NITRO_PRINCIPAL_CTRL, "audit.overflow",
				lost, -ENOSPC, time, &copy[n++]);
		log->overflow_pending = 0;
	}
	if (log->count < log->limit && !log->overflow_pending) {
		nitro_audit_put(log, principal, op, object, result, time,
				&copy[n++]);
	} else {
		log->overflow++;
		log->overflow_pending++;
	}
	spin_unlock_irqrestore(&log->lock, flags);

	if (!n) {
		pr_warn_ratelimited("audit log full: %s by %u not stored (counted)\n",
				    op, principal);
		return -ENOSPC;
	}
	for (i = 0; i < n && log->emit; i++) {
		struct audit_buffer *ab;

		if (audit_enabled == AUDIT_OFF)
			break;
		ab = audit_log_start(NULL, GFP_ATOMIC, AUDIT_KERNEL_OTHER);
		if (!ab)
			break;
		nitro_audit_sanitize(copy[i].op);
		nitro_audit_sanitize(copy[i].object);
		audit_log_format(ab, "nitro seq=%llu principal=%u op=\"%s\" object=\"%s\" res=%d",
				 copy[i].seq, copy[i].principal, copy[i].op,
				 copy[i].object, copy[i].result);
		audit_log_end(ab);
	}
	return 0;
}

/* Is there room for a mutating request (and its records) beyond the reserve? */
bool nitro_audit_log_has_room(struct nitro_audit_log *log)
{
	unsigned long flags;
	bool room;

	spin_lock_irqsave(&log->lock, flags);
	room = !log->overflow_pending &&
	       log->count + NITRO_AUDIT_RESERVE < log->limit;
	spin_unlock_irqrestore(&log->lock, flags);
	return room;
}

/**
 * nitro_audit_log_ack() - an auditor has stored every record up to @seq
 * @log: the log
 * @seq: the newest record acknowledged
 *
 * The acknowledged records leave the log; the chain stays verifiable from
 * the first record kept, whose prev hash is the last acknowledged one's.
 *
 * Return: 0, -EINVAL for a record not yet written, -EALREADY for one
 * acknowledged before.
 */
int nitro_audit_log_ack(struct nitro_audit_log *log, u64 seq)
{
	unsigned long flags;
	int err = 0;
	u32 n;

	spin_lock_irqsave(&log->lock, flags);
	if (seq >= log->next_seq || seq < log->first_seq) {
		err = seq < log->first_seq ? -EALREADY : -EINVAL;
	} else {
		/* By content, so that a damaged log can still be drained. */
		for (n = 0; n < log->count; n++)
			if (nitro_audit_at(log, n)->seq > seq)
				break;
		log->start = (log->start + n) % log->capacity;
		log->count -= n;
		log->first_seq = seq + 1;
		log->acked_seq = seq;
	}
	spin_unlock_irqrestore(&log->lock, flags);
	return err;
}

/**
 * nitro_audit_log_read() - copy records out
 * @log: the log
 * @from: the first sequence number wanted (older ones are gone)
 * @out: room for @max records
 * @max: the most to copy
 * @info: receives the log's summary
 *
 * Return: the number of records copied, or -EINVAL if @from is older than
 * the oldest record kept.
 */
int nitro_audit_log_read(struct nitro_audit_log *log, u64 from,
			 struct nitro_audit_rec *out, u32 max,
			 struct nitro_audit_info *info)
{
	unsigned long flags;
	u32 pos, n = 0;

	spin_lock_irqsave(&log->lock, flags);
	info->first_seq = log->first_seq;
	info->next_seq = log->next_seq;
	info->acked_seq = log->acked_seq;
	info->overflow = log->overflow;
	info->count = log->count;
	info->limit = log->limit;
	memcpy(info->head, log->head, NITRO_AUDIT_HASH_LEN);
	if (from < log->first_seq) {
		spin_unlock_irqrestore(&log->lock, flags);
		return -EINVAL;
	}
	for (pos = from - log->first_seq; pos < log->count && n < max; pos++)
		out[n++] = *nitro_audit_at(log, pos);
	spin_unlock_irqrestore(&log->lock, flags);
	return n;
}

/* The newest record's sequence number and hash: -ENODATA before the first. */
int nitro_audit_log_head(struct nitro_audit_log *log, u64 *seq,
			 u8 hash[NITRO_AUDIT_HASH_LEN])
{
	unsigned long flags;

	spin_lock_irqsave(&log->lock, flags);
	*seq = log->next_seq - 1;
	memcpy(hash, log->head, NITRO_AUDIT_HASH_LEN);
	spin_unlock_irqrestore(&log->lock, flags);
	return *seq ? 0 : -ENODATA;
}

/*
 * Keep a signed anchor. Anchors only move forward, like nitro_sec's, and
 * the oldest is forgotten when the ring is full: an anchor is evidence
 * about records, not a record, and the newest ones cover the most.
 *
 * Return: 0, -EALREADY for one not newer than the newest kept, -EINVAL for
 * a record not yet written.
 */
int nitro_audit_log_anchor_add(struct nitro_audit_log *log,
			       const struct nitro_audit_anchor *a)
{
	const struct nitro_audit_anchor *last;
	unsigned long flags;
	int err = 0;

	spin_lock_irqsave(&log->lock, flags);
	last = &log->anchors[(log->anchor_next + NITRO_AUDIT_ANCHORS - 1) %
			     NITRO_AUDIT_ANCHORS];
	if (!a->seq || a->seq >= log->next_seq) {
		err = -EINVAL;
	} else if (log->nr_anchors && a->seq <= last->seq) {
		err = -EALREADY;
	} else {
		log->anchors[log->anchor_next] = *a;
		log->anchor_next = (log->anchor_next + 1) % NITRO_AUDIT_ANCHORS;
		if (log->nr_anchors < NITRO_AUDIT_ANCHORS)
			log->nr_anchors++;
	}
	spin_unlock_irqrestore(&log->lock, flags);
	return err;
}

/* Copy the kept anchors with @from <= seq <= @to, oldest first. */
u32 nitro_audit_log_anchors(struct nitro_audit_log *log, u64 from, u64 to,
			    struct nitro_audit_anchor *out, u32 max)
{
	const struct nitro_audit_anchor *a;
	unsigned long flags;
	u32 i, n = 0;

	spin_lock_irqsave(&log->lock, flags);
	for (i = 0; i < log->nr_anchors && n < max; i++) {
		a = &log->anchors[(log->anchor_next + NITRO_AUDIT_ANCHORS -
				   log->nr_anchors + i) % NITRO_AUDIT_ANCHORS];
		if (a->seq >= from && a->seq <= to)
			out[n++] = *a;
	}
	spin_unlock_irqrestore(&log->lock, flags);
	return n;
}

/* Shrink the usable part of the log (tests of the full log). */
int nitro_audit_log_set_limit(struct nitro_audit_log *log, u32 limit)
{
	unsigned long flags;
	int err = 0;

	if (limit < NITRO_AUDIT_MIN_LIMIT || limit > log->capacity)
		return -EINVAL;
	spin_lock_irqsave(&log->lock, flags);
	if (limit < log->count)
		err = -EBUSY;
	else
		log->limit = limit;
	spin_unlock_irqrestore(&log->lock, flags);
	return err;
}

/**
 * nitro_audit_verify() - check a run of records
 * @recs: the records in the order read
 * @n: how many
 * @first_seq: the sequence number the first must have
 * @head: the hash the last must have, or NULL
 *
 * Detects an altered record (its hash), a removed, inserted or reordered
 * one (sequence numbers and prev links) and a removed newest one (@head).
 *
 * Return: -1 if the run is intact, else the index of the first bad record
 * (@n when only @head does not match).
 */
long nitro_audit_verify(const struct nitro_audit_rec *recs, u32 n,
			u64 first_seq, const u8 *head)
{
	u8 h[NITRO_AUDIT_HASH_LEN];
	u32 i;

	for (i = 0; i < n; i++) {
		nitro_audit_hash(&recs[i], h);
		if (memcmp(h, recs[i].hash, sizeof(h)))
			return i;
		if (recs[i].seq != first_seq + i)
			return i;
		if (i && memcmp(recs[i].prev, recs[i - 1].hash, sizeof(h)))
			return i;
		if (recs[i].seq == 1 && memchr_inv(recs[i].prev, 0, sizeof(h)))
			return i;
	}
	if (head && (n ? memcmp(head, recs[n - 1].hash, sizeof(h)) :
		     false))
		return n;
	return -1;
}

void nitro_audit_record(u32 principal, const char *op, const char *object,
			int result)
{
	if (!nitro_audit_main.recs) {
		/* Before init or after exit: the kernel log is all there is. */
		pr_info("audit: principal=%u op=%s object=%s result=%d\n",
			principal, op, object ? object : "-", result);
		return;
	}
	/*
	 * The controller's own events (anomalies, mdev provisioning and
	 * creation) are rare and matter to whoever reads the host's log:
	 * they go there too. Requests are in the chain and Linux audit only.
	 */
	if (principal == NITRO_PRINCIPAL_CTRL)
		pr_info("audit: principal=%u op=%s object=%s result=%d\n",
			principal, op, object ? object : "-", result);
	if (!nitro_audit_log_append(&nitro_audit_main, principal, op, object,
				    result, ktime_get_real_ns()))
		nitro_audit_anchor_kick(READ_ONCE(nitro_audit_main.next_seq) - 1);
}

int nitro_audit_init(void)
{
	int err;

	err = nitro_audit_log_init(&nitro_audit_main, NITRO_AUDIT_CAPACITY);
	if (!err)
		nitro_audit_main.emit = true;
	return err;
}

void nitro_audit_exit(void)
{
	unsigned long flags;
	struct nitro_audit_rec *recs;

	nitro_audit_anchor_stop();
	spin_lock_irqsave(&nitro_audit_main.lock, flags);
	recs = nitro_audit_main.recs;
	nitro_audit_main.recs = NULL;
	spin_unlock_irqrestore(&nitro_audit_main.lock, flags);
	kvfree(recs);
}

#ifdef NITRO_TEST_HOOKS
/*
 * Tamper with the stored records the way an attacker with write access to
 * the log's memory but without the chain's history would: without
 * recomputing the hashes of the records that follow. Test builds only.
 */
int nitro_audit_tamper(struct nitro_audit_log *log, const char *kind, u64 seq)
{
	struct nitro_audit_rec *a, *b, tmp;
	unsigned long flags;
	int err = 0;
	u32 pos, i;

	spin_lock_irqsave(&log->lock, flags);
	if (seq < log->first_seq || seq - log->first_seq >= log->count) {
		err = -ENOENT;
		goto out;
	}
	pos = seq - log->first_seq;
	a = nitro_audit_at(log, pos);
	if (!strcmp(kind, "alter")) {
		a->result = a->result ? 0 : -EPERM;
	} else if (!strcmp(kind, "rehash")) {
		/* Alter and fix this record's own hash: the next link breaks. */
		strscpy(a->object, "forged", sizeof(a->object));
		nitro_audit_hash(a, a->hash);
	} else if (!strcmp(kind, "drop")) {
		for (i = pos; i + 1 < log->count; i++)
			*nitro_audit_at(log, i) = *nitro_audit_at(log, i + 1);
		log->count--;
	} else if (!strcmp(kind, "swap")) {
		if (pos + 1 >= log->count) {
			err = -ENOENT;
			goto out;
		}
		b = nitro_audit_at(log, pos + 1);
		tmp = *a;
		*a = *b;
		*b = tmp;
	} else if (!strcmp(kind, "insert")) {
		if (log->count >= log->limit) {
			err = -ENOSPC;
			goto out;
		}
		for (i = log->count; i > pos; i--)
			*nitro_audit_at(log, i) = *nitro_audit_at(log, i - 1);
		log->count++;
		a = nitro_audit_at(log, pos);
		strscpy(a->object, "inserted", sizeof(a->object));
		nitro_audit_hash(a, a->hash);
	} else if (!strcmp(kind, "rewrite") || !strcmp(kind, "rewrite-anchors")) {
		/*
		 * The attacker who also recomputes every later hash and the
		 * head: the chain is consistent again, only the anchors tell.
		 * "rewrite-anchors" also moves their hashes, which leaves
		 * their MACs, which need the device key, wrong.
		 */
		strscpy(a->object, "rewritten", sizeof(a->object));
		for (i = pos; i < log->count; i++) {
			b = nitro_audit_at(log, i);
			if (i > pos)
				memcpy(b->prev, nitro_audit_at(log, i - 1)->hash,
				       NITRO_AUDIT_HASH_LEN);
			nitro_audit_hash(b, b->hash);
		}
		memcpy(log->head, nitro_audit_at(log, log->count - 1)->hash,
		       NITRO_AUDIT_HASH_LEN);
		for (i = 0; kind[7] && i < NITRO_AUDIT_ANCHORS; i++) {
			struct nitro_audit_anchor *an = &log->anchors[i];

			if (i < log->nr_anchors && an->seq >= seq &&
			    an->seq - log->first_seq < log->count)
				memcpy(an->hash, nitro_audit_at(log, an->seq -
						log->first_seq)->hash,
				       NITRO_AUDIT_HASH_LEN);
		}
	} else {
		err = -EINVAL;
	}
out:
	spin_unlock_irqrestore(&log->lock, flags);
	return err;
}
#endif
