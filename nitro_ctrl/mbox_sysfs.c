// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/class/nitro/ctrl/mbox/<component>/: the read-only view the host gets
 * of each mailbox. One value per file; nothing here can be written.
 */
#include <linux/kobject.h>
#include <linux/slab.h>
#include <linux/sysfs.h>

#include "mbox.h"

static struct nitro_mbox *kobj_to_mbox(struct kobject *kobj)
{
	return container_of(kobj, struct nitro_mbox, kobj);
}

#define NITRO_MBOX_STAT_ATTR(_name, _expr)				\
static ssize_t _name##_show(struct kobject *kobj,			\
			    struct kobj_attribute *attr, char *buf)	\
{									\
	struct nitro_mbox_stats st;					\
									\
	nitro_mbox_snapshot(kobj_to_mbox(kobj), &st, NULL, NULL);	\
	return sysfs_emit(buf, "%llu\n", (unsigned long long)(_expr));	\
}									\
static struct kobj_attribute _name##_attr = __ATTR_RO(_name)

NITRO_MBOX_STAT_ATTR(posted, st.posted);
NITRO_MBOX_STAT_ATTR(completed, st.completed);
NITRO_MBOX_STAT_ATTR(timed_out, st.timed_out);
NITRO_MBOX_STAT_ATTR(aborted, st.aborted);
NITRO_MBOX_STAT_ATTR(events, st.events);
NITRO_MBOX_STAT_ATTR(outstanding, st.outstanding);
NITRO_MBOX_STAT_ATTR(ring_full, st.ring_full);
NITRO_MBOX_STAT_ATTR(bad_data, st.bad_data);
NITRO_MBOX_STAT_ATTR(dropped_unknown, st.dropped[NITRO_MBOX_DROP_UNKNOWN]);
NITRO_MBOX_STAT_ATTR(dropped_duplicate, st.dropped[NITRO_MBOX_DROP_DUPLICATE]);
NITRO_MBOX_STAT_ATTR(dropped_stale, st.dropped[NITRO_MBOX_DROP_STALE]);
NITRO_MBOX_STAT_ATTR(dropped_malformed, st.dropped[NITRO_MBOX_DROP_MALFORMED]);

static ssize_t state_show(struct kobject *kobj, struct kobj_attribute *attr,
			  char *buf)
{
	enum nitro_mbox_state state;

	nitro_mbox_snapshot(kobj_to_mbox(kobj), NULL, &state, NULL);
	return sysfs_emit(buf, "%s\n", nitro_mbox_state_name(state));
}

static struct kobj_attribute state_attr = __ATTR_RO(state);

static ssize_t alarm_show(struct kobject *kobj, struct kobj_attribute *attr,
			  char *buf)
{
	bool alarm;

	nitro_mbox_snapshot(kobj_to_mbox(kobj), NULL, NULL, &alarm);
	return sysfs_emit(buf, "%d\n", alarm);
}

static struct kobj_attribute alarm_attr = __ATTR_RO(alarm);

static ssize_t depth_show(struct kobject *kobj, struct kobj_attribute *attr,
			  char *buf)
{
	return sysfs_emit(buf, "%u\n", kobj_to_mbox(kobj)->cmdq.depth);
}

static struct kobj_attribute depth_attr = __ATTR_RO(depth);

static const char *const nitro_component_kinds[] = {
	[NITRO_COMPONENT_SEC]	= "sec",
	[NITRO_COMPONENT_NVME]	= "nvme",
	[NITRO_COMPONENT_ENA]	= "ena",
};

/* "<kind> <major>.<minor>.<patch> <build id>", or empty before GET_INFO. */
static ssize_t info_show(struct kobject *kobj, struct kobj_attribute *attr,
			 char *buf)
{
	struct nitro_mbox *mb = kobj_to_mbox(kobj);
	struct nitro_mbox_info info;
	bool have;
	u32 ver;

	spin_lock_irq(&mb->lock);
	have = mb->have_info;
	info = mb->info;
	spin_unlock_irq(&mb->lock);
	if (!have)
		return sysfs_emit(buf, "\n");

	/* Validated in health.c: kind is in range, build_id is printable. */
	ver = le32_to_cpu(info.version);
	return sysfs_emit(buf, "%s %u.%u.%u %.*s\n",
			  nitro_component_kinds[le16_to_cpu(info.kind)],
			  ver >> 16, (ver >> 8) & 0xff, ver & 0xff,
			  (int)sizeof(info.build_id), info.build_id);
}

static struct kobj_attribute info_attr = __ATTR_RO(info);

static struct attribute *nitro_mbox_attrs[] = {
	&state_attr.attr,
	&alarm_attr.attr,
	&info_attr.attr,
	&depth_attr.attr,
	&posted_attr.attr,
	&completed_attr.attr,
	&timed_out_attr.attr,
	&aborted_attr.attr,
	&events_attr.attr,
	&outstanding_attr.attr,
	&ring_full_attr.attr,
	&bad_data_attr.attr,
	&dropped_unknown_attr.attr,
	&dropped_duplicate_attr.attr,
	&dropped_stale_attr.attr,
	&dropped_malformed_attr.attr,
	NULL,
};
ATTRIBUTE_GROUPS(nitro_mbox);

static void nitro_mbox_release(struct kobject *kobj)
{
	struct nitro_mbox *mb = kobj_to_mbox(kobj);

	nitro_ring_destroy(&mb->cplq);
	nitro_ring_destroy(&mb->cmdq);
	kfree(mb->slots);
	kfree(mb);
}

const struct kobj_type nitro_mbox_ktype = {
	.release	= nitro_mbox_release,
	.sysfs_ops	= &kobj_sysfs_ops,
	.default_groups	= nitro_mbox_groups,
};
