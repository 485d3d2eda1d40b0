/* SPDX-License-Identifier: GPL-2.0 */
/* nitroctl: the command-line client of the Nitro control-plane API. */
#ifndef NITROCTL_H
#define NITROCTL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>
#include <endian.h>
#include <linux/netlink.h>

#include "nitro_genl.h"

/* Exit codes (Documentation/nitroctl.rst). */
enum {
	EXIT_OK = 0,
	EXIT_FAILED = 1,	/* the operation ran and failed */
	EXIT_USAGE = 2,
	EXIT_REJECTED = 3,	/* the controller refused the request */
	EXIT_TAMPERED = 4,	/* audit verify found the log altered */
	EXIT_LOCAL = 5,		/* key, socket, crypto or reply problem */
};

/* Test-only ways to damage a request (nitroctl-mangle builds only). */
enum mangle {
	MANGLE_NONE,
	MANGLE_TAMPER_BODY,
	MANGLE_TAMPER_HDR,
	MANGLE_TRUNCATE,
	MANGLE_OVERSIZE,
	MANGLE_UNKNOWN_OUTER,
	MANGLE_UNKNOWN_INNER,
	MANGLE_VERSION,
	MANGLE_REPLAY,
	MANGLE_UNKNOWN_OP,
};

struct client {
	uint32_t principal;
	uint8_t key[NITRO_ENV_KEY_LEN];
	bool have_key;
	uint64_t seq;		/* 0: derive from the clock */
	enum mangle mangle;
};

/* An attribute stream being built (the plaintext of a request). */
struct abuf {
	uint8_t data[NITRO_ENV_REQ_MAX + 8192];
	size_t len;
};

void abuf_put(struct abuf *b, uint16_t type, const void *data, size_t len);
void abuf_u8(struct abuf *b, uint16_t type, uint8_t v);
void abuf_u32(struct abuf *b, uint16_t type, uint32_t v);
void abuf_u64(struct abuf *b, uint16_t type, uint64_t v);
void abuf_str(struct abuf *b, uint16_t type, const char *s);

/* The result of one call. */
struct reply {
	int rejected;		/* negative errno of a netlink error, or 0 */
	char msg[256];		/* its extack message */
	int32_t status;		/* the sealed reply's status */
	uint8_t *body;		/* decrypted reply attributes */
	size_t body_len;
};

int nitro_call(struct client *c, uint16_t op, const struct abuf *req,
	       struct reply *rep);
void reply_free(struct reply *rep);

int env_seal(const uint8_t *key, const struct nitro_env_hdr *hdr,
	     const uint8_t *plain, size_t len, uint8_t *out);
int env_open(const uint8_t *key, const struct nitro_env_hdr *hdr,
	     const uint8_t *sealed, size_t len, uint8_t *out);

struct audit_rec {
	uint64_t seq, time;
	uint32_t principal;
	int32_t result;
	char op[NITRO_AUDIT_OP_MAX + 1];
	char object[NITRO_AUDIT_OBJECT_MAX + 1];
	uint8_t prev[32], hash[32];
};
void audit_hash(const struct audit_rec *r, uint8_t out[32]);

/* An anchor: nitro_sec's HMAC over (seq, hash) of a record. */
struct audit_anchor {
	uint64_t seq;
	uint8_t hash[32], mac[32];
};

/* ---- the command line (main.c), for the command groups' files ---- */

struct cmd {
	const char *name;
	const char *sub;
	int (*fn)(int argc, char **argv);
	const char *usage;
	const char *help;
};

/* Command groups kept in their own files. */
extern const struct cmd key_cmds[];
extern const size_t nr_key_cmds;
extern const struct cmd audit_cmds[];
extern const size_t nr_audit_cmds;

extern bool json;
extern struct client cl;
extern const struct cmd *cur;

void die(int code, const char *fmt, ...)
	__attribute__((noreturn, format(printf, 2, 3)));
void key_from_file(const char *path, uint8_t key[32]);
uint64_t num(const char *s, const char *what, uint64_t max);
void hex(const uint8_t *b, size_t n, char *out);
void json_str(const char *s);
const char *errname(int e);

/* Send; exits with the documented code unless the operation succeeded. */
void call(uint16_t op, const struct abuf *req, struct reply *rep);
void ok_plain(uint16_t op, struct abuf *req);

/* Subcommand arguments: positionals first, then "--name value" pairs. */
void usage_of(const struct cmd *c, FILE *f);
void bad_usage(const char *why) __attribute__((noreturn));
const char *opt(int argc, char **argv, const char *name);
const char *need_opt(int argc, char **argv, const char *name);
const char *pos(int argc, char **argv, int i);
void only(int argc, char **argv, int npos, const char *const *known);

/* Reply attributes. */
#define for_each_attr(a, buf, len)					\
	for ((a) = (const void *)(buf);					\
	     mnl_attr_ok((a), (const char *)(buf) + (len) - (const char *)(a)); \
	     (a) = mnl_attr_next(a))
#define for_each_entry(a, rep, type)					\
	for_each_attr(a, (rep)->body, (rep)->body_len)			\
		if (mnl_attr_get_type(a) == (type))

void attrs(const void *buf, size_t len, const struct nlattr **tb);
uint32_t u32a(const struct nlattr *a);
uint64_t u64a(const struct nlattr *a);
const char *stra(const struct nlattr *a);

#endif /* NITROCTL_H */
