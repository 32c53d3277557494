/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sme_settings.h - what a run asks of the test programs through the
 * environment, read in one place.
 *
 *   SMEKVM_TIER=ci|full  how much a program does (run_tests.sh --tier);
 *                        anything but "full" is the CI tier
 *   SMEKVM_ITERS=N       a program's iteration count, instead of its
 *                        tier's default
 *   SMEKVM_SEED=N        the seed of a program's pseudo-random choices
 *                        (run_tests.sh --seed); without it, one from the
 *                        clock.  Printed with how to reproduce the run.
 *   SMEKVM_ALL_VLS=1     every vector length, also where only the
 *                        smallest and the largest would run
 *
 * and the numeric settings of a single program (smekvm_setting_uint()).
 * Numbers are read as C literals (10, 0x10, 010); an empty setting is an
 * unset one.  SMEKVM_CASE (case_filter.h), SMEKVM_PROFILE (sme_profile.h),
 * SMEKVM_HOST_SME (host_sme_load.h) and NV (sme_el2.h) are read by the
 * modules that use them.
 */
#ifndef SMEKVM_SME_SETTINGS_H
#define SMEKVM_SME_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>

/* The value of setting @name, NULL when it is unset or empty. */
const char *smekvm_setting(const char *name);

/*
 * Setting @name as a number, limited to [@min, @max]; @def when it is
 * unset or not a number.
 */
unsigned long smekvm_setting_uint(const char *name, unsigned long def,
				  unsigned long min, unsigned long max);

/* Whether SMEKVM_TIER asks for the full tier. */
bool smekvm_tier_full(void);

/*
 * A program's iteration count: SMEKVM_ITERS when it is a number of at
 * least @min, else @full in the full tier and @ci in the CI tier.
 */
unsigned long smekvm_iters(unsigned long ci, unsigned long full,
			   unsigned long min);

/*
 * The seed: SMEKVM_SEED, or one from the clock; the same on every call.
 * The first call prints it and how to reproduce the run, so make it
 * after ksft_print_header().
 */
__u64 smekvm_seed(void);

/*
 * Pseudo-random data reproducible from the seed (xorshift64*): a
 * generator started from smekvm_seed() and @salt, so that what a case
 * draws depends on the seed and the case, not on what ran before.
 */
struct smekvm_rng {
	__u64 state;
};

void smekvm_rng_init(struct smekvm_rng *r, __u64 salt);
__u64 smekvm_rng_next(struct smekvm_rng *r);
/* @len bytes, each the top byte of a draw. */
void smekvm_rng_fill(struct smekvm_rng *r, void *buf, size_t len);

/*
 * Whether a test that creates one VM per vector length runs at every
 * length the host offers, or at the smallest and the largest only: all
 * of them, except in protected mode (where creating a VM takes seconds
 * under TCG) unless the full tier or SMEKVM_ALL_VLS=1 asks for them.
 */
bool smekvm_sweep_all_vls(void);

#endif /* SMEKVM_SME_SETTINGS_H */
