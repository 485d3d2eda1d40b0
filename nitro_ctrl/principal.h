/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _NITRO_CTRL_PRINCIPAL_H
#define _NITRO_CTRL_PRINCIPAL_H

#include <linux/list.h>
#include <linux/types.h>

#include "nitro_genl.h"

struct crypto_aead;
struct key;

/* Reserved ids: 0 is the controller itself in audit records. */
#define NITRO_PRINCIPAL_MIN	1
#define NITRO_PRINCIPALS_MAX	64

struct nitro_principal {
	struct list_head node;
	u32 id;
	u32 roles;		/* enum nitro_role mask */
	u64 last_seq;		/* of the last request it was allowed */
	struct crypto_aead *tfm;
	struct key *key;	/* the logon key in the controller's keyring */
};

int nitro_principals_init(void);
void nitro_principals_exit(void);

struct nitro_principal *nitro_principal_find(u32 id);
int nitro_principal_add(u32 id, u32 roles, const u8 key[NITRO_ENV_KEY_LEN]);
int nitro_principal_del(u32 id);
int nitro_principal_set_roles(u32 id, u32 roles);
unsigned int nitro_principal_count(void);
int nitro_principal_keyring_lookup(u32 id, u8 key[NITRO_ENV_KEY_LEN]);
int nitro_replay_check(const struct nitro_principal *p, u64 seq);
void nitro_replay_commit(struct nitro_principal *p, u64 seq);

/* Walk for listings; the caller holds the API lock. */
extern struct list_head nitro_principal_list;

#endif /* _NITRO_CTRL_PRINCIPAL_H */
