/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Nitro mailbox wire format: the messages nitro_ctrl and its components
 * exchange over the command and completion rings (Documentation/mailbox.rst).
 *
 * Fixed layout, little endian, explicit padding. Every field is validated by
 * the side that receives it; a receiver never trusts a length or a tag.
 */
#ifndef _NITRO_MBOX_H
#define _NITRO_MBOX_H

#include <linux/types.h>

#define NITRO_MBOX_VERSION		1
#define NITRO_MBOX_PAYLOAD_SIZE		48
/* Largest out-of-line data buffer a command can carry. */
#define NITRO_MBOX_DATA_MAX		32768

/* Commands. 0x00-0x3f are common to every component. */
enum nitro_mbox_opcode {
	NITRO_MBOX_OP_PING		= 0x01,
	NITRO_MBOX_OP_GET_INFO		= 0x02,
	NITRO_MBOX_OP_EVENT_POLL	= 0x03,
	NITRO_MBOX_OP_COMPONENT_BASE	= 0x40,
};

/* Completion status, kept apart from errno like NVMe status codes. */
enum nitro_mbox_status {
	NITRO_MBOX_S_OK			= 0x0000,
	NITRO_MBOX_S_INVALID_OPCODE	= 0x0001,
	NITRO_MBOX_S_INVALID_FIELD	= 0x0002,
	NITRO_MBOX_S_BUSY		= 0x0003,
	NITRO_MBOX_S_INTERNAL		= 0x0004,
	NITRO_MBOX_S_ABORTED		= 0x0005,
	NITRO_MBOX_S_DENIED		= 0x0006,
};

/*
 * A tag names one outstanding command: bits 15:0 are the slot, bits 31:16 a
 * generation that moves on every time the slot is reused (never 0), so a late
 * or repeated answer can be told from a current one.
 */
#define NITRO_MBOX_TAG(slot, gen)	((__u32)(gen) << 16 | (__u16)(slot))
#define NITRO_MBOX_TAG_SLOT(tag)	((__u16)((tag) & 0xffff))
#define NITRO_MBOX_TAG_GEN(tag)		((__u16)((tag) >> 16))

/* Command ring entry: produced by nitro_ctrl only. */
struct nitro_mbox_cmd {
	__le16 version;		/* NITRO_MBOX_VERSION */
	__le16 opcode;		/* enum nitro_mbox_opcode */
	__le32 tag;
	__le32 len;		/* bytes of payload in use */
	/*
	 * Size of the command's data buffer, 0 if it has none. The buffer is
	 * the controller's; it holds the request's bulk data and receives the
	 * answer's. The component reaches it only through
	 * nitro_mbox_data_read()/nitro_mbox_data_write(), and only while the
	 * command is outstanding.
	 */
	__le32 data_len;
	__u8 payload[NITRO_MBOX_PAYLOAD_SIZE];
};

/* Completion ring entry: produced by the component only. */
struct nitro_mbox_cpl {
	__le16 version;		/* NITRO_MBOX_VERSION */
	__le16 opcode;		/* the opcode of the command it answers */
	__le32 tag;		/* the tag of the command it answers */
	__le32 len;		/* bytes of payload in use */
	__le16 status;		/* enum nitro_mbox_status */
	__le16 data_len;	/* bytes of answer data written to the buffer */
	__u8 payload[NITRO_MBOX_PAYLOAD_SIZE];
};

/* PING: the completion echoes the command's payload. */
struct nitro_mbox_ping {
	__le64 cookie;
};

enum nitro_component_kind {
	NITRO_COMPONENT_SEC	= 1,
	NITRO_COMPONENT_NVME	= 2,
	NITRO_COMPONENT_ENA	= 3,
};

#define NITRO_VERSION(maj, min, patch)	((maj) << 16 | (min) << 8 | (patch))
#define NITRO_BUILD_ID_SIZE		24

/* GET_INFO completion payload. */
struct nitro_mbox_info {
	__le16 kind;			/* enum nitro_component_kind */
	__le16 abi;			/* NITRO_MBOX_VERSION the component speaks */
	__le32 version;			/* NITRO_VERSION() of the component */
	__u8 build_id[NITRO_BUILD_ID_SIZE];	/* NUL-padded ASCII */
	__u8 rsvd[16];
};

enum nitro_mbox_event_type {
	NITRO_EVENT_NOTICE	= 1,	/* informational */
	NITRO_EVENT_ERROR	= 2,	/* a device or backend error */
	NITRO_EVENT_GUEST_FAULT	= 3,	/* a guest misbehaved towards a device */
	NITRO_EVENT_LOST	= 4,	/* arg[0] events were lost: none was asked for */
};

/* EVENT_POLL completion payload: the only way a component reports anything. */
struct nitro_mbox_event {
	__le16 type;			/* enum nitro_mbox_event_type */
	__le16 rsvd;
	__le32 code;			/* component specific */
	__le64 arg[2];
	__u8 msg[24];			/* NUL-padded ASCII, for the log only */
};

#ifdef __KERNEL__
#include <linux/build_bug.h>
static_assert(NITRO_MBOX_DATA_MAX <= 0xffff);
static_assert(sizeof(struct nitro_mbox_cmd) == 64);
static_assert(sizeof(struct nitro_mbox_cpl) == 64);
static_assert(sizeof(struct nitro_mbox_info) == NITRO_MBOX_PAYLOAD_SIZE);
static_assert(sizeof(struct nitro_mbox_event) == NITRO_MBOX_PAYLOAD_SIZE);
static_assert(sizeof(struct nitro_mbox_ping) <= NITRO_MBOX_PAYLOAD_SIZE);
#endif

#endif /* _NITRO_MBOX_H */
