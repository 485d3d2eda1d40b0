// SPDX-License-Identifier: GPL-2.0
/*
 * Measurement of the components and the allowlist
 * (Documentation/security-module.rst, "Measurement").
 *
 * A loaded module's text is relocated, so its bytes differ from load to
 * load. What is fixed is its GNU build-id note: the linker computes it as a
 * SHA-1 over the whole image it wrote (Kbuild links modules with
 * --build-id=sha1), the module loader keeps it in the module's read-only
 * memory, and it can be read back from the .ko file with `readelf -n`. The
 * measurement is
 *
 *   SHA-256("NITRO-MEASURE-V1" || name[56] || le32 len || build-id[len])
 *
 * with the module name NUL-padded to 56 bytes: the same number comes out of
 * the running module and out of the .ko file an administrator allows.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <crypto/algapi.h>
#include <crypto/hash.h>
#include <linux/elf.h>
#include <linux/module.h>
#include <linux/string.h>
#include <linux/sysfs.h>

#include "sec.h"

#define NITRO_SEC_MEASURE_TAG	"NITRO-MEASURE-V1"
#define NITRO_SEC_NT_GNU_BUILD_ID	3	/* ELF note type, from the GNU ABI */

/*
 * Find the GNU build-id in a buffer of ELF notes.
 *
 * Return: 0 with @desc pointing into @notes, -ENOENT if there is none,
 * -EINVAL for a malformed note.
 */
int nsec_note_build_id(const void *notes, size_t size, const u8 **desc,
		       u32 *desc_len)
{
	const u8 *p = notes;
	size_t off = 0;

	while (size - off >= sizeof(struct elf32_note)) {
		const struct elf32_note *nh = (const void *)(p + off);
		size_t name_sz = ALIGN((size_t)nh->n_namesz, 4);
		size_t desc_sz = ALIGN((size_t)nh->n_descsz, 4);

		off += sizeof(*nh);
		if (name_sz > size - off || desc_sz > size - off - name_sz)
			return -EINVAL;
		if (nh->n_type == NITRO_SEC_NT_GNU_BUILD_ID && nh->n_namesz == 4 &&
		    !memcmp(p + off, "GNU", 4)) {
			if (!nh->n_descsz || nh->n_descsz > 64)
				return -EINVAL;
			*desc = p + off + name_sz;
			*desc_len = nh->n_descsz;
			return 0;
		}
		off += name_sz + desc_sz;
	}
	return -ENOENT;
}

int nsec_measure(const char *modname, const u8 *build_id, u32 build_id_len,
		 u8 digest[NITRO_SEC_DIGEST_LEN])
{
	char name[NITRO_SEC_MODNAME_LEN] = {};
	__le32 len = cpu_to_le32(build_id_len);
	struct crypto_shash *tfm;
	int err;

	if (strscpy(name, modname, sizeof(name)) < 0)
		return -EINVAL;
	tfm = crypto_alloc_shash("sha256", 0, 0);
	if (IS_ERR(tfm))
		return PTR_ERR(tfm);
	{
		SHASH_DESC_ON_STACK(desc, tfm);

		desc->tfm = tfm;
		err = crypto_shash_init(desc);
		if (!err)
			err = crypto_shash_update(desc, NITRO_SEC_MEASURE_TAG,
						  strlen(NITRO_SEC_MEASURE_TAG));
		if (!err)
			err = crypto_shash_update(desc, name, sizeof(name));
		if (!err)
			err = crypto_shash_update(desc, (u8 *)&len, sizeof(len));
		if (!err)
			err = crypto_shash_update(desc, build_id, build_id_len);
		if (!err)
			err = crypto_shash_final(desc, digest);
		shash_desc_zero(desc);
	}
	crypto_free_shash(tfm);
	return err;
}

#if IS_ENABLED(CONFIG_MODULES) && IS_ENABLED(CONFIG_KALLSYMS)
/*
 * The module loader keeps every SHT_NOTE section as a sysfs attribute of
 * the module (/sys/module/<name>/notes/), whose private pointer is the
 * section in the module's memory. The container is private to
 * kernel/module/sysfs.c; this is its layout in 6.1. The pointer is only
 * believed if the whole section lies inside the module's own image.
 */
struct nitro_sec_module_notes {
	struct kobject *dir;
	unsigned int notes;
	struct bin_attribute attrs[];
};

static int nsec_module_build_id(struct module *mod, const u8 **desc,
				u32 *desc_len)
{
	const struct nitro_sec_module_notes *n = (const void *)mod->notes_attrs;
	unsigned int i;

	if (!n)
		return -ENOENT;
	for (i = 0; i < n->notes; i++) {
		const struct bin_attribute *a = &n->attrs[i];
		unsigned long start = (unsigned long)a->private;

		if (!a->attr.name || strcmp(a->attr.name, ".note.gnu.build-id"))
			continue;
		if (!a->size || !within_module_core(start, mod) ||
		    !within_module_core(start + a->size - 1, mod))
			return -EINVAL;
		return nsec_note_build_id(a->private, a->size, desc,
					  desc_len);
	}
	return -ENOENT;
}
#else
static int nsec_module_build_id(struct module *mod, const u8 **desc,
				u32 *desc_len)
{
	return -EOPNOTSUPP;
}
#endif

/* Return: 0, or why @mod cannot be measured (built-in code cannot). */
int nsec_measure_module(struct module *mod, u8 digest[NITRO_SEC_DIGEST_LEN])
{
	const u8 *build_id;
	u32 len;
	int err;

	if (!mod)
		return -ENOENT;
	err = nsec_module_build_id(mod, &build_id, &len);
	if (err)
		return err;
	return nsec_measure(module_name(mod), build_id, len, digest);
}

struct nitro_sec_component *
nsec_component_find_locked(struct nitro_sec *sec, struct module *owner)
{
	unsigned int i;

	lockdep_assert_held(&sec->lock);
	if (!owner)
		return NULL;
	for (i = 0; i < ARRAY_SIZE(sec->comps); i++)
		if (sec->comps[i].live && sec->comps[i].owner == owner)
			return &sec->comps[i];
	return NULL;
}

u32 nsec_component_count_locked(struct nitro_sec *sec)
{
	unsigned int i;
	u32 n = 0;

	lockdep_assert_held(&sec->lock);
	for (i = 0; i < ARRAY_SIZE(sec->comps); i++)
		n += sec->comps[i].live;
	return n;
}

/*
 * Record a registered component; @digest NULL means it could not be
 * measured, which leaves it unable to redeem anything.
 */
int nsec_component_add(struct nitro_sec *sec,
		       const struct nitro_component_id *id,
		       const u8 *digest)
{
	struct nitro_sec_component *c = NULL;
	unsigned int i;

	mutex_lock(&sec->lock);
	for (i = 0; i < ARRAY_SIZE(sec->comps) && !c; i++)
		if (!sec->comps[i].live)
			c = &sec->comps[i];
	if (!c) {
		mutex_unlock(&sec->lock);
		return -ENOSPC;
	}
	memset(c, 0, sizeof(*c));
	c->live = true;
	c->owner = id->owner;
	c->kind = id->kind;
	c->order = sec->next_order++;
	strscpy_pad(c->name, id->name, sizeof(c->name));
	strscpy_pad(c->module, id->owner ? module_name(id->owner) : "",
		    sizeof(c->module));
	strscpy_pad(c->build_id, id->build_id ? id->build_id : "",
		    sizeof(c->build_id));
	if (digest) {
		memcpy(c->digest, digest, sizeof(c->digest));
		c->measured = true;
	}
	mutex_unlock(&sec->lock);
	return 0;
}

void nsec_component_remove(struct nitro_sec *sec, struct module *owner,
			   const char *name)
{
	unsigned int i;

	mutex_lock(&sec->lock);
	for (i = 0; i < ARRAY_SIZE(sec->comps); i++) {
		struct nitro_sec_component *c = &sec->comps[i];

		if (c->live && c->owner == owner && !strcmp(c->name, name)) {
			memset(c, 0, sizeof(*c));
			break;
		}
	}
	mutex_unlock(&sec->lock);
}

bool nsec_component_allowed_locked(struct nitro_sec *sec,
				   const struct nitro_sec_component *c)
{
	unsigned int i;

	lockdep_assert_held(&sec->lock);
	if (!c->measured)
		return false;
	switch (sec->policy) {
	case NITRO_SEC_POLICY_BUILD:
		return !strncmp(c->build_id, sec->build_id, sizeof(c->build_id));
	case NITRO_SEC_POLICY_STRICT:
		for (i = 0; i < sec->nr_allow; i++)
			if (sec->allow[i].kind == c->kind &&
			    !memcmp(sec->allow[i].digest, c->digest,
				    NITRO_SEC_DIGEST_LEN))
				return true;
		return false;
	}
	return false;
}

/* Return: 0 (also for a pair already there), -EINVAL, -ENOSPC. */
int nsec_allow_add(struct nitro_sec *sec, const u8 *digest, u16 kind)
{
	unsigned int i;
	int err = 0;

	if (kind != NITRO_COMPONENT_NVME && kind != NITRO_COMPONENT_ENA)
		return -EINVAL;
	mutex_lock(&sec->lock);
	for (i = 0; i < sec->nr_allow; i++)
		if (sec->allow[i].kind == kind &&
		    !memcmp(sec->allow[i].digest, digest, NITRO_SEC_DIGEST_LEN))
			goto out_unlock;
	if (sec->nr_allow == ARRAY_SIZE(sec->allow)) {
		err = -ENOSPC;
		goto out_unlock;
	}
	sec->allow[sec->nr_allow].kind = kind;
	memcpy(sec->allow[sec->nr_allow].digest, digest, NITRO_SEC_DIGEST_LEN);
	sec->nr_allow++;
out_unlock:
	mutex_unlock(&sec->lock);
	return err;
}

void nsec_allow_clear(struct nitro_sec *sec)
{
	mutex_lock(&sec->lock);
	memset(sec->allow, 0, sizeof(sec->allow));
	sec->nr_allow = 0;
	mutex_unlock(&sec->lock);
}

int nsec_policy_set(struct nitro_sec *sec, u32 policy)
{
	if (policy != NITRO_SEC_POLICY_BUILD && policy != NITRO_SEC_POLICY_STRICT)
		return -EINVAL;
	mutex_lock(&sec->lock);
	sec->policy = policy;
	mutex_unlock(&sec->lock);
	return 0;
}

/* Copy the allowlist; Return: how many pairs, at most @max. */
u32 nsec_allow_list(struct nitro_sec *sec, struct nitro_sec_allow_req *out,
		    u32 max, u32 *policy)
{
	u32 i, n;

	mutex_lock(&sec->lock);
	n = min(sec->nr_allow, max);
	for (i = 0; i < n; i++) {
		memset(&out[i], 0, sizeof(out[i]));
		memcpy(out[i].digest, sec->allow[i].digest, NITRO_SEC_DIGEST_LEN);
		out[i].kind = cpu_to_le16(sec->allow[i].kind);
	}
	*policy = sec->policy;
	mutex_unlock(&sec->lock);
	return n;
}

/*
 * What the controller checks before it records a firmware change: the
 * component @name is registered, measured as @digest, and allowed.
 */
int nsec_component_check(struct nitro_sec *sec, const char *name,
			 const u8 digest[NITRO_SEC_DIGEST_LEN])
{
	struct nitro_sec_component *c = NULL;
	unsigned int i;
	int err;

	mutex_lock(&sec->lock);
	for (i = 0; i < ARRAY_SIZE(sec->comps) && !c; i++)
		if (sec->comps[i].live && !strcmp(sec->comps[i].name, name))
			c = &sec->comps[i];
	if (!c)
		err = -ENOENT;
	else if (!c->measured)
		err = -ENODATA;
	else if (crypto_memneq(c->digest, digest, NITRO_SEC_DIGEST_LEN))
		err = -EBADMSG;
	else if (!nsec_component_allowed_locked(sec, c))
		err = -EPERM;
	else
		err = 0;
	mutex_unlock(&sec->lock);
	return err;
}
