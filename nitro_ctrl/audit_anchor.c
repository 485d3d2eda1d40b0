// SPDX-License-Identifier: GPL-2.0
/*
 * Anchors of the audit chain (Documentation/api.rst, "Anchors"): the
 * controller asks nitro_sec to HMAC (seq, hash) of the newest record under
 * the device key, which the controller never holds. A rewrite of the log
 * that recomputes every hash then still disagrees with the anchors, and an
 * anchor cannot be forged without the device key.
 *
 * When: every NITRO_AUDIT_ANCHOR_EVERY records, and on every AUDIT_READ, so
 * that what an auditor reads ends in an anchor. Records are appended in any
 * context, under a spinlock, while a mailbox round trip sleeps: the append
 * only kicks a work item, which asks nitro_sec from process context. The
 * controller asks; nitro_sec never initiates. A refusal (no nitro_sec, no
 * device key) is counted, not recorded, so that it cannot feed itself.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/mutex.h>
#include <linux/workqueue.h>

#include "audit.h"
#include "sec_client.h"

static_assert(NITRO_AUDIT_MAC_LEN == NITRO_SEC_MAC_LEN);
static_assert(NITRO_AUDIT_HASH_LEN == NITRO_SEC_HASH_LEN);

/* One request to nitro_sec at a time, and the fields below. */
static DEFINE_MUTEX(nitro_anchor_lock);
static u64 nitro_anchor_tried;		/* newest seq asked for */
static struct nitro_audit_anchor_stats nitro_anchor_stats;
static bool nitro_anchor_stopped;

/**
 * nitro_audit_anchor_now() - anchor the newest record, if not yet done
 *
 * May sleep (a mailbox round trip to nitro_sec).
 *
 * Return: 0 when the newest record is anchored (now or before), -ENODATA
 * for an empty log, else nitro_sec's refusal (-ENODEV, -ENOKEY, ...).
 */
int nitro_audit_anchor_now(void)
{
	struct nitro_audit_log *log = nitro_audit_log();
	struct nitro_audit_anchor a = {};
	int err;

	mutex_lock(&nitro_anchor_lock);
	err = nitro_audit_log_head(log, &a.seq, a.hash);
	if (err || nitro_anchor_stopped)
		goto out_unlock;
	if (a.seq <= nitro_anchor_tried && !nitro_anchor_stats.last_err)
		goto out_unlock;
	nitro_anchor_tried = a.seq;
	err = nitro_sec_anchor(a.seq, a.hash, a.mac);
	if (!err)
		err = nitro_audit_log_anchor_add(log, &a);
	if (err == -EALREADY)
		err = 0;
	if (err)
		nitro_anchor_stats.failed++;
	else
		nitro_anchor_stats.signed_++;
	nitro_anchor_stats.last_err = err;
out_unlock:
	mutex_unlock(&nitro_anchor_lock);
	return err;
}

static void nitro_audit_anchor_work(struct work_struct *work)
{
	nitro_audit_anchor_now();
}

static DECLARE_WORK(nitro_anchor_work, nitro_audit_anchor_work);

/*
 * After an append, any context: every NITRO_AUDIT_ANCHOR_EVERY records
 * since the last one asked for, ask again. Racy reads are fine: at worst
 * one anchor is asked for a record late or twice (the second is a no-op).
 */
void nitro_audit_anchor_kick(u64 head_seq)
{
	if (head_seq >= READ_ONCE(nitro_anchor_tried) + NITRO_AUDIT_ANCHOR_EVERY)
		schedule_work(&nitro_anchor_work);
}

/* Module exit: no request to nitro_sec runs or starts after this. */
void nitro_audit_anchor_stop(void)
{
	mutex_lock(&nitro_anchor_lock);
	nitro_anchor_stopped = true;
	mutex_unlock(&nitro_anchor_lock);
	cancel_work_sync(&nitro_anchor_work);
}

void nitro_audit_anchor_stats(struct nitro_audit_anchor_stats *st)
{
	mutex_lock(&nitro_anchor_lock);
	*st = nitro_anchor_stats;
	mutex_unlock(&nitro_anchor_lock);
}
