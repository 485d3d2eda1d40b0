// SPDX-License-Identifier: GPL-2.0
/*
 * nitroctl volume|eni|instance commands, attach and detach (operator):
 * the inventory (Documentation/nitroctl.rst).
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <libmnl/libmnl.h>

#include "nitroctl.h"

static void uuid_parse(const char *s, uint8_t out[16])
{
	int i, j = 0;

	for (i = 0; i < 16; i++) {
		if (j == 8 || j == 13 || j == 18 || j == 23) {
			if (s[j] != '-')
				goto bad;
			j++;
		}
		if (!isxdigit(s[j]) || !isxdigit(s[j + 1]))
			goto bad;
		sscanf(s + j, "%2hhx", &out[i]);
		j += 2;
	}
	if (!s[j])
		return;
bad:
	die(EXIT_USAGE, "bad uuid: %s", s);
}

static void uuid_str(const uint8_t *u, char out[37])
{
	snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		 u[0], u[1], u[2], u[3], u[4], u[5], u[6], u[7], u[8], u[9],
		 u[10], u[11], u[12], u[13], u[14], u[15]);
}

static int cmd_volume_create(int argc, char **argv)
{
	static const char *const known[] = {
		"--size", "--backend", "--cmk", "--wrapped-key-file", "--lba", NULL
	};
	struct abuf req = {};
	uint8_t u[16], wk[NITRO_WRAPPED_KEY_MAX + 1];
	const char *lba;
	ssize_t n;
	int fd;

	only(argc, argv, 1, known);
	uuid_parse(pos(argc, argv, 0), u);
	abuf_put(&req, NITRO_P_UUID, u, 16);
	abuf_u64(&req, NITRO_P_SIZE, num(need_opt(argc, argv, "--size"), "size",
					 UINT64_MAX));
	abuf_str(&req, NITRO_P_BACKEND, need_opt(argc, argv, "--backend"));
	abuf_u32(&req, NITRO_P_CMK, num(need_opt(argc, argv, "--cmk"), "cmk",
					UINT32_MAX));
	/* Without a wrapped key, nitro_sec generates one under the CMK. */
	if (opt(argc, argv, "--wrapped-key-file")) {
		fd = open(opt(argc, argv, "--wrapped-key-file"), O_RDONLY);
		if (fd < 0)
			die(EXIT_LOCAL, "wrapped key file: %s", strerror(errno));
		n = read(fd, wk, sizeof(wk));
		close(fd);
		if (n <= 0 || n > NITRO_WRAPPED_KEY_MAX)
			die(EXIT_LOCAL, "wrapped key file: 1 to %d bytes",
			    NITRO_WRAPPED_KEY_MAX);
		abuf_put(&req, NITRO_P_WRAPPED_KEY, wk, n);
	}
	lba = opt(argc, argv, "--lba");
	if (lba) {
		if (strcmp(lba, "512") && strcmp(lba, "4096"))
			die(EXIT_USAGE, "--lba is 512 or 4096");
		abuf_u8(&req, NITRO_P_LBA_SHIFT, strcmp(lba, "512") ? 12 : 9);
	}
	ok_plain(NITRO_OP_VOLUME_CREATE, &req);
	return 0;
}

static int cmd_uuid_op(int argc, char **argv, uint16_t op)
{
	struct abuf req = {};
	uint8_t u[16];

	only(argc, argv, 1, NULL);
	uuid_parse(pos(argc, argv, 0), u);
	abuf_put(&req, NITRO_P_UUID, u, 16);
	ok_plain(op, &req);
	return 0;
}

static int cmd_volume_delete(int argc, char **argv)
{
	return cmd_uuid_op(argc, argv, NITRO_OP_VOLUME_DELETE);
}

static int cmd_volume_list(int argc, char **argv)
{
	const struct nlattr *a, *tb[NITRO_P_MAX + 1];
	char id[37], inst[37] = "", mdev[37] = "";
	struct reply rep;
	bool first = true;

	only(argc, argv, 0, NULL);
	call(NITRO_OP_VOLUME_LIST, NULL, &rep);
	if (json)
		printf("[");
	for_each_entry(a, &rep, NITRO_P_ENTRY) {
		attrs(mnl_attr_get_payload(a), mnl_attr_get_payload_len(a), tb);
		uuid_str(mnl_attr_get_payload(tb[NITRO_P_UUID]), id);
		inst[0] = mdev[0] = '\0';
		if (tb[NITRO_P_INSTANCE]) {
			uuid_str(mnl_attr_get_payload(tb[NITRO_P_INSTANCE]), inst);
			uuid_str(mnl_attr_get_payload(tb[NITRO_P_MDEV]), mdev);
		}
		if (json) {
			printf("%s{\"uuid\":\"%s\",\"size\":%" PRIu64 ",\"lba_size\":%u,\"backend\":",
			       first ? "" : ",", id, u64a(tb[NITRO_P_SIZE]),
			       1u << mnl_attr_get_u8(tb[NITRO_P_LBA_SHIFT]));
			json_str(stra(tb[NITRO_P_BACKEND]));
			printf(",\"cmk\":%u,\"instance\":\"%s\",\"mdev\":\"%s\"}",
			       u32a(tb[NITRO_P_CMK]), inst, mdev);
		} else {
			printf("%s %12" PRIu64 " %4u %s%s%s\n", id,
			       u64a(tb[NITRO_P_SIZE]),
			       1u << mnl_attr_get_u8(tb[NITRO_P_LBA_SHIFT]),
			       stra(tb[NITRO_P_BACKEND]), inst[0] ? " attached to " : "",
			       inst);
		}
		first = false;
	}
	if (json)
		printf("]\n");
	reply_free(&rep);
	return 0;
}

static int cmd_eni_create(int argc, char **argv)
{
	static const char *const known[] = { "--mac", "--subnet", "--ip", NULL };
	struct abuf req = {};
	unsigned int m[6];
	uint8_t u[16], mac[6];
	struct in_addr ip;
	char c;
	int i;

	only(argc, argv, 1, known);
	uuid_parse(pos(argc, argv, 0), u);
	abuf_put(&req, NITRO_P_UUID, u, 16);
	if (sscanf(need_opt(argc, argv, "--mac"), "%x:%x:%x:%x:%x:%x%c",
		   &m[0], &m[1], &m[2], &m[3], &m[4], &m[5], &c) != 6)
		die(EXIT_USAGE, "bad --mac");
	for (i = 0; i < 6; i++) {
		if (m[i] > 0xff)
			die(EXIT_USAGE, "bad --mac");
		mac[i] = m[i];
	}
	abuf_put(&req, NITRO_P_MAC, mac, 6);
	abuf_u32(&req, NITRO_P_SUBNET, num(need_opt(argc, argv, "--subnet"),
					   "subnet", UINT32_MAX));
	if (inet_pton(AF_INET, need_opt(argc, argv, "--ip"), &ip) != 1)
		die(EXIT_USAGE, "bad --ip");
	abuf_put(&req, NITRO_P_IPV4, &ip.s_addr, 4);
	ok_plain(NITRO_OP_ENI_CREATE, &req);
	return 0;
}

static int cmd_eni_delete(int argc, char **argv)
{
	return cmd_uuid_op(argc, argv, NITRO_OP_ENI_DELETE);
}

static int cmd_eni_list(int argc, char **argv)
{
	const struct nlattr *a, *tb[NITRO_P_MAX + 1];
	char id[37], ip[INET_ADDRSTRLEN], mac[18];
	struct reply rep;
	bool first = true;
	const uint8_t *m;

	only(argc, argv, 0, NULL);
	call(NITRO_OP_ENI_LIST, NULL, &rep);
	if (json)
		printf("[");
	for_each_entry(a, &rep, NITRO_P_ENTRY) {
		attrs(mnl_attr_get_payload(a), mnl_attr_get_payload_len(a), tb);
		uuid_str(mnl_attr_get_payload(tb[NITRO_P_UUID]), id);
		m = mnl_attr_get_payload(tb[NITRO_P_MAC]);
		snprintf(mac, sizeof(mac), "%02x:%02x:%02x:%02x:%02x:%02x",
			 m[0], m[1], m[2], m[3], m[4], m[5]);
		inet_ntop(AF_INET, mnl_attr_get_payload(tb[NITRO_P_IPV4]), ip,
			  sizeof(ip));
		if (json)
			printf("%s{\"uuid\":\"%s\",\"mac\":\"%s\",\"subnet\":%u,\"ip\":\"%s\"}",
			       first ? "" : ",", id, mac, u32a(tb[NITRO_P_SUBNET]), ip);
		else
			printf("%s %s subnet %u %s\n", id, mac,
			       u32a(tb[NITRO_P_SUBNET]), ip);
		first = false;
	}
	if (json)
		printf("]\n");
	reply_free(&rep);
	return 0;
}

static int cmd_instance_create(int argc, char **argv)
{
	static const char *const known[] = { "--vcpus", "--mem", NULL };
	struct abuf req = {};
	uint8_t u[16];

	only(argc, argv, 1, known);
	uuid_parse(pos(argc, argv, 0), u);
	abuf_put(&req, NITRO_P_UUID, u, 16);
	abuf_u32(&req, NITRO_P_VCPUS, num(need_opt(argc, argv, "--vcpus"),
					  "vcpus", UINT32_MAX));
	abuf_u32(&req, NITRO_P_MEM_MB, num(need_opt(argc, argv, "--mem"),
					   "memory (MiB)", UINT32_MAX));
	ok_plain(NITRO_OP_INSTANCE_CREATE, &req);
	return 0;
}

static int cmd_instance_delete(int argc, char **argv)
{
	return cmd_uuid_op(argc, argv, NITRO_OP_INSTANCE_DELETE);
}

static int cmd_instance_start(int argc, char **argv)
{
	return cmd_uuid_op(argc, argv, NITRO_OP_INSTANCE_START);
}

static int cmd_instance_stop(int argc, char **argv)
{
	return cmd_uuid_op(argc, argv, NITRO_OP_INSTANCE_STOP);
}

static int cmd_instance_list(int argc, char **argv)
{
	const struct nlattr *a, *tb[NITRO_P_MAX + 1];
	struct reply rep;
	bool first = true;
	const char *st;
	char id[37];

	only(argc, argv, 0, NULL);
	call(NITRO_OP_INSTANCE_LIST, NULL, &rep);
	if (json)
		printf("[");
	for_each_entry(a, &rep, NITRO_P_ENTRY) {
		attrs(mnl_attr_get_payload(a), mnl_attr_get_payload_len(a), tb);
		uuid_str(mnl_attr_get_payload(tb[NITRO_P_UUID]), id);
		st = u32a(tb[NITRO_P_STATE]) == NITRO_INSTANCE_RUNNING ?
		     "running" : "stopped";
		if (json)
			printf("%s{\"uuid\":\"%s\",\"vcpus\":%u,\"mem_mb\":%u,\"state\":\"%s\",\"attached\":%u}",
			       first ? "" : ",", id, u32a(tb[NITRO_P_VCPUS]),
			       u32a(tb[NITRO_P_MEM_MB]), st, u32a(tb[NITRO_P_COUNT]));
		else
			printf("%s %3u vcpus %6u MiB %s, %u attached\n", id,
			       u32a(tb[NITRO_P_VCPUS]), u32a(tb[NITRO_P_MEM_MB]),
			       st, u32a(tb[NITRO_P_COUNT]));
		first = false;
	}
	if (json)
		printf("]\n");
	reply_free(&rep);
	return 0;
}

static int cmd_attach_common(int argc, char **argv, uint16_t op)
{
	const struct nlattr *tb[NITRO_P_MAX + 1];
	struct abuf req = {};
	struct reply rep;
	uint8_t u[16];
	char mdev[37];

	only(argc, argv, 2, NULL);
	uuid_parse(pos(argc, argv, 0), u);
	abuf_put(&req, NITRO_P_INSTANCE, u, 16);
	uuid_parse(pos(argc, argv, 1), u);
	abuf_put(&req, NITRO_P_UUID, u, 16);
	call(op, &req, &rep);
	attrs(rep.body, rep.body_len, tb);
	if (tb[NITRO_P_MDEV]) {
		uuid_str(mnl_attr_get_payload(tb[NITRO_P_MDEV]), mdev);
		if (json)
			printf("{\"ok\":true,\"mdev\":\"%s\"}\n", mdev);
		else
			printf("attached as mdev %s\n", mdev);
	} else {
		printf(json ? "{\"ok\":true}\n" : "ok\n");
	}
	reply_free(&rep);
	return 0;
}

static int cmd_attach(int argc, char **argv)
{
	return cmd_attach_common(argc, argv, NITRO_OP_ATTACH);
}

static int cmd_detach(int argc, char **argv)
{
	return cmd_attach_common(argc, argv, NITRO_OP_DETACH);
}

const struct cmd inventory_cmds[] = {
	{ "volume", "create", cmd_volume_create,
	  "UUID --size BYTES --backend PATH --cmk ID [--wrapped-key-file FILE] [--lba 512|4096]",
	  "Create a volume: SIZE a multiple of the LBA size, PATH an absolute path\n"
	  "to a block device or file. Its data key is generated by nitro_sec under\n"
	  "CMK ID, or given already wrapped under it in FILE." },
	{ "volume", "delete", cmd_volume_delete, "UUID", "Delete a detached volume." },
	{ "volume", "list", cmd_volume_list, "", "List volumes." },
	{ "eni", "create", cmd_eni_create, "UUID --mac MAC --subnet ID --ip ADDR",
	  "Create an ENI with a unicast MAC and a primary IPv4 address in a subnet." },
	{ "eni", "delete", cmd_eni_delete, "UUID", "Delete a detached ENI." },
	{ "eni", "list", cmd_eni_list, "", "List ENIs." },
	{ "instance", "create", cmd_instance_create, "UUID --vcpus N --mem MIB",
	  "Create a stopped instance slot (1-256 vCPUs, 64 MiB to 1 TiB)." },
	{ "instance", "delete", cmd_instance_delete, "UUID",
	  "Delete a stopped instance with nothing attached." },
	{ "instance", "start", cmd_instance_start, "UUID", "Mark an instance running." },
	{ "instance", "stop", cmd_instance_stop, "UUID", "Mark an instance stopped." },
	{ "instance", "list", cmd_instance_list, "", "List instance slots." },
	{ "attach", NULL, cmd_attach, "INSTANCE UUID",
	  "Attach volume UUID to INSTANCE; prints the mdev UUID the host agent\n"
	  "creates (it also gets a uevent)." },
	{ "detach", NULL, cmd_detach, "INSTANCE UUID", "Detach volume UUID from INSTANCE." },
};

const size_t nr_inventory_cmds = sizeof(inventory_cmds) / sizeof(inventory_cmds[0]);
