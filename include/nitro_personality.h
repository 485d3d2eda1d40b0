/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The contract between nitro_ctrl's vfio-mdev front-end and the device
 * personalities (nitro_nvme, nitro_ena).
 *
 * nitro_ctrl owns everything that must outlive a personality (DESIGN 8):
 * the mdev and its vfio device, PCI config space, the BAR dispatch, the
 * doorbell latches, the MSI-X table, PBA and eventfds, and every pin of
 * guest memory. A personality gives the device its behaviour: registers,
 * queues, commands.
 *
 * Front-end guarantees to the personality:
 *  - every BAR access it passes on is inside the BAR, 1, 2, 4 or 8 bytes
 *    wide and naturally aligned; MSI-X table and PBA accesses and the
 *    doorbell window never reach bar_read/bar_write;
 *  - bar_read, bar_write, reset, open, close and dma_unmap of one device are
 *    serialized with each other and with doorbell(); doorbell() calls may
 *    run concurrently with each other (one per guest vCPU or thread), never
 *    with the others;
 *  - all callbacks run in process context and may sleep;
 *  - after close() returns, the personality is not called for that device
 *    until the next open(); every pin it left is dropped by the front-end.
 */
#ifndef _NITRO_PERSONALITY_H
#define _NITRO_PERSONALITY_H

#include <linux/types.h>
#include <linux/uuid.h>

struct module;
struct page;
struct nitro_dev;

#define NITRO_DEV_NR_BARS	6

struct nitro_bar_layout {
	u32 size;			/* power of two >= 4096; 0: no BAR */
	bool is_64bit;			/* takes this slot and the next */
	bool prefetchable;
};

struct nitro_pci_identity {
	u16 vendor;
	u16 device;
	u16 subsys_vendor;
	u16 subsys_device;
	u32 class_code;			/* base << 16 | sub << 8 | prog-if */
	u8 revision;
};

struct nitro_personality_ops {
	/* An mdev of this type was created for a provisioned UUID. */
	int (*create)(struct nitro_dev *dev);
	void (*destroy)(struct nitro_dev *dev);
	/* First open of the vfio device, and its last close. */
	int (*open)(struct nitro_dev *dev);
	void (*close)(struct nitro_dev *dev);
	/* BAR accesses outside the doorbell window and the MSI-X structures. */
	u64 (*bar_read)(struct nitro_dev *dev, int bar, u32 off, int size);
	void (*bar_write)(struct nitro_dev *dev, int bar, u32 off, int size,
			  u64 val);
	/* A 32-bit write to doorbell @index; also latched by the front-end. */
	void (*doorbell)(struct nitro_dev *dev, u32 index, u32 value);
	/* VFIO_DEVICE_RESET or a function-level reset through config space. */
	void (*reset)(struct nitro_dev *dev);
	/*
	 * The guest is unmapping [iova, iova + len): stop using it and finish
	 * every DMA into or out of it before returning. The front-end then
	 * unpins whatever is still pinned there.
	 */
	void (*dma_unmap)(struct nitro_dev *dev, u64 iova, u64 len);
};

struct nitro_personality {
	const char *name;		/* mdev type "nitro-<name>" */
	const char *description;
	struct module *owner;		/* held for each device */
	struct nitro_pci_identity id;
	struct nitro_bar_layout bars[NITRO_DEV_NR_BARS];
	/* MSI-X: table and PBA live in BAR @msix_bar. */
	u8 msix_bar;
	u32 msix_table_offset;
	u32 msix_pba_offset;
	u16 msix_vectors;
	/* Doorbells: 32-bit registers at db_offset + index * db_stride. */
	u8 db_bar;
	u32 db_offset;
	u32 db_stride;
	u32 nr_doorbells;
	const struct nitro_personality_ops *ops;
};

int nitro_personality_register(const struct nitro_personality *p);
void nitro_personality_unregister(const struct nitro_personality *p);

/* Provisioning: only a UUID the controller provisioned can become an mdev. */
int nitro_dev_provision(const guid_t *uuid, const char *personality);
int nitro_dev_unprovision(const guid_t *uuid);

/* The device, for the personality. */
const guid_t *nitro_dev_uuid(const struct nitro_dev *dev);
void nitro_dev_set_priv(struct nitro_dev *dev, void *priv);
void *nitro_dev_priv(const struct nitro_dev *dev);
u32 nitro_dev_doorbell_value(const struct nitro_dev *dev, u32 index);
/* The guest can no longer reach the device: reads return all ones. */
void nitro_dev_set_gone(struct nitro_dev *dev);

/* Interrupts: MSI-X vector @vector, or INTx while MSI-X is disabled. */
void nitro_dev_irq(struct nitro_dev *dev, u16 vector);

/*
 * Guest memory, by IOVA. Copies sleep and suit the admin path; the I/O path
 * pins. Every pin is tracked by the front-end and dropped on dma_unmap of
 * its range (after the personality's dma_unmap) and on close.
 */
int nitro_dev_dma_read(struct nitro_dev *dev, u64 iova, void *buf, size_t len);
int nitro_dev_dma_write(struct nitro_dev *dev, u64 iova, const void *buf,
			size_t len);
int nitro_dev_pin(struct nitro_dev *dev, u64 iova, int npages, bool write,
		  struct page **pages);
void nitro_dev_unpin(struct nitro_dev *dev, u64 iova, int npages);

#endif /* _NITRO_PERSONALITY_H */
