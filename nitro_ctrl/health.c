// SPDX-License-Identifier: GPL-2.0
/*
 * Component health: once a component is ready the controller asks for its
 * identity (GET_INFO), then keeps asking whether it is alive (PING). An answer
 * that does not say what was asked is an anomaly; no answer at all marks the
 * component failed (nitro_mbox_call()).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/ctype.h>
#include <linux/random.h>
#include <linux/string.h>

#include "mbox.h"

static bool nitro_mbox_info_valid(const struct nitro_mbox_info *info)
{
	size_t i, len = strnlen(info->build_id, sizeof(info->build_id));
	u16 kind = le16_to_cpu(info->kind);

	if (kind < NITRO_COMPONENT_SEC || kind > NITRO_COMPONENT_ENA ||
	    le16_to_cpu(info->abi) != NITRO_MBOX_VERSION)
		return false;
	for (i = 0; i < sizeof(info->build_id); i++) {
		if (i < len ? !isgraph(info->build_id[i]) : info->build_id[i])
			return false;
	}
	return !memchr_inv(info->rsvd, 0, sizeof(info->rsvd));
}

static int nitro_mbox_get_info(struct nitro_mbox *mb)
{
	struct nitro_mbox_cpl cpl;
	struct nitro_mbox_info info;
	unsigned long flags;
	int err;

	err = nitro_mbox_call(mb, NITRO_MBOX_OP_GET_INFO, NULL, 0, &cpl, 0);
	if (err)
		return err;
	memcpy(&info, cpl.payload, sizeof(info));
	if (le32_to_cpu(cpl.len) != sizeof(info) || !nitro_mbox_info_valid(&info)) {
		nitro_mbox_anomaly(mb, NITRO_MBOX_DROP_MALFORMED,
				   le32_to_cpu(cpl.tag), "bad GET_INFO answer");
		return -EPROTO;
	}

	spin_lock_irqsave(&mb->lock, flags);
	mb->info = info;
	mb->have_info = true;
	spin_unlock_irqrestore(&mb->lock, flags);
	return 0;
}

/* A round trip whose answer must echo a cookie nobody could predict. */
int nitro_mbox_ping(struct nitro_mbox *mb, unsigned int timeout_ms)
{
	struct nitro_mbox_ping ping = { .cookie = cpu_to_le64(get_random_u64()) };
	struct nitro_mbox_cpl cpl;
	int err;

	err = nitro_mbox_call(mb, NITRO_MBOX_OP_PING, &ping, sizeof(ping),
			      &cpl, timeout_ms);
	if (err)
		return err;
	if (le32_to_cpu(cpl.len) != sizeof(ping) ||
	    memcmp(cpl.payload, &ping, sizeof(ping))) {
		nitro_mbox_anomaly(mb, NITRO_MBOX_DROP_MALFORMED,
				   le32_to_cpu(cpl.tag), "PING echo mismatch");
		return -EPROTO;
	}
	return 0;
}

void nitro_mbox_health_work(struct work_struct *work)
{
	struct nitro_mbox *mb = container_of(to_delayed_work(work),
					     struct nitro_mbox, health);
	enum nitro_mbox_state state;
	bool have_info;

	spin_lock_irq(&mb->lock);
	have_info = mb->have_info;
	spin_unlock_irq(&mb->lock);

	if (!have_info)
		nitro_mbox_get_info(mb);
	else
		nitro_mbox_ping(mb, 0);
	nitro_mbox_replenish(mb);

	nitro_mbox_snapshot(mb, NULL, &state, NULL);
	if (state == NITRO_MBOX_LIVE)
		queue_delayed_work(system_wq, &mb->health,
				   msecs_to_jiffies(NITRO_MBOX_HEARTBEAT_MS));
}
