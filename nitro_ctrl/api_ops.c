// SPDX-License-Identifier: GPL-2.0
/*
 * The admin and auditor operations: principals and roles, the audit log,
 * metrics. Each runs under the API lock after the request was
 * authenticated and authorized (api.c), fills req->object for its audit
 * record and puts its reply attributes in req->out.
 */
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <net/netlink.h>

#include "api.h"
#include "principal.h"

int nitro_op_whoami(struct nitro_req *req)
{
	if (nla_put_u32(req->out, NITRO_P_PRINCIPAL, req->principal) ||
	    nla_put_u32(req->out, NITRO_P_ROLES, req->roles) ||
	    nla_put_u64_64bit(req->out, NITRO_P_SEQ, req->seq, NITRO_P_UNSPEC))
		return -EMSGSIZE;
	return 0;
}

/* Would @roles for @id leave the host without any admin? */
static bool nitro_leaves_no_admin(u32 id, u32 roles)
{
	struct nitro_principal *p;

	if (roles & NITRO_ROLE_ADMIN)
		return false;
	list_for_each_entry(p, &nitro_principal_list, node)
		if (p->id != id && p->roles & NITRO_ROLE_ADMIN)
			return false;
	return true;
}

int nitro_op_principal_add(struct nitro_req *req)
{
	u8 key[NITRO_ENV_KEY_LEN];
	u32 id, roles;
	int err;

	if (!req->p[NITRO_P_PRINCIPAL] || !req->p[NITRO_P_ROLES]) {
		NL_SET_ERR_MSG(req->extack, "nitro: principal and roles required");
		return -EINVAL;
	}
	id = nla_get_u32(req->p[NITRO_P_PRINCIPAL]);
	roles = nla_get_u32(req->p[NITRO_P_ROLES]);
	snprintf(req->object, sizeof(req->object), "principal=%u roles=%#x",
		 id, roles);
	/* The key comes sealed in the request, or from the admin's keyring. */
	if (req->p[NITRO_P_KEY]) {
		nla_memcpy(key, req->p[NITRO_P_KEY], sizeof(key));
	} else {
		err = nitro_principal_keyring_lookup(id, key);
		if (err)
			return err;
	}
	err = nitro_principal_add(id, roles, key);
	memzero_explicit(key, sizeof(key));
	return err;
}

int nitro_op_principal_del(struct nitro_req *req)
{
	u32 id;

	if (!req->p[NITRO_P_PRINCIPAL])
		return -EINVAL;
	id = nla_get_u32(req->p[NITRO_P_PRINCIPAL]);
	snprintf(req->object, sizeof(req->object), "principal=%u", id);
	if (id == req->principal) {
		NL_SET_ERR_MSG(req->extack, "nitro: a principal cannot delete itself");
		return -EINVAL;
	}
	if (nitro_principal_find(id) && nitro_leaves_no_admin(id, 0))
		return -EPERM;
	return nitro_principal_del(id);
}

int nitro_op_role_set(struct nitro_req *req)
{
	u32 id, roles;

	if (!req->p[NITRO_P_PRINCIPAL] || !req->p[NITRO_P_ROLES])
		return -EINVAL;
	id = nla_get_u32(req->p[NITRO_P_PRINCIPAL]);
	roles = nla_get_u32(req->p[NITRO_P_ROLES]);
	snprintf(req->object, sizeof(req->object), "principal=%u roles=%#x",
		 id, roles);
	if (nitro_principal_find(id) && nitro_leaves_no_admin(id, roles)) {
		NL_SET_ERR_MSG(req->extack, "nitro: would leave no admin");
		return -EPERM;
	}
	return nitro_principal_set_roles(id, roles);
}

int nitro_op_principal_list(struct nitro_req *req)
{
	struct nitro_principal *p;
	struct nlattr *e;

	list_for_each_entry(p, &nitro_principal_list, node) {
		e = nla_nest_start(req->out, NITRO_P_ENTRY);
		if (!e || nla_put_u32(req->out, NITRO_P_PRINCIPAL, p->id) ||
		    nla_put_u32(req->out, NITRO_P_ROLES, p->roles) ||
		    nla_put_u64_64bit(req->out, NITRO_P_SEQ, p->last_seq,
				      NITRO_P_UNSPEC))
			return -EMSGSIZE;
		nla_nest_end(req->out, e);
	}
	return 0;
}

static int nitro_put_audit_info(struct sk_buff *out,
				const struct nitro_audit_info *info)
{
	if (nla_put_u64_64bit(out, NITRO_P_FIRST_SEQ, info->first_seq,
			      NITRO_P_UNSPEC) ||
	    nla_put_u64_64bit(out, NITRO_P_SEQ, info->next_seq, NITRO_P_UNSPEC) ||
	    nla_put_u64_64bit(out, NITRO_P_ACKED_SEQ, info->acked_seq,
			      NITRO_P_UNSPEC) ||
	    nla_put_u64_64bit(out, NITRO_P_OVERFLOW, info->overflow,
			      NITRO_P_UNSPEC) ||
	    nla_put_u32(out, NITRO_P_COUNT, info->count) ||
	    nla_put_u32(out, NITRO_P_CAPACITY, info->limit) ||
	    nla_put(out, NITRO_P_HASH, NITRO_AUDIT_HASH_LEN, info->head))
		return -EMSGSIZE;
	return 0;
}

static int nitro_put_audit_rec(struct sk_buff *out,
			       const struct nitro_audit_rec *r)
{
	struct nlattr *e = nla_nest_start(out, NITRO_P_ENTRY);

	if (!e || nla_put_u64_64bit(out, NITRO_P_SEQ, r->seq, NITRO_P_UNSPEC) ||
	    nla_put_u64_64bit(out, NITRO_P_TIME, r->time, NITRO_P_UNSPEC) ||
	    nla_put_u32(out, NITRO_P_PRINCIPAL, r->principal) ||
	    nla_put_s32(out, NITRO_P_RESULT, r->result) ||
	    nla_put_string(out, NITRO_P_OP, r->op) ||
	    nla_put_string(out, NITRO_P_OBJECT, r->object) ||
	    nla_put(out, NITRO_P_PREV_HASH, NITRO_AUDIT_HASH_LEN, r->prev) ||
	    nla_put(out, NITRO_P_HASH, NITRO_AUDIT_HASH_LEN, r->hash))
		return -EMSGSIZE;
	nla_nest_end(out, e);
	return 0;
}

static int nitro_put_audit_anchor(struct sk_buff *out,
				  const struct nitro_audit_anchor *a)
{
	struct nlattr *e = nla_nest_start(out, NITRO_P_ANCHOR);

	if (!e || nla_put_u64_64bit(out, NITRO_P_SEQ, a->seq, NITRO_P_UNSPEC) ||
	    nla_put(out, NITRO_P_HASH, NITRO_AUDIT_HASH_LEN, a->hash) ||
	    nla_put(out, NITRO_P_SIGNATURE, NITRO_AUDIT_MAC_LEN, a->mac))
		return -EMSGSIZE;
	nla_nest_end(out, e);
	return 0;
}

/*
 * The anchors over the records of a page, and over the record before it,
 * whose hash is the first one's prev hash.
 */
static int nitro_put_audit_anchors(struct sk_buff *out, u64 from, u64 to)
{
	struct nitro_audit_anchor *a;
	u32 n, i;
	int err = 0;

	a = kmalloc_array(NITRO_AUDIT_ANCHORS, sizeof(*a), GFP_KERNEL);
	if (!a)
		return -ENOMEM;
	n = nitro_audit_log_anchors(nitro_audit_log(), from ? from - 1 : 0, to,
				    a, NITRO_AUDIT_ANCHORS);
	for (i = 0; i < n && !err; i++)
		err = nitro_put_audit_anchor(out, &a[i]);
	kfree(a);
	return err;
}

/*
 * AUDIT_READ from SEQ (default: the oldest kept), COUNT records at most
 * (default and limit NITRO_AUDIT_READ_MAX). The reply has the log's summary
 * (first and next sequence, head hash, ...), one ENTRY per record and one
 * ANCHOR per anchor over them. The newest record is anchored first, so a
 * reader that reaches the end has an anchor over it (when nitro_sec has a
 * device key). The read itself is recorded after the reply was taken, so a
 * reader never sees its own read.
 */
int nitro_op_audit_read(struct nitro_req *req)
{
	struct nitro_audit_info info;
	struct nitro_audit_rec *recs;
	u32 max = NITRO_AUDIT_READ_MAX;
	u64 from = 0;
	int n, i, err = 0;

	/* Refusals are counted in METRICS; the records are there regardless. */
	nitro_audit_anchor_now();

	if (req->p[NITRO_P_SEQ])
		from = nla_get_u64(req->p[NITRO_P_SEQ]);
	if (req->p[NITRO_P_COUNT])
		max = clamp_t(u32, nla_get_u32(req->p[NITRO_P_COUNT]), 1,
			      NITRO_AUDIT_READ_MAX);
	recs = kmalloc_array(max, sizeof(*recs), GFP_KERNEL);
	if (!recs)
		return -ENOMEM;
	if (!from) {
		nitro_audit_log_read(nitro_audit_log(), U64_MAX, recs, 0, &info);
		from = info.first_seq;
	}
	n = nitro_audit_log_read(nitro_audit_log(), from, recs, max, &info);
	snprintf(req->object, sizeof(req->object), "from=%llu n=%d", from, n);
	if (n < 0) {
		NL_SET_ERR_MSG(req->extack, "nitro: records before the first kept are gone");
		err = n;
		goto out;
	}
	err = nitro_put_audit_info(req->out, &info);
	for (i = 0; i < n && !err; i++)
		err = nitro_put_audit_rec(req->out, &recs[i]);
	if (!err && n)
		err = nitro_put_audit_anchors(req->out, from, recs[n - 1].seq);
out:
	kfree(recs);
	return err;
}

int nitro_op_audit_ack(struct nitro_req *req)
{
	u64 seq;

	if (!req->p[NITRO_P_SEQ])
		return -EINVAL;
	seq = nla_get_u64(req->p[NITRO_P_SEQ]);
	snprintf(req->object, sizeof(req->object), "upto=%llu", seq);
	return nitro_audit_log_ack(nitro_audit_log(), seq);
}

static int nitro_put_counter(struct sk_buff *out, const char *name, u64 v)
{
	struct nlattr *e = nla_nest_start(out, NITRO_P_COUNTER);

	if (!e || nla_put_string(out, NITRO_P_NAME, name) ||
	    nla_put_u64_64bit(out, NITRO_P_VALUE, v, NITRO_P_UNSPEC))
		return -EMSGSIZE;
	nla_nest_end(out, e);
	return 0;
}

int nitro_op_metrics(struct nitro_req *req)
{
	const struct nitro_api_stats *st = &nitro_api_stats;
	struct nitro_audit_anchor_stats an;
	struct nitro_audit_info info;
	char name[40];
	int i, err;

	nitro_audit_log_read(nitro_audit_log(), U64_MAX, NULL, 0, &info);
	nitro_audit_anchor_stats(&an);
	err = nitro_put_counter(req->out, "api.requests", st->requests) ?:
	      nitro_put_counter(req->out, "api.executed", st->executed) ?:
	      nitro_put_counter(req->out, "api.failed", st->failed) ?:
	      nitro_put_counter(req->out, "audit.records", info.next_seq - 1) ?:
	      nitro_put_counter(req->out, "audit.kept", info.count) ?:
	      nitro_put_counter(req->out, "audit.overflow", info.overflow) ?:
	      nitro_put_counter(req->out, "audit.anchors", an.signed_) ?:
	      nitro_put_counter(req->out, "audit.anchor_failed", an.failed) ?:
	      nitro_put_counter(req->out, "audit.anchor_errno", -an.last_err);
	for (i = 0; i < NITRO_NR_REJECTS && !err; i++) {
		snprintf(name, sizeof(name), "api.rejected.%s",
			 nitro_api_reject_names[i]);
		err = nitro_put_counter(req->out, name, st->rejected[i]);
	}
	return err;
}
