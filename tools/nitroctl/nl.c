// SPDX-License-Identifier: GPL-2.0
/*
 * nitroctl's transport: one sealed request over generic netlink, one
 * sealed reply or a netlink error back (include/nitro_genl.h). libmnl
 * builds and walks the messages; OpenSSL's libcrypto does AES-256-GCM and
 * SHA-256.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "nitroctl.h"

void abuf_put(struct abuf *b, uint16_t type, const void *data, size_t len)
{
	struct nlattr *a = (struct nlattr *)(b->data + b->len);
	size_t total = MNL_ALIGN(sizeof(*a) + len);

	if (b->len + total > sizeof(b->data)) {
		fprintf(stderr, "nitroctl: request too large\n");
		exit(EXIT_USAGE);
	}
	memset(a, 0, total);
	a->nla_type = type;
	a->nla_len = sizeof(*a) + len;
	if (len)
		memcpy(a + 1, data, len);
	b->len += total;
}

void abuf_u8(struct abuf *b, uint16_t type, uint8_t v)
{
	abuf_put(b, type, &v, 1);
}

void abuf_u32(struct abuf *b, uint16_t type, uint32_t v)
{
	abuf_put(b, type, &v, 4);
}

void abuf_u64(struct abuf *b, uint16_t type, uint64_t v)
{
	abuf_put(b, type, &v, 8);
}

void abuf_str(struct abuf *b, uint16_t type, const char *s)
{
	abuf_put(b, type, s, strlen(s) + 1);
}

static int gcm(bool enc, const uint8_t *key, const struct nitro_env_hdr *hdr,
	       const uint8_t *in, size_t len, uint8_t *out)
{
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	int n, ok = 0;

	if (!ctx)
		return -1;
	if (!EVP_CipherInit_ex(ctx, EVP_aes_256_gcm(), NULL, NULL, NULL, enc) ||
	    !EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN,
				 NITRO_ENV_NONCE_LEN, NULL) ||
	    !EVP_CipherInit_ex(ctx, NULL, NULL, key, hdr->nonce, enc) ||
	    !EVP_CipherUpdate(ctx, NULL, &n, (const uint8_t *)hdr, sizeof(*hdr)))
		goto out;
	if (enc) {
		if ((len && !EVP_CipherUpdate(ctx, out, &n, in, len)) ||
		    !EVP_CipherFinal_ex(ctx, out + len, &n) ||
		    !EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG,
					 NITRO_ENV_TAG_LEN, out + len))
			goto out;
	} else {
		if ((len && !EVP_CipherUpdate(ctx, out, &n, in, len)) ||
		    !EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG,
					 NITRO_ENV_TAG_LEN,
					 (void *)(in + len)) ||
		    EVP_CipherFinal_ex(ctx, out + len, &n) <= 0)
			goto out;
	}
	ok = 1;
out:
	EVP_CIPHER_CTX_free(ctx);
	return ok ? 0 : -1;
}

/* @out receives len + NITRO_ENV_TAG_LEN bytes. */
int env_seal(const uint8_t *key, const struct nitro_env_hdr *hdr,
	     const uint8_t *plain, size_t len, uint8_t *out)
{
	return gcm(true, key, hdr, plain, len, out);
}

/* @len includes the tag; @out receives len - NITRO_ENV_TAG_LEN bytes. */
int env_open(const uint8_t *key, const struct nitro_env_hdr *hdr,
	     const uint8_t *sealed, size_t len, uint8_t *out)
{
	if (len < NITRO_ENV_TAG_LEN)
		return -1;
	return gcm(false, key, hdr, sealed, len - NITRO_ENV_TAG_LEN, out);
}

/* The same encoding as nitro_ctrl/audit.c nitro_audit_hash(). */
void audit_hash(const struct audit_rec *r, uint8_t out[32])
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	uint64_t q[2] = { htole64(r->seq), htole64(r->time) };
	uint32_t w[2] = { htole32(r->principal), htole32((uint32_t)r->result) };
	uint8_t len;

	EVP_DigestInit_ex(ctx, EVP_sha256(), NULL);
	EVP_DigestUpdate(ctx, r->prev, 32);
	EVP_DigestUpdate(ctx, q, sizeof(q));
	EVP_DigestUpdate(ctx, w, sizeof(w));
	len = strnlen(r->op, NITRO_AUDIT_OP_MAX);
	EVP_DigestUpdate(ctx, &len, 1);
	EVP_DigestUpdate(ctx, r->op, len);
	len = strnlen(r->object, NITRO_AUDIT_OBJECT_MAX);
	EVP_DigestUpdate(ctx, &len, 1);
	EVP_DigestUpdate(ctx, r->object, len);
	EVP_DigestFinal_ex(ctx, out, NULL);
	EVP_MD_CTX_free(ctx);
}

static int family_attr_cb(const struct nlattr *a, void *data)
{
	if (mnl_attr_get_type(a) == CTRL_ATTR_FAMILY_ID)
		*(uint16_t *)data = mnl_attr_get_u16(a);
	return MNL_CB_OK;
}

static int family_cb(const struct nlmsghdr *nlh, void *data)
{
	mnl_attr_parse(nlh, sizeof(struct genlmsghdr), family_attr_cb, data);
	return MNL_CB_OK;
}

static int resolve_family(struct mnl_socket *nl, uint16_t *id)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct genlmsghdr *g;
	struct nlmsghdr *nlh;
	unsigned int seq = time(NULL);
	int n;

	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = GENL_ID_CTRL;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = seq;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = CTRL_CMD_GETFAMILY;
	g->version = 1;
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, NITRO_GENL_NAME);
	if (mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0)
		return -errno;
	*id = 0;
	do {
		n = mnl_socket_recvfrom(nl, buf, sizeof(buf));
		if (n < 0)
			return -errno;
		n = mnl_cb_run(buf, n, seq, mnl_socket_get_portid(nl),
			       family_cb, id);
	} while (n > 0);
	if (n < 0)
		return -errno;
	return *id ? 0 : -ENOENT;
}

static uint64_t clock_seq(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

/* Build the outer message: header, sealed body, and any test damage. */
static int build_request(struct client *c, struct nlmsghdr *nlh, uint16_t op,
			 const struct abuf *req, struct nitro_env_hdr *hdr)
{
	static struct abuf plain;
	uint8_t *sealed;
	size_t slen;

	memset(hdr, 0, sizeof(*hdr));
	hdr->version = NITRO_ENV_VERSION;
	hdr->op = htole16(c->mangle == MANGLE_UNKNOWN_OP ? 999 : op);
	hdr->principal = htole32(c->principal);
	hdr->seq = htole64(c->seq ? c->seq : clock_seq());
	if (RAND_bytes(hdr->nonce, sizeof(hdr->nonce)) != 1)
		return -1;

	plain.len = 0;
	if (req && req->len) {
		memcpy(plain.data, req->data, req->len);
		plain.len = req->len;
	}
	if (c->mangle == MANGLE_UNKNOWN_INNER)
		abuf_u32(&plain, 200, 1);
	if (c->mangle == MANGLE_OVERSIZE)
		while (plain.len <= NITRO_ENV_REQ_MAX)
			abuf_put(&plain, NITRO_P_BACKEND, "", 0);
	if (c->mangle == MANGLE_VERSION)
		hdr->version = NITRO_ENV_VERSION + 1;

	slen = plain.len + NITRO_ENV_TAG_LEN;
	sealed = malloc(slen);
	if (!sealed || env_seal(c->key, hdr, plain.data, plain.len, sealed)) {
		explicit_bzero(plain.data, plain.len);
		free(sealed);
		return -1;
	}
	/* A request may carry a data key (key wrap): no copy stays behind. */
	explicit_bzero(plain.data, plain.len);
	if (c->mangle == MANGLE_TAMPER_BODY)
		sealed[slen / 2] ^= 0x04;
	if (c->mangle == MANGLE_TRUNCATE)
		slen = NITRO_ENV_TAG_LEN - 1;

	if (c->mangle == MANGLE_TAMPER_HDR) {
		struct nitro_env_hdr bad = *hdr;

		bad.op = htole16(op == NITRO_OP_WHOAMI ? NITRO_OP_STATUS :
				 NITRO_OP_WHOAMI);
		mnl_attr_put(nlh, NITRO_A_HDR, sizeof(bad), &bad);
	} else {
		mnl_attr_put(nlh, NITRO_A_HDR, sizeof(*hdr), hdr);
	}
	mnl_attr_put(nlh, NITRO_A_SEALED, slen, sealed);
	if (c->mangle == MANGLE_UNKNOWN_OUTER)
		mnl_attr_put_u32(nlh, 7, 0);
	free(sealed);
	return 0;
}

struct rx {
	struct client *c;
	const struct nitro_env_hdr *req;
	struct reply *rep;
	uint16_t family;
	bool got_reply;
	int bad;		/* a reply that did not authenticate */
};

static int reply_attr_cb(const struct nlattr *a, void *data)
{
	const struct nlattr **tb = data;
	int t = mnl_attr_get_type(a);

	if (t == NITRO_A_HDR || t == NITRO_A_SEALED)
		tb[t] = a;
	return MNL_CB_OK;
}

static void take_reply(struct rx *rx, const struct nlmsghdr *nlh)
{
	const struct nlattr *tb[NITRO_A_MAX + 1] = {};
	struct nitro_env_hdr h;
	size_t len;

	mnl_attr_parse(nlh, sizeof(struct genlmsghdr), reply_attr_cb, tb);
	rx->bad = 1;
	if (!tb[NITRO_A_HDR] || !tb[NITRO_A_SEALED] ||
	    mnl_attr_get_payload_len(tb[NITRO_A_HDR]) != sizeof(h))
		return;
	memcpy(&h, mnl_attr_get_payload(tb[NITRO_A_HDR]), sizeof(h));
	/* It must answer exactly what was asked. */
	if (h.version != NITRO_ENV_VERSION || h.flags != NITRO_ENV_F_RESPONSE ||
	    h.op != rx->req->op || h.principal != rx->req->principal ||
	    h.seq != rx->req->seq)
		return;
	len = mnl_attr_get_payload_len(tb[NITRO_A_SEALED]);
	if (len < NITRO_ENV_TAG_LEN)
		return;
	rx->rep->body = malloc(len);
	if (!rx->rep->body || env_open(rx->c->key, &h,
				       mnl_attr_get_payload(tb[NITRO_A_SEALED]),
				       len, rx->rep->body))
		return;
	rx->rep->body_len = len - NITRO_ENV_TAG_LEN;
	rx->rep->status = (int32_t)le32toh(h.status);
	rx->got_reply = true;
	rx->bad = 0;
}

static void take_error(struct rx *rx, const struct nlmsghdr *nlh)
{
	const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *a;
	size_t off = sizeof(*e);

	if (!e->error)
		return;
	rx->rep->rejected = e->error;
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += e->msg.nlmsg_len - sizeof(e->msg);
	mnl_attr_for_each(a, nlh, off) {
		if (mnl_attr_get_type(a) == NLMSGERR_ATTR_MSG)
			snprintf(rx->rep->msg, sizeof(rx->rep->msg), "%s",
				 mnl_attr_get_str(a));
	}
}

/**
 * nitro_call() - one request, one answer
 *
 * Return: 0 when an answer came (rep->rejected, or rep->status and the
 * body), -1 on a local failure (message on stderr).
 */
int nitro_call(struct client *c, uint16_t op, const struct abuf *req,
	       struct reply *rep)
{
	static char buf[65536];
	struct nitro_env_hdr hdr;
	struct mnl_socket *nl;
	struct genlmsghdr *g;
	struct nlmsghdr *nlh;
	struct rx rx = { .c = c, .req = &hdr, .rep = rep };
	int one = 1, n, sends = 1, err = -1;
	bool done = false;
	unsigned int portid;

	memset(rep, 0, sizeof(*rep));
	nl = mnl_socket_open(NETLINK_GENERIC);
	if (!nl || mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0) {
		perror("nitroctl: netlink socket");
		goto out;
	}
	mnl_socket_setsockopt(nl, NETLINK_EXT_ACK, &one, sizeof(one));
	mnl_socket_setsockopt(nl, NETLINK_CAP_ACK, &one, sizeof(one));
	portid = mnl_socket_get_portid(nl);
	if (resolve_family(nl, &rx.family)) {
		fprintf(stderr, "nitroctl: no \"%s\" netlink family: is nitro_ctrl loaded?\n",
			NITRO_GENL_NAME);
		goto out;
	}

	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = rx.family;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = 1;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = NITRO_CMD_REQUEST;
	g->version = NITRO_GENL_VERSION;
	if (build_request(c, nlh, op, req, &hdr)) {
		fprintf(stderr, "nitroctl: cannot seal the request\n");
		goto out;
	}
	/* A replay: the very same bytes twice; the second answer counts. */
	if (c->mangle == MANGLE_REPLAY)
		sends = 2;
	while (sends--) {
		if (mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0) {
			perror("nitroctl: send");
			goto out;
		}
		done = false;
		reply_free(rep);
		memset(rep, 0, sizeof(*rep));
		rx.got_reply = false;
		while (!done) {
			const struct nlmsghdr *m;

			n = mnl_socket_recvfrom(nl, buf + 32768, 32768);
			if (n < 0) {
				perror("nitroctl: receive");
				goto out;
			}
			for (m = (void *)(buf + 32768); mnl_nlmsg_ok(m, n);
			     m = mnl_nlmsg_next(m, &n)) {
				if (m->nlmsg_pid && m->nlmsg_pid != portid)
					continue;
				if (m->nlmsg_type == NLMSG_ERROR) {
					take_error(&rx, m);
					done = true;
				} else if (m->nlmsg_type == rx.family) {
					take_reply(&rx, m);
				}
			}
		}
	}
	if (rx.bad) {
		fprintf(stderr, "nitroctl: the reply failed authentication\n");
		goto out;
	}
	if (!rep->rejected && !rx.got_reply) {
		fprintf(stderr, "nitroctl: no reply\n");
		goto out;
	}
	err = 0;
out:
	if (nl)
		mnl_socket_close(nl);
	return err;
}

void reply_free(struct reply *rep)
{
	free(rep->body);
	rep->body = NULL;
}
