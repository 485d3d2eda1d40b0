/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _NITRO_CTRL_AUDIT_H
#define _NITRO_CTRL_AUDIT_H

#include <linux/types.h>

/* The controller itself (mailbox anomalies, host-side events). */
#define NITRO_PRINCIPAL_CTRL	0

/*
 * Append one record to the audit log: who (principal id), what operation,
 * on which object, and the result (0 or a negative errno). Never sleeps.
 */
void nitro_audit_record(u32 principal, const char *op, const char *object,
			int result);

#endif /* _NITRO_CTRL_AUDIT_H */
