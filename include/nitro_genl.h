/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The Nitro control-plane ABI: generic netlink family "nitro"
 * (Documentation/api.rst). Shared by nitro_ctrl and tools/nitroctl.
 *
 * Every request is one NITRO_CMD_REQUEST message with two attributes in
 * clear: NITRO_A_HDR, a struct nitro_env_hdr, and NITRO_A_SEALED, the
 * AES-256-GCM ciphertext of the operation's attributes (a stream of netlink
 * attributes of enum nitro_p) followed by the 16-byte tag. The key is the
 * principal's; the nonce is the header's; the associated data is the whole
 * header as sent. The reply to an authenticated request has the same shape,
 * with NITRO_ENV_F_RESPONSE set and the result in the header's status.
 * Requests that cannot be authenticated get only a netlink error.
 */
#ifndef _NITRO_GENL_H
#define _NITRO_GENL_H

#include <linux/types.h>

#define NITRO_GENL_NAME		"nitro"
#define NITRO_GENL_VERSION	1

/* Envelope format version, in every header. */
#define NITRO_ENV_VERSION	1
#define NITRO_ENV_KEY_LEN	32	/* AES-256 */
#define NITRO_ENV_NONCE_LEN	12
#define NITRO_ENV_TAG_LEN	16
/* Largest plaintext of a request; replies may be up to NITRO_ENV_REPLY_MAX. */
#define NITRO_ENV_REQ_MAX	4096
#define NITRO_ENV_REPLY_MAX	32768

enum nitro_cmd {
	NITRO_CMD_UNSPEC,
	NITRO_CMD_REQUEST,
	__NITRO_CMD_MAX,
};

/* Outer (clear) attributes. */
enum nitro_attr {
	NITRO_A_UNSPEC,
	NITRO_A_HDR,		/* struct nitro_env_hdr */
	NITRO_A_SEALED,		/* ciphertext || tag */
	__NITRO_A_MAX,
};

#define NITRO_A_MAX (__NITRO_A_MAX - 1)

enum nitro_env_flags {
	NITRO_ENV_F_RESPONSE	= 1 << 0,
};

struct nitro_env_hdr {
	__u8 version;		/* NITRO_ENV_VERSION */
	__u8 flags;		/* enum nitro_env_flags */
	__le16 op;		/* enum nitro_op */
	__le32 principal;
	__le64 seq;		/* strictly increasing per principal */
	__u8 nonce[NITRO_ENV_NONCE_LEN];
	__le32 status;		/* replies: 0 or a negative errno; requests: 0 */
};

/* Roles, a bit mask: a principal may hold several. */
enum nitro_role {
	NITRO_ROLE_ADMIN	= 1 << 0,	/* principals, roles, policy */
	NITRO_ROLE_OPERATOR	= 1 << 1,	/* inventory, attach, update */
	NITRO_ROLE_AUDITOR	= 1 << 2,	/* audit log, metrics, attest */
};

#define NITRO_ROLES_ALL	(NITRO_ROLE_ADMIN | NITRO_ROLE_OPERATOR | \
			 NITRO_ROLE_AUDITOR)

/* Operations: the header's op. Numbers are ABI and never reused. */
enum nitro_op {
	NITRO_OP_BOOTSTRAP		= 1,
	NITRO_OP_WHOAMI			= 2,
	NITRO_OP_PRINCIPAL_ADD		= 3,
	NITRO_OP_PRINCIPAL_DEL		= 4,
	NITRO_OP_PRINCIPAL_LIST		= 5,
	NITRO_OP_ROLE_SET		= 6,

	NITRO_OP_VOLUME_CREATE		= 16,
	NITRO_OP_VOLUME_DELETE		= 17,
	NITRO_OP_VOLUME_LIST		= 18,
	NITRO_OP_ENI_CREATE		= 19,
	NITRO_OP_ENI_DELETE		= 20,
	NITRO_OP_ENI_LIST		= 21,
	NITRO_OP_INSTANCE_CREATE	= 22,
	NITRO_OP_INSTANCE_DELETE	= 23,
	NITRO_OP_INSTANCE_START		= 24,
	NITRO_OP_INSTANCE_STOP		= 25,
	NITRO_OP_INSTANCE_LIST		= 26,
	NITRO_OP_ATTACH			= 27,
	NITRO_OP_DETACH			= 28,
	NITRO_OP_STATUS			= 29,
	NITRO_OP_CMK_CREATE		= 30,
	NITRO_OP_KEY_WRAP		= 31,

	NITRO_OP_AUDIT_READ		= 48,
	NITRO_OP_AUDIT_ACK		= 49,
	NITRO_OP_METRICS		= 50,
	__NITRO_OP_MAX,
};

/* Sealed (inner) attributes, one space for every operation. */
enum nitro_p {
	NITRO_P_UNSPEC,
	NITRO_P_PRINCIPAL,	/* u32 */
	NITRO_P_ROLES,		/* u32, enum nitro_role mask */
	NITRO_P_KEY,		/* binary, NITRO_ENV_KEY_LEN */
	NITRO_P_UUID,		/* binary 16: the object (volume/ENI/instance) */
	NITRO_P_SIZE,		/* u64, bytes */
	NITRO_P_LBA_SHIFT,	/* u8, 9 or 12 */
	NITRO_P_BACKEND,	/* string, absolute path */
	NITRO_P_CMK,		/* u32 */
	NITRO_P_WRAPPED_KEY,	/* binary, at most NITRO_WRAPPED_KEY_MAX */
	NITRO_P_MAC,		/* binary 6 */
	NITRO_P_SUBNET,		/* u32 */
	NITRO_P_IPV4,		/* u32, network byte order */
	NITRO_P_VCPUS,		/* u32 */
	NITRO_P_MEM_MB,		/* u32 */
	NITRO_P_STATE,		/* u32, enum nitro_instance_state */
	NITRO_P_INSTANCE,	/* binary 16: instance uuid */
	NITRO_P_MDEV,		/* binary 16: mdev uuid (reply of ATTACH) */
	NITRO_P_ENTRY,		/* nest: one item of a list */
	NITRO_P_SEQ,		/* u64 */
	NITRO_P_COUNT,		/* u32 */
	NITRO_P_TIME,		/* u64, ns since the epoch */
	NITRO_P_OP,		/* string */
	NITRO_P_OBJECT,		/* string */
	NITRO_P_RESULT,		/* s32 */
	NITRO_P_PREV_HASH,	/* binary 32 */
	NITRO_P_HASH,		/* binary 32 */
	NITRO_P_FIRST_SEQ,	/* u64: oldest record kept */
	NITRO_P_ACKED_SEQ,	/* u64: newest record acknowledged */
	NITRO_P_CAPACITY,	/* u32 */
	NITRO_P_OVERFLOW,	/* u64: records that found the log full */
	NITRO_P_COUNTER,	/* nest: NITRO_P_NAME + NITRO_P_VALUE */
	NITRO_P_NAME,		/* string */
	NITRO_P_VALUE,		/* u64 */
	NITRO_P_ATTACHED,	/* binary 16: what is attached (volume/ENI) */
	NITRO_P_KIND,		/* u32, enum nitro_attach_kind */
	NITRO_P_DATA_KEY,	/* binary NITRO_DATA_KEY_LEN: a key to wrap */
	NITRO_P_ANCHOR,		/* nest: SEQ, HASH, SIGNATURE */
	NITRO_P_SIGNATURE,	/* binary NITRO_AUDIT_MAC_LEN: HMAC-SHA256 */
	NITRO_P_NONCE,		/* binary NITRO_ATTEST_NONCE_LEN */
	NITRO_P_REPORT,		/* binary: a signed attestation report */
	NITRO_P_DIGEST,		/* binary 32: a component measurement */
	NITRO_P_POLICY,		/* u32, allowlist policy (1 build, 2 strict) */
	NITRO_P_COMPONENT,	/* string: a component's mailbox name */
	NITRO_P_COMPONENT_KIND,	/* u32, enum nitro_component_kind */
	__NITRO_P_MAX,
};

#define NITRO_P_MAX (__NITRO_P_MAX - 1)

#define NITRO_WRAPPED_KEY_MAX	128
#define NITRO_DATA_KEY_LEN	64	/* AES-256-XTS, two differing halves */
#define NITRO_BACKEND_MAX	255
#define NITRO_AUDIT_HASH_LEN	32	/* SHA-256 */
#define NITRO_AUDIT_MAC_LEN	32	/* HMAC-SHA256 of an anchor */
#define NITRO_AUDIT_OP_MAX	31
#define NITRO_AUDIT_OBJECT_MAX	63
#define NITRO_AUDIT_READ_MAX	64	/* records per AUDIT_READ */
#define NITRO_ATTEST_NONCE_LEN	32
#define NITRO_DIGEST_LEN	32	/* SHA-256 measurement */
#define NITRO_COMPONENT_NAME_MAX 31

enum nitro_instance_state {
	NITRO_INSTANCE_STOPPED	= 0,
	NITRO_INSTANCE_RUNNING	= 1,
};

enum nitro_attach_kind {
	NITRO_ATTACH_VOLUME	= 1,
	NITRO_ATTACH_ENI	= 2,
};

#ifdef __KERNEL__
#include <linux/build_bug.h>
static_assert(sizeof(struct nitro_env_hdr) == 32);
#endif

#endif /* _NITRO_GENL_H */
