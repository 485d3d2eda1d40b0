# SPDX-License-Identifier: GPL-2.0
#
# Nitro: build the modules against the installed distribution kernel headers
# and run every test layer. `make help` lists the targets.

TOP := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))

# The running kernel of a development machine often has no build tree: then
# use the installed linux-headers-* (the newest one).
KDIR ?= $(firstword $(wildcard /lib/modules/$(shell uname -r)/build) \
	$(lastword $(sort $(filter-out %-common,$(wildcard /usr/src/linux-headers-*)))))

MAKEFLAGS += --no-print-directory
KMAKE = $(MAKE) -C $(KDIR) M=$(TOP) W=1 KCFLAGS=-Werror

.PHONY: all modules clean help
all: modules

modules: deps-build
	@test -d "$(KDIR)" || { echo "no kernel build tree: install linux-headers-amd64 or pass KDIR=" >&2; exit 1; }
	$(KMAKE) modules

clean:
	$(MAKE) -C $(KDIR) M=$(TOP) clean

deps-%:
	@$(TOP)/tools/deps/install $*

help:
	@echo "make            build the four modules (W=1, -Werror) against KDIR=$(KDIR)"
