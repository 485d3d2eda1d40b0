/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What nitro_ctrl offers its components (nitro_sec, nitro_nvme, nitro_ena).
 *
 * A component owns the consumer side of its command ring and the producer
 * side of its completion ring, and nothing else: it copies commands out with
 * nitro_mbox_fetch() and answers with nitro_mbox_complete(). It never gets a
 * pointer into either ring and it cannot start a conversation; events are
 * answers to the EVENT_POLL commands the controller keeps posted.
 */
#ifndef _NITRO_COMPONENT_H
#define _NITRO_COMPONENT_H

#include <linux/module.h>
#include <linux/types.h>
#include "nitro_mbox.h"

struct nitro_mbox;

struct nitro_mbox_port_ops {
	/*
	 * The controller has posted commands. Called from any context, with no
	 * mailbox lock held; it must only schedule the processing, not fetch.
	 */
	void (*kick)(void *priv);
};

struct nitro_mbox_port_config {
	const char *name;		/* [a-z0-9_-], unique, at most 31 chars */
	u32 depth;			/* entries of each ring */
	u32 nr_event_polls;		/* EVENT_POLL commands kept posted */
	const struct nitro_mbox_port_ops *ops;
	void *priv;
	struct module *owner;		/* THIS_MODULE of the component */
	/* What the component says it is: recorded for nitro_sec. */
	enum nitro_component_kind kind;
	const char *build_id;		/* may be NULL */
};

#define NITRO_MBOX_NAME_MAX		31
#define NITRO_MBOX_MAX_DEPTH		1024
#define NITRO_MBOX_MAX_EVENT_POLLS	16

struct nitro_mbox *nitro_mbox_register(const struct nitro_mbox_port_config *cfg);
void nitro_mbox_ready(struct nitro_mbox *mb);
void nitro_mbox_unregister(struct nitro_mbox *mb);
void nitro_mbox_put(struct nitro_mbox *mb);
bool nitro_mbox_fetch(struct nitro_mbox *mb, struct nitro_mbox_cmd *cmd);
int nitro_mbox_complete(struct nitro_mbox *mb, const struct nitro_mbox_cpl *cpl);
int nitro_mbox_data_read(struct nitro_mbox *mb, u32 tag, u32 off, void *dst,
			 u32 len);
int nitro_mbox_data_write(struct nitro_mbox *mb, u32 tag, u32 off,
			  const void *src, u32 len);

/*
 * The registry of components, as nitro_sec sees it to measure them. The one
 * watcher hears of every mailbox registered before it (replayed by
 * nitro_registry_watch()) and after, and of every unregistration. Its
 * callbacks run in process context under the registry's mutex, so they may
 * sleep but must not call back into the registry. @owner stays valid until
 * removed() returns.
 */
struct nitro_component_id {
	const char *name;
	enum nitro_component_kind kind;
	const char *build_id;		/* "" if none was given */
	struct module *owner;		/* NULL for built-in code */
};

struct nitro_registry_watcher {
	void (*added)(void *priv, const struct nitro_component_id *id);
	void (*removed)(void *priv, const struct nitro_component_id *id);
	void *priv;
};

int nitro_registry_watch(const struct nitro_registry_watcher *w);
void nitro_registry_unwatch(const struct nitro_registry_watcher *w);

/*
 * The responder: the common half of every component's firmware. It fetches
 * commands in process context, answers PING and GET_INFO, parks EVENT_POLLs
 * until the component has something to report, and hands every other opcode
 * to the component.
 */
struct nitro_responder;

struct nitro_component_info {
	const char *name;		/* mailbox name */
	enum nitro_component_kind kind;
	u32 version;			/* NITRO_VERSION() */
	const char *build_id;
	u32 depth;
	u32 nr_event_polls;
};

struct nitro_responder_ops {
	/*
	 * Handle a component-specific command (opcode >= COMPONENT_BASE).
	 * Fill cpl->payload and cpl->len, and cpl->data_len after writing
	 * answer data with nitro_responder_data_write(); return an
	 * NITRO_MBOX_S_* status. Runs in process context; may sleep.
	 */
	u16 (*handle)(struct nitro_responder *r,
		      const struct nitro_mbox_cmd *cmd,
		      struct nitro_mbox_cpl *cpl);
};

struct nitro_responder *
__nitro_responder_create(const struct nitro_component_info *info,
			 const struct nitro_responder_ops *ops, void *priv,
			 struct module *owner);
/* The component's own module is recorded: it is what nitro_sec measures. */
#define nitro_responder_create(info, ops, priv) \
	__nitro_responder_create(info, ops, priv, THIS_MODULE)
void nitro_responder_destroy(struct nitro_responder *r);
void *nitro_responder_priv(const struct nitro_responder *r);
int nitro_responder_event(struct nitro_responder *r, u16 type, u32 code,
			  u64 arg0, u64 arg1, const char *msg);
int nitro_responder_data_read(struct nitro_responder *r,
			      const struct nitro_mbox_cmd *cmd, u32 off,
			      void *dst, u32 len);
int nitro_responder_data_write(struct nitro_responder *r,
			       const struct nitro_mbox_cmd *cmd, u32 off,
			       const void *src, u32 len);

#endif /* _NITRO_COMPONENT_H */
