# SPDX-License-Identifier: GPL-2.0
#
# Nitro: build the modules against the installed distribution kernel headers
# and run every test layer. `make help` lists the targets.

TOP := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
NITRO_CACHE ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/nitro
export NITRO_CACHE

# The running kernel of a development machine often has no build tree: then
# use the installed linux-headers-* (the newest one).
KDIR ?= $(firstword $(wildcard /lib/modules/$(shell uname -r)/build) \
	$(lastword $(sort $(filter-out %-common,$(wildcard /usr/src/linux-headers-*)))))

# Build id baked into the modules (see Kbuild): the commit, "+" if dirty.
NITRO_BUILD_ID := $(shell git -C $(TOP) rev-parse --short=12 HEAD 2>/dev/null)$(shell \
	git -C $(TOP) status --porcelain --untracked-files=no 2>/dev/null | grep -q . && echo +)

# The test build (test hooks compiled in) is made from a copy, so that the
# production objects in the tree are never mixed with it.
TESTBUILD := $(NITRO_CACHE)/build/testhooks

MAKEFLAGS += --no-print-directory
KMAKE = $(MAKE) -C $(KDIR) W=1 KCFLAGS=-Werror CONFIG_DEBUG_INFO_BTF_MODULES= \
	NITRO_BUILD_ID=$(or $(NITRO_BUILD_ID),unknown)
KSOURCES = Kbuild include nitro_ctrl nitro_sec nitro_nvme nitro_ena
# Copy sources only; objects already in the copy stay for incremental builds.
SYNC_TEST = mkdir -p $(TESTBUILD) && rsync -a --delete --include='*/' \
	--include='*.[ch]' --include=Kbuild --include=Kconfig --exclude='*' \
	$(addprefix $(TOP)/,$(KSOURCES)) $(TESTBUILD)/

.PHONY: all modules modules-test sparse style kunit vmtest vm-run vm-shell \
	check demo clean install help udrv bench nested nitroctl

all: modules

modules: deps-build
	@test -d "$(KDIR)" || { echo "no kernel build tree: install linux-headers-amd64 or pass KDIR=" >&2; exit 1; }
	$(KMAKE) M=$(TOP) modules

modules-test: deps-build
	@$(SYNC_TEST)
	$(KMAKE) M=$(TESTBUILD) CONFIG_NITRO_TEST_HOOKS=y modules

# sparse over every file, test hooks included (they are in the test build).
sparse: deps-sparse
	@$(SYNC_TEST)
	@$(KMAKE) M=$(TESTBUILD) CONFIG_NITRO_TEST_HOOKS=y C=2 quiet=quiet_ modules \
		>$(NITRO_CACHE)/sparse.log 2>&1 || { cat $(NITRO_CACHE)/sparse.log; exit 1; }
	@if grep -E '(warning|error):' $(NITRO_CACHE)/sparse.log; then exit 1; fi
	@echo "sparse: clean ($$(grep -c '  CHECK' $(NITRO_CACHE)/sparse.log) files)"

style: deps-style
	@$(TOP)/tools/style

kunit:
	@$(TOP)/tools/kunit/run

vmtest: modules-test udrv
	@$(TOP)/tools/vmtest

nested: modules-test
	@$(TOP)/tools/nested/test

vm-run: modules
	@test -n "$(SCRIPT)" || { echo 'usage: make vm-run SCRIPT=path/to/script.sh  (or tools/vm/run -c "command")' >&2; exit 2; }
	@$(TOP)/tools/vm/run $(SCRIPT)

vm-shell: modules
	@$(TOP)/tools/vm/run --shell

check:
	@$(TOP)/tools/check

# tools/nitroctl: the control-plane client (libmnl, libcrypto), and
# nitroctl-mangle for the selftests. `make` builds it with the modules.
all: nitroctl
nitroctl: deps-tools
	$(MAKE) -C $(TOP)/tools/nitroctl

# The userspace VFIO NVMe driver (tools/nvme-udrv) and the benchmarks.
udrv: deps-build
	@$(MAKE) -C $(TOP)/tools/nvme-udrv

bench: modules udrv nitroctl deps-bench
	@$(TOP)/tools/bench/run

demo:
	@$(TOP)/tools/demo/run

install: modules
	$(KMAKE) M=$(TOP) modules_install

clean:
	$(MAKE) -C $(KDIR) M=$(TOP) clean

deps-%:
	@$(TOP)/tools/deps/install $*

help:
	@echo "make              build the four modules (W=1, -Werror) against KDIR=$(KDIR)"
	@echo "make demo         end to end: keys, volume, guest, live attach, I/O, cryptsetup, audit"
	@echo "make check        every test layer; ends with 'N passed, N failed'"
	@echo "make sparse       sparse (C=2) over every file"
	@echo "make style        checkpatch --strict on every tracked C file"
	@echo "make kunit        KUnit suites in UML with KASAN and lockdep"
	@echo "make vmtest       selftests in a QEMU VM with the modules inserted"
	@echo "make nested       a nested guest in the VM: stock nvme, fio, QMP hot-plug, host agent"
	@echo "make vm-run SCRIPT=f   run a script in that VM (see tools/vm/run --help)"
	@echo "make vm-shell     an interactive shell in that VM"
	@echo "make udrv         the userspace VFIO NVMe driver tools/nvme-udrv"
	@echo "make bench        IOPS ratios: our device vs dm-crypt vs plain, on brd"
	@echo "make install      modules_install into /lib/modules (a real host only)"
