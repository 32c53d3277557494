/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sme_stats.h - the per-vcpu counters of FP/SVE, streaming Z/P, ZA and
 * ZT0 loads and saves in KVM's binary statistics (abi-stats-*, [ours]).
 * Other implementations need not have them: callers skip.
 */
#ifndef SMEKVM_SME_STATS_H
#define SMEKVM_SME_STATS_H

#include <stdbool.h>
#include <linux/types.h>

#include <kvm_util.h>

/* One counter per state class and direction, in this order. */
enum smekvm_fp_stat {
	SMEKVM_STAT_FP_SVE_LOAD,
	SMEKVM_STAT_FP_SVE_SAVE,
	SMEKVM_STAT_SSVE_LOAD,
	SMEKVM_STAT_SSVE_SAVE,
	SMEKVM_STAT_ZA_LOAD,
	SMEKVM_STAT_ZA_SAVE,
	SMEKVM_STAT_ZT0_LOAD,
	SMEKVM_STAT_ZT0_SAVE,
	SMEKVM_NR_FP_STATS,
};

struct smekvm_fp_stats {
	__u64 v[SMEKVM_NR_FP_STATS];
};

/* The counter's name in the binary statistics, e.g. "za_load". */
const char *smekvm_fp_stat_name(enum smekvm_fp_stat s);

/*
 * Read every counter of @vcpu into @s.  Returns false, and leaves @s
 * zeroed, when the kernel lacks any of them.
 */
bool smekvm_read_fp_stats(struct kvm_vcpu *vcpu, struct smekvm_fp_stats *s);

#endif /* SMEKVM_SME_STATS_H */
