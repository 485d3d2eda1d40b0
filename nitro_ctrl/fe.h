/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The vfio-mdev front-end, inside nitro_ctrl. See include/nitro_personality.h
 * for the contract with the personalities and Documentation/frontend.rst.
 *
 * The logic that decides what a guest access does (config space, BAR
 * dispatch, MSI-X, pin bookkeeping) does not depend on vfio, so that KUnit
 * can test it in UML, which has no vfio. The vfio and mdev glue lives in
 * fe_parent.c, fe_vfio.c and fe_dma.c, built only when the kernel has mdev.
 */
#ifndef _NITRO_CTRL_FE_H
#define _NITRO_CTRL_FE_H

#include <linux/atomic.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/rwsem.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/uuid.h>
#include <linux/vfio.h>
#include <linux/xarray.h>

#include "nitro_personality.h"

struct eventfd_ctx;

/* PCI Express configuration space, extended part included. */
#define NITRO_FE_CFG_SIZE	4096
/* Where the front-end puts its capabilities. */
#define NITRO_FE_CAP_PM		0x40
#define NITRO_FE_CAP_MSIX	0x50
#define NITRO_FE_CAP_PCIE	0x60
#define NITRO_FE_CAP_PCIE_SIZE	0x3c	/* version 2, endpoint */

#define NITRO_FE_MSIX_MAX	2048
#define NITRO_FE_MSIX_ENTRY	16

/* What a config space write asks the device to do. */
#define NITRO_FE_CFG_EV_FLR	BIT(0)	/* function-level reset */
#define NITRO_FE_CFG_EV_MSIX	BIT(1)	/* MSI-X enable or function mask */
#define NITRO_FE_CFG_EV_INTX	BIT(2)	/* Command.INTX_DISABLE changed */

struct nitro_fe_config {
	u8 bytes[NITRO_FE_CFG_SIZE];
	u8 wmask[NITRO_FE_CFG_SIZE];	/* bits the guest may set or clear */
	u8 w1c[NITRO_FE_CFG_SIZE];	/* bits the guest clears by writing 1 */
	u8 reset[NITRO_FE_CFG_SIZE];	/* the value after reset */
};

/*
 * The MSI-X table and PBA as the guest sees them in the BAR. A vector is
 * signalled only when the index is enabled through VFIO_DEVICE_SET_IRQS
 * and the vector is unmasked; a masked vector sets its PBA bit instead
 * and fires when unmasked.
 */
struct nitro_fe_msix {
	u16 nr;
	bool fmask;			/* function mask, from config space */
	u8 *table;			/* nr * 16 bytes, little endian */
	unsigned long *pba;		/* nr bits */
};

/* Outstanding pins of guest memory, counted per IOVA page. */
struct nitro_fe_pins {
	struct xarray pages;		/* iova >> PAGE_SHIFT -> count */
	unsigned long nr;		/* pins held, all pages */
};

typedef void (*nitro_fe_unpin_fn)(void *ctx, u64 iova);

enum nitro_fe_irq_mode {
	NITRO_FE_IRQ_NONE,
	NITRO_FE_IRQ_INTX,
	NITRO_FE_IRQ_MSIX,
};

struct nitro_fe_stats {
	atomic64_t bad_access;		/* refused BAR or config accesses */
	atomic64_t bad_doorbell;	/* doorbell window writes not a register */
	atomic64_t doorbells;
	atomic64_t irqs;		/* eventfds signalled */
	atomic64_t irqs_pending;	/* vectors raised while masked */
	atomic64_t irqs_dropped;	/* raised with no way to deliver */
	atomic64_t pins;		/* pages pinned, total */
	atomic64_t unpinned_by_fe;	/* pins dropped for the personality */
	atomic64_t bad_unpin;		/* unpins of pages it did not pin */
	atomic64_t dma_unmaps;
	atomic64_t resets;
};

struct nitro_dev {
	/* Must stay first: vfio_alloc_device() requires it. */
	struct vfio_device vdev;
	const struct nitro_personality *p;
	void *priv;
	guid_t uuid;
	struct list_head node;		/* nitro_fe_devs */

	/*
	 * Serializes the personality's callbacks as the contract promises:
	 * doorbell() takes it for read, everything else for write. It also
	 * protects config space, the MSI-X table and @open.
	 */
	struct rw_semaphore ops_lock;
	bool open;
	bool gone;

	struct nitro_fe_config cfg;
	u32 *doorbells;

	/* Interrupt state; nitro_dev_irq() may be called from any context. */
	spinlock_t irq_lock;
	struct nitro_fe_msix msix;
	enum nitro_fe_irq_mode irq_mode;
	struct eventfd_ctx **msix_trigger;
	struct eventfd_ctx *intx_trigger;
	bool intx_masked;
	struct eventfd_ctx *req_trigger;

	struct mutex pin_lock;		/* @pins, and pin/unpin in vfio */
	struct nitro_fe_pins pins;

	struct nitro_fe_stats stats;
};

/* fe_personality.c */
int nitro_fe_validate(const struct nitro_personality *p);
int nitro_fe_dev_init(struct nitro_dev *dev, const struct nitro_personality *p,
		      const guid_t *uuid);
void nitro_fe_dev_fini(struct nitro_dev *dev);
void nitro_fe_dev_reset(struct nitro_dev *dev);

/* fe_config.c */
void nitro_fe_config_init(struct nitro_fe_config *cfg,
			  const struct nitro_personality *p);
void nitro_fe_config_reset(struct nitro_fe_config *cfg);
u32 nitro_fe_config_read(const struct nitro_fe_config *cfg, u32 off, int size);
u32 nitro_fe_config_write(struct nitro_fe_config *cfg, u32 off, int size,
			  u32 val);
u16 nitro_fe_config_read16(const struct nitro_fe_config *cfg, u32 off);
void nitro_fe_config_set_intx_status(struct nitro_fe_config *cfg, bool on);

/* fe_msix.c */
int nitro_fe_msix_init(struct nitro_fe_msix *msix, u16 nr);
void nitro_fe_msix_fini(struct nitro_fe_msix *msix);
void nitro_fe_msix_reset(struct nitro_fe_msix *msix, const unsigned long *armed);
bool nitro_fe_msix_masked(const struct nitro_fe_msix *msix, u16 vector);
void nitro_fe_msix_set_mask(struct nitro_fe_msix *msix, u16 vector, bool mask);
bool nitro_fe_msix_raise(struct nitro_fe_msix *msix, u16 vector);
u16 nitro_fe_msix_next_unmasked_pending(struct nitro_fe_msix *msix, u16 from);
u64 nitro_fe_msix_table_read(const struct nitro_fe_msix *msix, u32 off,
			     int size);
void nitro_fe_msix_table_write(struct nitro_fe_msix *msix, u32 off, int size,
			       u64 val);
u64 nitro_fe_msix_pba_read(const struct nitro_fe_msix *msix, u32 off,
			   int size);

/* fe_bar.c */
int nitro_fe_bar_read(struct nitro_dev *dev, int bar, u32 off, int size,
		      u64 *val);
int nitro_fe_bar_write(struct nitro_dev *dev, int bar, u32 off, int size,
		       u64 val);
int nitro_fe_cfg_read(struct nitro_dev *dev, u32 off, int size, u32 *val);
int nitro_fe_cfg_write(struct nitro_dev *dev, u32 off, int size, u32 val);

/* fe_irq.c */
void nitro_fe_irq_signal_pending(struct nitro_dev *dev);
void nitro_fe_irq_disable_all(struct nitro_dev *dev);

/* fe_pin.c */
void nitro_fe_pins_init(struct nitro_fe_pins *pins);
int nitro_fe_pins_add(struct nitro_fe_pins *pins, u64 iova, int npages);
int nitro_fe_pins_put(struct nitro_fe_pins *pins, u64 iova, int npages,
		      nitro_fe_unpin_fn unpin, void *ctx);
unsigned long nitro_fe_pins_drop_range(struct nitro_fe_pins *pins, u64 iova,
				       u64 len, nitro_fe_unpin_fn unpin,
				       void *ctx);
void nitro_fe_pins_destroy(struct nitro_fe_pins *pins);

/* fe_parent.c: the mdev parents, one per personality. */
#if IS_ENABLED(CONFIG_VFIO_MDEV)
int nitro_fe_init(void);
void nitro_fe_exit(void);
int nitro_fe_parent_add(const struct nitro_personality *p);
void nitro_fe_parent_del(const struct nitro_personality *p);
void nitro_fe_detach(const guid_t *uuid);
extern const struct vfio_device_ops nitro_fe_vfio_ops;
#else
static inline int nitro_fe_init(void) { return 0; }
static inline void nitro_fe_exit(void) { }
static inline int nitro_fe_parent_add(const struct nitro_personality *p)
{
	return 0;
}

static inline void nitro_fe_parent_del(const struct nitro_personality *p) { }
static inline void nitro_fe_detach(const guid_t *uuid) { }
#endif

/* testhooks_fe.c: the "test" personality and provisioning hooks. */
struct dentry;
int nitro_testhooks_fe_init(struct dentry *dir);
void nitro_testhooks_fe_exit(void);

#endif /* _NITRO_CTRL_FE_H */
