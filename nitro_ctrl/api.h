/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _NITRO_CTRL_API_H
#define _NITRO_CTRL_API_H

#include <linux/lockdep.h>
#include <linux/mutex.h>
#include <linux/types.h>

#include "nitro_genl.h"
#include "audit.h"

struct netlink_ext_ack;
struct nlattr;
struct sk_buff;

/* Every request runs under this lock, from authentication to reply. */
extern struct mutex nitro_api_mutex;
#define nitro_api_assert_locked() lockdep_assert_held(&nitro_api_mutex)

/* One authenticated, authorized request being executed. */
struct nitro_req {
	u32 principal;
	u32 roles;
	u16 op;
	u64 seq;
	struct nlattr **p;		/* NITRO_P_MAX + 1 inner attributes */
	struct sk_buff *out;		/* reply attributes (to be sealed) */
	struct netlink_ext_ack *extack;
	char object[NITRO_AUDIT_OBJECT_MAX + 1];	/* for the audit record */
};

struct nitro_op_desc {
	const char *name;		/* in audit records: "volume.create" */
	u32 roles;			/* any of these may call it */
	bool mutating;			/* refused while the audit log is full */
	u64 attrs;			/* BIT(NITRO_P_x) it accepts */
	int (*doit)(struct nitro_req *req);
};

const struct nitro_op_desc *nitro_op_desc(u16 op);
bool nitro_op_allowed(const struct nitro_op_desc *desc, u32 roles);

/* Why a request was turned away before it ran; counted for METRICS. */
enum nitro_api_reject {
	NITRO_REJ_TRUNCATED,
	NITRO_REJ_OVERSIZED,
	NITRO_REJ_UNKNOWN_ATTR,
	NITRO_REJ_BAD_VERSION,
	NITRO_REJ_UNKNOWN_OP,
	NITRO_REJ_UNKNOWN_PRINCIPAL,
	NITRO_REJ_REPLAYED,
	NITRO_REJ_TAMPERED,
	NITRO_REJ_MALFORMED,
	NITRO_REJ_DENIED,
	NITRO_REJ_LOG_FULL,
	NITRO_REJ_BOOTSTRAPPED,
	NITRO_NR_REJECTS,
};

struct nitro_api_stats {
	u64 requests;
	u64 executed;
	u64 failed;			/* executed with an error result */
	u64 rejected[NITRO_NR_REJECTS];
};

extern struct nitro_api_stats nitro_api_stats;
extern const char *const nitro_api_reject_names[NITRO_NR_REJECTS];

int nitro_api_init(void);
void nitro_api_exit(void);

/* api_ops.c: handlers of the admin and auditor operations. */
int nitro_op_whoami(struct nitro_req *req);
int nitro_op_principal_add(struct nitro_req *req);
int nitro_op_principal_del(struct nitro_req *req);
int nitro_op_principal_list(struct nitro_req *req);
int nitro_op_role_set(struct nitro_req *req);
int nitro_op_audit_read(struct nitro_req *req);
int nitro_op_audit_ack(struct nitro_req *req);
int nitro_op_metrics(struct nitro_req *req);

/* inventory.c */
int nitro_op_volume_create(struct nitro_req *req);
int nitro_op_volume_delete(struct nitro_req *req);
int nitro_op_volume_list(struct nitro_req *req);
int nitro_op_eni_create(struct nitro_req *req);
int nitro_op_eni_delete(struct nitro_req *req);
int nitro_op_eni_list(struct nitro_req *req);
int nitro_op_instance_create(struct nitro_req *req);
int nitro_op_instance_delete(struct nitro_req *req);
int nitro_op_instance_start(struct nitro_req *req);
int nitro_op_instance_stop(struct nitro_req *req);
int nitro_op_instance_list(struct nitro_req *req);
int nitro_op_attach(struct nitro_req *req);
int nitro_op_detach(struct nitro_req *req);
int nitro_op_status(struct nitro_req *req);
int nitro_op_cmk_create(struct nitro_req *req);

/* api_sec.c: operations nitro_sec serves. */
int nitro_op_key_wrap(struct nitro_req *req);
void nitro_inventory_clear(void);

#endif /* _NITRO_CTRL_API_H */
