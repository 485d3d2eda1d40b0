// SPDX-License-Identifier: GPL-2.0
/*
 * The responder: the half of a component's firmware that every component
 * shares. It runs on the component's side of the mailbox: it fetches
 * commands in process context, validates them, answers PING and GET_INFO
 * itself, parks EVENT_POLLs until the component has something to report and
 * passes every other command to the component's handler.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/ctype.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/workqueue.h>

#include "nitro_component.h"

#define NITRO_RESPONDER_BACKLOG		16

struct nitro_responder {
	struct nitro_mbox *mb;
	const struct nitro_responder_ops *ops;
	void *priv;
	struct nitro_mbox_info info;	/* GET_INFO answer, built once */
	struct work_struct work;

	spinlock_t lock;		/* protects everything below */
	u32 parked[NITRO_MBOX_MAX_EVENT_POLLS];
	unsigned int nr_parked;
	struct nitro_mbox_event backlog[NITRO_RESPONDER_BACKLOG];
	unsigned int backlog_head;
	unsigned int backlog_len;
	u64 lost;
};

static void nitro_responder_answer_data(struct nitro_responder *r,
					__le16 opcode, __le32 tag, u16 status,
					const void *payload, u32 len,
					__le16 data_len)
{
	struct nitro_mbox_cpl cpl = {
		.version = cpu_to_le16(NITRO_MBOX_VERSION),
		.opcode = opcode,
		.tag = tag,
		.len = cpu_to_le32(len),
		.status = cpu_to_le16(status),
		.data_len = data_len,
	};

	if (len)
		memcpy(cpl.payload, payload, len);
	/* Only a controller that posted more than it has tags for fills it. */
	if (nitro_mbox_complete(r->mb, &cpl) == -ENOSPC)
		pr_err_ratelimited("completion ring full, answer to tag %#x lost\n",
				   le32_to_cpu(tag));
}

static void nitro_responder_answer(struct nitro_responder *r, __le16 opcode,
				   __le32 tag, u16 status, const void *payload,
				   u32 len)
{
	nitro_responder_answer_data(r, opcode, tag, status, payload, len, 0);
}

static void nitro_responder_answer_event(struct nitro_responder *r, u32 tag,
					 const struct nitro_mbox_event *ev)
{
	nitro_responder_answer(r, cpu_to_le16(NITRO_MBOX_OP_EVENT_POLL),
			       cpu_to_le32(tag), NITRO_MBOX_S_OK, ev, sizeof(*ev));
}

/* Take the oldest unreported event; a count of lost ones goes first. */
static bool nitro_responder_take_event_locked(struct nitro_responder *r,
					      struct nitro_mbox_event *ev)
{
	lockdep_assert_held(&r->lock);
	if (r->lost) {
		memset(ev, 0, sizeof(*ev));
		ev->type = cpu_to_le16(NITRO_EVENT_LOST);
		ev->arg[0] = cpu_to_le64(r->lost);
		strscpy_pad(ev->msg, "events lost", sizeof(ev->msg));
		r->lost = 0;
		return true;
	}
	if (!r->backlog_len)
		return false;
	*ev = r->backlog[r->backlog_head];
	r->backlog_head = (r->backlog_head + 1) % NITRO_RESPONDER_BACKLOG;
	r->backlog_len--;
	return true;
}

static void nitro_responder_event_poll(struct nitro_responder *r,
				       const struct nitro_mbox_cmd *cmd)
{
	struct nitro_mbox_event ev;
	unsigned long flags;
	bool have_event, parked = false;

	spin_lock_irqsave(&r->lock, flags);
	have_event = nitro_responder_take_event_locked(r, &ev);
	if (!have_event && r->nr_parked < ARRAY_SIZE(r->parked)) {
		r->parked[r->nr_parked++] = le32_to_cpu(cmd->tag);
		parked = true;
	}
	spin_unlock_irqrestore(&r->lock, flags);

	if (have_event)
		nitro_responder_answer_event(r, le32_to_cpu(cmd->tag), &ev);
	else if (!parked)
		nitro_responder_answer(r, cmd->opcode, cmd->tag,
				       NITRO_MBOX_S_BUSY, NULL, 0);
}

static void nitro_responder_dispatch(struct nitro_responder *r,
				     const struct nitro_mbox_cmd *cmd)
{
	struct nitro_mbox_cpl cpl = {};
	u16 opcode = le16_to_cpu(cmd->opcode);
	u32 len = le32_to_cpu(cmd->len);
	u16 status;

	if (le16_to_cpu(cmd->version) != NITRO_MBOX_VERSION ||
	    le32_to_cpu(cmd->data_len) > NITRO_MBOX_DATA_MAX ||
	    len > NITRO_MBOX_PAYLOAD_SIZE) {
		nitro_responder_answer(r, cmd->opcode, cmd->tag,
				       NITRO_MBOX_S_INVALID_FIELD, NULL, 0);
		return;
	}

	switch (opcode) {
	case NITRO_MBOX_OP_PING:
		nitro_responder_answer(r, cmd->opcode, cmd->tag,
				       NITRO_MBOX_S_OK, cmd->payload, len);
		return;
	case NITRO_MBOX_OP_GET_INFO:
		nitro_responder_answer(r, cmd->opcode, cmd->tag,
				       NITRO_MBOX_S_OK, &r->info,
				       sizeof(r->info));
		return;
	case NITRO_MBOX_OP_EVENT_POLL:
		nitro_responder_event_poll(r, cmd);
		return;
	}

	if (opcode < NITRO_MBOX_OP_COMPONENT_BASE || !r->ops || !r->ops->handle) {
		status = NITRO_MBOX_S_INVALID_OPCODE;
	} else {
		status = r->ops->handle(r, cmd, &cpl);
		if (le32_to_cpu(cpl.len) > NITRO_MBOX_PAYLOAD_SIZE ||
		    le16_to_cpu(cpl.data_len) > le32_to_cpu(cmd->data_len)) {
			pr_err_ratelimited("handler for opcode %#x overran its answer\n",
					   opcode);
			cpl.len = 0;
			cpl.data_len = 0;
			status = NITRO_MBOX_S_INTERNAL;
		}
	}
	nitro_responder_answer_data(r, cmd->opcode, cmd->tag, status,
				    cpl.payload, le32_to_cpu(cpl.len),
				    cpl.data_len);
}

static void nitro_responder_work(struct work_struct *work)
{
	struct nitro_responder *r = container_of(work, struct nitro_responder,
						 work);
	struct nitro_mbox_cmd cmd;

	while (nitro_mbox_fetch(r->mb, &cmd)) {
		nitro_responder_dispatch(r, &cmd);
		cond_resched();
	}
}

static void nitro_responder_kick(void *priv)
{
	struct nitro_responder *r = priv;

	queue_work(system_wq, &r->work);
}

static const struct nitro_mbox_port_ops nitro_responder_port_ops = {
	.kick = nitro_responder_kick,
};

static bool nitro_build_id_valid(const char *id)
{
	size_t i, len = id ? strnlen(id, NITRO_BUILD_ID_SIZE) : 0;

	if (!len || len == NITRO_BUILD_ID_SIZE)
		return false;
	for (i = 0; i < len; i++)
		if (!isgraph(id[i]))
			return false;
	return true;
}

static int nitro_responder_setup(struct nitro_responder *r,
				 const struct nitro_component_info *info,
				 const struct nitro_responder_ops *ops,
				 void *priv)
{
	if (!nitro_build_id_valid(info->build_id))
		return -EINVAL;
	r->ops = ops;
	r->priv = priv;
	r->info.kind = cpu_to_le16(info->kind);
	r->info.abi = cpu_to_le16(NITRO_MBOX_VERSION);
	r->info.version = cpu_to_le32(info->version);
	strscpy_pad(r->info.build_id, info->build_id, sizeof(r->info.build_id));
	spin_lock_init(&r->lock);
	INIT_WORK(&r->work, nitro_responder_work);
	return 0;
}

/**
 * __nitro_responder_create() - bring up a component's side of its mailbox
 * @info: identity and mailbox geometry of the component
 * @ops: the component's own commands, may be NULL
 * @priv: returned by nitro_responder_priv()
 * @owner: the component's module (nitro_responder_create() passes it)
 *
 * Return: the responder, ready and registered, or an ERR_PTR.
 */
struct nitro_responder *
__nitro_responder_create(const struct nitro_component_info *info,
			 const struct nitro_responder_ops *ops, void *priv,
			 struct module *owner)
{
	struct nitro_mbox_port_config cfg = {
		.name = info->name,
		.depth = info->depth,
		.nr_event_polls = info->nr_event_polls,
		.ops = &nitro_responder_port_ops,
		.owner = owner,
		.kind = info->kind,
		.build_id = info->build_id,
	};
	struct nitro_responder *r;
	struct nitro_mbox *mb;
	int err;

	r = kzalloc(sizeof(*r), GFP_KERNEL);
	if (!r)
		return ERR_PTR(-ENOMEM);
	err = nitro_responder_setup(r, info, ops, priv);
	if (err)
		goto err_free;

	cfg.priv = r;
	mb = nitro_mbox_register(&cfg);
	if (IS_ERR(mb)) {
		err = PTR_ERR(mb);
		goto err_free;
	}
	/* Only now may the controller kick us: r->mb is what the work uses. */
	r->mb = mb;
	nitro_mbox_ready(mb);
	return r;

err_free:
	kfree(r);
	return ERR_PTR(err);
}
EXPORT_SYMBOL_GPL(__nitro_responder_create);

void nitro_responder_destroy(struct nitro_responder *r)
{
	nitro_mbox_unregister(r->mb);
	/* No more kicks can come; finish or cancel the last fetch loop. */
	cancel_work_sync(&r->work);
	nitro_mbox_put(r->mb);
	kfree(r);
}
EXPORT_SYMBOL_GPL(nitro_responder_destroy);

void *nitro_responder_priv(const struct nitro_responder *r)
{
	return r->priv;
}
EXPORT_SYMBOL_GPL(nitro_responder_priv);

/* The data buffer of the command being handled; see nitro_mbox_data_read(). */
int nitro_responder_data_read(struct nitro_responder *r,
			      const struct nitro_mbox_cmd *cmd, u32 off,
			      void *dst, u32 len)
{
	return nitro_mbox_data_read(r->mb, le32_to_cpu(cmd->tag), off, dst, len);
}
EXPORT_SYMBOL_GPL(nitro_responder_data_read);

int nitro_responder_data_write(struct nitro_responder *r,
			       const struct nitro_mbox_cmd *cmd, u32 off,
			       const void *src, u32 len)
{
	return nitro_mbox_data_write(r->mb, le32_to_cpu(cmd->tag), off, src, len);
}
EXPORT_SYMBOL_GPL(nitro_responder_data_write);

/**
 * nitro_responder_event() - report something to the controller
 * @r: the component's responder
 * @type: enum nitro_mbox_event_type
 * @code: component-specific code
 * @arg0: first argument
 * @arg1: second argument
 * @msg: short text for the controller's log, may be NULL
 *
 * The event answers a parked EVENT_POLL, or waits in a bounded backlog for
 * the next one. Any context.
 *
 * Return: 0, or -ENOSPC when the backlog is full: the event is counted as
 * lost and the count is reported with the next poll.
 */
int nitro_responder_event(struct nitro_responder *r, u16 type, u32 code,
			  u64 arg0, u64 arg1, const char *msg)
{
	struct nitro_mbox_event ev = {
		.type = cpu_to_le16(type),
		.code = cpu_to_le32(code),
		.arg = { cpu_to_le64(arg0), cpu_to_le64(arg1) },
	};
	unsigned long flags;
	unsigned int tail;
	u32 tag = 0;
	int err = 0;

	if (type < NITRO_EVENT_NOTICE || type >= NITRO_EVENT_LOST)
		return -EINVAL;
	if (msg)
		strscpy_pad(ev.msg, msg, sizeof(ev.msg));

	spin_lock_irqsave(&r->lock, flags);
	if (r->nr_parked && !r->lost && !r->backlog_len) {
		tag = r->parked[--r->nr_parked];
	} else if (r->backlog_len < NITRO_RESPONDER_BACKLOG) {
		tail = (r->backlog_head + r->backlog_len) % NITRO_RESPONDER_BACKLOG;
		r->backlog[tail] = ev;
		r->backlog_len++;
	} else {
		r->lost++;
		err = -ENOSPC;
	}
	spin_unlock_irqrestore(&r->lock, flags);

	if (tag)
		nitro_responder_answer_event(r, tag, &ev);
	return err;
}
EXPORT_SYMBOL_GPL(nitro_responder_event);

#ifdef CONFIG_NITRO_CTRL_KUNIT_TEST
#include "responder_test.c"
#endif
