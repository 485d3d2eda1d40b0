// SPDX-License-Identifier: GPL-2.0
/*
 * nitro_ctrl: the controller, the single root of trust of a Nitro host.
 *
 * It is loaded first and everything else registers with it. On its own it
 * creates the "nitro" class and the controller device, /sys/class/nitro/ctrl,
 * under which every component's mailbox shows its read-only state.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/device.h>
#include <linux/err.h>
#include <linux/kdev_t.h>
#include <linux/kobject.h>
#include <linux/module.h>

#include "ctrl.h"
#include "fe.h"
#include "provision.h"
#include "api.h"

static struct {
	struct class *class;
	struct device *dev;
	struct kobject *mbox_kobj;
} nitro_ctrl;

struct device *nitro_ctrl_device(void)
{
	return nitro_ctrl.dev;
}

struct kobject *nitro_ctrl_mbox_kobj(void)
{
	return nitro_ctrl.mbox_kobj;
}

static int __init nitro_ctrl_init(void)
{
	int err;

	err = nitro_audit_init();
	if (err)
		return err;

	nitro_ctrl.class = class_create(THIS_MODULE, "nitro");
	if (IS_ERR(nitro_ctrl.class)) {
		err = PTR_ERR(nitro_ctrl.class);
		goto err_audit;
	}

	nitro_ctrl.dev = device_create(nitro_ctrl.class, NULL, MKDEV(0, 0),
				       NULL, "ctrl");
	if (IS_ERR(nitro_ctrl.dev)) {
		err = PTR_ERR(nitro_ctrl.dev);
		goto err_destroy_class;
	}

	nitro_ctrl.mbox_kobj = kobject_create_and_add("mbox",
						      &nitro_ctrl.dev->kobj);
	if (!nitro_ctrl.mbox_kobj) {
		err = -ENOMEM;
		goto err_destroy_device;
	}

	err = nitro_fe_init();
	if (err)
		goto err_put_mbox;

	err = nitro_testhooks_init();
	if (err)
		goto err_fe_exit;

	err = nitro_api_init();
	if (err)
		goto err_testhooks;

	pr_info("controller %s ready\n", NITRO_CTRL_VERSION);
	return 0;

err_testhooks:
	nitro_testhooks_exit();
err_fe_exit:
	nitro_fe_exit();
err_put_mbox:
	kobject_put(nitro_ctrl.mbox_kobj);
err_destroy_device:
	device_unregister(nitro_ctrl.dev);
err_destroy_class:
	class_destroy(nitro_ctrl.class);
err_audit:
	nitro_audit_exit();
	return err;
}

static void __exit nitro_ctrl_exit(void)
{
	nitro_api_exit();
	nitro_testhooks_exit();
	nitro_fe_exit();
	nitro_provision_clear();
	kobject_put(nitro_ctrl.mbox_kobj);
	device_unregister(nitro_ctrl.dev);
	class_destroy(nitro_ctrl.class);
	nitro_audit_exit();
}

module_init(nitro_ctrl_init);
module_exit(nitro_ctrl_exit);

MODULE_DESCRIPTION("Nitro controller: mailbox master and root of trust");
MODULE_AUTHOR("The Nitro authors");
MODULE_LICENSE("GPL");
MODULE_VERSION(NITRO_CTRL_VERSION);
