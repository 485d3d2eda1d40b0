/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _NITRO_CTRL_PROVISION_H
#define _NITRO_CTRL_PROVISION_H

#include <linux/uuid.h>

#define NITRO_PERSONALITY_NAME_MAX	15

int nitro_provision_check(const guid_t *uuid, const char *personality);
void nitro_provision_clear(void);

#endif /* _NITRO_CTRL_PROVISION_H */
