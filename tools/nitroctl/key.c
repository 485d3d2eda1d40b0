// SPDX-License-Identifier: GPL-2.0
/*
 * nitroctl key wrap: bring your own data key (Documentation/nitroctl.rst).
 * The key is read from a file, sent sealed, and wiped from this process as
 * soon as the request is sealed; only its wrapped form is written out.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libmnl/libmnl.h>

#include "nitroctl.h"

/* More than any key, so that a wrong length reaches the controller's check. */
#define DATA_KEY_FILE_MAX	512

static int unhex(const uint8_t *in, size_t n, uint8_t *out)
{
	char two[3] = {};
	size_t i;

	for (i = 0; i < n / 2; i++) {
		if (!isxdigit(in[2 * i]) || !isxdigit(in[2 * i + 1]))
			return -1;
		two[0] = in[2 * i];
		two[1] = in[2 * i + 1];
		out[i] = strtoul(two, NULL, 16);
	}
	return 0;
}

/*
 * 128 hex digits (and optional white space after them), or the raw bytes:
 * 64 for an AES-256-XTS key, the form cryptsetup's --key-file takes. Any
 * other length is sent as it is: the controller says what is wrong with it.
 */
static size_t data_key_from_file(const char *path, uint8_t *key)
{
	uint8_t buf[DATA_KEY_FILE_MAX + 1];
	size_t len = 0, t;
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		die(EXIT_LOCAL, "data key file %s: %s", path, strerror(errno));
	while (len < sizeof(buf) &&
	       (n = read(fd, buf + len, sizeof(buf) - len)) > 0)
		len += n;
	close(fd);
	if (!len || len > DATA_KEY_FILE_MAX) {
		explicit_bzero(buf, sizeof(buf));
		die(EXIT_LOCAL, "data key file %s: 1 to %d bytes", path,
		    DATA_KEY_FILE_MAX);
	}
	t = len;
	while (t && isspace(buf[t - 1]))
		t--;
	if (t == 2 * NITRO_DATA_KEY_LEN && !unhex(buf, t, key)) {
		len = NITRO_DATA_KEY_LEN;
	} else {
		memcpy(key, buf, len);
	}
	explicit_bzero(buf, sizeof(buf));
	return len;
}

static int cmd_key_wrap(int argc, char **argv)
{
	static const char *const known[] = {
		"--cmk", "--data-key-file", "--out", NULL
	};
	const struct nlattr *tb[NITRO_P_MAX + 1];
	uint8_t key[DATA_KEY_FILE_MAX];
	const char *out;
	struct abuf req = {};
	struct reply rep;
	uint32_t cmk;
	size_t len, wlen;
	int fd;

	only(argc, argv, 0, known);
	cmk = num(need_opt(argc, argv, "--cmk"), "cmk", UINT32_MAX);
	out = need_opt(argc, argv, "--out");
	len = data_key_from_file(need_opt(argc, argv, "--data-key-file"), key);
	abuf_u32(&req, NITRO_P_CMK, cmk);
	abuf_put(&req, NITRO_P_DATA_KEY, key, len);
	explicit_bzero(key, sizeof(key));
	/* call() seals and sends; the sealed copy is all that remains. */
	call(NITRO_OP_KEY_WRAP, &req, &rep);
	explicit_bzero(req.data, req.len);
	attrs(rep.body, rep.body_len, tb);
	if (!tb[NITRO_P_WRAPPED_KEY])
		die(EXIT_LOCAL, "key wrap: no wrapped key in the reply");
	wlen = mnl_attr_get_payload_len(tb[NITRO_P_WRAPPED_KEY]);
	fd = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0 ||
	    write(fd, mnl_attr_get_payload(tb[NITRO_P_WRAPPED_KEY]), wlen) !=
	    (ssize_t)wlen || close(fd))
		die(EXIT_LOCAL, "wrapped key file %s: %s", out, strerror(errno));
	if (json) {
		printf("{\"ok\":true,\"cmk\":%u,\"out\":", cmk);
		json_str(out);
		printf(",\"bytes\":%zu}\n", wlen);
	} else {
		printf("data key wrapped under cmk %u: %s (%zu bytes)\n", cmk,
		       out, wlen);
	}
	reply_free(&rep);
	return 0;
}

const struct cmd key_cmds[] = {
	{ "key", "wrap", cmd_key_wrap,
	  "--cmk ID --data-key-file FILE --out WRAPPED",
	  "Bring your own data key: wrap the AES-256-XTS key in FILE (64 bytes,\n"
	  "or 128 hex digits; its halves must differ) under CMK ID inside\n"
	  "nitro_sec and write the wrapped key to WRAPPED, for \"volume create\n"
	  "--wrapped-key-file\". The plaintext key never leaves in any reply." },
};
const size_t nr_key_cmds = sizeof(key_cmds) / sizeof(key_cmds[0]);
