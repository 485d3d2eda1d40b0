// SPDX-License-Identifier: GPL-2.0
/*
 * The mdev side of the front-end: one parent device per personality,
 * /sys/class/nitro/<name>, carrying the single mdev type "nitro-<name>".
 * Creating an mdev succeeds only for a UUID the controller provisioned for
 * that personality (anything else is -EPERM, audited). Removal waits for
 * the VFIO user to let go, asking it through the REQ eventfd.
 *
 * Detach (the controller unprovisions a UUID whose mdev exists) makes the
 * device read as gone, asks the VFIO user to release it (REQ eventfd) and
 * tells the host with a change uevent (NITRO_EVENT=detach) so that it
 * removes the mdev; the host cannot keep using it meanwhile.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/device.h>
#include <linux/eventfd.h>
#include <linux/kdev_t.h>
#include <linux/mdev.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/sysfs.h>

#include "audit.h"
#include "ctrl.h"
#include "fe.h"
#include "provision.h"

struct nitro_fe_parent {
	struct list_head node;
	const struct nitro_personality *p;
	struct device *dev;
	struct mdev_parent parent;
	struct mdev_type type;
	struct mdev_type *types[1];
};

/*
 * Parents of unregistered personalities are freed only at module exit:
 * the mdev core's type kobject may outlive mdev_unregister_parent() (an
 * mdev device still referenced somewhere holds it) and points into them.
 */
static DEFINE_MUTEX(nitro_fe_lock);
static LIST_HEAD(nitro_fe_parents);
static LIST_HEAD(nitro_fe_retired);
static LIST_HEAD(nitro_fe_devs);

static struct mdev_driver nitro_fe_mdev_driver;

static void fe_audit(const char *op, const guid_t *uuid, int result)
{
	char obj[UUID_STRING_LEN + 1];

	snprintf(obj, sizeof(obj), "%pUl", uuid);
	nitro_audit_record(NITRO_PRINCIPAL_CTRL, op, obj, result);
}

static int nitro_fe_probe(struct mdev_device *mdev)
{
	struct nitro_fe_parent *fp = container_of(mdev->type,
						  struct nitro_fe_parent, type);
	const struct nitro_personality *p = fp->p;
	struct nitro_dev *dev;
	int err;

	/* Refusals are audited there. */
	err = nitro_provision_check(&mdev->uuid, p->name);
	if (err)
		return err;
	if (!try_module_get(p->owner)) {
		err = -ENODEV;
		goto out_audit;
	}
	dev = vfio_alloc_device(nitro_dev, vdev, &mdev->dev,
				&nitro_fe_vfio_ops);
	if (IS_ERR(dev)) {
		err = PTR_ERR(dev);
		goto err_put_module;
	}
	err = nitro_fe_dev_init(dev, p, &mdev->uuid);
	if (err)
		goto err_put_vdev;
	dev_set_drvdata(&mdev->dev, dev);
	if (p->ops->create) {
		err = p->ops->create(dev);
		if (err)
			goto err_put_vdev;
	}
	err = vfio_register_emulated_iommu_dev(&dev->vdev);
	if (err)
		goto err_destroy;

	mutex_lock(&nitro_fe_lock);
	list_add_tail(&dev->node, &nitro_fe_devs);
	mutex_unlock(&nitro_fe_lock);
	fe_audit("mdev.create", &mdev->uuid, 0);
	return 0;

err_destroy:
	if (p->ops->destroy)
		p->ops->destroy(dev);
err_put_vdev:
	vfio_put_device(&dev->vdev);
err_put_module:
	module_put(p->owner);
out_audit:
	fe_audit("mdev.create", &mdev->uuid, err);
	return err;
}

static void nitro_fe_remove(struct mdev_device *mdev)
{
	struct nitro_dev *dev = dev_get_drvdata(&mdev->dev);
	const struct nitro_personality *p = dev->p;

	mutex_lock(&nitro_fe_lock);
	list_del_init(&dev->node);
	mutex_unlock(&nitro_fe_lock);

	/* Waits until the VFIO user closed the device (see .request). */
	vfio_unregister_group_dev(&dev->vdev);
	if (p->ops->destroy)
		p->ops->destroy(dev);
	fe_audit("mdev.remove", &mdev->uuid, 0);
	vfio_put_device(&dev->vdev);
	module_put(p->owner);
}

static ssize_t nitro_fe_show_description(struct mdev_type *mtype, char *buf)
{
	struct nitro_fe_parent *fp = container_of(mtype, struct nitro_fe_parent,
						  type);

	return sysfs_emit(buf, "%s\n", fp->p->description ?: fp->p->name);
}

/* /sys/bus/mdev/devices/<uuid>/nitro/: the front-end's counters. */
#define FE_STAT_ATTR(_name, _field)					\
static ssize_t _name##_show(struct device *d, struct device_attribute *a, \
			    char *buf)					\
{									\
	struct nitro_dev *dev = dev_get_drvdata(d);			\
									\
	return sysfs_emit(buf, "%lld\n",				\
			  (long long)atomic64_read(&dev->stats._field));	\
}									\
static DEVICE_ATTR_RO(_name)

FE_STAT_ATTR(bad_access, bad_access);
FE_STAT_ATTR(bad_doorbell, bad_doorbell);
FE_STAT_ATTR(doorbells, doorbells);
FE_STAT_ATTR(irqs, irqs);
FE_STAT_ATTR(irqs_pending, irqs_pending);
FE_STAT_ATTR(irqs_dropped, irqs_dropped);
FE_STAT_ATTR(pins, pins);
FE_STAT_ATTR(unpinned_by_fe, unpinned_by_fe);
FE_STAT_ATTR(bad_unpin, bad_unpin);
FE_STAT_ATTR(dma_unmaps, dma_unmaps);
FE_STAT_ATTR(resets, resets);

static ssize_t pinned_show(struct device *d, struct device_attribute *a,
			   char *buf)
{
	struct nitro_dev *dev = dev_get_drvdata(d);
	unsigned long nr;

	mutex_lock(&dev->pin_lock);
	nr = dev->pins.nr;
	mutex_unlock(&dev->pin_lock);
	return sysfs_emit(buf, "%lu\n", nr);
}
static DEVICE_ATTR_RO(pinned);

static ssize_t gone_show(struct device *d, struct device_attribute *a,
			 char *buf)
{
	struct nitro_dev *dev = dev_get_drvdata(d);

	return sysfs_emit(buf, "%d\n", READ_ONCE(dev->gone));
}
static DEVICE_ATTR_RO(gone);

static struct attribute *nitro_fe_dev_attrs[] = {
	&dev_attr_bad_access.attr,
	&dev_attr_bad_doorbell.attr,
	&dev_attr_doorbells.attr,
	&dev_attr_irqs.attr,
	&dev_attr_irqs_pending.attr,
	&dev_attr_irqs_dropped.attr,
	&dev_attr_pins.attr,
	&dev_attr_pinned.attr,
	&dev_attr_unpinned_by_fe.attr,
	&dev_attr_bad_unpin.attr,
	&dev_attr_dma_unmaps.attr,
	&dev_attr_resets.attr,
	&dev_attr_gone.attr,
	NULL
};

static const struct attribute_group nitro_fe_dev_group = {
	.name = "nitro",
	.attrs = nitro_fe_dev_attrs,
};

static const struct attribute_group *nitro_fe_dev_groups[] = {
	&nitro_fe_dev_group,
	NULL
};

static struct mdev_driver nitro_fe_mdev_driver = {
	.device_api = VFIO_DEVICE_API_PCI_STRING,
	.max_instances = 4096,
	.probe = nitro_fe_probe,
	.remove = nitro_fe_remove,
	.show_description = nitro_fe_show_description,
	.driver = {
		.name = "nitro_fe",
		.owner = THIS_MODULE,
		.mod_name = KBUILD_MODNAME,
		.dev_groups = nitro_fe_dev_groups,
	},
};

/* Called with the personalities' registration lock held. */
int nitro_fe_parent_add(const struct nitro_personality *p)
{
	struct device *ctrl = nitro_ctrl_device();
	struct nitro_fe_parent *fp;
	int err;

	fp = kzalloc(sizeof(*fp), GFP_KERNEL);
	if (!fp)
		return -ENOMEM;
	fp->p = p;
	fp->type.sysfs_name = p->name;
	fp->type.pretty_name = p->description ?: p->name;
	fp->types[0] = &fp->type;

	fp->dev = device_create(ctrl->class, ctrl, MKDEV(0, 0), NULL, "%s",
				p->name);
	if (IS_ERR(fp->dev)) {
		err = PTR_ERR(fp->dev);
		goto err_free;
	}
	err = mdev_register_parent(&fp->parent, fp->dev, &nitro_fe_mdev_driver,
				   fp->types, ARRAY_SIZE(fp->types));
	if (err)
		goto err_unregister_dev;

	mutex_lock(&nitro_fe_lock);
	list_add_tail(&fp->node, &nitro_fe_parents);
	mutex_unlock(&nitro_fe_lock);
	return 0;

err_unregister_dev:
	device_unregister(fp->dev);
err_free:
	kfree(fp);
	return err;
}

void nitro_fe_parent_del(const struct nitro_personality *p)
{
	struct nitro_fe_parent *fp, *found = NULL;

	mutex_lock(&nitro_fe_lock);
	list_for_each_entry(fp, &nitro_fe_parents, node) {
		if (fp->p == p) {
			found = fp;
			list_move_tail(&fp->node, &nitro_fe_retired);
			break;
		}
	}
	mutex_unlock(&nitro_fe_lock);
	if (WARN_ON(!found))
		return;
	/* Removes every mdev of the type, waiting for their users. */
	mdev_unregister_parent(&found->parent);
	device_unregister(found->dev);
}

/**
 * nitro_fe_detach() - the controller withdrew @uuid: hot-unplug its mdev
 * @uuid: the unprovisioned UUID
 */
void nitro_fe_detach(const guid_t *uuid)
{
	char event[] = "NITRO_EVENT=detach";
	struct nitro_dev *dev, *found = NULL;
	char *envp[2] = { event };

	mutex_lock(&nitro_fe_lock);
	list_for_each_entry(dev, &nitro_fe_devs, node) {
		if (guid_equal(&dev->uuid, uuid)) {
			found = dev;
			break;
		}
	}
	if (found) {
		nitro_dev_set_gone(found);
		spin_lock_irq(&found->irq_lock);
		if (found->req_trigger)
			eventfd_signal(found->req_trigger, 1);
		spin_unlock_irq(&found->irq_lock);
		kobject_uevent_env(&found->vdev.dev->kobj, KOBJ_CHANGE, envp);
		fe_audit("mdev.detach", uuid, 0);
	}
	mutex_unlock(&nitro_fe_lock);
}

int nitro_fe_init(void)
{
	return mdev_register_driver(&nitro_fe_mdev_driver);
}

void nitro_fe_exit(void)
{
	struct nitro_fe_parent *fp, *tmp;

	mdev_unregister_driver(&nitro_fe_mdev_driver);
	/* Personalities are modules that use ours: all gone by now. */
	WARN_ON(!list_empty(&nitro_fe_parents));
	list_for_each_entry_safe(fp, tmp, &nitro_fe_retired, node) {
		list_del(&fp->node);
		kfree(fp);
	}
}
