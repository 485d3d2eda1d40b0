// SPDX-License-Identifier: GPL-2.0
/*
 * nitroctl: the command-line client of the Nitro control-plane API
 * (Documentation/nitroctl.rst). Every command is one sealed request.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <libmnl/libmnl.h>
#include <linux/keyctl.h>

#include "nitroctl.h"

bool json;
struct client cl;

void die(int code, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "nitroctl: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(code);
}

/* ---- keys ---- */

static int parse_key(const uint8_t *buf, size_t n, uint8_t key[32])
{
	char hex[3] = {};
	size_t i;

	if (n == 32) {
		memcpy(key, buf, 32);
		return 0;
	}
	while (n && isspace(buf[n - 1]))
		n--;
	if (n != 64)
		return -1;
	for (i = 0; i < 32; i++) {
		if (!isxdigit(buf[2 * i]) || !isxdigit(buf[2 * i + 1]))
			return -1;
		hex[0] = buf[2 * i];
		hex[1] = buf[2 * i + 1];
		key[i] = strtoul(hex, NULL, 16);
	}
	return 0;
}

/* 32 raw bytes, or 64 hex digits and optional white space. */
void key_from_file(const char *path, uint8_t key[32])
{
	uint8_t buf[160];
	ssize_t n;
	int fd;

	fd = strcmp(path, "-") ? open(path, O_RDONLY | O_CLOEXEC) : 0;
	if (fd < 0)
		die(EXIT_LOCAL, "key file %s: %s", path, strerror(errno));
	n = read(fd, buf, sizeof(buf));
	if (fd)
		close(fd);
	if (n < 0 || parse_key(buf, n, key))
		die(EXIT_LOCAL, "key file %s: want 32 bytes or 64 hex digits", path);
}

/* A `user` key the caller can read (keyctl padd user DESC @u). */
static void key_from_keyring(const char *desc, uint8_t key[32])
{
	uint8_t buf[160];
	long id, n;

	id = syscall(SYS_request_key, "user", desc, NULL, 0);
	if (id < 0)
		die(EXIT_LOCAL, "no readable user key \"%s\": %s", desc,
		    strerror(errno));
	n = syscall(SYS_keyctl, KEYCTL_READ, id, buf, sizeof(buf));
	if (n < 0 || n > (long)sizeof(buf) || parse_key(buf, n, key))
		die(EXIT_LOCAL, "user key \"%s\": want 32 bytes or 64 hex digits",
		    desc);
}

static void need_key(void)
{
	if (!cl.have_key)
		die(EXIT_USAGE, "no key: give --key-file FILE or --key-keyring DESC");
	if (!cl.principal)
		die(EXIT_USAGE, "no principal: give --principal ID");
}

/* ---- parsing arguments ---- */

uint64_t num(const char *s, const char *what, uint64_t max)
{
	unsigned long long v;
	char *end;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || !*s || *end || v > max || *s == '-')
		die(EXIT_USAGE, "bad %s: %s", what, s);
	return v;
}

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

static uint32_t roles_parse(const char *s)
{
	char *copy = strdup(s), *tok, *save = NULL;
	uint32_t r = 0;

	if (!strcmp(s, "none")) {
		free(copy);
		return 0;
	}
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (!strcmp(tok, "admin"))
			r |= NITRO_ROLE_ADMIN;
		else if (!strcmp(tok, "operator"))
			r |= NITRO_ROLE_OPERATOR;
		else if (!strcmp(tok, "auditor"))
			r |= NITRO_ROLE_AUDITOR;
		else
			die(EXIT_USAGE, "unknown role: %s (admin, operator, auditor, none)", tok);
	}
	free(copy);
	return r;
}

static void roles_str(uint32_t r, char *out, size_t n)
{
	snprintf(out, n, "%s%s%s%s", r & NITRO_ROLE_ADMIN ? "admin," : "",
		 r & NITRO_ROLE_OPERATOR ? "operator," : "",
		 r & NITRO_ROLE_AUDITOR ? "auditor," : "", r ? "" : "none");
	if (out[strlen(out) - 1] == ',')
		out[strlen(out) - 1] = '\0';
}

/* ---- reply attributes ---- */

/* One level of attributes, indexed by type (the last one wins). */
void attrs(const void *buf, size_t len, const struct nlattr **tb)
{
	const struct nlattr *a;

	memset(tb, 0, sizeof(*tb) * (NITRO_P_MAX + 1));
	for_each_attr(a, buf, len)
		if (mnl_attr_get_type(a) <= NITRO_P_MAX)
			tb[mnl_attr_get_type(a)] = a;
}

uint32_t u32a(const struct nlattr *a)
{
	return a ? mnl_attr_get_u32(a) : 0;
}

uint64_t u64a(const struct nlattr *a)
{
	return a ? mnl_attr_get_u64(a) : 0;
}

const char *stra(const struct nlattr *a)
{
	return a ? mnl_attr_get_str(a) : "";
}

void json_str(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			printf("\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			printf("\\u%04x", *s);
		else
			putchar(*s);
	}
	putchar('"');
}

void hex(const uint8_t *b, size_t n, char *out)
{
	size_t i;

	for (i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02x", b[i]);
}

/* ---- calling ---- */

const char *errname(int e)
{
	static char buf[32];

	switch (-e) {
	case EPERM: return "EPERM";
	case ENOENT: return "ENOENT";
	case EINVAL: return "EINVAL";
	case EEXIST: return "EEXIST";
	case EBUSY: return "EBUSY";
	case EACCES: return "EACCES";
	case ENOKEY: return "ENOKEY";
	case EKEYREJECTED: return "EKEYREJECTED";
	case EBADMSG: return "EBADMSG";
	case ESTALE: return "ESTALE";
	case EMSGSIZE: return "EMSGSIZE";
	case EOPNOTSUPP: return "EOPNOTSUPP";
	case EPROTONOSUPPORT: return "EPROTONOSUPPORT";
	case EBADRQC: return "EBADRQC";
	case EALREADY: return "EALREADY";
	case ENOSPC: return "ENOSPC";
	case ENODEV: return "ENODEV";
	case EADDRINUSE: return "EADDRINUSE";
	case ETIMEDOUT: return "ETIMEDOUT";
	case EIO: return "EIO";
	}
	snprintf(buf, sizeof(buf), "E%d", -e);
	return buf;
}

/*
 * Send, and turn the answer into output and an exit code for the failing
 * cases. Return: only when the operation succeeded.
 */
void call(uint16_t op, const struct abuf *req, struct reply *rep)
{
	if (op != NITRO_OP_BOOTSTRAP)
		need_key();
	if (nitro_call(&cl, op, req, rep))
		exit(EXIT_LOCAL);
	if (rep->rejected) {
		if (json) {
			printf("{\"ok\":false,\"rejected\":true,\"errno\":%d,\"error\":\"%s\",\"message\":",
			       -rep->rejected, errname(rep->rejected));
			json_str(rep->msg);
			printf("}\n");
		}
		fprintf(stderr, "nitroctl: rejected: %s (%s)\n",
			rep->msg[0] ? rep->msg : strerror(-rep->rejected),
			errname(rep->rejected));
		exit(EXIT_REJECTED);
	}
	if (rep->status) {
		if (json)
			printf("{\"ok\":false,\"rejected\":false,\"errno\":%d,\"error\":\"%s\"}\n",
			       -rep->status, errname(rep->status));
		fprintf(stderr, "nitroctl: failed: %s (%s)\n",
			strerror(-rep->status), errname(rep->status));
		exit(EXIT_FAILED);
	}
}

void ok_plain(uint16_t op, struct abuf *req)
{
	struct reply rep;

	call(op, req, &rep);
	if (json)
		printf("{\"ok\":true}\n");
	else
		printf("ok\n");
	reply_free(&rep);
}

/* ---- commands ---- */

const struct cmd *cur;

void usage_of(const struct cmd *c, FILE *f)
{
	fprintf(f, "usage: nitroctl [GLOBAL OPTIONS] %s%s%s %s\n\n%s\n",
		c->name, c->sub ? " " : "", c->sub ? c->sub : "", c->usage,
		c->help);
}

void bad_usage(const char *why)
{
	fprintf(stderr, "nitroctl: %s\n", why);
	usage_of(cur, stderr);
	exit(EXIT_USAGE);
}

/*
 * Options of a subcommand: "--name value" pairs after the positional
 * arguments. Returns the value or NULL.
 */
const char *opt(int argc, char **argv, const char *name)
{
	int i;

	for (i = 0; i < argc; i++)
		if (!strcmp(argv[i], name)) {
			if (i + 1 >= argc)
				bad_usage("option without a value");
			return argv[i + 1];
		}
	return NULL;
}

const char *need_opt(int argc, char **argv, const char *name)
{
	const char *v = opt(argc, argv, name);

	if (!v) {
		fprintf(stderr, "nitroctl: %s is required\n", name);
		usage_of(cur, stderr);
		exit(EXIT_USAGE);
	}
	return v;
}

/* Positional argument @i, which must exist and not be an option. */
const char *pos(int argc, char **argv, int i)
{
	if (i >= argc || !strncmp(argv[i], "--", 2))
		bad_usage("missing argument");
	return argv[i];
}

/* Reject options not in @known (NULL-terminated) and extra positionals. */
void only(int argc, char **argv, int npos, const char *const *known)
{
	int i, k;

	for (i = npos; i < argc; i += 2) {
		for (k = 0; known && known[k]; k++)
			if (!strcmp(argv[i], known[k]))
				break;
		if (!known || !known[k]) {
			fprintf(stderr, "nitroctl: unexpected argument: %s\n", argv[i]);
			usage_of(cur, stderr);
			exit(EXIT_USAGE);
		}
	}
}

static int cmd_key_add(int argc, char **argv)
{
	char desc[48];
	long id;

	only(argc, argv, 0, NULL);
	need_key();
	snprintf(desc, sizeof(desc), "nitro:principal:%u", cl.principal);
	id = syscall(SYS_add_key, "logon", desc, cl.key, 32,
		     KEY_SPEC_USER_KEYRING);
	if (id < 0)
		die(EXIT_LOCAL, "add_key %s: %s", desc, strerror(errno));
	if (json)
		printf("{\"ok\":true,\"key\":\"%s\",\"serial\":%ld}\n", desc, id);
	else
		printf("logon key %s added to the user keyring (serial %ld)\n",
		       desc, id);
	return 0;
}

static int cmd_bootstrap(int argc, char **argv)
{
	struct reply rep;
	char desc[48];

	only(argc, argv, 0, NULL);
	need_key();
	/* The controller takes the key from our keyring, and the request proves we hold it. */
	snprintf(desc, sizeof(desc), "nitro:principal:%u", cl.principal);
	if (syscall(SYS_add_key, "logon", desc, cl.key, 32,
		    KEY_SPEC_USER_KEYRING) < 0)
		die(EXIT_LOCAL, "add_key %s: %s", desc, strerror(errno));
	call(NITRO_OP_BOOTSTRAP, NULL, &rep);
	if (json)
		printf("{\"ok\":true,\"principal\":%u,\"roles\":\"admin\"}\n",
		       cl.principal);
	else
		printf("bootstrapped: principal %u is admin\n", cl.principal);
	reply_free(&rep);
	return 0;
}

static int cmd_whoami(int argc, char **argv)
{
	const struct nlattr *tb[NITRO_P_MAX + 1];
	struct reply rep;
	char r[40];

	only(argc, argv, 0, NULL);
	call(NITRO_OP_WHOAMI, NULL, &rep);
	attrs(rep.body, rep.body_len, tb);
	roles_str(u32a(tb[NITRO_P_ROLES]), r, sizeof(r));
	if (json)
		printf("{\"principal\":%u,\"roles\":\"%s\",\"seq\":%" PRIu64 "}\n",
		       u32a(tb[NITRO_P_PRINCIPAL]), r, u64a(tb[NITRO_P_SEQ]));
	else
		printf("principal %u roles %s\n", u32a(tb[NITRO_P_PRINCIPAL]), r);
	reply_free(&rep);
	return 0;
}

static int cmd_principal_add(int argc, char **argv)
{
	static const char *const known[] = { "--roles", "--new-key-file", NULL };
	struct abuf req = {};
	const char *kf;
	uint8_t key[32];

	only(argc, argv, 1, known);
	abuf_u32(&req, NITRO_P_PRINCIPAL, num(pos(argc, argv, 0), "principal",
					      UINT32_MAX));
	abuf_u32(&req, NITRO_P_ROLES, roles_parse(need_opt(argc, argv, "--roles")));
	kf = opt(argc, argv, "--new-key-file");
	if (kf) {
		key_from_file(kf, key);
		abuf_put(&req, NITRO_P_KEY, key, 32);
	}
	ok_plain(NITRO_OP_PRINCIPAL_ADD, &req);
	return 0;
}

static int cmd_principal_del(int argc, char **argv)
{
	struct abuf req = {};

	only(argc, argv, 1, NULL);
	abuf_u32(&req, NITRO_P_PRINCIPAL, num(pos(argc, argv, 0), "principal",
					      UINT32_MAX));
	ok_plain(NITRO_OP_PRINCIPAL_DEL, &req);
	return 0;
}

static int cmd_role_set(int argc, char **argv)
{
	struct abuf req = {};

	only(argc, argv, 2, NULL);
	abuf_u32(&req, NITRO_P_PRINCIPAL, num(pos(argc, argv, 0), "principal",
					      UINT32_MAX));
	abuf_u32(&req, NITRO_P_ROLES, roles_parse(pos(argc, argv, 1)));
	ok_plain(NITRO_OP_ROLE_SET, &req);
	return 0;
}

static int cmd_principal_list(int argc, char **argv)
{
	const struct nlattr *a, *tb[NITRO_P_MAX + 1];
	struct reply rep;
	bool first = true;
	char r[40];

	only(argc, argv, 0, NULL);
	call(NITRO_OP_PRINCIPAL_LIST, NULL, &rep);
	if (json)
		printf("[");
	for_each_entry(a, &rep, NITRO_P_ENTRY) {
		attrs(mnl_attr_get_payload(a), mnl_attr_get_payload_len(a), tb);
		roles_str(u32a(tb[NITRO_P_ROLES]), r, sizeof(r));
		if (json)
			printf("%s{\"principal\":%u,\"roles\":\"%s\",\"last_seq\":%" PRIu64 "}",
			       first ? "" : ",", u32a(tb[NITRO_P_PRINCIPAL]), r,
			       u64a(tb[NITRO_P_SEQ]));
		else
			printf("%-10u %s\n", u32a(tb[NITRO_P_PRINCIPAL]), r);
		first = false;
	}
	if (json)
		printf("]\n");
	reply_free(&rep);
	return 0;
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

static void print_counters(struct reply *rep)
{
	const struct nlattr *a, *tb[NITRO_P_MAX + 1];
	bool first = true;

	if (json)
		printf("{");
	for_each_entry(a, rep, NITRO_P_COUNTER) {
		attrs(mnl_attr_get_payload(a), mnl_attr_get_payload_len(a), tb);
		if (json)
			printf("%s\"%s\":%" PRIu64, first ? "" : ",",
			       stra(tb[NITRO_P_NAME]), u64a(tb[NITRO_P_VALUE]));
		else
			printf("%-36s %" PRIu64 "\n", stra(tb[NITRO_P_NAME]),
			       u64a(tb[NITRO_P_VALUE]));
		first = false;
	}
	if (json)
		printf("}\n");
}

static int cmd_cmk_create(int argc, char **argv)
{
	const struct nlattr *tb[NITRO_P_MAX + 1];
	struct reply rep;

	only(argc, argv, 0, NULL);
	call(NITRO_OP_CMK_CREATE, NULL, &rep);
	attrs(rep.body, rep.body_len, tb);
	if (json)
		printf("{\"ok\":true,\"cmk\":%u}\n", u32a(tb[NITRO_P_CMK]));
	else
		printf("cmk %u\n", u32a(tb[NITRO_P_CMK]));
	reply_free(&rep);
	return 0;
}

static int cmd_status(int argc, char **argv)
{
	struct reply rep;

	only(argc, argv, 0, NULL);
	call(NITRO_OP_STATUS, NULL, &rep);
	print_counters(&rep);
	reply_free(&rep);
	return 0;
}

static int cmd_metrics(int argc, char **argv)
{
	struct reply rep;

	only(argc, argv, 0, NULL);
	call(NITRO_OP_METRICS, NULL, &rep);
	print_counters(&rep);
	reply_free(&rep);
	return 0;
}

static const struct cmd cmds[] = {
	{ "key", "add", cmd_key_add, "",
	  "Add the principal's key (--key-file) to the user keyring as the logon\n"
	  "key \"nitro:principal:<id>\", from where the controller takes it for\n"
	  "bootstrap and for \"principal add\" without --new-key-file." },
	{ "bootstrap", NULL, cmd_bootstrap, "",
	  "Make --principal the first admin on a host that has no principal yet.\n"
	  "Adds its key to the user keyring (see \"key add\") and proves it holds it." },
	{ "whoami", NULL, cmd_whoami, "", "Show the calling principal and its roles." },
	{ "principal", "add", cmd_principal_add, "ID --roles ROLES [--new-key-file FILE]",
	  "Register principal ID with ROLES (admin,operator,auditor or none). Its key\n"
	  "is read from FILE and sent sealed, or else taken from the caller's keyring." },
	{ "principal", "del", cmd_principal_del, "ID", "Remove principal ID and revoke its key." },
	{ "principal", "list", cmd_principal_list, "", "List principals and roles." },
	{ "role", "set", cmd_role_set, "ID ROLES", "Replace the roles of principal ID." },
	{ "cmk", "create", cmd_cmk_create, "",
	  "Create a customer master key inside nitro_sec; prints its id." },
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
	{ "status", NULL, cmd_status, "", "Inventory counts." },
	{ "metrics", NULL, cmd_metrics, "", "API and audit counters (auditor)." },
};

/* The commands above, then each group kept in its own file. */
static const struct {
	const struct cmd *cmds;
	const size_t *nr;
} groups[] = {
	{ cmds, NULL },
	{ key_cmds, &nr_key_cmds },
	{ audit_cmds, &nr_audit_cmds },
};

static size_t group_len(size_t g)
{
	return groups[g].nr ? *groups[g].nr : sizeof(cmds) / sizeof(cmds[0]);
}

static size_t nr_cmds(void)
{
	size_t g, n = 0;

	for (g = 0; g < sizeof(groups) / sizeof(groups[0]); g++)
		n += group_len(g);
	return n;
}

static const struct cmd *cmd_at(size_t i)
{
	size_t g;

	for (g = 0; i >= group_len(g); g++)
		i -= group_len(g);
	return &groups[g].cmds[i];
}

static void usage(FILE *f)
{
	size_t i;

	fprintf(f,
		"usage: nitroctl [GLOBAL OPTIONS] COMMAND [ARGS]\n\n"
		"Global options:\n"
		"  --principal ID        the calling principal (or $NITROCTL_PRINCIPAL)\n"
		"  --key-file FILE       its key: 32 bytes or 64 hex digits (or $NITROCTL_KEY_FILE)\n"
		"  --key-keyring DESC    its key from the readable user key DESC\n"
		"  --seq N               sequence number (default: the clock in ns)\n"
		"  --json                JSON output\n"
		"  -h, --help            this text; COMMAND --help for a command\n\n"
		"Commands:\n");
	for (i = 0; i < nr_cmds(); i++)
		fprintf(f, "  %s%s%s %s\n", cmd_at(i)->name, cmd_at(i)->sub ? " " : "",
			cmd_at(i)->sub ? cmd_at(i)->sub : "", cmd_at(i)->usage);
	fprintf(f, "\nExit: 0 ok, 1 operation failed, 2 usage, 3 rejected by the controller,\n"
		   "4 audit log tampered, 5 local error (key, netlink, crypto, bad reply).\n");
}

#ifdef NITROCTL_MANGLE
static const char *const mangles[] = {
	[MANGLE_TAMPER_BODY] = "tamper-body", [MANGLE_TAMPER_HDR] = "tamper-header",
	[MANGLE_TRUNCATE] = "truncate", [MANGLE_OVERSIZE] = "oversize",
	[MANGLE_UNKNOWN_OUTER] = "unknown-outer", [MANGLE_UNKNOWN_INNER] = "unknown-inner",
	[MANGLE_VERSION] = "version", [MANGLE_REPLAY] = "replay",
	[MANGLE_UNKNOWN_OP] = "unknown-op",
};
#endif

int main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "principal", required_argument, NULL, 'p' },
		{ "key-file", required_argument, NULL, 'k' },
		{ "key-keyring", required_argument, NULL, 'K' },
		{ "seq", required_argument, NULL, 's' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
#ifdef NITROCTL_MANGLE
		{ "mangle", required_argument, NULL, 'm' },
#endif
		{}
	};
	const char *env;
	size_t i;
	int c;

	env = getenv("NITROCTL_PRINCIPAL");
	if (env)
		cl.principal = num(env, "NITROCTL_PRINCIPAL", UINT32_MAX);
	env = getenv("NITROCTL_KEY_FILE");
	if (env) {
		key_from_file(env, cl.key);
		cl.have_key = true;
	}
	while ((c = getopt_long(argc, argv, "+h", lo, NULL)) != -1) {
		switch (c) {
		case 'p':
			cl.principal = num(optarg, "principal", UINT32_MAX);
			break;
		case 'k':
			key_from_file(optarg, cl.key);
			cl.have_key = true;
			break;
		case 'K':
			key_from_keyring(optarg, cl.key);
			cl.have_key = true;
			break;
		case 's':
			cl.seq = num(optarg, "seq", UINT64_MAX);
			break;
		case 'j':
			json = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
#ifdef NITROCTL_MANGLE
		case 'm':
			for (i = 1; i < sizeof(mangles) / sizeof(mangles[0]); i++)
				if (!strcmp(optarg, mangles[i]))
					cl.mangle = i;
			if (!cl.mangle)
				die(EXIT_USAGE, "unknown --mangle %s", optarg);
			break;
#endif
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	argc -= optind;
	argv += optind;
	if (!argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	for (i = 0; i < nr_cmds(); i++) {
		int skip = 1;

		if (strcmp(argv[0], cmd_at(i)->name))
			continue;
		if (cmd_at(i)->sub) {
			if (argc < 2 || strcmp(argv[1], cmd_at(i)->sub))
				continue;
			skip = 2;
		}
		cur = cmd_at(i);
		if (argc > skip && (!strcmp(argv[skip], "--help") ||
				    !strcmp(argv[skip], "-h"))) {
			usage_of(cur, stdout);
			return 0;
		}
		return cmd_at(i)->fn(argc - skip, argv + skip);
	}
	fprintf(stderr, "nitroctl: unknown command: %s%s%s\n", argv[0],
		argc > 1 ? " " : "", argc > 1 ? argv[1] : "");
	/* "nitroctl volume --help": the volume commands. */
	for (i = 0; i < nr_cmds(); i++)
		if (!strcmp(argv[0], cmd_at(i)->name)) {
			if (argc > 1 && !strcmp(argv[1], "--help"))
				usage_of(cmd_at(i), stdout);
		}
	return EXIT_USAGE;
}
