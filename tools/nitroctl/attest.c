// SPDX-License-Identifier: GPL-2.0
/*
 * nitroctl attest verify (auditor): ask for nitro_sec's signed report over
 * a fresh nonce, or take a saved one, and check it the way
 * nsec_report_verify() does (Documentation/security-module.rst): shape,
 * HMAC under the device key, nonce; then, optionally, the measurements.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libmnl/libmnl.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include "nitroctl.h"

#define HDR_LEN		112
#define ENTRY_LEN	152
#define MAC_LEN		32
#define NONCE_LEN	NITRO_ATTEST_NONCE_LEN
#define REPORT_MAX	4096

/* Distinct outcomes of a verification (Documentation/nitroctl.rst). */
enum {
	EXIT_FORGED = EXIT_TAMPERED,	/* shape or MAC wrong */
	EXIT_STALE = 6,			/* not over our nonce: a replay */
	EXIT_MISMATCH = 7,		/* not the measurements expected */
};

static size_t read_file(const char *what, const char *path, uint8_t *buf,
			size_t max)
{
	size_t len = 0;
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		die(EXIT_LOCAL, "%s %s: %s", what, path, strerror(errno));
	while (len < max && (n = read(fd, buf + len, max - len)) > 0)
		len += n;
	close(fd);
	return len;
}

static void write_file(const char *what, const char *path, const void *buf,
		       size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

	if (fd < 0 || write(fd, buf, len) != (ssize_t)len || close(fd))
		die(EXIT_LOCAL, "%s %s: %s", what, path, strerror(errno));
}

static uint16_t le16(const uint8_t *p)
{
	return p[0] | p[1] << 8;
}

static uint32_t le32(const uint8_t *p)
{
	return le16(p) | (uint32_t)le16(p + 2) << 16;
}

static uint64_t le64(const uint8_t *p)
{
	return le32(p) | (uint64_t)le32(p + 4) << 32;
}

static void fail(int code, const char *why)
{
	if (json)
		printf("{\"ok\":false,\"reason\":\"%s\"}\n", why);
	else
		printf("attestation FAILED: %s\n", why);
	exit(code);
}

/* The reference order: shape, MAC, then nonce. */
static void report_check(const uint8_t *r, size_t len, const uint8_t *key,
			 size_t key_len, const uint8_t *nonce)
{
	uint8_t mac[MAC_LEN];
	unsigned int mlen = MAC_LEN;
	size_t body;

	if (len < HDR_LEN + MAC_LEN || memcmp(r, "NITROATT", 8) ||
	    le16(r + 8) != 1 || le32(r + 12) != len)
		fail(EXIT_FORGED, "malformed report (magic, version or length)");
	body = HDR_LEN + (size_t)le16(r + 10) * ENTRY_LEN;
	if (body + MAC_LEN != len)
		fail(EXIT_FORGED, "malformed report (entries and length disagree)");
	if (!HMAC(EVP_sha256(), key, key_len, r, body, mac, &mlen) ||
	    mlen != MAC_LEN)
		die(EXIT_LOCAL, "HMAC-SHA256 failed");
	if (CRYPTO_memcmp(mac, r + body, MAC_LEN))
		fail(EXIT_FORGED, "the report's MAC does not verify (forged, altered, or not this device's key)");
	if (memcmp(r + 32, nonce, NONCE_LEN))
		fail(EXIT_STALE, "the report is not over this nonce (a replay)");
}

/* "NAME HEX" lines, '#' comments: exactly these components, so measured. */
static const char *expect_check(const uint8_t *r, const char *path,
				char *why, size_t why_len)
{
	unsigned int nr = le16(r + 10), i, listed = 0;
	char line[256], name[64], dig[80];
	uint8_t want[32];
	FILE *f;

	f = fopen(path, "re");
	if (!f)
		die(EXIT_LOCAL, "expected measurements %s: %s", path,
		    strerror(errno));
	while (fgets(line, sizeof(line), f)) {
		const uint8_t *e = NULL;

		if (line[0] == '#' || sscanf(line, "%63s %79s", name, dig) != 2)
			continue;
		if (hex_parse(dig, want, 32))
			die(EXIT_LOCAL, "expected measurements %s: bad line for %s",
			    path, name);
		listed++;
		for (i = 0; i < nr && !e; i++)
			if (!strncmp((const char *)r + HDR_LEN + i * ENTRY_LEN + 8,
				     name, 32))
				e = r + HDR_LEN + i * ENTRY_LEN;
		if (!e)
			snprintf(why, why_len, "%s is not running", name);
		else if (memcmp(e + 96, want, 32))
			snprintf(why, why_len, "%s runs another measurement", name);
		else
			continue;
		fclose(f);
		return why;
	}
	fclose(f);
	if (listed != nr) {
		snprintf(why, why_len, "%u components run, %u expected", nr,
			 listed);
		return why;
	}
	return NULL;
}

static const char *kind_str(unsigned int k)
{
	return k == 1 ? "sec" : k == 2 ? "nvme" : k == 3 ? "ena" : "?";
}

static void report_print(const uint8_t *r)
{
	unsigned int nr = le16(r + 10), i, flags;
	uint32_t policy = le32(r + 64);
	char d[65];

	if (json)
		printf("{\"ok\":true,\"counter\":%" PRIu64 ",\"time\":%" PRIu64
		       ",\"policy\":\"%s\",\"build_id\":\"%.24s\",\"components\":[",
		       le64(r + 16), le64(r + 24),
		       policy == 2 ? "strict" : "build", (const char *)r + 88);
	else
		printf("attestation verified: report %" PRIu64 ", policy %s, nitro_sec build %.24s\n",
		       le64(r + 16), policy == 2 ? "strict" : "build",
		       (const char *)r + 88);
	for (i = 0; i < nr; i++) {
		const uint8_t *e = r + HDR_LEN + i * ENTRY_LEN;

		flags = le16(e + 2);
		hex(e + 96, 32, d);
		if (json)
			printf("%s{\"kind\":\"%s\",\"name\":\"%.32s\",\"module\":\"%.56s\",\"measured\":%s,\"allowed\":%s,\"measurement\":\"%s\",\"build_id\":\"%.24s\"}",
			       i ? "," : "", kind_str(le16(e)),
			       (const char *)e + 8, (const char *)e + 40,
			       flags & 1 ? "true" : "false",
			       flags & 2 ? "true" : "false", d,
			       (const char *)e + 128);
		else
			printf("%-4s %-12.32s %s %s%s\n", kind_str(le16(e)),
			       (const char *)e + 8, d,
			       flags & 1 ? "measured" : "unmeasured",
			       flags & 2 ? ",allowed" : "");
	}
	if (json)
		printf("]}\n");
}

static int cmd_attest_verify(int argc, char **argv)
{
	static const char *const known[] = {
		"--device-key-file", "--expect", "--nonce-file", "--report",
		"--report-out", "--nonce-out", NULL
	};
	const char *nf = opt(argc, argv, "--nonce-file");
	const char *rf = opt(argc, argv, "--report");
	const char *expect = opt(argc, argv, "--expect");
	uint8_t key[4097], nonce[64], report[REPORT_MAX + 1];
	size_t key_len, nonce_len = NONCE_LEN, len;
	const char *why;
	char whybuf[128];

	only(argc, argv, 0, known);
	key_len = read_file("device key file",
			    need_opt(argc, argv, "--device-key-file"), key,
			    sizeof(key));
	if (key_len < 32 || key_len >= sizeof(key))
		die(EXIT_LOCAL, "device key file: want 32 to 4096 bytes");
	if (nf)
		nonce_len = read_file("nonce file", nf, nonce, sizeof(nonce));
	else if (RAND_bytes(nonce, NONCE_LEN) != 1)
		die(EXIT_LOCAL, "no random nonce");
	if (rf && nonce_len != NONCE_LEN)
		die(EXIT_LOCAL, "nonce file: want %d bytes", NONCE_LEN);

	if (rf) {
		len = read_file("report", rf, report, sizeof(report));
		if (len > REPORT_MAX)
			fail(EXIT_FORGED, "malformed report (too long)");
	} else {
		const struct nlattr *tb[NITRO_P_MAX + 1];
		struct abuf req = {};
		struct reply rep;

		/* Any length: the controller says what is wrong with it. */
		abuf_put(&req, NITRO_P_NONCE, nonce, nonce_len);
		call(NITRO_OP_ATTEST, &req, &rep);
		attrs(rep.body, rep.body_len, tb);
		if (!tb[NITRO_P_REPORT] ||
		    mnl_attr_get_payload_len(tb[NITRO_P_REPORT]) > REPORT_MAX)
			die(EXIT_LOCAL, "attest: no report in the reply");
		len = mnl_attr_get_payload_len(tb[NITRO_P_REPORT]);
		memcpy(report, mnl_attr_get_payload(tb[NITRO_P_REPORT]), len);
		reply_free(&rep);
		if (opt(argc, argv, "--report-out"))
			write_file("report", opt(argc, argv, "--report-out"),
				   report, len);
		if (opt(argc, argv, "--nonce-out"))
			write_file("nonce", opt(argc, argv, "--nonce-out"),
				   nonce, NONCE_LEN);
	}
	report_check(report, len, key, key_len, nonce);
	explicit_bzero(key, sizeof(key));
	if (expect) {
		why = expect_check(report, expect, whybuf, sizeof(whybuf));
		if (why)
			fail(EXIT_MISMATCH, why);
	}
	report_print(report);
	return 0;
}

const struct cmd attest_cmds[] = {
	{ "attest", "verify", cmd_attest_verify,
	  "--device-key-file FILE [--expect FILE] [--nonce-file FILE]\n"
	  "       [--report FILE] [--report-out FILE] [--nonce-out FILE]",
	  "Ask nitro_sec (through the controller) for a report of every\n"
	  "component's measurement signed over a fresh random nonce (or the one\n"
	  "in --nonce-file), or take a saved --report and the nonce it was asked\n"
	  "over, and verify it with the device key: exit 4 if it is malformed or\n"
	  "its MAC is wrong, 6 if it is not over the nonce (a replay), 7 if the\n"
	  "components and measurements differ from --expect (lines \"NAME HEX\").\n"
	  "Prints the components on success." },
};

const size_t nr_attest_cmds = sizeof(attest_cmds) / sizeof(attest_cmds[0]);
