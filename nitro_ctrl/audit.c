// SPDX-License-Identifier: GPL-2.0
/*
 * The audit log. For now every record goes to the kernel log; the
 * hash-chained, anchored log of Documentation/audit.rst replaces this.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/printk.h>

#include "audit.h"

void nitro_audit_record(u32 principal, const char *op, const char *object,
			int result)
{
	pr_info("audit: principal=%u op=%s object=%s result=%d\n",
		principal, op, object ? object : "-", result);
}
