// SPDX-License-Identifier: GPL-2.0
/*
 * libnitrovfio: see nitrovfio.h.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "nitrovfio.h"

/*
 * IOVAs handed out by nv_dma_map() start at 1 GiB: away from 0 (so that a
 * zero address is never valid) and below the x86 MSI window at 0xfee00000,
 * and within the 39-bit address width of QEMU's intel-iommu.
 */
#define NV_IOVA_BASE	0x40000000ULL
#define NV_PAGE		4096ULL

static char nv_err[256];

const char *nv_last_error(void)
{
	return nv_err;
}

static int fail(int err, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(nv_err, sizeof(nv_err), fmt, ap);
	va_end(ap);
	if (err && n > 0 && (size_t)n < sizeof(nv_err))
		snprintf(nv_err + n, sizeof(nv_err) - n, ": %s", strerror(err));
	return -(err ? err : EINVAL);
}

static int is_uuid(const char *s)
{
	static const char form[] = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";
	size_t i;

	if (strlen(s) != sizeof(form) - 1)
		return 0;
	for (i = 0; i < sizeof(form) - 1; i++) {
		if (form[i] == '-' ? s[i] != '-' : !isxdigit((unsigned char)s[i]))
			return 0;
	}
	return 1;
}

/* Resolve @which to a sysfs device directory and the device's name. */
static int resolve(struct nv_dev *d, const char *which)
{
	char real[PATH_MAX];
	const char *base;

	if (strlen(which) > 128)
		return fail(ENAMETOOLONG, "device name");
	if (which[0] == '/')
		snprintf(d->sysfs, sizeof(d->sysfs), "%s", which);
	else if (is_uuid(which))
		snprintf(d->sysfs, sizeof(d->sysfs), "/sys/bus/mdev/devices/%s", which);
	else
		snprintf(d->sysfs, sizeof(d->sysfs), "/sys/bus/pci/devices/%s", which);
	if (!realpath(d->sysfs, real))
		return fail(errno, "%s", d->sysfs);
	base = strrchr(real, '/');
	base = base ? base + 1 : real;
	if (strlen(base) >= sizeof(d->name))
		return fail(ENAMETOOLONG, "%s", real);
	memcpy(d->name, base, strlen(base) + 1);
	d->is_mdev = is_uuid(d->name);
	return 0;
}

static int group_number(struct nv_dev *d)
{
	char link[PATH_MAX], target[PATH_MAX];
	ssize_t n;
	const char *base;

	snprintf(link, sizeof(link), "%s/iommu_group", d->sysfs);
	n = readlink(link, target, sizeof(target) - 1);
	if (n < 0)
		return fail(errno, "%s (is the device bound to vfio-pci or an mdev?)", link);
	target[n] = 0;
	base = strrchr(target, '/');
	return atoi(base ? base + 1 : target);
}

/* Walk the capability chain of a region's info for @id. */
static struct vfio_info_cap_header *find_cap(void *info, uint32_t argsz,
					     uint32_t first, uint16_t id)
{
	uint32_t off = first;

	while (off && off + sizeof(struct vfio_info_cap_header) <= argsz) {
		struct vfio_info_cap_header *h = (void *)((char *)info + off);

		if (h->id == id)
			return h;
		if (h->next <= off)
			break;
		off = h->next;
	}
	return NULL;
}

static void map_region(struct nv_dev *d, int idx)
{
	struct nv_region *r = &d->regions[idx];
	struct vfio_region_info *full;
	struct vfio_region_info_cap_sparse_mmap *sp = NULL;
	uint32_t i, nr;

	if (!(r->info.flags & VFIO_REGION_INFO_FLAG_MMAP) || !r->info.size)
		return;
	full = calloc(1, r->info.argsz);
	if (!full)
		return;
	full->argsz = r->info.argsz;
	full->index = idx;
	if (ioctl(d->fd, VFIO_DEVICE_GET_REGION_INFO, full) == 0 &&
	    (full->flags & VFIO_REGION_INFO_FLAG_CAPS))
		sp = (void *)find_cap(full, full->argsz, full->cap_offset,
				      VFIO_REGION_INFO_CAP_SPARSE_MMAP);
	nr = sp ? sp->nr_areas : 1;
	for (i = 0; i < nr && r->nr_maps < NV_MAX_MMAPS; i++) {
		uint64_t off = sp ? sp->areas[i].offset : 0;
		uint64_t size = sp ? sp->areas[i].size : r->info.size;
		void *p;

		if (!size)
			continue;
		p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, d->fd,
			 r->info.offset + off);
		if (p == MAP_FAILED)
			continue;
		r->maps[r->nr_maps++] = (struct nv_mmap){ off, size, p };
	}
	free(full);
}

static int get_regions(struct nv_dev *d)
{
	/* Every access through pread/pwrite, as for a BAR that has no mmap. */
	const char *no_mmap = getenv("NITROVFIO_NO_MMAP");
	uint32_t i;

	for (i = 0; i < d->info.num_regions && i < NV_MAX_REGIONS; i++) {
		struct nv_region *r = &d->regions[i];

		r->info.argsz = sizeof(r->info);
		r->info.index = i;
		if (ioctl(d->fd, VFIO_DEVICE_GET_REGION_INFO, &r->info)) {
			/* Optional regions (VGA, ROM) may be refused. */
			memset(&r->info, 0, sizeof(r->info));
			continue;
		}
		if (i <= VFIO_PCI_BAR5_REGION_INDEX && !(no_mmap && *no_mmap == '1'))
			map_region(d, i);
	}
	return 0;
}

static int get_msix(struct nv_dev *d)
{
	struct vfio_irq_info irq = { .argsz = sizeof(irq),
				     .index = VFIO_PCI_MSIX_IRQ_INDEX };

	if (d->info.num_irqs > VFIO_PCI_MSIX_IRQ_INDEX &&
	    ioctl(d->fd, VFIO_DEVICE_GET_IRQ_INFO, &irq) == 0)
		d->msix_count = irq.count;
	return 0;
}

int nv_open(struct nv_dev *d, const char *which)
{
	struct vfio_group_status st = { .argsz = sizeof(st) };
	char path[64];
	uint16_t cmd;
	int ret, grp;

	memset(d, 0, sizeof(*d));
	d->container = -1;
	d->group = -1;
	d->fd = -1;
	d->next_iova = NV_IOVA_BASE;
	ret = resolve(d, which);
	if (ret)
		return ret;
	grp = group_number(d);
	if (grp < 0)
		return grp;

	d->container = open("/dev/vfio/vfio", O_RDWR | O_CLOEXEC);
	if (d->container < 0) {
		ret = fail(errno, "/dev/vfio/vfio");
		goto err;
	}
	if (ioctl(d->container, VFIO_GET_API_VERSION) != VFIO_API_VERSION) {
		ret = fail(0, "unknown VFIO API version");
		goto err;
	}
	if (!ioctl(d->container, VFIO_CHECK_EXTENSION, VFIO_TYPE1v2_IOMMU)) {
		ret = fail(0, "no type1v2 IOMMU support in the kernel");
		goto err;
	}
	snprintf(path, sizeof(path), "/dev/vfio/%d", grp);
	d->group = open(path, O_RDWR | O_CLOEXEC);
	if (d->group < 0) {
		ret = fail(errno, "%s", path);
		goto err;
	}
	if (ioctl(d->group, VFIO_GROUP_GET_STATUS, &st)) {
		ret = fail(errno, "VFIO_GROUP_GET_STATUS");
		goto err;
	}
	if (!(st.flags & VFIO_GROUP_FLAGS_VIABLE)) {
		ret = fail(0, "group %d is not viable (bind every device of it to vfio)", grp);
		goto err;
	}
	if (ioctl(d->group, VFIO_GROUP_SET_CONTAINER, &d->container)) {
		ret = fail(errno, "VFIO_GROUP_SET_CONTAINER");
		goto err;
	}
	if (ioctl(d->container, VFIO_SET_IOMMU, VFIO_TYPE1v2_IOMMU)) {
		ret = fail(errno, "VFIO_SET_IOMMU");
		goto err;
	}
	d->fd = ioctl(d->group, VFIO_GROUP_GET_DEVICE_FD, d->name);
	if (d->fd < 0) {
		ret = fail(errno, "VFIO_GROUP_GET_DEVICE_FD %s", d->name);
		goto err;
	}
	d->info.argsz = sizeof(d->info);
	if (ioctl(d->fd, VFIO_DEVICE_GET_INFO, &d->info)) {
		ret = fail(errno, "VFIO_DEVICE_GET_INFO");
		goto err;
	}
	if (!(d->info.flags & VFIO_DEVICE_FLAGS_PCI)) {
		ret = fail(0, "%s is not a PCI device", d->name);
		goto err;
	}
	get_regions(d);
	get_msix(d);

	/* Memory decoding and bus mastering, as a guest's driver enables. */
	ret = nv_config_read(d, 0x04, &cmd, 2);
	if (ret)
		goto err;
	cmd |= 0x0006;
	ret = nv_config_write(d, 0x04, &cmd, 2);
	if (ret)
		goto err;
	return 0;
err:
	nv_close(d);
	return ret;
}

void nv_close(struct nv_dev *d)
{
	int i, j;

	if (d->nr_efds)
		nv_msix_disable(d);
	for (i = 0; i < NV_MAX_REGIONS; i++) {
		for (j = 0; j < d->regions[i].nr_maps; j++)
			munmap(d->regions[i].maps[j].ptr, d->regions[i].maps[j].size);
		d->regions[i].nr_maps = 0;
	}
	if (d->fd >= 0)
		close(d->fd);
	if (d->group >= 0)
		close(d->group);
	/* Closing the container unmaps (and unpins) every DMA mapping. */
	if (d->container >= 0)
		close(d->container);
	d->fd = -1;
	d->group = -1;
	d->container = -1;
}

int nv_reset(struct nv_dev *d)
{
	if (!(d->info.flags & VFIO_DEVICE_FLAGS_RESET))
		return fail(0, "%s does not support reset", d->name);
	if (ioctl(d->fd, VFIO_DEVICE_RESET))
		return fail(errno, "VFIO_DEVICE_RESET");
	return 0;
}

int nv_dma_map_at(struct nv_dev *d, void *va, uint64_t iova, size_t len)
{
	struct vfio_iommu_type1_dma_map m = {
		.argsz = sizeof(m),
		.flags = VFIO_DMA_MAP_FLAG_READ | VFIO_DMA_MAP_FLAG_WRITE,
		.vaddr = (uintptr_t)va,
		.iova = iova,
		.size = len,
	};

	if (ioctl(d->container, VFIO_IOMMU_MAP_DMA, &m))
		return fail(errno, "VFIO_IOMMU_MAP_DMA iova 0x%llx len 0x%zx",
			    (unsigned long long)iova, len);
	return 0;
}

int nv_dma_unmap_at(struct nv_dev *d, uint64_t iova, size_t len)
{
	struct vfio_iommu_type1_dma_unmap u = {
		.argsz = sizeof(u),
		.iova = iova,
		.size = len,
	};

	if (ioctl(d->container, VFIO_IOMMU_UNMAP_DMA, &u))
		return fail(errno, "VFIO_IOMMU_UNMAP_DMA iova 0x%llx",
			    (unsigned long long)iova);
	return 0;
}

int nv_dma_map(struct nv_dev *d, size_t len, struct nv_dma *dma)
{
	const size_t huge = 2ULL << 20;
	void *va = MAP_FAILED;
	int ret;

	len = (len + NV_PAGE - 1) & ~(NV_PAGE - 1);
	/* Real huge pages if the system has some, else ask for THP. */
	if (len >= huge && !(len & (huge - 1)))
		va = mmap(NULL, len, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB | MAP_POPULATE, -1, 0);
	if (va == MAP_FAILED) {
		va = mmap(NULL, len, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (va == MAP_FAILED)
			return fail(errno, "mmap %zu bytes", len);
		madvise(va, len, MADV_HUGEPAGE);
	}
	/* Keep huge-page-sized mappings huge-page aligned in IOVA space too. */
	if (len >= huge)
		d->next_iova = (d->next_iova + huge - 1) & ~(huge - 1);
	ret = nv_dma_map_at(d, va, d->next_iova, len);
	if (ret) {
		munmap(va, len);
		return ret;
	}
	dma->va = va;
	dma->iova = d->next_iova;
	dma->len = len;
	d->next_iova += len;
	return 0;
}

int nv_dma_unmap(struct nv_dev *d, struct nv_dma *dma)
{
	int ret = nv_dma_unmap_at(d, dma->iova, dma->len);

	munmap(dma->va, dma->len);
	dma->va = NULL;
	return ret;
}

static void *region_ptr(struct nv_dev *d, int idx, uint64_t off, size_t len)
{
	struct nv_region *r;
	int i;

	if (idx < 0 || idx >= NV_MAX_REGIONS)
		return NULL;
	r = &d->regions[idx];
	for (i = 0; i < r->nr_maps; i++) {
		if (off >= r->maps[i].off && off + len <= r->maps[i].off + r->maps[i].size)
			return (char *)r->maps[i].ptr + (off - r->maps[i].off);
	}
	return NULL;
}

static int region_check(struct nv_dev *d, int idx, uint64_t off, size_t len)
{
	if (idx < 0 || idx >= NV_MAX_REGIONS || !d->regions[idx].info.size)
		return fail(0, "region %d absent", idx);
	if (off > d->regions[idx].info.size || len > d->regions[idx].info.size - off)
		return fail(0, "region %d: 0x%llx+%zu outside its 0x%llx bytes", idx,
			    (unsigned long long)off, len,
			    (unsigned long long)d->regions[idx].info.size);
	return 0;
}

int nv_region_read(struct nv_dev *d, int idx, uint64_t off, void *buf, size_t len)
{
	int ret = region_check(d, idx, off, len);
	ssize_t n;

	if (ret)
		return ret;
	n = pread(d->fd, buf, len, d->regions[idx].info.offset + off);
	if (n != (ssize_t)len)
		return fail(n < 0 ? errno : EIO, "read region %d at 0x%llx", idx,
			    (unsigned long long)off);
	return 0;
}

int nv_region_write(struct nv_dev *d, int idx, uint64_t off, const void *buf,
		    size_t len)
{
	int ret = region_check(d, idx, off, len);
	ssize_t n;

	if (ret)
		return ret;
	n = pwrite(d->fd, buf, len, d->regions[idx].info.offset + off);
	if (n != (ssize_t)len)
		return fail(n < 0 ? errno : EIO, "write region %d at 0x%llx", idx,
			    (unsigned long long)off);
	return 0;
}

uint32_t *nv_bar_ptr32(struct nv_dev *d, int bar, uint64_t off)
{
	return region_ptr(d, bar, off, 4);
}

uint32_t nv_bar_read32(struct nv_dev *d, int bar, uint64_t off)
{
	uint32_t *p = nv_bar_ptr32(d, bar, off);
	uint32_t v;

	/* One 32-bit load the compiler may neither split nor elide. */
	if (p)
		return __atomic_load_n(p, __ATOMIC_RELAXED);
	if (nv_region_read(d, bar, off, &v, 4))
		return 0xffffffff;	/* what a dead PCI function reads as */
	return v;
}

void nv_bar_write32(struct nv_dev *d, int bar, uint64_t off, uint32_t val)
{
	uint32_t *p = nv_bar_ptr32(d, bar, off);

	if (p) {
		/* Queue entries written before are visible to the device. */
		__atomic_store_n(p, val, __ATOMIC_RELEASE);
		return;
	}
	nv_region_write(d, bar, off, &val, 4);
}

/* 64-bit registers as two 32-bit accesses, low half first, like lo_hi_*. */
uint64_t nv_bar_read64(struct nv_dev *d, int bar, uint64_t off)
{
	uint64_t lo = nv_bar_read32(d, bar, off);

	return lo | (uint64_t)nv_bar_read32(d, bar, off + 4) << 32;
}

void nv_bar_write64(struct nv_dev *d, int bar, uint64_t off, uint64_t val)
{
	nv_bar_write32(d, bar, off, (uint32_t)val);
	nv_bar_write32(d, bar, off + 4, (uint32_t)(val >> 32));
}

int nv_config_read(struct nv_dev *d, uint32_t off, void *buf, size_t len)
{
	return nv_region_read(d, VFIO_PCI_CONFIG_REGION_INDEX, off, buf, len);
}

int nv_config_write(struct nv_dev *d, uint32_t off, const void *buf, size_t len)
{
	return nv_region_write(d, VFIO_PCI_CONFIG_REGION_INDEX, off, buf, len);
}

int nv_msix_enable(struct nv_dev *d, int n)
{
	struct vfio_irq_set *set;
	size_t sz = sizeof(*set) + n * sizeof(int32_t);
	int i, ret = 0;

	if (n <= 0 || n > d->msix_count || n > NV_MAX_IRQS)
		return fail(0, "%d MSI-X vectors asked, the device has %d", n,
			    d->msix_count);
	if (d->nr_efds)
		nv_msix_disable(d);
	set = calloc(1, sz);
	if (!set)
		return fail(ENOMEM, "MSI-X");
	for (i = 0; i < n; i++) {
		d->efds[i] = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
		if (d->efds[i] < 0) {
			ret = fail(errno, "eventfd");
			goto out;
		}
		d->nr_efds = i + 1;
		((int32_t *)set->data)[i] = d->efds[i];
	}
	set->argsz = sz;
	set->flags = VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_ACTION_TRIGGER;
	set->index = VFIO_PCI_MSIX_IRQ_INDEX;
	set->start = 0;
	set->count = n;
	if (ioctl(d->fd, VFIO_DEVICE_SET_IRQS, set))
		ret = fail(errno, "VFIO_DEVICE_SET_IRQS (MSI-X, %d vectors)", n);
out:
	free(set);
	if (ret) {
		for (i = 0; i < d->nr_efds; i++)
			close(d->efds[i]);
		d->nr_efds = 0;
	}
	return ret;
}

int nv_msix_disable(struct nv_dev *d)
{
	struct vfio_irq_set set = {
		.argsz = sizeof(set),
		.flags = VFIO_IRQ_SET_DATA_NONE | VFIO_IRQ_SET_ACTION_TRIGGER,
		.index = VFIO_PCI_MSIX_IRQ_INDEX,
	};
	int i, ret = 0;

	if (ioctl(d->fd, VFIO_DEVICE_SET_IRQS, &set))
		ret = fail(errno, "VFIO_DEVICE_SET_IRQS (disable MSI-X)");
	for (i = 0; i < d->nr_efds; i++)
		close(d->efds[i]);
	d->nr_efds = 0;
	return ret;
}
