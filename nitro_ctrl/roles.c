// SPDX-License-Identifier: GPL-2.0
/*
 * Every operation, the roles that may call it and the attributes it
 * accepts. Deny by default: an op not in this table, a role bit not listed
 * for it, or an attribute it does not take is refused.
 */
#include <linux/bits.h>
#include <linux/kernel.h>

#include "api.h"

#define A(x)	BIT_ULL(NITRO_P_##x)
#define ADMIN	NITRO_ROLE_ADMIN
#define OPER	NITRO_ROLE_OPERATOR
#define AUDIT	NITRO_ROLE_AUDITOR

static const struct nitro_op_desc nitro_ops[__NITRO_OP_MAX] = {
	/* BOOTSTRAP is handled before any role exists (api.c). */
	[NITRO_OP_BOOTSTRAP] = { "principal.bootstrap", 0, true, 0, NULL },
	[NITRO_OP_WHOAMI] = { "principal.whoami", ADMIN | OPER | AUDIT, false,
			      0, nitro_op_whoami },
	[NITRO_OP_PRINCIPAL_ADD] = { "principal.add", ADMIN, true,
				     A(PRINCIPAL) | A(ROLES) | A(KEY),
				     nitro_op_principal_add },
	[NITRO_OP_PRINCIPAL_DEL] = { "principal.del", ADMIN, true,
				     A(PRINCIPAL), nitro_op_principal_del },
	[NITRO_OP_PRINCIPAL_LIST] = { "principal.list", ADMIN, false, 0,
				      nitro_op_principal_list },
	[NITRO_OP_ROLE_SET] = { "role.set", ADMIN, true,
				A(PRINCIPAL) | A(ROLES), nitro_op_role_set },

	[NITRO_OP_VOLUME_CREATE] = { "volume.create", OPER, true,
				     A(UUID) | A(SIZE) | A(LBA_SHIFT) |
				     A(BACKEND) | A(CMK) | A(WRAPPED_KEY),
				     nitro_op_volume_create },
	[NITRO_OP_VOLUME_DELETE] = { "volume.delete", OPER, true, A(UUID),
				     nitro_op_volume_delete },
	[NITRO_OP_VOLUME_LIST] = { "volume.list", OPER, false, 0,
				   nitro_op_volume_list },
	[NITRO_OP_ENI_CREATE] = { "eni.create", OPER, true,
				  A(UUID) | A(MAC) | A(SUBNET) | A(IPV4),
				  nitro_op_eni_create },
	[NITRO_OP_ENI_DELETE] = { "eni.delete", OPER, true, A(UUID),
				  nitro_op_eni_delete },
	[NITRO_OP_ENI_LIST] = { "eni.list", OPER, false, 0, nitro_op_eni_list },
	[NITRO_OP_INSTANCE_CREATE] = { "instance.create", OPER, true,
				       A(UUID) | A(VCPUS) | A(MEM_MB),
				       nitro_op_instance_create },
	[NITRO_OP_INSTANCE_DELETE] = { "instance.delete", OPER, true, A(UUID),
				       nitro_op_instance_delete },
	[NITRO_OP_INSTANCE_START] = { "instance.start", OPER, true, A(UUID),
				      nitro_op_instance_start },
	[NITRO_OP_INSTANCE_STOP] = { "instance.stop", OPER, true, A(UUID),
				     nitro_op_instance_stop },
	[NITRO_OP_INSTANCE_LIST] = { "instance.list", OPER, false, 0,
				     nitro_op_instance_list },
	[NITRO_OP_ATTACH] = { "attach", OPER, true, A(INSTANCE) | A(UUID),
			      nitro_op_attach },
	[NITRO_OP_DETACH] = { "detach", OPER, true, A(INSTANCE) | A(UUID),
			      nitro_op_detach },
	[NITRO_OP_STATUS] = { "status", OPER | AUDIT, false, 0,
			      nitro_op_status },
	[NITRO_OP_CMK_CREATE] = { "cmk.create", OPER, true, 0,
				  nitro_op_cmk_create },
	[NITRO_OP_KEY_WRAP] = { "key.wrap", OPER, true, A(CMK) | A(DATA_KEY),
				nitro_op_key_wrap },

	[NITRO_OP_AUDIT_READ] = { "audit.read", AUDIT, false,
				  A(SEQ) | A(COUNT), nitro_op_audit_read },
	/* Acknowledging frees the log: never refused for a full log. */
	[NITRO_OP_AUDIT_ACK] = { "audit.ack", AUDIT, false, A(SEQ),
				 nitro_op_audit_ack },
	[NITRO_OP_METRICS] = { "metrics", AUDIT, false, 0, nitro_op_metrics },
};

/* Return: the operation's description, or NULL for an unknown op. */
const struct nitro_op_desc *nitro_op_desc(u16 op)
{
	if (op >= ARRAY_SIZE(nitro_ops) || !nitro_ops[op].name)
		return NULL;
	return &nitro_ops[op];
}

bool nitro_op_allowed(const struct nitro_op_desc *desc, u32 roles)
{
	return desc->doit && (desc->roles & roles);
}
