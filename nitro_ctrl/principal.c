// SPDX-License-Identifier: GPL-2.0
/*
 * Principals: who may call the API, with which roles and which key.
 *
 * A principal's key is an AES-256 key held as a `logon` key (userspace can
 * add such a key, never read it back) in the controller's own keyring,
 * ".nitro_principals", which is linked to no user keyring. The key enters
 * it either from the caller's keyrings (bootstrap, or PRINCIPAL_ADD without
 * a key attribute: "logon" key "nitro:principal:<id>") or inside an admin's
 * sealed PRINCIPAL_ADD. The AEAD transform keyed with it is kept per
 * principal.
 *
 * Every function here runs under the API lock (api.c), which serializes
 * every request; the list is never touched from any other context.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <keys/user-type.h>
#include <linux/cred.h>
#include <linux/err.h>
#include <linux/key.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "api.h"
#include "envelope.h"
#include "principal.h"

LIST_HEAD(nitro_principal_list);
static unsigned int nitro_principal_nr;
static struct key *nitro_principal_keyring;

#define NITRO_KEY_DESC_FMT	"nitro:principal:%u"
#define NITRO_KEY_DESC_MAX	32

int nitro_principals_init(void)
{
	struct key *kr;

	kr = keyring_alloc(".nitro_principals", GLOBAL_ROOT_UID, GLOBAL_ROOT_GID,
			   current_cred(),
			   KEY_POS_VIEW | KEY_POS_SEARCH | KEY_POS_WRITE |
			   KEY_POS_LINK | KEY_USR_VIEW,
			   KEY_ALLOC_NOT_IN_QUOTA, NULL, NULL);
	if (IS_ERR(kr))
		return PTR_ERR(kr);
	nitro_principal_keyring = kr;
	return 0;
}

static void nitro_principal_free(struct nitro_principal *p)
{
	nitro_env_tfm_free(p->tfm);
	if (p->key) {
		key_revoke(p->key);
		key_put(p->key);
	}
	kfree(p);
}

void nitro_principals_exit(void)
{
	struct nitro_principal *p, *tmp;

	list_for_each_entry_safe(p, tmp, &nitro_principal_list, node) {
		list_del(&p->node);
		nitro_principal_free(p);
	}
	nitro_principal_nr = 0;
	if (nitro_principal_keyring) {
		key_revoke(nitro_principal_keyring);
		key_put(nitro_principal_keyring);
		nitro_principal_keyring = NULL;
	}
}

struct nitro_principal *nitro_principal_find(u32 id)
{
	struct nitro_principal *p;

	nitro_api_assert_locked();
	list_for_each_entry(p, &nitro_principal_list, node)
		if (p->id == id)
			return p;
	return NULL;
}

unsigned int nitro_principal_count(void)
{
	nitro_api_assert_locked();
	return nitro_principal_nr;
}

/**
 * nitro_principal_add() - register a principal
 * @id: its id, NITRO_PRINCIPAL_MIN or more
 * @roles: enum nitro_role mask, possibly 0 (it can then do nothing)
 * @key: its AES-256 key
 *
 * Return: 0; -EINVAL for a bad id or unknown role bits; -EEXIST; -ENOSPC
 * when NITRO_PRINCIPALS_MAX exist; -ENOMEM or the crypto/keyring error.
 */
int nitro_principal_add(u32 id, u32 roles, const u8 key[NITRO_ENV_KEY_LEN])
{
	char desc[NITRO_KEY_DESC_MAX];
	struct nitro_principal *p;
	key_ref_t kref;
	int err;

	nitro_api_assert_locked();
	if (id < NITRO_PRINCIPAL_MIN || roles & ~NITRO_ROLES_ALL)
		return -EINVAL;
	if (nitro_principal_find(id))
		return -EEXIST;
	if (nitro_principal_nr >= NITRO_PRINCIPALS_MAX)
		return -ENOSPC;

	p = kzalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	p->id = id;
	p->roles = roles;
	p->tfm = nitro_env_tfm_alloc(key);
	if (IS_ERR(p->tfm)) {
		err = PTR_ERR(p->tfm);
		p->tfm = NULL;
		goto err_free;
	}

	snprintf(desc, sizeof(desc), NITRO_KEY_DESC_FMT, id);
	kref = key_create_or_update(make_key_ref(nitro_principal_keyring, true),
				    "logon", desc, key, NITRO_ENV_KEY_LEN,
				    KEY_POS_VIEW | KEY_POS_SEARCH | KEY_USR_VIEW,
				    KEY_ALLOC_NOT_IN_QUOTA);
	if (IS_ERR(kref)) {
		err = PTR_ERR(kref);
		goto err_free;
	}
	p->key = key_ref_to_ptr(kref);

	list_add_tail(&p->node, &nitro_principal_list);
	nitro_principal_nr++;
	return 0;

err_free:
	nitro_principal_free(p);
	return err;
}

/* Return: 0 or -ENOENT. The key is revoked: it can never be used again. */
int nitro_principal_del(u32 id)
{
	struct nitro_principal *p;

	p = nitro_principal_find(id);
	if (!p)
		return -ENOENT;
	list_del(&p->node);
	nitro_principal_nr--;
	nitro_principal_free(p);
	return 0;
}

/* Return: 0, -ENOENT, -EINVAL for unknown role bits. */
int nitro_principal_set_roles(u32 id, u32 roles)
{
	struct nitro_principal *p;

	if (roles & ~NITRO_ROLES_ALL)
		return -EINVAL;
	p = nitro_principal_find(id);
	if (!p)
		return -ENOENT;
	p->roles = roles;
	return 0;
}

/**
 * nitro_principal_keyring_lookup() - a principal's key from the caller
 * @id: the principal
 * @key: receives the key
 *
 * Searches the calling process's keyrings for the logon key
 * "nitro:principal:<id>", as added with add_key(2) or keyctl(1).
 *
 * Return: 0, -ENOKEY if there is none (or it is revoked, expired or not
 * searchable), -EINVAL if it is not NITRO_ENV_KEY_LEN bytes.
 */
int nitro_principal_keyring_lookup(u32 id, u8 key[NITRO_ENV_KEY_LEN])
{
	const struct user_key_payload *up;
	char desc[NITRO_KEY_DESC_MAX];
	struct key *k;
	int err = 0;

	snprintf(desc, sizeof(desc), NITRO_KEY_DESC_FMT, id);
	k = request_key(&key_type_logon, desc, NULL);
	if (IS_ERR(k))
		return -ENOKEY;
	down_read(&k->sem);
	up = user_key_payload_locked(k);
	if (!up)
		err = -ENOKEY;
	else if (up->datalen != NITRO_ENV_KEY_LEN)
		err = -EINVAL;
	else
		memcpy(key, up->data, NITRO_ENV_KEY_LEN);
	up_read(&k->sem);
	key_put(k);
	return err;
}

/*
 * Anti-replay: a principal's sequence numbers strictly increase. A request
 * with a sequence at or below the last one allowed is a replay or came out
 * of order; either way it is refused.
 *
 * Return: 0 or -ESTALE.
 */
int nitro_replay_check(const struct nitro_principal *p, u64 seq)
{
	return seq > p->last_seq ? 0 : -ESTALE;
}

void nitro_replay_commit(struct nitro_principal *p, u64 seq)
{
	nitro_api_assert_locked();
	p->last_seq = seq;
}
