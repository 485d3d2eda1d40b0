// SPDX-License-Identifier: GPL-2.0
/*
 * nitroctl allow add|clear|policy|list (admin) and firmware update
 * (operator): which component measurements nitro_sec lets redeem keys,
 * and recording a firmware change against them (Documentation/nitroctl.rst).
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libmnl/libmnl.h>

#include "nitroctl.h"

#define KIND_NVME	2	/* enum nitro_component_kind */
#define KIND_ENA	3

/* Exactly 2 * @n hex digits into @out; Return: 0 or -1. */
int hex_parse(const char *s, uint8_t *out, size_t n)
{
	char two[3] = {};
	size_t i;

	if (strlen(s) != 2 * n)
		return -1;
	for (i = 0; i < n; i++) {
		if (!isxdigit((unsigned char)s[2 * i]) ||
		    !isxdigit((unsigned char)s[2 * i + 1]))
			return -1;
		two[0] = s[2 * i];
		two[1] = s[2 * i + 1];
		out[i] = strtoul(two, NULL, 16);
	}
	return 0;
}

/*
 * A measurement as 64 hex digits. Other lengths of hex are sent as they
 * are, so that the controller's check is what answers them.
 */
static void put_digest(struct abuf *req, const char *s)
{
	uint8_t d[64];
	size_t n = strlen(s);

	if (n % 2 || n > 2 * sizeof(d) || !n || hex_parse(s, d, n / 2))
		die(EXIT_USAGE, "bad measurement: want hex digits, 64 of them");
	abuf_put(req, NITRO_P_DIGEST, d, n / 2);
}

static const char *kind_name(uint32_t k)
{
	return k == KIND_NVME ? "nvme" : k == KIND_ENA ? "ena" : "?";
}

static int cmd_allow_add(int argc, char **argv)
{
	static const char *const known[] = { "--kind", "--measurement", NULL };
	const char *kind;
	struct abuf req = {};

	only(argc, argv, 0, known);
	kind = need_opt(argc, argv, "--kind");
	if (!strcmp(kind, "nvme"))
		abuf_u32(&req, NITRO_P_COMPONENT_KIND, KIND_NVME);
	else if (!strcmp(kind, "ena"))
		abuf_u32(&req, NITRO_P_COMPONENT_KIND, KIND_ENA);
	else
		abuf_u32(&req, NITRO_P_COMPONENT_KIND,
			 num(kind, "kind", UINT32_MAX));
	put_digest(&req, need_opt(argc, argv, "--measurement"));
	ok_plain(NITRO_OP_ALLOW_ADD, &req);
	return 0;
}

static int cmd_allow_clear(int argc, char **argv)
{
	only(argc, argv, 0, NULL);
	ok_plain(NITRO_OP_ALLOW_CLEAR, NULL);
	return 0;
}

static int cmd_allow_policy(int argc, char **argv)
{
	const char *p;
	struct abuf req = {};

	only(argc, argv, 1, NULL);
	p = pos(argc, argv, 0);
	abuf_u32(&req, NITRO_P_POLICY, !strcmp(p, "build") ? 1 :
		 !strcmp(p, "strict") ? 2 : num(p, "policy", UINT32_MAX));
	ok_plain(NITRO_OP_POLICY_SET, &req);
	return 0;
}

static int cmd_allow_list(int argc, char **argv)
{
	const struct nlattr *a, *tb[NITRO_P_MAX + 1];
	char d[65];
	struct reply rep;
	uint32_t policy;
	bool first = true;

	only(argc, argv, 0, NULL);
	call(NITRO_OP_ALLOW_LIST, NULL, &rep);
	attrs(rep.body, rep.body_len, tb);
	policy = u32a(tb[NITRO_P_POLICY]);
	if (json)
		printf("{\"policy\":\"%s\",\"allowed\":[",
		       policy == 2 ? "strict" : policy == 1 ? "build" : "?");
	else
		printf("policy %s\n",
		       policy == 2 ? "strict" : policy == 1 ? "build" : "?");
	for_each_entry(a, &rep, NITRO_P_ENTRY) {
		attrs(mnl_attr_get_payload(a), mnl_attr_get_payload_len(a), tb);
		if (!tb[NITRO_P_DIGEST] ||
		    mnl_attr_get_payload_len(tb[NITRO_P_DIGEST]) != 32)
			die(EXIT_LOCAL, "allow list: an entry without a digest");
		hex(mnl_attr_get_payload(tb[NITRO_P_DIGEST]), 32, d);
		if (json)
			printf("%s{\"kind\":\"%s\",\"measurement\":\"%s\"}",
			       first ? "" : ",",
			       kind_name(u32a(tb[NITRO_P_COMPONENT_KIND])), d);
		else
			printf("%-4s %s\n",
			       kind_name(u32a(tb[NITRO_P_COMPONENT_KIND])), d);
		first = false;
	}
	if (json)
		printf("]}\n");
	reply_free(&rep);
	return 0;
}

static int cmd_firmware_update(int argc, char **argv)
{
	static const char *const known[] = { "--measurement", NULL };
	const char *name, *m;
	struct abuf req = {};
	struct reply rep;

	only(argc, argv, 1, known);
	name = pos(argc, argv, 0);
	abuf_str(&req, NITRO_P_COMPONENT, name);
	m = need_opt(argc, argv, "--measurement");
	put_digest(&req, m);
	call(NITRO_OP_FIRMWARE_UPDATE, &req, &rep);
	if (json) {
		printf("{\"ok\":true,\"component\":");
		json_str(name);
		printf(",\"measurement\":\"%s\"}\n", m);
	} else {
		printf("firmware change recorded: %s runs %s\n", name, m);
	}
	reply_free(&rep);
	return 0;
}

const struct cmd allow_cmds[] = {
	{ "allow", "add", cmd_allow_add, "--kind nvme|ena --measurement HEX",
	  "Allow components of this kind measured as HEX (64 hex digits, as\n"
	  "\"attest verify\" shows them) to redeem keys under the strict policy." },
	{ "allow", "clear", cmd_allow_clear, "", "Empty the allowlist." },
	{ "allow", "policy", cmd_allow_policy, "build|strict",
	  "build: components of nitro_sec's own build may redeem keys (the\n"
	  "development default); strict: only the allowlisted measurements." },
	{ "allow", "list", cmd_allow_list, "", "The policy and the allowlist." },
	{ "firmware", "update", cmd_firmware_update,
	  "COMPONENT --measurement HEX",
	  "Record a firmware change: nitro_sec confirms that the registered\n"
	  "component COMPONENT (its mailbox name, e.g. nitro_nvme) is measured as\n"
	  "HEX and allowed by the policy, and the controller audits the change.\n"
	  "It loads nothing: replace the module first, then record it. Fails with\n"
	  "ENOENT (no such component), EBADMSG (another measurement), EPERM (not\n"
	  "allowed) or ENODATA (not measured)." },
};

const size_t nr_allow_cmds = sizeof(allow_cmds) / sizeof(allow_cmds[0]);
