/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sme_profile.h - which implementation's choices the suite expects.
 *
 * doc/abi.md follows the upstream proposal "KVM: arm64: Implement
 * support for SME" and marks with [ours] where this project differs from
 * it or decides what it leaves open.  Those [ours] expectations live here,
 * and nowhere else: a test that checks one asks smekvm_profile_has() first
 * and, when the profile does not have the rule, skips that check with
 * smekvm_profile_skip_reason() (or checks the profile's alternative, where
 * this file names one), so that a kernel following the proposal still
 * gets a real verdict on everything else.
 *
 * Profiles, selected by SMEKVM_PROFILE in the environment:
 *
 *  ours      (default) every [ours] rule of doc/abi.md, as hyp_patches does;
 *  proposal  the upstream proposal as of v12: SVCR is listed among the
 *            system registers (after the vector state), and the rules
 *            the proposal leaves open are not checked.
 *
 * An unknown SMEKVM_PROFILE is a setup error (the program exits with
 * KSFT_FAIL and says which profiles exist).  Rules are only ever added to
 * enum smekvm_rule, never renumbered or renamed.
 */
#ifndef SMEKVM_SME_PROFILE_H
#define SMEKVM_SME_PROFILE_H

#include <stdbool.h>

enum smekvm_rule {
	/*
	 * abi-reglist-svcr-first: KVM_GET_REG_LIST names SVCR first on vcpus
	 * with SME, so that restoring in list order is safe.  Without it (the
	 * proposal), SVCR is among the system registers, after the vector
	 * registers, and a restore in list order loses the vector state.
	 */
	SMEKVM_RULE_LIST_SVCR_FIRST,
	/*
	 * abi-onereg-order: when several rows of the error table apply, the
	 * first wins (ENOENT, EINVAL, EBUSY, EPERM, EFAULT).  Without it any
	 * of the errnos that apply is accepted.
	 */
	SMEKVM_RULE_ERROR_ORDER,
	/* abi-smcr-user-mask: userspace writes of SMCR_EL1 are masked. */
	SMEKVM_RULE_SMCR_EL1_USER_MASKED,
	/*
	 * abi-idreg-pfr1-sme-zero-refused, abi-idreg-refused-einval:
	 * ID_AA64PFR1_EL1.SME -> 0 on an SME vcpu: EINVAL.
	 */
	SMEKVM_RULE_PFR1_SME_ZERO_EINVAL,
	/* abi-pvm-init-einval: a protected VM asking for SME gets EINVAL. */
	SMEKVM_RULE_PROTECTED_VM_EINVAL,
	/*
	 * abi-nv-el2-init-einval: SME with KVM_ARM_VCPU_HAS_EL2 is EINVAL
	 * unless guest hypervisors get SME virtualised correctly.
	 */
	SMEKVM_RULE_NESTED_SME_EINVAL,
	/*
	 * abi-onereg-sve-group-sme, hyp_patches' choice where upstream leaves
	 * room: an unknown index or wrong size in the SVE group (coproc 0x15)
	 * is ENOENT on a vcpu with SME (EINVAL without SME, as before:
	 * abi-onereg-sve-group-nosme).
	 */
	SMEKVM_RULE_SVE_GROUP_UNKNOWN_ENOENT,
	/* abi-stats-*: per-vcpu FP/SVE/SME load and save counters. */
	SMEKVM_RULE_STATS_COUNTERS,
	/*
	 * abi-smidr-user-write, hyp_patches' choice: SMIDR_EL1 accepts only
	 * its own value from userspace (anything else EINVAL).
	 */
	SMEKVM_RULE_SMIDR_SAME_VALUE_ONLY,
	/*
	 * abi-cap-feature-bit: KVM_ARM_VCPU_SME is bit 9 in the uAPI headers
	 * (the proposal names no number).
	 */
	SMEKVM_RULE_UAPI_NUMBERS,
	SMEKVM_NR_RULES
};

enum smekvm_profile_id {
	SMEKVM_PROFILE_OURS,
	SMEKVM_PROFILE_PROPOSAL,
	SMEKVM_NR_PROFILES
};

/* The profile SMEKVM_PROFILE selects (read once), default "ours". */
enum smekvm_profile_id smekvm_profile(void);
const char *smekvm_profile_name(void);

/* Whether the selected profile expects rule @rule. */
bool smekvm_profile_has(enum smekvm_rule rule);

/* A short name of @rule, e.g. "SVCR first in KVM_GET_REG_LIST". */
const char *smekvm_rule_name(enum smekvm_rule rule);

/*
 * The reason to give when a check of @rule is skipped because the
 * profile does not have it: "profile proposal: <rule name> is [ours]".
 * Points to static storage, valid until the next call.
 */
const char *smekvm_profile_skip_reason(enum smekvm_rule rule);

/* A line for the test's log: "profile: ours (SMEKVM_PROFILE)". */
void smekvm_profile_print(void);

#endif /* SMEKVM_SME_PROFILE_H */
