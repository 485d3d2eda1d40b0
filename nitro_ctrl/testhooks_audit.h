/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _NITRO_CTRL_TESTHOOKS_AUDIT_H
#define _NITRO_CTRL_TESTHOOKS_AUDIT_H

#ifdef NITRO_TEST_HOOKS
void nitro_testhooks_audit_init(void);
void nitro_testhooks_audit_exit(void);
#else
static inline void nitro_testhooks_audit_init(void) { }
static inline void nitro_testhooks_audit_exit(void) { }
#endif

#endif /* _NITRO_CTRL_TESTHOOKS_AUDIT_H */
