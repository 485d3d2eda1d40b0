// SPDX-License-Identifier: GPL-2.0
/*
 * The inventory: volumes, ENIs and instance slots, and what is attached to
 * what (Documentation/api.rst, "Inventory"). Objects are named by a UUID
 * the caller chooses; each operation validates every field before it
 * changes anything. The inventory lives in controller memory only: it does
 * not survive unloading nitro_ctrl, and the orchestrator that owns the
 * desired state re-applies it.
 *
 * Attaching a volume to an instance: the controller picks the device's
 * mdev UUID, has nitro_nvme accept the volume for that device (ATTACH over
 * the mailbox), then provisions the UUID (the only way the host can create
 * the mdev) and tells the host agent with a KOBJ_CHANGE uevent on the
 * controller device: NITRO_ACTION=attach NITRO_MDEV_UUID NITRO_INSTANCE
 * NITRO_PERSONALITY. Detach undoes the three steps in reverse.
 *
 * Everything here runs under the API lock.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/device.h>
#include <linux/etherdevice.h>
#include <linux/kobject.h>
#include <linux/list.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uuid.h>
#include <net/netlink.h>

#include "nitro_nvme_mbox.h"
#include "nitro_personality.h"
#include "api.h"
#include "ctrl.h"
#include "mbox.h"
#include "sec_client.h"

#define NITRO_VOLUME_SIZE_MAX	(64ULL << 40)	/* 64 TiB */
#define NITRO_INSTANCE_VCPUS_MAX	256
#define NITRO_INSTANCE_MEM_MIN	64		/* MiB */
#define NITRO_INSTANCE_MEM_MAX	(1024U * 1024U)	/* 1 TiB in MiB */
#define NITRO_INVENTORY_MAX	1024		/* objects of each kind */

struct nitro_volume {
	struct list_head node;
	guid_t id;
	u64 size;
	u8 lba_shift;
	u32 cmk;
	u8 wrapped[NITRO_WRAPPED_KEY_MAX];
	u32 wrapped_len;
	char backend[NITRO_BACKEND_MAX + 1];
	guid_t instance;		/* null while not attached */
	guid_t mdev;
};

struct nitro_eni {
	struct list_head node;
	guid_t id;
	u8 mac[ETH_ALEN];
	u32 subnet;
	__be32 ipv4;
	guid_t instance;
	guid_t mdev;
};

struct nitro_instance {
	struct list_head node;
	guid_t id;
	u32 vcpus;
	u32 mem_mb;
	u32 state;			/* enum nitro_instance_state */
	u32 attached;			/* volumes and ENIs */
};

static LIST_HEAD(nitro_volumes);
static LIST_HEAD(nitro_enis);
static LIST_HEAD(nitro_instances);
static unsigned int nitro_nr_volumes, nitro_nr_enis, nitro_nr_instances;

#define nitro_find(list, type, uuid) ({					\
	type *__o, *__found = NULL;					\
	nitro_api_assert_locked();					\
	list_for_each_entry(__o, list, node)				\
		if (guid_equal(&__o->id, uuid)) {			\
			__found = __o;					\
			break;						\
		}							\
	__found; })

/*
 * UUIDs travel in the API as 16 bytes in the order of their text form
 * (RFC 4122), and object ids are kept that way (printed with %pUb). An mdev
 * UUID is a guid_t, whose text form (%pUl, as in mdev's sysfs) has the first
 * three fields byte-swapped: convert it for the wire.
 */
static void nitro_guid_to_wire(const guid_t *g, u8 out[16])
{
	static const u8 order[16] = { 3, 2, 1, 0, 5, 4, 7, 6,
				      8, 9, 10, 11, 12, 13, 14, 15 };
	int i;

	for (i = 0; i < 16; i++)
		out[i] = g->b[order[i]];
}

static int nitro_put_mdev(struct sk_buff *out, const guid_t *mdev)
{
	u8 w[16];

	nitro_guid_to_wire(mdev, w);
	return nla_put(out, NITRO_P_MDEV, sizeof(w), w);
}

/* The request's object UUID, which must be present and not null. */
static int nitro_req_uuid(struct nitro_req *req, int attr, guid_t *id)
{
	if (!req->p[attr]) {
		NL_SET_ERR_MSG(req->extack, "nitro: uuid required");
		return -EINVAL;
	}
	nla_memcpy(id, req->p[attr], sizeof(*id));
	if (guid_is_null(id)) {
		NL_SET_ERR_MSG(req->extack, "nitro: null uuid");
		return -EINVAL;
	}
	return 0;
}

/*
 * The request's object UUID, as nitro_req_uuid(), also named as the object
 * of its audit record: "<kind>=<uuid>".
 */
static int nitro_req_object(struct nitro_req *req, const char *kind,
			    guid_t *id)
{
	int err = nitro_req_uuid(req, NITRO_P_UUID, id);

	if (!err)
		snprintf(req->object, sizeof(req->object), "%s=%pUb", kind, id);
	return err;
}

static bool nitro_uuid_taken(const guid_t *id)
{
	return nitro_find(&nitro_volumes, struct nitro_volume, id) ||
	       nitro_find(&nitro_enis, struct nitro_eni, id) ||
	       nitro_find(&nitro_instances, struct nitro_instance, id);
}

/* An absolute path without "." or ".." components or empty ones. */
static bool nitro_backend_valid(const char *path)
{
	const char *c = path;

	if (*c != '/')
		return false;
	while (*c) {
		const char *end;
		size_t n;

		c++;
		end = strchrnul(c, '/');
		n = end - c;
		if (!n || (n == 1 && c[0] == '.') ||
		    (n == 2 && c[0] == '.' && c[1] == '.'))
			return false;
		c = end;
	}
	return true;
}

int nitro_op_volume_create(struct nitro_req *req)
{
	struct nitro_volume *v;
	u8 shift = 9;
	guid_t id;
	u64 size;
	int err;

	err = nitro_req_object(req, "volume", &id);
	if (err)
		return err;
	if (!req->p[NITRO_P_SIZE] || !req->p[NITRO_P_BACKEND] ||
	    !req->p[NITRO_P_CMK]) {
		NL_SET_ERR_MSG(req->extack, "nitro: size, backend and cmk required");
		return -EINVAL;
	}
	if (req->p[NITRO_P_LBA_SHIFT])
		shift = nla_get_u8(req->p[NITRO_P_LBA_SHIFT]);
	size = nla_get_u64(req->p[NITRO_P_SIZE]);
	if (shift != 9 && shift != 12) {
		NL_SET_ERR_MSG(req->extack, "nitro: lba size must be 512 or 4096");
		return -EINVAL;
	}
	if (!size || size > NITRO_VOLUME_SIZE_MAX || size & ((1ULL << shift) - 1)) {
		NL_SET_ERR_MSG(req->extack,
			       "nitro: size must be a non-zero multiple of the lba size, at most 64 TiB");
		return -EINVAL;
	}
	if (!nitro_backend_valid(nla_data(req->p[NITRO_P_BACKEND]))) {
		NL_SET_ERR_MSG(req->extack, "nitro: backend must be a normalized absolute path");
		return -EINVAL;
	}
	if (req->p[NITRO_P_WRAPPED_KEY] && !nla_len(req->p[NITRO_P_WRAPPED_KEY])) {
		NL_SET_ERR_MSG(req->extack, "nitro: empty wrapped key");
		return -EINVAL;
	}
	if (nitro_uuid_taken(&id))
		return -EEXIST;
	if (nitro_nr_volumes >= NITRO_INVENTORY_MAX)
		return -ENOSPC;

	v = kzalloc(sizeof(*v), GFP_KERNEL);
	if (!v)
		return -ENOMEM;
	v->id = id;
	v->size = size;
	v->lba_shift = shift;
	v->cmk = nla_get_u32(req->p[NITRO_P_CMK]);
	if (req->p[NITRO_P_WRAPPED_KEY]) {
		v->wrapped_len = nla_len(req->p[NITRO_P_WRAPPED_KEY]);
		nla_memcpy(v->wrapped, req->p[NITRO_P_WRAPPED_KEY],
			   sizeof(v->wrapped));
	} else {
		/* A fresh AES-256-XTS key that only nitro_sec ever sees plain. */
		err = nitro_sec_datakey_generate(v->cmk, NITRO_DATA_KEY_MAX,
						 v->wrapped, &v->wrapped_len);
		if (!err && (!v->wrapped_len ||
			     v->wrapped_len > sizeof(v->wrapped)))
			err = -EIO;
		if (err) {
			NL_SET_ERR_MSG(req->extack,
				       "nitro: nitro_sec did not generate the data key");
			kfree_sensitive(v);
			return err;
		}
	}
	nla_strscpy(v->backend, req->p[NITRO_P_BACKEND], sizeof(v->backend));
	list_add_tail(&v->node, &nitro_volumes);
	nitro_nr_volumes++;
	return 0;
}

int nitro_op_volume_delete(struct nitro_req *req)
{
	struct nitro_volume *v;
	guid_t id;
	int err;

	err = nitro_req_object(req, "volume", &id);
	if (err)
		return err;
	v = nitro_find(&nitro_volumes, struct nitro_volume, &id);
	if (!v)
		return -ENOENT;
	if (!guid_is_null(&v->instance)) {
		NL_SET_ERR_MSG(req->extack, "nitro: volume is attached");
		return -EBUSY;
	}
	list_del(&v->node);
	nitro_nr_volumes--;
	kfree_sensitive(v);
	return 0;
}

int nitro_op_volume_list(struct nitro_req *req)
{
	struct nitro_volume *v;
	struct nlattr *e;

	list_for_each_entry(v, &nitro_volumes, node) {
		e = nla_nest_start(req->out, NITRO_P_ENTRY);
		if (!e || nla_put(req->out, NITRO_P_UUID, 16, &v->id) ||
		    nla_put_u64_64bit(req->out, NITRO_P_SIZE, v->size,
				      NITRO_P_UNSPEC) ||
		    nla_put_u8(req->out, NITRO_P_LBA_SHIFT, v->lba_shift) ||
		    nla_put_string(req->out, NITRO_P_BACKEND, v->backend) ||
		    nla_put_u32(req->out, NITRO_P_CMK, v->cmk) ||
		    (!guid_is_null(&v->instance) &&
		     (nla_put(req->out, NITRO_P_INSTANCE, 16, &v->instance) ||
		      nitro_put_mdev(req->out, &v->mdev))))
			return -EMSGSIZE;
		nla_nest_end(req->out, e);
	}
	return 0;
}

int nitro_op_eni_create(struct nitro_req *req)
{
	struct nitro_eni *n, *o;
	guid_t id;
	int err;
	u8 mac[ETH_ALEN];
	__be32 ip;
	u32 subnet;

	err = nitro_req_object(req, "eni", &id);
	if (err)
		return err;
	if (!req->p[NITRO_P_MAC] || !req->p[NITRO_P_SUBNET] ||
	    !req->p[NITRO_P_IPV4]) {
		NL_SET_ERR_MSG(req->extack, "nitro: mac, subnet and ipv4 required");
		return -EINVAL;
	}
	nla_memcpy(mac, req->p[NITRO_P_MAC], sizeof(mac));
	subnet = nla_get_u32(req->p[NITRO_P_SUBNET]);
	ip = nla_get_in_addr(req->p[NITRO_P_IPV4]);
	if (!is_valid_ether_addr(mac)) {
		NL_SET_ERR_MSG(req->extack, "nitro: mac must be unicast and not zero");
		return -EINVAL;
	}
	if (!subnet || ipv4_is_zeronet(ip) || ipv4_is_multicast(ip) ||
	    ipv4_is_lbcast(ip) || ipv4_is_loopback(ip)) {
		NL_SET_ERR_MSG(req->extack, "nitro: bad subnet or ipv4 address");
		return -EINVAL;
	}
	if (nitro_uuid_taken(&id))
		return -EEXIST;
	list_for_each_entry(o, &nitro_enis, node)
		if (ether_addr_equal(o->mac, mac) ||
		    (o->subnet == subnet && o->ipv4 == ip)) {
			NL_SET_ERR_MSG(req->extack, "nitro: mac or address in use");
			return -EADDRINUSE;
		}
	if (nitro_nr_enis >= NITRO_INVENTORY_MAX)
		return -ENOSPC;

	n = kzalloc(sizeof(*n), GFP_KERNEL);
	if (!n)
		return -ENOMEM;
	n->id = id;
	ether_addr_copy(n->mac, mac);
	n->subnet = subnet;
	n->ipv4 = ip;
	list_add_tail(&n->node, &nitro_enis);
	nitro_nr_enis++;
	return 0;
}

int nitro_op_eni_delete(struct nitro_req *req)
{
	struct nitro_eni *n;
	guid_t id;
	int err;

	err = nitro_req_object(req, "eni", &id);
	if (err)
		return err;
	n = nitro_find(&nitro_enis, struct nitro_eni, &id);
	if (!n)
		return -ENOENT;
	if (!guid_is_null(&n->instance))
		return -EBUSY;
	list_del(&n->node);
	nitro_nr_enis--;
	kfree(n);
	return 0;
}

int nitro_op_eni_list(struct nitro_req *req)
{
	struct nitro_eni *n;
	struct nlattr *e;

	list_for_each_entry(n, &nitro_enis, node) {
		e = nla_nest_start(req->out, NITRO_P_ENTRY);
		if (!e || nla_put(req->out, NITRO_P_UUID, 16, &n->id) ||
		    nla_put(req->out, NITRO_P_MAC, ETH_ALEN, n->mac) ||
		    nla_put_u32(req->out, NITRO_P_SUBNET, n->subnet) ||
		    nla_put_in_addr(req->out, NITRO_P_IPV4, n->ipv4) ||
		    (!guid_is_null(&n->instance) &&
		     nla_put(req->out, NITRO_P_INSTANCE, 16, &n->instance)))
			return -EMSGSIZE;
		nla_nest_end(req->out, e);
	}
	return 0;
}

int nitro_op_instance_create(struct nitro_req *req)
{
	struct nitro_instance *in;
	u32 vcpus, mem;
	guid_t id;
	int err;

	err = nitro_req_object(req, "instance", &id);
	if (err)
		return err;
	if (!req->p[NITRO_P_VCPUS] || !req->p[NITRO_P_MEM_MB]) {
		NL_SET_ERR_MSG(req->extack, "nitro: vcpus and memory required");
		return -EINVAL;
	}
	vcpus = nla_get_u32(req->p[NITRO_P_VCPUS]);
	mem = nla_get_u32(req->p[NITRO_P_MEM_MB]);
	if (!vcpus || vcpus > NITRO_INSTANCE_VCPUS_MAX ||
	    mem < NITRO_INSTANCE_MEM_MIN || mem > NITRO_INSTANCE_MEM_MAX) {
		NL_SET_ERR_MSG(req->extack,
			       "nitro: vcpus 1-256, memory 64 MiB to 1 TiB");
		return -EINVAL;
	}
	if (nitro_uuid_taken(&id))
		return -EEXIST;
	if (nitro_nr_instances >= NITRO_INVENTORY_MAX)
		return -ENOSPC;
	in = kzalloc(sizeof(*in), GFP_KERNEL);
	if (!in)
		return -ENOMEM;
	in->id = id;
	in->vcpus = vcpus;
	in->mem_mb = mem;
	in->state = NITRO_INSTANCE_STOPPED;
	list_add_tail(&in->node, &nitro_instances);
	nitro_nr_instances++;
	return 0;
}

static struct nitro_instance *nitro_req_instance(struct nitro_req *req,
						 int attr, int *err)
{
	struct nitro_instance *in;
	guid_t id;

	*err = nitro_req_uuid(req, attr, &id);
	if (*err)
		return NULL;
	if (attr == NITRO_P_UUID)
		snprintf(req->object, sizeof(req->object), "instance=%pUb", &id);
	in = nitro_find(&nitro_instances, struct nitro_instance, &id);
	if (!in)
		*err = -ENOENT;
	return in;
}

int nitro_op_instance_delete(struct nitro_req *req)
{
	struct nitro_instance *in;
	int err;

	in = nitro_req_instance(req, NITRO_P_UUID, &err);
	if (!in)
		return err;
	if (in->state != NITRO_INSTANCE_STOPPED || in->attached) {
		NL_SET_ERR_MSG(req->extack,
			       "nitro: instance must be stopped with nothing attached");
		return -EBUSY;
	}
	list_del(&in->node);
	nitro_nr_instances--;
	kfree(in);
	return 0;
}

static int nitro_instance_set_state(struct nitro_req *req, u32 state)
{
	struct nitro_instance *in;
	int err;

	in = nitro_req_instance(req, NITRO_P_UUID, &err);
	if (!in)
		return err;
	if (in->state == state)
		return -EALREADY;
	in->state = state;
	return 0;
}

int nitro_op_instance_start(struct nitro_req *req)
{
	return nitro_instance_set_state(req, NITRO_INSTANCE_RUNNING);
}

int nitro_op_instance_stop(struct nitro_req *req)
{
	return nitro_instance_set_state(req, NITRO_INSTANCE_STOPPED);
}

int nitro_op_instance_list(struct nitro_req *req)
{
	struct nitro_instance *in;
	struct nlattr *e;

	list_for_each_entry(in, &nitro_instances, node) {
		e = nla_nest_start(req->out, NITRO_P_ENTRY);
		if (!e || nla_put(req->out, NITRO_P_UUID, 16, &in->id) ||
		    nla_put_u32(req->out, NITRO_P_VCPUS, in->vcpus) ||
		    nla_put_u32(req->out, NITRO_P_MEM_MB, in->mem_mb) ||
		    nla_put_u32(req->out, NITRO_P_STATE, in->state) ||
		    nla_put_u32(req->out, NITRO_P_COUNT, in->attached))
			return -EMSGSIZE;
		nla_nest_end(req->out, e);
	}
	return 0;
}

static void nitro_attach_uevent(const char *action, const guid_t *mdev,
				const guid_t *instance, const char *personality)
{
	char a[32], m[64], i[64], p[48];
	struct device *dev = nitro_ctrl_device();
	char *envp[5];

	if (!dev)
		return;
	envp[0] = a;
	envp[1] = m;
	envp[2] = i;
	envp[3] = p;
	envp[4] = NULL;
	snprintf(a, sizeof(a), "NITRO_ACTION=%s", action);
	snprintf(m, sizeof(m), "NITRO_MDEV_UUID=%pUl", mdev);
	snprintf(i, sizeof(i), "NITRO_INSTANCE=%pUb", instance);
	snprintf(p, sizeof(p), "NITRO_PERSONALITY=%s", personality);
	kobject_uevent_env(&dev->kobj, KOBJ_CHANGE, envp);
}

/* NVMe serial number: the volume id's first 20 hex digits. */
static void nitro_volume_serial(const struct nitro_volume *v, char sn[20])
{
	char hex[33];

	bin2hex(hex, v->id.b, sizeof(v->id.b));
	memcpy(sn, hex, 20);
}

static int nitro_nvme_attach(struct nitro_volume *v, const guid_t *mdev,
			     const struct nitro_key_grant *grant)
{
	struct nitro_nvme_attach_data *data;
	struct nitro_nvme_attach_cmd cmd = {};
	struct nitro_mbox_req mreq = {};
	struct nitro_mbox_cpl cpl;
	struct nitro_mbox *mb;
	int err;

	mb = nitro_mbox_find("nitro_nvme");
	if (!mb)
		return -ENODEV;
	data = kzalloc(sizeof(*data), GFP_KERNEL);
	if (!data) {
		err = -ENOMEM;
		goto out_unuse;
	}
	export_guid(cmd.dev_uuid, mdev);
	memcpy(cmd.grant, grant->token, sizeof(cmd.grant));
	export_guid(data->volume_uuid, &v->id);
	data->size = cpu_to_le64(v->size);
	data->lba_shift = v->lba_shift;
	nitro_volume_serial(v, data->serial);
	memcpy_and_pad(data->model, sizeof(data->model), "Nitro NVMe volume",
		       17, ' ');
	memcpy_and_pad(data->firmware, sizeof(data->firmware),
		       NITRO_CTRL_VERSION, strlen(NITRO_CTRL_VERSION), ' ');
	strscpy(data->backend, v->backend, sizeof(data->backend));

	mreq.opcode = NITRO_NVME_OP_ATTACH;
	mreq.payload = &cmd;
	mreq.len = sizeof(cmd);
	mreq.data = data;
	mreq.data_len = sizeof(*data);
	err = nitro_mbox_call_req(mb, &mreq, &cpl, NULL, NITRO_MBOX_TIMEOUT_MS);
	kfree(data);
out_unuse:
	nitro_mbox_unuse(mb);
	return err;
}

static int nitro_nvme_detach(const guid_t *mdev)
{
	struct nitro_nvme_detach_cmd cmd = {};
	struct nitro_mbox_cpl cpl;
	struct nitro_mbox *mb;
	int err;

	mb = nitro_mbox_find("nitro_nvme");
	if (!mb)
		return -ENODEV;
	export_guid(cmd.dev_uuid, mdev);
	err = nitro_mbox_call(mb, NITRO_NVME_OP_DETACH, &cmd, sizeof(cmd), &cpl,
			      NITRO_MBOX_TIMEOUT_MS);
	nitro_mbox_unuse(mb);
	return err;
}

static int nitro_attach_volume(struct nitro_req *req, struct nitro_instance *in,
			       struct nitro_volume *v)
{
	struct nitro_key_grant grant;
	guid_t mdev;
	int err;

	if (!guid_is_null(&v->instance)) {
		NL_SET_ERR_MSG(req->extack, "nitro: volume already attached");
		return -EBUSY;
	}
	guid_gen(&mdev);
	/* A one-time grant bound to this volume, device and nitro_nvme. */
	err = nitro_sec_grant_issue(v->cmk, v->wrapped, v->wrapped_len,
				    NITRO_COMPONENT_NVME, &v->id, &mdev, &grant);
	if (err) {
		NL_SET_ERR_MSG(req->extack, "nitro: nitro_sec refused the key grant");
		return err;
	}
	err = nitro_nvme_attach(v, &mdev, &grant);
	if (err) {
		NL_SET_ERR_MSG(req->extack, "nitro: nitro_nvme refused the attach");
		goto err_revoke;
	}
	err = nitro_dev_provision(&mdev, "nvme");
	if (err) {
		nitro_nvme_detach(&mdev);
		goto err_revoke;
	}
	memzero_explicit(&grant, sizeof(grant));
	v->instance = in->id;
	v->mdev = mdev;
	in->attached++;
	nitro_attach_uevent("attach", &mdev, &in->id, "nvme");
	if (nitro_put_mdev(req->out, &mdev))
		return -EMSGSIZE;
	return 0;

err_revoke:
	/* Unused or refused: make sure it can never be redeemed. */
	nitro_sec_grant_revoke(&grant);
	memzero_explicit(&grant, sizeof(grant));
	return err;
}

static int nitro_detach_volume(struct nitro_req *req, struct nitro_instance *in,
			       struct nitro_volume *v)
{
	int err;

	if (!guid_equal(&v->instance, &in->id)) {
		NL_SET_ERR_MSG(req->extack, "nitro: not attached to this instance");
		return -ENOENT;
	}
	/* The host loses the right to create the device first. */
	nitro_dev_unprovision(&v->mdev);
	nitro_attach_uevent("detach", &v->mdev, &in->id, "nvme");
	err = nitro_nvme_detach(&v->mdev);
	/* Gone or failed firmware holds no attachment: the slot is free. */
	if (err && err != -ENODEV && err != -ETIMEDOUT)
		return err;
	v->instance = guid_null;
	v->mdev = guid_null;
	in->attached--;
	return 0;
}

static int nitro_attach_common(struct nitro_req *req, bool attach)
{
	struct nitro_instance *in;
	struct nitro_volume *v;
	guid_t id;
	int err;

	err = nitro_req_uuid(req, NITRO_P_UUID, &id);
	if (err)
		return err;
	snprintf(req->object, sizeof(req->object), "%pUb", &id);
	in = nitro_req_instance(req, NITRO_P_INSTANCE, &err);
	if (!in)
		return err;
	v = nitro_find(&nitro_volumes, struct nitro_volume, &id);
	if (v)
		return attach ? nitro_attach_volume(req, in, v) :
				nitro_detach_volume(req, in, v);
	if (nitro_find(&nitro_enis, struct nitro_eni, &id)) {
		NL_SET_ERR_MSG(req->extack,
			       "nitro: ENI attach needs nitro_ena's ATTACH, not defined yet");
		return -EOPNOTSUPP;
	}
	return -ENOENT;
}

int nitro_op_attach(struct nitro_req *req)
{
	return nitro_attach_common(req, true);
}

int nitro_op_detach(struct nitro_req *req)
{
	return nitro_attach_common(req, false);
}

int nitro_op_status(struct nitro_req *req)
{
	static const char *const names[] = { "volumes", "enis", "instances" };
	unsigned int vals[] = { nitro_nr_volumes, nitro_nr_enis,
				nitro_nr_instances };
	struct nlattr *e;
	int i;

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		e = nla_nest_start(req->out, NITRO_P_COUNTER);
		if (!e || nla_put_string(req->out, NITRO_P_NAME, names[i]) ||
		    nla_put_u64_64bit(req->out, NITRO_P_VALUE, vals[i],
				      NITRO_P_UNSPEC))
			return -EMSGSIZE;
		nla_nest_end(req->out, e);
	}
	return 0;
}

/* A new customer master key inside nitro_sec; the reply carries its id. */
int nitro_op_cmk_create(struct nitro_req *req)
{
	u32 id;
	int err;

	err = nitro_sec_cmk_create(&id);
	if (err) {
		NL_SET_ERR_MSG(req->extack, "nitro: nitro_sec did not create the key");
		return err;
	}
	snprintf(req->object, sizeof(req->object), "cmk=%u", id);
	return nla_put_u32(req->out, NITRO_P_CMK, id) ? -EMSGSIZE : 0;
}

/* Module exit: forget everything; provisions are cleared by main.c. */
void nitro_inventory_clear(void)
{
	struct nitro_volume *v, *vt;
	struct nitro_eni *n, *nt;
	struct nitro_instance *in, *it;

	list_for_each_entry_safe(v, vt, &nitro_volumes, node)
		kfree_sensitive(v);
	list_for_each_entry_safe(n, nt, &nitro_enis, node)
		kfree(n);
	list_for_each_entry_safe(in, it, &nitro_instances, node)
		kfree(in);
	INIT_LIST_HEAD(&nitro_volumes);
	INIT_LIST_HEAD(&nitro_enis);
	INIT_LIST_HEAD(&nitro_instances);
	nitro_nr_volumes = 0;
	nitro_nr_enis = 0;
	nitro_nr_instances = 0;
}
