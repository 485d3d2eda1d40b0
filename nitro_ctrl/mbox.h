/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _NITRO_CTRL_MBOX_H
#define _NITRO_CTRL_MBOX_H

#include <linux/completion.h>
#include <linux/kobject.h>
#include <linux/list.h>
#include <linux/refcount.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

#include "nitro_component.h"
#include "ring.h"

#define NITRO_MBOX_TIMEOUT_MS		5000
#define NITRO_MBOX_HEARTBEAT_MS		10000

enum nitro_mbox_state {
	NITRO_MBOX_REGISTERED,	/* rings exist, component not ready yet */
	NITRO_MBOX_LIVE,
	NITRO_MBOX_FAILED,	/* stopped answering: devices report fatal */
	NITRO_MBOX_DEAD,	/* unregistered */
};

/* Why a completion was thrown away. */
enum nitro_mbox_drop {
	NITRO_MBOX_DROP_UNKNOWN,	/* tag never issued */
	NITRO_MBOX_DROP_DUPLICATE,	/* tag already answered */
	NITRO_MBOX_DROP_STALE,		/* tag abandoned or superseded */
	NITRO_MBOX_DROP_MALFORMED,	/* bad version, length, status, opcode */
	NITRO_MBOX_NR_DROPS,
};

enum nitro_mbox_slot_state {
	NITRO_SLOT_IDLE,	/* never used */
	NITRO_SLOT_POSTED,	/* outstanding */
	NITRO_SLOT_ANSWERED,	/* last tag answered */
	NITRO_SLOT_ABANDONED,	/* last tag timed out or was cancelled */
};

/* One command as the controller asks it. */
struct nitro_mbox_req {
	u16 opcode;
	const void *payload;		/* at most NITRO_MBOX_PAYLOAD_SIZE */
	u32 len;
	/*
	 * Optional data buffer, NITRO_MBOX_DATA_MAX at most: request data in,
	 * answer data out. It must stay valid until the command ends.
	 */
	void *data;
	u32 data_len;
};

struct nitro_mbox_waiter {
	struct completion done;
	int err;
	struct nitro_mbox_cpl cpl;
	u32 data_out;			/* answer bytes in the data buffer */
};

struct nitro_mbox_slot {
	u16 gen;
	u8 state;			/* enum nitro_mbox_slot_state */
	u16 opcode;
	struct nitro_mbox_waiter *waiter;	/* NULL for EVENT_POLL */
	void *data;			/* only while POSTED */
	u32 data_len;
};

struct nitro_mbox_stats {
	u64 posted;
	u64 completed;
	u64 timed_out;
	u64 aborted;			/* cancelled by unregistration */
	u64 events;
	u64 ring_full;			/* posts refused: command ring full */
	u64 no_tag;			/* posts refused: every tag outstanding */
	u64 dropped[NITRO_MBOX_NR_DROPS];
	u64 bad_data;			/* refused data buffer accesses */
	u32 outstanding;
};

struct nitro_mbox {
	struct kobject kobj;		/* sysfs and lifetime */
	char name[NITRO_MBOX_NAME_MAX + 1];
	const struct nitro_mbox_port_ops *ops;
	void *priv;
	struct module *owner;		/* the component's module */
	enum nitro_component_kind kind;	/* as the component registered */
	char build_id[NITRO_BUILD_ID_SIZE];
	u32 nr_event_polls;

	/*
	 * @lock covers the slots, the statistics, the state and the producer
	 * side of @cmdq, and the consumer side of @cplq (the controller's two
	 * roles). The component's two roles have their own locks.
	 */
	spinlock_t lock;
	spinlock_t fetch_lock;		/* consumer of @cmdq */
	spinlock_t complete_lock;	/* producer of @cplq */
	struct nitro_ring cmdq;
	struct nitro_ring cplq;
	struct nitro_mbox_slot *slots;
	u32 nr_slots;
	u32 next_slot;
	u32 last_answered_tag;
	enum nitro_mbox_state state;
	bool alarm;
	struct nitro_mbox_stats stats;

	/* Controller-side users that may still call the component's ops. */
	refcount_t users;
	struct completion drained;

	void (*on_event)(struct nitro_mbox *mb,
			 const struct nitro_mbox_event *ev);

	/* health.c: GET_INFO once, then a PING heartbeat. */
	struct delayed_work health;
	bool health_enabled;
	bool have_info;
	struct nitro_mbox_info info;

	struct list_head node;		/* nitro_ctrl.mboxes */
};

struct nitro_mbox *nitro_mbox_create(const struct nitro_mbox_port_config *cfg);
void nitro_mbox_start(struct nitro_mbox *mb);
void nitro_mbox_stop(struct nitro_mbox *mb);
void nitro_mbox_replenish(struct nitro_mbox *mb);
struct nitro_mbox *nitro_mbox_find(const char *name);
bool nitro_mbox_tryget(struct nitro_mbox *mb);
void nitro_mbox_unuse(struct nitro_mbox *mb);
int nitro_mbox_post_req(struct nitro_mbox *mb, const struct nitro_mbox_req *req,
			struct nitro_mbox_waiter *w, u32 *tagp);
int nitro_mbox_post(struct nitro_mbox *mb, u16 opcode, const void *req,
		    u32 len, struct nitro_mbox_waiter *w, u32 *tagp);
int nitro_mbox_wait(struct nitro_mbox *mb, struct nitro_mbox_waiter *w,
		    u32 tag, unsigned int timeout_ms, struct nitro_mbox_cpl *cpl);
int nitro_mbox_call_req(struct nitro_mbox *mb, const struct nitro_mbox_req *req,
			struct nitro_mbox_cpl *cpl, u32 *data_out,
			unsigned int timeout_ms);
int nitro_mbox_call(struct nitro_mbox *mb, u16 opcode, const void *req,
		    u32 len, struct nitro_mbox_cpl *cpl,
		    unsigned int timeout_ms);
void nitro_mbox_snapshot(struct nitro_mbox *mb, struct nitro_mbox_stats *st,
			 enum nitro_mbox_state *state, bool *alarm);
void nitro_mbox_anomaly(struct nitro_mbox *mb, enum nitro_mbox_drop why,
			u32 tag, const char *what);
int nitro_mbox_status_to_errno(u16 status);
const char *nitro_mbox_state_name(enum nitro_mbox_state state);

/* health.c */
void nitro_mbox_health_work(struct work_struct *work);
int nitro_mbox_ping(struct nitro_mbox *mb, unsigned int timeout_ms);

/* mbox_sysfs.c */
extern const struct kobj_type nitro_mbox_ktype;

#endif /* _NITRO_CTRL_MBOX_H */
