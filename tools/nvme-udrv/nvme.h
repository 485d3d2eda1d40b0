/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The parts of the NVMe 1.4 base specification that nvme-udrv uses:
 * controller registers, queue entries, opcodes and status codes.
 */
#ifndef NVME_UDRV_NVME_H
#define NVME_UDRV_NVME_H

#include <stdint.h>

/* Controller registers (BAR0). */
#define NVME_REG_CAP	0x00
#define NVME_REG_VS	0x08
#define NVME_REG_INTMS	0x0c
#define NVME_REG_CC	0x14
#define NVME_REG_CSTS	0x1c
#define NVME_REG_AQA	0x24
#define NVME_REG_ASQ	0x28
#define NVME_REG_ACQ	0x30
#define NVME_REG_DBS	0x1000

#define NVME_CAP_MQES(cap)	((uint32_t)((cap) & 0xffff))
#define NVME_CAP_TO(cap)	((uint32_t)(((cap) >> 24) & 0xff))
#define NVME_CAP_DSTRD(cap)	((uint32_t)(((cap) >> 32) & 0xf))
#define NVME_CAP_CSS_NVM(cap)	(((cap) >> 37) & 1)
#define NVME_CAP_MPSMIN(cap)	((uint32_t)(((cap) >> 48) & 0xf))

#define NVME_CC_EN		(1u << 0)
/* IOCQES 4 (16 bytes), IOSQES 6 (64 bytes), MPS 0 (4 KiB), NVM command set */
#define NVME_CC_IO_SIZES	((4u << 20) | (6u << 16))
#define NVME_CSTS_RDY		(1u << 0)
#define NVME_CSTS_CFS		(1u << 1)

#define NVME_PAGE		4096u

/* Admin opcodes. */
enum {
	NVME_ADM_DELETE_SQ	= 0x00,
	NVME_ADM_CREATE_SQ	= 0x01,
	NVME_ADM_GET_LOG_PAGE	= 0x02,
	NVME_ADM_DELETE_CQ	= 0x04,
	NVME_ADM_CREATE_CQ	= 0x05,
	NVME_ADM_IDENTIFY	= 0x06,
	NVME_ADM_ABORT		= 0x08,
	NVME_ADM_SET_FEATURES	= 0x09,
	NVME_ADM_GET_FEATURES	= 0x0a,
	NVME_ADM_ASYNC_EVENT	= 0x0c,
};

/* NVM command set opcodes. */
enum {
	NVME_CMD_FLUSH		= 0x00,
	NVME_CMD_WRITE		= 0x01,
	NVME_CMD_READ		= 0x02,
	NVME_CMD_WRITE_ZEROES	= 0x08,
};

#define NVME_FEAT_NUM_QUEUES	0x07

/* Read/Write CDW12: Force Unit Access. */
#define NVME_RW_FUA		(1u << 30)

/* Status field (without the phase bit): DNR, M, CRD, SCT, SC. */
#define NVME_SCT(s)		(((s) >> 8) & 0x7)
#define NVME_SC(s)		((s) & 0xff)
#define NVME_DNR(s)		(((s) >> 14) & 1)
/* SCT << 8 | SC: the code compared and printed. */
#define NVME_CODE(s)		((s) & 0x7ff)

enum {
	NVME_SC_SUCCESS			= 0x000,
	NVME_SC_INVALID_OPCODE		= 0x001,
	NVME_SC_INVALID_FIELD		= 0x002,
	NVME_SC_CMDID_CONFLICT		= 0x003,
	NVME_SC_DATA_XFER_ERROR		= 0x004,
	NVME_SC_INTERNAL		= 0x006,
	NVME_SC_ABORT_REQ		= 0x007,
	NVME_SC_INVALID_NS		= 0x00b,
	NVME_SC_INVALID_SGL_SEG		= 0x00d,
	NVME_SC_PRP_OFFSET_INVALID	= 0x013,
	NVME_SC_LBA_RANGE		= 0x080,
	NVME_SC_CAP_EXCEEDED		= 0x081,
	NVME_SC_NS_NOT_READY		= 0x082,
	NVME_SC_CQ_INVALID		= 0x100,
	NVME_SC_QID_INVALID		= 0x101,
	NVME_SC_QUEUE_SIZE		= 0x102,
	NVME_SC_ABORT_LIMIT		= 0x103,
	NVME_SC_ASYNC_LIMIT		= 0x105,
	NVME_SC_INVALID_VECTOR		= 0x108,
	NVME_SC_INVALID_LOG_PAGE	= 0x109,
	NVME_SC_INVALID_QUEUE_DELETION	= 0x10c,
	NVME_SC_FEATURE_NOT_CHANGEABLE	= 0x10e,
	NVME_SC_WRITE_FAULT		= 0x280,
	NVME_SC_READ_ERROR		= 0x281,
};

struct nvme_sqe {
	uint8_t opcode;
	uint8_t flags;			/* FUSE 1:0, PSDT 7:6 */
	uint16_t cid;
	uint32_t nsid;
	uint32_t cdw2;
	uint32_t cdw3;
	uint64_t mptr;
	uint64_t prp1;
	uint64_t prp2;
	uint32_t cdw10;
	uint32_t cdw11;
	uint32_t cdw12;
	uint32_t cdw13;
	uint32_t cdw14;
	uint32_t cdw15;
};

struct nvme_cqe {
	uint32_t result;
	uint32_t rsvd;
	uint16_t sq_head;
	uint16_t sq_id;
	uint16_t cid;
	uint16_t status;		/* phase in bit 0 */
};

_Static_assert(sizeof(struct nvme_sqe) == 64, "SQ entry is 64 bytes");
_Static_assert(sizeof(struct nvme_cqe) == 16, "CQ entry is 16 bytes");

/* Identify Controller and Namespace fields used (byte offsets). */
#define NVME_IDC_SN		4	/* 20 bytes */
#define NVME_IDC_MN		24	/* 40 bytes */
#define NVME_IDC_FR		64	/* 8 bytes */
#define NVME_IDC_MDTS		77
#define NVME_IDC_VER		80
#define NVME_IDC_NN		516
#define NVME_IDC_VWC		525
#define NVME_IDC_SUBNQN		768	/* 256 bytes */
#define NVME_IDN_NSZE		0
#define NVME_IDN_NCAP		8
#define NVME_IDN_NLBAF		25
#define NVME_IDN_FLBAS		26
#define NVME_IDN_LBAF		128	/* 4 bytes each: MS, LBADS, RP */

const char *nvme_status_name(uint16_t code);

#endif
