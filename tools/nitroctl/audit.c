// SPDX-License-Identifier: GPL-2.0
/*
 * nitroctl audit read|ack|verify (Documentation/nitroctl.rst): the hash
 * chain, and the anchors nitro_sec signed over it.
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

#include "nitroctl.h"

struct audit_page {
	uint64_t first_seq, next_seq, acked_seq, overflow;
	uint32_t count, capacity;
	uint8_t head[32];
	struct audit_rec *recs;
	size_t n;
	struct audit_anchor *anchors;
	size_t nr_anchors;
};

static void audit_fetch(uint64_t from, uint32_t count, struct audit_page *pg)
{
	const struct nlattr *a, *tb[NITRO_P_MAX + 1];
	struct abuf req = {};
	struct reply rep;

	if (from)
		abuf_u64(&req, NITRO_P_SEQ, from);
	abuf_u32(&req, NITRO_P_COUNT, count);
	call(NITRO_OP_AUDIT_READ, &req, &rep);
	attrs(rep.body, rep.body_len, tb);
	pg->first_seq = u64a(tb[NITRO_P_FIRST_SEQ]);
	pg->next_seq = u64a(tb[NITRO_P_SEQ]);
	pg->acked_seq = u64a(tb[NITRO_P_ACKED_SEQ]);
	pg->overflow = u64a(tb[NITRO_P_OVERFLOW]);
	pg->count = u32a(tb[NITRO_P_COUNT]);
	pg->capacity = u32a(tb[NITRO_P_CAPACITY]);
	if (!tb[NITRO_P_HASH] || mnl_attr_get_payload_len(tb[NITRO_P_HASH]) != 32)
		die(EXIT_LOCAL, "audit read: no head hash in the reply");
	memcpy(pg->head, mnl_attr_get_payload(tb[NITRO_P_HASH]), 32);
	pg->n = 0;
	pg->recs = NULL;
	for_each_entry(a, &rep, NITRO_P_ENTRY) {
		const struct nlattr *r[NITRO_P_MAX + 1];
		struct audit_rec *x;

		attrs(mnl_attr_get_payload(a), mnl_attr_get_payload_len(a), r);
		pg->recs = realloc(pg->recs, (pg->n + 1) * sizeof(*pg->recs));
		if (!pg->recs)
			die(EXIT_LOCAL, "out of memory");
		x = &pg->recs[pg->n++];
		memset(x, 0, sizeof(*x));
		if (!r[NITRO_P_PREV_HASH] || !r[NITRO_P_HASH] ||
		    mnl_attr_get_payload_len(r[NITRO_P_PREV_HASH]) != 32 ||
		    mnl_attr_get_payload_len(r[NITRO_P_HASH]) != 32)
			die(EXIT_LOCAL, "audit read: a record without hashes");
		x->seq = u64a(r[NITRO_P_SEQ]);
		x->time = u64a(r[NITRO_P_TIME]);
		x->principal = u32a(r[NITRO_P_PRINCIPAL]);
		x->result = (int32_t)u32a(r[NITRO_P_RESULT]);
		snprintf(x->op, sizeof(x->op), "%s", stra(r[NITRO_P_OP]));
		snprintf(x->object, sizeof(x->object), "%s", stra(r[NITRO_P_OBJECT]));
		memcpy(x->prev, mnl_attr_get_payload(r[NITRO_P_PREV_HASH]), 32);
		memcpy(x->hash, mnl_attr_get_payload(r[NITRO_P_HASH]), 32);
	}
	pg->anchors = NULL;
	pg->nr_anchors = 0;
	for_each_entry(a, &rep, NITRO_P_ANCHOR) {
		const struct nlattr *r[NITRO_P_MAX + 1];
		struct audit_anchor *x;

		attrs(mnl_attr_get_payload(a), mnl_attr_get_payload_len(a), r);
		if (!r[NITRO_P_SEQ] || !r[NITRO_P_HASH] || !r[NITRO_P_SIGNATURE] ||
		    mnl_attr_get_payload_len(r[NITRO_P_HASH]) != 32 ||
		    mnl_attr_get_payload_len(r[NITRO_P_SIGNATURE]) != 32)
			die(EXIT_LOCAL, "audit read: a malformed anchor");
		pg->anchors = realloc(pg->anchors,
				      (pg->nr_anchors + 1) * sizeof(*pg->anchors));
		if (!pg->anchors)
			die(EXIT_LOCAL, "out of memory");
		x = &pg->anchors[pg->nr_anchors++];
		x->seq = u64a(r[NITRO_P_SEQ]);
		memcpy(x->hash, mnl_attr_get_payload(r[NITRO_P_HASH]), 32);
		memcpy(x->mac, mnl_attr_get_payload(r[NITRO_P_SIGNATURE]), 32);
	}
	reply_free(&rep);
}

/*
 * Every record kept, oldest first, with the head hash of the read that
 * reached the end. Each read is itself audited, after its reply: a later
 * read sees the earlier ones.
 */
static struct audit_rec *audit_fetch_all(size_t *n, struct audit_page *last,
					struct audit_anchor **anchors,
					size_t *nr_anchors)
{
	struct audit_rec *all = NULL;
	uint64_t from = 0;
	struct audit_page pg;
	size_t i;

	*n = 0;
	*anchors = NULL;
	*nr_anchors = 0;
	for (;;) {
		audit_fetch(from, NITRO_AUDIT_READ_MAX, &pg);
		all = realloc(all, (*n + pg.n + 1) * sizeof(*all));
		*anchors = realloc(*anchors, (*nr_anchors + pg.nr_anchors + 1) *
					     sizeof(**anchors));
		if (!all || !*anchors)
			die(EXIT_LOCAL, "out of memory");
		memcpy(all + *n, pg.recs, pg.n * sizeof(*all));
		*n += pg.n;
		/* Pages overlap by the anchor before each: keep each once. */
		for (i = 0; i < pg.nr_anchors; i++)
			if (!*nr_anchors ||
			    pg.anchors[i].seq > (*anchors)[*nr_anchors - 1].seq)
				(*anchors)[(*nr_anchors)++] = pg.anchors[i];
		free(pg.recs);
		free(pg.anchors);
		*last = pg;
		last->recs = NULL;
		last->anchors = NULL;
		if (pg.n < NITRO_AUDIT_READ_MAX)
			break;
		from = all[*n - 1].seq + 1;
	}
	return all;
}

static int cmd_audit_read(int argc, char **argv)
{
	static const char *const known[] = { "--from", "--count", NULL };
	const char *from = opt(argc, argv, "--from"), *count = opt(argc, argv, "--count");
	struct audit_page pg;
	char h[65], p[65];
	size_t i;

	only(argc, argv, 0, known);
	audit_fetch(from ? num(from, "seq", UINT64_MAX) : 0,
		    count ? num(count, "count", NITRO_AUDIT_READ_MAX) :
			    NITRO_AUDIT_READ_MAX, &pg);
	hex(pg.head, 32, h);
	if (json)
		printf("{\"first_seq\":%" PRIu64 ",\"next_seq\":%" PRIu64 ",\"acked_seq\":%" PRIu64
		       ",\"kept\":%u,\"capacity\":%u,\"overflow\":%" PRIu64 ",\"head\":\"%s\",\"records\":[",
		       pg.first_seq, pg.next_seq, pg.acked_seq, pg.count,
		       pg.capacity, pg.overflow, h);
	else
		printf("# records %" PRIu64 "..%" PRIu64 " kept (%u of %u), acked up to %" PRIu64
		       ", overflow %" PRIu64 "\n",
		       pg.first_seq, pg.next_seq - 1, pg.count, pg.capacity,
		       pg.acked_seq, pg.overflow);
	for (i = 0; i < pg.n; i++) {
		struct audit_rec *r = &pg.recs[i];

		hex(r->hash, 32, h);
		hex(r->prev, 32, p);
		if (json) {
			printf("%s{\"seq\":%" PRIu64 ",\"time\":%" PRIu64 ",\"principal\":%u,\"op\":",
			       i ? "," : "", r->seq, r->time, r->principal);
			json_str(r->op);
			printf(",\"object\":");
			json_str(r->object);
			printf(",\"result\":%d,\"prev_hash\":\"%s\",\"hash\":\"%s\"}",
			       r->result, p, h);
		} else {
			printf("%-8" PRIu64 " %" PRIu64 ".%09" PRIu64 " principal=%u %s %s result=%d%s%s\n",
			       r->seq, r->time / 1000000000, r->time % 1000000000,
			       r->principal, r->op, r->object, r->result,
			       r->result ? " " : "", r->result ? errname(r->result) : "");
		}
	}
	if (json)
		printf("],\"anchors\":[");
	for (i = 0; i < pg.nr_anchors; i++) {
		char m[65];

		hex(pg.anchors[i].hash, 32, h);
		hex(pg.anchors[i].mac, 32, m);
		if (json)
			printf("%s{\"seq\":%" PRIu64 ",\"hash\":\"%s\",\"mac\":\"%s\"}",
			       i ? "," : "", pg.anchors[i].seq, h, m);
		else
			printf("# anchor seq %" PRIu64 " hash %s mac %s\n",
			       pg.anchors[i].seq, h, m);
	}
	if (json)
		printf("]}\n");
	free(pg.recs);
	free(pg.anchors);
	return 0;
}

static int cmd_audit_ack(int argc, char **argv)
{
	struct abuf req = {};

	only(argc, argv, 1, NULL);
	abuf_u64(&req, NITRO_P_SEQ, num(pos(argc, argv, 0), "seq", UINT64_MAX));
	ok_plain(NITRO_OP_AUDIT_ACK, &req);
	return 0;
}

/* Record @i does not have the sequence number that should follow. */
static const char *seq_why(const struct audit_rec *recs, size_t n, size_t i)
{
	uint64_t want = recs[i - 1].seq + 1;
	size_t j;

	if (recs[i].seq < want)
		return "inserted (a sequence number repeats or goes back)";
	for (j = i + 1; j < n; j++)
		if (recs[j].seq == want)
			return "reordered (a record comes before its turn)";
	return "removed (a gap in the sequence numbers)";
}

/*
 * What nitro_sec signed for an anchor (struct nitro_sec_anchor_msg):
 * "NITROANC" | le32 1 | le32 0 | le64 seq | hash[32].
 */
static void anchor_mac(const uint8_t *key, size_t key_len,
		       const struct audit_anchor *a, uint8_t mac[32])
{
	uint8_t msg[56] = "NITROANC";
	uint64_t seq = htole64(a->seq);
	uint32_t one = htole32(1);
	unsigned int len = 32;

	memcpy(msg + 8, &one, 4);
	memcpy(msg + 16, &seq, 8);
	memcpy(msg + 24, a->hash, 32);
	if (!HMAC(EVP_sha256(), key, key_len, msg, sizeof(msg), mac, &len) ||
	    len != 32)
		die(EXIT_LOCAL, "HMAC-SHA256 failed");
}

/*
 * Each anchor must name the hash its record has (or, for the record before
 * the first kept, the first one's prev hash), and with the device key its
 * MAC must verify. Return: NULL, or why not; *bad is the anchor's seq.
 */
static const char *anchors_check(const struct audit_rec *recs, size_t n,
				 const struct audit_anchor *an, size_t nr,
				 const uint8_t *key, size_t key_len,
				 uint64_t *bad, size_t *checked)
{
	uint8_t mac[32];
	const uint8_t *want;
	size_t i;

	*checked = 0;
	for (i = 0; i < nr; i++) {
		*bad = an[i].seq;
		if (!n || an[i].seq + 1 < recs[0].seq ||
		    an[i].seq > recs[n - 1].seq)
			continue;	/* its record is gone: nothing to compare */
		want = an[i].seq + 1 == recs[0].seq ? recs[0].prev :
			recs[an[i].seq - recs[0].seq].hash;
		if (memcmp(want, an[i].hash, 32))
			return "an anchor does not match the record it covers (log rewritten)";
		if (key) {
			anchor_mac(key, key_len, &an[i], mac);
			if (CRYPTO_memcmp(mac, an[i].mac, 32))
				return "an anchor's signature does not verify (forged, or not this device's key)";
		}
		(*checked)++;
	}
	if (key && !*checked) {
		*bad = n ? recs[n - 1].seq : 0;
		return "no signed anchor covers the records (is the device key installed in nitro_sec?)";
	}
	return NULL;
}

/* The device key as installed in nitro_sec (keyctl padd logon nitro:device). */
static size_t device_key_from_file(const char *path, uint8_t *key, size_t max)
{
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		die(EXIT_LOCAL, "device key file %s: %s", path, strerror(errno));
	n = read(fd, key, max);
	close(fd);
	if (n < 32 || (size_t)n >= max)
		die(EXIT_LOCAL, "device key file %s: want 32 to %zu bytes", path,
		    max - 1);
	return n;
}

static int cmd_audit_verify(int argc, char **argv)
{
	static const char *const known[] = { "--device-key-file", NULL };
	const char *kf = opt(argc, argv, "--device-key-file");
	uint8_t h[32], key[4097];
	struct audit_anchor *an;
	struct audit_page last;
	struct audit_rec *recs;
	const char *why = NULL;
	size_t n, i, bad = 0, nr_an, checked = 0, key_len = 0;
	uint64_t bad_seq = 0;

	only(argc, argv, 0, known);
	if (kf)
		key_len = device_key_from_file(kf, key, sizeof(key));
	recs = audit_fetch_all(&n, &last, &an, &nr_an);
	for (i = 0; i < n && !why; i++) {
		bad = i;
		audit_hash(&recs[i], h);
		if (memcmp(h, recs[i].hash, 32))
			why = "altered (its hash does not match its content)";
		else if (i && recs[i].seq != recs[i - 1].seq + 1)
			why = seq_why(recs, n, i);
		else if (!i && recs[i].seq != last.first_seq)
			why = "removed at the start (the first record is not the oldest kept)";
		else if (i && memcmp(recs[i].prev, recs[i - 1].hash, 32))
			why = "chain broken (its prev hash is not the previous record's hash)";
		else if (recs[i].seq == 1 && memcmp(recs[i].prev, (uint8_t[32]){}, 32))
			why = "the first record does not start the chain";
	}
	if (!why && n && memcmp(recs[n - 1].hash, last.head, 32)) {
		bad = n - 1;
		why = "removed at the end (the newest record is not the head)";
	}
	if (!why && !n && last.first_seq != last.next_seq)
		why = "records missing";
	bad_seq = n ? recs[bad].seq : 0;
	/* The chain is consistent: is it the one nitro_sec anchored? */
	if (!why)
		why = anchors_check(recs, n, an, nr_an, kf ? key : NULL, key_len,
				    &bad_seq, &checked);
	explicit_bzero(key, sizeof(key));
	if (why) {
		if (json)
			printf("{\"ok\":false,\"records\":%zu,\"bad_seq\":%" PRIu64 ",\"reason\":\"%s\"}\n",
			       n, bad_seq, why);
		else
			printf("audit log TAMPERED at seq %" PRIu64 ": %s\n",
			       bad_seq, why);
		free(recs);
		free(an);
		return EXIT_TAMPERED;
	}
	if (json)
		printf("{\"ok\":true,\"records\":%zu,\"first_seq\":%" PRIu64 ",\"last_seq\":%" PRIu64
		       ",\"anchors\":%zu,\"anchored_seq\":%" PRIu64 ",\"signatures\":\"%s\"}\n",
		       n, n ? recs[0].seq : 0, n ? recs[n - 1].seq : 0, checked,
		       checked ? an[nr_an - 1].seq : 0, kf ? "verified" : "unchecked");
	else
		printf("audit log intact: %zu records, seq %" PRIu64 "..%" PRIu64
		       "; %zu anchors%s%s\n",
		       n, n ? recs[0].seq : 0, n ? recs[n - 1].seq : 0, checked,
		       kf ? ", signatures verified" : "",
		       kf || !checked ? "" : " (signatures not checked: no --device-key-file)");
	free(recs);
	free(an);
	return 0;
}

const struct cmd audit_cmds[] = {
	{ "audit", "read", cmd_audit_read, "[--from SEQ] [--count N]",
	  "Print audit records (at most 64 per call), oldest first." },
	{ "audit", "ack", cmd_audit_ack, "SEQ",
	  "Acknowledge records up to SEQ: the controller may drop them." },
	{ "audit", "verify", cmd_audit_verify, "[--device-key-file FILE]",
	  "Read every record kept and check the hash chain and the anchors\n"
	  "nitro_sec signed over it: exit 4 if any record was removed, reordered,\n"
	  "inserted or altered, or the log was rewritten. With FILE, the device\n"
	  "key installed in nitro_sec, every anchor's HMAC is checked too, and at\n"
	  "least one must cover the records kept." },
};

const size_t nr_audit_cmds = sizeof(audit_cmds) / sizeof(audit_cmds[0]);
