// SPDX-License-Identifier: GPL-2.0
/*
 * The front-end seen from a VFIO user: opens the "test" mdev (nitro-test)
 * through the type1 container and checks config space, regions, every BAR
 * access width at every offset, MSI-X and INTx eventfds, DMA copies into
 * memory mapped as IOVA, unmap while pinned, reset and hostile ioctls.
 *
 *   nitro_fe_test UUID          the full test
 *   nitro_fe_test --gone UUID   the device was detached: BAR reads all ones
 *
 * Prints "PASS: what" or "FAIL: what" per check and "# ..." diagnostics;
 * selftests/fe.sh turns them into TAP. Exit status 0 if all passed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <libgen.h>
#include <limits.h>
#include <poll.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>
#include <linux/pci_regs.h>
#include <linux/vfio.h>

/* The test personality's register map (nitro_ctrl/testhooks_fe.c). */
#define REG_ID		0x00
#define REG_SCRATCH	0x08
#define REG_SRC		0x10
#define REG_DST		0x18
#define REG_LEN		0x20
#define REG_CMD		0x24
#define REG_STATUS	0x28
#define REG_HELD	0x2c
#define REG_OPENS	0x30
#define REG_CLOSES	0x34
#define REG_RESETS	0x38
#define REG_UNMAPS	0x3c
#define REG_DOORBELLS	0x40
#define REG_LAST_DB	0x44
#define REG_LAST_DB_VAL	0x48
#define TEST_ID		0x7e577e57
#define CMD_COPY	1
#define CMD_COPY_PINNED	2
#define CMD_HOLD	3
#define CMD_RELEASE	4
#define DB_BASE		0x1000
#define MSIX_TABLE	0x2000
#define MSIX_PBA	0x3000
#define NR_VECTORS	4
#define BAR0_SIZE	0x4000
#define BAR2_SIZE	0x1000
#define CAP_MSIX	0x50
#define CAP_PCIE	0x60

#define PAGE		4096UL
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define IOVA_SRC	0x100000ULL
#define IOVA_DST	0x200000ULL
#define IOVA_HOLD	0x300000ULL

static int failures;
static const char *uuid;
static int container = -1, group = -1, dev = -1;
static __u64 region_off[VFIO_PCI_NUM_REGIONS];

static void check(int ok, const char *fmt, ...)
{
	va_list ap;

	printf(ok ? "PASS: " : "FAIL: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	if (!ok)
		failures++;
}

static void diag(const char *fmt, ...)
{
	va_list ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

static void die(const char *what)
{
	printf("FAIL: %s: %s\n", what, strerror(errno));
	exit(1);
}

/* Access @size bytes at @off of region @idx; returns pread's result. */
static ssize_t rd(int idx, __u64 off, void *buf, size_t size)
{
	return pread(dev, buf, size, region_off[idx] + off);
}

static ssize_t wr(int idx, __u64 off, const void *buf, size_t size)
{
	return pwrite(dev, buf, size, region_off[idx] + off);
}

static __u64 rdn(int idx, __u64 off, int size)
{
	__u64 v = 0;

	if (rd(idx, off, &v, size) != size)
		diag("read of %d bytes at %d:0x%llx failed: %s", size,
		     idx, off, strerror(errno));
	return v;
}

static void wrn(int idx, __u64 off, int size, __u64 v)
{
	if (wr(idx, off, &v, size) != size)
		diag("write of %d bytes at %d:0x%llx failed: %s", size,
		     idx, off, strerror(errno));
}

#define CFG	VFIO_PCI_CONFIG_REGION_INDEX
#define cfg8(o)		((__u8)rdn(CFG, o, 1))
#define cfg16(o)	((__u16)rdn(CFG, o, 2))
#define cfg32(o)	((__u32)rdn(CFG, o, 4))
#define bar0(o)		((__u32)rdn(0, o, 4))
#define bar0_64(o)	rdn(0, o, 8)

static long sysfs_stat(const char *name)
{
	char path[256], buf[64] = "";
	FILE *f;

	snprintf(path, sizeof(path), "/sys/bus/mdev/devices/%s/nitro/%s",
		 uuid, name);
	f = fopen(path, "r");
	if (!f || !fgets(buf, sizeof(buf), f))
		diag("cannot read %s", path);
	if (f)
		fclose(f);
	return strtol(buf, NULL, 10);
}

static void open_group(void)
{
	char link[PATH_MAX], path[PATH_MAX + 32];
	struct vfio_group_status st = { .argsz = sizeof(st) };
	ssize_t n;

	snprintf(path, sizeof(path), "/sys/bus/mdev/devices/%s/iommu_group",
		 uuid);
	n = readlink(path, link, sizeof(link) - 1);
	if (n < 0)
		die("iommu_group link");
	link[n] = '\0';
	snprintf(path, sizeof(path), "/dev/vfio/%s", basename(link));

	container = open("/dev/vfio/vfio", O_RDWR);
	if (container < 0)
		die("open /dev/vfio/vfio");
	check(ioctl(container, VFIO_GET_API_VERSION) == VFIO_API_VERSION,
	      "container: API version %d", VFIO_API_VERSION);
	check(ioctl(container, VFIO_CHECK_EXTENSION, VFIO_TYPE1v2_IOMMU) > 0,
	      "container: type1v2 supported");
	group = open(path, O_RDWR);
	if (group < 0)
		die(path);
	check(!ioctl(group, VFIO_GROUP_GET_STATUS, &st) &&
	      (st.flags & VFIO_GROUP_FLAGS_VIABLE), "group %s viable", path);
	if (ioctl(group, VFIO_GROUP_SET_CONTAINER, &container))
		die("VFIO_GROUP_SET_CONTAINER");
	if (ioctl(container, VFIO_SET_IOMMU, VFIO_TYPE1v2_IOMMU))
		die("VFIO_SET_IOMMU");
}

static void open_device(void)
{
	struct vfio_region_info ri = { .argsz = sizeof(ri) };
	int i;

	dev = ioctl(group, VFIO_GROUP_GET_DEVICE_FD, uuid);
	if (dev < 0)
		die("VFIO_GROUP_GET_DEVICE_FD");
	for (i = 0; i < VFIO_PCI_NUM_REGIONS; i++) {
		ri.index = i;
		if (ioctl(dev, VFIO_DEVICE_GET_REGION_INFO, &ri))
			die("VFIO_DEVICE_GET_REGION_INFO");
		region_off[i] = ri.offset;
	}
}

static void test_info(void)
{
	static const __u64 sizes[VFIO_PCI_NUM_REGIONS] = {
		[0] = BAR0_SIZE, [2] = BAR2_SIZE,
		[VFIO_PCI_CONFIG_REGION_INDEX] = 4096,
	};
	struct vfio_device_info info = { .argsz = sizeof(info) };
	struct vfio_region_info ri = { .argsz = sizeof(ri) };
	struct vfio_irq_info ii = { .argsz = sizeof(ii) };
	int i, ok;

	check(!ioctl(dev, VFIO_DEVICE_GET_INFO, &info) &&
	      info.flags == (VFIO_DEVICE_FLAGS_PCI | VFIO_DEVICE_FLAGS_RESET) &&
	      info.num_regions == VFIO_PCI_NUM_REGIONS &&
	      info.num_irqs == VFIO_PCI_NUM_IRQS,
	      "GET_INFO: PCI|RESET, 9 regions, 5 irqs");

	ok = 1;
	for (i = 0; i < VFIO_PCI_NUM_REGIONS; i++) {
		__u32 want = sizes[i] ? VFIO_REGION_INFO_FLAG_READ |
					   VFIO_REGION_INFO_FLAG_WRITE : 0;

		ri.index = i;
		if (ioctl(dev, VFIO_DEVICE_GET_REGION_INFO, &ri) ||
		    ri.size != sizes[i] || ri.flags != want ||
		    ri.offset != (__u64)i << 40) {
			diag("region %d: size %llu flags 0x%x offset 0x%llx", i,
			     (unsigned long long)ri.size, ri.flags,
			     (unsigned long long)ri.offset);
			ok = 0;
		}
	}
	check(ok, "GET_REGION_INFO: BAR0 16 KiB, BAR2 4 KiB, config 4 KiB, rest absent");
	ri.index = VFIO_PCI_NUM_REGIONS;
	check(ioctl(dev, VFIO_DEVICE_GET_REGION_INFO, &ri) < 0 && errno == EINVAL,
	      "GET_REGION_INFO: index 9 is EINVAL");
	ri.argsz = 8;
	ri.index = 0;
	check(ioctl(dev, VFIO_DEVICE_GET_REGION_INFO, &ri) < 0 && errno == EINVAL,
	      "GET_REGION_INFO: short argsz is EINVAL");

	ii.index = VFIO_PCI_MSIX_IRQ_INDEX;
	check(!ioctl(dev, VFIO_DEVICE_GET_IRQ_INFO, &ii) && ii.count == NR_VECTORS &&
	      ii.flags == (VFIO_IRQ_INFO_EVENTFD | VFIO_IRQ_INFO_NORESIZE),
	      "GET_IRQ_INFO: MSI-X, 4 vectors, eventfd");
	ii.index = VFIO_PCI_INTX_IRQ_INDEX;
	check(!ioctl(dev, VFIO_DEVICE_GET_IRQ_INFO, &ii) && ii.count == 1 &&
	      ii.flags == (VFIO_IRQ_INFO_EVENTFD | VFIO_IRQ_INFO_MASKABLE |
			   VFIO_IRQ_INFO_AUTOMASKED),
	      "GET_IRQ_INFO: INTx, maskable, automasked");
	ii.index = VFIO_PCI_MSI_IRQ_INDEX;
	check(!ioctl(dev, VFIO_DEVICE_GET_IRQ_INFO, &ii) && ii.count == 0,
	      "GET_IRQ_INFO: no MSI");
	ii.index = VFIO_PCI_REQ_IRQ_INDEX;
	check(!ioctl(dev, VFIO_DEVICE_GET_IRQ_INFO, &ii) && ii.count == 1,
	      "GET_IRQ_INFO: REQ");
	ii.index = VFIO_PCI_NUM_IRQS;
	check(ioctl(dev, VFIO_DEVICE_GET_IRQ_INFO, &ii) < 0 && errno == EINVAL,
	      "GET_IRQ_INFO: index 5 is EINVAL");
	check(ioctl(dev, _IO(VFIO_TYPE, VFIO_BASE + 60)) < 0 && errno == ENOTTY,
	      "unknown ioctl is ENOTTY");
	check(mmap(NULL, PAGE, PROT_READ, MAP_SHARED, dev, region_off[0]) ==
	      MAP_FAILED, "mmap of BAR0 refused");
}

static void test_config(void)
{
	static const __u8 want_caps[] = { PCI_CAP_ID_PM, PCI_CAP_ID_MSIX,
					     PCI_CAP_ID_EXP };
	__u8 buf[8];
	unsigned int pos, n = 0, ok = 1;
	__u32 bar0;

	check(cfg32(PCI_VENDOR_ID) == 0xfe571d0f, "config: vendor 1d0f device fe57");
	check(cfg32(PCI_CLASS_REVISION) == 0xff000001, "config: class ff0000 rev 1");
	check(cfg16(PCI_SUBSYSTEM_VENDOR_ID) == 0x1d0f &&
	      cfg16(PCI_SUBSYSTEM_ID) == 0x0001, "config: subsystem 1d0f:0001");
	check(cfg8(PCI_HEADER_TYPE) == 0, "config: header type 0");
	check(cfg16(PCI_STATUS) == PCI_STATUS_CAP_LIST, "config: status has a capability list");
	check(cfg8(PCI_INTERRUPT_PIN) == 1, "config: INTA#");
	check(cfg32(PCI_BASE_ADDRESS_0) == PCI_BASE_ADDRESS_MEM_TYPE_64 &&
	      cfg32(PCI_BASE_ADDRESS_2) == 0 && cfg32(PCI_BASE_ADDRESS_3) == 0,
	      "config: BAR0 64-bit memory, BAR2 32-bit memory");

	for (pos = cfg8(PCI_CAPABILITY_LIST); pos && n < 48; n++) {
		if (n >= sizeof(want_caps) || cfg8(pos) != want_caps[n] || pos & 3)
			ok = 0;
		pos = cfg8(pos + 1);
	}
	check(ok && n == 3, "config: capability chain PM, MSI-X, PCIe (%u found)", n);
	check(cfg16(CAP_MSIX + PCI_MSIX_FLAGS) == NR_VECTORS - 1 &&
	      cfg32(CAP_MSIX + PCI_MSIX_TABLE) == MSIX_TABLE &&
	      cfg32(CAP_MSIX + PCI_MSIX_PBA) == MSIX_PBA,
	      "config: MSI-X 4 vectors, table 0x2000, PBA 0x3000 in BAR0");
	check((cfg16(CAP_PCIE + PCI_EXP_FLAGS) & 0xf) == 2 &&
	      (cfg32(CAP_PCIE + PCI_EXP_DEVCAP) & PCI_EXP_DEVCAP_FLR),
	      "config: PCIe v2 with FLR");
	check(cfg32(0x100) == 0, "config: no extended capability");

	/* BAR sizing. */
	wrn(CFG, PCI_BASE_ADDRESS_0, 4, 0xffffffff);
	wrn(CFG, PCI_BASE_ADDRESS_1, 4, 0xffffffff);
	wrn(CFG, PCI_BASE_ADDRESS_2, 4, 0xffffffff);
	wrn(CFG, PCI_BASE_ADDRESS_4, 4, 0xffffffff);
	wrn(CFG, PCI_ROM_ADDRESS, 4, 0xffffffff);
	bar0 = cfg32(PCI_BASE_ADDRESS_0);
	check(bar0 == 0xffffc004 && cfg32(PCI_BASE_ADDRESS_1) == 0xffffffff &&
	      cfg32(PCI_BASE_ADDRESS_2) == 0xfffff000 &&
	      cfg32(PCI_BASE_ADDRESS_4) == 0 && cfg32(PCI_ROM_ADDRESS) == 0,
	      "config: BAR sizing gives 16 KiB and 4 KiB (BAR0 0x%08x)", bar0);
	wrn(CFG, PCI_BASE_ADDRESS_0, 4, 0xfebf0000);
	wrn(CFG, PCI_BASE_ADDRESS_1, 4, 0);
	check(cfg32(PCI_BASE_ADDRESS_0) == 0xfebf0004, "config: BAR0 takes an address");

	/* Read-only fields stay; command takes only its writable bits. */
	wrn(CFG, PCI_VENDOR_ID, 4, 0);
	check(cfg32(PCI_VENDOR_ID) == 0xfe571d0f, "config: IDs are read-only");
	wrn(CFG, PCI_COMMAND, 2, 0xffff);
	check(cfg16(PCI_COMMAND) == 0x0546, "config: command write mask (0x%04x)",
	      cfg16(PCI_COMMAND));
	wrn(CFG, PCI_COMMAND, 2, PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);

	/* Accesses of any length are split; past the end is refused. */
	check(rd(CFG, 0, buf, 8) == 8 && !memcmp(buf, "\x0f\x1d\x57\xfe", 4),
	      "config: an 8-byte read is split into dwords");
	check(rd(CFG, 1, buf, 3) == 3 && buf[0] == 0x1d && buf[1] == 0x57,
	      "config: an unaligned 3-byte read");
	check(rd(CFG, 4094, buf, 4) < 0 && errno == EINVAL,
	      "config: read across the end is EINVAL");
	check(rd(CFG, 4096, buf, 1) < 0 && errno == EINVAL,
	      "config: read past the end is EINVAL");
	check(wr(CFG, 4095, buf, 2) < 0 && errno == EINVAL,
	      "config: write across the end is EINVAL");
}

/* BAR2 is plain memory: every width at every offset reads back. */
static void test_bar2_every_access(void)
{
	static __u8 shadow[BAR2_SIZE], back[BAR2_SIZE];
	static const int sizes[] = { 1, 2, 3, 4, 5, 8, 16 };
	unsigned int s, off, bad = 0;
	__u8 pat[16], got[16];
	int i;

	memset(shadow, 0, sizeof(shadow));
	for (s = 0; s < ARRAY_SIZE(sizes); s++) {
		int size = sizes[s];

		for (off = 0; off + size <= BAR2_SIZE; off++) {
			for (i = 0; i < size; i++)
				pat[i] = (off * 7 + size * 13 + i) & 0xff;
			if (wr(2, off, pat, size) != size ||
			    rd(2, off, got, size) != size ||
			    memcmp(pat, got, size)) {
				if (bad++ < 5)
					diag("BAR2 size %d off %u wrong", size, off);
			}
			memcpy(shadow + off, pat, size);
		}
	}
	check(!bad, "BAR2: writes and reads of 1-16 bytes at every offset (%u bad)", bad);
	check(rd(2, 0, back, BAR2_SIZE) == BAR2_SIZE && !memcmp(back, shadow, BAR2_SIZE),
	      "BAR2: a whole-BAR read returns every byte written");
}

static void test_bar_bounds(void)
{
	long before = sysfs_stat("bad_access");
	__u64 v = 0;
	int i, n = 0;
	struct { int idx; __u64 off; size_t len; } bad[] = {
		{ 2, BAR2_SIZE, 1 }, { 2, BAR2_SIZE - 4, 8 }, { 2, BAR2_SIZE - 1, 2 },
		{ 0, BAR0_SIZE, 4 }, { 0, BAR0_SIZE - 2, 4 }, { 0, 1ULL << 39, 4 },
		{ 1, 0, 4 }, { 3, 0, 1 }, { 5, 0, 8 },
		{ VFIO_PCI_ROM_REGION_INDEX, 0, 4 }, { VFIO_PCI_VGA_REGION_INDEX, 0, 4 },
	};

	for (i = 0; i < (int)ARRAY_SIZE(bad); i++) {
		errno = 0;
		if (rd(bad[i].idx, bad[i].off, &v, bad[i].len) < 0 && errno == EINVAL)
			n++;
		else
			diag("read %d:0x%llx+%zu not refused", bad[i].idx,
			     bad[i].off, bad[i].len);
		errno = 0;
		if (wr(bad[i].idx, bad[i].off, &v, bad[i].len) < 0 && errno == EINVAL)
			n++;
		else
			diag("write %d:0x%llx+%zu not refused", bad[i].idx,
			     bad[i].off, bad[i].len);
	}
	check(n == 2 * i, "BARs: %d accesses past the end or to absent regions are EINVAL", n);
	check(pread(dev, &v, 4, 9ULL << 40) < 0 && errno == EINVAL,
	      "region 9 does not exist");
	check(pread(dev, &v, 4, -1) < 0, "negative offset refused");
	check(sysfs_stat("bad_access") - before == 2 * i + 1,
	      "bad_access counted every refused access (%ld)",
	      sysfs_stat("bad_access") - before);
}

static void test_bar0_registers(void)
{
	static const int sizes[] = { 1, 2, 4, 8 };
	unsigned int s, off, bad = 0;
	__u64 v;

	check(bar0(REG_ID) == TEST_ID && bar0_64(REG_ID) == TEST_ID,
	      "BAR0: ID register");
	wrn(0, REG_ID, 4, 0);
	check(bar0(REG_ID) == TEST_ID, "BAR0: ID is read-only");
	wrn(0, REG_SCRATCH, 8, 0x0123456789abcdefULL);
	check(bar0_64(REG_SCRATCH) == 0x0123456789abcdefULL &&
	      rdn(0, REG_SCRATCH + 6, 2) == 0x0123 && rdn(0, REG_SCRATCH + 3, 1) == 0x89,
	      "BAR0: 64-bit scratch, read back whole and in parts");
	wrn(0, REG_SCRATCH + 2, 2, 0xbeef);
	check(bar0_64(REG_SCRATCH) == 0x01234567beefcdefULL,
	      "BAR0: 16-bit write into the scratch register");

	/* Every width at every offset of BAR0: defined values, no error. */
	for (s = 0; s < 4; s++) {
		for (off = 0; off + sizes[s] <= BAR0_SIZE; off += sizes[s]) {
			v = 0;
			if (rd(0, off, &v, sizes[s]) != sizes[s]) {
				bad++;
				continue;
			}
			/* Unused register space, doorbells and PBA read 0. */
			if (((off >= 0x100 && off < DB_BASE) ||
			     (off >= DB_BASE && off < DB_BASE + 32) ||
			     (off >= 0x2040 && off < MSIX_PBA) || off >= MSIX_PBA) && v) {
				if (bad++ < 5)
					diag("BAR0 %d bytes at 0x%x = 0x%llx",
					     sizes[s], off, v);
			}
		}
	}
	check(!bad, "BAR0: every width at every aligned offset reads a defined value");
	/* Vector Control of every vector reads masked at reset. */
	for (s = 0, bad = 0; s < NR_VECTORS; s++)
		if (bar0(MSIX_TABLE + 16 * s + 12) != 1)
			bad++;
	check(!bad, "MSI-X table: every vector masked after reset");
}

static int efd_count(int fd, int wait_ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	__u64 n;

	if (poll(&p, 1, wait_ms) != 1)
		return 0;
	if (read(fd, &n, 8) != 8)
		return -1;
	return (int)n;
}

static int set_irqs(__u32 index, __u32 flags, __u32 start,
		    __u32 count, const __s32 *fds)
{
	char buf[sizeof(struct vfio_irq_set) + 16 * sizeof(__s32)];
	struct vfio_irq_set *s = (void *)buf;

	s->argsz = sizeof(*s) + ((flags & VFIO_IRQ_SET_DATA_EVENTFD) ? count * 4 : 0);
	s->flags = flags;
	s->index = index;
	s->start = start;
	s->count = count;
	if (fds)
		memcpy(s->data, fds, count * 4);
	return ioctl(dev, VFIO_DEVICE_SET_IRQS, s);
}

#define TRIG_FD		(VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_ACTION_TRIGGER)
#define TRIG_NONE	(VFIO_IRQ_SET_DATA_NONE | VFIO_IRQ_SET_ACTION_TRIGGER)

static void doorbell(int index, __u32 value)
{
	wrn(0, DB_BASE + 4 * index, 4, value);
}

static void test_msix(void)
{
	__s32 fds[NR_VECTORS], bogus[2] = { -1, 9999 };
	long dropped;
	int i, quiet;

	for (i = 0; i < NR_VECTORS; i++)
		fds[i] = eventfd(0, EFD_NONBLOCK);

	check(set_irqs(VFIO_PCI_MSIX_IRQ_INDEX, TRIG_FD, 0, 5, fds) < 0 &&
	      errno == EINVAL, "SET_IRQS: 5 MSI-X vectors is EINVAL");
	check(set_irqs(VFIO_PCI_MSIX_IRQ_INDEX, TRIG_FD, 2, 2, bogus) < 0 &&
	      errno == EBADF, "SET_IRQS: a bad eventfd is EBADF");
	check(set_irqs(VFIO_PCI_MSI_IRQ_INDEX, TRIG_FD, 0, 1, fds) < 0 &&
	      errno == EINVAL, "SET_IRQS: MSI is EINVAL");
	check(!set_irqs(VFIO_PCI_MSIX_IRQ_INDEX, TRIG_FD, 0, NR_VECTORS, fds),
	      "SET_IRQS: 4 MSI-X eventfds");
	check(bar0(MSIX_TABLE + 16 * 2 + 12) == 0,
	      "MSI-X table: a vector with an eventfd is unmasked");

	doorbell(2, 3);
	check(efd_count(fds[3], 2000) == 1, "doorbell 2 <- 3 fires vector 3");
	quiet = 1;
	for (i = 0; i < 3; i++)
		if (efd_count(fds[i], 0))
			quiet = 0;
	check(quiet, "no other vector fired");
	check(bar0(DB_BASE + 8) == 3 && bar0(REG_LAST_DB) == 2 &&
	      bar0(REG_LAST_DB_VAL) == 3 && bar0(REG_DOORBELLS) == 1,
	      "doorbell latched and passed on (index 2, value 3)");

	/* Masked vector: pending in the PBA, fires on unmask. */
	wrn(0, MSIX_TABLE + 16 + 12, 4, 1);
	doorbell(0, 1);
	check(efd_count(fds[1], 100) == 0 && bar0(MSIX_PBA) == 2,
	      "masked vector 1: no signal, PBA bit set");
	wrn(0, MSIX_TABLE + 16 + 12, 4, 0);
	check(efd_count(fds[1], 2000) == 1 && bar0(MSIX_PBA) == 0,
	      "unmasking vector 1 delivers it and clears the PBA");

	/* Function mask through config space. */
	wrn(CFG, CAP_MSIX + PCI_MSIX_FLAGS, 2, PCI_MSIX_FLAGS_ENABLE | PCI_MSIX_FLAGS_MASKALL);
	doorbell(1, 0);
	check(efd_count(fds[0], 100) == 0 && bar0(MSIX_PBA) == 1,
	      "function mask holds vector 0 pending");
	wrn(CFG, CAP_MSIX + PCI_MSIX_FLAGS, 2, PCI_MSIX_FLAGS_ENABLE);
	check(efd_count(fds[0], 2000) == 1, "clearing the function mask delivers it");

	dropped = sysfs_stat("irqs_dropped");
	doorbell(0, 7);
	check(sysfs_stat("irqs_dropped") == dropped + 1,
	      "a vector the device does not have is dropped and counted");

	/* De-assign one vector, then disable the index. */
	bogus[0] = -1;
	check(!set_irqs(VFIO_PCI_MSIX_IRQ_INDEX, TRIG_FD, 3, 1, bogus),
	      "SET_IRQS: fd -1 de-assigns vector 3");
	doorbell(0, 3);
	check(efd_count(fds[3], 100) == 0 && bar0(MSIX_TABLE + 48 + 12) == 1,
	      "de-assigned vector 3 is masked and silent");
	check(!set_irqs(VFIO_PCI_MSIX_IRQ_INDEX, TRIG_NONE, 0, 0, NULL),
	      "SET_IRQS: disable MSI-X");
	doorbell(0, 0);
	check(efd_count(fds[0], 100) == 0, "disabled MSI-X: no signal");
	for (i = 0; i < NR_VECTORS; i++)
		close(fds[i]);
}

static void test_intx(void)
{
	__s32 fd = eventfd(0, EFD_NONBLOCK), mfd = eventfd(0, 0);

	check(!set_irqs(VFIO_PCI_INTX_IRQ_INDEX, TRIG_FD, 0, 1, &fd),
	      "SET_IRQS: INTx eventfd");
	check(set_irqs(VFIO_PCI_MSIX_IRQ_INDEX, TRIG_FD, 0, 1, &mfd) < 0 &&
	      errno == EBUSY, "SET_IRQS: MSI-X while INTx is on is EBUSY");
	doorbell(0, 0);
	check(efd_count(fd, 2000) == 1 &&
	      (cfg16(PCI_STATUS) & PCI_STATUS_INTERRUPT),
	      "INTx fires, Status.INTx set");
	doorbell(0, 0);
	check(efd_count(fd, 100) == 0, "INTx is automasked");
	check(!set_irqs(VFIO_PCI_INTX_IRQ_INDEX, VFIO_IRQ_SET_DATA_NONE |
			VFIO_IRQ_SET_ACTION_UNMASK, 0, 1, NULL) &&
	      !(cfg16(PCI_STATUS) & PCI_STATUS_INTERRUPT),
	      "INTx unmask clears Status.INTx");
	wrn(CFG, PCI_COMMAND, 2, PCI_COMMAND_MEMORY | PCI_COMMAND_INTX_DISABLE);
	doorbell(0, 0);
	check(efd_count(fd, 100) == 0, "Command.INTX_DISABLE holds INTx back");
	wrn(CFG, PCI_COMMAND, 2, PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
	check(efd_count(fd, 2000) == 1, "clearing INTX_DISABLE delivers it");
	check(!set_irqs(VFIO_PCI_INTX_IRQ_INDEX, TRIG_NONE, 0, 0, NULL),
	      "SET_IRQS: disable INTx");
	close(fd);
	close(mfd);
}

static void *map_iova(__u64 iova, size_t len)
{
	struct vfio_iommu_type1_dma_map m = { .argsz = sizeof(m) };
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		die("mmap");
	m.flags = VFIO_DMA_MAP_FLAG_READ | VFIO_DMA_MAP_FLAG_WRITE;
	m.vaddr = (uintptr_t)p;
	m.iova = iova;
	m.size = len;
	if (ioctl(container, VFIO_IOMMU_MAP_DMA, &m))
		die("VFIO_IOMMU_MAP_DMA");
	return p;
}

static int unmap_iova(__u64 iova, size_t len)
{
	struct vfio_iommu_type1_dma_unmap u = { .argsz = sizeof(u) };

	u.iova = iova;
	u.size = len;
	return ioctl(container, VFIO_IOMMU_UNMAP_DMA, &u);
}

static __s32 command(__u64 src, __u64 dst, __u32 len, __u32 cmd)
{
	wrn(0, REG_SRC, 8, src);
	wrn(0, REG_DST, 8, dst);
	wrn(0, REG_LEN, 4, len);
	wrn(0, REG_CMD, 4, cmd);
	return (__s32)bar0(REG_STATUS);
}

static void test_dma(void)
{
	__u8 *src = map_iova(IOVA_SRC, 4 * PAGE);
	__u8 *dst = map_iova(IOVA_DST, 4 * PAGE);
	__u8 *hold;
	__u32 unmaps;
	__s32 st;
	size_t i;

	for (i = 0; i < 4 * PAGE; i++)
		src[i] = (i * 31 + 7) & 0xff;
	memset(dst, 0xaa, 4 * PAGE);

	st = command(IOVA_SRC, IOVA_DST, 5000, CMD_COPY);
	check(st == 0 && !memcmp(dst, src, 5000) && dst[5000] == 0xaa,
	      "DMA copy of 5000 bytes through dma_rw (status %d)", st);
	memset(dst, 0xaa, 4 * PAGE);
	st = command(IOVA_SRC + 123, IOVA_DST + 77, 3 * PAGE, CMD_COPY_PINNED);
	check(st == 0 && !memcmp(dst + 77, src + 123, 3 * PAGE) &&
	      dst[76] == 0xaa && dst[77 + 3 * PAGE] == 0xaa,
	      "DMA copy of 3 pages at odd offsets through pinned pages (status %d)", st);
	check(sysfs_stat("pinned") == 0 && sysfs_stat("pins") == 8,
	      "pins: 8 taken, none left (%ld, %ld)", sysfs_stat("pins"),
	      sysfs_stat("pinned"));

	st = command(0x900000, IOVA_DST, 16, CMD_COPY);
	check(st < 0, "DMA from an unmapped IOVA fails (status %d)", st);
	st = command(IOVA_SRC, 0x900000, 16, CMD_COPY_PINNED);
	check(st < 0 && sysfs_stat("pinned") == 0,
	      "pinning an unmapped IOVA fails and leaves no pin (status %d)", st);
	st = command(IOVA_SRC + 3 * PAGE, IOVA_DST, 2 * PAGE, CMD_COPY);
	check(st < 0, "DMA running past the mapping fails (status %d)", st);

	/* Unmap while pinned: the front-end drops the pins, no BUG. */
	hold = map_iova(IOVA_HOLD, 4 * PAGE);
	st = command(0, IOVA_HOLD + 100, 3 * PAGE, CMD_HOLD);
	check(st == 0 && bar0(REG_HELD) == 4 && sysfs_stat("pinned") == 4,
	      "holding 4 pinned pages (status %d)", st);
	unmaps = bar0(REG_UNMAPS);
	check(!unmap_iova(IOVA_HOLD, 4 * PAGE), "UNMAP_DMA of the pinned range succeeds");
	check(bar0(REG_UNMAPS) == unmaps + 1 && bar0(REG_HELD) == 0,
	      "the personality saw dma_unmap and let go");
	check(sysfs_stat("pinned") == 0 && sysfs_stat("unpinned_by_fe") == 4,
	      "the front-end dropped the 4 pins it left");
	munmap(hold, 4 * PAGE);

	/* A hold released properly, and one left for close to drop. */
	st = command(0, IOVA_DST, PAGE, CMD_HOLD);
	check(st == 0 && sysfs_stat("pinned") == 1, "hold 1 page");
	st = command(0, 0, 0, CMD_RELEASE);
	check(st == 0 && sysfs_stat("pinned") == 0 && sysfs_stat("bad_unpin") == 0,
	      "release unpins it");
}

/* Pins the personality still holds at close are the front-end's to drop. */
static void test_hold_across_close(void)
{
	__s32 st = command(0, IOVA_DST, 2 * PAGE, CMD_HOLD);

	check(st == 0 && sysfs_stat("pinned") == 2, "hold 2 pages across close");
}

static void test_reset(void)
{
	__u32 resets = bar0(REG_RESETS);

	wrn(0, REG_SCRATCH, 8, 0x55);
	doorbell(5, 9);
	check(!ioctl(dev, VFIO_DEVICE_RESET), "VFIO_DEVICE_RESET");
	check(bar0(REG_RESETS) == resets + 1 && bar0_64(REG_SCRATCH) == 0 &&
	      bar0(DB_BASE + 20) == 0 && cfg16(PCI_COMMAND) == 0 &&
	      cfg32(PCI_BASE_ADDRESS_0) == 0xfebf0004,
	      "reset: registers, doorbell latches and command cleared, BARs kept");
	wrn(0, REG_SCRATCH, 8, 0x55);
	wrn(CFG, CAP_PCIE + PCI_EXP_DEVCTL, 2, PCI_EXP_DEVCTL_BCR_FLR);
	check(bar0(REG_RESETS) == resets + 2 && bar0_64(REG_SCRATCH) == 0 &&
	      !(cfg16(CAP_PCIE + PCI_EXP_DEVCTL) & PCI_EXP_DEVCTL_BCR_FLR),
	      "function-level reset through config space");
}

static int test_gone(void)
{
	__u32 v = 0;

	open_group();
	open_device();
	check(rd(CFG, 0, &v, 4) == 4 && v == 0xfe571d0f,
	      "detached: config space still reads (the VMM's view)");
	check(rd(0, REG_ID, &v, 4) == 4 && v == 0xffffffff,
	      "detached: BAR0 reads all ones");
	wrn(0, REG_SCRATCH, 4, 1);
	check(sysfs_stat("gone") == 1, "detached: sysfs says gone");
	return failures ? 1 : 0;
}

int main(int argc, char **argv)
{
	struct rlimit rl = { RLIM_INFINITY, RLIM_INFINITY };
	__u32 opens;

	setvbuf(stdout, NULL, _IOLBF, 0);
	setrlimit(RLIMIT_MEMLOCK, &rl);
	if (argc == 3 && !strcmp(argv[1], "--gone")) {
		uuid = argv[2];
		return test_gone();
	}
	if (argc != 2) {
		fprintf(stderr, "usage: %s [--gone] UUID\n", argv[0]);
		return 2;
	}
	uuid = argv[1];

	open_group();
	open_device();
	opens = bar0(REG_OPENS);
	check(opens == 1 && bar0(REG_CLOSES) == 0, "open reached the personality once");
	test_info();
	test_config();
	test_bar0_registers();
	test_bar2_every_access();
	test_bar_bounds();
	test_msix();
	test_intx();
	test_dma();
	test_reset();
	test_hold_across_close();

	close(dev);
	check(sysfs_stat("pinned") == 0, "close dropped the pins left behind");
	open_device();
	check(bar0(REG_OPENS) == 2 && bar0(REG_CLOSES) == 1,
	      "close and reopen reached the personality");
	check(bar0_64(REG_SCRATCH) == 0 && cfg16(PCI_COMMAND) == 0,
	      "the device reopens in reset state");
	close(dev);
	close(group);
	close(container);
	return failures ? 1 : 0;
}
