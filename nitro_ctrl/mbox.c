// SPDX-License-Identifier: GPL-2.0
/*
 * The mailbox between nitro_ctrl and one component instance
 * (Documentation/mailbox.rst).
 *
 * The controller is the only producer of the command ring and the component
 * the only producer of the completion ring. Every completion must name an
 * outstanding command by its tag; anything else is dropped, counted and
 * raises the component's alarm, and never reaches a caller. A component that
 * does not answer in time is marked failed.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/ctype.h>
#include <linux/jiffies.h>
#include <linux/lockdep.h>
#include <linux/mutex.h>
#include <linux/ratelimit.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "audit.h"
#include "ctrl.h"
#include "mbox.h"

static const char *const nitro_mbox_drop_ops[NITRO_MBOX_NR_DROPS] = {
	[NITRO_MBOX_DROP_UNKNOWN]	= "mbox.drop.unknown",
	[NITRO_MBOX_DROP_DUPLICATE]	= "mbox.drop.duplicate",
	[NITRO_MBOX_DROP_STALE]		= "mbox.drop.stale",
	[NITRO_MBOX_DROP_MALFORMED]	= "mbox.drop.malformed",
};

static const char *const nitro_mbox_drop_names[NITRO_MBOX_NR_DROPS] = {
	[NITRO_MBOX_DROP_UNKNOWN]	= "unknown tag",
	[NITRO_MBOX_DROP_DUPLICATE]	= "duplicate tag",
	[NITRO_MBOX_DROP_STALE]		= "stale tag",
	[NITRO_MBOX_DROP_MALFORMED]	= "malformed",
};

static DEFINE_MUTEX(nitro_mbox_list_lock);
static LIST_HEAD(nitro_mbox_list);
static const struct nitro_registry_watcher *nitro_registry_watcher;

const char *nitro_mbox_state_name(enum nitro_mbox_state state)
{
	switch (state) {
	case NITRO_MBOX_REGISTERED:
		return "registered";
	case NITRO_MBOX_LIVE:
		return "live";
	case NITRO_MBOX_FAILED:
		return "failed";
	case NITRO_MBOX_DEAD:
		return "dead";
	}
	return "invalid";
}

int nitro_mbox_status_to_errno(u16 status)
{
	switch (status) {
	case NITRO_MBOX_S_OK:
		return 0;
	case NITRO_MBOX_S_INVALID_OPCODE:
		return -EOPNOTSUPP;
	case NITRO_MBOX_S_INVALID_FIELD:
		return -EINVAL;
	case NITRO_MBOX_S_BUSY:
		return -EBUSY;
	case NITRO_MBOX_S_ABORTED:
		return -ECANCELED;
	case NITRO_MBOX_S_DENIED:
		return -EACCES;
	case NITRO_MBOX_S_INTERNAL:
	default:
		return -EIO;
	}
}

static bool nitro_mbox_name_valid(const char *name)
{
	size_t len = name ? strnlen(name, NITRO_MBOX_NAME_MAX + 1) : 0;
	size_t i;

	if (!len || len > NITRO_MBOX_NAME_MAX)
		return false;
	for (i = 0; i < len; i++)
		if (!islower(name[i]) && !isdigit(name[i]) &&
		    name[i] != '_' && name[i] != '-')
			return false;
	return true;
}

/*
 * Create a mailbox that nobody else can see yet: no sysfs, no registry, no
 * heartbeat. nitro_mbox_register() publishes it; KUnit uses it as is.
 */
struct nitro_mbox *nitro_mbox_create(const struct nitro_mbox_port_config *cfg)
{
	struct nitro_mbox *mb;
	int err;

	if (!cfg || !cfg->ops || !cfg->ops->kick ||
	    !nitro_mbox_name_valid(cfg->name) ||
	    !cfg->depth || cfg->depth > NITRO_MBOX_MAX_DEPTH ||
	    cfg->nr_event_polls > NITRO_MBOX_MAX_EVENT_POLLS)
		return ERR_PTR(-EINVAL);

	mb = kzalloc(sizeof(*mb), GFP_KERNEL);
	if (!mb)
		return ERR_PTR(-ENOMEM);
	/* From here on the kobject owns mb: every error path is a put. */
	kobject_init(&mb->kobj, &nitro_mbox_ktype);

	strscpy(mb->name, cfg->name, sizeof(mb->name));
	mb->ops = cfg->ops;
	mb->priv = cfg->priv;
	mb->owner = cfg->owner;
	mb->kind = cfg->kind;
	if (cfg->build_id)
		strscpy(mb->build_id, cfg->build_id, sizeof(mb->build_id));
	mb->nr_event_polls = cfg->nr_event_polls;
	spin_lock_init(&mb->lock);
	spin_lock_init(&mb->fetch_lock);
	spin_lock_init(&mb->complete_lock);
	refcount_set(&mb->users, 1);
	init_completion(&mb->drained);
	INIT_DELAYED_WORK(&mb->health, nitro_mbox_health_work);
	INIT_LIST_HEAD(&mb->node);
	mb->state = NITRO_MBOX_REGISTERED;

	/*
	 * Every tag can be outstanding at once: the command ring's depth for
	 * ordinary commands plus the parked EVENT_POLLs. The completion ring
	 * holds one answer per tag, so an honest component never finds it full.
	 */
	mb->nr_slots = cfg->depth + cfg->nr_event_polls;
	mb->slots = kcalloc(mb->nr_slots, sizeof(*mb->slots), GFP_KERNEL);
	if (!mb->slots) {
		err = -ENOMEM;
		goto err_put;
	}
	err = nitro_ring_init(&mb->cmdq, cfg->depth, sizeof(struct nitro_mbox_cmd));
	if (err)
		goto err_put;
	err = nitro_ring_init(&mb->cplq, mb->nr_slots, sizeof(struct nitro_mbox_cpl));
	if (err)
		goto err_put;
	return mb;

err_put:
	kobject_put(&mb->kobj);
	return ERR_PTR(err);
}

bool nitro_mbox_tryget(struct nitro_mbox *mb)
{
	unsigned long flags;
	bool ok;

	spin_lock_irqsave(&mb->lock, flags);
	ok = mb->state != NITRO_MBOX_DEAD;
	if (ok)
		refcount_inc(&mb->users);
	spin_unlock_irqrestore(&mb->lock, flags);
	return ok;
}

void nitro_mbox_unuse(struct nitro_mbox *mb)
{
	if (refcount_dec_and_test(&mb->users))
		complete(&mb->drained);
}

/* Slots are handed out round robin so an old tag stays recognisably stale. */
static int nitro_mbox_post_locked(struct nitro_mbox *mb,
				  const struct nitro_mbox_req *req,
				  struct nitro_mbox_waiter *waiter, u32 *tagp)
{
	struct nitro_mbox_cmd cmd = {};
	struct nitro_mbox_slot *slot;
	u32 i, idx = 0;
	u16 gen;

	lockdep_assert_held(&mb->lock);

	if (mb->state != NITRO_MBOX_LIVE)
		return mb->state == NITRO_MBOX_FAILED ? -EIO : -ENODEV;
	if (req->len > NITRO_MBOX_PAYLOAD_SIZE || (req->len && !req->payload) ||
	    req->data_len > NITRO_MBOX_DATA_MAX || !req->data != !req->data_len)
		return -EINVAL;
	if (nitro_ring_full(&mb->cmdq)) {
		mb->stats.ring_full++;
		return -ENOSPC;
	}
	for (i = 0; i < mb->nr_slots; i++) {
		idx = (mb->next_slot + i) % mb->nr_slots;
		if (mb->slots[idx].state != NITRO_SLOT_POSTED)
			break;
	}
	if (i == mb->nr_slots) {
		mb->stats.no_tag++;
		return -EBUSY;
	}
	slot = &mb->slots[idx];
	gen = slot->gen + 1 ? slot->gen + 1 : 1;

	cmd.version = cpu_to_le16(NITRO_MBOX_VERSION);
	cmd.opcode = cpu_to_le16(req->opcode);
	cmd.tag = cpu_to_le32(NITRO_MBOX_TAG(idx, gen));
	cmd.len = cpu_to_le32(req->len);
	cmd.data_len = cpu_to_le32(req->data_len);
	if (req->len)
		memcpy(cmd.payload, req->payload, req->len);
	/* Cannot fail: we are the only producer and the ring was not full. */
	nitro_ring_push(&mb->cmdq, &cmd);

	slot->gen = gen;
	slot->state = NITRO_SLOT_POSTED;
	slot->opcode = req->opcode;
	slot->waiter = waiter;
	slot->data = req->data;
	slot->data_len = req->data_len;
	mb->next_slot = (idx + 1) % mb->nr_slots;
	mb->stats.posted++;
	mb->stats.outstanding++;
	if (tagp)
		*tagp = NITRO_MBOX_TAG(idx, gen);
	return 0;
}

/* The command of @slot is over: nothing may reach its data buffer now. */
static void nitro_mbox_end_locked(struct nitro_mbox *mb,
				  struct nitro_mbox_slot *slot,
				  enum nitro_mbox_slot_state state)
{
	lockdep_assert_held(&mb->lock);
	slot->state = state;
	slot->waiter = NULL;
	slot->data = NULL;
	slot->data_len = 0;
	mb->stats.outstanding--;
}

static u32 nitro_mbox_event_polls_locked(struct nitro_mbox *mb)
{
	u32 i, n = 0;

	lockdep_assert_held(&mb->lock);
	for (i = 0; i < mb->nr_slots; i++)
		if (mb->slots[i].state == NITRO_SLOT_POSTED &&
		    mb->slots[i].opcode == NITRO_MBOX_OP_EVENT_POLL)
			n++;
	return n;
}

static const struct nitro_mbox_req nitro_mbox_event_poll = {
	.opcode = NITRO_MBOX_OP_EVENT_POLL,
};

/*
 * Keep nr_event_polls EVENT_POLLs outstanding, like an NVMe host keeps its
 * Asynchronous Event Requests posted. Called on start, after every event and
 * from the heartbeat, so a poll that found the ring full is posted later.
 */
void nitro_mbox_replenish(struct nitro_mbox *mb)
{
	unsigned long flags;
	bool posted = false;
	u32 have;

	if (!nitro_mbox_tryget(mb))
		return;
	spin_lock_irqsave(&mb->lock, flags);
	for (have = nitro_mbox_event_polls_locked(mb);
	     have < mb->nr_event_polls; have++) {
		if (nitro_mbox_post_locked(mb, &nitro_mbox_event_poll, NULL,
					   NULL))
			break;
		posted = true;
	}
	spin_unlock_irqrestore(&mb->lock, flags);
	if (posted)
		mb->ops->kick(mb->priv);
	nitro_mbox_unuse(mb);
}

void nitro_mbox_start(struct nitro_mbox *mb)
{
	unsigned long flags;
	bool started;

	spin_lock_irqsave(&mb->lock, flags);
	started = mb->state == NITRO_MBOX_REGISTERED;
	if (started)
		mb->state = NITRO_MBOX_LIVE;
	spin_unlock_irqrestore(&mb->lock, flags);
	if (!started)
		return;

	nitro_mbox_replenish(mb);
	if (mb->health_enabled)
		queue_delayed_work(system_wq, &mb->health, 0);
}

/**
 * nitro_mbox_post_req() - post one command without waiting for its answer
 * @mb: the mailbox
 * @req: the command; any opcode but EVENT_POLL, which only the controller
 *       posts. Its data buffer, if any, must stay valid until @w completes
 *       or nitro_mbox_wait() returns.
 * @w: where the answer goes; initialised here. It must stay valid until it
 *     is completed (by the answer or a stop) or nitro_mbox_wait() returns.
 * @tagp: the command's tag
 *
 * Return: 0; -EINVAL for a bad request, -ENOSPC if the command ring is
 * full, -EBUSY if every tag is outstanding, -EIO if the component failed,
 * -ENODEV if it is gone.
 */
int nitro_mbox_post_req(struct nitro_mbox *mb, const struct nitro_mbox_req *req,
			struct nitro_mbox_waiter *w, u32 *tagp)
{
	unsigned long flags;
	int err;

	if (req->opcode == NITRO_MBOX_OP_EVENT_POLL || !w)
		return -EINVAL;
	if (!nitro_mbox_tryget(mb))
		return -ENODEV;

	init_completion(&w->done);
	w->err = 0;
	w->data_out = 0;
	spin_lock_irqsave(&mb->lock, flags);
	err = nitro_mbox_post_locked(mb, req, w, tagp);
	spin_unlock_irqrestore(&mb->lock, flags);
	if (!err)
		mb->ops->kick(mb->priv);
	nitro_mbox_unuse(mb);
	return err;
}

int nitro_mbox_post(struct nitro_mbox *mb, u16 opcode, const void *payload,
		    u32 len, struct nitro_mbox_waiter *w, u32 *tagp)
{
	const struct nitro_mbox_req req = {
		.opcode = opcode, .payload = payload, .len = len,
	};

	return nitro_mbox_post_req(mb, &req, w, tagp);
}

/**
 * nitro_mbox_wait() - wait for the answer to a posted command
 * @mb: the mailbox
 * @w: the waiter given to nitro_mbox_post()
 * @tag: the tag it returned
 * @timeout_ms: how long; 0 means NITRO_MBOX_TIMEOUT_MS
 * @cpl: the answer, may be NULL
 *
 * A command that is not answered in time is abandoned (its late answer will
 * be dropped as stale) and the component is marked failed.
 *
 * Return: 0 or the errno of the answer's status; -EPROTO for a malformed
 * answer, -ETIMEDOUT, or -ENODEV if the mailbox was stopped meanwhile.
 */
int nitro_mbox_wait(struct nitro_mbox *mb, struct nitro_mbox_waiter *w,
		    u32 tag, unsigned int timeout_ms, struct nitro_mbox_cpl *cpl)
{
	struct nitro_mbox_slot *slot;
	unsigned long flags;
	bool timed_out = false;

	might_sleep();
	if (!timeout_ms)
		timeout_ms = NITRO_MBOX_TIMEOUT_MS;
	if (!wait_for_completion_timeout(&w->done, msecs_to_jiffies(timeout_ms))) {
		spin_lock_irqsave(&mb->lock, flags);
		slot = &mb->slots[NITRO_MBOX_TAG_SLOT(tag)];
		if (slot->state == NITRO_SLOT_POSTED && slot->waiter == w) {
			nitro_mbox_end_locked(mb, slot, NITRO_SLOT_ABANDONED);
			mb->stats.timed_out++;
			if (mb->state == NITRO_MBOX_LIVE)
				mb->state = NITRO_MBOX_FAILED;
			timed_out = true;
		}
		spin_unlock_irqrestore(&mb->lock, flags);
		if (timed_out) {
			nitro_audit_record(NITRO_PRINCIPAL_CTRL, "mbox.timeout",
					   mb->name, -ETIMEDOUT);
			pr_err("%s: command tag %#x timed out after %u ms, component failed\n",
			       mb->name, tag, timeout_ms);
			return -ETIMEDOUT;
		}
		/* The answer raced with the timeout and won. */
		wait_for_completion(&w->done);
	}
	if (cpl && w->err != -EPROTO && w->err != -ENODEV)
		*cpl = w->cpl;
	return w->err;
}

/* Post and wait: the controller's ordinary way of asking. */
int nitro_mbox_call_req(struct nitro_mbox *mb, const struct nitro_mbox_req *req,
			struct nitro_mbox_cpl *cpl, u32 *data_out,
			unsigned int timeout_ms)
{
	struct nitro_mbox_waiter w;
	u32 tag;
	int err;

	err = nitro_mbox_post_req(mb, req, &w, &tag);
	if (err)
		return err;
	err = nitro_mbox_wait(mb, &w, tag, timeout_ms, cpl);
	if (data_out)
		*data_out = err ? 0 : w.data_out;
	return err;
}

int nitro_mbox_call(struct nitro_mbox *mb, u16 opcode, const void *payload,
		    u32 len, struct nitro_mbox_cpl *cpl,
		    unsigned int timeout_ms)
{
	const struct nitro_mbox_req req = {
		.opcode = opcode, .payload = payload, .len = len,
	};

	return nitro_mbox_call_req(mb, &req, cpl, NULL, timeout_ms);
}

static void nitro_mbox_anomaly_locked(struct nitro_mbox *mb,
				      enum nitro_mbox_drop why, u32 tag,
				      const char *what)
{
	lockdep_assert_held(&mb->lock);
	mb->stats.dropped[why]++;
	mb->alarm = true;
	nitro_audit_record(NITRO_PRINCIPAL_CTRL, nitro_mbox_drop_ops[why],
			   mb->name, -EPROTO);
	pr_warn_ratelimited("%s: dropped completion tag %#x: %s%s%s; component in alarm\n",
			    mb->name, tag, nitro_mbox_drop_names[why],
			    what ? ": " : "", what ? what : "");
}

void nitro_mbox_anomaly(struct nitro_mbox *mb, enum nitro_mbox_drop why,
			u32 tag, const char *what)
{
	unsigned long flags;

	spin_lock_irqsave(&mb->lock, flags);
	nitro_mbox_anomaly_locked(mb, why, tag, what);
	spin_unlock_irqrestore(&mb->lock, flags);
}

/* Returns NITRO_MBOX_NR_DROPS for a tag naming an outstanding command. */
static enum nitro_mbox_drop nitro_mbox_classify_locked(struct nitro_mbox *mb,
						       u32 tag)
{
	u16 idx = NITRO_MBOX_TAG_SLOT(tag), gen = NITRO_MBOX_TAG_GEN(tag);
	const struct nitro_mbox_slot *slot;

	lockdep_assert_held(&mb->lock);
	if (idx >= mb->nr_slots || !gen)
		return NITRO_MBOX_DROP_UNKNOWN;
	slot = &mb->slots[idx];
	if (slot->state == NITRO_SLOT_IDLE)
		return NITRO_MBOX_DROP_UNKNOWN;
	if (gen == slot->gen) {
		switch (slot->state) {
		case NITRO_SLOT_POSTED:
			return NITRO_MBOX_NR_DROPS;
		case NITRO_SLOT_ANSWERED:
			return NITRO_MBOX_DROP_DUPLICATE;
		default:
			return NITRO_MBOX_DROP_STALE;
		}
	}
	/* An earlier generation of this slot, or one not issued yet. */
	if ((u16)(slot->gen - gen) < 0x8000)
		return NITRO_MBOX_DROP_STALE;
	return NITRO_MBOX_DROP_UNKNOWN;
}

static bool nitro_mbox_cpl_valid(const struct nitro_mbox_cpl *cpl,
				 const struct nitro_mbox_slot *slot)
{
	const struct nitro_mbox_event *ev = (const void *)cpl->payload;
	u16 status = le16_to_cpu(cpl->status), opcode = slot->opcode;
	u32 len = le32_to_cpu(cpl->len);

	if (le16_to_cpu(cpl->version) != NITRO_MBOX_VERSION ||
	    le16_to_cpu(cpl->opcode) != opcode ||
	    le16_to_cpu(cpl->data_len) > slot->data_len ||
	    len > NITRO_MBOX_PAYLOAD_SIZE || status > NITRO_MBOX_S_DENIED)
		return false;
	if (opcode == NITRO_MBOX_OP_EVENT_POLL && status == NITRO_MBOX_S_OK)
		return len == sizeof(*ev) && !ev->rsvd &&
		       le16_to_cpu(ev->type) >= NITRO_EVENT_NOTICE &&
		       le16_to_cpu(ev->type) <= NITRO_EVENT_LOST;
	return true;
}

enum nitro_mbox_settled {
	NITRO_SETTLED_DROPPED,
	NITRO_SETTLED_DONE,
	NITRO_SETTLED_EVENT,
};

static enum nitro_mbox_settled
nitro_mbox_settle_locked(struct nitro_mbox *mb, const struct nitro_mbox_cpl *cpl)
{
	u32 tag = le32_to_cpu(cpl->tag);
	struct nitro_mbox_waiter *waiter;
	struct nitro_mbox_slot *slot;
	enum nitro_mbox_drop why;
	int err;

	lockdep_assert_held(&mb->lock);
	why = nitro_mbox_classify_locked(mb, tag);
	if (why != NITRO_MBOX_NR_DROPS) {
		nitro_mbox_anomaly_locked(mb, why, tag, NULL);
		return NITRO_SETTLED_DROPPED;
	}

	slot = &mb->slots[NITRO_MBOX_TAG_SLOT(tag)];
	if (nitro_mbox_cpl_valid(cpl, slot)) {
		err = nitro_mbox_status_to_errno(le16_to_cpu(cpl->status));
	} else {
		/* Its content is not used, but the command it names is over. */
		nitro_mbox_anomaly_locked(mb, NITRO_MBOX_DROP_MALFORMED, tag, NULL);
		err = -EPROTO;
	}
	waiter = slot->waiter;
	nitro_mbox_end_locked(mb, slot, NITRO_SLOT_ANSWERED);
	mb->last_answered_tag = tag;
	mb->stats.completed++;

	if (waiter) {
		waiter->err = err;
		if (err != -EPROTO) {
			waiter->cpl = *cpl;
			waiter->data_out = le16_to_cpu(cpl->data_len);
		}
		complete(&waiter->done);
		return NITRO_SETTLED_DONE;
	}
	/*
	 * An EVENT_POLL. One answered with an error or malformed is not
	 * replaced at once: a broken component must not spin us in a loop.
	 * The heartbeat tops the polls up again.
	 */
	if (err)
		return NITRO_SETTLED_DONE;
	mb->stats.events++;
	return NITRO_SETTLED_EVENT;
}

static void nitro_mbox_reap(struct nitro_mbox *mb)
{
	enum nitro_mbox_settled settled;
	struct nitro_mbox_event ev;
	struct nitro_mbox_cpl cpl;
	unsigned long flags;
	bool events = false;

	for (;;) {
		spin_lock_irqsave(&mb->lock, flags);
		if (!nitro_ring_pop(&mb->cplq, &cpl)) {
			spin_unlock_irqrestore(&mb->lock, flags);
			break;
		}
		/* After unregistration, answers no longer matter. */
		settled = mb->state == NITRO_MBOX_DEAD ? NITRO_SETTLED_DONE :
			  nitro_mbox_settle_locked(mb, &cpl);
		spin_unlock_irqrestore(&mb->lock, flags);

		if (settled == NITRO_SETTLED_EVENT) {
			memcpy(&ev, cpl.payload, sizeof(ev));
			if (mb->on_event)
				mb->on_event(mb, &ev);
			events = true;
		}
	}
	if (events)
		nitro_mbox_replenish(mb);
}

/* Stop all use by the controller; after this the ops are never called. */
void nitro_mbox_stop(struct nitro_mbox *mb)
{
	unsigned long flags;
	u32 i;

	spin_lock_irqsave(&mb->lock, flags);
	if (mb->state == NITRO_MBOX_DEAD) {
		spin_unlock_irqrestore(&mb->lock, flags);
		return;
	}
	/* Read without the lock by nitro_mbox_complete()'s fast path. */
	WRITE_ONCE(mb->state, NITRO_MBOX_DEAD);
	for (i = 0; i < mb->nr_slots; i++) {
		struct nitro_mbox_slot *slot = &mb->slots[i];
		struct nitro_mbox_waiter *waiter = slot->waiter;

		if (slot->state != NITRO_SLOT_POSTED)
			continue;
		nitro_mbox_end_locked(mb, slot, NITRO_SLOT_ABANDONED);
		mb->stats.aborted++;
		if (waiter) {
			waiter->err = -ENODEV;
			complete(&waiter->done);
		}
	}
	spin_unlock_irqrestore(&mb->lock, flags);

	cancel_delayed_work_sync(&mb->health);
	nitro_mbox_unuse(mb);
	wait_for_completion(&mb->drained);
}

void nitro_mbox_snapshot(struct nitro_mbox *mb, struct nitro_mbox_stats *st,
			 enum nitro_mbox_state *state, bool *alarm)
{
	unsigned long flags;

	spin_lock_irqsave(&mb->lock, flags);
	if (st)
		*st = mb->stats;
	if (state)
		*state = mb->state;
	if (alarm)
		*alarm = mb->alarm;
	spin_unlock_irqrestore(&mb->lock, flags);
}

static void nitro_mbox_log_event(struct nitro_mbox *mb,
				 const struct nitro_mbox_event *ev)
{
	pr_info_ratelimited("%s: event type %u code %#x args %#llx %#llx: %.*s\n",
			    mb->name, le16_to_cpu(ev->type),
			    le32_to_cpu(ev->code), le64_to_cpu(ev->arg[0]),
			    le64_to_cpu(ev->arg[1]), (int)sizeof(ev->msg),
			    ev->msg);
}

struct nitro_mbox *nitro_mbox_find(const char *name)
{
	struct nitro_mbox *mb;

	mutex_lock(&nitro_mbox_list_lock);
	list_for_each_entry(mb, &nitro_mbox_list, node) {
		if (!strcmp(mb->name, name) && nitro_mbox_tryget(mb)) {
			mutex_unlock(&nitro_mbox_list_lock);
			return mb;
		}
	}
	mutex_unlock(&nitro_mbox_list_lock);
	return NULL;
}

static void nitro_registry_id(const struct nitro_mbox *mb,
			      struct nitro_component_id *id)
{
	id->name = mb->name;
	id->kind = mb->kind;
	id->build_id = mb->build_id;
	id->owner = mb->owner;
}

static void nitro_registry_notify(struct nitro_mbox *mb, bool added)
{
	const struct nitro_registry_watcher *w = nitro_registry_watcher;
	struct nitro_component_id id;

	lockdep_assert_held(&nitro_mbox_list_lock);
	if (!w)
		return;
	nitro_registry_id(mb, &id);
	if (added)
		w->added(w->priv, &id);
	else
		w->removed(w->priv, &id);
}

/**
 * nitro_registry_watch() - hear of every component registration
 * @w: the watcher; the components already registered are replayed to it
 *
 * Return: 0, -EINVAL for an incomplete watcher, -EBUSY if there is one.
 */
int nitro_registry_watch(const struct nitro_registry_watcher *w)
{
	struct nitro_mbox *mb;
	int err = 0;

	if (!w || !w->added || !w->removed)
		return -EINVAL;
	mutex_lock(&nitro_mbox_list_lock);
	if (nitro_registry_watcher) {
		err = -EBUSY;
	} else {
		nitro_registry_watcher = w;
		list_for_each_entry(mb, &nitro_mbox_list, node)
			nitro_registry_notify(mb, true);
	}
	mutex_unlock(&nitro_mbox_list_lock);
	return err;
}
EXPORT_SYMBOL_GPL(nitro_registry_watch);

/* After it returns, @w is not called again. */
void nitro_registry_unwatch(const struct nitro_registry_watcher *w)
{
	mutex_lock(&nitro_mbox_list_lock);
	if (nitro_registry_watcher == w)
		nitro_registry_watcher = NULL;
	mutex_unlock(&nitro_mbox_list_lock);
}
EXPORT_SYMBOL_GPL(nitro_registry_unwatch);

/* ---- the component's side ---- */

/**
 * nitro_mbox_register() - give a component instance its mailbox
 * @cfg: name, ring depth, number of EVENT_POLLs and the kick callback
 *
 * The controller posts nothing until nitro_mbox_ready().
 *
 * Return: the mailbox, or an ERR_PTR: -EINVAL for a bad config, -EEXIST for
 * a name in use, -ENODEV if the controller is going away.
 */
struct nitro_mbox *nitro_mbox_register(const struct nitro_mbox_port_config *cfg)
{
	struct nitro_mbox *mb, *other;
	int err;

	mb = nitro_mbox_create(cfg);
	if (IS_ERR(mb))
		return mb;
	mb->on_event = nitro_mbox_log_event;
	mb->health_enabled = true;

	/* Check the name first: sysfs would complain loudly about a twin. */
	mutex_lock(&nitro_mbox_list_lock);
	list_for_each_entry(other, &nitro_mbox_list, node) {
		if (!strcmp(other->name, mb->name)) {
			err = -EEXIST;
			goto err_unlock;
		}
	}
	err = kobject_add(&mb->kobj, nitro_ctrl_mbox_kobj(), "%s", mb->name);
	if (err)
		goto err_unlock;
	list_add_tail(&mb->node, &nitro_mbox_list);
	nitro_registry_notify(mb, true);
	mutex_unlock(&nitro_mbox_list_lock);
	kobject_uevent(&mb->kobj, KOBJ_ADD);
	return mb;

err_unlock:
	mutex_unlock(&nitro_mbox_list_lock);
	kobject_put(&mb->kobj);
	return ERR_PTR(err);
}
EXPORT_SYMBOL_GPL(nitro_mbox_register);

/* The component is ready for commands: the controller starts asking. */
void nitro_mbox_ready(struct nitro_mbox *mb)
{
	nitro_mbox_start(mb);
}
EXPORT_SYMBOL_GPL(nitro_mbox_ready);

/*
 * After this returns the controller neither posts nor calls the component's
 * ops, and no caller waits on it. The component then stops its own consumer
 * and drops the mailbox with nitro_mbox_put().
 */
void nitro_mbox_unregister(struct nitro_mbox *mb)
{
	mutex_lock(&nitro_mbox_list_lock);
	if (!list_empty(&mb->node))
		nitro_registry_notify(mb, false);
	list_del_init(&mb->node);
	mutex_unlock(&nitro_mbox_list_lock);
	nitro_mbox_stop(mb);
	if (mb->kobj.state_in_sysfs)
		kobject_del(&mb->kobj);
}
EXPORT_SYMBOL_GPL(nitro_mbox_unregister);

void nitro_mbox_put(struct nitro_mbox *mb)
{
	kobject_put(&mb->kobj);
}
EXPORT_SYMBOL_GPL(nitro_mbox_put);

/**
 * nitro_mbox_fetch() - take the next command off the command ring
 * @mb: the component's mailbox
 * @cmd: where to copy it
 *
 * The component gets a copy, never the ring: it has no way to write there.
 *
 * Return: false when there is nothing to do.
 */
bool nitro_mbox_fetch(struct nitro_mbox *mb, struct nitro_mbox_cmd *cmd)
{
	unsigned long flags;
	bool got;

	spin_lock_irqsave(&mb->fetch_lock, flags);
	got = nitro_ring_pop(&mb->cmdq, cmd);
	spin_unlock_irqrestore(&mb->fetch_lock, flags);
	return got;
}
EXPORT_SYMBOL_GPL(nitro_mbox_fetch);

/**
 * nitro_mbox_complete() - answer a command
 * @mb: the component's mailbox
 * @cpl: the answer, naming its command by tag
 *
 * The answer is validated by the controller, not here: a bad one is dropped
 * and counted on the controller's side whatever this returns.
 *
 * Return: 0, -ENOSPC if the completion ring is full, -ENODEV after
 * unregistration.
 */
int nitro_mbox_complete(struct nitro_mbox *mb, const struct nitro_mbox_cpl *cpl)
{
	unsigned long flags;
	bool pushed;

	if (READ_ONCE(mb->state) == NITRO_MBOX_DEAD)
		return -ENODEV;
	spin_lock_irqsave(&mb->complete_lock, flags);
	pushed = nitro_ring_push(&mb->cplq, cpl);
	spin_unlock_irqrestore(&mb->complete_lock, flags);
	if (!pushed)
		return -ENOSPC;
	nitro_mbox_reap(mb);
	return 0;
}
EXPORT_SYMBOL_GPL(nitro_mbox_complete);

static int nitro_mbox_data_access(struct nitro_mbox *mb, u32 tag, u32 off,
				  void *buf, u32 len, bool write)
{
	struct nitro_mbox_slot *slot;
	unsigned long flags;
	int err = 0;

	spin_lock_irqsave(&mb->lock, flags);
	/* Only a command still outstanding has a buffer to reach. */
	if (mb->state == NITRO_MBOX_DEAD ||
	    nitro_mbox_classify_locked(mb, tag) != NITRO_MBOX_NR_DROPS) {
		err = -ESTALE;
		goto refuse;
	}
	slot = &mb->slots[NITRO_MBOX_TAG_SLOT(tag)];
	if (!slot->data || off > slot->data_len || len > slot->data_len - off) {
		err = -EINVAL;
		goto refuse;
	}
	if (write)
		memcpy(slot->data + off, buf, len);
	else
		memcpy(buf, slot->data + off, len);
	spin_unlock_irqrestore(&mb->lock, flags);
	return 0;

refuse:
	/* An honest component reaches only the buffers of its own commands. */
	mb->stats.bad_data++;
	mb->alarm = true;
	spin_unlock_irqrestore(&mb->lock, flags);
	nitro_audit_record(NITRO_PRINCIPAL_CTRL, "mbox.bad_data", mb->name, err);
	pr_warn_ratelimited("%s: refused data %s of %u bytes at %u, tag %#x; component in alarm\n",
			    mb->name, write ? "write" : "read", len, off, tag);
	return err;
}

/**
 * nitro_mbox_data_read() - copy request data out of a command's buffer
 * @mb: the component's mailbox
 * @tag: the outstanding command
 * @off: offset in the buffer
 * @dst: where to copy
 * @len: how many bytes
 *
 * Return: 0; -ESTALE if the command is not outstanding, -EINVAL if it has no
 * buffer or the range is outside it. Both raise the component's alarm.
 */
int nitro_mbox_data_read(struct nitro_mbox *mb, u32 tag, u32 off, void *dst,
			 u32 len)
{
	return nitro_mbox_data_access(mb, tag, off, dst, len, false);
}
EXPORT_SYMBOL_GPL(nitro_mbox_data_read);

/**
 * nitro_mbox_data_write() - copy answer data into a command's buffer
 * @mb: the component's mailbox
 * @tag: the outstanding command
 * @off: offset in the buffer
 * @src: what to copy
 * @len: how many bytes
 *
 * The answer then says how many bytes it wrote (cpl.data_len).
 *
 * Return: as nitro_mbox_data_read().
 */
int nitro_mbox_data_write(struct nitro_mbox *mb, u32 tag, u32 off,
			  const void *src, u32 len)
{
	return nitro_mbox_data_access(mb, tag, off, (void *)src, len, true);
}
EXPORT_SYMBOL_GPL(nitro_mbox_data_write);
