/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sme_sweep.h - how many vector lengths a test sweeps.
 *
 * Tests that create one VM per SVL run at every SVL the host offers,
 * except in protected mode, where creating a VM takes seconds under TCG:
 * there they run at the smallest and the largest only, unless the full
 * tier (SMEKVM_TIER=full) or SMEKVM_ALL_VLS=1 asks for all.
 */
#ifndef SMEKVM_SME_SWEEP_H
#define SMEKVM_SME_SWEEP_H

#include <stdbool.h>

/* Whether to run at every offered VL (else the smallest and largest). */
bool smekvm_sweep_all_vls(void);

#endif /* SMEKVM_SME_SWEEP_H */
