// SPDX-License-Identifier: GPL-2.0
/*
 * nvme-udrv: userspace NVMe driver over VFIO. Subcommands: info, io,
 * hostile. Usage and exit codes: Documentation/udrv.rst.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "udrv.h"

const char *nvme_status_name(uint16_t code)
{
	static const struct {
		uint16_t code;
		const char *name;
	} names[] = {
		{ NVME_SC_SUCCESS, "Successful Completion" },
		{ NVME_SC_INVALID_OPCODE, "Invalid Command Opcode" },
		{ NVME_SC_INVALID_FIELD, "Invalid Field in Command" },
		{ NVME_SC_CMDID_CONFLICT, "Command ID Conflict" },
		{ NVME_SC_DATA_XFER_ERROR, "Data Transfer Error" },
		{ NVME_SC_INTERNAL, "Internal Error" },
		{ NVME_SC_ABORT_REQ, "Command Abort Requested" },
		{ NVME_SC_INVALID_NS, "Invalid Namespace or Format" },
		{ NVME_SC_INVALID_SGL_SEG, "Invalid SGL Segment Descriptor" },
		{ NVME_SC_PRP_OFFSET_INVALID, "PRP Offset Invalid" },
		{ NVME_SC_LBA_RANGE, "LBA Out of Range" },
		{ NVME_SC_CAP_EXCEEDED, "Capacity Exceeded" },
		{ NVME_SC_NS_NOT_READY, "Namespace Not Ready" },
		{ NVME_SC_CQ_INVALID, "Completion Queue Invalid" },
		{ NVME_SC_QID_INVALID, "Invalid Queue Identifier" },
		{ NVME_SC_QUEUE_SIZE, "Invalid Queue Size" },
		{ NVME_SC_ABORT_LIMIT, "Abort Command Limit Exceeded" },
		{ NVME_SC_ASYNC_LIMIT, "Asynchronous Event Request Limit Exceeded" },
		{ NVME_SC_INVALID_VECTOR, "Invalid Interrupt Vector" },
		{ NVME_SC_INVALID_LOG_PAGE, "Invalid Log Page" },
		{ NVME_SC_INVALID_QUEUE_DELETION, "Invalid Queue Deletion" },
		{ NVME_SC_FEATURE_NOT_CHANGEABLE, "Feature Not Changeable" },
		{ NVME_SC_WRITE_FAULT, "Write Fault" },
		{ NVME_SC_READ_ERROR, "Unrecovered Read Error" },
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (names[i].code == code)
			return names[i].name;
	}
	return "unknown status";
}

/* An ASCII Identify field without its padding spaces. */
static void field(char *out, const uint8_t *p, int len)
{
	while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == 0))
		len--;
	memcpy(out, p, len);
	out[len] = 0;
}

int udrv_cmd_info(int argc, char **argv)
{
	struct udrv_ctrl c;
	char sn[21], mn[41], fr[9], nqn[257];
	bool reset = false;
	uint32_t nn;
	int ret;

	if (argc == 3 && !strcmp(argv[1], "--reset")) {
		reset = true;
		argv++;
		argc--;
	}
	if (argc != 2) {
		fprintf(stderr, "usage: nvme-udrv info [--reset] DEVICE\n");
		return UDRV_EXIT_USAGE;
	}
	if (udrv_open(&c, argv[1], true, reset))
		return UDRV_EXIT_SETUP;
	ret = udrv_bringup(&c, 0);
	if (ret) {
		udrv_close(&c);
		return ret == -ETIMEDOUT ? UDRV_EXIT_TIMEOUT : UDRV_EXIT_SETUP;
	}
	field(sn, c.id_ctrl + NVME_IDC_SN, 20);
	field(mn, c.id_ctrl + NVME_IDC_MN, 40);
	field(fr, c.id_ctrl + NVME_IDC_FR, 8);
	field(nqn, c.id_ctrl + NVME_IDC_SUBNQN, 256);
	memcpy(&nn, c.id_ctrl + NVME_IDC_NN, 4);
	printf("device: %s (%s)\n", c.dev.name, c.dev.is_mdev ? "mdev" : "vfio-pci");
	if (reset)
		printf("reset: done\n");
	printf("vs: %u.%u.%u\n", c.vs >> 16, (c.vs >> 8) & 0xff, c.vs & 0xff);
	printf("cap: 0x%016llx mqes=%u dstrd=%u to_ms=%u\n",
	       (unsigned long long)c.cap, c.mqes + 1, NVME_CAP_DSTRD(c.cap), c.ready_ms);
	printf("msix: %d\n", c.dev.msix_count);
	printf("bar0_access: %s\n", nv_bar_ptr32(&c.dev, 0, NVME_REG_DBS) ? "mmap" : "pread/pwrite");
	printf("model: %s\n", mn);
	printf("serial: %s\n", sn);
	printf("firmware: %s\n", fr);
	printf("subnqn: %s\n", nqn);
	printf("mdts_bytes: %u\n", c.max_xfer);
	printf("nn: %u\n", nn);
	printf("vwc: %u\n", c.id_ctrl[NVME_IDC_VWC] & 1);
	printf("nsid: %u\n", c.nsid);
	printf("nsze: %llu\n", (unsigned long long)c.nsze);
	printf("lba_bytes: %u\n", 1u << c.lba_shift);
	printf("capacity_bytes: %llu\n", (unsigned long long)(c.nsze << c.lba_shift));
	udrv_close(&c);
	return UDRV_EXIT_OK;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: nvme-udrv info [--reset] DEVICE\n"
		"       nvme-udrv io DEVICE [--rw read|write|randread|randwrite|mix=N]\n"
		"                 [--bs BYTES] [--qd N] [--queues N] [--seconds S | --count N]\n"
		"                 [--offset LBA] [--size BYTES] [--verify] [--seed N] [--poll]\n"
		"                 [--fua]\n"
		"       nvme-udrv log DEVICE\n"
		"       nvme-udrv hostile DEVICE [--list] [--expect] [CASE...]\n"
		"DEVICE: PCI address, mdev UUID or sysfs path of a VFIO device.\n"
		"Exit: 0 ok, 1 I/O or verify errors or unexpected status, 2 usage,\n"
		"      3 setup failure, 4 a command got no completion.\n");
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc < 2) {
		usage();
		return UDRV_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "info"))
		return udrv_cmd_info(argc - 1, argv + 1);
	if (!strcmp(argv[1], "io"))
		return udrv_cmd_io(argc - 1, argv + 1);
	if (!strcmp(argv[1], "hostile"))
		return udrv_cmd_hostile(argc - 1, argv + 1);
	if (!strcmp(argv[1], "log"))
		return udrv_cmd_log(argc - 1, argv + 1);
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		usage();
		return UDRV_EXIT_OK;
	}
	usage();
	return UDRV_EXIT_USAGE;
}
