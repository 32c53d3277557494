/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sme_check.h - compare a vcpu with the reference model (sme_model.h),
 * register by register, and name every difference.
 *
 * Values written by the tests are the patterns of sme_pattern.h, tagged
 * with smekvm_id_tag(register ID, step number): every byte depends on
 * the register ID, the byte's position and the step, so a wrong value
 * can be traced to the step (below 64) that wrote it ("Z3 holds the
 * value of step 1, expected zero").
 *
 * Needs the KVM selftests library.
 */
#ifndef SMEKVM_SME_CHECK_H
#define SMEKVM_SME_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>

#include <kvm_util.h>

#include "sme_model.h"

/* Bit (1 << enum smekvm_reg_class) per class to compare. */
#define SMEKVM_CHECK_CLASS(rc)	(1U << (rc))
#define SMEKVM_CHECK_ALL	(~0U)

struct smekvm_check {
	/* Prefix of every report, e.g. the case name. */
	const char *prefix;
	/* Print at most this many differences per call (0: no limit). */
	unsigned int max_reports;
	/* Accept any errno smekvm_model_access_errs() allows. */
	bool any_error_order;
	/* Counted over all calls. */
	unsigned int mismatches;
	unsigned int accesses;
};

/*
 * Read every register of the classes in @classes from @vcpu, compare
 * errnos and values (the whole payload, padding included) with @m, print
 * a line per difference (through ksft_print_msg) and return how many
 * there were.  Z, P, V: all 32/16 registers; ZA: every row that exists
 * and the first one that does not; FFR, ZT0, SVCR, FPSR, FPMR, the VLS
 * registers: the register.  @when says when the check runs ("after step
 * 3: SVCR SM=1,ZA=0").
 */
unsigned int smekvm_check_vcpu(struct smekvm_check *c, struct kvm_vcpu *vcpu,
			       const struct smekvm_model *m,
			       unsigned int classes, const char *when);

/* Compare one register; same reporting. */
unsigned int smekvm_check_reg(struct smekvm_check *c, struct kvm_vcpu *vcpu,
			      const struct smekvm_model *m, __u64 id,
			      const char *when);

#endif /* SMEKVM_SME_CHECK_H */
