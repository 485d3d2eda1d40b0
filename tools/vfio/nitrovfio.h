/* SPDX-License-Identifier: GPL-2.0 */
/*
 * libnitrovfio: drive a PCI function from userspace through VFIO, as a
 * guest would. The same calls work for a vfio-pci device (a real or
 * emulated PCI function) and for a vfio-mdev device (our Nitro functions):
 * both are found through their sysfs directory's iommu_group link.
 *
 * Memory the device may reach is anonymous memory of this process, mapped
 * into the container's IOVA space with VFIO_IOMMU_MAP_DMA: it plays the part
 * of guest RAM.
 *
 * Every function returns 0 or a negative errno and leaves a message for
 * nv_strerror()-style reporting in nv_last_error().
 */
#ifndef NITROVFIO_H
#define NITROVFIO_H

#include <stddef.h>
#include <stdint.h>
#include <linux/vfio.h>

#define NV_MAX_REGIONS		9	/* BAR0-5, ROM, config, VGA */
#define NV_MAX_MMAPS		4	/* sparse areas per region */
#define NV_MAX_IRQS		64

struct nv_mmap {
	uint64_t off;			/* inside the region */
	uint64_t size;
	void *ptr;
};

struct nv_region {
	struct vfio_region_info info;	/* info.size == 0: absent */
	struct nv_mmap maps[NV_MAX_MMAPS];
	int nr_maps;
};

/* One piece of "guest RAM": host memory and the IOVA the device uses. */
struct nv_dma {
	void *va;
	uint64_t iova;
	size_t len;
};

struct nv_dev {
	char name[64];			/* BDF or mdev UUID */
	char sysfs[256];
	int is_mdev;
	int container;
	int group;
	int fd;
	struct vfio_device_info info;
	struct nv_region regions[NV_MAX_REGIONS];
	uint64_t next_iova;		/* bump allocator for nv_dma_map() */
	int msix_count;
	int efds[NV_MAX_IRQS];		/* eventfds of enabled MSI-X vectors */
	int nr_efds;
};

const char *nv_last_error(void);

/*
 * nv_open - open a device by sysfs path, PCI address (0000:00:01.0) or mdev
 * UUID; set up a type1 container for its group alone, enable memory
 * decoding and bus mastering, and mmap the BARs that allow it (unless the
 * environment has NITROVFIO_NO_MMAP=1: then every BAR access is a pread or
 * pwrite of the region, the path of a device whose BARs cannot be mapped).
 */
int nv_open(struct nv_dev *d, const char *which);
void nv_close(struct nv_dev *d);

int nv_reset(struct nv_dev *d);

/* Anonymous memory mapped for DMA at the next free IOVA. */
int nv_dma_map(struct nv_dev *d, size_t len, struct nv_dma *dma);
int nv_dma_unmap(struct nv_dev *d, struct nv_dma *dma);
/* Map/unmap a caller-chosen IOVA (hostile tests). */
int nv_dma_map_at(struct nv_dev *d, void *va, uint64_t iova, size_t len);
int nv_dma_unmap_at(struct nv_dev *d, uint64_t iova, size_t len);

/* Region access: through the mmap when it covers the range, else pread. */
int nv_region_read(struct nv_dev *d, int idx, uint64_t off, void *buf, size_t len);
int nv_region_write(struct nv_dev *d, int idx, uint64_t off, const void *buf,
		    size_t len);
uint32_t nv_bar_read32(struct nv_dev *d, int bar, uint64_t off);
void nv_bar_write32(struct nv_dev *d, int bar, uint64_t off, uint32_t val);
uint64_t nv_bar_read64(struct nv_dev *d, int bar, uint64_t off);
void nv_bar_write64(struct nv_dev *d, int bar, uint64_t off, uint64_t val);
/*
 * Pointer into a BAR's mmap at @off for 4 bytes, or NULL; access it only
 * with __atomic_load_n/__atomic_store_n (single, unelided accesses).
 */
uint32_t *nv_bar_ptr32(struct nv_dev *d, int bar, uint64_t off);

int nv_config_read(struct nv_dev *d, uint32_t off, void *buf, size_t len);
int nv_config_write(struct nv_dev *d, uint32_t off, const void *buf, size_t len);

/* MSI-X: one eventfd per vector 0..n-1 (nonblocking). */
int nv_msix_enable(struct nv_dev *d, int n);
int nv_msix_disable(struct nv_dev *d);

#endif
