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
	case ENODATA: return "ENODATA";
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
	{ "status", NULL, cmd_status, "", "Inventory counts." },
	{ "metrics", NULL, cmd_metrics, "", "API and audit counters (auditor)." },
};

/* The commands above, then each group kept in its own file. */
static const struct {
	const struct cmd *cmds;
	const size_t *nr;
} groups[] = {
	{ cmds, NULL },
	{ inventory_cmds, &nr_inventory_cmds },
	{ key_cmds, &nr_key_cmds },
	{ audit_cmds, &nr_audit_cmds },
	{ attest_cmds, &nr_attest_cmds },
	{ allow_cmds, &nr_allow_cmds },
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
		   "4 audit log or attestation report tampered, 5 local error (key, netlink,\n"
		   "crypto, bad reply); attest verify: 6 stale report, 7 measurements differ.\n");
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
