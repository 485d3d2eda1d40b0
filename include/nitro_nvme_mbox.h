/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * nitro_nvme's mailbox commands (opcodes from NITRO_MBOX_OP_COMPONENT_BASE).
 *
 * The controller attaches a volume to a device it is about to provision:
 * ATTACH names the device (the mdev UUID) and carries the one-time key
 * grant; the data buffer carries the volume. Only after ATTACH succeeded
 * does the controller provision the UUID, so the personality always finds
 * its volume when the mdev is created. DETACH ends the attachment: I/O in
 * flight fails, the device reads as gone, the key is zeroized. RESET is the
 * controller resetting the function: the NVMe controller is reset as by a
 * power cycle and the data key is zeroized; a grant in the command (or,
 * in test builds, a test key in the data buffer) installs a new key, else
 * the namespace reports Namespace Not Ready until a RESET brings one.
 */
#ifndef _NITRO_NVME_MBOX_H
#define _NITRO_NVME_MBOX_H

#include <linux/types.h>
#include "nitro_mbox.h"

enum nitro_nvme_opcode {
	NITRO_NVME_OP_ATTACH	= NITRO_MBOX_OP_COMPONENT_BASE + 0,
	NITRO_NVME_OP_DETACH	= NITRO_MBOX_OP_COMPONENT_BASE + 1,
	NITRO_NVME_OP_RESET	= NITRO_MBOX_OP_COMPONENT_BASE + 2,
};

/* ATTACH command payload. */
struct nitro_nvme_attach_cmd {
	__u8 dev_uuid[16];
	__u8 grant[32];			/* NITRO_GRANT_TOKEN_LEN */
};

enum nitro_nvme_attach_flags {
	/*
	 * test_key holds the plaintext data key instead of a grant. Refused
	 * by every build without CONFIG_NITRO_TEST_HOOKS.
	 */
	NITRO_NVME_ATTACH_TEST_KEY	= 1 << 0,
	NITRO_NVME_ATTACH_READ_ONLY	= 1 << 1,
};

#define NITRO_NVME_BACKEND_MAX		256

/* ATTACH data buffer. */
struct nitro_nvme_attach_data {
	__u8 volume_uuid[16];
	__le64 size;			/* bytes, a multiple of the LBA size */
	__u8 lba_shift;			/* 9 or 12 */
	__u8 rsvd0[3];
	__le32 flags;			/* enum nitro_nvme_attach_flags */
	char serial[20];		/* NVMe SN: space padded ASCII */
	char model[40];			/* NVMe MN */
	char firmware[8];		/* NVMe FR */
	char backend[NITRO_NVME_BACKEND_MAX];	/* path, NUL terminated */
	__u8 test_key[64];
	__u8 rsvd1[92];
};

/* DETACH command payload. */
struct nitro_nvme_detach_cmd {
	__u8 dev_uuid[16];
};

/* RESET command payload: an all-zero grant installs no key. */
struct nitro_nvme_reset_cmd {
	__u8 dev_uuid[16];
	__u8 grant[32];			/* NITRO_GRANT_TOKEN_LEN */
};

enum nitro_nvme_reset_flags {
	/* test_key is the new data key (CONFIG_NITRO_TEST_HOOKS only). */
	NITRO_NVME_RESET_TEST_KEY	= 1 << 0,
};

/* RESET data buffer, optional (data_len 0: no flags). */
struct nitro_nvme_reset_data {
	__le32 flags;			/* enum nitro_nvme_reset_flags */
	__u8 rsvd[60];
	__u8 test_key[64];
};

#ifdef __KERNEL__
#include <linux/build_bug.h>
static_assert(sizeof(struct nitro_nvme_attach_cmd) <= NITRO_MBOX_PAYLOAD_SIZE);
static_assert(sizeof(struct nitro_nvme_detach_cmd) <= NITRO_MBOX_PAYLOAD_SIZE);
static_assert(sizeof(struct nitro_nvme_attach_data) == 512);
static_assert(sizeof(struct nitro_nvme_reset_cmd) <= NITRO_MBOX_PAYLOAD_SIZE);
static_assert(sizeof(struct nitro_nvme_reset_data) == 128);
#endif

#endif /* _NITRO_NVME_MBOX_H */
