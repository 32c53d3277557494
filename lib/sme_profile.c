// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_profile.c - the [ours] expectations of doc/abi.md, in one place.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kselftest.h"
#include "sme_profile.h"

/* Each rule: its ID in doc/abi.md (the first, where it has several). */
static const struct {
	const char *id;
	const char *what;
} rules[SMEKVM_NR_RULES] = {
	[SMEKVM_RULE_LIST_SVCR_FIRST] = {
		"abi-reglist-svcr-first", "SVCR first in KVM_GET_REG_LIST" },
	[SMEKVM_RULE_ERROR_ORDER] = {
		"abi-onereg-order", "the order of the ONE_REG error checks" },
	[SMEKVM_RULE_SMCR_EL1_USER_MASKED] = {
		"abi-smcr-user-mask", "masking of userspace SMCR_EL1 writes" },
	[SMEKVM_RULE_PFR1_SME_ZERO_EINVAL] = {
		"abi-idreg-pfr1-sme-zero-refused",
		"EINVAL for ID_AA64PFR1_EL1.SME=0 on an SME vcpu" },
	[SMEKVM_RULE_PROTECTED_VM_EINVAL] = {
		"abi-pvm-init-einval", "EINVAL for SME in a protected VM" },
	[SMEKVM_RULE_NESTED_SME_EINVAL] = {
		"abi-nv-el2-init-einval",
		"EINVAL for SME with KVM_ARM_VCPU_HAS_EL2" },
	[SMEKVM_RULE_SVE_GROUP_UNKNOWN_ENOENT] = {
		"abi-onereg-sve-group-sme",
		"ENOENT for unknown SVE group IDs on SME vcpus" },
	[SMEKVM_RULE_STATS_COUNTERS] = {
		"abi-stats-present", "SME load and save statistics" },
	[SMEKVM_RULE_SMIDR_SAME_VALUE_ONLY] = {
		"abi-smidr-user-write", "SMIDR_EL1 accepting only its own value" },
	[SMEKVM_RULE_UAPI_NUMBERS] = {
		"abi-cap-feature-bit", "KVM_ARM_VCPU_SME being bit 9" },
};

struct profile {
	const char *name;
	unsigned long long rules;	/* bit n: enum smekvm_rule n (< 64) */
};

#define ALL_RULES	((1ULL << SMEKVM_NR_RULES) - 1)

static const struct profile profiles[SMEKVM_NR_PROFILES] = {
	[SMEKVM_PROFILE_OURS]		= { "ours", ALL_RULES },
	/* The proposal decides none of the [ours] rules the same way. */
	[SMEKVM_PROFILE_PROPOSAL]	= { "proposal", 0 },
};

static int selected = -1;

enum smekvm_profile_id smekvm_profile(void)
{
	const char *env;
	int i;

	if (selected >= 0)
		return selected;

	env = getenv("SMEKVM_PROFILE");
	if (!env || !*env) {
		selected = SMEKVM_PROFILE_OURS;
		return selected;
	}
	for (i = 0; i < SMEKVM_NR_PROFILES; i++) {
		if (!strcmp(env, profiles[i].name)) {
			selected = i;
			return selected;
		}
	}
	ksft_exit_fail_msg("SMEKVM_PROFILE=%s: unknown profile (ours or proposal)\n",
			   env);
}

const char *smekvm_profile_name(void)
{
	return profiles[smekvm_profile()].name;
}

bool smekvm_profile_has(enum smekvm_rule rule)
{
	if (rule < 0 || rule >= SMEKVM_NR_RULES)
		return false;
	return profiles[smekvm_profile()].rules & (1ULL << rule);
}

const char *smekvm_rule_name(enum smekvm_rule rule)
{
	if (rule < 0 || rule >= SMEKVM_NR_RULES)
		return "unknown rule";
	return rules[rule].what;
}

const char *smekvm_profile_skip_reason(enum smekvm_rule rule)
{
	static char buf[160];

	snprintf(buf, sizeof(buf), "profile %s: %s is [ours] (%s)",
		 smekvm_profile_name(), rules[rule].id, smekvm_rule_name(rule));
	return buf;
}

void smekvm_profile_print(void)
{
	const char *env = getenv("SMEKVM_PROFILE");

	ksft_print_msg("profile: %s%s\n", smekvm_profile_name(),
		       env && *env ? " (SMEKVM_PROFILE)" : " (default)");
}
