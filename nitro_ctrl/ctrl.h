/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _NITRO_CTRL_CTRL_H
#define _NITRO_CTRL_CTRL_H

struct kobject;
struct device;
struct dentry;

#define NITRO_CTRL_VERSION	"0.1.0"

struct device *nitro_ctrl_device(void);
struct kobject *nitro_ctrl_mbox_kobj(void);

#ifdef NITRO_TEST_HOOKS
int nitro_testhooks_init(void);
void nitro_testhooks_exit(void);
int nitro_testhooks_sec_init(struct dentry *dir);
void nitro_testhooks_sec_exit(void);
void nitro_testhooks_nvme_init(struct dentry *dir);
void nitro_testhooks_uevent_init(struct dentry *dir);
#else
static inline int nitro_testhooks_init(void) { return 0; }
static inline void nitro_testhooks_exit(void) { }
#endif

#endif /* _NITRO_CTRL_CTRL_H */
