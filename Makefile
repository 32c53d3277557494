# SPDX-License-Identifier: GPL-2.0-only
#
# Build of the KVM/arm64 SME conformance suite.
#
#   make KDIR=<linux source tree> [O=<build dir>] [SME_CAP=<n>] [-j2]
#   make KDIR=<linux source tree> install DESTDIR=<dir>
#   make KDIR=<linux source tree> tarball [TARBALL=<file>]
#   make clean
#
# The upstream KVM selftests library, the kselftest harness and the baseline
# group of upstream tests are built from $(KDIR) into $(O) by upstream's own
# makefile (tools/testing/selftests/kvm/Makefile), so the library's source
# list and compiler flags are always those of the tree being used.  The same
# makefile is asked once for its CFLAGS, LDFLAGS, LDLIBS and LIBKVM_OBJS
# (written to $(O)/kvm-vars.mk); our own programs are then compiled with
# those flags and linked against those objects.  Nothing is written to
# $(KDIR): UAPI headers, sysreg-defs.h and every object go below $(O).
#
# Our programs: every arm64/<name>.c is one program, $(O)/bin/<name>,
# linked with lib/*.c, the guest payloads in guest_code/ (*.S, *.c) and the
# upstream library.  lib/ and guest_code/ objects go into one archive,
# $(O)/libsmekvm.a, so a program takes the members it uses.  HOST_PROGS
# are linked without the upstream library (its constructor exits when
# /dev/kvm is missing).  Everything is linked statically.

ARCH ?= arm64
ifeq ($(shell uname -m),aarch64)
CROSS_COMPILE ?=
else
CROSS_COMPILE ?= aarch64-linux-gnu-
endif
O ?= $(CURDIR)/build/suite
override O := $(abspath $(O))

# Number of KVM_CAP_ARM_SME for kernels whose headers lack it (lib/sme_uapi.h).
SME_CAP ?=

# The tests of upstream's group that we run as a baseline, as named in
# upstream's Makefile.kvm; they are installed under their base names.
BASELINE := get-reg-list arm64/set_id_regs arm64/host_sve arm64/idreg-idst \
	    arm64/vcpu_width_config arm64/aarch32_id_regs arm64/hello_el2 \
	    arm64/psci_test

# The arm64 FP kselftests of $(KDIR) (tools/testing/selftests/arm64/fp):
# the series changes the host's own FP/SVE/SME code, which these check.
# They are built statically by their own makefile into $(O)/fp and
# installed whole as fp/, because fp-stress runs its helper programs from
# its own directory.
FP_OUT := $(O)/fp

# The kernel's kselftest runner, from $(KDIR), is installed beside
# run_tests.sh, and scripts/kselftest-entry makes a kselftest collection of
# each test of tests.list: the install directory is also a kselftest
# install directory, for run_kselftest.sh.
KSFT_SRC = $(KDIR)/tools/testing/selftests
KSFT_LIB = $(wildcard $(addprefix $(KSFT_SRC)/kselftest/,runner.sh \
	   ktap_helpers.sh prefix.pl))

# make tarball: the install directory, packed for a board (as kselftest's
# gen_tar packs its own); it unpacks into smekvm/.
TARBALL ?= $(O)/smekvm.tar.gz
TAR_STAGE := $(O)/tarball

# Programs that must not link the KVM selftests library.
HOST_PROGS := sme_caps cmodx_sync kvm_hold_vm

# The in-guest runner and its data, installed when present.
RUN_TESTS ?= $(firstword $(wildcard run_tests.sh scripts/run_tests.sh))

ifeq ($(V),1)
Q :=
else
Q := @
MAKEFLAGS += --no-print-directory
endif

# Our command-line variables (O, KDIR, ...) must not leak into the upstream
# and kernel makefiles, which give some of them other meanings: every
# sub-make below gets what it needs explicitly.
MAKEOVERRIDES :=

PROGS := $(patsubst arm64/%.c,%,$(wildcard arm64/*.c))
LIB_SRCS := $(wildcard lib/*.c lib/*.S)
GUEST_SRCS := $(wildcard guest_code/*.S guest_code/*.c)
SUITE_OBJS := $(patsubst %,$(O)/obj/%.o,$(basename $(LIB_SRCS) $(GUEST_SRCS)))
SUITE_LIB := $(O)/libsmekvm.a
BINS := $(addprefix $(O)/bin/,$(PROGS) $(notdir $(BASELINE)))

.PHONY: all install tarball clean upstream fp
.SECONDARY:
all:

# Goals that build need a kernel tree: the default, all, install, tarball
# and our own files.  Others (clean, the harness targets of harness.mk) do
# not.
ifneq ($(filter all install tarball $(O)/%,$(or $(MAKECMDGOALS),all)),)

ifeq ($(KDIR),)
$(error KDIR is not set: make KDIR=<path to a Linux source tree>)
endif
override KDIR := $(abspath $(KDIR))
KVM_SRC := $(KDIR)/tools/testing/selftests/kvm
ifneq ($(words $(wildcard $(KDIR)/Makefile $(KVM_SRC)/Makefile.kvm $(KDIR)/arch/arm64/tools/sysreg)),3)
$(error KDIR=$(KDIR) is not a Linux source tree: it lacks Makefile, tools/testing/selftests/kvm/Makefile.kvm or arch/arm64/tools/sysreg)
endif

UP_OUT := $(O)/upstream
GEN_DIR := $(O)/tools/
SYSREG_DEFS := $(GEN_DIR)arch/arm64/include/generated/asm/sysreg-defs.h
HDR_STAMP := $(O)/usr/.installed

# A build directory belongs to one kernel tree and toolchain: when they
# change, everything built from the old ones goes.
BUILD_CONF := $(KDIR) $(ARCH) $(CROSS_COMPILE)
$(shell mkdir -p $(O) && \
	if [ "$$(cat $(O)/.build-conf 2>/dev/null)" != '$(BUILD_CONF)' ]; then \
		rm -rf $(addprefix $(O)/,upstream usr tools kbuild obj bin \
			libsmekvm.a kvm-vars.mk .suite-flags); \
		echo '$(BUILD_CONF)' > $(O)/.build-conf; \
	fi)

# Arguments for upstream's makefile.  abs_objdir places the generated
# sysreg-defs.h under $(O)/tools; TMPOUT keeps its try-run scratch
# directory out of the source tree.
UP_ARGS := ARCH=$(ARCH) CROSS_COMPILE=$(CROSS_COMPILE) OUTPUT=$(UP_OUT) \
	   INSTALL_HDR_PATH=$(O)/usr 'KHDR_INCLUDES=-isystem $(O)/usr/include' \
	   abs_objdir=$(O) USERLDFLAGS=-static

# Ask upstream's makefile for its flags and library objects.  Relative
# include paths in its CFLAGS are relative to $(KVM_SRC).
$(O)/kvm-vars.mk: $(KVM_SRC)/Makefile.kvm $(KVM_SRC)/Makefile \
		  $(KDIR)/tools/testing/selftests/lib.mk Makefile
	@mkdir -p $(dir $@)
	@echo '  VARS    $(notdir $@)'
	$(Q)MAKEFLAGS= $(MAKE) -s --no-print-directory -C $(KVM_SRC) $(UP_ARGS) \
		TMPOUT=$(O)/.tmp-vars \
		--eval='smekvm-vars: Makefile ; @printf "KVM_CFLAGS := %s\nKVM_LDFLAGS := %s\nKVM_LDLIBS := %s\nKVM_LIBOBJS := %s\n" "$$(CFLAGS)" "$$(LDFLAGS)" "$$(LDLIBS)" "$$(LIBKVM_OBJS)"' \
		smekvm-vars > $@.tmp
	$(Q)grep -q '^KVM_LIBOBJS := .*kvm_util.o' $@.tmp || \
		{ echo 'error: no library objects from $(KVM_SRC)/Makefile.kvm' >&2; \
		  rm -f $@.tmp; exit 1; }
	$(Q)mv $@.tmp $@

include $(O)/kvm-vars.mk

# -I<relative dir> (and "-I <dir>") of upstream's CFLAGS made absolute.
abs-incs = $(foreach f,$(subst -I ,-I,$(1)),$(if $(filter -I%,$(f)),$(if \
	   $(filter /%,$(f:-I%=%)),$(f),-I$(KVM_SRC)/$(f:-I%=%)),$(f)))

CC := $(CROSS_COMPILE)gcc
AR := $(CROSS_COMPILE)ar
SUITE_CPPFLAGS := -I$(CURDIR) -I$(CURDIR)/lib -I$(O)/include $(if $(SME_CAP),-DKVM_CAP_ARM_SME=$(SME_CAP))
SUITE_CFLAGS := $(call abs-incs,$(KVM_CFLAGS)) $(SUITE_CPPFLAGS)
# Guest payloads written in C must be safe to run in streaming mode.
GUEST_CFLAGS := -mgeneral-regs-only

# Rebuild our objects when the flags change (another SME_CAP, another KDIR).
FLAGS_FILE := $(O)/.suite-flags
$(shell mkdir -p $(O) && { echo '$(CC) $(SUITE_CFLAGS)' | \
	cmp -s - $(FLAGS_FILE) || echo '$(CC) $(SUITE_CFLAGS)' > $(FLAGS_FILE); })

all: $(BINS) fp

$(HDR_STAMP): $(wildcard $(KDIR)/include/uapi/linux/*.h \
			 $(KDIR)/arch/arm64/include/uapi/asm/*.h)
	@echo '  HDRINST $(O)/usr'
	$(Q)mkdir -p $(O)/kbuild
	$(Q)$(MAKE) -s -C $(KDIR) O=$(O)/kbuild ARCH=arm64 \
		INSTALL_HDR_PATH=$(O)/usr headers_install
	$(Q)touch $@

# The SME numbers of the tree's uAPI headers (lib/sme_uapi.h says why).
PROBE_H := $(O)/include/sme_uapi_probe.h
$(PROBE_H): $(HDR_STAMP) $(FLAGS_FILE) scripts/uapi-probe.sh
	@echo '  PROBE   $(notdir $@)'
	$(Q)mkdir -p $(dir $@)
	$(Q)sh scripts/uapi-probe.sh $(CC) $(SUITE_CFLAGS) > $@.tmp && mv $@.tmp $@

$(SYSREG_DEFS): $(KDIR)/arch/arm64/tools/sysreg \
		$(KDIR)/arch/arm64/tools/gen-sysreg.awk
	@echo '  GEN     $(notdir $@)'
	$(Q)mkdir -p $(GEN_DIR)
	$(Q)$(MAKE) -s -C $(KDIR)/tools/arch/arm64/tools OUTPUT=$(GEN_DIR)

# Upstream's own make decides what is out of date in its part; it runs on
# every build.  Its outputs are declared here with empty recipes so that
# our links follow their timestamps.
upstream: $(HDR_STAMP) $(SYSREG_DEFS)
	@echo '  MAKE    $(KVM_SRC)'
	$(Q)$(MAKE) $(if $(Q),-s) -C $(KVM_SRC) $(UP_ARGS) TMPOUT=$(O)/.tmp-up \
		$(KVM_LIBOBJS) $(addprefix $(UP_OUT)/,$(BASELINE))

$(KVM_LIBOBJS) $(addprefix $(UP_OUT)/,$(BASELINE)): upstream ;

# Upstream's arm64 selftests makefile, for the fp directory only.
fp: $(HDR_STAMP)
	@echo '  MAKE    $(KDIR)/tools/testing/selftests/arm64/fp'
	$(Q)$(MAKE) $(if $(Q),-s) -C $(KDIR)/tools/testing/selftests/arm64 \
		ARM64_SUBTARGETS=fp ARCH=$(ARCH) CROSS_COMPILE=$(CROSS_COMPILE) \
		'CC=$(CROSS_COMPILE)gcc -static' OUTPUT=$(FP_OUT) \
		'KHDR_INCLUDES=-isystem $(O)/usr/include' > $(O)/fp-build.log 2>&1 || \
		{ tail -n 20 $(O)/fp-build.log; exit 1; }

$(SUITE_LIB): $(SUITE_OBJS)
	@echo '  AR      $(notdir $@)'
	$(Q)rm -f $@ && $(AR) rcs $@ $^

$(O)/bin/%: $(O)/obj/arm64/%.o $(SUITE_LIB) $(KVM_LIBOBJS)
	@mkdir -p $(dir $@)
	@echo '  LD      $(notdir $@)'
	$(Q)$(CC) $(SUITE_CFLAGS) $(KVM_LDFLAGS) $< $(SUITE_LIB) \
		$(if $(filter $(HOST_PROGS),$*),,$(KVM_LIBOBJS)) $(KVM_LDLIBS) -o $@

define baseline_rule
$(O)/bin/$(notdir $(1)): $(UP_OUT)/$(1)
	@mkdir -p $$(dir $$@)
	$(Q)cp -f $$< $$@
endef
$(foreach t,$(BASELINE),$(eval $(call baseline_rule,$(t))))

$(O)/obj/%.o: %.c $(FLAGS_FILE) | $(HDR_STAMP) $(SYSREG_DEFS) $(PROBE_H)
	@mkdir -p $(dir $@)
	@echo '  CC      $<'
	$(Q)$(CC) $(SUITE_CFLAGS) $(if $(filter guest_code/%,$<),$(GUEST_CFLAGS)) \
		-c $(CURDIR)/$< -o $@

$(O)/obj/%.o: %.S $(FLAGS_FILE) | $(HDR_STAMP) $(SYSREG_DEFS) $(PROBE_H)
	@mkdir -p $(dir $@)
	@echo '  AS      $<'
	$(Q)$(CC) $(SUITE_CFLAGS) -c $(CURDIR)/$< -o $@

-include $(wildcard $(O)/obj/*/*.d)

endif # goals that build

# install_tree DIR: the install directory DIR.
define install_tree
	@echo '  INSTALL $(1)'
	$(Q)install -d $(1)/bin
	$(Q)install -m 0755 $(BINS) $(1)/bin/
	$(Q)rm -rf $(1)/fp && install -d $(1)/fp
	$(Q)find $(FP_OUT)/fp -maxdepth 1 -type f -perm -u+x \
		-exec install -m 0755 {} $(1)/fp/ \;
	$(Q)install -m 0755 scripts/fp-kselftest $(1)/bin/fp-kselftest
	$(Q)install -m 0644 tests.list $(1)/tests.list
	$(Q)$(if $(RUN_TESTS),install -m 0755 $(RUN_TESTS) $(1)/run_tests.sh,:)
	$(Q)$(if $(wildcard lib/kernel-reports.txt),install -m 0644 \
		lib/kernel-reports.txt $(1)/kernel-reports.txt,:)
	$(Q)$(if $(wildcard expected),rm -rf $(1)/expected && \
		cp -R expected $(1)/expected,:)
	$(Q)$(if $(wildcard rules.list),install -m 0644 rules.list doc/abi.md \
		lib/rule-verdict.awk $(1)/ && \
		awk -f lib/rule-verdict.awk -v mkindex=1 rules.list expected/* | \
		LC_ALL=C sort > $(1)/rules.index,:)
	$(Q)$(if $(RUN_TESTS),install -m 0755 scripts/kselftest-entry \
		$(1)/bin/kselftest-entry && \
		install -m 0755 $(KSFT_SRC)/run_kselftest.sh $(1)/ && \
		install -d $(1)/kselftest && \
		install -m 0755 $(KSFT_LIB) $(1)/kselftest/ && \
		sh scripts/kselftest-entry --install $(1),:)
endef

install: all
	$(if $(DESTDIR),,$(error make install needs DESTDIR=<dir>))
	$(call install_tree,$(DESTDIR))

tarball: all
	$(Q)rm -rf $(TAR_STAGE)
	$(call install_tree,$(TAR_STAGE)/smekvm)
	@echo '  TAR     $(TARBALL)'
	$(Q)tar -czf $(abspath $(TARBALL)) -C $(TAR_STAGE) smekvm

clean:
	$(if $(filter-out /,$(O)),,$(error refusing to clean O=$(O)))
	rm -rf $(O)

# The one-command harness targets (make run, make check, ...).
-include harness.mk
