# SPDX-License-Identifier: GPL-2.0-only
#
# harness.mk - the one-command targets, included by the Makefile. Each
# installs what it needs into the dependency cache (scripts/deps.sh), builds
# the kernels and the suite, and boots QEMU. See README.md.
#
#   make run [CONFIGS="max-vhe ..."]   the main job (default max-vhe);
#            [PROFILE=proposal]        PROFILE=: the ABI profile (default ours)
#   make check                         the CI tier: every configuration
#   make full [CONFIGS=...]            the full tier, resumable (with lava-check's
#                                      LAVA run of max-vhe and
#                                      results-check of its page)
#   make lava-check [CONFIGS=max-vhe]  one configuration under the harness
#                                      and as a LAVA job run by LAVA's
#                                      lava-run: same results (doc/lava.md)
#   make kselftest-check [CONFIGS=max-vhe]  one configuration under the
#                                      harness and under the kernel's
#                                      run_kselftest.sh: same verdicts
#   make lava-jobs [LAVA_URL=...]      the LAVA jobs of every configuration,
#                                      in build/lava/jobs (doc/lava.md)
#   make bench                         timings of every phase
#   make bench-compare [A=...] [B=...] exit round trips per second of two
#            [CONFIGS=...] [ROUNDS=n] kernels, side by side (default ours,
#            [ITERS=n]                 unpatched; max-vhe; 3 rounds; 5000
#                                      exits per state); never part of
#                                      make check
#   make expected [CONFIGS=...]        regenerate expected/ from the last run
#   make selftest                      the harness and runner self-tests
#                                      (and a made-up run's results page
#                                      in a headless browser)
#   make results-check [RUN=dir]       a run's results page (index.html,
#                                      every run writes one, and
#                                      CONFIG/junit.xml) opened in a
#                                      headless browser: every test and
#                                      configuration has its cell;
#                                      screenshot index.png (default
#                                      RUN: build/runs/latest)
#   make deps                          only the dependency cache
#   make kernels                       only the kernels, suite and initramfs
#   make mutations [MUTATIONS="01-..."] proof of detection: each kernel
#                                      mutation of mutations/ is caught
#   make soak [ROUNDS=n]               the run-time tests from cold boots,
#                                      over and over (doc/lockups.md); never
#                                      beside CI
#   make soak-totals                   what doc/soak.log adds up to
#   make checkpatch                    checkpatch --strict on the C and on
#                                      hyp_patches/ (scripts/checkpatch.sh)

SUITE_SH := sh $(CURDIR)/scripts/suite.sh

.PHONY: run check full bench bench-compare expected selftest deps kernels \
	mutations soak soak-totals checkpatch lava-check kselftest-check lava-jobs \
	results-check
run:
	$(SUITE_SH) run $(CONFIGS)
check:
	$(SUITE_SH) check
full:
	$(SUITE_SH) full $(CONFIGS)
lava-check:
	$(SUITE_SH) lava-check $(CONFIGS)
kselftest-check:
	$(SUITE_SH) kselftest-check $(CONFIGS)
lava-jobs:
	sh $(CURDIR)/scripts/lava-jobs.sh $(if $(LAVA_URL),--url $(LAVA_URL)) $(CONFIGS)
bench:
	$(SUITE_SH) bench
bench-compare:
	ROUNDS="$(ROUNDS)" ITERS="$(ITERS)" sh $(CURDIR)/scripts/bench-compare.sh "$(A)" "$(B)" $(CONFIGS)
expected:
	$(SUITE_SH) expected $(CONFIGS)
selftest:
	$(SUITE_SH) selftest
results-check:
	$(SUITE_SH) results-check $(RUN)
deps:
	sh $(CURDIR)/scripts/deps.sh
kernels:
	$(SUITE_SH) build

# The optional "proposal" kernel: hyp_patches/series plus
# hyp_patches/optional/proposal-reg-order.patch (SVCR listed among the
# system registers, as in the upstream proposal), in build/kernel/proposal.
.PHONY: kernel-proposal
kernel-proposal:
	sh $(CURDIR)/scripts/build-proposal.sh

mutations:
	sh $(CURDIR)/scripts/mutate.sh $(MUTATIONS)

soak:
	sh $(CURDIR)/scripts/soak.sh $(ROUNDS)
soak-totals:
	sh $(CURDIR)/scripts/soak.sh totals
checkpatch:
	sh $(CURDIR)/scripts/checkpatch.sh
