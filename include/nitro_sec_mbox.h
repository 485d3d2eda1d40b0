/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The security component's mailbox commands (Documentation/security-module.rst).
 *
 * Fixed layout, little endian. Bulk data (wrapped keys, attestation reports)
 * travels in the command's data buffer; everything else in the payload. No
 * answer returns a plaintext key. One command carries one in: DATAKEY_IMPORT
 * (bring your own key), whose data buffer holds the key on the way in and
 * the wrapped key on the way out; nitro_sec never keeps it.
 *
 * A completion whose status is not OK carries struct nitro_sec_error, whose
 * errno says more than the status can (for instance -ENOKEY when no device
 * key is installed).
 */
#ifndef _NITRO_SEC_MBOX_H
#define _NITRO_SEC_MBOX_H

#include <linux/types.h>

#include "nitro_mbox.h"

enum nitro_sec_opcode {
	NITRO_SEC_OP_CMK_CREATE		= NITRO_MBOX_OP_COMPONENT_BASE + 0,
	NITRO_SEC_OP_CMK_DESTROY	= NITRO_MBOX_OP_COMPONENT_BASE + 1,
	NITRO_SEC_OP_DATAKEY_GENERATE	= NITRO_MBOX_OP_COMPONENT_BASE + 2,
	NITRO_SEC_OP_GRANT_ISSUE	= NITRO_MBOX_OP_COMPONENT_BASE + 3,
	NITRO_SEC_OP_GRANT_REVOKE	= NITRO_MBOX_OP_COMPONENT_BASE + 4,
	NITRO_SEC_OP_ATTEST		= NITRO_MBOX_OP_COMPONENT_BASE + 5,
	NITRO_SEC_OP_ANCHOR		= NITRO_MBOX_OP_COMPONENT_BASE + 6,
	NITRO_SEC_OP_ALLOW_ADD		= NITRO_MBOX_OP_COMPONENT_BASE + 7,
	NITRO_SEC_OP_ALLOW_CLEAR	= NITRO_MBOX_OP_COMPONENT_BASE + 8,
	NITRO_SEC_OP_POLICY_SET		= NITRO_MBOX_OP_COMPONENT_BASE + 9,
	NITRO_SEC_OP_STATS		= NITRO_MBOX_OP_COMPONENT_BASE + 10,
	NITRO_SEC_OP_DATAKEY_IMPORT	= NITRO_MBOX_OP_COMPONENT_BASE + 11,
};

#define NITRO_SEC_TOKEN_LEN		32
#define NITRO_SEC_DIGEST_LEN		32	/* SHA-256 */
#define NITRO_SEC_HMAC_LEN		32	/* HMAC-SHA256 */
#define NITRO_SEC_NONCE_SIZE		32
#define NITRO_SEC_WRAP_MAX		128	/* largest wrapped data key */
#define NITRO_SEC_REPORT_SIZE_MAX	4096	/* largest attestation report */

/* Payload of any completion whose status is not OK. */
struct nitro_sec_error {
	__le32 err;			/* positive errno */
};

/* CMK_CREATE: no request. */
struct nitro_sec_cmk_create_rsp {
	__le32 cmk_id;			/* never 0, never reused */
};

/* CMK_DESTROY: no answer payload. */
struct nitro_sec_cmk_destroy_req {
	__le32 cmk_id;
};

/* DATAKEY_GENERATE: the wrapped key is written to the data buffer. */
struct nitro_sec_datakey_req {
	__le32 cmk_id;
	__le32 key_len;			/* 16, 32 or 64 */
};

struct nitro_sec_datakey_rsp {
	__le32 wrapped_len;
};

/*
 * DATAKEY_IMPORT: the data buffer holds key_len bytes of plaintext key, and
 * receives the wrapped key in their place (the answer is
 * struct nitro_sec_datakey_rsp). A 64-byte key is an AES-256-XTS pair whose
 * halves must differ (-EKEYREJECTED otherwise).
 */
struct nitro_sec_datakey_import_req {
	__le32 cmk_id;
	__le32 key_len;			/* 16, 32 or 64 */
};

/* GRANT_ISSUE: the data buffer holds wrapped_len bytes of wrapped key. */
struct nitro_sec_grant_issue_req {
	__le32 cmk_id;
	__le32 wrapped_len;
	__le16 kind;			/* enum nitro_component_kind */
	__le16 rsvd;			/* 0 */
	__le32 rsvd2;			/* 0 */
	__u8 volume[16];		/* guid_t */
	__u8 dev[16];			/* guid_t */
};

struct nitro_sec_grant_rsp {
	__u8 token[NITRO_SEC_TOKEN_LEN];
};

/* GRANT_REVOKE: no answer payload. */
struct nitro_sec_grant_revoke_req {
	__u8 token[NITRO_SEC_TOKEN_LEN];
};

/* ATTEST: the report (struct nitro_sec_report) goes to the data buffer. */
struct nitro_sec_attest_req {
	__u8 nonce[NITRO_SEC_NONCE_SIZE];
};

struct nitro_sec_attest_rsp {
	__le32 report_len;
};

/* ANCHOR: an HMAC over struct nitro_sec_anchor_msg. */
struct nitro_sec_anchor_req {
	__le64 seq;
	__u8 hash[NITRO_SEC_DIGEST_LEN];
};

struct nitro_sec_anchor_rsp {
	__u8 mac[NITRO_SEC_HMAC_LEN];
};

/* ALLOW_ADD: one allowed (measurement, kind) pair. */
struct nitro_sec_allow_req {
	__u8 digest[NITRO_SEC_DIGEST_LEN];
	__le16 kind;
	__le16 rsvd;			/* 0 */
};

enum nitro_sec_policy {
	/* Components that claim nitro_sec's own build id (the default). */
	NITRO_SEC_POLICY_BUILD	= 1,
	/* Only the (measurement, kind) pairs on the allowlist. */
	NITRO_SEC_POLICY_STRICT	= 2,
};

struct nitro_sec_policy_req {
	__le32 policy;			/* enum nitro_sec_policy */
};

/* STATS: counters, never anything secret. */
struct nitro_sec_stats_rsp {
	__le32 cmks;			/* live customer master keys */
	__le32 grants;			/* outstanding grants */
	__le32 components;		/* measured components */
	__le32 policy;
	__le64 redeemed;
	__le64 denied;			/* redemptions refused */
	__le64 anchors;
	__le64 reports;
};

/*
 * The attestation report: a header, one entry per registered component in
 * registration order, then an HMAC-SHA256 under the device key over every
 * byte before it.
 */
#define NITRO_SEC_REPORT_MAGIC		"NITROATT"
#define NITRO_SEC_REPORT_VERSION	1

struct nitro_sec_report_hdr {
	__u8 magic[8];			/* NITRO_SEC_REPORT_MAGIC */
	__le16 version;			/* NITRO_SEC_REPORT_VERSION */
	__le16 nr_entries;
	__le32 len;			/* whole report, MAC included */
	__le64 counter;			/* reports signed since nitro_sec loaded */
	__le64 time;			/* CLOCK_REALTIME seconds */
	__u8 nonce[NITRO_SEC_NONCE_SIZE];
	__le32 policy;			/* enum nitro_sec_policy */
	__u8 rsvd[20];
	__u8 build_id[NITRO_BUILD_ID_SIZE];	/* nitro_sec's, NUL-padded */
};

/* Entry flags. */
#define NITRO_SEC_ENTRY_MEASURED	0x1	/* digest is valid */
#define NITRO_SEC_ENTRY_ALLOWED		0x2	/* may redeem grants */

struct nitro_sec_report_entry {
	__le16 kind;			/* enum nitro_component_kind */
	__le16 flags;			/* NITRO_SEC_ENTRY_* */
	__le32 rsvd;
	__u8 name[32];			/* mailbox name, NUL-padded */
	__u8 module[56];		/* module name, NUL-padded */
	__u8 digest[NITRO_SEC_DIGEST_LEN];	/* the measurement */
	__u8 build_id[NITRO_BUILD_ID_SIZE];	/* claimed, NUL-padded */
};

#define NITRO_SEC_REPORT_MAX_ENTRIES \
	((NITRO_SEC_REPORT_SIZE_MAX - sizeof(struct nitro_sec_report_hdr) - \
	  NITRO_SEC_HMAC_LEN) / sizeof(struct nitro_sec_report_entry))

/* What an audit anchor's MAC covers. */
#define NITRO_SEC_ANCHOR_MAGIC		"NITROANC"
#define NITRO_SEC_ANCHOR_VERSION	1

struct nitro_sec_anchor_msg {
	__u8 magic[8];			/* NITRO_SEC_ANCHOR_MAGIC */
	__le32 version;			/* NITRO_SEC_ANCHOR_VERSION */
	__le32 rsvd;			/* 0 */
	__le64 seq;
	__u8 hash[NITRO_SEC_DIGEST_LEN];
};

/*
 * A wrapped data key: AES-256-GCM under the CMK, a random 96-bit IV, the
 * 8-byte header as associated data, then the ciphertext and 128-bit tag.
 */
#define NITRO_SEC_WRAP_VERSION		1
#define NITRO_SEC_WRAP_ALG_AES256_GCM	1
#define NITRO_SEC_WRAP_IV_LEN		12
#define NITRO_SEC_WRAP_TAG_LEN		16

struct nitro_sec_wrap_hdr {
	__u8 version;			/* NITRO_SEC_WRAP_VERSION */
	__u8 alg;			/* NITRO_SEC_WRAP_ALG_AES256_GCM */
	__le16 key_len;
	__le32 cmk_id;
	__u8 iv[NITRO_SEC_WRAP_IV_LEN];
	/* then key_len bytes of ciphertext and the tag */
};

#define NITRO_SEC_WRAP_AAD_LEN		8
#define NITRO_SEC_WRAPPED_LEN(key_len) \
	(sizeof(struct nitro_sec_wrap_hdr) + (key_len) + NITRO_SEC_WRAP_TAG_LEN)

#ifdef __KERNEL__
#include <linux/build_bug.h>
static_assert(sizeof(struct nitro_sec_error) <= NITRO_MBOX_PAYLOAD_SIZE);
static_assert(sizeof(struct nitro_sec_grant_issue_req) == 48);
static_assert(sizeof(struct nitro_sec_grant_rsp) == 32);
static_assert(sizeof(struct nitro_sec_anchor_req) == 40);
static_assert(sizeof(struct nitro_sec_allow_req) == 36);
static_assert(sizeof(struct nitro_sec_stats_rsp) == 48);
static_assert(sizeof(struct nitro_sec_report_hdr) == 112);
static_assert(sizeof(struct nitro_sec_report_entry) == 152);
static_assert(sizeof(struct nitro_sec_anchor_msg) == 56);
static_assert(sizeof(struct nitro_sec_wrap_hdr) == 20);
static_assert(NITRO_SEC_WRAPPED_LEN(64) <= NITRO_SEC_WRAP_MAX);
static_assert(NITRO_SEC_REPORT_MAX_ENTRIES >= 16);
#endif

#endif /* _NITRO_SEC_MBOX_H */
